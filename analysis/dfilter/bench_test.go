package dfilter_test

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"

	"github.com/ladder-dev/ladder/analysis/dfilter"
	"github.com/ladder-dev/ladder/decode"
)

// synthIndex writes a pcap of n copies of one real TCP packet (frame 9 of
// the Wikipedia capture, a SYN to port 80) with the source port varied per
// packet, and indexes it. The file lives in a temporary directory.
func synthIndex(tb testing.TB, n int) *decode.Index {
	tb.Helper()
	src, err := decode.Open("../../testdata/" + wiki)
	if err != nil {
		tb.Fatal(err)
	}
	real := decode.Load(src)
	pkt, err := real.Data(8, nil)
	if err != nil {
		tb.Fatal(err)
	}
	const portOff = 14 + 20 // Ethernet + IPv4 without options
	if pkt[12] != 0x08 || pkt[13] != 0x00 || pkt[14] != 0x45 || pkt[23] != 6 {
		tb.Fatal("frame 9 is not Ethernet/IPv4/TCP without IP options")
	}
	name := filepath.Join(tb.TempDir(), "synth.pcap")
	f, err := os.Create(name)
	if err != nil {
		tb.Fatal(err)
	}
	hdr := make([]byte, 24)
	binary.LittleEndian.PutUint32(hdr[0:], 0xa1b2c3d4)
	binary.LittleEndian.PutUint16(hdr[4:], 2)
	binary.LittleEndian.PutUint16(hdr[6:], 4)
	binary.LittleEndian.PutUint32(hdr[16:], 65535)
	binary.LittleEndian.PutUint32(hdr[20:], 1)
	buf := append([]byte(nil), hdr...)
	rec := make([]byte, 16+len(pkt))
	for i := range n {
		binary.LittleEndian.PutUint32(rec[0:], uint32(1_300_000_000+i/1000))
		binary.LittleEndian.PutUint32(rec[4:], uint32(i%1000*1000))
		binary.LittleEndian.PutUint32(rec[8:], uint32(len(pkt)))
		binary.LittleEndian.PutUint32(rec[12:], uint32(len(pkt)))
		copy(rec[16:], pkt)
		binary.BigEndian.PutUint16(rec[16+portOff:], uint16(1024+i%60000))
		buf = append(buf, rec...)
		if len(buf) > 1<<20 {
			if _, err := f.Write(buf); err != nil {
				tb.Fatal(err)
			}
			buf = buf[:0]
		}
	}
	if _, err := f.Write(buf); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
	s, err := decode.Open(name)
	if err != nil {
		tb.Fatal(err)
	}
	idx := decode.Load(s)
	if idx.Err() != nil || idx.Len() != n {
		tb.Fatalf("synthetic capture: %d packets, %v", idx.Len(), idx.Err())
	}
	return idx
}

// BenchmarkFilter1M applies filters on indexed fields to a 1M-packet index;
// one iteration is one pass over every packet. The budget is 0.3 s
// per pass.
func BenchmarkFilter1M(b *testing.B) {
	idx := synthIndex(b, 1_000_000)
	for _, tc := range []struct{ name, expr string }{
		{"port", "tcp.port == 80"},
		{"port-set-and-flags", "tcp.srcport in {2000..3000, 5000} && tcp.flags.syn == 1 && tcp.flags.ack == 0"},
		{"cidr-and-stream", "ip.addr == 208.80.152.0/24 and tcp.stream > 30000"},
		{"seq-window-time", "tcp.seq == 0 and tcp.window_size >= 5840 and frame.time_relative < 500"},
	} {
		f, err := dfilter.Compile(tc.expr, dfilter.Fields())
		if err != nil {
			b.Fatal(err)
		}
		if !f.Indexed() {
			b.Fatalf("%s reads packet bytes", tc.expr)
		}
		b.Run(tc.name, func(b *testing.B) {
			m := f.Matcher(idx, nil)
			n := idx.Len()
			b.ReportAllocs()
			// CPU time of this thread, reported beside wall time: on a
			// shared machine the wall clock measures the neighbours too.
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			cpu0 := threadCPU(b)
			for b.Loop() {
				hits := 0
				for i := range n {
					if m.Match(i) {
						hits++
					}
				}
				if hits == 0 {
					b.Fatal("no packet matched")
				}
			}
			b.ReportMetric(float64(threadCPU(b)-cpu0)/float64(b.N)/1e6, "cpu-ms/pass")
		})
	}
}

// threadCPU is the user+system CPU time of the calling OS thread in ns
// (Linux RUSAGE_THREAD).
func threadCPU(tb testing.TB) int64 {
	const rusageThread = 1
	var ru syscall.Rusage
	if err := syscall.Getrusage(rusageThread, &ru); err != nil {
		tb.Fatal(err)
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
