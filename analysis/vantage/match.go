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
	// covered: for a segment that is one piece (not the first) of a
	// larger segment the other point saw whole (matchMerged), that
	// segment's position at the other point; -1 otherwise. The first
	// piece is linked to it through other.
	covered [2][]int32
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
		m.covered[c] = make([]int32, len(fr))
		for k := range m.other[c] {
			m.other[c][k], m.covered[c][k] = -1, -1
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
			for pos, j := range m.frames[c] {
				if m.other[c][pos] >= 0 || held[c][pos] {
					continue
				}
				k := p.key(c, j, fl, withID)
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
	p.matchMerged(m, flip, held)
}

// matchMerged pairs what key matching left: a data segment one point saw
// whole and the other saw cut into pieces. A capture on a host with
// segmentation offload sees the TSO super-segment before its NIC cuts it
// to wire size, or the segment GRO/LRO coalesced from several: the same
// bytes, a different segmentation. The pieces start at the whole
// segment's sequence number, follow one another without a gap, carry its
// acknowledgement number, and add up to its length (at least two, at most
// maxGroup). The first piece is linked to the whole segment, the others
// are covered by it.
func (p *Pair) matchMerged(m *matching, flip uint8, held [2][]bool) {
	type pieceKey struct {
		seq, ack uint32
		dir      uint8
	}
	free := func(c int, q int32) bool { return m.other[c][q] < 0 && m.covered[c][q] < 0 && !held[c][q] }
	for c := range 2 { // c holds the whole segments, o the pieces
		o := 1 - c
		flC, flO := uint8(0), uint8(0)
		if c == 1 {
			flC = flip
		} else {
			flO = flip
		}
		pieces := map[pieceKey][]int32{}
		for pos, j := range m.frames[o] {
			pk := p.Cap[o].Idx.Packet(int(j))
			if !free(o, int32(pos)) || !mergeable(pk) {
				continue
			}
			k := pieceKey{pk.Seq, pk.Ack, (pk.Dir & 1) ^ flO}
			if len(pieces[k]) < maxCandidates {
				pieces[k] = append(pieces[k], int32(pos))
			}
		}
		if len(pieces) == 0 {
			continue
		}
		for pos, j := range m.frames[c] {
			pk := p.Cap[c].Idx.Packet(int(j))
			if !free(c, int32(pos)) || !mergeable(pk) {
				continue
			}
			dir := (pk.Dir & 1) ^ flC
			var run []int32
			seq, left := pk.Seq, uint32(pk.PayloadLen)
			for left > 0 && len(run) < maxGroup {
				q := int32(-1)
				for _, x := range pieces[pieceKey{seq, pk.Ack, dir}] {
					if free(o, x) && !slicesContains(run, x) {
						q = x
						break
					}
				}
				if q < 0 {
					break
				}
				n := uint32(p.Cap[o].Idx.Packet(int(m.frames[o][q])).PayloadLen)
				if n >= left && len(run) == 0 || n > left {
					break // not a piece: as long as the whole, or longer than what is left
				}
				run = append(run, q)
				seq, left = seq+n, left-n
			}
			if left != 0 || len(run) < 2 {
				continue
			}
			if c == 0 {
				m.link(int32(pos), run[0])
			} else {
				m.link(run[0], int32(pos))
			}
			for _, q := range run[1:] {
				m.covered[o][q] = int32(pos)
			}
		}
	}
}

// mergeable: a segment offload may cut or coalesce (TCP data, no SYN or
// RST).
func mergeable(p *decode.Packet) bool {
	return p.IsTCP() && p.PayloadLen > 0 && p.Flags&(decode.FlagSYN|decode.FlagRST) == 0
}

func slicesContains(s []int32, x int32) bool {
	for _, v := range s {
		if v == x {
			return true
		}
	}
	return false
}

func (m *matching) link(a, b int32) {
	m.other[0][a], m.other[1][b] = b, a
}

// estimateClock derives the clock offset, its drift and the delay between
// the points from every matched segment (see Clock). Two models are tried:
// a constant offset, and an offset that changes linearly with time at the
// rate the matched segments' differences trend (a least-squares slope,
// pooled over both directions, each with its own intercept). The drifting
// one is kept when it makes the fastest round trip between the points
// clearly longer (all segments then fit a non-negative delay each way with
// more room): a clock that runs fast or slow makes a constant offset fit
// ever worse as the capture goes on.
func (p *Pair) estimateClock() {
	var ref int64
	refSet := false
	var n [2]int
	// Sums for the slope, times relative to ref in seconds (float64 keeps
	// a day of nanoseconds exactly enough for a slope).
	var st, sd, stt, std [2]float64
	p.eachMatch(func(d uint8, t0, diff int64) {
		if !refSet {
			ref, refSet = t0, true
		}
		x, y := float64(t0-ref)/1e9, float64(diff)/1e9
		n[d]++
		st[d] += x
		sd[d] += y
		stt[d] += x * x
		std[d] += x * y
	})
	c := p.fitClock(0, ref, n)
	var sxx, sxy float64
	for d := range 2 {
		if n[d] >= 2 {
			k := float64(n[d])
			sxx += stt[d] - st[d]*st[d]/k
			sxy += std[d] - st[d]*sd[d]/k
		}
	}
	if c.Known && sxx > 0 {
		if dc := p.fitDrift(sxy/sxx, ref, n); dc.NearClient >= 0 && (c.NearClient < 0 || dc.Bound > c.Bound+c.Bound/10) {
			c = dc
		}
	}
	p.Clock = c
}

// fitDrift refines the least-squares drift ls: the fastest round trip
// between the points the matched segments allow (fitClock's 2·Bound, the
// gap between one direction's lowest and the other's highest difference)
// is a concave function of the drift taken out, largest near the true
// drift, and a ternary search around ls finds its top. The queueing delay
// in the differences biases ls (by a fifth on the lab's drifting pair).
func (p *Pair) fitDrift(ls float64, ref int64, n [2]int) Clock {
	if math.IsNaN(ls) || math.Abs(ls) >= maxDrift {
		return Clock{NearClient: -1}
	}
	gap := func(c Clock) int64 {
		if c.NearClient < 0 {
			return -c.Bound
		}
		return c.Bound
	}
	w := max(math.Abs(ls), 1e-4)
	a, b := ls-w, ls+w
	for range driftSteps {
		m1, m2 := a+(b-a)/3, b-(b-a)/3
		if gap(p.fitClock(m1, ref, n)) < gap(p.fitClock(m2, ref, n)) {
			a = m1
		} else {
			b = m2
		}
	}
	return p.fitClock((a+b)/2, ref, n)
}

// driftSteps is the ternary search's steps: the window shrinks to
// (2/3)^40 ≈ 1e-7 of itself, far below a clock's drift's meaning.
const driftSteps = 40

// maxDrift bounds the drift believed (1 = a clock running twice as fast):
// beyond 10% the trend is not a clock's.
const maxDrift = 0.1

// eachMatch calls fn for every segment matched at both points with its
// direction, its capture 0 time and the capture 1 time minus that.
func (p *Pair) eachMatch(fn func(d uint8, t0, diff int64)) {
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
			fn(pa.Dir&1, pa.Time, pb.Time-pa.Time)
		}
	}
}

// fitClock bounds the offset at time ref, given the drift, from every
// matched segment: each direction's differences, the drift taken out,
// lie between offset + delay and offset - delay.
func (p *Pair) fitClock(drift float64, ref int64, n [2]int) Clock {
	lo := [2]int64{math.MaxInt64, math.MaxInt64}
	hi := [2]int64{math.MinInt64, math.MinInt64}
	p.eachMatch(func(d uint8, t0, diff int64) {
		diff -= int64(drift * float64(t0-ref))
		lo[d], hi[d] = min(lo[d], diff), max(hi[d], diff)
	})
	c := Clock{Samples: n, NearClient: -1, Drift: drift, Ref: ref}
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
			// Neither order fits every segment (the clocks drift more
			// than the model says, or the points are the same place):
			// the offset is a guess.
			c.Bound = -c.Bound
		}
		c.Delay = max(c.Bound, 0)
	case n[0] > 0:
		c.Offset = lo[0]
	case n[1] > 0:
		c.Offset = lo[1]
	}
	return c
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
		// Expected capture 1 time minus capture 0 time for one copy (at
		// the capture 0 time t0, the clocks drifting).
		want := func(t0 int64) int64 {
			if near == 1 {
				return p.Clock.OffsetAt(t0) - p.Clock.Delay
			}
			return p.Clock.OffsetAt(t0) + p.Clock.Delay
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
				diff, t0 := tf-tn, tn
				if near == 1 {
					diff, t0 = tn-tf, tf
				}
				e := diff - want(t0)
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
		idx := p.Cap[c].Idx
		f := idx.Flows()[cn.Flow[c]]
		n := idx.Len()
		// Judged only when the other capture saw another conversation
		// between the same two hosts: it was on their path, so it would
		// have seen this one. Which of them is at the client's side comes
		// from that conversation.
		ca, sa := idx.Addr(f.Client.Addr).IP(), idx.Addr(f.Server.Addr).IP()
		client, judged := p.roles[hostsOf(ca, sa)]
		var role uint8
		if client != ca {
			role = 1 // this conversation's client is at the server's side
		}
		for _, j := range f.Frames {
			if int(j) >= n {
				break
			}
			s := Seg{Pkt: [2]int32{-1, -1}, Fate: Outside}
			s.Pkt[c] = j
			s.Dir = idx.Packet(int(j)).Dir & 1
			if c == 1 && cn.Flip {
				s.Dir ^= 1
			}
			if judged {
				s.Fate = p.fateOfAlone(c, j, s.Dir^role)
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
			matched[p.key(1, m.frames[1][pos], flip, true)] = true
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
	for c := range 2 {
		for _, w := range m.covered[c] {
			if w >= 0 {
				n++ // a piece of a segment the other point saw whole
			}
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
		} else if w := m.covered[0][pos]; w >= 0 {
			s.Pkt[1] = m.frames[1][w] // a piece of what capture 1 saw whole
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
		if w := m.covered[1][pos]; w >= 0 {
			s.Pkt[0] = m.frames[0][w] // a piece of what capture 0 saw whole
		} else {
			s.Fate = p.fateOfSingle(1, j, s.Dir, matched, flip, &cov)
			if cn.Unaligned {
				s.Fate = Outside
			}
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
		if p.Dropped[1-c] > 0 {
			return Uncaptured // the receiver's capture may have dropped it
		}
		return LostBetween
	}
	fl := uint8(0)
	if c == 1 {
		fl = flip
	}
	pk := p.Cap[c].Idx.Packet(int(j))
	if matched[p.key(c, j, fl, true)] {
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

// fateOfAlone judges a packet of a conversation only capture c saw, sent
// toward the side dir names (0: from the client's side): lost between the
// points when c is nearer its sender (or not captured, when the other
// capture admits drops), not sent when c is nearer its receiver (unseen
// when the other admits drops), no conclusion when the other capture was
// not running then or the points' order is unknown.
func (p *Pair) fateOfAlone(c int, j int32, dir uint8) Fate {
	near := p.Near(dir)
	if near < 0 || !p.covers(1-c, p.Cap[c].Idx.Packet(int(j)).Time, c) {
		return Outside
	}
	switch {
	case near == c && p.Dropped[1-c] > 0:
		return Uncaptured
	case near == c:
		return LostBetween
	case p.Dropped[near] > 0:
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
			if n == 0 || pk.Flags&decode.FlagRST != 0 || !pk.IsTCP() {
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
		t = p.Clock.ToSecond(t)
	} else {
		t = p.Clock.ToFirst(t)
	}
	margin := p.Clock.Bound + p.Clock.Delay
	first, last := idx.Packet(0).Time, idx.Packet(n-1).Time
	return t >= first-margin && t <= last+margin
}

// packet returns the packet a segment was seen as in capture c.
func (p *Pair) packet(s *Seg, c int) *decode.Packet {
	return p.Cap[c].Idx.Packet(int(s.Pkt[c]))
}
