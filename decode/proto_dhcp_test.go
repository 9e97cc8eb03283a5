package decode

import (
	"encoding/binary"
	"testing"
)

// dhcpMessage builds a BOOTP message with the given op, transaction ID and
// options (after the magic cookie).
func dhcpMessage(op byte, xid uint32, opts ...byte) []byte {
	b := make([]byte, dhcpFixedLen)
	b[0], b[1], b[2] = op, 1, 6
	binary.BigEndian.PutUint32(b[4:], xid)
	copy(b[28:], []byte{0x90, 0xb1, 0x1c, 0x99, 0x49, 0x29})
	binary.BigEndian.PutUint32(b[dhcpFixedLen-4:], dhcpCookie)
	return append(b, opts...)
}

// TestDHCPInfo checks Info texts: the first four as tshark 4.0 prints
// frames 1, 2, 4 and 7 of testdata/app/zeek__...__dhcp__dhcp.pcap; the
// others hand-checked against packet-dhcp.c's format ("DHCP %-8s -
// Transaction ID 0x%x"; BOOTP without option 53).
func TestDHCPInfo(t *testing.T) {
	cases := []struct {
		name  string
		msg   []byte
		proto string
		want  string
	}{
		{"discover", dhcpMessage(1, 0x7c0, 53, 1, 1, 255), "DHCP", "DHCP Discover - Transaction ID 0x7c0"},
		{"offer", dhcpMessage(2, 0x7c0, 53, 1, 2, 255), "DHCP", "DHCP Offer    - Transaction ID 0x7c0"},
		{"nak", dhcpMessage(2, 0x7c0, 53, 1, 6, 255), "DHCP", "DHCP NAK      - Transaction ID 0x7c0"},
		{"decline", dhcpMessage(1, 0x7c0, 53, 1, 4, 255), "DHCP", "DHCP Decline  - Transaction ID 0x7c0"},
		{"padding before the type", dhcpMessage(1, 0xdeadbeef, 0, 0, 53, 1, 3), "DHCP", "DHCP Request  - Transaction ID 0xdeadbeef"},
		{"unknown type", dhcpMessage(1, 1, 53, 1, 99), "DHCP", "DHCP Unknown Message Type (0x63) - Transaction ID 0x1"},
		{"bootp request", dhcpMessage(1, 1, 255), "BOOTP", "Boot Request from 90:b1:1c:99:49:29 (90:b1:1c:99:49:29)"},
		{"bootp reply", dhcpMessage(2, 1), "BOOTP", "Boot Reply"},
		{"option past the end", dhcpMessage(1, 1, 53, 5, 1), "BOOTP", "Boot Request from 90:b1:1c:99:49:29 (90:b1:1c:99:49:29)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var out Out
			out.reset(true)
			if !dissectDHCP(&PDU{Data: c.msg, Len: len(c.msg)}, &out) {
				t.Fatal("not claimed")
			}
			if out.Proto != c.proto || out.Info() != c.want {
				t.Errorf("got %s %q, want %s %q", out.Proto, out.Info(), c.proto, c.want)
			}
		})
	}
}

// FuzzProtoDHCP feeds arbitrary datagrams to the DHCP parser: no panic,
// tree ranges inside the datagram.
func FuzzProtoDHCP(f *testing.F) {
	f.Add(dhcpMessage(1, 0x7c0, 53, 1, 1, 50, 4, 192, 168, 211, 194, 12, 3, 'a', 'b', 'c', 255))
	f.Fuzz(func(t *testing.T, b []byte) {
		var out Out
		out.reset(true)
		dissectDHCP(&PDU{Data: b, Len: len(b)}, &out)
		checkTree(t, out.Tree, len(b))
	})
}
