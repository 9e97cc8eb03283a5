package decode

import "testing"

// dissectSegment runs d over msgs, the whole messages one TCP segment from
// port src to port dst carries, in turn into one Out with its tree, as the
// walker hands them over: d's PDULen must frame each message whole and each
// message's fields must lie inside it. The Out then holds the segment's
// Protocol and Info.
func dissectSegment(t *testing.T, d *Dissector, src, dst uint16, msgs ...[]byte) *Out {
	t.Helper()
	var out Out
	out.reset(true)
	conv := &Conv{}
	for _, b := range msgs {
		if n := d.PDULen(conv, 0, b); n != len(b) {
			t.Fatalf("PDULen(%q) = %d, want %d", b, n, len(b))
		}
		k := len(out.Tree)
		d.Dissect(&PDU{Data: b, Len: len(b), SrcPort: src, DstPort: dst, TCP: true, Conv: conv}, &out)
		checkTree(t, out.Tree[k:], len(b))
	}
	return &out
}
