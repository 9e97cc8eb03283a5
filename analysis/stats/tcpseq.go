package stats

import (
	"github.com/ladder-dev/ladder/decode"
)

// SegmentKind classifies a point of the time-sequence graph.
type SegmentKind uint8

const (
	SegData       SegmentKind = iota // a segment carrying data (or SYN/FIN, which take a sequence number)
	SegRetransmit                    // judged a retransmission by the TCP analysis
	SegReset                         // a RST from the sender
)

// Segment is one segment of the followed direction: a vertical bar from
// Seq to End (relative sequence numbers) at Time.
type Segment struct {
	Packet   int   // packet index
	Time     int64 // ns after the flow's first packet
	Seq, End uint32
	Kind     SegmentKind
}

// Ack is one ACK from the receiving direction: the acknowledged sequence
// number and the right edge of the advertised window (Ack + scaled window).
type Ack struct {
	Packet int
	Time   int64
	Ack    uint32
	Window uint32 // right window edge, a sequence number
	Reset  bool   // a RST from the receiver
}

// TimeSequence is the Stevens graph of one direction of a TCP flow:
// sequence numbers sent against time, the ACK line and the window line from
// the other side, retransmissions and resets marked.
type TimeSequence struct {
	Stream   int
	Dir      uint8 // direction followed: 0 client to server
	Segments []Segment
	Acks     []Ack
	Duration int64 // ns from the flow's first to last packet
}

// MaxSeq is the highest sequence number in the graph (segment ends and
// window edges), for scaling an axis.
func (ts *TimeSequence) MaxSeq() uint32 {
	var m uint32
	for _, s := range ts.Segments {
		m = max(m, s.End)
	}
	for _, a := range ts.Acks {
		m = max(m, a.Window, a.Ack)
	}
	return m
}

// DataDirection is the direction of f that sent more payload bytes (the
// one a time-sequence graph usually follows), client to server on a tie.
func DataDirection(idx *decode.Index, f *decode.Flow) uint8 {
	var sent [2]int64
	for _, i := range f.Frames {
		p := idx.Packet(int(i))
		sent[p.Dir&1] += int64(p.PayloadLen)
	}
	if sent[1] > sent[0] {
		return 1
	}
	return 0
}

// TCPTimeSequence builds the graph for direction dir of TCP flow f.
// retransmitted reports whether the TCP analysis judged packet i a
// retransmission (any kind); it may be nil, and then none is marked.
// Sequence and acknowledgement numbers are relative, as Wireshark shows
// them.
func TCPTimeSequence(idx *decode.Index, f *decode.Flow, dir uint8, retransmitted func(i int) bool) *TimeSequence {
	ts := &TimeSequence{Stream: f.Stream, Dir: dir, Duration: f.Duration()}
	for _, pi := range f.Frames {
		i := int(pi)
		p := idx.Packet(i)
		if !p.IsTCP() {
			continue
		}
		t := p.Time - f.First
		if p.Dir == dir {
			seq := f.RelSeq(i, p)
			end := seq + uint32(p.PayloadLen)
			if p.Flags&(decode.FlagSYN|decode.FlagFIN) != 0 {
				end++
			}
			kind := SegData
			switch {
			case p.Flags&decode.FlagRST != 0:
				kind = SegReset
			case retransmitted != nil && retransmitted(i):
				kind = SegRetransmit
			case end == seq:
				continue // a pure ACK from the sender: nothing on this axis
			}
			ts.Segments = append(ts.Segments, Segment{Packet: i, Time: t, Seq: seq, End: end, Kind: kind})
			continue
		}
		a := Ack{Packet: i, Time: t, Reset: p.Flags&decode.FlagRST != 0}
		switch {
		case p.Flags&decode.FlagACK != 0:
			a.Ack = f.RelAck(i, p)
			a.Window = a.Ack + f.WindowSize(i, p)
		case a.Reset && len(ts.Acks) > 0:
			// A RST without ACK carries no acknowledgement: keep the lines level.
			a.Ack, a.Window = ts.Acks[len(ts.Acks)-1].Ack, ts.Acks[len(ts.Acks)-1].Window
		case !a.Reset:
			continue
		}
		ts.Acks = append(ts.Acks, a)
	}
	return ts
}
