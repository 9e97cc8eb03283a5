package main

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ladder-dev/ladder/internal/oracle"
)

// compareListFilter checks that "ladder list FILE -Y EXPR" selects exactly
// the frames "tshark -n -r FILE -Y EXPR" selects (with -2 for twoPass:
// fields such as tcp.completeness that tshark's GUI and -2 show at their
// final value). Unless empty is allowed, a case tshark selects nothing for
// fails: it would test nothing.
func compareListFilter(t *testing.T, file, expr string, twoPass, empty bool) {
	t.Helper()
	var out, errb bytes.Buffer
	if code := run([]string{"list", file, "-Y", expr}, &out, &errb); code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var got, want []int
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		if f := strings.Fields(line); len(f) > 0 {
			n, err := strconv.Atoi(f[0])
			if err != nil {
				t.Fatalf("line %q", line)
			}
			got = append(got, n)
		}
	}
	args := []string{"-n", "-r", file, "-Y", expr, "-T", "fields", "-e", "frame.number"}
	if twoPass {
		args = append([]string{"-2"}, args...)
	}
	for _, s := range strings.Fields(oracle.Run(t, args...)) {
		n, _ := strconv.Atoi(s)
		want = append(want, n)
	}
	if len(want) == 0 && !empty {
		t.Fatalf("tshark selects nothing for %q: the case tests nothing", expr)
	}
	if !slices.Equal(got, want) {
		t.Errorf("ladder list -Y %q: %v\ntshark: %v", expr, got, want)
	}
}
