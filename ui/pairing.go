package ui

// Two captures of the same traffic (Config.Second): the second loads
// beside the first, and once both are in they are lined up off the UI
// goroutine. Until then the app is the first capture's alone; nothing
// here runs with one capture.

import (
	"fmt"
	"path/filepath"

	"github.com/ladder-dev/ladder/analysis"
	"github.com/ladder-dev/ladder/analysis/vantage"
	"github.com/ladder-dev/ladder/decode"
	"github.com/ladder-dev/ladder/ui/diagram"
)

// sighting is a frame (1-based) of capture c of the pair.
type sighting struct{ c, frame int }

// pairWhenLoaded waits for both captures to load, lines them up and the
// resets' two-sided verdicts, and hands them to the UI goroutine.
func (a *App) pairWhenLoaded(stop chan struct{}) {
	if a.idx == nil {
		return
	}
	for _, done := range []<-chan struct{}{a.cap.Done(), a.cfg.Second.Idx.Done()} {
		select {
		case <-stop:
			return
		case <-done:
		}
	}
	p, resets := alignPair(vantage.Capture{Name: a.cap.Name(), Idx: a.idx}, *a.cfg.Second)
	a.tv.QueueUpdateDraw(func() { a.setPair(p, resets) })
}

// alignPair lines two loaded captures up and indexes the resets'
// verdicts by every capture and frame they were seen in.
func alignPair(first, second vantage.Capture) (*vantage.Pair, map[sighting]*vantage.Reset) {
	p := vantage.Align(first, second)
	resets := map[sighting]*vantage.Reset{}
	rs := p.Resets()
	for k := range rs {
		for _, s := range rs[k].SeenIn {
			resets[sighting{s.Capture, s.Frame}] = &rs[k]
		}
	}
	return p, resets
}

// setPair makes the pairing visible: the flow table's Seen column, and
// the open ladder redrawn two-sided.
func (a *App) setPair(p *vantage.Pair, resets map[sighting]*vantage.Reset) {
	a.pair, a.resets = p, resets
	a.flows.seen = a.seenText
	a.flows.second = a.flows.second[:0]
	flows := p.Cap[1].Idx.Flows()
	for k := range p.Conns {
		if cn := &p.Conns[k]; cn.Flow[0] < 0 {
			a.flows.second = append(a.flows.second, flows[cn.Flow[1]])
		}
	}
	a.flows.secondIdx, a.flows.toFirst = p.Cap[1].Idx, nil
	if p.Clock.Known {
		a.flows.toFirst = p.Clock.ToFirst
	}
	a.flows.secondName = filepath.Base(p.Cap[1].Name)
	if a.view == viewFlows {
		a.flows.refresh()
	}
	if a.ladder.lay != nil && a.view == viewLadder {
		a.layoutLadder(a.currentFlow(a.ladder.flow), a.ladder.selected(), a.back)
	}
	a.settled = false
}

// secondState is the second capture's part of the status bar: its name,
// then its loading, the pairing under way, or how many connections both
// captures saw.
func (a *App) secondState() string {
	sc := a.cfg.Second
	name := "+ " + filepath.Base(sc.Name) + " "
	pr := sc.Idx.Progress()
	switch {
	case !pr.Done:
		return name + loadState(pr)
	case a.pair == nil:
		return name + "loaded, pairing"
	}
	var both, total [2]int // TCP, UDP
	for k := range a.pair.Conns {
		cn := &a.pair.Conns[k]
		u := 0
		if cn.UDP {
			u = 1
		}
		if cn.Flow[0] >= 0 {
			total[u]++
			if cn.Paired() {
				both[u]++
			}
		}
	}
	s := name + fmt.Sprintf("paired %d/%d TCP", both[0], total[0])
	if total[1] > 0 {
		s += fmt.Sprintf(", %d/%d UDP", both[1], total[1])
	}
	if pr.Err != nil {
		s += ", " + loadState(pr)
	}
	return s
}

// seenText is the flow table's Seen column for flow fi of the first
// capture: "both" (with what was lost between the points or never sent
// by its claimed sender), "1st only", or "-" for what is not paired
// (neither TCP nor UDP).
func (a *App) seenText(fi int) string {
	cn := a.pair.ConnOf(0, fi)
	if cn == nil {
		return "-"
	}
	s := "both"
	if !cn.Paired() {
		s = "1st only"
	}
	lost, maybe, notSent := 0, 0, 0
	for _, s := range cn.Segs {
		switch s.Fate {
		case vantage.LostBetween:
			lost++
		case vantage.Uncaptured:
			maybe++
		case vantage.NotSent:
			notSent++
		}
	}
	if lost > 0 {
		s += fmt.Sprintf(" %d lost", lost)
	}
	if maybe > 0 {
		s += fmt.Sprintf(" %d lost?", maybe) // or dropped by the receiver's capture
	}
	if notSent > 0 {
		s += fmt.Sprintf(" %d not sent", notSent)
	}
	return s
}

// pairedConn is f's connection in the two-capture pair, when there is one
// and the second capture saw it too.
func (a *App) pairedConn(f *decode.Flow) *vantage.Conn {
	p := a.pair
	if p == nil || f.Proto != decode.ProtoTCPPacket && f.Proto != decode.ProtoUDPPacket {
		return nil
	}
	if cn := p.ConnOf(0, int(f.ID)); cn != nil && cn.Paired() {
		return cn
	}
	return nil
}

// secondFlow reports whether f is a conversation of the second capture
// (one only it saw, opened from the flow table), not of the first.
func (a *App) secondFlow(f *decode.Flow) bool {
	if a.pair == nil {
		return false
	}
	flows := a.pair.Cap[1].Idx.Flows()
	return int(f.ID) < len(flows) && flows[f.ID] == f
}

// arrowPacket is the index record of arrow ar of the open ladder, from
// the capture that saw it.
func (a *App) arrowPacket(ar *diagram.Arrow) *decode.Packet {
	if ar.Cap == 1 && a.pair != nil {
		return a.pair.Cap[1].Idx.Packet(ar.Index)
	}
	return a.idx.Packet(ar.Index)
}

// ladderVerdict is the explanation of the reset selected in the ladder:
// its two-sided verdict when the ladder is two-sided (r not nil), else
// the first capture's own; nil when no reset with a verdict is selected.
func (a *App) ladderVerdict() (*analysis.Verdict, *vantage.Reset) {
	ar := a.ladder.selectedArrow()
	if ar == nil {
		return nil, nil
	}
	if a.ladder.lay.Vantage != "" && a.resets != nil {
		if r := a.resets[sighting{int(ar.Cap), ar.Index + 1}]; r != nil {
			return &r.Verdict, r
		}
		return nil, nil
	}
	if ar.Cap != 0 {
		return nil, nil
	}
	return a.found.verdict(ar.Index), nil
}

// ladderVerdictLines is the explanation pane's text for the selected
// reset, nil when none is selected.
func (a *App) ladderVerdictLines(width int) []string {
	v, r := a.ladderVerdict()
	if v == nil {
		return nil
	}
	if r == nil {
		return explanationLines(v, width)
	}
	return pairVerdictLines(a.pair, r, width)
}

// pairVerdictLines is a two-sided verdict for the pane under the ladder:
// the title names the file its frames are of, then where the reset was
// seen and who sent it, then the explanation.
func pairVerdictLines(p *vantage.Pair, r *vantage.Reset, width int) []string {
	lines := explanationLines(&r.Verdict, width)
	lines[0] = decode.Printable(filepath.Base(p.Cap[r.Capture].Name)) + " " + lines[0]
	out := append([]string{lines[0]}, wrap(decode.Printable(seenLine(p, r)), width)...)
	return append(out, lines[1:]...)
}

// seenLine says where a reset was seen (or not) and who sent it.
func seenLine(p *vantage.Pair, r *vantage.Reset) string {
	var seen [2]string
	for c := range 2 {
		seen[c] = filepath.Base(p.Cap[c].Name) + " not seen"
	}
	for _, s := range r.SeenIn {
		seen[s.Capture] = fmt.Sprintf("%s #%d", filepath.Base(s.File), s.Frame)
	}
	how := "judged from one capture"
	if r.Proved {
		how = "proved by both captures"
	}
	return fmt.Sprintf("seen: %s · %s · sent by the %s (%s)", seen[0], seen[1], r.Origin, how)
}

// pairVerdictText is a two-sided verdict as copied by y.
func pairVerdictText(p *vantage.Pair, r *vantage.Reset) string {
	return "[" + filepath.Base(p.Cap[r.Capture].Name) + "] " + explanationText(&r.Verdict) + "  " + seenLine(p, r) + "\n"
}

// showOther shows packet pkt of the second capture in the details and
// bytes panes (a ladder arrow only that capture saw, or its copy of one).
func (a *App) showOther(pkt int) {
	fields, data, err := a.pair.Cap[1].Idx.Details(pkt, a.buf)
	a.buf = data
	a.bytes.show(data)
	a.details.show(fields, err)
	a.shown, a.otherShown = -1, pkt
}
