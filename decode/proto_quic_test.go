package decode

import (
	"bytes"
	"crypto/aes"
	"encoding/binary"
	"encoding/hex"
	"strings"
	"testing"
)

func unhex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(strings.ReplaceAll(s, " ", ""))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestQUICInitialSecrets checks the Initial key derivation against the
// test vectors of RFC 9001 Appendix A.1 (v1) and RFC 9369 Appendix A.1
// (v2), both for the DCID 0x8394c8f03e515708.
func TestQUICInitialSecrets(t *testing.T) {
	dcid := unhex(t, "8394c8f03e515708")
	tests := []struct {
		name    string
		version quicVersion
		want    [2][3]string // client, server: key, iv, hp
	}{
		{"v1 RFC 9001 A.1", quicV1, [2][3]string{
			{"1f369613dd76d5467730efcbe3b1a22d", "fa044b2f42a3fd3b46fb255c", "9f50449e04a0e810283a1e9933adedd2"},
			{"cf3a5331653c364c88f0f379b6067e37", "0ac1493ca1905853b0bba03e", "c206b8d9b9f0f37644430b490eeaa314"}}},
		{"v2 RFC 9369 A.1", quicV2, [2][3]string{
			{"8b1a0bc121284290a29e0971b5cd045d", "91f73e2351d8fa91660e909f", "45b95e15235d6f45a6b19cbcb0294ba9"},
			{"82db637861d55e1d011f19ea71d5d2a7", "dd13c276499c0249d3310652", "edf6d05c83121201b436e16877593c3a"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := quicInitialSecrets(dcid, tc.version)
			if !ok {
				t.Fatal("derivation failed")
			}
			for side, w := range tc.want {
				g := [3]string{hex.EncodeToString(got[side].key), hex.EncodeToString(got[side].iv), hex.EncodeToString(got[side].hp)}
				if g != w {
					t.Errorf("side %d: got key/iv/hp %v, want %v", side, g, w)
				}
			}
		})
	}
}

// TestQUICAdjustPN checks packet number recovery (RFC 9000 §17.1 and
// Appendix A.3's example).
func TestQUICAdjustPN(t *testing.T) {
	tests := []struct {
		name       string
		max, trunc uint64
		bits       uint
		want       uint64
	}{
		{"RFC 9000 A.3 example", 0xa82f30ea, 0x9b32, 16, 0xa82f9b32},
		{"first packet", 0, 0, 8, 0},
		{"small next", 3, 7, 8, 7},
		{"wraps to the next window", 0xff, 0x01, 8, 0x101},
		{"4-byte number taken as is", 0, 0x0032219, 32, 0x0032219},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := quicAdjustPN(tc.max, tc.trunc, tc.bits); got != tc.want {
				t.Errorf("quicAdjustPN(%#x, %#x, %d) = %#x, want %#x", tc.max, tc.trunc, tc.bits, got, tc.want)
			}
		})
	}
}

// TestQUICHeuristic checks the long header heuristic (Wireshark's
// dissect_quic_heur).
func TestQUICHeuristic(t *testing.T) {
	long := func(first byte, v uint32, dcil, scil byte) []byte {
		b := []byte{first, 0, 0, 0, 0, dcil}
		binary.BigEndian.PutUint32(b[1:], v)
		b = append(b, make([]byte, int(dcil))...)
		b = append(b, scil)
		return append(b, make([]byte, 32)...)
	}
	tests := []struct {
		name string
		b    []byte
		want bool
	}{
		{"v1 Initial", long(0xc0, 1, 8, 0), true},
		{"v2", long(0xd0, 0x6b3343cf, 8, 8), true},
		{"draft-29", long(0xc0, 0xff00001d, 8, 0), true},
		{"draft-10 too old", long(0xc0, 0xff00000a, 8, 0), false},
		{"reserved version forcing negotiation", long(0xc0, 0x1a2a3a4a, 8, 0), true},
		{"unknown version", long(0xc0, 0x12345678, 8, 0), false},
		{"DCID longer than 20", long(0xc0, 1, 21, 0), false},
		{"SCID longer than 20", long(0xc0, 1, 8, 21), false},
		{"short header", append([]byte{0x40}, make([]byte, 40)...), false},
		{"too short", []byte{0xc0, 0, 0, 0, 1}, false},
		{"version negotiation (version 0)", long(0x80, 0, 8, 8), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := quicHeuristic(tc.b); got != tc.want {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

// testClientHello is a minimal TLS 1.3 ClientHello carrying the server
// name sni and ALPN "h3", built by hand after RFC 8446 §4.1.2.
func testClientHello(sni string) []byte {
	var body []byte
	body = append(body, 0x03, 0x03)
	body = append(body, bytes.Repeat([]byte{0x11}, 32)...)
	body = append(body, 0)                // session id
	body = append(body, 0, 2, 0x13, 0x01) // one suite
	body = append(body, 1, 0)             // null compression
	name := append([]byte{0, byte(len(sni) >> 8), byte(len(sni))}, sni...)
	list := append([]byte{byte(len(name) >> 8), byte(len(name))}, name...)
	ext := append([]byte{0, 0, byte(len(list) >> 8), byte(len(list))}, list...)
	ext = append(ext, 0, 16, 0, 5, 0, 3, 2, 'h', '3')
	body = append(body, byte(len(ext)>>8), byte(len(ext)))
	body = append(body, ext...)
	return append([]byte{1, 0, byte(len(body) >> 8), byte(len(body))}, body...)
}

// sealInitial builds a client Initial packet of version v protected with
// the keys of dcid, the way a sender does (RFC 9001 §5.3-5.4), carrying
// frames; pn is sent in 2 bytes.
func sealInitial(t testing.TB, v quicVersion, dcid, scid []byte, pn uint64, frames []byte) []byte {
	t.Helper()
	keys := quicInitialKeys(dcid, v)[0]
	if keys == nil {
		t.Fatal("no keys")
	}
	first := byte(0xc1) // long, fixed, Initial (v1 numbering), 2-byte PN
	if v == quicV2 {
		first = 0xd1 // v2 Initial is type 1
	}
	hdr := []byte{first, 0, 0, 0, 0}
	binary.BigEndian.PutUint32(hdr[1:], uint32(v))
	hdr = append(hdr, byte(len(dcid)))
	hdr = append(hdr, dcid...)
	hdr = append(hdr, byte(len(scid)))
	hdr = append(hdr, scid...)
	hdr = append(hdr, 0) // token length
	length := 2 + len(frames) + 16
	hdr = append(hdr, 0x40|byte(length>>8), byte(length))
	pnOff := len(hdr)
	hdr = append(hdr, byte(pn>>8), byte(pn))
	nonce := keys.iv
	for i := 0; i < 8; i++ {
		nonce[4+i] ^= byte(pn >> (56 - 8*i))
	}
	pkt := keys.aead.Seal(append([]byte(nil), hdr...), nonce[:], frames, hdr)
	var mask [16]byte
	keys.hp.Encrypt(mask[:], pkt[pnOff+4:pnOff+20])
	pkt[0] ^= mask[0] & 0x0f
	pkt[pnOff] ^= mask[1]
	pkt[pnOff+1] ^= mask[2]
	return pkt
}

// cryptoFrame is a CRYPTO frame (RFC 9000 §19.6) with 2-byte varints.
func cryptoFrame(off int, data []byte) []byte {
	f := []byte{0x06, 0x40 | byte(off>>8), byte(off), 0x40 | byte(len(data)>>8), byte(len(data))}
	return append(f, data...)
}

// TestQUICDissectSealedInitial seals Initial packets with the RFC's key
// schedule and checks what the dissector recovers: the Info column
// tshark would print, the packet number, the ClientHello's server name
// (also when its CRYPTO data is split over two packets, second part first)
// and the header fields.
func TestQUICDissectSealedInitial(t *testing.T) {
	dcid := unhex(t, "8394c8f03e515708")
	hello := testClientHello("example.test")
	pad := make([]byte, 40)
	tests := []struct {
		name     string
		v        quicVersion
		packets  [][]byte
		wantInfo []string
	}{
		{"v1 whole ClientHello", quicV1, [][]byte{sealInitial(t, quicV1, dcid, nil, 0, append(cryptoFrame(0, hello), pad...))},
			[]string{"Initial, DCID=8394c8f03e515708, PKN: 0, CRYPTO, PADDING"}},
		{"v2 with SCID", quicV2, [][]byte{sealInitial(t, quicV2, dcid, []byte{1, 2, 3, 4}, 0, append(cryptoFrame(0, hello), pad...))},
			[]string{"Initial, DCID=8394c8f03e515708, SCID=01020304, PKN: 0, CRYPTO, PADDING"}},
		{"split, second part first", quicV1, [][]byte{
			sealInitial(t, quicV1, dcid, nil, 1, append(append([]byte{0x01}, cryptoFrame(20, hello[20:])...), pad...)),
			sealInitial(t, quicV1, dcid, nil, 2, append(cryptoFrame(0, hello[:20]), pad...)),
		}, []string{"Initial, DCID=8394c8f03e515708, PKN: 1, PING, CRYPTO, PADDING", "Initial, DCID=8394c8f03e515708, PKN: 2, CRYPTO, PADDING"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			conv := &Conv{}
			var out Out
			for i, pkt := range tc.packets {
				out.reset(true)
				p := PDU{Data: pkt, Len: len(pkt), Conv: conv}
				if !dissectQUIC(&p, &out) {
					t.Fatalf("packet %d not dissected", i)
				}
				if out.Proto != "QUIC" || out.Info() != tc.wantInfo[i] {
					t.Errorf("packet %d: got %s | %q, want QUIC | %q", i, out.Proto, out.Info(), tc.wantInfo[i])
				}
			}
			if out.name != "example.test" {
				t.Errorf("flow name %q, want example.test", out.name)
			}
			sni := findField(out.Tree, "tls.handshake.extensions_server_name")
			if sni == nil || sni.Str != "example.test" || sni.Label != "Server Name: example.test" {
				t.Errorf("SNI field %+v", sni)
			}
			if v := findField(out.Tree, "quic.version"); v == nil || v.Num != uint64(tc.v) {
				t.Errorf("quic.version field %+v, want %#x", v, tc.v)
			}
			if d := findField(out.Tree, "quic.dcid"); d == nil || d.Str != string(dcid) || d.Start != 6 || d.Len != 8 {
				t.Errorf("quic.dcid field %+v", d)
			}
		})
	}
}

// TestQUICDissectTampered checks that a packet whose payload fails
// authentication shows its header and packet number only, as tshark does
// ("Decryption failed"), and names no flow.
func TestQUICDissectTampered(t *testing.T) {
	dcid := unhex(t, "8394c8f03e515708")
	pkt := sealInitial(t, quicV1, dcid, nil, 5, append(cryptoFrame(0, testClientHello("x.test")), make([]byte, 40)...))
	pkt[len(pkt)-1] ^= 1
	var out Out
	out.reset(true)
	p := PDU{Data: pkt, Len: len(pkt), Conv: &Conv{}}
	dissectQUIC(&p, &out)
	if got, want := out.Info(), "Initial, DCID=8394c8f03e515708, PKN: 5"; got != want {
		t.Errorf("Info %q, want %q", got, want)
	}
	if out.name != "" {
		t.Errorf("named the flow %q from a forged packet", out.name)
	}
}

func findField(fs []Field, name string) *Field {
	for i := range fs {
		if fs[i].Name == name {
			return &fs[i]
		}
		if f := findField(fs[i].Children, name); f != nil {
			return f
		}
	}
	return nil
}

// TestQUICHeaderProtectionMask checks the mask computation with RFC 9001
// Appendix A.2's client sample.
func TestQUICHeaderProtectionMask(t *testing.T) {
	hp, err := aes.NewCipher(unhex(t, "9f50449e04a0e810283a1e9933adedd2"))
	if err != nil {
		t.Fatal(err)
	}
	// a long header whose packet number (4 bytes, protected) starts at 18,
	// followed by the RFC's sample
	pkt := make([]byte, 18+4+16)
	pkt[0] = 0xc3 ^ 0x03 // unprotected first byte c3 after masking with 0x43&0x0f
	copy(pkt[22:], unhex(t, "d1b1c98dd7689fb8ec11d242b123dc9b"))
	first, pn, n, ok := quicUnprotect(pkt, 18, hp)
	if !ok || first != 0xc3 || n != 4 {
		t.Fatalf("first %#x n %d ok %v, want 0xc3 4 true", first, n, ok)
	}
	// mask bytes 1-4 are 7b 9a ec 36: zero bytes on the wire unmask to them
	if pn != 0x7b9aec36 {
		t.Errorf("pn %#x, want 0x7b9aec36 (the mask)", pn)
	}
}

// TestQUICDetailsMatchPDML checks the QUIC layer of a real client Initial
// against tshark's PDML for the same frame
// (tshark -r curl-8.1.2-dev-http3-www-google-de.pcap -T pdml, frame 1):
// field names, labels, byte positions and values, the decrypted
// ClientHello's server name, and the name the flow gets from it.
func TestQUICDetailsMatchPDML(t *testing.T) {
	_, w := appWalker(t, "zeek__zeek__testing__btest__Traces__quic__curl-8.1.2-dev-http3-www-google-de.pcap")
	res := w.At(0, true)
	if res.Proto != "QUIC" {
		t.Fatalf("protocol %q", res.Proto)
	}
	var quic *Field
	for i := range res.Tree {
		if res.Tree[i].Name == "quic" {
			quic = &res.Tree[i]
			break
		}
	}
	if quic == nil || quic.Label != "QUIC IETF" || quic.Start != 42 || quic.Len != 334 {
		t.Fatalf("quic layer %+v", quic)
	}
	want := []struct {
		name, label string
		pos, size   int
	}{
		{"quic.packet_length", "Packet Length: 334", 42, 0},
		{"quic.header_form", "1... .... = Header Form: Long Header (1)", 42, 1},
		{"quic.fixed_bit", ".1.. .... = Fixed Bit: True", 42, 1},
		{"quic.long.packet_type", "..00 .... = Packet Type: Initial (0)", 42, 1},
		{"quic.long.reserved", ".... 00.. = Reserved: 0", 42, 1},
		{"quic.packet_number_length", ".... ..00 = Packet Number Length: 1 bytes (0)", 42, 1},
		{"quic.version", "Version: 1 (0x00000001)", 43, 4},
		{"quic.dcil", "Destination Connection ID Length: 16", 47, 1},
		{"quic.dcid", "Destination Connection ID: 815d62c70884f4b51e8ccadd5beed372", 48, 16},
		{"quic.scil", "Source Connection ID Length: 20", 64, 1},
		{"quic.scid", "Source Connection ID: e5ec6b26584229be98a164349ae910351c40d10b", 65, 20},
		{"quic.token_length", "Token Length: 0", 85, 1},
		{"quic.length", "Length: 288", 86, 2},
		{"quic.packet_number", "Packet Number: 0", 88, 1},
		{"quic.payload", "Payload: 43dfccf374eedfb3574208cf95e8d03303e0318b0f79d4779d91f428213c42a2793c2519…", 89, 287},
		{"quic.frame", "CRYPTO", -1, -1},
	}
	if len(quic.Children) < len(want) {
		t.Fatalf("%d fields, want at least %d: %+v", len(quic.Children), len(want), quic.Children)
	}
	for i, w := range want {
		g := quic.Children[i]
		if g.Name != w.name || g.Label != w.label || (w.pos >= 0 && (g.Start != w.pos || g.Len != w.size)) {
			t.Errorf("field %d: got %s %q @%d+%d, want %s %q @%d+%d", i, g.Name, g.Label, g.Start, g.Len, w.name, w.label, w.pos, w.size)
		}
	}
	for _, c := range []struct {
		name  string
		label string
		num   uint64
		str   string
	}{
		{"quic.version", "", 1, ""},
		{"quic.crypto.length", "Length: 267", 267, ""},
		{"tls.handshake.type", "Handshake Type: Client Hello (1)", 1, ""},
		{"tls.handshake.extensions_server_name", "Server Name: www.google.de", 0, "www.google.de"},
		{"tls.handshake.extensions_alpn_str", "ALPN Next Protocol: h3", 0, "h3"},
	} {
		f := findField(quic.Children, c.name)
		if f == nil || (c.label != "" && f.Label != c.label) || f.Num != c.num || f.Str != c.str {
			t.Errorf("%s: got %+v", c.name, f)
		}
	}
	if res.Name != "www.google.de" {
		t.Errorf("flow name %q, want www.google.de", res.Name)
	}
	// a later packet of the flow carries the name too
	if res := w.At(10, false); res.Name != "www.google.de" {
		t.Errorf("frame 11 flow name %q", res.Name)
	}
}

// udpPayloads returns the UDP payloads of a testdata capture.
func udpPayloads(t testing.TB, file string) [][]byte {
	t.Helper()
	src, err := Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	x := Load(src)
	x.Wait()
	var out [][]byte
	var h Headers
	for i := 0; i < x.Len(); i++ {
		p := x.Packet(i)
		if p.Proto != ProtoUDPPacket {
			continue
		}
		data, err := x.Data(i, nil)
		if err != nil {
			continue
		}
		h.Parse(x.LinkType(p), data, p.OrigLen)
		if len(h.Payload) > 0 {
			out = append(out, bytes.Clone(h.Payload))
		}
	}
	return out
}

// FuzzProtoQUIC feeds datagrams to the QUIC dissector: the input is cut
// into up to four datagrams of one conversation, alternating direction,
// so connection state, coalescing, decryption and CRYPTO reassembly all
// see hostile bytes. Seeds are real client and server Initials, short
// headers, Version Negotiation and Retry from testdata/app, and sealed
// Initials. Properties: no panic, QUIC claims every datagram, the tree's
// byte ranges stay inside the datagram.
func FuzzProtoQUIC(f *testing.F) {
	for _, file := range []string{
		"../testdata/app/zeek__zeek__testing__btest__Traces__quic__curl-8.1.2-dev-http3-www-google-de.pcap",
		"../testdata/app/the-tcpdump-group__tcpdump__tests__quic_vn.pcap",
		"../testdata/app/zeek__zeek__testing__btest__Traces__quic__quicv2-http3-443.pcap",
	} {
		ps := udpPayloads(f, file)
		for i := 0; i+1 < len(ps) && i < 8; i++ {
			f.Add(append(append(append([]byte(nil), ps[i]...), 0xff, 0xfe, 0xfd), ps[i+1]...))
		}
	}
	f.Add(sealInitial(f, quicV1, []byte{1, 2, 3, 4, 5, 6, 7, 8}, nil, 0, cryptoFrame(0, testClientHello("a.b"))))
	f.Add(append(cryptoFrame(0, testClientHello("a.b")), 0, 0, 1, 2, 0, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6, 0x1c, 1, 0, 2, 'h', 'i'))
	f.Add(testClientHello("a.b"))
	f.Fuzz(func(t *testing.T, b []byte) {
		conv := &Conv{}
		var out Out
		parts := bytes.SplitN(b, []byte{0xff, 0xfe, 0xfd}, 4)
		for i, d := range parts {
			if len(d) == 0 {
				continue
			}
			out.reset(i%2 == 0)
			p := PDU{Data: d, Len: len(d), Conv: conv, Dir: uint8(i & 1)}
			if !dissectQUIC(&p, &out) {
				t.Fatalf("datagram %d not claimed", i)
			}
			checkTree(t, out.Tree, len(d))
		}
		// Sealed payloads cannot be forged, so the frame and handshake
		// readers also get the input as if it had been decrypted.
		for _, v := range []quicVersion{quicV1, quicT051} {
			out.reset(true)
			q := quicPacket{p: &PDU{Data: b}, out: &out, c: &quicConn{version: v}}
			q.frames(b, 0, &Field{})
		}
		if f, _ := quicTLSHandshakeFields(b, 0, true); f != nil {
			checkTree(t, []Field{*f}, len(b))
		}
	})
}
