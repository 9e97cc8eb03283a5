package decode

import (
	"strings"
	"testing"
)

// TestMNDPColumns checks MNDP datagrams; the expected columns are tshark
// 4.0.17's (-T fields, which builds the tree) on the same bytes in
// testdata/app/lab__mndp-crafted.pcap. MNDP writes no Info: the UDP summary
// stays, and ladder's dissector leaves it (KeepTransportInfo), so only the
// malformed mark shows here.
func TestMNDPColumns(t *testing.T) {
	tlv := func(typ, val string) string {
		n := len(val) / 2
		return "00" + typ + "00" + strings.Repeat("0", 2-len(hexByte(byte(n)))) + hexByte(byte(n)) + val
	}
	cases := []struct {
		name, hex string
		ok        bool
		info      string
	}{
		{"identity", "00000001" + tlv("05", "4d696b726f54696b"), true, ""},
		{"unknown TLV", "00000001" + tlv("63", "78797a"), true, ""},
		{"MAC shorter than six bytes", "00000001" + tlv("01", "0102") + tlv("05", "61"), true, malformedMark},
		{"IPv4 longer than four bytes", "00000001" + tlv("11", "0102030405"), true, ""},
		{"value cut by the datagram", "00000001" + "0005000a" + "6162", true, malformedMark},
		{"TLV header cut", "000000010005000000", true, malformedMark},
		{"header alone", "00000000", false, ""},
		{"type above 255", "0001000001050000", false, ""},
		{"length above 255", "0001000000050100", false, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkDissect(t, c.hex, PDU{}, mndp.Dissect, c.ok, "MNDP", c.info)
		})
	}
}

// FuzzProtoMNDP feeds arbitrary bytes to the MNDP dissector, with and
// without the tree: no panic, every field inside the bytes. Seeded with the
// datagrams of lab__mndp-crafted.pcap.
func FuzzProtoMNDP(f *testing.F) {
	fuzzDatagrams(f, []*Dissector{mndp}, "lab__mndp-crafted.pcap")
}
