package ui

import (
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

// rowSet is the list of packets the packet list displays: every packet, or
// those a filter matched. Row positions only ever grow at the end, so a
// position stays valid while loading and filtering go on.
type rowSet interface {
	Len() int
	At(k int) int // packet index displayed at row k
	// Search returns the first row whose packet index is >= pkt (Len() if none).
	Search(pkt int) int
	// Complete reports whether the set will not grow any more.
	Complete() bool
	// Scanned is how many packets the set has decided on: packets below
	// it are in the set or never will be. Read it before Len or Search:
	// the rows are published first, so they are at least that far along.
	Scanned() int
}

// allRows displays every packet of the capture.
type allRows struct{ c Capture }

func (r allRows) Len() int           { return r.c.Len() }
func (r allRows) At(k int) int       { return k }
func (r allRows) Search(pkt int) int { return min(max(pkt, 0), r.c.Len()) }
func (r allRows) Scanned() int       { return r.c.Len() }
func (r allRows) Complete() bool {
	select {
	case <-r.c.Done():
		return true
	default:
		return false
	}
}

// filteredRows is the result of a filter, computed by a goroutine that
// scans the index (and keeps scanning as it grows while loading) and
// publishes the matches so far; the UI goroutine only reads what is
// published.
type filteredRows struct {
	expr     string
	matches  atomic.Pointer[[]int32]
	scanned  atomic.Int64
	complete atomic.Bool
	waiting  atomic.Bool // packets wait for the analysis (waitingFilter)
	stop     chan struct{}
	stopOnce sync.Once
}

// publishEvery is how many packets the filter scans between publications.
const publishEvery = 1 << 15

// startFilter runs f over c on a goroutine that spawn starts (App.background).
func startFilter(c Capture, f Filter, expr string, spawn func(what string, work func())) *filteredRows {
	r := &filteredRows{expr: expr, stop: make(chan struct{})}
	empty := []int32{}
	r.matches.Store(&empty)
	spawn("filter "+expr, func() { r.run(c, f) })
	return r
}

func (r *filteredRows) run(c Capture, f Filter) {
	var m []int32
	next := 0
	wf, _ := f.(waitingFilter)
	for {
		loaded := false
		select {
		case <-c.Done():
			loaded = true
		default:
		}
		n := c.Len()
		if wf != nil {
			// Judge only what the analysis has reached; the rest waits.
			d := wf.Decidable()
			r.waiting.Store(d < n)
			n = min(n, d)
		}
		for next < n {
			end := min(n, next+publishEvery)
			for ; next < end; next++ {
				if f.Match(next) {
					m = append(m, int32(next))
				}
			}
			snap := m[:len(m):len(m)]
			r.matches.Store(&snap)
			r.scanned.Store(int64(next))
			select {
			case <-r.stop:
				return
			default:
			}
		}
		if loaded && next >= c.Len() {
			r.complete.Store(true)
			return
		}
		done := c.Done()
		if loaded {
			done = nil // loaded, waiting for the analysis: poll it
		}
		select {
		case <-r.stop:
			return
		case <-done:
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// Stop ends the scan; the matches found so far stay readable.
func (r *filteredRows) Stop() { r.stopOnce.Do(func() { close(r.stop) }) }

func (r *filteredRows) Len() int       { return len(*r.matches.Load()) }
func (r *filteredRows) At(k int) int   { return int((*r.matches.Load())[k]) }
func (r *filteredRows) Complete() bool { return r.complete.Load() }
func (r *filteredRows) Scanned() int   { return int(r.scanned.Load()) }
func (r *filteredRows) Waiting() bool  { return r.waiting.Load() }
func (r *filteredRows) Search(pkt int) int {
	m := *r.matches.Load()
	return sort.Search(len(m), func(k int) bool { return int(m[k]) >= pkt })
}
