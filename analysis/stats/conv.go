package stats

import (
	"sort"

	"github.com/ladder-dev/ladder/decode"
)

// Conversation is one row of tshark -z conv,tcp or conv,udp. A is the
// sender of the conversation's first packet, as in Wireshark.
type Conversation struct {
	Stream   int // tcp.stream or udp.stream
	A, B     decode.Endpoint
	FramesAB int // A to B (tshark's "->" column)
	BytesAB  int64
	FramesBA int // B to A (tshark's "<-" column)
	BytesBA  int64
	Start    int64 // first packet, ns after the capture's first packet
	Duration int64 // ns from first to last packet
}

// Frames and Bytes are the totals of both directions.
func (c *Conversation) Frames() int  { return c.FramesAB + c.FramesBA }
func (c *Conversation) Bytes() int64 { return c.BytesAB + c.BytesBA }

// Conversations lists the conversations of one transport (TCP or UDP),
// most frames first as tshark sorts them, ties in order of first
// appearance. Wireshark 4.0 keys TCP conversations by tcp.stream, so a
// reused port pair is a new row; UDP by the address and port pair, which
// is how udp.stream is numbered too.
func Conversations(idx *decode.Index, proto decode.Proto) []Conversation {
	var t0 int64
	if idx.Len() > 0 {
		t0 = idx.Packet(0).Time
	}
	var rows []Conversation
	for _, f := range idx.Flows() {
		if f.Proto != proto || len(f.Frames) == 0 {
			continue
		}
		first := idx.Packet(int(f.Frames[0]))
		c := Conversation{
			Stream: f.Stream,
			A:      decode.Endpoint{Addr: first.Src, Port: first.SrcPort},
			B:      decode.Endpoint{Addr: first.Dst, Port: first.DstPort},
			Start:  f.First - t0, Duration: f.Duration(),
		}
		// Flow counts are per client/server direction; A is direction
		// first.Dir.
		a, b := first.Dir&1, first.Dir&1^1
		c.FramesAB, c.BytesAB = f.Packets[a], f.Bytes[a]
		c.FramesBA, c.BytesBA = f.Packets[b], f.Bytes[b]
		rows = append(rows, c)
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].Frames() > rows[j].Frames() })
	return rows
}
