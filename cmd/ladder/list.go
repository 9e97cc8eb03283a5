package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"

	"github.com/ladder-dev/ladder/analysis/vantage"
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
	// With a second capture of the same traffic (list A B): what the
	// other point saw of this packet (packetMarks), and its frame there.
	Path       string `json:"path,omitempty"`
	OtherFrame int    `json:"other_frame,omitempty"`
}

func init() {
	register(command{"list", "print the packet list (like tshark -r)", runList})
}

func runList(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("list", "list FILE [FILE2] [-c N] [-Y FILTER] [--json]\n       ladder list -i IFACE [-f FILTER] [-w FILE [-b filesize:KB -b files:N]] [-c N] [-Y FILTER] [--json] | list -D", stderr)
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
	if err != nil || len(pos) < 1 || len(pos) > 2 {
		if err == nil {
			fmt.Fprintln(stderr, "ladder list: one capture file is needed, or two of the same traffic")
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
	var marks *packetMarks
	loadErr := idx.Err()
	if len(pos) == 2 {
		other, err := openIndex(pos[1])
		if err != nil {
			return reportLoadError(stderr, err)
		}
		p := vantage.Align(vantage.Capture{Name: pos[0], Idx: idx}, vantage.Capture{Name: pos[1], Idx: other})
		marks, loadErr = newPacketMarks(p), pairErr(p)
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
				if marks != nil {
					lr.Path, lr.OtherFrame = marks.path(i), marks.otherFrame(i)
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
				if marks != nil {
					return marks.appendRow(dst, i, &row), nil
				}
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
	return finish(w, stderr, loadErr)
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

// packetMarks is, for each packet of the first of two captures of the
// same traffic, what the second saw of it: the same packet (its frame
// there), or why not (vantage.Fate), for `list A B`.
type packetMarks struct {
	other []int32 // packet index in the second capture, -1 none
	fate  []int8  // a vantage.Fate, markUnpaired or markNoConn
}

// Marks of packets no segment judgement covers.
const (
	// markUnpaired: its TCP connection (UDP conversation) is not in the
	// second capture.
	markUnpaired = -1
	// markNoConn: not part of a TCP connection or UDP conversation (only
	// these are paired).
	markNoConn = -2
)

func newPacketMarks(p *vantage.Pair) *packetMarks {
	n := p.Cap[0].Idx.Len()
	m := &packetMarks{other: make([]int32, n), fate: make([]int8, n)}
	for i := range n {
		m.other[i], m.fate[i] = -1, markNoConn
	}
	for k := range p.Conns {
		cn := &p.Conns[k]
		for _, s := range cn.Segs {
			j := s.Pkt[0]
			if j < 0 || int(j) >= n || m.fate[j] != markNoConn {
				continue // a segment the second saw in pieces is marked with the first
			}
			m.other[j], m.fate[j] = s.Pkt[1], int8(s.Fate)
			if !cn.Paired() && s.Fate == vantage.Outside {
				m.fate[j] = markUnpaired // nothing judged: B never saw it
			}
		}
	}
	return m
}

// path is packet i's mark as JSON's path: a vantage.Fate's name
// ("both", "lost-between", "not-sent", "copy", "missed", "outside"),
// "unpaired", or "" for a packet outside any TCP connection.
func (m *packetMarks) path(i int) string {
	switch f := m.fate[i]; f {
	case markNoConn:
		return ""
	case markUnpaired:
		return "unpaired"
	default:
		return vantage.Fate(f).String()
	}
}

// otherFrame is packet i's frame number in the second capture, 0 when it
// was not seen there.
func (m *packetMarks) otherFrame(i int) int { return int(m.other[i]) + 1 }

// appendRow appends packet i's line as appendRow does, followed by its
// mark: "{B:5}" when the second capture saw it as its frame 5, else
// "{lost-between}", "{not-sent}", "{copy}", "{missed}", "{outside}" or
// "{unpaired}"; nothing for a packet outside any TCP connection.
func (m *packetMarks) appendRow(dst []byte, i int, r *decode.Row) []byte {
	dst = appendRow(dst, r)
	mark := m.path(i)
	if mark == "" {
		return dst
	}
	if m.other[i] >= 0 {
		mark = "B:" + strconv.Itoa(int(m.other[i])+1)
	}
	dst = dst[:len(dst)-1] // the newline
	return append(append(append(dst, "  {"...), mark...), "}\n"...)
}
