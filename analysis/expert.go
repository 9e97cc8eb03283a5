package analysis

import (
	"strconv"

	"github.com/ladder-dev/ladder/decode"
)

// Note is one of Wireshark's expert-information items about a packet.
type Note struct {
	Packet   int // packet index (frame number minus one)
	Stream   int // tcp.stream
	Severity Severity
	Group    string // Wireshark's expert group; every TCP analysis item is "Sequence"
	// Flag is the tshark field suffix: an analysis flag ("duplicate_ack"),
	// a connection event ("connection.syn", "connection.synack",
	// "connection.fin", "connection.fin_active", "connection.fin_passive",
	// "connection.rst") or an option note ("options.sack.dsack").
	Flag    string
	Summary string
	// DupOf and DupNum are set for duplicate ACKs: the packet index of the
	// ACK repeated and the number in the run (from 1).
	DupOf, DupNum int
}

// Connection-event notes Wireshark adds for every SYN, SYN-ACK, FIN and RST.
const (
	synSummary    = "Connection establish request (SYN): server port "
	synAckSummary = "Connection establish acknowledge (SYN+ACK): server port "
	finSummary    = "Connection finish (FIN)"
	rstSummary    = "Connection reset (RST)"
	// The side whose FIN comes first initiates the close: its FINs
	// (retransmissions too) are "active", the other side's "passive".
	finActiveSummary  = "This frame initiates the connection closing"
	finPassiveSummary = "This frame undergoes the connection closing"
	// A first SACK block reporting data received twice (RFC 2883).
	dsackSummary = "D-SACK Sequence"
)

// Notes appends packet i's expert notes to buf and returns it: the
// connection events first, then the analysis flags in Flag order. Fast
// and spurious retransmissions also carry the plain retransmission note,
// as in Wireshark (tshark -z expert counts them under both).
func (r *Result) Notes(i int, buf []Note) []Note {
	if !r.has(i) {
		return buf
	}
	p := r.idx.Packet(i)
	cn := r.Conn(int(p.Flow))
	if !p.IsTCP() || cn == nil {
		return buf
	}
	base := Note{Packet: i, Stream: cn.Stream, Group: "Sequence"}
	add := func(sev Severity, flag, summary string) {
		n := base
		n.Severity, n.Flag, n.Summary = sev, flag, summary
		buf = append(buf, n)
	}
	switch {
	case p.Flags&(decode.FlagSYN|decode.FlagACK) == decode.FlagSYN:
		add(SevChat, "connection.syn", synSummary+strconv.Itoa(int(p.DstPort)))
	case p.Has(decode.FlagSYN | decode.FlagACK):
		add(SevChat, "connection.synack", synAckSummary+strconv.Itoa(int(p.SrcPort)))
	}
	if p.Flags&decode.FlagFIN != 0 {
		add(SevChat, "connection.fin", finSummary)
		first := cn.FirstFIN
		if d := p.Dir & 1; first[d^1] >= 0 && first[d^1] < first[d] {
			add(SevNote, "connection.fin_passive", finPassiveSummary)
		} else {
			add(SevNote, "connection.fin_active", finActiveSummary)
		}
	}
	if p.Flags&decode.FlagRST != 0 {
		add(SevWarning, "connection.rst", rstSummary)
	}
	if p.Opts&decode.OptDSACK != 0 {
		add(SevWarning, "options.sack.dsack", dsackSummary)
	}
	fl := *r.flags.at(i)
	if fl&anyRetransmission != 0 {
		fl = fl.with(Retransmission)
	}
	fl.Each(func(f Flag) {
		info := flagTable[f]
		if f != DuplicateAck {
			add(info.severity, info.name, info.summary)
			return
		}
		of, num, _ := r.DupAck(i)
		add(info.severity, info.name, info.summary+" (#"+strconv.Itoa(num)+")")
		buf[len(buf)-1].DupOf, buf[len(buf)-1].DupNum = of, num
	})
	return buf
}
