package ui

import (
	"bytes"
	"strings"
	"testing"

	"github.com/gdamore/tcell/v2"
	"github.com/ladder-dev/ladder/decode"
)

// The seed capture's times and flags, from `tshark -r seed.pcap -T fields
// -e frame.number -e frame.time_relative -e tcp.flags.str -e frame.len`:
// frame 1 at 0 s; 2-4 at 100.95-101.16 ms; 5-10 (52+1252+528+52+52+52 =
// 1988 bytes) at 202.02-202.30 ms; RSTs 11 at 273.146 ms, 13 at 289.931
// ms and 15 at 344.730 ms (the capture's end). The client sent 1178
// payload bytes and the server 1676, so the time-sequence graph opens on
// the server's direction.

// marksRow returns the I/O chart's marks row: the row after the time axis.
func marksRow(t *testing.T, rows []string) []rune {
	t.Helper()
	for y, r := range rows {
		if (strings.Contains(r, "└──") || strings.Contains(r, "+--")) && y+1 < len(rows) {
			return []rune(rows[y+1])
		}
	}
	t.Fatalf("no time axis:\n%s", strings.Join(rows, "\n"))
	return nil
}

// columnsOf lists the columns where r appears in the given rows.
func columnsOf(rows []string, r rune) []int {
	seen := map[int]bool{}
	var out []int
	for _, row := range rows {
		for x, c := range []rune(row) {
			if c == r && !seen[x] {
				seen[x] = true
				out = append(out, x)
			}
		}
	}
	for i := 1; i < len(out); i++ { // insertion sort: a handful of columns
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

func sameInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestGraphIOSeed: i draws the I/O graph sized to the screen, its interval
// the finest 1-2-5 step whose buckets fit the columns (width - 8), and the
// resets marked R under their intervals. Hand-checked from the times above:
// at 80 columns 5 ms (69 buckets of the 344.7 ms span fit 72), peak 6
// packets in 200-205 ms = 1200/s, so the plot starts at column 5 ("1200"
// and the axis) and the RSTs fall in buckets 54, 57 and 68: columns 59, 62,
// 73. At 200 columns 2 ms (173 buckets fit 192), peak 6 in 202-204 ms =
// 3000/s, RSTs in buckets 136, 144, 172: columns 141, 149, 177.
func TestGraphIOSeed(t *testing.T) {
	cases := []struct {
		name   string
		w, h   int
		title  string
		resets []int
		end    string // columns × interval
	}{
		{"80x24", 80, 24, "packets/s, one column = 5ms, peak 1200", []int{59, 62, 73}, "345ms"},
		{"200x50", 200, 50, "packets/s, one column = 2ms, peak 3000", []int{141, 149, 177}, "346ms"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a, s := openSeed(t, tc.w, tc.h, false, &bytes.Buffer{})
			send(a, s, keySpec{"i"})
			rows := draw(a, s)
			if a.view != viewGraph || findRow(rows, tc.title) != 1 {
				t.Fatalf("view %d; want %q on row 1:\n%s", a.view, tc.title, strings.Join(rows, "\n"))
			}
			if got := columnsOf([]string{string(marksRow(t, rows))}, 'R'); !sameInts(got, tc.resets) {
				t.Errorf("R marks at columns %v, want %v\n%s", got, tc.resets, strings.Join(rows, "\n"))
			}
			// The chart fills the screen: its last line (the times) is the
			// row above the status bar.
			if !strings.HasSuffix(rows[tc.h-2], tc.end) {
				t.Errorf("row %d is %q, want the time labels ending at %s", tc.h-2, rows[tc.h-2], tc.end)
			}
		})
	}
}

// TestGraphIOKeys: m, + - < > and s change the metric, the interval and
// the shape; q and Esc go back. Expected titles from the times above: 1988
// bytes in 5 ms is 397.6k bytes/s; at 10 ms the peak is 6 packets in
// 200-210 ms, 600/s; the span is 344.7 ms, so 500 ms is the coarsest step.
func TestGraphIOKeys(t *testing.T) {
	cases := []struct {
		name    string
		keys    keySpec
		title   string
		message string
	}{
		{"bytes", keySpec{"i", "m"}, "bytes/s, one column = 5ms, peak 397.6k", ""},
		{"back to packets", keySpec{"i", "mm"}, "packets/s, one column = 5ms, peak 1200", ""},
		{"coarser with -", keySpec{"i", "-"}, "packets/s, one column = 10ms, peak 600", ""},
		{"coarser with >", keySpec{"i", ">"}, "packets/s, one column = 10ms, peak 600", ""},
		{"finer again with +", keySpec{"i", "-+"}, "packets/s, one column = 5ms, peak 1200", ""},
		{"finer again with <", keySpec{"i", "><"}, "packets/s, one column = 5ms, peak 1200", ""},
		{"no finer than fits", keySpec{"i", "+"}, "one column = 5ms", "finest interval at this width: 5ms"},
		{"coarsest", keySpec{"i", "------"}, "one column = 500ms", ""},
		{"no coarser", keySpec{"i", "-------"}, "one column = 500ms", "coarsest interval: one spans the whole capture"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a, s := openSeed(t, 80, 24, false, &bytes.Buffer{})
			send(a, s, tc.keys)
			rows := draw(a, s)
			if findRow(rows, tc.title) != 1 || a.message != tc.message {
				t.Errorf("message %q (want %q); want %q on row 1:\n%s", a.message, tc.message, tc.title, strings.Join(rows, "\n"))
			}
		})
	}
	for _, k := range []keySpec{{"q"}, {tcell.KeyEscape}} {
		a, s := openSeed(t, 80, 24, false, &bytes.Buffer{})
		send(a, s, append(keySpec{"i"}, k...))
		if a.view != viewMain || a.quit {
			t.Errorf("%v: view %d, want the packet list", k, a.view)
		}
	}
}

// graphRunes reports whether the graph area (every row but the status bar)
// holds a rune for which in is true.
func graphRunes(rows []string, in func(r rune) bool) bool {
	for _, row := range rows[:len(rows)-1] {
		for _, r := range row {
			if in(r) {
				return true
			}
		}
	}
	return false
}

func isBlock(r rune) bool   { return r >= 0x2580 && r <= 0x259f }
func isBraille(r rune) bool { return r >= 0x2800 && r <= 0x28ff }
func nonASCII(r rune) bool  { return r >= 0x80 }

// TestGraphShapes: with colour the I/O graph draws block elements, s a
// braille line, a plain ASCII; without colour (NO_COLOR) both graphs draw
// only ASCII from the start, and a brings Unicode back.
func TestGraphShapes(t *testing.T) {
	cases := []struct {
		name  string
		color bool
		keys  keySpec
		want  func(rune) bool // some rune of the graph satisfies it
		none  func(rune) bool // no rune of the graph satisfies it
	}{
		{"colour: blocks", true, keySpec{"i"}, isBlock, isBraille},
		{"colour: s draws braille", true, keySpec{"i", "s"}, isBraille, isBlock},
		{"colour: a is ASCII", true, keySpec{"i", "a"}, func(r rune) bool { return r == '#' }, nonASCII},
		{"colour: s a is an ASCII line", true, keySpec{"i", "sa"}, func(r rune) bool { return r == '|' }, nonASCII},
		{"NO_COLOR: ASCII bars", false, keySpec{"i"}, func(r rune) bool { return r == '#' }, nonASCII},
		{"NO_COLOR: ASCII line", false, keySpec{"i", "s"}, func(r rune) bool { return r == '|' }, nonASCII},
		{"NO_COLOR: a brings blocks", false, keySpec{"i", "a"}, isBlock, isBraille},
		{"NO_COLOR: ASCII time-sequence", false, keySpec{"t"}, func(r rune) bool { return r == 'R' }, nonASCII},
		{"colour: braille time-sequence", true, keySpec{"t"}, isBraille, isBlock},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a, s := openSeed(t, 80, 24, tc.color, &bytes.Buffer{})
			send(a, s, tc.keys)
			rows := draw(a, s)
			if !graphRunes(rows, tc.want) || graphRunes(rows, tc.none) {
				t.Errorf("graph:\n%s", strings.Join(rows, "\n"))
			}
		})
	}
}

// TestGraphTimeSeqSeed: t draws the Stevens graph of the selected packet's
// flow, sized to the screen, with the resets marked R at their times.
// Hand-checked: the server sent more, so its direction comes first; the
// highest sequence number is the client's window edge, ACK 1677 plus
// window 67584 = 69261, a 6-column margin; at 80 columns (ASCII) the plot
// has 74 dots, x = t/344.730 ms × 73, so the RSTs (the client's, on the
// ACK line) at 273.146, 289.931 and 344.730 ms are columns 6+57, 6+61 and
// 6+73. d follows the client: its FIN ends at 1180, the server's window
// edge is 1180 + 65536 = 66716; its RSTs are its own segments, at the same
// columns. At 160 columns (braille, 2 dots a cell) x = t/344.730 × 307:
// dots 243, 258, 307, cells 121, 129, 153, columns 127, 135, 159.
func TestGraphTimeSeqSeed(t *testing.T) {
	cases := []struct {
		name          string
		w, h          int
		color         bool
		keys          keySpec
		title, top    string
		resetColumns  []int
		chartLastLine string
	}{
		{"server direction", 80, 24, false, keySpec{"t"}, "tcp.stream 0, server -> client", "69261|", []int{63, 67, 79}, "| segment"},
		{"d: client direction", 80, 24, false, keySpec{"t", "d"}, "tcp.stream 0, client -> server", "66716|", []int{63, 67, 79}, "| segment"},
		{"d d: back", 80, 24, false, keySpec{"t", "dd"}, "tcp.stream 0, server -> client", "69261|", []int{63, 67, 79}, "| segment"},
		{"160x48 braille", 160, 48, true, keySpec{"t"}, "tcp.stream 0, server → client", "69261│", []int{127, 135, 159}, "⡇ segment"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a, s := openSeed(t, tc.w, tc.h, tc.color, &bytes.Buffer{})
			send(a, s, tc.keys)
			rows := draw(a, s)
			if a.view != viewGraph || findRow(rows, tc.title) != 1 || !strings.HasPrefix(rows[2], tc.top) {
				t.Fatalf("want %q on row 1 and %q starting row 2:\n%s", tc.title, tc.top, strings.Join(rows, "\n"))
			}
			// The plot rows: after the chart's title, down to the axis.
			plot := rows[2 : tc.h-4]
			if got := columnsOf(plot, 'R'); !sameInts(got, tc.resetColumns) {
				t.Errorf("R at columns %v, want %v\n%s", got, tc.resetColumns, strings.Join(rows, "\n"))
			}
			if !strings.HasPrefix(rows[tc.h-2], tc.chartLastLine) {
				t.Errorf("row %d is %q, want the legend (the chart fills the screen)", tc.h-2, rows[tc.h-2])
			}
		})
	}
}

// TestGraphRetransmissions: the retransmissions the analysis found are
// marked x. `tshark -Y tcp.analysis.retransmission` on rto005 lists frames
// 18 (1.130 s) and 28 (2.404 s), both the server's, in tcp.stream 0, which
// lasts 81.646 s; the client sent more, so d shows the server's side. In
// 74 ASCII columns x = t/81.646 s × 73: dots 1 and 2 after the axis.
func TestGraphRetransmissions(t *testing.T) {
	a, s := openStatsCapture(t, "../testdata/corpus/zeek-tcprs__testing__btest__Traces__tcp__rto__rto005.trace", 80, 24)
	send(a, s, keySpec{"t", "d"})
	rows := draw(a, s)
	plot := rows[2:20]
	axis := strings.IndexRune(plot[0], '|')
	if got := columnsOf(plot, 'x'); axis < 0 || !sameInts(got, []int{axis + 2, axis + 3}) {
		t.Errorf("retransmissions at columns %v, axis at %d:\n%s", got, axis, strings.Join(rows, "\n"))
	}
}

// TestGraphTimeSeqFromViews: t opens the graph from the packet list, the
// flow table and the ladder, and q goes back there; on a packet of no TCP
// flow it says why (wikipedia's frame 1 is mDNS over UDP, frame 5 ARP, per
// tshark).
func TestGraphTimeSeqFromViews(t *testing.T) {
	cases := []struct {
		name    string
		file    string
		keys    keySpec
		back    int
		message string
	}{
		{"packet list", seedCapture, keySpec{"t"}, viewMain, ""},
		{"flow table", seedCapture, keySpec{"f", "t"}, viewFlows, ""},
		{"ladder", seedCapture, keySpec{"l", "t"}, viewLadder, ""},
		{"udp", wikipediaCapture, keySpec{"t"}, viewMain, "time-sequence graphs are of TCP flows; this is udp 0"},
		{"arp", wikipediaCapture, keySpec{"5G", "t"}, viewMain, "this packet is not part of a TCP conversation"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a, s := openStatsCapture(t, tc.file, 80, 24)
			send(a, s, tc.keys)
			if tc.message != "" {
				if a.view != tc.back || a.message != tc.message {
					t.Errorf("view %d, message %q; want %q", a.view, a.message, tc.message)
				}
				return
			}
			if a.view != viewGraph || a.graph.kind != graphSeq {
				t.Fatalf("view %d, want the time-sequence graph", a.view)
			}
			send(a, s, keySpec{"q"})
			if a.view != tc.back {
				t.Errorf("q went to view %d, want %d", a.view, tc.back)
			}
		})
	}
}

// TestGraphIONotes: expert notes of warning level are marked ! under their
// interval, once the analysis has run. tshark on miss_end_data.pcap gives
// warnings on frames 6 (Previous segment not captured, 10.0479 s) and 7
// (ACKed unseen segment, 10.0481 s) and a span of 10.0533 s: at 80 columns
// the interval is 200 ms (51 buckets fit 72), the peak frames 1-5 in the
// first 200 ms (25/s, a 3-column margin), so ! is under bucket 50, column
// 53.
func TestGraphIONotes(t *testing.T) {
	src, err := decode.Open("../testdata/corpus/zeek__testing__btest__Traces__tcp__miss_end_data.pcap")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { src.Close() })
	idx := decode.Load(src)
	a := New(Config{Capture: idx, NoColor: true})
	s := newSim(t, 80, 24)
	a.SetScreen(s)
	s.SetSize(80, 24)
	draw(a, s)
	send(a, s, keySpec{"i"})
	rows := draw(a, s)
	if findRow(rows, "packets/s, one column = 200ms, peak 25") != 1 || findRow(rows, "(expert notes once analysed)") != 0 {
		t.Fatalf("before the analysis:\n%s", strings.Join(rows, "\n"))
	}
	if got := columnsOf([]string{string(marksRow(t, rows))}, '!'); len(got) != 0 {
		t.Errorf("notes marked before the analysis ran: %v", got)
	}
	a.setFindings(analyze(idx))
	a.refresh() // as the ticker does once the findings arrive
	rows = draw(a, s)
	if got := columnsOf([]string{string(marksRow(t, rows))}, '!'); !sameInts(got, []int{53}) || findRow(rows, "once analysed") >= 0 {
		t.Errorf("! at columns %v, want [53]:\n%s", got, strings.Join(rows, "\n"))
	}
}
