package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/ladder-dev/ladder/decode"
)

// listRow is the JSON shape of one packet-list line.
type listRow struct {
	Frame    int    `json:"frame"`
	Time     string `json:"time"`
	Src      string `json:"src"`
	Dst      string `json:"dst"`
	Protocol string `json:"protocol"`
	Length   int    `json:"length"`
	Info     string `json:"info"`
	Stream   *int   `json:"stream"`
}

func init() {
	register(command{"list", "print the packet list (like tshark -r)", runList})
}

func runList(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("list", "list FILE [-c N] [-Y FILTER] [--json]\n       ladder list -i IFACE [-f FILTER] [-w FILE [-b filesize:KB -b files:N]] [-c N] [-Y FILTER] [--json] | list -D", stderr)
	count := fs.Int("c", 0, "print at most `N` packets (0: all)")
	asJSON := fs.Bool("json", false, "print a JSON array instead of text lines (with -i: one JSON object per line)")
	filter := addFilterFlag(fs)
	live := addLiveFlags(fs, count)
	pos, err := parseArgs(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err == nil && live.active() {
		if !live.usable("list", pos, stderr) || !filter.compile("list", stderr) {
			return exitUsage
		}
		return live.listLive(*asJSON, filter, stdout, stderr)
	}
	if err != nil || len(pos) != 1 {
		if err == nil {
			fmt.Fprintln(stderr, "ladder list: exactly one capture file is needed")
		}
		return exitUsage
	}
	if !filter.compile("list", stderr) {
		return exitUsage
	}
	// The analysis gives the "[TCP ...]" prefixes tshark puts before Info
	// (and the tcp.analysis fields a filter may name).
	idx, labels, err := openAnalyzed(pos[0])
	if err != nil {
		return reportLoadError(stderr, err)
	}
	w := bufio.NewWriterSize(stdout, 64<<10)
	n := idx.Len()
	if *count > 0 {
		n = min(n, *count)
	}
	if *asJSON {
		// Formatted on every core and written in order, never collected:
		// a capture can have millions of rows.
		err := writeJSONParallelWith(w, n, func() renderFunc {
			match := filter.matcherWith(idx, labels)
			app := decode.NewAppWalker(idx)
			var buf []byte
			var row decode.Row
			return func(i int, dst []byte) ([]byte, error) {
				if !match(i) {
					return dst, nil
				}
				row, buf = idx.RowWith(app, i, labels.Labels(i), buf)
				lr := listRow{Frame: row.Frame, Time: row.Time, Src: row.Src, Dst: row.Dst,
					Protocol: row.Protocol, Length: row.Length, Info: row.Info}
				if row.Stream >= 0 {
					s := row.Stream
					lr.Stream = &s
				}
				return appendJSON(dst, &lr)
			}
		})
		if err != nil {
			fmt.Fprintln(stderr, "ladder:", err)
			return exitDamaged
		}
	} else {
		// Rows are formatted on every core (each worker with its own
		// matcher: a matcher keeps scratch state) and written in order.
		err := renderInOrder(n, func() renderFunc {
			match := filter.matcherWith(idx, labels)
			app := decode.NewAppWalker(idx)
			var buf []byte
			var row decode.Row
			return func(i int, dst []byte) ([]byte, error) {
				if !match(i) {
					return dst, nil
				}
				row, buf = idx.RowWith(app, i, labels.Labels(i), buf)
				return appendRow(dst, &row), nil
			}
		}, func(b []byte) error {
			_, err := w.Write(b)
			return err
		})
		if err != nil {
			fmt.Fprintln(stderr, "ladder:", err)
			return exitDamaged
		}
	}
	return finish(w, stderr, idx.Err())
}

// writeRow prints a row in tshark's default one-line layout.
func writeRow(w io.Writer, r *decode.Row) {
	w.Write(appendRow(nil, r))
}

// appendRow appends a row in tshark's default one-line layout.
func appendRow(dst []byte, r *decode.Row) []byte {
	return fmt.Appendf(dst, "%5d %12s %15s → %-15s %s %d %s\n", r.Frame, r.Time,
		decode.Printable(r.Src), decode.Printable(r.Dst), r.Protocol, r.Length, decode.Printable(r.Info))
}
