package netnstest

import (
	"fmt"
	"io"
	"net"
	"strconv"
	"time"
)

// Payload is what the client sends before it resets the connection.
const Payload = "hello\n"

// Segment is one TCP segment an exchange must put on the wire.
type Segment struct {
	FromClient bool
	Flags      string // as Wireshark's list shows them, e.g. "SYN, ACK"
	Len        int    // TCP payload bytes
}

// RSTSegments is what RSTExchange puts on the wire, checked by hand against
// RFC 9293 and Linux behaviour: the three-way handshake, the client's data,
// the server's ACK of it (sent within the 40 ms delayed-ACK limit, well
// inside the client's 300 ms pause), and the abortive close: SO_LINGER 0
// makes close() send RST/ACK instead of FIN (RFC 9293 3.10.5, ABORT call).
var RSTSegments = []Segment{
	{true, "SYN", 0},
	{false, "SYN, ACK", 0},
	{true, "ACK", 0},
	{true, "PSH, ACK", len(Payload)},
	{false, "ACK", 0},
	{true, "RST, ACK", 0},
}

// RSTExchange runs a TCP connection from the client namespace to port on
// the server that ends in a reset from the client. With noise > 0 it also
// sends that many UDP datagrams to port+1 on the server (nobody listens;
// the server answers ICMP port unreachable, rate-limited) during the
// exchange.
func RSTExchange(p *Pair, port, noise int) error {
	var ln net.Listener
	if err := In(p.Server, func() (err error) {
		ln, err = net.Listen("tcp4", net.JoinHostPort(ServerAddr, strconv.Itoa(port)))
		return err
	}); err != nil {
		return err
	}
	defer ln.Close()
	served := make(chan error, 1)
	go func() {
		c, err := ln.Accept()
		if err != nil {
			served <- err
			return
		}
		defer c.Close()
		io.Copy(io.Discard, c) // ends with "connection reset by peer"
		served <- nil
	}()
	sendNoise := func() error {
		if noise == 0 {
			return nil
		}
		return In(p.Client, func() error {
			u, err := net.Dial("udp4", net.JoinHostPort(ServerAddr, strconv.Itoa(port+1)))
			if err != nil {
				return err
			}
			defer u.Close()
			for range noise {
				u.Write([]byte("noise"))
			}
			return nil
		})
	}
	var conn *net.TCPConn
	if err := In(p.Client, func() error {
		c, err := net.DialTimeout("tcp4", net.JoinHostPort(ServerAddr, strconv.Itoa(port)), 5*time.Second)
		if err != nil {
			return err
		}
		conn = c.(*net.TCPConn)
		return nil
	}); err != nil {
		return err
	}
	if err := sendNoise(); err != nil {
		conn.Close()
		return err
	}
	if _, err := conn.Write([]byte(Payload)); err != nil {
		conn.Close()
		return err
	}
	time.Sleep(300 * time.Millisecond)
	if err := sendNoise(); err != nil {
		conn.Close()
		return err
	}
	conn.SetLinger(0)
	conn.Close()
	select {
	case err := <-served:
		return err
	case <-time.After(5 * time.Second):
		return fmt.Errorf("server never saw the connection end")
	}
}
