package ui

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/ladder-dev/ladder/analysis"
	"github.com/ladder-dev/ladder/analysis/dfilter"
	"github.com/ladder-dev/ladder/decode"
)

// arpCapture is a pcap (Ethernet) of rounds of five frames: an ARP
// request, a RARP request (EtherType 0x8035, opcode 3), a TCP SYN, the same
// SYN again (a retransmission), and a RARP reply (opcode 4); each round's
// TCP connection has its own client port. tshark 4.0 matches frames 1, 2
// and 5 of each round with "arp" (its ARP dissector takes RARP), 3 and 4
// with "tcp", 4 with "tcp.analysis.retransmission", and frames 1, 2, 5, 38
// and 39 with "tcp.stream == 7 || arp && frame.number < 6" (checked on a
// file written by this function, 10 rounds).
func arpCapture(rounds int) []byte {
	mac := func(b byte) []byte { return []byte{0x02, 0, 0, 0, 0, b} }
	eth := func(dst, src []byte, typ uint16) []byte {
		return binary.BigEndian.AppendUint16(append(slices.Clone(dst), src...), typ)
	}
	arp := func(op uint16, sha, spa, tha, tpa []byte) []byte {
		b := []byte{0, 1, 8, 0, 6, 4}
		b = binary.BigEndian.AppendUint16(b, op)
		return append(append(append(append(b, sha...), spa...), tha...), tpa...)
	}
	bcast := []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}
	ip1, ip2, zero := []byte{10, 0, 0, 1}, []byte{10, 0, 0, 2}, []byte{0, 0, 0, 0}
	syn := func(port uint16) []byte {
		ip := []byte{0x45, 0, 0, 40, 0, 1, 0, 0, 64, 6, 0, 0}
		ip = append(append(ip, ip1...), ip2...)
		var sum uint32
		for k := 0; k < 20; k += 2 {
			sum += uint32(binary.BigEndian.Uint16(ip[k:]))
		}
		for sum > 0xffff {
			sum = sum&0xffff + sum>>16
		}
		binary.BigEndian.PutUint16(ip[10:], ^uint16(sum))
		tcp := binary.BigEndian.AppendUint16(nil, port)
		tcp = binary.BigEndian.AppendUint16(tcp, 80)
		tcp = append(tcp, 0, 0, 0x10, 0, 0, 0, 0, 0, 0x50, 0x02, 0xff, 0xff, 0, 0, 0, 0)
		return append(ip, tcp...)
	}
	var frames [][]byte
	for r := range rounds {
		s := syn(uint16(40000 + r))
		frames = append(frames,
			append(eth(bcast, mac(1), 0x0806), arp(1, mac(1), ip1, make([]byte, 6), ip2)...),
			append(eth(bcast, mac(3), 0x8035), arp(3, mac(3), zero, mac(3), zero)...),
			append(eth(mac(2), mac(1), 0x0800), s...),
			append(eth(mac(2), mac(1), 0x0800), s...),
			append(eth(mac(3), mac(2), 0x8035), arp(4, mac(2), ip2, mac(3), []byte{10, 0, 0, 3})...),
		)
	}
	file := []byte{0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 1, 0, 0, 0}
	for k, f := range frames {
		rec := binary.LittleEndian.AppendUint32(nil, uint32(1700000000+k/100))
		rec = binary.LittleEndian.AppendUint32(rec, uint32(k%100*10000))
		rec = binary.LittleEndian.AppendUint32(rec, uint32(len(f)))
		rec = binary.LittleEndian.AppendUint32(rec, uint32(len(f)))
		file = append(append(file, rec...), f...)
	}
	return file
}

// trickleIndex starts indexing data fed through a named pipe in small
// pieces, so the index is still loading while the test drives the app.
func trickleIndex(t *testing.T, data []byte) *decode.Index {
	t.Helper()
	fifo := filepath.Join(t.TempDir(), "capture.pcap")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	go func() {
		w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		defer w.Close()
		for off := 0; off < len(data); off += 1024 {
			if _, err := w.Write(data[off:min(off+1024, len(data))]); err != nil {
				return
			}
			time.Sleep(time.Millisecond)
		}
	}()
	src, err := decode.Open(fifo)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { src.Close() })
	return decode.Start(src)
}

// shownRows is every packet the list displays.
func shownRows(a *App) []int {
	var out []int
	for k := range a.list.rows.Len() {
		out = append(out, a.list.rows.At(k))
	}
	return out
}

// TestFilterSameWhileLoading (issue 19 item 10): the filter bar has one
// language, analysis/dfilter, from the first packet loaded. A filter
// applied while the capture loads shows exactly what it shows once loaded
// (before, "arp" ran in a subset language while loading that missed
// RARP); a filter on analysis fields waits for the analysis, saying so,
// and then shows what the loaded capture's does. Under go test -race the
// filter goroutine, the flow table and the list read the index while the
// loader writes it.
func TestFilterSameWhileLoading(t *testing.T) {
	const rounds = 300
	var arpFrames, tcpFrames, retrans []int
	for r := range rounds {
		arpFrames = append(arpFrames, 5*r, 5*r+1, 5*r+4)
		tcpFrames = append(tcpFrames, 5*r+2, 5*r+3)
		retrans = append(retrans, 5*r+3)
	}
	cases := []struct {
		expr string
		want []int
	}{
		{"arp", arpFrames},
		{"tcp", tcpFrames},
		{"tcp.stream == 7 || arp && frame.number < 6", []int{0, 1, 4, 37, 38}},
		{"tcp.analysis.retransmission", retrans},
	}
	for _, tc := range cases {
		t.Run(tc.expr, func(t *testing.T) {
			idx := trickleIndex(t, arpCapture(rounds))
			a := New(Config{Capture: idx, NoColor: true})
			s := newSim(t, 80, 24)
			a.SetScreen(s)
			if !a.applyFilter(tc.expr) {
				t.Fatalf("filter %q: %s", tc.expr, a.message)
			}
			needsAnalysis := tc.expr == "tcp.analysis.retransmission"
			during, waited := 0, false
			for !a.filter.Complete() {
				select {
				case <-idx.Done():
				default:
					during = max(during, a.filter.Scanned())
					a.flows.refresh()
					draw(a, s)
				}
				if needsAnalysis && idx.Len() > 0 && a.found == nil {
					if a.filter.Len() != 0 {
						t.Fatalf("%d rows shown before the analysis ran", a.filter.Len())
					}
					if a.filter.Scanned() == 0 && a.filter.Waiting() {
						st := a.status()
						if !st.waiting {
							t.Fatal("the status bar does not say the filter waits for the analysis")
						}
						waited = true
					}
				}
				if needsAnalysis && a.found == nil && a.loaded() {
					a.setFindings(analyze(idx)) // what analyzeWhenLoaded does once loaded
				}
				time.Sleep(time.Millisecond)
			}
			if !needsAnalysis && during == 0 {
				t.Fatal("the filter judged no packet while the capture loaded: the test proves nothing")
			}
			if needsAnalysis && !waited {
				t.Fatal("the analysis filter never waited for the analysis: the test proves nothing")
			}
			if got := shownRows(a); !slices.Equal(got, tc.want) {
				t.Fatalf("applied while loading: %d rows %v..., want %d (tshark)", len(got), got[:min(len(got), 8)], len(tc.want))
			}
			// Applied again once loaded, it shows the same, as does
			// ladder list -Y's matcher on the loaded index.
			a.applyFilter(tc.expr)
			waitFilter(t, a)
			if got := shownRows(a); !slices.Equal(got, tc.want) {
				t.Fatalf("applied after loading: %d rows, want %d", len(got), len(tc.want))
			}
			flt, err := dfilter.Compile(tc.expr, dfilter.Fields().WithAnalysis())
			if err != nil {
				t.Fatal(err)
			}
			var an dfilter.Analysis
			if needsAnalysis {
				an = newFilterAnalysis(&findings{res: analysis.Analyze(idx)})
			}
			m := flt.Matcher(idx, an)
			var list []int
			for i := range idx.Len() {
				if m.Match(i) {
					list = append(list, i)
				}
			}
			if !slices.Equal(list, tc.want) {
				t.Fatalf("the loaded index's matcher: %d rows, want %d", len(list), len(tc.want))
			}
		})
	}
}
