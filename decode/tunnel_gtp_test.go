package decode

import (
	"strings"
	"testing"
)

// TestGTPNamesMatchTshark reads tshark's GTP and GTPv2 message type
// tables (tshark -G values) back and compares them with ladder's.
func TestGTPNamesMatchTshark(t *testing.T) {
	for _, c := range []struct {
		field string
		names *[256]string
	}{
		{"gtp.message", &gtpMessageNames},
		{"gtpv2.message_type", &gtpv2MessageNames},
	} {
		want := tsharkValues(t, c.field, 50)
		for v := range 256 {
			if got, w := c.names[v], want[uint64(v)]; got != w {
				t.Errorf("%s %d: ladder %q, tshark %q", c.field, v, got, w)
			}
		}
	}
}

// TestGTPColumns checks hand-built GTP datagrams (UDP payloads) against the
// columns tshark 4.0.17 printed for the same bytes sent to UDP port 2123.
func TestGTPColumns(t *testing.T) {
	for _, c := range []struct {
		name, hex   string
		proto, info string
		ok          bool
	}{
		{"v1 echo request", "32010006000012340001000000000e05", "GTP", "Echo request", true},
		{"v1 type 0 is not GTP", "32000006000012340001000000000e05", "", "", false},
		{"v1 unnamed type is not GTP", "323f0006000012340001000000000e05", "", "", false},
		{"v1 one byte", "32", "", "", false},
		{"v1 cut in the fixed header", "320100", "GTP", "Echo request[Malformed Packet]", true},
		{"v1 sequence present, rest cut", "32010006000012340001", "GTP", "Echo request", true},
		{"v1 IE cut", "3201000600001234000100000e", "GTP", "Echo request[Malformed Packet]", true},
		{"v1 short non-IP T-PDU", "30ff000300001234000102", "GTP <GTP>", "T-PDU", true},
		{"v1 15-byte non-IP T-PDU", "30ff000f00001234" + strings.Repeat("00", 15), "GTP", "T-PDU", true},
		{"v2 one byte", "48", "GTPv2", "[Malformed Packet]", true},
		{"v2 unknown type", "48fa000d000000550000070003000100 09", "GTPv2", "Unknown", true},
		{"v2 piggyback", "5821000d000000550000070003000100094860000d00000055000007000300010009", "GTPv2", "Create Session Response / Create Bearer Response", true},
		{"version 3", "70010006000000010001000000000e05", "", "", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			b := mustHex(t, strings.ReplaceAll(c.hex, " ", ""))
			proto, info, ok := gtpColumns(b)
			if ok != c.ok || proto != c.proto || info != c.info {
				t.Errorf("got %q %q %v, want %q %q %v", proto, info, ok, c.proto, c.info, c.ok)
			}
		})
	}
}
