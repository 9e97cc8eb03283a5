package ui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/gdamore/tcell/v2"
	"github.com/ladder-dev/ladder/analysis"
	"github.com/ladder-dev/ladder/decode"
	"github.com/ladder-dev/ladder/ui/diagram"
	"github.com/rivo/tview"
	"github.com/rivo/uniseg"
)

// ladderView draws one flow's ladder diagram (laid out by ui/diagram) and
// steps through it arrow by arrow. Only the rows on screen are rendered,
// so a 100k-packet flow draws as fast as a ten-packet one.
type ladderView struct {
	*tview.Box
	theme   *theme
	lay     *diagram.Layout
	flow    *decode.Flow
	cur     int // selected arrow (index into lay.Arrows)
	top     int // first diagram row on screen
	level   bool
	frames  bool // frame numbers on the arrows (n)
	hscroll int  // label cells scrolled off to the left (← →)
	rows    int  // diagram rows that fit, from the last draw
	width   int  // width of the last draw, for yanking the same diagram
}

func newLadderView(th *theme) *ladderView {
	return &ladderView{Box: tview.NewBox(), theme: th, rows: 1, width: 80}
}

// show displays a laid-out flow with packet pkt's arrow selected (the
// first arrow when pkt is not in the flow).
func (v *ladderView) show(f *decode.Flow, lay *diagram.Layout, pkt int) {
	v.flow, v.lay = f, lay
	v.cur = 0
	for k := range v.lay.Arrows {
		if ar := &v.lay.Arrows[k]; ar.Cap == 0 && ar.Index == pkt || ar.Cap == 1 && ar.Twin == pkt {
			v.cur = k
			break
		}
	}
	v.top = -1 // centre the selection at the next draw
}

// ladderOptions puts tshark's analysis labels and each reset's cause
// ("{after-close, high}") on the arrows, as `ladder ladder` does; found is
// nil before the analysis has run.
//
// With frames, each arrow's label starts with its frame number ("#11"), as
// the explanation cites frames by number.
func ladderOptions(found *findings, level, frames bool) diagram.Options {
	opt := diagram.Options{Horizontal: level}
	if found != nil {
		opt.Label = func(i int) string { return strings.TrimSpace(found.res.Labels(i)) }
		opt.Note = func(i int) string {
			if v := found.verdict(i); v != nil {
				return fmt.Sprintf("{%s, %s}", v.Cause, v.Confidence)
			}
			return ""
		}
	}
	if frames {
		note := opt.Note
		opt.Note = func(i int) string {
			s := "#" + strconv.Itoa(i+1)
			if note != nil {
				if n := note(i); n != "" {
					s += " " + n
				}
			}
			return s
		}
	}
	return opt
}

// selected is the first capture's packet index of the selected arrow, or
// -1 (none, or a packet only the second capture of a two-sided ladder
// saw: selectedArrow has it).
func (v *ladderView) selected() int {
	ar := v.selectedArrow()
	switch {
	case ar == nil:
		return -1
	case ar.Cap == 1:
		return ar.Twin // the first capture's copy, if it saw one
	}
	return ar.Index
}

// selectedArrow is the selected arrow, or nil.
func (v *ladderView) selectedArrow() *diagram.Arrow {
	if v.lay == nil || v.cur < 0 || v.cur >= len(v.lay.Arrows) {
		return nil
	}
	return &v.lay.Arrows[v.cur]
}

// move selects the arrow delta arrows away.
func (v *ladderView) move(delta int) {
	if v.lay == nil || len(v.lay.Arrows) == 0 {
		return
	}
	v.cur = min(max(v.cur+delta, 0), len(v.lay.Arrows)-1)
	v.follow()
}

// find selects the next (dir 1) or previous (dir -1) arrow after the
// selection that satisfies ok, and reports whether there was one.
func (v *ladderView) find(from, dir int, ok func(a *diagram.Arrow) bool) bool {
	if v.lay == nil {
		return false
	}
	for k := from; k >= 0 && k < len(v.lay.Arrows); k += dir {
		if ok(&v.lay.Arrows[k]) {
			v.cur = k
			v.follow()
			return true
		}
	}
	return false
}

// follow scrolls so that the selected arrow's capture row is on screen,
// with context around it when it has to scroll: the arrows it crossed are
// drawn on the rows before and after it.
func (v *ladderView) follow() {
	row := v.captureRow()
	if row < v.top+1 || row >= v.top+v.rows-1 {
		v.top = -1
	}
}

// captureRow is the diagram row where the selected arrow was captured.
func (v *ladderView) captureRow() int {
	if v.lay == nil || v.cur >= len(v.lay.Arrows) {
		return 0
	}
	a := &v.lay.Arrows[v.cur]
	if a.Send == a.Seen {
		return a.SendRow
	}
	return a.ArriveRw
}

func (v *ladderView) style(s diagram.Style) tcell.Style {
	th := v.theme
	switch s {
	case diagram.StyleHeader:
		return th.header
	case diagram.StyleReset:
		return resetStyle(th)
	case diagram.StyleFlagged:
		return warnStyle(th)
	case diagram.StyleFold, diagram.StyleTime:
		return th.dim
	}
	return th.normal
}

// Draw draws the header (endpoints, how arrows were placed, column
// titles) and the visible rows of the diagram.
func (v *ladderView) Draw(screen tcell.Screen) {
	x, y, width, height := v.GetInnerRect()
	for row := y; row < y+height; row++ {
		fill(screen, x, row, width, v.theme.normal)
	}
	if width <= 0 || height <= 0 || v.lay == nil {
		return
	}
	v.width = width
	g := diagram.GeometryFor(width)
	g.Width += v.hscroll // render the labels longer; drawLine scrolls them
	hdr := v.lay.Header(g)
	if height < 8 {
		hdr = hdr[:1] // a short pane keeps room for arrows
	}
	for j, ln := range hdr {
		v.drawLine(screen, x, y+j, width, len(ln.Text), ln, false) // headers do not scroll
	}
	v.rows = max(height-len(hdr), 1)
	row := v.captureRow()
	// Centre the selection when asked to, and whenever it is off screen:
	// a resize changes how many rows fit (and a wide screen fits them
	// all, scrolling to the top), and the selected arrow must stay in view.
	if v.top < 0 || row < v.top || row >= v.top+v.rows {
		v.top = row - v.rows/2
	}
	v.top = max(min(v.top, len(v.lay.Rows)-v.rows), 0)
	for j, ln := range v.lay.Render(g, v.top, v.top+v.rows) {
		v.drawLine(screen, x, y+len(hdr)+j, width, g.LabelAt, ln, ln.Arrow == v.cur && v.top+j == row)
	}
}

// drawLine draws a rendered line with its spans' colours; the selected
// arrow's row is shown in the selection style over its whole width. The
// labels (from column labelAt) are scrolled left by v.hscroll cells.
func (v *ladderView) drawLine(screen tcell.Screen, x, y, width, labelAt int, ln diagram.Line, selected bool) {
	base := v.theme.normal
	if selected {
		base = v.theme.selected
		fill(screen, x, y, width, base)
	}
	col, span, i := 0, 0, -1
	for _, r := range ln.Text {
		i++ // rune index: the spans count runes
		if col >= width {
			break
		}
		if i >= labelAt && i < labelAt+v.hscroll {
			continue
		}
		for span < len(ln.Spans) && ln.Spans[span].End <= i {
			span++
		}
		st := base
		if !selected && span < len(ln.Spans) && ln.Spans[span].Start <= i {
			st = v.style(ln.Spans[span].Style)
		}
		w := 1
		if r >= 0x80 {
			w = max(uniseg.StringWidth(string(r)), 1)
		}
		screen.SetContent(x+col, y, r, nil, st)
		col += w
	}
}

// text is the whole diagram as plain text, at the width it is drawn.
func (v *ladderView) text() string {
	if v.lay == nil {
		return ""
	}
	// The lanes as drawn, the labels whole: the screen cuts them at its
	// width, a copy need not.
	g := diagram.GeometryFor(v.width)
	g.Width = max(g.Width, g.LabelAt+v.lay.LabelWidth())
	return v.lay.TextIn(g)
}

func (v *ladderView) InputHandler() func(event *tcell.EventKey, setFocus func(p tview.Primitive)) {
	return v.WrapInputHandler(func(ev *tcell.EventKey, _ func(p tview.Primitive)) {
		switch ev.Key() {
		case tcell.KeyUp:
			v.move(-1)
		case tcell.KeyDown:
			v.move(1)
		case tcell.KeyPgUp, tcell.KeyCtrlB:
			v.move(-max(v.rows/2, 1))
		case tcell.KeyPgDn, tcell.KeyCtrlF:
			v.move(max(v.rows/2, 1))
		case tcell.KeyHome:
			v.move(-len(v.lay.Arrows))
		case tcell.KeyEnd:
			v.move(len(v.lay.Arrows))
		case tcell.KeyLeft:
			v.hscroll = max(v.hscroll-8, 0)
		case tcell.KeyRight:
			v.hscroll = min(v.hscroll+8, 200)
		case tcell.KeyRune:
			switch ev.Rune() {
			case 'j':
				v.move(1)
			case 'k':
				v.move(-1)
			case 'g':
				v.move(-len(v.lay.Arrows))
			case 'G':
				v.move(len(v.lay.Arrows))
			}
		}
	})
}

// explanationLines wraps a reset's verdict for the pane under the ladder:
// what it is, the cause and confidence, the evidence frames and the
// explanation itself.
func explanationLines(v *analysis.Verdict, width int) []string {
	ev := make([]string, len(v.Evidence))
	for k, f := range v.Evidence {
		ev[k] = fmt.Sprint(f)
	}
	out := []string{fmt.Sprintf("RST frame %d: %s (%s confidence)  evidence: frames %s",
		v.Frame, v.Cause, v.Confidence, strings.Join(ev, ", "))}
	return append(out, wrap(decode.Printable(v.Explanation), width)...)
}

// outcomeLines is a connection's outcome for the expert pane: a title line
// with its evidence, then the explanation wrapped to width.
func outcomeLines(o *analysis.FlowOutcome, width int) []string {
	ev := make([]string, len(o.Evidence))
	for k, f := range o.Evidence {
		ev[k] = fmt.Sprint(f)
	}
	out := []string{fmt.Sprintf("stream %d: %s by %s (%s confidence)  evidence: frames %s",
		o.Stream, o.Outcome, o.By, o.Confidence, strings.Join(ev, ", "))}
	return append(out, wrap(decode.Printable(o.Explanation), width)...)
}

// outcomeText is an outcome as `ladder explain --all` prints it, for
// yanking into a ticket.
func outcomeText(o *analysis.FlowOutcome) string {
	ev := make([]string, len(o.Evidence))
	for k, f := range o.Evidence {
		ev[k] = fmt.Sprint(f)
	}
	return fmt.Sprintf("stream %d  %s by %s (%s)\n  evidence: frames %s\n  %s\n",
		o.Stream, o.Outcome, o.By, o.Confidence, strings.Join(ev, ", "), strings.Join(wrap(o.Explanation, 78), "\n  "))
}

// explanationText is a verdict as `ladder explain` prints it, for yanking
// into a ticket.
func explanationText(v *analysis.Verdict) string {
	ev := make([]string, len(v.Evidence))
	for k, f := range v.Evidence {
		ev[k] = fmt.Sprint(f)
	}
	return fmt.Sprintf("frame %d  stream %d  %s → %s  %s (%s)\n  evidence: frames %s\n  %s\n",
		v.Frame, v.Stream, v.From, v.To, v.Cause, v.Confidence, strings.Join(ev, ", "),
		strings.Join(wrap(v.Explanation, 78), "\n  "))
}

// wrap breaks text into lines of at most width cells at spaces.
func wrap(text string, width int) []string {
	width = max(width, 10)
	var out []string
	line := ""
	for _, w := range strings.Fields(text) {
		switch {
		case line == "":
			line = w
		case uniseg.StringWidth(line)+1+uniseg.StringWidth(w) <= width:
			line += " " + w
		default:
			out = append(out, line)
			line = w
		}
	}
	if line != "" {
		out = append(out, line)
	}
	return out
}

// resetStyle draws RST arrows red (bold without colour).
func resetStyle(th *theme) tcell.Style {
	switch th.mode {
	case color256:
		return tcell.StyleDefault.Foreground(tcell.NewHexColor(0xff5f5f)).Bold(true)
	case color16:
		return tcell.StyleDefault.Foreground(tcell.ColorRed).Bold(true)
	}
	return tcell.StyleDefault.Bold(true)
}

// warnStyle draws arrows with analysis labels (retransmissions, dup ACKs)
// in the warning colour (underlined without colour).
func warnStyle(th *theme) tcell.Style {
	switch th.mode {
	case color256:
		return tcell.StyleDefault.Foreground(tcell.NewHexColor(0xffaf00))
	case color16:
		return tcell.StyleDefault.Foreground(tcell.ColorYellow)
	}
	return tcell.StyleDefault.Underline(true)
}
