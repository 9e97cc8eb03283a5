package vantage

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/ladder-dev/ladder/decode"
)

// FuzzAlign lines up two arbitrary captures, seeded with the lab's
// two-sided pairs (the fuzzer mutates headers, sequence numbers, times,
// lengths; and with the DNS pair, payloads): it must never panic, every
// packet of a TCP connection or UDP conversation of either capture must be
// in one segment of one connection (several only as the whole of pieces
// the other point saw), and the resets and losses must name frames that
// exist.
func FuzzAlign(f *testing.F) {
	names, _ := filepath.Glob(filepath.Join(twosideDir, "*.client.pcap"))
	for _, n := range names {
		a, errA := os.ReadFile(n)
		b, errB := os.ReadFile(n[:len(n)-len("client.pcap")] + "server.pcap")
		if errA != nil || errB != nil {
			f.Fatal(errA, errB)
		}
		f.Add(a, b)
	}
	a, errA := os.ReadFile(filepath.Join(twosideDir, "udp", "dns.client.pcap"))
	b, errB := os.ReadFile(filepath.Join(twosideDir, "udp", "dns.server.pcap"))
	if errA != nil || errB != nil {
		f.Fatal(errA, errB)
	}
	f.Add(a, b)
	f.Fuzz(func(t *testing.T, a, b []byte) {
		dir := t.TempDir()
		var caps [2]Capture
		for k, data := range [][]byte{a, b} {
			name := filepath.Join(dir, []string{"a.pcap", "b.pcap"}[k])
			if err := os.WriteFile(name, data, 0o644); err != nil {
				t.Fatal(err)
			}
			src, err := decode.Open(name)
			if err != nil {
				return // not a capture: nothing to align
			}
			defer src.Close()
			caps[k] = Capture{Name: name, Idx: decode.Load(src)}
		}
		p := Align(caps[0], caps[1])
		for c := range 2 {
			idx := caps[c].Idx
			seen := make([]int, idx.Len())
			for _, cn := range p.Conns {
				for _, s := range cn.Segs {
					if s.Pkt[c] >= 0 {
						if seen[s.Pkt[c]] > 0 && (s.Fate != Both || s.Pkt[1-c] < 0) {
							// Only a segment the other point saw in
							// pieces (offload) is in several.
							t.Fatalf("capture %d packet %d is in several segments, one not a piece seen at both points", c, s.Pkt[c]+1)
						}
						seen[s.Pkt[c]]++
					}
				}
			}
			flows := idx.Flows()
			for i := range idx.Len() {
				pk := idx.Packet(i)
				want := 0
				if pk.Flow >= 0 && (pk.IsTCP() || int(pk.Flow) < len(flows) && flows[pk.Flow].Proto == decode.ProtoUDPPacket) {
					want = 1
				}
				if min(seen[i], 1) != want {
					t.Fatalf("capture %d packet %d (tcp %v, flow %d) is in %d segments", c, i+1, pk.IsTCP(), pk.Flow, seen[i])
				}
			}
		}
		for _, r := range p.Resets() {
			for _, s := range r.SeenIn {
				if s.Frame < 1 || s.Frame > caps[s.Capture].Idx.Len() {
					t.Fatalf("reset seen in frame %d of capture %d", s.Frame, s.Capture)
				}
			}
		}
		for _, l := range p.Losses() {
			if l.At.Frame < 1 || l.At.Frame > caps[l.At.Capture].Idx.Len() {
				t.Fatalf("loss at frame %d of capture %d", l.At.Frame, l.At.Capture)
			}
		}
	})
}
