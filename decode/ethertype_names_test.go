package decode

import (
	"testing"
)

// TestEtherTypeNamesMatchTshark compares etherTypeNames with the value
// table tshark 4.0 gives the eth.type field (`tshark -G values`): the same
// types with the same names, none missing and none extra.
func TestEtherTypeNamesMatchTshark(t *testing.T) {
	want := tsharkValues(t, "eth.type", 100)
	for v, name := range want {
		if got := etherTypeNames[uint16(v)]; got != name {
			t.Errorf("EtherType 0x%04x: ladder %q, tshark %q", v, got, name)
		}
	}
	for v, name := range etherTypeNames {
		if _, ok := want[uint64(v)]; !ok {
			t.Errorf("EtherType 0x%04x: ladder names it %q, tshark does not", v, name)
		}
	}
}
