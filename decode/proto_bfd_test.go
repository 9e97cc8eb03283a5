package decode

import (
	"testing"
)

// TestBFDColumns dissects BFD packets laid out per RFC 5880 §4 (version 1)
// and draft-katz-ward-bfd-01 (version 0); the expected columns are tshark
// 4.0.17's on the same bytes (testdata/app/lab__bfd-crafted.pcap holds
// most of them; lab__bfd.pcap is real FRRouting bfdd traffic, where every
// frame agrees).
func TestBFDColumns(t *testing.T) {
	const hdr = "0318" + "11223344" + "55667788" + "000f4240" + "000f4240" + "0000c350"
	cases := []struct {
		name        string
		d           *Dissector
		hex         string
		proto, info string
	}{
		{"up, poll", bfd, "20e0" + hdr, "BFD Control", "Diag: No Diagnostic, State: Up, Flags: 0x20"},
		{"version 0", bfd, "03a0" + hdr, "BFD Control", "Diag: Neighbor Signaled Session Down, Flags: 0xa0"},
		{"version 0 knows eight diagnostics", bfd, "0800" + hdr, "BFD Control", "Diag: Unknown, Flags: 0x00"},
		{"multipoint left out of Info", bfd, "2c3f" + hdr, "BFD Control", "Diag: Unknown, State: AdminDown, Flags: 0x3e"},
		{"mis-connectivity", bfd, "2940" + hdr, "BFD Control", "Diag: Mis-Connectivity Defect, State: Down, Flags: 0x00"},
		{"cut short", bfd, "20c00318112233445566", "BFD Control", "[Malformed Packet]"},
		{"length past the packet", bfd, "20c0031c" + "1122334455667788" + "00000000000000000000000000000000", "BFD Control", "Diag: No Diagnostic, State: Up, Flags: 0x00"},
		{"simple password", bfd, "20c40322112233445566778800000000000000000000000001" + "0a07736563726574" + "00", "BFD Control", "Diag: No Diagnostic, State: Up, Flags: 0x04"},
		{"SHA1 of MD5's length", bfd, "20c40330112233445566778800000000000000000000000004180100" + "00000007" + "000102030405060708090a0b0c0d0e0f", "BFD Control", "Diag: No Diagnostic, State: Up, Flags: 0x04[Malformed Packet]"},
		{"echo", bfdEcho, "01180000fc06804f", "BFD Echo", "Originator specific content"},
		{"empty echo", bfdEcho, "", "BFD Echo", "Originator specific content"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkDissect(t, c.hex, PDU{}, c.d.Dissect, true, c.proto, c.info)
		})
	}
}

// TestBFDFlagBits checks the 6-bit flag drawing against tshark's PDML of
// lab__bfd.pcap ("1... .. = Poll: Set", ".... .0 = Multipoint: Not set").
func TestBFDFlagBits(t *testing.T) {
	cases := []struct {
		v, mask byte
		want    string
	}{
		{0xe0, 0x20, "1... .."},
		{0xe0, 0x10, ".0.. .."},
		{0xd0, 0x10, ".1.. .."},
		{0x04, 0x04, "...1 .."},
		{0x00, 0x02, ".... 0."},
		{0x01, 0x01, ".... .1"},
	}
	for _, c := range cases {
		if got := bitString(uint32(c.v), 6, uint32(c.mask)); got != c.want {
			t.Errorf("bitString(%#x, 6, %#x) = %q, want %q", c.v, c.mask, got, c.want)
		}
	}
}

// FuzzProtoBFD feeds arbitrary bytes to the BFD control and echo
// dissectors, with and without the tree: no panic, every field inside the
// bytes. Seeded with the real and crafted packets of testdata/app.
func FuzzProtoBFD(f *testing.F) {
	fuzzDatagrams(f, []*Dissector{bfd, bfdEcho}, "lab__bfd.pcap", "lab__bfd-crafted.pcap")
}
