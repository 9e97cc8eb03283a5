package decode

import (
	"encoding/hex"
	"testing"
)

// TestDoIPColumns dissects the DoIP messages of lab__doip-crafted.pcap (UDP
// datagrams and TCP segments holding one message each); the expected
// Protocol and Info are tshark 4.0.17's on the same frames (-T fields),
// UDS's where a diagnostic message carries it.
func TestDoIPColumns(t *testing.T) {
	cases := []struct {
		name, hex   string
		tcp         bool
		proto, info string
	}{
		{"frame 1", "ff00000100000000", false, "DoIP", "Vehicle identification request"},
		{"frame 2", "02fd0004000000215756575a5a5a314a5a585730303030303110010200000000aa0200000000bb0000", false, "DoIP", "Vehicle announcement message/vehicle identification response message"},
		{"frame 3", "02fd0002000000060200000000aa", false, "DoIP", "Vehicle identification request with EID"},
		{"frame 4", "02fd0004000000205756575a5a5a314a5a585730303030303110010200000000aa0200000000bb00", false, "DoIP", "Vehicle announcement message/vehicle identification response message"},
		{"frame 5", "03fc0003000000115756575a5a5a314a5a5857303030303031", false, "DoIP", "Vehicle identification request with VIN"},
		{"frame 6", "03fc0004000000215756575a5a5a314a5a585730303030303110010200000000aa0200000000bb1010", false, "DoIP", "Vehicle announcement message/vehicle identification response message"},
		{"frame 7", "02fd400100000000", false, "DoIP", "DoIP entity status request"},
		{"frame 8", "02fd40020000000700100100001000", false, "DoIP", "DoIP entity status response"},
		{"frame 9", "02fd40020000000301ffff", false, "DoIP", "DoIP entity status response"},
		{"frame 10", "02fd400300000000", false, "DoIP", "Diagnostic power mode information request"},
		{"frame 11", "02fd40040000000101", false, "DoIP", "Diagnostic power mode information response"},
		{"frame 12", "02fd000900000000", false, "DoIP", "0x0009 Unknown Payload"},
		{"frame 13", "02fd00000000000101", false, "DoIP", "Generic DoIP header NACK"},
		{"frame 14", "02fd00000000000104", false, "DoIP", "Generic DoIP header NACK"},
		{"frame 18", "02fd0005000000070e800000000000", true, "DoIP", "Routing activation request"},
		{"frame 19", "02fd0006000000090e8010011000000000", true, "DoIP", "Routing activation response"},
		{"frame 20", "02fd00050000000b0e80e00000000012345678", true, "DoIP", "Routing activation request"},
		{"frame 21", "02fd00060000000d0e801001060000000000000000", true, "DoIP", "Routing activation response"},
		{"frame 22", "02fd000700000000", true, "DoIP", "Alive check request"},
		{"frame 23", "02fd0008000000020e80", true, "DoIP", "Alive check response"},
		{"frame 24", "02fd8001000000060e8010011003", true, "UDS", "Request   Diagnostic Session Control             Extended Diagnostic Session"},
		{"frame 25", "02fd80020000000710010e80001003", true, "DoIP", "Diagnostic message ACK"},
		{"frame 26", "02fd80010000000a10010e805003003201f4", true, "UDS", "Reply     Diagnostic Session Control             Extended Diagnostic Session   00 32 01 f4"},
		{"frame 27", "02fd8001000000070e80100122f190", true, "UDS", "Request   Read Data By Identifier                0xf190"},
		{"frame 28", "02fd80010000001810010e8062f1905756575a5a5a314a5a5857303030303031", true, "UDS", "Reply     Read Data By Identifier                0xf190   57 56 57 5a 5a 5a 31 4a 5a 58 57 30 30 30 30 30 31"},
		{"frame 29", "02fd8001000000060e8010012701", true, "UDS", "Request   Security Access                        Request Seed"},
		{"frame 30", "02fd80010000000a10010e80670111223344", true, "UDS", "Reply     Security Access                        Request Seed   11 22 33 44"},
		{"frame 31", "02fd8001000000060e8010013e00", true, "UDS", "Request   Tester Present                         Sub-function 0"},
		{"frame 32", "02fd80010000000610010e807e00", true, "UDS", "Reply     Tester Present                         Sub-function 0"},
		{"frame 33", "02fd8001000000080e8010013101ff00", true, "UDS", "Request   Routine Control                        Start routine 0xff00"},
		{"frame 34", "02fd80010000000710010e807f3133", true, "UDS", "Reply     Error                                  Routine Control (SID: Security Access Denied)"},
		{"frame 35", "02fd8001000000060e801001ba01", true, "UDS", "Request   Unknown (0xba)                      "},
		{"frame 36", "02fd8001000000060e8010012705", true, "UDS", "Request   Security Access                        Unknown (0x05)"},
		{"frame 37", "02fd80010000000610010e806705", true, "UDS", "Reply     Security Access                        Unknown (0x05)"},
		{"frame 38", "02fd8001000000080e8010012706aabb", true, "UDS", "Request   Security Access                        Unknown (0x06)   aa bb"},
		{"frame 39", "02fd8001000000060e8010018502", true, "UDS", "Request   Control DTC Setting                    Off"},
		{"frame 40", "02fd8001000000070e801001280301", true, "UDS", "Request   Communication Control               "},
		{"frame 41", "02fd80010000000f0e8010013400440001000000001000", true, "UDS", "Request   Request Download                       0x1000 bytes at 0x10000   (Compression:0x0 Encrypting:0x0)"},
		{"frame 42", "02fd80010000000810010e8074200ffa", true, "UDS", "Reply     Request Download                       Max Number Of Block Length 0xffa"},
		{"frame 43", "02fd8001000000080e8010013601dead", true, "UDS", "Request   Transfer Data                          Block Sequence Counter 1"},
		{"frame 44", "02fd8001000000090e8010012ff1230301", true, "UDS", "Request   Input Output Control By Identifier     0xf123  Short Term Adjustment 01"},
		{"frame 45", "02fd80010000000a10010e807101ff000012", true, "UDS", "Reply     Routine Control                        Start routine 0xff00   0x0   12"},
		{"frame 46", "02fd80010000000a0e8010013103ff000102", true, "UDS", "Request   Routine Control                        Request routine result 0xff00   01 02"},
		{"frame 47", "02fd8001000000090e80100122f190f18c", true, "UDS", "Request   Read Data By Identifier                0xf190   0xf18c"},
		{"frame 48", "02fd8001000000060e80100122f1", true, "UDS", "Request   Read Data By Identifier             [Malformed Packet]"},
		{"frame 49", "02fd8001000000050e80100110", true, "UDS", "Request   Diagnostic Session Control          [Malformed Packet]"},
		{"frame 50", "02fd80010000000610010e805001", true, "UDS", "Reply     Diagnostic Session Control             Default Session"},
		{"frame 51", "02fd80010000000710010e807f1078", true, "UDS", "Reply     Error                                  Diagnostic Session Control (SID: Request correctly received, but response is pending)"},
		{"frame 52", "02fd80010000000710010e807f1099", true, "UDS", "Reply     Error                                  Diagnostic Session Control (SID: Unknown (0x99))"},
		{"frame 53", "02fd8001000000060e8010011109", true, "UDS", "Request   ECU Reset                              Unknown (0x09)"},
		{"frame 54", "02fd8001000000060e8010013e80", true, "UDS", "Request   Tester Present                         Sub-function 0   (Reply suppressed)"},
		{"frame 55", "02fd8001000000070e8020021902ff", true, "UDS", "Request   Read DTC Information                   Report DTC by Status Mask    ff"},
		{"frame 56", "02fd80030000000820020e80031902ff", true, "DoIP", "Diagnostic message NACK"},
		{"frame 57", "02fd80030000000510010e8042", true, "DoIP", "Diagnostic message NACK"},
		{"frame 61", "02fd80010000000710010e806ef190", true, "UDS", "Reply     Write Data By Identifier               0xf190"},
		{"frame 62", "02fd123400000002aabb", true, "DoIP", "0x1234 Unknown Payload"},
		{"frame 64", "02fd8001000000040e801001", true, "UDS", "[Malformed Packet]"},
		{"frame 69", "02fd0004000000055756575a5a", false, "DoIP", "Vehicle announcement message/vehicle identification response message[Malformed Packet]"},
		{"frame 70", "02fd000100000009", false, "DoIP", "Vehicle identification request [DoIP Length Field: Illegal Value]"},
		{"frame 71", "02fd40020000000100", false, "DoIP", "DoIP entity status response[Malformed Packet]"},
		{"frame 72", "ff000003000000115756575a5a5a314a5a5857303030303031", false, "DoIP", "Invalid/unsupported DoIP version"},
		{"frame 73", "04fb000100000000", false, "DoIP", "Vehicle identification request"},
		{"frame 74", "00ff000100000000", false, "DoIP", "Invalid/unsupported DoIP version"},
		{"frame 75", "01fe0005000000080e80000100000000", false, "DoIP", "Routing activation request"},
		{"frame 77", "02fd8001000000020e80", false, "DoIP", "Diagnostic message[Malformed Packet]"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkDissect(t, c.hex, PDU{SrcPort: 50002, DstPort: portDoIP, TCP: c.tcp, Conv: &Conv{}}, doip.Dissect, true, c.proto, c.info)
		})
	}
}

// TestDoIPOdd checks what tshark leaves to the transport: a datagram
// shorter than a header or with an inverse version that does not match
// reads "[Malformed Packet]" after UDP's own Info (lab__doip-crafted.pcap
// frames 68 and 76), and PDULen's cuts (8-byte header plus the length
// field; the rest of the bytes when the inverse version is wrong; the
// header alone for a length past 2^31).
func TestDoIPOdd(t *testing.T) {
	for _, h := range []string{"02fd00", "02000001000000000"[:16]} {
		b, _ := hex.DecodeString(h)
		var out Out
		out.reset(true)
		if !doip.Dissect(&PDU{Data: b, Len: len(b), Off: -1}, &out) || out.Proto != "UDP" || out.Info() != malformedMark {
			t.Errorf("%s: got %q %q, want UDP and the transport's Info then %q", h, out.Proto, out.Info(), malformedMark)
		}
	}
	for _, c := range []struct {
		hex  string
		want int
	}{
		{"02fd8001", 0},
		{"02fd800100000006", 14},
		{"02fd8001fffffff8aabb", 8},
		{"02008001000000060e801001", 12},
	} {
		b, _ := hex.DecodeString(c.hex)
		if got := doipPDULen(nil, 0, b); got != c.want {
			t.Errorf("PDULen(%s) = %d, want %d", c.hex, got, c.want)
		}
	}
}

func FuzzProtoDoIP(f *testing.F) {
	for _, s := range []string{"ff00000100000000", "02fd000400000021" + "5756575a5a5a314a5a585730303030303110010200000000aa0200000000bb0000",
		"02fd0005000000070e800000000000", "02fd8001000000060e8010011003", "02fd8001000000070e80100131ff00",
		"02fd8001000000070e8010017f3133", "02fd8003000000080e80200203190200", "02fd8001000000010e"} {
		b, _ := hex.DecodeString(s)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, tcp := range []bool{false, true} {
			for _, tree := range []bool{false, true} {
				var out Out
				out.reset(tree)
				data := b
				if tcp {
					n := doipPDULen(nil, 0, b)
					if n <= 0 || n > len(b) {
						n = len(b)
					}
					data = b[:n]
				}
				doip.Dissect(&PDU{Data: data, Len: len(data), Off: -1, TCP: tcp, Conv: &Conv{}}, &out)
				checkTree(t, out.Tree, len(data))
			}
		}
	})
}
