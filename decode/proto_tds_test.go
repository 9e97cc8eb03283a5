package decode

import (
	"encoding/hex"
	"testing"
)

// tdsLab is FreeTDS's tsql against the MS-TDS responder of
// testdata/app/lab__tds.sh; tdsCrafted the packets they did not send
// (testdata/app/lab__tds-crafted.py).
const (
	tdsLab     = "lab__tds.pcap"
	tdsCrafted = "lab__tds-crafted.pcap"
)

// tdsRun frames and dissects one segment's bytes, returning the columns.
func tdsRun(t testing.TB, conv *Conv, b []byte, tree bool) *Out {
	var out Out
	out.reset(tree)
	for rest := b; len(rest) > 0; {
		n := tdsPDULen(conv, 0, rest)
		if n <= 0 || n > len(rest) {
			n = len(rest)
		}
		k := len(out.Tree)
		tdsDissect(&PDU{Data: rest[:n], Len: n, Off: -1, SrcPort: 40000, DstPort: tdsPort, TCP: true, Conv: conv}, &out)
		if t, ok := t.(*testing.T); ok {
			checkTree(t, out.Tree[k:], n)
		}
		rest = rest[n:]
	}
	return &out
}

// TestTDSInfo checks the Info column; each expected value is tshark
// 4.0.17's on the named frame of lab__tds.pcap (L) or lab__tds-crafted.pcap (C).
func TestTDSInfo(t *testing.T) {
	cases := []struct {
		name, hex, info string
	}{
		{"attention (C9)", "0601000800000100", "Attention"},
		{"RPC by procedure ID (C4)", "030100400000010016000000120000000200000000000000000001000000ffff0a0000000000e7401f0904d000341000730065006c0065006300740020003200", "Remote Procedure Call"},
		{"two batches in one segment (C11)", "0101002e0000010016000000120000000200000000000000000001000000730065006c00650063007400200033000101002e0000020016000000120000000200000000000000000001000000730065006c0065006300740020003400",
			"SQL batch,SQL batch"},
		{"a response of two packets in one segment (C12)", "0400001500330100fd1000c10001000000000000000401001500330200fd1000c1000100000000000000",
			"Response (Not last buffer),Response"},
		{"bulk load (C15)", "0701000c0000010001020304", "Bulk load data"},
		{"transaction manager (C16)", "0e01002000000100160000001200000002000000000000000000010000000000", "Transaction Manager Request"},
		{"unknown type (C17)", "9901000a000001000001", "Unknown Packet Type: 153"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b, err := hex.DecodeString(c.hex)
			if err != nil {
				t.Fatal(err)
			}
			for _, tree := range []bool{false, true} {
				out := tdsRun(t, &Conv{}, b, tree)
				if out.Proto != "TDS" || out.Info() != c.info {
					t.Errorf("tree %v: got %q %q, want TDS %q", tree, out.Proto, out.Info(), c.info)
				}
			}
		})
	}
}

// TestTDSPDULen checks the framing by the netlib header's length ([MS-TDS]
// 2.2.3.1.3: big-endian, header included).
func TestTDSPDULen(t *testing.T) {
	for _, c := range []struct {
		hex string
		n   int
	}{{"060100", 0}, {"0601000800000100", 8}, {"0400100000330100", 4096}, {"0101000400", 5}} {
		b, _ := hex.DecodeString(c.hex)
		if n := tdsPDULen(nil, 0, b); n != c.n {
			t.Errorf("%s: got %d, want %d", c.hex, n, c.n)
		}
	}
}

// TestTDSDetailsPDML compares TDS layers with tshark 4.0.17's PDML of the
// same captures (names, showname labels, pos and size).
func TestTDSDetailsPDML(t *testing.T) {
	w := NewAppWalker(loadAppCapture(t, tdsLab))
	for _, c := range []struct {
		frame int
		want  []pdmlWant
	}{
		{3, []pdmlWant{
			{"tds", "Tabular Data Stream", 66, 58},
			{"tds.type", "Type: TDS7 pre-login message (18)", 66, 1},
			{"tds.status", "Status: 0x01, End of message", 67, 1},
			{"tds.status.eom", ".... ...1 = End of message: True", 67, 1},
			{"tds.length", "Length: 58", 68, 2},
			{"tds.prelogin", "Pre-Login Message", 74, 50},
			{"tds.prelogin.option.version", "Version: 9.0.0", 100, 4},
			{"tds.prelogin.option.encryption", "Encryption: Encryption is not available (2)", 106, 1},
			{"tds.prelogin.option.instopt", "InstOpt: MSSQLServer", 107, 12},
			{"tds.prelogin.option.mars", "MARS: Off (0)", 123, 1},
		}},
		{5, []pdmlWant{
			{"tds.prelogin.option.version", "Version: 16.0.4000", 100, 4},
		}},
		{7, []pdmlWant{
			{"tds.7login.version", "TDS version: 0x74000004", 78, 4},
			{"tds.7login.client_version", "Client version: 6.131.62200", 86, 4},
			{"tds.7login.offset", "Username offset: 98", 114, 2},
			{"tds.7login.username", "Username: sa", 172, 4},
			{"tds.7login.password", "Password: Lab-pw1", 176, 14},
			{"tds.7login.appname", "App name: TSQL", 190, 8},
			{"tds.7login.locale", "Locale: us_english", 242, 20},
		}},
		{8, []pdmlWant{
			{"tds.envchange.newvalue_string", "New Value: master", 79, 12},
			{"tds.info.msgtext", "Error message: Changed database context to 'master'.", 103, 74},
			{"tds.loginack.tdsversion", "TDS version: 0x74000004", 225, 4},
			{"tds.loginack.progname", "Server name: Microsoft SQL Server", 230, 40},
			{"tds.loginack.progversion", "Server Version: 16.0.4231", 270, 4},
			{"tds.envchange.oldvalue_string", "Old Value: 4096", 288, 8},
			{"tds.done.curcmd", "Operation: 0x0000", 299, 2},
			{"tds.done.donerowcount64", "Row count: 0", 301, 8},
		}},
		{9, []pdmlWant{
			{"tds.all_headers.header.type", "Type: Transaction descriptor (0x0002)", 82, 2},
			{"tds.all_headers.header.request_cnt", "Outstanding request count: 1", 92, 4},
			{"tds.query", "Query: select 1\\n", 96, 18},
		}},
		{14, []pdmlWant{
			{"tds.error.number", "SQL Error Number: 208", 77, 4},
			{"tds.error.class", "Class (Severity): 16", 82, 1},
			{"tds.error.msgtext_length", "Error message length: 29 characters", 83, 2},
			{"tds.error.servername", "Server name: labsql", 144, 12},
			{"tds.done.status", ".... ...0 .000 0010 = Status flags: 0x002, Error", 162, 2},
		}},
	} {
		checkPDMLFields(t, c.frame, w.At(c.frame, true).Tree, c.want)
	}
	w = NewAppWalker(loadAppCapture(t, tdsCrafted))
	for _, c := range []struct {
		frame int
		want  []pdmlWant
	}{
		{3, []pdmlWant{
			{"tds.rpc.name_length", "Procedure name length: 65535", 84, 2},
			{"tds.rpc.proc_id", "Stored procedure ID: sp_executesql (10)", 86, 2},
			{"tds.rpc.options", "Option flags: 0x0000", 88, 2},
		}},
		{4, []pdmlWant{
			{"tds.doneinproc.status", ".... ...0 .001 .001 = Status flags: 0x011, More, Row count valid", 63, 2},
			{"tds.returnstatus.value", "Value: 0", 76, 4},
			{"tds.doneproc.curcmd", "Operation: 0x00e0", 83, 2},
		}},
		{5, []pdmlWant{
			{"tds.rpc.name", "Procedure name: lab_proc1", 86, 18},
		}},
		{15, []pdmlWant{
			{"tds.transmgr", "Transaction Manager Request: TM_GET_DTC_ADDRESS (0)", 84, 2},
		}},
		{16, []pdmlWant{
			{"tds.type", "Type: Unknown (153)", 54, 1},
			{"tds.unknown_tds_packet", "TDS Packet: 0001", 62, 2},
		}},
	} {
		checkPDMLFields(t, c.frame, w.At(c.frame, true).Tree, c.want)
	}
}

// FuzzProtoTDS feeds arbitrary bytes through the framing and the
// dissector, before and after a LOGIN7: no panic, every field inside the
// packet. Seeded with the captures' packets.
func FuzzProtoTDS(f *testing.F) {
	for _, s := range []string{"0601000800000100", "0400001500330100fd1000c10001000000000000000401001500330200fd1000c1000100000000000000",
		"030100400000010016000000120000000200000000000000000001000000ffff0a0000000000e7401f0904d000341000730065006c0065006300740020003200",
		"0401002f0000010000001a00060100200001020021000103002200040400260001ff0f0007d0000000000000000000",
		"0401002700330100ff1100c10000000000000000007900000000fe0000e0000000000000000000"} {
		b, _ := hex.DecodeString(s)
		f.Add(b, uint32(0x74000004), false)
	}
	f.Fuzz(func(t *testing.T, b []byte, version uint32, prelogin bool) {
		if len(b) == 0 {
			return
		}
		for _, tree := range []bool{false, true} {
			conv := &Conv{State: &tdsState{version: version, prelogin: prelogin}}
			out := tdsRun(t, conv, b, tree)
			checkTree(t, out.Tree, len(b))
		}
	})
}
