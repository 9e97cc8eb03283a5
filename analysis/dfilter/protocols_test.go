package dfilter_test

import (
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/ladder-dev/ladder/analysis/dfilter"
	"github.com/ladder-dev/ladder/decode"
	"github.com/ladder-dev/ladder/internal/oracle"
)

// sweptProtocols are the protocol names whose presence ladder must decide
// exactly as tshark does on every capture in testdata. tshark's
// frame.protocols column ("eth:ethertype:ip:tcp:http") is the oracle: one
// tshark run per capture checks every protocol at once.
var sweptProtocols = []string{"eth", "vlan", "arp", "ip", "ipv6", "tcp", "udp", "icmp", "icmpv6", "dns", "mdns", "llmnr", "tls", "http"}

// knownProtocolDifferences are frames where ladder knowingly disagrees,
// keyed "file:frame:protocol", with the reason.
var knownProtocolDifferences = map[string]string{
	// Headers quoted inside an ICMP error: tshark dissects them, ladder
	// reads only the outer packet.
	"zeek__testing__btest__Traces__smb__smb_v2_only_non_zero_reserved1.pcap:133:udp":   "UDP quoted in ICMP",
	"zeek__testing__btest__Traces__smb__smb_v2_only_non_zero_reserved1.pcap:133:llmnr": "LLMNR quoted in ICMP",
	"icmp-port-unreachable.pcap:2:tcp":                                                 "TCP quoted in ICMP",
	"icmp-admin-prohibited.pcap:2:tcp":                                                 "TCP quoted in ICMP",
	// IP reassembly: tshark shows the transport at the last fragment.
	"zeek__testing__btest__Traces__ipv4__fragmented-syn.pcap:2:tcp": "IP reassembly",
	"zeek__testing__btest__Traces__ipv4__fragmented-1.pcap:3:udp":   "IP reassembly",
	// OpenFlow PACKET_IN/PACKET_OUT carry whole packets that tshark dissects.
	"tcpdump__tests__of13_ericsson.pcapng:65:udp": "packet inside OpenFlow",
	"tcpdump__tests__of13_ericsson.pcapng:68:udp": "packet inside OpenFlow",
	"tcpdump__tests__of13_ericsson.pcapng:69:udp": "packet inside OpenFlow",
}

func TestProtocolsAgreeWithTshark(t *testing.T) {
	oracle.Require(t)
	var files []string
	for _, pat := range []string{"../../testdata/corpus/*", "../../testdata/lab/*.pcap"} {
		m, _ := filepath.Glob(pat)
		files = append(files, m...)
	}
	// Count the captures actually compared, not the names found: a decoder
	// that cannot open them must fail the test, not thin it out.
	var compared atomic.Int64
	t.Cleanup(func() { // after the parallel subtests
		if n := compared.Load(); n < 20 {
			t.Errorf("only %d captures compared", n)
		}
	})
	filters := make([]*dfilter.Filter, len(sweptProtocols))
	for k, p := range sweptProtocols {
		f, err := dfilter.Compile(p, dfilter.Fields())
		if err != nil {
			t.Fatal(err)
		}
		filters[k] = f
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			t.Parallel()
			out := oracle.Run(t, "-n", "-r", file, "-T", "fields", "-e", "frame.number", "-e", "frame.protocols")
			want := map[int]map[string]bool{}
			for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
				num, protos, ok := strings.Cut(line, "\t")
				n, err := strconv.Atoi(num)
				if !ok || err != nil {
					continue
				}
				want[n] = map[string]bool{}
				for _, p := range strings.Split(protos, ":") {
					want[n][p] = true
				}
			}
			src, err := decode.Open(file)
			if err != nil {
				t.Fatalf("ladder cannot open what tshark reads (%d frames): %v", len(want), err)
			}
			idx := decode.Load(src)
			if idx.Len() != len(want) {
				t.Errorf("ladder reads %d packets, tshark %d", idx.Len(), len(want))
			}
			n := min(idx.Len(), len(want))
			compared.Add(1)
			for k, name := range sweptProtocols {
				m := filters[k].Matcher(idx, nil)
				var bad []string
				for i := range n {
					got, exp := m.Match(i), want[i+1][name]
					if got != exp && knownProtocolDifferences[filepath.Base(file)+":"+strconv.Itoa(i+1)+":"+name] == "" {
						bad = append(bad, strconv.Itoa(i+1)+map[bool]string{true: "+", false: "-"}[got])
					}
				}
				if len(bad) > 0 {
					t.Errorf("%s: frames where ladder differs (+ ladder only, - tshark only): %s", name, strings.Join(bad[:min(len(bad), 20)], " "))
				}
			}
		})
	}
}
