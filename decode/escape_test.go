package decode

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestPrintable checks the escaping of packet text. The safety cases are
// the control ranges of ECMA-48 (C0 0x00-0x1f, DEL 0x7f, C1 0x80-0x9f,
// whether as a raw byte or UTF-8 encoded), the Unicode bidirectional
// formatting characters (UAX #9: U+202A-U+202E, U+2066-U+2069) and the
// line/paragraph separators (U+2028, U+2029). The expected text is what
// tshark 4.0.17 printed in the Info column for the same bytes after
// "RETR " in an FTP request (format_text), except for U+2028/U+2029, which
// tshark prints raw and ladder escapes.
func TestPrintable(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"plain ASCII unchanged", "GET /index.html HTTP/1.1", "GET /index.html HTTP/1.1"},
		{"UTF-8 text unchanged", "café 日本 ü", "café 日本 ü"},
		{"empty", "", ""},
		{"CSI clear screen", "\x1b[2J\x1b[H", `\033[2J\033[H`},
		{"OSC 52 clipboard write, BEL terminated", "\x1b]52;c;cm0gLXJmIH4K\x07", `\033]52;c;cm0gLXJmIH4K\a`},
		{"OSC 52, ST terminated", "\x1b]52;c;SGk=\x1b\\", `\033]52;c;SGk=\033\`},
		{"title change", "\x1b]0;pwned\x07", `\033]0;pwned\a`},
		{"newline carriage return tab", "a\r\nb\tc", `a\r\nb\tc`},
		{"C escapes", "a\x07\x08\x0c\x0bb", `a\a\b\f\vb`},
		{"NUL and DEL", "a\x00b\x7f", `a\000b\177`},
		{"raw 8-bit CSI byte (invalid UTF-8)", "a\x9b2Jb", "a\uFFFD2Jb"},
		{"UTF-8 encoded C1 CSI U+009B", "a\u009b2Jb", `a\u009B2Jb`},
		{"UTF-8 encoded C1 NEL U+0085", "a\u0085b", `a\u0085b`},
		{"UTF-8 encoded C1 OSC U+009D", "\u009d52;c;x\u009c", `\u009D52;c;x\u009C`},
		{"bidi right-to-left override", "user\u202Etxt.exe", `user\u202Etxt.exe`},
		{"bidi isolates", "\u2066a\u2069", `\u2066a\u2069`},
		{"line and paragraph separators (tshark: raw)", "a\u2028b\u2029", `a\u2028b\u2029`},
		{"format characters", "a\u200bb\ufeffc\u00add", `a\u200Bb\uFEFFc\u00ADd`},
		{"noncharacters and unassigned", "a\uffffb\U0010FFFFc\u0378d", `a\uFFFFb\U0010FFFFc\u0378d`},
		{"plane 14 tag", "a\U000E0001b", `a\U000E0001b`},
		{"printable beyond ASCII", "a\u00a0\u0301\ue000\U0001F600\u0930b", "a\u00a0\u0301\ue000\U0001F600\u0930b"},
		{"truncated UTF-8 sequence at the end", "ab\xe6\x97", "ab\uFFFD"},
		{"truncated four-byte sequence", "a\xf0\x9f\x98b", "a\uFFFDb"},
		{"lead byte then a non-continuation byte", "a\xe2(\xa1b", "a\uFFFD(\uFFFDb"},
		{"lead byte cut by another lead byte", "a\xc2\xc2\xa9b", "a\uFFFD\u00a9b"},
		{"stray continuation bytes", "a\x80\x80b", "a\uFFFD\uFFFDb"},
		{"surrogate", "a\xed\xa0\x80b", "a\uFFFDb"},
		{"past U+10FFFF", "a\xf4\x90\x80\x80b", "a\uFFFDb"},
		{"lead byte past F4", "a\xf5\x80\x80\x80b", "a\uFFFDb"},
		{"five- and six-byte forms", "a\xf8\x88\x80\x80\x80b\xfc\x84\x80\x80\x80\x80c", "a\uFFFDb\uFFFDc"},
		{"FE and FF", "a\xfeb\xffc", "a\uFFFDb\uFFFDc"},
		{"overlong forms decoded", "a\xc0\xafb\xe0\x80\xafc", "a/b/c"},
		{"overlong controls", "a\xc0\x80b\xc1\xbfc", `a\u0000b\u007Fc`},
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
// and input that is valid UTF-8 of printable characters only (Unicode's
// letters, marks, numbers, punctuation, symbols, spaces and private use)
// is returned unchanged.
func FuzzPrintable(f *testing.F) {
	for _, s := range []string{"\x1b]52;c;SGk=\x07", "a\u009bb", "x\u202ey", "ok", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Printable(s)
		if bad := firstUnsafe(got); bad >= 0 {
			t.Fatalf("Printable(%q) = %q: unsafe character at %d", s, got, bad)
		}
		if firstUnsafe(s) < 0 && allPrintable(s) && got != s {
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

// allPrintable says whether s is valid UTF-8 whose characters are all in
// Unicode's printable categories (not Cc, Cf, Cs or unassigned).
func allPrintable(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if !unicode.In(r, unicode.L, unicode.M, unicode.N, unicode.P, unicode.S, unicode.Z, unicode.Co) {
			return false
		}
	}
	return true
}
