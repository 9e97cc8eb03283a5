package vantage

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// dnsEvent is one line of testdata/twoside/udp/dns.ledger.jsonl, the
// account of the bridge between the two points of a real DNS exchange
// (testdata/twoside/udp/run.sh): every datagram it passed, dropped, or
// forged in the server's name, named by ports and IP ID.
type dnsEvent struct {
	Event string `json:"event"`
	Dir   string `json:"dir"`
	Sport uint16 `json:"sport"`
	Dport uint16 `json:"dport"`
	IPID  uint16 `json:"ipid"`
}

// TestUDPPair: the eight DNS lookups are eight UDP conversations, each
// paired (by addresses and ports); every datagram the bridge passed is
// matched to the same datagram at the other point; the dropped query
// (client to server) and the dropped response (server to client) are
// lost between the points at their sender's end, each with the same
// datagram sent again located at the receiver's end; the forged answer
// is the only datagram not sent by its claimed sender. The server file's
// clock was set 0.75 s fast (editcap -t 0.75): the offset is that within
// the bound. Either file first.
func TestUDPPair(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(twosideDir, "udp", "dns.ledger.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	var ledger []dnsEvent
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var e dnsEvent
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatal(err)
		}
		ledger = append(ledger, e)
	}
	for _, serverFirst := range []bool{false, true} {
		cli, srv := load(t, "udp/dns.client.pcap"), load(t, "udp/dns.server.pcap")
		a, b, ci := cli, srv, 0
		if serverFirst {
			a, b, ci = srv, cli, 1
		}
		p := Align(a, b)
		if p.Clock.NearClient != ci {
			t.Fatalf("near client %d, want %d", p.Clock.NearClient, ci)
		}
		skew := 0.75
		if serverFirst {
			skew = -skew
		}
		if d := math.Abs(float64(p.Clock.Offset)/1e9 - skew); d*1e9 > float64(p.Clock.Bound) {
			t.Errorf("offset %d ns, skew %.2f s, bound %d ns", p.Clock.Offset, skew, p.Clock.Bound)
		}
		paired := 0
		for _, cn := range p.Conns {
			if !cn.UDP || !cn.Paired() || cn.NAT || cn.Unaligned {
				t.Errorf("conversation %+v", cn.Flow)
			}
			paired++
		}
		if paired != 8 {
			t.Errorf("%d conversations paired, want 8", paired)
		}
		segs := segsByFrame(p)
		frame := func(c Capture, e dnsEvent) int {
			for i := range c.Idx.Len() {
				pk := c.Idx.Packet(i)
				if pk.SrcPort == e.Sport && pk.DstPort == e.Dport && pk.IPID == e.IPID {
					return i + 1
				}
			}
			return 0
		}
		caps := [2]Capture{a, b}
		var wantLoss []Loss
		for _, e := range ledger {
			at := [2]int{frame(a, e), frame(b, e)}
			switch e.Event {
			case "pass":
				s, ok := segs[[2]int{0, at[0]}]
				if at[0] == 0 || at[1] == 0 || !ok || s.Fate != Both || int(s.Pkt[1])+1 != at[1] {
					t.Errorf("%+v: frames %v, seg %+v", e, at, s)
				}
			case "drop", "forged":
				c := 0
				if at[0] == 0 {
					c = 1
				}
				if at[1-c] != 0 || at[c] == 0 {
					t.Fatalf("%+v: frames %v", e, at)
				}
				l := Loss{Fate: LostBetween, At: Sighting{Capture: c, File: caps[c].Name, Frame: at[c]}}
				if e.Event == "forged" {
					l.Fate = NotSent
				}
				wantLoss = append(wantLoss, l)
			}
		}
		got := p.Losses()
		if len(got) != len(wantLoss) {
			t.Fatalf("%d losses, ledger %d: %+v", len(got), len(wantLoss), got)
		}
		for _, w := range wantLoss {
			found := false
			for _, l := range got {
				if l.Fate == w.Fate && l.At == w.At && l.UDP {
					found = true
					if l.Fate == LostBetween && l.Again.Frame == 0 {
						t.Errorf("%s frame %d: the datagram sent again was not located", w.At.File, w.At.Frame)
					}
				}
			}
			if !found {
				t.Errorf("no %s at %s frame %d in %+v", w.Fate, w.At.File, w.At.Frame, got)
			}
		}
	}
}

// TestReceiverCaptureDropsLowerTheLoss: the lab's drops scenario (ledger:
// the wire dropped the client's second request, client file frame 8, and
// the server's first response, server file frame 6) with the server end's
// file rewritten as pcapng whose statistics admit one dropped packet
// (capdrop-recv.server.pcapng, testdata/twoside/capdrop.go; the same 17
// frames). The request never seen at the server's end may have been
// dropped by that capture, so it is Uncaptured, not LostBetween; the
// response, whose receiver's capture (the client's pcap) admits nothing,
// stays LostBetween. With the plain pcap both are LostBetween. Either
// file first; the retransmission is located for both.
func TestReceiverCaptureDropsLowerTheLoss(t *testing.T) {
	for _, tc := range []struct {
		server  string
		request Fate
	}{
		{"capdrop-recv.server.pcapng", Uncaptured},
		{"drops.server.pcap", LostBetween},
	} {
		for _, serverFirst := range []bool{false, true} {
			cli, srv := load(t, "drops.client.pcap"), load(t, tc.server)
			a, b, ci := cli, srv, 0
			if serverFirst {
				a, b, ci = srv, cli, 1
			}
			p := Align(a, b)
			segs := segsByFrame(p)
			if s := segs[[2]int{ci, 8}]; s.Fate != tc.request {
				t.Errorf("%s, server first %v: client frame 8 %s, want %s", tc.server, serverFirst, s.Fate, tc.request)
			}
			if s := segs[[2]int{1 - ci, 6}]; s.Fate != LostBetween {
				t.Errorf("%s, server first %v: server frame 6 %s, want lost-between", tc.server, serverFirst, s.Fate)
			}
			n := 0
			for _, l := range p.Losses() {
				if l.Again.Frame == 0 {
					t.Errorf("%+v: retransmission not located", l)
				}
				if l.At.Capture == ci && l.At.Frame == 8 && l.Fate == tc.request {
					n++
				}
			}
			if n != 1 {
				t.Errorf("%s, server first %v: %d losses at client frame 8 as %s: %+v", tc.server, serverFirst, n, tc.request, p.Losses())
			}
		}
	}
}

// TestIndependentPairLossesEitherOrder: on the independent pair the
// losses do not depend on which file comes first, and they are the
// ledger's (independent/ledger.jsonl): each segment the bridge dropped
// (named by its sender's IP ID) lost between the points at its sender's
// end, each forged reset not sent, and nothing lost before the first
// point — the bridge sits between the two tcpdumps, and the server's own
// capture saw every segment the server sent. Client-first used to report
// stream 7's bytes 1449-14481 lost before the first point: the server's
// segments were walked in the client's order, where the two drops'
// retransmissions arrive late, so the server's later segments looked
// like a gap at the server's end.
func TestIndependentPairLossesEitherOrder(t *testing.T) {
	const dir = "independent/"
	b, err := os.ReadFile(filepath.Join(twosideDir, dir+"ledger.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	type entry struct {
		Event, Dir string
		IPID       uint16
	}
	want := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var e entry
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatal(err)
		}
		switch {
		case e.Event == "drop" && e.Dir == "c2s":
			want[fmt.Sprintf("lost-between %sclient.pcap IP ID %d", dir, e.IPID)] = true
		case e.Event == "drop":
			want[fmt.Sprintf("lost-between %sserver.pcap IP ID %d", dir, e.IPID)] = true
		}
	}
	// The forged pair (IP ID 0x3c1f), one toward each end: tshark -Y
	// ip.id==0x3c1f gives client.pcap frame 170 and server.pcap 171.
	want[fmt.Sprintf("not-sent %sclient.pcap IP ID %d", dir, 0x3c1f)] = true
	want[fmt.Sprintf("not-sent %sserver.pcap IP ID %d", dir, 0x3c1f)] = true
	for _, serverFirst := range []bool{false, true} {
		a, b := load(t, dir+"client.pcap"), load(t, dir+"server.pcap")
		if serverFirst {
			a, b = b, a
		}
		p := Align(a, b)
		got := map[string]bool{}
		for _, l := range p.Losses() {
			ipid := -1
			if l.Fate != LostBefore {
				ipid = int(p.Cap[l.At.Capture].Idx.Packet(l.At.Frame - 1).IPID)
			}
			got[fmt.Sprintf("%s %s IP ID %d", l.Fate, l.At.File, ipid)] = true
			if l.Fate == LostBefore {
				t.Errorf("server first %v: stream %d bytes %d-%d lost before the first point; the ledger has no such loss", serverFirst, l.Stream, l.Seq, l.End)
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("server first %v: losses\n%v\nledger\n%v", serverFirst, got, want)
		}
	}
}

// TestUDPConversationSeenAtOnePoint: dig asks again from a new socket, so
// the query the bridge dropped (testdata/twoside/udp/dig.ledger.jsonl,
// the third query datagram) is a conversation of its own that only the
// client's end saw. The server's end saw other conversations between the
// same two hosts, so it was on their path: the lone query is lost between
// the points at the client's end, whichever file comes first. Every loss
// is the ledger's (the dropped query and response, the forged answer, by
// sender and IP ID), and the other nine conversations are paired. Paired
// with another run's server file (dns.server.pcap: the same hosts, no
// conversation in common), nothing is judged: nothing shows that capture
// was on the path of these conversations.
func TestUDPConversationSeenAtOnePoint(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(twosideDir, "udp", "dig.ledger.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var e dnsEvent
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatal(err)
		}
		switch {
		case e.Event == "drop" && e.Dir == "c2s":
			want[fmt.Sprintf("lost-between udp/dig.client.pcap IP ID %d", e.IPID)] = true
		case e.Event == "drop":
			want[fmt.Sprintf("lost-between udp/dig.server.pcap IP ID %d", e.IPID)] = true
		case e.Event == "forged":
			want[fmt.Sprintf("not-sent udp/dig.client.pcap IP ID %d", e.IPID)] = true
		}
	}
	for _, serverFirst := range []bool{false, true} {
		a, b := load(t, "udp/dig.client.pcap"), load(t, "udp/dig.server.pcap")
		if serverFirst {
			a, b = b, a
		}
		p := Align(a, b)
		paired, alone := 0, 0
		for _, cn := range p.Conns {
			if cn.Paired() {
				paired++
			} else {
				alone++
			}
		}
		if paired != 9 || alone != 1 {
			t.Errorf("server first %v: %d paired, %d seen at one point; want 9, 1", serverFirst, paired, alone)
		}
		got := map[string]bool{}
		for _, l := range p.Losses() {
			got[fmt.Sprintf("%s %s IP ID %d", l.Fate, l.At.File, p.Cap[l.At.Capture].Idx.Packet(l.At.Frame-1).IPID)] = true
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("server first %v: losses\n%v\nledger\n%v", serverFirst, got, want)
		}
	}
	p := Align(load(t, "udp/dig.client.pcap"), load(t, "udp/dns.server.pcap"))
	if l := p.Losses(); len(l) != 0 {
		t.Errorf("unrelated runs: %d losses judged: %+v", len(l), l)
	}
}
