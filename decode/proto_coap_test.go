package decode

import (
	"encoding/hex"
	"testing"
)

// TestCoAPColumns dissects single CoAP datagrams, with no conversation
// (so no request URI for a response and no retransmission marks); the
// expected columns are tshark 4.0.17's on the same bytes: frames of
// lab__coap.pcap (libcoap 4.3.1's coap-client and coap-server) and of
// lab__coap-crafted.pcap, as the comment on each says.
func TestCoAPColumns(t *testing.T) {
	cases := []struct{ name, hex, proto, info string }{
		{"lab 1: block-wise GET", "4101c9ff01bb2e77656c6c2d6b6e6f776e04636f7265c102", "CoAP", "CON, MID:51711, GET, TKN:01, Block #0, /.well-known/core"},
		{"lab 11: PUT text/plain", "4103c7cb01bc6578616d706c655f6461746110ff68656c6c6f", "CoAP", "CON, MID:51147, PUT (text/plain), TKN:01, /example_data"},
		{"lab 41: last Block1", "470386bb05000000000003b3626967d10342d214012cd4db4384fc3cff6161616161616161616161616161616161616161616161616161616161616161616161616161616161616161", "CoAP", "CON, MID:34491, PUT, TKN:05 00 00 00 00 00 03, End of Block #4, /big"},
		{"lab 43: text token", "440149ce30613063b474696d65", "CoAP", "CON, MID:18894, GET, TKN:30 61 30 63, /time"},
		{"crafted 1: JSON", "420200641122b773656e736f72731132ff7b2274223a32312e357d", "CoAP/JSON", "CON, MID:100, POST, JavaScript Object Notation (application/json), TKN:11 22, /sensors"},
		{"crafted 3: XML", "5103006501b1781129ff3c613e313c2f613e", "CoAP/XML", "NON, MID:101, PUT, TKN:01, /x"},
		{"crafted 5: host, port, queries", "41010067033b6578616d706c652e6f726742f0b04161016243783d3101792100", "CoAP", "CON, MID:103, GET, TKN:03, coap://example.org:61616/a/b?x=1&y"},
		{"crafted 7: IPv6 literal host", "410300680437666433313a3a32817512270fff0001", "CoAP", "CON, MID:104, PUT, TKN:04, coap://[fd31::2]/u"},
		{"crafted 13: reset", "7000006b", "CoAP", "RST, MID:107, Empty Message"},
		{"crafted 15: unknown code", "511f006d09", "CoAP", "NON, MID:109, Unknown 31, TKN:09"},
		{"crafted 16: version 2", "9001006eb176", "CoAP", "NON, MID:110, GET, /v"},
		{"crafted 19: header cut", "410100", "CoAP", "[Malformed Packet]"},
		{"crafted 20: token past the end", "48010001aabb", "CoAP", "CON, MID:1, GET[Malformed Packet]"},
		{"crafted 21: option past the end", "40010071b96162", "CoAP", "CON, MID:113, GET"},
		{"crafted 22: option nibble 15", "40010072f100", "CoAP", "CON, MID:114, GET"},
		{"crafted 24: FETCH, Proxy-Uri", "420500740c0d11aa401101da10636f61703a2f2f682f70d20c0100", "CoAP", "CON, MID:116, FETCH, TKN:0c 0d"},
		{"crafted 25: diagnostic payload", "60800075836c6f636063713d31e206df7a7aff626164207468696e67", "CoAP", "ACK, MID:117, 4.00 Bad Request (text/plain)"},
		{"crafted 26: empty Uri-Path", "410100760ebd07707070707070707070707070707070707070707000", "CoAP", "CON, MID:118, GET, TKN:0e, /pppppppppppppppppppp/"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkDissect(t, c.hex, PDU{}, coap.Dissect, true, c.proto, c.info)
		})
	}
}

// TestCoAPTracking runs messages of one conversation in order through one
// Conv: a response takes its request's URI by token, a request or response
// seen again with the same token and message ID is a retransmission, the
// block that completes a block-wise text/plain body gets the text
// dissector's " (text/plain)". Expected: tshark 4.0.17 on lab__coap.pcap
// frames 7-8 and lab__coap-crafted.pcap frames 9-12 and 17-18.
func TestCoAPTracking(t *testing.T) {
	seqs := [][]struct {
		dir       uint8
		hex, info string
	}{
		{
			{0, "410149f201b474696d65", "CON, MID:18930, GET, TKN:01, /time"},
			{1, "614549f201d10101ff4465632030372031313a30313a3537", "ACK, MID:18930, 2.05 Content, TKN:01, /time"},
		},
		{
			{0, "4101006a06b172", "CON, MID:106, GET, TKN:06, /r"},
			{0, "4101006a06b172", "CON, MID:106, GET, TKN:06, /r [Retransmission]"},
			{1, "6145006a06ff6f6b", "ACK, MID:106, 2.05 Content, TKN:06, /r"},
			{1, "6145006a06ff6f6b", "ACK, MID:106, 2.05 Content, TKN:06, /r"},
		},
		{
			{0, "4103006f0ab17410d10208ff30313233343536373839616263646566", "CON, MID:111, PUT, TKN:0a, Block #0, /t"},
			{0, "410300700bb17410d10210ff7461696c0a", "CON, MID:112, PUT (text/plain), TKN:0b, End of Block #1, /t"},
		},
	}
	for i, seq := range seqs {
		conv := &Conv{}
		for j, s := range seq {
			b, err := hex.DecodeString(s.hex)
			if err != nil {
				t.Fatal(err)
			}
			for _, tree := range []bool{false, true} {
				var out Out
				out.reset(tree)
				// the walk sees each frame once, then details ask again
				p := PDU{Data: b, Len: len(b), Off: -1, Frame: j, Dir: s.dir, Conv: conv, Time: int64(j) * 1000}
				if !coap.Dissect(&p, &out) || out.Info() != s.info {
					t.Errorf("sequence %d message %d tree %v: %q, want %q", i, j, tree, out.Info(), s.info)
				}
				checkTree(t, out.Tree, len(b))
			}
		}
	}
}

// FuzzProtoCoAP feeds arbitrary bytes to the CoAP dissector, with and
// without the tree and through one conversation: no panic, every field
// inside the bytes. Seeded with the datagrams of lab__coap.pcap and
// lab__coap-crafted.pcap.
func FuzzProtoCoAP(f *testing.F) {
	for _, name := range []string{"lab__coap.pcap", "lab__coap-crafted.pcap"} {
		eachParsed(f, name, func(h *Headers) {
			if h.HasTransport && h.Payload != nil {
				seed(f, h.Payload)
			}
		})
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		conv := &Conv{}
		for i, tree := range []bool{false, true, false} {
			var out Out
			out.reset(tree)
			p := PDU{Data: b, Len: len(b), Off: -1, Frame: i, Dir: uint8(i & 1), Conv: conv}
			if coap.Dissect(&p, &out) {
				checkTree(t, out.Tree, len(b))
			}
		}
	})
}
