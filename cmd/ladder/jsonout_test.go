package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestWriteJSONArray(t *testing.T) {
	type row struct {
		A int    `json:"a"`
		B string `json:"b"`
	}
	tests := []struct {
		name string
		rows []row
		want string
	}{
		{"empty is an empty array", nil, "[]\n"},
		{"one object per line", []row{{1, "x"}, {2, "<y>"}}, "[\n{\"a\":1,\"b\":\"x\"},\n{\"a\":2,\"b\":\"\\u003cy\\u003e\"}\n]\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := writeJSONArray(&b, tc.rows); err != nil {
				t.Fatal(err)
			}
			if b.String() != tc.want {
				t.Errorf("got %q, want %q", b.String(), tc.want)
			}
			var back []row
			if err := json.Unmarshal(b.Bytes(), &back); err != nil || len(back) != len(tc.rows) {
				t.Errorf("does not read back: %v %v", err, back)
			}
		})
	}
}

// TestWriteJSONParallel checks the parallel writer against the layout of
// the sequential loop it replaces ("[\n" + elements joined by ",\n" +
// "\n]\n"): items with no element, one or several, over many ranges, and
// a render error stopping the output.
func TestWriteJSONParallel(t *testing.T) {
	elems := func(i int) int { return (i * 7) % 4 } // 0 to 3 elements for item i
	tests := []struct {
		name string
		n    int
		each func(i int) int
	}{
		{"no items", 0, elems},
		{"items without elements", 5000, func(int) int { return 0 }},
		{"one item among many", 9000, func(i int) int {
			if i == 6143 {
				return 1
			}
			return 0
		}},
		{"several ranges, 0 to 3 elements each", 20000, elems},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var want []string
			for i := range tc.n {
				for k := range tc.each(i) {
					want = append(want, fmt.Sprintf(`{"i":%d,"k":%d}`, i, k))
				}
			}
			wantText := "[]\n"
			if len(want) > 0 {
				wantText = "[\n" + strings.Join(want, ",\n") + "\n]\n"
			}
			var b bytes.Buffer
			err := writeJSONParallel(&b, tc.n, func(i int, dst []byte) ([]byte, error) {
				for k := range tc.each(i) {
					dst = fmt.Appendf(dst, `{"i":%d,"k":%d}`+",\n", i, k)
				}
				return dst, nil
			})
			if err != nil || b.String() != wantText {
				t.Fatalf("err %v; output differs from the sequential layout (%d bytes, want %d)", err, b.Len(), len(wantText))
			}
		})
	}
	t.Run("a render error ends the output", func(t *testing.T) {
		boom := errors.New("boom")
		var b bytes.Buffer
		err := writeJSONParallel(&b, 10000, func(i int, dst []byte) ([]byte, error) {
			if i == 7000 {
				return dst, boom
			}
			return append(dst, "{},\n"...), nil
		})
		if !errors.Is(err, boom) {
			t.Fatalf("err %v, want the render error", err)
		}
	})
}
