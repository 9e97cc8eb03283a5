package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ladder-dev/ladder/internal/oracle"
)

// tmuxSession runs the real ladder binary in a detached tmux session of a
// fixed size on a private server socket, and reads its screen.
type tmuxSession struct {
	t      *testing.T
	socket string
	name   string
}

func requireTmux(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("tmux is required under CI (apt-get install -y tmux)")
		}
		t.Skip("tmux not installed; the end-to-end test of the interface is skipped")
	}
}

func (s *tmuxSession) tmux(args ...string) string {
	s.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", s.socket}, args...)...).CombinedOutput()
	if err != nil {
		s.t.Fatalf("tmux %v: %v: %s", args, err, out)
	}
	return string(out)
}

func (s *tmuxSession) keys(keys ...string) {
	s.tmux(append([]string{"send-keys", "-t", s.name}, keys...)...)
}

// literal types text as is (send-keys -l), so "tcp" is not read as a key name.
func (s *tmuxSession) literal(text string) { s.tmux("send-keys", "-t", s.name, "-l", text) }

func (s *tmuxSession) screen() string { return s.tmux("capture-pane", "-p", "-t", s.name) }

// waitFor polls the screen until it contains every one of want.
func (s *tmuxSession) waitFor(what string, want ...string) string {
	s.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		scr := s.screen()
		ok := true
		for _, w := range want {
			ok = ok && strings.Contains(scr, w)
		}
		if ok {
			return scr
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("%s: %q not on screen:\n%s", what, want, scr)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestTUIInTmux opens a lab capture in the interface at 80x24 as a user
// over ssh would, and checks each step on the screen tmux shows: the list,
// a filter to one stream, a packet's details, the help screen, and a clean
// quit. Expected rows and counts come from tshark on the same file.
func TestTUIInTmux(t *testing.T) {
	requireTmux(t)
	oracle.Require(t)
	capture, err := filepath.Abs("../../testdata/lab/backlog.pcap")
	if err != nil {
		t.Fatal(err)
	}
	bin := ladderBinary(t)
	// The oracle: frame 1's Info and the frames of tcp.stream 1.
	first := strings.TrimSpace(oracle.Run(t, "-n", "-r", capture, "-c", "1", "-T", "fields", "-e", "_ws.col.Info"))
	stream1 := strings.Fields(oracle.Run(t, "-n", "-r", capture, "-Y", "tcp.stream == 1", "-T", "fields", "-e", "frame.number"))
	total := len(strings.Fields(oracle.Run(t, "-n", "-r", capture, "-T", "fields", "-e", "frame.number")))
	if first == "" || len(stream1) == 0 {
		t.Fatal("tshark gave no frames")
	}

	s := &tmuxSession{t: t, socket: fmt.Sprintf("ladder-e2e-%d", os.Getpid()), name: "e2e"}
	// The shell line reports ladder's exit status and keeps the pane open
	// so the test can read it after ladder quits.
	s.tmux("new-session", "-d", "-s", s.name, "-x", "80", "-y", "24",
		fmt.Sprintf("TERM=xterm-256color %s %s; echo LADDER-EXIT=$?; sleep 60", bin, capture))
	defer exec.Command("tmux", "-L", s.socket, "kill-server").Run()

	scr := s.waitFor("packet list", "No.", "Info", "loaded", fmt.Sprintf("%d packets", total))
	lines := strings.Split(scr, "\n")
	if len(lines) < 24 {
		t.Fatalf("screen has %d lines, want 24", len(lines))
	}
	// Frame 1's row: the Info column is cut at 80 columns, so compare its start.
	row1 := lines[1]
	if !strings.HasPrefix(strings.TrimSpace(row1), "1 ") || !strings.Contains(row1, first[:20]) {
		t.Errorf("first row %q does not show frame 1 (%q)", row1, first)
	}

	s.keys("/")
	s.literal("tcp.stream == 1")
	s.waitFor("filter parses", "valid filter")
	s.keys("Enter")
	scr = s.waitFor("filter applied", fmt.Sprintf("%d/%d shown", len(stream1), total), "tcp.stream == 1")
	var shown []string
	for _, l := range strings.Split(scr, "\n")[1:] {
		f := strings.Fields(l)
		if len(f) > 6 && f[4] == "TCP" {
			shown = append(shown, f[0])
		}
	}
	if strings.Join(shown, " ") != strings.Join(stream1, " ") {
		t.Errorf("filtered rows %v, tshark's tcp.stream == 1 frames %v", shown, stream1)
	}

	s.keys("Enter") // to the details
	s.keys("Enter") // expand the frame
	s.waitFor("details expanded", "▾ Frame "+stream1[0]+":", "Arrival Time:", "Frame Number: "+stream1[0])

	s.keys("?")
	s.waitFor("help", "ladder help", "go to packet N", "next / previous TCP reset")
	s.keys("q")
	s.waitFor("back from help", "Packet details")

	s.keys("q")
	scr = s.waitFor("clean quit", "LADDER-EXIT=0")
	if strings.Contains(scr, "Packet details") {
		t.Errorf("the interface is still on screen after quitting:\n%s", scr)
	}
}

// TestTUIOpensEveryWay: "ladder FILE", "ladder -r FILE" and
// "cat FILE | ladder -" all open the interface on the terminal.
func TestTUIOpensEveryWay(t *testing.T) {
	requireTmux(t)
	capture, err := filepath.Abs("../../testdata/lab/refused.pcap")
	if err != nil {
		t.Fatal(err)
	}
	bin := ladderBinary(t)
	cases := []struct{ name, shell, shownName string }{
		{"file", bin + " " + capture, "refused.pcap"},
		{"-r file", bin + " -r " + capture, "refused.pcap"},
		{"stdin", "cat " + capture + " | " + bin + " -", "stdin │"},
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := &tmuxSession{t: t, socket: fmt.Sprintf("ladder-e2e-%d-%d", os.Getpid(), i), name: "e2e"}
			s.tmux("new-session", "-d", "-s", s.name, "-x", "80", "-y", "24",
				fmt.Sprintf("%s; echo LADDER-EXIT=$?; sleep 60", tc.shell))
			defer exec.Command("tmux", "-L", s.socket, "kill-server").Run()
			s.waitFor("packet list", "No.", tc.shownName, "4 packets", "loaded")
			s.keys("q")
			s.waitFor("clean quit", "LADDER-EXIT=0")
		})
	}
}

// TestDefaultWithoutTerminal: when standard output is not a terminal,
// "ladder FILE" and "ladder -r FILE" print the packet list, as scripts expect.
func TestDefaultWithoutTerminal(t *testing.T) {
	capture := "../../testdata/lab/refused.pcap"
	var want strings.Builder
	if code := run([]string{"list", capture}, &want, os.Stderr); code != exitOK {
		t.Fatalf("ladder list: exit %d", code)
	}
	cases := []struct {
		name string
		args []string
	}{
		{"file", []string{capture}},
		{"-r file", []string{"-r", capture}},
		{"--no-color is ignored", []string{"--no-color", capture}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var out strings.Builder
			if code := run(tc.args, &out, os.Stderr); code != exitOK {
				t.Fatalf("exit %d", code)
			}
			if out.String() != want.String() || want.Len() == 0 {
				t.Errorf("output:\n%s\nwant the list:\n%s", out.String(), want.String())
			}
		})
	}
}

// TestTUIFollowAndSaveInTmux: F on the request of get-to-ssh-server.pcap
// shows its text (`tshark -q -z follow,tcp,ascii,0` prints "GET /
// HTTP/1.1" and "Host: 128.3.50.246" for frame 4, and the server's
// "SSH-2.0-OpenSSH_8.7"); then, with the display filter tcp.len > 0, w
// saves the displayed packets and tshark reads back as many frames as
// `tshark -r FILE -Y "tcp.len > 0"` shows.
func TestTUIFollowAndSaveInTmux(t *testing.T) {
	requireTmux(t)
	oracle.Require(t)
	capture, err := filepath.Abs("../../testdata/corpus/zeek__testing__btest__Traces__http__get-to-ssh-server.pcap")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	bin := ladderBinary(t)
	const filter = "tcp.len > 0"
	want := len(strings.Fields(oracle.Run(t, "-n", "-r", capture, "-Y", filter, "-T", "fields", "-e", "frame.number")))
	if want == 0 {
		t.Fatal("tshark shows no frames with payload")
	}

	s := &tmuxSession{t: t, socket: fmt.Sprintf("ladder-e2e-follow-%d", os.Getpid()), name: "e2e"}
	s.tmux("new-session", "-d", "-s", s.name, "-x", "80", "-y", "24",
		fmt.Sprintf("TERM=xterm-256color %s %s; echo LADDER-EXIT=$?; sleep 60", bin, capture))
	defer exec.Command("tmux", "-L", s.socket, "kill-server").Run()
	s.waitFor("packet list", "No.", "9 packets", "loaded")

	s.keys(":")
	s.literal("4")
	s.keys("Enter", "F")
	s.waitFor("follow view", "Follow TCP stream 0", `GET / HTTP/1.1\r\n`, `Host: 128.3.50.246\r\n`)
	s.keys("G")
	s.waitFor("the server's reply", `SSH-2.0-OpenSSH_8.7\r\n`, "chunk 2 of 2, frame 6")
	s.keys("q")
	s.waitFor("back to the list", "Packet details")

	s.keys("/")
	s.literal(filter)
	s.waitFor("filter parses", "valid filter")
	s.keys("Enter")
	s.waitFor("filter applied", fmt.Sprintf("%d/9 shown", want))
	out := filepath.Join(dir, "payload.pcap")
	s.keys("w")
	s.waitFor("save prompt", "to (.pcap or pcapng):")
	s.literal(out)
	s.keys("Enter")
	s.waitFor("saved", fmt.Sprintf("saved %d packets to", want))
	got := len(strings.Fields(oracle.Run(t, "-n", "-r", out, "-T", "fields", "-e", "frame.number")))
	if got != want {
		t.Errorf("tshark reads %d frames from the saved file, want %d", got, want)
	}
	s.keys("q")
	s.waitFor("clean quit", "LADDER-EXIT=0")
}

// TestTUIStatsAndGraphsInTmux: S shows the TCP conversations of the seed
// capture with the figures `tshark -q -z conv,tcp` prints for it (read from
// tshark now: A->B frames and bytes, then B->A), i draws the I/O graph with
// its time axis and the resets marked, t the flow's time-sequence graph.
func TestTUIStatsAndGraphsInTmux(t *testing.T) {
	oracle.Require(t)
	capture := seedPath(t)
	var want []string
	for _, l := range strings.Split(oracle.Run(t, "-n", "-q", "-r", capture, "-z", "conv,tcp"), "\n") {
		// A <-> B  <-frames <-bytes "bytes" ->frames ->bytes "bytes" ...
		if f := strings.Fields(l); len(f) == 14 && f[1] == "<->" {
			want = []string{f[0], f[2], f[6], f[7], f[3], f[4]}
		}
	}
	if want == nil {
		t.Fatal("tshark printed no TCP conversation")
	}
	s := seedTUI(t, "stats", capture)
	s.keys("S", "2")
	scr := s.waitFor("conversations tab", "TCP conversations", want[0])
	var got []string
	for _, l := range strings.Split(scr, "\n") {
		if f := strings.Fields(l); len(f) >= 7 && f[1] == want[0] {
			got = f[1:7]
		}
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("conversation row %q, tshark's %q:\n%s", got, want, scr)
	}
	s.keys("q", "i")
	s.waitFor("I/O graph", "packets/s, one column = 5ms", "└───", "R  R")
	s.keys("q", "t")
	s.waitFor("time-sequence graph", "tcp.stream 0, server → client", "R reset")
	s.keys("q", "q")
	s.waitFor("clean quit", "LADDER-EXIT=0")
}
