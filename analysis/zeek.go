package analysis

import "github.com/ladder-dev/ladder/decode"

// Zeek's TCP endpoint states.
type endpointState uint8

const (
	zInactive endpointState = iota
	zSynSent
	zSynAckSent
	zPartial // first seen mid-stream
	zEstablished
	zClosed // sent FIN
	zReset  // sent RST
)

func (s endpointState) inactive() bool { return s == zInactive || s == zPartial }

// zeekConn follows a connection the way Zeek's conn.log summarises it:
// per-endpoint states and the history string. Direction 0 (the client) is
// the originator.
type zeekConn struct {
	end      [2]endpointState
	history  []byte
	once     [2]uint8     // letters recorded once per direction: a d i q
	seqSeen  [2]uint8     // s h f r recorded at least once
	seqLast  [2][4]uint32 // sequence number of the last s h f r recorded
	scaled   [2][2]uint32 // occurrences of t and w
	payload  bool         // some payload was seen
	anything bool
}

const (
	onceA = 1 << iota
	onceD
	onceI
	onceQ
)

// letter appends code, upper case for the originator.
func (z *zeekConn) letter(d int, code byte) {
	if d == 0 {
		code -= 'a' - 'A'
	}
	z.history = append(z.history, code)
}

// oncePer records code the first time it happens in direction d.
func (z *zeekConn) oncePer(d int, bit uint8, code byte) {
	if z.once[d]&bit == 0 {
		z.once[d] |= bit
		z.letter(d, code)
	}
}

// perSeq records code (s h f r, index k) again only when the sequence
// number differs from the last time.
func (z *zeekConn) perSeq(d, k int, seq uint32, code byte) {
	if z.seqSeen[d]&(1<<k) == 0 || z.seqLast[d][k] != seq {
		z.seqSeen[d] |= 1 << k
		z.seqLast[d][k] = seq
		z.letter(d, code)
	}
}

// scaledEntry records code (t or w, index k) on its 1st, 10th, 100th...
// occurrence, as Zeek does for repeated events.
func (z *zeekConn) scaledEntry(d, k int, code byte) {
	z.scaled[d][k]++
	n := z.scaled[d][k]
	for n%10 == 0 && n > 1 {
		n /= 10
	}
	if n == 1 {
		z.letter(d, code)
	}
}

// packet updates the endpoint states and history with one packet from
// direction d.
func (z *zeekConn) packet(p *decode.Packet, d int, fl Flags) {
	const (
		syn = decode.FlagSYN
		ack = decode.FlagACK
		fin = decode.FlagFIN
		rst = decode.FlagRST
	)
	if !z.anything {
		z.anything = true
		if p.Has(syn | ack) {
			// The flow model makes the SYN-ACK's receiver the originator,
			// which Zeek marks as a heuristic flip.
			z.history = append(z.history, '^')
		}
	}
	e, o := &z.end[d], &z.end[d^1]
	f := p.Flags
	hasData := p.PayloadLen > 0
	if hasData {
		z.payload = true
	}
	switch {
	case f&syn != 0 && f&(fin|rst) != 0:
		z.oncePer(d, onceQ, 'q')
	case f&(syn|ack) == syn:
		z.perSeq(d, 0, p.Seq, 's')
	case f&syn != 0:
		z.perSeq(d, 1, p.Seq, 'h')
	case f&fin != 0 && f&rst != 0:
		z.oncePer(d, onceI, 'i')
	case f&fin != 0:
		z.perSeq(d, 2, p.Seq, 'f')
	case f&rst != 0:
		z.perSeq(d, 3, p.Seq, 'r')
	case f&ack != 0 && !hasData:
		z.oncePer(d, onceA, 'a')
	}
	if hasData {
		z.oncePer(d, onceD, 'd')
		if fl&anyRetransmission != 0 {
			z.scaledEntry(d, 0, 't')
		}
	}
	if p.Window == 0 && f&(syn|rst) == 0 && *e != zReset && *o != zClosed {
		z.scaledEntry(d, 1, 'w')
	}

	switch {
	case f&rst != 0:
		if *e != zClosed || *o != zClosed {
			*e = zReset
		}
	case f&(syn|ack) == syn:
		if e.inactive() {
			*e = zSynSent
		}
	case f&syn != 0:
		if e.inactive() {
			*e = zSynAckSent
		}
	default:
		if f&ack != 0 {
			switch {
			case *e == zSynSent && (*o == zSynAckSent || *o == zEstablished),
				*e == zInactive && *o == zSynAckSent:
				*e, *o = zEstablished, zEstablished
			case *e == zSynAckSent:
				*e = zEstablished
			}
		}
		if *e == zInactive {
			*e = zPartial
		}
		if f&fin != 0 && *e != zReset {
			*e = zClosed
		}
	}
}

// state decides Zeek's conn_state from the final endpoint states
// (Zeek's scripts/base/protocols/conn/main.zeek, in its order).
func (z *zeekConn) state() string {
	orig, resp := z.end[0], z.end[1]
	switch {
	case resp == zReset:
		switch {
		case orig == zSynSent || orig == zSynAckSent || orig == zReset && !z.payload:
			return "REJ"
		case orig.inactive():
			return "RSTRH"
		}
		return "RSTR"
	case orig == zReset:
		if resp.inactive() {
			if z.synThenReset() {
				return "RSTOS0"
			}
			return "OTH"
		}
		return "RSTO"
	case orig == zClosed && resp == zClosed:
		return "SF"
	case orig == zClosed:
		if resp.inactive() {
			return "SH"
		}
		return "S2"
	case resp == zClosed:
		if orig.inactive() {
			return "SHR"
		}
		return "S3"
	case orig == zSynSent && resp.inactive():
		return "S0"
	case orig == zEstablished && resp == zEstablished:
		return "S1"
	}
	return "OTH"
}

// synThenReset matches Zeek's ^?S[^HAFGIQ]*R.* on the history: the
// originator's SYN, then its RST with no SYN-ACK, ACK or FIN in between.
func (z *zeekConn) synThenReset() bool {
	h := z.history
	if len(h) > 0 && h[0] == '^' {
		h = h[1:]
	}
	if len(h) == 0 || h[0] != 'S' {
		return false
	}
	for _, c := range h[1:] {
		switch c {
		case 'R':
			return true
		case 'H', 'A', 'F', 'G', 'I', 'Q':
			return false
		}
	}
	return false
}
