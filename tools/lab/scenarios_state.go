package main

// Scenarios where the two ends disagree about a connection's state: one
// side lost it, a SYN meets an old connection, a reset is out of order,
// the accept queue is full, a middlebox speaks for the server, or the peer
// went silent.

import (
	"errors"
	"fmt"
	"net"
	"os"
	"syscall"
	"time"
)

func halfOpen() scenario {
	return scenario{
		name:  "half-open",
		about: "the server silently loses the connection (state dropped, as by a reboot); the client's next data draws a RST",
		topo:  tunV4,
		delay: 20 * time.Millisecond,
		run: func(l *lab) error {
			ln, err := l.listen(httpPort)
			if err != nil {
				return err
			}
			defer ln.Close()
			forgotten := make(chan struct{})
			return both(func() error {
				defer close(forgotten)
				return served(ln, closeQuietly, steps(answer,
					wait(100*time.Millisecond), // the client's ACK lands first
					forget))()
			}, l.dialed(httpPort, clientPort, closeQuietly, steps(exchange,
				func(*net.TCPConn) error { <-forgotten; return nil },
				wait(50*time.Millisecond), sendRequest, expectResetAs("client"))))
		},
		expect: []want{{from: serverSide, flags: "RST", cause: causeNoConnection,
			note: "the server's stack has no connection for this segment: its state was dropped without a FIN or RST (TCP_REPAIR close, like a reboot)"}},
	}
}

func staleHandshake() scenario {
	return scenario{
		name:  "stale-handshake",
		about: "the client loses its state and reconnects from the same port; the server still has the old connection",
		topo:  tunV4,
		delay: 20 * time.Millisecond,
		run: func(l *lab) error {
			ln, err := l.listen(httpPort)
			if err != nil {
				return err
			}
			defer ln.Close()
			// The client's new SYN is answered by the old connection's ACK;
			// the kernel resets that and, having armed a short timer
			// (TCP_TIMEOUT_MIN) for exactly this case, sends the SYN again a
			// few milliseconds later.
			return both(inTurn(
				served(ln, closeQuietly, steps(answer, expectResetAs("server, old connection"))),
				served(ln, closeQuietly, steps(answer, expectEOFAs("server, new connection"))),
			), inTurn(
				l.dialed(httpPort, clientPort, closeQuietly, steps(exchange, wait(100*time.Millisecond), forget, wait(50*time.Millisecond))),
				l.dialed(httpPort, clientPort, closeQuietly, steps(exchange, wait(50*time.Millisecond))),
			))
		},
		expect: []want{{from: clientSide, flags: "RST", cause: causeStaleHandshake,
			note: "the client's new SYN (same port) met the server's old connection, which answered with an ACK (RFC 5961 4.2); the connecting client resets it, then its SYN, sent again a few ms later, succeeds"}},
	}
}

func challenge() scenario {
	return scenario{
		name:  "challenge",
		about: "the client's last data is lost, then it aborts; its RST is beyond what the server expects, so the server sends a challenge ACK, answered by a second RST",
		topo:  tunV4,
		delay: 20 * time.Millisecond,
		run: func(l *lab) error {
			l.link.addRule(onData(toServer, 2, func(segment) fault { return fault{drop: true} }))
			return l.oneConn(
				steps(answer, expectResetAs("server")),
				steps(exchange, wait(100*time.Millisecond), sendRequest /* lost on the wire */, abort))
		},
		expect: []want{
			{from: clientSide, flags: "RST/ACK", cause: causeAbort,
				note: "client closed with SO_LINGER 0 right after sending data that was then lost on the wire; the RST's sequence number is past what the server has"},
			{from: clientSide, flags: "RST", cause: causeChallenge,
				note: "the server answered the in-window but inexact RST with a challenge ACK (RFC 5961 3.2); the client, which has no connection any more, resets with exactly the acknowledged number"},
		},
	}
}

func backlog() scenario {
	return scenario{
		name:  "backlog",
		about: "three clients connect to a listener with backlog 1 that does not accept, with tcp_abort_on_overflow=1",
		topo:  tunV4,
		delay: 20 * time.Millisecond,
		run: func(l *lab) error {
			if err := sysctl(l.serverNS, "net.ipv4.tcp_abort_on_overflow", "1"); err != nil {
				return err
			}
			ln, err := l.listen(httpPort)
			if err != nil {
				return err
			}
			defer ln.Close()
			if err := setBacklog(ln, 1); err != nil {
				return err
			}
			// Linux queues backlog+1 connections, and with backlog 1 it also
			// answers only two pending SYNs normally (a third gets a SYN
			// cookie, whose overflowing ACK is dropped without a RST). So:
			// client 1 connects and sits in the queue; clients 2 and 3 then
			// connect together, both SYNs find room, 2's ACK fills the queue
			// and 3's ACK overflows it.
			type result struct {
				c   *net.TCPConn
				err error
			}
			results := make([]chan result, 3)
			for i := range results {
				results[i] = make(chan result, 1)
				go func(i int) {
					c, err := l.dial(httpPort, clientPort+1+i)
					results[i] <- result{c, err}
				}(i)
				if i == 0 {
					pause(100 * time.Millisecond)
				} else {
					pause(5 * time.Millisecond)
				}
			}
			var conns []*net.TCPConn
			var errs []error
			for i, ch := range results {
				r := <-ch
				if r.err != nil {
					errs = append(errs, fmt.Errorf("client %d: %w", i+1, r.err))
					continue
				}
				conns = append(conns, r.c)
			}
			defer func() {
				for _, c := range conns {
					c.Close()
				}
			}()
			if len(errs) > 0 {
				return errors.Join(errs...)
			}
			pause(200 * time.Millisecond)
			if err := expectReset(conns[2], "client 3"); err != nil {
				return err
			}
			// Now drain the queue and close everything politely.
			for i := 0; i < 2; i++ {
				c, err := accept(ln)
				if err != nil {
					return err
				}
				c.Close()
			}
			for i := 0; i < 2; i++ {
				if err := expectEOF(conns[i], fmt.Sprintf("client %d", i+1)); err != nil {
					return err
				}
			}
			return nil
		},
		expect: []want{{from: serverSide, flags: "RST", cause: causeBacklog,
			note: "accept queue full (backlog 1, nothing accepted, two connections queued) when the third client's handshake ACK arrived; net.ipv4.tcp_abort_on_overflow=1 makes the server reset it"}},
	}
}

func injected() scenario {
	return scenario{
		name:  "injected",
		about: "a middlebox drops the client's second request and forges a RST from the server",
		topo:  tunV4,
		delay: 20 * time.Millisecond,
		run: func(l *lab) error {
			l.link.addRule(onData(toServer, 2, func(s segment) fault {
				rst, err := forgeRST(s)
				if err != nil {
					panic(err) // serializing fixed headers cannot fail
				}
				return fault{drop: true, forge: rst}
			}))
			return l.oneConn(func(c *net.TCPConn) error {
				if err := answer(c); err != nil {
					return err
				}
				// The second request never comes; give up and close.
				c.SetReadDeadline(time.Now().Add(400 * time.Millisecond))
				if _, err := c.Read(make([]byte, 1)); !errors.Is(err, os.ErrDeadlineExceeded) {
					return fmt.Errorf("expected a read timeout, got %v", err)
				}
				if err := c.Close(); err != nil {
					return err
				}
				pause(100 * time.Millisecond)
				return nil
			}, steps(exchange, wait(100*time.Millisecond), sendRequest, expectResetAs("client")))
		},
		expect: []want{
			{from: serverSide, flags: "RST/ACK", cause: causeInjected, ttl: forgedTTL,
				note: fmt.Sprintf("forged by a middlebox in the server's name: TTL %d where the server's packets have 64, IP ID 0x%04x outside the server's sequence, no DF, sent at once instead of one round trip later", forgedTTL, forgedIPID)},
			{from: clientSide, flags: "RST", cause: causeAfterClose,
				note: "the client had accepted the forged reset; the real server, never told, later closes and its FIN finds no connection"},
		},
	}
}

// keepaliveTimeout: Linux does send a RST when keep-alive gives up
// (tcp_keepalive_timer calls tcp_send_active_reset), so the scenario can
// label a real one.
func keepaliveTimeout() scenario {
	return scenario{
		name:  "keepalive",
		about: "the client probes an idle connection with keep-alive (idle 1 s, interval 1 s, 2 probes) while the wire is down",
		topo:  tunV4,
		delay: 20 * time.Millisecond,
		run: func(l *lab) error {
			ln, err := l.listen(httpPort)
			if err != nil {
				return err
			}
			defer ln.Close()
			clientDone := make(chan struct{})
			return both(served(ln, closeQuietly, func(c *net.TCPConn) error { // its FIN is lost on the dead wire
				if err := answer(c); err != nil {
					return err
				}
				<-clientDone
				return nil
			}), func() error {
				defer close(clientDone)
				return l.dialed(httpPort, clientPort, closeQuietly, func(c *net.TCPConn) error {
					if err := keepalive(c, 1, 1, 2); err != nil {
						return err
					}
					if err := exchange(c); err != nil {
						return err
					}
					pause(100 * time.Millisecond)
					l.link.setDown(true)
					if err := readUntilError(c); !errors.Is(err, syscall.ETIMEDOUT) {
						return fmt.Errorf("expected ETIMEDOUT from keep-alive, got %v", err)
					}
					return nil
				})()
			})
		},
		expect: []want{{from: clientSide, flags: "RST/ACK", cause: causeKeepalive,
			note: "two keep-alive probes went unanswered (idle 1 s, interval 1 s, count 2): the client's stack gives up and resets"}},
	}
}
