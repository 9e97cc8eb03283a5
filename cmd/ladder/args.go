package main

import (
	"flag"
	"fmt"
	"github.com/ladder-dev/ladder/analysis"
	"io"
	"runtime/debug"
	"runtime/metrics"

	"github.com/ladder-dev/ladder/decode"
)

// parseArgs parses flags that may come before or after the positional
// arguments ("ladder list FILE -c 10" and "ladder list -c 10 FILE").
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// newFlags makes a flag set whose usage text names the command.
func newFlags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: ladder %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// openIndex opens and indexes a capture. The index is returned even when the
// file is damaged part-way (check idx.Err()).
func openIndex(name string) (*decode.Index, error) {
	src, err := decode.Open(name)
	if err != nil {
		return nil, err
	}
	idx := decode.Load(src)
	loaded()
	return idx, nil
}

// loaded is called once a command's capture is indexed (and analysed):
// from then on the heap holds what the output is made from, and what a
// command allocates is short-lived rows. Collecting more often (GOGC 10)
// keeps the garbage of a million rows from raising the peak memory by a
// third of the index, for a few milliseconds of marking. It applies only
// where main chose the collector's pace (GOGC not set; not in tests).
//
// The index is no longer on the heap (decode/store_linux.go), so what is
// live can be small (~40 MB at 1M packets), and 10% of it was a collection
// every 4 MB of rows: the percentage keeps the heap free to grow by at
// least minGCHeadroom between collections (explain --json at 1M: 29
// collections against 17 before the index left the heap, now 12).
func loaded() {
	snapshotHeap()
	pct := outputGCPercent
	if live := liveHeap(); live > 0 {
		pct = max(pct, int(minGCHeadroom*100/live))
	}
	if prev := debug.SetGCPercent(pct); prev != loadGCPercent {
		debug.SetGCPercent(prev)
	}
}

// minGCHeadroom: see loaded.
const minGCHeadroom = 12 << 20

// liveHeap is the heap the last collection found live, 0 if unknown.
func liveHeap() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}

// openAnalyzed opens and indexes a capture and runs the TCP analysis on the
// other core while the index loads (analysis.AnalyzeLoading), which is what
// makes flows and expert cost little more than the index on a large file.
func openAnalyzed(name string) (*decode.Index, *analysis.Result, error) {
	src, err := decode.Open(name)
	if err != nil {
		return nil, nil, err
	}
	idx := decode.Start(src)
	res := analysis.AnalyzeLoading(idx)
	loaded()
	return idx, res, nil
}
