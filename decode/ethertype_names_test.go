package decode

import (
	"strconv"
	"strings"
	"testing"

	"github.com/ladder-dev/ladder/internal/oracle"
)

// TestEtherTypeNamesMatchTshark compares etherTypeNames with the value
// table tshark 4.0 gives the eth.type field (`tshark -G values`): the same
// types with the same names, none missing and none extra.
func TestEtherTypeNamesMatchTshark(t *testing.T) {
	oracle.Require(t)
	want := map[uint16]string{}
	for _, line := range strings.Split(oracle.Run(t, "-G", "values"), "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 4 || f[0] != "V" || f[1] != "eth.type" {
			continue
		}
		v, err := strconv.ParseUint(f[2], 0, 16)
		if err != nil {
			t.Fatalf("tshark printed %q", line)
		}
		want[uint16(v)] = f[3]
	}
	if len(want) < 100 {
		t.Fatalf("tshark -G values listed %d EtherTypes", len(want))
	}
	for v, name := range want {
		if got := etherTypeNames[v]; got != name {
			t.Errorf("EtherType 0x%04x: ladder %q, tshark %q", v, got, name)
		}
	}
	for v, name := range etherTypeNames {
		if _, ok := want[v]; !ok {
			t.Errorf("EtherType 0x%04x: ladder names it %q, tshark does not", v, name)
		}
	}
}
