package decode

import (
	"encoding/binary"
	"encoding/hex"
	"strconv"
	"strings"

	"golang.org/x/net/http2/hpack"
)

// HTTP/2 (RFC 9113) in clear text, as far as it is visible without
// decryption, the way Wireshark 4.0's http2 dissector shows it: one Info
// entry per frame, "TYPE[stream]", joined with ", " when a segment carries
// several; a HEADERS frame adds the request's method and path or the
// response's status (": GET /", ": 200 OK") from its HPACK-decoded header
// list; the DATA frame that ends a stream adds what the body's media type
// dissector writes (" (text/plain)", JSON's own text). Wireshark 4.0 gives
// http2 no TCP port and keeps its heuristic off: a conversation becomes
// HTTP/2 only when HTTP hands it over, on a prior-knowledge connection
// preface ("PRI * HTTP/2.0") or after a 101 answering "Upgrade: h2c".
// Header blocks are decoded with golang.org/x/net/http2/hpack (the
// per-direction dynamic table lives in the conversation's state); the
// representations' boundaries, which the tree needs and hpack does not
// report, are read here.

// http2Preface is the client connection preface (RFC 9113 §3.4).
const http2Preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"

// http2FrameHeader is the length of a frame header.
const http2FrameHeader = 9

// http2MaxStreams bounds the streams whose media type is remembered.
const http2MaxStreams = 256

// http2MaxPending bounds a header representation carried from one
// fragment to the next.
const http2MaxPending = 1 << 16

// http2MaxTableSize bounds the HPACK dynamic table a SETTINGS may allow.
const http2MaxTableSize = 1 << 20

// http2BodyKeep is how many bytes of a stream's body are kept for the
// media labels and the details' Data line.
const http2BodyKeep = 64

// http2Type is a frame type (RFC 9113 §6, RFC 7838, RFC 8336, RFC 9218).
type http2Type uint8

const (
	http2Data         http2Type = 0
	http2Headers      http2Type = 1
	http2Priority     http2Type = 2
	http2RSTStream    http2Type = 3
	http2Settings     http2Type = 4
	http2PushPromise  http2Type = 5
	http2Ping         http2Type = 6
	http2GoAway       http2Type = 7
	http2WindowUpdate http2Type = 8
	http2Continuation http2Type = 9
)

// http2TypeNames are Wireshark's http2.type value names.
var http2TypeNames = map[http2Type]string{
	0: "DATA", 1: "HEADERS", 2: "PRIORITY", 3: "RST_STREAM", 4: "SETTINGS", 5: "PUSH_PROMISE", 6: "PING",
	7: "GOAWAY", 8: "WINDOW_UPDATE", 9: "CONTINUATION", 10: "ALTSVC", 11: "BLOCKED", 12: "ORIGIN",
	16: "PRIORITY_UPDATE",
}

func (t http2Type) String() string {
	if s, ok := http2TypeNames[t]; ok {
		return s
	}
	return "Unknown type (" + strconv.Itoa(int(t)) + ")"
}

// Frame flags (RFC 9113 §6).
const (
	http2FlagEndStream  = 0x01
	http2FlagAck        = 0x01
	http2FlagEndHeaders = 0x04
	http2FlagPadded     = 0x08
	http2FlagPriority   = 0x20
)

// http2ErrorNames are the error codes of RST_STREAM and GOAWAY (§7).
var http2ErrorNames = []string{"NO_ERROR", "PROTOCOL_ERROR", "INTERNAL_ERROR", "FLOW_CONTROL_ERROR",
	"SETTINGS_TIMEOUT", "STREAM_CLOSED", "FRAME_SIZE_ERROR", "REFUSED_STREAM", "CANCEL", "COMPRESSION_ERROR",
	"CONNECT_ERROR", "ENHANCE_YOUR_CALM", "INADEQUATE_SECURITY", "HTTP_1_1_REQUIRED"}

// http2SettingNames are the SETTINGS identifiers Wireshark names, with the
// value field each is shown in.
var http2SettingNames = map[uint16][2]string{
	1: {"Header table size", "http2.settings.header_table_size"},
	2: {"Enable PUSH", "http2.settings.enable_push"},
	3: {"Max concurrent streams", "http2.settings.max_concurrent_streams"},
	4: {"Initial Windows size", "http2.settings.initial_window_size"},
	5: {"Max frame size", "http2.settings.max_frame_size"},
	6: {"Max header list size", "http2.settings.max_header_list_size"},
	8: {"Extended CONNECT", "http2.settings.extended_connect"},
}

// http2SettingValueLabels are the value lines' labels where they differ
// from the identifier's name.
var http2SettingValueLabels = map[uint16]string{4: "Initial Windows Size", 0: "Unknown Settings"}

// http2NamedHeaders are the headers Wireshark gives a field of their own
// (http2.headers.<name>); the rest are only http2.header.name/value.
var http2NamedHeaders = map[string]bool{
	":authority": true, ":status": true, ":path": true, ":method": true, ":scheme": true, "accept": true,
	"accept-charset": true, "accept-encoding": true, "accept-language": true, "accept-ranges": true,
	"access-control-allow-origin": true, "age": true, "allow": true, "authorization": true, "cache-control": true,
	"content-disposition": true, "content-encoding": true, "content-language": true, "content-length": true,
	"content-location": true, "content-range": true, "content-type": true, "cookie": true, "date": true,
	"etag": true, "expect": true, "expires": true, "from": true, "if-match": true, "if-modified-since": true,
	"if-none-match": true, "if-range": true, "if-unmodified-since": true, "last-modified": true, "link": true,
	"location": true, "max-forwards": true, "proxy-authenticate": true, "proxy-authorization": true,
	"range": true, "referer": true, "refresh": true, "retry-after": true, "server": true, "set-cookie": true,
	"strict-transport-security": true, "user-agent": true, "vary": true, "via": true, "www-authenticate": true,
}

// http2Conv is HTTP/2's state in one conversation.
type http2Conv struct {
	dir [2]http2Dir
	// streams are the open streams' bodies by stream ID and direction
	// (id<<1 | dir), for the media label of the DATA frame ending them.
	streams map[uint32]*http2Body
}

// http2Dir is one direction's header decoding.
type http2Dir struct {
	dec *hpack.Decoder
	// broken is set once a header block failed to decode: the dynamic
	// table is then unknown and later blocks are not decoded.
	broken bool
	// pending is a representation the previous fragment left unfinished.
	pending []byte
	// got collects the fields the decoder emits for one representation.
	got []hpack.HeaderField
}

// http2Body is what is kept of one stream's body in one direction.
type http2Body struct {
	ctype, encoding string
	head            []byte // the first bytes (http2BodyKeep)
	n               int    // bytes so far
	frames          int    // DATA frames so far
}

func http2State(c *Conv) *http2Conv {
	if c == nil {
		c = &Conv{}
	}
	if s, ok := c.State.(*http2Conv); ok {
		return s
	}
	s := &http2Conv{streams: map[uint32]*http2Body{}}
	for i := range s.dir {
		d := &s.dir[i]
		d.dec = hpack.NewDecoder(4096, func(f hpack.HeaderField) { d.got = append(d.got, f) })
		d.dec.SetMaxStringLength(http2MaxPending)
	}
	c.State = s
	return s
}

// http2PrefaceStart tells whether b begins with the connection preface:
// yes when all 24 bytes match, maybe when b is shorter and matches so far.
func http2PrefaceStart(b []byte) (yes, maybe bool) {
	n := min(len(b), len(http2Preface))
	if string(b[:n]) != http2Preface[:n] {
		return false, false
	}
	return n == len(http2Preface), n < len(http2Preface)
}

// http2PDULen delimits the preface or one frame.
func http2PDULen(c *Conv, dir uint8, b []byte) int {
	if yes, maybe := http2PrefaceStart(b); yes {
		return len(http2Preface)
	} else if maybe && len(b) < len(http2Preface) && b[0] == 'P' {
		return 0
	}
	if len(b) < http2FrameHeader {
		return 0
	}
	return http2FrameHeader + (int(b[0])<<16 | int(b[1])<<8 | int(b[2]))
}

// http2FlagNames lists a frame's set flags as Wireshark's Flags line.
func http2FlagNames(t http2Type, f uint8) string {
	var s strings.Builder
	add := func(mask uint8, name string) {
		if f&mask != 0 {
			s.WriteString(", ")
			s.WriteString(name)
		}
	}
	switch t {
	case http2Data:
		add(http2FlagPadded, "Padded")
		add(http2FlagEndStream, "End Stream")
	case http2Headers:
		add(http2FlagPriority, "Priority")
		add(http2FlagPadded, "Padded")
		add(http2FlagEndHeaders, "End Headers")
		add(http2FlagEndStream, "End Stream")
	case http2PushPromise:
		add(http2FlagPadded, "Padded")
		add(http2FlagEndHeaders, "End Headers")
	case http2Continuation:
		add(http2FlagEndHeaders, "End Headers")
	case http2Settings, http2Ping:
		add(http2FlagAck, "ACK")
	}
	return s.String()
}

// http2FlagFields are the Flags line's bit fields for frame type t.
func http2FlagFields(t http2Type, f uint8, at int) []Field {
	bit := func(name, label string, mask uint8) Field {
		return Field{Name: name, Label: bitString(uint32(f), 8, uint32(mask)) + " = " + label + ": " +
			map[bool]string{true: "True", false: "False"}[f&mask != 0], Start: at, Len: 1, Kind: FieldBool, Num: uint64(f&mask) / uint64(mask)}
	}
	unused := func(name string, mask uint8) Field {
		return UintField(name, bitString(uint32(f), 8, uint32(mask))+" = Unused: "+hex2(f&mask), at, 1, uint64(f&mask))
	}
	switch t {
	case http2Data:
		return []Field{unused("http2.flags.unused_data", 0xf6), bit("http2.flags.padded", "Padded", http2FlagPadded),
			bit("http2.flags.end_stream", "End Stream", http2FlagEndStream)}
	case http2Headers:
		return []Field{unused("http2.flags.unused_headers", 0xd2), bit("http2.flags.priority", "Priority", http2FlagPriority),
			bit("http2.flags.padded", "Padded", http2FlagPadded), bit("http2.flags.eh", "End Headers", http2FlagEndHeaders),
			bit("http2.flags.end_stream", "End Stream", http2FlagEndStream)}
	case http2PushPromise:
		return []Field{unused("http2.flags.unused_push_promise", 0xf3), bit("http2.flags.padded", "Padded", http2FlagPadded),
			bit("http2.flags.eh", "End Headers", http2FlagEndHeaders)}
	case http2Continuation:
		return []Field{unused("http2.flags.unused_continuation", 0xfb), bit("http2.flags.eh", "End Headers", http2FlagEndHeaders)}
	case http2Settings:
		return []Field{unused("http2.flags.unused_settings", 0xfe), bit("http2.flags.ack.settings", "ACK", http2FlagAck)}
	case http2Ping:
		return []Field{unused("http2.flags.unused_ping", 0xfe), bit("http2.flags.ack.ping", "ACK", http2FlagAck)}
	}
	return []Field{unused("http2.flags.unused", 0xff)}
}

// hex2 is a byte as Wireshark's BASE_HEX shows it: "0x05".
func hex2(v uint8) string {
	const digits = "0123456789abcdef"
	return "0x" + string([]byte{digits[v>>4], digits[v&15]})
}

// bits31 labels a 31-bit field after a reserved bit, as Wireshark's
// 32-bit masks do: ".000 0000 ... 0001 = Stream Identifier: 1".
func bits31(v uint32, label string) string {
	return bitString(v, 32, 0x7fffffff) + " = " + label + ": " + strconv.FormatUint(uint64(v&0x7fffffff), 10)
}

// http2Reserved is the reserved bit line before a 31-bit field.
func http2Reserved(name string, v uint32, at int) Field {
	return UintField(name, bitString(v, 32, 0x80000000)+" = Reserved: 0x"+strconv.FormatUint(uint64(v>>31), 16), at, 4, uint64(v>>31))
}

// http2Dissect shows the preface or one frame.
func http2Dissect(p *PDU, out *Out) bool {
	b := p.Data
	out.SetProto("HTTP2")
	top := Field{Name: "http2", Label: "HyperText Transfer Protocol 2", Start: 0, Len: len(b), Kind: FieldProto}
	if yes, _ := http2PrefaceStart(b); yes && p.Len == len(http2Preface) {
		out.AppendInfo(", ", "Magic")
		if out.WantTree {
			top.Children = []Field{{Name: "http2.stream", Label: "Stream: Magic", Start: 0, Len: len(b), Kind: FieldLabel,
				Children: []Field{StrField("http2.magic", `Magic: PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n`, 0, len(b), http2Preface)}}}
			out.Add(top)
		}
		return true
	}
	if len(b) < http2FrameHeader {
		return false
	}
	st := http2State(p.Conv)
	length := int(b[0])<<16 | int(b[1])<<8 | int(b[2])
	typ, flags := http2Type(b[3]), b[4]
	sid := binary.BigEndian.Uint32(b[5:9])
	stream := sid & 0x7fffffff
	pay := b[http2FrameHeader:]
	// the walker keeps at most maxPDUKeep bytes of a frame
	pay = pay[:min(len(pay), length)]
	out.AppendInfo(", ", typ.String()+"["+strconv.FormatUint(uint64(stream), 10)+"]")

	var kids []Field
	summary := ""
	switch typ {
	case http2Data:
		kids, summary = http2DataFrame(p, st, stream, flags, pay, out)
	case http2Headers, http2PushPromise, http2Continuation:
		kids, summary = http2HeaderFrame(p, st, typ, stream, flags, pay, out)
	case http2Priority:
		if len(pay) >= 5 {
			kids = http2PriorityFields(pay, http2FrameHeader)
		}
	case http2RSTStream:
		if len(pay) >= 4 {
			code := binary.BigEndian.Uint32(pay)
			kids = append(kids, UintField("http2.rst_stream.error", "Error: "+http2ErrorName(code), 9, 4, uint64(code)))
		}
	case http2Settings:
		kids = http2SettingsFrame(p, st, pay, out.WantTree)
	case http2Ping:
		if len(pay) >= 8 {
			name, label := "http2.ping", "Ping: "
			if flags&http2FlagAck != 0 {
				name, label = "http2.pong", "Pong: "
			}
			kids = append(kids, Field{Name: name, Label: label + hex.EncodeToString(pay[:8]), Start: 9, Len: 8, Kind: FieldBytes, Str: string(pay[:8])})
		}
	case http2GoAway:
		if len(pay) >= 8 {
			last, code := binary.BigEndian.Uint32(pay), binary.BigEndian.Uint32(pay[4:])
			kids = append(kids, http2Reserved("http2.goway.r", last, 9),
				UintField("http2.goaway.last_stream_id", bits31(last, "Last-Stream-ID"), 9, 4, uint64(last&0x7fffffff)),
				UintField("http2.goaway.error", "Error: "+http2ErrorName(code), 13, 4, uint64(code)))
			if len(pay) > 8 {
				kids = append(kids, Field{Name: "http2.goaway.addata", Label: "Additional Debug Data: " + hexTrunc(pay[8:]),
					Start: 17, Len: len(pay) - 8, Kind: FieldBytes, Str: string(pay[8:])})
			}
		}
	case http2WindowUpdate:
		if len(pay) >= 4 {
			v := binary.BigEndian.Uint32(pay)
			kids = append(kids, http2Reserved("http2.window_update.r", v, 9),
				UintField("http2.window_update.window_size_increment", bits31(v, "Window Size Increment"), 9, 4, uint64(v&0x7fffffff)))
		}
	}
	if !out.WantTree {
		return true
	}
	label := "Stream: " + typ.String() + ", Stream ID: " + strconv.FormatUint(uint64(stream), 10) + ", Length " + strconv.Itoa(length)
	switch {
	case typ == http2Data && flags&http2FlagEndStream == 0:
		// Wireshark reassembles a stream's body in the DATA frame ending it
		label += " (partial entity body)"
	case summary != "":
		label += ", " + summary
	}
	head := []Field{
		UintField("http2.length", "Length: "+strconv.Itoa(length), 0, 3, uint64(length)),
		UintField("http2.type", "Type: "+typ.String()+" ("+strconv.Itoa(int(typ))+")", 3, 1, uint64(typ)),
		{Name: "http2.flags", Label: "Flags: " + hex2(flags) + http2FlagNames(typ, flags), Start: 4, Len: 1, Kind: FieldUint, Num: uint64(flags),
			Children: http2FlagFields(typ, flags, 4)},
		http2Reserved("http2.r", sid, 5),
		UintField("http2.streamid", bits31(sid, "Stream Identifier"), 5, 4, uint64(stream)),
	}
	top.Children = []Field{{Name: "http2.stream", Label: label, Start: 0, Len: len(b), Kind: FieldLabel, Children: append(head, kids...)}}
	out.Add(top)
	return true
}

// http2ErrorName is an error code as Wireshark shows it: "CANCEL (8)".
func http2ErrorName(code uint32) string {
	name := "Unknown"
	if int(code) < len(http2ErrorNames) {
		name = http2ErrorNames[code]
	}
	return name + " (" + strconv.FormatUint(uint64(code), 10) + ")"
}

// http2PriorityFields are the 5 bytes of priority a PRIORITY frame or a
// HEADERS frame with the Priority flag carries, at frame offset at.
func http2PriorityFields(b []byte, at int) []Field {
	dep := binary.BigEndian.Uint32(b)
	excl := dep >> 31
	return []Field{
		{Name: "http2.exclusive", Label: bitString(dep, 32, 0x80000000) + " = Exclusive: " + map[bool]string{true: "True", false: "False"}[excl != 0],
			Start: at, Len: 4, Kind: FieldBool, Num: uint64(excl)},
		UintField("http2.stream_dependency", bits31(dep, "Stream Dependency"), at, 4, uint64(dep&0x7fffffff)),
		UintField("http2.headers.weight", "Weight: "+strconv.Itoa(int(b[4])), at+4, 1, uint64(b[4])),
		UintField("http2.headers.weight_real", "Weight real: "+strconv.Itoa(int(b[4])+1), at+4, 1, uint64(b[4])+1),
	}
}

// http2Padding splits off a padded frame's Pad Length byte and padding;
// ok is false when the padding does not fit.
func http2Padding(flags uint8, pay []byte) (body []byte, padLen int, padded, ok bool) {
	if flags&http2FlagPadded == 0 {
		return pay, 0, false, true
	}
	if len(pay) < 1 || int(pay[0]) > len(pay)-1 {
		return nil, 0, true, false
	}
	return pay[1 : len(pay)-int(pay[0])], int(pay[0]), true, true
}

// http2PadLenField is the Pad Length line: a byte when padded, else an
// empty line where it would be, as Wireshark shows both.
func http2PadLenField(padded bool, padLen int) Field {
	n := 0
	if padded {
		n = 1
	}
	return UintField("http2.pad_length", "Pad Length: "+strconv.Itoa(padLen), 9, n, uint64(padLen))
}

func http2DataFrame(p *PDU, st *http2Conv, stream uint32, flags uint8, pay []byte, out *Out) ([]Field, string) {
	data, padLen, padded, ok := http2Padding(flags, pay)
	if !ok {
		return nil, ""
	}
	key := stream<<1 | uint32(p.Dir&1)
	body := st.streams[key]
	if body == nil && len(st.streams) < http2MaxStreams {
		body = &http2Body{}
		st.streams[key] = body
	}
	if body != nil {
		body.frames++
		body.n += len(data)
		if k := min(len(data), http2BodyKeep-len(body.head)); k > 0 {
			body.head = append(body.head, data[:k]...)
		}
	}
	end := flags&http2FlagEndStream != 0
	if end && body != nil {
		delete(st.streams, key)
		if body.ctype != "" && body.n > 0 {
			h := httpHead{ctype: body.ctype, encoding: body.encoding}
			ent, eok := httpEntity(&h, body.head, body.n > len(body.head))
			if eok {
				httpMediaInfo("HTTP2", &h, ent, out)
			}
		}
	}
	if !out.WantTree {
		return nil, ""
	}
	kids := []Field{http2PadLenField(padded, padLen)}
	start := http2FrameHeader + boolInt(padded)
	switch {
	case end && body != nil && body.frames > 1:
		// Wireshark shows the body reassembled from the stream's DATA
		// frames in the one that ends it: a line with no place in this frame
		kids = append(kids, Field{Name: "http2.data.data", Label: "Data: " + hexTrunc(body.head) + ellipsisIf(body.n > 36 && len(body.head) <= 36),
			Kind: FieldBytes, Str: string(body.head)})
	case len(data) > 0:
		kids = append(kids, Field{Name: "http2.data.data", Label: "Data: " + hexTrunc(data), Start: start, Len: len(data), Kind: FieldBytes, Str: string(data)})
	}
	if padded && padLen > 0 {
		kids = append(kids, Field{Name: "http2.data.padding", Label: "Padding: " + hexTrunc(pay[len(pay)-padLen:]),
			Start: http2FrameHeader + len(pay) - padLen, Len: padLen, Kind: FieldBytes})
	}
	return kids, ""
}

// ellipsisIf is "…" when cond: a hex line of kept bytes that the value
// goes on past.
func ellipsisIf(cond bool) string {
	if cond {
		return "…"
	}
	return ""
}

func http2SettingsFrame(p *PDU, st *http2Conv, pay []byte, tree bool) []Field {
	var kids []Field
	for off := 0; off+6 <= len(pay); off += 6 {
		id, v := binary.BigEndian.Uint16(pay[off:]), binary.BigEndian.Uint32(pay[off+2:])
		if id == 1 {
			// the sender's decoder allows the peer's encoder this table
			st.dir[1-p.Dir&1].dec.SetAllowedMaxDynamicTableSize(min(v, http2MaxTableSize))
		}
		if !tree {
			continue
		}
		names, known := http2SettingNames[id]
		if !known {
			names = [2]string{"Unknown", "http2.settings.unknown"}
		}
		vlabel, ok := http2SettingValueLabels[id]
		if !ok {
			vlabel = names[0]
		}
		if !known {
			vlabel = http2SettingValueLabels[0]
		}
		at := http2FrameHeader + off
		vs := strconv.FormatUint(uint64(v), 10)
		ids := strconv.Itoa(int(id))
		name := names[0]
		if !known {
			name += " (" + ids + ")"
		}
		kids = append(kids, Field{Name: "http2.settings", Label: "Settings - " + name + " : " + vs, Start: at, Len: 6, Kind: FieldLabel,
			Children: []Field{
				UintField("http2.settings.id", "Settings Identifier: "+names[0]+" ("+ids+")", at, 2, uint64(id)),
				UintField(names[1], vlabel+": "+vs, at+2, 4, uint64(v)),
			}})
	}
	return kids
}

// http2RepKind is a header field representation (RFC 7541 §6).
type http2RepKind uint8

const (
	http2RepIndexed http2RepKind = iota
	http2RepIncremental
	http2RepWithout
	http2RepNever
	http2RepSizeUpdate
)

var http2RepNames = [...]string{"Indexed Header Field", "Literal Header Field with Incremental Indexing",
	"Literal Header Field without Indexing", "Literal Header Field never Indexed", "Dynamic Table Size Update"}

// http2Int reads an HPACK integer with an n-bit prefix (RFC 7541 §5.1)
// at b[0:]: its value and length, 0 when b ends first, -1 when it
// overflows.
func http2Int(b []byte, n uint) (v uint64, l int) {
	if len(b) == 0 {
		return 0, 0
	}
	mask := uint64(1)<<n - 1
	v = uint64(b[0]) & mask
	if v < mask {
		return v, 1
	}
	for i, m := 1, uint(0); i < len(b); i, m = i+1, m+7 {
		if m > 56 {
			return 0, -1
		}
		v += uint64(b[i]&0x7f) << m
		if b[i]&0x80 == 0 {
			return v, i + 1
		}
	}
	return 0, 0
}

// http2RepLen measures the representation at b[0:]: its length (0 when
// b ends inside it, -1 when malformed), kind and index (0 for a new name).
func http2RepLen(b []byte) (n int, kind http2RepKind, index uint64) {
	if len(b) == 0 {
		return 0, 0, 0
	}
	var prefix uint
	switch c := b[0]; {
	case c&0x80 != 0:
		kind, prefix = http2RepIndexed, 7
	case c&0xc0 == 0x40:
		kind, prefix = http2RepIncremental, 6
	case c&0xe0 == 0x20:
		kind, prefix = http2RepSizeUpdate, 5
	case c&0xf0 == 0x10:
		kind, prefix = http2RepNever, 4
	default:
		kind, prefix = http2RepWithout, 4
	}
	index, n = http2Int(b, prefix)
	if n <= 0 || kind == http2RepIndexed || kind == http2RepSizeUpdate {
		return n, kind, index
	}
	strs := 1
	if index == 0 {
		strs = 2
	}
	for range strs {
		l, k := http2Int(b[n:], 7)
		if k <= 0 {
			return k, kind, index
		}
		if l > uint64(len(b)) || n+k+int(l) > len(b) {
			return 0, kind, index
		}
		n += k + int(l)
	}
	return n, kind, index
}

// http2HeaderFrame shows a HEADERS, PUSH_PROMISE or CONTINUATION frame
// and decodes the header block fragment it carries.
func http2HeaderFrame(p *PDU, st *http2Conv, typ http2Type, stream uint32, flags uint8, pay []byte, out *Out) ([]Field, string) {
	frag, padLen, padded, ok := http2Padding(flags, pay)
	if typ == http2Continuation {
		frag, padLen, padded, ok = pay, 0, false, true
	}
	if !ok {
		return nil, ""
	}
	var kids []Field
	at := http2FrameHeader + boolInt(padded)
	if out.WantTree {
		kids = append(kids, http2PadLenField(padded, padLen))
	}
	if typ == http2Headers && flags&http2FlagPriority != 0 {
		if len(frag) < 5 {
			return kids, ""
		}
		if out.WantTree {
			kids = append(kids, http2PriorityFields(frag, at)...)
		}
		frag, at = frag[5:], at+5
	}
	if typ == http2PushPromise {
		if len(frag) < 4 {
			return kids, ""
		}
		v := binary.BigEndian.Uint32(frag)
		if out.WantTree {
			kids = append(kids, http2Reserved("http2.push_promise.r", v, at),
				UintField("http2.push_promise.promised_stream_id", bits31(v, "Promised-Stream-ID"), at, 4, uint64(v&0x7fffffff)))
		}
		frag, at = frag[4:], at+4
	}
	if out.WantTree {
		switch typ {
		case http2Headers:
			kids = append(kids, Field{Name: "http2.headers", Label: "Header Block Fragment: " + hexTrunc(frag), Start: at, Len: len(frag), Kind: FieldBytes, Str: string(frag)})
		case http2PushPromise:
			kids = append(kids, Field{Name: "http2.push_promise.header", Label: "Header Block Fragment: " + hexTrunc(frag), Start: at, Len: len(frag), Kind: FieldBytes, Str: string(frag)})
		case http2Continuation:
			kids = append(kids, StrField("http2.continuation.header", "Continuation Header: "+Printable(string(frag)), at, len(frag), string(frag)))
		}
	}
	d := &st.dir[p.Dir&1]
	hdrs, fields, updates := http2Decode(d, frag, at, out.WantTree)
	if len(hdrs) > 0 && out.WantTree {
		size := 0
		for _, h := range hdrs {
			size += len(h.Name) + len(h.Value) + 8
		}
		// Wireshark counts a table size update as a header of no length
		count := len(hdrs) + updates
		kids = append(kids, UintField("http2.header.length", "Header Length: "+strconv.Itoa(size), 0, 1, uint64(size)),
			UintField("http2.header.count", "Header Count: "+strconv.Itoa(count), 0, 1, uint64(count)))
		kids = append(kids, fields...)
	}
	if flags&http2FlagEndHeaders != 0 && !d.broken {
		// the block ends here: no representation may be left open, and
		// the next block may begin with a table size update again
		if len(d.pending) > 0 || d.dec.Close() != nil {
			d.broken, d.pending = true, nil
		}
	}
	// the request line or status of this frame's headers, as Wireshark
	// appends them (method and path only when both are in the frame)
	var method, path, scheme, authority, status, ctype, encoding string
	for _, h := range hdrs {
		switch h.Name {
		case ":method":
			method = h.Value
		case ":path":
			path = h.Value
		case ":scheme":
			scheme = h.Value
		case ":authority":
			authority = h.Value
		case ":status":
			status = h.Value
		case "content-type":
			ctype = strings.ToLower(strings.TrimSpace(strings.SplitN(h.Value, ";", 2)[0]))
		case "content-encoding":
			encoding = h.Value
		}
	}
	summary := ""
	if status != "" {
		code, _ := strconv.Atoi(status)
		text, known := httpStatusText[code]
		if !known {
			text = "Unknown"
		}
		summary = Printable(status) + " " + text
		out.AppendInfo(": ", summary)
	}
	if method != "" && path != "" {
		summary = Printable(method) + " " + Printable(path)
		out.AppendInfo(": ", summary)
	}
	if authority != "" && typ == http2Headers {
		out.NameFlow(Printable(authority))
	}
	if ctype != "" && typ != http2PushPromise {
		key := stream<<1 | uint32(p.Dir&1)
		body := st.streams[key]
		if body == nil && len(st.streams) < http2MaxStreams {
			body = &http2Body{}
			st.streams[key] = body
		}
		if body != nil {
			body.ctype, body.encoding = ctype, encoding
		}
	}
	if flags&http2FlagEndStream != 0 && typ == http2Headers {
		delete(st.streams, stream<<1|uint32(p.Dir&1))
	}
	if out.WantTree && method != "" && scheme != "" && authority != "" {
		uri := scheme + "://" + authority + path
		if path == "" {
			uri += "(null)"
		}
		kids = append(kids, StrField("http2.request.full_uri", "[Full request URI: "+Printable(uri)+"]", 0, 0, uri))
	}
	return kids, summary
}

// http2Decode decodes one header block fragment in direction d, starting
// with the representation the previous fragment left unfinished: the
// fields emitted and, with tree, their lines (at is the fragment's offset
// in the frame).
func http2Decode(d *http2Dir, frag []byte, at int, tree bool) (hdrs []hpack.HeaderField, fields []Field, updates int) {
	if d.broken {
		return nil, nil, 0
	}
	carried := len(d.pending)
	buf := frag
	if carried > 0 {
		buf = append(d.pending, frag...)
	}
	off := 0
	for off < len(buf) {
		n, kind, index := http2RepLen(buf[off:])
		if n < 0 {
			d.broken = true
			return hdrs, fields, updates
		}
		if n == 0 {
			break
		}
		d.got = d.got[:0]
		if _, err := d.dec.Write(buf[off : off+n]); err != nil || len(d.got) > 1 {
			d.broken = true
			return hdrs, fields, updates
		}
		if kind == http2RepSizeUpdate {
			updates++
		}
		if len(d.got) == 1 {
			h := d.got[0]
			hdrs = append(hdrs, h)
			if tree {
				// the representation's bytes in this frame
				start, end := off-carried, off+n-carried
				start = max(start, 0)
				fields = append(fields, http2HeaderField(h, kind, index, at+start, end-start))
			}
		}
		off += n
	}
	rest := buf[off:]
	if len(rest) > http2MaxPending {
		d.broken, d.pending = true, nil
		return hdrs, fields, updates
	}
	d.pending = append(d.pending[:0:0], rest...)
	return hdrs, fields, updates
}

// http2HeaderField is one decoded header's line. Wireshark shows its
// name and value in a "Decompressed Header" data source of its own; here
// they point at the representation's bytes in the frame.
func http2HeaderField(h hpack.HeaderField, kind http2RepKind, index uint64, at, n int) Field {
	name, value := Printable(h.Name), Printable(h.Value)
	shown := value
	if h.Name == ":status" {
		code, _ := strconv.Atoi(h.Value)
		text, known := httpStatusText[code]
		if !known {
			text = "Unknown"
		}
		shown = value + " " + text
	}
	repr := http2RepNames[kind]
	if kind != http2RepIndexed {
		if index == 0 {
			repr += " - New Name"
		} else {
			repr += " - Indexed Name"
		}
	}
	kids := []Field{
		StrField("http2.header.name", "Name: "+name, at, n, h.Name),
		StrField("http2.header.value", "Value: "+value, at, n, h.Value),
	}
	if http2NamedHeaders[h.Name] {
		fn := "http2.headers." + strings.ReplaceAll(strings.TrimPrefix(h.Name, ":"), "-", "_")
		f := StrField(fn, name+": "+value, at, n, h.Value)
		if v, err := strconv.ParseUint(h.Value, 10, 64); err == nil && (h.Name == ":status" || h.Name == "age" ||
			h.Name == "content-length" || h.Name == "max-forwards") {
			f.Kind, f.Num, f.Str = FieldUint, v, ""
		}
		kids = append(kids, f)
	}
	kids = append(kids, StrField("http2.header.repr", "Representation: "+repr, at, 1, repr))
	if index > 0 {
		kids = append(kids, UintField("http2.header.index", "Index: "+strconv.FormatUint(index, 10), at, 1, index))
	}
	return Field{Name: "http2.header", Label: "Header: " + name + ": " + shown, Start: at, Len: n, Kind: FieldLabel, Children: kids}
}

var http2Dissector = &Dissector{
	Name:    "http2",
	PDULen:  http2PDULen,
	Dissect: http2Dissect,
	Fields: []FieldDef{
		{Name: "http2.stream", Desc: "Stream", Kind: FieldLabel},
		{Name: "http2.magic", Desc: "Magic", Kind: FieldString},
		{Name: "http2.length", Desc: "Length", Kind: FieldUint, Bits: 32},
		{Name: "http2.type", Desc: "Type", Kind: FieldUint, Bits: 8},
		{Name: "http2.flags", Desc: "Flags", Kind: FieldUint, Bits: 8},
		{Name: "http2.flags.end_stream", Desc: "End Stream", Kind: FieldBool},
		{Name: "http2.flags.eh", Desc: "End Headers", Kind: FieldBool},
		{Name: "http2.flags.padded", Desc: "Padded", Kind: FieldBool},
		{Name: "http2.flags.priority", Desc: "Priority", Kind: FieldBool},
		{Name: "http2.flags.ack.settings", Desc: "ACK", Kind: FieldBool},
		{Name: "http2.flags.ack.ping", Desc: "ACK", Kind: FieldBool},
		{Name: "http2.r", Desc: "Reserved", Kind: FieldUint, Bits: 32},
		{Name: "http2.streamid", Desc: "Stream Identifier", Kind: FieldUint, Bits: 32},
		{Name: "http2.pad_length", Desc: "Pad Length", Kind: FieldUint, Bits: 16},
		{Name: "http2.exclusive", Desc: "Exclusive", Kind: FieldBool},
		{Name: "http2.stream_dependency", Desc: "Stream Dependency", Kind: FieldUint, Bits: 32},
		{Name: "http2.headers.weight", Desc: "Weight", Kind: FieldUint, Bits: 8},
		{Name: "http2.headers.weight_real", Desc: "Weight real", Kind: FieldUint, Bits: 8},
		{Name: "http2.data.data", Desc: "Data", Kind: FieldBytes},
		{Name: "http2.data.padding", Desc: "Padding", Kind: FieldBytes},
		{Name: "http2.headers", Desc: "Header Block Fragment", Kind: FieldBytes},
		{Name: "http2.header", Desc: "Header", Kind: FieldLabel},
		{Name: "http2.header.length", Desc: "Header Length", Kind: FieldUint, Bits: 32},
		{Name: "http2.header.count", Desc: "Header Count", Kind: FieldUint, Bits: 32},
		{Name: "http2.header.name", Desc: "Name", Kind: FieldString},
		{Name: "http2.header.value", Desc: "Value", Kind: FieldString},
		{Name: "http2.header.repr", Desc: "Representation", Kind: FieldString},
		{Name: "http2.header.index", Desc: "Index", Kind: FieldUint, Bits: 32},
		{Name: "http2.headers.method", Desc: ":method", Kind: FieldString},
		{Name: "http2.headers.path", Desc: ":path", Kind: FieldString},
		{Name: "http2.headers.authority", Desc: ":authority", Kind: FieldString},
		{Name: "http2.headers.scheme", Desc: ":scheme", Kind: FieldString},
		{Name: "http2.headers.status", Desc: ":status", Kind: FieldUint, Bits: 16},
		{Name: "http2.headers.content_type", Desc: "content-type", Kind: FieldString},
		{Name: "http2.headers.content_length", Desc: "content-length", Kind: FieldUint, Bits: 64},
		{Name: "http2.headers.user_agent", Desc: "user-agent", Kind: FieldString},
		{Name: "http2.headers.server", Desc: "server", Kind: FieldString},
		{Name: "http2.headers.cookie", Desc: "cookie", Kind: FieldString},
		{Name: "http2.headers.set_cookie", Desc: "set-cookie", Kind: FieldString},
		{Name: "http2.headers.location", Desc: "location", Kind: FieldString},
		{Name: "http2.request.full_uri", Desc: "Full request URI", Kind: FieldString},
		{Name: "http2.rst_stream.error", Desc: "Error", Kind: FieldUint, Bits: 32},
		{Name: "http2.settings", Desc: "Settings", Kind: FieldLabel},
		{Name: "http2.settings.id", Desc: "Settings Identifier", Kind: FieldUint, Bits: 16},
		{Name: "http2.settings.header_table_size", Desc: "Header table size", Kind: FieldUint, Bits: 32},
		{Name: "http2.settings.enable_push", Desc: "Enable PUSH", Kind: FieldUint, Bits: 32},
		{Name: "http2.settings.max_concurrent_streams", Desc: "Max concurrent streams", Kind: FieldUint, Bits: 32},
		{Name: "http2.settings.initial_window_size", Desc: "Initial Windows Size", Kind: FieldUint, Bits: 32},
		{Name: "http2.settings.max_frame_size", Desc: "Max frame size", Kind: FieldUint, Bits: 32},
		{Name: "http2.settings.max_header_list_size", Desc: "Max header list size", Kind: FieldUint, Bits: 32},
		{Name: "http2.settings.extended_connect", Desc: "Extended CONNECT", Kind: FieldUint, Bits: 32},
		{Name: "http2.settings.unknown", Desc: "Unknown Settings", Kind: FieldUint, Bits: 32},
		{Name: "http2.push_promise.promised_stream_id", Desc: "Promised-Stream-ID", Kind: FieldUint, Bits: 32},
		{Name: "http2.ping", Desc: "Ping", Kind: FieldBytes},
		{Name: "http2.pong", Desc: "Pong", Kind: FieldBytes},
		{Name: "http2.goaway.last_stream_id", Desc: "Last-Stream-ID", Kind: FieldUint, Bits: 32},
		{Name: "http2.goaway.error", Desc: "Error", Kind: FieldUint, Bits: 32},
		{Name: "http2.goaway.addata", Desc: "Additional Debug Data", Kind: FieldBytes},
		{Name: "http2.window_update.window_size_increment", Desc: "Window Size Increment", Kind: FieldUint, Bits: 32},
		{Name: "http2.continuation.header", Desc: "Continuation Header", Kind: FieldString},
	},
}

func init() {
	// no port and no heuristic, as in Wireshark 4.0's defaults: HTTP
	// hands the conversations over (proto_http.go)
	RegisterTCP(http2Dissector)
}
