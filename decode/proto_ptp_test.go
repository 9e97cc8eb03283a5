package decode

import (
	"encoding/hex"
	"strings"
	"testing"
)

// Real PTP messages from lab__ptp.sh (linuxptp 3.1.1's ptp4l and pmc); the
// frame numbers are lab__ptp.pcap's.
const (
	ptpAnnounceHex     = "0b02004000000000000000000000000000000000b6a173fffe88b5160001000005ff0000000000000000000000250064f8feffff80b6a173fffe88b5160000a0"                 // frame 1
	ptpSyncHex         = "0002002c00000200000000000000000000000000b6a173fffe88b5160001000000ff00000000000000000000"                                                         // frame 3
	ptpFollowUpHex     = "0802002c00000000000000000000000000000000b6a173fffe88b5160001000002ff00006b170b9227a10d43"                                                         // frame 4
	ptpDelayReqHex     = "0102002c000000000000000000000000000000008210a4fffe5b2de500010000017f00000000000000000000"                                                         // frame 12
	ptpDelayRespHex    = "0902003600000000000000000000000000000000b6a173fffe88b5160001000003ff00006b170b930bba20708210a4fffe5b2de50001"                                     // frame 13
	ptpPdelayReqHex    = "1202003600000000000000000000000000000000b6a173fffe88b5160001000005ff0000000000000000000000000000000000000000"                                     // frame 52 (802.1AS)
	ptpPdelayRespHex   = "13020036000002000000000000000000000000008210a4fffe5b2de500010000057f00006b170b981a37a19db6a173fffe88b5160001"                                     // frame 53
	ptpPdelayRespFUHex = "1a020036000000000000000000000000000000008210a4fffe5b2de500010000057f00006b170b981a389a58b6a173fffe88b5160001"                                     // frame 54
	ptpMgmtGetHex      = "0d02004800000000000000000000000000000000b6a173fffe88b51600010000047fffffffffffffffffffff01010000000100142001000000000000000000000000000000000000" // frame 184
	ptpMgmtErrHex      = "0d02003c000000000000000000000000000000008210a4fffe5b2de500010007047fb6a173fffe88b516000100000200000200080006200500000000"                         // frame 205
	ptpSigRequestHex   = "0c020036000004000000000000000000000000008210a4fffe5b2de500010000057fffffffffffffffffffff00040006b0ff0000000a"                                     // frame 306
	ptpSigGrantHex     = "0c02003800000400000000000000000000000000b6a173fffe88b51600010000057f8210a4fffe5b2de5000100050008b0ff0000000a0001"                                 // frame 307
)

// TestPTPColumns checks Protocol and Info of PTP messages on Ethernet and
// UDP against tshark 4.0.17 (-T fields, which builds the tree) on the same
// bytes: the real messages above, and ones built per IEEE 1588-2008 and
// 1588-2002 that lab__ptp-crafted.pcap also holds.
func TestPTPColumns(t *testing.T) {
	// a version 1 message of control field ctl, n bytes long (IEEE 1588-2002 table 20 layout)
	v1 := func(ctl byte, n int, key byte) string {
		b := make([]byte, n)
		copy(b, []byte{0, 1, 0, 1})
		if n > 32 {
			b[32] = ctl
		}
		if n > 55 {
			b[55] = key
		}
		return hex.EncodeToString(b)
	}
	wr := func(id string) string { // a White Rabbit signalling TLV
		return "00030008" + "080030" + "dead01" + id
	}
	sig := func(tlvs string) string {
		n := 44 + len(tlvs)/2
		return "0c02" + hex.EncodeToString([]byte{byte(n >> 8), byte(n)}) + strings.Repeat("00", 30) + "b6a173fffe88b5160001" + tlvs
	}
	cases := []struct {
		name, hex   string
		oE          bool
		proto, info string
	}{
		{"announce", ptpAnnounceHex, true, "PTPv2", "Announce Message"},
		{"sync", ptpSyncHex, true, "PTPv2", "Sync Message"},
		{"follow-up", ptpFollowUpHex, true, "PTPv2", "Follow_Up Message"},
		{"delay request", ptpDelayReqHex, false, "PTPv2", "Delay_Req Message"},
		{"delay response", ptpDelayRespHex, false, "PTPv2", "Delay_Resp Message"},
		{"802.1AS peer delay request", ptpPdelayReqHex, true, "PTPv2", "Peer_Delay_Req Message"},
		{"peer delay response", ptpPdelayRespHex, true, "PTPv2", "Peer_Delay_Resp Message"},
		{"peer delay follow-up", ptpPdelayRespFUHex, true, "PTPv2", "Peer_Delay_Resp_Follow_Up Message"},
		{"management GET", ptpMgmtGetHex, false, "PTPv2", "Management (Current dataset) GET"},
		{"management error", ptpMgmtErrHex, false, "PTPv2", "Management Error Message (NOT_SUPPORTED)"},
		{"unicast request", ptpSigRequestHex, false, "PTPv2", "Signalling Message"},
		{"unicast grant", ptpSigGrantHex, false, "PTPv2", "Signalling Message"},
		{"White Rabbit", sig(wr("1000")), false, "PTPv2", "Signalling Message WR SLAVE_PRESENT"},
		{"two White Rabbit TLVs", sig(wr("1001") + wr("1002")), false, "PTPv2", "Signalling Message WR LOCK WR LOCKED"},
		{"unknown White Rabbit message", sig(wr("1009")), false, "PTPv2", "Signalling Message WR Unknown PTP WR Message (4105)"},
		{"White Rabbit CALIBRATED without deltas", sig(wr("1004")), false, "PTPv2", "Signalling Message WR CALIBRATED[Malformed Packet]"},
		{"unknown message type", "0402002c" + strings.Repeat("00", 40), true, "PTPv2", "Unknown PTP Message (4)"},
		{"802.1AS follow-up without its TLV", "1802002c" + strings.Repeat("00", 40), true, "PTPv2", "Follow_Up Message[Malformed Packet]"},
		{"the same on UDP, not 802.1AS", "1802002c" + strings.Repeat("00", 40), false, "PTPv2", "Follow_Up Message"},
		{"sync cut in its timestamp", ptpSyncHex[:80], true, "PTPv2", "Sync Message[Malformed Packet]"},
		{"cut before the flags", ptpSyncHex[:14], true, "PTPv2", "Ethernet II[Malformed Packet]"},
		{"messageLength 0 stops the tree", "00020000" + strings.Repeat("00", 20), true, "PTPv2", "Sync Message"},
		{"messageLength shorter than the fields", "00020028" + strings.Repeat("00", 40), true, "PTPv2", "Sync Message[Malformed Packet]"},
		{"messageLength past the frame", "000201f4" + strings.Repeat("00", 40), true, "PTPv2", "Sync Message"},
		{"management cut before its ID", ptpMgmtGetHex[:106], true, "PTPv2", "Ethernet II[Malformed Packet]"},
		{"version 1 sync", v1(0, 124, 0), false, "PTPv1", "Sync Message"},
		{"version 1 delay request cut", v1(1, 100, 0), false, "PTPv1", "Delay_Request Message[Malformed Packet]"},
		{"version 1 management", v1(4, 60, 7), false, "PTPv1", "Management Message (Get Default Data Set)"},
		{"version 1 unknown key", v1(4, 60, 200), false, "PTPv1", "Management Message (Unknown message key 200)"},
		{"version 1 unknown control", v1(5, 40, 0), false, "PTPv1", "Unknown Message"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := ptpOverUDP.Dissect
			if c.oE {
				d = ptpOverEthernet.Dissect
			}
			checkDissect(t, c.hex, PDU{}, d, true, c.proto, c.info)
		})
	}
}

// TestPTPUDPNotPTP checks the datagrams tshark's PTP dissector writes no
// columns for (lab__ptp-crafted.pcap's last frames): neither version keeps
// UDP's Info, a single byte is UDP's Info with the mark, none is not PTP.
func TestPTPUDPNotPTP(t *testing.T) {
	for _, c := range []struct {
		hex, proto, info string
		ok               bool
	}{
		{"0003" + strings.Repeat("00", 42), "", "", true},
		{"05", "UDP", "[Malformed Packet]", true},
		{"000200", "PTPv2", "[Malformed Packet]", true},
		{"", "", "", false},
	} {
		b, _ := hex.DecodeString(c.hex)
		var out Out
		out.reset(true)
		p := PDU{Data: b, Len: len(b), Off: -1}
		ok := ptpOverUDP.Dissect(&p, &out)
		if ok != c.ok || out.Proto != c.proto || out.Info() != c.info || (ok && !out.keep) {
			t.Errorf("%s: got %v %q %q keep %v, want %v %q %q", c.hex, ok, out.Proto, out.Info(), out.keep, c.ok, c.proto, c.info)
		}
	}
}

// TestPTPTree checks the tree of lab__ptp.pcap's Announce (frame 1)
// against tshark's PDML lines for the same fields.
func TestPTPTree(t *testing.T) {
	b, _ := hex.DecodeString(ptpAnnounceHex)
	var out Out
	out.reset(true)
	p := PDU{Data: b, Len: len(b), Off: -1}
	ptpOverEthernet.Dissect(&p, &out)
	if len(out.Tree) != 1 || out.Tree[0].Len != 64 {
		t.Fatalf("tree %+v", out.Tree)
	}
	want := map[string]string{
		"ptp.v2.messagetype":                 ".... 1011 = messageType: Announce Message (0xb)",
		"ptp.v2.versionptp":                  ".... 0010 = versionPTP: 2",
		"ptp.v2.messagelength":               "messageLength: 64",
		"ptp.v2.clockidentity":               "ClockIdentity: 0xb6a173fffe88b516",
		"ptp.v2.sequenceid":                  "sequenceId: 0",
		"ptp.v2.an.priority1":                "priority1: 100",
		"ptp.v2.an.grandmasterclockclass":    "grandmasterClockClass: 248",
		"ptp.v2.an.grandmasterclockidentity": "grandmasterClockIdentity: 0xb6a173fffe88b516",
	}
	got := map[string]string{}
	var walk func(fs []Field)
	walk = func(fs []Field) {
		for _, f := range fs {
			got[f.Name] = f.Label
			walk(f.Children)
		}
	}
	walk(out.Tree)
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %q, want %q", k, got[k], v)
		}
	}
	if got["ptp.v2.flags.unicast"] != ".... .0.. .... .... = PTP_UNICAST: False" {
		t.Errorf("unicast flag %q", got["ptp.v2.flags.unicast"])
	}
}

// FuzzProtoPTP feeds arbitrary bytes to the PTP dissectors (Ethernet and
// UDP), with and without the tree: no panic, every field inside the bytes.
// Seeded with the messages of lab__ptp.pcap and lab__ptp-crafted.pcap.
func FuzzProtoPTP(f *testing.F) {
	for _, name := range []string{"lab__ptp.pcap", "lab__ptp-crafted.pcap"} {
		eachParsed(f, name, func(h *Headers) {
			if h.HasTransport {
				seed(f, h.Payload)
			} else {
				seed(f, h.LinkPayload)
			}
		})
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, d := range []*Dissector{ptpOverUDP, ptpOverEthernet} {
			for _, tree := range []bool{false, true} {
				for _, cut := range []int{0, 7} {
					var out Out
					out.reset(tree)
					p := PDU{Data: b, Len: len(b) + cut, Off: -1}
					if d.Dissect(&p, &out) {
						checkTree(t, out.Tree, len(b))
					}
				}
			}
		}
	})
}
