package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The two-sided lab pair forged-both (testdata/twoside): a middlebox drops
// the client's second request (frame 8 of the client end's file) and
// forges a RST toward each end: frame 9 of the client end's file (claiming
// the server) and frame 8 of the server end's (claiming the client). The
// labels are the forwarder's ledger, forged-both.wire.json.
const (
	twoCli = "../../testdata/twoside/forged-both.client.pcap"
	twoSrv = "../../testdata/twoside/forged-both.server.pcap"
)

// TestExplainTwoCaptures: each forged reset of either file gets one
// verdict, injected/high, sent by the middlebox, proved, with the file and
// frame where it appears; stream numbers are the first file's.
func TestExplainTwoCaptures(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"explain", "--json", twoCli, twoSrv}, &out, &errb); code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var rows []resetRow
	if err := json.Unmarshal(out.Bytes(), &rows); err != nil {
		t.Fatal(err)
	}
	want := map[seenRow]bool{{twoCli, 9}: true, {twoSrv, 8}: true}
	if len(rows) != len(want) {
		t.Fatalf("%d verdicts, want %d: %s", len(rows), len(want), out.String())
	}
	for _, r := range rows {
		if len(r.SeenIn) != 1 || !want[r.SeenIn[0]] {
			t.Errorf("verdict seen in %v, want one of %v", r.SeenIn, want)
			continue
		}
		delete(want, r.SeenIn[0])
		if r.Cause != "injected" || r.Confidence != "high" || r.Origin != "middlebox" || !r.Proved || r.Stream != 0 {
			t.Errorf("%v: %s/%s origin %s proved %v stream %d", r.SeenIn, r.Cause, r.Confidence, r.Origin, r.Proved, r.Stream)
		}
		if r.File != r.SeenIn[0].File || r.Frame != r.SeenIn[0].Frame {
			t.Errorf("verdict on %s frame %d, seen in %v", r.File, r.Frame, r.SeenIn)
		}
	}
	// The same file alone cannot prove it: no seen_in, no origin.
	out.Reset()
	if code := run([]string{"explain", "--json", twoCli}, &out, &errb); code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if strings.Contains(out.String(), "seen_in") || strings.Contains(out.String(), "origin") {
		t.Errorf("one capture's verdicts carry two-sided fields: %s", out.String())
	}
}

// TestFlowsTwoCaptures: the connection is seen in both files, with one
// segment lost between the points (the dropped request) and two not sent
// by their claimed senders (the forged resets); a connection of another
// scenario's file is seen in one file only.
func TestFlowsTwoCaptures(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"flows", "--json", twoCli, twoSrv}, &out, &errb); code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var rows []flowRow
	if err := json.Unmarshal(out.Bytes(), &rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || len(rows[0].SeenIn) != 2 || rows[0].LostBetween != 1 || rows[0].NotSent != 2 {
		t.Fatalf("rows %+v", rows)
	}
	out.Reset()
	other := "../../testdata/twoside/nat.server.pcap"
	if code := run([]string{"flows", twoCli, other}, &out, &errb); code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	// tshark -z conv,tcp: forged-both.client.pcap has one TCP
	// conversation, nat.server.pcap two.
	for file, n := range map[string]int{twoCli: 1, other: 2} {
		if got := strings.Count(out.String(), "only:"+file); got != n {
			t.Errorf("%d rows seen only in %s, want %d:\n%s", got, file, n, out.String())
		}
	}
}

// TestLadderTwoCaptures: the two-sided diagram marks the lost request and
// both forged resets, and says which file is on which side.
func TestLadderTwoCaptures(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"ladder", "--stream", "0", "--width", "200", twoCli, twoSrv}, &out, &errb); code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	text := out.String()
	for _, want := range []string{
		"client side forged-both.client.pcap, server side forged-both.server.pcap",
		"LOST between the points (forged-both.client.pcap #8)",
		"NOT SENT by the server (forged-both.client.pcap #9)",
		"NOT SENT by the client (forged-both.server.pcap #8)",
		"{injected, high, sent by the middlebox, proved}",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q in\n%s", want, text)
		}
	}
}

// TestTUITwoCaptures: `ladder A B` opens the first capture; r selects its
// first reset (frame 9, the RST forged toward the client) and l draws the
// two-sided ladder with the forgery and the lost request marked.
func TestTUITwoCaptures(t *testing.T) {
	requireTmux(t)
	bin := ladderBinary(t)
	var abs [2]string
	for k, n := range []string{twoCli, twoSrv} {
		p, err := filepath.Abs(n)
		if err != nil {
			t.Fatal(err)
		}
		abs[k] = p
	}
	s := &tmuxSession{t: t, socket: fmt.Sprintf("ladder-e2e-twoside-%d", os.Getpid()), name: "e2e"}
	s.tmux("-f", "/dev/null", "new-session", "-d", "-s", s.name, "-x", "200", "-y", "30",
		fmt.Sprintf("TERM=xterm-256color %s %s %s; echo LADDER-EXIT=$?; sleep 60", bin, abs[0], abs[1]))
	t.Cleanup(func() { exec.Command("tmux", "-L", s.socket, "kill-server").Run() })
	s.waitFor("packet list", "No.", "Info", "9 packets", "loaded", "+ forged-both.server.pcap paired 1/1 TCP")
	s.keys("r")
	s.waitFor("first RST", "Frame 9:")
	s.keys("l")
	s.waitFor("two-sided ladder", "client side forged-both.client.pcap", "LOST between the points (forged-both.client.pcap #8)",
		"{injected, high, sent by the middlebox, proved} NOT SENT",
		"seen: forged-both.client.pcap #9 · forged-both.server.pcap not seen", "proved by both captures")
	s.keys("q", "f")
	s.waitFor("flow table", "Seen", "both 1 lost 2 not sent")
	s.keys("q")
	s.keys("q", "q")
	s.waitFor("clean quit", "LADDER-EXIT=0")
}

// TestReadmeTwoSidedLadder: the two-sided ladder in the README's tour is
// what ladder prints today.
func TestReadmeTwoSidedLadder(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	const cmd = "$ ladder ladder --stream 0 forged-both.client.pcap forged-both.server.pcap --width 175\n"
	_, rest, ok := strings.Cut(string(b), cmd)
	if !ok {
		t.Fatal("the README's tour has no two-sided ladder")
	}
	want, _, _ := strings.Cut(rest, "```")
	var out, errb bytes.Buffer
	if code := run([]string{"ladder", "--stream", "0", "--width", "175", twoCli, twoSrv}, &out, &errb); code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if out.String() != want {
		t.Errorf("README shows\n%s\nladder prints\n%s", want, out.String())
	}
}

// TestExplainAllTwoCaptures: with the second capture, the connection the
// middlebox killed ended by the network (injected, high), proved; the
// drops pair's graceful close names both segments lost between the points
// (forwarder's ledger: the server's first response, the client's second
// request) and where their retransmissions got through; the server's own
// abort stays the server's.
func TestExplainAllTwoCaptures(t *testing.T) {
	for _, tc := range []struct {
		name, a, b      string
		by, cause, text string
		lost            int
	}{
		{"forged", "forged-both.client.pcap", "forged-both.server.pcap", "network", "injected", "Proved by the second capture", 1},
		{"drops", "drops.client.pcap", "drops.server.pcap", "client", "", "its retransmission got through", 2},
		{"server abort", "server-abort.server.pcap", "server-abort.client.pcap", "server", "abort", "it left the server itself", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			dir := "../../testdata/twoside/"
			if code := run([]string{"explain", "--all", "--json", dir + tc.a, dir + tc.b}, &out, &errb); code != exitOK {
				t.Fatalf("exit %d: %s", code, errb.String())
			}
			var rows []outcomeRow
			if err := json.Unmarshal(out.Bytes(), &rows); err != nil {
				t.Fatal(err)
			}
			if len(rows) != 1 {
				t.Fatalf("%d rows", len(rows))
			}
			r := rows[0]
			if r.By != tc.by || r.ResetCause != tc.cause || !strings.Contains(r.Explanation, tc.text) {
				t.Errorf("by %s, cause %q: %s", r.By, r.ResetCause, r.Explanation)
			}
			if n := strings.Count(r.Explanation, "was lost between the points"); n != tc.lost {
				t.Errorf("%d losses named, want %d: %s", n, tc.lost, r.Explanation)
			}
		})
	}
}
