package analysis

// ICMP errors as evidence for the connection they quote. An ICMP or ICMPv6
// destination unreachable carries the start of the datagram that caused it
// (RFC 792: the IP header and at least 8 bytes, which for TCP are the ports
// and the sequence number; RFC 4443 §3.1: as much as fits), so it names the
// connection it is about. Wireshark gives such an ICMP frame that
// connection's tcp.stream; when the index already attributes the ICMP
// packet to a TCP flow (Packet.Flow), that attribution is used, otherwise
// the quoted header is read here.

import (
	"encoding/binary"
	"net/netip"

	"github.com/ladder-dev/ladder/decode"
)

// ICMP types and codes the outcome rules read.
const (
	icmpv4Unreachable    = 3
	icmpv4FragNeeded     = 4 // code of type 3: path MTU discovery, not an ending
	icmpv6Unreachable    = 1
	icmpv4PortUnreach    = 3
	icmpv4ProtoUnreach   = 2
	icmpv6PortUnreach    = 4
	icmpQuoteUnusedBytes = 4 // the unused (or next-hop MTU) word before the quoted datagram
)

// icmpHit is one ICMP destination unreachable quoting a TCP connection.
type icmpHit struct {
	frame      int // 1-based
	v6         bool
	typ, code  uint8
	dir        int    // direction of the quoted segment (its sender got the error)
	seq        uint32 // the quoted segment's sequence number
	hasSeq     bool
	src        netip.Addr // who sent the error
	fromTarget bool       // the error came from the quoted segment's destination host itself
}

// quotedTCP reads the TCP/IP header an ICMP error quotes: body is the ICMP
// message after type, code and checksum. It returns the quoted segment's
// addresses and ports, and its sequence number when quoted. Only a TCP
// segment right after the IP header (no IPv6 extension headers, not a
// later fragment) is read; anything else, or too short, is not ok.
func quotedTCP(body []byte, v6 bool) (src, dst netip.AddrPort, seq uint32, hasSeq, ok bool) {
	if len(body) < icmpQuoteUnusedBytes {
		return
	}
	ip := body[icmpQuoteUnusedBytes:]
	var tcp []byte
	var sa, da netip.Addr
	if !v6 {
		if len(ip) < 20 || ip[0]>>4 != 4 || ip[9] != decode.ProtoTCP {
			return
		}
		ihl := int(ip[0]&0x0f) * 4
		if ihl < 20 || len(ip) < ihl+4 || binary.BigEndian.Uint16(ip[6:])&0x1fff != 0 {
			return
		}
		sa, da = netip.AddrFrom4([4]byte(ip[12:16])), netip.AddrFrom4([4]byte(ip[16:20]))
		tcp = ip[ihl:]
	} else {
		if len(ip) < 44 || ip[0]>>4 != 6 || ip[6] != decode.ProtoTCP {
			return
		}
		sa, da = netip.AddrFrom16([16]byte(ip[8:24])), netip.AddrFrom16([16]byte(ip[24:40]))
		tcp = ip[40:]
	}
	src = netip.AddrPortFrom(sa, binary.BigEndian.Uint16(tcp))
	dst = netip.AddrPortFrom(da, binary.BigEndian.Uint16(tcp[2:]))
	if len(tcp) >= 8 {
		seq, hasSeq = binary.BigEndian.Uint32(tcp[4:]), true
	}
	return src, dst, seq, hasSeq, true
}

// endsConnection reports whether an ICMP error can end a connection:
// destination unreachable of any code but fragmentation needed (ICMPv6
// packet too big is another type).
func endsConnection(v6 bool, typ, code uint8) bool {
	if v6 {
		return typ == icmpv6Unreachable
	}
	return typ == icmpv4Unreachable && code != icmpv4FragNeeded
}

// isPortUnreachable: the destination host itself said no process listens.
func (e *icmpHit) isPortUnreachable() bool {
	if e.v6 {
		return e.code == icmpv6PortUnreach
	}
	return e.code == icmpv4PortUnreach || e.code == icmpv4ProtoUnreach
}

// tupleKey names a TCP connection by its two endpoints, smaller first.
type tupleKey [2]netip.AddrPort

func makeTuple(a, b netip.AddrPort) tupleKey {
	if b.Addr().Less(a.Addr()) || b.Addr() == a.Addr() && b.Port() < a.Port() {
		a, b = b, a
	}
	return tupleKey{a, b}
}

// icmpErrors finds every ICMP destination unreachable in the capture that
// quotes one of its TCP connections, by flow index, in capture order.
func icmpErrors(idx *decode.Index, flows []*decode.Flow) map[int][]icmpHit {
	var out map[int][]icmpHit
	var byTuple map[tupleKey][]int
	var h decode.Headers
	var buf []byte
	n := idx.Len()
	for i := range n {
		p := idx.Packet(i)
		if p.Proto != decode.ProtoICMPPacket && p.Proto != decode.ProtoICMPv6Packet {
			continue
		}
		var err error
		buf, err = idx.Data(i, buf)
		if err != nil {
			continue
		}
		h.Parse(idx.LinkType(p), buf, p.OrigLen)
		v6 := p.Proto == decode.ProtoICMPv6Packet
		if !h.HasTransport || !endsConnection(v6, h.ICMPType, h.ICMPCode) {
			continue
		}
		src, dst, seq, hasSeq, ok := quotedTCP(h.ICMPBody, v6)
		if !ok {
			continue
		}
		from, _ := netip.AddrFromSlice(h.Src)
		fi := -1
		if p.Flow >= 0 && int(p.Flow) < len(flows) && flows[p.Flow].Proto == decode.ProtoTCPPacket {
			fi = int(p.Flow) // the index attributes ICMP errors to the flow they quote
		} else {
			if byTuple == nil {
				byTuple = tcpTuples(idx, flows)
			}
			// The latest connection on these ports that began before the error.
			for _, k := range byTuple[makeTuple(src, dst)] {
				if flows[k].First <= p.Time {
					fi = k
				}
			}
		}
		if fi < 0 {
			continue
		}
		f := flows[fi]
		dir := 1
		if c := idx.Addr(f.Client.Addr).IP(); c == src.Addr().Unmap() && f.Client.Port == src.Port() {
			dir = 0
		}
		if out == nil {
			out = make(map[int][]icmpHit)
		}
		out[fi] = append(out[fi], icmpHit{frame: i + 1, v6: v6, typ: h.ICMPType, code: h.ICMPCode, dir: dir,
			seq: seq, hasSeq: hasSeq, src: from, fromTarget: from.Unmap() == dst.Addr().Unmap()})
	}
	return out
}

// tcpTuples maps each TCP connection's endpoints to its flow indexes, in
// stream order.
func tcpTuples(idx *decode.Index, flows []*decode.Flow) map[tupleKey][]int {
	m := make(map[tupleKey][]int)
	for k, f := range flows {
		if f.Proto != decode.ProtoTCPPacket {
			continue
		}
		c := netip.AddrPortFrom(idx.Addr(f.Client.Addr).IP(), f.Client.Port)
		s := netip.AddrPortFrom(idx.Addr(f.Server.Addr).IP(), f.Server.Port)
		key := makeTuple(c, s)
		m[key] = append(m[key], k)
	}
	return m
}
