package main

import (
	"errors"
	"fmt"
	"os"
	"sync"
	"time"
)

// direction of a packet on the link.
type direction int

const (
	toServer direction = iota // read from the client TUN, written to the server TUN
	toClient                  // read from the server TUN, written to the client TUN
)

func (d direction) String() string {
	if d == toServer {
		return "client->server"
	}
	return "server->client"
}

// fault is what the link does to one packet besides carrying it. Losses
// and duplicates happen after the capture point, as they would somewhere
// along a real path, so the capture shows the packet once and the reader
// must infer the fault from the peer's reaction.
type fault struct {
	drop  bool          // lost on the way
	again time.Duration // duplicated: a second copy arrives this much after the first
	forge []byte        // a packet a middlebox sends toward the client at once
	// forgeServer is a packet a middlebox sends toward the server at once
	// (two-sided scenarios only: it is recorded by the server end's capture).
	forgeServer []byte
	// dropBefore loses the packet before its sender's end of the wire is
	// recorded (two-sided scenarios only): lost before the first point.
	dropBefore bool
	icmp       *icmpReply // an ICMP error sent back toward the client at once, quoting the packet
}

// rule decides the fault for one TCP packet. It is called under the link's
// lock, in the order packets enter the link, so rules may keep counters.
type rule func(d direction, s segment) fault

// onData returns a rule that applies f to the n-th (1-based) packet with a
// payload going in direction d and leaves every other packet alone. Data
// packets are the stable things to count: handshakes and ACKs are the same
// on every run too, but counting payloads keeps scenarios readable.
func onData(d direction, n int, f func(segment) fault) rule {
	seen := 0
	return func(pd direction, s segment) fault {
		if pd != d || s.payload == 0 {
			return fault{}
		}
		seen++
		if seen == n {
			return f(s)
		}
		return fault{}
	}
}

// queued is a packet waiting in a delay line.
type queued struct {
	at  time.Time
	pkt []byte
	id  int // the packet's entry in the two-sided ledger, -1 when none
}

// delayLine hands packets to deliver in arrival order, each no earlier than
// its time. The one-way delay is the same for every packet of a direction,
// so a FIFO is exact and keeps the link from reordering anything by itself.
// It returns when in is closed; stop makes it drop what is left instead of
// waiting for it.
func delayLine(in <-chan queued, stop <-chan struct{}, deliver func(queued)) {
	for q := range in {
		if d := time.Until(q.at); d > 0 {
			select {
			case <-time.After(d):
			case <-stop:
				continue
			}
		}
		select {
		case <-stop:
			continue
		default:
		}
		deliver(q)
	}
}

// link is the lab's wire: it copies TCP packets between the client's and
// the server's TUN devices through a fixed one-way delay, applies the
// scenario's faults, and records the capture at the client end of the wire
// (client->server packets as they leave the client, server->client packets
// as they reach it). That is where the forum capture the project started
// from was taken, and it is why late server packets appear after the
// client's reset in the files.
type link struct {
	client, server *os.File
	delay          time.Duration
	rec            *recorder
	// two is set when the scenario records both ends of the wire: the
	// server end's capture and the ledger of every packet's fate.
	two *twoSided

	// emulated are the hosts the lab plays itself, by end (emulate.go):
	// set before any packet flows, read-only afterwards.
	emulated [2]*emuHost

	mu    sync.Mutex
	down  bool
	rules []rule
	errs  []error

	queue   [2]chan queued
	stop    chan struct{}
	readers sync.WaitGroup
	lines   sync.WaitGroup
	timers  sync.WaitGroup
}

func newLink(client, server *os.File, delay time.Duration, rec *recorder, two *twoSided) *link {
	l := &link{client: client, server: server, delay: delay, rec: rec, two: two, stop: make(chan struct{})}
	for d := range l.queue {
		l.queue[d] = make(chan queued, 4096)
		l.lines.Add(1)
		go func(d direction) {
			defer l.lines.Done()
			delayLine(l.queue[d], l.stop, func(q queued) { l.deliver(d, q.pkt, q.id) })
		}(direction(d))
	}
	l.readers.Add(2)
	go l.pump(toServer, client)
	go l.pump(toClient, server)
	return l
}

// setDown takes the wire down (every packet entering it is lost) or up.
// Packets already in flight still arrive, as on a real path.
func (l *link) setDown(down bool) {
	l.mu.Lock()
	l.down = down
	l.mu.Unlock()
}

// addRule installs a fault rule for the packets that follow.
func (l *link) addRule(r rule) {
	l.mu.Lock()
	l.rules = append(l.rules, r)
	l.mu.Unlock()
}

func (l *link) fail(err error) {
	l.mu.Lock()
	l.errs = append(l.errs, err)
	l.mu.Unlock()
}

// decide combines link state and rules for one packet.
func (l *link) decide(d direction, s segment) fault {
	l.mu.Lock()
	defer l.mu.Unlock()
	var f fault
	for _, r := range l.rules {
		g := r(d, s)
		f.drop = f.drop || g.drop
		if g.again > 0 {
			f.again = g.again
		}
		if g.forge != nil {
			f.forge = g.forge
		}
		if g.forgeServer != nil {
			f.forgeServer = g.forgeServer
		}
		f.dropBefore = f.dropBefore || g.dropBefore
		if g.icmp != nil {
			f.icmp = g.icmp
		}
	}
	if l.down {
		f.drop = true
	}
	return f
}

// pump reads one TUN and feeds the delay line of its direction. Anything
// that is not TCP (IPv6 router solicitations, MLD reports) is neither
// forwarded nor recorded: the lab is about TCP and must be deterministic.
func (l *link) pump(d direction, from *os.File) {
	defer l.readers.Done()
	buf := make([]byte, 1<<16)
	for {
		n, err := from.Read(buf)
		if err != nil {
			if !errors.Is(err, os.ErrClosed) {
				l.fail(fmt.Errorf("read %s: %w", d, err))
			}
			return
		}
		l.enter(d, append([]byte(nil), buf[:n]...))
	}
}

// enter takes one packet into the wire going in direction d, as if just
// read from its sender's TUN: the client end records a client packet at
// once, the rules decide its fate, and it joins the delay line. Packets of
// an emulated host (emulate.go) enter here too.
func (l *link) enter(d direction, pkt []byte) {
	s, ok := parseIP(pkt)
	if !ok {
		return
	}
	f := l.decide(d, s)
	if f.dropBefore && l.two != nil {
		// Lost between its sender and the sender's capture point:
		// neither capture sees it.
		l.two.dropped(l.two.sent(direction2side(d), s, clientEnd, 0))
		return
	}
	id := -1
	switch {
	case d == toServer:
		id = l.two.sent(clientSide, s, clientEnd, l.rec.record(pkt))
	case l.two != nil:
		id = l.two.sent(serverSide, s, serverEnd, l.two.far.record(pkt))
	}
	if f.icmp != nil && d == toServer {
		if b, err := forgeICMP(pkt, *f.icmp); err != nil {
			l.fail(err)
		} else {
			f.forge = b
		}
	}
	if f.forge != nil {
		fid := l.two.forged(toClient, f.forge)
		fr, _ := l.rec.recordThen(f.forge, func() error { return l.writeClient(f.forge) })
		l.two.seen(fid, clientEnd, fr)
	}
	if f.forgeServer != nil && l.two != nil {
		fid := l.two.forged(toServer, f.forgeServer)
		fr, _ := l.two.far.recordThen(f.forgeServer, func() error { _, err := l.server.Write(f.forgeServer); return err })
		l.two.seen(fid, serverEnd, fr)
	}
	if f.drop {
		l.two.dropped(id)
		return
	}
	pkt = l.two.translate(d, pkt)
	l.queue[d] <- queued{at: time.Now().Add(l.delay), pkt: pkt, id: id}
	if f.again > 0 {
		l.timers.Add(1)
		time.AfterFunc(l.delay+f.again, func() {
			defer l.timers.Done()
			select {
			case <-l.stop:
			default:
				l.deliver(d, pkt, id)
			}
		})
	}
}

// writeClient hands a packet to the client end: the client namespace's
// TUN, or the host the lab plays there.
func (l *link) writeClient(pkt []byte) error {
	if h := l.emulated[clientEnd]; h != nil {
		h.take(pkt)
		return nil
	}
	_, err := l.client.Write(pkt)
	return err
}

// writeServer hands a packet to the server end.
func (l *link) writeServer(pkt []byte) error {
	if h := l.emulated[serverEnd]; h != nil {
		h.take(pkt)
		return nil
	}
	_, err := l.server.Write(pkt)
	return err
}

// deliver writes a packet out of the far end of the wire.
// A two-sided scenario records it there too: the server end's capture
// sees what reaches the server.
func (l *link) deliver(d direction, pkt []byte, id int) {
	var err error
	var fr int
	switch {
	case d == toServer && l.two != nil:
		fr, err = l.two.far.recordThen(pkt, func() error { return l.writeServer(pkt) })
		l.two.seen(id, serverEnd, fr)
	case d == toServer:
		err = l.writeServer(pkt)
	default:
		fr, err = l.rec.recordThen(pkt, func() error { return l.writeClient(pkt) })
		l.two.seen(id, clientEnd, fr)
	}
	if err != nil && !errors.Is(err, os.ErrClosed) {
		l.fail(fmt.Errorf("write %s: %w", d, err))
	}
}

// close stops the wire: packets still in flight are dropped, both TUN
// devices are closed (which deletes them) and any error met while
// forwarding is returned.
func (l *link) close() error {
	close(l.stop)
	l.client.Close()
	l.server.Close()
	l.readers.Wait()
	for d := range l.queue {
		close(l.queue[d])
	}
	l.lines.Wait()
	l.timers.Wait()
	l.mu.Lock()
	defer l.mu.Unlock()
	return errors.Join(l.errs...)
}
