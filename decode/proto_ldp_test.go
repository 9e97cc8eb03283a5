package decode

import (
	"encoding/hex"
	"testing"
)

// TestLDPColumns dissects LDP PDUs laid out per RFC 5036 §3.1 and §3.5;
// the expected columns are tshark 4.0.17's (lab__ldp.pcap, real FRRouting
// ldpd traffic, agrees on every frame).
func TestLDPColumns(t *testing.T) {
	const hdr = "0a0901010000" // LSR 10.9.1.1, label space 0
	cases := []struct {
		name, hex   string
		ok          bool
		proto, info string
	}{
		{"hello", "0001001e" + hdr + "01000014" + "00000001" + "0400000400" + "0f000000" + "0401000400000000", true, "LDP", "Hello Message "},
		{"keepalive", "0001000e" + hdr + "02010004" + "00000004", true, "LDP", "Keep Alive Message "},
		{"two mappings", "00010016" + hdr + "04000004" + "00000007" + "04000004" + "00000008", true, "LDP", "Label Mapping Message Label Mapping Message "},
		{"unknown, vendor, experimental, too short", "0001002e0a09010100000bbb0004000000013e0100080000000200001234bf00000800000003000056780201000200000004", true, "LDP",
			"Unknown Message (0x0BBB) Vendor-Private Message (0x3E01) Experimental Message (0x3F00) Bad Message Length "},
		{"vendor message without its vendor ID", "0001001a" + hdr + "0bbb0004" + "00000001" + "3e010004" + "00000002", true, "LDP", "Unknown Message (0x0BBB) Bad Message Length "},
		{"PDU length past the data", "000100ff" + hdr + "00010004" + "00000009", true, "LDP", "Notification Message "},
		{"version 2 is not LDP", "0002000e" + hdr + "02010004" + "00000004", false, "", ""},
		{"short", "0001000e0a09", false, "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkDissect(t, c.hex, PDU{}, ldp.Dissect, c.ok, c.proto, c.info)
		})
	}
}

// TestLDPPDULen checks the TCP framing: 4 bytes plus the PDU length,
// more bytes wanted before the length, and a version other than 1 refused.
func TestLDPPDULen(t *testing.T) {
	cases := []struct {
		name, hex string
		want      int
	}{
		{"keepalive", "0001000e0a090101", 18},
		{"need the length", "000100", 0},
		{"version 2", "0002000e", PDUReject},
	}
	for _, c := range cases {
		b, _ := hex.DecodeString(c.hex)
		if got := ldpPDULen(nil, 0, b); got != c.want {
			t.Errorf("%s: ldpPDULen = %d, want %d", c.name, got, c.want)
		}
	}
}

// FuzzProtoLDP feeds arbitrary bytes to the LDP dissector and its PDU
// framing, with and without the tree: no panic, every field inside the
// bytes. Seeded with the UDP and TCP payloads of lab__ldp.pcap.
func FuzzProtoLDP(f *testing.F) {
	eachParsed(f, "lab__ldp.pcap", func(h *Headers) {
		if h.HasTransport && len(h.Payload) > 0 {
			seed(f, h.Payload)
		}
	})
	f.Fuzz(func(t *testing.T, b []byte) {
		if n := ldpPDULen(nil, 0, b); n > 0 && n < 4 {
			t.Fatalf("PDU length %d shorter than its length field", n)
		}
		for _, tree := range []bool{false, true} {
			var out Out
			out.reset(tree)
			p := PDU{Data: b, Len: len(b), Off: -1}
			if ldp.Dissect(&p, &out) {
				checkTree(t, out.Tree, len(b))
			}
		}
	})
}
