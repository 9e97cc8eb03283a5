package analysis

// The explanation sentences: two to four plain sentences per reset that a
// network engineer can paste into a ticket, naming the frames that show it.

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"github.com/ladder-dev/ladder/decode"
)

// explainText writes the explanation of a decided verdict.
func explainText(f *resetFacts, win finding, conflicts []finding) string {
	var b strings.Builder
	switch win.cause {
	case CauseRefused:
		textRefused(&b, f, win)
	case CauseStaleHandshake:
		textStaleHandshake(&b, f, win)
	case CauseChallenge:
		textChallenge(&b, f)
	case CauseKeepaliveTimeout:
		textKeepalive(&b, f, win)
	case CauseBacklog:
		textBacklog(&b, f)
	case CauseAfterClose:
		textAfterClose(&b, f)
	case CauseAbort:
		textAbort(&b, f, win)
	case CauseNoConnection:
		textNoConnection(&b, f)
	case CauseInjected:
		textInjected(&b, f)
	default:
		fmt.Fprintf(&b, "Frame %d: the cause cannot be told: %s.", f.frame, win.note)
	}
	b.WriteString(appText(f))
	for _, c := range conflicts {
		fmt.Fprintf(&b, " It also fits %s (%s), so confidence is lowered.", c.cause, causeGist(c.cause))
	}
	// The roles need a caveat only where the prose names them.
	if t := b.String(); strings.Contains(t, "client") || strings.Contains(t, "server") || strings.Contains(t, "host ") {
		b.WriteString(f.rolesNote())
	}
	// A verdict keeps its text for good: keep it without the builder's
	// spare capacity (on average a third of what it holds; 20 MB of the
	// interactive view's 10M-packet heap).
	return strings.Clone(b.String())
}

// causeGist is a cause in a few words, for conflict sentences.
func causeGist(c Cause) string {
	switch c {
	case CauseRefused:
		return "a SYN answered by a reset"
	case CauseAbort:
		return "the sender's own abortive close"
	case CauseAfterClose:
		return "a segment arriving after the sender had closed"
	case CauseNoConnection:
		return "the sender had no record of the connection"
	case CauseStaleHandshake:
		return "a SYN meeting an old connection"
	case CauseChallenge:
		return "an answer to a challenge ACK"
	case CauseBacklog:
		return "a full accept queue"
	case CauseKeepaliveTimeout:
		return "keep-alive probes"
	case CauseInjected:
		return "a forged reset"
	}
	return string(c)
}

// who names the reset's sender or receiver: "the client (10.0.0.1:5000)",
// or "the host 10.0.0.1:5000" when the roles are unknown.
func (f *resetFacts) who(dir uint8) string {
	if f.roles.basis == roleUnknown {
		return "the " + f.roleName(dir)
	}
	return "the " + f.roleName(dir) + " (" + endpointText(f.idx, f.endpoint(dir)) + ")"
}

func (f *resetFacts) sender() string { return f.roleName(f.rst.Dir) }
func (f *resetFacts) peer() string   { return f.roleName(f.rst.Dir ^ 1) }

// endpointText renders address and port, bracketing IPv6 ("[::1]:443").
func endpointText(idx *decode.Index, e decode.Endpoint) string {
	a := idx.Addr(e.Addr)
	if ip := a.IP(); ip.IsValid() {
		return netip.AddrPortFrom(ip, e.Port).String()
	}
	return a.String() + ":" + strconv.Itoa(int(e.Port))
}

// relSeq is a sequence number of direction dir as Wireshark shows it.
func (f *resetFacts) relSeq(dir uint8, seq uint32) uint32 {
	return seq - f.flow.BaseAt(int(f.flow.Frames[f.pos]), dir)
}

// duration renders a time span for people.
func duration(ns int64) string {
	switch {
	case ns >= 1e9:
		return strconv.FormatFloat(float64(ns)/1e9, 'f', 2, 64) + " s"
	case ns >= msec:
		return strconv.FormatFloat(float64(ns)/1e6, 'f', 1, 64) + " ms"
	}
	return strconv.FormatInt(ns/1000, 10) + " µs"
}

// segmentText describes a segment by what it carried: "data (55 bytes)".
func segmentText(q *decode.Packet) string {
	switch {
	case q.Flags&decode.FlagSYN != 0 && q.Flags&decode.FlagACK != 0:
		return "SYN/ACK"
	case q.Flags&decode.FlagSYN != 0:
		return "SYN"
	case q.PayloadLen > 0 && q.Flags&decode.FlagFIN != 0:
		return "data and FIN (" + strconv.Itoa(int(q.PayloadLen)) + " bytes)"
	case q.PayloadLen > 0:
		return "data (" + strconv.Itoa(int(q.PayloadLen)) + " bytes)"
	case q.Flags&decode.FlagFIN != 0:
		return "FIN"
	}
	return "ACK"
}

// answeredText describes the answered segment, naming keep-alive probes.
func (f *resetFacts) answeredText() string {
	if f.to.probes > 0 && f.answers == f.to.lastProbe {
		return "keep-alive probe"
	}
	return segmentText(f.answered)
}

// frameList renders frame numbers: "12", "12 and 14", "12, 14 and 16".
func frameList(fr []int) string {
	parts := make([]string, len(fr))
	for i, x := range fr {
		parts[i] = strconv.Itoa(x)
	}
	if len(parts) <= 1 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func textRefused(b *strings.Builder, f *resetFacts, win finding) {
	q := f.answered
	if win.note == "probe" {
		fmt.Fprintf(b, "Frame %d: port %d of %s is closed: it answered the %s probe in frame %d (neither SYN nor ACK) "+
			"with RST/ACK (ack = the probe's sequence number + length), as RFC 9293 §3.10.7.1 has a closed port do; a "+
			"listening port drops such a segment silently. This is how FIN, NULL and Xmas scans tell closed ports from "+
			"open ones (Windows resets these probes on open ports too).",
			f.frame, q.DstPort, f.who(f.rst.Dir), probeName(q), f.answers)
		return
	}
	fmt.Fprintf(b, "Frame %d: %s refused the connection: it answered the SYN in frame %d for port %d with RST/ACK "+
		"(ack = the SYN's sequence number + 1), which is what a host sends when nothing listens on that port, "+
		"or what a firewall set to reject sends in its name. The %s's application sees \"connection refused\".",
		f.frame, f.who(f.rst.Dir), f.answers, q.DstPort, f.peer())
}

// probeName names a scan probe by its flags, as nmap does.
func probeName(q *decode.Packet) string {
	const xmas = decode.FlagFIN | decode.FlagPSH | decode.FlagURG
	switch {
	case q.Flags&xmas == xmas:
		return "Xmas"
	case q.Flags == decode.FlagFIN:
		return "FIN"
	case q.Flags == 0:
		return "NULL"
	}
	return segmentText(q)
}

func textStaleHandshake(b *strings.Builder, f *resetFacts, win finding) {
	q := f.answered
	fmt.Fprintf(b, "Frame %d: the %s's SYN in frame %d reused the ports of a connection the %s still had, "+
		"so the %s answered with an ACK for that old connection (frame %d, whose acknowledgement number %d is not "+
		"the SYN's sequence number + 1) rather than a SYN/ACK. The %s reset that ACK (seq = its acknowledgement number), "+
		"which clears the old connection at the %s.",
		f.frame, f.sender(), f.from.synFrame, f.peer(), f.peer(), f.answers, q.Ack, f.sender(), f.peer())
	if len(win.evidence) > 2 {
		fmt.Fprintf(b, " It sent its SYN again in frame %d.", win.evidence[2])
	} else {
		fmt.Fprintf(b, " No SYN retry is in view, so this is less certain.")
	}
}

func textChallenge(b *strings.Builder, f *resetFacts) {
	q := f.answered
	r := f.from.lastRST
	fmt.Fprintf(b, "Frame %d: the %s's earlier reset (frame %d, Seq=%d) was inside the %s's window but not the exact "+
		"sequence number it expected (%d), so the %s answered with a challenge ACK (frame %d, RFC 5961 §3.2). "+
		"The %s, which no longer had the connection, reset again with seq = that acknowledgement number, which the %s accepts.",
		f.frame, f.sender(), r, f.relSeq(f.rst.Dir, f.from.lastRSTSeq), f.peer(), f.relSeq(f.rst.Dir, q.Ack),
		f.peer(), f.answers, f.sender(), f.peer())
	if rt := f.to.respond; rt > 0 {
		fmt.Fprintf(b, " Frame %d arrived %s after frame %d, about one round trip to the %s (%s), as an answer would.",
			f.answers, duration(f.timeOf(f.answers)-f.from.lastRSTTime), r, f.peer(), duration(rt))
	}
}

func textKeepalive(b *strings.Builder, f *resetFacts, win finding) {
	if win.note == "answered a probe" {
		fmt.Fprintf(b, "Frame %d: the %s answered the %s's keep-alive probe (frame %d, seq = next − 1) with a reset: "+
			"it no longer has the connection (it rebooted, or timed the connection out).",
			f.frame, f.sender(), f.peer(), f.answers)
		return
	}
	n := 1
	if f.from.lastProbe != f.from.firstProbe {
		n = 2
	}
	probes := "frame " + strconv.Itoa(f.from.firstProbe)
	if n > 1 {
		probes = "frames " + strconv.Itoa(f.from.firstProbe) + "–" + strconv.Itoa(f.from.lastProbe)
	}
	fmt.Fprintf(b, "Frame %d: the %s's keep-alive %s (%s, seq = next − 1) went unanswered, and its stack gave up and "+
		"reset the connection. The %s sent nothing after frame %d: it is down or unreachable, or a middlebox dropped "+
		"the idle connection.", f.frame, f.sender(), plural(n, "probe", "probes"), probes, f.peer(), f.to.lastFrame)
}

func textBacklog(b *strings.Builder, f *resetFacts) {
	fmt.Fprintf(b, "Frame %d: the %s answered the %s's first segment after the handshake (frame %d) with a bare RST "+
		"without timestamps, having sent nothing since its SYN/ACK (frame %d). This is what Linux does when the "+
		"listener's accept queue is full and net.ipv4.tcp_abort_on_overflow=1; a firewall, or a server that dropped "+
		"the connection right after the handshake, would look the same.",
		f.frame, f.sender(), f.peer(), f.answers, f.from.synAckFrame)
}

func textAfterClose(b *strings.Builder, f *resetFacts) {
	t, kind := f.teardown()
	var how string
	switch {
	case kind == teardownOwnRST:
		how = fmt.Sprintf("it had reset it in frame %d", t)
	case kind == teardownAcceptedRST && f.from.acceptedForged:
		how = fmt.Sprintf("it had accepted the reset in frame %d, which was forged in the %s's name", t, f.peer())
	case kind == teardownAcceptedRST:
		how = fmt.Sprintf("it had accepted the %s's reset in frame %d", f.peer(), t)
	default:
		how = fmt.Sprintf("it had closed it with the FIN in frame %d", t)
	}
	fmt.Fprintf(b, "Frame %d: the %s no longer had the connection (%s) when the %s's %s in frame %d arrived, "+
		"so its stack answered that segment with a reset whose sequence number (%d) is frame %d's acknowledgement number.",
		f.frame, f.sender(), how, f.peer(), f.answeredText(), f.answers, f.relSeq(f.rst.Dir, f.rst.Seq), f.answers)
	if kind == teardownAcceptedRST && f.from.acceptedForged {
		fmt.Fprintf(b, " The real %s was never told of that reset and carried on with the connection.", f.peer())
	}
	if f.acking {
		fmt.Fprintf(b, " The reset also carries ACK, acknowledging frame %d (ack = its end), as Windows builds such "+
			"resets; RFC 9293 and Linux send them bare.", f.answers)
	}
	rt := f.to.respond
	if rt <= 0 || kind == teardownAcceptedRST {
		return
	}
	owd := rt / 2
	gap := f.timeOf(f.answers) - f.timeOf(t)
	if gap < 0 {
		fmt.Fprintf(b, " Frame %d passed the capture point before frame %d but reached the %s after it: the capture "+
			"was taken nearer the %s.", f.answers, t, f.sender(), f.peer())
		return
	}
	if gap < rt {
		fmt.Fprintf(b, " With a one-way delay to the %s of about %s (half the %s round trip of frames %d–%d), "+
			"frame %d left the %s about %s before frame %d could have reached it: the two crossed in flight.",
			f.peer(), duration(owd), duration(rt), f.to.respondFrom, f.to.respondTo,
			f.answers, f.peer(), duration(rt-gap), t)
	} else {
		fmt.Fprintf(b, " Frame %d arrived %s after frame %d, more than the %s round trip to the %s, "+
			"so the %s sent it after the teardown should have reached it.",
			f.answers, duration(gap), t, duration(rt), f.peer(), f.peer())
	}
}

func textAbort(b *strings.Builder, f *resetFacts, win finding) {
	s, o := f.from, f.to
	if win.note == "connect timeout" {
		first := f.timeOf(win.evidence[0])
		offs := make([]string, len(win.evidence))
		for k, fr := range win.evidence {
			offs[k] = duration(f.timeOf(fr) - first)
		}
		offs[0] = "0 s"
		fmt.Fprintf(b, "Frame %d: %s gave up its connection attempt at the end of its SYN retry schedule: its SYNs "+
			"(frames %s) left at %s after the first, each wait twice the one before, nothing came back, and the reset "+
			"came %s after the first SYN, when the next retry was due. Its connect() timed out: the server or the path "+
			"to it dropped the SYNs (host down, a firewall dropping rather than rejecting, or a routing problem).",
			f.frame, f.who(f.rst.Dir), frameList(win.evidence), strings.Join(offs, ", "), duration(f.rst.Time-first))
		return
	}
	if win.note == "half-open" {
		fmt.Fprintf(b, "Frame %d: %s never completed the handshake: having sent only its SYN (frame %d), it answered "+
			"the %s's SYN/ACK (frame %d) with a reset at its ISN+1, ending the half-open connection.",
			f.frame, f.who(f.rst.Dir), s.synFrame, f.peer(), f.answers)
		switch f.craftedSYN() {
		case synNoOptions:
			b.WriteString(" Its SYN offers no window scale, SACK or timestamps, which every operating system's connect() " +
				"does: a port scanner wrote it (an Nmap SYN scan), and the scanner's own kernel, having no socket for it, " +
				"reset the SYN/ACK. The port is open.")
		case synOwnTTL:
			syn := f.idx.Packet(s.synFrame - 1)
			fmt.Fprintf(b, " Its SYN left with TTL %d but its kernel's reset with %d: a tool wrote the SYN on a raw "+
				"socket with a TTL of its own (a port scanner, Nmap's OS detection, traceroute -T), and the host's "+
				"kernel, having no socket for it, reset the SYN/ACK. The port is open.", syn.TTL, f.rst.TTL)
		default:
			b.WriteString(" Its application gave up the attempt before the SYN/ACK arrived (a cancelled or timed-out " +
				"connect()), or a scanner sent the SYN.")
		}
		return
	}
	if win.note == "attempt" {
		fmt.Fprintf(b, "Frame %d: %s reset its own connection attempt: it had sent only its SYN (frame %d) and "+
			"nothing had come back, so its application gave up or it is a scanner.", f.frame, f.who(f.rst.Dir), s.synFrame)
		return
	}
	fmt.Fprintf(b, "Frame %d: %s abortively closed its own connection: the RST/ACK's sequence number (%d) is exactly "+
		"the next one it would have sent, so it came from its own socket, not in answer to anything the %s sent.",
		f.frame, f.who(f.rst.Dir), f.relSeq(f.rst.Dir, f.rst.Seq), f.peer())
	switch {
	case o.lastData != 0 && s.dataFrames == 0:
		fmt.Fprintf(b, " It had received the %s's data (last in frame %d) and never answered it: closing a socket "+
			"with unread data makes the stack reset instead of sending FIN (RFC 2525 §2.17).", f.peer(), o.lastData)
	case o.lastData != 0 && o.seqKnown && f.rst.Ack == o.nextSeq:
		fmt.Fprintf(b, " It had acknowledged all the %s's data (last in frame %d)", f.peer(), o.lastData)
		if s.finFrame != 0 {
			fmt.Fprintf(b, " and had already sent its FIN in frame %d", s.finFrame)
		}
		b.WriteString(", so the application chose to reset (SO_LINGER 0, or a killed process).")
	case s.finFrame != 0:
		fmt.Fprintf(b, " It had already sent its FIN in frame %d and reset instead of waiting for the %s's.", s.finFrame, f.peer())
	default:
		b.WriteString(" Typical causes: SO_LINGER 0, closing with unread data, or a killed process.")
	}
	if win.note == "no timestamps" {
		fmt.Fprintf(b, " It carries no timestamp option although the %s's segments do: Linux keeps it on a socket's reset, "+
			"BSD-derived stacks (macOS, FreeBSD) leave it off, and so may a forger.", f.sender())
	}
	if late := f.inFlight(f.rst.Time); len(late) > 0 {
		fmt.Fprintf(b, " %s %s %s arrived after it but had been sent before it could reach the %s (within one %s round trip).",
			capitalize(f.peer()), plural(len(late), "frame", "frames"), frameList(late), f.peer(), duration(o.respond))
	}
}

func textNoConnection(b *strings.Builder, f *resetFacts) {
	q := f.answered
	fmt.Fprintf(b, "Frame %d: the %s answered the %s's %s in frame %d with a reset built from it (seq = its "+
		"acknowledgement number) although no close by the %s is in view: its stack had no record of the connection.",
		f.frame, f.sender(), f.peer(), segmentText(q), f.answers, f.sender())
	switch {
	case q.Flags&decode.FlagSYN != 0:
		fmt.Fprintf(b, " It never asked for this connection: a SYN scanner, or a SYN sent by another program or host.")
	case f.from.sent == 0:
		fmt.Fprintf(b, " The capture shows nothing else from the %s, so it may have closed outside the capture.", f.sender())
	case f.idleBefore() >= idleExpiry:
		fmt.Fprintf(b, " The connection had been idle for %s in both directions before frame %d (the %s's last segment "+
			"was frame %d): the state most likely expired, dropped by the idle timeout of a firewall, NAT or load balancer "+
			"on the path or of the %s itself, without telling either end.",
			duration(f.idleBefore()), f.answers, f.sender(), f.from.lastFrame, f.sender())
	default:
		fmt.Fprintf(b, " It rebooted, crashed or dropped the state (a half-open connection); its last segment was frame %d, %s earlier.",
			f.from.lastFrame, duration(f.rst.Time-f.from.lastTime))
		if f.from.lastHadTS && !f.rstHasTimestamps() {
			fmt.Fprintf(b, " The reset carries no timestamp option although the %s's segments did, so no socket sent it.", f.sender())
		}
	}
}

func textInjected(b *strings.Builder, f *resetFacts) {
	g := f.forgerySigns()
	p := f.rst
	var signs []string
	if g.ttl != 0 {
		q := f.idx.Packet(g.ttl - 1)
		signs = append(signs, fmt.Sprintf("TTL %d where its packets have %d (frame %d)", p.TTL, q.TTL, g.ttl))
	}
	if g.race != 0 {
		signs = append(signs, fmt.Sprintf("it reacts to frame %d only %s after that passed the capture point, "+
			"while the %s took %s to answer the handshake", g.race, duration(p.Time-f.timeOf(g.race)), f.sender(), duration(f.from.hsRespond)))
	}
	if g.seq != 0 {
		signs = append(signs, fmt.Sprintf("its sequence number (%d) lies beyond the furthest window the %s ever offered "+
			"(frame %d), where the %s could never have sent, so whatever sent it did not know the connection",
			f.relSeq(p.Dir, p.Seq), f.peer(), g.seq, f.sender()))
	}
	if g.ipid != 0 {
		q := f.idx.Packet(g.ipid - 1)
		signs = append(signs, fmt.Sprintf("IP ID %#04x outside its sequence (%#04x in frame %d)", p.IPID, q.IPID, g.ipid))
	}
	if g.flags != 0 {
		signs = append(signs, "reserved TCP flag bits set, which its other segments never set")
	}
	if g.continued != 0 {
		signs = append(signs, fmt.Sprintf("its own segments keep arriving after it (frame %d)", g.continued))
	}
	if g.both != 0 {
		signs = append(signs, fmt.Sprintf("frame %d resets the other direction at the same moment, sooner than either end could answer the other", g.both))
	}
	if g.noTS {
		signs = append(signs, "no timestamp option although its segments carry one")
	}
	fmt.Fprintf(b, "Frame %d claims to come from %s but does not fit its other packets: %s. "+
		"A firewall, IPS, load balancer or censor most likely forged it in the %s's name.",
		f.frame, f.who(p.Dir), strings.Join(signs, "; "), f.sender())
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
