package decode

import (
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// benchBase is a real capture of several TCP connections with loss and
// retransmissions (zeek-tcprs composite trace, Ethernet/IPv4).
const benchBase = "../testdata/corpus/zeek-tcprs__testing__btest__Traces__tcp__composite__comp008.trace"

var (
	synthOnce sync.Once
	synthPath string
)

// million returns the path of a 1M-packet synthetic capture, made once per
// process. It lives in its own temporary directory, not under b.TempDir:
// that directory is removed when the benchmark's first sizing run ends, and
// with -count or a second benchmark the file was gone ("no such file").
// TestMain removes the directory when the run ends.
func million(b *testing.B) string {
	synthOnce.Do(func() {
		dir, err := os.MkdirTemp("", "ladder-bench-")
		if err != nil {
			b.Fatal(err)
		}
		path := filepath.Join(dir, "ladder-bench-1m.pcap")
		writeSynthetic(b, benchBase, path, 1_000_000)
		synthPath = path
	})
	if synthPath == "" {
		b.Fatal("the 1M-packet capture could not be made")
	}
	return synthPath
}

// TestMain runs the package's tests and benchmarks, then removes the
// benchmark capture made by million.
func TestMain(m *testing.M) {
	code := m.Run()
	if synthPath != "" {
		os.RemoveAll(filepath.Dir(synthPath))
	}
	os.Exit(code)
}

// BenchmarkIndex measures the whole index pass (framing, header walk,
// address interning, flow assignment) over a 1M-packet capture.
func BenchmarkIndex(b *testing.B) {
	path := million(b)
	b.ReportAllocs()
	b.ResetTimer()
	var n int
	for b.Loop() {
		src, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		x := Load(src)
		n = x.Len()
		src.Close()
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "packets/s")
}

// BenchmarkHeadersParse measures the header walk alone on one real packet.
func BenchmarkHeadersParse(b *testing.B) {
	src, err := Open(benchBase)
	if err != nil {
		b.Fatal(err)
	}
	defer src.Close()
	var rec Record
	if err := src.Next(&rec); err != nil {
		b.Fatal(err)
	}
	data := append([]byte(nil), rec.Data...)
	var h Headers
	b.ReportAllocs()
	for b.Loop() {
		h.Parse(LinkEthernet, data, uint32(len(data)))
	}
}

// BenchmarkRow measures building one list row (re-read and re-decode).
func BenchmarkRow(b *testing.B) {
	src, err := Open(benchBase)
	if err != nil {
		b.Fatal(err)
	}
	defer src.Close()
	x := Load(src)
	var buf []byte
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		_, buf = x.Row(i%x.Len(), "", buf)
		i++
	}
}
