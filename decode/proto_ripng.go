package decode

import (
	"fmt"
	"net/netip"
)

// RIPng, RIP for IPv6 (RFC 2080), on UDP port 521. Shown as packet-ripng.c
// does: Protocol "RIPng", Info " Command Response, Version 1" (with its
// leading space), and one "Route Table Entry" per 20-byte entry: prefix,
// route tag, prefix length and metric. A last entry shorter than 20 bytes
// is shown with what is left and the packet is malformed, as tshark finds
// when it builds the tree. Kept apart from proto_rip.go: another port,
// another layout. Hand-written: gopacket has no RIPng layer.

const (
	portRIPng      = 521
	ripngHeaderLen = 4
	ripngEntryLen  = 20 // RFC 2080 §2.1
)

var ripng = &Dissector{
	Name:    "ripng",
	Dissect: dissectRIPng,
	Fields: []FieldDef{
		{Name: "ripng.cmd", Desc: "Command", Kind: FieldUint, Bits: 8},
		{Name: "ripng.version", Desc: "Version", Kind: FieldUint, Bits: 8},
		{Name: "ripng.reserved", Desc: "Reserved", Kind: FieldBytes},
		{Name: "ripng.rte", Desc: "Route table entry", Kind: FieldLabel},
		{Name: "ripng.rte.ipv6_prefix", Desc: "IPv6 prefix", Kind: FieldIPv6},
		{Name: "ripng.rte.route_tag", Desc: "Route tag", Kind: FieldUint, Bits: 16},
		{Name: "ripng.rte.prefix_length", Desc: "Prefix length", Kind: FieldUint, Bits: 8},
		{Name: "ripng.rte.metric", Desc: "Metric (16 unreachable, 0xff a next hop entry)", Kind: FieldUint, Bits: 8},
	},
}

func init() { RegisterUDP(ripng, portRIPng) }

// ripngCommands are RFC 2080's commands as packet-ripng.c names them.
var ripngCommands = map[byte]string{1: "Request", 2: "Response"}

func ripngCommand(c byte) string {
	if s, ok := ripngCommands[c]; ok {
		return s
	}
	return fmt.Sprintf("Unknown (%d)", c)
}

// ripngCommandLabel is the command's tree line: "Command: Response (2)",
// or "Command: Unknown (7)" for a command with no name.
func ripngCommandLabel(c byte) string {
	if s, ok := ripngCommands[c]; ok {
		return fmt.Sprintf("Command: %s (%d)", s, c)
	}
	return fmt.Sprintf("Command: Unknown (%d)", c)
}

func dissectRIPng(p *PDU, out *Out) bool {
	b := p.Data
	out.SetProto("RIPng")
	if len(b) < 2 {
		out.SetInfo(malformedMark)
		return true
	}
	out.SetInfo(fmt.Sprintf(" Command %s, Version %d", ripngCommand(b[0]), b[1]))
	if len(b) < ripngHeaderLen || (len(b)-ripngHeaderLen)%ripngEntryLen != 0 {
		// the reserved field or the last entry runs past the datagram
		out.AppendInfo("", malformedMark)
	}
	if !out.WantTree {
		return true
	}
	f := Field{Name: "ripng", Label: "RIPng", Len: len(b), Kind: FieldProto, Children: []Field{
		UintField("ripng.cmd", ripngCommandLabel(b[0]), 0, 1, uint64(b[0])),
		UintField("ripng.version", fmt.Sprintf("Version: %d", b[1]), 1, 1, uint64(b[1])),
	}}
	if len(b) >= ripngHeaderLen {
		f.Children = append(f.Children, Field{Name: "ripng.reserved", Label: fmt.Sprintf("Reserved: %x", b[2:4]), Start: 2, Len: 2, Kind: FieldBytes, Str: string(b[2:4])})
	}
	for at := ripngHeaderLen; at < len(b); at += ripngEntryLen {
		f.Children = append(f.Children, ripngEntry(b[at:min(at+ripngEntryLen, len(b))], at))
	}
	out.Add(f)
	return true
}

// ripngEntry is one route table entry (RFC 2080 §2.1) labelled as tshark
// labels it: "Route Table Entry: IPv6 Prefix: 2001:db8:a::1/128 Metric:
// 1". An entry cut short keeps only its bare line, as tshark's does.
func ripngEntry(e []byte, at int) Field {
	f := Field{Name: "ripng.rte", Label: "Route Table Entry", Start: at, Len: len(e)}
	if len(e) < ripngEntryLen {
		return f
	}
	a := netip.AddrFrom16([16]byte(e[:16]))
	tag := uint16(e[16])<<8 | uint16(e[17])
	f.Label = fmt.Sprintf("Route Table Entry: IPv6 Prefix: %s/%d Metric: %d", a, e[18], e[19])
	f.Children = []Field{
		{Name: "ripng.rte.ipv6_prefix", Label: "IPv6 Prefix: " + a.String(), Start: at, Len: 16, Kind: FieldIPv6, Str: string(e[:16])},
		UintField("ripng.rte.route_tag", fmt.Sprintf("Route Tag: 0x%04x", tag), at+16, 2, uint64(tag)),
		UintField("ripng.rte.prefix_length", fmt.Sprintf("Prefix Length: %d", e[18]), at+18, 1, uint64(e[18])),
		UintField("ripng.rte.metric", fmt.Sprintf("Metric: %d", e[19]), at+19, 1, uint64(e[19])),
	}
	return f
}
