package decode

import (
	"encoding/binary"
	"net/netip"
	"strconv"
)

// DHCP and BOOTP (RFC 2131, RFC 951) on UDP ports 67 and 68. Info as
// Wireshark 4.0's packet-dhcp.c: "DHCP %-8s - Transaction ID 0x%x" with the
// message type of option 53, or "Boot Request"/"Boot Reply" under the name
// BOOTP when no option 53 is present. Hand-written rather than gopacket's
// layers.DHCPv4: the tree needs each option's offset, and layers.DHCPv4
// rejects a packet whose options run past the end, which Wireshark still
// names by its message type.

const (
	dhcpServerPort = 67
	dhcpClientPort = 68
)

// dhcpFixedLen is the BOOTP header up to the options, magic cookie
// included.
const dhcpFixedLen = 240

// dhcpMACEnd is where the client hardware address of an Ethernet client
// ends (RFC 2131 2: chaddr at 28).
const dhcpMACEnd = 34

// dhcpCookie is the magic cookie that starts the DHCP options (RFC 2131 3).
const dhcpCookie = 0x63825363

// Options ladder reads.
const (
	dhcpOptPad     = 0
	dhcpOptMsgType = 53
	dhcpOptEnd     = 255
)

var dhcpMsgTypes = map[byte]string{1: "Discover", 2: "Offer", 3: "Request", 4: "Decline", 5: "ACK", 6: "NAK",
	7: "Release", 8: "Inform", 9: "Force Renew", 10: "Lease query", 11: "Lease Unassigned", 12: "Lease Unknown",
	13: "Lease Active", 14: "Bulk Lease Query", 15: "Lease Query Done", 16: "Active LeaseQuery",
	17: "Lease Query Status", 18: "TLS"}

// dhcpOptions names the options whose tree line ladder labels as tshark
// 4.0 does; addr marks those whose label ends with the address they carry.
var dhcpOptions = map[byte]struct {
	name string
	addr bool
}{1: {"Subnet Mask", true}, 3: {"Router", false}, 4: {"Time Server", false}, 6: {"Domain Name Server", false},
	12: {"Host Name", false}, 15: {"Domain Name", false}, 28: {"Broadcast Address", true},
	42: {"Network Time Protocol Servers", false}, 44: {"NetBIOS over TCP/IP Name Server", false},
	46: {"NetBIOS over TCP/IP Node Type", false}, 50: {"Requested IP Address", true}, 51: {"IP Address Lease Time", false},
	54: {"DHCP Server Identifier", true}, 56: {"Message", false}, 60: {"Vendor class identifier", false},
	67: {"Bootfile name", false}, 255: {"End", false}}

var dhcpDissector = &Dissector{Name: "dhcp", Dissect: dissectDHCP, Fields: []FieldDef{
	{"dhcp.type", "Message type (BOOTP op)", FieldUint, 8},
	{"dhcp.hw.type", "Hardware type", FieldUint, 8},
	{"dhcp.hw.len", "Hardware address length", FieldUint, 8},
	{"dhcp.hops", "Hops", FieldUint, 8},
	{"dhcp.id", "Transaction ID", FieldUint, 32},
	{"dhcp.secs", "Seconds elapsed", FieldUint, 16},
	{"dhcp.flags", "Bootp flags", FieldUint, 16},
	{"dhcp.flags.bc", "Broadcast flag", FieldBool, 0},
	{"dhcp.ip.client", "Client IP address", FieldIPv4, 0},
	{"dhcp.ip.your", "Your (client) IP address", FieldIPv4, 0},
	{"dhcp.ip.server", "Next server IP address", FieldIPv4, 0},
	{"dhcp.ip.relay", "Relay agent IP address", FieldIPv4, 0},
	{"dhcp.hw.mac_addr", "Client MAC address", FieldEther, 0},
	{"dhcp.option.type", "Option", FieldUint, 8},
	{"dhcp.option.length", "Option length", FieldUint, 8},
	{"dhcp.option.dhcp", "DHCP message type (option 53)", FieldUint, 8},
}}

func init() { RegisterUDP(dhcpDissector, dhcpServerPort, dhcpClientPort) }

func dissectDHCP(p *PDU, out *Out) bool {
	b := p.Data
	// A datagram the capture cut short (its snap length) is still
	// dissected up to the cut, where packet-dhcp.c's exception appends
	// "[Packet size limited during capture]"; ladder needs the header up to
	// the client hardware address to name it.
	cut := p.Len > len(b)
	if len(b) < dhcpFixedLen-4 && (!cut || len(b) < dhcpMACEnd) {
		return false
	}
	if cut {
		defer out.AppendInfo("", tlsCut)
	}
	xid := binary.BigEndian.Uint32(b[4:])
	msgType, msgOff := byte(0), -1
	var opts []Field
	if len(b) >= dhcpFixedLen && binary.BigEndian.Uint32(b[dhcpFixedLen-4:]) == dhcpCookie {
		for off := dhcpFixedLen; off < len(b); {
			code := b[off]
			if code == dhcpOptPad {
				off++
				continue
			}
			if code == dhcpOptEnd {
				if out.WantTree {
					f := UintField("dhcp.option.type", "Option: (255) End", off, 1, dhcpOptEnd)
					opts = append(opts, f)
				}
				break
			}
			if off+2 > len(b) || off+2+int(b[off+1]) > len(b) {
				break
			}
			l := int(b[off+1])
			v := b[off+2 : off+2+l]
			if code == dhcpOptMsgType && l >= 1 && msgOff < 0 {
				msgType, msgOff = v[0], off+2
			}
			if out.WantTree {
				opts = append(opts, dhcpOption(code, off, v))
			}
			off += 2 + l
		}
	}
	if msgOff < 0 {
		out.SetProto("BOOTP")
		if b[0] == 1 {
			// address_with_resolution_to_str: "MAC (name)", the name the
			// MAC itself when names are not resolved (tshark -n)
			mac := macString(b[28:34])
			out.SetInfo("Boot Request from " + mac + " (" + mac + ")")
		} else {
			out.SetInfo("Boot Reply")
		}
	} else {
		out.SetProto("DHCP")
		name := dhcpTypeName(msgType)
		for len(name) < 8 {
			name += " "
		}
		out.SetInfo("DHCP " + name + " - Transaction ID 0x" + strconv.FormatUint(uint64(xid), 16))
	}
	if !out.WantTree {
		return true
	}
	title := "Dynamic Host Configuration Protocol"
	if msgOff >= 0 {
		title += " (" + dhcpTypeName(msgType) + ")"
	}
	top := Field{Name: "dhcp", Label: title, Kind: FieldProto, Start: 0, Len: len(b)}
	op := "Boot Request"
	if b[0] == 2 {
		op = "Boot Reply"
	} else if b[0] != 1 {
		op = "Unknown"
	}
	hw := "Ethernet"
	if b[1] != 1 {
		hw = "Unknown"
	}
	flags := binary.BigEndian.Uint16(b[10:])
	bc := "Unicast"
	if flags&0x8000 != 0 {
		bc = "Broadcast"
	}
	flLabel := "Bootp flags: 0x" + hexWord(flags) + " (" + bc + ")"
	if flags&0x8000 != 0 {
		flLabel = "Bootp flags: 0x" + hexWord(flags) + ", Broadcast flag (" + bc + ")"
	}
	fl := UintField("dhcp.flags", flLabel, 10, 2, uint64(flags))
	fl.Children = []Field{
		boolField("dhcp.flags.bc", bitString(uint32(flags), 16, 0x8000)+" = Broadcast flag: "+bc, 10, 2, flags&0x8000 != 0),
		UintField("dhcp.flags.reserved", bitString(uint32(flags), 16, 0x7fff)+" = Reserved flags: 0x"+hexWord(flags&0x7fff), 10, 2, uint64(flags&0x7fff)),
	}
	ip := func(name, title string, off int) Field {
		return Field{Name: name, Label: title + ": " + netip.AddrFrom4([4]byte(b[off:off+4])).String(), Start: off, Len: 4,
			Kind: FieldIPv4, Num: uint64(binary.BigEndian.Uint32(b[off:]))}
	}
	top.Children = []Field{
		UintField("dhcp.type", "Message type: "+op+" ("+strconv.Itoa(int(b[0]))+")", 0, 1, uint64(b[0])),
		UintField("dhcp.hw.type", "Hardware type: "+hw+" (0x"+hexByte(b[1])+")", 1, 1, uint64(b[1])),
		UintField("dhcp.hw.len", "Hardware address length: "+strconv.Itoa(int(b[2])), 2, 1, uint64(b[2])),
		UintField("dhcp.hops", "Hops: "+strconv.Itoa(int(b[3])), 3, 1, uint64(b[3])),
		UintField("dhcp.id", "Transaction ID: 0x"+hexWord(uint16(xid>>16))+hexWord(uint16(xid)), 4, 4, uint64(xid)),
		UintField("dhcp.secs", "Seconds elapsed: "+strconv.Itoa(int(binary.BigEndian.Uint16(b[8:]))), 8, 2, uint64(binary.BigEndian.Uint16(b[8:]))),
		fl,
		ip("dhcp.ip.client", "Client IP address", 12),
		ip("dhcp.ip.your", "Your (client) IP address", 16),
		ip("dhcp.ip.server", "Next server IP address", 20),
		ip("dhcp.ip.relay", "Relay agent IP address", 24),
	}
	if b[1] == 1 && b[2] == 6 {
		top.Children = append(top.Children, Field{Name: "dhcp.hw.mac_addr", Label: "Client MAC address: " + macString(b[28:34]),
			Start: 28, Len: 6, Kind: FieldEther, Num: mac48(b[28:34])})
	}
	top.Children = append(top.Children, opts...)
	out.Add(top)
	return true
}

func dhcpTypeName(t byte) string {
	if s, ok := dhcpMsgTypes[t]; ok {
		return s
	}
	return "Unknown Message Type (0x" + hexByte(t) + ")"
}

// dhcpOption is one option's tree line: named dhcp.option.type when ladder
// knows tshark's label for it, a plain line otherwise.
func dhcpOption(code byte, off int, v []byte) Field {
	o, known := dhcpOptions[code]
	label := "Option: (" + strconv.Itoa(int(code)) + ")"
	f := Field{Label: label, Start: off, Len: 2 + len(v)}
	switch {
	case code == dhcpOptMsgType && len(v) == 1:
		f = UintField("dhcp.option.type", label+" DHCP Message Type ("+dhcpTypeName(v[0])+")", off, 2+len(v), uint64(code))
	case known && o.addr && len(v) == 4:
		f = UintField("dhcp.option.type", label+" "+o.name+" ("+netip.AddrFrom4([4]byte(v)).String()+")", off, 2+len(v), uint64(code))
	case known && !o.addr:
		f = UintField("dhcp.option.type", label+" "+o.name, off, 2+len(v), uint64(code))
	}
	f.Children = []Field{UintField("dhcp.option.length", "Length: "+strconv.Itoa(len(v)), off+1, 1, uint64(len(v)))}
	if code == dhcpOptMsgType && len(v) == 1 {
		f.Children = append(f.Children, UintField("dhcp.option.dhcp", "DHCP: "+dhcpTypeName(v[0])+" ("+strconv.Itoa(int(v[0]))+")", off+2, 1, uint64(v[0])))
	}
	return f
}
