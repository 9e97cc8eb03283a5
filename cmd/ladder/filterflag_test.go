package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/ladder-dev/ladder/internal/oracle"
)

// TestListDisplayFilter runs "ladder list -Y" and "tshark -Y" on the same
// capture and compares the frames each prints (tshark is the oracle; the
// filter language itself is tested in analysis/dfilter).
func TestListDisplayFilter(t *testing.T) {
	oracle.Require(t)
	const (
		wiki    = "../../testdata/corpus/zeek__testing__btest__Traces__wikipedia.pcap"
		fastRtx = "../../testdata/corpus/zeek__testing__btest__Traces__tcp__retransmit-fast009.pcap"
		comp    = "../../testdata/corpus/zeek-tcprs__testing__btest__Traces__tcp__composite__comp022.trace"
		comp8   = "../../testdata/corpus/zeek-tcprs__testing__btest__Traces__tcp__composite__comp008.trace"
		lab     = "../../testdata/lab/abort-client.pcap"
	)
	// twoPass runs tshark with -2: tcp.completeness is the conversation's
	// final value in Wireshark's GUI and with -2, which is what ladder
	// filters on; single-pass tshark sees it grow packet by packet.
	for _, tc := range []struct {
		name, file, expr string
		twoPass          bool
	}{
		{"port and syn", wiki, "tcp.port == 80 && tcp.flags.syn == 1", false},
		{"dns or arp", wiki, "dns or arp", false},
		{"http host", wiki, `http.host matches "wiki"`, false},
		{"ip cidr not tcp", wiki, "ip.dst == 208.80.152.0/24 and not tcp.len == 0", false},
		// Analysis fields, wired to the analysis package through filterflag.go.
		{"analysis flags", fastRtx, "tcp.analysis.flags", false},
		{"dup ack or fast rtx", fastRtx, "tcp.analysis.duplicate_ack || tcp.analysis.fast_retransmission", false},
		{"analysis flags but not window update", comp, "tcp.analysis.flags && !tcp.analysis.window_update", false},
		{"lost segment", comp8, "tcp.analysis.lost_segment or tcp.analysis.ack_lost_segment", false},
		{"retransmission includes fast and spurious", fastRtx, "tcp.analysis.retransmission", false},
		{"completeness", wiki, "tcp.completeness == 15", true},
		{"completeness set", lab, "tcp.completeness in {15, 47}", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			compareListFilter(t, tc.file, tc.expr, tc.twoPass, false)
		})
	}
}

// TestListRSTCauseFilter checks ladder's own fields against the lab's
// labels (the capture lab's record of why each RST was sent).
func TestListRSTCauseFilter(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"list", "../../testdata/lab/abort-client.pcap", "-Y", `ladder.rst.cause == "abort"`}, &out, &errb); code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	// abort-client.labels.json: frame 8, cause "abort".
	if f := strings.Fields(out.String()); len(f) == 0 || f[0] != "8" || strings.Count(out.String(), "\n") != 1 {
		t.Errorf("got %q, want frame 8 only", out.String())
	}
}

// TestListOutcomeFilter checks ladder.outcome against connections whose
// ending the lab made: in stale-handshake the client forgets its first
// connection silently (TCP_REPAIR), so stream 0 is still open; in backlog
// stream 2 is the one the full accept queue reset. The frames of each
// stream are tshark's (tshark -Y "tcp.stream==N" -T fields -e frame.number).
func TestListOutcomeFilter(t *testing.T) {
	for _, tc := range []struct{ file, filter, want string }{
		{"stale-handshake.pcap", `ladder.outcome == "open"`, "1 2 3 4 5 6 7"},
		{"backlog.pcap", `ladder.outcome == "reset"`, "5 8 9 10"},
	} {
		var out, errb bytes.Buffer
		if code := run([]string{"list", "../../testdata/lab/" + tc.file, "-Y", tc.filter}, &out, &errb); code != exitOK {
			t.Fatalf("exit %d: %s", code, errb.String())
		}
		var frames []string
		for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
			if f := strings.Fields(line); len(f) > 0 {
				frames = append(frames, f[0])
			}
		}
		if got := strings.Join(frames, " "); got != tc.want {
			t.Errorf("%s %s: frames %s, want %s", tc.file, tc.filter, got, tc.want)
		}
	}
}

// TestListDisplayFilterError checks that a bad filter is a usage error
// reported before the capture is read, with tshark's caret layout.
func TestListDisplayFilterError(t *testing.T) {
	var out, errb bytes.Buffer
	code := run([]string{"list", "no-such-file.pcap", "-Y", "tcp.port == 80 and tcp.foo"}, &out, &errb)
	if code != exitUsage {
		t.Errorf("exit %d, want %d", code, exitUsage)
	}
	want := "ladder list: tcp.foo is neither a field nor a protocol name.\n    tcp.port == 80 and tcp.foo\n                       ^~~~~~~\n"
	if errb.String() != want {
		t.Errorf("stderr:\n%q\nwant:\n%q", errb.String(), want)
	}
	if out.Len() != 0 {
		t.Errorf("stdout: %q", out.String())
	}
}
