package ui

import (
	"strconv"
	"strings"

	"github.com/gdamore/tcell/v2"
	"github.com/ladder-dev/ladder/decode"
	"github.com/rivo/tview"
	"github.com/rivo/uniseg"
)

// packetList is the virtual packet list: it keeps only a cursor and a top
// row, and on each draw asks the index for the rows that are visible, so a
// million packets draw as fast as a hundred.
type packetList struct {
	*tview.Box
	cap   Capture
	ann   Annotations
	theme *theme
	rows  rowSet

	top, cur int // row positions in rows; cur is -1 while nothing is shown
	// resolving: new rows (a filter) are still deciding which packet is
	// selected; want is the packet selected before them (-1: none). Until
	// then nothing is selected, and the app holds keys back (keys.go).
	resolving bool
	want      int
	hscroll   int // cells of the Info column scrolled off to the left
	// names shows the names captured DNS answers gave addresses in the
	// Source and Destination columns (Wireshark's "resolve network
	// addresses" from captured DNS packets), toggled by a.
	names bool

	onSelect func(pkt int) // called when the selected packet changes

	// Columns from the configuration: the order to show them in (indexes
	// into listTitles; nil is all seven in order) and fixed widths (0:
	// sized from the rows shown).
	columns []int
	fixed   [7]int

	// scratch reused across draws
	visible []decode.Row
	styles  []tcell.Style
	buf     []byte
	height  int // rows that fit, from the last draw
}

func newPacketList(c Capture, ann Annotations, th *theme) *packetList {
	return &packetList{Box: tview.NewBox(), cap: c, ann: ann, theme: th, rows: allRows{c}, cur: -1, want: -1, height: 1}
}

// Selected returns the selected packet index, or -1.
func (l *packetList) Selected() int {
	if l.cur < 0 || l.cur >= l.rows.Len() {
		return -1
	}
	return l.rows.At(l.cur)
}

// setRows replaces the displayed set (a new filter). As Wireshark does
// (file.c, rescan_packets), the selected packet stays selected when it is
// displayed, else the last displayed packet before it, else the first
// after it. A filter scans in the background, so which one that is is
// known only once the scan has passed the packet: until then the list is
// resolving and has no selection.
func (l *packetList) setRows(r rowSet) {
	sel := l.Selected()
	if l.resolving {
		sel = l.want // a filter replaced before it settled: keep the first aim
	}
	l.rows = r
	l.cur, l.top = -1, 0
	l.want, l.resolving = sel, true
	l.sync()
}

// sync settles the selection of new rows, and selects the first row once
// rows appear (loading or filtering fills the list after it was drawn).
func (l *packetList) sync() {
	if l.resolving {
		l.resolve()
		return
	}
	if l.cur < 0 && l.rows.Len() > 0 {
		l.select_(0)
	}
}

// resolve picks the packet to select in new rows once the rows tell.
func (l *packetList) resolve() {
	scanned := l.rows.Scanned() // before Len: see rowSet.Scanned
	n := l.rows.Len()
	decided := l.rows.Complete() || scanned >= l.cap.Len() // nothing loaded is left unscanned
	if l.want < 0 {
		switch {
		case n > 0:
			l.resolving = false
			l.select_(0)
		case decided:
			l.resolving = false
		}
		return
	}
	k := l.rows.Search(l.want) // the first row at or after want
	switch {
	case k < n && l.rows.At(k) == l.want:
		l.resolving = false
		l.select_(k)
	case !decided && scanned <= l.want:
		// the scan has not reached want: wait
	case k > 0:
		l.resolving = false
		l.select_(k - 1)
	case k < n:
		l.resolving = false
		l.select_(k)
	case decided:
		l.resolving = false // nothing displayed (yet)
	}
}

// pending reports whether the selection is still being decided.
func (l *packetList) pending() bool {
	if l.resolving {
		l.resolve()
	}
	return l.resolving
}

// select_ moves the cursor to row k, scrolling it into view.
func (l *packetList) select_(k int) {
	n := l.rows.Len()
	if n == 0 {
		return
	}
	k = min(max(k, 0), n-1)
	changed := k != l.cur
	l.cur = k
	h := max(l.height, 1)
	if l.cur < l.top {
		l.top = l.cur
	} else if l.cur >= l.top+h {
		l.top = l.cur - h + 1
	}
	if changed && l.onSelect != nil {
		l.onSelect(l.rows.At(k))
	}
}

func (l *packetList) move(delta int) {
	if l.cur < 0 {
		l.sync()
		return
	}
	l.select_(l.cur + delta)
}

func (l *packetList) page(dir int) { l.move(dir * max(l.height-1, 1)) }
func (l *packetList) first()       { l.select_(0) }
func (l *packetList) last()        { l.select_(l.rows.Len() - 1) }

// gotoPacket selects packet pkt or, when the filter hides it, the next
// displayed packet after it.
func (l *packetList) gotoPacket(pkt int) {
	if l.rows.Len() == 0 {
		return
	}
	l.select_(min(l.rows.Search(pkt), l.rows.Len()-1))
}

// findNext moves to the next (dir 1) or previous (dir -1) displayed packet
// that satisfies ok, and reports whether there was one. It reads only the
// index records, never the file.
func (l *packetList) findNext(dir int, ok func(pkt int) bool) bool {
	n := l.rows.Len()
	for k := l.cur + dir; k >= 0 && k < n; k += dir {
		if ok(l.rows.At(k)) {
			l.select_(k)
			return true
		}
	}
	return false
}

// column widths and titles
var listTitles = [...]string{"No.", "Time", "Source", "Destination", "Protocol", "Length", "Info"}

func (l *packetList) Draw(screen tcell.Screen) {
	// Every cell is painted below: the Box's own background fill would
	// only double the work of a redraw.
	x, y, width, height := l.GetInnerRect()
	if width <= 0 || height <= 0 {
		return
	}
	l.height = max(height-1, 1)
	l.sync()
	// Keep the cursor visible after a resize.
	if l.cur >= 0 && l.cur >= l.top+l.height {
		l.top = l.cur - l.height + 1
	}
	if n := l.rows.Len(); l.top > 0 && l.top+l.height > n {
		l.top = max(n-l.height, 0)
	}
	l.visible = l.visible[:0]
	l.styles = l.styles[:0]
	for k := l.top; k < l.rows.Len() && len(l.visible) < l.height; k++ {
		pkt := l.rows.At(k)
		var r decode.Row
		r, l.buf = l.cap.Row(pkt, l.ann.Label(pkt), l.buf)
		if l.names {
			p := l.cap.Packet(pkt)
			if n := l.cap.HostName(l.cap.Addr(p.Src).IP()); n != "" {
				r.Src = n
			}
			if n := l.cap.HostName(l.cap.Addr(p.Dst).IP()); n != "" {
				r.Dst = n
			}
		}
		r.Src, r.Dst, r.Protocol, r.Info = decode.Printable(r.Src), decode.Printable(r.Dst), decode.Printable(r.Protocol), decode.Printable(r.Info)
		l.visible = append(l.visible, r)
		style := l.theme.normal
		if rule := l.theme.rule(l.cap, l.ann, pkt, func() packetFacts {
			var f packetFacts
			f, l.buf = factsOf(l.cap, pkt, l.buf)
			return f
		}); rule != nil {
			style = l.theme.ruleStyle(rule)
		}
		if k == l.cur {
			style = l.theme.selected
		}
		l.styles = append(l.styles, style)
	}
	w := l.widths(width)
	// Header.
	fill(screen, x, y, width, l.theme.header)
	cx := x
	for _, c := range l.shown() {
		title := listTitles[c]
		if w[c] == 0 {
			continue
		}
		if c == 6 {
			title += l.hiddenNote(w)
		}
		if c == 0 || c == 5 {
			drawRight(screen, cx, y, w[c], title[:min(len(title), w[c])], l.theme.header)
		} else {
			drawText(screen, cx, y, w[c], 0, title, l.theme.header)
		}
		cx += w[c] + 1
	}
	for j, r := range l.visible {
		row := y + 1 + j
		st := l.styles[j]
		fill(screen, x, row, width, st)
		cx := x
		cells := [...]string{strconv.Itoa(r.Frame), r.Time, r.Src, r.Dst, r.Protocol, strconv.Itoa(r.Length), r.Info}
		for _, c := range l.shown() {
			text := cells[c]
			if w[c] == 0 {
				continue
			}
			switch c {
			case 0, 1, 5:
				drawRight(screen, cx, row, w[c], text, st)
			case 6:
				drawText(screen, cx, row, w[c], l.hscroll, text, st)
			default:
				drawText(screen, cx, row, w[c], 0, text, st)
			}
			cx += w[c] + 1
		}
	}
	for row := y + 1 + len(l.visible); row < y+height; row++ {
		fill(screen, x, row, width, l.theme.normal)
	}
	if len(l.visible) == 0 {
		msg := "no packets yet"
		if l.rows.Complete() {
			msg = "no packets match"
		}
		drawText(screen, x+1, y+1, width-1, 0, msg, l.theme.dim)
	}
}

// hiddenNote says which configured columns the width left out, for the
// Info column's title: a column must not vanish without a word.
func (l *packetList) hiddenNote(w [7]int) string {
	var gone []string
	for _, c := range l.shown() {
		if c != 6 && w[c] == 0 {
			gone = append(gone, listTitles[c])
		}
	}
	if len(gone) == 0 {
		return ""
	}
	return " (-" + strings.Join(gone, " -") + ")" // "Info (-Time -Length)" fits the narrowest Info
}

// shown lists the columns to draw, in order.
func (l *packetList) shown() []int {
	if l.columns == nil {
		return defaultColumns[:]
	}
	return l.columns
}

var defaultColumns = [...]int{0, 1, 2, 3, 4, 5, 6}

// widths sizes the columns from the visible rows; the Info column takes
// what is left. On a narrow terminal the Time and Length columns go first.
func (l *packetList) widths(width int) [7]int {
	var w [7]int
	w[0] = max(len(strconv.Itoa(l.cap.Len())), 3)
	w[1], w[2], w[3], w[4], w[5] = 4, 6, 11, 5, 6
	for _, r := range l.visible {
		w[1] = max(w[1], len(r.Time))
		w[2] = max(w[2], uniseg.StringWidth(r.Src))
		w[3] = max(w[3], uniseg.StringWidth(r.Dst))
		w[4] = max(w[4], uniseg.StringWidth(r.Protocol))
	}
	w[2], w[3], w[4] = min(w[2], 39), min(w[3], 39), min(w[4], 8)
	var shown [7]bool
	for _, c := range l.shown() {
		shown[c] = true
	}
	for c := range 6 {
		switch {
		case !shown[c]:
			w[c] = 0
		case l.fixed[c] > 0:
			w[c] = l.fixed[c]
		}
	}
	info := func() int {
		used := 0
		for c := range 6 {
			if w[c] > 0 {
				used += w[c] + 1
			}
		}
		return width - used
	}
	for _, drop := range []int{5, 1} { // keep Info readable: drop Length, then Time
		if info() >= 20 {
			break
		}
		w[drop] = 0
	}
	w[6] = max(info(), 0)
	return w
}

func (l *packetList) InputHandler() func(event *tcell.EventKey, setFocus func(p tview.Primitive)) {
	return l.WrapInputHandler(func(ev *tcell.EventKey, _ func(p tview.Primitive)) {
		switch ev.Key() {
		case tcell.KeyUp:
			l.move(-1)
		case tcell.KeyDown:
			l.move(1)
		case tcell.KeyPgUp, tcell.KeyCtrlB:
			l.page(-1)
		case tcell.KeyPgDn, tcell.KeyCtrlF:
			l.page(1)
		case tcell.KeyHome:
			l.first()
		case tcell.KeyEnd:
			l.last()
		case tcell.KeyLeft:
			l.hscroll = max(l.hscroll-8, 0)
		case tcell.KeyRight:
			l.hscroll += 8
		case tcell.KeyRune:
			switch ev.Rune() {
			case 'j':
				l.move(1)
			case 'k':
				l.move(-1)
			}
		}
	})
}

func (l *packetList) MouseHandler() func(action tview.MouseAction, event *tcell.EventMouse, setFocus func(p tview.Primitive)) (bool, tview.Primitive) {
	return l.WrapMouseHandler(func(action tview.MouseAction, event *tcell.EventMouse, setFocus func(p tview.Primitive)) (bool, tview.Primitive) {
		x, y := event.Position()
		if !l.InRect(x, y) {
			return false, nil
		}
		switch action {
		case tview.MouseLeftClick:
			setFocus(l)
			_, top, _, _ := l.GetInnerRect()
			if row := y - top - 1; row >= 0 {
				l.select_(l.top + row)
			}
			return true, nil
		case tview.MouseScrollUp:
			l.move(-3)
			return true, nil
		case tview.MouseScrollDown:
			l.move(3)
			return true, nil
		}
		return false, nil
	})
}
