package decode

import "strings"

// IMAP (RFC 9051) as Wireshark 4.0's imap dissector shows it: "Request: "
// or "Response: " and the segment's last line (each line replaces the
// column, so a tagged completion after untagged data is what shows). A
// STARTTLS command (RFC 9051 §6.2.1) answered by an OK status hands the
// conversation to TLS, as packet-imap.c does: the response line after the
// command decides, whatever its tag. Hand-written: lines of text; gopacket
// has no IMAP layer.

// imapConv is IMAP's state in one conversation.
type imapConv struct {
	starttls bool // the client sent STARTTLS; the next response line decides
}

// imapTCPPorts are tshark -G decodes' tcp.port entries for imap.
var imapTCPPorts = []uint16{143}

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
	last := ""
	for off, i := 0, 0; off < len(b) && i < 4096; i++ {
		n, next, _ := httpLineEnd(b, off)
		if n > 0 {
			last = string(b[off : off+n])
			imapStartTLS(st, p.Conv, server, last)
		}
		off = next
	}
	out.SetProto("IMAP")
	kind := "Request: "
	if server {
		kind = "Response: "
	}
	out.SetInfo(kind + Printable(last))
	if out.WantTree {
		out.Add(Field{Name: "imap", Label: "Internet Message Access Protocol", Start: 0, Len: min(p.Len, len(b)), Kind: FieldProto})
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
	PDULen:  ftpLinePDULen,
}

func init() {
	RegisterTCP(imapDissector, imapTCPPorts...)
}
