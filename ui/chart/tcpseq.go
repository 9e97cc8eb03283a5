package chart

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/ladder-dev/ladder/analysis/stats"
)

// TimeSequence draws the Stevens graph of one TCP direction: relative
// sequence number (up) against time since the flow's first packet
// (right). Each segment is a vertical stroke from its first to its last
// sequence number; the ACK line and the window line (ACK plus advertised
// window) from the other side are steps. Retransmitted segments are
// marked "x" and resets "R" at their sequence number, in both braille and
// ASCII, so they show without colour too. A legend closes the chart.
func TimeSequence(ts *stats.TimeSequence, o Options) []Line {
	o = o.norm()
	top := max(ts.MaxSeq(), 1)
	topLabel := strconv.FormatUint(uint64(top), 10)
	margin := len(topLabel) + 1
	c := newCanvas(o.Width-margin, o.Height, o.ASCII)
	dur := max(ts.Duration, 1)
	xOf := func(t int64) int { return int(float64(t) / float64(dur) * float64(c.width()-1)) }
	yOf := func(seq uint32) int { return int(float64(seq) / float64(top) * float64(c.height()-1)) }

	// Lines first, so segments and marks draw over them.
	for k, a := range ts.Acks {
		x := xOf(a.Time)
		nx := c.width() - 1
		if k+1 < len(ts.Acks) {
			nx = xOf(ts.Acks[k+1].Time)
		}
		c.hline(x, nx, yOf(a.Window), StyleWindow)
		c.hline(x, nx, yOf(a.Ack), StyleAck)
		if k+1 < len(ts.Acks) {
			c.vline(nx, yOf(a.Ack), yOf(ts.Acks[k+1].Ack), StyleAck)
			c.vline(nx, yOf(a.Window), yOf(ts.Acks[k+1].Window), StyleWindow)
		}
	}
	retrans, resetMark := 'x', 'R'
	if !o.ASCII {
		retrans = '×'
	}
	for _, s := range ts.Segments {
		x := xOf(s.Time)
		switch s.Kind {
		case stats.SegReset:
			c.markAt(x, yOf(s.Seq), resetMark, StyleReset)
		case stats.SegRetransmit:
			c.vline(x, yOf(s.Seq), yOf(s.End), StyleRetransmit)
			c.markAt(x, yOf(s.End), retrans, StyleRetransmit)
		default:
			c.vline(x, yOf(s.Seq), yOf(s.End), StyleSeq)
		}
	}
	for _, a := range ts.Acks {
		if a.Reset {
			c.markAt(xOf(a.Time), yOf(a.Ack), resetMark, StyleReset)
		}
	}

	dir := "client → server"
	if ts.Dir == 1 {
		dir = "server → client"
	}
	if o.ASCII {
		dir = strings.ReplaceAll(dir, "→", "->")
	}
	lines := []Line{text(fmt.Sprintf("tcp.stream %d, %s: relative sequence number against time", ts.Stream, dir), StyleAxis)}
	axis := "│"
	corner, dash := "└", "─"
	if o.ASCII {
		axis, corner, dash = "|", "+", "-"
	}
	for r := range o.Height {
		var lb lineBuilder
		lb.add(yLabel(r, o.Height, margin, topLabel), StyleAxis)
		lb.add(axis, StyleAxis)
		c.row(r, &lb)
		lines = append(lines, lb.line())
	}
	lines = append(lines, text(strings.Repeat(" ", margin-1)+corner+strings.Repeat(dash, c.cols), StyleAxis))
	end := seconds(ts.Duration)
	gap := max(c.cols-len("0s")-len(end), 1)
	lines = append(lines, text(strings.Repeat(" ", margin)+"0s"+strings.Repeat(" ", gap)+end, StyleAxis))
	lines = append(lines, legend(o.ASCII, retrans, resetMark))
	return lines
}

func legend(ascii bool, retrans, reset rune) Line {
	seq, ack, win := "⡇", "⠒", "⠤"
	if ascii {
		seq, ack, win = "|", ".", "-"
	}
	var lb lineBuilder
	lb.add(seq, StyleSeq)
	lb.add(" segment  ", StylePlain)
	lb.add(string(retrans), StyleRetransmit)
	lb.add(" retransmission  ", StylePlain)
	lb.add(string(reset), StyleReset)
	lb.add(" reset  ", StylePlain)
	lb.add(ack, StyleAck)
	lb.add(" ACK  ", StylePlain)
	lb.add(win, StyleWindow)
	lb.add(" window", StylePlain)
	return lb.line()
}
