package dfilter

import "github.com/ladder-dev/ladder/decode"

// Multipath TCP fields. Their values come from the tree
// decode.MPTCPOptionTree builds for the details pane, so the filter and
// the details cannot disagree; only packets of flows that carried an MPTCP
// option are read.

// mptcpTrees returns the MPTCP option trees of the cursor's packet.
func (c *cursor) mptcpTrees() []decode.Field {
	if !isTCP(c) {
		return nil
	}
	if f := c.flow(); f == nil || !f.MPTCP() {
		return nil
	}
	if !c.headers() || !c.h.HasTransport {
		return nil
	}
	var trees []decode.Field
	decode.MPTCPOptions(c.h.TCPOptions, func(opt []byte) {
		trees = append(trees, decode.MPTCPOptionTree(opt, 0))
	})
	return trees
}

func addMPTCPFields(r *Registry) {
	hasMPTCP := func(c *cursor) bool { return len(c.mptcpTrees()) > 0 }
	r.add(Field{Name: "mptcp", Desc: "Multipath TCP: a packet with an MPTCP option", typ: ftProto, has: hasMPTCP,
		get: layer(hasMPTCP, func(c *cursor) []byte { return nil })})
	for _, d := range decode.MPTCPFields {
		f := Field{Name: d.Name, Desc: d.Desc, typ: dissectedType(d.Kind), bits: d.Bits}
		if f.typ == ftUint && f.bits == 0 {
			f.bits = 32
		}
		name, kind := d.Name, d.Kind
		f.get = func(c *cursor, dst []value) []value { return fieldValues(c, c.mptcpTrees(), name, kind, dst) }
		r.add(f)
	}
}
