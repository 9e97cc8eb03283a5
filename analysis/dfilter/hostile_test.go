package dfilter_test

import (
	"path/filepath"
	"testing"

	"github.com/ladder-dev/ladder/analysis/dfilter"
	"github.com/ladder-dev/ladder/decode"
)

// TestEveryFieldOnEveryCapture evaluates every field, as an existence test
// and with contains/matches where its type allows, on every packet of every
// capture in testdata, the damaged and hostile ones included: reading and
// walking packet bytes on demand must survive whatever the files hold.
func TestEveryFieldOnEveryCapture(t *testing.T) {
	var files []string
	for _, pat := range []string{"../../testdata/corpus/*", "../../testdata/lab/*.pcap", "../../testdata/damaged/*"} {
		m, _ := filepath.Glob(pat)
		files = append(files, m...)
	}
	if len(files) < 50 {
		t.Fatalf("only %d captures found", len(files))
	}
	reg := dfilter.Fields()
	var filters []*dfilter.Filter
	for _, name := range reg.Names() {
		for _, expr := range []string{name, name + ` contains "a"`, name + ` matches "^.?$"`, name + " == 1"} {
			if f, err := dfilter.Compile(expr, reg); err == nil {
				filters = append(filters, f)
			}
		}
	}
	if len(filters) < 2*len(reg.Names()) {
		t.Fatalf("only %d filters compiled from %d fields", len(filters), len(reg.Names()))
	}
	for _, file := range files {
		src, err := decode.Open(file)
		if err != nil {
			continue // unreadable from the start: nothing to filter
		}
		dfilter.EvalAll(decode.Load(src), filters)
	}
}
