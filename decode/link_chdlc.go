package decode

import (
	"encoding/binary"
	"fmt"
	"net/netip"
	"strconv"
)

// Cisco HDLC (LINKTYPE_C_HDLC, 104), the framing of Cisco serial links: an
// address byte, a control byte and a protocol word that is an EtherType
// for IP, IPv6, MPLS and bridged Ethernet, but Cisco's own for SLARP (the
// keepalives and address requests of the line, 0x8035, RARP's EtherType
// elsewhere) and OSI (0xfefe: IS-IS and CLNP follow). Shown as tshark 4.0's
// packet-chdlc.c and packet-slarp.c show them. Hand-written: gopacket has
// no Cisco HDLC layer.

const (
	LinkCHDLC uint16 = 104

	chdlcHeaderLen = 4
	chdlcSLARP     = 0x8035
	// EtherTypeCHDLCOSI is the protocol word under which Cisco HDLC
	// carries OSI network-layer PDUs; the PDU's first byte (NLPID) names
	// which (IS-IS is 0x83).
	EtherTypeCHDLCOSI EtherType = 0xfefe
)

// chdlcLayer and slarpLayer declare the filter fields of the link tree.
var (
	chdlcLayer = &Dissector{Name: "chdlc", Fields: []FieldDef{
		{Name: "chdlc.address", Desc: "Address", Kind: FieldUint, Bits: 8},
		{Name: "chdlc.control", Desc: "Control", Kind: FieldUint, Bits: 8},
		{Name: "chdlc.protocol", Desc: "Protocol", Kind: FieldUint, Bits: 16},
	}}
	slarpLayer = &Dissector{Name: "slarp", Fields: []FieldDef{
		{Name: "slarp.ptype", Desc: "Packet type", Kind: FieldUint, Bits: 32},
		{Name: "slarp.address", Desc: "Address", Kind: FieldIPv4},
		{Name: "slarp.netmask", Desc: "Netmask", Kind: FieldIPv4},
		{Name: "slarp.mysequence", Desc: "Outgoing sequence number", Kind: FieldUint, Bits: 32},
		{Name: "slarp.yoursequence", Desc: "Returned sequence number", Kind: FieldUint, Bits: 32},
		{Name: "slarp.reliability", Desc: "Reliability", Kind: FieldUint, Bits: 16},
	}}
)

func init() {
	register(chdlcLayer)
	register(slarpLayer)
	// IS-IS (the NLPID 0x83 PDUs) behind Cisco HDLC's OSI protocol word
	RegisterEtherType(isis, EtherTypeCHDLCOSI)
}

// chdlcProtocols are the protocol words packet-chdlc.c names; it hands
// only these on, the rest are data.
var chdlcProtocols = map[uint16]string{
	0x0800: "IP", 0x86dd: "IPv6", uint16(EtherTypeCDP): "Cisco Discovery Protocol", uint16(EtherTypeCHDLCOSI): "OSI",
	0x8847: "MPLS unicast", 0x8848: "MPLS multicast", chdlcSLARP: "SLARP", etherTEB: "Transparent Ethernet bridging",
}

// chdlc reads the packet behind a Cisco HDLC header.
func (h *Headers) chdlc(b []byte) {
	if len(b) < chdlcHeaderLen {
		return
	}
	et := binary.BigEndian.Uint16(b[2:])
	switch et {
	case 0x0800, 0x86dd, 0x8847, 0x8848, etherTEB:
		h.etherType(et, b[chdlcHeaderLen:])
	default:
		// CDP and OSI go to their dissectors as link payloads (Protocol
		// and Info come from them), SLARP to describe, others are data
		h.EtherType, h.LinkPayload = et, b[chdlcHeaderLen:]
	}
}

// describeCHDLC names a Cisco HDLC packet that carries no IP: SLARP, a
// protocol word tshark does not know (Protocol its hex value, Info empty),
// a header or IP packet cut short.
func describeCHDLC(h *Headers) (string, string, bool) {
	if h.Link != LinkCHDLC || h.Net != 0 {
		return "", "", false
	}
	if len(h.raw) < chdlcHeaderLen || h.EtherType == 0x0800 || h.EtherType == 0x86dd {
		return "CHDLC", malformedMark, true
	}
	if h.EtherType == chdlcSLARP {
		return "SLARP", slarpInfo(h.LinkPayload), true
	}
	if _, ok := chdlcProtocols[h.EtherType]; !ok {
		return fmt.Sprintf("0x%04x", h.EtherType), "", true
	}
	return "", "", false
}

// SLARP packet types (Cisco Serial Line Address Resolution Protocol).
const (
	slarpRequest   = 0
	slarpReply     = 1
	slarpKeepalive = 2
)

// slarpInfo is the Info text of a SLARP packet: packet-slarp.c writes it
// once the fields it names are read, so a packet cut before them is only
// malformed, and a keepalive without its reliability word is both.
func slarpInfo(b []byte) string {
	if len(b) < 4 {
		return malformedMark
	}
	switch t := binary.BigEndian.Uint32(b); t {
	case slarpRequest, slarpReply:
		if len(b) < 12 {
			return malformedMark
		}
		kind := "Request"
		if t == slarpReply {
			kind = "Reply"
		}
		return kind + ", from " + netip.AddrFrom4([4]byte(b[4:8])).String() + ", mask " + netip.AddrFrom4([4]byte(b[8:12])).String()
	case slarpKeepalive:
		if len(b) < 12 {
			return malformedMark
		}
		s := "Line keepalive, outgoing sequence " + strconv.FormatUint(uint64(binary.BigEndian.Uint32(b[4:])), 10) +
			", returned sequence " + strconv.FormatUint(uint64(binary.BigEndian.Uint32(b[8:])), 10)
		if len(b) < 14 {
			s += malformedMark
		}
		return s
	default:
		return fmt.Sprintf("Unknown packet type 0x%08X", t)
	}
}

// chdlc is the details tree of a Cisco HDLC header, then of its payload.
func (d *dissector) chdlc() {
	if !d.has(0, chdlcHeaderLen) {
		d.malformed(0)
		return
	}
	addr, et := d.u8(0), d.u16(2)
	addrName := map[int]string{0x0f: "Unicast", 0x8f: "Multicast"}[addr]
	if addrName == "" {
		addrName = "Unknown"
	}
	protoName, ok := chdlcProtocols[uint16(et)]
	if !ok {
		protoName = "Unknown"
	}
	d.out = append(d.out, Field{Name: "chdlc", Label: "Cisco HDLC", Len: chdlcHeaderLen, Kind: FieldProto, Children: []Field{
		UintField("chdlc.address", fmt.Sprintf("Address: %s (0x%02x)", addrName, addr), 0, 1, uint64(addr)),
		UintField("chdlc.control", fmt.Sprintf("Control: 0x%02x", d.u8(1)), 1, 1, uint64(d.u8(1))),
		UintField("chdlc.protocol", fmt.Sprintf("Protocol: %s (0x%04x)", protoName, et), 2, 2, uint64(et)),
	}})
	switch et {
	case 0x0800, 0x86dd, 0x8847, 0x8848, etherTEB:
		d.etherPayload(et, chdlcHeaderLen)
	case chdlcSLARP:
		d.slarp(chdlcHeaderLen)
	default:
		d.rest(chdlcHeaderLen)
	}
}

// slarp is the details tree of a SLARP packet at off.
func (d *dissector) slarp(off int) {
	if !d.has(off, 4) {
		d.malformed(off)
		return
	}
	t := d.u32(off)
	f := Field{Name: "slarp", Label: "Cisco SLARP", Start: off, Len: min(14, len(d.data)-off), Kind: FieldProto}
	typeName := map[uint32]string{slarpRequest: "Request", slarpReply: "Reply", slarpKeepalive: "Line keepalive"}[t]
	if typeName == "" {
		typeName = "Unknown"
	}
	f.Children = append(f.Children, UintField("slarp.ptype", fmt.Sprintf("Packet type: %s (%d)", typeName, t), off, 4, uint64(t)))
	switch t {
	case slarpRequest, slarpReply:
		if d.has(off+4, 8) {
			a, m := netip.AddrFrom4([4]byte(d.data[off+4:off+8])), netip.AddrFrom4([4]byte(d.data[off+8:off+12]))
			f.Children = append(f.Children,
				Field{Name: "slarp.address", Label: "Address: " + a.String(), Start: off + 4, Len: 4, Kind: FieldIPv4, Num: uint64(d.u32(off + 4))},
				Field{Name: "slarp.netmask", Label: "Netmask: " + m.String(), Start: off + 8, Len: 4, Kind: FieldIPv4, Num: uint64(d.u32(off + 8))})
		}
	case slarpKeepalive:
		if d.has(off+4, 8) {
			f.Children = append(f.Children,
				UintField("slarp.mysequence", fmt.Sprintf("Outgoing sequence number: %d", d.u32(off+4)), off+4, 4, uint64(d.u32(off+4))),
				UintField("slarp.yoursequence", fmt.Sprintf("Returned sequence number: %d", d.u32(off+8)), off+8, 4, uint64(d.u32(off+8))))
		}
		if d.has(off+12, 2) {
			f.Children = append(f.Children, UintField("slarp.reliability", fmt.Sprintf("Reliability: 0x%04x", d.u16(off+12)), off+12, 2, uint64(d.u16(off+12))))
		}
	default:
		// an unknown type's layer spans the bytes, which are data
		f.Len = len(d.data) - off
		d.out = append(d.out, f)
		d.rest(off + 4)
		return
	}
	d.out = append(d.out, f)
}
