package decode

import "testing"

// TestBitTorrentColumns dissects whole PDUs of lab__bittorrent.pcap (real
// transmission-daemon 3.00 and aria2 1.36 peers) and
// lab__bittorrent-crafted.pcap; the expected Protocol and Info are tshark
// 4.0.17's on those frames (each PDU of a segment adds its text and two
// spaces, so a one-PDU frame reads the same).
func TestBitTorrentColumns(t *testing.T) {
	base := PDU{TCP: true, SrcPort: 42806, DstPort: 51413, Conv: &Conv{}}
	cases := []struct{ name, hex, info string }{
		// lab__bittorrent.pcap frame 11: aria2's handshake
		{"handshake", "13426974546f7272656e742070726f746f636f6c0000000000100004bd9a8bc5a4673b5227f04a69f47fba5a4032f39441322d312d33362d302d5b78b1cf7a4cca7d3b4c", "Handshake  "},
		{"interested", "0000000102", "Interested  "},                                                         // frame 16
		{"not interested", "0000000103", "Not Interested  "},                                                 // frame 48, first PDU
		{"request", "0000000d06000000010000000000002000", "Request, Piece (Idx:0x1,Begin:0x0,Len:0x2000)  "}, // frame 19
		// lab__bittorrent-crafted.pcap frames 9, 13, 15, 17 and 19
		{"port", "00000003091ae1", "Port  "},
		{"azureus peercache hello", "00000022000000094a50435f48454c4c4f020000000831302e302e302e3900001f90deadbeef", "Azureus PeerCache Hello  "},
		{"azureus have with a length Have cannot have", "000000100000000742545f484156450100000004", "Continuation data  "},
		{"a length alone", "00000005", "BitTorrent   "},
		{"keep-alive", "00000000", "BitTorrent   "},
		{"piece shorter than its header", "0000000107", "Piece[Malformed Packet]"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkDissect(t, c.hex, base, btDissect, true, "BitTorrent", c.info)
		})
	}
}

// TestBitTorrentFraming checks get_bittorrent_pdu_length's answers as
// tshark 4.0.17 acted on them in lab__bittorrent-crafted.pcap, and the
// handshake heuristic.
func TestBitTorrentFraming(t *testing.T) {
	hs := []byte("\x13BitTorrent protocol" + string(make([]byte, 48)))
	cases := []struct {
		name string
		b    []byte
		want int
	}{
		{"handshake", hs, 68},
		{"handshake begun", hs[:12], 12}, // 0x13426974 is no length: the rest of the bytes
		{"three bytes", []byte{0, 0, 0}, 0},
		{"keep-alive", []byte{0, 0, 0, 0, 0, 0, 0, 1}, 4},
		{"a length alone", []byte{0, 0, 0, 5}, 4},
		{"have", []byte{0, 0, 0, 5, 4, 0}, 9},
		{"have of a wrong length", []byte{0, 0, 0, 6, 4, 0, 0, 0, 1, 0}, 10},
		{"piece", []byte{0, 0, 0x40, 0x09, 7}, 0x400d},
		{"piece too long", []byte{0, 0, 0x40, 0x0a, 7, 1}, 6},
		{"bitfield", []byte{0, 2, 0, 0, 5}, 0x20004},
		{"unknown type", []byte{0, 0, 0, 1, 0x63, 9}, 6},
	}
	for _, c := range cases {
		if got := btPDULen(nil, 0, c.b); got != c.want {
			t.Errorf("%s: PDU length %d, want %d", c.name, got, c.want)
		}
	}
	if !btHeuristic(hs[:20]) || btHeuristic(hs[:19]) || btHeuristic([]byte("\x13BitTorrent Protocol")) {
		t.Error("the heuristic wants the 20 bytes of \"\\x13BitTorrent protocol\"")
	}
}

// FuzzProtoBitTorrent feeds arbitrary bytes to the framing and the
// dissector: no panic, a PDU length within bounds, the tree inside the PDU.
func FuzzProtoBitTorrent(f *testing.F) {
	for _, name := range []string{"lab__bittorrent.pcap", "lab__bittorrent-crafted.pcap"} {
		eachParsed(f, name, func(h *Headers) { seed(f, h.Payload) })
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if n := btPDULen(nil, 0, b); n < 0 || (len(b) >= 4 && n < 4) || n > 4+0x20000 && n != len(b) {
			t.Fatalf("PDU length %d of %d bytes", n, len(b))
		}
		for _, tree := range []bool{false, true} {
			var out Out
			out.reset(tree)
			btDissect(&PDU{Data: b, Len: len(b), TCP: true}, &out)
			checkTree(t, out.Tree, len(b))
		}
	})
}
