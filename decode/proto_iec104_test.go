package decode

import (
	"encoding/hex"
	"testing"
)

// TestIEC104Info checks the Protocol and Info columns of single APDUs, each
// expected value tshark 4.0.17's on the same bytes in
// lab__iec104-crafted.pcap (frame numbers given).
func TestIEC104Info(t *testing.T) {
	const asdu = "IEC 60870-5 ASDU"
	cases := []struct {
		name, hex   string
		fromServer  bool
		proto, info string
	}{
		{"startdt act (1)", "680407000000", false, "IEC 60870-5-104", "<- U (STARTDT act) "},
		{"s frame (14)", "680401001400", false, "IEC 60870-5-104", "<- S (10) "},
		{"interrogation (3)", "680e0000000064010600010000000014", false, asdu, "<- I (0,0) ASDU=1 C_IC_NA_1 Act     IOA=0"},
		{"single points (5)", "681602000200010314000100e9030001ea030000eb030081", true, asdu, "-> I (1,1) ASDU=1 M_SP_NA_1 Inrogen IOA[3]=1001,..."},
		{"negative test cause (53)", "681040001a000901e3000100bc0b00010000", true, asdu, "-> I (32,13) ASDU=1 M_ME_NA_1 Inro15_NEGA_TEST IOA=3004"},
		{"unknown type (30)", "681022000c00c80103000100010000010203", true, asdu, "-> I (17,6) ASDU=1 <TypeId=200> Spont   IOA=1"},
		{"prefix bytes (31)", "0000680443000000", false, "IEC 60870-5-104", "<ERR prefix 2 bytes> <- U (TESTFR act) "},
		{"header cut (33)", "680726000c00010103", true, asdu, "-> I (19,6) [Malformed Packet]"},
		{"no object address (35)", "680a2a000c00010003000100", true, asdu, "-> I (21,6) [Malformed Packet]"},
		{"object cut (36)", "680d2c000c00010103000100ef0300", true, asdu, "-> I (22,6) ASDU=1 M_SP_NA_1 Spont   IOA=1007[Malformed Packet]"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b, err := hex.DecodeString(c.hex)
			if err != nil {
				t.Fatal(err)
			}
			if n := iec104PDULen(nil, 0, b); n != len(b) {
				t.Fatalf("PDULen = %d, want %d", n, len(b))
			}
			base := PDU{SrcPort: 40104, DstPort: iec104Port, TCP: true}
			if c.fromServer {
				base.SrcPort, base.DstPort = iec104Port, 40104
			}
			checkDissect(t, c.hex, base, iec104Dissect, true, c.proto, c.info)
		})
	}
}

// TestIEC104PDULen checks the APDU framing: a length byte below 4 makes a
// PDU shorter than tcp_dissect_pdus's fixed 6 bytes (tshark's bounds error),
// and fewer than 6 bytes ask for more.
func TestIEC104PDULen(t *testing.T) {
	for _, c := range []struct {
		hex  string
		want int
	}{
		{"6804", 0},
		{"680401000a00680443000000", 6},
		{"680201000000", PDUReject},
		{"102068040100", 8},
		{"10206761726261", 7},
	} {
		b, _ := hex.DecodeString(c.hex)
		if n := iec104PDULen(nil, 0, b); n != c.want {
			t.Errorf("%s: PDULen = %d, want %d", c.hex, n, c.want)
		}
	}
}

func FuzzProtoIEC104(f *testing.F) {
	for _, s := range []string{"680407000000", "680e0000000064010600010000000014",
		"681602000200010314000100e9030001ea030000eb030081", "0000680443000000",
		"681c060002000d8314000100a10f000000484100000050c0100000664300", "680726000c00010103",
		"6815140002001e0103000100e903000024770f0a070c1a"} {
		b, _ := hex.DecodeString(s)
		f.Add(b, false)
	}
	f.Fuzz(func(t *testing.T, b []byte, fromServer bool) {
		src, dst := uint16(40104), uint16(iec104Port)
		if fromServer {
			src, dst = dst, src
		}
		rest := b
		for i := 0; i < 8 && len(rest) > 0; i++ {
			n := iec104PDULen(nil, 0, rest)
			if n <= 0 || n > len(rest) {
				n = len(rest)
			}
			for _, tree := range []bool{false, true} {
				var out Out
				out.reset(tree)
				iec104Dissect(&PDU{Data: rest[:n], Len: n, SrcPort: src, DstPort: dst, TCP: true, Conv: &Conv{}}, &out)
				checkTree(t, out.Tree, n)
			}
			rest = rest[n:]
		}
	})
}
