package decode

import "testing"

// TestICMPv6NamesMatchTshark reads tshark's ICMPv6 type names (tshark -G
// values, field icmpv6.type) back and compares them with ladder's table.
func TestICMPv6NamesMatchTshark(t *testing.T) {
	want := tsharkValues(t, "icmpv6.type", 40)
	for v := range 256 {
		if got, w := icmpv6TypeNames[v], want[uint64(v)]; got != w {
			t.Errorf("ICMPv6 type %d: ladder %q, tshark %q", v, got, w)
		}
	}
}
