package decode

import "testing"

// TestIRCInfo checks Info per segment, each expected value tshark 4.0.17's
// on the same bytes (testdata/app/lab__irc-crafted.pcap and the STARTTLS
// request and reply of testdata/corpus/zeek__testing__btest__Traces__tls__irc-starttls.pcap).
func TestIRCInfo(t *testing.T) {
	cases := []struct {
		name     string
		src, dst uint16
		in       string
		info     string
	}{
		{"registration", 40001, 6667, "NICK alice\r\nUSER alice 0 * :Alice Example\r\n", "Request (NICK) (USER)"},
		{"numeric replies with prefixes", 6667, 40001, ":irc.example.net 001 alice :Welcome\r\n:irc.example.net 002 alice :Your host\r\n", "Response (001) (002)"},
		{"starttls", 55123, 6667, "STARTTLS\r\n", "Request (STARTTLS)"},
		{"starttls reply", 6667, 55123, ":irc.joulunet.org 670 * :STARTTLS successful, proceed with TLS handshake\r\n", "Response (670)"},
		{"CR, LF and empty lines", 40001, 6667, "QUIT\rPING x\nPONG y\r\n\r\n", "Request (QUIT) (PING) (PONG)"},
		{"prefix without a space", 40001, 6667, ":noprefixspace\r\n", "Request"},
		{"only spaces", 40001, 6667, "   \r\n", "Request"},
		{"NUL ends the command", 40001, 6667, "CMD\x00HIDDEN param\r\n", "Request (CMD)"},
		{"bytes above 0x7f", 40001, 6667, "caf\xc3\xa9 x\r\n", "Request (caf\ufffd\ufffd)"},
		{"tab, backspace, form feed", 40001, 6667, "TAB\tCMD x\r\nBS\bCMD\fFF y\r\n", `Request (TAB\tCMD) (BS\bCMD\fFF)`},
		{"other control bytes escaped", 40001, 6667, "A\x1bB x\r\n", `Request (A\033B)`},
		{"no line end", 40001, 6667, "PART #lab :bye", "Request (PART)"},
		{"proxy port", 57000, 40002, ":proxy 001 bob :Welcome\r\n", "Response (001)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var out Out
			out.reset(true)
			b := []byte(c.in)
			if n := ircDissector.PDULen(nil, 0, b); n != len(b) {
				t.Fatalf("PDULen %d, want the segment's %d", n, len(b))
			}
			ircDissect(&PDU{Data: b, Len: len(b), SrcPort: c.src, DstPort: c.dst, TCP: true}, &out)
			checkTree(t, out.Tree, len(b))
			if out.Proto != "IRC" || out.Info() != c.info {
				t.Errorf("got %q %q, want IRC %q", out.Proto, out.Info(), c.info)
			}
		})
	}
}

// FuzzProtoIRC feeds arbitrary segments to the dissector: no panic, every
// field inside the segment. Seeded with the crafted capture's lines.
func FuzzProtoIRC(f *testing.F) {
	for _, s := range []string{"NICK alice\r\nUSER alice 0 * :Alice Example\r\n", ":bob!bob@10.0.0.3 NOTICE alice :\x01VERSION lab-client 1.0\x01\r\n",
		"PRIVMSG bob \x01PING 123\x01 tail\r\n", "MODE   #lab   +o   bob\r\n", "QUIT\rPING x\nPONG y\r\n\r\n", ":srv 433 * caf\xc3\xa9 :in use\r\n"} {
		f.Add([]byte(s), true)
		f.Add([]byte(s), false)
	}
	f.Fuzz(func(t *testing.T, b []byte, req bool) {
		src, dst := uint16(6667), uint16(40000)
		if req {
			src, dst = dst, src
		}
		for _, tree := range []bool{false, true} {
			var out Out
			out.reset(tree)
			ircDissect(&PDU{Data: b, Len: len(b), SrcPort: src, DstPort: dst, TCP: true}, &out)
			checkTree(t, out.Tree, len(b))
		}
	})
}
