// Package analysis judges every TCP packet the way Wireshark's TCP
// sequence analysis does, and summarises every connection.
//
// Use:
//
//	idx := decode.Load(src)
//	res := analysis.Analyze(idx)
//	res.Flags(i)          // tcp.analysis.* verdicts of packet i (0-based), a bit set
//	res.Labels(i)         // the Info prefix tshark prints, "[TCP Dup ACK 967#1] "
//	res.DupAck(i)         // the ACK a duplicate repeats and its number in the run
//	res.AckRTT(i)         // the segment an ACK acknowledges and the round trip
//	res.BytesInFlight(i)  // unacknowledged bytes after a data segment
//	res.Notes(i, buf)     // Wireshark's expert notes for packet i
//	res.Conn(flow)        // per-connection summary (conn_state, history, completeness, closer, counts)
//	res.BeforeRST(i)      // both directions' sequence state just before a RST
//
// Analyze is one causal pass in capture order: each packet is judged only
// against the packets before it, with per-direction state (next expected
// sequence number, last ACK, window and its scale, duplicate-ACK run,
// unacknowledged segments) as Wireshark 4.0's tcp_analyze_sequence_number
// keeps it. Per packet it stores one 32-bit flag word; the few packets with
// more to say (duplicate ACKs, ACKs with an RTT, data segments with bytes in
// flight, RSTs) have entries in sorted side tables. A Result never changes
// after Analyze returns and is safe for concurrent readers.
package analysis

import (
	"strconv"

	"github.com/ladder-dev/ladder/decode"
)

// Result is the analysis of one capture.
type Result struct {
	flags    column[Flags] // per packet index
	dups     sparse[dupAck]
	acks     sparse[int32] // the segment an ACK acknowledges exactly
	inFlight sparse[uint32]
	rsts     sparse[Snapshot]
	conns    column[Conn] // per flow index; zero for UDP flows
	idx      *decode.Index
	// first is the first packet analysed: idx.First(), above 0 only for
	// a live capture whose ring deleted files (the window's start).
	first int
}

// has reports whether packet i was analysed.
func (r *Result) has(i int) bool { return i >= r.first && i < r.flags.len() }

// Analyze analyses the packets idx has published (all of them once loading
// has finished: call it after idx.Wait()).
func Analyze(idx *decode.Index) *Result {
	a := newPass(idx)
	a.feed(idx.Len())
	return a.finish()
}

// AnalyzeLoading analyses idx while it loads (from decode.Start), packet
// by packet as the loader publishes them, and returns once loading has
// finished. On two cores the analysis then costs little more than the
// index itself. The result is the same as Analyze's after loading: each
// packet is judged only from the packets before it and its flow's
// endpoints, none of which change once published.
func AnalyzeLoading(idx *decode.Index) *Result {
	a := newPass(idx)
	for {
		n := idx.WaitLen(a.next)
		if n <= a.next {
			break
		}
		a.feed(n)
	}
	a.feed(idx.Len())
	return a.finish()
}

// pass is the working state of one analysis pass in capture order.
type pass struct {
	r       *Result
	idx     *decode.Index
	states  column[connState] // per flow index, grown as flows appear
	earlier map[[2]decode.Endpoint]bool
	next    int // first packet not yet analysed
}

// newPass starts at the index's first packet: a live capture's window
// begins after the packets its ring deleted, and its tables hold nothing
// for those.
func newPass(idx *decode.Index) *pass {
	first := idx.First()
	a := &pass{r: &Result{idx: idx, first: first}, idx: idx, earlier: make(map[[2]decode.Endpoint]bool), next: first}
	a.r.flags.skipTo(first)
	return a
}

// feed analyses packets a.next up to n (exclusive); n must not exceed the
// number the index has published.
func (a *pass) feed(n int) {
	r := a.r
	r.flags.grow(n)
	for i := a.next; i < n; i++ {
		p := a.idx.Packet(i)
		if p.Flow < 0 || !p.IsTCP() {
			continue
		}
		a.states.growSparse(int(p.Flow) + 1)
		c := a.states.at(int(p.Flow))
		if !c.seen {
			c.seen, c.first = true, int32(i)
		}
		if p.Bad&decode.BadTransport != 0 {
			continue
		}
		if !c.started {
			r.conns.growSparse(int(p.Flow) + 1)
			c.start(r.conns.at(int(p.Flow)), int(p.Flow), p, a.earlier)
		}
		*r.flags.at(i) = c.packet(r, int32(i), p)
	}
	a.next = max(a.next, n)
}

// finish completes every connection's summary.
func (a *pass) finish() *Result {
	r := a.r
	flows := a.idx.Flows()
	r.conns.growSparse(len(flows))
	for fi := range min(a.states.len(), len(flows)) {
		if c := a.states.peek(fi); c != nil && c.started {
			c.finish()
			c.conn.Stream = flows[fi].Stream
		}
	}
	a.states = column[connState]{} // the working state is not kept
	// The application walk needs these verdicts to give resent segments
	// to the dissectors as Wireshark does; every view walks the same
	// index, so they all see it.
	a.idx.SetResend(r.resend)
	return r
}

// hiddenResend are the verdicts on a segment that Wireshark's TCP hands to
// no application dissector, besides out-of-order segments
// (decode.ResendOutOfOrder): plain retransmissions
// (tcp.no_subdissector_on_error), spurious retransmissions, and
// keep-alives (given to the data dissector).
const hiddenResend = Flags(1<<Retransmission | 1<<SpuriousRetransmission | 1<<KeepAlive)

// resend is the judgement of packet i for the application walk.
func (r *Result) resend(i int) decode.Resend {
	fl := r.Flags(i)
	switch {
	case fl&hiddenResend != 0:
		return decode.ResendHidden
	case fl.Has(OutOfOrder):
		return decode.ResendOutOfOrder
	case fl.Has(FastRetransmission):
		return decode.ResendFast
	}
	return decode.NotResent
}

// Len is the number of packets analysed.
func (r *Result) Len() int { return r.flags.len() }

// Flags returns the analysis flags of packet i (0 for packets that are not
// TCP or out of range).
func (r *Result) Flags(i int) Flags {
	if !r.has(i) {
		return 0
	}
	return *r.flags.at(i)
}

// DupAck returns, for a duplicate ACK, the packet index of the ACK it
// repeats (Wireshark's duplicate_ack_frame minus one) and its number in the
// run (duplicate_ack_num, from 1).
func (r *Result) DupAck(i int) (of int, num int, ok bool) {
	d, ok := r.dups.get(i)
	return int(d.of), int(d.num), ok
}

// AckRTT returns, for an ACK that acknowledges a segment exactly, that
// segment's packet index (tcp.analysis.acks_frame minus one) and the time
// between them in nanoseconds (tcp.analysis.ack_rtt).
func (r *Result) AckRTT(i int) (of int, rttNS int64, ok bool) {
	seg, ok := r.acks.get(i)
	if !ok {
		return 0, 0, false
	}
	// The segment's time is its packet's: the round trip needs no table.
	return int(seg), r.idx.Packet(i).Time - r.idx.Packet(int(seg)).Time, true
}

// BytesInFlight returns the bytes sent and not yet acknowledged after data
// segment i (tcp.analysis.bytes_in_flight).
func (r *Result) BytesInFlight(i int) (uint32, bool) { return r.inFlight.get(i) }

// Snapshot is both directions' sequence state as it stood just before a
// packet, in raw sequence numbers (subtract the flow's Base for relative
// ones). Index 0 is client to server. A zero NextSeq means nothing was seen
// from that side.
type Snapshot struct {
	NextSeq [2]uint32 // next sequence number each side was expected to send
	LastAck [2]uint32 // last acknowledgement number each side sent
	Window  [2]uint32 // last window each side advertised, scaled when known
	LastPkt [2]int32  // packet index of each side's last packet, -1 if none
}

// BeforeRST returns the state just before RST packet i.
func (r *Result) BeforeRST(i int) (Snapshot, bool) { return r.rsts.get(i) }

// Conn returns the summary of flow index fi (as in decode.Index.Flows), or
// nil when the flow is not TCP or fi is out of range.
func (r *Result) Conn(fi int) *Conn {
	if c := r.conns.peek(fi); c != nil && c.tcp {
		return c
	}
	return nil
}

// Labels returns the Info-column prefix Wireshark gives packet i, such as
// "[TCP Dup ACK 967#1] " or "[TCP ACKed unseen segment] [TCP Previous
// segment not captured] ", or "" when it has none.
func (r *Result) Labels(i int) string {
	fl := r.Flags(i)
	if fl == 0 {
		return ""
	}
	var b []byte
	for _, f := range labelOrder {
		if !fl.Has(f) {
			continue
		}
		b = append(b, flagTable[f].label...)
		if f == DuplicateAck {
			of, num, _ := r.DupAck(i)
			b = strconv.AppendInt(b, int64(of)+1, 10)
			b = append(b, '#')
			b = strconv.AppendInt(b, int64(num), 10)
			b = append(b, "] "...)
		}
	}
	return string(b)
}
