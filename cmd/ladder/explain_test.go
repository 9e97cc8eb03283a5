package main

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// TestExplainCommand runs "ladder explain" on the seed lab capture. The
// expected frames and causes come from the lab's label file (how the lab
// produced each reset), and the stream number from tshark's tcp.stream for
// that capture (a single conversation, stream 0).
func TestExplainCommand(t *testing.T) {
	const capture = "../../testdata/lab/seed.pcap"
	b, err := os.ReadFile("../../testdata/lab/seed.labels.json")
	if err != nil {
		t.Fatal(err)
	}
	var labels []struct {
		Frame int    `json:"frame"`
		Cause string `json:"cause"`
	}
	if err := json.Unmarshal(b, &labels); err != nil {
		t.Fatal(err)
	}

	var out, errb bytes.Buffer
	if code := run([]string{"explain", capture, "--json"}, &out, &errb); code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var rows []map[string]any
	if err := json.Unmarshal(out.Bytes(), &rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(labels) {
		t.Fatalf("%d rows, want %d", len(rows), len(labels))
	}
	for i, l := range labels {
		r := rows[i]
		for _, key := range []string{"frame", "stream", "from", "to", "cause", "confidence", "evidence", "explanation"} {
			if _, ok := r[key]; !ok {
				t.Errorf("row %d lacks %q", i, key)
			}
		}
		if r["frame"] != float64(l.Frame) || r["cause"] != l.Cause || r["stream"] != float64(0) {
			t.Errorf("row %d: frame %v cause %v stream %v, want frame %d cause %s stream 0", i, r["frame"], r["cause"], r["stream"], l.Frame, l.Cause)
		}
	}

	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"text", []string{"explain", capture}, exitOK, "frame 11  stream 0  10.77.0.1:50078 → 10.77.0.2:443  abort (high)"},
		{"stream filter", []string{"explain", "--stream", "1", capture}, exitOK, "no TCP resets"},
		{"no file", []string{"explain"}, exitUsage, ""},
		{"missing file", []string{"explain", "no-such.pcap"}, exitDamaged, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			if code := run(tc.args, &out, &errb); code != tc.code {
				t.Fatalf("exit %d, want %d (%s)", code, tc.code, errb.String())
			}
			if !strings.Contains(out.String(), tc.want) {
				t.Errorf("output lacks %q:\n%s", tc.want, out.String())
			}
		})
	}
}
