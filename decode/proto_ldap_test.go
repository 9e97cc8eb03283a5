package decode

import (
	"encoding/hex"
	"testing"
)

// LDAP messages from testdata/app/lab__ldap.pcap (slapd 2.5 and ldap-utils
// 2.5), as hex.
const (
	ldapBindAdmin  = "302c0201016027020103041a636e3d61646d696e2c64633d6578616d706c652c64633d6f72678006736563726574"                                                                                                             // frame 4
	ldapBindAnon   = "300c020101600702010304008000"                                                                                                                                                                             // frame 39
	ldapBindFailed = "300c02010161070a013104000400"                                                                                                                                                                             // frame 69
	ldapSearch     = "305b0201026356041b6f753d70656f706c652c64633d6578616d706c652c64633d6f72670a01020a0100020100020100010100a31c040b6f626a656374436c617373040d696e65744f7267506572736f6e300a0402636e04046d61696c"               // frame 27
	ldapEntryBob   = "305c020102645704237569643d626f622c6f753d70656f706c652c64633d6578616d706c652c64633d6f7267303030130402636e310d040b426f62204275696c646572301904046d61696c3111040f626f62406578616d706c652e6f7267"             // frame 28
	ldapEntryAlice = "3062020102645d04257569643d616c6963652c6f753d70656f706c652c64633d6578616d706c652c64633d6f7267303430150402636e310f040d416c696365204c696464656c6c301b04046d61696c31130411616c696365406578616d706c652e6f7267" // frame 29
	ldapDone       = "300c02010265070a010004000400"                                                                                                                                                                             // frame 30
	ldapDel        = "30280201034a237569643d626f622c6f753d70656f706c652c64633d6578616d706c652c64633d6f7267"                                                                                                                     // frame 84
	ldapWhoami     = "301e02010277198017312e332e362e312e342e312e343230332e312e31312e33"                                                                                                                                         // frame 110
	ldapUnbind     = "30050201064200"                                                                                                                                                                                           // frame 16
)

// TestLdapPDULen checks the framing by the LDAPMessage's BER length
// (X.690 8.1.3: short and long forms).
func TestLdapPDULen(t *testing.T) {
	cases := []struct {
		name string
		in   string
		want int
	}{
		{"short form", ldapBindAnon, 14},
		{"one byte so far", "30", 0},
		{"long form", "308201000201", 4 + 256},
		{"long form cut", "3082", 0},
		{"indefinite length", "3080", PDUReject},
		{"not a SEQUENCE (SASL-wrapped)", "0000002a", PDUReject},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b, _ := hex.DecodeString(c.in)
			if got := ldapPDULen(nil, 0, b); got != c.want {
				t.Errorf("PDULen = %d, want %d", got, c.want)
			}
		})
	}
}

// TestLdapInfo checks Info and the message line; the expected texts are
// tshark 4.0.17's on lab__ldap.pcap (frame numbers at the constants), and,
// for the three messages of one segment, tshark's on the search response
// rebuilt into one TCP segment ('searchResEntry ... | searchResEntry ... |
// searchResDone(2) success  [2 results]').
func TestLdapInfo(t *testing.T) {
	cases := []struct {
		name  string
		msgs  []string // the PDUs of one segment, in order, on one conversation
		info  string
		label string // the last message's LDAPMessage line
	}{
		{"simple bind", []string{ldapBindAdmin}, `bindRequest(1) "cn=admin,dc=example,dc=org" simple `, `LDAPMessage bindRequest(1) "cn=admin,dc=example,dc=org" simple`},
		{"anonymous bind", []string{ldapBindAnon}, `bindRequest(1) "<ROOT>" simple `, `LDAPMessage bindRequest(1) "<ROOT>" simple`},
		{"failed bind", []string{ldapBindFailed}, "bindResponse(1) invalidCredentials ", "LDAPMessage bindResponse(1) invalidCredentials"},
		{"search", []string{ldapSearch}, `searchRequest(2) "ou=people,dc=example,dc=org" wholeSubtree `, `LDAPMessage searchRequest(2) "ou=people,dc=example,dc=org" wholeSubtree`},
		{"results in one segment", []string{ldapEntryBob, ldapEntryAlice, ldapDone},
			`searchResEntry(2) "uid=bob,ou=people,dc=example,dc=org"  | searchResEntry(2) "uid=alice,ou=people,dc=example,dc=org"  | searchResDone(2) success  [2 results]`,
			"LDAPMessage searchResDone(2) success [2 results]"},
		{"done without entries", []string{ldapDone}, "searchResDone(2) success  [0 results]", "LDAPMessage searchResDone(2) success [0 results]"},
		{"delete", []string{ldapDel}, `delRequest(3) "uid=bob,ou=people,dc=example,dc=org" `, `LDAPMessage delRequest(3) "uid=bob,ou=people,dc=example,dc=org"`},
		{"extended request", []string{ldapWhoami}, "extendedReq(2) iso.3.6.1.4.1.4203.1.11.3 ", "LDAPMessage extendedReq(2)"},
		{"unbind", []string{ldapUnbind}, "unbindRequest(6) ", "LDAPMessage unbindRequest(6)"},
		{"unknown operation", []string{"30050201015f00"}, "[Malformed Packet]", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			conv := &Conv{}
			var out Out
			out.reset(true)
			for _, m := range c.msgs {
				b, _ := hex.DecodeString(m)
				n := len(out.Tree)
				if !ldapDissect(&PDU{Data: b, Len: len(b), Conv: conv, TCP: true}, &out) {
					t.Fatalf("%s not dissected", m)
				}
				checkTree(t, out.Tree[n:], len(b))
			}
			if out.Proto != "LDAP" || out.Info() != c.info {
				t.Errorf("got %q %q, want LDAP %q", out.Proto, out.Info(), c.info)
			}
			if c.label == "" {
				return
			}
			last := out.Tree[len(out.Tree)-1]
			if len(last.Children) == 0 || last.Children[0].Label != c.label {
				t.Errorf("message line %+v, want %q", last.Children, c.label)
			}
		})
	}
}

// TestLdapEscapes checks that a DN with terminal control bytes reaches
// Info and the tree escaped, while the filter value keeps the raw bytes.
func TestLdapEscapes(t *testing.T) {
	dn := "cn=\x1b[2J"
	op := append([]byte{0x02, 0x01, 0x03, 0x04, byte(len(dn))}, dn...)
	op = append(op, 0x80, 0x00)
	msg := append([]byte{0x02, 0x01, 0x01, 0x60, byte(len(op))}, op...)
	b := append([]byte{0x30, byte(len(msg))}, msg...)
	var out Out
	out.reset(true)
	ldapDissect(&PDU{Data: b, Len: len(b), Conv: &Conv{}, TCP: true}, &out)
	if want := `bindRequest(1) "cn=\033[2J" simple `; out.Info() != want {
		t.Errorf("Info %q, want %q", out.Info(), want)
	}
	var found bool
	var walk func([]Field)
	walk = func(fs []Field) {
		for _, f := range fs {
			if f.Name == "ldap.name" {
				found = f.Str == dn && f.Label == `name: cn=\033[2J`
			}
			walk(f.Children)
		}
	}
	walk(out.Tree)
	if !found {
		t.Errorf("ldap.name not raw in Str and escaped in Label: %+v", out.Tree)
	}
}

// SASL buffers from testdata/app/lab__ldap_sasl.pcap (Samba 4.17's AD DC,
// ldapsearch -Y GSSAPI), as hex: an RFC 4121 wrap token sealed (privacy)
// and signed only (integrity, a searchRequest and an unbindRequest, the
// token's checksum after them), an RFC 1964 arcfour-hmac one, and from
// lab__ldap_ntlm.pcap (ldbsearch's NTLMSSP bind) an NTLMSSP-sealed one.
const (
	ldapSASLPrivacy   = "0000008c050406ff000000000000000000130a73ff15e4511005821f93e7f25e46f4b8117dca6ed25f0251037a8fbf0403f293ae9612687dab3d778c5c823363fb45b30bd4bb1a067f8302503b643fa7a45b1cfe642a3d475f679fdf8ebea5aece5eee86771d396d517770041ae7133eba1a5ae3d2cf4d066b402a41bbcf9fb93da6e6f60bf0b6609ccfd9b78d5f07e4"                           // frame 12
	ldapSASLIntegrity = "00000065050404ff000c000000000000262156fa30470201046342041164633d6c61622c64633d6578616d706c650a01020a0100020100020100010100a318040e73414d4163636f756e744e616d6504066b726274677430040402636e10fa7d01cd2d7299f2784962"                                                                                                         // frame 29
	ldapSASLUnbind    = "00000023050404ff000c000000000000262156fb30050201054200cdfa9f1f2f47b3292e80fbb0"                                                                                                                                                                                                                                             // frame 31
	ldapSASLNTLM      = "00000099010000002f5bf048c38a9fc001000000dfb4ae26b5971e46011508ac7c766a2c5e7c585ec126c1845f2d1fb1b20fc473795b28dddcac8f8b4b8ea5132a2545f42b99d62ccbcb14d5d4923b8b70dfc0128a3735b4e2881004af9204da2f97490d0af1b64f9b29d2fba5b8f098cb366d73cea32f000d404e431767185c4c525cd832d04318d4a67ec050e4e07346bd24aa035fbb0cbf6debfb3b" // lab__ldap_ntlm.pcap frame 12
	ldapSASLRC4       = "00000076607406092a864886f712010202020111001000ffffafccc7ac02f9ff21fa467992e758a9add10a75cd4e55c682bdfd8cc745dc0609ffe50afe93b306ab7f1ae89787db59e2d0cedc04e5f1899ac84cf318038e6da0d56b82a261a71708218adf91c756f50d77a0c1efd4bc294be316646efe358bf5bc"                                                                       // frame 46
)

// TestLdapSASL checks the SASL buffers after a GSSAPI bind: Info as
// tshark 4.0.17 shows these frames (frame numbers at the constants), the
// length the wrap token takes, and the buffer's framing.
func TestLdapSASL(t *testing.T) {
	cases := []struct {
		name, in, info string
		verLen         int
		sealed         bool
	}{
		{"CFX sealed", ldapSASLPrivacy, "SASL GSS-API Privacy: payload (80 bytes)", 60, true},
		{"CFX signed, checksum at the end", ldapSASLIntegrity, `SASL GSS-API Integrity: searchRequest(4) "dc=lab,dc=example" wholeSubtree [Malformed Packet]`, 16, false},
		{"CFX signed unbind", ldapSASLUnbind, "SASL GSS-API Integrity: unbindRequest(5) [Malformed Packet]", 16, false},
		{"RFC 1964 arcfour-hmac sealed", ldapSASLRC4, "SASL GSS-API Privacy: payload (73 bytes)", 45, true},
		{"NTLMSSP sealed", ldapSASLNTLM, "SASL GSS-API Privacy: payload (137 bytes)", 16, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b, _ := hex.DecodeString(c.in)
			conv := &Conv{State: &ldapConv{sasl: true, mech: "GSSAPI", secureFrom: 1}}
			if n := ldapPDULen(conv, 0, b); n != len(b) {
				t.Errorf("PDULen = %d, want %d", n, len(b))
			}
			_, verLen, sealed, ok := gssWrap(b[4:], true)
			if !ok || verLen != c.verLen || sealed != c.sealed {
				t.Errorf("gssWrap: %d %v %v, want %d %v", verLen, sealed, ok, c.verLen, c.sealed)
			}
			for _, tree := range []bool{false, true} {
				var out Out
				out.reset(tree)
				if !ldapDissect(&PDU{Data: b, Len: len(b), Conv: conv, TCP: true, Frame: 10}, &out) {
					t.Fatal("not dissected")
				}
				if out.Proto != "LDAP" || out.Info() != c.info {
					t.Errorf("got %q %q, want LDAP %q", out.Proto, out.Info(), c.info)
				}
				checkTree(t, out.Tree, len(b))
			}
		})
	}
}

// TestLdapSASLState follows a SASL bind: the bindRequest names the
// mechanism, the bindResponse's serverSaslCreds start the security layer
// with the next frame (packet-ldap.c's first_auth_frame), and a wrap token
// seen without any bind is taken for one (tshark on lab__ldap_sasl.pcap
// with the binds removed: "LDAP" and an empty Info, the mechanism unknown).
func TestLdapSASLState(t *testing.T) {
	bind, _ := hex.DecodeString("3014020101600f0201030400a3080406475353415049") // bindRequest(1) "<ROOT>" sasl GSSAPI
	resp, _ := hex.DecodeString("300e02010161090a010e040004008700")             // bindResponse(1) saslBindInProgress, empty serverSaslCreds
	wrap, _ := hex.DecodeString(ldapSASLPrivacy)
	conv := &Conv{}
	for i, m := range [][]byte{bind, resp} {
		var out Out
		out.reset(false)
		if !ldapDissect(&PDU{Data: m, Len: len(m), Conv: conv, TCP: true, Frame: i}, &out) {
			t.Fatalf("message %d not dissected", i)
		}
	}
	st := conv.State.(*ldapConv)
	if !st.sasl || st.mech != "GSSAPI" || st.secureFrom != 3 {
		t.Fatalf("after the bind: %+v, want SASL GSSAPI from frame 3", st)
	}
	if n := ldapPDULen(conv, 0, wrap[:10]); n != len(wrap) {
		t.Errorf("PDULen = %d, want %d", n, len(wrap))
	}
	var out Out
	out.reset(false)
	ldapDissect(&PDU{Data: wrap, Len: len(wrap), Conv: conv, TCP: true, Frame: 2}, &out)
	if want := "SASL GSS-API Privacy: payload (80 bytes)"; out.Info() != want {
		t.Errorf("Info %q, want %q", out.Info(), want)
	}
	fresh := &Conv{}
	if n := ldapPDULen(fresh, 0, wrap); n != PDUReject {
		t.Errorf("PDULen without a bind, mid-segment = %d, want reject", n)
	}
	out.reset(false)
	ldapDissect(&PDU{Data: wrap, Len: len(wrap), Conv: fresh, TCP: true}, &out)
	if st := fresh.State.(*ldapConv); out.Proto != "LDAP" || out.Info() != "" || st.mech != "UNKNOWN" {
		t.Errorf("without a bind: %q %q %+v", out.Proto, out.Info(), st)
	}
}

// FuzzProtoLDAP feeds arbitrary bytes through the framing and the
// dissector, with and without the tree, also as a SASL buffer after a
// GSSAPI bind and as a GSS-API wrap token: no panic, every field inside
// the message. Seeded with messages of lab__ldap.pcap and
// lab__ldap_sasl.pcap.
func FuzzProtoLDAP(f *testing.F) {
	for _, s := range []string{ldapBindAdmin, ldapBindAnon, ldapSearch, ldapEntryBob, ldapDone, ldapDel, ldapWhoami, ldapUnbind,
		"3014020101600f0201030400a3080406475353415049", "300e02010161090a010e040004008700",
		ldapSASLPrivacy, ldapSASLIntegrity, ldapSASLUnbind, ldapSASLRC4, ldapSASLNTLM,
		"3020020102633b04000a01020a0100020100020100010100a00a8702756987046d61696c"} {
		b, _ := hex.DecodeString(s)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		// the bytes as a SASL buffer after a GSSAPI bind, and as a wrap token
		secured := &Conv{State: &ldapConv{sasl: true, mech: "GSSAPI", secureFrom: 1}}
		for _, tree := range []bool{false, true} {
			var out Out
			out.reset(tree)
			if ldapDissect(&PDU{Data: b, Len: len(b), Conv: secured, TCP: true, Frame: 1}, &out) {
				checkTree(t, out.Tree, len(b))
			}
			if layer, verLen, _, ok := gssWrap(b, tree); ok {
				if verLen > len(b) {
					t.Fatalf("wrap token of %d bytes in %d", verLen, len(b))
				}
				checkTree(t, []Field{layer}, len(b))
			}
		}
		conv := &Conv{}
		rest := b
		for i := 0; i < 16 && len(rest) > 0; i++ {
			n := ldapPDULen(conv, uint8(i&1), rest)
			if n <= 0 || n > len(rest) {
				n = len(rest)
			}
			for _, tree := range []bool{false, true} {
				var out Out
				out.reset(tree)
				if ldapDissect(&PDU{Data: rest[:n], Len: n, Conv: conv, TCP: true}, &out) {
					checkTree(t, out.Tree, n)
				}
			}
			rest = rest[n:]
		}
	})
}
