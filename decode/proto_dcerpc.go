package decode

import (
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
)

// Connection-oriented DCE/RPC (C706 chapter 12, MS-RPCE 2.2): PDUs on TCP
// (ncacn_ip_tcp: the endpoint mapper on 135 and the dynamic ports it
// hands out, found by the PDU header's shape) and inside SMB2 named pipes
// (ncacn_np: the data of Write, Read and FSCTL_PIPE_TRANSCEIVE, which
// proto_smb2.go passes here). The Info column and tree are Wireshark's
// (packet-dcerpc.c): the packet type and call ID, the contexts of a Bind,
// the results of a Bind_ack, the opnum of a Request; a Request on an
// interface Wireshark knows is named by it ("SRVSVC", "NetShareGetInfo
// request") and so is its Response, which only the Request with the same
// call ID on the same connection and pipe ties to the interface the Bind
// gave its context. gopacket has no DCE/RPC layer: read by hand.

// dcerpcPType is a PDU type (C706 12.6.4.1).
type dcerpcPType uint8

const (
	dcerpcRequest   dcerpcPType = 0
	dcerpcResponse  dcerpcPType = 2
	dcerpcFault     dcerpcPType = 3
	dcerpcBind      dcerpcPType = 11
	dcerpcBindAck   dcerpcPType = 12
	dcerpcBindNak   dcerpcPType = 13
	dcerpcAlter     dcerpcPType = 14
	dcerpcAlterResp dcerpcPType = 15
	dcerpcAuth3     dcerpcPType = 16
	dcerpcShutdown  dcerpcPType = 17
	dcerpcCoCancel  dcerpcPType = 18
	dcerpcOrphaned  dcerpcPType = 19
	dcerpcRTS       dcerpcPType = 20
)

var dcerpcPTypeNames = [...]string{"Request", "Ping", "Response", "Fault", "Working", "Nocall", "Reject", "Ack",
	"Cl_cancel", "Fack", "Cancel_ack", "Bind", "Bind_ack", "Bind_nak", "Alter_context", "Alter_context_resp",
	"AUTH3", "Shutdown", "Co_cancel", "Orphaned", "RPC-over-HTTP RTS"}

// Header flags (C706 12.6.3.1).
const (
	dcerpcFirstFrag  = 0x01
	dcerpcLastFrag   = 0x02
	dcerpcObjectUUID = 0x80
)

// dcerpcHeaderLen is the common header's length.
const dcerpcHeaderLen = 16

// dcerpcAuthLevelPrivacy is the authentication level whose stubs are
// encrypted (C706 13.1.2.1): their contents cannot be read.
const dcerpcAuthLevelPrivacy = 6

// dcerpcMaxTracked bounds the contexts and calls remembered per
// conversation, dcerpcMaxStub the stub bytes kept while fragments gather.
const (
	dcerpcMaxTracked = 4096
	dcerpcMaxStub    = 1 << 16
)

var dcerpc = &Dissector{
	Name:      "dcerpc",
	PDULen:    dcerpcPDULen,
	Dissect:   dissectDCERPCTCP,
	Heuristic: dcerpcLooksLike,
	Fields:    dcerpcFields(),
}

func init() { RegisterTCP(dcerpc, 135) }

// dcerpcLooksLike is Wireshark's is_dcerpc: a whole common header with
// version 5.0 or 5.1, a known PDU type, a valid data representation and a
// fragment length that holds the header.
func dcerpcLooksLike(b []byte) bool {
	if len(b) < dcerpcHeaderLen || b[0] != 5 || b[1] > 1 || b[2] > byte(dcerpcRTS) || b[4]&0xee != 0 || b[5] > 3 {
		return false
	}
	return dcerpcUint16(b, 8, b[4]) >= dcerpcHeaderLen
}

// dcerpcPDULen delimits a PDU on TCP by its fragment length, as
// get_dcerpc_pdu_len does.
func dcerpcPDULen(_ *Conv, _ uint8, b []byte) int {
	if len(b) < 10 {
		return 0
	}
	n := int(dcerpcUint16(b, 8, b[4]))
	if n < dcerpcHeaderLen {
		return -1
	}
	return n
}

// dcerpcUint16 and dcerpcUint32 read integers in the byte order the data
// representation's first byte gives (its high nibble 1: little-endian).
func dcerpcUint16(b []byte, at int, drep byte) uint16 {
	if drep&0x10 != 0 {
		return binary.LittleEndian.Uint16(b[at:])
	}
	return binary.BigEndian.Uint16(b[at:])
}

func dcerpcUint32(b []byte, at int, drep byte) uint32 {
	if drep&0x10 != 0 {
		return binary.LittleEndian.Uint32(b[at:])
	}
	return binary.BigEndian.Uint32(b[at:])
}

// dcerpcUUID is a UUID in its canonical (string) byte order.
type dcerpcUUID [16]byte

// dcerpcGetUUID reads a UUID whose first three fields follow drep.
func dcerpcGetUUID(b []byte, at int, drep byte) dcerpcUUID {
	var u dcerpcUUID
	binary.BigEndian.PutUint32(u[0:], dcerpcUint32(b, at, drep))
	binary.BigEndian.PutUint16(u[4:], dcerpcUint16(b, at+4, drep))
	binary.BigEndian.PutUint16(u[6:], dcerpcUint16(b, at+6, drep))
	copy(u[8:], b[at+8:at+16])
	return u
}

func (u dcerpcUUID) String() string {
	const hx = "0123456789abcdef"
	var s [36]byte
	j := 0
	for i, c := range u {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			s[j] = '-'
			j++
		}
		s[j], s[j+1] = hx[c>>4], hx[c&15]
		j += 2
	}
	return string(s[:])
}

func mustUUID(s string) dcerpcUUID {
	var u dcerpcUUID
	h := strings.ReplaceAll(s, "-", "")
	for i := range u {
		v, err := strconv.ParseUint(h[2*i:2*i+2], 16, 8)
		if err != nil {
			panic("bad UUID " + s)
		}
		u[i] = byte(v)
	}
	return u
}

// dcerpcStatusKind says how an interface's operations report their result
// (the last four bytes of a response stub), which pidl-generated
// dissectors append to Info as ", Error: NAME" when it is not zero.
type dcerpcStatusKind uint8

const (
	dcerpcStatusNone   dcerpcStatusKind = iota
	dcerpcStatusNT                      // NTSTATUS (MS-ERREF 2.3)
	dcerpcStatusWERROR                  // WERROR (MS-ERREF 2.2)
)

// dcerpcInterface is an interface Wireshark has a dissector for.
type dcerpcInterface struct {
	proto    string // Protocol column (the dissector's short name)
	filter   string // filter name of the protocol
	opField  string // filter name of its opnum field
	longName string
	ops      []string
	status   dcerpcStatusKind
	// statusField is the filter name of the result field, "" when the
	// dissector has none.
	statusField string
}

type dcerpcIfaceKey struct {
	uuid dcerpcUUID
	ver  uint16
}

// dcerpcInterfaces are the interfaces whose calls tshark names, by UUID
// and major version (MS-SRVS, MS-LSAD, MS-SAMR, MS-WKST, MS-NRPC, C706
// appendix O, MS-DRSR, MS-RRP, MS-SCMR give the UUIDs; the names are
// tshark -G protocols').
var dcerpcInterfaces = map[dcerpcIfaceKey]*dcerpcInterface{
	{mustUUID("4b324fc8-1670-01d3-1278-5a47bf6ee188"), 3}: {proto: "SRVSVC", filter: "srvsvc", opField: "srvsvc.opnum", longName: "Server Service", ops: dcerpcOpsSrvsvc, status: dcerpcStatusWERROR, statusField: "srvsvc.werror"},
	{mustUUID("12345778-1234-abcd-ef00-0123456789ab"), 0}: {proto: "LSARPC", filter: "lsarpc", opField: "lsarpc.opnum", longName: "Local Security Authority", ops: dcerpcOpsLsarpc, status: dcerpcStatusNT, statusField: "lsarpc.status"},
	{mustUUID("12345778-1234-abcd-ef00-0123456789ac"), 1}: {proto: "SAMR", filter: "samr", opField: "samr.opnum", longName: "SAMR (pidl)", ops: dcerpcOpsSamr, status: dcerpcStatusNT, statusField: "samr.status"},
	{mustUUID("6bffd098-a112-3610-9833-46c3f87e345a"), 1}: {proto: "WKSSVC", filter: "wkssvc", opField: "wkssvc.opnum", longName: "Workstation Service", ops: dcerpcOpsWkssvc, status: dcerpcStatusWERROR, statusField: "wkssvc.werror"},
	{mustUUID("12345678-1234-abcd-ef00-01234567cffb"), 1}: {proto: "RPC_NETLOGON", filter: "rpc_netlogon", opField: "netlogon.opnum", longName: "Microsoft Network Logon", ops: dcerpcOpsNetlogon},
	{mustUUID("e1af8308-5d1f-11c9-91a4-08002b14a0fa"), 3}: {proto: "EPM", filter: "epm", opField: "epm.opnum", longName: "DCE/RPC Endpoint Mapper", ops: dcerpcOpsEpm},
	{mustUUID("e1af8308-5d1f-11c9-91a4-08002b14a0fa"), 4}: {proto: "EPMv4", filter: "epm4", opField: "epm.opnum", longName: "DCE/RPC Endpoint Mapper v4", ops: dcerpcOpsEpm},
	{mustUUID("e3514235-4b06-11d1-ab04-00c04fc2dcd2"), 4}: {proto: "DRSUAPI", filter: "drsuapi", opField: "drsuapi.opnum", longName: "DRSUAPI", ops: dcerpcOpsDrsuapi, status: dcerpcStatusWERROR},
	{mustUUID("338cd001-2244-31f1-aaaa-900038001003"), 1}: {proto: "WINREG", filter: "winreg", opField: "winreg.opnum", longName: "Remote Registry Service", ops: dcerpcOpsWinreg, status: dcerpcStatusWERROR, statusField: "winreg.werror"},
	{mustUUID("367abb81-9844-35f1-ad32-98f038001003"), 2}: {proto: "SVCCTL", filter: "svcctl", opField: "svcctl.opnum", longName: "Microsoft Service Control", ops: dcerpcOpsSvcctl, status: dcerpcStatusWERROR},
}

// Transfer syntaxes (C706 appendix I; MS-RPCE 2.2.4.12 and 3.3.1.5.3).
var (
	dcerpcNDR32 = mustUUID("8a885d04-1ceb-11c9-9fe8-08002b104860")
	dcerpcNDR64 = mustUUID("71710533-beba-4937-8319-b5dbef9ccc36")
)

// dcerpcUUIDNames are the names Wireshark resolves UUIDs to in Bind and
// Bind_ack (guids_resolve_guid_to_str): the transfer syntaxes and every
// interface above, the endpoint mapper under the name its version 4
// dissector registered last.
var dcerpcUUIDNames = func() map[dcerpcUUID]string {
	m := map[dcerpcUUID]string{dcerpcNDR32: "32bit NDR", dcerpcNDR64: "64bit NDR"}
	for k, v := range dcerpcInterfaces {
		if _, ok := m[k.uuid]; !ok || k.ver == 4 {
			m[k.uuid] = v.proto
		}
	}
	return m
}()

func dcerpcUUIDName(u dcerpcUUID) string {
	if n, ok := dcerpcUUIDNames[u]; ok {
		return n
	}
	return u.String()
}

// dcerpcFields lists the filter fields the tree carries, with those of the
// interfaces.
func dcerpcFields() []FieldDef {
	fs := []FieldDef{
		{Name: "dcerpc.ver", Desc: "DCE/RPC version", Kind: FieldUint, Bits: 8},
		{Name: "dcerpc.ver_minor", Desc: "DCE/RPC minor version", Kind: FieldUint, Bits: 8},
		{Name: "dcerpc.pkt_type", Desc: "DCE/RPC packet type", Kind: FieldUint, Bits: 8},
		{Name: "dcerpc.cn_flags", Desc: "DCE/RPC packet flags", Kind: FieldUint, Bits: 8},
		{Name: "dcerpc.cn_flags.first_frag", Desc: "DCE/RPC first fragment", Kind: FieldBool},
		{Name: "dcerpc.cn_flags.last_frag", Desc: "DCE/RPC last fragment", Kind: FieldBool},
		{Name: "dcerpc.cn_frag_len", Desc: "DCE/RPC fragment length", Kind: FieldUint, Bits: 16},
		{Name: "dcerpc.cn_auth_len", Desc: "DCE/RPC auth length", Kind: FieldUint, Bits: 16},
		{Name: "dcerpc.cn_call_id", Desc: "DCE/RPC call ID", Kind: FieldUint, Bits: 32},
		{Name: "dcerpc.cn_max_xmit", Desc: "DCE/RPC max transmit fragment", Kind: FieldUint, Bits: 16},
		{Name: "dcerpc.cn_max_recv", Desc: "DCE/RPC max receive fragment", Kind: FieldUint, Bits: 16},
		{Name: "dcerpc.cn_assoc_group", Desc: "DCE/RPC association group", Kind: FieldUint, Bits: 32},
		{Name: "dcerpc.cn_num_ctx_items", Desc: "DCE/RPC context items", Kind: FieldUint, Bits: 8},
		{Name: "dcerpc.cn_ctx_id", Desc: "DCE/RPC context ID", Kind: FieldUint, Bits: 16},
		{Name: "dcerpc.cn_bind_to_uuid", Desc: "DCE/RPC interface UUID", Kind: FieldString},
		{Name: "dcerpc.cn_bind_if_ver", Desc: "DCE/RPC interface version", Kind: FieldUint, Bits: 16},
		{Name: "dcerpc.cn_bind_trans_id", Desc: "DCE/RPC transfer syntax", Kind: FieldString},
		{Name: "dcerpc.cn_sec_addr", Desc: "DCE/RPC secondary address", Kind: FieldString},
		{Name: "dcerpc.cn_num_results", Desc: "DCE/RPC results", Kind: FieldUint, Bits: 8},
		{Name: "dcerpc.cn_ack_result", Desc: "DCE/RPC ack result", Kind: FieldUint, Bits: 16},
		{Name: "dcerpc.cn_alloc_hint", Desc: "DCE/RPC alloc hint", Kind: FieldUint, Bits: 32},
		{Name: "dcerpc.opnum", Desc: "DCE/RPC operation number", Kind: FieldUint, Bits: 16},
		{Name: "dcerpc.cn_status", Desc: "DCE/RPC fault status", Kind: FieldUint, Bits: 32},
		{Name: "dcerpc.auth_type", Desc: "DCE/RPC auth type", Kind: FieldUint, Bits: 8},
		{Name: "dcerpc.auth_level", Desc: "DCE/RPC auth level", Kind: FieldUint, Bits: 8},
		{Name: "dcerpc.request_in", Desc: "DCE/RPC request in frame", Kind: FieldUint, Bits: 32},
	}
	seen := map[string]bool{}
	for _, i := range dcerpcInterfaces {
		if !seen[i.filter] {
			seen[i.filter] = true
			fs = append(fs, FieldDef{Name: i.filter, Desc: i.longName, Kind: FieldProto})
		}
		if !seen[i.opField] {
			seen[i.opField] = true
			fs = append(fs, FieldDef{Name: i.opField, Desc: i.longName + " operation", Kind: FieldUint, Bits: 16})
		}
		if i.statusField != "" && !seen[i.statusField] {
			seen[i.statusField] = true
			fs = append(fs, FieldDef{Name: i.statusField, Desc: i.longName + " result", Kind: FieldUint, Bits: 32})
		}
	}
	return fs
}

// dcerpcState is what one connection (a TCP conversation, or all the pipes
// of an SMB2 one) remembers: the interface each presentation context was
// bound to and the calls in progress, both per pipe (salt: 0 on TCP, the
// pipe's file on SMB2, Wireshark's transport salt), and what the PDUs of
// the packet being dissected did to its columns.
type dcerpcState struct {
	binds map[dcerpcCtxKey]dcerpcBinding
	calls map[dcerpcCtxKey]*dcerpcCall
	// pending is a PDU a pipe's message began but did not finish
	// (Wireshark's SMB2 pipe reassembly), by salt.
	pending map[uint64]*dcerpcPending

	// per packet: the frame, the context ID the last PDU carried (a PDU
	// after one with a non-zero context ID is set off by " # ", as the
	// dcectxid check in dissect_dcerpc_cn does), the Info column's text
	// and the part of it no later PDU may replace.
	frame int
	ctxID uint16
	info  string
	fence int
	pdus  int
	// lastReq is the request frame (1-based) the PDU being dissected
	// answers, for its layer's label; 0 when none.
	lastReq int
}

// dcerpcCtxKey names a context or a call on one pipe.
type dcerpcCtxKey struct {
	salt uint64
	id   uint32
}

type dcerpcBinding struct {
	iface dcerpcIfaceKey
	ndr64 bool
}

// dcerpcCall is a request seen, for its response; stub gathers the
// fragments of a fragmented request or response.
type dcerpcCall struct {
	bind     dcerpcBinding
	opnum    uint16
	reqFrame int
	reqTime  int64
	repFrame int
	stub     [2][]byte // request, response
	gather   [2]bool   // a first fragment began stub
}

type dcerpcPending struct {
	buf  []byte
	need int
}

func newDCERPCState() *dcerpcState {
	return &dcerpcState{binds: map[dcerpcCtxKey]dcerpcBinding{}, calls: map[dcerpcCtxKey]*dcerpcCall{},
		pending: map[uint64]*dcerpcPending{}, frame: -1}
}

// begin starts a packet's columns when frame differs from the last one.
func (st *dcerpcState) begin(frame int) {
	if frame != st.frame {
		st.frame, st.ctxID, st.info, st.fence, st.pdus = frame, 0, "", 0, 0
	}
}

// setInfo is col_add_str after the fence; appendInfo col_append_str.
func (st *dcerpcState) setInfo(s string) { st.info = st.info[:st.fence] + s }
func (st *dcerpcState) appendInfo(s string) {
	st.info += s
}

// dcerpcResult is the Protocol column a PDU gave (the interface it was
// handed to, or DCERPC) and its layers.
type dcerpcResult struct {
	proto string
	tree  []Field
}

// dissectDCERPCTCP dissects one PDU the TCP stream delimited.
func dissectDCERPCTCP(p *PDU, out *Out) bool {
	st, ok := p.Conv.stateDCERPC()
	if !ok {
		return true
	}
	st.begin(p.Frame)
	res, n := st.pdu(p.Data, p.Len, 0, 0, p.Frame, p.Time, out.WantTree)
	if n == 0 {
		return true
	}
	out.SetProto(res.proto)
	out.SetInfo(st.info)
	for _, f := range res.tree {
		out.Add(f)
	}
	return true
}

// stateDCERPC is the conversation's DCE/RPC state on TCP.
func (c *Conv) stateDCERPC() (*dcerpcState, bool) {
	if c == nil {
		return newDCERPCState(), true
	}
	if st, ok := c.State.(*dcerpcState); ok {
		return st, true
	}
	if c.State != nil {
		return nil, false
	}
	st := newDCERPCState()
	c.State = st
	return st, true
}

// pipe dissects the data of one SMB2 message on a named pipe (salt names
// the pipe, base is where data lies in the PDU being dissected). It
// returns the Protocol column and Info text when the data held (or
// completed) DCE/RPC PDUs; ok false leaves the message SMB2's.
func (st *dcerpcState) pipe(salt uint64, data []byte, whole int, base, frame int, t int64, wantTree bool) (proto, info string, tree []Field, ok bool) {
	if pd := st.pending[salt]; pd != nil {
		// more of a PDU an earlier message began
		if len(data) < whole {
			delete(st.pending, salt)
			return "", "", nil, false
		}
		if len(pd.buf)+len(data) > dcerpcMaxStub {
			delete(st.pending, salt)
			return "", "", nil, false
		}
		pd.buf = append(pd.buf, data...)
		if len(pd.buf) < pd.need {
			return "", "", nil, false
		}
		delete(st.pending, salt)
		data, base = pd.buf, -1
	} else if !dcerpcLooksLike(dcerpcSkipNulls(data)) {
		return "", "", nil, false
	}
	st.frame = -1
	st.begin(frame)
	var res dcerpcResult
	for off := 0; off < len(data); {
		b := data[off:]
		skip := 0
		if len(b) >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] == 0 {
			skip = 4
		}
		if !dcerpcLooksLike(b[skip:]) {
			break
		}
		need := skip + int(dcerpcUint16(b, skip+8, b[skip+4]))
		if need > len(b) {
			// the PDU runs on into the pipe's next message
			if st.pdus == 0 && len(data) == whole && base >= 0 && need <= dcerpcMaxStub {
				st.pending[salt] = &dcerpcPending{buf: append([]byte(nil), b...), need: need}
			}
			break
		}
		b = b[skip:need]
		pbase := -1
		if base >= 0 {
			pbase = base + off + skip
		}
		r, n := st.pdu(b, len(b), salt, pbase, frame, t, wantTree)
		if n == 0 {
			break
		}
		res.proto = r.proto
		tree = append(tree, r.tree...)
		off += need
	}
	if st.pdus == 0 {
		return "", "", nil, false
	}
	if st.pdus >= 2 {
		res.proto = strconv.Itoa(st.pdus) + "*DCERPC"
	}
	return res.proto, st.info, tree, true
}

// dcerpcSkipNulls drops the four zero bytes Wireshark allows before a PDU.
func dcerpcSkipNulls(b []byte) []byte {
	if len(b) >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] == 0 {
		return b[4:]
	}
	return b
}

// dcerpcPDU is one PDU's common header and where its parts lie.
type dcerpcPDU struct {
	b       []byte // the PDU (the captured part of it)
	whole   int    // its fragment length
	ptype   dcerpcPType
	flags   byte
	drep    byte
	authLen int
	callID  uint32
	base    int // where b[0] lies in the dissected data; -1: nowhere
	tree    *Field
	want    bool
	// auth trailer (C706 13.2.6.1): type, level, padding, and where the
	// credentials start; authAt < 0 when there is none
	authType, authLevel, authPad byte
	authAt                       int
}

func (d *dcerpcPDU) u16(at int) uint16 { return dcerpcUint16(d.b, at, d.drep) }
func (d *dcerpcPDU) u32(at int) uint32 { return dcerpcUint32(d.b, at, d.drep) }
func (d *dcerpcPDU) has(at, n int) bool {
	return at >= 0 && n >= 0 && at+n <= len(d.b)
}

// add appends a field at a PDU offset to the PDU's tree (when built).
func (d *dcerpcPDU) add(f Field) {
	if d.tree != nil {
		d.tree.Children = append(d.tree.Children, d.shift(f))
	}
}

// shift moves a field built at PDU offsets to the data's, first cutting
// it (and its children) to the bytes of the PDU captured.
func (d *dcerpcPDU) shift(f Field) Field {
	fs := []Field{f}
	dcerpcClip(fs, len(d.b))
	Shift(fs, d.base)
	return fs[0]
}

// dcerpcClip cuts fields to the first n bytes.
func dcerpcClip(fs []Field, n int) {
	for i := range fs {
		f := &fs[i]
		if f.Start > n {
			f.Start, f.Len = n, 0
		} else if f.Start+f.Len > n {
			f.Len = n - f.Start
		}
		dcerpcClip(f.Children, n)
	}
}

// pdu dissects one PDU (b its bytes, whole its length); n is 0 when b is
// not a PDU.
func (st *dcerpcState) pdu(b []byte, whole int, salt uint64, base, frame int, t int64, wantTree bool) (res dcerpcResult, n int) {
	b = dcerpcSkipNulls(b)
	if !dcerpcLooksLike(b) {
		return res, 0
	}
	if base >= 0 && len(b) < whole {
		// b lost its start: no offsets
		base = -1
	}
	d := &dcerpcPDU{b: b, whole: int(dcerpcUint16(b, 8, b[4])), ptype: dcerpcPType(b[2]), flags: b[3], drep: b[4],
		callID: dcerpcUint32(b, 12, b[4]), base: base, want: wantTree, authAt: -1}
	d.authLen = int(d.u16(10))
	if len(d.b) > d.whole {
		d.b = d.b[:d.whole]
	}
	st.pdus++
	if st.ctxID != 0 {
		st.appendInfo(" # ")
		st.fence = len(st.info)
	}
	typeName := dcerpcPTypeNames[d.ptype]
	st.setInfo(typeName + ": call_id: " + strconv.FormatUint(uint64(d.callID), 10))
	res.proto = "DCERPC"
	var top Field
	if wantTree {
		top = Field{Name: "dcerpc", Label: "Distributed Computing Environment / Remote Procedure Call (DCE/RPC) " + typeName +
			", Fragment: " + dcerpcFragType(d.flags) + ", FragLen: " + strconv.Itoa(d.whole) + ", Call: " + strconv.FormatUint(uint64(d.callID), 10),
			Start: 0, Len: len(d.b), Kind: FieldProto}
		d.tree = &top
		d.header()
	}
	st.appendInfo(", Fragment: " + dcerpcFragType(d.flags))
	d.auth()
	var sub []Field
	switch d.ptype {
	case dcerpcBind, dcerpcAlter:
		st.bind(d, salt)
	case dcerpcBindAck, dcerpcAlterResp:
		st.bindAck(d)
	case dcerpcAuth3:
		st.authInfo(d)
	case dcerpcRequest:
		res.proto, sub = st.request(d, salt, frame, t)
	case dcerpcResponse:
		res.proto, sub = st.response(d, salt, frame, t)
	case dcerpcFault:
		st.fault(d, salt, frame, t)
	case dcerpcBindNak:
		if d.has(16, 2) {
			r := d.u16(16)
			st.appendInfo(" reason: " + dcerpcRejectReason(r))
			d.add(UintField("dcerpc.cn_reject_reason", fmt.Sprintf("Reject reason: %s (%d)", dcerpcRejectReason(r), r), 16, 2, uint64(r)))
		}
	}
	if wantTree {
		children := top.Children
		top = d.shift(Field{Name: top.Name, Label: top.Label, Len: top.Len, Kind: FieldProto})
		top.Children = children
		if d.ptype == dcerpcRequest || d.ptype == dcerpcResponse {
			if ctx := d.has(20, 2); ctx {
				top.Label += ", Ctx: " + strconv.Itoa(int(d.u16(20)))
			}
		}
		if st.lastReq > 0 {
			top.Label += ", [Req: #" + strconv.Itoa(st.lastReq) + "]"
		}
		d.addAuthTree(&top)
		res.tree = append([]Field{top}, sub...)
	}
	st.lastReq = 0
	return res, 1
}

func dcerpcFragType(flags byte) string {
	return [...]string{"Mid", "1st", "Last", "Single"}[flags&3]
}

func dcerpcRejectReason(r uint16) string {
	names := [...]string{"Reason not specified", "Temporary congestion", "Local limit exceeded", "Called paddr unknown",
		"Protocol version not supported", "Default context not supported", "User data not readable",
		"No PSAP available", "Authentication type not recognized", "Invalid checksum"}
	if int(r) < len(names) {
		return names[r]
	}
	return fmt.Sprintf("Unknown (%d)", r)
}

// header adds the common header's fields.
func (d *dcerpcPDU) header() {
	b := d.b
	d.add(UintField("dcerpc.ver", "Version: "+strconv.Itoa(int(b[0])), 0, 1, uint64(b[0])))
	d.add(UintField("dcerpc.ver_minor", "Version (minor): "+strconv.Itoa(int(b[1])), 1, 1, uint64(b[1])))
	d.add(UintField("dcerpc.pkt_type", fmt.Sprintf("Packet type: %s (%d)", dcerpcPTypeNames[d.ptype], d.ptype), 2, 1, uint64(d.ptype)))
	flags := UintField("dcerpc.cn_flags", fmt.Sprintf("Packet Flags: 0x%02x", d.flags), 3, 1, uint64(d.flags))
	for i, fl := range []struct{ name, label string }{
		{"object", "Object"}, {"maybe", "Maybe"}, {"dne", "Did Not Execute"}, {"mpx", "Multiplex"},
		{"reserved", "Reserved"}, {"cancel_pending", "Cancel Pending"}, {"last_frag", "Last Frag"}, {"first_frag", "First Frag"},
	} {
		bit := uint32(0x80) >> i
		v, s := uint64(0), "Not set"
		if uint32(d.flags)&bit != 0 {
			v, s = 1, "Set"
		}
		flags.Children = append(flags.Children, Field{Name: "dcerpc.cn_flags." + fl.name,
			Label: bitString(uint32(d.flags), 8, bit) + " = " + fl.label + ": " + s, Start: 3, Len: 1, Kind: FieldBool, Num: v})
	}
	d.add(flags)
	order, char, fp := "Big-endian", "ASCII", "IEEE"
	if d.drep&0x10 != 0 {
		order = "Little-endian"
	}
	if d.drep&0x01 != 0 {
		char = "EBCDIC"
	}
	if int(b[5]) < 4 {
		fp = [...]string{"IEEE", "VAX", "Cray", "IBM"}[b[5]]
	}
	d.add(Field{Name: "dcerpc.drep", Label: fmt.Sprintf("Data Representation: %02x%02x%02x%02x (Order: %s, Char: %s, Float: %s)", b[4], b[5], b[6], b[7], order, char, fp),
		Start: 4, Len: 4, Kind: FieldBytes, Str: string(b[4:8]), Children: []Field{
			UintField("dcerpc.drep.byteorder", fmt.Sprintf("Byte order: %s (%d)", order, d.drep>>4), 4, 1, uint64(d.drep>>4)),
			UintField("dcerpc.drep.character", fmt.Sprintf("Character: %s (%d)", char, d.drep&15), 4, 1, uint64(d.drep&15)),
			UintField("dcerpc.drep.fp", fmt.Sprintf("Floating-point: %s (%d)", fp, b[5]), 5, 1, uint64(b[5])),
		}})
	d.add(UintField("dcerpc.cn_frag_len", "Frag Length: "+strconv.Itoa(d.whole), 8, 2, uint64(d.whole)))
	d.add(UintField("dcerpc.cn_auth_len", "Auth Length: "+strconv.Itoa(d.authLen), 10, 2, uint64(d.authLen)))
	d.add(UintField("dcerpc.cn_call_id", "Call ID: "+strconv.FormatUint(uint64(d.callID), 10), 12, 4, uint64(d.callID)))
}

// auth finds the authentication trailer at the PDU's end (as
// dissect_dcerpc_cn_auth does: when its length fits after the body).
func (d *dcerpcPDU) auth() {
	bodyAt := dcerpcBodyStart(d.ptype)
	if d.authLen == 0 || d.authLen+8 > d.whole-bodyAt {
		return
	}
	at := d.whole - (d.authLen + 8)
	if !d.has(at, 8) {
		return
	}
	d.authType, d.authLevel, d.authPad = d.b[at], d.b[at+1], d.b[at+2]
	d.authAt = at + 8
}

// dcerpcBodyStart is where a PDU type's body starts after the header, the
// offset dissect_dcerpc_cn_auth measures the trailer against (the stub of
// a request or response, the header's end otherwise).
func dcerpcBodyStart(t dcerpcPType) int {
	switch t {
	case dcerpcRequest, dcerpcResponse, dcerpcFault:
		return 24
	}
	return dcerpcHeaderLen
}

var dcerpcAuthTypes = map[byte]string{0: "None", 1: "Kerberos 5", 9: "SPNEGO", 10: "NTLMSSP", 14: "SCHANNEL SSP",
	16: "Kerberos SSP", 17: "Distributed Password Authentication SSP", 18: "MSN SSP", 21: "Digest SSP",
	68: "NETLOGON Secure Channel", 100: "MSMQ SSP"}

var dcerpcAuthLevels = [...]string{"None", "None", "Connect", "Call", "Packet", "Packet integrity", "Packet privacy"}

func dcerpcAuthLevelName(l byte) (string, bool) {
	if l >= 1 && int(l) < len(dcerpcAuthLevels) {
		return dcerpcAuthLevels[l], true
	}
	return "", false
}

// addAuthTree adds the authentication trailer to the PDU's tree.
func (d *dcerpcPDU) addAuthTree(top *Field) {
	if d.authAt < 0 {
		return
	}
	at := d.authAt - 8
	tn, ok := dcerpcAuthTypes[d.authType]
	if !ok {
		tn = fmt.Sprintf("AuthType(%d)", d.authType)
	}
	ln, ok := dcerpcAuthLevelName(d.authLevel)
	if !ok {
		ln = fmt.Sprintf("AuthLevel(%d)", d.authLevel)
	}
	ctx := d.u32(at + 4)
	f := Field{Name: "dcerpc.auth_info", Label: fmt.Sprintf("Auth Info: %s, %s, AuthContextId(%d)", tn, ln, int32(ctx)),
		Start: at, Len: d.authLen + 8, Children: []Field{
			UintField("dcerpc.auth_type", fmt.Sprintf("Auth type: %s (%d)", tn, d.authType), at, 1, uint64(d.authType)),
			UintField("dcerpc.auth_level", fmt.Sprintf("Auth level: %s (%d)", ln, d.authLevel), at+1, 1, uint64(d.authLevel)),
			UintField("dcerpc.auth_pad_len", "Auth pad len: "+strconv.Itoa(int(d.authPad)), at+2, 1, uint64(d.authPad)),
			UintField("dcerpc.auth_rsrvd", "Auth Rsrvd: "+strconv.Itoa(int(d.b[at+3])), at+3, 1, uint64(d.b[at+3])),
			UintField("dcerpc.auth_ctx_id", "Auth Context ID: "+strconv.FormatUint(uint64(ctx), 10), at+4, 4, uint64(ctx)),
		}}
	top.Children = append(top.Children, d.shift(f))
}

// authInfo appends what the authentication token says (the NTLMSSP
// message of a Bind, Bind_ack, Alter_context or AUTH3), as the NTLMSSP
// dissector that Wireshark hands the verifier to does.
func (st *dcerpcState) authInfo(d *dcerpcPDU) {
	if d.authAt < 0 || (d.authType != 9 && d.authType != 10) {
		return
	}
	end := d.authAt + d.authLen
	if end > len(d.b) {
		end = len(d.b)
	}
	st.appendInfo(ntlmsspInfo(d.b[d.authAt:end]))
}

// bind reads a Bind or Alter_context (C706 12.6.4.3) and remembers each
// context's interface.
func (st *dcerpcState) bind(d *dcerpcPDU, salt uint64) {
	if !d.has(16, 9) {
		return
	}
	maxX, maxR, group, n := d.u16(16), d.u16(18), d.u32(20), int(d.b[24])
	d.add(UintField("dcerpc.cn_max_xmit", "Max Xmit Frag: "+strconv.Itoa(int(maxX)), 16, 2, uint64(maxX)))
	d.add(UintField("dcerpc.cn_max_recv", "Max Recv Frag: "+strconv.Itoa(int(maxR)), 18, 2, uint64(maxR)))
	d.add(UintField("dcerpc.cn_assoc_group", fmt.Sprintf("Assoc Group: 0x%08x", group), 20, 4, uint64(group)))
	d.add(UintField("dcerpc.cn_num_ctx_items", "Num Ctx Items: "+strconv.Itoa(n), 24, 1, uint64(n)))
	var info strings.Builder
	info.WriteString(", " + strconv.Itoa(n) + " context items:")
	off := 28
	for i := 0; i < n; i++ {
		if !d.has(off, 24) {
			break
		}
		start := off
		ctxID, nTrans := d.u16(off), int(d.b[off+2])
		ifID := dcerpcGetUUID(d.b, off+4, d.drep)
		var ver, minor uint16
		if d.drep&0x10 != 0 {
			ver, minor = d.u16(off+20), d.u16(off+22)
		} else {
			minor, ver = d.u16(off+20), d.u16(off+22)
		}
		item := Field{Name: "dcerpc.cn_ctx_item", Label: fmt.Sprintf("Ctx Item[%d]: Context ID:%d, %s", i+1, ctxID, dcerpcUUIDName(ifID)), Start: off}
		item.Children = []Field{
			UintField("dcerpc.cn_ctx_id", "Context ID: "+strconv.Itoa(int(ctxID)), off, 2, uint64(ctxID)),
			UintField("dcerpc.cn_num_trans_items", "Num Trans Items: "+strconv.Itoa(nTrans), off+2, 1, uint64(nTrans)),
		}
		ifLabel := "Interface UUID: " + ifID.String()
		if name, ok := dcerpcUUIDNames[ifID]; ok {
			ifLabel = "Interface: " + name + " UUID: " + ifID.String()
		}
		verAt, minorAt := off+20, off+22
		if d.drep&0x10 == 0 {
			verAt, minorAt = off+22, off+20
		}
		item.Children = append(item.Children, Field{Name: "dcerpc.cn_bind_abstract_syntax",
			Label: fmt.Sprintf("Abstract Syntax: %s V%d.%d", dcerpcUUIDName(ifID), ver, minor), Start: off + 4, Len: 20, Children: []Field{
				StrField("dcerpc.cn_bind_to_uuid", ifLabel, off+4, 16, ifID.String()),
				UintField("dcerpc.cn_bind_if_ver", "Interface Ver: "+strconv.Itoa(int(ver)), verAt, 2, uint64(ver)),
				UintField("dcerpc.cn_bind_if_ver_minor", "Interface Ver Minor: "+strconv.Itoa(int(minor)), minorAt, 2, uint64(minor)),
			}})
		off += 24
		var trans dcerpcUUID
		for j := 0; j < nTrans; j++ {
			if !d.has(off, 20) {
				break
			}
			trans = dcerpcGetUUID(d.b, off, d.drep)
			tver := d.u32(off + 16)
			var label, idLabel string
			if binary.BigEndian.Uint32(trans[0:]) == 0x6cb71c2c && binary.BigEndian.Uint16(trans[4:]) == 0x9812 && binary.BigEndian.Uint16(trans[6:]) == 0x4540 {
				label, idLabel = "Bind Time Feature Negotiation", "Transfer Syntax: Bind Time Feature Negotiation UUID:"+trans.String()
				item.Label += ", Bind Time Feature Negotiation"
			} else if name, ok := dcerpcUUIDNames[trans]; ok {
				label, idLabel = name, "Transfer Syntax: "+name+" UUID:"+trans.String()
				item.Label += ", " + name
			} else {
				label, idLabel = trans.String(), "Transfer Syntax: "+trans.String()
				item.Label += ", " + trans.String()
			}
			item.Children = append(item.Children, Field{Name: "dcerpc.cn_bind_trans",
				Label: fmt.Sprintf("Transfer Syntax[%d]: %s V%d", j+1, label, tver), Start: off, Len: 20, Children: []Field{
					StrField("dcerpc.cn_bind_trans_id", idLabel, off, 16, trans.String()),
					UintField("dcerpc.cn_bind_trans_ver", "ver: "+strconv.FormatUint(uint64(tver), 10), off+16, 4, uint64(tver)),
				}})
			off += 20
		}
		item.Len = off - start
		d.add(item)
		if len(st.binds) < dcerpcMaxTracked {
			st.binds[dcerpcCtxKey{salt, uint32(ctxID)}] = dcerpcBinding{iface: dcerpcIfaceKey{ifID, ver}, ndr64: trans == dcerpcNDR64}
		}
		if i > 0 {
			info.WriteString(",")
		}
		fmt.Fprintf(&info, " %s V%d.%d (%s)", dcerpcUUIDName(ifID), ver, minor, dcerpcUUIDName(trans))
		st.ctxID = ctxID
	}
	st.appendInfo(info.String())
	st.authInfo(d)
}

var dcerpcAckResults = [...]string{"Acceptance", "User rejection", "Provider rejection", "Negotiate ACK"}

func dcerpcAckResult(r uint16) string {
	if int(r) < len(dcerpcAckResults) {
		return dcerpcAckResults[r]
	}
	return fmt.Sprintf("Unknown result (%d)", r)
}

// bindAck reads a Bind_ack or Alter_context_resp (C706 12.6.4.4).
func (st *dcerpcState) bindAck(d *dcerpcPDU) {
	if !d.has(16, 10) {
		return
	}
	maxX, maxR, group, secLen := d.u16(16), d.u16(18), d.u32(20), int(d.u16(24))
	d.add(UintField("dcerpc.cn_max_xmit", "Max Xmit Frag: "+strconv.Itoa(int(maxX)), 16, 2, uint64(maxX)))
	d.add(UintField("dcerpc.cn_max_recv", "Max Recv Frag: "+strconv.Itoa(int(maxR)), 18, 2, uint64(maxR)))
	d.add(UintField("dcerpc.cn_assoc_group", fmt.Sprintf("Assoc Group: 0x%08x", group), 20, 4, uint64(group)))
	d.add(UintField("dcerpc.cn_sec_addr_len", "Scndry Addr len: "+strconv.Itoa(secLen), 24, 2, uint64(secLen)))
	off := 26
	if secLen > 0 && d.has(off, secLen) {
		addr := d.b[off : off+secLen]
		if i := strings.IndexByte(string(addr), 0); i >= 0 {
			addr = addr[:i]
		}
		d.add(StrField("dcerpc.cn_sec_addr", "Scndry Addr: "+Printable(string(addr)), off, secLen, string(addr)))
	}
	off += secLen
	if off%4 != 0 {
		off += 4 - off%4
	}
	if !d.has(off, 4) {
		return
	}
	n := int(d.b[off])
	d.add(UintField("dcerpc.cn_num_results", "Num results: "+strconv.Itoa(n), off, 1, uint64(n)))
	off += 4
	var info strings.Builder
	fmt.Fprintf(&info, ", max_xmit: %d max_recv: %d, %d results:", maxX, maxR, n)
	for i := 0; i < n; i++ {
		if !d.has(off, 24) {
			break
		}
		r := d.u16(off)
		trans := dcerpcGetUUID(d.b, off+4, d.drep)
		tver := d.u32(off + 20)
		item := Field{Label: fmt.Sprintf("Ctx Item[%d]: %s, %s", i+1, dcerpcAckResult(r), dcerpcUUIDName(trans)), Start: off, Len: 24,
			Children: []Field{UintField("dcerpc.cn_ack_result", fmt.Sprintf("Ack result: %s (%d)", dcerpcAckResult(r), r), off, 2, uint64(r))}}
		if r != 0 && r != 3 {
			reason := d.u16(off + 2)
			item.Children = append(item.Children, UintField("dcerpc.cn_ack_reason", fmt.Sprintf("Ack reason: %s (%d)", dcerpcProviderReason(reason), reason), off+2, 2, uint64(reason)))
		}
		item.Children = append(item.Children,
			StrField("dcerpc.cn_ack_trans_id", "Transfer Syntax: "+dcerpcUUIDName(trans), off+4, 16, trans.String()),
			UintField("dcerpc.cn_ack_trans_ver", "Syntax ver: "+strconv.FormatUint(uint64(tver), 10), off+20, 4, uint64(tver)))
		d.add(item)
		if i > 0 {
			info.WriteString(",")
		}
		info.WriteString(" " + dcerpcAckResult(r))
		off += 24
	}
	st.appendInfo(info.String())
	st.authInfo(d)
}

func dcerpcProviderReason(r uint16) string {
	names := [...]string{"Reason not specified", "Abstract syntax not supported", "Proposed transfer syntaxes not supported", "Local limit exceeded"}
	if int(r) < len(names) {
		return names[r]
	}
	return fmt.Sprintf("Unknown (%d)", r)
}

// stub is a request's or response's stub data: between the body's header
// and the authentication trailer, without the trailer's padding.
func (d *dcerpcPDU) stub(at int) []byte {
	end := d.whole
	if d.authAt >= 0 {
		end = d.authAt - 8
	}
	if end > len(d.b) {
		end = len(d.b)
	}
	if at > end {
		return nil
	}
	return d.b[at:end]
}

// request reads a Request (C706 12.6.4.9): the call's interface comes
// from the Bind of its context; a whole (or reassembled) stub goes to the
// interface.
func (st *dcerpcState) request(d *dcerpcPDU, salt uint64, frame int, t int64) (string, []Field) {
	if !d.has(16, 8) {
		return "DCERPC", nil
	}
	hint, ctxID, opnum := d.u32(16), d.u16(20), d.u16(22)
	d.add(UintField("dcerpc.cn_alloc_hint", "Alloc hint: "+strconv.FormatUint(uint64(hint), 10), 16, 4, uint64(hint)))
	d.add(UintField("dcerpc.cn_ctx_id", "Context ID: "+strconv.Itoa(int(ctxID)), 20, 2, uint64(ctxID)))
	d.add(UintField("dcerpc.opnum", "Opnum: "+strconv.Itoa(int(opnum)), 22, 2, uint64(opnum)))
	st.ctxID = ctxID
	st.appendInfo(", opnum: " + strconv.Itoa(int(opnum)) + ", Ctx: " + strconv.Itoa(int(ctxID)))
	at := 24
	if d.flags&dcerpcObjectUUID != 0 {
		if d.has(at, 16) {
			u := dcerpcGetUUID(d.b, at, d.drep)
			d.add(StrField("dcerpc.obj_id", "Object UUID: "+u.String(), at, 16, u.String()))
		}
		at += 16
	}
	key := dcerpcCtxKey{salt, d.callID}
	call := st.calls[key]
	if bind, ok := st.binds[dcerpcCtxKey{salt, uint32(ctxID)}]; ok {
		if d.flags&dcerpcFirstFrag != 0 {
			if call != nil || len(st.calls) < dcerpcMaxTracked {
				call = &dcerpcCall{bind: bind, opnum: opnum, reqFrame: frame + 1, reqTime: t}
				st.calls[key] = call
			}
		}
	} else {
		call = nil
	}
	if call == nil {
		return "DCERPC", nil
	}
	return st.stubData(d, call, 0, d.stub(at))
}

// response reads a Response (C706 12.6.4.10), tied to its request by
// call ID.
func (st *dcerpcState) response(d *dcerpcPDU, salt uint64, frame int, t int64) (string, []Field) {
	if !d.has(16, 8) {
		return "DCERPC", nil
	}
	hint, ctxID, cancel := d.u32(16), d.u16(20), d.b[22]
	d.add(UintField("dcerpc.cn_alloc_hint", "Alloc hint: "+strconv.FormatUint(uint64(hint), 10), 16, 4, uint64(hint)))
	d.add(UintField("dcerpc.cn_ctx_id", "Context ID: "+strconv.Itoa(int(ctxID)), 20, 2, uint64(ctxID)))
	d.add(UintField("dcerpc.cn_cancel_count", "Cancel count: "+strconv.Itoa(int(cancel)), 22, 1, uint64(cancel)))
	st.ctxID = ctxID
	st.appendInfo(", Ctx: " + strconv.Itoa(int(ctxID)))
	call := st.matchCall(d, salt, frame, t)
	if call == nil {
		return "DCERPC", nil
	}
	return st.stubData(d, call, 1, d.stub(24))
}

// matchCall finds the request a response or fault answers and adds its
// generated fields.
func (st *dcerpcState) matchCall(d *dcerpcPDU, salt uint64, frame int, t int64) *dcerpcCall {
	call := st.calls[dcerpcCtxKey{salt, d.callID}]
	if call == nil || call.reqFrame >= frame+1 {
		return nil
	}
	if call.repFrame == 0 {
		call.repFrame = frame + 1
	}
	d.add(Field{Name: "dcerpc.opnum", Label: "Opnum: " + strconv.Itoa(int(call.opnum)), Kind: FieldUint, Num: uint64(call.opnum)})
	d.add(Field{Name: "dcerpc.request_in", Label: "Request in frame: " + strconv.Itoa(call.reqFrame), Kind: FieldUint, Num: uint64(call.reqFrame)})
	dt := t - call.reqTime
	d.add(Field{Name: "dcerpc.time", Label: fmt.Sprintf("Time from request: %d.%09d seconds", dt/1e9, dt%1e9)})
	st.lastReq = call.reqFrame
	return call
}

// fault reads a Fault (C706 12.6.4.7).
func (st *dcerpcState) fault(d *dcerpcPDU, salt uint64, frame int, t int64) {
	if !d.has(16, 16) {
		return
	}
	hint, ctxID, cancel, flags, status := d.u32(16), d.u16(20), d.b[22], d.b[23], d.u32(24)
	d.add(UintField("dcerpc.cn_alloc_hint", "Alloc hint: "+strconv.FormatUint(uint64(hint), 10), 16, 4, uint64(hint)))
	d.add(UintField("dcerpc.cn_ctx_id", "Context ID: "+strconv.Itoa(int(ctxID)), 20, 2, uint64(ctxID)))
	d.add(UintField("dcerpc.cn_cancel_count", "Cancel count: "+strconv.Itoa(int(cancel)), 22, 1, uint64(cancel)))
	ext := "False"
	if flags&1 != 0 {
		ext = "True"
	}
	d.add(Field{Name: "dcerpc.cn_fault_flags", Label: fmt.Sprintf("Fault flags: 0x%02x", flags), Start: 23, Len: 1, Kind: FieldUint, Num: uint64(flags),
		Children: []Field{{Name: "dcerpc.cn_fault_flags.extended_error", Label: bitString(uint32(flags), 8, 1) + " = Extended error information present: " + ext, Start: 23, Len: 1, Kind: FieldBool, Num: uint64(flags & 1)}}})
	name := dcerpcFaultName(status)
	d.add(UintField("dcerpc.cn_status", fmt.Sprintf("Status: %s (0x%08x)", name, status), 24, 4, uint64(status)))
	d.add(Field{Name: "dcerpc.reserved", Label: fmt.Sprintf("Reserved: %x", d.b[28:32]), Start: 28, Len: 4, Kind: FieldBytes, Str: string(d.b[28:32])})
	st.ctxID = ctxID
	st.appendInfo(", Ctx: " + strconv.Itoa(int(ctxID)) + ", status: " + name)
	st.matchCall(d, salt, frame, t)
}

func dcerpcFaultName(s uint32) string {
	if n, ok := dcerpcFaultNames[s]; ok {
		return n
	}
	return fmt.Sprintf("Unknown (0x%08x)", s)
}

// stubData hands a request's (dir 0) or response's (dir 1) stub to its
// interface, gathering fragments first as Wireshark's reassembly does: a
// first or middle fragment shows only as DCERPC, the last one as the
// interface's call.
func (st *dcerpcState) stubData(d *dcerpcPDU, call *dcerpcCall, dir int, stub []byte) (string, []Field) {
	if d.flags&(dcerpcFirstFrag|dcerpcLastFrag) != dcerpcFirstFrag|dcerpcLastFrag {
		if d.flags&dcerpcFirstFrag != 0 {
			call.stub[dir], call.gather[dir] = append(call.stub[dir][:0], stub...), true
			return "DCERPC", nil
		}
		if !call.gather[dir] || len(call.stub[dir])+len(stub) > dcerpcMaxStub {
			call.gather[dir] = false
			return "DCERPC", nil
		}
		call.stub[dir] = append(call.stub[dir], stub...)
		if d.flags&dcerpcLastFrag == 0 {
			return "DCERPC", nil
		}
		call.gather[dir] = false
		stub = call.stub[dir]
		d.base = -1
	}
	iface := dcerpcInterfaces[call.bind.iface]
	if iface == nil {
		st.appendInfo(" " + dcerpcUUIDName(call.bind.iface.uuid) + " V" + strconv.Itoa(int(call.bind.iface.ver)))
		return "DCERPC", nil
	}
	name := ""
	if int(call.opnum) < len(iface.ops) {
		name = iface.ops[call.opnum]
	}
	kind := "request"
	if dir == 1 {
		kind = "response"
	}
	if name == "" {
		st.setInfo("Unknown operation " + strconv.Itoa(int(call.opnum)) + " " + kind)
	} else {
		st.setInfo(name + " " + kind)
	}
	readable := d.authAt < 0 || d.authLevel != dcerpcAuthLevelPrivacy
	if readable && d.authAt >= 0 && int(d.authPad) <= len(stub) {
		stub = stub[:len(stub)-int(d.authPad)]
	}
	var sub Field
	if d.want {
		label := iface.longName + ", " + name
		if name == "" {
			label = iface.longName + ", unknown operation " + strconv.Itoa(int(call.opnum))
		}
		opName := name
		if opName == "" {
			opName = "Unknown operation"
		}
		sub = Field{Name: iface.filter, Label: label, Start: 0, Len: len(stub), Kind: FieldProto, Children: []Field{
			{Name: iface.opField, Label: fmt.Sprintf("Operation: %s (%d)", opName, call.opnum), Kind: FieldUint, Num: uint64(call.opnum)},
		}}
		if dir == 1 {
			sub.Children = append(sub.Children, Field{Name: "dcerpc.request_in", Label: "Request in frame: " + strconv.Itoa(call.reqFrame), Kind: FieldUint, Num: uint64(call.reqFrame)})
		}
	}
	if readable && !call.bind.ndr64 {
		st.appendInfo(dcerpcOpInfo(iface, call.opnum, dir, stub, d.drep))
	}
	if readable {
		if dir == 1 && iface.status != dcerpcStatusNone && len(stub) >= 4 {
			status := dcerpcUint32(stub, len(stub)-4, d.drep)
			var sname string
			if iface.status == dcerpcStatusNT {
				sname = ntStatusNameOr(status, "Unknown NT status 0x%08x")
			} else {
				sname = werrorName(status)
			}
			if status != 0 {
				st.appendInfo(", Error: " + sname)
			}
			if d.want && iface.statusField != "" {
				label := fmt.Sprintf("NT Error: %s (0x%08x)", sname, status)
				if iface.status == dcerpcStatusWERROR {
					label = fmt.Sprintf("Windows Error: %s (0x%08x)", sname, status)
				}
				f := UintField(iface.statusField, label, 0, 0, uint64(status))
				sub.Children = append(sub.Children, f)
			}
		}
	}
	if !d.want {
		return iface.proto, nil
	}
	// the interface's layer covers the stub, where it lies in the data
	stubOff := dcerpcStubOffset(d)
	if d.base >= 0 && stubOff >= 0 {
		sub.Start = d.base + stubOff
		for i := range sub.Children {
			if sub.Children[i].Name == iface.statusField && len(stub) >= 4 {
				sub.Children[i].Start, sub.Children[i].Len = d.base+stubOff+len(stub)-4, 4
			} else {
				sub.Children[i].Start = d.base + stubOff
			}
		}
	} else {
		sub.Start, sub.Len = 0, 0
	}
	return iface.proto, []Field{sub}
}

// dcerpcStubOffset is where a request's or response's stub starts in the
// PDU.
func dcerpcStubOffset(d *dcerpcPDU) int {
	at := 24
	if d.ptype == dcerpcRequest && d.flags&dcerpcObjectUUID != 0 {
		at += 16
	}
	return at
}

// werrorName is the name pidl-generated dissectors give a WERROR.
func werrorName(s uint32) string {
	if n, ok := werrorNames[s]; ok {
		return n
	}
	return fmt.Sprintf("Unknown DOS error 0x%08x", s)
}

// ntStatusNameOr names an NT status, or formats it with unknown.
func ntStatusNameOr(s uint32, unknown string) string {
	if n, ok := ntStatusNames[s]; ok {
		return n
	}
	return fmt.Sprintf(unknown, s)
}

// dcerpcOpInfo is what the dissectors of some operations append to Info
// after the operation's name: the towers of an endpoint mapper Map, the
// domain name of a SAMR LookupDomain request, the level of a WKSSVC
// NetWkstaGetInfo request.
func dcerpcOpInfo(iface *dcerpcInterface, opnum uint16, dir int, stub []byte, drep byte) string {
	switch {
	case (iface.filter == "epm" || iface.filter == "epm4") && opnum == 3:
		return epmMapInfo(stub, drep, dir)
	case iface.filter == "samr" && opnum == 5 && dir == 0:
		// a policy handle, then an lsa_String: length, size and a
		// pointer whose conformant varying array follows
		if len(stub) >= 40 && dcerpcUint32(stub, 24, drep) != 0 {
			n := int(dcerpcUint32(stub, 36, drep))
			if n >= 0 && n <= (len(stub)-40)/2 {
				return ", " + Printable(strings.TrimRight(utf16LE(stub[40:40+2*n]), "\x00"))
			}
		}
	case iface.filter == "wkssvc" && opnum == 0 && dir == 0:
		// a unique pointer to the server name, its conformant varying
		// array, then the level
		at := 4
		if len(stub) >= 4 && dcerpcUint32(stub, 0, drep) != 0 {
			if len(stub) < 16 {
				return ""
			}
			n := int(dcerpcUint32(stub, 12, drep))
			if n < 0 || n > len(stub) {
				return ""
			}
			at = (16 + 2*n + 3) &^ 3
		}
		if at+4 <= len(stub) {
			return " Level:" + strconv.FormatUint(uint64(dcerpcUint32(stub, at, drep)), 10)
		}
	}
	return ""
}

// epmMapInfo is what the endpoint mapper's dissector appends for an
// ept_map request or response (C706 appendix O; MS-RPCE 2.2.1.2.5): the
// name of every tower floor whose UUID it knows, for the request's tower
// and the response's towers.
func epmMapInfo(stub []byte, drep byte, dir int) string {
	var s strings.Builder
	u32 := func(at int) (uint32, bool) {
		if at < 0 || at+4 > len(stub) {
			return 0, false
		}
		return dcerpcUint32(stub, at, drep), true
	}
	tower := func(at int) int {
		// twr_t: length, then a conformant array (max count, bytes)
		n, ok := u32(at)
		if !ok {
			return -1
		}
		data := at + 8
		if int(n) < 0 || data+int(n) > len(stub) {
			return -1
		}
		epmTowerInfo(stub[data:data+int(n)], &s)
		end := data + int(n)
		return (end + 3) &^ 3
	}
	if dir == 0 {
		// object (full pointer to a GUID), map_tower (full pointer)
		at := 0
		obj, ok := u32(at)
		if !ok {
			return ""
		}
		at += 4
		if obj != 0 {
			at += 16
		}
		ref, ok := u32(at)
		if !ok || ref == 0 {
			return s.String()
		}
		tower(at + 4)
		return s.String()
	}
	// entry_handle, num_towers, then a conformant varying array of tower
	// pointers followed by the towers they point to
	at := 20 + 4
	if _, ok := u32(at + 8); !ok {
		return ""
	}
	count, _ := u32(at + 8)
	at += 12
	var refs []uint32
	for i := 0; i < int(count) && i < 64; i++ {
		r, ok := u32(at)
		if !ok {
			return s.String()
		}
		refs = append(refs, r)
		at += 4
	}
	for _, r := range refs {
		if r == 0 {
			continue
		}
		if at = tower(at); at < 0 {
			break
		}
	}
	return s.String()
}

// epmTowerInfo appends ", NAME" for each floor of a tower whose protocol
// identifier is a UUID Wireshark names (packet-dcerpc-epm.c reads floors
// little-endian whatever the data representation).
func epmTowerInfo(t []byte, s *strings.Builder) {
	if len(t) < 2 {
		return
	}
	floors := int(binary.LittleEndian.Uint16(t))
	at := 2
	for i := 0; i < floors && i < 16; i++ {
		if at+2 > len(t) {
			return
		}
		lhs := int(binary.LittleEndian.Uint16(t[at:]))
		at += 2
		if lhs >= 17 && at+17 <= len(t) && t[at] == 0x0d {
			u := dcerpcGetUUID(t, at+1, 0x10)
			if name, ok := dcerpcUUIDNames[u]; ok {
				s.WriteString(", " + name)
			}
		}
		at += lhs
		if at+2 > len(t) {
			return
		}
		at += 2 + int(binary.LittleEndian.Uint16(t[at:]))
	}
}
