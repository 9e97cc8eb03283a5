package analysis

// Where connection outcomes are decided.
//
// Every TCP connection gets exactly one outcome code from the product's
// fixed list (the project's reference notes on outcomes, built on RFC 9293
// §3.5, §3.8.1, §3.8.3 and §3.8.6, RFC 1122 §4.2.3.5, RFC 792, RFC 1812
// §5.2.7.1, RFC 4443 §3.1 and Linux's tcp_syn_retries, tcp_synack_retries
// and tcp_retries2): who ended it, how sure, the frames that show it and a
// few sentences for a ticket. The reset rules (rst.go) explain each RST;
// the reset and refused outcomes reuse the first RST's verdict.
//
// outcomeTable below is the one list of outcomes: each code with its rule,
// its meaning and the manual's text. decideOutcome tries the rules in the
// table's order, the most specific first; the first that matches wins, and
// the last (open) matches every connection that neither sent a FIN nor a
// RST, so every connection gets a code.
//
// What the packets cannot tell apart (the rules say which they choose):
//   - unanswered vs a SYN lost after the capture point vs a server that
//     drops it: all look like SYNs with no answer; the code says where the
//     packets stopped, not which box dropped them.
//   - handshake-failed: the client's final ACK lost on the path vs dropped
//     by a server whose accept queue is full (tcp_abort_on_overflow=0).
//   - timed-out vs a capture point that misses the peer's ACKs, and vs a
//     peer that is alive but whose answers are lost on the way back.
//   - icmp-unreachable: a router's real error vs one a firewall forges;
//     port unreachable from the host vs a firewall answering in its name.
//   - open vs a connection whose state already expired somewhere silent
//     (a NAT or firewall idle timeout): the explanation names the idle time.
//   - half-closed vs a second FIN sent after the capture ended.

// Outcome is how a TCP connection ended. The values are the product's fixed
// codes: scripts and tests depend on them, finer reasons go in the
// explanation.
type Outcome string

const (
	OutcomeCompleted       Outcome = "completed"
	OutcomeReset           Outcome = "reset"
	OutcomeRefused         Outcome = "refused"
	OutcomeUnanswered      Outcome = "unanswered"
	OutcomeICMPUnreachable Outcome = "icmp-unreachable"
	OutcomeHandshakeFailed Outcome = "handshake-failed"
	OutcomeTimedOut        Outcome = "timed-out"
	OutcomeStalled         Outcome = "stalled"
	OutcomeHalfClosed      Outcome = "half-closed"
	OutcomeOpen            Outcome = "open"
)

// EndedBy names who ended a connection.
type EndedBy string

const (
	ByClient  EndedBy = "client"
	ByServer  EndedBy = "server"
	ByNetwork EndedBy = "network" // a path, a router or a middlebox
	ByNone    EndedBy = "none"    // still open
)

// byDir is the side that sent in direction dir, by the roles the
// explanation uses (rolesOf), so that who ended it and the prose agree.
func (f *outcomeFacts) byDir(dir int) EndedBy {
	if f.roles.of(uint8(dir)) == "server" {
		return ByServer
	}
	return ByClient
}

// FlowOutcome is the outcome of one TCP connection.
type FlowOutcome struct {
	Flow        int // index into decode.Index.Flows
	Stream      int // tcp.stream
	Outcome     Outcome
	By          EndedBy
	Confidence  Confidence
	Evidence    []int  // frame numbers that show it, in capture order
	Explanation string // 2–4 sentences naming frames, for a ticket

	// Reset is the verdict of the connection's first RST (the RST that
	// ended it: later ones answer stragglers), nil when it had none.
	Reset *Verdict
}

// OutcomeInfo documents one outcome code.
type OutcomeInfo struct {
	Code    Outcome
	Meaning string // a few words: what happened
	Man     string // the manual's paragraph: what the packets show, who ended it
}

// outcomeRule is one outcome: its code, its test and its documentation.
type outcomeRule struct {
	OutcomeInfo
	test func(*outcomeFacts) (outcomeFinding, bool)
}

// outcomeFinding is one rule's match.
type outcomeFinding struct {
	by       EndedBy
	conf     Confidence
	evidence []int
}

// outcomeTable is the list of outcomes in the order the rules are tried.
// It is a function, not a variable, so the table cannot be changed at run
// time.
func outcomeTable() [10]outcomeRule {
	return [...]outcomeRule{
		{OutcomeInfo{OutcomeICMPUnreachable, "an ICMP destination unreachable ended it",
			"a router or the host answered the connection's packets with ICMP or ICMPv6 destination unreachable " +
				"(the error quotes the connection's own header) and nothing more came from the server; " +
				"port unreachable comes from the host itself (server), host or net unreachable from a router and " +
				"administratively prohibited from a filter (network)"}, ruleICMPUnreachable},
		{OutcomeInfo{OutcomeRefused, "the SYN was refused with a reset",
			"the SYN was answered by RST/ACK (ack = ISN+1): no listener on the port, or a host or firewall " +
				"refusing in its name; a client that retries and is refused again is still refused (server)"}, ruleOutcomeRefused},
		{OutcomeInfo{OutcomeHandshakeFailed, "the handshake never completed although the server answered",
			"the server's SYN/ACK was retransmitted or never acknowledged: the final ACK was lost on the path or " +
				"dropped by a server with a full accept queue (network)"}, ruleHandshakeFailed},
		{OutcomeInfo{OutcomeUnanswered, "the SYN got no answer at all",
			"SYNs retransmitted with exponential backoff and nothing came back: filtered (dropped) by a firewall, " +
				"host down, wrong address or a route black hole; the retry schedule names the client's stack (network); " +
				"FIN, NULL or Xmas scan probes nobody answered reached a listening port, which ignores them (server)"}, ruleUnanswered},
		{OutcomeInfo{OutcomeCompleted, "both sides closed gracefully",
			"a FIN each way, each acknowledged, before any reset (resets answering late segments after that do " +
				"not change it); ended by the side whose FIN came first"}, ruleCompleted},
		{OutcomeInfo{OutcomeTimedOut, "a sender gave up retransmitting unacknowledged data",
			"one side retransmitted the same data with growing intervals and got no acknowledgement, then fell " +
				"silent (Linux sends no reset when tcp_retries2 runs out; other stacks may end with one): ended by " +
				"the side that gave up"}, ruleTimedOut},
		{OutcomeInfo{OutcomeReset, "a RST ended it",
			"a reset ended the connection; its cause is the RST's (see RESET CAUSES): ended by the reset's " +
				"sender, or the network when the reset was injected"}, ruleOutcomeReset},
		{OutcomeInfo{OutcomeStalled, "the receiver's window stayed at zero",
			"the receiver advertised a zero window and kept it closed (persist probes answered with a zero " +
				"window) until the capture ended: its application stopped reading (ended by the receiver)"}, ruleStalled},
		{OutcomeInfo{OutcomeHalfClosed, "one side closed, the other never did",
			"one FIN and no second one nor any reset before the capture ended; the other side may still send " +
				"(ended by the side that did not close)"}, ruleHalfClosed},
		{OutcomeInfo{OutcomeOpen, "still established when the capture ended",
			"no FIN and no reset: the connection was open when the capture ended; the explanation says how long " +
				"it had been idle (none)"}, ruleOpen},
	}
}

// Outcomes lists every outcome code with its meaning and manual text, in
// the order the rules are tried.
func Outcomes() []OutcomeInfo {
	t := outcomeTable()
	out := make([]OutcomeInfo, len(t))
	for i := range t {
		out[i] = t[i].OutcomeInfo
	}
	return out
}

// OutcomeMeaning is the outcome's meaning in a few words.
func OutcomeMeaning(o Outcome) string {
	t := outcomeTable()
	for i := range t {
		if t[i].Code == o {
			return t[i].Meaning
		}
	}
	return string(o)
}

// decideOutcome runs the rules on one connection.
func decideOutcome(f *outcomeFacts) (Outcome, outcomeFinding) {
	t := outcomeTable()
	for i := range t {
		if got, ok := t[i].test(f); ok {
			return t[i].Code, got
		}
	}
	// Unreachable: ruleOpen matches whatever the others leave.
	return OutcomeOpen, outcomeFinding{by: ByNone, conf: ConfidenceLow}
}

// ruleICMPUnreachable: an ICMP or ICMPv6 destination unreachable quoting
// this connection (RFC 792, RFC 1812 §5.2.7.1, RFC 4443 §3.1; RFC 5927 on
// trusting them) and no packet from the server after it. Fragmentation
// needed (3/4) is path MTU discovery, not an ending, and is not counted.
// High when the error quotes a sequence number the client really sent.
func ruleICMPUnreachable(f *outcomeFacts) (outcomeFinding, bool) {
	e := f.icmpEnding()
	if e == nil {
		return outcomeFinding{}, false
	}
	fd := outcomeFinding{by: ByNetwork, conf: ConfidenceMedium, evidence: []int{e.frame}}
	if e.fromTarget && e.isPortUnreachable() {
		fd.by = f.byDir(e.dir ^ 1) // the host itself: nothing listens
	}
	if q := f.quotedFrame(e); q != 0 {
		fd.conf = ConfidenceHigh
		fd.evidence = append(fd.evidence, q)
	}
	return fd, true
}

// ruleOutcomeRefused: the first reset's verdict is refused (rst.go's
// ruleRefused: a RST/ACK answering the SYN) and the server never completed
// a handshake. Every SYN and refusal is evidence; a client that retried
// and was refused again stays refused at the verdict's confidence.
func ruleOutcomeRefused(f *outcomeFacts) (outcomeFinding, bool) {
	if f.reset == nil || f.reset.Cause != CauseRefused || f.side[1].synAcks > 0 {
		return outcomeFinding{}, false
	}
	return outcomeFinding{by: ByServer, conf: f.reset.Confidence, evidence: f.refusals()}, true
}

// ruleHandshakeFailed: the server answered with SYN/ACK but never saw the
// handshake complete: it sent nothing but SYN/ACKs (and perhaps its own
// resets afterwards), and either retransmitted the SYN/ACK (RFC 9293
// §3.8.1; Linux tcp_synack_retries) or got no ACK in view. The client did
// not reset it. High when the SYN/ACK was retransmitted although the
// client's ACKs are in the capture: they were lost beyond the capture
// point or dropped by the server; low for one SYN/ACK and no ACK (the
// capture may have ended first).
func ruleHandshakeFailed(f *outcomeFacts) (outcomeFinding, bool) {
	c, s := &f.side[0], &f.side[1]
	if s.synAcks == 0 || s.pkts != s.synAcks+s.rsts || c.rsts > 0 || c.syns == 0 {
		return outcomeFinding{}, false
	}
	if s.synAcks < 2 && c.handshakeAck != 0 {
		return outcomeFinding{}, false // one SYN/ACK, ACKed: established as far as anyone can see
	}
	fd := outcomeFinding{by: ByNetwork, conf: ConfidenceMedium, evidence: []int{c.firstSYN, s.firstSynAck}}
	if s.synAcks == 1 {
		fd.conf = ConfidenceLow // one SYN/ACK and no ACK: the capture may have ended before it
	}
	if s.lastSynAck != s.firstSynAck {
		fd.evidence = append(fd.evidence, s.lastSynAck)
	}
	if c.handshakeAck != 0 {
		fd.evidence = append(fd.evidence, c.handshakeAck)
		if s.synAcks >= 2 {
			fd.conf = ConfidenceHigh
		}
	}
	return fd, true
}

// ruleUnanswered: the client's SYNs got nothing back at all — no packet
// from the server, no ICMP error (RFC 9293 §3.8.1 retransmission with
// backoff; Linux tcp_syn_retries). High with two or more retries, medium
// with one, low for a single SYN (the capture may simply have ended). A
// client that resets after retrying gave up its connect (some stacks say
// so with a reset); one that resets its only SYN at once aborted it (reset).
// Port-scan probes with neither SYN nor ACK (FIN, NULL, Xmas) that got
// nothing back are unanswered too, by the server (medium): a listening port
// drops them silently (RFC 9293 §3.10.7.2), a closed one resets them.
func ruleUnanswered(f *outcomeFacts) (outcomeFinding, bool) {
	c, s := &f.side[0], &f.side[1]
	if c.syns == 0 && c.scanProbes > 0 && c.pkts == c.scanProbes && s.pkts == 0 {
		// Scan probes nobody answered: a listening port drops them
		// silently (RFC 9293 §3.10.7.2), a closed one would have reset
		// them, so the server most likely ignored them; a filter dropping
		// them looks the same (scanners say open|filtered).
		return outcomeFinding{by: ByServer, conf: ConfidenceMedium, evidence: []int{c.firstScanProbe}}, true
	}
	if c.syns == 0 || s.pkts > 0 || c.pkts != c.syns+c.rsts {
		return outcomeFinding{}, false
	}
	if c.rsts > 0 && c.syns < 2 {
		return outcomeFinding{}, false // the client gave up its own attempt at once: a reset
	}
	fd := outcomeFinding{by: ByNetwork, conf: ConfidenceLow, evidence: []int{c.firstSYN}}
	switch {
	case c.syns >= 3:
		fd.conf = ConfidenceHigh
	case c.syns == 2:
		fd.conf = ConfidenceMedium
	}
	if c.lastSYN != c.firstSYN {
		fd.evidence = append(fd.evidence, c.lastSYN)
	}
	return fd, true
}

// ruleCompleted: a FIN each way (RFC 9293 §3.6), both before the first
// reset. High when each FIN is acknowledged in view, medium when the last
// acknowledgement is missing (lost or after the capture ended).
func ruleCompleted(f *outcomeFacts) (outcomeFinding, bool) {
	c, s := &f.side[0], &f.side[1]
	if c.fin == 0 || s.fin == 0 {
		return outcomeFinding{}, false
	}
	if r := f.firstRST(); r != 0 && (r < c.fin || r < s.fin) {
		return outcomeFinding{}, false
	}
	d := 0
	if s.fin < c.fin {
		d = 1
	}
	fd := outcomeFinding{by: f.byDir(d), conf: ConfidenceHigh, evidence: []int{c.fin, s.fin}}
	if c.finAcked == 0 || s.finAcked == 0 {
		fd.conf = ConfidenceMedium
	} else {
		fd.evidence = append(fd.evidence, max(c.finAcked, s.finAcked))
	}
	return fd, true
}

// minTimeoutRetries is how many unanswered retransmissions of the same data
// make a timeout: Linux's default tcp_retries2 is 15, a lowered one is
// rarely under 3, and fewer are ordinary loss recovery.
const minTimeoutRetries = 3

// ruleTimedOut: one side retransmitted unacknowledged data at least
// minTimeoutRetries times with no acknowledgement from the peer (RFC 9293
// §3.8.3 R2; Linux tcp_retries2) and then sent nothing more, or only a
// reset of its own. High when the gaps grew (exponential backoff) and the
// capture went on after the last retransmission for longer than the last
// gap (it had given up); medium otherwise.
func ruleTimedOut(f *outcomeFacts) (outcomeFinding, bool) {
	for d := range 2 {
		s, o := &f.side[d], &f.side[d^1]
		r := &s.rtx
		if r.count < minTimeoutRetries || s.lastNonRST != r.last {
			continue
		}
		if o.rsts > 0 && f.firstRST() == o.firstRST {
			continue // the peer reset it: the reset outcome
		}
		fd := outcomeFinding{by: f.byDir(d), conf: ConfidenceMedium, evidence: []int{r.orig, r.first, r.last}}
		if s.rsts > 0 {
			fd.evidence = append(fd.evidence, s.firstRST)
		}
		if r.backoff && (f.end-r.lastTime > r.lastGap || s.rsts > 0) {
			fd.conf = ConfidenceHigh
		}
		return fd, true
	}
	return outcomeFinding{}, false
}

// ruleOutcomeReset: a RST ended the connection; the first reset's verdict
// says why. Ended by its sender, or by the network when it was injected;
// the confidence is the verdict's.
func ruleOutcomeReset(f *outcomeFacts) (outcomeFinding, bool) {
	if f.reset == nil {
		return outcomeFinding{}, false
	}
	v := f.reset
	fd := outcomeFinding{by: f.byDir(int(f.resetDir)), conf: v.Confidence, evidence: append([]int(nil), v.Evidence...)}
	if v.Cause == CauseInjected {
		fd.by = ByNetwork
	}
	if v.Confidence == ConfidenceNone {
		fd.conf = ConfidenceLow // a reset ended it for sure; only its cause is unknown
	}
	return fd, true
}

// ruleStalled: the receiver's last advertised window was zero (RFC 9293
// §3.8.6) and the sender had data waiting: it probed the closed window
// (high with two or more probes answered, medium with one) or the window
// was still closed when the capture ended (low). Ended by the receiver,
// whose application stopped reading.
func ruleStalled(f *outcomeFacts) (outcomeFinding, bool) {
	for d := range 2 {
		r, s := &f.side[d], &f.side[d^1]
		if r.firstZeroWin == 0 || r.lastWin != 0 || r.fin != 0 || s.fin != 0 {
			continue
		}
		fd := outcomeFinding{by: f.byDir(d), conf: ConfidenceLow, evidence: []int{r.firstZeroWin}}
		switch {
		case s.probes >= 2:
			fd.conf = ConfidenceHigh
		case s.probes == 1:
			fd.conf = ConfidenceMedium
		}
		if s.probes > 0 {
			fd.evidence = append(fd.evidence, s.firstProbe)
			if s.lastProbe != s.firstProbe {
				fd.evidence = append(fd.evidence, s.lastProbe)
			}
		}
		if r.lastNonRST != r.firstZeroWin {
			fd.evidence = append(fd.evidence, r.lastNonRST)
		}
		return fd, true
	}
	return outcomeFinding{}, false
}

// ruleHalfClosed: one side sent a FIN, the other neither a FIN nor any
// reset followed (RFC 9293 §3.6: the other side may go on sending). Ended
// by the side that did not close; high when the FIN was acknowledged,
// medium otherwise.
func ruleHalfClosed(f *outcomeFacts) (outcomeFinding, bool) {
	if f.firstRST() != 0 {
		return outcomeFinding{}, false
	}
	for d := range 2 {
		s, o := &f.side[d], &f.side[d^1]
		if s.fin == 0 || o.fin != 0 {
			continue
		}
		fd := outcomeFinding{by: f.byDir(d ^ 1), conf: ConfidenceMedium, evidence: []int{s.fin}}
		if s.finAcked != 0 {
			fd.conf = ConfidenceHigh
			fd.evidence = append(fd.evidence, s.finAcked)
		}
		return fd, true
	}
	return outcomeFinding{}, false
}

// ruleOpen: neither a FIN nor a reset: still established when the
// capture ended (high: that much the capture shows).
func ruleOpen(f *outcomeFacts) (outcomeFinding, bool) {
	if f.side[0].fin != 0 || f.side[1].fin != 0 || f.firstRST() != 0 {
		return outcomeFinding{}, false
	}
	return outcomeFinding{by: ByNone, conf: ConfidenceHigh, evidence: []int{f.lastFrame}}, true
}
