package dfilter

import (
	"strings"

	"github.com/ladder-dev/ladder/decode"
)

// The application dissectors in decode declare their filter fields; a
// packet's values are read from the details tree the same dissector builds
// for the details pane, so the list, the details and the filters cannot
// disagree. The tree comes from a decode.AppWalker the cursor keeps, which
// replays each flow's TCP stream once when packets are matched in order.

// addDissectedFields registers every field the dissectors declare. A name
// the hand-written fields also define is replaced by the dissector's.
func addDissectedFields(r *Registry) {
	for _, d := range decode.AppFields() {
		f := Field{Name: d.Name, Desc: d.Desc, typ: dissectedType(d.Kind), bits: d.Bits}
		if f.Desc == "" {
			f.Desc = d.Name
		}
		if f.typ == ftUint && f.bits == 0 {
			f.bits = 32
		}
		name, kind := d.Name, d.Kind
		f.get = func(c *cursor, dst []value) []value { return c.treeValues(name, kind, dst) }
		if kind == decode.FieldProto {
			f.has = func(c *cursor) bool { return c.treeHas(name) }
		}
		if linkLayerField(name) {
			// 802.11 and radiotap headers in front of a packet are in
			// the link tree; frames carrying none, in the 802.11
			// dissector's tree. So are the link headers that declare
			// filter fields (pflog, enc, Cisco HDLC and SLARP).
			f.get = func(c *cursor, dst []value) []value {
				return fieldValues(c, c.linkTree(), name, kind, c.treeValues(name, kind, dst))
			}
			if kind == decode.FieldProto {
				f.has = func(c *cursor) bool {
					return c.treeHas(name) || findField(c.linkTree(), name, func(*decode.Field) bool { return false })
				}
			}
			if name == "wlan.addr" {
				f.get = func(c *cursor, dst []value) []value {
					c.macs = decode.WLANAddrs(c.linkTree(), decode.WLANAddrs(c.appTree(), c.macs[:0]))
					for _, m := range c.macs {
						dst = append(dst, value{n: int64(m)})
					}
					return dst
				}
			}
		}
		if name == "llc" || strings.HasPrefix(name, "llc.") {
			// RFC 1483 frames carry LLC/SNAP as their link header
			// (link_atm.go): routed and bridged ones have it in the
			// link tree, the rest in the LLC dissector's.
			get, has := f.get, f.has
			f.get = func(c *cursor, dst []value) []value {
				return fieldValues(c, c.atmLinkTree(), name, kind, get(c, dst))
			}
			if has != nil {
				f.has = func(c *cursor) bool {
					return has(c) || findField(c.atmLinkTree(), name, func(*decode.Field) bool { return false })
				}
			}
		}
		if old, ok := r.byName[name]; ok && (name == "l2tp" || strings.HasPrefix(name, "l2tp.")) {
			// L2TP data messages are a tunnel the headers parser follows
			// (EncapL2TP, fields_encap.go), its control messages the
			// dissector's: the layer and its IDs come from either.
			get, oldGet := f.get, old.get
			f.get = func(c *cursor, dst []value) []value { return oldGet(c, get(c, dst)) }
			if f.has != nil && old.has != nil {
				has, oldHas := f.has, old.has
				f.has = func(c *cursor) bool { return has(c) || oldHas(c) }
			}
		}
		if name == "capwap" || strings.HasPrefix(name, "capwap.") {
			// CAPWAP data messages that carry a frame are a tunnel
			// the headers parser follows (EncapCAPWAP): their layer
			// is built from the outer bytes; other messages are in
			// the dissector's tree.
			get, has := f.get, f.has
			f.get = func(c *cursor, dst []value) []value {
				return fieldValues(c, capwapEncapTree(c), name, kind, get(c, dst))
			}
			if has != nil {
				f.has = func(c *cursor) bool {
					return has(c) || findField(capwapEncapTree(c), name, func(*decode.Field) bool { return false })
				}
			}
		}
		if name == "macsec" || strings.HasPrefix(name, "macsec.") {
			// integrity-only MACsec frames are a layer the headers
			// parser follows (EncapMACsec): their SecTAG is read from
			// the outer bytes; other MACsec frames are the dissector's.
			get, has := f.get, f.has
			f.get = func(c *cursor, dst []value) []value {
				return fieldValues(c, macsecEncapTree(c), name, kind, get(c, dst))
			}
			if has != nil {
				f.has = func(c *cursor) bool {
					return has(c) || encapIndex(c, decode.EncapMACsec) >= 0
				}
			}
		}
		r.add(f)
	}
}

// macsecEncapTree is the SecTAG layer of every integrity-only MACsec
// frame the packet travelled in, outermost first.
func macsecEncapTree(c *cursor) []decode.Field {
	if !encapped(c) {
		return nil
	}
	var out []decode.Field
	for i := range int(c.h.NumEncap) {
		if c.h.Encaps[i].Kind == decode.EncapMACsec {
			out = append(out, decode.MACsecTree(c.h.EncapHeader(i)))
		}
	}
	return out
}

// capwapEncapTree is the CAPWAP-Data layer of a packet that travelled in
// one, or nil.
func capwapEncapTree(c *cursor) []decode.Field {
	i := encapIndex(c, decode.EncapCAPWAP)
	if i < 0 {
		return nil
	}
	return []decode.Field{decode.CAPWAPDataTree(c.h.EncapHeader(i))}
}

// linkLayerField says a field belongs to a link-layer header whose tree
// the link dissection builds (LinkTree), not an application dissector.
func linkLayerField(name string) bool {
	if strings.HasPrefix(name, "wlan") || strings.HasPrefix(name, "radiotap") {
		return true
	}
	for _, p := range [...]string{"pflog", "enc", "chdlc", "slarp", "ipnet", "fr", "prism", "wlancap"} {
		if name == p || strings.HasPrefix(name, p+".") {
			return true
		}
	}
	return false
}

func dissectedType(k decode.FieldKind) ftype {
	switch k {
	case decode.FieldProto:
		return ftProto
	case decode.FieldUint:
		return ftUint
	case decode.FieldBool:
		return ftBool
	case decode.FieldString:
		return ftString
	case decode.FieldBytes:
		return ftBytes
	case decode.FieldIPv4:
		return ftIPv4
	case decode.FieldIPv6:
		return ftIPv6
	case decode.FieldEther:
		return ftEther
	}
	return ftLabel
}

// linkTree returns the link-layer details of a packet that has 802.11 or
// radiotap layers (its interface's link type, or an 802.11 frame carrying
// it as an outer layer); nil for any other packet, whose bytes are not read.
func (c *cursor) linkTree() []decode.Field {
	if c.linkDone {
		return c.linkT
	}
	c.linkDone, c.linkT = true, nil
	lt := c.x.Interface(c.p.Iface).LinkType
	wireless := lt == decode.LinkRadiotap || lt == decode.LinkIEEE80211 || lt == decode.LinkPPI || lt == decode.LinkPrism || lt == decode.LinkAVS
	declared := lt == decode.LinkPFLog || lt == decode.LinkENC || lt == decode.LinkCHDLC || lt == decode.LinkIPNET || lt == decode.LinkFRelay || lt == decode.LinkATMRFC1483
	if !wireless && !declared && encapIndex(c, decode.EncapWLAN) < 0 {
		return nil
	}
	if c.headers() {
		c.linkT = decode.LinkTree(lt, c.data, c.p.OrigLen)
	}
	return c.linkT
}

// atmLinkTree is the link tree of an RFC 1483 frame, nil for other link types.
func (c *cursor) atmLinkTree() []decode.Field {
	if c.x.Interface(c.p.Iface).LinkType != decode.LinkATMRFC1483 {
		return nil
	}
	return c.linkTree()
}

// appTree returns the application layers of the cursor's packet.
func (c *cursor) appTree() []decode.Field {
	if !c.treeDone {
		c.treeDone = true
		if c.walker == nil {
			c.walker = decode.NewAppWalker(c.x)
		}
		c.tree = c.walker.At(c.i, true).Tree
	}
	return c.tree
}

func (c *cursor) treeHas(name string) bool {
	return findField(c.appTree(), name, func(*decode.Field) bool { return false })
}

// treeValues appends the values of every occurrence of name.
func (c *cursor) treeValues(name string, kind decode.FieldKind, dst []value) []value {
	return fieldValues(c, c.appTree(), name, kind, dst)
}

// fieldValues appends the values of every occurrence of name in tree, a
// tree of the cursor's packet.
func fieldValues(c *cursor, tree []decode.Field, name string, kind decode.FieldKind, dst []value) []value {
	findField(tree, name, func(f *decode.Field) bool {
		if len(dst) == cap(dst) {
			return false
		}
		switch kind {
		case decode.FieldProto:
			var b []byte
			if c.headers() && f.Len > 0 && f.Start >= 0 && f.Start+f.Len <= len(c.data) {
				b = c.data[f.Start : f.Start+f.Len]
			}
			dst = append(dst, value{b: b})
		case decode.FieldString, decode.FieldBytes:
			dst = append(dst, value{b: []byte(f.Str)})
		case decode.FieldIPv6:
			var v value
			copy(v.ip6[:], f.Str)
			dst = append(dst, v)
		default:
			dst = append(dst, value{n: int64(f.Num)})
		}
		return true
	})
	return dst
}

// findField calls fn for each field named name in the tree, depth first,
// while fn returns true; it reports whether one was found.
func findField(fs []decode.Field, name string, fn func(*decode.Field) bool) bool {
	found := false
	var walk func(fs []decode.Field) bool
	walk = func(fs []decode.Field) bool {
		for k := range fs {
			if fs[k].Name == name {
				found = true
				if !fn(&fs[k]) {
					return false
				}
			}
			if !walk(fs[k].Children) {
				return false
			}
		}
		return true
	}
	walk(fs)
	return found
}
