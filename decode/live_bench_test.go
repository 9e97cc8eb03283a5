package decode

import (
	"net"
	"testing"
	"time"

	"github.com/ladder-dev/ladder/internal/netnstest"
)

// BenchmarkLiveCapture measures the whole live path (socket, timestamp,
// pcapng spool, index) on a veth in a test namespace: b.N UDP datagrams are
// sent as fast as one sender can, to a listener so no ICMP errors come back,
// and the benchmark ends when every one was captured or counted as dropped.
func BenchmarkLiveCapture(b *testing.B) {
	p := netnstest.NewPair(b)
	var ln net.PacketConn
	if err := netnstest.In(p.Server, func() (err error) {
		ln, err = net.ListenPacket("udp4", net.JoinHostPort(netnstest.ServerAddr, "9000"))
		return err
	}); err != nil {
		b.Fatal(err)
	}
	defer ln.Close()
	go func() {
		buf := make([]byte, 2048)
		for {
			if _, _, err := ln.ReadFrom(buf); err != nil {
				return
			}
		}
	}()
	var src *Source
	if err := netnstest.In(p.Client, func() (err error) {
		src, err = OpenLive(LiveOptions{Interface: netnstest.ClientIface})
		return err
	}); err != nil {
		b.Fatal(err)
	}
	defer src.Close()
	x := Start(src)
	var conn net.Conn
	if err := netnstest.In(p.Client, func() (err error) {
		conn, err = net.Dial("udp4", net.JoinHostPort(netnstest.ServerAddr, "9000"))
		return err
	}); err != nil {
		b.Fatal(err)
	}
	defer conn.Close()
	payload := make([]byte, 100)
	b.ResetTimer()
	for range b.N {
		conn.Write(payload)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		st, _ := x.LiveStats()
		if x.Len()+int(st.Dropped) >= b.N || time.Now().After(deadline) {
			break
		}
		time.Sleep(time.Millisecond)
	}
	b.StopTimer()
	x.Stop()
	x.Wait()
	st, _ := x.LiveStats()
	b.ReportMetric(float64(x.Len())/b.Elapsed().Seconds(), "packets/s")
	b.ReportMetric(float64(st.Dropped), "dropped")
}
