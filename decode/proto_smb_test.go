package decode

import (
	"encoding/hex"
	"testing"
)

// NBSS messages from testdata/app/lab__smb1.pcap (smbclient against Samba
// 4.17 with NT1 allowed), as hex, by frame number.
var smbFrames = map[int]string{
	4:  "810000442044424441434f44424442434f4441434f4443434143414341434143414341434100204647454e4341434143414341434143414341434143414341434143414341414100",
	14: "00000052ff534d4275000000001843c8000000000000000000000000fffffd49fcd6030004ff0000000c0001002700005c005c00310030002e00310031002e0030002e0032005c004900500043002400000049504300",
	22: "00000058ff534d4232000000001843c8000000000000000000000000ccf9fd49fcd607000f120000000a00ffff0000000000000000000012004400000058000100010017000044201600560506000401000000005c002a0000000000",
	23: "00000178ff534d4232000000008803c8000000000000000000000000ccf9fd49fcd607000a0a00340100000a00380000003401440000000000410100ffff030001000000c4000000600000000000000080186c3e9285dd0180186c3e9285dd0100516d3e9285dd0100516d3e9285dd010000000000000000000000000000000010000000020000000000000000000000000000000000000000000000000000000000000000002e0064000000000000003f5aca3d9285dd013f5aca3d9285dd0102430a419285dd0102430a419285dd010000000000000000000000000000000010000000040000000000000000000000000000000000000000000000000000000000000000002e002e000000700000000000000000516d3e9285dd0100516d3e9285dd01ea496e3e9285dd01ea496e3e9285dd01b80100000000000000100000000000008000000012000000000000000000000000000000000000000000000000000000000000000000680065006c006c006f002e00740078007400",
	26: "0000006cff534d42a2000000001843c8000000000000000000000000ccf9fd49fcd6090018ff00000000160000000000000000008900120000000000000000000000000003000000010000004000000002000000001900005c00680065006c006c006f002e0074007800740000000000",
	27: "00000067ff534d42a2000000008803c8000000000000000000000000ccf9fd49fcd6090022ff00000000d9d30100000000516d3e9285dd0100516d3e9285dd01ea496e3e9285dd01ea496e3e9285dd01800000000010000000000000b80100000000000000000000000000",
	30: "0000003bff534d422e000000001843c8000000000000000000000000ccf9fd49fcd60b000cff000000d9d300000000b801b801000000000000000000000000",
}

// TestSMBInfo replays frames of one conversation in order and checks
// Protocol and Info: the expected texts are tshark 4.0.17's on
// lab__smb1.pcap. The Trans2 response names files from the level its
// request asked for; Read AndX carries the FID the NT Create response gave.
func TestSMBInfo(t *testing.T) {
	cases := []struct {
		frame       int
		proto, info string
	}{
		{4, "NBSS", "Session request, to 10.11.0.2<20> from VM<00>"},
		{14, "SMB", `Tree Connect AndX Request, Path: \\10.11.0.2\IPC$`},
		{22, "SMB", `Trans2 Request, FIND_FIRST2, Pattern: \*`},
		{23, "SMB", "Trans2 Response, FIND_FIRST2, Files: . .. hello.txt"},
		{26, "SMB", `NT Create AndX Request, Path: \hello.txt`},
		{27, "SMB", "NT Create AndX Response, FID: 0xd3d9"},
		{30, "SMB", "Read AndX Request, FID: 0xd3d9, 440 bytes at offset 0"},
	}
	conv := &Conv{}
	for _, c := range cases {
		b, err := hex.DecodeString(smbFrames[c.frame])
		if err != nil {
			t.Fatal(err)
		}
		if n := nbssPDULen(conv, 0, b); n != len(b) {
			t.Errorf("frame %d: PDULen %d, want %d", c.frame, n, len(b))
		}
		var out Out
		out.reset(true)
		dissectNBSS(&PDU{Data: b, Len: len(b), Conv: conv, TCP: true}, &out)
		if out.Proto != c.proto || out.Info() != c.info {
			t.Errorf("frame %d: got %q %q, want %q %q", c.frame, out.Proto, out.Info(), c.proto, c.info)
		}
		checkTree(t, out.Tree, len(b))
	}
}

// TestSMBStringsEscaped checks that a path with terminal control
// characters reaches Info escaped.
func TestSMBStringsEscaped(t *testing.T) {
	b, _ := hex.DecodeString(smbFrames[26])
	// the file name "\hello.txt" in UTF-16LE: overwrite 'h' with ESC
	for i := 0; i+1 < len(b); i++ {
		if b[i] == 'h' && b[i+1] == 0 && b[i+2] == 'e' {
			b[i] = 0x1b
			break
		}
	}
	var out Out
	out.reset(false)
	dissectNBSS(&PDU{Data: b, Len: len(b), Conv: &Conv{}, TCP: true}, &out)
	if want := `NT Create AndX Request, Path: \\033ello.txt`; out.Info() != want {
		t.Errorf("Info %q, want %q", out.Info(), want)
	}
}

// FuzzProtoSMB feeds arbitrary bytes through the NBSS framing and the
// SMB1 reader (the 0xff 'SMB' header forced on), on one conversation: no
// panic, every field inside the message. Seeded with lab__smb1.pcap.
func FuzzProtoSMB(f *testing.F) {
	for _, h := range smbFrames {
		b, _ := hex.DecodeString(h)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		conv := &Conv{}
		for i := 0; i < 2; i++ {
			m := append([]byte(nil), b...)
			if i == 1 && len(m) >= 8 {
				copy(m[4:8], "\xffSMB")
			}
			n := nbssPDULen(conv, 0, m)
			if n <= 0 || n > len(m) {
				n = len(m)
			}
			var out Out
			out.reset(true)
			dissectNBSS(&PDU{Data: m[:n], Len: n, Conv: conv, TCP: true}, &out)
			checkTree(t, out.Tree, n)
		}
	})
}
