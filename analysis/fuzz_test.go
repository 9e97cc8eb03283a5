package analysis

import (
	"encoding/binary"
	"testing"

	"github.com/ladder-dev/ladder/decode"
)

// fuzzSegs turns fuzzer bytes into up to 64 segments of one two-endpoint
// exchange, 13 bytes each: flags, time step, seq, ack, length, TTL, IP ID.
func fuzzSegs(data []byte) []seg {
	const size = 13
	var segs []seg
	ms := 0.0
	for len(data) >= size && len(segs) < 64 {
		d := data[:size]
		data = data[size:]
		var flags string
		for bit, c := range "FSRPAX" {
			if d[0]&(1<<bit) != 0 {
				flags += string(c)
			}
		}
		ms += float64(d[1]) / 4
		segs = append(segs, seg{
			ms: ms, toServer: d[0]&0x80 != 0, flags: flags,
			seq: binary.BigEndian.Uint32(d[2:]), ack: binary.BigEndian.Uint32(d[6:]),
			len: int(d[10] % 64), ttl: d[11], id: uint16(d[12]) << 4, zeroID: d[12] == 0xff, ts: d[0]&0x40 != 0,
		})
	}
	return segs
}

// FuzzAnalyze runs the TCP analysis over arbitrary segment sequences of one
// connection (any flags, sequence numbers near wraparound, duplicates,
// resets in both directions) and queries every result: it must never
// panic, and it must judge exactly the TCP packets.
func FuzzAnalyze(f *testing.F) {
	f.Add([]byte("\x02\x00\x00\x00\x10\x00\x00\x00\x00\x00\x00\x00\x40\x14\x01\x00\x00\x00\x11\x00\x00\x00\x00\x00\x40\x00"))
	f.Add([]byte("\x92\x01\xff\xff\xff\xf0\x00\x00\x00\x00\x05\x40\x01\x12\x01\x00\x00\x00\x01\xff\xff\xff\xf1\x00\x40\x02\x90\x02\xff\xff\xff\xf1\x00\x00\x00\x01\x20\x40\x03"))
	f.Fuzz(func(t *testing.T, data []byte) {
		segs := fuzzSegs(data)
		if len(segs) == 0 {
			return
		}
		idx := loadIndex(t, writeSegs(t, segs))
		r := Analyze(idx)
		if r.Len() != idx.Len() {
			t.Fatalf("analysed %d packets of %d", r.Len(), idx.Len())
		}
		var notes []Note
		for i := range idx.Len() {
			p := idx.Packet(i)
			if !p.IsTCP() && (r.Flags(i) != 0 || r.Labels(i) != "") {
				t.Fatalf("packet %d is not TCP but has flags %v", i+1, r.Flags(i))
			}
			notes = r.Notes(i, notes[:0])
			r.DupAck(i)
			r.AckRTT(i)
			r.BytesInFlight(i)
			if p.Flags&decode.FlagRST != 0 {
				r.BeforeRST(i)
			}
		}
		for fi := range idx.Flows() {
			r.Conn(fi)
		}
	})
}
