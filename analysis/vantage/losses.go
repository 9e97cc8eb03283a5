package vantage

import "github.com/ladder-dev/ladder/decode"

// Loss is a segment one point saw and the other did not, where that
// proves something: it was lost between the points, or its claimed sender
// never sent it.
type Loss struct {
	Conn   int   // index into Pair.Conns
	Stream int   // capture 0's tcp.stream, capture 1's when only it saw the connection
	Dir    uint8 // capture 0's direction: 0 client to server
	Fate   Fate  // LostBetween or NotSent
	At     Sighting
	// Seq and End are the segment's sequence range [Seq, End) relative to
	// its direction's ISN in the capture that saw it, as Wireshark numbers
	// it (End = Seq for a segment without data, SYN or FIN).
	Seq, End uint32
	Flags    uint16
	// Again is where a later copy of the same data (the sender's
	// retransmission) was seen at the other point; Frame 0 when none was.
	Again Sighting
}

// Losses lists the segments lost between the points and those their
// claimed senders never sent, connection by connection in capture 0's
// order.
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
	if !cn.Paired() {
		return out
	}
	flows := [2]*decode.Flow{p.Cap[0].Idx.Flows()[cn.Flow[0]], p.Cap[1].Idx.Flows()[cn.Flow[1]]}
	for i := range cn.Segs {
		s := &cn.Segs[i]
		if s.Fate != LostBetween && s.Fate != NotSent {
			continue
		}
		c := s.Seen()
		pk := p.packet(s, c)
		f := flows[c]
		l := Loss{Conn: k, Stream: flows[0].Stream, Dir: s.Dir, Fate: s.Fate, Flags: pk.Flags,
			At:  Sighting{Capture: c, File: p.Cap[c].Name, Frame: int(s.Pkt[c]) + 1},
			Seq: f.RelSeq(int(s.Pkt[c]), pk)}
		l.End = l.Seq + uint32(pk.PayloadLen)
		if s.Fate == LostBetween && pk.PayloadLen > 0 {
			l.Again = p.retransmission(cn, i, 1-c)
		}
		out = append(out, l)
	}
	return out
}

// retransmission finds the first later segment of the same direction that
// carries segment i's first byte and reached capture c.
func (p *Pair) retransmission(cn *Conn, i, c int) Sighting {
	s := &cn.Segs[i]
	seq := p.packet(s, s.Seen()).Seq
	for k := i + 1; k < len(cn.Segs); k++ {
		r := &cn.Segs[k]
		if r.Dir != s.Dir || r.Pkt[c] < 0 || r.Pkt[s.Seen()] < 0 {
			continue
		}
		q := p.packet(r, s.Seen()) // same numbering as the lost one
		if q.PayloadLen > 0 && seq-q.Seq < uint32(q.PayloadLen) {
			return Sighting{Capture: c, File: p.Cap[c].Name, Frame: int(r.Pkt[c]) + 1}
		}
	}
	return Sighting{}
}
