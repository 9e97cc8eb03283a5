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

// imfInfo is the Info text Wireshark's imf dissector gives msg.
func imfInfo(msg []byte) string {
	var c colText
	hdrs, body, ok := imfSplit(msg)
	if !ok {
		imfTextLines(&c, msg)
		return c.String()
	}
	ctype := ""
	for _, h := range hdrs {
		switch strings.ToLower(h.name) {
		case "from", "subject":
			c.append("", strings.ToLower(h.name)+": "+Printable(h.value)+", ")
		case "content-type":
			ctype = h.value
		}
	}
	if ctype == "" {
		imfTextLines(&c, body)
		return c.String()
	}
	parts := 0
	imfMedia(&c, ctype, body, 0, &parts)
	return c.String()
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
