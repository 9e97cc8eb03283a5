package analysis

// Evidence gathering for the reset explainer: a small per-direction tracker
// walked over one flow's packets in capture order. At each RST the rules
// read the state as it stood just before that packet (resetFacts), then the
// RST itself is folded in. Nothing here allocates per packet.

import (
	"strconv"
	"time"

	"github.com/ladder-dev/ladder/decode"
)

const msec = int64(time.Millisecond)

// Tuning constants, each with the reason for its value.
const (
	// lookahead bounds how many later packets of the flow a verdict may
	// read (a retried SYN, the claimed sender still talking, segments that
	// crossed the reset): enough for every pattern in the taxonomy while
	// keeping a flow full of resets linear.
	lookahead = 32
	// lookback bounds the search for the peer segment a reset answers.
	lookback = 16
	// ipidNear is how far (forward) consecutive IP IDs of one sender may be
	// apart and still count as its sequence: per-socket counters step by
	// one, host-wide counters by the host's other traffic in between.
	ipidNear = 2048
	// ttlSlack allows route changes of a couple of hops before a TTL
	// counts as foreign; forgers are usually tens of hops off.
	ttlSlack = 2
	// minRaceRTT: below a millisecond of response time the capture cannot
	// tell a fast stack from a forger, so the race test is not applied.
	minRaceRTT = msec
	// backlogWait: a full accept queue resets the handshake's last ACK or
	// the first data sent right behind it, which leave the client within
	// a round trip of the SYN/ACK; seconds later the reset has another
	// cause.
	backlogWait = 3 * int64(time.Second)
	// idleExpiry: a silence this long before the segment a reset answers
	// is worth naming; the idle timeouts of firewalls, NATs and load
	// balancers that drop TCP state are longer (minutes), shorter
	// silences are ordinary pauses.
	idleExpiry = 30 * int64(time.Second)
	// maxSYNRetries bounds the SYNs read for a retry schedule: Linux
	// allows tcp_syn_retries up to 127, but its default is 6 and no common
	// stack retries more than a handful of times.
	maxSYNRetries = 16
)

// resetSide is what one direction's sender had done up to a point.
type resetSide struct {
	sent            int // segments sent, RSTs excluded
	synCount        int // SYNs (without ACK) among them
	synFrame        int // last SYN without ACK, 0 if none
	synAckFrame     int // last SYN/ACK
	sentAfterSynAck int // segments after the SYN/ACK other than its retransmissions
	isn             uint32

	nextSeq    uint32 // highest sequence number sent + 1 (SYN and FIN count)
	seqKnown   bool
	seqFrame   int    // the segment that first reached nextSeq
	ackSent    uint32 // highest acknowledgement number sent
	ackKnown   bool
	ackFrame   int    // the segment that first acknowledged ackSent
	window     uint16 // last raw window advertised
	winEdge    uint32 // the furthest right edge of the windows it offered (ACK + scaled window)
	edgeKnown  bool
	edgeFrame  int // the segment that offered it
	lastFrame  int // last segment (RSTs excluded)
	lastTime   int64
	lastHadTS  bool // its last segment carried the timestamp option
	dataFrames int  // segments with payload
	lastData   int  // last segment with payload
	finFrame   int  // first FIN

	firstRST       int // first RST sent
	lastRST        int // last RST sent, its seq and time
	lastRSTSeq     uint32
	lastRSTTime    int64
	acceptedRST    int  // a RST from the peer whose seq was exactly this side's ACK point
	acceptedForged bool // that RST was judged forged

	ttlMin, ttlMax uint8
	ttlSet         bool
	ipid           uint16 // last non-zero IP ID
	ipidFrame      int
	ipidNear       int // consecutive IP ID pairs within ipidNear
	ipidFar        int
	flagsSeen      uint16 // union of the flags it set

	probes     int // keep-alive probes since the peer last sent anything
	firstProbe int
	lastProbe  int

	// respond is the shortest time this side took to answer the other, as
	// seen from the capture point (ns; 0 unknown): SYN→SYN/ACK, SYN/ACK→ACK,
	// data→its ACK. It is the round trip from the capture point to this
	// side and back.
	respond     int64
	respondFrom int // the frames of that shortest answer
	respondTo   int
	// hsRespond is the same time measured on the handshake alone
	// (SYN→SYN/ACK for the server, SYN/ACK→ACK for the client): the
	// kernel answers those at once, so unlike respond it is not stretched
	// by delayed ACKs or the application, and it bounds the round trip
	// from below well enough to call a faster reaction impossible.
	hsRespond int64
	waiting   bool // a segment of this side awaits the peer's ACK
	waitSYN   bool // that segment is a SYN or SYN/ACK
	waitFrame int
	waitEnd   uint32
	waitTime  int64
}

// ipidSequential reports whether the sender numbers its IP IDs in sequence.
func (s *resetSide) ipidSequential() bool { return s.ipidNear > 0 && s.ipidFar == 0 }

// resetTracker follows one flow.
type resetTracker struct {
	side [2]resetSide
	// shift is each direction's window scale as far as the packets tell,
	// the largest allowed (RFC 7323 §2.3: 14) when they do not: it only
	// bounds where the peer's window could end.
	shift [2]uint8
}

// newResetTracker starts the state of flow f.
func newResetTracker(f *decode.Flow) resetTracker {
	var t resetTracker
	for d := range 2 {
		switch sc := f.Scale[d]; {
		case sc >= 0:
			t.shift[d] = uint8(min(sc, 14))
		case sc == decode.ScaleNone:
			t.shift[d] = 0
		default:
			t.shift[d] = 14
		}
	}
	return t
}

// observe folds packet p (frame number frame) into the state. A reset
// judged forged is not the claimed sender's act, but its receiver may still
// have accepted it.
func (t *resetTracker) observe(frame int, p *decode.Packet, forged bool) {
	d := p.Dir & 1
	s, o := &t.side[d], &t.side[d^1]
	if p.Flags&decode.FlagRST != 0 {
		if o.ackKnown && p.Seq == o.ackSent && o.acceptedRST == 0 {
			o.acceptedRST, o.acceptedForged = frame, forged
		}
		if forged {
			return
		}
		if s.firstRST == 0 {
			s.firstRST = frame
		}
		s.lastRST, s.lastRSTSeq, s.lastRSTTime = frame, p.Seq, p.Time
		return
	}
	syn, fin := p.Flags&decode.FlagSYN != 0, p.Flags&decode.FlagFIN != 0
	ack := p.Flags&decode.FlagACK != 0
	end := segEnd(p)

	// A keep-alive probe repeats the last acknowledged byte (or none):
	// seq = next − 1, at most one byte. The same shape towards a zero
	// window is a window probe instead.
	if ack && !syn && !fin && p.PayloadLen <= 1 && s.seqKnown && p.Seq == s.nextSeq-1 && o.window != 0 {
		if s.probes == 0 {
			s.firstProbe = frame
		}
		s.probes++
		s.lastProbe = frame
	} else {
		s.probes = 0
	}
	o.probes = 0

	switch {
	case syn && !ack:
		s.synCount++
		s.synFrame, s.isn = frame, p.Seq
	case syn && ack:
		s.synAckFrame, s.isn = frame, p.Seq
	case s.synAckFrame != 0:
		s.sentAfterSynAck++
	}
	advances := p.PayloadLen > 0 || syn || fin
	switch {
	case !s.seqKnown || seqBefore(s.nextSeq, end):
		s.nextSeq, s.seqKnown, s.seqFrame = end, true, frame
		if advances && !s.waiting {
			s.waiting, s.waitEnd, s.waitTime, s.waitFrame = true, end, p.Time, frame
			s.waitSYN = syn
		}
	case advances && s.waiting && seqBefore(p.Seq, s.waitEnd) && !seqBefore(end, s.waitEnd):
		// A retransmission of the awaited segment: time the answer from it.
		s.waitTime, s.waitFrame = p.Time, frame
	}
	if ack {
		if e := p.Ack + uint32(p.Window)<<t.shift[d]; !s.edgeKnown || seqBefore(s.winEdge, e) {
			s.winEdge, s.edgeKnown, s.edgeFrame = e, true, frame
		}
		if !s.ackKnown || seqBefore(s.ackSent, p.Ack) {
			s.ackSent, s.ackKnown, s.ackFrame = p.Ack, true, frame
		}
		if o.waiting && !seqBefore(p.Ack, o.waitEnd) {
			rt := p.Time - o.waitTime
			if rt > 0 && (s.respond == 0 || rt < s.respond) {
				s.respond, s.respondFrom, s.respondTo = rt, o.waitFrame, frame
			}
			if rt > 0 && o.waitSYN && (s.hsRespond == 0 || rt < s.hsRespond) {
				s.hsRespond = rt
			}
			o.waiting = false
		}
	}
	if fin && s.finFrame == 0 {
		s.finFrame = frame
	}
	s.sent++
	s.window = p.Window
	s.lastFrame, s.lastTime = frame, p.Time
	s.lastHadTS = p.Opts&decode.OptTimestamp != 0
	if p.PayloadLen > 0 {
		s.dataFrames++
		s.lastData = frame
	}
	if !s.ttlSet {
		s.ttlMin, s.ttlMax, s.ttlSet = p.TTL, p.TTL, true
	}
	s.ttlMin, s.ttlMax = min(s.ttlMin, p.TTL), max(s.ttlMax, p.TTL)
	if p.IPID != 0 {
		if s.ipidFrame != 0 {
			switch step := p.IPID - s.ipid; {
			case step == 0: // a duplicated frame
			case step <= ipidNear:
				s.ipidNear++
			default:
				s.ipidFar++
			}
		}
		s.ipid, s.ipidFrame = p.IPID, frame
	}
	s.flagsSeen |= p.Flags
}

// resetFacts is everything the rules may read about one reset.
type resetFacts struct {
	idx      *decode.Index
	flow     *decode.Flow
	pos      int // position of the RST in flow.Frames
	frame    int
	rst      *decode.Packet
	from, to *resetSide // the RST's sender and receiver, before the RST
	roles    flowRoles
	app      []AppEvent // the flow's application events, nil when unknown
	// sent: a second capture, nearer the sender, saw the reset leave it
	// (ExplainFlowSent): it is not forged.
	sent bool

	// answered is the peer segment the reset was built from, as a stack
	// builds one from an arriving segment (RFC 9293 §3.5.2): a bare RST
	// with seq = the segment's ACK, or RST/ACK with ack = its end when it
	// carried no ACK. Only segments after the sender's own last segment
	// qualify: an earlier one would have been answered by that segment.
	answered      *decode.Packet
	answers       int  // its frame number, 0 if none
	answeredIndex int  // its packet index
	answeredPos   int  // its position in flow.Frames
	acking        bool // the reset carries ACK although the answered segment did (ackingAnswer)
}

// newResetFacts gathers the facts for the RST at flow position pos.
func newResetFacts(idx *decode.Index, f *decode.Flow, pos int, t *resetTracker, roles flowRoles) resetFacts {
	i := int(f.Frames[pos])
	p := idx.Packet(i)
	d := p.Dir & 1
	r := resetFacts{idx: idx, flow: f, pos: pos, frame: i + 1, rst: p, from: &t.side[d], to: &t.side[d^1], roles: roles}
	// Walk back over the peer's recent segments. One seen before the
	// sender's own last segment still qualifies if it can have reached the
	// sender after that segment left: when the capture is near the peer,
	// the sender's reply and the peer's next segment cross on the way.
	var crossed int64 // time of the sender's latest segment passed, 0 none
	for k := pos - 1; k >= 0 && k >= pos-lookback; k-- {
		j := int(f.Frames[k])
		q := idx.Packet(j)
		if q.Flags&decode.FlagRST != 0 || q.Time > p.Time {
			continue
		}
		if q.Dir&1 == d {
			if crossed == 0 {
				crossed = q.Time
			}
			continue
		}
		if crossed != 0 && (r.from.respond <= 0 || crossed-q.Time >= r.from.respond) {
			break
		}
		if builtFrom(p, q) || r.ackingAnswer(p, q, j+1) {
			r.answered, r.answers, r.answeredIndex, r.answeredPos = q, j+1, j, k
			r.acking = p.Flags&decode.FlagACK != 0 && q.Flags&decode.FlagACK != 0
			break
		}
	}
	return r
}

// builtFrom reports whether reset p has the fields a stack fills in when it
// answers segment q (RFC 9293 §3.5.2).
func builtFrom(p, q *decode.Packet) bool {
	if q.Flags&decode.FlagACK != 0 {
		return p.Flags&decode.FlagACK == 0 && p.Seq == q.Ack
	}
	return p.Flags&decode.FlagACK != 0 && p.Ack == segEnd(q)
}

// ackingAnswer reports whether RST/ACK p answers the peer's segment q (frame
// qFrame) the way Windows builds a reset for a segment reaching a
// connection it no longer has: seq = q's acknowledgement number, as RFC
// 9293 §3.5.2 has it, but with the ACK flag set and ack = q's end. RFC-built
// and Linux resets to a segment carrying ACK are bare, so the form is
// accepted only where it cannot be the sender's own abort: q came after
// the sender's own reset (it has no connection left to abort), or q carries
// data or a FIN that reached the sender after its FIN and the reset lacks
// the timestamps the sender's segments carry (a socket's reset keeps them).
func (r *resetFacts) ackingAnswer(p, q *decode.Packet, qFrame int) bool {
	s := r.from
	if p.Flags&decode.FlagACK == 0 || q.Flags&(decode.FlagACK|decode.FlagSYN) != decode.FlagACK ||
		p.Seq != q.Ack || p.Ack != segEnd(q) {
		return false
	}
	if s.firstRST != 0 && s.firstRST < qFrame {
		return true
	}
	return (q.PayloadLen > 0 || q.Flags&decode.FlagFIN != 0) && s.finFrame != 0 && s.finFrame < qFrame &&
		(!s.lastHadTS || p.Opts&decode.OptTimestamp == 0)
}

// segEnd is the sequence number after segment p (SYN and FIN count one).
func segEnd(p *decode.Packet) uint32 {
	n := p.Seq + uint32(p.PayloadLen)
	if p.Flags&decode.FlagSYN != 0 {
		n++
	}
	if p.Flags&decode.FlagFIN != 0 {
		n++
	}
	return n
}

func absDiff(a, b int64) int64 {
	if a < b {
		return b - a
	}
	return a - b
}

// seqBefore compares sequence numbers modulo 2^32 (RFC 9293 §3.4).
func seqBefore(a, b uint32) bool { return int32(a-b) < 0 }

// teardownKind names how the sender had already ended the connection.
type teardownKind uint8

const (
	teardownNone teardownKind = iota
	teardownOwnRST
	teardownAcceptedRST
	teardownFIN
)

// teardown is the sender's act that ended the connection before the
// segment this reset answers: its own first RST (later ones answer
// stragglers), a peer's RST it accepted, or its FIN — in that order of
// finality.
func (f *resetFacts) teardown() (int, teardownKind) {
	s := f.from
	switch {
	case s.firstRST != 0 && s.firstRST < f.frame:
		// After its own reset the sender has no connection, whichever
		// segment this reset answers.
		return s.firstRST, teardownOwnRST
	case f.precedes(s.acceptedRST):
		return s.acceptedRST, teardownAcceptedRST
	case f.precedes(s.finFrame):
		return s.finFrame, teardownFIN
	}
	return 0, teardownNone
}

// precedes reports whether the sender's act in frame t came before the
// answered segment reached the sender: earlier in the capture, or later by
// less than the sender's round trip from the capture point (the segment
// was still on its way to the sender when the act was captured).
func (f *resetFacts) precedes(t int) bool {
	switch {
	case t == 0 || f.answers == 0 || t >= f.frame:
		return t != 0 && f.answers == 0 && t < f.frame
	case t < f.answers:
		return true
	}
	rt := f.from.respond
	return rt > 0 && f.timeOf(t)-f.timeOf(f.answers) < rt
}

// idleBefore is how long the flow had been silent, in both directions,
// when the answered segment passed the capture point (0 when it is the
// flow's first packet).
func (f *resetFacts) idleBefore() int64 {
	for k := f.answeredPos - 1; k >= 0; k-- {
		q := f.idx.Packet(int(f.flow.Frames[k]))
		if q.Time <= f.answered.Time {
			return f.answered.Time - q.Time
		}
	}
	return 0
}

// synSchedule reports whether the sender's SYNs before the reset (all it
// sent) followed an exponential retry schedule that the reset ends: at
// least two SYNs with the same sequence number, each wait about twice the
// one before, and the reset sent when the next SYN would have been due.
// It returns the SYNs' frames.
func (f *resetFacts) synSchedule() ([]int, bool) {
	var frames []int
	var times []int64
	for _, j := range f.flow.Frames[:f.pos] {
		q := f.idx.Packet(int(j))
		if q.Dir != f.rst.Dir {
			return nil, false
		}
		if q.Flags&(decode.FlagSYN|decode.FlagACK|decode.FlagRST) != decode.FlagSYN || q.Seq != f.from.isn {
			return nil, false
		}
		if len(frames) == maxSYNRetries+1 {
			return nil, false
		}
		frames, times = append(frames, int(j)+1), append(times, q.Time)
	}
	if len(times) < 2 {
		return nil, false
	}
	times = append(times, f.rst.Time)
	for k := 2; k < len(times); k++ {
		prev, cur := times[k-1]-times[k-2], times[k]-times[k-1]
		if prev <= 0 || absDiff(cur, 2*prev) > prev/5+50*msec {
			return nil, false
		}
	}
	return frames, true
}

// halfOpen reports whether the reset is the connecting side's answer to the
// peer's SYN/ACK when it had sent nothing but its SYN: a bare RST with
// seq = ISN+1 (the SYN/ACK's acknowledgement number). The handshake was
// never completed on purpose: a SYN ("half-open") scan, whose host has no
// socket for the probe and resets the SYN/ACK, or a connection attempt the
// application abandoned before the SYN/ACK came.
func (f *resetFacts) halfOpen() bool {
	q, s := f.answered, f.from
	return q != nil && q.Flags&(decode.FlagSYN|decode.FlagACK) == decode.FlagSYN|decode.FlagACK &&
		s.synFrame != 0 && s.sent == s.synCount && s.seqKnown && q.Ack == s.isn+1
}

// craftedSYN says how the sender's SYN shows that a tool wrote it on a raw
// socket rather than connect(): synNoOptions when it lacks every option an
// operating system's connect() offers besides MSS (window scale, SACK
// permitted, timestamps: Linux, Windows, macOS and FreeBSD offer at least
// two of them), as Nmap's SYN scan with MSS only; synOwnTTL when its TTL is
// not the one the host's kernel gave the reset (a raw socket sets its own:
// Nmap draws one per probe, traceroute -T counts up from 1, while the
// kernel's reset of the SYN/ACK takes the host's default) and the sender
// says nothing after the reset (a host that goes on had a socket, so its
// SYN was its own and the reset is the odd one). Either way the
// SYN is no baseline for the reset its host's kernel sends. synConnect
// otherwise.
func (f *resetFacts) craftedSYN() synShape {
	if f.from.synFrame == 0 {
		return synConnect
	}
	p := f.idx.Packet(f.from.synFrame - 1)
	switch {
	case p.Opts&(decode.OptWScale|decode.OptSACKPerm|decode.OptTimestamp) == 0:
		return synNoOptions
	case int(p.TTL) < int(f.rst.TTL)-ttlSlack || int(p.TTL) > int(f.rst.TTL)+ttlSlack:
		// unless the sender goes on after the reset: then it had a
		// socket, and the reset is the odd one (a forger's)
		for _, j := range f.later() {
			if q := f.idx.Packet(int(j)); q.Dir == f.rst.Dir && q.Flags&decode.FlagRST == 0 {
				return synConnect
			}
		}
		return synOwnTTL
	}
	return synConnect
}

// synShape is what a connection's SYN says about who wrote it.
type synShape uint8

const (
	synConnect   synShape = iota // an operating system's connect()
	synNoOptions                 // a scanner's: MSS at most
	synOwnTTL                    // a raw socket's: a TTL unlike its host's
)

// later returns the packet indexes after the reset that verdicts may read.
func (f *resetFacts) later() []int32 {
	end := min(len(f.flow.Frames), f.pos+1+lookahead)
	return f.flow.Frames[f.pos+1 : end]
}

// laterSYN is the next SYN (without ACK) from the sender, 0 if none.
func (f *resetFacts) laterSYN() int {
	for _, j := range f.later() {
		q := f.idx.Packet(int(j))
		if q.Dir == f.rst.Dir && q.Flags&(decode.FlagSYN|decode.FlagACK) == decode.FlagSYN {
			return int(j) + 1
		}
	}
	return 0
}

// timeOf is the capture time of a frame number.
func (f *resetFacts) timeOf(frame int) int64 { return f.idx.Packet(frame - 1).Time }

func (f *resetFacts) rstTime() int64 { return f.rst.Time }

func (f *resetFacts) rstHasTimestamps() bool { return f.rst.Opts&decode.OptTimestamp != 0 }

// abortEvidence: the peer's last data and the sender's ACK of it, the
// sender's FIN, and the peer's segments that were in flight towards it.
func (f *resetFacts) abortEvidence() []int {
	var ev []int
	if f.to.lastData != 0 {
		ev = append(ev, f.to.lastData)
		if f.from.ackKnown && f.to.seqKnown && f.from.ackSent == f.to.nextSeq && f.from.ackFrame > f.to.lastData {
			ev = append(ev, f.from.ackFrame)
		}
	}
	if f.from.finFrame != 0 {
		ev = append(ev, f.from.finFrame)
	}
	ev = append(ev, f.inFlight(f.rst.Time)...)
	return sortedFrames(ev)
}

// inFlight lists the peer's segments that arrived after the reset but were
// sent before it could have reached the peer: those arriving within one
// peer round trip (from.respond measured at the capture point) of it.
func (f *resetFacts) inFlight(since int64) []int {
	rt := f.to.respond
	if rt <= 0 {
		return nil
	}
	var out []int
	for _, j := range f.later() {
		q := f.idx.Packet(int(j))
		if q.Dir == f.rst.Dir || q.Flags&decode.FlagRST != 0 {
			continue
		}
		if q.Time-since >= rt {
			break
		}
		out = append(out, int(j)+1)
	}
	return out
}

// firstWithAck walks back from the answered segment to the peer's first
// segment carrying the same acknowledgement number: a reset built from an
// ACK number could have answered any of them. 0 when the run goes back
// further than the lookahead bound (old enough not to matter).
func (f *resetFacts) firstWithAck() int {
	q := f.answered
	if q.Flags&decode.FlagACK == 0 {
		return f.answers
	}
	first := f.answers
	for k := f.answeredPos - 1; k >= 0; k-- {
		if f.answeredPos-k > lookahead {
			return 0
		}
		j := int(f.flow.Frames[k])
		o := f.idx.Packet(j)
		if o.Dir != q.Dir || o.Flags&decode.FlagRST != 0 {
			continue
		}
		if o.Flags&decode.FlagACK == 0 || o.Ack != q.Ack {
			break
		}
		first = j + 1
	}
	return first
}

// forgery collects the signs of a forged reset, each as the frame that
// shows it (0: not seen).
type forgery struct {
	ttl       int // a packet of the claimed sender with its usual TTL
	race      int // the peer segment the reset reacts to, too recent to have reached the sender
	ipid      int // the sender's packet whose IP ID the reset's does not follow
	flags     int // the reset itself, with reserved bits the sender never sets
	continued int // a segment from the claimed sender after "its" reset
	both      int // a reset the other way, too close in time for either to answer the other
	seq       int // the peer's segment whose window the reset's sequence number lies beyond
	noTS      bool
}

func (g forgery) frames() []int {
	var ev []int
	for _, x := range []int{g.ttl, g.race, g.seq, g.ipid, g.flags, g.continued, g.both} {
		if x != 0 {
			ev = append(ev, x)
		}
	}
	return sortedFrames(ev)
}

// forgerySigns compares the reset with the claimed sender's own packets.
func (f *resetFacts) forgerySigns() forgery {
	var g forgery
	p, s := f.rst, f.from
	var next *decode.Packet // the sender's next segment after the reset
	nextFrame := 0
	for _, j := range f.later() {
		q := f.idx.Packet(int(j))
		if q.Dir != p.Dir || q.Flags&decode.FlagRST != 0 {
			continue
		}
		next, nextFrame = q, int(j)+1
		break
	}

	// TTL: the sender's other packets agree among themselves and the reset
	// is well outside them.
	lo, hi, base := s.ttlMin, s.ttlMax, s.lastFrame
	if !s.ttlSet && next != nil {
		lo, hi, base = next.TTL, next.TTL, nextFrame
	}
	// A scanner's crafted SYN is no baseline for the reset its host's
	// kernel sends in answer to the SYN/ACK.
	scan := f.halfOpen() && f.craftedSYN() != synConnect
	if base != 0 && !scan && hi-lo <= ttlSlack && (int(p.TTL) < int(lo)-ttlSlack || int(p.TTL) > int(hi)+ttlSlack) {
		g.ttl = base
	}

	// Race: the reset reacts to peer data or a peer ACK that first reached
	// the capture point less than half the sender's round trip earlier, so
	// the real sender could not have seen it yet. The earliest segment that
	// carried the same information counts: a bare reset could answer any
	// segment with that ACK number. The round trip is the handshake's:
	// other answers (delayed ACKs, application replies) take longer than
	// the network does, while a kernel answers a late segment with a reset
	// within a millisecond, so measured against them an ordinary reset
	// from a host near the capture point would look impossibly fast.
	if rt := s.hsRespond; rt >= minRaceRTT {
		q := 0
		switch {
		case f.answered != nil:
			q = f.firstWithAck()
		case p.Flags&decode.FlagACK != 0 && f.to.seqKnown && p.Ack == f.to.nextSeq && (!s.ackKnown || seqBefore(s.ackSent, p.Ack)):
			q = f.to.seqFrame
		}
		if q != 0 && (p.Time-f.timeOf(q))*2 < rt {
			g.race = q
		}
	}

	// IP ID: a sender that numbers its packets in sequence would have given
	// the reset an ID just after its previous one (or just before its
	// next) if its socket sent it. A reset built without a socket takes its
	// ID from another counter (Linux: the namespace's control socket, zero
	// with DF on some kernels), so this sign only supports others.
	if p.IPID != 0 && s.ipidSequential() {
		fromPrev := p.IPID - s.ipid
		near := fromPrev != 0 && fromPrev <= ipidNear
		if next != nil && next.IPID != 0 {
			if toNext := next.IPID - p.IPID; toNext != 0 && toNext <= ipidNear {
				near = true
			}
		}
		if !near {
			g.ipid = s.ipidFrame
		}
	}

	if p.Flags&decode.FlagReserved != 0 && s.flagsSeen&decode.FlagReserved == 0 {
		g.flags = f.frame
	}

	// Sequence number: a stack resets at its next sequence number or at
	// the acknowledgement number of the segment it answers. Neither lies
	// beyond the furthest window the peer ever offered, since no sender
	// sends past that edge (RFC 9293 §3.8.6.1): a reset beyond it was
	// numbered by something that does not know the connection, an
	// off-path injector guessing across the sequence space. Only
	// the sender's own segments carry its sequence numbers, so it needs
	// both the peer's windows and some of the sender's segments in view.
	if f.to.edgeKnown && s.seqKnown && seqBefore(f.to.winEdge, p.Seq) && seqBefore(s.nextSeq, p.Seq) {
		g.seq = f.to.edgeFrame
	}

	// A real sender says nothing more on a connection it reset; a new SYN
	// of its own starts a new one and does not count.
	if next != nil && next.Flags&(decode.FlagSYN|decode.FlagACK) != decode.FlagSYN {
		g.continued = nextFrame
	}

	// Resets both ways at once: the later of the two passed the capture
	// point sooner after the earlier than its sender could have answered
	// it (by the handshake's round trip, as for the race), so one of them
	// did not come from its endpoint (an injector tearing down both ends).
	first, last := max(0, f.pos-lookback), min(len(f.flow.Frames), f.pos+1+lookahead)
	for _, j := range f.flow.Frames[first:last] {
		q := f.idx.Packet(int(j))
		if q.Dir == p.Dir || q.Flags&decode.FlagRST == 0 {
			continue
		}
		later := f.to // q's sender
		if p.Time > q.Time {
			later = s
		}
		if rt := later.hsRespond; rt >= minRaceRTT && 2*absDiff(q.Time, p.Time) < rt {
			g.both = int(j) + 1
			break
		}
	}

	// From a socket, a reset with ACK carries the timestamps the sender's
	// segments carry; Linux omits them only in resets built without a
	// socket, which answer a segment.
	g.noTS = s.lastHadTS && !f.rstHasTimestamps() && p.Flags&decode.FlagACK != 0 && f.answered == nil
	return g
}

// missing says, for an unknown verdict, what the capture does not show.
func (f *resetFacts) missing() string {
	switch {
	case f.rst.Flags&(decode.FlagSYN|decode.FlagFIN) != 0:
		return "it carries SYN or FIN together with RST, which no TCP stack sends: a crafted or corrupted packet"
	case f.from.sent == 0 && f.to.sent == 0:
		return "nothing else of this connection is in the capture, which starts after it did"
	case f.from.sent == 0:
		return "the capture shows nothing the sender sent before it, so its sequence state is unknown"
	case !f.from.seqKnown:
		return "the sender's sequence state is unknown"
	}
	d := f.rst.Dir
	rel := func(x uint32) string { return strconv.FormatUint(uint64(f.relSeq(d, x)), 10) }
	s := "its sequence number (" + rel(f.rst.Seq) + ") is not the sender's next one (" + rel(f.from.nextSeq) + ")"
	// The answered-segment search skips a RST/ACK whose seq is a peer
	// segment's ACK (a stack answering a segment that carries ACK sends a
	// bare RST): say so rather than deny the match.
	if k := f.peerAckFrame(f.rst.Seq); k != 0 {
		return s + "; it equals the acknowledgement number of the " + f.peer() + "'s frame " + strconv.Itoa(k) +
			", but it carries the ACK flag, which a reset a stack builds from that segment would not (RFC 9293 §3.5.2)"
	}
	return s + " nor the acknowledgement number of a recent segment from the " + f.peer()
}

// peerAckFrame is the peer's latest segment (within the lookback) whose
// acknowledgement number is ack, 0 if none.
func (f *resetFacts) peerAckFrame(ack uint32) int {
	for k := f.pos - 1; k >= 0 && k >= f.pos-lookback; k-- {
		j := int(f.flow.Frames[k])
		q := f.idx.Packet(j)
		if q.Dir != f.rst.Dir && q.Flags&decode.FlagRST == 0 && q.Flags&decode.FlagACK != 0 && q.Ack == ack {
			return j + 1
		}
	}
	return 0
}

// sortedFrames sorts a short list of frame numbers and drops repeats.
func sortedFrames(ev []int) []int {
	for i := 1; i < len(ev); i++ {
		for j := i; j > 0 && ev[j] < ev[j-1]; j-- {
			ev[j], ev[j-1] = ev[j-1], ev[j]
		}
	}
	out := ev[:0]
	for _, x := range ev {
		if len(out) == 0 || x != out[len(out)-1] {
			out = append(out, x)
		}
	}
	return out
}
