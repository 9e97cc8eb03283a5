package decode

import (
	"encoding/hex"
	"testing"
)

// TestTelnetItems checks the split into commands and data lines and the
// labels; expected labels and sizes are tshark 4.0.17's PDML on
// testdata/app/lab__telnet.pcap (frames 21, 31 and 11) and RFC 854's
// encoding for the hand-built cases.
func TestTelnetItems(t *testing.T) {
	type item struct {
		label string
		start int
		n     int
	}
	cases := []struct {
		name string
		hex  string
		want []item // top-level items; a command's label is its command line
	}{
		{"line with CR NUL, CR LF, prompt", "48656c6c6f206c61620d000d0a6c61622420",
			[]item{{`Data: Hello lab\r`, 0, 11}, {`Data: \r\n`, 11, 2}, {"Data: lab$ ", 13, 5}}},
		{"escape sequence in octal", "1b5b313b33316d7265641b5b306d0d000d0a6c61622420",
			[]item{{`Data: \033[1;31mred\033[0m\r`, 0, 16}, {`Data: \r\n`, 16, 2}, {"Data: lab$ ", 18, 5}}},
		{"negotiation", "fffd03fffc01", []item{{"Command: Do (253)", 0, 3}, {"Command: Won't (252)", 3, 3}}},
		// IAC IAC is a data byte 255 (RFC 854): one data item; each
		// invalid UTF-8 byte reads U+FFFD, as in tshark
		{"escaped IAC in data", "61ffff62", []item{{"Data: a\uFFFD\uFFFDb", 0, 4}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b, _ := hex.DecodeString(c.hex)
			var out Out
			out.reset(true)
			telnetDissect(&PDU{Data: b, Len: len(b), TCP: true, Conv: &Conv{}}, &out)
			if out.Proto != "TELNET" || out.Info() != "Telnet Data ..." {
				t.Errorf("columns %q %q", out.Proto, out.Info())
			}
			checkTree(t, out.Tree, len(b))
			items := out.Tree[0].Children
			if len(items) != len(c.want) {
				t.Fatalf("%d items, want %d: %+v", len(items), len(c.want), items)
			}
			for i, w := range c.want {
				got := items[i]
				label := got.Label
				if got.Name == "" {
					label = got.Children[0].Label
				}
				if label != w.label || got.Start != w.start || got.Len != w.n {
					t.Errorf("item %d: %q at %d+%d, want %q at %d+%d", i, label, got.Start, got.Len, w.label, w.start, w.n)
				}
			}
		})
	}
}

// FuzzProtoTelnet feeds arbitrary bytes to the dissector: no panic,
// every item inside the segment. Seeded with lab__telnet.pcap's
// negotiation and data.
func FuzzProtoTelnet(f *testing.F) {
	for _, s := range []string{"fffd03fffc01fffb22fffa22030100000300000400000500000700000800000900000a00000b00000c00000d00000e00000f0000100000110000120000fff0fffb1ffffd05fffb21", "48656c6c6f206c61620d000d0a6c61622420", "fffa2601fff0"} {
		b, _ := hex.DecodeString(s)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var out Out
		out.reset(true)
		telnetDissect(&PDU{Data: b, Len: len(b), TCP: true, Conv: &Conv{}}, &out)
		checkTree(t, out.Tree, len(b))
	})
}

// TestTelnetCut: the bytes that end inside a command make tshark 4.0.17
// mark the packet "[Malformed Packet]" (termshark telnet-cooked.pcap frame
// 72: "19" then a lone IAC); whole commands and an escaped 255 do not.
func TestTelnetCut(t *testing.T) {
	for _, c := range []struct {
		name string
		b    string
		want bool
	}{
		{"data then a lone IAC", "19\xff", true},
		{"DO without its option", "\xff\xfd", true},
		{"escaped 255 at the end", "a\xff\xff", false},
		{"whole DO ECHO", "\xff\xfd\x01", false},
		{"go ahead", "\xff\xf9", false},
		{"plain data", "login: ", false},
	} {
		if got := telnetCut([]byte(c.b)); got != c.want {
			t.Errorf("%s: telnetCut(%q) = %v, want %v", c.name, c.b, got, c.want)
		}
	}
}
