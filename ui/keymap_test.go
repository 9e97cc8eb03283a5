package ui

import (
	"bytes"
	"strings"
	"testing"

	"github.com/gdamore/tcell/v2"
)

// TestKeysBoundOnce: in each key table no key is in two bindings (the
// second would never run), and every binding that acts is documented, by
// its own help line or the line before (G shares "g  G").
func TestKeysBoundOnce(t *testing.T) {
	for name, table := range map[string][]keyAction{"main": mainKeys, "ladder": ladderKeys, "flows": flowKeys} {
		runes := map[rune]string{}
		keys := map[tcell.Key]string{}
		documented := false
		for _, b := range table {
			if b.doc != (KeyDoc{}) {
				documented = b.doc.Keys != ""
			}
			if b.do != nil && !documented {
				t.Errorf("%s: binding %q %v acts but the help does not list it", name, b.runes, b.keys)
			}
			for _, r := range b.runes {
				if prev, ok := runes[r]; ok {
					t.Errorf("%s: %q is bound twice: %q and %q", name, r, prev, b.doc.Action)
				}
				runes[r] = b.doc.Action
			}
			for _, k := range b.keys {
				if prev, ok := keys[k]; ok {
					t.Errorf("%s: %s is bound twice: %q and %q", name, tcell.KeyNames[k], prev, b.doc.Action)
				}
				keys[k] = b.doc.Action
			}
		}
	}
}

// TestFilterTabListsCandidates (issue 19 item 7): Tab in the filter bar
// completes to the candidates' common prefix and lists them under the bar.
// Before, the list went to the status bar, which the parse state covers
// while the bar is open, so no candidate was ever seen. The two names are
// Wireshark's (tshark -G fields).
func TestFilterTabListsCandidates(t *testing.T) {
	a, s := newTestApp(t, newFake(10), nil)
	send(a, s, keySpec{"/", "tcp.analysis.re", tcell.KeyTab})
	rows := draw(a, s)
	under := rows[len(rows)-1]
	for _, want := range []string{"tcp.analysis.retransmission", "tcp.analysis.reused_ports"} {
		if !strings.Contains(under, want) {
			t.Errorf("line under the filter bar %q does not list %s", under, want)
		}
	}
	send(a, s, keySpec{"t"}) // typing replaces the list with the parse state
	if rows := draw(a, s); strings.Contains(rows[len(rows)-1], "reused_ports") {
		t.Errorf("the candidates stay after typing: %q", rows[len(rows)-1])
	}
}

// TestNarrowListSaysWhatIsHidden (issue 19 item 7): when the width drops
// the Length and Time columns to keep Info readable, the Info title says
// so instead of the columns vanishing silently.
func TestNarrowListSaysWhatIsHidden(t *testing.T) {
	c := newFake(10)
	c.info[0] = strings.Repeat("long info ", 10)
	for _, tc := range []struct {
		width int
		note  string
	}{
		{200, ""},
		{60, "Info (-Length)"},
		{50, "Info (-Time -Len"}, // cut at the column's width
	} {
		a, s := newTestApp(t, c, nil)
		s.SetSize(tc.width, 24)
		rows := draw(a, s)
		header := rows[0]
		if tc.note == "" && strings.Contains(header, "(-") || tc.note != "" && !strings.Contains(header, tc.note) {
			t.Errorf("at %d columns the header is %q, want the note %q", tc.width, header, tc.note)
		}
	}
}

// TestLadderFrameNumbers (issue 19 item 7): n in the ladder puts each
// arrow's frame number first on its label, so the explanation's "frame 11"
// and "frames 12 and 14" can be found on the diagram; n again takes them
// off. Frames 11 (the client's RST/ACK) and 12 (the server's Dup ACK) as
// tshark numbers them in seed.pcap.
func TestLadderFrameNumbers(t *testing.T) {
	a, s := openSeed(t, 100, 30, false, &bytes.Buffer{})
	send(a, s, keySpec{"r", "l", "n"})
	rows := strings.Join(draw(a, s), "\n")
	for _, want := range []string{"#11 {abort, high} [RST, ACK]", "#12 [TCP Dup ACK 5#1]"} {
		if !strings.Contains(rows, want) {
			t.Errorf("ladder lacks %q:\n%s", want, rows)
		}
	}
	if a.ladder.selected() != 10 {
		t.Errorf("n moved the selection to packet %d", a.ladder.selected())
	}
	send(a, s, keySpec{"n"})
	if rows := strings.Join(draw(a, s), "\n"); strings.Contains(rows, "#11 ") {
		t.Errorf("the frame numbers stay after a second n:\n%s", rows)
	}
}
