package decode

import "testing"

// TestSIPParseLine checks the first-line rules of packet-sip.c's
// sip_parse_line with the default strict SIP/2.0 version.
func TestSIPParseLine(t *testing.T) {
	cases := []struct {
		name, line string
		kind       sipLine
		methodLen  int
	}{
		{"request", "INVITE sip:b@x SIP/2.0", sipRequest, 6},
		{"unknown method", "FOO sip:b@x SIP/2.0", sipRequest, 3},
		{"status", "SIP/2.0 200 OK", sipStatus, 0},
		{"status without reason", "SIP/2.0 404 ", sipStatus, 0},
		{"two-digit code", "SIP/2.0 20 OK", sipOther, 0},
		{"other version", "INVITE sip:b@x SIP/3.0", sipOther, 0},
		{"uri without colon", "INVITE b@x SIP/2.0", sipOther, 0},
		{"http request", "GET http://x/ HTTP/1.1", sipOther, 0},
		{"one token", "INVITE", sipOther, 0},
		{"leading space", " INVITE sip:b@x SIP/2.0", sipOther, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			kind, n := sipParseLine([]byte(c.line))
			if kind != c.kind || n != c.methodLen {
				t.Errorf("got %d %d, want %d %d", kind, n, c.kind, c.methodLen)
			}
		})
	}
}

// TestSIPPDULen checks the TCP framing: header block plus Content-Length,
// more bytes asked for while either is incomplete, one Continuation PDU
// for bytes that start no message.
func TestSIPPDULen(t *testing.T) {
	msg := "SIP/2.0 200 OK\r\nCSeq: 1 BYE\r\nl: 4\r\n\r\nabcd"
	cases := []struct {
		name, data string
		want       int
	}{
		{"whole", msg, len(msg)},
		{"two messages", msg + msg, len(msg)},
		{"body missing", msg[:len(msg)-2], len(msg)},
		{"headers cut", msg[:20], 0},
		{"first line cut", "INVITE sip:b@x SI", 0},
		{"continuation", "\x00\x01garbage\r\n", len("\x00\x01garbage\r\n")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := sipPDULen(&Conv{}, 0, []byte(c.data)); got != c.want {
				t.Errorf("got %d, want %d", got, c.want)
			}
		})
	}
}

// TestSIPDetailsMatchPDML checks the tree of an INVITE with an SDP body
// against tshark 4.0's PDML of testdata/app/zeek__zeek__testing__btest__
// Traces__sip__wireshark.pcap frame 19 (tshark -r F -T pdml): names,
// labels, positions and sizes.
func TestSIPDetailsMatchPDML(t *testing.T) {
	src, err := Open("../testdata/app/zeek__zeek__testing__btest__Traces__sip__wireshark.pcap")
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	x := Load(src)
	x.Wait()
	res := NewAppWalker(x).At(18, true)
	if res.Proto != "SIP/SDP" || res.Info != "Request: INVITE sip:97239287044@voip.brujula.net | " {
		t.Fatalf("columns %q %q", res.Proto, res.Info)
	}
	want := []struct {
		name, label string
		pos, size   int
	}{
		{"sip", "Session Initiation Protocol (INVITE)", 42, 822},
		{"sip.Request-Line", "Request-Line: INVITE sip:97239287044@voip.brujula.net SIP/2.0", 42, 47},
		{"sip.Method", "Method: INVITE", 42, 6},
		{"sip.r-uri", "Request-URI: sip:97239287044@voip.brujula.net", 49, 32},
		{"sip.msg_hdr", "Message Header", 91, 501},
		{"sip.Via", "Via: SIP/2.0/UDP 192.168.1.2:5060;branch=z9hG4bKnp104984053-44ce4a41192.168.1.2;rport", 91, 87},
		{"sip.CSeq", "CSeq: 1 INVITE", 316, 16},
		{"sip.CSeq.seq", "Sequence Number: 1", 322, 1},
		{"sip.CSeq.method", "Method: INVITE", 324, 6},
		{"sip.Content-Length", "Content-Length: 272", 453, 21},
		{"sip.msg_body", "Message Body", 592, 272},
		{"sdp", "Session Description Protocol", 592, 272},
		{"sdp.version", "Session Description Protocol Version (v): 0", 592, 3},
		{"sdp.owner", "Owner/Creator, Session Id (o): SIPPS 105015165 105015162 IN IP4 192.168.1.2", 597, 46},
		{"sdp.connection_info", "Connection Information (c): IN IP4 192.168.1.2", 657, 20},
		{"sdp.media", "Media Description, name and address (m): audio 30000 RTP/AVP 0 8 97 2 3", 686, 32},
		{"sdp.media_attr", "Media Attribute (a): rtpmap:0 pcmu/8000", 720, 20},
	}
	for _, w := range want {
		f := findField(res.Tree, w.name)
		if f == nil {
			t.Errorf("%s missing", w.name)
			continue
		}
		if f.Label != w.label || f.Start != w.pos || f.Len != w.size {
			t.Errorf("%s: %q %d/%d, want %q %d/%d", w.name, f.Label, f.Start, f.Len, w.label, w.pos, w.size)
		}
	}
	if f := findField(res.Tree, "sip.Content-Length"); f == nil || f.Kind != FieldUint || f.Num != 272 {
		t.Errorf("sip.Content-Length value %+v", f)
	}
}

// FuzzProtoSIP feeds arbitrary bytes to SIP's framing, heuristic and
// dissector over UDP and TCP, with and without the tree: no panic, and a
// PDU length within the bytes or asking for more.
func FuzzProtoSIP(f *testing.F) {
	f.Add([]byte("INVITE sip:b@x SIP/2.0\r\nTo: <sip:b@x>;tag=1\r\nContact: <sip:a@y>;expires=0, *\r\nc: application/sdp\r\nl: 9\r\n\r\nv=0\r\nm=a\r\n"))
	f.Add([]byte("SIP/2.0 200 OK\r\nCSeq: 9 REGISTER\r\nContact: \"a,b\" <sip:a@1>;expires=3600\r\n folded\r\n\r\n"))
	f.Add([]byte("REGISTER sip:x SIP/2.0\r\nCSeq:\r\nExpires: 0\r\nContent-Length: 99999999999\r\n\r\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		sipHeuristic(b)
		if n := sipPDULen(&Conv{}, 0, b); n < 0 || (n > len(b) && n-len(b) > 1<<30) {
			t.Fatalf("PDULen %d for %d bytes", n, len(b))
		}
		for _, tcp := range []bool{false, true} {
			for _, tree := range []bool{false, true} {
				p := &PDU{Data: b, Len: len(b), TCP: tcp, Conv: &Conv{}, SrcPort: 5060, DstPort: 5060}
				var out Out
				out.reset(tree)
				sipDissect(p, &out)
			}
		}
	})
}
