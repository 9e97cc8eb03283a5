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
