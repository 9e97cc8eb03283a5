package decode

import (
	"strconv"
	"strings"
	"testing"

	"github.com/ladder-dev/ladder/internal/oracle"
)

// TestICMPv6NamesMatchTshark reads tshark's ICMPv6 type names (tshark -G
// values, field icmpv6.type) back and compares them with ladder's table.
func TestICMPv6NamesMatchTshark(t *testing.T) {
	oracle.Require(t)
	want := map[uint8]string{}
	for _, line := range strings.Split(oracle.Run(t, "-G", "values"), "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 4 || f[0] != "V" || f[1] != "icmpv6.type" {
			continue
		}
		v, err := strconv.ParseUint(f[2], 0, 8)
		if err != nil {
			t.Fatalf("tshark printed %q", line)
		}
		want[uint8(v)] = f[3]
	}
	if len(want) < 40 {
		t.Fatalf("tshark -G values listed %d ICMPv6 types", len(want))
	}
	for v := range 256 {
		if got, w := icmpv6TypeNames[v], want[uint8(v)]; got != w {
			t.Errorf("ICMPv6 type %d: ladder %q, tshark %q", v, got, w)
		}
	}
}
