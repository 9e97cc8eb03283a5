package decode

import (
	"testing"
)

// TestMemcacheColumns dissects memcached messages one at a time, as a UDP
// datagram or a whole TCP PDU; the expected columns are tshark 4.0.17's
// on the same bytes: frames of lab__memcached.pcap (memcached 1.6.18 and
// python3 clients) and lab__memcached-crafted.pcap, as each name says.
func TestMemcacheColumns(t *testing.T) {
	cases := []struct {
		name, hex, info string
		tcp             bool
	}{
		{"lab 4: set", "736574206772656574696e672030203020350d0a68656c6c6f0d0a", "set greeting 0 0 5 ", true},
		{"lab 10: VALUE reply", "56414c5545206772656574696e67203020350d0a68656c6c6f0d0a454e440d0a", "VALUE greeting 0 5 ", true},
		{"lab 35: incr reply", "300d0a", "MEMCACHE Continuation", true},
		{"lab 93: pipelined, first line", "7365742061203120302031206e6f7265706c790d0a310d0a6765742061206772656574696e670d0a76657273696f6e0d0a", "set a 1 0 1 noreply ", true},
		{"lab 117: binary set", "800100040800000000000018000000010000000000000000deadbeef00000000626b657962696e6172792076616c7565", "Set Request", true},
		{"crafted 5: gets reply", "56414c55452061203120332037370d0a6162630d0a56414c55452062203220322037380d0a78790d0a454e440d0a", "VALUE a 1 3 77 ", true},
		{"crafted 11: flush_all", "666c7573685f616c6c203130206e6f7265706c790d0a", "flush_all 10 noreply ", true},
		{"crafted 14: stats items", "53544154206974656d733a313a6e756d62657220350d0a53544154206974656d733a313a6167652031320d0a454e440d0a", "STAT items:1:number 5 ", true},
		{"crafted 27: unknown status", "8108000000000086000000030000000000000000000000006f6464", "Flush Response (Unknown status: 134)", true},
		{"crafted 28: error status, no body", "810800000000000400000000000000000000000000000000", "Flush Response", true},
		{"crafted 29: unknown opcode", "80300001020000000000000400000000000000000000000001026b76", "Unknown opcode (48) Request", true},
		{"crafted 35: UDP, cut header", "8000000100000000000000010000000000000000", "Get Request[Malformed Packet]", false},
		{"crafted 36: UDP, body past the end", "80010001080000000000002800000000000000000000000000000000000000006b76616c7565", "Set Request[Malformed Packet]", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkDissect(t, c.hex, PDU{TCP: c.tcp}, memcache.Dissect, true, "MEMCACHE", c.info)
		})
	}
}

// TestMemcachePDULen delimits text and binary messages as
// packet-memcache.c's reassembly does; the boundaries are those tshark
// 4.0.17 shows in lab__memcached.pcap and lab__memcached-crafted.pcap.
func TestMemcachePDULen(t *testing.T) {
	cases := []struct {
		name, data string
		want       int
	}{
		{"whole set and what follows: one message", "set a 1 0 1 noreply\r\n1\r\nget a greeting\r\nversion\r\n", 49},
		{"set with its data short: ends after the data", "set long 0 0 30\r\n0123456789", 17 + 30 + 2},
		{"get without its line end: wait", "get split big", 0},
		{"VALUE short of its data", "VALUE big 0 5000\r\nxxxx", 18 + 5000 + 2},
		{"unknown word: the rest", "touch greeting 60\r\n", 19},
		{"length word that does not parse: TCP's", "set bad 0 0 xyz\r\nabc\r\n", PDUReject},
		{"binary: header and body", "\x80\x01\x00\x04\x08\x00\x00\x00\x00\x00\x00\x18", 48},
		{"binary: length not yet read", "\x80\x01\x00", 0},
	}
	for _, c := range cases {
		if got := memcachePDULen(&Conv{}, 0, []byte(c.data)); got != c.want {
			t.Errorf("%s: %d, want %d", c.name, got, c.want)
		}
	}
}

// TestMemcacheFencedText checks that a text message after another in the
// same packet appends its Info without a separator, as tshark 4.0.17
// shows lab__memcached.pcap's reply that completes a 5000-byte value and
// then holds END ("VALUE big 0 5000 END ").
func TestMemcacheFencedText(t *testing.T) {
	var out Out
	out.reset(true)
	for _, s := range []string{"VALUE big 0 3\r\nxxx\r\n", "END\r\n"} {
		b := []byte(s)
		p := PDU{Data: b, Len: len(b), Off: -1, TCP: true, Conv: &Conv{}}
		memcache.Dissect(&p, &out)
	}
	if out.Info() != "VALUE big 0 3 END " {
		t.Errorf("Info %q", out.Info())
	}
	checkTree(t, out.Tree[:1], 20)
}

// FuzzProtoMemcache feeds arbitrary bytes to the memcached dissector as a
// datagram and as a TCP PDU, with and without the tree, and to PDULen: no
// panic, every field inside the bytes. Seeded with the payloads of
// lab__memcached.pcap and lab__memcached-crafted.pcap.
func FuzzProtoMemcache(f *testing.F) {
	for _, name := range []string{"lab__memcached.pcap", "lab__memcached-crafted.pcap"} {
		eachParsed(f, name, func(h *Headers) {
			if h.HasTransport && len(h.Payload) > 0 {
				seed(f, h.Payload)
			}
		})
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) > 0 {
			memcachePDULen(&Conv{}, 0, b)
		}
		for _, tcp := range []bool{false, true} {
			for _, tree := range []bool{false, true} {
				var out Out
				out.reset(tree)
				p := PDU{Data: b, Len: len(b), Off: -1, TCP: tcp, Conv: &Conv{}}
				if memcache.Dissect(&p, &out) {
					checkTree(t, out.Tree, len(b))
				}
			}
		}
	})
}
