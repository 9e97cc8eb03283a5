package analysis

// Where RST reasons are decided.
//
// Every TCP reset gets exactly one cause code from the product's fixed list
// (the taxonomy in the project's reference notes, built on RFC 9293 §3.5,
// RFC 1122 §4.2.2.13, RFC 2525 §2.17, RFC 5961 and Linux's reset paths).
// Each rule below states the evidence it needs positively and the
// confidence that evidence earns. decideReset tries them from the most
// specific to the most general; a later rule that also matches, and that the
// winner does not explain away (rule.shadows), is a conflict: it lowers the
// winner's confidence and is named in the explanation instead of being
// silently dropped. When nothing matches, the verdict is unknown and says
// what is missing: a wrong confident answer is worse than an honest unknown.
//
// The facts the rules read (what each side had sent and acknowledged, the
// segment a reset answers, TTL/IP ID/timestamp baselines, response times)
// are gathered in rst_facts.go; the sentences are written in rst_text.go.
//
// What the packets can and cannot tell apart:
//   - abort vs keepalive-timeout: the unanswered probes (seq = next − 1)
//     before the reset tell them apart.
//   - the kinds of abort (SO_LINGER 0, close with unread data, a killed
//     process) send the same reset; the text only hints at unread data when
//     the sender never answered the peer's data.
//   - after-close vs no-connection: only the sender's close in view (its FIN
//     or RST, or a RST it accepted) separates them. A capture that starts
//     after the close, or misses it, makes after-close look like
//     no-connection (then medium or low confidence).
//   - backlog vs no-connection: backlog needs a server that sent nothing
//     after its SYN/ACK and a reset of the handshake's last ACK or the data
//     right behind it; a stateless firewall or a server that crashed right
//     after the handshake looks the same, so backlog is never high. After
//     a long silence the same reset is state that expired (no-connection).
//   - challenge vs after-close: the challenge ACK acknowledges less than the
//     sender's earlier reset and arrives about one round trip to the peer
//     after it; a segment arriving sooner crossed the reset in flight
//     (after-close). Without a round-trip estimate (handshake or data/ACK
//     pairs in view) challenge is at most medium.
//   - injected vs the shape it imitates: only through forgery signs (TTL,
//     a reaction faster than the sender's handshake round trip, reserved
//     bits, the sender still talking, resets both ways at once; IP ID and
//     missing timestamps only support these, since kernel resets built
//     without a socket have both). A forger that copies TTL and waits a
//     round trip cannot be told from the real sender; the race test needs
//     the handshake in view and a round trip of at least a millisecond.
//   - a host refusing vs a firewall rejecting in its name: the same packets
//     unless the TTL gives the firewall away (then injected).

import "github.com/ladder-dev/ladder/decode"

// Cause is why a reset was sent. The values are the product's fixed codes:
// scripts and tests depend on them, finer reasons go in the explanation.
type Cause string

const (
	CauseRefused          Cause = "refused"
	CauseAbort            Cause = "abort"
	CauseAfterClose       Cause = "after-close"
	CauseNoConnection     Cause = "no-connection"
	CauseStaleHandshake   Cause = "stale-handshake"
	CauseChallenge        Cause = "challenge"
	CauseBacklog          Cause = "backlog"
	CauseKeepaliveTimeout Cause = "keepalive-timeout"
	CauseInjected         Cause = "injected"
	CauseUnknown          Cause = "unknown"
)

// Confidence is how sure a verdict is. ConfidenceNone goes with
// CauseUnknown, which makes no claim.
type Confidence string

const (
	ConfidenceHigh   Confidence = "high"
	ConfidenceMedium Confidence = "medium"
	ConfidenceLow    Confidence = "low"
	ConfidenceNone   Confidence = "none"
)

// lower is one step less sure; low stays low.
func (c Confidence) lower() Confidence {
	switch c {
	case ConfidenceHigh:
		return ConfidenceMedium
	case ConfidenceMedium:
		return ConfidenceLow
	}
	return c
}

// Verdict explains one reset.
type Verdict struct {
	Frame       int    // frame number of the RST (1-based)
	Stream      int    // tcp.stream
	From, To    string // sender and receiver, "address:port"
	Cause       Cause
	Confidence  Confidence
	Evidence    []int  // frame numbers that show it, in capture order
	Explanation string // 2–4 sentences naming frames, for a ticket
}

// finding is one rule's match: the cause, how sure, which frames show it.
// Rules fill in only what their explanation needs.
type finding struct {
	cause    Cause
	conf     Confidence
	evidence []int
	note     string // a sub-reason in a few words, used by the text
}

// resetRule is one cause's test. shadows lists the causes whose match this
// rule explains away: the packet shapes the more specific cause also has.
// With sureOnly it explains them away only when its own finding is high:
// a forgery told by weak signs competes with the shape it imitates.
type resetRule struct {
	cause    Cause
	test     func(*resetFacts) (finding, bool)
	shadows  causeSet
	sureOnly bool
}

// resetRules returns the rules from the most specific to the most general.
// It is a function, not a variable, so the table cannot be changed at run
// time.
func resetRules() [9]resetRule {
	all := setOf(CauseRefused, CauseAbort, CauseAfterClose, CauseNoConnection, CauseStaleHandshake,
		CauseChallenge, CauseBacklog, CauseKeepaliveTimeout)
	return [...]resetRule{
		// A forger imitates one of the legitimate shapes, so a forged reset
		// matches them too: with strong signs that is expected, not a
		// conflict.
		{CauseInjected, ruleInjected, all, true},
		// A reset answering a SYN when the sender had only reset earlier
		// SYNs is not after-close: the connection never existed. A scan
		// probe answered by a closed port also has the no-connection
		// shape, which says less.
		{CauseRefused, ruleRefused, setOf(CauseAfterClose, CauseNoConnection), false},
		{CauseStaleHandshake, ruleStaleHandshake, setOf(CauseNoConnection, CauseAfterClose), false},
		{CauseChallenge, ruleChallenge, setOf(CauseAfterClose), false},
		{CauseKeepaliveTimeout, ruleKeepaliveTimeout, setOf(CauseAbort, CauseNoConnection), false},
		{CauseBacklog, ruleBacklog, setOf(CauseNoConnection), false},
		{CauseAfterClose, ruleAfterClose, 0, false},
		{CauseAbort, ruleAbort, 0, false},
		{CauseNoConnection, ruleNoConnection, 0, false},
	}
}

// decideReset runs the rules on one reset.
func decideReset(f *resetFacts) (win finding, conflicts []finding) {
	rules := resetRules()
	var winner *resetRule
	for i := range rules {
		r := &rules[i]
		got, ok := r.test(f)
		if !ok {
			continue
		}
		if winner == nil {
			winner, win = r, got
			continue
		}
		if !winner.shadows.has(r.cause) || (winner.sureOnly && win.conf != ConfidenceHigh) {
			conflicts = append(conflicts, got)
		}
	}
	if winner == nil {
		return finding{cause: CauseUnknown, conf: ConfidenceNone, note: f.missing()}, nil
	}
	if len(conflicts) > 0 {
		win.conf = win.conf.lower()
	}
	return win, conflicts
}

// ruleRefused: a SYN reached a port with no listener (RFC 9293 §3.5.2 case
// 1). Evidence: the reset answers a SYN from the peer, carries ACK with
// ack = the SYN's sequence number + 1, and the sender had said nothing
// before it in this conversation but resets. A SYN sent again after such a
// reset and refused again (Windows retries twice) is refused as surely:
// the client never left SYN-SENT, so nothing can have arrived after a
// close. The same RST/ACK answering a segment with neither SYN nor ACK —
// the FIN, NULL and Xmas probes of a port scan — is a closed port: a
// listening port drops such segments silently (RFC 9293 §3.10.7.2), a
// closed one resets them (§3.10.7.1); note "probe".
func ruleRefused(f *resetFacts) (finding, bool) {
	q := f.answered
	if q == nil || f.rst.Flags&decode.FlagACK == 0 || f.rst.Ack != segEnd(q) || f.from.sent > 0 {
		return finding{}, false
	}
	switch q.Flags & (decode.FlagSYN | decode.FlagACK | decode.FlagRST) {
	case decode.FlagSYN:
		return finding{cause: CauseRefused, conf: ConfidenceHigh, evidence: []int{f.answers}}, true
	case 0:
		return finding{cause: CauseRefused, conf: ConfidenceHigh, evidence: []int{f.answers}, note: "probe"}, true
	}
	return finding{}, false
}

// ruleStaleHandshake: a SYN met an old connection on the same ports, whose
// owner answered with a plain ACK (RFC 9293 §3.10.7.3, RFC 5961 §4); the
// connecting side resets that ACK and retries. Evidence: the sender's SYN,
// then an ACK (no SYN) from the peer whose ack is not the SYN's ISN+1, then
// this reset with seq = that ack. The SYN sent again afterwards makes it
// high confidence.
func ruleStaleHandshake(f *resetFacts) (finding, bool) {
	q := f.answered
	if q == nil || f.from.synFrame == 0 || f.from.synAckFrame != 0 || f.answers < f.from.synFrame {
		return finding{}, false
	}
	if q.Flags&(decode.FlagSYN|decode.FlagACK) != decode.FlagACK || q.Ack == f.from.isn+1 {
		return finding{}, false
	}
	if f.to.synAckFrame > f.from.synFrame {
		return finding{}, false
	}
	fd := finding{cause: CauseStaleHandshake, conf: ConfidenceMedium, evidence: []int{f.from.synFrame, f.answers}}
	if retry := f.laterSYN(); retry != 0 {
		fd.conf = ConfidenceHigh
		fd.evidence = append(fd.evidence, retry)
	}
	return fd, true
}

// ruleChallenge: RFC 5961 §3.2. The sender's earlier reset had a sequence
// number inside the peer's window but not the exact one, so the peer sent
// a challenge ACK; the sender, which has no connection any more, resets
// again with seq = that ACK. Evidence: an earlier reset R from the sender,
// then a pure ACK from the peer acknowledging less than R's seq (R in the
// window but not exact), arriving about one peer round trip after R, then
// this reset with seq = that ack. An ACK that arrived too soon to be an
// answer to R crossed it in flight and is not a challenge.
func ruleChallenge(f *resetFacts) (finding, bool) {
	q := f.answered
	r := f.from.lastRST
	if q == nil || r == 0 || f.answers < r || q.PayloadLen != 0 || q.Flags&(decode.FlagSYN|decode.FlagFIN) != 0 {
		return finding{}, false
	}
	rseq := f.from.lastRSTSeq
	if !seqBefore(q.Ack, rseq) || rseq-q.Ack > f.flow.WindowSize(f.answeredIndex, q) {
		return finding{}, false
	}
	fd := finding{cause: CauseChallenge, conf: ConfidenceMedium, evidence: []int{r, f.answers}}
	rt := f.to.respond
	if rt <= 0 {
		return fd, true
	}
	gap := f.timeOf(f.answers) - f.from.lastRSTTime
	switch {
	case gap*2 < rt:
		return finding{}, false
	case gap*5 >= rt*4:
		fd.conf = ConfidenceHigh
	default:
		fd.conf = ConfidenceLow
	}
	return fd, true
}

// ruleKeepaliveTimeout: keep-alive probes (seq = next sequence number − 1,
// RFC 1122 §4.2.3.6) went unanswered and the prober gave up with a reset
// (high), or a peer that lost the connection answered a probe with a reset
// (medium; when the sender had closed in view, after-close says more).
func ruleKeepaliveTimeout(f *resetFacts) (finding, bool) {
	s := f.from
	if s.probes > 0 && f.to.lastFrame < s.firstProbe && f.rst.Seq == s.nextSeq && s.seqKnown {
		ev := []int{s.firstProbe}
		if s.lastProbe != s.firstProbe {
			ev = append(ev, s.lastProbe)
		}
		return finding{cause: CauseKeepaliveTimeout, conf: ConfidenceHigh, evidence: ev, note: "gave up"}, true
	}
	if t, _ := f.teardown(); t == 0 && f.answered != nil && f.to.probes > 0 && f.answers == f.to.lastProbe {
		return finding{cause: CauseKeepaliveTimeout, conf: ConfidenceMedium, evidence: []int{f.answers}, note: "answered a probe"}, true
	}
	return finding{}, false
}

// ruleBacklog: the listener's accept queue was full and Linux's
// tcp_abort_on_overflow=1 made it reset the connection when the client's
// handshake ACK (or first data) arrived. Evidence: the sender answered the
// SYN with a SYN/ACK and sent nothing else, then reset the peer's next
// segment without a socket's timestamps, about one round trip later. Other
// explanations (a stateless firewall, a crash right after the handshake)
// look the same, so it is never high. The queue acts on the handshake's
// last ACK or the first data right behind it: a peer segment that comes
// after a longer silence found state that expired instead (no-connection).
func ruleBacklog(f *resetFacts) (finding, bool) {
	s := f.from
	if f.answered == nil || s.synAckFrame == 0 || s.sentAfterSynAck > 0 || f.answers < s.synAckFrame {
		return finding{}, false
	}
	if f.timeOf(f.answers)-f.timeOf(s.synAckFrame) > backlogWait {
		return finding{}, false
	}
	if t, _ := f.teardown(); t != 0 {
		// The sender had already ended this connection (a FIN or RST of
		// its own, or a RST it accepted, forged or not): after-close, not
		// a queue that overflowed.
		return finding{}, false
	}
	if f.answered.Flags&decode.FlagSYN != 0 || f.rstHasTimestamps() {
		return finding{}, false
	}
	fd := finding{cause: CauseBacklog, conf: ConfidenceMedium, evidence: []int{s.synAckFrame, f.answers}}
	gap := f.rstTime() - f.timeOf(f.answers)
	if s.respond > 0 && gap > 2*s.respond+msec {
		fd.conf = ConfidenceLow
	}
	return fd, true
}

// ruleAfterClose: the sender had already ended the connection — it sent a
// FIN or a RST, or accepted a RST from the peer — and a later segment from
// the peer draws a reset built from that segment (RFC 9293 §3.5.2 case 1:
// seq = the segment's ACK). Evidence: the teardown earlier in the flow,
// then the peer's segment, then this reset answering it.
func ruleAfterClose(f *resetFacts) (finding, bool) {
	t, _ := f.teardown()
	if f.answered == nil || t == 0 {
		return finding{}, false
	}
	return finding{cause: CauseAfterClose, conf: ConfidenceHigh, evidence: []int{t, f.answers}}, true
}

// ruleAbort: the sender's application ended its own connection abortively
// (SO_LINGER 0, close() with unread data per RFC 1122 §4.2.2.13 and
// RFC 2525 §2.17, a killed process). Evidence: a reset with ACK whose seq is
// exactly the sender's next sequence number, not built from an arriving
// segment; from a socket it carries the connection's timestamps when the
// flow uses them (high), otherwise medium. A sender that sent only its SYN
// and then reset gave up its own connection attempt (low: scanners do this
// too), unless its SYNs were retried on a doubling timer and the reset
// came exactly when the next retry was due: then it is the end of the
// stack's SYN retry schedule, the connect() timing out (high; Linux's
// default retries at 1, 2, 4 ... 64 s, 127 s in all, Windows' twice
// from its initial RTO). A connecting side that resets the peer's SYN/ACK
// having sent only its SYN ended a half-open connection on purpose: a SYN
// scan (the scanner's host has no socket for the crafted SYN and resets
// the SYN/ACK; high when the SYN has a scanner's shape or a TTL its
// host's kernel did not give it) or an attempt the
// application abandoned before the answer came (medium).
func ruleAbort(f *resetFacts) (finding, bool) {
	s := f.from
	if f.halfOpen() {
		fd := finding{cause: CauseAbort, conf: ConfidenceMedium, evidence: []int{s.synFrame, f.answers}, note: "half-open"}
		if f.craftedSYN() != synConnect {
			fd.conf = ConfidenceHigh
		}
		return fd, true
	}
	if s.synFrame != 0 && s.sent == s.synCount && f.to.sent == 0 && s.seqKnown &&
		(f.rst.Seq == s.isn || f.rst.Seq == s.isn+1) {
		if syns, ok := f.synSchedule(); ok {
			return finding{cause: CauseAbort, conf: ConfidenceHigh, evidence: syns, note: "connect timeout"}, true
		}
		return finding{cause: CauseAbort, conf: ConfidenceLow, evidence: []int{s.synFrame}, note: "attempt"}, true
	}
	if f.rst.Flags&decode.FlagACK == 0 || f.answered != nil {
		return finding{}, false
	}
	exact := s.seqKnown && f.rst.Seq == s.nextSeq
	// A sender seen only through the peer's ACKs: its next sequence number
	// is what the peer acknowledged, and it acknowledges all the peer sent.
	if !s.seqKnown && f.to.ackKnown && f.to.seqKnown && f.rst.Seq == f.to.ackSent && f.rst.Ack == f.to.nextSeq {
		return finding{cause: CauseAbort, conf: ConfidenceMedium, evidence: f.abortEvidence()}, true
	}
	if !exact {
		return finding{}, false
	}
	fd := finding{cause: CauseAbort, conf: ConfidenceHigh, evidence: f.abortEvidence()}
	if s.lastHadTS && !f.rstHasTimestamps() {
		fd.conf = ConfidenceMedium
		fd.note = "no timestamps"
	}
	return fd, true
}

// ruleNoConnection: the sender has no record of the connection: it rebooted
// or its state was dropped (a half-open connection, RFC 9293 §3.5.1).
// Evidence: a reset built from the peer's segment with no close by the
// sender in view. A sender that had sent only its SYN and resets the
// SYN/ACK is not this but abort: a scanner or an abandoned connect() ended
// its half-open attempt on purpose (ruleAbort). High when the sender was part of the connection earlier and the reset
// lacks the timestamps its segments carried (the socket is gone); low when
// the sender is not in view at all, since its close may simply be outside
// the capture.
func ruleNoConnection(f *resetFacts) (finding, bool) {
	if f.answered == nil || f.answered.Flags&(decode.FlagSYN|decode.FlagACK) == decode.FlagSYN || f.halfOpen() {
		return finding{}, false
	}
	if t, _ := f.teardown(); t != 0 {
		return finding{}, false
	}
	fd := finding{cause: CauseNoConnection, conf: ConfidenceMedium, evidence: []int{f.answers}}
	switch {
	case f.from.sent == 0:
		fd.conf = ConfidenceLow
	case f.from.lastHadTS && !f.rstHasTimestamps():
		fd.conf = ConfidenceHigh
		fd.evidence = []int{f.from.lastFrame, f.answers}
	}
	return fd, true
}

// ruleInjected: a third party forged the reset in an endpoint's name.
// Evidence (Weaver, Sommer, Paxson, NDSS 2009) comes in three strengths.
// Strong, each enough for high: a TTL or hop limit unlike the claimed
// sender's other packets, or a reset reacting to the peer sooner than the
// claimed sender could have received it by the handshake's round trip.
// Medium: reserved flag bits the sender never sets, real segments from the
// claimed sender still arriving after "its" reset, resets in both
// directions at once; two of these, or one with a supporting sign, is
// medium. Supporting only: an IP ID outside the sender's sequence and a
// missing timestamp option where the sender always sends one. An ordinary
// kernel reset answering a late segment has both of those (it is built
// without the socket, so it takes another IP ID counter and no
// timestamps) and leaves within a millisecond: neither the IP ID nor the
// speed is evidence of forgery on its own.
func ruleInjected(f *resetFacts) (finding, bool) {
	if f.sent {
		return finding{}, false
	}
	sig := f.forgerySigns()
	strong := sig.ttl != 0 || sig.race != 0 || sig.seq != 0
	medium, support := 0, 0
	for _, x := range []int{sig.flags, sig.continued, sig.both} {
		if x != 0 {
			medium++
		}
	}
	if sig.ipid != 0 {
		support++
	}
	if sig.noTS {
		support++
	}
	if !strong && medium < 2 && (medium == 0 || support == 0) {
		return finding{}, false
	}
	fd := finding{cause: CauseInjected, conf: ConfidenceMedium, evidence: sig.frames()}
	if strong {
		fd.conf = ConfidenceHigh
	}
	return fd, true
}

// causeSet is a set of causes, one bit each, so the rule table costs no
// allocation per reset.
type causeSet uint16

func setOf(cs ...Cause) causeSet {
	var s causeSet
	for _, c := range cs {
		s |= causeBit(c)
	}
	return s
}

func (s causeSet) has(c Cause) bool { return s&causeBit(c) != 0 }
