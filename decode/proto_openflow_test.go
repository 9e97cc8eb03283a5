package decode

import (
	"encoding/hex"
	"testing"
)

// OpenFlow messages from testdata/corpus/tcpdump__tests__of13_ericsson.pcapng
// and lab__openflow-crafted.pcap, as hex; Info as tshark 4.0.17 showed it.
const (
	of13HelloHex     = "0400000800000001"                      // of13_ericsson frame 18
	of13MPReplyHex   = "0413001000000006000d000000000000"      // crafted frame 25: multipart reply, port desc
	of13MPUnknownHex = "0412001000000006" + "00c8000000000000" // crafted frame 26: an unknown multipart kind
	of10StatsHex     = "0111000c000000030001" + "0000"         // crafted frame 8: 1.0 STATS_REPLY, flow
	of11HelloHex     = "0200000800000007"                      // crafted frame 13: 1.1, no dissector
	of14BundleHex    = "052100100000000300000000" + "00000000" // crafted frame 22: 1.4 BUNDLE_CONTROL
	of15BarrierHex   = "0614000800000004"                      // crafted frame 23
	of10UnknownHex   = "0116000800000006"                      // crafted frame 12: type 22 has no 1.0 name
	of13Unknown      = "0432000800000007"                      // crafted frame 27
)

// TestOpenFlowInfo checks Protocol and Info per message, and that of two
// messages in one segment the last one's Info stays (each clears it).
func TestOpenFlowInfo(t *testing.T) {
	cases := []struct {
		name string
		msgs []string
		info string
	}{
		{"1.3 hello", []string{of13HelloHex}, "Type: OFPT_HELLO"},
		{"1.3 multipart kind", []string{of13MPReplyHex}, "Type: OFPT_MULTIPART_REPLY, OFPMP_PORT_DESC"},
		{"1.3 unknown multipart kind", []string{of13MPUnknownHex}, "Type: OFPT_MULTIPART_REQUEST, Unknown type"},
		{"1.0 stats reply names no kind", []string{of10StatsHex}, "Type: OFPT_STATS_REPLY"},
		{"1.1 shows nothing", []string{of11HelloHex}, ""},
		{"1.4 bundle", []string{of14BundleHex}, "Type: OFPT_BUNDLE_CONTROL"},
		{"1.5 barrier", []string{of15BarrierHex}, "Type: OFPT_BARRIER_REQUEST"},
		{"1.0 unknown type", []string{of10UnknownHex}, "Type: Unknown message type"},
		{"1.3 unknown type", []string{of13Unknown}, "Type: Unknown message type"},
		{"two in one segment", []string{of13HelloHex, of13MPReplyHex}, "Type: OFPT_MULTIPART_REPLY, OFPMP_PORT_DESC"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			msgs := make([][]byte, len(c.msgs))
			for i, m := range c.msgs {
				msgs[i] = mustHex(t, m)
			}
			out := dissectSegment(t, openflowDissector, 0, 0, msgs...)
			if out.Proto != "OpenFlow" || out.Info() != c.info {
				t.Errorf("got %q %q, want OpenFlow %q", out.Proto, out.Info(), c.info)
			}
		})
	}
}

// TestOpenFlowTypeNames checks the version-dependent tables against
// tshark -G values: 1.0's type 4 is OFPT_VENDOR, 1.3's OFPT_EXPERIMENTER;
// 22 is a queue request only in 1.3; 35 exists only in 1.5.
func TestOpenFlowTypeNames(t *testing.T) {
	cases := []struct {
		v, t byte
		want string
	}{
		{ofVersion10, 4, "OFPT_VENDOR"},
		{ofVersion10, 21, "OFPT_QUEUE_GET_CONFIG_REPLY"},
		{ofVersion10, 22, ""},
		{ofVersion13, 4, "OFPT_EXPERIMENTER"},
		{ofVersion13, 22, "OFPT_QUEUE_GET_CONFIG_REQUEST"},
		{ofVersion13, 29, "OFPT_METER_MOD"},
		{ofVersion13, 30, ""},
		{ofVersion14, 22, ""},
		{ofVersion14, 34, "OFPT_BUNDLE_ADD_MESSAGE"},
		{ofVersion14, 35, ""},
		{ofVersion15, 35, "OFPT_CONTROLLER_STATUS"},
		{ofVersion11, 0, ""},
	}
	for _, c := range cases {
		if got := ofTypeName(c.v, c.t); got != c.want {
			t.Errorf("version %d type %d: %q, want %q", c.v, c.t, got, c.want)
		}
	}
}

// TestOpenFlowPDULen checks the framing by the header's length.
func TestOpenFlowPDULen(t *testing.T) {
	cases := []struct {
		name string
		in   string
		want int
	}{
		{"hello", of13HelloHex, 8},
		{"length cut", "040000", 0},
		{"longer than the bytes", "0413004000000001", 64},
		{"length below the header", "0400000400000001", PDUReject},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b, _ := hex.DecodeString(c.in)
			if got := openflowPDULen(nil, 0, b); got != c.want {
				t.Errorf("PDULen = %d, want %d", got, c.want)
			}
		})
	}
}

// TestOpenFlowHeuristicPorts checks that the heuristic only looks at
// segments sent to an OpenFlow port (packet-openflow.c).
func TestOpenFlowHeuristicPorts(t *testing.T) {
	b, _ := hex.DecodeString(of13HelloHex)
	for _, c := range []struct {
		dst  uint16
		want bool
	}{{6633, true}, {6634, true}, {35359, false}} {
		d := heuristicDissector([]*Dissector{openflowDissector}, b, c.dst, nil)
		if (d != nil) != c.want {
			t.Errorf("to port %d: claimed %v, want %v", c.dst, d != nil, c.want)
		}
	}
}

// FuzzProtoOpenFlow feeds arbitrary bytes through the framing and the
// dissector: no panic, every field inside the message. Seeded with the
// captures' messages.
func FuzzProtoOpenFlow(f *testing.F) {
	for _, s := range []string{of13HelloHex, of13MPReplyHex, of13MPUnknownHex, of10StatsHex, of11HelloHex,
		of14BundleHex, of15BarrierHex, of10UnknownHex, of13Unknown} {
		b, _ := hex.DecodeString(s)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		rest := b
		for i := 0; i < 8 && len(rest) > 0; i++ {
			n := openflowPDULen(nil, 0, rest)
			if n <= 0 || n > len(rest) {
				n = len(rest)
			}
			for _, tree := range []bool{false, true} {
				var out Out
				out.reset(tree)
				openflowDissect(&PDU{Data: rest[:n], Len: n, TCP: true, Conv: &Conv{}}, &out)
				checkTree(t, out.Tree, n)
			}
			rest = rest[n:]
		}
	})
}
