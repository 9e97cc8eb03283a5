package decode

import (
	"encoding/binary"
	"fmt"
)

// The columns of a transport header that is whole in the capture but too
// short or inconsistent on the wire, as tshark 4.0's TCP, UDP and ICMP
// dissectors leave them: each writes what it has read before the field it
// cannot read throws, and says why. Checked on every length from 0 to 20
// bytes (testdata/app/lab__transport-short-crafted.py); such packets come
// from fuzzers and from the truncation tests of packet tools.

// shortTransport gives the columns of a TCP or UDP header too short to
// read (TransportBad) when the packet was captured whole; ok is false for
// anything else, which keeps the generic malformedMark row. net is
// the network layer's column name.
func shortTransport(h *Headers, net string) (proto, info string, ok bool) {
	if h.Missing != 0 || h.Fragment {
		return "", "", false
	}
	b := h.IPPayload
	const malformed = malformedMark
	// the ports throw before TCP or UDP names itself: the network layer's
	// column stays, with an extension header's text
	netInfo := h.v6ExtInfo + malformed
	switch h.IPProto {
	case ProtoTCP:
		switch {
		case len(b) < 4:
			return net, netInfo, true
		case len(b) < 16:
			return "TCP", fmt.Sprintf("%d → %d%s", binary.BigEndian.Uint16(b), binary.BigEndian.Uint16(b[2:]), malformed), true
		}
		flags := uint16(b[13]) | uint16(b[12]&0x0f)<<8
		if off := int(b[12]>>4) * 4; off < 20 {
			// packet-tcp.c stops at the header length, after its
			// conversation has made the sequence numbers relative: this
			// is the first segment it sees (ISN, or one before it)
			seq, ack := 1, 1
			if flags&FlagSYN != 0 {
				seq = 0
			}
			return "TCP", tcpShortInfo(b, flags, seq, ack) + fmt.Sprintf(", bogus TCP header length (%d, must be at least 20)", off), true
		}
		// the header runs past the segment: the numbers are read raw
		// before the rest of the header throws
		seq, ack := int(binary.BigEndian.Uint32(b[4:])), int(binary.BigEndian.Uint32(b[8:]))
		return "TCP", tcpShortInfo(b, flags, seq, ack) + malformed, true
	case ProtoUDP:
		switch {
		case len(b) < 4:
			return net, netInfo, true
		case len(b) < 6:
			return "UDP", fmt.Sprintf("%d → %d%s", binary.BigEndian.Uint16(b), binary.BigEndian.Uint16(b[2:]), malformed), true
		}
		ulen := int(binary.BigEndian.Uint16(b[4:]))
		ports := fmt.Sprintf("%d → %d", binary.BigEndian.Uint16(b), binary.BigEndian.Uint16(b[2:]))
		if ulen < 8 {
			return "UDP", fmt.Sprintf("%s [BAD UDP LENGTH %d < 8]", ports, ulen), true
		}
		return "UDP", fmt.Sprintf("%s [BAD UDP LENGTH %d > IP PAYLOAD LENGTH] Len=%d%s", ports, ulen, ulen-8, malformed), true
	}
	return "", "", false
}

// tcpShortInfo is the part of a TCP Info line read before the header
// throws: ports, flags, sequence numbers, window and urgent pointer.
func tcpShortInfo(b []byte, flags uint16, seq, ack int) string {
	s := fmt.Sprintf("%d → %d [%s] Seq=%d", binary.BigEndian.Uint16(b), binary.BigEndian.Uint16(b[2:]), flagString(flags, false), seq)
	if flags&FlagACK != 0 {
		s += fmt.Sprintf(" Ack=%d", ack)
	}
	s += fmt.Sprintf(" Win=%d", binary.BigEndian.Uint16(b[14:]))
	if flags&FlagURG != 0 && len(b) >= 20 {
		s += fmt.Sprintf(" Urg=%d", binary.BigEndian.Uint16(b[18:]))
	}
	return s
}

// udpInfo is the Info of a UDP datagram no application claims: its ports
// and payload length, with the warning tshark gives a length field beyond
// the IP payload (the payload is then the IP payload's, and a datagram with
// none left throws). A length below 8 is shortTransport's.
func udpInfo(h *Headers) string {
	claimed := h.PayloadLen + 8
	switch {
	case h.udpLen > claimed && h.Missing == 0:
		s := fmt.Sprintf("%d → %d [BAD UDP LENGTH %d > IP PAYLOAD LENGTH] Len=%d", h.SrcPort, h.DstPort, h.udpLen, h.udpLen-8)
		if claimed == 8 {
			s += malformedMark
		}
		return s
	}
	return fmt.Sprintf("%d → %d Len=%d", h.SrcPort, h.DstPort, h.PayloadLen)
}

// shortICMPInfo is the Info of an ICMP message shorter than the 8-byte
// header: tshark throws before writing anything below 6 bytes, and an
// error message, which reads bytes 4-7 (unused, gateway, pointer), throws
// after its type and code. (A query message cut before its identifier is
// icmpInfo's.)
func shortICMPInfo(p *Packet, h *Headers) (string, bool) {
	n := len(h.IPPayload)
	switch {
	case h.Net != NetIPv4 || h.Missing != 0 || h.Fragment || n >= 8 || n < 4:
		return "", false
	case n < 6:
		return malformedMark, true
	case IsICMPError(false, h.ICMPType):
		return icmpInfo(p, h) + malformedMark, true
	}
	return "", false
}
