package main

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ladder-dev/ladder/internal/oracle"
)

// Captures compared with tshark: every capture in testdata that tshark reads.
func comparedCaptures(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, pat := range []string{"../../testdata/corpus/*", "../../testdata/lab/*.pcap", "../../testdata/analysis/*.pcap*", "../../testdata/*.pcap*", "../../testdata/encap/*.pcap*"} {
		m, err := filepath.Glob(pat)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) < 20 {
		t.Fatalf("only %d captures found in testdata", len(files))
	}
	return files
}

// listComparedProtocols are the Protocol column values whose lines ladder
// must reproduce exactly. Lines where tshark names an application protocol
// (HTTP, DNS, TLS...) are not compared: ladder does not dissect those.
var listComparedProtocols = map[string]bool{"TCP": true, "UDP": true, "ICMP": true, "ICMPv6": true, "ARP": true}

// knownListDifferences are the lines where ladder deliberately or knowingly
// differs from tshark 4.0, keyed "file:frame", each with the reason.
var knownListDifferences = map[string]string{
	// Data a pure ACK had acknowledged before it was ever seen: tshark
	// calls its retransmission spurious and hands it to no dissector; the
	// AppWalker does not follow ACKs, so HTTP labels the request line.
	"zeek__testing__btest__Traces__ipv6-http-atomic-frag.pcap:8": "spurious retransmission dissected",
	// AccECN (RFC 9768 draft) counters: tshark prints "ACE=n" and the
	// AccECN option fields; ladder shows the raw flag names.
	"tcpdump__tests__accecn_handshake.pcap:2": "AccECN option",
	"tcpdump__tests__accecn_handshake.pcap:3": "AccECN ACE counter",
	"tcpdump__tests__accecn_handshake.pcap:5": "AccECN ACE counter",
	"tcpdump__tests__accecn_handshake.pcap:6": "AccECN ACE counter",
	"tcpdump__tests__accecn_handshake.pcap:7": "AccECN ACE counter",
	// tshark adds a microsecond field >= 1e9 as digits ("1.1147483649"), ladder as nanoseconds.
	"tcpdump__tests__timestamp_invalid_nano.pcap:3": "invalid sub-second field",
}

// f5Trailer matches the F5 load-balancer trailer text tshark puts in Info.
var f5Trailer = regexp.MustCompile(`^(IN|OUT) s\d+/tmm\d+ : `)

func normaliseInfo(info string) string {
	info = strings.ReplaceAll(info, " [TCP segment of a reassembled PDU]", "") // depends on HTTP/TLS reassembly
	return f5Trailer.ReplaceAllString(info, "")                                // F5 Ethernet trailer, not dissected
}

// appSummary reports whether tshark replaced a TCP line's Info with the
// summary of a higher-layer message it reassembled ("HTTP/1.1 200 OK [TCP
// segment of a reassembled PDU]"); ladder has no HTTP or TLS dissector.
func appSummary(info string) bool {
	return strings.HasSuffix(info, "[TCP segment of a reassembled PDU]") && !strings.Contains(info, " → ")
}

type listLine struct {
	fields []string // No. Time Src → Dst Protocol Length
	info   string
}

// parseListLine splits a line of tshark's default output into fields. Time
// may be empty (pcapng simple packets); Source/Destination may be empty.
func parseListLine(s string) (listLine, bool) {
	f := strings.Fields(s)
	arrow := -1
	for i, w := range f {
		if w == "→" {
			arrow = i
			break
		}
	}
	if arrow < 1 || len(f) < arrow+4 {
		return listLine{}, false
	}
	head := append([]string{}, f[:arrow+4]...)
	return listLine{fields: head, info: strings.Join(f[arrow+4:], " ")}, true
}

// TestListMatchesTshark compares "ladder list FILE" with "tshark -n -r FILE"
// (tshark's default one-line summary, name resolution off) line by line.
func TestListMatchesTshark(t *testing.T) {
	ver := oracle.Require(t)
	t.Logf("oracle: %s", ver)
	for _, file := range comparedCaptures(t) {
		base := filepath.Base(file)
		t.Run(base, func(t *testing.T) {
			t.Parallel()
			want := oracle.Run(t, "-n", "-r", file)
			var out, errb bytes.Buffer
			run([]string{"list", file}, &out, &errb)
			got := map[string]listLine{}
			for _, l := range strings.Split(out.String(), "\n") {
				if ll, ok := parseListLine(l); ok {
					got[ll.fields[0]] = ll
				}
			}
			compared, frames := 0, 0
			for _, l := range strings.Split(want, "\n") {
				if f := strings.Fields(l); len(f) > 0 && f[0] == strconv.Itoa(frames+1) {
					frames++
				}
				w, ok := parseListLine(l)
				if !ok || !listComparedProtocols[w.fields[len(w.fields)-2]] {
					continue
				}
				if _, known := knownListDifferences[base+":"+w.fields[0]]; known {
					continue
				}
				if appSummary(w.info) {
					continue
				}
				compared++
				g, ok := got[w.fields[0]]
				if !ok {
					t.Errorf("frame %s: ladder printed no line; tshark: %s", w.fields[0], l)
					continue
				}
				if strings.Join(g.fields, " ") != strings.Join(w.fields, " ") || normaliseInfo(g.info) != normaliseInfo(w.info) {
					t.Errorf("frame %s differs\n tshark: %s %s\n ladder: %s %s", w.fields[0],
						strings.Join(w.fields, " "), w.info, strings.Join(g.fields, " "), g.info)
				}
			}
			lines := 0
			for _, l := range strings.Split(out.String(), "\n") {
				if f := strings.Fields(l); len(f) > 0 && f[0] == strconv.Itoa(lines+1) {
					lines++
				}
			}
			if frames != lines {
				t.Errorf("ladder printed %d packet lines, tshark %d", lines, frames)
			}
			t.Logf("%d lines compared", compared)
		})
	}
}

// knownStreamDifferences: frames whose tcp.stream/udp.stream tshark assigns
// through features ladder does not have, with the reason.
var knownStreamDifferences = map[string]string{
	// tshark lists the udp.stream/tcp.stream of every UDP/TCP header in the
	// packet headers an sFlow datagram samples after the datagram's own;
	// ladder's flow is the datagram's (the sampled UDP conversations do
	// take their numbers: decode/flow_sflow.go)
	"lab__sflow.pcap:9":          "sFlow sampling TCP",
	"lab__sflow.pcap:10":         "sFlow sampling TCP",
	"lab__sflow.pcap:11":         "sFlow sampling TCP",
	"lab__sflow.pcap:12":         "sFlow sampling TCP and UDP",
	"lab__sflow-crafted.pcap:3":  "sFlow sampling UDP",
	"lab__sflow-crafted.pcap:10": "sFlow sampling UDP",
}

// TestStreamsMatchTshark compares stream numbers with
// tshark -T fields -e frame.number -e tcp.stream -e udp.stream, on the
// application captures too (SOCKS burns a number per relayed connection,
// SDP-announced RTP is numbered by its sender's announcement).
func TestStreamsMatchTshark(t *testing.T) {
	oracle.Require(t)
	app, err := filepath.Glob("../../testdata/app/*.pcap*")
	if err != nil || len(app) == 0 {
		t.Fatalf("no application captures: %v", err)
	}
	for _, file := range append(comparedCaptures(t), app...) {
		base := filepath.Base(file)
		t.Run(base, func(t *testing.T) {
			t.Parallel()
			want := oracle.Run(t, "-n", "-r", file, "-T", "fields", "-e", "frame.number", "-e", "tcp.stream", "-e", "udp.stream")
			var out, errb bytes.Buffer
			run([]string{"list", "--json", file}, &out, &errb)
			var rows []listRow
			if out.Len() > 0 {
				if err := json.Unmarshal(out.Bytes(), &rows); err != nil {
					t.Fatalf("ladder list --json: %v", err)
				}
			}
			byFrame := map[int]listRow{}
			for _, r := range rows {
				byFrame[r.Frame] = r
			}
			for _, l := range strings.Split(strings.TrimSpace(want), "\n") {
				f := strings.Split(l, "\t")
				if len(f) < 3 {
					continue
				}
				if _, known := knownStreamDifferences[base+":"+f[0]]; known {
					continue
				}
				frame, _ := strconv.Atoi(f[0])
				ws := f[1]
				if ws == "" {
					ws = f[2]
				}
				// A packet in a UDP tunnel has the outer datagram's
				// stream first and the inner one's last: the inner
				// conversation is the flow.
				if k := strings.LastIndexByte(ws, ','); k >= 0 {
					ws = ws[k+1:]
				}
				gs := ""
				if r, ok := byFrame[frame]; ok && r.Stream != nil {
					gs = strconv.Itoa(*r.Stream)
				}
				if gs != ws {
					t.Errorf("frame %d: tshark stream %q, ladder %q", frame, ws, gs)
				}
			}
		})
	}
}
