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
	for name, table := range keyTables {
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

// keyTables are every view's key table.
var keyTables = map[string][]keyAction{"main": mainKeys, "ladder": ladderKeys, "flows": flowKeys, "follow": followKeys,
	"expert": expertKeys, "stats": statsKeys, "I/O graph": ioGraphKeys, "time-sequence": seqGraphKeys}

// docKeyNames are the named keys as the help writes them.
var docKeyNames = map[string]tcell.Key{"↑": tcell.KeyUp, "↓": tcell.KeyDown, "←": tcell.KeyLeft, "→": tcell.KeyRight,
	"PgUp": tcell.KeyPgUp, "PgDn": tcell.KeyPgDn, "Ctrl-B": tcell.KeyCtrlB, "Ctrl-F": tcell.KeyCtrlF, "Home": tcell.KeyHome,
	"End": tcell.KeyEnd, "Tab": tcell.KeyTab, "Shift-Tab": tcell.KeyBacktab, "Enter": tcell.KeyEnter, "Esc": tcell.KeyEscape}

// docKeys reads the keys a help line names: named keys, single characters,
// and the main view's count forms (":N" is ':', "Ngg" 'g', "NG" 'G').
func docKeys(t *testing.T, keys string) []*tcell.EventKey {
	var out []*tcell.EventKey
	for _, tok := range strings.Fields(keys) {
		if k, ok := docKeyNames[tok]; ok {
			out = append(out, tcell.NewEventKey(k, 0, tcell.ModNone))
			continue
		}
		switch tok {
		case ":N":
			tok = ":"
		case "Ngg":
			tok = "g"
		case "NG":
			tok = "G"
		}
		if r := []rune(tok); len(r) == 1 {
			out = append(out, tcell.NewEventKey(tcell.KeyRune, r[0], tcell.ModNone))
			continue
		}
		t.Errorf("help key %q in %q names no key", tok, keys)
	}
	return out
}

// keyName is how a test message names ev.
func keyName(ev *tcell.EventKey) string {
	if ev.Key() == tcell.KeyRune {
		return string(ev.Rune())
	}
	return tcell.KeyNames[ev.Key()]
}

// TestKeyTables (issue 19 item 10): in every view's key table, every key
// the help (and so `ladder man`) names dispatches to a binding that acts,
// and every key a binding acts on is named by its help line (or by the
// line before, as G shares "g  G"). The help is made from the same tables
// (keyDocs), so this also holds the help screen to the dispatch.
func TestKeyTables(t *testing.T) {
	for name, table := range keyTables {
		named := map[string]bool{} // keys named by the current help line
		for _, b := range table {
			if b.doc != (KeyDoc{}) {
				named = map[string]bool{}
				if strings.Contains(b.doc.Keys, "(in the filter bar)") {
					continue // edit-mode keys: the filter bar's, not the view's (TestFilterTabListsCandidates)
				}
				for _, ev := range docKeys(t, b.doc.Keys) {
					named[keyName(ev)] = true
					if got := binding(table, ev); got == nil || got.do == nil {
						t.Errorf("%s: the help names %s (%q) but no binding acts on it", name, keyName(ev), b.doc.Action)
					}
				}
			}
			if b.do == nil {
				continue
			}
			for _, r := range b.runes {
				if !named[string(r)] {
					t.Errorf("%s: %q is bound but its help line %q does not name it", name, r, b.doc.Keys)
				}
			}
			for _, k := range b.keys {
				if !named[tcell.KeyNames[k]] {
					t.Errorf("%s: %s is bound but its help line %q does not name it", name, tcell.KeyNames[k], b.doc.Keys)
				}
			}
		}
	}
	// The help screen and ladder man list exactly the tables' lines.
	n := 0
	for _, table := range keyTables {
		n += len(docsOf(table))
	}
	if len(KeyHelp()) != n {
		t.Errorf("the help has %d lines, the key tables %d", len(KeyHelp()), n)
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
