package decode

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Printable makes text that came from packet bytes safe to show on a
// terminal, written as Wireshark's format_text (epan/strutil.c, 4.0) writes
// column and tree text, so that ladder's Info reads as tshark's:
//   - ASCII control bytes as C escapes (\a \b \f \n \r \t \v) or
//     backslash and three octal digits ("\033"), DEL as "\177";
//   - a sequence that is not UTF-8 as one U+FFFD: a stray continuation
//     byte, a lead byte cut short by the next non-continuation byte (the
//     bytes read so far), 5- and 6-byte forms, surrogates and values past
//     U+10FFFF; an overlong form is decoded (C0 AF reads "/");
//   - characters Unicode does not call printable (control, format,
//     unassigned: C1 controls, bidi overrides, U+FEFF) as "\uXXXX" or
//     "\UXXXXXXXX", hexadecimal in capitals.
//
// Everything else stays as it is. Where tshark prints a character raw that
// a terminal could be fooled by, ladder escapes it all the same: the line
// and paragraph separators U+2028 and U+2029. A capture can thus never
// send escape sequences (cursor movement, OSC 52 clipboard writes, title
// changes) to the user's terminal.
func Printable(s string) string {
	i := 0
	for i < len(s) {
		c := s[i]
		if c >= 0x20 && c < 0x7f {
			i++
			continue
		}
		if c < 0x80 {
			break
		}
		r, n, ok := decodeFormatRune(s[i:])
		if !ok || !printableRune(r) || n != utf8.RuneLen(r) {
			break
		}
		i += n
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for i < len(s) {
		c := s[i]
		if c < 0x80 {
			writeFormatASCII(&b, c)
			i++
			continue
		}
		r, n, ok := decodeFormatRune(s[i:])
		switch {
		case !ok:
			b.WriteRune(utf8.RuneError)
		case !printableRune(r):
			writeFormatEscape(&b, r)
		default:
			b.WriteRune(r)
		}
		i += n
	}
	return b.String()
}

// writeFormatASCII writes one ASCII byte as format_text does.
func writeFormatASCII(b *strings.Builder, c byte) {
	const esc = "abtnvfr" // \a 7, \b 8, \t 9, \n 10, \v 11, \f 12, \r 13
	switch {
	case c >= 0x20 && c < 0x7f:
		b.WriteByte(c)
	case c >= '\a' && c <= '\r':
		b.WriteByte('\\')
		b.WriteByte(esc[c-'\a'])
	default:
		b.WriteByte('\\')
		b.WriteByte('0' + c>>6)
		b.WriteByte('0' + c>>3&7)
		b.WriteByte('0' + c&7)
	}
}

// writeFormatEscape writes a character that is not printable as \uXXXX or
// \UXXXXXXXX.
func writeFormatEscape(b *strings.Builder, r rune) {
	const hex = "0123456789ABCDEF"
	digits := 4
	if r > 0xffff {
		digits = 8
		b.WriteString(`\U`)
	} else {
		b.WriteString(`\u`)
	}
	for sh := 4 * (digits - 1); sh >= 0; sh -= 4 {
		b.WriteByte(hex[(r>>sh)&15])
	}
}

// decodeFormatRune reads one character that starts with a byte of 0x80 or
// more as format_text's UTF-8 reader does: the lead byte gives the length,
// continuation bytes are taken while they come, and a sequence that ends
// early, has 5 or 6 bytes, or decodes to a surrogate or past U+10FFFF is
// not a character (ok false; n is how many bytes it spans). Overlong forms
// are decoded.
func decodeFormatRune(s string) (r rune, n int, ok bool) {
	c := s[0]
	var need int
	switch {
	case c < 0x80:
		return rune(c), 1, true
	case c < 0xc0, c >= 0xfe:
		return utf8.RuneError, 1, false
	case c < 0xe0:
		need, r = 1, rune(c&0x1f)
	case c < 0xf0:
		need, r = 2, rune(c&0x0f)
	case c < 0xf8:
		need, r = 3, rune(c&0x07)
	case c < 0xfc:
		need, r = 4, rune(c&0x03)
	default:
		need, r = 5, rune(c&0x01)
	}
	n = 1
	for n <= need && n < len(s) && s[n]&0xc0 == 0x80 {
		r = r<<6 | rune(s[n]&0x3f)
		n++
	}
	if n <= need || need > 3 || r > unicode.MaxRune || (r >= 0xd800 && r <= 0xdfff) {
		return utf8.RuneError, n, false
	}
	return r, n, true
}

// printableRune is GLib's g_unichar_isprint, which format_text asks: every
// character but controls, format characters, surrogates and unassigned
// code points; ladder adds the line and paragraph separators.
func printableRune(r rune) bool {
	switch {
	case r < 0x20, r >= 0x7f && r < 0xa0, r == 0x2028, r == 0x2029:
		return false
	case r < 0x7f:
		return true
	}
	return !unicode.In(r, unicode.Cc, unicode.Cf, unicode.Cs) &&
		unicode.In(r, unicode.L, unicode.M, unicode.N, unicode.P, unicode.S, unicode.Z, unicode.Co)
}

// formatText shows bytes as Wireshark's format_text does (Printable).
func formatText(b []byte) string { return Printable(string(b)) }
