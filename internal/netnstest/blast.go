package netnstest

import (
	"encoding/binary"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// Blaster is a traffic generator for live-capture measurements (there is no
// pktgen module in a container): it injects 60-byte Ethernet frames on an
// interface through a packet socket with sendmmsg, 64 frames a call, paced
// to a rate. The frames are IPv4 UDP from 192.0.2.2:SPORT to 192.0.2.1:9,
// the source port cycling through Flows values (so the capture sees that
// many conversations), to MAC 02:00:00:00:00:99 which nobody has: the
// receiving stack drops them right after the packet taps, as on a mirror
// port.
type Blaster struct {
	fd    int
	msgs  [64]mmsghdr
	iovs  [64]unix.Iovec
	pkts  [64][60]byte
	Flows int // distinct source ports (1..65535); 1024 by default
	// Fresh makes every frame a conversation of its own (source and
	// destination ports both vary; 2 billion before one repeats), as a
	// link carrying many short connections shows them to a capture.
	Fresh bool
	port  int
	count uint64
}

// mmsghdr is struct mmsghdr (sendmmsg(2)).
type mmsghdr struct {
	hdr unix.Msghdr
	len uint32
	_   [4]byte
}

// NewBlaster opens the packet socket on iface inside namespace ns.
func NewBlaster(ns, iface string) (*Blaster, error) {
	bl := &Blaster{Flows: 1024}
	err := In(ns, func() error {
		fd, err := unix.Socket(unix.AF_PACKET, unix.SOCK_RAW|unix.SOCK_CLOEXEC, 0)
		if err != nil {
			return err
		}
		bl.fd = fd
		ifr, err := unix.NewIfreq(iface)
		if err != nil {
			return err
		}
		if err := unix.IoctlIfreq(fd, unix.SIOCGIFINDEX, ifr); err != nil {
			return err
		}
		unix.SetsockoptInt(fd, unix.SOL_PACKET, unix.PACKET_QDISC_BYPASS, 1)
		return unix.Bind(fd, &unix.SockaddrLinklayer{Protocol: 0x0008, Ifindex: int(ifr.Uint32())}) // ETH_P_IP, network order
	})
	if err != nil {
		if bl.fd > 0 {
			unix.Close(bl.fd)
		}
		return nil, err
	}
	ip := []byte{0x45, 0, 0, 46, 0, 0, 0x40, 0, 64, 17, 0, 0, 192, 0, 2, 2, 192, 0, 2, 1}
	binary.BigEndian.PutUint16(ip[10:], ipChecksum(ip))
	for i := range bl.pkts {
		p := bl.pkts[i][:]
		copy(p, []byte{2, 0, 0, 0, 0, 0x99, 2, 0, 0, 0, 0, 2, 0x08, 0x00})
		copy(p[14:], ip)
		copy(p[34:], []byte{0x23, 0x28, 0, 9, 0, 26, 0, 0}) // UDP, no checksum (RFC 768)
		bl.iovs[i].Base = &p[0]
		bl.iovs[i].SetLen(len(p))
		bl.msgs[i].hdr.Iov = &bl.iovs[i]
		bl.msgs[i].hdr.SetIovlen(1)
	}
	return bl, nil
}

// ipChecksum is the IPv4 header checksum (RFC 791).
func ipChecksum(h []byte) uint16 {
	var s uint32
	for i := 0; i+1 < len(h); i += 2 {
		s += uint32(binary.BigEndian.Uint16(h[i:]))
	}
	for s > 0xffff {
		s = s&0xffff + s>>16
	}
	return ^uint16(s)
}

// Send sends n frames at rate frames per second (sleeping between batches)
// and returns how many the kernel took.
func (bl *Blaster) Send(n int, rate float64) int {
	start := time.Now()
	sent := 0
	flows := min(max(bl.Flows, 1), 65535)
	for sent < n {
		if due := start.Add(time.Duration(float64(sent) / rate * 1e9)); time.Until(due) > 0 {
			time.Sleep(time.Until(due))
		}
		k := min(len(bl.msgs), n-sent)
		for i := range k {
			if bl.Fresh {
				binary.BigEndian.PutUint16(bl.pkts[i][34:], uint16(10000+bl.count%50000))
				binary.BigEndian.PutUint16(bl.pkts[i][36:], uint16(20000+(bl.count/50000)%40000))
				bl.count++
				continue
			}
			binary.BigEndian.PutUint16(bl.pkts[i][34:], uint16(10000+bl.port))
			bl.port = (bl.port + 1) % flows
		}
		r, _, e := unix.Syscall6(unix.SYS_SENDMMSG, uintptr(bl.fd), uintptr(unsafe.Pointer(&bl.msgs[0])), uintptr(k), 0, 0, 0)
		if e != 0 && e != unix.ENOBUFS && e != unix.EAGAIN && e != unix.EINTR {
			break
		}
		if e == 0 {
			sent += int(r)
		}
	}
	return sent
}

// Close closes the socket.
func (bl *Blaster) Close() error { return unix.Close(bl.fd) }
