package main

import (
	"encoding/binary"
	"net/netip"
	"os"
	"testing"

	"github.com/gopacket/gopacket/pcapgo"
)

// onesSum is the Internet checksum of b (RFC 1071), computed from scratch:
// the oracle for the NAT's incremental updates.
func onesSum(b []byte, sum uint32) uint16 {
	for len(b) > 1 {
		sum += uint32(binary.BigEndian.Uint16(b))
		b = b[2:]
	}
	if len(b) == 1 {
		sum += uint32(b[0]) << 8
	}
	for sum > 0xffff {
		sum = sum&0xffff + sum>>16
	}
	return ^uint16(sum)
}

// checksumsValid verifies an IPv4/TCP packet's two checksums from scratch.
func checksumsValid(t *testing.T, pkt []byte) bool {
	t.Helper()
	ihl := int(pkt[0]&0x0f) * 4
	if onesSum(pkt[:ihl], 0) != 0 {
		return false
	}
	seg := pkt[ihl:]
	var pseudo uint32
	for k := 12; k < 20; k += 2 {
		pseudo += uint32(binary.BigEndian.Uint16(pkt[k:]))
	}
	pseudo += uint32(pkt[9]) + uint32(len(seg))
	return onesSum(seg, pseudo) == 0
}

func readPackets(t *testing.T, name string) [][]byte {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := pcapgo.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var out [][]byte
	for {
		data, _, err := r.ReadPacketData()
		if err != nil {
			return out
		}
		out = append(out, append([]byte(nil), data...))
	}
}

// TestNATRewrite translates the committed NAT scenario's packets as the
// forwarder does: each client->server packet of the client end's capture
// must become, byte for byte, the same frame of the server end's capture,
// and each server->client packet of the server end's capture the same
// frame of the client end's (the ledger pairs frame N with frame N: no
// drops). Both files' checksums are checked from scratch (RFC 1071), and
// the receiving kernels accepted every packet.
func TestNATRewrite(t *testing.T) {
	cli := readPackets(t, "../../testdata/twoside/nat.client.pcap")
	srv := readPackets(t, "../../testdata/twoside/nat.server.pcap")
	if len(cli) != 18 || len(srv) != 18 {
		t.Fatalf("%d and %d packets, the scenario has 18 in each", len(cli), len(srv))
	}
	n := &nat{inside: clientV4, outside: netip.MustParseAddr("10.77.0.9"), shift: 10000}
	for k := range cli {
		for _, p := range [][]byte{cli[k], srv[k]} {
			if !checksumsValid(t, p) {
				t.Errorf("frame %d: checksum wrong in a committed file", k+1)
			}
		}
		s, _ := parseIP(cli[k])
		from, to, d := cli[k], srv[k], toServer
		if s.src != clientV4 {
			from, to, d = srv[k], cli[k], toClient
		}
		got := append([]byte(nil), from...)
		n.rewrite(d, got)
		if string(got) != string(to) {
			t.Errorf("frame %d (%v): translated\n%x\nwant\n%x", k+1, d, got, to)
		}
	}
}

// TestCsumReplace checks the incremental update against a checksum
// computed from scratch, for words that change in every position.
func TestCsumReplace(t *testing.T) {
	buf := []byte{0x45, 0x00, 0x00, 0x34, 0x12, 0x34, 0x40, 0x00, 0x40, 0x06, 0, 0, 10, 77, 0, 1, 10, 77, 0, 2}
	binary.BigEndian.PutUint16(buf[10:], onesSum(buf, 0))
	for _, tc := range []struct {
		name string
		at   int
		nw   uint16
	}{{"address high", 12, 0x0a4d}, {"address low", 14, 0x0009}, {"to zero", 18, 0}, {"to ffff", 16, 0xffff}} {
		t.Run(tc.name, func(t *testing.T) {
			b := append([]byte(nil), buf...)
			old := binary.BigEndian.Uint16(b[tc.at:])
			binary.BigEndian.PutUint16(b[10:], csumReplace(binary.BigEndian.Uint16(b[10:]), old, tc.nw))
			binary.BigEndian.PutUint16(b[tc.at:], tc.nw)
			if onesSum(b, 0) != 0 {
				t.Errorf("header checksum wrong after replacing %04x by %04x", old, tc.nw)
			}
		})
	}
}
