package dfilter

// Analysis is what the filter needs from ladder's TCP analysis. The filter
// depends on this interface, not on the analysis package, so either side can
// change its internals; cmd/ladder adapts the analysis result to it.
// Packet indexes are 0-based; flows are decode.Index flow ids.
type Analysis interface {
	// Flags is the set of tcp.analysis.* flags of packet i: bit k stands
	// for AnalysisFlags()[k].
	Flags(i int) uint32
	// Completeness is Wireshark's tcp.completeness bit set of a TCP flow,
	// for the whole conversation: the value Wireshark's GUI filters on
	// and tshark -2 shows (single-pass tshark -Y sees it grow instead).
	Completeness(flow int) (int, bool)
	// RSTCause is ladder's cause code for the RST in packet i, "" if none.
	RSTCause(i int) string
	// HasNote reports whether any expert note is attached to packet i.
	HasNote(i int) bool
	// Outcome is ladder's outcome code for the TCP connection of flow
	// (completed, reset, refused ...), "" if none.
	Outcome(flow int) string
}

// AnalysisFlags returns the tcp.analysis.* flags of Wireshark's TCP
// analysis that a filter can name, the names after "tcp.analysis.", in the
// bit order of Analysis.Flags.
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
// ladder.rst.cause, ladder.outcome and ladder.expert. A Matcher bound to no Analysis finds
// none of them on any packet.
func (r *Registry) WithAnalysis() *Registry {
	flags := AnalysisFlags()
	out := &Registry{byName: make(map[string]*Field, len(r.byName)+len(flags)+4)}
	for k, v := range r.byName {
		out.byName[k] = v
	}
	for k, name := range flags {
		bit := uint32(1) << k
		if name == "retransmission" {
			// Wireshark adds tcp.analysis.retransmission to fast and
			// spurious retransmissions too (not to out-of-order segments).
			for j, other := range flags {
				if other == "fast_retransmission" || other == "spurious_retransmission" {
					bit |= 1 << j
				}
			}
		}
		has := func(c *cursor) bool { return c.an != nil && isTCP(c) && c.an.Flags(c.i)&bit != 0 }
		out.add(Field{Name: "tcp.analysis." + name, Desc: "TCP analysis: " + name, typ: ftLabel, analysis: true, has: has, get: label(has)})
	}
	anyFlag := func(c *cursor) bool { return c.an != nil && isTCP(c) && c.an.Flags(c.i) != 0 }
	out.add(Field{Name: "tcp.analysis.flags", Desc: "any TCP analysis flag", typ: ftLabel, analysis: true, has: anyFlag, get: label(anyFlag)})
	out.add(Field{Name: "tcp.completeness", Desc: "conversation completeness bits (1 SYN, 2 SYN-ACK, 4 ACK, 8 data, 16 FIN, 32 RST)",
		typ: ftUint, bits: 8, analysis: true, num: func(c *cursor) (int64, bool) {
			if c.an == nil || !isTCP(c) || c.p.Flow < 0 {
				return 0, false
			}
			v, ok := c.an.Completeness(int(c.p.Flow))
			return int64(v), ok
		}})
	out.add(Field{Name: "ladder.rst.cause", Desc: "ladder's cause code for a RST", typ: ftString, analysis: true,
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
	out.add(Field{Name: "ladder.outcome", Desc: "ladder's outcome code for the packet's TCP connection (how it ended: completed, reset, refused, unanswered, icmp-unreachable, handshake-failed, timed-out, stalled, half-closed, open)",
		typ: ftString, analysis: true,
		get: func(c *cursor, dst []value) []value {
			if c.an == nil || !isTCP(c) || c.p.Flow < 0 {
				return dst
			}
			if s := c.an.Outcome(int(c.p.Flow)); s != "" {
				c.text = append(c.text[:0], s...)
				dst = append(dst, value{b: c.text})
			}
			return dst
		}})
	note := func(c *cursor) bool { return c.an != nil && c.an.HasNote(c.i) }
	out.add(Field{Name: "ladder.expert", Desc: "any ladder expert note", typ: ftLabel, analysis: true, has: note, get: label(note)})
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
