package decode

import (
	"bytes"
	"strconv"
	"strings"
)

// SIP (RFC 3261) as Wireshark 4.0's sip dissector shows it. The Info
// column reads "Request: " and the request line without its version
// ("Unknown request: " for a method outside RFC 3261 and its extensions),
// or "Status: " and the status line after it; a 200 adds its CSeq method
// in parentheses, an INVITE, SUBSCRIBE or REFER with a To tag
// ", in-dialog", a REGISTER and its 2xx the bindings its Contacts add or
// remove; then " | " and what the body's media dissector writes (SDP sets
// the Protocol column to SIP/SDP, JSON and XML to SIP/JSON and SIP/XML,
// text " (text/plain)"). Several messages in one TCP segment follow each
// other in the column. On TCP a message is its header block and
// Content-Length bytes; bytes that start no message are "Continuation".
// SIP is tried on any UDP or TCP port by its request or status line, as
// tshark's heuristic does (SIP between two high ports in VoLTE captures).
// Hand-written: gopacket's SIP layer reads only UDP datagrams, keeps no
// offsets and folds header names, so neither the tree nor the TCP framing
// could come from it.

// sipPort is tshark -G decodes' udp.port and tcp.port entry for sip.
const sipPort = 5060

// sipVersion is the version a request or status line must carry
// (Wireshark's default strict_sip_version).
const sipVersion = "SIP/2.0"

// sipMethods are the methods packet-sip.c knows: others read "Unknown
// request".
var sipMethods = map[string]bool{"ACK": true, "BYE": true, "CANCEL": true, "DO": true, "INFO": true, "INVITE": true,
	"MESSAGE": true, "NOTIFY": true, "OPTIONS": true, "PRACK": true, "QAUTH": true, "QUERY": true, "REFER": true,
	"REGISTER": true, "SPRACK": true, "SUBSCRIBE": true, "UPDATE": true, "PUBLISH": true}

// sipHeaderNames are the headers Wireshark 4.0 gives a field
// ("sip.Call-ID"), from tshark -G fields; sipHeaderField finds them by
// lower-case name.
var sipHeaderNames = []string{"Accept", "Accept-Contact", "Accept-Encoding", "Accept-Language", "Accept-Resource-Priority", "Additional-Identity", "Alert-Info", "Allow", "Allow-Events", "Answer-Mode", "Attestation-Info", "Authentication-Info", "Authorization", "Call-ID", "Call-Info", "Cellular-Network-Info", "Contact", "Content-Disposition", "Content-Encoding", "Content-Language", "Content-Length", "Content-Type", "CSeq", "Date", "Error-Info", "Event", "Expires", "Feature-Caps", "Flow-Timer", "From", "Geolocation", "Geolocation-Error", "Geolocation-Routing", "History-Info", "Identity", "Identity-info", "Info-Package", "In-Reply-To", "Join", "Max-Breadth", "Max-Forwards", "MIME-Version", "Min-Expires", "Min-SE", "Organization", "Origination-Id", "P-Access-Network-Info", "P-Answer-State", "P-Asserted-Identity", "P-Asserted-Service", "P-Charge-Info", "P-Associated-URI", "P-Called-Party-ID", "P-Charging-Function-Addresses", "P-Charging-Vector", "P-DCS-Trace-Party-ID", "P-DCS-OSPS", "P-DCS-Billing-Info", "P-DCS-LAES", "P-DCS-Redirect", "P-Early-Media", "P-Media-Authorization", "P-Preferred-Identity", "P-Preferred-Service", "P-Profile-Key", "P-Refused-URI-List", "P-Served-User", "P-User-Database", "P-Visited-Network-ID", "Path", "Permission-Missing", "Policy_Contact", "Policy_ID", "Priority", "Priority-Share", "Priv-Answer-mode", "Privacy", "Proxy-Authenticate", "Proxy-Authorization", "Proxy-Require", "RAck", "Reason", "Record-Route", "Recv-Info", "Refer-Sub", "Refer-To", "Referred-by", "Reject-Contact", "Relayed-Charge", "Replaces", "Reply-To", "Request-Disposition", "Require", "Resource-Priority", "Resource-Share", "Response-Source", "Restoration-Info", "Retry-After", "Route", "RSeq", "Security-Client", "Security-Server", "Security-Verify", "Server", "Service-Interact-Info", "Service-Route", "Session-Expires", "Session-ID", "ETag", "If_Match", "Subject", "Subscription-State", "Supported", "Suppress_If_Match", "Target-Dialog", "Timestamp", "To", "Trigger-Consent", "Unsupported", "User-Agent", "Via", "Warning", "WWW-Authenticate", "Diversion"}

// sipCompact are RFC 3261 §7.3.3's compact header forms.
var sipCompact = map[string]string{"i": "Call-ID", "m": "Contact", "e": "Content-Encoding", "l": "Content-Length",
	"c": "Content-Type", "f": "From", "s": "Subject", "k": "Supported", "t": "To", "v": "Via", "o": "Event",
	"r": "Refer-To", "b": "Referred-by", "u": "Allow-Events", "a": "Accept-Contact", "j": "Reject-Contact",
	"d": "Request-Disposition", "x": "Session-Expires", "y": "Identity", "n": "Identity-info"}

// sipUintHeaders are the headers whose field is a number.
var sipUintHeaders = map[string]bool{"Content-Length": true, "Expires": true, "Max-Breadth": true,
	"Max-Forwards": true, "Retry-After": true, "RSeq": true}

var sipHeaderByLower = func() map[string]string {
	m := make(map[string]string, len(sipHeaderNames))
	for _, n := range sipHeaderNames {
		m[strings.ToLower(n)] = n
	}
	return m
}()

// sipHeaderField is the canonical name of a header, "" for one Wireshark
// does not know.
func sipHeaderField(name string) string {
	l := strings.ToLower(name)
	if len(l) == 1 {
		return sipCompact[l]
	}
	return sipHeaderByLower[l]
}

// sipLine is what the first line of a message is.
type sipLine uint8

const (
	sipOther sipLine = iota
	sipRequest
	sipStatus
)

// sipParseLine classifies a first line as packet-sip.c's sip_parse_line
// does: "SIP/2.0 NNN reason", or "METHOD uri-with-a-colon SIP/2.0".
func sipParseLine(line []byte) (kind sipLine, methodLen int) {
	sp1 := bytes.IndexByte(line, ' ')
	if sp1 <= 0 {
		return sipOther, 0
	}
	sp2 := bytes.IndexByte(line[sp1+1:], ' ')
	if sp2 < 0 {
		return sipOther, 0
	}
	sp2 += sp1 + 1
	tok1, tok2, tok3 := line[:sp1], line[sp1+1:sp2], line[sp2+1:]
	if string(tok1) == sipVersion {
		if len(tok2) != 3 || !isDigits(tok2) {
			return sipOther, 0
		}
		return sipStatus, 0
	}
	if len(tok2) < 3 || bytes.IndexByte(tok2[1:], ':') < 0 || string(tok3) != sipVersion {
		return sipOther, 0
	}
	return sipRequest, sp1
}

func isDigits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return len(b) > 0
}

// sipFirstLine returns a message's first line when it starts a request or
// status: a printable first byte and no NUL in the line, as the heuristic
// asks.
func sipFirstLine(b []byte) (line []byte, kind sipLine, methodLen int) {
	if len(b) == 0 || b[0] < 0x20 || b[0] > 0x7e {
		return nil, sipOther, 0
	}
	n, _, ok := httpLineEnd(b, 0)
	if !ok || n == 0 || bytes.IndexByte(b[:n], 0) >= 0 {
		return nil, sipOther, 0
	}
	kind, methodLen = sipParseLine(b[:n])
	return b[:n], kind, methodLen
}

func sipHeuristic(b []byte) bool {
	_, kind, _ := sipFirstLine(b)
	return kind != sipOther
}

// sipMsg is what the Info column and framing need from a header block.
type sipMsg struct {
	bodyStart   int
	contentLen  int
	hasLen      bool
	ctype       string // media type, lower case, parameters cut
	cseqMethod  string
	toTag       bool
	contacts    int
	contactStar bool
	expires0    int // contacts with expires=0
	expiresNone int // contacts without a non-zero expires parameter
	expiresIs0  bool
}

// sipMaxHeaders bounds the header lines read per message.
const sipMaxHeaders = 512

// sipParseHead reads the header block after the first line; ok is false
// when b ends before the empty line.
func sipParseHead(b []byte, m *sipMsg, each func(name string, start, colon, end, next int)) bool {
	_, next, _ := httpLineEnd(b, 0)
	for i := 0; i < sipMaxHeaders*4; i++ {
		n, nx, ok := httpLineEnd(b, next)
		if n == 0 {
			m.bodyStart = nx
			return ok
		}
		if !ok {
			return false
		}
		end := next + n
		// folded continuation lines belong to the header
		for nx < len(b) && (b[nx] == ' ' || b[nx] == '\t') {
			n2, nx2, ok2 := httpLineEnd(b, nx)
			if !ok2 {
				return false
			}
			end, nx = nx+n2, nx2
		}
		colon := bytes.IndexByte(b[next:end], ':')
		name := ""
		if colon >= 0 {
			colon += next
			name = sipHeaderField(string(bytes.TrimSpace(b[next:colon])))
			m.note(name, bytes.Trim(b[colon+1:end], " \t"))
		}
		if each != nil && i < sipMaxHeaders {
			each(name, next, colon, end, nx)
		}
		next = nx
	}
	return false
}

// note takes what the column and framing need from one header.
func (m *sipMsg) note(name string, v []byte) {
	switch name {
	case "Content-Length":
		if n, err := strconv.Atoi(string(v)); err == nil && n >= 0 {
			m.contentLen, m.hasLen = n, true
		}
	case "Content-Type":
		if i := bytes.IndexByte(v, ';'); i >= 0 {
			v = v[:i]
		}
		m.ctype = strings.ToLower(string(bytes.TrimSpace(v)))
	case "CSeq":
		i := 0
		for i < len(v) && v[i] >= '0' && v[i] <= '9' {
			i++
		}
		for i < len(v) && !(v[i] >= 'A' && v[i] <= 'Z' || v[i] >= 'a' && v[i] <= 'z') {
			i++
		}
		m.cseqMethod = string(v[i:])
	case "To":
		rest := v
		if i := bytes.LastIndexByte(rest, '>'); i >= 0 {
			rest = rest[i:]
		}
		m.toTag = bytes.Contains(rest, []byte("tag="))
	case "Expires":
		m.expiresIs0 = string(v) == "0"
	case "Contact":
		if len(v) > 0 && v[0] == '*' {
			m.contactStar = true
			return
		}
		for _, c := range sipSplitList(v) {
			m.contacts++
			// packet-sip.c counts a contact with expires=0 both as
			// removed and as one without a (non-zero) expires
			exp, ok := sipParam(c, "expires")
			if ok && exp == "0" {
				m.expires0++
			}
			if !ok || exp == "0" {
				m.expiresNone++
			}
		}
	}
}

// sipSplitList splits a header value at the commas outside <> and quotes.
func sipSplitList(v []byte) [][]byte {
	var out [][]byte
	angle, quote, start := false, false, 0
	for i := 0; i < len(v) && len(out) < 256; i++ {
		switch c := v[i]; {
		case c == '"' && !angle:
			quote = !quote
		case c == '<' && !quote:
			angle = true
		case c == '>' && !quote:
			angle = false
		case c == ',' && !angle && !quote:
			out = append(out, v[start:i])
			start = i + 1
		}
	}
	if start < len(v) {
		out = append(out, v[start:])
	}
	return out
}

// sipParam finds a header parameter (after the URI's closing '>').
func sipParam(item []byte, name string) (string, bool) {
	if i := bytes.LastIndexByte(item, '>'); i >= 0 {
		item = item[i+1:]
	} else if i := bytes.IndexByte(item, ';'); i >= 0 {
		item = item[i:]
	} else {
		return "", false
	}
	for _, p := range bytes.Split(item, []byte(";")) {
		k, val, _ := bytes.Cut(bytes.TrimSpace(p), []byte("="))
		if strings.EqualFold(string(k), name) {
			return string(bytes.TrimSpace(val)), true
		}
	}
	return "", false
}

// sipPDULen delimits a message on TCP: the header block and Content-Length
// bytes of body; bytes that start no message are one Continuation PDU.
func sipPDULen(c *Conv, dir uint8, b []byte) int {
	_, kind, _ := sipFirstLine(b)
	if kind == sipOther {
		if n, _, ok := httpLineEnd(b, 0); !ok && n == len(b) && len(b) < maxPDUKeep && bytes.IndexByte(b, 0) < 0 {
			return 0 // the first line may not be whole yet
		}
		return len(b)
	}
	var m sipMsg
	if !sipParseHead(b, &m, nil) {
		if len(b) >= maxPDUKeep {
			return len(b)
		}
		return 0
	}
	if m.contentLen > 1<<30 {
		return len(b)
	}
	return m.bodyStart + m.contentLen
}

func sipDissect(p *PDU, out *Out) bool {
	b := p.Data
	line, kind, methodLen := sipFirstLine(b)
	if kind == sipOther {
		if !p.TCP {
			return false
		}
		out.SetProto("SIP")
		out.SetInfo("Continuation")
		if out.WantTree {
			n, _, _ := httpLineEnd(b, 0)
			out.Add(Field{Name: "sip", Label: "Session Initiation Protocol", Start: 0, Len: min(p.Len, len(b)), Kind: FieldProto,
				Children: []Field{{Label: "Continuation line: " + Printable(string(b[:n]))}}})
		}
		return true
	}
	var m sipMsg
	var hdrs []Field
	each := func(name string, start, colon, end, next int) {
		if !out.WantTree {
			return
		}
		text := Printable(string(b[start:end]))
		if name == "" {
			hdrs = append(hdrs, Field{Label: text, Start: start, Len: next - start})
			return
		}
		vs := colon + 1
		for vs < end && (b[vs] == ' ' || b[vs] == '\t') {
			vs++
		}
		v := string(b[vs:end])
		f := StrField("sip."+name, text, start, next-start, v)
		if sipUintHeaders[name] {
			n, _ := strconv.ParseUint(strings.TrimSpace(v), 10, 32)
			f = UintField("sip."+name, text, start, next-start, n)
		}
		if name == "CSeq" {
			i := 0
			for i < len(v) && v[i] >= '0' && v[i] <= '9' {
				i++
			}
			seq, _ := strconv.ParseUint(v[:i], 10, 32)
			f.Children = append(f.Children, UintField("sip.CSeq.seq", "Sequence Number: "+strconv.FormatUint(seq, 10), vs, i, seq))
			j := i
			for j < len(v) && !(v[j] >= 'A' && v[j] <= 'Z' || v[j] >= 'a' && v[j] <= 'z') {
				j++
			}
			if j < len(v) {
				f.Children = append(f.Children, StrField("sip.CSeq.method", "Method: "+Printable(v[j:]), vs+j, len(v)-j, v[j:]))
			}
		}
		hdrs = append(hdrs, f)
	}
	complete := sipParseHead(b, &m, each)
	if !complete {
		m.bodyStart = len(b)
	}
	var info strings.Builder
	code := 0
	method := ""
	if kind == sipRequest {
		method = string(line[:methodLen])
		if sipMethods[method] {
			info.WriteString("Request: ")
		} else {
			info.WriteString("Unknown request: ")
		}
		info.WriteString(Printable(string(line[:len(line)-len(sipVersion)-1])))
		if m.toTag && (method == "INVITE" || method == "SUBSCRIBE" || method == "REFER") {
			info.WriteString(", in-dialog")
		}
	} else {
		code, _ = strconv.Atoi(string(line[len(sipVersion)+1 : len(sipVersion)+4]))
		info.WriteString("Status: ")
		info.WriteString(Printable(string(line[len(sipVersion)+1:])))
		if code == 200 {
			info.WriteString(" (" + Printable(m.cseqMethod) + ")")
		}
	}
	if m.expiresIs0 {
		m.expires0 += m.expiresNone
	}
	switch {
	case method == "REGISTER" && m.contactStar && m.expiresIs0:
		info.WriteString("  (remove all bindings)")
	case method == "REGISTER" && m.expires0 > 0:
		info.WriteString("  (remove " + strconv.Itoa(m.expires0) + plural(m.expires0, " binding", " bindings") + ")")
		if add := m.contacts - m.expires0; add > 0 {
			info.WriteString(" (add " + strconv.Itoa(add) + plural(add, " binding", " bindings") + ")")
		}
	case method == "REGISTER" && m.contacts == 0:
		info.WriteString("  (fetch bindings)")
	case method == "REGISTER":
		info.WriteString("  (" + strconv.Itoa(m.contacts) + plural(m.contacts, " binding", " bindings") + ")")
	case kind == sipStatus && m.cseqMethod == "REGISTER" && code > 199 && code < 300 && m.expires0 > 0:
		info.WriteString("  (removed " + strconv.Itoa(m.expires0) + plural(m.expires0, " binding", " bindings") + ")")
		if kept := m.contacts - m.expires0; kept > 0 {
			info.WriteString(" (" + strconv.Itoa(kept) + plural(kept, " binding", " bindings") + " kept)")
		}
	case kind == sipStatus && m.cseqMethod == "REGISTER" && code > 199 && code < 300:
		info.WriteString("  (" + strconv.Itoa(m.contacts) + plural(m.contacts, " binding", " bindings") + ")")
	}
	info.WriteString(" | ")
	// col_add_lstr after the previous message's fence
	out.AppendInfo("", info.String())
	out.SetProto("SIP")
	bodyEnd := min(len(b), p.Len)
	if m.hasLen {
		bodyEnd = min(bodyEnd, m.bodyStart+m.contentLen)
	}
	var body []byte
	if m.bodyStart < bodyEnd {
		body = b[m.bodyStart:bodyEnd]
	}
	var bodyTree []Field
	if len(body) > 0 {
		bodyTree = sipMediaInfo(m.ctype, body, m.bodyStart, out)
	}
	if !out.WantTree {
		return true
	}
	top := Field{Name: "sip", Start: 0, Len: bodyEnd, Kind: FieldProto}
	lineText := Printable(string(line))
	if kind == sipRequest {
		top.Label = "Session Initiation Protocol (" + Printable(method) + ")"
		rl := StrField("sip.Request-Line", "Request-Line: "+lineText, 0, len(line), string(line))
		rl.Children = append(rl.Children, StrField("sip.Method", "Method: "+Printable(method), 0, methodLen, method))
		uri := line[methodLen+1 : len(line)-len(sipVersion)-1]
		rl.Children = append(rl.Children, StrField("sip.r-uri", "Request-URI: "+Printable(string(uri)), methodLen+1, len(uri), string(uri)))
		top.Children = append(top.Children, rl)
	} else {
		top.Label = "Session Initiation Protocol (" + strconv.Itoa(code) + ")"
		sl := StrField("sip.Status-Line", "Status-Line: "+lineText, 0, len(line), string(line))
		sl.Children = append(sl.Children, UintField("sip.Status-Code", "Status-Code: "+strconv.Itoa(code), len(sipVersion)+1, 3, uint64(code)))
		top.Children = append(top.Children, sl)
	}
	_, hstart, _ := httpLineEnd(b, 0)
	top.Children = append(top.Children, Field{Name: "sip.msg_hdr", Label: "Message Header", Start: hstart,
		Len: max(0, min(m.bodyStart, len(b))-hstart), Children: hdrs})
	if len(body) > 0 {
		top.Children = append(top.Children, Field{Name: "sip.msg_body", Label: "Message Body", Start: m.bodyStart,
			Len: len(body), Children: bodyTree})
	}
	out.Add(top)
	return true
}

// sipMediaInfo writes what the body's media-type dissector writes to the
// columns and returns its subtree (SDP's layer).
func sipMediaInfo(ctype string, body []byte, off int, out *Out) []Field {
	switch t := ctype; {
	case t == "application/sdp":
		out.SetProto("SIP/SDP")
		if out.WantTree {
			return []Field{sdpTree(body, off)}
		}
	case t == "application/json" || strings.HasSuffix(t, "+json"):
		out.SetProto("SIP/JSON")
		out.AppendInfo(", ", "JavaScript Object Notation ("+Printable(t)+")")
	case t == "application/xml" || t == "text/xml" || strings.HasSuffix(t, "+xml"):
		out.SetProto("SIP/XML")
	case strings.HasPrefix(t, "text/"):
		// Wireshark's line-based text dissector names the type
		out.AppendInfo(" ", "("+Printable(t)+")")
	}
	return nil
}

var sipDissector = &Dissector{
	Name:      "sip",
	Dissect:   sipDissect,
	PDULen:    sipPDULen,
	Heuristic: sipHeuristic,
	Fields: func() []FieldDef {
		fs := []FieldDef{
			{Name: "sip.Request-Line", Desc: "Request-Line", Kind: FieldString},
			{Name: "sip.Method", Desc: "Method", Kind: FieldString},
			{Name: "sip.r-uri", Desc: "Request-URI", Kind: FieldString},
			{Name: "sip.Status-Line", Desc: "Status-Line", Kind: FieldString},
			{Name: "sip.Status-Code", Desc: "Status-Code", Kind: FieldUint, Bits: 32},
			{Name: "sip.msg_hdr", Desc: "Message Header", Kind: FieldLabel},
			{Name: "sip.msg_body", Desc: "Message Body", Kind: FieldLabel},
			{Name: "sip.CSeq.seq", Desc: "Sequence Number", Kind: FieldUint, Bits: 32},
			{Name: "sip.CSeq.method", Desc: "Method", Kind: FieldString},
		}
		fs = append(fs, FieldDef{Name: "sdp", Desc: "Session Description Protocol", Kind: FieldProto})
		fs = append(fs, sdpFields...)
		for _, n := range sipHeaderNames {
			k, bits := FieldString, 0
			if sipUintHeaders[n] {
				k, bits = FieldUint, 32
			}
			fs = append(fs, FieldDef{Name: "sip." + n, Desc: n, Kind: k, Bits: bits})
		}
		return fs
	}(),
}

func init() {
	RegisterUDP(sipDissector, sipPort)
	RegisterTCP(sipDissector, sipPort)
}
