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
}

func init() {
	register(command{"explain", "explain why each TCP reset was sent", runExplain})
}

func runExplain(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("explain", "explain FILE [--stream N] [--json]", stderr)
	asJSON := fs.Bool("json", false, "print a JSON array instead of text")
	stream := fs.Int("stream", -1, "only the resets of this tcp.stream")
	file, code := oneCapture(fs, args, stderr, "exactly one capture file is needed", nil)
	if file == "" {
		return code
	}
	idx, err := openIndex(file)
	if err != nil {
		return reportLoadError(stderr, err)
	}
	rows := resetRows(idx, *stream)
	w := bufio.NewWriter(stdout)
	if *asJSON {
		writeJSONArray(w, rows)
	} else {
		writeResets(w, rows)
	}
	return finish(w, stderr, idx.Err())
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
		fmt.Fprintf(w, "frame %d  stream %d  %s → %s  %s (%s)\n", r.Frame, r.Stream, r.From, r.To, r.Cause, r.Confidence)
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
