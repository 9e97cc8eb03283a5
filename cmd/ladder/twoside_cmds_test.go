package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// ledgerPacket is one packet of a two-sided lab scenario's ledger
// (testdata/twoside/NAME.wire.json): what the forwarder between the two
// capture points did, written as it did it, not read from the captures.
type ledgerPacket struct {
	Origin       string `json:"origin"`
	Flags        string `json:"flags"`
	Seq          uint32 `json:"seq"`
	Len          int    `json:"len"`
	ClientFrames []int  `json:"client_frames"`
	ServerFrames []int  `json:"server_frames"`
	Dropped      bool   `json:"dropped"`
}

type ledger struct {
	ClientFile  string         `json:"client_file"`
	ServerFile  string         `json:"server_file"`
	DelayNS     int64          `json:"delay_ns"`
	SkewNS      int64          `json:"server_clock_skew_ns"`
	Connections int            `json:"connections"`
	NAT         string         `json:"nat"`
	Packets     []ledgerPacket `json:"packets"`
}

func readLedgers(t *testing.T) []ledger {
	t.Helper()
	names, err := filepath.Glob("../../testdata/twoside/*.wire.json")
	if err != nil || len(names) < 6 {
		t.Fatalf("two-sided lab ledgers: %v %v", names, err)
	}
	var out []ledger
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		var l ledger
		if err := json.Unmarshal(b, &l); err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		out = append(out, l)
	}
	return out
}

// TestListTwoCaptures: `list --json A B` marks every packet of A as the
// ledger says, for every lab scenario with either file first: a packet
// both ends' captures have is "both" with its frame in B (of a packet the
// wire delivered twice, one copy is "both" and the other "copy"); one the
// forwarder dropped that A has is "lost-between" (A is its sender's end);
// one the forwarder forged that only A has is "not-sent".
func TestListTwoCaptures(t *testing.T) {
	dir := "../../testdata/twoside/"
	for _, l := range readLedgers(t) {
		for _, clientFirst := range []bool{true, false} {
			a, b := l.ClientFile, l.ServerFile
			if !clientFirst {
				a, b = b, a
			}
			t.Run(a, func(t *testing.T) {
				var out, errb bytes.Buffer
				if code := run([]string{"list", "--json", dir + a, dir + b}, &out, &errb); code != exitOK {
					t.Fatalf("exit %d: %s", code, errb.String())
				}
				var rows []listRow
				if err := json.Unmarshal(out.Bytes(), &rows); err != nil {
					t.Fatal(err)
				}
				checked := 0
				for _, p := range l.Packets {
					own, other := p.ClientFrames, p.ServerFrames
					if !clientFirst {
						own, other = other, own
					}
					switch {
					case len(own) == 1 && len(other) == 1:
						r := rows[own[0]-1]
						if r.Path != "both" || r.OtherFrame != other[0] {
							t.Errorf("frame %d (%s %s): path %q frame %d in B, want both, %d", own[0], p.Origin, p.Flags, r.Path, r.OtherFrame, other[0])
						}
					case len(own) == 1 && len(other) == 2:
						r := rows[own[0]-1]
						if r.Path != "both" || r.OtherFrame != other[0] && r.OtherFrame != other[1] {
							t.Errorf("frame %d: path %q frame %d in B, want both, one of %v", own[0], r.Path, r.OtherFrame, other)
						}
					case len(own) == 2 && len(other) == 1:
						paths := rows[own[0]-1].Path + "," + rows[own[1]-1].Path
						if paths != "both,copy" && paths != "copy,both" {
							t.Errorf("frames %v, delivered twice: paths %s, want one both, one copy", own, paths)
						}
					case len(own) == 1 && len(other) == 0 && p.Dropped:
						if r := rows[own[0]-1]; r.Path != "lost-between" || r.OtherFrame != 0 {
							t.Errorf("frame %d, dropped between the points: path %q frame %d", own[0], r.Path, r.OtherFrame)
						}
					case len(own) == 1 && len(other) == 0 && p.Origin == "middlebox":
						if r := rows[own[0]-1]; r.Path != "not-sent" {
							t.Errorf("frame %d, forged: path %q", own[0], r.Path)
						}
					default:
						continue
					}
					checked++
				}
				if checked == 0 {
					t.Fatal("no packet checked")
				}
			})
		}
	}
}

// TestListTwoCapturesText: the text form is tshark's line with the mark
// after it (forged-both, client file first: frame 4 is B's 4, frame 8
// the dropped request, frame 9 the RST forged in the server's name), and
// the first file's lines are unchanged by the second.
func TestListTwoCapturesText(t *testing.T) {
	var one, two, errb bytes.Buffer
	if code := run([]string{"list", twoCli}, &one, &errb); code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if code := run([]string{"list", twoCli, twoSrv}, &two, &errb); code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	a, b := strings.Split(one.String(), "\n"), strings.Split(two.String(), "\n")
	if len(a) != len(b) || len(a) != 10 {
		t.Fatalf("%d lines alone, %d with B", len(a), len(b))
	}
	for i, want := range map[int]string{3: "  {B:4}", 7: "  {lost-between}", 8: "  {not-sent}"} {
		if b[i] != a[i]+want {
			t.Errorf("line %d:\n%s\nwant\n%s%s", i+1, b[i], a[i], want)
		}
	}
}

// TestExpertTwoCaptures: expert A B adds, after A's own notes, one note
// per fact the second capture proves (drops: the two segments the
// forwarder dropped, each at its sender's end; forged-both: the dropped
// request and the two forged resets), naming the file of each frame.
func TestExpertTwoCaptures(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want []expertRow
	}{
		{"drops.client.pcap", "drops.server.pcap", []expertRow{
			{Frame: 6, Flag: "vantage.lost_between", File: "drops.server.pcap"},
			{Frame: 8, Flag: "vantage.lost_between", File: "drops.client.pcap"}}},
		{"forged-both.client.pcap", "forged-both.server.pcap", []expertRow{
			{Frame: 8, Flag: "vantage.not_sent", File: "forged-both.server.pcap"},
			{Frame: 8, Flag: "vantage.lost_between", File: "forged-both.client.pcap"},
			{Frame: 9, Flag: "vantage.not_sent", File: "forged-both.client.pcap"}}},
	} {
		t.Run(tc.a, func(t *testing.T) {
			dir := "../../testdata/twoside/"
			var one, two, errb bytes.Buffer
			if code := run([]string{"expert", "--json", dir + tc.a}, &one, &errb); code != exitOK {
				t.Fatalf("exit %d: %s", code, errb.String())
			}
			if code := run([]string{"expert", "--json", dir + tc.a, dir + tc.b}, &two, &errb); code != exitOK {
				t.Fatalf("exit %d: %s", code, errb.String())
			}
			var alone, rows []expertRow
			if err := json.Unmarshal(one.Bytes(), &alone); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(two.Bytes(), &rows); err != nil {
				t.Fatal(err)
			}
			if len(rows) != len(alone)+len(tc.want) {
				t.Fatalf("%d notes with B, %d alone, want %d more", len(rows), len(alone), len(tc.want))
			}
			for k, w := range tc.want {
				r := rows[len(alone)+k]
				if r.Frame != w.Frame || r.Flag != w.Flag || filepath.Base(r.File) != w.File || r.Severity != "Warning" {
					t.Errorf("note %d: frame %d %s %s %s, want frame %d %s %s", k, r.Frame, r.Flag, r.File, r.Severity, w.Frame, w.Flag, w.File)
				}
			}
		})
	}
}

// TestCaptureDropsLowerTheClaim: the client end's file without the
// client's own RST/ACK (testdata/twoside/capdrop.go; ledger: seed-crossing
// server frame 13) whose pcapng statistics admit one packet dropped: the
// server end's frame 13 is not called forged but "not seen at the client
// (its capture dropped 1 packet)", the client's abort, unproved; in the
// list it is {unseen}. With statistics claiming no drop it is forged.
func TestCaptureDropsLowerTheClaim(t *testing.T) {
	dir := "../../testdata/twoside/"
	for _, tc := range []struct {
		client, cause, origin, mark, diagram string
		proved                               bool
	}{
		{"capdrop.client.pcapng", "abort", "client", "{unseen}", "not seen at the client (its capture dropped 1 packet) (seed-crossing.server.pcap #13)", false},
		{"capdrop-nodrop.client.pcapng", "injected", "middlebox", "{not-sent}", "NOT SENT by the client (seed-crossing.server.pcap #13)", true},
	} {
		t.Run(tc.client, func(t *testing.T) {
			var out, errb bytes.Buffer
			if code := run([]string{"explain", "--json", dir + tc.client, dir + "seed-crossing.server.pcap"}, &out, &errb); code != exitOK {
				t.Fatalf("exit %d: %s", code, errb.String())
			}
			var rows []resetRow
			if err := json.Unmarshal(out.Bytes(), &rows); err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, r := range rows {
				if len(r.SeenIn) != 1 || r.SeenIn[0].Frame != 13 {
					continue
				}
				n++
				if r.Cause != tc.cause || r.Origin != tc.origin || r.Proved != tc.proved {
					t.Errorf("server frame 13: %s origin %s proved %v", r.Cause, r.Origin, r.Proved)
				}
			}
			if n != 1 {
				t.Fatalf("%d verdicts on server frame 13: %s", n, out.String())
			}
			out.Reset()
			if code := run([]string{"list", dir + "seed-crossing.server.pcap", dir + tc.client}, &out, &errb); code != exitOK {
				t.Fatalf("exit %d: %s", code, errb.String())
			}
			if lines := strings.Split(out.String(), "\n"); len(lines) < 13 || !strings.HasSuffix(lines[12], "  "+tc.mark) {
				t.Errorf("list line 13 does not end in %s:\n%s", tc.mark, out.String())
			}
			out.Reset()
			if code := run([]string{"ladder", "--stream", "0", "--width", "250", dir + tc.client, dir + "seed-crossing.server.pcap"}, &out, &errb); code != exitOK {
				t.Fatalf("exit %d: %s", code, errb.String())
			}
			if !strings.Contains(out.String(), tc.diagram) {
				t.Errorf("no %q in\n%s", tc.diagram, out.String())
			}
		})
	}
}

// TestListOffloadedSegment: the server's two response segments (client
// end frames 6 and 7, 1200 + 476 bytes) were one 1676-byte segment in the
// TSO capture at the server's end (its frame 6; testdata/twoside/merge.go):
// both pieces are marked as seen there, and that segment as seen at the
// client's end, not lost or forged.
func TestListOffloadedSegment(t *testing.T) {
	dir := "../../testdata/twoside/"
	for _, tc := range []struct {
		a, b  string
		lines map[int]string
	}{
		{"seed-crossing.client.pcap", "seed-crossing.server-tso.pcap", map[int]string{5: "  {B:6}", 6: "  {B:6}"}},
		{"seed-crossing.server-tso.pcap", "seed-crossing.client.pcap", map[int]string{5: "  {B:6}"}},
	} {
		var out, errb bytes.Buffer
		if code := run([]string{"list", dir + tc.a, dir + tc.b}, &out, &errb); code != exitOK {
			t.Fatalf("exit %d: %s", code, errb.String())
		}
		lines := strings.Split(out.String(), "\n")
		for i, want := range tc.lines {
			if !strings.HasSuffix(lines[i], want) {
				t.Errorf("%s line %d does not end in %q:\n%s", tc.a, i+1, want, out.String())
			}
		}
		if strings.Contains(out.String(), "{lost-between}") || strings.Contains(out.String(), "{not-sent}") {
			t.Errorf("%s with %s: a piece called lost or forged:\n%s", tc.a, tc.b, out.String())
		}
	}
}
