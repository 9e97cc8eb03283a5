package decode

import (
	"encoding/hex"
	"testing"
)

// TestPPPControlInfo checks the Protocol and Info columns of PPP control
// and authentication packets. The PPPoE session payloads (from the PPP
// protocol field) are frames 5, 11, 12, 13 and 28 of
// testdata/app/zeek__zeek__testing__btest__Traces__pppoe.pcap with tshark
// 4.0's columns; the CHAP cases are built after RFC 1994 §4 with the
// columns tshark 4.0 printed for them.
func TestPPPControlInfo(t *testing.T) {
	cases := []struct {
		name, hex   string
		proto, info string
	}{
		{"lcp configure request", "c0210101000a050605fcd459", "PPP LCP", "Configuration Request"},
		{"pap request", "c0230101001005636973636f05636973636f", "PPP PAP", "Authenticate-Request (Peer-ID='cisco', Password='cisco')"},
		{"pap ack", "c02302010005000000", "PPP PAP", "Authenticate-Ack (Message='')"},
		{"ipcp configure request", "80210101000a03060a000001", "PPP IPCP", "Configuration Request"},
		{"lcp echo request", "c0210901000c05fcd45901fccbfb", "PPP LCP", "Echo Request"},
		{"chap challenge", "c2230101000f04deadbeef726f75746572", "PPP CHAP", "Challenge (NAME='router', VALUE=0xdeadbeef)"},
		{"chap long name", "c2230201002001aa" + hex.EncodeToString([]byte("a-name-longer-than-twenty-c")), "PPP CHAP", "Response (NAME='a-name-longer-than-t...', VALUE=0xaa)"},
		{"chap success", "c2230301000b57656c636f6d65", "PPP CHAP", "Success (MESSAGE='Welcome')"},
		{"ccp reset request", "80fd0e010004", "PPP CCP", "Reset Request"},
		{"lcp termination request", "c02105010004", "PPP LCP", "Termination Request"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b, err := hex.DecodeString(c.hex)
			if err != nil {
				t.Fatal(err)
			}
			var out Out
			out.reset(true)
			if !pppCtlDissect(&PDU{Data: b, Len: len(b)}, &out) {
				t.Fatal("not dissected")
			}
			if out.Proto != c.proto || out.Info() != c.info {
				t.Errorf("got %q | %q, want %q | %q", out.Proto, out.Info(), c.proto, c.info)
			}
		})
	}
	var out Out
	out.reset(false)
	if pppCtlDissect(&PDU{Data: []byte{0x00, 0x21, 0x45}, Len: 3}, &out) {
		t.Error("claimed an IPv4 PPP frame")
	}
}

// TestPPPDetailsMatchPDML checks the LCP, PAP and PPPoE discovery layers
// against tshark 4.0's PDML of pppoe.pcap frames 2, 5 and 11.
func TestPPPDetailsMatchPDML(t *testing.T) {
	_, w := appWalker(t, "zeek__zeek__testing__btest__Traces__pppoe.pcap")
	want := []struct {
		frame       int
		name, label string
		pos, size   int
	}{
		{2, "pppoed.tags", "PPPoE Tags", 20, 40},
		{2, "pppoed.tags.host_uniq", "Host-Uniq: 64138518", 28, 4},
		{2, "pppoed.tags.ac_name", "AC-Name: BRAS", 36, 4},
		{2, "pppoed.tags.ac_cookie", "AC-Cookie: 3d0f0587062484f2df32b9ddfd77bd5b", 44, 16},
		{5, "lcp", "PPP Link Control Protocol", 22, 10},
		{5, "ppp.code", "Code: Configuration Request (1)", 22, 1},
		{5, "ppp.identifier", "Identifier: 1 (0x01)", 23, 1},
		{5, "ppp.length", "Length: 10", 24, 2},
		{5, "lcp.opt.magic_number_bytes", "Magic Number: 0x05fcd459", 26, 6},
		{5, "lcp.opt.type", "Type: Magic Number (5)", 26, 1},
		{5, "lcp.opt.length", "Length: 6", 27, 1},
		{5, "lcp.opt.magic_number", "Magic Number: 0x05fcd459", 28, 4},
		{11, "pap", "PPP Password Authentication Protocol", 22, 16},
		{11, "pap.code", "Code: Authenticate-Request (1)", 22, 1},
		{11, "pap.identifier", "Identifier: 1", 23, 1},
		{11, "pap.length", "Length: 16", 24, 2},
		{11, "pap.data", "Data", 26, 12},
		{11, "pap.peer_id.length", "Peer-ID-Length: 5", 26, 1},
		{11, "pap.peer_id", "Peer-ID: cisco", 27, 5},
		{11, "pap.password.length", "Password-Length: 5", 32, 1},
		{11, "pap.password", "Password: cisco", 33, 5},
	}
	for _, c := range want {
		res := w.At(c.frame-1, true)
		f := findField(res.Tree, c.name)
		if f == nil {
			t.Errorf("frame %d: %s missing", c.frame, c.name)
			continue
		}
		if f.Label != c.label || f.Start != c.pos || f.Len != c.size {
			t.Errorf("frame %d %s: %q %d/%d, want %q %d/%d", c.frame, c.name, f.Label, f.Start, f.Len, c.label, c.pos, c.size)
		}
	}
	// the options line lists the options by name (PDML show="Options: (14
	// bytes), Maximum Receive Unit, Authentication Protocol, Magic Number")
	res := w.At(5, true)
	lcp := findField(res.Tree, "lcp")
	if lcp == nil || len(lcp.Children) < 4 || lcp.Children[3].Label != "Options: (14 bytes), Maximum Receive Unit, Authentication Protocol, Magic Number" {
		t.Errorf("frame 6 options: %+v", lcp)
	}
}

// TestPPTPInfo checks the PPTP control messages of testdata/app/seladb__
// PcapPlusPlus__Tests__Pcap++Test__PcapExamples__GrePackets.cap against
// tshark 4.0's columns (frames 6, 7, 9, 10) and frame 6's header against
// its PDML.
func TestPPTPInfo(t *testing.T) {
	_, w := appWalker(t, "seladb__PcapPlusPlus__Tests__Pcap++Test__PcapExamples__GrePackets.cap")
	for frame, info := range map[int]string{6: "Start-Control-Connection-Request", 7: "Start-Control-Connection-Reply",
		9: "Outgoing-Call-Request", 10: "Outgoing-Call-Reply"} {
		if res := w.At(frame-1, false); res.Proto != "PPTP" || res.Info != info {
			t.Errorf("frame %d: %q %q, want PPTP %q", frame, res.Proto, res.Info, info)
		}
	}
	res := w.At(5, true)
	for _, c := range []struct {
		name, label string
		pos, size   int
	}{
		{"pptp", "Point-to-Point Tunnelling Protocol", 54, 156},
		{"pptp.length", "Length: 156", 54, 2},
		{"pptp.type", "Message type: Control Message (1)", 56, 2},
		{"pptp.magic_cookie", "Magic Cookie: 0x1a2b3c4d (correct)", 58, 4},
		{"pptp.control_message_type", "Control Message Type: Start-Control-Connection-Request (1)", 62, 2},
	} {
		f := findField(res.Tree, c.name)
		if f == nil || f.Label != c.label || f.Start != c.pos || f.Len != c.size {
			t.Errorf("%s: %+v, want %q %d/%d", c.name, f, c.label, c.pos, c.size)
		}
	}
}

// FuzzProtoPPP feeds arbitrary PPP frames, PPPoE discovery packets and
// PPTP messages to the dissectors: no panic.
func FuzzProtoPPP(f *testing.F) {
	for _, s := range []string{"c0210101000a050605fcd459", "c0230101001005636973636f05636973636f",
		"c2230101000f04deadbeef726f75746572", "80210101000a03060a000001",
		"1107000000280103000464138518010200044252415301040010"} {
		b, _ := hex.DecodeString(s)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, tree := range []bool{false, true} {
			var out Out
			out.reset(tree)
			pppCtlDissect(&PDU{Data: b, Len: len(b)}, &out)
			out.reset(tree)
			pppoedDissect(&PDU{Data: b, Len: len(b)}, &out)
			out.reset(tree)
			pptpDissect(&PDU{Data: b, Len: len(b), TCP: true}, &out)
			if n := pptpPDULen(&Conv{}, 0, b); n < 0 || n > 1<<16 {
				t.Fatalf("PPTP PDU length %d", n)
			}
		}
	})
}
