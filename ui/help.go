package ui

import (
	"slices"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"
)

// KeyDoc documents one key binding: the keys, what they do, and the
// section (view) of the help they belong to. A KeyDoc with no Keys is a
// note about the section.
type KeyDoc struct {
	Keys, Action, Section string
}

// keyDocs is the single list of keys the app binds, by view: the help
// screen shows it and `ladder man` prints it. Every view's come from the
// table its keys are dispatched by, so neither can drift.
var keyDocs = docsOf(slices.Concat(mainKeys, ladderKeys, flowKeys, followKeys, expertKeys, statsKeys, ioGraphKeys, seqGraphKeys))

// KeyHelp returns every key the interactive view binds, for `ladder man`.
func KeyHelp() []KeyDoc { return append([]KeyDoc(nil), keyDocs...) }

// helpLine is one line of the help screen: a section title or a key.
type helpLine struct {
	title bool
	doc   KeyDoc
}

// helpLines lays keyDocs out with a title line before each section.
func helpLines() []helpLine {
	var out []helpLine
	section := ""
	for _, d := range keyDocs {
		if d.Section != section {
			section = d.Section
			out = append(out, helpLine{title: true, doc: KeyDoc{Action: section}})
		}
		out = append(out, helpLine{doc: d})
	}
	return out
}

// helpView shows keyDocs, scrollable.
type helpView struct {
	*tview.Box
	theme *theme
	top   int
	lines []helpLine
}

func newHelpView(th *theme) *helpView {
	return &helpView{Box: tview.NewBox(), theme: th, lines: helpLines()}
}

func (h *helpView) Draw(screen tcell.Screen) {
	h.Box.DrawForSubclass(screen, h)
	x, y, width, height := h.GetInnerRect()
	fill(screen, x, y, width, h.theme.header)
	drawText(screen, x+1, y, width-1, 0, "ladder help — q, Esc or ? to close, j/k to scroll", h.theme.header)
	h.top = min(h.top, max(len(h.lines)-(height-1), 0))
	for row := 1; row < height && h.top+row-1 < len(h.lines); row++ {
		e := h.lines[h.top+row-1]
		switch {
		case e.title:
			drawText(screen, x+1, y+row, width-1, 0, e.doc.Action, h.theme.normal.Bold(true))
		case e.doc.Keys == "":
			drawText(screen, x+2, y+row, width-2, 0, e.doc.Action, h.theme.dim)
		default:
			drawText(screen, x+2, y+row, min(26, width-2), 0, e.doc.Keys, h.theme.normal.Bold(true))
			drawText(screen, x+29, y+row, width-29, 0, e.doc.Action, h.theme.normal)
		}
	}
}

func (h *helpView) InputHandler() func(event *tcell.EventKey, setFocus func(p tview.Primitive)) {
	return h.WrapInputHandler(func(ev *tcell.EventKey, _ func(p tview.Primitive)) {
		switch {
		case ev.Key() == tcell.KeyDown || ev.Key() == tcell.KeyRune && ev.Rune() == 'j':
			h.top++
		case ev.Key() == tcell.KeyUp || ev.Key() == tcell.KeyRune && ev.Rune() == 'k':
			h.top = max(h.top-1, 0)
		case ev.Key() == tcell.KeyPgDn || ev.Key() == tcell.KeyCtrlF:
			h.top += 10
		case ev.Key() == tcell.KeyPgUp || ev.Key() == tcell.KeyCtrlB:
			h.top = max(h.top-10, 0)
		}
	})
}
