package ui

import (
	"fmt"
	"path/filepath"
	"time"

	"github.com/gdamore/tcell/v2"
	"github.com/ladder-dev/ladder/decode"
	"github.com/ladder-dev/ladder/ui/diagram"
)

// analyzeWhenLoaded runs the TCP analysis and the reset explainer once the
// capture has loaded (both need all of it) and hands the result to the UI
// goroutine. Until then the app works without labels, notes and verdicts.
func (a *App) analyzeWhenLoaded(stop chan struct{}) {
	if a.idx == nil {
		return
	}
	if _, live := a.idx.LiveStats(); live {
		// A live capture never finishes loading while it runs: analyse
		// what has arrived every couple of seconds, with the loader held
		// off so packets and flows stand still meanwhile.
		tick := time.NewTicker(liveAnalysisEvery)
		defer tick.Stop()
	wait:
		for {
			select {
			case <-stop:
				return
			case <-a.idx.Done():
				break wait
			case <-tick.C:
				var f *findings
				a.idx.Frozen(func() { f = analyze(a.idx) })
				a.tv.QueueUpdateDraw(func() { a.setFindings(f) })
			}
		}
	}
	select {
	case <-stop:
		return
	case <-a.idx.Done():
	}
	f := analyze(a.idx)
	a.idx.FlowNames() // computed here, off the UI goroutine; views read them with FlowName
	a.tv.QueueUpdateDraw(func() { a.setFindings(f) })
}

// liveAnalysisEvery is how often a live capture's analysis is refreshed.
const liveAnalysisEvery = 2 * time.Second

// setFindings makes the analysis visible: Info labels, n/N, Bad TCP
// colouring, the flow table's state columns, the expert pane, the labels
// on the open ladder, and the analysis fields of the display filters.
func (a *App) setFindings(f *findings) {
	a.found = f
	a.shared.Store(f) // a filter on analysis fields waiting for them goes on
	if a.ownAnn {
		a.ann = f
		a.list.ann = f
	}
	a.flows.found = f
	a.expert.setFindings(f)
	if a.ladder.lay != nil && a.view == viewLadder {
		a.layoutLadder(a.currentFlow(a.ladder.flow), a.ladder.selected(), a.back)
	}
	a.settled = false
}

// loaded reports whether the capture has finished loading.
func (a *App) loaded() bool {
	select {
	case <-a.cap.Done():
		return true
	default:
		return false
	}
}

// openLadderAt opens the ladder of packet pkt's flow with its arrow selected.
func (a *App) openLadderAt(pkt int, back int) {
	if f := a.flowAt(pkt, "the ladder"); f != nil {
		a.openLadder(f, pkt, back)
	}
}

// flowAt returns packet pkt's flow for the view named (the ladder, follow),
// or nil with the reason in the status line: no packet, the capture still
// loading, or a packet outside any TCP or UDP conversation.
func (a *App) flowAt(pkt int, view string) *decode.Flow {
	if !a.packetOK(pkt) {
		a.message = "no packet selected"
		return nil
	}
	if !a.viewsReady() {
		a.message = view + " opens once the capture has loaded"
		return nil
	}
	f := a.idx.Flow(a.idx.Packet(pkt))
	if f == nil {
		a.message = "this packet is not part of a TCP or UDP conversation"
	}
	return f
}

// openLadder shows flow f's ladder, with packet pkt's arrow selected (-1:
// the first arrow); q goes back to view back.
func (a *App) openLadder(f *decode.Flow, pkt int, back int) {
	if !a.viewsReady() {
		a.message = "the ladder opens once the capture has loaded"
		return
	}
	a.ladderDetails = false
	a.layoutLadder(a.currentFlow(f), pkt, back)
}

// viewsReady reports whether the ladder can be drawn: once a file has
// loaded, or at any time during a live capture.
func (a *App) viewsReady() bool {
	if a.idx == nil {
		return false
	}
	_, live := a.idx.LiveStats()
	return live || a.loaded()
}

// currentFlow returns flow f as it stands now (f may be an older snapshot,
// as the flow table keeps while a capture loads): a record no one writes
// any more (decode.Index.FlowAt), so the ladder can be laid out from it on
// another goroutine while packets keep arriving.
func (a *App) currentFlow(f *decode.Flow) *decode.Flow {
	if a.secondFlow(f) {
		return f // the second capture's, loaded before it was paired
	}
	if cur := a.idx.FlowAt(int(f.ID)); cur != nil {
		return cur
	}
	return f
}

// bigLadder is the flow size from which the ladder is laid out off the
// UI goroutine: diagram.Build formats every packet's Info (about 5 µs a
// packet), half a second for 100k packets, and the UI must not freeze.
const bigLadder = 20_000

// layoutLadder lays out flow f and shows it with packet pkt's arrow
// selected; q returns to view back.
func (a *App) layoutLadder(f *decode.Flow, pkt, back int) {
	a.ladderGen++
	show := func(lay *diagram.Layout) {
		a.ladder.show(f, lay, pkt)
		a.view, a.back = viewLadder, back
		a.ladderFollow()
	}
	if a.secondFlow(f) {
		// Only the second capture saw it: its packets, on the first
		// capture's clock; the first capture's labels do not apply.
		opt := diagram.Options{Horizontal: a.ladder.level}
		show(diagram.BuildPair(a.pair, a.pair.ConnOf(1, int(f.ID)), opt))
		return
	}
	opt := ladderOptions(a.found, a.ladder.level, a.ladder.frames)
	opt.Name = a.idx.FlowName(f)
	if cn := a.pairedConn(f); cn != nil {
		opt.Note = nil // resets carry their two-sided verdicts
		show(diagram.BuildPair(a.pair, cn, opt))
		return
	}
	if !a.running || len(f.Frames) < bigLadder {
		a.ladderPending = false
		show(diagram.Build(a.idx, f, opt))
		return
	}
	gen, idx := a.ladderGen, a.idx
	a.message = fmt.Sprintf("laying out the ladder of %d packets…", len(f.Frames))
	a.ladderPending = true
	a.background("ladder layout", func() {
		lay := diagram.Build(idx, f, opt)
		a.tv.QueueUpdateDraw(func() {
			if gen == a.ladderGen { // not superseded by another l, h or analysis
				a.ladderPending = false
				show(lay)
				a.message = ""
			}
		})
	})
}

// ladderFollow makes the packet list and the details follow the ladder's
// selection, so going back to the list keeps the position.
func (a *App) ladderFollow() {
	pkt := a.ladder.selected()
	if pkt < 0 {
		if ar := a.ladder.selectedArrow(); ar != nil && ar.Cap == 1 && a.pair != nil {
			a.showOther(ar.Index) // only the second capture saw it
		}
		return
	}
	a.list.gotoPacket(pkt)
	a.showPacket(pkt)
}

func (a *App) ladderKey(ev *tcell.EventKey) {
	a.message = ""
	if a.ladderDetails && ev.Key() != tcell.KeyTab && ev.Key() != tcell.KeyBacktab {
		// The details pane has the keys until Tab or Esc gives them back.
		if ev.Key() == tcell.KeyEscape || ev.Key() == tcell.KeyRune && ev.Rune() == 'q' {
			a.ladderDetails = false
			return
		}
		a.send(a.details, ev)
		return
	}
	if b := binding(ladderKeys, ev); b != nil && b.do != nil && b.do(a, ev, 0) {
		return
	}
	a.send(a.ladder, ev)
	a.ladderFollow()
}

// drawLadderScreen lays out the ladder and, under it (or beside it on a
// wide terminal), the selected reset's explanation or the selected
// packet's details.
func (a *App) drawLadderScreen(screen tcell.Screen, x, y, width, height int) {
	vd := a.ladderVerdictLines(width - 2)
	if width >= 160 {
		lw := width * 11 / 20
		a.ladder.SetRect(x, y, lw, height)
		a.ladder.Draw(screen)
		a.drawLadderSide(screen, x+lw+1, y, width-lw-1, height)
		for row := y; row < y+height; row++ {
			screen.SetContent(x+lw, row, '│', nil, a.theme.dim)
		}
		return
	}
	side := height * 2 / 5
	if vd != nil {
		side = min(len(vd)+1, height-8)
	}
	side = max(side, 0)
	a.ladder.SetRect(x, y, width, height-side)
	a.ladder.Draw(screen)
	if side > 0 {
		a.drawLadderSide(screen, x, y+height-side, width, side)
	}
}

// drawLadderSide is the pane beside the ladder: the reset's explanation
// when a RST with a verdict is selected, otherwise the packet details.
func (a *App) drawLadderSide(screen tcell.Screen, x, y, width, height int) {
	if height <= 0 || width <= 0 {
		return
	}
	if lines := a.ladderVerdictLines(width - 2); lines != nil {
		fill(screen, x, y, width, resetStyle(a.theme).Reverse(true))
		drawText(screen, x+1, y, width-1, 0, lines[0], resetStyle(a.theme).Reverse(true))
		for j, ln := range lines[1:] {
			if j+1 >= height {
				break
			}
			drawText(screen, x+1, y+1+j, width-1, 0, ln, a.theme.normal)
		}
		return
	}
	st, title := a.theme.header, "Packet details (Tab: expand fields)"
	if a.ladderDetails {
		st, title = a.theme.focused, "Packet details (Tab or Esc: back to the ladder)"
	}
	if a.otherShown >= 0 && a.pair != nil {
		// Frames of the second capture are numbered as it numbers them.
		title = fmt.Sprintf("Frame %d of %s · %s", a.otherShown+1, decode.Printable(filepath.Base(a.pair.Cap[1].Name)), title)
	}
	fill(screen, x, y, width, st)
	drawText(screen, x+1, y, width-1, 0, title, st)
	a.details.SetRect(x, y+1, width, height-1)
	a.details.Draw(screen)
}

// openExpert shows the expert pane with packet pkt's row selected when it
// has one.
func (a *App) openExpert(pkt int) {
	if a.found == nil {
		a.message = "the expert information appears once the capture has loaded and been analysed"
		return
	}
	if pkt >= 0 {
		a.expert.selectPacket(pkt)
	}
	a.view = viewExpert
}

// yankMain copies from the main view: the selected packet's summary line
// from the list, the selected subtree from the details, the selected
// reset's explanation too when the packet is one.
func (a *App) yankMain() {
	pkt := a.list.Selected()
	switch {
	case pkt < 0:
		a.yank("", "")
	case a.focus == paneDetails:
		a.yank("the details subtree", subtreeText(a.details.GetCurrentNode()))
	default:
		text := summaryLine(a.cap, pkt, a.ann.Label(pkt))
		if vd := a.found.verdict(pkt); vd != nil {
			text += explanationText(vd)
		}
		a.yank("the packet summary", text)
	}
}
