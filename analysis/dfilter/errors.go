package dfilter

import (
	"fmt"
	"strings"
)

// Error is a compile error: what is wrong and where, as a byte offset and a
// length into the expression, so the TUI filter bar and the CLI can point at
// it the way tshark does.
type Error struct {
	Pos int    // byte offset of the offending token (len(expr) at the end)
	Len int    // length of the offending token, 0 at the end of input
	Msg string // tshark's wording where tshark has one
}

func (e *Error) Error() string { return e.Msg }

// Caret renders the error under the expression the way tshark does:
// the message, the expression, and a caret line marking the token.
func (e *Error) Caret(expr string) string {
	if e.Len == 0 {
		return e.Msg
	}
	return fmt.Sprintf("%s\n    %s\n    %s^%s", e.Msg, expr, strings.Repeat(" ", e.Pos), strings.Repeat("~", max(e.Len-1, 0)))
}

func errAt(t token, format string, args ...any) *Error {
	return &Error{Pos: t.pos, Len: t.raw, Msg: fmt.Sprintf(format, args...)}
}

// Position is the byte offset of the offending token, for filter bars that
// place a cursor on it.
func (e *Error) Position() int { return e.Pos }
