package decode

import (
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/ladder-dev/ladder/internal/oracle"
)

var (
	tsharkValuesOnce sync.Once
	tsharkValuesOut  string
)

// tsharkValues returns the value_string of one field as tshark 4.0 lists
// it (`tshark -G values`, lines "V<TAB>field<TAB>value<TAB>name"), failing
// the test when tshark lists fewer than atLeast values: the oracle of
// ladder's name tables.
func tsharkValues(t *testing.T, field string, atLeast int) map[uint64]string {
	t.Helper()
	oracle.Require(t)
	tsharkValuesOnce.Do(func() { tsharkValuesOut = oracle.Run(t, "-G", "values") })
	want := map[uint64]string{}
	for _, line := range strings.Split(tsharkValuesOut, "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 4 || f[0] != "V" || f[1] != field {
			continue
		}
		v, err := strconv.ParseUint(f[2], 0, 64)
		if err != nil {
			t.Fatalf("tshark printed %q", line)
		}
		want[v] = f[3]
	}
	if len(want) < atLeast {
		t.Fatalf("tshark -G values listed %d values of %s", len(want), field)
	}
	return want
}

// TestPPPNamesMatchTshark compares ladder's PPP protocol and PPPoE code
// names with tshark's (ppp.protocol, pppoe.code).
func TestPPPNamesMatchTshark(t *testing.T) {
	for v, name := range tsharkValues(t, "ppp.protocol", 100) {
		if got := pppProtocolNames[uint16(v)]; got != name {
			t.Errorf("PPP protocol 0x%04x: ladder %q, tshark %q", v, got, name)
		}
	}
	if want := tsharkValues(t, "ppp.protocol", 100); len(want) != len(pppProtocolNames) {
		t.Errorf("ladder names %d PPP protocols, tshark %d", len(pppProtocolNames), len(want))
	}
	want := tsharkValues(t, "pppoe.code", 10)
	for v := range 256 {
		if got, w := pppoedCodes[uint8(v)], want[uint64(v)]; got != w {
			t.Errorf("PPPoE code 0x%02x: ladder %q, tshark %q", v, got, w)
		}
	}
}

// TestLLCNamesMatchTshark compares ladder's service access point names
// with tshark's (llc.dsap).
func TestLLCNamesMatchTshark(t *testing.T) {
	want := tsharkValues(t, "llc.dsap", 30)
	for v := range 256 {
		if got, w := llcSAPNames[byte(v)], want[uint64(v)]; got != w {
			t.Errorf("SAP 0x%02x: ladder %q, tshark %q", v, got, w)
		}
	}
}
