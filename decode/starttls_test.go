package decode

import "testing"

// TestStartTLSHandOff replays the clear-text part of STARTTLS exchanges
// through the SMTP, IMAP, POP and FTP dissectors and checks that the reply
// accepting it, and only that reply, hands the conversation to TLS. The
// accepting lines are those of smtp-starttls.pcap frame 11, imap2.pcap
// frame 11 and pop3-starttls.pcap frame 9 (testdata/app; tshark 4.0 shows
// the frames after them as TLS); the FTP lines follow RFC 4217 §4.
func TestStartTLSHandOff(t *testing.T) {
	type line struct {
		server bool
		data   string
	}
	cases := []struct {
		name  string
		d     func(*PDU, *Out) bool
		port  uint16
		lines []line
		want  bool
	}{
		{"smtp 220", smtpDissect, 25, []line{{false, "STARTTLS\r\n"}, {true, "220 2.0.0 Ready to start TLS\r\n"}}, true},
		{"smtp refused", smtpDissect, 25, []line{{false, "STARTTLS\r\n"}, {true, "454 TLS not available\r\n"}, {true, "220 x\r\n"}}, false},
		{"smtp 220 without STARTTLS", smtpDissect, 25, []line{{true, "220 mx ESMTP\r\n"}}, false},
		{"imap OK", imapDissect, 143, []line{{false, ". STARTTLS\r\n"}, {true, ". OK Begin TLS negotiation now.\r\n"}}, true},
		{"imap NO", imapDissect, 143, []line{{false, "a1 STARTTLS\r\n"}, {true, "a1 NO not now\r\n"}, {true, "a2 OK x\r\n"}}, false},
		{"imap OK to another command", imapDissect, 143, []line{{false, ". CAPABILITY\r\n"}, {true, ". OK done\r\n"}}, false},
		{"pop +OK", popDissect, 110, []line{{false, "STLS\r\n"}, {true, "+OK Begin TLS negotiation now\r\n"}}, true},
		{"pop -ERR", popDissect, 110, []line{{false, "STLS\r\n"}, {true, "-ERR no\r\n"}, {true, "+OK x\r\n"}}, false},
		{"ftp 234", ftpDissect, 21, []line{{false, "AUTH TLS\r\n"}, {true, "234 AUTH TLS successful\r\n"}}, true},
		{"ftp 234 unasked", ftpDissect, 21, []line{{true, "234 x\r\n"}}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			conv := &Conv{}
			for i, l := range c.lines {
				p := &PDU{Data: []byte(l.data), Len: len(l.data), Conv: conv, TCP: true, SrcPort: 40000, DstPort: c.port}
				if l.server {
					p.SrcPort, p.DstPort = c.port, 40000
				}
				var out Out
				out.reset(false)
				c.d(p, &out)
				if conv.handoff != nil && i < len(c.lines)-1 {
					t.Fatalf("handed off at line %d of %d", i+1, len(c.lines))
				}
			}
			if got := conv.handoff == tlsDissector; got != c.want {
				t.Errorf("hand-off to TLS %v, want %v", got, c.want)
			}
		})
	}
}
