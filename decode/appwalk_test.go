package decode

import (
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// toyPort carries the toy protocol of these tests: each PDU is one length
// byte followed by that many bytes of text, so the expected PDU boundaries
// can be worked out by hand from the segments below.
const toyPort = 47001

var toy = &Dissector{
	Name: "toy",
	PDULen: func(_ *Conv, _ uint8, b []byte) int {
		return 1 + int(b[0])
	},
	Dissect: func(p *PDU, out *Out) bool {
		out.SetProto("TOY")
		out.AppendInfo(", ", string(p.Data[1:]))
		out.Add(StrField("toy.text", "Text: "+string(p.Data[1:]), 1, len(p.Data)-1, string(p.Data[1:])))
		return true
	},
}

func init() { RegisterTCP(toy, toyPort) }

// seg is one TCP segment of the test stream, client to server unless back.
type seg struct {
	seq     uint32
	payload string
	back    bool
	flags   uint8
}

// writeTCPCapture writes an Ethernet/IPv4 pcap of the segments (after a
// handshake is not needed: the walker starts a direction at its first byte).
func writeTCPCapture(t *testing.T, segs []seg) string {
	t.Helper()
	var w []byte
	hdr := make([]byte, 24)
	binary.LittleEndian.PutUint32(hdr, 0xa1b2c3d4)
	binary.LittleEndian.PutUint16(hdr[4:], 2)
	binary.LittleEndian.PutUint16(hdr[6:], 4)
	binary.LittleEndian.PutUint32(hdr[16:], 65535)
	binary.LittleEndian.PutUint32(hdr[20:], uint32(LinkEthernet))
	w = append(w, hdr...)
	for k, s := range segs {
		pkt := make([]byte, 14+20+20+len(s.payload))
		binary.BigEndian.PutUint16(pkt[12:], 0x0800)
		ip := pkt[14:]
		ip[0], ip[8], ip[9] = 0x45, 64, ProtoTCP
		binary.BigEndian.PutUint16(ip[2:], uint16(40+len(s.payload)))
		src, dst := []byte{10, 0, 0, 1}, []byte{10, 0, 0, 2}
		sp, dp := uint16(40000), uint16(toyPort)
		if s.back {
			src, dst, sp, dp = dst, src, dp, sp
		}
		copy(ip[12:], src)
		copy(ip[16:], dst)
		tcp := ip[20:]
		binary.BigEndian.PutUint16(tcp, sp)
		binary.BigEndian.PutUint16(tcp[2:], dp)
		binary.BigEndian.PutUint32(tcp[4:], s.seq)
		tcp[12] = 5 << 4
		tcp[13] = 0x18 | s.flags // PSH, ACK
		binary.BigEndian.PutUint16(tcp[14:], 1000)
		copy(tcp[20:], s.payload)
		rec := make([]byte, 16)
		binary.LittleEndian.PutUint32(rec, uint32(1000+k))
		binary.LittleEndian.PutUint32(rec[8:], uint32(len(pkt)))
		binary.LittleEndian.PutUint32(rec[12:], uint32(len(pkt)))
		w = append(append(w, rec...), pkt...)
	}
	path := filepath.Join(t.TempDir(), "toy.pcap")
	if err := os.WriteFile(path, w, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// pdu is a toy PDU's bytes: its length byte, then text.
func pdu(text string) string { return string(rune(len(text))) + text }

// TestAppWalkerPDUs checks the walker's reassembly against boundaries
// worked out by hand: which segment completes which PDU, which segments
// are marked as carrying part of a PDU, and which are left to TCP.
func TestAppWalkerPDUs(t *testing.T) {
	two := pdu("first") + pdu("second") // 6 + 7 bytes
	long := pdu("abcdefghij")           // 11 bytes, sent in three pieces
	tests := []struct {
		name string
		segs []seg
		want []string // per frame: "TOY info", "segment" or "" (plain TCP)
	}{
		{"one PDU per segment",
			[]seg{{seq: 100, payload: pdu("hello")}, {seq: 106, payload: pdu("again")}},
			[]string{"TOY hello", "TOY again"}},
		{"two PDUs in one segment",
			[]seg{{seq: 100, payload: two}},
			[]string{"TOY first, second"}},
		{"one PDU across three segments",
			[]seg{{seq: 1, payload: long[:3]}, {seq: 4, payload: long[3:7]}, {seq: 8, payload: long[7:]}},
			[]string{"segment", "segment", "TOY abcdefghij"}},
		{"a segment ends one PDU and starts the next",
			[]seg{{seq: 1, payload: two[:4]}, {seq: 5, payload: two[4:9]}, {seq: 10, payload: two[9:]}},
			[]string{"segment", "TOY first", "TOY second"}},
		{"retransmitted bytes go to no dissector",
			[]seg{{seq: 1, payload: pdu("hello")}, {seq: 1, payload: pdu("hello")}, {seq: 7, payload: pdu("next")}},
			[]string{"TOY hello", "", "TOY next"}},
		{"a partly new segment is a retransmission whose new bytes the open PDU never gets",
			// tshark: zeek http/206_example_b.pcap, frame 262 overlaps
			// seen body bytes and carries 1135 new ones; the body's last
			// segment (953) stays a segment of a PDU that never completes
			[]seg{{seq: 1, payload: long[:5]}, {seq: 3, payload: long[2:7]}, {seq: 10, payload: long[9:]}, {seq: 12, payload: pdu("next")}},
			[]string{"segment", "", "segment", "TOY next"}},
		{"segments after bytes lost inside a PDU stay segments of it",
			// long spans seq 1-11; seq 4-5 never arrive. Seq 6-8 and the
			// first 3 bytes at seq 9 are still that PDU's; what follows
			// seq 11 begins the next one (tshark: gtp1_gn_normal_incl_
			// fragmentation.pcap frames 58-95, checked in the encap test).
			// The last segment begins with the lost PDU's end: TCP keeps
			// its Protocol column and the PDU after it adds its Info
			// (tshark: CESNET tls.pcap frame 178).
			[]seg{{seq: 1, payload: long[:3]}, {seq: 6, payload: long[5:8]}, {seq: 9, payload: long[8:] + pdu("next")}},
			[]string{"segment", "segment", "locked TOY next"}},
		{"a segment without data beyond a gap makes a later copy of the missing bytes a retransmission",
			// tshark: zeek tls/ssl.v3.pcap frames 248 (an ACK at seq 3615
			// after 3591-3614 went uncaptured) and 251 (those bytes)
			[]seg{{seq: 1, payload: pdu("hello")}, {seq: 20}, {seq: 7, payload: pdu("late")}, {seq: 20, payload: pdu("after")}},
			[]string{"TOY hello", "", "", "TOY after"}},
		{"a gap drops the open PDU and restarts at the next segment",
			[]seg{{seq: 1, payload: long[:3]}, {seq: 50, payload: pdu("fresh")}},
			[]string{"segment", "TOY fresh"}},
		{"directions are reassembled apart",
			[]seg{{seq: 1, payload: long[:6]}, {seq: 900, payload: pdu("reply"), back: true}, {seq: 7, payload: long[6:]}},
			[]string{"segment", "TOY reply", "TOY abcdefghij"}},
		{"SYN and RST payloads are not dissected",
			[]seg{{seq: 1, payload: pdu("syn"), flags: 0x02}, {seq: 1, payload: pdu("rst"), flags: 0x04}},
			[]string{"", ""}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src, err := Open(writeTCPCapture(t, tc.segs))
			if err != nil {
				t.Fatal(err)
			}
			defer src.Close()
			x := Load(src)
			got := make([]string, x.Len())
			w := NewAppWalker(x)
			for i := range got {
				got[i] = describeApp(w.At(i, false))
			}
			if strings.Join(got, " | ") != strings.Join(tc.want, " | ") {
				t.Errorf("in order:\n got  %q\n want %q", got, tc.want)
			}
			// Asked backwards, the walker replays each flow: same answers.
			w = NewAppWalker(x)
			for i := len(got) - 1; i >= 0; i-- {
				if g := describeApp(w.At(i, false)); g != tc.want[i] {
					t.Errorf("frame %d asked out of order: %q, want %q", i+1, g, tc.want[i])
				}
			}
		})
	}
}

func describeApp(r *AppResult) string {
	switch {
	case r.Locked:
		return "locked " + r.Proto + " " + r.Info
	case r.Proto != "":
		return r.Proto + " " + r.Info
	case r.Segment:
		return "segment"
	}
	return ""
}

// TestAppWalkerTreeOffsets: a PDU inside one packet has its fields placed
// on the packet's bytes (Ethernet 14 + IP 20 + TCP 20 = 54, plus the
// length byte); a PDU reassembled from several segments has none.
func TestAppWalkerTreeOffsets(t *testing.T) {
	long := pdu("abcdefghij")
	src, err := Open(writeTCPCapture(t, []seg{{seq: 1, payload: pdu("hi")}, {seq: 4, payload: long[:4]}, {seq: 8, payload: long[4:]}}))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	x := Load(src)
	w := NewAppWalker(x)
	for _, tc := range []struct {
		frame      int
		start, len int
	}{{0, 55, 2}, {2, 0, 0}} {
		r := w.At(tc.frame, true)
		if len(r.Tree) != 1 {
			t.Fatalf("frame %d: tree %+v", tc.frame+1, r.Tree)
		}
		if f := r.Tree[0]; f.Start != tc.start || f.Len != tc.len {
			t.Errorf("frame %d: field at %d+%d, want %d+%d", tc.frame+1, f.Start, f.Len, tc.start, tc.len)
		}
	}
	// Row shows the marks tshark shows: a segment that begins a PDU it
	// does not complete keeps TCP's summary and gains the mark (tshark's
	// frame 4 of testdata/corpus zeek tcp/reassembly.pcap, HTTP); only a
	// dissector that clears the column first (TLS, ClearsInfo) leaves the
	// bare mark, which the TLS tests check.
	row, _ := x.Row(1, "", nil)
	if want := fmt.Sprintf("40000 → %d [PSH, ACK] ", toyPort); row.Protocol != "TCP" || !strings.HasPrefix(row.Info, want) ||
		!strings.HasSuffix(row.Info, " Len=4 [TCP segment of a reassembled PDU]") {
		t.Errorf("row 2: %s %q", row.Protocol, row.Info)
	}
	row, _ = x.Row(2, "[TCP Previous segment not captured] ", nil)
	if row.Protocol != "TOY" || row.Info != "[TCP Previous segment not captured] , abcdefghij" {
		t.Errorf("row 3: %s %q", row.Protocol, row.Info)
	}
}
