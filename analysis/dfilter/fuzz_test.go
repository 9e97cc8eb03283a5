package dfilter_test

import (
	"testing"

	"github.com/ladder-dev/ladder/analysis/dfilter"
	"github.com/ladder-dev/ladder/decode"
)

// FuzzCompile feeds arbitrary expressions to the compiler: it must return a
// filter or an *Error whose position lies inside the expression, never
// panic; a filter that compiles is then run over a real capture (with
// Ethernet, IPv4, IPv6, ARP, DNS and HTTP) to reach the evaluation code.
func FuzzCompile(f *testing.F) {
	for _, tc := range filterCases {
		f.Add(tc.expr)
	}
	for _, tc := range invalidCases {
		f.Add(tc.expr)
	}
	src, err := decode.Open("../../testdata/" + wiki)
	if err != nil {
		f.Fatal(err)
	}
	idx := decode.Load(src)
	reg := dfilter.Fields()
	f.Fuzz(func(t *testing.T, expr string) {
		flt, err := dfilter.Compile(expr, reg)
		if err != nil {
			fe, ok := err.(*dfilter.Error)
			if !ok {
				t.Fatalf("Compile(%q) returned %T, want *dfilter.Error", expr, err)
			}
			if fe.Pos < 0 || fe.Pos > len(expr) || fe.Pos+fe.Len > len(expr)+1 || fe.Msg == "" {
				t.Fatalf("Compile(%q): error %+v outside the expression", expr, fe)
			}
			_ = fe.Caret(expr)
			return
		}
		m := flt.Matcher(idx, nil)
		for i := range idx.Len() {
			m.Match(i)
		}
	})
}
