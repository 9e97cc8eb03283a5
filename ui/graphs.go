package ui

import (
	"strconv"

	"github.com/gdamore/tcell/v2"
	"github.com/ladder-dev/ladder/analysis"
	"github.com/ladder-dev/ladder/analysis/stats"
	"github.com/ladder-dev/ladder/decode"
	"github.com/ladder-dev/ladder/ui/chart"
)

// The graphs the graph view shows.
const (
	graphIO  = iota // packets or bytes per second over the capture (i)
	graphSeq        // one TCP flow's time-sequence (Stevens) graph (t)
)

// graphView holds the state of the full-screen graph view: which graph,
// its data (computed off the UI goroutine, so nil while computing) and the
// chart rendered for the last size, kept because a time-sequence graph
// of a long flow takes as long to render as to compute.
type graphView struct {
	kind int
	back int // the view q returns to
	gen  int // counts computations, so a stale result is dropped

	ascii    bool // plain ASCII: no blocks, no braille
	asciiSet bool // chosen with a; otherwise ASCII follows NO_COLOR

	// The I/O graph.
	metric chart.Metric
	shape  chart.Shape
	step   int   // interval: ioInterval(step); -1 until first fitted to the width
	span   int64 // ns from the first to the last packet
	series *stats.Series
	noted  bool // the series counts expert notes (the analysis had run)

	// The time-sequence graph.
	flow  *decode.Flow
	dir   uint8
	seq   *stats.TimeSequence
	retx  bool // retransmissions were marked (the analysis had run)
	lines []chart.Line
	key   chartKey
}

// chartKey is what a rendered chart depends on.
type chartKey struct {
	w, h   int
	ascii  bool
	metric chart.Metric
	shape  chart.Shape
	series *stats.Series
	seq    *stats.TimeSequence
}

// maxIOStep bounds the interval at 10^12 µs (11.6 days).
const maxIOStep = 36

// ioInterval is the interval of step k in ns: 1, 2, 5 × 10^n µs, the steps
// Wireshark's I/O graph offers.
func ioInterval(k int) int64 {
	v := int64(1000)
	for range k / 3 {
		v *= 10
	}
	switch k % 3 {
	case 1:
		v *= 2
	case 2:
		v *= 5
	}
	return v
}

// fitStep is the finest step whose intervals over span fit in cols columns.
func fitStep(span int64, cols int) int {
	k := 0
	for k < maxIOStep && span/ioInterval(k)+1 > int64(max(cols, 1)) {
		k++
	}
	return k
}

// intervalText writes an interval of the 1-2-5 steps in ASCII ("20ms").
func intervalText(ns int64) string {
	switch {
	case ns%1e9 == 0:
		return strconv.FormatInt(ns/1e9, 10) + "s"
	case ns%1e6 == 0:
		return strconv.FormatInt(ns/1e6, 10) + "ms"
	}
	return strconv.FormatInt(ns/1e3, 10) + "us"
}

// timeSpan is the time from the earliest to the latest timestamped packet.
func timeSpan(idx *decode.Index) int64 {
	first, last, seen := int64(0), int64(0), false
	for i := idx.First(); i < idx.Len(); i++ {
		p := idx.Packet(i)
		if p.Proto == decode.ProtoBlock || p.Bad&decode.BadNoTime != 0 {
			continue
		}
		if !seen || p.Time < first {
			first = p.Time
		}
		if !seen || p.Time > last {
			last = p.Time
		}
		seen = true
	}
	return last - first
}

// notedBy marks what `ladder stats --io` marks "!": packets with a
// warning-level expert note other than the reset itself (resets have
// their own mark). nil before the analysis has run. The returned func has
// its own buffer, so it may run off the UI goroutine.
func notedBy(f *findings) func(i int) bool {
	if f == nil {
		return nil
	}
	var buf []analysis.Note
	return func(i int) bool {
		buf = f.res.Notes(i, buf[:0])
		for _, n := range buf {
			if n.Severity >= analysis.SevWarning && n.Flag != "connection.rst" {
				return true
			}
		}
		return false
	}
}

// retransmittedBy reports the segments the analysis judged retransmitted
// (any kind), as `ladder stats --tcp-seq` marks them; nil before the
// analysis has run.
func retransmittedBy(f *findings) func(i int) bool {
	if f == nil {
		return nil
	}
	return func(i int) bool {
		fl := f.res.Flags(i)
		return fl.Has(analysis.Retransmission) || fl.Has(analysis.FastRetransmission) || fl.Has(analysis.SpuriousRetransmission)
	}
}

// graphCols is how many interval columns the I/O chart can show at the
// screen's width (chart.IO merges intervals beyond width-8).
func (a *App) graphCols() int {
	_, _, w, _ := a.root.GetRect()
	return max(w, 20) - 8
}

// useASCII starts a graph in ASCII when there is no colour (NO_COLOR,
// --no-color, [ui] color = "none"), unless a has chosen otherwise.
func (g *graphView) useASCII(th *theme) {
	if !g.asciiSet {
		g.ascii = th.mode == colorNone
	}
}

// openIOGraph shows the I/O graph of the whole capture, its interval first
// fitted to the screen's width.
func (a *App) openIOGraph() {
	switch {
	case a.idx == nil:
		a.message = "the I/O graph needs a capture file"
		return
	case !a.loaded():
		a.message = "the I/O graph opens once the capture has loaded"
		return
	}
	g := a.graph
	g.kind, g.back = graphIO, viewMain
	g.useASCII(a.theme)
	a.view = viewGraph
	if g.series == nil || g.noted != (a.found != nil) {
		a.computeIO(g.step)
	}
}

// computeIO builds the I/O series at interval step (-1: fitted to the
// width): two passes over the index, tens of milliseconds for a million
// packets, so off the UI goroutine.
func (a *App) computeIO(step int) {
	g := a.graph
	g.gen++
	gen, idx, found, cols := g.gen, a.idx, a.found, a.graphCols()
	g.series = nil
	a.offUI("I/O graph", func() func() {
		span := timeSpan(idx)
		if step < 0 {
			step = fitStep(span, cols)
		}
		s := stats.IO(idx, ioInterval(step), notedBy(found))
		return func() {
			if gen == g.gen {
				g.series, g.step, g.span, g.noted = &s, step, span, found != nil
			}
		}
	})
}

// openTimeSeqAt shows the time-sequence graph of packet pkt's TCP flow.
func (a *App) openTimeSeqAt(pkt, back int) {
	if !a.viewsReady() {
		a.message = "the time-sequence graph opens once the capture has loaded"
		return
	}
	if !a.packetOK(pkt) {
		a.message = "no packet selected"
		return
	}
	a.openTimeSeq(a.idx.Flow(a.idx.Packet(pkt)), back)
}

// openTimeSeq shows flow f's time-sequence graph, following the direction
// that sent more data; q returns to view back.
func (a *App) openTimeSeq(f *decode.Flow, back int) {
	switch {
	case !a.viewsReady():
		a.message = "the time-sequence graph opens once the capture has loaded"
		return
	case f == nil:
		a.message = "this packet is not part of a TCP conversation"
		return
	case f.Proto != decode.ProtoTCPPacket:
		a.message = "time-sequence graphs are of TCP flows; this is " + flowName(f)
		return
	case a.secondFlow(f):
		a.message = "time-sequence graphs are of the first capture's connections; only the second saw this one"
		return
	}
	g := a.graph
	g.kind, g.back, g.flow = graphSeq, back, a.currentFlow(f)
	g.useASCII(a.theme)
	a.view = viewGraph
	a.computeSeq(-1)
}

// computeSeq builds the time-sequence data of direction dir (-1: the one
// that sent more), off the UI goroutine: one pass over the flow.
func (a *App) computeSeq(dir int) {
	g := a.graph
	g.gen++
	gen, idx, found, f := g.gen, a.idx, a.found, g.flow
	g.seq = nil
	a.offUI("time-sequence graph", func() func() {
		d := uint8(dir)
		if dir < 0 {
			d = stats.DataDirection(idx, f)
		}
		ts := stats.TCPTimeSequence(idx, f, d, retransmittedBy(found))
		return func() {
			if gen == g.gen {
				g.seq, g.dir, g.retx = ts, d, found != nil
			}
		}
	})
}

// refreshGraph redoes the open graph once the analysis arrives, so the
// expert-note and retransmission marks appear.
func (a *App) refreshGraph() {
	g := a.graph
	switch {
	case a.found == nil:
	case g.kind == graphIO && g.series != nil && !g.noted:
		a.computeIO(g.step)
	case g.kind == graphSeq && g.seq != nil && !g.retx:
		a.computeSeq(int(g.dir))
	}
}

// graphHints are the status bar's key hints in the graph view.
func (g *graphView) hints() string {
	if g.kind == graphSeq {
		return "d:direction a:ASCII q:back"
	}
	return "m:metric +-:step s:shape q:back"
}

// drawGraph draws the graph view: a title line and the chart sized to the
// rest of the screen (the I/O chart's lines are its plot rows and 4 more:
// title, axis, marks, times; the time-sequence chart's: title, axis,
// times, legend).
func (a *App) drawGraph(screen tcell.Screen, x, y, width, height int) {
	g := a.graph
	if width <= 0 || height <= 0 {
		return
	}
	fill(screen, x, y, width, a.theme.header)
	drawText(screen, x+1, y, width-1, 0, a.graphTitle(), a.theme.header)
	if height < 2 {
		return
	}
	key := chartKey{w: width, ascii: g.ascii}
	switch g.kind {
	case graphIO:
		if g.series == nil {
			drawText(screen, x+1, y+1, width-1, 0, "computing the I/O graph...", a.theme.dim)
			return
		}
		key.h, key.metric, key.shape, key.series = max(height-1-4, 3), g.metric, g.shape, g.series
		if key != g.key {
			g.lines = chart.IO(*g.series, g.metric, g.shape, chart.Options{Width: width, Height: key.h, ASCII: g.ascii})
		}
	default:
		if g.seq == nil {
			drawText(screen, x+1, y+1, width-1, 0, "computing the time-sequence graph...", a.theme.dim)
			return
		}
		key.h, key.seq = max(height-1-4, 3), g.seq
		if key != g.key {
			g.lines = chart.TimeSequence(g.seq, chart.Options{Width: width, Height: key.h, ASCII: g.ascii})
		}
	}
	g.key = key
	for j, ln := range g.lines {
		if 1+j >= height {
			break
		}
		a.drawChartLine(screen, x, y+1+j, width, ln)
	}
}

// graphTitle names the graph and its settings; packet-derived text (the
// capture's name) is escaped, and with ASCII on it stays ASCII.
func (a *App) graphTitle() string {
	g := a.graph
	if g.kind == graphSeq {
		arrow := " ↔ "
		if g.ascii {
			arrow = " <-> "
		}
		f := g.flow
		return "Time-sequence graph: client " + endpointText(a.idx.Addr(f.Client.Addr), f.Client.Port) +
			arrow + "server " + endpointText(a.idx.Addr(f.Server.Addr), f.Server.Port)
	}
	title := "I/O graph"
	if g.series != nil {
		title += ", interval " + intervalText(g.series.Interval)
	}
	if !g.noted {
		title += " (expert notes once analysed)"
	}
	if a.filterExpr != "" {
		title += " (every packet, not only the filter's)"
	}
	return title + ": " + decode.Printable(a.cap.Name())
}

// drawChartLine writes one chart line, each rune in its span's style.
func (a *App) drawChartLine(screen tcell.Screen, x, y, width int, ln chart.Line) {
	col, span := 0, 0
	for _, r := range ln.Text {
		if col >= width {
			break
		}
		for span < len(ln.Spans) && ln.Spans[span].End <= col {
			span++
		}
		st := chart.StylePlain
		if span < len(ln.Spans) && ln.Spans[span].Start <= col {
			st = ln.Spans[span].Style
		}
		screen.SetContent(x+col, y, r, nil, chartStyle(a.theme, st))
		col++
	}
}

// chartStyle maps a chart style to the theme: resets red and notes and
// retransmissions in the warning colour as in the ladder; without colour
// the marks' letters (R, !, x) carry the meaning.
func chartStyle(th *theme, s chart.Style) tcell.Style {
	tint := func(hex int32, c16 tcell.Color) tcell.Style {
		switch th.mode {
		case color256:
			return th.normal.Foreground(tcell.NewHexColor(hex))
		case color16:
			return th.normal.Foreground(c16)
		}
		return th.normal
	}
	switch s {
	case chart.StyleAxis:
		return th.normal
	case chart.StyleWindow:
		return th.dim
	case chart.StyleAck:
		return tint(0x5fd75f, tcell.ColorGreen)
	case chart.StyleBar, chart.StyleSeq:
		return tint(0x5fafff, tcell.ColorTeal)
	case chart.StyleNote, chart.StyleRetransmit:
		return warnStyle(th)
	case chart.StyleReset:
		return resetStyle(th)
	}
	return th.normal
}
