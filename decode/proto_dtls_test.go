package decode

import (
	"encoding/binary"
	"testing"
)

// dtlsRec builds a DTLS record (RFC 6347 §4.1): type, version, epoch,
// 48-bit sequence number, length, body.
func dtlsRec(ct tlsContentType, v tlsVersion, epoch uint16, seq uint32, body []byte) []byte {
	b := []byte{byte(ct)}
	b = binary.BigEndian.AppendUint16(b, uint16(v))
	b = binary.BigEndian.AppendUint16(b, epoch)
	b = append(b, 0, 0)
	b = binary.BigEndian.AppendUint32(b, seq)
	b = binary.BigEndian.AppendUint16(b, uint16(len(body)))
	return append(b, body...)
}

// dtlsHS builds a handshake message fragment (RFC 6347 §4.2.2) of a
// message of length total.
func dtlsHS(typ tlsHandshakeType, total int, mseq uint16, off int, frag []byte) []byte {
	b := []byte{byte(typ), byte(total >> 16), byte(total >> 8), byte(total)}
	b = binary.BigEndian.AppendUint16(b, mseq)
	b = append(b, byte(off>>16), byte(off>>8), byte(off), byte(len(frag)>>16), byte(len(frag)>>8), byte(len(frag)))
	return append(b, frag...)
}

func TestDTLSHeuristic(t *testing.T) {
	hello := dtlsRec(tlsHandshake, tlsVersionDTLS10, 0, 0, dtlsHS(tlsClientHello, 2, 0, 0, []byte{0xfe, 0xfd}))
	cases := []struct {
		name string
		in   []byte
		want bool
	}{
		{"client hello", hello, true},
		{"TLS record", append([]byte{22, 3, 1, 0, 2}, make([]byte, 10)...), false},
		{"STUN binding request", append([]byte{0, 1, 0, 0, 0x21, 0x12, 0xa4, 0x42}, make([]byte, 12)...), false},
		{"length past the datagram", hello[:len(hello)-1], false},
		{"header cut", hello[:12], false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := dtlsHeuristic(c.in); got != c.want {
				t.Errorf("heuristic %v, want %v", got, c.want)
			}
		})
	}
}

// TestDTLSInfo replays hand-built datagrams; the expected columns are
// tshark 4.0's on the same exchanges in testdata/app/lab__dtls.pcap
// (frames 1-5, 9, 14-18: the cookie exchange, the version named by the
// Hello Verify Request then the Server Hello, a Certificate in fragments,
// records after the ChangeCipherSpec).
func TestDTLSInfo(t *testing.T) {
	cert := make([]byte, 300)
	type step struct {
		server bool
		dgram  []byte
		proto  string
		info   string
	}
	steps := []step{
		{false, dtlsRec(tlsHandshake, tlsVersionDTLS10, 0, 0, dtlsHS(tlsClientHello, 2, 0, 0, []byte{0xfe, 0xfd})), "DTLS", "Client Hello"},
		{true, dtlsRec(tlsHandshake, tlsVersionDTLS10, 0, 0, dtlsHS(tlsHelloVerifyRequest, 5, 0, 0, []byte{0xfe, 0xff, 2, 1, 2})), "DTLSv1.0", "Hello Verify Request"},
		{false, dtlsRec(tlsHandshake, tlsVersionDTLS10, 0, 1, dtlsHS(tlsClientHello, 2, 1, 0, []byte{0xfe, 0xfd})), "DTLSv1.0", "Client Hello"},
		{true, append(dtlsRec(tlsHandshake, tlsVersionDTLS12, 0, 1, dtlsHS(tlsServerHello, 2, 1, 0, []byte{0xfe, 0xfd})),
			dtlsRec(tlsHandshake, tlsVersionDTLS12, 0, 2, dtlsHS(tlsCertificate, 300, 2, 0, cert[:100]))...), "DTLSv1.2", "Server Hello, Certificate (Fragment)"},
		{true, dtlsRec(tlsHandshake, tlsVersionDTLS12, 0, 3, dtlsHS(tlsCertificate, 300, 2, 200, cert[200:])), "DTLSv1.2", "Certificate (Fragment)"},
		{true, append(dtlsRec(tlsHandshake, tlsVersionDTLS12, 0, 4, dtlsHS(tlsCertificate, 300, 2, 100, cert[100:200])),
			dtlsRec(tlsHandshake, tlsVersionDTLS12, 0, 5, dtlsHS(tlsServerHelloDone, 0, 3, 0, nil))...), "DTLSv1.2", "Certificate (Reassembled), Server Hello Done"},
		{false, append(dtlsRec(tlsChangeCipherSpec, tlsVersionDTLS12, 0, 2, []byte{1}),
			dtlsRec(tlsHandshake, tlsVersionDTLS12, 1, 0, make([]byte, 48))...), "DTLSv1.2", "Change Cipher Spec, Encrypted Handshake Message"},
		{false, dtlsRec(tlsApplicationData, tlsVersionDTLS12, 1, 1, make([]byte, 46)), "DTLSv1.2", "Application Data"},
		{true, dtlsRec(tlsAlert, tlsVersionDTLS12, 1, 2, make([]byte, 26)), "DTLSv1.2", "Encrypted Alert"},
		{true, dtlsRec(tlsAlert, tlsVersionDTLS12, 0, 9, []byte{2, 40}), "DTLSv1.2", "Alert (Level: Fatal, Description: Handshake Failure)"},
	}
	conv := &Conv{}
	for i, s := range steps {
		var out Out
		out.reset(true)
		p := &PDU{Data: s.dgram, Len: len(s.dgram), Conv: conv, Frame: i, Segments: []int{i}}
		if s.server {
			p.Dir = 1
		}
		if !dtlsDissect(p, &out) || out.Proto != s.proto || out.Info() != s.info {
			t.Errorf("step %d: %s %q, want %s %q", i, out.Proto, out.Info(), s.proto, s.info)
		}
		checkTree(t, out.Tree, len(s.dgram))
	}
}

// TestDTLSVersionWithoutHandshake: a session whose handshake the capture
// missed takes its version from the first record that is not a handshake
// (ssl_try_set_version), and heartbeats read as packet-dtls.c reads them.
// Expected columns: tshark 4.0.17 on testdata/app/lab__dtls-crafted.pcap
// (frames 1, 2, 7-8, 12-15), each case a conversation of its own.
func TestDTLSVersionWithoutHandshake(t *testing.T) {
	heartbeat := func(typ byte, payload int) []byte {
		return append([]byte{typ, byte(payload >> 8), byte(payload)}, make([]byte, 20)...)
	}
	cases := []struct {
		name   string
		dgrams [][]byte
		proto  string
		info   string
	}{
		{"application data names DTLS 1.2", [][]byte{dtlsRec(tlsApplicationData, tlsVersionDTLS12, 1, 1, make([]byte, 20))}, "DTLSv1.2", "Application Data"},
		{"application data names DTLS 1.0", [][]byte{dtlsRec(tlsApplicationData, tlsVersionDTLS10, 1, 1, make([]byte, 20))}, "DTLSv1.0", "Application Data"},
		{"a Client Hello names none, the reply's data does", [][]byte{
			dtlsRec(tlsHandshake, tlsVersionDTLS12, 0, 0, dtlsHS(tlsClientHello, 2, 0, 0, []byte{0xfe, 0xfd})),
			dtlsRec(tlsApplicationData, tlsVersionDTLS12, 1, 1, make([]byte, 20))}, "DTLSv1.2", "Application Data"},
		{"encrypted handshake names none", [][]byte{dtlsRec(tlsHandshake, tlsVersionDTLS12, 1, 1, make([]byte, 40))}, "DTLS", "Encrypted Handshake Message"},
		{"heartbeat request in clear", [][]byte{dtlsRec(tlsHeartbeat, tlsVersionDTLS12, 0, 1, heartbeat(1, 4))}, "DTLSv1.2", "Heartbeat Request"},
		{"heartbeat response in clear", [][]byte{dtlsRec(tlsHeartbeat, tlsVersionDTLS12, 0, 1, heartbeat(2, 4))}, "DTLSv1.2", "Heartbeat Response"},
		{"heartbeat too short", [][]byte{dtlsRec(tlsHeartbeat, tlsVersionDTLS12, 0, 1, []byte{1})}, "DTLSv1.2", "[Malformed Packet]"},
		{"heartbeat of unknown type", [][]byte{dtlsRec(tlsHeartbeat, tlsVersionDTLS12, 0, 1, heartbeat(5, 1))}, "DTLSv1.2", "Encrypted Heartbeat"},
		{"heartbeat payload past the record", [][]byte{dtlsRec(tlsHeartbeat, tlsVersionDTLS12, 0, 1, heartbeat(1, 64))}, "DTLSv1.2", "Encrypted Heartbeat"},
		{"heartbeat after the epoch changed", [][]byte{dtlsRec(tlsHeartbeat, tlsVersionDTLS12, 1, 1, heartbeat(1, 4))}, "DTLSv1.2", "Encrypted Heartbeat"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			conv := &Conv{}
			var out Out
			for i, d := range c.dgrams {
				out.reset(true)
				p := &PDU{Data: d, Len: len(d), Conv: conv, Frame: i, Segments: []int{i}, Dir: uint8(i & 1)}
				dtlsDissect(p, &out)
				checkTree(t, out.Tree, len(d))
			}
			if out.Proto != c.proto || out.Info() != c.info {
				t.Errorf("%s %q, want %s %q", out.Proto, out.Info(), c.proto, c.info)
			}
		})
	}
}

// FuzzProtoDTLS feeds arbitrary datagrams, both directions, through the
// dissector: no panic, every field inside the datagram.
func FuzzProtoDTLS(f *testing.F) {
	f.Add(dtlsRec(tlsHandshake, tlsVersionDTLS10, 0, 0, dtlsHS(tlsHelloVerifyRequest, 5, 0, 0, []byte{0xfe, 0xff, 2, 1, 2})), uint8(1))
	f.Add(dtlsRec(tlsHandshake, tlsVersionDTLS12, 0, 4, dtlsHS(tlsCertificate, 300, 2, 100, make([]byte, 50))), uint8(0))
	f.Add(append(dtlsRec(tlsChangeCipherSpec, tlsVersionDTLS12, 0, 2, []byte{1}), dtlsRec(tlsAlert, tlsVersionDTLS12, 0, 3, []byte{2, 40})...), uint8(2))
	for i, b := range udpPayloads(f, "../testdata/app/lab__dtls.pcap") {
		f.Add(b, uint8(i)) // real hellos with cookies, extensions, fragments
	}
	f.Fuzz(func(t *testing.T, b []byte, dirs uint8) {
		conv := &Conv{}
		for i := range 3 {
			var out Out
			out.reset(true)
			p := &PDU{Data: b, Len: len(b), Conv: conv, Frame: i, Segments: []int{i}, Dir: dirs >> i & 1}
			dtlsDissect(p, &out)
			checkTree(t, out.Tree, len(b))
			if len(b) > 20 {
				b = b[7:]
			}
		}
	})
}
