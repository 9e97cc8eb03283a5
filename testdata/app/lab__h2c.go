// Command lab__h2c makes the HTTP/2 cleartext (h2c) traffic of lab__h2c.pcap. Run it inside a fresh
// network namespace while tcpdump captures loopback (Linux, Go 1.21+, from the repository root so that
// golang.org/x/net comes from go.mod):
//
//	unshare -n sh -c 'ip link set lo up; tcpdump -i lo -s 0 -w testdata/app/lab__h2c.pcap -U tcp & t=$!; sleep 1; go run testdata/app/lab__h2c.go; sleep 1; kill $t'
//
// A golang.org/x/net/http2/h2c server listens on 8080 (a port Wireshark gives HTTP) and 9000 (no
// dissector's port). Four connections:
//  1. prior knowledge on 9000 with Go's http2.Transport: one GET, then the client's GOAWAY
//     (ClientConn.Shutdown);
//  2. the same on 8080 with GET /, POST /echo, GET /big (20,000 bytes of text), GET /json (a 404 in
//     JSON), GET /abort (the handler aborts: the server resets the
//     stream) and a PING;
//  3. HTTP/1.1 "Upgrade: h2c" on 9000, driven frame by frame with http2.Framer: after the 101 the
//     client sends the preface, SETTINGS, a PRIORITY, a WINDOW_UPDATE, a HEADERS split over a
//     CONTINUATION, and a RST_STREAM for that stream;
//  4. the same on 8080, which the server's GOAWAY ends (server shutdown).
package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"

	"golang.org/x/net/http2"
	"golang.org/x/net/http2/h2c"
	"golang.org/x/net/http2/hpack"
)

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		io.WriteString(w, "hello over h2c\n")
	})
	mux.HandleFunc("/echo", func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Write(b)
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		io.WriteString(w, strings.Repeat("twenty thousand bytes of text, in two DATA frames\n", 400))
	})
	mux.HandleFunc("/json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(404)
		io.WriteString(w, `{"error":"not here"}`)
	})
	mux.HandleFunc("/abort", func(w http.ResponseWriter, r *http.Request) {
		panic(http.ErrAbortHandler)
	})
	var servers []*http.Server
	for _, addr := range []string{"127.0.0.1:9000", "127.0.0.1:8080"} {
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			panic(err)
		}
		// ConfigureServer ties the HTTP/2 server's graceful shutdown (GOAWAY) to s.Shutdown
		h2s := &http2.Server{}
		s := &http.Server{Handler: h2c.NewHandler(mux, h2s)}
		if err := http2.ConfigureServer(s, h2s); err != nil {
			panic(err)
		}
		servers = append(servers, s)
		go s.Serve(ln)
	}

	priorKnowledge("127.0.0.1:9000", false)
	time.Sleep(100 * time.Millisecond)
	priorKnowledge("127.0.0.1:8080", true)
	time.Sleep(100 * time.Millisecond)
	upgrade("127.0.0.1:9000", nil)
	time.Sleep(100 * time.Millisecond)
	upgrade("127.0.0.1:8080", servers[1])
	time.Sleep(100 * time.Millisecond)
}

// priorKnowledge talks HTTP/2 from the first byte (RFC 9113 §3.3).
func priorKnowledge(addr string, full bool) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		panic(err)
	}
	tr := &http2.Transport{AllowHTTP: true, DialTLSContext: func(ctx context.Context, n, a string, _ *tls.Config) (net.Conn, error) {
		return c, nil
	}}
	cc, err := tr.NewClientConn(c)
	if err != nil {
		panic(err)
	}
	get := func(method, path string, body io.Reader) {
		req, _ := http.NewRequest(method, "http://"+addr+path, body)
		resp, err := cc.RoundTrip(req)
		if err != nil {
			fmt.Println(path, err)
			return
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		time.Sleep(50 * time.Millisecond)
	}
	get("GET", "/", nil)
	if full {
		get("POST", "/echo", strings.NewReader("ping pong"))
		get("GET", "/big", nil)
		get("GET", "/json", nil)
		get("GET", "/abort", nil)
		if err := cc.Ping(context.Background()); err != nil {
			panic(err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	cc.Shutdown(context.Background())
	c.Close()
}

// upgrade starts with an HTTP/1.1 request asking to switch to h2c (RFC 7540 §3.2).
func upgrade(addr string, srv *http.Server) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		panic(err)
	}
	defer c.Close()
	// HTTP2-Settings: SETTINGS_MAX_CONCURRENT_STREAMS = 100, base64url
	fmt.Fprintf(c, "GET /upgraded HTTP/1.1\r\nHost: %s\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABk\r\n\r\n", addr)
	br := bufio.NewReader(c)
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		panic(err)
	}
	if resp.StatusCode != 101 {
		panic(resp.Status)
	}
	var out bytes.Buffer
	fr := http2.NewFramer(&out, br)
	out.WriteString(http2.ClientPreface)
	fr.WriteSettings(http2.Setting{ID: http2.SettingInitialWindowSize, Val: 1 << 20})
	c.Write(out.Bytes())
	out.Reset()
	readUntil := func(want func(http2.Frame) bool) {
		c.SetReadDeadline(time.Now().Add(2 * time.Second))
		for {
			f, err := fr.ReadFrame()
			if err != nil {
				return
			}
			if s, ok := f.(*http2.SettingsFrame); ok && !s.IsAck() {
				fr.WriteSettingsAck()
				c.Write(out.Bytes())
				out.Reset()
			}
			if want(f) {
				return
			}
		}
	}
	// the upgraded request's response arrives on stream 1
	readUntil(func(f http2.Frame) bool {
		return f.Header().StreamID == 1 && f.Header().Flags.Has(http2.FlagDataEndStream)
	})

	var hb bytes.Buffer
	enc := hpack.NewEncoder(&hb)
	for _, hf := range []hpack.HeaderField{{Name: ":method", Value: "GET"}, {Name: ":scheme", Value: "http"},
		{Name: ":authority", Value: addr}, {Name: ":path", Value: "/split"},
		{Name: "x-filler", Value: strings.Repeat("abcdefgh", 8)}} {
		enc.WriteField(hf)
	}
	block := hb.Bytes()
	fr.WritePriority(3, http2.PriorityParam{StreamDep: 0, Weight: 15})
	fr.WriteWindowUpdate(0, 65536)
	fr.WriteHeaders(http2.HeadersFrameParam{StreamID: 3, BlockFragment: block[:20], EndStream: true})
	fr.WriteContinuation(3, true, block[20:])
	c.Write(out.Bytes())
	out.Reset()
	readUntil(func(f http2.Frame) bool {
		return f.Header().StreamID == 3 && f.Header().Flags.Has(http2.FlagDataEndStream)
	})
	fr.WriteRSTStream(3, http2.ErrCodeCancel)
	c.Write(out.Bytes())
	out.Reset()
	time.Sleep(50 * time.Millisecond)
	if srv == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	go srv.Shutdown(ctx)
	readUntil(func(f http2.Frame) bool { _, ok := f.(*http2.GoAwayFrame); return ok })
	cancel()
}
