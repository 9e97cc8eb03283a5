package decode

import (
	"encoding/binary"
	"fmt"
	"net/netip"
	"strings"
)

// For ICMP and ICMPv6 echo packets the index reuses the TCP fields:
// Packet.Seq holds id<<16|sequence and Packet.Ack the frame number of the
// matching request (replies only; 0 when none was seen), which is what the
// Info column's "(request in N)" needs without a second pass.

type echoKey struct {
	src, dst uint32
	idseq    uint32
	v6       bool
}

// matchEcho records echo requests and links replies to them.
func (x *Index) matchEcho(i int, p *Packet, h *Headers) {
	if len(h.ICMPBody) < 4 {
		return
	}
	req, rep := uint8(8), uint8(0)
	v6 := p.Proto == ProtoICMPv6Packet
	if v6 {
		req, rep = 128, 129
	}
	p.Seq = binary.BigEndian.Uint32(h.ICMPBody)
	switch h.ICMPType {
	case req:
		if x.echo == nil {
			x.echo = make(map[echoKey]int32)
		}
		k := echoKey{p.Src, p.Dst, p.Seq, v6}
		if _, seen := x.echo[k]; !seen {
			x.echo[k] = int32(i + 1)
		}
	case rep:
		p.Ack = uint32(x.echo[echoKey{p.Dst, p.Src, p.Seq, v6}])
	}
}

var icmpUnreachable = [...]string{
	"Network unreachable", "Host unreachable", "Protocol unreachable", "Port unreachable",
	"Fragmentation needed", "Source route failed", "Destination network unknown",
	"Destination host unknown", "Source host isolated", "Network administratively prohibited",
	"Host administratively prohibited", "Network unreachable for TOS", "Host unreachable for TOS",
	"Communication administratively filtered", "Host precedence violation", "Precedence cutoff in effect",
}

func icmpInfo(p *Packet, h *Headers) string {
	switch h.ICMPType {
	case 0, 8:
		s := "Echo (ping) request  "
		if h.ICMPType == 0 {
			s = "Echo (ping) reply    "
		}
		id, seq := uint16(p.Seq>>16), uint16(p.Seq)
		s += fmt.Sprintf("id=0x%04x, seq=%d/%d", id, seq, seq<<8|seq>>8)
		if !h.AH {
			s += fmt.Sprintf(", ttl=%d", h.TTL)
		}
		if h.ICMPType == 0 && p.Ack != 0 {
			s += fmt.Sprintf(" (request in %d)", p.Ack)
		}
		return s
	case 3:
		if int(h.ICMPCode) < len(icmpUnreachable) {
			return "Destination unreachable (" + icmpUnreachable[h.ICMPCode] + ")"
		}
		return "Destination unreachable"
	case 4:
		return "Source quench (flow control)"
	case 5:
		codes := []string{"Redirect for network", "Redirect for host", "Redirect for TOS and network", "Redirect for TOS and host"}
		if int(h.ICMPCode) < len(codes) {
			return "Redirect (" + codes[h.ICMPCode] + ")"
		}
		return "Redirect"
	case 11:
		if h.ICMPCode == 1 {
			return "Time-to-live exceeded (Fragment reassembly time exceeded)"
		}
		return "Time-to-live exceeded (Time to live exceeded in transit)"
	case 13:
		return "Timestamp request"
	case 14:
		return "Timestamp reply"
	}
	return fmt.Sprintf("Unknown ICMP (obsolete or malformed?) (type=%d, code=%d)", h.ICMPType, h.ICMPCode)
}

// icmpv6ErrorCodes name the codes of the ICMPv6 errors (RFC 4443 sections
// 3.1, 3.3, 3.4; RFC 7112) as tshark 4.0.17 prints them, in the Info column
// ("Time Exceeded (hop limit exceeded in transit)") and the details pane
// ("Code: 0 (hop limit exceeded in transit)") alike.
var icmpv6ErrorCodes = map[uint8][]string{
	1: {"no route to destination", "Administratively prohibited", "Beyond scope of source address",
		"Address unreachable", "Port unreachable", "Source address failed ingress/egress policy",
		"Reject route to destination", "Error in Source Routing Header"},
	3: {"hop limit exceeded in transit", "fragment reassembly time exceeded"},
	4: {"erroneous header field encountered", "unrecognized Next Header type encountered",
		"unrecognized IPv6 option encountered", "IPv6 First Fragment has incomplete IPv6 Header Chain"},
}

// icmpv6CodeName names code of an ICMPv6 error of type typ; ok is false
// for the types whose codes tshark does not name (Packet Too Big and the
// informational messages). An unnamed code of Destination Unreachable is
// "Unknown", of the others "Unknown (N)".
func icmpv6CodeName(typ, code uint8) (name string, ok bool) {
	names, ok := icmpv6ErrorCodes[typ]
	switch {
	case !ok:
		return "", false
	case int(code) < len(names):
		return names[code], true
	case typ == 1:
		return "Unknown", true
	}
	return fmt.Sprintf("Unknown (%d)", code), true
}

func icmpv6Info(p *Packet, h *Headers) string {
	b := h.ICMPBody
	switch h.ICMPType {
	case 128, 129:
		s := "Echo (ping) request"
		if h.ICMPType == 129 {
			s = "Echo (ping) reply"
		}
		s += fmt.Sprintf(" id=0x%04x, seq=%d, hop limit=%d", uint16(p.Seq>>16), uint16(p.Seq), h.TTL)
		if h.ICMPType == 129 && p.Ack != 0 {
			s += fmt.Sprintf(" (request in %d)", p.Ack)
		}
		return s
	case 1:
		c, _ := icmpv6CodeName(1, h.ICMPCode)
		return "Destination Unreachable (" + c + ")"
	case 2:
		return "Packet Too Big"
	case 3:
		c, _ := icmpv6CodeName(3, h.ICMPCode)
		return "Time Exceeded (" + c + ")"
	case 133:
		return "Router Solicitation" + ndpFrom(b, 4)
	case 134:
		return "Router Advertisement" + ndpFrom(b, 12)
	case 135:
		if len(b) < 20 {
			return "Neighbor Solicitation"
		}
		return "Neighbor Solicitation for " + netip.AddrFrom16([16]byte(b[4:20])).String() + ndpFrom(b, 20)
	case 136:
		if len(b) < 20 {
			return "Neighbor Advertisement"
		}
		s := "Neighbor Advertisement " + netip.AddrFrom16([16]byte(b[4:20])).String()
		var fl []string
		if b[0]&0x80 != 0 {
			fl = append(fl, "rtr")
		}
		if b[0]&0x40 != 0 {
			fl = append(fl, "sol")
		}
		if b[0]&0x20 != 0 {
			fl = append(fl, "ovr")
		}
		if len(fl) > 0 {
			s += " (" + strings.Join(fl, ", ") + ")"
		}
		if mac := ndpOption(b[20:], 2); mac != nil {
			s += " is at " + macString(mac)
		}
		return s
	case 130:
		return "Multicast Listener Query"
	case 131:
		return "Multicast Listener Report"
	case 132:
		return "Multicast Listener Done"
	case 143:
		return "Multicast Listener Report Message v2"
	case 137:
		return "Redirect"
	case 4:
		c, _ := icmpv6CodeName(4, h.ICMPCode)
		return "Parameter Problem (" + c + ")"
	}
	return fmt.Sprintf("Unknown ICMPv6 (type=%d, code=%d)", h.ICMPType, h.ICMPCode)
}

// ndpFrom renders " from MAC" when the NDP message at b carries a source
// link-layer address option after its fixed part of n bytes.
func ndpFrom(b []byte, n int) string {
	if len(b) < n {
		return ""
	}
	if mac := ndpOption(b[n:], 1); mac != nil {
		return " from " + macString(mac)
	}
	return ""
}

// ndpOption returns the 6-byte link-layer address of option typ, or nil.
func ndpOption(b []byte, typ byte) []byte {
	for len(b) >= 8 {
		n := int(b[1]) * 8
		if n == 0 || n > len(b) {
			return nil
		}
		if b[0] == typ && n == 8 { // a 6-byte (Ethernet) address; Wireshark names no other
			return b[2:8]
		}
		b = b[n:]
	}
	return nil
}
