package decode

import (
	"encoding/hex"
	"testing"
)

// TestBabelColumns dissects Babel datagrams laid out per RFC 8966 §4 and
// RFC 8967; the expected columns are tshark 4.0.17's (-T fields, which
// builds the tree) on the same bytes: the first is lab__babel.pcap frame 3
// and the challenge is lab__babel-hmac.pcap frame 8 (babeld 1.12), the
// others are frames of lab__babel-crafted.pcap.
func TestBabelColumns(t *testing.T) {
	cases := []struct {
		name, hex string
		ok        bool
		info      string
	}{
		{"babeld's first full dump", "2a020084040c00007894006403043f4f8b78080a00000000ffff0908ffff060a00003cbcf02a44c2c5c5081a0280800001900908000020010db8000a000000000000000000010814028030050190090800000e80073020010db8000f070601000a090201080e01002000019009080000c0000201080e01002000019009080000cb00710109020000", true,
			"Babel hello update router-id update update nh update update request"},
		{"challenge with a trailer", "2a02002212089dfc2adcc389241013089caf222049c880b6110c0000000319d9a9b9f9e4e69f102088f1e98aeabc20d3a39545a3456de70ecd8b6149be9ffc98538eaa2627c5e841", true,
			"Babel challenge-request challenge-reply pc hmac"},
		{"pad1 padn ack-req ack", "2a02001200010300000002060000beef00c80302beef", true, "Babel pad1 padn ack-req ack"},
		{"seqno requests", "2a0200290a14023000074000020000000000000220010db8000b0a110118000740000200000000000002c63364", true, "Babel mh-request mh-request"},
		{"every address encoding", "2a0200620406000012340190060a00000200000000000001070a0300000000000000000108120280400001900003006020010db8000a0001080c0200400601900003006000020812030080000190000300600000000000000001080a0040000001900003ffff", true,
			"Babel hello router-id nh update update update update"},
		{"IHU timestamp past the datagram", "2a02002205060000006001900518030000600190000000000000000203080016e36000186a00", true, "Babel ihu ihu[Malformed Packet]"},
		{"types without a handler", "2a02003c0b04000000000c04000000000d04000000000e04000000000f04000000001104000000001204000000001304000000002a0400000000c80400000000", true,
			"Babel ts/pc (obsolete) hmac source-specific-update source-specific-req source-specific-seqno pc challenge-request challenge-reply unknown unknown"},
		{"trailer padding", "2a02000804060000123401900001020000", true, "Babel hello pad1 padn"},
		{"version 1", "2a0100080406000012340190", true, "Version 1"},
		{"wrong magic", "290200080406000012340190", false, ""},
		{"three bytes", "2a0200", false, ""},
		{"body length 0: all trailer", "2a0200000406000012340190", true, "Babel hello"},
		{"body length past the datagram", "2a0200140406000012340190", true, "Babel hello[Malformed Packet]"},
		{"update cut in its fields", "2a02000e0406000012340190082000000000", true, "Babel hello update[Malformed Packet]"},
		{"hello too short", "2a02000404020000", true, "Babel hello[Malformed Packet]"},
		{"padn past the datagram", "2a02000c0406000012340190010a0000", true, "Babel hello padn"},
		{"trailer TLV past the datagram", "2a02000804060000123401901020000000000000", true, "Babel hello hmac"},
		{"hello timestamp cut", "2a02000e040c000000010190030800000000", true, "Babel hello[Malformed Packet]"},
		{"update prefix too short: corrupt", "2a02000e080c020040000190000300602001", true, "Babel update"},
		{"empty body", "2a020000", true, "Babel"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkDissect(t, c.hex, PDU{}, babel.Dissect, c.ok, "Babel", c.info)
		})
	}
}

// TestBabelTree checks lines of lab__babel.pcap frame 3 against tshark's
// PDML of it (offsets from the Babel header, PDML's minus 62). The
// address encoding, prefix length and omitted count are placed at their
// bytes, which PDML misplaces (see babelPDMLPos).
func TestBabelTree(t *testing.T) {
	b, _ := hex.DecodeString("2a020084040c00007894006403043f4f8b78080a00000000ffff0908ffff060a00003cbcf02a44c2c5c5081a0280800001900908000020010db8000a000000000000000000010814028030050190090800000e80073020010db8000f070601000a090201080e01002000019009080000c0000201080e01002000019009080000cb00710109020000")
	var out Out
	out.reset(true)
	p := PDU{Data: b, Len: len(b), Off: -1}
	if !babel.Dissect(&p, &out) {
		t.Fatal("not Babel")
	}
	checkPDMLFields(t, 2, out.Tree, []pdmlWant{
		{"babel.bodylen", "Body Length: 132", 2, 2},
		{"babel.message", "Message hello (4)", 4, 14},
		{"", "Unicast : 0", 6, 2},
		{"babel.message.seqno", "Seqno: 0x7894", 8, 2},
		{"babel.message.interval", "Interval: 100", 10, 2},
		{"babel.subtlv", "Sub TLV timestamp (3)", 12, 6},
		{"babel.subtlv.length", "Sub-TLV Length: Unknown (4)", 13, 1},
		{"", "Timestamp : 1062.177656s", 14, 4},
		{"", "Prefix: ::/0", 30, 0},
		{"babel.message.ae", "Address Encoding: Wildcard (0)", 20, 1},
		{"babel.message.prefix", "Raw Prefix: <MISSING>", 30, 0},
		{"babel.message.routerid", "Router ID: 3cbcf02a44c2c5c5", 34, 8},
		{"", "Prefix: 2001:db8:a::1/128", 54, 16},
		{"babel.message.flags", "Flags: 0x80", 45, 1},
		{"", "Prefix: 2001:db8:e::/48", 82, 10},
		{"babel.message.omitted", "Omitted Bytes: 5", 75, 1},
		{"babel.subtlv.type", "Sub-TLV Type: Unknown (128)", 83, 1},
		{"", "Mandatory", 85, 7},
		{"", "NH: 10.9.2.1", 96, 4},
		{"babel.message.ae", "Address Encoding: IPv4 (1)", 94, 1},
		{"", "Prefix: 203.0.113.1/32", 128, 4},
		{"babel.message.plen", "Prefix Length: 32", 120, 1},
		{"babel.message.prefix", "Raw Prefix: cb007101", 128, 4},
	})
}

// TestBabelPrefix checks the prefix arithmetic against RFC 8966 §4.1.3's
// rules and tshark's lines for lab__babel-crafted.pcap frames 4 and 5: an
// update's omitted bytes come from the previous update with flag 0x80 of
// the same address family, zeros before any (tshark then shows the
// address as IPv6, "::5").
func TestBabelPrefix(t *testing.T) {
	for _, c := range []struct{ hex, want string }{
		// frame 4: 2001:db8:a:1::/64 sets the default, the next omits 6 bytes
		{"2a0200620406000012340190060a00000200000000000001070a0300000000000000000108120280400001900003006020010db8000a0001080c0200400601900003006000020812030080000190000300600000000000000001080a0040000001900003ffff",
			"Prefix: 2001:db8:a:1::/64|Prefix: 2001:db8:a:2::/64|Prefix: fe80::1/128|Prefix: ::/0"},
		// frame 5: IPv4 omitting 3 bytes with no default, then with one
		{"2a020032080b0100200301900004010005070601000a090201080e01802000019000040100cb007101080b0100200301900004010007",
			"Prefix: ::5/32|Prefix: 203.0.113.1/32|Prefix: 203.0.113.7/32"},
		// a request with an unknown address encoding
		{"2a020005090305" + "08aa", "Prefix: corrupt/8"},
	} {
		b, _ := hex.DecodeString(c.hex)
		var out Out
		out.reset(true)
		p := PDU{Data: b, Len: len(b), Off: -1}
		babel.Dissect(&p, &out)
		got := ""
		var walk func([]Field)
		walk = func(fs []Field) {
			for _, f := range fs {
				if len(f.Label) > 8 && f.Label[:8] == "Prefix: " {
					if got != "" {
						got += "|"
					}
					got += f.Label
				}
				walk(f.Children)
			}
		}
		walk(out.Tree)
		if got != c.want {
			t.Errorf("%s: got %q, want %q", c.hex[:16], got, c.want)
		}
	}
}

// FuzzProtoBabel feeds arbitrary bytes to the Babel dissector, with and
// without the tree: no panic, every field inside the bytes. Seeded with
// the datagrams of the three Babel captures.
func FuzzProtoBabel(f *testing.F) {
	fuzzDatagrams(f, []*Dissector{babel}, "lab__babel.pcap", "lab__babel-hmac.pcap", "lab__babel-crafted.pcap")
}
