package analysis

import (
	"math/bits"
	"strconv"
)

// Flag is one of Wireshark's tcp.analysis.* verdicts on a packet. A packet
// can carry several; Flags is the set.
type Flag uint8

// The analysis flags, named after the tshark field suffixes.
const (
	Retransmission Flag = iota
	FastRetransmission
	SpuriousRetransmission
	OutOfOrder
	LostSegment
	AckLostSegment
	DuplicateAck
	ZeroWindow
	ZeroWindowProbe
	ZeroWindowProbeAck
	WindowFull
	WindowUpdate
	KeepAlive
	KeepAliveAck
	ReusedPorts
	NumFlags // number of flags, for arrays indexed by Flag
)

// Flags is a set of Flag bits.
type Flags uint32

// Has reports whether f is in the set.
func (s Flags) Has(f Flag) bool { return s&(1<<f) != 0 }

// with returns the set plus f.
func (s Flags) with(f Flag) Flags { return s | 1<<f }

// Each calls fn for every flag in the set, in Flag order.
func (s Flags) Each(fn func(Flag)) {
	for s != 0 {
		f := Flag(bits.TrailingZeros32(uint32(s)))
		fn(f)
		s &^= 1 << f
	}
}

// anyRetransmission is the set Wireshark reports under the field
// tcp.analysis.retransmission: it adds that field to fast and spurious
// retransmissions too.
const anyRetransmission = Flags(1<<Retransmission | 1<<FastRetransmission | 1<<SpuriousRetransmission)

// Severity is Wireshark's expert severity.
type Severity uint8

// Severities, lowest first.
const (
	SevChat Severity = iota
	SevNote
	SevWarning
	SevError
)

func (s Severity) String() string {
	switch s {
	case SevChat:
		return "Chat"
	case SevNote:
		return "Note"
	case SevWarning:
		return "Warning"
	default:
		return "Error"
	}
}

// flagInfo is what Wireshark says about a flag: its field name, expert
// severity and summary, and the label it prepends to the Info column.
type flagInfo struct {
	name     string
	severity Severity
	summary  string
	label    string
}

// flagTable: summaries and labels as tshark 4.0 prints them (tshark -z
// expert and the packet list on the testdata captures).
var flagTable = [NumFlags]flagInfo{
	Retransmission:         {"retransmission", SevNote, "This frame is a (suspected) retransmission", "[TCP Retransmission] "},
	FastRetransmission:     {"fast_retransmission", SevNote, "This frame is a (suspected) fast retransmission", "[TCP Fast Retransmission] "},
	SpuriousRetransmission: {"spurious_retransmission", SevNote, "This frame is a (suspected) spurious retransmission", "[TCP Spurious Retransmission] "},
	OutOfOrder:             {"out_of_order", SevWarning, "This frame is a (suspected) out-of-order segment", "[TCP Out-Of-Order] "},
	LostSegment:            {"lost_segment", SevWarning, "Previous segment(s) not captured (common at capture start)", "[TCP Previous segment not captured] "},
	AckLostSegment:         {"ack_lost_segment", SevWarning, "ACKed segment that wasn't captured (common at capture start)", "[TCP ACKed unseen segment] "},
	DuplicateAck:           {"duplicate_ack", SevNote, "Duplicate ACK", "[TCP Dup ACK "},
	ZeroWindow:             {"zero_window", SevWarning, "TCP Zero Window segment", "[TCP ZeroWindow] "},
	ZeroWindowProbe:        {"zero_window_probe", SevNote, "TCP Zero Window Probe", "[TCP ZeroWindowProbe] "},
	ZeroWindowProbeAck:     {"zero_window_probe_ack", SevNote, "ACK to a TCP Zero Window Probe", "[TCP ZeroWindowProbeAck] "},
	WindowFull:             {"window_full", SevWarning, "TCP window specified by the receiver is now completely full", "[TCP Window Full] "},
	WindowUpdate:           {"window_update", SevChat, "TCP window update", "[TCP Window Update] "},
	KeepAlive:              {"keep_alive", SevNote, "TCP keep-alive segment", "[TCP Keep-Alive] "},
	KeepAliveAck:           {"keep_alive_ack", SevNote, "ACK to a TCP keep-alive segment", "[TCP Keep-Alive ACK] "},
	ReusedPorts:            {"reused_ports", SevNote, "A new tcp session is started with the same ports as an earlier session in this trace", "[TCP Port numbers reused] "},
}

// Name is the tshark field suffix ("duplicate_ack" for tcp.analysis.duplicate_ack).
func (f Flag) Name() string {
	if f < NumFlags {
		return flagTable[f].name
	}
	return "flag" + strconv.Itoa(int(f))
}

// Severity is the expert severity Wireshark gives the flag.
func (f Flag) Severity() Severity {
	if f < NumFlags {
		return flagTable[f].severity
	}
	return SevNote
}

// FlagByName returns the flag with the given tshark field suffix.
func FlagByName(name string) (Flag, bool) {
	for f := range NumFlags {
		if flagTable[f].name == name {
			return f, true
		}
	}
	return 0, false
}

// labelOrder is the order of the Info labels, first printed first.
// Wireshark prepends each label in turn, so the one it adds last comes
// first; it notes reused ports while finding the conversation, before the
// sequence analysis, so that label comes last. Checked against tshark 4.0
// on the packets of testdata that carry two labels (ACKed unseen before
// Previous segment not captured and before Fast Retransmission; Previous
// segment not captured before Port numbers reused) and on a retransmitted
// SYN/ACK with new ports ("[TCP Retransmission] [TCP Port numbers
// reused]").
var labelOrder = [...]Flag{
	ZeroWindowProbeAck, ZeroWindow, ZeroWindowProbe, DuplicateAck, KeepAliveAck, KeepAlive,
	WindowFull, WindowUpdate, AckLostSegment, LostSegment, OutOfOrder,
	SpuriousRetransmission, FastRetransmission, Retransmission, ReusedPorts,
}
