package dfilter

import (
	"bytes"
	"encoding/binary"

	"github.com/ladder-dev/ladder/decode"
)

// appKind is the application protocol ladder recognised in a packet.
type appKind uint8

const (
	appNone appKind = iota
	appDNS
	appMDNS
	appLLMNR
	appTLS
	appHTTP
)

// appInfo is what the small application parsers found in one packet. Every
// byte slice is a view into the packet's bytes or into names, never a copy
// of its own, so parsing allocates nothing once the buffers have grown.
type appInfo struct {
	kind appKind

	dnsResponse bool
	dnsNames    [maxValues][]byte // question names, dotted
	nNames      int
	names       []byte // backing store for dnsNames

	sni []byte // TLS ClientHello server_name

	method, uri, host []byte // HTTP request
	status            int    // HTTP response status code, 0 for a request
}

// Wireshark dissects these protocols on these well-known TCP/UDP ports by
// default (its "decode as" tables in 4.0); ladder has no heuristics beyond
// checking that the payload starts like the protocol.
func dnsPort(p uint16) appKind {
	switch p {
	case 53:
		return appDNS
	case 5353:
		return appMDNS
	case 5355:
		return appLLMNR
	}
	return appNone
}

func tlsPort(p uint16) bool {
	switch p {
	case 443, 465, 563, 636, 853, 989, 990, 992, 993, 994, 995, 3269, 5061, 5223, 8443:
		return true
	}
	return false
}

func httpPort(p uint16) bool {
	switch p {
	case 80, 1900, 2710, 2869, 3128, 3132, 5985, 8080, 8088, 11371:
		return true
	}
	return false
}

// appOf classifies the packet from the index alone where it can (ports,
// payload length) and parses the payload only for a candidate.
func (c *cursor) appOf() *appInfo {
	if c.appDone {
		return &c.app
	}
	c.appDone = true
	a := &c.app
	a.kind, a.nNames, a.sni, a.method, a.uri, a.host, a.status, a.dnsResponse = appNone, 0, nil, nil, nil, nil, 0, false
	p := c.p
	if p.PayloadLen == 0 || (p.Proto != decode.ProtoTCPPacket && p.Proto != decode.ProtoUDPPacket) {
		return a
	}
	k := dnsPort(p.SrcPort)
	if k == appNone {
		k = dnsPort(p.DstPort)
	}
	tcp := p.Proto == decode.ProtoTCPPacket
	switch {
	case k != appNone:
		if !c.headers() {
			return a
		}
		msg := c.h.Payload
		if tcp {
			if len(msg) < 2 {
				return a
			}
			msg = msg[2:] // DNS over TCP: a two-byte length first
		}
		a.kind = k
		a.parseDNS(msg)
	case tcp && (tlsPort(p.SrcPort) || tlsPort(p.DstPort)):
		c.useWalk(c.tcpApp(appTLS), appTLS)
	case tcp && (httpPort(p.SrcPort) || httpPort(p.DstPort)):
		c.useWalk(c.tcpApp(appHTTP), appHTTP)
	}
	return a
}

// useWalk takes the reassembly walk's verdict as the packet's application
// layer.
func (c *cursor) useWalk(r appResult, k appKind) {
	if !r.present {
		return
	}
	if r.info != nil {
		c.app.sni, c.app.method, c.app.uri, c.app.host, c.app.status = r.info.sni, r.info.method, r.info.uri, r.info.host, r.info.status
	}
	c.app.kind = k
}

// parseDNS reads the question names of a DNS message (RFC 1035 §4.1).
func (a *appInfo) parseDNS(m []byte) {
	if len(m) < 12 {
		return
	}
	a.dnsResponse = m[2]&0x80 != 0
	qd := int(binary.BigEndian.Uint16(m[4:]))
	off := 12
	a.names = a.names[:0]
	for q := 0; q < qd && a.nNames < maxValues; q++ {
		start := len(a.names)
		next, ok := a.readName(m, off)
		if !ok {
			return
		}
		a.dnsNames[a.nNames] = a.names[start:len(a.names):len(a.names)]
		a.nNames++
		off = next + 4 // type and class
		if off > len(m) {
			return
		}
	}
}

// readName appends the dotted name at m[off] to a.names, following
// compression pointers a bounded number of times, and returns the offset
// after the name in the original position.
func (a *appInfo) readName(m []byte, off int) (int, bool) {
	end := -1
	first := true
	for hops := 0; hops < 64; hops++ {
		if off >= len(m) {
			return 0, false
		}
		l := int(m[off])
		switch {
		case l == 0:
			if end < 0 {
				end = off + 1
			}
			if first {
				a.names = append(a.names, "<Root>"...)
			}
			return end, true
		case l&0xc0 == 0xc0:
			if off+1 >= len(m) {
				return 0, false
			}
			if end < 0 {
				end = off + 2
			}
			off = int(binary.BigEndian.Uint16(m[off:]) & 0x3fff)
		case l&0xc0 != 0:
			return 0, false
		default:
			if off+1+l > len(m) || len(a.names) > 4096 {
				return 0, false
			}
			if !first {
				a.names = append(a.names, '.')
			}
			a.names = append(a.names, m[off+1:off+1+l]...)
			first = false
			off += 1 + l
		}
	}
	return 0, false
}

// isTLSRecord reports whether b starts with a TLS record header: a known
// content type (change_cipher_spec .. heartbeat) and major version 3.
func isTLSRecord(b []byte) bool {
	return len(b) >= 5 && b[0] >= 20 && b[0] <= 24 && b[1] == 3 && b[2] <= 4
}

// clientHelloSNI returns the server_name of a ClientHello carried in the
// first record of b (RFC 8446 §4.1.2, RFC 6066 §3), or nil.
func clientHelloSNI(b []byte) []byte {
	if len(b) < 9 || b[0] != 22 || b[5] != 1 {
		return nil
	}
	rec := b[5:min(len(b), 5+int(binary.BigEndian.Uint16(b[3:])))]
	// handshake header (4), version (2), random (32)
	p := 4 + 2 + 32
	if p >= len(rec) {
		return nil
	}
	p += 1 + int(rec[p]) // session id
	if p+2 > len(rec) {
		return nil
	}
	p += 2 + int(binary.BigEndian.Uint16(rec[p:])) // cipher suites
	if p >= len(rec) {
		return nil
	}
	p += 1 + int(rec[p]) // compression methods
	if p+2 > len(rec) {
		return nil
	}
	ext := rec[p+2 : min(len(rec), p+2+int(binary.BigEndian.Uint16(rec[p:])))]
	for len(ext) >= 4 {
		typ, n := binary.BigEndian.Uint16(ext), int(binary.BigEndian.Uint16(ext[2:]))
		if 4+n > len(ext) {
			return nil
		}
		if body := ext[4 : 4+n]; typ == 0 {
			// server_name_list: length(2), then name_type(1) length(2) name
			if len(body) < 5 || body[2] != 0 {
				return nil
			}
			l := int(binary.BigEndian.Uint16(body[3:]))
			if 5+l > len(body) {
				return nil
			}
			return body[5 : 5+l]
		}
		ext = ext[4+n:]
	}
	return nil
}

// httpMethods are the request methods Wireshark's HTTP dissector knows
// before it has seen a response (RFC 9110 §9 and WebDAV's common ones).
func isHTTPMethod(m []byte) bool {
	switch string(m) {
	case "GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "CONNECT", "TRACE", "PATCH",
		"PROPFIND", "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK", "SEARCH", "NOTIFY",
		"SUBSCRIBE", "UNSUBSCRIBE", "M-SEARCH", "REPORT":
		return true
	}
	return false
}

// parseHTTP recognises an HTTP/1 request line ("GET /x HTTP/1.1") or
// status line ("HTTP/1.1 200 OK") at the start of b and, for a request,
// the Host header among the headers captured in b. Lines may end in CRLF or,
// as Wireshark tolerates, a bare LF.
func (a *appInfo) parseHTTP(b []byte) {
	line, rest, _ := bytes.Cut(b[:min(len(b), 64<<10)], []byte("\n"))
	line = bytes.TrimSuffix(line, []byte("\r"))
	if bytes.HasPrefix(line, []byte("HTTP/1.")) {
		if len(line) >= 12 && line[8] == ' ' {
			code := 0
			for _, d := range line[9:12] {
				if d < '0' || d > '9' {
					return
				}
				code = code*10 + int(d-'0')
			}
			a.kind, a.status = appHTTP, code
		}
		return
	}
	method, after, ok := bytes.Cut(line, []byte(" "))
	if !ok || !isHTTPMethod(method) {
		return
	}
	// The version is optional: Wireshark takes "GET /" as a request too.
	uri, version, ok := bytes.Cut(after, []byte(" "))
	if ok && !bytes.HasPrefix(version, []byte("HTTP/")) || len(uri) == 0 {
		return
	}
	a.kind, a.method, a.uri = appHTTP, method, uri
	for len(rest) > 0 {
		var h []byte
		h, rest, _ = bytes.Cut(rest, []byte("\n"))
		h = bytes.TrimSuffix(h, []byte("\r"))
		if len(h) == 0 {
			return
		}
		name, v, ok := bytes.Cut(h, []byte(":"))
		if ok && bytes.EqualFold(name, []byte("Host")) {
			a.host = bytes.TrimSpace(v)
			return
		}
	}
}
