package dfilter

// Analysis is what the filter needs from ladder's TCP analysis. The filter
// depends on this interface, not on the analysis package, so either side can
// change its internals; cmd/ladder adapts the analysis result to it.
// Packet indexes are 0-based, flows are decode.Index flow ids.
type Analysis interface {
	// HasFlag reports whether packet i carries tcp.analysis.<name>
	// (name as in AnalysisFlags, e.g. "retransmission").
	HasFlag(i int, name string) bool
	// Completeness is Wireshark's tcp.completeness bit set of the flow.
	Completeness(flow int) int
	// RSTCause is the cause code of the RST in packet i, "" if none.
	RSTCause(i int) string
	// HasNote reports whether any expert note is attached to packet i.
	HasNote(i int) bool
}

// AnalysisFlags returns the tcp.analysis.* flags of Wireshark's TCP
// analysis that a filter can name: the names after "tcp.analysis." that
// HasFlag is asked about.
func AnalysisFlags() []string {
	return []string{
		"retransmission", "fast_retransmission", "spurious_retransmission", "out_of_order",
		"lost_segment", "ack_lost_segment", "duplicate_ack", "zero_window", "zero_window_probe",
		"zero_window_probe_ack", "window_full", "window_update", "keep_alive", "keep_alive_ack",
		"reused_ports",
	}
}

// WithAnalysis returns the registry extended with the analysis fields:
// tcp.analysis.<flag>, tcp.analysis.flags (any flag), tcp.completeness,
// ladder.rst.cause and ladder.expert.
func (r *Registry) WithAnalysis() *Registry {
	flags := AnalysisFlags()
	out := &Registry{byName: make(map[string]*Field, len(r.byName)+len(flags)+4)}
	for k, v := range r.byName {
		out.byName[k] = v
	}
	for _, name := range flags {
		has := func(c *cursor) bool { return c.an != nil && isTCP(c) && c.an.HasFlag(c.i, name) }
		out.add(Field{Name: "tcp.analysis." + name, Desc: "TCP analysis: " + name, typ: ftLabel, has: has,
			get: label(has)})
	}
	anyFlag := func(c *cursor) bool {
		if c.an == nil || !isTCP(c) {
			return false
		}
		for _, name := range flags {
			if c.an.HasFlag(c.i, name) {
				return true
			}
		}
		return false
	}
	out.add(Field{Name: "tcp.analysis.flags", Desc: "any TCP analysis flag", typ: ftLabel, has: anyFlag, get: label(anyFlag)})
	out.add(Field{Name: "tcp.completeness", Desc: "conversation completeness bits (1 SYN, 2 SYN-ACK, 4 ACK, 8 data, 16 FIN, 32 RST)",
		typ: ftUint, bits: 8, get: one(func(c *cursor) (int64, bool) {
			if c.an == nil || !isTCP(c) || c.p.Flow < 0 {
				return 0, false
			}
			return int64(c.an.Completeness(int(c.p.Flow))), true
		})})
	out.add(Field{Name: "ladder.rst.cause", Desc: "ladder's cause code for a RST", typ: ftString,
		get: func(c *cursor, dst []value) []value {
			if c.an == nil || !isTCP(c) {
				return dst
			}
			if s := c.an.RSTCause(c.i); s != "" {
				c.text = append(c.text[:0], s...)
				dst = append(dst, value{b: c.text})
			}
			return dst
		}})
	note := func(c *cursor) bool { return c.an != nil && c.an.HasNote(c.i) }
	out.add(Field{Name: "ladder.expert", Desc: "any ladder expert note", typ: ftLabel, has: note, get: label(note)})
	return out
}

// label makes the getter of a field with no value.
func label(has func(c *cursor) bool) getter {
	return func(c *cursor, dst []value) []value {
		if has(c) {
			dst = append(dst, value{})
		}
		return dst
	}
}
