package analysis

import (
	"path/filepath"
	"testing"

	"github.com/ladder-dev/ladder/decode"
)

// TestAnalyzeLoadingEqualsAnalyze checks that analysing while the index
// loads gives exactly what Analyze gives after loading (which
// TestFlagsMatchTshark holds to tshark), on every testdata capture: the
// pass must not depend on how far the loader had got when it looked. Run
// with -race it also checks that the two goroutines share nothing unsafely.
func TestAnalyzeLoadingEqualsAnalyze(t *testing.T) {
	for _, file := range oracleCaptures(t) {
		t.Run(filepath.Base(file), func(t *testing.T) {
			want := analyzeFile(t, file, false)
			got := analyzeFile(t, file, true)
			if want == nil || got == nil {
				return
			}
			if got.Len() != want.Len() {
				t.Fatalf("analysed %d packets while loading, %d after", got.Len(), want.Len())
			}
			for i := range want.Len() {
				if g, w := got.Flags(i), want.Flags(i); g != w {
					t.Errorf("packet %d: flags %v while loading, %v after", i+1, g, w)
				}
				g1, g2, g3 := got.DupAck(i)
				w1, w2, w3 := want.DupAck(i)
				if g1 != w1 || g2 != w2 || g3 != w3 {
					t.Errorf("packet %d: dup ack differs", i+1)
				}
				a1, a2, a3 := got.AckRTT(i)
				b1, b2, b3 := want.AckRTT(i)
				if a1 != b1 || a2 != b2 || a3 != b3 {
					t.Errorf("packet %d: acks_frame/ack_rtt differ", i+1)
				}
				f1, f2 := got.BytesInFlight(i)
				h1, h2 := want.BytesInFlight(i)
				if f1 != h1 || f2 != h2 {
					t.Errorf("packet %d: bytes in flight differ", i+1)
				}
				s1, s2 := got.BeforeRST(i)
				r1, r2 := want.BeforeRST(i)
				if s1 != r1 || s2 != r2 {
					t.Errorf("packet %d: state before RST differs", i+1)
				}
			}
			for fi := range want.conns.len() + 1 {
				g, w := got.Conn(fi), want.Conn(fi)
				if (g == nil) != (w == nil) || g != nil && *g != *w {
					t.Errorf("flow %d: summary %+v while loading, %+v after", fi, g, w)
				}
			}
		})
	}
}

// analyzeFile analyses one capture, while it loads or after.
func analyzeFile(t *testing.T, file string, loading bool) *Result {
	t.Helper()
	src, err := decode.Open(file)
	if err != nil {
		t.Logf("%v", err)
		return nil
	}
	t.Cleanup(func() { src.Close() })
	if loading {
		return AnalyzeLoading(decode.Start(src))
	}
	return Analyze(decode.Load(src))
}
