package decode

// Readers never see a Flow the loader is writing. The loader (and, during a
// live capture, the capture loop through it) keeps updating its own flow
// records: counters, Last, Frames, Errors, sequence bases, window scales. So
// every Flow the index hands out is one nobody writes again: once loading
// has finished, the index's own records (they no longer change); while
// loading, a snapshot copied under the index lock. A snapshot's Frames and
// Errors are the loader's lists cut at their length then (a full slice
// expression, so even an append by the reader cannot reach the loader's
// spare capacity): the loader only ever appends past that length, or
// replaces the whole list (a live ring's window), and never rewrites a
// published element. A snapshot costs one Flow (about 230 bytes), never a
// copy of its frame list.

// loaded reports whether the loader has finished: from then on the flows
// no longer change. The loader closes done after its last write.
func (x *Index) loaded() bool {
	select {
	case <-x.done:
		return true
	default:
		return false
	}
}

// snapshot returns a copy of f that the loader never writes. x.mu must be
// held (for reading at least).
func (f *Flow) snapshot() Flow {
	c := *f
	c.Frames = f.Frames[:len(f.Frames):len(f.Frames)]
	c.Errors = f.Errors[:len(f.Errors):len(f.Errors)]
	for d := range c.scaleWas {
		c.scaleWas[d] = f.scaleWas[d][:len(f.scaleWas[d]):len(f.scaleWas[d])]
	}
	return c
}

// Flows returns the flows found so far, by flow id (Packet.Flow). Once
// loading has finished they are the index's own records, which no longer
// change; while loading they are snapshots taken now (one allocation for
// all of them), which the loader never writes: call it again for newer
// ones.
func (x *Index) Flows() []*Flow {
	x.mu.RLock()
	defer x.mu.RUnlock()
	all := x.flows.flows
	if x.loaded() {
		return all[:len(all):len(all)]
	}
	copies := make([]Flow, 0, x.inWindow())
	out := make([]*Flow, len(all))
	for k, f := range all {
		if f.Left {
			out[k] = f // the shared record of those that left: never written
			continue
		}
		copies = append(copies, f.snapshot())
		out[k] = &copies[len(copies)-1]
	}
	return out
}

// inWindow counts the flows that have not left a live capture's window
// (all of them for a file). x.mu must be held.
func (x *Index) inWindow() int {
	n := 0
	for _, f := range x.flows.flows[x.window.flowFirst:] {
		if !f.Left {
			n++
		}
	}
	return n
}

// FlowAt returns flow id (as Flows()[id], without copying the others
// while loading), or nil when there is no such flow yet.
func (x *Index) FlowAt(id int) *Flow {
	x.mu.RLock()
	defer x.mu.RUnlock()
	if id < 0 || id >= len(x.flows.flows) {
		return nil
	}
	f := x.flows.flows[id]
	if x.loaded() {
		return f
	}
	c := f.snapshot()
	return &c
}

// Flow returns the flow of packet p (see FlowAt), or nil.
func (x *Index) Flow(p *Packet) *Flow {
	if p.Flow < 0 {
		return nil
	}
	return x.FlowAt(int(p.Flow))
}

// FlowInto copies flow id into dst, for a reader that follows the loader
// packet by packet and would otherwise allocate a snapshot per packet (a
// display filter's matcher). asOf is the number of packets published when
// the copy was taken: the copy holds everything about packets below it
// (their frames, the bases and scales that apply to them), and a reader
// needs a new copy only for a packet at or past it. Once loading has
// finished asOf is the capture's length. ok is false when there is no
// such flow yet.
func (x *Index) FlowInto(id int, dst *Flow) (asOf int, ok bool) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	if id < 0 || id >= len(x.flows.flows) {
		return 0, false
	}
	*dst = x.flows.flows[id].snapshot()
	return x.Len(), true
}

// FlowsSnapshot copies the flows found so far under the index lock, for a
// view redrawn while loading goes on: flows holds one pointer per flow id,
// to its copy in copies (both reused when large enough), or to the shared
// record of the conversations that left a live capture's window (Left),
// which is never copied, so a capture that saw millions of short
// connections copies only those still in the window. No allocation once
// the slices are large enough.
func (x *Index) FlowsSnapshot(copies []Flow, flows []*Flow) ([]Flow, []*Flow) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	if kept := x.inWindow(); cap(copies) < kept {
		copies = make([]Flow, 0, kept+kept/4)
	}
	copies, flows = copies[:0], flows[:0]
	for _, f := range x.flows.flows {
		if f.Left {
			flows = append(flows, f)
			continue
		}
		copies = append(copies, f.snapshot())
		flows = append(flows, &copies[len(copies)-1])
	}
	return copies, flows
}
