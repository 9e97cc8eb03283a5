package decode

import (
	"bytes"
	"strings"
)

// Internet Message Format (RFC 5322) as far as Wireshark 4.0's imf
// dissector writes the Info column for a mail that SMTP's DATA or POP's
// RETR carried: "from: X, subject: Y, " in the headers' order, then each
// leaf of the MIME body as " (text/plain)", or, without a Content-Type,
// every body line with its line end shown as spaces after ", ". IMF is
// not a stream protocol of its own: SMTP and POP call imfInfo.

// imfMaxParts bounds the MIME parts and nesting imfInfo walks.
const (
	imfMaxParts = 64
	imfMaxDepth = 4
)

// imfField is one header field as packet-imf.c's walk finds it: its name
// (everything before the colon), the value's start (just after the colon)
// and the field's end (just after its closing CRLF).
type imfField struct {
	start, colon, end int
}

// imfWalk is packet-imf.c's header walk, not RFC 5322's: a field's name is
// everything up to the next ':' (line ends included, so a segment that
// starts inside a body reads its first lines as one strange name), its
// value runs to a CRLF not followed by a space or tab, and an empty line
// ends the fields. It calls fn for each field and returns where the body
// starts: after the empty line, or 0 (the whole message again) when no
// colon or no field end was found.
func imfWalk(msg []byte, fn func(f imfField)) (body int) {
	start, end := 0, 0
	last := false
	for !last && start < len(msg) {
		colon := bytes.IndexByte(msg[start:], ':')
		if colon < 0 {
			return 0
		}
		colon += start
		end, last = imfFieldEnd(msg, colon+1, len(msg))
		if end < 0 {
			return 0
		}
		fn(imfField{start, colon, end})
		start = end
	}
	if last {
		end += 2 // the empty line after the fields
	}
	if end > len(msg) {
		return 0
	}
	return end
}

// value is the field's value as packet-imf.c shows it: leading white
// space and the closing CRLF left out (an all-blank value is kept whole).
func (f imfField) value(msg []byte) (off, n int) {
	off = f.colon + 1
	for off < f.end && isASCIISpace(msg[off]) {
		off++
	}
	if off == f.end {
		off = f.colon + 1
	}
	return off, max(f.end-2-off, 0)
}

// imfInfo is the Info text Wireshark's imf dissector gives msg: "from: X,
// subject: Y, " in the fields' order, then the body. Only a Content-Type
// with a ';' names the body's media type; otherwise the body is shown as
// text lines.
func imfInfo(msg []byte) string {
	var c colText
	ctype := ""
	body := imfWalk(msg, func(f imfField) {
		switch key := strings.ToLower(string(msg[f.start:f.colon])); key {
		case "from", "subject":
			off, n := f.value(msg)
			c.WriteString(key + ": " + Printable(string(msg[off:off+n])) + ", ")
		case "content-type":
			if t, ok := imfContentType(msg, f.colon+1, f.end-f.colon-1); ok {
				ctype = t
			}
		}
	})
	if ctype == "" {
		imfTextLines(&c, msg[body:])
		return c.String()
	}
	parts := 0
	imfMedia(&c, ctype, msg[body:], 0, &parts)
	return c.String()
}

// imfTree is the "Internet Message Format" subtree of msg, which starts at
// off in the packet's bytes (off < 0: the message is not all in this
// packet, so its lines are generated ones without bytes). Known header
// names become packet-imf.c's fields (imf.from, imf.subject, ...), the
// others imf.extension with their type and value.
func imfTree(msg []byte, off int) Field {
	at := func(start, n int) (int, int) {
		if off < 0 {
			return 0, 0
		}
		return off + start, n
	}
	s, n := at(0, len(msg))
	root := Field{Name: "imf", Label: "Internet Message Format", Start: s, Len: n, Kind: FieldProto}
	body := imfWalk(msg, func(f imfField) {
		name := string(msg[f.start:f.colon])
		voff, vn := f.value(msg)
		val := string(msg[voff : voff+vn])
		s, n := at(voff, vn)
		if fname, ok := imfFieldNames[strings.ToLower(name)]; ok {
			root.Children = append(root.Children, Field{Name: fname, Label: imfLabel(name) + ": " + Printable(val), Start: s, Len: n, Kind: FieldString, Str: val})
			return
		}
		es, en := at(f.start, f.end-f.start)
		ts, tn := at(f.start, f.colon-f.start)
		ext := Field{Name: "imf.extension", Label: Printable(name) + ": " + Printable(val), Start: es, Len: en, Kind: FieldString, Str: name + ":" + val,
			Children: []Field{
				{Name: "imf.extension.type", Label: "Type: " + Printable(name), Start: ts, Len: tn, Kind: FieldString, Str: name},
				{Name: "imf.extension.value", Label: "Value: " + Printable(val), Start: s, Len: n, Kind: FieldString, Str: val},
			}}
		root.Children = append(root.Children, ext)
	})
	s, n = at(body, len(msg)-body)
	root.Children = append(root.Children, Field{Name: "imf.message_text", Label: "Message-Text", Start: s, Len: n, Kind: FieldLabel})
	return root
}

// imfLabel is the header name as packet-imf.c's field titles spell it
// ("Message-ID", "MIME-Version"): each word capitalised.
func imfLabel(name string) string {
	if l, ok := imfTitles[strings.ToLower(name)]; ok {
		return l
	}
	return Printable(name)
}

// imfFieldEnd is packet-imf.c's imf_find_field_end: the offset just after
// the CRLF that ends the field starting at off (a CRLF followed by a space
// or tab continues it), or -1 when none does within max. last is true when
// an empty line follows; a CRLF at the very end of the buffer also ends
// the fields, and then the offset returned is that CRLF's.
func imfFieldEnd(b []byte, off, max int) (end int, last bool) {
	max = min(max, len(b))
	for off < max {
		i := bytes.IndexByte(b[off:max], '\r')
		if i < 0 {
			return -1, false
		}
		off += i + 1
		if off >= max || b[off] != '\n' {
			continue
		}
		off++
		if off >= max {
			return off - 2, true
		}
		switch b[off] {
		case '\r':
			return off, off+1 < max && b[off+1] == '\n'
		case ' ', '\t':
			// a continuation line
		default:
			return off, false
		}
	}
	return -1, false
}

// imfContentType is packet-imf.c's dissect_imf_content_type: after leading
// spaces, the type runs to the first ';' and the parameters to the field's
// end. Without a ';' there is no type (ok false).
func imfContentType(msg []byte, off, n int) (ctype string, ok bool) {
	for i := 0; i < n && off+i < len(msg); i++ {
		if !isASCIISpace(msg[off+i]) {
			off += i
			break
		}
	}
	lim := min(off+n, len(msg))
	if off > lim {
		return "", false
	}
	semi := bytes.IndexByte(msg[off:lim], ';')
	if semi < 0 {
		return "", false
	}
	semi += off
	params := ""
	if pend, _ := imfFieldEnd(msg, semi+1, lim); pend-2 > semi+1 {
		params = string(msg[semi+1 : pend-2])
	}
	return string(msg[off:semi]) + ";" + params, true
}

// isASCIISpace is g_ascii_isspace.
func isASCIISpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// colText builds a column as Wireshark's col_append_sep_str does.
type colText struct{ strings.Builder }

func (c *colText) append(sep, s string) {
	if c.Len() > 0 {
		c.WriteString(sep)
	}
	c.WriteString(s)
}

type imfHeader struct{ name, value string }

// imfSplit reads the header block; ok is false unless the block starts
// with a header line and ends with an empty line.
func imfSplit(msg []byte) (hdrs []imfHeader, body []byte, ok bool) {
	off := 0
	for i := 0; i < 1024; i++ {
		n, next, found := httpLineEnd(msg, off)
		if !found {
			return nil, nil, false
		}
		line := msg[off : off+n]
		if n == 0 {
			return hdrs, msg[next:], len(hdrs) > 0
		}
		if line[0] == ' ' || line[0] == '\t' {
			if len(hdrs) == 0 {
				return nil, nil, false
			}
			hdrs[len(hdrs)-1].value += " " + string(bytes.TrimSpace(line))
		} else {
			colon := bytes.IndexByte(line, ':')
			if colon <= 0 {
				return nil, nil, false
			}
			hdrs = append(hdrs, imfHeader{string(line[:colon]), string(bytes.TrimSpace(line[colon+1:]))})
		}
		off = next
	}
	return nil, nil, false
}

// imfTextLines appends each line, its end shown as spaces, as the
// text-lines dissector's format_text_wsp does.
func imfTextLines(c *colText, b []byte) {
	for off, i := 0, 0; off < len(b) && i < 4096; i++ {
		_, next, _ := httpLineEnd(b, off)
		line := strings.Map(func(r rune) rune {
			if r == '\r' || r == '\n' || r == '\t' {
				return ' '
			}
			return r
		}, string(b[off:next]))
		c.append(", ", Printable(line))
		off = next
	}
}

// imfMedia appends " (type)" for each leaf of a MIME entity.
func imfMedia(c *colText, ctype string, body []byte, depth int, parts *int) {
	t, params, _ := strings.Cut(ctype, ";")
	t = strings.ToLower(strings.TrimSpace(t))
	if !strings.HasPrefix(t, "multipart/") || depth >= imfMaxDepth {
		c.WriteString(" (" + Printable(t) + ")")
		return
	}
	boundary := ""
	for _, p := range strings.Split(params, ";") {
		k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
		if strings.EqualFold(k, "boundary") {
			boundary = strings.Trim(v, `"`)
		}
	}
	if boundary == "" {
		return
	}
	delim := []byte("--" + boundary)
	chunks := bytes.Split(body, delim)
	for i := 1; i < len(chunks) && *parts < imfMaxParts; i++ {
		ch := chunks[i]
		if bytes.HasPrefix(ch, []byte("--")) {
			break // the closing delimiter
		}
		if i == len(chunks)-1 {
			break // no delimiter closes it: incomplete
		}
		ch = bytes.TrimPrefix(bytes.TrimPrefix(ch, []byte("\r")), []byte("\n"))
		*parts++
		hdrs, pbody, ok := imfSplit(ch)
		pt := "text/plain"
		if ok {
			for _, h := range hdrs {
				if strings.EqualFold(h.name, "content-type") {
					pt = h.value
				}
			}
		} else if n, next, found := httpLineEnd(ch, 0); found && n == 0 {
			pbody = ch[next:] // a part without headers
		}
		imfMedia(c, pt, pbody, depth+1, parts)
	}
}

// imfHeaders are the header fields packet-imf.c names, as tshark 4.0's
// field list (tshark -G fields) gives them: the title is the header's name.
var imfHeaders = [...]struct{ title, field string }{
	{"Date", "imf.date"},
	{"From", "imf.from"},
	{"Sender", "imf.sender"},
	{"Reply-To", "imf.reply_to"},
	{"To", "imf.to"},
	{"Cc", "imf.cc"},
	{"Bcc", "imf.bcc"},
	{"Message-ID", "imf.message_id"},
	{"In-Reply-To", "imf.in_reply_to"},
	{"References", "imf.references"},
	{"Subject", "imf.subject"},
	{"Comments", "imf.comments"},
	{"User-Agent", "imf.user_agent"},
	{"Keywords", "imf.keywords"},
	{"Resent-Date", "imf.resent.date"},
	{"Resent-From", "imf.resent.from"},
	{"Resent-Sender", "imf.resent.sender"},
	{"Resent-To", "imf.resent.to"},
	{"Resent-Cc", "imf.resent.cc"},
	{"Resent-Bcc", "imf.resent.bcc"},
	{"Resent-Message-ID", "imf.resent.message_id"},
	{"Return-Path", "imf.return_path"},
	{"Received", "imf.received"},
	{"Content-Type", "imf.content.type"},
	{"Content-Description", "imf.content.description"},
	{"Content-ID", "imf.content.id"},
	{"Content-Transfer-Encoding", "imf.content.transfer_encoding"},
	{"MIME-Version", "imf.mime_version"},
	{"Autoforwarded", "imf.autoforwarded"},
	{"Autosubmitted", "imf.autosubmitted"},
	{"X400-Content-Identifier", "imf.x400_content_identifier"},
	{"Content-Language", "imf.content_language"},
	{"Conversion", "imf.conversion"},
	{"Conversion-With-Loss", "imf.conversion_with_loss"},
	{"Delivery-Date", "imf.delivery_date"},
	{"Discarded-X400-IPMS-Extensions", "imf.discarded_x400_ipms_extensions"},
	{"Discarded-X400-MTS-Extensions", "imf.discarded_x400_mts_extensions"},
	{"DL-Expansion-History", "imf.dl_expansion_history"},
	{"Deferred-Delivery", "imf.deferred_delivery"},
	{"Expires", "imf.expires"},
	{"Importance", "imf.importance"},
	{"Incomplete-Copy", "imf.incomplete_copy"},
	{"Latest-Delivery-Time", "imf.latest_delivery_time"},
	{"Message-Type", "imf.message_type"},
	{"Original-Encoded-Information-Types", "imf.original_encoded_information_types"},
	{"Originator-Return-Address", "imf.originator_return_address"},
	{"Priority", "imf.priority"},
	{"Reply-By", "imf.reply_by"},
	{"Sensitivity", "imf.sensitivity"},
	{"Supersedes", "imf.supersedes"},
	{"X400-Content-Type", "imf.x400_content_type"},
	{"X400-MTS-Identifier", "imf.x400_mts_identifier"},
	{"X400-Originator", "imf.x400_originator"},
	{"X400-Received", "imf.x400_received"},
	{"X400-Recipients", "imf.x400_recipients"},
	{"Delivered-To", "imf.delivered_to"},
	{"X-Mailer", "imf.ext.mailer"},
	{"X-MimeOLE", "imf.ext.mimeole"},
	{"Expiry-Date", "imf.ext.expiry-date"},
	{"X-MS-TNEF-Correlator", "imf.ext.tnef-correlator"},
	{"X-UIDL", "imf.ext.uidl"},
	{"X-Authentication-Warning", "imf.ext.authentication_warning"},
	{"X-Virus-Scanned", "imf.ext.virus_scanned"},
	{"X-Original-To", "imf.ext.original-to"},
	{"Thread-Index", "imf.thread-index"},
	{"Lines", "imf.lines"},
	{"Precedence", "imf.precedence"},
	{"SIO-Label", "imf.siolabel"},
}

// imfFieldNames and imfTitles index imfHeaders by lower-case header name.
var imfFieldNames, imfTitles = func() (map[string]string, map[string]string) {
	names, titles := map[string]string{}, map[string]string{}
	for _, h := range imfHeaders {
		names[strings.ToLower(h.title)] = h.field
		titles[strings.ToLower(h.title)] = h.title
	}
	return names, titles
}()

// imfFieldDefs are the filter fields of the IMF subtree, declared once by
// SMTP (the dissectors that call imfTree share them).
var imfFieldDefs = func() []FieldDef {
	defs := []FieldDef{{Name: "imf", Kind: FieldProto}}
	for _, h := range imfHeaders {
		defs = append(defs, FieldDef{Name: h.field, Kind: FieldString})
	}
	return append(defs,
		FieldDef{Name: "imf.extension", Kind: FieldString},
		FieldDef{Name: "imf.extension.type", Kind: FieldString},
		FieldDef{Name: "imf.extension.value", Kind: FieldString},
		FieldDef{Name: "imf.message_text", Kind: FieldLabel})
}()
