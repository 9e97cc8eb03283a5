package ui

import (
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
// screen shows it and `ladder man` prints it, so neither can drift. The
// main view's and the ladder's come from the tables their keys are
// dispatched by (mainKeys, ladderKeys, flowKeys).
var keyDocs = append(append(append(docsOf(mainKeys), docsOf(ladderKeys)...), docsOf(flowKeys)...), viewKeyDocs...)

// viewKeyDocs are the keys of the other views.
var viewKeyDocs = []KeyDoc{
	{"j k  ↑ ↓", "move the cursor a line", "Follow (F)"},
	{"PgUp PgDn  g G", "page up / down, start / end of the stream", "Follow (F)"},
	{"h  Tab", "ascii (control bytes escaped) / hex dump", "Follow (F)"},
	{"/", "search the payload (\\r \\n \\xNN for those bytes)", "Follow (F)"},
	{"n  N", "next / previous chunk with a match", "Follow (F)"},
	{"Enter", "packet list at the chunk's packet", "Follow (F)"},
	{"q  Esc", "back (after moving: at the chunk's packet)", "Follow (F)"},
	{"", ">>> first sender, <<< the other; no colour: <<< indented", "Follow (F)"},
	{"Enter", "open / close a group; on a packet: go to it", "Expert (e)"},
	{"→ ←", "open / close a group", "Expert (e)"},
	{"l", "ladder of the packet's flow at this arrow", "Expert (e)"},
	{"y", "copy the explanation, group or packet line", "Expert (e)"},
	{"Tab Shift-Tab  1-5", "next / previous tab, or tab N", "Statistics (S)"},
	{"", "tabs: 1 protocols, 2 TCP and 3 UDP conversations, 4 IPv4 and 5 IPv6 endpoints", "Statistics (S)"},
	{"j k  ↑ ↓  PgUp PgDn  g G", "move", "Statistics (S)"},
	{"← →  h l", "scroll a wide table sideways", "Statistics (S)"},
	{"s  S", "sort by the next column / reverse the order", "Statistics (S)"},
	{"Enter", "filter the packet list to the row's packets", "Statistics (S)"},
	{"q  Esc", "back to the packet list", "Statistics (S)"},
	{"m", "packets / bytes per second", "I/O graph (i)"},
	{"+ -  < >", "finer / coarser interval", "I/O graph (i)"},
	{"s", "bars / braille line", "I/O graph (i)"},
	{"a", "ASCII only (the default with NO_COLOR)", "I/O graph (i)"},
	{"", "under the time axis: R a TCP reset, ! a warning note", "I/O graph (i)"},
	{"q  Esc", "back to the packet list", "I/O graph (i)"},
	{"d", "the other direction (first: the one sending more)", "Time-sequence (t)"},
	{"a", "ASCII only (the default with NO_COLOR)", "Time-sequence (t)"},
	{"", "x retransmission, R reset; ACK and window lines", "Time-sequence (t)"},
	{"q  Esc", "back where the graph was opened from", "Time-sequence (t)"},
}

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
