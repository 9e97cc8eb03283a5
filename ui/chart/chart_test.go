package chart

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ladder-dev/ladder/analysis"
	"github.com/ladder-dev/ladder/analysis/stats"
	"github.com/ladder-dev/ladder/decode"
)

var update = flag.Bool("update", false, "rewrite the golden files (then review them by hand)")

func load(t *testing.T, file string) *decode.Index {
	t.Helper()
	src, err := decode.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { src.Close() })
	return decode.Load(src)
}

// golden compares lines with testdata/NAME.golden. The golden files were
// written with -update and reviewed by hand against the captures' packet
// lists (tshark -r FILE): bar heights against tshark -z io,stat counts,
// resets under the intervals that hold them, and the time-sequence strokes
// against the segments' sequence numbers.
func golden(t *testing.T, name string, lines []Line) {
	t.Helper()
	got := String(lines)
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("%s differs from its golden file:\n%s\nwant:\n%s", name, got, want)
	}
}

// checkLines: spans are ordered, inside the line, and ASCII mode is ASCII.
func checkLines(t *testing.T, lines []Line, ascii bool) {
	t.Helper()
	for k, l := range lines {
		n := utf8.RuneCountInString(l.Text)
		end := 0
		for _, s := range l.Spans {
			if s.Start < end || s.End <= s.Start || s.End > n {
				t.Fatalf("line %d %q: bad span %+v", k, l.Text, s)
			}
			end = s.End
		}
		if ascii {
			for _, r := range l.Text {
				if r < 0x20 || r > 0x7e {
					t.Fatalf("line %d %q: non-ASCII %U in ASCII mode", k, l.Text, r)
				}
			}
		}
	}
}

// rstInject is a real capture of an injected reset: 9 packets over 4.13 s
// with RSTs in seconds 0, 2 and 4 (tshark -z io,stat,1 agrees).
const rstInject = "../../testdata/corpus/zeek__testing__btest__Traces__tcp__rst-inject-rae.pcap"

func TestIOGolden(t *testing.T) {
	idx := load(t, rstInject)
	s := stats.IO(idx, 5e8, nil)
	for _, tc := range []struct {
		name   string
		metric Metric
		shape  Shape
		ascii  bool
	}{
		{"io-packets-bars", Packets, Bars, false},
		{"io-packets-bars-ascii", Packets, Bars, true},
		{"io-bytes-curve", Bytes, Curve, false},
		{"io-bytes-curve-ascii", Bytes, Curve, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lines := IO(s, tc.metric, tc.shape, Options{Width: 30, Height: 5, ASCII: tc.ascii})
			checkLines(t, lines, tc.ascii)
			golden(t, tc.name, lines)
		})
	}
}

func TestTimeSequenceGolden(t *testing.T) {
	for _, tc := range []struct {
		name, file string
		ascii      bool
	}{
		{"tcpseq-fast-retransmit", "../../testdata/corpus/zeek__testing__btest__Traces__tcp__retransmit-fast009.pcap", false},
		{"tcpseq-fast-retransmit-ascii", "../../testdata/corpus/zeek__testing__btest__Traces__tcp__retransmit-fast009.pcap", true},
		{"tcpseq-reset-ascii", rstInject, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			idx := load(t, tc.file)
			res := analysis.Analyze(idx)
			f := idx.Flows()[0]
			ts := stats.TCPTimeSequence(idx, f, stats.DataDirection(idx, f), func(i int) bool {
				fl := res.Flags(i)
				return fl.Has(analysis.Retransmission) || fl.Has(analysis.FastRetransmission) || fl.Has(analysis.SpuriousRetransmission)
			})
			lines := TimeSequence(ts, Options{Width: 60, Height: 12, ASCII: tc.ascii})
			checkLines(t, lines, tc.ascii)
			golden(t, tc.name, lines)
		})
	}
}

// TestMergeColumns: more intervals than columns are merged, and a reset
// anywhere in a merged column marks it.
func TestMergeColumns(t *testing.T) {
	s := stats.Series{Interval: 1e9, Buckets: make([]stats.Bucket, 100)}
	for k := range s.Buckets {
		s.Buckets[k].Frames = 2
	}
	s.Buckets[57].Resets = 1
	lines := IO(s, Packets, Bars, Options{Width: 28, Height: 3, ASCII: true})
	marks := lines[len(lines)-2].Text
	if strings.Count(marks, "R") != 1 {
		t.Errorf("marks row %q, want one R", marks)
	}
	if !strings.Contains(lines[0].Text, "one column = 5s") || !strings.Contains(lines[0].Text, "peak 2") {
		t.Errorf("title %q: want 5 intervals per column and a peak of 2 packets/s", lines[0].Text)
	}
}

// TestEmptyInputs: an empty series and a flow with no segments render
// axes without panicking, in both character sets.
func TestEmptyInputs(t *testing.T) {
	for _, ascii := range []bool{false, true} {
		for _, shape := range []Shape{Bars, Curve} {
			lines := IO(stats.Series{Interval: 1e9}, Packets, shape, Options{Width: 1, Height: 0, ASCII: ascii})
			checkLines(t, lines, ascii)
		}
		lines := TimeSequence(&stats.TimeSequence{}, Options{ASCII: ascii})
		checkLines(t, lines, ascii)
		if len(lines) < 3 {
			t.Errorf("%d lines for an empty flow", len(lines))
		}
	}
}
