package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"testing"
)

// runGuarded runs the ladder command line and turns a panic into an error,
// so that one capture's crash names the capture and the command instead of
// ending the test binary.
func runGuarded(args []string, stdout, stderr io.Writer) (code int, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return run(args, stdout, stderr), nil
}

// TestEveryCommandOnEveryCapture runs each text and JSON view over every
// capture in testdata. A capture is hostile input: no view may panic, and a
// readable capture must exit 0. It found `ladder flows` indexing the frames of
// a conversation known only from an ICMP error that quotes it (no packet of
// its own), on four public captures.
func TestEveryCommandOnEveryCapture(t *testing.T) {
	var files []string
	for _, pat := range []string{"../../testdata/*.pcap*", "../../testdata/*/*.pcap*", "../../testdata/*/*.cap", "../../testdata/*/*.pcapng*", "../../testdata/corpus/*"} {
		m, _ := filepath.Glob(pat)
		files = append(files, m...)
	}
	seen := map[string]bool{}
	commands := [][]string{
		{"flows"}, {"flows", "--json"}, {"expert"}, {"expert", "--json"},
		{"explain", "--all"}, {"explain", "--all", "--json"},
		{"stats", "--hierarchy"}, {"stats", "--conv", "tcp"}, {"stats", "--conv", "udp"},
		{"ladder", "--stream", "0"}, {"ladder", "--stream", "0", "--udp"},
		{"follow", "--stream", "0"},
	}
	n := 0
	for _, f := range files {
		if seen[f] {
			continue
		}
		seen[f] = true
		n++
		for _, c := range commands {
			args := append([]string{c[0], f}, c[1:]...)
			var out, errb bytes.Buffer
			code, err := runGuarded(args, &out, &errb)
			if err != nil {
				t.Errorf("ladder %v: %v", args, err)
				continue
			}
			// Exit 1 is a damaged capture (testdata/damaged) or a stream the
			// capture lacks; either way the command must say why.
			if code != 0 && errb.Len() == 0 {
				t.Errorf("ladder %v: exit %d with nothing on stderr", args, code)
			}
		}
	}
	if n < 100 {
		t.Fatalf("only %d captures found in testdata", n)
	}
}

// TestFlowKnownOnlyFromICMPError: the single frame of this public capture is
// an ICMP time-exceeded error quoting a UDP datagram 10.0.0.2:30000 →
// 10.0.0.1:13000 that the capture never saw. tshark 4.0.17 gives that frame
// udp.stream 0 (`tshark -T fields -e udp.stream`), so ladder lists stream 0
// with no packets of its own, spanning frame 1, starting at the capture's
// first packet.
func TestFlowKnownOnlyFromICMPError(t *testing.T) {
	var out, errb bytes.Buffer
	code := run([]string{"flows", "../../testdata/encap/zeek__zeek__testing__btest__Traces__icmp__icmp-timeexceeded.pcap", "--json"}, &out, &errb)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var rows []struct {
		Stream     int     `json:"stream"`
		Proto      string  `json:"proto"`
		Client     string  `json:"client"`
		Server     string  `json:"server"`
		Packets    int     `json:"packets_c2s"`
		Start      float64 `json:"start"`
		FirstFrame int     `json:"first_frame"`
		LastFrame  int     `json:"last_frame"`
	}
	if err := json.Unmarshal(out.Bytes(), &rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 {
		t.Fatalf("%d flows, want 1: %s", len(rows), out.String())
	}
	r := rows[0]
	if r.Stream != 0 || r.Proto != "udp" || r.Client != "10.0.0.2:30000" || r.Server != "10.0.0.1:13000" ||
		r.Packets != 0 || r.Start != 0 || r.FirstFrame != 1 || r.LastFrame != 1 {
		t.Errorf("flow = %+v", r)
	}
}
