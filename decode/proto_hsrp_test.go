package decode

import "testing"

// FuzzProtoHSRP feeds arbitrary bytes to the HSRP dissector as a datagram
// to each group it tells versions by (and to an IPv6 address on port
// 2029), with and without the tree: no panic, every field inside the
// bytes. Seeded with the datagrams of lab__hsrp-crafted.pcap.
func FuzzProtoHSRP(f *testing.F) {
	eachParsed(f, "lab__hsrp-crafted.pcap", func(h *Headers) {
		if h.HasTransport && h.Payload != nil {
			seed(f, h.Payload)
		}
	})
	dsts := []struct {
		ip   []byte
		port uint16
	}{{hsrpGroupV1, portHSRP}, {hsrpGroupV2, portHSRP}, {make([]byte, 16), portHSRPv6}}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, d := range dsts {
			for _, tree := range []bool{false, true} {
				var out Out
				out.reset(tree)
				p := PDU{Data: b, Len: len(b), Off: -1, SrcPort: portHSRP, DstPort: d.port, DstIP: d.ip}
				if hsrp.Dissect(&p, &out) {
					checkTree(t, out.Tree, len(b))
				}
			}
		}
	})
}

// FuzzProtoSlow feeds arbitrary bytes to the Slow Protocols dissector
// (LACP, Marker, OAM), with and without the tree. Seeded with the frames of
// lab__slow-crafted.pcap.
func FuzzProtoSlow(f *testing.F) {
	eachParsed(f, "lab__slow-crafted.pcap", func(h *Headers) {
		if h.LinkPayload != nil {
			seed(f, h.LinkPayload)
		}
	})
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, tree := range []bool{false, true} {
			var out Out
			out.reset(tree)
			p := PDU{Data: b, Len: len(b), Off: -1}
			if slow.Dissect(&p, &out) {
				checkTree(t, out.Tree, len(b))
			}
		}
	})
}
