package decode

import (
	"encoding/binary"
	"fmt"
	"net/netip"
)

// RIP, the Routing Information Protocol: version 1 (RFC 1058) and 2 (RFC
// 2453) on UDP port 520. The Protocol column names the version ("RIPv2"),
// Info the command, as packet-rip.c does. Hand-written: gopacket has no RIP
// layer.

const portRIP = 520

// RIP commands (RFC 2453 §4).
const (
	ripRequest  = 1
	ripResponse = 2
)

// ripFamilyIP is the address family of an IPv4 route entry; 0xffff marks
// a RIPv2 authentication entry.
const (
	ripFamilyIP   = 2
	ripFamilyAuth = 0xffff
	ripEntryLen   = 20
)

var rip = &Dissector{
	Name:    "rip",
	Dissect: dissectRIP,
	Fields: []FieldDef{
		{Name: "rip.command", Desc: "Command", Kind: FieldUint, Bits: 8},
		{Name: "rip.version", Desc: "Version", Kind: FieldUint, Bits: 8},
		{Name: "rip.family", Desc: "Address family", Kind: FieldUint, Bits: 16},
		{Name: "rip.route_tag", Desc: "Route tag", Kind: FieldUint, Bits: 16},
		{Name: "rip.ip", Desc: "IP address", Kind: FieldIPv4},
		{Name: "rip.netmask", Desc: "Netmask", Kind: FieldIPv4},
		{Name: "rip.next_hop", Desc: "Next hop", Kind: FieldIPv4},
		{Name: "rip.metric", Desc: "Metric", Kind: FieldUint, Bits: 16},
	},
}

func init() { RegisterUDP(rip, portRIP) }

var ripCommands = map[byte]string{ripRequest: "Request", ripResponse: "Response", 3: "Traceon", 4: "Traceoff", 5: "Vendor specific (Sun)"}

func dissectRIP(p *PDU, out *Out) bool {
	b := p.Data
	if len(b) < 4 || (b[1] != 1 && b[1] != 2) {
		return false
	}
	cmd, ok := ripCommands[b[0]]
	if !ok {
		return false
	}
	out.SetProto(fmt.Sprintf("RIPv%d", b[1]))
	out.SetInfo(cmd)
	if !out.WantTree {
		return true
	}
	f := Field{Name: "rip", Label: "Routing Information Protocol", Len: len(b), Kind: FieldProto, Children: []Field{
		UintField("rip.command", fmt.Sprintf("Command: %s (%d)", cmd, b[0]), 0, 1, uint64(b[0])),
		UintField("rip.version", fmt.Sprintf("Version: RIPv%d (%d)", b[1], b[1]), 1, 1, uint64(b[1])),
	}}
	for at := 4; at+ripEntryLen <= len(b); at += ripEntryLen {
		f.Children = append(f.Children, ripEntry(b[at:at+ripEntryLen], at, b[1]))
	}
	out.Add(f)
	return true
}

// ripEntry is one route entry (RFC 2453 §4), labelled as tshark labels it:
// "IP Address: 10.0.0.0, Metric: 1".
func ripEntry(e []byte, at int, version byte) Field {
	family := binary.BigEndian.Uint16(e)
	metric := binary.BigEndian.Uint32(e[16:])
	ip := func(name, label string, off int) Field {
		a := netip.AddrFrom4([4]byte(e[off : off+4]))
		return Field{Name: name, Label: label + ": " + a.String(), Start: at + off, Len: 4, Kind: FieldIPv4, Num: uint64(binary.BigEndian.Uint32(e[off:]))}
	}
	var f Field
	switch family {
	case ripFamilyIP:
		a := netip.AddrFrom4([4]byte(e[4:8]))
		f = Field{Label: fmt.Sprintf("IP Address: %s, Metric: %d", a, metric), Start: at, Len: ripEntryLen, Children: []Field{
			UintField("rip.family", "Address Family: IP (2)", at, 2, uint64(family))}}
	case 0:
		f = Field{Label: fmt.Sprintf("Address not specified, Metric: %d", metric), Start: at, Len: ripEntryLen, Children: []Field{
			UintField("rip.family", "Address Family: Unspecified (0)", at, 2, uint64(family))}}
	default:
		// authentication and other families: listed, not labelled as tshark's
		return Field{Label: fmt.Sprintf("Address family %d", family), Start: at, Len: ripEntryLen}
	}
	if version == 2 {
		tag := binary.BigEndian.Uint16(e[2:])
		f.Children = append(f.Children, UintField("rip.route_tag", fmt.Sprintf("Route Tag: %d", tag), at+2, 2, uint64(tag)))
	}
	if family == ripFamilyIP {
		f.Children = append(f.Children, ip("rip.ip", "IP Address", 4))
	}
	if version == 2 {
		f.Children = append(f.Children, ip("rip.netmask", "Netmask", 8), ip("rip.next_hop", "Next Hop", 12))
	}
	f.Children = append(f.Children, UintField("rip.metric", fmt.Sprintf("Metric: %d", metric), at+16, 4, uint64(metric)))
	return f
}
