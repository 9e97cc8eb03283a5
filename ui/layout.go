package ui

import (
	"github.com/gdamore/tcell/v2"
	"github.com/ladder-dev/ladder/decode"
	"github.com/rivo/tview"
)

// rootView lays out the screen: the visible panes stacked top to bottom in
// proportion to their weights, the command line while editing, and the
// status bar. Panes that do not fit at least minPane rows are dropped,
// bytes first, so 80x24 (or smaller) stays usable.
type rootView struct {
	*tview.Box
	app *App
}

const minPane = 3

var paneTitles = [numPanes]string{"Packet list", "Packet details", "Packet bytes"}

func (r *rootView) Draw(screen tcell.Screen) {
	a := r.app
	x, y, width, height := r.GetRect()
	if width <= 0 || height <= 0 {
		return
	}
	for row := y; row < y+height; row++ {
		fill(screen, x, row, width, a.theme.normal)
	}
	bottom := y + height - 1 // status bar
	drawStatus(screen, x, bottom, width, a.status(), a.theme)
	if a.edit != editNone && height > 1 {
		bottom--
		a.input.SetRect(x, bottom, width, 1)
		a.input.Draw(screen)
		a.drawParseState(screen, x, bottom+1, width)
	}
	avail := bottom - y
	if avail <= 0 {
		return
	}
	var full tview.Primitive // a view that takes the whole screen above the status line
	switch a.view {
	case viewHelp:
		full = a.help
	case viewFlows:
		full = a.flows
	case viewExpert:
		full = a.expert
	case viewFollow:
		full = a.follow
	case viewStats:
		a.stats.filter = a.filterExpr
		full = a.stats
	case viewLadder:
		a.drawLadderScreen(screen, x, y, width, avail)
		return
	case viewGraph:
		a.drawGraph(screen, x, y, width, avail)
		return
	}
	if full != nil {
		full.SetRect(x, y, width, avail)
		full.Draw(screen)
		return
	}
	a.syncPanes()
	rows := a.paneHeights(avail)
	cy := y
	for p := range numPanes {
		h := rows[p]
		prim := a.pane(p)
		if h == 0 {
			prim.SetRect(0, 0, 0, 0) // not shown: no mouse event may land on it
			continue
		}
		if p == paneList {
			prim.SetRect(x, cy, width, h) // the column header is its title
		} else {
			st := a.theme.header
			if a.focus == p {
				st = a.theme.focused
			}
			fill(screen, x, cy, width, st)
			drawText(screen, x+1, cy, width-1, 0, paneTitles[p], st)
			prim.SetRect(x, cy+1, width, h-1)
		}
		prim.Draw(screen)
		cy += h
	}
}

// MouseHandler passes clicks and wheel events to the view under the
// pointer; a click also focuses that pane for the keys that follow.
func (r *rootView) MouseHandler() func(action tview.MouseAction, event *tcell.EventMouse, setFocus func(p tview.Primitive)) (bool, tview.Primitive) {
	return r.WrapMouseHandler(func(action tview.MouseAction, event *tcell.EventMouse, setFocus func(p tview.Primitive)) (bool, tview.Primitive) {
		a := r.app
		if a.edit != editNone {
			return false, nil
		}
		var targets []tview.Primitive
		switch a.view {
		case viewHelp:
			targets = []tview.Primitive{a.help}
		case viewFlows:
			targets = []tview.Primitive{a.flows}
		case viewLadder, viewExpert:
			return false, nil // keys only
		case viewFollow:
			return false, nil // keys only
		case viewStats, viewGraph:
			return false, nil // keys only
		default:
			targets = []tview.Primitive{a.list, a.details, a.bytes}
		}
		x, y := event.Position()
		for i, p := range targets {
			if !p.(interface{ InRect(x, y int) bool }).InRect(x, y) {
				continue
			}
			if a.view == viewMain && action == tview.MouseLeftClick {
				a.setFocus(i)
			}
			if h := p.MouseHandler(); h != nil {
				return h(action, event, func(tview.Primitive) {})
			}
			return true, nil
		}
		return false, nil
	})
}

// paneHeights divides avail rows between the visible panes.
func (a *App) paneHeights(avail int) [numPanes]int {
	var vis []int
	for p := range numPanes {
		if a.zoomed && p != a.focus {
			continue
		}
		if !a.hidden[p] {
			vis = append(vis, p)
		}
	}
	for len(vis) > 1 && len(vis)*minPane > avail {
		drop := len(vis) - 1 // drop the lowest pane that is not focused
		if vis[drop] == a.focus {
			drop--
		}
		vis = append(vis[:drop], vis[drop+1:]...)
	}
	var out [numPanes]int
	if len(vis) == 0 {
		return out
	}
	total := 0
	for _, p := range vis {
		total += a.weights[p]
	}
	left := avail
	for i, p := range vis {
		h := avail * a.weights[p] / total
		if i == len(vis)-1 {
			h = left
		}
		h = max(min(h, left-minPane*(len(vis)-1-i)), min(minPane, left))
		out[p] = h
		left -= h
	}
	return out
}

// visiblePanes lists the panes shown at the last layout, in Tab order.
func (a *App) visiblePanes() []int {
	_, _, _, height := a.root.GetRect()
	avail := max(height-1, 1)
	if a.edit != editNone {
		avail--
	}
	rows := a.paneHeights(avail)
	var vis []int
	for p := range numPanes {
		if rows[p] > 0 {
			vis = append(vis, p)
		}
	}
	return vis
}

func (a *App) pane(p int) tview.Primitive {
	switch p {
	case paneDetails:
		return a.details
	case paneBytes:
		return a.bytes
	}
	return a.list
}

// drawParseState shows under the filter bar whether the filter parses, and
// where it does not with a caret under the offending character.
func (a *App) drawParseState(screen tcell.Screen, x, y, width int) {
	if a.edit != editFilter {
		return
	}
	text := a.input.GetText()
	fill(screen, x, y, width, a.theme.normal)
	switch {
	case a.completions != "":
		drawText(screen, x, y, width, 0, a.completions, a.theme.dim)
	case text == "":
		drawText(screen, x, y, width, 0, "empty: Enter shows every packet", a.theme.dim)
	case a.parseErr == nil:
		drawText(screen, x, y, width, 0, "✓ valid filter: Enter applies", a.theme.good)
	default:
		col := len(a.input.GetLabel())
		if pos := errorPos(a.parseErr); pos >= 0 {
			col += min(pos, len(text))
		}
		col = min(col, width-1)
		screen.SetContent(x+col, y, '^', nil, a.theme.bad)
		msg := "✗ " + decode.Printable(a.parseErr.Error())
		if col+2+len(msg) <= width {
			drawText(screen, x+col+2, y, width-col-2, 0, msg, a.theme.bad)
		} else {
			drawText(screen, x, y, col-1, 0, msg, a.theme.bad)
		}
	}
}
