package ui

import (
	"sort"
	"testing"
)

// stubRows is a rowSet frozen mid-scan: these matches, this many packets
// scanned, complete or not.
type stubRows struct {
	m        []int
	scanned  int
	complete bool
}

func (r stubRows) Len() int       { return len(r.m) }
func (r stubRows) At(k int) int   { return r.m[k] }
func (r stubRows) Complete() bool { return r.complete }
func (r stubRows) Scanned() int   { return r.scanned }
func (r stubRows) Search(pkt int) int {
	return sort.Search(len(r.m), func(k int) bool { return r.m[k] >= pkt })
}

// TestFilterSelectionRule: the packet a new filter selects, by Wireshark's
// rule (file.c, rescan_packets: the selected packet if displayed, else the
// last displayed before it, else the first after it), and that nothing is
// selected until the scan can tell. The capture has 100 packets loaded.
func TestFilterSelectionRule(t *testing.T) {
	cases := []struct {
		name    string
		sel     int // selected before the filter (-1: none)
		rows    stubRows
		want    int // packet selected, -1: none
		pending bool
	}{
		{"kept", 40, stubRows{[]int{10, 40, 50}, 60, false}, 40, false},
		{"before it", 45, stubRows{[]int{10, 40, 50}, 60, false}, 40, false},
		{"after it", 5, stubRows{[]int{10, 40}, 60, false}, 10, false},
		{"scan short of it", 45, stubRows{[]int{10, 40}, 45, false}, -1, true},
		{"scan past it, nothing matched yet", 45, stubRows{nil, 50, false}, -1, true},
		{"scan past it, first match after", 45, stubRows{[]int{70}, 80, false}, 70, false},
		{"nothing matches", 45, stubRows{nil, 100, true}, -1, false},
		{"caught up with loading, nothing yet", 45, stubRows{nil, 100, false}, -1, false},
		{"no selection: first match", -1, stubRows{[]int{30}, 31, false}, 30, false},
		{"no selection: nothing yet", -1, stubRows{nil, 20, false}, -1, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l := newPacketList(newFake(100), noAnnotations{}, newTheme(modeFor(256, true)))
			if c.sel >= 0 {
				l.gotoPacket(c.sel)
			}
			l.setRows(c.rows)
			if got := l.Selected(); got != c.want {
				t.Errorf("packet %d selected, want %d", got, c.want)
			}
			if got := l.pending(); got != c.pending {
				t.Errorf("pending %v, want %v", got, c.pending)
			}
		})
	}
}
