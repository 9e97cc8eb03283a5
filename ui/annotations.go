package ui

import (
	"sort"

	"github.com/ladder-dev/ladder/analysis"
	"github.com/ladder-dev/ladder/analysis/dfilter"
	"github.com/ladder-dev/ladder/decode"
)

// findings is what the TCP analysis and the reset explainer found in a
// capture. Both need the whole capture (a reset is explained by what came
// after it), so they run once loading has finished; until then the app
// works without them. A findings value never changes once built.
type findings struct {
	idx      *decode.Index
	res      *analysis.Result
	resets   []analysis.Verdict     // every reset, in flow then capture order
	verdicts map[int]int            // packet index of a RST → index in resets
	ends     []flowEnd              // by flow id - base (end); zero for UDP flows
	judge    *analysis.OutcomeJudge // the full outcome of a flow on screen (outcome)
	byCode   []outcomeGroup         // connections per outcome, in the outcome table's order
	byCause  []causeGroup           // resets per cause, the most frequent first
	notes    []noteGroup            // the expert pane's groups, by severity then kind
	noteBuf  []analysis.Note        // scratch for HasNote (UI goroutine only)
	counts   [][numSeverities]int32 // flow id - base → notes by severity (count)
	// base is the first flow id the per-flow tables hold: the flows below
	// it left a live capture's window (decode.Index.FlowFirst), so a
	// capture that saw millions of short connections sizes them by those
	// still in the window.
	base int
}

// flowEnd is how a connection ended, what the flow table, the filters and
// the expert pane's lists show of every flow. The full outcome (evidence
// frames, explanation) is made again for the flow on screen (outcome):
// keeping it for every flow cost 40 MB at 10M packets.
type flowEnd struct {
	outcome analysis.Outcome // "" for UDP flows
	by      analysis.EndedBy
	conf    analysis.Confidence
	cause   analysis.Cause // of the reset that ended it, when reset
	reset   bool           // it ended with a reset that has a verdict
	stream  int32
	example int32 // the packet to show for it (examplePacket), -1 for none
}

// outcome is flow id's full outcome, as the judge made it in analyze.
func (f *findings) outcome(id int) analysis.FlowOutcome {
	o, _ := f.judge.Judge(id)
	return o
}

// outcomeGroup is the connections that ended one way (flow ids).
type outcomeGroup struct {
	code  analysis.Outcome
	flows []int
}

// causeGroup is the resets of one cause (indexes into resets).
type causeGroup struct {
	cause  analysis.Cause
	resets []int
}

// numSeverities counts Wireshark's expert severities (Chat to Error).
const numSeverities = int(analysis.SevError) + 1

// noteGroup is one row of Wireshark's Expert Information: notes of one
// severity and kind, and the packets that carry them.
type noteGroup struct {
	sev     analysis.Severity
	group   string
	summary string // the summary of the first note (Wireshark shows the first)
	flag    string
	packets []int32 // packet indexes (a chat note for every SYN and FIN: millions in a large capture)
}

// analyze runs the analysis and the explainer on a fully loaded index.
func analyze(idx *decode.Index) *findings {
	f := &findings{idx: idx, res: analysis.Analyze(idx), verdicts: map[int]int{}}
	f.resets = analysis.ExplainResets(idx)
	flows := idx.Flows()
	f.base = min(idx.FlowFirst(), len(flows))
	f.counts = make([][numSeverities]int32, len(flows)-f.base)
	for k, v := range f.resets {
		f.verdicts[v.Frame-1] = k
	}
	// The judge reuses the verdicts: the first reset's is the outcome's.
	judge := analysis.NewOutcomeJudge(idx, f.res)
	judge.UseResets(f.resets)
	f.ends = make([]flowEnd, len(flows)-f.base)
	for id := f.base; id < len(flows); id++ {
		e := f.end(id)
		e.example = -1
		if o, ok := judge.Judge(id); ok {
			*e = flowEnd{outcome: o.Outcome, by: o.By, conf: o.Confidence, reset: o.Reset != nil,
				stream: int32(o.Stream), example: int32(examplePacket(&o))}
			if o.Reset != nil {
				e.cause = o.Reset.Cause
			}
		}
	}
	f.judge = judge
	f.groupOutcomes()
	f.groupNotes()
	return f
}

// end is flow id's ending, nil for an id the tables do not hold.
func (f *findings) end(id int) *flowEnd {
	if id < f.base || id-f.base >= len(f.ends) {
		return nil
	}
	return &f.ends[id-f.base]
}

// count is flow id's notes by severity, nil for an id the tables do not
// hold.
func (f *findings) count(id int) *[numSeverities]int32 {
	if id < f.base || id-f.base >= len(f.counts) {
		return nil
	}
	return &f.counts[id-f.base]
}

// groupOutcomes counts connections per outcome and resets per cause for
// the expert pane's summary (with thousands of resets the counts come
// first, the examples on demand).
func (f *findings) groupOutcomes() {
	for _, info := range analysis.Outcomes() {
		g := outcomeGroup{code: info.Code}
		for k := range f.ends {
			if f.ends[k].outcome == info.Code {
				g.flows = append(g.flows, f.base+k)
			}
		}
		if len(g.flows) > 0 {
			f.byCode = append(f.byCode, g)
		}
	}
	for k, v := range f.resets {
		g := 0
		for g < len(f.byCause) && f.byCause[g].cause != v.Cause {
			g++
		}
		if g == len(f.byCause) {
			f.byCause = append(f.byCause, causeGroup{cause: v.Cause})
		}
		f.byCause[g].resets = append(f.byCause[g].resets, k)
	}
	sort.SliceStable(f.byCause, func(a, b int) bool { return len(f.byCause[a].resets) > len(f.byCause[b].resets) })
}

// groupNotes gathers every expert note into the expert pane's groups,
// the most severe first, and counts them per flow for the flow table.
func (f *findings) groupNotes() {
	var buf []analysis.Note
	for i := f.idx.First(); i < f.idx.Len(); i++ {
		buf = f.res.Notes(i, buf[:0])
		for _, n := range buf {
			// A few dozen kinds at most: a scan beats hashing the flag name
			// a million times.
			g := 0
			for g < len(f.notes) && (f.notes[g].sev != n.Severity || f.notes[g].flag != n.Flag) {
				g++
			}
			if g == len(f.notes) {
				f.notes = append(f.notes, noteGroup{sev: n.Severity, group: n.Group, summary: n.Summary, flag: n.Flag})
			}
			f.notes[g].packets = append(f.notes[g].packets, int32(i))
			if c := f.count(int(f.idx.Packet(i).Flow)); c != nil && int(n.Severity) < numSeverities {
				c[n.Severity]++
			}
		}
	}
	sort.SliceStable(f.notes, func(a, b int) bool {
		if f.notes[a].sev != f.notes[b].sev {
			return f.notes[a].sev > f.notes[b].sev
		}
		return f.notes[a].summary < f.notes[b].summary
	})
}

// verdict returns the explanation of the reset in packet i, or nil.
func (f *findings) verdict(i int) *analysis.Verdict {
	if f == nil {
		return nil
	}
	if k, ok := f.verdicts[i]; ok {
		return &f.resets[k]
	}
	return nil
}

// Label is the Info prefix tshark prints for packet i.
func (f *findings) Label(i int) string { return f.res.Labels(i) }

// HasNote reports whether packet i carries an expert note.
func (f *findings) HasNote(i int) bool {
	f.noteBuf = f.res.Notes(i, f.noteBuf[:0])
	return len(f.noteBuf) > 0
}

// badTCPExcept are the flags Wireshark's "Bad TCP" colouring rule leaves
// out: tcp.analysis.flags && !tcp.analysis.window_update &&
// !tcp.analysis.keep_alive && !tcp.analysis.keep_alive_ack.
const badTCPExcept = analysis.Flags(1<<analysis.WindowUpdate | 1<<analysis.KeepAlive | 1<<analysis.KeepAliveAck)

// BadTCP reports whether Wireshark's "Bad TCP" colouring rule applies.
func (f *findings) BadTCP(i int) bool { return f.res.Flags(i)&^badTCPExcept != 0 }

// filterAnalysis adapts findings to dfilter.Analysis. A Matcher runs on the
// filter goroutine, so each gets its own adapter (the note buffer is
// scratch space).
type filterAnalysis struct {
	f    *findings
	bits [analysis.NumFlags]uint32
	buf  []analysis.Note
}

func newFilterAnalysis(f *findings) *filterAnalysis {
	a := &filterAnalysis{f: f}
	for k, name := range dfilter.AnalysisFlags() {
		if fl, ok := analysis.FlagByName(name); ok {
			a.bits[fl] = 1 << k
		}
	}
	return a
}

func (a *filterAnalysis) Flags(i int) uint32 {
	var out uint32
	a.f.res.Flags(i).Each(func(fl analysis.Flag) { out |= a.bits[fl] })
	return out
}

func (a *filterAnalysis) Completeness(flow int) (int, bool) {
	c := a.f.res.Conn(flow)
	if c == nil {
		return 0, false
	}
	return int(c.Completeness), true
}

func (a *filterAnalysis) RSTCause(i int) string {
	if v := a.f.verdict(i); v != nil {
		return string(v.Cause)
	}
	return ""
}

func (a *filterAnalysis) Outcome(flow int) string {
	if e := a.f.end(flow); e != nil {
		return string(e.outcome)
	}
	return ""
}

func (a *filterAnalysis) HasNote(i int) bool {
	a.buf = a.f.res.Notes(i, a.buf[:0])
	return len(a.buf) > 0
}
