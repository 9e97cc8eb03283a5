package decode

import (
	"encoding/hex"
	"testing"
)

// vncStep is one segment of an RFB conversation: who sent it and its bytes.
type vncStep struct {
	fromServer bool
	hex, info  string
}

// TestVNCHandshake plays RFB conversations laid out per RFC 6143 §7.1-7.6
// through one conversation state. The expected Info texts are tshark
// 4.0.17's (lab__vnc.pcap, real TigerVNC traffic, agrees on every frame,
// and lab__vnc-crafted.pcap for the None, RFB 3.3, Bell and cut-short paths).
func TestVNCHandshake(t *testing.T) {
	cases := []struct {
		name  string
		steps []vncStep
	}{
		{"3.8 with VNC authentication", []vncStep{
			{true, "524642203030332e3030380a", "Server protocol version: 003.008"},
			{false, "524642203030332e3030380a", "Client protocol version: 003.008"},
			{true, "0102", "Security types supported"},
			{false, "02", "Security type VNC (2) selected by client"},
			{true, "286c14479cad2cc12bf62cfd91b3bb8d", "Authentication challenge from server"},
			{false, "d853a05c4e09a98f68e6420943bff8be", "Authentication response from client"},
			{true, "00000000", "Authentication result"},
			{false, "01", "Share desktop flag"},
			{true, "0020001820180001" + "00ff00ff00ff100800" + "000000" + "000000036c6162", "Server framebuffer parameters"},
			{false, "00000000201800010" + "0ff00ff00ff100800000000", "Client set pixel format"},
			{false, "020000030000000000000001ffffff21", "Client set encodings"},
			{false, "03000000000000200018", "Client framebuffer update request"},
			{false, "0401000000000061", "Client key event"},
			{false, "0501000a000c", "Client pointer event"},
			// a 2x1 Raw rectangle at 4 bytes per pixel, then a bell
			{true, "00000001" + "0000000000020001" + "00000000" + "0102030405060708" + "02", "Server framebuffer update; Server ring bell on client"},
		}},
		{"3.8 with no authentication", []vncStep{
			{true, "524642203030332e3030380a", "Server protocol version: 003.008"},
			{false, "524642203030332e3030380a", "Client protocol version: 003.008"},
			{true, "0101", "Security types supported"},
			{false, "01", "Security type None (1) selected by client"},
			{true, "00000000", "Authentication result"},
			{false, "00", "Share desktop flag"},
		}},
		{"3.3: the server picks None", []vncStep{
			{true, "524642203030332e3030330a", "Server protocol version: 003.003"},
			{false, "524642203030332e3030330a", "Client protocol version: 003.003"},
			{true, "00000001", "Security types supported"},
			{false, "01", "Share desktop flag"},
		}},
		{"failed authentication stays in the result state", []vncStep{
			{true, "524642203030332e3030380a", "Server protocol version: 003.008"},
			{false, "524642203030332e3030380a", "Client protocol version: 003.008"},
			{true, "0102", "Security types supported"},
			{false, "02", "Security type VNC (2) selected by client"},
			{true, "ec48690ae74dea64c1eb2e4ad6622574", "Authentication challenge from server"},
			{false, "6db2e6558d35ffd39cd8632050454812", "Authentication response from client"},
			{true, "000000010000001641757468656e7469636174696f6e206661696c757265", "Authentication result"},
			{true, "00000001", "Authentication result[Malformed Packet]"},
		}},
		{"no version yet", []vncStep{
			{true, "48454c4c4f0a", ""},
			{true, "524642203030332e3030380a", "Server protocol version: 003.008"},
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			conv := &Conv{}
			for i, s := range c.steps {
				b, err := hex.DecodeString(s.hex)
				if err != nil {
					t.Fatalf("step %d: %v", i, err)
				}
				p := PDU{Data: b, Len: len(b), Off: -1, TCP: true, Conv: conv, SrcPort: 40000, DstPort: portVNC0}
				if s.fromServer {
					p.SrcPort, p.DstPort = portVNC0, 40000
				}
				var out Out
				out.reset(true)
				vnc.Dissect(&p, &out)
				if out.Proto != "VNC" || out.Info() != s.info {
					t.Errorf("step %d: got %q %q, want VNC %q", i, out.Proto, out.Info(), s.info)
				}
				checkTree(t, out.Tree, len(b))
			}
		})
	}
}

// TestVNCIsVersion checks packet-vnc.c's version test: 12 bytes, "RFB "
// in any case, a dot at 7, a newline (or gtk-vnc's NUL) at 11.
func TestVNCIsVersion(t *testing.T) {
	cases := []struct {
		s    string
		want bool
	}{
		{"RFB 003.008\n", true},
		{"rfb 003.889\n", true},
		{"RFB 003.008\x00", true},
		{"RFB 003.008", false},
		{"RFB 003-008\n", false},
		{"SSH-2.0-x\r\n ", false},
	}
	for _, c := range cases {
		if got := vncIsVersion([]byte(c.s)); got != c.want {
			t.Errorf("vncIsVersion(%q) = %v, want %v", c.s, got, c.want)
		}
	}
}

// FuzzProtoVNC feeds arbitrary bytes to the VNC dissector in every
// handshake state and direction, with and without the tree: no panic,
// every field inside the bytes. Seeded with lab__vnc.pcap's payloads.
func FuzzProtoVNC(f *testing.F) {
	eachParsed(f, "lab__vnc.pcap", func(h *Headers) {
		if h.HasTransport && len(h.Payload) > 0 {
			seed(f, h.Payload, uint8(vncNormal), true)
		}
	})
	f.Fuzz(func(t *testing.T, b []byte, state uint8, toServer bool) {
		for _, tree := range []bool{false, true} {
			st := &vncConv{next: vncState(state) % (vncUnread + 1), clientVer: 3008, bpp: int(state % 5)}
			p := PDU{Data: b, Len: len(b), Off: -1, TCP: true, Conv: &Conv{State: st}, SrcPort: portVNC0, DstPort: 40000}
			if toServer {
				p.SrcPort, p.DstPort = 40000, portVNC0
			}
			var out Out
			out.reset(tree)
			if vnc.Dissect(&p, &out) {
				checkTree(t, out.Tree, len(b))
			}
		}
	})
}
