package ui

import "github.com/gdamore/tcell/v2"

// moveCursor applies the keys every table view moves its cursor with (the
// flow table, the expert pane, the statistics): ↑ ↓ j k, PgUp PgDn Ctrl-B
// Ctrl-F (a page of page rows), Home End g G. It returns the new cursor
// among n rows, and false when ev is not one of those keys.
func moveCursor(ev *tcell.EventKey, cur, n, page int) (int, bool) {
	last := max(n-1, 0)
	to := func(c int) int { return min(max(c, 0), last) }
	switch ev.Key() {
	case tcell.KeyUp:
		return to(cur - 1), true
	case tcell.KeyDown:
		return to(cur + 1), true
	case tcell.KeyPgUp, tcell.KeyCtrlB:
		return to(cur - page), true
	case tcell.KeyPgDn, tcell.KeyCtrlF:
		return to(cur + page), true
	case tcell.KeyHome:
		return 0, true
	case tcell.KeyEnd:
		return last, true
	case tcell.KeyRune:
		switch ev.Rune() {
		case 'k':
			return to(cur - 1), true
		case 'j':
			return to(cur + 1), true
		case 'g':
			return 0, true
		case 'G':
			return last, true
		}
	}
	return cur, false
}
