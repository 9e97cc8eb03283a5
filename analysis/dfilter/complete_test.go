package dfilter_test

import (
	"slices"
	"testing"

	"github.com/ladder-dev/ladder/analysis/dfilter"
)

// Expected names are Wireshark's field names, written out by hand.
func TestComplete(t *testing.T) {
	for _, tc := range []struct {
		prefix string
		want   []string
	}{
		{"tcp.flags.s", []string{"tcp.flags.syn"}},
		{"ip.", []string{"ip.addr", "ip.dst", "ip.id", "ip.len", "ip.proto", "ip.src", "ip.ttl"}},
		{"tcp.analysis.zero", []string{"tcp.analysis.zero_window", "tcp.analysis.zero_window_probe", "tcp.analysis.zero_window_probe_ack"}},
		{"ladder.", []string{"ladder.expert", "ladder.outcome", "ladder.rst.cause"}},
		{"nosuch", nil},
	} {
		if got := dfilter.Complete(tc.prefix); !slices.Equal(got, tc.want) {
			t.Errorf("Complete(%q) = %q, want %q", tc.prefix, got, tc.want)
		}
	}
}

func TestCompleteExpr(t *testing.T) {
	for _, tc := range []struct {
		expr   string
		start  int
		common string
	}{
		{"tcp.port == 80 && tcp.flags.fi", 18, "tcp.flags.fin"},
		{"(udp.str", 1, "udp.stream"},
		{"ip.addr == 10.0", 11, ""},     // a value, not a field
		{"http.req", 0, "http.request"}, // tshark has http.request itself (Request: True) besides http.request.*
	} {
		start, cands := dfilter.CompleteExpr(tc.expr)
		if start != tc.start || dfilter.CommonPrefix(cands) != tc.common {
			t.Errorf("CompleteExpr(%q) = %d %q, want %d and common prefix %q", tc.expr, start, cands, tc.start, tc.common)
		}
	}
}

// TestEmptyFilter: the TUI's empty filter bar shows everything.
func TestEmptyFilter(t *testing.T) {
	f, err := dfilter.Compile("  ", nil)
	if err != nil || !f.Indexed() || f.NeedsAnalysis() {
		t.Fatalf("Compile(blank) = %v, %v", f, err)
	}
}

// TestAnalysisFieldsNeedAnalysis: without WithAnalysis the analysis
// fields are unknown; with it, a filter reports that it needs the analysis.
func TestAnalysisFieldsNeedAnalysis(t *testing.T) {
	if _, err := dfilter.Compile("tcp.analysis.retransmission", dfilter.Fields()); err == nil {
		t.Error("analysis field accepted without an analysis")
	}
	f, err := dfilter.Compile("tcp.port == 80 || tcp.analysis.retransmission", dfilter.Fields().WithAnalysis())
	if err != nil || !f.NeedsAnalysis() {
		t.Errorf("Compile = %v, %v; want a filter that needs the analysis", f, err)
	}
}
