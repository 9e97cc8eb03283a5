package dfilter

import (
	"encoding/binary"

	"github.com/ladder-dev/ladder/decode"
)

// Fields of the outer layers a packet travelled in (tunnels, PPPoE). The
// index marks such packets (decode.OptEncap); only those have their bytes
// read, so these filters cost nothing on plain traffic.

// encapped reports whether the packet travelled in outer layers and its
// headers could be read.
func encapped(c *cursor) bool {
	return c.p.Opts&decode.OptEncap != 0 && c.headers()
}

// encapIndex is the innermost outer layer of kind k, or -1.
func encapIndex(c *cursor, k decode.EncapKind) int {
	if !encapped(c) {
		return -1
	}
	for i := int(c.h.NumEncap) - 1; i >= 0; i-- {
		if c.h.Encaps[i].Kind == k {
			return i
		}
	}
	return -1
}

func hasEncap(k decode.EncapKind) func(c *cursor) bool {
	return func(c *cursor) bool { return encapIndex(c, k) >= 0 }
}

// encapLayer is the bytes of the layer, for contains/matches on the protocol.
func encapLayer(k decode.EncapKind) getter {
	return func(c *cursor, dst []value) []value {
		for i := range int(c.h.NumEncap) {
			if encapped(c) && c.h.Encaps[i].Kind == k {
				dst = append(dst, value{b: c.h.EncapHeader(i)})
			}
		}
		return dst
	}
}

// encapID reads the identifier (key, VNI, TEID, session) of every layer of
// kind k that carries one, outermost first.
func encapID(k decode.EncapKind) getter {
	return func(c *cursor, dst []value) []value {
		if !encapped(c) {
			return dst
		}
		for i := range int(c.h.NumEncap) {
			if e := c.h.Encaps[i]; e.Kind == k && e.Keyed {
				dst = append(dst, value{n: int64(e.ID)})
			}
		}
		return dst
	}
}

// pppoeDiscovery is a PPPoE discovery frame (EtherType 0x8863), which
// carries no packet and so no outer layer.
func pppoeDiscovery(c *cursor) bool {
	return c.p.Proto == decode.ProtoOther && c.headers() && c.h.EtherType == 0x8863
}

func addEncapFields(r *Registry) {
	proto := func(name, desc string, k decode.EncapKind) {
		has := hasEncap(k)
		r.add(Field{Name: name, Desc: desc, typ: ftProto, has: has, get: encapLayer(k)})
	}
	proto("gre", "Generic Routing Encapsulation", decode.EncapGRE)
	proto("erspan", "Encapsulated Remote Switch Packet ANalysis", decode.EncapERSPAN)
	proto("vxlan", "Virtual eXtensible Local Area Network", decode.EncapVXLAN)
	proto("geneve", "Generic Network Virtualization Encapsulation", decode.EncapGeneve)
	proto("gtp", "GPRS Tunneling Protocol", decode.EncapGTPU)
	proto("gtpv2", "GPRS Tunneling Protocol V2", decode.EncapGTPv2)
	proto("teredo", "Teredo IPv6 over UDP tunneling", decode.EncapTeredo)
	proto("pppoes", "PPP-over-Ethernet Session", decode.EncapPPPoE)
	proto("ppp", "Point-to-Point Protocol", decode.EncapPPP)
	proto("l2tp", "Layer 2 Tunneling Protocol", decode.EncapL2TP)
	// Wireshark registers "pppoe" but puts its frames under pppoes and
	// pppoed: the name alone matches nothing there, and here.
	r.add(Field{Name: "pppoe", Desc: "PPP-over-Ethernet (Wireshark matches pppoes or pppoed, not this name)", typ: ftProto,
		has: func(*cursor) bool { return false }, get: func(_ *cursor, dst []value) []value { return dst }})
	r.add(Field{Name: "pppoed", Desc: "PPP-over-Ethernet Discovery", typ: ftProto, has: pppoeDiscovery,
		get: layer(pppoeDiscovery, func(c *cursor) []byte { return c.h.LinkPayload })})
	r.add(Field{Name: "gre.key", Desc: "GRE key", typ: ftUint, bits: 32, get: encapID(decode.EncapGRE)})
	r.add(Field{Name: "vxlan.vni", Desc: "VXLAN network identifier", typ: ftUint, bits: 24, get: encapID(decode.EncapVXLAN)})
	r.add(Field{Name: "geneve.vni", Desc: "Geneve virtual network identifier", typ: ftUint, bits: 24, get: encapID(decode.EncapGeneve)})
	r.add(Field{Name: "gtp.teid", Desc: "GTP tunnel endpoint identifier", typ: ftUint, bits: 32, get: encapID(decode.EncapGTPU)})
	r.add(Field{Name: "erspan.spanid", Desc: "ERSPAN session ID", typ: ftUint, bits: 10, get: encapID(decode.EncapERSPAN)})
	r.add(Field{Name: "pppoe.session_id", Desc: "PPPoE session ID", typ: ftUint, bits: 16, get: encapID(decode.EncapPPPoE)})
	r.add(Field{Name: "l2tp.tunnel", Desc: "L2TP tunnel ID", typ: ftUint, bits: 16, get: l2tpID(16)})
	r.add(Field{Name: "l2tp.session", Desc: "L2TP session ID", typ: ftUint, bits: 16, get: l2tpID(0)})
}

// l2tpID reads the tunnel (shift 16) or session ID (shift 0) of the
// packet's L2TP data message layers; control messages give theirs through
// proto_l2tp.go's tree (addDissectedFields joins the two).
func l2tpID(shift uint) getter {
	return func(c *cursor, dst []value) []value {
		if !encapped(c) {
			return dst
		}
		for i := range int(c.h.NumEncap) {
			if e := c.h.Encaps[i]; e.Kind == decode.EncapL2TP {
				dst = append(dst, value{n: int64(e.ID >> shift & 0xffff)})
			}
		}
		return dst
	}
}

// outerIPs appends the addresses of the packet's outer IP layers of kind
// (outermost first): Wireshark lists every occurrence of ip.src, and
// ip.src == X holds when any of them is X.
func outerIPs(c *cursor, kind decode.EncapKind, src, dst bool, out []value) []value {
	if !encapped(c) {
		return out
	}
	for i := range int(c.h.NumEncap) {
		if c.h.Encaps[i].Kind != kind {
			continue
		}
		s, d := c.h.OuterIP(i)
		if src {
			out = appendAddr(out, s)
		}
		if dst {
			out = appendAddr(out, d)
		}
	}
	return out
}

func appendAddr(out []value, a []byte) []value {
	switch len(a) {
	case 4:
		return append(out, value{n: int64(binary.BigEndian.Uint32(a))})
	case 16:
		return append(out, value{ip6: [16]byte(a)})
	}
	return out
}

// hasOuterIP reports whether an outer layer of the packet is IP of kind.
func hasOuterIP(c *cursor, kind decode.EncapKind) bool {
	if !encapped(c) {
		return false
	}
	for i := range int(c.h.NumEncap) {
		if c.h.Encaps[i].Kind == kind {
			return true
		}
	}
	return false
}

// withOuter makes the getter of an address field that also lists the
// outer layers' addresses (outermost first) before the inner ones.
func withOuter(kind decode.EncapKind, src, dst bool, inner getter) getter {
	return func(c *cursor, out []value) []value {
		return inner(c, outerIPs(c, kind, src, dst, out))
	}
}
