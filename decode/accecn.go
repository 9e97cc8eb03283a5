package decode

import "fmt"

// Accurate ECN (draft-ietf-tcpm-accurate-ecn) as Wireshark 4.0 shows it.
// A connection whose SYN sets AE, CWR and ECE together and whose SYN/ACK
// answers with AE or CWR set has negotiated AccECN: from then on the three
// bits are one counter, ACE, of the CE marks received, and every segment
// but a SYN shows "ACE=n" where it would list AE, CWR and ECE
// ("[ACK, ACE=5]", tcpdump's accecn_handshake.pcap). The AccECN option, in
// its experimental form (kind 253 or 254, ExID 0xacc0 for order 0 and
// 0xacc1 for order 1), carries up to three 24-bit byte counters.

// accECNSetup are the flags an AccECN SYN sets together.
const accECNSetup = FlagAE | FlagCWR | FlagECE

// noteAccECN records the SYN and SYN/ACK of an AccECN negotiation: the
// counter applies from packet index i on once the SYN/ACK agreed.
func (f *Flow) noteAccECN(i int32, flags uint16) {
	switch {
	case flags&(FlagSYN|FlagACK) == FlagSYN:
		f.accECNSyn = flags&accECNSetup == accECNSetup
	case flags&(FlagSYN|FlagACK) == FlagSYN|FlagACK:
		if f.accECNSyn && flags&(FlagAE|FlagCWR) != 0 && f.accECNFrom == 0 {
			f.accECNFrom = i + 1
		}
	}
}

// UsesACE reports whether packet index i with these flags shows the ACE
// counter instead of the AE, CWR and ECE flags.
func (f *Flow) UsesACE(i int, flags uint16) bool {
	return f != nil && f.accECNFrom > 0 && int32(i)+1 > f.accECNFrom && flags&FlagSYN == 0
}

// ace is the ACE counter the AE, CWR and ECE bits make.
func ace(flags uint16) uint16 {
	return (flags&FlagAE)>>6 | (flags&(FlagCWR|FlagECE))>>6
}

// accECNExID tells the AccECN option's experiment identifiers apart.
const (
	accECNOrder0 = 0xacc0
	accECNOrder1 = 0xacc1
)

// accECNCounters are the counters' short names (for Info) in the order an
// option of that order carries them, and their tree labels and fields.
func accECNCounters(exid uint16) (short [3]string, long [3]string, fields [3]string) {
	ee0 := [3]string{"EE0B", "Accurate ECN Echo ECT(0) Byte Counter", "tcp.options.acc_ecn.ee0b"}
	ce := [3]string{"ECEB", "Accurate ECN Echo CE Byte Counter", "tcp.options.acc_ecn.eceb"}
	ee1 := [3]string{"EE1B", "Accurate ECN Echo ECT(1) Byte Counter", "tcp.options.acc_ecn.ee1b"}
	order := [3][3]string{ee0, ce, ee1}
	if exid == accECNOrder1 {
		order = [3][3]string{ee1, ce, ee0}
	}
	for k, c := range order {
		short[k], long[k], fields[k] = c[0], c[1], c[2]
	}
	return short, long, fields
}

// accECNInfo is the Info text of an AccECN option's value v (after kind and
// length, starting with the ExID), or "" when v is not one.
func accECNInfo(v []byte) string {
	if len(v) < 2 || v[0] != 0xac || (v[1] != 0xc0 && v[1] != 0xc1) {
		return ""
	}
	short, _, _ := accECNCounters(uint16(v[0])<<8 | uint16(v[1]))
	s := ""
	for k, c := 0, v[2:]; k < 3 && len(c) >= 3; k, c = k+1, c[3:] {
		s += fmt.Sprintf(" %s=%d", short[k], uint32(c[0])<<16|uint32(c[1])<<8|uint32(c[2]))
	}
	return s
}
