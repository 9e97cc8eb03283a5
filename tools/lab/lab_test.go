package main

import (
	"encoding/json"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

var (
	testClient = netip.MustParseAddr("10.77.0.1")
	testServer = netip.MustParseAddr("10.77.0.2")
)

func rstFrom(frame int, from netip.Addr, ack bool) reset {
	to := testServer
	if from == testServer {
		to = testClient
	}
	return reset{frame: frame, seg: segment{src: from, dst: to, rst: true, ackFlag: ack, ttl: 64}}
}

func TestMatchResets(t *testing.T) {
	seedWants := []want{
		{from: clientSide, flags: "RST/ACK", cause: causeAbort, note: "abort"},
		{from: clientSide, flags: "RST", cause: causeAfterClose, note: "late 1"},
		{from: clientSide, flags: "RST", cause: causeAfterClose, note: "late 2"},
	}
	seedGot := []reset{
		rstFrom(11, testClient, true),
		rstFrom(13, testClient, false),
		rstFrom(15, testClient, false),
	}
	forged := rstFrom(9, testServer, true)
	forged.seg.ttl = forgedTTL

	tests := []struct {
		name       string
		got        []reset
		wants      []want
		wantLabels []label
		wantErr    string // substring; empty means success
	}{
		{
			name:  "seed pattern matches in order",
			got:   seedGot,
			wants: seedWants,
			wantLabels: []label{
				{Frame: 11, Cause: causeAbort, Note: "abort"},
				{Frame: 13, Cause: causeAfterClose, Note: "late 1"},
				{Frame: 15, Cause: causeAfterClose, Note: "late 2"},
			},
		},
		{
			name:    "one reset missing",
			got:     seedGot[:2],
			wants:   seedWants,
			wantErr: "expected 3 resets, capture has 2",
		},
		{
			name:    "one reset too many",
			got:     append(append([]reset{}, seedGot...), rstFrom(17, testClient, false)),
			wants:   seedWants,
			wantErr: "expected 3 resets, capture has 4",
		},
		{
			name:    "reset from the wrong side",
			got:     []reset{rstFrom(4, testClient, true)},
			wants:   []want{{from: serverSide, flags: "RST/ACK", cause: causeRefused}},
			wantErr: "comes from the client, expected the server",
		},
		{
			name:    "bare RST where RST/ACK expected",
			got:     []reset{rstFrom(8, testClient, false)},
			wants:   []want{{from: clientSide, flags: "RST/ACK", cause: causeAbort}},
			wantErr: "has flags RST, expected RST/ACK",
		},
		{
			name:       "injected reset with the injector's TTL",
			got:        []reset{forged},
			wants:      []want{{from: serverSide, flags: "RST/ACK", cause: causeInjected, ttl: forgedTTL, note: "forged"}},
			wantLabels: []label{{Frame: 9, Cause: causeInjected, Note: "forged"}},
		},
		{
			name:    "a genuine server reset is not labelled injected",
			got:     []reset{rstFrom(9, testServer, true)},
			wants:   []want{{from: serverSide, flags: "RST/ACK", cause: causeInjected, ttl: forgedTTL}},
			wantErr: "has TTL 64, expected 250",
		},
		{
			name:    "cause outside the fixed vocabulary",
			got:     []reset{rstFrom(2, testServer, true)},
			wants:   []want{{from: serverSide, flags: "RST/ACK", cause: "port-closed"}},
			wantErr: `cause "port-closed" is not a known cause code`,
		},
		{
			name: "reset between other hosts",
			got: []reset{{frame: 3, seg: segment{
				src: netip.MustParseAddr("10.77.0.9"), dst: testClient, rst: true}}},
			wants:   []want{{from: serverSide, flags: "RST", cause: causeNoConnection}},
			wantErr: "reset between unexpected hosts",
		},
		{
			name:       "no resets expected, none seen",
			got:        nil,
			wants:      nil,
			wantLabels: []label{},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			labels, err := matchResets(tc.got, testClient, testServer, tc.wants)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error = %v, want it to contain %q", err, tc.wantErr)
				}
				if labels != nil {
					t.Fatalf("labels = %v on error, want none", labels)
				}
				return
			}
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if len(labels) != len(tc.wantLabels) {
				t.Fatalf("labels = %v, want %v", labels, tc.wantLabels)
			}
			for i := range labels {
				if labels[i] != tc.wantLabels[i] {
					t.Errorf("label %d = %+v, want %+v", i, labels[i], tc.wantLabels[i])
				}
			}
		})
	}
}

func TestOnData(t *testing.T) {
	data := segment{payload: 100}
	ack := segment{ackFlag: true}
	drop := func(segment) fault { return fault{drop: true} }
	tests := []struct {
		name    string
		rule    rule
		packets []struct {
			d direction
			s segment
		}
		wantDrop []bool
	}{
		{
			name: "second client data packet, ACKs and server data not counted",
			rule: onData(toServer, 2, drop),
			packets: []struct {
				d direction
				s segment
			}{{toServer, ack}, {toServer, data}, {toClient, data}, {toServer, ack}, {toServer, data}, {toServer, data}},
			wantDrop: []bool{false, false, false, false, true, false},
		},
		{
			name: "first server data packet",
			rule: onData(toClient, 1, drop),
			packets: []struct {
				d direction
				s segment
			}{{toServer, data}, {toClient, ack}, {toClient, data}, {toClient, data}},
			wantDrop: []bool{false, false, true, false},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for i, p := range tc.packets {
				if got := tc.rule(p.d, p.s).drop; got != tc.wantDrop[i] {
					t.Errorf("packet %d (%v, len %d): drop = %v, want %v", i+1, p.d, p.s.payload, got, tc.wantDrop[i])
				}
			}
		})
	}
}

func TestDelayLine(t *testing.T) {
	tests := []struct {
		name   string
		delays []time.Duration // each packet's delay from when it was queued
		stop   bool            // stop before the line is drained
		want   []string        // packets delivered, in order
	}{
		{name: "in order, each after its time", delays: []time.Duration{20 * time.Millisecond, 20 * time.Millisecond, 25 * time.Millisecond}, want: []string{"a", "b", "c"}},
		{name: "packets already due go at once", delays: []time.Duration{0, -time.Millisecond}, want: []string{"a", "b"}},
		{name: "stop drops what is still waiting", delays: []time.Duration{time.Hour, time.Hour}, stop: true, want: nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := make(chan queued, len(tc.delays))
			stop := make(chan struct{})
			type delivery struct {
				pkt string
				at  time.Time
			}
			var got []delivery
			done := make(chan struct{})
			go func() {
				defer close(done)
				delayLine(in, stop, func(q queued) { got = append(got, delivery{string(q.pkt), time.Now()}) })
			}()
			start := time.Now()
			due := map[string]time.Time{}
			for i, d := range tc.delays {
				name := string(rune('a' + i))
				due[name] = start.Add(d)
				in <- queued{at: start.Add(d), pkt: []byte(name)}
			}
			if tc.stop {
				time.Sleep(10 * time.Millisecond)
				close(stop)
			}
			close(in)
			<-done
			if len(got) != len(tc.want) {
				t.Fatalf("delivered %v, want %v", got, tc.want)
			}
			for i, g := range got {
				if g.pkt != tc.want[i] {
					t.Errorf("delivery %d = %q, want %q", i, g.pkt, tc.want[i])
				}
				if g.at.Before(due[g.pkt]) {
					t.Errorf("%q delivered %v early", g.pkt, due[g.pkt].Sub(g.at))
				}
			}
		})
	}
}

func TestForgeRST(t *testing.T) {
	tests := []struct {
		name           string
		client, server netip.Addr
	}{
		{"IPv4", testClient, testServer},
		{"IPv6", netip.MustParseAddr("fd77::1"), netip.MustParseAddr("fd77::2")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data := segment{src: tc.client, dst: tc.server, sport: 40000, dport: 8080,
				seq: 1000, ack: 5000, ackFlag: true, payload: 64}
			pkt, err := forgeRST(data)
			if err != nil {
				t.Fatal(err)
			}
			s, ok := parseIP(pkt)
			if !ok {
				t.Fatalf("forged packet does not parse as TCP/IP: % x", pkt)
			}
			want := segment{src: tc.server, dst: tc.client, sport: 8080, dport: 40000,
				seq: 5000, ack: 1064, rst: true, ackFlag: true, ttl: forgedTTL}
			if tc.client.Is4() {
				want.ipID = forgedIPID
			}
			if s != want {
				t.Errorf("forged\n got %v (id %#x)\nwant %v (id %#x)", s, s.ipID, want, want.ipID)
			}
		})
	}
}

func TestCatalogue(t *testing.T) {
	seen := map[string]bool{}
	for _, s := range scenarios() {
		if seen[s.name] {
			t.Errorf("scenario %q listed twice", s.name)
		}
		seen[s.name] = true
		if len(s.outcomes) == 0 {
			t.Errorf("%s: declares no connection outcome", s.name)
		}
		for _, o := range s.outcomes {
			if !knownOutcomes[o.Outcome] || !knownBy[o.By] || o.Note == "" {
				t.Errorf("%s: outcome %+v", s.name, o)
			}
		}
		for _, w := range s.expect {
			if !knownCauses[w.cause] {
				t.Errorf("%s: unknown cause %q", s.name, w.cause)
			}
			if w.flags != "RST" && w.flags != "RST/ACK" {
				t.Errorf("%s: flags %q", s.name, w.flags)
			}
			if w.note == "" {
				t.Errorf("%s: a %s reset has no note", s.name, w.cause)
			}
		}
	}
	if _, err := selectScenarios(scenarios(), "seed,nope"); err == nil || !strings.Contains(err.Error(), `"nope"`) {
		t.Errorf("selecting an unknown scenario: err = %v", err)
	}
	if got, err := selectScenarios(scenarios(), "seed, refused"); err != nil || len(got) != 2 || got[0].name != "seed" || got[1].name != "refused" {
		t.Errorf("selectScenarios(seed, refused) = %v, %v", got, err)
	}
}

// TestCommittedCaptures checks the files in testdata/lab against the
// scenarios: every reset in each pcap is labelled, with the cause and note
// the scenario gives it, and nothing else is.
func TestCommittedCaptures(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "lab")
	for _, s := range scenarios() {
		t.Run(s.name, func(t *testing.T) {
			checkCapture(t, dir, s)
		})
	}
}

// checkCapture compares one scenario's pcap and label file.
func checkCapture(t *testing.T, dir string, s scenario) {
	t.Helper()
	pcap := filepath.Join(dir, s.name+".pcap")
	resets, frames, conns, err := readCapture(pcap)
	if err != nil {
		t.Fatal(err)
	}
	wantOutcomes, err := outcomeLabels(conns, s.outcomes)
	if err != nil {
		t.Fatal(err)
	}
	ob, err := os.ReadFile(filepath.Join(dir, s.name+".outcomes.json"))
	if err != nil {
		t.Fatal(err)
	}
	var gotOutcomes []outcomeLabel
	if err := json.Unmarshal(ob, &gotOutcomes); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(gotOutcomes, wantOutcomes) {
		t.Errorf("outcome labels %+v, want %+v", gotOutcomes, wantOutcomes)
	}
	if frames > 60 {
		t.Errorf("%d frames; lab captures should stay small", frames)
	}
	client, server := clientV4, serverV4
	if s.topo == tunV6 {
		client, server = clientV6, serverV6
	}
	want, err := matchResets(resets, client, server, s.expect)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, s.name+".labels.json"))
	if err != nil {
		t.Fatal(err)
	}
	var got []label
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("label file has %d labels, capture needs %d", len(got), len(want))
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("label %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

// TestLab runs the whole lab into a temporary directory. It needs root and
// about 15 seconds, so it only runs with LADDER_LAB=1.
func TestLab(t *testing.T) {
	if os.Getenv("LADDER_LAB") != "1" {
		t.Skip("set LADDER_LAB=1 (as root) to run the capture lab")
	}
	if os.Geteuid() != 0 {
		t.Skip("the capture lab needs root")
	}
	t.Cleanup(cleanupAll)
	dir := t.TempDir()
	for i, s := range scenarios() {
		t.Run(s.name, func(t *testing.T) {
			res, err := runScenario(s, "t"+string(rune('a'+i)), dir)
			if err != nil {
				t.Fatal(err)
			}
			if res.resets != len(s.expect) {
				t.Errorf("%d resets, want %d", res.resets, len(s.expect))
			}
			checkCapture(t, dir, s)
			// Same story as the committed capture: same number of frames.
			_, committed, err := readResets(filepath.Join("..", "..", "testdata", "lab", s.name+".pcap"))
			if err == nil && committed != res.frames {
				t.Errorf("%d frames, the committed capture has %d: the scenario is not deterministic", res.frames, committed)
			}
		})
	}
}
