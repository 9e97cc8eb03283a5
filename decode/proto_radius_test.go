package decode

import (
	"encoding/hex"
	"testing"
)

// RADIUS messages from testdata/app/lab__radius.pcap (radtest and
// radclient against FreeRADIUS 3.2), as hex.
var radiusFrames = map[int]string{
	1: "018f004b9c9d186b90a8c0e982f8527aaaef30a50107616c696365021276945882ba4ced5a611f8170850b9ee504067f0000010506000000075012679aeda8ce6079a507be0b54deb5c291",
	2: "028f0022bf40080a5fbfde4098878f817b85b113120e48656c6c6f2c20616c696365",
	4: "03460022d07c9865abd6cf105ebd774f03c87be8120e48656c6c6f2c20616c696365",
	5: "041b0037dddc02bc3ba04484d3ea38b9e1f3b6ed0107616c6963652806000000012c0a6c61622d3030303104060a0e00010806c000020a",
	9: "0c050026f90d1aba99ca12ddd1cbc956c06ae946501243960a2e5f2feb0b3cb241d8190fd2ed",
}

// TestRADIUSColumns checks Protocol and Info, tshark 4.0.17's on the
// capture's frames, and that a datagram gopacket's RADIUS layer refuses
// stays UDP.
func TestRADIUSColumns(t *testing.T) {
	cases := []struct {
		name string
		hex  string
		ok   bool
		info string
	}{
		{"access request", radiusFrames[1], true, "Access-Request id=143"},
		{"access accept", radiusFrames[2], true, "Access-Accept id=143"},
		{"access reject", radiusFrames[4], true, "Access-Reject id=70"},
		{"accounting request", radiusFrames[5], true, "Accounting-Request id=27"},
		{"status server", radiusFrames[9], true, "Status-Server id=5"},
		{"length beyond the datagram", "0101ffff" + "00000000000000000000000000000000", false, ""},
		{"too short", "0101", false, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b, _ := hex.DecodeString(c.hex)
			for _, tree := range []bool{false, true} {
				var out Out
				out.reset(tree)
				ok := radiusDissect(&PDU{Data: b, Len: len(b), Conv: &Conv{}}, &out)
				if ok != c.ok || (ok && (out.Proto != "RADIUS" || out.Info() != c.info)) {
					t.Errorf("tree %v: got %v %q %q, want %v RADIUS %q", tree, ok, out.Proto, out.Info(), c.ok, c.info)
				}
				checkTree(t, out.Tree, len(b))
			}
		})
	}
}

// TestRADIUSAttributes checks attribute lines against tshark's PDML for
// frame 5 (Accounting-Request Start).
func TestRADIUSAttributes(t *testing.T) {
	b, _ := hex.DecodeString(radiusFrames[5])
	var out Out
	out.reset(true)
	radiusDissect(&PDU{Data: b, Len: len(b), Conv: &Conv{}}, &out)
	checkPDMLFields(t, 4, out.Tree, []pdmlWant{
		{"radius.avp", "AVP: t=User-Name(1) l=7 val=alice", 20, 7},
		{"radius.avp", "AVP: t=Acct-Status-Type(40) l=6 val=Start(1)", 27, 6},
		{"radius.Acct_Status_Type", "Acct-Status-Type: Start (1)", 29, 4},
		{"radius.Framed-IP-Address", "Framed-IP-Address: 192.0.2.10", 51, 4},
	})
}

// FuzzProtoRADIUS feeds arbitrary bytes to the dissector: no panic,
// every field inside the datagram.
func FuzzProtoRADIUS(f *testing.F) {
	for _, s := range radiusFrames {
		b, _ := hex.DecodeString(s)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var out Out
		out.reset(true)
		if radiusDissect(&PDU{Data: b, Len: len(b), Conv: &Conv{}}, &out) {
			checkTree(t, out.Tree, len(b))
		}
	})
}
