package decode

import "testing"

// TestMPLSPayload checks packet-mpls.c's first-nibble guess after the
// bottom label. The Ethernet-with-control-word case is MplsPackets.pcap
// frame 2 (tshark 4.0.17: PW Ethernet Control Word, then Ethernet, 802.1Q,
// IPv4, ICMP); the others follow the same code's rules (an IPv4 total
// length may fall short of what follows by the 4 bytes an Ethernet
// trailer can add, no more).
func TestMPLSPayload(t *testing.T) {
	ipv4 := func(total, have int) []byte {
		b := make([]byte, have)
		b[0], b[2], b[3] = 0x45, byte(total>>8), byte(total)
		return b
	}
	cases := []struct {
		name string
		b    []byte
		want mplsPayload
	}{
		{"IPv4 of its length", ipv4(40, 40), mplsIPv4},
		{"IPv4 and 4 bytes of padding", ipv4(40, 44), mplsIPv4},
		{"IPv4 and 5 bytes more", ipv4(40, 45), mplsEthernet},
		{"IPv4 longer than what follows", ipv4(60, 40), mplsEthernet},
		{"IPv6", []byte{0x60, 0, 0, 0}, mplsIPv6},
		{"control word then Ethernet", []byte{0, 0, 0, 0, 0xcc, 7, 0x0d, 8, 0, 0, 0xcc, 0, 0x0a, 0x64, 0, 0, 0x81, 0}, mplsEthernetCW},
		{"associated channel", []byte{0x10, 0, 0, 0x21}, mplsData},
		{"unknown nibble", []byte{0x90, 0, 0, 0}, mplsData},
		{"nothing", nil, mplsData},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := mplsPayloadOf(c.b); got != c.want {
				t.Errorf("got %d, want %d", got, c.want)
			}
		})
	}
}
