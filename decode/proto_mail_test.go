package decode

import "testing"

// TestPOPIMAPInfo checks the POP and IMAP columns against tshark 4.0 on
// pop3.pcap (frames 16, 17, 20, 36) and imap2.pcap (frames 4, 6, 8),
// two public captures (zeek and cisco/mercury test suites; their STARTTLS sessions continue in TLS,
// see TestStartTLSHandOff).
func TestPOPIMAPInfo(t *testing.T) {
	cases := []struct {
		name        string
		d           func(*PDU, *Out) bool
		server      bool
		port        uint16
		data        string
		proto, info string
	}{
		{"pop greeting", popDissect, true, 110, "+OK POP server ready H mimap4\r\n", "POP", "S: +OK POP server ready H mimap4"},
		{"pop command", popDissect, false, 110, "CAPA\r\n", "POP", "C: CAPA"},
		{"pop multi-line status", popDissect, true, 110, "+OK Capability list follows\r\nTOP\r\nUSER\r\n.\r\n", "POP", "S: +OK Capability list follows"},
		{"pop SASL challenge", popDissect, true, 110, "+ \r\n", "POP/IMF", "+   "},
		{"imap greeting", imapDissect, true, 143, "* OK [CAPABILITY IMAP4rev1] ready.\r\n", "IMAP", "Response: * OK [CAPABILITY IMAP4rev1] ready."},
		{"imap command", imapDissect, false, 143, ". CAPABILITY\r\n", "IMAP", "Request: . CAPABILITY"},
		{"imap tagged after untagged", imapDissect, true, 143, "* CAPABILITY IMAP4rev1\r\n. OK listed.\r\n", "IMAP", "Response: . OK listed."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := &PDU{Data: []byte(c.data), Len: len(c.data), Conv: &Conv{}, TCP: true, SrcPort: 40000, DstPort: c.port}
			if c.server {
				p.SrcPort, p.DstPort = c.port, 40000
			}
			var out Out
			out.reset(true)
			c.d(p, &out)
			if out.Proto != c.proto || out.Info() != c.info {
				t.Errorf("got %q | %q, want %q | %q", out.Proto, out.Info(), c.proto, c.info)
			}
		})
	}
}

// FuzzProtoMail feeds arbitrary segments to the POP and IMAP dissectors
// from both sides: no panic.
func FuzzProtoMail(f *testing.F) {
	f.Add([]byte("+OK\r\nFrom: a\r\n\r\nx\r\n"), true)
	f.Add([]byte("* OK\r\n. OK done\r\n"), false)
	f.Fuzz(func(t *testing.T, b []byte, server bool) {
		for _, d := range []struct {
			f    func(*PDU, *Out) bool
			port uint16
		}{{popDissect, 110}, {imapDissect, 143}} {
			p := &PDU{Data: b, Len: len(b), Conv: &Conv{}, TCP: true, SrcPort: 40000, DstPort: d.port}
			if server {
				p.SrcPort, p.DstPort = d.port, 40000
			}
			var out Out
			out.reset(true)
			d.f(p, &out)
		}
	})
}
