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
	// flowFirst is the lowest flow index that may still hold packets in
	// the window: every flow below it left (FlowFirst).
	flowFirst int
	// left counts the conversations that left the window.
	left [2]int
}

// leftWindow stands in, in the flow list, for every conversation whose
// packets all left a live capture's window: its record, frame lists and
// map entry are freed, so a link with many short connections costs a
// pointer per connection once they are gone, not a whole Flow. Its index
// stays reserved (packet records and views name flows by index) and its
// Left field tells readers to pass it by.
var leftWindow = &Flow{Left: true, Stream: -1, Scale: [2]int8{ScaleUnknown, ScaleUnknown}}

// First is the index of the first packet still in the index: 0 unless a
// live capture's ring deleted files. Packets below it read as empty
// records and their bytes as ErrEvicted.
func (x *Index) First() int { return int(x.window.first.Load()) }

// FlowFirst is the lowest flow index that may still have packets in the
// index: 0 unless a live capture's ring deleted files. Every flow below
// it, and any other whose Left is set, left the window.
func (x *Index) FlowFirst() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return x.window.flowFirst
}

// FlowsLeft counts the TCP and UDP conversations (in that order) whose
// packets all left a live capture's window.
func (x *Index) FlowsLeft() (tcp, udp int) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return x.window.left[0], x.window.left[1]
}

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
	t := x.flows
	for k := x.window.flowFirst; k < len(t.flows); k++ {
		f := t.flows[k]
		if f.Left {
			continue
		}
		f.Frames = trimBelow(f.Frames, below)
		f.Errors = trimBelow(f.Errors, below)
		if len(f.Frames) == 0 && len(f.Errors) == 0 {
			t.leave(int32(k))
			if f.Proto == ProtoTCPPacket {
				x.window.left[0]++
			} else {
				x.window.left[1]++
			}
		}
	}
	for x.window.flowFirst < len(t.flows) && t.flows[x.window.flowFirst].Left {
		x.window.flowFirst++
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
