package main

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ladder-dev/ladder/internal/oracle"
)

// knownAppDifferences are the frames of testdata/app whose Protocol or Info
// column ladder knowingly prints differently from tshark 4.0's default
// output, keyed "file:frame", each with the reason.
var knownAppDifferences = map[string]string{
	// packet-icmpv6.c reads Router Renumbering bodies by their structure
	// and stops on a partial operation or match result: ladder names the
	// type and codes but does not walk the body.
	"lab__icmpv6-types-crafted.pcap:155": "tshark Router Renumbering Command [Malformed Packet]; ladder no mark",
	"lab__icmpv6-types-crafted.pcap:156": "tshark Router Renumbering Result [Malformed Packet]; ladder no mark",
	// Offloaded (TSO) segments the capture kept only 1518 bytes of, inside
	// TLS 1.3 records that span them: which of them tshark still hands to
	// TLS, and with what, depends on reassembly state ladder does not
	// reproduce (the other 52 cut segments of the file agree).
	"nokia__pcaptoparquet__tests__data__00_functional__05_applications__20_https.pcap.gz:33":  "tshark 'Continuation Data' on a cut TSO segment; ladder nothing",
	"nokia__pcaptoparquet__tests__data__00_functional__05_applications__20_https.pcap.gz:170": "tshark nothing on a cut TSO segment; ladder 'Continuation Data'",
	"nokia__pcaptoparquet__tests__data__00_functional__05_applications__20_https.pcap.gz:234": "tshark leaves a cut TSO segment TCP; ladder 'Continuation Data'",
	// tshark's SMTP gathers DATA with fragment_add_seq_next in the order
	// TCP hands segments over, and in this stream of out-of-order
	// retransmissions its mail holds bytes twice (15,156 bytes where the
	// TCP stream carries 14,549): one more MIME part than the mail has.
	"zeek__zeek__testing__btest__Traces__smtp.pcap:45": "tshark's SMTP DATA reassembly repeats retransmitted bytes: an extra ' (text/plain)'",
	// tshark's 29West LBMSRS heuristic (packet-lbmsrs.c, enabled by
	// default) takes the switch's first segment of this connection, sent
	// from port 6633, and asks for more bytes that never come; OpenFlow's
	// heuristic only claims segments sent to its ports.
	"tcpdump__tests__of13_ericsson.pcapng:7": "LBMSRS heuristic not reproduced: tshark '[TCP segment of a reassembled PDU]', ladder the TCP summary",
	// TLS records after IRC's STARTTLS, which tshark 4.0 reads as IRC
	// lines: their "commands" hold control bytes (ESC among them) that
	// tshark prints raw and ladder escapes for the terminal.
	"zeek__testing__btest__Traces__tls__irc-starttls.pcap:8":  "control bytes escaped, tshark prints them raw",
	"zeek__testing__btest__Traces__tls__irc-starttls.pcap:10": "control bytes escaped, tshark prints them raw",
	"zeek__testing__btest__Traces__tls__irc-starttls.pcap:12": "control bytes escaped, tshark prints them raw",
	"zeek__testing__btest__Traces__tls__irc-starttls.pcap:14": "control bytes escaped, tshark prints them raw",
	"zeek__testing__btest__Traces__tls__irc-starttls.pcap:17": "control bytes escaped, tshark prints them raw",
}

// appCaptures are the application-protocol and encapsulation captures.
func appCaptures(t *testing.T) []string {
	t.Helper()
	m, err := filepath.Glob("../../testdata/app/*.pcap*")
	if err != nil {
		t.Fatal(err)
	}
	// libpcap files some projects name .cap (PcapPlusPlus's GrePackets.cap)
	caps, err := filepath.Glob("../../testdata/app/*.cap")
	if err != nil {
		t.Fatal(err)
	}
	m = append(m, caps...)
	for _, c := range corpusAppCaptures {
		m = append(m, "../../testdata/corpus/"+c)
	}
	return m
}

// corpusAppCaptures are public captures of testdata/corpus (sources in
// testdata/README.md) that carry application protocols: compared here too
// rather than copied into testdata/app a second time.
var corpusAppCaptures = []string{
	"tcpdump__tests__of13_ericsson.pcapng",                       // OpenFlow 1.3 on port 6633
	"zeek__testing__btest__Traces__tls__irc-starttls.pcap",       // IRC, then TLS read as IRC lines
	"pcapng-test-generator__output_be__advanced__test102.pcapng", // BOOTP cut by the snap length, Dropbox LAN sync
	"zeek__testing__btest__Traces__redis__almost-resp.pcap",      // RESP and lines that are not
}

// TestAppColumnsMatchTshark compares the Protocol and Info columns of every
// frame of the application-protocol captures with tshark's default output
// (TCP reassembly and every dissector on):
// tshark -r F -T fields -e frame.number -e _ws.col.Protocol -e _ws.col.Info.
func TestAppColumnsMatchTshark(t *testing.T) {
	oracle.Require(t)
	files := appCaptures(t)
	if len(files) == 0 {
		t.Fatal("no captures in testdata/app")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			t.Parallel()
			compareAppColumns(t, file, knownAppDifferences)
		})
	}
}

// compareAppColumns compares every frame's Protocol and Info column of file
// with tshark's default output, skipping the frames known names ("file:N").
func compareAppColumns(t *testing.T, file string, known map[string]string) {
	base := filepath.Base(file)
	want := oracle.Run(t, "-n", "-r", file, "-T", "fields", "-E", "occurrence=a",
		"-e", "frame.number", "-e", "_ws.col.Protocol", "-e", "_ws.col.Info")
	var out, errb bytes.Buffer
	run([]string{"list", "--json", file}, &out, &errb)
	var rows []listRow
	if err := json.Unmarshal(out.Bytes(), &rows); err != nil {
		t.Fatalf("ladder list --json: %v (%s)", err, errb.String())
	}
	byFrame := map[int]listRow{}
	for _, r := range rows {
		byFrame[r.Frame] = r
	}
	compared := 0
	for _, l := range strings.Split(strings.TrimRight(want, "\n"), "\n") {
		f := strings.SplitN(l, "\t", 3)
		if len(f) < 3 {
			continue
		}
		frame, err := strconv.Atoi(f[0])
		if err != nil {
			continue
		}
		if knownFrame(known, base, frame) {
			continue
		}
		compared++
		g, ok := byFrame[frame]
		if !ok {
			t.Errorf("frame %d: ladder printed no row; tshark: %s | %s", frame, f[1], f[2])
			continue
		}
		if g.Protocol != f[1] || strings.TrimSpace(g.Info) != strings.TrimSpace(f[2]) {
			t.Errorf("frame %d differs\n tshark: %s | %s\n ladder: %s | %s", frame, f[1], f[2], g.Protocol, g.Info)
		}
	}
	if compared == 0 {
		t.Fatalf("no frame compared: tshark printed %q", want)
	}
}

// knownFrame reports whether known names the frame of file base, alone
// ("file:N") or in a range ("file:A-B").
func knownFrame(known map[string]string, base string, frame int) bool {
	if _, ok := known[base+":"+strconv.Itoa(frame)]; ok {
		return true
	}
	for k := range known {
		file, span, ok := strings.Cut(k, ":")
		if !ok || file != base {
			continue
		}
		from, to, ok := strings.Cut(span, "-")
		if !ok {
			continue
		}
		a, errA := strconv.Atoi(from)
		b, errB := strconv.Atoi(to)
		if errA == nil && errB == nil && frame >= a && frame <= b {
			return true
		}
	}
	return false
}

// knownEncapDifferences are single frames of the encapsulation captures
// where ladder differs from tshark, keyed "file:frame", with the reason.
var knownEncapDifferences = map[string]string{}

// TestEncapAppColumnsMatchTshark is TestAppColumnsMatchTshark over the
// encapsulation captures: what the tunnels carry must read as tshark reads it.
func TestEncapAppColumnsMatchTshark(t *testing.T) {
	oracle.Require(t)
	files, err := filepath.Glob("../../testdata/encap/*.pcap*")
	if err != nil || len(files) < 30 {
		t.Fatalf("%d captures in testdata/encap (%v)", len(files), err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			t.Parallel()
			compareAppColumns(t, file, knownEncapDifferences)
		})
	}
}

// knownCorpusDifferences are the frames of the TCP-corpus captures
// TestCorpusAppColumnsMatchTshark compares that ladder knowingly prints
// differently from tshark, keyed "file:frame" or "file:A-B".
var knownCorpusDifferences = map[string]string{}

// TestCorpusAppColumnsMatchTshark is TestAppColumnsMatchTshark over the
// captures of the TCP corpus that carry application protocols.
func TestCorpusAppColumnsMatchTshark(t *testing.T) {
	oracle.Require(t)
	for _, name := range []string{
		// Active Directory LDAP: BER lengths always in four bytes (0x84)
		"zeek__testing__btest__Traces__ldap__issue-32.pcapng",
		"zeek__testing__btest__Traces__ldap__gap-data-missing.pcapng",
		// headers the capture cut: "[Packet size limited during capture]"
		// after the last dissector that began
		"zeek__testing__btest__Traces__trunc__trunc-hdr.pcap",
		"zeek__testing__btest__Traces__trunc__ip4-trunc.pcap",
		"zeek__testing__btest__Traces__trunc__ip-discarder-truncated-tcp-oob.pcapng",
		"tcpdump__tests__tcp_header_heapoverflow.pcap",
		"zeek__testing__btest__Traces__tcp__truncated-header.pcap",
		// resent segments: fast retransmissions are dissected again,
		// spurious ones are not, even when their bytes are new to the walk
		"zeek__testing__btest__Traces__tcp__ssh-dups.pcap",
		"zeek__testing__btest__Traces__ipv6-http-atomic-frag.pcap",
		// an HTTP request line split over segments with bytes lost
		"zeek__testing__btest__Traces__tcp__reassembly.pcap",
		// MySQL 8: caching_sha2_password's authentication exchange, result
		// sets ended by an OK packet (CLIENT_DEPRECATE_EOF), Show Fields
		"zeek__testing__btest__Traces__mysql__caching_sha2_password.pcap",
		// a Telnet segment ending in a lone IAC: "[Malformed Packet]"
		"termshark__scripts__pcaps__telnet-cooked.pcap",
		// a multipart/byteranges body: no media type in Info
		"zeek__testing__btest__Traces__http__m57-long-49600-80.pcap",
		// a private link type (DLT_USER13): both columns empty
		"tcpdump__tests__unsupported-link-type-160.pcap",
		// SMB 3 multichannel: files opened on one TCP connection and read
		// on another of the same session
		"zeek__testing__btest__Traces__smb__smb_v2_only_non_zero_reserved1.pcap",
		// Accurate ECN: the ACE counter once negotiated, the AccECN option
		"tcpdump__tests__accecn_handshake.pcap",
	} {
		file := filepath.Join("../../testdata/corpus", name)
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			compareAppColumns(t, file, knownCorpusDifferences)
		})
	}
}
