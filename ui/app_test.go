package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"
)

// newTestApp builds the app on a fake capture and an 80x24 simulation screen.
func newTestApp(t *testing.T, c Capture, ann Annotations) (*App, tcell.SimulationScreen) {
	t.Helper()
	cfg := Config{Capture: c, Annotations: ann, NoColor: true}
	if fc, ok := c.(*fakeCapture); ok {
		cfg.Compile = fc.filters
	}
	a := New(cfg)
	s := newSim(t, 80, 24)
	a.SetScreen(s)
	s.SetSize(80, 24) // tview's SetScreen initialises the screen again, at its default size
	draw(a, s)
	return a, s
}

// waitFilter waits until the running filter has scanned everything.
func waitFilter(t *testing.T, a *App) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for a.filter != nil && !a.filter.Complete() {
		if time.Now().After(deadline) {
			t.Fatal("filter did not finish")
		}
		time.Sleep(time.Millisecond)
	}
}

// keySpec is a key sequence in a test table: runes are typed, the named
// keys are sent as such.
type keySpec []any

func send(a *App, s tcell.SimulationScreen, spec keySpec) {
	for _, k := range spec {
		switch k := k.(type) {
		case string:
			typeKeys(a, k)
		case tcell.Key:
			a.handleKey(key(k))
		}
		draw(a, s) // as tview does after every event
	}
}

// The expected frames below are worked out by hand from newFake's layout:
// 1000 packets, odd frames in tcp.stream 0 (port 80), even frames in
// tcp.stream 1 (port 443), a RST at every 10th frame; notes at frames 6 and 301.
func TestKeysMoveSelection(t *testing.T) {
	notes := fakeAnnotations{notes: map[int]bool{5: true, 300: true}}
	cases := []struct {
		name  string
		keys  keySpec
		frame int
	}{
		{"j moves down", keySpec{"j"}, 2},
		{"down arrow moves down", keySpec{tcell.KeyDown, tcell.KeyDown}, 3},
		{"k moves up", keySpec{"jjk"}, 2},
		{"count repeats j", keySpec{"5j"}, 6},
		{"G goes to the last packet", keySpec{"G"}, 1000},
		{"g goes back to the first", keySpec{"Gg"}, 1},
		{"Ngg goes to packet N", keySpec{"42gg"}, 42},
		{"NG goes to packet N", keySpec{"42G"}, 42},
		{":N goes to packet N", keySpec{":77", tcell.KeyEnter}, 77},
		{"a number past the end goes to the last", keySpec{":5000", tcell.KeyEnter}, 1000},
		{"r finds the next RST", keySpec{"r"}, 10},
		{"r twice", keySpec{"rr"}, 20},
		{"R goes back to the previous RST", keySpec{"rrR"}, 10},
		{"n finds the next note", keySpec{"n"}, 6},
		{"n twice", keySpec{"nn"}, 301},
		{"N goes back", keySpec{"nnN"}, 6},
		{"Esc cancels a count", keySpec{"4", tcell.KeyEscape, "j"}, 2},
		{"Esc cancels the go-to bar", keySpec{":9", tcell.KeyEscape}, 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a, s := newTestApp(t, newFake(1000), notes)
			send(a, s, tc.keys)
			if got := a.list.Selected() + 1; got != tc.frame {
				t.Errorf("selected frame %d, want %d", got, tc.frame)
			}
		})
	}
}

func TestPagingMovesAScreen(t *testing.T) {
	cases := []struct {
		name string
		keys keySpec
	}{
		{"PgDn", keySpec{tcell.KeyPgDn}},
		{"Ctrl-F", keySpec{tcell.KeyCtrlF}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a, s := newTestApp(t, newFake(1000), nil)
			send(a, s, tc.keys)
			// The list shows l.height rows; a page keeps one row of context.
			want := a.list.height
			if got := a.list.Selected(); got != want-1 && got != want {
				t.Fatalf("selected index %d after a page of %d rows", got, want)
			}
			back := a.list.Selected()
			send(a, s, keySpec{tcell.KeyCtrlB})
			if got := a.list.Selected(); got >= back {
				t.Errorf("Ctrl-B did not go back: %d", got)
			}
		})
	}
}

func TestLayoutAt80x24(t *testing.T) {
	_, s := newTestApp(t, newFake(1000), nil)
	rows := screenText(s)
	for _, want := range []string{"No.", "Packet details", "Packet bytes", "fake.pcap", "1000 packets", "?:help"} {
		if findRow(rows, want) < 0 {
			t.Errorf("%q not on screen:\n%s", want, strings.Join(rows, "\n"))
		}
	}
	if !strings.HasPrefix(strings.TrimSpace(rows[1]), "1 ") || !strings.Contains(rows[1], "pkt 1") {
		t.Errorf("first list row = %q", rows[1])
	}
	if !strings.Contains(rows[23], "fake.pcap") {
		t.Errorf("status bar is not the last row: %q", rows[23])
	}
}

func TestFilterBar(t *testing.T) {
	a, s := newTestApp(t, newFake(1000), nil)
	send(a, s, keySpec{"/tcp.stream == 1"})
	rows := draw(a, s)
	if findRow(rows, "✓ valid filter") < 0 {
		t.Fatalf("valid filter not reported:\n%s", strings.Join(rows, "\n"))
	}
	send(a, s, keySpec{tcell.KeyEnter})
	waitFilter(t, a)
	rows = draw(a, s)
	if a.edit != editNone {
		t.Fatal("filter bar still open after Enter")
	}
	if got := a.list.Selected() + 1; got != 2 {
		t.Errorf("selected frame %d, want 2 (first of stream 1)", got)
	}
	if findRow(rows, "500/1000 shown") < 0 || findRow(rows, "tcp.stream == 1") < 0 {
		t.Errorf("status does not show the filter:\n%s", strings.Join(rows, "\n"))
	}
	// Every list row shown is an even frame (stream 1).
	for _, r := range rows[1:6] {
		f := strings.Fields(r)
		if len(f) == 0 || f[0][len(f[0])-1]%2 != 0 {
			t.Errorf("row %q is not in tcp.stream 1", r)
		}
	}
	// History: the last filter comes back with Up.
	send(a, s, keySpec{"/", tcell.KeyUp})
	if got := a.input.GetText(); got != "tcp.stream == 1" {
		t.Errorf("history recalled %q", got)
	}
	// An empty filter shows every packet again.
	a.input.SetText("")
	send(a, s, keySpec{tcell.KeyEnter})
	if a.list.rows.Len() != 1000 || a.filterExpr != "" {
		t.Errorf("empty filter left %d rows, filter %q", a.list.rows.Len(), a.filterExpr)
	}
}

func TestFilterErrorShowsPosition(t *testing.T) {
	a, s := newTestApp(t, newFake(100), nil)
	send(a, s, keySpec{"/tcp.port == x", tcell.KeyEnter})
	rows := draw(a, s)
	if a.edit != editFilter {
		t.Fatal("a bad filter closed the bar")
	}
	msg := rows[23]
	// Label "/ " is 2 cells; the value "x" is at byte 12: caret at cell 14.
	if strings.IndexRune(msg, '^') != 14 || !strings.Contains(msg, "not a valid number") {
		t.Errorf("error line %q", msg)
	}
	send(a, s, keySpec{tcell.KeyEscape})
	if a.edit != editNone || a.filterExpr != "" {
		t.Error("Esc did not cancel the filter bar")
	}
}

func TestPanes(t *testing.T) {
	a, s := newTestApp(t, newFake(100), nil)
	send(a, s, keySpec{tcell.KeyTab})
	if a.focus != paneDetails {
		t.Fatalf("Tab focused pane %d", a.focus)
	}
	send(a, s, keySpec{tcell.KeyTab, tcell.KeyTab})
	if a.focus != paneList {
		t.Fatalf("Tab did not cycle back to the list: %d", a.focus)
	}
	send(a, s, keySpec{tcell.KeyEnter})
	if a.focus != paneDetails {
		t.Fatal("Enter in the list did not open the details")
	}
	rows := draw(a, s)
	if findRow(rows, "▸ Frame 1: fake") < 0 {
		t.Fatalf("details not shown:\n%s", strings.Join(rows, "\n"))
	}
	send(a, s, keySpec{tcell.KeyEnter})
	rows = draw(a, s)
	// The child's label contains tview tag syntax: it must appear literally.
	if findRow(rows, "Child [red]tag[-] field") < 0 {
		t.Errorf("expanded child not shown literally:\n%s", strings.Join(rows, "\n"))
	}
	send(a, s, keySpec{"z"})
	rows = draw(a, s)
	if findRow(rows, "Packet bytes") >= 0 || findRow(rows, "No.") >= 0 {
		t.Errorf("zoomed details still shows other panes:\n%s", strings.Join(rows, "\n"))
	}
	send(a, s, keySpec{"z", "x"})
	rows = draw(a, s)
	if findRow(rows, "Packet details") >= 0 || a.focus == paneDetails {
		t.Errorf("x did not hide the details:\n%s", strings.Join(rows, "\n"))
	}
	send(a, s, keySpec{"="})
	rows = draw(a, s)
	if findRow(rows, "Packet details") < 0 {
		t.Error("= did not bring the details back")
	}
}

func TestHelpListsKeys(t *testing.T) {
	a, s := newTestApp(t, newFake(10), nil)
	a.root.SetRect(0, 0, 80, 140)
	s.SetSize(80, 140)
	send(a, s, keySpec{"?"})
	rows := draw(a, s)
	for _, e := range KeyHelp() {
		text := e.Keys + "  " // the keys column is padded before the action
		if e.Keys == "" {
			text = e.Action
		}
		if findRow(rows, text) < 0 {
			t.Errorf("help does not show %q", text)
		}
	}
	send(a, s, keySpec{"q"})
	if a.view != viewMain || a.quit {
		t.Error("q in help did not go back to the main view")
	}
}

func TestFlowTable(t *testing.T) {
	a, s := newTestApp(t, newFake(100), nil)
	send(a, s, keySpec{"f"})
	rows := draw(a, s)
	r0, r1 := findRow(rows, "tcp 0"), findRow(rows, "tcp 1")
	if r0 < 0 || r1 < 0 || r1 < r0 {
		t.Fatalf("flow table:\n%s", strings.Join(rows, "\n"))
	}
	if !strings.Contains(rows[r1], "10.0.0.1:5001") || !strings.Contains(rows[r1], "10.0.0.3:443") || !strings.Contains(rows[r1], "50/0") {
		t.Errorf("flow row %q", rows[r1])
	}
	// Sort by client, descending: stream 1 (port 5001) comes first.
	send(a, s, keySpec{"sS"})
	rows = draw(a, s)
	if findRow(rows, "tcp 1") > findRow(rows, "tcp 0") {
		t.Errorf("descending client sort:\n%s", strings.Join(rows, "\n"))
	}
	if a.flows.cur != 1 {
		t.Errorf("the selection did not follow stream 0 to row 1 after sorting: row %d", a.flows.cur)
	}
	send(a, s, keySpec{"g", tcell.KeyEnter})
	waitFilter(t, a)
	if a.view != viewMain || a.filterExpr != "tcp.stream == 1" || a.list.rows.Len() != 50 {
		t.Errorf("Enter: view %d filter %q rows %d", a.view, a.filterExpr, a.list.rows.Len())
	}
}

func TestQuit(t *testing.T) {
	a, s := newTestApp(t, newFake(10), nil)
	send(a, s, keySpec{"f", "q"})
	if a.quit || a.view != viewMain {
		t.Fatal("q in the flow table should go back, not quit")
	}
	send(a, s, keySpec{"q"})
	if !a.quit {
		t.Error("q in the main view did not quit")
	}
}

// TestListFillsWhileLoading: the list shows packets as the index publishes
// them and selects the first one as soon as it exists.
func TestListFillsWhileLoading(t *testing.T) {
	c := newFake(100)
	c.n.Store(0)
	c.done = make(chan struct{})
	a, s := newTestApp(t, c, nil)
	rows := draw(a, s)
	if findRow(rows, "no packets yet") < 0 || findRow(rows, "loading") < 0 {
		t.Fatalf("empty loading screen:\n%s", strings.Join(rows, "\n"))
	}
	c.n.Store(30)
	a.refresh()
	rows = draw(a, s)
	if a.list.Selected() != 0 || findRow(rows, "pkt 1") < 0 || findRow(rows, "30 packets") < 0 {
		t.Errorf("after 30 packets:\n%s", strings.Join(rows, "\n"))
	}
	send(a, s, keySpec{"G"})
	if a.list.Selected() != 29 {
		t.Errorf("G while loading selected %d", a.list.Selected())
	}
	c.n.Store(100)
	close(c.done)
	rows = draw(a, s)
	if findRow(rows, "loaded") < 0 {
		t.Errorf("status after loading:\n%s", rows[23])
	}
}

// TestMouse: a click selects a row and focuses the pane under it; the
// wheel scrolls. Nothing else depends on the mouse.
func TestMouse(t *testing.T) {
	a, s := newTestApp(t, newFake(100), nil)
	h := a.root.MouseHandler()
	noFocus := func(tview.Primitive) {}
	h(tview.MouseLeftClick, tcell.NewEventMouse(5, 4, tcell.Button1, tcell.ModNone), noFocus)
	if got := a.list.Selected() + 1; got != 4 {
		t.Errorf("click on screen row 4 selected frame %d, want 4", got)
	}
	h(tview.MouseScrollDown, tcell.NewEventMouse(5, 4, tcell.WheelDown, tcell.ModNone), noFocus)
	if got := a.list.Selected() + 1; got != 7 {
		t.Errorf("wheel down selected frame %d, want 7", got)
	}
	rows := draw(a, s)
	y := findRow(rows, "Packet details") + 1
	h(tview.MouseLeftClick, tcell.NewEventMouse(3, y, tcell.Button1, tcell.ModNone), noFocus)
	if a.focus != paneDetails {
		t.Errorf("click in the details focused pane %d", a.focus)
	}
}

// TestLayoutAdapts: small terminals drop the lowest panes rather than
// squeezing them below three rows; + and - resize the focused pane.
func TestLayoutAdapts(t *testing.T) {
	cases := []struct {
		name           string
		height         int
		details, bytes bool
	}{
		{"80x24 shows all panes", 24, true, true},
		{"80x10 still fits three", 10, true, true},
		{"80x8 drops the bytes", 8, true, false},
		{"80x5 keeps only the list", 5, false, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a, s := newTestApp(t, newFake(100), nil)
			s.SetSize(80, tc.height)
			rows := draw(a, s)
			if got := findRow(rows, "Packet details") >= 0; got != tc.details {
				t.Errorf("details shown: %v\n%s", got, strings.Join(rows, "\n"))
			}
			if got := findRow(rows, "Packet bytes") >= 0; got != tc.bytes {
				t.Errorf("bytes shown: %v\n%s", got, strings.Join(rows, "\n"))
			}
			if findRow(rows, "No.") != 0 {
				t.Error("the list header is not on the first row")
			}
		})
	}
	a, s := newTestApp(t, newFake(100), nil)
	before := findRow(draw(a, s), "Packet details")
	send(a, s, keySpec{"++"})
	if after := findRow(draw(a, s), "Packet details"); after <= before {
		t.Errorf("+ on the list did not grow it: details title at row %d, was %d", after, before)
	}
	send(a, s, keySpec{"----"})
	if after := findRow(draw(a, s), "Packet details"); after >= before {
		t.Errorf("- on the list did not shrink it: details title at row %d, was %d", after, before)
	}
}

// TestTinyTerminals: any size draws without panicking, down to one cell.
func TestTinyTerminals(t *testing.T) {
	for _, size := range [][2]int{{1, 1}, {10, 3}, {20, 5}, {40, 8}, {200, 60}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			a, s := newTestApp(t, newFake(30), nil)
			s.SetSize(size[0], size[1])
			for _, keys := range []keySpec{{"G"}, {tcell.KeyTab, tcell.KeyEnter, "*"}, {tcell.KeyTab}, {"f"}, {"q", "?"}, {"q", "/tcp"}} {
				send(a, s, keys)
			}
			draw(a, s)
		})
	}
}
