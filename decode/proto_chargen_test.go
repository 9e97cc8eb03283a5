package decode

import "testing"

// TestChargenColumns: tshark 4.0.17 names every non-empty datagram or
// segment on port 19 "Chargen" and leaves an empty datagram to UDP
// (testdata/app/lab__chargen-crafted.pcap frames 1-4).
func TestChargenColumns(t *testing.T) {
	cases := []struct {
		name, hex string
		ok        bool
	}{
		{"empty datagram", "", false},
		{"one byte", "78", true},
		{"binary", "000102", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkDissect(t, c.hex, PDU{}, chargen.Dissect, c.ok, "Chargen", "Chargen")
		})
	}
}

// FuzzProtoChargen: no panic, every field inside the bytes.
func FuzzProtoChargen(f *testing.F) {
	fuzzDatagrams(f, []*Dissector{chargen}, "lab__chargen-crafted.pcap")
}
