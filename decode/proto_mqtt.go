package decode

import (
	"encoding/binary"
	"fmt"
	"strconv"
)

// MQTT (MQ Telemetry Transport) 3.1, 3.1.1 and 5.0 as Wireshark 4.0's
// packet-mqtt.c shows it on TCP 1883. The Info column is cleared for each
// segment and every control packet the segment completes appends its type
// after ", " ("Connect Command, Subscribe Request (id=7) [raw/#]"), with
// " (id=N)" for packets that carry an identifier and " [topic]" for a
// PUBLISH's topic and each topic filter of a SUBSCRIBE (an UNSUBSCRIBE names
// none). A packet's length is its fixed header's variable-length
// "Remaining Length". The protocol level of the conversation's CONNECT
// decides how later packets read (3.1's CONNACK has no flags, 5.0 carries
// properties, which are skipped: the details tree shows 5.0's property
// blocks and reason codes only by the bytes they take). Hand-written:
// gopacket has no MQTT layer.

const mqttPort = 1883 // tshark -G decodes: tcp.port 1883 mqtt

// MQTT protocol levels (the CONNECT's version byte).
const (
	mqttV31  = 3
	mqttV311 = 4
	mqttV50  = 5
)

// MQTT control packet types (the fixed header's high nibble).
const (
	mqttConnect     = 1
	mqttConnAck     = 2
	mqttPublish     = 3
	mqttPubAck      = 4
	mqttPubRec      = 5
	mqttPubRel      = 6
	mqttPubComp     = 7
	mqttSubscribe   = 8
	mqttSubAck      = 9
	mqttUnsubscribe = 10
	mqttUnsubAck    = 11
	mqttDisconnect  = 14
	mqttAuth        = 15
)

// mqttTypeNames is packet-mqtt.c's mqtt_msgtype_vals.
var mqttTypeNames = [16]string{"Reserved", "Connect Command", "Connect Ack", "Publish Message", "Publish Ack",
	"Publish Received", "Publish Release", "Publish Complete", "Subscribe Request", "Subscribe Ack",
	"Unsubscribe Request", "Unsubscribe Ack", "Ping Request", "Ping Response", "Disconnect Req",
	"Authentication Exchange"}

// mqttQoSNames is mqtt_qos_vals (mqtt_subqos_vals adds 128 "Failure").
var mqttQoSNames = [4]string{"At most once delivery (Fire and Forget)", "At least once delivery (Acknowledged deliver)",
	"Exactly once delivery (Assured Delivery)", "Reserved"}

// mqttConnAckNames is mqtt_conack_vals.
var mqttConnAckNames = [6]string{"Connection Accepted", "Connection Refused: unacceptable protocol version",
	"Connection Refused: identifier rejected", "Connection Refused: server unavailable",
	"Connection Refused: bad user name or password", "Connection Refused: not authorized"}

// mqttVersionNames is mqtt_protocol_version_vals.
var mqttVersionNames = map[byte]string{mqttV31: "MQTT v3.1", mqttV311: "MQTT v3.1.1", mqttV50: "MQTT v5.0"}

// mqttState is what a conversation keeps: the protocol level its CONNECT
// announced (0 until one is seen, the dissector's default preference).
type mqttState struct {
	version byte
}

// mqttVarint reads a variable-length integer as tvb_get_varint with
// ENC_VARINT_PROTOBUF does (up to ten bytes, seven bits each, low first):
// the value and the bytes it took, 0 when b ends before it does.
func mqttVarint(b []byte) (uint64, int) {
	var v uint64
	for i := 0; i < len(b) && i < 10; i++ {
		v |= uint64(b[i]&0x7f) << (7 * i)
		if b[i]&0x80 == 0 {
			return v, i + 1
		}
	}
	return 0, 0
}

// mqttPDULen is get_mqtt_pdu_len: the fixed header's byte, the Remaining
// Length and what it counts, cut to 32 bits as tshark's guint is.
func mqttPDULen(_ *Conv, _ uint8, b []byte) int {
	if len(b) < 2 {
		return 0
	}
	v, n := mqttVarint(b[1:])
	if n == 0 {
		if len(b) < 11 {
			return 0
		}
		return len(b) // no length field: one malformed packet
	}
	l := int(uint32(v + uint64(n) + 1))
	if l < 2 {
		return len(b)
	}
	return min(l, PDUUntilFIN-1)
}

// mqttMsg reads one control packet, writing Info and, when tree, fields.
type mqttMsg struct {
	b    []byte // the packet's bytes (maybe cut at maxPDUKeep)
	n    int    // the packet's whole length
	out  *Out
	tree bool
	f    []Field
	bad  bool
}

func (m *mqttMsg) add(f Field) {
	if m.tree {
		m.f = append(m.f, f)
	}
}

// has reports whether n bytes lie at off, else marks the packet malformed.
func (m *mqttMsg) has(off, n int) bool {
	if n < 0 || off+n > len(m.b) {
		m.bad = true
		return false
	}
	return true
}

// u16 adds the 16-bit field at off and returns it.
func (m *mqttMsg) u16(name, label string, off int) (int, bool) {
	if !m.has(off, 2) {
		return 0, false
	}
	v := int(binary.BigEndian.Uint16(m.b[off:]))
	m.add(UintField(name, label+": "+strconv.Itoa(v), off, 2, uint64(v)))
	return v, true
}

// str adds the n-byte UTF-8 string at off.
func (m *mqttMsg) str(name, label string, off, n int) (string, bool) {
	if !m.has(off, n) {
		return "", false
	}
	raw := m.b[off : off+n]
	text := dnsText(raw)
	m.add(StrField(name, label+": "+text, off, n, string(raw)))
	return text, true
}

// lenStr reads a length-prefixed string (its length field, then the
// string), returning the offset after it.
func (m *mqttMsg) lenStr(lenName, lenLabel, name, label string, off int) (int, bool) {
	n, ok := m.u16(lenName, lenLabel, off)
	if !ok {
		return off, false
	}
	if _, ok := m.str(name, label, off+2, n); !ok {
		return off, false
	}
	return off + 2 + n, true
}

// bytesField adds n bytes at off as an FT_BYTES line (36 bytes shown).
func (m *mqttMsg) bytesField(name, label string, off, n int) {
	end := min(off+n, len(m.b))
	raw := m.b[off:end]
	text := hexEllipsis(raw)
	if n == 0 {
		text = "<MISSING>"
	}
	m.add(Field{Name: name, Label: label + ": " + text, Start: off, Len: end - off, Kind: FieldBytes, Str: string(raw)})
}

// msgID reads a packet identifier and adds " (id=N)" to Info.
func (m *mqttMsg) msgID(off int) bool {
	v, ok := m.u16("mqtt.msgid", "Message Identifier", off)
	if ok {
		m.out.AppendInfo("", " (id="+strconv.Itoa(v)+")")
	}
	return ok
}

// idProps reads the message identifier at off and, in MQTT 5.0, the
// property block after it, returning the offset past both; the prelude
// of SUBSCRIBE, SUBACK, UNSUBSCRIBE and UNSUBACK's bodies.
func (m *mqttMsg) idProps(st *mqttState, off int) (int, bool) {
	if !m.msgID(off) {
		return off, false
	}
	off += 2
	if st.version == mqttV50 {
		l, ok := m.properties(off)
		if !ok {
			return off, false
		}
		off += l
	}
	return off, true
}

// properties skips a 5.0 property block at off, returning its length.
func (m *mqttMsg) properties(off int) (int, bool) {
	if off > len(m.b) {
		m.bad = true
		return 0, false
	}
	v, n := mqttVarint(m.b[off:])
	if n == 0 || v > uint64(len(m.b)) || !m.has(off+n, int(v)) {
		m.bad = true
		return 0, false
	}
	return n + int(v), true
}

func mqttDissect(p *PDU, out *Out) bool {
	b := p.Data
	out.SetProto("MQTT")
	if len(b) == 0 {
		return true
	}
	typ := b[0] >> 4
	out.AppendInfo(", ", mqttTypeNames[typ])
	st, _ := p.Conv.State.(*mqttState)
	if st == nil {
		st = &mqttState{}
		if p.Conv != nil {
			p.Conv.State = st
		}
	}
	m := mqttMsg{b: b, n: p.Len, out: out, tree: out.WantTree}
	m.read(st, typ)
	if m.bad {
		out.AppendInfo("", malformedMark)
	}
	if out.WantTree {
		out.Add(Field{Name: "mqtt", Label: "MQ Telemetry Transport Protocol, " + mqttTypeNames[typ], Start: 0, Len: len(b),
			Kind: FieldProto, Children: m.f})
		if m.bad {
			out.Add(Field{Name: "_ws.malformed", Label: "[Malformed Packet: MQTT]"})
		}
	}
	return true
}

// read adds the packet's fields after its first byte.
func (m *mqttMsg) read(st *mqttState, typ byte) {
	h := m.b[0]
	if m.tree {
		label := fmt.Sprintf("Header Flags: 0x%02x, Message Type: %s", h, mqttTypeNames[typ])
		kids := []Field{UintField("mqtt.msgtype", bitString(uint32(h), 8, 0xf0)+" = Message Type: "+mqttTypeNames[typ]+" ("+strconv.Itoa(int(typ))+")", 0, 1, uint64(typ))}
		qos := h >> 1 & 3
		switch {
		case typ == mqttPublish || st.version == mqttV31 && (typ == mqttPubRel || typ == mqttSubscribe || typ == mqttUnsubscribe):
			if h&0x08 != 0 {
				label += ", DUP Flag"
			}
			label += ", QoS Level: " + mqttQoSNames[qos]
			kids = append(kids,
				Field{Name: "mqtt.dupflag", Label: bitString(uint32(h), 8, 0x08) + " = DUP Flag: " + setNotSet(uint32(h), 0x08), Len: 1, Kind: FieldBool, Num: uint64(h >> 3 & 1)},
				UintField("mqtt.qos", bitString(uint32(h), 8, 0x06)+" = QoS Level: "+mqttQoSNames[qos]+" ("+strconv.Itoa(int(qos))+")", 0, 1, uint64(qos)))
			if typ == mqttPublish {
				if h&1 != 0 {
					label += ", Retain"
				}
				kids = append(kids, Field{Name: "mqtt.retain", Label: bitString(uint32(h), 8, 0x01) + " = Retain: " + setNotSet(uint32(h), 0x01), Len: 1, Kind: FieldBool, Num: uint64(h & 1)})
			} else {
				kids = append(kids, UintField("mqtt.retain_reserved", bitString(uint32(h), 8, 0x01)+" = Reserved: "+strconv.Itoa(int(h&1)), 0, 1, uint64(h&1)))
			}
		default:
			kids = append(kids, UintField("mqtt.hdr_reserved", bitString(uint32(h), 8, 0x0f)+" = Reserved: "+strconv.Itoa(int(h&0x0f)), 0, 1, uint64(h&0x0f)))
		}
		m.f = append(m.f, Field{Name: "mqtt.hdrflags", Label: label, Start: 0, Len: 1, Kind: FieldUint, Num: uint64(h), Children: kids})
	}
	rl, n := mqttVarint(m.b[1:])
	if n == 0 {
		m.bad = true
		return
	}
	m.add(UintField("mqtt.len", "Msg Len: "+strconv.FormatUint(rl, 10), 1, n, rl))
	off := 1 + n
	switch typ {
	case mqttConnect:
		m.connect(st, off)
	case mqttConnAck:
		m.connAck(st, off)
	case mqttPublish:
		m.publish(st, off)
	case mqttSubscribe:
		m.subscribe(st, off)
	case mqttUnsubscribe:
		var ok bool
		if off, ok = m.idProps(st, off); !ok {
			return
		}
		for off < m.n {
			if off, ok = m.topic(off); !ok {
				return
			}
		}
	case mqttSubAck:
		var ok bool
		if off, ok = m.idProps(st, off); !ok {
			return
		}
		for ; off < m.n; off++ {
			if !m.has(off, 1) {
				return
			}
			if st.version == mqttV31 || st.version == mqttV311 {
				q := m.b[off]
				name := "Unknown"
				if q < 4 {
					name = mqttQoSNames[q]
				} else if q == 128 {
					name = "Failure"
				}
				m.add(UintField("mqtt.suback.qos", "Granted QoS: "+name+" ("+strconv.Itoa(int(q))+")", off, 1, uint64(q)))
			}
		}
	case mqttPubAck, mqttPubRec, mqttPubRel, mqttPubComp, mqttUnsubAck:
		if !m.msgID(off) {
			return
		}
		if st.version == mqttV50 && typ != mqttUnsubAck && rl > 3 {
			m.properties(off + 3)
		}
	case mqttDisconnect, mqttAuth:
		if st.version == mqttV50 && rl >= 2 {
			m.properties(off + 1)
		}
	}
}

// topic reads a length-prefixed topic (filter) at off.
func (m *mqttMsg) topic(off int) (int, bool) {
	n, ok := m.u16("mqtt.topic_len", "Topic Length", off)
	if !ok {
		return off, false
	}
	off += 2
	if n > 0 {
		if _, ok := m.str("mqtt.topic", "Topic", off, n); !ok {
			return off, false
		}
	}
	return off + n, true
}

func (m *mqttMsg) connect(st *mqttState, off int) {
	n, ok := m.u16("mqtt.proto_len", "Protocol Name Length", off)
	if !ok {
		return
	}
	if _, ok := m.str("mqtt.protoname", "Protocol Name", off+2, n); !ok {
		return
	}
	off += 2 + n
	if !m.has(off, 4) {
		return
	}
	ver := m.b[off]
	st.version = ver
	vname, known := mqttVersionNames[ver]
	if !known {
		vname = "Unknown"
	}
	m.add(UintField("mqtt.ver", "Version: "+vname+" ("+strconv.Itoa(int(ver))+")", off, 1, uint64(ver)))
	fl := m.b[off+1]
	if m.tree {
		wq := fl >> 3 & 3
		label := fmt.Sprintf("Connect Flags: 0x%02x", fl)
		for _, a := range []struct {
			mask byte
			name string
		}{{0x80, "User Name Flag"}, {0x40, "Password Flag"}, {0x20, "Will Retain"}} {
			if fl&a.mask != 0 {
				label += ", " + a.name
			}
		}
		label += ", QoS Level: " + mqttQoSNames[wq]
		for _, a := range []struct {
			mask byte
			name string
		}{{0x04, "Will Flag"}, {0x02, "Clean Session Flag"}, {0x01, "(Reserved)"}} {
			if fl&a.mask != 0 {
				label += ", " + a.name
			}
		}
		flag := func(name string, mask byte, title string) Field {
			return Field{Name: name, Label: bitString(uint32(fl), 8, uint32(mask)) + " = " + title + ": " + setNotSet(uint32(fl), uint32(mask)),
				Start: off + 1, Len: 1, Kind: FieldBool, Num: uint64(b2u(fl&mask != 0))}
		}
		m.add(Field{Name: "mqtt.conflags", Label: label, Start: off + 1, Len: 1, Kind: FieldUint, Num: uint64(fl), Children: []Field{
			flag("mqtt.conflag.uname", 0x80, "User Name Flag"),
			flag("mqtt.conflag.passwd", 0x40, "Password Flag"),
			flag("mqtt.conflag.retain", 0x20, "Will Retain"),
			UintField("mqtt.conflag.qos", bitString(uint32(fl), 8, 0x18)+" = QoS Level: "+mqttQoSNames[wq]+" ("+strconv.Itoa(int(wq))+")", off+1, 1, uint64(wq)),
			flag("mqtt.conflag.willflag", 0x04, "Will Flag"),
			flag("mqtt.conflag.cleansess", 0x02, "Clean Session Flag"),
			flag("mqtt.conflag.reserved", 0x01, "(Reserved)"),
		}})
	}
	m.u16("mqtt.kalive", "Keep Alive", off+2)
	off += 4
	if ver == mqttV50 {
		l, ok := m.properties(off)
		if !ok {
			return
		}
		off += l
	}
	if off, ok = m.lenStr("mqtt.clientid_len", "Client ID Length", "mqtt.clientid", "Client ID", off); !ok {
		return
	}
	if fl&0x04 != 0 {
		if ver == mqttV50 {
			l, ok := m.properties(off)
			if !ok {
				return
			}
			off += l
		}
		n, ok := m.u16("mqtt.willtopic_len", "Will Topic Length", off)
		if !ok {
			return
		}
		off += 2
		if n > 0 {
			if _, ok := m.str("mqtt.willtopic", "Will Topic", off, n); !ok {
				return
			}
			off += n
		}
		if n, ok = m.u16("mqtt.willmsg_len", "Will Message Length", off); !ok || !m.has(off+2, n) {
			return
		}
		m.bytesField("mqtt.willmsg", "Will Message", off+2, n)
		off += 2 + n
	}
	if fl&0x80 != 0 && off < m.n {
		if off, ok = m.lenStr("mqtt.username_len", "User Name Length", "mqtt.username", "User Name", off); !ok {
			return
		}
	}
	if fl&0x40 != 0 && off < m.n {
		m.lenStr("mqtt.passwd_len", "Password Length", "mqtt.passwd", "Password", off)
	}
}

func b2u(v bool) uint8 {
	if v {
		return 1
	}
	return 0
}

func (m *mqttMsg) connAck(st *mqttState, off int) {
	if !m.has(off, 2) {
		return
	}
	fl := m.b[off]
	if st.version == mqttV31 {
		m.add(Field{Name: "mqtt.conack.flags.reserved", Label: "Reserved: " + setNotSet(uint32(fl), 0xff), Start: off, Len: 1, Kind: FieldBool, Num: uint64(b2u(fl != 0))})
	} else if m.tree {
		label := fmt.Sprintf("Acknowledge Flags: 0x%02x", fl)
		if fl&0xfe != 0 {
			label += ", Reserved"
		}
		if fl&1 != 0 {
			label += ", Session Present"
		}
		m.add(Field{Name: "mqtt.conack.flags", Label: label, Start: off, Len: 1, Kind: FieldUint, Num: uint64(fl), Children: []Field{
			{Name: "mqtt.conack.flags.reserved", Label: bitString(uint32(fl), 8, 0xfe) + " = Reserved: " + setNotSet(uint32(fl), 0xfe), Start: off, Len: 1, Kind: FieldBool, Num: uint64(b2u(fl&0xfe != 0))},
			{Name: "mqtt.conack.flags.sp", Label: bitString(uint32(fl), 8, 0x01) + " = Session Present: " + setNotSet(uint32(fl), 0x01), Start: off, Len: 1, Kind: FieldBool, Num: uint64(fl & 1)},
		}})
	}
	if st.version == mqttV31 || st.version == mqttV311 {
		rc := m.b[off+1]
		name := "Unknown"
		if int(rc) < len(mqttConnAckNames) {
			name = mqttConnAckNames[rc]
		}
		m.add(UintField("mqtt.conack.val", "Return Code: "+name+" ("+strconv.Itoa(int(rc))+")", off+1, 1, uint64(rc)))
	}
	if st.version == mqttV50 {
		m.properties(off + 2)
	}
}

func (m *mqttMsg) publish(st *mqttState, off int) {
	n, ok := m.u16("mqtt.topic_len", "Topic Length", off)
	if !ok {
		return
	}
	off += 2
	topic := ""
	if n > 0 {
		if topic, ok = m.str("mqtt.topic", "Topic", off, n); !ok {
			return
		}
		off += n
	}
	if m.b[0]&0x06 != 0 {
		if !m.msgID(off) {
			return
		}
		off += 2
	}
	if st.version == mqttV50 {
		l, ok := m.properties(off)
		if !ok {
			return
		}
		off += l
	}
	m.out.AppendInfo("", " ["+topic+"]")
	if off > m.n {
		m.bad = true
		return
	}
	m.bytesField("mqtt.msg", "Message", off, m.n-off)
}

func (m *mqttMsg) subscribe(st *mqttState, off int) {
	off, ok := m.idProps(st, off)
	if !ok {
		return
	}
	topic := ""
	for off < m.n {
		n, ok := m.u16("mqtt.topic_len", "Topic Length", off)
		if !ok {
			return
		}
		off += 2
		if n > 0 {
			if topic, ok = m.str("mqtt.topic", "Topic", off, n); !ok {
				return
			}
			off += n
		}
		m.out.AppendInfo("", " ["+topic+"]")
		if !m.has(off, 1) {
			return
		}
		if st.version != mqttV50 {
			q := m.b[off]
			m.add(UintField("mqtt.sub.qos", "Requested QoS: "+mqttQoSName(q)+" ("+strconv.Itoa(int(q))+")", off, 1, uint64(q)))
		}
		off++
	}
}

// mqttQoSName names a requested QoS byte, which holds more than two bits.
func mqttQoSName(q byte) string {
	if q < 4 {
		return mqttQoSNames[q]
	}
	return "Unknown"
}

var mqttDissector = &Dissector{
	Name:       "mqtt",
	Dissect:    mqttDissect,
	PDULen:     mqttPDULen,
	ClearsInfo: true,
	Fields: []FieldDef{
		{Name: "mqtt.hdrflags", Desc: "Header Flags", Kind: FieldUint, Bits: 8},
		{Name: "mqtt.msgtype", Desc: "Message Type", Kind: FieldUint, Bits: 8},
		{Name: "mqtt.hdr_reserved", Desc: "Reserved", Kind: FieldUint, Bits: 8},
		{Name: "mqtt.retain_reserved", Desc: "Reserved", Kind: FieldUint, Bits: 8},
		{Name: "mqtt.dupflag", Desc: "DUP Flag", Kind: FieldBool},
		{Name: "mqtt.qos", Desc: "QoS Level", Kind: FieldUint, Bits: 8},
		{Name: "mqtt.retain", Desc: "Retain", Kind: FieldBool},
		{Name: "mqtt.len", Desc: "Msg Len", Kind: FieldUint, Bits: 64},
		{Name: "mqtt.proto_len", Desc: "Protocol Name Length", Kind: FieldUint, Bits: 16},
		{Name: "mqtt.protoname", Desc: "Protocol Name", Kind: FieldString},
		{Name: "mqtt.ver", Desc: "Version", Kind: FieldUint, Bits: 8},
		{Name: "mqtt.conflags", Desc: "Connect Flags", Kind: FieldUint, Bits: 8},
		{Name: "mqtt.conflag.uname", Desc: "User Name Flag", Kind: FieldBool},
		{Name: "mqtt.conflag.passwd", Desc: "Password Flag", Kind: FieldBool},
		{Name: "mqtt.conflag.retain", Desc: "Will Retain", Kind: FieldBool},
		{Name: "mqtt.conflag.qos", Desc: "QoS Level", Kind: FieldUint, Bits: 8},
		{Name: "mqtt.conflag.willflag", Desc: "Will Flag", Kind: FieldBool},
		{Name: "mqtt.conflag.cleansess", Desc: "Clean Session Flag", Kind: FieldBool},
		{Name: "mqtt.conflag.reserved", Desc: "(Reserved)", Kind: FieldBool},
		{Name: "mqtt.kalive", Desc: "Keep Alive", Kind: FieldUint, Bits: 16},
		{Name: "mqtt.clientid_len", Desc: "Client ID Length", Kind: FieldUint, Bits: 16},
		{Name: "mqtt.clientid", Desc: "Client ID", Kind: FieldString},
		{Name: "mqtt.willtopic_len", Desc: "Will Topic Length", Kind: FieldUint, Bits: 16},
		{Name: "mqtt.willtopic", Desc: "Will Topic", Kind: FieldString},
		{Name: "mqtt.willmsg_len", Desc: "Will Message Length", Kind: FieldUint, Bits: 16},
		{Name: "mqtt.willmsg", Desc: "Will Message", Kind: FieldBytes},
		{Name: "mqtt.username_len", Desc: "User Name Length", Kind: FieldUint, Bits: 16},
		{Name: "mqtt.username", Desc: "User Name", Kind: FieldString},
		{Name: "mqtt.passwd_len", Desc: "Password Length", Kind: FieldUint, Bits: 16},
		{Name: "mqtt.passwd", Desc: "Password", Kind: FieldString},
		{Name: "mqtt.conack.flags", Desc: "Acknowledge Flags", Kind: FieldUint, Bits: 8},
		{Name: "mqtt.conack.flags.reserved", Desc: "Reserved", Kind: FieldBool},
		{Name: "mqtt.conack.flags.sp", Desc: "Session Present", Kind: FieldBool},
		{Name: "mqtt.conack.val", Desc: "Return Code", Kind: FieldUint, Bits: 8},
		{Name: "mqtt.msgid", Desc: "Message Identifier", Kind: FieldUint, Bits: 16},
		{Name: "mqtt.topic_len", Desc: "Topic Length", Kind: FieldUint, Bits: 16},
		{Name: "mqtt.topic", Desc: "Topic", Kind: FieldString},
		{Name: "mqtt.msg", Desc: "Message", Kind: FieldBytes},
		{Name: "mqtt.sub.qos", Desc: "Requested QoS", Kind: FieldUint, Bits: 8},
		{Name: "mqtt.suback.qos", Desc: "Granted QoS", Kind: FieldUint, Bits: 8},
	},
}

func init() { RegisterTCP(mqttDissector, mqttPort) }
