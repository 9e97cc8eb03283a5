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
		b.WriteString(malformedMark) // the identifier is read and throws
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

// icmpv6TypeNames are tshark 4.0's ICMPv6 type names (tshark -G values,
// field icmpv6.type; TestICMPv6NamesMatchTshark reads them back): the
// Info column and the details pane's Type line. A type without a name is
// "Unknown (N)" in Info, "Unknown" in the details.
var icmpv6TypeNames = [256]string{
	1:   "Destination Unreachable",
	2:   "Packet Too Big",
	3:   "Time Exceeded",
	4:   "Parameter Problem",
	100: "Private experimentation",
	101: "Private experimentation",
	127: "Reserved for expansion of ICMPv6 error messages",
	128: "Echo (ping) request",
	129: "Echo (ping) reply",
	130: "Multicast Listener Query",
	131: "Multicast Listener Report",
	132: "Multicast Listener Done",
	133: "Router Solicitation",
	134: "Router Advertisement",
	135: "Neighbor Solicitation",
	136: "Neighbor Advertisement",
	137: "Redirect",
	138: "Router Renumbering",
	139: "Node Information Query",
	140: "Node Information Reply",
	141: "Inverse Neighbor Discovery Solicitation",
	142: "Inverse Neighbor Discovery Advertisement",
	143: "Multicast Listener Report Message v2",
	144: "Home Agent Address Discovery Request",
	145: "Home Agent Address Discovery Reply",
	146: "Mobile Prefix Solicitation",
	147: "Mobile Prefix Advertisement",
	148: "Certification Path Solicitation",
	149: "Certification Path Advertisement",
	150: "Experimental Mobility",
	151: "Multicast Router Advertisement",
	152: "Multicast Router Solicitation",
	153: "Multicast Router Termination",
	154: "FMIPv6",
	155: "RPL Control",
	156: "Locator Update",
	157: "Duplicate Address Request",
	158: "Duplicate Address Confirmation",
	159: "MPL Control Message",
	160: "Extended Echo request",
	161: "Extended Echo reply",
	200: "Private experimentation",
	201: "Private experimentation",
	255: "Reserved for expansion of ICMPv6 informational messages",
}

// icmpv6Codes name the codes of the ICMPv6 types whose codes tshark 4.0.17
// names, in the Info column ("Time Exceeded (hop limit exceeded in
// transit)") and the details pane ("Code: 0 (hop limit exceeded in
// transit)") alike: the errors (RFC 4443 sections 3.1, 3.3, 3.4; RFC 7112),
// Router Renumbering (RFC 2894), Node Information (RFC 4620), RPL Control
// (RFC 6550, 6997, 9010) and Extended Echo (RFC 8335). Read back from
// lab__icmpv6-types-crafted.pcap.
var icmpv6Codes = map[uint8]map[uint8]string{
	1: {0: "no route to destination", 1: "Administratively prohibited", 2: "Beyond scope of source address",
		3: "Address unreachable", 4: "Port unreachable", 5: "Source address failed ingress/egress policy",
		6: "Reject route to destination", 7: "Error in Source Routing Header"},
	3: {0: "hop limit exceeded in transit", 1: "fragment reassembly time exceeded"},
	4: {0: "erroneous header field encountered", 1: "unrecognized Next Header type encountered",
		2: "unrecognized IPv6 option encountered", 3: "IPv6 First Fragment has incomplete IPv6 Header Chain"},
	138: {0: "Command", 1: "Result", 255: "Sequence number reset"},
	139: {0: "Query subject = IPv6 addresses", 1: "Query subject = DNS name or empty", 2: "Query subject = IPv4 addresses"},
	140: {0: "Successful", 1: "Refused", 2: "Unknown query type"},
	155: {0x00: "DODAG Information Solicitation", 0x01: "DODAG Information Object",
		0x02: "Destination Advertisement Object", 0x03: "Destination Advertisement Object Acknowledgment",
		0x04: "P2P Discovery Reply Object", 0x05: "P2P Discovery Reply Object Acknowledgement",
		0x80: "Secure DODAG Information Solicitation", 0x81: "Secure DODAG Information Object",
		0x82: "Secure Destination Advertisement Object", 0x83: "Secure Destination Advertisement Object Acknowledgment",
		0x84: "P2P Secure Discovery Reply Object", 0x85: "P2P Secure Discovery Reply Object Acknowledgement",
		0x8a: "Consistency Check"},
	160: {0: "No error"},
	161: {0: "No error", 1: "Malformed Query", 2: "No Such Interface", 3: "No Such Table Entry"},
}

// icmpv6MobilitySubtypes name the subtype (the first byte after the
// checksum) of FMIPv6 (RFC 5568) and Experimental Mobility messages.
var icmpv6MobilitySubtypes = map[uint8]string{2: "Router Solicitation for Proxy Advertisement",
	3: "Proxy Router Advertisement", 4: "Handover Initiate", 5: "Handover Acknowledge"}

// icmpv6CodeName names code of an ICMPv6 message of type typ; ok is false
// for the types whose codes tshark does not name (Packet Too Big, echo,
// neighbour discovery and the rest). An unnamed code of Destination
// Unreachable is "Unknown", of the others "Unknown (N)".
func icmpv6CodeName(typ, code uint8) (name string, ok bool) {
	names, ok := icmpv6Codes[typ]
	if !ok {
		return "", false
	}
	if n, ok := names[code]; ok {
		return n, true
	}
	if typ == 1 {
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
	case 133:
		return "Router Solicitation" + ndpOptions(h, b, 4)
	case 134:
		return "Router Advertisement" + ndpOptions(h, b, 12)
	case 135:
		if len(b) < 20 {
			return "Neighbor Solicitation"
		}
		return "Neighbor Solicitation for " + netip.AddrFrom16([16]byte(b[4:20])).String() + ndpOptions(h, b, 20)
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
		if len(fl) == 0 {
			fl = append(fl, "none")
		}
		s += " (" + strings.Join(fl, ", ") + ")"
		return s + ndpOptions(h, b, 20)
	case 137:
		// the target and destination addresses after a reserved field
		if len(b) < 36 {
			return "Redirect" + icmpv6Cut(h, true)
		}
		return "Redirect" + ndpOptions(h, b, 36)
	case 143:
		return "Multicast Listener Report Message v2" + icmpv6Cut(h, mldv2RecordsCut(b))
	case 145:
		// the home agents' addresses, 16 bytes each, after the
		// identifier and a reserved field
		return "Home Agent Address Discovery Reply" + icmpv6Cut(h, len(b) >= 4 && (len(b)-4)%16 != 0)
	case 150, 154:
		name := icmpv6TypeNames[h.ICMPType]
		if len(b) == 0 {
			return name
		}
		st, ok := icmpv6MobilitySubtypes[b[0]]
		if !ok {
			st = fmt.Sprintf("Unknown (%d)", b[0])
		}
		return name + " (" + st + ")"
	}
	name := icmpv6TypeNames[h.ICMPType]
	if name == "" {
		return fmt.Sprintf("Unknown (%d)", h.ICMPType)
	}
	if c, ok := icmpv6CodeName(h.ICMPType, h.ICMPCode); ok {
		return name + " (" + c + ")"
	}
	return name
}

// icmpv6Cut is tshark's mark for a message whose body ends inside an
// element, when the packet was captured whole.
func icmpv6Cut(h *Headers, cut bool) string {
	if cut && h.Missing == 0 {
		return malformedMark
	}
	return ""
}

// mldv2RecordsCut reports whether an MLDv2 report's multicast address
// records (RFC 3810 §5.2) end inside one. packet-icmpv6.c walks them by
// the bytes left, whatever the record count says.
func mldv2RecordsCut(b []byte) bool {
	if len(b) < 4 {
		return len(b) > 0
	}
	for r := b[4:]; len(r) > 0; {
		if len(r) < 20 {
			return true
		}
		n := 20 + 16*int(binary.BigEndian.Uint16(r[2:])) + 4*int(r[1])
		if n > len(r) {
			return true
		}
		r = r[n:]
	}
	return false
}

// NDP option types (RFC 4861 §4.6, RFC 8106) that change the Info text or
// what tshark finds malformed.
const (
	ndpOptSourceLL   = 1
	ndpOptTargetLL   = 2
	ndpOptRedirected = 4
	ndpOptRDNSS      = 25
)

// ndpOptions walks the options after an NDP message's fixed part of n
// bytes as packet-icmpv6.c does: an Ethernet source or target link-layer
// address adds " from MAC" or " is at MAC", and an option that runs past
// the packet (or a lone byte where its header should be, or RDNSS
// addresses cut by the packet's end) adds tshark's malformed mark, the
// redirected-header option its "contained item" variant. An option of
// length 0 ends the walk. (tshark 4.0 on lab__ndp-crafted.)
func ndpOptions(h *Headers, b []byte, n int) string {
	if len(b) < n {
		return ""
	}
	var s string
	for o := b[n:]; len(o) > 0; {
		if len(o) < 2 {
			return s + icmpv6Cut(h, true)
		}
		l := int(o[1]) * 8
		if l == 0 {
			return s
		}
		if l > len(o) {
			if o[0] == ndpOptRedirected && h.Missing == 0 {
				return s + "[Malformed Packet: length of contained item exceeds length of containing item]"
			}
			return s + icmpv6Cut(h, true)
		}
		switch {
		case o[0] == ndpOptSourceLL && l == 8:
			s += " from " + macString(o[2:8])
		case o[0] == ndpOptTargetLL && l == 8:
			s += " is at " + macString(o[2:8])
		case o[0] == ndpOptRDNSS && l >= 8 && (l-8)%16 != 0 && l == len(o):
			// the last address reads past the packet's end
			return s + icmpv6Cut(h, true)
		}
		o = o[l:]
	}
	return s
}
