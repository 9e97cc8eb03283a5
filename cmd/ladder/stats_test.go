package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// TestStatsCommand runs each view on a real capture. The numbers are
// checked against tshark in analysis/stats; here the checks are that each
// view prints, that --json is valid JSON, and that figures hand-checked
// against tshark -z conv,tcp / endpoints,ip for this capture appear
// (stream 2: 6 frames and 1575 bytes A to B; 141.142.220.118: 105 packets,
// 22590 bytes).
func TestStatsCommand(t *testing.T) {
	file := "../../testdata/corpus/zeek__testing__btest__Traces__wikipedia.pcap"
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"conv tcp", []string{"--conv", "tcp"}, "141.142.220.118:49996"},
		{"conv tcp json", []string{"--conv", "tcp", "--json"}, `"bytes_a_to_b": 1575`},
		{"conv udp", []string{"--conv", "udp"}, "141.142.2.2:53"},
		{"endpoints", []string{"--endpoints", "ip"}, "22590"},
		{"endpoints ipv6 json", []string{"--endpoints", "ipv6", "--json"}, `"address"`},
		{"hierarchy", []string{"--hierarchy"}, "frames:78"},
		{"io ascii", []string{"--io", "--interval", "0.5", "--ascii"}, "packets/s, one column = 500ms"},
		{"io json", []string{"--io", "--json"}, `"interval": 1`},
		{"tcp-seq", []string{"--tcp-seq", "0", "--ascii"}, "tcp.stream 0"},
		{"tcp-seq json", []string{"--tcp-seq", "0", "--json"}, `"segments"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			if code := run(append([]string{"stats", file}, tc.args...), &out, &errb); code != exitOK {
				t.Fatalf("exit %d: %s", code, errb.String())
			}
			if !strings.Contains(out.String(), tc.want) {
				t.Errorf("output lacks %q:\n%s", tc.want, out.String())
			}
			if strings.Contains(tc.name, "json") && !json.Valid(out.Bytes()) {
				t.Error("invalid JSON")
			}
		})
	}
}

// TestStatsUsage: no view, two views or bad values exit with status 2.
func TestStatsUsage(t *testing.T) {
	file := "../../testdata/corpus/zeek__testing__btest__Traces__wikipedia.pcap"
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"no view", nil},
		{"two views", []string{"--hierarchy", "--io"}},
		{"bad conv", []string{"--conv", "sctp"}},
		{"bad interval", []string{"--io", "--interval", "0"}},
		{"no such stream", []string{"--tcp-seq", "999"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			if code := run(append([]string{"stats", file}, tc.args...), &out, &errb); code != exitUsage {
				t.Errorf("exit %d, want %d", code, exitUsage)
			}
		})
	}
}
