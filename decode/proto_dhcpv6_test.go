package decode

import (
	"encoding/binary"
	"testing"
)

// TestDHCPv6Info checks Info texts against tshark 4.0 on the same
// hand-built messages (tshark ends each part with a space).
func TestDHCPv6Info(t *testing.T) {
	opt := func(code int, v []byte) []byte {
		b := binary.BigEndian.AppendUint16(nil, uint16(code))
		b = binary.BigEndian.AppendUint16(b, uint16(len(v)))
		return append(b, v...)
	}
	duid := []byte{0, 3, 0, 1, 0, 1, 2, 3, 4, 5}
	addr := make([]byte, 16)
	for i := range addr {
		addr[i] = byte(i)
	}
	iana := opt(3, append([]byte{0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3}, opt(5, append(addr, 0, 0, 0, 100, 0, 0, 0, 200))...))
	solicit := append(append([]byte{1, 0x12, 0x34, 0x56}, opt(1, duid)...), iana...)
	relay := append([]byte{12, 0}, make([]byte, 32)...)
	relay = append(relay, opt(9, append([]byte{1, 0x12, 0x34, 0x56}, opt(1, duid)...))...)
	cases := []struct {
		name string
		b    []byte
		want string
	}{
		{"solicit with IA_NA", solicit, "Solicit XID: 0x123456 CID: 00030001000102030405 IAA: 1:203:405:607:809:a0b:c0d:e0f "},
		{"relayed solicit", relay, "Relay-forw L: :: Solicit XID: 0x123456 CID: 00030001000102030405 "},
		{"three bytes", []byte{1, 0, 0}, "Solicit [Malformed Packet]"},
		{"option cut short", append([]byte{1, 0, 0, 1}, opt(1, duid)[:6]...), "Solicit XID: 0x000001 "},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var out Out
			out.reset(true)
			dissectDHCPv6(&PDU{Data: c.b, Len: len(c.b)}, &out)
			if out.Info() != c.want {
				t.Errorf("got %q, want %q", out.Info(), c.want)
			}
		})
	}
}

// FuzzProtoDHCPv6 feeds arbitrary datagrams to the DHCPv6 parser: no
// panic, bounded recursion.
func FuzzProtoDHCPv6(f *testing.F) {
	f.Add([]byte{12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9, 0, 4, 1, 0, 0, 1})
	f.Fuzz(func(t *testing.T, b []byte) {
		var out Out
		out.reset(true)
		dissectDHCPv6(&PDU{Data: b, Len: len(b)}, &out)
	})
}
