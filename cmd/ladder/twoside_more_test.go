package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/ladder-dev/ladder/decode"
)

// ledgerBytes is, from a lab ledger alone, how many payload bytes each
// direction carried at one end's capture point: every distinct segment
// (a retransmission or a duplicate counts once) the ledger lists with a
// frame at that end.
func ledgerBytes(l ledger, atClient bool) (c2s, s2c int) {
	type seg struct {
		origin string
		seq    uint32
	}
	seen := map[seg]bool{}
	for _, p := range l.Packets {
		frames := p.ServerFrames
		if atClient {
			frames = p.ClientFrames
		}
		if len(frames) == 0 || p.Len == 0 || seen[seg{p.Origin, p.Seq}] {
			continue
		}
		seen[seg{p.Origin, p.Seq}] = true
		switch p.Origin {
		case "client":
			c2s += p.Len
		case "server":
			s2c += p.Len
		}
	}
	return c2s, s2c
}

// TestFollowTwoCaptures: `follow A B --stream 0` prints the stream as
// each point saw it and then, per direction, whether the points saw the
// same bytes. The byte counts come from the ledgers: forged-both's client
// sent 64 + 64 request bytes and the middlebox dropped the second 64, so
// the server's end has 64; drops' two dropped segments were retransmitted,
// so both ends have 192 and 900. Each segment the ledger says was dropped
// or forged is named once. Either file first.
func TestFollowTwoCaptures(t *testing.T) {
	dir := "../../testdata/twoside/"
	for _, l := range readLedgers(t) {
		if !strings.HasPrefix(l.ClientFile, "forged-both") && !strings.HasPrefix(l.ClientFile, "drops") {
			continue
		}
		for _, clientFirst := range []bool{true, false} {
			a, b := l.ClientFile, l.ServerFile
			if !clientFirst {
				a, b = b, a
			}
			t.Run(a, func(t *testing.T) {
				var out, errb bytes.Buffer
				if code := run([]string{"follow", "--stream", "0", dir + a, dir + b}, &out, &errb); code != exitOK {
					t.Fatalf("exit %d: %s", code, errb.String())
				}
				text := out.String()
				var at [2][2]int // [point of A, B][direction]
				at[0][0], at[0][1] = ledgerBytes(l, clientFirst)
				at[1][0], at[1][1] = ledgerBytes(l, !clientFirst)
				for d, name := range []string{"client→server", "server→client"} {
					var want string
					if at[0][d] == at[1][d] {
						want = fmt.Sprintf("%s: both saw the same %d bytes.", name, at[0][d])
					} else {
						more := dir + a
						if at[1][d] > at[0][d] {
							more = dir + b
						}
						want = fmt.Sprintf("%s: %s saw %d bytes, %s %d: bytes %d–%d are only in %s.", name, dir+a, at[0][d], dir+b, at[1][d],
							min(at[0][d], at[1][d]), max(at[0][d], at[1][d]), more)
					}
					if !strings.Contains(text, want+"\n") {
						t.Errorf("no %q in\n%s", want, text)
					}
				}
				var dropped, forged int
				for _, p := range l.Packets {
					switch {
					case p.Dropped:
						dropped++
					case p.Origin == "middlebox":
						forged++
					}
				}
				if n := strings.Count(text, "was lost between the points"); n != dropped {
					t.Errorf("%d segments lost between the points, ledger %d:\n%s", n, dropped, text)
				}
				if n := strings.Count(text, "was never sent by the"); n != forged {
					t.Errorf("%d segments never sent, ledger %d:\n%s", n, forged, text)
				}
				for _, f := range []string{a, b} {
					if !strings.Contains(text, "=== as "+dir+f+" saw it") {
						t.Errorf("no copy of %s", f)
					}
				}
				// --point 2 is the second file's copy alone, as
				// `follow` prints it from that file (the ledgers' one
				// connection is stream 0 in both).
				var alone, second bytes.Buffer
				if code := run([]string{"follow", "--stream", "0", dir + b}, &alone, &errb); code != exitOK {
					t.Fatalf("exit %d: %s", code, errb.String())
				}
				if code := run([]string{"follow", "--stream", "0", "--point", "2", dir + a, dir + b}, &second, &errb); code != exitOK {
					t.Fatalf("exit %d: %s", code, errb.String())
				}
				if alone.String() != second.String() {
					t.Errorf("--point 2 is not %s's own copy:\n%s\nwant\n%s", b, second.String(), alone.String())
				}
			})
		}
	}
}

// TestFollowTwoCapturesUsage: raw bytes of two copies in one output
// would be one corrupt stream, so --format raw needs --point; --point
// needs two files.
func TestFollowTwoCapturesUsage(t *testing.T) {
	for _, args := range [][]string{
		{"follow", "--stream", "0", "--format", "raw", twoCli, twoSrv},
		{"follow", "--stream", "0", "--point", "2", twoCli},
		{"follow", "--stream", "0", "--point", "3", twoCli, twoSrv},
	} {
		var out, errb bytes.Buffer
		if code := run(args, &out, &errb); code != exitUsage || out.Len() != 0 {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out.String(), errb.String())
		}
	}
}

// statsTwoJSON is what TestStatsTwoCaptures reads of `stats --json A B`.
type statsTwoJSON struct {
	Pairing struct {
		NearClient string  `json:"near_client"`
		ClockKnown bool    `json:"clock_known"`
		Offset     float64 `json:"offset_s"`
		BoundMS    float64 `json:"bound_ms"`
		Transits   []struct {
			Direction string  `json:"direction"`
			Segments  int     `json:"segments"`
			Min       float64 `json:"min_ms"`
			Median    float64 `json:"median_ms"`
			Max       float64 `json:"max_ms"`
		} `json:"transits"`
		Paired  int    `json:"paired"`
		NAT     int    `json:"through_nat"`
		Only    [2]int `json:"only_in"`
		Lost    int    `json:"lost_between"`
		Before  int    `json:"lost_before"`
		NotSent int    `json:"not_sent"`
	} `json:"pairing"`
	Captures []struct {
		File    string          `json:"file"`
		Packets int             `json:"packets"`
		TCP     int             `json:"tcp_connections"`
		View    json.RawMessage `json:"view"`
	} `json:"captures"`
}

// TestStatsTwoCaptures: `stats --json A B` for every lab scenario, either
// file first, against its ledger: the client's end is nearer the client;
// the second file's clock offset is the skew the lab added (server file
// second: +skew; first: −skew) within the bound it states; every
// connection paired (through NAT where the lab translated); the counts of
// segments dropped between the points (a dropped packet with a frame at
// its sender's end), lost before the first point (dropped, no frame
// anywhere) and forged (middlebox); each capture's packet count; and
// the view of each file (--conv tcp) is that file's own.
func TestStatsTwoCaptures(t *testing.T) {
	dir := "../../testdata/twoside/"
	for _, l := range readLedgers(t) {
		for _, clientFirst := range []bool{true, false} {
			a, b := l.ClientFile, l.ServerFile
			skew := float64(l.SkewNS) / 1e9
			if !clientFirst {
				a, b, skew = b, a, -skew
			}
			t.Run(a, func(t *testing.T) {
				var out, errb bytes.Buffer
				if code := run([]string{"stats", "--json", "--conv", "tcp", dir + a, dir + b}, &out, &errb); code != exitOK {
					t.Fatalf("exit %d: %s", code, errb.String())
				}
				var s statsTwoJSON
				if err := json.Unmarshal(out.Bytes(), &s); err != nil {
					t.Fatal(err)
				}
				pr := s.Pairing
				if pr.NearClient != dir+l.ClientFile || !pr.ClockKnown {
					t.Errorf("near client %q, clock known %v", pr.NearClient, pr.ClockKnown)
				}
				if d := math.Abs(pr.Offset - skew); d*1e3 > pr.BoundMS {
					t.Errorf("offset %.6f s, lab skew %.6f s: off by %.3f ms, bound %.3f ms", pr.Offset, skew, d*1e3, pr.BoundMS)
				}
				// The lab's delay line holds every packet delay_ns: the
				// fastest transit each way, read on the fitted clock, is
				// that within the bound.
				if len(pr.Transits) != 2 {
					t.Fatalf("transits %+v", pr.Transits)
				}
				for _, tr := range pr.Transits {
					if d := math.Abs(tr.Min - float64(l.DelayNS)/1e6); d > pr.BoundMS || tr.Median < tr.Min || tr.Max < tr.Median {
						t.Errorf("%s: transit %.3f/%.3f/%.3f ms, lab delay %.3f ms, bound %.3f", tr.Direction, tr.Min, tr.Median, tr.Max, float64(l.DelayNS)/1e6, pr.BoundMS)
					}
				}
				var lost, before, forged, frames [2]int
				for _, p := range l.Packets {
					switch {
					case p.Dropped && len(p.ClientFrames)+len(p.ServerFrames) > 0:
						lost[0]++
					case p.Dropped:
						before[0]++
					case p.Origin == "middlebox":
						forged[0]++
					}
					for _, f := range p.ClientFrames {
						frames[0] = max(frames[0], f)
					}
					for _, f := range p.ServerFrames {
						frames[1] = max(frames[1], f)
					}
				}
				nat := 0
				if l.NAT != "" {
					nat = l.Connections
				}
				if pr.Paired != l.Connections || pr.NAT != nat || pr.Only != [2]int{} {
					t.Errorf("paired %d (%d through NAT), only %v; ledger %d connections, NAT %q", pr.Paired, pr.NAT, pr.Only, l.Connections, l.NAT)
				}
				if pr.Lost != lost[0] || pr.Before != before[0] || pr.NotSent != forged[0] {
					t.Errorf("lost between %d, before %d, not sent %d; ledger %d, %d, %d", pr.Lost, pr.Before, pr.NotSent, lost[0], before[0], forged[0])
				}
				if !clientFirst {
					frames[0], frames[1] = frames[1], frames[0]
				}
				if len(s.Captures) != 2 {
					t.Fatalf("%d captures", len(s.Captures))
				}
				for c, f := range []string{a, b} {
					cp := s.Captures[c]
					if cp.File != dir+f || cp.Packets != frames[c] || cp.TCP != l.Connections {
						t.Errorf("capture %d: %s, %d packets, %d TCP; want %s, %d, %d", c, cp.File, cp.Packets, cp.TCP, f, frames[c], l.Connections)
					}
					var own bytes.Buffer
					if code := run([]string{"stats", "--json", "--conv", "tcp", dir + f}, &own, &errb); code != exitOK {
						t.Fatalf("exit %d: %s", code, errb.String())
					}
					var x, y bytes.Buffer
					if json.Compact(&x, own.Bytes()) != nil || json.Compact(&y, cp.View) != nil || x.String() != y.String() {
						t.Errorf("%s's view differs from its own stats:\n%s\nwant\n%s", f, cp.View, own.String())
					}
				}
			})
		}
	}
}

// TestExportTwoCaptures: `export A B --path lost-between,not-sent` writes
// exactly A's packets the ledger says were dropped between the points
// after A saw them, or forged and seen only at A: the same packets (time
// and length) as A's frames the ledger names, in A's order.
func TestExportTwoCaptures(t *testing.T) {
	dir := "../../testdata/twoside/"
	for _, l := range readLedgers(t) {
		for _, clientFirst := range []bool{true, false} {
			a, b := l.ClientFile, l.ServerFile
			if !clientFirst {
				a, b = b, a
			}
			t.Run(a, func(t *testing.T) {
				var want []int
				for _, p := range l.Packets {
					own, other := p.ClientFrames, p.ServerFrames
					if !clientFirst {
						own, other = other, own
					}
					if len(own) == 1 && len(other) == 0 && (p.Dropped || p.Origin == "middlebox") {
						want = append(want, own[0])
					}
				}
				sort.Ints(want)
				outFile := filepath.Join(t.TempDir(), "differ.pcapng")
				var out, errb bytes.Buffer
				if code := run([]string{"export", "--path", "lost-between,not-sent", "-w", outFile, dir + a, dir + b}, &out, &errb); code != exitOK {
					t.Fatalf("exit %d: %s", code, errb.String())
				}
				if out.String() != fmt.Sprintf("%d packets written to %s\n", len(want), outFile) {
					t.Fatalf("%q, want %d packets", out.String(), len(want))
				}
				got, orig := loadIdx(t, outFile), loadIdx(t, dir+a)
				for k, fr := range want {
					g, o := got.Packet(k), orig.Packet(fr-1)
					if g.Time != o.Time || g.OrigLen != o.OrigLen {
						t.Errorf("exported packet %d: time %d len %d, want %s frame %d: %d, %d", k+1, g.Time, g.OrigLen, a, fr, o.Time, o.OrigLen)
					}
				}
			})
		}
	}
	var out, errb bytes.Buffer
	for _, args := range [][]string{
		{"export", "--path", "lost", "-w", filepath.Join(t.TempDir(), "x.pcapng"), twoCli, twoSrv},
		{"export", "--path", "not-sent", "-w", filepath.Join(t.TempDir(), "x.pcapng"), twoCli},
		{"export", "-w", twoSrv, twoCli, twoSrv},
	} {
		if code := run(args, &out, &errb); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}
}

func loadIdx(t *testing.T, name string) *decode.Index {
	t.Helper()
	src, err := decode.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	idx := decode.Load(src)
	if err := idx.Err(); err != nil {
		t.Fatal(err)
	}
	return idx
}

// udpEvent is one line of testdata/twoside/udp/dns.ledger.jsonl: a UDP
// datagram the bridge between the two points passed, dropped, or made up
// (forged) in the server's name; written by the bridge as it did it.
type udpEvent struct {
	Event string `json:"event"`
	Dir   string `json:"dir"`
	Sport uint16 `json:"sport"`
	Dport uint16 `json:"dport"`
	IPID  uint16 `json:"ipid"`
}

func readUDPLedger(t *testing.T) []udpEvent {
	t.Helper()
	b, err := os.ReadFile("../../testdata/twoside/udp/dns.ledger.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	var out []udpEvent
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var e udpEvent
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatal(err)
		}
		out = append(out, e)
	}
	return out
}

// frameOf is the frame (1-based) of capture idx carrying the ledger's
// datagram (its ports and IP ID name it: the senders give every datagram
// its own IP ID), 0 when the capture does not have it.
func frameOf(idx *decode.Index, e udpEvent) int {
	for i := range idx.Len() {
		p := idx.Packet(i)
		if p.SrcPort == e.Sport && p.DstPort == e.Dport && p.IPID == e.IPID {
			return i + 1
		}
	}
	return 0
}

// TestListTwoCapturesUDP: DNS over UDP recorded at both ends
// (testdata/twoside/udp: a stub resolver asks eight names; the bridge
// drops the third query and the sixth response and forges one answer).
// With either file first, `list --json A B` marks every datagram the
// ledger passed as seen in B at the frame B has it, the dropped one A has
// as lost-between, the forged one A has as not-sent; `flows --json A B`
// has eight UDP conversations, each seen in both files, with one lost
// between the points where the ledger dropped one and one not sent where
// it forged one.
func TestListTwoCapturesUDP(t *testing.T) {
	dir := "../../testdata/twoside/udp/"
	ledger := readUDPLedger(t)
	for _, clientFirst := range []bool{true, false} {
		a, b := "dns.client.pcap", "dns.server.pcap"
		if !clientFirst {
			a, b = b, a
		}
		t.Run(a, func(t *testing.T) {
			ia, ib := loadIdx(t, dir+a), loadIdx(t, dir+b)
			var out, errb bytes.Buffer
			if code := run([]string{"list", "--json", dir + a, dir + b}, &out, &errb); code != exitOK {
				t.Fatalf("exit %d: %s", code, errb.String())
			}
			var rows []listRow
			if err := json.Unmarshal(out.Bytes(), &rows); err != nil {
				t.Fatal(err)
			}
			if len(rows) != ia.Len() {
				t.Fatalf("%d rows, %d packets", len(rows), ia.Len())
			}
			lost, forged := map[uint16]int{}, map[uint16]int{} // by the client's port
			marked := 0
			for _, e := range ledger {
				fa, fb := frameOf(ia, e), frameOf(ib, e)
				port := e.Sport
				if e.Dir == "s2c" {
					port = e.Dport
				}
				want := ""
				switch e.Event {
				case "pass":
					if fa == 0 || fb == 0 {
						t.Fatalf("ledger: %+v passed, frames %d in A, %d in B", e, fa, fb)
					}
					want = "both"
				case "drop":
					lost[port]++
					want = "lost-between"
				case "forged":
					forged[port]++
					want = "not-sent"
				}
				if fa == 0 {
					continue // the other point's datagram
				}
				r := rows[fa-1]
				if r.Path != want || want == "both" && r.OtherFrame != fb {
					t.Errorf("frame %d (%s %s port %d IP ID %d): path %q frame %d in B, want %q %d", fa, e.Event, e.Dir, port, e.IPID, r.Path, r.OtherFrame, want, fb)
				}
				marked++
			}
			if marked != len(rows) {
				t.Errorf("%d of %d rows checked against the ledger", marked, len(rows))
			}
			out.Reset()
			if code := run([]string{"flows", "--json", dir + a, dir + b}, &out, &errb); code != exitOK {
				t.Fatalf("exit %d: %s", code, errb.String())
			}
			var flows []flowRow
			if err := json.Unmarshal(out.Bytes(), &flows); err != nil {
				t.Fatal(err)
			}
			if len(flows) != 8 {
				t.Fatalf("%d conversations, want the 8 lookups", len(flows))
			}
			for _, f := range flows {
				port := f.Client[strings.LastIndex(f.Client, ":")+1:]
				var p uint16
				fmt.Sscan(port, &p)
				if f.Proto != "udp" || len(f.SeenIn) != 2 || f.LostBetween != lost[p] || f.NotSent != forged[p] {
					t.Errorf("%s %s: seen in %v, lost between %d, not sent %d; ledger: lost %d, forged %d", f.Proto, f.Client, f.SeenIn, f.LostBetween, f.NotSent, lost[p], forged[p])
				}
			}
			out.Reset()
			if code := run([]string{"flows", dir + a, dir + b}, &out, &errb); code != exitOK {
				t.Fatalf("exit %d: %s", code, errb.String())
			}
			for _, want := range []string{"UDP conversations: 8 seen in both", " both lost-between=1 not-sent=1\n", " both lost-between=1\n"} {
				if !strings.Contains(out.String(), want) {
					t.Errorf("no %q in\n%s", want, out.String())
				}
			}
		})
	}
}

// TestReceiverCaptureDropsCommands: with the server end's capture
// admitting one drop (capdrop-recv.server.pcapng: drops.server.pcap with
// isb_osdrop 1), the request the wire dropped (ledger: client file frame
// 8) is marked lost-or-uncaptured in the list, named as "lost between the
// points or dropped by the server's capture" by expert, and counted apart
// by flows; the response the wire dropped (server file frame 6) toward
// the client, whose pcap admits nothing, stays lost-between.
func TestReceiverCaptureDropsCommands(t *testing.T) {
	dir := "../../testdata/twoside/"
	a, b := dir+"drops.client.pcap", dir+"capdrop-recv.server.pcapng"
	var out, errb bytes.Buffer
	if code := run([]string{"list", a, b}, &out, &errb); code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if lines := strings.Split(out.String(), "\n"); !strings.HasSuffix(lines[7], "  {lost-or-uncaptured}") {
		t.Errorf("list line 8: %q", lines[7])
	}
	out.Reset()
	if code := run([]string{"expert", "--json", a, b}, &out, &errb); code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var rows []expertRow
	if err := json.Unmarshal(out.Bytes(), &rows); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range rows {
		if strings.HasPrefix(r.Flag, "vantage.") {
			got[fmt.Sprintf("%s#%d", filepath.Base(r.File), r.Frame)] = r.Flag
			if r.Flag == "vantage.lost_or_uncaptured" && !strings.Contains(r.Summary, "was lost between the points or dropped by the server's capture") {
				t.Errorf("summary %q", r.Summary)
			}
		}
	}
	want := map[string]string{"drops.client.pcap#8": "vantage.lost_or_uncaptured", "capdrop-recv.server.pcapng#6": "vantage.lost_between"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("pair notes %v, want %v", got, want)
	}
	out.Reset()
	if code := run([]string{"flows", a, b}, &out, &errb); code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if !strings.Contains(out.String(), " both lost-between=1 lost-or-uncaptured=1\n") {
		t.Errorf("flows:\n%s", out.String())
	}
}
