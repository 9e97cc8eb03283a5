package decode

import (
	"bytes"
	"strconv"
	"strings"
)

// IMAP (RFC 9051) as Wireshark 4.0's imap dissector shows it: "Request: "
// or "Response: " and the first line of the segment that does not start
// with "*" (untagged data); when every line is untagged, the segment's
// first bytes up to the length of its last line (packet-imap.c's
// arithmetic). An untagged FETCH response carrying a literal ("{N}")
// waits until the literal and a ")" after it have arrived, then hands the
// literal to IMF: the packet reads "IMAP/IMF" with the message's summary
// (proto_imf.go). A STARTTLS command (RFC 9051 §6.2.1) answered by an OK
// status hands the conversation to TLS, as packet-imap.c does: the
// response line after the command decides, whatever its tag. Hand-written:
// lines of text; gopacket has no IMAP layer.

// imapConv is IMAP's state in one conversation.
type imapConv struct {
	starttls bool // the client sent STARTTLS; the next response line decides
}

// imapTCPPorts are tshark -G decodes' tcp.port entries for imap.
var imapTCPPorts = []uint16{143}

// imapLine is one step of the walk over an IMAP segment: the line at off
// (n bytes without its end), where the next one starts, and for an
// untagged FETCH response with a literal the literal's bytes.
type imapLine struct {
	off, n, next int
	literal      []byte
	fetch        bool // an untagged FETCH line packet-imap.c took whole
	more         bool // that FETCH response is not complete yet
}

// imapWalk calls f for each line of b as packet-imap.c steps through them
// (a FETCH response's literal is skipped as one step); it stops early when
// f returns false, and at the first line that has no end.
func imapWalk(b []byte, f func(l imapLine) bool) {
	for off, i := 0, 0; off < len(b) && i < 4096; i++ {
		n, next, ok := httpLineEnd(b, off)
		if !ok {
			return
		}
		l := imapLine{off: off, n: n, next: next}
		if b[off] == '*' {
			imapFetch(b, &l)
		}
		if !f(l) || l.more {
			return
		}
		off = l.next
	}
}

// imapFetch recognises an untagged FETCH response at l: "FETCH" (or any
// prefix of it, as packet-imap.c compares) among the line's first three
// words, at least two words, then a "(" somewhere after it. With a literal
// size "{N}" after that parenthesis the response is whole once N bytes and
// a ")" after them are there; the searches run to the end of the segment,
// as Wireshark's do.
func imapFetch(b []byte, l *imapLine) {
	line := b[l.off+1 : l.next]
	var words [3][2]int
	count := 0
	for i := 0; i < len(line) && count < 3; {
		for i < len(line) && isIMAPSpace(line[i]) {
			i++
		}
		j := i
		for j < len(line) && !isIMAPSpace(line[j]) {
			j++
		}
		if j == len(line) {
			break // a word with no white space after it is not counted
		}
		words[count] = [2]int{l.off + 1 + i, l.off + 1 + j}
		count++
		i = j
	}
	if count < 2 {
		return
	}
	fetchEnd := -1
	for _, w := range words[:count] {
		tok := b[w[0]:w[1]]
		if len(tok) <= 5 && strings.EqualFold(string(tok), "FETCH"[:len(tok)]) {
			fetchEnd = w[1]
			break
		}
	}
	if fetchEnd < 0 {
		return
	}
	l.fetch, l.more = true, true
	paren := bytes.IndexByte(b[fetchEnd:], '(')
	if paren < 0 {
		return
	}
	paren += fetchEnd
	if paren+1 >= len(b) {
		return
	}
	open := bytes.IndexByte(b[paren:], '{')
	if open < 0 {
		// no literal: the line is the response
		if _, _, ok := httpLineEnd(b, paren); ok {
			l.more = false
		}
		return
	}
	open += paren
	closing := bytes.IndexByte(b[open+1:], '}')
	if closing < 0 {
		return
	}
	closing += open + 1
	size, err := strconv.ParseUint(string(b[open+1:closing]), 10, 32)
	if err != nil || closing+int(size) >= len(b) {
		return
	}
	if bytes.IndexByte(b[closing+int(size):], ')') < 0 {
		return
	}
	l.more = false
	end := min(l.next+int(size), len(b))
	l.literal = b[l.next:end]
	l.next = end
}

func isIMAPSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// imapPDULen keeps an untagged FETCH response with a literal together:
// the lines before it are one PDU, the response waits for the rest.
func imapPDULen(c *Conv, dir uint8, b []byte) int {
	n := len(b)
	imapWalk(b, func(l imapLine) bool {
		if l.more {
			n = l.off
		}
		return true
	})
	return n
}

func imapDissect(p *PDU, out *Out) bool {
	b := p.Data
	server := false
	for _, port := range imapTCPPorts {
		server = server || p.SrcPort == port
	}
	var st *imapConv
	if p.Conv != nil {
		st, _ = p.Conv.State.(*imapConv)
		if st == nil {
			st = &imapConv{}
			p.Conv.State = st
		}
	} else {
		st = &imapConv{}
	}
	out.SetProto("IMAP")
	kind := "Request: "
	if server {
		kind = "Response: "
	}
	first, lastLen, lines := true, 0, 0
	var mail []byte
	mailOff := 0
	imapWalk(b, func(l imapLine) bool {
		lastLen, lines = l.n, lines+1
		switch {
		case l.literal != nil:
			out.SetProto("IMAP/IMF")
			out.SetInfo(imfInfo(l.literal))
			mail, mailOff = l.literal, l.next
			first = false
		case b[l.off] != '*' && first:
			out.SetInfo(kind + Printable(string(b[l.off:l.off+l.n])))
			first = false
		}
		if b[l.off] != '*' {
			imapStartTLS(st, p.Conv, server, string(b[l.off:l.off+l.n]))
		}
		return true
	})
	if lines == 0 {
		// a line with no end yet
		n, _, _ := httpLineEnd(b, 0)
		out.SetInfo(kind + Printable(string(b[:n])))
	} else if first {
		// only untagged lines: packet-imap.c shows the segment's start,
		// as long as its last line
		out.SetInfo(kind + Printable(formatText(b[:min(lastLen, len(b))])))
	}
	if out.WantTree {
		out.Add(Field{Name: "imap", Label: "Internet Message Access Protocol", Start: 0, Len: min(p.Len, len(b)), Kind: FieldProto})
		if mail != nil {
			out.Add(imfTree(mail, mailOff))
		}
	}
	return true
}

// imapStartTLS follows a STARTTLS exchange through one line: the tag,
// then the command (request) or status (response).
func imapStartTLS(st *imapConv, c *Conv, server bool, line string) {
	_, rest, _ := strings.Cut(line, " ")
	word, _, _ := strings.Cut(rest, " ")
	switch {
	case !server && strings.EqualFold(word, "STARTTLS"):
		st.starttls = true
	case server && st.starttls:
		if strings.EqualFold(word, "OK") {
			c.HandOff(tlsDissector)
		}
		st.starttls = false
	}
}

var imapDissector = &Dissector{
	Name:    "imap",
	Dissect: imapDissect,
	PDULen:  imapPDULen,
}

func init() {
	RegisterTCP(imapDissector, imapTCPPorts...)
}
