package main

import (
	"bytes"
	"encoding/json"
	"os"
	"strconv"
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

// TestExplainAll runs "ladder explain --all" and "ladder flows --json" on
// lab captures: every connection's outcome and who ended it must be the
// lab's label (NAME.outcomes.json, how the lab made each connection end),
// in text and JSON, and the flows rows must carry the same outcome.
func TestExplainAll(t *testing.T) {
	for _, name := range []string{"backlog", "stalled", "icmp-port-unreachable", "half-closed"} {
		t.Run(name, func(t *testing.T) {
			capture := "../../testdata/lab/" + name + ".pcap"
			b, err := os.ReadFile("../../testdata/lab/" + name + ".outcomes.json")
			if err != nil {
				t.Fatal(err)
			}
			var labels []struct {
				Stream  int    `json:"stream"`
				Outcome string `json:"outcome"`
				By      string `json:"by"`
			}
			if err := json.Unmarshal(b, &labels); err != nil {
				t.Fatal(err)
			}
			var text, js, flows, errb bytes.Buffer
			if code := run([]string{"explain", "--all", capture}, &text, &errb); code != exitOK {
				t.Fatalf("exit %d: %s", code, errb.String())
			}
			if code := run([]string{"explain", "--all", "--json", capture}, &js, &errb); code != exitOK {
				t.Fatalf("exit %d: %s", code, errb.String())
			}
			if code := run([]string{"flows", "--json", capture}, &flows, &errb); code != exitOK {
				t.Fatalf("exit %d: %s", code, errb.String())
			}
			var rows []outcomeRow
			if err := json.Unmarshal(js.Bytes(), &rows); err != nil {
				t.Fatal(err)
			}
			var frows []flowRow
			if err := json.Unmarshal(flows.Bytes(), &frows); err != nil {
				t.Fatal(err)
			}
			if len(rows) != len(labels) || len(frows) < len(labels) {
				t.Fatalf("%d outcome rows, %d flow rows, %d labels", len(rows), len(frows), len(labels))
			}
			for k, l := range labels {
				r := rows[k]
				if r.Stream != l.Stream || r.Outcome != l.Outcome || r.By != l.By || len(r.Evidence) == 0 || r.Explanation == "" {
					t.Errorf("row %+v, label %+v", r, l)
				}
				if head := "stream " + strconv.Itoa(l.Stream) + "  "; !strings.Contains(text.String(), head) ||
					!strings.Contains(text.String(), l.Outcome+" by "+l.By+" (") {
					t.Errorf("text lacks stream %d's %s by %s:\n%s", l.Stream, l.Outcome, l.By, text.String())
				}
				f := frows[k]
				if f.Outcome != l.Outcome || f.OutcomeBy != l.By || f.OutcomeConfidence != r.Confidence ||
					f.OutcomeExplanation != r.Explanation {
					t.Errorf("flows row %d: %s by %s (%s), want %s by %s (%s)", k, f.Outcome, f.OutcomeBy, f.OutcomeConfidence, l.Outcome, l.By, r.Confidence)
				}
			}
		})
	}
}
