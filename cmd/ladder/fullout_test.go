package main

import (
	"os"
	"strings"
	"testing"
)

// TestOutputToFullDisk: every printing command run with stdout on /dev/full
// (every write fails with ENOSPC) exits 1 and says the output could not be
// written. Before, the final flush's error was dropped and `ladder list
// seed.pcap > /dev/full` exited 0 having printed nothing (issue 19 item 9).
func TestOutputToFullDisk(t *testing.T) {
	const seed = "../../testdata/lab/seed.pcap"
	cases := []struct {
		name string
		args []string
	}{
		{"list", []string{"list", seed}},
		{"list json", []string{"list", seed, "--json"}},
		{"list filtered", []string{"list", seed, "-Y", "tcp.flags.reset==1"}},
		{"flows", []string{"flows", seed}},
		{"flows json", []string{"flows", seed, "--json"}},
		{"expert", []string{"expert", seed}},
		{"expert json", []string{"expert", seed, "--json"}},
		{"explain", []string{"explain", seed}},
		{"explain json", []string{"explain", seed, "--json"}},
		{"stats conv", []string{"stats", seed, "--conv", "tcp"}},
		{"stats endpoints", []string{"stats", seed, "--endpoints", "ip"}},
		{"stats hierarchy", []string{"stats", seed, "--hierarchy"}},
		{"stats io", []string{"stats", seed, "--io"}},
		{"stats tcp-seq", []string{"stats", seed, "--tcp-seq", "0"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			defer full.Close()
			var errb strings.Builder
			code := run(c.args, full, &errb)
			if code != exitDamaged {
				t.Errorf("exit %d, want %d (stderr %q)", code, exitDamaged, errb.String())
			}
			if !strings.Contains(errb.String(), "no space left on device") {
				t.Errorf("stderr %q does not say why the output was lost", errb.String())
			}
		})
	}
}
