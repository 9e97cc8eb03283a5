package stats

import (
	"github.com/ladder-dev/ladder/decode"
)

// Bucket is one interval of the I/O series.
type Bucket struct {
	Frames int
	Bytes  int64
	Resets int // TCP segments with RST
	Notes  int // packets with a warning-level expert note (other than RST)
}

// Series is packets and bytes per interval, like Wireshark's I/O graph,
// with resets and expert notes counted per interval so a chart can mark
// them on the time axis.
type Series struct {
	Start    int64 // Unix ns of the first packet (start of bucket 0)
	Interval int64 // ns per bucket
	Buckets  []Bucket
}

// MaxBuckets bounds the series: a capture spanning years at a 1 ms
// interval must not allocate billions of buckets. IO widens the interval
// (doubling it) until the span fits.
const MaxBuckets = 1 << 20

// IO builds the series with the given interval (ns, > 0). noted reports
// whether packet i carries a warning-level expert note; it may be nil.
// Packets without a timestamp (pcapng simple packet blocks) and custom
// blocks are not counted.
func IO(idx *decode.Index, interval int64, noted func(i int) bool) Series {
	s := Series{Interval: max(interval, 1)}
	n := idx.Len()
	first, last, any := int64(0), int64(0), false
	for i := idx.First(); i < n; i++ { // a live ring's window
		p := idx.Packet(i)
		if !timed(p) {
			continue
		}
		if !any || p.Time < first {
			first = p.Time
		}
		if !any || p.Time > last {
			last = p.Time
		}
		any = true
	}
	if !any {
		return s
	}
	for (last-first)/s.Interval >= MaxBuckets {
		s.Interval *= 2
	}
	s.Start = first
	s.Buckets = make([]Bucket, (last-first)/s.Interval+1)
	for i := idx.First(); i < n; i++ { // a live ring's window
		p := idx.Packet(i)
		if !timed(p) {
			continue
		}
		b := &s.Buckets[(p.Time-first)/s.Interval]
		b.Frames++
		b.Bytes += int64(p.OrigLen)
		if p.IsTCP() && p.Flags&decode.FlagRST != 0 {
			b.Resets++
		} else if noted != nil && noted(i) {
			b.Notes++
		}
	}
	return s
}

func timed(p *decode.Packet) bool {
	return p.Proto != decode.ProtoBlock && p.Bad&decode.BadNoTime == 0
}
