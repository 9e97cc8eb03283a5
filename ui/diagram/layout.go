// Package diagram lays out the ladder diagram of one TCP or UDP flow: the
// client's column on the left, the server's on the right, time going down,
// one arrow per packet drawn from its estimated send time at the sender to
// its estimated arrival time at the receiver, so segments that crossed in
// flight are drawn crossing. It renders plain text lines with style spans,
// which the TUI draws with colours and `ladder ladder` prints as they are.
//
// The capture sees each packet at one point of the path. The handshake says
// which end that point is near: a capture next to the client sees the
// SYN-ACK one round trip after the SYN and the client's ACK at once; next to
// the server it is the other way round. Half the round trip is the one-way
// delay; a packet seen leaving the near end reaches the far end that much
// later, and a packet seen arriving at the near end left the far end that
// much earlier.
package diagram

import (
	"sort"
	"strings"

	"github.com/ladder-dev/ladder/decode"
)

// Side is one end of the flow.
type Side uint8

const (
	Client Side = iota
	Server
)

// Arrow is one packet of the flow.
type Arrow struct {
	Index   int   // packet index in the capture (frame = Index+1)
	From    Side  // sender
	Seen    int64 // capture timestamp (Unix ns)
	Send    int64 // estimated time it left the sender
	Arrive  int64 // estimated time it reached the receiver
	Reset   bool
	Flagged bool // carries an analysis label (retransmission, dup ACK...)
	// ICMP: an ICMP or ICMPv6 error quoting the connection (Flow.Errors),
	// drawn toward the quoted segment's sender; its label names who sent it.
	ICMP bool
	// Two-sided diagrams only (BuildPair): the capture the label is read
	// from (Index is a packet of that capture), the same packet's index
	// in the other capture (-1 when only Cap saw it), and what happened
	// to the packet between the two points.
	Cap      uint8
	Twin     int
	Path     Path
	SendRow  int // row of the send event
	ArriveRw int // row of the arrival event
}

// Crosses reports whether a and b crossed in flight: they travel in
// opposite directions and each left before the other arrived.
func Crosses(a, b *Arrow) bool {
	return a.From != b.From && a.Send < b.Arrive && b.Send < a.Arrive
}

// RowKind tells what a row shows.
type RowKind uint8

const (
	RowEvent RowKind = iota // arrows start, pass or end here
	RowFold                 // an idle gap folded into one row
)

// Row is one line of the diagram.
type Row struct {
	Kind  RowKind
	Time  int64 // time of the event (or the start of the fold)
	Gap   int64 // folded idle time (RowFold)
	Arrow int   // index into Layout.Arrows whose capture event is on this row, or -1
}

// Layout is a laid-out flow.
type Layout struct {
	ClientName string // "10.0.0.1:50078"
	ServerName string
	// Name is what the capture calls the conversation (TLS server name,
	// HTTP Host, DNS name of the server), "" when it tells nothing.
	Name       string
	Delay      int64 // estimated one-way delay in ns (0: drawn horizontally)
	NearClient bool  // the capture point is next to the client
	Level      bool  // drawn level on request (Options.Horizontal)
	Start      int64 // capture time of the flow's first packet
	Arrows     []Arrow
	Rows       []Row

	// Labels are formatted on demand, for the rows drawn: formatting one
	// means reading the packet again, which a 100k-packet flow cannot
	// afford for every arrow up front.
	idx    *decode.Index
	app    *decode.AppWalker
	opt    Options
	labels []string
	done   []bool
	buf    []byte

	// Two-sided diagrams only (BuildPair): the second capture, the line
	// saying how the two line up, and each arrow's mark (its fate between
	// the points, its reset's origin).
	other    *decode.Index
	otherApp *decode.AppWalker
	Vantage  string
	marks    map[int]string
}

// Options controls how a flow is laid out.
type Options struct {
	// Horizontal draws every arrow on its capture row, like Wireshark's flow
	// graph, instead of from estimated send to arrival time.
	Horizontal bool
	// Label returns the analysis labels of a packet ("[TCP Dup ACK 12#1]"),
	// Note a trailing note (e.g. the RST cause). Either may be nil.
	Label func(i int) string
	Note  func(i int) string
	// FoldGap folds idle gaps longer than this (ns) into one row; 0 means
	// the default of one second and at least 20 one-way delays.
	FoldGap int64
	// Name is the conversation's name for the header (decode.FlowNames).
	Name string
}

// Build lays out flow f of idx. A Layout reads packets again as its rows
// are drawn, so use it from one goroutine at a time.
func Build(idx *decode.Index, f *decode.Flow, opt Options) *Layout {
	l := &Layout{
		ClientName: endpointName(idx, f.Client),
		ServerName: endpointName(idx, f.Server),
		Name:       opt.Name,
	}
	frames := withErrors(f)
	if len(frames) == 0 {
		return l
	}
	l.Start = idx.Packet(int(frames[0])).Time
	l.Level = opt.Horizontal
	if !opt.Horizontal {
		l.Delay, l.NearClient = estimateDelay(idx, f)
	}
	l.idx, l.opt, l.app = idx, opt, decode.NewAppWalker(idx)
	l.Arrows = make([]Arrow, 0, len(frames))
	for _, fi := range frames {
		i := int(fi)
		p := idx.Packet(i)
		a := Arrow{Index: i, From: Side(p.Dir & 1), Seen: p.Time, Send: p.Time, Arrive: p.Time}
		a.ICMP = p.Proto == decode.ProtoICMPPacket || p.Proto == decode.ProtoICMPv6Packet
		if l.Delay > 0 {
			if (a.From == Client) == l.NearClient {
				a.Arrive = p.Time + l.Delay // seen leaving the near end
			} else {
				a.Send = p.Time - l.Delay // seen arriving at the near end
			}
		}
		a.Reset = p.Flags&decode.FlagRST != 0 && p.IsTCP()
		a.Flagged = opt.Label != nil && opt.Label(i) != ""
		l.Arrows = append(l.Arrows, a)
	}
	l.labels = make([]string, len(l.Arrows))
	l.done = make([]bool, len(l.Arrows))
	l.layoutRows(opt.FoldGap)
	return l
}

// withErrors is the flow's packets and the ICMP errors quoting it, merged
// in capture order (both lists are in capture order already).
func withErrors(f *decode.Flow) []int32 {
	if len(f.Errors) == 0 {
		return f.Frames
	}
	out := make([]int32, 0, len(f.Frames)+len(f.Errors))
	a, b := f.Frames, f.Errors
	for len(a) > 0 && len(b) > 0 {
		if a[0] < b[0] {
			out, a = append(out, a[0]), a[1:]
		} else {
			out, b = append(out, b[0]), b[1:]
		}
	}
	return append(append(out, a...), b...)
}

// Label returns arrow k's text: the reset's cause first when there is one,
// then the analysis labels, then the application event the packet completed
// ("Client Hello", "GET /x HTTP/1.1"), then flags, Seq, Ack, Win and Len.
func (l *Layout) Label(k int) string {
	if l.done[k] {
		return l.labels[k]
	}
	i := l.Arrows[k].Index
	idx, app, own := l.idx, l.app, l.Arrows[k].Cap == 0
	if !own {
		idx, app = l.other, l.otherApp
	}
	var row decode.Row
	row, l.buf = idx.RowWith(nil, i, "", l.buf)
	s := arrowLabel(row.Info)
	if l.Arrows[k].ICMP {
		// Errors often come from a router on the path, not the far end.
		s = row.Protocol + " from " + row.Src + ": " + row.Info
	} else if ev := app.At(i, false); ev.Proto != "" && ev.Info != "" {
		s = decode.Printable(ev.Info) + "  " + s
	}
	// Options label and note packets of the first capture.
	if own && l.opt.Label != nil {
		if pre := l.opt.Label(i); pre != "" {
			s = pre + " " + s
		}
	}
	if own && l.opt.Note != nil {
		if note := l.opt.Note(i); note != "" {
			s = note + " " + s // the reset's cause matters most: first
		}
	}
	if m := l.marks[k]; m != "" {
		s = m + " " + s
	}
	l.labels[k], l.done[k] = s, true
	return s
}

// arrowLabel keeps what a ladder arrow needs from an Info text: flags,
// Seq, Ack, Win and Len. The columns already say who talks to whom, and the
// options (timestamps, SACK blocks) are in the packet details.
func arrowLabel(info string) string {
	if _, rest, ok := strings.Cut(info, " → "); ok {
		if _, after, ok := strings.Cut(rest, " "); ok {
			info = after
		}
	}
	if i := strings.Index(info, " Len="); i >= 0 {
		if j := strings.IndexByte(info[i+1:], ' '); j >= 0 {
			info = info[:i+1+j]
		}
	}
	return info
}

func endpointName(idx *decode.Index, e decode.Endpoint) string {
	a := idx.Addr(e.Addr)
	s := a.String()
	if a.Kind == decode.AddrIPv6 {
		s = "[" + s + "]"
	}
	return s + ":" + itoa(int(e.Port))
}

// estimateDelay returns the one-way delay and whether the capture point is
// next to the client, from the first complete handshake of the flow. A flow
// without one is drawn with horizontal arrows.
func estimateDelay(idx *decode.Index, f *decode.Flow) (int64, bool) {
	var syn, synack, ack int64 = -1, -1, -1
	for _, fi := range f.Frames {
		p := idx.Packet(int(fi))
		if !p.IsTCP() {
			return 0, false
		}
		switch {
		case syn < 0 && p.Dir == 0 && p.Flags&(decode.FlagSYN|decode.FlagACK) == decode.FlagSYN:
			syn = p.Time
		case syn >= 0 && synack < 0 && p.Dir == 1 && p.Has(decode.FlagSYN|decode.FlagACK):
			synack = p.Time
		case synack >= 0 && p.Dir == 0 && p.Flags&decode.FlagACK != 0 && p.Flags&decode.FlagSYN == 0:
			ack = p.Time
		}
		if ack >= 0 {
			break
		}
	}
	if syn < 0 || synack < 0 || ack < 0 {
		return 0, false
	}
	toServer, toClient := synack-syn, ack-synack // round trip as seen from each side
	if toServer >= toClient {
		return toServer / 2, true
	}
	return toClient / 2, false
}

// event is a point on the time axis: one end of one arrow.
type event struct {
	t       int64
	arrow   int
	capture bool // the end the capture saw
	arrive  bool
}

// layoutRows assigns every send and arrival event a row, in time order,
// folding long idle gaps.
func (l *Layout) layoutRows(foldGap int64) {
	if foldGap == 0 {
		foldGap = max(int64(1e9), 20*l.Delay)
	}
	evs := make([]event, 0, 2*len(l.Arrows))
	for i := range l.Arrows {
		a := &l.Arrows[i]
		sendSeen := a.Send == a.Seen
		evs = append(evs, event{t: a.Send, arrow: i, capture: sendSeen})
		if a.Arrive != a.Send {
			evs = append(evs, event{t: a.Arrive, arrow: i, capture: !sendSeen, arrive: true})
		}
	}
	sort.SliceStable(evs, func(i, j int) bool {
		if evs[i].t != evs[j].t {
			return evs[i].t < evs[j].t
		}
		return evs[i].arrow < evs[j].arrow
	})
	l.Rows = make([]Row, 0, len(evs)+8)
	for k, e := range evs {
		if k > 0 && e.t-evs[k-1].t > foldGap {
			l.Rows = append(l.Rows, Row{Kind: RowFold, Time: evs[k-1].t, Gap: e.t - evs[k-1].t, Arrow: -1})
		}
		r := Row{Kind: RowEvent, Time: e.t, Arrow: -1}
		if e.capture {
			r.Arrow = e.arrow
		}
		a := &l.Arrows[e.arrow]
		if e.arrive {
			a.ArriveRw = len(l.Rows)
		} else {
			a.SendRow = len(l.Rows)
			if a.Arrive == a.Send {
				a.ArriveRw = a.SendRow
			}
		}
		l.Rows = append(l.Rows, r)
	}
}

// RowOf returns the row where packet index i is seen, or -1.
func (l *Layout) RowOf(i int) int {
	for r, row := range l.Rows {
		if row.Arrow >= 0 && l.Arrows[row.Arrow].Index == i {
			return r
		}
	}
	return -1
}

// CrossingsOf lists the arrows that crossed arrow k in flight.
func (l *Layout) CrossingsOf(k int) []int {
	var out []int
	for j := range l.Arrows {
		if j != k && Crosses(&l.Arrows[k], &l.Arrows[j]) {
			out = append(out, j)
		}
	}
	return out
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}
