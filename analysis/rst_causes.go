package analysis

// The reset causes: one table names each code and says what it means. The
// verdicts, `ladder man`, the expert summary and the lab's labels all read
// it, so a code cannot be added, renamed or explained in one place only.

// CauseInfo describes one reset cause code.
type CauseInfo struct {
	Code    Cause
	Meaning string // one line for people: what the sender's stack was doing
}

// causeTable is every cause, in the order the manual lists them (the rules
// that decide them are in resetRules).
func causeTable() [10]CauseInfo {
	return [...]CauseInfo{
		{CauseRefused, "a SYN reached a port with no listener (or a host or firewall refusing it)"},
		{CauseAbort, "the sender's application ended its own connection abortively (SO_LINGER 0, close with unread data, killed process)"},
		{CauseAfterClose, "the sender had already closed or reset the connection, and a late segment from the peer drew this reset"},
		{CauseNoConnection, "the sender had no record of the connection at all (rebooted, state dropped: a half-open connection)"},
		{CauseStaleHandshake, "a SYN met old state on the same ports (TIME-WAIT or port reuse) and the handshake was refused"},
		{CauseChallenge, "an RFC 5961 challenge ACK answered an in-window reset and the real peer answered it with this reset"},
		{CauseBacklog, "the listener's accept queue was full and the server aborts on overflow"},
		{CauseKeepaliveTimeout, "keep-alive probes went unanswered and the prober gave up"},
		{CauseInjected, "a third party (firewall, IPS, load balancer, censor) forged the reset in an endpoint's name"},
		{CauseUnknown, "the capture does not say enough; the explanation says what is missing"},
	}
}

// Causes lists every reset cause code with its meaning.
func Causes() []CauseInfo {
	t := causeTable()
	return t[:]
}

// Meaning is the cause's meaning in one line, "" for a code not in the table.
func (c Cause) Meaning() string {
	for _, ci := range causeTable() {
		if ci.Code == c {
			return ci.Meaning
		}
	}
	return ""
}

// causeBit is the cause's bit in a causeSet: its place in the table.
func causeBit(c Cause) causeSet {
	for k, ci := range causeTable() {
		if ci.Code == c {
			return 1 << k
		}
	}
	return 0
}
