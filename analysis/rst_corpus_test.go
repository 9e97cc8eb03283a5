package analysis

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/ladder-dev/ladder/decode"
)

// TestResetsInPublicCaptures checks the causes that the documented facts
// about public captures justify. The facts are quoted from the corpus index
// the captures came with (its "Top TCP RST / close cases" and the per-file
// descriptions, which cite zeek's conn.log history and conn_state oracles:
// RSTO = originator aborted, RSTOS0 = originator SYN then RST, REJ = SYN
// answered by RST); the licences are in testdata/README.md.
func TestResetsInPublicCaptures(t *testing.T) {
	type want struct {
		frame int
		cause Cause
	}
	tests := []struct {
		file  string
		facts string // what the corpus index says, the oracle
		want  []want
	}{
		{"zeek__testing__btest__Traces__mysql__caching_sha2_password.pcap",
			"client sends FIN, server still sends 55 bytes, client stack answers with a bare RST (data arriving after close)",
			[]want{{11, CauseAfterClose}}},
		{"zeek__testing__btest__Traces__http__get-to-ssh-server.pcap",
			"HTTP sent to an SSH server; server sends its banner, then RST+ACK; the client's late ACK gets a bare RST (history ShADadr)",
			[]want{{7, CauseAbort}, {9, CauseAfterClose}}},
		{"zeek__testing__btest__Traces__tcp__rst-inject-rae.pcap",
			"a spoofed RST with reserved bits set arrives 0.23 s after the SYN, before the real SYN-ACK (RST injection); " +
				"later a real RST/ACK and a bare RST (answering the client's data that followed the real RST/ACK)",
			[]want{{2, CauseInjected}, {7, CauseAbort}, {9, CauseAfterClose}}},
		{"zeek__testing__btest__Traces__tcp__single-rst.pcap",
			"a lone RST with no handshake seen (history R, state OTH): nothing tells why",
			[]want{{1, CauseUnknown}}},
		{"zeek__testing__btest__Traces__tcp__syn-then-rst.pcap",
			"originator SYN then originator RST (SR / RSTOS0): the originator gave up its own attempt",
			[]want{{2, CauseAbort}}},
		{"zeek__testing__btest__Traces__tcp__syn-then-ack-then-rst.pcap",
			"originator SYN, responder pure ACK (no SYN-ACK), then originator RST (SaR / RSTOS0): the stale-handshake shape",
			[]want{{3, CauseStaleHandshake}}},
		{"zeek-tcprs__testing__btest__Traces__tcp__composite__comp003.trace",
			"the client RSTs after 63 s idle (RSTO: originator aborted)",
			[]want{{62, CauseAbort}}},
		{"zeek__testing__btest__Traces__tcp__retransmit-fast009.pcap",
			"fast retransmit, then RST; history ShADaGdgtR / RSTO (originator aborted)",
			[]want{{39, CauseAbort}}},
		{"zeek__testing__btest__Traces__redis__almost-resp.pcap",
			"RST/ACK to an IPv6 SYN; server data then RST; a bare RST answers a late ACK",
			[]want{{2, CauseRefused}, {10, CauseAbort}, {12, CauseAfterClose}}},
		{"zeek__testing__btest__Traces__tcp__qi_internet_SYNACK_curl_jsonip.pcap",
			"Quantum-Insert-style race ending in RSTs after FIN",
			[]want{{10, CauseAfterClose}, {12, CauseAfterClose}, {14, CauseAfterClose}}},
		{"tcpdump__tests__tcp_rst_data.pcap", "a single RST segment carrying payload, nothing else",
			[]want{{1, CauseUnknown}}},
		{"tcpdump__tests__tcp_rst_diag_payload.pcap", "a single RST with RFC 1122 diagnostic text, nothing else",
			[]want{{1, CauseUnknown}}},
		{"tcpdump__tests__mptcp-tcprst.pcap", "two RSTs carrying MP_TCPRST, nothing else",
			[]want{{1, CauseUnknown}, {2, CauseUnknown}}},
		{"tcpdump__tests__mptcp-fclose.pcap", "MPTCP session aborted with MP_FASTCLOSE then RST",
			[]want{{11, CauseAbort}}},
		{"zeek__testing__btest__Traces__http__m57-long-49600-80.pcap",
			"server FIN+data, client RST/ACK 1 s later; every frame is captured twice",
			[]want{{51, CauseAbort}, {52, CauseAbort}}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			idx := loadIndex(t, filepath.Join("../testdata/corpus", tc.file))
			got := map[int]Verdict{}
			for _, v := range ExplainResets(idx) {
				got[v.Frame] = v
			}
			for _, w := range tc.want {
				v, ok := got[w.frame]
				if !ok || v.Cause != w.cause {
					t.Errorf("frame %d: got %s (%s), want %s because: %s\n%s", w.frame, v.Cause, v.Confidence, w.cause, tc.facts, v.Explanation)
				}
			}
		})
	}
}

// TestEveryResetGetsOneVerdict runs the explainer on every capture in
// testdata: each RST (counted here from the packet flags, independently of
// the explainer) gets exactly one verdict whose evidence names real frames
// including its own, with a confidence that fits its cause, and no capture
// makes it panic.
func TestEveryResetGetsOneVerdict(t *testing.T) {
	var files []string
	for _, g := range []string{"../testdata/corpus/*", "../testdata/lab/*.pcap"} {
		m, _ := filepath.Glob(g)
		files = append(files, m...)
	}
	for _, file := range files {
		if strings.HasSuffix(file, ".json") || strings.HasSuffix(file, ".md") {
			continue
		}
		src, err := decode.Open(file)
		if err != nil {
			continue // not a capture (the corpus keeps some rejects on purpose)
		}
		idx := decode.Load(src)
		resets := map[int]bool{}
		for i := range idx.Len() {
			if p := idx.Packet(i); p.IsTCP() && p.Flags&decode.FlagRST != 0 {
				resets[i+1] = true
			}
		}
		seen := map[int]bool{}
		for _, v := range ExplainResets(idx) {
			if !resets[v.Frame] || seen[v.Frame] {
				t.Errorf("%s: frame %d: verdict for a non-RST or a second verdict", file, v.Frame)
			}
			seen[v.Frame] = true
			own := false
			for _, e := range v.Evidence {
				if e < 1 || e > idx.Len() {
					t.Errorf("%s: frame %d: evidence frame %d out of range", file, v.Frame, e)
				}
				own = own || e == v.Frame
			}
			if !own {
				t.Errorf("%s: frame %d: evidence %v lacks the reset itself", file, v.Frame, v.Evidence)
			}
			if (v.Cause == CauseUnknown) != (v.Confidence == ConfidenceNone) || v.Explanation == "" {
				t.Errorf("%s: frame %d: %s with confidence %s, explanation %q", file, v.Frame, v.Cause, v.Confidence, v.Explanation)
			}
		}
		if len(seen) != len(resets) {
			t.Errorf("%s: %d verdicts for %d resets", file, len(seen), len(resets))
		}
		src.Close()
	}
}
