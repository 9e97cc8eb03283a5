package ui

import (
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gdamore/tcell/v2"
	"github.com/ladder-dev/ladder/decode"
	"github.com/ladder-dev/ladder/internal/oracle"
	"github.com/ladder-dev/ladder/ui/config"
)

func settingsOf(t *testing.T, text string) Settings {
	t.Helper()
	c, err := config.Parse("config.toml", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return *c
}

// newConfiguredApp builds the app with settings on an 80x24 simulation
// screen, the way Run does (SetScreen picks the colours).
func newConfiguredApp(t *testing.T, text string) (*App, tcell.SimulationScreen) {
	t.Helper()
	a := New(Config{Capture: newFake(100), Settings: settingsOf(t, text)})
	s := newSim(t, 80, 24)
	a.SetScreen(s)
	s.SetSize(80, 24)
	draw(a, s)
	return a, s
}

// cellAt returns the style of the first cell of text on screen.
func cellAt(t *testing.T, s tcell.SimulationScreen, text string) tcell.Style {
	t.Helper()
	rows := screenText(s)
	y := findRow(rows, text)
	if y < 0 {
		t.Fatalf("%q not on screen:\n%s", text, strings.Join(rows, "\n"))
	}
	x := len([]rune(rows[y][:strings.Index(rows[y], text)]))
	cells, w, _ := s.GetContents()
	return cells[y*w+x].Style
}

// TestThemeChangesDrawing draws the same capture with three settings and
// checks the cells: the light theme paints black on white itself where the
// dark one leaves the terminal's colours, and color = "none" draws no
// colour at all (the selected row still shows, in reverse video).
func TestThemeChangesDrawing(t *testing.T) {
	white, black := tcell.NewHexColor(0xffffff), tcell.NewHexColor(0x000000)
	cases := []struct {
		name       string
		file       string
		titleFG    tcell.Color // of the "Packet details" pane title
		titleBG    tcell.Color
		anyColour  bool // some cell has a colour (the TCP rows' Wireshark colours)
		selReverse bool
	}{
		{"dark is the default", "", tcell.ColorDefault, tcell.ColorDefault, true, false},
		{"light", "[ui]\ntheme = \"light\"\n", black, white, true, false},
		{"light in 16 colours", "[ui]\ntheme = \"light\"\ncolor = \"16\"\n", tcell.ColorBlack, tcell.ColorWhite, true, false},
		{"no colour", "[ui]\ncolor = \"none\"\n", tcell.ColorDefault, tcell.ColorDefault, false, true},
		{"no colour wins over light", "[ui]\ntheme = \"light\"\ncolor = \"none\"\n", tcell.ColorDefault, tcell.ColorDefault, false, true},
		{"header colour from [colors]", "[colors]\nheader = \"yellow on navy\"\n", tcell.ColorYellow, tcell.ColorNavy, true, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a, s := newConfiguredApp(t, tc.file)
			a.setFocus(paneList) // the details title is then drawn in the header style
			draw(a, s)
			fg, bg, _ := cellAt(t, s, "Packet details").Decompose()
			if fg != tc.titleFG || bg != tc.titleBG {
				t.Errorf("title fg %v bg %v, want %v %v", fg, bg, tc.titleFG, tc.titleBG)
			}
			cells, w, _ := s.GetContents()
			coloured := false
			for _, c := range cells[w : 6*w] { // list rows 1-5
				fg, bg, _ := c.Style.Decompose()
				coloured = coloured || fg != tcell.ColorDefault || bg != tcell.ColorDefault
			}
			if coloured != tc.anyColour {
				t.Errorf("some cell coloured: %v, want %v", coloured, tc.anyColour)
			}
			_, _, attr := cellAt(t, s, "pkt 1").Decompose()
			if rev := attr&tcell.AttrReverse != 0; rev != tc.selReverse {
				t.Errorf("selected row reverse: %v, want %v", rev, tc.selReverse)
			}
		})
	}
}

// TestNoColorConfigAgreesWithFlag: color = "none" draws exactly what
// --no-color draws.
func TestNoColorConfigAgreesWithFlag(t *testing.T) {
	a1, s1 := newConfiguredApp(t, "[ui]\ncolor = \"none\"\n")
	a2 := New(Config{Capture: newFake(100), NoColor: true})
	s2 := newSim(t, 80, 24)
	a2.SetScreen(s2)
	s2.SetSize(80, 24)
	draw(a1, s1)
	draw(a2, s2)
	c1, _, _ := s1.GetContents()
	c2, _, _ := s2.GetContents()
	for i := range c1 {
		if c1[i].Style != c2[i].Style || string(c1[i].Runes) != string(c2[i].Runes) {
			t.Fatalf("cell %d differs: %v %q vs %v %q", i, c1[i].Style, string(c1[i].Runes), c2[i].Style, string(c2[i].Runes))
		}
	}
}

// TestKeyOverrides sends keys through tview's input capture, as the
// terminal does. Frames are those of newFake: a RST at every 10th frame,
// notes where fakeAnnotations says (none here).
func TestKeyOverrides(t *testing.T) {
	cases := []struct {
		name  string
		file  string
		keys  string
		frame int
		quit  bool
	}{
		{"defaults", "", "jj", 3, false},
		{"moved key works", "[keys]\ndown = \"J\"\n", "JJ", 3, false},
		{"moved key's old key does nothing", "[keys]\ndown = \"J\"\n", "jj", 1, false},
		{"swapped keys", "[keys]\ndown = \"k\"\nup = \"j\"\n", "kkkj", 3, false},
		{"rebound RST search", "[keys]\nnext_rst = \"!\"\n", "!", 10, false},
		{"quit moved: q stays", "[keys]\nquit = \"Q\"\n", "qj", 2, false},
		{"quit moved: Q quits", "[keys]\nquit = \"Q\"\n", "Q", 1, true},
		{"counts still work", "[keys]\ndown = \"J\"\n", "5J", 6, false},
		{"typed filter text is not remapped", "[keys]\ndown = \"J\"\nquit = \"Q\"\n", "/Jq", 1, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a, s := newConfiguredApp(t, tc.file)
			capture := a.tv.GetInputCapture()
			for _, r := range tc.keys {
				capture(runeKey(r))
				draw(a, s)
			}
			if got := a.list.Selected() + 1; got != tc.frame {
				t.Errorf("selected frame %d, want %d", got, tc.frame)
			}
			if a.quit != tc.quit {
				t.Errorf("quit = %v, want %v", a.quit, tc.quit)
			}
		})
	}
	a, _ := newConfiguredApp(t, "[keys]\ndown = \"J\"\nquit = \"Q\"\n")
	capture := a.tv.GetInputCapture()
	for _, r := range "/Jq" {
		capture(runeKey(r))
	}
	if got := a.input.GetText(); got != "Jq" {
		t.Errorf("filter bar text %q, want %q", got, "Jq")
	}
}

func TestLayoutFromSettings(t *testing.T) {
	cases := []struct {
		name    string
		file    string
		shown   []string
		hidden  []string
		focus   int
		listTop int // screen rows of the list pane (header included)
	}{
		{"default", "", []string{"No.", "Packet details", "Packet bytes"}, nil, paneList, 0},
		{"no details", "[layout]\npanes = [\"list\", \"bytes\"]\n", []string{"No.", "Packet bytes"}, []string{"Packet details"}, paneList, 0},
		{"details only", "[layout]\npanes = [\"details\"]\n", []string{"Packet details"}, []string{"No.", "Packet bytes"}, paneDetails, 0},
		{"zoomed list", "[layout]\nzoom = true\n", []string{"No."}, []string{"Packet details", "Packet bytes"}, paneList, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a, s := newConfiguredApp(t, tc.file)
			rows := draw(a, s)
			for _, w := range tc.shown {
				if findRow(rows, w) < 0 {
					t.Errorf("%q not shown:\n%s", w, strings.Join(rows, "\n"))
				}
			}
			for _, w := range tc.hidden {
				if findRow(rows, w) >= 0 {
					t.Errorf("%q shown:\n%s", w, strings.Join(rows, "\n"))
				}
			}
			if a.focus != tc.focus {
				t.Errorf("focus %d, want %d", a.focus, tc.focus)
			}
		})
	}
	// Heights: list = 1, details = 1, bytes = 1 gives three equal panes
	// of the 23 rows above the status bar: 7, 7 and 9 (the last takes
	// what is left), so "Packet details" is on row 7 and "Packet bytes"
	// on row 14.
	a, s := newConfiguredApp(t, "[layout]\nlist = 1\ndetails = 1\nbytes = 1\n")
	rows := draw(a, s)
	if d, b := findRow(rows, "Packet details"), findRow(rows, "Packet bytes"); d != 7 || b != 14 {
		t.Errorf("titles on rows %d and %d, want 7 and 14:\n%s", d, b, strings.Join(rows, "\n"))
	}
	// Making the list taller and pressing = restores the configured heights.
	send(a, s, keySpec{"+", "+", "="})
	rows = draw(a, s)
	if d, b := findRow(rows, "Packet details"), findRow(rows, "Packet bytes"); d != 7 || b != 14 {
		t.Errorf("after = titles on rows %d and %d, want the configured 7 and 14:\n%s", d, b, strings.Join(rows, "\n"))
	}
}

// timeCaptures are the testdata captures the time formats are compared
// on: every pcapng (timestamp resolutions from seconds to nanoseconds,
// several interfaces, custom blocks and simple packet blocks without
// timestamps), the nanosecond pcaps, a microsecond pcap, the lab's seed
// capture and the analysis captures. The other classic pcaps add nothing
// new and tshark is slow to start; all 110 captures were compared once
// (27903 rows, all equal) when the test was written.
func timeCaptures(t *testing.T) []string {
	var files []string
	for _, pat := range []string{"../testdata/corpus/*pcapng*", "../testdata/corpus/*nano*", "../testdata/corpus/gopacket__pcap__test_loopback.pcap",
		"../testdata/lab/seed.pcap", "../testdata/analysis/*.pcap*"} {
		m, err := filepath.Glob(pat)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) < 15 {
		t.Fatalf("only %d captures", len(files))
	}
	return files
}

// TestTimeFormatsAgainstTshark compares the Time column in each format
// with tshark's -t a, -t d and -t e on every testdata capture, in a time
// zone with daylight saving (absolute times are local, as tshark's).
func TestTimeFormatsAgainstTshark(t *testing.T) {
	oracle.Require(t)
	const zone = "America/New_York"
	loc, err := time.LoadLocation(zone)
	if err != nil {
		t.Skipf("no zone data for %s: %v", zone, err)
	}
	t.Setenv("TZ", zone) // for tshark
	formats := []struct {
		name   string
		format int
		flag   string
	}{
		{"absolute", timeAbsolute, "a"},
		{"delta", timeDelta, "d"},
		{"epoch", timeEpoch, "e"},
	}
	// Packets where tshark's own relative time differs from decode.Row's
	// (a known difference of the list test) are not the formats' doing.
	known := map[string]string{
		"tcpdump__tests__timestamp_invalid_nano.pcap": "sub-second field >= 1e9 (a known difference of the list test)",
		"gopacket__pcapgo__tests__le__test902.pcapng": "if_tsresol 10^-2: decode.Row prints 3 decimals where tshark prints 2, already in relative times",
	}
	files := timeCaptures(t)
	// tshark runs are the slow part: run them eight at a time.
	outs := make([][3]string, len(files))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 8)
	for k, file := range files {
		for j, f := range formats {
			wg.Add(1)
			go func() {
				defer wg.Done()
				sem <- struct{}{}
				defer func() { <-sem }()
				outs[k][j] = oracle.Run(t, "-n", "-r", file, "-t", f.flag, "-T", "fields", "-e", "_ws.col.Time")
			}()
		}
	}
	wg.Wait()
	compared, agreed := 0, 0
	for k, file := range files {
		if known[filepath.Base(file)] != "" {
			continue
		}
		src, err := decode.Open(file)
		if err != nil {
			if outs[k][0] != "" {
				t.Errorf("%s: ladder cannot open what tshark reads: %v", filepath.Base(file), err)
			}
			continue
		}
		idx := decode.Load(src)
		for j, f := range formats {
			// One line a frame; a frame with no time (a simple packet
			// block has none) is an empty line, so only the last newline
			// is trimmed.
			want := strings.Split(strings.TrimSuffix(outs[k][j], "\n"), "\n")
			if len(want) != idx.Len() && outs[k][j] != "" {
				t.Errorf("%s -t %s: ladder reads %d packets, tshark %d", filepath.Base(file), f.flag, idx.Len(), len(want))
			}
			tc := timedCapture{Capture: idx, format: f.format, loc: loc}
			var buf []byte
			for i := 0; i < min(len(want), idx.Len()); i++ {
				var r decode.Row
				r, buf = tc.Row(i, "", buf)
				compared++
				if r.Time == want[i] {
					agreed++
					continue
				}
				t.Errorf("%s frame %d -t %s: %q, tshark %q", filepath.Base(file), i+1, f.flag, r.Time, want[i])
			}
		}
		src.Close()
	}
	t.Logf("time formats: %d/%d rows agree with tshark (%.2f%%)", agreed, compared, 100*float64(agreed)/float64(max(compared, 1)))
	if compared < 500 {
		t.Errorf("only %d rows compared", compared)
	}
}

// TestFormatTimeHandChecked covers what the captures may not: negative
// deltas (timestamps going backwards), precision 0 and 9, and a time of
// day across midnight UTC. Expected values are worked out by hand.
func TestFormatTimeHandChecked(t *testing.T) {
	c := newFake(3)
	c.pkts[0].Time = 1_700_000_000_123_456_789 // 2023-11-14 22:13:20.123456789 UTC
	c.pkts[1].Time = 1_700_000_000_023_456_789 // 0.1 s earlier
	c.pkts[2].Time = 1_700_006_400_000_000_001 // 2023-11-15 00:00:00.000000001 UTC
	cases := []struct {
		name   string
		format int
		i      int
		prec   int
		want   string
	}{
		{"epoch, microseconds", timeEpoch, 0, 6, "1700000000.123456"},
		{"epoch, nanoseconds", timeEpoch, 0, 9, "1700000000.123456789"},
		{"epoch, whole seconds", timeEpoch, 0, 0, "1700000000"},
		{"delta of the first packet", timeDelta, 0, 6, "0.000000"},
		{"delta backwards", timeDelta, 1, 6, "-0.100000"},
		{"delta forwards", timeDelta, 2, 9, "6399.976543212"},
		{"absolute UTC", timeAbsolute, 0, 6, "22:13:20.123456"},
		{"absolute after midnight", timeAbsolute, 2, 9, "00:00:00.000000001"},
		{"absolute, milliseconds", timeAbsolute, 0, 3, "22:13:20.123"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := formatTime(tc.format, c, tc.i, tc.prec, time.UTC); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func BenchmarkTimedRow(b *testing.B) {
	files, _ := filepath.Glob("../testdata/lab/*.pcap")
	if len(files) == 0 {
		b.Skip("no lab captures")
	}
	src, err := decode.Open(files[0])
	if err != nil {
		b.Fatal(err)
	}
	defer src.Close()
	idx := decode.Load(src)
	for _, f := range []int{timeRelative, timeAbsolute, timeDelta, timeEpoch} {
		b.Run(fmt.Sprint([]string{"relative", "absolute", "delta", "epoch"}[f]), func(b *testing.B) {
			var c Capture = idx
			if f != timeRelative {
				c = timedCapture{Capture: idx, format: f, loc: time.Local}
			}
			var buf []byte
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				_, buf = c.Row(i%idx.Len(), "", buf)
			}
		})
	}
}

// TestTimeFormatInList checks that the setting reaches the packet list.
// newFake's packet i is at i ms and its own Row prints "i.000" (three
// decimals), so frame 3 is "2.000" relative, "0.001" delta, "0.002" epoch.
func TestTimeFormatInList(t *testing.T) {
	cases := []struct{ file, want string }{
		{"", "2.000"},
		{"[ui]\ntime = \"delta\"\n", "0.001"},
		{"[ui]\ntime = \"epoch\"\n", "0.002"},
	}
	for _, tc := range cases {
		t.Run(tc.want, func(t *testing.T) {
			_, s := newConfiguredApp(t, tc.file)
			rows := screenText(s)
			row := rows[findRow(rows, "pkt 3")]
			if f := strings.Fields(row); len(f) < 2 || f[1] != tc.want {
				t.Errorf("frame 3 row %q, want time %s", row, tc.want)
			}
		})
	}
}

// TestClipboardSettings: osc52 = false and yank_file reach the copy
// command's Config fields; the --no-osc52 flag (Config.NoOSC52) and a
// YankFile given by the caller win over the file.
func TestClipboardSettings(t *testing.T) {
	cases := []struct {
		name     string
		cfg      Config
		file     string
		noOSC52  bool
		yankFile string
	}{
		{"defaults", Config{}, "", false, ""},
		{"file turns OSC 52 off", Config{}, "[ui]\nosc52 = false\nyank_file = \"/tmp/y.txt\"\n", true, "/tmp/y.txt"},
		{"flag beats osc52 = true", Config{NoOSC52: true}, "[ui]\nosc52 = true\n", true, ""},
		{"caller's yank file beats the file's", Config{YankFile: "/a"}, "[ui]\nyank_file = \"/b\"\n", false, "/a"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cfg := tc.cfg
			cfg.Capture, cfg.Settings = newFake(10), settingsOf(t, tc.file)
			a := New(cfg)
			if a.cfg.NoOSC52 != tc.noOSC52 || a.cfg.YankFile != tc.yankFile {
				t.Errorf("NoOSC52 %v YankFile %q, want %v %q", a.cfg.NoOSC52, a.cfg.YankFile, tc.noOSC52, tc.yankFile)
			}
		})
	}
}
