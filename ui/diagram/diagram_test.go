package diagram

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ladder-dev/ladder/decode"
	"github.com/ladder-dev/ladder/internal/oracle"
)

var update = flag.Bool("update", false, "rewrite golden files (review them by hand before committing)")

func TestCrosses(t *testing.T) {
	// Hand-checked cases on a time line in ms; a client arrow goes right, a
	// server arrow goes left.
	tests := []struct {
		name string
		a, b Arrow
		want bool
	}{
		{"opposite and overlapping in flight", Arrow{From: Client, Send: 0, Arrive: 50}, Arrow{From: Server, Send: 10, Arrive: 60}, true},
		{"server's left after client's arrived", Arrow{From: Client, Send: 0, Arrive: 50}, Arrow{From: Server, Send: 50, Arrive: 100}, false},
		{"server's arrived before client's left", Arrow{From: Client, Send: 100, Arrive: 150}, Arrow{From: Server, Send: 20, Arrive: 70}, false},
		{"same direction never cross", Arrow{From: Client, Send: 0, Arrive: 50}, Arrow{From: Client, Send: 10, Arrive: 60}, false},
		{"level arrows at different times", Arrow{From: Client, Send: 5, Arrive: 5}, Arrow{From: Server, Send: 6, Arrive: 6}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Crosses(&tc.a, &tc.b); got != tc.want {
				t.Errorf("Crosses = %v, want %v", got, tc.want)
			}
			if got := Crosses(&tc.b, &tc.a); got != tc.want {
				t.Errorf("Crosses (swapped) = %v, want %v", got, tc.want)
			}
		})
	}
}

func load(t *testing.T, path string) *decode.Index {
	t.Helper()
	src, err := decode.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { src.Close() })
	idx := decode.Load(src)
	if err := idx.Err(); err != nil {
		t.Fatal(err)
	}
	return idx
}

const seed = "../../testdata/lab/seed.pcap"

// TestSeedCrossing checks the seed scenario: the lab recorded next to the
// client with a 50 ms one-way delay; the client aborted (frame 11) while the
// server's duplicate ACK (12) and its ACK of the client's FIN (14) were in
// flight (tools/lab/README.md), so both must be drawn crossing the RST/ACK.
func TestSeedCrossing(t *testing.T) {
	idx := load(t, seed)
	lay := Build(idx, idx.Flows()[0], Options{})
	if !lay.NearClient {
		t.Error("capture point should be near the client (the lab records at the client's TUN)")
	}
	// The lab's link adds 50 ms each way; the estimate comes from the handshake.
	if lay.Delay < 45e6 || lay.Delay > 60e6 {
		t.Errorf("one-way delay %v ns, want about 50 ms", lay.Delay)
	}
	k := -1
	for j, a := range lay.Arrows {
		if a.Index+1 == 11 {
			k = j
		}
	}
	if k < 0 || !lay.Arrows[k].Reset {
		t.Fatal("frame 11 should be the client's RST/ACK")
	}
	var crossed []int
	for _, j := range lay.CrossingsOf(k) {
		crossed = append(crossed, lay.Arrows[j].Index+1)
	}
	if fmtInts(crossed) != "12,14" {
		t.Errorf("frames crossing the RST/ACK: %v, want [12 14]", crossed)
	}
}

func fmtInts(v []int) string {
	s := make([]string, len(v))
	for i, n := range v {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ",")
}

// TestSeedGolden compares the text rendering of the seed flow with a golden
// file that was reviewed by hand: the RST/ACK's arrow (frame 11) and the
// server's late ACKs (frames 12 and 14) meet in an X between the columns.
func TestSeedGolden(t *testing.T) {
	idx := load(t, seed)
	got := Build(idx, idx.Flows()[0], Options{}).Text(80)
	golden := filepath.Join("testdata", "seed-80.golden")
	if *update {
		os.WriteFile(golden, []byte(got), 0o644)
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("diagram differs from %s:\n%s", golden, got)
	}
	if !strings.Contains(got, "X") {
		t.Error("no crossing drawn")
	}
}

// flowLine matches the arrow lines of tshark -z flow,tcp,standard.
var (
	flowLabel = regexp.MustCompile(`^(?:\d+\s+)?\|(\d+\.\d+)\|\s+(.*?)\s*\|(?:.*\|)?(Seq = \d+(?: Ack = \d+)?)`)
	flowArrow = regexp.MustCompile(`(-+>|<-+)`)
)

// TestArrowsMatchTsharkFlowGraph compares arrow order, direction, flags and
// relative Seq/Ack with tshark's TCP flow graph of the same capture.
func TestArrowsMatchTsharkFlowGraph(t *testing.T) {
	oracle.Require(t)
	for _, file := range []string{seed, "../../testdata/lab/half-open.pcap", "../../testdata/lab/stale-handshake.pcap"} {
		t.Run(filepath.Base(file), func(t *testing.T) {
			out := oracle.Run(t, "-n", "-r", file, "-q", "-z", "flow,tcp,standard")
			type arrow struct{ label, seqack, dir string }
			var want []arrow
			lines := strings.Split(out, "\n")
			for i := 0; i+1 < len(lines); i++ {
				m := flowLabel.FindStringSubmatch(lines[i])
				if m == nil {
					continue
				}
				d := flowArrow.FindString(lines[i+1])
				dir := "<"
				if strings.HasSuffix(d, ">") {
					dir = ">"
				}
				label, _, _ := strings.Cut(m[2], " - Len")
				want = append(want, arrow{label, m[3], dir})
			}
			idx := load(t, file)
			var got []arrow
			// The flow graph lists every TCP packet in capture order; so do we.
			for i := range idx.Len() {
				p := idx.Packet(i)
				if !p.IsTCP() {
					continue
				}
				f := idx.Flow(p)
				lay := Build(idx, f, Options{Horizontal: true})
				label := ""
				for j := range lay.Arrows {
					if lay.Arrows[j].Index == i {
						label = lay.Label(j)
					}
				}
				flags, rest, _ := strings.Cut(strings.TrimPrefix(label, "["), "] ")
				seq := regexp.MustCompile(`Seq=(\d+)`).FindStringSubmatch(rest)
				ack := regexp.MustCompile(`Ack=(\d+)`).FindStringSubmatch(rest)
				sa := "Seq = " + seq[1]
				if ack != nil {
					sa += " Ack = " + ack[1]
				}
				// tshark draws the first address of the conversation on the left.
				dir := ">"
				if idx.Addr(p.Src).String() != idx.Addr(idx.Packet(0).Src).String() {
					dir = "<"
				}
				got = append(got, arrow{flags, sa, dir})
			}
			if len(got) != len(want) {
				t.Fatalf("%d arrows, tshark has %d", len(got), len(want))
			}
			for i := range want {
				if got[i] != want[i] {
					t.Errorf("arrow %d: got %+v, tshark %+v", i+1, got[i], want[i])
				}
			}
		})
	}
}

// TestICMPErrorDrawn (issue #17): an ICMP error quoting the connection is
// part of its ladder. In this lab capture the server's namespace rejects the
// SYN with "communication administratively prohibited" (tools/lab
// icmp-admin-prohibited); tshark gives frame 2 tcp.stream 0, outer ip.src
// 10.77.0.2 and Info "Destination unreachable (Communication
// administratively filtered)".
func TestICMPErrorDrawn(t *testing.T) {
	idx := load(t, "../../testdata/lab/icmp-admin-prohibited.pcap")
	lay := Build(idx, idx.Flows()[0], Options{})
	if len(lay.Arrows) != 2 {
		t.Fatalf("%d arrows, want the SYN and the ICMP error", len(lay.Arrows))
	}
	a := lay.Arrows[1]
	if a.Index != 1 || !a.ICMP || a.From != Server || lay.Arrows[0].ICMP {
		t.Errorf("arrows %+v", lay.Arrows)
	}
	want := "ICMP from 10.77.0.2: Destination unreachable (Communication administratively filtered)"
	if got := lay.Label(1); got != want {
		t.Errorf("label %q, want %q", got, want)
	}
}
