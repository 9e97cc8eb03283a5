package ui

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"

	"github.com/ladder-dev/ladder/decode"
	"github.com/ladder-dev/ladder/ui/diagram"
)

// oneFlowPcap writes a single TCP flow of about n packets built from the
// seed capture's real packets: its handshake (frames 1-3), then the
// client's 1178-byte data segment (frame 4) and the server's ACK (frame 5)
// repeated with advancing sequence and acknowledgement numbers, 100 µs
// apart, and a long idle gap in the middle (folded in the ladder).
func oneFlowPcap(tb testing.TB, n int) string {
	tb.Helper()
	seed, err := os.ReadFile(seedCapture)
	if err != nil {
		tb.Fatal(err)
	}
	var recs [][]byte
	for off := 24; off+16 <= len(seed) && len(recs) < 5; {
		l := int(binary.LittleEndian.Uint32(seed[off+8:]))
		recs = append(recs, append([]byte(nil), seed[off:off+16+l]...))
		off += 16 + l
	}
	out := append([]byte(nil), seed[:24]...)
	t := int64(1_700_000_000) * 1e6 // µs
	put := func(rec []byte) {
		binary.LittleEndian.PutUint32(rec[0:], uint32(t/1e6))
		binary.LittleEndian.PutUint32(rec[4:], uint32(t%1e6))
		out = append(out, rec...)
		t += 100
	}
	for _, r := range recs[:3] {
		put(r)
	}
	data, ack := recs[3], recs[4]
	seq0 := binary.BigEndian.Uint32(data[16+24:])
	for i := range (n - 3) / 2 {
		if i == n/4 {
			t += 30e6 // 30 s idle
		}
		binary.BigEndian.PutUint32(data[16+24:], seq0+uint32(i)*1178)
		put(data)
		binary.BigEndian.PutUint32(ack[16+28:], seq0+uint32(i+1)*1178)
		put(ack)
	}
	path := filepath.Join(tb.TempDir(), "oneflow.pcap")
	if err := os.WriteFile(path, out, 0o644); err != nil {
		tb.Fatal(err)
	}
	return path
}

func loadOneFlow(b *testing.B, n int) (*decode.Index, *findings) {
	src, err := decode.Open(oneFlowPcap(b, n))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { src.Close() })
	idx := decode.Load(src)
	if len(idx.Flows()) != 1 {
		b.Fatalf("%d flows, want 1", len(idx.Flows()))
	}
	return idx, analyze(idx)
}

// BenchmarkLadderBuild100k: laying out a 100k-packet flow, what `l` costs
// before the first draw (one Info row formatted per packet, sorting the
// send and arrival events).
func BenchmarkLadderBuild100k(b *testing.B) {
	idx, f := loadOneFlow(b, 100_000)
	flow := idx.Flows()[0]
	b.ResetTimer()
	for b.Loop() {
		diagram.Build(idx, flow, ladderOptions(f, false, false))
	}
}

// BenchmarkLadderDraw100k: one redraw of the ladder screen (80x24) in the
// middle of a 100k-packet flow, what each j/k costs.
func BenchmarkLadderDraw100k(b *testing.B) {
	idx, f := loadOneFlow(b, 100_000)
	a := New(Config{Capture: idx, NoColor: true})
	s := newSim(b, 80, 24)
	a.SetScreen(s)
	s.SetSize(80, 24)
	a.setFindings(f)
	a.openLadderAt(50_000, viewMain)
	if a.view != viewLadder {
		b.Fatal("ladder did not open")
	}
	b.ResetTimer()
	for b.Loop() {
		a.handleKey(runeKey('j'))
		a.root.Draw(s)
	}
}

// BenchmarkFindings1M: what runs once loading ends on a 1M-packet capture
// (1000 flows): the TCP analysis, the reset explainer, the close of every
// flow and the expert pane's groups.
func BenchmarkFindings1M(b *testing.B) {
	src, err := decode.Open(synthPcap(b, 1_000_000))
	if err != nil {
		b.Fatal(err)
	}
	defer src.Close()
	idx := decode.Load(src)
	b.ResetTimer()
	for b.Loop() {
		analyze(idx)
	}
}
