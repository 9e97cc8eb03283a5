package decode

import (
	"encoding/hex"
	"testing"
)

// BGP messages from testdata/app/lab__bgp.pcap (bird2 2.0 on both ends),
// as hex.
const (
	bgpOpenHex      = "ffffffffffffffffffffffffffffffff00350104fde900090a0c000118021601040001000102004002007841040000fde946004700"         // frame 4
	bgpKeepaliveHex = "ffffffffffffffffffffffffffffffff001304"                                                                             // frame 8
	bgpUpdateHex    = "ffffffffffffffffffffffffffffffff003902000000144001010040020602010000fde94003040a0c000119c633640018c0000219c6336480" // frame 12: three prefixes
	bgpWithdrawHex  = "ffffffffffffffffffffffffffffffff001c02000519c63364800000"                                                           // frame 24: one prefix withdrawn
	bgpNotifyHex    = "ffffffffffffffffffffffffffffffff0015030602"                                                                         // frame 32: Cease, administratively shut down
)

// TestBGPInfo checks Info for one segment's messages, joined with ", ":
// tshark 4.0.17 printed "KEEPALIVE Message, UPDATE Message" for the
// capture's KEEPALIVE and UPDATE rebuilt into one TCP segment, and the
// single messages' names on the capture itself.
func TestBGPInfo(t *testing.T) {
	cases := []struct {
		name string
		msgs []string
		info string
	}{
		{"open", []string{bgpOpenHex}, "OPEN Message"},
		{"keepalive and update in one segment", []string{bgpKeepaliveHex, bgpUpdateHex}, "KEEPALIVE Message, UPDATE Message"},
		{"withdrawal", []string{bgpWithdrawHex}, "UPDATE Message"},
		{"notification", []string{bgpNotifyHex}, "NOTIFICATION Message"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			msgs := make([][]byte, len(c.msgs))
			for i, m := range c.msgs {
				msgs[i] = mustHex(t, m)
			}
			out := dissectSegment(t, bgp, 0, 0, msgs...)
			if out.Proto != "BGP" || out.Info() != c.info {
				t.Errorf("got %q %q, want BGP %q", out.Proto, out.Info(), c.info)
			}
		})
	}
}

// TestBGPPDULen checks the framing (RFC 4271 4.1): the marker must be
// ones, the length at least the header's.
func TestBGPPDULen(t *testing.T) {
	marker := "ffffffffffffffffffffffffffffffff"
	cases := []struct {
		name string
		in   string
		want int
	}{
		{"keepalive", bgpKeepaliveHex, 19},
		{"header cut", marker + "00", 0},
		{"marker cut", "ffff", 0},
		{"not a marker", "ff00", PDUReject},
		{"length below the header", marker + "001204", PDUReject},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b, _ := hex.DecodeString(c.in)
			if got := bgpPDULen(nil, 0, b); got != c.want {
				t.Errorf("PDULen = %d, want %d", got, c.want)
			}
		})
	}
}

// FuzzProtoBGP feeds arbitrary bytes through the framing and the
// dissector: no panic, every field inside the message. Seeded with
// lab__bgp.pcap's messages.
func FuzzProtoBGP(f *testing.F) {
	for _, s := range []string{bgpOpenHex, bgpKeepaliveHex, bgpUpdateHex, bgpWithdrawHex, bgpNotifyHex} {
		b, _ := hex.DecodeString(s)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		rest := b
		for i := 0; i < 8 && len(rest) > 0; i++ {
			n := bgpPDULen(nil, 0, rest)
			if n <= 0 || n > len(rest) {
				n = len(rest)
			}
			for _, tree := range []bool{false, true} {
				var out Out
				out.reset(tree)
				bgpDissect(&PDU{Data: rest[:n], Len: n, TCP: true, Conv: &Conv{}}, &out)
				checkTree(t, out.Tree, n)
			}
			rest = rest[n:]
		}
	})
}
