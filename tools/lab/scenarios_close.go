package main

// Scenarios where an application ends a connection: refused connects,
// abortive closes, and the resets drawn by segments that arrive after the
// end.

import (
	"errors"
	"fmt"
	"net"
	"syscall"
	"time"
)

// payload returns n bytes of repeated text, so a capture's data is
// readable in a hex dump.
func payload(n int, text string) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = text[i%len(text)]
	}
	return b
}

var (
	request  = payload(64, "GET /lab HTTP/1.1\r\n")
	response = payload(300, "HTTP/1.1 200 OK\r\n")
)

// exchange is the client half of one request/response.
func exchange(c *net.TCPConn) error { return steps(sendRequest, readResponse)(c) }

// answer is the server half of one request/response.
func answer(c *net.TCPConn) error { return steps(readRequest, sendResponse)(c) }

func refused(topo topology, suffix string) scenario {
	note := fmt.Sprintf("SYN to port %d where nothing listens: the server's stack answers RST/ACK", closedPort)
	return scenario{
		name:  "refused" + suffix,
		about: "the client connects twice to a port with no listener",
		topo:  topo,
		delay: 10 * time.Millisecond,
		run: func(l *lab) error {
			for i := 0; i < 2; i++ {
				_, err := l.dial(closedPort, clientPort+i)
				if !errors.Is(err, syscall.ECONNREFUSED) {
					return fmt.Errorf("connect %d: expected ECONNREFUSED, got %v", i+1, err)
				}
				pause(50 * time.Millisecond)
			}
			return nil
		},
		expect: []want{
			{from: serverSide, flags: "RST/ACK", cause: causeRefused, note: note},
			{from: serverSide, flags: "RST/ACK", cause: causeRefused, note: note},
		},
	}
}

func abortClient(topo topology, suffix string) scenario {
	return scenario{
		name:  "abort-client" + suffix,
		about: "after a request and its response the client closes with SO_LINGER 0",
		topo:  topo,
		delay: 10 * time.Millisecond,
		run: func(l *lab) error {
			return l.oneConn(
				steps(answer, expectResetAs("server")),
				steps(exchange, wait(100*time.Millisecond), abort)) // every ACK lands first
		},
		expect: []want{{from: clientSide, flags: "RST/ACK", cause: causeAbort,
			note: "client application closed with SO_LINGER 0 after reading the response"}},
	}
}

func abortServer() scenario {
	return scenario{
		name:  "abort-server",
		about: "the server answers, waits for the ACK, then closes with SO_LINGER 0",
		topo:  tunV4,
		delay: 10 * time.Millisecond,
		run: func(l *lab) error {
			return l.oneConn(
				steps(answer, wait(100*time.Millisecond), abort),
				steps(exchange, expectResetAs("client")))
		},
		expect: []want{{from: serverSide, flags: "RST/ACK", cause: causeAbort,
			note: "server application closed with SO_LINGER 0 after sending the response"}},
	}
}

func unreadData() scenario {
	return scenario{
		name:  "unread-data",
		about: "the server close()s a connection whose request it never read",
		topo:  tunV4,
		delay: 10 * time.Millisecond,
		run: func(l *lab) error {
			return l.oneConn(
				steps(wait(100*time.Millisecond), closeConn), // the request is in the receive queue by now
				steps(sendRequest, expectResetAs("client")))
		},
		expect: []want{{from: serverSide, flags: "RST/ACK", cause: causeAbort,
			note: "close with unread data: the server closed without reading the request, so Linux resets instead of sending FIN (RFC 2525 2.17)"}},
	}
}

func afterFIN() scenario {
	return scenario{
		name:  "after-fin",
		about: "the server reads the request and closes (FIN); the client sends more data anyway",
		topo:  tunV4,
		delay: 10 * time.Millisecond,
		run: func(l *lab) error {
			return l.oneConn(
				steps(readRequest, closeConn),
				steps(sendRequest, expectEOFAs("client"), wait(50*time.Millisecond), sendRequest,
					wait(100*time.Millisecond))) // the reset comes back before our own close
		},
		expect: []want{{from: serverSide, flags: "RST", cause: causeAfterClose,
			note: "the server had closed the connection (FIN) and the client sent more data: the closed side's stack resets"}},
	}
}

// seed reproduces the forum capture the project started from: the client
// half-closes (FIN), then aborts (RST/ACK) while two server segments are
// still on the way to it, a duplicate ACK and the ACK of its FIN; each
// draws a bare RST. One-way delay 50 ms.
//
// The server's duplicate ACK is real: the wire delivers a second copy of
// the client's request 85 ms after the first (a duplicated packet, beyond
// the capture point), and the server's stack answers the duplicate with a
// D-SACK duplicate ACK, which reaches the client after its abort.
func seed(topo topology, suffix string) scenario {
	const (
		reqLen    = 1178 // as in the forum capture: client Seq 1179 at its FIN
		respFirst = 1200
		respLast  = 476 // 1676 bytes in all: server Seq 1677
	)
	return scenario{
		name:  "seed" + suffix,
		about: "the forum capture: client FIN then RST/ACK; the server's late dup ACK and FIN ACK each draw a bare RST",
		topo:  topo,
		delay: 50 * time.Millisecond,
		run: func(l *lab) error {
			l.link.addRule(onData(toServer, 1, func(segment) fault { return fault{again: 85 * time.Millisecond} }))
			ln, err := l.listen(443)
			if err != nil {
				return err
			}
			defer ln.Close()
			req := payload(reqLen, "POST /api/v1/session HTTP/1.1\r\n")
			return both(served(ln, closeQuietly, func(c *net.TCPConn) error {
				if err := recv(c, reqLen); err != nil {
					return err
				}
				if err := send(c, payload(respFirst, "HTTP/1.1 200 OK\r\n")); err != nil {
					return err
				}
				if err := send(c, payload(respLast, "{\"ok\":true}\n")); err != nil {
					return err
				}
				// The client's FIN, then its RST. The server does not close
				// in between, so the kernel ACKs the FIN on its own.
				if err := expectEOF(c, "server"); err != nil {
					return err
				}
				pause(300 * time.Millisecond)
				return nil
			}), l.dialed(443, 50078, closeQuietly, func(c *net.TCPConn) error {
				if err := send(c, req); err != nil {
					return err
				}
				if err := recv(c, respFirst+respLast); err != nil {
					return err
				}
				if err := c.CloseWrite(); err != nil {
					return err
				}
				pause(70 * time.Millisecond)
				return abort(c)
			}))
		},
		expect: []want{
			{from: clientSide, flags: "RST/ACK", cause: causeAbort,
				note: "client closed with SO_LINGER 0 right after its FIN, while server segments were still in flight"},
			{from: clientSide, flags: "RST", cause: causeAfterClose,
				note: "the server's duplicate ACK (sent before the client's RST reached it) arrives after the client's abort"},
			{from: clientSide, flags: "RST", cause: causeAfterClose,
				note: "the server's ACK of the client's FIN arrives after the client's abort"},
		},
	}
}
