package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestTUIAtEverySize: the interface draws and quits at terminal sizes other
// than the terminfo default of 80x24. (The bug: initialising the tcell
// screen twice left its cell buffer at 80x24, and at any other size the
// first draw spun forever on a blank screen.)
func TestTUIAtEverySize(t *testing.T) {
	requireTmux(t)
	capture, err := filepath.Abs("../../testdata/lab/seed.pcap")
	if err != nil {
		t.Fatal(err)
	}
	bin := ladderBinary(t)
	for i, size := range [][2]int{{80, 24}, {100, 30}, {132, 43}, {60, 16}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			s := &tmuxSession{t: t, socket: fmt.Sprintf("ladder-size-%d-%d", os.Getpid(), i), name: "sz"}
			s.tmux("new-session", "-d", "-s", s.name, "-x", fmt.Sprint(size[0]), "-y", fmt.Sprint(size[1]),
				fmt.Sprintf("%s %s; echo LADDER-EXIT=$?; sleep 60", bin, capture))
			defer exec.Command("tmux", "-L", s.socket, "kill-server").Run()
			s.waitFor("packet list", "No.", "15 packets")
			s.keys("q")
			s.waitFor("clean quit", "LADDER-EXIT=0")
		})
	}
}
