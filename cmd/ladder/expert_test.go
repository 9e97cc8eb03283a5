package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/ladder-dev/ladder/internal/oracle"
)

// expertLine matches one line of a severity section of "tshark -q -z
// expert": frequency, group, protocol, summary.
var expertLine = regexp.MustCompile(`^\s+(\d+)\s+(\S+)\s+(\S+)\s+(.+?)\s*$`)

// expertSection matches a section header ("Warns (12)").
var expertSection = regexp.MustCompile(`^(Errors|Warns|Notes|Chats|Comments) \(\d+\)`)

// tsharkSeverity names ladder's severities as tshark's section headers do.
var tsharkSeverity = map[string]string{"Errors": "Error", "Warns": "Warning", "Notes": "Note", "Chats": "Chat"}

// unmodelledExpert are tshark TCP expert summaries ladder does not produce,
// with the reason; the comparison leaves them out.
var unmodelledExpert = []struct{ prefix, reason string }{
	{"The acknowledgment number field is nonzero while the ACK flag is not set", "header checks, not sequence analysis"},
	{"Window scale shift exceeds 14", "option checks, not sequence analysis"},
	{"option length should be", "option checks, not sequence analysis"},
	{"TCP SYN with TFO Cookie", "TCP Fast Open not decoded"},
	{"The SYN packet does not contain a MSS option", "option checks, not sequence analysis"},
}

// knownExpertDifferences are notes tshark gives through features ladder
// does not have, keyed "file:summary", with the reason.
var knownExpertDifferences = map[string]string{}

func unmodelled(summary string) bool {
	for _, u := range unmodelledExpert {
		if strings.HasPrefix(summary, u.prefix) {
			return true
		}
	}
	return false
}

// TestExpertMatchesTshark compares "ladder expert --json" with tshark's
// expert summary ("tshark -q -z expert") on every testdata capture: for
// each severity and TCP summary text, the number of notes must be equal.
func TestExpertMatchesTshark(t *testing.T) {
	ver := oracle.Require(t)
	t.Logf("oracle: %s", ver)
	for _, file := range comparedCaptures(t) {
		t.Run(filepath.Base(file), func(t *testing.T) {
			t.Parallel()
			want := map[string]int{}
			section := ""
			for _, l := range strings.Split(oracle.Run(t, "-n", "-q", "-r", file, "-z", "expert"), "\n") {
				if m := expertSection.FindStringSubmatch(l); m != nil {
					section = tsharkSeverity[m[1]]
					continue
				}
				m := expertLine.FindStringSubmatch(l)
				if m == nil || m[3] != "TCP" || section == "" || unmodelled(m[4]) {
					continue
				}
				if _, known := knownExpertDifferences[filepath.Base(file)+":"+m[4]]; known {
					continue
				}
				var n int
				fmt.Sscan(m[1], &n)
				want[section+" "+m[2]+" "+m[4]] += n
			}
			var out, errb bytes.Buffer
			run([]string{"expert", "--json", file}, &out, &errb)
			var rows []expertRow
			if err := json.Unmarshal(out.Bytes(), &rows); err != nil {
				t.Fatalf("ladder expert --json: %v (%s)", err, errb.String())
			}
			got := map[string]int{}
			for _, r := range rows {
				got[r.Severity+" "+r.Group+" "+r.Summary]++
			}
			var keys []string
			for k := range want {
				keys = append(keys, k)
			}
			for k := range got {
				if _, ok := want[k]; !ok {
					keys = append(keys, k)
				}
			}
			sort.Strings(keys)
			for _, k := range keys {
				if want[k] != got[k] {
					t.Errorf("%s: tshark %d, ladder %d", k, want[k], got[k])
				}
			}
		})
	}
}
