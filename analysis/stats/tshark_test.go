package stats

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ladder-dev/ladder/analysis"
	"github.com/ladder-dev/ladder/decode"
	"github.com/ladder-dev/ladder/internal/oracle"
)

// statsCaptures are compared with tshark: IPv4 and IPv6 TCP and UDP
// (wikipedia), retransmissions (reassembly), many short connections
// (nmap-vsn), loopback where both ends share an address (of13_ericsson),
// SYN-ACK first (missing-syn), the lab's IPv6 resets, VLAN-tagged traffic.
var statsCaptures = []string{
	"corpus/zeek__testing__btest__Traces__wikipedia.pcap",
	"corpus/zeek__testing__btest__Traces__tcp__reassembly.pcap",
	"corpus/zeek__testing__btest__Traces__nmap-vsn.pcap",
	"corpus/tcpdump__tests__of13_ericsson.pcapng",
	"corpus/zeek__testing__btest__Traces__tcp__missing-syn.pcap",
	"corpus/zeek__testing__btest__Traces__http__m57-long-49600-80.pcap",
	"corpus/zeek__testing__btest__Traces__vlan-qinqinq.pcap",
	"corpus/zeek__testing__btest__Traces__pcapng-multi-interface.pcapng",
	"lab/abort-client-v6.pcap",
}

// tsharkInner are rows that exist in tshark's tables only because tshark
// dissects packets carried inside other protocols (OpenFlow PACKET_IN/OUT
// carry whole Ethernet frames) and counts their headers; ladder counts the
// outermost headers only.
var tsharkInner = map[string]string{
	"tcpdump__tests__of13_ericsson.pcapng udp 192.168.1.1:1234 192.168.1.2:5678": "UDP inside OpenFlow",
	"tcpdump__tests__of13_ericsson.pcapng 192.168.1.1":                           "IPv4 inside OpenFlow",
	"tcpdump__tests__of13_ericsson.pcapng 192.168.1.2":                           "IPv4 inside OpenFlow",
}

// knownHierarchy are hierarchy nodes where decode and tshark differ.
var knownHierarchy = map[string]string{
	"zeek__testing__btest__Traces__linux_dlt_sll2.pcap sll/arp": "tshark's arp dissector also takes RARP (EtherType 0x8035), which decode does not parse",
}

func load(t testing.TB, file string) *decode.Index {
	t.Helper()
	src, err := decode.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { src.Close() })
	return decode.Load(src)
}

// tsharkSize is how tshark 4.0 prints a byte count in its conversation
// table (wsutil format_size with SI prefixes: the unit is chosen once the
// value reaches 10 of it, and the value is truncated).
func tsharkSize(n int64) string {
	switch {
	case n/1e12 >= 10:
		return fmt.Sprintf("%d TB", n/1e12)
	case n/1e9 >= 10:
		return fmt.Sprintf("%d GB", n/1e9)
	case n/1e6 >= 10:
		return fmt.Sprintf("%d MB", n/1e6)
	case n/1e3 >= 10:
		return fmt.Sprintf("%d kB", n/1e3)
	}
	return fmt.Sprintf("%d bytes", n)
}

// TestConversationsMatchTshark compares every row of tshark -q -z conv,tcp
// and conv,udp (the oracle) with Conversations: the two endpoints in
// tshark's order, frames and bytes each way, relative start and duration.
func TestConversationsMatchTshark(t *testing.T) {
	oracle.Require(t)
	rows, agree := 0, 0
	for _, name := range statsCaptures {
		file := filepath.Join("../../testdata", name)
		idx := load(t, file)
		out := oracle.Run(t, "-n", "-r", file, "-q", "-z", "conv,tcp", "-z", "conv,udp")
		want := map[string]string{}
		section := ""
		for _, line := range strings.Split(out, "\n") {
			switch {
			case strings.HasPrefix(line, "TCP Conversations"):
				section = "tcp"
			case strings.HasPrefix(line, "UDP Conversations"):
				section = "udp"
			}
			f := strings.Fields(line)
			if len(f) != 14 || f[1] != "<->" {
				continue
			}
			key := section + " " + f[0] + " " + f[2]
			want[key] = strings.Join(f[3:], " ")
		}
		got := map[string]string{}
		for _, proto := range []decode.Proto{decode.ProtoTCPPacket, decode.ProtoUDPPacket} {
			section := map[decode.Proto]string{decode.ProtoTCPPacket: "tcp", decode.ProtoUDPPacket: "udp"}[proto]
			for _, c := range Conversations(idx, proto) {
				key := section + " " + endpoint(idx, c.A) + " " + endpoint(idx, c.B)
				val := fmt.Sprintf("%d %s %d %s %d %s %d.%09d %.4f",
					c.FramesBA, tsharkSize(c.BytesBA), c.FramesAB, tsharkSize(c.BytesAB),
					c.Frames(), tsharkSize(c.Bytes()), c.Start/1e9, c.Start%1e9, float64(c.Duration)/1e9)
				if prev, dup := got[key]; dup {
					// Port reuse: several streams, several tshark rows with the same key.
					val = prev + " | " + val
				}
				got[key] = val
			}
		}
		for key, w := range want {
			if _, inner := tsharkInner[filepath.Base(file)+" "+key]; inner {
				continue
			}
			rows++
			if g := got[key]; g != w && !strings.Contains(g, w) {
				t.Errorf("%s %s:\n got: %s\nwant: %s", filepath.Base(file), key, g, w)
				continue
			}
			agree++
		}
		for key := range got {
			if _, ok := want[key]; !ok {
				t.Errorf("%s %s: not in tshark's table", filepath.Base(file), key)
			}
		}
	}
	t.Logf("conversations: %d of %d tshark rows identical", agree, rows)
}

// endpoint renders an endpoint as tshark does in its tables.
func endpoint(idx *decode.Index, e decode.Endpoint) string {
	return idx.Addr(e.Addr).String() + ":" + strconv.Itoa(int(e.Port))
}

// TestEndpointsMatchTshark compares tshark -q -z endpoints,ip and
// endpoints,ipv6 (the oracle) with Endpoints, row by row: packets, bytes,
// and each direction.
func TestEndpointsMatchTshark(t *testing.T) {
	oracle.Require(t)
	rows, agree := 0, 0
	for _, name := range statsCaptures {
		file := filepath.Join("../../testdata", name)
		idx := load(t, file)
		out := oracle.Run(t, "-n", "-r", file, "-q", "-z", "endpoints,ip", "-z", "endpoints,ipv6")
		want := map[string]string{}
		for _, line := range strings.Split(out, "\n") {
			f := strings.Fields(line)
			if len(f) == 7 && (strings.Contains(f[0], ".") || strings.Contains(f[0], ":")) {
				want[f[0]] = strings.Join(f[1:], " ")
			}
		}
		got := map[string]string{}
		for _, kind := range []decode.AddrKind{decode.AddrIPv4, decode.AddrIPv6} {
			for _, e := range Endpoints(idx, kind) {
				got[idx.Addr(e.Addr).String()] = fmt.Sprintf("%d %d %d %d %d %d", e.Frames(), e.Bytes(), e.TxFrames, e.TxBytes, e.RxFrames, e.RxBytes)
			}
		}
		for addr, w := range want {
			if _, inner := tsharkInner[filepath.Base(file)+" "+addr]; inner {
				delete(want, addr)
				continue
			}
			rows++
			if got[addr] != w {
				t.Errorf("%s %s: got %q, want %q", filepath.Base(file), addr, got[addr], w)
				continue
			}
			agree++
		}
		if len(got) != len(want) {
			t.Errorf("%s: %d endpoints, tshark has %d", filepath.Base(file), len(got), len(want))
		}
	}
	t.Logf("endpoints: %d of %d tshark rows identical", agree, rows)
}

// TestHierarchyMatchesTshark compares the levels Hierarchy knows (link,
// ip/ipv6/arp, tcp/udp/icmp/icmpv6) with tshark -q -z io,phs (the oracle):
// frames and bytes of every such node at the same path.
func TestHierarchyMatchesTshark(t *testing.T) {
	oracle.Require(t)
	for _, name := range []string{
		"corpus/zeek__testing__btest__Traces__wikipedia.pcap",
		"corpus/zeek__testing__btest__Traces__tcp__reassembly.pcap",
		"corpus/zeek__testing__btest__Traces__linux_dlt_sll2.pcap",
		"lab/abort-client-v6.pcap",
	} {
		file := filepath.Join("../../testdata", name)
		t.Run(filepath.Base(file), func(t *testing.T) {
			idx := load(t, file)
			want := map[string]string{}
			var path []string
			for _, line := range strings.Split(oracle.Run(t, "-n", "-r", file, "-q", "-z", "io,phs"), "\n") {
				f := strings.Fields(line)
				if len(f) != 3 || !strings.HasPrefix(f[1], "frames:") {
					continue
				}
				depth := (len(line) - len(strings.TrimLeft(line, " "))) / 2
				path = append(path[:min(depth, len(path))], f[0])
				want[strings.Join(path, "/")] = f[1] + " " + f[2]
			}
			var walk func(n *Node, prefix string)
			checked := 0
			walk = func(n *Node, prefix string) {
				for _, c := range n.Children {
					p := strings.TrimPrefix(prefix+"/"+c.Name, "/")
					got := fmt.Sprintf("frames:%d bytes:%d", c.Frames, c.Bytes)
					if _, known := knownHierarchy[filepath.Base(file)+" "+p]; known {
						walk(c, p)
						continue
					}
					if w, ok := want[p]; !ok || w != got {
						t.Errorf("%s: got %s, tshark %q", p, got, w)
					}
					checked++
					walk(c, p)
				}
			}
			walk(Hierarchy(idx), "")
			if checked == 0 {
				t.Error("empty hierarchy")
			}
		})
	}
}

// TestIOMatchesTshark compares the I/O series with tshark -q -z io,stat
// (the oracle) at several intervals: frames, frame bytes and RST segments
// per interval, every interval from the first packet to the last.
func TestIOMatchesTshark(t *testing.T) {
	oracle.Require(t)
	for _, tc := range []struct {
		file     string
		interval string
	}{
		{"corpus/zeek__testing__btest__Traces__tcp__rst-inject-rae.pcap", "1"},
		{"corpus/zeek__testing__btest__Traces__wikipedia.pcap", "0.5"},
		{"corpus/zeek__testing__btest__Traces__tcp__reassembly.pcap", "1"},
		{"lab/abort-client.pcap", "0.1"},
	} {
		file := filepath.Join("../../testdata", tc.file)
		t.Run(filepath.Base(file)+" "+tc.interval, func(t *testing.T) {
			idx := load(t, file)
			sec, _ := strconv.ParseFloat(tc.interval, 64)
			s := IO(idx, int64(sec*1e9+0.5), nil)
			out := oracle.Run(t, "-n", "-r", file, "-q", "-z",
				"io,stat,"+tc.interval+",COUNT(frame)frame,SUM(frame.len)frame.len,COUNT(tcp.flags.reset)tcp.flags.reset==1")
			var want []string
			for _, line := range strings.Split(out, "\n") {
				if !strings.Contains(line, "<>") {
					continue
				}
				cols := strings.Split(line, "|")
				if len(cols) < 5 {
					t.Fatalf("io,stat row %q", line)
				}
				want = append(want, strings.TrimSpace(cols[2])+" "+strings.TrimSpace(cols[3])+" "+strings.TrimSpace(cols[4]))
			}
			var got []string
			for _, b := range s.Buckets {
				got = append(got, fmt.Sprintf("%d %d %d", b.Frames, b.Bytes, b.Resets))
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("got:\n%s\ntshark:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

// TestTimeSequenceMatchesTshark checks every point of the time-sequence
// graph against tshark's fields for the same packets (the oracle):
// segments from tcp.seq and tcp.len (plus one for SYN or FIN), ACK and
// window lines from tcp.ack and tcp.ack + tcp.window_size, retransmission
// marks from tcp.analysis.retransmission (via the analysis package's
// judgement, which is itself checked against tshark there).
func TestTimeSequenceMatchesTshark(t *testing.T) {
	oracle.Require(t)
	for _, tc := range []struct {
		file   string
		stream int
	}{
		{"corpus/zeek__testing__btest__Traces__tcp__retransmit-fast009.pcap", 0},
		{"corpus/zeek__testing__btest__Traces__tcp__reassembly.pcap", 0},
		{"corpus/zeek-tcprs__testing__btest__Traces__tcp__rto__rto005.trace", 0},
		{"lab/abort-client.pcap", 0},
	} {
		file := filepath.Join("../../testdata", tc.file)
		t.Run(filepath.Base(file), func(t *testing.T) {
			idx := load(t, file)
			var f *decode.Flow
			for _, fl := range idx.Flows() {
				if fl.Proto == decode.ProtoTCPPacket && fl.Stream == tc.stream {
					f = fl
				}
			}
			res := analysis.Analyze(idx)
			retrans := func(i int) bool {
				fl := res.Flags(i)
				return fl.Has(analysis.Retransmission) || fl.Has(analysis.FastRetransmission) || fl.Has(analysis.SpuriousRetransmission)
			}
			dir := DataDirection(idx, f)
			ts := TCPTimeSequence(idx, f, dir, retrans)
			out := oracle.Run(t, "-n", "-r", file, "-Y", "tcp.stream=="+strconv.Itoa(tc.stream), "-T", "fields",
				"-e", "frame.number", "-e", "tcp.seq", "-e", "tcp.len", "-e", "tcp.flags.syn", "-e", "tcp.flags.fin",
				"-e", "tcp.flags.reset", "-e", "tcp.flags.ack", "-e", "tcp.ack", "-e", "tcp.window_size", "-e", "tcp.analysis.retransmission")
			var wantSeg, wantAck []string
			dirOf := map[int]uint8{}
			for _, i := range f.Frames {
				dirOf[int(i)+1] = idx.Packet(int(i)).Dir
			}
			for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
				c := strings.Split(line, "\t")
				frame, _ := strconv.Atoi(c[0])
				seq, _ := strconv.ParseUint(c[1], 10, 32)
				n, _ := strconv.ParseUint(c[2], 10, 32)
				end := seq + n
				if c[3] == "1" || c[4] == "1" {
					end++
				}
				rst, ack := c[5] == "1", c[6] == "1"
				if dirOf[frame] == dir {
					kind := "data"
					switch {
					case rst:
						kind = "rst"
					case c[9] != "":
						kind = "retransmission"
					case end == seq:
						continue
					}
					wantSeg = append(wantSeg, fmt.Sprintf("%d %d-%d %s", frame, seq, end, kind))
				} else if ack {
					a, _ := strconv.ParseUint(c[7], 10, 32)
					w, _ := strconv.ParseUint(c[8], 10, 32)
					wantAck = append(wantAck, fmt.Sprintf("%d %d %d %v", frame, a, a+w, rst))
				}
			}
			var gotSeg, gotAck []string
			kinds := map[SegmentKind]string{SegData: "data", SegRetransmit: "retransmission", SegReset: "rst"}
			for _, s := range ts.Segments {
				gotSeg = append(gotSeg, fmt.Sprintf("%d %d-%d %s", s.Packet+1, s.Seq, s.End, kinds[s.Kind]))
			}
			for _, a := range ts.Acks {
				if idx.Packet(a.Packet).Flags&decode.FlagACK != 0 {
					gotAck = append(gotAck, fmt.Sprintf("%d %d %d %v", a.Packet+1, a.Ack, a.Window, a.Reset))
				}
			}
			if g, w := strings.Join(gotSeg, "\n"), strings.Join(wantSeg, "\n"); g != w || len(wantSeg) == 0 {
				t.Errorf("segments:\n%s\ntshark:\n%s", g, w)
			}
			if g, w := strings.Join(gotAck, "\n"), strings.Join(wantAck, "\n"); g != w {
				t.Errorf("acks:\n%s\ntshark:\n%s", g, w)
			}
		})
	}
}
