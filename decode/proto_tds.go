package decode

import (
	"encoding/binary"
	"fmt"
	"strconv"
	"unicode/utf16"
)

// TDS (Tabular Data Stream, Microsoft SQL Server) as Wireshark 4.0's
// packet-tds.c shows it on TCP 1433 and 2433. Each PDU is one TDS packet
// of the 8-byte netlib header's length; every packet of a segment adds its
// type's name to Info after a "," ("SQL batch,SQL batch"), with " (Not
// last buffer)" when the header's end-of-message bit is clear. The details
// tree reads the header and, for a message that fits one packet, the
// pre-login options, the LOGIN7 fields, a batch's headers and text, an
// RPC's procedure, a transaction manager request, and the tokens of a
// response (ENVCHANGE, INFO, ERROR, LOGINACK, RETURNSTATUS,
// the DONE family) up to the first token it does not read (COLMETADATA and
// ROW among them). Messages of several packets are not reassembled here.
// tshark's enabled "tcp tds" heuristic is not implemented: on other ports
// it takes only TDS 7.0 (not 7.1-7.4) logins, packet by packet. Hand-written:
// gopacket has no TDS layer.

// tshark -G decodes: tcp.port 1433 and 2433 tds.
const (
	tdsPort  = 1433
	tdsPort2 = 2433
)

// tdsTypeNames is packet_type_names.
var tdsTypeNames = map[byte]string{1: "SQL batch", 2: "TDS4/5 login", 3: "Remote Procedure Call", 4: "Response",
	6: "Attention", 7: "Bulk load data", 0x0e: "Transaction Manager Request", 0x0f: "TDS5 query", 0x10: "TDS7 login",
	0x11: "SSPI message", 0x12: "TDS7 pre-login message"}

// tdsState is what a conversation keeps: whether the client's last message
// was a pre-login (the response then holds pre-login options) and the TDS
// version of its LOGIN7 (0 before one).
type tdsState struct {
	prelogin bool
	version  uint32
}

func tdsPDULen(_ *Conv, _ uint8, b []byte) int {
	if len(b) < 4 {
		return 0
	}
	n := int(binary.BigEndian.Uint16(b[2:]))
	if n < 8 {
		return len(b)
	}
	return n
}

// tdsStatusBits are the header's status bits, low first.
var tdsStatusBits = []struct {
	name, field string
}{{"End of message", "eom"}, {"Ignore this event", "ignore"}, {"Event notification", "event_notif"},
	{"Reset connection", "reset_conn"}, {"Reset connection keeping transaction state", "reset_conn_skip_tran"}}

func tdsDissect(p *PDU, out *Out) bool {
	b := p.Data
	out.SetProto("TDS")
	st, _ := p.Conv.State.(*tdsState)
	if st == nil {
		st = &tdsState{}
		if p.Conv != nil {
			p.Conv.State = st
		}
	}
	typ := b[0]
	name, known := tdsTypeNames[typ]
	if !known {
		name = "Unknown Packet Type: " + strconv.Itoa(int(typ))
	}
	out.AppendInfo(",", name)
	if len(b) < 8 {
		return true
	}
	status := b[1]
	if status&1 == 0 {
		out.AppendInfo("", " (Not last buffer)")
	}
	plen := int(binary.BigEndian.Uint16(b[2:]))
	prelogin := st.prelogin
	if p.Dir == 0 {
		st.prelogin = typ == 0x12
	}
	if typ == 0x10 && len(b) >= 16 {
		st.version = binary.LittleEndian.Uint32(b[12:])
	}
	if !out.WantTree {
		return true
	}
	tname := "Unknown"
	if known {
		tname = tdsTypeNames[typ]
	}
	slabel := fmt.Sprintf("Status: 0x%02x", status)
	var bits []Field
	for i, s := range tdsStatusBits {
		m := byte(1) << i
		if status&m != 0 {
			slabel += ", " + s.name
		}
		bits = append(bits, Field{Name: "tds.status." + s.field, Label: bitString(uint32(status), 8, uint32(m)) + " = " + s.name + ": " + trueFalse(status&m != 0),
			Start: 1, Len: 1, Kind: FieldBool, Num: uint64(status >> i & 1)})
	}
	t := &tdsTree{b: b[:min(len(b), plen)], st: st}
	kids := []Field{
		UintField("tds.type", "Type: "+tname+" ("+strconv.Itoa(int(typ))+")", 0, 1, uint64(typ)),
		{Name: "tds.status", Label: slabel, Start: 1, Len: 1, Kind: FieldUint, Num: uint64(status), Children: bits},
		UintField("tds.length", "Length: "+strconv.Itoa(plen), 2, 2, uint64(plen)),
		UintField("tds.channel", "Channel: "+strconv.Itoa(int(binary.BigEndian.Uint16(b[4:]))), 4, 2, uint64(binary.BigEndian.Uint16(b[4:]))),
		UintField("tds.packet_number", "Packet Number: "+strconv.Itoa(int(b[6])), 6, 1, uint64(b[6])),
		UintField("tds.window", "Window: "+strconv.Itoa(int(b[7])), 7, 1, uint64(b[7])),
	}
	if status&1 != 0 && b[6] <= 1 && plen >= 8 && len(b) >= plen && !p.Cut {
		switch {
		case typ == 0x12 || typ == 4 && prelogin:
			kids = append(kids, t.prelogin())
		case typ == 0x10:
			kids = append(kids, t.login7()...)
		case typ == 1:
			kids = append(kids, t.batch())
		case typ == 3:
			kids = append(kids, t.rpc())
		case typ == 0x0e:
			kids = append(kids, t.transmgr())
		case typ == 4:
			kids = append(kids, t.tokens()...)
		case typ == 7 || !known:
			if plen > 8 {
				kids = append(kids, Field{Name: "tds.unknown_tds_packet", Label: "TDS Packet: " + hexEllipsis(b[8:plen]), Start: 8, Len: plen - 8,
					Kind: FieldBytes, Str: string(b[8:plen])})
			}
		}
	}
	out.Add(Field{Name: "tds", Label: "Tabular Data Stream", Start: 0, Len: len(b), Kind: FieldProto, Children: kids})
	return true
}

// tdsTree builds the fields of one TDS packet's body.
type tdsTree struct {
	b  []byte
	st *tdsState
}

func (t *tdsTree) has(off, n int) bool { return n >= 0 && off >= 0 && off+n <= len(t.b) }

func (t *tdsTree) u8(name, label string, off int) (Field, bool) {
	if !t.has(off, 1) {
		return Field{}, false
	}
	v := uint64(t.b[off])
	return UintField(name, label+": "+strconv.FormatUint(v, 10), off, 1, v), true
}

// ucs2 decodes n UTF-16LE code units at off as text for a label.
func (t *tdsTree) ucs2(off, n int) (string, bool) {
	if !t.has(off, 2*n) {
		return "", false
	}
	u := make([]uint16, n)
	for i := range u {
		u[i] = binary.LittleEndian.Uint16(t.b[off+2*i:])
	}
	return formatText([]byte(string(utf16.Decode(u)))), true
}

// prelogin reads the pre-login option list ([MS-TDS] 2.2.6.5).
func (t *tdsTree) prelogin() Field {
	top := Field{Name: "tds.prelogin", Label: "Pre-Login Message", Start: 8, Len: len(t.b) - 8}
	names := map[byte]string{0: "Version", 1: "Encryption", 2: "InstOpt", 3: "ThreadID", 4: "MARS", 5: "TraceID",
		6: "FedAuthRequired", 7: "NonceOpt", 255: "Terminator"}
	encNames := []string{"Encryption is available but off", "Encryption is available and on", "Encryption is not available",
		"Encryption is required"}
	for off := 8; t.has(off, 1) && len(top.Children) < 64; off += 5 {
		tok := t.b[off]
		n, ok := names[tok]
		if !ok {
			n = "Unknown"
		}
		opt := Field{Label: "Option: " + n, Start: off, Len: 1}
		opt.Children = append(opt.Children, UintField("tds.prelogin.option.token", "Option Token: "+n+" ("+strconv.Itoa(int(tok))+")", off, 1, uint64(tok)))
		if tok == 255 {
			top.Children = append(top.Children, opt)
			break
		}
		if !t.has(off, 5) {
			break
		}
		opt.Len = 5
		o := int(binary.BigEndian.Uint16(t.b[off+1:]))
		l := int(binary.BigEndian.Uint16(t.b[off+3:]))
		opt.Children = append(opt.Children, UintField("tds.prelogin.option.offset", "Option offset: "+strconv.Itoa(o), off+1, 2, uint64(o)),
			UintField("tds.prelogin.option.length", "Option length: "+strconv.Itoa(l), off+3, 2, uint64(l)))
		at := 8 + o
		if l > 0 && t.has(at, l) {
			v := t.b[at : at+l]
			switch tok {
			case 0:
				if l >= 6 {
					ver := binary.BigEndian.Uint32(v)
					opt.Children = append(opt.Children,
						UintField("tds.prelogin.option.version", fmt.Sprintf("Version: %d.%d.%d", v[0], v[1], binary.BigEndian.Uint16(v[2:])), at, 4, uint64(ver)),
						UintField("tds.prelogin.option.subbuild", "Sub-build: "+strconv.Itoa(int(binary.LittleEndian.Uint16(v[4:]))), at+4, 2, uint64(binary.LittleEndian.Uint16(v[4:]))))
				}
			case 1:
				e := "Unknown"
				if int(v[0]) < len(encNames) {
					e = encNames[v[0]]
				}
				opt.Children = append(opt.Children, UintField("tds.prelogin.option.encryption", "Encryption: "+e+" ("+strconv.Itoa(int(v[0]))+")", at, 1, uint64(v[0])))
			case 2:
				s := v
				for i, c := range v {
					if c == 0 {
						s = v[:i]
						break
					}
				}
				opt.Children = append(opt.Children, StrField("tds.prelogin.option.instopt", "InstOpt: "+formatText(s), at, l, string(s)))
			case 3:
				if l >= 4 {
					id := binary.BigEndian.Uint32(v)
					opt.Children = append(opt.Children, UintField("tds.prelogin.option.threadid", "ThreadID: "+strconv.FormatUint(uint64(id), 10), at, 4, uint64(id)))
				}
			case 4:
				m := "Off"
				if v[0] == 1 {
					m = "On"
				} else if v[0] != 0 {
					m = "Unknown"
				}
				opt.Children = append(opt.Children, UintField("tds.prelogin.option.mars", "MARS: "+m+" ("+strconv.Itoa(int(v[0]))+")", at, 1, uint64(v[0])))
			}
		}
		top.Children = append(top.Children, opt)
	}
	return top
}

// tdsLoginStrings are LOGIN7's offset/length pairs, in order, with the
// field that shows each string ("" for the one 4.0 shows oddly).
var tdsLoginStrings = []struct{ what, field, label string }{
	{"Client Name", "tds.7login.clientname", "Client name"}, {"Username", "tds.7login.username", "Username"},
	{"Password", "tds.7login.password", "Password"}, {"App Name", "tds.7login.appname", "App name"},
	{"Server Name", "tds.7login.servername", "Server name"}, {"Unknown1", "", ""},
	{"Library Name", "tds.7login.libraryname", "Library name"}, {"Locale", "tds.7login.locale", "Locale"},
	{"Database Name", "tds.7login.databasename", "Database name"},
}

// login7 reads a LOGIN7 message ([MS-TDS] 2.2.6.4).
func (t *tdsTree) login7() []Field {
	if !t.has(8, 36) {
		return nil
	}
	b := t.b
	le32 := func(o int) uint32 { return binary.LittleEndian.Uint32(b[o:]) }
	hdr := Field{Label: "Login Packet Header", Start: 8, Len: 36, Children: []Field{
		UintField("tds.7login.total_len", "Total Packet Length: "+strconv.FormatUint(uint64(le32(8)), 10), 8, 4, uint64(le32(8))),
		UintField("tds.7login.version", fmt.Sprintf("TDS version: 0x%08x", le32(12)), 12, 4, uint64(le32(12))),
		UintField("tds.7login.packet_size", "Packet Size: "+strconv.FormatUint(uint64(le32(16)), 10), 16, 4, uint64(le32(16))),
		UintField("tds.7login.client_version", fmt.Sprintf("Client version: %d.%d.%d", b[20], b[21], binary.BigEndian.Uint16(b[22:])), 20, 4, uint64(binary.BigEndian.Uint32(b[20:]))),
		UintField("tds.7login.client_pid", "Client PID: "+strconv.FormatUint(uint64(le32(24)), 10), 24, 4, uint64(le32(24))),
		UintField("tds.7login.connection_id", "Connection ID: "+strconv.FormatUint(uint64(le32(28)), 10), 28, 4, uint64(le32(28))),
		UintField("tds.7login.option_flags1", fmt.Sprintf("Option Flags 1: 0x%02x", b[32]), 32, 1, uint64(b[32])),
		UintField("tds.7login.option_flags2", fmt.Sprintf("Option Flags 2: 0x%02x", b[33]), 33, 1, uint64(b[33])),
		UintField("tds.7login.sql_type_flags", fmt.Sprintf("SQL Type Flags: 0x%02x", b[34]), 34, 1, uint64(b[34])),
		UintField("tds.7login.reserved_flags", fmt.Sprintf("Reserved Flags: 0x%02x", b[35]), 35, 1, uint64(b[35])),
		UintField("tds.7login.time_zone", fmt.Sprintf("Time Zone: 0x%08x", le32(36)), 36, 4, uint64(le32(36))),
		UintField("tds.7login.collation", fmt.Sprintf("Collation: 0x%08x", le32(40)), 40, 4, uint64(le32(40))),
	}}
	fs := []Field{hdr}
	if !t.has(44, 4*len(tdsLoginStrings)) {
		return fs
	}
	lo := Field{Label: "Lengths and offsets", Start: 44, Len: 4 * len(tdsLoginStrings)}
	var strs []Field
	for i, s := range tdsLoginStrings {
		at := 44 + 4*i
		o := int(binary.LittleEndian.Uint16(b[at:]))
		n := int(binary.LittleEndian.Uint16(b[at+2:]))
		lo.Children = append(lo.Children, UintField("tds.7login.offset", s.what+" offset: "+strconv.Itoa(o), at, 2, uint64(o)),
			UintField("tds.7login.length", s.what+" length: "+strconv.Itoa(n), at+2, 2, uint64(n)))
		if s.field == "" || n == 0 || !t.has(8+o, 2*n) {
			continue
		}
		raw := b[8+o : 8+o+2*n]
		if s.field == "tds.7login.password" {
			dec := make([]byte, len(raw))
			for j, c := range raw {
				c ^= 0xa5
				dec[j] = c<<4 | c>>4
			}
			t2 := &tdsTree{b: dec}
			text, _ := t2.ucs2(0, n)
			strs = append(strs, StrField(s.field, s.label+": "+text, 8+o, 2*n, text))
			continue
		}
		text, _ := t.ucs2(8+o, n)
		strs = append(strs, StrField(s.field, s.label+": "+text, 8+o, 2*n, text))
	}
	return append(append(fs, lo), strs...)
}

// allHeaders reads ALL_HEADERS ([MS-TDS] 2.2.5.3) at off, returning the
// field and the offset after it; ok is false when none is there.
func (t *tdsTree) allHeaders(off int) (Field, int, bool) {
	if !t.has(off, 4) {
		return Field{}, off, false
	}
	total := int(binary.LittleEndian.Uint32(t.b[off:]))
	if total < 4 || !t.has(off, total) {
		return Field{}, off, false
	}
	f := Field{Name: "tds.all_headers", Label: "Packet data stream headers", Start: off, Len: total, Children: []Field{
		UintField("tds.all_headers.total_length", "Total length: "+strconv.Itoa(total), off, 4, uint64(total)),
	}}
	for h := off + 4; h+6 <= off+total && len(f.Children) < 32; {
		hl := int(binary.LittleEndian.Uint32(t.b[h:]))
		if hl < 6 || h+hl > off+total {
			break
		}
		ht := binary.LittleEndian.Uint16(t.b[h+4:])
		hf := Field{Label: "Header", Start: h, Len: hl, Children: []Field{
			UintField("tds.all_headers.header.length", "Length: "+strconv.Itoa(hl), h, 4, uint64(hl)),
		}}
		if ht == 2 && hl == 18 {
			td := binary.LittleEndian.Uint64(t.b[h+6:])
			rc := binary.LittleEndian.Uint32(t.b[h+14:])
			hf.Children = append(hf.Children,
				UintField("tds.all_headers.header.type", "Type: Transaction descriptor (0x0002)", h+4, 2, uint64(ht)),
				UintField("tds.all_headers.header.trans_descr", "Transaction descriptor: "+strconv.FormatUint(td, 10), h+6, 8, td),
				UintField("tds.all_headers.header.request_cnt", "Outstanding request count: "+strconv.FormatUint(uint64(rc), 10), h+14, 4, uint64(rc)))
		}
		f.Children = append(f.Children, hf)
		h += hl
	}
	return f, off + total, true
}

// batch reads a SQL batch: ALL_HEADERS, then the text in UTF-16.
func (t *tdsTree) batch() Field {
	top := Field{Label: "TDS Query Packet", Start: 8, Len: len(t.b) - 8}
	off := 8
	if h, next, ok := t.allHeaders(8); ok {
		top.Children = append(top.Children, h)
		off = next
	}
	n := (len(t.b) - off) / 2
	if text, ok := t.ucs2(off, n); ok && n > 0 {
		top.Children = append(top.Children, StrField("tds.query", "Query: "+text, off, len(t.b)-off, text))
	}
	return top
}

// tdsProcNames are the stored procedures an RPC names by ID.
var tdsProcNames = map[uint16]string{1: "sp_cursor", 2: "sp_cursoropen", 3: "sp_cursorprepare", 4: "sp_cursorexecute",
	5: "sp_cursorprepexec", 6: "sp_cursorunprepare", 7: "sp_cursorfetch", 8: "sp_cursoroption", 9: "sp_cursorclose",
	10: "sp_executesql", 11: "sp_prepare", 12: "sp_execute", 13: "sp_prepexec", 14: "sp_prepexecrpc", 15: "sp_unprepare"}

// rpc reads an RPC request's headers, procedure and option flags.
func (t *tdsTree) rpc() Field {
	top := Field{Name: "tds.rpc", Label: "Remote Procedure Call", Start: 8, Len: len(t.b) - 8}
	off := 8
	if h, next, ok := t.allHeaders(8); ok {
		top.Children = append(top.Children, h)
		off = next
	}
	if !t.has(off, 2) {
		return top
	}
	n := int(binary.LittleEndian.Uint16(t.b[off:]))
	top.Children = append(top.Children, UintField("tds.rpc.name_length", "Procedure name length: "+strconv.Itoa(n), off, 2, uint64(n)))
	off += 2
	if n == 0xffff {
		if !t.has(off, 2) {
			return top
		}
		id := binary.LittleEndian.Uint16(t.b[off:])
		pn, ok := tdsProcNames[id]
		if !ok {
			pn = "Unknown"
		}
		top.Children = append(top.Children, UintField("tds.rpc.proc_id", "Stored procedure ID: "+pn+" ("+strconv.Itoa(int(id))+")", off, 2, uint64(id)))
		off += 2
	} else {
		text, ok := t.ucs2(off, n)
		if !ok {
			return top
		}
		top.Children = append(top.Children, StrField("tds.rpc.name", "Procedure name: "+text, off, 2*n, text))
		off += 2 * n
	}
	if !t.has(off, 2) {
		return top
	}
	o := binary.LittleEndian.Uint16(t.b[off:])
	opt := Field{Name: "tds.rpc.options", Label: fmt.Sprintf("Option flags: 0x%04x", o), Start: off, Len: 2, Kind: FieldUint, Num: uint64(o)}
	for i, s := range []struct{ f, l string }{{"with_recomp", "With recompile"}, {"no_metadata", "No metadata"}, {"reuse_metadata", "Reuse metadata"}} {
		m := uint16(1) << i
		opt.Children = append(opt.Children, Field{Name: "tds.rpc.options." + s.f, Label: bitString(uint32(o), 16, uint32(m)) + " = " + s.l + ": " + trueFalse(o&m != 0),
			Start: off, Len: 2, Kind: FieldBool, Num: uint64(o >> i & 1)})
	}
	top.Children = append(top.Children, opt)
	return top
}

// tdsTMNames are the transaction manager request types.
var tdsTMNames = map[uint16]string{0: "TM_GET_DTC_ADDRESS", 1: "TM_PROPAGATE_XACT", 5: "TM_BEGIN_XACT", 6: "TM_PROMOTE_XACT",
	7: "TM_COMMIT_XACT", 8: "TM_ROLLBACK_XACT", 9: "TM_SAVE_XACT"}

func (t *tdsTree) transmgr() Field {
	top := Field{Label: "Transaction Manager Request Packet", Start: 8, Len: len(t.b) - 8}
	off := 8
	if h, next, ok := t.allHeaders(8); ok {
		top.Children = append(top.Children, h)
		off = next
	}
	if t.has(off, 2) {
		v := binary.LittleEndian.Uint16(t.b[off:])
		n, ok := tdsTMNames[v]
		if !ok {
			n = "Unknown"
		}
		top.Children = append(top.Children, UintField("tds.transmgr", "Transaction Manager Request: "+n+" ("+strconv.Itoa(int(v))+")", off, 2, uint64(v)))
	}
	return top
}

// tdsEnvNames are ENVCHANGE's types.
var tdsEnvNames = map[byte]string{1: "Database", 2: "Language", 3: "Character set", 4: "Packet size",
	5: "Unicode data sorting local id", 6: "Unicode data sorting comparison flags"}

// tdsDoneBits name the DONE status bits.
var tdsDoneBits = []string{"More", "Error", "In Transaction", "Procedure", "Row count valid", "Acknowledge ATTN", "Event", "RPC in batch", "Server Error"}

// tokens reads a response's tokens until one it does not know.
func (t *tdsTree) tokens() []Field {
	var fs []Field
	b := t.b
	for off := 8; off < len(b) && len(fs) < 256; {
		tok := b[off]
		switch tok {
		case 0xe3, 0xab, 0xaa, 0xad:
			if !t.has(off+1, 2) {
				return fs
			}
			n := int(binary.LittleEndian.Uint16(b[off+1:]))
			if !t.has(off+3, n) {
				return fs
			}
			var f Field
			switch tok {
			case 0xe3:
				f = t.envchange(off, n)
			case 0xad:
				f = t.loginack(off, n)
			default:
				f = t.message(tok, off, n)
			}
			fs = append(fs, f)
			off += 3 + n
		case 0x79:
			if !t.has(off+1, 4) {
				return fs
			}
			v := binary.LittleEndian.Uint32(b[off+1:])
			fs = append(fs, Field{Name: "tds.returnstatus", Label: "Token - ReturnStatus", Start: off, Len: 5, Children: []Field{
				UintField("tds.returnstatus.value", "Value: "+strconv.FormatUint(uint64(v), 10), off+1, 4, uint64(v))}})
			off += 5
		case 0xfd, 0xfe, 0xff:
			wide := t.st.version == 0 || t.st.version >= 0x72000000 && t.st.version < 0x80000000
			size := 9
			if wide {
				size = 13
			}
			if !t.has(off, size) {
				return fs
			}
			name, title, mask := "tds.done", "Done", uint16(0x17f)
			if tok == 0xfe {
				name, title, mask = "tds.doneproc", "DoneProc", 0x1ff
			} else if tok == 0xff {
				name, title, mask = "tds.doneinproc", "DoneInProc", 0x177
			}
			st := binary.LittleEndian.Uint16(b[off+1:])
			label := bitString(uint32(st), 16, uint32(mask)) + fmt.Sprintf(" = Status flags: 0x%03x", st&mask)
			for i, s := range tdsDoneBits {
				if st&mask&(1<<i) != 0 {
					label += ", " + s
				}
			}
			cmd := binary.LittleEndian.Uint16(b[off+3:])
			f := Field{Name: name, Label: "Token - " + title, Start: off, Len: size, Children: []Field{
				{Name: name + ".status", Label: label, Start: off + 1, Len: 2, Kind: FieldUint, Num: uint64(st & mask)},
				UintField(name+".curcmd", fmt.Sprintf("Operation: 0x%04x", cmd), off+3, 2, uint64(cmd)),
			}}
			if wide {
				rc := binary.LittleEndian.Uint64(b[off+5:])
				f.Children = append(f.Children, UintField(name+".donerowcount64", "Row count: "+strconv.FormatUint(rc, 10), off+5, 8, rc))
			} else {
				rc := binary.LittleEndian.Uint32(b[off+5:])
				f.Children = append(f.Children, UintField(name+".donerowcount", "Row count: "+strconv.FormatUint(uint64(rc), 10), off+5, 4, uint64(rc)))
			}
			fs = append(fs, f)
			off += size
		default:
			return fs
		}
	}
	return fs
}

// bvar reads a B_VARCHAR (a count of UTF-16 units, then the text) at off.
func (t *tdsTree) bvar(off, end int) (text string, n int, ok bool) {
	if off >= end || !t.has(off, 1) {
		return "", 0, false
	}
	n = int(t.b[off])
	if off+1+2*n > end {
		return "", n, false
	}
	text, ok = t.ucs2(off+1, n)
	return text, n, ok
}

func (t *tdsTree) envchange(off, n int) Field {
	end := off + 3 + n
	f := Field{Name: "tds.envchange", Label: "Token - EnvChange", Start: off, Len: 3 + n, Children: []Field{
		UintField("tds.envchange.length", "Token length: "+strconv.Itoa(n), off+1, 2, uint64(n))}}
	if n < 1 {
		return f
	}
	typ := t.b[off+3]
	name, ok := tdsEnvNames[typ]
	if !ok {
		f.Children = append(f.Children, UintField("tds.envchange.type", "Type: Unknown ("+strconv.Itoa(int(typ))+")", off+3, 1, uint64(typ)))
		return f
	}
	f.Children = append(f.Children, UintField("tds.envchange.type", "Type: "+name+" ("+strconv.Itoa(int(typ))+")", off+3, 1, uint64(typ)))
	at := off + 4
	for _, v := range []struct{ f, l string }{{"newvalue", "New Value"}, {"oldvalue", "Old Value"}} {
		text, k, ok := t.bvar(at, end)
		if at >= end {
			break
		}
		f.Children = append(f.Children, UintField("tds.envchange."+v.f+"_length", v.l+" Length: "+strconv.Itoa(k), at, 1, uint64(k)))
		if !ok {
			break
		}
		if k > 0 {
			f.Children = append(f.Children, StrField("tds.envchange."+v.f+"_string", v.l+": "+text, at+1, 2*k, text))
		}
		at += 1 + 2*k
	}
	return f
}

func (t *tdsTree) loginack(off, n int) Field {
	end := off + 3 + n
	f := Field{Name: "tds.loginack", Label: "Token - LoginAck", Start: off, Len: 3 + n, Children: []Field{
		UintField("tds.loginack.length", "Token length: "+strconv.Itoa(n), off+1, 2, uint64(n))}}
	if n < 6 {
		return f
	}
	v := binary.BigEndian.Uint32(t.b[off+4:])
	f.Children = append(f.Children, UintField("tds.loginack.interface", "Interface: "+strconv.Itoa(int(t.b[off+3])), off+3, 1, uint64(t.b[off+3])),
		UintField("tds.loginack.tdsversion", fmt.Sprintf("TDS version: 0x%08x", v), off+4, 4, uint64(v)))
	text, k, ok := t.bvar(off+8, end)
	if !ok {
		return f
	}
	f.Children = append(f.Children, StrField("tds.loginack.progname", "Server name: "+text, off+9, 2*k, text))
	at := off + 9 + 2*k
	if at+4 <= end {
		pv := t.b[at : at+4]
		f.Children = append(f.Children, UintField("tds.loginack.progversion", fmt.Sprintf("Server Version: %d.%d.%d", pv[0], pv[1], binary.BigEndian.Uint16(pv[2:])),
			at, 4, uint64(binary.BigEndian.Uint32(pv))))
	}
	return f
}

// message reads an INFO or ERROR token.
func (t *tdsTree) message(tok byte, off, n int) Field {
	name, title := "tds.info", "Info"
	if tok == 0xaa {
		name, title = "tds.error", "Error"
	}
	end := off + 3 + n
	f := Field{Name: name, Label: "Token - " + title, Start: off, Len: 3 + n, Children: []Field{
		UintField(name+".length", "Token length: "+strconv.Itoa(n), off+1, 2, uint64(n))}}
	at := off + 3
	if at+8 > end {
		return f
	}
	num := binary.LittleEndian.Uint32(t.b[at:])
	ml := int(binary.LittleEndian.Uint16(t.b[at+6:]))
	f.Children = append(f.Children, UintField(name+".number", "SQL Error Number: "+strconv.FormatUint(uint64(num), 10), at, 4, uint64(num)),
		UintField(name+".state", "State: "+strconv.Itoa(int(t.b[at+4])), at+4, 1, uint64(t.b[at+4])),
		UintField(name+".class", "Class (Severity): "+strconv.Itoa(int(t.b[at+5])), at+5, 1, uint64(t.b[at+5])),
		UintField(name+".msgtext_length", "Error message length: "+strconv.Itoa(ml)+" characters", at+6, 2, uint64(ml)))
	at += 8
	if at+2*ml > end {
		return f
	}
	text, _ := t.ucs2(at, ml)
	f.Children = append(f.Children, StrField(name+".msgtext", "Error message: "+text, at, 2*ml, text))
	at += 2 * ml
	for _, s := range []struct{ f, l string }{{"servername", "Server name"}, {"procname", "Process name"}} {
		text, k, ok := t.bvar(at, end)
		if at >= end {
			return f
		}
		f.Children = append(f.Children, UintField(name+"."+s.f+"_length", s.l+" length: "+strconv.Itoa(k)+" characters", at, 1, uint64(k)))
		if !ok {
			return f
		}
		if k > 0 {
			f.Children = append(f.Children, StrField(name+"."+s.f, s.l+": "+text, at+1, 2*k, text))
		}
		at += 1 + 2*k
	}
	if at+4 <= end {
		ln := binary.LittleEndian.Uint32(t.b[at:])
		f.Children = append(f.Children, UintField(name+".linenumber", "Line number: "+strconv.FormatUint(uint64(ln), 10), at, 4, uint64(ln)))
	}
	return f
}

var tdsDissector = &Dissector{
	Name:    "tds",
	Dissect: tdsDissect,
	PDULen:  tdsPDULen,
	Fields:  tdsFields(),
}

// tdsFields lists the filter fields the tree carries.
func tdsFields() []FieldDef {
	u := func(n, d string, bits int) FieldDef { return FieldDef{Name: n, Desc: d, Kind: FieldUint, Bits: bits} }
	s := func(n, d string) FieldDef { return FieldDef{Name: n, Desc: d, Kind: FieldString} }
	fs := []FieldDef{
		u("tds.type", "Type", 8), u("tds.status", "Status", 8), u("tds.length", "Length", 16), u("tds.channel", "Channel", 16),
		u("tds.packet_number", "Packet Number", 8), u("tds.window", "Window", 8), s("tds.query", "Query"),
		{Name: "tds.unknown_tds_packet", Desc: "TDS Packet", Kind: FieldBytes},
		{Name: "tds.prelogin", Desc: "Pre-Login Message", Kind: FieldLabel},
		u("tds.prelogin.option.token", "Option Token", 8), u("tds.prelogin.option.offset", "Option offset", 16),
		u("tds.prelogin.option.length", "Option length", 16), u("tds.prelogin.option.version", "Version", 32),
		u("tds.prelogin.option.subbuild", "Sub-build", 16), u("tds.prelogin.option.encryption", "Encryption", 8),
		s("tds.prelogin.option.instopt", "InstOpt"), u("tds.prelogin.option.threadid", "ThreadID", 32), u("tds.prelogin.option.mars", "MARS", 8),
		u("tds.7login.total_len", "Total Packet Length", 32), u("tds.7login.version", "TDS version", 32), u("tds.7login.packet_size", "Packet Size", 32),
		u("tds.7login.client_version", "Client version", 32), u("tds.7login.client_pid", "Client PID", 32), u("tds.7login.connection_id", "Connection ID", 32),
		u("tds.7login.option_flags1", "Option Flags 1", 8), u("tds.7login.option_flags2", "Option Flags 2", 8), u("tds.7login.sql_type_flags", "SQL Type Flags", 8),
		u("tds.7login.reserved_flags", "Reserved Flags", 8), u("tds.7login.time_zone", "Time Zone", 32), u("tds.7login.collation", "Collation", 32),
		u("tds.7login.offset", "Offset", 16), u("tds.7login.length", "Length", 16),
		{Name: "tds.all_headers", Desc: "Packet data stream headers", Kind: FieldLabel}, u("tds.all_headers.total_length", "Total length", 32),
		u("tds.all_headers.header.length", "Length", 32), u("tds.all_headers.header.type", "Type", 16),
		u("tds.all_headers.header.trans_descr", "Transaction descriptor", 64), u("tds.all_headers.header.request_cnt", "Outstanding request count", 32),
		{Name: "tds.rpc", Desc: "Remote Procedure Call", Kind: FieldLabel}, u("tds.rpc.name_length", "Procedure name length", 16), s("tds.rpc.name", "Procedure name"),
		u("tds.rpc.proc_id", "Stored procedure ID", 16), u("tds.rpc.options", "Option flags", 16), u("tds.transmgr", "Transaction Manager Request", 16),
		{Name: "tds.envchange", Desc: "Token - EnvChange", Kind: FieldLabel}, u("tds.envchange.length", "Token length", 16), u("tds.envchange.type", "Type", 8),
		u("tds.envchange.newvalue_length", "New Value Length", 8), s("tds.envchange.newvalue_string", "New Value"),
		u("tds.envchange.oldvalue_length", "Old Value Length", 8), s("tds.envchange.oldvalue_string", "Old Value"),
		{Name: "tds.loginack", Desc: "Token - LoginAck", Kind: FieldLabel}, u("tds.loginack.length", "Token length", 16), u("tds.loginack.interface", "Interface", 8),
		u("tds.loginack.tdsversion", "TDS version", 32), s("tds.loginack.progname", "Server name"), u("tds.loginack.progversion", "Server Version", 32),
		{Name: "tds.returnstatus", Desc: "Token - ReturnStatus", Kind: FieldLabel}, u("tds.returnstatus.value", "Value", 32),
	}
	for _, f := range []string{"clientname", "username", "password", "appname", "servername", "libraryname", "locale", "databasename"} {
		fs = append(fs, s("tds.7login."+f, f))
	}
	for _, st := range tdsStatusBits {
		fs = append(fs, FieldDef{Name: "tds.status." + st.field, Desc: st.name, Kind: FieldBool})
	}
	for _, o := range []string{"with_recomp", "no_metadata", "reuse_metadata"} {
		fs = append(fs, FieldDef{Name: "tds.rpc.options." + o, Desc: o, Kind: FieldBool})
	}
	for _, m := range []string{"info", "error"} {
		fs = append(fs, FieldDef{Name: "tds." + m, Desc: "Token", Kind: FieldLabel}, u("tds."+m+".length", "Token length", 16),
			u("tds."+m+".number", "SQL Error Number", 32), u("tds."+m+".state", "State", 8), u("tds."+m+".class", "Class (Severity)", 8),
			u("tds."+m+".msgtext_length", "Error message length", 16), s("tds."+m+".msgtext", "Error message"),
			u("tds."+m+".servername_length", "Server name length", 8), s("tds."+m+".servername", "Server name"),
			u("tds."+m+".procname_length", "Process name length", 8), s("tds."+m+".procname", "Process name"),
			u("tds."+m+".linenumber", "Line number", 32))
	}
	for _, d := range []string{"done", "doneproc", "doneinproc"} {
		fs = append(fs, FieldDef{Name: "tds." + d, Desc: "Token", Kind: FieldLabel}, u("tds."+d+".status", "Status flags", 16),
			u("tds."+d+".curcmd", "Operation", 16), u("tds."+d+".donerowcount", "Row count", 32), u("tds."+d+".donerowcount64", "Row count", 64))
	}
	return fs
}

func init() {
	RegisterTCP(tdsDissector, tdsPort)
	RegisterTCP(tdsDissector, tdsPort2)
}
