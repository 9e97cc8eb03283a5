package main

// Hosts the lab plays itself. Linux builds every packet of the other
// scenarios; these let one end of the wire speak TCP the way another stack
// (Windows, FreeBSD/macOS) or a port scanner builds its segments, against a
// real Linux stack at the other end. The emulated host replaces that
// namespace's kernel at its end of the wire: the link hands it the packets
// that would have been written into the TUN, and its packets enter the wire
// as if read from there, so they cross the same delay line and are recorded
// at the same point. Each scenario scripts its host segment by segment
// (scenarios_stacks.go); the fields that tell stacks apart — TTL, IP ID
// scheme, DF, options, window, which flags a reset carries and which
// numbers — come from the personality and the script, each documented
// where it is set.

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"golang.org/x/sys/unix"
)

// personality is how a stack fills the IP and TCP fields a capture shows.
type personality struct {
	name     string
	ttl      uint8
	df       bool
	idStep   uint16 // IP ID increment per packet from one host-wide counter; 0: IP ID 0 on every packet
	randomID bool   // a random IP ID per packet instead
	ts       bool   // sends the timestamp option (RFC 7323) when the peer offered it
	mss      uint16
	wscale   int // window scale shift offered on the SYN, -1: none
	sack     bool
	win      uint16 // window field on its SYNs
	// dataWin is the window field after the SYN, scaled by wscale: the
	// same few hundred kilobytes a real host offers, not the SYN's number
	// shifted.
	dataWin uint16
}

// emuHost is one emulated host at one end of the wire.
type emuHost struct {
	end   captureEnd
	put   func(pkt []byte) error // how its packets leave it
	src   [4]byte                // its IPv4 address: the one of its end
	p     personality
	ipID  uint16
	in    chan segment
	clock time.Time // for TSval: milliseconds since the host "booted"
}

// emulate puts a host with personality p at one end of the wire, owning
// that end's address. It must be called before the host's first packet.
func (l *lab) emulate(end captureEnd, p personality) *emuHost {
	addr := l.client
	if end == serverEnd {
		addr = l.server
	}
	h := &emuHost{end: end, src: addr.As4(), p: p,
		ipID: uint16(rand.N(1 << 16)), in: make(chan segment, 256), clock: time.Now().Add(-time.Duration(rand.N(1<<30)) * time.Millisecond)}
	d := toServer
	if end == serverEnd {
		d = toClient
	}
	h.put = func(pkt []byte) error { l.link.enter(d, pkt); return nil }
	l.link.emulated[end] = h
	return h
}

// take is the link handing the host a packet that reached its end. The
// host reads them in its script; one it never reads is dropped, never
// blocking the wire.
func (h *emuHost) take(pkt []byte) {
	s, ok := parseIP(pkt)
	if !ok {
		return
	}
	select {
	case h.in <- s:
	default:
	}
}

// await returns the next packet that reaches the host and matches, or an
// error after timeout. Packets that do not match are passed over: a script
// names only the segments its stack reacts to.
func (h *emuHost) await(what string, timeout time.Duration, match func(segment) bool) (segment, error) {
	deadline := time.After(timeout)
	for {
		select {
		case s := <-h.in:
			if match(s) {
				return s, nil
			}
		case <-deadline:
			return segment{}, fmt.Errorf("%s host: no %s within %v", h.p.name, what, timeout)
		}
	}
}

// quiet reports whether nothing reaches the host for d.
func (h *emuHost) quiet(d time.Duration) (segment, bool) {
	select {
	case s := <-h.in:
		return s, false
	case <-time.After(d):
		return segment{}, true
	}
}

// out is one segment an emulated host sends.
type out struct {
	dstPort, srcPort uint16
	flags            string // letters: S F R P A U
	seq, ack         uint32
	win              uint16 // overrides the personality's window when set (resets use 0 through zeroWin)
	zeroWin          bool
	synOpts          bool   // the personality's SYN options (MSS, window scale, SACK permitted)
	tsEcr            uint32 // with ts: the timestamp option echoing this value
	ts               bool
	payload          []byte
	ttl              uint8 // overrides the personality's TTL (a scanner's random TTL)
	ipID             uint16
	fixedID          bool // use ipID instead of the host counter
}

// send builds the segment the way the host's stack would and puts it on
// the wire.
func (h *emuHost) send(o out) error {
	peer := peerAddr(h.end)
	tcp := &layers.TCP{SrcPort: layers.TCPPort(o.srcPort), DstPort: layers.TCPPort(o.dstPort), Seq: o.seq, Ack: o.ack}
	for _, c := range o.flags {
		switch c {
		case 'S':
			tcp.SYN = true
		case 'F':
			tcp.FIN = true
		case 'R':
			tcp.RST = true
		case 'P':
			tcp.PSH = true
		case 'A':
			tcp.ACK = true
		case 'U':
			tcp.URG = true
		default:
			return fmt.Errorf("unknown flag %q", c)
		}
	}
	tcp.Window = h.p.win
	if !tcp.SYN && h.p.dataWin != 0 {
		tcp.Window = h.p.dataWin
	}
	if o.win != 0 {
		tcp.Window = o.win
	}
	if o.zeroWin {
		tcp.Window = 0
	}
	if o.synOpts {
		tcp.Options = append(tcp.Options, layers.TCPOption{OptionType: layers.TCPOptionKindMSS, OptionLength: 4,
			OptionData: []byte{byte(h.p.mss >> 8), byte(h.p.mss)}})
		if h.p.wscale >= 0 {
			tcp.Options = append(tcp.Options, layers.TCPOption{OptionType: layers.TCPOptionKindNop},
				layers.TCPOption{OptionType: layers.TCPOptionKindWindowScale, OptionLength: 3, OptionData: []byte{byte(h.p.wscale)}})
		}
		if h.p.sack {
			tcp.Options = append(tcp.Options, layers.TCPOption{OptionType: layers.TCPOptionKindNop},
				layers.TCPOption{OptionType: layers.TCPOptionKindNop},
				layers.TCPOption{OptionType: layers.TCPOptionKindSACKPermitted, OptionLength: 2})
		}
	}
	if o.ts {
		val := uint32(time.Since(h.clock).Milliseconds())
		d := make([]byte, 8)
		d[0], d[1], d[2], d[3] = byte(val>>24), byte(val>>16), byte(val>>8), byte(val)
		d[4], d[5], d[6], d[7] = byte(o.tsEcr>>24), byte(o.tsEcr>>16), byte(o.tsEcr>>8), byte(o.tsEcr)
		tcp.Options = append(tcp.Options, layers.TCPOption{OptionType: layers.TCPOptionKindNop},
			layers.TCPOption{OptionType: layers.TCPOptionKindNop},
			layers.TCPOption{OptionType: layers.TCPOptionKindTimestamps, OptionLength: 10, OptionData: d})
	}
	ip := &layers.IPv4{Version: 4, TTL: h.p.ttl, Protocol: layers.IPProtocolTCP, SrcIP: h.src[:], DstIP: peer[:]}
	if o.ttl != 0 {
		ip.TTL = o.ttl
	}
	if h.p.df {
		ip.Flags = layers.IPv4DontFragment
	}
	switch {
	case o.fixedID:
		ip.Id = o.ipID
	case h.p.randomID:
		ip.Id = uint16(rand.N(1 << 16))
	case h.p.idStep != 0:
		h.ipID += h.p.idStep
		ip.Id = h.ipID
	}
	if err := tcp.SetNetworkLayerForChecksum(ip); err != nil {
		return err
	}
	buf := gopacket.NewSerializeBuffer()
	opts := gopacket.SerializeOptions{FixLengths: true, ComputeChecksums: true}
	if err := gopacket.SerializeLayers(buf, opts, ip, tcp, gopacket.Payload(o.payload)); err != nil {
		return err
	}
	return h.put(append([]byte(nil), buf.Bytes()...))
}

// peerAddr is the IPv4 address of the host at the other end from end.
func peerAddr(end captureEnd) [4]byte {
	if end == clientEnd {
		return serverV4.As4()
	}
	return clientV4.As4()
}

// rawHost is a program on the client host that writes its own IPv4
// packets through a raw socket (IPPROTO_RAW, so IP_HDRINCL), as a port
// scanner does, while the client's kernel stays in place: the kernel
// answers what comes back for sockets it does not have, exactly as it
// would on the scanner's machine. Nothing reaches the program itself.
func (l *lab) rawHost(p personality) (*emuHost, func(), error) {
	var fd int
	err := inNetns(l.clientNS, func() (err error) {
		fd, err = unix.Socket(unix.AF_INET, unix.SOCK_RAW, unix.IPPROTO_RAW)
		return err
	})
	if err != nil {
		return nil, nil, fmt.Errorf("raw socket: %w", err)
	}
	h := &emuHost{end: clientEnd, src: l.client.As4(), p: p, ipID: uint16(rand.N(1 << 16)),
		in: make(chan segment, 1), clock: time.Now()}
	dst := &unix.SockaddrInet4{Addr: l.server.As4()}
	h.put = func(pkt []byte) error { return unix.Sendto(fd, pkt, 0, dst) }
	return h, func() { unix.Close(fd) }, nil
}
