package main

import (
	"bytes"
	"encoding/json"
	"testing"
)

// TestFlowsShowResetCause: a flow that ended in a reset carries its first
// RST's frame and cause. Expected values are the capture lab's labels for
// these captures (testdata/lab/*.labels.json: how each RST was produced).
func TestFlowsShowResetCause(t *testing.T) {
	tests := []struct {
		name, file string
		frame      int
		cause      string
	}{
		{"seed: the client's abort ends the connection", "../../testdata/lab/seed.pcap", 11, "abort"},
		{"refused: the SYN draws a RST/ACK", "../../testdata/lab/refused.pcap", 2, "refused"},
		{"half-open: the forgotten connection's reset", "../../testdata/lab/half-open.pcap", 9, "no-connection"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			if code := run([]string{"flows", "--json", tc.file}, &out, &errb); code != exitOK {
				t.Fatalf("exit %d: %s", code, errb.String())
			}
			var rows []flowRow
			if err := json.Unmarshal(out.Bytes(), &rows); err != nil {
				t.Fatal(err)
			}
			for _, r := range rows {
				if r.ResetFrame == tc.frame {
					if r.ResetCause != tc.cause {
						t.Errorf("reset cause %q, want %q", r.ResetCause, tc.cause)
					}
					return
				}
			}
			t.Errorf("no flow ends with the reset in frame %d: %+v", tc.frame, rows)
		})
	}
}
