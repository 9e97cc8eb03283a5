package vantage

import (
	"fmt"

	"github.com/ladder-dev/ladder/analysis"
	"github.com/ladder-dev/ladder/decode"
)

// Origin is who sent a reset.
type Origin string

const (
	OriginClient    Origin = "client"
	OriginServer    Origin = "server"
	OriginMiddlebox Origin = "middlebox" // something between the end hosts
)

// Sighting is one frame of one capture.
type Sighting struct {
	Capture int    // 0 or 1
	File    string // the capture's name
	Frame   int    // 1-based
}

// Reset is the verdict on one reset, with what the second capture adds.
type Reset struct {
	// Verdict is the reset's explanation. Its Frame and Evidence are
	// frames of capture Capture; its Stream is capture 0's stream number
	// when capture 0 saw the connection, capture 1's otherwise.
	analysis.Verdict
	Capture int
	// SeenIn lists every capture and frame where this reset appears.
	SeenIn []Sighting
	Origin Origin
	// Proved is set when the two captures decide the origin: the reset
	// was seen leaving its claimed sender's side, or it was seen only at
	// the receiver's side although the sender's side was recording.
	Proved bool
}

// Resets explains every reset of either capture once: a reset both
// captures saw gets one verdict, from the capture nearer its sender. In
// capture 0's stream order, then connections only capture 1 saw.
func (p *Pair) Resets() []Reset {
	var out []Reset
	done := make([]bool, len(p.Conns))
	for c := range 2 {
		for _, k := range p.byFlow[c] {
			if k < 0 || done[k] {
				continue
			}
			done[k] = true
			out = p.connResets(&p.Conns[k], out)
		}
	}
	return out
}

// connResets appends the verdicts on one connection's resets.
func (p *Pair) connResets(cn *Conn, out []Reset) []Reset {
	if !p.hasReset(cn) {
		return out
	}
	// Which resets each capture's sender side saw leave: those the rules
	// must not call forged.
	sent := [2]map[int]bool{{}, {}}
	for i := range cn.Segs {
		s := &cn.Segs[i]
		if !s.Fate.Departed() {
			continue
		}
		for c := range 2 {
			if s.Pkt[c] >= 0 && p.packet(s, c).Flags&decode.FlagRST != 0 {
				sent[c][int(s.Pkt[c])+1] = true
			}
		}
	}
	var byFrame [2]map[int]analysis.Verdict
	for c := range 2 {
		if cn.Flow[c] < 0 {
			continue
		}
		f := p.Cap[c].Idx.Flows()[cn.Flow[c]]
		byFrame[c] = map[int]analysis.Verdict{}
		for _, v := range analysis.ExplainFlowSent(p.Cap[c].Idx, f, analysis.DissectedEvidence, func(fr int) bool { return sent[c][fr] }) {
			byFrame[c][v.Frame] = v
		}
	}
	stream := -1
	if cn.Flow[0] >= 0 {
		stream = p.Cap[0].Idx.Flows()[cn.Flow[0]].Stream
	}
	for i := range cn.Segs {
		s := &cn.Segs[i]
		c := s.Seen()
		if p.packet(s, c).Flags&decode.FlagRST == 0 {
			continue
		}
		claimed := OriginClient
		if s.Dir == 1 {
			claimed = OriginServer
		}
		r := Reset{Origin: claimed}
		for k := range 2 {
			if s.Pkt[k] >= 0 {
				r.SeenIn = append(r.SeenIn, Sighting{Capture: k, File: p.Cap[k].Name, Frame: int(s.Pkt[k]) + 1})
			}
		}
		switch s.Fate {
		case Both:
			c = p.Near(s.Dir)
			if c < 0 {
				c = 0
			}
			r.Verdict, r.Proved = byFrame[c][int(s.Pkt[c])+1], true
			r.Explanation += fmt.Sprintf(" Both capture points saw this reset (frame %d of %s, %s): it left the %s itself, whatever its TTL or IP ID look like.",
				s.Pkt[1-c]+1, p.Cap[1-c].Name, p.nearText(1-c), claimed)
		case LostBetween:
			r.Verdict, r.Proved = byFrame[c][int(s.Pkt[c])+1], true
			r.Explanation += fmt.Sprintf(" It left the %s (%s saw it) but never reached %s: it was lost between the two capture points.",
				claimed, p.Cap[c].Name, p.Cap[1-c].Name)
		case Uncaptured:
			r.Verdict, r.Proved = byFrame[c][int(s.Pkt[c])+1], true
			r.Explanation += fmt.Sprintf(" It left the %s (%s saw it) and %s never saw it: it was lost between the two capture points, or it got through and that capture dropped it (its interface statistics admit %s).",
				claimed, p.Cap[c].Name, p.Cap[1-c].Name, Packets(p.Dropped[1-c]))
		case NotSent:
			r.Verdict, r.Proved = p.notSentVerdict(s, c, byFrame[c][int(s.Pkt[c])+1], claimed), true
			r.Origin = OriginMiddlebox
		case Unseen:
			r.Verdict = byFrame[c][int(s.Pkt[c])+1]
			if r.Cause == analysis.CauseInjected {
				r.Origin = OriginMiddlebox
			}
			r.Explanation += fmt.Sprintf(" It was not seen at the %s's side: %s, %s, never saw it leave, but that capture dropped %s (its interface statistics say so), so this may be one of them: the second capture proves nothing about who sent it.",
				claimed, p.Cap[1-c].Name, p.nearText(1-c), Packets(p.Dropped[1-c]))
		default:
			r.Verdict = byFrame[c][int(s.Pkt[c])+1]
			if r.Cause == analysis.CauseInjected {
				r.Origin = OriginMiddlebox
			}
		}
		r.Capture = c
		if s.Fate != NotSent {
			// The rules' text numbers frames of one capture: say which.
			r.Explanation = "[frames of " + p.Cap[c].Name + "] " + r.Explanation
		}
		if stream >= 0 {
			r.Stream = stream
		}
		out = append(out, r)
	}
	return out
}

func (p *Pair) hasReset(cn *Conn) bool {
	if cn.UDP {
		return false
	}
	for i := range cn.Segs {
		if p.packet(&cn.Segs[i], cn.Segs[i].Seen()).Flags&decode.FlagRST != 0 {
			return true
		}
	}
	return false
}

// notSentVerdict is the verdict on a reset seen only at its receiver's
// side while the claimed sender's side was recording: injected, proved.
func (p *Pair) notSentVerdict(s *Seg, c int, v analysis.Verdict, claimed Origin) analysis.Verdict {
	fr := int(s.Pkt[c]) + 1
	v.Cause, v.Confidence = analysis.CauseInjected, analysis.ConfidenceHigh
	v.Evidence = []int{fr}
	v.Explanation = fmt.Sprintf("Frame %d of %s is a reset claiming to come from the %s (%s), but %s, %s, never saw it leave although it was recording then: something between the two capture points sent it in the %s's name. Proved by the second capture.",
		fr, p.Cap[c].Name, claimed, v.From, p.Cap[1-c].Name, p.nearText(1-c), claimed)
	return v
}

// nearText says which end capture c is nearer.
func (p *Pair) nearText(c int) string {
	switch p.Clock.NearClient {
	case -1:
		return "the other capture"
	case c:
		return "the capture nearer the client"
	}
	return "the capture nearer the server"
}

// Packets is "1 packet" or "N packets".
func Packets(n uint64) string {
	if n == 1 {
		return "1 packet"
	}
	return fmt.Sprintf("%d packets", n)
}

// DriftText is ", drifting +N ppm" for a drifting clock, "" for a
// constant offset.
func DriftText(c Clock) string {
	if c.Drift == 0 {
		return ""
	}
	return fmt.Sprintf(", drifting %+.1f ppm", c.Drift*1e6)
}
