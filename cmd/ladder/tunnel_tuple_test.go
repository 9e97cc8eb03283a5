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

// writeTwoTenants writes two TCP connections with the same inner 5-tuple
// (192.168.0.1:40000 → 192.168.0.2:80) carried by two VXLAN tunnels (VNI
// 100 between 10.0.0.1/2, VNI 200 between 10.0.1.1/2), interleaved packet
// by packet, as two tenants of an overlay with overlapping address plans
// produce them.
func writeTwoTenants(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "two-vni.pcap")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := pcapgo.NewWriter(f)
	if err := w.WriteFileHeader(65535, layers.LinkTypeEthernet); err != nil {
		t.Fatal(err)
	}
	ts := time.Unix(1700000000, 0)
	mac1, mac2 := net.HardwareAddr{2, 0, 0, 0, 0, 1}, net.HardwareAddr{2, 0, 0, 0, 0, 2}
	type seg struct {
		vni      uint32
		c2s      bool
		flags    string
		seq, ack uint32
	}
	for _, s := range []seg{
		{100, true, "S", 1000, 0}, {200, true, "S", 5000, 0},
		{100, false, "SA", 9000, 1001}, {200, false, "SA", 7000, 5001},
		{100, true, "A", 1001, 9001}, {200, true, "A", 5001, 7001},
		{100, true, "FA", 1001, 9001}, {200, true, "RA", 5001, 7001},
	} {
		inner := &layers.IPv4{Version: 4, TTL: 64, Protocol: layers.IPProtocolTCP, SrcIP: net.IP{192, 168, 0, 1}, DstIP: net.IP{192, 168, 0, 2}}
		tcp := &layers.TCP{SrcPort: 40000, DstPort: 80, Seq: s.seq, Ack: s.ack, Window: 500,
			SYN: strings.Contains(s.flags, "S"), ACK: strings.Contains(s.flags, "A"),
			FIN: strings.Contains(s.flags, "F"), RST: strings.Contains(s.flags, "R")}
		vtep := [2]net.IP{{10, 0, 0, 1}, {10, 0, 0, 2}}
		if s.vni == 200 {
			vtep = [2]net.IP{{10, 0, 1, 1}, {10, 0, 1, 2}}
		}
		if !s.c2s {
			inner.SrcIP, inner.DstIP = inner.DstIP, inner.SrcIP
			tcp.SrcPort, tcp.DstPort = 80, 40000
			vtep[0], vtep[1] = vtep[1], vtep[0]
		}
		outer := &layers.IPv4{Version: 4, TTL: 64, Protocol: layers.IPProtocolUDP, SrcIP: vtep[0], DstIP: vtep[1]}
		udp := &layers.UDP{SrcPort: 50000, DstPort: 4789}
		if err := tcp.SetNetworkLayerForChecksum(inner); err != nil {
			t.Fatal(err)
		}
		if err := udp.SetNetworkLayerForChecksum(outer); err != nil {
			t.Fatal(err)
		}
		buf := gopacket.NewSerializeBuffer()
		if err := gopacket.SerializeLayers(buf, gopacket.SerializeOptions{FixLengths: true, ComputeChecksums: true},
			&layers.Ethernet{SrcMAC: mac1, DstMAC: mac2, EthernetType: layers.EthernetTypeIPv4}, outer, udp,
			&layers.VXLAN{ValidIDFlag: true, VNI: s.vni},
			&layers.Ethernet{SrcMAC: mac1, DstMAC: mac2, EthernetType: layers.EthernetTypeIPv4}, inner, tcp); err != nil {
			t.Fatal(err)
		}
		ts = ts.Add(time.Millisecond)
		b := buf.Bytes()
		if err := w.WritePacket(gopacket.CaptureInfo{Timestamp: ts, CaptureLength: len(b), Length: len(b)}, b); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

// TestSameInnerTupleInTwoTunnels (issue #17): where two tunnels carry the
// same inner 5-tuple, ladder keeps them apart exactly as tshark does, which
// is not at all: tshark 4.0 keys a TCP conversation by the inner addresses
// and ports only, so both tenants' connections share tcp.stream 1 from the
// second SYN on (frame 2 is "[TCP Port numbers reused]"). Stream numbers and
// Info must equal tshark's on every frame.
func TestSameInnerTupleInTwoTunnels(t *testing.T) {
	oracle.Require(t)
	path := writeTwoTenants(t)
	want := map[int][2]string{}
	for _, l := range strings.Split(strings.TrimSpace(oracle.Run(t, "-n", "-r", path, "-T", "fields",
		"-e", "frame.number", "-e", "tcp.stream", "-e", "_ws.col.Info")), "\n") {
		f := strings.SplitN(l, "\t", 3)
		if len(f) != 3 {
			t.Fatalf("tshark line %q", l)
		}
		n, _ := strconv.Atoi(f[0])
		want[n] = [2]string{f[1], f[2]}
	}
	var out, errb bytes.Buffer
	if code := run([]string{"list", path, "--json"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var rows []struct {
		Frame  int    `json:"frame"`
		Stream int    `json:"stream"`
		Info   string `json:"info"`
	}
	if err := json.Unmarshal(out.Bytes(), &rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 8 || len(want) != 8 {
		t.Fatalf("ladder %d rows, tshark %d frames", len(rows), len(want))
	}
	for _, r := range rows {
		w := want[r.Frame]
		if strconv.Itoa(r.Stream) != w[0] || r.Info != w[1] {
			t.Errorf("frame %d: ladder stream %d %q, tshark stream %s %q", r.Frame, r.Stream, r.Info, w[0], w[1])
		}
	}
}
