package decode

import (
	"encoding/hex"
	"testing"
)

// TestUDTConversation runs datagrams through one conversation as the walker
// does: the first, a handshake, opens it (the heuristic's datagram, whose
// initial sequence number later ones are shown relative to), the rest are
// UDT whatever they hold. Payloads and expected columns are tshark 4.0.17's
// (-T fields) on lab__srt.pcap frames 1, 3, 5, 7, 8, 9 and 47 (srt-live-
// transmit 1.5.1), then lab__srt-crafted.pcap frames 3 to 6 and 10 to 12,
// whose handshake had the same initial sequence number rewritten here:
// the crafted NAKs' numbers are 1000-based, so they are shown against
// isn 1000 in a conversation of their own below.
func TestUDTConversation(t *testing.T) {
	type pkt struct{ hex, info string }
	run := func(t *testing.T, pkts []pkt) {
		for _, tree := range []bool{false, true} {
			conv := &Conv{}
			for i, c := range pkts {
				b, err := hex.DecodeString(c.hex)
				if err != nil {
					t.Fatal(err)
				}
				var out Out
				out.reset(tree)
				ok := udtDissect(&PDU{Data: b, Len: len(b), Off: -1, Conv: conv}, &out)
				if !ok || out.Proto != "UDT" || out.Info() != c.info {
					t.Errorf("tree %v packet %d: got %v %q %q, want UDT %q", tree, i+1, ok, out.Proto, out.Info(), c.info)
				}
				checkTree(t, out.Tree, len(b))
			}
		}
	}
	t.Run("srt-live-transmit", func(t *testing.T) {
		run(t, []pkt{
			{"80000000000000000000004f0000000000000004000000027a760f54000005dc00002000000000010175031b000000000200300a000000000000000000000000", "UDT type: handshake"},
			{"8000000000000000000001440000000000000005000000017a760f54000005dc00002000ffffffff0175031b2c10c3bb0200300a0000000000000000000000000001000300010501000000bf00780000", "UDT type: handshake"},
			{"8001000000000000000f564c3da9503600000000", "UDT type: keepalive"},
			{"7a760f54c00000010010f7023da950366c61646465722073727420646174616772616d20303020000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", "UDT type: data seqno: 0 msgno: 1"},
			{"80020000000000010010f6740175031b7a760f55000186a00000c35000001ffe00000001000003e80000057f", "UDT type: ack  seqno: 1"},
			{"80060000000000010010f7fd3da9503600000000", "UDT type: ack2"},
			{"80050000000000000041800f3da9503600000000", "UDT type: shutdown"},
		})
	})
	t.Run("crafted", func(t *testing.T) {
		run(t, []pkt{
			// lab__srt-crafted.pcap frame 1: handshake, isn 1000
			{"8000000000000000000001f4000012340000000400000002000003e8000005dc000020000000000100004242000000000a300901000000000000000000000000", "UDT type: handshake"},
			{"8003000000000000000001f400001234000003eb800003ed000003ef", "UDT type: nak missing:3,5-7"},
			{"8003000000000000000001f400001234000003e9000003ea000003eb000003ec000003ed000003ee000003ef000003f0000003f1000003f2", "UDT type: nak missing:1,2,3,4,5,6,7,8..."},
			{"8003000000000000000001f400001234000003ea800003ec", "UDT type: nak missing:2"},
			{"8007000000000003000001f400001234", "UDT type: Unknown Control Type (7)"},
			{"8000", "[Malformed Packet]"},
			{"80010000000000000000", "UDT type: keepalive[Malformed Packet]"},
			{"000003edc000000600000000", "UDT type: data seqno: 5 msgno: 6[Malformed Packet]"},
		})
	})
}

// TestUDTHeuristic checks dissect_udt_heur's test on the near misses of
// lab__srt-crafted.pcap (frames 15 to 18 stay UDP in tshark 4.0.17) and
// the shortest handshake it takes (frame 19, whose Info then shows the
// tree's read past the end as tshark -T fields does).
func TestUDTHeuristic(t *testing.T) {
	hs := "8000000000000000000001f4000012340000000400000002000003e8000005dc000020000000000100004242000000000a300901000000000000000000000000"
	for _, c := range []struct {
		name, hex string
		want      bool
		info      string
	}{
		{"whole handshake", hs, true, "UDT type: handshake"},
		{"socket type 3", hs[:40] + "00000003" + hs[48:], false, ""},
		{"version 5", hs[:32] + "00000005" + hs[40:], false, ""},
		{"an ACK first", "80020000000000000000000000000000000000040000000200000001000000020000000300000004", false, ""},
		{"23 bytes", hs[:46], false, ""},
		{"24 bytes", hs[:48], true, "UDT type: handshake[Malformed Packet]"},
		{"a data packet first", "00000005c0000001000002bc0000567868656c6c6f", false, ""},
	} {
		b, _ := hex.DecodeString(c.hex)
		if got := udtHeuristic(b); got != c.want {
			t.Errorf("%s: udtHeuristic = %v, want %v", c.name, got, c.want)
		}
		checkDissect(t, c.hex, PDU{Conv: &Conv{}}, udtDissect, c.want, "UDT", c.info)
	}
}

func FuzzProtoUDT(f *testing.F) {
	for _, name := range []string{"lab__srt.pcap", "lab__srt-crafted.pcap"} {
		eachParsed(f, name, func(h *Headers) {
			if h.HasTransport && h.Payload != nil {
				seed(f, h.Payload)
			}
		})
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, tree := range []bool{false, true} {
			// the first datagram of a conversation, and a later one
			for _, conv := range []*Conv{{}, {State: &udtConv{isn: 12345}}} {
				var out Out
				out.reset(tree)
				p := PDU{Data: b, Len: len(b), Off: -1, Conv: conv}
				if udtDissect(&p, &out) {
					checkTree(t, out.Tree, len(b))
				}
			}
		}
	})
}
