package analysis

import "github.com/ladder-dev/ladder/decode"

// Sequence-number comparisons modulo 2^32 (RFC 793 section 3.3): a is
// "after" b when the signed distance from b to a is positive, so numbers
// just past 2^32 compare greater than numbers just before it.
func seqGT(a, b uint32) bool { return int32(a-b) > 0 }
func seqLT(a, b uint32) bool { return int32(a-b) < 0 }
func seqLE(a, b uint32) bool { return int32(a-b) <= 0 }

// Thresholds Wireshark uses to tell a fast retransmission and an
// out-of-order segment from a plain retransmission.
const (
	fastRetransmitWindow = 20_000_000 // ns since the peer's last ACK
	defaultOOOThreshold  = 3_000_000  // ns, used while the initial RTT is unknown
	maxUnacked           = 10000      // segments remembered per direction, as Wireshark caps them

	// ackedUnseen in dirState.dupAcks marks that the peer has ACKed data
	// this side was not seen sending (Wireshark stores -1 in its unsigned
	// counter).
	ackedUnseen = ^uint32(0)
)

// Window-scale states per direction, as Wireshark keeps them.
const (
	scaleUnknown int8 = -1 // no SYN seen from this side yet
	scaleNone    int8 = -2 // SYNs seen and scaling is not in use
)

// segment is a sent segment not yet acknowledged: what RTT measurement,
// bytes in flight and the ACK bookkeeping need.
type segment struct {
	seq, next uint32
	time      int64
	pkt       int32
}

// dirState is the analysis state of one direction of a connection. All
// sequence numbers are raw (absolute); zero means "not seen yet", exactly
// as Wireshark treats it, so that its verdicts are reproduced even in that
// corner.
type dirState struct {
	nextSeq      uint32 // highest seq+len sent (+1 for SYN/FIN)
	nextSeqTime  int64
	nextSeqPkt   int32
	maxSeqToAck  uint32 // highest contiguous sequence number sent
	lastAck      uint32
	lastAckTime  int64  // time of this side's last packet
	window       uint32 // last advertised window, scaled when the scale is known
	scale        int8   // shift, or scaleUnknown/scaleNone
	dupAcks      uint32 // duplicate ACKs since the last ACK that was not one
	lastNonDup   int32  // packet index of the last ACK that was not a duplicate
	lastFlags    Flags  // flags of this side's last packet
	validInFlght bool   // bytes in flight can be computed: cleared by a gap, set again by the peer's next ACK
	mptcpNew     uint32 // connState.mptcpNew as this side's previous packet found it
	unacked      []segment
}

// packetIn is what the checks need of one packet.
type packetIn struct {
	i      int32
	time   int64
	seq    uint32
	ack    uint32
	seglen uint32
	flags  uint16
	window uint32 // scaled
	// mptcpSignal: an MPTCP option subtype new to the connection appeared
	// since this side's previous packet. RFC 8684 §3.3.6 lets MPTCP send
	// signals (ADD_ADDR, MP_PRIO...) on otherwise duplicate ACKs, and
	// Wireshark then does not count one.
	mptcpSignal bool
}

// analyzeSeq judges packet in of direction fwd against what was seen
// before it, updates both directions and returns its flags. It follows the
// order of Wireshark's tcp_analyze_sequence_number: each check sees the
// state left by the packets before, never by later ones.
func (c *connState) analyzeSeq(r *Result, in *packetIn, fwd, rev *dirState) Flags {
	const sfr = decode.FlagSYN | decode.FlagFIN | decode.FlagRST
	var fl Flags
	seq, ack, seglen, win := in.seq, in.ack, in.seglen, in.window
	plain := in.flags&sfr == 0

	if in.flags&decode.FlagACK != 0 {
		rev.validInFlght = true
	}
	var dupNum uint32
	switch {
	case seglen == 1 && seq == fwd.nextSeq && rev.window == 0:
		fl = fl.with(ZeroWindowProbe)
	default:
		if win == 0 && plain {
			fl = fl.with(ZeroWindow)
		}
		if fwd.nextSeq != 0 && seqGT(seq, fwd.nextSeq) && in.flags&decode.FlagRST == 0 {
			fl = fl.with(LostSegment)
			fwd.validInFlght = false
		}
		if seglen <= 1 && seq == fwd.nextSeq-1 && plain {
			fl = fl.with(KeepAlive)
		}
		sameAck := seglen == 0 && seq == fwd.nextSeq && ack == fwd.lastAck && plain
		if sameAck && win != 0 && win != fwd.window {
			fl = fl.with(WindowUpdate)
		}
		if seglen > 0 && rev.scale != scaleUnknown && plain &&
			seq+seglen == rev.lastAck+rev.window {
			fl = fl.with(WindowFull)
		}
		switch {
		case sameAck && win != 0 && win == fwd.window && rev.lastFlags.Has(KeepAlive):
			fl = fl.with(KeepAliveAck)
		case seglen == 0 && win == 0 && fwd.window == 0 && seq == fwd.nextSeq && ack == fwd.lastAck &&
			plain && rev.lastFlags.Has(ZeroWindowProbe):
			// tshark 4.0 requires the same ACK; later versions also accept
			// an ACK of the probe's byte.
			fl = fl.with(ZeroWindowProbeAck)
		case sameAck && win != 0 && win == fwd.window && in.mptcpSignal:
		case sameAck && win != 0 && win == fwd.window:
			if fwd.dupAcks == ackedUnseen {
				fwd.dupAcks = 1
			} else {
				fwd.dupAcks++
			}
			dupNum = fwd.dupAcks
			fl = fl.with(DuplicateAck)
			r.dups.add(in.i, dupAck{of: fwd.lastNonDup, num: dupNum})
		}
	}
	// The duplicate-ACK run ends only when the acknowledgement number
	// changes (data sent with the same ACK does not end it).
	if ack != fwd.lastAck {
		fwd.lastNonDup = in.i
		fwd.dupAcks = 0
	}

	if rev.maxSeqToAck != 0 && seqGT(ack, rev.maxSeqToAck) && in.flags&decode.FlagACK != 0 {
		// Report the unseen segment once. When the peer has sent nothing
		// new since its highest contiguous byte, tshark 4.0 reports only
		// the first such ACK and marks the peer's duplicate-ACK counter
		// with ackedUnseen, which, being a large unsigned number, also
		// passes the "at least two duplicate ACKs" test of a fast
		// retransmission (tshark labels those accordingly).
		if seqLT(rev.maxSeqToAck, rev.nextSeq) {
			rev.maxSeqToAck = rev.nextSeq
			fl = fl.with(AckLostSegment)
		} else {
			if rev.dupAcks == 0 {
				fl = fl.with(AckLostSegment)
			}
			rev.dupAcks = ackedUnseen
		}
	}

	synFin := in.flags&(decode.FlagSYN|decode.FlagFIN) != 0
	if (seglen > 0 || synFin) && !fl.Has(KeepAlive) {
		fl |= c.retransmission(in, fwd, rev)
	}

	next := seq + seglen
	if synFin {
		next++
	}
	if (seglen > 0 || synFin) && len(fwd.unacked) < maxUnacked {
		fwd.unacked = append(fwd.unacked, segment{seq: seq, next: next, time: in.time, pkt: in.i})
	}
	if (seqGT(next, fwd.nextSeq) || fwd.nextSeq == 0) && !fl.Has(ZeroWindowProbe) {
		fwd.nextSeq, fwd.nextSeqTime, fwd.nextSeqPkt = next, in.time, in.i
	}
	if (seq == fwd.maxSeqToAck || fwd.maxSeqToAck == 0) && !fl.Has(ZeroWindowProbe) {
		fwd.maxSeqToAck = fwd.nextSeq
	}
	fwd.window = win
	fwd.lastAck = ack
	fwd.lastAckTime = in.time
	fwd.lastFlags = fl

	if in.flags&decode.FlagACK != 0 {
		c.ackSegments(r, in, rev)
	}
	c.bytesInFlight(r, in, fwd)
	return fl
}

// retransmission decides between the retransmission verdicts for a
// segment that carries data, SYN or FIN. tshark 4.0 tests a fast
// retransmission first, then a spurious one (every byte already
// acknowledged), then out-of-order, then plain retransmission; and it
// measures the time since the reverse ACK and since the highest sequence
// number in an unsigned 64-bit count, so a packet earlier in time than
// those (a capture spliced from several, timestamps going backwards) is
// never within the fast-retransmission or out-of-order windows.
func (c *connState) retransmission(in *packetIn, fwd, rev *dirState) Flags {
	seq, seglen := in.seq, in.seglen
	notAdvanced := fwd.nextSeq != 0 && seqLT(seq, fwd.nextSeq)
	// One byte short of nextseq with more than one byte: new data after a
	// zero-window probe, not a retransmission.
	if seglen > 1 && fwd.nextSeq-1 == seq {
		notAdvanced = false
	}
	if notAdvanced && within(in.time-rev.lastAckTime, fastRetransmitWindow) && rev.dupAcks >= 2 && rev.lastAck == seq {
		return 1 << FastRetransmission
	}
	// Every byte already acknowledged by the peer.
	if seglen > 0 && rev.lastAck != 0 && seqLE(seq+seglen, rev.lastAck) {
		return 1 << SpuriousRetransmission
	}
	threshold := int64(defaultOOOThreshold)
	if c.firstRTT > 0 {
		threshold = c.firstRTT
	}
	end := seq + seglen
	if in.flags&(decode.FlagSYN|decode.FlagFIN) != 0 {
		end++ // SYN and FIN take a sequence number
	}
	if notAdvanced && within(in.time-fwd.nextSeqTime, threshold) && fwd.nextSeq != end {
		return 1 << OutOfOrder
	}
	if notAdvanced {
		return 1 << Retransmission
	}
	return 0
}

// within reports whether elapsed time d is under limit as tshark counts
// it: unsigned, so a negative d is a huge time and never within.
func within(d, limit int64) bool { return d >= 0 && d < limit }

// ackSegments drops the peer's segments that this packet acknowledges and
// records the RTT of the one it acknowledges exactly.
func (c *connState) ackSegments(r *Result, in *packetIn, rev *dirState) {
	ack := in.ack
	kept := rev.unacked[:0]
	var acked segment
	found := false
	for _, s := range rev.unacked {
		switch {
		case s.next == ack:
			if !found || s.pkt < acked.pkt {
				acked, found = s, true
			}
		case seqGT(ack, s.seq) && seqLE(ack, s.next):
			s.seq = ack // partly acknowledged
			kept = append(kept, s)
		case seqGT(s.next, ack):
			kept = append(kept, s)
		}
	}
	clear(rev.unacked[len(kept):])
	rev.unacked = kept
	if len(kept) == 0 && c.ending() {
		// A finished connection rarely sends again: give its list back
		// rather than keep its capacity for every flow of the capture
		// until the pass ends (a quarter of the pass's working memory on
		// a capture of many short connections).
		rev.unacked = nil
	}
	if found {
		r.acks.add(in.i, acked.pkt)
	}
}

// ending reports whether both sides have sent a FIN or either a RST.
func (c *connState) ending() bool {
	cn := c.conn
	return cn.FirstRST[0] >= 0 || cn.FirstRST[1] >= 0 || cn.FirstFIN[0] >= 0 && cn.FirstFIN[1] >= 0
}

// bytesInFlight records the unacknowledged bytes after a data segment.
func (c *connState) bytesInFlight(r *Result, in *packetIn, fwd *dirState) {
	if in.seglen == 0 || len(fwd.unacked) == 0 || !fwd.validInFlght {
		return
	}
	first, last := fwd.unacked[0].seq, fwd.unacked[0].next
	for _, s := range fwd.unacked[1:] {
		if seqLT(s.seq, first) {
			first = s.seq
		}
		if seqGT(s.next, last) {
			last = s.next
		}
	}
	if n := last - first; n > 0 && n < 2_000_000_000 {
		r.inFlight.add(in.i, n)
	}
}
