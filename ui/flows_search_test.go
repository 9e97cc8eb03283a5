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
	// The list now shows tcp 1 only, so the table holds the flows that
	// filter shows until a asks for all.
	send(a, s, keySpec{"f", "/", tcell.KeyEscape, "a"})
	rows = draw(a, s)
	if findRow(rows, "tcp 0") < 0 || findRow(rows, "tcp 1") < 0 {
		t.Errorf("Esc and a should show every flow again:\n%s", strings.Join(rows, "\n"))
	}
	send(a, s, keySpec{"/", "nothing-matches"})
	rows = draw(a, s)
	if findRow(rows, "tcp 0") >= 0 || findRow(rows, "tcp 1") >= 0 {
		t.Errorf("a search matching nothing should empty the table:\n%s", strings.Join(rows, "\n"))
	}
}

// TestFlowTableSortArrowOnEveryColumn: `s` moves the sort through every
// column and `S` reverses it; at 80 columns the header must show which one,
// whatever its width (issue #19 item 7: the arrow showed on 3 of 10).
func TestFlowTableSortArrowOnEveryColumn(t *testing.T) {
	a, s := newTestApp(t, newFake(100), nil)
	send(a, s, keySpec{"f"})
	for c := range flowTitles {
		if c == colSeen {
			continue // one capture: s skips the Seen column (TestTwoCapturesFlowTable has it)
		}
		for _, arrow := range []string{"▲", "▼"} {
			rows := draw(a, s)
			h := findRow(rows, "Stream")
			if h < 0 {
				t.Fatalf("no header:\n%s", strings.Join(rows, "\n"))
			}
			if a.flows.sortCol != c || strings.Count(rows[h], arrow) != 1 {
				t.Errorf("sorted by %s (%s): header %q", flowTitles[c], arrow, rows[h])
			}
			send(a, s, keySpec{"S"})
		}
		send(a, s, keySpec{"s"})
	}
}

// TestFlowTableHonoursDisplayFilter (issue #19 item 7): with a display
// filter applied, the flow table shows the flows that have packets it
// displays and says so on its last line; a shows every flow again. The fake
// capture's packets alternate between tcp 0 and tcp 1 in blocks of 50.
func TestFlowTableHonoursDisplayFilter(t *testing.T) {
	a, s := newTestApp(t, newFake(100), nil)
	send(a, s, keySpec{"/", "tcp.stream == 1", tcell.KeyEnter})
	waitFilter(t, a)
	send(a, s, keySpec{"f"})
	rows := draw(a, s)
	if findRow(rows, "tcp 1") < 0 || findRow(rows, "tcp 0") >= 0 {
		t.Fatalf("filtered to tcp.stream == 1, the table should hold tcp 1 only:\n%s", strings.Join(rows, "\n"))
	}
	if findRow(rows, "1 of 2 flows: those with packets the display filter shows · a: all") < 0 {
		t.Errorf("no caption saying the table is limited:\n%s", strings.Join(rows, "\n"))
	}
	send(a, s, keySpec{"a"})
	rows = draw(a, s)
	if findRow(rows, "tcp 0") < 0 || findRow(rows, "tcp 1") < 0 || findRow(rows, "all flows, not only those the display filter shows · a: only those") < 0 {
		t.Errorf("a should show every flow and say so:\n%s", strings.Join(rows, "\n"))
	}
	send(a, s, keySpec{"q", "/"})
	a.input.SetText("") // an empty filter: all packets
	send(a, s, keySpec{tcell.KeyEnter})
	waitFilter(t, a)
	send(a, s, keySpec{"f"})
	rows = draw(a, s)
	if findRow(rows, "tcp 0") < 0 || findRow(rows, "flows: those") >= 0 || findRow(rows, "all flows, not only") >= 0 {
		t.Errorf("without a filter the table has every flow and no caption:\n%s", strings.Join(rows, "\n"))
	}
}
