package vantage

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gopacket/gopacket/pcapgo"
	"github.com/ladder-dev/ladder/analysis"
	"github.com/ladder-dev/ladder/decode"
)

// The two-sided lab captures (testdata/twoside, made by `go run ./tools/lab
// -twoside`): each scenario recorded at both ends of the lab's wire, with
// the forwarder's ledger of every packet as the labels: who sent it, the
// frames where each end's capture has it, and whether the wire dropped
// it. The labels come from what the forwarder did, not from the captures.

type wirePacket struct {
	Origin       string `json:"origin"`
	Toward       string `json:"toward"`
	Flags        string `json:"flags"`
	Seq          uint32 `json:"seq"`
	Len          int    `json:"len"`
	ClientFrames []int  `json:"client_frames"`
	ServerFrames []int  `json:"server_frames"`
	Dropped      bool   `json:"dropped"`
}

type wireFile struct {
	Scenario    string       `json:"scenario"`
	ClientFile  string       `json:"client_file"`
	ServerFile  string       `json:"server_file"`
	DelayNS     int64        `json:"delay_ns"`
	SkewNS      int64        `json:"server_clock_skew_ns"`
	NAT         string       `json:"nat"`
	Packets     []wirePacket `json:"packets"`
	Connections int          `json:"connections"`
}

const twosideDir = "../../testdata/twoside"

func loadScenarios(t *testing.T) []wireFile {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(twosideDir, "*.wire.json"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no two-sided lab captures in %s: %v", twosideDir, err)
	}
	var out []wireFile
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		var w wireFile
		if err := json.Unmarshal(b, &w); err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		out = append(out, w)
	}
	return out
}

func load(t *testing.T, name string) Capture {
	t.Helper()
	src, err := decode.Open(filepath.Join(twosideDir, name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { src.Close() })
	idx := decode.Load(src)
	if idx.Err() != nil {
		t.Fatal(idx.Err())
	}
	return Capture{Name: name, Idx: idx}
}

// TestLabPairs aligns every lab pair, both ways round (client end's file
// first, then the server end's first), and checks every pairing, every
// drop's place and every reset's origin against the forwarder's ledger.
func TestLabPairs(t *testing.T) {
	for _, w := range loadScenarios(t) {
		for _, serverFirst := range []bool{false, true} {
			name := w.Scenario + "/client-first"
			if serverFirst {
				name = w.Scenario + "/server-first"
			}
			t.Run(name, func(t *testing.T) {
				cli, srv := load(t, w.ClientFile), load(t, w.ServerFile)
				ci, si := 0, 1 // which capture each end's file is
				p := Align(cli, srv)
				if serverFirst {
					ci, si = 1, 0
					p = Align(srv, cli)
				}
				checkConns(t, p, w)
				checkClock(t, p, w, ci)
				segs := segsByFrame(p)
				for k, wp := range w.Packets {
					checkPacket(t, segs, wp, ci, si, k)
				}
				checkResets(t, p, w, ci, si)
				checkLosses(t, p, w, ci, si)
			})
		}
	}
}

func checkConns(t *testing.T, p *Pair, w wireFile) {
	t.Helper()
	paired := 0
	for _, c := range p.Conns {
		if !c.Paired() {
			t.Errorf("a connection is seen in one capture only: %+v", c.Flow)
			continue
		}
		paired++
		if c.NAT != (w.NAT != "") {
			t.Errorf("connection %v: NAT %v, the scenario says %q", c.Flow, c.NAT, w.NAT)
		}
	}
	if paired != w.Connections {
		t.Errorf("%d connections paired, the scenario made %d", paired, w.Connections)
	}
}

// checkClock: the server end's clock was set wrong by the skew; the
// estimate must contain it within its bound, and the delay between the
// points must be about the wire's (the stacks and the forwarder add a
// little).
func checkClock(t *testing.T, p *Pair, w wireFile, ci int) {
	t.Helper()
	c := p.Clock
	skew := w.SkewNS
	if ci == 1 {
		skew = -skew
	}
	if !c.Known || c.NearClient != ci {
		t.Fatalf("clock %+v: want known, capture %d nearer the client", c, ci)
	}
	if d := c.Offset - skew; d > c.Bound || -d > c.Bound {
		t.Errorf("offset %d ns ± %d, true skew %d ns", c.Offset, c.Bound, skew)
	}
	if c.Delay < w.DelayNS*9/10 || c.Delay > w.DelayNS*3/2 {
		t.Errorf("one-way delay %d ns, the wire's is %d ns", c.Delay, w.DelayNS)
	}
}

// segsByFrame indexes every segment by (capture, 1-based frame).
func segsByFrame(p *Pair) map[[2]int]Seg {
	m := map[[2]int]Seg{}
	for _, c := range p.Conns {
		for _, s := range c.Segs {
			for k := range 2 {
				if s.Pkt[k] >= 0 {
					m[[2]int{k, int(s.Pkt[k]) + 1}] = s
				}
			}
		}
	}
	return m
}

func checkPacket(t *testing.T, segs map[[2]int]Seg, wp wirePacket, ci, si, k int) {
	t.Helper()
	at := [2][]int{}
	at[ci], at[si] = wp.ClientFrames, wp.ServerFrames
	desc := func() string {
		b, _ := json.Marshal(wp)
		return string(b)
	}
	switch {
	case len(at[0]) > 0 && len(at[1]) > 0:
		// Seen at both: the first copies are one segment; further copies
		// (the wire duplicated it) are copies.
		s, ok := segs[[2]int{0, at[0][0]}]
		if !ok || s.Fate != Both || int(s.Pkt[1])+1 != at[1][0] {
			t.Errorf("packet %d %s: got %+v, want frames %d and %d paired", k, desc(), s, at[0][0], at[1][0])
		}
		for c := range 2 {
			for _, fr := range at[c][1:] {
				if s := segs[[2]int{c, fr}]; s.Fate != Copy {
					t.Errorf("packet %d %s: capture %d frame %d is %v, want a copy", k, desc(), c, fr, s.Fate)
				}
			}
		}
	case wp.Origin == "middlebox":
		c := 0
		if len(at[1]) > 0 {
			c = 1
		}
		if s := segs[[2]int{c, at[c][0]}]; s.Fate != NotSent {
			t.Errorf("forged packet %d %s: %v, want not-sent", k, desc(), s.Fate)
		}
	case wp.Dropped && len(at[0]) == 0 && len(at[1]) == 0:
		// Lost before the first point: checked by checkLosses.
	case wp.Dropped:
		// Lost between the points: seen only at the sender's end.
		sender := ci
		if wp.Origin == "server" {
			sender = si
		}
		if len(at[sender]) != 1 || len(at[1-sender]) != 0 {
			t.Fatalf("ledger packet %d %s is not seen at its sender's end only", k, desc())
		}
		if s := segs[[2]int{sender, at[sender][0]}]; s.Fate != LostBetween {
			t.Errorf("dropped packet %d %s: %v, want lost-between", k, desc(), s.Fate)
		}
	default:
		t.Errorf("ledger packet %d %s: seen at one end only but neither dropped nor forged", k, desc())
	}
}

// checkResets: every reset of either file has exactly one verdict, which
// names every frame where it appears and its true origin.
func checkResets(t *testing.T, p *Pair, w wireFile, ci, si int) {
	t.Helper()
	got := map[[2]int]Reset{}
	for _, r := range p.Resets() {
		for _, s := range r.SeenIn {
			k := [2]int{s.Capture, s.Frame}
			if _, dup := got[k]; dup {
				t.Errorf("capture %d frame %d has two verdicts", s.Capture, s.Frame)
			}
			got[k] = r
		}
	}
	want := 0
	for _, wp := range w.Packets {
		if wp.Flags != "RST" && wp.Flags != "RST/ACK" {
			continue
		}
		at := [2][]int{}
		at[ci], at[si] = wp.ClientFrames, wp.ServerFrames
		for c := range 2 {
			for _, fr := range at[c] {
				want++
				r, ok := got[[2]int{c, fr}]
				if !ok {
					t.Errorf("reset at capture %d frame %d has no verdict", c, fr)
					continue
				}
				if string(r.Origin) != wp.Origin || !r.Proved {
					t.Errorf("reset at capture %d frame %d: origin %s (proved %v), the ledger says %s", c, fr, r.Origin, r.Proved, wp.Origin)
				}
				if wp.Origin == "middlebox" && (r.Cause != "injected" || r.Confidence != "high") {
					t.Errorf("forged reset at capture %d frame %d: %s/%s", c, fr, r.Cause, r.Confidence)
				}
				if wp.Origin != "middlebox" && r.Cause == "injected" {
					t.Errorf("the %s's own reset at capture %d frame %d is called injected", wp.Origin, c, fr)
				}
			}
		}
	}
	if len(got) != want {
		t.Errorf("%d reset sightings have verdicts, the ledger has %d", len(got), want)
	}
}

// TestUnrelatedCaptures: two captures of different traffic pair nothing,
// conclude nothing about any segment and prove no reset's origin.
func TestUnrelatedCaptures(t *testing.T) {
	p := Align(load(t, "forged-both.client.pcap"), load(t, "nat.server.pcap"))
	for _, c := range p.Conns {
		if c.Paired() {
			t.Errorf("connection %v paired by %s", c.Flow, c.By)
		}
		for _, s := range c.Segs {
			if s.Fate != Outside {
				t.Errorf("segment %v: %v", s.Pkt, s.Fate)
			}
		}
	}
	if p.Clock.Known || p.Clock.NearClient != -1 {
		t.Errorf("clock %+v from nothing matched", p.Clock)
	}
	rs := p.Resets()
	// Each file's own resets (tshark -Y tcp.flags.reset==1): frame 9 of
	// forged-both.client.pcap and frame 18 of nat.server.pcap.
	if len(rs) != 2 {
		t.Errorf("%d verdicts, want 2", len(rs))
	}
	for _, r := range rs {
		if r.Proved || len(r.SeenIn) != 1 {
			t.Errorf("reset %v proved %v from unrelated captures", r.SeenIn, r.Proved)
		}
	}
}

// checkLosses: every packet the wire dropped is a loss between the points
// at its sender's end, in its direction, with the retransmission that got
// through (the sender's next packet with the same sequence number that
// the other end saw, from the ledger); every forged packet is one its
// claimed sender never sent; nothing else is a loss.
func checkLosses(t *testing.T, p *Pair, w wireFile, ci, si int) {
	t.Helper()
	got := map[[2]int]Loss{}
	for _, l := range p.Losses() {
		got[[2]int{l.At.Capture, l.At.Frame}] = l
	}
	want := 0
	for k, wp := range w.Packets {
		at := [2][]int{}
		at[ci], at[si] = wp.ClientFrames, wp.ServerFrames
		var c int
		var fate Fate
		switch {
		case wp.Dropped && len(at[ci]) == 0 && len(at[si]) == 0:
			// Lost before the first point: the loss is at the sender's
			// end, at the sender's next segment (the one after the gap).
			c, fate = ci, LostBefore
			if wp.Origin == "server" {
				c = si
			}
			for _, r := range w.Packets[k+1:] {
				rat := [2][]int{}
				rat[ci], rat[si] = r.ClientFrames, r.ServerFrames
				if r.Origin == wp.Origin && r.Seq == wp.Seq+uint32(wp.Len) && len(rat[c]) > 0 {
					at[c] = rat[c]
					break
				}
			}
		case wp.Dropped:
			c, fate = ci, LostBetween
			if wp.Origin == "server" {
				c = si
			}
		case wp.Origin == "middlebox":
			c, fate = ci, NotSent
			if wp.Toward == "server" {
				c = si
			}
		default:
			continue
		}
		want++
		l, ok := got[[2]int{c, at[c][0]}]
		if !ok {
			t.Errorf("ledger packet %d (%s %s) is not among the losses", k, wp.Origin, wp.Flags)
			continue
		}
		// Both files call 10.77.0.1 (its SYN) the client, whichever is first.
		dir := uint8(0)
		if wp.Toward == "client" {
			dir = 1
		}
		if l.Fate != fate || l.Dir != dir || l.End-l.Seq != uint32(wp.Len) {
			t.Errorf("ledger packet %d (%s %s len %d): loss %+v", k, wp.Origin, wp.Flags, wp.Len, l)
		}
		again := 0
		if wp.Dropped && wp.Len > 0 {
			for _, r := range w.Packets[k+1:] {
				rat := [2][]int{}
				rat[ci], rat[si] = r.ClientFrames, r.ServerFrames
				if r.Origin == wp.Origin && r.Seq == wp.Seq && r.Len > 0 && len(rat[1-c]) > 0 {
					again = rat[1-c][0]
					break
				}
			}
		}
		if l.Again.Frame != again || (again != 0 && l.Again.Capture != 1-c) {
			t.Errorf("ledger packet %d: retransmission seen at %+v, the ledger says frame %d of capture %d", k, l.Again, again, 1-c)
		}
	}
	if len(got) != want {
		t.Errorf("%d losses, the ledger has %d", len(got), want)
	}
}

// TestIndependentPair checks the pair in testdata/twoside/independent,
// made without tools/lab: tcpdump at both ends, a Python bridge between
// them that drops data segments at random and forges one RST toward each
// end, its ledger (ledger.jsonl) as the labels. Every connection is
// paired, every dropped segment (named by direction and IP ID: the Linux
// senders give each segment its own) is lost between the points at its
// sender's end and nothing else is, the two forged resets (IP ID 0x3c1f)
// are the only segments not sent by their claimed sender, and every other
// reset is the server's own, proved. The two recorders share the host's
// clock: the offset is zero within its bound.
func TestIndependentPair(t *testing.T) {
	const dir = "independent/"
	cli, srv := load(t, dir+"client.pcap"), load(t, dir+"server.pcap")
	b, err := os.ReadFile(filepath.Join(twosideDir, dir+"ledger.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	type entry struct {
		Event, Dir, Toward string
		IPID               uint16
	}
	wantLost := map[[2]int]bool{} // (sender's capture, IP ID)
	forged := 0
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var e entry
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatal(err)
		}
		switch e.Event {
		case "drop":
			c := 0
			if e.Dir == "s2c" {
				c = 1
			}
			wantLost[[2]int{c, int(e.IPID)}] = true
		case "forged":
			forged++
		}
	}
	p := Align(cli, srv)
	if p.Clock.NearClient != 0 || p.Clock.Offset > p.Clock.Bound || -p.Clock.Offset > p.Clock.Bound {
		t.Errorf("clock %+v: want capture 0 nearer the client, offset 0 within the bound", p.Clock)
	}
	for _, c := range p.Conns {
		if !c.Paired() {
			t.Errorf("connection %v not paired", c.Flow)
		}
	}
	if len(p.Conns) != 8 {
		t.Errorf("%d connections, the client made 8", len(p.Conns))
	}
	gotLost := map[[2]int]bool{}
	notSent := 0
	for _, c := range p.Conns {
		for _, s := range c.Segs {
			k := s.Seen()
			pk := p.Cap[k].Idx.Packet(int(s.Pkt[k]))
			switch s.Fate {
			case LostBetween:
				gotLost[[2]int{k, int(pk.IPID)}] = true
			case NotSent:
				notSent++
				if pk.IPID != 0x3c1f {
					t.Errorf("capture %d frame %d (IP ID %#x) called not sent", k, s.Pkt[k]+1, pk.IPID)
				}
			case Both:
			default:
				t.Errorf("capture %d frame %d: %v", k, s.Pkt[k]+1, s.Fate)
			}
		}
	}
	for k := range wantLost {
		if !gotLost[k] {
			t.Errorf("dropped segment (capture %d, IP ID %d) not located", k[0], k[1])
		}
	}
	for k := range gotLost {
		if !wantLost[k] {
			t.Errorf("segment (capture %d, IP ID %d) called lost, the forwarder did not drop it", k[0], k[1])
		}
	}
	if notSent != forged {
		t.Errorf("%d segments not sent by their claimed sender, %d forged", notSent, forged)
	}
	// tshark -Y tcp.flags.reset==1: client.pcap frames 165, 170, 171;
	// server.pcap frames 168, 171, 173. 170 (client) and 171 (server)
	// carry IP ID 0x3c1f, the forger's.
	want := map[Sighting]Origin{
		{0, dir + "client.pcap", 165}: OriginServer, {1, dir + "server.pcap", 168}: OriginServer,
		{0, dir + "client.pcap", 170}: OriginMiddlebox, {1, dir + "server.pcap", 171}: OriginMiddlebox,
		{0, dir + "client.pcap", 171}: OriginServer, {1, dir + "server.pcap", 173}: OriginServer,
	}
	n := 0
	for _, r := range p.Resets() {
		for _, s := range r.SeenIn {
			n++
			if o, ok := want[s]; !ok || o != r.Origin || !r.Proved {
				t.Errorf("reset %+v: origin %s proved %v, want %s", s, r.Origin, r.Proved, o)
			}
		}
	}
	if n != len(want) {
		t.Errorf("%d reset sightings, want %d", n, len(want))
	}
}

// TestCaptureDropIsNotForgery: a capture that misses a packet (tcpdump's
// "dropped by kernel") must not make the packet look forged. Frame 4 of
// drops.client.pcap, the client's first request (the ledger has it at
// both ends: client frame 4, server frame 4), is left out of a copy of the
// client end's file: the server end's frame 4 is then missed by the other
// capture, not "not sent", and the wire's two drops are still located.
func TestCaptureDropIsNotForgery(t *testing.T) {
	in, err := os.Open(filepath.Join(twosideDir, "drops.client.pcap"))
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	r, err := pcapgo.NewReader(in)
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(t.TempDir(), "drops.client-missing-4.pcap")
	out, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	w := pcapgo.NewWriterNanos(out)
	if err := w.WriteFileHeader(65535, r.LinkType()); err != nil {
		t.Fatal(err)
	}
	for fr := 1; ; fr++ {
		data, ci, err := r.ReadPacketData()
		if err != nil {
			break
		}
		if fr != 4 {
			if err := w.WritePacket(ci, data); err != nil {
				t.Fatal(err)
			}
		}
	}
	out.Close()
	src, err := decode.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	p := Align(Capture{Name: name, Idx: decode.Load(src)}, load(t, "drops.server.pcap"))
	fates := map[Fate]int{}
	for _, c := range p.Conns {
		for _, s := range c.Segs {
			fates[s.Fate]++
			if s.Fate == Missed && s.Pkt[1] != 3 {
				t.Errorf("server end's frame %d called missed", s.Pkt[1]+1)
			}
		}
	}
	if fates[Missed] != 1 || fates[NotSent] != 0 || fates[LostBetween] != 2 {
		t.Errorf("fates %v: want 1 missed (server frame 4), 2 lost between the points, none not sent", fates)
	}
	if n := len(p.Losses()); n != 2 {
		t.Errorf("%d losses, want the wire's 2", n)
	}
}

// rewritePcap copies a lab capture (raw IPv4) into dir, leaving out the
// frames drop says and passing every other packet through edit.
func rewritePcap(t *testing.T, dir, name string, drop func(fr int) bool, edit func(pkt []byte)) string {
	t.Helper()
	in, err := os.Open(filepath.Join(twosideDir, name))
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	r, err := pcapgo.NewReader(in)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	w := pcapgo.NewWriterNanos(out)
	if err := w.WriteFileHeader(65535, r.LinkType()); err != nil {
		t.Fatal(err)
	}
	for fr := 1; ; fr++ {
		data, ci, err := r.ReadPacketData()
		if err != nil {
			return path
		}
		if drop(fr) {
			continue
		}
		pkt := append([]byte(nil), data...)
		edit(pkt)
		if err := w.WritePacket(ci, pkt); err != nil {
			t.Fatal(err)
		}
	}
}

// TestRewrittenSequenceNumbersProveNothing: a firewall between the points
// that randomises the server's sequence numbers (Cisco ASA's default)
// makes no segment line up. With the handshake out of view the
// connection still pairs by its addresses; it must be marked unaligned,
// and nothing seen at one point only may be called lost or forged (here
// no clock can be estimated either; with other connections giving one,
// Unaligned alone keeps the fates at outside). The drops pair with frames
// 1-3 (the handshake) left out of both files and the server's sequence
// numbers (and the client's acknowledgements of them) moved by 0x01000000
// in the server end's file, as such a firewall would.
func TestRewrittenSequenceNumbersProveNothing(t *testing.T) {
	dir := t.TempDir()
	handshake := func(fr int) bool { return fr <= 3 }
	keep := func([]byte) {}
	server := [4]byte{10, 77, 0, 2}
	shift := func(pkt []byte) {
		tcp := int(pkt[0]&0x0f) * 4
		at := tcp + 8 // the client's ack
		if [4]byte(pkt[12:16]) == server {
			at = tcp + 4 // the server's seq
		}
		binary.BigEndian.PutUint32(pkt[at:], binary.BigEndian.Uint32(pkt[at:])+0x01000000)
	}
	a := rewritePcap(t, dir, "drops.client.pcap", handshake, keep)
	b := rewritePcap(t, dir, "drops.server.pcap", handshake, shift)
	var caps [2]Capture
	for k, n := range []string{a, b} {
		src, err := decode.Open(n)
		if err != nil {
			t.Fatal(err)
		}
		defer src.Close()
		caps[k] = Capture{Name: n, Idx: decode.Load(src)}
	}
	p := Align(caps[0], caps[1])
	if len(p.Conns) != 1 || !p.Conns[0].Paired() || !p.Conns[0].Unaligned {
		t.Fatalf("connections %+v: want one, paired by its addresses, unaligned", p.Conns)
	}
	for _, s := range p.Conns[0].Segs {
		if s.Fate != Both && s.Fate != Outside {
			t.Errorf("segment %v judged %v", s.Pkt, s.Fate)
		}
	}
	if l := p.Losses(); len(l) != 0 {
		t.Errorf("losses %+v", l)
	}
}

// TestAdmittedCaptureDropProvesNothing: capdrop.client.pcapng is
// seed-crossing's client end without the client's own RST/ACK (client
// frame 11, server frame 13 in the ledger), its interface statistics
// admitting one packet dropped (testdata/twoside/capdrop.go). The server
// end's frame 13 then has no copy at the client's end, but that capture
// may have dropped it: unseen, the client's (the server-side rules'
// verdict, abort), not proved. The same frames with statistics claiming
// no drop (capdrop-nodrop) are believed: the reset is called forged —
// the claim rests on the capture's own account of its drops. The other
// reset (the bare RST, in both files) stays proved either way. Either
// file first.
func TestAdmittedCaptureDropProvesNothing(t *testing.T) {
	for _, tc := range []struct {
		client string
		fate   Fate
		origin Origin
		cause  analysis.Cause
		proved bool
	}{
		{"capdrop.client.pcapng", Unseen, OriginClient, analysis.CauseAbort, false},
		{"capdrop-nodrop.client.pcapng", NotSent, OriginMiddlebox, analysis.CauseInjected, true},
	} {
		for _, clientFirst := range []bool{true, false} {
			t.Run(fmt.Sprintf("%s first=%v", tc.client, clientFirst), func(t *testing.T) {
				a, b := load(t, tc.client), load(t, "seed-crossing.server.pcap")
				srv := 1
				if !clientFirst {
					a, b, srv = b, a, 0
				}
				p := Align(a, b)
				wantDrops := uint64(0)
				if tc.fate == Unseen {
					wantDrops = 1
				}
				if p.Dropped[1-srv] != wantDrops || p.Dropped[srv] != 0 {
					t.Fatalf("drops %v", p.Dropped)
				}
				var found []Reset
				for _, r := range p.Resets() {
					for _, s := range r.SeenIn {
						if s.Capture == srv && s.Frame == 13 {
							found = append(found, r)
						}
					}
					if len(r.SeenIn) == 2 && (!r.Proved || r.Origin != OriginClient) {
						t.Errorf("the bare RST seen at both ends: origin %s proved %v", r.Origin, r.Proved)
					}
				}
				if len(found) != 1 {
					t.Fatalf("%d verdicts on server frame 13", len(found))
				}
				r := found[0]
				if len(r.SeenIn) != 1 || r.Origin != tc.origin || r.Cause != tc.cause || r.Proved != tc.proved {
					t.Errorf("seen %v origin %s cause %s proved %v; want %s %s %v", r.SeenIn, r.Origin, r.Cause, r.Proved, tc.origin, tc.cause, tc.proved)
				}
				if tc.fate == Unseen && !strings.Contains(r.Explanation, "that capture dropped 1 packet") {
					t.Errorf("explanation: %s", r.Explanation)
				}
				fates := map[Fate]int{}
				for _, cn := range p.Conns {
					for _, s := range cn.Segs {
						fates[s.Fate]++
					}
				}
				if fates[tc.fate] != 1 || fates[Unseen]+fates[NotSent] != 1 {
					t.Errorf("fates %v", fates)
				}
			})
		}
	}
}

// TestOffloadedSegments: seed-crossing.server-tso.pcap and .client-gro.pcap are
// seed-crossing's two ends with the server's two response segments
// (ledger: 1200 and 476 bytes, frames 6 and 7 at both ends) merged into
// one, as a capture on a host with TSO (the sender's) or GRO (the
// receiver's) sees them (testdata/twoside/merge.go). Paired with the
// other end's wire-sized file, either first, the merged segment goes with
// both pieces, nothing is lost between the points or not sent (the
// ledger's only oddity, the duplicated request, is still a copy), and both
// resets stay the client's, proved.
func TestOffloadedSegments(t *testing.T) {
	for _, tc := range []struct{ merged, wire string }{
		{"seed-crossing.server-tso.pcap", "seed-crossing.client.pcap"},
		{"seed-crossing.client-gro.pcap", "seed-crossing.server.pcap"},
	} {
		for _, mergedFirst := range []bool{true, false} {
			t.Run(fmt.Sprintf("%s first=%v", tc.merged, mergedFirst), func(t *testing.T) {
				a, b := load(t, tc.merged), load(t, tc.wire)
				mc := 0
				if !mergedFirst {
					a, b, mc = b, a, 1
				}
				p := Align(a, b)
				if len(p.Conns) != 1 || !p.Conns[0].Paired() {
					t.Fatalf("conns %+v", p.Conns)
				}
				fates := map[Fate]int{}
				var pieces []int32 // wire frames (0-based) paired with the merged frame 6
				for _, s := range p.Conns[0].Segs {
					fates[s.Fate]++
					if s.Pkt[mc] == 5 {
						pieces = append(pieces, s.Pkt[1-mc])
					}
				}
				if len(pieces) != 2 || pieces[0] != 5 || pieces[1] != 6 {
					t.Errorf("merged frame 6 paired with %v, want frames 6 and 7 (0-based 5, 6)", pieces)
				}
				if fates[LostBetween]+fates[NotSent]+fates[Outside] != 0 || fates[Copy] != 1 {
					t.Errorf("fates %v: want every segment both but the one copy", fates)
				}
				rs := p.Resets()
				if len(rs) != 2 {
					t.Fatalf("%d resets", len(rs))
				}
				for _, r := range rs {
					if r.Origin != OriginClient || !r.Proved || len(r.SeenIn) != 2 {
						t.Errorf("reset %v: origin %s proved %v", r.SeenIn, r.Origin, r.Proved)
					}
				}
				if p.Clock.NearClient < 0 || p.Clock.Bound <= 0 {
					t.Errorf("clock %+v", p.Clock)
				}
			})
		}
	}
}

// TestDriftingClock: independent/server-drift.pcap is the independent
// pair's server end with a clock running 1% fast (testdata/twoside/
// drift.go). A constant offset then fits no ordering of the points (the
// server's clock gains 49 ms over the capture, against 20 ms one way).
// Fitting the drift: it comes out within 1% of the truth (+10,000 ppm, or
// 1/1.01 − 1 with the drifting file first), the bound stays within 10% of
// the undrifted pair's, and the same segments are lost, at the same
// frames, and the same resets attributed as with the true clock (the
// undrifted pair in the same order). On the undrifted pair the constant
// offset is kept (Drift 0).
func TestDriftingClock(t *testing.T) {
	ind := func(name string) Capture { return load(t, filepath.Join("independent", name)) }
	type lossKey struct {
		fate      Fate
		dir       uint8
		seq, end  uint32
		at, again Sighting
	}
	summary := func(p *Pair) (map[lossKey]bool, string) {
		out := map[lossKey]bool{}
		for _, l := range p.Losses() {
			l.At.File, l.Again.File = "", ""
			out[lossKey{l.Fate, l.Dir, l.Seq, l.End, l.At, l.Again}] = true
		}
		origins := map[Origin]int{}
		for _, r := range p.Resets() {
			if r.Proved {
				origins[r.Origin]++
			}
		}
		return out, fmt.Sprint(origins)
	}
	for _, driftFirst := range []bool{false, true} {
		t.Run(fmt.Sprintf("drifting first=%v", driftFirst), func(t *testing.T) {
			a, b, d := ind("client.pcap"), ind("server.pcap"), ind("server-drift.pcap")
			rate := 0.01
			truth, p := Align(a, b), Align(a, d)
			if driftFirst {
				rate = 1/1.01 - 1
				truth, p = Align(b, a), Align(d, a)
			}
			if truth.Clock.Drift != 0 {
				t.Fatalf("the undrifted pair fits a drift of %g", truth.Clock.Drift)
			}
			c := p.Clock
			if c.NearClient < 0 || math.Abs(c.Drift-rate) > math.Abs(rate)/100 {
				t.Fatalf("clock %+v, want drift %g", c, rate)
			}
			if d := float64(c.Bound - truth.Clock.Bound); math.Abs(d) > float64(truth.Clock.Bound)/10 {
				t.Errorf("bound %d ns, undrifted %d", c.Bound, truth.Clock.Bound)
			}
			want, wantOrigins := summary(truth)
			got, gotOrigins := summary(p)
			if len(want) < 10 {
				t.Fatalf("%d losses on the undrifted pair", len(want))
			}
			for k := range want {
				if !got[k] {
					t.Errorf("loss %+v not found with the drifting clock", k)
				}
			}
			for k := range got {
				if !want[k] {
					t.Errorf("loss %+v only with the drifting clock", k)
				}
			}
			if gotOrigins != wantOrigins {
				t.Errorf("proved origins %s, undrifted %s", gotOrigins, wantOrigins)
			}
		})
	}
}
