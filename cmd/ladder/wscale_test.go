package main

import (
	"bytes"
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
	"github.com/ladder-dev/ladder/internal/oracle"
)

// TestWindowScaleAfterRetransmittedHandshake: a client's SYN offers window
// scaling (WS=4), the server's SYN/ACK does not, so scaling is off; then
// the SYN and the SYN/ACK arrive again (retransmissions, as in the public
// capture CESNET ipfixprobe tls.pcap frames 88–100). tshark 4.0 turns the
// client's scale back on with the retransmitted SYN and leaves it on after
// the retransmitted SYN/ACK, so the client's next ACK shows Win=256960
// (64240 × 4). Every frame's Info must equal tshark's, judged at run time.
func TestWindowScaleAfterRetransmittedHandshake(t *testing.T) {
	oracle.Require(t)
	path := filepath.Join(t.TempDir(), "wscale.pcap")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := pcapgo.NewWriter(f)
	if err := w.WriteFileHeader(65535, layers.LinkTypeEthernet); err != nil {
		t.Fatal(err)
	}
	cli, srv := net.IP{172, 16, 121, 155}, net.IP{87, 106, 189, 123}
	ts := time.Unix(1700000000, 0)
	type seg struct {
		c2s      bool
		flags    string
		seq, ack uint32
		win      uint16
		ws       bool
	}
	for _, s := range []seg{
		{true, "S", 1000, 0, 8192, true},
		{false, "SA", 9000, 1001, 64240, false},
		{true, "A", 1001, 9001, 64240, false},
		{true, "S", 1000, 0, 8192, true},
		{false, "SA", 9000, 1001, 64240, false},
		{true, "A", 1001, 9001, 64240, false},
		{false, "A", 9001, 1001, 64240, false},
	} {
		ip := &layers.IPv4{Version: 4, TTL: 64, Protocol: layers.IPProtocolTCP, SrcIP: cli, DstIP: srv}
		tcp := &layers.TCP{SrcPort: 3923, DstPort: 443, Seq: s.seq, Ack: s.ack, Window: s.win,
			SYN: strings.Contains(s.flags, "S"), ACK: strings.Contains(s.flags, "A")}
		if !s.c2s {
			ip.SrcIP, ip.DstIP = srv, cli
			tcp.SrcPort, tcp.DstPort = 443, 3923
		}
		if s.ws {
			tcp.Options = []layers.TCPOption{{OptionType: layers.TCPOptionKindWindowScale, OptionLength: 3, OptionData: []byte{2}},
				{OptionType: layers.TCPOptionKindNop}}
		}
		if err := tcp.SetNetworkLayerForChecksum(ip); err != nil {
			t.Fatal(err)
		}
		buf := gopacket.NewSerializeBuffer()
		if err := gopacket.SerializeLayers(buf, gopacket.SerializeOptions{FixLengths: true, ComputeChecksums: true},
			&layers.Ethernet{SrcMAC: net.HardwareAddr{2, 0, 0, 0, 0, 1}, DstMAC: net.HardwareAddr{2, 0, 0, 0, 0, 2}, EthernetType: layers.EthernetTypeIPv4},
			ip, tcp); err != nil {
			t.Fatal(err)
		}
		ts = ts.Add(time.Millisecond)
		b := buf.Bytes()
		if err := w.WritePacket(gopacket.CaptureInfo{Timestamp: ts, CaptureLength: len(b), Length: len(b)}, b); err != nil {
			t.Fatal(err)
		}
	}
	f.Close()
	want := strings.Split(strings.TrimSpace(oracle.Run(t, "-n", "-r", path, "-T", "fields", "-e", "_ws.col.Info")), "\n")
	var out, errb bytes.Buffer
	if code := run([]string{"list", path, "--json"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var rows []struct {
		Info string `json:"info"`
	}
	if err := json.Unmarshal(out.Bytes(), &rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(want) || len(want) != 7 {
		t.Fatalf("ladder %d rows, tshark %d", len(rows), len(want))
	}
	if !strings.Contains(want[5], "Win=256960") {
		t.Fatalf("tshark no longer scales frame 6 (%q): the premise of this test changed", want[5])
	}
	for k := range want {
		if rows[k].Info != want[k] {
			t.Errorf("frame %s: ladder %q, tshark %q", strconv.Itoa(k+1), rows[k].Info, want[k])
		}
	}
}
