package decode

import (
	"encoding/binary"
	"encoding/hex"
	"strings"
	"testing"
)

// TestLinkHeaderInfo checks the Info text the pflog header puts in front of
// a packet and the SLARP summaries, on header bytes written by hand from
// OpenBSD's if_pflog.h and Cisco's SLARP layout; the wanted text is what
// tshark 4.0.17 printed for the same bytes (text2pcap -l 117 / -l 104).
func TestLinkHeaderInfo(t *testing.T) {
	em0 := "656d3000000000000000000000000000"
	zero16 := strings.Repeat("00", 16)
	anchor := "616e6368" + strings.Repeat("00", 12)
	pflog := func(action, ruleset, rule, sub string) string {
		return "3d02" + action + "00" + em0 + ruleset + rule + sub + strings.Repeat("00", 16) + "01000000"
	}
	cases := []struct {
		name, hex string
		info      func([]byte) string
		want      string
	}{
		{"pflog pass", pflog("00", zero16, "00000005", "ffffffff"), pflogInfo, "[pass em0/5] "},
		{"pflog block", pflog("01", zero16, "00000005", "ffffffff"), pflogInfo, "[block em0/5] "},
		{"pflog rdr", pflog("08", zero16, "00000005", "ffffffff"), pflogInfo, "[rdr em0/5] "},
		{"pflog action without a name", pflog("03", zero16, "00000005", "ffffffff"), pflogInfo, "[unknown (3) em0/5] "},
		{"pflog sub-rule not shown", pflog("01", anchor, "00000005", "00000002"), pflogInfo, "[block em0/5] "},
		{"pflog rule -2", pflog("00", zero16, "fffffffe", "ffffffff"), pflogInfo, "[pass em0/-2] "},
		{"pflog cut short", "3d020000" + em0, pflogInfo, ""},
		{"slarp request", "000000000a000001ffffff00ffff", slarpInfo, "Request, from 10.0.0.1, mask 255.255.255.0"},
		{"slarp reply without padding", "000000010a000001ffffff00", slarpInfo, "Reply, from 10.0.0.1, mask 255.255.255.0"},
		{"slarp keepalive", "000000020000000100000002ffff", slarpInfo, "Line keepalive, outgoing sequence 1, returned sequence 2"},
		{"slarp keepalive without reliability", "000000020000000100000002", slarpInfo, "Line keepalive, outgoing sequence 1, returned sequence 2[Malformed Packet]"},
		{"slarp unknown type", "4500001c00010000", slarpInfo, "Unknown packet type 0x4500001C"},
		{"slarp request cut in the mask", "000000000a000001ffffff", slarpInfo, "[Malformed Packet]"},
		{"slarp type cut", "000000", slarpInfo, "[Malformed Packet]"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b, err := hex.DecodeString(c.hex)
			if err != nil {
				t.Fatal(err)
			}
			if got := c.info(b); got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

// TestIPNETPayload checks where the packet behind an ipnet header starts:
// packet-ipnet.c takes the captured length less the header's data length
// as tvb_new_subset_remaining's offset, which counts from the end when
// negative and throws past the start (frames 16 and 17 of
// lab__ipnet-crafted.pcap are tshark's word for the 1000 and 0 rows).
func TestIPNETPayload(t *testing.T) {
	frame := func(n int, pktlen uint32) []byte {
		b := make([]byte, n)
		binary.BigEndian.PutUint32(b[4:], pktlen)
		return b
	}
	cases := []struct {
		name   string
		b      []byte
		off    int
		wantOK bool
	}{
		{"length of the packet", frame(60, 36), 24, true},
		{"no data", frame(60, 0), 60, true},
		{"longer than the frame", frame(60, 70), 50, true},
		{"twice the frame", frame(60, 120), 0, true},
		{"past twice the frame", frame(60, 121), 0, false},
		{"far past", frame(60, 1000), 0, false},
		{"header cut short", frame(20, 0), 0, false},
	}
	for _, c := range cases {
		off, ok := ipnetPayload(c.b)
		if off != c.off || ok != c.wantOK {
			t.Errorf("%s: got %d %v, want %d %v", c.name, off, ok, c.off, c.wantOK)
		}
	}
}

// TestFRAddress checks the DLCI and encapsulation parseFR reads from
// Q.922 addresses written by hand from ITU-T Q.922 §3.2 (two octets: 6+4
// DLCI bits; three: 6+4+6; four: 6+4+7+6) and the choice packet-fr.c
// makes between RFC 2427, Cisco's encapsulation, LAPF and data; the Info
// text is what tshark 4.0.17 printed for the same bytes
// (lab__frelay-crafted.pcap).
func TestFRAddress(t *testing.T) {
	cases := []struct {
		name, hex string
		dlci      uint32
		mode      frMode
		info      string
	}{
		{"two octets, UI", "1841" + "03cc", 100, frRFC2427, "DLCI 100, U, func=UI"},
		{"three octets", "1080d1" + "03cc", 4660, frRFC2427, "DLCI 4660, U, func=UI"},
		{"four octets", "00901a15" + "03cc", 74565, frRFC2427, "DLCI 74565, U, func=UI"},
		{"bogus fifth octet", "1840000001" + "03cc", 819200, frRFC2427, "DLCI 819200, U, func=UI"},
		{"cisco ip", "3081" + "0800", 200, frCisco, "DLCI 200"},
		{"lapf on dlci 0", "0001" + "0102", 0, frLAPF, "DLCI 0, S, func=RR, N(R)=1"},
		{"xid", "1841" + "af01", 100, frXID, "DLCI 100, U, func=XID"},
		{"i frame guessed rfc 2427", "3081" + "08060001", 200, frRFC2427, "DLCI 200, I, N(R)=3, N(S)=4"},
		{"neither", "3081" + "000102", 200, frData, "DLCI 200"},
		{"address alone", "1841", 100, frCut, "DLCI 100"},
	}
	for _, c := range cases {
		b, err := hex.DecodeString(c.hex)
		if err != nil {
			t.Fatal(err)
		}
		f := parseFR(b)
		if f.dlci != c.dlci || f.mode != c.mode {
			t.Errorf("%s: DLCI %d mode %d, want %d %d", c.name, f.dlci, f.mode, c.dlci, c.mode)
		}
		if got := frInfo(b, f); got != c.info {
			t.Errorf("%s: info %q, want %q", c.name, got, c.info)
		}
	}
}
