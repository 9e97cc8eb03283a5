package decode

// udp.stream numbers around SNMP. Wireshark's SNMP dissector lets an
// agent answer from any port: a request to UDP 161 sets up a conversation
// from the manager's address and port to the agent's address with the
// agent's port left open. The agent's first answer fills that port in and
// so starts a conversation UDP has not numbered: it takes the next
// udp.stream, and every later packet between the two, requests included,
// stays in it. tshark 4.0.17 numbers a manager's get and the agent's
// response 0 and 1 (testdata/app/lab__snmpv3.pcap, lab__udp-services.pcap),
// and ladder's flows split there too, so that udp.stream == N selects the
// same packets in both.

// snmpWildcard is a manager's port and the agent it asked, the
// conversation an SNMP request leaves open for the answer.
type snmpWildcard struct {
	manager, agent uint32 // address table indexes
	port           uint16 // the manager's
}

// maxSNMPWildcards bounds the conversations remembered.
const maxSNMPWildcards = 1 << 16

// snmpAnswer reports whether UDP packet p begins a new stream as the
// first answer to an SNMP request, noting p as a request when it is one.
// A wildcard is filled in once: a manager reusing its port later finds the
// numbered conversation.
func (t *flowTable) snmpAnswer(p *Packet) bool {
	if p.DstPort == portSNMP {
		if t.snmp == nil {
			t.snmp = map[snmpWildcard]bool{}
		}
		k := snmpWildcard{manager: p.Src, agent: p.Dst, port: p.SrcPort}
		if _, ok := t.snmp[k]; !ok && len(t.snmp) < maxSNMPWildcards {
			t.snmp[k] = false
		}
		return false
	}
	if len(t.snmp) == 0 {
		return false
	}
	k := snmpWildcard{manager: p.Dst, agent: p.Src, port: p.DstPort}
	if filled, ok := t.snmp[k]; ok && !filled {
		t.snmp[k] = true
		return true
	}
	return false
}
