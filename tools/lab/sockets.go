package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/netip"
	"sync"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// ioTimeout bounds every blocking socket call of a scenario, so a
// scenario whose packets went astray fails instead of hanging the lab.
const ioTimeout = 5 * time.Second

// listen opens a TCP listener on the server host. Go's own keep-alive is
// off on every lab socket: a probe nobody asked for would change the
// capture.
func (l *lab) listen(port int) (*net.TCPListener, error) {
	var ln net.Listener
	err := inNetns(l.serverNS, func() (err error) {
		lc := net.ListenConfig{KeepAlive: -1}
		ln, err = lc.Listen(context.Background(), "tcp", netip.AddrPortFrom(l.server, uint16(port)).String())
		return err
	})
	if err != nil {
		return nil, err
	}
	return ln.(*net.TCPListener), nil
}

// dial connects from the client host to port on the server, from a fixed
// local port when localPort is non-zero (so captures are the same on every
// run, and so a scenario can reuse a port on purpose).
func (l *lab) dial(port, localPort int) (*net.TCPConn, error) {
	var c net.Conn
	err := inNetns(l.clientNS, func() (err error) {
		d := net.Dialer{Timeout: ioTimeout, KeepAlive: -1}
		if localPort != 0 {
			d.LocalAddr = &net.TCPAddr{IP: l.client.AsSlice(), Port: localPort}
		}
		c, err = d.Dial("tcp", netip.AddrPortFrom(l.server, uint16(port)).String())
		return err
	})
	if err != nil {
		return nil, err
	}
	return c.(*net.TCPConn), nil
}

// accept waits for one connection on ln.
func accept(ln *net.TCPListener) (*net.TCPConn, error) {
	if err := ln.SetDeadline(time.Now().Add(ioTimeout)); err != nil {
		return nil, err
	}
	return ln.AcceptTCP()
}

// abort is the application's abortive close: SO_LINGER 0 then close(), so
// the kernel sends RST/ACK instead of FIN.
func abort(c *net.TCPConn) error {
	if err := c.SetLinger(0); err != nil {
		return err
	}
	return c.Close()
}

// forget drops the kernel's state for a connection without sending
// anything, as a reboot or a crashed NAT would: close() on a socket in
// TCP_REPAIR mode (the checkpoint/restore interface, root only) skips the
// FIN and the RST a normal or abortive close would send.
func forget(c *net.TCPConn) error {
	if err := setsockopt(c, unix.IPPROTO_TCP, unix.TCP_REPAIR, 1); err != nil {
		return fmt.Errorf("TCP_REPAIR: %w", err)
	}
	return c.Close()
}

// setsockopt sets integer socket options on c's descriptor.
func setsockopt(c syscall.Conn, level, opt, value int) error {
	rc, err := c.SyscallConn()
	if err != nil {
		return err
	}
	var serr error
	if err := rc.Control(func(fd uintptr) { serr = unix.SetsockoptInt(int(fd), level, opt, value) }); err != nil {
		return err
	}
	return serr
}

// keepalive turns on TCP keep-alive with the given idle time, probe
// interval (whole seconds, as the kernel takes them) and probe count.
func keepalive(c *net.TCPConn, idle, interval, count int) error {
	for _, o := range []struct{ level, opt, v int }{
		{unix.SOL_SOCKET, unix.SO_KEEPALIVE, 1},
		{unix.IPPROTO_TCP, unix.TCP_KEEPIDLE, idle},
		{unix.IPPROTO_TCP, unix.TCP_KEEPINTVL, interval},
		{unix.IPPROTO_TCP, unix.TCP_KEEPCNT, count},
	} {
		if err := setsockopt(c, o.level, o.opt, o.v); err != nil {
			return err
		}
	}
	return nil
}

// setBacklog calls listen() again with a new backlog; Linux accepts that on
// a listening socket and just resizes the accept queue. Go's net package
// always listens with the system maximum.
func setBacklog(ln *net.TCPListener, backlog int) error {
	rc, err := ln.SyscallConn()
	if err != nil {
		return err
	}
	var lerr error
	if err := rc.Control(func(fd uintptr) { lerr = unix.Listen(int(fd), backlog) }); err != nil {
		return err
	}
	return lerr
}

// send writes all of b.
func send(c net.Conn, b []byte) error {
	if err := c.SetWriteDeadline(time.Now().Add(ioTimeout)); err != nil {
		return err
	}
	_, err := c.Write(b)
	return err
}

// recv reads exactly n bytes.
func recv(c net.Conn, n int) error {
	if err := c.SetReadDeadline(time.Now().Add(ioTimeout)); err != nil {
		return err
	}
	_, err := io.ReadFull(c, make([]byte, n))
	return err
}

// expectReset reads until the connection fails and insists it was a reset:
// a scenario uses it to confirm that its host's stack took the RST.
func expectReset(c net.Conn, who string) error {
	err := readUntilError(c)
	if !errors.Is(err, syscall.ECONNRESET) && !errors.Is(err, syscall.EPIPE) {
		return fmt.Errorf("%s: expected connection reset, got %v", who, err)
	}
	return nil
}

// expectEOF reads until the peer's FIN.
func expectEOF(c net.Conn, who string) error {
	if err := readUntilError(c); err != io.EOF {
		return fmt.Errorf("%s: expected EOF, got %v", who, err)
	}
	return nil
}

func readUntilError(c net.Conn) error {
	if err := c.SetReadDeadline(time.Now().Add(ioTimeout)); err != nil {
		return err
	}
	buf := make([]byte, 4096)
	for {
		if _, err := c.Read(buf); err != nil {
			return err
		}
	}
}

// both runs the server and the client side of a scenario concurrently and
// returns both errors.
func both(server, client func() error) error {
	var wg sync.WaitGroup
	var serr, cerr error
	wg.Add(2)
	go func() { defer wg.Done(); serr = server() }()
	go func() { defer wg.Done(); cerr = client() }()
	wg.Wait()
	return errors.Join(wrap("server", serr), wrap("client", cerr))
}

func wrap(who string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", who, err)
}

// pause sleeps; scenarios use it to let packets in flight land, so every
// run takes the same path.
func pause(d time.Duration) { time.Sleep(d) }

// A connStep is one thing an end of a scenario does on its connection.
// Scenarios list their ends as steps (steps(answer, expectResetAs("server")))
// so the listen/accept/dial/close around them is written once, here.
type connStep func(*net.TCPConn) error

// steps runs the given steps in order, stopping at the first error.
func steps(list ...connStep) connStep {
	return func(c *net.TCPConn) error {
		for _, s := range list {
			if err := s(c); err != nil {
				return err
			}
		}
		return nil
	}
}

// inTurn runs the given ends one after another, stopping at the first
// error: an end that makes more than one connection.
func inTurn(ends ...func() error) func() error {
	return func() error {
		for _, e := range ends {
			if err := e(); err != nil {
				return err
			}
		}
		return nil
	}
}

// wait is a step that pauses for d.
func wait(d time.Duration) connStep {
	return func(*net.TCPConn) error { pause(d); return nil }
}

// expectResetAs is expectReset as a step.
func expectResetAs(who string) connStep {
	return func(c *net.TCPConn) error { return expectReset(c, who) }
}

// expectEOFAs is expectEOF as a step.
func expectEOFAs(who string) connStep {
	return func(c *net.TCPConn) error { return expectEOF(c, who) }
}

// sendRequest sends one more request without waiting for an answer.
func sendRequest(c *net.TCPConn) error { return send(c, request) }

// readRequest reads one request without answering it.
func readRequest(c *net.TCPConn) error { return recv(c, len(request)) }

// sendResponse sends one more response, asked for or not.
func sendResponse(c *net.TCPConn) error { return send(c, response) }

// readResponse reads one response.
func readResponse(c *net.TCPConn) error { return recv(c, len(response)) }

// closeConn is a graceful close (FIN) as a step.
func closeConn(c *net.TCPConn) error { return c.Close() }

// closeQuietly is how a connection is released after its steps. Closing a
// connection a step already closed (abort, forget, closeConn) does nothing.
func closeQuietly(c net.Conn) { c.Close() }

// served accepts one connection on ln, runs fn on it, then releases it.
func served(ln *net.TCPListener, release func(net.Conn), fn connStep) func() error {
	return func() error {
		c, err := accept(ln)
		if err != nil {
			return err
		}
		defer release(c)
		return fn(c)
	}
}

// dialed connects from localPort to port on the server, runs fn on the
// connection, then releases it.
func (l *lab) dialed(port, localPort int, release func(net.Conn), fn connStep) func() error {
	return func() error {
		c, err := l.dial(port, localPort)
		if err != nil {
			return err
		}
		defer release(c)
		return fn(c)
	}
}

// oneConn is the common scenario: a listener on httpPort, one connection to
// it from clientPort, server running on the accepted end and client on the
// dialed end at once; each end is closed after its steps.
func (l *lab) oneConn(server, client connStep) error {
	return l.connPair(closeQuietly, server, client)
}

// oneConnLeftOpen is oneConn whose connection both ends leave open until
// the capture is over (keepOpen).
func (l *lab) oneConnLeftOpen(server, client connStep) error {
	return l.connPair(l.keepOpen, server, client)
}

func (l *lab) connPair(release func(net.Conn), server, client connStep) error {
	ln, err := l.listen(httpPort)
	if err != nil {
		return err
	}
	defer ln.Close()
	return both(served(ln, release, server), l.dialed(httpPort, clientPort, release, client))
}
