package decode

// FlowsSnapshot copies the flows found so far into dst (reused when large
// enough) under the index lock. A view can read the copies while loading
// goes on: the loader keeps updating its own flows (counters, Last, Frames)
// but never the copies, and each copy's Frames holds only frames already
// published, whose slots the loader never writes again.
func (x *Index) FlowsSnapshot(dst []Flow) []Flow {
	x.mu.RLock()
	defer x.mu.RUnlock()
	dst = dst[:0]
	for _, f := range x.flows.flows {
		dst = append(dst, *f)
	}
	return dst
}
