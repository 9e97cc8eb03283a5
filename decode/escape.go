package decode

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Printable makes text that came from packet bytes safe to show on a
// terminal: control characters (C0, DEL, C1) and invalid UTF-8 are replaced
// by visible escapes, so a capture can never send escape sequences (cursor
// movement, OSC 52 clipboard writes, title changes) to the user's terminal.
func Printable(s string) string {
	clean := true
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if unsafeRune(r, n) {
			clean = false
			break
		}
		i += n
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b.WriteString(`\x`)
			b.WriteByte("0123456789abcdef"[s[i]>>4])
			b.WriteByte("0123456789abcdef"[s[i]&15])
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case unsafeRune(r, n):
			if r < 0x100 {
				b.WriteString(`\x`)
				b.WriteByte("0123456789abcdef"[r>>4])
				b.WriteByte("0123456789abcdef"[r&15])
			} else {
				b.WriteString(`\u`)
				for sh := 12; sh >= 0; sh -= 4 {
					b.WriteByte("0123456789abcdef"[(r>>sh)&15])
				}
			}
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

func unsafeRune(r rune, n int) bool {
	switch {
	case r == utf8.RuneError && n == 1:
		return true
	case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0:
		return true
	case r == 0x2028, r == 0x2029, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true // line separators and bidi overrides can disguise text
	}
	return false
}

// formatText shows bytes as Wireshark's format_text does: C escapes for
// \a \b \f \n \r \t \v, backslash-octal for other control bytes and DEL,
// UTF-8 as is, escaped when it is not valid or not printable.
func formatText(b []byte) string {
	var sb strings.Builder
	for i := 0; i < len(b); {
		c := b[i]
		if c < 0x80 {
			switch c {
			case '\a':
				sb.WriteString(`\a`)
			case '\b':
				sb.WriteString(`\b`)
			case '\f':
				sb.WriteString(`\f`)
			case '\n':
				sb.WriteString(`\n`)
			case '\r':
				sb.WriteString(`\r`)
			case '\t':
				sb.WriteString(`\t`)
			case '\v':
				sb.WriteString(`\v`)
			default:
				if c < 0x20 || c == 0x7f {
					sb.WriteString(`\` + strconv.FormatUint(uint64(c>>6), 8) + strconv.FormatUint(uint64(c>>3&7), 8) + strconv.FormatUint(uint64(c&7), 8))
				} else {
					sb.WriteByte(c)
				}
			}
			i++
			continue
		}
		_, n := utf8.DecodeRune(b[i:])
		sb.WriteString(Printable(string(b[i : i+n])))
		i += n
	}
	return sb.String()
}
