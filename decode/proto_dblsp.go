package decode

import (
	"bytes"
	"encoding/json"
)

// Dropbox LAN sync discovery (UDP 17500) as Wireshark 4.0's
// packet-db-lsp.c shows it: every datagram is "Dropbox LAN sync Discovery
// Protocol" (Protocol "DB-LSP-DISC"); when the payload passes the JSON
// heuristic (packet-json.c's dissect_json_heur) JSON follows, the column
// reading "DB-LSP-DISC/JSON" and Info gaining ", JavaScript Object
// Notation". Otherwise the payload is one db-lsp.text line. Wireshark's
// heuristic is json_validate (wsutil/wsjson.c), the jsmn tokenizer in
// strict mode with at most 1024 tokens, which accepts things
// encoding/json refuses (a trailing comma, "01") and refuses things it
// accepts (a bare number or true at top level, which jsmn wants followed
// by a delimiter): jsmnValid follows jsmn. The JSON members are not put
// in the tree. Hand-written: gopacket has no layer for either.

// dbLSPDiscPort is tshark -G decodes' udp.port entry for db-lsp-disc.
const dbLSPDiscPort = 17500

// jsmnMaxTokens is json_validate's token budget.
const jsmnMaxTokens = 1024

func dbLSPDiscDissect(p *PDU, out *Out) bool {
	b := p.Data
	if len(b) == 0 {
		return false // tshark leaves an empty datagram UDP
	}
	isJSON := jsmnValid(b)
	out.SetProto("DB-LSP-DISC")
	out.SetInfo("Dropbox LAN sync Discovery Protocol")
	if isJSON {
		out.SetProto("DB-LSP-DISC/JSON")
		out.AppendInfo(", ", "JavaScript Object Notation")
	}
	if !out.WantTree {
		return true
	}
	top := Field{Name: "db-lsp-disc", Label: "Dropbox LAN sync Discovery Protocol", Len: len(b), Kind: FieldProto}
	if isJSON {
		// packet-json.c's item spans the value its parser read: the whole
		// payload for standard JSON; where its grammar stops early ladder
		// does not know where, and gives the layer no bytes
		n := 0
		if t := bytes.TrimLeft(b, " \t\r\n"); len(t) > 0 && (t[0] == '{' || t[0] == '[') && json.Valid(b) {
			n = len(b)
		}
		top.Children = []Field{{Name: "json", Label: "JavaScript Object Notation", Len: n, Kind: FieldProto}}
	} else {
		s := encASCII(b)
		top.Children = []Field{StrField("db-lsp.text", "Text: "+formatText([]byte(s)), 0, len(b), s)}
	}
	out.Add(top)
	return true
}

// jsmnValid says whether json_validate accepts b: the bytes as
// tvb_get_string_enc(ENC_ASCII) gives them (each byte above 0x7f becomes
// U+FFFD, three bytes, and the result is still read only up to b's length),
// tokenized by jsmn in strict mode up to the first NUL.
func jsmnValid(b []byte) bool {
	if len(b) == 0 || b[0] == 0 {
		return false
	}
	s := b
	for _, c := range b {
		if c >= 0x80 {
			conv := make([]byte, 0, len(b))
			for _, c := range b {
				if len(conv) >= len(b) {
					break
				}
				if c >= 0x80 {
					conv = append(conv, 0xef, 0xbf, 0xbd)
				} else {
					conv = append(conv, c)
				}
			}
			s = conv[:len(b)]
			break
		}
	}
	return jsmnParse(s)
}

// jsmnKind is a jsmn token's type.
type jsmnKind uint8

const (
	jsmnObject jsmnKind = iota + 1
	jsmnArray
	jsmnString
	jsmnPrimitive
)

// jsmnTok is one jsmn token: its kind, whether it is closed, its parent
// (-1 at top level) and how many children it has.
type jsmnTok struct {
	kind   jsmnKind
	open   bool
	parent int
	size   int
}

// jsmnParse is jsmn_parse (JSMN_STRICT, JSMN_PARENT_LINKS) reduced to its
// verdict: false for an invalid character, a token left open, an
// unterminated string or primitive, or more than jsmnMaxTokens tokens.
func jsmnParse(js []byte) bool {
	toks := make([]jsmnTok, 0, 16)
	super := -1
	alloc := func(k jsmnKind, open bool) bool {
		if len(toks) >= jsmnMaxTokens {
			return false
		}
		toks = append(toks, jsmnTok{kind: k, open: open, parent: super})
		return true
	}
	for pos := 0; pos < len(js) && js[pos] != 0; pos++ {
		switch c := js[pos]; c {
		case '{', '[':
			if super != -1 {
				// Wireshark's jsmn predates the check that an object or
				// array cannot be a key: tshark takes {"a" {}}
				toks[super].size++
			}
			k := jsmnObject
			if c == '[' {
				k = jsmnArray
			}
			if !alloc(k, true) {
				return false
			}
			super = len(toks) - 1
		case '}', ']':
			k := jsmnObject
			if c == ']' {
				k = jsmnArray
			}
			if len(toks) < 1 {
				return false
			}
			i := len(toks) - 1
			for {
				t := &toks[i]
				if t.open {
					if t.kind != k {
						return false
					}
					t.open = false
					super = t.parent
					break
				}
				if t.parent == -1 {
					if t.kind != k || super == -1 {
						return false
					}
					break
				}
				i = t.parent
			}
		case '"':
			end := jsmnStringEnd(js, pos)
			if end < 0 || !alloc(jsmnString, false) {
				return false
			}
			pos = end
			if super != -1 {
				toks[super].size++
			}
		case '\t', '\r', '\n', ' ':
		case ':':
			super = len(toks) - 1
		case ',':
			if super != -1 && toks[super].kind != jsmnArray && toks[super].kind != jsmnObject {
				super = toks[super].parent
			}
		case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 't', 'f', 'n':
			if super != -1 {
				if t := toks[super]; t.kind == jsmnObject || t.kind == jsmnString && t.size != 0 {
					return false // a primitive cannot be a key
				}
			}
			end := pos
			for ; end < len(js) && js[end] != 0; end++ {
				if d := js[end]; d == '\t' || d == '\r' || d == '\n' || d == ' ' || d == ',' || d == ']' || d == '}' {
					break
				}
				if d := js[end]; d < 32 || d >= 127 {
					return false
				}
			}
			if end == len(js) || js[end] == 0 {
				return false // strict mode: a primitive must be followed by a delimiter
			}
			if !alloc(jsmnPrimitive, false) {
				return false
			}
			pos = end - 1
			if super != -1 {
				toks[super].size++
			}
		default:
			return false
		}
	}
	for _, t := range toks {
		if t.open {
			return false
		}
	}
	return true
}

// jsmnStringEnd is jsmn_parse_string: the offset of the closing quote of the
// string that opens at js[start], or -1 when it has a bad escape or does
// not end.
func jsmnStringEnd(js []byte, start int) int {
	for pos := start + 1; pos < len(js) && js[pos] != 0; pos++ {
		switch js[pos] {
		case '"':
			return pos
		case '\\':
			if pos+1 >= len(js) {
				continue
			}
			pos++
			switch js[pos] {
			case '"', '/', '\\', 'b', 'f', 'r', 'n', 't':
			case 'u':
				pos++
				for i := 0; i < 4 && pos < len(js) && js[pos] != 0; i++ {
					if !isHexDigit(js[pos]) {
						return -1
					}
					pos++
				}
				pos--
			default:
				return -1
			}
		}
	}
	return -1
}

func isHexDigit(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

var dbLSPDiscDissector = &Dissector{
	Name:    "db-lsp-disc",
	Dissect: dbLSPDiscDissect,
	Fields: []FieldDef{
		{Name: "json", Desc: "JavaScript Object Notation", Kind: FieldProto},
		{Name: "db-lsp.text", Desc: "Text", Kind: FieldString},
	},
}

func init() { RegisterUDP(dbLSPDiscDissector, dbLSPDiscPort) }
