package vantage

import (
	"sort"

	"github.com/ladder-dev/ladder/decode"
)

// Loss is a segment one point saw and the other did not, where that
// proves something: it was lost between the points, or its claimed sender
// never sent it.
type Loss struct {
	Conn   int   // index into Pair.Conns
	Stream int   // capture 0's tcp.stream, capture 1's when only it saw the connection
	Dir    uint8 // capture 0's direction: 0 client to server
	Fate   Fate  // LostBetween, Uncaptured, NotSent or LostBefore
	At     Sighting
	// Seq and End are the segment's sequence range [Seq, End) relative to
	// its direction's ISN in the capture that saw it, as Wireshark numbers
	// it (End = Seq for a segment without data, SYN or FIN). For a UDP
	// datagram (UDP set) Seq is 0 and End its payload length.
	Seq, End uint32
	UDP      bool
	Flags    uint16
	// Again is where a later copy of the same data (the sender's
	// retransmission) was seen at the point nearer the receiver; Frame 0
	// when none was. For LostBefore, At is the segment after the bytes
	// that never showed, at the point nearer the sender.
	Again Sighting
}

// Losses lists the segments lost between the points, the bytes lost
// before the first point, and the segments their claimed senders never
// sent, connection by connection in capture 0's order.
func (p *Pair) Losses() []Loss {
	var out []Loss
	done := make([]bool, len(p.Conns))
	for c := range 2 {
		for _, k := range p.byFlow[c] {
			if k < 0 || done[k] {
				continue
			}
			done[k] = true
			out = p.connLosses(int(k), out)
		}
	}
	return out
}

func (p *Pair) connLosses(k int, out []Loss) []Loss {
	cn := &p.Conns[k]
	var flows [2]*decode.Flow
	stream := -1
	for c := 1; c >= 0; c-- {
		if cn.Flow[c] >= 0 {
			flows[c] = p.Cap[c].Idx.Flows()[cn.Flow[c]]
			stream = flows[c].Stream
		}
	}
	for i := range cn.Segs {
		s := &cn.Segs[i]
		if s.Fate != LostBetween && s.Fate != Uncaptured && s.Fate != NotSent {
			continue
		}
		c := s.Seen()
		pk := p.packet(s, c)
		f := flows[c]
		l := Loss{Conn: k, Stream: stream, Dir: s.Dir, Fate: s.Fate, Flags: pk.Flags, UDP: cn.UDP,
			At: Sighting{Capture: c, File: p.Cap[c].Name, Frame: int(s.Pkt[c]) + 1}}
		if !cn.UDP {
			l.Seq = f.RelSeq(int(s.Pkt[c]), pk)
		}
		l.End = l.Seq + uint32(pk.PayloadLen)
		if (s.Fate == LostBetween || s.Fate == Uncaptured) && pk.PayloadLen > 0 {
			l.Again = p.retransmission(cn, i, 1-c)
		}
		out = append(out, l)
	}
	for d := range uint8(2) {
		if !cn.UDP && cn.Paired() { // no sequence numbers to show a gap
			out = p.lostBefore(k, d, flows, out)
		}
	}
	return out
}

// lostBefore finds, at the point nearer direction d's sender, data that
// first shows as a gap (a segment beyond everything seen before it) and
// is filled later by a retransmission both points saw, unless the other
// point saw those bytes on their own (then this capture missed them): the
// first copy reached neither point. The segments are walked in the order
// that point saw them (its own packet order), not in the order of the
// connection's segment list, which is capture 0's: read in the far
// point's order, a reordering or loss between the points would look like
// a gap at the near one, and the answer would depend on which file came
// first.
func (p *Pair) lostBefore(k int, d uint8, flows [2]*decode.Flow, out []Loss) []Loss {
	cn := &p.Conns[k]
	u := p.Near(d)
	if u < 0 {
		return out
	}
	type gap struct {
		from, to uint32 // relative to base
		at       int32  // the segment after it
	}
	// The direction's segments the near point saw, in its order; and the
	// bytes only the far point saw while the near capture skipped them
	// or admits drops (Missed, Unseen): the sender sent those.
	var order []int
	var sentBytes [][2]uint32 // raw sequence ranges
	for i := range cn.Segs {
		s := &cn.Segs[i]
		if s.Dir != d {
			continue
		}
		if s.Pkt[u] >= 0 {
			order = append(order, i)
		} else if s.Fate == Missed || s.Fate == Unseen {
			q := p.packet(s, 1-u)
			sentBytes = append(sentBytes, [2]uint32{q.Seq, q.Seq + seqSpan(q)})
		}
	}
	sort.SliceStable(order, func(a, b int) bool { return cn.Segs[order[a]].Pkt[u] < cn.Segs[order[b]].Pkt[u] })
	var gaps []gap
	var base, end uint32
	started := false
	for _, i := range order {
		s := &cn.Segs[i]
		pk := p.packet(s, u)
		n := seqSpan(pk)
		if n == 0 || pk.Flags&decode.FlagRST != 0 {
			continue
		}
		if !started {
			base, end, started = pk.Seq, n, true
			continue
		}
		r := pk.Seq - base
		if r >= 1<<31 {
			continue
		}
		if r > end && len(gaps) < maxCandidates {
			g := gap{from: end, to: r, at: s.Pkt[u]}
			for _, x := range sentBytes {
				if lo := x[0] - base; lo < g.to && lo+(x[1]-x[0]) > g.from {
					g.at = -1 // the far point saw these bytes: the near capture missed them
				}
			}
			gaps = append(gaps, g)
		}
		for g := range gaps {
			x := &gaps[g]
			if x.at < 0 || r >= x.to || r+n <= x.from || s.Fate != Both {
				continue
			}
			f := flows[u]
			at := p.Cap[u].Idx.Packet(int(x.at))
			rel := f.RelSeq(int(x.at), at)
			out = append(out, Loss{Conn: k, Stream: flows[0].Stream, Dir: d, Fate: LostBefore, Flags: pk.Flags,
				At:  Sighting{Capture: u, File: p.Cap[u].Name, Frame: int(x.at) + 1},
				Seq: rel - (x.to - x.from), End: rel,
				Again: Sighting{Capture: 1 - u, File: p.Cap[1-u].Name, Frame: int(s.Pkt[1-u]) + 1}})
			x.at = -1
		}
		end = max(end, r+n)
	}
	return out
}

// retransmission finds the first later segment of the same direction that
// carries segment i's first byte and reached capture c; for a datagram,
// the first later one with the same payload (a DNS query asked again).
func (p *Pair) retransmission(cn *Conn, i, c int) Sighting {
	s := &cn.Segs[i]
	o := s.Seen()
	seq := p.packet(s, o).Seq
	for k := i + 1; k < len(cn.Segs); k++ {
		r := &cn.Segs[k]
		if r.Dir != s.Dir || r.Pkt[c] < 0 || r.Pkt[o] < 0 {
			continue
		}
		q := p.packet(r, o) // same numbering as the lost one
		if cn.UDP {
			if q.PayloadLen == p.packet(s, o).PayloadLen && p.hash[o][r.Pkt[o]] == p.hash[o][s.Pkt[o]] {
				return Sighting{Capture: c, File: p.Cap[c].Name, Frame: int(r.Pkt[c]) + 1}
			}
			continue
		}
		if q.PayloadLen > 0 && seq-q.Seq < uint32(q.PayloadLen) {
			return Sighting{Capture: c, File: p.Cap[c].Name, Frame: int(r.Pkt[c]) + 1}
		}
	}
	return Sighting{}
}
