package decode

import "testing"

// TestNTPInfo checks Info texts against tshark 4.0 on hand-built packets
// (flags byte, then a 48-byte time packet unless said otherwise).
func TestNTPInfo(t *testing.T) {
	pkt := func(flags byte, n int) []byte {
		b := make([]byte, max(n, 4))
		b[0], b[1], b[2], b[3] = flags, 2, 6, 0xec
		return b[:n]
	}
	cases := []struct {
		name string
		b    []byte
		want string
	}{
		{"v4 client", pkt(0x23, 48), "NTP Version 4, client"},
		{"v4 server", pkt(0x24, 48), "NTP Version 4, server"},
		{"v3 symmetric active", pkt(0x19, 48), "NTP Version 3, symmetric active"},
		{"v0 broadcast", pkt(0x05, 48), "reserved, broadcast"},
		{"v2 control", pkt(0x16, 48), "NTP Version 2, control"},
		{"v2 private request", pkt(0x17, 48), "NTP Version 2, private, Request, Unknown"},
		{"one byte", pkt(0x23, 1), "NTP Version 4, client[Malformed Packet]"},
		{"21 bytes", pkt(0x23, 21), "NTP Version 4, client[Malformed Packet]"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var out Out
			out.reset(true)
			dissectNTP(&PDU{Data: c.b, Len: len(c.b)}, &out)
			if out.Info() != c.want {
				t.Errorf("got %q, want %q", out.Info(), c.want)
			}
		})
	}
}

// TestNTPTime checks timestamps against tshark 4.0's ntp.org and ntp.rec on
// frame 2 of testdata/app/the-tcpdump-group__tcpdump__tests__ntp.pcap.
func TestNTPTime(t *testing.T) {
	cases := []struct {
		sec, frac uint32
		want      string
	}{
		{0, 0, "NULL"},
		{0xdcf25a39, 0x84199119, "Jun 19, 2017 14:12:09.516015118 UTC"},
		{0x00000001, 0, "Feb  7, 2036 06:28:17.000000000 UTC"},
	}
	for _, c := range cases {
		if got := ntpTimeText(c.sec, c.frac); got != c.want {
			t.Errorf("%#x.%#x: got %q, want %q", c.sec, c.frac, got, c.want)
		}
	}
}

// FuzzProtoNTP feeds arbitrary datagrams to the NTP parser: no panic, tree
// ranges inside the datagram.
func FuzzProtoNTP(f *testing.F) {
	f.Add(make([]byte, 48))
	f.Fuzz(func(t *testing.T, b []byte) {
		var out Out
		out.reset(true)
		dissectNTP(&PDU{Data: b, Len: len(b)}, &out)
		checkTree(t, out.Tree, len(b))
	})
}
