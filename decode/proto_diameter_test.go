package decode

import (
	"encoding/hex"
	"testing"
)

// TestDiameterColumns dissects Diameter messages (RFC 6733 §3 header, §4
// AVPs). The real ones are freeDiameterd's from lab__diameter.pcap, whose
// every frame's columns tshark 4.0.17 prints the same as ladder; the
// expected texts are tshark's on those frames. The others are laid out by
// hand per RFC 6733 and their texts follow packet-diameter.c's format,
// checked with tshark on lab__diameter-crafted.pcap (the unknown command
// and application, the T flag, "Continuation" for bytes that fail
// check_diameter).
func TestDiameterColumns(t *testing.T) {
	toServer := PDU{SrcPort: 40000, DstPort: diameterTCPPort, TCP: true}
	fromServer := PDU{SrcPort: diameterTCPPort, DstPort: 40000, TCP: true}
	cases := []struct {
		name, hex   string
		p           PDU
		proto, info string
	}{
		{"device watchdog request (frame 10)",
			"010000488000011800000000593b635ffb5690760000010840000017706565722d622e6c61622e746573740000000128400000106c61622e74657374000001164000000c6b163fb5",
			fromServer, "DIAMETER", "cmd=Device-Watchdog Request(280) flags=R--- appl=Diameter Common Messages(0) h2h=593b635f e2e=fb569076 | "},
		{"credit-control error answer (frame 25)",
			"010000a420000110000000041d1a00025e5e0002000001074000001b636c69656e742e6c61622e746573743b313b31000000010840000017706565722d612e6c61622e746573740000000128400000106c61622e746573740000010c4000000c00000bbf00000119000000284449414d455445525f4150504c49434154494f4e5f554e535550504f525445440000011a40000017706565722d612e6c61622e7465737400",
			fromServer, "DIAMETER", "cmd=Credit-Control Answer(272) flags=--E- appl=Diameter Credit Control Application(4) h2h=1d1a0002 e2e=5e5e0002 | "},
		{"unknown command and application, T flag",
			"0100002490000fff00bebc0f0000010000000200000108400000106162632e74657374",
			toServer, "DIAMETER", "cmd=Unknown Request(4095) flags=R--T appl=Unknown(12499983) h2h=100 e2e=200 | "},
		{"version 2 is a continuation", "0200002480000118000000000000000100000002", toServer, "DIAMETER", "Continuation"},
		{"length under 36 is a continuation", "0100001480000118000000000000000100000002", toServer, "DIAMETER", "Continuation"},
		{"R and E together is a continuation", "01000024a0000118000000000000000100000002000000000000000000000000000000", toServer, "DIAMETER", "Continuation"},
		{"hostile AVP lengths do not stop the header",
			"0100002480000118000000000000000100000002000001084000ffff0000000000000000",
			toServer, "DIAMETER", "cmd=Device-Watchdog Request(280) flags=R--- appl=Diameter Common Messages(0) h2h=1 e2e=2 | "},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkDissect(t, c.hex, c.p, diameterDissector.Dissect, true, c.proto, c.info)
		})
	}
}

// TestDiameterPDULen checks the delimiting: packet-diameter.c's
// check_diameter on bytes that start a segment, then the header's 24-bit
// length.
func TestDiameterPDULen(t *testing.T) {
	start := &Conv{segStart: true}
	mid := &Conv{}
	dwr := []byte{1, 0, 0, 0x48, 0x80, 0, 1, 0x18}
	cases := []struct {
		name string
		c    *Conv
		b    []byte
		want int
	}{
		{"header at a segment start", start, dwr, 0x48},
		{"four bytes at a segment start wait", start, dwr[:4], 0},
		{"bad version at a segment start is one continuation", start, []byte{0, 1, 2, 3, 4, 5}, 6},
		{"reserved flag at a segment start", start, []byte{1, 0, 0, 0x48, 0x81, 0, 1, 0x18}, 8},
		{"within a segment only the length counts", mid, []byte{9, 0, 0, 0x30, 0xff}, 0x30},
		{"within a segment a length under 4 is the rest", mid, []byte{1, 0, 0, 2, 0}, 5},
		{"three bytes wait", mid, dwr[:3], 0},
	}
	for _, c := range cases {
		if got := diameterPDULen(c.c, 0, c.b); got != c.want {
			t.Errorf("%s: got %d, want %d", c.name, got, c.want)
		}
	}
}

// FuzzProtoDiameter feeds arbitrary bytes to the Diameter PDU delimiter
// and dissector, with and without the tree: no panic, no field outside the
// bytes.
func FuzzProtoDiameter(f *testing.F) {
	for _, name := range []string{"lab__diameter.pcap", "lab__diameter-crafted.pcap"} {
		eachParsed(f, name, func(h *Headers) {
			if h.HasTransport && len(h.Payload) > 0 {
				seed(f, h.Payload)
			}
		})
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		diameterPDULen(&Conv{segStart: true}, 0, b)
		diameterPDULen(&Conv{}, 0, b)
		for _, tree := range []bool{false, true} {
			var out Out
			out.reset(tree)
			p := PDU{Data: b, Len: len(b), Off: -1, SrcPort: 40000, DstPort: diameterTCPPort, TCP: true}
			diameterDissect(&p, &out)
			checkTree(t, out.Tree, len(b))
		}
	})
}

// TestDiameterOverSCTP hands SCTP DATA payloads to Diameter by payload
// protocol identifier (46) and by port (3868). The first packet is frame
// 10 of lab__diameter-sctp.pcap (freeDiameterd's DWR and DWA relayed by
// pion/sctp, bundled in one packet): tshark 4.0.17 prints that Info. The
// others are frames of lab__diameter-sctp-crafted.pcap, dissected alone,
// so the SACK's TSN is absolute (tshark shows it relative to the TSN it
// saw first: Ack=0); the rest of the text is tshark's on those frames.
func TestDiameterOverSCTP(t *testing.T) {
	conv := PDU{Conv: &Conv{}}
	cases := []struct {
		name, hex   string
		proto, info string
	}{
		{"two messages in two DATA chunks, PPID 46",
			"13881388267b80ba335e4ee400030058e185ec27000000010000002e01000048800001180000000077594671260bf2df0000010840000017706565722d612e6c61622e746573740000000128400000106c61622e74657374000001164000000c6b16426000030064e185ec28000000020000002e0100005400000118000000001d29413c25f57fa70000010c4000000c000007d10000010840000017706565722d612e6c61622e746573740000000128400000106c61622e74657374000001164000000c6b164260",
			"DIAMETER", "cmd=Device-Watchdog Request(280) flags=R--- appl=Diameter Common Messages(0) h2h=77594671 e2e=260bf2df | cmd=Device-Watchdog Answer(280) flags=---- appl=Diameter Common Messages(0) h2h=1d29413c e2e=25f57fa7 | "},
		{"SACK before DATA: the SACK's text stays",
			"9c400f1c000000070000000003000010000001f400010000000000000003005800000065000000000000002e010000488000011a0000000000000002000010020000010840000017736374702d612e6c61622e746573740000000128400000106c61622e74657374000001114000000c00000000",
			"DIAMETER", "SACK (Ack=500, Arwnd=65536) cmd=Disconnect-Peer Request(282) flags=R--- appl=Diameter Common Messages(0) h2h=2 e2e=1002 | "},
		{"port 3868 with PPID 0, SACK after DATA",
			"0f1c9c40000000080000000000030058000001f4000000000000000001000048000001180000000000000001000010010000010840000017736374702d612e6c61622e746573740000000128400000106c61622e746573740000010c4000000c000007d103000010000000640001000000000000",
			"DIAMETER", "cmd=Device-Watchdog Answer(280) flags=---- appl=Diameter Common Messages(0) h2h=1 e2e=1001 | SACK (Ack=100, Arwnd=65536) "},
		{"PPID 46 bytes that are no Diameter message stay DATA",
			"1388138800000009000000000003003200000001000000000000002e6e6f742061206469616d65746572206d6573736167652c206a7573742062797465730000",
			"SCTP", "DATA (TSN=0) "},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkDissect(t, c.hex, conv, sctpDissector.Dissect, true, c.proto, c.info)
		})
	}
}

// TestDiameterSCTPFragments dissects frames 6 and 7 of
// lab__diameter-sctp-crafted.pcap in turn on one conversation: a DWR in two
// DATA fragments (B, then E flag). tshark 4.0.17 shows the first as a
// fragment (its TSN relative, 0 here as the first seen) and the rebuilt
// message at the second; ladder's fields of the rebuilt message have no
// place in the packet.
func TestDiameterSCTPFragments(t *testing.T) {
	frames := []struct{ hex, proto, info string }{
		{"1388138800000009000000000002003800000004000000000000002e0100003c800001180000000000000001000010010000010840000017736374702d612e6c61622e74",
			"SCTP", "DATA (TSN=0) (Message Fragment) "},
		{"1388138800000009000000000001002400000005000000000000002e6573740000000128400000106c61622e74657374",
			"DIAMETER", "cmd=Device-Watchdog Request(280) flags=R--- appl=Diameter Common Messages(0) h2h=1 e2e=1001 | "},
	}
	conv := &Conv{}
	for i, f := range frames {
		b, err := hex.DecodeString(f.hex)
		if err != nil {
			t.Fatal(err)
		}
		var out Out
		out.reset(true)
		p := PDU{Data: b, Len: len(b), Off: 34, Frame: i, Conv: conv}
		if !sctpDissector.Dissect(&p, &out) || out.Proto != f.proto || out.Info() != f.info {
			t.Errorf("frame %d: got %q %q, want %q %q", i+6, out.Proto, out.Info(), f.proto, f.info)
		}
		if i == 1 {
			found := false
			for _, l := range out.Tree {
				if l.Name == "diameter" {
					found = l.Start == -1 && l.Len == 0
				}
			}
			if !found {
				t.Errorf("frame 7: no Diameter layer marked as rebuilt (Start -1 until the walk's Shift)")
			}
		}
	}
}
