package ui

import (
	"github.com/gdamore/tcell/v2"
	"github.com/rivo/uniseg"
)

// drawText prints s at (x, y) in at most width cells, skipping the first
// skip cells (horizontal scrolling), and returns the cells used. It writes
// cells directly, so s is never parsed for tview's colour or region tags;
// callers pass packet-derived text through decode.Printable first.
func drawText(s tcell.Screen, x, y, width, skip int, text string, style tcell.Style) int {
	used := 0
	state := -1
	for text != "" && used < width {
		var cluster string
		var w int
		if text[0] < 0x80 && (len(text) == 1 || text[1] < 0x80) {
			// ASCII not followed by a combining mark: one cell, no segmentation.
			cluster, text, w, state = text[:1], text[1:], 1, -1
		} else {
			cluster, text, w, state = uniseg.FirstGraphemeClusterInString(text, state)
		}
		if w == 0 {
			continue
		}
		if skip > 0 {
			skip -= w
			continue
		}
		if used+w > width {
			break
		}
		s.Put(x+used, y, cluster, style) // Put takes the cluster as is: no allocation
		used += w
	}
	return used
}

// fill paints width cells at (x, y) with spaces in style.
func fill(s tcell.Screen, x, y, width int, style tcell.Style) {
	for i := range width {
		s.Put(x+i, y, " ", style)
	}
}

// drawRight prints text right-aligned in a field of width cells.
func drawRight(s tcell.Screen, x, y, width int, text string, style tcell.Style) {
	w := uniseg.StringWidth(text)
	if w > width {
		drawText(s, x, y, width, 0, text, style)
		return
	}
	drawText(s, x+width-w, y, w, 0, text, style)
}

// hexDigits and printableASCII give one-character strings by slicing, so
// the hex view writes cells without allocating.
const (
	hexDigits      = "0123456789abcdef"
	printableASCII = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~"
)

// asciiCell is the ASCII column's text for byte c: itself when printable
// ASCII, '.' for everything else.
func asciiCell(c byte) string {
	if c >= 0x20 && c < 0x7f {
		return printableASCII[c-0x20 : c-0x20+1]
	}
	return "."
}
