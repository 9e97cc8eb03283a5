package decode

import (
	"encoding/hex"
	"testing"
)

// tnsLab is go-ora's connection attempts against the TNS responder of
// testdata/app/lab__tns.sh; tnsCrafted the packets they did not exchange
// (testdata/app/lab__tns-crafted.py).
const (
	tnsLab     = "lab__tns.pcap"
	tnsCrafted = "lab__tns-crafted.pcap"
)

// tnsRun frames and dissects one segment's bytes sent to (req) or from
// port 1521, returning the columns.
func tnsRun(t testing.TB, conv *Conv, b []byte, req, tree bool) *Out {
	var out Out
	out.reset(tree)
	src, dst := uint16(40000), uint16(tnsPort)
	if !req {
		src, dst = dst, src
	}
	for rest := b; len(rest) > 0; {
		n := tnsPDULen(conv, 0, rest)
		if n <= 0 || n > len(rest) {
			n = len(rest)
		}
		k := len(out.Tree)
		tnsDissect(&PDU{Data: rest[:n], Len: n, Off: -1, SrcPort: src, DstPort: dst, TCP: true, Conv: conv}, &out)
		if t, ok := t.(*testing.T); ok {
			checkTree(t, out.Tree[k:], n)
		}
		rest = rest[n:]
	}
	return &out
}

// TestTNSInfo checks the Info column; each expected value is tshark
// 4.0.17's on the named frame of lab__tns.pcap (L) or lab__tns-crafted.pcap (C).
func TestTNSInfo(t *testing.T) {
	cases := []struct {
		name    string
		version uint16 // the conversation's Accept, 0 for none
		req     bool
		hex     string
		info    string
	}{
		{"refuse (L6)", 0, false, "005f00000400000022220053284445534352495054494f4e3d28544d503d292856534e4e554d3d3029284552523d313235313429284552524f525f535441434b3d284552524f523d28434f44453d31323531342928454d46493d3429292929",
			"Response, Refuse (4)"},
		{"redirect (L16)", 0, false, "003e000005000000003428414444524553533d2850524f544f434f4c3d5443502928484f53543d31302e37372e31302e322928504f52543d313532312929",
			"Response, Redirect (5)"},
		{"resend (L36)", 0, false, "000800000b000000", "Response, Resend (11)"},
		{"accept (C5)", 0, false, "0020000002000000013a080120007fff01000000002041410000000000000000", "Response, Accept (2)"},
		{"set protocol (C6)", 314, true, "003300000600000000000100000000000000000000000000000000000000000000000000000000000000000000000000000000",
			"Request, Data (6), Set Protocol"},
		{"secure network services (C26)", 314, true, "00360000060000000000deadbeef00000000000000000000000000000000000000000000000000000000000000000000000000000000",
			"Request, Data (6), Secure Network Services"},
		{"flags only (C27)", 314, true, "000a0000060000000040", "Request, Data (6)"},
		{"marker (C28)", 314, true, "000b00000c000000010001", "Request, Marker (12)"},
		{"five packets: the last shows (C30)", 314, true, "0008000007000000000b000009000000000000000c00000e000000000900000008000003000000000900006300000078",
			"Request, Unknown (99)"},
		{"32-bit length after a version 317 Accept (C39)", 317, false, "000000330600000000000800000000000000000000000000000000000000000000000000000000000000000000000000000000",
			"Response, Data (6), Return OPI Parameter"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b, err := hex.DecodeString(c.hex)
			if err != nil {
				t.Fatal(err)
			}
			for _, tree := range []bool{false, true} {
				out := tnsRun(t, &Conv{State: &tnsState{version: c.version}}, b, c.req, tree)
				if out.Proto != "TNS" || out.Info() != c.info {
					t.Errorf("tree %v: got %q %q, want TNS %q", tree, out.Proto, out.Info(), c.info)
				}
			}
		})
	}
}

// TestTNSDetailsPDML compares TNS layers with tshark 4.0.17's PDML of the
// same captures (names, showname labels, pos and size).
func TestTNSDetailsPDML(t *testing.T) {
	w := NewAppWalker(loadAppCapture(t, tnsLab))
	for _, c := range []struct {
		frame int
		want  []pdmlWant
	}{
		{3, []pdmlWant{
			{"tns", "Transparent Network Substrate Protocol", 66, 236},
			{"tns.length", "Packet Length: 236", 66, 2},
			{"tns.type", "Packet Type: Connect (1)", 70, 1},
			{"tns.version", "Version: 317", 74, 2},
			{"tns.service_options", "Service Options: 0x0801, Header Checksum", 78, 2},
			{"tns.so_flag.hc", ".... 1... .... .... = Header Checksum: True", 78, 2},
			{"tns.sdu_size", "Session Data Unit Size: 65535", 80, 2},
			{"tns.ntp_flag.crel", ".1.. .... .... .... = Confirmed release: True", 84, 2},
			{"tns.value_of_one", "Value of 1 in Hardware: 0001", 88, 2},
			{"tns.connect_data_offset", "Offset to Connect Data: 70", 92, 2},
			{"tns.connect_flags0", "Connect Flags 0: 0x01, NA services wanted", 98, 1},
			{"tns.trace_cid", "Trace Unique Connection ID: 0x0000000000000000", 108, 8},
		}},
		{5, []pdmlWant{
			{"tns.refuse_reason_user", "Refuse Reason (User): 0x22", 74, 1},
			{"tns.refuse_data_length", "Refuse Data Length: 83", 76, 2},
			{"tns.refuse_data", "Refuse Data: (DESCRIPTION=(TMP=)(VSNNUM=0)(ERR=12514)(ERROR_STACK=(ERROR=(CODE=12514)(EMFI=4))))", 78, 83},
		}},
		{15, []pdmlWant{
			{"tns.redirect_data", "Redirect Data: (ADDRESS=(PROTOCOL=TCP)(HOST=10.77.10.2)(PORT=1521))", 76, 52},
		}},
	} {
		checkPDMLFields(t, c.frame, w.At(c.frame, true).Tree, c.want)
	}
	w = NewAppWalker(loadAppCapture(t, tnsCrafted))
	for _, c := range []struct {
		frame int
		want  []pdmlWant
	}{
		{4, []pdmlWant{
			{"tns.version", "Version: 314", 62, 2},
			{"tns.accept_data_offset", "Offset to Accept Data: 32", 74, 2},
		}},
		{5, []pdmlWant{
			{"tns.data_flag", "Data Flag: 0x0000", 62, 2},
			{"tns.data_id", "Data ID: Set Protocol (0x01)", 64, 1},
		}},
		{26, []pdmlWant{
			{"tns.data_flag", "Data Flag: 0x0040, End of File", 62, 2},
			{"tns.data_flag.eof", ".... .... .1.. .... = End of File: True", 62, 2},
		}},
		{27, []pdmlWant{
			{"tns.marker.type", "Marker Type: Data Marker - 1 Data Bytes (0x01)", 62, 1},
			{"tns.marker.databyte", "Marker Data Byte: 0x01", 64, 1},
		}},
		{38, []pdmlWant{
			{"tns.length", "Packet Length: 51", 54, 4},
			{"tns.data_id", "Data ID: Return OPI Parameter (0x08)", 64, 1},
		}},
	} {
		checkPDMLFields(t, c.frame, w.At(c.frame, true).Tree, c.want)
	}
}

// FuzzProtoTNS feeds arbitrary bytes through the framing and the
// dissector, with 16- and 32-bit lengths: no panic, every field inside
// the packet. Seeded with the captures' packets.
func FuzzProtoTNS(f *testing.F) {
	for _, s := range []string{"005f00000400000022220053284445534352495054494f4e3d28544d503d2928",
		"003e000005000000003428414444524553533d2850524f544f434f4c3d5443502928484f53543d31302e37372e31302e322928504f52543d313532312929",
		"0020000002000000013a080120007fff01000000002041410000000000000000", "000b00000c000000010001",
		"0008000007000000000b000009000000000000000c00000e000000000900000008000003000000000900006300000078",
		"00360000060000000000deadbeef0000000000000000"} {
		b, _ := hex.DecodeString(s)
		f.Add(b, uint16(314))
	}
	f.Fuzz(func(t *testing.T, b []byte, version uint16) {
		if len(b) == 0 {
			return
		}
		for _, tree := range []bool{false, true} {
			out := tnsRun(t, &Conv{State: &tnsState{version: version}}, b, version%2 == 0, tree)
			checkTree(t, out.Tree, len(b))
		}
	})
}
