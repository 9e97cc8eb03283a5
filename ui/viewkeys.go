package ui

import (
	"slices"

	"github.com/gdamore/tcell/v2"
	"github.com/ladder-dev/ladder/ui/chart"
	"github.com/rivo/tview"
)

// The follow, expert, statistics and graph views' keys, as tables like
// mainKeys: each table drives its view's dispatch (viewKey), the help
// screen and `ladder man` (keyDocs), so a key cannot be bound without being
// documented or documented without being bound (TestKeyTables).

// moveKeys are the keys a view's cursor moves by (moveCursor, the follow
// view), left to the view's primitive; ends says what g and G reach.
func moveKeys(section, ends string) []keyAction {
	return []keyAction{
		{runes: "jk", keys: []tcell.Key{tcell.KeyUp, tcell.KeyDown}, doc: doc("j k  ↑ ↓", "move a line", section), do: toPane},
		{keys: []tcell.Key{tcell.KeyPgUp, tcell.KeyPgDn, tcell.KeyCtrlB, tcell.KeyCtrlF}, doc: doc("PgUp PgDn  Ctrl-B Ctrl-F", "page up / down", section), do: toPane},
		{runes: "gG", keys: []tcell.Key{tcell.KeyHome, tcell.KeyEnd}, doc: doc("g G  Home End", ends, section), do: toPane},
	}
}

// viewKey dispatches ev by table; a key no binding takes, or one whose
// action declines it, goes to the view's primitive p.
func (a *App) viewKey(table []keyAction, p tview.Primitive, ev *tcell.EventKey) {
	a.message = ""
	if b := binding(table, ev); b != nil && b.do != nil && b.do(a, ev, 0) {
		return
	}
	if p != nil {
		a.send(p, ev)
	}
}

// toPane leaves the key to the view's primitive (it moves its cursor).
var toPane = paneKey

// followKeys are the keys of the follow view (F).
var followKeys = slices.Concat(moveKeys("Follow (F)", "start / end of the stream"), []keyAction{
	{runes: "h", keys: []tcell.Key{tcell.KeyTab}, doc: doc("h  Tab", "ascii (control bytes escaped) / hex dump", "Follow (F)"),
		do: done(func(a *App) { a.follow.toggleHex() })},
	{runes: "/", doc: doc("/", "search the payload (\\r \\n \\xNN for those bytes)", "Follow (F)"),
		do: done(func(a *App) { a.startEdit(editFollowSearch, "search the stream (empty: again): ", "") })},
	{runes: "nN", doc: doc("n  N", "next / previous chunk with a match", "Follow (F)"),
		do: func(a *App, ev *tcell.EventKey, _ int) bool {
			if ev.Rune() == 'n' {
				a.followFind(1, false)
			} else {
				a.followFind(-1, false)
			}
			return true
		}},
	{keys: []tcell.Key{tcell.KeyEnter}, doc: doc("Enter", "packet list at the chunk's packet", "Follow (F)"),
		do: done(func(a *App) {
			a.view = viewMain
			a.followSelect(a.follow.packet())
		})},
	{runes: "?", doc: doc("?", "this help", "Follow (F)"), do: done((*App).showHelp)},
	{runes: "q", keys: []tcell.Key{tcell.KeyEscape}, doc: doc("q  Esc", "back (after moving: at the chunk's packet)", "Follow (F)"),
		do: done(func(a *App) {
			v := a.follow
			a.view = v.back
			if v.moved {
				a.followSelect(v.packet())
			}
		})},
	{doc: doc("", ">>> first sender, <<< the other; no colour: <<< indented", "Follow (F)")},
})

// expertKeys are the keys of the expert pane (e).
var expertKeys = slices.Concat(moveKeys("Expert (e)", "first / last line"), []keyAction{
	{keys: []tcell.Key{tcell.KeyEnter}, doc: doc("Enter", "open / close a group; on a packet: go to it", "Expert (e)"),
		do: func(a *App, _ *tcell.EventKey, _ int) bool {
			r := a.expert.current()
			switch {
			case r == nil:
				return false
			case r.pkt < 0:
				a.expert.toggle()
			default:
				a.view = viewMain
				a.gotoFrame(r.pkt + 1)
			}
			return true
		}},
	{keys: []tcell.Key{tcell.KeyRight, tcell.KeyLeft}, doc: doc("→ ←", "open / close a group", "Expert (e)"), do: toPane},
	{runes: "l", doc: doc("l", "ladder of the packet's flow at this arrow", "Expert (e)"),
		do: done(func(a *App) {
			if r := a.expert.current(); r != nil && r.pkt >= 0 {
				a.openLadderAt(r.pkt, viewExpert)
			}
		})},
	{runes: "y", doc: doc("y", "copy the explanation, group or packet line", "Expert (e)"),
		do: done(func(a *App) { a.yank("the expert item", a.expert.yankText()) })},
	{runes: "?", doc: doc("?", "this help", "Expert (e)"), do: done((*App).showHelp)},
	{runes: "q", keys: []tcell.Key{tcell.KeyEscape}, doc: doc("q  Esc", "back to the packet list", "Expert (e)"),
		do: done(func(a *App) { a.view = viewMain })},
})

// statsKeys are the keys of the statistics view (S).
var statsKeys = slices.Concat([]keyAction{
	{keys: []tcell.Key{tcell.KeyTab, tcell.KeyBacktab}, runes: "12345", doc: doc("Tab Shift-Tab  1 2 3 4 5", "next / previous tab, or tab N", "Statistics (S)"),
		do: func(a *App, ev *tcell.EventKey, _ int) bool {
			v := a.stats
			switch ev.Key() {
			case tcell.KeyTab:
				v.tab = (v.tab + 1) % numStatTabs
			case tcell.KeyBacktab:
				v.tab = (v.tab + numStatTabs - 1) % numStatTabs
			default:
				v.tab = int(ev.Rune() - '1')
			}
			return true
		}},
	{doc: doc("", "tabs: 1 protocols, 2 TCP and 3 UDP conversations, 4 IPv4 and 5 IPv6 endpoints", "Statistics (S)")},
}, moveKeys("Statistics (S)", "first / last row"), []keyAction{
	{runes: "hl", keys: []tcell.Key{tcell.KeyLeft, tcell.KeyRight}, doc: doc("← →  h l", "scroll a wide table sideways", "Statistics (S)"), do: toPane},
	{runes: "sS", doc: doc("s  S", "sort by the next column / reverse the order", "Statistics (S)"),
		do: func(a *App, ev *tcell.EventKey, _ int) bool {
			v := a.stats
			if ev.Rune() == 'S' {
				v.reverseSort()
			} else if !v.nextSort() && v.tables != nil {
				a.message = "the hierarchy keeps its tree order"
			}
			return true
		}},
	{keys: []tcell.Key{tcell.KeyEnter}, doc: doc("Enter", "filter the packet list to the row's packets", "Statistics (S)"), do: done((*App).statsFilter)},
	{runes: "?", doc: doc("?", "this help", "Statistics (S)"), do: done((*App).showHelp)},
	{runes: "q", keys: []tcell.Key{tcell.KeyEscape}, doc: doc("q  Esc", "back to the packet list", "Statistics (S)"),
		do: done(func(a *App) { a.view = viewMain })},
})

// graphBack leaves the graph for the view it was opened from.
func graphBack(a *App) { a.view = a.graph.back }

// graphASCII switches the graph between braille and ASCII.
func graphASCII(a *App) { a.graph.ascii, a.graph.asciiSet = !a.graph.ascii, true }

// ioGraphKeys are the keys of the I/O graph (i).
var ioGraphKeys = []keyAction{
	{runes: "m", doc: doc("m", "packets / bytes per second", "I/O graph (i)"),
		do: done(func(a *App) { a.graph.metric = chart.Bytes - a.graph.metric })},
	{runes: "+-<>", doc: doc("+ -  < >", "finer / coarser interval", "I/O graph (i)"),
		do: func(a *App, ev *tcell.EventKey, _ int) bool {
			g := a.graph
			if g.series == nil {
				return true
			}
			if r := ev.Rune(); r == '+' || r == '<' {
				if fit := fitStep(g.span, a.graphCols()); g.step <= fit {
					a.message = "finest interval at this width: " + intervalText(ioInterval(g.step))
					return true
				}
				a.computeIO(g.step - 1)
				return true
			}
			if g.step >= maxIOStep || g.span/ioInterval(g.step) == 0 {
				a.message = "coarsest interval: one spans the whole capture"
				return true
			}
			a.computeIO(g.step + 1)
			return true
		}},
	{runes: "s", doc: doc("s", "bars / braille line", "I/O graph (i)"),
		do: done(func(a *App) { a.graph.shape = chart.Curve - a.graph.shape })},
	{runes: "a", doc: doc("a", "ASCII only (the default with NO_COLOR)", "I/O graph (i)"), do: done(graphASCII)},
	{doc: doc("", "under the time axis: R a TCP reset, ! a warning note", "I/O graph (i)")},
	{runes: "?", doc: doc("?", "this help", "I/O graph (i)"), do: done((*App).showHelp)},
	{runes: "q", keys: []tcell.Key{tcell.KeyEscape}, doc: doc("q  Esc", "back to the packet list", "I/O graph (i)"), do: done(graphBack)},
}

// seqGraphKeys are the keys of the TCP time-sequence graph (t).
var seqGraphKeys = []keyAction{
	{runes: "d", doc: doc("d", "the other direction (first: the one sending more)", "Time-sequence (t)"),
		do: done(func(a *App) {
			if g := a.graph; g.seq != nil {
				a.computeSeq(int(g.dir ^ 1))
			}
		})},
	{runes: "a", doc: doc("a", "ASCII only (the default with NO_COLOR)", "Time-sequence (t)"), do: done(graphASCII)},
	{doc: doc("", "x retransmission, R reset; ACK and window lines", "Time-sequence (t)")},
	{runes: "?", doc: doc("?", "this help", "Time-sequence (t)"), do: done((*App).showHelp)},
	{runes: "q", keys: []tcell.Key{tcell.KeyEscape}, doc: doc("q  Esc", "back where the graph was opened from", "Time-sequence (t)"), do: done(graphBack)},
}

func (a *App) followKey(ev *tcell.EventKey) { a.viewKey(followKeys, a.follow, ev) }
func (a *App) expertKey(ev *tcell.EventKey) { a.viewKey(expertKeys, a.expert, ev) }
func (a *App) statsKey(ev *tcell.EventKey)  { a.viewKey(statsKeys, a.stats, ev) }

// graphKey dispatches by the graph shown; the graphs take no other key.
func (a *App) graphKey(ev *tcell.EventKey) {
	table := ioGraphKeys
	if a.graph.kind == graphSeq {
		table = seqGraphKeys
	}
	a.viewKey(table, nil, ev)
}
