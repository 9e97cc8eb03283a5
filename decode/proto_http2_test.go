package decode

import (
	"testing"
)

// TestHTTP2Int checks the HPACK integer reader on RFC 7541 Appendix C.1's
// examples and on the inputs it must refuse.
func TestHTTP2Int(t *testing.T) {
	cases := []struct {
		name   string
		in     string
		prefix uint
		v      uint64
		n      int
	}{
		{"C.1.1 10 in a 5-bit prefix", "0a", 5, 10, 1},
		{"C.1.2 1337 in a 5-bit prefix", "1f9a0a", 5, 1337, 3},
		{"C.1.3 42 at an octet boundary", "2a", 8, 42, 1},
		{"prefix full, continuation missing", "1f", 5, 0, 0},
		{"continuation cut", "1f9a", 5, 0, 0},
		{"overflowing 64 bits", "1fffffffffffffffffffff01", 5, 0, -1},
		{"empty", "", 5, 0, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v, n := http2Int(unhex(t, c.in), c.prefix)
			if v != c.v || n != c.n {
				t.Errorf("got %d (%d bytes), want %d (%d bytes)", v, n, c.v, c.n)
			}
		})
	}
}

// TestHTTP2RepLen measures the header representations of RFC 7541
// Appendix C.2, and cut ones.
func TestHTTP2RepLen(t *testing.T) {
	cases := []struct {
		name  string
		in    string
		n     int
		kind  http2RepKind
		index uint64
	}{
		{"C.2.1 literal with indexing, new name", "400a637573746f6d2d6b65790d637573746f6d2d686561646572", 26, http2RepIncremental, 0},
		{"C.2.2 literal without indexing, indexed name", "040c2f73616d706c652f70617468", 14, http2RepWithout, 4},
		{"C.2.3 literal never indexed, new name", "100870617373776f726406736563726574", 17, http2RepNever, 0},
		{"C.2.4 indexed", "82", 1, http2RepIndexed, 2},
		{"C.3.2 indexed from the dynamic table", "be", 1, http2RepIndexed, 62},
		{"size update to 4096 (Go's encoder)", "3fe11f", 3, http2RepSizeUpdate, 4096},
		{"C.2.1 cut inside the value", "400a637573746f6d2d6b65790d6375", 0, http2RepIncremental, 0},
		{"C.2.2 with more after it", "040c2f73616d706c652f7061746882", 14, http2RepWithout, 4},
		{"string length overflowing", "407fffffffffffffffffffff01", -1, http2RepIncremental, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			n, kind, index := http2RepLen(unhex(t, c.in))
			if n != c.n || (n > 0 && (kind != c.kind || index != c.index)) {
				t.Errorf("got %d bytes, kind %d, index %d; want %d, %d, %d", n, kind, index, c.n, c.kind, c.index)
			}
		})
	}
}

// h2frame builds one HTTP/2 frame.
func h2frame(typ http2Type, flags uint8, stream uint32, pay []byte) []byte {
	n := len(pay)
	b := []byte{byte(n >> 16), byte(n >> 8), byte(n), byte(typ), flags,
		byte(stream >> 24), byte(stream >> 16), byte(stream >> 8), byte(stream)}
	return append(b, pay...)
}

// h2run cuts a direction's bytes into PDUs as the walker does and returns
// the Info and Protocol after each.
func h2run(t *testing.T, conv *Conv, dir uint8, b []byte) (info, proto string) {
	t.Helper()
	var out Out
	out.reset(true)
	for len(b) > 0 {
		n := http2PDULen(conv, dir, b)
		if n <= 0 || n > len(b) {
			t.Fatalf("PDULen %d on %d bytes", n, len(b))
		}
		p := &PDU{Data: b[:n], Len: n, Dir: dir, Conv: conv, TCP: true}
		if !http2Dissect(p, &out) {
			t.Fatalf("Dissect refused % x", b[:n])
		}
		b = b[n:]
	}
	return out.Info(), out.Proto
}

// TestHTTP2Info checks the Info column on hand-built exchanges; the
// expected texts follow what tshark 4.0 prints for the same frames in
// testdata/app/lab__h2c.pcap (header blocks from RFC 7541 C.3 and C.6).
func TestHTTP2Info(t *testing.T) {
	req1 := unhex(t, "828684410f7777772e6578616d706c652e636f6d") // C.3.1 GET http www.example.com /
	req2 := unhex(t, "828684be58086e6f2d6361636865")             // C.3.2 the same, cache-control: no-cache (dynamic index 62)
	resp := unhex(t, "488264025886a8eb10649cbf")                 // C.6.1's :status 302 and C.4.2's cache-control: no-cache (Huffman)
	respRest := unhex(t, "be")                                   // index 62 of the response direction's table: cache-control
	cases := []struct {
		name   string
		frames [][2]any // direction, bytes
		info   []string
	}{
		{"preface, settings, request", [][2]any{
			{uint8(0), append([]byte(http2Preface), append(h2frame(http2Settings, 0, 0, unhex(t, "000300000064")),
				h2frame(http2Headers, http2FlagEndHeaders|http2FlagEndStream, 1, req1)...)...)},
		}, []string{"Magic, SETTINGS[0], HEADERS[1]: GET /"}},
		{"dynamic table across requests", [][2]any{
			{uint8(0), h2frame(http2Headers, http2FlagEndHeaders|http2FlagEndStream, 1, req1)},
			{uint8(0), h2frame(http2Headers, http2FlagEndHeaders|http2FlagEndStream, 3, req2)},
		}, []string{"HEADERS[1]: GET /", "HEADERS[3]: GET /"}},
		{"response status with reason, per-direction tables", [][2]any{
			{uint8(0), h2frame(http2Headers, http2FlagEndHeaders, 1, req1)},
			{uint8(1), h2frame(http2Headers, http2FlagEndHeaders, 1, append(resp, respRest...))},
		}, []string{"HEADERS[1]: GET /", "HEADERS[1]: 302 Found"}},
		{"block split over CONTINUATION: no request line", [][2]any{
			{uint8(0), append(h2frame(http2Headers, 0, 1, req1[:2]), h2frame(http2Continuation, http2FlagEndHeaders, 1, req1[2:])...)},
			{uint8(0), h2frame(http2Headers, http2FlagEndHeaders, 3, req2)},
		}, []string{"HEADERS[1], CONTINUATION[1]", "HEADERS[3]: GET /"}},
		{"control frames", [][2]any{
			{uint8(0), append(append(h2frame(http2Priority, 0, 3, unhex(t, "000000000f")),
				h2frame(http2WindowUpdate, 0, 0, unhex(t, "00010000"))...),
				h2frame(http2RSTStream, 0, 3, unhex(t, "00000008"))...)},
			{uint8(1), append(h2frame(http2Ping, http2FlagAck, 0, make([]byte, 8)), h2frame(http2GoAway, 0, 0, unhex(t, "0000000b00000000"))...)},
			{uint8(1), h2frame(http2Type(0xee), 0, 7, nil)},
		}, []string{"PRIORITY[3], WINDOW_UPDATE[0], RST_STREAM[3]", "PING[0], GOAWAY[0]", "Unknown type (238)[7]"}},
		{"padded data ends a text body", [][2]any{
			{uint8(1), h2frame(http2Headers, http2FlagEndHeaders, 1, unhex(t, "885f87497ca58ae819aa"))}, // :status 200, content-type text/plain
			{uint8(1), h2frame(http2Data, http2FlagPadded, 1, unhex(t, "02"+"6869"+"0000"))},
			{uint8(1), h2frame(http2Data, http2FlagEndStream, 1, []byte("!\n"))},
		}, []string{"HEADERS[1]: 200 OK", "DATA[1]", "DATA[1] (text/plain)"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			conv := &Conv{}
			for i, f := range c.frames {
				info, proto := h2run(t, conv, f[0].(uint8), f[1].([]byte))
				if info != c.info[i] || proto != "HTTP2" {
					t.Errorf("step %d: %s %q, want HTTP2 %q", i, proto, info, c.info[i])
				}
			}
		})
	}
}

// TestHTTP2PrefaceHandOff checks that HTTP hands a conversation that opens
// with the connection preface to HTTP/2 at once, and a 101 to "Upgrade:
// h2c" from the next packet (packet-http.c).
func TestHTTP2PrefaceHandOff(t *testing.T) {
	conv := &Conv{}
	if n := httpPDULen(conv, 0, []byte("PRI * HTTP/2.0\r\n")); n != 0 {
		t.Errorf("a cut preface: PDULen %d, want 0 (more bytes)", n)
	}
	if n := httpPDULen(conv, 0, []byte(http2Preface)); n != -1 || conv.handoff != http2Dissector {
		t.Errorf("the preface: PDULen %d, hand-off %v; want -1 to HTTP/2", n, conv.handoff)
	}
	conv = &Conv{}
	resp := []byte("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n")
	var out Out
	out.reset(false)
	httpDissect(&PDU{Data: resp, Len: len(resp), Dir: 1, Conv: conv, TCP: true}, &out)
	if conv.handoff != http2Dissector {
		t.Errorf("101 to h2c: hand-off %v, want HTTP/2", conv.handoff)
	}
}

// FuzzProtoHTTP2 feeds arbitrary bytes through the HTTP/2 framing and
// dissector in both directions: no panic, no PDU length the walker could
// not use, bounded state.
func FuzzProtoHTTP2(f *testing.F) {
	f.Add(append([]byte(http2Preface), h2frame(http2Headers, http2FlagEndHeaders, 1, []byte("\x82\x86\x84\x41\x0f\x77\x77\x77\x2e\x65\x78\x61\x6d\x70\x6c\x65\x2e\x63\x6f\x6d"))...), uint8(3))
	f.Add(append(h2frame(http2Headers, 0, 1, []byte("\x40\x0a\x63")), h2frame(http2Continuation, 4, 1, []byte("\x75"))...), uint8(0))
	f.Add(h2frame(http2Settings, 0, 0, []byte("\x00\x01\xff\xff\xff\xff")), uint8(1))
	f.Add(h2frame(http2Data, http2FlagPadded|http2FlagEndStream, 1, []byte("\xff")), uint8(2))
	f.Fuzz(func(t *testing.T, b []byte, cut uint8) {
		conv := &Conv{}
		rest := b
		for i := 0; i < 16 && len(rest) > 0; i++ {
			dir := uint8(i>>1) & 1
			n := http2PDULen(conv, dir, rest)
			if n < 0 {
				t.Fatalf("PDULen %d", n)
			}
			if n == 0 || n > len(rest) {
				n = min(len(rest), int(cut)+1)
			}
			p := &PDU{Data: rest[:n], Len: n, Dir: dir, Conv: conv, TCP: true}
			var out Out
			out.reset(i&1 == 0)
			http2Dissect(p, &out)
			checkTree(t, out.Tree, n)
			st := http2State(conv)
			if len(st.streams) > http2MaxStreams || len(st.dir[0].pending) > http2MaxPending || len(st.dir[1].pending) > http2MaxPending {
				t.Fatal("state grew past its bounds")
			}
			rest = rest[n:]
		}
	})
}
