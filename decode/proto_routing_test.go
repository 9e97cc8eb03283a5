package decode

import (
	"testing"
)

// TestRoutingColumns dissects hand-built RIP, VRRP and OSPF packets laid
// out per RFC 2453 §4, RFC 5798 §5.1 and RFC 2328 §A.3; the expected
// columns are tshark 4.0.17's (as on testdata/app/lab__routing.pcap, real
// bird2 and keepalived traffic, where every frame agrees).
func TestRoutingColumns(t *testing.T) {
	cases := []struct {
		name        string
		d           *Dissector
		hex         string
		ok          bool
		proto, info string
	}{
		{"RIPv2 whole-table request", rip, "01020000" + "0000000000000000000000000000000000000010", true, "RIPv2", "Request"},
		{"RIPv1 response", rip, "02010000" + "00020000c0000200000000000000000000000001", true, "RIPv1", "Response"},
		{"RIP version 3 is not RIP", rip, "02030000", false, "", ""},
		{"RIP unknown command", rip, "09020000", false, "", ""},
		{"VRRPv2 advertisement", vrrp, "21339601000102000a090066", true, "VRRP", "Announcement (v2)"},
		{"VRRPv3 without addresses", vrrp, "3134960000640000", true, "VRRP", "Announcement (v3)"},
		{"VRRP unknown type", vrrp, "3234960000640000", true, "VRRP", "Unknown (v3)"},
		{"VRRP version 1", vrrp, "1134960000640000", false, "", ""},
		{"OSPF hello header only", ospfDissector, "0201002c0a09000100000000", true, "OSPF", "Hello Packet"},
		{"OSPF LS update", ospfDissector, "0204", true, "OSPF", "LS Update"},
		{"OSPF unknown type", ospfDissector, "0209", true, "OSPF", "Unknown (9)"},
		{"OSPFv3 hello", ospfDissector, "0301", true, "OSPF", "Hello Packet"},
		{"not OSPF", ospfDissector, "0401", false, "", ""},
		{"ESP", esp, "0000100100000001aabbccdd", true, "ESP", "ESP (SPI=0x00001001)"},
		{"ESP cut short", esp, "000010010000", true, "ESP", "[Malformed Packet]"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkDissect(t, c.hex, PDU{}, c.d.Dissect, c.ok, c.proto, c.info)
		})
	}
}

// FuzzProtoRouting feeds arbitrary bytes to the RIP, VRRP, OSPF and ESP
// dissectors, with and without the tree: no panic, every field inside the
// bytes. Seeded with the real packets of lab__routing.pcap.
func FuzzProtoRouting(f *testing.F) {
	for _, name := range []string{"lab__routing.pcap", "lab__ipsec-crafted.pcap"} {
		eachParsed(f, name, func(h *Headers) {
			if h.HasTransport && h.Payload != nil {
				seed(f, h.Payload)
			} else {
				seed(f, h.IPPayload)
			}
		})
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, d := range []*Dissector{rip, vrrp, ospfDissector, esp} {
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
