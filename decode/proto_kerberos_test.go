package decode

import (
	"bytes"
	"encoding/hex"
	"testing"
)

// Kerberos messages from testdata/app/lab__kerberos.pcap (MIT krb5 1.20
// kinit against krb5kdc), as hex.
const (
	krbASReqHex        = "6a81b43081b1a103020105a20302010aa31a3018300aa10402020096a2020400300aa10402020095a2020400a48188308185a00703050000000010a1123010a003020101a10930071b05616c696365a20d1b0b4558414d504c452e4f5247a320301ea003020102a11730151b066b72627467741b0b4558414d504c452e4f5247a511180f32303236313230373134353131305aa7060204238089fba81a301802011202011102011402011302011002011702011902011a"                                                                                                   // frame 1: AS-REQ without pre-authentication
	krbPreauthReqHex   = "7e81e53081e2a003020105a10302011ea411180f32303236313230363134353131305aa50402026f98a603020119a70d1b0b4558414d504c452e4f5247a8123010a003020101a10930071b05616c696365a90d1b0b4558414d504c452e4f5247aa20301ea003020102a11730151b066b72627467741b0b4558414d504c452e4f5247ab101b0e4e45454445445f50524541555448ac520450304e300aa10402020088a20204003026a103020113a21f041d301b3019a003020112a1121b104558414d504c452e4f5247616c6963653009a103020102a2020400300da10402020085a20504034d4954" // frame 2: KRB-ERROR PREAUTH_REQUIRED
	krbPrincUnknownHex = "7e8194308191a003020105a10302011ea411180f32303236313230363134353131305aa50402026f9ca603020106a70d1b0b4558414d504c452e4f5247a8133011a003020101a10a30081b066e6f626f6479a90d1b0b4558414d504c452e4f5247aa20301ea003020102a11730151b066b72627467741b0b4558414d504c452e4f5247ab121b10434c49454e545f4e4f545f464f554e44"                                                                                                                                                                   // frame 12: KRB-ERROR C_PRINCIPAL_UNKNOWN
)

// TestKerberosColumns checks Protocol and Info over UDP and over TCP
// (RFC 4120 §7.2.2 record mark); expected texts are tshark 4.0.17's on
// the capture's frames 1, 2, 12 and 16 (the AS-REQ over TCP).
func TestKerberosColumns(t *testing.T) {
	cases := []struct {
		name string
		hex  string
		tcp  bool
		ok   bool
		info string
	}{
		{"AS-REQ", krbASReqHex, false, true, "AS-REQ"},
		{"preauth required", krbPreauthReqHex, false, true, "KRB Error: KRB5KDC_ERR_PREAUTH_REQUIRED"},
		{"unknown client", krbPrincUnknownHex, false, true, "KRB Error: KRB5KDC_ERR_C_PRINCIPAL_UNKNOWN"},
		{"AS-REQ over TCP", "000000b7" + krbASReqHex, true, true, "AS-REQ"},
		{"not Kerberos over UDP", "3000", false, false, ""},
		{"cut short over UDP", krbASReqHex[:40], false, false, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkDissect(t, c.hex, PDU{TCP: c.tcp, Conv: &Conv{}}, krbDissect, c.ok, "KRB5", c.info)
		})
	}
}

// TestKerberosPDULen checks the TCP record mark: a 31-bit length after a
// reserved bit (RFC 4120 §7.2.2).
func TestKerberosPDULen(t *testing.T) {
	cases := []struct {
		name string
		in   []byte
		want int
	}{
		{"length", []byte{0, 0, 0, 0xb7, 0x6a}, 4 + 0xb7},
		{"mark cut", []byte{0, 0, 0}, 0},
		{"reserved bit ignored", []byte{0x80, 0, 0, 1}, 5},
		{"absurd length", []byte{0x7f, 0xff, 0xff, 0xff}, PDUReject},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := krbPDULen(nil, 0, c.in); got != c.want {
				t.Errorf("PDULen = %d, want %d", got, c.want)
			}
		})
	}
}

// TestKerberosPrincipalEscaped checks that a principal name with terminal
// control bytes is escaped in its label and kept raw for filters.
func TestKerberosPrincipalEscaped(t *testing.T) {
	b, _ := hex.DecodeString(krbASReqHex)
	i := bytes.Index(b, []byte("alice"))
	if i < 0 {
		t.Fatal("no cname in the AS-REQ")
	}
	copy(b[i:], "a\x1b[2J")
	var out Out
	out.reset(true)
	krbDissect(&PDU{Data: b, Len: len(b), Conv: &Conv{}}, &out)
	var got *Field
	var walk func([]Field)
	walk = func(fs []Field) {
		for i := range fs {
			if fs[i].Name == "kerberos.CNameString" {
				got = &fs[i]
			}
			walk(fs[i].Children)
		}
	}
	walk(out.Tree)
	if got == nil || got.Str != "a\x1b[2J" || got.Label != `CNameString: a\033[2J` {
		t.Errorf("CNameString %+v", got)
	}
}

// FuzzProtoKerberos feeds arbitrary bytes to the dissector as a datagram
// and as a TCP record: no panic, every field inside the bytes. Seeded with
// messages of lab__kerberos.pcap.
func FuzzProtoKerberos(f *testing.F) {
	for _, s := range []string{krbASReqHex, krbPreauthReqHex, krbPrincUnknownHex} {
		b, _ := hex.DecodeString(s)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, tcp := range []bool{false, true} {
			for _, tree := range []bool{false, true} {
				var out Out
				out.reset(tree)
				if krbDissect(&PDU{Data: b, Len: len(b), TCP: tcp, Conv: &Conv{}}, &out) {
					checkTree(t, out.Tree, len(b))
				}
			}
		}
		if len(b) > 0 {
			krbPDULen(nil, 0, b)
		}
	})
}
