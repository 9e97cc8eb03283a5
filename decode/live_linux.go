//go:build linux

package decode

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"golang.org/x/net/bpf"
	"golang.org/x/sys/unix"
)

// sllHeader is the length of the Linux cooked header (LINKTYPE_LINUX_SLL)
// ladder writes in front of packets captured without their link header.
const sllHeader = 16

// recvTimeout bounds one blocking receive, so Stop and a vanished interface
// are noticed promptly even on a silent link.
const recvTimeout = 200 * time.Millisecond

// statsEvery is how many delivered packets pass between PACKET_STATISTICS
// reads on a link so busy that the socket never runs dry.
const statsEvery = 1024

// liveReader captures from an AF_PACKET socket and writes every packet to a
// pcapng spool, returning records whose DataOffset points into the spool so
// packets are decoded again by offset exactly as from a file.
type liveReader struct {
	name    string
	ifindex int // 0 for "any"
	loIndex int // ifindex of the loopback device, -1 if unknown
	cooked  bool
	filter  *bpf.VM // user-space filter (cooked sockets only)
	count   int
	ifaces  []Interface

	stopping atomic.Bool

	// sockMu is held by next for the whole read, including the blocking
	// receive, so close can wait for it before closing the socket.
	sockMu   sync.Mutex
	fd       int
	returned int
	ended    error // sticky end of capture (io.EOF or the reason)
	buf      []byte
	iov      unix.Iovec
	msg      unix.Msghdr
	from     unix.RawSockaddrLinklayer
	oob      [128]byte

	sp       *spool  // the -w file or ring, shared with ReadAt
	spoolErr error   // why writing the spool out failed (errSpool)
	rx       *rxRing // the TPACKET_V3 ring; nil: recvmsg per packet

	captured, delivered, received, dropped atomic.Uint64
}

// OpenLive starts capturing on an interface and returns a Source that yields
// the packets as they arrive; Start(src) indexes them live. Next blocks until
// a packet arrives, returns io.EOF after opt.Count packets or Stop, and an
// error naming the interface when it goes away; everything captured until
// then stays readable and is in the capture file.
func OpenLive(opt LiveOptions) (*Source, error) {
	if opt.Interface == "" {
		return nil, errors.New("live capture: no interface given (ladder -D lists them)")
	}
	snap := opt.SnapLen
	if snap <= 0 || snap > MaxCaptureLength-sllHeader {
		snap = defaultSnapLen
	}
	r := &liveReader{name: opt.Interface, count: opt.Count, fd: -1, loIndex: -1}
	link, err := r.openSocket()
	if err != nil {
		return nil, err
	}
	if err := r.setup(opt.Filter, link, snap, opt.NoRing); err != nil {
		r.closeSocket()
		return nil, err
	}
	r.buf = make([]byte, snap+sllHeader)
	r.ifaces = []Interface{{LinkType: link, SnapLen: uint32(snap), Name: opt.Interface, Precision: 9}}
	src := &Source{Name: opt.Interface, rd: r, live: r, ra: r, cnt: &countingReader{}}
	if r.sp, err = openSpool(opt.WriteFile, opt.Ring, link, uint32(snap), opt.Interface, &src.cnt.n); err != nil {
		r.closeSocket()
		return nil, fmt.Errorf("live capture on %s: %w", r.name, err)
	}
	return src, nil
}

// openSocket opens the packet socket with protocol 0, so that nothing is
// queued before the filter is attached and the socket is bound, and finds
// the interface's link type.
func (r *liveReader) openSocket() (uint16, error) {
	fd, err := unix.Socket(unix.AF_PACKET, unix.SOCK_RAW|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return 0, r.socketError(err)
	}
	r.fd = fd
	if ifr, err := unix.NewIfreq("lo"); err == nil && unix.IoctlIfreq(fd, unix.SIOCGIFINDEX, ifr) == nil {
		r.loIndex = int(ifr.Uint32())
	}
	if r.name == "any" {
		return LinkLinuxSLL, r.reopenCooked()
	}
	ifr, err := unix.NewIfreq(r.name)
	if err != nil {
		return 0, fmt.Errorf("live capture: bad interface name %q", r.name)
	}
	if err := unix.IoctlIfreq(fd, unix.SIOCGIFINDEX, ifr); err != nil {
		return 0, fmt.Errorf("live capture: no interface %q (ladder -D lists them)", r.name)
	}
	r.ifindex = int(ifr.Uint32())
	if err := unix.IoctlIfreq(fd, unix.SIOCGIFHWADDR, ifr); err != nil {
		return 0, fmt.Errorf("live capture: %s: cannot read the link type: %w", r.name, err)
	}
	if link, ok := linkOfARPHRD(ifr.Uint16()); ok {
		return link, nil
	}
	// Link types ladder does not decode are captured in cooked mode, as
	// libpcap does for them: the kernel strips the link header and ladder
	// writes a Linux cooked header instead.
	return LinkLinuxSLL, r.reopenCooked()
}

// reopenCooked replaces the socket with a SOCK_DGRAM one (no link header).
func (r *liveReader) reopenCooked() error {
	r.closeSocket()
	fd, err := unix.Socket(unix.AF_PACKET, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return r.socketError(err)
	}
	r.fd, r.cooked = fd, true
	return nil
}

// linkOfARPHRD maps the kernel's hardware type to the link type the packets
// carry on a SOCK_RAW socket (libpcap's map_arphrd_to_dlt, for the types
// ladder decodes).
func linkOfARPHRD(t uint16) (uint16, bool) {
	switch t {
	case unix.ARPHRD_ETHER, unix.ARPHRD_LOOPBACK:
		return LinkEthernet, true
	case unix.ARPHRD_NONE, unix.ARPHRD_RAWIP, unix.ARPHRD_TUNNEL, unix.ARPHRD_TUNNEL6, unix.ARPHRD_SIT:
		return LinkRaw, true
	}
	return 0, false
}

// socketError explains a failure to open the capture socket; without
// CAP_NET_RAW it names the capability and the command that grants it.
func (r *liveReader) socketError(err error) error {
	if errors.Is(err, unix.EPERM) || errors.Is(err, unix.EACCES) {
		return fmt.Errorf("capturing on %s needs the CAP_NET_RAW capability: run as root or grant it with: sudo setcap cap_net_raw,cap_net_admin=eip \"$(command -v ladder)\"", r.name)
	}
	return fmt.Errorf("live capture on %s: cannot open a packet socket: %w", r.name, err)
}

// setup sets timestamps, buffer and timeout, attaches the filter, maps the
// TPACKET_V3 ring (unless noRing) and binds the socket to the interface,
// after which packets start to queue.
func (r *liveReader) setup(filter string, link uint16, snap int, noRing bool) error {
	fd := r.fd
	if err := unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_TIMESTAMPNS, 1); err != nil {
		return fmt.Errorf("live capture on %s: kernel timestamps: %w", r.name, err)
	}
	// A larger receive buffer rides out bursts; RCVBUFFORCE passes the
	// rmem_max limit when ladder has CAP_NET_ADMIN.
	const rcvBuf = 8 << 20
	if unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_RCVBUFFORCE, rcvBuf) != nil {
		unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_RCVBUF, rcvBuf)
	}
	tv := unix.NsecToTimeval(recvTimeout.Nanoseconds())
	if err := unix.SetsockoptTimeval(fd, unix.SOL_SOCKET, unix.SO_RCVTIMEO, &tv); err != nil {
		return fmt.Errorf("live capture on %s: receive timeout: %w", r.name, err)
	}
	if filter != "" {
		prog, err := CompileFilter(filter, link, snap)
		if err != nil {
			return err
		}
		if r.cooked {
			// The kernel sees cooked packets without the header the filter
			// was compiled for, so ladder runs it on the header it writes.
			insns, ok := bpf.Disassemble(prog)
			vm, err := bpf.NewVM(insns)
			if !ok || err != nil {
				return fmt.Errorf("capture filter %q cannot run in user space on %s (use a named interface): %v", filter, r.name, err)
			}
			r.filter = vm
		} else if err := attachFilter(fd, prog); err != nil {
			return fmt.Errorf("live capture on %s: attaching the filter: %w", r.name, err)
		}
	}
	if !noRing {
		// Where the kernel has no TPACKET_V3 (before 3.2) or refuses the
		// ring's memory, ladder reads with recvmsg instead.
		if rx, err := openRxRing(fd); err == nil {
			r.rx = rx
		}
	}
	sa := &unix.SockaddrLinklayer{Protocol: htons(unix.ETH_P_ALL), Ifindex: r.ifindex}
	if err := unix.Bind(fd, sa); err != nil {
		if errors.Is(err, unix.ENETDOWN) {
			return fmt.Errorf("live capture: interface %s is down", r.name)
		}
		return fmt.Errorf("live capture on %s: bind: %w", r.name, err)
	}
	return nil
}

// attachFilter hands a classic BPF program to the kernel (SO_ATTACH_FILTER).
func attachFilter(fd int, prog []bpf.RawInstruction) error {
	if len(prog) == 0 {
		return errors.New("empty filter program")
	}
	f := make([]unix.SockFilter, len(prog))
	for i, in := range prog {
		f[i] = unix.SockFilter{Code: in.Op, Jt: in.Jt, Jf: in.Jf, K: in.K}
	}
	return unix.SetsockoptSockFprog(fd, unix.SOL_SOCKET, unix.SO_ATTACH_FILTER, &unix.SockFprog{Len: uint16(len(f)), Filter: &f[0]})
}

func htons(v uint16) uint16 { return v<<8 | v>>8 }

func (r *liveReader) interfaces() []Interface { return r.ifaces }

// next returns the next captured packet, blocking until one arrives.
func (r *liveReader) next(rec *Record) error {
	r.sockMu.Lock()
	defer r.sockMu.Unlock()
	for {
		if r.ended != nil {
			return r.ended
		}
		if r.stopping.Load() || (r.count > 0 && r.returned >= r.count) {
			return r.end(io.EOF)
		}
		var n, capLen int
		var t int64
		var err error
		if r.rx != nil {
			n, capLen, t, err = r.receiveRing()
		} else {
			n, capLen, t, err = r.receive()
		}
		switch {
		case err == errSpool:
			return r.end(fmt.Errorf("capture on %s ended: writing the capture file: %w", r.name, r.spoolErr))
		case err == unix.EAGAIN || err == unix.EINTR:
			if r.ifindex != 0 && !r.interfaceUp() {
				return r.end(r.downError())
			}
			continue
		case err == unix.ENETDOWN || err == unix.ENODEV || err == unix.ENXIO:
			return r.end(r.downError())
		case err != nil:
			return r.end(fmt.Errorf("capture on %s ended: %w", r.name, err))
		}
		if r.delivered.Add(1)%statsEvery == 0 {
			r.readStats()
		}
		// Loopback hands every packet to packet sockets twice, outgoing and
		// incoming; keep one copy as libpcap does.
		if r.from.Pkttype == unix.PACKET_OUTGOING && int(r.from.Ifindex) == r.loIndex {
			continue
		}
		data, orig := r.buf[:capLen], uint32(n)
		if r.cooked {
			r.writeSLL()
			orig += sllHeader
			data = r.buf[:sllHeader+capLen]
			if r.filter != nil {
				if keep, err := r.filter.Run(data); err != nil || keep == 0 {
					continue
				}
			}
		}
		off, err := r.sp.write(t, data, orig)
		if err != nil {
			return r.end(fmt.Errorf("capture on %s ended: writing the capture file: %w", r.name, err))
		}
		r.returned++
		r.captured.Add(1)
		*rec = Record{Offset: off - epbHeader, DataOffset: off, Time: t,
			CapLen: uint32(len(data)), OrigLen: orig, Data: data}
		return nil
	}
}

// errSpool is what the receive functions return when writing the spool
// out failed (the error itself is in spoolErr).
var errSpool = errors.New("spool write failed")

// receive reads the next packet with recvmsg into buf (after the cooked
// header's room), waiting up to recvTimeout: it returns the packet's length
// on the wire, how much of it was captured, and its kernel timestamp.
// EAGAIN means nothing arrived in time.
func (r *liveReader) receive() (n, capLen int, t int64, err error) {
	n, err = r.recv(unix.MSG_DONTWAIT)
	if err == unix.EAGAIN {
		// The socket ran dry: put what was captured on disk and read
		// the drop counters before waiting.
		if r.spoolErr = r.sync(); r.spoolErr != nil {
			return 0, 0, 0, errSpool
		}
		n, err = r.recv(0)
	}
	if err != nil {
		return 0, 0, 0, err
	}
	room := len(r.buf)
	if r.cooked {
		room -= sllHeader
	}
	return n, min(n, room), r.timestamp(), nil
}

// receiveRing is receive from the TPACKET_V3 ring: the packet and its
// sockaddr_ll are copied out of the ring (so the block goes back to the
// kernel at once and the record's bytes outlive it), and when the ring is
// empty the socket is polled for up to recvTimeout.
func (r *liveReader) receiveRing() (n, capLen int, t int64, err error) {
	var f v3Frame
	if !r.rx.next(&f) {
		if r.spoolErr = r.sync(); r.spoolErr != nil {
			return 0, 0, 0, errSpool
		}
		if err := r.rx.wait(int(recvTimeout.Milliseconds())); err != nil {
			return 0, 0, 0, err
		}
		if !r.rx.next(&f) {
			return 0, 0, 0, unix.EAGAIN
		}
	}
	b := r.buf
	if r.cooked {
		b = b[sllHeader:]
	}
	capLen = copy(b, f.data)
	r.from.Protocol, r.from.Ifindex, r.from.Hatype = f.protocol, f.ifindex, f.hatype
	r.from.Pkttype, r.from.Halen, r.from.Addr = f.pkttype, f.halen, f.addr
	return int(f.wireLen), capLen, f.time, nil
}

// recv receives one packet into buf (after the cooked header's room) with
// its sender address and timestamp; it returns the packet's length on the
// wire (MSG_TRUNC), which may exceed what fitted. It does not allocate.
func (r *liveReader) recv(flags int) (int, error) {
	b := r.buf
	if r.cooked {
		b = b[sllHeader:]
	}
	r.iov.Base = &b[0]
	r.iov.SetLen(len(b))
	r.msg.Name = (*byte)(unsafe.Pointer(&r.from))
	r.msg.Namelen = unix.SizeofSockaddrLinklayer
	r.msg.Iov = &r.iov
	r.msg.SetIovlen(1)
	r.msg.Control = &r.oob[0]
	r.msg.SetControllen(len(r.oob))
	r.msg.Flags = 0
	n, _, e := unix.Syscall(unix.SYS_RECVMSG, uintptr(r.fd), uintptr(unsafe.Pointer(&r.msg)), uintptr(flags|unix.MSG_TRUNC))
	if e != 0 {
		return 0, e
	}
	return int(n), nil
}

// writeSLL writes the Linux cooked header for the packet just received, from
// its sockaddr_ll (packet type, hardware type and address, protocol).
func (r *liveReader) writeSLL() {
	h := r.buf[:sllHeader]
	be := binary.BigEndian
	be.PutUint16(h[0:], uint16(r.from.Pkttype))
	be.PutUint16(h[2:], r.from.Hatype)
	halen := min(int(r.from.Halen), 8)
	be.PutUint16(h[4:], uint16(halen))
	clear(h[6:14])
	copy(h[6:6+halen], r.from.Addr[:halen])
	binary.NativeEndian.PutUint16(h[14:], r.from.Protocol) // already in network order
}

// timestamp is the kernel's receive time (SCM_TIMESTAMPNS) in Unix
// nanoseconds, or the current time if the kernel sent none.
func (r *liveReader) timestamp() int64 {
	oob := r.oob[:r.msg.Controllen]
	for len(oob) >= unix.SizeofCmsghdr {
		h := (*unix.Cmsghdr)(unsafe.Pointer(&oob[0]))
		l := int(h.Len)
		if l < unix.SizeofCmsghdr || l > len(oob) {
			break
		}
		if h.Level == unix.SOL_SOCKET && h.Type == unix.SCM_TIMESTAMPNS && l >= unix.CmsgLen(int(unsafe.Sizeof(unix.Timespec{}))) {
			ts := (*unix.Timespec)(unsafe.Pointer(&oob[unix.CmsgLen(0)]))
			return ts.Nano()
		}
		oob = oob[min(unix.CmsgSpace(l-unix.SizeofCmsghdr), len(oob)):]
	}
	return time.Now().UnixNano()
}

// sync flushes the spool, starts the next ring file if its time has come,
// and refreshes the kernel counters.
func (r *liveReader) sync() error {
	if err := r.sp.flush(); err != nil {
		return err
	}
	r.readStats()
	return r.sp.tick()
}

// readStats adds the kernel's counters, which reset on every read.
func (r *liveReader) readStats() {
	if r.fd < 0 {
		return
	}
	if st, err := unix.GetsockoptTpacketStats(r.fd, unix.SOL_PACKET, unix.PACKET_STATISTICS); err == nil {
		r.received.Add(uint64(st.Packets))
		r.dropped.Add(uint64(st.Drops))
	}
}

// interfaceUp asks the kernel, through the socket (so in the socket's
// network namespace), whether the interface still exists with the same
// index and is up.
func (r *liveReader) interfaceUp() bool {
	ifr, err := unix.NewIfreq(r.name)
	if err != nil || unix.IoctlIfreq(r.fd, unix.SIOCGIFINDEX, ifr) != nil || int(ifr.Uint32()) != r.ifindex {
		return false
	}
	if unix.IoctlIfreq(r.fd, unix.SIOCGIFFLAGS, ifr) != nil {
		return false
	}
	return ifr.Uint16()&unix.IFF_UP != 0
}

func (r *liveReader) downError() error {
	return fmt.Errorf("capture on %s ended: interface went down", r.name)
}

// end finishes the capture: final counters, spool flushed, socket closed.
// Called with sockMu held.
func (r *liveReader) end(err error) error {
	if r.ended == nil {
		r.sync()
		r.closeSocket()
		r.ended = err
	}
	return r.ended
}

func (r *liveReader) closeSocket() {
	if r.rx != nil {
		r.rx.close()
		r.rx = nil
	}
	if r.fd >= 0 {
		unix.Close(r.fd)
		r.fd = -1
	}
}

// ReadAt reads packet bytes back from the spool.
func (r *liveReader) ReadAt(p []byte, off int64) (int, error) { return r.sp.ReadAt(p, off) }

// windowStart is the spool offset below which ring files were deleted.
func (r *liveReader) windowStart() int64 { return r.sp.gone.Load() }

func (r *liveReader) stop() { r.stopping.Store(true) }

func (r *liveReader) stats() LiveStats {
	return LiveStats{Captured: r.captured.Load(), Delivered: r.delivered.Load(),
		Received: r.received.Load(), Dropped: r.dropped.Load()}
}

// close stops the capture and waits for a read in progress (at most one
// receive timeout) so the socket and spool are released safely.
func (r *liveReader) close() {
	r.stop()
	r.sockMu.Lock()
	r.end(io.EOF)
	r.sockMu.Unlock()
	r.sp.close()
}
