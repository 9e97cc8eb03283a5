package ui

import (
	"strconv"
	"strings"

	"github.com/gdamore/tcell/v2"
	"github.com/ladder-dev/ladder/decode"
	"github.com/ladder-dev/ladder/ui/diagram"
)

// keyAction is one key binding of the main view as data: the keys that
// trigger it, what the help says, and what it does. The one table
// (mainKeys) drives both the dispatch (mainKey) and the help (keyDocs), so
// a key cannot be bound without being documented or documented without
// being bound, as derailed/k9s's KeyActions do.
type keyAction struct {
	runes string      // rune keys that trigger it
	keys  []tcell.Key // named keys that trigger it
	doc   KeyDoc
	// do acts on the key; count is the pending count prefix (0: none). It
	// returns false when the key belongs to the focused pane (the list
	// moves, the details tree folds), which then gets it. nil: the pane's
	// own key, or a note in the help.
	do func(a *App, ev *tcell.EventKey, count int) bool
}

func doc(keys, action, section string) KeyDoc { return KeyDoc{keys, action, section} }

// paneKey leaves the key to the focused pane.
func paneKey(*App, *tcell.EventKey, int) bool { return false }

// done wraps an action that always handles its key.
func done(f func(a *App)) func(*App, *tcell.EventKey, int) bool {
	return func(a *App, _ *tcell.EventKey, _ int) bool { f(a); return true }
}

// mainKeys are the keys of the main view (packet list, details, bytes).
var mainKeys = []keyAction{
	{runes: "jk", keys: []tcell.Key{tcell.KeyDown, tcell.KeyUp}, doc: doc("↑ ↓  j k", "previous / next packet (a count repeats: 5j)", "Packet list"),
		do: func(a *App, ev *tcell.EventKey, count int) bool {
			if a.focus != paneList || count <= 1 {
				return false
			}
			if ev.Rune() == 'k' || ev.Key() == tcell.KeyUp {
				count = -count
			}
			a.list.move(count)
			return true
		}},
	{keys: []tcell.Key{tcell.KeyPgUp, tcell.KeyPgDn, tcell.KeyCtrlB, tcell.KeyCtrlF}, doc: doc("PgUp PgDn  Ctrl-B Ctrl-F", "page up / down", "Packet list"), do: paneKey},
	{runes: "g", doc: doc("g  G", "first / last packet", "Packet list"),
		do: func(a *App, _ *tcell.EventKey, count int) bool {
			if count > 0 {
				a.count, a.pendingG = count, true // wait for the second g
				a.message = strconv.Itoa(count) + "g"
			} else {
				a.list.first()
			}
			return true
		}},
	{runes: "G", do: func(a *App, _ *tcell.EventKey, count int) bool {
		if count > 0 {
			a.gotoFrame(count)
		} else {
			a.list.last()
		}
		return true
	}},
	{runes: ":", doc: doc(":N Enter  Ngg  NG", "go to packet N", "Packet list"),
		do: done(func(a *App) { a.startEdit(editGoto, "go to packet: ", "") })},
	{runes: "nN", doc: doc("n  N", "next / previous packet with an expert note", "Packet list"),
		do: func(a *App, ev *tcell.EventKey, _ int) bool {
			a.findNext(ev.Rune() == 'n', "expert note", a.ann.HasNote)
			return true
		}},
	{runes: "a", doc: doc("a", "addresses as named by captured DNS answers, or not", "Packet list"),
		do: done(func(a *App) {
			a.list.names = !a.list.names
			switch {
			case !a.list.names:
				a.message = "addresses shown"
			case !a.loaded():
				a.message = "names from captured DNS answers: shown once the capture has loaded"
			default:
				a.message = "names from captured DNS answers shown (a: addresses again)"
			}
		})},
	{runes: "rR", doc: doc("r  R", "next / previous TCP reset (RST)", "Packet list"),
		do: func(a *App, ev *tcell.EventKey, _ int) bool {
			a.findNext(ev.Rune() == 'r', "RST", a.isRST)
			return true
		}},
	{keys: []tcell.Key{tcell.KeyLeft, tcell.KeyRight}, doc: doc("← →", "list: scroll Info; details: collapse / expand", "Packet list"), do: paneKey},
	{runes: "l", doc: doc("l", "ladder of the packet's flow at this arrow", "Packet list"),
		do: done(func(a *App) { a.openLadderAt(a.list.Selected(), viewMain) })},
	{runes: "e", doc: doc("e", "expert information (the selected packet's row)", "Packet list"),
		do: done(func(a *App) { a.openExpert(a.list.Selected()) })},
	{runes: "y", doc: doc("y", "copy the packet line (details: the subtree)", "Packet list"), do: done((*App).yankMain)},
	{runes: "F", doc: doc("F", "follow the packet's TCP or UDP stream", "Packet list"),
		do: done(func(a *App) { a.openFollowAt(a.list.Selected(), viewMain) })},
	{runes: "w", doc: doc("w", "save the displayed packets (.pcap, else pcapng)", "Packet list"),
		do: done(func(a *App) { a.startSave(nil) })},
	{runes: "S", doc: doc("S", "statistics: protocols, conversations, endpoints", "Packet list"), do: done((*App).openStats)},
	{runes: "i", doc: doc("i", "I/O graph: packets or bytes per second", "Packet list"), do: done((*App).openIOGraph)},
	{runes: "t", doc: doc("t", "TCP time-sequence graph of the packet's flow", "Packet list"),
		do: done(func(a *App) { a.openTimeSeqAt(a.list.Selected(), viewMain) })},
	{keys: []tcell.Key{tcell.KeyTab, tcell.KeyBacktab}, doc: doc("Tab  Shift-Tab", "next / previous pane (list, details, bytes)", "Panes"),
		do: func(a *App, ev *tcell.EventKey, _ int) bool {
			if ev.Key() == tcell.KeyBacktab {
				a.cycleFocus(-1)
			} else {
				a.cycleFocus(1)
			}
			return true
		}},
	{keys: []tcell.Key{tcell.KeyEnter}, doc: doc("Enter", "list: open the details; details: expand / collapse", "Panes"),
		do: func(a *App, _ *tcell.EventKey, _ int) bool {
			if a.focus != paneList {
				return false
			}
			a.hidden[paneDetails] = false
			a.setFocus(paneDetails)
			return true
		}},
	{runes: "*", doc: doc("*", "details: expand / collapse all", "Panes"), do: paneKey},
	{runes: "z", doc: doc("z", "zoom the focused pane (again: back)", "Panes"), do: done(func(a *App) { a.zoomed = !a.zoomed })},
	{runes: "x", doc: doc("x", "hide the focused pane", "Panes"), do: done((*App).hidePane)},
	{runes: "+-", doc: doc("+  -", "make the focused pane taller / shorter", "Panes"),
		do: func(a *App, ev *tcell.EventKey, _ int) bool {
			if ev.Rune() == '+' {
				a.weights[a.focus] = min(a.weights[a.focus]+1, 20)
			} else {
				a.weights[a.focus] = max(a.weights[a.focus]-1, 1)
			}
			return true
		}},
	{runes: "=", doc: doc("=", "show all panes at their configured sizes", "Panes"),
		do: done(func(a *App) { a.hidden, a.weights, a.zoomed = [numPanes]bool{}, a.baseWeights, false })},
	{runes: "/", doc: doc("/", "display filter (Enter applies; empty: all packets)", "Filtering"),
		do: done(func(a *App) { a.startEdit(editFilter, "/ ", a.filterExpr) })},
	{doc: doc("Tab (in the filter bar)", "complete the field name", "Filtering")},
	{doc: doc("↑ ↓ (in the filter bar)", "filter history", "Filtering")},
	{keys: []tcell.Key{tcell.KeyEscape}, doc: doc("Esc", "cancel the filter bar, a pending count, or zoom", "Filtering"),
		do: done(func(a *App) { a.zoomed = false })},
	{doc: doc("", "Wireshark's filters from the first packet loaded; one on analysis", "Filtering")},
	{doc: doc("", "  fields (tcp.analysis.*, ladder.*) waits for the analysis", "Filtering")},
	{runes: "f", doc: doc("f", "flow table", "Views"),
		do: done(func(a *App) { a.flows.refresh(); a.view = viewFlows })},
	{runes: "?", doc: doc("?", "this help", "Views"), do: done((*App).showHelp)},
	{runes: "q", doc: doc("q", "back (quit from the main view)", "Views"),
		do: done(func(a *App) { a.quit = true; a.tv.Stop() })},
	{doc: doc("", "y: OSC 52; --no-osc52: to $TMPDIR/ladder-yank.txt", "Views")},
}

// binding finds the action bound to ev in table, or nil.
func binding(table []keyAction, ev *tcell.EventKey) *keyAction {
	for k := range table {
		b := &table[k]
		if ev.Key() == tcell.KeyRune {
			if strings.ContainsRune(b.runes, ev.Rune()) {
				return b
			}
			continue
		}
		for _, key := range b.keys {
			if key == ev.Key() {
				return b
			}
		}
	}
	return nil
}

// docsOf lists the help entries of a table (a binding with no doc of its
// own, as G after g, shares the line before).
func docsOf(table []keyAction) []KeyDoc {
	var out []KeyDoc
	for _, b := range table {
		if b.doc != (KeyDoc{}) {
			out = append(out, b.doc)
		}
	}
	return out
}

// ladderPane gives the key to the ladder view (it moves the selection)
// and makes the list and details follow.
func ladderPane(a *App, ev *tcell.EventKey, _ int) bool {
	a.send(a.ladder, ev)
	a.ladderFollow()
	return true
}

// ladderKeys are the keys of the ladder view (l).
var ladderKeys = []keyAction{
	{runes: "jk", keys: []tcell.Key{tcell.KeyUp, tcell.KeyDown}, doc: doc("j k  ↑ ↓", "previous / next arrow (the list and details follow)", "Ladder (l)"), do: ladderPane},
	{keys: []tcell.Key{tcell.KeyPgUp, tcell.KeyPgDn, tcell.KeyCtrlB, tcell.KeyCtrlF}, doc: doc("PgUp PgDn  Ctrl-B Ctrl-F", "half a screen up / down", "Ladder (l)"), do: ladderPane},
	{runes: "gG", keys: []tcell.Key{tcell.KeyHome, tcell.KeyEnd}, doc: doc("g G  Home End", "first / last arrow", "Ladder (l)"), do: ladderPane},
	{runes: "c", doc: doc("c", "start of the close: first FIN or RST of the flow", "Ladder (l)"),
		do: done(func(a *App) {
			isClose := func(ar *diagram.Arrow) bool {
				return a.arrowPacket(ar).Flags&(decode.FlagFIN|decode.FlagRST) != 0
			}
			if !a.ladder.find(0, 1, isClose) {
				a.message = "this flow has no FIN or RST"
			}
			a.ladderFollow()
		})},
	{runes: "rR", doc: doc("r  R", "next / previous RST, with its explanation", "Ladder (l)"),
		do: func(a *App, ev *tcell.EventKey, _ int) bool {
			v, dir := a.ladder, 1
			if ev.Rune() == 'R' {
				dir = -1
			}
			if !v.find(v.cur+dir, dir, func(ar *diagram.Arrow) bool { return ar.Reset }) {
				a.message = "no RST further in this flow"
			}
			a.ladderFollow()
			return true
		}},
	{runes: "h", doc: doc("h", "level arrows (Wireshark) / crossing arrows", "Ladder (l)"),
		do: done(func(a *App) {
			v := a.ladder
			v.level = !v.level
			a.layoutLadder(v.flow, v.selected(), a.back)
		})},
	{runes: "n", doc: doc("n", "frame numbers on the arrows (#11), as cited", "Ladder (l)"),
		do: done(func(a *App) {
			v := a.ladder
			v.frames = !v.frames
			a.layoutLadder(v.flow, v.selected(), a.back)
		})},
	{keys: []tcell.Key{tcell.KeyLeft, tcell.KeyRight}, doc: doc("← →", "scroll the arrow labels", "Ladder (l)"), do: ladderPane},
	{keys: []tcell.Key{tcell.KeyTab, tcell.KeyBacktab}, doc: doc("Tab  Shift-Tab", "keys to the details pane and back", "Ladder (l)"),
		do: done(func(a *App) {
			v, _ := a.ladderVerdict()
			a.ladderDetails = !a.ladderDetails && v == nil
		})},
	{runes: "y", doc: doc("y", "copy the ladder as text (and the RST's reason)", "Ladder (l)"),
		do: done(func(a *App) {
			text := a.ladder.text()
			switch vd, r := a.ladderVerdict(); {
			case r != nil:
				text += "\n" + pairVerdictText(a.pair, r)
			case vd != nil:
				text += "\n" + explanationText(vd)
			}
			a.yank("the ladder", text)
		})},
	{runes: "e", doc: doc("e", "expert information at the selected packet", "Ladder (l)"),
		do: done(func(a *App) { a.openExpert(a.ladder.selected()) })},
	{runes: "F", doc: doc("F", "follow the flow's stream at this arrow", "Ladder (l)"),
		do: done(func(a *App) { a.openFollowAt(a.ladder.selected(), viewLadder) })},
	{runes: "t", doc: doc("t", "time-sequence graph of this flow", "Ladder (l)"),
		do: done(func(a *App) { a.openTimeSeq(a.ladder.flow, viewLadder) })},
	{runes: "?", doc: doc("?", "this help", "Ladder (l)"), do: done((*App).showHelp)},
	{doc: doc("", "With two captures (ladder A B) the ladder of a connection both saw is", "Ladder (l)")},
	{doc: doc("", "  two-sided; arrows only B saw are selectable, their details are B's frame;", "Ladder (l)")},
	{doc: doc("", "  a RST's pane says where it was seen, who sent it, and whether B proves it", "Ladder (l)")},
	{runes: "q", keys: []tcell.Key{tcell.KeyEscape}, doc: doc("q  Esc", "back where the ladder was opened from", "Ladder (l)"),
		do: done(func(a *App) { a.view = a.back })},
}

// flowsPane gives the key to the flow table itself (it moves, sorts, opens).
func flowsPane(a *App, ev *tcell.EventKey, _ int) bool {
	a.send(a.flows, ev)
	return true
}

// withFlow runs f on the selected flow, if there is one.
func withFlow(f func(a *App, fl *decode.Flow)) func(*App, *tcell.EventKey, int) bool {
	return done(func(a *App) {
		switch fl := a.flows.selected(); {
		case fl == nil:
		case a.secondFlow(fl):
			// Follow, save and graphs read the first capture.
			a.message = "only the second capture saw this conversation: l (or Enter) opens its ladder"
		default:
			f(a, fl)
		}
	})
}

// flowKeys are the keys of the flow table (f).
var flowKeys = []keyAction{
	{runes: "jk", keys: []tcell.Key{tcell.KeyUp, tcell.KeyDown}, doc: doc("j k  ↑ ↓", "move", "Flow table (f)"), do: flowsPane},
	{keys: []tcell.Key{tcell.KeyEnter}, doc: doc("Enter", "show only that flow in the packet list", "Flow table (f)"), do: flowsPane},
	{runes: "l", doc: doc("l", "ladder of that flow", "Flow table (f)"), do: flowsPane},
	{doc: doc("", "With two captures (ladder A B): Seen says both / 1st only; rows 2nd:tcp N", "Flow table (f)")},
	{doc: doc("", "  are connections only B saw (B's stream N): Enter or l opens their ladder", "Flow table (f)")},
	{runes: "sS", doc: doc("s  S", "sort by the next column / reverse the order", "Flow table (f)"), do: flowsPane},
	{runes: "/", doc: doc("/", "search: keep matching flows (Esc: all)", "Flow table (f)"),
		do: done(func(a *App) { a.startEdit(editFlowSearch, "search flows: ", a.flows.search) })},
	{runes: "a", doc: doc("a", "only the flows the display filter shows / all flows", "Flow table (f)"),
		do: done(func(a *App) {
			a.flows.all = !a.flows.all
			a.flows.refresh()
		})},
	{runes: "F", doc: doc("F", "follow that flow's stream", "Flow table (f)"),
		do: withFlow(func(a *App, f *decode.Flow) { a.openFollow(f, -1, viewFlows) })},
	{runes: "w", doc: doc("w", "save that flow's packets to a file", "Flow table (f)"),
		do: withFlow(func(a *App, f *decode.Flow) { a.startSave(f) })},
	{runes: "t", doc: doc("t", "time-sequence graph of that flow", "Flow table (f)"),
		do: withFlow(func(a *App, f *decode.Flow) { a.openTimeSeq(f, viewFlows) })},
	{runes: "e", doc: doc("e", "expert information", "Flow table (f)"), do: done(func(a *App) { a.openExpert(-1) })},
	{runes: "?", doc: doc("?", "this help", "Flow table (f)"), do: done((*App).showHelp)},
	{runes: "q", keys: []tcell.Key{tcell.KeyEscape}, doc: doc("q  Esc", "back to the packet list", "Flow table (f)"),
		do: done(func(a *App) { a.view = viewMain })},
	{doc: doc("", "State: Zeek's conn_state, the client as originator:", "Flow table (f)")},
	{doc: doc("", "  S0 SYN, no answer · S1 established, still open · SF opened and closed", "Flow table (f)")},
	{doc: doc("", "  REJ attempt refused · S2 / S3 only the client / server closed (FIN)", "Flow table (f)")},
	{doc: doc("", "  RSTO / RSTR the client / server reset an established connection", "Flow table (f)")},
	{doc: doc("", "  RSTOS0 client SYN then its RST · RSTRH server SYN/ACK then its RST", "Flow table (f)")},
	{doc: doc("", "  SH / SHR SYN / SYN-ACK then FIN, no answer · OTH no SYN seen", "Flow table (f)")},
	{doc: doc("", "End: the outcome (completed, reset CAUSE, refused, unanswered,", "Flow table (f)")},
	{doc: doc("", "  icmp-unreachable, handshake-failed, timed-out, stalled, half-closed, open)", "Flow table (f)")},
	{doc: doc("", "Notes: expert notes by severity, E error W warning N note C chat", "Flow table (f)")},
	{doc: doc("", "  (\"W3 N1 C3\": 3 warnings, 1 note, 3 chats; e lists them)", "Flow table (f)")},
	{doc: doc("", "Seen (ladder A B, once both captures have loaded and been paired):", "Flow table (f)")},
	{doc: doc("", "  both: B saw it too (\"both 1 lost 2 not sent\": segments lost between", "Flow table (f)")},
	{doc: doc("", "  the points, or never sent by their claimed sender) · 1st only: B did not", "Flow table (f)")},
	{doc: doc("", "  · -: not paired (UDP); connections only B saw are counted below the table", "Flow table (f)")},
}
