package decode

import (
	"encoding/binary"
	"fmt"
	"net/netip"
	"strings"
)

// EIGRP, Cisco's Enhanced Interior Gateway Routing Protocol (RFC 7868),
// straight on IP as protocol 88. Shown as packet-eigrp.c does: Protocol
// "EIGRP", Info the opcode's name, where a Hello that acknowledges
// something (a non-zero acknowledgement number) reads "Hello (Ack)"; the
// tree has the 20-byte header, its flags and checksum, then one line per
// TLV. Parameters, authentication, sequence, software version, next
// multicast sequence, stub, peer termination and the classic IPv4 internal
// and external route TLVs (RFC 7868 §6.6, §6.8) are opened; other TLVs show
// their type and length. Hand-written: gopacket has no EIGRP layer.

const (
	ipProtoEIGRP   IPProtocol = 88
	eigrpHeaderLen            = 20
)

// EIGRP opcodes (RFC 7868 §6.4); eigrpOpHelloAck is packet-eigrp.c's name
// for a Hello carrying an acknowledgement.
const (
	eigrpOpUpdate   = 1
	eigrpOpHello    = 5
	eigrpOpHelloAck = 8
)

// EIGRP TLV types (RFC 7868 §6.6, §6.8).
const (
	eigrpTLVParameters  = 0x0001
	eigrpTLVAuth        = 0x0002
	eigrpTLVSequence    = 0x0003
	eigrpTLVSoftware    = 0x0004
	eigrpTLVNextMcast   = 0x0005
	eigrpTLVStub        = 0x0006
	eigrpTLVTermination = 0x0007
	eigrpTLVIPv4Int     = 0x0102
	eigrpTLVIPv4Ext     = 0x0103
	eigrpTLVRangeMask   = 0xfff0 // packet-eigrp.c's mask for the TLV's family
	eigrpTLVIPv4        = 0x0100
	eigrpTLVGeneral     = 0x0000
	eigrpTLVExternal    = 0x0003 // the low nibble of an external route TLV
	eigrpMetricLen      = 16     // the classic (legacy) metric
	eigrpExtDataLen     = 20
)

var eigrp = &Dissector{
	Name:    "eigrp",
	Dissect: dissectEIGRP,
	Fields: []FieldDef{
		{Name: "eigrp.version", Desc: "Version", Kind: FieldUint, Bits: 8},
		{Name: "eigrp.opcode", Desc: "Opcode", Kind: FieldUint, Bits: 8},
		{Name: "eigrp.checksum", Desc: "Checksum", Kind: FieldUint, Bits: 16},
		{Name: "eigrp.checksum.status", Desc: "Checksum status (1 good, 0 bad)", Kind: FieldUint, Bits: 8},
		{Name: "eigrp.flags", Desc: "Flags", Kind: FieldUint, Bits: 32},
		{Name: "eigrp.flags.init", Desc: "Init", Kind: FieldBool},
		{Name: "eigrp.flags.condrecv", Desc: "Conditional Receive", Kind: FieldBool},
		{Name: "eigrp.flags.restart", Desc: "Restart", Kind: FieldBool},
		{Name: "eigrp.flags.eot", Desc: "End Of Table", Kind: FieldBool},
		{Name: "eigrp.seq", Desc: "Sequence number", Kind: FieldUint, Bits: 32},
		{Name: "eigrp.ack", Desc: "Acknowledge number", Kind: FieldUint, Bits: 32},
		{Name: "eigrp.vrid", Desc: "Virtual Router ID", Kind: FieldUint, Bits: 16},
		{Name: "eigrp.as", Desc: "Autonomous System", Kind: FieldUint, Bits: 16},
		{Name: "eigrp.tlv_type", Desc: "TLV type", Kind: FieldUint, Bits: 16},
		{Name: "eigrp.tlv.len", Desc: "TLV length", Kind: FieldUint, Bits: 16},
		{Name: "eigrp.par.k1", Desc: "K1 (bandwidth)", Kind: FieldUint, Bits: 8},
		{Name: "eigrp.par.k2", Desc: "K2 (load)", Kind: FieldUint, Bits: 8},
		{Name: "eigrp.par.k3", Desc: "K3 (delay)", Kind: FieldUint, Bits: 8},
		{Name: "eigrp.par.k4", Desc: "K4 (reliability)", Kind: FieldUint, Bits: 8},
		{Name: "eigrp.par.k5", Desc: "K5 (reliability)", Kind: FieldUint, Bits: 8},
		{Name: "eigrp.par.k6", Desc: "K6 (extended metric)", Kind: FieldUint, Bits: 8},
		{Name: "eigrp.par.holdtime", Desc: "Hold time", Kind: FieldUint, Bits: 16},
		{Name: "eigrp.auth.type", Desc: "Authentication type", Kind: FieldUint, Bits: 16},
		{Name: "eigrp.auth.length", Desc: "Authentication length", Kind: FieldUint, Bits: 16},
		{Name: "eigrp.auth.keyid", Desc: "Key ID", Kind: FieldUint, Bits: 32},
		{Name: "eigrp.auth.keyseq", Desc: "Key sequence", Kind: FieldUint, Bits: 32},
		{Name: "eigrp.seq.addrlen", Desc: "Sequence TLV address length", Kind: FieldUint, Bits: 8},
		{Name: "eigrp.seq.ipv4addr", Desc: "Sequence TLV IPv4 address", Kind: FieldIPv4},
		{Name: "eigrp.release_version", Desc: "EIGRP release", Kind: FieldUint, Bits: 16},
		{Name: "eigrp.tlv_version", Desc: "EIGRP TLV version", Kind: FieldUint, Bits: 16},
		{Name: "eigrp.next_mcast_seq", Desc: "Next multicast sequence", Kind: FieldUint, Bits: 32},
		{Name: "eigrp.stub_options", Desc: "Stub options", Kind: FieldUint, Bits: 16},
		{Name: "eigrp.ipv4.nexthop", Desc: "IPv4 next hop", Kind: FieldIPv4},
		{Name: "eigrp.ipv4.prefixlen", Desc: "IPv4 prefix length", Kind: FieldUint, Bits: 8},
		{Name: "eigrp.ipv4.destination", Desc: "IPv4 destination", Kind: FieldIPv4},
		{Name: "eigrp.old_metric.delay", Desc: "Scaled delay", Kind: FieldUint, Bits: 32},
		{Name: "eigrp.old_metric.bw", Desc: "Scaled bandwidth", Kind: FieldUint, Bits: 32},
		{Name: "eigrp.old_metric.mtu", Desc: "MTU", Kind: FieldUint, Bits: 32},
		{Name: "eigrp.old_metric.hopcount", Desc: "Hop count", Kind: FieldUint, Bits: 8},
		{Name: "eigrp.old_metric.rel", Desc: "Reliability", Kind: FieldUint, Bits: 8},
		{Name: "eigrp.old_metric.load", Desc: "Load", Kind: FieldUint, Bits: 8},
		{Name: "eigrp.old_metric.intag", Desc: "Internal route tag", Kind: FieldUint, Bits: 8},
		{Name: "eigrp.metric.flags.srcwd", Desc: "Source withdraw", Kind: FieldBool},
		{Name: "eigrp.metric.flags.cd", Desc: "Candidate default", Kind: FieldBool},
		{Name: "eigrp.metric.flags.active", Desc: "Route is active", Kind: FieldBool},
		{Name: "eigrp.metric.flags.repl", Desc: "Route is replicated", Kind: FieldBool},
		{Name: "eigrp.extdata.origrid", Desc: "Originating router ID", Kind: FieldIPv4},
		{Name: "eigrp.extdata.as", Desc: "Originating AS", Kind: FieldUint, Bits: 32},
		{Name: "eigrp.extdata.tag", Desc: "Administrative tag", Kind: FieldUint, Bits: 32},
		{Name: "eigrp.extdata.metric", Desc: "External metric", Kind: FieldUint, Bits: 32},
		{Name: "eigrp.extdata.reserved", Desc: "Reserved", Kind: FieldUint, Bits: 16},
		{Name: "eigrp.extdata.proto", Desc: "External protocol ID", Kind: FieldUint, Bits: 8},
		{Name: "eigrp.opaque.flag.ext", Desc: "Route is external", Kind: FieldBool},
		{Name: "eigrp.opaque.flag.cd", Desc: "Route is candidate default", Kind: FieldBool},
	},
}

func init() { RegisterIPProto(eigrp, ipProtoEIGRP) }

var eigrpOpcodes = map[byte]string{1: "Update", 2: "Request", 3: "Query", 4: "Reply", 5: "Hello",
	6: "IPX/SAP Update", 7: "Route Probe", 8: "Hello (Ack)", 9: "Stub-Info", 10: "SIA-Query", 11: "SIA-Reply"}

var eigrpTLVNames = map[uint16]string{
	0x0001: "Parameters", 0x0002: "Authentication", 0x0003: "Sequence", 0x0004: "Software Version",
	0x0005: "Next multicast sequence", 0x0006: "Peer Stub Information", 0x0007: "Peer Termination",
	0x0008: "Peer Topology ID List",
	0x0102: "Internal Route(IPv4)", 0x0103: "External Route(IPv4)", 0x0104: "Ext-Community(IPv4)",
	0x0402: "Internal Route(IPv6)", 0x0403: "External Route(IPv6)", 0x0404: "Ext-Community(IPv6)",
	0x0302: "IPX Internal Route(IPX)", 0x0303: "IPX External Route(IPX)",
	0x0202: "Internal Route(ATALK)", 0x0203: "External Route(ATALK)", 0x0204: "Cable Configuration(ATALK)",
	0x00f1: "Request(MTR)", 0x00f2: "Internal Route(MTR)", 0x00f3: "External Route(MTR)",
	0x00f4: "Ext-Community(MTR)", 0x00f5: "TopologyID List",
	0x0601: "Request", 0x0602: "Internal Route", 0x0603: "External Route", 0x0604: "Ext-Community",
}

var eigrpExtProtocols = map[byte]string{1: "IGRP", 2: "EIGRP", 3: "Static Route", 4: "RIP", 5: "Hello",
	6: "OSPF", 7: "IS-IS", 8: "EGP", 9: "BGP", 10: "IDRP", 11: "Connected Route"}

// eigrpStubOptions name the stub TLV's bits from the lowest (RFC 7868
// §6.6.6), in the order packet-eigrp.c lists them on the options' line.
var eigrpStubOptions = [...]string{"Connected", "Static", "Summary", "Redistributed", "Leak-Map", "Receive-Only"}

var eigrpAuthTypes = map[uint16]string{1: "TEXT", 2: "MD5", 3: "SHA256"}

// eigrpVRIDNames names the virtual router ID's family bits (mask 0x8001).
var eigrpVRIDNames = map[uint16]string{0: "(Address-Family)", 0x8000: "(Service-Family)", 1: "(Multi-Cast)"}

// eigrpInfo is the Info text: the opcode's name, a Hello with an
// acknowledgement number read as packet-eigrp.c's "Hello (Ack)".
func eigrpInfo(op byte, ack uint32) string {
	if op == eigrpOpHello && ack != 0 {
		op = eigrpOpHelloAck
	}
	if s, ok := eigrpOpcodes[op]; ok {
		return s
	}
	return fmt.Sprintf("Unknown OpCode (0x%04x)", op)
}

func dissectEIGRP(p *PDU, out *Out) bool {
	b := p.Data
	out.SetProto("EIGRP")
	if len(b) < 16 {
		// packet-eigrp.c reads the acknowledgement number before it
		// writes Info: a shorter packet throws with the column cleared
		out.SetInfo(malformedMark)
		return true
	}
	out.SetInfo(eigrpInfo(b[1], binary.BigEndian.Uint32(b[12:])))
	f, malformed := eigrpTree(b)
	if malformed {
		out.AppendInfo("", malformedMark)
	}
	if out.WantTree {
		out.Add(f)
	}
	return true
}

// eigrpTree is the details tree of an EIGRP packet of at least 16 bytes,
// and whether tshark would find it malformed (cut inside its header or a
// TLV, or a TLV shorter than its own type and length).
func eigrpTree(b []byte) (Field, bool) {
	f := Field{Name: "eigrp", Label: "Cisco EIGRP", Len: len(b), Kind: FieldProto}
	op := b[1]
	opName, ok := eigrpOpcodes[op]
	if !ok {
		opName = "Unknown"
	}
	sum := binary.BigEndian.Uint16(b[2:])
	want := eigrpChecksum(b)
	sumLabel, status, statusLabel := fmt.Sprintf("Checksum: 0x%04x [correct]", sum), uint64(1), "Checksum Status: Good"
	if want != sum {
		sumLabel, status, statusLabel = fmt.Sprintf("Checksum: 0x%04x incorrect, should be 0x%04x", sum, want), 0, "Checksum Status: Bad"
	}
	flags := binary.BigEndian.Uint32(b[4:])
	f.Children = append(f.Children,
		UintField("eigrp.version", fmt.Sprintf("Version: %d", b[0]), 0, 1, uint64(b[0])),
		UintField("eigrp.opcode", fmt.Sprintf("Opcode: %s (%d)", opName, op), 1, 1, uint64(op)),
		UintField("eigrp.checksum", sumLabel, 2, 2, uint64(sum)),
		UintField("eigrp.checksum.status", statusLabel, 2, 0, status),
		eigrpFlags(flags),
		UintField("eigrp.seq", fmt.Sprintf("Sequence: %d", binary.BigEndian.Uint32(b[8:])), 8, 4, uint64(binary.BigEndian.Uint32(b[8:]))),
		UintField("eigrp.ack", fmt.Sprintf("Acknowledge: %d", binary.BigEndian.Uint32(b[12:])), 12, 4, uint64(binary.BigEndian.Uint32(b[12:]))))
	if len(b) < eigrpHeaderLen {
		return f, true
	}
	vrid := binary.BigEndian.Uint16(b[16:])
	as := binary.BigEndian.Uint16(b[18:])
	f.Children = append(f.Children,
		UintField("eigrp.vrid", fmt.Sprintf("Virtual Router ID: %d %s", vrid, eigrpVRIDNames[vrid&0x8001]), 16, 2, uint64(vrid)),
		UintField("eigrp.as", fmt.Sprintf("Autonomous System: %d", as), 18, 2, uint64(as)))
	if op == 6 { // IPX SAP: handed to the IPX SAP dissector, not read here
		return f, false
	}
	for at := eigrpHeaderLen; at < len(b); {
		if at+4 > len(b) {
			return f, true
		}
		typ := binary.BigEndian.Uint16(b[at:])
		size := int(binary.BigEndian.Uint16(b[at+2:]))
		if size == 0 {
			return f, false // packet-eigrp.c stops at a zero-length TLV with an expert note
		}
		end := at + size
		if end > len(b) {
			// the TLV's line would run past the packet: tshark throws
			// before adding it
			return f, true
		}
		name, ok := eigrpTLVNames[typ]
		typeName := name
		if !ok {
			name, typeName = fmt.Sprintf("Unknown TLV (0x%04x)", typ), "Unknown"
		}
		t := Field{Label: name, Start: at, Len: size, Children: []Field{
			UintField("eigrp.tlv_type", fmt.Sprintf("Type: %s (0x%04x)", typeName, typ), at, 2, uint64(typ)),
			UintField("eigrp.tlv.len", fmt.Sprintf("Length: %d", size), at+2, 2, uint64(size)),
		}}
		if size < 4 {
			f.Children = append(f.Children, t)
			return f, true
		}
		body := b[at+4 : end]
		bad := false
		switch typ & eigrpTLVRangeMask {
		case eigrpTLVGeneral:
			bad = eigrpGeneralTLV(&t, typ, body, at+4)
		case eigrpTLVIPv4:
			if typ == eigrpTLVIPv4Int || typ == eigrpTLVIPv4Ext {
				bad = eigrpIPv4Route(&t, typ, body, at+4)
			}
		}
		f.Children = append(f.Children, t)
		if bad {
			return f, true
		}
		at = end
	}
	return f, false
}

// eigrpChecksum is the Internet checksum of the whole EIGRP packet with
// its checksum field taken as zero (RFC 7868 §6.3).
func eigrpChecksum(b []byte) uint16 {
	var sum uint32
	for i := 0; i+1 < len(b); i += 2 {
		if i != 2 {
			sum += uint32(binary.BigEndian.Uint16(b[i:]))
		}
	}
	if len(b)%2 == 1 {
		sum += uint32(b[len(b)-1]) << 8
	}
	for sum>>16 != 0 {
		sum = sum&0xffff + sum>>16
	}
	return ^uint16(sum)
}

// eigrpFlagBits are the header flags packet-eigrp.c lists, in its order.
var eigrpFlagBits = []struct {
	name, label string
	mask        uint32
}{
	{"eigrp.flags.init", "Init", 0x1}, {"eigrp.flags.condrecv", "Conditional Receive", 0x2},
	{"eigrp.flags.restart", "Restart", 0x4}, {"eigrp.flags.eot", "End Of Table", 0x8},
}

// eigrpFlags is the 32-bit flags word with its bits, the set ones named
// on its line as proto_tree_add_bitmask writes them.
func eigrpFlags(v uint32) Field {
	var label strings.Builder
	fmt.Fprintf(&label, "Flags: 0x%08x", v)
	f := Field{Name: "eigrp.flags", Start: 4, Len: 4, Kind: FieldUint, Num: uint64(v)}
	for _, fl := range eigrpFlagBits {
		on, state := uint64(0), "Not set"
		if v&fl.mask != 0 {
			on, state = 1, "Set"
			label.WriteString(", " + fl.label)
		}
		f.Children = append(f.Children, Field{Name: fl.name, Label: fmt.Sprintf("%s = %s: %s", bitString(v, 32, fl.mask), fl.label, state),
			Start: 4, Len: 4, Kind: FieldBool, Num: on})
	}
	f.Label = label.String()
	return f
}

// eigrpGeneralTLV opens a protocol-independent TLV (RFC 7868 §6.6.1) whose
// value is body, at offset at of the packet; it reports a TLV too short
// for what tshark reads of it.
func eigrpGeneralTLV(t *Field, typ uint16, body []byte, at int) bool {
	u8 := func(name, label string, i int) Field {
		return UintField(name, fmt.Sprintf("%s: %d", label, body[i]), at+i, 1, uint64(body[i]))
	}
	switch typ {
	case eigrpTLVParameters:
		if len(body) < 8 {
			return true
		}
		t.Children = append(t.Children, u8("eigrp.par.k1", "K1", 0), u8("eigrp.par.k2", "K2", 1), u8("eigrp.par.k3", "K3", 2),
			u8("eigrp.par.k4", "K4", 3), u8("eigrp.par.k5", "K5", 4), u8("eigrp.par.k6", "K6", 5),
			UintField("eigrp.par.holdtime", fmt.Sprintf("Hold Time: %d", binary.BigEndian.Uint16(body[6:])), at+6, 2, uint64(binary.BigEndian.Uint16(body[6:]))))
		if body[0] == 255 && body[1] == 255 && body[2] == 255 && body[3] == 255 && body[4] == 255 {
			t.Label += ": Peer Termination"
		}
	case eigrpTLVAuth:
		if len(body) < 12 {
			return true
		}
		at16 := binary.BigEndian.Uint16(body)
		if s, ok := eigrpAuthTypes[at16]; ok {
			t.Label += " " + s
		} else {
			t.Label += " "
		}
		alen := binary.BigEndian.Uint16(body[2:])
		aname, ok := eigrpAuthTypes[at16]
		if !ok {
			aname = "Unknown"
		}
		t.Children = append(t.Children,
			UintField("eigrp.auth.type", fmt.Sprintf("Type: %s (%d)", aname, at16), at, 2, uint64(at16)),
			UintField("eigrp.auth.length", fmt.Sprintf("Length: %d", alen), at+2, 2, uint64(alen)),
			UintField("eigrp.auth.keyid", fmt.Sprintf("Key ID: %d", binary.BigEndian.Uint32(body[4:])), at+4, 4, uint64(binary.BigEndian.Uint32(body[4:]))),
			UintField("eigrp.auth.keyseq", fmt.Sprintf("Key Sequence: %d", binary.BigEndian.Uint32(body[8:])), at+8, 4, uint64(binary.BigEndian.Uint32(body[8:]))))
	case eigrpTLVSequence:
		if len(body) < 1 {
			return true
		}
		n := int(body[0])
		t.Children = append(t.Children, u8("eigrp.seq.addrlen", "Address length", 0))
		if n == 4 {
			if len(body) < 5 {
				return true
			}
			a := netip.AddrFrom4([4]byte(body[1:5]))
			t.Children = append(t.Children, Field{Name: "eigrp.seq.ipv4addr", Label: "IP Address: " + a.String(), Start: at + 1, Len: 4,
				Kind: FieldIPv4, Num: uint64(binary.BigEndian.Uint32(body[1:]))})
		}
	case eigrpTLVSoftware:
		if len(body) < 4 {
			return true
		}
		t.Label += fmt.Sprintf(": EIGRP=%d.%d, TLV=%d.%d", body[0], body[1], body[2], body[3])
		rel, tlv := binary.BigEndian.Uint16(body), binary.BigEndian.Uint16(body[2:])
		t.Children = append(t.Children,
			UintField("eigrp.release_version", fmt.Sprintf("EIGRP Release: %d.%02d", body[0], body[1]), at, 2, uint64(rel)),
			UintField("eigrp.tlv_version", fmt.Sprintf("EIGRP TLV version: %d.%02d", body[2], body[3]), at+2, 2, uint64(tlv)))
	case eigrpTLVNextMcast:
		if len(body) < 4 {
			return true
		}
		v := binary.BigEndian.Uint32(body)
		t.Label += fmt.Sprintf(": %d", v)
		t.Children = append(t.Children, UintField("eigrp.next_mcast_seq", fmt.Sprintf("Multicast Sequence: %d", v), at, 4, uint64(v)))
	case eigrpTLVStub:
		if len(body) < 2 {
			return true
		}
		v := binary.BigEndian.Uint16(body)
		label := fmt.Sprintf("Stub Options: 0x%04x", v)
		for i, s := range eigrpStubOptions {
			if v&(1<<i) != 0 {
				label += ", " + s
			}
		}
		t.Children = append(t.Children, UintField("eigrp.stub_options", label, at, 2, uint64(v)))
	}
	return false
}

// eigrpIPv4Route opens a classic IPv4 internal or external route TLV
// (RFC 7868 §6.8.1, §6.8.2): next hop, for an external route the
// originating router and protocol, the scaled metric, then destinations
// (a prefix length and as many bytes of prefix as it needs) to the TLV's
// end; each is added to the TLV's line ("  =   192.0.2.1/32"). A prefix
// length over 32 is noted and four bytes skipped, as tshark does.
func eigrpIPv4Route(t *Field, typ uint16, body []byte, at int) bool {
	if len(body) < 4 {
		return true
	}
	ip := func(name, label string, i int) Field {
		a := netip.AddrFrom4([4]byte(body[i : i+4]))
		return Field{Name: name, Label: label + ": " + a.String(), Start: at + i, Len: 4, Kind: FieldIPv4, Num: uint64(binary.BigEndian.Uint32(body[i:]))}
	}
	u32 := func(name, label string, i int) Field {
		v := binary.BigEndian.Uint32(body[i:])
		return UintField(name, fmt.Sprintf("%s: %d", label, v), at+i, 4, uint64(v))
	}
	t.Children = append(t.Children, ip("eigrp.ipv4.nexthop", "NextHop", 0))
	off := 4
	if typ&0xf == eigrpTLVExternal {
		if len(body) < off+eigrpExtDataLen {
			return true
		}
		e := Field{Label: "External Data", Start: at + off, Len: eigrpExtDataLen}
		proto := body[off+18]
		pname, ok := eigrpExtProtocols[proto]
		if !ok {
			pname = "Unknown"
		}
		fl := body[off+19]
		e.Children = append(e.Children, ip("eigrp.extdata.origrid", "Originating RouterID", off),
			u32("eigrp.extdata.as", "Originating A.S.", off+4), u32("eigrp.extdata.tag", "Administrative Tag", off+8),
			u32("eigrp.extdata.metric", "External Metric", off+12),
			UintField("eigrp.extdata.reserved", fmt.Sprintf("Reserved: %d", binary.BigEndian.Uint16(body[off+16:])), at+off+16, 2, uint64(binary.BigEndian.Uint16(body[off+16:]))),
			UintField("eigrp.extdata.proto", fmt.Sprintf("External Protocol ID: %s (%d)", pname, proto), at+off+18, 1, uint64(proto)),
			Field{Label: "External Flags", Start: at + off + 19, Len: 1, Children: []Field{
				eigrpBool8("eigrp.opaque.flag.ext", "Route is External", fl, 0x1, at+off+19),
				eigrpBool8("eigrp.opaque.flag.cd", "Route is Candidate Default", fl, 0x2, at+off+19),
			}})
		t.Children = append(t.Children, e)
		off += eigrpExtDataLen
	}
	if len(body) < off+eigrpMetricLen {
		return true
	}
	m := body[off : off+eigrpMetricLen]
	u8 := func(name, label string, i int) Field {
		return UintField(name, fmt.Sprintf("%s: %d", label, m[i]), at+off+i, 1, uint64(m[i]))
	}
	mtu := uint32(m[8])<<16 | uint32(m[9])<<8 | uint32(m[10])
	t.Children = append(t.Children, Field{Label: "Legacy Metric", Start: at + off, Len: eigrpMetricLen, Children: []Field{
		u32("eigrp.old_metric.delay", "Scaled Delay", off), u32("eigrp.old_metric.bw", "Scaled BW", off+4),
		UintField("eigrp.old_metric.mtu", fmt.Sprintf("MTU: %d", mtu), at+off+8, 3, uint64(mtu)),
		u8("eigrp.old_metric.hopcount", "Hop Count", 11), u8("eigrp.old_metric.rel", "Reliability", 12),
		u8("eigrp.old_metric.load", "Load", 13), u8("eigrp.old_metric.intag", "Route Tag", 14),
		{Label: "Flags", Start: at + off + 15, Len: 1, Children: []Field{
			eigrpBool8("eigrp.metric.flags.srcwd", "Source Withdraw", m[15], 0x1, at+off+15),
			eigrpBool8("eigrp.metric.flags.cd", "Candidate Default", m[15], 0x2, at+off+15),
			eigrpBool8("eigrp.metric.flags.active", "Route is Active", m[15], 0x4, at+off+15),
			eigrpBool8("eigrp.metric.flags.repl", "Route is Replicated", m[15], 0x8, at+off+15),
		}},
	}})
	off += eigrpMetricLen
	sep := '='
	for off < len(body) {
		plen := int(body[off])
		if plen > 32 {
			// ipv4_addr_and_mask refuses it: tshark notes the prefix
			// length and skips four bytes
			t.Children = append(t.Children, UintField("eigrp.ipv4.prefixlen", fmt.Sprintf("Prefix Length: %d", plen), at+off, 1, uint64(plen)))
			off += 1 + 4
			sep = ','
			continue
		}
		n := (plen + 7) / 8
		if off+1+n > len(body) {
			return true // ipv4_addr_and_mask reads past the TLV and throws
		}
		var a4 [4]byte
		copy(a4[:], body[off+1:off+1+n])
		if plen%8 != 0 {
			a4[n-1] &= byte(0xff << (8 - plen%8))
		}
		a := netip.AddrFrom4(a4)
		t.Children = append(t.Children,
			UintField("eigrp.ipv4.prefixlen", fmt.Sprintf("Prefix Length: %d", plen), at+off, 1, uint64(plen)),
			Field{Name: "eigrp.ipv4.destination", Label: "Destination: " + a.String(), Start: at + off + 1, Len: n, Kind: FieldIPv4, Num: uint64(binary.BigEndian.Uint32(a4[:]))})
		t.Label += fmt.Sprintf("  %c   %s/%d", sep, a, plen)
		sep = ','
		// packet-eigrp.c steps over the prefix length twice after a valid
		// destination, so a second destination is read a byte late
		off += 2 + n
	}
	return false
}

// eigrpBool8 is one bit of a flags byte shown as an 8-bit boolean with
// True/False, as packet-eigrp.c registers its route flags.
func eigrpBool8(name, label string, v, mask byte, at int) Field {
	on, s := uint64(0), "False"
	if v&mask != 0 {
		on, s = 1, "True"
	}
	return Field{Name: name, Label: fmt.Sprintf("%s = %s: %s", bitString(uint32(v), 8, uint32(mask)), label, s), Start: at, Len: 1, Kind: FieldBool, Num: on}
}
