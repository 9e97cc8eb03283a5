package decode

import (
	"errors"
	"io"
	"net/netip"
	"sync"
	"sync/atomic"
	"time"
)

// prefaultStep is how many packets' worth of a chunk (1 MiB) is mapped
// ahead of the loader at a time.
const prefaultStep = 1 << 14

// chunkSize packets are stored per chunk; chunks never move once allocated,
// so readers can look at published packets while the loader appends.
const chunkSize = 1 << 16

// Index is the packet index of one capture and its flow model. The loader
// appends to it; readers see a consistent prefix of Len() packets at any time.
// Packets are immutable once published. Flows and addresses are guarded by
// mu; after Done() they no longer change.
type Index struct {
	src *Source

	n      atomic.Int64 // published packets
	chunks atomic.Pointer[[]*[chunkSize]Packet]
	window window // a live ring's eviction state (window.go)

	mu     sync.RWMutex
	hold   sync.Mutex // held by a live loader while it appends; Frozen holds it off
	addrs  *addrTable
	flows  *flowTable
	ifaces []Interface
	err    error // damage that stopped reading, if any
	echo   map[echoKey]int32
	arpMAC map[[4]byte][6]byte // the first MAC each IPv4 address was claimed by (arp.go)
	reasm  reassembler

	// store holds the chunks past the first heapChunks in a file
	// (store.go); noStore is set once it cannot.
	store      atomic.Pointer[chunkStore]
	noStore    bool
	heapChunks int // chunks kept on the heap (store.go)

	appMu sync.Mutex // guards app
	app   *AppWalker // the walker behind Row and Details
	// resend is the TCP analysis's judgement of resent segments, once a
	// pass has installed it (SetResend)
	resend atomic.Pointer[ResendJudge]

	namesOnce  sync.Once
	names      []string              // FlowNames
	hosts      map[netip.Addr]string // HostName
	namesReady atomic.Bool

	bytesRead atomic.Int64
	grown     chan struct{} // closed and replaced (under mu) when packets are published
	done      chan struct{}
	started   time.Time
	elapsed   time.Duration
}

// Progress is a snapshot of loading state for a status bar.
type Progress struct {
	Packets int
	Bytes   int64 // input bytes consumed (compressed bytes for gzip)
	Size    int64 // input size, 0 when unknown
	Done    bool
	Err     error
	Elapsed time.Duration
	// Live captures only: what the kernel reported dropped so far.
	Live    bool
	Dropped uint64
	// First is the first packet index still held (Index.First): above 0
	// once a live capture's ring deleted files.
	First int
}

// Load reads the whole capture and returns its index. Damage in the file
// stops reading and is reported by Err; every packet before it is kept.
func Load(src *Source) *Index {
	x := Start(src)
	<-x.done
	return x
}

// Start begins indexing src in a goroutine and returns at once; readers can
// use the prefix published so far, and Wait or Done for the end.
func Start(src *Source) *Index {
	x := newIndex(src)
	go x.run()
	return x
}

func newIndex(src *Source) *Index {
	x := &Index{src: src, addrs: newAddrTable(), flows: newFlowTable(), heapChunks: heapChunks,
		grown: make(chan struct{}), done: make(chan struct{}), started: time.Now()}
	empty := []*[chunkSize]Packet{}
	x.chunks.Store(&empty)
	return x
}

// batch is how many packets the loader indexes per lock hold.
const batch = 4096

func (x *Index) run() {
	defer close(x.done)
	var rec Record
	var h Headers
	if x.src.live != nil {
		x.runLive(&rec, &h)
		return
	}
	for {
		// The first read of a batch may wait for input (a pipe, a slow
		// disk): it happens without the lock, so readers (the interface
		// showing a packet's details) never wait for the input. The rest
		// of the batch is read under the lock only while the input has
		// bytes ready.
		err := x.src.Next(&rec)
		x.mu.Lock()
		for k := 1; err == nil; k++ {
			x.append(&rec, &h)
			if k == batch || !x.src.ready() {
				break
			}
			err = x.src.Next(&rec)
		}
		x.ifaces = append(x.ifaces[:0], x.src.Interfaces()...)
		x.bytesRead.Store(x.src.BytesRead())
		x.signalGrown()
		if err != nil {
			if !errors.Is(err, io.EOF) {
				x.err = err
			}
			x.elapsed = time.Since(x.started)
			x.mu.Unlock()
			return
		}
		x.mu.Unlock()
	}
}

func (x *Index) append(rec *Record, h *Headers) {
	i := x.n.Load()
	chunks := *x.chunks.Load()
	if int(i/chunkSize) >= len(chunks) {
		grown := append(chunks[:len(chunks):len(chunks)], x.newChunk(len(chunks)))
		x.chunks.Store(&grown)
		chunks = grown
	}
	c := chunks[i/chunkSize]
	if k := i % chunkSize; k%prefaultStep == 0 && i > 0 {
		if k+prefaultStep < chunkSize {
			// A large capture: have the kernel map the chunk's next part
			// while the loader fills this one.
			prefault(c[k+prefaultStep : min(k+2*prefaultStep, chunkSize)])
		}
		if s := x.store.Load(); s != nil {
			// What the analysis following the loader has read is
			// unmapped as it goes, not only on the store's timer.
			s.trim()
		}
	}
	p := &c[i%chunkSize]
	link := uint16(0xffff)
	if ifs := x.src.Interfaces(); int(rec.Iface) < len(ifs) {
		link = ifs[rec.Iface].LinkType
	}
	h.Parse(link, rec.Data, rec.OrigLen)
	if h.Fragment {
		x.reasm.add(int32(i), rec.Iface, rec.Data, h)
	}
	mptcp := x.fill(p, rec, h)
	if h.NumEncap == 0 {
		x.flows.add(int32(i), p)
	} else {
		x.addTunnelled(int32(i), p, h)
	}
	if mptcp && p.Flow >= 0 {
		x.flows.noteMPTCP(p, h.TCPOptions)
	}
	if p.Proto == ProtoTCPPacket && p.Flow >= 0 && p.PayloadLen > 0 && (p.SrcPort == socksPort || p.DstPort == socksPort) {
		x.flows.noteSOCKS(p, h.Payload[:min(len(h.Payload), int(p.PayloadLen))])
	}
	if p.Flow >= 0 && p.PayloadLen > 0 && (p.SrcPort == sipPort || p.DstPort == sipPort) {
		x.flows.noteSIP(int32(i), h.Payload[:min(len(h.Payload), int(p.PayloadLen))], x.addrs)
	}
	if p.Proto == ProtoTCPPacket && p.Flow >= 0 && p.PayloadLen > 0 && (rtspPort(p.SrcPort) || rtspPort(p.DstPort)) {
		x.flows.noteRTSP(int32(i), p, h.Payload[:min(len(h.Payload), int(p.PayloadLen))], x.addrs)
	}
	if p.Flow < 0 && (p.Proto == ProtoICMPPacket || p.Proto == ProtoICMPv6Packet) {
		x.icmpError(int32(i), p, h)
	}
	if p.Proto == ProtoUDPPacket && p.Flow >= 0 && p.PayloadLen > 0 && (p.SrcPort == portSFlow || p.DstPort == portSFlow) {
		x.noteSFlow(h.Payload[:min(len(h.Payload), int(p.PayloadLen))])
	}
	x.n.Store(i + 1)
}

// fill copies what the index keeps from the parsed headers. It reports
// whether the packet carries a Multipath TCP option, which its flow must
// note once the packet has one.
func (x *Index) fill(p *Packet, rec *Record, h *Headers) (mptcp bool) {
	*p = Packet{
		Offset:  rec.DataOffset,
		Time:    rec.Time,
		CapLen:  rec.CapLen,
		OrigLen: rec.OrigLen,
		Iface:   rec.Iface,
		Flow:    -1,
		WScale:  -1,
	}
	if rec.NoTime {
		p.Time = 0
		p.Bad |= BadNoTime
	}
	if rec.Iface == NoInterface {
		// a custom block keeps its enterprise number in Seq and whether
		// it may be copied in Ack: it has no TCP header to hold
		p.Proto = ProtoBlock
		p.Seq = rec.PEN
		if rec.Copyable {
			p.Ack = 1
		}
		return
	}
	switch h.Net {
	case NetIPv4:
		p.Src, p.Dst = x.addrs.intern(AddrIPv4, h.Src), x.addrs.intern(AddrIPv4, h.Dst)
	case NetIPv6:
		p.Src, p.Dst = x.addrs.intern(AddrIPv6, h.Src), x.addrs.intern(AddrIPv6, h.Dst)
	default:
		if len(h.EthSrc) == 6 {
			p.Src = x.addrs.intern(AddrMAC, h.EthSrc)
		}
		if len(h.EthDst) == 6 {
			p.Dst = x.addrs.intern(AddrMAC, h.EthDst)
		}
	}
	p.TTL, p.IPID = h.TTL, h.IPID
	if h.IPBad {
		p.Bad |= BadIP
	}
	if h.TransportBad {
		p.Bad |= BadTransport
	}
	switch {
	case h.Net == NetARP:
		p.Proto = ProtoARPPacket
		x.matchARP(p, h)
	case h.HasTransport && h.IPProto == ProtoTCP:
		p.Proto = ProtoTCPPacket
		p.SrcPort, p.DstPort = h.SrcPort, h.DstPort
		p.Seq, p.Ack, p.Flags, p.Window = h.Seq, h.Ack, h.Flags, h.Window
		p.PayloadLen = uint16(min(h.PayloadLen, 0xffff))
		TCPOptions(h.TCPOptions, func(kind byte, v []byte) {
			switch {
			case kind == 2 && len(v) == 2:
				p.Opts |= OptMSS
			case kind == 3 && len(v) == 1:
				p.Opts |= OptWScale
				p.WScale = int8(min(v[0], 14))
			case kind == 4:
				p.Opts |= OptSACKPerm
			case kind == 5:
				p.Opts |= OptSACK
				if isDSACK(v, h.Ack) {
					p.Opts |= OptDSACK
				}
			case kind == 8 && len(v) == 8:
				p.Opts |= OptTimestamp
			case kind == TCPOptMPTCP:
				mptcp = true
			}
		})
	case h.HasTransport && h.IPProto == ProtoUDP:
		p.Proto = ProtoUDPPacket
		p.SrcPort, p.DstPort = h.SrcPort, h.DstPort
		p.PayloadLen = uint16(min(h.PayloadLen, 0xffff))
	case h.HasTransport && h.IPProto == ProtoICMP && h.Net == NetIPv4:
		p.Proto = ProtoICMPPacket
		x.matchEcho(int(x.n.Load()), p, h)
	case h.HasTransport && h.IPProto == ProtoICMPv6 && h.Net == NetIPv6:
		p.Proto = ProtoICMPv6Packet
		x.matchEcho(int(x.n.Load()), p, h)
	case h.Net == NetIPv4 || h.Net == NetIPv6:
		p.Proto = ProtoIPOnly
	}
	return mptcp
}

// Wait blocks until loading has finished.
func (x *Index) Wait() { <-x.done }

// WaitLen blocks until more than have packets are published or loading has
// finished, and returns Len() then. It lets a consumer (the TCP analysis of
// a command-line run) follow the loader packet by packet on the other core
// instead of waiting for the whole file.
func (x *Index) WaitLen(have int) int {
	for {
		if n := x.Len(); n > have {
			return n
		}
		x.mu.RLock()
		grown := x.grown
		x.mu.RUnlock()
		if n := x.Len(); n > have {
			return n
		}
		select {
		case <-grown:
		case <-x.done:
			return x.Len()
		}
	}
}

// signalGrown wakes WaitLen callers; x.mu must be held.
func (x *Index) signalGrown() {
	close(x.grown)
	x.grown = make(chan struct{})
}

// Done is closed when loading has finished.
func (x *Index) Done() <-chan struct{} { return x.done }

// Len is the number of packets published so far.
func (x *Index) Len() int { return int(x.n.Load()) }

// Packet returns packet i (0-based; frame number i+1). i must be < Len().
// Below First a live ring's evicted packets read as a record of nothing.
func (x *Index) Packet(i int) *Packet {
	if i%chunkSize == 0 && i > 0 {
		x.passedChunk()
	}
	chunks := *x.chunks.Load()
	c := chunks[i/chunkSize]
	if c == nil {
		return &x.window.gone // its chunk was evicted (window.go)
	}
	return &c[i%chunkSize]
}

// passedChunk is called when a reader reaches the first packet of a chunk:
// a scan of the whole index (a filter, the analysis) then unmaps what it has
// read chunk by chunk, instead of holding up to a trim period's worth
// (hundreds of MB when the machine is so loaded that the store's timer
// fires late).
//
//go:noinline
func (x *Index) passedChunk() {
	if s := x.store.Load(); s != nil {
		s.readerTrim()
	}
}

// Err is the damage that stopped reading, or nil.
func (x *Index) Err() error {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return x.err
}

// Progress reports how far loading has got.
func (x *Index) Progress() Progress {
	pr := Progress{Packets: x.Len(), Bytes: x.bytesRead.Load(), Size: x.src.Size}
	if st, ok := x.src.LiveStats(); ok {
		pr.Live, pr.Dropped, pr.First = true, st.Dropped, x.First()
	}
	select {
	case <-x.done:
		pr.Done = true
		pr.Err = x.Err()
		pr.Bytes = max(pr.Bytes, pr.Size)
		pr.Elapsed = x.elapsed
	default:
		pr.Elapsed = time.Since(x.started)
	}
	return pr
}

// Addr returns an interned address.
func (x *Index) Addr(id uint32) Addr {
	x.mu.RLock()
	defer x.mu.RUnlock()
	if int(id) >= len(x.addrs.list) {
		return Addr{}
	}
	return x.addrs.list[id]
}

// Interface returns capture interface i.
func (x *Index) Interface(i uint16) Interface {
	x.mu.RLock()
	defer x.mu.RUnlock()
	if int(i) >= len(x.ifaces) {
		return Interface{}
	}
	return x.ifaces[i]
}

// Dropped is how many packets the capture's interface statistics (pcapng
// ISB isb_ifdrop + isb_osdrop, every interface) admit were dropped while
// it recorded, and whether any interface reported them (a pcap file never
// does: its drops are unknown).
func (x *Index) Dropped() (n uint64, known bool) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	for i := range x.ifaces {
		if x.ifaces[i].DropsKnown {
			n = satAdd(n, x.ifaces[i].Dropped())
			known = true
		}
	}
	return n, known
}

// Name is the capture's name as opened.
func (x *Index) Name() string { return x.src.Name }

// Data reads packet i's captured bytes into buf (grown as needed).
func (x *Index) Data(i int, buf []byte) ([]byte, error) {
	p := x.Packet(i)
	if cap(buf) < int(p.CapLen) {
		buf = make([]byte, p.CapLen)
	}
	buf = buf[:p.CapLen]
	_, err := x.src.ReadAt(buf, p.Offset)
	return buf, err
}

// LinkType is the link type of packet p's interface.
func (x *Index) LinkType(p *Packet) uint16 { return x.Interface(p.Iface).LinkType }
