package ui

import (
	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"
)

// keyHelp is the help screen's content: every key the app binds, by view.
// It is the single list of keys the app binds.
var keyHelp = []struct{ keys, what string }{
	{"", "Moving in the packet list"},
	{"↑ ↓  j k", "previous / next packet (a count repeats: 5j)"},
	{"PgUp PgDn  Ctrl-B Ctrl-F", "page up / down"},
	{"g  G", "first / last packet"},
	{":N Enter  Ngg  NG", "go to packet N"},
	{"n  N", "next / previous packet with an expert note"},
	{"r  R", "next / previous TCP reset (RST)"},
	{"← →", "list: scroll Info; details: collapse / expand"},
	{"", "Panes"},
	{"Tab  Shift-Tab", "next / previous pane (list, details, bytes)"},
	{"Enter", "list: open the details; details: expand / collapse"},
	{"*", "details: expand / collapse all"},
	{"z", "zoom the focused pane (again: back)"},
	{"x", "hide the focused pane"},
	{"+  -", "make the focused pane taller / shorter"},
	{"=", "show all panes at their default sizes"},
	{"", "Filtering"},
	{"/", "display filter (Enter applies; empty: all packets)"},
	{"↑ ↓ (in the filter bar)", "filter history"},
	{"Esc", "cancel the filter bar, a pending count, or zoom"},
	{"", "Views"},
	{"f", "flow table (s/S: sort, Enter: show that flow)"},
	{"?", "this help"},
	{"q", "back (quit from the main view)"},
	{"", "Filters: tcp.stream == N, udp.stream == N, tcp.port == N, ip.addr == A,"},
	{"", "tcp.flags.reset == 1, tcp, udp, icmp, arp; combine with && || ! ( )"},
}

// helpView shows keyHelp, scrollable.
type helpView struct {
	*tview.Box
	theme *theme
	top   int
}

func newHelpView(th *theme) *helpView { return &helpView{Box: tview.NewBox(), theme: th} }

func (h *helpView) Draw(screen tcell.Screen) {
	h.Box.DrawForSubclass(screen, h)
	x, y, width, height := h.GetInnerRect()
	fill(screen, x, y, width, h.theme.header)
	drawText(screen, x+1, y, width-1, 0, "ladder help — q, Esc or ? to close, j/k to scroll", h.theme.header)
	h.top = min(h.top, max(len(keyHelp)-(height-1), 0))
	for row := 1; row < height && h.top+row-1 < len(keyHelp); row++ {
		e := keyHelp[h.top+row-1]
		if e.keys == "" {
			drawText(screen, x+1, y+row, width-1, 0, e.what, h.theme.normal.Bold(true))
			continue
		}
		drawText(screen, x+2, y+row, min(26, width-2), 0, e.keys, h.theme.normal.Bold(true))
		drawText(screen, x+29, y+row, width-29, 0, e.what, h.theme.normal)
	}
}

func (h *helpView) InputHandler() func(event *tcell.EventKey, setFocus func(p tview.Primitive)) {
	return h.WrapInputHandler(func(ev *tcell.EventKey, _ func(p tview.Primitive)) {
		switch {
		case ev.Key() == tcell.KeyDown || ev.Key() == tcell.KeyRune && ev.Rune() == 'j':
			h.top++
		case ev.Key() == tcell.KeyUp || ev.Key() == tcell.KeyRune && ev.Rune() == 'k':
			h.top = max(h.top-1, 0)
		}
	})
}
