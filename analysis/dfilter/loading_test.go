package dfilter

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/ladder-dev/ladder/decode"
)

// trickle opens file through a named pipe fed in small pieces, so the
// index returned is still loading while a test reads it (as a capture
// piped from tcpdump is).
func trickle(t *testing.T, file string) *decode.Index {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(t.TempDir(), "capture")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	go func() {
		w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		defer w.Close()
		for off := 0; off < len(data); off += 256 {
			if _, err := w.Write(data[off:min(off+256, len(data))]); err != nil {
				return
			}
			time.Sleep(100 * time.Microsecond)
		}
	}()
	src, err := decode.Open(fifo)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { src.Close() })
	return decode.Start(src)
}

// TestMatcherWhileLoading runs filters on flow fields (stream numbers,
// relative sequence numbers, scaled windows, HTTP over TCP reassembly)
// packet by packet as the loader publishes them, and checks each packet's
// verdict is the one the same filter gives once the capture has loaded
// (which TestFiltersMatchTshark holds to tshark). The UI filters this way
// while a capture loads. Under go test -race it also fails if the matcher
// reads a flow record the loader is writing (as it did through
// Index.Flows before flows were handed out as snapshots).
func TestMatcherWhileLoading(t *testing.T) {
	const file = "../../testdata/app/seladb__PcapPlusPlus__Tests__ExamplesTest__pcap_examples__http-packets2.pcap"
	src, err := decode.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	loaded := decode.Load(src)
	for _, expr := range []string{
		"tcp.stream == 3",
		"tcp.seq == 1 && tcp.ack == 1",
		"tcp.window_size > 30000",
		"tcp.ack > 1000 || udp.stream == 0",
		"http.request",
		"http && tcp.len > 100",
		"http.response.code == 200",
	} {
		t.Run(expr, func(t *testing.T) {
			flt, err := Compile(expr, Fields())
			if err != nil {
				t.Fatal(err)
			}
			want := flt.Matcher(loaded, nil)
			x := trickle(t, file)
			// Meanwhile another matcher re-filters what is published so
			// far, over and over (as the UI does when the filter changes
			// while a capture loads), so matching overlaps the loader's
			// writes however the two goroutines are scheduled.
			rescans := make(chan int)
			go func() {
				n := 0
				defer func() { rescans <- n }()
				for {
					select {
					case <-x.Done():
						return
					default:
					}
					again := flt.Matcher(x, nil)
					for i := range x.Len() {
						again.Match(i)
					}
					n++
				}
			}()
			m := flt.Matcher(x, nil)
			matched, during := 0, 0
			for next := 0; ; {
				n := x.WaitLen(next)
				if n <= next {
					break
				}
				select {
				case <-x.Done():
				default:
					during += n - next
				}
				for ; next < n; next++ {
					got := m.Match(next)
					if got != want.Match(next) {
						t.Errorf("frame %d: %v while loading, %v after", next+1, got, !got)
					}
					if got {
						matched++
					}
				}
			}
			n := <-rescans
			if x.Len() != loaded.Len() {
				t.Fatalf("%d packets through the pipe, %d from the file", x.Len(), loaded.Len())
			}
			if matched == 0 {
				t.Errorf("no packet matched: the comparison proves nothing")
			}
			t.Logf("%d matched; %d packets judged before loading ended; %d rescans meanwhile", matched, during, n)
		})
	}
}
