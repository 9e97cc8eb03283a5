package main

import (
	"errors"
	"flag"
	"fmt"
	"github.com/ladder-dev/ladder/analysis"
	"io"
	"runtime/debug"

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

// oneCapture parses args for a command that reads exactly one capture.
// ok, when not nil, checks the other required flags. It returns the file
// name, or "" and the exit code the command should return (0 for --help).
func oneCapture(fs *flag.FlagSet, args []string, stderr io.Writer, need string, ok func() bool) (string, int) {
	pos, err := parseArgs(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		return "", exitOK
	}
	if err != nil {
		return "", exitUsage
	}
	if len(pos) != 1 || (ok != nil && !ok()) {
		fmt.Fprintf(stderr, "ladder %s: %s\n", fs.Name(), need)
		return "", exitUsage
	}
	return pos[0], exitOK
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
func loaded() {
	snapshotHeap()
	if prev := debug.SetGCPercent(outputGCPercent); prev != loadGCPercent {
		debug.SetGCPercent(prev)
	}
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
