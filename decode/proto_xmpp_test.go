package decode

import (
	"encoding/hex"
	"testing"
)

// TestXMPPColumns dissects XMPP stanzas laid out per RFC 6120 (§4.3.2
// stream header and features, §5.4.2 STARTTLS/proceed, §6.4 SASL, §8
// stanzas); the expected columns are tshark 4.0.17's on the same bytes
// (lab__xmpp.pcap, real prosody traffic, agrees on every frame), and for
// the cases not in the capture, packet-xmpp.c's rules as tshark applies
// them: the last top-level element of the bytes names the column.
func TestXMPPColumns(t *testing.T) {
	hx := func(s string) string { return hex.EncodeToString([]byte(s)) }
	toServer := PDU{SrcPort: 40000, DstPort: xmppTCPPort}
	fromServer := PDU{SrcPort: xmppTCPPort, DstPort: 40000}
	cases := []struct {
		name, hex   string
		p           PDU
		proto, info string
	}{
		{"stream header to the server", hx("<?xml version='1.0'?><stream:stream to='example.com' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>\n"), toServer, "XMPP/XML", "STREAM > example.com "},
		{"stream header and features from the server", hx("<?xml version='1.0'?><stream:stream from='example.com' id='x' version='1.0' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'><stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/></stream:features>"), fromServer, "XMPP/XML", "STREAM < example.com "},
		{"features alone", hx("<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></stream:features>"), fromServer, "XMPP/XML", "FEATURES "},
		{"starttls", hx("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>\n"), toServer, "XMPP/XML", "STARTTLS "},
		{"proceed", hx("<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>"), fromServer, "XMPP/XML", "PROCEED "},
		{"sasl auth", hx("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AGFsaWNlAHdvbmRlcmxhbmQ=</auth>\n"), toServer, "XMPP/XML", "AUTH"},
		{"sasl success", hx("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>"), fromServer, "XMPP/XML", "SUCCESS"},
		{"iq bind without to", hx("<iq type='set' id='b'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>lab</resource></bind></iq>"), toServer, "XMPP/XML", "IQ(set) BIND "},
		{"iq children in the table's order", hx("<iq type='get' id='q' to='example.com'><query xmlns='jabber:iq:version'/><query xmlns='http://jabber.org/protocol/disco#items'/></iq>"), toServer, "XMPP/XML", "IQ(get) QUERY(disco#items) QUERY(jabber:iq:version) > example.com "},
		{"iq error names no child", hx("<iq type='error' id='c1' from='example.com'><vCard xmlns='vcard-temp'/><error type='cancel'/></iq>"), fromServer, "XMPP/XML", "IQ(error) VCARD < example.com "},
		{"message to", hx("<message to='bob@example.com' type='chat'><body>hi</body></message>"), toServer, "XMPP/XML", "MESSAGE > bob@example.com "},
		{"several stanzas: the last names the column", "3c69712066726f6d3d276578616d706c652e636f6d272069643d27376335636630633130323934663466352720746f3d27616c696365406578616d706c652e636f6d2f6c61622720747970653d27726573756c74272f3e3c70726573656e63652066726f6d3d27616c696365406578616d706c652e636f6d2f6c61622720786d6c3a6c616e673d27656e273e3c73686f772f3e3c7374617475732f3e3c2f70726573656e63653e3c70726573656e63652066726f6d3d27616c696365406578616d706c652e636f6d2f6c61622720786d6c3a6c616e673d27656e273e3c73686f773e636861743c2f73686f773e3c7374617475733e696e20746865206c61623c2f7374617475733e3c2f70726573656e63653e3c6d6573736167652066726f6d3d27626f62406578616d706c652e636f6d272069643d2730316132346538382d343138302d373933322d386633392d6534326139306235633565312720746f3d27616c696365406578616d706c652e636f6d2f6c61622720747970653d276572726f72273e3c6572726f7220747970653d2763616e63656c273e3c736572766963652d756e617661696c61626c6520786d6c6e733d2775726e3a696574663a706172616d733a786d6c3a6e733a786d70702d7374616e7a6173272f3e3c2f6572726f723e3c2f6d6573736167653e3c69712066726f6d3d276578616d706c652e636f6d272069643d2776312720746f3d27616c696365406578616d706c652e636f6d2f6c61622720747970653d27726573756c74273e3c717565727920786d6c6e733d276a61626265723a69713a76657273696f6e273e3c6e616d653e50726f736f64793c2f6e616d653e3c76657273696f6e3e302e31322e333c2f76657273696f6e3e3c6f733e4c696e75783c2f6f733e3c2f71756572793e3c2f69713e", fromServer, "XMPP/XML", "IQ(result) QUERY(jabber:iq:version) < example.com "},
		{"stream end", hx("</stream:stream>\n"), toServer, "XMPP/XML", "STREAM END"},
		{"unknown element", hx("<r xmlns='urn:xmpp:sm:3' to='a'/>"), toServer, "XMPP/XML", "UNKNOWN PACKET > a "},
		{"hostile to is escaped", hx("<message to='\x1b[2Jx'/>"), toServer, "XMPP/XML", "MESSAGE > \\033[2Jx "},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkDissect(t, c.hex, c.p, xmppDissector.Dissect, true, c.proto, c.info)
		})
	}
}

// TestXMPPPDULen checks packet-xmpp.c's reassembly test: the PDU ends when
// the last byte that is not white space (nor, as a signed char, ≥ 0x80) is
// '>'.
func TestXMPPPDULen(t *testing.T) {
	cases := []struct {
		name, in string
		want     int
	}{
		{"closed stanza", "<presence/>", 11},
		{"closed with newline", "<presence/>\r\n", 13},
		{"cut inside a tag", "<message to='a'", 0},
		{"cut in text", "<message><body>hel", 0},
		{"trailing UTF-8 byte skipped", "<a/>\xc3", 5},
		{"white space only", " ", 0},
		{"empty", "", 0},
	}
	for _, c := range cases {
		if got := xmppPDULen(nil, 0, []byte(c.in)); got != c.want {
			t.Errorf("%s: xmppPDULen = %d, want %d", c.name, got, c.want)
		}
	}
}

// TestXMPPProceedHandsOffToTLS checks that a <proceed/> hands the
// conversation to TLS, as the Client Hello after it in lab__xmpp.pcap
// shows (tshark: TLSv1 "Client Hello").
func TestXMPPProceedHandsOffToTLS(t *testing.T) {
	var c Conv
	var out Out
	out.reset(false)
	b := []byte("<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>")
	xmppDissect(&PDU{Data: b, Len: len(b), SrcPort: xmppTCPPort, Conv: &c}, &out)
	if c.handoff != tlsDissector {
		t.Fatalf("handoff = %v, want TLS", c.handoff)
	}
}

// TestXMPPDetailsMatchPDML checks the stanza nodes of lab__xmpp.pcap
// against tshark 4.0.17's PDML of the same frames (names, labels, offsets
// and sizes in the frame): the layer, the stanzas of a segment holding five
// of them, and the STARTTLS exchange, after which the conversation is TLS.
func TestXMPPDetailsMatchPDML(t *testing.T) {
	_, w := appWalker(t, "lab__xmpp.pcap")
	want := map[int][]pdmlWant{
		7: {
			{"xmpp", `XMPP Protocol`, 66, 97},
			{"xmpp.auth", `AUTH [xmlns="urn:ietf:params:xml:ns:xmpp-sasl" mechanism="PLAIN"]`, 66, 96},
			{"xmpp.xmlns", `xmlns: urn:ietf:params:xml:ns:xmpp-sasl`, 72, 40},
		},
		16: {
			{"xmpp", `XMPP Protocol`, 66, 208},
			{"xmpp.message", `MESSAGE [id="01a24e88-4180-7932-8f39-e42a90b5c5e1" type="chat"]`, 66, 207},
			{"xmpp.id", `id: 01a24e88-4180-7932-8f39-e42a90b5c5e1`, 108, 41},
			{"xmpp.to", `to: bob@example.com`, 75, 20},
			{"xmpp.type", `type: chat`, 96, 11},
		},
		17: {
			{"xmpp", `XMPP Protocol`, 66, 109},
			{"xmpp.iq", `IQ [id="v1" type="get" from="alice@example.com/lab" to="example.com"]`, 66, 108},
			{"xmpp.id", `id: v1`, 116, 7},
			{"xmpp.type", `type: get`, 124, 10},
			{"xmpp.from", `from: alice@example.com/lab`, 70, 28},
			{"xmpp.to", `to: example.com`, 99, 16},
		},
		19: {
			{"xmpp", `XMPP Protocol`, 66, 671},
			{"xmpp.iq", `IQ [id="7c5cf0c10294f4f5" type="result" from="example.com" to="alice@example.com/lab"]`, 66, 87},
			{"xmpp.id", `id: 7c5cf0c10294f4f5`, 89, 21},
			{"xmpp.type", `type: result`, 138, 13},
			{"xmpp.from", `from: example.com`, 70, 18},
			{"xmpp.to", `to: alice@example.com/lab`, 111, 26},
			{"xmpp.presence", `PRESENCE [show=""]`, 153, 80},
			{"xmpp.from", `from: alice@example.com/lab`, 163, 28},
			{"xmpp.presence", `PRESENCE [show="chat"]`, 233, 108},
			{"xmpp.from", `from: alice@example.com/lab`, 243, 28},
			{"xmpp.message", `MESSAGE [id="01a24e88-4180-7932-8f39-e42a90b5c5e1" type="error"]`, 341, 219},
			{"xmpp.from", `from: bob@example.com`, 350, 22},
			{"xmpp.id", `id: 01a24e88-4180-7932-8f39-e42a90b5c5e1`, 373, 41},
			{"xmpp.to", `to: alice@example.com/lab`, 415, 26},
			{"xmpp.type", `type: error`, 442, 12},
			{"xmpp.iq", `IQ [id="v1" type="result" from="example.com" to="alice@example.com/lab"]`, 560, 177},
			{"xmpp.id", `id: v1`, 583, 7},
			{"xmpp.type", `type: result`, 618, 13},
			{"xmpp.from", `from: example.com`, 564, 18},
			{"xmpp.to", `to: alice@example.com/lab`, 591, 26},
		},
		36: {
			{"xmpp", `XMPP Protocol`, 66, 17},
			{"xmpp.stream_end", `STREAM END`, 66, 16},
		},
		49: {
			{"xmpp", `XMPP Protocol`, 66, 52},
			{"xmpp.starttls", `STARTTLS [xmlns="urn:ietf:params:xml:ns:xmpp-tls"]`, 66, 51},
			{"xmpp.xmlns", `xmlns: urn:ietf:params:xml:ns:xmpp-tls`, 76, 39},
		},
		50: {
			{"xmpp", `XMPP Protocol`, 66, 50},
			{"xmpp.proceed", `PROCEED [xmlns="urn:ietf:params:xml:ns:xmpp-tls"]`, 66, 50},
			{"xmpp.xmlns", `xmlns: urn:ietf:params:xml:ns:xmpp-tls`, 75, 39},
		},
	}
	for frame, fields := range want {
		res := w.At(frame, true)
		if res.Proto != "XMPP/XML" {
			t.Errorf("frame %d: protocol %q", frame+1, res.Proto)
		}
		checkPDMLFields(t, frame, res.Tree, fields)
	}
	// tshark: frame 52 is TLSv1 "Client Hello", the first record after PROCEED
	if res := w.At(51, false); res.Proto != "TLSv1" || res.Info != "Client Hello" {
		t.Errorf("frame 52: %q %q, want TLSv1 Client Hello", res.Proto, res.Info)
	}
}

// FuzzProtoXMPP feeds arbitrary bytes to the XMPP dissector and its PDU
// framing, with and without the tree, towards and from the server: no
// panic, every field inside the bytes. Seeded with the TCP payloads of
// lab__xmpp.pcap and lab__xmpp-crafted.pcap.
func FuzzProtoXMPP(f *testing.F) {
	for _, name := range []string{"lab__xmpp.pcap", "lab__xmpp-crafted.pcap"} {
		eachParsed(f, name, func(h *Headers) {
			if h.HasTransport && len(h.Payload) > 0 {
				seed(f, h.Payload)
			}
		})
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if n := xmppPDULen(nil, 0, b); n != 0 && n != len(b) {
			t.Fatalf("PDU length %d of %d bytes", n, len(b))
		}
		for _, tree := range []bool{false, true} {
			for _, dst := range []uint16{xmppTCPPort, 40000} {
				var out Out
				out.reset(tree)
				p := PDU{Data: b, Len: len(b), Off: -1, DstPort: dst, Conv: &Conv{}}
				if xmppDissector.Dissect(&p, &out) {
					checkTree(t, out.Tree, len(b))
				}
			}
		}
	})
}
