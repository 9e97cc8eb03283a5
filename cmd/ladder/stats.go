package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/ladder-dev/ladder/analysis"
	"github.com/ladder-dev/ladder/analysis/stats"
	"github.com/ladder-dev/ladder/decode"
	"github.com/ladder-dev/ladder/ui/chart"
)

func init() {
	register(command{"stats", "print conversations, endpoints, protocol hierarchy, I/O graph or TCP time-sequence graph", runStats})
}

// statsFlags are the options of ladder stats; exactly one view is chosen.
type statsFlags struct {
	conv, endpoints string
	hierarchy, io   bool
	tcpSeq          int
	interval        float64
	bytes, curve    bool
	ascii, asJSON   bool
	width, height   int
	server, client  bool
}

func runStats(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("stats", "stats FILE [FILE2] --conv tcp|udp | --endpoints ip|ipv6 | --hierarchy | --io [--interval S] | --tcp-seq N  [--json]", stderr)
	var o statsFlags
	fs.StringVar(&o.conv, "conv", "", "conversations of `tcp` or udp, like tshark -z conv,tcp")
	fs.StringVar(&o.endpoints, "endpoints", "", "endpoints of `ip` or ipv6, like tshark -z endpoints,ip")
	fs.BoolVar(&o.hierarchy, "hierarchy", false, "protocol hierarchy (link, network, transport), like tshark -z io,phs")
	fs.BoolVar(&o.io, "io", false, "I/O graph: packets (or --bytes) per second over time, resets (R) and expert notes (!) marked")
	fs.IntVar(&o.tcpSeq, "tcp-seq", -1, "TCP time-sequence (Stevens) graph of tcp.stream `N`")
	fs.Float64Var(&o.interval, "interval", 1, "I/O interval in `seconds`")
	fs.BoolVar(&o.bytes, "bytes", false, "I/O graph of bytes per second instead of packets")
	fs.BoolVar(&o.curve, "curve", false, "draw the I/O graph as a braille line instead of bars")
	fs.BoolVar(&o.server, "server", false, "time-sequence of the server's data (default: the direction that sent more)")
	fs.BoolVar(&o.client, "client", false, "time-sequence of the client's data")
	fs.BoolVar(&o.ascii, "ascii", false, "draw graphs with ASCII characters only")
	fs.IntVar(&o.width, "width", 100, "graph width in `columns`")
	fs.IntVar(&o.height, "height", 20, "graph height in `rows`")
	fs.BoolVar(&o.asJSON, "json", false, "print JSON instead of text")
	files, code := captureArgs(fs, args, stderr, "one capture file is needed, or two of the same traffic", nil)
	if files == nil {
		return code
	}
	if msg := o.check(len(files)); msg != "" {
		fmt.Fprintln(stderr, "ladder stats:", msg)
		return exitUsage
	}
	if len(files) == 2 {
		return statsTwo(files, o, stdout, stderr)
	}
	file := files[0]
	idx, err := openIndex(file)
	if err != nil {
		return reportLoadError(stderr, err)
	}
	var flow *decode.Flow
	if o.tcpSeq >= 0 {
		if flow = findFlow(idx, o.tcpSeq, false); flow == nil {
			fmt.Fprintf(stderr, "ladder stats: %s has no TCP stream %d\n", file, o.tcpSeq)
			return exitUsage
		}
	}
	w := bufio.NewWriter(stdout)
	writeStatsView(w, idx, flow, o)
	return finish(w, stderr, idx.Err())
}

// writeStatsView writes the view the flags chose of one capture; flow is
// the TCP stream of --tcp-seq.
func writeStatsView(w io.Writer, idx *decode.Index, flow *decode.Flow, o statsFlags) {
	switch {
	case o.conv != "":
		proto := decode.ProtoTCPPacket
		if o.conv == "udp" {
			proto = decode.ProtoUDPPacket
		}
		writeConversations(w, idx, proto, o.asJSON)
	case o.endpoints != "":
		kind := decode.AddrIPv4
		if o.endpoints == "ipv6" {
			kind = decode.AddrIPv6
		}
		writeEndpoints(w, idx, kind, o.asJSON)
	case o.hierarchy:
		writeHierarchy(w, stats.Hierarchy(idx), o.asJSON)
	case o.io:
		res := analysis.Analyze(idx)
		var notes []analysis.Note
		noted := func(i int) bool {
			notes = res.Notes(i, notes[:0])
			for _, n := range notes {
				if n.Severity >= analysis.SevWarning && n.Flag != "connection.rst" {
					return true
				}
			}
			return false
		}
		writeIO(w, stats.IO(idx, int64(o.interval*1e9+0.5), noted), o)
	default:
		res := analysis.Analyze(idx)
		dir := stats.DataDirection(idx, flow)
		switch {
		case o.client:
			dir = 0
		case o.server:
			dir = 1
		}
		ts := stats.TCPTimeSequence(idx, flow, dir, func(i int) bool {
			fl := res.Flags(i)
			return fl.Has(analysis.Retransmission) || fl.Has(analysis.FastRetransmission) || fl.Has(analysis.SpuriousRetransmission)
		})
		writeTimeSequence(w, ts, o)
	}
}

// check returns what is wrong with the flags, or "".
// files is how many captures were named: with two, no view is the
// pairing summary alone.
func (o *statsFlags) check(files int) string {
	views := 0
	for _, on := range []bool{o.conv != "", o.endpoints != "", o.hierarchy, o.io, o.tcpSeq >= 0} {
		if on {
			views++
		}
	}
	switch {
	case views > 1 || views == 0 && files == 1:
		return "choose exactly one of --conv, --endpoints, --hierarchy, --io, --tcp-seq"
	case o.conv != "" && o.conv != "tcp" && o.conv != "udp":
		return fmt.Sprintf("--conv %q: tcp or udp", o.conv)
	case o.endpoints != "" && o.endpoints != "ip" && o.endpoints != "ipv6":
		return fmt.Sprintf("--endpoints %q: ip or ipv6", o.endpoints)
	case !(o.interval > 0):
		return "--interval must be a positive number of seconds"
	case o.client && o.server:
		return "--client and --server exclude each other"
	}
	return ""
}

func writeJSON(w io.Writer, v any) {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

type convJSON struct {
	Stream   int     `json:"stream"`
	A        string  `json:"a"`
	B        string  `json:"b"`
	FramesAB int     `json:"frames_a_to_b"`
	BytesAB  int64   `json:"bytes_a_to_b"`
	FramesBA int     `json:"frames_b_to_a"`
	BytesBA  int64   `json:"bytes_b_to_a"`
	Frames   int     `json:"frames"`
	Bytes    int64   `json:"bytes"`
	Start    float64 `json:"start"`
	Duration float64 `json:"duration"`
}

func writeConversations(w io.Writer, idx *decode.Index, proto decode.Proto, asJSON bool) {
	rows := stats.Conversations(idx, proto)
	if asJSON {
		out := make([]convJSON, 0, len(rows))
		for _, c := range rows {
			out = append(out, convJSON{c.Stream, endpointString(idx, c.A), endpointString(idx, c.B),
				c.FramesAB, c.BytesAB, c.FramesBA, c.BytesBA, c.Frames(), c.Bytes(),
				float64(c.Start) / 1e9, float64(c.Duration) / 1e9})
		}
		writeJSON(w, out)
		return
	}
	name := "TCP"
	if proto == decode.ProtoUDPPacket {
		name = "UDP"
	}
	fmt.Fprintf(w, "%s conversations (A sent the first packet; sorted by frames)\n", name)
	fmt.Fprintf(w, "%6s  %-47s %-47s %8s %12s %8s %12s %8s %12s %14s %10s\n",
		"STREAM", "A", "B", "A→B", "BYTES A→B", "B→A", "BYTES B→A", "FRAMES", "BYTES", "START", "DURATION")
	for _, c := range rows {
		fmt.Fprintf(w, "%6d  %-47s %-47s %8d %12d %8d %12d %8d %12d %14.9f %10.4f\n",
			c.Stream, endpointString(idx, c.A), endpointString(idx, c.B),
			c.FramesAB, c.BytesAB, c.FramesBA, c.BytesBA, c.Frames(), c.Bytes(),
			float64(c.Start)/1e9, float64(c.Duration)/1e9)
	}
}

type endpointJSON struct {
	Address   string `json:"address"`
	Packets   int    `json:"packets"`
	Bytes     int64  `json:"bytes"`
	TxPackets int    `json:"tx_packets"`
	TxBytes   int64  `json:"tx_bytes"`
	RxPackets int    `json:"rx_packets"`
	RxBytes   int64  `json:"rx_bytes"`
}

func writeEndpoints(w io.Writer, idx *decode.Index, kind decode.AddrKind, asJSON bool) {
	rows := stats.Endpoints(idx, kind)
	if asJSON {
		out := make([]endpointJSON, 0, len(rows))
		for _, e := range rows {
			out = append(out, endpointJSON{idx.Addr(e.Addr).String(), e.Frames(), e.Bytes(), e.TxFrames, e.TxBytes, e.RxFrames, e.RxBytes})
		}
		writeJSON(w, out)
		return
	}
	name := "IPv4"
	if kind == decode.AddrIPv6 {
		name = "IPv6"
	}
	fmt.Fprintf(w, "%s endpoints (sorted by packets)\n", name)
	fmt.Fprintf(w, "%-39s %9s %12s %10s %12s %10s %12s\n", "ADDRESS", "PACKETS", "BYTES", "TX PACKETS", "TX BYTES", "RX PACKETS", "RX BYTES")
	for _, e := range rows {
		fmt.Fprintf(w, "%-39s %9d %12d %10d %12d %10d %12d\n", idx.Addr(e.Addr), e.Frames(), e.Bytes(), e.TxFrames, e.TxBytes, e.RxFrames, e.RxBytes)
	}
}

type nodeJSON struct {
	Name     string     `json:"name"`
	Frames   int        `json:"frames"`
	Bytes    int64      `json:"bytes"`
	Children []nodeJSON `json:"children,omitempty"`
}

func toNodeJSON(n *stats.Node) nodeJSON {
	j := nodeJSON{Name: n.Name, Frames: n.Frames, Bytes: n.Bytes}
	for _, c := range n.Children {
		j.Children = append(j.Children, toNodeJSON(c))
	}
	return j
}

func writeHierarchy(w io.Writer, root *stats.Node, asJSON bool) {
	if asJSON {
		writeJSON(w, toNodeJSON(root))
		return
	}
	fmt.Fprintln(w, "Protocol hierarchy (link, network and transport layers)")
	var walk func(n *stats.Node, depth int)
	walk = func(n *stats.Node, depth int) {
		pct := 0.0
		if root.Frames > 0 {
			pct = 100 * float64(n.Frames) / float64(root.Frames)
		}
		fmt.Fprintf(w, "%-40s frames:%-8d bytes:%-12d %5.1f%%\n", strings.Repeat("  ", depth)+n.Name, n.Frames, n.Bytes, pct)
		for _, c := range n.Children {
			walk(c, depth+1)
		}
	}
	walk(root, 0)
}

type bucketJSON struct {
	Start  float64 `json:"start"`
	Frames int     `json:"frames"`
	Bytes  int64   `json:"bytes"`
	Resets int     `json:"resets"`
	Notes  int     `json:"notes"`
}

func writeIO(w io.Writer, s stats.Series, o statsFlags) {
	if o.asJSON {
		out := struct {
			Interval float64      `json:"interval"`
			Buckets  []bucketJSON `json:"buckets"`
		}{Interval: float64(s.Interval) / 1e9, Buckets: []bucketJSON{}}
		for k, b := range s.Buckets {
			out.Buckets = append(out.Buckets, bucketJSON{float64(int64(k)*s.Interval) / 1e9, b.Frames, b.Bytes, b.Resets, b.Notes})
		}
		writeJSON(w, out)
		return
	}
	m, shape := chart.Packets, chart.Bars
	if o.bytes {
		m = chart.Bytes
	}
	if o.curve {
		shape = chart.Curve
	}
	io.WriteString(w, chart.String(chart.IO(s, m, shape, chart.Options{Width: o.width, Height: o.height, ASCII: o.ascii})))
}

type segmentJSON struct {
	Frame int     `json:"frame"`
	Time  float64 `json:"time"`
	Seq   uint32  `json:"seq"`
	End   uint32  `json:"end"`
	Kind  string  `json:"kind"`
}

type ackJSON struct {
	Frame  int     `json:"frame"`
	Time   float64 `json:"time"`
	Ack    uint32  `json:"ack"`
	Window uint32  `json:"window_edge"`
	Reset  bool    `json:"reset"`
}

func writeTimeSequence(w io.Writer, ts *stats.TimeSequence, o statsFlags) {
	if !o.asJSON {
		io.WriteString(w, chart.String(chart.TimeSequence(ts, chart.Options{Width: o.width, Height: o.height, ASCII: o.ascii})))
		return
	}
	kinds := map[stats.SegmentKind]string{stats.SegData: "data", stats.SegRetransmit: "retransmission", stats.SegReset: "reset"}
	out := struct {
		Stream   int           `json:"stream"`
		Dir      string        `json:"direction"`
		Segments []segmentJSON `json:"segments"`
		Acks     []ackJSON     `json:"acks"`
	}{Stream: ts.Stream, Dir: "client_to_server", Segments: []segmentJSON{}, Acks: []ackJSON{}}
	if ts.Dir == 1 {
		out.Dir = "server_to_client"
	}
	for _, s := range ts.Segments {
		out.Segments = append(out.Segments, segmentJSON{s.Packet + 1, float64(s.Time) / 1e9, s.Seq, s.End, kinds[s.Kind]})
	}
	for _, a := range ts.Acks {
		out.Acks = append(out.Acks, ackJSON{a.Packet + 1, float64(a.Time) / 1e9, a.Ack, a.Window, a.Reset})
	}
	writeJSON(w, out)
}
