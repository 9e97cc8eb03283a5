package decode

import "testing"

// FuzzProtoL2 feeds arbitrary bytes to the layer 2 (LLC, STP, LLDP, CDP,
// EAPOL, LOOP) and IGMP/PIM dissectors: none may panic or read outside the bytes, with or without the
// details tree. Seeded with the payloads of the real captures in testdata/app.
func FuzzProtoL2(f *testing.F) {
	for _, name := range []string{
		"the-tcpdump-group__tcpdump__tests__802.1w_rapid_STP.pcap",
		"the-tcpdump-group__tcpdump__tests__MSTP_Intra-Region_BPDUs.pcap",
		"the-tcpdump-group__tcpdump__tests__LLDP_and_CDP.pcap",
		"the-tcpdump-group__tcpdump__tests__IGMP_V2.pcap",
		"the-tcpdump-group__tcpdump__tests__igmpv3-queries.pcap",
	} {
		eachParsed(f, name, func(h *Headers) {
			seed(f, h.LinkPayload)
			seed(f, h.IPPayload)
		})
	}
	// LOOP frames of a real capture, and a forward request (function 2 with
	// its address, then the reply) built from the protocol's layout.
	f.Add([]byte{0, 0, 1, 0, 0, 0, 0, 0, 0, 0})
	f.Add([]byte{0, 0, 2, 0, 0xaa, 0xbb, 0xcc, 0, 2, 0, 1, 0, 7, 0})
	dissectors := []*Dissector{llc, stp, lldp, cdp, igmp, pim, eapol, loop}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, d := range dissectors {
			for _, tree := range []bool{false, true} {
				var out Out
				out.reset(tree)
				p := PDU{Data: b, Len: len(b), Off: -1}
				if d.Dissect(&p, &out) {
					checkTree(t, out.Tree, len(b))
				}
			}
		}
	})
}

// checkTree fails when a field lies outside the n bytes it was built from
// (a field Unplace marked, Start -1 and no bytes, lies nowhere).
func checkTree(t *testing.T, fs []Field, n int) {
	t.Helper()
	for _, f := range fs {
		if f.Start == -1 && f.Len == 0 {
			checkTree(t, f.Children, n)
			continue
		}
		if f.Start < 0 || f.Len < 0 || f.Start+f.Len > n {
			t.Fatalf("field %s %q at %d+%d outside %d bytes", f.Name, f.Label, f.Start, f.Len, n)
		}
		checkTree(t, f.Children, n)
	}
}
