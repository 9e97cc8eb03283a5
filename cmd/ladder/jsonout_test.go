package main

import (
	"bytes"
	"encoding/json"
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
