package decode

import (
	"encoding/hex"
	"testing"
)

// TestGitColumns checks Protocol and Info of pkt-lines, each a PDU of
// testdata/app/lab__git.pcap (git daemon and git 2.39) with tshark
// 4.0.17's columns for its frame, and the framing (get_git_pdu_len).
func TestGitColumns(t *testing.T) {
	cases := []struct {
		name, hex string
		pduLen    int
	}{
		{"upload-pack request (frames 4+6)", "303032646769742d75706c6f61642d7061636b202f7265706f2e67697400686f73743d31302e32322e302e3200", 45},
		{"flush (frame 10)", "30303030", 4},
		{"version 2 (frame 25)", "3030306576657273696f6e20320a", 14},
		{"delimiter (frame 55)", "30303031", 4},
		{"side-band progress (frame 61)", "3030323302456e756d65726174696e67206f626a656374733a20372c20646f6e652e0a", 35},
		{"ERR line (frame 76)", "30303365455252206163636573732064656e696564206f72207265706f7369746f7279206e6f74206578706f727465643a202f6d697373696e672e676974", 62},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b, err := hex.DecodeString(c.hex)
			if err != nil {
				t.Fatal(err)
			}
			if n := gitPDULen(nil, 0, b); n != c.pduLen {
				t.Errorf("PDU length %d, want %d", n, c.pduLen)
			}
			checkDissect(t, c.hex, PDU{TCP: true, DstPort: gitPort, Conv: &Conv{}}, gitDissect, true, "Git", "Git Smart Protocol")
		})
	}
}

// TestGitLen checks the length reading against C's sscanf("%hx") on four
// bytes, as packet-git.c reads it: hex digits up to the first other byte,
// white space and a 0x prefix skipped, no digits no length.
func TestGitLen(t *testing.T) {
	for in, want := range map[string]int{"0000": 4, "0001": 4, "0003": 4, "002d": 45, "00A0": 160, " 02a": 42,
		"0x2a": 42, "12zz": 18, "ffff": 65535} {
		if got := gitPDULen(nil, 0, []byte(in)); got != want {
			t.Errorf("%q: %d, want %d", in, got, want)
		}
	}
	for _, in := range []string{"zzzz", "\x01\x02\x03\x04", "PACK", "00"} {
		if got := gitPDULen(nil, 0, []byte(in)); got != 0 {
			t.Errorf("%q: %d, want 0 (more bytes)", in, got)
		}
	}
}

// TestGitTree checks the lines of a side-band pkt-line and of a version
// line (frames 61 and 25 of lab__git.pcap) against tshark 4.0.17's PDML.
func TestGitTree(t *testing.T) {
	for _, c := range []struct {
		hex  string
		want map[string]string
	}{
		{"3030323302456e756d65726174696e67206f626a656374733a20372c20646f6e652e0a", map[string]string{
			"git.length":                "Packet length: 0x0023",
			"git.sideband_control_code": "Sideband control code: Git progress data (0x02)",
			"git.data":                  "Packet data: 456e756d65726174696e67206f626a656374733a20372c20646f6e652e0a",
		}},
		{"3030306576657273696f6e20320a", map[string]string{
			"git.length":  "Packet length: 0x000e",
			"git.version": "Git Protocol Version: Git protocol version 2",
			"git.data":    "Packet data: 76657273696f6e20320a",
		}},
		{"30303031", map[string]string{"git.packet_type": "Git Packet Type: Delimiter"}},
	} {
		b, _ := hex.DecodeString(c.hex)
		var out Out
		out.reset(true)
		gitDissect(&PDU{Data: b, Len: len(b), TCP: true}, &out)
		got := map[string]string{}
		for _, f := range out.Tree {
			walkFields(f, func(g Field) { got[g.Name] = g.Label })
		}
		for name, label := range c.want {
			if got[name] != label {
				t.Errorf("%s: %q, want %q", name, got[name], label)
			}
		}
	}
}

// TestGitFence checks Info when a pkt-line reassembled from earlier
// segments is followed by another in the same segment: tshark 4.0.17
// shows "Git Smart ProtocolGit Smart Protocol" (frames 132 and 162 of
// lab__git.pcap), while several pkt-lines of one segment read once
// (frame 55).
func TestGitFence(t *testing.T) {
	conv := &Conv{}
	var out Out
	out.reset(false)
	flush := []byte("0000")
	gitDissect(&PDU{Data: []byte("0006\x01\x0f"), Len: 6, Frame: 131, Segments: []int{130, 131}, TCP: true, Conv: conv}, &out)
	gitDissect(&PDU{Data: flush, Len: 4, Frame: 131, Segments: []int{131}, TCP: true, Conv: conv}, &out)
	if got := out.Info(); got != "Git Smart ProtocolGit Smart Protocol" {
		t.Errorf("after a reassembled pkt-line: %q", got)
	}
	out.reset(false)
	for range 3 {
		gitDissect(&PDU{Data: flush, Len: 4, Frame: 54, Segments: []int{54}, TCP: true, Conv: conv}, &out)
	}
	if got := out.Info(); got != "Git Smart Protocol" {
		t.Errorf("three pkt-lines of one segment: %q", got)
	}
}

// FuzzProtoGit feeds pkt-lines, whole or cut, to the framing and the
// dissector, with and without a tree. Seeds are PDUs of lab__git.pcap.
func FuzzProtoGit(f *testing.F) {
	for _, h := range []string{"303032646769742d75706c6f61642d7061636b202f7265706f2e67697400686f73743d31302e32322e302e3200",
		"30303030", "3030306576657273696f6e20320a30303031", "3030323302456e756d65726174696e67206f626a656374733a20372c20646f6e652e0a",
		"3030303601", "30303034", "303030360f"} {
		b, _ := hex.DecodeString(h)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, tree := range []bool{false, true} {
			conv := &Conv{}
			rest := b
			for i := 0; i < 16 && len(rest) > 0; i++ {
				n := gitPDULen(conv, 0, rest)
				if n <= 0 || n > len(rest) {
					n = len(rest)
				}
				var out Out
				out.reset(tree)
				gitDissect(&PDU{Data: rest[:n], Len: n, TCP: true, Conv: conv, Frame: i / 2, Segments: []int{i / 3, i / 2}}, &out)
				checkTree(t, out.Tree, n)
				rest = rest[n:]
			}
		}
	})
}
