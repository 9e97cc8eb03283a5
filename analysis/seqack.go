package analysis

import (
	"strconv"

	"github.com/ladder-dev/ladder/decode"
)

// SeqAckTree is Wireshark's "[SEQ/ACK analysis]" subtree of the TCP
// header in the packet details, for packet i: the segment an ACK
// acknowledges and the round trip, the connection's initial round trip
// (from the ACK that completed the handshake on), the bytes in flight
// after a data segment, the analysis flags with their expert items, and a
// duplicate ACK's number and the ACK it repeats. Labels, field names and
// order are tshark 4.0's (tshark -T pdml); ok is false when Wireshark
// shows no subtree. Not modelled: "Bytes sent since last PSH flag" and a
// retransmission's RTO lines.
func (r *Result) SeqAckTree(i int) (decode.Field, bool) {
	root := decode.Field{Name: "tcp.analysis", Label: "[SEQ/ACK analysis]"}
	if !r.has(i) {
		return root, false
	}
	p := r.idx.Packet(i)
	cn := r.Conn(int(p.Flow))
	if !p.IsTCP() || cn == nil {
		return root, false
	}
	add := func(name, label string) {
		root.Children = append(root.Children, decode.Field{Name: name, Label: label})
	}
	if of, rtt, ok := r.AckRTT(i); ok {
		add("tcp.analysis.acks_frame", "[This is an ACK to the segment in frame: "+strconv.Itoa(of+1)+"]")
		add("tcp.analysis.ack_rtt", "[The RTT to ACK the segment was: "+seconds(rtt)+" seconds]")
	}
	if cn.InitialRTT > 0 && int32(i) >= cn.irttFrom {
		add("tcp.analysis.initial_rtt", "[iRTT: "+seconds(cn.InitialRTT)+" seconds]")
	}
	if n, ok := r.BytesInFlight(i); ok {
		add("tcp.analysis.bytes_in_flight", "[Bytes in flight: "+strconv.FormatUint(uint64(n), 10)+"]")
	}
	if fl := r.Flags(i); fl != 0 {
		flags := decode.Field{Name: "tcp.analysis.flags", Label: "[TCP Analysis Flags]"}
		for _, f := range seqAckFlagOrder {
			if !fl.Has(f) {
				continue
			}
			if f == DuplicateAck {
				flags.Children = append(flags.Children, decode.Field{Name: "tcp.analysis.duplicate_ack", Label: "[This is a TCP duplicate ack]"})
				continue
			}
			flags.Children = append(flags.Children, expertField(f, flagTable[f].summary))
			if f == FastRetransmission || f == SpuriousRetransmission {
				flags.Children = append(flags.Children, expertField(Retransmission, flagTable[Retransmission].summary))
			}
		}
		root.Children = append(root.Children, flags)
		if of, num, ok := r.DupAck(i); ok && fl.Has(DuplicateAck) {
			add("tcp.analysis.duplicate_ack_num", "[Duplicate ACK #: "+strconv.Itoa(num)+"]")
			add("tcp.analysis.duplicate_ack_frame", "[Duplicate to the ACK in frame: "+strconv.Itoa(of+1)+"]")
			last := &root.Children[len(root.Children)-1]
			last.Children = []decode.Field{expertField(DuplicateAck, flagTable[DuplicateAck].summary+" (#"+strconv.Itoa(num)+")")}
		}
	}
	// Wireshark prints the subtree only for a packet with something of its
	// own to say; the iRTT alone does not make one.
	if len(root.Children) == 1 && root.Children[0].Name == "tcp.analysis.initial_rtt" {
		return root, false
	}
	return root, len(root.Children) > 0
}

// seqAckFlagOrder is the order in which Wireshark lists the flags under
// "[TCP Analysis Flags]" (a fast or spurious retransmission is followed
// by the plain retransmission item, which it implies).
var seqAckFlagOrder = [...]Flag{
	Retransmission, FastRetransmission, SpuriousRetransmission, OutOfOrder, LostSegment, AckLostSegment,
	WindowUpdate, WindowFull, KeepAlive, KeepAliveAck, DuplicateAck, ZeroWindowProbe, ZeroWindow,
	ZeroWindowProbeAck, ReusedPorts,
}

// expertField is an expert item as Wireshark's details show it.
func expertField(f Flag, summary string) decode.Field {
	sev := flagTable[f].severity.String()
	return decode.Field{Name: "_ws.expert", Label: "[Expert Info (" + sev + "/Sequence): " + summary + "]",
		Children: []decode.Field{
			{Name: "tcp.analysis." + flagTable[f].name, Label: "[" + summary + "]"},
			{Name: "_ws.expert.severity", Label: "[Severity level: " + sev + "]"},
			{Name: "_ws.expert.group", Label: "[Group: Sequence]"},
		}}
}

// seconds renders nanoseconds as Wireshark does: "0.185458000".
func seconds(ns int64) string {
	sign := ""
	if ns < 0 {
		sign, ns = "-", -ns
	}
	frac := strconv.FormatInt(ns%1e9, 10)
	for len(frac) < 9 {
		frac = "0" + frac
	}
	return sign + strconv.FormatInt(ns/1e9, 10) + "." + frac
}
