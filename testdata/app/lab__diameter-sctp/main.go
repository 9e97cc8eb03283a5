// Command diameter-sctp carries a Diameter connection between two
// freeDiameterd daemons over SCTP for lab__diameter-sctp.pcap. The kernel
// here has no SCTP, so freeDiameterd speaks TCP to this program on its own
// namespace's loopback, and the program relays each Diameter message, cut by
// its header's 24-bit length, as one SCTP user message with payload protocol
// identifier 46 (Diameter, RFC 6733 §2.1) on stream 0 of an association run
// by the userspace stack github.com/pion/sctp (v1.12.1) between the two
// namespaces; SCTP packets travel as IPv4 protocol 132 through a raw IP
// socket (ports 5000, pion's), so the wire holds genuine IP/SCTP carrying
// the daemons' real messages.
//
//	ip netns exec B diameter-sctp server 10.x.0.1 127.0.0.1:3868 &  # dials peer-b
//	ip netns exec A diameter-sctp client 10.x.0.2 127.0.0.1:3869 &  # peer-a dials it
package main

import (
	"encoding/binary"
	"io"
	"log"
	"net"
	"os"
	"time"

	"github.com/pion/logging"
	"github.com/pion/sctp"
)

// ipConn carries SCTP packets to and from one peer as IPv4 protocol 132
// datagrams (ReadFrom strips the IPv4 header; other hosts' packets are
// dropped).
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

const ppidDiameter = sctp.PayloadProtocolIdentifier(46)

func main() {
	if len(os.Args) != 4 {
		log.Fatal("usage: diameter-sctp server|client PEER TCPADDR")
	}
	lf := logging.NewDefaultLoggerFactory()
	lf.DefaultLogLevel = logging.LogLevelError
	c := dial(os.Args[2])
	var s *sctp.Stream
	var tcp net.Conn
	switch os.Args[1] {
	case "server":
		a, err := sctp.ServerWithOptions(sctp.WithNetConn(c), sctp.WithLoggerFactory(lf), sctp.WithEnableInterleaving(false))
		if err != nil {
			log.Fatal(err)
		}
		if s, err = a.AcceptStream(); err != nil {
			log.Fatal(err)
		}
		if tcp, err = net.Dial("tcp", os.Args[3]); err != nil {
			log.Fatal(err)
		}
		defer a.Close()
	case "client":
		ln, err := net.Listen("tcp", os.Args[3])
		if err != nil {
			log.Fatal(err)
		}
		if tcp, err = ln.Accept(); err != nil {
			log.Fatal(err)
		}
		a, err := sctp.ClientWithOptions(sctp.WithNetConn(c), sctp.WithLoggerFactory(lf), sctp.WithEnableInterleaving(false))
		if err != nil {
			log.Fatal(err)
		}
		if s, err = a.OpenStream(0, ppidDiameter); err != nil {
			log.Fatal(err)
		}
		defer a.Close()
	default:
		log.Fatal("usage: diameter-sctp server|client PEER TCPADDR")
	}
	done := make(chan struct{}, 2)
	go func() { // TCP → SCTP, one message per SCTP user message
		defer func() { done <- struct{}{} }()
		for {
			hdr := make([]byte, 4)
			if _, err := io.ReadFull(tcp, hdr); err != nil {
				return
			}
			n := int(binary.BigEndian.Uint32(hdr) & 0xffffff)
			if n < 4 || n > 1<<16 {
				return
			}
			m := make([]byte, n)
			copy(m, hdr)
			if _, err := io.ReadFull(tcp, m[4:]); err != nil {
				return
			}
			if _, err := s.WriteSCTP(m, ppidDiameter); err != nil {
				return
			}
		}
	}()
	go func() { // SCTP → TCP
		defer func() { done <- struct{}{} }()
		buf := make([]byte, 1<<16)
		for {
			n, _, err := s.ReadSCTP(buf)
			if err != nil {
				return
			}
			if _, err := tcp.Write(buf[:n]); err != nil {
				return
			}
		}
	}()
	<-done
	tcp.Close()
	time.Sleep(time.Second) // let the association send what is queued (the DPA) and its SACKs
}
