package analysis

// Evidence gathering for the outcome rules (outcome.go): one walk over a
// connection's packets in capture order fills a small record per direction,
// and the ICMP errors that quote the connection come from one scan of the
// capture (outcome_icmp.go).

import (
	"github.com/ladder-dev/ladder/decode"
)

// outcomeSide is what one direction's sender did over the whole connection.
// Frames are 1-based frame numbers, 0 when none.
type outcomeSide struct {
	pkts       int // TCP segments sent, resets included
	rsts       int
	firstRST   int
	lastNonRST int
	lastTime   int64 // of lastNonRST

	syns, firstSYN, lastSYN    int // SYNs without ACK
	scanProbes, firstScanProbe int // segments with neither SYN nor ACK: FIN, NULL and Xmas scan probes
	synTimes                   []int64
	synAcks                    int
	firstSynAck, lastSynAck    int
	handshakeAck               int // first ACK without SYN after the peer's SYN/ACK

	fin      int    // first FIN
	finEnd   uint32 // sequence number just after the FIN
	finAcked int    // first peer segment acknowledging the FIN

	nextSeq  uint32 // highest sequence number sent + 1
	seqKnown bool
	ackSent  uint32 // highest acknowledgement sent
	ackKnown bool
	data     int   // segments with payload
	bytes    int64 // payload bytes

	lastWin      uint16 // raw window of the last segment other than a SYN or RST
	firstZeroWin int    // first zero window advertised
	// probes of the peer's closed window (zero-window probes, and Linux's
	// probes at snd_una−1 that Wireshark calls keep-alives).
	probes, firstProbe, lastProbe int

	rtx rtxRun
}

// maxSYNTimes bounds the SYN send times kept for the retry schedule in the
// explanation: Linux's default tcp_syn_retries is 6, so seven SYNs.
const maxSYNTimes = 8

// rtxRun is a run of retransmissions that the peer has not acknowledged.
type rtxRun struct {
	count       int    // retransmissions in the run
	ackAt       uint32 // sequence number of the first retransmitted segment: acknowledging past it ends the run
	orig        int    // the original transmission of the first retransmitted segment
	first, last int
	firstTime   int64
	lastTime    int64
	firstGap    int64 // from the original to the first retransmission
	lastGap     int64
	backoff     bool // the gaps grew: each at least as long as the one before
}

// rtxLookback bounds the search for a retransmitted segment's original.
const rtxLookback = 256

// outcomeFacts is everything the outcome rules may read about one
// connection.
type outcomeFacts struct {
	idx       *decode.Index
	flow      *decode.Flow
	side      [2]outcomeSide
	lastFrame int   // the connection's last segment
	end       int64 // time of the capture's last packet
	reset     *Verdict
	resetDir  uint8
	icmp      []icmpHit
	roles     flowRoles // who is client and server, told as the reset texts tell it
}

// newOutcomeFacts walks flow f once. resets are the verdicts of its
// resets in frame order when the caller has them already (nil: they are
// explained here).
func newOutcomeFacts(idx *decode.Index, res *Result, f *decode.Flow, end int64, icmp []icmpHit, resets []Verdict) outcomeFacts {
	of := outcomeFacts{idx: idx, flow: f, end: end, icmp: icmp, roles: rolesOf(idx, f)}
	n := idx.Len()
	for pos, j := range f.Frames {
		if int(j) >= n {
			break
		}
		p := idx.Packet(int(j))
		if !p.IsTCP() || p.Bad&decode.BadTransport != 0 {
			continue
		}
		of.observe(idx, res, f, pos, int(j)+1, p)
	}
	if of.firstRST() == 0 {
		return of
	}
	if resets == nil {
		resets = ExplainFlow(idx, f)
	}
	// A reset that clears a stale connection is part of opening this one
	// (the client sends its SYN again): it does not end the connection.
	of.side[0].firstRST, of.side[1].firstRST = 0, 0
	of.side[0].rsts, of.side[1].rsts = 0, 0
	for k := range resets {
		v := &resets[k]
		if v.Cause == CauseStaleHandshake || v.Frame < 1 || v.Frame > n {
			continue
		}
		d := idx.Packet(v.Frame-1).Dir & 1
		s := &of.side[d]
		s.rsts++
		if s.firstRST == 0 {
			s.firstRST = v.Frame
		}
		if of.reset == nil {
			of.reset, of.resetDir = v, d
		}
	}
	return of
}

// observe folds packet p (frame number frame, position pos in the flow)
// into the facts.
func (of *outcomeFacts) observe(idx *decode.Index, res *Result, f *decode.Flow, pos, frame int, p *decode.Packet) {
	d := int(p.Dir & 1)
	s, o := &of.side[d], &of.side[d^1]
	s.pkts++
	of.lastFrame = frame
	if p.Flags&decode.FlagRST != 0 {
		s.rsts++
		if s.firstRST == 0 {
			s.firstRST = frame
		}
		return
	}
	s.lastNonRST, s.lastTime = frame, p.Time
	syn, ack, fin := p.Flags&decode.FlagSYN != 0, p.Flags&decode.FlagACK != 0, p.Flags&decode.FlagFIN != 0
	switch {
	case syn && !ack:
		s.syns++
		if s.firstSYN == 0 {
			s.firstSYN = frame
		}
		s.lastSYN = frame
		if len(s.synTimes) < maxSYNTimes {
			s.synTimes = append(s.synTimes, p.Time)
		}
	case syn:
		s.synAcks++
		if s.firstSynAck == 0 {
			s.firstSynAck = frame
		}
		s.lastSynAck = frame
	case ack && o.synAcks > 0 && s.handshakeAck == 0:
		s.handshakeAck = frame
	case !ack && p.PayloadLen == 0:
		// Neither SYN nor ACK nor data: no stack sends this on a
		// connection (RFC 9293 §3.10.7 has every segment after the SYN
		// carry ACK), a port scanner's FIN, NULL or Xmas probe does.
		// Data without ACK is something else (crafted evasion traffic).
		s.scanProbes++
		if s.firstScanProbe == 0 {
			s.firstScanProbe = frame
		}
	}
	fl := res.Flags(frame - 1)
	end := segEnd(p)
	if p.PayloadLen > 0 || fin {
		if fl.Has(Retransmission) || fl.Has(FastRetransmission) {
			s.rtx.add(idx, f, pos, frame, p)
		}
	}
	if !s.seqKnown || seqBefore(s.nextSeq, end) {
		s.nextSeq, s.seqKnown = end, true
	}
	if p.PayloadLen > 0 {
		s.data++
		s.bytes += int64(p.PayloadLen)
	}
	if fin && s.fin == 0 {
		s.fin, s.finEnd = frame, end
	}
	if ack {
		if !s.ackKnown || seqBefore(s.ackSent, p.Ack) {
			s.ackSent, s.ackKnown = p.Ack, true
		}
		if o.fin != 0 && o.finAcked == 0 && !seqBefore(p.Ack, o.finEnd) {
			o.finAcked = frame
		}
		if o.rtx.count > 0 && seqBefore(o.rtx.ackAt, p.Ack) {
			o.rtx = rtxRun{} // new data acknowledged: the run was loss recovery
		}
	}
	if !syn {
		s.lastWin = p.Window
		if p.Window == 0 && s.firstZeroWin == 0 {
			s.firstZeroWin = frame
		}
		if p.Window != 0 {
			// The window opened again: only a window closed at the end counts.
			s.firstZeroWin, o.probes = 0, 0
		}
	}
	if o.firstZeroWin != 0 && (fl.Has(ZeroWindowProbe) || fl.Has(KeepAlive)) {
		if s.probes == 0 {
			s.firstProbe = frame
		}
		s.probes++
		s.lastProbe = frame
	}
}

// add counts a retransmission of unacknowledged data.
func (r *rtxRun) add(idx *decode.Index, f *decode.Flow, pos, frame int, p *decode.Packet) {
	if r.count == 0 {
		*r = rtxRun{ackAt: p.Seq, orig: frame, firstTime: p.Time, lastTime: p.Time, backoff: true}
		// The original: the latest earlier segment of this side with the
		// same sequence number.
		for k := pos - 1; k >= 0 && k >= pos-rtxLookback; k-- {
			q := idx.Packet(int(f.Frames[k]))
			if q.Dir == p.Dir && q.IsTCP() && q.Seq == p.Seq && q.Flags&decode.FlagRST == 0 {
				r.orig, r.firstTime = int(f.Frames[k])+1, q.Time
				break
			}
		}
		r.lastTime = r.firstTime
	}
	gap := p.Time - r.lastTime
	if r.count == 0 {
		r.firstGap, r.first = gap, frame
	} else if gap*10 < r.lastGap*9 {
		r.backoff = false
	}
	r.count++
	r.last, r.lastGap, r.lastTime = frame, gap, p.Time
}

// firstRST is the connection's first reset, 0 if none.
func (of *outcomeFacts) firstRST() int {
	a, b := of.side[0].firstRST, of.side[1].firstRST
	switch {
	case a == 0:
		return b
	case b == 0 || a < b:
		return a
	}
	return b
}

// refusals lists the client's SYNs and the resets refusing them.
func (of *outcomeFacts) refusals() []int {
	var ev []int
	n := of.idx.Len()
	for _, j := range of.flow.Frames {
		if int(j) >= n {
			break
		}
		p := of.idx.Packet(int(j))
		if !p.IsTCP() {
			continue
		}
		// The SYNs (or the scan probes, with neither SYN nor ACK) and the
		// server's resets.
		syn := p.Flags&(decode.FlagSYN|decode.FlagACK) == decode.FlagSYN
		probe := p.Flags&(decode.FlagSYN|decode.FlagACK|decode.FlagRST) == 0 && p.PayloadLen == 0
		if syn || probe || p.Flags&decode.FlagRST != 0 && p.Dir&1 == 1 {
			ev = append(ev, int(j)+1)
		}
		if len(ev) >= 16 {
			break
		}
	}
	return ev
}

// icmpEnding returns the ICMP error that ended the connection: the first
// one after which the host it was about sent nothing more, and before any
// reset or a FIN from both sides.
func (of *outcomeFacts) icmpEnding() *icmpHit {
	if of.side[0].fin != 0 && of.side[1].fin != 0 {
		return nil
	}
	r := of.firstRST()
	for k := range of.icmp {
		e := &of.icmp[k]
		if r != 0 && r < e.frame {
			return nil
		}
		peer := &of.side[e.dir^1]
		if peer.lastNonRST < e.frame && peer.firstRST == 0 {
			return e
		}
	}
	return nil
}

// quotedFrame finds the segment an ICMP error quotes: the latest one before
// it from the quoted direction with the quoted sequence number; 0 if none.
func (of *outcomeFacts) quotedFrame(e *icmpHit) int {
	if !e.hasSeq {
		return 0
	}
	got := 0
	for _, j := range of.flow.Frames {
		if int(j)+1 >= e.frame {
			break
		}
		p := of.idx.Packet(int(j))
		if p.IsTCP() && int(p.Dir&1) == e.dir && p.Seq == e.seq {
			got = int(j) + 1
		}
	}
	return got
}
