package analysis

import (
	"github.com/ladder-dev/ladder/decode"
)

// OutcomeJudge decides connection outcomes for one analysed capture. It
// scans the capture once for ICMP errors and its end; Judge may then be
// called for any flow from several goroutines (once loading has finished).
type OutcomeJudge struct {
	idx    *decode.Index
	res    *Result
	flows  []*decode.Flow
	end    int64
	icmp   map[int][]icmpHit
	resets map[int][]Verdict // tcp.stream → its resets' verdicts, when given
}

// NewOutcomeJudge prepares the judge. Call it once loading has finished
// (idx.Wait): an outcome may depend on the last packet of the capture.
func NewOutcomeJudge(idx *decode.Index, res *Result) *OutcomeJudge {
	j := &OutcomeJudge{idx: idx, res: res, flows: idx.Flows()}
	for i := idx.First(); i < idx.Len(); i++ {
		if t := idx.Packet(i).Time; t > j.end {
			j.end = t
		}
	}
	j.icmp = icmpErrors(idx, j.flows)
	return j
}

// UseResets gives the judge the capture's reset verdicts (ExplainResets'
// result) so that it does not explain them again. Call it before Judge.
func (j *OutcomeJudge) UseResets(vs []Verdict) {
	j.resets = make(map[int][]Verdict)
	for _, v := range vs {
		j.resets[v.Stream] = append(j.resets[v.Stream], v) // frame order within a flow
	}
}

// Judge returns the outcome of flow index fi; ok is false for a flow that
// is not TCP, or has no segment in view (only ICMP errors quoting it) and
// no error that ended it.
func (j *OutcomeJudge) Judge(fi int) (FlowOutcome, bool) {
	if fi < 0 || fi >= len(j.flows) || j.flows[fi].Proto != decode.ProtoTCPPacket {
		return FlowOutcome{}, false
	}
	f := j.flows[fi]
	var resets []Verdict
	if j.resets != nil {
		resets = j.resets[f.Stream]
	}
	facts := newOutcomeFacts(j.idx, j.res, f, j.end, j.icmp[fi], resets)
	if facts.lastFrame == 0 && facts.icmpEnding() == nil {
		return FlowOutcome{}, false // no segment of it in view, only ICMP errors that end nothing
	}
	code, fd := decideOutcome(&facts)
	return FlowOutcome{
		Flow:        fi,
		Stream:      f.Stream,
		Outcome:     code,
		By:          fd.by,
		Confidence:  fd.conf,
		Evidence:    sortedFrames(append([]int(nil), fd.evidence...)),
		Explanation: outcomeText(&facts, code, fd),
		Reset:       facts.reset,
	}, true
}

// AllOutcomes judges every TCP connection, in flow order.
func AllOutcomes(idx *decode.Index, res *Result) []FlowOutcome {
	j := NewOutcomeJudge(idx, res)
	var out []FlowOutcome
	for fi := range j.flows {
		if o, ok := j.Judge(fi); ok {
			out = append(out, o)
		}
	}
	return out
}
