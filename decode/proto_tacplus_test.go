package decode

import (
	"encoding/hex"
	"testing"
)

// TestTacplusInfo checks the Protocol and Info columns of single TACACS+
// messages, each expected value tshark 4.0.17's on the same bytes in
// testdata/app/lab__tacplus-crafted.pcap (frame numbers given).
func TestTacplusInfo(t *testing.T) {
	cases := []struct {
		name, hex string
		toServer  bool
		info      string
	}{
		{"chap start (1)", "c001010100000001000000380101030305060b1a6361726f6c4173796e63313230332e302e3131332e39076368616c6c656e676552525252525252525252525252525252", true, "Q: Authentication"},
		{"continue abort (11)", "c001030100000006000000080000000301000102", true, "Q: Authentication"},
		{"author fail (14)", "c002020100000007000000181001000600030864656e696564646267726561736f6e3d78", false, "R: Authorization"},
		{"acct error (16)", "c0030201000000080000000d000400040266756c6c6469736b", false, "R: Accounting"},
		{"encrypted (18)", "c001010400000009000000141111111111111111111111111111111111111111", true, "Q: Authentication"},
		{"unknown type (20)", "c00401010000000a0000000400010203", true, "Q: Unknown (0x04)"},
		{"user past the body (25)", "c00101010000000f0000000a01010101280000006c65", true, "Q: Authentication[Malformed Packet]"},
		{"chap data below 17 bytes (26)", "c0010101000000100000000c010103030000000405616263", true, "Q: Authentication[Malformed Packet]"},
		{"empty authorization body (27)", "c00201010000001100000000", true, "Q: Authorization[Malformed Packet]"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			base := PDU{SrcPort: 40049, DstPort: tacplusPort, TCP: true}
			if !c.toServer {
				base.SrcPort, base.DstPort = tacplusPort, 40049
			}
			checkDissect(t, c.hex, base, tacplusDissect, true, "TACACS+", c.info)
		})
	}
}

// TestTacplusPDULen checks the message delimiting: the 12-byte header and
// the body length at offset 8 (two messages in one segment are split,
// frame 21 of the crafted capture, as tshark's two TACACS+ layers there).
func TestTacplusPDULen(t *testing.T) {
	b, _ := hex.DecodeString("c00201010000000b000000110601010103000001056a6179636d643d61c00301010000000c0000000c0206010101030000006a6179")
	if n := tacplusPDULen(nil, 0, b[:11]); n != 0 {
		t.Errorf("11 bytes: %d, want 0", n)
	}
	if n := tacplusPDULen(nil, 0, b); n != 29 {
		t.Errorf("first message: %d, want 29", n)
	}
	if n := tacplusPDULen(nil, 0, b[29:]); n != 24 {
		t.Errorf("second message: %d, want 24", n)
	}
}

// TestTacplusDetailsPDML compares fields of the crafted capture with
// tshark 4.0.17's PDML (tshark -r lab__tacplus-crafted.pcap -T pdml):
// positions are in the frame (raw IPv4, the TCP payload at 40).
func TestTacplusDetailsPDML(t *testing.T) {
	w := NewAppWalker(loadAppCapture(t, "lab__tacplus-crafted.pcap"))
	for _, c := range []struct {
		frame int
		want  []pdmlWant
	}{
		{0, []pdmlWant{
			{"tacplus.request", "Request: True", 40, 0},
			{"tacplus.majvers", "Major version: TACACS+", 40, 1},
			{"tacplus.flags", "Flags: 0x01 (Unencrypted payload, Multiple Connections)", 43, 1},
			{"tacplus.flags.unencrypted", ".... ...1 = Unencrypted: Set", 43, 1},
			{"tacplus.packet_len", "Packet length: 56", 48, 4},
			{"tacplus.authentication_type", "Authentication type: CHAP (3)", 54, 1},
			{"tacplus.user", "User: carol", 60, 5},
			{"tacplus.remote_address", "Remote Address: 203.0.113.9", 71, 11},
			{"tacplus.chap_data_length", "CHAP Data Length: 26", 59, 1},
			{"tacplus.chap.id", "ID: 7", 82, 1},
			{"tacplus.chap.challenge", "Challenge: challenge", 83, 9},
			{"tacplus.chap.response", "Response: RRRRRRRRRRRRRRRR", 92, 16},
		}},
		{5, []pdmlWant{
			{"tacplus.response", "Response: True", 40, 0},
			{"tacplus.body_authen_rep.status", "Status: Use Alternate Server (0x21)", 52, 1},
			{"tacplus.body_authen_rep.flags", "Flags: 0x01(NoEcho)", 53, 1},
			{"tacplus.body_authen_rep.server_msg", "Server message: error text", 58, 10},
		}},
		{6, []pdmlWant{
			{"tacplus.authentication_type", "Authentication type: Unknown (9)", 54, 1},
			{"tacplus.data_length", "Data: 2", 59, 1},
			{"tacplus.data", "Data: dead", 69, 2},
		}},
		{10, []pdmlWant{
			{"tacplus.body_authen_req_cont.flags", "Flags: 0x01(Abort)", 56, 1},
			{"tacplus.body_authen_req_cont.data_length", "Data length: 3", 54, 2},
			{"tacplus.data", "Data: 000102", 57, 3},
		}},
		{13, []pdmlWant{
			{"tacplus.body_author_rep.auth_status", "Auth Status: FAIL (0x10)", 52, 1},
			{"tacplus.body_author_rep.arg_count", "Arg count: 1", 53, 1},
			{"tacplus.arg_length", "Arg[0] length: 8", 58, 1},
			{"tacplus.arg_value", "Arg[0] value: reason=x", 68, 8},
		}},
		{14, []pdmlWant{
			{"tacplus.acct.flags.more", ".... ...1 = More: Set", 52, 1},
			{"tacplus.acct.flags.watchdog", ".... 1... = Watchdog: Set", 52, 1},
			{"tacplus.acct.auth_method", "Auth Method: LOCAL (0x05)", 53, 1},
			{"tacplus.arg_value", "Arg[0] value: elapsed_time=5", 77, 14},
		}},
		{15, []pdmlWant{
			{"tacplus.body_acct.status", "Status: Error (0x02)", 56, 1},
			{"tacplus.body_acct.server_msg", "Server message: full", 57, 4},
			{"tacplus.body_acct.data", "Data: disk", 61, 4},
		}},
		{17, []pdmlWant{
			{"tacplus.flags", "Flags: 0x04 (Encrypted payload, Single connection)", 43, 1},
			{"tacplus.flags.singleconn", ".... .1.. = Single Connection: Set", 43, 1},
		}},
		{20, []pdmlWant{
			{"tacplus.body_author_req.arg_count", "Arg count: 1", 59, 1},
			{"tacplus.arg_value", "Arg[0] value: cmd=a", 64, 5},
			{"tacplus.acct.flags.start", ".... ..1. = Start: Set", 81, 1},
			{"tacplus.user", "User: jay", 90, 3},
		}},
		{25, []pdmlWant{
			{"tacplus.chap.id", "ID: 5", 60, 1},
		}},
	} {
		checkPDMLFields(t, c.frame, w.At(c.frame, true).Tree, c.want)
	}
}

func FuzzProtoTacplus(f *testing.F) {
	for _, s := range []string{
		"c001010100000001000000380101030305060b1a6361726f6c4173796e63313230332e302e3131332e39076368616c6c656e676552525252525252525252525252525252",
		"c001030100000006000000080000000301000102",
		"c002020100000007000000181001000600030864656e696564646267726561736f6e3d78",
		"c0030201000000080000000d000400040266756c6c6469736b",
		"c00201010000000b000000110601010103000001056a6179636d643d61c00301010000000c0000000c0206010101030000006a6179",
		"c00101010000000f0000000a01010101280000006c65",
		"c0010101000000100000000c010103030000000405616263",
	} {
		b, _ := hex.DecodeString(s)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		rest := b
		for i := 0; i < 8 && len(rest) > 0; i++ {
			n := tacplusPDULen(nil, 0, rest)
			if n <= 0 || n > len(rest) {
				n = len(rest)
			}
			for _, tree := range []bool{false, true} {
				for _, dst := range []uint16{tacplusPort, 40049} {
					var out Out
					out.reset(tree)
					tacplusDissect(&PDU{Data: rest[:n], Len: n, SrcPort: 40049, DstPort: dst, TCP: true, Conv: &Conv{}}, &out)
					checkTree(t, out.Tree, n)
				}
			}
			rest = rest[n:]
		}
	})
}
