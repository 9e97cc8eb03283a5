package follow

import (
	"github.com/ladder-dev/ladder/decode"
)

// fragment is a segment held back because bytes before it are missing.
type fragment struct {
	packet int32
	off    uint32 // first byte within the packet's captured payload
	len    uint32 // captured bytes
	seq    uint32 // relative sequence number of the first byte
}

// reassembler is Wireshark 4.0's follow-TCP state (packet-tcp.c,
// follow_tcp_tap_listener and check_follow_fragments), per direction: the
// next sequence number expected, whether anything was written yet, and the
// segments waiting for a gap before them to fill.
type reassembler struct {
	s       *Stream
	next    [2]uint32
	written [2]int64
	pending [2][]fragment
}

// Sequence-space comparisons (RFC 1982 serial arithmetic), as Wireshark's
// LT_SEQ, GT_SEQ.
func ltSeq(a, b uint32) bool { return int32(a-b) < 0 }
func gtSeq(a, b uint32) bool { return int32(a-b) > 0 }

func (s *Stream) buildTCP(idx *decode.Index, f *decode.Flow, firstDir uint8, r *Reader) error {
	ra := reassembler{s: s}
	data := 0
	for _, pi := range f.Frames {
		if idx.Packet(int(pi)).PayloadLen > 0 {
			data++
		}
	}
	s.Chunks = make([]Chunk, 0, data) // one per data segment, unless gaps or overlaps split them
	for _, pi := range f.Frames {
		i := int(pi)
		p := idx.Packet(i)
		captured := 0
		if p.PayloadLen > 0 {
			var err error
			if captured, err = r.capturedPayload(i); err != nil {
				return err
			}
		}
		seq := f.RelSeq(i, p)
		ack := p.Ack
		if p.Flags&decode.FlagACK != 0 {
			ack = f.RelAck(i, p)
		}
		ra.segment(pi, p.Dir^firstDir, seq, ack, p.Flags, uint32(p.PayloadLen), uint32(captured))
	}
	return nil
}

// segment takes one TCP packet: d is its direction (0 from node 0), seq and
// ack its relative numbers, length the segment length the IP header
// claims and captured the payload bytes the capture holds.
func (ra *reassembler) segment(pkt int32, d uint8, seq, ack uint32, flags uint16, length, captured uint32) {
	if flags&decode.FlagSYN != 0 {
		seq++
	}
	// An ACK for data beyond a hole in the other direction means the hole
	// was sent but not captured: mark it and release what follows.
	if len(ra.pending[d^1]) > 0 {
		for ra.apply(d^1, ack, pkt, true) {
		}
	}
	if ra.written[d] == 0 && ra.next[d] == 0 {
		ra.next[d] = seq
	}
	off := uint32(0)
	if ltSeq(seq, ra.next[d]) {
		// A retransmission, possibly with new bytes at its end.
		end := seq + length
		if gtSeq(end, ra.next[d]) {
			off = ra.next[d] - seq
			if captured <= off {
				captured = 0
			} else {
				captured -= off
			}
			seq = ra.next[d]
			length = end - ra.next[d]
		}
	}
	if captured == 0 || ltSeq(seq, ra.next[d]) {
		return
	}
	frag := fragment{packet: pkt, off: off, len: captured, seq: seq}
	if seq == ra.next[d] {
		ra.next[d] += length
		ra.written[d] += int64(captured)
		ra.emit(d, frag)
		for ra.apply(d, 0, pkt, false) {
		}
		return
	}
	if len(ra.pending[d]) >= MaxPending {
		ra.s.Limited = true
		ra.closeOldestGap(d, pkt)
	}
	ra.pending[d] = append(ra.pending[d], frag)
}

// apply tries to move one held-back segment of direction d into the
// stream: one that starts at or before the expected sequence number, or —
// when useAck and the peer acknowledged past the lowest held-back segment —
// a gap marker up to it. It reports whether anything changed.
func (ra *reassembler) apply(d uint8, ack uint32, pkt int32, useAck bool) bool {
	q := ra.pending[d]
	if len(q) == 0 {
		return false
	}
	lowest := q[0].seq
	for k, fr := range q {
		if gtSeq(lowest, fr.seq) {
			lowest = fr.seq
		}
		if ltSeq(fr.seq, ra.next[d]) {
			// Starts before what we have: keep only bytes not yet written.
			if end := fr.seq + fr.len; gtSeq(end, ra.next[d]) {
				skip := ra.next[d] - fr.seq
				ra.emit(d, fragment{packet: fr.packet, off: fr.off + skip, len: fr.len - skip, seq: ra.next[d]})
				ra.next[d] = end
			}
			ra.drop(d, k)
			return true
		}
		if fr.seq == ra.next[d] {
			ra.emit(d, fr)
			ra.next[d] += fr.len
			ra.drop(d, k)
			return true
		}
	}
	if useAck && gtSeq(ack, lowest) {
		ra.gap(d, lowest, pkt)
		return true
	}
	return false
}

// closeOldestGap is the memory bound: with MaxPending segments waiting, it
// marks the bytes before the lowest one missing, as an ACK past it would.
func (ra *reassembler) closeOldestGap(d uint8, pkt int32) {
	lowest := ra.pending[d][0].seq
	for _, fr := range ra.pending[d] {
		if gtSeq(lowest, fr.seq) {
			lowest = fr.seq
		}
	}
	ra.gap(d, lowest, pkt)
	for ra.apply(d, 0, pkt, false) {
	}
}

func (ra *reassembler) gap(d uint8, lowest uint32, pkt int32) {
	ra.s.Chunks = append(ra.s.Chunks, Chunk{Packet: pkt, Missing: int32(lowest - ra.next[d]), Dir: d, Kind: Gap, Seq: ra.next[d]})
	ra.next[d] = lowest
}

func (ra *reassembler) emit(d uint8, fr fragment) {
	ra.s.Chunks = append(ra.s.Chunks, Chunk{Packet: fr.packet, Off: fr.off, Len: fr.len, Seq: fr.seq, Dir: d, Kind: Data})
	ra.s.Bytes[d] += int64(fr.len)
}

// drop removes held-back segment k, keeping arrival order (Wireshark scans
// its list in that order, which decides ties).
func (ra *reassembler) drop(d uint8, k int) {
	q := ra.pending[d]
	copy(q[k:], q[k+1:])
	ra.pending[d] = q[:len(q)-1]
}
