package decode

import (
	"encoding/binary"
	"strconv"
)

// TACACS+ (draft-grant-tacacs-02, RFC 8907) on TCP 49 as Wireshark 4.0's
// packet-tacacs.c shows it. Every message is a 12-byte header (version,
// type, sequence number, flags, session ID, body length) and a body; TCP
// delimits them as tcp_dissect_pdus does with that header. The Info column
// says "Q: " for a message sent to port 49 and "R: " otherwise, then the
// packet type; each message of a segment replaces it. A body is dissected
// only when the unencrypted flag is set (ladder has no keys, so an
// obfuscated body is "Encrypted Request" or "Encrypted Reply" as tshark
// shows it without one). The body's fields are read at the offsets the
// draft gives; a length that runs past the body ends the dissection with
// tshark's "[Malformed Packet]", including the CHAP and MS-CHAP challenge
// lengths that packet-tacacs.c computes in 8 bits and so wraps when the
// data is shorter than the ID and response. Hand-written: gopacket has no
// TACACS+ layer. Not done: TACACS (UDP 49, packet-tacacs.c's older
// protocol) and the decryption with a configured key.

// tacplusPort is tshark -G decodes' tcp.port entry for tacplus.
const tacplusPort = 49

const tacplusHeaderLen = 12

var tacplusTypes = map[byte]string{1: "Authentication", 2: "Authorization", 3: "Accounting"}

var tacplusAuthenTypes = map[byte]string{1: "ASCII", 2: "PAP", 3: "CHAP", 4: "ARAP", 5: "MS-CHAP"}

var tacplusServices = map[byte]string{0: "TAC_PLUS_AUTHEN_SVC_NONE", 1: "Login", 2: "ENABLE", 3: "PPP", 4: "ARAP",
	5: "TAC_PLUS_AUTHEN_SVC_PT", 6: "TAC_PLUS_AUTHEN_SVC_RCMD", 7: "TAC_PLUS_AUTHEN_SVC_X25", 8: "TAC_PLUS_AUTHEN_SVC_NASI",
	9: "TAC_PLUS_AUTHEN_SVC_FWPROXY"}

var tacplusActions = map[byte]string{1: "Inbound Login", 2: "Change password request", 3: "Send password request",
	4: "Outbound Request (SENDAUTH)"}

var tacplusReplyStatus = map[byte]string{1: "Authentication Passed", 2: "Authentication Failed", 3: "Send Data",
	4: "Send Username", 5: "Send Password", 6: "Restart Authentication Sequence", 7: "Unrecoverable Error",
	0x21: "Use Alternate Server"}

var tacplusMethods = map[byte]string{0: "NOT_SET", 1: "NONE", 2: "KRB5", 3: "LINE", 4: "ENABLE", 5: "LOCAL",
	6: "TACACSPLUS", 8: "GUEST", 0x10: "RADIUS", 0x11: "KRB4", 0x20: "RCMD"}

var tacplusAuthorStatus = map[byte]string{1: "PASS_ADD", 2: "PASS_REPL", 0x10: "FAIL", 0x11: "ERROR", 0x21: "FOLLOW"}

var tacplusAcctStatus = map[byte]string{1: "Success", 2: "Error", 0x21: "Follow"}

// tacplusPDULen is get_tacplus_pdu_len's answer: the header and the body
// length it gives.
func tacplusPDULen(c *Conv, dir uint8, b []byte) int {
	if len(b) < tacplusHeaderLen {
		return 0
	}
	return tacplusHeaderLen + int(binary.BigEndian.Uint32(b[8:]))
}

// tacplusName is a value_string lookup with val_to_str's "Unknown" text.
func tacplusName(m map[byte]string, v byte) string {
	if s, ok := m[v]; ok {
		return s
	}
	return "Unknown"
}

// tacplusBody reads a message body as the tvb packet-tacacs.c builds for
// it: a read past the end sets bad (tshark's exception) and stops the
// tree there.
type tacplusBody struct {
	b    []byte
	bad  bool
	kids []Field
}

// has says whether n bytes at off lie in the body, marking it bad if not.
func (t *tacplusBody) has(off, n int) bool {
	if t.bad {
		return false
	}
	if off < 0 || n < 0 || off+n > len(t.b) {
		t.bad = true
		return false
	}
	return true
}

func (t *tacplusBody) u8(off int) (byte, bool) {
	if !t.has(off, 1) {
		return 0, false
	}
	return t.b[off], true
}

func (t *tacplusBody) u16(off int) (int, bool) {
	if !t.has(off, 2) {
		return 0, false
	}
	return int(binary.BigEndian.Uint16(t.b[off:])), true
}

// uint adds a numeric field of n bytes at off labelled label.
func (t *tacplusBody) uint(name, label string, off, n int, v int) bool {
	if !t.has(off, n) {
		return false
	}
	t.kids = append(t.kids, UintField(name, label, tacplusHeaderLen+off, n, uint64(v)))
	return true
}

// byteField adds the one-byte field at off with its decimal value.
func (t *tacplusBody) byteField(name, title string, off int) (byte, bool) {
	v, ok := t.u8(off)
	if ok {
		t.uint(name, title+": "+strconv.Itoa(int(v)), off, 1, int(v))
	}
	return v, ok
}

// named adds a one-byte field shown with its name, in decimal ("Service:
// PPP (3)") or, when hex, as BASE_HEX shows it ("Auth Method: LOCAL (0x05)").
func (t *tacplusBody) named(name, title string, off int, m map[byte]string, hex bool) (byte, bool) {
	v, ok := t.u8(off)
	if !ok {
		return 0, false
	}
	num := strconv.Itoa(int(v))
	if hex {
		num = hex2(v)
	}
	t.uint(name, title+": "+tacplusName(m, v)+" ("+num+")", off, 1, int(v))
	return v, true
}

// str adds a text field of n bytes at off (ENC_ASCII: up to a NUL, bytes
// above 0x7f replaced).
func (t *tacplusBody) str(name, title string, off, n int) bool {
	if !t.has(off, n) {
		return false
	}
	s := encASCII(t.b[off : off+n])
	t.kids = append(t.kids, StrField(name, title+": "+formatText([]byte(s)), tacplusHeaderLen+off, n, s))
	return true
}

// data adds tacplus.data, n raw bytes at off.
func (t *tacplusBody) data(off, n int) bool {
	if !t.has(off, n) {
		return false
	}
	v := t.b[off : off+n]
	t.kids = append(t.kids, Field{Name: "tacplus.data", Label: "Data: " + diamHex(v), Start: tacplusHeaderLen + off, Len: n,
		Kind: FieldBytes, Str: string(v)})
	return true
}

// text adds a line without a filter name (a subtree title), whose bytes
// must exist as proto_tree_add_subtree checks them.
func (t *tacplusBody) text(label string, off, n int) bool {
	if !t.has(off, n) {
		return false
	}
	t.kids = append(t.kids, Field{Label: label, Start: tacplusHeaderLen + off, Len: n})
	return true
}

// common reads the privilege level, authentication type, service and the
// user, port and remote address lengths at off with their strings from
// varOff on, and returns where the strings end.
func (t *tacplusBody) common(off, varOff int) (int, bool) {
	if _, ok := t.byteField("tacplus.privilege_level", "Privilege Level", off); !ok {
		return 0, false
	}
	if _, ok := t.named("tacplus.authentication_type", "Authentication type", off+1, tacplusAuthenTypes, false); !ok {
		return 0, false
	}
	if _, ok := t.named("tacplus.service", "Service", off+2, tacplusServices, false); !ok {
		return 0, false
	}
	for i, s := range []struct{ lenName, lenTitle, name, title string }{
		{"tacplus.user_len", "User len", "tacplus.user", "User"},
		{"tacplus.port_len", "Port len", "tacplus.port", "Port"},
		{"tacplus.address_len", "Remaddr len", "tacplus.remote_address", "Remote Address"},
	} {
		n, ok := t.byteField(s.lenName, s.lenTitle, off+3+i)
		if !ok {
			return 0, false
		}
		if n > 0 {
			if !t.str(s.name, s.title, varOff, int(n)) {
				return 0, false
			}
			varOff += int(n)
		}
	}
	return varOff, true
}

// args reads count argument lengths at lenOff and their values from
// dataOff on.
func (t *tacplusBody) args(dataOff, lenOff, count int) {
	for i := 0; i < count; i++ {
		n, ok := t.u8(lenOff + i)
		if !ok {
			return
		}
		idx := strconv.Itoa(i)
		t.uint("tacplus.arg_length", "Arg["+idx+"] length: "+strconv.Itoa(int(n)), lenOff+i, 1, int(n))
		if !t.str("tacplus.arg_value", "Arg["+idx+"] value", dataOff, int(n)) {
			return
		}
		dataOff += int(n)
	}
}

// authenStart is an Authentication START body.
func (t *tacplusBody) authenStart() {
	action, ok := t.named("tacplus.authen_action", "Action", 0, tacplusActions, false)
	if !ok {
		return
	}
	varOff, ok := t.common(1, 8)
	if !ok || action != 1 {
		return // only an inbound login's data is read
	}
	n, ok := t.u8(7)
	if !ok {
		return
	}
	atype := t.b[2]
	dlen := int(n)
	lenLabel := map[byte]string{1: "ASCII Data Length", 2: "Password Length", 3: "CHAP Data Length", 4: "ARAP Data Length",
		5: "MSCHAP Data Length"}
	lenName := map[byte]string{1: "tacplus.ascii_length", 2: "tacplus.password_length", 3: "tacplus.chap_data_length",
		4: "tacplus.arap_data_length", 5: "tacplus.mschap_data_length"}
	title, known := lenLabel[atype]
	name := lenName[atype]
	if !known {
		title, name = "Data", "tacplus.data_length"
	}
	t.uint(name, title+": "+strconv.Itoa(dlen), 7, 1, dlen)
	if dlen == 0 {
		return
	}
	switch atype {
	case 2:
		t.str("tacplus.auth_password", "Password", varOff, dlen)
	case 3, 5:
		// the challenge is what the ID and the fixed-size response leave,
		// computed in 8 bits as packet-tacacs.c does
		resp, sub, pre := 16, "CHAP Data", "tacplus.chap."
		if atype == 5 {
			resp, sub, pre = 49, "MSCHAP Data", "tacplus.mschap."
		}
		chal := int(uint8(dlen - 1 - resp))
		at := len(t.kids)
		if !t.text(sub, varOff, dlen) {
			return
		}
		id, ok := t.u8(varOff)
		if ok {
			t.uint(pre+"id", "ID: "+strconv.Itoa(int(id)), varOff, 1, int(id))
			if t.str(pre+"challenge", "Challenge", varOff+1, chal) {
				t.str(pre+"response", "Response", varOff+1+chal, resp)
			}
		}
		t.nest(at)
	case 4:
		at := len(t.kids)
		if !t.text("ARAP Data", varOff, dlen) {
			return
		}
		if t.str("tacplus.arap.nas_challenge", "Nas Challenge", varOff, 8) &&
			t.str("tacplus.arap.remote_challenge", "Remote Challenge", varOff+8, 8) {
			t.str("tacplus.arap.remote_response", "Remote Response", varOff+16, 8)
		}
		t.nest(at)
	default:
		t.data(varOff, dlen)
	}
}

// nest moves the fields after the subtree line at index at under it.
func (t *tacplusBody) nest(at int) {
	if at >= len(t.kids) {
		return
	}
	t.kids[at].Children = append([]Field(nil), t.kids[at+1:]...)
	t.kids = t.kids[:at+1]
}

// authenContinue is an Authentication CONTINUE body.
func (t *tacplusBody) authenContinue() {
	if !t.flagByte("tacplus.body_authen_req_cont.flags", 4, "(Abort)") {
		return
	}
	varOff, ok := t.lenString(0, "tacplus.body_authen_req_cont.user_length", "User length",
		"tacplus.body_authen_req_cont.user", "User", 5)
	if ok {
		t.lenData(2, "tacplus.body_authen_req_cont.data_length", varOff)
	}
}

// authenReply is an Authentication REPLY body.
func (t *tacplusBody) authenReply() {
	if _, ok := t.named("tacplus.body_authen_rep.status", "Status", 0, tacplusReplyStatus, true); !ok {
		return
	}
	if !t.flagByte("tacplus.body_authen_rep.flags", 1, "(NoEcho)") {
		return
	}
	varOff, ok := t.lenString(2, "tacplus.body_authen_rep.server_msg_len", "Server message length",
		"tacplus.body_authen_rep.server_msg", "Server message", 6)
	if ok {
		t.lenData(4, "tacplus.body_authen_rep_server.data_len", varOff)
	}
}

// flagByte shows the flags byte at off, naming its one defined bit (0x01)
// as tshark does; false when the byte is not there.
func (t *tacplusBody) flagByte(field string, off int, bit1 string) bool {
	flags, ok := t.u8(off)
	if !ok {
		return false
	}
	label := "Flags: " + hex2(flags)
	if flags&1 != 0 {
		label += bit1
	}
	t.uint(field, label, off, 1, int(flags))
	return true
}

// lenString shows the 16-bit length at lenOff and the string of that length
// at varOff, returning the offset after it; false when either is cut short.
func (t *tacplusBody) lenString(lenOff int, lenField, lenLabel, strField, strLabel string, varOff int) (int, bool) {
	n, ok := t.u16(lenOff)
	if !ok {
		return varOff, false
	}
	t.uint(lenField, lenLabel+": "+strconv.Itoa(n), lenOff, 2, n)
	if n > 0 {
		if !t.str(strField, strLabel, varOff, n) {
			return varOff, false
		}
		varOff += n
	}
	return varOff, true
}

// lenData shows the 16-bit data length at lenOff and the data at varOff.
func (t *tacplusBody) lenData(lenOff int, lenField string, varOff int) {
	n, ok := t.u16(lenOff)
	if !ok {
		return
	}
	t.uint(lenField, "Data length: "+strconv.Itoa(n), lenOff, 2, n)
	if n > 0 {
		t.data(varOff, n)
	}
}

// authorRequest is an Authorization REQUEST body.
func (t *tacplusBody) authorRequest() {
	if _, ok := t.named("tacplus.body_author_req.auth_method", "Auth Method", 0, tacplusMethods, true); !ok {
		return
	}
	argc, ok := t.u8(7)
	if !ok {
		return
	}
	varOff, ok := t.common(1, 8+int(argc))
	if !ok {
		return
	}
	t.uint("tacplus.body_author_req.arg_count", "Arg count: "+strconv.Itoa(int(argc)), 7, 1, int(argc))
	t.args(varOff, 8, int(argc))
}

// authorReply is an Authorization REPLY body: the server message and data
// are skipped by their lengths, as packet-tacacs.c does.
func (t *tacplusBody) authorReply() {
	if _, ok := t.named("tacplus.body_author_rep.auth_status", "Auth Status", 0, tacplusAuthorStatus, true); !ok {
		return
	}
	mlen, ok := t.u16(2)
	if !ok {
		return
	}
	t.uint("tacplus.body_author_rep_server.msg_len", "Server Msg length: "+strconv.Itoa(mlen), 2, 2, mlen)
	dlen, ok := t.u16(4)
	if !ok {
		return
	}
	t.uint("tacplus.body_author_rep_server.data_len", "Data length: "+strconv.Itoa(dlen), 4, 2, dlen)
	argc, ok := t.u8(1)
	if !ok {
		return
	}
	t.uint("tacplus.body_author_rep.arg_count", "Arg count: "+strconv.Itoa(int(argc)), 1, 1, int(argc))
	t.args(6+mlen+dlen+int(argc), 6, int(argc))
}

// acctRequest is an Accounting REQUEST body.
func (t *tacplusBody) acctRequest() {
	flags, ok := t.u8(0)
	if !ok {
		return
	}
	f := UintField("tacplus.acct.flags", "Flags: "+hex2(flags), tacplusHeaderLen, 1, uint64(flags))
	for _, b := range []struct {
		name, title string
		mask        byte
	}{{"more", "More", 1}, {"start", "Start", 2}, {"stop", "Stop", 4}, {"watchdog", "Watchdog", 8}} {
		f.Children = append(f.Children, Field{Name: "tacplus.acct.flags." + b.name,
			Label: bitString(uint32(flags), 8, uint32(b.mask)) + " = " + b.title + ": " + setNotSet(uint32(flags), uint32(b.mask)),
			Start: tacplusHeaderLen, Len: 1, Kind: FieldBool, Num: uint64(flags&b.mask) / uint64(b.mask)})
	}
	t.kids = append(t.kids, f)
	if _, ok := t.named("tacplus.acct.auth_method", "Auth Method", 1, tacplusMethods, true); !ok {
		return
	}
	argc, ok := t.u8(8)
	if !ok {
		return
	}
	varOff, ok := t.common(2, 9+int(argc))
	if !ok {
		return
	}
	t.uint("tacplus.acct.arg_count", "Arg count: "+strconv.Itoa(int(argc)), 8, 1, int(argc))
	t.args(varOff, 9, int(argc))
}

// acctReply is an Accounting REPLY body.
func (t *tacplusBody) acctReply() {
	if _, ok := t.named("tacplus.body_acct.status", "Status", 4, tacplusAcctStatus, true); !ok {
		return
	}
	mlen, ok := t.u16(0)
	if !ok {
		return
	}
	t.uint("tacplus.body_acct.msg_len", "Server Msg length: "+strconv.Itoa(mlen), 0, 2, mlen)
	varOff := 5
	if mlen > 0 {
		if !t.str("tacplus.body_acct.server_msg", "Server message", varOff, mlen) {
			return
		}
		varOff += mlen
	}
	dlen, ok := t.u16(2)
	if !ok {
		return
	}
	t.uint("tacplus.body_acct.data_len", "Data length: "+strconv.Itoa(dlen), 2, 2, dlen)
	if dlen > 0 {
		t.str("tacplus.body_acct.data", "Data", varOff, dlen)
	}
}

func tacplusDissect(p *PDU, out *Out) bool {
	b := p.Data
	out.SetProto("TACACS+")
	request := p.DstPort == tacplusPort
	dir, body := "R: ", "Reply"
	if request {
		dir, body = "Q: ", "Request"
	}
	if len(b) < tacplusHeaderLen {
		// only a capture cut short hands over less than a header
		out.SetInfo(dir + "Unknown (0x00)" + malformedMark)
		return true
	}
	typ, seq, flags := b[1], b[2], b[3]
	typeName, known := tacplusTypes[typ]
	info := typeName
	if !known {
		info = "Unknown (" + hex2(typ) + ")"
		typeName = "Unknown"
	}
	out.SetInfo(dir + info)
	blen := binary.BigEndian.Uint32(b[8:])
	t := &tacplusBody{}
	clear := flags&1 != 0
	if clear {
		end := min(len(b), tacplusHeaderLen+int(min(blen, 1<<30)))
		t.b = b[tacplusHeaderLen:end]
		switch {
		case typ == 1 && seq&1 != 0 && seq == 1:
			t.authenStart()
		case typ == 1 && seq&1 != 0:
			t.authenContinue()
		case typ == 1:
			t.authenReply()
		case typ == 2 && seq&1 != 0:
			t.authorRequest()
		case typ == 2:
			t.authorReply()
		case typ == 3 && seq&1 != 0:
			t.acctRequest()
		case typ == 3:
			t.acctReply()
		}
		if p.Cut {
			t.bad = false // the bytes were there: ladder did not keep them
		}
	}
	if t.bad {
		out.AppendInfo("", malformedMark)
	}
	if !out.WantTree {
		return true
	}
	ver := b[0]
	major := "Unknown Version"
	if ver&0xf0 == 0xc0 {
		major = "TACACS+"
	}
	conn := "Multiple Connections"
	if flags&4 != 0 {
		conn = "Single connection"
	}
	enc := "Encrypted"
	if clear {
		enc = "Unencrypted"
	}
	hidden := Field{Name: "tacplus.response", Label: "Response: True", Kind: FieldBool, Num: 1}
	if request {
		hidden.Name, hidden.Label = "tacplus.request", "Request: True"
	}
	flagsField := UintField("tacplus.flags", "Flags: "+hex2(flags)+" ("+enc+" payload, "+conn+")", 3, 1, uint64(flags))
	flagsField.Children = []Field{
		{Name: "tacplus.flags.unencrypted", Label: bitString(uint32(flags), 8, 1) + " = Unencrypted: " + setNotSet(uint32(flags), 1),
			Start: 3, Len: 1, Kind: FieldBool, Num: uint64(flags & 1)},
		{Name: "tacplus.flags.singleconn", Label: bitString(uint32(flags), 8, 4) + " = Single Connection: " + setNotSet(uint32(flags), 4),
			Start: 3, Len: 1, Kind: FieldBool, Num: uint64(flags>>2) & 1},
	}
	bodyLen := min(int(min(blen, 1<<30)), len(b)-tacplusHeaderLen)
	title := body
	if !clear {
		title = "Encrypted " + body
	}
	bodyTree := Field{Label: title, Start: tacplusHeaderLen, Len: bodyLen, Children: t.kids}
	top := Field{Name: "tacplus", Label: "TACACS+", Start: 0, Len: min(p.Len, len(b)), Kind: FieldProto,
		Children: []Field{
			hidden,
			UintField("tacplus.majvers", "Major version: "+major, 0, 1, uint64(ver)),
			UintField("tacplus.minvers", "Minor version: "+strconv.Itoa(int(ver&0xf)), 0, 1, uint64(ver&0xf)),
			UintField("tacplus.type", "Type: "+typeName+" ("+strconv.Itoa(int(typ))+")", 1, 1, uint64(typ)),
			UintField("tacplus.seqno", "Sequence number: "+strconv.Itoa(int(seq)), 2, 1, uint64(seq)),
			flagsField,
			UintField("tacplus.session_id", "Session ID: "+strconv.FormatUint(uint64(binary.BigEndian.Uint32(b[4:])), 10), 4, 4,
				uint64(binary.BigEndian.Uint32(b[4:]))),
			UintField("tacplus.packet_len", "Packet length: "+strconv.FormatUint(uint64(blen), 10), 8, 4, uint64(blen)),
			bodyTree,
		}}
	out.Add(top)
	if t.bad {
		out.Add(Field{Name: "_ws.malformed", Label: "[Malformed Packet: TACACS+]"})
	}
	return true
}

var tacplusDissector = &Dissector{
	Name:    "tacplus",
	Dissect: tacplusDissect,
	PDULen:  tacplusPDULen,
	Fields: []FieldDef{
		{Name: "tacplus.response", Desc: "Response", Kind: FieldBool},
		{Name: "tacplus.request", Desc: "Request", Kind: FieldBool},
		{Name: "tacplus.majvers", Desc: "Major version", Kind: FieldUint, Bits: 8},
		{Name: "tacplus.minvers", Desc: "Minor version", Kind: FieldUint, Bits: 8},
		{Name: "tacplus.type", Desc: "Type", Kind: FieldUint, Bits: 8},
		{Name: "tacplus.seqno", Desc: "Sequence number", Kind: FieldUint, Bits: 8},
		{Name: "tacplus.flags", Desc: "Flags", Kind: FieldUint, Bits: 8},
		{Name: "tacplus.flags.unencrypted", Desc: "Unencrypted", Kind: FieldBool},
		{Name: "tacplus.flags.singleconn", Desc: "Single Connection", Kind: FieldBool},
		{Name: "tacplus.acct.flags", Desc: "Flags", Kind: FieldUint, Bits: 8},
		{Name: "tacplus.acct.flags.more", Desc: "More", Kind: FieldBool},
		{Name: "tacplus.acct.flags.start", Desc: "Start", Kind: FieldBool},
		{Name: "tacplus.acct.flags.stop", Desc: "Stop", Kind: FieldBool},
		{Name: "tacplus.acct.flags.watchdog", Desc: "Watchdog", Kind: FieldBool},
		{Name: "tacplus.session_id", Desc: "Session ID", Kind: FieldUint, Bits: 32},
		{Name: "tacplus.packet_len", Desc: "Packet length", Kind: FieldUint, Bits: 32},
		{Name: "tacplus.auth_password", Desc: "Password", Kind: FieldString},
		{Name: "tacplus.port", Desc: "Port", Kind: FieldString},
		{Name: "tacplus.remote_address", Desc: "Remote Address", Kind: FieldString},
		{Name: "tacplus.chap.challenge", Desc: "Challenge", Kind: FieldString},
		{Name: "tacplus.chap.response", Desc: "Response", Kind: FieldString},
		{Name: "tacplus.mschap.challenge", Desc: "Challenge", Kind: FieldString},
		{Name: "tacplus.mschap.response", Desc: "Response", Kind: FieldString},
		{Name: "tacplus.arap.nas_challenge", Desc: "Nas Challenge", Kind: FieldString},
		{Name: "tacplus.arap.remote_challenge", Desc: "Remote Challenge", Kind: FieldString},
		{Name: "tacplus.arap.remote_response", Desc: "Remote Response", Kind: FieldString},
		{Name: "tacplus.privilege_level", Desc: "Privilege Level", Kind: FieldUint, Bits: 8},
		{Name: "tacplus.authentication_type", Desc: "Authentication type", Kind: FieldUint, Bits: 8},
		{Name: "tacplus.service", Desc: "Service", Kind: FieldUint, Bits: 8},
		{Name: "tacplus.user_len", Desc: "User len", Kind: FieldUint, Bits: 8},
		{Name: "tacplus.user", Desc: "User", Kind: FieldString},
		{Name: "tacplus.port_len", Desc: "Port len", Kind: FieldUint, Bits: 8},
		{Name: "tacplus.address_len", Desc: "Remaddr len", Kind: FieldUint, Bits: 8},
		{Name: "tacplus.arg_length", Desc: "Length", Kind: FieldUint, Bits: 8},
		{Name: "tacplus.arg_value", Desc: "Value", Kind: FieldString},
		{Name: "tacplus.chap.id", Desc: "ID", Kind: FieldUint, Bits: 8},
		{Name: "tacplus.mschap.id", Desc: "ID", Kind: FieldUint, Bits: 8},
		{Name: "tacplus.authen_action", Desc: "Action", Kind: FieldUint, Bits: 8},
		{Name: "tacplus.body_authen_req_cont.flags", Desc: "Flags", Kind: FieldUint, Bits: 8},
		{Name: "tacplus.body_authen_req_cont.user_length", Desc: "User length", Kind: FieldUint, Bits: 16},
		{Name: "tacplus.body_authen_req_cont.data_length", Desc: "Data length", Kind: FieldUint, Bits: 16},
		{Name: "tacplus.body_authen_req_cont.user", Desc: "User", Kind: FieldString},
		{Name: "tacplus.body_authen_rep.status", Desc: "Status", Kind: FieldUint, Bits: 8},
		{Name: "tacplus.body_authen_rep.flags", Desc: "Flags", Kind: FieldUint, Bits: 8},
		{Name: "tacplus.body_authen_rep.server_msg_len", Desc: "Server message length", Kind: FieldUint, Bits: 16},
		{Name: "tacplus.body_authen_rep.server_msg", Desc: "Server message", Kind: FieldString},
		{Name: "tacplus.body_authen_rep_server.data_len", Desc: "Data length", Kind: FieldUint, Bits: 16},
		{Name: "tacplus.body_author_req.auth_method", Desc: "Auth Method", Kind: FieldUint, Bits: 8},
		{Name: "tacplus.body_author_req.arg_count", Desc: "Arg count", Kind: FieldUint, Bits: 8},
		{Name: "tacplus.body_author_rep.auth_status", Desc: "Auth Status", Kind: FieldUint, Bits: 8},
		{Name: "tacplus.body_author_rep_server.msg_len", Desc: "Server Msg length", Kind: FieldUint, Bits: 16},
		{Name: "tacplus.body_author_rep_server.data_len", Desc: "Data length", Kind: FieldUint, Bits: 16},
		{Name: "tacplus.body_author_rep.arg_count", Desc: "Arg count", Kind: FieldUint, Bits: 8},
		{Name: "tacplus.acct.auth_method", Desc: "Auth Method", Kind: FieldUint, Bits: 8},
		{Name: "tacplus.acct.arg_count", Desc: "Arg count", Kind: FieldUint, Bits: 8},
		{Name: "tacplus.body_acct.status", Desc: "Status", Kind: FieldUint, Bits: 8},
		{Name: "tacplus.body_acct.msg_len", Desc: "Server Msg length", Kind: FieldUint, Bits: 16},
		{Name: "tacplus.body_acct.data_len", Desc: "Data length", Kind: FieldUint, Bits: 16},
		{Name: "tacplus.body_acct.server_msg", Desc: "Server message", Kind: FieldString},
		{Name: "tacplus.body_acct.data", Desc: "Data", Kind: FieldString},
		{Name: "tacplus.data", Desc: "Data", Kind: FieldBytes},
		{Name: "tacplus.ascii_length", Desc: "ASCII Data Length", Kind: FieldUint, Bits: 8},
		{Name: "tacplus.password_length", Desc: "Password Length", Kind: FieldUint, Bits: 8},
		{Name: "tacplus.chap_data_length", Desc: "CHAP Data Length", Kind: FieldUint, Bits: 8},
		{Name: "tacplus.mschap_data_length", Desc: "MSCHAP Data Length", Kind: FieldUint, Bits: 8},
		{Name: "tacplus.arap_data_length", Desc: "ARAP Data Length", Kind: FieldUint, Bits: 8},
		{Name: "tacplus.data_length", Desc: "Data", Kind: FieldUint, Bits: 8},
	},
}

func init() {
	RegisterTCP(tacplusDissector, tacplusPort)
}
