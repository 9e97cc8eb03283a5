package main

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ladder-dev/ladder/internal/oracle"
)

// TestFollowRawCommand: `ladder follow --format raw` writes to a pipe
// exactly the bytes tshark -z follow,tcp,raw prints in hex (oracle: tshark
// on the same file), gap marker included.
func TestFollowRawCommand(t *testing.T) {
	oracle.Require(t)
	for _, tc := range []struct {
		name, file, stream string
		udp                bool
	}{
		{"tcp with gaps and retransmissions", "../../testdata/corpus/zeek__testing__btest__Traces__tcp__reassembly.pcap", "0", false},
		{"tcp both directions", "../../testdata/corpus/zeek__testing__btest__Traces__wikipedia.pcap", "0", false},
		{"udp", "../../testdata/corpus/zeek__testing__btest__Traces__wikipedia.pcap", "0", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			proto := "tcp"
			args := []string{"follow", tc.file, "--stream", tc.stream, "--format", "raw"}
			if tc.udp {
				proto = "udp"
				args = append(args, "--udp")
			}
			var want []byte
			for _, line := range strings.Split(oracle.Run(t, "-r", tc.file, "-q", "-z", "follow,"+proto+",raw,"+tc.stream), "\n") {
				line = strings.TrimPrefix(line, "\t")
				if b, err := hex.DecodeString(line); err == nil {
					want = append(want, b...)
				}
			}
			var out, errb bytes.Buffer
			if code := run(args, &out, &errb); code != exitOK {
				t.Fatalf("exit %d: %s", code, errb.String())
			}
			if len(want) == 0 || !bytes.Equal(out.Bytes(), want) {
				t.Errorf("raw output (%d bytes) differs from tshark's (%d bytes)", out.Len(), len(want))
			}
		})
	}
}

// TestFollowUsage: bad flags exit with usage status 2.
func TestFollowUsage(t *testing.T) {
	file := "../../testdata/corpus/zeek__testing__btest__Traces__wikipedia.pcap"
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"no stream", []string{"follow", file}},
		{"bad format", []string{"follow", file, "--stream", "0", "--format", "base64"}},
		{"no such stream", []string{"follow", file, "--stream", "999"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			if code := run(tc.args, &out, &errb); code != exitUsage {
				t.Errorf("exit %d, want %d (%s)", code, exitUsage, errb.String())
			}
		})
	}
}

// TestFollowRawRefusesTerminal runs the real binary in a tmux pane (a
// terminal): raw output to it is refused with usage status and nothing of
// the payload reaches the screen.
func TestFollowRawRefusesTerminal(t *testing.T) {
	requireTmux(t)
	capture, err := filepath.Abs("../../testdata/corpus/zeek__testing__btest__Traces__wikipedia.pcap")
	if err != nil {
		t.Fatal(err)
	}
	bin := ladderBinary(t)
	s := &tmuxSession{t: t, socket: fmt.Sprintf("ladder-follow-%d", os.Getpid()), name: "follow"}
	s.tmux("new-session", "-d", "-s", s.name, "-x", "100", "-y", "24",
		fmt.Sprintf("%s follow %s --stream 0 --format raw; echo LADDER-EXIT=$?; sleep 60", bin, capture))
	defer exec.Command("tmux", "-L", s.socket, "kill-server").Run()
	scr := s.waitFor("refusal", "LADDER-EXIT=2", "refusing to write raw payload bytes to a terminal")
	if strings.Contains(scr, "GET / HTTP") {
		t.Errorf("payload reached the terminal:\n%s", scr)
	}
}
