package dfilter

// appIs makes the presence test of an application protocol.
func appIs(k appKind) func(c *cursor) bool {
	return func(c *cursor) bool { return c.appOf().kind == k }
}

// payload is the transport payload, the bytes an application protocol's
// contains/matches searches.
func payload(c *cursor) []byte {
	if !c.headers() {
		return nil
	}
	return c.h.Payload
}

// appText makes the getter of a text field of the application layer.
func appText(pick func(a *appInfo) []byte) getter {
	return func(c *cursor, out []value) []value {
		if b := pick(c.appOf()); b != nil {
			out = append(out, value{b: b})
		}
		return out
	}
}

// dnsNames is dns.qry.name: the question names of DNS, mDNS and LLMNR
// messages (Wireshark dissects all three with the same fields).
func dnsNames(c *cursor, out []value) []value {
	a := c.appOf()
	if a.kind != appDNS && a.kind != appMDNS && a.kind != appLLMNR {
		return out
	}
	for _, n := range a.dnsNames[:a.nNames] {
		out = append(out, value{b: n})
	}
	return out
}

func addAppFields(r *Registry) {
	for _, p := range []struct {
		name, desc string
		kind       appKind
	}{
		{"dns", "DNS (port 53)", appDNS}, {"mdns", "multicast DNS (port 5353)", appMDNS},
		{"llmnr", "LLMNR (port 5355)", appLLMNR}, {"tls", "TLS record on a TLS port", appTLS},
		{"http", "HTTP/1 request or response start", appHTTP},
	} {
		is := appIs(p.kind)
		r.add(Field{Name: p.name, Desc: p.desc, typ: ftProto, has: is, get: layer(is, payload)})
	}
	r.add(Field{Name: "dns.qry.name", Desc: "DNS question name", typ: ftString, get: dnsNames})
	r.add(Field{Name: "dns.flags.response", Desc: "DNS message is a response", typ: ftBool,
		num: (func(c *cursor) (int64, bool) {
			a := c.appOf()
			if a.kind != appDNS && a.kind != appMDNS && a.kind != appLLMNR {
				return 0, false
			}
			if a.dnsResponse {
				return 1, true
			}
			return 0, true
		})})
	r.add(Field{Name: "tls.handshake.extensions_server_name", Desc: "TLS ClientHello server name (SNI)", typ: ftString,
		get: appText(func(a *appInfo) []byte { return a.sni })})
	r.add(Field{Name: "http.request.method", Desc: "HTTP request method", typ: ftString,
		get: appText(func(a *appInfo) []byte { return a.method })})
	r.add(Field{Name: "http.request.uri", Desc: "HTTP request URI", typ: ftString,
		get: appText(func(a *appInfo) []byte { return a.uri })})
	r.add(Field{Name: "http.host", Desc: "HTTP Host header", typ: ftString,
		get: appText(func(a *appInfo) []byte { return a.host })})
	r.add(Field{Name: "http.response.code", Desc: "HTTP response status code", typ: ftUint, bits: 16,
		num: (func(c *cursor) (int64, bool) {
			a := c.appOf()
			return int64(a.status), a.kind == appHTTP && a.status != 0
		})})
}
