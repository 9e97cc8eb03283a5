package analysis

import (
	"encoding/binary"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/ladder-dev/ladder/decode"
)

// benchCapture is a real Ethernet/IPv4 capture rich in analysis flags
// (retransmissions, duplicate ACKs, lost segments, window updates).
const benchCapture = "../testdata/corpus/zeek-tcprs__testing__btest__Traces__tcp__composite__comp008.trace"

// writeRepeated writes a pcap of n packets made by repeating benchCapture,
// moving each repetition to new TCP ports so every copy is a new
// connection. The packet mix is real; only the count is scaled.
func writeRepeated(b *testing.B, n int) string {
	b.Helper()
	src, err := decode.Open(benchCapture)
	if err != nil {
		b.Fatal(err)
	}
	defer src.Close()
	type pkt struct {
		ts   int64
		data []byte
	}
	var pkts []pkt
	var rec decode.Record
	for {
		if err := src.Next(&rec); err != nil {
			if !errors.Is(err, io.EOF) {
				b.Fatal(err)
			}
			break
		}
		pkts = append(pkts, pkt{rec.Time, append([]byte(nil), rec.Data...)})
	}
	out := make([]byte, 24, 24+n*80)
	binary.LittleEndian.PutUint32(out, 0xa1b23c4d) // nanosecond pcap
	binary.LittleEndian.PutUint16(out[4:], 2)
	binary.LittleEndian.PutUint16(out[6:], 4)
	binary.LittleEndian.PutUint32(out[16:], 65535)
	binary.LittleEndian.PutUint32(out[20:], 1) // Ethernet
	span := pkts[len(pkts)-1].ts - pkts[0].ts + 1e9
	for rep := 0; n > 0; rep++ {
		for _, p := range pkts {
			if n == 0 {
				break
			}
			n--
			data := append([]byte(nil), p.data...)
			// Ethernet (14) + IPv4 header (IHL words): shift both ports.
			if len(data) > 14+20 && data[12] == 0x08 && data[13] == 0x00 {
				tcp := 14 + int(data[14]&0x0f)*4
				if len(data) >= tcp+4 {
					for _, off := range []int{tcp, tcp + 2} {
						port := binary.BigEndian.Uint16(data[off:])
						binary.BigEndian.PutUint16(data[off:], port+uint16(rep*7))
					}
				}
			}
			ts := p.ts + int64(rep)*span
			var rh [16]byte
			binary.LittleEndian.PutUint32(rh[0:], uint32(ts/1e9))
			binary.LittleEndian.PutUint32(rh[4:], uint32(ts%1e9))
			binary.LittleEndian.PutUint32(rh[8:], uint32(len(data)))
			binary.LittleEndian.PutUint32(rh[12:], uint32(len(data)))
			out = append(append(out, rh[:]...), data...)
		}
	}
	name := filepath.Join(b.TempDir(), "repeated.pcap")
	if err := os.WriteFile(name, out, 0o600); err != nil {
		b.Fatal(err)
	}
	return name
}

// BenchmarkAnalyze measures the analysis pass alone (the index is loaded
// once) over a million packets, reporting the cost per packet.
func BenchmarkAnalyze(b *testing.B) {
	const n = 1 << 20
	src, err := decode.Open(writeRepeated(b, n))
	if err != nil {
		b.Fatal(err)
	}
	defer src.Close()
	idx := decode.Load(src)
	if idx.Len() != n {
		b.Fatalf("indexed %d packets, want %d", idx.Len(), n)
	}
	b.ReportAllocs()
	var res *Result
	for b.Loop() {
		res = Analyze(idx)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/packet")
	if res.Len() != n {
		b.Fatalf("analysed %d packets", res.Len())
	}
}
