package main

// Resets built the way other stacks build them. In each scenario one end is
// a real Linux stack and the other is played by the lab (emulate.go) with
// the fields and reset rules of another stack, or is a port scanner writing
// raw packets next to a real kernel. What each emulated stack does, and the
// public source for it, is said where the scenario sets it.

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"syscall"
	"time"
)

// Personalities of the emulated stacks.
var (
	// windows is Windows 10/Server 2019 with its defaults: TTL 128
	// (DefaultTTL, Microsoft's TCP/IP registry documentation), DF set, one
	// host-wide IP ID counter incremented per packet, RFC 1323 timestamps
	// off (netsh "RFC 1323 Timestamps: disabled"), a SYN of MSS 1460,
	// window scale 8 and SACK permitted with window 64240.
	windows = personality{name: "Windows", ttl: 128, df: true, idStep: 1, mss: 1460, wscale: 8, sack: true, win: 64240, dataWin: 1026}
	// freeBSD is FreeBSD 13/14: TTL 64 (net.inet.ip.ttl), DF set and, with
	// net.inet.ip.rfc6864=1 (the default since 11.0), IP ID 0 on every
	// atomic (DF) datagram; timestamps when the peer offers them (RFC 7323),
	// window scale 6, SACK permitted.
	freeBSD = personality{name: "FreeBSD", ttl: 64, df: true, ts: true, mss: 1460, wscale: 6, sack: true, win: 65535, dataWin: 1027}
	// macOS is XNU: TTL 64, DF set, a random IP ID per packet
	// (net.inet.ip.random_id=1), timestamps, window scale 6, SACK
	// permitted.
	macOS = personality{name: "macOS", ttl: 64, df: true, randomID: true, ts: true, mss: 1460, wscale: 6, sack: true, win: 65535, dataWin: 2052}
	// nmap is Nmap's raw probes (nmap.org/book, "TCP SYN (Stealth) Scan"
	// and tcpip.cc): window 1024, a SYN carrying only MSS 1460, no DF, a
	// random IP ID and a TTL drawn from 37-59 per probe.
	nmap = personality{name: "nmap", ttl: 0, mss: 1460, wscale: -1, win: 1024}
)

// randomISN is an initial sequence number as any modern stack picks one.
func randomISN() uint32 { return rand.Uint32() }

// windowsRefused is item 1 of issue 18's lab list: a Windows client's
// connect() to a closed port of a real Linux server.
//
// Microsoft KB 175523 ("Winsock TCP Connection Performance to Unused
// Ports"): when a SYN draws RST/ACK, Winsock's pending connection keeps
// issuing SYNs until its retry maximum (TcpMaxConnectRetransmissions, 2 on
// current Windows) and, the host being reachable, does not double the
// timeout between them; connect() fails with WSAECONNREFUSED only after
// the last one is refused. The SYNs are retransmissions of the one pending
// connection (same port, same ISN), half a second apart as Windows 10
// sends them.
func windowsRefused() scenario {
	return scenario{
		name:  "windows-refused",
		about: "a Windows client (emulated) connects to a closed port of the Linux server and retries the refused SYN twice, 0.5 s apart (KB 175523)",
		topo:  tunV4,
		delay: 10 * time.Millisecond,
		run: func(l *lab) error {
			h := l.emulate(clientEnd, windows)
			isn := randomISN()
			for i := 0; i < 3; i++ {
				if i > 0 {
					pause(500 * time.Millisecond)
				}
				if err := h.send(out{srcPort: clientPort, dstPort: closedPort, flags: "S", seq: isn, synOpts: true}); err != nil {
					return err
				}
				if _, err := h.await("RST/ACK", ioTimeout, func(s segment) bool { return s.rst && s.ackFlag && s.ack == isn+1 }); err != nil {
					return err
				}
			}
			return nil
		},
		expect: []want{
			{from: serverSide, flags: "RST/ACK", cause: causeRefused, note: "the Windows client's SYN to port 9 where nothing listens"},
			{from: serverSide, flags: "RST/ACK", cause: causeRefused, note: "the same SYN retried 0.5 s later (KB 175523), refused again"},
			{from: serverSide, flags: "RST/ACK", cause: causeRefused, note: "the second retry (TcpMaxConnectRetransmissions=2), refused again"},
		},
		outcomes: []outcomeLabel{ended(outcomeRefused, byServer,
			"nothing listens on port 9: the SYN and both of Windows' retries were refused with RST/ACK")},
	}
}

// Ports the scanner uses: one source port per scan type, as Nmap keeps one
// per scan.
const (
	scanSYNPort  = 40100
	scanFINPort  = 40200
	scanNULLPort = 40300
	scanXmasPort = 40400
)

// portScan is item 2: Nmap's SYN, FIN, NULL and Xmas probes against a
// closed port (9) and an open one (8080, a real listener) of the Linux
// server. The probes are written through a raw socket on the client host
// as Nmap writes them; the client's real kernel stays in place and, having
// no socket for the probe, answers the open port's SYN/ACK with a reset
// (the Nmap book: "the OS running on krad also receives the SYN/ACK, which
// it doesn't expect because Nmap crafted the SYN probe itself. So the OS
// responds ... with a RST packet"). The server's real stack answers what
// reaches the closed port with RST/ACK (RFC 9293 §3.10.7.1) and drops the
// FIN, NULL and Xmas probes at the listening port silently (§3.10.7.2).
func portScan() scenario {
	type probe struct {
		src   uint16
		dst   int
		flags string
	}
	probes := []probe{
		{scanSYNPort, closedPort, "S"}, {scanSYNPort, httpPort, "S"},
		{scanFINPort, closedPort, "F"}, {scanFINPort, httpPort, "F"},
		{scanNULLPort, closedPort, ""}, {scanNULLPort, httpPort, ""},
		{scanXmasPort, closedPort, "FPU"}, {scanXmasPort, httpPort, "FPU"},
	}
	return scenario{
		name:  "port-scan",
		about: "Nmap-style SYN, FIN, NULL and Xmas probes (raw socket) to a closed and an open port of the Linux server",
		topo:  tunV4,
		delay: 10 * time.Millisecond,
		run: func(l *lab) error {
			if _, err := l.listen(httpPort); err != nil {
				return err
			}
			h, closeRaw, err := l.rawHost(nmap)
			if err != nil {
				return err
			}
			defer closeRaw()
			for _, p := range probes {
				o := out{srcPort: p.src, dstPort: uint16(p.dst), flags: p.flags, seq: randomISN(),
					synOpts: p.flags == "S", ttl: uint8(37 + rand.N(23)), ipID: uint16(1 + rand.N(65535)), fixedID: true}
				if err := h.send(o); err != nil {
					return err
				}
				pause(100 * time.Millisecond)
			}
			return nil
		},
		expect: []want{
			{from: serverSide, flags: "RST/ACK", cause: causeRefused, note: "SYN probe to closed port 9"},
			{from: clientSide, flags: "RST", cause: causeAbort, note: "the scanner's host resets the open port's SYN/ACK: Nmap's half-open probe, ended by its kernel, which has no socket for the crafted SYN"},
			{from: serverSide, flags: "RST/ACK", cause: causeRefused, note: "FIN probe to closed port 9"},
			{from: serverSide, flags: "RST/ACK", cause: causeRefused, note: "NULL probe to closed port 9"},
			{from: serverSide, flags: "RST/ACK", cause: causeRefused, note: "Xmas probe to closed port 9"},
		},
		outcomes: []outcomeLabel{
			ended(outcomeRefused, byServer, "SYN probe to closed port 9: RST/ACK"),
			ended(outcomeReset, byClient, "SYN probe to open port 8080: SYN/ACK, then the scanner's host resets the half-open connection"),
			ended(outcomeRefused, byServer, "FIN probe to closed port 9: RST/ACK"),
			ended(outcomeUnanswered, byServer, "FIN probe to open port 8080: the listener drops it silently"),
			ended(outcomeRefused, byServer, "NULL probe to closed port 9: RST/ACK"),
			ended(outcomeUnanswered, byServer, "NULL probe to open port 8080: the listener drops it silently"),
			ended(outcomeRefused, byServer, "Xmas probe to closed port 9: RST/ACK"),
			ended(outcomeUnanswered, byServer, "Xmas probe to open port 8080: the listener drops it silently"),
		},
	}
}

// serverConn is what an emulated server knows of its one connection.
type serverConn struct {
	h              *emuHost
	port           uint16 // the client's port
	sndNxt, rcvNxt uint32
	ts             bool   // timestamps negotiated
	tsEcr          uint32 // the client's latest TSval
}

// acceptOne plays the server half of a handshake, then reads the request
// and answers it in one segment, and waits for the client's ACK of it.
func acceptOne(h *emuHost) (*serverConn, error) {
	syn, err := h.await("SYN", ioTimeout, func(s segment) bool { return s.syn && !s.ackFlag })
	if err != nil {
		return nil, err
	}
	c := &serverConn{h: h, port: syn.sport, sndNxt: randomISN(), rcvNxt: syn.seq + 1, ts: h.p.ts && syn.hasTS, tsEcr: syn.tsVal}
	if err := c.send("SA", nil, true); err != nil {
		return nil, err
	}
	c.sndNxt++
	if _, err := c.await("handshake ACK", func(s segment) bool { return s.ackFlag && !s.syn && s.ack == c.sndNxt }); err != nil {
		return nil, err
	}
	req, err := c.await("request", func(s segment) bool { return s.payload > 0 })
	if err != nil {
		return nil, err
	}
	c.rcvNxt = req.seq + uint32(req.payload)
	if err := c.send("PA", response, false); err != nil {
		return nil, err
	}
	c.sndNxt += uint32(len(response))
	_, err = c.await("ACK of the response", func(s segment) bool { return s.ackFlag && s.ack == c.sndNxt })
	return c, err
}

// await is h.await for this connection, keeping the client's TSval.
func (c *serverConn) await(what string, match func(segment) bool) (segment, error) {
	s, err := c.h.await(what, ioTimeout, func(s segment) bool { return s.sport == c.port && match(s) })
	if err == nil && s.hasTS {
		c.tsEcr = s.tsVal
	}
	return s, err
}

// send sends a segment of the connection at sndNxt/rcvNxt.
func (c *serverConn) send(flags string, payload []byte, syn bool) error {
	return c.h.send(out{srcPort: httpPort, dstPort: c.port, flags: flags, seq: c.sndNxt, ack: c.rcvNxt,
		synOpts: syn, ts: c.ts, tsEcr: c.tsEcr, payload: payload})
}

// stackAbort is item 3's abortive close by another stack's server: after
// the exchange its application closes with SO_LINGER {1, 0} and the stack
// sends RST/ACK at its snd_nxt, acknowledging rcv_nxt, with window 0 —
// RFC 9293 §3.10.4 (ABORT: "send a reset segment <SEQ=SND.NXT><CTL=RST>").
// BSD-derived stacks send it from tcp_output with the ACK flag
// (tcp_outflags[TCPS_CLOSED] = TH_RST|TH_ACK), a zero window, and no
// timestamp option (4.4BSD-Lite tcp_output adds timestamps only when
// "(flags & TH_RST) == 0"; TCP/IP Illustrated vol. 2 §26.6). Windows'
// hard close (Winsock "Graceful Shutdown, Linger Options, and Socket
// Closure": linger on with timeout 0 resets the connection) sends RST/ACK
// the same way, with no options since it negotiated none.
func stackAbort(name string, p personality) scenario {
	return scenario{
		name:  name + "-abort",
		about: "a real Linux client; the " + p.name + " server (emulated) answers, then closes with SO_LINGER 0: RST/ACK",
		topo:  tunV4,
		delay: 20 * time.Millisecond,
		run: func(l *lab) error {
			h := l.emulate(serverEnd, p)
			server := func() error {
				c, err := acceptOne(h)
				if err != nil {
					return err
				}
				pause(100 * time.Millisecond)
				return h.send(out{srcPort: httpPort, dstPort: c.port, flags: "RA", seq: c.sndNxt, ack: c.rcvNxt, zeroWin: true})
			}
			return both(server, l.dialed(httpPort, clientPort, closeQuietly, steps(exchange, expectResetAs("client"))))
		},
		expect: []want{{from: serverSide, flags: "RST/ACK", cause: causeAbort, ttl: p.ttl,
			note: "the " + p.name + " server's application closed with SO_LINGER 0: RST/ACK at snd_nxt, window 0"}},
		outcomes: []outcomeLabel{ended(outcomeReset, byServer, "the "+p.name+" server aborted (SO_LINGER 0)")},
	}
}

// stackAfterClose is item 3's reset after close by another stack's server:
// it answers, closes (FIN), and the real Linux client, which has read the
// FIN, writes more data; the server has no socket any more and answers the
// data with a reset built from it.
//
// FreeBSD (tcp_input.c: "If new data are received on a connection after
// the user processes are gone, then RST the other end", then
// tcp_dropwithreset) builds it as RFC 9293 §3.5.2 says: the segment
// carries ACK, so a bare RST with seq = the segment's ACK number, window 0,
// no options. Windows resets such a segment with the ACK flag set as well,
// acknowledging it (seq = its ACK number, ack = its end), as its resets are
// seen in public captures; withACK selects that shape.
func stackAfterClose(name string, p personality, withACK bool) scenario {
	flags, wantFlags := "R", "RST"
	if withACK {
		flags, wantFlags = "RA", "RST/ACK"
	}
	return scenario{
		name:  name + "-after-close",
		about: "the " + p.name + " server (emulated) answers and closes; the Linux client's later data draws " + wantFlags + " with seq = its ACK",
		topo:  tunV4,
		delay: 20 * time.Millisecond,
		run: func(l *lab) error {
			h := l.emulate(serverEnd, p)
			server := func() error {
				c, err := acceptOne(h)
				if err != nil {
					return err
				}
				if err := c.send("FA", nil, false); err != nil {
					return err
				}
				c.sndNxt++
				data, err := c.await("data after the close", func(s segment) bool { return s.payload > 0 })
				if err != nil {
					return err
				}
				o := out{srcPort: httpPort, dstPort: c.port, flags: flags, seq: data.ack, zeroWin: true}
				if withACK {
					o.ack = data.seq + uint32(data.payload)
				}
				return h.send(o)
			}
			return both(server, l.dialed(httpPort, clientPort, closeQuietly, steps(exchange, expectEOFAs("client"),
				sendRequest, wait(100*time.Millisecond), func(c *net.TCPConn) error {
					if err := send(c, request); !errors.Is(err, syscall.EPIPE) && !errors.Is(err, syscall.ECONNRESET) {
						return fmt.Errorf("client: expected the reset to fail the next write, got %v", err)
					}
					return nil
				})))
		},
		expect: []want{{from: serverSide, flags: wantFlags, cause: causeAfterClose, ttl: p.ttl,
			note: "the " + p.name + " server had closed (FIN); the client's later data drew a reset with seq = its ACK"}},
		outcomes: []outcomeLabel{ended(outcomeReset, byServer, "the "+p.name+" server had closed (FIN); the client's later data drew its reset")},
	}
}

// connectTimeoutReset is item 4: a client whose connect() gives up when
// its SYN retries run out and says so with a reset. The wire drops every
// SYN (a black hole). The client retransmits on a doubling timer from a
// 1 s initial RTO with two retries (Windows' defaults: InitialRto 1000 ms,
// MaxSynRetransmissions 2, netsh "int tcp show global"): SYNs at 0, 1 and
// 3 s, the attempt over at 7 s. Linux, FreeBSD and macOS end such an
// attempt silently (RFC 9293 §3.10.4: ABORT in SYN-SENT sends nothing);
// this client sends RST/ACK with seq = ISN+1 and ack 0 when it gives up,
// the shape issue 18 reports from real captures. Which stack sends it is
// not documented publicly that we found; the emulation uses Windows'
// fields.
func connectTimeoutReset() scenario {
	return scenario{
		name:  "connect-timeout-reset",
		about: "SYNs into a black hole at 0, 1, 3 s; the client (emulated) ends its connect() at 7 s with a RST",
		topo:  tunV4,
		delay: 10 * time.Millisecond,
		run: func(l *lab) error {
			l.link.addRule(func(d direction, s segment) fault { return fault{drop: isClientSYN(d, s)} })
			h := l.emulate(clientEnd, windows)
			isn := randomISN()
			rto := time.Second
			for i := 0; i < 3; i++ {
				if err := h.send(out{srcPort: clientPort, dstPort: httpPort, flags: "S", seq: isn, synOpts: true}); err != nil {
					return err
				}
				if s, ok := h.quiet(rto); !ok {
					return fmt.Errorf("the black hole answered: %v", s)
				}
				rto *= 2
			}
			return h.send(out{srcPort: clientPort, dstPort: httpPort, flags: "RA", seq: isn + 1, zeroWin: true})
		},
		expect: []want{{from: clientSide, flags: "RST/ACK", cause: causeAbort,
			note: "the client's connect() gave up when its SYN retries ran out (1 s, then 2 s, then 4 s) and reset its attempt"}},
		outcomes: []outcomeLabel{ended(outcomeUnanswered, byNetwork,
			"the wire dropped the SYN and both retries; the client gave up at the end of its schedule with a RST")},
	}
}

// windowsAbortCrossing is the seed's crossing with a Windows client: the
// client sends its request and aborts (SO_LINGER 0: RST/ACK at snd_nxt)
// before the real Linux server's answer can reach it; the server's ACK and
// response were sent before the reset reached the server, arrive after it,
// and Windows, which no longer has the connection, answers each with a
// reset that carries ACK: seq = the segment's ACK number, ack = its end
// (the shape Windows resets are seen with in public captures).
func windowsAbortCrossing() scenario {
	note := "the Windows client had aborted; the server's segment, sent before the abort reached it, drew RST/ACK (seq = its ACK, ack = its end)"
	return scenario{
		name:  "windows-abort-crossing",
		about: "a Windows client (emulated) aborts right after its request; the Linux server's ACK and response cross the RST and each draws a Windows-style RST/ACK",
		topo:  tunV4,
		delay: 50 * time.Millisecond,
		run: func(l *lab) error {
			ln, err := l.listen(httpPort)
			if err != nil {
				return err
			}
			defer ln.Close()
			h := l.emulate(clientEnd, windows)
			client := func() error {
				isn := randomISN()
				o := out{srcPort: clientPort, dstPort: httpPort, flags: "S", seq: isn, synOpts: true}
				if err := h.send(o); err != nil {
					return err
				}
				sa, err := h.await("SYN/ACK", ioTimeout, func(s segment) bool { return s.syn && s.ackFlag && s.ack == isn+1 })
				if err != nil {
					return err
				}
				sndNxt, rcvNxt := isn+1, sa.seq+1
				if err := h.send(out{srcPort: clientPort, dstPort: httpPort, flags: "A", seq: sndNxt, ack: rcvNxt}); err != nil {
					return err
				}
				if err := h.send(out{srcPort: clientPort, dstPort: httpPort, flags: "PA", seq: sndNxt, ack: rcvNxt, payload: request}); err != nil {
					return err
				}
				sndNxt += uint32(len(request))
				pause(10 * time.Millisecond)
				if err := h.send(out{srcPort: clientPort, dstPort: httpPort, flags: "RA", seq: sndNxt, ack: rcvNxt, zeroWin: true}); err != nil {
					return err
				}
				// Every segment still arriving finds no connection.
				for {
					s, quiet := h.quiet(300 * time.Millisecond)
					if quiet {
						return nil
					}
					if s.rst {
						continue
					}
					if err := h.send(out{srcPort: clientPort, dstPort: httpPort, flags: "RA", seq: s.ack,
						ack: s.seq + uint32(s.payload), zeroWin: true}); err != nil {
						return err
					}
				}
			}
			return both(served(ln, closeQuietly, steps(answer, expectResetAs("server"))), client)
		},
		expect: []want{
			{from: clientSide, flags: "RST/ACK", cause: causeAbort, ttl: 128, note: "the Windows client aborted (SO_LINGER 0) right after its request"},
			{from: clientSide, flags: "RST/ACK", cause: causeAfterClose, ttl: 128, note: "the server's ACK of the request: " + note},
			{from: clientSide, flags: "RST/ACK", cause: causeAfterClose, ttl: 128, note: "the server's response: " + note},
		},
		outcomes: []outcomeLabel{ended(outcomeReset, byClient, "the Windows client aborted; its later resets answer the server's segments that crossed it")},
	}
}
