package decode

import "testing"

// Tests of the line-based mail and file-transfer dissectors (FTP, SMTP,
// IMF); expected texts are tshark 4.0's Info on the captures of
// testdata/app named in each case.

// TestFTPPassivePort checks the data-port announcements of RFC 959 (227)
// and RFC 2428 (229).
func TestFTPPassivePort(t *testing.T) {
	cases := []struct {
		name, line string
		port       uint16
		mode       string
		ok         bool
	}{
		{"pasv", "227 Entering Passive Mode (192,168,1,2,150,211).", 150<<8 | 211, "PASV", true},
		{"epsv", "229 Entering Extended Passive Mode (|||38141|)", 38141, "EPASV", true},
		{"bad pasv", "227 Entering Passive Mode (1,2,3)", 0, "", false},
		{"other reply", "226 Transfer complete.", 0, "", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			port, mode, ok := ftpPassivePort([]byte(c.line))
			if port != c.port || mode != c.mode || ok != c.ok {
				t.Errorf("got %d %q %v, want %d %q %v", port, mode, ok, c.port, c.mode, c.ok)
			}
		})
	}
}

// TestSMTPInfo replays conversations through the SMTP dissector.
func TestSMTPInfo(t *testing.T) {
	type seg struct {
		server      bool
		data, proto string
		info        string
	}
	cases := []struct {
		name string
		segs []seg
	}{
		{"multi-line reply (rfc3030-bdat-multipart.pcap frame 8)", []seg{
			{true, "250-example.com\r\n250-PIPELINING\r\n250 CHUNKING\r\n", "SMTP", "S: 250-example.com | PIPELINING | CHUNKING"}}},
		{"two replies (cisco smtp.pcap frame 3)", []seg{
			{true, "220 a ready\r\n250 a\r\n", "SMTP", "S: 220 a ready | 250 a"}}},
		{"AUTH LOGIN (smtp.pcap frames 10-14)", []seg{
			{false, "AUTH LOGIN\r\n", "SMTP", "C: AUTH LOGIN"},
			{true, "334 VXNlcm5hbWU6\r\n", "SMTP", "S: 334 VXNlcm5hbWU6"},
			{false, "dXNlcg==\r\n", "SMTP", "C: User: dXNlcg=="},
			{true, "334 UGFzc3dvcmQ6\r\n", "SMTP", "S: 334 UGFzc3dvcmQ6"},
			{false, "cGFzcw==\r\n", "SMTP", "C: Pass: cGFzcw=="}}},
		{"DATA (cisco smtp.pcap frames 4-6)", []seg{
			{false, "DATA\r\n", "SMTP", "C: DATA"},
			{true, "354 go ahead\r\n", "SMTP", "S: 354 go ahead"},
			{false, "From: <a@b>\r\n", "SMTP", "C: DATA fragment, 13 bytes"},
			{false, "Subject: Hi\r\n\r\nHello.\r\n.\r\n", "SMTP/IMF", "from: <a@b>, subject: Hi, , Hello.  "}}},
		{"BDAT (rfc3030-bdat-multipart.pcap frames 16-17)", []seg{
			{false, "BDAT 5 LAST\r\n", "SMTP", "C: BDAT 5 LAST"},
			{false, "hello", "SMTP", "C: DATA fragment, 5 bytes"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			conv := &Conv{}
			for i, s := range c.segs {
				p := &PDU{Data: []byte(s.data), Len: len(s.data), Conv: conv, TCP: true, SrcPort: 40000, DstPort: 25}
				if s.server {
					p.SrcPort, p.DstPort = 25, 40000
				}
				var out Out
				out.reset(false)
				smtpDissect(p, &out)
				if out.Proto != s.proto || out.Info() != s.info {
					t.Errorf("segment %d: got %q | %q, want %q | %q", i, out.Proto, out.Info(), s.proto, s.info)
				}
			}
		})
	}
}

// TestIMFInfo checks the mail summaries (the first two: smtp.pcap frames 45
// and 87).
func TestIMFInfo(t *testing.T) {
	cases := []struct{ name, msg, want string }{
		{"text/plain", "Content-Type: text/plain; charset=us-ascii\r\nSubject: Re: X\r\nFrom: A <a@b>\r\n\r\nbody\r\n",
			"subject: Re: X, from: A <a@b>,  (text/plain)"},
		{"nested multipart", "From: a\r\nContent-Type: multipart/mixed;\r\n\tboundary=\"o\"\r\n\r\n--o\r\n" +
			"Content-Type: multipart/alternative; boundary=\"i\"\r\n\r\n--i\r\nContent-Type: text/plain\r\n\r\nx\r\n--i\r\n" +
			"Content-Type: text/html\r\n\r\ny\r\n--i--\r\n--o\r\nContent-Type: text/plain\r\n\r\nz\r\n--o--\r\n",
			"from: a,  (text/plain) (text/html) (text/plain)"},
		{"not headers", "+ \r\n", "+   "},
		// The rest: tshark 4.0.17's Info for each message sent alone as a
		// POP server segment (text2pcap -T 110,40000), as pop3.pcap's RETR
		// bodies are (frames 95-119): packet-imf.c's header walk.
		{"name across lines", "kY5D\r\n Z0e9\r\nEnvelope-To: x@y\r\n\r\n--b\r\nline one\r\n", "--b  , line one  "},
		{"empty line in a name", "tely!\r\n\r\nLog in at: now\r\nhttps://w.example=20\r\n\r\nbody\r\n", "body  "},
		{"no colon: all lines", "From: A <a@b>\r\nSubject: hi\r\nX-Long: 1\r\n 2\r\nno colon here\r\n",
			"from: A <a@b>, subject: hi, , From: A <a@b>  , Subject: hi  , X-Long: 1  ,  2  , no colon here  "},
		{"CRLF at the end", "From: A <a@b>\r\nSubject: hello\r\n", "from: A <a@b>, subject: hel, "},
		{"type without ';'", "Subject: s\r\nContent-Type: text/plain\r\n\r\nbody line\r\n", "subject: s, , body line  "},
		{"type with ';'", "Subject: s\r\nContent-Type:text/plain;charset=x\r\n\r\nbody line\r\n", "subject: s,  (text/plain)"},
		{"no field end", "From: A\r\nReceived: by x\r\n\tid 1", "from: A, , From: A  , Received: by x  ,  id 1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := imfInfo([]byte(c.msg)); got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

// FuzzProtoText feeds arbitrary bytes, as alternating client and server
// segments, to the FTP, SMTP and IMF dissectors: no panic, and the IMF
// tree's fields lie inside the segment.
func FuzzProtoText(f *testing.F) {
	f.Add([]byte("DATA\r\n354 go\r\nFrom: a\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nx\r\n--b--\r\n.\r\n"), uint8(6))
	f.Add([]byte("229 Entering Extended Passive Mode (|||38141|)\r\nRETR x\r\n"), uint8(48))
	f.Add([]byte("* 1 FETCH (BODY[] {20}\r\nFrom: a\r\n\r\nhello\r\n)\r\nA1 OK done\r\n* 2 F ({x}\r\n"), uint8(30))
	f.Fuzz(func(t *testing.T, b []byte, cut uint8) {
		conv, fconv := &Conv{}, &Conv{}
		for i := 0; len(b) > 0 && i < 8; i++ {
			n := min(len(b), int(cut)+1)
			seg := b[:n]
			b = b[n:]
			sp, dp := uint16(40000), uint16(25)
			if i&1 == 1 {
				sp, dp = dp, sp
			}
			var out Out
			out.reset(true)
			smtpDissect(&PDU{Data: seg, Len: n, Conv: conv, TCP: true, SrcPort: sp, DstPort: dp}, &out)
			ftpDissect(&PDU{Data: seg, Len: n, Conv: fconv, TCP: true, SrcPort: sp - 4, DstPort: dp - 4}, &out)
			ftpPassivePort(seg)
			imfInfo(seg)
			var inside func(fs []Field)
			inside = func(fs []Field) {
				for _, f := range fs {
					if f.Start < 0 || f.Len < 0 || f.Start+f.Len > len(seg) {
						t.Fatalf("%s at %d+%d outside %d bytes", f.Name, f.Start, f.Len, len(seg))
					}
					inside(f.Children)
				}
			}
			inside([]Field{imfTree(seg, 0)})
			if n := imapPDULen(conv, uint8(i&1), seg); n < 0 || n > len(seg) {
				t.Fatalf("imapPDULen %d of %d bytes", n, len(seg))
			}
			imapDissect(&PDU{Data: seg, Len: n, Conv: &Conv{}, TCP: true, SrcPort: 143, DstPort: 40000}, &out)
		}
	})
}
