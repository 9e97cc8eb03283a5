package decode

import (
	"bytes"
	"encoding/binary"
	"strconv"
	"strings"
)

// MySQL and MariaDB's client/server protocol as Wireshark 4.0's mysql
// dissector shows it: every packet (3-byte length, sequence number) is a
// PDU; the server's first packet is the "Server Greeting  proto=10
// version=... ", the client's answer the "Login Request user=... db=... "
// (or, cut short with the SSL flag, "Response: SSL Handshake user= ", after
// which the conversation is TLS's), commands read "Request Query", and the
// answers "Response  OK ", "Response  Error 1146 " or, for a result set,
// "Response TABULAR ". The dissector fences the Info column after the
// texts it ends with col_set_fence (a greeting, login, TABULAR, OK, error
// or authentication switch), so a later packet in the segment replaces
// only what follows ("Response TABULAR Response " for a whole result set;
// "Response  OK " for Show Fields' column definitions and their OK).
// Hand-written: gopacket has no MySQL layer.

// mysqlPort is Wireshark 4.0's tcp.port for mysql.
const mysqlPort = 3306

// Capability flags (the low and extended 16 bits) the dissector reads.
const (
	mysqlCapLongPassword  = 0x0001 // clear in a MariaDB client: the filler's last 4 bytes are its capabilities
	mysqlCapConnectWithDB = 0x0008
	mysqlCapSSL           = 0x0800
	mysqlCapSecureConn    = 0x8000
	mysqlExtPluginAuth    = 0x0008
	mysqlExtAuthLenenc    = 0x0020
	mysqlExtDeprecateEOF  = 0x0100
)

// mysqlCommands are the command names of Wireshark's mysql_command_vals.
var mysqlCommands = map[byte]string{
	0: "Sleep", 1: "Quit", 2: "Use Database", 3: "Query", 4: "Show Fields", 5: "Create Database",
	6: "Drop Database", 7: "Refresh", 8: "Shutdown", 9: "Statistics", 10: "Process List", 11: "Connect",
	12: "Kill Server Thread", 13: "Dump Debug Info", 14: "Ping", 15: "Time", 16: "Insert Delayed",
	17: "Change User", 18: "Send Binlog", 19: "Send Table", 20: "Slave Connect", 21: "Register Slave",
	22: "Prepare Statement", 23: "Execute Statement", 24: "Send BLOB", 25: "Close Statement",
	26: "Reset Statement", 27: "Set Option", 28: "Fetch Data", 29: "Daemon", 30: "Binlog Dump GTID",
	31: "Reset Connection",
}

// mysqlState is what the server's next packet is.
type mysqlState uint8

const (
	mysqlGreeting      mysqlState = iota // the conversation's first server packet
	mysqlLogin                           // the client's login answers the greeting
	mysqlAwaitResponse                   // a command's first answer
	mysqlFields                          // a result set's column definitions
	mysqlFieldsEOF                       // the EOF after them
	mysqlRows                            // its rows, until an EOF or OK
	mysqlIdle                            // nothing awaited (after Quit)
	mysqlAuthResponse                    // after the login: OK, ERR or an authentication exchange
	// After a login that names its authentication plugin the server may
	// switch plugins or send the plugin's data (caching_sha2_password's
	// 0x01 0x04, "perform full authentication"): packet-mysql.c names
	// either an "Auth Switch Request", and the client's answer an "Auth
	// Switch Response", after which it knows no state until a request.
	mysqlAuthSwitchRequest
	mysqlAuthSwitchResponse
	mysqlUndefined
	mysqlShowFields // the column definitions that answer Show Fields, until an EOF or OK
)

// mysqlConv is MySQL's state in one conversation.
type mysqlConv struct {
	state      mysqlState
	fieldsLeft uint64
	clientCaps uint32
	serverCaps uint32
	// frame and fence follow Wireshark's column fence within one packet
	// (see the file's doc).
	frame int
	fence string
}

func mysqlStateOf(c *Conv) *mysqlConv {
	if c == nil {
		c = &Conv{}
	}
	if s, ok := c.State.(*mysqlConv); ok {
		return s
	}
	s := &mysqlConv{frame: -1}
	c.State = s
	return s
}

// mysqlPDULen delimits one packet.
func mysqlPDULen(c *Conv, dir uint8, b []byte) int {
	if len(b) < 4 {
		return 0
	}
	return 4 + (int(b[0]) | int(b[1])<<8 | int(b[2])<<16)
}

// mysqlLenenc reads a length-encoded integer at b[off:]: value and size,
// size 0 when it does not fit or is the NULL marker.
func mysqlLenenc(b []byte, off int) (uint64, int) {
	if off >= len(b) {
		return 0, 0
	}
	switch c := b[off]; {
	case c < 0xfb:
		return uint64(c), 1
	case c == 0xfc && off+3 <= len(b):
		return uint64(binary.LittleEndian.Uint16(b[off+1:])), 3
	case c == 0xfd && off+4 <= len(b):
		return uint64(b[off+1]) | uint64(b[off+2])<<8 | uint64(b[off+3])<<16, 4
	case c == 0xfe && off+9 <= len(b):
		return binary.LittleEndian.Uint64(b[off+1:]), 9
	}
	return 0, 0
}

// mysqlCString reads a NUL-terminated string at b[off:]: text and size
// with the NUL (the rest of b when no NUL ends it).
func mysqlCString(b []byte, off int) (string, int) {
	if off >= len(b) {
		return "", 0
	}
	if i := bytes.IndexByte(b[off:], 0); i >= 0 {
		return string(b[off : off+i]), i + 1
	}
	return string(b[off:]), len(b) - off
}

func mysqlHex16(v uint16) string {
	const digits = "0123456789abcdef"
	return "0x" + string([]byte{digits[v>>12], digits[v>>8&15], digits[v>>4&15], digits[v&15]})
}

// mysqlDissect shows one packet.
func mysqlDissect(p *PDU, out *Out) bool {
	b := p.Data
	st := mysqlStateOf(p.Conv)
	out.SetProto("MySQL")
	if st.frame != p.Frame {
		st.fence = ""
	}
	st.frame = p.Frame
	if len(b) < 4 {
		return true
	}
	length := int(b[0]) | int(b[1])<<8 | int(b[2])<<16
	body := b[4:]
	body = body[:min(len(body), length)]
	fromServer := p.SrcPort == mysqlPort
	var text, title string
	var kids []Field
	tree := out.WantTree
	switch {
	case fromServer && st.state == mysqlGreeting:
		text, kids = mysqlGreetingPacket(st, body, tree)
		st.state = mysqlLogin
	case !fromServer && st.state == mysqlLogin:
		text, kids = mysqlLoginPacket(p, st, body, tree)
		st.state = mysqlAuthResponse
		if st.clientCaps&(mysqlExtPluginAuth<<16) != 0 {
			st.state = mysqlAuthSwitchRequest
		}
	case !fromServer && st.state == mysqlAuthSwitchResponse:
		text = "Auth Switch Response "
		if tree {
			kids = []Field{{Name: "mysql.auth_switch_response.data", Label: "Auth Method Data: " + hexTrunc(body), Start: 4, Len: len(body), Kind: FieldBytes, Str: string(body)}}
		}
	case !fromServer:
		text, kids = mysqlRequest(st, body, tree)
	default:
		text, title, kids = mysqlResponse(st, body, tree)
	}
	out.SetInfo(st.fence + text)
	if mysqlFences(text) {
		st.fence = st.fence + text
	}
	if !tree {
		return true
	}
	top := Field{Name: "mysql", Label: "MySQL Protocol" + title, Start: 0, Len: len(b), Kind: FieldProto, Children: []Field{
		UintField("mysql.packet_length", "Packet Length: "+strconv.Itoa(length), 0, 3, uint64(length)),
		UintField("mysql.packet_number", "Packet Number: "+strconv.Itoa(int(b[3])), 3, 1, uint64(b[3])),
	}}
	top.Children = append(top.Children, kids...)
	out.Add(top)
	return true
}

// mysqlFences reports whether packet-mysql.c sets the column fence after
// writing text: the greeting, the login, and answers that say what they
// are (TABULAR, OK, Error, EOF, an authentication switch). A bare
// "Response " (a column definition or row) or a request is replaced by
// the next packet of the segment.
func mysqlFences(text string) bool {
	return text != "Response " && !strings.HasPrefix(text, "Request ")
}

func mysqlGreetingPacket(st *mysqlConv, b []byte, tree bool) (string, []Field) {
	if len(b) < 1 {
		return "Server Greeting ", nil
	}
	proto := b[0]
	version, vn := mysqlCString(b, 1)
	// MariaDB announces itself as "5.5.5-<version>" for old clients; the
	// Info column shows the real version
	shown := version
	if strings.HasPrefix(shown, "5.5.5-") && strings.Contains(shown, "MariaDB") {
		shown = shown[len("5.5.5-"):]
	}
	text := "Server Greeting  proto=" + strconv.Itoa(int(proto)) + " version=" + Printable(shown) + " "
	off := 1 + vn
	// thread id, 8 bytes of salt and its NUL, then the capabilities
	if off+4+9+2 <= len(b) {
		st.serverCaps = uint32(binary.LittleEndian.Uint16(b[off+13:]))
		if off+4+9+2+1+2+2 <= len(b) {
			st.serverCaps |= uint32(binary.LittleEndian.Uint16(b[off+18:])) << 16
		}
	}
	if !tree {
		return text, nil
	}
	g := Field{Name: "mysql.server_greeting", Label: "Server Greeting", Start: 4, Len: len(b), Kind: FieldLabel, Children: []Field{
		UintField("mysql.protocol", "Protocol: "+strconv.Itoa(int(proto)), 4, 1, uint64(proto)),
		StrField("mysql.version", "Version: "+Printable(version), 5, vn, version),
	}}
	at := 4 + off
	if off+4 <= len(b) {
		id := binary.LittleEndian.Uint32(b[off:])
		g.Children = append(g.Children, UintField("mysql.thread_id", "Thread ID: "+strconv.FormatUint(uint64(id), 10), at, 4, uint64(id)))
	}
	off += 4 + 9
	if off+2 <= len(b) {
		v := binary.LittleEndian.Uint16(b[off:])
		g.Children = append(g.Children, UintField("mysql.caps.server", "Server Capabilities: "+mysqlHex16(v), 4+off, 2, uint64(v)))
	}
	off += 3 // the capabilities and the character set
	if off+2 <= len(b) {
		v := binary.LittleEndian.Uint16(b[off:])
		g.Children = append(g.Children, UintField("mysql.server_status", "Server Status: "+mysqlHex16(v), 4+off, 2, uint64(v)))
	}
	off += 2
	if off+2 <= len(b) {
		v := binary.LittleEndian.Uint16(b[off:])
		g.Children = append(g.Children, UintField("mysql.extcaps.server", "Extended Server Capabilities: "+mysqlHex16(v), 4+off, 2, uint64(v)))
	}
	off += 2
	if off < len(b) {
		g.Children = append(g.Children, UintField("mysql.auth_plugin.length", "Authentication Plugin Length: "+strconv.Itoa(int(b[off])), 4+off, 1, uint64(b[off])))
	}
	off += 1 + 10 // reserved bytes (MariaDB's capabilities in the last 4)
	if off < len(b) {
		// the rest of the salt, then the plugin's name
		_, sn := mysqlCString(b, off)
		off += sn
		if off < len(b) {
			name, n := mysqlCString(b, off)
			g.Children = append(g.Children, StrField("mysql.auth_plugin", "Authentication Plugin: "+Printable(name), 4+off, n, name))
		}
	}
	return text, []Field{g}
}

func mysqlLoginPacket(p *PDU, st *mysqlConv, b []byte, tree bool) (string, []Field) {
	if len(b) < 4 {
		return "Login Request", nil
	}
	caps := uint32(binary.LittleEndian.Uint16(b))
	ext := uint32(binary.LittleEndian.Uint16(b[2:]))
	st.clientCaps = caps | ext<<16
	ssl := caps&mysqlCapSSL != 0 && len(b) <= 32
	user, un := "", 0
	schema, sn, schemaAt := "", 0, 0
	plugin, pn, pluginAt := "", 0, 0
	pwAt, pwLen := 0, 0
	off := 32
	if !ssl && off < len(b) {
		user, un = mysqlCString(b, off)
		off += un
		switch {
		case ext&mysqlExtAuthLenenc != 0:
			v, n := mysqlLenenc(b, off)
			pwAt, pwLen = off+n, int(min(v, uint64(len(b))))
			off += n + pwLen
		case caps&mysqlCapSecureConn != 0 && off < len(b):
			pwAt, pwLen = off+1, int(b[off])
			off += 1 + pwLen
		default:
			_, n := mysqlCString(b, off)
			pwAt, pwLen = off, max(n-1, 0)
			off += n
		}
		pwLen = max(0, min(pwLen, len(b)-pwAt))
		if caps&mysqlCapConnectWithDB != 0 && off < len(b) {
			schema, sn = mysqlCString(b, off)
			schemaAt = off
			off += sn
		}
		if ext&mysqlExtPluginAuth != 0 && off < len(b) {
			plugin, pn = mysqlCString(b, off)
			pluginAt = off
		}
	}
	var text string
	if ssl {
		// packet-mysql.c: the short login with the SSL flag; TLS follows
		p.Conv.HandOff(tlsDissector)
		text = "Response: SSL Handshake user= "
	} else {
		text = "Login Request user=" + Printable(user) + " "
		if sn > 0 {
			text += "db=" + Printable(schema) + " "
		}
	}
	if !tree {
		return text, nil
	}
	l := Field{Name: "mysql.login_request", Label: "Login Request", Start: 4, Len: len(b), Kind: FieldLabel, Children: []Field{
		UintField("mysql.caps.client", "Client Capabilities: "+mysqlHex16(uint16(caps)), 4, 2, uint64(caps)),
		UintField("mysql.extcaps.client", "Extended Client Capabilities: "+mysqlHex16(uint16(ext)), 6, 2, uint64(ext)),
	}}
	if len(b) >= 8 {
		v := binary.LittleEndian.Uint32(b[4:])
		l.Children = append(l.Children, UintField("mysql.max_packet", "MAX Packet: "+strconv.FormatUint(uint64(v), 10), 8, 4, uint64(v)))
	}
	if ssl {
		return text, []Field{l}
	}
	if un > 0 {
		l.Children = append(l.Children, StrField("mysql.user", "Username: "+Printable(user), 4+32, un, user))
	}
	if pwLen > 0 {
		pw := b[pwAt : pwAt+pwLen]
		l.Children = append(l.Children, Field{Name: "mysql.passwd", Label: "Password: " + hexTrunc(pw), Start: 4 + pwAt, Len: pwLen, Kind: FieldBytes, Str: string(pw)})
	}
	if sn > 0 {
		l.Children = append(l.Children, StrField("mysql.schema", "Schema: "+Printable(schema), 4+schemaAt, sn, schema))
	}
	if pn > 0 {
		l.Children = append(l.Children, StrField("mysql.client_auth_plugin", "Client Auth Plugin: "+Printable(plugin), 4+pluginAt, pn, plugin))
	}
	return text, []Field{l}
}

func mysqlRequest(st *mysqlConv, b []byte, tree bool) (string, []Field) {
	if len(b) == 0 {
		return "Request ", nil
	}
	cmd := b[0]
	name, ok := mysqlCommands[cmd]
	text := "Request " + name
	switch {
	case !ok:
		// val_to_str_ext's fallback in the column is "Unknown (%u) "
		name = "Unknown (" + strconv.Itoa(int(cmd)) + ")"
		text = "Request " + name + " "
		st.state = mysqlUndefined
	case cmd == 1:
		st.state = mysqlIdle
	case cmd == 4:
		st.state = mysqlShowFields
	default:
		st.state = mysqlAwaitResponse
	}
	if !tree {
		return text, nil
	}
	r := Field{Name: "mysql.request", Label: "Request Command " + name, Start: 4, Len: len(b), Kind: FieldLabel, Children: []Field{
		UintField("mysql.command", "Command: "+name+" ("+strconv.Itoa(int(cmd))+")", 4, 1, uint64(cmd)),
	}}
	switch cmd {
	case 3, 22: // Query, Prepare Statement: the statement's text
		q := string(b[1:])
		r.Children = append(r.Children, StrField("mysql.query", "Statement: "+Printable(q), 5, len(b)-1, q))
	case 2: // Use Database
		s := string(b[1:])
		r.Children = append(r.Children, StrField("mysql.schema", "Schema: "+Printable(s), 5, len(b)-1, s))
	}
	return text, []Field{r}
}

func mysqlResponse(st *mysqlConv, b []byte, tree bool) (text, title string, kids []Field) {
	if len(b) == 0 {
		return "Response ", "", nil
	}
	c := b[0]
	deprecateEOF := st.clientCaps&st.serverCaps&(mysqlExtDeprecateEOF<<16) != 0
	// packet-mysql.c takes 0xfe with at most 5 bytes after it for an EOF
	// packet and a longer one for an OK packet (how a result set ends
	// when the client deprecated EOF), or, while it awaits one, an
	// authentication switch
	isEOF := c == 0xfe && len(b) <= 6
	isOK := c == 0x00 || (c == 0xfe && !isEOF)
	switch st.state {
	case mysqlAuthSwitchRequest:
		if c != 0x00 && c != 0xff && !isEOF {
			st.state = mysqlAuthSwitchResponse
			return "Auth Switch Request ", " - auth switch request", nil
		}
	case mysqlAuthSwitchResponse, mysqlUndefined:
		if c != 0x00 && c != 0xfe && c != 0xff {
			st.state = mysqlUndefined
			return "Response ", "", nil
		}
	case mysqlShowFields:
		switch {
		case isEOF:
			st.state = mysqlIdle
			return "Response ", " - response EOF", nil
		case c != 0x00 && c != 0xfe && c != 0xff:
			return "Response ", " - response to SHOW FIELDS", nil
		}
	case mysqlFields:
		st.fieldsLeft--
		if st.fieldsLeft == 0 {
			st.state = mysqlRows
			if deprecateEOF {
				return "Response ", " - field packet", nil
			}
			st.state = mysqlFieldsEOF
		}
		return "Response ", " - field packet", nil
	case mysqlFieldsEOF:
		st.state = mysqlRows
		return "Response ", " - intermediate EOF", nil
	case mysqlRows:
		if isEOF {
			st.state = mysqlIdle
			return "Response ", " - response EOF", nil
		}
		if c != 0xfe {
			return "Response ", " - row packet", nil
		}
	}
	switch {
	case isOK || (c == 0xfe && st.state == mysqlAuthResponse):
		st.state = mysqlIdle
		text, title = "Response  OK ", " - response OK"
		if tree {
			kids = mysqlOK(b)
		}
	case c == 0xff:
		st.state = mysqlIdle
		code := uint16(0)
		if len(b) >= 3 {
			code = binary.LittleEndian.Uint16(b[1:])
		}
		text, title = "Response  Error "+strconv.Itoa(int(code))+" ", " - response ERROR"
		if tree {
			kids = mysqlErr(b)
		}
	case isEOF:
		st.state = mysqlIdle
		text, title = "Response  EOF ", " - response EOF"
	case st.state == mysqlAwaitResponse:
		n, size := mysqlLenenc(b, 0)
		st.state, st.fieldsLeft = mysqlFields, n
		if n == 0 || size == 0 {
			st.state = mysqlIdle
		}
		text, title = "Response TABULAR ", " - column count"
		if tree && size > 0 {
			kids = []Field{UintField("mysql.num_fields", "Number of fields: "+strconv.FormatUint(n, 10), 4, size, n)}
		}
	default:
		text = "Response "
	}
	return text, title, kids
}

func mysqlOK(b []byte) []Field {
	kids := []Field{UintField("mysql.response_code", "Response Code: OK Packet (0x00)", 4, 1, uint64(b[0]))}
	off := 1
	rows, n := mysqlLenenc(b, off)
	if n == 0 {
		return kids
	}
	kids = append(kids, UintField("mysql.affected_rows", "Affected Rows: "+strconv.FormatUint(rows, 10), 4+off, n, rows))
	off += n
	_, n = mysqlLenenc(b, off) // the last insert id
	if n == 0 {
		return kids
	}
	off += n
	if off+4 <= len(b) {
		s, w := binary.LittleEndian.Uint16(b[off:]), binary.LittleEndian.Uint16(b[off+2:])
		kids = append(kids, UintField("mysql.server_status", "Server Status: "+mysqlHex16(s), 4+off, 2, uint64(s)),
			UintField("mysql.warnings", "Warnings: "+strconv.Itoa(int(w)), 4+off+2, 2, uint64(w)))
	}
	return kids
}

func mysqlErr(b []byte) []Field {
	kids := []Field{UintField("mysql.response_code", "Response Code: ERR Packet (0xff)", 4, 1, uint64(b[0]))}
	if len(b) < 3 {
		return kids
	}
	code := binary.LittleEndian.Uint16(b[1:])
	kids = append(kids, UintField("mysql.error_code", "Error Code: "+strconv.Itoa(int(code)), 5, 2, uint64(code)))
	off := 3
	if off+6 <= len(b) && b[off] == '#' {
		s := string(b[off+1 : off+6])
		kids = append(kids, StrField("mysql.sqlstate", "SQL state: "+Printable(s), 4+off+1, 5, s))
		off += 6
	}
	m := string(b[off:])
	kids = append(kids, StrField("mysql.error.message", "Error message: "+Printable(m), 4+off, len(b)-off, m))
	return kids
}

var mysqlDissector = &Dissector{
	Name:    "mysql",
	PDULen:  mysqlPDULen,
	Dissect: mysqlDissect,
	Fields: []FieldDef{
		{Name: "mysql.packet_length", Desc: "Packet Length", Kind: FieldUint, Bits: 32},
		{Name: "mysql.packet_number", Desc: "Packet Number", Kind: FieldUint, Bits: 8},
		{Name: "mysql.server_greeting", Desc: "Server Greeting", Kind: FieldLabel},
		{Name: "mysql.protocol", Desc: "Protocol", Kind: FieldUint, Bits: 8},
		{Name: "mysql.version", Desc: "Version", Kind: FieldString},
		{Name: "mysql.thread_id", Desc: "Thread ID", Kind: FieldUint, Bits: 32},
		{Name: "mysql.caps.server", Desc: "Server Capabilities", Kind: FieldUint, Bits: 16},
		{Name: "mysql.extcaps.server", Desc: "Extended Server Capabilities", Kind: FieldUint, Bits: 16},
		{Name: "mysql.server_status", Desc: "Server Status", Kind: FieldUint, Bits: 16},
		{Name: "mysql.auth_plugin.length", Desc: "Authentication Plugin Length", Kind: FieldUint, Bits: 8},
		{Name: "mysql.auth_plugin", Desc: "Authentication Plugin", Kind: FieldString},
		{Name: "mysql.login_request", Desc: "Login Request", Kind: FieldLabel},
		{Name: "mysql.caps.client", Desc: "Client Capabilities", Kind: FieldUint, Bits: 16},
		{Name: "mysql.extcaps.client", Desc: "Extended Client Capabilities", Kind: FieldUint, Bits: 16},
		{Name: "mysql.max_packet", Desc: "MAX Packet", Kind: FieldUint, Bits: 32},
		{Name: "mysql.user", Desc: "Username", Kind: FieldString},
		{Name: "mysql.passwd", Desc: "Password", Kind: FieldBytes},
		{Name: "mysql.schema", Desc: "Schema", Kind: FieldString},
		{Name: "mysql.client_auth_plugin", Desc: "Client Auth Plugin", Kind: FieldString},
		{Name: "mysql.request", Desc: "Request Command", Kind: FieldLabel},
		{Name: "mysql.command", Desc: "Command", Kind: FieldUint, Bits: 8},
		{Name: "mysql.query", Desc: "Statement", Kind: FieldString},
		{Name: "mysql.response_code", Desc: "Response Code", Kind: FieldUint, Bits: 8},
		{Name: "mysql.affected_rows", Desc: "Affected Rows", Kind: FieldUint, Bits: 64},
		{Name: "mysql.warnings", Desc: "Warnings", Kind: FieldUint, Bits: 16},
		{Name: "mysql.error_code", Desc: "Error Code", Kind: FieldUint, Bits: 16},
		{Name: "mysql.sqlstate", Desc: "SQL state", Kind: FieldString},
		{Name: "mysql.error.message", Desc: "Error message", Kind: FieldString},
		{Name: "mysql.num_fields", Desc: "Number of fields", Kind: FieldUint, Bits: 64},
	},
}

func init() {
	RegisterTCP(mysqlDissector, mysqlPort)
}
