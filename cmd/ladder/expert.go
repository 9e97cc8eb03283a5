package main

import (
	"bufio"
	"fmt"
	"io"

	"github.com/ladder-dev/ladder/analysis"
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
}

func init() {
	register(command{"expert", "print Wireshark's expert notes (TCP analysis)", runExpert})
}

func runExpert(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("expert", "expert FILE [--json]", stderr)
	asJSON := fs.Bool("json", false, "print a JSON array instead of a table")
	file, code := oneCapture(fs, args, stderr, "exactly one capture file is needed", nil)
	if file == "" {
		return code
	}
	idx, res, err := openAnalyzed(file)
	if err != nil {
		return reportLoadError(stderr, err)
	}
	w := bufio.NewWriter(stdout)
	if *asJSON {
		err := writeJSONParallel(w, res.Len(), func(i int, dst []byte) ([]byte, error) {
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
	}
	return finish(w, stderr, idx.Err())
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
