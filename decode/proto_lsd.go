package decode

import (
	"bytes"
	"strconv"
	"strings"
)

// BitTorrent Local Service Discovery (BEP 14) as Wireshark 4.0's lsd
// dissector shows it. tshark registers no port: an enabled-by-default UDP
// heuristic takes every datagram sent to port 6771 of 239.192.152.143 or
// of any IPv6 address (packet-lsd.c checks the group only for IPv4), with
// whatever bytes. Info is left empty. The tree reads the request line as
// the Header, then the next lines as Host, Port, Infohash and an optional
// cookie, in that order: a line that does not start with its field's name
// and a colon is shown raw (tshark adds a "field malformed" expert item),
// a port that is no number reads 0 (65535 when it overflows, or when the
// line is not a Port line at all). Hand-written: gopacket has no LSD layer.

const lsdPort = 6771

var lsdGroup4 = []byte{239, 192, 152, 143}

// lsdLine is tvb_find_line_end without desegmentation: the line from off
// up to CR, LF or CR LF (or the end), and where the next line starts.
func lsdLine(b []byte, off int) (line []byte, next int) {
	if off >= len(b) {
		return nil, len(b)
	}
	i := bytes.IndexAny(b[off:], "\r\n")
	if i < 0 {
		return b[off:], len(b)
	}
	end := off + i
	next = end + 1
	if b[end] == '\r' && next < len(b) && b[next] == '\n' {
		next++
	}
	return b[off:end], next
}

// lsdString is parse_string_field: "Name: value" (the name matched without
// regard to case, white space after the colon skipped) or the raw line.
func lsdString(name, hfName string, b []byte, off int) (Field, int) {
	line, next := lsdLine(b, off)
	s := encASCII(line)
	if len(s) >= len(hfName) && strings.EqualFold(s[:len(hfName)], hfName) {
		if _, v, ok := strings.Cut(s, ":"); ok {
			v = strings.TrimLeft(v, " \t\n\v\f\r")
			return StrField(name, hfName+": "+formatText([]byte(v)), off, len(line), v), next
		}
	}
	return StrField(name, formatText([]byte(s)), off, len(line), s), next
}

// lsdPortValue is ws_strtou16 as packet-lsd.c reads the value: 0 when it
// is no number, 65535 when it is too big.
func lsdPortValue(s string, ok bool) uint64 {
	s = strings.TrimLeft(s, " \t\n\v\f\r")
	if !ok || s == "" || strings.Trim(s, "0123456789") != "" {
		return 0
	}
	v, err := strconv.ParseUint(s, 10, 16)
	if err != nil {
		return 65535
	}
	return v
}

func lsdDissect(p *PDU, out *Out) bool {
	b := p.Data
	switch {
	case p.DstPort != lsdPort || len(b) == 0:
		return false
	case len(p.DstIP) == 4 && bytes.Equal(p.DstIP, lsdGroup4):
	case len(p.DstIP) == 16:
	default:
		return false
	}
	out.SetProto("LSD")
	out.SetInfo("")
	if !out.WantTree {
		return true
	}
	top := Field{Name: "lsd", Label: "Local Service Discovery", Len: len(b), Kind: FieldProto}
	line, next := lsdLine(b, 0)
	h := encASCII(line)
	top.Children = append(top.Children, StrField("lsd.header", "Header: "+formatText([]byte(h)), 0, len(line), h))
	f, off := lsdString("lsd.host", "Host", b, next)
	top.Children = append(top.Children, f)
	line, next = lsdLine(b, off)
	s := encASCII(line)
	port := uint64(65535)
	if len(s) >= 4 && strings.EqualFold(s[:4], "Port") {
		_, v, ok := strings.Cut(s, ":")
		port = lsdPortValue(v, ok)
	}
	top.Children = append(top.Children, UintField("lsd.port", "Port: "+strconv.FormatUint(port, 10), off, len(line), port))
	f, off = lsdString("lsd.infohash", "Infohash", b, next)
	top.Children = append(top.Children, f)
	if line, _ = lsdLine(b, off); len(line) >= 6 && strings.EqualFold(string(line[:6]), "cookie") {
		f, _ = lsdString("lsd.cookie", "cookie", b, off)
		top.Children = append(top.Children, f)
	}
	out.Add(top)
	return true
}

var lsdDissector = &Dissector{
	Name:              "lsd",
	Dissect:           lsdDissect,
	Heuristic:         func([]byte) bool { return true }, // the address and port decide (lsdDissect)
	HeuristicDstPorts: []uint16{lsdPort},
	Fields: []FieldDef{
		{Name: "lsd", Desc: "Local Service Discovery", Kind: FieldProto},
		{Name: "lsd.header", Desc: "Header", Kind: FieldString},
		{Name: "lsd.host", Desc: "Host", Kind: FieldString},
		{Name: "lsd.port", Desc: "Port", Kind: FieldUint, Bits: 32},
		{Name: "lsd.infohash", Desc: "Infohash", Kind: FieldString},
		{Name: "lsd.cookie", Desc: "cookie", Kind: FieldString},
	},
}

func init() { RegisterUDP(lsdDissector) }
