package decode

import (
	"encoding/binary"
	"net/netip"
	"strconv"
	"strings"
)

// DHCPv6 (RFC 8415) on UDP ports 546 and 547. Info as Wireshark 4.0's
// packet-dhcpv6.c: "Solicit XID: 0x90b45c " followed by "CID: <client DUID
// in hex> " and "IAA: <address> " for the options that carry them (IA
// addresses inside IA_NA and IA_TA), and for relay messages "Relay-forw
// L: <link address> " followed by the relayed message's own text.
// Hand-written rather than gopacket's layers.DHCPv6: offsets for the tree,
// relayed messages, and the text of a message cut short.

const (
	dhcpv6ClientPort = 546
	dhcpv6ServerPort = 547
)

// DHCPv6 message types and options ladder reads.
const (
	dhcpv6RelayForw  = 12
	dhcpv6RelayReply = 13
	dhcpv6OptCID     = 1
	dhcpv6OptIANA    = 3
	dhcpv6OptIATA    = 4
	dhcpv6OptIAAddr  = 5
	dhcpv6OptRelay   = 9
)

// dhcpv6RelayHeader is a relay message's type, hop count, link and peer
// addresses.
const dhcpv6RelayHeader = 34

// dhcpv6MaxDepth bounds relay messages nested in relay messages and
// options nested in options.
const dhcpv6MaxDepth = 8

var dhcpv6Types = map[byte]string{1: "Solicit", 2: "Advertise", 3: "Request", 4: "Confirm", 5: "Renew", 6: "Rebind",
	7: "Reply", 8: "Release", 9: "Decline", 10: "Reconfigure", 11: "Information-request", 12: "Relay-forw",
	13: "Relay-reply"}

var dhcpv6Dissector = &Dissector{Name: "dhcpv6", Dissect: dissectDHCPv6, Fields: []FieldDef{
	{"dhcpv6.msgtype", "Message type", FieldUint, 8},
	{"dhcpv6.xid", "Transaction ID", FieldUint, 32},
}}

func init() { RegisterUDP(dhcpv6Dissector, dhcpv6ClientPort, dhcpv6ServerPort) }

func dhcpv6TypeName(t byte) string {
	if s, ok := dhcpv6Types[t]; ok {
		return s
	}
	return "Unknown (" + strconv.Itoa(int(t)) + ")"
}

func dissectDHCPv6(p *PDU, out *Out) bool {
	b := p.Data
	if len(b) == 0 {
		return false
	}
	var info strings.Builder
	dhcpv6Info(&info, b, 0)
	out.SetProto("DHCPv6")
	out.SetInfo(info.String())
	if !out.WantTree {
		return true
	}
	top := Field{Name: "dhcpv6", Label: "DHCPv6", Kind: FieldProto, Start: 0, Len: len(b)}
	top.Children = []Field{UintField("dhcpv6.msgtype", "Message type: "+dhcpv6TypeName(b[0])+" ("+strconv.Itoa(int(b[0]))+")", 0, 1, uint64(b[0]))}
	if b[0] != dhcpv6RelayForw && b[0] != dhcpv6RelayReply && len(b) >= 4 {
		xid := uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
		top.Children = append(top.Children, UintField("dhcpv6.xid", "Transaction ID: 0x"+hexByte(b[1])+hexByte(b[2])+hexByte(b[3]), 1, 3, uint64(xid)))
	}
	out.Add(top)
	return true
}

// dhcpv6Info writes one message's Info text; relayed messages recurse.
func dhcpv6Info(info *strings.Builder, b []byte, depth int) {
	info.WriteString(dhcpv6TypeName(b[0]))
	info.WriteByte(' ')
	if b[0] == dhcpv6RelayForw || b[0] == dhcpv6RelayReply {
		if len(b) < dhcpv6RelayHeader {
			info.WriteString(malformedMark)
			return
		}
		info.WriteString("L: " + netip.AddrFrom16([16]byte(b[2:18])).String() + " ")
		dhcpv6Options(info, b[dhcpv6RelayHeader:], depth)
		return
	}
	if len(b) < 4 {
		info.WriteString(malformedMark)
		return
	}
	info.WriteString("XID: 0x" + hexByte(b[1]) + hexByte(b[2]) + hexByte(b[3]) + " ")
	dhcpv6Options(info, b[4:], depth)
}

// dhcpv6Options walks options, writing the CID and IAA texts and
// recursing into IA_NA, IA_TA and relayed messages.
func dhcpv6Options(info *strings.Builder, b []byte, depth int) {
	if depth >= dhcpv6MaxDepth {
		return
	}
	for off := 0; off+4 <= len(b); {
		code, l := binary.BigEndian.Uint16(b[off:]), int(binary.BigEndian.Uint16(b[off+2:]))
		if off+4+l > len(b) {
			return
		}
		v := b[off+4 : off+4+l]
		switch code {
		case dhcpv6OptCID:
			info.WriteString("CID: " + hexString(v) + " ")
		case dhcpv6OptIANA:
			if len(v) >= 12 {
				dhcpv6Options(info, v[12:], depth+1)
			}
		case dhcpv6OptIATA:
			if len(v) >= 4 {
				dhcpv6Options(info, v[4:], depth+1)
			}
		case dhcpv6OptIAAddr:
			if len(v) >= 16 {
				info.WriteString("IAA: " + netip.AddrFrom16([16]byte(v[:16])).String() + " ")
			}
		case dhcpv6OptRelay:
			if len(v) > 0 {
				dhcpv6Info(info, v, depth+1)
			}
		}
		off += 4 + l
	}
}
