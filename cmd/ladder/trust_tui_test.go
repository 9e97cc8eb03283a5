package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ladder-dev/ladder/internal/oracle"
)

// The tests of issue 19 ("trust the interactive view"): each sends its
// keys to fleetRuns copies of ladder with no pause between them and needs
// every copy right. Expected frames come from tshark on the same capture
// (seed.pcap: one tcp.stream of 15 frames; resets in frames 11, 13, 15).

// tsharkFrames lists the frame numbers tshark displays for filter.
func tsharkFrames(t *testing.T, capture, filter string) []int {
	t.Helper()
	oracle.Require(t)
	var out []int
	for _, f := range strings.Fields(oracle.Run(t, "-n", "-r", capture, "-Y", filter, "-T", "fields", "-e", "frame.number")) {
		n, err := strconv.Atoi(f)
		if err != nil {
			t.Fatalf("tshark frame number %q", f)
		}
		out = append(out, n)
	}
	if len(out) == 0 {
		t.Fatalf("tshark shows no frame for %q", filter)
	}
	return out
}

// selectedFrame is the frame number of the packet list's selected row.
func selectedFrame(scr screenshot) (int, error) {
	for _, l := range scr.selectedLines() {
		if f := strings.Fields(l); len(f) > 4 && f[4] == "TCP" {
			return strconv.Atoi(f[0])
		}
	}
	return 0, fmt.Errorf("no packet-list row is selected")
}

// listShows checks that the list has settled on filter (its full count,
// from tshark) with frame want selected and detailed.
func listShows(filter string, shown, total, want int) func(screenshot) error {
	return func(scr screenshot) error {
		if !strings.Contains(scr.text, fmt.Sprintf("%d/%d shown", shown, total)) || !strings.Contains(scr.text, filter) {
			return fmt.Errorf("the filter %q has not settled", filter)
		}
		sel, err := selectedFrame(scr)
		if err != nil {
			return err
		}
		if sel != want {
			return fmt.Errorf("frame %d selected, want %d", sel, want)
		}
		if !strings.Contains(scr.text, fmt.Sprintf("Frame %d:", want)) {
			return fmt.Errorf("the details do not show frame %d", want)
		}
		return nil
	}
}

// TestTUIKeysAfterFilterAct (item 1): keys typed right after a filter act,
// in order, on the packet the filter selects. Before, the filter's rows
// arrived after the keys, and `l` found no packet selected.
func TestTUIKeysAfterFilterAct(t *testing.T) {
	t.Parallel() // a fleet mostly waits on tmux: overlap it with the other tests
	seed := seedPath(t)
	closing := tsharkFrames(t, seed, "tcp.stream == 0 && (tcp.flags.fin == 1 || tcp.flags.reset == 1)")[0]
	firstRST := tsharkFrames(t, seed, "tcp.flags.reset == 1")[0]
	cases := []struct {
		name string
		keys []string
		want []string
	}{
		// f Enter filters to the flow, l opens its ladder, c goes to its close.
		{"flow table, ladder, close", []string{"f", "Enter", "l", "c"},
			[]string{"client 10.77.0.1:50078  <->  server", fmt.Sprintf("Frame %d:", closing), "[FIN, ACK] Seq=1179"}},
		{"filter then ladder", []string{"/", "tcp.stream==0", "Enter", "l"},
			[]string{"client 10.77.0.1:50078  <->  server", "[SYN] Seq=0", "Frame 1:"}},
		{"filter to resets then ladder", []string{"/", "tcp.flags.reset==1", "Enter", "l"},
			[]string{"client 10.77.0.1:50078  <->  server", fmt.Sprintf("RST frame %d: abort", firstRST)}},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := startFleet(t, fmt.Sprint("keys", i), 80, 24, seed)
			f.keys(c.keys...)
			f.expect(strings.Join(c.keys, " "), func(scr screenshot) error {
				for _, w := range c.want {
					if !strings.Contains(scr.text, w) {
						return fmt.Errorf("%q not on screen", w)
					}
				}
				return nil
			})
		})
	}
}

// TestTUIFilterKeepsSelection (item 2): as Wireshark's rescan_packets
// (file.c) does, a filter keeps the selected packet when it passes, else
// selects the last displayed packet before it, else the first after it.
func TestTUIFilterKeepsSelection(t *testing.T) {
	t.Parallel() // a fleet mostly waits on tmux: overlap it with the other tests
	seed := seedPath(t)
	total := len(tsharkFrames(t, seed, "frame"))
	cases := []struct {
		from   int
		filter string
	}{
		{8, "tcp"},                 // frame 8 passes: it stays
		{8, "tcp.flags.reset==1"},  // no reset before 8: the first after it
		{12, "tcp.flags.reset==1"}, // 12 hidden: 11, the one before it
		{14, "tcp.flags.push==1"},  // 14 hidden: the last push before it
	}
	for i, c := range cases {
		t.Run(fmt.Sprintf("frame %d, %s", c.from, c.filter), func(t *testing.T) {
			shown := tsharkFrames(t, seed, c.filter)
			want := -1
			for _, fr := range shown { // the oracle's list, Wireshark's rule
				if fr <= c.from {
					want = fr
				}
			}
			if want < 0 {
				want = shown[0]
			}
			f := startFleet(t, fmt.Sprint("keep", i), 80, 24, seed)
			f.keys(":", strconv.Itoa(c.from), "Enter", "/", c.filter, "Enter")
			f.expect(fmt.Sprintf(":%d then /%s", c.from, c.filter), listShows(c.filter, len(shown), total, want))
		})
	}
}

// TestTUIPanesAgree (item 3): after the ladder of a packet the filter hides
// (the flow table's ladder opens at the SYN; the filter shows resets only),
// the list, the details and the bytes show one packet again. Before, the
// list kept frame 11 highlighted while details and bytes showed frame 1.
func TestTUIPanesAgree(t *testing.T) {
	t.Parallel() // a fleet mostly waits on tmux: overlap it with the other tests
	seed := seedPath(t)
	resets := tsharkFrames(t, seed, "tcp.flags.reset==1")
	total := len(tsharkFrames(t, seed, "frame"))
	// the bytes pane's first line of the first reset, from tshark's hex dump
	hex := strings.Fields(strings.SplitN(oracle.Run(t, "-n", "-r", seed, "-Y", fmt.Sprintf("frame.number == %d", resets[0]), "-x"), "\n", 2)[0])
	f := startFleet(t, "panes", 80, 24, seed)
	f.keys("/", "tcp.flags.reset==1", "Enter", "f", "l", "q", "q")
	check := listShows("tcp.flags.reset==1", len(resets), total, resets[0])
	f.expect("list, details and bytes after the ladder", func(scr screenshot) error {
		if err := check(scr); err != nil {
			return err
		}
		if !strings.Contains(scr.text, "0000  "+strings.Join(hex[1:9], " ")) {
			return fmt.Errorf("the bytes pane does not start with frame %d's bytes %v", resets[0], hex[1:9])
		}
		return nil
	})
}

// TestTUIResizeKeepsLadderPlace (item 4): the selected arrow stays selected
// and on screen through a resize to 200x50 and back to 80x24. Before, the
// diagram came back scrolled to the SYN with nothing selected while the
// RST's explanation was still shown.
func TestTUIResizeKeepsLadderPlace(t *testing.T) {
	t.Parallel() // a fleet mostly waits on tmux: overlap it with the other tests
	seed := seedPath(t)
	firstRST := tsharkFrames(t, seed, "tcp.flags.reset == 1")[0]
	f := startFleet(t, "resize", 80, 24, seed)
	f.each([]string{"send-keys", "-t", "%s", "r", "l"}, []string{"resize-window", "-t", "%s", "-x", "200", "-y", "50"})
	// Wait until each has drawn at 200x50: there the explanation stands
	// beside the whole diagram, which fits, so the diagram scrolls to its top.
	f.expect("the wide layout", func(scr screenshot) error {
		for _, l := range strings.Split(scr.text, "\n") {
			if strings.Contains(l, "[SYN] Seq=0") && strings.Contains(l, "│") {
				return nil
			}
		}
		return fmt.Errorf("not drawn at 200x50 yet")
	})
	f.each([]string{"resize-window", "-t", "%s", "-x", "80", "-y", "24"})
	f.expect("the RST still selected after the resizes", func(scr screenshot) error {
		if !strings.Contains(scr.text, fmt.Sprintf("RST frame %d: abort", firstRST)) {
			return fmt.Errorf("the explanation of frame %d is not shown", firstRST)
		}
		for _, l := range scr.selectedLines() {
			if strings.Contains(l, "{abort, high} [RST, ACK]") {
				return nil
			}
		}
		return fmt.Errorf("the RST's arrow is not selected on screen")
	})
}

// TestTUISaveAsksBeforeOverwriting (item 5): w onto an existing file asks
// first; any key but y leaves the file as it was, y overwrites it with
// the displayed packets (counted by tshark). Before, w replaced any file
// but the capture being read without a word.
func TestTUISaveAsksBeforeOverwriting(t *testing.T) {
	t.Parallel() // a fleet mostly waits on tmux: overlap it with the other tests
	seed := seedPath(t)
	total := len(tsharkFrames(t, seed, "frame"))
	dir := t.TempDir()
	const precious = "notes that must survive\n"
	f := startFleet(t, "save", 80, 24, seed)
	for i := range f.n {
		if err := os.WriteFile(filepath.Join(dir, f.session(i)+".pcap"), []byte(precious), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	target := filepath.Join(dir, "%s.pcap")
	unchanged := func(i int) error {
		data, err := os.ReadFile(filepath.Join(dir, f.session(i)+".pcap"))
		if err != nil || string(data) != precious {
			return fmt.Errorf("the existing file was changed (%v): %q", err, data)
		}
		return nil
	}
	f.keys("w", target, "Enter", "n")
	f.expectEach("n leaves the file alone", func(i int, scr screenshot) error {
		if !strings.Contains(scr.text, "not saved") {
			return fmt.Errorf("no answer to the question on screen")
		}
		return unchanged(i)
	})
	f.keys("w", target, "Enter")
	f.expectEach("the question", func(i int, scr screenshot) error {
		if !strings.Contains(scr.text, "overwrite the existing file? (y/n)") {
			return fmt.Errorf("no question on screen")
		}
		return unchanged(i)
	})
	f.keys("y")
	f.expectEach("y overwrites", func(i int, scr screenshot) error {
		if !strings.Contains(scr.text, fmt.Sprintf("saved %d packets", total)) {
			return fmt.Errorf("not saved yet")
		}
		return nil
	})
	got := len(strings.Fields(oracle.Run(t, "-n", "-r", filepath.Join(dir, f.session(0)+".pcap"), "-T", "fields", "-e", "frame.number")))
	if got != total {
		t.Errorf("the saved file holds %d packets for tshark, want %d", got, total)
	}
}

// TestTUIYankSaysWhatHappened (item 6): inside tmux with its default
// set-clipboard external, which drops OSC 52 from applications, y says so
// and writes the yank file; with set-clipboard on it says it sent the text
// by OSC 52, and tmux's paste buffer holds it. Either way the ladder's
// labels are whole: the RST's label as tshark's Info has it (its fields up
// to Len=), not cut at 80 columns. Before, y claimed "copied to the
// clipboard" under tmux's default, where nothing arrived.
func TestTUIYankSaysWhatHappened(t *testing.T) {
	t.Parallel() // a fleet mostly waits on tmux: overlap it with the other tests
	seed := seedPath(t)
	rst := tsharkFrames(t, seed, "tcp.flags.reset == 1")[0]
	info := strings.TrimSpace(oracle.Run(t, "-n", "-r", seed, "-Y", fmt.Sprintf("frame.number == %d", rst), "-T", "fields", "-e", "_ws.col.Info"))
	label := info[strings.Index(info, "[RST"):strings.Index(info, "Len=")] + "Len=0" // "[RST, ACK] Seq=1180 Ack=1677 Win=67584 Len=0"
	t.Run("set-clipboard external", func(t *testing.T) {
		dir := t.TempDir()
		f := startFleetEnv(t, "yankext", 80, 24, "TMPDIR="+filepath.Join(dir, "%s"), nil, seed)
		for i := range f.n {
			os.Mkdir(filepath.Join(dir, f.session(i)), 0o755)
		}
		f.keys("r", "l", "y")
		f.expectEach("y under set-clipboard external", func(i int, scr screenshot) error {
			if !strings.Contains(scr.text, "tmux drops OSC 52") {
				return fmt.Errorf("the status does not say tmux drops the copy")
			}
			data, err := os.ReadFile(filepath.Join(dir, f.session(i), "ladder-yank.txt"))
			if err != nil || !strings.Contains(string(data), label) {
				return fmt.Errorf("the yank file lacks the whole label %q (%v)", label, err)
			}
			return nil
		})
	})
	t.Run("set-clipboard on", func(t *testing.T) {
		f := startFleetEnv(t, "yankon", 80, 24, "", [][]string{{"set", "-g", "set-clipboard", "on"}}, seed)
		f.keys("r", "l", "y")
		f.expectEach("y under set-clipboard on", func(i int, scr screenshot) error {
			if !strings.Contains(scr.text, "sent the ladder") || !strings.Contains(scr.text, "OSC 52") {
				return fmt.Errorf("the status does not say the ladder was sent by OSC 52")
			}
			return nil
		})
		if buf := f.tmux("show-buffer"); !strings.Contains(buf, label) {
			t.Errorf("tmux's buffer lacks the whole label %q:\n%s", label, buf)
		}
	})
}
