package ui

import (
	"fmt"
	"net/netip"
	"sort"
	"strconv"
	"strings"

	"github.com/gdamore/tcell/v2"
	"github.com/ladder-dev/ladder/analysis/stats"
	"github.com/ladder-dev/ladder/decode"
	"github.com/rivo/tview"
	"github.com/rivo/uniseg"
)

// The statistics view's tabs: the tables `ladder stats` prints, which are
// tshark's -z io,phs, conv,tcp, conv,udp, endpoints,ip and endpoints,ipv6.
const (
	tabHierarchy = iota
	tabConvTCP
	tabConvUDP
	tabEndpointsIPv4
	tabEndpointsIPv6
	numStatTabs
)

// statTabNames fit 80 columns side by side: "1 Protocols  2 TCP conv ...".
var statTabNames = [numStatTabs]string{"Protocols", "TCP conv", "UDP conv", "IPv4 endpoints", "IPv6 endpoints"}

// statCol is one column of a statistics table.
type statCol struct {
	title string
	num   bool // right-aligned, sorted as a number
}

// statRow is one row: its cells, the numbers numeric columns sort by, the
// display filter Enter applies ("" shows every packet), and its text laid
// out in the table's column widths.
type statRow struct {
	cells  []string
	nums   []float64
	filter string
	line   string
}

// statTable is one tab's table. Rows are in tshark's order (most frames
// first; the hierarchy in tree order); tree tables are not re-sorted.
type statTable struct {
	caption string
	cols    []statCol
	rows    []statRow
	tree    bool
	widths  []int
	width   int // of a laid-out line
}

// tabState is where the reader is in one tab: each tab keeps its own.
type tabState struct {
	top, cur, left int
	sortCol        int // -1: tshark's order
	reverse        bool
	order          []int
}

// statsView is the full-screen statistics view: a tab bar, the tab's
// caption, its column header and rows. The tables are computed once, after
// loading (the capture no longer changes then), off the UI goroutine.
type statsView struct {
	*tview.Box
	theme  *theme
	tables *[numStatTabs]statTable // nil while computing
	tab    int
	state  [numStatTabs]tabState
	height int // rows of the table body at the last draw
	width  int
	// filter is the display filter in effect, which the tables do not
	// apply (they count every packet): the caption says so.
	filter string
}

func newStatsView(th *theme) *statsView {
	v := &statsView{Box: tview.NewBox(), theme: th, height: 1, width: 80}
	for t := range v.state {
		v.state[t].sortCol = -1
	}
	return v
}

// buildStats computes every tab from a loaded index. It reads only the
// index, so it may run on any goroutine.
func buildStats(idx *decode.Index) *[numStatTabs]statTable {
	var t [numStatTabs]statTable
	t[tabHierarchy] = hierarchyTable(stats.Hierarchy(idx))
	t[tabConvTCP] = convTable(idx, decode.ProtoTCPPacket)
	t[tabConvUDP] = convTable(idx, decode.ProtoUDPPacket)
	t[tabEndpointsIPv4] = endpointTable(idx, decode.AddrIPv4)
	t[tabEndpointsIPv6] = endpointTable(idx, decode.AddrIPv6)
	for k := range t {
		t[k].layout()
	}
	return &t
}

// hierarchyTable is tshark -z io,phs's tree with the share of frames each
// protocol has, as `ladder stats --hierarchy` prints it. Enter filters on
// the protocols of the row's path (eth && ip && tcp is just ip && tcp:
// every frame of the branch is Ethernet already).
func hierarchyTable(root *stats.Node) statTable {
	t := statTable{caption: "Protocol hierarchy: link, network, transport (tshark -z io,phs)", tree: true,
		cols: []statCol{{"Protocol", false}, {"Frames", true}, {"Bytes", true}, {"% Frames", true}}}
	var walk func(n *stats.Node, depth int, path []string)
	walk = func(n *stats.Node, depth int, path []string) {
		pct := 0.0
		if root.Frames > 0 {
			pct = 100 * float64(n.Frames) / float64(root.Frames)
		}
		filter := strings.Join(path, " && ")
		if depth == 1 {
			filter = n.Name // the link layer itself
		}
		t.rows = append(t.rows, statRow{
			cells:  []string{strings.Repeat("  ", depth) + n.Name, strconv.Itoa(n.Frames), strconv.FormatInt(n.Bytes, 10), fmt.Sprintf("%.1f", pct)},
			nums:   []float64{0, float64(n.Frames), float64(n.Bytes), pct},
			filter: filter,
		})
		for _, c := range n.Children {
			next := path
			if depth >= 1 { // below the link layer
				next = append(append([]string(nil), path...), c.Name)
			}
			walk(c, depth+1, next)
		}
	}
	walk(root, 0, nil)
	return t
}

// convTable is tshark -z conv,tcp or conv,udp with `ladder stats --conv`'s
// columns: A sent the first packet, A→B is tshark's "->" column.
func convTable(idx *decode.Index, proto decode.Proto) statTable {
	name, field := "TCP", "tcp.stream"
	if proto == decode.ProtoUDPPacket {
		name, field = "UDP", "udp.stream"
	}
	t := statTable{caption: name + " conversations (tshark -z conv," + strings.ToLower(name) + "); A sent first",
		cols: []statCol{{"Stream", true}, {"A", false}, {"B", false}, {"A→B", true}, {"Bytes A→B", true},
			{"B→A", true}, {"Bytes B→A", true}, {"Frames", true}, {"Bytes", true}, {"Start", true}, {"Duration", true}}}
	for _, c := range stats.Conversations(idx, proto) {
		start, dur := float64(c.Start)/1e9, float64(c.Duration)/1e9
		t.rows = append(t.rows, statRow{
			cells: []string{strconv.Itoa(c.Stream), endpointText(idx.Addr(c.A.Addr), c.A.Port), endpointText(idx.Addr(c.B.Addr), c.B.Port),
				strconv.Itoa(c.FramesAB), strconv.FormatInt(c.BytesAB, 10), strconv.Itoa(c.FramesBA), strconv.FormatInt(c.BytesBA, 10),
				strconv.Itoa(c.Frames()), strconv.FormatInt(c.Bytes(), 10), fmt.Sprintf("%.9f", start), fmt.Sprintf("%.4f", dur)},
			nums: []float64{float64(c.Stream), 0, 0, float64(c.FramesAB), float64(c.BytesAB), float64(c.FramesBA), float64(c.BytesBA),
				float64(c.Frames()), float64(c.Bytes()), start, dur},
			filter: field + " == " + strconv.Itoa(c.Stream),
		})
	}
	return t
}

// endpointTable is tshark -z endpoints,ip or endpoints,ipv6.
func endpointTable(idx *decode.Index, kind decode.AddrKind) statTable {
	name, proto := "IPv4", "ip"
	if kind == decode.AddrIPv6 {
		name, proto = "IPv6", "ipv6"
	}
	field := proto + ".addr"
	t := statTable{caption: name + " endpoints (tshark -z endpoints," + proto + ")",
		cols: []statCol{{"Address", false}, {"Packets", true}, {"Bytes", true}, {"Tx Packets", true}, {"Tx Bytes", true},
			{"Rx Packets", true}, {"Rx Bytes", true}}}
	for _, e := range stats.Endpoints(idx, kind) {
		addr := decode.Printable(idx.Addr(e.Addr).String())
		t.rows = append(t.rows, statRow{
			cells: []string{addr, strconv.Itoa(e.Frames()), strconv.FormatInt(e.Bytes(), 10), strconv.Itoa(e.TxFrames),
				strconv.FormatInt(e.TxBytes, 10), strconv.Itoa(e.RxFrames), strconv.FormatInt(e.RxBytes, 10)},
			nums: []float64{0, float64(e.Frames()), float64(e.Bytes()), float64(e.TxFrames), float64(e.TxBytes),
				float64(e.RxFrames), float64(e.RxBytes)},
			filter: field + " == " + addr,
		})
	}
	return t
}

// endpointText is an address and port as tshark writes them ([v6]:port).
func endpointText(a decode.Addr, port uint16) string {
	if ip := a.IP(); ip.IsValid() {
		return netip.AddrPortFrom(ip, port).String()
	}
	return decode.Printable(a.String()) + ":" + strconv.Itoa(int(port))
}

// statGap separates columns.
const statGap = 2

// layout sizes the columns to their widest cell and lays every row out as
// one line, so drawing is a slice of it (horizontal scrolling included).
func (t *statTable) layout() {
	t.widths = make([]int, len(t.cols))
	for c, col := range t.cols {
		t.widths[c] = uniseg.StringWidth(col.title) + 1 // room for the sort mark
	}
	for _, r := range t.rows {
		for c, cell := range r.cells {
			t.widths[c] = max(t.widths[c], uniseg.StringWidth(cell))
		}
	}
	for k := range t.rows {
		t.rows[k].line = t.lineOf(t.rows[k].cells)
	}
	t.width = 0
	for _, w := range t.widths {
		t.width += w + statGap
	}
}

// lineOf pads cells to the column widths: numbers right, text left.
func (t *statTable) lineOf(cells []string) string {
	var b strings.Builder
	for c, cell := range cells {
		pad := strings.Repeat(" ", max(t.widths[c]-uniseg.StringWidth(cell), 0))
		if t.cols[c].num {
			b.WriteString(pad + cell)
		} else {
			b.WriteString(cell + pad)
		}
		b.WriteString(strings.Repeat(" ", statGap))
	}
	return b.String()
}

// header is the column titles, the sort column marked ▼ (largest or A
// first) or ▲ (reversed).
func (t *statTable) header(st *tabState) string {
	cells := make([]string, len(t.cols))
	for c, col := range t.cols {
		cells[c] = col.title
		if c == st.sortCol {
			if st.reverse {
				cells[c] += "▲"
			} else {
				cells[c] += "▼"
			}
		}
	}
	return t.lineOf(cells)
}

// sortRows orders the tab's rows: tshark's order, or by a column (numbers
// largest first, text A to Z), reversed on request.
func (v *statsView) sortRows(tab int) {
	t, st := &v.tables[tab], &v.state[tab]
	st.order = st.order[:0]
	for k := range t.rows {
		st.order = append(st.order, k)
	}
	c := st.sortCol
	if c >= 0 && !t.tree {
		sort.SliceStable(st.order, func(i, j int) bool {
			a, b := &t.rows[st.order[i]], &t.rows[st.order[j]]
			if t.cols[c].num {
				return a.nums[c] > b.nums[c]
			}
			return a.cells[c] < b.cells[c]
		})
	}
	if st.reverse {
		for i, j := 0, len(st.order)-1; i < j; i, j = i+1, j-1 {
			st.order[i], st.order[j] = st.order[j], st.order[i]
		}
	}
}

// setTables shows the computed tables.
func (v *statsView) setTables(t *[numStatTabs]statTable) {
	v.tables = t
	for tab := range t {
		v.sortRows(tab)
	}
}

// selectedRow is the row under the cursor in the current tab, or nil.
func (v *statsView) selectedRow() *statRow {
	if v.tables == nil {
		return nil
	}
	st := &v.state[v.tab]
	if st.cur < 0 || st.cur >= len(st.order) {
		return nil
	}
	return &v.tables[v.tab].rows[st.order[st.cur]]
}

// nextSort sorts the current tab by the next column (after the last:
// tshark's order again); the hierarchy keeps its tree order.
func (v *statsView) nextSort() bool {
	if v.tables == nil || v.tables[v.tab].tree {
		return false
	}
	st := &v.state[v.tab]
	st.sortCol++
	if st.sortCol >= len(v.tables[v.tab].cols) {
		st.sortCol = -1
	}
	st.reverse = false
	v.sortRows(v.tab)
	return true
}

func (v *statsView) reverseSort() {
	if v.tables == nil {
		return
	}
	v.state[v.tab].reverse = !v.state[v.tab].reverse
	v.sortRows(v.tab)
}

func (v *statsView) Draw(screen tcell.Screen) {
	v.Box.DrawForSubclass(screen, v)
	x, y, width, height := v.GetInnerRect()
	if width <= 0 || height <= 0 {
		return
	}
	v.width = width
	// Tab bar: the current tab in the selected style.
	fill(screen, x, y, width, v.theme.normal)
	cx := x
	for t, name := range statTabNames {
		label := " " + strconv.Itoa(t+1) + " " + name + " "
		st := v.theme.header
		if t == v.tab {
			st = v.theme.selected
		}
		cx += drawText(screen, cx, y, x+width-cx, 0, label, st)
		cx += drawText(screen, cx, y, x+width-cx, 0, " ", v.theme.normal)
	}
	if height < 2 {
		return
	}
	if v.tables == nil {
		drawText(screen, x+1, y+1, width-1, 0, "computing statistics…", v.theme.dim)
		return
	}
	t, st := &v.tables[v.tab], &v.state[v.tab]
	caption := t.caption
	if v.filter != "" {
		caption = "every packet, not only the filter's · " + caption
	}
	if t.width > width {
		caption += "  ← →: more columns"
	}
	drawText(screen, x+1, y+1, width-1, 0, caption, v.theme.dim)
	if height < 3 {
		return
	}
	st.left = min(st.left, max(t.width-width, 0))
	fill(screen, x, y+2, width, v.theme.header)
	drawText(screen, x, y+2, width, st.left, t.header(st), v.theme.header)
	v.height = max(height-3, 1)
	if st.cur >= st.top+v.height {
		st.top = st.cur - v.height + 1
	}
	st.top = max(min(st.top, st.cur), 0)
	for j := 0; j < v.height && st.top+j < len(st.order); j++ {
		row := &t.rows[st.order[st.top+j]]
		style := v.theme.normal
		if st.top+j == st.cur {
			style = v.theme.selected
			fill(screen, x, y+3+j, width, style)
		}
		drawText(screen, x, y+3+j, width, st.left, row.line, style)
	}
	if len(t.rows) == 0 {
		drawText(screen, x+1, y+3, width-1, 0, "none in this capture", v.theme.dim)
	}
}

func (v *statsView) InputHandler() func(event *tcell.EventKey, setFocus func(p tview.Primitive)) {
	return v.WrapInputHandler(func(ev *tcell.EventKey, _ func(p tview.Primitive)) {
		if v.tables == nil {
			return
		}
		st := &v.state[v.tab]
		if cur, ok := moveCursor(ev, st.cur, len(st.order), v.height); ok {
			st.cur = cur
			return
		}
		scroll := func(d int) { st.left = min(max(st.left+d, 0), max(v.tables[v.tab].width-v.width, 0)) }
		switch ev.Key() {
		case tcell.KeyLeft:
			scroll(-8)
		case tcell.KeyRight:
			scroll(8)
		case tcell.KeyRune:
			switch ev.Rune() {
			case 'h':
				scroll(-8)
			case 'l':
				scroll(8)
			}
		}
	})
}

// openStats shows the statistics view, computing the tables the first
// time: about 50 ms for a million packets (analysis/stats's benchmark),
// so off the UI goroutine while the event loop runs.
func (a *App) openStats() {
	switch {
	case a.idx == nil:
		a.message = "statistics need a capture file"
		return
	case !a.loaded():
		a.message = "statistics open once the capture has loaded"
		return
	}
	a.view = viewStats
	if a.stats.tables != nil || a.statsBusy {
		return
	}
	a.statsBusy = true
	idx := a.idx
	a.offUI("statistics", func() func() {
		t := buildStats(idx)
		return func() {
			a.stats.setTables(t)
			a.statsBusy = false
		}
	})
}

// statsFilter applies the selected row's display filter through the
// filter bar's path and goes back to the packet list; a row whose filter
// does not compile (a link layer without a filter name) stays put.
func (a *App) statsFilter() {
	row := a.stats.selectedRow()
	if row == nil {
		return
	}
	if row.filter != "" {
		if _, err := a.cfg.Compile(row.filter); err != nil {
			a.message = "no display filter for " + strings.TrimSpace(row.cells[0]) + ": " + decode.Printable(err.Error())
			return
		}
	}
	a.view = viewMain
	a.applyFilter(row.filter)
}
