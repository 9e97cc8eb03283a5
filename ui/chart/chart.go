// Package chart draws statistics as text: the I/O graph as bars of Unicode
// blocks or a braille line, and the TCP time-sequence (Stevens) graph in
// braille, each with a plain-ASCII fallback for terminals without them.
// It returns lines of text with style spans, like ui/diagram, so the TUI
// colours them and the CLI prints them as they are; it knows nothing of
// tview.
package chart

import (
	"strings"
	"unicode/utf8"
)

// Style says how a span should look; the TUI maps it to colours.
type Style uint8

// Styles in increasing priority: when several things fall in one cell the
// highest wins.
const (
	StylePlain      Style = iota
	StyleAxis             // axes, ticks and their labels
	StyleWindow           // the receive-window line
	StyleAck              // the ACK line
	StyleBar              // I/O bars or line
	StyleSeq              // segments sent
	StyleNote             // an expert-note mark
	StyleRetransmit       // a retransmitted segment
	StyleReset            // a RST
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
}

// Options shape a chart.
type Options struct {
	Width  int  // total columns, labels included (at least 20)
	Height int  // rows of the plot area (at least 3)
	ASCII  bool // only printable ASCII: no block elements, no braille
}

func (o Options) norm() Options {
	o.Width = max(o.Width, 20)
	o.Height = max(o.Height, 3)
	return o
}

// lineBuilder accumulates runes and merges equal adjacent styles.
type lineBuilder struct {
	b     strings.Builder
	n     int
	spans []Span
}

func (lb *lineBuilder) add(s string, st Style) {
	k := utf8.RuneCountInString(s)
	if k == 0 {
		return
	}
	lb.b.WriteString(s)
	if st != StylePlain {
		if l := len(lb.spans); l > 0 && lb.spans[l-1].End == lb.n && lb.spans[l-1].Style == st {
			lb.spans[l-1].End += k
		} else {
			lb.spans = append(lb.spans, Span{lb.n, lb.n + k, st})
		}
	}
	lb.n += k
}

func (lb *lineBuilder) line() Line { return Line{Text: lb.b.String(), Spans: lb.spans} }

// text makes a line of one style.
func text(s string, st Style) Line {
	var lb lineBuilder
	lb.add(s, st)
	return lb.line()
}

// String joins rendered lines with newlines, for printing.
func String(lines []Line) string {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(strings.TrimRight(l.Text, " "))
		b.WriteByte('\n')
	}
	return b.String()
}

func padLeft(s string, n int) string {
	if k := utf8.RuneCountInString(s); k < n {
		return strings.Repeat(" ", n-k) + s
	}
	return s
}
