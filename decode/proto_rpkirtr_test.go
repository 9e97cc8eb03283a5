package decode

import (
	"encoding/hex"
	"testing"
)

// TestRPKIRTRColumns dissects single-PDU segments of lab__rpki-rtr.pcap
// (stayrtr and rtrclient) and lab__rpki-rtr-crafted.pcap; the expected
// Info is tshark 4.0.17's on the same frames (-T fields -e _ws.col.Info),
// whose segments hold exactly the PDU given here.
func TestRPKIRTRColumns(t *testing.T) {
	cases := []struct{ name, hex, info string }{
		{"frame 4", "0102000000000008", "Reset Query"},
		{"frame 6", "0103398f00000008", "Cache Response"},
		{"frame 8", "01060000000000200130400020010db80000000000000000000000000000fde8", "IPv6 Prefix"},
		{"frame 67", "0100398f0000000c00000002", "Serial Notify"},
		{"frame 69", "0101398f0000000c00000001", "Serial Query"},
		{"frame 244", "0007398f0000000c00000005", "End of Data"},
		{"frame 247", "0008000000000008", "Cache Reset"},
		{"frame 263", "0105000000000008", "Unknown (5), Serial Notify[Malformed Packet]"},
		{"frame 286", "020901000000007bab4d910f55cae71a215e607788373b67a7343a3c0000fbf03059301306072a8648ce3d020106082a8648ce3d0301070342000480572343f83ffcb0107ab007d8ca69f86b9ca0300605b848a83df7c0d3ec5f19c019bfa6b59ed742b54ef4343a52501286d8a0e7e41f10aa53b45822a9f88015", "Router Key"},
		{"frame 371", "0207398f000000180000000600000e100000025800001c20", "End of Data"},
		{"crafted frame 4", "0102000000000008", "Reset Query"},
		{"crafted frame 9", "010100070000000c0000002b", "Serial Query"},
		{"crafted frame 10", "0108000000000008", "Cache Reset"},
		{"crafted frame 12", "010a00020000002d000000080102000000000008000000154e6f206461746120617661696c61626c6520796574", "Error Report"},
		{"crafted frame 13", "000a0063000000100000000000000000", "Error Report"},
		{"crafted frame 14", "010a00070000002700000014010400000000001401181800c00002000000fbf000000028647570", "Error Report[Malformed Packet]"},
		{"crafted frame 15", "010a000400000010ffffffff00000000", "Error Report[Malformed Packet]"},
		{"crafted frame 16", "010a0003000000210000000000000009636166c3a920017fff0102000000000008", "Error Report, Reset Query"},
		{"crafted frame 17", "010a00000000001500000002010200000001780003", "Error Report, Cache Response[Malformed Packet]"},
		{"crafted frame 19", "000901000000007b404142434445464748494a4b4c4d4e4f505152530000fbf03059301306072a8648ce3d020106082a8648ce3d03010703420004000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f", "Router Key, Serial Notify, Unknown (71)"},
		{"crafted frame 20", "0109010000000048404142434445464748494a4b4c4d4e4f505152530000fbf03059301306072a8648ce3d020106082a8648ce3d03010703420004000102030405060708090a0b0c", "Router Key[Malformed Packet]"},
		{"crafted frame 21", "0109010000000025404142434445464748494a4b4c4d4e4f505152530000fbf00403616263", "Router Key"},
		{"crafted frame 22", "0109010000000027404142434445464748494a4b4c4d4e4f505152530000fbf030050403616263", "Router Key"},
		{"crafted frame 23", "0109010000000025404142434445464748494a4b4c4d4e4f505152530000fbf03003ffffff", "Router Key[Malformed Packet]"},
		{"crafted frame 24", "010901000000002c404142434445464748494a4b4c4d4e4f505152530000fbf0308103020100000100000008", "Router Key, Serial Query[Malformed Packet]"},
		{"crafted frame 25", "0109010000000027404142434445464748494a4b4c4d4e4f505152530000fbf030800201000000", "Router Key"},
		{"crafted frame 26", "0109010000000020404142434445464748494a4b4c4d4e4f505152530000fbf0", "Router Key[Malformed Packet]"},
		{"crafted frame 27", "0109010000000083404142434445464748494a4b4c4d4e4f505152530000fbf03059301306072a8648ce3d020106082a8648ce3d03010703420004000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f0002000000000008", "Router Key, Reset Query"},
		{"crafted frame 29", "010400000000001801181800c00002000000fbf001070000", "IPv4 Prefix, End of Data[Malformed Packet]"},
		{"crafted frame 30", "020b000000000014010000010000fbf00000fbf1", "Unknown (11), Serial Notify, Unknown (240)"},
		{"crafted frame 32", "010d000000000014000000100000000000000000", "Unknown (13), Serial Notify, Serial Notify[Malformed Packet]"},
		// a length under 8: tcp_dissect_pdus' bounds error (the second
		// PDU of crafted frame 33, "Cache Response[Malformed Packet]")
		{"bogus length", "0104000000000004", "[Malformed Packet]"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkDissect(t, c.hex, PDU{TCP: true}, rpkiRTRDissect, true, "RPKI-RTR", c.info)
		})
	}
}

// TestRPKIRTRPDULen checks the framing against RFC 8210's header: the
// length at offset 4 once 8 bytes are in, more bytes for a length of 0,
// the rest of the bytes for a length under 8.
func TestRPKIRTRPDULen(t *testing.T) {
	for _, c := range []struct {
		hex  string
		want int
	}{
		{"01020000000000", 0},
		{"0102000000000008", 8},
		{"010400000000001401181800", 20},
		{"0103000700000000aabb", 0},
		{"0103000700000004aabb", 10},
		{"01030007ffffffff", PDUUntilFIN - 1},
	} {
		b, _ := hex.DecodeString(c.hex)
		if got := rpkiRTRPDULen(nil, 0, b); got != c.want {
			t.Errorf("%s: %d, want %d", c.hex, got, c.want)
		}
	}
}

// TestRPKIRTRInfoLimit: 321 PDUs in one segment (crafted frame 34) end the
// Info column at tshark's 4095 bytes.
func TestRPKIRTRInfoLimit(t *testing.T) {
	var out Out
	out.reset(false)
	pdu, _ := hex.DecodeString("010400000000001401181800c00002000000fbf0")
	for range 321 {
		rpkiRTRDissect(&PDU{Data: pdu, Len: len(pdu), Off: -1, TCP: true}, &out)
	}
	if n := len(out.Info()); n != 4095 {
		t.Errorf("Info is %d bytes, want 4095", n)
	}
}

func FuzzProtoRPKIRTR(f *testing.F) {
	for _, s := range []string{
		"0100398f0000000c00000002",
		"010a00020000002d000000080102000000000008000000154e6f206461746120617661696c61626c6520796574",
		"010901000000002c404142434445464748494a4b4c4d4e4f505152530000fbf0308103020100000100000008",
		"0109010000000027404142434445464748494a4b4c4d4e4f505152530000fbf030800201000000",
		"020b000000000014010000010000fbf00000fbf1",
		"010d000000000014000000100000000000000000",
		"0207398f000000180000000600000e100000025800001c20",
	} {
		b, _ := hex.DecodeString(s)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		n := rpkiRTRPDULen(nil, 0, b)
		if n <= 0 || n > len(b) {
			n = len(b)
		}
		for _, tree := range []bool{false, true} {
			var out Out
			out.reset(tree)
			rpkiRTRDissect(&PDU{Data: b[:n], Len: n, Off: -1, TCP: true}, &out)
			checkTree(t, out.Tree, n)
		}
	})
}
