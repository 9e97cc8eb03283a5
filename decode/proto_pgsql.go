package decode

import (
	"bytes"
	"encoding/binary"
	"strconv"
)

// PostgreSQL's frontend/backend protocol (version 3, PostgreSQL's "Message
// Formats" chapter) as Wireshark 4.0's pgsql dissector shows it: the Info
// column is ">" for what the frontend sends to the server's port and "<"
// for the backend's answers, followed by each message's type letter joined
// with "/" (">P/B/D/E/S", "<1/2/T/D/C/Z"); startup-type messages (startup,
// SSLRequest, CancelRequest) carry no letter. A message completed from
// earlier segments is read by its own call of the dissector, so the rest of
// that segment starts again with the direction mark ("<D<C/Z"). A backend's
// 'S' to an SSLRequest hands the conversation to TLS from the next packet
// (ssl_starttls_ack). Hand-written: gopacket has no PostgreSQL layer.

// pgsqlPort is Wireshark 4.0's tcp.port for pgsql.
const pgsqlPort = 5432

// Startup-type request codes (the int32 after the length).
const (
	pgsqlStartupV3    = 196608
	pgsqlCancelCode   = 80877102
	pgsqlSSLCode      = 80877103
	pgsqlGSSENCCode   = 80877104
	pgsqlMaxListItems = 4096 // bounds the columns, parameters and fields listed
)

// pgsqlAuthState is what the last Authentication request asked for, which
// names the frontend's next 'p' message.
type pgsqlAuthState uint8

const (
	pgsqlAuthNone pgsqlAuthState = iota
	pgsqlAuthSASL
	pgsqlAuthSASLContinue
	pgsqlAuthGSS
)

// pgsqlConv is PostgreSQL's state in one conversation.
type pgsqlConv struct {
	auth pgsqlAuthState
	// sslDir is the direction of an SSLRequest awaiting its one-byte
	// answer, or -1.
	sslDir int8
	// lastFrame and lastWhole tell whether the previous message in the
	// same frame was completed from earlier segments (see the file's doc).
	lastFrame int
	lastWhole bool
}

func pgsqlState(c *Conv) *pgsqlConv {
	if c == nil {
		c = &Conv{}
	}
	if s, ok := c.State.(*pgsqlConv); ok {
		return s
	}
	s := &pgsqlConv{sslDir: -1, lastFrame: -1}
	c.State = s
	return s
}

var pgsqlFrontendTypes = map[byte]string{
	'Q': "Simple query", 'P': "Parse", 'B': "Bind", 'E': "Execute", 'D': "Describe", 'C': "Close", 'H': "Flush",
	'S': "Sync", 'F': "Function call", 'd': "Copy data", 'c': "Copy completion", 'f': "Copy failure", 'X': "Termination",
}

var pgsqlBackendTypes = map[byte]string{
	'R': "Authentication request", 'K': "Backend key data", 'S': "Parameter status", '1': "Parse completion",
	'2': "Bind completion", '3': "Close completion", 'C': "Command completion", 't': "Parameter description",
	'T': "Row description", 'D': "Data row", 'I': "Empty query", 'n': "No data", 'E': "Error", 'N': "Notice",
	's': "Portal suspended", 'Z': "Ready for query", 'A': "Notification", 'V': "Function call response",
	'G': "CopyIn response", 'H': "CopyOut response", 'd': "Copy data", 'c': "Copy completion",
	'v': "Negotiate protocol version",
}

var pgsqlAuthNames = map[uint32]string{
	0: "Success", 1: "Kerberos V4", 2: "Kerberos V5", 3: "Plaintext password", 4: "crypt()ed password",
	5: "MD5 password", 6: "SCM credentials", 7: "GSSAPI", 8: "GSSAPI/SSPI continue", 9: "SSPI", 10: "SASL",
	11: "SASL continue", 12: "SASL complete",
}

// pgsqlErrorFields are the ErrorResponse/NoticeResponse field codes:
// filter name and label.
var pgsqlErrorFields = map[byte][2]string{
	'S': {"pgsql.severity", "Severity"}, 'V': {"pgsql.text", "Text"}, 'C': {"pgsql.code", "Code"},
	'M': {"pgsql.message", "Message"}, 'D': {"pgsql.detail", "Detail"}, 'H': {"pgsql.hint", "Hint"},
	'P': {"pgsql.position", "Position"}, 'p': {"pgsql.internal_position", "Position (Internal)"},
	'q': {"pgsql.internal_query", "Query (Internal)"}, 'W': {"pgsql.where", "Context"},
	's': {"pgsql.schema_name", "Schema"}, 't': {"pgsql.table_name", "Table"}, 'c': {"pgsql.column_name", "Column"},
	'd': {"pgsql.type_name", "Type"}, 'n': {"pgsql.constraint_name", "Constraint"}, 'F': {"pgsql.file", "File"},
	'L': {"pgsql.line", "Line"}, 'R': {"pgsql.routine", "Routine"},
}

var pgsqlStatusNames = map[byte]string{'I': "Idle", 'T': "In a transaction", 'E': "In a failed transaction"}

// pgsqlPDULen delimits one message: a type byte and an int32 length that
// counts itself, or for the startup-type messages (first byte 0) the
// length alone; the one-byte answer to an SSLRequest stands alone.
func pgsqlPDULen(c *Conv, dir uint8, b []byte) int {
	st := pgsqlState(c)
	if st.sslDir >= 0 && dir != uint8(st.sslDir) && (b[0] == 'S' || b[0] == 'N') {
		return 1
	}
	n := 0
	if b[0] != 0 {
		n = 1
	}
	if len(b) < n+4 {
		return 0
	}
	l := binary.BigEndian.Uint32(b[n:])
	if l < 4 || l > 1<<30 {
		return len(b) // no sane length: the bytes make one message
	}
	return n + int(l)
}

// pgsqlReader walks a message's body.
type pgsqlReader struct {
	b   []byte
	off int
	bad bool
}

func (r *pgsqlReader) u32() (uint32, int) {
	at := r.off
	if r.bad || r.off+4 > len(r.b) {
		r.bad = true
		return 0, at
	}
	r.off += 4
	return binary.BigEndian.Uint32(r.b[at:]), at
}

func (r *pgsqlReader) u16() (uint16, int) {
	at := r.off
	if r.bad || r.off+2 > len(r.b) {
		r.bad = true
		return 0, at
	}
	r.off += 2
	return binary.BigEndian.Uint16(r.b[at:]), at
}

// cstr reads a NUL-terminated string: its text, where it starts and its
// length with the NUL.
func (r *pgsqlReader) cstr() (string, int, int) {
	at := r.off
	if r.bad || r.off >= len(r.b) {
		r.bad = true
		return "", at, 0
	}
	i := bytes.IndexByte(r.b[r.off:], 0)
	if i < 0 {
		r.bad = true
		return "", at, 0
	}
	r.off += i + 1
	return string(r.b[at : at+i]), at, i + 1
}

func (r *pgsqlReader) field(name, label string) Field {
	s, at, n := r.cstr()
	return StrField(name, label+": "+Printable(s), at, n, s)
}

func pgsqlFormat(v uint16, at int) Field {
	name := "Unknown"
	switch v {
	case 0:
		name = "Text"
	case 1:
		name = "Binary"
	}
	return UintField("pgsql.format", "Format: "+name+" ("+strconv.Itoa(int(v))+")", at, 2, uint64(v))
}

// pgsqlDissect shows one message.
func pgsqlDissect(p *PDU, out *Out) bool {
	b := p.Data
	st := pgsqlState(p.Conv)
	fe := p.DstPort == pgsqlPort
	mark := "<"
	if fe {
		mark = ">"
	}
	out.SetProto("PGSQL")
	if !fe && st.sslDir >= 0 && p.Dir != uint8(st.sslDir) && p.Len == 1 {
		// the answer to an SSLRequest: 'S' makes the rest TLS
		st.sslDir = -1
		out.SetInfo(mark)
		if b[0] == 'S' {
			p.Conv.HandOff(tlsDissector)
		}
		return true
	}
	if !fe {
		st.sslDir = -1
	}
	whole := len(p.Segments) > 1
	fresh := out.Info() == "" || (st.lastFrame == p.Frame && st.lastWhole)
	st.lastFrame, st.lastWhole = p.Frame, whole
	if out.Info() == "" {
		out.SetInfo(mark)
	} else if fresh {
		out.AppendInfo("", mark)
	}
	typ := b[0]
	if typ != 0 {
		c := typ
		if c < 0x20 || c > 0x7e {
			c = '?'
		}
		if fresh {
			out.AppendInfo("", string(rune(c)))
		} else {
			out.AppendInfo("", "/"+string(rune(c)))
		}
	}
	n := 0
	if typ != 0 {
		n = 1
	}
	if len(b) < n+4 {
		return true
	}
	length := binary.BigEndian.Uint32(b[n:])
	var typestr string
	var code uint32
	switch {
	case typ == 0 && len(b) >= 8:
		code = binary.BigEndian.Uint32(b[4:])
		switch {
		case length == 16 && code == pgsqlCancelCode:
			typestr = "Cancel request"
		case length == 8 && code == pgsqlSSLCode:
			typestr = "SSL request"
			st.sslDir = int8(p.Dir)
		case length == 8 && code == pgsqlGSSENCCode:
			typestr = "GSS encrypt request"
		case code == pgsqlStartupV3:
			typestr = "Startup message"
		default:
			typestr = "Unknown"
		}
	case typ == 0:
		typestr = "Unknown"
	case fe && typ == 'p':
		switch st.auth {
		case pgsqlAuthSASL:
			typestr = "SASLInitialResponse message"
		case pgsqlAuthSASLContinue:
			typestr = "SASLResponse message"
		case pgsqlAuthGSS:
			typestr = "GSSResponse message"
		default:
			typestr = "Password message"
		}
	case fe:
		typestr = pgsqlFrontendTypes[typ]
	default:
		typestr = pgsqlBackendTypes[typ]
	}
	if typestr == "" {
		typestr = "Unknown"
	}
	if !fe && typ == 'R' && len(b) >= 9 {
		switch binary.BigEndian.Uint32(b[5:]) {
		case 10:
			st.auth = pgsqlAuthSASL
		case 11:
			st.auth = pgsqlAuthSASLContinue
		case 7, 8, 9:
			st.auth = pgsqlAuthGSS
		default:
			st.auth = pgsqlAuthNone
		}
	}
	if !out.WantTree {
		return true
	}
	kids := []Field{
		StrField("pgsql.type", "Type: "+typestr, 0, n, typestr),
		UintField("pgsql.length", "Length: "+strconv.FormatUint(uint64(length), 10), n, 4, uint64(length)),
	}
	r := &pgsqlReader{b: b[:min(len(b), n+int(min(length, 1<<30)))], off: n + 4}
	if typ == 0 {
		kids = append(kids, pgsqlStartup(r, typestr)...)
	} else if fe {
		kids = append(kids, pgsqlFrontend(r, typ, typestr)...)
	} else {
		kids = append(kids, pgsqlBackend(r, typ)...)
	}
	out.Add(Field{Name: "pgsql", Label: "PostgreSQL", Start: 0, Len: len(b), Kind: FieldProto, Children: kids})
	return true
}

func pgsqlStartup(r *pgsqlReader, typestr string) []Field {
	switch typestr {
	case "Startup message":
		major, at := r.u16()
		minor, at2 := r.u16()
		kids := []Field{
			UintField("pgsql.version_major", "Protocol major version: "+strconv.Itoa(int(major)), at, 2, uint64(major)),
			UintField("pgsql.version_minor", "Protocol minor version: "+strconv.Itoa(int(minor)), at2, 2, uint64(minor)),
		}
		for i := 0; i < pgsqlMaxListItems && !r.bad && r.off < len(r.b) && r.b[r.off] != 0; i++ {
			name := r.field("pgsql.parameter_name", "Parameter name")
			value := r.field("pgsql.parameter_value", "Parameter value")
			if r.bad {
				break
			}
			kids = append(kids, name, value)
		}
		return kids
	case "Cancel request":
		r.off += 4 // the request code
		pid, at := r.u32()
		key, at2 := r.u32()
		if r.bad {
			return nil
		}
		return []Field{UintField("pgsql.pid", "PID: "+strconv.FormatUint(uint64(pid), 10), at, 4, uint64(pid)),
			UintField("pgsql.key", "Key: "+strconv.FormatUint(uint64(key), 10), at2, 4, uint64(key))}
	}
	return nil
}

// pgsqlCount is an unnamed count line ("Parameters: 2") over its items.
// pgsqlParamTypes reads a count and that many parameter type OIDs, as
// Parse and ParameterDescription carry them: the count's line with one line
// per OID, or nothing when the count itself is cut.
func pgsqlParamTypes(r *pgsqlReader) []Field {
	cnt, at := r.u16()
	var items []Field
	for i := 0; i < int(cnt) && i < pgsqlMaxListItems && !r.bad; i++ {
		oid, oat := r.u32()
		if !r.bad {
			items = append(items, UintField("pgsql.oid.type", "Type OID: "+strconv.FormatUint(uint64(oid), 10), oat, 4, uint64(oid)))
		}
	}
	if r.off >= at+2 {
		return []Field{pgsqlCount("Parameters", cnt, at, items)}
	}
	return nil
}

func pgsqlCount(label string, v uint16, at int, items []Field) Field {
	return Field{Label: label + ": " + strconv.Itoa(int(v)), Start: at, Len: 2, Children: items}
}

func pgsqlFrontend(r *pgsqlReader, typ byte, typestr string) []Field {
	var kids []Field
	add := func(f Field) {
		if !r.bad {
			kids = append(kids, f)
		}
	}
	rest := func(name, label string) {
		if r.off < len(r.b) {
			d := r.b[r.off:]
			kids = append(kids, Field{Name: name, Label: label + ": " + hexTrunc(d), Start: r.off, Len: len(d), Kind: FieldBytes, Str: string(d)})
		}
	}
	switch typ {
	case 'Q':
		add(r.field("pgsql.query", "Query"))
	case 'P':
		add(r.field("pgsql.statement", "Statement"))
		add(r.field("pgsql.query", "Query"))
		kids = append(kids, pgsqlParamTypes(r)...)
	case 'B':
		add(r.field("pgsql.portal", "Portal"))
		add(r.field("pgsql.statement", "Statement"))
		for _, what := range []string{"Parameter formats", "Parameter values", "Result formats"} {
			cnt, at := r.u16()
			if r.bad {
				break
			}
			var items []Field
			for i := 0; i < int(cnt) && i < pgsqlMaxListItems && !r.bad; i++ {
				if what != "Parameter values" {
					v, vat := r.u16()
					if !r.bad {
						items = append(items, pgsqlFormat(v, vat))
					}
					continue
				}
				items = append(items, pgsqlValue(r)...)
			}
			kids = append(kids, pgsqlCount(what, cnt, at, items))
		}
	case 'E':
		add(r.field("pgsql.portal", "Portal"))
		v, at := r.u32()
		shown := "all rows"
		if v != 0 {
			shown = strconv.FormatUint(uint64(v), 10) + " rows"
		}
		add(UintField("pgsql.returns", "Returns: "+shown, at, 4, uint64(v)))
	case 'D', 'C':
		if r.off < len(r.b) {
			kind := r.b[r.off]
			r.off++
			if kind == 'P' {
				add(r.field("pgsql.portal", "Portal"))
			} else {
				add(r.field("pgsql.statement", "Statement"))
			}
		}
	case 'p':
		switch typestr {
		case "SASLInitialResponse message":
			add(r.field("pgsql.auth.sasl.mech", "SASL authentication mechanism"))
			l, at := r.u32()
			add(UintField("pgsql.auth.sasl.data.length", "SASL authentication data length: "+strconv.Itoa(int(int32(l))), at, 4, uint64(l)))
			if !r.bad && int32(l) > 0 {
				rest("pgsql.auth.sasl.data", "SASL authentication data")
			}
		case "SASLResponse message":
			rest("pgsql.auth.sasl.data", "SASL authentication data")
		case "GSSResponse message":
			rest("pgsql.auth.gssapi_sspi.data", "GSSAPI or SSPI data")
		default:
			add(r.field("pgsql.password", "Password"))
		}
	case 'd':
		rest("pgsql.copydata", "Copy data")
	case 'f':
		add(r.field("pgsql.error", "Error"))
	case 'F':
		v, at := r.u32()
		add(UintField("pgsql.oid", "OID: "+strconv.FormatUint(uint64(v), 10), at, 4, uint64(v)))
	}
	return kids
}

// pgsqlValue is one length-prefixed value (-1 for NULL, which has no data).
func pgsqlValue(r *pgsqlReader) []Field {
	l, at := r.u32()
	if r.bad {
		return nil
	}
	out := []Field{UintField("pgsql.val.length", "Column length: "+strconv.Itoa(int(int32(l))), at, 4, uint64(l))}
	if int32(l) > 0 {
		end := r.off + int(l)
		if end > len(r.b) || end < r.off {
			end = len(r.b)
			r.bad = true
		}
		d := r.b[r.off:end]
		out = append(out, Field{Name: "pgsql.val.data", Label: "Data: " + hexTrunc(d), Start: r.off, Len: len(d), Kind: FieldBytes, Str: string(d)})
		r.off = end
	}
	return out
}

func pgsqlBackend(r *pgsqlReader, typ byte) []Field {
	var kids []Field
	add := func(f Field) {
		if !r.bad {
			kids = append(kids, f)
		}
	}
	u32 := func(name, label string) {
		v, at := r.u32()
		add(UintField(name, label+": "+strconv.FormatUint(uint64(v), 10), at, 4, uint64(v)))
	}
	rest := func(name, label string) {
		if !r.bad && r.off < len(r.b) {
			d := r.b[r.off:]
			kids = append(kids, Field{Name: name, Label: label + ": " + hexTrunc(d), Start: r.off, Len: len(d), Kind: FieldBytes, Str: string(d)})
		}
	}
	switch typ {
	case 'R':
		v, at := r.u32()
		name := pgsqlAuthNames[v]
		if name == "" {
			name = "Unknown"
		}
		add(UintField("pgsql.authtype", "Authentication type: "+name+" ("+strconv.FormatUint(uint64(v), 10)+")", at, 4, uint64(v)))
		switch v {
		case 5:
			if r.off+4 <= len(r.b) {
				kids = append(kids, Field{Name: "pgsql.salt", Label: "Salt value: " + hexTrunc(r.b[r.off:r.off+4]), Start: r.off, Len: 4, Kind: FieldBytes, Str: string(r.b[r.off : r.off+4])})
			}
		case 10:
			for i := 0; i < pgsqlMaxListItems && !r.bad && r.off < len(r.b) && r.b[r.off] != 0; i++ {
				add(r.field("pgsql.auth.sasl.mech", "SASL authentication mechanism"))
			}
		case 11, 12:
			rest("pgsql.auth.sasl.data", "SASL authentication data")
		case 8:
			rest("pgsql.auth.gssapi_sspi.data", "GSSAPI or SSPI data")
		}
	case 'K':
		u32("pgsql.pid", "PID")
		u32("pgsql.key", "Key")
	case 'S':
		add(r.field("pgsql.parameter_name", "Parameter name"))
		add(r.field("pgsql.parameter_value", "Parameter value"))
	case 'C':
		add(r.field("pgsql.tag", "Tag"))
	case 't':
		kids = append(kids, pgsqlParamTypes(r)...)
	case 'T':
		cnt, at := r.u16()
		if r.bad {
			break
		}
		var cols []Field
		for i := 0; i < int(cnt) && i < pgsqlMaxListItems && !r.bad; i++ {
			col := r.field("pgsql.col.name", "Column name")
			table, tat := r.u32()
			idx, iat := r.u16()
			oid, oat := r.u32()
			size, sat := r.u16()
			mod, mat := r.u32()
			format, fat := r.u16()
			if r.bad {
				break
			}
			col.Children = []Field{
				UintField("pgsql.oid.table", "Table OID: "+strconv.FormatUint(uint64(table), 10), tat, 4, uint64(table)),
				UintField("pgsql.col.index", "Column index: "+strconv.Itoa(int(idx)), iat, 2, uint64(idx)),
				UintField("pgsql.oid.type", "Type OID: "+strconv.FormatUint(uint64(oid), 10), oat, 4, uint64(oid)),
				UintField("pgsql.val.length", "Column length: "+strconv.Itoa(int(int16(size))), sat, 2, uint64(size)),
				UintField("pgsql.col.typemod", "Type modifier: "+strconv.Itoa(int(int32(mod))), mat, 4, uint64(mod)),
				pgsqlFormat(format, fat),
			}
			cols = append(cols, col)
		}
		kids = append(kids, Field{Name: "pgsql.field.count", Label: "Field count: " + strconv.Itoa(int(cnt)), Start: at, Len: 2,
			Kind: FieldUint, Num: uint64(cnt), Children: cols})
	case 'D':
		cnt, at := r.u16()
		if r.bad {
			break
		}
		var vals []Field
		for i := 0; i < int(cnt) && i < pgsqlMaxListItems && !r.bad; i++ {
			vals = append(vals, pgsqlValue(r)...)
		}
		kids = append(kids, Field{Name: "pgsql.field.count", Label: "Field count: " + strconv.Itoa(int(cnt)), Start: at, Len: 2,
			Kind: FieldUint, Num: uint64(cnt), Children: vals})
	case 'E', 'N':
		for i := 0; i < pgsqlMaxListItems && r.off < len(r.b) && r.b[r.off] != 0; i++ {
			code := r.b[r.off]
			start := r.off
			r.off++
			s, _, n := r.cstr()
			if r.bad {
				break
			}
			names, ok := pgsqlErrorFields[code]
			if !ok {
				continue
			}
			kids = append(kids, StrField(names[0], names[1]+": "+Printable(s), start, n+1, s))
		}
	case 'Z':
		if r.off < len(r.b) {
			s := r.b[r.off]
			name := pgsqlStatusNames[s]
			if name == "" {
				name = "Unknown"
			}
			kids = append(kids, UintField("pgsql.status", "Status: "+name+" ("+strconv.Itoa(int(s))+")", r.off, 1, uint64(s)))
		}
	case 'A':
		u32("pgsql.pid", "PID")
		add(r.field("pgsql.condition", "Condition"))
	case 'd':
		rest("pgsql.copydata", "Copy data")
	}
	return kids
}

var pgsqlDissector = &Dissector{
	Name:    "pgsql",
	PDULen:  pgsqlPDULen,
	Dissect: pgsqlDissect,
	Fields: []FieldDef{
		{Name: "pgsql.type", Desc: "Type", Kind: FieldString},
		{Name: "pgsql.length", Desc: "Length", Kind: FieldUint, Bits: 32},
		{Name: "pgsql.version_major", Desc: "Protocol major version", Kind: FieldUint, Bits: 16},
		{Name: "pgsql.version_minor", Desc: "Protocol minor version", Kind: FieldUint, Bits: 16},
		{Name: "pgsql.parameter_name", Desc: "Parameter name", Kind: FieldString},
		{Name: "pgsql.parameter_value", Desc: "Parameter value", Kind: FieldString},
		{Name: "pgsql.query", Desc: "Query", Kind: FieldString},
		{Name: "pgsql.password", Desc: "Password", Kind: FieldString},
		{Name: "pgsql.authtype", Desc: "Authentication type", Kind: FieldUint, Bits: 32},
		{Name: "pgsql.salt", Desc: "Salt value", Kind: FieldBytes},
		{Name: "pgsql.auth.sasl.mech", Desc: "SASL authentication mechanism", Kind: FieldString},
		{Name: "pgsql.auth.sasl.data.length", Desc: "SASL authentication data length", Kind: FieldUint, Bits: 32},
		{Name: "pgsql.auth.sasl.data", Desc: "SASL authentication data", Kind: FieldBytes},
		{Name: "pgsql.auth.gssapi_sspi.data", Desc: "GSSAPI or SSPI data", Kind: FieldBytes},
		{Name: "pgsql.statement", Desc: "Statement", Kind: FieldString},
		{Name: "pgsql.portal", Desc: "Portal", Kind: FieldString},
		{Name: "pgsql.returns", Desc: "Returns", Kind: FieldUint, Bits: 32},
		{Name: "pgsql.tag", Desc: "Tag", Kind: FieldString},
		{Name: "pgsql.status", Desc: "Status", Kind: FieldUint, Bits: 8},
		{Name: "pgsql.copydata", Desc: "Copy data", Kind: FieldBytes},
		{Name: "pgsql.error", Desc: "Error", Kind: FieldString},
		{Name: "pgsql.pid", Desc: "PID", Kind: FieldUint, Bits: 32},
		{Name: "pgsql.key", Desc: "Key", Kind: FieldUint, Bits: 32},
		{Name: "pgsql.condition", Desc: "Condition", Kind: FieldString},
		{Name: "pgsql.oid", Desc: "OID", Kind: FieldUint, Bits: 32},
		{Name: "pgsql.oid.table", Desc: "Table OID", Kind: FieldUint, Bits: 32},
		{Name: "pgsql.oid.type", Desc: "Type OID", Kind: FieldUint, Bits: 32},
		{Name: "pgsql.format", Desc: "Format", Kind: FieldUint, Bits: 16},
		{Name: "pgsql.field.count", Desc: "Field count", Kind: FieldUint, Bits: 16},
		{Name: "pgsql.col.name", Desc: "Column name", Kind: FieldString},
		{Name: "pgsql.col.index", Desc: "Column index", Kind: FieldUint, Bits: 32},
		{Name: "pgsql.col.typemod", Desc: "Type modifier", Kind: FieldUint, Bits: 32},
		{Name: "pgsql.val.length", Desc: "Column length", Kind: FieldUint, Bits: 32},
		{Name: "pgsql.val.data", Desc: "Data", Kind: FieldBytes},
		{Name: "pgsql.severity", Desc: "Severity", Kind: FieldString},
		{Name: "pgsql.text", Desc: "Text", Kind: FieldString},
		{Name: "pgsql.code", Desc: "Code", Kind: FieldString},
		{Name: "pgsql.message", Desc: "Message", Kind: FieldString},
		{Name: "pgsql.detail", Desc: "Detail", Kind: FieldString},
		{Name: "pgsql.hint", Desc: "Hint", Kind: FieldString},
		{Name: "pgsql.position", Desc: "Position", Kind: FieldString},
		{Name: "pgsql.internal_position", Desc: "Position (Internal)", Kind: FieldString},
		{Name: "pgsql.internal_query", Desc: "Query (Internal)", Kind: FieldString},
		{Name: "pgsql.where", Desc: "Context", Kind: FieldString},
		{Name: "pgsql.schema_name", Desc: "Schema", Kind: FieldString},
		{Name: "pgsql.table_name", Desc: "Table", Kind: FieldString},
		{Name: "pgsql.column_name", Desc: "Column", Kind: FieldString},
		{Name: "pgsql.type_name", Desc: "Type", Kind: FieldString},
		{Name: "pgsql.constraint_name", Desc: "Constraint", Kind: FieldString},
		{Name: "pgsql.file", Desc: "File", Kind: FieldString},
		{Name: "pgsql.line", Desc: "Line", Kind: FieldString},
		{Name: "pgsql.routine", Desc: "Routine", Kind: FieldString},
	},
}

func init() {
	RegisterTCP(pgsqlDissector, pgsqlPort)
}
