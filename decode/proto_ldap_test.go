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
	if want := `bindRequest(1) "cn=\x1b[2J" simple `; out.Info() != want {
		t.Errorf("Info %q, want %q", out.Info(), want)
	}
	var found bool
	var walk func([]Field)
	walk = func(fs []Field) {
		for _, f := range fs {
			if f.Name == "ldap.name" {
				found = f.Str == dn && f.Label == `name: cn=\x1b[2J`
			}
			walk(f.Children)
		}
	}
	walk(out.Tree)
	if !found {
		t.Errorf("ldap.name not raw in Str and escaped in Label: %+v", out.Tree)
	}
}

// FuzzProtoLDAP feeds arbitrary bytes through the framing and the
// dissector, with and without the tree: no panic, every field inside the
// message. Seeded with messages of lab__ldap.pcap.
func FuzzProtoLDAP(f *testing.F) {
	for _, s := range []string{ldapBindAdmin, ldapBindAnon, ldapSearch, ldapEntryBob, ldapDone, ldapDel, ldapWhoami, ldapUnbind,
		"3020020102633b04000a01020a0100020100020100010100a00a8702756987046d61696c"} {
		b, _ := hex.DecodeString(s)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
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
