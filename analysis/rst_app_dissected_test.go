package analysis

import (
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/ladder-dev/ladder/decode"
	"github.com/ladder-dev/ladder/internal/oracle"
)

// TestDissectedEvidence holds the application events the reset
// explanations cite to the frames tshark selects with the same fields:
// fatal TLS alerts (tls.alert_message.level == 2) and completed HTTP
// responses (http.response.code).
func TestDissectedEvidence(t *testing.T) {
	oracle.Require(t)
	for _, tc := range []struct {
		file   string
		kind   AppKind
		filter string
	}{
		{"../testdata/app/zeek__zeek__testing__btest__Traces__tls__tls13draft16-ff52.a01.pcap", AppFatalAlert, "tls.alert_message.level == 2"},
		{"../testdata/corpus/zeek__testing__btest__Traces__http__m57-long-49600-80.pcap", AppResponseDone, "http.response.code"},
		{"../testdata/corpus/zeek__testing__btest__Traces__http__vnd.ms-cab-compressed-multi-conn.pcap", AppResponseDone, "http.response.code"},
	} {
		t.Run(filepath.Base(tc.file)+"/"+tc.filter, func(t *testing.T) {
			var want []int
			for _, l := range strings.Fields(oracle.Run(t, "-n", "-r", tc.file, "-Y", tc.filter, "-T", "fields", "-e", "frame.number")) {
				n, err := strconv.Atoi(l)
				if err != nil {
					t.Fatalf("tshark printed %q", l)
				}
				want = append(want, n)
			}
			src, err := decode.Open(tc.file)
			if err != nil {
				t.Fatal(err)
			}
			defer src.Close()
			idx := decode.Load(src)
			var got []int
			for _, f := range idx.Flows() {
				for _, e := range DissectedEvidence(idx, f) {
					if e.Kind == tc.kind {
						got = append(got, e.Frame)
					}
				}
			}
			sort.Ints(got)
			if len(want) == 0 || strconvInts(got) != strconvInts(want) {
				t.Errorf("frames %v, tshark %v", got, want)
			}
		})
	}
}

func strconvInts(v []int) string {
	s := make([]string, len(v))
	for k, n := range v {
		s[k] = strconv.Itoa(n)
	}
	return "[" + strings.Join(s, " ") + "]"
}
