package ui

import (
	"fmt"
	"net/netip"
	"sort"
	"strconv"
	"strings"

	"github.com/gdamore/tcell/v2"
	"github.com/ladder-dev/ladder/analysis"
	"github.com/ladder-dev/ladder/decode"
	"github.com/rivo/tview"
	"github.com/rivo/uniseg"
)

// flowsView is the flow table: one row per TCP or UDP conversation, in
// tcp.stream/udp.stream order by default, sortable by any column. Like the
// packet list it draws only the visible rows.
type flowsView struct {
	*tview.Box
	cap   Capture
	theme *theme
	found *findings // nil until analysed: State, End and Notes stay empty

	// flows are the rows: once the capture has loaded, the index's own
	// flows, which no longer change (copying them would double the flow
	// table's memory: 45 MB at 10M packets); while it loads, pointers
	// into copies, a snapshot the loader does not touch.
	flows   []*decode.Flow
	copies  []decode.Flow
	order   []int // display order: indexes into flows
	sortCol int
	desc    bool
	// search narrows the table to flows whose row contains it (any case).
	search string

	// With a display filter applied the table shows only the flows that
	// have packets it displays, as Wireshark's "Limit to display filter"
	// does, unless all is set (a). shown gives the filter and its rows.
	shown     func() (expr string, rows rowSet)
	all       bool
	limitExpr string
	limitRows rowSet
	limitDone int    // rows of limitRows already read into limit
	limit     []bool // by flow index: some displayed packet belongs to it
	limitN    int    // flows the filter shows, from the last sort
	left      int    // flows that left a live capture's window (not rows), from the last sort

	top, cur int
	height   int
	// onFlow is called with the filter that shows the chosen flow.
	onFlow func(expr string)
	// onLadder is called with the flow whose ladder to open.
	onLadder func(f *decode.Flow)

	// With a second capture of the same traffic, once paired: seen gives
	// the Seen column (nil hides it); second are the conversations only
	// the second capture saw, rows after the first capture's (row id
	// len(flows)+k is second[k]), labelled "2nd:" with the second
	// capture's own stream numbers; secondIdx is that capture (its
	// addresses), secondName its file name.
	seen       func(id int) string
	second     []*decode.Flow
	secondIdx  *decode.Index
	secondName string
	// toFirst puts a time of the second capture on the first's clock
	// (nil when the two clocks could not be lined up).
	toFirst func(int64) int64
}

// first is when row id's conversation started, on the first capture's
// clock.
func (v *flowsView) first(id int) int64 {
	f, second := v.flow(id)
	if second && v.toFirst != nil {
		return v.toFirst(f.First)
	}
	return f.First
}

// flow is row id's conversation, and whether it is one only the second
// capture saw.
func (v *flowsView) flow(id int) (*decode.Flow, bool) {
	if id >= len(v.flows) {
		return v.second[id-len(v.flows)], true
	}
	return v.flows[id], false
}

// label is the Stream column: "tcp 3", or "2nd:tcp 3" for a conversation
// only the second capture saw (its stream number there: the first
// capture has none for it).
func (v *flowsView) label(id int) string {
	f, second := v.flow(id)
	if second {
		return "2nd:" + flowName(f)
	}
	return flowName(f)
}

// endpointOf is endpoint e of row id, from the capture the row is of.
func (v *flowsView) endpointOf(id int, e decode.Endpoint) string {
	if id >= len(v.flows) {
		return endpointIn(v.secondIdx.Addr(e.Addr), e.Port)
	}
	return v.endpoint(e)
}

// The flow table's columns.
const (
	colStream = iota
	colClient
	colServer
	colName
	colState
	colEnd
	colSeen
	colNotes
	colPackets
	colBytes
	colStart
	colDuration
	numFlowCols
)

var flowTitles = [numFlowCols]string{"Stream", "Client", "Server", "Name", "State", "End", "Seen", "Notes", "Packets", "Bytes", "Start", "Duration"}

func newFlowsView(c Capture, th *theme) *flowsView {
	return &flowsView{Box: tview.NewBox(), cap: c, theme: th, height: 1}
}

// refresh takes a new snapshot of the flows and re-sorts, keeping the
// selected flow selected.
func (v *flowsView) refresh() {
	var selected *decode.Flow
	selectedSecond := false
	if v.cur >= 0 && v.cur < len(v.order) {
		fp, second := v.flow(v.order[v.cur])
		f := *fp
		selected, selectedSecond = &f, second
	}
	select {
	case <-v.cap.Done():
		v.flows, v.copies = v.cap.Flows(), nil
	default:
		v.copies, v.flows = v.cap.FlowsSnapshot(v.copies, v.flows)
	}
	v.updateLimit()
	v.sort()
	if selected != nil {
		for k, i := range v.order {
			if f, second := v.flow(i); second == selectedSecond && f.Proto == selected.Proto && f.Stream == selected.Stream {
				v.cur = k
			}
		}
	}
	v.cur = min(v.cur, max(len(v.order)-1, 0))
}

// updateLimit reads the displayed rows it has not read yet (rows only grow
// at the end, so a running filter costs each row once) into the set of
// flows the display filter shows.
func (v *flowsView) updateLimit() {
	var expr string
	var rows rowSet
	if v.shown != nil {
		expr, rows = v.shown()
	}
	if expr == "" || rows == nil {
		v.limitExpr, v.limitRows, v.limit = "", nil, v.limit[:0]
		return
	}
	if rows != v.limitRows || expr != v.limitExpr {
		v.limitExpr, v.limitRows, v.limitDone = expr, rows, 0
		clear(v.limit)
	}
	n := v.cap.Len()
	for end := rows.Len(); v.limitDone < end; v.limitDone++ {
		pkt := rows.At(v.limitDone)
		if pkt < 0 || pkt >= n {
			continue
		}
		if fi := int(v.cap.Packet(pkt).Flow); fi >= 0 && fi < len(v.flows) {
			if fi >= len(v.limit) {
				v.limit = append(v.limit, make([]bool, fi+1-len(v.limit))...)
			}
			v.limit[fi] = true
		}
	}
}

// limited reports whether the table leaves out the flows the display
// filter does not show.
func (v *flowsView) limited() bool { return v.limitExpr != "" && !v.all }

func (v *flowsView) sort() {
	v.order, v.limitN = v.order[:0], 0
	needle := strings.ToLower(v.search)
	v.left = 0
	for i := range v.flows {
		if v.flows[i].Left {
			v.left++ // left a live capture's window: not a row
			continue
		}
		if v.limited() {
			if i >= len(v.limit) || !v.limit[i] {
				continue
			}
			v.limitN++
		}
		if needle == "" || strings.Contains(v.rowText(i), needle) {
			v.order = append(v.order, i)
		}
	}
	if !v.limited() {
		// Only the second capture saw these: the display filter, of
		// the first capture's packets, shows none of them.
		for k := range v.second {
			if id := len(v.flows) + k; needle == "" || strings.Contains(v.rowText(id), needle) {
				v.order = append(v.order, id)
			}
		}
	}
	key := func(id int) (int64, string) {
		f, second := v.flow(id)
		switch v.sortCol {
		case colClient:
			return 0, v.endpointOf(id, f.Client)
		case colServer:
			return 0, v.endpointOf(id, f.Server)
		case colName:
			return 0, v.name(id)
		case colState:
			return 0, v.state(id)
		case colEnd:
			return 0, v.end(id)
		case colSeen:
			return 0, v.seenIn(id)
		case colNotes:
			return int64(v.noteCount(id)), ""
		case colPackets:
			return int64(f.Packets[0] + f.Packets[1]), ""
		case colBytes:
			return f.Bytes[0] + f.Bytes[1], ""
		case colStart:
			return v.first(id), ""
		case colDuration:
			return f.Duration(), ""
		}
		if second {
			return 1<<50 | int64(f.Proto)<<40 | int64(f.Stream), "" // after the first capture's
		}
		return int64(f.Proto)<<40 | int64(f.Stream), ""
	}
	sort.SliceStable(v.order, func(a, b int) bool {
		ka, sa := key(v.order[a])
		kb, sb := key(v.order[b])
		less := ka < kb || ka == kb && sa < sb
		if v.desc {
			return kb < ka || ka == kb && sb < sa
		}
		return less
	})
}

// rowText is what a search looks in: the flow's name ("tcp 3"), endpoints,
// state and ending, in lower case.
func (v *flowsView) rowText(id int) string {
	f, _ := v.flow(id)
	return strings.ToLower(v.label(id) + " " + v.endpointOf(id, f.Client) + " " + v.endpointOf(id, f.Server) + " " + v.name(id) + " " + v.state(id) + " " + v.end(id) + " " + v.seenIn(id))
}

// seenIn is the Seen column: which of two captures saw the flow, "" with
// one capture.
func (v *flowsView) seenIn(id int) string {
	if v.seen == nil {
		return ""
	}
	if id >= len(v.flows) {
		return "2nd only"
	}
	return v.seen(id)
}

// name is what the capture calls flow id (TLS server name, HTTP Host, DNS
// name of the server), "" until the names are computed or when none is told.
func (v *flowsView) name(id int) string {
	if names := v.cap.ReadyFlowNames(); id < len(names) && id < len(v.flows) {
		return names[id]
	}
	return ""
}

// setSearch narrows the table as the search is typed.
func (v *flowsView) setSearch(text string) {
	v.search = strings.TrimSpace(text)
	v.cur, v.top = 0, 0
	v.refresh()
}

func (v *flowsView) endpoint(e decode.Endpoint) string {
	return endpointIn(v.cap.Addr(e.Addr), e.Port)
}

func endpointIn(a decode.Addr, port uint16) string {
	if ip := a.IP(); ip.IsValid() {
		return netip.AddrPortFrom(ip, port).String()
	}
	return a.String() + ":" + strconv.Itoa(int(port))
}

func flowName(f *decode.Flow) string {
	if f.Proto == decode.ProtoUDPPacket {
		return "udp " + strconv.Itoa(f.Stream)
	}
	return "tcp " + strconv.Itoa(f.Stream)
}

// filterFor is the display filter that shows one flow.
func filterFor(f *decode.Flow) string {
	if f.Proto == decode.ProtoUDPPacket {
		return "udp.stream == " + strconv.Itoa(f.Stream)
	}
	return "tcp.stream == " + strconv.Itoa(f.Stream)
}

func humanBytes(n int64) string {
	switch {
	case n >= 10<<20:
		return fmt.Sprintf("%dM", n>>20)
	case n >= 10<<10:
		return fmt.Sprintf("%dk", n>>10)
	}
	return strconv.FormatInt(n, 10)
}

func (v *flowsView) Draw(screen tcell.Screen) {
	v.Box.DrawForSubclass(screen, v)
	x, y, width, height := v.GetInnerRect()
	if width <= 0 || height <= 0 {
		return
	}
	caption := v.caption()
	if caption != "" && height > 2 {
		// The last line says which set of flows the table shows.
		height--
		drawText(screen, x, y+height, width, 0, caption, v.theme.dim)
	}
	v.height = max(height-1, 1)
	if v.cur >= v.top+v.height {
		v.top = v.cur - v.height + 1
	}
	if v.cur < v.top {
		v.top = v.cur
	}
	var base int64
	if v.cap.Len() > 0 {
		base = v.cap.Packet(0).Time
	}
	type row [numFlowCols]string
	rows := make([]row, 0, v.height)
	// The Name column shows only when some visible flow has a name.
	w := [numFlowCols]int{6, 6, 6, 0, 5, 3, 0, 5, 7, 5, 5, 8}
	if v.seen != nil {
		w[colSeen] = 4
	}
	// The sorted column keeps room for its arrow after the title.
	w[v.sortCol] = max(w[v.sortCol], uniseg.StringWidth(flowTitles[v.sortCol])+1)
	for k := v.top; k < len(v.order) && len(rows) < v.height; k++ {
		id := v.order[k]
		f, _ := v.flow(id)
		r := row{v.label(id), decode.Printable(v.endpointOf(id, f.Client)), decode.Printable(v.endpointOf(id, f.Server)),
			decode.Printable(v.name(id)), v.state(id), v.end(id), v.seenIn(id), v.notes(id),
			fmt.Sprintf("%d/%d", f.Packets[0], f.Packets[1]),
			humanBytes(f.Bytes[0]) + "/" + humanBytes(f.Bytes[1]),
			fmt.Sprintf("%.3f", float64(v.first(id)-base)/1e9),
			fmt.Sprintf("%.3f", float64(f.Duration())/1e9)}
		for c := range r {
			w[c] = max(w[c], uniseg.StringWidth(r[c]))
		}
		if r[colName] != "" {
			w[colName] = max(w[colName], 4)
		}
		rows = append(rows, r)
	}
	// When the row is too wide, leave out the columns a reader can best do
	// without (Duration, Start, Bytes, in that order), then shrink the
	// endpoints.
	total := func() int {
		t := 0
		for _, c := range w {
			if c > 0 {
				t += c + 1
			}
		}
		return t - 1
	}
	for _, drop := range []int{colDuration, colStart, colBytes} {
		if total() <= width {
			break
		}
		if drop != v.sortCol { // the column the table is sorted by stays
			w[drop] = 0
		}
	}
	for total() > width && w[colName] > 16 {
		w[colName]--
	}
	for total() > width && (w[1] > 12 || w[2] > 12) {
		if w[1] >= w[2] {
			w[1]--
		} else {
			w[2]--
		}
	}
	fill(screen, x, y, width, v.theme.header)
	cx := x
	for c, t := range flowTitles {
		if w[c] == 0 {
			continue
		}
		cw := max(min(w[c], x+width-cx), 0)
		if c == v.sortCol && cw > 0 {
			// The arrow always shows: the title gives way to it.
			arrow := "▲"
			if v.desc {
				arrow = "▼"
			}
			n := drawText(screen, cx, y, cw-1, 0, t, v.theme.header)
			drawText(screen, cx+n, y, 1, 0, arrow, v.theme.header)
		} else {
			drawText(screen, cx, y, cw, 0, t, v.theme.header)
		}
		cx += w[c] + 1
	}
	for j, r := range rows {
		st := v.theme.normal
		if v.top+j == v.cur {
			st = v.theme.selected
		}
		fill(screen, x, y+1+j, width, st)
		cx := x
		for c, text := range r {
			if cx >= x+width {
				break
			}
			if w[c] == 0 {
				continue
			}
			cw := min(w[c], x+width-cx)
			if c >= colPackets {
				drawRight(screen, cx, y+1+j, cw, text, st)
			} else {
				drawText(screen, cx, y+1+j, cw, 0, text, st)
			}
			cx += w[c] + 1
		}
	}
	if len(rows) == 0 {
		msg := "no TCP or UDP conversations"
		if v.limited() {
			msg = "no conversation has packets the display filter shows"
		}
		drawText(screen, x+1, y+1, width-1, 0, msg, v.theme.dim)
	}
}

// caption says, with a display filter applied, whether the table is
// limited to its flows and how to switch; "" without one.
func (v *flowsView) caption() string {
	only := ""
	if len(v.second) > 0 {
		// The first capture's flows, then those only the second saw.
		only = fmt.Sprintf("%d connection(s) only in %s, listed last as 2nd:STREAM (its stream numbers); l opens their ladder", len(v.second), decode.Printable(v.secondName))
		if v.limited() {
			only = fmt.Sprintf("%d connection(s) only in %s are not listed: the display filter shows none of their packets · a: all", len(v.second), decode.Printable(v.secondName))
		}
	}
	if v.limitExpr == "" {
		if v.left > 0 {
			left := fmt.Sprintf("%d flows in the capture window; %d more left it with their ring files", len(v.flows)-v.left, v.left)
			if only != "" {
				left += " · " + only
			}
			return left
		}
		return only
	}
	if only != "" {
		only = " · " + only
	}
	// The filter itself is in the status bar below.
	if v.all {
		return "all flows, not only those the display filter shows · a: only those" + only
	}
	return fmt.Sprintf("%d of %d flows: those with packets the display filter shows · a: all", v.limitN, len(v.flows)-v.left) + only
}

func (v *flowsView) InputHandler() func(event *tcell.EventKey, setFocus func(p tview.Primitive)) {
	return v.WrapInputHandler(func(ev *tcell.EventKey, _ func(p tview.Primitive)) {
		if cur, ok := moveCursor(ev, v.cur, len(v.order), v.height); ok {
			v.cur = cur
			return
		}
		switch ev.Key() {
		case tcell.KeyEnter:
			if v.cur >= len(v.order) {
				break
			}
			// The packet list is the first capture's: a conversation
			// only the second saw opens as its ladder.
			if f, second := v.flow(v.order[v.cur]); second && v.onLadder != nil {
				v.onLadder(f)
			} else if !second && v.onFlow != nil {
				v.onFlow(filterFor(f))
			}
		case tcell.KeyRune:
			switch ev.Rune() {
			case 'l':
				if v.cur < len(v.order) && v.onLadder != nil {
					f, _ := v.flow(v.order[v.cur])
					v.onLadder(f)
				}
			case 's':
				v.sortCol = (v.sortCol + 1) % len(flowTitles)
				if v.sortCol == colSeen && v.seen == nil {
					v.sortCol++ // no Seen column with one capture
				}
				v.refresh()
			case 'S':
				v.desc = !v.desc
				v.refresh()
			}
		}
	})
}

// state is the connection's conn_state (Zeek's), "" until analysed or
// for UDP.
func (v *flowsView) state(id int) string {
	if v.found == nil || id >= len(v.flows) {
		return "" // the first capture's analysis: none for a 2nd: row
	}
	if c := v.found.res.Conn(id); c != nil {
		return c.State
	}
	return ""
}

// end is how a TCP connection ended: its outcome code, and for a reset
// the cause of the reset that ended it ("reset abort").
func (v *flowsView) end(id int) string {
	if v.found == nil || id >= len(v.flows) || v.flows[id].Proto != decode.ProtoTCPPacket {
		return ""
	}
	e := v.found.end(id)
	if e == nil {
		return ""
	}
	if e.outcome == analysis.OutcomeReset && e.reset {
		return "reset " + string(e.cause)
	}
	return string(e.outcome)
}

// notes counts the flow's expert notes by severity, most severe first:
// "E1 W2 N3 C4" (chat notes are the handshake and close events).
func (v *flowsView) notes(id int) string {
	if v.found == nil || id >= len(v.flows) {
		return "" // the first capture's analysis: none for a 2nd: row
	}
	c := v.found.count(id)
	if c == nil {
		return ""
	}
	s := ""
	for sev := numSeverities - 1; sev >= 0; sev-- {
		if n := c[sev]; n > 0 {
			if s != "" {
				s += " "
			}
			s += analysis.Severity(sev).String()[:1] + strconv.Itoa(int(n))
		}
	}
	return s
}

func (v *flowsView) noteCount(id int) int {
	if v.found == nil || id >= len(v.flows) {
		return 0 // the first capture's analysis: none for a 2nd: row
	}
	n := 0
	if c := v.found.count(id); c != nil {
		for _, k := range c {
			n += int(k)
		}
	}
	return n
}
