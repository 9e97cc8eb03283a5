package decode

import (
	"encoding/hex"
	"testing"
)

// TestProxyHeader checks the heuristic's test, what the walker cuts as the
// header's PDU and the columns. The first five payloads are haproxy 2.6's
// in lab__proxy.pcap (frames 4, 13, 22, 32, 42); the rest are
// lab__proxy-crafted.py's. Expected values are tshark 4.0.17's on those
// files: Protocol PROXYv1/PROXYv2 with TCP's summary left in the Info
// column (keep), "[Malformed Packet]" after it where a read ran past the
// segment, and the bytes tshark hands on after a parsed version 1 line
// (pdu shorter than the payload).
func TestProxyHeader(t *testing.T) {
	const get = "474554202f20485454502f312e310d0a486f73743a20780d0a0d0a" // GET / HTTP/1.1, Host: x
	for _, c := range []struct {
		name, hex string
		proto     string // "" when the heuristic leaves the bytes alone
		pdu       int    // PDULen's answer
		info      string // what the dissector appends to TCP's summary
	}{
		{"haproxy v1 TCP4", "50524f585920544350342031302e34392e302e312031302e34392e302e3120353636363020383038300d0a", "PROXYv1", 43, ""},
		{"haproxy v2 TCP4", "0d0a0d0a000d0a515549540a2111000c0a3100010a3100019f461f9a", "PROXYv2", 28, ""},
		{"haproxy v1 TCP6", "50524f5859205443503620666434393a3a3120666434393a3a3120333737343220383038300d0a", "PROXYv1", 39, ""},
		{"haproxy v2 TCP6", "0d0a0d0a000d0a515549540a21210024fd490000000000000000000000000001fd490000000000000000000000000001945c1f9a", "PROXYv2", 52, ""},
		{"haproxy v2 unique-id TLV", "0d0a0d0a000d0a515549540a211100290a3100010a310001e4761fa405001a6c61622d31302e34392e302e312d35383438362d383130302d34", "PROXYv2", 57, ""},
		{"v1 and a request", hex.EncodeToString([]byte("PROXY TCP4 1.2.3.4 5.6.7.8 1000 80\r\n")) + get, "PROXYv1", 36, ""},
		{"v1 unknown takes the segment", hex.EncodeToString([]byte("PROXY UNKNOWN 1.2.3.4 5.6.7.8 1 2\r\n")) + get, "PROXYv1", 62, ""},
		{"v1 bad address", hex.EncodeToString([]byte("PROXY TCP4 x y 1 2\r\n")), "PROXYv1", 20, ""},
		{"v1 LF only", hex.EncodeToString([]byte("PROXY TCP4 1.2.3.4 5.6.7.8 1000 80\n")), "", -1, ""},
		{"v1 minimal", hex.EncodeToString([]byte("PROXY \r\n")), "PROXYv1", 8, ""},
		{"v1 line of 113 bytes", hex.EncodeToString(append(append([]byte("PROXY TCP4 "), make100('1')...), '\r', '\n')), "PROXYv1", 113, ""},
		{"v1 line end past 113 bytes", hex.EncodeToString(append(append([]byte("PROXY TCP4 "), make100('1')...), '1', '\r', '\n')), "", -1, ""},
		{"v2 and a request", "0d0a0d0a000d0a515549540a2111000c0102030405060708" + "03e80050" + get, "PROXYv2", 55, ""},
		{"v2 cut after 16 bytes", "0d0a0d0a000d0a515549540a2111000c", "PROXYv2", 16, "[Malformed Packet]"},
		{"v2 length too small", "0d0a0d0a000d0a515549540a21110008010203040506070803e80050", "PROXYv2", 28, "[Malformed Packet]"},
		{"v2 TLV past the segment", "0d0a0d0a000d0a515549540a21110028010203040506070803e80050010002" + "6832", "PROXYv2", 33, "[Malformed Packet]"},
		{"15 bytes of the signature", "0d0a0d0a000d0a515549540a211100", "", -1, ""},
		{"an HTTP request", get, "", -1, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			b, err := hex.DecodeString(c.hex)
			if err != nil {
				t.Fatal(err)
			}
			if got := proxyHeuristic(b); got != (c.proto != "") {
				t.Fatalf("proxyHeuristic = %v", got)
			}
			if got := proxyPDULen(nil, 0, b); got != c.pdu {
				t.Errorf("proxyPDULen = %d, want %d", got, c.pdu)
			}
			if c.proto == "" {
				return
			}
			for _, tree := range []bool{false, true} {
				var out Out
				out.reset(tree)
				ok := proxyDissect(&PDU{Data: b[:c.pdu], Len: c.pdu, Off: -1, TCP: true}, &out)
				if !ok || out.Proto != c.proto || out.Info() != c.info || !out.keep {
					t.Errorf("tree %v: got %v %q %q keep %v, want %q %q", tree, ok, out.Proto, out.Info(), out.keep, c.proto, c.info)
				}
				checkTree(t, out.Tree, c.pdu)
			}
		})
	}
}

func make100(c byte) []byte {
	b := make([]byte, 100)
	for i := range b {
		b[i] = c
	}
	return b
}

func FuzzProtoProxy(f *testing.F) {
	for _, name := range []string{"lab__proxy.pcap", "lab__proxy-crafted.pcap"} {
		eachParsed(f, name, func(h *Headers) {
			if h.HasTransport && h.Payload != nil {
				seed(f, h.Payload)
			}
		})
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		n := proxyPDULen(nil, 0, b)
		if n == 0 || n > len(b) || n < -1 {
			t.Fatalf("proxyPDULen = %d of %d bytes", n, len(b))
		}
		if n < 0 {
			return
		}
		for _, tree := range []bool{false, true} {
			var out Out
			out.reset(tree)
			if proxyDissect(&PDU{Data: b[:n], Len: n, Off: -1, TCP: true}, &out) {
				checkTree(t, out.Tree, n)
			}
		}
	})
}
