package decode

import (
	"encoding/hex"
	"testing"
)

// TestCQLColumns dissects CQL frames laid out per Cassandra's
// native_protocol_v4.spec; the expected columns are tshark 4.0.17's on the
// same bytes (frames of lab__cql-crafted.pcap).
func TestCQLColumns(t *testing.T) {
	cases := []struct{ name, hex, info string }{
		{"options", "040000000500000000", "v4 C->S Type OPTIONS"},
		{"ready", "840000010200000000", "v4 S->C Type READY"},
		{"query", "0400000207" + "0000000d" + "00000006555345206b73" + "000100", "v4 C->S Type QUERY"},
		{"query string past the body", "0400001a07" + "0000000a" + "00000064" + "53454c454354", "v4 C->S Type QUERY[Malformed Packet]"},
		{"query without its flags", "0400001907" + "0000000b" + "0000000653454c454354" + "00", "v4 C->S Type QUERY[Malformed Packet]"},
		{"set keyspace", "8400000208" + "00000008" + "00000003" + "00026b73", "v4 S->C Type RESULT"},
		{"error", "840000130000000011" + "00002200" + "0009" + "626164207175657279", "v4 S->C Type ERROR"},
		{"result kind only half", "8400002108" + "00000002" + "0000", "v4 S->C Type RESULT[Malformed Packet]"},
		{"unknown opcode", "0400001433" + "00000002" + "7878", "v4 C->S Type Unknown (0x33)"},
		{"v3", "0302000205" + "00000000", "v3 C->S Type OPTIONS"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkDissect(t, c.hex, PDU{SrcPort: 40000, DstPort: portCQL, TCP: true, Conv: &Conv{}}, cql.Dissect, true, "CQL", c.info)
		})
	}
}

// TestCQLPDULen checks the frame delimiting: the body length plus the
// 9-byte header, versions 3 and 4 only (tshark leaves v5 to TCP).
func TestCQLPDULen(t *testing.T) {
	for _, c := range []struct {
		hex  string
		want int
	}{
		{"0400000005000000", 0},
		{"040000000500000000", 9},
		{"8400000208000000080000", 17},
		{"050000000500000000", -1},
		{"01", -1},
		{"03", 0},
	} {
		b, _ := hex.DecodeString(c.hex)
		if got := cqlPDULen(nil, 0, b); got != c.want {
			t.Errorf("%s: got %d, want %d", c.hex, got, c.want)
		}
	}
}

// TestCQLCapture walks lab__cql-crafted.pcap as ladder's index does and
// compares every frame's columns with tshark 4.0.17's (-T fields) on it.
func TestCQLCapture(t *testing.T) {
	x, w := appWalker(t, "lab__cql-crafted.pcap")
	// frames 21, 42, 47: tshark's reads run past the body
	want := map[int]string{ // 1-based frame: Info of the CQL frames tshark shows
		4: "v4 C->S Type OPTIONS", 14: "v4 C->S Type QUERY", 21: "v4 S->C Type RESULT[Malformed Packet]",
		27: "v4 S->C Type RESULT", 28: "v4 S->C Type RESULT", 31: "v4 S->C Type RESULT",
		35: "v4 C->S Type Unknown (0x33)", 37: "v4 C->S Type OPTIONS", 40: "v4 C->S Type QUERY",
		41: "v4 S->C Type RESULT", 42: "v4 C->S Type QUERY[Malformed Packet]", 47: "v4 S->C Type ERROR[Malformed Packet]",
	}
	n := 0
	for i := range x.Len() {
		if info, ok := want[i+1]; ok {
			r := w.At(i, false)
			n++
			if r.Proto != "CQL" || r.Info != info {
				t.Errorf("frame %d: got %q %q, want CQL %q", i+1, r.Proto, r.Info, info)
			}
		}
	}
	if n != len(want) {
		t.Errorf("checked %d frames, want %d", n, len(want))
	}
}

func FuzzProtoCQL(f *testing.F) {
	for _, s := range []string{"040000000500000000", "04000002070000000d00000006555345206b73000100",
		"8400000208000000080000000300026b73", "8400000608000000280000000200000000000000010002" + "6b7300017400016100090000000100000004" + "0000002a"} {
		b, _ := hex.DecodeString(s)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		conv := &Conv{}
		rest := b
		for i := 0; i < 8 && len(rest) > 0; i++ {
			n := cqlPDULen(conv, 0, rest)
			if n <= 0 || n > len(rest) {
				n = len(rest)
			}
			for _, tree := range []bool{false, true} {
				var out Out
				out.reset(tree)
				dissectCQL(&PDU{Data: rest[:n], Len: n, SrcPort: 40000, DstPort: portCQL, TCP: true, Conv: conv}, &out)
				checkTree(t, out.Tree, n)
			}
			rest = rest[n:]
		}
	})
}
