package ui

import (
	"testing"

	"github.com/gdamore/tcell/v2"
)

func TestMoveCursor(t *testing.T) {
	key := func(k tcell.Key) *tcell.EventKey { return tcell.NewEventKey(k, 0, tcell.ModNone) }
	r := func(ch rune) *tcell.EventKey { return tcell.NewEventKey(tcell.KeyRune, ch, tcell.ModNone) }
	tests := []struct {
		name         string
		ev           *tcell.EventKey
		cur, n, page int
		want         int
		wantHandled  bool
	}{
		{"down", key(tcell.KeyDown), 3, 10, 5, 4, true},
		{"j at the last row stays", r('j'), 9, 10, 5, 9, true},
		{"up at the first row stays", key(tcell.KeyUp), 0, 10, 5, 0, true},
		{"k", r('k'), 4, 10, 5, 3, true},
		{"page down stops at the last row", key(tcell.KeyPgDn), 7, 10, 5, 9, true},
		{"Ctrl-B pages up", key(tcell.KeyCtrlB), 7, 10, 5, 2, true},
		{"G", r('G'), 2, 10, 5, 9, true},
		{"Home", key(tcell.KeyHome), 6, 10, 5, 0, true},
		{"End of an empty table", key(tcell.KeyEnd), 0, 0, 5, 0, true},
		{"other keys are not cursor keys", r('s'), 4, 10, 5, 4, false},
		{"Enter is not a cursor key", key(tcell.KeyEnter), 4, 10, 5, 4, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := moveCursor(tc.ev, tc.cur, tc.n, tc.page)
			if got != tc.want || ok != tc.wantHandled {
				t.Errorf("moveCursor = %d, %v; want %d, %v", got, ok, tc.want, tc.wantHandled)
			}
		})
	}
}
