package config

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// entry is one "key = value" line of the file.
type entry struct {
	section, name string
	value         Value
	line          int
}

// parser reads the TOML subset ladder's file uses: [section] headers,
// key = value with basic ("...") and literal ('...') strings, decimal
// integers, true/false, and arrays of strings (which may span lines), and
// # comments. Anything else of TOML (dotted keys, inline tables, floats,
// dates, multi-line strings) is reported as unsupported rather than
// guessed at.
type parser struct {
	file    string
	lines   []string
	errs    Errors
	entries []entry
	headers []entry // [section] lines: section and line only
}

func parse(file string, text []byte) (*parser, Errors) {
	p := &parser{file: file}
	if !utf8.Valid(text) {
		p.errs = append(p.errs, Error{File: file, Line: firstInvalidLine(text), Msg: "not UTF-8 text"})
		return p, p.errs
	}
	p.lines = strings.Split(strings.ReplaceAll(string(text), "\r\n", "\n"), "\n")
	sections := map[string]int{}
	keys := map[string]int{}
	section := ""
	for i := 0; i < len(p.lines); i++ {
		line := i + 1
		s := strings.TrimSpace(p.lines[i])
		if s == "" || s[0] == '#' {
			continue
		}
		if s[0] == '[' {
			name, rest, ok := strings.Cut(s[1:], "]")
			name = strings.TrimSpace(name)
			if !ok || !isBareKey(name) || strings.HasPrefix(s, "[[") {
				p.errorf(line, "bad section header %s: want [name]", quote(s))
				section = "\x00" // keys after it are not checked against a wrong section
				continue
			}
			if rest = strings.TrimSpace(rest); rest != "" && rest[0] != '#' {
				p.errorf(line, "unexpected %s after [%s]", quote(rest), name)
			}
			if at, dup := sections[name]; dup {
				p.errorf(line, "section [%s] is already defined at line %d", name, at)
			}
			sections[name] = line
			p.headers = append(p.headers, entry{section: name, line: line})
			section = name
			continue
		}
		key, rest, ok := strings.Cut(s, "=")
		key = strings.TrimSpace(key)
		if !ok {
			p.errorf(line, "want key = value, or [section]: %s", quote(s))
			continue
		}
		if !isBareKey(key) {
			p.errorf(line, "bad key %s: keys are letters, digits, _ and -", quote(key))
			continue
		}
		if section == "" {
			p.errorf(line, "key %s is outside any section: put it under [ui], [colors], [columns], [layout] or [keys]", quote(key))
			continue
		}
		v, endLine, ok := p.value(strings.TrimSpace(rest), i)
		i = endLine
		if !ok {
			continue
		}
		if section == "\x00" {
			continue
		}
		full := section + "." + key
		if at, dup := keys[full]; dup {
			p.errorf(line, "key %s in [%s] is already set at line %d", quote(key), section, at)
			continue
		}
		keys[full] = line
		p.entries = append(p.entries, entry{section: section, name: key, value: v, line: line})
	}
	return p, p.errs
}

func (p *parser) errorf(line int, format string, args ...any) {
	p.errs = append(p.errs, errorf(p.file, line, format, args...))
}

// value parses the value starting on line index i and returns the index of
// the line it ends on (arrays may continue on the following lines).
func (p *parser) value(s string, i int) (Value, int, bool) {
	line := i + 1
	switch {
	case s == "" || s[0] == '#':
		p.errorf(line, "missing value after =")
		return Value{}, i, false
	case s[0] == '"' || s[0] == '\'':
		str, rest, err := parseString(s)
		if err != "" {
			p.errorf(line, "%s", err)
			return Value{}, i, false
		}
		if !p.endOfLine(rest, line) {
			return Value{}, i, false
		}
		return Str(str), i, true
	case s[0] == '[':
		return p.array(s[1:], i)
	case s == "true" || s == "false" || strings.HasPrefix(s, "true ") || strings.HasPrefix(s, "false ") ||
		strings.HasPrefix(s, "true#") || strings.HasPrefix(s, "false#"):
		b := strings.HasPrefix(s, "true")
		rest := strings.TrimPrefix(strings.TrimPrefix(s, "true"), "false")
		if !p.endOfLine(rest, line) {
			return Value{}, i, false
		}
		return Bool(b), i, true
	}
	word, _, _ := strings.Cut(s, "#")
	word = strings.TrimSpace(word)
	if n, err := strconv.Atoi(word); err == nil && !strings.HasPrefix(word, "+0") && !(len(word) > 1 && word[0] == '0') {
		return Int(n), i, true
	}
	p.errorf(line, "unsupported value %s: want a \"string\", an integer, true/false or [\"a\", \"b\"]", quote(word))
	return Value{}, i, false
}

// endOfLine checks that only a comment follows a value.
func (p *parser) endOfLine(rest string, line int) bool {
	rest = strings.TrimSpace(rest)
	if rest != "" && rest[0] != '#' {
		p.errorf(line, "unexpected %s after the value", quote(rest))
		return false
	}
	return true
}

// array parses the strings of an array after its "[", reading further
// lines until the closing "]".
func (p *parser) array(s string, i int) (Value, int, bool) {
	start := i + 1
	v := List()
	needComma := false
	for {
		s = strings.TrimSpace(s)
		switch {
		case s == "" || s[0] == '#':
			if i+1 >= len(p.lines) {
				p.errorf(start, "array is not closed with ]")
				return Value{}, i, false
			}
			i++
			s = p.lines[i]
			continue
		case s[0] == ']':
			if !p.endOfLine(s[1:], i+1) {
				return Value{}, i, false
			}
			return v, i, true
		case s[0] == ',':
			if !needComma {
				p.errorf(i+1, "unexpected , in array")
				return Value{}, i, false
			}
			needComma = false
			s = s[1:]
			continue
		case needComma:
			p.errorf(i+1, "want , or ] between array items")
			return Value{}, i, false
		case s[0] == '"' || s[0] == '\'':
			str, rest, err := parseString(s)
			if err != "" {
				p.errorf(i+1, "%s", err)
				return Value{}, i, false
			}
			v.List = append(v.List, str)
			s, needComma = rest, true
			continue
		}
		word, _, _ := strings.Cut(s, ",")
		p.errorf(i+1, "array items must be strings, not %s", quote(strings.TrimSpace(strings.TrimSuffix(word, "]"))))
		return Value{}, i, false
	}
}

// parseString reads a basic or literal string at the start of s and
// returns it and what follows, or an error message.
func parseString(s string) (string, string, string) {
	if strings.HasPrefix(s, `"""`) || strings.HasPrefix(s, "'''") {
		return "", "", "multi-line strings are not supported"
	}
	if s[0] == '\'' {
		end := strings.IndexByte(s[1:], '\'')
		if end < 0 {
			return "", "", "string is not closed with '"
		}
		return s[1 : 1+end], s[2+end:], ""
	}
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"':
			return b.String(), s[i+1:], ""
		case c == '\\':
			if i+1 >= len(s) {
				return "", "", "string is not closed with \""
			}
			i++
			switch s[i] {
			case '"', '\\':
				b.WriteByte(s[i])
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'u', 'U':
				n := 4
				if s[i] == 'U' {
					n = 8
				}
				if i+n >= len(s) {
					return "", "", "bad \\u escape"
				}
				r, err := strconv.ParseUint(s[i+1:i+1+n], 16, 32)
				if err != nil || !utf8.ValidRune(rune(r)) {
					return "", "", "bad \\u escape " + quote(s[i-1:i+1+n])
				}
				b.WriteRune(rune(r))
				i += n
			default:
				return "", "", "unknown escape \\" + string(s[i]) + " in string"
			}
		case c < 0x20 && c != '\t' || c == 0x7f:
			return "", "", "control character in string"
		default:
			b.WriteByte(c)
		}
	}
	return "", "", "string is not closed with \""
}

func isBareKey(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

func firstInvalidLine(text []byte) int {
	line := 1
	for len(text) > 0 {
		r, n := utf8.DecodeRune(text)
		if r == utf8.RuneError && n <= 1 {
			return line
		}
		if r == '\n' {
			line++
		}
		text = text[n:]
	}
	return line
}
