package decode

import (
	"bytes"
	"testing"
)

// quotedCases are ICMP error bodies (after type, code and checksum) built by
// hand from RFC 792 / RFC 4443 layouts: the unused word, then the offending
// datagram's header and the first bytes of its transport header.
var quotedCases = []struct {
	name   string
	body   []byte
	ok     bool
	want   Quoted
	hasSrc []byte
}{
	{
		name: "IPv4 TCP with sequence number",
		body: append(append([]byte{0, 0, 0, 0},
			0x45, 0, 0, 40, 0, 1, 0x40, 0, 64, 6, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2),
			0x9c, 0x40, 0, 80, 0x11, 0x22, 0x33, 0x44),
		ok:     true,
		want:   Quoted{Net: NetIPv4, Proto: ProtoTCP, HasPorts: true, SrcPort: 40000, DstPort: 80, Seq: 0x11223344, HasSeq: true},
		hasSrc: []byte{10, 0, 0, 1},
	},
	{
		name: "IPv4 UDP",
		body: append(append([]byte{0, 0, 0, 0},
			0x45, 0, 0, 28, 0, 1, 0, 0, 64, 17, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2),
			0x75, 0x30, 0x32, 0xc8, 0, 8, 0, 0),
		ok:     true,
		want:   Quoted{Net: NetIPv4, Proto: ProtoUDP, HasPorts: true, SrcPort: 30000, DstPort: 13000},
		hasSrc: []byte{10, 0, 0, 1},
	},
	{
		name: "IPv4 TCP cut after the ports: no sequence number",
		body: append(append([]byte{0, 0, 0, 0},
			0x45, 0, 0, 40, 0, 1, 0x40, 0, 64, 6, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2),
			0x9c, 0x40, 0, 80),
		ok:     true,
		want:   Quoted{Net: NetIPv4, Proto: ProtoTCP, HasPorts: true, SrcPort: 40000, DstPort: 80},
		hasSrc: []byte{10, 0, 0, 1},
	},
	{
		name: "IPv4 header shorter than 20 bytes",
		body: []byte{0, 0, 0, 0, 0x45, 0, 0, 40},
	},
	{
		name: "IHL pointing past the quote",
		body: append([]byte{0, 0, 0, 0}, 0x4f, 0, 0, 40, 0, 1, 0x40, 0, 64, 6, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2),
	},
}

func TestQuoted(t *testing.T) {
	for _, tc := range quotedCases {
		t.Run(tc.name, func(t *testing.T) {
			var h Headers
			h.HasTransport, h.IPProto, h.ICMPType, h.ICMPBody = true, ProtoICMP, 3, tc.body
			q, ok := h.Quoted()
			if ok != tc.ok {
				t.Fatalf("ok = %v, want %v", ok, tc.ok)
			}
			if !ok {
				return
			}
			if !bytes.Equal(q.Src, tc.hasSrc) {
				t.Errorf("src %v, want %v", q.Src, tc.hasSrc)
			}
			w := tc.want
			if q.Net != w.Net || q.Proto != w.Proto || q.HasPorts != w.HasPorts || q.SrcPort != w.SrcPort ||
				q.DstPort != w.DstPort || q.Seq != w.Seq || q.HasSeq != w.HasSeq {
				t.Errorf("quoted %+v, want %+v", q, tc.want)
			}
		})
	}
}

// FuzzQuoted feeds hostile ICMP error bodies to the quoted-header reader:
// it must never panic, and the addresses it accepts have their family's
// length.
func FuzzQuoted(f *testing.F) {
	for _, tc := range quotedCases {
		f.Add(tc.body, false)
	}
	v6 := make([]byte, 4+40+8)
	v6[4], v6[4+6] = 0x60, 6
	f.Add(v6, true)
	f.Fuzz(func(t *testing.T, body []byte, isV6 bool) {
		var h Headers
		h.HasTransport, h.IPProto, h.ICMPType, h.ICMPBody = true, ProtoICMP, 3, body
		if isV6 {
			h.IPProto, h.ICMPType = ProtoICMPv6, 1
		}
		q, ok := h.Quoted()
		if !ok {
			return
		}
		n := 4
		if q.Net == NetIPv6 {
			n = 16
		}
		if len(q.Src) != n || len(q.Dst) != n {
			t.Fatalf("accepted %v with addresses %v %v", q.Net, q.Src, q.Dst)
		}
	})
}
