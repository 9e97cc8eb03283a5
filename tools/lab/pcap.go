package main

import (
	"errors"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
)

// recorder writes the capture file. One lock orders every record, and the
// timestamp is taken under it, so frames are in time order and "frame N"
// in a label means the same packet to every reader.
type recorder struct {
	mu     sync.Mutex
	f      *os.File
	w      *pcapgo.Writer
	frames int
	closed bool
	err    error
	// skew is added to every timestamp: a two-sided scenario gives the
	// server end's capture a clock that is wrong by a known amount.
	skew time.Duration
}

// newRecorder creates a nanosecond pcap of the given link type: LINKTYPE_RAW
// (101) for the TUN wire, Ethernet for the veth variant.
func newRecorder(path string, lt layers.LinkType) (*recorder, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	w := pcapgo.NewWriterNanos(f)
	if err := w.WriteFileHeader(65535, lt); err != nil {
		f.Close()
		return nil, err
	}
	return &recorder{f: f, w: w}, nil
}

// writeLocked stores one packet and returns its frame number (1-based), 0
// when nothing was written.
func (r *recorder) writeLocked(ts time.Time, pkt []byte) int {
	if r.closed || r.err != nil {
		return 0
	}
	ci := gopacket.CaptureInfo{Timestamp: ts.Add(r.skew), CaptureLength: len(pkt), Length: len(pkt)}
	if err := r.w.WritePacket(ci, pkt); err != nil {
		r.err = err
		return 0
	}
	r.frames++
	return r.frames
}

// record stores a packet seen now and returns its frame number.
func (r *recorder) record(pkt []byte) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.writeLocked(time.Now(), pkt)
}

// recordAt stores a packet with a timestamp taken elsewhere (the kernel's,
// for the Ethernet capture).
func (r *recorder) recordAt(ts time.Time, pkt []byte) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.writeLocked(ts, pkt)
}

// recordThen stores a packet and sends it while still holding the lock, so
// that nothing recorded later can have reached the host earlier. It
// returns the packet's frame number.
func (r *recorder) recordThen(pkt []byte, send func() error) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	fr := r.writeLocked(time.Now(), pkt)
	return fr, send()
}

// close finishes the file; later records are ignored.
func (r *recorder) close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return nil
	}
	r.closed = true
	return errors.Join(r.err, r.f.Close())
}

// ethCapture records TCP frames seen on a veth device through an AF_PACKET
// socket (pcapgo's EthernetHandle), both directions, with kernel
// timestamps. ARP and everything else that is not TCP/IP is left out, like
// on the TUN wire, so frame numbers stay stable from run to run.
type ethCapture struct {
	h    *pcapgo.EthernetHandle
	rec  *recorder
	done chan struct{}
}

// startEthCapture opens the packet socket inside namespace ns, where the
// device lives.
func startEthCapture(ns, dev string, rec *recorder) (*ethCapture, error) {
	var h *pcapgo.EthernetHandle
	err := inNetns(ns, func() error {
		var err error
		h, err = pcapgo.NewEthernetHandle(dev)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("capture on %s/%s: %w", ns, dev, err)
	}
	c := &ethCapture{h: h, rec: rec, done: make(chan struct{})}
	go func() {
		defer close(c.done)
		for {
			data, ci, err := h.ReadPacketData()
			if err != nil {
				return
			}
			if _, ok := parseEthernet(data); ok {
				rec.recordAt(ci.Timestamp, data)
			}
		}
	}()
	return c, nil
}

func (c *ethCapture) close() {
	c.h.Close()
	<-c.done
}
