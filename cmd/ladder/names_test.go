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

// TestFlowNamesMatchTshark checks the names ladder flows gives TCP and UDP
// conversations against what tshark reads in the same packets: the first
// TLS or QUIC server name of the stream, else its first HTTP Host (port
// stripped). Streams where tshark sees neither may carry a DNS-derived
// name, checked by TestFlowNameFromDNS.
func TestFlowNamesMatchTshark(t *testing.T) {
	oracle.Require(t)
	files, _ := filepath.Glob("../../testdata/app/*.pcap*")
	files = append(files, "../../testdata/wikipedia.pcap.gz")
	named := 0
	for _, file := range files {
		out := oracle.Run(t, "-n", "-r", file, "-T", "fields", "-E", "occurrence=f",
			"-e", "tcp.stream", "-e", "udp.stream", "-e", "tls.handshake.extensions_server_name", "-e", "http.host")
		want := map[string]string{} // "tcp 3" -> name
		for _, l := range strings.Split(out, "\n") {
			f := strings.Split(l, "\t")
			if len(f) < 4 {
				continue
			}
			key := "tcp " + f[0]
			if f[0] == "" {
				key = "udp " + f[1]
			}
			name := f[2]
			if name == "" && f[0] != "" { // an HTTP Host names TCP flows (SSDP's does not)
				name = f[3]
				if rest, ok := strings.CutPrefix(name, "["); ok {
					// an IPv6 literal (RFC 3986 3.2.2), "[fd79:2::1]:8080":
					// the address between the brackets
					if addr, _, ok := strings.Cut(rest, "]"); ok {
						name = addr
					}
				} else if h, _, ok := strings.Cut(name, ":"); ok {
					name = h
				}
			}
			if name != "" && want[key] == "" && !strings.HasSuffix(key, " ") {
				want[key] = name
			}
		}
		var o, e bytes.Buffer
		run([]string{"flows", "--json", file}, &o, &e)
		var rows []flowRow
		if err := json.Unmarshal(o.Bytes(), &rows); err != nil {
			t.Fatalf("%s: %v (%s)", file, err, e.String())
		}
		for _, r := range rows {
			key := r.Proto + " " + strconv.Itoa(r.Stream)
			if w, ok := want[key]; ok {
				named++
				if r.Name != w {
					t.Errorf("%s %s: name %q, tshark reads %q", filepath.Base(file), key, r.Name, w)
				}
			}
		}
	}
	if named == 0 {
		t.Fatal("no stream with a server name or Host in the captures")
	}
	t.Logf("%d named streams compared", named)
}
