package decode

import (
	"encoding/binary"
	"testing"
)

func ymsgMessage(service uint16, status uint32, content string) []byte {
	b := []byte("YMSG\x00\x10\x00\x00")
	b = binary.BigEndian.AppendUint16(b, uint16(len(content)))
	b = binary.BigEndian.AppendUint16(b, service)
	b = binary.BigEndian.AppendUint32(b, status)
	b = append(b, 0, 0x40, 0x37, 0xb7)
	return append(b, content...)
}

// TestYMSGInfo: expected Info from tshark 4.0.17 on the same messages sent
// as TCP segments to port 5050 (text2pcap -T 40000,5050): every service
// code 0-0x2ff and the status words below were compared so; these are a
// sample.
func TestYMSGInfo(t *testing.T) {
	cases := []struct {
		name   string
		msg    []byte
		want   string
		pduLen int
	}{
		{"keep-alive", ymsgMessage(0x8a, 0, ""), "Keep Alive (status=Default)   ", 20},
		{"unknown service", ymsgMessage(0, 0, ""), "Unknown Service: 0 (status=Default)   ", 20},
		{"SMS", ymsgMessage(0x2ea, 1, ""), "SMS Message (status=Server Ack)   ", 20},
		{"disconnected", ymsgMessage(0x8a, 0xffffffff, ""), "Keep Alive (status=Disconnected)   ", 20},
		{"unknown status", ymsgMessage(0x8a, 3, ""), "Keep Alive (status=Unknown Status: 3)   ", 20},
		{"with content", ymsgMessage(0x12, 0x5a55aa56, "0\xc0\x80x\xc0\x80"), "Ping (status=Offline)   ", 26},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if !ymsgHeuristic(c.msg) {
				t.Fatal("heuristic refused it")
			}
			if n := ymsgPDULen(nil, 0, c.msg); n != c.pduLen {
				t.Fatalf("PDU length %d, want %d", n, c.pduLen)
			}
			var out Out
			out.reset(false)
			ymsgDissect(&PDU{Data: c.msg, Len: len(c.msg), TCP: true}, &out)
			if out.Proto != "YMSG" || out.Info() != c.want {
				t.Errorf("got %q | %q, want YMSG | %q", out.Proto, out.Info(), c.want)
			}
		})
	}
}

// TestYMSGTree compares the tree of smtp.pcap frame 61's keep-alive with
// tshark 4.0.17's PDML (names, labels, offsets from the message's start).
func TestYMSGTree(t *testing.T) {
	msg := ymsgMessage(0x8a, 0, "0\xc0\x80albertzaharovits\xc0\x80")
	var out Out
	out.reset(true)
	ymsgDissect(&PDU{Data: msg, Len: len(msg), TCP: true}, &out)
	type line struct {
		name, label string
		start, n    int
	}
	want := []line{
		{"ymsg", "Yahoo YMSG Messenger Protocol (Keep Alive)", 0, 41},
		{"ymsg.version", "Version: 16", 4, 2},
		{"ymsg.vendor", "Vendor ID: 0", 6, 2},
		{"ymsg.len", "Packet Length: 21", 8, 2},
		{"ymsg.service", "Service: Keep Alive (138)", 10, 2},
		{"ymsg.status", "Status: Default (0)", 12, 4},
		{"ymsg.session_id", "Session ID: 0xb7374000", 16, 4},
		{"ymsg.content", "Content: 30c080616c626572747a616861726f76697473c080", 20, 21},
		{"ymsg.content-line", "0:albertzaharovits", 20, 21},
		{"ymsg.content-line.key", "Key: 0", 20, 1},
		{"ymsg.content-line.value", "Value: albertzaharovits", 23, 16},
	}
	var got []line
	var walk func([]Field)
	walk = func(fs []Field) {
		for _, f := range fs {
			got = append(got, line{f.Name, f.Label, f.Start, f.Len})
			walk(f.Children)
		}
	}
	walk(out.Tree)
	if len(got) != len(want) {
		t.Fatalf("got %d lines %v, want %d", len(got), got, len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("line %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
}

// FuzzProtoYMSG feeds arbitrary bytes to the YMSG dissector: no panic, a
// tree inside the message.
func FuzzProtoYMSG(f *testing.F) {
	f.Add(ymsgMessage(0x8a, 0, "0\xc0\x80albertzaharovits\xc0\x80"))
	f.Add(ymsgMessage(0x12, 1, "\xc0\x80\xc0"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if n := ymsgPDULen(nil, 0, b); n < 0 || (len(b) >= 10 && n < ymsgHeaderLen) {
			t.Fatalf("PDU length %d", n)
		}
		var out Out
		out.reset(true)
		ymsgDissect(&PDU{Data: b, Len: len(b), TCP: true}, &out)
		checkTree(t, out.Tree, len(b))
	})
}
