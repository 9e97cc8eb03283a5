package ui

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/ladder-dev/ladder/decode"
)

// synthPcap writes a pcap of n packets made from one real packet of
// testdata/lab/seed.pcap (frame 3, an ACK over raw IP), repeated with
// incrementing sequence numbers and a new client port every 1000 packets,
// so the index holds n/1000 flows as a long capture would.
func synthPcap(tb testing.TB, n int) string {
	tb.Helper()
	seed, err := os.ReadFile("../testdata/lab/seed.pcap")
	if err != nil {
		tb.Fatal(err)
	}
	// Walk to frame 3: 24-byte file header, then 16-byte record headers.
	off := 24
	for range 2 {
		off += 16 + int(binary.LittleEndian.Uint32(seed[off+8:]))
	}
	capLen := int(binary.LittleEndian.Uint32(seed[off+8:]))
	rec := append([]byte(nil), seed[off:off+16+capLen]...)
	pkt := rec[16:]
	path := filepath.Join(tb.TempDir(), "synth.pcap")
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := make([]byte, 0, 1<<20)
	w = append(w, seed[:24]...)
	for i := range n {
		binary.LittleEndian.PutUint32(rec[0:], uint32(1_700_000_000+i/100_000))
		binary.LittleEndian.PutUint32(rec[4:], uint32(i%100_000*10))
		binary.BigEndian.PutUint16(pkt[20:], uint16(20000+i/1000))    // client port
		binary.BigEndian.PutUint32(pkt[24:], uint32(1000+i%1000*100)) // seq
		w = append(w, rec...)
		if len(w) > 1<<20-len(rec) {
			if _, err := f.Write(w); err != nil {
				tb.Fatal(err)
			}
			w = w[:0]
		}
	}
	if _, err := f.Write(w); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
	return path
}

// cpuTime is the process's user+system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkListDraw1M draws one 80x24 screen of the packet list of a
// 1M-packet capture, at a different place each time (no row is cached).
// It also reports the time from opening the file to the first drawn
// screen, with loading still under way.
func BenchmarkListDraw1M(b *testing.B) {
	const n = 1_000_000
	synthPath := synthPcap(b, n)

	start := time.Now()
	src, err := decode.Open(synthPath)
	if err != nil {
		b.Fatal(err)
	}
	defer src.Close()
	idx := decode.Start(src)
	s := newSim(b, 80, 24)
	l := newPacketList(idx, noAnnotations{}, newTheme(color256))
	l.SetRect(0, 0, 80, 24)
	for idx.Len() == 0 {
		time.Sleep(10 * time.Microsecond)
	}
	l.Draw(s)
	s.Show()
	first := time.Since(start)
	idx.Wait()
	loaded := time.Since(start)
	if idx.Len() != n {
		b.Fatalf("indexed %d packets, want %d", idx.Len(), n)
	}
	cpu0 := cpuTime()
	b.ResetTimer()
	for i := range b.N {
		l.select_(i * 7919 % n)
		l.Draw(s)
	}
	b.StopTimer()
	// CPU time per redraw as well as wall time: on a shared, loaded machine
	// the wall time mostly measures waiting for a CPU.
	b.ReportMetric(float64((cpuTime()-cpu0).Nanoseconds())/float64(b.N), "cpu-ns/op")
	// Reported after the loop: ResetTimer drops metrics reported before it.
	b.ReportMetric(float64(first.Microseconds())/1000, "ms-to-first-screen")
	b.ReportMetric(float64(loaded.Milliseconds()), "ms-to-load-1M")
}

// BenchmarkFilterScan1M runs the display filter tcp.stream == 500 over every
// packet of a loaded 1M-packet index, as the filter goroutine does.
func BenchmarkFilterScan1M(b *testing.B) {
	const n = 1_000_000
	src, err := decode.Open(synthPcap(b, n))
	if err != nil {
		b.Fatal(err)
	}
	defer src.Close()
	idx := decode.Load(src)
	f, err := displayFilters(idx, new(atomic.Pointer[findings]))("tcp.stream == 500")
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		matched := 0
		for i := range n {
			if f.Match(i) {
				matched++
			}
		}
		if matched != 1000 { // 1000 packets per client port, hand-checked from synthPcap
			b.Fatalf("matched %d, want 1000", matched)
		}
	}
}
