package decode

import (
	"encoding/hex"
	"testing"
)

// TestOLSRColumns dissects OLSR packets laid out per RFC 3626 §3.3 (and
// olsr.org's and NRL's extensions); the expected columns are tshark
// 4.0.17's (-T fields, which builds the tree) on the same bytes, frames of
// lab__olsr-crafted.pcap. The address family is the datagram's.
func TestOLSRColumns(t *testing.T) {
	v4, v6 := []byte{10, 9, 3, 1}, make([]byte, 16)
	cases := []struct {
		name, hex string
		dst       []byte
		proto     string
		info      string
	}{
		{"HELLO with two link messages", "00280007018600240a090301ff000001000005030600000c0a0903020a0903030a0000080a090304", v4, "OLSR v1", "OLSR (IPv4) Packet,  Length: 40 Bytes"},
		{"HELLO TC MID HNA", "00740007018600240a090301ff000001000005030600000c0a0903020a0903030a0000080a09030402e8001c0a090301ff020002001500000a0903020a0903030a090304038600140a090301ff0000030a0904010a0905010486001c0a090301ff000004c0000200ffffff000000000000000000", v4, "OLSR v1", "OLSR (IPv4) Packet,  Length: 116 Bytes"},
		{"LQ HELLO", "00340007c98600300a090301ff00000100000500060000140a090302ffc800000a090303804000000000000c0a09030401020000", v4, "OLSR v1", "OLSR (IPv4) Packet,  Length: 52 Bytes"},
		{"nameservice", "006000078286005c0a090301ff000001000100020000000b0a090302000000000000000000000000686f73742d612e6d65736800000200180a090302000000000000000000000000687474703a2f2f686f73742d613a38307c7463707c776562", v4, "OLSR v1", "OLSR (IPv4) Packet,  Length: 96 Bytes"},
		{"NRL TC", "00260007f18600220a090301ff000001000500000a0903020a0903030a0903040102030a0b0c", v4, "OLSR v1", "OLSR (IPv4) Packet,  Length: 38 Bytes"},
		{"IPv6 HELLO", "0048000701860044fe800000000000000000000000000001ff0000010000050306000014fe8000000000000000000000000000020a00001420010db8000300000000000000000001", v6, "OLSR v1", "OLSR (IPv6) Packet,  Length: 72 Bytes"},
		{"IPv6 HNA read as 4-byte addresses", "003c000704860038fe800000000000000000000000000001ff00000120010db8000400000000000000000000ffffffffffffffff0000000000000000", v6, "OLSR v1", "OLSR (IPv6) Packet,  Length: 60 Bytes[Malformed Packet]"},
		{"IPv6 unknown type: data past the end", "0024000763860020fe800000000000000000000000000001ff0000010000000000000000", v6, "OLSR v1", "OLSR (IPv6) Packet,  Length: 36 Bytes[Malformed Packet]"},
		{"three bytes", "000300", v4, "UDP", "OLSR Packet,  Length: 3 Bytes (not enough data in packet)"},
		{"packet length past the datagram", "00280007", v4, "UDP", "OLSR Packet,  Length: 40 Bytes (not enough data in packet)"},
		{"message size past the datagram", "00100007018600280a090301ff000001", v4, "OLSR v1", "OLSR (IPv4) Packet,  Length: 16 Bytes[Malformed Packet]"},
		{"link message past the datagram", "001c0007018600180a090301ff00000100000503060000400a090302", v4, "OLSR v1", "OLSR (IPv4) Packet,  Length: 28 Bytes[Malformed Packet]"},
		{"nameservice content past the datagram", "002d0007828600290a090301ff00000100010001000000280a09030200000000000000000000000073686f7274", v4, "OLSR v1", "OLSR (IPv4) Packet,  Length: 45 Bytes[Malformed Packet]"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkDissect(t, c.hex, PDU{DstIP: c.dst}, olsr.Dissect, true, c.proto, c.info)
		})
	}
}

// TestOLSRTree checks lines of lab__olsr-crafted.pcap frames 7 and 9
// against tshark's PDML of them (offsets from the OLSR header, PDML's
// minus 42).
func TestOLSRTree(t *testing.T) {
	for _, c := range []struct {
		frame int
		hex   string
		want  []pdmlWant
	}{
		{6, "00340007c98600300a090301ff00000100000500060000140a090302ffc800000a090303804000000000000c0a09030401020000", []pdmlWant{
			{"olsr.message", "Message: HELLO (LQ, olsr.org) (201)", 4, 48},
			{"olsr.vtime", "Validity Time: 6.000 (in seconds)", 5, 1},
			{"olsr.htime", "Hello Emission Interval: 2.000 (in seconds)", 18, 1},
			{"olsr.willingness", "Willingness to forward messages: never (0)", 19, 1},
			{"olsr.link_type", "Link Type: Symmetric Link (6)", 20, 1},
			{"olsr.link_message_size", "Link Message Size: 20", 22, 2},
			{"olsr.neighbor", "Neighbor Address: 10.9.3.2 (255/200)", 24, 8},
			{"olsr.lq", "LQ: 128", 36, 1},
			{"olsr.link_type", "Link Type: Unspecified Link (0)", 40, 1},
		}},
		{8, "006000078286005c0a090301ff000001000100020000000b0a090302000000000000000000000000686f73742d612e6d65736800000200180a090302000000000000000000000000687474703a2f2f686f73742d613a38307c7463707c776562", []pdmlWant{
			{"olsr.message_size", "Message: 92", 6, 2},
			{"olsr.ns.count", "Count: 2", 18, 2},
			{"olsr.ns", "Nameservice: HOST (0)", 20, 32},
			{"olsr.ns.content", "Content: host-a.mesh", 40, 11},
			{"olsr.ns", "Nameservice: SERVICE (2)", 52, 44},
			{"olsr.ns.ip", "Address: 10.9.3.2", 56, 4},
		}},
	} {
		b, _ := hex.DecodeString(c.hex)
		var out Out
		out.reset(true)
		p := PDU{Data: b, Len: len(b), Off: -1, DstIP: []byte{255, 255, 255, 255}}
		if !olsr.Dissect(&p, &out) {
			t.Fatal("not OLSR")
		}
		checkPDMLFields(t, c.frame, out.Tree, c.want)
	}
}

// FuzzProtoOLSR feeds arbitrary bytes to the OLSR dissector over IPv4 and
// IPv6, with and without the tree: no panic, every field inside the bytes.
// Seeded with the datagrams of lab__olsr-crafted.pcap.
func FuzzProtoOLSR(f *testing.F) {
	eachParsed(f, "lab__olsr-crafted.pcap", func(h *Headers) {
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
			p := PDU{Data: b, Len: len(b), Off: -1, DstIP: dst}
			if olsr.Dissect(&p, &out) {
				checkTree(t, out.Tree, len(b))
			}
		}
	})
}
