package ui

import (
	"strings"
	"testing"

	"github.com/ladder-dev/ladder/decode"
)

// TestWithSeqAck: the [SEQ/ACK analysis] subtree goes into the TCP header
// after its options and before the payload, where tshark -V prints it.
func TestWithSeqAck(t *testing.T) {
	tree := decode.Field{Name: "tcp.analysis", Label: "[SEQ/ACK analysis]"}
	tcp := func(children ...string) decode.Field {
		f := decode.Field{Name: "tcp"}
		for _, c := range children {
			f.Children = append(f.Children, decode.Field{Name: c})
		}
		return f
	}
	names := func(fs []decode.Field) string {
		var out []string
		for _, f := range fs {
			if f.Name == "tcp" {
				for _, c := range f.Children {
					out = append(out, c.Name)
				}
			}
		}
		return strings.Join(out, " ")
	}
	tests := []struct {
		name   string
		fields []decode.Field
		want   string
	}{
		{"before the payload", []decode.Field{{Name: "frame"}, {Name: "ip"}, tcp("tcp.seq", "tcp.options", "tcp.payload")},
			"tcp.seq tcp.options tcp.analysis tcp.payload"},
		{"at the end without payload", []decode.Field{{Name: "ip"}, tcp("tcp.seq", "tcp.options")},
			"tcp.seq tcp.options tcp.analysis"},
		{"no TCP header", []decode.Field{{Name: "ip"}, {Name: "udp"}}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := names(withSeqAck(tc.fields, tree)); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
