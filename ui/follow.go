package ui

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/gdamore/tcell/v2"
	"github.com/ladder-dev/ladder/analysis/follow"
	"github.com/ladder-dev/ladder/decode"
	"github.com/ladder-dev/ladder/ui/diagram"
	"github.com/rivo/tview"
	"github.com/rivo/uniseg"
)

// followView shows one TCP or UDP stream as analysis/follow rebuilds it:
// both directions in the order they were exchanged, each chunk under a
// header naming its frame. A follow.Stream holds no payload, only where
// each chunk's bytes sit in the capture, so the view reads and renders a
// chunk only when it comes on screen (or a search looks into it), and a
// stream of a million segments opens as fast as a short one.
//
// Positions are (chunk, row within the chunk's rendering): the number of
// rows a chunk takes is only known once it is rendered, and nothing needs
// the total.
type followView struct {
	*tview.Box
	theme *theme
	st    *follow.Stream
	r     *follow.Reader
	names [2]string // the nodes' endpoints, for chunk headers
	// client is the node that opened the conversation (the flow's client):
	// its text takes the client colour, the other node's the server colour.
	client uint8
	// sent is, per chunk, the bytes its direction sent before it: the
	// offset column of the hex dump. Index records only, no payload.
	sent []int64
	hex  bool
	back int // the view q returns to

	cur, top followPos // cursor and first row on screen
	moved    bool      // the cursor moved since opening: q selects its packet
	rows     int       // text rows that fit, from the last draw
	width    int       // the width the cached rows are wrapped at
	cache    map[int][]followRow
	err      error // the first read error, shown in the title

	query  string // the search as typed (and as the ascii view shows it)
	needle []byte // the bytes it stands for
}

// followPos is a row of the rendered stream.
type followPos struct{ chunk, row int }

func (p followPos) before(q followPos) bool {
	return p.chunk < q.chunk || p.chunk == q.chunk && p.row < q.row
}

// followRow is one screen row: part of a follow.Line, wrapped to the width.
type followRow struct {
	text   string
	kind   follow.LineKind
	dir    uint8
	indent bool // node 1's content without colour: set off as tshark does
}

// maxFollowCache bounds the rendered chunks kept between draws.
const maxFollowCache = 512

// followIndent is how far node 1's text is indented without colour.
const followIndent = 4

func newFollowView(th *theme) *followView {
	return &followView{Box: tview.NewBox(), theme: th, rows: 1}
}

// show displays stream st of flow f with the cursor on the first chunk
// packet pkt carried (or the first after it; pkt -1: the start).
func (v *followView) show(idx *decode.Index, st *follow.Stream, f *decode.Flow, name func(decode.Endpoint) string, pkt, back int) {
	*v = followView{Box: v.Box, theme: v.theme, st: st, r: follow.NewReader(idx), back: back, rows: v.rows, width: v.width,
		hex: v.hex, query: v.query, needle: v.needle}
	v.names = [2]string{name(st.Nodes[0]), name(st.Nodes[1])}
	if st.Nodes[0] != f.Client {
		v.client = 1
	}
	v.sent = make([]int64, len(st.Chunks))
	var sent [2]int64
	for k, c := range st.Chunks {
		v.sent[k] = sent[c.Dir&1]
		if c.Kind == follow.Data {
			sent[c.Dir&1] += int64(c.Len)
		}
	}
	v.cur.chunk = len(st.Chunks) - 1
	for k, c := range st.Chunks {
		if int(c.Packet) >= pkt {
			v.cur.chunk = k
			break
		}
	}
	v.top = followPos{-1, 0} // place the cursor at the next draw
}

// packet is the packet index of the chunk under the cursor, or -1.
func (v *followView) packet() int {
	if v.st == nil || v.cur.chunk < 0 || v.cur.chunk >= len(v.st.Chunks) {
		return -1
	}
	return int(v.st.Chunks[v.cur.chunk].Packet)
}

func (v *followView) name(n uint8) string { return v.names[n&1] }

// chunkRows renders chunk k at the current width and format, reading its
// bytes from the capture, or returns the rows kept from an earlier draw.
func (v *followView) chunkRows(k int) []followRow {
	if rows, ok := v.cache[k]; ok {
		return rows
	}
	var lines []follow.Line
	var err error
	if v.hex {
		lines, err = v.st.HexLines(v.r, k, v.sent[k], v.name, nil)
	} else {
		lines, err = v.st.TextLines(v.r, k, v.name, nil)
	}
	if err != nil && v.err == nil {
		v.err = err
	}
	noColor := v.theme.mode == colorNone
	var rows []followRow
	for _, l := range lines {
		indent := noColor && l.Dir == 1 && l.Kind == follow.LineContent
		w := v.width
		if indent {
			w -= followIndent
		}
		for _, part := range wrapCells(l.Text, w, !v.hex && l.Kind == follow.LineContent) {
			rows = append(rows, followRow{text: part, kind: l.Kind, dir: l.Dir, indent: indent})
		}
	}
	if v.cache == nil || len(v.cache) >= maxFollowCache {
		v.cache = map[int][]followRow{}
	}
	v.cache[k] = rows
	return rows
}

// wrapCells cuts text into pieces of at most width cells (at least one
// piece, so an empty line still takes a row). With escapes, text is
// follow's ascii rendering and no cut falls inside an escape such as \x1b.
func wrapCells(text string, width int, escapes bool) []string {
	width = max(width, 8)
	var out []string
	for {
		cut, used, state := 0, 0, -1
		rest := text
		for rest != "" {
			var cl string
			var w int
			cl, rest, w, state = uniseg.FirstGraphemeClusterInString(rest, state)
			if used+w > width {
				break
			}
			used += w
			cut += len(cl)
		}
		if escapes && cut < len(text) {
			cut = escapeStart(text, cut)
		}
		if cut == len(text) || cut == 0 {
			return append(out, text)
		}
		out = append(out, text[:cut])
		text = text[cut:]
	}
}

// escapeStart moves a cut back to the start of the escape it would split
// (\n, \xNN, \uNNNN).
func escapeStart(text string, cut int) int {
	for i := 0; i < cut; i++ {
		if text[i] != '\\' || i+1 >= len(text) {
			continue
		}
		n := 2
		switch text[i+1] {
		case 'x':
			n = 4
		case 'u':
			n = 6
		}
		if i+n > cut {
			return i
		}
		i += n - 1
	}
	return cut
}

// step moves p by n rows (negative: up), stopping at either end.
func (v *followView) step(p followPos, n int) followPos {
	for n > 0 {
		rows := len(v.chunkRows(p.chunk))
		if p.row+n < rows {
			p.row += n
			return p
		}
		if p.chunk == len(v.st.Chunks)-1 {
			p.row = rows - 1
			return p
		}
		n -= rows - p.row
		p = followPos{p.chunk + 1, 0}
	}
	for n < 0 {
		if p.row+n >= 0 {
			p.row += n
			return p
		}
		if p.chunk == 0 {
			p.row = 0
			return p
		}
		n += p.row + 1
		p = followPos{p.chunk - 1, len(v.chunkRows(p.chunk-1)) - 1}
	}
	return p
}

// end is the last row of the stream.
func (v *followView) end() followPos {
	k := len(v.st.Chunks) - 1
	return followPos{k, len(v.chunkRows(k)) - 1}
}

func (v *followView) move(n int) {
	v.cur = v.step(v.cur, n)
	v.moved = true
}

// setWidth re-wraps at a new text width, keeping the cursor's chunk.
func (v *followView) setWidth(width int) {
	if width == v.width {
		return
	}
	v.width, v.cache = width, nil
	v.cur.row = 0
	v.top = followPos{-1, 0}
}

// toggleHex switches between the ascii and hex renderings.
func (v *followView) toggleHex() {
	v.hex = !v.hex
	v.cache = nil
	v.cur.row = 0
	v.top = followPos{-1, 0}
}

// The colours of the two directions: Wireshark's follow window shows the
// client's bytes red and the server's blue. These tones read on dark and
// light backgrounds alike.
func (v *followView) dirStyle(dir uint8) tcell.Style {
	client := dir == v.client
	st := v.theme.normal
	switch v.theme.mode {
	case color256:
		if client {
			return st.Foreground(tcell.NewHexColor(0xd75f5f))
		}
		return st.Foreground(tcell.NewHexColor(0x5f87d7))
	case color16:
		if client {
			return st.Foreground(tcell.ColorRed)
		}
		return st.Foreground(tcell.ColorTeal)
	}
	return st
}

func (v *followView) rowStyle(r followRow) tcell.Style {
	switch r.kind {
	case follow.LineHeader:
		return v.dirStyle(r.dir).Bold(true)
	case follow.LineGap:
		return warnStyle(v.theme).Bold(true)
	}
	return v.dirStyle(r.dir)
}

// role names a node for the legend.
func (v *followView) role(n uint8) string {
	if n == v.client {
		return "client"
	}
	return "server"
}

// Draw draws a title, a legend of the two nodes, and the rows from top,
// rendering only the chunks those rows come from.
func (v *followView) Draw(screen tcell.Screen) {
	x, y, width, height := v.GetInnerRect()
	for row := y; row < y+height; row++ {
		fill(screen, x, row, width, v.theme.normal)
	}
	if width <= 0 || height <= 0 || v.st == nil || len(v.st.Chunks) == 0 {
		return
	}
	v.setWidth(width)
	format := "ascii"
	if v.hex {
		format = "hex"
	}
	proto := "TCP"
	if v.st.Proto == decode.ProtoUDPPacket {
		proto = "UDP"
	}
	title := fmt.Sprintf("Follow %s stream %d (%s)  chunk %d of %d, frame %d", proto, v.st.Stream, format,
		v.cur.chunk+1, len(v.st.Chunks), v.packet()+1)
	if v.err != nil {
		title += "  error: " + decode.Printable(v.err.Error())
	}
	fill(screen, x, y, width, v.theme.header)
	drawText(screen, x+1, y, width-1, 0, title, v.theme.header)
	if height < 2 {
		return
	}
	// The legend: the header markers are follow's ">>>" (node 0) and
	// "<<<" (node 1), which also tell the directions apart without colour.
	col := x
	for n := uint8(0); n < 2; n++ {
		marker := ">>>"
		if n == 1 {
			marker, col = "<<<", col+2
		}
		text := fmt.Sprintf("%s %s %s, %s B", marker, v.role(n), v.names[n], humanBytes(v.st.Bytes[n]))
		col += drawText(screen, col, y+1, x+width-col, 0, text, v.dirStyle(n).Bold(true))
	}
	v.rows = max(height-2, 1)
	v.scroll()
	p := v.top
	for j := 0; j < v.rows; j++ {
		rows := v.chunkRows(p.chunk)
		v.drawRow(screen, x, y+2+j, width, rows[p.row], p == v.cur)
		if p.row+1 < len(rows) {
			p.row++
		} else if p.chunk+1 < len(v.st.Chunks) {
			p = followPos{p.chunk + 1, 0}
		} else {
			break
		}
	}
}

// scroll moves top so that the cursor is on screen: by a row when it
// stepped just off an edge (j, k), otherwise with the cursor a third of
// the way down and context above it. The screen is never left half empty
// at the end of the stream.
func (v *followView) scroll() {
	switch {
	case v.top.chunk < 0:
		v.top = v.step(v.cur, -v.rows/3)
	case v.cur.before(v.top):
		if v.step(v.cur, 1) == v.top {
			v.top = v.cur
		} else {
			v.top = v.step(v.cur, -v.rows/3)
		}
	default:
		bottom := v.step(v.top, v.rows-1)
		if !bottom.before(v.cur) {
			break
		}
		if v.step(bottom, 1) == v.cur {
			v.top = v.step(v.top, 1)
		} else {
			v.top = v.step(v.cur, -v.rows/3)
		}
	}
	if end := v.step(v.top, v.rows-1); end == v.end() {
		v.top = v.step(end, -(v.rows - 1))
	}
}

// drawRow draws one row: the cursor row in the selection style, search
// matches in the ascii view highlighted.
func (v *followView) drawRow(screen tcell.Screen, x, y, width int, r followRow, cursor bool) {
	st := v.rowStyle(r)
	if cursor {
		st = v.theme.selected
		fill(screen, x, y, width, st)
	}
	col := x
	if r.indent {
		col += followIndent
	}
	drawText(screen, col, y, x+width-col, 0, r.text, st)
	if v.hex || v.query == "" || r.kind != follow.LineContent {
		return
	}
	for off := 0; ; {
		i := strings.Index(r.text[off:], v.query)
		if i < 0 {
			return
		}
		at := col + uniseg.StringWidth(r.text[:off+i])
		drawText(screen, at, y, x+width-at, 0, v.query, v.theme.mark)
		off += i + len(v.query)
	}
}

func (v *followView) InputHandler() func(event *tcell.EventKey, setFocus func(p tview.Primitive)) {
	return v.WrapInputHandler(func(ev *tcell.EventKey, _ func(p tview.Primitive)) {
		if v.st == nil || len(v.st.Chunks) == 0 {
			return
		}
		page := max(v.rows-1, 1)
		switch ev.Key() {
		case tcell.KeyUp:
			v.move(-1)
		case tcell.KeyDown:
			v.move(1)
		case tcell.KeyPgUp, tcell.KeyCtrlB:
			v.top = v.step(v.top, -page)
			v.move(-page)
		case tcell.KeyPgDn, tcell.KeyCtrlF:
			v.top = v.step(v.top, page)
			v.move(page)
		case tcell.KeyHome:
			v.cur, v.moved = followPos{}, true
		case tcell.KeyEnd:
			v.cur, v.moved = v.end(), true
		case tcell.KeyRune:
			switch ev.Rune() {
			case 'j':
				v.move(1)
			case 'k':
				v.move(-1)
			case 'g':
				v.cur, v.moved = followPos{}, true
			case 'G':
				v.cur, v.moved = v.end(), true
			}
		}
	})
}

// setQuery takes the search as typed. The ascii view shows \r, \n, \t,
// \\ and \xNN for bytes it escapes, so the same escapes in the search
// stand for those bytes: what is on screen can be searched as it reads.
func (v *followView) setQuery(text string) {
	v.query = text
	v.needle = []byte(text)
	if strings.Contains(text, `\`) {
		if s, err := strconv.Unquote(`"` + strings.ReplaceAll(text, `"`, `\"`) + `"`); err == nil {
			v.needle = []byte(s)
		}
	}
}

// findMatch looks for the next chunk (dir 1) or previous chunk (dir -1)
// from chunk start on whose bytes hold needle, wrapping around the stream
// once. It reads through r only, so it can run off the UI goroutine with
// a Reader of its own.
func findMatch(st *follow.Stream, r *follow.Reader, needle []byte, dir, start int) (found int, wrapped bool, err error) {
	n := len(st.Chunks)
	if dir > 0 {
		found, err = st.Find(r, needle, start)
		if found < 0 && err == nil && start > 0 {
			wrapped = true
			found, err = st.Find(r, needle, 0)
		}
		return found, wrapped, err
	}
	found, err = findBack(st, r, needle, start)
	if found < 0 && err == nil && start < n-1 {
		wrapped = true
		found, err = findBack(st, r, needle, n-1)
	}
	return found, wrapped, err
}

// findBack is Stream.Find backwards: the last chunk at or before from
// whose bytes contain needle, or -1.
func findBack(st *follow.Stream, r *follow.Reader, needle []byte, from int) (int, error) {
	for k := min(from, len(st.Chunks)-1); k >= 0; k-- {
		b, err := r.Bytes(st.Chunks[k])
		if err != nil {
			return -1, err
		}
		if bytes.Contains(b, needle) {
			return k, nil
		}
	}
	return -1, nil
}

// found moves the cursor to a search result and returns the status
// message ("" when found without wrapping).
func (v *followView) found(k int, wrapped bool, dir int, err error) string {
	switch {
	case err != nil:
		return "search: " + err.Error()
	case k < 0:
		return "not found: " + v.query
	}
	v.cur, v.moved = followPos{k, v.matchRow(k)}, true
	switch {
	case !wrapped:
		return ""
	case dir > 0:
		return "search wrapped to the start"
	}
	return "search wrapped to the end"
}

// matchRow is the first row of chunk k that shows the search (the header
// when the match is split between rows, or in the hex view).
func (v *followView) matchRow(k int) int {
	if v.hex {
		return 0
	}
	for j, r := range v.chunkRows(k) {
		if r.kind == follow.LineContent && strings.Contains(r.text, v.query) {
			return j
		}
	}
	return 0
}

// bigFollow is the flow size from which the stream is rebuilt off the UI
// goroutine (follow.Build reads every packet's index record once).
const bigFollow = 100_000

// openFollowAt follows the stream packet pkt belongs to; q returns to
// view back.
func (a *App) openFollowAt(pkt, back int) {
	if f := a.flowAt(pkt, "follow"); f != nil {
		a.openFollow(f, pkt, back)
	}
}

// openFollow rebuilds flow f's stream and shows it with the cursor at
// packet pkt's data (-1: the start).
func (a *App) openFollow(f *decode.Flow, pkt, back int) {
	if !a.viewsReady() {
		a.message = "follow opens once the capture has loaded"
		return
	}
	f = a.currentFlow(f)
	a.followGen++
	show := func(st *follow.Stream, err error) {
		switch {
		case err != nil:
			a.message = "follow: " + err.Error()
		case len(st.Chunks) == 0:
			a.message = fmt.Sprintf("%s carries no payload to follow", flowName(f))
		default:
			a.follow.show(a.idx, st, f, a.flows.endpoint, pkt, back)
			a.view = viewFollow
			if st.Limited {
				a.message = fmt.Sprintf("over %d out-of-order segments waited at once: some gaps were closed early", follow.MaxPending)
			}
		}
	}
	if !a.running || len(f.Frames) < bigFollow {
		a.followPending = false
		show(follow.Build(a.idx, f))
		return
	}
	gen, idx := a.followGen, a.idx
	a.message = fmt.Sprintf("following %s (%d packets)…", flowName(f), len(f.Frames))
	a.followPending = true
	a.background("follow stream", func() {
		st, err := follow.Build(idx, f)
		a.tv.QueueUpdateDraw(func() {
			if gen == a.followGen {
				a.followPending = false
				a.message = ""
				show(st, err)
			}
		})
	})
}

// followSearch runs the search typed at the / prompt from the cursor's
// chunk on; an empty one repeats the last search.
func (a *App) followSearch(text string) {
	if text != "" {
		a.follow.setQuery(text)
	}
	a.followFind(1, text != "")
}

// bigFollowSearch is the stream size (in chunks) from which a search runs
// off the UI goroutine: it may read every chunk from the file (a million
// chunks take about 0.7 s).
const bigFollowSearch = 20_000

// followFind searches forward (dir 1) or backward (dir -1) from the
// cursor's chunk, which itself is searched only when inclusive.
func (a *App) followFind(dir int, inclusive bool) {
	v := a.follow
	if len(v.needle) == 0 {
		a.message = "no search yet: / searches the stream"
		return
	}
	start := v.cur.chunk
	if !inclusive {
		start += dir
	}
	if !a.running || len(v.st.Chunks) < bigFollowSearch {
		k, wrapped, err := findMatch(v.st, v.r, v.needle, dir, start)
		a.message = v.found(k, wrapped, dir, err)
		return
	}
	a.followGen++
	gen, st, needle, r := a.followGen, v.st, v.needle, follow.NewReader(a.idx)
	a.message = "searching…"
	a.background("follow search", func() {
		k, wrapped, err := findMatch(st, r, needle, dir, start)
		a.tv.QueueUpdateDraw(func() {
			if gen == a.followGen && a.view == viewFollow {
				a.message = v.found(k, wrapped, dir, err)
			}
		})
	})
}

// followSelect selects packet pkt in the packet list (and on the ladder
// when follow was opened from there).
func (a *App) followSelect(pkt int) {
	if !a.packetOK(pkt) {
		return
	}
	if a.view == viewLadder {
		a.ladder.find(0, 1, func(ar *diagram.Arrow) bool { return ar.Index == pkt })
		a.ladderFollow()
		return
	}
	a.gotoFrame(pkt + 1)
}
