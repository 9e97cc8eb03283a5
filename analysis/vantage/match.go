package vantage

import (
	"math"
	"sort"

	"github.com/ladder-dev/ladder/decode"
)

// matching is one connection's segment matching in progress: for each of
// the connection's packets in each capture (by position in the flow's
// Frames), the position of the same segment at the other point, -1 none.
type matching struct {
	frames [2][]int32
	other  [2][]int32
	// groups whose counts differ at the two points (a retransmission
	// whose original was lost, a duplicate, IP IDs rewritten): placed by
	// time once the clocks are known.
	pending []group
}

// group is the positions, in each capture, of segments with one key.
type group struct {
	pos [2][]int32
	dir uint8
}

// maxGroup bounds the segments of one key placed by time: identical
// segments beyond it are paired in order (a hostile capture could repeat
// one segment without end).
const maxGroup = 64

// matchSegments pairs the segments of a connection both captures saw by
// their keys: first with the IP ID, then without it for what is left (a
// NAT that rewrites IP IDs). Keys with the same count at both points are
// paired in order; the others wait for the clock.
func (p *Pair) matchSegments(cn *Conn) {
	if !cn.Paired() {
		return
	}
	m := &matching{}
	cn.m = m
	var flip uint8
	if cn.Flip {
		flip = 1
	}
	for c := range 2 {
		f := p.Cap[c].Idx.Flows()[cn.Flow[c]]
		n := p.Cap[c].Idx.Len()
		fr := f.Frames
		for len(fr) > 0 && int(fr[len(fr)-1]) >= n {
			fr = fr[:len(fr)-1]
		}
		m.frames[c] = fr
		m.other[c] = make([]int32, len(fr))
		for k := range m.other[c] {
			m.other[c][k] = -1
		}
	}
	// Segments of a key seen a different number of times at the two
	// points wait for the clock; the second pass leaves them alone.
	var held [2][]bool
	for c := range 2 {
		held[c] = make([]bool, len(m.frames[c]))
	}
	for _, withID := range []bool{true, false} {
		groups := map[segKey]*group{}
		var order []segKey
		for c := range 2 {
			fl := uint8(0)
			if c == 1 {
				fl = flip
			}
			idx := p.Cap[c].Idx
			for pos, j := range m.frames[c] {
				if m.other[c][pos] >= 0 || held[c][pos] {
					continue
				}
				k := keyOf(idx.Packet(int(j)), fl, withID)
				g := groups[k]
				if g == nil {
					g = &group{dir: k.dir}
					groups[k] = g
					order = append(order, k)
				}
				g.pos[c] = append(g.pos[c], int32(pos))
			}
		}
		for _, k := range order {
			g := groups[k]
			switch {
			case len(g.pos[0]) == 0 || len(g.pos[1]) == 0:
			case len(g.pos[0]) == len(g.pos[1]):
				for i := range g.pos[0] {
					m.link(g.pos[0][i], g.pos[1][i])
				}
			default:
				m.pending = append(m.pending, *g)
				for c := range 2 {
					for _, q := range g.pos[c] {
						held[c][q] = true
					}
				}
			}
		}
	}
}

func (m *matching) link(a, b int32) {
	m.other[0][a], m.other[1][b] = b, a
}

// estimateClock derives the clock offset and the delay between the points
// from every matched segment (see Clock).
func (p *Pair) estimateClock() {
	lo := [2]int64{math.MaxInt64, math.MaxInt64}
	hi := [2]int64{math.MinInt64, math.MinInt64}
	var n [2]int
	for k := range p.Conns {
		m := p.Conns[k].m
		if m == nil {
			continue
		}
		for pos, q := range m.other[0] {
			if q < 0 {
				continue
			}
			pa := p.Cap[0].Idx.Packet(int(m.frames[0][pos]))
			pb := p.Cap[1].Idx.Packet(int(m.frames[1][q]))
			d := pa.Dir & 1
			diff := pb.Time - pa.Time
			lo[d], hi[d] = min(lo[d], diff), max(hi[d], diff)
			n[d]++
		}
	}
	c := Clock{Samples: n, NearClient: -1}
	switch {
	case n[0] > 0 && n[1] > 0:
		c.Known = true
		// Capture 0 nearer the client: client-to-server segments reach
		// capture 1 later (diff = offset + delay), server-to-client ones
		// earlier (diff = offset - delay).
		g0, g1 := lo[0]-hi[1], lo[1]-hi[0]
		if g0 >= g1 {
			c.Offset, c.Bound = lo[0]/2+hi[1]/2, g0/2
			if g0 > 0 {
				c.NearClient = 0
			}
		} else {
			c.Offset, c.Bound = lo[1]/2+hi[0]/2, g1/2
			if g1 > 0 {
				c.NearClient = 1
			}
		}
		if c.Bound < 0 {
			// Neither order fits every segment (the clocks drift, or
			// the points are the same place): the offset is a guess.
			c.Bound = -c.Bound
		}
		c.Delay = max(c.Bound, 0)
	case n[0] > 0:
		c.Offset = lo[0]
	case n[1] > 0:
		c.Offset = lo[1]
	}
	p.Clock = c
}

// placeAmbiguous pairs the segments of keys seen a different number of
// times at the two points, by time: each copy at the point further along
// its path goes with the copy at the other point it can have come from
// one delay earlier.
func (p *Pair) placeAmbiguous(cn *Conn) {
	m := cn.m
	if m == nil {
		return
	}
	for _, g := range m.pending {
		var free [2][]int32
		for c := range 2 {
			for _, q := range g.pos[c] {
				if m.other[c][q] < 0 {
					free[c] = append(free[c], q)
				}
			}
		}
		if len(free[0]) == 0 || len(free[1]) == 0 {
			continue
		}
		near := p.Near(g.dir)
		if near < 0 || len(free[0]) > maxGroup || len(free[1]) > maxGroup {
			for i := range min(len(free[0]), len(free[1])) {
				m.link(free[0][i], free[1][i])
			}
			continue
		}
		// Expected capture 1 time minus capture 0 time for one copy.
		want := p.Clock.Offset + p.Clock.Delay
		if near == 1 {
			want = p.Clock.Offset - p.Clock.Delay
		}
		// Each copy at the point further along goes with the free copy at
		// the nearer point closest to one delay earlier, in order.
		far := 1 - near
		next := 0
		for _, q := range free[far] {
			tf := p.Cap[far].Idx.Packet(int(m.frames[far][q])).Time
			best, bestErr := -1, int64(math.MaxInt64)
			for i := next; i < len(free[near]); i++ {
				tn := p.Cap[near].Idx.Packet(int(m.frames[near][free[near][i]])).Time
				diff := tf - tn
				if near == 1 {
					diff = tn - tf
				}
				e := diff - want
				if e < 0 {
					e = -e
				}
				if e < bestErr {
					best, bestErr = i, e
				}
			}
			if best < 0 {
				break
			}
			if near == 0 {
				m.link(free[0][best], q)
			} else {
				m.link(q, free[1][best])
			}
			next = best + 1
		}
	}
}

// judgeFates builds the connection's segment list and gives every segment
// seen at one point only its fate.
func (p *Pair) judgeFates(cn *Conn) {
	if !cn.Paired() {
		c := 0
		if cn.Flow[0] < 0 {
			c = 1
		}
		f := p.Cap[c].Idx.Flows()[cn.Flow[c]]
		n := p.Cap[c].Idx.Len()
		for _, j := range f.Frames {
			if int(j) >= n {
				break
			}
			s := Seg{Pkt: [2]int32{-1, -1}, Fate: Outside}
			s.Pkt[c] = j
			s.Dir = p.Cap[c].Idx.Packet(int(j)).Dir & 1
			if c == 1 && cn.Flip {
				s.Dir ^= 1
			}
			cn.Segs = append(cn.Segs, s)
		}
		return
	}
	m := cn.m
	cn.m = nil
	var flip uint8
	if cn.Flip {
		flip = 1
	}
	// Keys of matched segments, to tell a path's duplicate from a
	// segment nobody sent.
	matched := map[segKey]bool{}
	for pos, q := range m.other[1] {
		if q >= 0 {
			matched[keyOf(p.Cap[1].Idx.Packet(int(m.frames[1][pos])), flip, true)] = true
		}
	}
	cov := p.coverage(m, flip)
	// A connection paired by its addresses alone (no handshake in view)
	// whose segments mostly do not line up was rewritten between the
	// points (sequence numbers randomised by a firewall) or is other
	// traffic on the same ports: what one point saw alone proves nothing.
	n := 0
	for _, q := range m.other[1] {
		if q >= 0 {
			n++
		}
	}
	cn.Unaligned = n*2 < min(len(m.frames[0]), len(m.frames[1]))
	// Order: capture 0's segments in its order; capture 1's own ones
	// after the capture 0 segment matched to the last matched one before
	// them in capture 1.
	type placed struct {
		at, sub int
		s       Seg
	}
	out := make([]placed, 0, len(m.frames[0])+len(m.frames[1]))
	for pos, j := range m.frames[0] {
		s := Seg{Pkt: [2]int32{j, -1}, Dir: p.Cap[0].Idx.Packet(int(j)).Dir & 1}
		if q := m.other[0][pos]; q >= 0 {
			s.Pkt[1] = m.frames[1][q]
		} else {
			s.Fate = p.fateOfSingle(0, j, s.Dir, matched, 0, &cov)
			if cn.Unaligned {
				s.Fate = Outside
			}
		}
		out = append(out, placed{at: pos, s: s})
	}
	at, sub := -1, 0
	for pos, j := range m.frames[1] {
		if q := m.other[1][pos]; q >= 0 {
			at, sub = int(q), 0
			continue
		}
		pk := p.Cap[1].Idx.Packet(int(j))
		s := Seg{Pkt: [2]int32{-1, j}, Dir: (pk.Dir & 1) ^ flip}
		s.Fate = p.fateOfSingle(1, j, s.Dir, matched, flip, &cov)
		if cn.Unaligned {
			s.Fate = Outside
		}
		sub++
		out = append(out, placed{at: at, sub: sub, s: s})
	}
	sort.SliceStable(out, func(i, k int) bool {
		if out[i].at != out[k].at {
			return out[i].at < out[k].at
		}
		return out[i].sub < out[k].sub
	})
	cn.Segs = make([]Seg, len(out))
	for i := range out {
		cn.Segs[i] = out[i].s
	}
}

// fateOfSingle judges a segment only capture c saw: lost between the
// points when c is nearer its sender, not sent by its claimed sender when
// c is nearer its receiver (a copy when the other point saw the same
// segment once; unseen, proving nothing, when the capture nearer the
// sender admits dropping packets), no conclusion when the other capture was not running then
// or the points' order is unknown.
func (p *Pair) fateOfSingle(c int, j int32, dir uint8, matched map[segKey]bool, flip uint8, cov *coverage) Fate {
	near := p.Near(dir)
	if near < 0 || !p.covers(1-c, p.Cap[c].Idx.Packet(int(j)).Time, c) {
		return Outside
	}
	if near == c {
		return LostBetween
	}
	fl := uint8(0)
	if c == 1 {
		fl = flip
	}
	pk := p.Cap[c].Idx.Packet(int(j))
	if matched[keyOf(pk, fl, true)] {
		return Copy
	}
	if cov.skipped(near, dir, pk) {
		return Missed
	}
	if p.Dropped[near] > 0 {
		return Unseen
	}
	return NotSent
}

// coverage is, for each capture and direction (capture 0's), the
// sequence space that capture saw the direction's sender send: merged
// ranges relative to the first sequence number it saw, and how far the
// sender got.
type coverage struct {
	base   [2][2]uint32
	known  [2][2]bool
	ranges [2][2][][2]uint32
}

// seqSpan is how much sequence space a segment takes: its data, plus one
// for SYN and for FIN.
func seqSpan(p *decode.Packet) uint32 {
	n := uint32(p.PayloadLen)
	if p.Flags&decode.FlagSYN != 0 {
		n++
	}
	if p.Flags&decode.FlagFIN != 0 {
		n++
	}
	return n
}

func (p *Pair) coverage(m *matching, flip uint8) coverage {
	var cv coverage
	for c := range 2 {
		fl := uint8(0)
		if c == 1 {
			fl = flip
		}
		var spans [2][][2]uint32
		for _, j := range m.frames[c] {
			pk := p.Cap[c].Idx.Packet(int(j))
			d := (pk.Dir & 1) ^ fl
			n := seqSpan(pk)
			if n == 0 || pk.Flags&decode.FlagRST != 0 {
				continue
			}
			if !cv.known[c][d] {
				cv.base[c][d], cv.known[c][d] = pk.Seq, true
			}
			// Relative to the first seen; a segment from before it (a
			// retransmission of older data) wraps high and is left out.
			r := pk.Seq - cv.base[c][d]
			if r < 1<<31 {
				spans[d] = append(spans[d], [2]uint32{r, r + n})
			}
		}
		for d := range 2 {
			sort.Slice(spans[d], func(i, k int) bool { return spans[d][i][0] < spans[d][k][0] })
			var merged [][2]uint32
			for _, s := range spans[d] {
				if k := len(merged) - 1; k >= 0 && s[0] <= merged[k][1] {
					merged[k][1] = max(merged[k][1], s[1])
					continue
				}
				merged = append(merged, s)
			}
			cv.ranges[c][d] = merged
		}
	}
	return cv
}

// skipped reports whether capture c saw the sender of direction dir send
// past pk's bytes without seeing all of them: c missed them.
func (cv *coverage) skipped(c int, dir uint8, pk *decode.Packet) bool {
	n := seqSpan(pk)
	rs := cv.ranges[c][dir]
	if n == 0 || !cv.known[c][dir] || len(rs) == 0 {
		return false
	}
	r := pk.Seq - cv.base[c][dir]
	if r >= 1<<31 || r+n > rs[len(rs)-1][1] {
		return false // before what c saw, or beyond where the sender got in c
	}
	for _, s := range rs {
		if r >= s[0] && r+n <= s[1] {
			return false // c saw these bytes sent: not a capture drop
		}
	}
	return true
}

// covers reports whether capture c was recording when capture from saw a
// packet at time t (its own clock), with the delay and the clock's bound
// as margin.
func (p *Pair) covers(c int, t int64, from int) bool {
	idx := p.Cap[c].Idx
	n := idx.Len()
	if n == 0 {
		return false
	}
	if from == 0 {
		t += p.Clock.Offset
	} else {
		t -= p.Clock.Offset
	}
	margin := p.Clock.Bound + p.Clock.Delay
	first, last := idx.Packet(0).Time, idx.Packet(n-1).Time
	return t >= first-margin && t <= last+margin
}

// packet returns the packet a segment was seen as in capture c.
func (p *Pair) packet(s *Seg, c int) *decode.Packet {
	return p.Cap[c].Idx.Packet(int(s.Pkt[c]))
}
