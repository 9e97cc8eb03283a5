package decode

import (
	"encoding/binary"
	"encoding/hex"
	"strconv"
)

// The TLS 1.3 handshake message that QUIC carries in its Initial CRYPTO
// frames (RFC 9001 §4): a ClientHello or a ServerHello without a record
// layer. This small reader gives the details tree Wireshark's
// tls13-handshake dissector shows for them and the server name that names
// the flow; it reads only what QUIC needs (hello fields, SNI, ALPN) and is
// meant to be folded into the TLS dissector's handshake parser.

// quicTLSMaxExtensions bounds the extensions listed from one hello.
const quicTLSMaxExtensions = 128

// TLS handshake types QUIC Initials carry.
const (
	quicTLSClientHello = 1
	quicTLSServerHello = 2
)

var quicTLSHandshakeNames = map[byte]string{quicTLSClientHello: "Client Hello", quicTLSServerHello: "Server Hello"}

// quicTLSExtensionNames are the IANA names Wireshark shows.
var quicTLSExtensionNames = map[uint16]string{
	0: "server_name", 1: "max_fragment_length", 5: "status_request", 10: "supported_groups",
	11: "ec_point_formats", 13: "signature_algorithms", 14: "use_srtp", 15: "heartbeat",
	16: "application_layer_protocol_negotiation", 18: "signed_certificate_timestamp", 21: "padding",
	22: "encrypt_then_mac", 23: "extended_master_secret", 27: "compress_certificate", 28: "record_size_limit",
	35: "session_ticket", 41: "pre_shared_key", 42: "early_data", 43: "supported_versions", 44: "cookie",
	45: "psk_key_exchange_modes", 47: "certificate_authorities", 49: "post_handshake_auth",
	50: "signature_algorithms_cert", 51: "key_share", 57: "quic_transport_parameters",
	17513: "application_settings", 65037: "encrypted_client_hello", 65281: "renegotiation_info",
	0xffa5: "quic_transport_parameters (drafts version)",
}

// quicTLSCipherNames names the suites QUIC clients offer.
var quicTLSCipherNames = map[uint16]string{
	0x1301: "TLS_AES_128_GCM_SHA256", 0x1302: "TLS_AES_256_GCM_SHA384", 0x1303: "TLS_CHACHA20_POLY1305_SHA256",
	0x1304: "TLS_AES_128_CCM_SHA256", 0x1305: "TLS_AES_128_CCM_8_SHA256",
}

func quicTLSVersionName(v uint16) string {
	switch v {
	case 0x0300:
		return "SSL 3.0"
	case 0x0301:
		return "TLS 1.0"
	case 0x0302:
		return "TLS 1.1"
	case 0x0303:
		return "TLS 1.2"
	case 0x0304:
		return "TLS 1.3"
	}
	if v&0x0f0f == 0x0a0a && v>>8 == v&0xff {
		return "Reserved (GREASE)"
	}
	return "Unknown"
}

func quicHex4(v uint16) string { return hex.EncodeToString([]byte{byte(v >> 8), byte(v)}) }

// quicTLSHandshakeFields reads one handshake message. at is where msg lies in
// the packet (-1 when it was reassembled from several frames: the fields
// then highlight nothing). It returns the "tls" layer (nil without tree)
// and a ClientHello's server name.
func quicTLSHandshakeFields(msg []byte, at int, tree bool) (*Field, string) {
	if len(msg) < 4 {
		return nil, ""
	}
	typ := msg[0]
	name, known := quicTLSHandshakeNames[typ]
	if !known {
		name = "Encrypted Handshake Message"
	}
	var r quicTLSReader
	r.b, r.at, r.tree = msg, at, tree
	hs := Field{Name: "tls.handshake", Label: "Handshake Protocol: " + name, Start: r.pos(0), Len: r.span(len(msg))}
	hs.Children = append(hs.Children,
		r.uint("tls.handshake.type", "Handshake Type: "+name+" ("+strconv.Itoa(int(typ))+")", 0, 1, uint64(typ)),
		r.uint("tls.handshake.length", "Length: "+strconv.Itoa(len(msg)-4), 1, 3, uint64(len(msg)-4)))
	r.off = 4
	var sni string
	if known {
		sni = r.hello(typ, &hs)
	}
	if !tree {
		return nil, sni
	}
	top := &Field{Name: "tls", Label: "TLSv1.3 Record Layer: Handshake Protocol: " + name, Start: r.pos(0), Len: r.span(len(msg)),
		Kind: FieldProto, Children: []Field{hs}}
	return top, sni
}

// quicTLSReader walks a handshake message, building fields when tree is set.
type quicTLSReader struct {
	b    []byte
	off  int
	at   int
	tree bool
}

func (r *quicTLSReader) pos(o int) int {
	if r.at < 0 {
		return 0
	}
	return r.at + o
}

func (r *quicTLSReader) span(n int) int {
	if r.at < 0 {
		return 0
	}
	return n
}

func (r *quicTLSReader) uint(name, label string, o, n int, v uint64) Field {
	return UintField(name, label, r.pos(o), r.span(n), v)
}

func (r *quicTLSReader) has(n int) bool { return n >= 0 && r.off+n <= len(r.b) }

func (r *quicTLSReader) u8() int { v := int(r.b[r.off]); r.off++; return v }

func (r *quicTLSReader) u16() int {
	v := int(binary.BigEndian.Uint16(r.b[r.off:]))
	r.off += 2
	return v
}

// hello reads a ClientHello or ServerHello body into hs; it returns the
// server name of a ClientHello.
func (r *quicTLSReader) hello(typ byte, hs *Field) string {
	add := func(f Field) {
		if r.tree {
			hs.Children = append(hs.Children, f)
		}
	}
	if !r.has(2 + 32 + 1) {
		return ""
	}
	v := uint16(r.u16())
	add(r.uint("tls.handshake.version", "Version: "+quicTLSVersionName(v)+" (0x"+quicHex4(v)+")", r.off-2, 2, uint64(v)))
	add(Field{Name: "tls.handshake.random", Label: "Random: " + hex.EncodeToString(r.b[r.off:r.off+32]), Start: r.pos(r.off), Len: r.span(32),
		Kind: FieldBytes, Str: string(r.b[r.off : r.off+32])})
	r.off += 32
	sl := r.u8()
	add(r.uint("tls.handshake.session_id_length", "Session ID Length: "+strconv.Itoa(sl), r.off-1, 1, uint64(sl)))
	if !r.has(sl) {
		return ""
	}
	if sl > 0 {
		add(Field{Name: "tls.handshake.session_id", Label: "Session ID: " + hex.EncodeToString(r.b[r.off:r.off+sl]), Start: r.pos(r.off), Len: r.span(sl),
			Kind: FieldBytes, Str: string(r.b[r.off : r.off+sl])})
	}
	r.off += sl
	if typ == quicTLSServerHello {
		if !r.has(3) {
			return ""
		}
		cs := uint16(r.u16())
		add(r.uint("tls.handshake.ciphersuite", "Cipher Suite: "+quicTLSCipherName(cs)+" (0x"+quicHex4(cs)+")", r.off-2, 2, uint64(cs)))
		cm := r.u8()
		add(r.uint("tls.handshake.comp_method", "Compression Method: "+quicTLSCompName(cm)+" ("+strconv.Itoa(cm)+")", r.off-1, 1, uint64(cm)))
	} else {
		if !r.has(2) {
			return ""
		}
		cl := r.u16()
		add(r.uint("tls.handshake.cipher_suites_length", "Cipher Suites Length: "+strconv.Itoa(cl), r.off-2, 2, uint64(cl)))
		if !r.has(cl) {
			return ""
		}
		suites := Field{Name: "tls.handshake.ciphersuites", Label: "Cipher Suites (" + strconv.Itoa(cl/2) + " suites)", Start: r.pos(r.off), Len: r.span(cl)}
		for i := 0; r.tree && i+1 < cl; i += 2 {
			cs := binary.BigEndian.Uint16(r.b[r.off+i:])
			suites.Children = append(suites.Children, r.uint("tls.handshake.ciphersuite", "Cipher Suite: "+quicTLSCipherName(cs)+" (0x"+quicHex4(cs)+")", r.off+i, 2, uint64(cs)))
		}
		add(suites)
		r.off += cl
		if !r.has(1) {
			return ""
		}
		ml := r.u8()
		add(r.uint("tls.handshake.comp_methods_length", "Compression Methods Length: "+strconv.Itoa(ml), r.off-1, 1, uint64(ml)))
		if !r.has(ml) {
			return ""
		}
		word := " methods)"
		if ml == 1 {
			word = " method)"
		}
		methods := Field{Name: "tls.handshake.comp_methods", Label: "Compression Methods (" + strconv.Itoa(ml) + word, Start: r.pos(r.off), Len: r.span(ml)}
		for i := 0; r.tree && i < ml; i++ {
			cm := int(r.b[r.off+i])
			methods.Children = append(methods.Children, r.uint("tls.handshake.comp_method", "Compression Method: "+quicTLSCompName(cm)+" ("+strconv.Itoa(cm)+")", r.off+i, 1, uint64(cm)))
		}
		add(methods)
		r.off += ml
	}
	if !r.has(2) {
		return ""
	}
	el := r.u16()
	add(r.uint("tls.handshake.extensions_length", "Extensions Length: "+strconv.Itoa(el), r.off-2, 2, uint64(el)))
	end := min(r.off+el, len(r.b))
	var sni string
	for n := 0; r.off+4 <= end && n < quicTLSMaxExtensions; n++ {
		et := uint16(binary.BigEndian.Uint16(r.b[r.off:]))
		l := int(binary.BigEndian.Uint16(r.b[r.off+2:]))
		if r.off+4+l > end {
			break
		}
		ext := Field{Label: "Extension: " + quicTLSExtensionName(et) + " (len=" + strconv.Itoa(l) + ")", Start: r.pos(r.off), Len: r.span(4 + l)}
		ext.Children = append(ext.Children,
			r.uint("tls.handshake.extension.type", "Type: "+quicTLSExtensionName(et)+" ("+strconv.Itoa(int(et))+")", r.off, 2, uint64(et)),
			r.uint("tls.handshake.extension.len", "Length: "+strconv.Itoa(l), r.off+2, 2, uint64(l)))
		body := r.off + 4
		switch et {
		case 0:
			if name, f := r.serverName(body, l); name != "" || f != nil {
				if sni == "" {
					sni = name
				}
				if f != nil {
					ext.Children = append(ext.Children, *f)
				}
			}
		case 16:
			ext.Children = append(ext.Children, r.alpn(body, l)...)
		}
		add(ext)
		r.off = body + l
	}
	return sni
}

// serverName reads a server_name extension (RFC 6066 §3).
func (r *quicTLSReader) serverName(o, l int) (string, *Field) {
	if l < 2 {
		return "", nil
	}
	ll := int(binary.BigEndian.Uint16(r.b[o:]))
	f := &Field{Label: "Server Name Indication extension", Start: r.pos(o), Len: r.span(l)}
	f.Children = append(f.Children, r.uint("tls.handshake.extensions_server_name_list_len", "Server Name list length: "+strconv.Itoa(ll), o, 2, uint64(ll)))
	end := min(o+2+ll, o+l)
	var first string
	for p := o + 2; p+3 <= end; {
		nt := int(r.b[p])
		nl := int(binary.BigEndian.Uint16(r.b[p+1:]))
		if p+3+nl > end {
			break
		}
		name := string(r.b[p+3 : p+3+nl])
		typeName := "Unknown"
		if nt == 0 {
			typeName = "host_name"
			if first == "" {
				first = name
			}
		}
		f.Children = append(f.Children,
			r.uint("tls.handshake.extensions_server_name_type", "Server Name Type: "+typeName+" ("+strconv.Itoa(nt)+")", p, 1, uint64(nt)),
			r.uint("tls.handshake.extensions_server_name_len", "Server Name length: "+strconv.Itoa(nl), p+1, 2, uint64(nl)),
			Field{Name: "tls.handshake.extensions_server_name", Label: "Server Name: " + Printable(name), Start: r.pos(p + 3), Len: r.span(nl),
				Kind: FieldString, Str: name})
		p += 3 + nl
	}
	return first, f
}

// alpn reads an application_layer_protocol_negotiation extension
// (RFC 7301 §3.1).
func (r *quicTLSReader) alpn(o, l int) []Field {
	if l < 2 {
		return nil
	}
	ll := int(binary.BigEndian.Uint16(r.b[o:]))
	list := Field{Name: "tls.handshake.extensions_alpn_list", Label: "ALPN Protocol", Start: r.pos(o + 2), Len: r.span(min(ll, l-2))}
	end := min(o+2+ll, o+l)
	for p := o + 2; p < end; {
		n := int(r.b[p])
		if p+1+n > end {
			break
		}
		s := string(r.b[p+1 : p+1+n])
		list.Children = append(list.Children,
			r.uint("tls.handshake.extensions_alpn_str_len", "ALPN string length: "+strconv.Itoa(n), p, 1, uint64(n)),
			Field{Name: "tls.handshake.extensions_alpn_str", Label: "ALPN Next Protocol: " + Printable(s), Start: r.pos(p + 1), Len: r.span(n),
				Kind: FieldString, Str: s})
		p += 1 + n
	}
	return []Field{r.uint("tls.handshake.extensions_alpn_len", "ALPN Extension Length: "+strconv.Itoa(ll), o, 2, uint64(ll)), list}
}

func quicTLSExtensionName(t uint16) string {
	if s, ok := quicTLSExtensionNames[t]; ok {
		return s
	}
	if t&0x0f0f == 0x0a0a && t>>8 == t&0xff {
		return "Reserved (GREASE)"
	}
	return "Unknown type " + strconv.Itoa(int(t))
}

func quicTLSCipherName(c uint16) string {
	if s, ok := quicTLSCipherNames[c]; ok {
		return s
	}
	if c&0x0f0f == 0x0a0a && c>>8 == c&0xff {
		return "Reserved (GREASE)"
	}
	return "Unknown"
}

func quicTLSCompName(m int) string {
	if m == 0 {
		return "null"
	}
	return "Unknown"
}
