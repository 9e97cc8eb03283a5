package decode

import (
	"encoding/binary"
	"testing"
)

// TestIsDSACK checks the duplicate-SACK test on the blocks of crafted
// ACKs whose verdicts tshark 4.0.17 gave (tcp.options.sack.dsack), with
// the client's ISN at 1000 and the ACK at 1001 or 2001.
func TestIsDSACK(t *testing.T) {
	blocks := func(edges ...uint32) []byte {
		b := make([]byte, 4*len(edges))
		for i, e := range edges {
			binary.BigEndian.PutUint32(b[4*i:], e)
		}
		return b
	}
	tests := []struct {
		name string
		v    []byte
		ack  uint32
		want bool
	}{
		{"first block inside the second, above the ACK", blocks(2500, 2600, 2400, 2700), 1001, true},
		{"one block above the ACK", blocks(2500, 2600), 1001, false},
		{"one block below the ACK", blocks(1500, 1600), 2001, true},
		{"first block below the ACK, a second above", blocks(1500, 2001, 2500, 2600), 2001, true},
		{"block starting at the ACK", blocks(2001, 2100), 2001, false},
		{"two equal blocks", blocks(2500, 2700, 2500, 2700), 2001, true},
		{"below the ACK across 2^32", blocks(0xfffffff0, 0xfffffff8), 0x10, true},
		{"truncated block", []byte{0, 0, 7}, 2001, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := isDSACK(tc.v, tc.ack); got != tc.want {
				t.Errorf("isDSACK = %v, want %v", got, tc.want)
			}
		})
	}
}
