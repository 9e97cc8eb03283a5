package chart

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/ladder-dev/ladder/analysis/stats"
)

// Metric selects what an I/O chart plots.
type Metric uint8

const (
	Packets Metric = iota // packets per second
	Bytes                 // bytes per second
)

// Shape selects bars (block elements) or a line (braille).
type Shape uint8

const (
	Bars Shape = iota
	Curve
)

// eighths are the block elements from one eighth to a full cell.
var eighths = []rune("▁▂▃▄▅▆▇█")

// IO draws an I/O series as a rate per second: a title, the plot with a
// y axis labelled with its maximum, the time axis, a marks row ("R" under
// intervals with a TCP reset, "!" under intervals with expert notes), and
// time labels. When the series has more intervals than columns, adjacent
// intervals are merged and their rate averaged.
func IO(s stats.Series, m Metric, shape Shape, o Options) []Line {
	o = o.norm()
	rates, marks, span := columns(s, m, o)
	top := 0.0
	for _, v := range rates {
		top = max(top, v)
	}
	unit := "packets/s"
	if m == Bytes {
		unit = "bytes/s"
	}
	maxLabel := compact(top)
	margin := max(len(maxLabel), 1) + 1
	cols := len(rates)
	lines := []Line{text(fmt.Sprintf("%s, one column = %s, peak %s", unit, seconds(span), maxLabel), StyleAxis)}
	var plot []Line
	if shape == Curve {
		plot = curve(rates, top, o, margin, maxLabel)
	} else {
		plot = bars(rates, top, o, margin, maxLabel)
	}
	lines = append(lines, plot...)
	corner, dash := "└", "─"
	if o.ASCII {
		corner, dash = "+", "-"
	}
	lines = append(lines, text(strings.Repeat(" ", margin-1)+corner+strings.Repeat(dash, cols), StyleAxis))
	var lb lineBuilder
	lb.add(strings.Repeat(" ", margin), StylePlain)
	for _, mk := range marks {
		switch mk {
		case 'R':
			lb.add("R", StyleReset)
		case '!':
			lb.add("!", StyleNote)
		default:
			lb.add(" ", StylePlain)
		}
	}
	lines = append(lines, lb.line())
	end := seconds(span * int64(cols))
	gap := max(cols-len("0s")-len(end), 1)
	lines = append(lines, text(strings.Repeat(" ", margin)+"0s"+strings.Repeat(" ", gap)+end, StyleAxis))
	return lines
}

// columns merges intervals into at most the plot's columns and returns the
// rate of each, its mark, and the time one column spans (ns).
func columns(s stats.Series, m Metric, o Options) ([]float64, []byte, int64) {
	n := len(s.Buckets)
	maxCols := o.Width - 8
	group := 1
	if n > maxCols {
		group = (n + maxCols - 1) / maxCols
	}
	cols := (n + group - 1) / group
	rates := make([]float64, cols)
	marks := make([]byte, cols)
	span := s.Interval * int64(group)
	for k, b := range s.Buckets {
		c := k / group
		v := float64(b.Frames)
		if m == Bytes {
			v = float64(b.Bytes)
		}
		rates[c] += v
		switch {
		case b.Resets > 0:
			marks[c] = 'R'
		case b.Notes > 0 && marks[c] == 0:
			marks[c] = '!'
		}
	}
	for c := range rates {
		rates[c] /= float64(span) / 1e9
	}
	return rates, marks, span
}

// yLabel is the axis label of plot row r (0 at the top).
func yLabel(r, rows, margin int, maxLabel string) string {
	switch r {
	case 0:
		return padLeft(maxLabel, margin-1)
	case rows - 1:
		return padLeft("0", margin-1)
	}
	return strings.Repeat(" ", margin-1)
}

func bars(rates []float64, top float64, o Options, margin int, maxLabel string) []Line {
	axis := "│"
	if o.ASCII {
		axis = "|"
	}
	out := make([]Line, 0, o.Height)
	for r := range o.Height {
		var lb lineBuilder
		lb.add(yLabel(r, o.Height, margin, maxLabel), StyleAxis)
		lb.add(axis, StyleAxis)
		level := o.Height - 1 - r
		for _, v := range rates {
			units := 0
			if top > 0 {
				units = int(v/top*float64(o.Height*8) + 0.5)
			}
			fill := min(max(units-level*8, 0), 8)
			switch {
			case fill == 0 || (o.ASCII && fill < 4):
				lb.add(" ", StylePlain)
			case o.ASCII:
				lb.add("#", StyleBar)
			default:
				lb.add(string(eighths[fill-1]), StyleBar)
			}
		}
		out = append(out, lb.line())
	}
	return out
}

func curve(rates []float64, top float64, o Options, margin int, maxLabel string) []Line {
	c := newCanvas(len(rates), o.Height, o.ASCII)
	prev := -1
	for x := range c.width() {
		v := rates[x/c.dx]
		y := 0
		if top > 0 {
			y = int(v/top*float64(c.height()-1) + 0.5)
		}
		if prev >= 0 {
			c.vline(x, prev, y, StyleBar)
		}
		c.dot(x, y, StyleBar)
		prev = y
	}
	axis := "│"
	if o.ASCII {
		axis = "|"
	}
	out := make([]Line, 0, o.Height)
	for r := range o.Height {
		var lb lineBuilder
		lb.add(yLabel(r, o.Height, margin, maxLabel), StyleAxis)
		lb.add(axis, StyleAxis)
		c.row(r, &lb)
		out = append(out, lb.line())
	}
	return out
}

// compact formats a rate in at most about six characters (12.3k, 4.5M).
func compact(v float64) string {
	switch {
	case v >= 1e9:
		return strconv.FormatFloat(v/1e9, 'f', 1, 64) + "G"
	case v >= 1e6:
		return strconv.FormatFloat(v/1e6, 'f', 1, 64) + "M"
	case v >= 1e4:
		return strconv.FormatFloat(v/1e3, 'f', 1, 64) + "k"
	case v >= 100 || v == float64(int64(v)):
		return strconv.FormatInt(int64(v+0.5), 10)
	}
	return strconv.FormatFloat(v, 'f', 1, 64)
}

// seconds formats a duration in ns briefly and in ASCII ("250us",
// "1.5ms", "4.134s", "2m0s").
func seconds(ns int64) string {
	short := func(v float64) string {
		s := strconv.FormatFloat(v, 'f', 3, 64)
		return strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	switch {
	case ns < 1e6:
		return short(float64(ns)/1e3) + "us"
	case ns < 1e9:
		return short(float64(ns)/1e6) + "ms"
	case ns < 60e9:
		return short(float64(ns)/1e9) + "s"
	}
	return fmt.Sprintf("%dm%ds", ns/60e9, ns%60e9/1e9)
}
