package decode

import (
	"slices"
	"sync/atomic"
)

// window is what the index keeps to forget packets during a live capture
// into a ring of files (RingOptions): when the oldest file is deleted, its
// packets leave the index, so memory stays flat however long the capture
// runs. Frames keep their numbers; First says where the window starts.
// A capture read from a file never evicts and pays only the nil check in
// Packet.
type window struct {
	first atomic.Int64 // first packet still in the window
	seen  int64        // spool offset below which packets were evicted
	// gone is what Packet returns for a packet whose chunk was freed: no
	// headers, no flow, no bytes, the capture's first timestamp (relative
	// times computed from Packet(0) stay right).
	gone Packet
}

// First is the index of the first packet still in the index: 0 unless a
// live capture's ring deleted files. Packets below it read as empty
// records and their bytes as ErrEvicted.
func (x *Index) First() int { return int(x.window.first.Load()) }

// evict drops the packets whose bytes lie below spool offset gone (the
// ring files deleted so far): it moves First past them, frees the chunks
// wholly below it, and trims the flows' frame lists and the echo table.
// Called by the live loader with x.mu and x.hold held.
func (x *Index) evict(gone int64) {
	x.window.seen = gone
	n := int(x.n.Load())
	first := int(x.window.first.Load())
	for first < n && x.Packet(first).Offset < gone {
		first++
	}
	if first == int(x.window.first.Load()) {
		return
	}
	chunks := *x.chunks.Load()
	if chunks[0] != nil {
		x.window.gone = Packet{Time: chunks[0][0].Time, Flow: -1, WScale: -1}
	}
	x.window.first.Store(int64(first))
	if full := first / chunkSize; full > 0 && chunks[full-1] != nil {
		// Readers may hold the old slice: publish a copy.
		kept := slices.Clone(chunks)
		clear(kept[:full])
		x.chunks.Store(&kept)
	}
	below := int32(first)
	for _, f := range x.flows.flows {
		f.Frames = trimBelow(f.Frames, below)
		f.Errors = trimBelow(f.Errors, below)
	}
	for k := range x.reasm.done {
		if k < below {
			delete(x.reasm.done, k)
		}
	}
	for k, v := range x.reasm.in {
		if k < below || v < below {
			delete(x.reasm.in, k)
		}
	}
	for k, v := range x.echo {
		if v-1 < below { // values are packet index + 1
			delete(x.echo, k)
		}
	}
}

// trimBelow drops the packet indexes below first from an ascending list,
// copying what is kept so the evicted part's memory is freed.
func trimBelow(frames []int32, first int32) []int32 {
	if len(frames) == 0 || frames[0] >= first {
		return frames
	}
	k, _ := slices.BinarySearch(frames, first)
	if k == len(frames) {
		return nil
	}
	return slices.Clone(frames[k:])
}
