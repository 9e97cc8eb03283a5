package decode

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestPrintable checks the escaping of packet text against the control
// ranges of ECMA-48 (C0 0x00-0x1f, DEL 0x7f, C1 0x80-0x9f, whether as a
// raw byte or UTF-8 encoded) and the Unicode bidirectional formatting
// characters (UAX #9: U+202A-U+202E, U+2066-U+2069) and line/paragraph
// separators (U+2028, U+2029). Expected outputs are written by hand.
func TestPrintable(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"plain ASCII unchanged", "GET /index.html HTTP/1.1", "GET /index.html HTTP/1.1"},
		{"UTF-8 text unchanged", "café 日本 ü", "café 日本 ü"},
		{"empty", "", ""},
		{"CSI clear screen", "\x1b[2J\x1b[H", `\x1b[2J\x1b[H`},
		{"OSC 52 clipboard write, BEL terminated", "\x1b]52;c;cm0gLXJmIH4K\x07", `\x1b]52;c;cm0gLXJmIH4K\x07`},
		{"OSC 52, ST terminated", "\x1b]52;c;SGk=\x1b\\", `\x1b]52;c;SGk=\x1b\`},
		{"title change", "\x1b]0;pwned\x07", `\x1b]0;pwned\x07`},
		{"newline carriage return tab", "a\r\nb\tc", `a\r\nb\tc`},
		{"NUL and DEL", "a\x00b\x7f", `a\x00b\x7f`},
		{"raw 8-bit CSI byte (invalid UTF-8)", "a\x9b2Jb", `a\x9b2Jb`},
		{"UTF-8 encoded C1 CSI U+009B", "a\u009b2Jb", `a\x9b2Jb`},
		{"UTF-8 encoded C1 OSC U+009D", "\u009d52;c;x\u009c", `\x9d52;c;x\x9c`},
		{"bidi right-to-left override", "user\u202Etxt.exe", `user\u202etxt.exe`},
		{"bidi isolates", "\u2066a\u2069", `\u2066a\u2069`},
		{"line and paragraph separators", "a\u2028b\u2029", `a\u2028b\u2029`},
		{"truncated UTF-8 sequence", "ab\xe6\x97", `ab\xe6\x97`},
		{"first and last printable around C1", "\u00a0\u007e", "\u00a0\u007e"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := Printable(c.in)
			if got != c.want {
				t.Errorf("Printable(%q) = %q, want %q", c.in, got, c.want)
			}
			if bad := firstUnsafe(got); bad >= 0 {
				t.Errorf("Printable(%q) = %q still holds an unsafe character at %d", c.in, got, bad)
			}
		})
	}
}

// firstUnsafe returns the byte index of the first character a terminal
// could act on (C0 except none, DEL, C1, bidi controls, separators, or an
// invalid UTF-8 byte), or -1. It is written from the ranges above, not from
// Printable's own table.
func firstUnsafe(s string) int {
	for i, r := range s {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
			return i
		case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
			return i
		case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x2028, r == 0x2029:
			return i
		}
	}
	return -1
}

// FuzzPrintable: whatever the input, the output holds no unsafe character,
// and input with none is returned unchanged.
func FuzzPrintable(f *testing.F) {
	for _, s := range []string{"\x1b]52;c;SGk=\x07", "a\u009bb", "x\u202ey", "ok", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Printable(s)
		if bad := firstUnsafe(got); bad >= 0 {
			t.Fatalf("Printable(%q) = %q: unsafe character at %d", s, got, bad)
		}
		if firstUnsafe(s) < 0 && got != s {
			t.Fatalf("Printable(%q) = %q changed safe text", s, got)
		}
	})
}

// BenchmarkPrintable measures the common case (clean text returned as is)
// and text that needs escaping.
func BenchmarkPrintable(b *testing.B) {
	clean := strings.Repeat("GET /a/b/c HTTP/1.1 Host: example.com ", 4)
	dirty := strings.Repeat("ab\x1b[2Jcd\u202e", 16)
	b.Run("clean", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			Printable(clean)
		}
	})
	b.Run("escaped", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			Printable(dirty)
		}
	})
}
