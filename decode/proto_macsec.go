package decode

import (
	"encoding/binary"
	"fmt"
	"strings"
)

// IEEE 802.1AE MACsec (EtherType 0x88e5) as packet-macsec.c in Wireshark
// 4.0 shows it. A frame whose TCI has neither the E (encryption) nor the C
// (changed text) bit set is integrity-protected only: its user data is the
// original EtherType and payload, which tshark hands on to the EtherType
// table, so that the inner protocol names the packet; the headers parser
// follows it as an outer layer (EncapMACsec). Every other frame reads
// "MACSEC" / "MACsec frame" with its secure data undissected. A frame
// whose version bit is set, or that holds no more than the SecTAG and the
// 16-byte ICV, is refused, and the EtherType's own name stands.

// etherMACsec is MACsec's EtherType.
const etherMACsec EtherType = 0x88e5

// macsecICVLen is the length of the integrity check value the default
// cipher suites append, which packet-macsec.c always assumes.
const macsecICVLen = 16

// macsecSecTAG reads a SecTAG at the start of b: its length (6, or 14
// with an SCI) and whether tshark's dissector takes the frame.
func macsecSecTAG(b []byte) (int, bool) {
	if len(b) < 1 || b[0]&0x80 != 0 {
		return 0, false
	}
	n := 6
	if b[0]&0x20 != 0 {
		n = 14
	}
	return n, len(b) > n+macsecICVLen
}

// macsecIntegrityOnly says a SecTAG's E and C bits are both clear.
func macsecIntegrityOnly(tci byte) bool { return tci&0x0c == 0 }

// macsec follows an integrity-only MACsec frame to the EtherType and the
// payload it protects. 4.0's dissector hands on everything after the
// inner EtherType, the ICV included, whatever the short length says: the
// inner protocol's own length leaves the ICV as trailer.
func (h *Headers) macsec(b []byte) {
	n, ok := macsecSecTAG(b)
	if !ok || !macsecIntegrityOnly(b[0]) || !h.push(EncapMACsec, b, 0, false) {
		h.LinkPayload = b
		return
	}
	et, b := binary.BigEndian.Uint16(b[n:]), b[n+2:]
	for et == 0x8100 || et == 0x88a8 || et == 0x9100 {
		// the EtherType table goes on with an 802.1Q tag inside
		if len(b) < 4 {
			h.EtherType, h.LinkPayload = et, b
			return
		}
		if h.NumVLAN < len(h.VLANs) {
			h.VLANs[h.NumVLAN] = binary.BigEndian.Uint16(b) & 0x0fff
			h.NumVLAN++
		}
		et, b = binary.BigEndian.Uint16(b[2:]), b[4:]
	}
	h.etherType(et, b)
}

// macsecInnerInfo is the Info column of an integrity-only MACsec frame
// whose inner EtherType nothing dissects and Wireshark does not name:
// the MACsec dissector's text stands.
const macsecInnerInfo = "MACsec frame"

var macsec = &Dissector{
	Name: "macsec",
	Dissect: func(p *PDU, out *Out) bool {
		b := p.Data
		n, ok := macsecSecTAG(b)
		if !ok {
			return false
		}
		out.SetProto("MACSEC")
		out.SetInfo("MACsec frame")
		if out.WantTree {
			f, data := macsecLayer(b)
			out.Add(f)
			if data > 0 {
				out.Add(Field{Label: fmt.Sprintf("Data (%d bytes)", data), Start: n, Len: data})
			}
		}
		return true
	},
	Fields: []FieldDef{
		{Name: "macsec.TCI", Desc: "TAG Control Information", Kind: FieldUint, Bits: 8},
		{Name: "macsec.TCI.V", Desc: "Version", Kind: FieldUint, Bits: 8},
		{Name: "macsec.TCI.ES", Desc: "End Station", Kind: FieldBool},
		{Name: "macsec.TCI.SC", Desc: "Secure Channel", Kind: FieldBool},
		{Name: "macsec.TCI.SCB", Desc: "Single Copy Broadcast", Kind: FieldBool},
		{Name: "macsec.TCI.E", Desc: "Encryption", Kind: FieldBool},
		{Name: "macsec.TCI.C", Desc: "Changed Text", Kind: FieldBool},
		{Name: "macsec.AN", Desc: "Association Number", Kind: FieldUint, Bits: 8},
		{Name: "macsec.SL", Desc: "Short length", Kind: FieldUint, Bits: 8},
		{Name: "macsec.PN", Desc: "Packet number", Kind: FieldUint, Bits: 32},
		{Name: "macsec.SCI.system_identifier", Desc: "System Identifier", Kind: FieldEther},
		{Name: "macsec.SCI.port_identifier", Desc: "Port Identifier", Kind: FieldUint, Bits: 16},
		{Name: "macsec.etype", Desc: "Ethertype", Kind: FieldUint, Bits: 16},
		{Name: "macsec.ICV", Desc: "ICV", Kind: FieldBytes},
	},
}

func init() { RegisterEtherType(macsec, etherMACsec) }

// MACsecTree is the "802.1AE Security tag" layer of a MACsec frame that
// macsecSecTAG accepts, b starting at the SecTAG, with offsets relative to
// b.
func MACsecTree(b []byte) Field {
	f, _ := macsecLayer(b)
	return f
}

// macsecLayer builds the SecTAG layer and says how many bytes of secure
// data follow it (the short length when one is given, else all up to the
// ICV): an integrity-only frame's layer also spans the inner EtherType.
func macsecLayer(b []byte) (Field, int) {
	n, _ := macsecSecTAG(b)
	tci := uint32(b[0])
	data := len(b) - n - macsecICVLen
	if sl := int(b[1]); sl != 0 {
		data = min(sl, len(b)-n) // the ICV then follows the short length's bytes
	}
	size := n
	integrity := macsecIntegrityOnly(b[0])
	if integrity {
		size += 2
	}
	flagged := []string{fmt.Sprintf("VER: 0x%x", tci>>7)}
	bits := []struct {
		mask       uint32
		name, desc string
	}{{0x40, "ES", "ES"}, {0x20, "SC", "SC"}, {0x10, "SCB", "SCB"}, {0x08, "E", "E"}, {0x04, "C", "C"}}
	kids := []Field{UintField("macsec.TCI.V", fmt.Sprintf("%s = VER: 0x%x", bitString(tci, 8, 0x80), tci>>7), 0, 1, uint64(tci>>7))}
	for _, bit := range bits {
		v := uint64(0)
		if tci&bit.mask != 0 {
			v = 1
			flagged = append(flagged, bit.name)
		}
		kids = append(kids, Field{Name: "macsec.TCI." + bit.name, Label: fmt.Sprintf("%s = %s: %s", bitString(tci, 8, bit.mask), bit.desc, setNotSet(tci, bit.mask)),
			Start: 0, Len: 1, Kind: FieldBool, Num: v})
	}
	tciField := UintField("macsec.TCI", fmt.Sprintf("%s = TCI: 0x%02x, %s", bitString(tci, 8, 0xfc), (tci&0xfc)>>2, strings.Join(flagged, ", ")), 0, 1, uint64((tci&0xfc)>>2))
	tciField.Children = kids
	an := tci & 3
	pn := binary.BigEndian.Uint32(b[2:])
	fs := []Field{
		tciField,
		UintField("macsec.AN", fmt.Sprintf("%s = AN: 0x%x", bitString(tci, 8, 0x03), an), 0, 1, uint64(an)),
		UintField("macsec.SL", fmt.Sprintf("Short length: %d", b[1]), 1, 1, uint64(b[1])),
		UintField("macsec.PN", fmt.Sprintf("Packet number: %d", pn), 2, 4, uint64(pn)),
	}
	if n == 14 {
		fs = append(fs,
			Field{Name: "macsec.SCI.system_identifier", Label: "System Identifier: " + macString(b[6:12]), Start: 6, Len: 6, Kind: FieldEther, Num: mac48(b[6:12])},
			UintField("macsec.SCI.port_identifier", fmt.Sprintf("Port Identifier: %d", binary.BigEndian.Uint16(b[12:])), 12, 2, uint64(binary.BigEndian.Uint16(b[12:]))))
	}
	if integrity {
		et := binary.BigEndian.Uint16(b[n:])
		fs = append(fs, UintField("macsec.etype", fmt.Sprintf("Ethertype: 0x%04x", et), n, 2, uint64(et)))
	}
	icv, end := n+data, n+data+macsecICVLen
	if integrity {
		// tshark 4.0 shows as the ICV the trailer the EtherType table
		// finds after the inner protocol's bytes, padding included: known
		// here for IP and ARP only
		inner, ok := macsecInnerLen(binary.BigEndian.Uint16(b[n:]), b[n+2:])
		icv, end = n+2+inner, len(b)
		if !ok || icv >= end {
			icv, end = 0, 0
		}
	}
	if end > icv && end <= len(b) {
		v := b[icv:end]
		fs = append(fs, Field{Name: "macsec.ICV", Label: fmt.Sprintf("ICV: %x", v), Start: icv, Len: end - icv, Kind: FieldBytes, Str: string(v)})
	}
	return Field{Name: "macsec", Label: "802.1AE Security tag", Start: 0, Len: size, Kind: FieldProto, Children: fs}, data
}

// macsec adds the SecTAG layer of an integrity-only MACsec frame and goes
// on with the EtherType it protects; other MACsec frames are the
// dissector's (their bytes stay data here).
func (d *dissector) macsec(off int) {
	if off < 0 || off > len(d.data) {
		return
	}
	b := d.data[off:]
	n, ok := macsecSecTAG(b)
	if !ok || !macsecIntegrityOnly(b[0]) || !d.deeper() {
		d.rest(off)
		return
	}
	fs := []Field{MACsecTree(b)}
	Shift(fs, off)
	d.out = append(d.out, fs...)
	if et, at, ok := d.vlanTags(int(binary.BigEndian.Uint16(b[n:])), off+n+2); ok {
		d.etherPayload(et, at)
	}
}

// macsecInnerLen is how many bytes of b the protocol of EtherType et says
// are its own, for the protocols whose length the header tells (IPv4,
// IPv6, ARP); false for others, or when the header claims more than b.
func macsecInnerLen(et uint16, b []byte) (int, bool) {
	n := 0
	switch et {
	case 0x0800:
		if len(b) < 20 {
			return 0, false
		}
		n = int(binary.BigEndian.Uint16(b[2:]))
		if n < 20 {
			return 0, false
		}
	case 0x86dd:
		if len(b) < 40 {
			return 0, false
		}
		n = 40 + int(binary.BigEndian.Uint16(b[4:]))
	case 0x0806:
		if len(b) < 6 {
			return 0, false
		}
		n = 8 + 2*int(b[4]) + 2*int(b[5])
	default:
		return 0, false
	}
	return n, n <= len(b)
}
