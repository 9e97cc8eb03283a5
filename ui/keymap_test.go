package ui

import (
	"testing"

	"github.com/gdamore/tcell/v2"
)

// TestMainKeysBoundOnce: no key of the main view is in two bindings (the
// second would never run), and every binding that acts is documented, by
// its own help line or the line before (G shares "g  G").
func TestMainKeysBoundOnce(t *testing.T) {
	runes := map[rune]string{}
	keys := map[tcell.Key]string{}
	documented := false
	for _, b := range mainKeys {
		if b.doc != (KeyDoc{}) {
			documented = b.doc.Keys != ""
		}
		if b.do != nil && !documented {
			t.Errorf("binding %q %v acts but the help does not list it", b.runes, b.keys)
		}
		for _, r := range b.runes {
			if prev, ok := runes[r]; ok {
				t.Errorf("%q is bound twice: %q and %q", r, prev, b.doc.Action)
			}
			runes[r] = b.doc.Action
		}
		for _, k := range b.keys {
			if prev, ok := keys[k]; ok {
				t.Errorf("%s is bound twice: %q and %q", tcell.KeyNames[k], prev, b.doc.Action)
			}
			keys[k] = b.doc.Action
		}
	}
}
