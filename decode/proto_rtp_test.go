package decode

import (
	"path/filepath"
	"testing"
)

// The RTP, RTP EVENT and RTCP captures: lab__sip_rtp.pcap, a real SIP call
// between two diago user agents (G.711 audio both ways, DTMF 1 and # as
// RFC 4733 events, an RTCP Sender Report each way), and
// lab__sip_rtp_early.pcap, a real call with early media (183 with SDP),
// hold and unhold (re-INVITEs), and lab__rtp-crafted.pcap, hand-built
// cases of the SDP rules (README.md).
const (
	sipRTPLab      = "lab__sip_rtp.pcap"
	sipRTPEarlyLab = "lab__sip_rtp_early.pcap"
	rtpCraftedLab  = "lab__rtp-crafted.pcap"
)

// TestRTPDetailsPDML compares the RTP, RTP EVENT and RTCP layers of both
// captures with tshark 4.0.17's PDML (tshark -r F -T pdml): field names,
// labels (showname) and byte offsets (pos, size). Left out: fields PDML
// hides (the payload a payload dissector took), the Opus layer's own
// fields, and the generated setup and length-check lines tshark places
// at odd offsets in the second and later packets of a compound RTCP.
func TestRTPDetailsPDML(t *testing.T) {
	cases := []struct {
		file  string
		frame int
		want  []pdmlWant
	}{
		{sipRTPLab, 5, []pdmlWant{
			{"rtp", "Real-Time Transport Protocol", 42, 172},
			{"rtp.setup", "Stream setup by SDP (frame 1)", 42, 0},
			{"rtp.setup-frame", "Setup frame: 1", 42, 0},
			{"rtp.setup-method", "Setup Method: SDP", 42, 0},
			{"sip.call_id_generated", "Generated Call-ID: 08608092-eac5-458d-a7be-8686b75905b0", 42, 0},
			{"rtp.version", "10.. .... = Version: RFC 1889 Version (2)", 42, 1},
			{"rtp.padding", "..0. .... = Padding: False", 42, 1},
			{"rtp.ext", "...0 .... = Extension: False", 42, 1},
			{"rtp.cc", ".... 0000 = Contributing source identifiers count: 0", 42, 1},
			{"rtp.marker", "1... .... = Marker: True", 43, 1},
			{"rtp.p_type", "Payload type: ITU-T G.711 PCMU (0)", 43, 1},
			{"rtp.seq", "Sequence number: 19289", 44, 2},
			{"rtp.extseq", "Extended sequence number: 84825", 44, 2},
			{"rtp.timestamp", "Timestamp: 0", 46, 4},
			{"rtp.ssrc", "Synchronization Source identifier: 0x90eee2e6 (2431574758)", 50, 4},
			{"rtp.payload", "Payload: 101112131415161718191a1b1c1d1e1f101112131415161718191a1b1c1d1e1f10111213…", 54, 160},
		}},
		{sipRTPLab, 105, []pdmlWant{
			{"rtp", "Real-Time Transport Protocol", 42, 16},
			{"rtp.setup", "Stream setup by SDP (frame 1)", 42, 0},
			{"rtp.setup-frame", "Setup frame: 1", 42, 0},
			{"rtp.setup-method", "Setup Method: SDP", 42, 0},
			{"sip.call_id_generated", "Generated Call-ID: 08608092-eac5-458d-a7be-8686b75905b0", 42, 0},
			{"rtp.version", "10.. .... = Version: RFC 1889 Version (2)", 42, 1},
			{"rtp.padding", "..0. .... = Padding: False", 42, 1},
			{"rtp.ext", "...0 .... = Extension: False", 42, 1},
			{"rtp.cc", ".... 0000 = Contributing source identifiers count: 0", 42, 1},
			{"rtp.marker", "1... .... = Marker: True", 43, 1},
			{"rtp.p_type", "Payload type: telephone-event (101)", 43, 1},
			{"rtp.seq", "Sequence number: 19339", 44, 2},
			{"rtp.extseq", "Extended sequence number: 84875", 44, 2},
			{"rtp.timestamp", "Timestamp: 8000", 46, 4},
			{"rtp.ssrc", "Synchronization Source identifier: 0x90eee2e6 (2431574758)", 50, 4},
			{"rtpevent", "RFC 2833 RTP Event", 54, 4},
			{"rtpevent.event_id", "Event ID: DTMF One 1 (1)", 54, 1},
			{"rtpevent.end_of_event", "0... .... = End of Event: False", 55, 1},
			{"rtpevent.reserved", ".0.. .... = Reserved: False", 55, 1},
			{"rtpevent.volume", "..00 1010 = Volume: 10", 55, 1},
			{"rtpevent.duration", "Event Duration: 160", 56, 2},
		}},
		{sipRTPLab, 109, []pdmlWant{
			{"rtp", "Real-Time Transport Protocol", 42, 16},
			{"rtp.setup", "Stream setup by SDP (frame 1)", 42, 0},
			{"rtp.setup-frame", "Setup frame: 1", 42, 0},
			{"rtp.setup-method", "Setup Method: SDP", 42, 0},
			{"sip.call_id_generated", "Generated Call-ID: 08608092-eac5-458d-a7be-8686b75905b0", 42, 0},
			{"rtp.version", "10.. .... = Version: RFC 1889 Version (2)", 42, 1},
			{"rtp.padding", "..0. .... = Padding: False", 42, 1},
			{"rtp.ext", "...0 .... = Extension: False", 42, 1},
			{"rtp.cc", ".... 0000 = Contributing source identifiers count: 0", 42, 1},
			{"rtp.marker", "0... .... = Marker: False", 43, 1},
			{"rtp.p_type", "Payload type: telephone-event (101)", 43, 1},
			{"rtp.seq", "Sequence number: 19343", 44, 2},
			{"rtp.extseq", "Extended sequence number: 84879", 44, 2},
			{"rtp.timestamp", "Timestamp: 8000", 46, 4},
			{"rtp.ssrc", "Synchronization Source identifier: 0x90eee2e6 (2431574758)", 50, 4},
			{"rtpevent", "RFC 2833 RTP Event", 54, 4},
			{"rtpevent.event_id", "Event ID: DTMF One 1 (1)", 54, 1},
			{"rtpevent.end_of_event", "1... .... = End of Event: True", 55, 1},
			{"rtpevent.reserved", ".0.. .... = Reserved: False", 55, 1},
			{"rtpevent.volume", "..00 1010 = Volume: 10", 55, 1},
			{"rtpevent.duration", "Event Duration: 800", 56, 2},
		}},
		{sipRTPLab, 119, []pdmlWant{
			{"rtcp", "Real-time Transport Control Protocol (Sender Report)", 42, 52},
			{"rtcp.setup", "Stream setup by SDP (frame 1)", 42, 0},
			{"rtcp.setup-frame", "Setup frame: 1", 42, 0},
			{"rtcp.setup-method", "Setup Method: SDP", 42, 0},
			{"rtcp.version", "10.. .... = Version: RFC 1889 Version (2)", 42, 1},
			{"rtcp.padding", "..0. .... = Padding: False", 42, 1},
			{"rtcp.rc", "...0 0001 = Reception report count: 1", 42, 1},
			{"rtcp.pt", "Packet type: Sender Report (200)", 43, 1},
			{"rtcp.length", "Length: 12 (52 bytes)", 44, 2},
			{"rtcp.senderssrc", "Sender SSRC: 0xbb70add1 (3144723921)", 46, 4},
			{"rtcp.timestamp.ntp.msw", "Timestamp, MSW: 4005587916 (0xeec06bcc)", 50, 4},
			{"rtcp.timestamp.ntp.lsw", "Timestamp, LSW: 1460347176 (0x570b2128)", 54, 4},
			{"rtcp.timestamp.ntp", "MSW and LSW as NTP timestamp: Dec  6, 2026 23:18:36.340013572 UTC", 50, 8},
			{"rtcp.timestamp.rtp", "RTP timestamp: 39994", 58, 4},
			{"rtcp.sender.packetcount", "Sender's packet count: 50", 62, 4},
			{"rtcp.sender.octetcount", "Sender's octet count: 8000", 66, 4},
			{"", "Source 1", 70, 24},
			{"rtcp.ssrc.identifier", "Identifier: 0x90eee2e6 (2431574758)", 70, 4},
			{"", "SSRC contents", 74, 20},
			{"rtcp.ssrc.fraction", "Fraction lost: 0 / 256", 74, 1},
			{"rtcp.ssrc.cum_nr", "Cumulative number of packets lost: 0", 75, 3},
			{"rtcp.ssrc.ext_high", "Extended highest sequence number received: 19352", 78, 4},
			{"rtcp.ssrc.high_cycles", "Sequence number cycles count: 0", 78, 2},
			{"rtcp.ssrc.high_seq", "Highest sequence number received: 19352", 80, 2},
			{"rtcp.ssrc.jitter", "Interarrival jitter: 117", 82, 4},
			{"rtcp.ssrc.lsr", "Last SR timestamp: 0 (0x00000000)", 86, 4},
			{"rtcp.ssrc.dlsr", "Delay since last SR timestamp: 0 (0 milliseconds)", 90, 4},
			{"rtcp.length_check", "RTCP frame length check: OK - 52 bytes", 42, 0},
		}},
		{rtpCraftedLab, 3, []pdmlWant{
			{"rtp", "Real-Time Transport Protocol", 42, 32},
			{"rtp.setup", "Stream setup by SDP (frame 2)", 42, 0},
			{"rtp.setup-frame", "Setup frame: 2", 42, 0},
			{"rtp.setup-method", "Setup Method: SDP", 42, 0},
			{"sip.call_id_generated", "Generated Call-ID: call1@x", 42, 0},
			{"rtp.version", "10.. .... = Version: RFC 1889 Version (2)", 42, 1},
			{"rtp.padding", "..0. .... = Padding: False", 42, 1},
			{"rtp.ext", "...0 .... = Extension: False", 42, 1},
			{"rtp.cc", ".... 0000 = Contributing source identifiers count: 0", 42, 1},
			{"rtp.marker", "0... .... = Marker: False", 43, 1},
			{"rtp.p_type", "Payload type: opus (96)", 43, 1},
			{"rtp.seq", "Sequence number: 7", 44, 2},
			{"rtp.extseq", "Extended sequence number: 65543", 44, 2},
			{"rtp.timestamp", "Timestamp: 960", 46, 4},
			{"rtp.ssrc", "Synchronization Source identifier: 0xbbbb0002 (3149594626)", 50, 4},
		}},
		{rtpCraftedLab, 5, []pdmlWant{
			{"rtp", "Real-Time Transport Protocol", 42, 16},
			{"rtp.setup", "Stream setup by SDP (frame 2)", 42, 0},
			{"rtp.setup-frame", "Setup frame: 2", 42, 0},
			{"rtp.setup-method", "Setup Method: SDP", 42, 0},
			{"sip.call_id_generated", "Generated Call-ID: call1@x", 42, 0},
			{"rtp.version", "10.. .... = Version: RFC 1889 Version (2)", 42, 1},
			{"rtp.padding", "..0. .... = Padding: False", 42, 1},
			{"rtp.ext", "...0 .... = Extension: False", 42, 1},
			{"rtp.cc", ".... 0000 = Contributing source identifiers count: 0", 42, 1},
			{"rtp.marker", "0... .... = Marker: False", 43, 1},
			{"rtp.p_type", "Payload type: telephone-event (98)", 43, 1},
			{"rtp.seq", "Sequence number: 9", 44, 2},
			{"rtp.extseq", "Extended sequence number: 65545", 44, 2},
			{"rtp.timestamp", "Timestamp: 1280", 46, 4},
			{"rtp.ssrc", "Synchronization Source identifier: 0xbbbb0002 (3149594626)", 50, 4},
			{"rtpevent", "RFC 2833 RTP Event", 54, 4},
			{"rtpevent.event_id", "Event ID: DTMF Five 5 (5)", 54, 1},
			{"rtpevent.end_of_event", "0... .... = End of Event: False", 55, 1},
			{"rtpevent.reserved", ".0.. .... = Reserved: False", 55, 1},
			{"rtpevent.volume", "..00 1010 = Volume: 10", 55, 1},
			{"rtpevent.duration", "Event Duration: 160", 56, 2},
		}},
		{rtpCraftedLab, 6, []pdmlWant{
			{"rtp", "Real-Time Transport Protocol", 42, 16},
			{"rtp.setup", "Stream setup by SDP (frame 2)", 42, 0},
			{"rtp.setup-frame", "Setup frame: 2", 42, 0},
			{"rtp.setup-method", "Setup Method: SDP", 42, 0},
			{"sip.call_id_generated", "Generated Call-ID: call1@x", 42, 0},
			{"rtp.version", "10.. .... = Version: RFC 1889 Version (2)", 42, 1},
			{"rtp.padding", "..0. .... = Padding: False", 42, 1},
			{"rtp.ext", "...0 .... = Extension: False", 42, 1},
			{"rtp.cc", ".... 0000 = Contributing source identifiers count: 0", 42, 1},
			{"rtp.marker", "0... .... = Marker: False", 43, 1},
			{"rtp.p_type", "Payload type: telephone-event (98)", 43, 1},
			{"rtp.seq", "Sequence number: 10", 44, 2},
			{"rtp.extseq", "Extended sequence number: 65546", 44, 2},
			{"rtp.timestamp", "Timestamp: 1280", 46, 4},
			{"rtp.ssrc", "Synchronization Source identifier: 0xbbbb0002 (3149594626)", 50, 4},
			{"rtpevent", "RFC 2833 RTP Event", 54, 4},
			{"rtpevent.event_id", "Event ID: DTMF Five 5 (5)", 54, 1},
			{"rtpevent.end_of_event", "1... .... = End of Event: True", 55, 1},
			{"rtpevent.reserved", ".0.. .... = Reserved: False", 55, 1},
			{"rtpevent.volume", "..00 1010 = Volume: 10", 55, 1},
			{"rtpevent.duration", "Event Duration: 480", 56, 2},
		}},
		{rtpCraftedLab, 10, []pdmlWant{
			{"rtcp", "Real-time Transport Control Protocol (Sender Report)", 42, 52},
			{"rtcp.setup", "Stream setup by SDP (frame 2)", 42, 0},
			{"rtcp.setup-frame", "Setup frame: 2", 42, 0},
			{"rtcp.setup-method", "Setup Method: SDP", 42, 0},
			{"rtcp.version", "10.. .... = Version: RFC 1889 Version (2)", 42, 1},
			{"rtcp.padding", "..0. .... = Padding: False", 42, 1},
			{"rtcp.rc", "...0 0001 = Reception report count: 1", 42, 1},
			{"rtcp.pt", "Packet type: Sender Report (200)", 43, 1},
			{"rtcp.length", "Length: 12 (52 bytes)", 44, 2},
			{"rtcp.senderssrc", "Sender SSRC: 0x11223344 (287454020)", 46, 4},
			{"rtcp.timestamp.ntp.msw", "Timestamp, MSW: 4005587916 (0xeec06bcc)", 50, 4},
			{"rtcp.timestamp.ntp.lsw", "Timestamp, LSW: 1460347176 (0x570b2128)", 54, 4},
			{"rtcp.timestamp.ntp", "MSW and LSW as NTP timestamp: Dec  6, 2026 23:18:36.340013572 UTC", 50, 8},
			{"rtcp.timestamp.rtp", "RTP timestamp: 39994", 58, 4},
			{"rtcp.sender.packetcount", "Sender's packet count: 50", 62, 4},
			{"rtcp.sender.octetcount", "Sender's octet count: 8000", 66, 4},
			{"", "Source 1", 70, 24},
			{"rtcp.ssrc.identifier", "Identifier: 0x55667788 (1432778632)", 70, 4},
			{"", "SSRC contents", 74, 20},
			{"rtcp.ssrc.fraction", "Fraction lost: 3 / 256", 74, 1},
			{"rtcp.ssrc.cum_nr", "Cumulative number of packets lost: 7", 75, 3},
			{"rtcp.ssrc.ext_high", "Extended highest sequence number received: 84888", 78, 4},
			{"rtcp.ssrc.high_cycles", "Sequence number cycles count: 1", 78, 2},
			{"rtcp.ssrc.high_seq", "Highest sequence number received: 19352", 80, 2},
			{"rtcp.ssrc.jitter", "Interarrival jitter: 117", 82, 4},
			{"rtcp.ssrc.lsr", "Last SR timestamp: 1808553739 (0x6bcc570b)", 86, 4},
			{"rtcp.ssrc.dlsr", "Delay since last SR timestamp: 65536 (1000 milliseconds)", 90, 4},
			{"rtcp", "Real-time Transport Control Protocol (Source description)", 94, 24},
			{"rtcp.setup-frame", "Setup frame: 2", 42, 0},
			{"rtcp.setup-method", "Setup Method: SDP", 42, 0},
			{"rtcp.version", "10.. .... = Version: RFC 1889 Version (2)", 94, 1},
			{"rtcp.padding", "..0. .... = Padding: False", 94, 1},
			{"rtcp.sc", "...0 0001 = Source count: 1", 94, 1},
			{"rtcp.pt", "Packet type: Source description (202)", 95, 1},
			{"rtcp.length", "Length: 5 (24 bytes)", 96, 2},
			{"", "Chunk 1, SSRC/CSRC 0x11223344", 98, 20},
			{"rtcp.ssrc.identifier", "Identifier: 0x11223344 (287454020)", 98, 4},
			{"", "SDES items", 102, 14},
			{"rtcp.sdes.type", "Type: CNAME (user and domain) (1)", 102, 1},
			{"rtcp.sdes.length", "Length: 11", 103, 1},
			{"rtcp.sdes.text", "Text: a@10.14.0.1", 104, 11},
			{"rtcp.sdes.type", "Type: END (0)", 115, 1},
		}},
		{rtpCraftedLab, 12, []pdmlWant{
			{"rtp", "Real-Time Transport Protocol", 42, 180},
			{"rtp.setup", "Stream setup by SDP (frame 2)", 42, 0},
			{"rtp.setup-frame", "Setup frame: 2", 42, 0},
			{"rtp.setup-method", "Setup Method: SDP", 42, 0},
			{"sip.call_id_generated", "Generated Call-ID: call1@x", 42, 0},
			{"rtp.version", "10.. .... = Version: RFC 1889 Version (2)", 42, 1},
			{"rtp.padding", "..0. .... = Padding: False", 42, 1},
			{"rtp.ext", "...0 .... = Extension: False", 42, 1},
			{"rtp.cc", ".... 0010 = Contributing source identifiers count: 2", 42, 1},
			{"rtp.marker", "0... .... = Marker: False", 43, 1},
			{"rtp.p_type", "Payload type: ITU-T G.711 PCMU (0)", 43, 1},
			{"rtp.seq", "Sequence number: 3", 44, 2},
			{"rtp.extseq", "Extended sequence number: 65539", 44, 2},
			{"rtp.timestamp", "Timestamp: 320", 46, 4},
			{"rtp.ssrc", "Synchronization Source identifier: 0xaaaa0001 (2863267841)", 50, 4},
			{"rtp.csrc.items", "Contributing Source identifiers (2 items)", 54, 8},
			{"rtp.csrc.item", "CSRC item 0: 0x1020304", 54, 4},
			{"rtp.csrc.item", "CSRC item 1: 0x5060708", 58, 4},
			{"rtp.payload", "Payload: 202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f40414243…", 62, 160},
		}},
		{rtpCraftedLab, 13, []pdmlWant{
			{"rtp", "Real-Time Transport Protocol", 42, 180},
			{"rtp.setup", "Stream setup by SDP (frame 2)", 42, 0},
			{"rtp.setup-frame", "Setup frame: 2", 42, 0},
			{"rtp.setup-method", "Setup Method: SDP", 42, 0},
			{"sip.call_id_generated", "Generated Call-ID: call1@x", 42, 0},
			{"rtp.version", "10.. .... = Version: RFC 1889 Version (2)", 42, 1},
			{"rtp.padding", "..0. .... = Padding: False", 42, 1},
			{"rtp.ext", "...1 .... = Extension: True", 42, 1},
			{"rtp.cc", ".... 0000 = Contributing source identifiers count: 0", 42, 1},
			{"rtp.marker", "0... .... = Marker: False", 43, 1},
			{"rtp.p_type", "Payload type: ITU-T G.711 PCMA (8)", 43, 1},
			{"rtp.seq", "Sequence number: 100", 44, 2},
			{"rtp.extseq", "Extended sequence number: 65636", 44, 2},
			{"rtp.timestamp", "Timestamp: 0", 46, 4},
			{"rtp.ssrc", "Synchronization Source identifier: 0xcccc0003 (3435921411)", 50, 4},
			{"rtp.ext.profile", "Defined by profile: Unknown (0xbede)", 54, 2},
			{"rtp.ext.len", "Extension length: 1", 56, 2},
			{"rtp.hdr_exts", "Header extensions", 58, 4},
			{"", "RFC 5285 Header Extension (One-Byte Header)", 58, 2},
			{"rtp.ext.rfc5285.id", "Identifier: 1", 58, 1},
			{"rtp.ext.rfc5285.len", "Length: 1", 58, 1},
			{"rtp.ext.rfc5285.data", "Extension Data: aa", 59, 1},
			{"rtp.payload", "Payload: 202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f40414243…", 62, 160},
		}},
		{rtpCraftedLab, 14, []pdmlWant{
			{"rtp", "Real-Time Transport Protocol", 42, 116},
			{"rtp.setup", "Stream setup by SDP (frame 2)", 42, 0},
			{"rtp.setup-frame", "Setup frame: 2", 42, 0},
			{"rtp.setup-method", "Setup Method: SDP", 42, 0},
			{"sip.call_id_generated", "Generated Call-ID: call1@x", 42, 0},
			{"rtp.version", "10.. .... = Version: RFC 1889 Version (2)", 42, 1},
			{"rtp.padding", "..1. .... = Padding: True", 42, 1},
			{"rtp.ext", "...0 .... = Extension: False", 42, 1},
			{"rtp.cc", ".... 0000 = Contributing source identifiers count: 0", 42, 1},
			{"rtp.marker", "0... .... = Marker: False", 43, 1},
			{"rtp.p_type", "Payload type: ITU-T G.711 PCMA (8)", 43, 1},
			{"rtp.seq", "Sequence number: 101", 44, 2},
			{"rtp.extseq", "Extended sequence number: 65637", 44, 2},
			{"rtp.timestamp", "Timestamp: 160", 46, 4},
			{"rtp.ssrc", "Synchronization Source identifier: 0xcccc0003 (3435921411)", 50, 4},
			{"rtp.payload", "Payload: 202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f40414243…", 54, 100},
			{"rtp.padding.data", "Padding data: 000000", 154, 3},
			{"rtp.padding.count", "Padding count: 4", 157, 1},
		}},
		{rtpCraftedLab, 15, []pdmlWant{
			{"rtcp", "Real-time Transport Control Protocol (Receiver Report)", 42, 32},
			{"rtcp.setup", "Stream setup by SDP (frame 2)", 42, 0},
			{"rtcp.setup-frame", "Setup frame: 2", 42, 0},
			{"rtcp.setup-method", "Setup Method: SDP", 42, 0},
			{"rtcp.version", "10.. .... = Version: RFC 1889 Version (2)", 42, 1},
			{"rtcp.padding", "..0. .... = Padding: False", 42, 1},
			{"rtcp.rc", "...0 0001 = Reception report count: 1", 42, 1},
			{"rtcp.pt", "Packet type: Receiver Report (201)", 43, 1},
			{"rtcp.length", "Length: 7 (32 bytes)", 44, 2},
			{"rtcp.senderssrc", "Sender SSRC: 0x55667788 (1432778632)", 46, 4},
			{"", "Source 1", 50, 24},
			{"rtcp.ssrc.identifier", "Identifier: 0x11223344 (287454020)", 50, 4},
			{"", "SSRC contents", 54, 20},
			{"rtcp.ssrc.fraction", "Fraction lost: 0 / 256", 54, 1},
			{"rtcp.ssrc.cum_nr", "Cumulative number of packets lost: 0", 55, 3},
			{"rtcp.ssrc.ext_high", "Extended highest sequence number received: 1000", 58, 4},
			{"rtcp.ssrc.high_cycles", "Sequence number cycles count: 0", 58, 2},
			{"rtcp.ssrc.high_seq", "Highest sequence number received: 1000", 60, 2},
			{"rtcp.ssrc.jitter", "Interarrival jitter: 3", 62, 4},
			{"rtcp.ssrc.lsr", "Last SR timestamp: 0 (0x00000000)", 66, 4},
			{"rtcp.ssrc.dlsr", "Delay since last SR timestamp: 0 (0 milliseconds)", 70, 4},
			{"rtcp", "Real-time Transport Control Protocol (Source description)", 74, 24},
			{"rtcp.setup-frame", "Setup frame: 2", 42, 0},
			{"rtcp.setup-method", "Setup Method: SDP", 42, 0},
			{"rtcp.version", "10.. .... = Version: RFC 1889 Version (2)", 74, 1},
			{"rtcp.padding", "..0. .... = Padding: False", 74, 1},
			{"rtcp.sc", "...0 0001 = Source count: 1", 74, 1},
			{"rtcp.pt", "Packet type: Source description (202)", 75, 1},
			{"rtcp.length", "Length: 5 (24 bytes)", 76, 2},
			{"", "Chunk 1, SSRC/CSRC 0x55667788", 78, 20},
			{"rtcp.ssrc.identifier", "Identifier: 0x55667788 (1432778632)", 78, 4},
			{"", "SDES items", 82, 14},
			{"rtcp.sdes.type", "Type: CNAME (user and domain) (1)", 82, 1},
			{"rtcp.sdes.length", "Length: 11", 83, 1},
			{"rtcp.sdes.text", "Text: b@10.14.0.3", 84, 11},
			{"rtcp.sdes.type", "Type: END (0)", 95, 1},
			{"rtcp", "Real-time Transport Control Protocol (Goodbye)", 98, 16},
			{"rtcp.setup-frame", "Setup frame: 2", 42, 0},
			{"rtcp.setup-method", "Setup Method: SDP", 42, 0},
			{"rtcp.version", "10.. .... = Version: RFC 1889 Version (2)", 98, 1},
			{"rtcp.padding", "..0. .... = Padding: False", 98, 1},
			{"rtcp.sc", "...0 0001 = Source count: 1", 98, 1},
			{"rtcp.pt", "Packet type: Goodbye (203)", 99, 1},
			{"rtcp.length", "Length: 3 (16 bytes)", 100, 2},
			{"rtcp.ssrc.identifier", "Identifier: 0x55667788 (1432778632)", 102, 4},
			{"rtcp.sdes.length", "Length: 7", 106, 1},
			{"rtcp.sdes.text", "Text: bye now", 107, 7},
		}},
		{rtpCraftedLab, 16, []pdmlWant{
			{"rtcp", "Real-time Transport Control Protocol (Application specific)", 42, 16},
			{"rtcp.setup", "Stream setup by SDP (frame 2)", 42, 0},
			{"rtcp.setup-frame", "Setup frame: 2", 42, 0},
			{"rtcp.setup-method", "Setup Method: SDP", 42, 0},
			{"rtcp.version", "10.. .... = Version: RFC 1889 Version (2)", 42, 1},
			{"rtcp.padding", "..0. .... = Padding: False", 42, 1},
			{"rtcp.app.subtype", "...0 0011 = Subtype: 3", 42, 1},
			{"rtcp.pt", "Packet type: Application specific (204)", 43, 1},
			{"rtcp.length", "Length: 3 (16 bytes)", 44, 2},
			{"rtcp.ssrc.identifier", "Identifier: 0x55667788 (1432778632)", 46, 4},
			{"rtcp.app.name", "Name (ASCII): TEST", 50, 4},
			{"rtcp.app.data", "Application specific data: 01020304", 54, 4},
			{"rtcp.length_check", "RTCP frame length check: OK - 16 bytes", 42, 0},
		}},
		{rtpCraftedLab, 20, []pdmlWant{
			{"rtcp", "Real-time Transport Control Protocol (Sender Report)", 42, 28},
			{"rtcp.setup", "Stream setup by SDP (frame 2)", 42, 0},
			{"rtcp.setup-frame", "Setup frame: 2", 42, 0},
			{"rtcp.setup-method", "Setup Method: SDP", 42, 0},
			{"rtcp.version", "10.. .... = Version: RFC 1889 Version (2)", 42, 1},
			{"rtcp.padding", "..0. .... = Padding: False", 42, 1},
			{"rtcp.rc", "...0 0000 = Reception report count: 0", 42, 1},
			{"rtcp.pt", "Packet type: Sender Report (200)", 43, 1},
			{"rtcp.length", "Length: 6 (28 bytes)", 44, 2},
			{"rtcp.senderssrc", "Sender SSRC: 0x11223344 (287454020)", 46, 4},
			{"rtcp.timestamp.ntp.msw", "Timestamp, MSW: 0 (0x00000000)", 50, 4},
			{"rtcp.timestamp.ntp.lsw", "Timestamp, LSW: 0 (0x00000000)", 54, 4},
			{"rtcp.timestamp.ntp", "MSW and LSW as NTP timestamp: Jan  1, 1970 00:00:00.000000000 UTC", 50, 8},
			{"rtcp.timestamp.rtp", "RTP timestamp: 0", 58, 4},
			{"rtcp.sender.packetcount", "Sender's packet count: 0", 62, 4},
			{"rtcp.sender.octetcount", "Sender's octet count: 0", 66, 4},
			{"rtcp.length_check", "RTCP frame length check: OK - 28 bytes", 42, 0},
		}},
		{sipRTPEarlyLab, 3, []pdmlWant{
			{"rtp", "Real-Time Transport Protocol", 42, 172},
			{"rtp.setup", "Stream setup by SDP (frame 1)", 42, 0},
			{"rtp.setup-frame", "Setup frame: 1", 42, 0},
			{"rtp.setup-method", "Setup Method: SDP", 42, 0},
			{"sip.call_id_generated", "Generated Call-ID: c9b8c182-5bc0-4cb9-9bc5-9329c2ab1a95", 42, 0},
			{"rtp.version", "10.. .... = Version: RFC 1889 Version (2)", 42, 1},
			{"rtp.padding", "..0. .... = Padding: False", 42, 1},
			{"rtp.ext", "...0 .... = Extension: False", 42, 1},
			{"rtp.cc", ".... 0000 = Contributing source identifiers count: 0", 42, 1},
			{"rtp.marker", "1... .... = Marker: True", 43, 1},
			{"rtp.p_type", "Payload type: ITU-T G.711 PCMU (0)", 43, 1},
			{"rtp.seq", "Sequence number: 43410", 44, 2},
			{"rtp.extseq", "Extended sequence number: 43410", 44, 2},
			{"rtp.timestamp", "Timestamp: 0", 46, 4},
			{"rtp.ssrc", "Synchronization Source identifier: 0x9c343b17 (2620668695)", 50, 4},
			{"rtp.payload", "Payload: 505152535455565758595a5b5c5d5e5f505152535455565758595a5b5c5d5e5f50515253…", 54, 160},
		}},
		{sipRTPEarlyLab, 20, []pdmlWant{
			{"rtp", "Real-Time Transport Protocol", 42, 172},
			{"rtp.setup", "Stream setup by SDP (frame 3)", 42, 0},
			{"rtp.setup-frame", "Setup frame: 3", 42, 0},
			{"rtp.setup-method", "Setup Method: SDP", 42, 0},
			{"sip.call_id_generated", "Generated Call-ID: c9b8c182-5bc0-4cb9-9bc5-9329c2ab1a95", 42, 0},
			{"rtp.version", "10.. .... = Version: RFC 1889 Version (2)", 42, 1},
			{"rtp.padding", "..0. .... = Padding: False", 42, 1},
			{"rtp.ext", "...0 .... = Extension: False", 42, 1},
			{"rtp.cc", ".... 0000 = Contributing source identifiers count: 0", 42, 1},
			{"rtp.marker", "1... .... = Marker: True", 43, 1},
			{"rtp.p_type", "Payload type: ITU-T G.711 PCMU (0)", 43, 1},
			{"rtp.seq", "Sequence number: 60158", 44, 2},
			{"rtp.extseq", "Extended sequence number: 60158", 44, 2},
			{"rtp.timestamp", "Timestamp: 0", 46, 4},
			{"rtp.ssrc", "Synchronization Source identifier: 0x61dc533f (1641829183)", 50, 4},
			{"rtp.payload", "Payload: 101112131415161718191a1b1c1d1e1f101112131415161718191a1b1c1d1e1f10111213…", 54, 160},
		}},
		{sipRTPEarlyLab, 55, []pdmlWant{
			{"rtp", "Real-Time Transport Protocol", 42, 172},
			{"rtp.setup", "Stream setup by SDP (frame 51)", 42, 0},
			{"rtp.setup-frame", "Setup frame: 51", 42, 0},
			{"rtp.setup-method", "Setup Method: SDP", 42, 0},
			{"sip.call_id_generated", "Generated Call-ID: c9b8c182-5bc0-4cb9-9bc5-9329c2ab1a95", 42, 0},
			{"rtp.version", "10.. .... = Version: RFC 1889 Version (2)", 42, 1},
			{"rtp.padding", "..0. .... = Padding: False", 42, 1},
			{"rtp.ext", "...0 .... = Extension: False", 42, 1},
			{"rtp.cc", ".... 0000 = Contributing source identifiers count: 0", 42, 1},
			{"rtp.marker", "0... .... = Marker: False", 43, 1},
			{"rtp.p_type", "Payload type: ITU-T G.711 PCMU (0)", 43, 1},
			{"rtp.seq", "Sequence number: 60175", 44, 2},
			{"rtp.extseq", "Extended sequence number: 60175", 44, 2},
			{"rtp.timestamp", "Timestamp: 2720", 46, 4},
			{"rtp.ssrc", "Synchronization Source identifier: 0x61dc533f (1641829183)", 50, 4},
			{"rtp.payload", "Payload: 202122232425262728292a2b2c2d2e2f202122232425262728292a2b2c2d2e2f20212223…", 54, 160},
		}},
		{sipRTPEarlyLab, 71, []pdmlWant{
			{"rtp", "Real-Time Transport Protocol", 42, 172},
			{"rtp.setup", "Stream setup by SDP (frame 69)", 42, 0},
			{"rtp.setup-frame", "Setup frame: 69", 42, 0},
			{"rtp.setup-method", "Setup Method: SDP", 42, 0},
			{"sip.call_id_generated", "Generated Call-ID: c9b8c182-5bc0-4cb9-9bc5-9329c2ab1a95", 42, 0},
			{"rtp.version", "10.. .... = Version: RFC 1889 Version (2)", 42, 1},
			{"rtp.padding", "..0. .... = Padding: False", 42, 1},
			{"rtp.ext", "...0 .... = Extension: False", 42, 1},
			{"rtp.cc", ".... 0000 = Contributing source identifiers count: 0", 42, 1},
			{"rtp.marker", "0... .... = Marker: False", 43, 1},
			{"rtp.p_type", "Payload type: ITU-T G.711 PCMU (0)", 43, 1},
			{"rtp.seq", "Sequence number: 60188", 44, 2},
			{"rtp.extseq", "Extended sequence number: 60188", 44, 2},
			{"rtp.timestamp", "Timestamp: 4800", 46, 4},
			{"rtp.ssrc", "Synchronization Source identifier: 0x61dc533f (1641829183)", 50, 4},
			{"rtp.payload", "Payload: 303132333435363738393a3b3c3d3e3f303132333435363738393a3b3c3d3e3f30313233…", 54, 160},
		}},
	}
	idx := map[string]*Index{}
	walkers := map[string]*AppWalker{}
	for _, c := range cases {
		if idx[c.file] == nil {
			idx[c.file] = loadAppCapture(t, c.file)
			walkers[c.file] = NewAppWalker(idx[c.file])
		}
		res := walkers[c.file].At(c.frame, true)
		checkPDMLFields(t, c.frame, res.Tree, c.want)
	}
}

// TestSDPMediaStreams checks the conversations an SDP body announces
// (RFC 8866 5.7, 5.14; RFC 3605 a=rtcp): session and media c= lines,
// port+1 or a=rtcp for RTCP, port 0 and non-RTP transports announcing
// nothing, and a=rtpmap names.
func TestSDPMediaStreams(t *testing.T) {
	v4 := func(a, b, c, d byte) Addr { return makeAddr(AddrIPv4, []byte{a, b, c, d}) }
	type st struct {
		addr Addr
		port uint16
		rtcp bool
		pts  int
	}
	cases := []struct {
		name string
		body string
		want []st
	}{
		{"session c", "v=0\r\nc=IN IP4 10.0.0.1\r\nm=audio 4000 RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\n",
			[]st{{v4(10, 0, 0, 1), 4000, false, 1}, {v4(10, 0, 0, 1), 4001, true, 0}}},
		{"media c and a=rtcp", "c=IN IP4 10.0.0.1\r\nm=audio 4000 RTP/SAVP 0\r\nc=IN IP4 10.0.0.9/127\r\na=rtcp:5000 IN IP4 10.0.0.9\r\n",
			[]st{{v4(10, 0, 0, 9), 4000, false, 0}, {v4(10, 0, 0, 9), 5000, true, 0}}},
		{"port 0", "c=IN IP4 10.0.0.1\r\nm=video 0 RTP/AVP 31\r\n", nil},
		{"not rtp", "c=IN IP4 10.0.0.1\r\nm=image 4000 udptl t38\r\n", nil},
		{"no address", "m=audio 4000 RTP/AVP 0\r\n", nil},
		{"ipv6", "c=IN IP6 2001:db8::1\r\nm=audio 4000/2 RTP/AVP 0\n",
			[]st{{makeAddr(AddrIPv6, []byte{0x20, 0x01, 0x0d, 0xb8, 13: 0, 14: 0, 15: 1}), 4000, false, 0}, {makeAddr(AddrIPv6, []byte{0x20, 0x01, 0x0d, 0xb8, 15: 1}), 4001, true, 0}}},
		{"two media", "c=IN IP4 10.0.0.1\r\nm=audio 4000 RTP/AVP 0\r\nm=video 6000 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n",
			[]st{{v4(10, 0, 0, 1), 4000, false, 0}, {v4(10, 0, 0, 1), 4001, true, 0}, {v4(10, 0, 0, 1), 6000, false, 1}, {v4(10, 0, 0, 1), 6001, true, 0}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got []st
			sdpMediaStreams([]byte(c.body), 5, 3, "id", func(s sdpStream) {
				if s.frame != 5 || s.setup != 3 || s.callID != "id" {
					t.Errorf("stream %+v: frame/setup/call-ID not passed on", s)
				}
				got = append(got, st{s.addr, s.port, s.rtcp, len(s.pts)})
			})
			if len(got) != len(c.want) {
				t.Fatalf("got %+v, want %+v", got, c.want)
			}
			for i := range got {
				if got[i] != c.want[i] {
					t.Errorf("stream %d: got %+v, want %+v", i, got[i], c.want[i])
				}
			}
		})
	}
}

// TestRTPExtSeq checks the extended sequence numbers Wireshark gives
// (packet-rtp.c: counting starts from 0x10000, a wrap goes up a cycle,
// a late packet from before a wrap goes back one).
func TestRTPExtSeq(t *testing.T) {
	cases := []struct {
		name string
		seqs []uint16
		want []uint32
	}{
		{"first", []uint16{19289}, []uint32{84825}},
		{"first above 0x8000 stays in cycle 0", []uint16{43410}, []uint32{43410}},
		{"wrap", []uint16{65534, 65535, 0, 1}, []uint32{65534, 65535, 65536, 65537}},
		{"late across wrap", []uint16{0, 65535, 1}, []uint32{65536, 65535, 65537}},
		{"reordered", []uint16{10, 12, 11}, []uint32{65546, 65548, 65547}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := &rtpConv{}
			s := &sdpStream{}
			for i, q := range c.seqs {
				if got := st.rtpExtSeq(s, q); got != c.want[i] {
					t.Errorf("seq %d: %d, want %d", q, got, c.want[i])
				}
			}
		})
	}
}

// TestRTPPayloadName checks payload type names against tshark 4.0
// (every type 0-127 decoded as RTP): static names stay whatever a=rtpmap
// says, dynamic ones take the map's encoding name.
func TestRTPPayloadName(t *testing.T) {
	m := []rtpMapEntry{{0, "pcmu"}, {96, "opus"}}
	cases := []struct {
		pt   uint8
		want string
	}{
		{0, "ITU-T G.711 PCMU"},
		{8, "ITU-T G.711 PCMA"},
		{19, "Comfort noise (old)"},
		{20, "Unassigned"},
		{73, "Reserved for RTCP conflict avoidance"},
		{77, "Unassigned"},
		{96, "opus"},
		{97, "DynamicRTP-Type-97"},
	}
	for _, c := range cases {
		if got := rtpPayloadName(c.pt, m); got != c.want {
			t.Errorf("PT %d: %q, want %q", c.pt, got, c.want)
		}
	}
}

// TestRTPEventDissect checks RFC 4733 2.3 events against tshark's
// columns on lab__sip_rtp.pcap frames 106 and 110.
func TestRTPEventDissect(t *testing.T) {
	cases := []struct {
		name     string
		b        []byte
		ok       bool
		info     string
		duration uint64
	}{
		{"digit", []byte{0x01, 0x0a, 0x00, 0xa0}, true, "Payload type=RTP Event, DTMF One 1", 160},
		{"end", []byte{0x0b, 0x8a, 0x03, 0x20}, true, "Payload type=RTP Event, DTMF Pound # (end)", 800},
		{"unknown", []byte{0xff, 0x00, 0x00, 0x00}, true, "Payload type=RTP Event, Unknown (255)", 0},
		{"short", []byte{0x01, 0x0a, 0x00}, false, "", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var out Out
			out.reset(true)
			f, ok := rtpEventDissect(c.b, 12, &out)
			if ok != c.ok || out.Info() != c.info {
				t.Fatalf("ok %v info %q, want %v %q", ok, out.Info(), c.ok, c.info)
			}
			if ok && (f.Start != 12 || len(f.Children) != 5 || f.Children[4].Num != c.duration) {
				t.Errorf("tree %+v", f)
			}
		})
	}
}

// FuzzProtoRTP feeds random datagrams to RTP (and so RTP EVENT and RTCP)
// on an announced conversation of each kind, and random bodies to the SDP
// and SIP readers that announce them: no panic, bounded.
func FuzzProtoRTP(f *testing.F) {
	src, err := Open(filepath.Join("..", "testdata", "app", sipRTPLab))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { src.Close() })
	x := Load(src)
	x.Wait()
	var seeds [][]byte
	var buf []byte
	for _, i := range []int{0, 3, 5, 105, 109, 119} {
		p := x.Packet(i)
		var err error
		if buf, err = x.Data(i, buf[:0]); err != nil {
			f.Fatal(err)
		}
		var h Headers
		h.Parse(x.LinkType(p), buf, p.OrigLen)
		seeds = append(seeds, append([]byte(nil), h.Payload...))
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, rtcp := range []bool{false, true} {
			s := sdpStream{port: 4000, rtcp: rtcp, frame: 0, pts: []rtpMapEntry{{96, "opus"}, {98, "telephone-event"}}}
			st := &rtpConv{all: []sdpStream{s}}
			conv := &Conv{State: st}
			var out Out
			out.reset(true)
			rtpDissect(&PDU{Data: b, Len: len(b), Frame: 1, DstPort: 4000, Conv: conv}, &out)
			out.reset(false)
			rtpDissect(&PDU{Data: b, Len: len(b) + 7, Frame: 1, Dir: 1, SrcPort: 4000, DstPort: 5000, Conv: conv}, &out)
		}
		sdpMediaStreams(b, 1, 0, "", func(sdpStream) {})
		var c sdpCache
		c.readSIP(b, 1)
	})
}
