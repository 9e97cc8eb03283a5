package decode

import (
	"encoding/hex"
	"testing"
)

// Frames of testdata/app/lab__macsec-crafted.pcap (made by the script
// beside it); the expected columns are tshark 4.0.17's on that file.
const (
	macsecEncNoSCI  = "020000bb0002020000aa000188e54d0000000003000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f2021222324252627a0a1a2a3a4a5a6a7a8a9aaabacadaeaf"
	macsecEncShort  = "020000bb0002020000aa000188e52c1400000004020000aa00010001000102030405060708090a0b0c0d0e0f10111213a0a1a2a3a4a5a6a7a8a9aaabacadaeaf"
	macsecICMP      = "020000bb0002020000aa000188e5200000000006020000aa0001000108004500003a00014000400126100a5800010a580002080096b6123400016d61637365632d6c61626d61637365632d6c61626d61637365632d6c6162a0a1a2a3a4a5a6a7a8a9aaabacadaeaf"
	macsecARPShort  = "ffffffffffff020000aa000188e5401e0000000d08060001080006040001020000aa00010a5800010000000000000a580002a0a1a2a3a4a5a6a7a8a9aaabacadaeaf000000000000"
	macsecVersion1  = "020000bb0002020000aa000188e5ac0000000010020000aa00010001000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1da0a1a2a3a4a5a6a7a8a9aaabacadaeaf"
	macsecOnlyICV   = "020000bb0002020000aa000188e52c0000000011020000aa00010001a0a1a2a3a4a5a6a7a8a9aaabacadaeaf"
	macsecFourBytes = "020000bb0002020000aa000188e52c000000"
	macsecOneByte   = "020000bb0002020000aa000188e5200000000013020000aa0001000108a0a1a2a3a4a5a6a7a8a9aaabacadaeaf"
)

func TestMACsecDissector(t *testing.T) {
	for _, c := range []struct {
		name, frame string
		ok          bool
	}{
		{"encrypted, no SCI", macsecEncNoSCI, true},
		{"encrypted, short length", macsecEncShort, true},
		{"version 1 refused", macsecVersion1, false},
		{"SecTAG and ICV only refused", macsecOnlyICV, false},
		{"four bytes refused", macsecFourBytes, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			checkDissect(t, c.frame[28:], PDU{}, macsec.Dissect, c.ok, "MACSEC", "MACsec frame")
		})
	}
}

// TestMACsecIntegrityOnly checks that the headers parser follows an
// integrity-only frame to what it protects (tshark 4.0 names those frames
// by the inner protocol: ICMP, ARP) and leaves encrypted ones to the
// dissector.
func TestMACsecIntegrityOnly(t *testing.T) {
	for _, c := range []struct {
		name, frame string
		inner       bool
		et          uint16
		net         Net
	}{
		{"ICMP", macsecICMP, true, 0x0800, NetIPv4},
		{"ARP with a short length and padding", macsecARPShort, true, 0x0806, NetARP},
		{"one byte of data: EtherType read into the ICV", macsecOneByte, true, 0x08a0, NetNone},
		{"encrypted", macsecEncNoSCI, false, 0x88e5, NetNone},
		{"version 1", macsecVersion1, false, 0x88e5, NetNone},
	} {
		b, _ := hex.DecodeString(c.frame)
		var h Headers
		h.Parse(LinkEthernet, b, uint32(len(b)))
		if h.Has(EncapMACsec) != c.inner || h.EtherType != c.et || h.Net != c.net {
			t.Errorf("%s: encap %v EtherType %#04x net %d, want %v %#04x %d", c.name, h.Has(EncapMACsec), h.EtherType, h.Net, c.inner, c.et, c.net)
		}
	}
	// the ICMP frame's SecTAG layer as tshark's PDML shows it (frame 6)
	b, _ := hex.DecodeString(macsecICMP)
	f := MACsecTree(b[14:])
	want := []struct {
		name, label string
		pos, size   int
	}{
		{"macsec.TCI", "0010 00.. = TCI: 0x08, VER: 0x0, SC", 0, 1},
		{"macsec.AN", ".... ..00 = AN: 0x0", 0, 1},
		{"macsec.SL", "Short length: 0", 1, 1},
		{"macsec.PN", "Packet number: 6", 2, 4},
		{"macsec.SCI.system_identifier", "System Identifier: 02:00:00:aa:00:01", 6, 6},
		{"macsec.SCI.port_identifier", "Port Identifier: 1", 12, 2},
		{"macsec.etype", "Ethertype: 0x0800", 14, 2},
		{"macsec.ICV", "ICV: a0a1a2a3a4a5a6a7a8a9aaabacadaeaf", 74, 16},
	}
	if f.Label != "802.1AE Security tag" || f.Len != 16 || len(f.Children) != len(want) {
		t.Fatalf("layer %q size %d with %d fields", f.Label, f.Len, len(f.Children))
	}
	for i, w := range want {
		if g := f.Children[i]; g.Name != w.name || g.Label != w.label || g.Start != w.pos || g.Len != w.size {
			t.Errorf("field %d: %s %q %d/%d, want %s %q %d/%d", i, g.Name, g.Label, g.Start, g.Len, w.name, w.label, w.pos, w.size)
		}
	}
}

// FuzzProtoMACsec feeds arbitrary bytes after an Ethernet header with
// MACsec's EtherType to the headers parser, the details walk and the
// dissector: none may panic or place a field outside the bytes.
func FuzzProtoMACsec(f *testing.F) {
	for _, s := range []string{macsecEncNoSCI, macsecEncShort, macsecICMP, macsecARPShort, macsecVersion1, macsecOnlyICV, macsecFourBytes, macsecOneByte} {
		b, _ := hex.DecodeString(s)
		f.Add(b[14:])
	}
	eth, _ := hex.DecodeString("020000bb0002020000aa000188e5")
	f.Fuzz(func(t *testing.T, b []byte) {
		frame := append(append([]byte(nil), eth...), b...)
		var h Headers
		h.Parse(LinkEthernet, frame, uint32(len(frame)))
		checkTree(t, dissect(LinkEthernet, frame, uint32(len(frame)), tcpContext{stream: -1}), len(frame))
		for _, tree := range []bool{false, true} {
			var out Out
			out.reset(tree)
			p := PDU{Data: b, Len: len(b), Off: -1}
			if macsec.Dissect(&p, &out) {
				checkTree(t, out.Tree, len(b))
			}
		}
		if _, ok := macsecSecTAG(b); ok {
			checkTree(t, []Field{MACsecTree(b)}, len(b))
		}
	})
}
