package decode

import (
	"encoding/binary"
	"fmt"
	"strconv"
)

// ONC RPC (RFC 5531) over UDP and over TCP with record marking (RFC 5531
// §11), as Wireshark 4.0's rpc dissector shows it: the Protocol column is
// the called program's name ("NFS", "Portmap", "MOUNT"), the Info column
// "V3 GETATTR Call" or "V3 GETATTR Reply (Call In 5)" followed by what the
// program's dissector adds. RPC is found by heuristics only, as tshark
// does: a call must carry RPC version 2 and a program Wireshark knows; a
// reply must answer a call seen earlier in the same conversation (matched
// by XID), else the datagram stays UDP. Several records in one TCP segment
// are joined with "  ; " (packet-rpc.c's first_pdu). Hand-written: gopacket
// has no ONC RPC layer.

// rpcMsgType is an RPC message's direction (RFC 5531 §9: msg_type).
type rpcMsgType uint32

const (
	rpcCall  rpcMsgType = 0
	rpcReply rpcMsgType = 1
)

// Reply and accept states (RFC 5531 §9).
const (
	rpcMsgAccepted = 0
	rpcMsgDenied   = 1
	rpcSuccess     = 0
	rpcProgMismtch = 2
	rpcAuthError   = 1
)

// Authentication flavors that change how a call is read.
const (
	rpcAuthUnix = 1
	rpcsecGSS   = 6
)

const (
	rpcLastFrag    = 0x80000000 // record marking: last fragment of a record
	rpcMaxRecord   = 4 << 20    // packet-rpc.c's max_rpc_tcp_pdu_size
	rpcMaxCalls    = 4096       // calls remembered per conversation
	rpcMaxAuthBody = 400        // RFC 5531 §8.2: opaque_auth body at most 400 bytes
	rpcMaxGIDs     = 16         // AUTH_UNIX: at most 16 auxiliary groups
)

// Program numbers with their own file or table.
const (
	rpcProgPortmap = 100000
	rpcProgNFS     = 100003
	rpcProgMount   = 100005
	rpcProgNLM     = 100021
	rpcProgStat    = 100024
)

// rpcProgram is what ladder knows of an RPC program: the Protocol column
// Wireshark gives it, and its procedure names per version
// (nil: only NULL, procedure 0, is named, and only in the versions listed
// in nullVers).
type rpcProgram struct {
	name     string
	procs    map[uint32][]string
	nullVers []uint32
}

// rpcPrograms are the programs Wireshark 4.0 recognises that ladder names
// (checked with tshark: a call to each gives this Protocol column).
var rpcPrograms = map[uint32]*rpcProgram{
	rpcProgPortmap: {name: "Portmap", procs: map[uint32][]string{
		1: {"NULL", "SET", "UNSET", "GETPORT", "DUMP", "CALLIT"},
		2: {"NULL", "SET", "UNSET", "GETPORT", "DUMP", "CALLIT"},
		3: {"NULL", "SET", "UNSET", "GETADDR", "DUMP", "CALLIT", "GETTIME", "UADDR2TADDR", "TADDR2UADDR"},
		4: {"NULL", "SET", "UNSET", "GETADDR", "DUMP", "BCAST", "GETTIME", "UADDR2TADDR", "TADDR2UADDR",
			"GETVERSADDR", "INDIRECT", "GETADDRLIST", "GETSTAT"},
	}},
	rpcProgNFS: {name: "NFS", procs: map[uint32][]string{
		2: {"NULL", "GETATTR", "SETATTR", "ROOT", "LOOKUP", "READLINK", "READ", "WRITECACHE", "WRITE", "CREATE",
			"REMOVE", "RENAME", "LINK", "SYMLINK", "MKDIR", "RMDIR", "READDIR", "STATFS"},
		3: nfs3Procs[:],
		4: {"NULL", "COMPOUND"},
	}},
	rpcProgMount: {name: "MOUNT", procs: map[uint32][]string{
		1: {"NULL", "MNT", "DUMP", "UMNT", "UMNTALL", "EXPORT", "EXPORTALL"},
		2: {"NULL", "MNT", "DUMP", "UMNT", "UMNTALL", "EXPORT", "EXPORTALL", "PATHCONF"},
		3: {"NULL", "MNT", "DUMP", "UMNT", "UMNTALL", "EXPORT"},
	}},
	rpcProgNLM: {name: "NLM", procs: map[uint32][]string{
		1: nlmProcs[:16], 2: nlmProcs[:16], 3: nlmProcs[:], 4: nlmProcs[:],
	}},
	rpcProgStat: {name: "STAT", procs: map[uint32][]string{
		1: {"NULL", "STAT", "MON", "UNMON", "UNMON_ALL", "SIMU_CRASH", "NOTIFY"},
	}},
	100004: {name: "YPSERV", nullVers: []uint32{1, 2}},
	100007: {name: "YPBIND", nullVers: []uint32{1, 2}},
	100008: {name: "RWALL"},
	100009: {name: "YPPASSWD", nullVers: []uint32{1}},
	100011: {name: "RQUOTA", nullVers: []uint32{1, 2}},
	100012: {name: "SPRAY", nullVers: []uint32{1}},
	100020: {name: "KLM"},
	100026: {name: "BOOTPARAMS", nullVers: []uint32{1}},
	100069: {name: "YPXFR", nullVers: []uint32{1}},
	100227: {name: "NFSACL", nullVers: []uint32{1, 2, 3}},
	100300: {name: "NIS+"},
	150001: {name: "PCNFSD", nullVers: []uint32{1, 2}},
}

var nlmProcs = [24]string{"NULL", "TEST", "LOCK", "CANCEL", "UNLOCK", "GRANTED", "TEST_MSG", "LOCK_MSG",
	"CANCEL_MSG", "UNLOCK_MSG", "GRANTED_MSG", "TEST_RES", "LOCK_RES", "CANCEL_RES", "UNLOCK_RES", "GRANTED_RES",
	"proc-16", "proc-17", "proc-18", "proc-19", "SHARE", "UNSHARE", "NM_LOCK", "FREE_ALL"}

// procName is Wireshark's name for a procedure, "proc-N" when unknown.
func (pg *rpcProgram) procName(vers, proc uint32) string {
	if names := pg.procs[vers]; int(proc) < len(names) && names[proc] != "proc-"+strconv.Itoa(int(proc)) {
		return names[proc]
	}
	if proc == 0 {
		for _, v := range pg.nullVers {
			if v == vers {
				return "NULL"
			}
		}
	}
	return "proc-" + strconv.FormatUint(uint64(proc), 10)
}

var rpcFlavors = map[uint32]string{0: "AUTH_NULL", 1: "AUTH_UNIX", 2: "AUTH_SHORT", 3: "AUTH_DES", 5: "AUTH_RSA/Gluster",
	6: "RPCSEC_GSS", 300001: "AUTH_GSSAPI", 390003: "RPCSEC_GSS_KRB5", 390004: "RPCSEC_GSS_KRB5I",
	390005: "RPCSEC_GSS_KRB5P", 390390: "AUTH_GLUSTERFS"}

var rpcAcceptStates = [6]string{"RPC executed successfully", "remote hasn't exported program",
	"remote can't support version #", "program can't support procedure", "procedure can't decode params",
	"system errors like memory allocation failure"}

// rpcCallInfo is what a reply needs of the call it answers.
type rpcCallInfo struct {
	frame, reply    int // 0-based frames; reply -1 until one is seen
	prog, vers, prc uint32
	gss             bool // RPCSEC_GSS: the body is not dissected
}

// rpcConv is RPC's state in one conversation.
type rpcConv struct {
	calls map[uint32]*rpcCallInfo
	// lastFrame is the frame of the previous record dissected and
	// lastWhole whether that record was reassembled from several
	// segments: the next record in the same frame then follows TCP's
	// column fence (see rpcColumns).
	lastFrame int
	lastWhole bool
}

func rpcState(c *Conv) *rpcConv {
	if c == nil {
		c = &Conv{}
	}
	if s, ok := c.State.(*rpcConv); ok {
		return s
	}
	s := &rpcConv{calls: map[uint32]*rpcCallInfo{}, lastFrame: -1}
	c.State = s
	return s
}

// rpcTCP and rpcUDP are the one RPC parser registered for each transport:
// over TCP a message sits behind a record mark, over UDP it is the
// datagram.
var (
	rpcTCP = &Dissector{Name: "rpc", Dissect: rpcDissect, PDULen: rpcPDULen, Heuristic: rpcTCPHeuristic, Fields: rpcFields}
	rpcUDP = &Dissector{Name: "rpc", Dissect: rpcDissect, Heuristic: rpcLooksLikeCall, Fields: rpcFields}
)

var rpcFields = []FieldDef{
	{Name: "rpc.lastfrag", Desc: "Last Fragment", Kind: FieldBool},
	{Name: "rpc.fraglen", Desc: "Fragment Length", Kind: FieldUint, Bits: 32},
	{Name: "rpc.xid", Desc: "XID", Kind: FieldUint, Bits: 32},
	{Name: "rpc.msgtyp", Desc: "Message Type", Kind: FieldUint, Bits: 32},
	{Name: "rpc.version", Desc: "RPC Version", Kind: FieldUint, Bits: 32},
	{Name: "rpc.program", Desc: "Program", Kind: FieldUint, Bits: 32},
	{Name: "rpc.programversion", Desc: "Program Version", Kind: FieldUint, Bits: 32},
	{Name: "rpc.procedure", Desc: "Procedure", Kind: FieldUint, Bits: 32},
	{Name: "rpc.auth.flavor", Desc: "Flavor", Kind: FieldUint, Bits: 32},
	{Name: "rpc.auth.length", Desc: "Length", Kind: FieldUint, Bits: 32},
	{Name: "rpc.auth.stamp", Desc: "Stamp", Kind: FieldUint, Bits: 32},
	{Name: "rpc.auth.machinename", Desc: "Machine Name", Kind: FieldString},
	{Name: "rpc.auth.uid", Desc: "UID", Kind: FieldUint, Bits: 32},
	{Name: "rpc.auth.gid", Desc: "GID", Kind: FieldUint, Bits: 32},
	{Name: "rpc.replystat", Desc: "Reply State", Kind: FieldUint, Bits: 32},
	{Name: "rpc.state_accept", Desc: "Accept State", Kind: FieldUint, Bits: 32},
	{Name: "rpc.state_reject", Desc: "Reject State", Kind: FieldUint, Bits: 32},
	{Name: "rpc.repframe", Desc: "Call In", Kind: FieldUint, Bits: 32},
	{Name: "rpc.value_follows", Desc: "Value Follows", Kind: FieldBool},
	// the programs' layers (proto_nfs.go, proto_portmap.go)
	{Name: "nfs", Desc: "Network File System", Kind: FieldProto},
	{Name: "nfs.procedure_v2", Desc: "V2 Procedure", Kind: FieldUint, Bits: 32},
	{Name: "nfs.procedure_v3", Desc: "V3 Procedure", Kind: FieldUint, Bits: 32},
	{Name: "nfs.procedure_v4", Desc: "V4 Procedure", Kind: FieldUint, Bits: 32},
	{Name: "nfs.fh.length", Desc: "length", Kind: FieldUint, Bits: 32},
	{Name: "nfs.fh.hash", Desc: "hash (CRC-32)", Kind: FieldUint, Bits: 32},
	{Name: "nfs.fhandle", Desc: "FileHandle", Kind: FieldBytes},
	{Name: "nfs.name", Desc: "Name", Kind: FieldString},
	{Name: "nfs.offset3", Desc: "offset", Kind: FieldUint, Bits: 64},
	{Name: "nfs.count3", Desc: "count", Kind: FieldUint, Bits: 32},
	{Name: "nfs.write.stable", Desc: "Stable", Kind: FieldUint, Bits: 32},
	{Name: "nfs.write.committed", Desc: "Committed", Kind: FieldUint, Bits: 32},
	{Name: "nfs.createmode", Desc: "Create Mode", Kind: FieldUint, Bits: 32},
	{Name: "nfs.status3", Desc: "Status", Kind: FieldUint, Bits: 32},
	{Name: "nfs.attributes_follow", Desc: "attributes_follow", Kind: FieldUint, Bits: 32},
	{Name: "nfs.fattr3.type", Desc: "Type", Kind: FieldUint, Bits: 32},
	{Name: "nfs.fattr3.uid", Desc: "uid", Kind: FieldUint, Bits: 32},
	{Name: "nfs.fattr3.gid", Desc: "gid", Kind: FieldUint, Bits: 32},
	{Name: "nfs.tag", Desc: "Tag", Kind: FieldString},
	{Name: "nfs.minorversion", Desc: "minorversion", Kind: FieldUint, Bits: 32},
	{Name: "nfs.ops.count", Desc: "Number of Operations", Kind: FieldUint, Bits: 32},
	{Name: "nfs.opcode", Desc: "Opcode", Kind: FieldUint, Bits: 32},
	{Name: "nfs.main_opcode", Desc: "Main Opcode", Kind: FieldUint, Bits: 32},
	{Name: "nfs.nfsstat4", Desc: "Status", Kind: FieldUint, Bits: 32},
	{Name: "nfs.pathname.component", Desc: "Filename", Kind: FieldString},
	{Name: "nfs.access_check", Desc: "Check access", Kind: FieldUint, Bits: 32},
	{Name: "portmap", Desc: "Portmap", Kind: FieldProto},
	{Name: "portmap.procedure_v2", Desc: "V2 Procedure", Kind: FieldUint, Bits: 32},
	{Name: "portmap.procedure_v3", Desc: "V3 Procedure", Kind: FieldUint, Bits: 32},
	{Name: "portmap.procedure_v4", Desc: "V4 Procedure", Kind: FieldUint, Bits: 32},
	{Name: "portmap.prog", Desc: "Program", Kind: FieldUint, Bits: 32},
	{Name: "portmap.version", Desc: "Version", Kind: FieldUint, Bits: 32},
	{Name: "portmap.proto", Desc: "Proto", Kind: FieldUint, Bits: 32},
	{Name: "portmap.port", Desc: "Port", Kind: FieldUint, Bits: 32},
	{Name: "mount", Desc: "Mount Service", Kind: FieldProto},
	{Name: "mount.procedure_v1", Desc: "V1 Procedure", Kind: FieldUint, Bits: 32},
	{Name: "mount.procedure_v2", Desc: "V2 Procedure", Kind: FieldUint, Bits: 32},
	{Name: "mount.procedure_v3", Desc: "V3 Procedure", Kind: FieldUint, Bits: 32},
	{Name: "mount.path", Desc: "Path", Kind: FieldString},
	{Name: "mount.status", Desc: "Status", Kind: FieldUint, Bits: 32},
}

// rpcPortmapPort is the portmapper's port, where Wireshark's rpc dissector
// is registered for UDP: a datagram there that is no RPC message it knows
// reads "RPC" "Continuation".
const rpcPortmapPort = 111

func init() {
	RegisterTCP(rpcTCP)
	RegisterUDP(rpcUDP, rpcPortmapPort)
}

// rpcTCPHeuristic claims a TCP conversation whose first payload is a
// record mark followed by an RPC call to a known program (the record may
// hold less or more than this payload).
func rpcTCPHeuristic(b []byte) bool {
	if len(b) < 4 {
		return false
	}
	m := binary.BigEndian.Uint32(b)
	return m&rpcLastFrag != 0 && m&^rpcLastFrag >= 8 && m&^rpcLastFrag <= rpcMaxRecord && rpcLooksLikeCall(b[4:])
}

// rpcLooksLikeCall is packet-rpc.c's test of a call: RPC version 2 and a
// program it knows, with a credential of sane length.
func rpcLooksLikeCall(b []byte) bool {
	if len(b) < 32 || rpcMsgType(binary.BigEndian.Uint32(b[4:])) != rpcCall || binary.BigEndian.Uint32(b[8:]) != 2 {
		return false
	}
	return rpcPrograms[binary.BigEndian.Uint32(b[12:])] != nil && binary.BigEndian.Uint32(b[28:]) <= rpcMaxAuthBody
}

// rpcPDULen delimits one record: the 4-byte record mark's fragments up to
// the one marked last.
func rpcPDULen(c *Conv, dir uint8, b []byte) int {
	at := 0
	for {
		if len(b) < at+4 {
			return 0
		}
		m := binary.BigEndian.Uint32(b[at:])
		n := int(m &^ rpcLastFrag)
		if at == 0 && n < 8 || n > rpcMaxRecord {
			return -1
		}
		at += 4 + n
		if m&rpcLastFrag != 0 || at+4 > maxPDUKeep {
			return at
		}
	}
}

// xdr reads XDR (RFC 4506) items, remembering whether it ran out of bytes.
type xdr struct {
	b   []byte
	off int
	bad bool
}

func (r *xdr) u32() (uint32, int) {
	at := r.off
	if r.bad || len(r.b)-r.off < 4 {
		r.bad = true
		return 0, at
	}
	r.off += 4
	return binary.BigEndian.Uint32(r.b[at:]), at
}

func (r *xdr) u64() (uint64, int) {
	at := r.off
	if r.bad || len(r.b)-r.off < 8 {
		r.bad = true
		return 0, at
	}
	r.off += 8
	return binary.BigEndian.Uint64(r.b[at:]), at
}

// opaque reads a variable-length opaque or string: its bytes, where the
// length word is and where the bytes start; max bounds the length.
func (r *xdr) opaque(max int) (data []byte, at, start int) {
	n, at := r.u32()
	if r.bad || int64(n) > int64(max) || int64(n) > int64(len(r.b)-r.off) {
		r.bad = true
		return nil, at, r.off
	}
	start = r.off
	data = r.b[start : start+int(n)]
	r.off += int(n)
	if pad := (4 - int(n)%4) % 4; pad > 0 {
		if len(r.b)-r.off < pad {
			r.bad = true
		} else {
			r.off += pad
		}
	}
	return data, at, start
}

// fill is the padding after an opaque of n bytes starting at start, as
// Wireshark shows it ("fill bytes: opaque data"), or nothing.
func rpcFill(start, n int) []Field {
	if pad := (4 - n%4) % 4; pad > 0 {
		return []Field{{Name: "rpc.fill_bytes", Label: "fill bytes: opaque data", Start: start + n, Len: pad}}
	}
	return nil
}

// rpcOpaqueField is an opaque or string as Wireshark shows it: a node
// labelled "<label>: <value>" holding the length and the contents.
func rpcOpaqueField(r *xdr, max int, label, name, kindLabel string) (Field, []byte) {
	data, at, start := r.opaque(max)
	if r.bad {
		return Field{}, nil
	}
	s := Printable(string(data))
	return Field{Label: label + ": " + s, Start: at, Len: r.off - at, Children: append([]Field{
		UintField("rpc.opaque_length", "length: "+strconv.Itoa(len(data)), at, 4, uint64(len(data))),
		StrField(name, kindLabel+": "+s, start, len(data), string(data)),
	}, rpcFill(start, len(data))...)}, data
}

// rpcAuth reads an opaque_auth (credentials or verifier).
func rpcAuth(r *xdr, label string, cred bool) Field {
	flavor, at := r.u32()
	n, nat := r.u32()
	if r.bad || n > rpcMaxAuthBody || int(n) > len(r.b)-r.off {
		r.bad = true
		return Field{}
	}
	body := r.off
	name := rpcFlavors[flavor]
	if name == "" {
		name = "Unknown"
	}
	f := Field{Label: label, Start: at, Len: 8 + int(n), Children: []Field{
		UintField("rpc.auth.flavor", fmt.Sprintf("Flavor: %s (%d)", name, flavor), at, 4, uint64(flavor)),
		UintField("rpc.auth.length", fmt.Sprintf("Length: %d", n), nat, 4, uint64(n)),
	}}
	if cred && flavor == rpcAuthUnix {
		sub := xdr{b: r.b[:body+int(n)], off: body}
		stamp, sat := sub.u32()
		mf, _ := rpcOpaqueField(&sub, 255, "Machine Name", "rpc.auth.machinename", "contents")
		uid, uat := sub.u32()
		gid, gat := sub.u32()
		ngids, nat := sub.u32()
		if !sub.bad {
			f.Children = append(f.Children, UintField("rpc.auth.stamp", fmt.Sprintf("Stamp: 0x%08x", stamp), sat, 4, uint64(stamp)), mf,
				UintField("rpc.auth.uid", fmt.Sprintf("UID: %d", uid), uat, 4, uint64(uid)),
				UintField("rpc.auth.gid", fmt.Sprintf("GID: %d", gid), gat, 4, uint64(gid)))
			gids := Field{Label: fmt.Sprintf("Auxiliary GIDs (%d)", ngids), Start: nat, Len: 4}
			var list []byte
			for i := uint32(0); i < ngids && i < rpcMaxGIDs; i++ {
				g, at := sub.u32()
				if sub.bad {
					break
				}
				if i == 0 {
					list = append(list, " ["...)
				} else {
					list = append(list, ", "...)
				}
				list = strconv.AppendUint(list, uint64(g), 10)
				gids.Children = append(gids.Children, UintField("rpc.auth.gid", fmt.Sprintf("GID: %d", g), at, 4, uint64(g)))
				gids.Len += 4
			}
			if len(list) > 0 {
				gids.Label += string(list) + "]"
			}
			f.Children = append(f.Children, gids)
		}
	}
	r.off = body + int(n)
	return f
}

// rpcColumns writes a record's Protocol and Info start as packet-rpc.c
// does for each record: the first record of a frame clears the column,
// later ones append "  ; ". After a record that TCP reassembled from
// earlier segments, TCP fences the column and locks the Protocol column
// (desegment_tcp), so the next record's text follows it directly.
func rpcColumns(p *PDU, out *Out, st *rpcConv, proto, text string) {
	whole := len(p.Segments) > 1
	switch {
	case st.lastFrame != p.Frame:
		out.SetProto(proto)
		out.SetInfo(text)
	case st.lastWhole:
		out.AppendInfo("", text)
	default:
		out.SetProto(proto)
		out.AppendInfo("  ; ", text)
	}
	st.lastFrame, st.lastWhole = p.Frame, whole
}

// rpcDissect reads one RPC message: a datagram, or a TCP record with its
// record marks.
func rpcDissect(p *PDU, out *Out) bool {
	st := rpcState(p.Conv)
	b := p.Data
	var frag []Field
	base := 0
	if p.TCP {
		if len(b) < 4 {
			return false
		}
		m := binary.BigEndian.Uint32(b)
		n := int(m &^ rpcLastFrag)
		last := "Last fragment"
		yes := "Yes"
		if m&rpcLastFrag == 0 {
			last, yes = "Not last fragment", "No"
		}
		var lf uint64
		if m&rpcLastFrag != 0 {
			lf = 1
		}
		frag = []Field{{Label: fmt.Sprintf("Fragment header: %s, %d bytes", last, n), Start: 0, Len: 4, Children: []Field{
			{Name: "rpc.lastfrag", Label: bitsLabel32(m, rpcLastFrag, "Last Fragment: "+yes), Start: 0, Len: 4, Kind: FieldBool, Num: lf},
			UintField("rpc.fraglen", bitsLabel32(m, ^uint32(rpcLastFrag), fmt.Sprintf("Fragment Length: %d", n)), 0, 4, uint64(n)),
		}}}
		if m&rpcLastFrag == 0 {
			// a record of several fragments: read the fragments' bytes joined
			b = rpcJoinFragments(b)
		} else {
			base = 4
		}
	}
	r := &xdr{b: b, off: base}
	xid, xat := r.u32()
	typ, tat := r.u32()
	ok := false
	if !r.bad {
		switch rpcMsgType(typ) {
		case rpcCall:
			ok = rpcDissectCall(p, out, st, r, frag, xid, xat, tat)
		case rpcReply:
			ok = rpcDissectReply(p, out, st, r, frag, xid, xat, tat)
		}
	}
	if !ok && !p.TCP && len(b) > 0 && (p.SrcPort == rpcPortmapPort || p.DstPort == rpcPortmapPort) {
		// packet-rpc.c's dissect_rpc on its port: dissect_rpc_continuation
		out.SetProto("RPC")
		out.SetInfo("Continuation")
		if out.WantTree {
			out.Add(Field{Name: "rpc", Label: "Remote Procedure Call", Len: len(b), Kind: FieldProto, Children: []Field{
				{Name: "rpc.continuation_data", Label: "Continuation data: " + rpcBytesText(b), Len: len(b), Kind: FieldBytes, Str: string(b)},
			}})
		}
		return true
	}
	return ok
}

// rpcBytesText is bytes as Wireshark's labels show them: hex, cut after
// 36 bytes with an ellipsis.
func rpcBytesText(b []byte) string {
	if len(b) > 36 {
		return hexString(b[:36]) + "…"
	}
	return hexString(b)
}

// rpcJoinFragments returns a multi-fragment record's data without its
// record marks, preceded by 4 zero bytes where the first mark was (so
// offsets into it stay those of the first fragment until the second).
func rpcJoinFragments(b []byte) []byte {
	out := make([]byte, 4, len(b))
	for at := 0; at+4 <= len(b); {
		m := binary.BigEndian.Uint32(b[at:])
		end := min(at+4+int(m&^rpcLastFrag), len(b))
		out = append(out, b[at+4:end]...)
		at = end
		if m&rpcLastFrag != 0 {
			break
		}
	}
	return out
}

// bitsLabel32 is Wireshark's bit-field label of mask in v: the 32 bits
// with those outside mask as dots, then " = " and text.
func bitsLabel32(v, mask uint32, text string) string {
	return bitString(v, 32, mask) + " = " + text
}

func rpcDissectCall(p *PDU, out *Out, st *rpcConv, r *xdr, frag []Field, xid uint32, xat, tat int) bool {
	rv, rvat := r.u32()
	prog, pat := r.u32()
	vers, vat := r.u32()
	proc, prat := r.u32()
	if r.bad || rv != 2 {
		return false
	}
	pg := rpcPrograms[prog]
	if pg == nil {
		return false
	}
	gss := r.off+4 <= len(r.b) && binary.BigEndian.Uint32(r.b[r.off:]) == rpcsecGSS
	cred := rpcAuth(r, "Credentials", true)
	if r.bad {
		return false
	}
	verf := rpcAuth(r, "Verifier", false)
	procname := pg.procName(vers, proc)
	text := fmt.Sprintf("V%d %s Call", vers, procname)
	if prog == rpcProgNFS && vers == 4 && procname == "COMPOUND" {
		text = "V4 Call"
	}
	prefix := ""
	if c := st.calls[xid]; c != nil && c.frame != p.Frame {
		prefix = fmt.Sprintf("[RPC retransmission of #%d]", c.frame+1)
		if c.reply >= 0 {
			// tshark's one pass has seen the first call's reply by now
			text += fmt.Sprintf(" (Reply In %d)", c.reply+1)
		}
	} else if c == nil {
		if len(st.calls) >= rpcMaxCalls {
			clear(st.calls)
		}
		st.calls[xid] = &rpcCallInfo{frame: p.Frame, reply: -1, prog: prog, vers: vers, prc: proc, gss: gss}
	}
	rpcColumns(p, out, st, pg.name, prefix+text)
	f := Field{Name: "rpc", Label: fmt.Sprintf("Remote Procedure Call, Type:Call XID:0x%08x", xid), Len: r.off, Kind: FieldProto}
	f.Children = append(frag,
		UintField("rpc.xid", fmt.Sprintf("XID: 0x%08x (%d)", xid, xid), xat, 4, uint64(xid)),
		UintField("rpc.msgtyp", "Message Type: Call (0)", tat, 4, 0),
		UintField("rpc.version", fmt.Sprintf("RPC Version: %d", rv), rvat, 4, uint64(rv)),
		UintField("rpc.program", fmt.Sprintf("Program: %s (%d)", pg.name, prog), pat, 4, uint64(prog)),
		UintField("rpc.programversion", fmt.Sprintf("Program Version: %d", vers), vat, 4, uint64(vers)),
		UintField("rpc.procedure", fmt.Sprintf("Procedure: %s (%d)", procname, proc), prat, 4, uint64(proc)),
		cred)
	if !r.bad {
		f.Children = append(f.Children, verf)
	}
	if out.WantTree {
		out.Add(f)
	}
	if r.bad || gss {
		return true
	}
	rpcBody(p, out, pg, prog, vers, proc, procname, rpcCall, r, nil)
	return true
}

func rpcDissectReply(p *PDU, out *Out, st *rpcConv, r *xdr, frag []Field, xid uint32, xat, tat int) bool {
	c := st.calls[xid]
	if c == nil {
		return false
	}
	pg := rpcPrograms[c.prog]
	procname := pg.procName(c.vers, c.prc)
	text := fmt.Sprintf("V%d %s Reply (Call In %d)", c.vers, procname, c.frame+1)
	if c.prog == rpcProgNFS && c.vers == 4 && procname == "COMPOUND" {
		text = fmt.Sprintf("V4 Reply (Call In %d)", c.frame+1)
	}
	if c.reply >= 0 && c.reply != p.Frame {
		text = fmt.Sprintf("[RPC duplicate of #%d]", c.reply+1) + text
	} else {
		c.reply = p.Frame
	}
	rpcColumns(p, out, st, pg.name, text)
	f := Field{Name: "rpc", Label: fmt.Sprintf("Remote Procedure Call, Type:Reply XID:0x%08x", xid), Kind: FieldProto}
	f.Children = append(frag,
		UintField("rpc.xid", fmt.Sprintf("XID: 0x%08x (%d)", xid, xid), xat, 4, uint64(xid)),
		UintField("rpc.msgtyp", "Message Type: Reply (1)", tat, 4, 1),
		UintField("rpc.program", fmt.Sprintf("Program: %s (%d)", pg.name, c.prog), 0, 0, uint64(c.prog)),
		UintField("rpc.programversion", fmt.Sprintf("Program Version: %d", c.vers), 0, 0, uint64(c.vers)),
		UintField("rpc.procedure", fmt.Sprintf("Procedure: %s (%d)", procname, c.prc), 0, 0, uint64(c.prc)))
	state, sat := r.u32()
	body := false
	if !r.bad {
		name := "accepted"
		if state == rpcMsgDenied {
			name = "denied"
		}
		f.Children = append(f.Children,
			UintField("rpc.replystat", fmt.Sprintf("Reply State: %s (%d)", name, state), sat, 4, uint64(state)),
			UintField("rpc.repframe", fmt.Sprintf("This is a reply to a request in frame %d", c.frame+1), 0, 0, uint64(c.frame+1)))
		switch state {
		case rpcMsgAccepted:
			verf := rpcAuth(r, "Verifier", false)
			acc, aat := r.u32()
			if !r.bad {
				name := "Unknown"
				if int(acc) < len(rpcAcceptStates) {
					name = rpcAcceptStates[acc]
				}
				f.Children = append(f.Children, verf,
					UintField("rpc.state_accept", fmt.Sprintf("Accept State: %s (%d)", name, acc), aat, 4, uint64(acc)))
				if acc == rpcProgMismtch {
					lo, lat := r.u32()
					hi, hat := r.u32()
					if !r.bad {
						f.Children = append(f.Children,
							UintField("rpc.programversion.min", fmt.Sprintf("Program Version (Minimum): %d", lo), lat, 4, uint64(lo)),
							UintField("rpc.programversion.max", fmt.Sprintf("Program Version (Maximum): %d", hi), hat, 4, uint64(hi)))
					}
				}
				body = acc == rpcSuccess
			}
		case rpcMsgDenied:
			rej, rat := r.u32()
			if !r.bad {
				name := "RPC_MISMATCH"
				if rej == rpcAuthError {
					name = "AUTH_ERROR"
				}
				f.Children = append(f.Children, UintField("rpc.state_reject", fmt.Sprintf("Reject State: %s (%d)", name, rej), rat, 4, uint64(rej)))
			}
		}
	}
	f.Len = r.off
	if out.WantTree {
		out.Add(f)
	}
	if body && !r.bad && !c.gss {
		rpcBody(p, out, pg, c.prog, c.vers, c.prc, procname, rpcReply, r, c)
	}
	return true
}

// rpcBody hands a call's arguments or a reply's results to the program's
// part (NFS, Portmap, MOUNT), which appends to Info and adds its layer;
// other programs get a layer naming the procedure.
func rpcBody(p *PDU, out *Out, pg *rpcProgram, prog, vers, proc uint32, procname string, typ rpcMsgType, r *xdr, c *rpcCallInfo) {
	start := r.off
	var f Field
	switch prog {
	case rpcProgNFS:
		f = nfsBody(p, out, vers, proc, procname, typ, r)
	case rpcProgPortmap:
		f = portmapBody(out, vers, proc, procname, typ, r)
	case rpcProgMount:
		f = mountBody(out, vers, proc, procname, typ, r)
	default:
		return // no procedure details for the other programs
	}
	if f.Name == "" || !out.WantTree {
		return
	}
	f.Start, f.Len = start, len(r.b)-start
	if p.Off >= 0 {
		// Wireshark places the generated version and procedure lines that
		// open the program's layer at the sum of the RPC and program
		// layers' frame offsets (offset 0 of a subset counted twice); the
		// walker adds the PDU's offset once more.
		for i := range f.Children[:min(2, len(f.Children))] {
			f.Children[i].Start = start + p.Off
		}
	}
	out.Add(f)
}

// rpcProcFields are the generated version and procedure lines that open a
// program's layer ("Program Version: 3", "V3 Procedure: GETATTR (1)").
func rpcProcFields(filter string, prog, vers, proc uint32, procname string) []Field {
	pf := UintField(fmt.Sprintf("%s.procedure_v%d", filter, vers), fmt.Sprintf("V%d Procedure: %s (%d)", vers, procname, proc), 0, 0, uint64(proc))
	if rpcPrograms[prog].procs[vers] == nil {
		// a version Wireshark has no procedure field for
		pf = UintField("rpc.procedure", fmt.Sprintf("Procedure: %s (%d)", procname, proc), 0, 0, uint64(proc))
	}
	return []Field{UintField("rpc.programversion", fmt.Sprintf("Program Version: %d", vers), 0, 0, uint64(vers)), pf}
}
