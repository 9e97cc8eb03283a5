package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/ladder-dev/ladder/analysis"
	"github.com/ladder-dev/ladder/analysis/dfilter"
	"github.com/ladder-dev/ladder/ui"
)

// TestManDocumentsEverything: the manual names every subcommand, every
// filter field, every key of the interactive view and every reset cause code (the fixed list from the product's
// rst-causes reference).
func TestManDocumentsEverything(t *testing.T) {
	var out bytes.Buffer
	if code := run([]string{"man"}, &out, &out); code != exitOK {
		t.Fatalf("exit %d", code)
	}
	page := out.String()
	var want []string
	for _, c := range commands() {
		want = append(want, ".SS "+c.name)
	}
	// Every cause code in its own section, with the meaning the verdicts' table gives it.
	causes := page[strings.Index(page, ".SH RESET CAUSES"):strings.Index(page, ".SH CONNECTION OUTCOMES")]
	for _, c := range []string{"refused", "abort", "after-close", "no-connection", "stale-handshake",
		"challenge", "backlog", "keepalive-timeout", "injected", "unknown"} {
		if m := analysis.Cause(c).Meaning(); m == "" || !strings.Contains(causes, ".B "+c+"\n"+roffEscape(m)+"\n") {
			t.Errorf("RESET CAUSES lacks %s with its meaning %q", c, m)
		}
	}
	// The outcome codes, the fixed list of the product's outcomes reference.
	for _, o := range []string{"completed", "reset", "refused", "unanswered", "icmp-unreachable",
		"handshake-failed", "timed-out", "stalled", "half-closed", "open"} {
		want = append(want, ".B "+o+"\n")
	}
	// The flow table's State codes (Zeek's conn_state) and Notes letters.
	want = append(want, "S0 SYN", "RSTOS0", "RSTRH", "SHR", "OTH", "E error W warning N note C chat")
	want = append(want, dfilter.Fields().Names()...)
	want = append(want, ".SH KEYS")
	for _, k := range ui.KeyHelp() {
		want = append(want, strings.ReplaceAll(k.Action, `\`, `\e`)) // as roff spells a backslash
	}
	for _, w := range want {
		if w == ".SS man" {
			continue
		}
		if !strings.Contains(page, w) {
			t.Errorf("manual lacks %q", w)
		}
	}
}

func TestRoffEscape(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"backslash", `a\b`, `a\eb`},
		{"leading dot would be a request", ".SH x", `\&.SH x`},
		{"leading quote", "'x", `\&'x`},
		{"plain", "tcp.port == 80", "tcp.port == 80"},
	}
	for _, tc := range tests {
		if got := roffEscape(tc.in); got != tc.want {
			t.Errorf("%s: roffEscape(%q) = %q, want %q", tc.name, tc.in, got, tc.want)
		}
	}
}
