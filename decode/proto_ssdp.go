package decode

import (
	"bytes"
	"strconv"
)

// SSDP (UPnP device discovery) is HTTP/1.1 over UDP port 1900: Wireshark
// hands it to its HTTP dissector under the name SSDP, so the Info column is
// the request or status line followed by a space ("M-SEARCH * HTTP/1.1 ",
// "NOTIFY * HTTP/1.1 ", "HTTP/1.1 200 OK ") and the tree holds the HTTP
// fields. Hand-written: gopacket has no SSDP or HTTP layer, and a datagram
// needs no reassembly.

const ssdpPort = 1900

// ssdpMaxLines bounds the header lines read from one datagram.
const ssdpMaxLines = 256

// ssdpDissector declares no fields of its own: its tree carries the HTTP
// dissector's field names (http.request.method, http.host...), which the
// HTTP dissector declares.
var ssdpDissector = &Dissector{Name: "ssdp", Dissect: dissectSSDP}

func init() { RegisterUDP(ssdpDissector, ssdpPort) }

// httpLineLabel shows a header line as Wireshark does, with its line end
// written out ("Host: x\r\n").
func httpLineLabel(line []byte, crlf int) string {
	s := Printable(string(line))
	switch crlf {
	case 2:
		return s + `\r\n`
	case 1:
		return s + `\n`
	}
	return s
}

// nextLine returns the line at b[off:] without its end, and how many
// end-of-line bytes follow it (0 at the end of the data).
func nextLine(b []byte, off int) (line []byte, eol int) {
	i := bytes.IndexByte(b[off:], '\n')
	if i < 0 {
		return b[off:], 0
	}
	line = b[off : off+i]
	if len(line) > 0 && line[len(line)-1] == '\r' {
		return line[:len(line)-1], 2
	}
	return line, 1
}

func dissectSSDP(p *PDU, out *Out) bool {
	b := p.Data
	first, eol := nextLine(b, 0)
	parts := bytes.SplitN(first, []byte(" "), 3)
	if len(parts) < 3 {
		return false
	}
	resp := bytes.HasPrefix(parts[0], []byte("HTTP/"))
	if !resp && !bytes.HasPrefix(parts[2], []byte("HTTP/")) {
		return false
	}
	out.SetProto("SSDP")
	out.SetInfo(Printable(string(first)) + " ")
	if !out.WantTree {
		return true
	}
	top := Field{Name: "ssdp", Label: "Simple Service Discovery Protocol", Kind: FieldProto, Start: 0, Len: len(b)}
	fl := Field{Label: httpLineLabel(first, eol), Start: 0, Len: len(first) + eol}
	a, m := len(parts[0])+1, len(parts[0])+len(parts[1])+2
	if resp {
		code, _ := strconv.Atoi(string(parts[1]))
		fl.Children = []Field{
			StrField("http.response.version", "Response Version: "+Printable(string(parts[0])), 0, len(parts[0]), string(parts[0])),
			UintField("http.response.code", "Status Code: "+Printable(string(parts[1])), a, len(parts[1]), uint64(code)),
			StrField("http.response.phrase", "Response Phrase: "+Printable(string(parts[2])), m, len(parts[2]), string(parts[2])),
		}
	} else {
		fl.Children = []Field{
			StrField("http.request.method", "Request Method: "+Printable(string(parts[0])), 0, len(parts[0]), string(parts[0])),
			StrField("http.request.uri", "Request URI: "+Printable(string(parts[1])), a, len(parts[1]), string(parts[1])),
			StrField("http.request.version", "Request Version: "+Printable(string(parts[2])), m, len(parts[2]), string(parts[2])),
		}
	}
	top.Children = append(top.Children, fl)
	off := len(first) + eol
	for n := 0; off < len(b) && eol > 0 && n < ssdpMaxLines; n++ {
		var line []byte
		line, eol = nextLine(b, off)
		if len(line) == 0 {
			top.Children = append(top.Children, Field{Label: httpLineLabel(line, eol), Start: off, Len: eol})
			break
		}
		label := httpLineLabel(line, eol)
		if k := bytes.IndexByte(line, ':'); k > 0 && !resp && bytes.EqualFold(line[:k], []byte("host")) {
			v := bytes.TrimSpace(line[k+1:])
			top.Children = append(top.Children, StrField("http.host", label, off, len(line)+eol, string(v)))
		} else {
			// Wireshark names each known header (http.location,
			// http.server...); ladder keeps only http.host as a field
			top.Children = append(top.Children, Field{Label: label, Start: off, Len: len(line) + eol})
		}
		off += len(line) + eol
	}
	out.Add(top)
	return true
}
