package decode

import (
	"encoding/hex"
	"strings"
	"testing"
)

// TestWLANInfo dissects hand-built 802.11 frames. The expected columns are
// tshark 4.0.17's on the same bytes behind a radiotap header (the frames of
// testdata/app/lab__wlan-crafted.pcap, whose generator lies beside it).
func TestWLANInfo(t *testing.T) {
	const ap, sta, bc = "02aabbccdd01", "02aabbccdd02", "ffffffffffff"
	cases := []struct {
		name  string
		frame string // hex
		fcs   bool
		info  string
	}{
		{"beacon", "80003a01" + bc + ap + ap + "4006" + "8967452301000000" + "6400" + "1104" + "00076c61622d6e6574" + "0301 06",
			false, `Beacon frame, SN=100, FN=0, Flags=........, BI=100, SSID="lab-net"`},
		{"hidden SSID with FCS", "80003a01" + bc + ap + ap + "5006" + "0000000000000000" + "6400" + "1104" + "0000" + "deadbeef",
			true, "Beacon frame, SN=101, FN=0, Flags=........C, BI=100, SSID=Wildcard (Broadcast)"},
		{"SSID with an escape sequence", "80003a01" + bc + ap + ap + "6006" + "0000000000000000" + "6400" + "1104" + "0007611b5b324a62ff",
			false, "Beacon frame, SN=102, FN=0, Flags=........, BI=100, SSID=611b5b324a62ff"},
		{"probe request, retry", "40083a01" + bc + sta + bc + "8000" + "0000",
			false, "Probe Request, SN=8, FN=0, Flags=....R..., SSID=Wildcard (Broadcast)"},
		{"deauthentication", "c0003a01" + sta + ap + ap + "b006" + "0300",
			false, "Deauthentication, SN=107, FN=0, Flags=........"},
		{"ADDBA request", "d0003a01" + ap + sta + ap + "d000" + "030001021000001000",
			false, "Action, SN=13, FN=0, Flags=........, Dialog Token=1"},
		{"ACK with FCS", "d4000000" + sta + "01020304", true, "Acknowledgement, Flags=........C"},
		{"RTS", "b400f401" + ap + sta, false, "Request-to-send, Flags=........"},
		{"RTS cut after its receiver", "b4000000" + bc, false, "Request-to-send[Malformed Packet]"},
		{"QoS Null to the DS", "c8012c00" + ap + sta + ap + "f000" + "0000", false, "QoS Null function (No data), SN=15, FN=0, Flags=.......T"},
		{"Null, power save", "48112c00" + ap + sta + ap + "0001", false, "Null function (No data), SN=16, FN=0, Flags=...P...T"},
		{"protected data from the DS", "08422c00" + sta + ap + ap + "d006" + "0200002000000000a5a5", false, "Data, SN=109, FN=0, Flags=.p....F."},
		{"beacon cut in its fixed parameters", "80003a01" + bc + ap + ap + "f006" + "890000", false, "Beacon frame, SN=111, FN=0, Flags=........[Malformed Packet]"},
		{"SSID element longer than the frame", "80003a01" + bc + ap + ap + "0007" + "0100000000000000" + "6400" + "1104" + "0009616263",
			false, "Beacon frame, SN=112, FN=0, Flags=........, BI=100[Malformed Packet: length of contained item exceeds length of containing item]"},
		{"lone tag number", "80003a01" + bc + ap + ap + "3007" + "0100000000000000" + "6400" + "1104" + "000178" + "01",
			false, `Beacon frame, SN=115, FN=0, Flags=........, BI=100, SSID="x"[Malformed Packet]`},
		{"one byte", "d4", false, "[Malformed Packet]"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b, err := hex.DecodeString(strings.ReplaceAll(c.frame, " ", ""))
			if err != nil {
				t.Fatal(err)
			}
			for _, tree := range []bool{false, true} {
				var out Out
				out.reset(tree)
				p := PDU{Data: b, Len: len(b), FCS: c.fcs, Off: -1}
				if !dissectWLAN(&p, &out) {
					t.Fatal("not dissected")
				}
				if out.Proto != "802.11" || out.Info() != c.info {
					t.Errorf("tree %v: got %q %q, want 802.11 %q", tree, out.Proto, out.Info(), c.info)
				}
				checkTree(t, out.Tree, len(b))
			}
		})
	}
}

// TestWLANSSIDEscaped: an SSID is shown quoted only when it is printable,
// so no terminal control sequence reaches a label or the Info column.
func TestWLANSSIDEscaped(t *testing.T) {
	for _, ssid := range []string{"a\x1b[2Jb", "\u202egnp.exe", "x\x00", "\xff"} {
		got := wlanSSIDText([]byte(ssid), "")
		if strings.ContainsAny(got, "\x1b\x00\u202e\xff") || got == "" {
			t.Errorf("SSID %q shown as %q", ssid, got)
		}
	}
	if got := wlanSSIDText([]byte("my café"), ""); got != `"my café"` {
		t.Errorf("got %s", got) // tshark 4.0: SSID="my café"
	}
}

// FuzzProtoWLAN feeds arbitrary bytes to the 802.11 dissector, with and
// without an FCS and the details tree: no panic, every field inside the
// bytes. Seeded with the frames of the real and crafted 802.11 captures.
func FuzzProtoWLAN(f *testing.F) {
	for _, name := range []string{"the-tcpdump-group__tcpdump__tests__ieee802.11_exthdr.pcap", "lab__wlan-crafted.pcap"} {
		eachParsed(f, name, func(h *Headers) { seed(f, h.WLAN, h.WLANFCS) })
	}
	f.Fuzz(func(t *testing.T, b []byte, fcs bool) {
		for _, tree := range []bool{false, true} {
			var out Out
			out.reset(tree)
			p := PDU{Data: b, Len: len(b), FCS: fcs, Off: -1}
			if dissectWLAN(&p, &out) {
				checkTree(t, out.Tree, len(b))
			}
		}
		var h Headers
		h.Parse(LinkRadiotap, append([]byte{0, 0, 9, 0, 2, 0, 0, 0, 0x10}, b...), uint32(len(b)+9))
		checkTree(t, dissect(LinkRadiotap, append([]byte{0, 0, 9, 0, 2, 0, 0, 0, 0x10}, b...), uint32(len(b)+9), tcpContext{stream: -1}), len(b)+9)
	})
}
