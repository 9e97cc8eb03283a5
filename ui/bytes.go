package ui

import (
	"fmt"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"
)

// bytesView is the hex and ASCII dump of the selected packet, with the
// bytes of the field selected in the details tree highlighted. Only
// printable ASCII reaches the screen; every other byte shows as '.'.
type bytesView struct {
	*tview.Box
	theme     *theme
	data      []byte
	markStart int
	markLen   int
	top       int // first line shown
	height    int
}

func newBytesView(th *theme) *bytesView {
	return &bytesView{Box: tview.NewBox(), theme: th, height: 1}
}

// show sets the packet bytes (the view keeps its own copy).
func (b *bytesView) show(data []byte) {
	b.data = append(b.data[:0], data...)
	b.markStart, b.markLen, b.top = 0, 0, 0
}

// mark highlights n bytes from start and scrolls them into view.
func (b *bytesView) mark(start, n int) {
	b.markStart, b.markLen = start, n
	if n <= 0 {
		return
	}
	per := b.perLine(0)
	first, last := start/per, (start+n-1)/per
	if first < b.top || last >= b.top+b.height {
		b.top = max(first, 0)
	}
}

// perLine is 16 bytes per line when the dump fits, else 8.
func (b *bytesView) perLine(width int) int {
	if width == 0 {
		_, _, width, _ = b.GetInnerRect()
	}
	if width > 0 && width < 6+16*3+1+16 {
		return 8
	}
	return 16
}

func (b *bytesView) Draw(screen tcell.Screen) {
	b.Box.DrawForSubclass(screen, b)
	x, y, width, height := b.GetInnerRect()
	if width <= 0 || height <= 0 {
		return
	}
	b.height = height
	per := b.perLine(width)
	lines := (len(b.data) + per - 1) / per
	b.top = min(b.top, max(lines-height, 0))
	offW := 4
	if len(b.data) > 0xffff {
		offW = 8
	}
	for row := 0; row < height && b.top+row < lines; row++ {
		off := (b.top + row) * per
		cy := y + row
		drawText(screen, x, cy, width, 0, fmt.Sprintf("%0*x", offW, off), b.theme.dim)
		hexX := x + offW + 2
		asciiX := hexX + per*3 + 1
		for i := 0; i < per && off+i < len(b.data); i++ {
			c := b.data[off+i]
			st := b.theme.normal
			if b.markLen > 0 && off+i >= b.markStart && off+i < b.markStart+b.markLen {
				st = b.theme.mark
			}
			hx := hexX + i*3
			if i >= 8 {
				hx++ // a gap between the two halves, as in Wireshark
			}
			if hx+2 <= x+width {
				screen.Put(hx, cy, hexDigits[c>>4:c>>4+1], st)
				screen.Put(hx+1, cy, hexDigits[c&15:c&15+1], st)
			}
			if ax := asciiX + i; ax < x+width {
				screen.Put(ax, cy, asciiCell(c), st)
			}
		}
	}
}

func (b *bytesView) InputHandler() func(event *tcell.EventKey, setFocus func(p tview.Primitive)) {
	return b.WrapInputHandler(func(ev *tcell.EventKey, _ func(p tview.Primitive)) {
		switch {
		case ev.Key() == tcell.KeyUp || ev.Key() == tcell.KeyRune && ev.Rune() == 'k':
			b.top = max(b.top-1, 0)
		case ev.Key() == tcell.KeyDown || ev.Key() == tcell.KeyRune && ev.Rune() == 'j':
			b.top++
		case ev.Key() == tcell.KeyPgUp || ev.Key() == tcell.KeyCtrlB:
			b.top = max(b.top-b.height, 0)
		case ev.Key() == tcell.KeyPgDn || ev.Key() == tcell.KeyCtrlF:
			b.top += b.height
		case ev.Key() == tcell.KeyHome:
			b.top = 0
		case ev.Key() == tcell.KeyEnd:
			b.top = len(b.data)
		}
	})
}
