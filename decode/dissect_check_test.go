package decode

import (
	"encoding/hex"
	"testing"
)

// checkDissect dissects hand-checked bytes (hex) with dissect twice,
// without and with a details tree, since the columns must not depend on
// it, and checks whether it claimed them and, when it did, the Protocol
// column and Info the case took from tshark 4.0, and that every field of
// the tree lies inside the bytes. base gives the PDU's other members: TCP
// for a record mark or length prefix, a Conv for a datagram in a UDP flow
// (each run gets a fresh one), none for an IP protocol such as ESP's.
func checkDissect(t *testing.T, hexBytes string, base PDU, dissect func(*PDU, *Out) bool, wantOK bool, proto, info string) {
	t.Helper()
	b, err := hex.DecodeString(hexBytes)
	if err != nil {
		t.Fatal(err)
	}
	for _, tree := range []bool{false, true} {
		var out Out
		out.reset(tree)
		p := base
		p.Data, p.Len, p.Off = b, len(b), -1
		if base.Conv != nil {
			p.Conv = &Conv{}
		}
		ok := dissect(&p, &out)
		if ok != wantOK || (ok && (out.Proto != proto || out.Info() != info)) {
			t.Errorf("tree %v: got %v %q %q, want %v %q %q", tree, ok, out.Proto, out.Info(), wantOK, proto, info)
		}
		checkTree(t, out.Tree, len(b))
	}
}
