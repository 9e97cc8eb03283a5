package decode

import (
	"bytes"
	"compress/gzip"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestHTTPPDULen checks message delimiting on hand-made messages (RFC 9112
// §6: Content-Length, chunked coding, bodiless responses, a body that runs
// until the connection closes).
func TestHTTPPDULen(t *testing.T) {
	type step struct {
		dir  uint8
		data string
		want int
	}
	cases := []struct {
		name  string
		steps []step
	}{
		{"request without body", []step{{0, "GET / HTTP/1.1\r\nHost: a\r\n\r\nGET", 27}}},
		{"header block incomplete", []step{{0, "GET / HTTP/1.1\r\nHost: a\r\n", 0}}},
		{"first token still possible", []step{{0, "GE", 0}}},
		{"not HTTP", []step{{0, "\x16\x03\x01\x00\x05hello", 10}}},
		{"content-length body", []step{{0, "POST /p HTTP/1.1\r\nContent-Length: 5\r\n\r\nhelloGET", 44}}},
		{"chunked complete", []step{{1, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\nX", 62}}},
		{"chunked incomplete", []step{{1, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel", 0}}},
		{"HEAD response has no body", []step{
			{0, "HEAD / HTTP/1.1\r\n\r\n", 19},
			{1, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n", 40}}},
		{"304 has no body", []step{
			{0, "GET / HTTP/1.1\r\n\r\n", 18},
			{1, "HTTP/1.1 304 Not Modified\r\nContent-Length: 100\r\n\r\n", 50}}},
		{"100 Continue then final response", []step{
			{0, "POST / HTTP/1.1\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n", 63},
			{1, "HTTP/1.1 100 Continue\r\n\r\n", 25},
			{1, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", 40}}},
		{"response until FIN", []step{
			{0, "GET / HTTP/1.0\r\n\r\n", 18},
			{1, "HTTP/1.0 200 OK\r\n\r\nbody", PDUUntilFIN}}},
		{"bare LF line ends", []step{{0, "OPTIONS\nHost: a\n\n", 17}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			conv := &Conv{}
			for i, s := range c.steps {
				if got := httpPDULen(conv, s.dir, []byte(s.data)); got != s.want {
					t.Errorf("step %d: PDULen = %d, want %d", i, got, s.want)
				}
			}
		})
	}
}

// TestHTTPInfo checks the Protocol and Info columns against what tshark
// 4.0 prints for the same kinds of message (see the captures in
// testdata/app: "HTTP/1.1 200 OK  (text/html)", the JSON form, image
// signatures, an empty gzip body).
func TestHTTPInfo(t *testing.T) {
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Close()
	cases := []struct {
		name, req, resp string
		proto, info     string
	}{
		{"request", "", "GET /x HTTP/1.1\r\nHost: h\r\n\r\n", "HTTP", "GET /x HTTP/1.1 "},
		{"html", "GET / HTTP/1.1\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: 2\r\n\r\nhi",
			"HTTP", "HTTP/1.1 200 OK  (text/html)"},
		{"json", "GET / HTTP/1.1\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}",
			"HTTP/JSON", "HTTP/1.1 200 OK , JavaScript Object Notation (application/json)"},
		{"gif sent as png", "GET / HTTP/1.1\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: 6\r\n\r\nGIF89a",
			"HTTP", "HTTP/1.1 200 OK  (GIF89a)"},
		{"octet-stream", "GET / HTTP/1.1\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: 1\r\n\r\nx",
			"HTTP", "HTTP/1.1 200 OK "},
		// zeek http/m57-long-49600-80.pcap frame 43, tshark 4.0.17
		{"multipart", "GET / HTTP/1.1\r\n\r\n", "HTTP/1.1 206 Partial Content\r\nContent-Type: multipart/byteranges; boundary=\"B\"\r\nContent-Length: 4\r\n\r\n--B-",
			"HTTP", "HTTP/1.1 206 Partial Content "},
		{"empty gzip body", "GET / HTTP/1.1\r\n\r\n", "HTTP/1.1 301 Moved Permanently\r\nContent-Encoding: gzip\r\nContent-Type: text/html\r\nContent-Length: " +
			strconv.Itoa(gz.Len()) + "\r\n\r\n" + gz.String(), "HTTP", "HTTP/1.1 301 Moved Permanently "},
		{"304", "GET / HTTP/1.1\r\n\r\n", "HTTP/1.1 304 Not Modified\r\nContent-Type: text/css\r\n\r\n", "HTTP", "HTTP/1.1 304 Not Modified "},
		// tshark 4.0.17 on the same request (text2pcap): format_text's octal
		{"escaped", "", "GET /\x1b[31m HTTP/1.1\r\n\r\n", "HTTP", `GET /\033[31m HTTP/1.1 `},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			conv := &Conv{}
			if c.req != "" {
				httpPDULen(conv, 0, []byte(c.req))
				httpDissect(&PDU{Data: []byte(c.req), Len: len(c.req), Conv: conv, TCP: true}, &Out{})
			}
			n := httpPDULen(conv, 1, []byte(c.resp))
			if n != len(c.resp) {
				t.Fatalf("PDULen = %d, want %d", n, len(c.resp))
			}
			var out Out
			out.reset(true)
			httpDissect(&PDU{Data: []byte(c.resp), Len: n, Conv: conv, TCP: true, Dir: 1}, &out)
			if out.Proto != c.proto || out.Info() != c.info {
				t.Errorf("got %q | %q, want %q | %q", out.Proto, out.Info(), c.proto, c.info)
			}
		})
	}
}

// TestHTTPDetailsPDML compares the HTTP layer of frames 1 and 2 of
// CESNET's http.pcap with tshark 4.0's PDML (tshark -r F -T pdml):
// field names, labels (showname) and byte offsets (pos, size).
func TestHTTPDetailsPDML(t *testing.T) {
	src, err := Open(filepath.Join("..", "testdata", "app", "CESNET__ipfixprobe__tests__functional__inputs__http.pcap"))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	x := Load(src)
	cases := []struct {
		frame int
		want  []pdmlWant
		flow  string
	}{
		{0, []pdmlWant{
			{"http", "Hypertext Transfer Protocol", 66, 85},
			{"", `GET /user-agent HTTP/1.1\r\n`, 66, 26},
			{"http.request.method", "Request Method: GET", 66, 3},
			{"http.request.uri", "Request URI: /user-agent", 70, 11},
			{"http.request.version", "Request Version: HTTP/1.1", 82, 8},
			{"http.host", `Host: httpbin.org\r\n`, 92, 19},
			{"http.user_agent", `User-Agent: curl/7.43.0\r\n`, 111, 25},
			{"http.accept", `Accept: */*\r\n`, 136, 13},
			{"", `\r\n`, 149, 2},
		}, "httpbin.org"},
		{1, []pdmlWant{
			{"http", "Hypertext Transfer Protocol", 66, 219},
			{"", `HTTP/1.1 200 OK\r\n`, 66, 17},
			{"http.response.version", "Response Version: HTTP/1.1", 66, 8},
			{"http.response.code", "Status Code: 200", 75, 3},
			{"http.response.code.desc", "Status Code Description: OK", 75, 3},
			{"http.response.phrase", "Response Phrase: OK", 79, 2},
			{"http.server", `Server: nginx\r\n`, 83, 15},
			{"http.date", `Date: Thu, 07 Apr 2016 18:23:31 GMT\r\n`, 98, 37},
			{"http.content_type", `Content-Type: application/json\r\n`, 135, 32},
			{"http.content_length_header", `Content-Length: 34\r\n`, 167, 20},
			{"http.content_length", "Content length: 34", 167, 20},
			{"http.connection", `Connection: keep-alive\r\n`, 187, 24},
			{"", `\r\n`, 283, 2},
			{"http.file_data", "File Data: 34 bytes", 285, 34},
		}, "httpbin.org"},
	}
	w := NewAppWalker(x)
	for _, c := range cases {
		res := w.At(c.frame, true)
		checkPDMLFields(t, c.frame, res.Tree, c.want)
		if res.Name != c.flow {
			t.Errorf("frame %d: flow name %q, want %q", c.frame+1, res.Name, c.flow)
		}
	}
}

// FuzzProtoHTTP feeds arbitrary bytes to HTTP's delimiter and dissector,
// split into two messages of a conversation, and to the partial-segment
// label: no panic, lengths within bounds.
func FuzzProtoHTTP(f *testing.F) {
	for _, s := range []string{
		"GET / HTTP/1.1\r\nHost: a\r\n\r\n",
		"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\nContent-Type: image/gif\r\n\r\n6\r\nGIF89a\r\n0\r\n\r\n",
		"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n\x81\xfe\x00\x8c\xf0\x12\x0e\x1c",
		"POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc",
	} {
		f.Add([]byte(s), uint8(10))
	}
	f.Fuzz(func(t *testing.T, b []byte, cut uint8) {
		conv := &Conv{}
		rest := b
		for i := 0; i < 4 && len(rest) > 0; i++ {
			dir := uint8(i & 1)
			n := httpPDULen(conv, dir, rest)
			if n < 0 {
				t.Fatalf("PDULen %d: HTTP claims every byte it is given", n)
			}
			if n == 0 || n > len(rest) {
				httpPartial(&PDU{Data: rest, Len: len(rest), Conv: conv, TCP: true}, &Out{})
				// the walker's Scan: the message so far, then the rest in
				// pieces of cut+1 bytes; it ends within what it is given
				piece := rest[:min(len(rest), int(cut)+1)]
				if m := httpScan(conv, dir, piece); m > len(piece) {
					t.Fatalf("Scan %d of %d bytes", m, len(piece))
				}
				for at := len(piece); at < len(rest); at += int(cut) + 1 {
					p := rest[at:min(len(rest), at+int(cut)+1)]
					if m := httpScan(conv, dir, p); m > len(p) {
						t.Fatalf("Scan %d of %d bytes", m, len(p))
					} else if m >= 0 {
						break
					}
				}
				n = min(len(rest), int(cut)+1)
			}
			var out Out
			out.reset(true)
			httpDissect(&PDU{Data: rest[:n], Len: n, Conv: conv, TCP: true, Dir: dir}, &out)
			rest = rest[n:]
		}
	})
}

// TestHTTPLineEnd checks httpLineEnd against Wireshark's tvb_find_line_end
// rules (epan/tvbuff.c: the first CR or LF ends the line; CRLF is one
// terminator; a CR as the last byte may still be followed by its LF), by
// named cases and then exhaustively against the byte-at-a-time loop it
// replaced, over every string of up to 7 bytes from {a, CR, LF} at every
// start offset.
func TestHTTPLineEnd(t *testing.T) {
	type res struct {
		n, next int
		ok      bool
	}
	for _, tc := range []struct {
		name string
		b    string
		from int
		want res
	}{
		{"CRLF", "GET / HTTP/1.1\r\nHost: a\r\n", 0, res{14, 16, true}},
		{"LF", "abc\ndef", 0, res{3, 4, true}},
		{"lone CR", "abc\rdef", 0, res{3, 4, true}},
		{"CR at the end", "abc\r", 0, res{3, 4, false}},
		{"no end", "abcdef", 0, res{6, 6, false}},
		{"LF before CR", "ab\n\r", 0, res{2, 3, true}},
		{"CR CR LF", "ab\r\r\n", 0, res{2, 3, true}},
		{"from the second line", "ab\r\ncd\r\n", 4, res{2, 8, true}},
		{"empty line", "ab\r\n\r\nbody", 4, res{0, 6, true}},
		{"from the end", "ab", 2, res{0, 2, false}},
		{"from past the end", "ab", 3, res{-1, 2, false}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n, next, ok := httpLineEnd([]byte(tc.b), tc.from)
			if got := (res{n, next, ok}); got != tc.want {
				t.Errorf("httpLineEnd(%q, %d) = %+v, want %+v", tc.b, tc.from, got, tc.want)
			}
		})
	}

	// the byte loop httpLineEnd was until it used bytes.IndexByte
	loop := func(b []byte, from int) (int, int, bool) {
		for i := from; i < len(b); i++ {
			switch b[i] {
			case '\n':
				return i - from, i + 1, true
			case '\r':
				if i+1 < len(b) && b[i+1] == '\n' {
					return i - from, i + 2, true
				}
				if i+1 == len(b) {
					return i - from, len(b), false
				}
				return i - from, i + 1, true
			}
		}
		return len(b) - from, len(b), false
	}
	alphabet := []byte{'a', '\r', '\n'}
	var walk func(b []byte)
	walk = func(b []byte) {
		for from := 0; from <= len(b)+1; from++ {
			n, next, ok := httpLineEnd(b, from)
			wn, wnext, wok := loop(b, from)
			if n != wn || next != wnext || ok != wok {
				t.Fatalf("httpLineEnd(%q, %d) = %d, %d, %v; the byte loop: %d, %d, %v", b, from, n, next, ok, wn, wnext, wok)
			}
		}
		if len(b) < 7 {
			for _, c := range alphabet {
				walk(append(b, c))
			}
		}
	}
	walk(nil)
}

// TestHTTPChunkScan follows a chunked body (RFC 9112 §7.1) fed in pieces
// that split every line and chunk: the end is after the last chunk's
// empty trailer line, wherever the pieces are cut.
func TestHTTPChunkScan(t *testing.T) {
	body := "5\r\nhello\r\n1;ext=1\r\n!\r\n0\r\nX-Trailer: 1\r\n\r\nGET / HTTP/1.1\r\n"
	end := strings.Index(body, "GET")
	for _, piece := range []int{1, 2, 3, 7, len(body)} {
		var s httpChunkScan
		got := -1
		for at := 0; at < len(body) && got < 0; at += piece {
			chunk := body[at:min(at+piece, len(body))]
			if n, done := s.feed([]byte(chunk)); done {
				got = at + n
			}
		}
		if got != end {
			t.Errorf("pieces of %d bytes: end at %d, want %d", piece, got, end)
		}
	}
	var bad httpChunkScan
	if n, done := bad.feed([]byte("zz\r\nrest")); !done || n != 4 {
		t.Errorf("a size line that is not hex: (%d, %v), want (4, true)", n, done)
	}
}
