package decode

import (
	"bytes"
	"encoding/hex"
	"testing"
)

// wolLab is the lab capture of magic packets sent by lab__wol.py.
const wolLab = "lab__wol.pcap"

// wolPacket is a magic packet for mac followed by extra bytes.
func wolPacket(mac string, extra string) []byte {
	m, _ := hex.DecodeString(mac)
	x, _ := hex.DecodeString(extra)
	return append(append(bytes.Repeat([]byte{0xff}, 6), bytes.Repeat(m, 16)...), x...)
}

// TestWOLInfo checks the check and the Info text, each expected value
// tshark -n 4.0.17's on lab__wol.pcap (frames 1, 2, 5 and 7) or, for the
// last three cases, on the same bytes sent in UDP datagrams to port 9.
func TestWOLInfo(t *testing.T) {
	cases := []struct {
		name string
		b    []byte
		info string // "" when it is no magic packet
	}{
		{"magic packet", wolPacket("0250b6a1c2d3", ""), "MagicPacket for 02:50:b6:a1:c2:d3"},
		{"4-byte password", wolPacket("0250b6a1c2d3", "c0a80107"), "MagicPacket for 02:50:b6:a1:c2:d3, password 192.168.1.7"},
		{"6-byte password", wolPacket("0250b6a1c2d3", "a1b2c3d4e5f6"), "MagicPacket for 02:50:b6:a1:c2:d3, password a1:b2:c3:d4:e5:f6"},
		{"cut in the last copy", wolPacket("0250b6a1c2d3", "")[:99], ""},
		{"5 bytes after: a 4-byte password", wolPacket("0250b6a1c2d3", "0102030405"), "MagicPacket for 02:50:b6:a1:c2:d3, password 1.2.3.4"},
		{"8 bytes after: a 6-byte password", wolPacket("0250b6a1c2d3", "0102030405060708"), "MagicPacket for 02:50:b6:a1:c2:d3, password 01:02:03:04:05:06"},
		{"a copy differs", append(wolPacket("0250b6a1c2d3", "")[:96], 0x02, 0x50, 0xb6, 0xa1, 0xc2, 0xd4), ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := wolMagic(c.b); got != (c.info != "") {
				t.Fatalf("wolMagic = %v", got)
			}
			for _, tree := range []bool{false, true} {
				var out Out
				out.reset(tree)
				ok := wolDissect(&PDU{Data: c.b, Len: len(c.b), DstPort: 9}, &out)
				if ok != (c.info != "") || ok && (out.Proto != "WOL" || out.Info() != c.info) {
					t.Errorf("tree %v: got %v %q %q, want WOL %q", tree, ok, out.Proto, out.Info(), c.info)
				}
				checkTree(t, out.Tree, len(c.b))
			}
		})
	}
}

// TestEchoInfo checks Echo's two Info texts (tshark 4.0.17 on
// lab__wol.pcap frames 3 and 4: a magic packet sent to UDP 7).
func TestEchoInfo(t *testing.T) {
	for _, c := range []struct {
		src, dst uint16
		info     string
	}{{58805, 7, "Request"}, {7, 58805, "Response"}} {
		var out Out
		out.reset(true)
		b := wolPacket("0250b6a1c2d3", "")
		echoDissect(&PDU{Data: b, Len: len(b), SrcPort: c.src, DstPort: c.dst}, &out)
		if out.Proto != "ECHO" || out.Info() != c.info {
			t.Errorf("%d → %d: got %q %q, want ECHO %q", c.src, c.dst, out.Proto, out.Info(), c.info)
		}
		checkTree(t, out.Tree, len(b))
	}
}

// TestWOLDetailsPDML compares lab__wol.pcap's WOL and Echo layers with
// tshark 4.0.17's PDML (tshark -n -r F -T pdml): field names, labels
// (showname) and byte offsets (pos, size), for UDP magic packets with and
// without passwords, one sent to the Echo port, and an Ethernet frame of
// type 0x0842.
func TestWOLDetailsPDML(t *testing.T) {
	x := loadAppCapture(t, wolLab)
	cases := []struct {
		frame int
		want  []pdmlWant
	}{
		{0, []pdmlWant{
			{"wol", "Wake On LAN, MAC: 02:50:b6:a1:c2:d3", 42, 102},
			{"wol.sync", "Sync stream: ffffffffffff", 42, 6},
			{"", "MAC: 02:50:b6:a1:c2:d3", 48, 96},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 48, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 54, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 60, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 66, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 72, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 78, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 84, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 90, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 96, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 102, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 108, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 114, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 120, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 126, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 132, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 138, 6},
		}},
		{1, []pdmlWant{
			{"wol", "Wake On LAN, MAC: 02:50:b6:a1:c2:d3, password: 192.168.1.7", 42, 106},
			{"wol.sync", "Sync stream: ffffffffffff", 42, 6},
			{"", "MAC: 02:50:b6:a1:c2:d3", 48, 96},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 48, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 54, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 60, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 66, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 72, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 78, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 84, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 90, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 96, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 102, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 108, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 114, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 120, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 126, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 132, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 138, 6},
			{"wol.passwd", "Password: 192.168.1.7", 144, 4},
		}},
		{2, []pdmlWant{
			{"echo", "Echo", 42, 102},
			{"echo.data", "Echo data: ffffffffffff0250b6a1c2d30250b6a1c2d30250b6a1c2d30250b6a1c2d30250b6a1c2d3…", 42, 102},
		}},
		{4, []pdmlWant{
			{"wol", "Wake On LAN, MAC: 02:50:b6:a1:c2:d3, password: a1:b2:c3:d4:e5:f6", 42, 108},
			{"wol.sync", "Sync stream: ffffffffffff", 42, 6},
			{"", "MAC: 02:50:b6:a1:c2:d3", 48, 96},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 48, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 54, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 60, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 66, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 72, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 78, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 84, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 90, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 96, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 102, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 108, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 114, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 120, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 126, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 132, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 138, 6},
			{"wol.passwd", "Password: a1:b2:c3:d4:e5:f6", 144, 6},
		}},
		{9, []pdmlWant{
			{"wol", "Wake On LAN, MAC: 02:50:b6:a1:c2:d3, password: 10.11.12.13", 14, 106},
			{"wol.sync", "Sync stream: ffffffffffff", 14, 6},
			{"", "MAC: 02:50:b6:a1:c2:d3", 20, 96},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 20, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 26, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 32, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 38, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 44, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 50, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 56, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 62, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 68, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 74, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 80, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 86, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 92, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 98, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 104, 6},
			{"wol.mac", "MAC: 02:50:b6:a1:c2:d3", 110, 6},
			{"wol.passwd", "Password: 10.11.12.13", 116, 4},
		}},
	}
	w := NewAppWalker(x)
	for _, c := range cases {
		res := w.At(c.frame, true)
		checkPDMLFields(t, c.frame, res.Tree, c.want)
	}
}

// FuzzProtoWOL feeds arbitrary bytes to the magic packet check and the
// dissector: no panic, every field inside the bytes. Seeded with
// lab__wol.pcap's payloads.
func FuzzProtoWOL(f *testing.F) {
	f.Add(wolPacket("0250b6a1c2d3", ""))
	f.Add(wolPacket("0250b6a1c2d3", "c0a80107"))
	f.Add(wolPacket("0250b6a1c2d3", "a1b2c3d4e5f6"))
	f.Add(wolPacket("0250b6a1c2d3", "")[:99])
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, tree := range []bool{false, true} {
			var out Out
			out.reset(tree)
			if wolDissect(&PDU{Data: b, Len: len(b), DstPort: 9}, &out) != wolMagic(b) {
				t.Fatal("Dissect and the check disagree")
			}
			checkTree(t, out.Tree, len(b))
		}
	})
}

// FuzzProtoEcho feeds arbitrary bytes to the Echo dissector: no panic,
// every field inside the bytes.
func FuzzProtoEcho(f *testing.F) {
	f.Add(wolPacket("0250b6a1c2d3", ""), uint16(7))
	f.Add([]byte("hello"), uint16(40000))
	f.Fuzz(func(t *testing.T, b []byte, dst uint16) {
		var out Out
		out.reset(true)
		if n := echoPDULen(nil, 0, b); n != len(b) {
			t.Fatalf("PDULen = %d", n)
		}
		echoDissect(&PDU{Data: b, Len: len(b), SrcPort: 7 ^ dst, DstPort: dst}, &out)
		checkTree(t, out.Tree, len(b))
	})
}
