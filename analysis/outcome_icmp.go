package analysis

// ICMP errors as evidence for the connection they quote. An ICMP or ICMPv6
// destination unreachable carries the start of the datagram that caused it
// (RFC 792: the IP header and at least 8 bytes, which for TCP are the ports
// and the sequence number; RFC 4443 §3.1: as much as fits), so it names the
// connection it is about. The index already puts each error on the flow it
// quotes (decode.Flow.Errors, as Wireshark gives it that tcp.stream) and
// decodes it again on demand (Index.ICMPError); here the errors that can end
// a connection are picked out.

import (
	"net/netip"

	"github.com/ladder-dev/ladder/decode"
)

// ICMP types and codes the outcome rules read.
const (
	icmpv4Unreachable  = 3
	icmpv4FragNeeded   = 4 // code of type 3: path MTU discovery, not an ending
	icmpv6Unreachable  = 1
	icmpv4PortUnreach  = 3
	icmpv4ProtoUnreach = 2
	icmpv6PortUnreach  = 4
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

// icmpErrors finds, per flow index, the ICMP destination unreachables
// quoting each TCP connection, in capture order.
func icmpErrors(idx *decode.Index, flows []*decode.Flow) map[int][]icmpHit {
	var out map[int][]icmpHit
	var buf []byte
	n := idx.Len()
	for fi, f := range flows {
		if f.Proto != decode.ProtoTCPPacket {
			continue
		}
		for _, i := range f.Errors {
			if int(i) >= n {
				break
			}
			var e decode.ICMPError
			var ok bool
			e, buf, ok = idx.ICMPError(int(i), buf)
			q := e.Quoted
			if !ok || !endsConnection(e.V6, e.Type, e.Code) || q.Proto != decode.ProtoTCP || !q.HasPorts {
				continue
			}
			dst, _ := netip.AddrFromSlice(q.Dst)
			p := idx.Packet(int(i))
			from := idx.Addr(p.Src).IP()
			if out == nil {
				out = make(map[int][]icmpHit)
			}
			// The error travels back to the quoted segment's sender: the
			// quoted segment went the other way.
			out[fi] = append(out[fi], icmpHit{frame: int(i) + 1, v6: e.V6, typ: e.Type, code: e.Code,
				dir: int(p.Dir&1) ^ 1, seq: q.Seq, hasSeq: q.HasSeq, src: from,
				fromTarget: from.Unmap() == dst.Unmap()})
		}
	}
	return out
}
