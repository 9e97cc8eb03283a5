package decode

import (
	"testing"
)

// TestSFlowColumns dissects sFlow datagrams laid out per
// sflow_version_5.txt; the expected columns are tshark 4.0.17's on the same
// bytes (frames 13-18 and 25 of lab__sflow-crafted.pcap, the 3-byte one
// excepted, which tshark shows as UDP cut like the 4-byte frame 14).
func TestSFlowColumns(t *testing.T) {
	const hdr = "00000005" + "00000001" + "0a2e0001" + "00000007" // v5, IPv4 agent 10.46.0.1, sub-agent 7
	cases := []struct {
		name, hex, proto, info string
		ok                     bool
	}{
		{"no samples", hdr + "00000006" + "0001e240" + "00000000", "sFlow", "V5, agent 10.46.0.1, sub-agent ID 7, seq 6, 0 samples", true},
		{"256 samples read as none (frame 25)", hdr + "00000011" + "0001e240" + "00000100", "sFlow", "V5, agent 10.46.0.1, sub-agent ID 7, seq 17, 256 samples", true},
		{"agent address type 0", "00000005" + "00000000" + "00000007" + "0000001c" + "00000000" + "00000000", "sFlow", "V5, sub-agent ID 7, seq 28, 0 samples", true},
		{"v4 no sub-agent", "00000004" + "00000001" + "0a2e0001" + "00000019" + "00001388" + "00000000", "sFlow", "V4, agent 10.46.0.1, seq 25, 0 samples", true},
		{"cut after the address type (frame 15)", "0000000500000001", "sFlow", "V5[Malformed Packet]", true},
		{"cut after the sub-agent (frame 16)", hdr, "sFlow", "V5, agent 10.46.0.1, sub-agent ID 7[Malformed Packet]", true},
		{"cut in the sample count (frame 17)", hdr + "0000000b" + "0001e240" + "0000", "sFlow", "V5, agent 10.46.0.1, sub-agent ID 7, seq 11[Malformed Packet]", true},
		{"sample length past the end (frame 18)", hdr + "0000000c" + "0001e240" + "00000001" + "00000002" + "00000190" + "00000009" + "00000003" + "00000000", "sFlow", "V5, agent 10.46.0.1, sub-agent ID 7, seq 12, 1 samples[Malformed Packet]", true},
		{"more samples than sent", hdr + "0000000d" + "0001e240" + "00000002" + "00000002" + "0000000c" + "00000009" + "00000003" + "00000000", "sFlow", "V5, agent 10.46.0.1, sub-agent ID 7, seq 13, 2 samples[Malformed Packet]", true},
		{"4 bytes (frame 14)", "00000005", "UDP", "40000 → 6343 Len=4[Malformed Packet]", true},
		{"3 bytes", "000000", "UDP", "40000 → 6343 Len=3[Malformed Packet]", true},
		{"version 3 (frame 12)", "00000003" + "00000001" + "0a2e0001" + "00000007", "", "", false},
		{"address type 3 (frame 13)", "00000005" + "00000003" + "0a2e0001" + "00000007", "", "", false},
		{"4 bytes of version 3", "00000003", "", "", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkDissect(t, c.hex, PDU{SrcPort: 40000, DstPort: portSFlow}, sflow.Dissect, c.ok, c.proto, c.info)
		})
	}
}

// TestSFlowCraftedCapture dissects every datagram of lab__sflow-crafted.pcap
// and lab__sflow.pcap; the expected Info is tshark 4.0.17's (-T fields) on
// those files, "" where tshark does not take the datagram for sFlow.
func TestSFlowCraftedCapture(t *testing.T) {
	want := map[string][]string{
		"lab__sflow-crafted.pcap": {
			"V5, agent 10.46.0.1, sub-agent ID 7, seq 1, 2 samples",
			"V5, agent 10.46.0.1, sub-agent ID 7, seq 2, 1 samples",
			"V5, agent 10.46.0.1, sub-agent ID 7, seq 3, 2 samples",
			"V5, agent 2001:db8:46::1, sub-agent ID 7, seq 4, 1 samples",
			"V5, sub-agent ID 7, seq 5, 1 samples",
			"V5, agent 10.46.0.1, sub-agent ID 7, seq 6, 0 samples",
			"V5, agent 10.46.0.1, sub-agent ID 7, seq 7, 2 samples",
			"V5, agent 10.46.0.1, sub-agent ID 7, seq 8, 1 samples",
			"V2, agent 10.46.0.1, seq 21, 1 samples",
			"V4, agent 10.46.0.1, seq 22, 2 samples",
			"V4, agent 2001:db8:46::1, seq 23, 1 samples",
			"",
			"",
			"40000 → 6343 Len=4[Malformed Packet]",
			"V5[Malformed Packet]",
			"V5, agent 10.46.0.1, sub-agent ID 7[Malformed Packet]",
			"V5, agent 10.46.0.1, sub-agent ID 7, seq 11[Malformed Packet]",
			"V5, agent 10.46.0.1, sub-agent ID 7, seq 12, 1 samples[Malformed Packet]",
			"V5, agent 10.46.0.1, sub-agent ID 7, seq 13, 3 samples[Malformed Packet]",
			"V5, agent 10.46.0.1, sub-agent ID 7, seq 14, 1 samples",
			"V5, agent 10.46.0.1, sub-agent ID 7, seq 15, 1 samples[Malformed Packet]",
			"V5, agent 10.46.0.1, sub-agent ID 7, seq 16, 1 samples[Malformed Packet]",
			"V4, agent 10.46.0.1, seq 24, 1 samples[Malformed Packet]",
			"V4, agent 10.46.0.1, seq 25, 2 samples[Malformed Packet]",
			"V5, agent 10.46.0.1, sub-agent ID 7, seq 17, 256 samples",
			"V5, agent 10.46.0.1, sub-agent ID 7, seq 18, 1 samples",
			"V5, agent 10.46.0.1, sub-agent ID 7, seq 19, 2 samples[Malformed Packet]",
			"V5, agent 10.46.0.1, sub-agent ID 7, seq 20, 1 samples",
			"V4, agent 10.46.0.1, seq 26, 1 samples",
			"V4, agent 10.46.0.1, seq 27, 1 samples[Malformed Packet]",
			"V5, sub-agent ID 7, seq 28, 1 samples",
			"V5, agent 10.46.0.1, sub-agent ID 7, seq 21, 1 samples[Malformed Packet]",
			"V5, agent 10.46.0.1, sub-agent ID 7, seq 22, 1 samples",
			"V5, agent 10.46.0.1, sub-agent ID 7, seq 23, 1 samples",
			"V5, agent 10.46.0.1, sub-agent ID 7, seq 24, 1 samples",
		},
		"lab__sflow.pcap": {
			"V5, agent 10.45.0.1, sub-agent ID 1, seq 1, 3 samples",
			"V5, agent 10.45.0.1, sub-agent ID 1, seq 2, 7 samples",
			"V5, agent 10.45.0.1, sub-agent ID 1, seq 3, 8 samples",
			"V5, agent 10.45.0.1, sub-agent ID 1, seq 4, 5 samples",
			"V5, agent 10.45.0.1, sub-agent ID 1, seq 5, 4 samples",
			"V5, agent 10.45.0.1, sub-agent ID 1, seq 6, 2 samples",
			"V5, agent fd00:45::1, sub-agent ID 2, seq 1, 1 samples",
			"V5, agent fd00:45::1, sub-agent ID 2, seq 2, 7 samples",
			"V5, agent fd00:45::1, sub-agent ID 2, seq 3, 3 samples",
			"V5, agent fd00:45::1, sub-agent ID 2, seq 4, 1 samples",
			"V5, agent fd00:45::1, sub-agent ID 2, seq 5, 7 samples",
			"V5, agent fd00:45::1, sub-agent ID 2, seq 6, 7 samples",
		},
	}
	for name, infos := range want {
		n := 0
		eachParsed(t, name, func(h *Headers) {
			if n >= len(infos) {
				t.Fatalf("%s: more than %d datagrams", name, len(infos))
			}
			w := infos[n]
			n++
			var out Out
			out.reset(true)
			p := PDU{Data: h.Payload, Len: len(h.Payload), Off: -1, SrcPort: 40000, DstPort: portSFlow}
			ok := sflow.Dissect(&p, &out)
			if ok != (w != "") || ok && out.Info() != w {
				t.Errorf("%s datagram %d: got %v %q %q, want %q", name, n, ok, out.Proto, out.Info(), w)
			}
			if ok {
				checkTree(t, out.Tree, len(h.Payload))
			}
		})
		if n != len(infos) {
			t.Errorf("%s: %d datagrams, want %d", name, n, len(infos))
		}
	}
}

func FuzzProtoSFlow(f *testing.F) {
	for _, name := range []string{"lab__sflow.pcap", "lab__sflow-crafted.pcap"} {
		eachParsed(f, name, func(h *Headers) {
			if h.HasTransport && h.Payload != nil {
				seed(f, h.Payload)
			}
		})
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, tree := range []bool{false, true} {
			var out Out
			out.reset(tree)
			p := PDU{Data: b, Len: len(b), Off: -1}
			if sflow.Dissect(&p, &out) {
				checkTree(t, out.Tree, len(b))
			}
		}
		if len(b) >= 8 {
			if w, _, _, ok := sflowRead(b); ok {
				for _, s := range w.sampled {
					sflowSampledUDP(s)
				}
			}
		}
	})
}
