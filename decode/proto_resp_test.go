package decode

import (
	"strings"
	"testing"
)

// TestRESPInfo checks Info for whole messages, each expected value tshark
// 4.0.17's on testdata/app/lab__resp.pcap (redis-server 7.0 and
// redis-cli) and zeek's almost-resp.pcap.
func TestRESPInfo(t *testing.T) {
	cases := []struct {
		name string
		resp bool
		msgs []string // the segment's top-level elements
		info string
	}{
		{"set", false, []string{"*3\r\n$3\r\nSET\r\n$8\r\ngreeting\r\n$5\r\nhello\r\n"}, "Request: SET greeting hello"},
		{"simple string", true, []string{"+OK\r\n"}, "Response: OK"},
		{"bulk string", true, []string{"$5\r\nhello\r\n"}, "Response: hello"},
		{"null bulk string", true, []string{"$-1\r\n"}, "Response:"},
		{"integer", true, []string{":1\r\n"}, "Response: 1"},
		{"array reply", true, []string{"*3\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n"}, "Response: Array(3)"},
		{"error", true, []string{"-ERR value is not an integer or out of range\r\n"}, "Response: Error: ERR value is not an integer or out of range"},
		{"long argument", false, []string{"*3\r\n$3\r\nSET\r\n$4\r\nlong\r\n$120\r\n" + strings.Repeat("x", 120) + "\r\n"}, "Request: SET long BulkString(120)"},
		{"long reply", true, []string{"$120\r\n" + strings.Repeat("x", 120) + "\r\n"}, "Response: BulkString(120)"},
		{"binary reply", true, []string{"$6\r\ncaf\xc3\xa9\x01\r\n"}, "Response: BulkString(6)"},
		{"binary argument", false, []string{"*3\r\n$3\r\nSET\r\n$3\r\nbin\r\n$6\r\ncaf\xc3\xa9\x01\r\n"}, "Request: SET bin"},
		{"inline commands", false, []string{"AUTH noone password\r\n", "PING\r\n"}, "Request: [fragment] [fragment]"},
		{"almost RESP", true, []string{"+OK\r\n", "+OK\r\n", "not RESP\r\n", "Still not RESP\r\n", "Nope\r\n"}, "Response: OK OK [fragment] [fragment] [fragment]"},
		{"two replies", true, []string{"$5\r\nhello\r\n", "$2\r\nhi\r\n"}, "Response: hello hi"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src, dst := uint16(53000), uint16(respPort)
			if c.resp {
				src, dst = dst, src
			}
			msgs := make([][]byte, len(c.msgs))
			for i, m := range c.msgs {
				msgs[i] = []byte(m)
			}
			out := dissectSegment(t, respDissector, src, dst, msgs...)
			if out.Proto != "RESP" || out.Info() != c.info {
				t.Errorf("got %q %q, want RESP %q", out.Proto, out.Info(), c.info)
			}
		})
	}
}

// TestRESPPartial checks the framing of messages that segments cut and
// the Info of the segments before the last, as tshark 4.0.17 showed them
// on lab__resp.pcap: an array waits one segment at a time and its whole
// elements are named, a top-level bulk string waits for its length, an
// array whose bytes end after a whole element is taken as complete.
func TestRESPPartial(t *testing.T) {
	cases := []struct {
		name string
		resp bool
		in   string
		n    int    // PDULen
		info string // Partial's Info when n is not len(in)
	}{
		{"array header only", false, "*1\r\n", 0, "Request: [continuation]"},
		{"array's bulk string header only", false, "*1\r\n$4\r\n", 0, "Request: [continuation]"},
		{"array cut in its last argument", false, "*3\r\n$3\r\nSET\r\n$3\r\nbig\r\n$6000\r\nyyyy", 0, "Request: SET big [continuation]"},
		{"bulk string by its length", true, "$6000\r\nyyyy", 6009, "Response: [continuation]"},
		{"line without its end", true, "+OK", 0, "Response: [continuation]"},
		{"CR at the end", true, "+OK\r", 0, "Response: [continuation]"},
		{"array ending after a whole element", false, "*2\r\n$3\r\nGET\r\n", 13, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := []byte(c.in)
			if n := respPDULen(nil, 0, b); n != c.n {
				t.Fatalf("PDULen = %d, want %d", n, c.n)
			}
			if c.info == "" {
				return
			}
			src, dst := uint16(53000), uint16(respPort)
			if c.resp {
				src, dst = dst, src
			}
			var out Out
			out.reset(false)
			respPartial(&PDU{Data: b, Len: len(b), SrcPort: src, DstPort: dst, TCP: true}, &out)
			if out.Info() != c.info {
				t.Errorf("Info %q, want %q", out.Info(), c.info)
			}
		})
	}
}

// FuzzProtoRESP feeds arbitrary bytes through the framing, the dissector
// and the partial run: no panic, every field inside the message. Seeded
// with lab__resp.pcap's messages.
func FuzzProtoRESP(f *testing.F) {
	for _, s := range []string{"*3\r\n$3\r\nSET\r\n$8\r\ngreeting\r\n$5\r\nhello\r\n", "+OK\r\n", "$-1\r\n", ":1\r\n",
		"*3\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n", "-ERR value is not an integer\r\n", "*1\r\n*1\r\n*-1\r\n*0\r\n", "AUTH noone password\r\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		rest := b
		for i := 0; i < 8 && len(rest) > 0; i++ {
			n := respPDULen(nil, 0, rest)
			if n <= 0 || n > len(rest) {
				var out Out
				out.reset(false)
				respPartial(&PDU{Data: rest, Len: len(rest), SrcPort: respPort, TCP: true}, &out)
				n = len(rest)
			}
			for _, tree := range []bool{false, true} {
				var out Out
				out.reset(tree)
				respDissect(&PDU{Data: rest[:n], Len: n, DstPort: respPort, TCP: true}, &out)
				checkTree(t, out.Tree, n)
			}
			rest = rest[n:]
		}
	})
}
