package decode

import (
	"encoding/hex"
	"testing"
)

// TestX11Info checks the Info column of the crafted X11 capture's frames
// that carry X11 messages, walked in order as the conversation state
// needs (sequence numbers, extensions): each expected value is tshark
// 4.0.17's on testdata/app/lab__x11-crafted.pcap (frame numbers 1-based).
func TestX11Info(t *testing.T) {
	w := NewAppWalker(loadAppCapture(t, "lab__x11-crafted.pcap"))
	want := map[int]string{
		1:  "Initial connection request",
		3:  "Initial connection reply",
		4:  "Requests: CreateWindow, MapWindow, InternAtom",
		5:  "Reply: InternAtom, Expose, MapNotify",
		6:  "Event: Sent-ClientMessage",
		8:  "Error: BadWindow, <Unknown errorcode 200>",
		10: "Requests: GetPropertyRequests: NoOperation",
		13: "Reply: QueryExtension, QueryExtension",
		14: "Requests: RANDR-QueryVersion, FOO-EXT, <Unknown opcode 200>",
		15: "Reply: RANDR-QueryVersion, FOO-EXT",
		16: "Reply: to unknown request, to unknown request, <Unknown eventcode 100>, Sent-<Unknown eventcode 99>",
		19: "Reply: <Unknown opcode 200>Event: PropertyNotify",
		20: "Requests: GetInputFocus",
		22: "Initial connection request",
		23: "Initial connection reply",
	}
	for i := 0; i < 23; i++ {
		r := w.At(i, false)
		info, ok := want[i+1]
		if !ok {
			continue
		}
		if r.Proto != "X11" || r.Info != info {
			t.Errorf("frame %d: %q %q, want X11 %q", i+1, r.Proto, r.Info, info)
		}
	}
}

// TestX11PDULen checks the message lengths: a request's length field in
// 4-byte units, the initial connection request's from its authorization
// lengths, replies' from their length field, errors and events 32 bytes.
func TestX11PDULen(t *testing.T) {
	c := &Conv{}
	// the crafted capture's big-endian initial connection request (48 bytes)
	b, _ := hex.DecodeString("4200000b00000012001000004d49542d4d414749432d434f4f4b49452d310000000102030405060708090a0b0c0d0e0f")
	if n := x11PDULen(c, 0, b[:9]); n != 0 {
		t.Errorf("9 bytes of the setup request: %d, want 0", n)
	}
	if n := x11PDULen(c, 0, b); n != 48 {
		t.Errorf("setup request: %d, want 48", n)
	}
	st := x11State(c)
	st.order, st.seq, st.seqtable[1] = 0, 1, 16
	for _, tc := range []struct {
		dir  uint8
		hex  string
		want int
	}{
		{0, "08000002", 8},
		{0, "0800", 0},
		{0, "08000000aabbccdd", 8}, // length 0: the rest of the segment
		{1, "0100000300000002", 40},
		{1, "0003000400000999", 32},
		{1, "0c00000300000000", 32},
		{1, "01000003", 0},
	} {
		b, _ := hex.DecodeString(tc.hex)
		if n := x11PDULen(c, tc.dir, b); n != tc.want {
			t.Errorf("%s: %d, want %d", tc.hex, n, tc.want)
		}
	}
}

// TestX11DetailsPDML compares fields with tshark 4.0.17's PDML of
// lab__x11-crafted.pcap (raw IPv4: the TCP payload at 40).
func TestX11DetailsPDML(t *testing.T) {
	w := NewAppWalker(loadAppCapture(t, "lab__x11-crafted.pcap"))
	for i := 0; i < 14; i++ {
		w.At(i, false)
	}
	for _, c := range []struct {
		frame int
		want  []pdmlWant
	}{
		{0, []pdmlWant{
			{"x11.byte-order", "byte-order: 0x42 (Big-endian)", 40, 1},
			{"x11.authorization-protocol-name-length", "authorization-protocol-name-length: 18", 46, 2},
		}},
		{7, []pdmlWant{
			{"x11.errorcode", "errorcode: 3 (BadWindow)", 41, 1},
			{"x11.error_sequencenumber", "error_sequencenumber: 4", 42, 2},
			{"x11.errorcode", "errorcode: 200 (<Unknown errorcode 200>)", 73, 1},
		}},
		{13, []pdmlWant{
			{"x11.opcode", "opcode: Unknown (140)", 40, 1},
			{"x11.extension-minor", "extension-minor: 0 (QueryVersion)", 41, 1},
			{"x11.request-length", "request-length: 3", 42, 2},
			{"x11.opcode", "opcode: Unknown (200)", 60, 1},
		}},
	} {
		checkPDMLFields(t, c.frame, w.At(c.frame, true).Tree, c.want)
	}
}

func FuzzProtoX11(f *testing.F) {
	for _, s := range []string{
		"4200000b00000012001000004d49542d4d414749432d434f4f4b49452d310000000102030405060708090a0b0c0d0e0f",
		"01180000000000010000000000000001",
		"6c000b000000000000000000",
		"0100000300000002000000000000000000000000000000000000000000000000",
		"0003000400000999000000000e0000000000000000000000000000000000000000",
	} {
		b, _ := hex.DecodeString(s)
		f.Add(b, uint8(0))
		f.Add(b, uint8(1))
	}
	f.Fuzz(func(t *testing.T, b []byte, dir uint8) {
		c := &Conv{}
		for round := 0; round < 2; round++ {
			rest := b
			for i := 0; i < 16 && len(rest) > 0; i++ {
				d := (dir + uint8(i)) & 1
				n := x11PDULen(c, d, rest)
				if n <= 0 || n > len(rest) {
					n = len(rest)
				}
				sp, dp := uint16(40100), uint16(6000)
				if d == 1 {
					sp, dp = dp, sp
				}
				var out Out
				out.reset(round == 1)
				x11Dissect(&PDU{Data: rest[:n], Len: n, SrcPort: sp, DstPort: dp, Dir: d, Frame: i, TCP: true, Conv: c}, &out)
				checkTree(t, out.Tree, n)
				rest = rest[n:]
			}
		}
	})
}
