package decode

import (
	"bufio"
	"os"
	"regexp"
	"strconv"
	"testing"

	"github.com/ladder-dev/ladder/internal/oracle"
)

// TestManufOUIsMatchTshark compares ladder's OUI list with the
// manufacturer file tshark reads (its 24-bit lines), and checks the lookup
// on prefixes from that file.
func TestManufOUIsMatchTshark(t *testing.T) {
	oracle.Require(t)
	f, err := os.Open("/usr/share/wireshark/manuf")
	if err != nil {
		t.Fatalf("tshark's manufacturer file: %v", err)
	}
	defer f.Close()
	line := regexp.MustCompile(`^([0-9A-Fa-f]{2})[:-]([0-9A-Fa-f]{2})[:-]([0-9A-Fa-f]{2})\s`)
	want := map[uint32]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if m := line.FindStringSubmatch(sc.Text()); m != nil {
			v, _ := strconv.ParseUint(m[1]+m[2]+m[3], 16, 32)
			want[uint32(v)] = true
		}
	}
	if len(want) < 30000 || len(manufOUIs)/3 != len(want) {
		t.Fatalf("tshark's file names %d OUIs, ladder %d", len(want), len(manufOUIs)/3)
	}
	for v := range want {
		if !manufKnows([]byte{byte(v >> 16), byte(v >> 8), byte(v)}) {
			t.Errorf("OUI %06x: tshark knows it, ladder does not", v)
		}
	}
	// 02:00:00 is a locally administered prefix, never assigned
	if manufKnows([]byte{2, 0, 0}) {
		t.Error("02:00:00 taken for a manufacturer's prefix")
	}
}
