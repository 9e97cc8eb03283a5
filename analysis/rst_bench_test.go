package analysis

import (
	"encoding/binary"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/ladder-dev/ladder/decode"
)

// writeLabRepeated writes a raw-IPv4 pcap of about n packets made by
// repeating the packets of the IPv4 lab captures, shifting both TCP ports
// on each repetition so every copy is a new conversation. With resets,
// every flow ends in resets, the explainer's worst case; without, the
// resets are left out, as in the usual capture. Only the count is scaled.
func writeLabRepeated(tb testing.TB, n int, resets bool) string {
	tb.Helper()
	type pkt struct {
		ts   int64
		data []byte
	}
	var pkts []pkt
	files, _ := filepath.Glob("../testdata/lab/*.pcap")
	for _, file := range files {
		if strings.Contains(file, "-eth") || strings.Contains(file, "-v6") {
			continue
		}
		src, err := decode.Open(file)
		if err != nil {
			tb.Fatal(err)
		}
		var rec decode.Record
		var first int64
		for {
			if err := src.Next(&rec); err != nil {
				if !errors.Is(err, io.EOF) {
					tb.Fatal(err)
				}
				break
			}
			if first == 0 {
				first = rec.Time
			}
			if ihl := int(rec.Data[0]&0x0f) * 4; !resets && len(rec.Data) > ihl+13 && rec.Data[ihl+13]&0x04 != 0 {
				continue
			}
			pkts = append(pkts, pkt{rec.Time - first, append([]byte(nil), rec.Data...)})
		}
		src.Close()
	}
	path := filepath.Join(tb.TempDir(), "lab-repeated.pcap")
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	hdr := make([]byte, 24)
	binary.LittleEndian.PutUint32(hdr[0:], 0xa1b2c3d4)
	binary.LittleEndian.PutUint16(hdr[4:], 2)
	binary.LittleEndian.PutUint16(hdr[6:], 4)
	binary.LittleEndian.PutUint32(hdr[16:], 65535)
	binary.LittleEndian.PutUint32(hdr[20:], 101)
	w := make([]byte, 0, 1<<20)
	w = append(w, hdr...)
	buf := make([]byte, 2048)
	for rep, written := 0, 0; written < n; rep++ {
		for _, p := range pkts {
			b := buf[:len(p.data)]
			copy(b, p.data)
			if ihl := int(b[0]&0x0f) * 4; len(b) >= ihl+4 {
				for _, off := range []int{ihl, ihl + 2} {
					port := binary.BigEndian.Uint16(b[off:])
					binary.BigEndian.PutUint16(b[off:], port+uint16(rep))
				}
			}
			ts := int64(rep)*4e9 + p.ts
			var rh [16]byte
			binary.LittleEndian.PutUint32(rh[0:], uint32(1700000000+ts/1e9))
			binary.LittleEndian.PutUint32(rh[4:], uint32(ts%1e9/1000))
			binary.LittleEndian.PutUint32(rh[8:], uint32(len(b)))
			binary.LittleEndian.PutUint32(rh[12:], uint32(len(b)))
			w = append(append(w, rh[:]...), b...)
			if len(w) > 1<<19 {
				if _, err := f.Write(w); err != nil {
					tb.Fatal(err)
				}
				w = w[:0]
			}
			written++
		}
	}
	if _, err := f.Write(w); err != nil {
		tb.Fatal(err)
	}
	return path
}

// BenchmarkExplainResetsSeed is the cost of explaining the seed capture's
// three resets, text included.
func BenchmarkExplainResetsSeed(b *testing.B) {
	idx := loadIndex(b, "../testdata/lab/seed.pcap")
	resets := len(ExplainResets(idx))
	b.ReportAllocs()
	cpu0 := cpuTime()
	b.ResetTimer()
	for b.Loop() {
		ExplainResets(idx)
	}
	b.StopTimer()
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*resets), "ns/rst")
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N*resets), "cpu-ns/rst")
}

// BenchmarkExplainResetsMillion explains about a million packets in which
// every flow ends in resets (about one packet in seven is a reset).
func BenchmarkExplainResetsMillion(b *testing.B) {
	benchMillion(b, true)
}

// BenchmarkExplainResetsMillionNone is the same capture without its
// resets: the cost of finding that there is nothing to explain.
func BenchmarkExplainResetsMillionNone(b *testing.B) {
	benchMillion(b, false)
}

func benchMillion(b *testing.B, resets bool) {
	idx := loadIndex(b, writeLabRepeated(b, 1_000_000, resets))
	n := len(ExplainResets(idx))
	b.ReportAllocs()
	cpu0 := cpuTime()
	b.ResetTimer()
	for b.Loop() {
		ExplainResets(idx)
	}
	b.StopTimer()
	cpu := cpuTime() - cpu0
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*idx.Len()), "ns/pkt")
	// CPU time is reported too: on a shared, loaded machine wall time
	// mostly measures the other processes.
	b.ReportMetric(float64(cpu)/float64(b.N*idx.Len()), "cpu-ns/pkt")
	if n > 0 {
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/rst")
	}
}

// cpuTime is the process's user and system CPU time in nanoseconds.
func cpuTime() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
