package ui

import (
	"bytes"
	"encoding/base64"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gdamore/tcell/v2"
	"github.com/ladder-dev/ladder/decode"
)

var update = flag.Bool("update", false, "rewrite the golden screens (then review them by hand)")

// seedCapture is the lab's seed scenario: a client resets its HTTPS
// connection (frame 11) while the server's Dup ACK (12) and ACK (14) are in
// flight, and each of those draws another reset (13, 15). The frame facts
// the tests below rely on were checked by hand against `tshark -n -r
// testdata/lab/seed.pcap`: 15 frames, one tcp.stream, SYN 1, SYN-ACK 2,
// FIN 10, RSTs 11 13 15, Dup ACK 12.
const seedCapture = "../testdata/lab/seed.pcap"

// openSeed opens the seed capture in an app at w×h, analysed as Run does
// once loading has finished. Copies go to clip.
func openSeed(t *testing.T, w, h int, color bool, clip *bytes.Buffer) (*App, tcell.SimulationScreen) {
	t.Helper()
	src, err := decode.Open(seedCapture)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { src.Close() })
	idx := decode.Load(src)
	a := New(Config{Capture: idx, NoColor: !color, Clipboard: clip})
	s := newSim(t, w, h)
	a.SetScreen(s)
	s.SetSize(w, h)
	a.setFindings(analyze(idx))
	draw(a, s)
	return a, s
}

// TestLadderSeedGolden: from opening the seed capture, `r` and `l` show
// the ladder with the first reset selected, the crossing arrows around it
// and its explanation, at 80x24. The golden screen was reviewed by hand:
// the client column left (10.77.0.1:50078), the server right, the Dup ACK
// (12) and the ACK (14) drawn crossing the client's RST/ACK (11).
func TestLadderSeedGolden(t *testing.T) {
	a, s := openSeed(t, 80, 24, false, &bytes.Buffer{})
	send(a, s, keySpec{"r", "l"})
	rows := draw(a, s)
	if a.view != viewLadder || a.ladder.selected() != 10 {
		t.Fatalf("view %d, selected packet %d; want the ladder at frame 11", a.view, a.ladder.selected())
	}
	got := strings.Join(rows[:23], "\n") + "\n" // the status bar holds the load time
	path := filepath.Join("testdata", "ladder-seed-80x24.golden")
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
		t.Errorf("ladder screen:\n%s\nwant:\n%s", got, want)
	}
	for _, text := range []string{"client 10.77.0.1:50078  <->  server 10.77.0.2:443", "RST frame 11: abort (high confidence)",
		"abortively closed", "X"} {
		if findRow(rows, text) < 0 {
			t.Errorf("%q not on the ladder screen", text)
		}
	}
}

// TestLadderStepping: the keys move arrow by arrow in capture order, and
// the packet list follows.
func TestLadderStepping(t *testing.T) {
	cases := []struct {
		name  string
		keys  keySpec
		frame int
	}{
		{"l opens at the selected packet", keySpec{"l"}, 1},
		{"j steps to the next arrow", keySpec{"l", "jj"}, 3},
		{"down arrow steps too", keySpec{"l", tcell.KeyDown}, 2},
		{"k steps back", keySpec{"l", "jjk"}, 2},
		{"c jumps to the first FIN", keySpec{"l", "c"}, 10},
		{"c then j reaches the RST", keySpec{"l", "c", "j"}, 11},
		{"r is the next RST", keySpec{"l", "r"}, 11},
		{"r r is the second RST", keySpec{"l", "rr"}, 13},
		{"R goes back", keySpec{"l", "rrR"}, 11},
		{"G is the last arrow", keySpec{"l", "G"}, 15},
		{"g is the first arrow", keySpec{"l", "Gg"}, 1},
		{"from the list's RST", keySpec{"r", "l"}, 11},
		{"from the flow table", keySpec{"f", "l", "c"}, 10},
		// The expert pane's rows: the outcome summary, its one outcome,
		// the resets summary, after-close (2), abort (1); Enter opens
		// after-close, whose first reset is frame 13.
		{"expert pane to its ladder", keySpec{"e", tcell.KeyDown, tcell.KeyDown, tcell.KeyDown, tcell.KeyEnter, tcell.KeyDown, "l"}, 13},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a, s := openSeed(t, 80, 24, false, &bytes.Buffer{})
			send(a, s, tc.keys)
			if a.view != viewLadder {
				t.Fatalf("view %d, want the ladder", a.view)
			}
			if got := a.ladder.selected() + 1; got != tc.frame {
				t.Errorf("selected frame %d, want %d", got, tc.frame)
			}
			if got := a.list.Selected() + 1; got != tc.frame {
				t.Errorf("packet list at frame %d, want %d (it follows the ladder)", got, tc.frame)
			}
			send(a, s, keySpec{"q"})
			if a.view == viewLadder || a.view == viewMain && a.list.Selected()+1 != tc.frame {
				t.Errorf("after q: view %d at frame %d", a.view, a.list.Selected()+1)
			}
		})
	}
}

// TestLadderLevelToggle: h draws every arrow level on its capture row and
// back.
func TestLadderLevelToggle(t *testing.T) {
	a, s := openSeed(t, 80, 24, false, &bytes.Buffer{})
	send(a, s, keySpec{"r", "l", "h"})
	for _, ar := range a.ladder.lay.Arrows {
		if ar.SendRow != ar.ArriveRw {
			t.Fatalf("frame %d is not level after h", ar.Index+1)
		}
	}
	if a.ladder.selected() != 10 {
		t.Errorf("h lost the selection: frame %d", a.ladder.selected()+1)
	}
	rows := draw(a, s)
	if findRow(rows, "drawn level") < 0 || findRow(rows, "RST frame 11") < 0 {
		t.Errorf("level ladder:\n%s", strings.Join(rows, "\n"))
	}
	send(a, s, keySpec{"h"})
	if a.ladder.lay.Level {
		t.Error("h did not go back to crossing arrows")
	}
}

// TestLadderColours: an unselected RST arrow is red and the Dup ACK (an analysis
// label) in the warning colour.
func TestLadderColours(t *testing.T) {
	a, s := openSeed(t, 100, 40, true, &bytes.Buffer{})
	send(a, s, keySpec{"r", "l"})
	rows := draw(a, s)
	cases := []struct {
		name, text string
		fg         tcell.Color
	}{
		{"RST", "{after-close, high}", tcell.NewHexColor(0xff5f5f)}, // frame 13; 11 is selected
		{"Dup ACK", "[TCP Dup ACK 5#1]", tcell.NewHexColor(0xffaf00)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			y := findRow(rows, tc.text)
			if y < 0 {
				t.Fatalf("%q not on screen", tc.text)
			}
			x := strings.Index(rows[y], tc.text)
			x = len([]rune(rows[y][:x]))
			_, st, _ := s.Get(x, y)
			if fg, _, _ := st.Decompose(); fg != tc.fg {
				t.Errorf("%s drawn in %v, want %v", tc.text, fg, tc.fg)
			}
		})
	}
}

// TestExpertPane: the summary first — the seed's one connection counted
// under its outcome (reset) and its 3 RSTs under their causes (1 abort, 2
// after-close, tools/lab's labels) — each count opening to its examples,
// then the notes grouped by severity and kind with their counts (1 Dup ACK).
func TestExpertPane(t *testing.T) {
	a, s := openSeed(t, 100, 30, false, &bytes.Buffer{})
	send(a, s, keySpec{"e"})
	rows := draw(a, s)
	for _, want := range []string{"Connections by outcome (1)", "reset                  1  a RST ended it",
		"Resets by cause (3)", "after-close             2", "abort                   1"} {
		if findRow(rows, want) < 0 {
			t.Errorf("%q not in the expert pane:\n%s", want, strings.Join(rows, "\n"))
		}
	}
	if findRow(rows, "frame 11") >= 0 {
		t.Errorf("the counts should come closed:\n%s", strings.Join(rows, "\n"))
	}
	// Open the outcome count: the connection, and under the list its explanation.
	send(a, s, keySpec{tcell.KeyDown, tcell.KeyEnter, tcell.KeyDown})
	rows = draw(a, s)
	for _, want := range []string{"stream 0     by client", "stream 0: reset by client (high confidence)", "A reset from the client"} {
		if findRow(rows, want) < 0 {
			t.Errorf("%q not under the opened outcome:\n%s", want, strings.Join(rows, "\n"))
		}
	}
	// Enter on the connection goes to the reset that ended it (frame 11).
	send(a, s, keySpec{tcell.KeyEnter})
	if a.view != viewMain || a.list.Selected() != 10 {
		t.Errorf("Enter on the connection: view %d, frame %d; want the list at 11", a.view, a.list.Selected()+1)
	}
	// Opening the expert pane at a reset opens its cause: its verdict shows under the list.
	a.openExpert(10)
	rows = draw(a, s)
	for _, want := range []string{"frame 11     abort", "RST frame 11: abort (high confidence)  evidence: frames 7, 9, 10, 11, 12, 14", "abortively closed"} {
		if findRow(rows, want) < 0 {
			t.Errorf("%q not under the selected reset:\n%s", want, strings.Join(rows, "\n"))
		}
	}
	rows = draw(a, s)
	groups := []struct{ sev, summary, count string }{
		{"Warning", "Connection reset (RST)", "3"},
		{"Note", "Duplicate ACK (#1)", "1"},
		{"Chat", "Connection finish (FIN)", "1"},
	}
	for _, g := range groups {
		y := findRow(rows, g.summary)
		if y < 0 || !strings.HasPrefix(strings.TrimLeft(rows[y], "▸ "), g.sev) || !strings.HasSuffix(rows[y], " "+g.count) {
			t.Errorf("group %s %q: row %q", g.sev, g.summary, rows[max(y, 0)])
		}
	}
	// Open the Dup ACK group: its packet, frame 12, appears under it.
	y := findRow(rows, "Duplicate ACK")
	send(a, s, keySpec{tcell.KeyEnd})
	for a.expert.current().kind != expertGroup || a.expert.found.notes[a.expert.current().index].summary != "Duplicate ACK (#1)" {
		send(a, s, keySpec{"k"})
	}
	send(a, s, keySpec{tcell.KeyEnter})
	rows = draw(a, s)
	if !strings.Contains(rows[y+1], "     12  ") {
		t.Errorf("opened group shows %q, want frame 12", rows[y+1])
	}
	send(a, s, keySpec{tcell.KeyDown, tcell.KeyEnter})
	if a.view != viewMain || a.list.Selected() != 11 {
		t.Errorf("Enter on the packet: view %d, frame %d; want the list at 12", a.view, a.list.Selected()+1)
	}
}

// TestFlowTableAnalysis: the seed's one flow, ended by the client's
// abortive reset: Zeek's conn_state RSTO (the originator reset), "RST
// abort", and its notes: 3 warnings (the RSTs), 1 note (the Dup ACK), 3
// chats (SYN, SYN-ACK, FIN).
func TestFlowTableAnalysis(t *testing.T) {
	a, s := openSeed(t, 80, 24, false, &bytes.Buffer{})
	send(a, s, keySpec{"f"})
	rows := draw(a, s)
	for _, col := range []string{"State", "End", "Notes"} {
		if !strings.Contains(rows[0], col) {
			t.Errorf("header %q has no %s column", rows[0], col)
		}
	}
	// Notes by severity as tshark -z expert counts them on the seed:
	// warnings 3 RST + 1 D-SACK, notes 1 Dup ACK + 1 closing initiated.
	for _, want := range []string{"10.77.0.1:50078", "10.77.0.2:443", "RSTO", "reset abort", "W4 N2 C3"} {
		if !strings.Contains(rows[1], want) {
			t.Errorf("flow row %q lacks %q", rows[1], want)
		}
	}
	send(a, s, keySpec{tcell.KeyEnter})
	if a.view != viewMain || a.filterExpr != "tcp.stream == 0" {
		t.Errorf("Enter: view %d filter %q", a.view, a.filterExpr)
	}
}

// osc52Payload checks that out is exactly one well-formed OSC 52 sequence
// (ESC ] 52 ; c ; base64 BEL) and returns its decoded payload.
func osc52Payload(t *testing.T, out []byte) string {
	t.Helper()
	s := string(out)
	if !strings.HasPrefix(s, "\x1b]52;c;") || !strings.HasSuffix(s, "\a") || strings.Count(s, "\a") != 1 || strings.Count(s, "\x1b") != 1 {
		t.Fatalf("not one OSC 52 sequence: %q", s)
	}
	data, err := base64.StdEncoding.DecodeString(s[len("\x1b]52;c;") : len(s)-1])
	if err != nil {
		t.Fatalf("payload is not base64: %v", err)
	}
	return string(data)
}

// TestYank: y copies what is selected, as one OSC 52 sequence. The
// expected texts are tshark's (frame 1's Info) and the explainer's words.
func TestYank(t *testing.T) {
	cases := []struct {
		name string
		keys keySpec
		want []string
	}{
		{"packet line", keySpec{"y"}, []string{"1 0.000000000 10.77.0.1 → 10.77.0.2 TCP 60 50078 → 443 [SYN] Seq=0 Win=64240 Len=0 MSS=1460"}},
		{"RST line and its explanation", keySpec{"r", "y"}, []string{"11 0.273145797", "[RST, ACK]", "abort (high)", "evidence: frames 7, 9, 10, 11, 12, 14"}},
		{"details subtree", keySpec{tcell.KeyEnter, "y"}, []string{"Frame 1: 60 bytes on wire"}},
		{"ladder", keySpec{"r", "l", "y"}, []string{"client 10.77.0.1:50078  <->  server 10.77.0.2:443", "{abort, high} [RST, ACK]", "Frame 11: the client"}},
		{"expert reset", keySpec{"e", tcell.KeyDown, tcell.KeyDown, tcell.KeyDown, tcell.KeyEnter, tcell.KeyDown, "y"}, []string{"frame 13  stream 0", "after-close (high)", "evidence: frames 11, 12, 13"}},
		{"expert outcome", keySpec{"e", tcell.KeyDown, tcell.KeyEnter, tcell.KeyDown, "y"}, []string{"stream 0  reset by client (high)", "evidence: frames 7, 9, 10, 11, 12, 14", "A reset from the client"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var clip bytes.Buffer
			a, s := openSeed(t, 80, 24, false, &clip)
			send(a, s, tc.keys)
			got := osc52Payload(t, clip.Bytes())
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("copied %q, want it to contain %q", got, w)
				}
			}
			if !strings.Contains(a.message, "clipboard") {
				t.Errorf("status message %q", a.message)
			}
		})
	}
}

// TestYankToFileWithoutOSC52: with OSC 52 off, y writes the file and the
// status bar names it.
func TestYankToFileWithoutOSC52(t *testing.T) {
	var clip bytes.Buffer
	src, err := decode.Open(seedCapture)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	idx := decode.Load(src)
	path := filepath.Join(t.TempDir(), "yank.txt")
	a := New(Config{Capture: idx, NoColor: true, Clipboard: &clip, NoOSC52: true, YankFile: path})
	s := newSim(t, 80, 24)
	a.SetScreen(s)
	s.SetSize(80, 24)
	draw(a, s)
	send(a, s, keySpec{"y"})
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(data), "1 0.000000000 10.77.0.1 → 10.77.0.2 TCP 60") || clip.Len() != 0 {
		t.Errorf("file %q, terminal got %q", data, clip.Bytes())
	}
	if rows := draw(a, s); !strings.Contains(rows[23], path) && !strings.Contains(a.message, path) {
		t.Errorf("status does not name %s: %q", path, rows[23])
	}
}

// TestDisplayFiltersAfterAnalysis: once analysed, the filter bar takes
// Wireshark's analysis fields (tshark -Y tcp.analysis.duplicate_ack on the
// seed shows frame 12 only) and Tab completes field names.
func TestDisplayFiltersAfterAnalysis(t *testing.T) {
	a, s := openSeed(t, 80, 24, false, &bytes.Buffer{})
	send(a, s, keySpec{"/", "tcp.analysis.duplicate_ack", tcell.KeyEnter})
	waitFilter(t, a)
	if n := a.list.rows.Len(); n != 1 || a.list.rows.At(0) != 11 {
		t.Errorf("tcp.analysis.duplicate_ack shows %d rows (first %d), want frame 12", n, a.list.rows.At(0)+1)
	}
	send(a, s, keySpec{"/"})
	a.input.SetText("tcp.flags.rese")
	send(a, s, keySpec{tcell.KeyTab})
	if got := a.input.GetText(); !strings.HasPrefix(got, "tcp.flags.reset") {
		t.Errorf("Tab completed to %q", got)
	}
}

// TestListShowsAnalysis: once analysed, the list shows tshark's Info label
// on the Dup ACK (frame 12: "[TCP Dup ACK 5#1] 443 → 50078 [ACK]" in
// tshark -n -r seed.pcap) in Wireshark's "Bad TCP" colours (fg #f78787 on
// #12272e in its default colorfilters).
func TestListShowsAnalysis(t *testing.T) {
	a, s := openSeed(t, 120, 40, true, &bytes.Buffer{})
	rows := draw(a, s)
	y := findRow(rows, "[TCP Dup ACK 5#1] 443 → 50078 [ACK]")
	if y < 0 || !strings.HasPrefix(strings.TrimSpace(rows[y]), "12 ") {
		t.Fatalf("no labelled frame 12 in the list:\n%s", strings.Join(rows, "\n"))
	}
	_, st, _ := s.Get(2, y)
	if fg, bg, _ := st.Decompose(); fg != tcell.NewHexColor(0xf78787) || bg != tcell.NewHexColor(0x12272e) {
		t.Errorf("frame 12 drawn %v on %v, want Bad TCP", fg, bg)
	}
}

// TestLadderWideScreen: on a wide terminal the explanation sits beside the
// ladder, next to the crossing arrows.
func TestLadderWideScreen(t *testing.T) {
	a, s := openSeed(t, 180, 30, false, &bytes.Buffer{})
	send(a, s, keySpec{"r", "l"})
	rows := draw(a, s)
	y := findRow(rows, "{abort, high} [RST, ACK]")
	if y < 0 {
		t.Fatalf("no RST arrow:\n%s", strings.Join(rows, "\n"))
	}
	title := findRow(rows, "RST frame 11: abort")
	if title < 0 || strings.Index(rows[title], "RST frame 11") < 90 {
		t.Errorf("the explanation is not beside the ladder:\n%s", strings.Join(rows, "\n"))
	}
}

// TestLadderDetailsAndScroll: Tab gives the keys to the details pane (Enter
// expands the frame, j moves in the tree, not the ladder) and back; →
// scrolls the labels so the end of a long one shows.
func TestLadderDetailsAndScroll(t *testing.T) {
	a, s := openSeed(t, 80, 24, false, &bytes.Buffer{})
	send(a, s, keySpec{"l", tcell.KeyTab, tcell.KeyEnter, "j"})
	rows := draw(a, s)
	if a.ladder.selected() != 0 || findRow(rows, "▾ Frame 1:") < 0 {
		t.Errorf("Tab, Enter, j: ladder at frame %d, details:\n%s", a.ladder.selected()+1, strings.Join(rows, "\n"))
	}
	send(a, s, keySpec{tcell.KeyTab, "j"})
	if a.ladder.selected() != 1 {
		t.Errorf("after Tab back, j selected frame %d, want 2", a.ladder.selected()+1)
	}
	// Frame 11's label, "{abort, high} [RST, ACK] Seq=1180 Ack=1677
	// Win=67584 Len=0", is cut at 80 columns until → scrolls it.
	send(a, s, keySpec{"r"})
	if findRow(draw(a, s), "Seq=1180 Ack=1677 Win=67584 Len=0") >= 0 {
		t.Fatal("the RST's label is not cut at 80 columns: the test needs a longer one")
	}
	send(a, s, keySpec{tcell.KeyRight, tcell.KeyRight}) // 8 cells a press
	if findRow(draw(a, s), "Seq=1180 Ack=1677 Win=67584 Len=0") < 0 {
		t.Errorf("→ did not scroll the end of the RST's label into view:\n%s", strings.Join(draw(a, s), "\n"))
	}
}
