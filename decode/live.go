package decode

import (
	"errors"
	"io"
	"time"
)

// LiveOptions configures a live capture (OpenLive).
type LiveOptions struct {
	// Interface is the interface name, or "any" for every interface (packets
	// then carry a Linux cooked header, link type 113).
	Interface string
	// Filter is a capture filter in tcpdump syntax, compiled to classic BPF by
	// tcpdump -ddd. On a named interface the kernel runs it, so packets
	// outside it never reach ladder; on "any" ladder runs it itself.
	Filter string
	// WriteFile receives every captured packet as pcapng as it is captured;
	// empty means an unlinked temporary file that vanishes on exit.
	WriteFile string
	// Ring writes a ring of files named after WriteFile instead of one
	// file (dumpcap's -b); the index then keeps only the packets of the
	// files still on disk.
	Ring RingOptions
	// Count ends the capture (io.EOF) after that many packets; 0 means no limit.
	Count int
	// NoRing reads with one recvmsg per packet instead of the TPACKET_V3
	// memory-mapped ring, for comparison; the ring is used whenever the
	// kernel provides it.
	NoRing bool
	// SnapLen is the most bytes kept per packet; 0 means 262144 like tcpdump.
	SnapLen int
}

// defaultSnapLen is tcpdump's and dumpcap's default snapshot length.
const defaultSnapLen = 262144

// LiveStats counts what a live capture has seen so far.
type LiveStats struct {
	// Captured packets were written to the capture file and indexed.
	Captured uint64
	// Delivered packets were handed to ladder by the socket, after the
	// kernel filter: Captured plus loopback's duplicate outgoing copies and
	// packets a user-space filter (-i any) rejected.
	Delivered uint64
	// Received packets passed the kernel filter (PACKET_STATISTICS tp_packets,
	// which counts Dropped too).
	Received uint64
	// Dropped packets were lost in the kernel because the socket buffer was
	// full (PACKET_STATISTICS tp_drops).
	Dropped uint64
}

// liveCapture is what a Source needs from a live capture on top of reading
// records: stopping it, its counters, and closing it.
type liveCapture interface {
	recordReader
	stop()
	stats() LiveStats
	close()
	// windowStart is the offset below which packet bytes were deleted
	// (ring files beyond RingOptions.Files): those packets leave the index.
	windowStart() int64
}

// Live reports whether s is a live capture rather than a file.
func (s *Source) Live() bool { return s.live != nil }

// LiveStats returns the counters of a live capture; ok is false for a file.
func (s *Source) LiveStats() (st LiveStats, ok bool) {
	if s.live == nil {
		return LiveStats{}, false
	}
	return s.live.stats(), true
}

// Stop asks a live capture to end: Next returns io.EOF within about 200 ms,
// after everything captured has been written out. It does nothing on a file.
func (s *Source) Stop() {
	if s.live != nil {
		s.live.stop()
	}
}

// LiveStats returns the counters of the index's live capture; ok is false
// when the index was built from a file.
func (x *Index) LiveStats() (LiveStats, bool) { return x.src.LiveStats() }

// Stop ends the index's live capture (see Source.Stop); the index then
// finishes with what was captured. It does nothing for a file.
func (x *Index) Stop() { x.src.Stop() }

// runLive is the index loop for a live source. Next blocks until a packet
// arrives, so unlike the file loop, which indexes thousands of records per
// lock hold, it reads outside the lock and holds it only to index each
// packet, so readers are never frozen behind a quiet link.
func (x *Index) runLive(rec *Record, h *Headers) {
	for {
		err := x.src.Next(rec)
		x.hold.Lock()
		x.mu.Lock()
		if err == nil {
			x.append(rec, h)
			if gone := x.src.live.windowStart(); gone > x.window.seen {
				x.evict(gone)
			}
			x.signalGrown()
		}
		x.ifaces = append(x.ifaces[:0], x.src.Interfaces()...)
		x.bytesRead.Store(x.src.BytesRead())
		if err != nil {
			if !errors.Is(err, io.EOF) {
				x.err = err
			}
			x.elapsed = time.Since(x.started)
			x.mu.Unlock()
			x.hold.Unlock()
			return
		}
		x.mu.Unlock()
		x.hold.Unlock()
	}
}

// Frozen runs fn while a live capture's loader waits, so fn sees a fixed
// prefix of packets and flows that do not change under it: what the
// analysis needs to run while packets keep arriving (the kernel buffers
// them meanwhile). Keep fn short. For a file it only waits for nothing:
// call analyses of files after loading has finished.
func (x *Index) Frozen(fn func()) {
	x.hold.Lock()
	defer x.hold.Unlock()
	fn()
}
