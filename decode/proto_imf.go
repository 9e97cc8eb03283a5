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

// imfInfo is the Info text Wireshark's imf dissector gives msg. Its
// header walk is packet-imf.c's, not RFC 5322's: a field's name is
// everything up to the next ':' (line ends included, so a segment that
// starts inside a body reads its first lines as one strange name), its
// value runs to a CRLF not followed by a space or tab, and an empty line
// ends the fields. When no colon or no field end is found the walk stops
// and the body is the whole message again (the fields already read stay
// in the column). Only a Content-Type with a ';' names the body's media
// type; otherwise the body is shown as text lines.
func imfInfo(msg []byte) string {
	var c colText
	start, end := 0, 0
	last := false
	ctype := ""
	for !last && start < len(msg) {
		colon := bytes.IndexByte(msg[start:], ':')
		if colon < 0 {
			end = -1
			break
		}
		colon += start
		key := strings.ToLower(string(msg[start:colon]))
		vstart := colon + 1
		end, last = imfFieldEnd(msg, vstart, len(msg))
		if end < 0 {
			break
		}
		voff := vstart
		for voff < end && isASCIISpace(msg[voff]) {
			voff++
		}
		if voff == end {
			voff = vstart // an empty field: the whole value
		}
		switch key {
		case "from", "subject":
			v := ""
			if end-2 > voff {
				v = string(msg[voff : end-2])
			}
			c.WriteString(key + ": " + Printable(v) + ", ")
		case "content-type":
			if t, ok := imfContentType(msg, vstart, end-vstart); ok {
				ctype = t
			}
		}
		start = end
	}
	if last {
		end += 2 // the empty line after the fields
	}
	if end < 0 || end > len(msg) {
		end = 0
	}
	body := msg[end:]
	if ctype == "" {
		imfTextLines(&c, body)
		return c.String()
	}
	parts := 0
	imfMedia(&c, ctype, body, 0, &parts)
	return c.String()
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
