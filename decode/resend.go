package decode

// Resend is how TCP sequence analysis judged a segment that sends bytes
// again, as far as the application walk must know: Wireshark's TCP gives a
// segment it flags a plain retransmission or out-of-order to no dissector
// (its "Do not call subdissectors for error packets", on by default), nor
// one it flags a spurious retransmission (bytes the receiver had already
// acknowledged: zeek ipv6-http-atomic-frag.pcap frame 8, CESNET tls.pcap
// frame 140), but it hands a fast retransmission to the dissectors again
// (zeek tcp/ssh-dups.pcap frames 21-23 read "Client: [TCP Fast
// Retransmission] , Key Exchange Init"). A fast retransmission or
// out-of-order segment that repeats bytes of a PDU spanning segments goes
// to the PDU's reassembly, which refuses it: tshark appends "[Reassembly
// error, protocol TCP: New fragment overlaps old data (retransmission?)]"
// to its TCP summary (zeek http/206_example_b.pcap frames 1226-1277; a lab
// HTTP and TLS download with every 23rd segment dropped after the capture
// point), while a plain retransmission is not reassembled at all.
type Resend uint8

const (
	// NotResent: new bytes, or nothing judged.
	NotResent Resend = iota
	// ResendHidden: a retransmission or spurious retransmission, which
	// no dissector sees.
	ResendHidden
	// ResendOutOfOrder: an out-of-order segment, which no dissector sees
	// either; when it repeats bytes of a PDU that spanned segments,
	// Wireshark's reassembly reports the overlap in Info.
	ResendOutOfOrder
	// ResendFast: a fast retransmission, dissected again unless it
	// repeats part of a PDU that spanned segments (Wireshark's reassembly
	// then takes it as a retransmitted piece of that PDU and reports the
	// overlap).
	ResendFast
)

// ResendJudge tells, for packet i, how the analysis judged it.
type ResendJudge func(i int) Resend

// SetResend installs the TCP analysis's judgement of resent segments for
// the application walk (package analysis installs it when a pass ends).
// Walkers made earlier forget what they walked and replay with it.
func (x *Index) SetResend(f ResendJudge) {
	if f == nil {
		x.resend.Store(nil)
		return
	}
	x.resend.Store(&f)
}

// resendOf returns the installed judgement, nil when there is none.
func (x *Index) resendOf() *ResendJudge { return x.resend.Load() }
