package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The seed capture's facts these tests look for were checked by hand
// against `tshark -n -r testdata/lab/seed.pcap`: one tcp.stream, the
// client's FIN in frame 10, its RST/ACK in frame 11 crossed by the server's
// Dup ACK (frame 12) and ACK (frame 14); the explanation text is the
// explainer's (`ladder explain`), whose causes are checked against the
// lab's labels in the analysis tests.

// seedTUI starts the ladder binary on args in tmux at 80x24 and waits for
// the loaded packet list (the analysis runs right after loading).
func seedTUI(t *testing.T, id string, args ...string) *tmuxSession {
	return seedTUIWith(t, id, nil, args...)
}

// seedTUIWith is seedTUI with tmux server options set before ladder starts.
func seedTUIWith(t *testing.T, id string, options [][]string, args ...string) *tmuxSession {
	t.Helper()
	requireTmux(t)
	bin := ladderBinary(t)
	s := &tmuxSession{t: t, socket: fmt.Sprintf("ladder-e2e-%s-%d", id, os.Getpid()), name: "e2e"}
	cmd := []string{"-f", "/dev/null", "new-session", "-d", "-s", s.name, "-x", "80", "-y", "24",
		fmt.Sprintf("TERM=xterm-256color %s %s; echo LADDER-EXIT=$?; sleep 60", bin, strings.Join(args, " "))}
	for _, o := range options {
		cmd = append(append(cmd, ";"), o...) // in the same tmux command, so they apply before ladder draws
	}
	s.tmux(cmd...)
	t.Cleanup(func() { exec.Command("tmux", "-L", s.socket, "kill-server").Run() })
	s.waitFor("packet list", "No.", "Info", "15 packets", "loaded")
	return s
}

func seedPath(t *testing.T) string {
	p, err := filepath.Abs("../../testdata/lab/seed.pcap")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// explanationShown is what must be on screen when the first reset is
// selected in the ladder: the crossing arrows' labels and the verdict.
var explanationShown = []string{
	"{abort, high} [RST, ACK]",  // the RST arrow, cause on it
	"[TCP Dup ACK 5#1] [ACK]",   // the segment that crossed it
	"RST frame 11: abort (high", // the explanation pane's title
	"abortively closed its own connection",
}

// TestTUILadderThroughFlowTable: the walk: f, Enter, l, c, then
// step to the RST and read its explanation.
func TestTUILadderThroughFlowTable(t *testing.T) {
	s := seedTUI(t, "flows", seedPath(t))
	s.keys("f")
	s.waitFor("flow table", "State", "RSTO", "reset abort")
	s.keys("Enter")
	s.waitFor("filtered to the flow", "15/15 shown", "tcp.stream == 0")
	s.keys("l")
	s.waitFor("ladder", "client 10.77.0.1:50078  <->  server 10.77.0.2:443", "[SYN] Seq=0")
	s.keys("c")
	scr := s.waitFor("close", "[FIN, ACK] Seq=1179", "Packet details", "Frame 10:")
	if strings.Contains(scr, "RST frame 11") {
		t.Errorf("the explanation shows before the RST is selected:\n%s", scr)
	}
	s.keys("j")
	s.waitFor("the RST and its explanation", explanationShown...)
	s.keys("q")
	s.waitFor("back in the list at the RST", "Packet details", "Frame 11:")
}

// TestTUIExplanationInTwoKeys: r (first RST in the list), l (its ladder):
// the explanation is next to the crossing arrows after two keys.
func TestTUIExplanationInTwoKeys(t *testing.T) {
	s := seedTUI(t, "two", seedPath(t))
	s.keys("r")
	s.waitFor("first RST", "Frame 11:")
	s.keys("l")
	s.waitFor("explanation", explanationShown...)
}

// TestTUIDemoReachesExplanation: `ladder demo` opens the embedded seed
// capture; r, l reach the explanation.
func TestTUIDemoReachesExplanation(t *testing.T) {
	s := seedTUI(t, "demo", "demo")
	s.keys("r", "l")
	s.waitFor("explanation", explanationShown...)
	s.keys("q", "q")
	s.waitFor("clean quit", "LADDER-EXIT=0")
}

// TestTUIYankReachesTerminalClipboard: y in the ladder sends OSC 52 to the
// terminal; tmux (with set-clipboard on, as a terminal emulator would)
// puts the text in its paste buffer: the ladder and the explanation.
func TestTUIYankReachesTerminalClipboard(t *testing.T) {
	s := seedTUIWith(t, "yank", [][]string{{"set", "-g", "set-clipboard", "on"}}, seedPath(t))
	s.keys("r", "l")
	s.waitFor("explanation", explanationShown...)
	s.keys("y")
	s.waitFor("sent", "sent the ladder", "by OSC 52")
	buf := s.tmux("show-buffer")
	for _, want := range []string{"client 10.77.0.1:50078  <->  server 10.77.0.2:443", "{abort, high} [RST, ACK]", "Frame 11: the client"} {
		if !strings.Contains(buf, want) {
			t.Errorf("tmux buffer lacks %q:\n%s", want, buf)
		}
	}
}
