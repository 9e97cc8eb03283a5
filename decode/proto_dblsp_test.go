package decode

import (
	"strings"
	"testing"
)

// TestDBLSPDiscJSON checks which payloads count as JSON, each verdict
// tshark 4.0.17's (Protocol "DB-LSP-DISC/JSON" or "DB-LSP-DISC") on
// testdata/app/lab__db-lsp-disc-crafted.pcap, which holds these payloads.
func TestDBLSPDiscJSON(t *testing.T) {
	cases := []struct {
		name string
		in   string
		json bool
	}{
		{"dropbox announcement", `{"host_int": 4094514483, "version": [1, 8], "port": 17500}`, true},
		{"text", "hello", false},
		{"array", "[1,2]", true},
		{"top-level string", `"str"`, true},
		{"top-level number wants a delimiter", "42", false},
		{"top-level true", "true", false},
		{"object not closed", `{"a": 1`, false},
		{"text after the object", `{"a": 1} x`, false},
		{"NUL first", "\x00{}", false},
		{"NUL ends the text", "{\"a\": 1}\x00junk", true},
		{"1,102 tokens", `{"a":[` + strings.Repeat("1,", 1100) + `1]}`, false},
		{"1,024 tokens", `{"a":[` + strings.Repeat("1,", 1020) + `1]}`, true},
		{"unquoted key", "{a:1}", false},
		{"trailing comma", "[1,]", true},
		{"leading zero", `{"a":01}`, true},
		{"unicode escape", `{"a":"\u00e9"}`, true},
		{"bad unicode escape", `{"a":"\u00g9"}`, false},
		{"bad escape", `{"a":"\x"}`, false},
		{"UTF-8 read as ASCII runs past the end", "{\"a\":\"\xc3\xa9\"}", false},
		{"primitive not checked", "[tru]", true},
		{"object as a key", `{"a" {}}`, true},
		{"two values for a key", `{"a": 1 2}`, false},
		{"number as a key", "{1: 2}", false},
		{"mismatched close", "[1}", false},
		{"close without open", "]", false},
		{"DEL in a primitive", "[1\x7f]", false},
		{"control byte in a string", "[\"a\x01b\"]", true},
		{"unterminated string", `"unterminated`, false},
		{"double comma", `{"a":1,,}`, true},
		{"colon in an array", "[:]", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var out Out
			out.reset(true)
			b := []byte(c.in)
			if !dbLSPDiscDissect(&PDU{Data: b, Len: len(b)}, &out) {
				t.Fatal("not claimed")
			}
			checkTree(t, out.Tree, len(b))
			proto, info := "DB-LSP-DISC", "Dropbox LAN sync Discovery Protocol"
			if c.json {
				proto, info = "DB-LSP-DISC/JSON", info+", JavaScript Object Notation"
			}
			if out.Proto != proto || out.Info() != info {
				t.Errorf("got %q %q, want %q %q", out.Proto, out.Info(), proto, info)
			}
		})
	}
	var out Out
	if dbLSPDiscDissect(&PDU{}, &out) {
		t.Error("an empty datagram was claimed; tshark leaves it UDP")
	}
}

// FuzzProtoDBLSPDisc feeds arbitrary payloads to the dissector and its
// JSON check: no panic, the tree inside the datagram.
func FuzzProtoDBLSPDisc(f *testing.F) {
	for _, s := range []string{`{"host_int": 4094514483, "version": [1, 8], "displayname": "", "port": 17500, "namespaces": [20524257]}`,
		"[1,]", `{"a":"\u00e9"}`, "hello", "{\"a\":\"\xc3\xa9\"}"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, tree := range []bool{false, true} {
			var out Out
			out.reset(tree)
			dbLSPDiscDissect(&PDU{Data: b, Len: len(b)}, &out)
			checkTree(t, out.Tree, len(b))
		}
	})
}
