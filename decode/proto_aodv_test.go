package decode

import (
	"encoding/hex"
	"testing"
)

// TestAODVColumns dissects AODV messages laid out per RFC 3561 §5 (and
// draft-perkins-manet-aodv6-01 for types 16 to 19); the expected columns
// are tshark 4.0.17's (-T fields, which builds the tree) on the same
// bytes, frames of lab__aodv-crafted.pcap. The address family is the
// datagram's.
func TestAODVColumns(t *testing.T) {
	v4, v6 := []byte{255, 255, 255, 255}, make([]byte, 16)
	cases := []struct {
		name, hex string
		dst       []byte
		info      string
	}{
		{"request, every flag", "01f80003ffffffff0a090607000000070a09060100000006", v4, "Route Request, D: 10.9.6.7, O: 10.9.6.1 Id=4294967295 Hcnt=3 DSN=7 OSN=6"},
		{"reply with prefix size", "02c011000a0907010000000a0a09060100001770", v4, "Route Reply, D: 10.9.7.1, O: 10.9.6.1 Hcnt=0 DSN=10 Lifetime=6000"},
		{"request with extensions", "0110000100000002c0000209000000000a0906010000000703080123456789abcdef0902aabb0204000003e8", v4, "Route Request, D: 192.0.2.9, O: 10.9.6.1 Id=2 Hcnt=1 DSN=0 OSN=7"},
		{"error, three destinations", "030000030a0906070000000c0a0907010000000dc00002090000000e", v4, "Route Error, Dest Count=3"},
		{"reply acknowledgment", "0400", v4, "Route Reply Acknowledgment"},
		{"IPv6 error", "0300000220010db80006000000000000000000070000000c20010db80006000000000000000000010000000d", v6, "Route Error, Dest Count=2"},
		{"draft IPv6 request", "1020000200000004000000150000001620010db8000600000000000000000007fe800000000000000000000000000001", v6,
			"draft-perkins-manet-aodv6-01 IPv6 Route Request, D: 2001:db8:6::7, O: fe80::1 Id=4 Hcnt=2 DSN=21 OSN=22"},
		{"draft IPv6 reply", "118040010000001720010db8000600000000000000000007fe80000000000000000000000000000100000fa0", v6,
			"draft-perkins-manet-aodv6-01 IPv6 Route Reply, D: 2001:db8:6::7, O: fe80::1 Hcnt=1 DSN=23 Lifetime=4000"},
		{"draft IPv6 error", "128000020000001820010db80006000000000000000000070000001920010db8000600000000000000000001", v6, "draft-perkins-manet-aodv6-01 IPv6 Route Error, Dest Count=2"},
		{"unknown type: no Info", "070000000000000000000000000000000000000000000000", v4, ""},
		{"request cut in the destination", "01000000000000010a09", v4, "Route Request[Malformed Packet]"},
		{"request cut in the originator's number", "01000000000000010a090607000000000a0906010000", v4, "Route Request, D: 10.9.6.7, O: 10.9.6.1[Malformed Packet]"},
		{"error list past the datagram", "030000030a0906070000000c", v4, "Route Error, Dest Count=3[Malformed Packet]"},
		{"extension cut short", "020000020a090607000000090a09060100000bb802040000", v4, "Route Reply, D: 10.9.6.7, O: 10.9.6.1 Hcnt=2 DSN=9 Lifetime=3000[Malformed Packet]"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkDissect(t, c.hex, PDU{DstIP: c.dst, DstPort: portAODV}, aodv.Dissect, true, "AODV", c.info)
		})
	}
}

// TestAODVTree checks lines of lab__aodv-crafted.pcap frames 2 and 6
// against tshark's PDML of them (offsets from the AODV header, PDML's
// minus 42).
func TestAODVTree(t *testing.T) {
	for _, c := range []struct {
		frame int
		hex   string
		want  []pdmlWant
	}{
		{1, "01f80003ffffffff0a090607000000070a09060100000006", []pdmlWant{
			{"aodv", "Ad hoc On-demand Distance Vector Routing Protocol, Route Request, Dest IP: 10.9.6.7, Orig IP: 10.9.6.1", 0, 24},
			{"aodv.flags", "Flags: 63488, RREQ Join, RREQ Repair, RREQ Gratuitous RREP, RREQ Destination only, RREQ Unknown Sequence Number", 1, 2},
			{"aodv.flags.rreq_unknown", ".... 1... .... .... = RREQ Unknown Sequence Number: Set", 1, 2},
			{"aodv.rreq_id", "RREQ Id: 4294967295", 4, 4},
			{"aodv.orig_seqno", "Originator Sequence Number: 6", 20, 4},
		}},
		{5, "0110000100000002c0000209000000000a0906010000000703080123456789abcdef0902aabb0204000003e8", []pdmlWant{
			{"aodv.flags", "Flags: 4096, RREQ Destination only", 1, 2},
			{"aodv.flags.rreq_join", "0... .... .... .... = RREQ Join: Not set", 1, 2},
			{"", "Extensions", 24, 10},
			{"aodv.timestamp", "Timestamp: 81985529216486895", 26, 8},
			{"aodv.ext_type", "Extension Type: Unknown (9)", 34, 1},
			{"aodv.ext_length", "Extension Length: 4 bytes", 39, 1},
			{"aodv.hello_interval", "Hello Interval: 1000", 40, 4},
		}},
	} {
		b, _ := hex.DecodeString(c.hex)
		var out Out
		out.reset(true)
		p := PDU{Data: b, Len: len(b), Off: -1, DstIP: []byte{255, 255, 255, 255}}
		if !aodv.Dissect(&p, &out) {
			t.Fatal("not AODV")
		}
		checkPDMLFields(t, c.frame, out.Tree, c.want)
	}
}

// FuzzProtoAODV feeds arbitrary bytes to the AODV dissector over IPv4 and
// IPv6, with and without the tree: no panic, every field inside the bytes.
// Seeded with the datagrams of lab__aodv-crafted.pcap.
func FuzzProtoAODV(f *testing.F) {
	eachParsed(f, "lab__aodv-crafted.pcap", func(h *Headers) {
		if h.HasTransport && h.Payload != nil {
			seed(f, h.Payload, h.Net == NetIPv6)
		}
	})
	f.Fuzz(func(t *testing.T, b []byte, six bool) {
		dst := make([]byte, 4)
		if six {
			dst = make([]byte, 16)
		}
		for _, tree := range []bool{false, true} {
			var out Out
			out.reset(tree)
			p := PDU{Data: b, Len: len(b), Off: -1, DstIP: dst, DstPort: portAODV}
			if aodv.Dissect(&p, &out) {
				checkTree(t, out.Tree, len(b))
			}
		}
	})
}
