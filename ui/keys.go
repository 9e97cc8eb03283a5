package ui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/gdamore/tcell/v2"
	"github.com/ladder-dev/ladder/analysis/dfilter"
	"github.com/rivo/tview"
)

// handleKey is the single entry point for keys: it sees every key first
// (tview's input capture). A key typed while a filter is still deciding
// which packet is selected waits, with every key after it, until that is
// known: "/ tcp Enter l" must open the ladder of the packet the filter
// selects, however fast the keys come. Ctrl-C never waits. It returns nil:
// tview has nothing left to do.
func (a *App) handleKey(ev *tcell.EventKey) *tcell.EventKey {
	if ev.Key() != tcell.KeyCtrlC && (len(a.keyQueue) > 0 || a.waiting()) {
		a.keyQueue = append(a.keyQueue, ev)
		a.awaitSelection()
		return nil
	}
	a.dispatch(ev)
	return nil
}

// drainKeys acts on the keys that waited, in order, for as long as nothing
// is pending; a key that starts another filter makes the rest wait again.
func (a *App) drainKeys() {
	for len(a.keyQueue) > 0 && !a.waiting() {
		ev := a.keyQueue[0]
		a.keyQueue = a.keyQueue[1:]
		a.dispatch(ev)
	}
	if len(a.keyQueue) == 0 {
		a.keyQueue = nil
	}
}

// waiting reports whether keys must wait: the packet list is deciding its
// selection, or the ladder or follow view the next key would act on is
// still being built.
func (a *App) waiting() bool {
	return a.list.pending() || a.ladderPending || a.followPending
}

// awaitSelection drains the waiting keys as soon as the selection is
// known, rather than at the next tick (a fifth of a second later). Without
// an event loop (tests), refresh drains them.
func (a *App) awaitSelection() {
	if !a.running || a.awaiting {
		return
	}
	a.awaiting = true
	a.background("waiting for the filter", func() {
		for {
			time.Sleep(2 * time.Millisecond)
			done := false
			a.tv.QueueUpdate(func() {
				a.drainKeys()
				done = len(a.keyQueue) == 0
				a.awaiting = !done
			})
			if done {
				a.tv.QueueUpdateDraw(func() {})
				return
			}
		}
	})
}

// dispatch acts on one key: what is global, then the view's own keys.
func (a *App) dispatch(ev *tcell.EventKey) {
	switch {
	case ev.Key() == tcell.KeyCtrlC:
		a.quit = true
		a.tv.Stop()
	case a.question != nil:
		a.answer(ev)
	case a.edit == editFilter && ev.Key() == tcell.KeyTab:
		a.completeFilter()
	case a.edit != editNone:
		a.send(a.input, ev)
	case a.view == viewHelp:
		a.helpKey(ev)
	case a.view == viewFlows:
		a.flowsKey(ev)
	case a.view == viewLadder:
		a.ladderKey(ev)
	case a.view == viewExpert:
		a.expertKey(ev)
	case a.view == viewFollow:
		a.followKey(ev)
	case a.view == viewStats:
		a.statsKey(ev)
	case a.view == viewGraph:
		a.graphKey(ev)
	default:
		a.mainKey(ev)
	}
}

// question is a yes/no question in the status bar: the next key answers
// it, y for yes, any other key for no.
type question struct {
	text string
	yes  func()
	no   string // the message after any other key
}

// ask puts a question to the user; yes runs if the answer is y.
func (a *App) ask(text string, yes func(), no string) {
	a.question = &question{text: text, yes: yes, no: no}
	a.message = text
}

func (a *App) answer(ev *tcell.EventKey) {
	q := a.question
	a.question = nil
	if ev.Key() == tcell.KeyRune && (ev.Rune() == 'y' || ev.Rune() == 'Y') {
		a.message = ""
		q.yes()
		return
	}
	a.message = q.no
}

// send passes a key to a primitive's own handler.
func (a *App) send(p tview.Primitive, ev *tcell.EventKey) {
	if h := p.InputHandler(); h != nil {
		h(ev, func(p tview.Primitive) { a.tv.SetFocus(p) })
	}
}

func (a *App) helpKey(ev *tcell.EventKey) {
	if ev.Key() == tcell.KeyEscape || ev.Key() == tcell.KeyRune && (ev.Rune() == 'q' || ev.Rune() == '?') {
		a.view = a.helpBack
		return
	}
	a.send(a.help, ev)
}

func (a *App) flowsKey(ev *tcell.EventKey) {
	if b := binding(flowKeys, ev); b != nil && b.do != nil && b.do(a, ev, 0) {
		return
	}
	a.send(a.flows, ev) // g G Home End PgUp PgDn move the table too
}

// mainKey handles the keys of the main view (list, details, bytes).
func (a *App) mainKey(ev *tcell.EventKey) {
	a.message = ""
	a.syncPanes()
	count := a.count
	if ev.Key() == tcell.KeyRune {
		r := ev.Rune()
		if r >= '0' && r <= '9' && (r != '0' || a.count > 0) {
			a.count = min(a.count*10+int(r-'0'), 1<<30)
			a.pendingG = false
			a.message = strconv.Itoa(a.count)
			return
		}
		if r == 'g' && a.pendingG {
			a.pendingG, a.count = false, 0
			a.gotoFrame(count)
			return
		}
	}
	a.count, a.pendingG = 0, false
	if b := binding(mainKeys, ev); b != nil && b.do != nil && b.do(a, ev, count) {
		return
	}
	a.send(a.pane(a.focus), ev)
}

// gotoFrame selects frame number n (1-based), or the nearest displayed
// packet after it when the filter hides it.
func (a *App) gotoFrame(n int) {
	switch {
	case n < 1:
		a.message = "no packet 0: frames count from 1"
	case !a.packetOK(n - 1):
		a.message = fmt.Sprintf("packet %d not loaded (%d so far)", n, a.cap.Len())
		a.list.last()
	default:
		a.list.gotoPacket(n - 1)
		if a.list.Selected() != n-1 {
			a.message = fmt.Sprintf("packet %d is hidden by the filter", n)
		}
	}
}

func (a *App) findNext(forward bool, what string, ok func(pkt int) bool) {
	dir := 1
	if !forward {
		dir = -1
	}
	if !a.list.findNext(dir, ok) {
		where := "after"
		if !forward {
			where = "before"
		}
		a.message = "no " + what + " " + where + " this packet"
	}
}

func (a *App) setFocus(p int) {
	a.focus = p
	a.tv.SetFocus(a.pane(p))
}

func (a *App) cycleFocus(dir int) {
	vis := a.visiblePanes()
	if len(vis) == 0 {
		return
	}
	at := 0
	for i, p := range vis {
		if p == a.focus {
			at = i
		}
	}
	a.setFocus(vis[(at+dir+len(vis))%len(vis)])
}

// hidePane hides the focused pane, unless it is the last one shown.
func (a *App) hidePane() {
	shown := 0
	for p := range numPanes {
		if !a.hidden[p] {
			shown++
		}
	}
	if shown <= 1 {
		a.message = "the last pane cannot be hidden"
		return
	}
	a.hidden[a.focus] = true
	a.zoomed = false
	for p := range numPanes {
		if !a.hidden[p] {
			a.setFocus(p)
			break
		}
	}
}

// startEdit opens the command line at the bottom.
func (a *App) startEdit(kind int, label, text string) {
	a.edit = kind
	a.histPos = len(a.history)
	a.input.SetLabel(label).SetText(text)
	a.inputStyle()
	a.tv.SetFocus(a.input)
}

func (a *App) endEdit() {
	a.edit = editNone
	a.parseErr, a.completions = nil, ""
	a.setFocus(a.focus)
}

// inputChanged re-parses the filter as it is typed, for the green/red state.
func (a *App) inputChanged(text string) {
	if a.edit == editFlowSearch {
		a.flows.setSearch(text)
		return
	}
	if a.edit != editFilter {
		return
	}
	a.parseErr, a.completions = nil, ""
	if strings.TrimSpace(text) != "" {
		_, a.parseErr = a.cfg.Compile(text)
	}
	a.inputStyle()
}

func (a *App) inputStyle() {
	st := a.theme.normal.Underline(true)
	if a.edit == editFilter && a.input.GetText() != "" {
		st = a.theme.good
		if a.parseErr != nil {
			st = a.theme.bad
		}
	}
	a.input.SetFieldStyle(st)
	a.input.SetLabelStyle(a.theme.normal.Bold(true))
}

// inputDone handles Enter and Esc in the command line.
func (a *App) inputDone(key tcell.Key) {
	kind := a.edit
	text := strings.TrimSpace(a.input.GetText())
	if key != tcell.KeyEnter {
		if kind == editFlowSearch {
			a.flows.setSearch("") // Esc: the whole table again
		}
		a.endEdit()
		return
	}
	switch kind {
	case editFlowSearch:
		a.endEdit()
	case editFollowSearch:
		a.endEdit()
		a.followSearch(a.input.GetText())
	case editSave:
		a.endEdit()
		a.save(text)
	case editFilter:
		if text != "" && (len(a.history) == 0 || a.history[len(a.history)-1] != text) {
			a.history = append(a.history, text)
		}
		if a.applyFilter(text) {
			a.endEdit()
		}
	case editGoto:
		a.endEdit()
		n, err := strconv.Atoi(text)
		if err != nil {
			a.message = "not a packet number: " + strconv.Quote(text)
			return
		}
		a.gotoFrame(n)
	}
}

// inputHistory steps through earlier filters with Up and Down.
func (a *App) inputHistory(ev *tcell.EventKey) *tcell.EventKey {
	if a.edit != editFilter || len(a.history) == 0 {
		return ev
	}
	switch ev.Key() {
	case tcell.KeyUp:
		a.histPos = max(a.histPos-1, 0)
	case tcell.KeyDown:
		a.histPos = min(a.histPos+1, len(a.history))
	default:
		return ev
	}
	text := ""
	if a.histPos < len(a.history) {
		text = a.history[a.histPos]
	}
	a.input.SetText(text)
	return nil
}

// showHelp opens the help over the current view; closing it returns there.
func (a *App) showHelp() {
	if a.view != viewHelp {
		a.helpBack = a.view
	}
	a.view = viewHelp
}

// completeFilter completes the field name being typed in the filter bar
// (Tab): the only candidate, or the candidates' longest common prefix, with
// the candidates listed in the status bar.
func (a *App) completeFilter() {
	text := a.input.GetText()
	start, cands := dfilter.CompleteExpr(text)
	switch len(cands) {
	case 0:
		a.completions = "no field starts with " + strconv.Quote(text[start:])
		return
	case 1:
		a.input.SetText(text[:start] + cands[0] + " ")
		return
	}
	if p := dfilter.CommonPrefix(cands); len(p) > len(text)-start {
		a.input.SetText(text[:start] + p)
	}
	// Listed on the line under the filter bar, where the parse state
	// stands (the status bar, where they went before, is covered while
	// the bar is open), until the text changes again.
	shown := cands[:min(len(cands), 8)]
	list := strings.Join(shown, " ")
	if len(cands) > len(shown) {
		list += fmt.Sprintf(" … (%d)", len(cands))
	}
	a.completions = list
}
