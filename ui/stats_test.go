package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gdamore/tcell/v2"
	"github.com/ladder-dev/ladder/decode"
	"github.com/ladder-dev/ladder/internal/oracle"
)

// wikipediaCapture has TCP and UDP conversations over IPv4 and IPv6. The
// figures the tests below expect were read from tshark 4.0 on this file:
// `tshark -r FILE -q -z conv,tcp -z conv,udp -z endpoints,ip -z
// endpoints,ipv6 -z io,phs`.
const wikipediaCapture = "../testdata/corpus/zeek__testing__btest__Traces__wikipedia.pcap"

// openStatsCapture opens a capture file in an app at w×h without colour,
// loaded and analysed as Run leaves it.
func openStatsCapture(t *testing.T, file string, w, h int) (*App, tcell.SimulationScreen) {
	t.Helper()
	src, err := decode.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { src.Close() })
	idx := decode.Load(src)
	a := New(Config{Capture: idx, NoColor: true})
	s := newSim(t, w, h)
	a.SetScreen(s)
	s.SetSize(w, h)
	a.setFindings(analyze(idx))
	draw(a, s)
	return a, s
}

// rowFields is the whitespace-separated fields of the first screen row
// containing text, or nil.
func rowFields(rows []string, text string) []string {
	if y := findRow(rows, text); y >= 0 {
		return strings.Fields(rows[y])
	}
	return nil
}

// TestStatsSeedTabs: each tab of the seed capture at 80x24 shows tshark's
// figures: -z io,phs gives raw/ip/tcp with 15 frames and 3638 bytes;
// -z conv,tcp gives 10.77.0.1:50078 -> 10.77.0.2:443 9 frames 1630 bytes
// and <- 6 frames 2008 bytes; -z endpoints,ip gives 10.77.0.1 with 15
// packets, 3638 bytes, Tx 9/1630, Rx 6/2008.
func TestStatsSeedTabs(t *testing.T) {
	cases := []struct {
		name string
		keys keySpec
		tab  int
		key  string   // text of the row checked
		want []string // its fields
	}{
		{"hierarchy", keySpec{"S"}, tabHierarchy, "tcp", []string{"tcp", "15", "3638", "100.0"}},
		{"hierarchy root", keySpec{"S"}, tabHierarchy, "frame", []string{"frame", "15", "3638", "100.0"}},
		{"tcp conversations by 2", keySpec{"S", "2"}, tabConvTCP, "10.77.0.1:50078",
			[]string{"0", "10.77.0.1:50078", "10.77.0.2:443", "9", "1630", "6", "2008"}},
		{"tcp conversations by Tab", keySpec{"S", tcell.KeyTab}, tabConvTCP, "10.77.0.1:50078",
			[]string{"0", "10.77.0.1:50078", "10.77.0.2:443", "9", "1630", "6", "2008"}},
		{"ipv4 endpoints", keySpec{"S", "4"}, tabEndpointsIPv4, "10.77.0.1 ",
			[]string{"10.77.0.1", "15", "3638", "9", "1630", "6", "2008"}},
		{"back-tab wraps to ipv6 endpoints", keySpec{"S", tcell.KeyBacktab}, tabEndpointsIPv6, "none in this capture",
			[]string{"none", "in", "this", "capture"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a, s := openSeed(t, 80, 24, false, &bytes.Buffer{})
			send(a, s, tc.keys)
			rows := draw(a, s)
			if a.view != viewStats || a.stats.tab != tc.tab {
				t.Fatalf("view %d tab %d, want the statistics at tab %d", a.view, a.stats.tab, tc.tab)
			}
			got := rowFields(rows[3:], tc.key)
			if len(got) < len(tc.want) || strings.Join(got[:len(tc.want)], " ") != strings.Join(tc.want, " ") {
				t.Errorf("row %q: %q, want %q\n%s", tc.key, got, tc.want, strings.Join(rows, "\n"))
			}
		})
	}
}

// TestStatsWikipedia: the conversation and endpoint tabs of a capture with
// many rows, at a width where every column shows, against the tshark
// figures quoted in the cases.
func TestStatsWikipedia(t *testing.T) {
	cases := []struct {
		name string
		tab  string
		key  string
		want []string
	}{
		// tshark: 141.142.220.118:49996 <-> 208.80.152.3:80  <- 4 1005  -> 6 1575  total 10 2580  start 1.758770000  duration 0.2185
		{"tcp", "2", "141.142.220.118:49996", []string{"141.142.220.118:49996", "208.80.152.3:80", "6", "1575", "4", "1005", "10", "2580", "1.758770000", "0.2185"}},
		// tshark: 141.142.220.226:137 <-> 141.142.220.255:137  <- 0 0  -> 7 644  total 7 644  start 3.765849000  duration 2.6130
		{"udp", "3", "141.142.220.226:137", []string{"141.142.220.226:137", "141.142.220.255:137", "7", "644", "0", "0", "7", "644", "3.765849000", "2.6130"}},
		// tshark: 141.142.220.118  105 22590  Tx 60 12683  Rx 45 9907
		{"ipv4 endpoints", "4", "141.142.220.118 ", []string{"141.142.220.118", "105", "22590", "60", "12683", "45", "9907"}},
		// tshark: fe80::3074:17d5:2052:c324  4 380  Tx 4 380  Rx 0 0
		{"ipv6 endpoints", "5", "fe80::3074:17d5:2052:c324", []string{"fe80::3074:17d5:2052:c324", "4", "380", "4", "380", "0", "0"}},
		// tshark -z io,phs: eth 136 25260, ipv6 5 593, arp 6 360
		{"hierarchy eth", "1", "eth", []string{"eth", "136", "25260", "100.0"}},
		{"hierarchy ipv6", "1", "ipv6", []string{"ipv6", "5", "593"}},
		{"hierarchy arp", "1", "arp", []string{"arp", "6", "360"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a, s := openStatsCapture(t, wikipediaCapture, 160, 50)
			send(a, s, keySpec{"S", tc.tab})
			rows := draw(a, s)
			got := rowFields(rows[3:], tc.key)
			if tc.tab == "2" || tc.tab == "3" {
				got = got[1:] // the stream number comes first
			}
			if len(got) < len(tc.want) || strings.Join(got[:len(tc.want)], " ") != strings.Join(tc.want, " ") {
				t.Errorf("row %q: %q, want %q", tc.key, got, tc.want)
			}
		})
	}
}

// TestStatsConversationsMatchTshark compares every row of the TCP and UDP
// tabs with tshark -z conv,tcp / conv,udp run now on the same file:
// endpoints, frames and bytes each way and in total.
func TestStatsConversationsMatchTshark(t *testing.T) {
	oracle.Require(t)
	for _, proto := range []struct{ name, tab string }{{"tcp", "2"}, {"udp", "3"}} {
		t.Run(proto.name, func(t *testing.T) {
			out := oracle.Run(t, "-n", "-q", "-r", wikipediaCapture, "-z", "conv,"+proto.name)
			a, s := openStatsCapture(t, wikipediaCapture, 200, 60)
			send(a, s, keySpec{"S", proto.tab})
			rows := draw(a, s)
			for k := range rows {
				// tshark writes IPv6 endpoints without brackets.
				rows[k] = strings.NewReplacer("[", "", "]", "").Replace(rows[k])
			}
			n := 0
			for _, l := range strings.Split(out, "\n") {
				f := strings.Fields(l)
				// A <-> B  <-frames <-bytes "bytes" ->frames ->bytes "bytes" frames bytes "bytes" start duration
				if len(f) != 14 || f[1] != "<->" {
					continue
				}
				n++
				got := rowFields(rows[3:], f[0]+" ")
				want := []string{f[0], f[2], f[6], f[7], f[3], f[4], f[9], f[10]} // A B A→B(->) bytes B→A(<-) bytes total
				if len(got) < 9 || strings.Join(got[1:9], " ") != strings.Join(want, " ") {
					t.Errorf("tshark %q\nladder %q", l, got)
				}
			}
			if n == 0 || len(a.stats.tables[a.stats.tab].rows) != n {
				t.Errorf("tshark has %d conversations, the tab %d", n, len(a.stats.tables[a.stats.tab].rows))
			}
		})
	}
}

// TestStatsKeys: moving, sorting and Enter's filters on the wikipedia
// capture. Frame counts are tshark's: tcp.stream 2 (49996 -> :80, the
// first row) has 10 frames, 141.142.220.118 105, the IPv6 branch 5 frames.
// The hierarchy's rows: frame, eth, ip, udp, tcp, ipv6, udp, arp.
func TestStatsKeys(t *testing.T) {
	cases := []struct {
		name    string
		keys    keySpec
		filter  string
		shown   int    // packets the list shows after Enter
		cursor  string // or: text of the selected row (still in the view)
		message string
	}{
		{"enter on a tcp conversation", keySpec{"S", "2", tcell.KeyEnter}, "tcp.stream == 2", 10, "", ""},
		{"enter on an ipv4 endpoint", keySpec{"S", "4", tcell.KeyEnter}, "ip.addr == 141.142.220.118", 105, "", ""},
		{"enter on the ipv6 branch", keySpec{"S", "1", "jjjjj", tcell.KeyEnter}, "ipv6", 5, "", ""},
		{"enter on udp under ipv6", keySpec{"S", "1", "jjjjjj", tcell.KeyEnter}, "ipv6 && udp", 5, "", ""},
		{"enter on the root shows all", keySpec{"S", tcell.KeyEnter}, "", 136, "", ""},
		{"j moves down", keySpec{"S", "2", "j"}, "", 0, "141.142.220.118:49997", ""},
		{"G is the last row", keySpec{"S", "2", "G"}, "", 0, "173.192.163.128:80", ""},
		{"g is the first row", keySpec{"S", "2", "Gg"}, "", 0, "141.142.220.118:49996", ""},
		{"PgDn stops at the last row", keySpec{"S", "2", tcell.KeyPgDn, tcell.KeyPgDn}, "", 0, "173.192.163.128:80", ""},
		// Sorting by Stream (s): largest first, 173.192.163.128:80 (stream 9).
		{"s sorts by stream", keySpec{"S", "2", "s"}, "", 0, "173.192.163.128:80", ""},
		// S reverses: stream 0 (141.142.220.118:35634) first.
		{"S reverses", keySpec{"S", "2", "sS"}, "", 0, "141.142.220.118:35634", ""},
		// Sorting by A (ss): 141.142.220.118:35634 is first A to Z.
		{"ss sorts by A", keySpec{"S", "2", "ss"}, "", 0, "141.142.220.118:35634", ""},
		{"hierarchy keeps its order", keySpec{"S", "s"}, "", 0, "frame", "the hierarchy keeps its tree order"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a, s := openStatsCapture(t, wikipediaCapture, 120, 40)
			send(a, s, tc.keys)
			if tc.cursor != "" {
				row := a.stats.selectedRow()
				if a.view != viewStats || row == nil || !strings.Contains(row.line, tc.cursor) {
					t.Fatalf("selected row %+v, want %q", row, tc.cursor)
				}
				if a.message != tc.message {
					t.Errorf("message %q, want %q", a.message, tc.message)
				}
				return
			}
			waitFilter(t, a)
			a.refresh()
			if a.view != viewMain || a.filterExpr != tc.filter {
				t.Fatalf("view %d filter %q, want the packet list filtered by %q (%s)", a.view, a.filterExpr, tc.filter, a.message)
			}
			if got := a.list.rows.Len(); got != tc.shown {
				t.Errorf("%d packets shown, want %d", got, tc.shown)
			}
		})
	}
}

// TestStatsBack: q and Esc go back to the packet list; a link layer
// without a filter name (the seed's raw IP) says so and stays.
func TestStatsBack(t *testing.T) {
	for _, k := range []keySpec{{"q"}, {tcell.KeyEscape}} {
		a, s := openSeed(t, 80, 24, false, &bytes.Buffer{})
		send(a, s, append(keySpec{"S"}, k...))
		if a.view != viewMain || a.quit {
			t.Errorf("%v: view %d, want the packet list", k, a.view)
		}
	}
	a, s := openSeed(t, 80, 24, false, &bytes.Buffer{})
	send(a, s, keySpec{"S", "j", tcell.KeyEnter})
	if a.view != viewStats || !strings.HasPrefix(a.message, "no display filter for raw") {
		t.Errorf("view %d, message %q", a.view, a.message)
	}
}

// TestStatsHorizontalScroll: at 80 columns the conversation table is wider
// than the screen; → shows the columns on the right (Frames, Bytes, Start).
func TestStatsHorizontalScroll(t *testing.T) {
	a, s := openSeed(t, 80, 24, false, &bytes.Buffer{})
	send(a, s, keySpec{"S", "2"})
	rows := draw(a, s)
	if findRow(rows, "Duration") >= 0 || findRow(rows, "more columns") < 0 {
		t.Fatalf("the whole table fits 80 columns?\n%s", strings.Join(rows, "\n"))
	}
	send(a, s, keySpec{tcell.KeyRight, tcell.KeyRight, tcell.KeyRight, tcell.KeyRight, tcell.KeyRight, tcell.KeyRight, "l"})
	rows = draw(a, s)
	// tshark: total 15 frames 3638 bytes, start 0.000000000, duration 0.3447.
	if got := rowFields(rows[3:], "0.3447"); len(got) < 4 || strings.Join(got[len(got)-4:], " ") != "15 3638 0.000000000 0.3447" {
		t.Errorf("after scrolling right: %q\n%s", got, strings.Join(rows, "\n"))
	}
	send(a, s, keySpec{"h", tcell.KeyLeft, tcell.KeyLeft, tcell.KeyLeft, tcell.KeyLeft, tcell.KeyLeft, tcell.KeyLeft, tcell.KeyLeft})
	rows = draw(a, s)
	if findRow(rows, "10.77.0.1:50078") < 0 {
		t.Errorf("scrolling back left does not show the endpoints:\n%s", strings.Join(rows, "\n"))
	}
}

// loadingCapture opens the seed capture through a FIFO that stays open
// until the returned func is called, so the app sees a capture that is
// still loading.
func loadingCapture(t *testing.T) (*decode.Index, func()) {
	t.Helper()
	data, err := os.ReadFile(seedCapture)
	if err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(t.TempDir(), "seed.fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	w := make(chan *os.File, 1)
	go func() {
		f, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err != nil {
			w <- nil
			return
		}
		f.Write(data[:200]) // the header and the first packets; the rest later
		w <- f
	}()
	src, err := decode.Open(fifo)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { src.Close() })
	f := <-w
	if f == nil {
		t.Fatal("cannot open the FIFO for writing")
	}
	idx := decode.Start(src)
	return idx, func() {
		f.Write(data[200:])
		f.Close()
		idx.Wait()
	}
}

// TestStatsWaitForLoading: S, i and t say they open once the capture has
// loaded, and open once it has.
func TestStatsWaitForLoading(t *testing.T) {
	idx, finish := loadingCapture(t)
	a := New(Config{Capture: idx, NoColor: true})
	s := newSim(t, 80, 24)
	a.SetScreen(s)
	s.SetSize(80, 24)
	// The packet list draws while the loader waits on the FIFO for more
	// packets (the loader does not hold the index's lock while it waits).
	drawn := make(chan []string, 1)
	go func() { drawn <- draw(a, s) }()
	select {
	case <-drawn:
	case <-time.After(5 * time.Second):
		t.Fatal("drawing while the capture loads waits for the loader")
	}
	cases := []struct{ key, message string }{
		{"S", "statistics open once the capture has loaded"},
		{"i", "the I/O graph opens once the capture has loaded"},
		{"t", "the time-sequence graph opens once the capture has loaded"},
	}
	for _, tc := range cases {
		a.handleKey(runeKey(rune(tc.key[0])))
		if a.view != viewMain || a.message != tc.message {
			t.Errorf("%s while loading: view %d, message %q; want %q", tc.key, a.view, a.message, tc.message)
		}
	}
	finish()
	send(a, s, keySpec{"S", "2"})
	if rows := draw(a, s); a.view != viewStats || findRow(rows, "10.77.0.1:50078") < 0 {
		t.Errorf("S after loading: view %d\n%s", a.view, strings.Join(rows, "\n"))
	}
}

// TestStatsNeedsAnIndex: a capture that is not an index (the views'
// fixture) gets a message, not a crash.
func TestStatsNeedsAnIndex(t *testing.T) {
	a, s := newTestApp(t, newFake(10), nil)
	for _, k := range []string{"S", "i", "t"} {
		send(a, s, keySpec{k})
		if a.view != viewMain || a.message == "" {
			t.Errorf("%s: view %d, message %q", k, a.view, a.message)
		}
	}
}

// TestStatsSayTheyCountEveryPacket (issue 19 item 7): with a display filter
// applied, the statistics and the I/O graph still count every packet (the
// hierarchy's tcp row keeps tshark's 15 frames of seed.pcap, not the 3
// resets shown); their captions say so instead of leaving the user to
// think they count what the list shows.
func TestStatsSayTheyCountEveryPacket(t *testing.T) {
	a, s := openStatsCapture(t, "../testdata/lab/seed.pcap", 100, 24)
	send(a, s, keySpec{"/", "tcp.flags.reset==1", tcell.KeyEnter})
	waitFilter(t, a)
	send(a, s, keySpec{"S"})
	rows := draw(a, s)
	if findRow(rows, "every packet, not only the filter's") < 0 {
		t.Errorf("the statistics do not say they ignore the filter:\n%s", strings.Join(rows, "\n"))
	}
	if f := rowFields(rows, "tcp"); len(f) < 2 || f[1] != "15" {
		t.Errorf("tcp row %v, want tshark's 15 frames", f)
	}
	send(a, s, keySpec{"q", "i"})
	if rows := draw(a, s); findRow(rows, "every packet, not only the filter's") < 0 {
		t.Errorf("the I/O graph does not say it ignores the filter:\n%s", strings.Join(rows, "\n"))
	}
}
