package decode

import (
	"encoding/hex"
	"testing"
)

// The RTSP captures (testdata/app/README.md): lab__rtsp.pcap, rtsp-server-perl
// and an ffmpeg client with RTP/RTCP over UDP and a 404, whose replies come
// in several segments; lab__rtsp_tcp.pcap, two ffmpeg processes with RTP and
// RTCP interleaved on the connection and a 501.
const (
	rtspLab    = "lab__rtsp.pcap"
	rtspTCPLab = "lab__rtsp_tcp.pcap"
)

// TestRTSPColumns dissects real RTSP PDUs of both captures (a 404 and the
// ANNOUNCE joined from their two segments); the expected columns are tshark
// 4.0.17's on the same frames. The interleaved frame with a fresh
// conversation (no SETUP seen) is tshark's on lab__rtsp_tcp.pcap with the
// SETUP exchange cut out (editcap -r 1-12 15-20): the Protocol column stays
// TCP's. The Continuation case follows packet-rtsp.c's string.
func TestRTSPColumns(t *testing.T) {
	toServer := PDU{TCP: true, SrcPort: 40570, DstPort: 8554, Conv: &Conv{}}
	fromServer := PDU{TCP: true, SrcPort: 8554, DstPort: 40570, Dir: 1, Conv: &Conv{}}
	hx := func(s string) string { return hex.EncodeToString([]byte(s)) }
	cases := []struct {
		name, hex   string
		p           PDU
		proto, info string
	}{
		{"OPTIONS", "4f5054494f4e5320727473703a2f2f31302e32312e302e323a383535342f63616d20525453502f312e300d0a435365713a20310d0a557365722d4167656e743a204c61766635392e32372e3130300d0a0d0a", toServer, "RTSP", "OPTIONS rtsp://10.21.0.2:8554/cam RTSP/1.0"},
		{"ANNOUNCE with SDP", "414e4e4f554e434520727473703a2f2f31302e32312e302e323a383535342f63616d20525453502f312e300d0a436f6e74656e742d547970653a206170706c69636174696f6e2f7364700d0a435365713a20320d0a557365722d4167656e743a204c61766635392e32372e3130300d0a436f6e74656e742d4c656e6774683a203136310d0a0d0a763d300d0a6f3d2d2030203020494e20495034203132372e302e302e310d0a733d4e6f204e616d650d0a633d494e204950342031302e32312e302e320d0a743d3020300d0a613d746f6f6c3a6c69626176666f726d6174204c49424156464f524d41545f56455253494f4e0d0a6d3d617564696f2030205254502f41565020300d0a623d41533a36340d0a613d636f6e74726f6c3a73747265616d69643d300d0a", toServer, "RTSP/SDP", "ANNOUNCE rtsp://10.21.0.2:8554/cam RTSP/1.0"},
		{"SETUP reply, interleaved transport", "525453502f312e3020323030204f4b0d0a435365713a20330d0a5365727665723a204c61766635392e32372e3130300d0a5472616e73706f72743a205254502f4156502f5443503b756e69636173743b6d6f64653d726563656976653b696e7465726c65617665643d302d310d0a53657373696f6e3a20333830363933303338390d0a0d0a", fromServer, "RTSP", "Reply: RTSP/1.0 200 OK"},
		{"TEARDOWN refused", "525453502f312e3020353031204e6f7420496d706c656d656e7465640d0a0d0a", fromServer, "RTSP", "Reply: RTSP/1.0 501 Not Implemented"},
		{"DESCRIBE refused", "525453502f312e3020343034204e6f7420466f756e640d0a435365713a20320d0a53657373696f6e3a20330d0a0d0a", fromServer, "RTSP", "Reply: RTSP/1.0 404 Not Found"},
		{"interleaved RTCP, channel not set up", "2401001c80c8000683f91abaeec0c12ef1a9fbe7ceebe9bc0000000000000000", toServer, "TCP", "Interleaved channel 0x01, 28 bytes"},
		{"continuation", hx("CSeq: 2\r\nSession: 3\r\n\r\n"), fromServer, "RTSP", "Continuation"},
		{"hostile request line is escaped", hx("PLAY rtsp://h/\x1b[2J RTSP/1.0\r\n\r\n"), toServer, "RTSP", "PLAY rtsp://h/\\033[2J RTSP/1.0"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkDissect(t, c.hex, c.p, rtspDissector.Dissect, true, c.proto, c.info)
		})
	}
}

// TestRTSPPDULen checks the framing: an interleaved frame by its length
// (RFC 2326 10.12), a message by its header block and Content-Length, a
// request without Content-Length ending at the blank line, and bytes that
// begin no message taken whole as a Continuation.
func TestRTSPPDULen(t *testing.T) {
	cases := []struct {
		name, in string
		want     int
	}{
		{"interleaved header cut", "$\x00\x04", 0},
		{"interleaved", "$\x00\x00\x04abcdef", 8},
		{"headers cut", "OPTIONS rtsp://h/ RTSP/1.0\r\nCSeq: 1\r\n", 0},
		{"request", "OPTIONS rtsp://h/ RTSP/1.0\r\nCSeq: 1\r\n\r\nX", 39},
		{"body by Content-Length", "RTSP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nabcdef", 41},
		{"method cut is no request", "DESCRI", 6},
		{"continuation", "CSeq: 2\r\n\r\n", 11},
	}
	for _, c := range cases {
		if got := rtspPDULen(nil, 0, []byte(c.in)); got != c.want {
			t.Errorf("%s: rtspPDULen = %d, want %d", c.name, got, c.want)
		}
	}
}

// TestRTSPAnnounces checks the conversations a Transport header sets up
// (rtsp_create_conversation): client_port on the packet's destination with
// server_port as the peer's RTP port, RTCP on the second client port with
// the peer's left open; nothing for interleaved or non-RTP transports.
func TestRTSPAnnounces(t *testing.T) {
	dst := makeAddr(AddrIPv4, []byte{10, 21, 0, 1})
	var got []sdpStream
	b := []byte("RTSP/1.0 200 OK\r\nTransport: RTP/AVP/UDP;unicast;client_port=25624-25625;server_port=20002-20003\r\n" +
		"Transport: RTP/AVP/TCP;interleaved=0-1\r\ntransport: x-real-rdt/udp;client_port=6970\r\n\r\n")
	rtspAnnounces(b, 24, dst, func(s sdpStream) { got = append(got, s) })
	if len(got) != 2 {
		t.Fatalf("got %d conversations, want 2: %+v", len(got), got)
	}
	if s := got[0]; s.port != 25624 || s.peer != 20002 || s.rtcp || s.setup != 24 || s.method != "RTSP" || s.addr != dst {
		t.Errorf("RTP: %+v", s)
	}
	if s := got[1]; s.port != 25625 || s.peer != 0 || !s.rtcp {
		t.Errorf("RTCP: %+v", s)
	}
	var st rtspState
	rtspNoteChannels(&st, []byte("RTP/AVP/TCP;unicast;mode=receive;interleaved=0-1"))
	if st.chans[0] != rtspChanRTP || st.chans[1] != rtspChanRTCP || st.chans[2] != rtspChanNone {
		t.Errorf("channels %v", st.chans[:3])
	}
}

// TestRTSPDetailsPDML compares the RTSP layers (and the SDP, RTP and RTCP
// they lead to) of both captures with tshark 4.0.17's PDML of the same
// frames: names, shownames and byte offsets. SDP's sub-fields (owner parts,
// media parts), which ladder's SDP layer does not break out, are left out,
// as are RTP payloads.
func TestRTSPDetailsPDML(t *testing.T) {
	// the frames (0-based) whose PDU tshark reassembled from several segments
	reassembled := map[string]map[int]bool{rtspLab: {13: true, 18: true, 24: true, 73: true}, rtspTCPLab: {9: true}}
	for _, c := range []struct {
		file string
		want map[int][]pdmlWant
	}{
		{rtspLab, map[int][]pdmlWant{
			13: {
				{"rtsp", "Real Time Streaming Protocol", 0, 96},
				{"rtsp.response", "Response: RTSP/1.0 200 OK\\r\\n", 0, 17},
				{"rtsp.status", "Status: 200", 9, 3},
				{"", "Public: OPTIONS, DESCRIBE, TEARDOWN, SETUP, PLAY, STOP\\r\\n", 17, 56},
				{"", "CSeq: 1\\r\\n", 73, 9},
				{"rtsp.session", "Session: 2", 82, 10},
				{"", "\\r\\n", 94, 2},
			},
			15: {
				{"rtsp", "Real Time Streaming Protocol", 66, 120},
				{"rtsp.request", "Request: DESCRIBE rtsp://10.21.0.2:554/live RTSP/1.0\\r\\n", 66, 45},
				{"rtsp.method", "Method: DESCRIBE", 66, 8},
				{"rtsp.url", "URL: rtsp://10.21.0.2:554/live", 75, 25},
				{"", "Accept: application/sdp\\r\\n", 111, 25},
				{"", "CSeq: 2\\r\\n", 136, 9},
				{"", "User-Agent: Lavf59.27.100\\r\\n", 145, 27},
				{"rtsp.session", "Session: 2", 172, 10},
				{"", "\\r\\n", 184, 2},
			},
			18: {
				{"rtsp", "Real Time Streaming Protocol", 0, 253},
				{"rtsp.response", "Response: RTSP/1.0 200 OK\\r\\n", 0, 17},
				{"rtsp.status", "Status: 200", 9, 3},
				{"rtsp.content-type", "Content-type: application/sdp", 17, 29},
				{"rtsp.content-length", "Content-length: 161", 48, 19},
				{"", "CSeq: 2\\r\\n", 69, 9},
				{"rtsp.session", "Session: 2", 78, 10},
				{"", "\\r\\n", 90, 2},
				{"sdp", "Session Description Protocol", 92, 161},
				{"sdp.version", "Session Description Protocol Version (v): 0", 92, 3},
				{"sdp.owner", "Owner/Creator, Session Id (o): - 0 0 IN IP4 127.0.0.1", 97, 24},
				{"sdp.session_name", "Session Name (s): No Name", 123, 9},
				{"sdp.connection_info", "Connection Information (c): IN IP4 127.0.0.1", 134, 18},
				{"sdp.time", "Time Description, active time (t): 0 0", 154, 5},
				{"sdp.session_attr", "Session Attribute (a): tool:libavformat LIBAVFORMAT_VERSION", 161, 38},
				{"sdp.media", "Media Description, name and address (m): audio 0 RTP/AVP 0", 201, 19},
				{"sdp.bandwidth", "Bandwidth Information (b): AS:64", 222, 7},
				{"sdp.media_attr", "Media Attribute (a): control:streamid=0", 231, 20},
			},
			24: {
				{"rtsp", "Real Time Streaming Protocol", 0, 120},
				{"rtsp.response", "Response: RTSP/1.0 200 OK\\r\\n", 0, 17},
				{"rtsp.status", "Status: 200", 9, 3},
				{"rtsp.transport", "Transport: RTP/AVP/UDP;unicast;client_port=25624-25625;server_port=20002-20003", 17, 78},
				{"", "CSeq: 3\\r\\n", 97, 9},
				{"rtsp.session", "Session: 2", 106, 10},
				{"", "\\r\\n", 118, 2},
			},
			27: {
				{"rtcp", "Real-time Transport Control Protocol (Receiver Report)", 42, 8},
				{"rtcp.version", "10.. .... = Version: RFC 1889 Version (2)", 42, 1},
				{"rtcp.padding", "..0. .... = Padding: False", 42, 1},
				{"rtcp.rc", "...0 0000 = Reception report count: 0", 42, 1},
				{"rtcp.pt", "Packet type: Receiver Report (201)", 43, 1},
				{"rtcp.length", "Length: 1 (8 bytes)", 44, 2},
				{"rtcp.senderssrc", "Sender SSRC: 0x00000000 (0)", 46, 4},
				{"rtcp.length_check", "RTCP frame length check: OK - 8 bytes", 42, 0},
			},
			33: {
				{"rtp", "Real-Time Transport Protocol", 42, 1036},
				{"rtp.setup", "Stream setup by RTSP (frame 25)", 42, 0},
				{"rtp.setup-frame", "Setup frame: 25", 42, 0},
				{"rtp.setup-method", "Setup Method: RTSP", 42, 0},
				{"rtp.version", "10.. .... = Version: RFC 1889 Version (2)", 42, 1},
				{"rtp.padding", "..0. .... = Padding: False", 42, 1},
				{"rtp.ext", "...0 .... = Extension: False", 42, 1},
				{"rtp.cc", ".... 0000 = Contributing source identifiers count: 0", 42, 1},
				{"rtp.marker", "0... .... = Marker: False", 43, 1},
				{"rtp.p_type", "Payload type: ITU-T G.711 PCMU (0)", 43, 1},
				{"rtp.seq", "Sequence number: 2172", 44, 2},
				{"rtp.extseq", "Extended sequence number: 67708", 44, 2},
				{"rtp.timestamp", "Timestamp: 122374355", 46, 4},
				{"rtp.ssrc", "Synchronization Source identifier: 0x2e3d7e3d (775781949)", 50, 4},
			},
			73: {
				{"rtsp", "Real Time Streaming Protocol", 0, 47},
				{"rtsp.response", "Response: RTSP/1.0 404 Not Found\\r\\n", 0, 24},
				{"rtsp.status", "Status: 404", 9, 3},
				{"", "CSeq: 2\\r\\n", 24, 9},
				{"rtsp.session", "Session: 3", 33, 10},
				{"", "\\r\\n", 45, 2},
			},
		}},
		{rtspTCPLab, map[int][]pdmlWant{
			9: {
				{"rtsp", "Real Time Streaming Protocol", 0, 296},
				{"rtsp.request", "Request: ANNOUNCE rtsp://10.21.0.2:8554/cam RTSP/1.0\\r\\n", 0, 45},
				{"rtsp.method", "Method: ANNOUNCE", 0, 8},
				{"rtsp.url", "URL: rtsp://10.21.0.2:8554/cam", 9, 25},
				{"rtsp.content-type", "Content-type: application/sdp", 45, 29},
				{"", "CSeq: 2\\r\\n", 76, 9},
				{"", "User-Agent: Lavf59.27.100\\r\\n", 85, 27},
				{"rtsp.content-length", "Content-length: 161", 112, 19},
				{"", "\\r\\n", 133, 2},
				{"sdp", "Session Description Protocol", 135, 161},
				{"sdp.version", "Session Description Protocol Version (v): 0", 135, 3},
				{"sdp.owner", "Owner/Creator, Session Id (o): - 0 0 IN IP4 127.0.0.1", 140, 24},
				{"sdp.session_name", "Session Name (s): No Name", 166, 9},
				{"sdp.connection_info", "Connection Information (c): IN IP4 10.21.0.2", 177, 18},
				{"sdp.time", "Time Description, active time (t): 0 0", 197, 5},
				{"sdp.session_attr", "Session Attribute (a): tool:libavformat LIBAVFORMAT_VERSION", 204, 38},
				{"sdp.media", "Media Description, name and address (m): audio 0 RTP/AVP 0", 244, 19},
				{"sdp.bandwidth", "Bandwidth Information (b): AS:64", 265, 7},
				{"sdp.media_attr", "Media Attribute (a): control:streamid=0", 274, 20},
			},
			13: {
				{"rtsp", "Real Time Streaming Protocol", 66, 133},
				{"rtsp.response", "Response: RTSP/1.0 200 OK\\r\\n", 66, 17},
				{"rtsp.status", "Status: 200", 75, 3},
				{"", "CSeq: 3\\r\\n", 83, 9},
				{"", "Server: Lavf59.27.100\\r\\n", 92, 23},
				{"rtsp.transport", "Transport: RTP/AVP/TCP;unicast;mode=receive;interleaved=0-1", 115, 59},
				{"rtsp.session", "Session: 3806930389", 176, 19},
				{"", "\\r\\n", 197, 2},
			},
			16: {
				{"rtsp", "RTSP Interleaved Frame, Channel: 0x01, 28 bytes", 66, 4},
				{"rtsp.magic", "Magic: 0x24", 66, 1},
				{"rtsp.channel", "Channel: 0x01", 67, 1},
				{"rtsp.length", "Length: 28", 68, 2},
				{"rtcp", "Real-time Transport Control Protocol (Sender Report)", 70, 28},
				{"rtcp.version", "10.. .... = Version: RFC 1889 Version (2)", 70, 1},
				{"rtcp.padding", "..0. .... = Padding: False", 70, 1},
				{"rtcp.rc", "...0 0000 = Reception report count: 0", 70, 1},
				{"rtcp.pt", "Packet type: Sender Report (200)", 71, 1},
				{"rtcp.length", "Length: 6 (28 bytes)", 72, 2},
				{"rtcp.senderssrc", "Sender SSRC: 0x83f91aba (2214140602)", 74, 4},
				{"rtcp.timestamp.ntp.msw", "Timestamp, MSW: 4005609774 (0xeec0c12e)", 78, 4},
				{"rtcp.timestamp.ntp.lsw", "Timestamp, LSW: 4054449127 (0xf1a9fbe7)", 82, 4},
				{"rtcp.timestamp.ntp", "MSW and LSW as NTP timestamp: Dec  7, 2026 05:22:54.943999999 UTC", 78, 8},
				{"rtcp.timestamp.rtp", "RTP timestamp: 3471567292", 86, 4},
				{"rtcp.sender.packetcount", "Sender's packet count: 0", 90, 4},
				{"rtcp.sender.octetcount", "Sender's octet count: 0", 94, 4},
				{"rtcp.length_check", "RTCP frame length check: OK - 28 bytes", 70, 0},
			},
			18: {
				{"rtsp", "RTSP Interleaved Frame, Channel: 0x00, 1036 bytes", 66, 4},
				{"rtsp.magic", "Magic: 0x24", 66, 1},
				{"rtsp.channel", "Channel: 0x00", 67, 1},
				{"rtsp.length", "Length: 1036", 68, 2},
				{"rtp", "Real-Time Transport Protocol", 70, 1036},
				{"rtp.version", "10.. .... = Version: RFC 1889 Version (2)", 70, 1},
				{"rtp.padding", "..0. .... = Padding: False", 70, 1},
				{"rtp.ext", "...0 .... = Extension: False", 70, 1},
				{"rtp.cc", ".... 0000 = Contributing source identifiers count: 0", 70, 1},
				{"rtp.marker", "0... .... = Marker: False", 71, 1},
				{"rtp.p_type", "Payload type: ITU-T G.711 PCMU (0)", 71, 1},
				{"rtp.seq", "Sequence number: 835", 72, 2},
				{"rtp.extseq", "Extended sequence number: 65536", 72, 2},
				{"rtp.timestamp", "Timestamp: 3471566932", 74, 4},
				{"rtp.ssrc", "Synchronization Source identifier: 0x83f91aba (2214140602)", 78, 4},
			},
			20: {
				{"rtsp", "RTSP Interleaved Frame, Channel: 0x00, 1036 bytes", 66, 4},
				{"rtsp.magic", "Magic: 0x24", 66, 1},
				{"rtsp.channel", "Channel: 0x00", 67, 1},
				{"rtsp.length", "Length: 1036", 68, 2},
				{"rtp", "Real-Time Transport Protocol", 70, 1036},
				{"rtp.setup", "Stream setup by DECODE AS (frame 19)", 70, 0},
				{"rtp.setup-frame", "Setup frame: 19", 70, 0},
				{"rtp.setup-method", "Setup Method: DECODE AS", 70, 0},
				{"rtp.version", "10.. .... = Version: RFC 1889 Version (2)", 70, 1},
				{"rtp.padding", "..0. .... = Padding: False", 70, 1},
				{"rtp.ext", "...0 .... = Extension: False", 70, 1},
				{"rtp.cc", ".... 0000 = Contributing source identifiers count: 0", 70, 1},
				{"rtp.marker", "0... .... = Marker: False", 71, 1},
				{"rtp.p_type", "Payload type: ITU-T G.711 PCMU (0)", 71, 1},
				{"rtp.seq", "Sequence number: 836", 72, 2},
				{"rtp.extseq", "Extended sequence number: 66372", 72, 2},
				{"rtp.timestamp", "Timestamp: 3471567956", 74, 4},
				{"rtp.ssrc", "Synchronization Source identifier: 0x83f91aba (2214140602)", 78, 4},
			},
			46: {
				{"rtsp", "Real Time Streaming Protocol", 66, 32},
				{"rtsp.response", "Response: RTSP/1.0 501 Not Implemented\\r\\n", 66, 30},
				{"rtsp.status", "Status: 501", 75, 3},
				{"", "\\r\\n", 96, 2},
			},
		}},
	} {
		_, w := appWalker(t, c.file)
		for frame := 0; frame < 100; frame++ {
			fields, ok := c.want[frame]
			if !ok {
				continue
			}
			res := w.At(frame, true)
			if reassembled[c.file][frame] {
				// PDML places a PDU joined from several segments in the
				// reassembled bytes; ladder's tree gives such a PDU no
				// bytes of the frame (Shift): names and labels only
				fields = append([]pdmlWant(nil), fields...)
				for i := range fields {
					fields[i].pos, fields[i].size = 0, 0
				}
			}
			checkPDMLFields(t, frame, res.Tree, fields)
		}
	}
}

// FuzzProtoRTSP feeds arbitrary bytes to the RTSP dissector and framing,
// with and without the tree, as one PDU of a fresh and of a used
// conversation (interleaved channels mapped): no panic, every field inside
// the bytes, no negative PDU length. Seeded with the TCP
// payloads of both captures.
func FuzzProtoRTSP(f *testing.F) {
	for _, name := range []string{rtspLab, rtspTCPLab} {
		eachParsed(f, name, func(h *Headers) {
			if h.HasTransport && len(h.Payload) > 0 {
				seed(f, h.Payload)
			}
		})
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) == 0 {
			return
		}
		if n := rtspPDULen(nil, 0, b); n < 0 {
			t.Fatalf("PDU length %d of %d bytes", n, len(b))
		}
		used := &Conv{}
		for _, tree := range []bool{false, true} {
			for _, conv := range []*Conv{{}, used} {
				var out Out
				out.reset(tree)
				p := PDU{Data: b, Len: len(b), Off: -1, TCP: true, DstPort: 554, Conv: conv}
				rtspDissector.Dissect(&p, &out)
				checkTree(t, out.Tree, len(b))
			}
		}
		var out Out
		out.reset(true)
		setup := []byte("RTSP/1.0 200 OK\r\nTransport: RTP/AVP/TCP;interleaved=0-1\r\n\r\n")
		rtspDissector.Dissect(&PDU{Data: setup, Len: len(setup), TCP: true, Conv: used}, &out)
	})
}
