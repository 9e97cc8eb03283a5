package main

import (
	"bufio"
	"fmt"
	"io"

	"github.com/ladder-dev/ladder/analysis"
	"github.com/ladder-dev/ladder/analysis/vantage"
	"github.com/ladder-dev/ladder/decode"
)

// expertRow is the JSON shape of one expert note. Flag is the tshark field
// suffix (duplicate_ack, retransmission, connection.rst...).
type expertRow struct {
	Frame    int    `json:"frame"`
	Stream   int    `json:"stream"`
	Severity string `json:"severity"`
	Group    string `json:"group"`
	Flag     string `json:"flag"`
	Summary  string `json:"summary"`
	DupOf    *int   `json:"dup_of,omitempty"`  // frame a duplicate ACK repeats
	DupNum   *int   `json:"dup_num,omitempty"` // its number in the run, from 1
	// File names the capture whose frame Frame is: set only on the notes
	// two captures of the same traffic add (expert A B), which may be
	// frames of either.
	File string `json:"file,omitempty"`
}

func init() {
	register(command{"expert", "print Wireshark's expert notes (TCP analysis)", runExpert})
}

func runExpert(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("expert", "expert FILE [FILE2] [--json]", stderr)
	asJSON := fs.Bool("json", false, "print a JSON array instead of a table")
	files, code := captureArgs(fs, args, stderr, "one capture file is needed, or two of the same traffic", nil)
	if files == nil {
		return code
	}
	idx, res, err := openAnalyzed(files[0])
	if err != nil {
		return reportLoadError(stderr, err)
	}
	var two []expertRow
	loadErr := idx.Err()
	if len(files) == 2 {
		other, err := openIndex(files[1])
		if err != nil {
			return reportLoadError(stderr, err)
		}
		p := vantage.Align(vantage.Capture{Name: files[0], Idx: idx}, vantage.Capture{Name: files[1], Idx: other})
		two, loadErr = pairNotes(p), pairErr(p)
	}
	w := bufio.NewWriter(stdout)
	if *asJSON {
		err := writeJSONParallel(w, res.Len()+len(two), func(i int, dst []byte) ([]byte, error) {
			if i >= res.Len() {
				return append(two[i-res.Len()].appendJSON(dst), ",\n"...), nil
			}
			var buf [4]analysis.Note
			for _, n := range res.Notes(i, buf[:0]) {
				r := noteRow(n)
				dst = append(r.appendJSON(dst), ",\n"...)
			}
			return dst, nil
		})
		if err != nil {
			fmt.Fprintln(stderr, "ladder:", err)
			return exitDamaged
		}
	} else {
		fmt.Fprintf(w, "%6s %6s %-8s %-9s %-24s %s\n", "FRAME", "STREAM", "SEVERITY", "GROUP", "FLAG", "SUMMARY")
		var notes []analysis.Note
		for i := range res.Len() {
			notes = res.Notes(i, notes[:0])
			for _, n := range notes {
				r := noteRow(n)
				summary := r.Summary
				if r.DupOf != nil {
					summary += fmt.Sprintf(" of frame %d", *r.DupOf)
				}
				fmt.Fprintf(w, "%6d %6d %-8s %-9s %-24s %s\n", r.Frame, r.Stream, r.Severity, r.Group, r.Flag, summary)
			}
		}
		if len(two) > 0 {
			fmt.Fprintf(w, "\nSeen from both points (frames of the file named):\n")
			for _, r := range two {
				fmt.Fprintf(w, "%6d %6d %-8s %-9s %-24s %s\n", r.Frame, r.Stream, r.Severity, r.Group, r.Flag, decode.Printable(r.Summary))
			}
		}
	}
	return finish(w, stderr, loadErr)
}

// pairNotes are the notes only two captures of the same traffic can give,
// one per vantage.Loss, in its order: a segment lost between the points
// (warning, Sequence), bytes lost before the first point (warning,
// Sequence), a segment its claimed sender never sent (warning, Security:
// something between the points forged it). Frame is a frame of File.
func pairNotes(p *vantage.Pair) []expertRow {
	var out []expertRow
	for _, l := range p.Losses() {
		r := expertRow{Frame: l.At.Frame, Stream: l.Stream, Severity: analysis.SevWarning.String(),
			Group: "Sequence", Summary: lossText(p, l), File: l.At.File}
		switch l.Fate {
		case vantage.LostBetween:
			r.Flag = "vantage.lost_between"
		case vantage.Uncaptured:
			r.Flag = "vantage.lost_or_uncaptured"
		case vantage.LostBefore:
			r.Flag = "vantage.lost_before"
		default:
			r.Flag, r.Group = "vantage.not_sent", "Security"
		}
		out = append(out, r)
	}
	return out
}

// noteRow is the row of one expert note.
func noteRow(n analysis.Note) expertRow {
	r := expertRow{Frame: n.Packet + 1, Stream: n.Stream, Severity: n.Severity.String(),
		Group: n.Group, Flag: n.Flag, Summary: n.Summary}
	if n.Flag == analysis.DuplicateAck.Name() {
		of, num := n.DupOf+1, n.DupNum
		r.DupOf, r.DupNum = &of, &num
	}
	return r
}
