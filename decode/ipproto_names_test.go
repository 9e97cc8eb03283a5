package decode

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ladder-dev/ladder/internal/oracle"
)

// TestIPProtoNamesMatchTshark reads tshark's name for every IP protocol
// number back from its Info of a later IPv4 fragment ("Fragmented IP
// protocol (proto=NAME N, off=8, ID=0001)"), which it prints for every
// protocol alike, and compares it with ipProtoNames.
func TestIPProtoNamesMatchTshark(t *testing.T) {
	oracle.Require(t)
	var pcap []byte
	pcap = binary.LittleEndian.AppendUint32(pcap, 0xa1b2c3d4)
	pcap = binary.LittleEndian.AppendUint16(pcap, 2)
	pcap = binary.LittleEndian.AppendUint16(pcap, 4)
	pcap = append(pcap, make([]byte, 8)...)
	pcap = binary.LittleEndian.AppendUint32(pcap, 65535)
	pcap = binary.LittleEndian.AppendUint32(pcap, uint32(LinkEthernet))
	for p := range 256 {
		frame := []byte{2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x08, 0x00,
			0x45, 0, 0, 28, 0, 1, 0, 1, 64, byte(p), 0, 0, 10, 0, 0, 1, 10, 0, 0, 2}
		frame = append(frame, make([]byte, 8)...)
		pcap = binary.LittleEndian.AppendUint32(pcap, uint32(p))
		pcap = binary.LittleEndian.AppendUint32(pcap, 0)
		pcap = binary.LittleEndian.AppendUint32(pcap, uint32(len(frame)))
		pcap = binary.LittleEndian.AppendUint32(pcap, uint32(len(frame)))
		pcap = append(pcap, frame...)
	}
	file := filepath.Join(t.TempDir(), "fragments.pcap")
	if err := os.WriteFile(file, pcap, 0o644); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(oracle.Run(t, "-n", "-r", file, "-T", "fields", "-e", "_ws.col.Info")), "\n")
	if len(lines) != 256 {
		t.Fatalf("tshark printed %d lines, want 256", len(lines))
	}
	for p, line := range lines {
		name, ok := strings.CutPrefix(line, "Fragmented IP protocol (proto=")
		if want := " " + itoa(p) + ", off=8, ID=0001)"; !ok || !strings.HasSuffix(name, want) {
			t.Fatalf("protocol %d: tshark printed %q", p, line)
		} else {
			name = strings.TrimSuffix(name, want)
		}
		if got := protoName(uint8(p)); got != name {
			t.Errorf("protocol %d: ladder %q, tshark %q", p, got, name)
		}
	}
}
