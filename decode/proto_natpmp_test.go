package decode

import (
	"strings"
	"testing"
)

// TestNATPMPColumns checks NAT-PMP and PCP datagrams built per RFC 6886 and
// RFC 6887; the expected columns are tshark 4.0.17's on the same bytes in
// testdata/app/lab__natpmp-crafted.pcap.
func TestNATPMPColumns(t *testing.T) {
	pcpMap := "0201000000001c20" + "00000000000000000000ffff0a000001" + strings.Repeat("11", 12) + "06000000" + "04d2162e" + "00000000000000000000ffffc0000201"
	cases := []struct {
		name, hex   string
		ok          bool
		proto, info string
	}{
		{"external address request", "0000", true, "NAT-PMP", "External Address Request"},
		{"external address response", "008000000000ab12c0a80001", true, "NAT-PMP", "External Address Response"},
		{"map tcp response cut", "0082000300", true, "NAT-PMP", "Map TCP Response[Malformed Packet]"},
		{"unknown NAT-PMP opcode reads nothing more", "0085", true, "NAT-PMP", "Unknown opcode: 133"},
		{"version byte alone", "00", true, "NAT-PMP", "[Malformed Packet]"},
		{"PCP map names its ports and protocol", pcpMap, true, "PCP v2", "Map Request: 1234 -> 5678 [TCP]"},
		{"PCP map with a description padded to four bytes", pcpMap + "8000000474657374", true, "PCP v2", "Map Request: 1234 -> 5678 [TCP]"},
		{"PCP option whose padding is missing", pcpMap + "80000003616263", true, "PCP v2", "Map Request[Malformed Packet]"},
		{"PCP unknown option skipped by its length", pcpMap + "630000046162", true, "PCP v2", "Map Request: 1234 -> 5678 [TCP]"},
		{"PCP filter option cut", pcpMap + "0300000461626364", true, "PCP v2", "Map Request[Malformed Packet]"},
		{"PCP v1 has no nonce", "0101000000001c20" + "00000000000000000000ffff0a000001" + "11000000" + "04d2162e" + "00000000000000000000ffffc0000201", true, "PCP v1", "Map Request: 1234 -> 5678 [UDP]"},
		{"version 3 is not PCP", "03000000", false, "", ""},
		{"empty datagram", "", false, "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkDissect(t, c.hex, PDU{}, natpmp.Dissect, c.ok, c.proto, c.info)
		})
	}
}

// FuzzProtoNATPMP feeds arbitrary bytes to the NAT-PMP/PCP dissector, with
// and without the tree: no panic, every field inside the bytes. Seeded with
// the datagrams of lab__natpmp-crafted.pcap.
func FuzzProtoNATPMP(f *testing.F) {
	fuzzDatagrams(f, []*Dissector{natpmp}, "lab__natpmp-crafted.pcap")
}
