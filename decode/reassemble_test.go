package decode

import "testing"

// TestFragmentOverlap checks which copy of an overlapping byte a datagram
// gets. Expected datagrams: tshark 4.0.17 on the same fragments written to
// a pcap (IPv4, UDP inside; "Reassembled IPv4 data") and on zeek's
// fragmented-4.pcap (frames 2, 3, 4, 5 at offsets 0, 48, 72, 24).
func TestFragmentOverlap(t *testing.T) {
	type frag struct {
		off  int
		data string
	}
	cases := []struct {
		name  string
		frags []frag
		want  string
	}{
		{"equal offsets: the first stays", []frag{{0, "AAAAAAAAaaaaaaaa"}, {0, "BBBBBBBBbbbbbbbb"}, {16, "CCCCCCCC"}},
			"AAAAAAAAaaaaaaaaCCCCCCCC"},
		{"a later fragment at a lower offset wins", []frag{{8, "XXXXXXXX"}, {0, "hhhhhhhhYYYYYYYY"}, {16, "ZZZZZZZZ"}},
			"hhhhhhhhYYYYYYYYZZZZZZZZ"},
		{"a later fragment at a higher offset loses", []frag{{0, "hhhhhhhhYYYYYYYY"}, {8, "XXXXXXXX"}, {16, "ZZZZZZZZ"}},
			"hhhhhhhhYYYYYYYYZZZZZZZZ"},
		{"fragmented-4 order", []frag{{0, "000"}, {6, "333"}, {9, "44"}, {3, "555555"}},
			"00055555544"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			buf := make([]byte, 0, 64)
			var parts []fragPart
			for _, f := range c.frags {
				if end := f.off + len(f.data); len(buf) < end {
					buf = append(buf, make([]byte, end-len(buf))...)
				}
				copyUncovered(buf, parts, f.off, []byte(f.data))
				parts = append(parts, fragPart{off: f.off, n: len(f.data)})
			}
			if string(buf) != c.want {
				t.Errorf("datagram %q, want %q", buf, c.want)
			}
		})
	}
}
