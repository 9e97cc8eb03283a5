package ui

import (
	"strings"
	"testing"
)

// TestColumnsFromSettings: [columns] show picks and orders the packet
// list's columns, and a width fixes a column's size. Expected headers are
// hand-written from the configuration.
func TestColumnsFromSettings(t *testing.T) {
	tests := []struct {
		name, conf string
		header     string // the list's header line, spaces folded
		absent     []string
	}{
		{"default: all seven", "", "No. Time Source Destination Proto Length Info", nil},
		{"picked and reordered", "[columns]\nshow = [\"no\", \"protocol\", \"source\", \"info\"]\n",
			"No. Proto Source Info", []string{"Time", "Destination", "Length"}},
		{"fixed width", "[columns]\nshow = [\"no\", \"source\", \"info\"]\nsource = 20\n", "No. Source Info", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, s := newConfiguredApp(t, tc.conf)
			rows := draw(a, s)
			header := strings.Join(strings.Fields(rows[0]), " ")
			if !strings.HasPrefix(header, tc.header) {
				t.Fatalf("header %q, want %q", header, tc.header)
			}
			for _, col := range tc.absent {
				if strings.Contains(rows[0], col) {
					t.Errorf("header %q still shows %s", rows[0], col)
				}
			}
			if strings.Contains(tc.conf, "source = 20") {
				// The Info title starts after No. (width of the frame
				// numbers, at least 3), a space, 20 cells of Source and a space.
				at := strings.Index(rows[0], "Info")
				src := strings.Index(rows[0], "Source")
				if at-src != 21 {
					t.Errorf("Source column %d cells wide, want 20: %q", at-src-1, rows[0])
				}
			}
		})
	}
}
