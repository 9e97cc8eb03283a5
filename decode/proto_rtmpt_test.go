package decode

import (
	"bytes"
	"encoding/binary"
	"testing"
)

// rtmpSeg is one segment of an RTMP connection: who sent it, its bytes
// and the Info tshark 4.0.17 shows for it ("" = no message completes, the
// row stays TCP).
type rtmpSeg struct {
	fromServer bool
	b          []byte
	info       string
}

func rtmpAMFStr(s string) []byte {
	return append([]byte{2, byte(len(s) >> 8), byte(len(s))}, s...)
}

func rtmpAMFNum(v uint64) []byte {
	b := []byte{0, 0, 0, 0, 0, 0, 0, 0, 0}
	binary.BigEndian.PutUint64(b[1:], v)
	return b
}

// rtmpChunk0 is a message in one chunk with a format 0 header.
func rtmpChunk0(csid, typ byte, body []byte) []byte {
	n := len(body)
	return append([]byte{csid, 0, 0, 0, byte(n >> 16), byte(n >> 8), byte(n), typ, 0, 0, 0, 0}, body...)
}

// TestRtmpConversation plays an RTMP connection laid out as
// lab__rtmp-crafted.pcap frames 4-15 hold it through one conversation;
// the expected Info texts are tshark 4.0.17's on that capture.
func TestRtmpConversation(t *testing.T) {
	c1 := append([]byte{3}, bytes.Repeat([]byte{7}, 1536)...)
	s012 := append([]byte{3}, bytes.Repeat([]byte{9}, 3072)...)
	c2 := bytes.Repeat([]byte{8}, 1536)
	app := append([]byte{3, 0, 3}, "app"...)
	app = append(append(app, rtmpAMFStr("vod")...), 0, 0, 9)
	connect := rtmpChunk0(3, 0x14, append(append(rtmpAMFStr("connect"), rtmpAMFNum(0x3ff0000000000000)...), app...))
	play := rtmpChunk0(8, 0x14, append(append(append(rtmpAMFStr("play"), rtmpAMFNum(0x4008000000000000)...), 5), rtmpAMFStr("movie")...))
	setChunk := rtmpChunk0(2, 0x01, []byte{0, 0, 0x10, 0})
	// a 300-byte video message: with the default chunk size it comes as
	// chunks of 128, 128 and 44 bytes, each after a format 3 header
	video := rtmpChunk0(6, 0x09, append([]byte{0x17, 0}, make([]byte, 126)...))
	video[6] = 0x2c
	video[5] = 0x01
	video = append(append(append(video, 0xc6), make([]byte, 128)...), append([]byte{0xc6}, make([]byte, 44)...)...)
	cases := []rtmpSeg{
		{false, c1[:1000], ""},
		{false, c1[1000:], "Handshake C0+C1"},
		{true, s012[:1], ""},
		{true, s012[1:], "Handshake S0+S1+S2"},
		{false, append(append([]byte{}, c2...), connect...), "Handshake C2|connect('vod')"},
		{false, play[:5], ""},
		{false, play[5:], "play('movie')"},
		{false, video[:200], ""},
		{false, video[200:], "Video Data"},
		{true, setChunk, "Set Chunk Size 4096"},
		{true, rtmpChunk0(2, 0x04, []byte{0, 3, 0, 0, 0, 1, 0, 0, 0x0b, 0xb8}), "Set Buffer Length 1,3000ms"},
		{true, rtmpChunk0(2, 0x04, []byte{0}), "User Control Message[Malformed Packet]"},
		{false, rtmpChunk0(3, 0x14, append([]byte{2, 0, 0x20}, "conn"...)), "[Malformed Packet]"},
	}
	conv := &Conv{}
	for i, c := range cases {
		p := PDU{Data: c.b, Len: len(c.b), Off: -1, TCP: true, Conv: conv, SrcPort: 40001, DstPort: portRTMP}
		if c.fromServer {
			p.SrcPort, p.DstPort, p.Dir = portRTMP, 40001, 1
		}
		var out Out
		out.reset(true)
		rtmpt.Dissect(&p, &out)
		wantProto := "RTMP"
		if c.info == "" {
			wantProto = ""
		}
		if out.Proto != wantProto || out.Info() != c.info {
			t.Errorf("segment %d: got %q %q, want %q %q", i, out.Proto, out.Info(), wantProto, c.info)
		}
		Shift(out.Tree, 0) // as the walker places a PDU's fields in its packet
		checkTree(t, out.Tree, len(c.b))
	}
}

// TestRtmpAMFParam: the text after the function name comes from the
// value tshark's rtmpt_get_amf_param picks (hand-checked AMF0 bytes).
func TestRtmpAMFParam(t *testing.T) {
	obj := append([]byte{3, 0, 7}, "appName"...)
	obj = append(append(obj, rtmpAMFStr("x")...), 0, 0, 9)
	b := append(append(rtmpAMFStr("connect"), rtmpAMFNum(1)...), obj...)
	// "app" matches a property whose name only begins with it, as
	// tvb_strneql compares strlen("app") bytes
	if s, ok := rtmpAMFParam(b, 2, "app"); !ok || s != "x" {
		t.Errorf("prefix match: got %q %v", s, ok)
	}
	if _, ok := rtmpAMFParam(b, 3, ""); ok {
		t.Errorf("no fourth value: got ok")
	}
	if _, ok := rtmpAMFParam(b[:len(b)-6], 2, "app"); ok {
		t.Errorf("cut object: got ok")
	}
}

// FuzzProtoRtmpt feeds arbitrary segments to one RTMP conversation in
// both directions, with and without the tree: no panic, every field
// inside the bytes. Seeded with both RTMP captures' payloads.
func FuzzProtoRtmpt(f *testing.F) {
	for _, name := range []string{"lab__rtmp.pcap", "lab__rtmp-crafted.pcap"} {
		eachParsed(f, name, func(h *Headers) {
			if h.HasTransport && len(h.Payload) > 0 {
				seed(f, h.Payload, uint16(1000))
			}
		})
	}
	f.Fuzz(func(t *testing.T, b []byte, cut uint16) {
		for _, tree := range []bool{false, true} {
			conv := &Conv{}
			k := min(int(cut), len(b))
			for i, part := range [][]byte{b[:k], b[k:], b} {
				p := PDU{Data: part, Len: len(part), Off: -1, TCP: true, Conv: conv, SrcPort: 40000, DstPort: portRTMP}
				if i == 1 {
					p.SrcPort, p.DstPort, p.Dir = portRTMP, 40000, 1
				}
				var out Out
				out.reset(tree)
				if rtmpt.Dissect(&p, &out) {
					Shift(out.Tree, 0)
					checkTree(t, out.Tree, len(part))
				}
			}
		}
	})
}
