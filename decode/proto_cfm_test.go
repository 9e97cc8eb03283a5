package decode

import (
	"encoding/hex"
	"testing"
)

// Payloads (after the EtherType or 802.1Q tag) of frames of
// testdata/app/lab__cfm-crafted.pcap, made by the script beside it; the
// expected columns are tshark 4.0.17's on that file.
const (
	cfmCCM       = "a001044600000001006504086d646c6576656c3502076d612d626c7565000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000020001020400010100"
	cfmLTR       = "a004e006000000093f010800100001020000cf00010002020000cf000205000701020000cf000206000701020000cf000200"
	cfmUnknownOp = "20500004010203040000000000000000000000000000000000000000000000000000000000000000000000000000"
	cfmOddTLVs   = "20030004000000011f000512345607080100050002012b0600000000000000000000000000000000000000000000"
	cfmCCMCut    = "a0010446"
	cfmNoEnd     = "a003000400000003" + "030005" + "6e6f656e64"
)

func TestCFMColumns(t *testing.T) {
	for _, c := range []struct{ name, hex, info string }{
		{"CCM", cfmCCM, "Type Continuity Check Message (CCM)"},                        // frame 1
		{"LTR", cfmLTR, "Type Linktrace Reply (LTR)"},                                 // frame 9
		{"unknown OpCode", cfmUnknownOp, "Type Unknown (0x50)"},                       // frame 31
		{"odd TLVs", cfmOddTLVs, "Type Loopback Message (LBM)"},                       // frame 40
		{"CCM cut", cfmCCMCut, "Type Continuity Check Message (CCM)" + malformedMark}, // frame 55
		{"no End TLV", cfmNoEnd, "Type Loopback Message (LBM)" + malformedMark},       // frame 57's layout
		{"no bytes", "", malformedMark},                                               // frame 54
		{"one byte", "a0", malformedMark},                                             // frame 53
	} {
		t.Run(c.name, func(t *testing.T) {
			checkDissect(t, c.hex, PDU{}, cfm.Dissect, true, "CFM", c.info)
		})
	}
}

// TestCFMTLVWalk checks the TLV walk tshark 4.0 makes (PDML of frame 40):
// the Sender ID TLV's last byte is not read, so the walk takes it for a
// Reply Egress TLV of length 0 and then finds the End TLV.
func TestCFMTLVWalk(t *testing.T) {
	b, _ := hex.DecodeString(cfmOddTLVs)
	f, bad := cfmTree(b)
	if bad {
		t.Fatal("malformed")
	}
	var tlvs *Field
	for i := range f.Children {
		if f.Children[i].Name == "cfm.all.tlvs" {
			tlvs = &f.Children[i]
		}
	}
	if tlvs == nil {
		t.Fatal("no TLVs")
	}
	want := []struct {
		label      string
		start, len int
	}{
		{"TLV: Organizational-Specific TLV (t=31,l=5)", 8, 8},
		{"TLV: Sender ID TLV (t=1,l=5)", 16, 8},
		{"TLV: Reply Egress TLV (t=6,l=0)", 23, 3},
		{"TLV: End TLV (t=0,l=0)", 26, 1},
	}
	if len(tlvs.Children) != len(want) {
		t.Fatalf("%d TLVs, want %d: %+v", len(tlvs.Children), len(want), tlvs.Children)
	}
	for i, w := range want {
		if g := tlvs.Children[i]; g.Label != w.label || g.Start != w.start || g.Len != w.len {
			t.Errorf("TLV %d: %q %d/%d, want %q %d/%d", i, g.Label, g.Start, g.Len, w.label, w.start, w.len)
		}
	}
	if oui := findField(tlvs.Children[:1], "cfm.tlv.org.spec.oui"); oui == nil || oui.Label != "OUI: 12:34:56" {
		t.Errorf("OUI line %+v", oui)
	}
}

// FuzzProtoCFM feeds arbitrary bytes to the CFM dissector: it must not
// panic nor place a field outside the bytes, with or without the tree.
func FuzzProtoCFM(f *testing.F) {
	for _, s := range []string{cfmCCM, cfmLTR, cfmUnknownOp, cfmOddTLVs, cfmCCMCut, cfmNoEnd} {
		b, _ := hex.DecodeString(s)
		f.Add(b)
	}
	eachParsed(f, "lab__cfm-crafted.pcap", func(h *Headers) { seed(f, h.LinkPayload) })
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, tree := range []bool{false, true} {
			var out Out
			out.reset(tree)
			p := PDU{Data: b, Len: len(b), Off: -1}
			if cfm.Dissect(&p, &out) {
				checkTree(t, out.Tree, len(b))
			}
		}
	})
}
