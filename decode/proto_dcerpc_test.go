package decode

import (
	"encoding/hex"
	"path/filepath"
	"strings"
	"testing"
)

// dcerpcLab is the lab capture of Samba's RPC services (lab__dcerpc.sh).
const dcerpcLab = "lab__dcerpc.pcap"

func loadAppCapture(t *testing.T, name string) *Index {
	t.Helper()
	src, err := Open(filepath.Join("..", "testdata", "app", name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { src.Close() })
	return Load(src)
}

// TestDCERPCDetailsPDML compares the DCE/RPC layers of lab__dcerpc.pcap
// with tshark 4.0.17's PDML (tshark -r F -T pdml): over SMB2 a Bind, its
// Bind_ack, a SRVSVC request and a response carrying WERR_INVALID_NAME;
// over TCP a Bind and Bind_ack with NTLMSSP, a signed LSARPC request, the
// Fault answering it, and an endpoint mapper Map request and response.
// Field names, labels (showname) and byte offsets (pos, size).
func TestDCERPCDetailsPDML(t *testing.T) {
	x := loadAppCapture(t, dcerpcLab)
	cases := []struct {
		frame int
		// the header every PDU starts with (dcerpcHeaderWant)
		off     int
		pktType string
		cancel  bool
		want    []pdmlWant // the rest of the layer
	}{
		{15, 190, "Bind (11)", false, []pdmlWant{
			{"dcerpc", "Distributed Computing Environment / Remote Procedure Call (DCE/RPC) Bind, Fragment: Single, FragLen: 72, Call: 1", 190, 72},
			{"dcerpc.cn_frag_len", "Frag Length: 72", 198, 2},
			{"dcerpc.cn_auth_len", "Auth Length: 0", 200, 2},
			{"dcerpc.cn_call_id", "Call ID: 1", 202, 4},
			{"dcerpc.cn_max_xmit", "Max Xmit Frag: 4280", 206, 2},
			{"dcerpc.cn_max_recv", "Max Recv Frag: 4280", 208, 2},
			{"dcerpc.cn_assoc_group", "Assoc Group: 0x00000000", 210, 4},
			{"dcerpc.cn_num_ctx_items", "Num Ctx Items: 1", 214, 1},
		}},
		{18, 182, "Bind_ack (12)", false, []pdmlWant{
			{"dcerpc", "Distributed Computing Environment / Remote Procedure Call (DCE/RPC) Bind_ack, Fragment: Single, FragLen: 68, Call: 1", 182, 68},
			{"dcerpc.cn_frag_len", "Frag Length: 68", 190, 2},
			{"dcerpc.cn_auth_len", "Auth Length: 0", 192, 2},
			{"dcerpc.cn_call_id", "Call ID: 1", 194, 4},
			{"dcerpc.cn_max_xmit", "Max Xmit Frag: 4280", 198, 2},
			{"dcerpc.cn_max_recv", "Max Recv Frag: 4280", 200, 2},
			{"dcerpc.cn_assoc_group", "Assoc Group: 0x0000f496", 202, 4},
			{"dcerpc.cn_sec_addr_len", "Scndry Addr len: 13", 206, 2},
			{"dcerpc.cn_sec_addr", "Scndry Addr: \\pipe\\srvsvc", 208, 13},
			{"dcerpc.cn_num_results", "Num results: 1", 222, 1},
			{"", "Ctx Item[1]: Acceptance, 32bit NDR", 226, 24},
			{"dcerpc.cn_ack_result", "Ack result: Acceptance (0)", 226, 2},
			{"dcerpc.cn_ack_trans_id", "Transfer Syntax: 32bit NDR", 230, 16},
			{"dcerpc.cn_ack_trans_ver", "Syntax ver: 2", 246, 4},
		}},
		{20, 190, "Request (0)", false, []pdmlWant{
			{"dcerpc", "Distributed Computing Environment / Remote Procedure Call (DCE/RPC) Request, Fragment: Single, FragLen: 68, Call: 2, Ctx: 0", 190, 68},
			{"dcerpc.cn_frag_len", "Frag Length: 68", 198, 2},
			{"dcerpc.cn_auth_len", "Auth Length: 0", 200, 2},
			{"dcerpc.cn_call_id", "Call ID: 2", 202, 4},
			{"dcerpc.cn_alloc_hint", "Alloc hint: 44", 206, 4},
			{"dcerpc.cn_ctx_id", "Context ID: 0", 210, 2},
			{"dcerpc.opnum", "Opnum: 21", 212, 2},
			{"srvsvc", "Server Service, NetSrvGetInfo", 214, 44},
			{"srvsvc.opnum", "Operation: NetSrvGetInfo (21)", 214, 0},
		}},
		{41, 182, "Response (2)", false, []pdmlWant{
			{"dcerpc", "Distributed Computing Environment / Remote Procedure Call (DCE/RPC) Response, Fragment: Single, FragLen: 36, Call: 7, Ctx: 0, [Req: #41]", 182, 36},
			{"dcerpc.cn_frag_len", "Frag Length: 36", 190, 2},
			{"dcerpc.cn_auth_len", "Auth Length: 0", 192, 2},
			{"dcerpc.cn_call_id", "Call ID: 7", 194, 4},
			{"dcerpc.cn_alloc_hint", "Alloc hint: 12", 198, 4},
			{"dcerpc.cn_ctx_id", "Context ID: 0", 202, 2},
			{"dcerpc.cn_cancel_count", "Cancel count: 0", 204, 1},
			{"dcerpc.opnum", "Opnum: 16", 182, 0},
			{"dcerpc.request_in", "Request in frame: 41", 182, 0},
			{"dcerpc.request_in", "Request in frame: 41", 206, 0},
			{"srvsvc", "Server Service, NetShareGetInfo", 206, 12},
			{"srvsvc.opnum", "Operation: NetShareGetInfo (16)", 206, 0},
			{"srvsvc.werror", "Windows Error: WERR_INVALID_NAME (0x0000007b)", 214, 4},
		}},
		{120, 66, "Bind (11)", true, []pdmlWant{
			{"dcerpc", "Distributed Computing Environment / Remote Procedure Call (DCE/RPC) Bind, Fragment: Single, FragLen: 120, Call: 3", 66, 120},
			{"dcerpc.cn_frag_len", "Frag Length: 120", 74, 2},
			{"dcerpc.cn_auth_len", "Auth Length: 40", 76, 2},
			{"dcerpc.cn_call_id", "Call ID: 3", 78, 4},
			{"dcerpc.cn_max_xmit", "Max Xmit Frag: 4280", 82, 2},
			{"dcerpc.cn_max_recv", "Max Recv Frag: 4280", 84, 2},
			{"dcerpc.cn_assoc_group", "Assoc Group: 0x00000000", 86, 4},
			{"dcerpc.cn_num_ctx_items", "Num Ctx Items: 1", 90, 1},
			{"dcerpc.auth_info", "Auth Info: NTLMSSP, Packet integrity, AuthContextId(1)", 138, 48},
			{"dcerpc.auth_type", "Auth type: NTLMSSP (10)", 138, 1},
			{"dcerpc.auth_level", "Auth level: Packet integrity (5)", 139, 1},
			{"dcerpc.auth_pad_len", "Auth pad len: 0", 140, 1},
			{"dcerpc.auth_rsrvd", "Auth Rsrvd: 0", 141, 1},
			{"dcerpc.auth_ctx_id", "Auth Context ID: 1", 142, 4},
		}},
		{122, 66, "Bind_ack (12)", true, []pdmlWant{
			{"dcerpc", "Distributed Computing Environment / Remote Procedure Call (DCE/RPC) Bind_ack, Fragment: Single, FragLen: 192, Call: 3", 66, 192},
			{"dcerpc.cn_frag_len", "Frag Length: 192", 74, 2},
			{"dcerpc.cn_auth_len", "Auth Length: 128", 76, 2},
			{"dcerpc.cn_call_id", "Call ID: 3", 78, 4},
			{"dcerpc.cn_max_xmit", "Max Xmit Frag: 4280", 82, 2},
			{"dcerpc.cn_max_recv", "Max Recv Frag: 4280", 84, 2},
			{"dcerpc.cn_assoc_group", "Assoc Group: 0x0000cd75", 86, 4},
			{"dcerpc.cn_sec_addr_len", "Scndry Addr len: 0", 90, 2},
			{"dcerpc.cn_num_results", "Num results: 1", 94, 1},
			{"", "Ctx Item[1]: Acceptance, 32bit NDR", 98, 24},
			{"dcerpc.cn_ack_result", "Ack result: Acceptance (0)", 98, 2},
			{"dcerpc.cn_ack_trans_id", "Transfer Syntax: 32bit NDR", 102, 16},
			{"dcerpc.cn_ack_trans_ver", "Syntax ver: 2", 118, 4},
			{"dcerpc.auth_info", "Auth Info: NTLMSSP, Packet integrity, AuthContextId(1)", 122, 136},
			{"dcerpc.auth_type", "Auth type: NTLMSSP (10)", 122, 1},
			{"dcerpc.auth_level", "Auth level: Packet integrity (5)", 123, 1},
			{"dcerpc.auth_pad_len", "Auth pad len: 0", 124, 1},
			{"dcerpc.auth_rsrvd", "Auth Rsrvd: 0", 125, 1},
			{"dcerpc.auth_ctx_id", "Auth Context ID: 1", 126, 4},
		}},
		{125, 66, "Request (0)", false, []pdmlWant{
			{"dcerpc", "Distributed Computing Environment / Remote Procedure Call (DCE/RPC) Request, Fragment: Single, FragLen: 160, Call: 4, Ctx: 0", 66, 160},
			{"dcerpc.cn_frag_len", "Frag Length: 160", 74, 2},
			{"dcerpc.cn_auth_len", "Auth Length: 16", 76, 2},
			{"dcerpc.cn_call_id", "Call ID: 4", 78, 4},
			{"dcerpc.cn_alloc_hint", "Alloc hint: 108", 82, 4},
			{"dcerpc.cn_ctx_id", "Context ID: 0", 86, 2},
			{"dcerpc.opnum", "Opnum: 45", 88, 2},
			{"dcerpc.auth_info", "Auth Info: NTLMSSP, Packet integrity, AuthContextId(1)", 202, 24},
			{"dcerpc.auth_type", "Auth type: NTLMSSP (10)", 202, 1},
			{"dcerpc.auth_level", "Auth level: Packet integrity (5)", 203, 1},
			{"dcerpc.auth_pad_len", "Auth pad len: 4", 204, 1},
			{"dcerpc.auth_rsrvd", "Auth Rsrvd: 0", 205, 1},
			{"dcerpc.auth_ctx_id", "Auth Context ID: 1", 206, 4},
			{"lsarpc.opnum", "Operation: lsa_GetUserName (45)", 90, 0},
		}},
		{129, 66, "Fault (3)", false, []pdmlWant{
			{"dcerpc", "Distributed Computing Environment / Remote Procedure Call (DCE/RPC) Fault, Fragment: Single, FragLen: 32, Call: 4, [Req: #126]", 66, 32},
			{"dcerpc.cn_frag_len", "Frag Length: 32", 74, 2},
			{"dcerpc.cn_auth_len", "Auth Length: 0", 76, 2},
			{"dcerpc.cn_call_id", "Call ID: 4", 78, 4},
			{"dcerpc.cn_alloc_hint", "Alloc hint: 24", 82, 4},
			{"dcerpc.cn_ctx_id", "Context ID: 0", 86, 2},
			{"dcerpc.cn_cancel_count", "Cancel count: 0", 88, 1},
			{"dcerpc.cn_fault_flags", "Fault flags: 0x00", 89, 1},
			{"dcerpc.cn_fault_flags.extended_error", ".... ...0 = Extended error information present: False", 89, 1},
			{"dcerpc.cn_status", "Status: nca_s_fault_access_denied (0x00000005)", 90, 4},
			{"dcerpc.reserved", "Reserved: 00000000", 94, 4},
			{"dcerpc.opnum", "Opnum: 45", 66, 0},
			{"dcerpc.request_in", "Request in frame: 126", 66, 0},
		}},
		{137, 66, "Request (0)", false, []pdmlWant{
			{"dcerpc", "Distributed Computing Environment / Remote Procedure Call (DCE/RPC) Request, Fragment: Single, FragLen: 140, Call: 6, Ctx: 0", 66, 140},
			{"dcerpc.cn_frag_len", "Frag Length: 140", 74, 2},
			{"dcerpc.cn_auth_len", "Auth Length: 0", 76, 2},
			{"dcerpc.cn_call_id", "Call ID: 6", 78, 4},
			{"dcerpc.cn_alloc_hint", "Alloc hint: 116", 82, 4},
			{"dcerpc.cn_ctx_id", "Context ID: 0", 86, 2},
			{"dcerpc.opnum", "Opnum: 3", 88, 2},
			{"epm", "DCE/RPC Endpoint Mapper, Map", 90, 116},
			{"epm.opnum", "Operation: Map (3)", 90, 0},
		}},
		{138, 66, "Response (2)", false, []pdmlWant{
			{"dcerpc", "Distributed Computing Environment / Remote Procedure Call (DCE/RPC) Response, Fragment: Single, FragLen: 152, Call: 6, Ctx: 0, [Req: #138]", 66, 152},
			{"dcerpc.cn_frag_len", "Frag Length: 152", 74, 2},
			{"dcerpc.cn_auth_len", "Auth Length: 0", 76, 2},
			{"dcerpc.cn_call_id", "Call ID: 6", 78, 4},
			{"dcerpc.cn_alloc_hint", "Alloc hint: 128", 82, 4},
			{"dcerpc.cn_ctx_id", "Context ID: 0", 86, 2},
			{"dcerpc.cn_cancel_count", "Cancel count: 0", 88, 1},
			{"dcerpc.opnum", "Opnum: 3", 66, 0},
			{"dcerpc.request_in", "Request in frame: 138", 66, 0},
			{"dcerpc.request_in", "Request in frame: 138", 90, 0},
			{"epm", "DCE/RPC Endpoint Mapper, Map", 90, 128},
			{"epm.opnum", "Operation: Map (3)", 90, 0},
		}},
	}
	w := NewAppWalker(x)
	for _, c := range cases {
		res := w.At(c.frame, true)
		checkPDMLFields(t, c.frame, res.Tree, append(dcerpcHeaderWant(c.off, c.pktType, c.cancel), c.want...))
	}
}

// dcerpcHeaderWant is the PDML of the fields each connection-oriented
// DCE/RPC header of lab__dcerpc.pcap starts with at offset off, as tshark
// 4.0.17 shows them: version 5.0, the packet type, the flags (first and
// last fragment; 0x07 adds cancel pending, set on the capture's Binds over
// TCP and their Bind_ack) and the data representation (little-endian,
// ASCII, IEEE).
func dcerpcHeaderWant(off int, pktType string, cancel bool) []pdmlWant {
	flags, cancelBit := "Packet Flags: 0x03", ".... .0.. = Cancel Pending: Not set"
	if cancel {
		flags, cancelBit = "Packet Flags: 0x07", ".... .1.. = Cancel Pending: Set"
	}
	return []pdmlWant{
		{"dcerpc.ver", "Version: 5", off, 1},
		{"dcerpc.ver_minor", "Version (minor): 0", off + 1, 1},
		{"dcerpc.pkt_type", "Packet type: " + pktType, off + 2, 1},
		{"dcerpc.cn_flags", flags, off + 3, 1},
		{"dcerpc.cn_flags.object", "0... .... = Object: Not set", off + 3, 1},
		{"dcerpc.cn_flags.maybe", ".0.. .... = Maybe: Not set", off + 3, 1},
		{"dcerpc.cn_flags.dne", "..0. .... = Did Not Execute: Not set", off + 3, 1},
		{"dcerpc.cn_flags.mpx", "...0 .... = Multiplex: Not set", off + 3, 1},
		{"dcerpc.cn_flags.reserved", ".... 0... = Reserved: Not set", off + 3, 1},
		{"dcerpc.cn_flags.cancel_pending", cancelBit, off + 3, 1},
		{"dcerpc.cn_flags.last_frag", ".... ..1. = Last Frag: Set", off + 3, 1},
		{"dcerpc.cn_flags.first_frag", ".... ...1 = First Frag: Set", off + 3, 1},
		{"dcerpc.drep", "Data Representation: 10000000 (Order: Little-endian, Char: ASCII, Float: IEEE)", off + 4, 4},
		{"dcerpc.drep.byteorder", "Byte order: Little-endian (1)", off + 4, 1},
		{"dcerpc.drep.character", "Character: ASCII (0)", off + 4, 1},
		{"dcerpc.drep.fp", "Floating-point: IEEE (0)", off + 5, 1},
	}
}

// TestDCERPCColumns checks the Protocol and Info columns of PDUs built by
// hand from the C706 and MS-RPCE layouts, alone and in sequence on one
// connection (the response takes its interface from the request, the
// request from the Bind), against what tshark 4.0.17 prints for the same
// PDUs in lab__dcerpc.pcap and the zeek smb2.pcap.
func TestDCERPCColumns(t *testing.T) {
	// Bind, call 1, context 0: SRVSVC 3.0 with NDR and the bind time
	// feature negotiation syntax (zeek smb2.pcap frame 18)
	bind := "05000b031000000074000000010000" + "00b810b81000000000" + "020000000000010" +
		"0c84f324b7016d30112785a47bf6ee18803000000" + "045d888aeb1cc9119fe808002b10486002000000" +
		"01000100c84f324b7016d30112785a47bf6ee18803000000" + "2c1cb76c12984045030000000000000001000000"
	cases := []struct {
		name        string
		pdus        []string
		proto, info string
	}{
		{"bind with feature negotiation", []string{bind}, "DCERPC",
			"Bind: call_id: 1, Fragment: Single, 2 context items: SRVSVC V3.0 (32bit NDR), SRVSVC V3.0 (6cb71c2c-9812-4540-0300-000000000000)"},
		{"bind_ack", []string{"05000c03100000004400000001000000b810b8103e8a00000d005c706970655c73727673766300000100000000000000045d888aeb1cc9119fe808002b10486002000000"},
			"DCERPC", "Bind_ack: call_id: 1, Fragment: Single, max_xmit: 4280 max_recv: 4280, 1 results: Acceptance"},
		{"request without a bind", []string{"05000003100000001c0000000200000004000000000015000000000000000000"[:56]},
			"DCERPC", "Request: call_id: 2, Fragment: Single, opnum: 21, Ctx: 0"},
		{"request after the bind", []string{bind, "0500000310000000200000000200000004000000000015000000000000000000"},
			"SRVSVC", "NetSrvGetInfo request"},
		{"response after its request: WERROR", []string{bind, "0500000310000000200000000700000004000000000010000000000000000000",
			"05000203100000002400000007000000" + "0c00000000000000" + "f6010000000000007b000000"},
			"SRVSVC", "NetShareGetInfo response, Error: WERR_INVALID_NAME"},
		{"response to another call", []string{bind, "0500000310000000200000000700000004000000000010000000000000000000",
			"05000203100000002400000008000000" + "0c00000000000000" + "f6010000000000007b000000"},
			"DCERPC", "Response: call_id: 8, Fragment: Single, Ctx: 0"},
		{"fault", []string{"05000303100000002000000004000000180000000000000005000000000000000"[:64]},
			"DCERPC", "Fault: call_id: 4, Fragment: Single, Ctx: 0, status: nca_s_fault_access_denied"},
		{"first fragment", []string{bind, "0500000110000000200000000200000004000000000015000000000000000000"},
			"DCERPC", "Request: call_id: 2, Fragment: 1st, opnum: 21, Ctx: 0"},
		{"last fragment completes the call", []string{bind, "0500000110000000200000000200000004000000000015000000000000000000",
			"0500000210000000200000000200000004000000000015000000000000000000"},
			"SRVSVC", "NetSrvGetInfo request"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, tree := range []bool{false, true} {
				conv := &Conv{}
				var out Out
				for i, h := range c.pdus {
					b, err := hex.DecodeString(h)
					if err != nil {
						t.Fatal(err)
					}
					out.reset(tree)
					dissectDCERPCTCP(&PDU{Data: b, Len: len(b), Conv: conv, TCP: true, Frame: i, Dir: uint8(i & 1)}, &out)
					checkTree(t, out.Tree, len(b))
				}
				if out.Proto != c.proto || out.Info() != c.info {
					t.Errorf("tree %v: %q %q, want %q %q", tree, out.Proto, out.Info(), c.proto, c.info)
				}
			}
		})
	}
}

// TestDCERPCHeuristic checks the PDU header test (Wireshark's is_dcerpc)
// and the TCP framing by fragment length.
func TestDCERPCHeuristic(t *testing.T) {
	cases := []struct {
		name string
		hex  string
		ok   bool
		n    int
	}{
		{"bind", "05000b0310000000480000000100000000", true, 0x48},
		{"version 5.1", "05010b0310000000480000000100000000", true, 0x48},
		{"big-endian", "05000b0300000000004800000000000100", true, 0x48},
		{"version 4 (connectionless)", "04000b0310000000480000000100000000", false, 0x48},
		{"unknown type", "0500150310000000480000000100000000", false, 0x48},
		{"bad data representation", "05000b0312000000480000000100000000", false, 0x48},
		{"fragment shorter than a header", "05000b03100000000f0000000100000000", false, -1},
		{"too short to tell", "05000b031000", false, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b, _ := hex.DecodeString(c.hex)
			if got := dcerpcLooksLike(b); got != c.ok {
				t.Errorf("looks like %v, want %v", got, c.ok)
			}
			if got := dcerpcPDULen(nil, 0, b); got != c.n {
				t.Errorf("PDU length %d, want %d", got, c.n)
			}
		})
	}
}

// TestDCERPCEscapes checks that a secondary address from the packet is
// escaped in its label and kept raw for filters.
func TestDCERPCEscapes(t *testing.T) {
	b, _ := hex.DecodeString("05000c03100000004400000001000000b810b8103e8a00000d005c1b5b316d5c7372767376630000010000000000000000045d888aeb1cc9119fe808002b10486002000000"[:0x44*2])
	var out Out
	out.reset(true)
	dissectDCERPCTCP(&PDU{Data: b, Len: len(b), Conv: &Conv{}, TCP: true}, &out)
	found := false
	var walk func(fs []Field)
	walk = func(fs []Field) {
		for _, f := range fs {
			if f.Name == "dcerpc.cn_sec_addr" {
				found = true
				if strings.ContainsRune(f.Label, 0x1b) || !strings.Contains(f.Str, "\x1b") && !strings.ContainsRune(f.Str, 0x1b) {
					t.Errorf("label %q str %q", f.Label, f.Str)
				}
			}
			walk(f.Children)
		}
	}
	walk(out.Tree)
	if !found {
		t.Errorf("no dcerpc.cn_sec_addr in %+v", out.Tree)
	}
}

// FuzzProtoDCERPC feeds arbitrary bytes to the TCP framing and dissector
// and to the SMB2 pipe path, with and without the tree, on one connection:
// no panic, every field inside its PDU. Seeded with PDUs of
// lab__dcerpc.pcap and zeek's smb2.pcap.
func FuzzProtoDCERPC(f *testing.F) {
	for _, s := range dcerpcSeeds {
		b, _ := hex.DecodeString(s)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		conv := &Conv{}
		rest := b
		for i := 0; i < 16 && len(rest) > 0; i++ {
			n := dcerpcPDULen(conv, uint8(i&1), rest)
			if n <= 0 || n > len(rest) {
				n = len(rest)
			}
			for _, tree := range []bool{false, true} {
				var out Out
				out.reset(tree)
				dissectDCERPCTCP(&PDU{Data: rest[:n], Len: n, Conv: conv, TCP: true, Frame: i}, &out)
				checkTree(t, out.Tree, n)
			}
			rest = rest[n:]
		}
		st := newDCERPCState()
		for i, tree := range []bool{false, true, true} {
			_, _, fs, _ := st.pipe(uint64(i&1), b, len(b)+i, 0, i, 0, tree)
			checkTree(t, fs, len(b))
		}
	})
}

// dcerpcSeeds are DCE/RPC PDUs of lab__dcerpc.pcap (tshark -Y dcerpc -e tcp.payload).
var dcerpcSeeds = []string{
	"05000b03100000004800000001000000b810b8100000000001000000000001000883afe11f5dc91191a408002b14a0fa03000000045d888aeb1cc9119fe808002b10486002000000",
	"05000c03100000003c00000001000000b810b810b30c000004003133350000000100000000000000045d888aeb1cc9119fe808002b10486002000000",
	"05000003100000008c00000002000000740000000000030000000000010000004b0000004b000000050013000d785734123412cdabef000123456789ab00000200000013000d045d888aeb1cc9119fe808002b10486002000200000001000b020000000100070200000001000904000000000000000000000000000000000000000000000000000001000000",
	"050002031000000098000000020000008000000000000000000000000000000000000000000000000000000001000000010000000000000001000000020000004b0000004b000000050013000d785734123412cdabef000123456789ab00000200000013000d045d888aeb1cc9119fe808002b10486002000200000001000b020000000100070200c00201000904000a0c00020000000000",
	"05000b07100000007800280003000000b810b810000000000100000000000100785734123412cdabef000123456789ab00000000045d888aeb1cc9119fe808002b104860020000000a050000010000004e544c4d53535000010000001582086200000000280000000000000028000000060100000000000f",
	"05000c0710000000c000800003000000b810b81075cd0000000000000100000000000000045d888aeb1cc9119fe808002b104860020000000a050000010000004e544c4d53535000020000000c000c003800000015828a62023086e800d16ac600000000000000003c003c0044000000060100000000000f4c004100420053005200560002000c004c004100420053005200560001000c004c0041004200530052005600040000000300040076006d00070008007a2c16d9aa85dd0100000000",
	"050010031000000086016a0103000000000000000a050000010000004e544c4d53535000030000001800180058000000d800d800700000000600060048010000080008004e0100000400040056010000100010005a01000015820862060100000000000f1c1906d120ecbff767359e0b7ac816b9000000000000000000000000000000000000000000000000d7bda8327a3b26529ec660b26e7cf30501010000000000007a2c16d9aa85dd01dbc5b5fd79f03a750000000002000c004c004100420053005200560001000c004c0041004200530052005600040000000300040076006d00070008007a2c16d9aa85dd01060004000200000008003000300000000000000000000000000000000ab6e1fc447da4046bbd25f3b84491a73ef328d8645038a3935d556615d16bcb0a0010000000000000000000000000000000000009001c0068006f00730074002f00310030002e00310032002e0030002e003200000000004c004100420072006f006f00740056004d0071b181806a20bf70dbc986a15221bc3e",
	"0500000310000000a0001000040000006c00000000002d00000002000a000000000000000a000000310030002e00310032002e0030002e00320000000000000004000200000000008ae3137102f43671010004000100000002402800785734123412cdabef000123456789ab00000000045d888aeb1cc9119fe808002b10486002000000000000000a05040001000000010000003146a54afd78428200000000",
	"0500030310000000200000000400000018000000000000000500000000000000",
	"05000b03100000004800000005000000b810b8100000000001000000000001000883afe11f5dc91191a408002b14a0fa03000000045d888aeb1cc9119fe808002b10486002000000",
	"05000c03100000003c00000005000000b810b8103c96000004003133350000000100000000000000045d888aeb1cc9119fe808002b10486002000000",
	"05000003100000008c00000006000000740000000000030000000000010000004b0000004b000000050013000d785734123412cdabef000123456789ac01000200000013000d045d888aeb1cc9119fe808002b10486002000200000001000b020000000100070200000001000904000000000000000000000000000000000000000000000000000001000000",
	"050002031000000098000000060000008000000000000000000000000000000000000000000000000000000001000000010000000000000001000000020000004b0000004b000000050013000d785734123412cdabef000123456789ac01000200000013000d045d888aeb1cc9119fe808002b10486002000200000001000b020000000100070200c00201000904000a0c00020000000000",
	"05000b07100000007800280007000000b810b810000000000100000000000100785734123412cdabef000123456789ac01000000045d888aeb1cc9119fe808002b104860020000000a050000010000004e544c4d53535000010000001582086200000000280000000000000028000000060100000000000f",
	"05000c0710000000c000800007000000b810b81019910001000000000100000000000000045d888aeb1cc9119fe808002b104860020000000a050000010000004e544c4d53535000020000000c000c003800000015828a621f038a1c835a02ea00000000000000003c003c0044000000060100000000000f4c004100420053005200560002000c004c004100420053005200560001000c004c0041004200530052005600040000000300040076006d0007000800b68f17d9aa85dd0100000000",
	"050010031000000086016a0107000000000000000a050000010000004e544c4d53535000030000001800180058000000d800d800700000000600060048010000080008004e0100000400040056010000100010005a01000015820862060100000000000f22067781abe7c050c9c2397913c21b1c000000000000000000000000000000000000000000000000a850b1a3169d8443bf4413140f47cb910101000000000000b68f17d9aa85dd016d0ddbf5f188e3cf0000000002000c004c004100420053005200560001000c004c0041004200530052005600040000000300040076006d0007000800b68f17d9aa85dd0106000400020000000800300030000000000000000000000000000000ea4823a3bff88f69939a83b852632b7669250d5ffea44bcb760894eb053564860a0010000000000000000000000000000000000009001c0068006f00730074002f00310030002e00310032002e0030002e003200000000004c004100420072006f006f00740056004d00ea7592e38c1eb1a162ed0cc32926a1f9",
	"0500000310000000b0001000080000007800000000004000000002000c000000000000000c0000005c005c00310030002e00310032002e0030002e003200000000000002010000000100000002000000000000008ae3137102f43671010004000100000002402800785734123412cdabef000123456789ac01000000045d888aeb1cc9119fe808002b1048600200000000000000000000000a0508000100000001000000c3fced02769b7b3f00000000",
	"050002031000000060001000080000002800000000000000010000000100000003000000000000000000000033dbd40243ee974ea6e4aa920390a8980000000000000000000000000a0508000100000001000000e5023ff71c2aea1f00000000",
	"050000031000000050001000090000001c000000000006000000000033dbd40243ee974ea6e4aa920390a89800000000ffff0000000000000a0504000100000001000000a9b13a16b4b522ed01000000",
	"0500020310000000a00010000900000068000000000000000000000000000200020000000400020002000000000000000c000c0008000200010000000e000e000c0002000600000000000000060000004c00410042005300520056000700000000000000070000004200750069006c00740069006e000000020000000000000000000000000000000a05080001000000010000004b1f9c3630088d5301000000",
	"0500000310000000700010000a00000034000000000005000000000033dbd40243ee974ea6e4aa920390a8980c000c00000002000600000000000000060000004c00410042005300520056000000000000000000000000000a050c000100000001000000510a27572c693ce302000000",
	"0500020310000000600010000a00000024000000000000000400020004000000010400000000000515000000259b3c350fdbd95893365ddd000000000000000000000000000000000a050c000100000001000000f1bb5f55e47c022802000000",
	"0500000310000000700010000b00000034000000000007000000000033dbd40243ee974ea6e4aa920390a8980000000204000000010400000000000515000000259b3c350fdbd95893365ddd0000000000000000000000000a050c0001000000010000002af45f191af5d4ab03000000",
	"0500020310000000500010000b00000018000000000000000100000052184a33c9c04c439a27ee64729174c00000000000000000000000000a050800010000000100000054e3d89d2ad8fba303000000",
}
