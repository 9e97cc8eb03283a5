package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"os"
	"strings"

	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
	"github.com/ladder-dev/ladder/analysis"
)

// Cause codes, the fixed vocabulary shared with the RST explainer.
const (
	causeRefused        = "refused"           // SYN to a port with no listener
	causeAbort          = "abort"             // the application closed its own connection abortively
	causeAfterClose     = "after-close"       // the sender had already ended the connection (FIN, RST sent or accepted)
	causeNoConnection   = "no-connection"     // the sender never heard of the connection (half-open, lost state)
	causeStaleHandshake = "stale-handshake"   // a SYN met old connection state: ACK, then RST
	causeChallenge      = "challenge"         // RFC 5961 challenge ACK, then RST
	causeBacklog        = "backlog"           // accept queue overflow with tcp_abort_on_overflow=1
	causeKeepalive      = "keepalive-timeout" // keep-alive probes unanswered
	causeInjected       = "injected"          // forged by a middlebox
	causeUnknown        = "unknown"
)

// knownCauses are the codes a label may carry: the explainer's own table.
var knownCauses = func() map[string]bool {
	m := map[string]bool{}
	for _, c := range analysis.Causes() {
		m[string(c.Code)] = true
	}
	return m
}()

// side of the connection a packet comes from (or claims to).
type side int

const (
	clientSide side = iota
	serverSide
)

func (s side) String() string {
	if s == clientSide {
		return "client"
	}
	return "server"
}

// want is one reset a scenario must produce, in capture order. A scenario
// knows who resets and why because it made it happen; the capture only has
// to confirm that the resets really went out the way the scenario intends.
type want struct {
	from  side
	flags string // "RST" (bare) or "RST/ACK"
	cause string
	note  string
	ttl   uint8 // if non-zero, the reset must carry this TTL/hop limit
}

// Outcome codes, the fixed vocabulary shared with ladder's connection
// outcomes (how each TCP connection ended), and who ended it.
const (
	outcomeCompleted       = "completed"
	outcomeReset           = "reset"
	outcomeRefused         = "refused"
	outcomeUnanswered      = "unanswered"
	outcomeICMPUnreachable = "icmp-unreachable"
	outcomeHandshakeFailed = "handshake-failed"
	outcomeTimedOut        = "timed-out"
	outcomeStalled         = "stalled"
	outcomeHalfClosed      = "half-closed"
	outcomeOpen            = "open"

	byClient  = "client"
	byServer  = "server"
	byNetwork = "network"
	byNone    = "none"
)

var knownOutcomes = map[string]bool{
	outcomeCompleted: true, outcomeReset: true, outcomeRefused: true, outcomeUnanswered: true,
	outcomeICMPUnreachable: true, outcomeHandshakeFailed: true, outcomeTimedOut: true, outcomeStalled: true,
	outcomeHalfClosed: true, outcomeOpen: true,
}

var knownBy = map[string]bool{byClient: true, byServer: true, byNetwork: true, byNone: true}

// outcomeLabel is one entry of NAME.outcomes.json: how the connection with
// that tcp.stream number ended, known from how the scenario made it end.
// A scenario lists one per TCP connection, in the order they start.
type outcomeLabel struct {
	Stream  int    `json:"stream"`
	Outcome string `json:"outcome"`
	By      string `json:"by"`
	Note    string `json:"note"`
}

// ended declares one connection's outcome; the stream numbers follow the
// order of the list.
func ended(outcome, by, note string) outcomeLabel {
	return outcomeLabel{Outcome: outcome, By: by, Note: note}
}

// outcomeLabels numbers a scenario's declared outcomes by stream and checks
// that the capture has exactly that many TCP connections (distinct client
// port and initial sequence number among the clients' SYNs, as tcp.stream
// counts them in the lab's captures).
func outcomeLabels(conns int, declared []outcomeLabel) ([]outcomeLabel, error) {
	if conns != len(declared) {
		return nil, fmt.Errorf("the capture has %d TCP connections, the scenario declares %d outcomes", conns, len(declared))
	}
	out := make([]outcomeLabel, len(declared))
	for i, o := range declared {
		if !knownOutcomes[o.Outcome] || !knownBy[o.By] {
			return nil, fmt.Errorf("connection %d: %q by %q is not a known outcome", i, o.Outcome, o.By)
		}
		o.Stream = i
		out[i] = o
	}
	return out, nil
}

// label is one line of NAME.labels.json.
type label struct {
	Frame int    `json:"frame"`
	Cause string `json:"cause"`
	Note  string `json:"note"`
}

// reset is a RST found in a capture.
type reset struct {
	frame int // 1-based position in the pcap
	seg   segment
}

// readResets walks a capture and returns every TCP reset in it and the
// total number of frames.
func readResets(path string) ([]reset, int, error) {
	resets, frames, _, err := readCapture(path)
	return resets, frames, err
}

// readCapture walks a capture and returns every TCP reset in it, the total
// number of frames and the number of TCP connections the client opened.
// ICMP errors the wire forged are skipped; anything else that is not
// TCP/IP is an error.
func readCapture(path string) ([]reset, int, int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, 0, err
	}
	defer f.Close()
	r, err := pcapgo.NewReader(f)
	if err != nil {
		return nil, 0, 0, err
	}
	parse := parseIP
	switch lt := r.LinkType(); lt {
	case layers.LinkTypeRaw:
	case layers.LinkTypeEthernet:
		parse = parseEthernet
	default:
		return nil, 0, 0, fmt.Errorf("%s: unexpected link type %v", path, lt)
	}
	var resets []reset
	// A connection is a pair of ports, and a new one for each further
	// initial sequence number among the clients' SYNs on that pair (a
	// reused port); a pair whose client never sent a SYN (a scanner's FIN
	// probe) is one connection.
	isns := map[[2]uint16]map[uint32]bool{}
	frame := 0
	for {
		data, _, err := r.ReadPacketData()
		if errors.Is(err, io.EOF) {
			conns := 0
			for _, set := range isns {
				conns += max(1, len(set))
			}
			return resets, frame, conns, nil
		}
		if err != nil {
			return nil, frame, 0, fmt.Errorf("%s frame %d: %w", path, frame+1, err)
		}
		frame++
		s, ok := parse(data)
		if !ok {
			if isICMP(data) {
				continue
			}
			return nil, frame, 0, fmt.Errorf("%s frame %d: not TCP/IP", path, frame)
		}
		pair := [2]uint16{min(s.sport, s.dport), max(s.sport, s.dport)}
		if isns[pair] == nil {
			isns[pair] = map[uint32]bool{}
		}
		if s.syn && !s.ackFlag {
			isns[pair][s.seq] = true
		}
		if s.rst {
			resets = append(resets, reset{frame: frame, seg: s})
		}
	}
}

// writeOutcomes writes the outcome label file.
func writeOutcomes(path string, labels []outcomeLabel) error {
	b, err := json.MarshalIndent(labels, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}

// matchResets pairs the resets found in a capture with the ones the
// scenario expects, one to one and in order, checking sender (by address)
// and flags. Anything else, one reset too many or too few, a reset from the
// wrong side, is an error: a wrong label is worse than none.
func matchResets(got []reset, client, server netip.Addr, wants []want) ([]label, error) {
	var problems []string
	if len(got) != len(wants) {
		problems = append(problems, fmt.Sprintf("expected %d resets, capture has %d", len(wants), len(got)))
	}
	labels := make([]label, 0, len(got))
	for i := 0; i < len(got) && i < len(wants); i++ {
		g, w := got[i], wants[i]
		if !knownCauses[w.cause] {
			problems = append(problems, fmt.Sprintf("reset %d: cause %q is not a known cause code", i+1, w.cause))
		}
		var from side
		switch {
		case g.seg.src == client && g.seg.dst == server:
			from = clientSide
		case g.seg.src == server && g.seg.dst == client:
			from = serverSide
		default:
			problems = append(problems, fmt.Sprintf("frame %d: reset between unexpected hosts: %v", g.frame, g.seg))
			continue
		}
		if from != w.from {
			problems = append(problems, fmt.Sprintf("frame %d: reset %d comes from the %v, expected the %v (%s)", g.frame, i+1, from, w.from, w.cause))
		}
		if f := g.seg.flagString(); f != w.flags {
			problems = append(problems, fmt.Sprintf("frame %d: reset %d has flags %s, expected %s (%s)", g.frame, i+1, f, w.flags, w.cause))
		}
		if w.ttl != 0 && g.seg.ttl != w.ttl {
			problems = append(problems, fmt.Sprintf("frame %d: reset %d has TTL %d, expected %d (%s)", g.frame, i+1, g.seg.ttl, w.ttl, w.cause))
		}
		labels = append(labels, label{Frame: g.frame, Cause: w.cause, Note: w.note})
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("capture does not match the scenario:\n  %s\n  resets seen:\n%s\n  resets expected:\n%s",
			strings.Join(problems, "\n  "), describeResets(got), describeWants(wants))
	}
	return labels, nil
}

func describeResets(rs []reset) string {
	var b strings.Builder
	for _, r := range rs {
		fmt.Fprintf(&b, "    frame %d: %v\n", r.frame, r.seg)
	}
	return b.String()
}

func describeWants(ws []want) string {
	var b strings.Builder
	for _, w := range ws {
		fmt.Fprintf(&b, "    %s from the %v: %s\n", w.flags, w.from, w.cause)
	}
	return b.String()
}

// writeLabels writes the label file, indented so diffs stay readable.
func writeLabels(path string, labels []label) error {
	b, err := json.MarshalIndent(labels, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}
