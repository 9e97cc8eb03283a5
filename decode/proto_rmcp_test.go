package decode

import (
	"strings"
	"testing"
)

// TestRMCPColumns dissects RMCP messages laid out per DSP0136 (RMCP, ASF)
// and the IPMI 2.0 specification (session wrappers); the expected columns
// are tshark 4.0.17's on the same bytes (frames of
// lab__rmcp-crafted.pcap).
func TestRMCPColumns(t *testing.T) {
	const msg = "2018c88104380e0431" // Get Channel Authentication Capabilities
	cases := []struct {
		name, hex, proto, info string
		ok                     bool
	}{
		{"presence ping", "06" + "00ff06" + "000011be80000000", "ASF", "Presence Ping", true},
		{"unknown ASF type", "0600ff06" + "000011be55000000", "ASF", "Unknown (0x55)", true},
		{"ASF header cut", "0600ff06" + "000011be80", "ASF", "[Malformed Packet]", true},
		{"ASF payload past the end", "0600ff06" + "000011be83000008" + "00000007" + "01000028", "ASF", "Open Session Request[Malformed Packet]", true},
		{"RMCP ACK", "0600ff87", "RMCP", "RMCP ACK, Class: IPMI", true},
		{"OEM class", "0600ff08010203", "RMCP", "Normal RMCP, Class: OEM", true},
		{"unknown class", "0600ff0901", "", "", false},
		{"3 bytes", "0600ff", "", "", false},
		{"IPMI 1.5", "0600ff07" + "00" + "00000000" + "34120000" + "09" + msg, "IPMB", "Session ID 0x1234", true},
		{"IPMI 1.5 message past the end", "0600ff07" + "00" + "00000000" + "00000000" + "14" + msg, "IPMI", "Session ID 0x0[Malformed Packet]", true},
		{"IPMI session cut", "0600ff07" + "000000", "RMCP", "Normal RMCP, Class: IPMI[Malformed Packet]", true},
		{"RMCP+ IPMI message", "0600ff07" + "0600" + "a4a3a2a0" + "00000000" + "0900" + msg, "IPMB", "Session ID 0xa0a2a3a4, payload type: IPMI Message", true},
		{"RMCP+ open session", "0600ff07" + "0610" + "00000000" + "00000000" + "0000", "RMCP+", "Session ID 0x0, payload type: RMCP+ Open Session Request", true},
		{"RMCP+ encrypted", "0600ff07" + "06c0" + "02010000" + "05000000" + "0000", "RMCP+", "Session ID 0x102, payload type: IPMI Message", true},
		{"RMCP+ unknown payload", "0600ff07" + "063f" + "00000000" + "00000000" + "0100" + "01", "RMCP+", "Session ID 0x0, payload type: Unknown", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkDissect(t, c.hex, PDU{SrcPort: 40000, DstPort: portRMCP}, rmcp.Dissect, c.ok, c.proto, c.info)
		})
	}
	checkDissect(t, "0000000100000002"+"0600ff06"+"000011be80000000", PDU{SrcPort: 40000, DstPort: portRMCPSecure}, rsp.Dissect, true, "ASF", "Presence Ping")
	checkDissect(t, "0000000000", PDU{SrcPort: 40000, DstPort: portRMCPSecure}, rsp.Dissect, true, "UDP", "40000 → 664 Len=5[Malformed Packet]")
}

// TestRMCPCaptures dissects every datagram of lab__rmcp.pcap and
// lab__rmcp-crafted.pcap; the expected columns are tshark 4.0.17's (-T
// fields) on those files (plain UDP rows: the dissector declines).
func TestRMCPCaptures(t *testing.T) {
	type row struct {
		sport, dport uint16
		proto, info  string
	}
	want := map[string][]row{
		"lab__rmcp-crafted.pcap": {
			{40000, 623, "ASF", "Presence Ping"},
			{40000, 623, "ASF", "Presence Pong"},
			{40000, 623, "ASF", "Unknown (0x55)"},
			{40000, 623, "ASF", "Presence Ping"},
			{40000, 623, "ASF", "Presence Pong"},
			{40000, 623, "ASF", "Presence Pong"},
			{40000, 623, "ASF", "[Malformed Packet]"},
			{40000, 623, "ASF", "[Malformed Packet]"},
			{40000, 623, "RMCP", "RMCP ACK, Class: ASF"},
			{40000, 623, "RMCP", "RMCP ACK, Class: IPMI"},
			{40000, 623, "RMCP", "Normal RMCP, Class: OEM"},
			{40000, 623, "UDP", "40000 → 623 Len=5"},
			{40000, 623, "UDP", "40000 → 623 Len=3"},
			{40000, 623, "IPMB", "Session ID 0x0"},
			{40000, 623, "IPMB", "Session ID 0x1234"},
			{40000, 623, "IPMI", "Session ID 0x0[Malformed Packet]"},
			{40000, 623, "IPMB", "Session ID 0x0"},
			{40000, 623, "IPMB", "Session ID 0x0"},
			{40000, 623, "RMCP", "Normal RMCP, Class: IPMI[Malformed Packet]"},
			{40000, 623, "IPMB", "Session ID 0xa0a2a3a4, payload type: IPMI Message"},
			{40000, 623, "RMCP+", "Session ID 0x0, payload type: RMCP+ Open Session Request"},
			{40000, 623, "RMCP+", "Session ID 0x0, payload type: RMCP+ Open Session Response"},
			{40000, 623, "RMCP+", "Session ID 0x0, payload type: RAKP Message 1"},
			{40000, 623, "RMCP+", "Session ID 0x0, payload type: IPMI Message"},
			{40000, 623, "RMCP+", "Session ID 0x0, payload type: OEM Explicit"},
			{40000, 623, "RMCP+", "Session ID 0x0, payload type: SOL (serial over LAN)"},
			{40000, 623, "RMCP+", "Session ID 0x0, payload type: Unknown"},
			{40000, 623, "RMCP+", "Session ID 0x0, payload type: RAKP Message 4[Malformed Packet]"},
			{40000, 623, "RMCP", "Normal RMCP, Class: IPMI[Malformed Packet]"},
			{40000, 623, "IPMB", "Session ID 0x0"},
			{40000, 623, "RMCP", "Normal RMCP, Class: IPMI[Malformed Packet]"},
			{40000, 623, "ASF", "Open Session Request"},
			{40000, 623, "ASF", "Open Session Response"},
			{40000, 623, "ASF", "Open Session Request"},
			{40000, 623, "ASF", "Open Session Request[Malformed Packet]"},
			{40000, 623, "ASF", "Presence Ping"},
			{623, 40000, "IPMB", "Session ID 0x0"},
			{40000, 664, "ASF", "Presence Ping"},
			{40001, 664, "UDP", "40001 → 664 Len=23"},
			{40000, 623, "ASF", "Presence Ping"},
			{40000, 623, "ASF", "Open Session Request"},
			{40000, 623, "ASF", "Open Session Response[Malformed Packet]"},
			{40000, 623, "ASF", "Open Session Response"},
			{40000, 623, "ASF", "Open Session Request[Malformed Packet]"},
			{40000, 623, "IPMB", "Session ID 0x102, payload type: IPMI Message"},
			{40000, 664, "UDP", "40000 → 664 Len=5[Malformed Packet]"},
			{40000, 664, "UDP", "40000 → 664 Len=8"},
			{40000, 664, "UDP", "40000 → 664 Len=10"},
			{40000, 664, "RMCP", "Normal RMCP, Class: IPMI[Malformed Packet]"},
			{40000, 664, "IPMB", "Session ID 0x3"},
		},
		"lab__rmcp.pcap": {
			{42763, 623, "ASF", "Presence Ping"},
			{623, 42763, "ASF", "Presence Pong"},
			{43175, 623, "ASF", "Presence Ping"},
			{623, 43175, "ASF", "Presence Pong"},
			{43175, 623, "IPMB", "Session ID 0x0"},
			{623, 43175, "IPMB", "Session ID 0x0"},
			{43175, 623, "IPMB", "Session ID 0x0"},
			{623, 43175, "IPMB", "Session ID 0x0"},
			{43175, 623, "IPMB", "Session ID 0x5"},
			{623, 43175, "IPMB", "Session ID 0x5"},
			{43175, 623, "IPMB", "Session ID 0x82"},
			{623, 43175, "IPMB", "Session ID 0x82"},
			{43175, 623, "IPMB", "Session ID 0x82"},
			{623, 43175, "IPMB", "Session ID 0x82"},
			{43175, 623, "IPMB", "Session ID 0x82"},
			{623, 43175, "IPMB", "Session ID 0x82"},
			{43175, 623, "IPMB", "Session ID 0x82"},
			{623, 43175, "IPMB", "Session ID 0x82"},
			{43175, 623, "IPMB", "Session ID 0x82"},
			{623, 43175, "IPMB", "Session ID 0x82"},
			{43175, 623, "IPMB", "Session ID 0x82"},
			{623, 43175, "IPMB", "Session ID 0x82"},
			{43175, 623, "IPMB", "Session ID 0x82"},
			{623, 43175, "IPMB", "Session ID 0x82"},
			{48017, 623, "IPMB", "Session ID 0x0"},
			{623, 48017, "IPMB", "Session ID 0x0"},
			{48017, 623, "RMCP+", "Session ID 0x0, payload type: RMCP+ Open Session Request"},
			{623, 48017, "RMCP+", "Session ID 0x0, payload type: RMCP+ Open Session Response"},
			{48017, 623, "RMCP+", "Session ID 0x0, payload type: RAKP Message 1"},
			{623, 48017, "RMCP+", "Session ID 0x0, payload type: RAKP Message 2"},
			{48017, 623, "RMCP+", "Session ID 0x0, payload type: RAKP Message 3"},
			{623, 48017, "RMCP+", "Session ID 0x0, payload type: RAKP Message 4"},
			{48017, 623, "RMCP+", "Session ID 0x102, payload type: IPMI Message"},
			{623, 48017, "RMCP+", "Session ID 0xa0a2a3a4, payload type: IPMI Message"},
			{48017, 623, "RMCP+", "Session ID 0x102, payload type: IPMI Message"},
			{623, 48017, "RMCP+", "Session ID 0xa0a2a3a4, payload type: IPMI Message"},
			{48017, 623, "RMCP+", "Session ID 0x102, payload type: IPMI Message"},
			{623, 48017, "RMCP+", "Session ID 0xa0a2a3a4, payload type: IPMI Message"},
			{48017, 623, "RMCP+", "Session ID 0x102, payload type: IPMI Message"},
			{623, 48017, "RMCP+", "Session ID 0xa0a2a3a4, payload type: IPMI Message"},
			{48017, 623, "RMCP+", "Session ID 0x102, payload type: IPMI Message"},
			{623, 48017, "RMCP+", "Session ID 0xa0a2a3a4, payload type: IPMI Message"},
			{48017, 623, "RMCP+", "Session ID 0x102, payload type: IPMI Message"},
			{623, 48017, "RMCP+", "Session ID 0xa0a2a3a4, payload type: IPMI Message"},
			{48017, 623, "RMCP+", "Session ID 0x102, payload type: IPMI Message"},
			{623, 48017, "RMCP+", "Session ID 0xa0a2a3a4, payload type: IPMI Message"},
			{43315, 623, "IPMB", "Session ID 0x0"},
			{623, 43315, "IPMB", "Session ID 0x0"},
			{43315, 623, "RMCP+", "Session ID 0x0, payload type: RMCP+ Open Session Request"},
			{623, 43315, "RMCP+", "Session ID 0x0, payload type: RMCP+ Open Session Response"},
		},
	}
	for name, rows := range want {
		n := 0
		eachParsed(t, name, func(h *Headers) {
			if n >= len(rows) {
				t.Fatalf("%s: more than %d datagrams", name, len(rows))
			}
			w := rows[n]
			n++
			d := rmcp
			if w.sport == portRMCPSecure || w.dport == portRMCPSecure {
				d = rsp
			}
			plainUDP := w.proto == "UDP" && !strings.HasSuffix(w.info, malformedMark)
			for _, tree := range []bool{false, true} {
				var out Out
				out.reset(tree)
				p := PDU{Data: h.Payload, Len: len(h.Payload), Off: -1, SrcPort: w.sport, DstPort: w.dport}
				ok := d.Dissect(&p, &out)
				if ok != !plainUDP || ok && (out.Proto != w.proto || out.Info() != w.info) {
					t.Errorf("%s datagram %d tree %v: got %v %q %q, want %q %q", name, n, tree, ok, out.Proto, out.Info(), w.proto, w.info)
				}
				if ok {
					checkTree(t, out.Tree, len(h.Payload))
				}
			}
		})
		if n != len(rows) {
			t.Errorf("%s: %d datagrams, want %d", name, n, len(rows))
		}
	}
}

func FuzzProtoRMCP(f *testing.F) {
	fuzzDatagrams(f, []*Dissector{rmcp, rsp}, "lab__rmcp.pcap", "lab__rmcp-crafted.pcap")
}
