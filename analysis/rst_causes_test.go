package analysis

import "testing"

// TestCauseTable holds the one table of reset causes to the codes the
// product documents (the cause taxonomy of the project's reference: ten
// fixed codes) and to the rules that decide them.
func TestCauseTable(t *testing.T) {
	want := []Cause{"refused", "abort", "after-close", "no-connection", "stale-handshake", "challenge",
		"backlog", "keepalive-timeout", "injected", "unknown"}
	got := Causes()
	if len(got) != len(want) {
		t.Fatalf("%d causes, want %d", len(got), len(want))
	}
	bits := causeSet(0)
	for k, c := range got {
		if c.Code != want[k] || c.Meaning == "" || c.Code.Meaning() != c.Meaning {
			t.Errorf("cause %d: %+v, want code %s with a meaning", k, c, want[k])
		}
		b := causeBit(c.Code)
		if b == 0 || bits&b != 0 {
			t.Errorf("cause %s: bit %b not its own", c.Code, b)
		}
		bits |= b
	}
	if Cause("made-up").Meaning() != "" || causeBit("made-up") != 0 {
		t.Error("a code outside the table has a meaning or a bit")
	}
	for _, r := range resetRules() {
		if r.cause.Meaning() == "" {
			t.Errorf("rule for %q decides a cause the table lacks", r.cause)
		}
	}
}
