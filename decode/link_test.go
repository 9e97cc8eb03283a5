package decode

import (
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
