package decode

import "testing"

// pdmlWant is one field as tshark's PDML shows it: the field's name ("" for
// a text item), its showname, and its byte offset and length in the frame
// (pos, size).
type pdmlWant struct {
	name, label string
	pos, size   int
}

// checkPDMLFields reports each wanted field that tree (searched at every
// depth) lacks, by name and label, or holds at another offset or length.
// frame is 0-based; messages give tshark's 1-based number.
func checkPDMLFields(t *testing.T, frame int, tree []Field, want []pdmlWant) {
	t.Helper()
	var got []Field
	var walk func(fs []Field)
	walk = func(fs []Field) {
		for _, f := range fs {
			got = append(got, f)
			walk(f.Children)
		}
	}
	walk(tree)
	for _, wf := range want {
		// a field PDML shows twice (DCE/RPC's "Request in frame" in its
		// layer and in the interface's) must be found at each place
		var seen *Field
		placed := false
		for i, g := range got {
			if g.Name == wf.name && g.Label == wf.label {
				seen = &got[i]
				placed = placed || g.Start == wf.pos && g.Len == wf.size
			}
		}
		switch {
		case seen == nil:
			t.Errorf("frame %d: no field %s %q", frame+1, wf.name, wf.label)
		case !placed:
			t.Errorf("frame %d %s %q: pos/size %d/%d, PDML %d/%d", frame+1, wf.name, wf.label, seen.Start, seen.Len, wf.pos, wf.size)
		}
	}
}
