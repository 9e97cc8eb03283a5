package decode

import (
	"encoding/binary"
	"net"
	"testing"
	"time"

	"github.com/ladder-dev/ladder/internal/netnstest"
)

// udpPayload is datagram k of sendNumbered: its number, then filler up to
// a size that varies from 1 to 1400 bytes so ring blocks pack packets of
// every length.
func udpPayload(k int) []byte {
	b := make([]byte, 8+(k*37)%1393)
	binary.BigEndian.PutUint64(b, uint64(k))
	for i := 8; i < len(b); i++ {
		b[i] = byte(k ^ i)
	}
	return b
}

// sendNumbered sends datagrams from..to-1 (udpPayload) from the client to
// a socket on the server's port 9, pausing every pace datagrams (0: never)
// so a capture that keeps up loses nothing.
func sendNumbered(t *testing.T, p *netnstest.Pair, from, to, pace int) {
	t.Helper()
	if err := netnstest.In(p.Client, func() error {
		c, err := net.Dial("udp4", net.JoinHostPort(netnstest.ServerAddr, "9"))
		if err != nil {
			return err
		}
		defer c.Close()
		for k := from; k < to; k++ {
			if _, err := c.Write(udpPayload(k)); err != nil {
				return err
			}
			if pace > 0 && k%pace == pace-1 {
				time.Sleep(2 * time.Millisecond)
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}

// udpSink opens the socket that absorbs sendNumbered's datagrams, so the
// server answers no ICMP errors.
func udpSink(t *testing.T, p *netnstest.Pair) {
	t.Helper()
	var sink net.PacketConn
	if err := netnstest.In(p.Server, func() (err error) {
		sink, err = net.ListenPacket("udp4", net.JoinHostPort(netnstest.ServerAddr, "9"))
		return err
	}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sink.Close() })
}

// TestLiveReceivesExactly sends 20,000 numbered datagrams of 9 to 1400
// bytes of payload through the TPACKET_V3 ring and through recvmsg (and the
// ring on "any", cooked): the capture must hold each exactly once, in
// order, byte for byte (the payload checked after the Ethernet, IPv4 and
// UDP headers, 14+20+8 bytes, or the 16-byte cooked header on "any").
func TestLiveReceivesExactly(t *testing.T) {
	netnstest.RequireTcpdump(t)
	const n = 20_000
	tests := []struct {
		name, iface string
		noRing      bool
		header      int
	}{
		{"tpacket_v3 ring", netnstest.ClientIface, false, 14 + 20 + 8},
		{"recvmsg", netnstest.ClientIface, true, 14 + 20 + 8},
		{"tpacket_v3 ring on any", "any", false, 16 + 20 + 8},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := netnstest.NewPair(t)
			udpSink(t, p)
			var src *Source
			if err := netnstest.In(p.Client, func() (err error) {
				src, err = OpenLive(LiveOptions{Interface: tc.iface, Filter: "udp dst port 9", NoRing: tc.noRing})
				return err
			}); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { src.Close() })
			if ring := src.live.(*liveReader).rx != nil; ring == tc.noRing {
				t.Fatalf("TPACKET_V3 ring in use: %v, want %v", ring, !tc.noRing)
			}
			x := Start(src)
			sendNumbered(t, p, 0, n, 200)
			for deadline := time.Now().Add(5 * time.Second); x.Len() < n && time.Now().Before(deadline); {
				time.Sleep(10 * time.Millisecond)
			}
			x.Stop()
			waitLive(t, x, 2*time.Second)
			st, _ := x.LiveStats()
			if x.Len() != n || st.Dropped != 0 || st.Captured != n {
				t.Fatalf("captured %d (stats %+v), want exactly %d, none dropped", x.Len(), st, n)
			}
			var buf []byte
			for i := range n {
				var err error
				if buf, err = x.Data(i, buf); err != nil {
					t.Fatal(err)
				}
				want := udpPayload(i)
				if len(buf) != tc.header+len(want) || string(buf[tc.header:]) != string(want) {
					t.Fatalf("packet %d: %d bytes, want datagram %d (%d+%d bytes)", i+1, len(buf), i, tc.header, len(want))
				}
				if p := x.Packet(i); int(p.OrigLen) != len(buf) || p.Time == 0 {
					t.Fatalf("packet %d: wire length %d time %d", i+1, p.OrigLen, p.Time)
				}
			}
		})
	}
}

// TestLiveReportsDrops holds the loader off (Index.Frozen) while 60,000
// datagrams of about 700 bytes (over 40 MB) are sent, more than the 32 MiB
// ring holds: the kernel must drop some, and every datagram must be
// accounted for, captured or counted by tp_drops.
func TestLiveReportsDrops(t *testing.T) {
	netnstest.RequireTcpdump(t)
	const n = 60_000
	p := netnstest.NewPair(t)
	udpSink(t, p)
	x := startLive(t, p.Client, LiveOptions{Interface: netnstest.ClientIface, Filter: "udp dst port 9"})
	x.Frozen(func() { sendNumbered(t, p, 0, n, 0) })
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if st, _ := x.LiveStats(); st.Captured+st.Dropped >= n {
			break
		}
	}
	x.Stop()
	waitLive(t, x, 2*time.Second)
	st, _ := x.LiveStats()
	if st.Dropped == 0 || st.Captured+st.Dropped != n || st.Received != n {
		t.Errorf("stats %+v: want drops, and captured + dropped = received = %d sent", st, n)
	}
	if pr := x.Progress(); pr.Dropped != st.Dropped {
		t.Errorf("progress reports %d dropped, stats %d", pr.Dropped, st.Dropped)
	}
	// What was captured is the datagrams in order with gaps, never twice.
	last := -1
	var buf []byte
	for i := range x.Len() {
		buf, _ = x.Data(i, buf)
		k := int(binary.BigEndian.Uint64(buf[42:]))
		if k <= last {
			t.Fatalf("packet %d is datagram %d after %d", i+1, k, last)
		}
		last = k
	}
	t.Logf("%d captured, %d dropped", st.Captured, st.Dropped)
}
