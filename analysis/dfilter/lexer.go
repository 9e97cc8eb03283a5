package dfilter

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// tokKind classifies a token. Field names and unquoted values share one
// kind (tokWord), as in Wireshark: "tcp", "GET", "10.0.0.0/8" and
// "00:13:7f:be:8c:ff" only get their meaning from where they stand.
type tokKind uint8

const (
	tokEOF tokKind = iota
	tokWord
	tokString // quoted; text is the unescaped value
	tokLParen
	tokRParen
	tokLBrace
	tokRBrace
	tokComma
	tokRange // ".." inside a set
	tokRel   // a relation: ==, !=, <, eq, ...
	tokAnd
	tokOr
	tokNot
	tokContains
	tokMatches
	tokIn
	tokBitAnd
)

type token struct {
	kind tokKind
	pos  int    // byte offset in the expression
	text string // the token as written (unescaped value for tokString)
	raw  int    // length as written, for error carets
	rel  relop  // for tokRel
}

// relop is a comparison operator with tshark 4.0's quantifier: "==" holds
// when any occurrence matches, "!=" when all occurrences differ.
type relop uint8

const (
	relAnyEq relop = iota
	relAllNe
	relAllEq
	relAnyNe
	relLt
	relGt
	relLe
	relGe
)

// relWord maps a relation as written to its operator.
func relWord(w string) (relop, bool) {
	switch w {
	case "==", "eq", "any_eq":
		return relAnyEq, true
	case "!=", "ne", "all_ne":
		return relAllNe, true
	case "===", "all_eq":
		return relAllEq, true
	case "!==", "~=", "any_ne":
		return relAnyNe, true
	case "<", "lt":
		return relLt, true
	case ">", "gt":
		return relGt, true
	case "<=", "le":
		return relLe, true
	case ">=", "ge":
		return relGe, true
	}
	return 0, false
}

// keyword maps the word forms of the connectives and operators.
func keyword(w string) (tokKind, bool) {
	switch w {
	case "and":
		return tokAnd, true
	case "or":
		return tokOr, true
	case "not":
		return tokNot, true
	case "contains":
		return tokContains, true
	case "matches":
		return tokMatches, true
	case "in":
		return tokIn, true
	}
	return 0, false
}

// symbolAt recognises the operator or punctuation at the start of s,
// longest first ("===" before "==" before "=").
func symbolAt(s string) (string, tokKind, bool) {
	for _, n := range [...]int{3, 2, 1} {
		if len(s) < n {
			continue
		}
		switch t := s[:n]; t {
		case "===", "!==", "==", "!=", "~=", "<=", ">=", "<", ">":
			return t, tokRel, true
		case "&&":
			return t, tokAnd, true
		case "||":
			return t, tokOr, true
		case "..":
			return t, tokRange, true
		case "!":
			return t, tokNot, true
		case "~":
			return t, tokMatches, true
		case "&":
			return t, tokBitAnd, true
		case "(":
			return t, tokLParen, true
		case ")":
			return t, tokRParen, true
		case "{":
			return t, tokLBrace, true
		case "}":
			return t, tokRBrace, true
		case ",":
			return t, tokComma, true
		}
	}
	return "", 0, false
}

// isWordByte reports whether c can be part of a field name or an unquoted
// value (addresses, CIDR prefixes, MACs, numbers, bare strings).
func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c == '_' || c == '-' || c == '.' || c == ':' || c == '/'
}

// lex splits expr into tokens. It stops at the first error.
func lex(expr string) ([]token, *Error) {
	var toks []token
	i := 0
	for i < len(expr) {
		c := expr[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
			continue
		case c == '"':
			s, n, err := unquote(expr, i)
			if err != nil {
				return nil, err
			}
			toks = append(toks, token{kind: tokString, pos: i, text: s, raw: n})
			i += n
			continue
		case isWordByte(c) && !strings.HasPrefix(expr[i:], ".."):
			j := i
			for j < len(expr) && isWordByte(expr[j]) && !strings.HasPrefix(expr[j:], "..") {
				j++
			}
			w := expr[i:j]
			t := token{kind: tokWord, pos: i, text: w, raw: len(w)}
			if r, ok := relWord(w); ok {
				t.kind, t.rel = tokRel, r
			} else if k, ok := keyword(w); ok {
				t.kind = k
			}
			toks = append(toks, t)
			i = j
			continue
		}
		text, kind, matched := symbolAt(expr[i:])
		if matched {
			t := token{kind: kind, pos: i, text: text, raw: len(text)}
			if kind == tokRel {
				t.rel, _ = relWord(text)
			}
			toks = append(toks, t)
			i += len(text)
			continue
		}
		_, n := utf8.DecodeRuneInString(expr[i:]) // 1 for a byte that is not UTF-8
		return nil, &Error{Pos: i, Len: n, Msg: strconv.Quote(expr[i:i+n]) + " was unexpected in this context."}
	}
	toks = append(toks, token{kind: tokEOF, pos: len(expr)})
	return toks, nil
}

// unquote reads the double-quoted string starting at expr[at], with the
// escapes Wireshark accepts (\\ \" \a \b \f \n \r \t \v, \xHH, octal \NNN).
// It returns the value and the length of the literal as written.
func unquote(expr string, at int) (string, int, *Error) {
	var b strings.Builder
	i := at + 1
	for i < len(expr) {
		c := expr[i]
		switch c {
		case '"':
			return b.String(), i + 1 - at, nil
		case '\\':
			if i+1 >= len(expr) {
				return "", 0, &Error{Pos: len(expr), Len: 1, Msg: "The final quote was missing from a quoted string."}
			}
			e := expr[i+1]
			switch {
			case e == 'x' && i+3 < len(expr) && isHex(expr[i+2]) && isHex(expr[i+3]):
				v, _ := strconv.ParseUint(expr[i+2:i+4], 16, 8)
				b.WriteByte(byte(v))
				i += 4
				continue
			case e >= '0' && e <= '7':
				j := i + 1
				for j < len(expr) && j < i+4 && expr[j] >= '0' && expr[j] <= '7' {
					j++
				}
				v, _ := strconv.ParseUint(expr[i+1:j], 8, 16)
				b.WriteByte(byte(v))
				i = j
				continue
			}
			b.WriteByte(escape(e))
			i += 2
		default:
			b.WriteByte(c)
			i++
		}
	}
	return "", 0, &Error{Pos: len(expr), Len: 1, Msg: "The final quote was missing from a quoted string."}
}

// escape is the byte a backslash escape stands for; unknown escapes stand
// for the escaped character itself (\" and \\ among them).
func escape(e byte) byte {
	switch e {
	case 'a':
		return '\a'
	case 'b':
		return '\b'
	case 'f':
		return '\f'
	case 'n':
		return '\n'
	case 'r':
		return '\r'
	case 't':
		return '\t'
	case 'v':
		return '\v'
	}
	return e
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}
