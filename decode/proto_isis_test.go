package decode

import (
	"encoding/hex"
	"testing"
)

// TestISISColumns dissects IS-IS PDUs laid out per ISO 10589 §9 (the LLC
// header already taken off); the expected columns are tshark 4.0.17's on
// the same bytes (lab__isis.pcap holds real FRRouting isisd traffic,
// lab__isis-crafted.pcap the odd cases, and every frame of both agrees).
func TestISISColumns(t *testing.T) {
	const (
		common   = "831b0100" // NLPID, header length 27, version 1, ID length 0
		lanHello = "0f010000" + "03" + "000000000001" + "000a" + "002a" + "40" + "00000000000000" + "8101cc" + "010403490001" + "84040a090101"
		p2pHello = "83140100" + "11010000" + "03" + "000000000002" + "000a" + "0019" + "00" + "8101cc"
		// FRR's L1 LSP of lab__isis.pcap frame 11, cut after its first TLV
		// (the checksum covers the whole PDU, so this one is wrong)
		lsp  = "12010000" + "001e" + "0499" + "0000000000010000" + "00000002" + "6776" + "0b" + "8101cc"
		csnp = "83210100" + "18010000" + "0021" + "00000000000100" + "0000000000000000" + "ffffffffffffffff"
		psnp = "83110100" + "1a010000" + "0011" + "00000000000101"
	)
	cases := []struct {
		name, hex   string
		ok          bool
		proto, info string
	}{
		{"LAN hello", common + lanHello, true, "ISIS HELLO", "L1 HELLO, System-ID: 0000.0000.0001"},
		{"P2P hello", p2pHello, true, "ISIS HELLO", "P2P HELLO, System-ID: 0000.0000.0002"},
		{"LSP with a wrong checksum", common + lsp, true, "ISIS LSP", "L1 LSP, LSP-ID: 0000.0000.0001.00-00, Sequence: 0x00000002, Lifetime:  1177s [ISIS CHECKSUM INCORRECT]"},
		{"purged LSP: checksum not checked", common + "14010000001e0000000000000001020000000001ea0e03", true, "ISIS LSP", "L2 LSP, LSP-ID: 0000.0000.0001.02-00, Sequence: 0x00000001, Lifetime:     0s"},
		{"CSNP", csnp, true, "ISIS CSNP", "L1 CSNP, Source-ID: 0000.0000.0001.00, Start LSP-ID: 0000.0000.0000.00-00, End LSP-ID: ffff.ffff.ffff.ff-ff"},
		{"PSNP", psnp, true, "ISIS PSNP", "L1 PSNP, Source-ID: 0000.0000.0001.01"},
		{"unknown PDU type", "83080100" + "05010000", true, "ISIS", "Unknown (0x5)[Malformed Packet]"},
		{"hello cut in its header", common + lanHello[:24], true, "ISIS HELLO", "L1 HELLO, System-ID: 0000.0000.0001[Malformed Packet]"},
		{"common header cut", "831b01", true, "ISIS", "[Malformed Packet]"},
		{"not IS-IS (CLNP)", "811b0100", false, "", ""},
		{"empty", "", false, "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkDissect(t, c.hex, PDU{}, isis.Dissect, c.ok, c.proto, c.info)
		})
	}
}

// TestISOChecksum checks the ISO 8473 checksum against LSPs of
// lab__isis.pcap that tshark calls correct (frames 11 and the purge's
// pseudonode LSP before it), given from the LSP ID on with the checksum at
// offset 12.
func TestISOChecksum(t *testing.T) {
	cases := []struct {
		name, hex string
		want      uint16
	}{
		// frame 11's LSP from its ID: 0000.0000.0001.00-00, sequence 2
		{"FRR L1 LSP", "0000000000010000" + "00000002" + "6776" + "0b" + "8101cc" + "010403490001" + "89027261" + "f205c000020100" + "8604c0000201" + "8404c0000201" + "87110000000a20c00002010000000a180a0901", 0x6776},
	}
	for _, c := range cases {
		b, err := hex.DecodeString(c.hex)
		if err != nil {
			t.Fatal(err)
		}
		if got := isoChecksum(b, 12); got != c.want {
			t.Errorf("%s: isoChecksum = %#04x, want %#04x", c.name, got, c.want)
		}
	}
}

// TestISISSystemID checks ID formatting against tshark's FT_SYSTEM_ID
// output in lab__isis.pcap's PDML.
func TestISISSystemID(t *testing.T) {
	cases := []struct{ hex, want string }{
		{"000000000001", "0000.0000.0001"},
		{"00000000000102", "0000.0000.0001.02"},
		{"0000000000010200", "0000.0000.0001.02-00"},
		{"ffffffffffffffff", "ffff.ffff.ffff.ff-ff"},
	}
	for _, c := range cases {
		b, _ := hex.DecodeString(c.hex)
		if got := isisSystemID(b); got != c.want {
			t.Errorf("isisSystemID(%s) = %q, want %q", c.hex, got, c.want)
		}
	}
}

// FuzzProtoISIS feeds arbitrary bytes to the IS-IS dissector, with and
// without the tree: no panic, every field inside the bytes. Seeded with
// the PDUs of lab__isis.pcap and lab__isis-crafted.pcap (LLC header off).
func FuzzProtoISIS(f *testing.F) {
	for _, name := range []string{"lab__isis.pcap", "lab__isis-crafted.pcap"} {
		src, err := Open("../testdata/app/" + name)
		if err != nil {
			f.Fatal(err)
		}
		x := Load(src)
		for i := range x.Len() {
			b, err := x.Data(i, nil)
			if err != nil {
				f.Fatal(err)
			}
			seed(f, b[14+3:]) // Ethernet (802.3) and LLC headers off
		}
		src.Close()
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, tree := range []bool{false, true} {
			var out Out
			out.reset(tree)
			p := PDU{Data: b, Len: len(b), Off: -1}
			if isis.Dissect(&p, &out) {
				checkTree(t, out.Tree, len(b))
			}
		}
	})
}
