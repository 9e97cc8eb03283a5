package decode

import (
	"encoding/hex"
	"testing"
)

// TestWebSocketColumns checks Protocol and Info of single frames, each the
// TCP payload of a frame of testdata/app/lab__websocket.pcap (Python
// websockets 10.4 and gorilla/websocket) with tshark 4.0.17's columns for
// it; the unknown opcode is made here from RFC 6455 §5.2 (opcode 3, FIN,
// no payload) with the text packet-websocket.c gives an opcode it has no
// name for.
func TestWebSocketColumns(t *testing.T) {
	cases := []struct{ name, hex, info string }{
		{"masked text (frame 8)", "8191ab777203e3121e6fc45b5254ce15216cc81c17778a", "WebSocket Text [FIN] [MASKED]"},
		{"text (frame 9)", "811148656c6c6f2c20576562536f636b657421", "WebSocket Text [FIN] "},
		{"masked binary (frame 14)", "828b5b56333a5b573139393f5d5b292fcc", "WebSocket Binary [FIN] [MASKED]"},
		{"first fragment (frame 16)", "018a4f4b2f3b29394e5c6f24415e636b", "WebSocket Text[FRAGMENT]  [MASKED]"},
		{"continuation (frame 17)", "008a184594d47e37f5b33831e3bb3465", "WebSocket Continuation[FRAGMENT]  [MASKED]"},
		{"empty last fragment (frame 19)", "808067653d6d", "WebSocket Continuation [FIN] [MASKED]"},
		{"masked ping (frame 27)", "898b76e3c281158fabe41897e2f11f8da5", "WebSocket Ping [FIN] [MASKED]"},
		{"pong (frame 28)", "8a0b636c69656e742070696e67", "WebSocket Pong [FIN] "},
		{"16-bit length (frame 29)", "81fe00c8ca12f161" + repeatHex("b26a8919", 50), "WebSocket Text [FIN] [MASKED]"},
		{"server ping (frame 92)", "890b7365727665722070696e67", "WebSocket Ping [FIN] "},
		{"masked close (frame 95)", "8889b90ff10cbae79375dc2f9375dc", "WebSocket Connection Close [FIN] [MASKED]"},
		{"close (frame 96)", "880903e862796520627965", "WebSocket Connection Close [FIN] "},
		{"compressed (frame 107)", "c19328c3bca2da8b716be114edaa678eb66c670df28f79c7bc", "WebSocket Text [FIN] [MASKED]"},
		{"unknown opcode (RFC 6455)", "8300", "WebSocket Unknown Opcode [FIN] "},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b, err := hex.DecodeString(c.hex)
			if err != nil {
				t.Fatal(err)
			}
			for _, tree := range []bool{false, true} {
				var out Out
				out.reset(tree)
				p := PDU{Data: b, Len: len(b), Off: -1, TCP: true, Conv: &Conv{}}
				if !websocketDissector.Dissect(&p, &out) || out.Proto != "WebSocket" || out.Info() != c.info {
					t.Errorf("tree %v: got %q %q, want WebSocket %q", tree, out.Proto, out.Info(), c.info)
				}
				wsCheckTree(t, out.Tree, len(b))
			}
		})
	}
}

func repeatHex(s string, n int) string {
	out := ""
	for range n {
		out += s
	}
	return out
}

// TestWebSocketSegment checks a segment of three frames (frame 90 of
// lab__websocket.pcap, written while the server's socket was corked):
// tshark 4.0.17 shows the last frame's Info only, as the dissector sets the
// column anew for each frame.
func TestWebSocketSegment(t *testing.T) {
	var msgs [][]byte
	for _, h := range []string{"81036f6e65", "8205000174776f", "81057468726565"} {
		b, _ := hex.DecodeString(h)
		msgs = append(msgs, b)
	}
	out := dissectSegment(t, websocketDissector, 80, 40000, msgs...)
	if out.Proto != "WebSocket" || out.Info() != "WebSocket Text [FIN] " {
		t.Errorf("got %q %q", out.Proto, out.Info())
	}
	var texts []string
	for _, f := range out.Tree {
		walkFields(f, func(g Field) {
			if g.Name == "websocket.payload.text" || g.Name == "data.data" {
				texts = append(texts, g.Label)
			}
		})
	}
	// tshark's PDML of frame 90
	want := []string{"Text: one", "Data: 000174776f", "Text: three"}
	if len(texts) != len(want) {
		t.Fatalf("payload lines %q, want %q", texts, want)
	}
	for i := range want {
		if texts[i] != want[i] {
			t.Errorf("payload line %d %q, want %q", i, texts[i], want[i])
		}
	}
}

// wsCheckTree is checkTree for a PDU's own tree, where a line of bytes
// tshark built (unmasked, inflated, reassembled) has no place yet (Start
// -1, Len 0) until the walk's Shift clears it.
func wsCheckTree(t *testing.T, fs []Field, n int) {
	t.Helper()
	for _, f := range fs {
		if f.Start == -1 && f.Len == 0 {
			wsCheckTree(t, f.Children, n)
			continue
		}
		if f.Start < 0 || f.Len < 0 || f.Start+f.Len > n {
			t.Fatalf("field %s %q at %d+%d outside %d bytes", f.Name, f.Label, f.Start, f.Len, n)
		}
		wsCheckTree(t, f.Children, n)
	}
}

func walkFields(f Field, fn func(Field)) {
	fn(f)
	for _, c := range f.Children {
		walkFields(c, fn)
	}
}

// TestWebSocketTree checks the lines of a masked close frame (frame 95 of
// lab__websocket.pcap) against tshark 4.0.17's PDML: the unmasked status
// code and reason, and the header lines.
func TestWebSocketTree(t *testing.T) {
	b, _ := hex.DecodeString("8889b90ff10cbae79375dc2f9375dc")
	var out Out
	out.reset(true)
	c := newWSConv("")
	wsDissect(c, &PDU{Data: b, Len: len(b), TCP: true}, &out)
	got := map[string]string{}
	for _, f := range out.Tree {
		walkFields(f, func(g Field) { got[g.Name] = g.Label })
	}
	for name, label := range map[string]string{
		"websocket.fin":                       "1... .... = Fin: True",
		"websocket.rsv":                       ".000 .... = Reserved: 0x0",
		"websocket.opcode":                    ".... 1000 = Opcode: Connection Close (8)",
		"websocket.mask":                      "1... .... = Mask: True",
		"websocket.payload_length":            ".000 1001 = Payload length: 9",
		"websocket.masking_key":               "Masking-Key: b90ff10c",
		"websocket.masked_payload":            "Masked payload",
		"websocket.payload":                   "Payload",
		"websocket.payload.close":             "Close",
		"websocket.payload.close.status_code": "Status code: Normal Closure (1000)",
		"websocket.payload.close.reason":      "Reason: bye bye",
	} {
		if got[name] != label {
			t.Errorf("%s: %q, want %q", name, got[name], label)
		}
	}
	if _, ok := got["websocket.pmc"]; ok {
		t.Error("websocket.pmc shown without permessage-deflate")
	}
}

// TestWebSocketInflate checks permessage-deflate against RFC 7692 §7.2.3.1
// and §7.2.3.2: "Hello" compressed (f2 48 cd c9 c9 07 00), then "Hello"
// again using the first message's window (f2 00 11 00 00), which an
// inflater without context takeover cannot read.
func TestWebSocketInflate(t *testing.T) {
	first, _ := hex.DecodeString("f248cdc9c90700")
	second, _ := hex.DecodeString("f200110000")
	d := &wsDir{wbits: 15}
	for i, in := range [][]byte{first, second} {
		out, ok := d.inflate(in)
		if !ok || string(out) != "Hello" {
			t.Errorf("message %d with takeover: %q %v, want Hello", i+1, out, ok)
		}
	}
	nt := &wsDir{wbits: 15, noTakeover: true}
	if out, ok := nt.inflate(first); !ok || string(out) != "Hello" {
		t.Errorf("first message without takeover: %q %v", out, ok)
	}
	if _, ok := nt.inflate(second); ok {
		t.Error("second message without takeover inflated")
	}
	// a failed stream stays failed, as zlib's does (tshark's frames 130-134
	// of lab__websocket.pcap all read "Decompression failed")
	bad := &wsDir{wbits: 15}
	if _, ok := bad.inflate(second); ok {
		t.Fatal("a reference before any history inflated")
	}
	if _, ok := bad.inflate(first); ok {
		t.Error("a failed stream inflated again")
	}
	for ext, want := range map[string][2]int{
		"permessage-deflate; server_max_window_bits=12; client_max_window_bits=12": {12, 12},
		"permessage-deflate; client_max_window_bits":                               {15, 15},
		"permessage-deflate; server_max_window_bits=7":                             {8, 15},
	} {
		c := newWSConv(ext)
		if !c.deflate || c.dir[0].wbits != want[0] || c.dir[1].wbits != want[1] {
			t.Errorf("%q: deflate %v wbits %d %d, want %v", ext, c.deflate, c.dir[0].wbits, c.dir[1].wbits, want)
		}
	}
}

// FuzzProtoWebSocket feeds frames, whole or cut, to the framing and the
// dissector, with and without a tree, in a conversation that negotiated
// permessage-deflate. Seeds are frames of lab__websocket.pcap.
func FuzzProtoWebSocket(f *testing.F) {
	for _, h := range []string{"8191ab777203e3121e6fc45b5254ce15216cc81c17778a", "828b5b56333a5b573139393f5d5b292fcc",
		"018a4f4b2f3b29394e5c6f24415e636b008a184594d47e37f5b33831e3bb3465808067653d6d", "8889b90ff10cbae79375dc2f9375dc",
		"c19328c3bca2da8b716be114edaa678eb66c670df28f79c7bc", "81036f6e658205000174776f81057468726565",
		"c19f54c61d3a54df1ddcabbd3f5231aa715576fc3f5d3bb4745638a73f1676a83f0065bb1d", "82ff00000000000111700b5ff9fe"} {
		b, _ := hex.DecodeString(h)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, tree := range []bool{false, true} {
			conv := &Conv{}
			rest := b
			for i := 0; i < 16 && len(rest) > 0; i++ {
				n := websocketDissector.PDULen(conv, 0, rest)
				if n <= 0 || n > len(rest) {
					n = len(rest)
				}
				var out Out
				out.reset(tree)
				websocketDissector.Dissect(&PDU{Data: rest[:n], Len: n, TCP: true, Conv: conv, Dir: uint8(i & 1)}, &out)
				wsCheckTree(t, out.Tree, n)
				rest = rest[n:]
			}
		}
	})
}
