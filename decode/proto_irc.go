package decode

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// IRC (RFC 1459, RFC 2812) as Wireshark 4.0's packet-irc.c shows it: a
// segment is read a line at a time, with no reassembly; Info is "Request"
// or "Response" (by whether the segment goes to the IRC port) followed by
// " (COMMAND)" for each line's command, after its ":prefix ". tshark 4.0
// has no STARTTLS for IRC, so a TLS session started with it is read as
// IRC lines too, as tshark does. Details: each line with its prefix,
// command, parameters and trailer (CTCP tag data is not split out).
// Strings go through ENC_ASCII as tshark's do: a byte above 0x7f becomes
// U+FFFD and a NUL ends the string. Hand-written: gopacket has no IRC
// layer.

// ircTagDelimiter opens and closes CTCP tag data inside a line.
const ircTagDelimiter = 0x01

// ircPorts are tshark -G decodes' tcp.port entries for irc.
var ircPorts = []uint16{6667, 57000}

// ircRequest says whether a segment between ports src and dst goes to the
// port Wireshark matched: the lower of the two that is an IRC port, tried
// first.
func ircRequest(src, dst uint16) bool {
	lo, hi := min(src, dst), max(src, dst)
	match := hi
	for _, p := range ircPorts {
		if p == lo {
			match = lo
		}
	}
	return match == dst
}

// ircLineEnd is tvb_find_line_end without desegmentation: the length of
// the line starting at b[at] and where the next one starts (after CR LF,
// CR or LF), or the rest of b when no line end follows.
func ircLineEnd(b []byte, at int) (n, next int) {
	for i := at; i < len(b); i++ {
		switch b[i] {
		case '\n':
			return i - at, i + 1
		case '\r':
			if i+1 < len(b) && b[i+1] == '\n' {
				return i - at, i + 2
			}
			return i - at, i + 1
		}
	}
	return len(b) - at, len(b)
}

// encASCII is a string of b as Wireshark's ENC_ASCII gives it (IRC, RESP
// and Dropbox's text use it): up to the first NUL, each byte above 0x7f
// replaced by U+FFFD.
func encASCII(b []byte) string {
	var sb strings.Builder
	for _, c := range b {
		if c == 0 {
			break
		}
		if c >= 0x80 {
			sb.WriteRune(utf8.RuneError)
		} else {
			sb.WriteByte(c)
		}
	}
	return sb.String()
}

// ircInfoText is s as tshark -T fields prints it in a column, \b, \f and
// \t escaped, made safe for a terminal: the other control bytes, which
// tshark prints raw, are escaped as Printable does.
func ircInfoText(s string) string {
	if !strings.ContainsAny(s, "\b\f\t") {
		return Printable(s)
	}
	var sb strings.Builder
	for _, part := range strings.SplitAfter(s, "") {
		switch part {
		case "\b":
			sb.WriteString(`\b`)
		case "\f":
			sb.WriteString(`\f`)
		case "\t":
			sb.WriteString(`\t`)
		default:
			sb.WriteString(Printable(part))
		}
	}
	return sb.String()
}

// ircStr is a string tree line labelled as Wireshark labels FT_STRING.
func ircStr(name, title string, b []byte, start, end int) Field {
	s := encASCII(b[start:end])
	return StrField(name, title+": "+formatText([]byte(s)), start, end-start, s)
}

func ircDissect(p *PDU, out *Out) bool {
	b := p.Data
	req := ircRequest(p.SrcPort, p.DstPort)
	kind := "response"
	out.SetProto("IRC")
	if req {
		kind = "request"
		out.SetInfo("Request")
	} else {
		out.SetInfo("Response")
	}
	var lines []Field
	for at := 0; at < len(b); {
		n, next := ircLineEnd(b, at)
		if next == at {
			break
		}
		if n > 0 {
			if f, cmd, ok := ircLine(b, at, at+n, kind, out.WantTree); ok {
				out.AppendInfo("", " ("+ircInfoText(cmd)+")")
				if out.WantTree {
					lines = append(lines, f)
				}
			} else if out.WantTree {
				lines = append(lines, f)
			}
		}
		at = next
	}
	if out.WantTree {
		out.Add(Field{Name: "irc", Label: "Internet Relay Chat", Len: min(p.Len, len(b)), Kind: FieldProto, Children: lines})
	}
	return true
}

// ircLine reads the line b[start:end] of a request or response: its tree
// line and its command, ok false when it has none (a prefix without the
// space after it, or only spaces).
func ircLine(b []byte, start, end int, kind string, tree bool) (f Field, cmd string, ok bool) {
	title := "Response"
	if kind == "request" {
		title = "Request"
	}
	if tree {
		f = ircStr("irc."+kind, title, b, start, end)
	}
	at := start
	if b[at] == ':' {
		sp := indexByteFrom(b[:end], ' ', at+1)
		if sp < 0 {
			return f, "", false
		}
		if tree {
			f.Children = append(f.Children, ircStr("irc."+kind+".prefix", "Prefix", b, at+1, sp))
		}
		at = sp + 1
	}
	for at < end && b[at] == ' ' {
		at++
	}
	if at == end {
		return f, "", false
	}
	eoc := indexByteFrom(b[:end], ' ', at)
	if eoc < 0 {
		eoc = end
	}
	cmd = encASCII(b[at:eoc])
	if !tree {
		return f, cmd, true
	}
	f.Children = append(f.Children, ircStr("irc."+kind+".command", "Command", b, at, eoc))
	if kind == "response" && eoc-at == 3 && isDigit(b[at]) && isDigit(b[at+1]) && isDigit(b[at+2]) {
		v := int(b[at]-'0')*100 + int(b[at+1]-'0')*10 + int(b[at+2]-'0')
		f.Children = append(f.Children, UintField("irc.response.num_command", "Command: "+strconv.Itoa(v), at, 3, uint64(v)))
	}
	// parameters and trailer, as packet-irc.c walks them: CTCP tag data
	// (between 0x01 bytes) before the next space is skipped
	var params Field
	defer func() {
		if params.Len > 0 {
			// the parameters' subtree comes before the trailer
			i := len(f.Children)
			if n := len(f.Children); n > 0 && f.Children[n-1].Name == "irc."+kind+".trailer" {
				i = n - 1
			}
			f.Children = append(f.Children[:i], append([]Field{params}, f.Children[i:]...)...)
		}
	}()
	at = eoc + 1
	for at < end && b[at] == ' ' {
		at++
	}
	if at >= end {
		return f, cmd, true
	}
	if b[at] == ':' {
		f.Children = append(f.Children, ircStr("irc."+kind+".trailer", "Trailer", b, at+1, end))
		return f, cmd, true
	}
	params = Field{Label: "Command parameters", Start: at, Len: end - at}
	for at < end {
		eocp := indexByteFrom(b[:end], ' ', at)
		tag := indexByteFrom(b[:end], ircTagDelimiter, at)
		if tag < 0 || eocp < tag {
			if eocp < 0 {
				params.Children = append(params.Children, ircStr("irc."+kind+".command_parameter", "Parameter", b, at, end))
				break
			}
			params.Children = append(params.Children, ircStr("irc."+kind+".command_parameter", "Parameter", b, at, eocp))
			at = eocp + 1
			for at < end && b[at] == ' ' {
				at++
			}
			if at == end {
				break
			}
			if b[at] == ':' {
				f.Children = append(f.Children, ircStr("irc."+kind+".trailer", "Trailer", b, at+1, end))
				break
			}
		} else {
			tagEnd := indexByteFrom(b[:end], ircTagDelimiter, tag+1)
			if tagEnd < 0 {
				break
			}
			at = tagEnd + 1
		}
	}
	return f, cmd, true
}

// indexByteFrom is the index of c in b at or after from, or -1.
func indexByteFrom(b []byte, c byte, from int) int {
	if from >= len(b) {
		return -1
	}
	if i := strings.IndexByte(string(b[from:]), c); i >= 0 {
		return from + i
	}
	return -1
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

var ircDissector = &Dissector{
	Name:    "irc",
	Dissect: ircDissect,
	// no reassembly: each segment's bytes are one PDU, read line by line
	PDULen: func(_ *Conv, _ uint8, b []byte) int { return len(b) },
	Fields: []FieldDef{
		{Name: "irc.request", Desc: "Request", Kind: FieldString},
		{Name: "irc.request.prefix", Desc: "Prefix", Kind: FieldString},
		{Name: "irc.request.command", Desc: "Command", Kind: FieldString},
		{Name: "irc.request.command_parameter", Desc: "Parameter", Kind: FieldString},
		{Name: "irc.request.trailer", Desc: "Trailer", Kind: FieldString},
		{Name: "irc.response", Desc: "Response", Kind: FieldString},
		{Name: "irc.response.prefix", Desc: "Prefix", Kind: FieldString},
		{Name: "irc.response.command", Desc: "Command", Kind: FieldString},
		{Name: "irc.response.num_command", Desc: "Command", Kind: FieldUint, Bits: 16},
		{Name: "irc.response.command_parameter", Desc: "Parameter", Kind: FieldString},
		{Name: "irc.response.trailer", Desc: "Trailer", Kind: FieldString},
	},
}

func init() { RegisterTCP(ircDissector, ircPorts...) }
