package decode

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
)

// SMB2 and SMB3 (MS-SMB2) over NetBIOS session service framing (RFC 1002
// section 4.3: a type byte and a 24-bit length) on TCP 445 and 139. The
// Info column is Wireshark's: the command, Request or Response, the NT
// status of a failed response, and the names in clear that make a trace
// readable — the share of a Tree Connect, the file of a Create, and the
// file a later Close, Read, Write, Find or GetInfo acts on, which only the
// Create's request and response tie to the 16-byte file ID. gopacket has no
// SMB2 layer, so the header and the few request bodies named here are read
// by hand.

var smb2 = &Dissector{
	Name:    "smb2",
	PDULen:  nbssPDULen,
	Dissect: dissectNBSS,
	// NBSS names its message before asking TCP for the rest, so the
	// segment that starts a long message reads "Session message [TCP
	// segment of a reassembled PDU]" in Wireshark.
	SegmentInfo: func(b []byte) string { return nbssTypeName(b[0]) },
	Fields: []FieldDef{
		{Name: "nbss", Desc: "NetBIOS session service", Kind: FieldProto},
		{Name: "nbss.type", Desc: "NBSS message type", Kind: FieldUint, Bits: 8},
		{Name: "nbss.length", Desc: "NBSS length", Kind: FieldUint, Bits: 32},
		{Name: "nbss.called_name", Desc: "NBSS called name", Kind: FieldString},
		{Name: "nbss.calling_name", Desc: "NBSS calling name", Kind: FieldString},
		{Name: "smb", Desc: "SMB (version 1)", Kind: FieldProto},
		{Name: "smb.cmd", Desc: "SMB command", Kind: FieldUint, Bits: 8},
		{Name: "smb.nt_status", Desc: "SMB NT status", Kind: FieldUint, Bits: 32},
		{Name: "smb.flags.response", Desc: "SMB message is a response", Kind: FieldBool},
		{Name: "smb.tid", Desc: "SMB tree ID", Kind: FieldUint, Bits: 16},
		{Name: "smb.pid", Desc: "SMB process ID", Kind: FieldUint, Bits: 16},
		{Name: "smb.uid", Desc: "SMB user ID", Kind: FieldUint, Bits: 16},
		{Name: "smb.mid", Desc: "SMB multiplex ID", Kind: FieldUint, Bits: 16},
		{Name: "smb.path", Desc: "SMB tree path", Kind: FieldString},
		{Name: "smb.file", Desc: "SMB file name", Kind: FieldString},
		{Name: "smb.fid", Desc: "SMB file ID", Kind: FieldUint, Bits: 16},
		{Name: "smb.trans2.cmd", Desc: "SMB Trans2 subcommand", Kind: FieldUint, Bits: 16},
		{Name: "smb.search_pattern", Desc: "SMB search pattern", Kind: FieldString},
		{Name: "smb2.cmd", Desc: "SMB2 command", Kind: FieldUint, Bits: 16},
		{Name: "smb2.nt_status", Desc: "SMB2 NT status", Kind: FieldUint, Bits: 32},
		{Name: "smb2.msg_id", Desc: "SMB2 message ID", Kind: FieldUint, Bits: 64},
		{Name: "smb2.flags.response", Desc: "SMB2 message is a response", Kind: FieldBool},
		{Name: "smb2.sesid", Desc: "SMB2 session ID", Kind: FieldUint, Bits: 64},
		{Name: "smb2.tid", Desc: "SMB2 tree ID", Kind: FieldUint, Bits: 32},
		{Name: "smb2.filename", Desc: "SMB2 file name", Kind: FieldString},
		{Name: "smb2.channel_sequence", Desc: "Channel Sequence", Kind: FieldUint, Bits: 16},
		{Name: "smb2.aid", Desc: "Async Id", Kind: FieldUint, Bits: 64},
		{Name: "smb2.acct", Desc: "Account", Kind: FieldString},
		{Name: "smb2.domain", Desc: "Domain", Kind: FieldString},
		{Name: "smb2.host", Desc: "Host", Kind: FieldString},
		{Name: "smb2.tree", Desc: "SMB2 tree (share) path", Kind: FieldString},
	},
}

func init() { RegisterTCP(smb2, 445, 139) }

// nbssPDULen delimits one NetBIOS session message: 4 bytes of header and
// the 17-bit length of RFC 1002 (the extension bit Microsoft uses). Bytes
// that begin a segment without a sane header (nbssContinuation) are the
// rest of a message the capture did not show: one PDU of their own.
func nbssPDULen(c *Conv, _ uint8, b []byte) int {
	if c.AtSegmentStart() && nbssContinuation(b) {
		smb2StateOf(c).continuation = true
		return len(b)
	}
	if len(b) < 4 {
		return 0
	}
	switch b[0] {
	case 0x00, 0x81, 0x82, 0x83, 0x84, 0x85:
	default:
		return len(b) // not a session message: one unparsed chunk
	}
	return 4 + (int(b[1]&1)<<16 | int(binary.BigEndian.Uint16(b[2:])))
}

// nbssContinuation is packet-nbns.c's test, in dissect_nbss, of data TCP
// hands it unreassembled: fewer than 4 bytes, a flag other than the length
// extension, or a length that does not fit the message type says the
// bytes continue a message ("NBSS Continuation Message"). A session
// message whose body starts "SMB" has a 24-bit length and no flags.
func nbssContinuation(b []byte) bool {
	if len(b) < 4 {
		return true
	}
	var flags byte
	var length int
	if len(b) >= 8 && b[0] == nbssSessionMessage && string(b[5:8]) == "SMB" {
		length = int(b[1])<<16 | int(binary.BigEndian.Uint16(b[2:]))
	} else {
		flags = b[1]
		length = int(flags&1)<<16 | int(binary.BigEndian.Uint16(b[2:]))
	}
	if flags&^1 != 0 {
		return true
	}
	switch b[0] {
	case nbssSessionMessage:
		return length == 0
	case nbssSessionRequest:
		return length < 2 || length > 256
	case nbssPositiveResponse, nbssKeepAlive:
		return length != 0
	case nbssNegativeResponse:
		return length != 1
	case nbssRetargetResponse:
		return length != 6
	}
	return true
}

// NBSS message types (RFC 1002 section 4.3.1).
const (
	nbssSessionMessage   = 0x00
	nbssSessionRequest   = 0x81
	nbssPositiveResponse = 0x82
	nbssNegativeResponse = 0x83
	nbssRetargetResponse = 0x84
	nbssKeepAlive        = 0x85
)

// smb2State ties file IDs to names and responses to their requests.
type smb2State struct {
	files map[[16]byte]string
	reqs  map[uint64]smb2Req
	v1    smbState // SMB1 messages of the conversation (proto_smb.go)
	// pipes numbers each file a Create opened, for DCE/RPC to tell the
	// pipes of the conversation apart (Wireshark's transport salt);
	// rpc is the DCE/RPC spoken on them, nil until some is seen.
	pipes map[[16]byte]uint64
	rpc   *dcerpcState
	// sessions are the capture's files by session, for a file a
	// multichannel client opened on another connection; nil outside a
	// walk
	sessions smb2Sessions
	// the PDU being dissected: its frame (0-based), time and whether a
	// tree is wanted; sesid is the session of the message being read
	frame    int
	sesid    uint64
	time     int64
	wantTree bool
	// continuation: nbssPDULen took the next PDU for the continuation of
	// a message not seen; dissectNBSS shows it so.
	continuation bool
	// What the details pane adds to the header as Wireshark does: the
	// share of each tree a Tree Connect response numbered (its request's
	// path pending by message ID) and the account each session's NTLMSSP
	// AUTHENTICATE named. Each is learnt after the message's own header
	// is shown, as tshark's single pass does.
	trees    map[uint32]string
	treeReqs map[uint64]string
	accounts map[uint64]smb2Account
}

// smb2Account is the user, domain and workstation an NTLMSSP AUTHENTICATE
// message named for a session.
type smb2Account struct{ user, domain, host string }

type smb2Req struct {
	name  string   // the Create's file name, or the Find's file
	class string   // Find: the information class and pattern
	fid   [16]byte // Read: the file read, for the response's data
}

// smb2MaxTracked bounds the names and requests remembered per conversation.
const smb2MaxTracked = 4096

// smb2Sessions holds every file a Create opened in the capture, by
// session and file ID, with the frame of the Create's response. Wireshark
// keeps files per session and sessions per capture, so a client bound to
// one session over several TCP connections (SMB 3 multichannel) reads
// " File: name" on a connection that never saw the Create.
type smb2Sessions map[smb2SessionFile]smb2Opened

type smb2SessionFile struct {
	sesid uint64
	fid   [16]byte
}

type smb2Opened struct {
	name  string
	frame int
}

// smb2SessionsKey is the capture state key of smb2Sessions.
type smb2SessionsKey struct{}

// smb2MaxSessionFiles bounds the files remembered for the whole capture.
const smb2MaxSessionFiles = 4 * smb2MaxTracked

// opened is the name of a file the capture's Create opened in session
// sesid before frame (the same frame when compounded), when known.
func (ss smb2Sessions) opened(sesid uint64, fid [16]byte, frame int) (string, bool) {
	o, ok := ss[smb2SessionFile{sesid, fid}]
	if !ok || o.frame > frame {
		// a conversation walked ahead of this packet opened it later
		return "", false
	}
	return o.name, true
}

func smb2StateOf(c *Conv) *smb2State {
	newState := func() *smb2State {
		return &smb2State{files: map[[16]byte]string{}, reqs: map[uint64]smb2Req{}, pipes: map[[16]byte]uint64{},
			v1: smbState{reqs: map[uint32]smbReq{}, fids: map[uint16]string{}, tids: map[uint16]string{}}}
	}
	if c == nil {
		return newState()
	}
	st, ok := c.State.(*smb2State)
	if !ok {
		st = newState()
		if ss, ok := c.Capture(smb2SessionsKey{}, func() any { return smb2Sessions{} }).(smb2Sessions); ok {
			st.sessions = ss
		}
		c.State = st
	}
	return st
}

func dissectNBSS(p *PDU, out *Out) bool {
	b := p.Data
	if st := smb2StateOf(p.Conv); st.continuation {
		st.continuation = false
		out.SetProto("NBSS")
		out.SetInfo("NBSS Continuation Message")
		if out.WantTree {
			out.Add(Field{Name: "nbss", Label: "NetBIOS Session Service", Len: len(b), Kind: FieldProto, Children: []Field{
				{Name: "nbss.continuation_data", Label: "Continuation data: " + hexEllipsis(b), Len: len(b)}}})
		}
		return true
	}
	if len(b) < 4 {
		return true
	}
	body := b[4:]
	nb := Field{Name: "nbss", Label: "NetBIOS Session Service", Len: len(b), Kind: FieldProto, Children: []Field{
		UintField("nbss.type", fmt.Sprintf("Message Type: %s (0x%02x)", nbssTypeName(b[0]), b[0]), 0, 1, uint64(b[0])),
		UintField("nbss.length", fmt.Sprintf("Length: %d", p.Len-4), 1, 3, uint64(p.Len-4)),
	}}
	sessionRequest := b[0] == 0x81 && len(body) >= 68
	var called, calling string
	if sessionRequest {
		// RFC 1002 4.3.2: the called and calling names, each a length
		// byte, 32 bytes of first-level encoding and the empty scope
		var calledSfx, callingSfx byte
		var calledOK, callingOK bool
		called, calledSfx, calledOK = nbnsName(string(body[1:33]))
		calling, callingSfx, callingOK = nbnsName(string(body[35:67]))
		nb.Children = append(nb.Children[:1],
			Field{Name: "nbss.flags", Label: "Flags: 0x" + hexByte(b[1]), Start: 1, Len: 1, Children: []Field{
				{Name: "nbss.flags.e", Label: bitString(uint32(b[1]), 8, 1) + " = Extend: Add " + strconv.Itoa(int(b[1]&1)*65536) + " to length", Start: 1, Len: 1},
			}},
			nb.Children[1],
			StrField("nbss.called_name", "Called n"+nbnsNameLabel(called, calledSfx, calledOK)[1:], 4, 34, called),
			StrField("nbss.calling_name", "Calling n"+nbnsNameLabel(calling, callingSfx, callingOK)[1:], 38, 34, calling))
	}
	out.Add(nb)
	switch {
	case sessionRequest:
		out.SetProto("NBSS")
		out.SetInfo("Session request, to " + called + " from " + calling)
	case b[0] != 0:
		out.SetProto("NBSS")
		out.SetInfo(nbssTypeName(b[0]))
	case len(body) >= 4 && bytes.Equal(body[1:4], []byte("SMB")) && body[0] == 0xfe:
		out.SetProto("SMB2")
		st := smb2StateOf(p.Conv)
		st.frame, st.time, st.wantTree = p.Frame, p.Time, out.WantTree
		var info []string
		for off, n := 0, 0; off+64 <= len(body) && n < 32; n++ {
			s, next, rpc := st.message(body[off:], off+4, out)
			if rpc {
				// DCE/RPC sets the column (col_add_str), dropping
				// what the messages before wrote
				info = info[:0]
			}
			info = append(info, s)
			if next == 0 || next < 64 || off+next >= len(body) {
				break
			}
			off += next
		}
		out.AppendInfo(", ", strings.Join(info, ";"))
	case len(body) >= 4 && bytes.Equal(body[1:4], []byte("SMB")) && body[0] == 0xfd:
		out.SetProto("SMB2")
		out.AppendInfo(", ", "Encrypted SMB3")
		out.Add(Field{Name: "smb2", Label: "SMB2 (Server Message Block Protocol version 2)", Start: 4, Len: len(body), Kind: FieldProto})
	case len(body) >= 5 && bytes.Equal(body[1:4], []byte("SMB")) && body[0] == 0xff:
		dissectSMB1(&smb2StateOf(p.Conv).v1, body, 4, out)
	default:
		out.SetProto("NBSS")
		out.SetInfo("Session message")
	}
	return true
}

func nbssTypeName(t byte) string {
	switch t {
	case 0x00:
		return "Session message"
	case 0x81:
		return "Session request"
	case 0x82:
		return "Positive session response"
	case 0x83:
		return "Negative session response"
	case 0x84:
		return "Retarget session response"
	case 0x85:
		return "Session keep-alive"
	}
	return "Unknown"
}

var smb2Commands = [...]string{"Negotiate Protocol", "Session Setup", "Session Logoff", "Tree Connect", "Tree Disconnect",
	"Create", "Close", "Flush", "Read", "Write", "Lock", "Ioctl", "Cancel", "KeepAlive", "Find", "Notify", "GetInfo",
	"SetInfo", "Break"}

// SMB2 commands with bodies the Info column reads.
const (
	smb2SessionSetup = 1
	smb2TreeConnect  = 3
	smb2Create       = 5
	smb2Close        = 6
	smb2Read         = 8
	smb2Write        = 9
	smb2Ioctl        = 11
	smb2Find         = 14
	smb2GetInfo      = 16
	smb2SetInfo      = 17
)

// message dissects one SMB2 message at m (off: its place in the PDU) and
// returns its Info text, the offset of the next compounded message, and
// whether DCE/RPC in its data gave the text.
func (st *smb2State) message(m []byte, off int, out *Out) (string, int, bool) {
	le := binary.LittleEndian
	status := le.Uint32(m[8:])
	cmd := le.Uint16(m[12:])
	flags := le.Uint32(m[16:])
	next := int(le.Uint32(m[20:]))
	msgID := le.Uint64(m[24:])
	st.sesid = le.Uint64(m[40:])
	resp := flags&1 != 0
	end := len(m)
	if next >= 64 && next < end {
		end = next
	}
	body := m[64:end]
	name := fmt.Sprintf("Unknown (%d)", cmd)
	if int(cmd) < len(smb2Commands) {
		name = smb2Commands[cmd]
	}
	var s strings.Builder
	s.WriteString(name)
	if resp {
		s.WriteString(" Response")
		if status != 0 {
			s.WriteString(", Error: " + ntStatusName(status))
		}
	} else {
		s.WriteString(" Request")
	}
	detail := st.detail(cmd, resp, msgID, m[:end])
	if detail != "" {
		s.WriteString(detail)
	}
	tree := Field{Name: "smb2", Label: "SMB2 (Server Message Block Protocol version 2)", Start: off, Len: end, Kind: FieldProto, Children: []Field{
		{Label: "SMB2 Header", Start: off, Len: 64, Children: st.header(m, off, name, cmd, msgID, resp)},
	}}
	if cmd == smb2Create && !resp {
		// the name where the request holds it (tshark shows the file a
		// later message acts on in Info only)
		if f, ok := smb2StringField(m, body, 44, 46, off, "smb2.filename", "Filename: "); ok {
			tree.Children = append(tree.Children, f)
		}
	}
	if cmd == smb2TreeConnect && !resp {
		if f, ok := smb2StringField(m, body, 4, 6, off, "smb2.tree", "Tree: "); ok {
			tree.Children = append(tree.Children, f)
		}
	}
	st.learn(cmd, resp, status, msgID, m[:end])
	out.Add(tree)
	if data, at, n, fid, ok := st.pipeData(cmd, resp, status, msgID, m[:end]); ok {
		if st.rpc == nil {
			st.rpc = newDCERPCState()
		}
		proto, info, rpcTree, ok := st.rpc.pipe(st.pipes[fid], data, n, off+at, st.frame, st.time, st.wantTree)
		if ok {
			out.SetProto(proto)
			for _, f := range rpcTree {
				out.Add(f)
			}
			return info, next, true
		}
	}
	return s.String(), next, false
}

// FSCTL_PIPE_TRANSCEIVE (MS-FSCC 2.3.33): a write and a read on a named
// pipe in one Ioctl.
const smb2PipeTransceive = 0x0011c017

// pipeData finds the data a message carries to or from a file, the way
// Wireshark's SMB2 dissector offers it to the pipe protocols: a Write
// request's, a Read response's, and the input and output of
// FSCTL_PIPE_TRANSCEIVE. It returns the data captured, where it starts in
// msg, its length as sent and the file's ID.
func (st *smb2State) pipeData(cmd uint16, resp bool, status uint32, msgID uint64, msg []byte) (data []byte, at, n int, fid [16]byte, ok bool) {
	le := binary.LittleEndian
	b := msg[64:]
	okStatus := status == 0 || status == 0x80000005 // STATUS_BUFFER_OVERFLOW
	switch {
	case cmd == smb2Write && !resp && len(b) >= 48:
		at, n = int(le.Uint16(b[2:])), int(le.Uint32(b[4:]))
		fid, _ = fileID(b, 16)
	case cmd == smb2Read && !resp && len(b) >= 32:
		id, _ := fileID(b, 16)
		if len(st.reqs) < smb2MaxTracked {
			st.reqs[msgID] = smb2Req{fid: id}
		}
		return nil, 0, 0, fid, false
	case cmd == smb2Read && resp && okStatus && len(b) >= 16:
		r, known := st.reqs[msgID]
		if !known {
			return nil, 0, 0, fid, false
		}
		at, n, fid = int(b[2]), int(le.Uint32(b[4:])), r.fid
	case cmd == smb2Ioctl && !resp && len(b) >= 56 && le.Uint32(b[4:]) == smb2PipeTransceive:
		fid, _ = fileID(b, 8)
		at, n = int(le.Uint32(b[24:])), int(le.Uint32(b[28:]))
	case cmd == smb2Ioctl && resp && okStatus && len(b) >= 48 && le.Uint32(b[4:]) == smb2PipeTransceive:
		fid, _ = fileID(b, 8)
		at, n = int(le.Uint32(b[32:])), int(le.Uint32(b[36:]))
	default:
		return nil, 0, 0, fid, false
	}
	if n <= 0 || at < 64 || at > len(msg) {
		return nil, 0, 0, fid, false
	}
	end := at + n
	if end > len(msg) || end < at {
		end = len(msg)
	}
	return msg[at:end], at, n, fid, true
}

// smb2String reads a UTF-16LE string whose offset (from the SMB2 header)
// and length are 16-bit fields at offField and lenField of the body.
func smb2String(m, body []byte, offField, lenField int) (string, bool) {
	if len(body) < lenField+2 {
		return "", false
	}
	o := int(binary.LittleEndian.Uint16(body[offField:]))
	n := int(binary.LittleEndian.Uint16(body[lenField:]))
	if n == 0 {
		return "", true
	}
	if o < 64 || o+n > len(m) {
		return "", false
	}
	return utf16LE(m[o : o+n]), true
}

func utf16LE(b []byte) string {
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = binary.LittleEndian.Uint16(b[2*i:])
	}
	return string(utf16.Decode(u))
}

func fileID(body []byte, at int) ([16]byte, bool) {
	var id [16]byte
	if len(body) < at+16 {
		return id, false
	}
	copy(id[:], body[at:])
	return id, true
}

// remember records a request (bounded per conversation).
func (st *smb2State) remember(msgID uint64, r smb2Req) {
	if len(st.reqs) < smb2MaxTracked {
		st.reqs[msgID] = r
	}
}

// fileText is Wireshark's " File: NAME" for a message whose file ID a
// Create in the capture named (the name may be empty: the share's root),
// and nothing when the capture never saw that file opened.
func (st *smb2State) fileText(cmd uint16, resp bool, msgID uint64, body []byte) string {
	if n, ok := st.file(cmd, resp, msgID, body); ok {
		return " File: " + Printable(n)
	}
	return ""
}

func (st *smb2State) file(cmd uint16, resp bool, msgID uint64, body []byte) (string, bool) {
	at := -1
	switch {
	case cmd == smb2Close && !resp:
		at = 8
	case (cmd == smb2Read || cmd == smb2Write) && !resp:
		at = 16
	case cmd == smb2Find && !resp:
		at = 8
	case cmd == smb2GetInfo && !resp:
		at = 24
	case cmd == smb2SetInfo && !resp:
		at = 16
	case cmd == smb2Ioctl && (!resp || len(body) >= 2 && binary.LittleEndian.Uint16(body) == 49):
		at = 8
	case cmd == smb2Create:
		r, ok := st.reqs[msgID]
		return r.name, ok
	}
	if at < 0 {
		return "", false
	}
	if id, ok := fileID(body, at); ok {
		if n, known := st.files[id]; known {
			return n, true
		}
		return st.sessions.opened(st.sesid, id, st.frame)
	}
	return "", false
}

// detail is the command-specific end of a message's Info text. msg is the
// whole message: SMB2 string offsets count from its header.
func (st *smb2State) detail(cmd uint16, resp bool, msgID uint64, msg []byte) string {
	le := binary.LittleEndian
	m := msg[64:] // the body: fixed offsets below count from here
	hdr := func() []byte { return msg }
	switch cmd {
	case smb2SessionSetup:
		var blob []byte
		if !resp && len(m) >= 16 {
			o, n := int(le.Uint16(m[12:])), int(le.Uint16(m[14:]))
			blob = slice(hdr(), o, n)
		} else if resp && len(m) >= 8 {
			o, n := int(le.Uint16(m[4:])), int(le.Uint16(m[6:]))
			blob = slice(hdr(), o, n)
		}
		return ntlmsspInfo(blob)
	case smb2TreeConnect:
		if !resp {
			if path, ok := smb2String(hdr(), m, 4, 6); ok {
				return " Tree: " + Printable(path)
			}
		}
	case smb2Create:
		if !resp {
			n, ok := smb2String(hdr(), m, 44, 46)
			if !ok {
				return ""
			}
			st.remember(msgID, smb2Req{name: n})
			return " File: " + Printable(n)
		}
		r, ok := st.reqs[msgID]
		if id, idOK := fileID(m, 64); ok && idOK && len(m) >= 88 {
			if len(st.files) < smb2MaxTracked {
				st.files[id] = r.name
				st.pipes[id] = uint64(len(st.pipes) + 1)
			}
			if st.sessions != nil && len(st.sessions) < smb2MaxSessionFiles {
				st.sessions[smb2SessionFile{st.sesid, id}] = smb2Opened{r.name, st.frame}
			}
			return " File: " + Printable(r.name)
		}
	case smb2Close:
		if !resp {
			return st.fileText(cmd, resp, msgID, m)
		}
	case smb2Read, smb2Write:
		if !resp && len(m) >= 32 {
			return fmt.Sprintf(" Len:%d Off:%d", le.Uint32(m[4:]), le.Uint64(m[8:])) + st.fileText(cmd, resp, msgID, m)
		}
	case smb2Find:
		if !resp && len(m) >= 28 {
			pattern, _ := smb2String(hdr(), m, 24, 26)
			class := fmt.Sprintf("%s Pattern: %s", findClassName(m[2]), Printable(pattern))
			st.remember(msgID, smb2Req{class: class})
			return st.fileText(cmd, resp, msgID, m) + " " + class
		}
		if resp {
			if r, ok := st.reqs[msgID]; ok && r.class != "" {
				return " " + r.class
			}
		}
	case smb2GetInfo, smb2SetInfo:
		if !resp && len(m) >= 4 {
			return " " + infoClassName(m[2], m[3]) + st.fileText(cmd, resp, msgID, m)
		}
	case smb2Ioctl:
		if resp && len(m) >= 8 && le.Uint16(m) == 49 {
			// a successful response (StructureSize 49, not an error
			// response's 9) repeats the control code, and
			// dissect_smb2_ioctl_function names it again, before the
			// file it acts on
			return " " + fsctlName(le.Uint32(m[4:])) + st.fileText(cmd, resp, msgID, m)
		}
		if !resp && len(m) >= 32 {
			code := le.Uint32(m[4:])
			s := " " + fsctlName(code) + st.fileText(cmd, resp, msgID, m)
			// FSCTL_PIPE_WAIT's input names the pipe (MS-FSCC 2.3.31):
			// timeout, name length, a flag, padding, then the name.
			in := slice(msg, int(le.Uint32(m[24:])), int(le.Uint32(m[28:])))
			if code == 0x00110018 && len(in) >= 14 {
				if n := int(le.Uint32(in[8:])); n >= 0 && 14+n <= len(in) {
					s += " Pipe: " + Printable(utf16LE(in[14:14+n]))
				}
			}
			// FSCTL_DFS_GET_REFERRALS's input (MS-DFSC 2.2.2): the
			// maximum referral level, then the NUL-terminated file name
			if code == 0x00060194 && len(in) >= 4 {
				name := in[2:]
				for i := 0; i+1 < len(name); i += 2 {
					if name[i] == 0 && name[i+1] == 0 {
						name = name[:i]
						break
					}
				}
				s += ", File: " + Printable(utf16LE(name[:len(name)&^1]))
			}
			return s
		}
	}
	return ""
}

// slice returns b[o:o+n] when it lies inside b and past the 64-byte header.
func slice(b []byte, o, n int) []byte {
	if o < 64 || n < 0 || o+n > len(b) {
		return nil
	}
	return b[o : o+n]
}

// ntlmsspInfo names the NTLMSSP message in a security blob, with the user
// of an AUTHENTICATE message, as Wireshark's Info does.
func ntlmsspInfo(blob []byte) string {
	i := bytes.Index(blob, []byte("NTLMSSP\x00"))
	if i < 0 || len(blob) < i+12 {
		return ""
	}
	switch binary.LittleEndian.Uint32(blob[i+8:]) {
	case 1:
		return ", NTLMSSP_NEGOTIATE"
	case 2:
		return ", NTLMSSP_CHALLENGE"
	case 3:
		a, ok := ntlmsspAuthenticate(blob)
		if !ok {
			return ", NTLMSSP_AUTH"
		}
		return ", NTLMSSP_AUTH, User: " + Printable(a.domain) + `\` + Printable(a.user)
	}
	return ""
}

// ntlmsspAuthenticate reads the domain, user and workstation names of the
// NTLMSSP AUTHENTICATE message in a security blob (MS-NLMP 2.2.1.3).
func ntlmsspAuthenticate(blob []byte) (smb2Account, bool) {
	i := bytes.Index(blob, []byte("NTLMSSP\x00"))
	if i < 0 || len(blob) < i+64 || binary.LittleEndian.Uint32(blob[i+8:]) != 3 {
		return smb2Account{}, false
	}
	n := blob[i:]
	unicode := binary.LittleEndian.Uint32(n[60:])&1 != 0 // NTLMSSP_NEGOTIATE_UNICODE
	field := func(at int) string {
		l, o := int(binary.LittleEndian.Uint16(n[at:])), int(binary.LittleEndian.Uint32(n[at+4:]))
		if o < 0 || l < 0 || o+l > len(n) {
			return ""
		}
		if unicode {
			return utf16LE(n[o : o+l])
		}
		return string(n[o : o+l])
	}
	return smb2Account{domain: field(28), user: field(36), host: field(44)}, true
}

func findClassName(c byte) string {
	switch c {
	case 0x01:
		return "SMB2_FIND_DIRECTORY_INFO"
	case 0x02:
		return "SMB2_FIND_FULL_DIRECTORY_INFO"
	case 0x03:
		return "SMB2_FIND_BOTH_DIRECTORY_INFO"
	case 0x0c:
		return "SMB2_FIND_NAME_INFO"
	case 0x25:
		return "SMB2_FIND_ID_BOTH_DIRECTORY_INFO"
	case 0x26:
		return "SMB2_FIND_ID_FULL_DIRECTORY_INFO"
	}
	return fmt.Sprintf("Unknown (%d)", c)
}

// infoClassName names a GetInfo/SetInfo information type and class.
func infoClassName(typ, class byte) string {
	switch typ {
	case 1:
		names := map[byte]string{0x04: "BASIC", 0x05: "STANDARD", 0x06: "INTERNAL", 0x07: "EA", 0x08: "ACCESS",
			0x0a: "RENAME", 0x0d: "DISPOSITION", 0x0e: "POSITION", 0x0f: "FULL_EA", 0x10: "MODE", 0x11: "ALIGNMENT",
			0x12: "ALL", 0x13: "ALLOCATION", 0x14: "ENDOFFILE", 0x15: "ALTERNATE_NAME", 0x16: "STREAM",
			0x1c: "COMPRESSION", 0x22: "NETWORK_OPEN", 0x23: "ATTRIBUTE_TAG"}
		if n, ok := names[class]; ok {
			return "FILE_INFO/SMB2_FILE_" + n + "_INFO"
		}
		return fmt.Sprintf("FILE_INFO/Unknown (0x%02x)", class)
	case 2:
		names := map[byte]string{1: "FileFsVolumeInformation", 3: "FileFsSizeInformation", 4: "FileFsDeviceInformation",
			5: "FileFsAttributeInformation", 6: "FileFsControlInformation", 7: "FileFsFullSizeInformation",
			8: "FileFsObjectIdInformation", 11: "FileFsSectorSizeInformation"}
		if n, ok := names[class]; ok {
			return "FS_INFO/" + n
		}
		return fmt.Sprintf("FS_INFO/Unknown (0x%02x)", class)
	case 3:
		return fmt.Sprintf("SEC_INFO/SMB2_SEC_INFO_%02x", class)
	case 4:
		return fmt.Sprintf("QUOTA_INFO/SMB2_QUOTA_INFO_%02x", class)
	}
	return fmt.Sprintf("Unknown (%d)", typ)
}

func fsctlName(code uint32) string {
	if n, ok := fsctlNames[code]; ok {
		return n
	}
	return fmt.Sprintf("Unknown (0x%08x)", code)
}

// fsctlNames are the FSCTL codes of MS-FSCC 2.3 and MS-SMB2 2.2.31 that
// Windows clients send over SMB2, named as Wireshark's smb2_ioctl_vals.
var fsctlNames = map[uint32]string{
	0x00060194: "FSCTL_DFS_GET_REFERRALS",
	0x000601b0: "FSCTL_DFS_GET_REFERRALS_EX",
	0x00090018: "FSCTL_LOCK_VOLUME",
	0x0009001c: "FSCTL_UNLOCK_VOLUME",
	0x00090020: "FSCTL_DISMOUNT_VOLUME",
	0x0009002c: "FSCTL_IS_PATHNAME_VALID",
	0x0009003c: "FSCTL_GET_COMPRESSION",
	0x00090060: "FSCTL_FILESYSTEM_GET_STATISTICS",
	0x00090064: "FSCTL_GET_NTFS_VOLUME_DATA",
	0x00090098: "FSCTL_SET_OBJECT_ID",
	0x0009009c: "FSCTL_GET_OBJECT_ID",
	0x000900a0: "FSCTL_DELETE_OBJECT_ID",
	0x000900a4: "FSCTL_SET_REPARSE_POINT",
	0x000900a8: "FSCTL_GET_REPARSE_POINT",
	0x000900ac: "FSCTL_DELETE_REPARSE_POINT",
	0x000900c0: "FSCTL_CREATE_OR_GET_OBJECT_ID",
	0x000900c4: "FSCTL_SET_SPARSE",
	0x0009013c: "FSCTL_QUERY_ON_DISK_VOLUME_INFO",
	0x00090194: "FSCTL_SET_ZERO_ON_DEALLOCATION",
	0x000901b4: "FSCTL_SET_SHORT_NAME_BEHAVIOR",
	0x0009027c: "FSCTL_GET_INTEGRITY_INFORMATION",
	0x00090284: "FSCTL_QUERY_FILE_REGIONS",
	0x000940cf: "FSCTL_QUERY_ALLOCATED_RANGES",
	0x00094264: "FSCTL_OFFLOAD_READ",
	0x000980c8: "FSCTL_SET_ZERO_DATA",
	0x00098208: "FSCTL_FILE_LEVEL_TRIM",
	0x00098268: "FSCTL_OFFLOAD_WRITE",
	0x00098344: "FSCTL_DUPLICATE_EXTENTS_TO_FILE",
	0x0009c040: "FSCTL_SET_COMPRESSION",
	0x0009c280: "FSCTL_SET_INTEGRITY_INFORMATION",
	0x0011400c: "FSCTL_PIPE_PEEK",
	0x00110018: "FSCTL_PIPE_WAIT",
	0x0011c017: "FSCTL_PIPE_TRANSCEIVE",
	0x00140078: "FSCTL_SRV_REQUEST_RESUME_KEY",
	0x001401d4: "FSCTL_LMR_REQUEST_RESILIENCY",
	0x001401fc: "FSCTL_QUERY_NETWORK_INTERFACE_INFO",
	0x00140204: "FSCTL_VALIDATE_NEGOTIATE_INFO",
	0x00144064: "FSCTL_SRV_ENUMERATE_SNAPSHOTS",
	0x001440f2: "FSCTL_SRV_COPYCHUNK",
	0x001441bb: "FSCTL_SRV_READ_HASH",
	0x001480f2: "FSCTL_SRV_COPYCHUNK_WRITE",
}

// ntStatusName names an NT status code (MS-ERREF 2.3) as Wireshark's SMB
// dissectors do, with the names of its NT_errors table (ntStatusNames).
func ntStatusName(s uint32) string { return ntStatusNameOr(s, "Unknown (0x%08x)") }

// header is the SMB2 header's fields as tshark's details show them, with
// the share and account it has learnt for the tree and session IDs.
func (st *smb2State) header(m []byte, off int, name string, cmd uint16, msgID uint64, resp bool) []Field {
	le := binary.LittleEndian
	var f []Field
	if !resp {
		// tshark 4.0 reads a request's status word as SMB 3's channel
		// sequence whatever the dialect (checked on SMB 2.1 and 3.1.1)
		f = append(f,
			UintField("smb2.channel_sequence", fmt.Sprintf("Channel Sequence: %d", le.Uint16(m[8:])), off+8, 2, uint64(le.Uint16(m[8:]))),
			Field{Name: "smb2.reserved", Label: fmt.Sprintf("Reserved: %04x", le.Uint16(m[10:])), Start: off + 10, Len: 2})
	} else {
		status := le.Uint32(m[8:])
		f = append(f, UintField("smb2.nt_status", fmt.Sprintf("NT Status: %s (0x%08x)", ntStatusName(status), status), off+8, 4, uint64(status)))
	}
	respBit, what := uint64(0), "REQUEST"
	if resp {
		respBit, what = 1, "RESPONSE"
	}
	f = append(f,
		UintField("smb2.cmd", fmt.Sprintf("Command: %s (%d)", name, cmd), off+12, 2, uint64(cmd)),
		Field{Name: "smb2.flags.response", Label: bitString(le.Uint32(m[16:]), 32, 1) + " = Response: This is a " + what,
			Start: off + 16, Len: 4, Kind: FieldBool, Num: respBit},
		UintField("smb2.msg_id", fmt.Sprintf("Message ID: %d", msgID), off+24, 8, msgID))
	tid, sesid := le.Uint32(m[36:]), le.Uint64(m[40:])
	tf := UintField("smb2.tid", fmt.Sprintf("Tree Id: 0x%08x", tid), off+36, 4, uint64(tid))
	if le.Uint32(m[16:])&2 != 0 {
		// SMB2_FLAGS_ASYNC_COMMAND: an async ID in place of the process
		// and tree IDs
		aid := le.Uint64(m[32:])
		tf = UintField("smb2.aid", fmt.Sprintf("Async Id: 0x%016x", aid), off+32, 8, aid)
	} else if path, ok := st.trees[tid]; ok && tid != 0 {
		tf.Label += "  " + Printable(path)
		tf.Children = append(tf.Children, StrField("smb2.tree", "Tree: "+Printable(path), off+36, 4, path))
	}
	sf := UintField("smb2.sesid", fmt.Sprintf("Session Id: 0x%016x", sesid), off+40, 8, sesid)
	if a, ok := st.accounts[sesid]; ok && sesid != 0 {
		sf.Label += " Acct:" + Printable(a.user) + " Domain:" + Printable(a.domain) + " Host:" + Printable(a.host)
		sf.Children = append(sf.Children,
			StrField("smb2.acct", "Account: "+Printable(a.user), off+40, 0, a.user),
			StrField("smb2.domain", "Domain: "+Printable(a.domain), off+40, 0, a.domain),
			StrField("smb2.host", "Host: "+Printable(a.host), off+40, 0, a.host))
	}
	return append(f, tf, sf)
}

// learn notes what a message tells about the conversation for the headers
// of the messages after it: a tree's share, a session's account. msg is
// the whole message.
func (st *smb2State) learn(cmd uint16, resp bool, status uint32, msgID uint64, msg []byte) {
	le := binary.LittleEndian
	body := msg[64:]
	switch {
	case cmd == smb2TreeConnect && !resp:
		if path, ok := smb2String(msg, body, 4, 6); ok && len(st.treeReqs) < smb2MaxTracked {
			if st.treeReqs == nil {
				st.treeReqs = map[uint64]string{}
			}
			st.treeReqs[msgID] = path
		}
	case cmd == smb2TreeConnect && resp && status == 0:
		if path, ok := st.treeReqs[msgID]; ok && len(st.trees) < smb2MaxTracked {
			if st.trees == nil {
				st.trees = map[uint32]string{}
			}
			st.trees[le.Uint32(msg[36:])] = path
		}
	case cmd == smb2SessionSetup && !resp && len(body) >= 16:
		o, n := int(le.Uint16(body[12:])), int(le.Uint16(body[14:]))
		if a, ok := ntlmsspAuthenticate(slice(msg, o, n)); ok && len(st.accounts) < smb2MaxTracked {
			if st.accounts == nil {
				st.accounts = map[uint64]smb2Account{}
			}
			st.accounts[le.Uint64(msg[40:])] = a
		}
	}
}

// smb2StringField is a UTF-16 string of the message (offset and length
// fields at offField and lenField of body) as a details field at its bytes.
func smb2StringField(m, body []byte, offField, lenField, off int, name, label string) (Field, bool) {
	v, ok := smb2String(m, body, offField, lenField)
	if !ok {
		return Field{}, false
	}
	at := int(binary.LittleEndian.Uint16(body[offField:]))
	n := int(binary.LittleEndian.Uint16(body[lenField:]))
	if n == 0 && (at < 64 || at > len(m)) {
		return Field{}, false // an empty name tshark places at its offset, unless that lies outside the message
	}
	return StrField(name, label+Printable(v), off+at, n, v), true
}
