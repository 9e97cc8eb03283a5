package decode

import (
	"testing"
)

// mypkt builds one MySQL packet: 3-byte length, sequence number, payload.
func mypkt(seq byte, payload []byte) []byte {
	n := len(payload)
	return append([]byte{byte(n), byte(n >> 8), byte(n >> 16), seq}, payload...)
}

// TestMysqlLenenc checks length-encoded integers (MySQL's
// "Protocol::LengthEncodedInteger").
func TestMysqlLenenc(t *testing.T) {
	cases := []struct {
		name string
		in   []byte
		v    uint64
		n    int
	}{
		{"one byte", []byte{0xfa}, 250, 1},
		{"two bytes", []byte{0xfc, 0x34, 0x12}, 0x1234, 3},
		{"three bytes", []byte{0xfd, 0x01, 0x02, 0x03}, 0x030201, 4},
		{"eight bytes", []byte{0xfe, 1, 0, 0, 0, 0, 0, 0, 0}, 1, 9},
		{"cut", []byte{0xfc, 0x34}, 0, 0},
		{"NULL marker", []byte{0xfb}, 0, 0},
		{"empty", nil, 0, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if v, n := mysqlLenenc(c.in, 0); v != c.v || n != c.n {
				t.Errorf("got %d (%d bytes), want %d (%d bytes)", v, n, c.v, c.n)
			}
		})
	}
}

// TestMysqlInfo replays a hand-built conversation; the expected columns
// are tshark 4.0's on the same exchanges in testdata/app/lab__mysql.pcap
// (frames 4, 6, 8, 9, 17, 19, 26 and the SSL login, frame 47).
func TestMysqlInfo(t *testing.T) {
	greeting := mypkt(0, append(append([]byte{10}, "5.5.5-10.11.19-MariaDB-0+deb12u1\x00"...),
		append([]byte{4, 0, 0, 0}, make([]byte, 40)...)...))
	login := mypkt(1, append(append([]byte{0x8c, 0xa2, 0xbf, 0x00, 0, 0, 0x10, 0, 33}, make([]byte, 23)...),
		append([]byte("lab\x00\x02hi"), "lab\x00mysql_native_password\x00"...)...))
	sslLogin := mypkt(1, append([]byte{0x8c, 0xaa, 0xbf, 0x00, 0, 0, 0x10, 0, 33}, make([]byte, 23)...))
	ok := mypkt(2, []byte{0, 0, 0, 2, 0, 0, 0})
	query := mypkt(0, []byte("\x03SELECT * FROM t"))
	resultSet := append(append(append(mypkt(1, []byte{2}), mypkt(2, []byte("\x03def"))...), mypkt(3, []byte("\x03def"))...),
		append(append(mypkt(4, []byte{0xfe, 0, 0, 2, 0}), mypkt(5, []byte("\x011\x03one"))...), mypkt(6, []byte{0xfe, 0, 0, 2, 0})...)...)
	errPkt := mypkt(1, []byte("\xff\x7a\x04#42S02Table 'lab.missing' doesn't exist"))
	type step struct {
		fromServer bool
		b          []byte
		info       string
	}
	cases := []struct {
		name  string
		steps []step
		tls   bool
	}{
		{"login and a result set", []step{
			{true, greeting, "Server Greeting  proto=10 version=10.11.19-MariaDB-0+deb12u1 "},
			{false, login, "Login Request user=lab db=lab "},
			{true, ok, "Response  OK "},
			{false, query, "Request Query"},
			{true, resultSet, "Response TABULAR Response "},
			{false, query, "Request Query"},
			{true, errPkt, "Response  Error 1146 "},
			{false, mypkt(0, []byte{1}), "Request Quit"},
		}, false},
		{"SSL login", []step{
			{true, greeting, "Server Greeting  proto=10 version=10.11.19-MariaDB-0+deb12u1 "},
			{false, sslLogin, "Response: SSL Handshake user= "},
		}, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			conv := &Conv{}
			for i, s := range c.steps {
				var out Out
				out.reset(true)
				b := s.b
				for len(b) > 0 {
					n := mysqlPDULen(conv, 0, b)
					if n <= 0 || n > len(b) {
						t.Fatalf("step %d: PDULen %d of %d bytes", i, n, len(b))
					}
					p := &PDU{Data: b[:n], Len: n, Conv: conv, TCP: true, Frame: i, Segments: []int{i}, SrcPort: 40000, DstPort: mysqlPort}
					if s.fromServer {
						p.SrcPort, p.DstPort, p.Dir = mysqlPort, 40000, 1
					}
					mysqlDissect(p, &out)
					b = b[n:]
				}
				if out.Info() != s.info || out.Proto != "MySQL" {
					t.Errorf("step %d: %s %q, want MySQL %q", i, out.Proto, out.Info(), s.info)
				}
			}
			if got := conv.handoff == tlsDissector; got != c.tls {
				t.Errorf("hand-off to TLS: %v, want %v", got, c.tls)
			}
		})
	}
}

// FuzzProtoMysql feeds arbitrary bytes through the framing and dissector
// in both directions: no panic, every field inside the packet.
func FuzzProtoMysql(f *testing.F) {
	f.Add(mypkt(0, append([]byte{10}, "8.0.1\x00\x01\x00\x00\x00abcdefgh\x00\xff\xff\x21\x02\x00\xff\xff\x15\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00ijklmnopqrst\x00caching_sha2_password\x00"...)), uint8(0))
	f.Add(mypkt(1, []byte("\x8c\xa2\xbf\x00\x00\x00\x10\x00\x21\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00lab\x00\x14abcdefghijklmnopqrst")), uint8(1))
	f.Add(mypkt(1, []byte{0xfc, 0xff, 0xff}), uint8(2))
	f.Add(mypkt(1, []byte("\xff\x7a\x04#42S0")), uint8(3))
	f.Fuzz(func(t *testing.T, b []byte, cut uint8) {
		conv := &Conv{}
		rest := b
		for i := 0; i < 16 && len(rest) > 0; i++ {
			fromServer := i%3 != 1
			n := mysqlPDULen(conv, 0, rest)
			if n < 0 {
				t.Fatalf("PDULen %d", n)
			}
			if n == 0 || n > len(rest) {
				n = min(len(rest), int(cut)+1)
			}
			p := &PDU{Data: rest[:n], Len: n, Conv: conv, TCP: true, Frame: i / 2, Segments: make([]int, 1+i%2), SrcPort: 40000, DstPort: mysqlPort}
			if fromServer {
				p.SrcPort, p.DstPort = mysqlPort, 40000
			}
			var out Out
			out.reset(true)
			mysqlDissect(p, &out)
			checkTree(t, out.Tree, n)
			rest = rest[n:]
		}
	})
}
