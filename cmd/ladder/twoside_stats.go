package main

// stats with two captures of the same traffic: how they line up, then the
// chosen view of each.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/ladder-dev/ladder/analysis/vantage"
	"github.com/ladder-dev/ladder/decode"
)

// captureTotals is one capture's own figures.
type captureTotals struct {
	File    string  `json:"file"`
	Packets int     `json:"packets"`
	Bytes   int64   `json:"bytes"`
	First   float64 `json:"first"` // epoch seconds, its own clock
	Last    float64 `json:"last"`
	TCP     int     `json:"tcp_connections"`
	UDP     int     `json:"udp_conversations"`
	// Dropped is what its interface statistics admit (pcapng); null when
	// the file has none (pcap).
	Dropped *uint64 `json:"dropped"`
}

func totalsOf(name string, idx *decode.Index) captureTotals {
	t := captureTotals{File: name, Packets: idx.Len()}
	for i := range idx.Len() {
		p := idx.Packet(i)
		t.Bytes += int64(p.OrigLen)
		if i == 0 {
			t.First = float64(p.Time) / 1e9
		}
		t.Last = float64(p.Time) / 1e9
	}
	for _, f := range idx.Flows() {
		switch f.Proto {
		case decode.ProtoTCPPacket:
			t.TCP++
		case decode.ProtoUDPPacket:
			t.UDP++
		}
	}
	if n, known := idx.Dropped(); known {
		t.Dropped = &n
	}
	return t
}

// transitJSON is one direction's time between the points (ms).
type transitJSON struct {
	Direction string  `json:"direction"`
	Segments  int     `json:"segments"`
	Min       float64 `json:"min_ms"`
	Median    float64 `json:"median_ms"`
	Max       float64 `json:"max_ms"`
}

// pairingJSON is how two captures line up (stats A B --json).
type pairingJSON struct {
	// NearClient is the file nearer the client, "" when the matched
	// segments cannot tell.
	NearClient string `json:"near_client"`
	ClockKnown bool   `json:"clock_known"`
	// Offset is how much the second file's clock reads more than the
	// first's at the first matched segment (s), DriftPPM how much faster
	// it runs; the true offset lies within ± BoundMS of the fitted one,
	// and every transit below within ± BoundMS too.
	Offset   float64       `json:"offset_s"`
	DriftPPM float64       `json:"drift_ppm"`
	BoundMS  float64       `json:"bound_ms"`
	DelayMS  float64       `json:"one_way_ms"`
	Samples  [2]int        `json:"samples"`
	Transits []transitJSON `json:"transits"`
	Paired   int           `json:"paired"` // TCP connections
	NAT      int           `json:"through_nat"`
	Only     [2]int        `json:"only_in"` // connections only the first, only the second saw
	UDP      int           `json:"udp_paired"`
	UDPOnly  [2]int        `json:"udp_only_in"`
	Lost     int           `json:"lost_between"`
	Maybe    int           `json:"lost_or_uncaptured"`
	Before   int           `json:"lost_before"`
	NotSent  int           `json:"not_sent"`
	Losses   []lossJSON    `json:"losses"`
}

// lossJSON is one vantage.Loss.
type lossJSON struct {
	Stream    int    `json:"stream"`
	Direction string `json:"direction"`
	Fate      string `json:"fate"`
	File      string `json:"file"`
	Frame     int    `json:"frame"`
	Seq       uint32 `json:"seq"`
	End       uint32 `json:"end"`
	Text      string `json:"text"`
}

func dirName(d uint8) string {
	if d == 1 {
		return "server_to_client"
	}
	return "client_to_server"
}

func pairingOf(p *vantage.Pair) pairingJSON {
	c := p.Clock
	j := pairingJSON{ClockKnown: c.Known, Offset: float64(c.Offset) / 1e9, DriftPPM: c.Drift * 1e6,
		BoundMS: float64(c.Bound) / 1e6, DelayMS: float64(c.Delay) / 1e6, Samples: c.Samples,
		Transits: []transitJSON{}, Losses: []lossJSON{}}
	if c.NearClient >= 0 {
		j.NearClient = p.Cap[c.NearClient].Name
	}
	for d, t := range p.Transits() {
		if t.N > 0 {
			j.Transits = append(j.Transits, transitJSON{dirName(uint8(d)), t.N,
				float64(t.Min) / 1e6, float64(t.Median) / 1e6, float64(t.Max) / 1e6})
		}
	}
	for _, cn := range p.Conns {
		switch {
		case cn.UDP && cn.Paired():
			j.UDP++
		case cn.UDP:
			if cn.Flow[0] >= 0 {
				j.UDPOnly[0]++
			} else {
				j.UDPOnly[1]++
			}
		case cn.Paired():
			j.Paired++
			if cn.NAT {
				j.NAT++
			}
		case cn.Flow[0] >= 0:
			j.Only[0]++
		default:
			j.Only[1]++
		}
	}
	for _, l := range p.Losses() {
		switch l.Fate {
		case vantage.LostBetween:
			j.Lost++
		case vantage.Uncaptured:
			j.Maybe++
		case vantage.LostBefore:
			j.Before++
		case vantage.NotSent:
			j.NotSent++
		}
		j.Losses = append(j.Losses, lossJSON{l.Stream, dirName(l.Dir), l.Fate.String(), l.At.File, l.At.Frame, l.Seq, l.End, lossText(p, l)})
	}
	return j
}

// writePairingDetail adds to writePairSummary what stats gives: how long
// each direction took between the points, with the clock's uncertainty.
func writePairingDetail(w io.Writer, p *vantage.Pair) {
	tr := p.Transits()
	bound := float64(p.Clock.Bound) / 1e6
	for d, t := range tr {
		if t.N == 0 {
			continue
		}
		from, to := "client", "server"
		if d == 1 {
			from, to = to, from
		}
		fmt.Fprintf(w, "%s→%s between the points: fastest %.3f ms, median %.3f ms, slowest %.3f ms over %d segments (each ± %.3f ms: the clocks' offset is known no better).\n",
			from, to, float64(t.Min)/1e6, float64(t.Median)/1e6, float64(t.Max)/1e6, t.N, bound)
	}
}

// statsTwo is `ladder stats A B [VIEW]`: how the two captures line up
// (which is nearer which end, clock offset, drift and bound, the time
// between the points each way, connections paired, what was lost between
// the points, before the first, or never sent), each capture's own totals,
// and then the chosen view of each capture in turn. --tcp-seq N is stream
// N of the first capture and its pair in the second.
func statsTwo(files []string, o statsFlags, stdout, stderr io.Writer) int {
	p, err := openPair(files)
	if err != nil {
		return reportLoadError(stderr, err)
	}
	var flows [2]*decode.Flow
	if o.tcpSeq >= 0 {
		idx := p.Cap[0].Idx
		for fi, f := range idx.Flows() {
			if f.Proto == decode.ProtoTCPPacket && f.Stream == o.tcpSeq {
				flows[0] = f
				if cn := p.ConnOf(0, fi); cn != nil && cn.Paired() {
					flows[1] = p.Cap[1].Idx.Flows()[cn.Flow[1]]
				}
				break
			}
		}
		if flows[0] == nil {
			fmt.Fprintf(stderr, "ladder stats: %s has no TCP stream %d\n", decode.Printable(files[0]), o.tcpSeq)
			return exitUsage
		}
	}
	view := o.conv != "" || o.endpoints != "" || o.hierarchy || o.io || o.tcpSeq >= 0
	w := bufio.NewWriter(stdout)
	if o.asJSON {
		type captureJSON struct {
			captureTotals
			View json.RawMessage `json:"view,omitempty"`
		}
		out := struct {
			Pairing  pairingJSON   `json:"pairing"`
			Captures []captureJSON `json:"captures"`
		}{Pairing: pairingOf(p)}
		for c := range 2 {
			cj := captureJSON{captureTotals: totalsOf(files[c], p.Cap[c].Idx)}
			if view && (o.tcpSeq < 0 || flows[c] != nil) {
				var b bytes.Buffer
				writeStatsView(&b, p.Cap[c].Idx, flows[c], o)
				cj.View = bytes.TrimSpace(b.Bytes())
			}
			out.Captures = append(out.Captures, cj)
		}
		writeJSON(w, out)
		return finish(w, stderr, pairErr(p))
	}
	writePairSummary(w, p)
	writePairingDetail(w, p)
	for c := range 2 {
		t := totalsOf(files[c], p.Cap[c].Idx)
		drops := "its file says nothing of drops"
		if t.Dropped != nil {
			drops = fmt.Sprintf("its capture admits dropping %s", vantage.Packets(*t.Dropped))
		}
		fmt.Fprintf(w, "%s: %d packets, %d bytes over %.6f s, %d TCP connections, %d UDP conversations; %s.\n",
			decode.Printable(files[c]), t.Packets, t.Bytes, t.Last-t.First, t.TCP, t.UDP, drops)
	}
	if !view {
		return finish(w, stderr, pairErr(p))
	}
	for c := range 2 {
		fmt.Fprintf(w, "\n=== %s ===\n", decode.Printable(files[c]))
		if o.tcpSeq >= 0 && flows[c] == nil {
			fmt.Fprintf(w, "(this capture did not see TCP stream %d of %s)\n", o.tcpSeq, decode.Printable(files[0]))
			continue
		}
		writeStatsView(w, p.Cap[c].Idx, flows[c], o)
	}
	return finish(w, stderr, pairErr(p))
}
