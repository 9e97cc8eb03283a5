package decode

// XMPP (RFC 6120) as Wireshark 4.0's xmpp dissector shows it on TCP 5222
// (tshark -G decodes lists no other port; 5269 server-to-server streams
// are left to TCP as tshark leaves them). Wireshark runs its XML dissector
// over the bytes first, so the Protocol column reads "XMPP/XML". It
// reassembles until the last byte that is not white space (bytes ≤ 0x20
// or ≥ 0x80: a signed char compared with ' ') is '>', then walks the
// top-level XML elements: each one rewrites the Info column ("IQ(get) ",
// "MESSAGE ", "STREAM "...) and adds "> to " (towards the server) or
// "< from " (from it), so the last element of a segment is what shows. A
// stream header is never closed in its segment, so the features that
// follow it are its children and "STREAM" shows; a closing tag at the start
// of the bytes is "STREAM END". A <proceed/> hands the conversation to TLS
// from the next packet (Wireshark's ssl_starttls_ack). Hand-written: gopacket
// has no XMPP layer, and ladder needs element offsets for the details pane,
// which encoding/xml does not give for attributes.

// xmppTCPPort is tshark -G decodes' tcp.port entry for xmpp.
const xmppTCPPort = 5222

// xmppMaxElems bounds the top-level elements and children one PDU may
// yield, so hostile bytes cannot make the walk allocate without end.
const xmppMaxElems = 256

// xmppAttr is one attribute of an element: its name and raw value (XML
// entities are not expanded, as Wireshark shows them), and where the whole
// name='value' lies in the PDU.
type xmppAttr struct {
	name, value string
	start, size int
}

// xmppElem is one XML element (or the <?xml?> declaration, named "xml") of
// a PDU: its local name (after any namespace prefix), attributes, direct
// children, and its span, to the end of the bytes when not closed there.
type xmppElem struct {
	name        string
	attrs       []xmppAttr
	children    []xmppElem
	start, size int
	// text is a direct child's character data up to its first tag
	// (<show>chat</show>), raw.
	text string
}

// attr returns the named attribute, or nil.
func (e *xmppElem) attr(name string) *xmppAttr {
	for i := range e.attrs {
		if e.attrs[i].name == name {
			return &e.attrs[i]
		}
	}
	return nil
}

// child returns the first direct child with the given local name whose
// xmlns is ns ("" for any), or nil.
func (e *xmppElem) child(name, ns string) *xmppElem {
	for i := range e.children {
		c := &e.children[i]
		if c.name != name {
			continue
		}
		if ns == "" {
			return c
		}
		if a := c.attr("xmlns"); a != nil && a.value == ns {
			return c
		}
	}
	return nil
}

// xmppPDULen makes a PDU of the bytes once their last byte that is not
// white space is '>', as packet-xmpp.c's desegmentation test does;
// otherwise it waits for the next segment.
func xmppPDULen(c *Conv, dir uint8, b []byte) int {
	i := len(b) - 1
	for i > 0 && int8(b[i]) <= ' ' {
		i--
	}
	if i < 0 || b[i] != '>' {
		return 0
	}
	return len(b)
}

// xmppIsSpace is XML white space.
func xmppIsSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// xmppNameEnd returns where the name starting at i ends.
func xmppNameEnd(b []byte, i int) int {
	for i < len(b) && !xmppIsSpace(b[i]) && b[i] != '>' && b[i] != '/' && b[i] != '=' && b[i] != '?' {
		i++
	}
	return i
}

// xmppLocal strips a namespace prefix ("stream:features" → "features").
func xmppLocal(name string) string {
	for i := len(name) - 1; i >= 0; i-- {
		if name[i] == ':' {
			return name[i+1:]
		}
	}
	return name
}

// xmppSkipTo returns the offset just past the first sep at or after i, or
// len(b).
func xmppSkipTo(b []byte, i int, sep string) int {
	for ; i+len(sep) <= len(b); i++ {
		if string(b[i:i+len(sep)]) == sep {
			return i + len(sep)
		}
	}
	return len(b)
}

// xmppTag reads the start tag at b[i] ('<' then a name): its local name,
// attributes, where the tag ends and whether it closes itself ("/>").
func xmppTag(b []byte, i int) (e xmppElem, end int, empty bool) {
	e.start = i
	ne := xmppNameEnd(b, i+1)
	e.name = xmppLocal(string(b[i+1 : ne]))
	j := ne
	for j < len(b) && len(e.attrs) < xmppMaxElems {
		for j < len(b) && xmppIsSpace(b[j]) {
			j++
		}
		if j >= len(b) {
			break
		}
		switch b[j] {
		case '>':
			return e, j + 1, false
		case '/', '?':
			if j+1 < len(b) && b[j+1] == '>' {
				return e, j + 2, true
			}
			j++
			continue
		}
		as := j
		an := xmppNameEnd(b, j)
		if an == j {
			j++
			continue
		}
		k := an
		for k < len(b) && xmppIsSpace(b[k]) {
			k++
		}
		if k >= len(b) || b[k] != '=' {
			j = an
			continue
		}
		k++
		for k < len(b) && xmppIsSpace(b[k]) {
			k++
		}
		if k >= len(b) || (b[k] != '\'' && b[k] != '"') {
			j = k
			continue
		}
		q := b[k]
		v := k + 1
		for v < len(b) && b[v] != q {
			v++
		}
		if v >= len(b) {
			return e, len(b), false
		}
		e.attrs = append(e.attrs, xmppAttr{name: string(b[as:an]), value: string(b[k+1 : v]), start: as, size: v + 1 - as})
		j = v + 1
	}
	return e, len(b), false
}

// xmppParse returns the top-level elements of b with their direct
// children: a declaration <?xml ...?> is an element named "xml"; comments,
// other declarations, character data and stray closing tags are skipped.
func xmppParse(b []byte) []xmppElem {
	var elems []xmppElem
	i := 0
	for i < len(b) && len(elems) < xmppMaxElems {
		if b[i] != '<' {
			i++
			continue
		}
		switch {
		case i+1 < len(b) && b[i+1] == '?':
			ne := xmppNameEnd(b, i+2)
			end := xmppSkipTo(b, i, "?>")
			elems = append(elems, xmppElem{name: string(b[i+2 : ne]), start: i, size: end - i})
			i = end
			continue
		case i+1 < len(b) && (b[i+1] == '!' || b[i+1] == '/'):
			i = xmppSkipMarkup(b, i)
			continue
		}
		e, end, empty := xmppTag(b, i)
		if !empty {
			end = xmppContent(b, end, &e)
		}
		e.size = end - e.start
		elems = append(elems, e)
		i = end
	}
	return elems
}

// xmppSkipMarkup returns the end of the comment, CDATA section,
// declaration or closing tag at b[i].
func xmppSkipMarkup(b []byte, i int) int {
	rest := b[i:]
	switch {
	case len(rest) >= 4 && string(rest[:4]) == "<!--":
		return xmppSkipTo(b, i+4, "-->")
	case len(rest) >= 9 && string(rest[:9]) == "<![CDATA[":
		return xmppSkipTo(b, i+9, "]]>")
	}
	return xmppSkipTo(b, i, ">")
}

// xmppContent reads an element's content from i up to and including the
// closing tag that balances it (any name closes the innermost open element,
// as Wireshark's XML dissector does), recording e's direct children.
func xmppContent(b []byte, i int, e *xmppElem) int {
	depth := 0
	for i < len(b) {
		if b[i] != '<' {
			i++
			continue
		}
		switch {
		case i+1 < len(b) && b[i+1] == '/':
			i = xmppSkipTo(b, i, ">")
			if depth == 0 {
				return i
			}
			depth--
			continue
		case i+1 < len(b) && (b[i+1] == '!' || b[i+1] == '?'):
			i = xmppSkipMarkup(b, i)
			continue
		}
		c, end, empty := xmppTag(b, i)
		if depth == 0 && len(e.children) < xmppMaxElems {
			c.size = end - c.start
			if !empty {
				t := end
				for t < len(b) && b[t] != '<' {
					t++
				}
				c.text = string(b[end:t])
			}
			e.children = append(e.children, c)
		}
		if !empty {
			depth++
		}
		i = end
	}
	return len(b)
}

// xmppIQChildren are the children an iq's Info names, in the order of
// packet-xmpp-core.c's table (the order the column gets them, whatever
// their order in the stanza), with the text each adds; ns "" matches any
// namespace. Each was checked against tshark 4.0 on lab__xmpp.pcap.
var xmppIQChildren = []struct{ name, ns, info string }{
	{"query", "http://jabber.org/protocol/disco#items", "QUERY(disco#items) "},
	{"query", "jabber:iq:roster", "QUERY(jabber:iq:roster) "},
	{"query", "http://jabber.org/protocol/disco#info", "QUERY(disco#info) "},
	{"bind", "", "BIND "},
	{"session", "urn:ietf:params:xml:ns:xmpp-session", "SESSION "},
	{"vCard", "", "VCARD "},
	{"query", "jabber:iq:version", "QUERY(jabber:iq:version) "},
	{"ping", "urn:xmpp:ping", "PING "},
}

// xmppInfo is the Info text packet-xmpp.c gives one top-level element.
func xmppInfo(e *xmppElem, out bool) string {
	var s string
	switch e.name {
	case "iq":
		t := ""
		if a := e.attr("type"); a != nil {
			t = a.value
		}
		s = "IQ(" + t + ") "
		for _, c := range xmppIQChildren {
			if e.child(c.name, c.ns) != nil {
				s += c.info
			}
		}
	case "presence":
		s = "PRESENCE "
	case "message":
		s = "MESSAGE "
	case "auth":
		s = "AUTH"
	case "challenge":
		s = "CHALLENGE"
	case "response":
		s = "RESPONSE"
	case "success":
		s = "SUCCESS"
	case "failure":
		s = "FAILURE "
	case "xml":
		s = "XML "
	case "stream":
		s = "STREAM "
	case "features":
		s = "FEATURES "
	case "starttls":
		s = "STARTTLS "
	case "proceed":
		s = "PROCEED "
	default:
		s = "UNKNOWN PACKET "
	}
	if out {
		if a := e.attr("to"); a != nil {
			s += "> " + a.value + " "
		}
	} else if a := e.attr("from"); a != nil {
		s += "< " + a.value + " "
	}
	return s
}

// xmppStreamEnd tells bytes that open, after white space, with a closing
// tag "</name>" or "</prefix:name>" (packet-xmpp-utils.c's stream close
// test), and returns its span.
func xmppStreamEnd(b []byte) (start, size int, ok bool) {
	i := 0
	for i < len(b) && xmppIsSpace(b[i]) {
		i++
	}
	if i+2 > len(b) || b[i] != '<' || b[i+1] != '/' {
		return 0, 0, false
	}
	nameOK := func(c byte) bool {
		return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_'
	}
	j := i + 2
	n := j
	for n < len(b) && nameOK(b[n]) {
		n++
	}
	if n == j {
		return 0, 0, false
	}
	if n < len(b) && b[n] == ':' {
		m := n + 1
		for m < len(b) && nameOK(b[m]) {
			m++
		}
		if m > n+1 {
			n = m
		}
	}
	if n >= len(b) || b[n] != '>' {
		return 0, 0, false
	}
	return i, n + 1 - i, true
}

func xmppDissect(p *PDU, out *Out) bool {
	b := p.Data
	out.SetProto("XMPP/XML")
	toServer := p.DstPort == xmppTCPPort
	var top *Field
	if out.WantTree {
		out.Add(Field{Name: "xmpp", Label: "XMPP Protocol", Start: 0, Len: min(p.Len, len(b)), Kind: FieldProto})
		top = &out.Tree[len(out.Tree)-1]
	}
	if s, n, ok := xmppStreamEnd(b); ok {
		out.SetInfo("STREAM END")
		if top != nil {
			top.Children = append(top.Children, Field{Name: "xmpp.stream_end", Label: "STREAM END", Start: s, Len: n})
		}
		return true
	}
	elems := xmppParse(b)
	info, set := "", false
	for i := range elems {
		e := &elems[i]
		info, set = xmppInfo(e, toServer), true
		if e.name == "proceed" {
			p.Conv.HandOff(tlsDissector)
		}
		if top != nil {
			if f, ok := xmppField(e); ok {
				top.Children = append(top.Children, f)
			}
		}
	}
	if set {
		out.SetInfo(Printable(info))
	} else {
		out.SetInfo("")
	}
	return true
}

// xmppFieldNames are the stanza nodes the details pane shows, by element,
// with the attributes each lists in its label and as fields, in
// packet-xmpp-core.c's order.
var xmppFieldNames = map[string]struct {
	field, label string
	attrs        []string // shown in the label, in order
	fields       []string // shown as xmpp.<attr> fields, in order
}{
	"iq":       {"xmpp.iq", "IQ", []string{"id", "type", "from", "to"}, []string{"id", "type", "from", "to"}},
	"message":  {"xmpp.message", "MESSAGE", []string{"id", "type"}, []string{"from", "id", "to", "type"}},
	"presence": {"xmpp.presence", "PRESENCE", []string{"id", "type"}, []string{"from", "id", "to", "type"}},
	"auth":     {"xmpp.auth", "AUTH", []string{"xmlns", "mechanism"}, []string{"xmlns"}},
	"starttls": {"xmpp.starttls", "STARTTLS", []string{"xmlns"}, []string{"xmlns"}},
	"proceed":  {"xmpp.proceed", "PROCEED", []string{"xmlns"}, []string{"xmlns"}},
}

// xmppField is the details node of a stanza packet-xmpp shows with a
// named field: "IQ [id="v1" type="get"]" holding its id, type, from and to.
func xmppField(e *xmppElem) (Field, bool) {
	d, ok := xmppFieldNames[e.name]
	if !ok {
		return Field{}, false
	}
	// the brackets show even when empty: "PRESENCE []"
	label := d.label + " ["
	sep := ""
	for _, n := range d.attrs {
		if a := e.attr(n); a != nil {
			label += sep + n + "=\"" + Printable(a.value) + "\""
			sep = " "
		}
	}
	// a presence's <show> child is listed as if an attribute
	if c := e.child("show", ""); c != nil && e.name == "presence" {
		label += sep + "show=\"" + Printable(c.text) + "\""
	}
	label += "]"
	f := Field{Name: d.field, Label: label, Start: e.start, Len: e.size}
	for _, n := range d.fields {
		if a := e.attr(n); a != nil {
			f.Children = append(f.Children, StrField("xmpp."+n, n+": "+Printable(a.value), a.start, a.size, a.value))
		}
	}
	return f, true
}

var xmppDissector = &Dissector{
	Name:    "xmpp",
	Dissect: xmppDissect,
	PDULen:  xmppPDULen,
	Fields: []FieldDef{
		{Name: "xmpp.iq", Desc: "IQ", Kind: FieldLabel},
		{Name: "xmpp.message", Desc: "MESSAGE", Kind: FieldLabel},
		{Name: "xmpp.presence", Desc: "PRESENCE", Kind: FieldLabel},
		{Name: "xmpp.auth", Desc: "AUTH", Kind: FieldLabel},
		{Name: "xmpp.starttls", Desc: "STARTTLS", Kind: FieldLabel},
		{Name: "xmpp.proceed", Desc: "PROCEED", Kind: FieldLabel},
		{Name: "xmpp.stream_end", Desc: "STREAM END", Kind: FieldLabel},
		{Name: "xmpp.id", Desc: "id", Kind: FieldString},
		{Name: "xmpp.type", Desc: "type", Kind: FieldString},
		{Name: "xmpp.from", Desc: "from", Kind: FieldString},
		{Name: "xmpp.to", Desc: "to", Kind: FieldString},
		{Name: "xmpp.xmlns", Desc: "xmlns", Kind: FieldString},
	},
}

func init() {
	RegisterTCP(xmppDissector, xmppTCPPort)
}
