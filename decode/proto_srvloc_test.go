package decode

import "testing"

// TestSRVLOCColumns checks SLP messages built per RFC 2608 and RFC 2165; the
// expected columns are tshark 4.0.17's on the same bytes in
// testdata/app/lab__srvloc-crafted.pcap.
func TestSRVLOCColumns(t *testing.T) {
	const hdr = "0201000026200000000012340002656e" // SLPv2 Service Request, XID 0x1234, "en"
	cases := []struct {
		name, hex, info string
	}{
		{"service request", hdr + "0000" + "000f736572766963653a7072696e746572" + "000744454641554c54" + "0000" + "0000", "Service Request, V2 XID - 4660"},
		{"scope list cut", hdr + "0000" + "000f736572766963653a7072696e746572" + "00074445", "Service Request, V2 XID - 4660[Malformed Packet]"},
		{"header cut before the XID", "0201000026200000", "Service Request[Malformed Packet]"},
		{"unknown function with nothing after the header", "020c000010200000000012340002656e", "Unknown Function (12), V2 XID - 4660[Malformed Packet]"},
		{"unknown function with bytes after the header", "020c000012200000000012340002656e0001", "Unknown Function (12), V2 XID - 4660"},
		{"version 3 reads as SLPv2", "0301" + "000000000000000000000000000000000000000000", "Service Request, V2 XID - 0[Malformed Packet]"},
		{"SLPv1 service acknowledge", "0105000e0000656e000300070000", "Service Acknowledge, V1 Transaction ID - 7"},
		{"one byte", "02", "[Malformed Packet]"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkDissect(t, c.hex, PDU{}, srvloc.Dissect, true, "SRVLOC", c.info)
		})
	}
}

// FuzzProtoSRVLOC feeds arbitrary bytes to the SLP dissector, with and
// without the tree: no panic, every field inside the bytes. Seeded with the
// datagrams of lab__srvloc-crafted.pcap.
func FuzzProtoSRVLOC(f *testing.F) {
	fuzzDatagrams(f, []*Dissector{srvloc}, "lab__srvloc-crafted.pcap")
}
