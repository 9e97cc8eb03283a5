package decode

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ladder-dev/ladder/internal/oracle"
)

// TestTLSPortsMatchTshark checks that every TCP port tshark 4.0 hands to
// TLS by default (`tshark -G decodes`: "tcp.port N tls") is one of
// tlsPorts, so a TLS stream on any of them reads as tshark shows it.
func TestTLSPortsMatchTshark(t *testing.T) {
	oracle.Require(t)
	n := 0
	for _, line := range strings.Split(oracle.Run(t, "-G", "decodes"), "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 3 || f[0] != "tcp.port" || f[2] != "tls" {
			continue
		}
		port, err := strconv.ParseUint(f[1], 10, 16)
		if err != nil {
			t.Fatalf("tshark printed %q", line)
		}
		n++
		if !slices.Contains(tlsPorts, uint16(port)) {
			t.Errorf("tshark hands TCP port %d to TLS; tlsPorts lacks it", port)
		}
	}
	if n < 10 {
		t.Fatalf("tshark -G decodes listed %d TLS ports", n)
	}
}
