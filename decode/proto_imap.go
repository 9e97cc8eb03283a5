package decode

// IMAP (RFC 9051) as Wireshark 4.0's imap dissector shows it: "Request: "
// or "Response: " and the segment's last line (each line replaces the
// column, so a tagged completion after untagged data is what shows).
// Hand-written: lines of text; gopacket has no IMAP layer.

// imapTCPPorts are tshark -G decodes' tcp.port entries for imap.
var imapTCPPorts = []uint16{143}

func imapDissect(p *PDU, out *Out) bool {
	b := p.Data
	server := false
	for _, port := range imapTCPPorts {
		server = server || p.SrcPort == port
	}
	last := ""
	for off, i := 0, 0; off < len(b) && i < 4096; i++ {
		n, next, _ := httpLineEnd(b, off)
		if n > 0 {
			last = string(b[off : off+n])
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

var imapDissector = &Dissector{
	Name:    "imap",
	Dissect: imapDissect,
	PDULen:  ftpLinePDULen,
}

func init() {
	RegisterTCP(imapDissector, imapTCPPorts...)
}
