package analysis

import (
	"encoding/binary"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// oseg is one hand-made packet of an outcome test: a TCP segment between
// the client 10.0.0.1 and the server 10.0.0.2:80, or an ICMP error quoting
// an earlier segment. Every case's expected outcome follows from the packet
// shapes that the project's outcome reference and the RFCs it cites (RFC
// 9293 §3.5, §3.6, §3.8; RFC 792; RFC 4443) give for each code.
type oseg struct {
	ms       float64
	c2s      bool
	flags    string // S A P F R
	seq, ack uint32
	len      int
	win      int    // -1: a zero window; 0: 502
	cport    uint16 // client port, 0: 40000

	// An ICMPv4 error instead of a segment: from the address, of this
	// type and code, quoting segment number quote (0-based) of the case.
	icmp       bool
	from       [4]byte
	typ, code  uint8
	quote      int
	quoteShort bool // quote only the 8 bytes RFC 792 requires
}

var (
	cliAddr = [4]byte{10, 0, 0, 1}
	srvAddr = [4]byte{10, 0, 0, 2}
	router  = [4]byte{10, 0, 0, 254}
)

// tcpBytes is the raw IPv4 packet of a segment.
func (s oseg) tcpBytes() []byte {
	b := make([]byte, 40+s.len)
	b[0], b[8], b[9] = 0x45, 64, 6
	binary.BigEndian.PutUint16(b[2:], uint16(len(b)))
	src, dst := srvAddr, cliAddr
	cp := s.cport
	if cp == 0 {
		cp = 40000
	}
	sp, dp := uint16(80), cp
	if s.c2s {
		src, dst, sp, dp = dst, src, dp, sp
	}
	copy(b[12:], src[:])
	copy(b[16:], dst[:])
	t := b[20:]
	binary.BigEndian.PutUint16(t[0:], sp)
	binary.BigEndian.PutUint16(t[2:], dp)
	binary.BigEndian.PutUint32(t[4:], s.seq)
	binary.BigEndian.PutUint32(t[8:], s.ack)
	t[12] = 5 << 4
	for _, c := range s.flags {
		t[13] |= map[rune]byte{'F': 0x01, 'S': 0x02, 'R': 0x04, 'P': 0x08, 'A': 0x10}[c]
	}
	win := 502
	switch {
	case s.win < 0 || strings.Contains(s.flags, "R"):
		win = 0
	case s.win > 0:
		win = s.win
	}
	binary.BigEndian.PutUint16(t[14:], uint16(win))
	return b
}

// icmpBytes is the raw IPv4 ICMP error quoting segment q.
func (s oseg) icmpBytes(q oseg) []byte {
	quoted := q.tcpBytes()[:40]
	if s.quoteShort {
		quoted = quoted[:28]
	}
	b := make([]byte, 20+8+len(quoted))
	b[0], b[8], b[9] = 0x45, 64, 1
	binary.BigEndian.PutUint16(b[2:], uint16(len(b)))
	copy(b[12:], s.from[:])
	copy(b[16:], cliAddr[:])
	b[20], b[21] = s.typ, s.code
	copy(b[28:], quoted)
	return b
}

// writeOutcomeCase writes the packets as a raw-IPv4 pcap and returns its path.
func writeOutcomeCase(tb testing.TB, segs []oseg) string {
	tb.Helper()
	hdr := make([]byte, 24)
	binary.LittleEndian.PutUint32(hdr[0:], 0xa1b2c3d4)
	binary.LittleEndian.PutUint16(hdr[4:], 2)
	binary.LittleEndian.PutUint16(hdr[6:], 4)
	binary.LittleEndian.PutUint32(hdr[16:], 65535)
	binary.LittleEndian.PutUint32(hdr[20:], 101)
	out := hdr
	for _, s := range segs {
		pkt := s.tcpBytes()
		if s.icmp {
			pkt = s.icmpBytes(segs[s.quote])
		}
		rec := make([]byte, 16)
		us := int64(s.ms * 1000)
		binary.LittleEndian.PutUint32(rec[0:], uint32(1700000000+us/1e6))
		binary.LittleEndian.PutUint32(rec[4:], uint32(us%1e6))
		binary.LittleEndian.PutUint32(rec[8:], uint32(len(pkt)))
		binary.LittleEndian.PutUint32(rec[12:], uint32(len(pkt)))
		out = append(append(out, rec...), pkt...)
	}
	path := filepath.Join(tb.TempDir(), "outcome.pcap")
	if err := os.WriteFile(path, out, 0o644); err != nil {
		tb.Fatal(err)
	}
	return path
}

// outcomesOf judges every TCP connection of a hand-made capture.
func outcomesOf(tb testing.TB, segs []oseg) []FlowOutcome {
	tb.Helper()
	idx := loadIndex(tb, writeOutcomeCase(tb, segs))
	return AllOutcomes(idx, Analyze(idx))
}

// Building blocks, with the capture point next to the client: the server
// answers after 40 ms.
const (
	oc  = 1000  // client ISN
	os_ = 50000 // server ISN
)

func oHandshake() []oseg {
	return []oseg{
		{ms: 0, c2s: true, flags: "S", seq: oc},
		{ms: 40, flags: "SA", seq: os_, ack: oc + 1},
		{ms: 40.1, c2s: true, flags: "A", seq: oc + 1, ack: os_ + 1},
	}
}

func oExchange() []oseg {
	return append(oHandshake(),
		oseg{ms: 40.2, c2s: true, flags: "PA", seq: oc + 1, ack: os_ + 1, len: 100},
		oseg{ms: 80.3, flags: "PA", seq: os_ + 1, ack: oc + 101, len: 300},
		oseg{ms: 80.4, c2s: true, flags: "A", seq: oc + 101, ack: os_ + 301},
	)
}

func join(parts ...[]oseg) []oseg {
	var out []oseg
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// TestOutcomeRules checks each outcome rule, one named case per shape, on
// the first connection of each case.
func TestOutcomeRules(t *testing.T) {
	later := oseg{ms: 60000, c2s: true, flags: "S", seq: 7, cport: 40009} // another connection: the capture goes on
	cases := []struct {
		name string
		segs []oseg
		want Outcome
		by   EndedBy
		conf Confidence
		ev   []int
	}{
		// icmp-unreachable (RFC 792 codes 3/3, 3/13, 3/1; 3/4 is PMTUD).
		{"icmp port unreachable from the host", []oseg{
			{ms: 0, c2s: true, flags: "S", seq: oc},
			{ms: 40, icmp: true, from: srvAddr, typ: 3, code: 3, quote: 0},
		}, OutcomeICMPUnreachable, ByServer, ConfidenceHigh, []int{1, 2}},
		{"icmp admin prohibited from a router", []oseg{
			{ms: 0, c2s: true, flags: "S", seq: oc},
			{ms: 20, icmp: true, from: router, typ: 3, code: 13, quote: 0, quoteShort: true},
		}, OutcomeICMPUnreachable, ByNetwork, ConfidenceHigh, []int{1, 2}},
		{"icmp admin prohibited from the server's address is a filter", []oseg{
			{ms: 0, c2s: true, flags: "S", seq: oc},
			{ms: 20, icmp: true, from: srvAddr, typ: 3, code: 10, quote: 0},
		}, OutcomeICMPUnreachable, ByNetwork, ConfidenceHigh, []int{1, 2}},
		{"icmp host unreachable after retries", []oseg{
			{ms: 0, c2s: true, flags: "S", seq: oc},
			{ms: 1000, c2s: true, flags: "S", seq: oc},
			{ms: 3000, icmp: true, from: router, typ: 3, code: 1, quote: 1},
		}, OutcomeICMPUnreachable, ByNetwork, ConfidenceHigh, []int{2, 3}},
		{"icmp quoting a sequence number never sent is medium", []oseg{
			{ms: 0, c2s: true, flags: "S", seq: oc},
			{ms: 20, icmp: true, from: router, typ: 3, code: 1, quote: 2},
			{ms: 30, c2s: true, flags: "S", seq: oc + 99, cport: 40000}, // quoted, but after the error
		}, OutcomeICMPUnreachable, ByNetwork, ConfidenceMedium, []int{2}},
		{"fragmentation needed does not end a connection", join(oExchange(), []oseg{
			{ms: 90, icmp: true, from: router, typ: 3, code: 4, quote: 3},
		}), OutcomeOpen, ByNone, ConfidenceHigh, []int{6}},
		{"icmp followed by the server's answer does not end it", []oseg{
			{ms: 0, c2s: true, flags: "S", seq: oc},
			{ms: 20, icmp: true, from: router, typ: 3, code: 1, quote: 0},
			{ms: 40, flags: "SA", seq: os_, ack: oc + 1},
			{ms: 40.1, c2s: true, flags: "A", seq: oc + 1, ack: os_ + 1},
		}, OutcomeOpen, ByNone, ConfidenceHigh, []int{4}},

		// refused (RFC 9293 §3.5.2 case 1).
		{"refused", []oseg{
			{ms: 0, c2s: true, flags: "S", seq: oc},
			{ms: 40, flags: "RA", seq: 0, ack: oc + 1},
		}, OutcomeRefused, ByServer, ConfidenceHigh, []int{1, 2}},

		// handshake-failed (RFC 9293 §3.8.1; Linux tcp_synack_retries).
		{"final ACKs lost beyond the capture point", []oseg{
			{ms: 0, c2s: true, flags: "S", seq: oc},
			{ms: 40, flags: "SA", seq: os_, ack: oc + 1},
			{ms: 40.1, c2s: true, flags: "A", seq: oc + 1, ack: os_ + 1},
			{ms: 1040, flags: "SA", seq: os_, ack: oc + 1},
			{ms: 1040.1, c2s: true, flags: "A", seq: oc + 1, ack: os_ + 1},
			{ms: 3040, flags: "SA", seq: os_, ack: oc + 1},
			{ms: 3040.1, c2s: true, flags: "A", seq: oc + 1, ack: os_ + 1},
		}, OutcomeHandshakeFailed, ByNetwork, ConfidenceHigh, []int{1, 2, 3, 6}},
		{"SYN/ACK never acknowledged", []oseg{
			{ms: 0, c2s: true, flags: "S", seq: oc},
			{ms: 40, flags: "SA", seq: os_, ack: oc + 1},
			{ms: 1040, flags: "SA", seq: os_, ack: oc + 1},
		}, OutcomeHandshakeFailed, ByNetwork, ConfidenceMedium, []int{1, 2, 3}},
		{"one SYN/ACK acknowledged is open", oHandshake(), OutcomeOpen, ByNone, ConfidenceHigh, []int{3}},
		{"one SYN/ACK and the capture ends", []oseg{
			{ms: 0, c2s: true, flags: "S", seq: oc},
			{ms: 40, flags: "SA", seq: os_, ack: oc + 1},
		}, OutcomeHandshakeFailed, ByNetwork, ConfidenceLow, []int{1, 2}},

		// unanswered (RFC 9293 §3.8.1; Linux tcp_syn_retries).
		{"three SYNs with backoff", []oseg{
			{ms: 0, c2s: true, flags: "S", seq: oc},
			{ms: 1000, c2s: true, flags: "S", seq: oc},
			{ms: 3000, c2s: true, flags: "S", seq: oc},
		}, OutcomeUnanswered, ByNetwork, ConfidenceHigh, []int{1, 3}},
		{"two SYNs", []oseg{
			{ms: 0, c2s: true, flags: "S", seq: oc},
			{ms: 1000, c2s: true, flags: "S", seq: oc},
		}, OutcomeUnanswered, ByNetwork, ConfidenceMedium, []int{1, 2}},
		{"a single SYN", []oseg{{ms: 0, c2s: true, flags: "S", seq: oc}}, OutcomeUnanswered, ByNetwork, ConfidenceLow, []int{1}},
		{"a SYN the client resets at once is a reset", []oseg{
			{ms: 0, c2s: true, flags: "S", seq: oc},
			{ms: 0.3, c2s: true, flags: "R", seq: oc + 1},
		}, OutcomeReset, ByClient, ConfidenceLow, []int{1, 2}},
		{"a connect that timed out with a reset is unanswered", []oseg{
			{ms: 0, c2s: true, flags: "S", seq: oc},
			{ms: 1000, c2s: true, flags: "S", seq: oc},
			{ms: 3000, c2s: true, flags: "S", seq: oc},
			{ms: 7000, c2s: true, flags: "R", seq: oc + 1},
		}, OutcomeUnanswered, ByNetwork, ConfidenceHigh, []int{1, 3}},

		// completed (RFC 9293 §3.6).
		{"FIN each way, acknowledged", join(oExchange(), []oseg{
			{ms: 100, c2s: true, flags: "FA", seq: oc + 101, ack: os_ + 301},
			{ms: 140, flags: "FA", seq: os_ + 301, ack: oc + 102},
			{ms: 140.1, c2s: true, flags: "A", seq: oc + 102, ack: os_ + 302},
		}), OutcomeCompleted, ByClient, ConfidenceHigh, []int{7, 8, 9}},
		{"server closes first, last ACK missing", join(oExchange(), []oseg{
			{ms: 100, flags: "FA", seq: os_ + 301, ack: oc + 101},
			{ms: 100.1, c2s: true, flags: "FA", seq: oc + 101, ack: os_ + 302},
		}), OutcomeCompleted, ByServer, ConfidenceMedium, []int{7, 8}},
		{"a reset after both FINs answers a straggler", join(oExchange(), []oseg{
			{ms: 100, c2s: true, flags: "FA", seq: oc + 101, ack: os_ + 301},
			{ms: 140, flags: "FA", seq: os_ + 301, ack: oc + 102},
			{ms: 140.1, c2s: true, flags: "A", seq: oc + 102, ack: os_ + 302},
			{ms: 200, flags: "PA", seq: os_ + 302, ack: oc + 102, len: 10},
			{ms: 200.1, c2s: true, flags: "R", seq: oc + 102},
		}), OutcomeCompleted, ByClient, ConfidenceHigh, []int{7, 8, 9}},

		// timed-out (RFC 9293 §3.8.3 R2; Linux tcp_retries2).
		{"data retransmitted with backoff, then silence", join(oExchange(), []oseg{
			{ms: 1000, c2s: true, flags: "PA", seq: oc + 101, ack: os_ + 301, len: 50},
			{ms: 1200, c2s: true, flags: "PA", seq: oc + 101, ack: os_ + 301, len: 50},
			{ms: 1600, c2s: true, flags: "PA", seq: oc + 101, ack: os_ + 301, len: 50},
			{ms: 2400, c2s: true, flags: "PA", seq: oc + 101, ack: os_ + 301, len: 50},
			{ms: 4000, c2s: true, flags: "PA", seq: oc + 101, ack: os_ + 301, len: 50},
			later,
		}), OutcomeTimedOut, ByClient, ConfidenceHigh, []int{7, 8, 11}},
		{"still retransmitting when the capture ends", join(oExchange(), []oseg{
			{ms: 1000, c2s: true, flags: "PA", seq: oc + 101, ack: os_ + 301, len: 50},
			{ms: 1200, c2s: true, flags: "PA", seq: oc + 101, ack: os_ + 301, len: 50},
			{ms: 1600, c2s: true, flags: "PA", seq: oc + 101, ack: os_ + 301, len: 50},
			{ms: 2400, c2s: true, flags: "PA", seq: oc + 101, ack: os_ + 301, len: 50},
		}), OutcomeTimedOut, ByClient, ConfidenceMedium, []int{7, 8, 10}},
		{"retransmissions then acknowledged are loss recovery", join(oExchange(), []oseg{
			{ms: 1000, c2s: true, flags: "PA", seq: oc + 101, ack: os_ + 301, len: 50},
			{ms: 1200, c2s: true, flags: "PA", seq: oc + 101, ack: os_ + 301, len: 50},
			{ms: 1600, c2s: true, flags: "PA", seq: oc + 101, ack: os_ + 301, len: 50},
			{ms: 2400, c2s: true, flags: "PA", seq: oc + 101, ack: os_ + 301, len: 50},
			{ms: 2440, flags: "A", seq: os_ + 301, ack: oc + 151},
		}), OutcomeOpen, ByNone, ConfidenceHigh, []int{11}},

		// reset: the first RST's verdict (rst.go's abort: seq = the
		// client's next sequence number, no timestamps in the flow: high).
		{"abort by the client", join(oExchange(), []oseg{
			{ms: 100, c2s: true, flags: "RA", seq: oc + 101, ack: os_ + 301},
		}), OutcomeReset, ByClient, ConfidenceHigh, []int{5, 6, 7}},

		// stalled (RFC 9293 §3.8.6, RFC 1122 §4.2.2.17).
		{"zero window probed and still closed", join(oHandshake(), []oseg{
			{ms: 41, flags: "PA", seq: os_ + 1, ack: oc + 1, len: 500},
			{ms: 41.1, c2s: true, flags: "A", seq: oc + 1, ack: os_ + 501, win: -1},
			{ms: 300, flags: "A", seq: os_ + 500, ack: oc + 1},
			{ms: 300.1, c2s: true, flags: "A", seq: oc + 1, ack: os_ + 501, win: -1},
			{ms: 800, flags: "A", seq: os_ + 500, ack: oc + 1},
			{ms: 800.1, c2s: true, flags: "A", seq: oc + 1, ack: os_ + 501, win: -1},
		}), OutcomeStalled, ByClient, ConfidenceHigh, []int{5, 6, 8, 9}},
		{"a window that opened again is not stalled", join(oHandshake(), []oseg{
			{ms: 41, flags: "PA", seq: os_ + 1, ack: oc + 1, len: 500},
			{ms: 41.1, c2s: true, flags: "A", seq: oc + 1, ack: os_ + 501, win: -1},
			{ms: 300, c2s: true, flags: "A", seq: oc + 1, ack: os_ + 501, win: 1000},
		}), OutcomeOpen, ByNone, ConfidenceHigh, []int{6}},

		// half-closed (RFC 9293 §3.6).
		{"server FIN, client keeps sending", join(oExchange(), []oseg{
			{ms: 100, flags: "FA", seq: os_ + 301, ack: oc + 101},
			{ms: 100.1, c2s: true, flags: "A", seq: oc + 101, ack: os_ + 302},
			{ms: 200, c2s: true, flags: "PA", seq: oc + 101, ack: os_ + 302, len: 10},
		}), OutcomeHalfClosed, ByClient, ConfidenceHigh, []int{7, 8}},
		{"client FIN not acknowledged", join(oExchange(), []oseg{
			{ms: 100, c2s: true, flags: "FA", seq: oc + 101, ack: os_ + 301},
		}), OutcomeHalfClosed, ByServer, ConfidenceMedium, []int{7}},

		// Scan probes (lab: port-scan): a FIN or NULL probe nobody answers
		// reached a listening port, which drops it (RFC 9293 §3.10.7.2);
		// one answered with RST/ACK found a closed port (§3.10.7.1).
		{"FIN probe unanswered: an open port ignores it", []oseg{
			{ms: 0, c2s: true, flags: "F", seq: oc}, later,
		}, OutcomeUnanswered, ByServer, ConfidenceMedium, []int{1}},
		{"NULL probe unanswered: an open port ignores it", []oseg{
			{ms: 0, c2s: true, flags: "", seq: oc}, later,
		}, OutcomeUnanswered, ByServer, ConfidenceMedium, []int{1}},
		{"data without ACK is no probe: an unanswered FIN after it is a half-close", []oseg{
			{ms: 0, c2s: true, flags: "P", seq: oc, len: 28},
			{ms: 0, c2s: true, flags: "F", seq: oc + 28}, later,
		}, OutcomeHalfClosed, ByServer, ConfidenceMedium, []int{2}},
		{"NULL probe answered with RST/ACK: a closed port", []oseg{
			{ms: 0, c2s: true, flags: "", seq: oc},
			{ms: 0.2, flags: "RA", seq: 0, ack: oc},
		}, OutcomeRefused, ByServer, ConfidenceHigh, []int{1, 2}},

		// open.
		{"established and idle", oExchange(), OutcomeOpen, ByNone, ConfidenceHigh, []int{6}},

		// Roles when the capture starts mid-connection with the server's
		// packet (issue #18, pattern 3): the flow table calls the first
		// sender the client, but port 80 against 40000 says the sender is the
		// server, and it closed first.
		{"capture starts with the server's FIN", []oseg{
			{ms: 0, flags: "FA", seq: os_ + 301, ack: oc + 101},
			{ms: 0.1, c2s: true, flags: "A", seq: oc + 101, ack: os_ + 302},
			{ms: 5, c2s: true, flags: "FA", seq: oc + 101, ack: os_ + 302},
			{ms: 5.1, flags: "A", seq: os_ + 302, ack: oc + 102},
		}, OutcomeCompleted, ByServer, ConfidenceHigh, []int{1, 3, 4}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := outcomesOf(t, tc.segs)
			if len(got) == 0 {
				t.Fatal("no TCP connection")
			}
			o := got[0]
			if o.Outcome != tc.want || o.By != tc.by || o.Confidence != tc.conf {
				t.Fatalf("got %s by %s (%s), want %s by %s (%s)\n%s", o.Outcome, o.By, o.Confidence, tc.want, tc.by, tc.conf, o.Explanation)
			}
			if !slices.Equal(o.Evidence, tc.ev) {
				t.Errorf("evidence %v, want %v\n%s", o.Evidence, tc.ev, o.Explanation)
			}
			n := strings.Count(o.Explanation, ". ") + 1
			if o.Outcome != OutcomeReset && (n < 1 || n > 5 || !strings.HasSuffix(o.Explanation, ".")) {
				t.Errorf("explanation of %d sentences: %s", n, o.Explanation)
			}
		})
	}
}

// TestEveryOutcomeHasARule holds the table to the fixed list of codes.
func TestEveryOutcomeHasARule(t *testing.T) {
	want := []Outcome{OutcomeICMPUnreachable, OutcomeRefused, OutcomeHandshakeFailed, OutcomeUnanswered,
		OutcomeCompleted, OutcomeTimedOut, OutcomeReset, OutcomeStalled, OutcomeHalfClosed, OutcomeOpen}
	got := Outcomes()
	if len(got) != len(want) {
		t.Fatalf("%d outcomes, want %d", len(got), len(want))
	}
	for i, o := range got {
		if o.Code != want[i] || o.Meaning == "" || o.Man == "" {
			t.Errorf("outcome %d: %+v, want code %s with a meaning and manual text", i, o, want[i])
		}
	}
}

// labOutcome is one entry of a lab capture's NAME.outcomes.json: how the
// connection with that tcp.stream ended, known from how tools/lab made it
// end (a dropped SYN, a forged ICMP error, a reader that stopped ...).
type labOutcome struct {
	Stream  int    `json:"stream"`
	Outcome string `json:"outcome"`
	By      string `json:"by"`
	Note    string `json:"note"`
}

// TestOutcomesMatchLabLabels judges every connection of every lab capture:
// each must get its label's outcome and who ended it, and every TCP
// connection must be labelled.
func TestOutcomesMatchLabLabels(t *testing.T) {
	files, err := filepath.Glob("../testdata/lab/*.outcomes.json")
	if err != nil || len(files) < 25 {
		t.Fatalf("lab outcome labels: %d files (%v)", len(files), err)
	}
	seen := map[Outcome]int{}
	for _, lf := range files {
		name := strings.TrimSuffix(filepath.Base(lf), ".outcomes.json")
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(lf)
			if err != nil {
				t.Fatal(err)
			}
			var labels []labOutcome
			if err := json.Unmarshal(b, &labels); err != nil {
				t.Fatal(err)
			}
			idx := loadIndex(t, filepath.Join("../testdata/lab", name+".pcap"))
			got := AllOutcomes(idx, Analyze(idx))
			if len(got) != len(labels) {
				t.Fatalf("%d connections judged, %d labelled", len(got), len(labels))
			}
			for k, l := range labels {
				o := got[k]
				if o.Stream != l.Stream || string(o.Outcome) != l.Outcome || string(o.By) != l.By {
					t.Errorf("stream %d: got %s by %s (%s), label %s by %s (%s)\n%s",
						l.Stream, o.Outcome, o.By, o.Confidence, l.Outcome, l.By, l.Note, o.Explanation)
				}
				seen[o.Outcome]++
			}
		})
	}
	for _, info := range Outcomes() {
		if seen[info.Code] == 0 {
			t.Errorf("no lab capture labelled %s", info.Code)
		}
	}
}
