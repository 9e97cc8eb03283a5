package decode

import (
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
)

// UDT (draft-gg-udt-03) as Wireshark 4.0's packet-udt.c shows it. tshark
// has no port for it: its "udp udt" heuristic, enabled by default, claims a
// conversation whose datagram is a UDT handshake (control bit set, type 0,
// the whole first word 0x80000000; version 4 at offset 16; socket type 1
// STREAM or 2 DGRAM at 20; at least 24 bytes) and then makes UDT the
// conversation's dissector, so every later datagram of it, in both
// directions, is UDT whatever it holds. SRT (Secure Reliable Transport)
// begins with just such a version-4 induction handshake, so tshark 4.0
// shows real SRT sessions (srt-live-transmit's) as UDT too: its own "udp
// srt" heuristic never sees them. Sequence numbers in the Info column and
// the tree are relative to the initial sequence number of the handshake
// the heuristic took (offset 24), as packet-udt.c's get_sqn makes them.
// A data packet's payload after the 16-byte header goes to tshark's data
// dissector (packet-udt.c's own heuristic sub-list is empty in 4.0).
// Hand-written: gopacket has no UDT layer.

const (
	udtHandshake = 0
	udtKeepalive = 1
	udtAck       = 2
	udtNak       = 3
	udtShutdown  = 5
	udtAck2      = 6

	udtControlOff = 16
	udtMaxNakLen  = udtControlOff + 8*4 // packet-udt.c's summary shows 8 entries
)

var udtControlTypes = map[uint32]string{
	udtHandshake: "handshake", udtKeepalive: "keepalive", udtAck: "ack",
	udtNak: "nak", udtShutdown: "shutdown", udtAck2: "ack2",
}

// udtConv is what packet-udt.c keeps per conversation: the initial
// sequence number of the handshake its heuristic took.
type udtConv struct{ isn uint32 }

// udtHeuristic is dissect_udt_heur's test on a conversation not yet UDT.
func udtHeuristic(b []byte) bool {
	if len(b) < 24 || binary.BigEndian.Uint32(b) != 0x80000000 || binary.BigEndian.Uint32(b[16:]) != 4 {
		return false
	}
	t := binary.BigEndian.Uint32(b[20:])
	return t == 1 || t == 2
}

func udtDissect(p *PDU, out *Out) bool {
	b := p.Data
	var st *udtConv
	if p.Conv != nil {
		st, _ = p.Conv.State.(*udtConv)
	}
	if st == nil {
		// the heuristic's datagram: it opens the conversation
		if !udtHeuristic(b) {
			return false
		}
		st = &udtConv{}
		if len(b) >= 28 {
			st.isn = binary.BigEndian.Uint32(b[24:])
		}
		if p.Conv != nil {
			p.Conv.State = st
		}
	}
	out.SetProto("UDT")
	out.SetInfo("")
	u32 := func(at int) uint32 { return binary.BigEndian.Uint32(b[at:]) }
	if len(b) < 4 {
		// the first word is read for the Info and throws
		out.AppendInfo("", "[Malformed Packet]")
		udtTree(out, b, st, nil, len(b))
		return true
	}
	w0 := u32(0)
	control := w0&0x80000000 != 0
	typ := w0 >> 16 & 0x7fff
	typStr, known := udtControlTypes[typ]
	if !known {
		typStr = fmt.Sprintf("Unknown Control Type (%x)", typ)
	}
	switch {
	case !control:
		if len(b) < 8 {
			out.AppendInfo("", "[Malformed Packet]")
			udtTree(out, b, st, nil, len(b))
			return true
		}
		out.SetInfo(fmt.Sprintf("UDT type: data seqno: %d msgno: %d", w0&0x7fffffff-st.isn, u32(4)&0x1fffffff))
	case typ == udtAck:
		if len(b) < 20 {
			out.AppendInfo("", "[Malformed Packet]")
			udtTree(out, b, st, nil, len(b))
			return true
		}
		out.SetInfo(fmt.Sprintf("UDT type: ack  seqno: %d", u32(16)-st.isn))
	case typ == udtAck2:
		out.SetInfo("UDT type: ack2")
	case typ == udtNak:
		out.SetInfo("UDT type: " + typStr + " missing:" + udtNakSummary(b, st))
	default:
		out.SetInfo("UDT type: " + typStr)
	}
	// tshark's columns come with the tree built (-T fields), and the tree
	// reads the whole 16-byte header, and a handshake's 64 bytes, even
	// where the Info did not
	need := 16
	if control && typ == udtHandshake {
		need = 64
	}
	if len(b) < need {
		out.AppendInfo("", "[Malformed Packet]")
	}
	udtTree(out, b, st, &w0, len(b))
	return true
}

// udtNakSummary lists a NAK's first eight entries (ranges "a-b"), relative,
// with "..." when the packet holds more bytes than those.
func udtNakSummary(b []byte, st *udtConv) string {
	var s strings.Builder
	max := min(len(b), udtMaxNakLen)
	for i := udtControlOff; i+4 <= max; i += 4 {
		w := binary.BigEndian.Uint32(b[i:])
		if i > udtControlOff {
			s.WriteByte(',')
		}
		start := w&0x7fffffff - st.isn
		if w&0x80000000 != 0 {
			if i+8 > max {
				if i > udtControlOff {
					// the comma went in before the range was found cut
					str := s.String()
					s.Reset()
					s.WriteString(str[:len(str)-1])
				}
				break
			}
			fmt.Fprintf(&s, "%d-%d", start, binary.BigEndian.Uint32(b[i+4:])&0x7fffffff-st.isn)
			i += 4
			continue
		}
		s.WriteString(strconv.FormatUint(uint64(start), 10))
	}
	if max != len(b) {
		s.WriteString("...")
	}
	return s.String()
}

// udtTree builds the UDT layer (and a data packet's Data layer) as far as
// the bytes go; w0 is nil when even the first word is missing.
func udtTree(out *Out, b []byte, st *udtConv, w0 *uint32, n int) {
	if !out.WantTree {
		return
	}
	top := Field{Name: "udt", Label: "UDT Protocol", Start: 0, Len: n, Kind: FieldProto}
	var kids []Field
	add := func(f Field) { kids = append(kids, f) }
	has := func(at, l int) bool { return at+l <= len(b) }
	u32 := func(at int) uint32 { return binary.BigEndian.Uint32(b[at:]) }
	malformed := false
	mal := Field{Name: "_ws.malformed", Label: "[Malformed Packet: UDT]", Kind: FieldProto}
	if w0 == nil {
		// the first word's read for the Info threw before the layer began
		out.Add(mal)
		return
	}
	defer func() {
		if malformed {
			kids = append(kids, mal)
		}
		top.Children = kids
		out.Add(top)
	}()
	v := *w0
	control := v&0x80000000 != 0
	ctl := "DATA (0)"
	if control {
		ctl = "CONTROL (1)"
	}
	add(UintField("udt.iscontrol", bitsLabel32(v, 0x80000000, "Type: "+ctl), 0, 4, uint64(v>>31)))
	// plain reads a 4-byte field labelled name: value at at, or marks the
	// packet malformed when it is cut there
	plain := func(name, label string, at int, hex bool) bool {
		if !has(at, 4) {
			malformed = true
			return false
		}
		x := u32(at)
		val := strconv.FormatUint(uint64(x), 10)
		if hex {
			val = fmt.Sprintf("0x%08x", x)
		}
		add(UintField(name, label+": "+val, at, 4, uint64(x)))
		return true
	}
	if !control {
		seq := v & 0x7fffffff
		rel := seq - st.isn
		text := "Sequence Number: " + strconv.FormatUint(uint64(seq), 10)
		if rel != seq {
			text = fmt.Sprintf("Sequence Number: %d (relative) [%d]", rel, v)
		}
		add(UintField("udt.seqno", bitsLabel32(v, 0x7fffffff, text), 0, 4, uint64(v)))
		if !has(4, 4) {
			malformed = true
			return
		}
		m := u32(4)
		add(UintField("udt.msg.first", bitsLabel32(m, 0x80000000, "First Indicator: "+strconv.Itoa(int(m>>31))), 4, 4, uint64(m>>31)))
		add(UintField("udt.msg.last", bitsLabel32(m, 0x40000000, "Last Indicator: "+strconv.Itoa(int(m>>30&1))), 4, 4, uint64(m>>30&1)))
		add(UintField("udt.msg.order", bitsLabel32(m, 0x20000000, "In-Order Indicator: "+strconv.Itoa(int(m>>29&1))), 4, 4, uint64(m>>29&1)))
		add(UintField("udt.msgno", bitsLabel32(m, 0x1fffffff, "Message Number: "+strconv.FormatUint(uint64(m&0x1fffffff), 10)), 4, 4, uint64(m&0x1fffffff)))
		if !plain("udt.timestamp", "Timestamp", 8, false) || !plain("udt.id", "ID", 12, true) {
			return
		}
		if d := b[16:]; len(d) > 0 {
			defer func() {
				out.Add(Field{Label: fmt.Sprintf("Data (%d bytes)", len(d)), Start: 16, Len: len(d), Kind: FieldProto, Children: []Field{
					{Name: "data.data", Label: "Data: " + hexEllipsis(d), Start: 16, Len: len(d), Kind: FieldBytes, Str: string(d)},
					UintField("data.len", "Length: "+strconv.Itoa(len(d)), 16, 0, uint64(len(d))),
				}})
			}()
		}
		return
	}
	typ := v >> 16 & 0x7fff
	typStr, known := udtControlTypes[typ]
	if !known {
		typStr = fmt.Sprintf("Unknown (0x%04x)", typ)
	}
	typLabel := fmt.Sprintf("Type: %s (0x%04x)", typStr, typ)
	if !known {
		typLabel = "Type: " + typStr
	}
	add(UintField("udt.type", bitsLabel32(v, 0x7fff0000, typLabel), 0, 4, uint64(typ)))
	info := "udt.addinfo"
	label := "Additional Info"
	if typ == udtAck || typ == udtAck2 {
		info, label = "udt.ackno", "Ack Number"
	}
	if !plain(info, label, 4, false) || !plain("udt.timestamp", "Timestamp", 8, false) || !plain("udt.id", "ID", 12, true) {
		return
	}
	switch typ {
	case udtHandshake:
		if !plain("udt.hs.version", "Version", 16, false) {
			return
		}
		if !has(20, 4) {
			malformed = true
			return
		}
		ht := u32(20)
		hts := "Unknown"
		switch ht {
		case 1:
			hts = "STREAM"
		case 2:
			hts = "DGRAM"
		}
		add(UintField("udt.hs.type", fmt.Sprintf("Type: %s (%d)", hts, ht), 20, 4, uint64(ht)))
		if !plain("udt.hs.isn", "Initial Sequence Number", 24, false) || !plain("udt.hs.mtu", "MTU", 28, false) ||
			!plain("udt.hs.flow_window", "Flow Window", 32, false) {
			return
		}
		if !has(36, 4) {
			malformed = true
			return
		}
		rt := int32(u32(36))
		add(Field{Name: "udt.hs.reqtype", Label: "Requested Type: " + strconv.Itoa(int(rt)), Start: 36, Len: 4, Kind: FieldUint, Num: uint64(uint32(rt))})
		if !plain("udt.hs.id", "ID", 40, false) || !plain("udt.hs.cookie", "SYN Cookie", 44, true) {
			return
		}
		if !has(48, 16) {
			malformed = true
			return
		}
		add(Field{Name: "udt.hs.peerip", Label: "Peer IP Address: " + hexString(b[48:64]), Start: 48, Len: 16, Kind: FieldBytes, Str: string(b[48:64])})
		top.Len = 64
	case udtAck:
		if !has(16, 4) {
			malformed = true
			return
		}
		real := u32(16)
		rel := real - st.isn
		text := "Ack Sequence Number: " + strconv.FormatUint(uint64(real), 10)
		if rel != real {
			text = fmt.Sprintf("Ack Sequence Number: %d (relative) [%d]", int32(rel), int32(real))
		}
		add(UintField("udt.ack_seqno", text, 16, 4, uint64(real)))
		switch {
		case len(b) < 32:
			top.Len = 20
		default:
			plain("udt.rtt", "RTT (microseconds)", 20, false)
			plain("udt.rttvar", "RTT Variance (microseconds)", 24, false)
			plain("udt.buf", "Buffer Available (packets)", 28, false)
			top.Len = 32
			if len(b) >= 40 {
				plain("udt.rate", "Rate (packets/second)", 32, false)
				plain("udt.linkcap", "Link Capacity (packets/second)", 36, false)
				top.Len = 40
			}
		}
	case udtNak:
		for i := udtControlOff; i+4 <= len(b); i += 4 {
			w := u32(i)
			start := w & 0x7fffffff
			if w&0x80000000 != 0 {
				if i+8 > len(b) {
					break
				}
				fin := u32(i+4) & 0x7fffffff
				text := fmt.Sprintf("Missing Sequence Numbers: %d-%d", start, fin)
				if start-st.isn != start {
					text = fmt.Sprintf("Missing Sequence Numbers: %d-%d (relative) [%d-%d]", start-st.isn, fin-st.isn, start, fin)
				}
				add(Field{Label: text, Start: i, Len: 8})
				i += 4
				continue
			}
			text := fmt.Sprintf("Missing Sequence Number : %d", start)
			if start-st.isn != start {
				text = fmt.Sprintf("Missing Sequence Number : %d (relative) [%d]", start-st.isn, start)
			}
			add(Field{Label: text, Start: i, Len: 4})
		}
		top.Len = len(b)
	}
}

var udtDissector = &Dissector{
	Name:      "udt",
	Dissect:   udtDissect,
	Heuristic: udtHeuristic,
	Fields: []FieldDef{
		{Name: "udt.iscontrol", Desc: "Type", Kind: FieldUint, Bits: 32},
		{Name: "udt.type", Desc: "Type", Kind: FieldUint, Bits: 32},
		{Name: "udt.seqno", Desc: "Sequence Number", Kind: FieldUint, Bits: 32},
		{Name: "udt.addinfo", Desc: "Additional Info", Kind: FieldUint, Bits: 32},
		{Name: "udt.msgno", Desc: "Message Number", Kind: FieldUint, Bits: 32},
		{Name: "udt.msg.first", Desc: "First Indicator", Kind: FieldUint, Bits: 32},
		{Name: "udt.msg.last", Desc: "Last Indicator", Kind: FieldUint, Bits: 32},
		{Name: "udt.msg.order", Desc: "In-Order Indicator", Kind: FieldUint, Bits: 32},
		{Name: "udt.timestamp", Desc: "Timestamp", Kind: FieldUint, Bits: 32},
		{Name: "udt.id", Desc: "ID", Kind: FieldUint, Bits: 32},
		{Name: "udt.ack_seqno", Desc: "Ack Sequence Number", Kind: FieldUint, Bits: 32},
		{Name: "udt.ackno", Desc: "Ack Number", Kind: FieldUint, Bits: 32},
		{Name: "udt.rtt", Desc: "RTT (microseconds)", Kind: FieldUint, Bits: 32},
		{Name: "udt.rttvar", Desc: "RTT Variance (microseconds)", Kind: FieldUint, Bits: 32},
		{Name: "udt.buf", Desc: "Buffer Available (packets)", Kind: FieldUint, Bits: 32},
		{Name: "udt.rate", Desc: "Rate (packets/second)", Kind: FieldUint, Bits: 32},
		{Name: "udt.linkcap", Desc: "Link Capacity (packets/second)", Kind: FieldUint, Bits: 32},
		{Name: "udt.hs.version", Desc: "Version", Kind: FieldUint, Bits: 32},
		{Name: "udt.hs.type", Desc: "Type", Kind: FieldUint, Bits: 32},
		{Name: "udt.hs.isn", Desc: "Initial Sequence Number", Kind: FieldUint, Bits: 32},
		{Name: "udt.hs.mtu", Desc: "MTU", Kind: FieldUint, Bits: 32},
		{Name: "udt.hs.flow_window", Desc: "Flow Window", Kind: FieldUint, Bits: 32},
		{Name: "udt.hs.reqtype", Desc: "Requested Type", Kind: FieldUint, Bits: 32},
		{Name: "udt.hs.id", Desc: "ID", Kind: FieldUint, Bits: 32},
		{Name: "udt.hs.cookie", Desc: "SYN Cookie", Kind: FieldUint, Bits: 32},
		{Name: "udt.hs.peerip", Desc: "Peer IP Address", Kind: FieldBytes},
	},
}

func init() { RegisterUDP(udtDissector) }
