package decode

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// RESP, the REdis Serialization Protocol (version 2), as Wireshark 4.0's
// packet-resp.c shows it on TCP 6379. A segment's Info is "Request:" or
// "Response:" (by whether it goes to the port) followed by what each
// top-level element adds: a request array's command and arguments (bulk
// strings shorter than 100 bytes, else "BulkString(n)"), a response's
// simple string, integer, "Array(n)" or short bulk string, any error
// ("Error: ..."), " [fragment]" for a line that is no RESP element (an
// inline command). A message not complete in the segment adds
// " [continuation]" and waits for more bytes: an array one segment at a
// time (tshark runs the dissector again on each, which rewrites Info),
// a top-level bulk string by its announced length (the segments between
// then keep TCP's summary). An array whose bytes end after a whole
// element is taken as complete, as packet-resp.c's loop does. Details:
// each element with its length and value, arrays nested up to depth 30.
// Hand-written: gopacket has no RESP layer.

const (
	respPort = 6379 // tshark -G decodes: tcp.port 6379 resp
	// respMaxDepth is MAX_ARRAY_DEPTH_TO_RECURSE: deeper arrays are not
	// read into.
	respMaxDepth = 30
	// respBulkMaxDisplay is BULK_STRING_MAX_DISPLAY: longer bulk strings
	// show as BulkString(n).
	respBulkMaxDisplay = 100
)

// respLineEnd is tvb_find_line_end with desegmentation: the length of the
// line at b[at], or -1 when no line end is in b yet (a CR as the last byte
// may still be followed by its LF).
func respLineEnd(b []byte, at int) int {
	for i := at; i < len(b); i++ {
		switch b[i] {
		case '\n':
			return i - at
		case '\r':
			if i+1 == len(b) {
				return -1
			}
			return i - at
		}
	}
	return -1
}

// respInt is g_ascii_strtoll on b: optional spaces and sign, then digits
// up to the first other byte, saturating; 0 without digits.
func respInt(b []byte) int64 {
	i := 0
	for i < len(b) && (b[i] == ' ' || b[i] >= '\t' && b[i] <= '\r') {
		i++
	}
	neg := false
	if i < len(b) && (b[i] == '-' || b[i] == '+') {
		neg = b[i] == '-'
		i++
	}
	var v uint64
	const limit = 1 << 63
	for ; i < len(b) && b[i] >= '0' && b[i] <= '9'; i++ {
		if v <= limit {
			v = v*10 + uint64(b[i]-'0')
		}
		if v > limit {
			v = limit + 1
		}
	}
	switch {
	case neg && v >= limit:
		return -1 << 63
	case neg:
		return -int64(v)
	case v >= limit:
		return 1<<63 - 1
	}
	return int64(v)
}

// respLabel cuts a label as proto_item_append_text does, at
// ITEM_LABEL_LENGTH (240 bytes with its NUL).
func respLabel(s string) string {
	const max = 239
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut]
}

// respWalker reads RESP elements, writing Info and, when tree, fields.
type respWalker struct {
	b        []byte
	response bool
	out      *Out
	tree     bool
	items    int // elements read, bounded by the bytes
}

// element reads the element at w.b[at] at array depth d: its length, or
// -1 when the bytes end before it does.
func (w *respWalker) element(at, d int, parent *[]Field) int {
	b := w.b
	n := respLineEnd(b, at)
	if n < 0 {
		return -1
	}
	w.items++
	line := b[at : at+n]
	head := n + 2 // packet-resp.c counts a CR LF after every line
	add := func(f Field) {
		if w.tree {
			*parent = append(*parent, f)
		}
	}
	if n == 0 {
		return 2 // an erroneous CR LF
	}
	switch line[0] {
	case '+':
		s := encASCII(line[1:])
		if w.response && d == 0 {
			w.out.AppendInfo("", " "+Printable(s))
		}
		add(StrField("resp.string", "String: "+formatText([]byte(s)), at, min(head, len(b)-at), s))
		return head
	case '-':
		s := encASCII(line[1:])
		w.out.AppendInfo("", " Error: "+Printable(s))
		add(StrField("resp.error", "Error: "+formatText([]byte(s)), at, min(head, len(b)-at), s))
		return head
	case ':':
		v := respInt(line[1:])
		if w.response && d == 0 {
			w.out.AppendInfo("", " "+strconv.FormatInt(v, 10))
		}
		add(Field{Name: "resp.integer", Label: "Integer: " + strconv.FormatInt(v, 10), Start: at,
			Len: min(head, len(b)-at), Kind: FieldUint, Num: uint64(v)})
		return head
	case '$':
		// packet-resp.c keeps the length in an int
		return w.bulk(at, head, int64(int32(respInt(line[1:]))), d, parent)
	case '*':
		return w.array(at, head, respInt(line[1:]), d, parent)
	}
	w.out.AppendInfo("", " [fragment]")
	add(Field{Name: "resp.fragment", Label: "Fragment", Start: at, Len: min(head, len(b)-at)})
	return head
}

func (w *respWalker) bulk(at, head int, n int64, d int, parent *[]Field) int {
	b := w.b
	lenLabel := "Length: " + strconv.FormatInt(int64(int32(n)), 10)
	if n < 0 {
		if w.tree {
			label := "Bulk String"
			if int32(n) == -1 {
				label += ": [NULL]"
			}
			*parent = append(*parent, Field{Name: "resp.bulk_string", Label: label, Start: at, Len: min(head, len(b)-at),
				Children: []Field{{Name: "resp.bulk_string.length", Label: lenLabel, Start: at, Len: min(head, len(b)-at)}}})
		}
		return head
	}
	if int64(len(b)-at-head) < n+2 {
		return -1
	}
	vs := at + head
	v := b[vs : vs+int(n)]
	s := encASCII(v)
	ascii := !strings.ContainsRune(s, '\uFFFD')
	size := strconv.FormatInt(n, 10)
	switch {
	case ascii && !w.response && d == 1:
		if n < respBulkMaxDisplay {
			w.out.AppendInfo("", " "+Printable(s))
		} else {
			w.out.AppendInfo("", " BulkString("+size+")")
		}
	case ascii && w.response && d == 0 && n < respBulkMaxDisplay:
		w.out.AppendInfo("", " "+Printable(s))
	case d == 0:
		w.out.AppendInfo("", " BulkString("+size+")")
	}
	if w.tree {
		label := "Bulk String"
		if ascii {
			label = respLabel(label + ": " + formatText([]byte(s)))
		}
		f := Field{Name: "resp.bulk_string", Label: label, Start: at, Len: head + int(n) + 2,
			Children: []Field{{Name: "resp.bulk_string.length", Label: lenLabel, Start: at, Len: head, Kind: FieldUint, Num: uint64(n)}}}
		if n > 0 {
			f.Children = append(f.Children, Field{Name: "resp.bulk_string.value", Label: "Value: " + hexEllipsis(v),
				Start: vs, Len: int(n), Kind: FieldBytes, Str: string(v)})
		}
		*parent = append(*parent, f)
	}
	return head + int(n) + 2
}

func (w *respWalker) array(at, head int, n int64, d int, parent *[]Field) int {
	b := w.b
	f := Field{Name: "resp.array", Label: "Array", Start: at, Len: min(head, len(b)-at),
		Children: []Field{{Name: "resp.array.length", Label: "Length: " + strconv.FormatInt(n, 10), Start: at,
			Len: min(head, len(b)-at), Kind: FieldUint, Num: uint64(n)}}}
	done := func(end int) int {
		if w.tree {
			*parent = append(*parent, f)
		}
		return end
	}
	switch {
	case n == -1:
		f.Label = "Array: NULL"
		return done(head)
	case n == 0:
		f.Label = "Array: Empty"
		return done(head)
	case n < 0:
		return done(head)
	}
	f.Label = "Array: Length " + strconv.FormatInt(n, 10)
	if d > respMaxDepth {
		return done(head)
	}
	if at+head >= len(b) {
		done(0)
		return -1 // no element yet: one more segment
	}
	if w.response && d == 0 {
		w.out.AppendInfo("", " Array("+strconv.FormatInt(n, 10)+")")
	}
	off := at + head
	// the elements the bytes hold: an array whose bytes end after a whole
	// element counts as complete, as dissect_resp_loop stops there
	for k := int64(0); k < n && off < len(b) && w.items < len(b); k++ {
		m := w.element(off, d+1, &f.Children)
		if m < 0 {
			done(0) // the array stays in the tree with the elements read
			return -1
		}
		off += m
	}
	f.Len = min(off, len(b)) - at
	return done(off - at)
}

// respPDULen is the length of the top-level element at b[0], 0 while its
// length is not known (an array waits one segment at a time), or a top
// level bulk string's whole length once its header is in.
func respPDULen(_ *Conv, _ uint8, b []byte) int {
	n := respLineEnd(b, 0)
	switch {
	case n < 0:
		return 0
	case n > 0 && b[0] == '$':
		if v := int32(respInt(b[1:n])); v >= 0 {
			return n + 2 + int(v) + 2
		}
	}
	w := respWalker{b: b, out: &Out{}}
	m := w.element(0, 0, nil)
	if m < 0 {
		return 0
	}
	return m
}

// respInfoStart writes "Request:" or "Response:" when the packet's Info is
// still empty: packet-resp.c clears Info once per segment.
func respInfoStart(p *PDU, out *Out) bool {
	resp := p.SrcPort == respPort
	if out.Info() == "" {
		if resp {
			out.SetInfo("Response:")
		} else {
			out.SetInfo("Request:")
		}
	}
	return resp
}

func respDissect(p *PDU, out *Out) bool {
	out.SetProto("RESP")
	first := out.Info() == ""
	w := respWalker{b: p.Data, response: respInfoStart(p, out), out: out, tree: out.WantTree}
	var fs []Field
	if w.element(0, 0, &fs) < 0 {
		out.AppendInfo("", " [continuation]") // a PDU cut at maxPDUKeep
	}
	if !out.WantTree {
		return true
	}
	if n := len(out.Tree); !first && n > 0 && out.Tree[n-1].Name == "resp" {
		// packet-resp.c reads a segment's messages under one item: later
		// messages join the first's, placed in the packet here (the
		// walker shifts only new layers), or in the reassembled bytes
		// with the first when it spanned segments
		top := &out.Tree[n-1]
		if top.Len == 0 || p.Off < 0 {
			Shift(fs, -1)
		} else {
			Shift(fs, p.Off)
			top.Len = p.Off + min(p.Len, len(p.Data)) - top.Start
		}
		top.Children = append(top.Children, fs...)
		return true
	}
	out.Add(Field{Name: "resp", Label: "REdis Serialization Protocol", Len: min(p.Len, len(p.Data)), Kind: FieldProto, Children: fs})
	return true
}

// respPartial is the dissector's run on a message not yet complete: what
// its whole elements add, then " [continuation]"; the walker keeps the
// tree it builds for the segment.
func respPartial(p *PDU, out *Out) {
	w := respWalker{b: p.Data, response: respInfoStart(p, out), out: out, tree: out.WantTree}
	var fs []Field
	w.element(0, 0, &fs)
	out.AppendInfo("", " [continuation]")
	if out.WantTree {
		// the elements read so far, as tshark's tree shows them on each
		// segment it ran the dissector on; their places are in bytes of
		// several segments, so they get none
		Shift(fs, -1)
		out.Add(Field{Name: "resp", Label: "REdis Serialization Protocol", Kind: FieldProto, Children: fs})
	}
}

var respDissector = &Dissector{
	Name:    "resp",
	Dissect: respDissect,
	PDULen:  respPDULen,
	Partial: respPartial,
	Fields: []FieldDef{
		{Name: "resp.string", Desc: "String", Kind: FieldString},
		{Name: "resp.error", Desc: "Error", Kind: FieldString},
		{Name: "resp.bulk_string", Desc: "Bulk String", Kind: FieldLabel},
		{Name: "resp.bulk_string.length", Desc: "Length", Kind: FieldUint, Bits: 32},
		{Name: "resp.bulk_string.value", Desc: "Value", Kind: FieldBytes},
		{Name: "resp.integer", Desc: "Integer", Kind: FieldUint, Bits: 64},
		{Name: "resp.array", Desc: "Array", Kind: FieldLabel},
		{Name: "resp.array.length", Desc: "Length", Kind: FieldUint, Bits: 64},
		{Name: "resp.fragment", Desc: "Fragment", Kind: FieldLabel},
	},
}

func init() { RegisterTCP(respDissector, respPort) }
