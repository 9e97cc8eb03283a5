package analysis

import (
	"strconv"

	"github.com/ladder-dev/ladder/decode"
)

// ExplainResets explains every TCP reset in the capture, in frame order
// within each flow and flows in stream order. Only flows that contain a
// reset are walked, so a capture without resets costs one pass over the
// packet records. Call it once loading has finished (idx.Wait): a verdict
// may read packets after its reset.
func ExplainResets(idx *decode.Index) []Verdict { return ExplainResetsApp(idx, DissectedEvidence) }

// ExplainResetsApp is ExplainResets with the application's evidence (a
// TLS close_notify or fatal alert, an HTTP response completed or still
// pending) cited in the explanations; app may be nil.
func ExplainResetsApp(idx *decode.Index, app AppEvidence) []Verdict {
	n := idx.Len()
	flows := idx.Flows()
	has := make([]bool, len(flows))
	resets := 0
	for i := idx.First(); i < n; i++ {
		p := idx.Packet(i)
		if p.Flags&decode.FlagRST != 0 && p.Proto == decode.ProtoTCPPacket && p.Flow >= 0 && int(p.Flow) < len(has) {
			has[p.Flow] = true
			resets++
		}
	}
	out := make([]Verdict, 0, resets)
	for i, f := range flows {
		if has[i] {
			out = explainFlow(idx, f, app, nil, out)
		}
	}
	return out
}

// ExplainFlow explains the resets of one flow, citing what its
// application dissectors saw (DissectedEvidence).
func ExplainFlow(idx *decode.Index, f *decode.Flow) []Verdict {
	return explainFlow(idx, f, DissectedEvidence, nil, nil)
}

// ExplainFlowSent is ExplainFlow for a flow a second capture also saw:
// sent reports, for a reset's frame number, that the capture nearer its
// sender saw it leave. Such a reset is its claimed sender's whatever its
// TTL or IP ID look like, so the forgery rule is not tried on it
// (analysis/vantage decides that).
func ExplainFlowSent(idx *decode.Index, f *decode.Flow, app AppEvidence, sent func(frame int) bool) []Verdict {
	return explainFlow(idx, f, app, sent, nil)
}

func explainFlow(idx *decode.Index, f *decode.Flow, app AppEvidence, sent func(frame int) bool, out []Verdict) []Verdict {
	if f == nil || f.Proto != decode.ProtoTCPPacket {
		return out
	}
	t := newResetTracker(f)
	roles := rolesOf(idx, f)
	var events []AppEvent
	if app != nil {
		events = app(idx, f)
	}
	// The verdict of each direction's last reset that was not a repeat
	// (index in out, -1 none): repeats point at the original.
	orig := [2]int{-1, -1}
	n := idx.Len()
	for pos, j := range f.Frames {
		if int(j) >= n {
			break
		}
		p := idx.Packet(int(j))
		forged := false
		if p.Flags&decode.FlagRST != 0 {
			d := p.Dir & 1
			if k := orig[d]; k >= 0 && repeatsReset(idx, &t, p) {
				out = append(out, repeatVerdict(out[k], int(j)+1))
			} else {
				facts := newResetFacts(idx, f, pos, &t, roles)
				facts.app = events
				facts.sent = sent != nil && sent(int(j)+1)
				out = append(out, verdictFor(&facts))
				orig[d] = len(out) - 1
			}
			forged = out[len(out)-1].Cause == CauseInjected
		}
		t.observe(int(j)+1, p, forged)
	}
	return out
}

// repeatsReset reports whether p repeats the sender's previous reset with
// nothing from the peer in between: a retransmitted reset or a frame the
// capture duplicated. It gets the earlier verdict.
func repeatsReset(idx *decode.Index, t *resetTracker, p *decode.Packet) bool {
	s, o := &t.side[p.Dir&1], &t.side[p.Dir&1^1]
	if s.lastRST == 0 || o.lastFrame > s.lastRST || o.lastRST > s.lastRST {
		return false
	}
	q := idx.Packet(s.lastRST - 1)
	return q.Seq == p.Seq && q.Ack == p.Ack && q.Flags == p.Flags
}

func repeatVerdict(v Verdict, frame int) Verdict {
	first := v.Frame
	v.Frame = frame
	v.Evidence = sortedFrames(append(append([]int(nil), v.Evidence...), frame))
	v.Explanation = "Frame " + strconv.Itoa(frame) + " repeats the reset of frame " + strconv.Itoa(first) +
		" (same sequence and acknowledgement numbers, nothing from the peer in between): a retransmitted reset " +
		"or a frame captured twice, with the same cause. " + v.Explanation
	return v
}

// verdictFor decides one reset and writes its verdict.
func verdictFor(f *resetFacts) Verdict {
	win, conflicts := decideReset(f)
	from, to := f.flow.Client, f.flow.Server
	if f.rst.Dir&1 == 1 {
		from, to = to, from
	}
	ev := append([]int(nil), win.evidence...) // sorted below; the text reads win's order
	for _, c := range conflicts {
		ev = append(ev, c.evidence...)
	}
	ev = sortedFrames(append(ev, f.frame))
	return Verdict{
		Frame:       f.frame,
		Stream:      f.flow.Stream,
		From:        endpointText(f.idx, from),
		To:          endpointText(f.idx, to),
		Cause:       win.cause,
		Confidence:  win.conf,
		Evidence:    ev,
		Explanation: explainText(f, win, conflicts),
	}
}
