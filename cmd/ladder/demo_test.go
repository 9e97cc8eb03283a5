package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestDemoPrintsTheSeedStory: off a terminal, "ladder demo" prints the
// embedded seed capture's packet list and its reset explanations. The
// expected causes are the lab's labels for testdata/lab/seed.pcap.
func TestDemoPrintsTheSeedStory(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"demo"}, &out, &errb); code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	s := out.String()
	for _, want := range []string{
		"50078 → 443 [RST, ACK] Seq=1180 Ack=1677",
		"[TCP Dup ACK 5#1]",
		"frame 11  stream 0  10.77.0.1:50078 → 10.77.0.2:443  abort (high)",
		"frame 13  stream 0  10.77.0.1:50078 → 10.77.0.2:443  after-close (high)",
		"frame 15  stream 0  10.77.0.1:50078 → 10.77.0.2:443  after-close (high)",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("demo output lacks %q", want)
		}
	}
}

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"--version"}, {"-V"}, {"version"}} {
		var out, errb bytes.Buffer
		if code := run(args, &out, &errb); code != exitOK || !strings.HasPrefix(out.String(), "ladder ") || !strings.Contains(out.String(), "cgo off") {
			t.Errorf("%v: exit %d, %q", args, code, out.String())
		}
	}
}
