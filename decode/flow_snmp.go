package decode

// udp.stream numbers around SNMP. Wireshark's SNMP dissector lets an
// agent answer from any port: a request to UDP 161 sets up a conversation
// from the manager's address and port to the agent's address with the
// agent's port left open. The next UDP packet between that manager port and
// that agent, whichever way it goes and whatever the agent's port, fills
// the open port in and so starts a conversation UDP has not numbered: it
// takes the next udp.stream, and every later packet between the two,
// requests included, stays in it. tshark 4.0.17 numbers a manager's get and
// the agent's response 0 and 1 (testdata/app/lab__snmpv3.pcap,
// lab__udp-services.pcap); a get sent again before any answer, or the ICMP
// port-unreachable quoting it, likewise takes a new number
// (testdata/app/lab__nmap.pcap, frames 87-94); ladder's flows split there
// too, so that udp.stream == N selects the same packets in both.

// snmpWildcard is a manager's port and the agent it asked, the
// conversation an SNMP request leaves open for the answer.
type snmpWildcard struct {
	manager, agent uint32 // address table indexes
	port           uint16 // the manager's
}

// maxSNMPWildcards bounds the conversations remembered.
const maxSNMPWildcards = 1 << 16

// snmpNewStream reports whether a UDP packet from src:sp to dst:dp (a
// packet of the capture, or the one an ICMP error quotes) starts a new
// stream by filling in a conversation an SNMP request left open (fromAgent:
// the agent sent it), and when open is set notes the packet as such a
// request if it goes to port 161.
// A wildcard is filled in once: a manager reusing its port later finds the
// numbered conversation.
func (t *flowTable) snmpNewStream(src, dst uint32, sp, dp uint16, open bool) (fills, fromAgent bool) {
	if len(t.snmp) > 0 {
		for side, k := range [2]snmpWildcard{{manager: src, agent: dst, port: sp}, {manager: dst, agent: src, port: dp}} {
			if filled, ok := t.snmp[k]; ok && !filled {
				t.snmp[k] = true
				return true, side == 1
			}
		}
	}
	if open && dp == portSNMP {
		if t.snmp == nil {
			t.snmp = map[snmpWildcard]bool{}
		}
		k := snmpWildcard{manager: src, agent: dst, port: sp}
		if _, ok := t.snmp[k]; !ok && len(t.snmp) < maxSNMPWildcards {
			t.snmp[k] = false
		}
	}
	return false, false
}
