package main

import (
	"testing"

	"github.com/ladder-dev/ladder/internal/oracle"
)

// TestListRTPFilters compares the frames "ladder list -Y" and "tshark -Y"
// select with the RTP, RTP EVENT and RTCP fields on the real SIP calls
// (lab__sip_rtp.pcap; lab__sip_rtp_early.pcap with early media and hold)
// and the hand-built SDP cases (lab__rtp-crafted.pcap).
func TestListRTPFilters(t *testing.T) {
	oracle.Require(t)
	const (
		call    = "../../testdata/app/lab__sip_rtp.pcap"
		crafted = "../../testdata/app/lab__rtp-crafted.pcap"
		early   = "../../testdata/app/lab__sip_rtp_early.pcap"
	)
	for _, tc := range []struct{ name, file, expr string }{
		{"rtp", call, "rtp"},
		{"rtcp", call, "rtcp"},
		{"rtpevent", call, "rtpevent"},
		{"ssrc", call, "rtp.ssrc == 0x90eee2e6"},
		{"seq", call, "rtp.seq == 19300"},
		{"timestamp", call, "rtp.timestamp == 0"},
		{"payload type", call, "rtp.p_type == 101"},
		{"marker", call, "rtp.marker == 1"},
		{"setup frame", call, "rtp.setup-frame == 1"},
		{"sender report", call, "rtcp.pt == 200"},
		{"report block", call, "rtcp.ssrc.identifier == 0x90eee2e6"},
		{"dtmf pound", call, "rtpevent.event_id == 11"},
		{"end of event", call, "rtpevent.end_of_event == 1"},
		{"crafted rtp", crafted, "rtp"},
		{"crafted rtcp", crafted, "rtcp"},
		{"crafted rtpevent", crafted, "rtpevent"},
		{"goodbye", crafted, "rtcp.pt == 203"},
		{"sdes text", crafted, `rtcp.sdes.text contains "b@"`},
		{"app name", crafted, `rtcp.app.name == "TEST"`},
		{"csrc", crafted, "rtp.csrc.item == 0x05060708"},
		{"padding", crafted, "rtp.padding == 1"},
		{"header extension", crafted, "rtp.ext.rfc5285.id == 1"},
		{"dynamic type", crafted, "rtp.p_type == 96"},
		{"opus", crafted, "opus"},
		{"extended seq", crafted, "rtp.extseq == 65636"},
		{"left to udp", crafted, "udp && !rtp && !rtcp && !sip"},
		// setup frames: the INVITE's, the 183's (early media), the
		// re-INVITEs' (hold, unhold)
		{"setup by invite", early, "rtp.setup-frame == 1"},
		{"setup by 183", early, "rtp.setup-frame == 3"},
		{"setup by hold", early, "rtp.setup-frame == 51"},
		{"setup by unhold", early, "rtp.setup-frame == 69"},
		{"early rtp", early, "rtp"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			compareListFilter(t, tc.file, tc.expr, false, false)
		})
	}
}
