package analysis

// The outcome explanations: two to four plain sentences per connection that
// a network engineer can paste into a ticket, naming the frames that show
// it. A reset's outcome carries the reset's own explanation (rst_text.go).

import (
	"fmt"
	"strconv"
	"strings"
)

// outcomeText writes the explanation of a decided outcome.
func outcomeText(of *outcomeFacts, code Outcome, fd outcomeFinding) string {
	var b strings.Builder
	switch code {
	case OutcomeICMPUnreachable:
		textICMP(&b, of)
	case OutcomeRefused:
		textOutcomeRefused(&b, of)
	case OutcomeHandshakeFailed:
		textHandshakeFailed(&b, of)
	case OutcomeUnanswered:
		textUnanswered(&b, of, fd)
	case OutcomeCompleted:
		textCompleted(&b, of, fd)
	case OutcomeTimedOut:
		textTimedOut(&b, of, fd)
	case OutcomeReset:
		textOutcomeReset(&b, of)
	case OutcomeStalled:
		textStalled(&b, of, fd)
	case OutcomeHalfClosed:
		textHalfClosed(&b, of, fd)
	default:
		textOpen(&b, of)
	}
	if code != OutcomeReset {
		// A reset's outcome carries the reset's text, which says it already.
		b.WriteString(of.rolesNote())
	}
	return b.String()
}

// who names a side: "the client (10.0.0.1:40000)".
func (of *outcomeFacts) who(dir int) string {
	ep := of.flow.Client
	if dir&1 == 1 {
		ep = of.flow.Server
	}
	return "the " + of.role(dir) + " (" + endpointText(of.idx, ep) + ")"
}

// role is "client" or "server" for the sender of direction dir, from the
// handshake when it is in view, else guessed from the ports (rolesOf): a
// capture that starts with the server's packet must not swap them.
func (of *outcomeFacts) role(dir int) string { return of.roles.of(uint8(dir)) }

// rolesNote says how the roles were guessed when the handshake is not in
// view, or "".
func (of *outcomeFacts) rolesNote() string {
	if of.roles.basis == roleUnknown {
		return " The handshake is not in view and neither port tells which host is the server, so the first " +
			"host seen sending is called the client."
	}
	return of.roles.note()
}

// timeOf is the time of a frame.
func (of *outcomeFacts) timeOf(frame int) int64 { return of.idx.Packet(frame - 1).Time }

// icmpv4Codes names ICMP destination unreachable codes (RFC 792, RFC 1812).
var icmpv4Codes = [...]string{
	"network unreachable", "host unreachable", "protocol unreachable", "port unreachable",
	"fragmentation needed", "source route failed", "destination network unknown",
	"destination host unknown", "source host isolated", "network administratively prohibited",
	"host administratively prohibited", "network unreachable for TOS", "host unreachable for TOS",
	"communication administratively prohibited", "host precedence violation", "precedence cutoff in effect",
}

// icmpv6Codes names ICMPv6 destination unreachable codes (RFC 4443 §3.1).
var icmpv6Codes = [...]string{
	"no route to destination", "communication administratively prohibited", "beyond scope of source address",
	"address unreachable", "port unreachable", "source address failed ingress/egress policy",
	"reject route to destination",
}

func (e *icmpHit) codeName() string {
	switch {
	case e.v6 && int(e.code) < len(icmpv6Codes):
		return icmpv6Codes[e.code]
	case !e.v6 && int(e.code) < len(icmpv4Codes):
		return icmpv4Codes[e.code]
	}
	return "code " + strconv.Itoa(int(e.code))
}

// adminProhibited: a filter refused (ICMP 3/9, 3/10, 3/13; ICMPv6 1/1, 1/5, 1/6).
func (e *icmpHit) adminProhibited() bool {
	if e.v6 {
		return e.code == 1 || e.code == 5 || e.code == 6
	}
	return e.code == 9 || e.code == 10 || e.code == 13
}

func textICMP(b *strings.Builder, of *outcomeFacts) {
	e := of.icmpEnding()
	kind := "ICMP"
	if e.v6 {
		kind = "ICMPv6"
	}
	quoted := "a segment of " + of.who(e.dir)
	if q := of.quotedFrame(e); q != 0 {
		quoted = "frame " + strconv.Itoa(q) + " from " + of.who(e.dir)
	}
	fmt.Fprintf(b, "Frame %d is an %s destination unreachable (%s) from %s, quoting %s; nothing more came from %s after it.",
		e.frame, kind, e.codeName(), e.src, quoted, of.who(e.dir^1))
	switch {
	case e.isPortUnreachable() && e.fromTarget:
		fmt.Fprintf(b, " It comes from the destination host itself: nothing accepts the connection there, or a host firewall rejects it with this code.")
	case e.adminProhibited():
		fmt.Fprintf(b, " Administratively prohibited means a filter (a firewall or an ACL at %s) rejected the connection.", e.src)
	case e.fromTarget:
		fmt.Fprintf(b, " It comes from the destination's own address, so a filter on that host (or one answering in its name) rejected it.")
	default:
		fmt.Fprintf(b, " A router (%s) could not deliver it: check the route to the destination and that the host is up.", e.src)
	}
	if c := &of.side[e.dir]; c.lastNonRST > e.frame {
		fmt.Fprintf(b, " %s kept sending after it (last frame %d) and got no answer.", capitalize(of.who(e.dir)), c.lastNonRST)
	}
}

func textOutcomeRefused(b *strings.Builder, of *outcomeFacts) {
	c, s := &of.side[0], &of.side[1]
	if c.syns == 0 && c.firstScanProbe != 0 {
		fmt.Fprintf(b, "Port %d of %s is closed: the %s probe of frame %d was answered by the reset in frame %d, as a closed port answers it (a listening one stays silent).",
			of.flow.Server.Port, of.who(1), probeName(of.idx.Packet(c.firstScanProbe-1)), c.firstScanProbe, of.reset.Frame)
		return
	}
	fmt.Fprintf(b, "%s refused the connection: the SYN of frame %d was answered by the reset in frame %d, so nothing listens on port %d there, or a firewall refuses in its name.",
		capitalize(of.who(1)), c.firstSYN, of.reset.Frame, of.flow.Server.Port)
	if c.syns > 1 {
		fmt.Fprintf(b, " The client tried %d times and was refused %d %s; a retry after a refusal is the client's stack (Windows retries about twice), not doubt about the refusal.",
			c.syns, s.rsts, plural(s.rsts, "time", "times"))
	}
}

func textHandshakeFailed(b *strings.Builder, of *outcomeFacts) {
	c, s := &of.side[0], &of.side[1]
	fmt.Fprintf(b, "%s answered the SYN of frame %d with a SYN/ACK (frame %d)", capitalize(of.who(1)), c.firstSYN, s.firstSynAck)
	if s.synAcks > 1 {
		fmt.Fprintf(b, " and sent it %d times in all (last in frame %d)", s.synAcks, s.lastSynAck)
	}
	b.WriteString(", but never anything else: it never got the handshake's final ACK.")
	if c.handshakeAck != 0 {
		fmt.Fprintf(b, " The client's ACK is in the capture (frame %d), so it was lost between the capture point and the server, or the server dropped it because its accept queue was full (tcp_abort_on_overflow=0); the packets cannot tell which.", c.handshakeAck)
	} else {
		b.WriteString(" No ACK from the client is in view: it was lost before the capture point, or the client never sent it.")
	}
}

func textUnanswered(b *strings.Builder, of *outcomeFacts, fd outcomeFinding) {
	c := &of.side[0]
	if c.syns == 0 {
		q := of.idx.Packet(c.firstScanProbe - 1)
		fmt.Fprintf(b, "%s sent a %s probe to %s (frame %d): neither SYN nor ACK, a port scanner's segment, and nothing "+
			"came back. A listening port drops such a probe silently (RFC 9293 §3.10.7.2) while a closed one resets it, "+
			"so port %d is most likely open; a filter dropping the probe looks the same (scanners report open|filtered).",
			capitalize(of.who(0)), probeName(q), endpointText(of.idx, of.flow.Server), c.firstScanProbe, of.flow.Server.Port)
		return
	}
	frames := "frame " + strconv.Itoa(c.firstSYN)
	if c.syns > 1 {
		frames = "frames " + strconv.Itoa(c.firstSYN) + " to " + strconv.Itoa(c.lastSYN)
	}
	fmt.Fprintf(b, "%s sent %d %s to %s (%s) and got nothing back: no SYN/ACK, no reset, no ICMP error.",
		capitalize(of.who(0)), c.syns, plural(c.syns, "SYN", "SYNs"), endpointText(of.idx, of.flow.Server), frames)
	if len(c.synTimes) > 1 {
		gaps := make([]string, 0, len(c.synTimes)-1)
		for k := 1; k < len(c.synTimes); k++ {
			gaps = append(gaps, duration(c.synTimes[k]-c.synTimes[k-1]))
		}
		fmt.Fprintf(b, " The retries came after %s (Linux doubles from 1 s, 1, 2, 4 ... 32 s and gives up at about 127 s, but since 6.6 retries every second at first, tcp_syn_linear_timeouts=4; Windows retries about twice).",
			strings.Join(gaps, ", "))
	}
	b.WriteString(" A firewall dropping the SYN, a host that is down, a wrong address or a route black hole all look like this.")
	if fd.conf == ConfidenceLow {
		fmt.Fprintf(b, " With a single SYN and %s of capture after it, the capture may simply have ended before an answer.",
			duration(of.end-of.timeOf(c.lastSYN)))
	}
}

func textCompleted(b *strings.Builder, of *outcomeFacts, fd outcomeFinding) {
	first := 0
	if fd.by == ByServer {
		first = 1
	}
	fmt.Fprintf(b, "Both sides closed gracefully: %s sent its FIN first (frame %d), %s answered with its own (frame %d).",
		of.who(first), of.side[first].fin, "the "+of.role(first^1), of.side[first^1].fin)
	if fd.conf == ConfidenceMedium {
		b.WriteString(" The acknowledgement of the last FIN is not in the capture (lost, or after the capture ended).")
	}
	if r := of.firstRST(); r != 0 {
		fmt.Fprintf(b, " The reset in frame %d came after both FINs: it answers a late segment and does not change the outcome.", r)
	}
}

func textTimedOut(b *strings.Builder, of *outcomeFacts, fd outcomeFinding) {
	d := 0
	if fd.by == ByServer {
		d = 1
	}
	s := &of.side[d]
	r := &s.rtx
	fmt.Fprintf(b, "%s retransmitted %d %s the data first sent in frame %d (frames %d to %d) without an acknowledgement from the %s, then ",
		capitalize(of.who(d)), r.count, plural(r.count, "time", "times"), r.orig, r.first, r.last, of.role(d^1))
	switch o := &of.side[d^1]; {
	case s.rsts > 0 && o.lastNonRST > r.last && o.lastNonRST < s.firstRST:
		fmt.Fprintf(b, "sent nothing more; the reset in frame %d answers the %s's later segment (frame %d): the connection was gone.",
			s.firstRST, of.role(d^1), o.lastNonRST)
	case s.rsts > 0:
		fmt.Fprintf(b, "gave up with the reset in frame %d.", s.firstRST)
	default:
		b.WriteString("sent nothing more.")
	}
	b.WriteString(" That is a retransmission timeout (RFC 9293's R2 threshold; Linux's tcp_retries2, no reset sent): the path or the peer went away mid-transfer.")
	if r.backoff {
		fmt.Fprintf(b, " The gaps grew from %s to %s, as a retransmission timer backs off.", duration(r.firstGap), duration(r.lastGap))
	}
	if fd.conf != ConfidenceHigh && s.rsts == 0 {
		fmt.Fprintf(b, " The capture ends %s after the last retransmission, so the sender may still have been trying.", duration(of.end-r.lastTime))
	}
}

func textOutcomeReset(b *strings.Builder, of *outcomeFacts) {
	v := of.reset
	who := of.who(int(of.resetDir))
	if v.Cause == CauseInjected {
		who = "a third party in the name of " + who
	}
	fmt.Fprintf(b, "A reset from %s ended the connection in frame %d (cause %s, %s confidence). %s",
		who, v.Frame, v.Cause, v.Confidence, v.Explanation)
}

func textStalled(b *strings.Builder, of *outcomeFacts, fd outcomeFinding) {
	d := 0
	if fd.by == ByServer {
		d = 1
	}
	r, s := &of.side[d], &of.side[d^1]
	fmt.Fprintf(b, "%s advertised a zero window in frame %d and kept it closed until the capture ended", capitalize(of.who(d)), r.firstZeroWin)
	if s.probes > 0 {
		fmt.Fprintf(b, ": the %s probed it %d %s (frames %d to %d) and each probe was answered with a zero window.",
			of.role(d^1), s.probes, plural(s.probes, "time", "times"), s.firstProbe, s.lastProbe)
	} else {
		b.WriteString(".")
	}
	fmt.Fprintf(b, " Its application stopped reading, so its receive buffer filled; the %s cannot send until it reads again.", of.role(d^1))
	if idle := of.end - r.lastTime; idle >= msec {
		fmt.Fprintf(b, " The window was still closed %s after its last segment (frame %d).", duration(idle), r.lastNonRST)
	}
}

func textHalfClosed(b *strings.Builder, of *outcomeFacts, fd outcomeFinding) {
	d := 0 // the side that closed
	if fd.by == ByClient {
		d = 1
	}
	s, o := &of.side[d], &of.side[d^1]
	fmt.Fprintf(b, "%s closed its side with a FIN in frame %d", capitalize(of.who(d)), s.fin)
	if s.finAcked != 0 {
		fmt.Fprintf(b, " (acknowledged in frame %d)", s.finAcked)
	}
	fmt.Fprintf(b, ", but the %s sent neither a FIN nor a reset before the capture ended", of.role(d^1))
	if o.lastNonRST > s.fin && o.data > 0 {
		fmt.Fprintf(b, "; its last segment is frame %d", o.lastNonRST)
	}
	b.WriteString(".")
	fmt.Fprintf(b, " A half-close is legal (the %s may go on sending); if it never closes, the connection waits in CLOSE-WAIT on its side until an application or idle timeout ends it.",
		of.role(d^1))
}

// idleNote is how long a connection may idle before middleboxes commonly
// drop its state: 300 s is the shortest of the usual defaults (300, 900,
// 3600 s).
const idleNote = 300 * 1e9

func textOpen(b *strings.Builder, of *outcomeFacts) {
	last := of.timeOf(of.lastFrame)
	idle := of.end - last
	if idle < msec {
		fmt.Fprintf(b, "No FIN and no reset: the connection was still open when the capture ended, right after its last segment (frame %d).", of.lastFrame)
	} else {
		fmt.Fprintf(b, "No FIN and no reset: the connection was still open when the capture ended, %s after its last segment (frame %d).",
			duration(idle), of.lastFrame)
	}
	if idle >= idleNote {
		b.WriteString(" After that long idle a firewall, NAT or load balancer may already have dropped its state (common idle timeouts are 300, 900 and 3600 s); the next segment would show it.")
	}
}
