package decode

import (
	"encoding/hex"
	"testing"
)

// CLDAP datagrams from testdata/app/lab__cldap.pcap (net ads lookup
// against Samba 4.17's AD DC), as hex: the LDAP ping and its answer.
const (
	cldapPing  = "3042020300c870633b04000a01000a0100020100020100010100a01ca30d04054e74566572040406000000a30b0403414143040400000000300a04084e65744c6f676f6e"                                                                                                                                         // frame 1
	cldapReply = "3076020300c870646f0400306b306904086e65746c6f676f6e315d045b17000000fd1300006d955829a363054b9371b7a489f9250b036c6162076578616d706c6500c01803646331c018034c4142000344433100001744656661756c742d46697273742d536974652d4e616d6500c03805000000ffffffff300e020300c87065070a010004000400" // frame 2
)

// TestCldap checks Protocol, Info and the details of the LDAP ping as
// tshark 4.0.17 shows lab__cldap.pcap: the messages of one datagram
// joined without a separator, the filter's NtVer and binary values as
// packet-ldap.c writes them, and the netlogon answer's fields (labels,
// offsets relative to the datagram: PDML's pos less 42).
func TestCldap(t *testing.T) {
	conv := &Conv{}
	cases := []struct {
		name, in, info string
		want           []pdmlWant
		filter         string
	}{
		{"LDAP ping", cldapPing, `searchRequest(51312) "<ROOT>" baseObject `, []pdmlWant{
			{"ldap.filter", "filter: and (0)", 28, 28},
			{"ldap.AttributeDescription", "AttributeDescription: NetLogon", 60, 8},
		}, "Filter: (&(NtVer=0x00000006)(AAC=00:00:00:00))"},
		{"netlogon answer", cldapReply, `searchResEntry(51312) "<ROOT>" searchResDone(51312) success  [1 result]`, []pdmlWant{
			{"ldap.vals", "vals: 1 item", 27, 93},
			{"mscldap.netlogon.opcode", "Operation code: LOGON_SAM_LOGON_RESPONSE_EX (23)", 29, 2},
			{"mscldap.netlogon.flags.pdc", ".... .... .... .... .... .... .... ...1 = PDC: This is a PDC", 33, 4},
			{"mscldap.netlogon.flags.rodc", ".... .... .... .... .... 0... .... .... = RODC: Domain controller is not a Windows 2008 RODC", 33, 4},
			{"mscldap.domain.guid", "Domain GUID: 2958956d-63a3-4b05-9371-b7a489f9250b", 37, 16},
			{"mscldap.forest", "Forest: lab.example", 53, 13},
			{"mscldap.domain", "Domain: lab.example", 66, 2},
			{"mscldap.hostname", "Hostname: dc1.lab.example", 68, 6},
			{"mscldap.nb_domain", "NetBIOS Domain: LAB", 74, 5},
			{"mscldap.nb_hostname", "NetBIOS Hostname: DC1", 79, 5},
			{"mscldap.username", "Username: <Root>", 84, 1},
			{"mscldap.sitename", "Server Site: Default-First-Site-Name", 85, 25},
			{"mscldap.clientsitename", "Client Site: Default-First-Site-Name", 110, 2},
			{"mscldap.ntver.flags", "Version Flags: 0x00000005, V1: Client requested version 1 netlogon response, V5EX: Client requested version 5 extended netlogon response", 112, 4},
			{"mscldap.ntver.searchflags.v5", ".... .... .... .... .... .... .... ..0. = V5: Version 5 netlogon response not requested", 112, 4},
			{"mscldap.netlogon.lm_token", "LM Token: 0xffff", 116, 2},
			{"mscldap.netlogon.nt_token", "NT Token: 0xffff", 118, 2},
			{"ldap.resultCode", "resultCode: success (0)", 131, 1},
		}, ""},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b, _ := hex.DecodeString(c.in)
			var out Out
			out.reset(true)
			if !cldap.Dissect(&PDU{Data: b, Len: len(b), Conv: conv, Frame: i}, &out) {
				t.Fatal("not dissected")
			}
			if out.Proto != "CLDAP" || out.Info() != c.info {
				t.Errorf("got %q %q, want CLDAP %q", out.Proto, out.Info(), c.info)
			}
			if len(out.Tree) != 1 || out.Tree[0].Name != "cldap" || out.Tree[0].Label != "Connectionless Lightweight Directory Access Protocol" {
				t.Fatalf("top layer %+v", out.Tree)
			}
			checkTree(t, out.Tree, len(b))
			checkPDMLFields(t, i, out.Tree, c.want)
			if c.filter != "" && !hasLabel(out.Tree, c.filter) {
				t.Errorf("no %q line", c.filter)
			}
		})
	}
}

func hasLabel(fs []Field, label string) bool {
	for _, f := range fs {
		if f.Label == label || hasLabel(f.Children, label) {
			return true
		}
	}
	return false
}

// TestNetlogonShort checks the bounds of the netlogon structure: under 10
// bytes tshark shows nothing; a name running off the end stops the names.
func TestNetlogonShort(t *testing.T) {
	if fs := netlogonFields(make([]byte, 9)); fs != nil {
		t.Errorf("9 bytes: %+v, want nothing", fs)
	}
	b, _ := hex.DecodeString("17000000fd1300006d955829a363054b9371b7a489f9250b3f6c616205000000ffffffff")
	fs := netlogonFields(b)
	checkTree(t, fs, len(b))
	for _, f := range fs {
		if f.Name == "mscldap.forest" {
			t.Errorf("forest read from a label past the end: %+v", f)
		}
	}
	if last := fs[len(fs)-1]; last.Name != "mscldap.netlogon.nt_token" {
		t.Errorf("last field %s, want the NT token", last.Name)
	}
}

// FuzzProtoCLDAP feeds arbitrary datagrams to the CLDAP dissector and
// arbitrary bytes to the netlogon reader, with and without the tree: no
// panic, every field inside the bytes. Seeded with lab__cldap.pcap.
func FuzzProtoCLDAP(f *testing.F) {
	for _, s := range []string{cldapPing, cldapReply} {
		b, _ := hex.DecodeString(s)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		conv := &Conv{}
		for _, tree := range []bool{false, true} {
			var out Out
			out.reset(tree)
			if cldap.Dissect(&PDU{Data: b, Len: len(b), Conv: conv}, &out) {
				checkTree(t, out.Tree, len(b))
			}
		}
		checkTree(t, netlogonFields(b), len(b))
	})
}
