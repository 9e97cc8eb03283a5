// Package vantage lines up two captures of the same traffic taken at two
// points of its path (next to the client and next to the server, or on
// both sides of a firewall, NAT or load balancer).
//
// It pairs the TCP connections the two captures share (by address and
// ports; through NAT by initial sequence numbers, and failing that by
// segments both saw: sequence and acknowledgement numbers, flags, payload
// length, IP ID), and the UDP conversations (by addresses and ports;
// through NAT by datagrams both saw), matches each segment (datagram) seen
// at one point with the same one at the other (a datagram by a hash of
// its payload, its length and IP ID), estimates the offset between the two capture
// clocks and the delay between the points, and says which point is nearer
// which end. What one point saw and the other did not is then evidence no
// single capture has: a segment seen only at the point nearer its sender
// was lost between the points; one seen only at the point nearer its
// receiver was not sent by the host it claims to come from (a reset forged
// by a middlebox is the case that matters).
//
// Capture 0 is the first file named, capture 1 the second. Directions are
// capture 0's: 0 is client to server. Nothing here runs for a single
// capture.
package vantage

import (
	"net/netip"
	"slices"

	"github.com/ladder-dev/ladder/decode"
)

// Capture is one of the two files.
type Capture struct {
	Name string // as named on the command line, for explanations
	Idx  *decode.Index
}

// Fate is what happened to one segment between the two points.
type Fate uint8

const (
	// Both: seen at both points.
	Both Fate = iota
	// LostBetween: seen at the point nearer its sender only; it left
	// that point and never reached the other.
	LostBetween
	// NotSent: seen at the point nearer its receiver only; the point
	// nearer the host it claims to come from never saw it leave, so
	// something between the points sent it.
	NotSent
	// Copy: a second (third...) copy at one point of a segment the other
	// point saw once: the path duplicated it.
	Copy
	// Outside: seen at one point only, at a time the other capture does
	// not cover (it started later or stopped earlier), or the points'
	// order is unknown: no conclusion.
	Outside
	// Missed: seen at the point nearer its receiver only, but carrying
	// bytes the capture nearer its sender skipped while it saw the sender
	// send what came after them: the sender did send it, that capture
	// missed it (a capture drop). Nothing is proved.
	Missed
	// Unseen: seen at the point nearer its receiver only, while the
	// capture nearer its sender admits having dropped packets (pcapng
	// interface statistics): the sender may have sent it and that capture
	// dropped it. Nothing is proved.
	Unseen
	// LostBefore names no segment: it is the Fate of a Loss for bytes
	// neither point saw before a retransmission brought them, while both
	// saw the sender send what came after them. They were lost before the
	// point nearer the sender (or that capture dropped them).
	LostBefore
	// Uncaptured: seen at the point nearer its sender only, while the
	// capture nearer its receiver admits dropping packets (pcapng
	// interface statistics): it left that point and was lost between the
	// points, or it got through and that capture dropped it. That it left
	// its sender is proved; that the path lost it is not.
	Uncaptured
)

func (f Fate) String() string {
	return [...]string{"both", "lost-between", "not-sent", "copy", "outside", "missed", "unseen", "lost-before", "lost-or-uncaptured"}[f]
}

// Departed reports whether a segment of fate f was seen at the point
// nearer its sender: Both, LostBetween or Uncaptured.
func (f Fate) Departed() bool { return f == Both || f == LostBetween || f == Uncaptured }

// Seg is one segment of a paired connection as the two points saw it. A
// segment one point saw whole and the other in pieces (segmentation
// offload at one host) is one Seg per piece, each naming the whole one.
type Seg struct {
	Pkt  [2]int32 // packet index in each capture, -1 where it was not seen
	Dir  uint8    // capture 0's direction: 0 client to server
	Fate Fate
}

// Seen is the capture that saw s (the first one when both did).
func (s *Seg) Seen() int {
	if s.Pkt[0] >= 0 {
		return 0
	}
	return 1
}

// Conn is one TCP connection (or UDP conversation) as the two captures
// saw it.
type Conn struct {
	// UDP is set for a UDP conversation: its segments are datagrams,
	// matched by payload, with no sequence numbers and no resets.
	UDP  bool
	Flow [2]int // index into each capture's Flows(), -1 when not seen there
	// Flip is set when capture 1 calls the other end the client (its first
	// packet of the connection came from the server).
	Flip bool
	// NAT is set when the addresses or ports differ between the captures.
	NAT bool
	// By says how the connection was paired: "addresses", "isn",
	// "segments", or "" when it is seen in one capture only.
	By string
	// Unaligned is set when fewer than half the segments of the side that
	// saw fewer matched the other side's: the pairing is doubtful, and no
	// segment seen at one point only is judged (all are Outside).
	Unaligned bool
	// Segs are the connection's segments in capture 0's order, with the
	// segments only capture 1 saw placed where capture 1 had them.
	Segs []Seg

	m *matching // work of Align between matching and judging
}

// Paired reports whether both captures saw the connection.
func (c *Conn) Paired() bool { return c.Flow[0] >= 0 && c.Flow[1] >= 0 }

// Clock is what the matched segments say about the two clocks and the
// path between the points. At capture 0's time Ref, capture 1's clock
// reads Offset more than capture 0's, and it gains Drift seconds a second
// after that (0 when a constant offset fits best): ToSecond and ToFirst
// convert. Matched segments bound the offset from both sides: a segment
// crossing from the nearer-sender point to the other took at least zero
// time each way, so the true offset (along the fitted drift) lies within
// OffsetAt ± Bound, where 2·Bound is the fastest round trip between the
// points seen. The drift is the matched segments' least-squares trend;
// the bound holds for it, not for any drift. The one-way delays are known
// only as a sum; each way is taken as half of it (a symmetric path).
type Clock struct {
	Known   bool    // both directions had matched segments
	Offset  int64   // ns, at Ref
	Drift   float64 // capture 1's clock gains this many seconds a second
	Ref     int64   // capture 0 time of the first matched segment
	Bound   int64   // ns
	Delay   int64   // estimated one-way delay between the points, ns
	Samples [2]int
	// NearClient is the capture nearer the client (0 or 1), -1 when the
	// matched segments cannot tell.
	NearClient int
}

// OffsetAt is how much capture 1's clock reads more than capture 0's at
// capture 0's time t.
func (c *Clock) OffsetAt(t int64) int64 {
	return c.Offset + int64(c.Drift*float64(t-c.Ref))
}

// ToSecond converts capture 0's time t to capture 1's clock.
func (c *Clock) ToSecond(t int64) int64 { return t + c.OffsetAt(t) }

// ToFirst converts capture 1's time t to capture 0's clock.
func (c *Clock) ToFirst(t int64) int64 {
	// t = u + Offset + Drift·(u − Ref) for the capture 0 time u.
	return c.Ref + int64(float64(t-c.Offset-c.Ref)/(1+c.Drift))
}

// Pair is the result of lining up two captures.
type Pair struct {
	Cap   [2]Capture
	Conns []Conn
	Clock Clock
	// Dropped is how many packets each capture's interface statistics
	// admit it dropped (decode.Index.Dropped; 0 for a pcap file, which
	// has none): a segment absent from a capture that dropped packets is
	// no proof it was not sent.
	Dropped [2]uint64

	// byFlow maps each capture's flow index to its connection (index into
	// Conns), -1 for flows that are neither TCP nor UDP.
	byFlow [2][]int32
	// roles: see hostRoles; only while Align judges the segments.
	roles map[hostPair]netip.Addr
	// hash is, per capture, a hash of each UDP datagram's payload (by
	// packet index): what identifies a datagram at both points, as the
	// sequence numbers identify a TCP segment.
	hash [2]map[int32]uint64
}

// ConnOf returns the connection of flow index fi of capture c, or nil.
func (p *Pair) ConnOf(c, fi int) *Conn {
	if c < 0 || c > 1 || fi < 0 || fi >= len(p.byFlow[c]) || p.byFlow[c][fi] < 0 {
		return nil
	}
	return &p.Conns[p.byFlow[c][fi]]
}

// Near returns the capture nearer the sender of direction dir (capture
// 0's terms), or -1 when unknown.
func (p *Pair) Near(dir uint8) int {
	if p.Clock.NearClient < 0 {
		return -1
	}
	if dir&1 == 0 {
		return p.Clock.NearClient
	}
	return 1 - p.Clock.NearClient
}

// tuple is a connection's addresses and ports, comparable across captures.
type tuple struct {
	cAddr, sAddr netip.Addr
	cPort, sPort uint16
	udp          bool
}

func (t tuple) flipped() tuple {
	return tuple{cAddr: t.sAddr, sAddr: t.cAddr, cPort: t.sPort, sPort: t.cPort, udp: t.udp}
}

// flowInfo is what pairing needs to know about one TCP flow.
type flowInfo struct {
	fi         int
	tup        tuple
	isn        [2]uint32 // per direction: seq of its SYN
	isnKnown   [2]bool
	first      int64 // time of its first packet
	paired     bool
	conn       int
	keyPackets []int32 // packets used to pair by segments
}

// Align pairs the TCP connections of two captures, matches their
// segments and estimates the clocks. Call it once both indexes have
// finished loading.
func Align(a, b Capture) *Pair {
	p := &Pair{Cap: [2]Capture{a, b}}
	for c := range 2 {
		p.Dropped[c], _ = p.Cap[c].Idx.Dropped()
	}
	var infos [2][]*flowInfo
	for c := range 2 {
		infos[c] = p.flowInfos(c)
		p.byFlow[c] = make([]int32, len(p.Cap[c].Idx.Flows()))
		for i := range p.byFlow[c] {
			p.byFlow[c][i] = -1
		}
	}
	p.pairFlows(infos)
	for k := range p.Conns {
		p.matchSegments(&p.Conns[k])
	}
	p.estimateClock()
	p.roles = p.hostRoles()
	for k := range p.Conns {
		p.placeAmbiguous(&p.Conns[k])
		p.judgeFates(&p.Conns[k])
	}
	p.roles = nil
	return p
}

// hostPair is two addresses in a fixed order.
type hostPair struct{ lo, hi netip.Addr }

func hostsOf(a, b netip.Addr) hostPair {
	if b.Less(a) {
		a, b = b, a
	}
	return hostPair{a, b}
}

// hostRoles maps each pair of hosts that have a conversation both
// captures saw (addresses unchanged between the points) to the address of
// that conversation's client: the host at the client's side of the
// points. Both captures were on the path between those two hosts.
func (p *Pair) hostRoles() map[hostPair]netip.Addr {
	roles := map[hostPair]netip.Addr{}
	flows := p.Cap[0].Idx.Flows()
	for k := range p.Conns {
		cn := &p.Conns[k]
		if !cn.Paired() || cn.NAT {
			continue
		}
		f := flows[cn.Flow[0]]
		ca, sa := p.Cap[0].Idx.Addr(f.Client.Addr).IP(), p.Cap[0].Idx.Addr(f.Server.Addr).IP()
		if _, ok := roles[hostsOf(ca, sa)]; !ok {
			roles[hostsOf(ca, sa)] = ca
		}
	}
	return roles
}

// flowInfos lists capture c's TCP and UDP flows, and hashes its UDP
// datagrams' payloads.
func (p *Pair) flowInfos(c int) []*flowInfo {
	idx := p.Cap[c].Idx
	var out []*flowInfo
	n := idx.Len()
	var rd datagramReader
	for fi, f := range idx.Flows() {
		udp := f.Proto == decode.ProtoUDPPacket
		if f.Proto != decode.ProtoTCPPacket && !udp || len(f.Frames) == 0 {
			continue
		}
		in := &flowInfo{fi: fi, conn: -1, first: idx.Packet(int(f.Frames[0])).Time}
		ca, sa := idx.Addr(f.Client.Addr).IP(), idx.Addr(f.Server.Addr).IP()
		in.tup = tuple{cAddr: ca, sAddr: sa, cPort: f.Client.Port, sPort: f.Server.Port, udp: udp}
		if udp {
			if p.hash[c] == nil {
				p.hash[c] = map[int32]uint64{}
			}
			for _, j := range f.Frames {
				if int(j) >= n {
					break
				}
				p.hash[c][j] = rd.hash(idx, int(j))
				if len(in.keyPackets) < pairVotes {
					in.keyPackets = append(in.keyPackets, j)
				}
			}
			out = append(out, in)
			continue
		}
		for _, j := range f.Frames {
			if int(j) >= n {
				break
			}
			pk := idx.Packet(int(j))
			d := pk.Dir & 1
			if pk.Flags&decode.FlagSYN != 0 && !in.isnKnown[d] {
				in.isn[d], in.isnKnown[d] = pk.Seq, true
			}
			if len(in.keyPackets) < pairVotes && (pk.PayloadLen > 0 || pk.IPID != 0) {
				in.keyPackets = append(in.keyPackets, j)
			}
		}
		out = append(out, in)
	}
	return out
}

// pairVotes is how many segments of an unpaired flow are looked up in the
// other capture to pair it by segments.
const pairVotes = 16

// pairFlows pairs flows by addresses, then by ISNs, then by segments, and
// makes a Conn for every TCP flow of either capture.
func (p *Pair) pairFlows(infos [2][]*flowInfo) {
	// 1. The same addresses and ports (either way round), ISNs agreeing
	// where both captures saw a SYN.
	byTuple := map[tuple][]*flowInfo{}
	for _, in := range infos[1] {
		byTuple[in.tup] = append(byTuple[in.tup], in)
	}
	for _, a := range infos[0] {
		for _, flip := range []bool{false, true} {
			t := a.tup
			if flip {
				t = t.flipped()
			}
			if b := pickFlow(byTuple[t], a, flip); b != nil {
				p.join(a, b, flip, "addresses")
				break
			}
		}
	}
	// 2. Through NAT: the same ISNs, addresses and ports aside.
	byISN := map[uint32][]*flowInfo{}
	for _, b := range infos[1] {
		for d := range 2 {
			if !b.paired && b.isnKnown[d] {
				byISN[b.isn[d]] = append(byISN[b.isn[d]], b)
			}
		}
	}
	for _, a := range infos[0] {
		if a.paired {
			continue
		}
		for d := range 2 {
			if !a.isnKnown[d] {
				continue
			}
			seen := 0
			for _, b := range byISN[a.isn[d]] {
				if b.paired {
					continue
				}
				if seen++; seen > maxCandidates {
					break
				}
				// The same ISN in the same role, and the other one
				// agreeing when both captures saw it.
				flip := !b.isnKnown[d] || b.isn[d] != a.isn[d]
				if isnsAgree(a, b, flip) {
					p.join(a, b, flip, "isn")
					break
				}
			}
			if a.paired {
				break
			}
		}
	}
	// 3. Segments both captures saw (no SYN in view, ISN rewritten aside).
	p.pairBySegments(infos)
	for c := range 2 {
		for _, in := range infos[c] {
			if in.paired {
				continue
			}
			cn := Conn{Flow: [2]int{-1, -1}, UDP: in.tup.udp}
			cn.Flow[c] = in.fi
			p.byFlow[c][in.fi] = int32(len(p.Conns))
			p.Conns = append(p.Conns, cn)
		}
	}
}

// maxCandidates bounds the flows one lookup looks at: a hostile capture
// can give thousands of flows the same addresses, ISN or segment.
const maxCandidates = 64

// pickFlow returns the first unpaired candidate whose ISNs agree with a's.
func pickFlow(cands []*flowInfo, a *flowInfo, flip bool) *flowInfo {
	seen := 0
	for _, b := range cands {
		if b.paired {
			continue
		}
		if seen++; seen > maxCandidates {
			break
		}
		if isnsAgree(a, b, flip) {
			return b
		}
	}
	return nil
}

// isnsAgree: every ISN both flows know is the same (with b's directions
// flipped when flip), and at least one is known to both, or neither saw a
// SYN at all.
func isnsAgree(a, b *flowInfo, flip bool) bool {
	both := 0
	for d := range 2 {
		bd := d
		if flip {
			bd = 1 - d
		}
		if a.isnKnown[d] && b.isnKnown[bd] {
			if a.isn[d] != b.isn[bd] {
				return false
			}
			both++
		}
	}
	none := !a.isnKnown[0] && !a.isnKnown[1] && !b.isnKnown[0] && !b.isnKnown[1]
	return both > 0 || none
}

func (p *Pair) join(a, b *flowInfo, flip bool, by string) {
	a.paired, b.paired = true, true
	k := len(p.Conns)
	a.conn, b.conn = k, k
	nat := a.tup != b.tup && a.tup != b.tup.flipped()
	p.Conns = append(p.Conns, Conn{Flow: [2]int{a.fi, b.fi}, Flip: flip, NAT: nat, By: by, UDP: a.tup.udp})
	p.byFlow[0][a.fi], p.byFlow[1][b.fi] = int32(k), int32(k)
}

// pairBySegments pairs what is left by votes: each unpaired flow of
// capture 0 looks up its first segments with a payload or an IP ID in
// capture 1's unpaired flows and is paired with the flow most of them
// land in, if at least two do.
func (p *Pair) pairBySegments(infos [2][]*flowInfo) {
	type target struct {
		in  *flowInfo
		dir uint8
	}
	index := map[segKey][]target{}
	bi := p.Cap[1].Idx
	for _, b := range infos[1] {
		if b.paired {
			continue
		}
		for _, j := range b.keyPackets {
			pk := bi.Packet(int(j))
			k := p.key(1, j, 0, true)
			k.dir = 0 // the votes tell the direction
			if len(index[k]) < maxCandidates {
				index[k] = append(index[k], target{b, pk.Dir & 1})
			}
		}
	}
	if len(index) == 0 {
		return
	}
	ai := p.Cap[0].Idx
	for _, a := range infos[0] {
		if a.paired {
			continue
		}
		votes := map[*flowInfo][2]int{} // per flip
		for _, j := range a.keyPackets {
			pk := ai.Packet(int(j))
			k := p.key(0, j, 0, true)
			k.dir = 0
			for _, t := range index[k] {
				if t.in.paired || t.in.tup.udp != a.tup.udp {
					continue
				}
				v := votes[t.in]
				v[(pk.Dir&1)^t.dir]++
				votes[t.in] = v
			}
		}
		var best *flowInfo
		bestN, bestFlip := 1, false
		for b, v := range votes {
			for f, n := range v {
				if n > bestN || (n == bestN && best != nil && b.fi < best.fi) {
					best, bestN, bestFlip = b, n, f == 1
				}
			}
		}
		if best != nil {
			p.join(a, best, bestFlip, "segments")
		}
	}
}

// segKey identifies a segment at both points: what a NAT leaves alone.
// For a UDP datagram seq and ack hold its payload's hash.
type segKey struct {
	seq, ack uint32
	flags    uint16
	plen     uint16
	ipid     uint16
	dir      uint8
	udp      bool
}

// flagMask keeps the flags every middlebox passes unchanged (ECN bits may
// be cleared on the way).
const flagMask = decode.FlagFIN | decode.FlagSYN | decode.FlagRST | decode.FlagPSH | decode.FlagACK | decode.FlagURG

// key is the key of packet j of capture c with its direction xor flip;
// withID false leaves the IP ID out (for a NAT that rewrites it).
func (p *Pair) key(c int, j int32, flip uint8, withID bool) segKey {
	pk := p.Cap[c].Idx.Packet(int(j))
	k := segKey{seq: pk.Seq, ack: pk.Ack, flags: pk.Flags & flagMask, plen: pk.PayloadLen, dir: (pk.Dir & 1) ^ flip}
	if h, ok := p.hash[c][j]; ok && !pk.IsTCP() {
		k = segKey{seq: uint32(h), ack: uint32(h >> 32), plen: pk.PayloadLen, dir: k.dir, udp: true}
	}
	if withID {
		k.ipid = pk.IPID
	}
	return k
}

// hashPrefix is how much of a datagram's payload its hash covers: enough
// to tell datagrams of one conversation apart (a DNS ID and question, an
// RTP sequence number and timestamp), little enough that a capture cut
// at a small snapshot length (tcpdump -s 96 leaves 54 bytes of a UDP
// payload over Ethernet) still holds all of it. The payload length, from
// the IP header, is part of the key beside it.
const hashPrefix = 48

// datagramReader reads datagram payloads for hashing, reusing its buffer.
type datagramReader struct {
	buf []byte
	h   decode.Headers
}

// hash is FNV-1a over the first hashPrefix bytes of packet i's transport
// payload (0 when it cannot be read).
func (r *datagramReader) hash(idx *decode.Index, i int) uint64 {
	var err error
	r.buf, err = idx.Data(i, r.buf)
	if err != nil {
		return 0
	}
	idx.ParseHeaders(i, r.buf, &r.h)
	b := r.h.Payload
	if len(b) > hashPrefix {
		b = b[:hashPrefix]
	}
	h := uint64(14695981039346656037)
	for _, c := range b {
		h = (h ^ uint64(c)) * 1099511628211
	}
	return h
}

// Transit is how long one direction's segments took from the point nearer
// their sender to the other, on the fitted clock, over the segments both
// points saw. The clock is known only within ±Clock.Bound, and moving it
// lengthens one direction's transits as much as it shortens the other's:
// each figure holds within that bound. Min is Clock.Delay for both
// directions by construction (the offset is placed where the fastest
// segment each way took the same time); Median and Max show the queueing
// on top of it.
type Transit struct {
	N                int
	Min, Median, Max int64 // ns
}

// Transits is the transit of each direction (0: client to server), zero
// when the clock or the points' order is unknown.
func (p *Pair) Transits() [2]Transit {
	var out [2]Transit
	if !p.Clock.Known || p.Clock.NearClient < 0 {
		return out
	}
	var ts [2][]int64
	for k := range p.Conns {
		for _, s := range p.Conns[k].Segs {
			if s.Fate != Both || s.Pkt[0] < 0 || s.Pkt[1] < 0 {
				continue
			}
			t0 := p.packet(&s, 0).Time
			t := p.Clock.ToFirst(p.packet(&s, 1).Time) - t0
			if p.Near(s.Dir) == 1 {
				t = -t
			}
			ts[s.Dir&1] = append(ts[s.Dir&1], t)
		}
	}
	for d := range 2 {
		if len(ts[d]) == 0 {
			continue
		}
		slices.Sort(ts[d])
		out[d] = Transit{N: len(ts[d]), Min: ts[d][0], Median: ts[d][len(ts[d])/2], Max: ts[d][len(ts[d])-1]}
	}
	return out
}
