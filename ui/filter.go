package ui

import (
	"errors"
	"math"
	"sync/atomic"

	"github.com/ladder-dev/ladder/analysis/dfilter"
	"github.com/ladder-dev/ladder/decode"
)

// Filter decides whether packet i (0-based) is displayed. It is called from
// the filtering goroutine only, never from the UI goroutine.
type Filter interface {
	Match(i int) bool
}

// Compiler turns a display-filter expression into a Filter. Errors that
// know where the expression went wrong implement Position.
type Compiler func(expr string) (Filter, error)

// waitingFilter is a Filter that can judge only the packets below
// Decidable (a filter on analysis fields, before the analysis has reached
// them): the filter goroutine judges those and waits for the rest.
type waitingFilter interface {
	Filter
	Decidable() int
}

// displayFilters compiles Wireshark display filters with analysis/dfilter:
// the one filter language of the filter bar, the statistics' rows, the
// flow table and ladder list -Y, from the first packet loaded on. Fields
// the index has (addresses, ports, protocols, streams, flags, relative
// sequence numbers, what the packet bytes say) are judged as the loader
// publishes packets: the matcher reads the index's snapshots of the flows
// (decode/snapshot.go), never records being written. A filter naming an
// analysis field (tcp.analysis.*, ladder.rst.cause, ladder.outcome...)
// judges the packets the analysis has reached (found holds the latest
// findings: once the capture has loaded, or every couple of seconds of a
// live capture) and waits for the rest, the status bar saying so; the
// interface stays responsive meanwhile.
func displayFilters(idx *decode.Index, found *atomic.Pointer[findings]) Compiler {
	return func(expr string) (Filter, error) {
		flt, err := dfilter.Compile(expr, dfilter.Fields().WithAnalysis())
		if err != nil {
			if de, ok := err.(*dfilter.Error); ok {
				return nil, filterPosError{de}
			}
			return nil, err
		}
		return &lazyMatcher{flt: flt, idx: idx, found: found}, nil
	}
}

// noFilters is the compiler of a capture that is not an index (no display
// filter language can read it).
func noFilters(string) (Filter, error) {
	return nil, errors.New("display filters need a capture file")
}

// filterPosError gives dfilter's errors the Position the filter bar's
// caret reads.
type filterPosError struct{ err *dfilter.Error }

func (e filterPosError) Error() string { return e.err.Msg }
func (e filterPosError) Unwrap() error { return e.err }
func (e filterPosError) Position() int { return e.err.Pos }

// lazyMatcher makes the dfilter Matcher on the first Match, which happens
// on the filter goroutine: a Matcher is not safe for concurrent use, and
// the filter bar's parse check compiles without ever matching. A filter
// on analysis fields makes it again when newer findings arrive.
type lazyMatcher struct {
	flt   *dfilter.Filter
	idx   *decode.Index
	found *atomic.Pointer[findings]
	m     *dfilter.Matcher
	with  *findings // the findings m reads
}

// Decidable is how many packets the filter can judge now: all of them
// unless it needs the analysis, then those the latest findings analysed.
func (l *lazyMatcher) Decidable() int {
	if !l.flt.NeedsAnalysis() {
		return math.MaxInt
	}
	f := l.found.Load()
	if f == nil {
		return 0
	}
	return f.res.Len()
}

func (l *lazyMatcher) Match(i int) bool {
	if l.m == nil || l.flt.NeedsAnalysis() && l.found.Load() != l.with {
		var an dfilter.Analysis
		if l.flt.NeedsAnalysis() {
			if l.with = l.found.Load(); l.with != nil {
				an = newFilterAnalysis(l.with)
			}
		}
		l.m = l.flt.Matcher(l.idx, an)
	}
	return l.m.Match(i)
}
