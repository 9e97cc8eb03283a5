package main

// Two captures of the same traffic, taken at two points of its path
// (analysis/vantage): explain, flows and ladder take a second file.

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/ladder-dev/ladder/analysis"
	"github.com/ladder-dev/ladder/analysis/vantage"
	"github.com/ladder-dev/ladder/decode"
	"github.com/ladder-dev/ladder/ui/diagram"
)

// captureArgs parses args for a command that reads one capture or two
// captures of the same traffic. It returns the file names, or nil and the
// exit code the command should return (0 for --help).
func captureArgs(fs *flag.FlagSet, args []string, stderr io.Writer, need string, ok func() bool) ([]string, int) {
	pos, err := parseArgs(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		return nil, exitOK
	}
	if err != nil {
		return nil, exitUsage
	}
	if len(pos) < 1 || len(pos) > 2 || (ok != nil && !ok()) {
		fmt.Fprintf(stderr, "ladder %s: %s\n", fs.Name(), need)
		return nil, exitUsage
	}
	return pos, exitOK
}

// openPair indexes two captures and lines them up. A load error of either
// is returned with the pair (check both indexes' Err).
func openPair(names []string) (*vantage.Pair, error) {
	var caps [2]vantage.Capture
	for k, n := range names {
		idx, err := openIndex(n)
		if err != nil {
			return nil, err
		}
		caps[k] = vantage.Capture{Name: n, Idx: idx}
	}
	return vantage.Align(caps[0], caps[1]), nil
}

// pairErr is the first load error of either capture.
func pairErr(p *vantage.Pair) error {
	return errors.Join(p.Cap[0].Idx.Err(), p.Cap[1].Idx.Err())
}

// writePairSummary prints how the two captures line up: which is nearer
// which end, the clock offset and its bound, the delay between the points,
// how many connections were paired, and every segment lost between the
// points or not sent by its claimed sender.
func writePairSummary(w io.Writer, p *vantage.Pair) {
	a, b := decode.Printable(p.Cap[0].Name), decode.Printable(p.Cap[1].Name)
	c := p.Clock
	switch {
	case c.NearClient >= 0:
		near := [2]string{"server", "server"}
		near[c.NearClient] = "client"
		fmt.Fprintf(w, "%s is nearer the %s, %s nearer the %s.\n", a, near[0], b, near[1])
		fmt.Fprintf(w, "%s's clock reads %+.6f s against %s's%s (± %.3f ms); %.3f ms one-way between the points (from %d+%d segments seen at both; the two ways are taken as equal).\n",
			b, float64(c.Offset)/1e9, a, vantage.DriftText(c), float64(c.Bound)/1e6, float64(c.Delay)/1e6, c.Samples[0], c.Samples[1])
	default:
		fmt.Fprintf(w, "%s and %s: too few segments seen at both points in both directions to tell which is nearer which end or how their clocks differ.\n", a, b)
	}
	var paired, only [2][2]int // [TCP, UDP]
	for _, cn := range p.Conns {
		u := 0
		if cn.UDP {
			u = 1
		}
		switch {
		case cn.Paired():
			paired[u][0]++
			if cn.NAT {
				paired[u][1]++
			}
		case cn.Flow[0] >= 0:
			only[u][0]++
		default:
			only[u][1]++
		}
	}
	fmt.Fprintf(w, "TCP connections: %d seen in both (%d through address translation), %d only in %s, %d only in %s.\n",
		paired[0][0], paired[0][1], only[0][0], a, only[0][1], b)
	if paired[1][0]+only[1][0]+only[1][1] > 0 {
		fmt.Fprintf(w, "UDP conversations: %d seen in both (%d through address translation), %d only in %s, %d only in %s.\n",
			paired[1][0], paired[1][1], only[1][0], a, only[1][1], b)
	}
	for _, l := range p.Losses() {
		fmt.Fprintf(w, "stream %d: %s\n", l.Stream, lossText(p, l))
	}
}

// lossText is one line about a segment one point saw and the other did
// not.
func lossText(p *vantage.Pair, l vantage.Loss) string {
	from, to := "client", "server"
	if l.Dir == 1 {
		from, to = to, from
	}
	seg := fmt.Sprintf("Seq=%d", l.Seq)
	if l.End != l.Seq {
		seg = fmt.Sprintf("Seq=%d-%d (%d bytes)", l.Seq, l.End, l.End-l.Seq)
	}
	flags := flagNames(l.Flags)
	if l.UDP {
		flags, seg = "[UDP]", fmt.Sprintf("datagram of %d bytes", l.End)
	}
	at := fmt.Sprintf("frame %d of %s", l.At.Frame, decode.Printable(l.At.File))
	other := decode.Printable(p.Cap[1-l.At.Capture].Name)
	if l.Fate == vantage.LostBefore {
		s := fmt.Sprintf("%s→%s %s, before %s, was lost before the first point: neither capture saw it, both saw what the %s sent after it", from, to, seg, at, from)
		if l.Again.Frame != 0 {
			s += fmt.Sprintf("; its retransmission got through (frame %d of %s)", l.Again.Frame, decode.Printable(l.Again.File))
		}
		return s + "."
	}
	again := "its retransmission got through"
	if l.UDP {
		again = "the same datagram sent again got through"
	}
	if l.Fate == vantage.NotSent {
		return fmt.Sprintf("%s %s→%s %s, %s, was never sent by the %s (%s did not see it leave): something between the points sent it.",
			flags, from, to, seg, at, from, other)
	}
	s := fmt.Sprintf("%s %s→%s %s, %s, was lost between the points (%s never saw it)", flags, from, to, seg, at, other)
	if l.Fate == vantage.Uncaptured {
		s = fmt.Sprintf("%s %s→%s %s, %s, was lost between the points or dropped by the %s's capture (%s never saw it, and admits dropping %s)",
			flags, from, to, seg, at, to, other, vantage.Packets(p.Dropped[1-l.At.Capture]))
	}
	if l.Again.Frame != 0 {
		s += fmt.Sprintf("; %s (frame %d of %s)", again, l.Again.Frame, decode.Printable(l.Again.File))
	}
	return s + "."
}

// flagNames renders TCP flags as Wireshark's Info does ("[FIN, ACK]").
func flagNames(f uint16) string {
	names := []struct {
		bit  uint16
		name string
	}{{decode.FlagSYN, "SYN"}, {decode.FlagFIN, "FIN"}, {decode.FlagRST, "RST"}, {decode.FlagPSH, "PSH"}, {decode.FlagACK, "ACK"}}
	s := "["
	for _, n := range names {
		if f&n.bit != 0 {
			if len(s) > 1 {
				s += ", "
			}
			s += n.name
		}
	}
	return s + "]"
}

// explainTwo is ladder explain with two captures: one verdict per reset
// of either file (a reset both saw once), with where it was seen and who
// sent it, after a summary of how the captures line up. --all judges the
// first capture's connections and adds what the second capture proves.
func explainTwo(files []string, asJSON, all bool, stream int, stdout, stderr io.Writer) int {
	p, err := openPair(files)
	if err != nil {
		return reportLoadError(stderr, err)
	}
	w := bufio.NewWriter(stdout)
	switch {
	case all && asJSON:
		writeJSONArray(w, twoOutcomeRows(p, stream))
	case all:
		writePairSummary(w, p)
		fmt.Fprintln(w)
		writeOutcomes(w, twoOutcomeRows(p, stream))
	case asJSON:
		writeJSONArray(w, twoResetRows(p, stream))
	default:
		writePairSummary(w, p)
		fmt.Fprintln(w)
		writeResets(w, twoResetRows(p, stream))
	}
	return finish(w, stderr, pairErr(p))
}

// twoResetRows are the verdicts of Pair.Resets as rows; stream numbers
// are the first capture's.
func twoResetRows(p *vantage.Pair, stream int) []resetRow {
	var rows []resetRow
	for _, r := range p.Resets() {
		if stream >= 0 && r.Stream != stream {
			continue
		}
		row := resetRow{
			Frame: r.Frame, Stream: r.Stream, From: r.From, To: r.To,
			Cause: string(r.Cause), Confidence: string(r.Confidence),
			Evidence: r.Evidence, Explanation: r.Explanation,
			Origin: string(r.Origin), Proved: r.Proved, File: p.Cap[r.Capture].Name,
		}
		for _, s := range r.SeenIn {
			row.SeenIn = append(row.SeenIn, seenRow{File: s.File, Frame: s.Frame})
		}
		rows = append(rows, row)
	}
	return rows
}

// flowsTwo is ladder flows with two captures: the first capture's
// conversations, then the TCP connections only the second saw, each TCP
// row saying which files saw it and what was lost between the points.
func flowsTwo(files []string, asJSON bool, stdout, stderr io.Writer) int {
	var caps [2]vantage.Capture
	var tables [2]*flowTable
	for k, n := range files {
		idx, res, err := openAnalyzed(n)
		if err != nil {
			return reportLoadError(stderr, err)
		}
		caps[k] = vantage.Capture{Name: n, Idx: idx}
		tables[k] = newFlowTable(idx, res)
	}
	p := vantage.Align(caps[0], caps[1])
	var rows []flowRow
	for c := range 2 {
		t := tables[c]
		for fi := range t.flows {
			cn := p.ConnOf(c, fi)
			if c == 1 && (cn == nil || cn.Paired()) {
				continue // the first capture's row stands for it
			}
			r := t.row(fi)
			if c == 1 && p.Clock.Known {
				// On the first capture's clock, from its first packet.
				r.Start = float64(p.Clock.ToFirst(t.flows[fi].First)-tables[0].t0) / 1e9
			}
			if cn != nil {
				for k := range 2 {
					if cn.Flow[k] >= 0 {
						r.SeenIn = append(r.SeenIn, files[k])
					}
				}
				for _, s := range cn.Segs {
					switch s.Fate {
					case vantage.LostBetween:
						r.LostBetween++
					case vantage.Uncaptured:
						r.Uncaptured++
					case vantage.NotSent:
						r.NotSent++
					}
				}
			}
			rows = append(rows, r)
		}
	}
	w := bufio.NewWriter(stdout)
	if asJSON {
		if err := writeJSONParallel(w, len(rows), func(i int, dst []byte) ([]byte, error) {
			return append(rows[i].appendJSON(dst), ",\n"...), nil
		}); err != nil {
			fmt.Fprintln(stderr, "ladder:", err)
			return exitDamaged
		}
		return finish(w, stderr, pairErr(p))
	}
	writePairSummary(w, p)
	fmt.Fprintln(w)
	writeFlowHeader(w, "SEEN")
	for i := range rows {
		r := &rows[i]
		seen := "-"
		switch {
		case len(r.SeenIn) == 2:
			seen = "both"
		case len(r.SeenIn) == 1:
			seen = "only:" + decode.Printable(r.SeenIn[0])
		}
		if r.LostBetween > 0 {
			seen += fmt.Sprintf(" lost-between=%d", r.LostBetween)
		}
		if r.Uncaptured > 0 {
			seen += fmt.Sprintf(" lost-or-uncaptured=%d", r.Uncaptured)
		}
		if r.NotSent > 0 {
			seen += fmt.Sprintf(" not-sent=%d", r.NotSent)
		}
		writeFlowLine(w, r, seen)
	}
	return finish(w, stderr, pairErr(p))
}

// ladderTwo draws tcp.stream (or udp.stream) N of the first capture with both vantage
// points: arrows leave where the capture nearer the sender saw them and
// arrive where the capture nearer the receiver did; what was lost between
// the points, or never sent by its claimed sender, is drawn half way and
// marked.
func ladderTwo(files []string, stream int, udp bool, width int, stdout, stderr io.Writer) int {
	p, err := openPair(files)
	if err != nil {
		return reportLoadError(stderr, err)
	}
	idx := p.Cap[0].Idx
	var cn *vantage.Conn
	var flow *decode.Flow
	want := decode.ProtoTCPPacket
	if udp {
		want = decode.ProtoUDPPacket
	}
	for fi, f := range idx.Flows() {
		if f.Proto == want && f.Stream == stream {
			cn, flow = p.ConnOf(0, fi), f
			break
		}
	}
	if cn == nil {
		fmt.Fprintf(stderr, "ladder ladder: %s has no %s stream %d\n", decode.Printable(files[0]), protoWord(udp), stream)
		return exitUsage
	}
	opt := diagramOptions(idx, flow, false)
	opt.Note = nil // resets carry their two-sided verdicts
	lay := diagram.BuildPair(p, cn, opt)
	io.WriteString(stdout, lay.Text(width))
	if !cn.Paired() {
		fmt.Fprintf(stdout, "(only %s saw this connection)\n", decode.Printable(files[0]))
	}
	return reportLoadError(stderr, pairErr(p))
}

// twoOutcomeRows are the first capture's connection outcomes with what
// the second capture adds: a closing reset it proves forged is the
// network's (injected, high), one both captures saw is its sender's, a
// connection only the first file saw says so, and segments lost between
// the points are named.
func twoOutcomeRows(p *vantage.Pair, stream int) []outcomeRow {
	rows := outcomeRows(p.Cap[0].Idx, stream)
	resets := map[int]vantage.Reset{} // by frame of the first capture
	for _, r := range p.Resets() {
		for _, s := range r.SeenIn {
			if s.Capture == 0 {
				resets[s.Frame] = r
			}
		}
	}
	losses := map[int][]vantage.Loss{} // by connection
	for _, l := range p.Losses() {
		losses[l.Conn] = append(losses[l.Conn], l)
	}
	flows := p.Cap[0].Idx.Flows()
	for i := range rows {
		row := &rows[i]
		var cn *vantage.Conn
		k := -1
		for fi, f := range flows {
			if f.Proto == decode.ProtoTCPPacket && f.Stream == row.Stream {
				cn = p.ConnOf(0, fi)
				break
			}
		}
		for j := range p.Conns {
			if &p.Conns[j] == cn {
				k = j
			}
		}
		if cn == nil || !cn.Paired() {
			row.Explanation += fmt.Sprintf(" Only %s saw this connection.", decode.Printable(p.Cap[0].Name))
			continue
		}
		if r, ok := resets[row.resetFrame]; ok && r.Proved && row.resetFrame != 0 {
			switch r.Origin {
			case vantage.OriginMiddlebox:
				row.By, row.Confidence, row.ResetCause = "network", string(analysis.ConfidenceHigh), string(analysis.CauseInjected)
				row.Explanation += " " + r.Explanation
			default:
				row.By, row.ResetCause = string(r.Origin), string(r.Cause)
				row.Explanation += fmt.Sprintf(" Both capture points saw the reset: it left the %s itself.", r.Origin)
			}
		}
		for _, l := range losses[k] {
			row.Explanation += " " + lossText(p, l)
		}
	}
	return rows
}
