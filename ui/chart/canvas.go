package chart

// canvas is a grid of cells addressed in dots: 2x4 dots per cell in
// braille, one dot per cell in ASCII. Dot (0,0) is the bottom left.
type canvas struct {
	cols, rows int
	dx, dy     int // dots per cell
	ascii      bool
	dots       []uint8
	style      []Style
	mark       []rune // a character drawn instead of the dots, 0 for none
}

func newCanvas(cols, rows int, ascii bool) *canvas {
	c := &canvas{cols: cols, rows: rows, dx: 2, dy: 4, ascii: ascii}
	if ascii {
		c.dx, c.dy = 1, 1
	}
	n := cols * rows
	c.dots, c.style, c.mark = make([]uint8, n), make([]Style, n), make([]rune, n)
	return c
}

// width and height in dots.
func (c *canvas) width() int  { return c.cols * c.dx }
func (c *canvas) height() int { return c.rows * c.dy }

// brailleBit is the dot bit for column x%2 and row-from-top y%4 (Unicode
// braille patterns, U+2800 plus the bits).
var brailleBit = [4][2]uint8{{0x01, 0x08}, {0x02, 0x10}, {0x04, 0x20}, {0x40, 0x80}}

func (c *canvas) cell(x, y int) int {
	col, row := x/c.dx, c.rows-1-y/c.dy
	return row*c.cols + col
}

// dot sets dot (x, y) with style st; off-canvas dots are ignored.
func (c *canvas) dot(x, y int, st Style) {
	if x < 0 || y < 0 || x >= c.width() || y >= c.height() {
		return
	}
	k := c.cell(x, y)
	if c.ascii {
		c.dots[k] = 1
	} else {
		c.dots[k] |= brailleBit[c.dy-1-y%c.dy][x%c.dx]
	}
	c.style[k] = max(c.style[k], st)
}

// vline sets the dots from y0 to y1 inclusive in column x.
func (c *canvas) vline(x, y0, y1 int, st Style) {
	if y0 > y1 {
		y0, y1 = y1, y0
	}
	for y := max(y0, 0); y <= min(y1, c.height()-1); y++ {
		c.dot(x, y, st)
	}
}

// hline sets the dots from x0 to x1 inclusive in row y.
func (c *canvas) hline(x0, x1, y int, st Style) {
	if x0 > x1 {
		x0, x1 = x1, x0
	}
	for x := max(x0, 0); x <= min(x1, c.width()-1); x++ {
		c.dot(x, y, st)
	}
}

// markAt draws r in the cell holding dot (x, y) when st outranks what is
// there; marks name what colour alone cannot (resets, retransmissions).
func (c *canvas) markAt(x, y int, r rune, st Style) {
	if x < 0 || y < 0 || x >= c.width() || y >= c.height() {
		return
	}
	k := c.cell(x, y)
	if c.mark[k] == 0 || st >= c.style[k] {
		c.mark[k], c.style[k] = r, max(c.style[k], st)
	}
}

// asciiRune is the ASCII character for a cell with dots of style st.
func asciiRune(st Style) rune {
	switch st {
	case StyleWindow:
		return '-'
	case StyleAck:
		return '.'
	case StyleRetransmit:
		return 'x'
	case StyleReset:
		return 'R'
	case StyleNote:
		return '!'
	}
	return '|'
}

// row renders canvas row r into lb.
func (c *canvas) row(r int, lb *lineBuilder) {
	for col := range c.cols {
		k := r*c.cols + col
		switch {
		case c.mark[k] != 0:
			lb.add(string(c.mark[k]), c.style[k])
		case c.dots[k] == 0:
			lb.add(" ", StylePlain)
		case c.ascii:
			lb.add(string(asciiRune(c.style[k])), c.style[k])
		default:
			lb.add(string(rune(0x2800+int(c.dots[k]))), c.style[k])
		}
	}
}
