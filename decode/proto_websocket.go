package decode

import (
	"bytes"
	"compress/flate"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// WebSocket (RFC 6455) as Wireshark 4.0's websocket dissector shows it,
// after an HTTP/1.1 101 that accepted "Upgrade: websocket" (proto_http.go
// delimits the frames and calls wsDissect for each):
//
//   - Info is that of the segment's last frame: the dissector sets the
//     column anew for every frame ("WebSocket Text [FIN] [MASKED]", a frame
//     that is not the last of its message "WebSocket Text[FRAGMENT]  ").
//   - The tree: the header bits, the extended length, the masking key, then
//     "Payload" holding the unmasked text, the close status and reason, the
//     ping or pong bytes. A client's masked payload is shown by tshark from
//     an "Unmasked data" source of its own, so those lines have no place in
//     the frame here either (Unplace).
//   - A text payload goes on to "Line-based text data", a binary one to
//     "Data" (the text_type preference is None; ladder has no subprotocol
//     dissectors, so Sec-WebSocket-Protocol is not followed).
//   - Messages in several frames are put together per direction as
//     tshark's reassembly does: a frame with payload is a fragment when it
//     is not FIN or is a Continuation; the message is complete at a FIN
//     Continuation with payload (an empty last frame leaves it open, and the
//     next message's fragments join it, as in tshark), and the reassembled
//     payload is then dissected with the first fragment's opcode.
//   - permessage-deflate (RFC 7692): a single-frame data message whose RSV1
//     is set is inflated, with the window of earlier messages unless the
//     extension says no_context_takeover; fragmented compressed messages are
//     not inflated (tshark 4.0 skips them, and so its window misses their
//     bytes: later messages may then fail, "Decompression failed").

// wsOpcode is a WebSocket frame's opcode.
type wsOpcode uint8

const (
	wsContinuation wsOpcode = 0
	wsText         wsOpcode = 1
	wsBinary       wsOpcode = 2
	wsClose        wsOpcode = 8
	wsPing         wsOpcode = 9
	wsPong         wsOpcode = 10
)

var wsOpcodeNames = map[wsOpcode]string{wsContinuation: "Continuation", wsText: "Text", wsBinary: "Binary",
	wsClose: "Connection Close", wsPing: "Ping", wsPong: "Pong"}

// wsCloseCodes are packet-websocket.c's ws_close_status_code_vals.
var wsCloseCodes = map[uint16]string{1000: "Normal Closure", 1001: "Going Away", 1002: "Protocol error",
	1003: "Unsupported Data", 1004: "---Reserved----", 1005: "No Status Rcvd", 1006: "Abnormal Closure",
	1007: "Invalid frame payload data", 1008: "Policy Violation", 1009: "Message Too Big", 1010: "Mandatory Ext.",
	1011: "Internal Server", 1015: "TLS handshake"}

// wsMaxMessage bounds the bytes kept of a message put together from
// fragments and of an inflated payload.
const wsMaxMessage = 1 << 20

// wsConv is the WebSocket state of one conversation.
type wsConv struct {
	// deflate is set when the handshake's Sec-WebSocket-Extensions named
	// permessage-deflate (or x-webkit-deflate-frame): RSV1 is then shown as
	// "Per-Message Compressed" and compressed messages are inflated.
	deflate bool
	// per direction (PDU.Dir: 0 client to server, 1 server to client)
	dir [2]wsDir
	// fence follows the Info column across the frames of one packet
	fence infoFence
}

// wsDir is what one direction of a conversation keeps.
type wsDir struct {
	// window bits and context takeover of the inflater
	wbits      int
	noTakeover bool
	// history is the end of the inflated stream so far (the window), and
	// failed says the inflater hit an error: zlib's stream then stays bad.
	history []byte
	failed  bool
	// the message being put together from fragments
	frags   []wsFrag
	msg     []byte
	msgLen  int
	opcode  wsOpcode
	started bool
}

// wsFrag is one fragment of a message: the frame (1-based) and its length.
type wsFrag struct{ frame, n int }

// newWSConv reads the accepted Sec-WebSocket-Extensions as
// packet-websocket.c's websocket_parse_extensions does. Its inflater for
// the client's messages (sent to the server port) takes the server_*
// parameters, and the server's the client_* ones, as that code does.
func newWSConv(ext string) *wsConv {
	c := &wsConv{deflate: strings.Contains(ext, "permessage-deflate") || strings.Contains(ext, "x-webkit-deflate-frame"),
		fence: infoFence{frame: -1}}
	c.dir[0] = wsDir{wbits: wsWindowBits(ext, "server_max_window_bits="), noTakeover: strings.Contains(ext, "server_no_context_takeover")}
	c.dir[1] = wsDir{wbits: wsWindowBits(ext, "client_max_window_bits="), noTakeover: strings.Contains(ext, "client_no_context_takeover")}
	return c
}

// wsWindowBits is a max_window_bits parameter's value, 8 to 15, or 15.
func wsWindowBits(ext, key string) int {
	i := strings.Index(ext, key)
	if i < 0 {
		return 15
	}
	s := ext[i+len(key):]
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	if n == 0 || n < len(s) && !strings.ContainsRune(";\t ", rune(s[n])) {
		return 15
	}
	v, err := strconv.Atoi(s[:n])
	switch {
	case err != nil || v > 255:
		return 15
	case v < 8:
		return 8
	case v > 15:
		return 15
	}
	return v
}

// wsState is the conversation's WebSocket state, made on first use.
func (st *httpConv) wsState() *wsConv {
	if st.ws == nil {
		st.ws = newWSConv("")
	}
	return st.ws
}

// wsHeader reads a frame header: its length, the payload length and
// where the payload starts; ok false when b is too short to tell.
func wsHeader(b []byte) (hdr int, payload uint64, ok bool) {
	if len(b) < 2 {
		return 0, 0, false
	}
	hdr = 2
	payload = uint64(b[1] & 0x7f)
	switch payload {
	case 126:
		if len(b) < 4 {
			return 0, 0, false
		}
		payload, hdr = uint64(b[2])<<8|uint64(b[3]), 4
	case 127:
		if len(b) < 10 {
			return 0, 0, false
		}
		payload = 0
		for _, c := range b[2:10] {
			payload = payload<<8 | uint64(c)
		}
		hdr = 10
	}
	if b[1]&0x80 != 0 {
		hdr += 4
	}
	return hdr, payload, true
}

// wsFrameLen delimits one frame (get_websocket_frame_length). Wireshark
// keeps the 64-bit length in 32 bits.
func wsFrameLen(b []byte) int {
	hdr, n, ok := wsHeader(b)
	if !ok {
		return 0
	}
	n &= 0xffffffff
	if n > 1<<40 {
		return len(b)
	}
	return hdr + int(n)
}

// wsDissect shows one frame.
func wsDissect(c *wsConv, p *PDU, out *Out) {
	b := p.Data
	hdr, n64, ok := wsHeader(b)
	if !ok || hdr > len(b) {
		return // the framing hands over whole headers only
	}
	n := int(n64 & 0xffffffff)
	fin, masked, op := b[0]&0x80 != 0, b[1]&0x80 != 0, wsOpcode(b[0]&0x0f)
	name, known := wsOpcodeNames[op]
	if !known {
		name = "Unknown Opcode"
	}
	out.SetProto("WebSocket")
	info := "WebSocket " + name
	if fin {
		info += " [FIN]"
	} else {
		info += "[FRAGMENT] "
	}
	if masked {
		info += " [MASKED]"
	} else {
		info += " "
	}
	c.fence.set(p, out, info)

	// the payload as the dissector reads it: unmasked, cut to what we hold
	po := hdr
	var pl []byte
	if po < len(b) {
		pl = b[po:min(len(b), po+n)]
	}
	if masked && len(pl) > 0 {
		key := b[po-4 : po]
		u := make([]byte, len(pl))
		for i := range pl {
			u[i] = pl[i] ^ key[i%4]
		}
		pl = u
	}
	d := &c.dir[p.Dir&1]
	// what follows "Payload": lines inside it and layers after the frame's
	var inPayload, after []Field
	placed := !masked // tshark shows a masked payload from "Unmasked data"
	if n > 0 {
		inPayload, after, placed = wsPayload(c, d, p, op, fin, b[0]&0x40 != 0, pl, n, placed, out.WantTree)
	}
	if !out.WantTree {
		return
	}
	bit := func(v bool) string {
		if v {
			return "1"
		}
		return "0"
	}
	tf := map[bool]string{true: "True", false: "False"}
	top := Field{Name: "websocket", Label: "WebSocket", Start: 0, Len: min(hdr, len(b)), Kind: FieldProto}
	rsv := (b[0] >> 4) & 7
	kids := []Field{
		{Name: "websocket.fin", Label: bit(fin) + "... .... = Fin: " + tf[fin], Start: 0, Len: 1, Kind: FieldBool, Num: uint64(boolInt(fin))},
		UintField("websocket.rsv", "."+bits3(rsv)+" .... = Reserved: 0x"+strconv.FormatUint(uint64(rsv), 16), 0, 1, uint64(rsv)),
	}
	if c.deflate {
		pmc := b[0]&0x40 != 0
		kids = append(kids, Field{Name: "websocket.pmc", Label: "." + bit(pmc) + ".. .... = Per-Message Compressed: " + tf[pmc],
			Start: 0, Len: 1, Kind: FieldBool, Num: uint64(boolInt(pmc))})
	}
	opName := name
	if !known {
		opName = "Unknown"
	}
	short := b[1] & 0x7f
	lenLabel := "." + bits3(short>>4) + " " + bits4(short&15) + " = Payload length: " + strconv.Itoa(int(short))
	switch short {
	case 126:
		lenLabel += " Extended Payload Length (16 bits)"
	case 127:
		lenLabel += " Extended Payload Length (64 bits)"
	}
	kids = append(kids,
		UintField("websocket.opcode", ".... "+bits4(uint8(op))+" = Opcode: "+opName+" ("+strconv.Itoa(int(op))+")", 0, 1, uint64(op)),
		Field{Name: "websocket.mask", Label: bit(masked) + "... .... = Mask: " + tf[masked], Start: 1, Len: 1, Kind: FieldBool, Num: uint64(boolInt(masked))},
		UintField("websocket.payload_length", lenLabel, 1, 1, uint64(short)))
	switch short {
	case 126:
		kids = append(kids, UintField("websocket.payload_length_ext_16", "Extended Payload length (16 bits): "+strconv.FormatUint(n64, 10), 2, 2, n64))
	case 127:
		kids = append(kids, UintField("websocket.payload_length_ext_64", "Extended Payload length (64 bits): "+strconv.FormatUint(n64, 10), 2, 8, n64))
	}
	if masked {
		key := b[po-4 : po]
		kids = append(kids, Field{Name: "websocket.masking_key", Label: "Masking-Key: " + hexString(key), Start: po - 4, Len: 4,
			Kind: FieldBytes, Str: string(key)})
	}
	if n > 0 {
		// a PDU the walker hands over holds the whole frame; a shorter one
		// (fuzzing) gets lines no longer than its bytes
		span := min(n, max(0, p.Len-po), max(0, len(b)-po))
		if p.Len < po+n {
			Unplace(inPayload)
			Unplace(after)
			placed = false
		}
		payload := Field{Name: "websocket.payload", Label: "Payload", Start: min(po, len(b)), Len: span, Kind: FieldLabel}
		if masked {
			kids = append(kids, Field{Name: "websocket.masked_payload", Label: "Masked payload", Start: min(po, len(b)), Len: span, Kind: FieldLabel})
			// tshark's item lies at the frame's start in its own tvb
			payload.Start = 0
		}
		if placed {
			Shift(inPayload, po)
			Shift(after, po)
		} else {
			Unplace(inPayload)
			Unplace(after)
		}
		if masked {
			payload.Len = min(n, len(b))
		}
		payload.Children = inPayload
		kids = append(kids, payload)
	}
	top.Children = kids
	out.Add(top)
	for _, f := range after {
		out.Add(f)
	}
}

// wsPayload follows the payload of a frame (n bytes, pl what is held,
// unmasked): control frames' bodies, fragments, inflation, and the text or
// data it carries. It returns the lines inside "Payload" and the layers
// after the frame, with offsets relative to the payload, and whether they
// lie in the frame (placed) or in bytes tshark built (unmasked, inflated,
// reassembled).
func wsPayload(c *wsConv, d *wsDir, p *PDU, op wsOpcode, fin, rsv1 bool, pl []byte, n int, placed, tree bool) (in, after []Field, stillPlaced bool) {
	if op&8 != 0 {
		if tree {
			in = wsControl(op, pl, n)
		}
		return in, nil, placed
	}
	data, total := pl, n
	if !fin || op == wsContinuation {
		// a fragment: packet-websocket.c hands it to fragment_add_seq_next
		if !d.started {
			d.started, d.frags, d.msg, d.msgLen = true, d.frags[:0], d.msg[:0], 0
			if op != wsContinuation {
				d.opcode = op
			}
		} else if op != wsContinuation {
			d.opcode = op
		}
		if len(d.frags) < 4096 {
			d.frags = append(d.frags, wsFrag{frame: p.Frame + 1, n: n})
		}
		if room := wsMaxMessage - len(d.msg); room > 0 {
			d.msg = append(d.msg, pl[:min(len(pl), room)]...)
		}
		d.msgLen += n
		if !(fin && op == wsContinuation) {
			if op == wsContinuation && tree {
				after = append(after, Field{Name: "websocket.payload.continue", Label: "Continue: " + hexEllipsis(pl),
					Start: 0, Len: n, Kind: FieldBytes, Str: string(pl)})
			}
			return nil, after, placed
		}
		// the last fragment: the message is whole
		frags, msgLen := d.frags, d.msgLen
		data, op, total = d.msg, d.opcode, msgLen
		d.started = false
		if tree {
			after = append(after, wsFragmentsTree(frags, msgLen))
		}
		placed = false
	} else if c.deflate && rsv1 {
		if !tree && d.noTakeover {
			return nil, nil, false // nothing to keep for later messages
		}
		out, ok := d.inflate(pl)
		if !ok {
			return nil, nil, false
		}
		data, placed, total = out, false, len(out)
	}
	if !tree {
		return nil, nil, placed
	}
	switch op {
	case wsText:
		in = append(in, StrField("websocket.payload.text", "Text: "+wsString(data), 0, total, string(data)))
		after = append(after, wsTextLines(data, total))
	case wsBinary:
		after = append(after, Field{Label: "Data (" + strconv.Itoa(total) + " bytes)", Start: 0, Len: total, Kind: FieldProto,
			Children: []Field{
				{Name: "data.data", Label: "Data: " + hexEllipsis(data), Start: 0, Len: total, Kind: FieldBytes, Str: string(data)},
				UintField("data.len", "Length: "+strconv.Itoa(total), 0, 0, uint64(total)),
			}})
	default:
		in = append(in, Field{Name: "websocket.payload.unknown", Label: "Unknown: " + hexEllipsis(data), Start: 0, Len: total,
			Kind: FieldBytes, Str: string(data)})
	}
	return in, after, placed
}

// wsControl is the body of a Close, Ping or Pong frame.
func wsControl(op wsOpcode, pl []byte, n int) []Field {
	switch op {
	case wsClose:
		f := Field{Name: "websocket.payload.close", Label: "Close", Start: 0, Len: n, Kind: FieldLabel}
		if len(pl) >= 2 {
			code := uint16(pl[0])<<8 | uint16(pl[1])
			name, ok := wsCloseCodes[code]
			if !ok {
				name = "Unknown"
			}
			f.Children = append(f.Children, UintField("websocket.payload.close.status_code",
				"Status code: "+name+" ("+strconv.Itoa(int(code))+")", 0, 2, uint64(code)))
			if len(pl) > 2 {
				r := pl[2:]
				f.Children = append(f.Children, StrField("websocket.payload.close.reason", "Reason: "+wsString(r), 2, len(r), string(r)))
			}
		}
		return []Field{f}
	case wsPing:
		return []Field{{Name: "websocket.payload.ping", Label: "Ping: " + hexEllipsis(pl), Start: 0, Len: n, Kind: FieldBytes, Str: string(pl)}}
	case wsPong:
		return []Field{{Name: "websocket.payload.pong", Label: "Pong: " + hexEllipsis(pl), Start: 0, Len: n, Kind: FieldBytes, Str: string(pl)}}
	}
	return []Field{{Name: "websocket.payload.unknown", Label: "Unknown: " + hexEllipsis(pl), Start: 0, Len: n, Kind: FieldBytes, Str: string(pl)}}
}

// wsFragmentsTree is the reassembly's summary of a message's fragments.
func wsFragmentsTree(frags []wsFrag, total int) Field {
	var sb strings.Builder
	sb.WriteString(strconv.Itoa(len(frags)) + " Reassembled websocket Fragments (" + strconv.Itoa(total) + " bytes): ")
	f := Field{Name: "websocket.fragments", Start: 0, Len: total, Kind: FieldLabel}
	at := 0
	for i, fr := range frags {
		if i > 0 {
			sb.WriteString(", ")
		}
		sb.WriteString("#" + strconv.Itoa(fr.frame) + "(" + strconv.Itoa(fr.n) + ")")
		end := at + fr.n - 1
		bytesWord := " bytes)"
		if fr.n == 1 {
			bytesWord = " byte)"
		}
		f.Children = append(f.Children, UintField("websocket.fragment", "Frame: "+strconv.Itoa(fr.frame)+", payload: "+
			strconv.Itoa(at)+"-"+strconv.Itoa(end)+" ("+strconv.Itoa(fr.n)+bytesWord, at, fr.n, uint64(fr.frame)))
		at += fr.n
	}
	f.Label = sb.String()
	f.Children = append(f.Children,
		UintField("websocket.fragment.count", "Fragment count: "+strconv.Itoa(len(frags)), 0, 0, uint64(len(frags))),
		UintField("websocket.reassembled.length", "Reassembled websocket Payload length: "+strconv.Itoa(total), 0, 0, uint64(total)))
	return f
}

// wsString is a UTF-8 string field's value as Wireshark labels it: cut at
// the first NUL, invalid bytes shown as U+FFFD, control bytes escaped.
func wsString(b []byte) string {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		b = b[:i]
	}
	return formatText(wsValidUTF8(b))
}

// wsTextLines is the "Line-based text data" layer of a text payload of
// total bytes, b of which are held.
func wsTextLines(b []byte, total int) Field {
	f := Field{Name: "data-text-lines", Start: 0, Len: total, Kind: FieldProto}
	at, lines := 0, 0
	for at < len(b) {
		_, next, _ := httpLineEnd(b, at)
		if lines < 64 {
			f.Children = append(f.Children, Field{Label: formatText(wsValidUTF8(b[at:next])), Start: at, Len: next - at})
		}
		lines++
		at = next
	}
	f.Label = "Line-based text data (" + strconv.Itoa(lines) + " lines)"
	return f
}

// wsValidUTF8 replaces each byte that is not part of valid UTF-8 by
// U+FFFD, as Wireshark's ENC_UTF_8 strings do.
func wsValidUTF8(b []byte) []byte {
	if utf8.Valid(b) {
		return b
	}
	out := make([]byte, 0, len(b)+8)
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 {
			out = append(out, "\uFFFD"...)
		} else {
			out = append(out, b[:size]...)
		}
		b = b[size:]
	}
	return out
}

// inflate decompresses one message (RFC 7692 §7.2.2: the payload with
// 00 00 ff ff appended), continuing the direction's stream unless context
// takeover is off. A stream that failed once stays failed, as zlib's does.
func (d *wsDir) inflate(pl []byte) ([]byte, bool) {
	if d.failed {
		return nil, false
	}
	in := make([]byte, 0, len(pl)+4)
	in = append(append(in, pl...), 0, 0, 0xff, 0xff)
	var dict []byte
	if !d.noTakeover {
		dict = d.history
	}
	r := flate.NewReaderDict(bytes.NewReader(in), dict)
	var out bytes.Buffer
	_, err := io.Copy(&out, io.LimitReader(r, wsMaxMessage))
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		if !d.noTakeover {
			d.failed = true
		}
		return nil, false
	}
	if !d.noTakeover {
		w := 1 << d.wbits
		h := append(d.history, out.Bytes()...)
		if len(h) > w {
			h = append([]byte(nil), h[len(h)-w:]...)
		}
		d.history = h
	}
	return out.Bytes(), true
}

// infoFence follows Wireshark's Info column across the PDUs of one packet
// for dissectors that set the column per PDU (col_set_str): after a PDU
// reassembled from earlier segments, TCP fences the column when more bytes
// follow, so the next PDU's text is added after it instead of replacing it
// (tshark 4.0 shows "Git Smart ProtocolGit Smart Protocol").
type infoFence struct {
	frame  int
	fenced bool
}

func (f *infoFence) set(p *PDU, out *Out, s string) {
	if p.Frame != f.frame {
		f.frame, f.fenced = p.Frame, false
	}
	if f.fenced {
		out.AppendInfo("", s)
	} else {
		out.SetInfo(s)
	}
	if len(p.Segments) > 1 {
		f.fenced = true
	}
}

// bits3 prints the low three bits of v.
func bits3(v uint8) string {
	return string([]byte{'0' + v>>2&1, '0' + v>>1&1, '0' + v&1})
}

func boolInt(v bool) int {
	if v {
		return 1
	}
	return 0
}

// websocketDissector carries WebSocket's filter fields, and dissects a
// conversation handed to it outside HTTP (tests, fuzzing); HTTP's own
// frames go through wsDissect from proto_http.go.
var websocketDissector = &Dissector{
	Name: "websocket",
	PDULen: func(c *Conv, dir uint8, b []byte) int {
		return wsFrameLen(b)
	},
	Dissect: func(p *PDU, out *Out) bool {
		var c *wsConv
		if p.Conv != nil {
			if s, ok := p.Conv.State.(*wsConv); ok {
				c = s
			} else {
				c = newWSConv("permessage-deflate")
				p.Conv.State = c
			}
		} else {
			c = newWSConv("permessage-deflate")
		}
		wsDissect(c, p, out)
		return true
	},
	Fields: []FieldDef{
		{Name: "websocket.fin", Desc: "Fin", Kind: FieldBool},
		{Name: "websocket.rsv", Desc: "Reserved", Kind: FieldUint, Bits: 8},
		{Name: "websocket.pmc", Desc: "Per-Message Compressed", Kind: FieldBool},
		{Name: "websocket.opcode", Desc: "Opcode", Kind: FieldUint, Bits: 8},
		{Name: "websocket.mask", Desc: "Mask", Kind: FieldBool},
		{Name: "websocket.payload_length", Desc: "Payload length", Kind: FieldUint, Bits: 8},
		{Name: "websocket.payload_length_ext_16", Desc: "Extended Payload length (16 bits)", Kind: FieldUint, Bits: 16},
		{Name: "websocket.payload_length_ext_64", Desc: "Extended Payload length (64 bits)", Kind: FieldUint, Bits: 64},
		{Name: "websocket.masking_key", Desc: "Masking-Key", Kind: FieldBytes},
		{Name: "websocket.payload", Desc: "Payload", Kind: FieldLabel},
		{Name: "websocket.masked_payload", Desc: "Masked payload", Kind: FieldLabel},
		{Name: "websocket.payload.continue", Desc: "Continue", Kind: FieldBytes},
		{Name: "websocket.payload.text", Desc: "Text", Kind: FieldString},
		{Name: "websocket.payload.close", Desc: "Close", Kind: FieldLabel},
		{Name: "websocket.payload.close.status_code", Desc: "Status code", Kind: FieldUint, Bits: 16},
		{Name: "websocket.payload.close.reason", Desc: "Reason", Kind: FieldString},
		{Name: "websocket.payload.ping", Desc: "Ping", Kind: FieldBytes},
		{Name: "websocket.payload.pong", Desc: "Pong", Kind: FieldBytes},
		{Name: "websocket.payload.unknown", Desc: "Unknown", Kind: FieldBytes},
		{Name: "websocket.fragments", Desc: "Reassembled websocket Fragments", Kind: FieldLabel},
		{Name: "websocket.fragment", Desc: "Websocket Fragment", Kind: FieldUint, Bits: 32},
		{Name: "websocket.fragment.count", Desc: "Fragment count", Kind: FieldUint, Bits: 32},
		{Name: "websocket.reassembled.length", Desc: "Reassembled websocket Payload length", Kind: FieldUint, Bits: 32},
		{Name: "data-text-lines", Desc: "Line-based text data", Kind: FieldProto},
	},
}

func init() {
	RegisterTCP(websocketDissector)
}
