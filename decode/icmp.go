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

// icmpTypeNames are the message names tshark 4.0's ICMP dissector starts
// the Info column with (packet-icmp.c's type strings, read off tshark
// 4.0.17 for every type 0-255 in testdata/app/lab__icmp-types-crafted.py);
// other types read "Unknown ICMP (obsolete or malformed?)".
var icmpTypeNames = map[uint8]string{
	0: "Echo (ping) reply", 1: "Reserved", 2: "Reserved", 3: "Destination unreachable",
	4: "Source quench (flow control)", 5: "Redirect", 6: "Alternate host address", 8: "Echo (ping) request",
	9: "Router advertisement", 10: "Router solicitation", 11: "Time-to-live exceeded", 12: "Parameter problem",
	13: "Timestamp request", 14: "Timestamp reply", 15: "Information request", 16: "Information reply",
	17: "Address mask request", 18: "Address mask reply", 19: "Reserved (for security)", 30: "Traceroute",
	31: "Datagram Conversion Error", 32: "Mobile Host Redirect", 33: "IPv6 Where-Are-You", 34: "IPv6 I-Am-Here",
	35: "Mobile Registration Request", 36: "Mobile Registration Reply", 37: "Domain Name Request",
	38: "Domain Name Reply", 39: "SKIP", 40: "Photuris", 41: "Experimental mobility protocols",
	42: "Extended Echo request", 43: "Extended Echo reply",
}

var icmpUnreachable = [...]string{
	"Network unreachable", "Host unreachable", "Protocol unreachable", "Port unreachable",
	"Fragmentation needed", "Source route failed", "Destination network unknown",
	"Destination host unknown", "Source host isolated", "Network administratively prohibited",
	"Host administratively prohibited", "Network unreachable for TOS", "Host unreachable for TOS",
	"Communication administratively filtered", "Host precedence violation", "Precedence cutoff in effect",
}

// icmpCodeNames name the codes of the ICMP types whose codes tshark
// names, in the Info column ("Redirect (Redirect for host)") and the
// details ("Code: 1 (Redirect for host)") alike; an unnamed code of such a
// type is "Unknown code: N". Router advertisement codes are sparse.
var icmpCodeNames = map[uint8][]string{
	3:  icmpUnreachable[:],
	5:  {"Redirect for network", "Redirect for host", "Redirect for TOS and network", "Redirect for TOS and host"},
	6:  {"Alternate address for host"},
	11: {"Time to live exceeded in transit", "Fragment reassembly time exceeded"},
	12: {"Pointer indicates the error", "Required option missing", "Bad length"},
	40: {"Bad SPI", "Authentication Failed", "Decompression Failed", "Decryption Failed", "Need Authentication",
		"Need Authorization"},
	42: {"No error"},
	43: {"No error", "Malformed Query", "No Such Interface", "No Such Table Entry", "Multiple Interfaces Satisfy Query"},
}

// icmpCodeName names code for an ICMP message of type typ; ok is false
// for the types whose codes tshark does not name.
func icmpCodeName(typ, code uint8) (string, bool) {
	if typ == 9 {
		switch code {
		case 0:
			return "Normal router advertisement", true
		case 16:
			return "Does not route common traffic", true
		}
		return fmt.Sprintf("Unknown code: %d", code), true
	}
	names, ok := icmpCodeNames[typ]
	switch {
	case !ok:
		return "", false
	case int(code) < len(names):
		return names[code], true
	}
	return fmt.Sprintf("Unknown code: %d", code), true
}

// icmpHasIDSeq says the message type carries an identifier and sequence
// number that the Info column shows (echo, timestamp, information and
// address mask requests and replies).
func icmpHasIDSeq(typ uint8) bool {
	return typ == 0 || typ == 8 || (typ >= 13 && typ <= 18)
}

// icmpInfo is tshark's ICMP Info: the type name padded to 20 columns, the
// code's name in parentheses when the type names its codes, and for the
// query messages the identifier, sequence number (both byte orders) and
// TTL, with the matching request's frame on an echo reply.
func icmpInfo(p *Packet, h *Headers) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-20s", icmpTypeName(h))
	if c, ok := icmpCodeName(h.ICMPType, h.ICMPCode); ok {
		b.WriteString(" (" + c + ")")
	}
	if !icmpHasIDSeq(h.ICMPType) {
		return b.String()
	}
	if len(h.ICMPBody) < 4 {
		b.WriteString("[Malformed Packet]") // the identifier is read and throws
		return b.String()
	}
	id, seq := binary.BigEndian.Uint16(h.ICMPBody), binary.BigEndian.Uint16(h.ICMPBody[2:])
	fmt.Fprintf(&b, " id=0x%04x, seq=%d/%d", id, seq, seq<<8|seq>>8)
	if !h.AH {
		fmt.Fprintf(&b, ", ttl=%d", h.TTL)
	}
	if h.ICMPType == 0 && p.Ack != 0 {
		fmt.Fprintf(&b, " (request in %d)", p.Ack)
	}
	return b.String()
}

// icmpTypeName is the type's name in the Info column. packet-icmp.c
// calls every router advertisement with code 0 or 16 (the codes it names)
// a Mobile IP agent advertisement (RFC 5944 §2.1), extension or not.
func icmpTypeName(h *Headers) string {
	if h.ICMPType == 9 && (h.ICMPCode == 0 || h.ICMPCode == 16) {
		return "Mobile IP Advertisement"
	}
	if n, ok := icmpTypeNames[h.ICMPType]; ok {
		return n
	}
	return "Unknown ICMP (obsolete or malformed?)"
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
