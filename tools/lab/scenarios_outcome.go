package main

// Scenarios for the ways a connection ends without (only) a reset: each
// makes one connection end one way, with the kernel's own timers made short
// by per-namespace sysctls, and declares that outcome. Faults are the
// wire's (the lab's forwarder drops packets or answers them with an ICMP
// error, as a router or a rejecting firewall would), so no packet filter
// has to be installed.

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// Per-namespace sysctls that shorten the kernel's give-up timers (Linux
// defaults: 6 SYN retries ~127 s, 5 SYN/ACK retries ~63 s, 15 data
// retries ~15 min).
const (
	// tcp_syn_retries=2 gives up after the time 2 doubling retries take
	// (1 + 2 + 4 s); since Linux 6.6 the first retries are 1 s apart
	// (tcp_syn_linear_timeouts=4), so the capture has six SYNs.
	labSynRetries    = "2"
	labSynAckRetries = "2" // SYN/ACK at 0, 1 and 3 s; the server gives up at about 7 s
	labRetries2      = "3" // about 3 s of data retransmissions before ETIMEDOUT
)

// dialWith connects like lab.dial with its own timeout and a hook that
// sets socket options before the SYN (a receive buffer must be set then to
// shape the window).
func (l *lab) dialWith(port, localPort int, timeout time.Duration, control func(fd uintptr) error) (*net.TCPConn, error) {
	var c net.Conn
	err := inNetns(l.clientNS, func() (err error) {
		d := net.Dialer{Timeout: timeout, KeepAlive: -1,
			LocalAddr: &net.TCPAddr{IP: l.client.AsSlice(), Port: localPort}}
		if control != nil {
			d.Control = func(_, _ string, rc syscall.RawConn) error {
				var cerr error
				if err := rc.Control(func(fd uintptr) { cerr = control(fd) }); err != nil {
					return err
				}
				return cerr
			}
		}
		c, err = d.DialContext(context.Background(), "tcp", netip.AddrPortFrom(l.server, uint16(port)).String())
		return err
	})
	if err != nil {
		return nil, err
	}
	return c.(*net.TCPConn), nil
}

// keepOpen closes c only after the wire and the capture are gone, so the
// capture ends with the connection as the scenario left it.
func (l *lab) keepOpen(c net.Conn) {
	l.afterTeardown = append(l.afterTeardown, func() { c.Close() })
}

// isClientSYN picks the client's SYNs.
func isClientSYN(d direction, s segment) bool { return d == toServer && s.syn && !s.ackFlag }

func synBlackHole() scenario {
	return scenario{
		name:  "syn-blackhole",
		about: "the wire drops every SYN (a filtering firewall, a host that is down); tcp_syn_retries=2 gives up after about 7 s",
		topo:  tunV4,
		delay: 10 * time.Millisecond,
		run: func(l *lab) error {
			if err := sysctl(l.clientNS, "net.ipv4.tcp_syn_retries", labSynRetries); err != nil {
				return err
			}
			l.link.addRule(func(d direction, s segment) fault { return fault{drop: isClientSYN(d, s)} })
			_, err := l.dialWith(httpPort, clientPort, 15*time.Second, nil)
			if !errors.Is(err, syscall.ETIMEDOUT) {
				return fmt.Errorf("expected ETIMEDOUT after the SYN retries, got %v", err)
			}
			return nil
		},
		outcomes: []outcomeLabel{ended(outcomeUnanswered, byNetwork,
			"the wire dropped the SYN and every retry until tcp_syn_retries=2's time ran out: nothing came back, connect() failed with ETIMEDOUT")},
	}
}

// icmpReject makes a scenario whose wire answers the client's SYN with an
// ICMP destination unreachable of the given code from the server's address,
// as `iptables -A INPUT -p tcp --dport 8080 -j REJECT --reject-with ...` in
// the server's namespace would.
func icmpReject(name, rejectWith string, code uint8, errno syscall.Errno, by, note string) scenario {
	return scenario{
		name:  name,
		about: "the SYN is rejected with ICMP " + rejectWith + " from the server's address",
		topo:  tunV4,
		delay: 10 * time.Millisecond,
		run: func(l *lab) error {
			l.link.addRule(func(d direction, s segment) fault {
				if !isClientSYN(d, s) {
					return fault{}
				}
				return fault{drop: true, icmp: &icmpReply{from: l.server, code: code}}
			})
			_, err := l.dialWith(httpPort, clientPort, ioTimeout, nil)
			if !errors.Is(err, errno) {
				return fmt.Errorf("expected %v from the ICMP error, got %v", errno, err)
			}
			return nil
		},
		outcomes: []outcomeLabel{ended(outcomeICMPUnreachable, by, note)},
	}
}

func icmpPortUnreachable() scenario {
	return icmpReject("icmp-port-unreachable", "port-unreachable (3/3)", 3, syscall.ECONNREFUSED, byServer,
		"the SYN drew ICMP port unreachable (3/3) from the server's own address: connect() failed with ECONNREFUSED")
}

func icmpAdminProhibited() scenario {
	return icmpReject("icmp-admin-prohibited", "admin-prohibited (3/13)", 13, syscall.EHOSTUNREACH, byNetwork,
		"a filter rejected the SYN with ICMP communication administratively prohibited (3/13): connect() failed with EHOSTUNREACH")
}

func lostFinalACK() scenario {
	return scenario{
		name:  "lost-final-ack",
		about: "the wire loses everything the client sends after its SYN; the server retransmits its SYN/ACK (tcp_synack_retries=2) and gives up",
		topo:  tunV4,
		delay: 10 * time.Millisecond,
		run: func(l *lab) error {
			if err := sysctl(l.serverNS, "net.ipv4.tcp_synack_retries", labSynAckRetries); err != nil {
				return err
			}
			ln, err := l.listen(httpPort)
			if err != nil {
				return err
			}
			l.afterTeardown = append(l.afterTeardown, func() { ln.Close() })
			l.link.addRule(func(d direction, s segment) fault { return fault{drop: d == toServer && !s.syn} })
			c, err := l.dialWith(httpPort, clientPort, ioTimeout, nil)
			if err != nil {
				return err
			}
			l.keepOpen(c)
			pause(8 * time.Second) // the server's SYN/ACKs at 0, 1 and 3 s, then it gives up at about 7 s
			return nil
		},
		outcomes: []outcomeLabel{ended(outcomeHandshakeFailed, byNetwork,
			"the client's handshake ACKs were lost beyond the capture point: the server retransmitted its SYN/ACK twice (tcp_synack_retries=2) and gave up")},
	}
}

func midTransferBlackHole() scenario {
	return scenario{
		name:  "mid-transfer-blackhole",
		about: "after one exchange the wire goes dark; the client's next request is retransmitted until tcp_retries2=3 gives up, then the server's late data draws a reset",
		topo:  tunV4,
		delay: 10 * time.Millisecond,
		run: func(l *lab) error {
			if err := sysctl(l.clientNS, "net.ipv4.tcp_retries2", labRetries2); err != nil {
				return err
			}
			timedOut := make(chan struct{})
			clientTimedOut := func(*net.TCPConn) error {
				select {
				case <-timedOut:
					return nil
				case <-time.After(4 * ioTimeout):
					return errors.New("the client never timed out")
				}
			}
			// The server never saw the dead wire: it still has the
			// connection, and its next data finds none at the client.
			return l.oneConn(steps(answer, clientTimedOut, sendResponse, expectResetAs("server")), func(c *net.TCPConn) error {
				if err := exchange(c); err != nil {
					return err
				}
				pause(100 * time.Millisecond)
				l.link.setDown(true)
				if err := send(c, request); err != nil {
					return err
				}
				if err := c.SetReadDeadline(time.Now().Add(3 * ioTimeout)); err != nil {
					return err
				}
				if _, err := c.Read(make([]byte, 1)); !errors.Is(err, syscall.ETIMEDOUT) {
					return fmt.Errorf("expected ETIMEDOUT after tcp_retries2, got %v", err)
				}
				pause(500 * time.Millisecond)
				l.link.setDown(false)
				close(timedOut)
				pause(200 * time.Millisecond)
				return nil
			})
		},
		expect: []want{{from: clientSide, flags: "RST", cause: causeNoConnection,
			note: "the client's stack had timed the connection out (tcp_retries2=3) and dropped it without a word; the server's later data finds no connection"}},
		outcomes: []outcomeLabel{ended(outcomeTimedOut, byClient,
			"the wire went dark mid-transfer: the client retransmitted its request until tcp_retries2=3 ran out (ETIMEDOUT), sending no reset; its stack reset the server's later data")},
	}
}

// stalledRcvBuf is the client's receive buffer in the stalled scenario:
// small, so a few segments fill it and the capture stays short.
const stalledRcvBuf = 4096

func stalled() scenario {
	return scenario{
		name:  "stalled",
		about: "the client stops reading while the server sends: its window closes and the server's persist probes are answered with zero windows",
		topo:  tunV4,
		delay: 10 * time.Millisecond,
		run: func(l *lab) error {
			ln, err := l.listen(httpPort)
			if err != nil {
				return err
			}
			defer ln.Close()
			accepted := make(chan *net.TCPConn, 1)
			go func() {
				c, err := accept(ln)
				if err != nil {
					close(accepted)
					return
				}
				accepted <- c
			}()
			c, err := l.dialWith(httpPort, clientPort, ioTimeout, func(fd uintptr) error {
				return unix.SetsockoptInt(int(fd), unix.SOL_SOCKET, unix.SO_RCVBUF, stalledRcvBuf)
			})
			if err != nil {
				return err
			}
			l.keepOpen(c)
			s, ok := <-accepted
			if !ok {
				return errors.New("server: accept failed")
			}
			l.keepOpen(s)
			// The server's write fills the client's window and the rest
			// waits in its send buffer; the client never reads.
			if err := s.SetWriteDeadline(time.Now().Add(3 * time.Second)); err != nil {
				return err
			}
			_, err = s.Write(make([]byte, 4<<20)) // more than any send buffer holds
			if !isTimeout(err) {
				return fmt.Errorf("server: expected the write to block on the closed window, got %v", err)
			}
			return nil
		},
		outcomes: []outcomeLabel{ended(outcomeStalled, byClient,
			"the client's application never read: its receive buffer filled, its window stayed at zero and the server's persist probes were answered with zero windows")},
	}
}

// isTimeout reports a deadline error from the net package.
func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

func halfClosed() scenario {
	return scenario{
		name:  "half-closed",
		about: "the client sends its request and shuts down its sending side (FIN); the server answers and never closes",
		topo:  tunV4,
		delay: 10 * time.Millisecond,
		run: func(l *lab) error {
			return l.oneConnLeftOpen(
				steps(expectEOFAs("server"), sendResponse), // the request, then the client's FIN
				steps(sendRequest, (*net.TCPConn).CloseWrite, readResponse, wait(100*time.Millisecond)))
		},
		outcomes: []outcomeLabel{ended(outcomeHalfClosed, byServer,
			"the client shut down its sending side after the request (FIN, acknowledged); the server answered and never closed its side")},
	}
}

func leftOpen() scenario {
	return scenario{
		name:  "left-open",
		about: "one request and response, then the connection idles until the capture ends",
		topo:  tunV4,
		delay: 10 * time.Millisecond,
		run: func(l *lab) error {
			return l.oneConnLeftOpen(answer, steps(exchange, wait(300*time.Millisecond)))
		},
		outcomes: []outcomeLabel{ended(outcomeOpen, byNone,
			"neither side closed: the connection was established and idle when the capture ended")},
	}
}

// resetOutcomes are the outcomes of the reset scenarios' connections, by
// scenario name without the -v6/-eth suffix: each ends the way the
// scenario's resets say.
var resetOutcomes = map[string][]outcomeLabel{
	"refused": {
		ended(outcomeRefused, byServer, "nothing listens on port 9: the SYN was refused with RST/ACK"),
		ended(outcomeRefused, byServer, "nothing listens on port 9: the SYN was refused with RST/ACK"),
	},
	"abort-client": {ended(outcomeReset, byClient, "the client aborted (SO_LINGER 0)")},
	"abort-server": {ended(outcomeReset, byServer, "the server aborted (SO_LINGER 0)")},
	"unread-data":  {ended(outcomeReset, byServer, "the server closed with unread data: its stack reset")},
	"after-fin":    {ended(outcomeReset, byServer, "the server had closed (FIN); the client's later data drew its reset")},
	"seed":         {ended(outcomeReset, byClient, "the client half-closed, then aborted")},
	"half-open":    {ended(outcomeReset, byServer, "the server forgot the connection; the client's data drew its reset")},
	"stale-handshake": {
		ended(outcomeOpen, byNone, "the client forgot this connection silently (TCP_REPAIR); the server still has it, idle"),
		ended(outcomeCompleted, byClient, "the reconnection cleared the stale state with a reset, then completed and the client closed first"),
	},
	"challenge": {ended(outcomeReset, byClient, "the client aborted; its second reset answered the challenge ACK")},
	"backlog": {
		ended(outcomeCompleted, byServer, "accepted from the queue at the end, then the server closed first"),
		ended(outcomeCompleted, byServer, "accepted from the queue at the end, then the server closed first"),
		ended(outcomeReset, byServer, "the full accept queue (tcp_abort_on_overflow=1) reset the handshake's last ACK"),
	},
	"injected":  {ended(outcomeReset, byNetwork, "a middlebox forged the reset in the server's name")},
	"keepalive": {ended(outcomeReset, byClient, "the client's keep-alive gave up and reset")},
}
