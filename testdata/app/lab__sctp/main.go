// Command sctp makes lab__sctp.pcap's traffic: two SCTP associations between
// two network namespaces, run by the userspace SCTP stack
// github.com/pion/sctp (v1.12.1), whose packets (common header with ports
// 5000, verification tag and CRC32c, then chunks) travel as the payload of
// IPv4 packets of protocol 132 through a raw IP socket, so the wire holds
// genuine IP/SCTP although the kernel here has no SCTP.
//
// The first association (client in one namespace, server in the other) sets
// up with INIT, INIT ACK, COOKIE ECHO and COOKIE ACK, carries messages on two
// streams with two payload protocol identifiers (51 and 53, WebRTC string and
// binary, which tshark 4.0 hands to no other dissector), echoes each back,
// has the client send a HEARTBEAT (pion v1.12.1 writes it without its
// Heartbeat Info parameter: tshark calls it malformed and the server answers
// none), and ends with a graceful SHUTDOWN, SHUTDOWN ACK and SHUTDOWN
// COMPLETE. The second association sets up, carries one message
// and is ended by the client's ABORT (User-Initiated Abort cause).
//
// Run as root with lab__sctp.sh, which makes the namespaces and records:
//
//	ip netns exec B go run . server 10.13.2.1 &
//	ip netns exec A go run . client 10.13.2.2
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"time"

	"github.com/pion/logging"
	"github.com/pion/sctp"
)

// ipConn carries SCTP packets to and from one peer as IPv4 protocol 132
// datagrams: net.Conn over a raw IP socket (ReadFrom strips the IPv4
// header; packets from other hosts are dropped).
type ipConn struct {
	*net.IPConn
	peer *net.IPAddr
}

func (c *ipConn) Read(b []byte) (int, error) {
	for {
		n, from, err := c.IPConn.ReadFrom(b)
		if err != nil {
			return n, err
		}
		if a, ok := from.(*net.IPAddr); ok && a.IP.Equal(c.peer.IP) {
			return n, nil
		}
	}
}

func (c *ipConn) Write(b []byte) (int, error) { return c.IPConn.WriteTo(b, c.peer) }

func (c *ipConn) RemoteAddr() net.Addr { return c.peer }

func dial(peer string) *ipConn {
	ic, err := net.ListenIP("ip4:132", nil)
	if err != nil {
		log.Fatal(err)
	}
	return &ipConn{ic, &net.IPAddr{IP: net.ParseIP(peer)}}
}

// opts are the options of both ends of association i: the first does
// without user message interleaving (RFC 8260), so it carries DATA chunks;
// the second keeps pion's default, which negotiates it and sends I-DATA.
func opts(c net.Conn, i int) []sctp.AssociationOption {
	lf := logging.NewDefaultLoggerFactory()
	lf.DefaultLogLevel = logging.LogLevelError
	return []sctp.AssociationOption{sctp.WithNetConn(c), sctp.WithLoggerFactory(lf),
		sctp.WithName(fmt.Sprint("assoc", i)), sctp.WithEnableInterleaving(i == 1)}
}

func main() {
	if len(os.Args) != 3 {
		log.Fatal("usage: sctp server|client PEER")
	}
	switch os.Args[1] {
	case "server":
		server(os.Args[2])
	case "client":
		client(os.Args[2])
	default:
		log.Fatal("usage: sctp server|client PEER")
	}
}

// server answers two associations in turn, echoing every message on the
// stream and with the identifier it came with.
func server(peer string) {
	for i := 0; i < 2; i++ {
		c := dial(peer)
		var opt []sctp.ServerOption
		for _, o := range opts(c, i) {
			opt = append(opt, o)
		}
		a, err := sctp.ServerWithOptions(opt...)
		if err != nil {
			log.Fatal(err)
		}
		done := make(chan struct{})
		go func() {
			defer close(done)
			for {
				s, err := a.AcceptStream()
				if err != nil {
					return
				}
				go echo(s)
			}
		}()
		<-done
		_ = a.Close()
		_ = c.Close()
	}
}

func echo(s *sctp.Stream) {
	buf := make([]byte, 2048)
	for {
		n, ppi, err := s.ReadSCTP(buf)
		if err != nil {
			return
		}
		if _, err := s.WriteSCTP(buf[:n], ppi); err != nil {
			return
		}
	}
}

// client runs the graceful association, then the aborted one.
func client(peer string) {
	c := dial(peer)
	a, err := sctp.ClientWithOptions(clientOpts(c, 0)...)
	if err != nil {
		log.Fatal(err)
	}
	s0 := open(a, 0)
	s1 := open(a, 1)
	msgs := []struct {
		s   *sctp.Stream
		ppi sctp.PayloadProtocolIdentifier
		m   string
	}{
		{s0, sctp.PayloadTypeWebRTCString, "hello over stream 0"},
		{s1, sctp.PayloadTypeWebRTCBinary, "\x00\x01\x02\x03binary on stream 1"},
		{s0, sctp.PayloadTypeWebRTCString, "second message on stream 0"},
		{s1, sctp.PayloadTypeWebRTCBinary, "\xff\xfe second binary"},
		{s0, sctp.PayloadTypeWebRTCString, "third message on stream 0"},
	}
	buf := make([]byte, 2048)
	for _, m := range msgs {
		if _, err := m.s.WriteSCTP([]byte(m.m), m.ppi); err != nil {
			log.Fatal(err)
		}
		n, ppi, err := m.s.ReadSCTP(buf)
		if err != nil || string(buf[:n]) != m.m || ppi != m.ppi {
			log.Fatalf("echo: %q %v %v", buf[:n], ppi, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
	a.ActiveHeartbeat()
	time.Sleep(300 * time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	if err := a.Shutdown(ctx); err != nil {
		log.Fatal("shutdown: ", err)
	}
	cancel()
	_ = a.Close()
	_ = c.Close()
	time.Sleep(500 * time.Millisecond)

	c = dial(peer)
	a, err = sctp.ClientWithOptions(clientOpts(c, 1)...)
	if err != nil {
		log.Fatal(err)
	}
	s := open(a, 3)
	if _, err := s.WriteSCTP([]byte("one message, then ABORT"), sctp.PayloadTypeWebRTCString); err != nil {
		log.Fatal(err)
	}
	if _, _, err := s.ReadSCTP(buf); err != nil && !errors.Is(err, io.EOF) {
		log.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond)
	a.Abort("lab: done")
	time.Sleep(300 * time.Millisecond)
	_ = a.Close()
	_ = c.Close()
}

func clientOpts(c net.Conn, i int) []sctp.ClientOption {
	var out []sctp.ClientOption
	for _, o := range opts(c, i) {
		out = append(out, o)
	}
	return out
}

func open(a *sctp.Association, id uint16) *sctp.Stream {
	s, err := a.OpenStream(id, sctp.PayloadTypeWebRTCString)
	if err != nil {
		log.Fatal(err)
	}
	return s
}
