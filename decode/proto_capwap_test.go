package decode

import (
	"encoding/hex"
	"testing"
)

// TestCAPWAPColumns dissects CAPWAP datagrams of lab__capwap-crafted.pcap;
// the expected Protocol and Info are tshark 4.0.17's on the same frames
// (-T fields -e _ws.col.Protocol -e _ws.col.Info).
func TestCAPWAPColumns(t *testing.T) {
	cases := []struct {
		name, hex   string
		data        bool
		proto, info string
	}{
		{"frame 1", "00100200000000000000000100003f0000140001010026001800000009000000064149522d41500001000646435a3132330027001202020101000c0000000900000004312e3030002c000101", false, "CAPWAP-Control", "CAPWAP-Control - Discovery Request"},
		{"frame 3", "0010020000000000000000020000330000010019000000c800010032040000020000000900040005382e332e31000400056374726c31000a00060a0000020001", false, "CAPWAP-Control", "CAPWAP-Control - Discovery Response"},
		{"frame 14", "00100200000000000000000d06000300", false, "CAPWAP-Control", "CAPWAP-Control - Echo Request"},
		{"frame 28", "00100200000000000033dd010d001e000400001701010000000000000000000000000000000000006e6574", false, "CAPWAP-Control", "CAPWAP-Control - IEEE 802.11 WLAN Configuration Request"},
		{"frame 30", "0010020000000000000000000e000300", false, "CAPWAP-Control", "CAPWAP-Control - Unknown Message Type (0x0)"},
		{"frame 32", "00100200000000000040960110000e000025000700000009000178", false, "CAPWAP-Control", "CAPWAP-Control - Unknown Message Type (0x409601)"},
		{"frame 34", "00100280000700000000000514004f00002d00285757575757575757575757575757575757575757", false, "CAPWAP-Control", "CAPWAP-Control (Fragment ID: 7, Fragment Offset: 0)"},
		{"frame 40", "00100280000c0000", false, "CAPWAP-Control", "CAPWAP-Control"},
		{"frame 41", "0100000016feff000000000000000000360100002a000000000000002afefd010101010101010101010101010101010101010101010101010101010101010100000002c02b0100", false, "DTLS", "Client Hello"},
		{"frame 44", "0100000017fe", false, "DTLS", "[Malformed Packet]"},
		{"frame 46", "0100", false, "CAPWAP-Control", "CAPWAP-Control[Malformed Packet]"},
		{"frame 54", "001002000000000000", false, "CAPWAP-Control", "CAPWAP-Control[Malformed Packet]"},
		{"frame 55", "0010020000000000000000", false, "CAPWAP-Control", "CAPWAP-Control[Malformed Packet]"},
		{"frame 58", "00100200000000000000000d1f000d0000230010222222222222", false, "CAPWAP-Control", "CAPWAP-Control - Echo Request[Malformed Packet]"},
		{"frame 61", "20100200000000000000000d22000300", false, "CAPWAP-Control", "CAPWAP-Control - Echo Request"},
		{"frame 63", "002002100000000006020000000001000000000d24000300", false, "CAPWAP-Control", "CAPWAP-Control - Echo Request"},
		{"frame 64", "0018020000000000000000000000000d25000300", false, "CAPWAP-Control", "CAPWAP-Control - Echo Request"},
		{"frame 65", "000802000000000000000d26000300", false, "CAPWAP-Control", "CAPWAP-Control - Unknown Message Type (0x0)[Malformed Packet]"},
		{"frame 66", "00000200000000000000000d26000300", false, "CAPWAP-Control", "CAPWAP-Control - Unknown Message Type (0x200)[Malformed Packet]"},
		{"frame 68", "001002080000000000160023001033333333333333333333333333333333", true, "CAPWAP-Data", "CAPWAP-Data Keep-Alive"},
		{"frame 70", "0010020800000000", true, "CAPWAP-Data", "CAPWAP-Data Keep-Alive[Malformed Packet]"},
		{"frame 75", "00100100000000000108000002000000000a02000000000b02000000000c1000aaaa03000000080045000024000100004001ef7cc0a8050ac0a8050108006627004200016162636465666768", true, "CAPWAP-Data", "CAPWAP-Data"},
		{"frame 79", "00100380000300000108000002000000000a02000000000b02000000000c1000aaaa0300000008004500002400010000", true, "CAPWAP-Data", "CAPWAP-Data (Fragment ID: 3, Fragment Offset: 0)"},
		{"frame 82", "001003000000000000400000ffffffffffff02000000000bffffffffffff20000000010882848b960c121824", true, "802.11", "Probe Request, SN=2, FN=0, Flags=........, SSID=Wildcard (Broadcast)"},
		{"frame 85", "0010030000000000", true, "802.11", "[Malformed Packet]"},
		{"frame 86", "00", true, "CAPWAP-Data", "CAPWAP-Data[Malformed Packet]"},
		{"frame 90", "0100000016feff000000000000000000360100002a000000000000002afefd010101010101010101010101010101010101010101010101010101010101010100000002c02b0100", true, "DTLS", "Client Hello"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := capwapControl
			if c.data {
				d = capwapData
			}
			checkDissect(t, c.hex, PDU{Conv: &Conv{}}, d.Dissect, true, c.proto, c.info)
		})
	}
}

// TestCAPWAPReassembly feeds frames 36 to 38 of lab__capwap-crafted.pcap
// (a message in three fragments, the last one sent second) to one
// conversation: tshark 4.0.17 shows the first two as fragments and the
// third as the reassembled Configuration Status Request; dissecting the
// third again gives the same answer. Frame 39 is a message in one
// fragment, reassembled at once.
func TestCAPWAPReassembly(t *testing.T) {
	frames := []struct{ hex, info string }{
		{"00100280000900000000000514004f00002d0028575757575757575757575757", "CAPWAP-Control (Fragment ID: 9, Fragment Offset: 0)"},
		{"001002c000090030575757570026001c00000009000000144d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d", "CAPWAP-Control (Fragment ID: 9, Fragment Offset: 48)"},
		{"0010028000090018575757575757575757575757575757575757575757575757", "CAPWAP-Control - Configuration Status Request (Reassembled, Fragment ID: 9)"},
	}
	conv := &Conv{}
	// frame 39: a message in a single (last) fragment
	frames = append(frames, frames[2], struct{ hex, info string }{"001002c0000b00000000000d15000300", "CAPWAP-Control - Echo Request (Reassembled, Fragment ID: 11)"})
	for i, f := range frames {
		b, err := hex.DecodeString(f.hex)
		if err != nil {
			t.Fatal(err)
		}
		frame := 35 + min(i, 2)
		if i == 4 {
			frame = 38
		}
		var out Out
		out.reset(true)
		capwapControl.Dissect(&PDU{Data: b, Len: len(b), Off: -1, Frame: frame, Conv: conv}, &out)
		if out.Proto != "CAPWAP-Control" || out.Info() != f.info {
			t.Errorf("frame %d: got %q %q, want %q", frame+1, out.Proto, out.Info(), f.info)
		}
		Shift(out.Tree, 0) // a reassembled message's fields have no place
		checkTree(t, out.Tree, len(b))
	}
}

func FuzzProtoCAPWAP(f *testing.F) {
	for _, s := range []string{"00100200000000000000000100003f0000140001010026001800000009000000064149522d41500001000646435a3132330027001202020101000c0000000900000004312e3030002c000101",
		"00100280000700000000000514004f00002d00285757575757575757575757575757575757575757", "001002c0000b00000000000d15000300",
		"0100000017fe", "002002100000000006020000000001000000000d24000300", "001002080000000000160023001033333333333333333333333333333333",
		"001003000000000000400000ffffffffffff02000000000bffffffffffff20000000010882848b960c121824", "00000200000000000000000d26000300",
		"001004200000000004c42000" + "6c000000" + "0108000002000000000a02000000000b02000000000c1000aaaa0300000008004500"} {
		b, _ := hex.DecodeString(s)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		conv := &Conv{}
		for _, d := range []*Dissector{capwapControl, capwapData} {
			for _, tree := range []bool{false, true} {
				var out Out
				out.reset(tree)
				d.Dissect(&PDU{Data: b, Len: len(b), Off: -1, Conv: conv}, &out)
				Shift(out.Tree, 0)
				checkTree(t, out.Tree, len(b))
			}
		}
		capwapTunnelLen(b)
	})
}
