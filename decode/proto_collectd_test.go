package decode

import "testing"

// TestCollectdColumns dissects datagrams laid out as collectd's binary
// protocol (collectd wiki, src/network.c); the expected columns are tshark
// 4.0.17's (-T fields, which dissects with a tree) on the same bytes, which
// lab__collectd-crafted.pcap holds.
func TestCollectdColumns(t *testing.T) {
	const host = "0000000a686f73744100"                 // HOST "hostA"
	const plugin = "0002000863707500"                   // PLUGIN "cpu"
	const typ = "0004000863707500"                      // TYPE "cpu"
	const gauge = "0006000f000101" + "000000000000f03f" // one GAUGE 1.0
	cases := []struct {
		name, hex, proto, info string
		ok                     bool
	}{
		{"one value", host + plugin + typ + gauge, "collectd", "Host=hostA,  1 value  for 1 plugin,  0 messages", true},
		{"two plugins", host + plugin + plugin + typ + gauge + gauge, "collectd", "Host=hostA,  2 values for 2 plugins, 0 messages", true},
		{"no host", gauge, "collectd", "Host=(null),  1 value  for 0 plugins, 0 messages", true},
		{"empty host", "00000004" + plugin, "collectd", "Host=,  0 values for 1 plugin,  0 messages", true},
		{"unknown part types", host + "0300000861626364" + "03010004", "collectd", "Host=hostA,  0 values for 0 plugins, 0 messages, 2 unknown", true},
		{"values length not 6 mod 9", host + plugin + typ + "0006000e000101000000000000f03f" + plugin, "collectd", "Host=hostA,  0 values for 1 plugin,  0 messages, 1 error", true},
		{"part length under 4", host + "00020002", "collectd", "Host=hostA,  0 values for 0 plugins, 0 messages, 1 error", true},
		{"part length past the end", host + "000200286162", "collectd", "[Malformed Packet]", true},
		{"garbage", host + "0002", "collectd", "Host=hostA,  0 values for 0 plugins, 0 messages, 1 error", true},
		{"integer part of 10 bytes", host + "0008000a000000000000" + plugin, "collectd", "Host=hostA,  0 values for 0 plugins, 0 messages, 1 error", true},
		{"unknown and error", host + plugin + "03000004" + "00020001", "collectd", "Host=hostA,  0 values for 1 plugin,  0 messages, 1 unknown, 1 error", true},
		{"message with 3 bytes after", "0100000b6d6d6d6d6d6d6d" + "000000", "collectd", "Host=(null),  0 values for 0 plugins, 1 message,  1 error", true},
		{"message with 2 bytes after", "0100000b6d6d6d6d6d6d6d" + "0000", "collectd", "[Malformed Packet]", true},
		{"message of 6 bytes, 5 after", "010000066d6d" + "0000000000", "collectd", "Host=(null),  0 values for 0 plugins, 1 message,  1 error", true},
		{"message of 6 bytes, 4 after", "010000066d6d" + "00000000", "collectd", "[Malformed Packet]", true},
		{"message of 5 bytes", "010000056d" + "0000000000000000", "collectd", "[Malformed Packet]", true},
		{"1 byte", "00", "collectd", "Host=(null),  0 values for 0 plugins, 0 messages, 1 error", true},
		{"empty", "", "", "", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkDissect(t, c.hex, PDU{SrcPort: 40000, DstPort: portCollectd}, collectd.Dissect, c.ok, c.proto, c.info)
		})
	}
}

// TestCollectdCaptures dissects every datagram of lab__collectd.pcap and
// lab__collectd-crafted.pcap; the expected Info is tshark 4.0.17's (-T
// fields) on those files, "" where tshark shows plain UDP.
func TestCollectdCaptures(t *testing.T) {
	want := map[string][]string{
		"lab__collectd-crafted.pcap": {
			"Host=hostA,  2 values for 1 plugin,  0 messages",
			"Host=hostA,  1 value  for 1 plugin,  0 messages",
			"Host=hostA,  0 values for 0 plugins, 0 messages",
			"Host=hostA,  0 values for 0 plugins, 0 messages",
			"Host=hostA,  1 value  for 1 plugin,  0 messages",
			"Host=hostA,  1 value  for 1 plugin,  0 messages",
			"Host=hostA,  1 value  for 1 plugin,  0 messages",
			"Host=(null),  1 value  for 0 plugins, 0 messages",
			"Host=hostA,  2 values for 2 plugins, 0 messages",
			"Host=,  0 values for 1 plugin,  0 messages",
			"Host=noterm,  0 values for 1 plugin,  0 messages",
			"Host=h��te,  0 values for 1 plugin,  0 messages",
			"Host=ho,  0 values for 1 plugin,  0 messages",
			"Host=hostA,  0 values for 0 plugins, 0 messages, 2 unknown",
			"Host=hostA,  0 values for 1 plugin,  0 messages",
			"Host=hostA,  0 values for 0 plugins, 0 messages",
			"Host=(null),  0 values for 0 plugins, 0 messages",
			"Host=(null),  0 values for 0 plugins, 0 messages",
			"Host=hostA,  0 values for 1 plugin,  1 message,  1 error",
			"Host=hostA,  0 values for 0 plugins, 1 message,  1 error",
			"[Malformed Packet]",
			"[Malformed Packet]",
			"[Malformed Packet]",
			"[Malformed Packet]",
			"[Malformed Packet]",
			"[Malformed Packet]",
			"[Malformed Packet]",
			"[Malformed Packet]",
			"[Malformed Packet]",
			"[Malformed Packet]",
			"[Malformed Packet]",
			"[Malformed Packet]",
			"[Malformed Packet]",
			"[Malformed Packet]",
			"[Malformed Packet]",
			"[Malformed Packet]",
			"Host=(null),  0 values for 0 plugins, 1 message,  1 error",
			"[Malformed Packet]",
			"[Malformed Packet]",
			"Host=(null),  0 values for 0 plugins, 1 message,  1 error",
			"Host=(null),  0 values for 0 plugins, 1 message,  1 error",
			"Host=(null),  0 values for 0 plugins, 1 message,  1 error",
			"[Malformed Packet]",
			"[Malformed Packet]",
			"Host=(null),  0 values for 0 plugins, 1 message,  1 error",
			"Host=(null),  0 values for 0 plugins, 1 message,  1 error",
			"Host=(null),  0 values for 0 plugins, 1 message,  1 error",
			"[Malformed Packet]",
			"[Malformed Packet]",
			"Host=(null),  0 values for 0 plugins, 1 message,  1 error",
			"Host=(null),  0 values for 0 plugins, 1 message,  1 error",
			"Host=(null),  0 values for 0 plugins, 1 message,  1 error",
			"Host=hostA,  0 values for 1 plugin,  0 messages, 1 error",
			"[Malformed Packet]",
			"Host=hostA,  0 values for 0 plugins, 0 messages, 1 error",
			"Host=hostA,  0 values for 0 plugins, 0 messages, 1 error",
			"Host=hostA,  0 values for 0 plugins, 0 messages, 1 error",
			"[Malformed Packet]",
			"Host=hostA,  0 values for 0 plugins, 0 messages, 1 error",
			"Host=hostA,  0 values for 0 plugins, 0 messages, 1 error",
			"Host=hostA,  0 values for 0 plugins, 0 messages, 1 error",
			"Host=hostA,  0 values for 0 plugins, 0 messages, 1 error",
			"Host=hostA,  0 values for 0 plugins, 0 messages, 1 error",
			"Host=(null),  0 values for 0 plugins, 0 messages, 1 error",
			"Host=(null),  0 values for 0 plugins, 0 messages, 1 error",
			"Host=(null),  0 values for 0 plugins, 0 messages, 1 error",
			"Host=(null),  0 values for 0 plugins, 0 messages, 1 error",
			"Host=(null),  0 values for 0 plugins, 0 messages, 1 error",
			"Host=hostA,  0 values for 1 plugin,  0 messages, 1 unknown, 1 error",
			"Host=(null),  0 values for 0 plugins, 0 messages, 1 error",
			"Host=(null),  0 values for 0 plugins, 0 messages, 1 error",
			"", // UDP	40000 → 25826 Len=0
		},
		"lab__collectd.pcap": {
			"Host=lab-None, 28 values for 5 plugins, 0 messages",
			"Host=lab-None, 27 values for 7 plugins, 0 messages",
			"Host=lab-None, 30 values for 4 plugins, 0 messages",
			"Host=lab-None, 27 values for 5 plugins, 0 messages",
			"[Malformed Packet]",
			"[Malformed Packet]",
			"Host=lab-None, 32 values for 5 plugins, 0 messages",
			"Host=lab-None, 25 values for 8 plugins, 0 messages",
			"Host=lab-None,  3 values for 1 plugin,  0 messages",
			"Host=lab-Sign, 28 values for 5 plugins, 0 messages",
			"Host=lab-Sign, 29 values for 8 plugins, 0 messages",
			"Host=lab-Sign, 28 values for 4 plugins, 0 messages",
			"Host=lab-Sign, 29 values for 4 plugins, 0 messages",
			"Host=lab-Sign, 29 values for 4 plugins, 0 messages",
			"Host=lab-Sign, 28 values for 4 plugins, 0 messages",
			"Host=lab-Sign,  1 value  for 1 plugin,  0 messages",
			"Host=(null),  0 values for 0 plugins, 0 messages",
			"Host=(null),  0 values for 0 plugins, 0 messages",
			"Host=(null),  0 values for 0 plugins, 0 messages",
			"Host=(null),  0 values for 0 plugins, 0 messages",
			"Host=(null),  0 values for 0 plugins, 0 messages",
			"Host=(null),  0 values for 0 plugins, 0 messages",
			"Host=(null),  0 values for 0 plugins, 0 messages",
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
			for _, tree := range []bool{false, true} {
				var out Out
				out.reset(tree)
				p := PDU{Data: h.Payload, Len: len(h.Payload), Off: -1, SrcPort: 40000, DstPort: portCollectd}
				ok := collectd.Dissect(&p, &out)
				if ok != (w != "") || ok && out.Info() != w {
					t.Errorf("%s datagram %d tree %v: got %v %q %q, want %q", name, n, tree, ok, out.Proto, out.Info(), w)
				}
				if ok {
					checkTree(t, out.Tree, len(h.Payload))
				}
			}
		})
		if n != len(infos) {
			t.Errorf("%s: %d datagrams, want %d", name, n, len(infos))
		}
	}
}

// TestCollectdLabels checks the labels packet-collectd.c gives times,
// intervals and gauges against tshark 4.0.17's -V output for
// lab__collectd-crafted.pcap frames 3 and 5.
func TestCollectdLabels(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{collectdRelTime(collectdHRTime(0x20000000)), "0.499999999 seconds"},
		{collectdRelTime(collectdHRTime(10<<30 + 1<<29)), "10.499999999 seconds"},
		{collectdRelTime(collectdHRTime(3661 << 30)), "1 hour, 1 minute, 1 second"},
		{collectdRelTime(collectdHRTime(5)), "0.000000004 seconds"},
		{collectdRelTime(0, 0), "0.000000000 seconds"},
		{collectdRelTime(10, 0), "10 seconds"},
		{collectdAbsTime(collectdHRTime(0x1ac5cc790e40c843)), "Dec  7, 2026 22:23:32.222703996 UTC"},
		{collectdAbsTime(1700000000, 0), "Nov 14, 2023 22:13:20.000000000 UTC"},
		{collectdCG(1.0/3, 6), "0.333333"},
		{collectdCG(1.0/3, 15), "0.333333333333333"},
		{collectdCG(123456789012, 6), "1.23457e+11"},
		{collectdCG(1e-7, 6), "1e-07"},
		{collectdCG(1e20, 15), "1e+20"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func FuzzProtoCollectd(f *testing.F) {
	fuzzDatagrams(f, []*Dissector{collectd}, "lab__collectd.pcap", "lab__collectd-crafted.pcap")
}
