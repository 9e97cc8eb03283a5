package main

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/ladder-dev/ladder/analysis"
	"github.com/ladder-dev/ladder/decode"
)

// resetRow is the JSON shape of one reset's verdict.
type resetRow struct {
	Frame       int    `json:"frame"`
	Stream      int    `json:"stream"`
	From        string `json:"from"`
	To          string `json:"to"`
	Cause       string `json:"cause"`
	Confidence  string `json:"confidence"`
	Evidence    []int  `json:"evidence"`
	Explanation string `json:"explanation"`
	// With two captures: file is the capture frame, evidence and the
	// explanation's frame numbers belong to (the one nearer the reset's
	// sender when both saw it); seen_in every capture and frame where this
	// reset appears; origin who sent it (client, server or middlebox) and
	// proved whether the two captures prove that.
	File   string    `json:"file,omitempty"`
	SeenIn []seenRow `json:"seen_in,omitempty"`
	Origin string    `json:"origin,omitempty"`
	Proved bool      `json:"proved,omitempty"`
}

// seenRow is one capture's frame of a reset.
type seenRow struct {
	File  string `json:"file"`
	Frame int    `json:"frame"`
}

// outcomeRow is the JSON shape of one connection's outcome (explain --all).
type outcomeRow struct {
	Stream      int    `json:"stream"`
	Client      string `json:"client"`
	Server      string `json:"server"`
	Outcome     string `json:"outcome"`
	By          string `json:"by"`
	Confidence  string `json:"confidence"`
	Evidence    []int  `json:"evidence"`
	Explanation string `json:"explanation"`
	ResetCause  string `json:"reset_cause,omitempty"`

	resetFrame int // the closing reset's frame, for two-capture rows
}

func init() {
	register(command{"explain", "explain why each TCP reset was sent (--all: how every connection ended)", runExplain})
}

func runExplain(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("explain", "explain FILE [FILE2] [--all] [--stream N] [--json]", stderr)
	asJSON := fs.Bool("json", false, "print a JSON array instead of text")
	stream := fs.Int("stream", -1, "only the resets (with --all: the outcome) of this tcp.stream")
	all := fs.Bool("all", false, "every TCP connection's outcome (completed, reset, refused, unanswered, icmp-unreachable,\nhandshake-failed, timed-out, stalled, half-closed, open), not only the resets")
	files, code := captureArgs(fs, args, stderr, "one capture file is needed, or two of the same traffic taken at two points", nil)
	if files == nil {
		return code
	}
	if len(files) == 2 {
		return explainTwo(files, *asJSON, *all, *stream, stdout, stderr)
	}
	idx, err := openIndex(files[0])
	if err != nil {
		return reportLoadError(stderr, err)
	}
	w := bufio.NewWriter(stdout)
	switch {
	case *all:
		rows := outcomeRows(idx, *stream)
		if *asJSON {
			writeJSONArray(w, rows)
		} else {
			writeOutcomes(w, rows)
		}
	case *asJSON:
		writeJSONArray(w, resetRows(idx, *stream))
	default:
		writeResets(w, resetRows(idx, *stream))
	}
	return finish(w, stderr, idx.Err())
}

// outcomeRows judges every TCP connection (one stream when stream >= 0).
func outcomeRows(idx *decode.Index, stream int) []outcomeRow {
	j := analysis.NewOutcomeJudge(idx, analysis.Analyze(idx))
	var rows []outcomeRow
	for fi, f := range idx.Flows() {
		if stream >= 0 && f.Stream != stream {
			continue
		}
		o, ok := j.Judge(fi)
		if !ok {
			continue
		}
		r := outcomeRow{
			Stream: o.Stream, Client: endpointString(idx, f.Client), Server: endpointString(idx, f.Server),
			Outcome: string(o.Outcome), By: string(o.By), Confidence: string(o.Confidence),
			Evidence: o.Evidence, Explanation: o.Explanation,
		}
		if o.Reset != nil {
			r.ResetCause, r.resetFrame = string(o.Reset.Cause), o.Reset.Frame
		}
		rows = append(rows, r)
	}
	return rows
}

// writeOutcomes prints one block per connection, as writeResets does.
func writeOutcomes(w io.Writer, rows []outcomeRow) {
	if len(rows) == 0 {
		fmt.Fprintln(w, "no TCP connections")
		return
	}
	for i, r := range rows {
		if i > 0 {
			fmt.Fprintln(w)
		}
		cause := ""
		if r.ResetCause != "" {
			cause = " cause " + r.ResetCause
		}
		fmt.Fprintf(w, "stream %d  %s → %s  %s by %s (%s)%s\n", r.Stream, r.Client, r.Server, r.Outcome, r.By, r.Confidence, cause)
		ev := make([]string, len(r.Evidence))
		for k, e := range r.Evidence {
			ev[k] = fmt.Sprint(e)
		}
		fmt.Fprintf(w, "  evidence: frames %s\n", strings.Join(ev, ", "))
		for _, line := range wrap(r.Explanation, 76) {
			fmt.Fprintf(w, "  %s\n", line)
		}
	}
}

// resetRows explains the resets of one stream (all when stream < 0).
func resetRows(idx *decode.Index, stream int) []resetRow {
	var vs []analysis.Verdict
	if stream < 0 {
		vs = analysis.ExplainResets(idx)
	} else {
		for _, f := range idx.Flows() {
			if f.Proto == decode.ProtoTCPPacket && f.Stream == stream {
				vs = analysis.ExplainFlow(idx, f)
			}
		}
	}
	rows := make([]resetRow, 0, len(vs))
	for _, v := range vs {
		rows = append(rows, resetRow{
			Frame: v.Frame, Stream: v.Stream, From: v.From, To: v.To,
			Cause: string(v.Cause), Confidence: string(v.Confidence),
			Evidence: v.Evidence, Explanation: v.Explanation,
		})
	}
	return rows
}

// writeResets prints one block per reset: a header line, the evidence
// frames, and the explanation wrapped for an 80-column terminal.
func writeResets(w io.Writer, rows []resetRow) {
	if len(rows) == 0 {
		fmt.Fprintln(w, "no TCP resets")
		return
	}
	for i, r := range rows {
		if i > 0 {
			fmt.Fprintln(w)
		}
		frame := fmt.Sprint(r.Frame)
		if r.File != "" {
			frame += " of " + decode.Printable(r.File)
		}
		fmt.Fprintf(w, "frame %s  stream %d  %s → %s  %s (%s)\n", frame, r.Stream, r.From, r.To, r.Cause, r.Confidence)
		ev := make([]string, len(r.Evidence))
		for k, e := range r.Evidence {
			ev[k] = fmt.Sprint(e)
		}
		fmt.Fprintf(w, "  evidence: frames %s\n", strings.Join(ev, ", "))
		if len(r.SeenIn) > 0 {
			seen := make([]string, len(r.SeenIn))
			for k, s := range r.SeenIn {
				seen[k] = fmt.Sprintf("%s frame %d", decode.Printable(s.File), s.Frame)
			}
			how := "judged"
			if r.Proved {
				how = "proved by the two captures"
			}
			fmt.Fprintf(w, "  seen in: %s; sent by the %s (%s)\n", strings.Join(seen, ", "), r.Origin, how)
		}
		for _, line := range wrap(r.Explanation, 76) {
			fmt.Fprintf(w, "  %s\n", line)
		}
	}
}

// wrap breaks text into lines of at most width runes at spaces.
func wrap(text string, width int) []string {
	var lines []string
	var cur []rune
	for _, word := range strings.Fields(text) {
		wr := []rune(word)
		if len(cur) > 0 && len(cur)+1+len(wr) > width {
			lines = append(lines, string(cur))
			cur = cur[:0]
		}
		if len(cur) > 0 {
			cur = append(cur, ' ')
		}
		cur = append(cur, wr...)
	}
	if len(cur) > 0 {
		lines = append(lines, string(cur))
	}
	return lines
}
