package main

import (
	"bufio"
	"fmt"
	"io"
	"net/netip"
	"sort"
	"strings"

	"github.com/ladder-dev/ladder/analysis"
	"github.com/ladder-dev/ladder/decode"
)

// flowRow is the JSON shape of one conversation.
type flowRow struct {
	Stream int    `json:"stream"`
	Proto  string `json:"proto"`
	Client string `json:"client"`
	Server string `json:"server"`
	// Name is what the capture calls the conversation: its TLS or QUIC
	// server name, its HTTP Host, or a DNS name of the server's address.
	Name         string  `json:"name,omitempty"`
	PacketsToSrv int     `json:"packets_c2s"`
	PacketsToCli int     `json:"packets_s2c"`
	BytesToSrv   int64   `json:"bytes_c2s"`
	BytesToCli   int64   `json:"bytes_s2c"`
	Start        float64 `json:"start"`
	Duration     float64 `json:"duration"`
	FirstFrame   int     `json:"first_frame"`
	LastFrame    int     `json:"last_frame"`

	// TCP only (empty for UDP): Zeek's conn_state and history, Wireshark's
	// tcp.completeness, how the connection ended ("fin", "rst", "both",
	// "neither") and who sent the first FIN or RST, and the number of
	// packets carrying each analysis flag (tshark field suffixes).
	State        string         `json:"state,omitempty"`
	History      string         `json:"history,omitempty"`
	Completeness *int           `json:"completeness,omitempty"`
	ClosedBy     string         `json:"closed_by,omitempty"`
	Closer       string         `json:"closer,omitempty"`
	Flags        map[string]int `json:"flags,omitempty"`

	// For a connection that ended with a reset: the first RST's frame and
	// why it was sent (ladder explain's cause code and confidence).
	ResetFrame      int    `json:"reset_frame,omitempty"`
	ResetCause      string `json:"reset_cause,omitempty"`
	ResetConfidence string `json:"reset_confidence,omitempty"`

	// How the connection ended (TCP only): ladder's outcome code
	// (completed, reset, refused, unanswered, icmp-unreachable,
	// handshake-failed, timed-out, stalled, half-closed, open), who ended
	// it (client, server, network, none), how sure, the frames that show
	// it and an explanation for a ticket.
	Outcome            string `json:"outcome,omitempty"`
	OutcomeBy          string `json:"outcome_by,omitempty"`
	OutcomeConfidence  string `json:"outcome_confidence,omitempty"`
	OutcomeEvidence    []int  `json:"outcome_evidence,omitempty"`
	OutcomeExplanation string `json:"outcome_explanation,omitempty"`

	// With two captures (TCP only): the files that saw the connection (one
	// means it was seen in that capture only), and how many of its
	// segments were lost between the two points or never sent by their
	// claimed sender. A connection only the second file saw has that
	// file's stream number.
	SeenIn      []string `json:"seen_in,omitempty"`
	LostBetween int      `json:"lost_between,omitempty"`
	// Uncaptured: left the sender's point, not seen at the receiver's,
	// whose capture admits drops (vantage.Uncaptured).
	Uncaptured int `json:"lost_or_uncaptured,omitempty"`
	NotSent    int `json:"not_sent,omitempty"`
}

func init() {
	register(command{"flows", "print the TCP/UDP conversation table", runFlows})
}

func runFlows(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("flows", "flows FILE [FILE2] [--json]", stderr)
	asJSON := fs.Bool("json", false, "print a JSON array instead of a table")
	files, code := captureArgs(fs, args, stderr, "one capture file is needed, or two of the same traffic taken at two points", nil)
	if files == nil {
		return code
	}
	if len(files) == 2 {
		return flowsTwo(files, *asJSON, stdout, stderr)
	}
	idx, res, err := openAnalyzed(files[0])
	if err != nil {
		return reportLoadError(stderr, err)
	}
	w := bufio.NewWriter(stdout)
	if *asJSON {
		t := newFlowTable(idx, res)
		err := writeJSONParallel(w, len(t.flows), func(fi int, dst []byte) ([]byte, error) {
			r := t.row(fi)
			return append(r.appendJSON(dst), ",\n"...), nil
		})
		if err != nil {
			fmt.Fprintln(stderr, "ladder:", err)
			return exitDamaged
		}
	} else {
		writeFlowHeader(w, "")
		t := newFlowTable(idx, res)
		for fi := range t.flows {
			r := t.row(fi)
			writeFlowLine(w, &r, "")
		}
	}
	return finish(w, stderr, idx.Err())
}

// writeFlowHeader prints the column titles of the flow table; extra, when
// not empty, titles a last column.
func writeFlowHeader(w io.Writer, extra string) {
	fmt.Fprintf(w, "%-4s %6s %-45s %-45s %8s %8s %10s %10s %12s %10s %-6s %-23s %-16s %-16s %s%s\n",
		"PROTO", "STREAM", "CLIENT", "SERVER", "PKTS C>S", "PKTS S>C", "BYTES C>S", "BYTES S>C", "START", "DURATION",
		"STATE", "CLOSED BY", "OUTCOME", "HISTORY", "FLAGS NAME", spaced(extra))
}

// writeFlowLine prints one row of the flow table, with extra last.
func writeFlowLine(w io.Writer, r *flowRow, extra string) {
	closed := r.ClosedBy
	if r.Closer != "" {
		closed += "/" + r.Closer
	}
	if r.ResetCause != "" {
		closed += ":" + r.ResetCause
	}
	name := "-"
	if r.Name != "" {
		name = decode.Printable(r.Name)
	}
	fmt.Fprintf(w, "%-5s %6d %-45s %-45s %8d %8d %10d %10d %12.6f %10.6f %-6s %-23s %-16s %-16s %s %s%s\n",
		r.Proto, r.Stream, r.Client, r.Server, r.PacketsToSrv, r.PacketsToCli,
		r.BytesToSrv, r.BytesToCli, r.Start, r.Duration, r.State, closed, r.Outcome, r.History, flagCounts(r.Flags), name, spaced(extra))
}

func spaced(s string) string {
	if s == "" {
		return ""
	}
	return " " + s
}

// flowTable makes the rows of ladder flows, one conversation at a time:
// a capture can hold hundreds of thousands, so rows are not collected, and
// row may be called from several goroutines (the index and the analysis
// only read once loaded).
type flowTable struct {
	idx   *decode.Index
	res   *analysis.Result
	judge *analysis.OutcomeJudge
	flows []*decode.Flow
	names []string
	t0    int64 // time of the first packet: flow starts are relative to it
}

func newFlowTable(idx *decode.Index, res *analysis.Result) *flowTable {
	t := &flowTable{idx: idx, res: res, judge: analysis.NewOutcomeJudge(idx, res), flows: idx.Flows(), names: idx.FlowNames()}
	if idx.Len() > 0 {
		t.t0 = idx.Packet(0).Time
	}
	return t
}

// row returns the row of flow index fi.
func (t *flowTable) row(fi int) flowRow {
	idx, res, f, t0 := t.idx, t.res, t.flows[fi], t.t0
	proto := "tcp"
	if f.Proto == decode.ProtoUDPPacket {
		proto = "udp"
	}
	r := flowRow{
		Stream: f.Stream, Proto: proto,
		Client:       endpointString(idx, f.Client),
		Server:       endpointString(idx, f.Server),
		Name:         t.names[fi],
		PacketsToSrv: f.Packets[0], PacketsToCli: f.Packets[1],
		BytesToSrv: f.Bytes[0], BytesToCli: f.Bytes[1],
		Start:    float64(f.First-t0) / 1e9,
		Duration: float64(f.Duration()) / 1e9,
	}
	if first, last, ok := f.Span(); ok {
		r.FirstFrame, r.LastFrame = int(first)+1, int(last)+1
	}
	if c := res.Conn(fi); c != nil {
		completeness := int(c.Completeness)
		r.State, r.History, r.Completeness = c.State, c.History, &completeness
		r.ClosedBy, r.Closer = c.ClosedBy()
		if o, ok := t.judge.Judge(fi); ok {
			// The outcome carries the first reset's verdict: the close's
			// cause, without explaining the resets twice.
			if v := o.Reset; v != nil {
				r.ResetFrame, r.ResetCause, r.ResetConfidence = v.Frame, string(v.Cause), string(v.Confidence)
			}
			r.Outcome, r.OutcomeBy, r.OutcomeConfidence = string(o.Outcome), string(o.By), string(o.Confidence)
			r.OutcomeEvidence, r.OutcomeExplanation = o.Evidence, o.Explanation
		}
		r.Flags = map[string]int{}
		for f, n := range c.Counts {
			if n > 0 {
				r.Flags[analysis.Flag(f).Name()] = n
			}
		}
	}
	return r
}

// flagCounts renders analysis flag counts as "duplicate_ack=3 retransmission=1"
// in name order, "-" when there are none.
func flagCounts(m map[string]int) string {
	if len(m) == 0 {
		return "-"
	}
	names := make([]string, 0, len(m))
	for name := range m {
		names = append(names, name)
	}
	sort.Strings(names)
	var b strings.Builder
	for k, name := range names {
		if k > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%s=%d", name, m[name])
	}
	return b.String()
}

// endpointString renders address and port, bracketing IPv6 ("[::1]:443").
func endpointString(idx *decode.Index, e decode.Endpoint) string {
	a := idx.Addr(e.Addr)
	if ip := a.IP(); ip.IsValid() {
		return netip.AddrPortFrom(ip, e.Port).String()
	}
	return fmt.Sprintf("%s:%d", a, e.Port)
}
