package ui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/gdamore/tcell/v2"
	"github.com/ladder-dev/ladder/analysis"
	"github.com/ladder-dev/ladder/decode"
	"github.com/rivo/tview"
)

// expertView is Wireshark's Expert Information with ladder's findings on
// top: the connections counted per outcome and the resets per cause (with
// thousands of resets the summary comes first), each count expandable to
// its examples, then the notes grouped by severity and kind with their
// counts, each group expandable to its packets. Like the packet list it
// draws only the visible rows.
type expertView struct {
	*tview.Box
	cap   Capture
	theme *theme
	found *findings

	outcomesOpen bool         // the "Connections by outcome" header
	resetsOpen   bool         // the "Resets by cause" header
	openCode     map[int]bool // expanded outcome counts (index into byCode)
	openCause    map[int]bool // expanded cause counts (index into byCause)
	open         map[int]bool // expanded note groups
	rows         []expertRow  // flattened, rebuilt when a group opens or closes
	top, cur     int
	height       int
}

// Kinds of expert rows.
const (
	expertOutcomes = iota // the "Connections by outcome" header
	expertOutcome         // one outcome and its count
	expertConn            // one connection with that outcome
	expertResets          // the "Resets by cause" header
	expertCause           // one cause and its count
	expertReset           // one reset and its verdict
	expertGroup           // a note group header
	expertPacket          // one packet of an expanded note group
)

type expertRow struct {
	kind  int
	index int // byCode, flow id, byCause, resets or notes index, by kind
	pkt   int // packet index, -1 for headers and counts
}

func newExpertView(c Capture, th *theme) *expertView {
	return &expertView{Box: tview.NewBox(), cap: c, theme: th, outcomesOpen: true, resetsOpen: true,
		openCode: map[int]bool{}, openCause: map[int]bool{}, open: map[int]bool{}, height: 1}
}

// setFindings shows the analysis' notes, outcomes and verdicts.
func (v *expertView) setFindings(f *findings) {
	v.found = f
	v.rebuild()
}

func (v *expertView) rebuild() {
	v.rows = v.rows[:0]
	if v.found == nil {
		return
	}
	f := v.found
	v.rows = append(v.rows, expertRow{kind: expertOutcomes, pkt: -1})
	if v.outcomesOpen {
		for g := range f.byCode {
			v.rows = append(v.rows, expertRow{kind: expertOutcome, index: g, pkt: -1})
			if v.openCode[g] {
				for _, id := range f.byCode[g].flows {
					v.rows = append(v.rows, expertRow{kind: expertConn, index: id, pkt: int(f.end(id).example)})
				}
			}
		}
	}
	v.rows = append(v.rows, expertRow{kind: expertResets, pkt: -1})
	if v.resetsOpen {
		for g := range f.byCause {
			v.rows = append(v.rows, expertRow{kind: expertCause, index: g, pkt: -1})
			if v.openCause[g] {
				for _, k := range f.byCause[g].resets {
					v.rows = append(v.rows, expertRow{kind: expertReset, index: k, pkt: f.resets[k].Frame - 1})
				}
			}
		}
	}
	for g := range f.notes {
		v.rows = append(v.rows, expertRow{kind: expertGroup, index: g, pkt: -1})
		if v.open[g] {
			for _, p := range f.notes[g].packets {
				v.rows = append(v.rows, expertRow{kind: expertPacket, index: g, pkt: int(p)})
			}
		}
	}
	v.cur = min(v.cur, max(len(v.rows)-1, 0))
}

// examplePacket is the packet a connection's row goes to: the reset that
// ended it, else its last evidence frame.
func examplePacket(o *analysis.FlowOutcome) int {
	switch {
	case o.Reset != nil:
		return o.Reset.Frame - 1
	case len(o.Evidence) > 0:
		return o.Evidence[len(o.Evidence)-1] - 1
	}
	return -1
}

// current returns the selected row, or nil.
func (v *expertView) current() *expertRow {
	if v.cur < 0 || v.cur >= len(v.rows) {
		return nil
	}
	return &v.rows[v.cur]
}

// isOpen reports whether a header or count row is expanded.
func (v *expertView) isOpen(r *expertRow) bool {
	switch r.kind {
	case expertOutcomes:
		return v.outcomesOpen
	case expertOutcome:
		return v.openCode[r.index]
	case expertResets:
		return v.resetsOpen
	case expertCause:
		return v.openCause[r.index]
	case expertGroup:
		return v.open[r.index]
	}
	return false
}

// toggle opens or closes the group the cursor is on.
func (v *expertView) toggle() {
	r := v.current()
	if r == nil {
		return
	}
	switch r.kind {
	case expertOutcomes:
		v.outcomesOpen = !v.outcomesOpen
	case expertOutcome:
		v.openCode[r.index] = !v.openCode[r.index]
	case expertResets:
		v.resetsOpen = !v.resetsOpen
	case expertCause:
		v.openCause[r.index] = !v.openCause[r.index]
	case expertGroup:
		v.open[r.index] = !v.open[r.index]
	default:
		return
	}
	v.rebuild()
}

// selectPacket puts the cursor on the row of packet pkt (a reset first),
// opening its group when needed.
func (v *expertView) selectPacket(pkt int) bool {
	if v.found == nil {
		return false
	}
	if vd := v.found.verdict(pkt); vd != nil {
		v.resetsOpen = true
		for g := range v.found.byCause {
			if v.found.byCause[g].cause == vd.Cause {
				v.openCause[g] = true
			}
		}
		v.rebuild()
	}
	for k, r := range v.rows {
		if r.pkt == pkt && (r.kind == expertReset || r.kind == expertPacket) {
			v.cur = k
			return true
		}
	}
	return false
}

// rowText is the text of one row, the way Wireshark's expert dialog reads:
// severity, summary, group, count.
func (v *expertView) rowText(r expertRow) string {
	f := v.found
	mark := func(open bool) string {
		if open {
			return "▾ "
		}
		return "▸ "
	}
	switch r.kind {
	case expertOutcomes:
		n := 0
		for _, g := range f.byCode {
			n += len(g.flows)
		}
		return fmt.Sprintf("%sConnections by outcome (%d): how each TCP connection ended", mark(v.outcomesOpen), n)
	case expertOutcome:
		g := &f.byCode[r.index]
		return fmt.Sprintf("  %s%-17s %6d  %s", mark(v.openCode[r.index]), g.code, len(g.flows), analysis.OutcomeMeaning(g.code))
	case expertConn:
		e := f.end(r.index)
		fl := f.idx.FlowAt(r.index)
		return fmt.Sprintf("      stream %-5d by %-8s %-6s %s → %s", e.stream, e.by, e.conf,
			endpointText(v.cap.Addr(fl.Client.Addr), fl.Client.Port), endpointText(v.cap.Addr(fl.Server.Addr), fl.Server.Port))
	case expertResets:
		return fmt.Sprintf("%sResets by cause (%d): why each RST was sent", mark(v.resetsOpen), len(f.resets))
	case expertCause:
		g := &f.byCause[r.index]
		return fmt.Sprintf("  %s%-18s %6d", mark(v.openCause[r.index]), g.cause, len(g.resets))
	case expertReset:
		vd := &f.resets[r.index]
		return fmt.Sprintf("      frame %-6d %-18s %-6s stream %-4d %s → %s", vd.Frame, vd.Cause, vd.Confidence, vd.Stream, vd.From, vd.To)
	case expertGroup:
		g := &f.notes[r.index]
		return fmt.Sprintf("%s%-8s %-44.44s %-9s %6d", mark(v.open[r.index]), g.sev, g.summary, g.group, len(g.packets))
	}
	row, _ := v.cap.Row(r.pkt, f.Label(r.pkt), nil)
	return fmt.Sprintf("    %7d  %s", r.pkt+1, row.Info)
}

func (v *expertView) Draw(screen tcell.Screen) {
	x, y, width, height := v.GetInnerRect()
	for row := y; row < y+height; row++ {
		fill(screen, x, row, width, v.theme.normal)
	}
	if width <= 0 || height <= 0 {
		return
	}
	fill(screen, x, y, width, v.theme.header)
	drawText(screen, x, y, width, 0, "Expert information  (Enter: open a count or group / go to the packet, l: ladder, y: copy)", v.theme.header)
	if v.found == nil {
		drawText(screen, x+1, y+1, width-1, 0, "the analysis runs once the capture has loaded", v.theme.dim)
		return
	}
	// A selected reset's verdict (cause, confidence, evidence frames and
	// the explanation) takes the bottom of the pane.
	var why []string
	if r := v.current(); r != nil && r.kind == expertReset {
		why = explanationLines(&v.found.resets[r.index], width-2)
	} else if r != nil && r.kind == expertConn {
		o := v.found.outcome(r.index)
		why = outcomeLines(&o, width-2)
	}
	why = why[:min(len(why), max(height-4, 0))]
	v.height = max(height-1-len(why), 1)
	for j, ln := range why {
		st := v.theme.normal
		if j == 0 {
			st = resetStyle(v.theme).Reverse(true)
			fill(screen, x, y+height-len(why), width, st)
		}
		drawText(screen, x+1, y+height-len(why)+j, width-1, 0, ln, st)
	}
	if v.cur >= v.top+v.height {
		v.top = v.cur - v.height + 1
	}
	if v.cur < v.top {
		v.top = v.cur
	}
	for j := 0; j < v.height && v.top+j < len(v.rows); j++ {
		r := v.rows[v.top+j]
		st := v.theme.normal
		switch {
		case v.top+j == v.cur:
			st = v.theme.selected
		case r.kind == expertResets || r.kind == expertCause || r.kind == expertReset:
			st = resetStyle(v.theme)
		case r.kind == expertGroup && v.found.notes[r.index].sev.String() == "Warning":
			st = warnStyle(v.theme)
		}
		fill(screen, x, y+1+j, width, st)
		drawText(screen, x, y+1+j, width, 0, decode.Printable(v.rowText(r)), st)
	}
}

func (v *expertView) InputHandler() func(event *tcell.EventKey, setFocus func(p tview.Primitive)) {
	return v.WrapInputHandler(func(ev *tcell.EventKey, _ func(p tview.Primitive)) {
		if cur, ok := moveCursor(ev, v.cur, len(v.rows), v.height); ok {
			v.cur = cur
			return
		}
		switch ev.Key() {
		case tcell.KeyRight, tcell.KeyLeft:
			if r := v.current(); r != nil && r.pkt < 0 && v.isOpen(r) != (ev.Key() == tcell.KeyRight) {
				v.toggle()
			}
		}
	})
}

// yankText is what `y` copies from the expert pane: a reset's explanation,
// a group's summary with its packets, or a packet's summary line.
func (v *expertView) yankText() string {
	r := v.current()
	if r == nil || v.found == nil {
		return ""
	}
	switch r.kind {
	case expertReset:
		return explanationText(&v.found.resets[r.index])
	case expertConn:
		o := v.found.outcome(r.index)
		return outcomeText(&o)
	case expertOutcomes, expertResets:
		s := ""
		for k := range v.rows {
			if rr := v.rows[k]; rr.kind == r.kind+1 {
				s += strings.TrimSpace(strings.TrimLeft(v.rowText(rr), " ▸▾")) + "\n"
			}
		}
		return s
	case expertOutcome:
		s := ""
		for _, id := range v.found.byCode[r.index].flows {
			o := v.found.outcome(id)
			s += outcomeText(&o) + "\n"
		}
		return s
	case expertCause:
		s := ""
		for _, k := range v.found.byCause[r.index].resets {
			s += explanationText(&v.found.resets[k]) + "\n"
		}
		return s
	case expertGroup:
		g := &v.found.notes[r.index]
		s := fmt.Sprintf("%s %s (%s): %d packets:", g.sev, g.summary, g.group, len(g.packets))
		for _, p := range g.packets {
			s += " " + strconv.Itoa(int(p)+1)
		}
		return s + "\n"
	}
	return summaryLine(v.cap, r.pkt, "")
}
