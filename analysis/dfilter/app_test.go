package dfilter

import (
	"slices"
	"testing"
)

// clientHello builds a TLS record holding a ClientHello whose only
// extension is server_name (RFC 8446 §4.1.2 layout, RFC 6066 §3).
func clientHello(name string) []byte {
	sni := []byte{0, byte(len(name) + 3), 0, 0, byte(len(name))}
	sni = append(sni, name...)
	ext := append([]byte{0, 0, 0, byte(len(sni))}, sni...)
	body := []byte{3, 3}                     // legacy_version
	body = append(body, make([]byte, 32)...) // random
	body = append(body, 0)                   // session id
	body = append(body, 0, 2, 0x13, 0x01)    // one cipher suite
	body = append(body, 1, 0)                // compression: null
	body = append(body, 0, byte(len(ext)))
	body = append(body, ext...)
	hs := append([]byte{1, 0, 0, byte(len(body))}, body...)
	return append([]byte{22, 3, 1, 0, byte(len(hs))}, hs...)
}

func TestClientHelloSNI(t *testing.T) {
	rec := clientHello("zeek.org")
	if got := string(clientHelloSNI(rec)); got != "zeek.org" {
		t.Fatalf("SNI %q, want zeek.org", got)
	}
	// Every truncation must be survived and yield nothing or the name.
	for n := range len(rec) {
		if got := clientHelloSNI(rec[:n]); got != nil && string(got) != "zeek.org" {
			t.Errorf("cut at %d: %q", n, got)
		}
	}
	notHello := append([]byte(nil), rec...)
	notHello[5] = 2 // ServerHello
	if got := clientHelloSNI(notHello); got != nil {
		t.Errorf("ServerHello gave SNI %q", got)
	}
}

func TestParseDNS(t *testing.T) {
	// A query for www.example.com (RFC 1035 §4.1.2), then a second question
	// "mail" + pointer to offset 16 ("example.com").
	msg := []byte{0x12, 0x34, 0x01, 0x00, 0, 2, 0, 0, 0, 0, 0, 0,
		3, 'w', 'w', 'w', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0, 0, 1, 0, 1,
		4, 'm', 'a', 'i', 'l', 0xc0, 16, 0, 1, 0, 1}
	var a appInfo
	a.parseDNS(msg)
	var got []string
	for _, n := range a.dnsNames[:a.nNames] {
		got = append(got, string(n))
	}
	if want := []string{"www.example.com", "mail.example.com"}; !slices.Equal(got, want) {
		t.Errorf("names %q, want %q", got, want)
	}
	if a.dnsResponse {
		t.Error("query taken for a response")
	}
	// A pointer to itself must not loop, and cut messages must not panic.
	loop := []byte{0, 0, 0x81, 0x80, 0, 1, 0, 0, 0, 0, 0, 0, 0xc0, 12, 0, 1, 0, 1}
	a = appInfo{}
	a.parseDNS(loop)
	if a.nNames != 0 || !a.dnsResponse {
		t.Errorf("self-pointer: %d names, response %v", a.nNames, a.dnsResponse)
	}
	for n := range len(msg) {
		a = appInfo{}
		a.parseDNS(msg[:n])
	}
}

func TestParseHTTP(t *testing.T) {
	for _, tc := range []struct {
		name, in          string
		kind              appKind
		method, uri, host string
		status            int
	}{
		{"request", "GET /x HTTP/1.1\r\nHost: en.wikipedia.org\r\n\r\n", appHTTP, "GET", "/x", "en.wikipedia.org", 0},
		{"bare LF and lower-case header", "POST /a HTTP/1.0\nhost:  h.example \n\n", appHTTP, "POST", "/a", "h.example", 0},
		{"no version", "GET /\r\n\r\n", appHTTP, "GET", "/", "", 0},
		{"response", "HTTP/1.1 301 Moved Permanently\r\n\r\n", appHTTP, "", "", "", 301},
		{"unknown method", "FETCH / HTTP/1.1\r\n", appNone, "", "", "", 0},
		{"not http", "\x16\x03\x01\x02\x00", appNone, "", "", "", 0},
		{"bad status", "HTTP/1.1 2x0 OK\r\n", appNone, "", "", "", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var a appInfo
			a.parseHTTP([]byte(tc.in))
			if a.kind != tc.kind || string(a.method) != tc.method || string(a.uri) != tc.uri || string(a.host) != tc.host || a.status != tc.status {
				t.Errorf("got kind %d %q %q %q %d", a.kind, a.method, a.uri, a.host, a.status)
			}
		})
	}
}

// TestHTTPReassembly follows one direction through a response split over
// segments, as Wireshark's reassembly would: the fields belong to the
// segment that completes the message (Content-Length 10 here).
func TestHTTPReassembly(t *testing.T) {
	var st pduState
	steps := []struct {
		seg     string
		present bool
	}{
		{"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123", false},
		{"45678", false},
		{"9", true},
		{"garbage after the message", true}, // a Continuation once HTTP was seen
	}
	for k, s := range steps {
		r := st.http([]byte(s.seg), k > 0)
		if r.present != s.present {
			t.Errorf("segment %d: present %v, want %v", k, r.present, s.present)
		}
		if k == 2 && (r.info == nil || r.info.status != 200) {
			t.Errorf("segment %d: fields %+v, want status 200", k, r.info)
		}
	}
}

// TestTLSReassembly: a record split over two segments belongs to the
// second; a segment with a whole record and the start of the next is TLS.
func TestTLSReassembly(t *testing.T) {
	hello := clientHello("a.example")
	var st pduState
	if r := st.tls(hello[:10], false); r.present {
		t.Error("first part of a record shown as TLS")
	}
	r := st.tls(append(append([]byte(nil), hello[10:]...), 23, 3, 3, 0, 40), false)
	if !r.present || r.info == nil || string(r.info.sni) != "a.example" {
		t.Errorf("completing segment: %+v", r)
	}
	if st.need != 40 {
		t.Errorf("open record needs %d more bytes, want 40", st.need)
	}
}

// FuzzPayload feeds arbitrary payloads, split at an arbitrary point into
// two segments, to the application parsers and the reassembly walk: hostile
// bytes must never panic them.
func FuzzPayload(f *testing.F) {
	f.Add(clientHello("zeek.org"), 10)
	f.Add([]byte("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc"), 20)
	f.Add([]byte("GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"), 5)
	f.Add([]byte{0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 3, 'w', 'w', 'w', 0, 0, 1, 0, 1}, 3)
	f.Fuzz(func(t *testing.T, b []byte, cut int) {
		var a appInfo
		a.parseDNS(b)
		a.parseHTTP(b)
		clientHelloSNI(b)
		cut = max(min(cut, len(b)), 0)
		for _, spoken := range []bool{false, true} {
			var tls, http pduState
			tls.tls(b[:cut], spoken)
			tls.tls(b[cut:], spoken)
			http.http(b[:cut], spoken)
			http.http(b[cut:], spoken)
		}
	})
}
