package decode

import "testing"

// TestLoopMatchesTshark checks testdata/app/lab__loop-crafted.pcap (made by
// the script beside it) against tshark 4.0: each frame's Info, and frame
// 3's tree as its PDML gives it (the forwarding address is shown without
// OUI resolution, as ladder shows every MAC address).
func TestLoopMatchesTshark(t *testing.T) {
	_, w := appWalker(t, "lab__loop-crafted.pcap")
	for i, info := range []string{"Reply", "Forward Data", "Reply", "Unknown function (9)"} {
		if res := w.At(i, false); res.Proto != "LOOP" || res.Info != info {
			t.Errorf("frame %d: %q %q, want LOOP %q", i+1, res.Proto, res.Info, info)
		}
	}
	res := w.At(2, true)
	var got []Field
	if f := findField(res.Tree, "loop"); f != nil {
		if f.Label != "Configuration Test Protocol (loopback)" || f.Start != 14 || f.Len != 46 {
			t.Errorf("loop layer %q %d/%d", f.Label, f.Start, f.Len)
		}
		got = f.Children
	}
	want := []struct {
		name, label string
		pos, size   int
	}{
		{"loop.skipcount", "skipCount: 8", 14, 2},
		{"loop.function", "Function: Forward Data (2)", 16, 2},
		{"loop.forwarding_address", "Forwarding address: 00:11:22:33:44:55", 18, 6},
		{"loop.relevant_function", "Relevant function: Reply (1)", 24, 2},
		{"loop.function", "Function: Reply (1)", 24, 2},
		{"loop.receipt_number", "Receipt number: 7", 26, 2},
	}
	if len(got) != len(want) {
		t.Fatalf("%d fields, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		if f := got[i]; f.Name != w.name || f.Label != w.label || f.Start != w.pos || f.Len != w.size {
			t.Errorf("field %d: %s %q %d/%d, want %s %q %d/%d", i, f.Name, f.Label, f.Start, f.Len, w.name, w.label, w.pos, w.size)
		}
	}
}
