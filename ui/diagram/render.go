package diagram

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/ladder-dev/ladder/decode"
)

// Style says how a span of a line should look; the TUI maps it to colours.
type Style uint8

const (
	StylePlain   Style = iota
	StyleHeader        // endpoint names
	StyleArrow         // an ordinary arrow and its label
	StyleReset         // a RST arrow and its label
	StyleFlagged       // an arrow with analysis labels (retransmission, dup ACK...)
	StyleFold          // a folded idle gap
	StyleTime          // the time margin
)

// Span styles runes [Start, End) of a line.
type Span struct {
	Start, End int
	Style      Style
}

// Line is one rendered row: plain text plus style spans.
type Line struct {
	Text  string
	Spans []Span
	Arrow int // arrow whose capture row this is, or -1
}

// Geometry of a rendered diagram, in columns.
type Geometry struct {
	Width   int // total width
	Margin  int // time margin
	Client  int // x of the client's column
	Server  int // x of the server's column
	LabelAt int // x where labels start
}

// GeometryFor spreads a diagram over width columns: a time margin, the two
// columns with room for slanted arrows between them, and labels after.
func GeometryFor(width int) Geometry {
	width = max(width, 40)
	g := Geometry{Width: width, Margin: 10}
	inner := min(max(width/4, 10), 30)
	g.Client = g.Margin + 1
	g.Server = g.Client + inner + 1
	g.LabelAt = g.Server + 2
	return g
}

// Header renders the lines above the diagram: who is who, how the arrows
// were placed, and the column titles.
func (l *Layout) Header(g Geometry) []Line {
	who := fmt.Sprintf("client %s  <->  server %s", decode.Printable(l.ClientName), decode.Printable(l.ServerName))
	if l.Name != "" {
		who += " (" + decode.Printable(l.Name) + ")"
	}
	cols := pad("time", g.Margin) + " client" + pad("", max(g.Server-g.Client-12, 1)) + "server  packet"
	hdr := func(s string) Line {
		s = clip(s, g.Width)
		return Line{Text: s, Spans: []Span{{0, utf8.RuneCountInString(s), StyleHeader}}, Arrow: -1}
	}
	out := []Line{hdr(who)}
	for _, s := range strings.Split(delayText(l), "\n") { // two lines for two captures
		out = append(out, hdr(s))
	}
	return append(out, hdr(cols))
}

func delayText(l *Layout) string {
	if l.Vantage != "" {
		return l.Vantage
	}
	if l.Level {
		return "arrows drawn level at their capture time, like Wireshark's flow graph"
	}
	if l.Delay == 0 {
		return "arrows drawn level: no handshake to estimate the one-way delay from"
	}
	side := "server"
	if l.NearClient {
		side = "client"
	}
	return fmt.Sprintf("one-way delay ~%.1f ms (from the handshake); capture point near the %s", float64(l.Delay)/1e6, side)
}

// Render renders rows [from, to) of the diagram.
func (l *Layout) Render(g Geometry, from, to int) []Line {
	from, to = max(from, 0), min(to, len(l.Rows))
	if from >= to {
		return nil
	}
	// Arrows drawn on rows [from, to): those whose span overlaps it. Rows
	// are in time order, so a scan is cheap enough for visible windows.
	var live []int
	for k := range l.Arrows {
		a := &l.Arrows[k]
		if a.SendRow < to && a.ArriveRw >= from {
			live = append(live, k)
		}
	}
	out := make([]Line, 0, to-from)
	cells := make([]rune, g.Width)
	styles := make([]Style, g.Width)
	for r := from; r < to; r++ {
		row := l.Rows[r]
		for i := range cells {
			cells[i], styles[i] = ' ', StylePlain
		}
		line := Line{Arrow: row.Arrow}
		if row.Kind == RowFold {
			text := fmt.Sprintf("%s ~~ %s idle ~~", pad("", g.Client-1), seconds(row.Gap))
			line.Text = clip(text, g.Width)
			line.Spans = []Span{{0, utf8.RuneCountInString(line.Text), StyleFold}}
			out = append(out, line)
			continue
		}
		cells[g.Client], cells[g.Server] = '|', '|'
		for _, k := range live {
			l.drawArrow(cells, styles, g, k, r)
		}
		if row.Arrow >= 0 {
			a := &l.Arrows[row.Arrow]
			t := []rune(fmt.Sprintf("%9s", seconds(a.Seen-l.Start)))
			for i := 0; i < len(t) && i < g.Margin; i++ {
				cells[i], styles[i] = t[i], StyleTime
			}
			lab := []rune(decode.Printable(l.Label(row.Arrow)))
			st := arrowStyle(a)
			for i := 0; i < len(lab) && g.LabelAt+i < g.Width; i++ {
				cells[g.LabelAt+i], styles[g.LabelAt+i] = lab[i], st
			}
		}
		line.Text, line.Spans = flatten(cells, styles)
		out = append(out, line)
	}
	return out
}

func arrowStyle(a *Arrow) Style {
	switch {
	case a.Reset:
		return StyleReset
	case a.Flagged, a.Path != PathNone:
		return StyleFlagged
	}
	return StyleArrow
}

// drawArrow draws arrow k's cell on row r, if it passes there.
func (l *Layout) drawArrow(cells []rune, styles []Style, g Geometry, k, r int) {
	a := &l.Arrows[k]
	if r < a.SendRow || r > a.ArriveRw {
		return
	}
	left, right := g.Client+1, g.Server-1
	// A packet lost between the two capture points is drawn from its
	// sender to the middle; one the middle sent (not sent by its claimed
	// sender, or a copy the path made), from the middle on.
	mid := (left + right) / 2
	switch {
	case a.Path == PathLost && a.From == Client, a.Path.fromMiddle() && a.From == Server:
		right = mid
	case a.Path == PathLost, a.Path.fromMiddle():
		left = mid
	}
	st := arrowStyle(a)
	put := func(x int, c rune) {
		if x < left || x > right {
			return
		}
		if cells[x] != ' ' && cells[x] != c && cells[x] != '-' {
			c = 'X' // two arrows meet: they crossed in flight
		}
		cells[x], styles[x] = c, st
	}
	if a.SendRow == a.ArriveRw { // level arrow
		for x := left; x <= right; x++ {
			put(x, '-')
		}
		if a.From == Client {
			put(right, '>')
		} else {
			put(left, '<')
		}
		if a.Path.fromMiddle() {
			put(mid, '*')
		}
		return
	}
	span := a.ArriveRw - a.SendRow
	step := r - a.SendRow
	x := left + (step*(right-left)+span/2)/span
	c := '\\'
	if a.From == Server {
		x = right - (x - left)
		c = '/'
	}
	switch {
	case r == a.ArriveRw && a.Path == PathLost:
		c = 'x'
	case r == a.ArriveRw && a.From == Client:
		c = '>'
	case r == a.ArriveRw:
		c = '<'
	case r == a.SendRow && a.Path.fromMiddle():
		c = '*'
	}
	put(x, c)
}

// flatten turns cells into text and merged spans, trimming trailing blanks.
func flatten(cells []rune, styles []Style) (string, []Span) {
	n := len(cells)
	for n > 0 && cells[n-1] == ' ' {
		n--
	}
	var spans []Span
	for i := 0; i < n; i++ {
		if styles[i] == StylePlain {
			continue
		}
		if len(spans) > 0 && spans[len(spans)-1].End == i && spans[len(spans)-1].Style == styles[i] {
			spans[len(spans)-1].End++
			continue
		}
		spans = append(spans, Span{i, i + 1, styles[i]})
	}
	return string(cells[:n]), spans
}

// Text renders the whole diagram as plain text lines.
func (l *Layout) Text(width int) string { return l.TextIn(GeometryFor(width)) }

// LabelWidth is the width of the longest arrow label, in runes: with
// Geometry.Width at least LabelAt plus this, no label is cut.
func (l *Layout) LabelWidth() int {
	w := 0
	for k := range l.Arrows {
		w = max(w, utf8.RuneCountInString(decode.Printable(l.Label(k))))
	}
	return w
}

// TextIn renders the whole diagram as plain text lines in geometry g.
func (l *Layout) TextIn(g Geometry) string {
	var b strings.Builder
	for _, ln := range l.Header(g) {
		b.WriteString(strings.TrimRight(ln.Text, " "))
		b.WriteByte('\n')
	}
	for _, ln := range l.Render(g, 0, len(l.Rows)) {
		b.WriteString(ln.Text)
		b.WriteByte('\n')
	}
	return b.String()
}

func seconds(ns int64) string {
	return fmt.Sprintf("%.6f", float64(ns)/1e9)
}

func pad(s string, n int) string {
	if c := utf8.RuneCountInString(s); c < n {
		return s + strings.Repeat(" ", n-c)
	}
	return s
}

func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}
