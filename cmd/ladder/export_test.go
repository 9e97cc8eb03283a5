package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ladder-dev/ladder/internal/oracle"
)

// TestExportCommand: `ladder export -Y FILTER` (and --stream) writes a file
// that tshark reads exactly as it shows the original with the same filter,
// frame numbers aside (oracle: tshark on both files, epoch times).
func TestExportCommand(t *testing.T) {
	oracle.Require(t)
	file := "../../testdata/corpus/zeek__testing__btest__Traces__wikipedia.pcap"
	for _, tc := range []struct {
		name, filter string
		args         []string
	}{
		{"filter pcapng", "tcp.flags.syn == 1 && tcp.port == 80", []string{"-Y", "tcp.flags.syn == 1 && tcp.port == 80"}},
		{"stream pcap", "tcp.stream == 2", []string{"--stream", "2", "--format", "pcap"}},
		{"udp stream", "udp.stream == 1", []string{"--stream", "1", "--udp"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			var stdout, stderr bytes.Buffer
			args := append([]string{"export", file, "-w", out}, tc.args...)
			if code := run(args, &stdout, &stderr); code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr.String())
			}
			want := dropFrameNumbers(oracle.Run(t, "-n", "-t", "e", "-r", file, "-Y", tc.filter))
			got := dropFrameNumbers(oracle.Run(t, "-n", "-t", "e", "-r", out))
			if len(want) == 0 || strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("tshark reads back:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

func dropFrameNumbers(out string) []string {
	var lines []string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if f := strings.Fields(l); len(f) > 1 {
			lines = append(lines, strings.Join(f[1:], " "))
		}
	}
	return lines
}
