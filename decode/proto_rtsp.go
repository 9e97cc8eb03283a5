package decode

import (
	"bytes"
	"encoding/binary"
	"strconv"
	"strings"
)

// RTSP (RFC 2326) as Wireshark 4.0's rtsp dissector (packet-rtsp.c) shows
// it on its TCP ports 554, 8554 and 7236. The Info column is a request's
// first line as it stands ("DESCRIBE rtsp://h/x RTSP/1.0"), "Reply: " and a
// reply's status line, "Continuation" for bytes that start neither; the
// last message of a segment writes it. A message is its header block and,
// by Content-Length, its body (a request without one has none); an SDP
// body goes to the SDP layer and the Protocol column reads "RTSP/SDP".
// Interleaved frames (RFC 2326 10.12: "$", a channel, a 16-bit length)
// read "Interleaved channel 0x00, 1036 bytes" (Protocol column left to
// TCP) unless a Transport header
// of the connection mapped the channel ("interleaved=0-1" on an RTP
// transport: RTP, then RTCP), when RTP or RTCP dissects the frame. RTP
// there has no conversation at its first frame per direction; the later
// ones show "Stream setup by DECODE AS (frame N)", N the first.
//
// A Transport header with client_port (request or reply) sets up RTP on
// the packet's destination address and the client's port, with the
// server's port as the peer's when it gives one, and RTCP on the second
// client port, any peer port (rtspAnnounces): proto_rtp.go dissects those UDP datagrams and
// flow_sdp.go numbers their udp.stream, as for SIP's SDP. Hand-written:
// gopacket has no RTSP layer.

// rtspPorts are tshark -G decodes' tcp.port entries for rtsp.
var rtspPorts = [...]uint16{554, 8554, 7236}

func rtspPort(p uint16) bool {
	for _, q := range rtspPorts {
		if p == q {
			return true
		}
	}
	return false
}

// rtspMethods are the methods packet-rtsp.c takes a request by.
var rtspMethods = [...]string{"DESCRIBE", "ANNOUNCE", "GET_PARAMETER", "OPTIONS", "PAUSE", "PLAY", "RECORD",
	"REDIRECT", "SETUP", "SET_PARAMETER", "TEARDOWN"}

const (
	rtspOther = iota
	rtspRequest
	rtspReply
)

// rtspSetupMethod is the setup method RTP names an RTSP conversation by.
const rtspSetupMethod = "RTSP"

// rtspClassify tells a first line's kind as is_rtsp_request_or_reply does:
// "RTSP/" in any case begins a reply, a method (any case) followed by
// white space or the line's end a request.
func rtspClassify(line []byte) int {
	if len(line) >= 5 && strings.EqualFold(string(line[:5]), "RTSP/") {
		return rtspReply
	}
	for _, m := range rtspMethods {
		if len(line) >= len(m) && strings.EqualFold(string(line[:len(m)]), m) &&
			(len(line) == len(m) || line[len(m)] == ' ' || line[len(m)] == '\t') {
			return rtspRequest
		}
	}
	return rtspOther
}

// rtspMaxHeaders bounds the lines read from one header block.
const rtspMaxHeaders = 1024

// rtspHead finds the end of a header block that starts at 0 (after its
// first line), and the Content-Length it gives (-1 for none or a bad one);
// ok is false when b ends first.
func rtspHead(b []byte) (bodyStart, clen int, ok bool) {
	clen = -1
	_, next, ok := httpLineEnd(b, 0)
	if !ok {
		return 0, -1, false
	}
	for i := 0; i < rtspMaxHeaders; i++ {
		n, nx, ok := httpLineEnd(b, next)
		if !ok {
			return 0, -1, false
		}
		if n == 0 {
			return nx, clen, true
		}
		if v, ok := rtspHeaderValue(b[next:next+n], "Content-Length:"); ok {
			clen = rtspContentLength(v)
		}
		next = nx
	}
	return len(b), clen, true
}

// rtspHeaderValue returns the value of line when it is header name (with
// its colon, matched in any case), white space skipped.
func rtspHeaderValue(line []byte, name string) ([]byte, bool) {
	if len(line) <= len(name) || !strings.EqualFold(string(line[:len(name)]), name) {
		return nil, false
	}
	return bytes.TrimLeft(line[len(name):], " \t"), true
}

// rtspContentLength reads a Content-Length as rtsp_get_content_length does:
// a decimal number ending the value or followed by white space, else -1.
func rtspContentLength(v []byte) int {
	v = bytes.TrimLeft(v, " \t\r\n\v\f")
	i := 0
	if i < len(v) && (v[i] == '+' || v[i] == '-') {
		i++
	}
	start := i
	n := 0
	for i < len(v) && v[i] >= '0' && v[i] <= '9' {
		if n < 1<<30 {
			n = n*10 + int(v[i]-'0')
		}
		i++
	}
	if i == start || (i < len(v) && v[i] != ' ' && v[i] != '\t') || v[0] == '-' {
		return -1
	}
	return n
}

// rtspPDULen delimits RTSP's PDUs: an interleaved frame by its length, a
// request or reply by its header block and Content-Length, and anything
// else as one Continuation PDU.
func rtspPDULen(c *Conv, dir uint8, b []byte) int {
	if b[0] == '$' {
		if len(b) < 4 {
			return 0
		}
		return 4 + int(binary.BigEndian.Uint16(b[2:]))
	}
	// bytes that do not begin a request or reply are a Continuation at
	// once, even a first line cut short (packet-rtsp.c reassembles only
	// what it took for a message)
	n, _, _ := httpLineEnd(b, 0)
	if rtspClassify(b[:n]) == rtspOther {
		return len(b)
	}
	start, clen, ok := rtspHead(b)
	if !ok {
		if len(b) >= maxPDUKeep {
			return len(b)
		}
		return 0
	}
	if clen > 0 {
		return start + clen
	}
	return start
}

// rtspState is what an RTSP connection keeps: the dissector of each
// interleaved channel (rtspChanRTP, rtspChanRTCP) and, per direction, the
// frame of the first interleaved RTP (-1 before it) and the extended
// sequence number so far.
type rtspState struct {
	chans    [256]uint8
	firstRTP [2]int
	ext      [2]uint32
	hasExt   [2]bool
}

const (
	rtspChanNone = iota
	rtspChanRTP
	rtspChanRTCP
)

func rtspStateOf(p *PDU) *rtspState {
	if p.Conv == nil {
		return nil
	}
	st, _ := p.Conv.State.(*rtspState)
	if st == nil {
		st = &rtspState{firstRTP: [2]int{-1, -1}}
		p.Conv.State = st
	}
	return st
}

// rtspTransport is what a Transport header value says about RTP.
type rtspTransport struct {
	rtp                bool // an "RTP/" transport (else unknown: nothing set up)
	cData, cMon        int  // client_port, -1 when absent
	sData, sMon        int  // server_port
	chData, chMon      int  // interleaved channels
	hasClient, hasChan bool
}

// rtspParseTransport reads a Transport value as rtsp_create_conversation
// does: the transport must begin "RTP/" (RealNetworks' RDT is not
// dissected), ports and channels are "N" or "N-M" after the first
// "server_port=", "client_port=" and "interleaved=".
func rtspParseTransport(v []byte) rtspTransport {
	t := rtspTransport{cData: -1, cMon: -1, sData: -1, sMon: -1, chData: -1, chMon: -1}
	if len(v) > 256 {
		v = v[:256]
	}
	if len(v) < 4 || !strings.EqualFold(string(v[:4]), "rtp/") {
		return t
	}
	t.rtp = true
	pair := func(key string) (int, int, bool) {
		i := bytes.Index(v, []byte(key))
		if i < 0 {
			return -1, -1, false
		}
		rest := v[i+len(key):]
		a, n := rtspUint(rest)
		if n == 0 {
			return -1, -1, false
		}
		b := -1
		if n < len(rest) && rest[n] == '-' {
			if x, m := rtspUint(rest[n+1:]); m > 0 {
				b = x
			}
		}
		return a, b, true
	}
	t.sData, t.sMon, _ = pair("server_port=")
	t.cData, t.cMon, t.hasClient = pair("client_port=")
	t.chData, t.chMon, t.hasChan = pair("interleaved=")
	return t
}

// rtspUint reads a decimal number (at most 9 digits kept) and how many
// bytes it took.
func rtspUint(b []byte) (int, int) {
	n, i := 0, 0
	for i < len(b) && b[i] >= '0' && b[i] <= '9' {
		if i < 9 {
			n = n*10 + int(b[i]-'0')
		}
		i++
	}
	return n, i
}

// rtspAnnounces passes add the RTP and RTCP conversations the Transport
// headers of one RTSP packet's bytes set up, on address dst (the packet's
// destination) from frame on: the client port, with the server port as
// the peer's (0 when absent). Every line that begins "Transport:" counts,
// so a header block cut over segments is read in the segment with the
// header. The dissectors (sdpCache) and the index's stream numbering
// (flow_sdp.go) both read RTSP through this one function.
func rtspAnnounces(b []byte, frame int, dst Addr, add func(sdpStream)) {
	if dst.Kind != AddrIPv4 && dst.Kind != AddrIPv6 {
		return
	}
	for pos, i := 0, 0; pos < len(b) && i < rtspMaxHeaders; i++ {
		n, next, _ := httpLineEnd(b, pos)
		line := b[pos : pos+n]
		pos = next
		v, ok := rtspHeaderValue(line, "Transport:")
		if !ok {
			continue
		}
		t := rtspParseTransport(v)
		if !t.rtp || !t.hasClient || t.cData <= 0 || t.cData > 0xffff {
			continue
		}
		peer := func(p int) uint16 {
			if p > 0 && p <= 0xffff {
				return uint16(p)
			}
			return 0
		}
		add(sdpStream{addr: dst, port: uint16(t.cData), frame: frame, setup: frame, method: rtspSetupMethod, peer: peer(t.sData)})
		if t.cMon > 0 && t.cMon <= 0xffff {
			// RTCP's conversation leaves the server's port open: the
			// server's Sender Reports join the client's Receiver Reports'
			// udp.stream (tshark 4.0.17 on a real exchange)
			add(sdpStream{addr: dst, port: uint16(t.cMon), rtcp: true, frame: frame, setup: frame, method: rtspSetupMethod})
		}
	}
}

func rtspDissect(p *PDU, out *Out) bool {
	b := p.Data[:min(len(p.Data), p.Len)]
	if len(b) == 0 {
		return false
	}
	if b[0] == '$' {
		return rtspInterleaved(p, out, b)
	}
	return rtspMessage(p, out, b)
}

// rtspInterleaved dissects one interleaved frame.
func rtspInterleaved(p *PDU, out *Out, b []byte) bool {
	if len(b) < 4 {
		out.SetProto("RTSP")
		out.SetInfo("Continuation")
		return true
	}
	// packet-rtsp.c names no protocol for a frame it hands nobody: the
	// column stays TCP's (or an earlier message's in the segment)
	ch, n := b[1], int(binary.BigEndian.Uint16(b[2:]))
	if out.Proto == "" {
		out.SetProto("TCP")
	}
	out.SetInfo("Interleaved channel " + hex2(ch) + ", " + strconv.Itoa(n) + " bytes")
	body := b[4:min(len(b), 4+n)]
	st := rtspStateOf(p)
	kind := uint8(rtspChanNone)
	if st != nil {
		kind = st.chans[ch]
	}
	if out.WantTree {
		top := Field{Name: "rtsp", Label: "RTSP Interleaved Frame, Channel: " + hex2(ch) + ", " + strconv.Itoa(n) + " bytes",
			Start: 0, Len: 4, Kind: FieldProto}
		top.Children = append(top.Children,
			UintField("rtsp.magic", "Magic: 0x24", 0, 1, '$'),
			UintField("rtsp.channel", "Channel: "+hex2(ch), 1, 1, uint64(ch)),
			UintField("rtsp.length", "Length: "+strconv.Itoa(n), 2, 2, uint64(n)))
		if kind == rtspChanNone && len(body) > 0 {
			top.Children = append(top.Children, Field{Name: "rtsp.data", Label: "Data: " + hexEllipsis(body), Start: 4, Len: len(body),
				Kind: FieldBytes, Str: string(body)})
		}
		out.Add(top)
	}
	sub := *p
	sub.Data, sub.Len = body, len(body)
	var layer Out
	layer.reset(out.WantTree)
	switch kind {
	case rtspChanRTP:
		dir := p.Dir & 1
		var shown *sdpStream
		ext := func(uint16) uint32 { return 0x10000 }
		if st.firstRTP[dir] < 0 || st.firstRTP[dir] == p.Frame {
			st.firstRTP[dir] = p.Frame
		} else {
			shown = &sdpStream{setup: st.firstRTP[dir], method: "DECODE AS"}
			ext = func(seq uint16) uint32 {
				prev := uint32(0x10000)
				if st.hasExt[dir] {
					prev = st.ext[dir]
				}
				v := rtpNextExtSeq(prev, seq)
				st.ext[dir], st.hasExt[dir] = v, true
				return v
			}
		}
		if !rtpDissectStream(&sub, &layer, &sdpStream{}, shown, ext) {
			return true
		}
	case rtspChanRTCP:
		if !rtcpDissectSetup(&sub, &layer, nil) {
			return true
		}
	default:
		return true
	}
	out.SetProto(layer.Proto)
	out.SetInfo(layer.Info())
	if out.WantTree {
		fs := append([]Field(nil), layer.Tree...)
		Shift(fs, 4)
		for _, f := range fs {
			out.Add(f)
		}
	}
	return true
}

// rtspMessage dissects a request, a reply or a continuation.
func rtspMessage(p *PDU, out *Out, b []byte) bool {
	n, next, _ := httpLineEnd(b, 0)
	first := b[:n]
	kind := rtspClassify(first)
	out.SetProto("RTSP")
	switch kind {
	case rtspReply:
		out.SetInfo("Reply: " + Printable(string(first)))
	case rtspRequest:
		out.SetInfo(Printable(string(first)))
	default:
		out.SetInfo("Continuation")
	}
	st := rtspStateOf(p)
	var tree []Field
	text := func(start, end int) {
		if out.WantTree {
			tree = append(tree, Field{Label: Printable(string(b[start:end])), Start: start, Len: end - start})
		}
	}
	clen := -1
	ctype := ""
	pos := 0
	if kind != rtspOther {
		if out.WantTree {
			line := string(b[:next])
			if kind == rtspRequest {
				f := StrField("rtsp.request", "Request: "+Printable(line), 0, next, line)
				m := bytes.IndexAny(first, " \t")
				if m < 0 {
					m = len(first)
				}
				f.Children = append(f.Children, StrField("rtsp.method", "Method: "+Printable(string(first[:m])), 0, m, string(first[:m])))
				us := m
				for us < len(first) && (first[us] == ' ' || first[us] == '\t') {
					us++
				}
				ue := us
				for ue < len(first) && first[ue] != ' ' && first[ue] != '\t' {
					ue++
				}
				if ue > us {
					f.Children = append(f.Children, StrField("rtsp.url", "URL: "+Printable(string(first[us:ue])), us, ue-us, string(first[us:ue])))
				}
				tree = append(tree, f)
			} else {
				f := StrField("rtsp.response", "Response: "+Printable(line), 0, next, line)
				// the status: three digits after the version
				sp := bytes.IndexAny(first, " \t")
				if sp > 0 {
					ss := sp
					for ss < len(first) && (first[ss] == ' ' || first[ss] == '\t') {
						ss++
					}
					if ss+3 <= len(first) {
						code, _ := rtspUint(first[ss : ss+3])
						f.Children = append(f.Children, UintField("rtsp.status", "Status: "+strconv.Itoa(code), ss, 3, uint64(code)))
					}
				}
				tree = append(tree, f)
			}
		}
		pos = next
	}
	// header lines, up to the blank line or a line that is no header
	for i := 0; pos < len(b) && i < rtspMaxHeaders; i++ {
		n, nx, _ := httpLineEnd(b, pos)
		line := b[pos : pos+n]
		if n == 0 {
			text(pos, nx)
			pos = nx
			break
		}
		if k := rtspClassify(line); k != rtspOther {
			// a request or reply line inside the message: shown as text
			text(pos, nx)
			pos = nx
			continue
		}
		if !rtspHeaderLine(line) {
			break
		}
		if v, ok := rtspHeaderValue(line, "Transport:"); ok {
			if out.WantTree {
				tree = append(tree, StrField("rtsp.transport", "Transport: "+Printable(string(v)), pos, n, string(v)))
			}
			if st != nil {
				rtspNoteChannels(st, v)
			}
		} else if v, ok := rtspHeaderValue(line, "Content-Type:"); ok {
			if out.WantTree {
				tree = append(tree, StrField("rtsp.content-type", "Content-type: "+Printable(string(v)), pos, n, string(v)))
			}
			t := v
			if i := bytes.IndexByte(t, ';'); i >= 0 {
				t = t[:i]
			}
			ctype = strings.ToLower(string(bytes.TrimRight(t, " \t")))
		} else if v, ok := rtspHeaderValue(line, "Content-Length:"); ok {
			if out.WantTree {
				a, _ := rtspUint(v)
				tree = append(tree, UintField("rtsp.content-length", "Content-length: "+strconv.Itoa(a), pos, n, uint64(a)))
			}
			clen = rtspContentLength(v)
		} else if v, ok := rtspHeaderValue(line, "Session:"); ok {
			if out.WantTree {
				tree = append(tree, StrField("rtsp.session", "Session: "+Printable(string(v)), pos, n, string(v)))
			}
		} else if v, ok := rtspHeaderValue(line, "RDTFeatureLevel"); ok && out.WantTree {
			v = bytes.TrimLeft(bytes.TrimPrefix(v, []byte(":")), " \t")
			a, _ := rtspUint(v)
			tree = append(tree, UintField("rtsp.rdt-feature-level", "RDTFeatureLevel: "+strconv.Itoa(a), pos, n, uint64(a)))
		} else {
			text(pos, nx)
		}
		pos = nx
	}
	// the body: Content-Length bytes; a request has none without it, other
	// messages the rest of the PDU
	end := len(b)
	switch {
	case clen >= 0:
		end = min(end, pos+clen)
	case kind == rtspRequest:
		end = pos
	}
	var bodyTree []Field
	if end > pos && ctype == "application/sdp" {
		out.SetProto("RTSP/SDP")
		if out.WantTree {
			bodyTree = append(bodyTree, sdpTree(b[pos:end], pos))
		}
	}
	if out.WantTree {
		// the body's layer lies inside RTSP's, as PDML nests it
		out.Add(Field{Name: "rtsp", Label: "Real Time Streaming Protocol", Start: 0, Len: len(b), Kind: FieldProto,
			Children: append(tree, bodyTree...)})
	}
	return true
}

// rtspHeaderLine tells whether line continues a header (leading white
// space) or is one: token characters up to a colon.
func rtspHeaderLine(line []byte) bool {
	for _, c := range line {
		switch {
		case c >= 0x80 || c < 0x20 || c == 0x7f:
			return false
		case c == ':' || c == ' ' || c == '\t':
			return true
		case strings.IndexByte(`()<>@,;\"/[]?={}`, c) >= 0:
			return false
		}
	}
	return false
}

// rtspNoteChannels maps the interleaved channels a Transport header on an
// RTP transport names (without client_port): the first to RTP, the second
// to RTCP.
func rtspNoteChannels(st *rtspState, v []byte) {
	t := rtspParseTransport(v)
	if !t.rtp || (t.hasClient && t.cData != 0) || !t.hasChan {
		return
	}
	if t.chData >= 0 && t.chData < 256 {
		st.chans[t.chData] = rtspChanRTP
	}
	if t.chMon >= 0 && t.chMon < 256 {
		st.chans[t.chMon] = rtspChanRTCP
	}
}

var rtspDissector = &Dissector{
	Name:    "rtsp",
	Dissect: rtspDissect,
	PDULen:  rtspPDULen,
	Fields: []FieldDef{
		{Name: "rtsp.request", Desc: "Request", Kind: FieldString},
		{Name: "rtsp.response", Desc: "Response", Kind: FieldString},
		{Name: "rtsp.method", Desc: "Method", Kind: FieldString},
		{Name: "rtsp.content-type", Desc: "Content-type", Kind: FieldString},
		{Name: "rtsp.content-length", Desc: "Content-length", Kind: FieldUint, Bits: 32},
		{Name: "rtsp.url", Desc: "URL", Kind: FieldString},
		{Name: "rtsp.status", Desc: "Status", Kind: FieldUint, Bits: 32},
		{Name: "rtsp.session", Desc: "Session", Kind: FieldString},
		{Name: "rtsp.transport", Desc: "Transport", Kind: FieldString},
		{Name: "rtsp.rdt-feature-level", Desc: "RDTFeatureLevel", Kind: FieldUint, Bits: 32},
		{Name: "rtsp.magic", Desc: "Magic", Kind: FieldUint, Bits: 8},
		{Name: "rtsp.channel", Desc: "Channel", Kind: FieldUint, Bits: 8},
		{Name: "rtsp.length", Desc: "Length", Kind: FieldUint, Bits: 16},
		{Name: "rtsp.data", Desc: "Data", Kind: FieldBytes},
	},
}

func init() {
	RegisterTCP(rtspDissector, rtspPorts[:]...)
}
