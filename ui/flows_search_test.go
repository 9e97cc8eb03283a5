package ui

import (
	"strings"
	"testing"

	"github.com/gdamore/tcell/v2"
)

// TestFlowTableSearch: "/" in the flow table narrows it as the text is
// typed (the fake capture has tcp 0 from 10.0.0.1:5000 and tcp 1 from
// 10.0.0.1:5001), Enter keeps the narrowing, Esc in a new search clears it.
func TestFlowTableSearch(t *testing.T) {
	a, s := newTestApp(t, newFake(100), nil)
	send(a, s, keySpec{"f", "/", "5001"})
	rows := draw(a, s)
	if findRow(rows, "tcp 1") < 0 || findRow(rows, "tcp 0") >= 0 {
		t.Fatalf("search 5001 should keep only tcp 1:\n%s", strings.Join(rows, "\n"))
	}
	send(a, s, keySpec{tcell.KeyEnter})
	rows = draw(a, s)
	if a.view != viewFlows || findRow(rows, "tcp 0") >= 0 || findRow(rows, "tcp 1") < 0 {
		t.Fatalf("Enter should keep the narrowed table:\n%s", strings.Join(rows, "\n"))
	}
	send(a, s, keySpec{tcell.KeyEnter}) // Enter on the only row filters the list to it
	waitFilter(t, a)
	if a.filterExpr != "tcp.stream == 1" {
		t.Errorf("Enter on the found flow: filter %q", a.filterExpr)
	}
	send(a, s, keySpec{"f", "/", tcell.KeyEscape})
	rows = draw(a, s)
	if findRow(rows, "tcp 0") < 0 || findRow(rows, "tcp 1") < 0 {
		t.Errorf("Esc should show every flow again:\n%s", strings.Join(rows, "\n"))
	}
	send(a, s, keySpec{"/", "nothing-matches"})
	rows = draw(a, s)
	if findRow(rows, "tcp 0") >= 0 || findRow(rows, "tcp 1") >= 0 {
		t.Errorf("a search matching nothing should empty the table:\n%s", strings.Join(rows, "\n"))
	}
}
