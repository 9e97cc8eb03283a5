package decode

import (
	"encoding/hex"
	"testing"
)

// eigrpSum puts the RFC 7868 §6.3 checksum into an EIGRP packet given in
// hex, so the cases below stay readable.
func eigrpSum(t *testing.T, h string) []byte {
	b, err := hex.DecodeString(h)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) >= 4 {
		s := eigrpChecksum(b)
		b[2], b[3] = byte(s>>8), byte(s)
	}
	return b
}

// TestEIGRPColumns dissects EIGRP packets laid out per RFC 7868 §6; the
// expected Info is tshark 4.0.17's on the same bytes (lab__eigrp.pcap
// holds FRRouting eigrpd's hello, update and hello-ack, frame 1 below;
// lab__eigrp-crafted.pcap the query, reply, goodbye and broken ones).
func TestEIGRPColumns(t *testing.T) {
	const hdr = "00000000" + "00000007" // flags, sequence 7
	cases := []struct {
		name, hex, info string
	}{
		// lab__eigrp.pcap frame 1: eigrpd's hello, parameters and software version
		{"hello", "0205f2c20000000000000000000000000000000a0001000c010001000000000f0004000808040102", "Hello"},
		{"hello with an ack is Hello (Ack)", "02050000" + hdr + "00000002" + "0000000a", "Hello (Ack)"},
		{"update", "02010000" + hdr + "00000000" + "0000000a", "Update"},
		{"query", "02030000" + hdr + "00000000" + "0000000a", "Query"},
		{"reply", "02040000" + hdr + "00000000" + "0000000a", "Reply"},
		{"SIA-Reply", "020b0000" + hdr + "00000000" + "0000000a", "SIA-Reply"},
		{"unknown opcode", "022a0000" + hdr + "00000000" + "0000000a", "Unknown OpCode (0x002a)"},
		{"cut inside the header", "0205000000000000000000000000", "[Malformed Packet]"},
		{"header without AS", "02050000" + hdr + "00000000", "Hello[Malformed Packet]"},
		{"route TLV past the packet", "02010000" + hdr + "00000000" + "0000000a" + "0102001c00000000", "Update[Malformed Packet]"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := eigrpSum(t, c.hex)
			for _, tree := range []bool{false, true} {
				var out Out
				out.reset(tree)
				p := PDU{Data: b, Len: len(b), Off: -1}
				if !eigrp.Dissect(&p, &out) || out.Proto != "EIGRP" || out.Info() != c.info {
					t.Errorf("tree %v: got %q %q, want EIGRP %q", tree, out.Proto, out.Info(), c.info)
				}
				checkTree(t, out.Tree, len(b))
			}
		})
	}
}

// TestEIGRPRoutes checks the route TLV's line against tshark 4.0.17's
// PDML: lab__eigrp.pcap frame 7 (eigrpd's internal routes, the /24 with
// three bytes of prefix) and lab__eigrp-crafted.pcap frame 3 (an external
// route, where tshark reads a second destination one byte late).
func TestEIGRPRoutes(t *testing.T) {
	const metric = "00000a000000640000000100ff010000"
	cases := []struct {
		name, tlv, label string
		dests            []string
	}{
		{"internal /32", "0102001d" + "00000000" + metric + "20c0000201", "Internal Route(IPv4)  =   192.0.2.1/32", []string{"Destination: 192.0.2.1"}},
		{"internal /24", "0102001c" + "00000000" + metric + "18cb0071", "Internal Route(IPv4)  =   203.0.113.0/24", []string{"Destination: 203.0.113.0"}},
		{"prefix bits past the length are masked", "0102001c" + "00000000" + metric + "14c63367", "Internal Route(IPv4)  =   198.51.96.0/20", []string{"Destination: 198.51.96.0"}},
		{"second destination read a byte late", "01030035" + "0a090101" + "c0000209000000140000004d0000000500000303" +
			"00000a00000064000005dc01ff010502" + "14c6336020c6336407", "External Route(IPv4)  =   198.51.96.0/20", []string{"Destination: 198.51.96.0"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := eigrpSum(t, "02010000"+"00000000"+"00000001"+"00000000"+"0000000a"+c.tlv)
			var out Out
			out.reset(true)
			p := PDU{Data: b, Len: len(b), Off: -1}
			eigrp.Dissect(&p, &out)
			if out.Info() != "Update" || len(out.Tree) != 1 {
				t.Fatalf("got %q with %d layers", out.Info(), len(out.Tree))
			}
			tlv := out.Tree[0].Children[len(out.Tree[0].Children)-1]
			if tlv.Label != c.label {
				t.Errorf("TLV line %q, want %q", tlv.Label, c.label)
			}
			var dests []string
			for _, ch := range tlv.Children {
				if ch.Name == "eigrp.ipv4.destination" {
					dests = append(dests, ch.Label)
				}
			}
			if len(dests) != len(c.dests) || (len(dests) > 0 && dests[0] != c.dests[0]) {
				t.Errorf("destinations %q, want %q", dests, c.dests)
			}
			checkTree(t, out.Tree, len(b))
		})
	}
}

// TestEIGRPChecksum checks the Internet checksum against eigrpd's: frame 1
// of lab__eigrp.pcap carries 0xf2c2, which tshark calls correct.
func TestEIGRPChecksum(t *testing.T) {
	b, _ := hex.DecodeString("0205f2c20000000000000000000000000000000a0001000c010001000000000f0004000808040102")
	if got := eigrpChecksum(b); got != 0xf2c2 {
		t.Errorf("checksum %#04x, want 0xf2c2", got)
	}
}

// FuzzProtoEIGRP feeds arbitrary bytes to the EIGRP dissector, with and
// without the tree: no panic, every field inside the bytes. Seeded with
// the packets of lab__eigrp.pcap and lab__eigrp-crafted.pcap.
func FuzzProtoEIGRP(f *testing.F) {
	for _, name := range []string{"lab__eigrp.pcap", "lab__eigrp-crafted.pcap"} {
		eachParsed(f, name, func(h *Headers) {
			if h.Payload != nil {
				seed(f, h.Payload)
			}
		})
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, tree := range []bool{false, true} {
			var out Out
			out.reset(tree)
			p := PDU{Data: b, Len: len(b), Off: -1}
			if eigrp.Dissect(&p, &out) {
				checkTree(t, out.Tree, len(b))
			}
		}
	})
}
