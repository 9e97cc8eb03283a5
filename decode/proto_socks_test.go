package decode

import (
	"encoding/hex"
	"testing"
)

// socksLab is the lab capture of danted and curl (lab__socks.sh).
const socksLab = "lab__socks.pcap"

// TestSocksDetailsPDML compares the SOCKS layers of lab__socks.pcap with
// tshark 4.0.17's PDML (tshark -r F -T pdml): a SOCKS4 Connect and its
// grant, a SOCKS4a request with a host name and its rejection, SOCKS5
// method offers and choices, an RFC 1929 username/password exchange, and
// Connect requests to an IPv4 address and to a domain name with their
// replies. Field names, labels (showname) and byte offsets (pos, size).
func TestSocksDetailsPDML(t *testing.T) {
	x := loadAppCapture(t, socksLab)
	cases := []struct {
		frame int // tshark's frame number
		want  []pdmlWant
	}{
		{4, []pdmlWant{
			{"socks", "Socks Protocol", 66, 9},
			{"socks.version", "Version: 4", 66, 1},
			{"socks.command", "Command: Connect (1)", 67, 1},
			{"socks.dstport", "Remote Port: 80", 68, 2},
			{"socks.dst", "Remote Address: 127.0.0.1", 70, 4},
			{"socks.username", "User name: ", 74, 1},
		}},
		{6, []pdmlWant{
			{"socks", "Socks Protocol", 66, 8},
			{"socks.version", "Version: 0", 66, 1},
			{"socks.results", "Results(V4): Granted (90)", 67, 1},
			{"socks.dstport", "Remote Port: 38696", 68, 2},
			{"socks.dst", "Remote Address: 127.0.0.1", 70, 4},
		}},
		{18, []pdmlWant{
			{"socks", "Socks Protocol", 66, 19},
			{"socks.dst", "Remote Address: 0.0.0.1", 70, 4},
			{"socks.username", "User name: ", 74, 1},
			{"socks.v4a_dns_name", "SOCKS v4a Remote Domain Name: localhost", 75, 10},
		}},
		{20, []pdmlWant{
			{"socks.results", "Results(V4): Rejected or Failed (91)", 67, 1},
			{"socks.dstport", "Remote Port: 38712", 68, 2},
		}},
		{28, []pdmlWant{
			{"socks", "Socks Protocol", 66, 4},
			{"socks.version", "Version: 5", 66, 1},
			{"", "Client Authentication Methods", 67, 3},
			{"socks.auth_method_count", "Authentication Method Count: 2", 67, 1},
			{"socks.auth_method", "Method[0]: 0 (No authentication)", 68, 1},
			{"socks.auth_method", "Method[1]: 1 (GSSAPI)", 69, 1},
		}},
		{30, []pdmlWant{
			{"socks", "Socks Protocol", 66, 2},
			{"socks.auth_accepted_method", "Accepted Auth Method: 0x0 (No authentication)", 67, 1},
		}},
		{32, []pdmlWant{
			{"socks", "Socks Protocol", 66, 10},
			{"socks.version", "Version: 5", 66, 1},
			{"socks.command", "Command: Connect (1)", 67, 1},
			{"socks.reserved", "Reserved: 0", 68, 1},
			{"socks.address_type", "Address Type: IPv4 (1)", 69, 1},
			{"socks.dst", "Remote Address: 127.0.0.1", 70, 4},
			{"socks.port", "Port: 80", 74, 2},
		}},
		{33, []pdmlWant{
			{"socks.results", "Results(V5): Succeeded (0)", 67, 1},
			{"socks.address_type", "Address Type: IPv4 (1)", 69, 1},
			{"socks.port", "Port: 38718", 74, 2},
		}},
		{48, []pdmlWant{
			{"socks", "Socks Protocol", 66, 16},
			{"socks.address_type", "Address Type: Domain Name (3)", 69, 1},
			{"socks.remote_name", "Remote name: localhost", 70, 10},
			{"socks.port", "Port: 80", 80, 2},
		}},
		{60, []pdmlWant{
			{"", "Client Authentication Methods", 67, 4},
			{"socks.auth_method_count", "Authentication Method Count: 3", 67, 1},
			{"socks.auth_method", "Method[2]: 2 (Username/Password)", 70, 1},
		}},
		{62, []pdmlWant{
			{"socks.auth_accepted_method", "Accepted Auth Method: 0x2 (Username/Password)", 67, 1},
		}},
		{64, []pdmlWant{
			{"socks", "Socks Protocol", 66, 21},
			{"socks.version", "Version: 5", 66, 0},
			{"socks.subnegotiation_version", "Subnegotiation Version: 1", 66, 1},
			{"socks.username", "User name: ladsocks", 67, 9},
			{"socks.password", "Password: wonderland", 76, 11},
		}},
		{66, []pdmlWant{
			{"socks", "Socks Protocol", 66, 2},
			{"socks.version", "Version: 5", 66, 0},
			{"socks.subnegotiation_version", "Subnegotiation Version: 1", 66, 1},
			{"socks.auth_status", "Status: 0 (success)", 67, 1},
		}},
	}
	w := NewAppWalker(x)
	for _, c := range cases {
		res := w.At(c.frame-1, true)
		checkPDMLFields(t, c.frame-1, res.Tree, c.want)
	}
}

// TestSocksPDULen checks the handshake's framing at each stage on
// hand-checked messages (RFC 1928 §§3-6, RFC 1929 §2, SOCKS 4/4A notes).
func TestSocksPDULen(t *testing.T) {
	cases := []struct {
		name string
		st   socksConv
		dir  uint8
		hex  string
		want int
	}{
		{"v4 connect", socksConv{}, 0, "040100507f00000100", 9},
		{"v4 connect, user id unterminated", socksConv{}, 0, "040100507f00000161", 0},
		{"v4a host name", socksConv{}, 0, "0401005000000001006c6f63616c686f737400", 19},
		{"v4a host name unterminated", socksConv{}, 0, "0401005000000001006c6f63", 0},
		{"v4 reply", socksConv{version: 4, stage: socksReply}, 1, "005a97287f000001", 8},
		{"v5 methods", socksConv{}, 0, "0503000102", 5},
		{"v5 methods short", socksConv{}, 0, "05", 0},
		{"v5 method reply", socksConv{version: 5, stage: socksMethodReply}, 1, "0502", 2},
		{"v5 username/password", socksConv{version: 5, stage: socksAuthRequest}, 0, "01086c6164736f636b730a776f6e6465726c616e64", 21},
		{"v5 username/password short", socksConv{version: 5, stage: socksAuthRequest}, 0, "01086c61", 0},
		{"v5 connect IPv4", socksConv{version: 5, stage: socksRequest}, 0, "050100017f0000010050", 10},
		{"v5 connect domain", socksConv{version: 5, stage: socksRequest}, 0, "05010003096c6f63616c686f73740050", 16},
		{"v5 connect IPv6", socksConv{version: 5, stage: socksRequest}, 0, "0501000400000000000000000000000000000001", 22},
		{"not SOCKS", socksConv{}, 0, "474554202f", -1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b, _ := hex.DecodeString(c.hex)
			st := c.st
			if got := socksPDULen(&Conv{State: &st}, c.dir, b); got != c.want {
				t.Errorf("socksPDULen = %d, want %d", got, c.want)
			}
		})
	}
}

// FuzzProtoSocks feeds arbitrary bytes through the framing and the
// dissector as alternating client and server messages of one
// conversation: no panic, every field inside the PDU. Seeded with
// lab__socks.pcap's handshakes (tshark -Y socks -e tcp.payload).
func FuzzProtoSocks(f *testing.F) {
	for _, s := range []string{"040100507f00000100005a97287f000001", "0401005000000001006c6f63616c686f737400005b97387f000001",
		"050200010500050100017f0000010050050000017f000001973e", "05020001050005010003096c6f63616c686f73740050050000017f0000019740",
		"0503000102050201086c6164736f636b730a776f6e6465726c616e640100050100017f0000010050050000017f000001974e"} {
		b, _ := hex.DecodeString(s)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		conv := &Conv{}
		rest := b
		for i := 0; i < 16 && len(rest) > 0; i++ {
			dir := uint8(i % 2)
			n := socksPDULen(conv, dir, rest)
			if n <= 0 || n > len(rest) {
				n = len(rest)
			}
			var out Out
			out.reset(true)
			socksDissect(&PDU{Data: rest[:n], Len: n, Dir: dir, SrcPort: 41262, DstPort: socksPort, TCP: true, Conv: conv, Frame: i}, &out)
			checkTree(t, out.Tree, n)
			rest = rest[n:]
		}
	})
}
