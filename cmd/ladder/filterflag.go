package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"sync"

	"github.com/ladder-dev/ladder/analysis"
	"github.com/ladder-dev/ladder/analysis/dfilter"
	"github.com/ladder-dev/ladder/decode"
)

// filterFlag is the -Y display filter every subcommand that prints packets
// accepts. Its expression is compiled before the capture is read, so a typo
// costs nothing and exits with usage status, as tshark does.
type filterFlag struct {
	expr   string
	filter *dfilter.Filter
}

func addFilterFlag(fs *flag.FlagSet) *filterFlag {
	ff := &filterFlag{}
	fs.StringVar(&ff.expr, "Y", "", "show only packets matching the display `FILTER` (Wireshark syntax, e.g. \"tcp.port == 80 && tcp.flags.reset == 1\")")
	return ff
}

// compile compiles the expression; on error it prints tshark's message with
// a caret under the offending token and returns false.
func (ff *filterFlag) compile(cmd string, stderr io.Writer) bool {
	if ff.expr == "" {
		return true
	}
	f, err := dfilter.Compile(ff.expr, dfilter.Fields().WithAnalysis())
	if err != nil {
		var fe *dfilter.Error
		if errors.As(err, &fe) {
			fmt.Fprintf(stderr, "ladder %s: %s\n", cmd, fe.Caret(ff.expr))
		} else {
			fmt.Fprintf(stderr, "ladder %s: %v\n", cmd, err)
		}
		return false
	}
	ff.filter = f
	return true
}

// needsAnalysis reports whether the filter names an analysis field.
func (ff *filterFlag) needsAnalysis() bool { return ff.filter != nil && ff.filter.NeedsAnalysis() }

// matcher returns the test for packet i of idx: every packet passes when
// no filter was given. The TCP analysis runs only when the filter names
// one of its fields.
func (ff *filterFlag) matcher(idx *decode.Index) func(i int) bool {
	return ff.matcherWith(idx, nil)
}

// matcherWith is matcher for a caller that has already analysed idx (res
// may be nil).
func (ff *filterFlag) matcherWith(idx *decode.Index, res *analysis.Result) func(i int) bool {
	if ff.filter == nil {
		return func(int) bool { return true }
	}
	var an dfilter.Analysis
	if ff.filter.NeedsAnalysis() {
		if res == nil {
			res = analysis.Analyze(idx)
		}
		an = newAnalysisView(idx, res)
	}
	return ff.filter.Matcher(idx, an).Match
}

// analysisView adapts an analysis.Result to dfilter.Analysis. It keeps a
// scratch buffer, so like a Matcher it serves one goroutine.
type analysisView struct {
	idx  *decode.Index
	res  *analysis.Result
	bits [analysis.NumFlags]uint32 // dfilter's bit for each analysis.Flag
	buf  []analysis.Note

	causesOnce sync.Once
	causes     map[int]string // packet index of each RST → cause code

	outcomesOnce sync.Once
	outcomes     []string // flow index → outcome code
}

func newAnalysisView(idx *decode.Index, res *analysis.Result) *analysisView {
	v := &analysisView{idx: idx, res: res}
	for k, name := range dfilter.AnalysisFlags() {
		if f, ok := analysis.FlagByName(name); ok {
			v.bits[f] = 1 << k
		}
	}
	return v
}

func (v *analysisView) Flags(i int) uint32 {
	var out uint32
	v.res.Flags(i).Each(func(f analysis.Flag) { out |= v.bits[f] })
	return out
}

func (v *analysisView) Completeness(flow int) (int, bool) {
	c := v.res.Conn(flow)
	if c == nil {
		return 0, false
	}
	return int(c.Completeness), true
}

// RSTCause explains the capture's resets the first time a cause is asked
// for: the explainer is costlier than the per-packet analysis.
func (v *analysisView) RSTCause(i int) string {
	v.causesOnce.Do(func() {
		v.causes = make(map[int]string)
		for _, vd := range analysis.ExplainResets(v.idx) {
			v.causes[vd.Frame-1] = string(vd.Cause)
		}
	})
	return v.causes[i]
}

// Outcome judges every connection the first time an outcome is asked for.
func (v *analysisView) Outcome(flow int) string {
	v.outcomesOnce.Do(func() {
		v.outcomes = make([]string, len(v.idx.Flows()))
		for _, o := range analysis.AllOutcomes(v.idx, v.res) {
			v.outcomes[o.Flow] = string(o.Outcome)
		}
	})
	if flow < 0 || flow >= len(v.outcomes) {
		return ""
	}
	return v.outcomes[flow]
}

func (v *analysisView) HasNote(i int) bool {
	v.buf = v.res.Notes(i, v.buf[:0])
	return len(v.buf) > 0
}
