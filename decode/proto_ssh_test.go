package decode

import (
	"path/filepath"
	"testing"
)

// TestSSHMacLen checks the MAC lengths derived from algorithm names as
// Wireshark's ssh_set_mac_length does (RFC 4253 §6.4, RFC 6668, OpenSSH's
// -etm and umac names), and the AEAD ciphers' 16-byte tags.
func TestSSHMacLen(t *testing.T) {
	cases := []struct {
		name, cipher, mac string
		want              int
	}{
		{"hmac-sha1", "aes128-ctr", "hmac-sha1", 20},
		{"hmac-md5", "aes128-cbc", "hmac-md5", 16},
		{"sha2-256", "aes128-ctr", "hmac-sha2-256", 32},
		{"sha2-512 etm", "aes256-ctr", "hmac-sha2-512-etm@openssh.com", 64},
		{"umac-64", "aes128-ctr", "umac-64@openssh.com", 8},
		{"sha1-96", "aes128-ctr", "hmac-sha1-96", 12},
		{"chacha20 tag", "chacha20-poly1305@openssh.com", "hmac-sha2-512-etm@openssh.com", 16},
		{"gcm tag", "aes256-gcm@openssh.com", "umac-64-etm@openssh.com", 16},
		{"unknown", "aes128-ctr", "weird", -1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := sshMacLen(c.cipher, c.mac); got != c.want {
				t.Errorf("sshMacLen(%q, %q) = %d, want %d", c.cipher, c.mac, got, c.want)
			}
		})
	}
}

// TestSSHPDULen checks delimiting: a banner through its LF, a binary
// packet by its length field (RFC 4253 §6), the rest of a segment once
// encrypted.
func TestSSHPDULen(t *testing.T) {
	conv := &Conv{}
	steps := []struct {
		dir  uint8
		data string
		want int
	}{
		{0, "SSH-2.0-Go", 0},
		{0, "SSH-2.0-Go\r\n\x00\x00", 12},
		{1, "SSH-2.0-OpenSSH_9.4\r\n", 21},
		{0, "\x00\x00\x00\x0c\x0a\x15", 16},
		{0, "\x00\x00", 0},
		{1, "\xff\xff\xff\xff\x00", 5}, // a length past any bound: the segment as it stands
	}
	for i, s := range steps {
		if got := sshPDULen(conv, s.dir, []byte(s.data)); got != s.want {
			t.Errorf("step %d: PDULen = %d, want %d", i, got, s.want)
		}
		if s.want > 0 && s.want <= len(s.data) {
			sshDissect(&PDU{Data: []byte(s.data)[:s.want], Len: s.want, Dir: s.dir, Conv: conv, TCP: true,
				SrcPort: map[uint8]uint16{0: 40000, 1: 22}[s.dir], DstPort: map[uint8]uint16{0: 22, 1: 40000}[s.dir]}, &Out{})
		}
	}
}

// TestSSHDetailsPDML compares the SSH layer of ssh_kex_curve25519.pcap with
// tshark 4.0's PDML: the client's banner (frame 4), its KEXINIT (frame 8)
// and ECDH init (frame 12).
func TestSSHDetailsPDML(t *testing.T) {
	src, err := Open(filepath.Join("..", "testdata", "app", "zeek__zeek__testing__btest__Traces__ssh__ssh_kex_curve25519.pcap"))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	x := Load(src)
	cases := []struct {
		frame int
		want  []pdmlWant
	}{
		{3, []pdmlWant{
			{"ssh", "SSH Protocol", 66, 21},
			{"ssh.protocol", "Protocol: SSH-2.0-OpenSSH_7.4", 66, 19},
		}},
		{7, []pdmlWant{
			{"ssh.packet_length", "Packet Length: 1428", 66, 4},
			{"ssh.padding_length", "Padding Length: 11", 70, 1},
			{"ssh.message_code", "Message Code: Key Exchange Init (20)", 71, 1},
			{"ssh.cookie", "Cookie: 3e57d3f360f5b8a53b6186f36fb20e02", 72, 16},
			{"ssh.kex_algorithms_length", "kex_algorithms length: 304", 88, 4},
			{"ssh.encryption_algorithms_client_to_server_length", "encryption_algorithms_client_to_server length: 141", 690, 4},
			{"ssh.compression_algorithms_client_to_server", "compression_algorithms_client_to_server string: none,zlib@openssh.com,zlib", 1418, 26},
		}},
		{11, []pdmlWant{
			{"", "Key Exchange (method:curve25519-sha256)", 71, 43},
			{"ssh.message_code", "Message Code: Elliptic Curve Diffie-Hellman Key Exchange Init (30)", 71, 1},
		}},
	}
	w := NewAppWalker(x)
	for _, c := range cases {
		res := w.At(c.frame, true)
		checkPDMLFields(t, c.frame, res.Tree, c.want)
	}
}

// FuzzProtoSSH feeds arbitrary bytes to SSH's delimiter and dissector in
// both directions: no panic, no negative length.
func FuzzProtoSSH(f *testing.F) {
	f.Add([]byte("SSH-2.0-OpenSSH_7.4\r\n\x00\x00\x00\x0c\x0a\x14\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"), uint8(3))
	f.Add([]byte("\x00\x00\x00\x2c\x06\x1e\x00\x00\x00\x20"), uint8(0))
	f.Fuzz(func(t *testing.T, b []byte, cut uint8) {
		conv := &Conv{}
		rest := b
		for i := 0; i < 6 && len(rest) > 0; i++ {
			dir := uint8(i & 1)
			n := sshPDULen(conv, dir, rest)
			if n < 0 {
				t.Fatalf("PDULen %d", n)
			}
			p := &PDU{Data: rest, Len: len(rest), Dir: dir, Conv: conv, TCP: true, SrcPort: 22 - 22*uint16(1-dir), DstPort: 22 * uint16(1-dir)}
			if n == 0 || n > len(rest) {
				sshPartial(p, &Out{})
				n = min(len(rest), int(cut)+1)
			}
			p.Data, p.Len = rest[:n], n
			var out Out
			out.reset(true)
			sshDissect(p, &out)
			rest = rest[n:]
		}
	})
}

// TestSSH1Packets checks SSH 1 packets of zeek's half-duplex SSH trace
// against tshark 4.0.17: the Info column of a side's first packet (in
// clear, with its message code) and of later (encrypted) ones, and the
// lines of both in PDML (tshark -T pdml, frames 69 and 71).
func TestSSH1Packets(t *testing.T) {
	src, err := Open("../testdata/corpus/zeek__testing__btest__Traces__ssh__ssh.client-side-half-duplex.pcap")
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	x := Load(src)
	x.Wait()
	w := NewAppWalker(x)
	for frame, info := range map[int]string{69: "Client: Session Key", 71: "Client: Encrypted packet (len=14)",
		73: "Client: Encrypted packet (len=41)", 75: "Client: Encrypted packet (len=146)"} {
		if r := w.At(frame-1, false); r.Proto != "SSHv1" || r.Info != info {
			t.Errorf("frame %d: %s %q, want SSHv1 %q", frame, r.Proto, r.Info, info)
		}
	}
	res := w.At(68, true)
	checkPDMLFields(t, 68, res.Tree, []pdmlWant{
		{"ssh.packet_length", "Packet Length: 276", 66, 4},
		{"ssh.padding_length", "Padding Length: 4", 70, 4},
		{"ssh.message_code", "Message Code: Session Key (3)", 74, 1},
	})
	res = w.At(70, true)
	checkPDMLFields(t, 70, res.Tree, []pdmlWant{
		{"ssh.packet_length", "Packet Length: 14", 66, 4},
		{"ssh.padding_length", "Padding Length: 2", 70, 2},
		{"ssh.payload", "Payload: 50bc1a6a121a92e86332ca4c8e0f", 72, 14},
	})
}
