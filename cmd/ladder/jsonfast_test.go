package main

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/ladder-dev/ladder/analysis"
	"github.com/ladder-dev/ladder/decode"
)

// TestFastJSONMatchesEncodingJSON holds the hand-written row encoders to
// encoding/json (the oracle) on every row of every testdata capture.
func TestFastJSONMatchesEncodingJSON(t *testing.T) {
	var files []string
	for _, pat := range []string{"../../testdata/corpus/*", "../../testdata/lab/*.pcap", "../../testdata/analysis/*.pcap*", "../../testdata/*.pcap*"} {
		m, _ := filepath.Glob(pat)
		files = append(files, m...)
	}
	if len(files) < 20 {
		t.Fatalf("only %d captures in testdata", len(files))
	}
	rows := 0
	for _, file := range files {
		src, err := decode.Open(file)
		if err != nil {
			t.Errorf("%s: %v", file, err) // every capture here opens; a reader that fails must fail the test
			continue
		}
		idx := decode.Load(src)
		res := analysis.Analyze(idx)
		ft := newFlowTable(idx, res)
		for fi := range ft.flows {
			r := ft.row(fi)
			same(t, file, &r, string(r.appendJSON(nil)))
			rows++
		}
		var notes []analysis.Note
		for i := range res.Len() {
			notes = res.Notes(i, notes[:0])
			for _, n := range notes {
				r := noteRow(n)
				same(t, file, &r, string(r.appendJSON(nil)))
				rows++
			}
		}
		src.Close()
	}
	t.Logf("%d rows from %d captures encoded as encoding/json does", rows, len(files))
}

func same(t *testing.T, file string, v any, got string) {
	t.Helper()
	want, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Fatalf("%s:\n got %s\nwant %s", filepath.Base(file), got, want)
	}
}

// TestFastJSONStringsAndFloats compares the string and number encoders with
// encoding/json on hostile strings (control bytes, HTML characters, invalid
// UTF-8, line separators) and on floats across the exponent cut-offs.
func TestFastJSONStringsAndFloats(t *testing.T) {
	strs := []string{"", "plain", "\x00\x1f\x7f\"\\/", "<a href='x'>&amp;</a>", "\xff\xfe\xc3", "caf\u00e9 \u2028\u2029 \U0001f600",
		"\b\f\n\r\t", "tab\tend\xe2\x82"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		b := make([]byte, rng.IntN(24))
		for i := range b {
			b[i] = byte(rng.IntN(256))
		}
		strs = append(strs, string(b))
	}
	for _, s := range strs {
		want, _ := json.Marshal(s)
		if got := appendJSONString(nil, s); string(got) != string(want) {
			t.Fatalf("string %q: got %s, want %s", s, got, want)
		}
	}
	floats := []float64{0, 1, -1, 0.015398, 1e-6, 9.99e-7, 1.5e-9, 1e20, 1e21, 123456789.123456, math.SmallestNonzeroFloat64, -2.5e-8}
	for range 2000 {
		floats = append(floats, math.Float64frombits(rng.Uint64()))
	}
	for _, f := range floats {
		if math.IsNaN(f) || math.IsInf(f, 0) {
			continue
		}
		want, _ := json.Marshal(f)
		if got := appendJSONFloat(nil, f); string(got) != string(want) {
			t.Fatalf("float %v: got %s, want %s", f, got, want)
		}
	}
}
