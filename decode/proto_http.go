package decode

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// HTTP/1.x (RFC 9112) as Wireshark 4.0's http dissector shows it: the
// request or status line in Info ("GET /x HTTP/1.1 ", with Wireshark's
// trailing space), the body's media type after it ("HTTP/1.1 200 OK
// (text/html)", or ", JavaScript Object Notation (application/json)" with
// the Protocol column "HTTP/JSON"), the header block and its body delimited
// by Content-Length or chunked coding into one PDU, and WebSocket frames
// after an accepted upgrade. Hand-written: gopacket has no HTTP layer, and
// net/http's reader wants a whole message and rejects what Wireshark still
// shows (HTTP/0.9 request lines, unknown methods, bare LF line ends).

// httpTCPPorts are Wireshark 4.0's tcp.port entries for http (tshark -G
// decodes); any other port is tried by httpHeuristic.
var httpTCPPorts = []uint16{80, 631, 1900, 2710, 2869, 3128, 3132, 3689, 5985, 8080, 8088, 11371}

// httpMaxQueued bounds the request methods remembered for responses.
const httpMaxQueued = 32

// httpMode is what a conversation's bytes are after its headers.
type httpMode uint8

const (
	httpModeMessages  httpMode = iota // HTTP/1.x messages
	httpModeWebSocket                 // RFC 6455 frames after 101 Switching Protocols
	httpModeTunnel                    // opaque bytes: CONNECT tunnel or another upgrade
)

// httpConv is HTTP's state in one conversation.
type httpConv struct {
	// seen is set once a request or response was dissected: later bytes
	// that start no message are then "Continuation", as Wireshark labels
	// them; before, they are left to TCP.
	seen bool
	mode httpMode
	// methods are the requests not yet answered, oldest first, so that a
	// response knows it answers HEAD (no body) or CONNECT (a tunnel).
	methods []string
	// upgrade is the protocol a pending 101 response switches to.
	upgrade httpMode
	// ws is the WebSocket state once a 101 accepted "Upgrade: websocket".
	ws *wsConv
	// chunks follows, per direction, a chunked body longer than the
	// walker keeps (httpScan)
	chunks [2]httpChunkScan
}

func httpState(c *Conv) *httpConv {
	if c == nil {
		return &httpConv{}
	}
	if s, ok := c.State.(*httpConv); ok {
		return s
	}
	s := &httpConv{}
	c.State = s
	return s
}

// httpMethods are the request methods Wireshark's is_http_request_or_reply
// recognises (RFC 9110, WebDAV, SSDP, Microsoft RPC over HTTP, Cisco CCM).
var httpMethods = map[string]bool{
	"GET": true, "PUT": true, "ACL": true, "POST": true, "HEAD": true, "COPY": true, "MOVE": true, "LOCK": true,
	"POLL": true, "MKCOL": true, "TRACE": true, "PATCH": true, "LABEL": true, "MERGE": true, "BCOPY": true,
	"BMOVE": true, "DELETE": true, "SEARCH": true, "UNLOCK": true, "REPORT": true, "UPDATE": true, "NOTIFY": true,
	"BDELETE": true, "CONNECT": true, "OPTIONS": true, "CHECKIN": true, "PROPFIND": true, "CHECKOUT": true,
	"CCM_POST": true, "M-SEARCH": true, "SUBSCRIBE": true, "PROPPATCH": true, "BPROPFIND": true,
	"BPROPPATCH": true, "UNCHECKOUT": true, "MKACTIVITY": true, "MKCALENDAR": true, "MKWORKSPACE": true,
	"UNSUBSCRIBE": true, "RPC_CONNECT": true, "RPC_IN_DATA": true, "RPC_OUT_DATA": true,
	"VERSION-CONTROL": true, "BASELINE-CONTROL": true,
}

// httpKind is what a message's first line is.
type httpKind uint8

const (
	httpNone httpKind = iota
	httpRequest
	httpResponse
)

// httpLineEnd finds the end of the line starting at b[from:], as
// Wireshark's tvb_find_line_end: CRLF, LF or a lone CR end a line. It
// returns the line's length and where the next line starts, or ok false
// when b holds no line end.
//
// It looks for the LF and then for a CR before it with bytes.IndexByte
// (vectorised) rather than testing each byte for both: every HTTP, SIP,
// FTP, SMTP... segment is scanned, and the 1M bench capture's segments
// are mostly header-less body bytes with no line end at all, where the
// byte loop took a tenth of `list -Y http.request`'s time.
func httpLineEnd(b []byte, from int) (n, next int, ok bool) {
	if from >= len(b) {
		return len(b) - from, len(b), false // as the byte loop answered
	}
	rest := b[from:]
	lf := bytes.IndexByte(rest, '\n')
	upTo := rest
	if lf >= 0 {
		upTo = rest[:lf]
	}
	cr := bytes.IndexByte(upTo, '\r')
	switch {
	case cr >= 0 && cr+1 == lf:
		return cr, from + lf + 1, true // CRLF
	case cr >= 0 && cr+1 == len(rest):
		return cr, len(b), false // the LF may follow
	case cr >= 0:
		return cr, from + cr + 1, true // a lone CR
	case lf >= 0:
		return lf, from + lf + 1, true
	}
	return len(rest), len(b), false
}

// httpClassify tells whether line (a first line, possibly cut) starts a
// request or a response.
func httpClassify(line []byte) httpKind {
	if bytes.HasPrefix(line, []byte("HTTP/")) {
		return httpResponse
	}
	// the method is the first token, ended by a space or the line's end
	// (tshark shows "OPTIONS\n" as a request)
	sp := bytes.IndexByte(line, ' ')
	if sp < 0 {
		sp = len(line)
	}
	if sp > 0 && httpMethods[string(line[:sp])] {
		return httpRequest
	}
	return httpNone
}

// httpMaybe says whether b, the start of a message cut before its first
// space, could still become a request or response line.
func httpMaybe(b []byte) bool {
	if len(b) < 5 {
		if bytes.HasPrefix([]byte("HTTP/"), b) {
			return true
		}
	}
	if len(b) > 0 && !httpMethodStart[b[0]] {
		return false
	}
	for _, m := range httpMethodList {
		if len(b) <= len(m) && strings.HasPrefix(m, string(b)) {
			return true
		}
	}
	return false
}

// httpMethodList and httpMethodStart are httpMethods as a list and the
// bytes the methods begin with: httpMaybe runs on every segment of a
// conversation on an HTTP port that carries no message start (bodies,
// other protocols), where iterating the map cost a tenth of a filter's
// time over the 1M bench capture.
var (
	httpMethodList  = slices.Sorted(maps.Keys(httpMethods))
	httpMethodStart = func() (first [256]bool) {
		for m := range httpMethods {
			first[m[0]] = true
		}
		return first
	}()
)

// httpHeuristic claims conversations on other ports whose first payload
// starts with a request or status line.
func httpHeuristic(b []byte) bool {
	n, _, _ := httpLineEnd(b, 0)
	line := b[:n]
	if bytes.HasPrefix(line, []byte("HTTP/1.")) {
		return true
	}
	return httpClassify(line) == httpRequest && bytes.Contains(line, []byte(" HTTP/1."))
}

// httpHeader is one header line: offsets relative to the message.
type httpHeader struct {
	start, end int // the line without its terminator
	next       int // the next line's start
	colon      int // position of ':' or -1
}

func (h httpHeader) name(b []byte) string {
	if h.colon < 0 {
		return ""
	}
	return string(bytes.TrimSpace(b[h.start:h.colon]))
}

func (h httpHeader) value(b []byte) []byte {
	if h.colon < 0 {
		return nil
	}
	return bytes.Trim(b[h.colon+1:h.end], " \t")
}

// httpHead is a parsed header block.
type httpHead struct {
	kind       httpKind
	lineEnd    int // end of the first line (without terminator)
	headers    []httpHeader
	bodyStart  int // after the empty line
	contentLen int64
	hasLen     bool
	chunked    bool
	code       int
	upgrade    string
	wsExt      string // Sec-WebSocket-Extensions
	ctype      string // media type: lowercase, parameters cut
	encoding   string // Content-Encoding
	host       []byte
}

// httpMaxHeaders bounds the header lines parsed per message.
const httpMaxHeaders = 256

// httpParseHead parses the header block at the start of b. ok is false
// when b does not hold the whole block.
func httpParseHead(b []byte, h *httpHead, keep bool) bool {
	n, next, ok := httpLineEnd(b, 0)
	if !ok {
		return false
	}
	h.kind = httpClassify(b[:n])
	h.lineEnd = n
	h.headers = h.headers[:0]
	if h.kind == httpResponse {
		h.code = httpStatusCode(b[:n])
	}
	for i := 0; ; i++ {
		ln, nx, ok := httpLineEnd(b, next)
		if !ok {
			return false
		}
		if ln == 0 {
			h.bodyStart = nx
			return true
		}
		hd := httpHeader{start: next, end: next + ln, next: nx, colon: -1}
		if c := bytes.IndexByte(b[next:next+ln], ':'); c >= 0 {
			hd.colon = next + c
		}
		h.note(b, hd)
		if keep && i < httpMaxHeaders {
			h.headers = append(h.headers, hd)
		}
		next = nx
	}
}

// note takes what framing and labels need from one header.
func (h *httpHead) note(b []byte, hd httpHeader) {
	name := hd.name(b)
	v := hd.value(b)
	switch {
	case strings.EqualFold(name, "Content-Length"):
		if n, err := strconv.ParseInt(string(v), 10, 64); err == nil && n >= 0 {
			h.contentLen, h.hasLen = n, true
		}
	case strings.EqualFold(name, "Transfer-Encoding"):
		if bytes.Contains(bytes.ToLower(v), []byte("chunked")) {
			h.chunked = true
		}
	case strings.EqualFold(name, "Content-Type"):
		t := v
		if i := bytes.IndexByte(t, ';'); i >= 0 {
			t = t[:i]
		}
		h.ctype = strings.ToLower(string(bytes.TrimSpace(t)))
	case strings.EqualFold(name, "Content-Encoding"):
		h.encoding = strings.TrimSpace(string(v))
	case strings.EqualFold(name, "Upgrade"):
		h.upgrade = strings.ToLower(string(v))
	case strings.EqualFold(name, "Host"):
		h.host = v
	case strings.EqualFold(name, "Sec-WebSocket-Extensions"):
		h.wsExt = string(v)
	}
}

// httpStatusCode reads the status code of a response line.
func httpStatusCode(line []byte) int {
	sp := bytes.IndexByte(line, ' ')
	if sp < 0 || len(line) < sp+4 {
		return 0
	}
	c := 0
	for _, d := range line[sp+1 : sp+4] {
		if d < '0' || d > '9' {
			return 0
		}
		c = c*10 + int(d-'0')
	}
	return c
}

// httpChunkedLen returns the length of the chunked body at b's start, 0
// when b does not hold all of it, -1 when it is not chunked coding.
func httpChunkedLen(b []byte) int {
	off := 0
	for {
		n, next, ok := httpLineEnd(b, off)
		if !ok {
			return 0
		}
		line := b[off : off+n]
		if i := bytes.IndexByte(line, ';'); i >= 0 {
			line = line[:i]
		}
		line = bytes.TrimSpace(line)
		size, err := strconv.ParseUint(string(line), 16, 31)
		if err != nil || len(line) == 0 {
			return -1
		}
		if size == 0 {
			// trailer lines up to an empty one
			for {
				ln, nx, ok := httpLineEnd(b, next)
				if !ok {
					return 0
				}
				next = nx
				if ln == 0 {
					return next
				}
			}
		}
		end := next + int(size)
		if end >= len(b) || end < next {
			return 0
		}
		_, nx, ok := httpLineEnd(b, end)
		if !ok {
			return 0
		}
		off = nx
	}
}

// httpChunkScan finds the end of a chunked body (RFC 9112 §7.1) a piece
// at a time, keeping no body bytes: the size line, the chunk's data and
// the line after it, up to the last chunk and its trailer lines.
type httpChunkScan struct {
	on     bool
	state  uint8 // httpChunkSize, httpChunkData, httpChunkDataEnd, httpChunkTrailer
	remain uint64
	line   [40]byte // the start of the current line (a size line is short)
	n      int      // bytes of the current line so far
}

const (
	httpChunkSize = iota
	httpChunkData
	httpChunkDataEnd
	httpChunkTrailer
)

// feed reads b and returns where the body ends in it (done), or len(b).
// A size line that is not one ends the body where it stands, as
// httpChunkedLen gives up on it.
func (s *httpChunkScan) feed(b []byte) (end int, done bool) {
	for i := 0; i < len(b); {
		if s.state == httpChunkData {
			k := min(uint64(len(b)-i), s.remain)
			i += int(k)
			if s.remain -= k; s.remain == 0 {
				s.state = httpChunkDataEnd
			}
			continue
		}
		lf := bytes.IndexByte(b[i:], '\n')
		part := b[i:]
		if lf >= 0 {
			part = b[i : i+lf]
		}
		if s.n < len(s.line) {
			copy(s.line[s.n:], part)
		}
		s.n += len(part)
		if lf < 0 {
			return len(b), false
		}
		i += lf + 1
		line := s.line[:min(s.n, len(s.line))]
		empty := s.n == 0 || (s.n == 1 && line[0] == '\r')
		s.n = 0
		switch s.state {
		case httpChunkSize:
			if c := bytes.IndexByte(line, ';'); c >= 0 {
				line = line[:c]
			}
			line = bytes.TrimSpace(line)
			size, err := strconv.ParseUint(string(line), 16, 31)
			switch {
			case err != nil || len(line) == 0:
				return i, true
			case size == 0:
				s.state = httpChunkTrailer
			default:
				s.state, s.remain = httpChunkData, size
			}
		case httpChunkDataEnd:
			s.state = httpChunkSize
		case httpChunkTrailer:
			if empty {
				return i, true
			}
		}
	}
	return len(b), false
}

// httpScan is HTTP's Dissector.Scan: it follows a chunked body past the
// bytes the walker keeps. The first call has the message from its start.
func httpScan(c *Conv, dir uint8, b []byte) int {
	st := httpState(c)
	sc := &st.chunks[dir&1]
	if !sc.on {
		n, _, _ := httpLineEnd(b, 0)
		kind := httpClassify(b[:n])
		var h httpHead
		if kind == httpNone || !httpParseHead(b, &h, false) || !h.chunked || h.bodyStart > len(b) {
			return len(b)
		}
		if kind == httpRequest {
			st.pushMethod(b[:n])
		} else {
			st.answer(h)
		}
		*sc = httpChunkScan{on: true}
		if end, done := sc.feed(b[h.bodyStart:]); done {
			sc.on = false
			return h.bodyStart + end
		}
		return -1
	}
	end, done := sc.feed(b)
	if done {
		sc.on = false
		return end
	}
	return -1
}

// httpPDULen delimits one message: the header block and its body.
func httpPDULen(c *Conv, dir uint8, b []byte) int {
	st := httpState(c)
	switch st.mode {
	case httpModeWebSocket:
		return wsFrameLen(b)
	case httpModeTunnel:
		return len(b)
	}
	if yes, maybe := http2PrefaceStart(b); yes {
		// packet-http.c: the HTTP/2 connection preface of a client with
		// prior knowledge (RFC 9113 §3.3) makes the conversation HTTP/2's,
		// from these bytes on
		c.HandOff(http2Dissector)
		return -1
	} else if maybe {
		return 0
	}
	n, _, lineOK := httpLineEnd(b, 0)
	kind := httpClassify(b[:n])
	if kind == httpNone {
		// packet-http.c asks TCP for more bytes whenever no line ends in
		// what it has and the first byte is printable, whatever the bytes
		// are: a request line split over segments with bytes lost between
		// them stays "[TCP segment of a reassembled PDU]" (zeek
		// tcp/reassembly.pcap frames 9-62)
		if !lineOK && len(b) > 0 && b[0] >= 0x20 && b[0] < 0x7f && len(b) < maxPDUKeep {
			return 0
		}
		return len(b) // Continuation, or not HTTP: one PDU either way
	}
	var h httpHead
	if !httpParseHead(b, &h, false) {
		if len(b) >= maxPDUKeep {
			return len(b)
		}
		return 0
	}
	body := 0
	switch {
	case kind == httpResponse && !httpResponseHasBody(st, h.code):
	case h.chunked:
		cl := httpChunkedLen(b[h.bodyStart:])
		switch {
		case cl == 0 && len(b) < maxPDUKeep:
			return 0
		case cl == 0:
			return 0 // httpScan follows the chunks past the kept bytes
		case cl < 0:
			return len(b)
		}
		body = cl
	case h.hasLen:
		if h.contentLen > int64(1<<40) {
			return len(b)
		}
		body = int(h.contentLen)
	case kind == httpResponse:
		// no length: the body runs until the server closes (RFC 9112 §6.3)
		st.answer(h)
		return PDUUntilFIN
	}
	if kind == httpRequest {
		st.pushMethod(b[:n])
	} else {
		st.answer(h)
	}
	return h.bodyStart + body
}

// httpResponseHasBody applies RFC 9112 §6.3: responses to HEAD, 2xx to
// CONNECT, 1xx, 204 and 304 carry no body whatever their headers say.
func httpResponseHasBody(st *httpConv, code int) bool {
	m := ""
	if len(st.methods) > 0 {
		m = st.methods[0]
	}
	switch {
	case m == "HEAD", m == "CONNECT" && code/100 == 2, code/100 == 1, code == 204, code == 304:
		return false
	}
	return true
}

func (st *httpConv) pushMethod(line []byte) {
	sp := bytes.IndexByte(line, ' ')
	if sp < 0 {
		return
	}
	if len(st.methods) >= httpMaxQueued {
		st.methods = st.methods[1:]
	}
	st.methods = append(st.methods, string(line[:sp]))
}

// answer pops the request a final response answers and notes a switch of
// protocols: 101 to WebSocket (or another protocol, then opaque), a 2xx
// to CONNECT opening a tunnel.
func (st *httpConv) answer(h httpHead) {
	m := ""
	if len(st.methods) > 0 {
		m = st.methods[0]
	}
	switch {
	case h.code == 101:
		if h.upgrade == "websocket" {
			st.upgrade = httpModeWebSocket
			st.ws = newWSConv(h.wsExt)
		} else {
			st.upgrade = httpModeTunnel
		}
	case m == "CONNECT" && h.code/100 == 2:
		st.upgrade = httpModeTunnel
	}
	if h.code/100 != 1 && len(st.methods) > 0 {
		st.methods = st.methods[1:]
	}
}

// httpPartial labels a segment that leaves a message open, as Wireshark
// does before asking TCP for more bytes: the first line so far.
func httpPartial(p *PDU, out *Out) {
	st := httpState(p.Conv)
	if st.mode != httpModeMessages {
		return
	}
	n, _, ok := httpLineEnd(p.Data, 0)
	if !ok || httpClassify(p.Data[:n]) == httpNone {
		// without its line end Wireshark asks for more before writing
		// (tcp/reassembly.pcap's long SEARCH line)
		return
	}
	out.AppendInfo("", formatText(p.Data[:n])+" ")
}

// httpDissect shows one message.
func httpDissect(p *PDU, out *Out) bool {
	st := httpState(p.Conv)
	switch st.mode {
	case httpModeWebSocket:
		wsDissect(st.wsState(), p, out)
		return true
	case httpModeTunnel:
		return false
	}
	b := p.Data
	var h httpHead
	if !httpParseHead(b, &h, out.WantTree) || h.kind == httpNone {
		n, _, _ := httpLineEnd(b, 0)
		if !st.seen || httpClassify(b[:n]) != httpNone {
			return false // not HTTP (yet): TCP's
		}
		out.SetProto("HTTP")
		out.SetInfo("Continuation")
		if out.WantTree {
			out.Add(Field{Name: "http", Label: "Hypertext Transfer Protocol", Start: 0, Len: len(b), Kind: FieldProto,
				Children: []Field{{Name: "http.file_data", Label: "File Data: " + strconv.Itoa(p.Len) + " bytes",
					Start: 0, Len: len(b), Kind: FieldBytes}}})
		}
		return true
	}
	st.seen = true
	if st.upgrade != httpModeMessages && h.kind == httpResponse {
		st.mode, st.upgrade = st.upgrade, httpModeMessages
	}
	if h.kind == httpResponse && h.code == 101 && h.upgrade == "h2c" {
		// packet-http.c: a 101 accepting "Upgrade: h2c" (RFC 7540 §3.2)
		// gives the conversation to HTTP/2 from the next packet on
		p.Conv.HandOff(http2Dissector)
	}
	out.SetProto("HTTP")
	out.AppendInfo("", formatText(b[:h.lineEnd])+" ")
	if h.kind == httpRequest && len(h.host) > 0 {
		out.NameFlow(Printable(string(h.host)))
	}
	if p.Len > h.bodyStart && h.ctype != "" {
		if ent, ok := httpEntity(&h, b[min(h.bodyStart, len(b)):], p.Cut); ok {
			httpMediaInfo("HTTP", &h, ent, out)
		}
	}
	if out.WantTree {
		out.Add(httpTree(p, &h))
	}
	return true
}

// httpMediaInfo appends what Wireshark's media-type dissectors write for
// the body of a message of protocol proto (HTTP, HTTP2): JSON sets the
// Protocol column and its own text, XML only the
// Protocol column, the image
// dissectors name the format, and the rest ("media", "text-lines",
// urlencoded forms) show the media type in parentheses.
func httpMediaInfo(proto string, h *httpHead, body []byte, out *Out) {
	switch t := h.ctype; {
	case t == "application/json" || strings.HasSuffix(t, "+json"):
		out.SetProto(proto + "/JSON")
		out.AppendInfo(", ", "JavaScript Object Notation ("+Printable(t)+")")
	case t == "text/xml" || t == "application/xml" || strings.HasSuffix(t, "+xml"):
		// Wireshark's XML dissector takes these media types (SVG, SOAP,
		// Atom, XHTML...): it names the protocol and writes no Info
		out.SetProto(proto + "/XML")
	case t == "application/octet-stream":
		// Wireshark hands it to the data dissector, which writes nothing
	case strings.HasPrefix(t, "multipart/"):
		// nor does its MIME multipart dissector (zeek
		// http/m57-long-49600-80.pcap frame 43, multipart/byteranges)
	case strings.HasPrefix(t, "image/") && httpImageInfo(body) != "":
		// the image dissectors check the signature, whatever the header
		// claims (tshark shows "(GIF89a)" for a GIF sent as image/png)
		out.AppendInfo("", httpImageInfo(body))
	default:
		out.AppendInfo("", " ("+Printable(t)+")")
	}
}

// httpSniff is how many bytes of an entity body the media labels read.
const httpSniff = 16

// httpEntity returns the first bytes of the entity a body carries, after
// removing chunked coding and gzip or deflate content coding as Wireshark
// does before handing it to the media type's dissector; ok is false for an
// empty entity, which no media dissector sees (a gzip stream of nothing, a
// chunked body of only its last chunk). A body cut by the walker or that
// does not decode is taken as it stands.
func httpEntity(h *httpHead, body []byte, cut bool) (ent []byte, ok bool) {
	if h.chunked && !cut {
		var whole []byte
		off := 0
		for off < len(body) {
			n, next, lok := httpLineEnd(body, off)
			if !lok {
				break
			}
			line := body[off : off+n]
			if i := bytes.IndexByte(line, ';'); i >= 0 {
				line = line[:i]
			}
			size, err := strconv.ParseUint(string(bytes.TrimSpace(line)), 16, 31)
			if err != nil || size == 0 || next+int(size) > len(body) {
				break
			}
			whole = append(whole, body[next:next+int(size)]...)
			_, off, _ = httpLineEnd(body, next+int(size))
		}
		body = whole
	}
	if !cut && len(body) > 0 {
		var r io.Reader
		switch enc := strings.ToLower(h.encoding); enc {
		case "gzip", "x-gzip":
			if zr, err := gzip.NewReader(bytes.NewReader(body)); err == nil {
				r = zr
			}
		case "deflate":
			r = flate.NewReader(bytes.NewReader(body))
		}
		if r != nil {
			var buf [httpSniff]byte
			n, err := io.ReadFull(r, buf[:])
			if err == nil || err == io.ErrUnexpectedEOF || (err == io.EOF && n == 0) {
				return buf[:n], n > 0
			}
		}
	}
	return body[:min(len(body), httpSniff)], len(body) > 0
}

// httpBodySize is the body's length as Wireshark's "File Data" gives it:
// without chunked coding's size lines when the whole body is at hand.
func httpBodySize(h *httpHead, b []byte, p *PDU) int {
	n := p.Len - h.bodyStart
	if !h.chunked || p.Cut || n <= 0 {
		return n
	}
	size, off := 0, h.bodyStart
	for off < len(b) {
		ln, next, ok := httpLineEnd(b, off)
		if !ok {
			break
		}
		line := b[off : off+ln]
		if i := bytes.IndexByte(line, ';'); i >= 0 {
			line = line[:i]
		}
		c, err := strconv.ParseUint(string(bytes.TrimSpace(line)), 16, 31)
		if err != nil || c == 0 || next+int(c) > len(b) {
			break
		}
		size += int(c)
		_, off, _ = httpLineEnd(b, next+int(c))
	}
	return size
}

// httpImageInfo is what Wireshark's image dissectors append for a body
// with their signature, "" for another.
func httpImageInfo(body []byte) string {
	switch {
	case bytes.HasPrefix(body, []byte("GIF87a")), bytes.HasPrefix(body, []byte("GIF89a")):
		return " (" + string(body[:6]) + ")"
	case bytes.HasPrefix(body, []byte("\x89PNG\r\n\x1a\n")):
		return " (PNG)"
	case bytes.HasPrefix(body, []byte{0xff, 0xd8}):
		return " (JPEG JFIF image)"
	}
	return ""
}

// httpStatusText are the reason phrases Wireshark's http.response.code.desc
// gives (RFC 9110 §15).
var httpStatusText = map[int]string{
	100: "Continue", 101: "Switching Protocols", 102: "Processing", 103: "Early Hints",
	200: "OK", 201: "Created", 202: "Accepted", 203: "Non-authoritative Information", 204: "No Content",
	205: "Reset Content", 206: "Partial Content", 207: "Multi-Status",
	300: "Multiple Choices", 301: "Moved Permanently", 302: "Found", 303: "See Other", 304: "Not Modified",
	305: "Use Proxy", 307: "Temporary Redirect", 308: "Permanent Redirect",
	400: "Bad Request", 401: "Unauthorized", 402: "Payment Required", 403: "Forbidden", 404: "Not Found",
	405: "Method Not Allowed", 406: "Not Acceptable", 407: "Proxy Authentication Required",
	408: "Request Time-out", 409: "Conflict", 410: "Gone", 411: "Length Required", 412: "Precondition Failed",
	413: "Request Entity Too Large", 414: "Request-URI Too Long", 415: "Unsupported Media Type",
	416: "Requested Range Not Satisfiable", 417: "Expectation Failed", 418: "I'm a teapot",
	421: "Misdirected Request", 422: "Unprocessable Entity", 423: "Locked", 424: "Failed Dependency",
	426: "Upgrade Required", 428: "Precondition Required", 429: "Too Many Requests",
	431: "Request Header Fields Too Large", 451: "Unavailable For Legal Reasons",
	500: "Internal Server Error", 501: "Not Implemented", 502: "Bad Gateway", 503: "Service Unavailable",
	504: "Gateway Time-out", 505: "HTTP Version not supported", 507: "Insufficient Storage",
	511: "Network Authentication Required",
}

// httpHeaderFields maps header names (lowercase) to Wireshark's fields.
var httpHeaderFields = map[string]string{
	"host": "http.host", "user-agent": "http.user_agent", "content-type": "http.content_type",
	"content-length": "http.content_length_header", "content-encoding": "http.content_encoding",
	"transfer-encoding": "http.transfer_encoding", "connection": "http.connection", "cookie": "http.cookie",
	"accept": "http.accept", "referer": "http.referer", "accept-language": "http.accept_language",
	"accept-encoding": "http.accept_encoding", "date": "http.date", "cache-control": "http.cache_control",
	"server": "http.server", "location": "http.location", "set-cookie": "http.set_cookie",
	"last-modified": "http.last_modified", "x-forwarded-for": "http.x_forwarded_for",
	"authorization": "http.authorization", "www-authenticate": "http.www_authenticate",
	"upgrade": "http.upgrade", "sec-websocket-key": "http.sec_websocket_key",
}

// httpTree builds the details layer: the first line split into its
// parts, one line per header, and the body's length.
func httpTree(p *PDU, h *httpHead) Field {
	b := p.Data
	crlf := func(s, e int) string {
		return Printable(string(b[s:e])) + `\r\n`
	}
	// the layer spans the header block, as in PDML; the body is a child
	top := Field{Name: "http", Label: "Hypertext Transfer Protocol", Start: 0, Len: min(h.bodyStart, len(b)), Kind: FieldProto}
	_, firstNext, _ := httpLineEnd(b, 0)
	first := Field{Label: crlf(0, h.lineEnd), Start: 0, Len: firstNext}
	line := b[:h.lineEnd]
	sp1 := bytes.IndexByte(line, ' ')
	if h.kind == httpRequest {
		if sp1 < 0 {
			sp1 = len(line) // a bare method ("OPTIONS\n")
		}
		method := string(line[:sp1])
		first.Children = append(first.Children, StrField("http.request.method", "Request Method: "+Printable(method), 0, sp1, method))
		rest := line[min(sp1+1, len(line)):]
		uri, ver := rest, []byte(nil)
		if sp2 := bytes.LastIndexByte(rest, ' '); sp2 >= 0 {
			uri, ver = rest[:sp2], rest[sp2+1:]
		}
		first.Children = append(first.Children,
			StrField("http.request.uri", "Request URI: "+Printable(string(uri)), sp1+1, len(uri), string(uri)))
		if ver != nil {
			vs := h.lineEnd - len(ver)
			first.Children = append(first.Children,
				StrField("http.request.version", "Request Version: "+Printable(string(ver)), vs, len(ver), string(ver)))
		}
	} else {
		ver := line
		if sp1 >= 0 {
			ver = line[:sp1]
		}
		first.Children = append(first.Children,
			StrField("http.response.version", "Response Version: "+Printable(string(ver)), 0, len(ver), string(ver)))
		if h.code > 0 {
			first.Children = append(first.Children,
				UintField("http.response.code", "Status Code: "+strconv.Itoa(h.code), sp1+1, 3, uint64(h.code)))
			if d, ok := httpStatusText[h.code]; ok {
				first.Children = append(first.Children, StrField("http.response.code.desc", "Status Code Description: "+d, sp1+1, 3, d))
			}
			if len(line) > sp1+5 {
				ph := string(line[sp1+5:])
				first.Children = append(first.Children,
					StrField("http.response.phrase", "Response Phrase: "+Printable(ph), sp1+5, len(ph), ph))
			}
		}
	}
	top.Children = append(top.Children, first)
	lineName := "http.request.line"
	if h.kind == httpResponse {
		lineName = "http.response.line"
	}
	for _, hd := range h.headers {
		name := strings.ToLower(hd.name(b))
		f := StrField(lineName, crlf(hd.start, hd.end), hd.start, hd.next-hd.start, string(b[hd.start:hd.end]))
		if fn, ok := httpHeaderFields[name]; ok {
			f.Name, f.Str = fn, string(hd.value(b))
		}
		if name == "content-length" && h.hasLen {
			f.Children = []Field{UintField("http.content_length", "Content length: "+strconv.FormatInt(h.contentLen, 10),
				hd.start, hd.next-hd.start, uint64(h.contentLen))}
		}
		top.Children = append(top.Children, f)
	}
	top.Children = append(top.Children, Field{Label: `\r\n`, Start: h.bodyStart - 2, Len: 2})
	if h.kind == httpRequest {
		top.Children = append(top.Children, Field{Name: "http.request", Label: "Request: True", Start: 0, Kind: FieldBool, Num: 1})
	} else {
		top.Children = append(top.Children, Field{Name: "http.response", Label: "Response: True", Start: 0, Kind: FieldBool, Num: 1})
	}
	if n := httpBodySize(h, b, p); n > 0 {
		top.Children = append(top.Children, Field{Name: "http.file_data", Label: "File Data: " + strconv.Itoa(n) + " bytes",
			Start: h.bodyStart, Len: max(0, min(n, len(b)-h.bodyStart)), Kind: FieldBytes})
	}
	return top
}

var httpDissector = &Dissector{
	Name:      "http",
	Dissect:   httpDissect,
	PDULen:    httpPDULen,
	Scan:      httpScan,
	Heuristic: httpHeuristic,
	Partial:   httpPartial,
	Fields: []FieldDef{
		{Name: "http.request", Desc: "Request", Kind: FieldBool},
		{Name: "http.response", Desc: "Response", Kind: FieldBool},
		{Name: "http.request.method", Desc: "Request Method", Kind: FieldString},
		{Name: "http.request.uri", Desc: "Request URI", Kind: FieldString},
		{Name: "http.request.version", Desc: "Request Version", Kind: FieldString},
		{Name: "http.request.line", Desc: "Request line", Kind: FieldString},
		{Name: "http.response.version", Desc: "Response Version", Kind: FieldString},
		{Name: "http.response.code", Desc: "Status Code", Kind: FieldUint, Bits: 16},
		{Name: "http.response.code.desc", Desc: "Status Code Description", Kind: FieldString},
		{Name: "http.response.phrase", Desc: "Response Phrase", Kind: FieldString},
		{Name: "http.response.line", Desc: "Response line", Kind: FieldString},
		{Name: "http.host", Desc: "Host", Kind: FieldString},
		{Name: "http.user_agent", Desc: "User-Agent", Kind: FieldString},
		{Name: "http.content_type", Desc: "Content-Type", Kind: FieldString},
		{Name: "http.content_length_header", Desc: "Content-Length", Kind: FieldString},
		{Name: "http.content_length", Desc: "Content length", Kind: FieldUint, Bits: 64},
		{Name: "http.content_encoding", Desc: "Content-Encoding", Kind: FieldString},
		{Name: "http.transfer_encoding", Desc: "Transfer-Encoding", Kind: FieldString},
		{Name: "http.connection", Desc: "Connection", Kind: FieldString},
		{Name: "http.cookie", Desc: "Cookie", Kind: FieldString},
		{Name: "http.accept", Desc: "Accept", Kind: FieldString},
		{Name: "http.referer", Desc: "Referer", Kind: FieldString},
		{Name: "http.accept_language", Desc: "Accept-Language", Kind: FieldString},
		{Name: "http.accept_encoding", Desc: "Accept Encoding", Kind: FieldString},
		{Name: "http.date", Desc: "Date", Kind: FieldString},
		{Name: "http.cache_control", Desc: "Cache-Control", Kind: FieldString},
		{Name: "http.server", Desc: "Server", Kind: FieldString},
		{Name: "http.location", Desc: "Location", Kind: FieldString},
		{Name: "http.set_cookie", Desc: "Set-Cookie", Kind: FieldString},
		{Name: "http.last_modified", Desc: "Last-Modified", Kind: FieldString},
		{Name: "http.x_forwarded_for", Desc: "X-Forwarded-For", Kind: FieldString},
		{Name: "http.authorization", Desc: "Authorization", Kind: FieldString},
		{Name: "http.www_authenticate", Desc: "WWW-Authenticate", Kind: FieldString},
		{Name: "http.upgrade", Desc: "Upgrade", Kind: FieldString},
		{Name: "http.sec_websocket_key", Desc: "Sec-WebSocket-Key", Kind: FieldString},
		{Name: "http.file_data", Desc: "File Data", Kind: FieldBytes},
	},
}

func init() {
	RegisterTCP(httpDissector, httpTCPPorts...)
}

// bits4 prints the low four bits of v as Wireshark's bitfield labels do.
func bits4(v uint8) string {
	b := []byte("0000")
	for i := 0; i < 4; i++ {
		if v&(8>>i) != 0 {
			b[i] = '1'
		}
	}
	return string(b)
}
