package decode

import (
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// raceCapture has 222 packets in 9 TCP connections (HTTP, some with window
// scaling), enough flows for readers to meet the loader on one it is
// writing.
const raceCapture = "../testdata/app/seladb__PcapPlusPlus__Tests__ExamplesTest__pcap_examples__http-packets2.pcap"

// readFlows reads every field of every flow the index hands out, the way
// the views, the analysis and the display filters do, and checks what
// they read is one consistent state: a flow's packet count is its frame
// count (the loader changes both in the same step), and its frames are
// ascending packets of that flow, published. Under -race it is also the
// test that no reader shares memory with the loader's writes.
func readFlows(t *testing.T, x *Index, window bool, snaps []Flow, into *Flow) []Flow {
	check := func(f *Flow) {
		n := x.Len()
		if !window && f.Packets[0]+f.Packets[1] != len(f.Frames) {
			t.Errorf("flow %d: %d+%d packets but %d frames: not one state", f.ID, f.Packets[0], f.Packets[1], len(f.Frames))
		}
		prev := int32(-1)
		for _, fr := range f.Frames {
			if fr <= prev || int(fr) >= n {
				t.Fatalf("flow %d: frame %d after %d with %d published", f.ID, fr, prev, n)
			}
			prev = fr
			if int(fr) < x.First() {
				continue
			}
			p := x.Packet(int(fr))
			if p.Flow != f.ID {
				t.Fatalf("flow %d lists packet %d of flow %d", f.ID, fr, p.Flow)
			}
			_ = f.WindowSize(int(fr), p) + f.RelSeq(int(fr), p) + f.RelAck(int(fr), p)
		}
		_, _, _ = f.Span()
		_ = f.Duration() + f.Bytes[0] + f.Bytes[1] + int64(len(f.Errors))
		_ = f.Base[0] + f.Base[1]
		_ = f.BaseSet[0] && f.SawSYN
		_ = int32(f.Scale[0]+f.Scale[1]) + f.ScaleFrom[0] + f.ScaleFrom[1]
	}
	for _, f := range x.Flows() {
		check(f)
	}
	if n := x.Len(); n > 0 {
		if f := x.Flow(x.Packet(n - 1)); f != nil {
			check(f)
		}
	}
	var ptrs []*Flow
	snaps, ptrs = x.FlowsSnapshot(snaps, nil)
	for k, f := range ptrs {
		check(f)
		if f := x.FlowAt(k); f != nil {
			check(f)
		}
		if _, ok := x.FlowInto(k, into); ok {
			check(into)
		}
	}
	return snaps
}

// readWhileLoading runs readFlows on two goroutines until x has loaded and
// returns how many passes they made.
func readWhileLoading(t *testing.T, x *Index, window bool) int {
	var passes atomic.Int64
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var snaps []Flow
			var into Flow
			for {
				select {
				case <-x.Done():
					return
				default:
				}
				snaps = readFlows(t, x, window, snaps, &into)
				passes.Add(1)
				time.Sleep(20 * time.Microsecond) // leave the loader the lock now and then
			}
		}()
	}
	wg.Wait()
	return int(passes.Load())
}

// TestFlowsReadWhileFileLoads reads the flows while the loader indexes a
// capture arriving through a pipe in small pieces (as "tcpdump -w - |
// ladder -" feeds it). Under go test -race it fails when any Flow handed
// out is one the loader still writes (as Index.Flows returned before).
func TestFlowsReadWhileFileLoads(t *testing.T) {
	file, err := os.ReadFile(raceCapture)
	if err != nil {
		t.Fatal(err)
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		defer w.Close()
		for off := 0; off < len(file); off += 512 {
			if _, err := w.Write(file[off:min(off+512, len(file))]); err != nil {
				return
			}
			time.Sleep(200 * time.Microsecond)
		}
	}()
	src, err := newSource("pipe", r)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	x := Start(src)
	passes := readWhileLoading(t, x, false)
	x.Wait()
	if x.Len() != 222 || len(x.Flows()) != 9 {
		t.Fatalf("loaded %d packets, %d flows; want 222, 9 (tshark -z conv,tcp)", x.Len(), len(x.Flows()))
	}
	readFlows(t, x, false, nil, new(Flow))
	t.Logf("%d passes over the flows while loading", passes)
}

// trickleLive is a live capture replaying a capture file packet by packet,
// with a ring window that keeps the last keep packets: the capture loop
// (runLive) then both adds packets to flows and trims their frame lists
// (window.go) while readers look.
type trickleLive struct {
	rd   recordReader
	keep int
	offs []int64 // data offsets of the packets read so far
	gone atomic.Int64
}

func (l *trickleLive) next(rec *Record) error {
	if err := l.rd.next(rec); err != nil {
		return err
	}
	l.offs = append(l.offs, rec.DataOffset)
	if n := len(l.offs); n > l.keep {
		l.gone.Store(l.offs[n-l.keep])
	}
	time.Sleep(100 * time.Microsecond)
	return nil
}

func (l *trickleLive) interfaces() []Interface { return l.rd.interfaces() }
func (l *trickleLive) stop()                   {}
func (l *trickleLive) stats() LiveStats        { return LiveStats{Captured: uint64(len(l.offs))} }
func (l *trickleLive) close()                  {}
func (l *trickleLive) windowStart() int64      { return l.gone.Load() }

// TestFlowsReadWhileLiveCaptures reads the flows while a live capture's
// loop adds packets and its ring window evicts the oldest (trimming every
// flow's frame list). Under go test -race it fails when a reader shares a
// Flow with the capture loop.
func TestFlowsReadWhileLiveCaptures(t *testing.T) {
	file, err := Open(raceCapture)
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	live := &trickleLive{rd: file.rd, keep: 60}
	src := &Source{Name: "trickle", rd: live, ra: file.ra, cnt: file.cnt, live: live}
	x := Start(src)
	passes := readWhileLoading(t, x, true)
	x.Wait()
	if x.Len() != 222 || x.First() != 222-60 {
		t.Fatalf("captured %d packets, window from %d; want 222, %d", x.Len(), x.First(), 222-60)
	}
	for _, f := range x.Flows() {
		for _, fr := range f.Frames {
			if int(fr) < x.First() {
				t.Fatalf("flow %d keeps evicted packet %d", f.ID, fr)
			}
		}
	}
	readFlows(t, x, true, nil, new(Flow))
	t.Logf("%d passes over the flows while capturing", passes)
}
