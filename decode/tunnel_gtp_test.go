package decode

import (
	"strconv"
	"strings"
	"testing"

	"github.com/ladder-dev/ladder/internal/oracle"
)

// TestGTPNamesMatchTshark reads tshark's GTP and GTPv2 message type
// tables (tshark -G values) back and compares them with ladder's.
func TestGTPNamesMatchTshark(t *testing.T) {
	oracle.Require(t)
	want := map[string]map[uint8]string{"gtp.message": {}, "gtpv2.message_type": {}}
	for _, line := range strings.Split(oracle.Run(t, "-G", "values"), "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 4 || f[0] != "V" || want[f[1]] == nil {
			continue
		}
		v, err := strconv.ParseUint(f[2], 0, 8)
		if err != nil {
			t.Fatalf("tshark printed %q", line)
		}
		want[f[1]][uint8(v)] = f[3]
	}
	for _, c := range []struct {
		field string
		names *[256]string
	}{
		{"gtp.message", &gtpMessageNames},
		{"gtpv2.message_type", &gtpv2MessageNames},
	} {
		if len(want[c.field]) < 50 {
			t.Fatalf("tshark -G values listed %d %s names", len(want[c.field]), c.field)
		}
		for v := range 256 {
			if got, w := c.names[v], want[c.field][uint8(v)]; got != w {
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
