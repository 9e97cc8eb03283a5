package decode

import (
	"encoding/hex"
	"testing"
)

// TestRIPngColumns dissects RIPng datagrams laid out per RFC 2080 §2.1;
// the expected columns are tshark 4.0.17's (-T fields, which builds the
// tree) on the same bytes: lab__ripng.pcap frame 1 is ripngd's request for
// the whole table, the others are in lab__ripng-crafted.pcap.
func TestRIPngColumns(t *testing.T) {
	const entry = "20010db8000d00000000000000000000" + "1234" + "30" + "03" // 2001:db8:d::/48, tag 0x1234, metric 3
	cases := []struct {
		name, hex, info string
		entries         int
	}{
		{"request for the whole table", "01010000" + "00000000000000000000000000000000" + "0000" + "00" + "10", " Command Request, Version 1", 1},
		{"response", "02010000" + entry + entry, " Command Response, Version 1", 2},
		{"unknown command and version", "07020000", " Command Unknown (7), Version 2", 0},
		{"header only", "02010000", " Command Response, Version 1", 0},
		{"last entry cut short", "02010000" + entry + "20010db8000d000000000000", " Command Response, Version 1[Malformed Packet]", 2},
		{"no reserved field", "0201", " Command Response, Version 1[Malformed Packet]", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b, err := hex.DecodeString(c.hex)
			if err != nil {
				t.Fatal(err)
			}
			for _, tree := range []bool{false, true} {
				var out Out
				out.reset(tree)
				p := PDU{Data: b, Len: len(b), Off: -1}
				if !ripng.Dissect(&p, &out) || out.Proto != "RIPng" || out.Info() != c.info {
					t.Errorf("tree %v: got %q %q, want RIPng %q", tree, out.Proto, out.Info(), c.info)
				}
				checkTree(t, out.Tree, len(b))
				if !tree {
					continue
				}
				n := 0
				for _, f := range out.Tree[0].Children {
					if f.Name == "ripng.rte" {
						n++
					}
				}
				if n != c.entries {
					t.Errorf("%d route entries, want %d", n, c.entries)
				}
			}
		})
	}
}

// TestRIPngEntry checks an entry's lines against tshark's PDML of
// lab__ripng-crafted.pcap frame 1: "Route Table Entry: IPv6 Prefix:
// 2001:db8:d::/48 Metric: 3", the tag in hex.
func TestRIPngEntry(t *testing.T) {
	e, _ := hex.DecodeString("20010db8000d00000000000000000000" + "1234" + "30" + "03")
	f := ripngEntry(e, 24)
	want := []string{"IPv6 Prefix: 2001:db8:d::", "Route Tag: 0x1234", "Prefix Length: 48", "Metric: 3"}
	if f.Label != "Route Table Entry: IPv6 Prefix: 2001:db8:d::/48 Metric: 3" || f.Start != 24 || f.Len != 20 || len(f.Children) != len(want) {
		t.Fatalf("entry %q at %d+%d with %d lines", f.Label, f.Start, f.Len, len(f.Children))
	}
	for i, w := range want {
		if f.Children[i].Label != w {
			t.Errorf("line %d %q, want %q", i, f.Children[i].Label, w)
		}
	}
}

// FuzzProtoRIPng feeds arbitrary bytes to the RIPng dissector, with and
// without the tree: no panic, every field inside the bytes. Seeded with
// the datagrams of lab__ripng.pcap and lab__ripng-crafted.pcap.
func FuzzProtoRIPng(f *testing.F) {
	fuzzDatagrams(f, []*Dissector{ripng}, "lab__ripng.pcap", "lab__ripng-crafted.pcap")
}
