package follow

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/ladder-dev/ladder/decode"
	"github.com/ladder-dev/ladder/internal/oracle"
)

// tsharkChunk is one line of tshark's follow,*,raw output: a record of
// node 0 (no indent) or node 1 (tab indent), hex-encoded.
type tsharkChunk struct {
	dir  uint8
	data []byte
}

// streamKey names a tcp.stream or udp.stream.
type streamKey struct {
	proto  decode.Proto
	stream int
}

// parseFollowRaw splits tshark -q -z follow,P,raw,N output (several -z
// arguments in one run) into records per stream.
func parseFollowRaw(t *testing.T, out string) map[streamKey][]tsharkChunk {
	t.Helper()
	res := map[streamKey][]tsharkChunk{}
	stream, inBlock := streamKey{stream: -1}, false
	for _, line := range strings.Split(out, "\n") {
		switch {
		case strings.HasPrefix(line, "====="):
			inBlock = !inBlock || stream.stream < 0
			if !inBlock {
				stream.stream = -1
			}
			continue
		case strings.HasPrefix(line, "Follow: "), strings.HasPrefix(line, "Node "):
			continue
		case strings.HasPrefix(line, "Filter: "):
			f := strings.Fields(line)
			n, err := strconv.Atoi(f[len(f)-1])
			if err != nil || len(f) < 2 {
				t.Fatalf("tshark filter line %q", line)
			}
			stream = streamKey{decode.ProtoTCPPacket, n}
			if strings.HasPrefix(f[1], "udp") {
				stream.proto = decode.ProtoUDPPacket
			}
			res[stream] = nil
			continue
		}
		if stream.stream < 0 || line == "" {
			continue
		}
		var d uint8
		if strings.HasPrefix(line, "\t") {
			d, line = 1, line[1:]
		}
		b, err := hex.DecodeString(line)
		if err != nil {
			t.Fatalf("tshark hex line %q: %v", line, err)
		}
		if len(b) > 0 {
			res[stream] = append(res[stream], tsharkChunk{d, b})
		}
	}
	return res
}

// maxStreams bounds the streams compared per capture and protocol, to keep
// the tshark command line and run time reasonable.
const maxStreams = 40

// followCaptures are the captures compared with tshark: retransmissions
// (retransmit-fast009, ssh-dups, the zeek-tcprs traces), out-of-order and
// overlapping segments (reassembly.pcap), gaps the receiver acknowledged
// (ldap gap-data-missing, miss_end_data), TCP Fast Open data on the SYN,
// UDP (wikipedia, nflog-http's DNS), IPv6 and the capture lab's resets.
// Running every capture in testdata/corpus took 105 s on a loaded machine
// (233 of 234 streams identical; the other is in tsharkQuirks), so the
// list is a selection.
var followCaptures = []string{
	"corpus/zeek__testing__btest__Traces__tcp__retransmit-fast009.pcap",
	"corpus/zeek__testing__btest__Traces__tcp__reassembly.pcap",
	"corpus/zeek__testing__btest__Traces__tcp__ssh-dups.pcap",
	"corpus/zeek__testing__btest__Traces__tcp__miss_end_data.pcap",
	"corpus/zeek__testing__btest__Traces__tcp__fin_retransmission.pcap",
	"corpus/zeek__testing__btest__Traces__ldap__gap-data-missing.pcapng",
	"corpus/zeek__testing__btest__Traces__wikipedia.pcap",
	"corpus/zeek__testing__btest__Traces__nflog-http.pcap",
	"corpus/zeek__testing__btest__Traces__ipv6-http-atomic-frag.pcap",
	"corpus/zeek__testing__btest__Traces__http__get-without-fins.pcap",
	"corpus/zeek-tcprs__testing__btest__Traces__tcp__composite__comp003.trace",
	"corpus/zeek-tcprs__testing__btest__Traces__tcp__composite__comp008.trace",
	"corpus/zeek-tcprs__testing__btest__Traces__tcp__fastretransmit__fast012.trace",
	"corpus/zeek-tcprs__testing__btest__Traces__tcp__heuristics__reordering-via-proximity.trace",
	"corpus/zeek-tcprs__testing__btest__Traces__tcp__rto__rto005.trace",
	"corpus/tcpdump__tests__tfo-5c1fa7f9ae91.pcap",
	"corpus/tcpdump__tests__of13_ericsson.pcapng",
	"lab/abort-client.pcap",
	"lab/abort-client-v6.pcap",
}

// tsharkQuirks lists streams tshark itself gets wrong, with the reason;
// they are not compared.
var tsharkQuirks = map[string]string{
	"tcpdump__tests__of13_ericsson.pcapng tcp.stream 9": "the OpenFlow dissector decodes the Ethernet frames inside " +
		"OFPT_PACKET_OUT/IN, and tshark's follow tap then files their inner TCP/UDP payloads under this stream " +
		"with the inner ports' direction",
}

// TestFollowMatchesTshark compares every followed stream (up to maxStreams
// per protocol per capture) with tshark -q -z follow,tcp,raw,N and
// follow,udp,raw,N on the same file: the same records, from the same node,
// with the same bytes, in the same order — retransmissions, out-of-order
// segments and gap markers included. The oracle is tshark, run once per
// capture with one -z argument per stream.
func TestFollowMatchesTshark(t *testing.T) {
	oracle.Require(t)
	var total, agree atomic.Int64
	t.Run("captures", func(t *testing.T) {
		for _, name := range followCaptures {
			file := filepath.Join("../../testdata", name)
			t.Run(filepath.Base(file), func(t *testing.T) {
				t.Parallel()
				n, ok := followFile(t, file)
				total.Add(int64(n))
				agree.Add(int64(ok))
			})
		}
	})
	t.Logf("follow: %d of %d streams identical to tshark", agree.Load(), total.Load())
}

// followFile compares the streams of one capture and returns how many were
// compared and how many agreed.
func followFile(t *testing.T, file string) (total, agree int) {
	idx := load(t, file)
	var flows []*decode.Flow
	count := map[decode.Proto]int{}
	args := []string{"-n", "-r", file, "-q"}
	for _, f := range idx.Flows() {
		if count[f.Proto] < maxStreams {
			count[f.Proto]++
			flows = append(flows, f)
			args = append(args, "-z", fmt.Sprintf("follow,%s,raw,%d", protoName(f.Proto), f.Stream))
		}
	}
	if len(flows) == 0 {
		return 0, 0
	}
	want := parseFollowRaw(t, oracle.Run(t, args...))
	for _, f := range flows {
		total++
		label := fmt.Sprintf("%s %s.stream %d", filepath.Base(file), protoName(f.Proto), f.Stream)
		s, err := Build(idx, f)
		if err != nil {
			t.Errorf("%s: %v", label, err)
			continue
		}
		if _, quirk := tsharkQuirks[label]; quirk {
			total--
			continue
		}
		if diff := compareChunks(s, NewReader(idx), want[streamKey{f.Proto, f.Stream}]); diff != "" {
			t.Errorf("%s: %s", label, diff)
			continue
		}
		agree++
	}
	return total, agree
}

func protoName(p decode.Proto) string {
	if p == decode.ProtoUDPPacket {
		return "udp"
	}
	return "tcp"
}

func load(t testing.TB, file string) *decode.Index {
	src, err := decode.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { src.Close() })
	return decode.Load(src)
}

// compareChunks returns "" when s has exactly tshark's non-empty records.
func compareChunks(s *Stream, r *Reader, want []tsharkChunk) string {
	var got []tsharkChunk
	for _, c := range s.Chunks {
		var b []byte
		if c.Kind == Gap {
			b = append([]byte(GapText(c)), 0)
		} else {
			bb, err := r.Bytes(c)
			if err != nil {
				return err.Error()
			}
			b = append([]byte(nil), bb...)
		}
		if len(b) > 0 {
			got = append(got, tsharkChunk{c.Dir, b})
		}
	}
	for k := range min(len(got), len(want)) {
		if got[k].dir != want[k].dir || !bytes.Equal(got[k].data, want[k].data) {
			return fmt.Sprintf("record %d differs: got node %d %q, tshark node %d %q", k, got[k].dir, clip(got[k].data), want[k].dir, clip(want[k].data))
		}
	}
	if len(got) != len(want) {
		return fmt.Sprintf("%d records, tshark has %d", len(got), len(want))
	}
	return ""
}

func clip(b []byte) []byte {
	if len(b) > 40 {
		return b[:40]
	}
	return b
}
