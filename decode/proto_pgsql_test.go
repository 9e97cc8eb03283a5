package decode

import (
	"encoding/binary"
	"testing"
)

// pgmsg builds a typed PostgreSQL message (type 0: a startup-type one).
func pgmsg(typ byte, body []byte) []byte {
	var b []byte
	if typ != 0 {
		b = append(b, typ)
	}
	b = binary.BigEndian.AppendUint32(b, uint32(4+len(body)))
	return append(b, body...)
}

var pgSSLRequest = pgmsg(0, []byte{0x04, 0xd2, 0x16, 0x2f}) // 80877103

// TestPgsqlPDULen checks the message framing (PostgreSQL "Message Formats").
func TestPgsqlPDULen(t *testing.T) {
	cases := []struct {
		name string
		ssl  bool // an SSLRequest from direction 0 awaits its answer
		dir  uint8
		in   []byte
		want int
	}{
		{"typed message", false, 0, pgmsg('Q', []byte("SELECT 1;\x00")), 15},
		{"startup-type message", false, 0, pgSSLRequest, 8},
		{"header cut", false, 1, []byte{'Z', 0, 0}, 0},
		{"startup length cut", false, 0, []byte{0, 0, 0}, 0},
		{"answer to SSLRequest", true, 1, []byte{'S'}, 1},
		{"refusal of SSLRequest", true, 1, []byte{'N'}, 1},
		{"'S' with no SSLRequest is ParameterStatus", false, 1, pgmsg('S', []byte("a\x00b\x00")), 9},
		{"length below its own size", false, 1, []byte{'Z', 0, 0, 0, 3, 'I'}, 6},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			conv := &Conv{}
			if c.ssl {
				pgsqlState(conv).sslDir = 0
			}
			if got := pgsqlPDULen(conv, c.dir, c.in); got != c.want {
				t.Errorf("PDULen = %d, want %d", got, c.want)
			}
		})
	}
}

// TestPgsqlInfo checks the Info column's direction marks and letters: the
// expected strings are tshark 4.0's on testdata/app/lab__pgsql.pcap
// (frames 11, 36, 57 and the SSLRequest exchange, frames 99 and 101).
func TestPgsqlInfo(t *testing.T) {
	type pdu struct {
		b     []byte
		toSrv bool
		segs  int // segments the message came in
	}
	cases := []struct {
		name    string
		pdus    []pdu
		info    string
		handoff bool
	}{
		{"startup has no letter", []pdu{{pgmsg(0, []byte{0, 3, 0, 0, 'u', 's', 'e', 'r', 0, 'l', 'a', 'b', 0, 0}), true, 1}}, ">", false},
		{"backend messages joined with /", []pdu{
			{pgmsg('R', []byte{0, 0, 0, 0}), false, 1},
			{pgmsg('S', []byte("a\x00b\x00")), false, 1},
			{pgmsg('K', make([]byte, 8)), false, 1},
			{pgmsg('Z', []byte("I")), false, 1},
		}, "<R/S/K/Z", false},
		{"extended query", []pdu{
			{pgmsg('P', []byte("\x00SELECT 1;\x00\x00\x00")), true, 1},
			{pgmsg('B', []byte("\x00\x00\x00\x00\x00\x00\x00\x01\x00\x00")), true, 1},
			{pgmsg('D', []byte("P\x00")), true, 1},
			{pgmsg('E', []byte("\x00\x00\x00\x00\x00")), true, 1},
			{pgmsg('S', nil), true, 1},
		}, ">P/B/D/E/S", false},
		{"a reassembled message ends its own call", []pdu{
			{pgmsg('D', []byte("\x00\x01\x00\x00\x00\x01x")), false, 3},
			{pgmsg('C', []byte("SELECT 1\x00")), false, 1},
			{pgmsg('Z', []byte("I")), false, 1},
		}, "<D<C/Z", false},
		{"non-printable type", []pdu{{pgmsg(0x01, nil), false, 1}}, "<?", false},
		{"SSLRequest", []pdu{{pgSSLRequest, true, 1}}, ">", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			conv := &Conv{}
			var out Out
			out.reset(true)
			for _, m := range c.pdus {
				p := &PDU{Data: m.b, Len: len(m.b), Conv: conv, TCP: true, Frame: 7, SrcPort: 5432, DstPort: 40000, Dir: 1}
				if m.toSrv {
					p.SrcPort, p.DstPort, p.Dir = 40000, 5432, 0
				}
				p.Segments = make([]int, m.segs)
				pgsqlDissect(p, &out)
			}
			if out.Info() != c.info || out.Proto != "PGSQL" {
				t.Errorf("got %s %q, want PGSQL %q", out.Proto, out.Info(), c.info)
			}
		})
	}
	// the server's 'S' to an SSLRequest hands the conversation to TLS
	conv := &Conv{}
	var out Out
	out.reset(false)
	pgsqlDissect(&PDU{Data: pgSSLRequest, Len: 8, Conv: conv, SrcPort: 40000, DstPort: 5432, Segments: []int{0}}, &out)
	if n := pgsqlPDULen(conv, 1, []byte("S")); n != 1 {
		t.Fatalf("answer's PDULen %d, want 1", n)
	}
	out.reset(false)
	pgsqlDissect(&PDU{Data: []byte("S"), Len: 1, Conv: conv, SrcPort: 5432, DstPort: 40000, Dir: 1, Frame: 1, Segments: []int{1}}, &out)
	if out.Info() != "<" || conv.handoff != tlsDissector {
		t.Errorf("answer 'S': Info %q, hand-off %v; want \"<\" and TLS", out.Info(), conv.handoff)
	}
}

// FuzzProtoPgsql feeds arbitrary bytes through the framing and dissector
// in both directions: no panic, every field inside the message.
func FuzzProtoPgsql(f *testing.F) {
	f.Add(append(pgSSLRequest, 'S'), uint8(0))
	f.Add(pgmsg('T', []byte("\x00\x02id\x00\x00\x00\x40\x02\x00\x01\x00\x00\x00\x17\x00\x04\xff\xff\xff\xff\x00\x00")), uint8(1))
	f.Add(pgmsg('D', []byte("\x00\x02\x00\x00\x00\x01\x31\xff\xff\xff\xff")), uint8(2))
	f.Add(pgmsg('E', []byte("SERROR\x00C42P01\x00Mno\x00\x00")), uint8(3))
	f.Add(pgmsg('B', []byte("\x00\x00\x00\x01\x00\x01\x00\x01\x00\x00\x00\x02hi\x00\x01\x00\x00")), uint8(4))
	f.Fuzz(func(t *testing.T, b []byte, cut uint8) {
		conv := &Conv{}
		rest := b
		for i := 0; i < 16 && len(rest) > 0; i++ {
			dir := uint8(i) & 1
			n := pgsqlPDULen(conv, dir, rest)
			if n < 0 {
				t.Fatalf("PDULen %d", n)
			}
			if n == 0 || n > len(rest) {
				n = min(len(rest), int(cut)+1)
			}
			p := &PDU{Data: rest[:n], Len: n, Dir: dir, Conv: conv, TCP: true, Frame: i / 3, Segments: make([]int, 1+i%2),
				SrcPort: 40000, DstPort: 5432}
			if dir == 1 {
				p.SrcPort, p.DstPort = 5432, 40000
			}
			var out Out
			out.reset(true)
			pgsqlDissect(p, &out)
			checkTree(t, out.Tree, n)
			rest = rest[n:]
		}
	})
}
