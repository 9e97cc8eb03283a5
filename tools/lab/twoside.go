package main

// Two-sided scenarios: the same connections recorded at both ends of the
// wire at once, for ladder's pairing of two captures (analysis/vantage).
//
// The client end's capture is the lab's usual one: client->server packets
// as they leave the client, server->client packets as they reach it. The
// server end's capture is its mirror: server->client packets as they leave
// the server, client->server packets as they reach it. Between the two
// points sits the forwarder, which delays, drops, duplicates, forges and
// (in the NAT scenario) rewrites. It keeps a ledger of every packet it
// handled: who sent it (client, server, or the forwarder itself playing a
// middlebox), in which frames of each capture it appears, and whether it
// was dropped. The ledger is written as NAME.wire.json and is the label
// file: it comes from what the forwarder did, not from reading the
// captures.

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"net"
	"net/netip"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// captureEnd is one of the two capture points.
type captureEnd int

const (
	clientEnd captureEnd = iota
	serverEnd
)

// wirePacket is one packet in the ledger. Frames are 1-based frame numbers
// in each end's capture; a packet the wire duplicated appears twice at the
// receiving end.
type wirePacket struct {
	Origin       string `json:"origin"` // "client", "server" or "middlebox"
	Toward       string `json:"toward"` // "server" or "client"
	Flags        string `json:"flags"`
	Seq          uint32 `json:"seq"` // raw, as the sender sent it
	Len          int    `json:"len"`
	ClientFrames []int  `json:"client_frames"`
	ServerFrames []int  `json:"server_frames"`
	Dropped      bool   `json:"dropped,omitempty"` // between the points, or before the first when seen nowhere
}

// direction2side is the sender of a direction.
func direction2side(d direction) side {
	if d == toServer {
		return clientSide
	}
	return serverSide
}

// twoSided is a link's second capture and its ledger.
type twoSided struct {
	far *recorder // the server end's capture
	nat *nat      // address translation between the points, or nil

	mu   sync.Mutex
	wire []wirePacket
}

// sent adds a packet an end host sent, seen at its own end as frame fr, and
// returns its ledger entry. A nil twoSided (a one-sided scenario) keeps no
// ledger.
func (t *twoSided) sent(from side, s segment, at captureEnd, fr int) int {
	if t == nil {
		return -1
	}
	toward := serverSide
	if from == serverSide {
		toward = clientSide
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.wire = append(t.wire, wirePacket{Origin: from.String(), Toward: toward.String(), Flags: s.flagString(),
		Seq: s.seq, Len: s.payload})
	id := len(t.wire) - 1
	t.seenLocked(id, at, fr)
	return id
}

// forged adds a packet the forwarder made up, sent in direction d.
func (t *twoSided) forged(d direction, pkt []byte) int {
	if t == nil {
		return -1
	}
	s, _ := parseIP(pkt)
	toward := "server"
	if d == toClient {
		toward = "client"
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.wire = append(t.wire, wirePacket{Origin: "middlebox", Toward: toward, Flags: s.flagString(), Seq: s.seq, Len: s.payload})
	return len(t.wire) - 1
}

// seen records that packet id appears as frame fr of one end's capture.
func (t *twoSided) seen(id int, at captureEnd, fr int) {
	if t == nil || id < 0 || fr == 0 {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.seenLocked(id, at, fr)
}

func (t *twoSided) seenLocked(id int, at captureEnd, fr int) {
	if fr == 0 {
		return
	}
	w := &t.wire[id]
	if at == clientEnd {
		w.ClientFrames = append(w.ClientFrames, fr)
	} else {
		w.ServerFrames = append(w.ServerFrames, fr)
	}
}

// dropped marks packet id as lost between the two points.
func (t *twoSided) dropped(id int) {
	if t == nil || id < 0 {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.wire[id].Dropped = true
}

// translate applies the NAT between the points, if any.
func (t *twoSided) translate(d direction, pkt []byte) []byte {
	if t == nil || t.nat == nil {
		return pkt
	}
	t.nat.rewrite(d, pkt)
	return pkt
}

// nat is a source NAT between the two points, as a home router or a cloud
// load balancer's SNAT does: the client's address and port are replaced on
// the way to the server and restored on the way back. IP IDs, sequence
// numbers and payloads pass unchanged, which is what lets ladder pair the
// connections anyway.
type nat struct {
	inside, outside netip.Addr // the client's address before and after
	shift           uint16     // outside port = inside port + shift
}

// rewrite translates an IPv4/TCP packet in place, updating the IP and TCP
// checksums incrementally (RFC 1624) so nothing else changes.
func (n *nat) rewrite(d direction, pkt []byte) {
	if len(pkt) < 20 || pkt[0]>>4 != 4 || pkt[9] != uint8(layers.IPProtocolTCP) {
		return
	}
	ihl := int(pkt[0]&0x0f) * 4
	if len(pkt) < ihl+20 {
		return
	}
	addrAt, portAt := 12, ihl // source address and port on the way out
	from, to := n.inside.As4(), n.outside.As4()
	delta := int(n.shift)
	if d == toClient {
		addrAt, portAt = 16, ihl+2 // destination on the way back
		from, to = to, from
		delta = -delta
	}
	if [4]byte(pkt[addrAt:addrAt+4]) != from {
		return
	}
	tcpSum := ihl + 16
	for k := 0; k < 4; k += 2 {
		old, nw := binary.BigEndian.Uint16(pkt[addrAt+k:]), binary.BigEndian.Uint16(to[k:])
		binary.BigEndian.PutUint16(pkt[10:], csumReplace(binary.BigEndian.Uint16(pkt[10:]), old, nw))
		binary.BigEndian.PutUint16(pkt[tcpSum:], csumReplace(binary.BigEndian.Uint16(pkt[tcpSum:]), old, nw))
		binary.BigEndian.PutUint16(pkt[addrAt+k:], nw)
	}
	old := binary.BigEndian.Uint16(pkt[portAt:])
	nw := uint16(int(old) + delta)
	binary.BigEndian.PutUint16(pkt[tcpSum:], csumReplace(binary.BigEndian.Uint16(pkt[tcpSum:]), old, nw))
	binary.BigEndian.PutUint16(pkt[portAt:], nw)
}

// csumReplace updates an Internet checksum for one 16-bit word changing
// from old to nw (RFC 1624 eq. 3: HC' = ~(~HC + ~m + m')).
func csumReplace(sum, old, nw uint16) uint16 {
	s := uint32(^sum) + uint32(^old) + uint32(nw)
	s = s&0xffff + s>>16
	s = s&0xffff + s>>16
	return ^uint16(s)
}

// forgeRSTPair builds the two resets a middlebox that kills a connection
// sends when it sees client segment c: one toward the client in the
// server's name (forgeRST) and one toward the server in the client's name,
// with the sequence number the server expects next (c's own, since c never
// reaches it). Both carry the injector's fingerprint.
func forgeRSTPair(c segment) (toClientRST, toServerRST []byte, err error) {
	toClientRST, err = forgeRST(c)
	if err != nil {
		return nil, nil, err
	}
	tcp := &layers.TCP{SrcPort: layers.TCPPort(c.sport), DstPort: layers.TCPPort(c.dport), Seq: c.seq, Ack: c.ack, RST: true, ACK: true}
	ip := &layers.IPv4{Version: 4, TTL: forgedTTL, Id: forgedIPID, Protocol: layers.IPProtocolTCP,
		SrcIP: c.src.AsSlice(), DstIP: c.dst.AsSlice()}
	if err := tcp.SetNetworkLayerForChecksum(ip); err != nil {
		return nil, nil, err
	}
	buf := gopacket.NewSerializeBuffer()
	opts := gopacket.SerializeOptions{FixLengths: true, ComputeChecksums: true}
	if err := gopacket.SerializeLayers(buf, opts, ip, tcp); err != nil {
		return nil, nil, err
	}
	return toClientRST, buf.Bytes(), nil
}

// twoScenario is a scenario recorded at both ends.
type twoScenario struct {
	name  string
	about string
	delay time.Duration // one-way delay of the wire
	// skew is how wrong the server end's clock is: added to every
	// timestamp of the server end's capture.
	skew time.Duration
	nat  *nat
	run  func(*lab) error
	// expect is what the ledger must hold afterwards, a check that the
	// scenario did what it says (a loaded machine can change timing).
	expect twoWant
}

// twoWant counts what a two-sided scenario must have made happen.
type twoWant struct {
	conns      int // connections (client SYNs with distinct ISNs)
	drops      int // packets dropped between the points
	forged     int // packets the middlebox made up
	clientRSTs int // resets the client's stack sent
	serverRSTs int
	dups       int // packets delivered twice
}

// twoScenarios is the two-sided catalogue (-twoside).
func twoScenarios() []twoScenario {
	return []twoScenario{
		{
			name:  "forged-both",
			about: "a middlebox drops the client's second request and forges a RST toward each end in the other's name",
			delay: 20 * time.Millisecond, skew: 1500 * time.Millisecond,
			run:    forgedBoth,
			expect: twoWant{conns: 1, drops: 1, forged: 2},
		},
		{
			name:  "seed-crossing",
			about: "the seed story at 40 ms one-way: client FIN then abort while the server's ACK of the FIN (with the D-SACK of the request the wire duplicated) is in flight; it draws a bare RST",
			delay: 40 * time.Millisecond, skew: -750 * time.Millisecond,
			run:    seed(tunV4, "").run,
			expect: twoWant{conns: 1, clientRSTs: 2, dups: 1},
		},
		{
			name:  "drops",
			about: "the wire drops the client's second request and the server's first response once; both are retransmitted",
			delay: 20 * time.Millisecond, skew: 250 * time.Millisecond,
			run:    dropsRetransmitted,
			expect: twoWant{conns: 1, drops: 2},
		},
		{
			name:  "lost-before",
			about: "the client's second request goes out in two segments; the first is lost before the client end's capture point (neither capture sees it, both see the gap) and retransmitted",
			delay: 20 * time.Millisecond, skew: -2 * time.Second,
			run:    lostBefore,
			expect: twoWant{conns: 1, drops: 1},
		},
		{
			name:  "server-abort",
			about: "the server answers and closes with SO_LINGER 0: a real RST, seen at both ends",
			delay: 10 * time.Millisecond, skew: 3 * time.Millisecond,
			run:    abortServer().run,
			expect: twoWant{conns: 1, serverRSTs: 1},
		},
		{
			name:  "nat",
			about: "source NAT between the points (10.77.0.1 -> 10.77.0.9, port +10000); two connections, the second aborted by the client",
			delay: 15 * time.Millisecond, skew: 500 * time.Millisecond,
			nat:    &nat{inside: clientV4, outside: netip.MustParseAddr("10.77.0.9"), shift: 10000},
			run:    natTwoConns,
			expect: twoWant{conns: 2, clientRSTs: 1},
		},
	}
}

func forgedBoth(l *lab) error {
	l.link.addRule(onData(toServer, 2, func(s segment) fault {
		c, srv, err := forgeRSTPair(s)
		if err != nil {
			panic(err) // serializing fixed headers cannot fail
		}
		return fault{drop: true, forge: c, forgeServer: srv}
	}))
	return l.oneConn(steps(answer, expectResetAs("server")),
		steps(exchange, wait(100*time.Millisecond), sendRequest, expectResetAs("client")))
}

// serveThenEOF is a server that accepts one connection, answers n
// requests and then waits for the client's FIN.
func serveThenEOF(ln *net.TCPListener, n int) func() error {
	return served(ln, closeQuietly, func(c *net.TCPConn) error {
		for range n {
			if err := answer(c); err != nil {
				return err
			}
		}
		return expectEOF(c, "server")
	})
}

func dropsRetransmitted(l *lab) error {
	l.link.addRule(onData(toServer, 2, func(segment) fault { return fault{drop: true} }))
	l.link.addRule(onData(toClient, 1, func(segment) fault { return fault{drop: true} }))
	ln, err := l.listen(httpPort)
	if err != nil {
		return err
	}
	defer ln.Close()
	return both(serveThenEOF(ln, 3), l.dialed(httpPort, clientPort, closeQuietly, steps(
		exchange, wait(50*time.Millisecond),
		exchange, wait(50*time.Millisecond),
		exchange, wait(50*time.Millisecond),
		closeConn)))
}

func lostBefore(l *lab) error {
	l.link.addRule(onData(toServer, 2, func(segment) fault { return fault{dropBefore: true} }))
	ln, err := l.listen(httpPort)
	if err != nil {
		return err
	}
	defer ln.Close()
	// Two writes, two segments (Go sets TCP_NODELAY): the first is
	// lost, the second shows the gap at both points.
	sendHalf := func(b []byte) connStep { return func(c *net.TCPConn) error { return send(c, b) } }
	return both(serveThenEOF(ln, 2), l.dialed(httpPort, clientPort, closeQuietly, steps(
		exchange, wait(50*time.Millisecond),
		sendHalf(request[:32]), wait(time.Millisecond), sendHalf(request[32:]), readResponse,
		wait(50*time.Millisecond), closeConn)))
}

func natTwoConns(l *lab) error {
	ln, err := l.listen(httpPort)
	if err != nil {
		return err
	}
	defer ln.Close()
	return both(inTurn(
		served(ln, closeQuietly, steps(answer, expectEOFAs("server"))),
		served(ln, closeQuietly, steps(answer, expectResetAs("server"))),
	), inTurn(
		l.dialed(httpPort, clientPort, closeQuietly, steps(exchange, wait(50*time.Millisecond), closeConn, wait(100*time.Millisecond))),
		l.dialed(httpPort, clientPort+1, closeQuietly, steps(exchange, wait(50*time.Millisecond), abort)),
	))
}

// wireFile is NAME.wire.json.
type wireFile struct {
	Scenario    string       `json:"scenario"`
	About       string       `json:"about"`
	ClientFile  string       `json:"client_file"`
	ServerFile  string       `json:"server_file"`
	DelayNS     int64        `json:"delay_ns"`
	ServerSkew  int64        `json:"server_clock_skew_ns"` // added to the server end's timestamps
	NAT         string       `json:"nat,omitempty"`
	Packets     []wirePacket `json:"packets"`
	Connections int          `json:"connections"`
}

// runTwoScenario records one two-sided scenario into out as
// NAME.client.pcap, NAME.server.pcap and NAME.wire.json. Like
// runScenario, the files are renamed into place only once the ledger
// matches the scenario's declarations.
func runTwoScenario(s twoScenario, id, out string) (result, error) {
	start := time.Now()
	cli := filepath.Join(out, s.name+".client.pcap")
	srv := filepath.Join(out, s.name+".server.pcap")
	far, err := newRecorder(srv+".tmp", layers.LinkTypeRaw)
	if err != nil {
		return result{}, err
	}
	far.skew = s.skew
	two := &twoSided{far: far, nat: s.nat}
	l, err := setupLab(id, tunV4, s.delay, cli+".tmp", two)
	if err != nil {
		far.close()
		os.Remove(cli + ".tmp")
		os.Remove(srv + ".tmp")
		return result{}, fmt.Errorf("setup: %w", err)
	}
	runErr := s.run(l)
	pause(2*s.delay + 200*time.Millisecond)
	if err := l.teardown(); err != nil && runErr == nil {
		runErr = fmt.Errorf("teardown: %w", err)
	}
	if err := far.close(); err != nil && runErr == nil {
		runErr = err
	}
	for _, f := range l.afterTeardown {
		f()
	}
	if runErr == nil {
		runErr = checkLedger(two.wire, s.expect)
	}
	if runErr != nil {
		os.Rename(cli+".tmp", filepath.Join(out, s.name+".client.failed.pcap"))
		os.Rename(srv+".tmp", filepath.Join(out, s.name+".server.failed.pcap"))
		return result{}, runErr
	}
	wf := wireFile{Scenario: s.name, About: s.about, ClientFile: filepath.Base(cli), ServerFile: filepath.Base(srv),
		DelayNS: s.delay.Nanoseconds(), ServerSkew: s.skew.Nanoseconds(), Packets: two.wire, Connections: s.expect.conns}
	if s.nat != nil {
		wf.NAT = fmt.Sprintf("%s -> %s, port +%d", s.nat.inside, s.nat.outside, s.nat.shift)
	}
	b, err := json.MarshalIndent(wf, "", "  ")
	if err != nil {
		return result{}, err
	}
	if err := os.WriteFile(filepath.Join(out, s.name+".wire.json"), append(b, '\n'), 0o644); err != nil {
		return result{}, err
	}
	for _, p := range []string{cli, srv} {
		if err := os.Rename(p+".tmp", p); err != nil {
			return result{}, err
		}
	}
	resets := 0
	for _, w := range two.wire {
		if w.Flags == "RST" || w.Flags == "RST/ACK" {
			resets++
		}
	}
	return result{pcap: cli, frames: len(two.wire), resets: resets, took: time.Since(start)}, nil
}

// checkLedger compares what the forwarder did with what the scenario
// declared.
func checkLedger(wire []wirePacket, w twoWant) error {
	var got twoWant
	ports := map[uint32]bool{}
	for _, p := range wire {
		if p.Dropped {
			got.drops++
		}
		switch {
		case p.Origin == "middlebox":
			got.forged++
		case p.Flags == "RST" || p.Flags == "RST/ACK":
			if p.Origin == "client" {
				got.clientRSTs++
			} else {
				got.serverRSTs++
			}
		}
		if p.Origin == "client" && p.Flags == "SYN" {
			ports[p.Seq] = true
		}
		if len(p.ClientFrames) > 1 || len(p.ServerFrames) > 1 {
			got.dups++
		}
	}
	got.conns = len(ports)
	if got != w {
		return fmt.Errorf("the wire did %+v, the scenario declares %+v", got, w)
	}
	return nil
}
