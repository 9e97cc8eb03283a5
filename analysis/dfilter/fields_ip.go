package dfilter

import (
	"encoding/binary"

	"github.com/ladder-dev/ladder/decode"
)

func isIPv4(c *cursor) bool { return c.addrKind() == decode.AddrIPv4 }
func isIPv6(c *cursor) bool { return c.addrKind() == decode.AddrIPv6 }

// hasIP is the presence of the ip or ipv6 protocol: every packet the index
// holds IP addresses for, and also a header too short or damaged for the
// index, which Wireshark still shows as IP. Only packets the index could
// not classify have their bytes read.
func hasIP(kind decode.AddrKind, etherType uint16) func(c *cursor) bool {
	return func(c *cursor) bool {
		if c.addrKind() == kind {
			return true
		}
		outer := decode.EncapIPv4
		if kind == decode.AddrIPv6 {
			outer = decode.EncapIPv6
		}
		if hasOuterIP(c, outer) {
			return true
		}
		return c.p.Proto == decode.ProtoOther && c.headers() && c.h.EtherType == etherType
	}
}

// ipBytes is the IP header and what follows it, for contains/matches.
func ipBytes(back int) func(c *cursor) []byte {
	return func(c *cursor) []byte {
		if !c.headers() || len(c.h.Src) == 0 {
			return nil
		}
		return c.at(c.h.Src, back)
	}
}

// ipv4Addrs makes the accessor of ip.src/dst/addr from the index's
// address table: no packet bytes are read.
func ipv4Addrs(src, dst bool) func(c *cursor) (int64, int64, int) {
	return func(c *cursor) (int64, int64, int) {
		if c.addrKind() != decode.AddrIPv4 {
			return 0, 0, 0
		}
		s, d := c.addr(c.p.Src), c.addr(c.p.Dst)
		a, b := int64(binary.BigEndian.Uint32(s.B[:4])), int64(binary.BigEndian.Uint32(d.B[:4]))
		switch {
		case src && dst:
			return a, b, 2
		case src:
			return a, 0, 1
		}
		return b, 0, 1
	}
}

// ipAddrs makes the getter of ipv6.src/dst/addr from the index's address
// table: no packet bytes are read.
func ipAddrs(kind decode.AddrKind, src, dst bool) getter {
	return func(c *cursor, out []value) []value {
		if c.addrKind() != kind {
			return out
		}
		if src {
			out = appendIP(out, c.addr(c.p.Src))
		}
		if dst {
			out = appendIP(out, c.addr(c.p.Dst))
		}
		return out
	}
}

func appendIP(out []value, a *decode.Addr) []value {
	if a.Kind == decode.AddrIPv4 {
		return append(out, value{n: int64(binary.BigEndian.Uint32(a.B[:4]))})
	}
	return append(out, value{ip6: a.B})
}

func addIPFields(r *Registry) {
	hasIPv4, hasIPv6 := hasIP(decode.AddrIPv4, 0x0800), hasIP(decode.AddrIPv6, 0x86dd)
	r.add(Field{Name: "ip", Desc: "IPv4", typ: ftProto, indexed: true, has: hasIPv4, get: layer(hasIPv4, ipBytes(12))})
	// A tunnelled packet has an ip.src per IPv4 layer, outermost first.
	v4 := func(name, desc string, src, dst bool) {
		r.add(Field{Name: name, Desc: desc, typ: ftIPv4, indexed: true, num2: ipv4Addrs(src, dst),
			more: withOuter(decode.EncapIPv4, src, dst, two(ipv4Addrs(src, dst)))})
	}
	v4("ip.src", "IPv4 source (any layer)", true, false)
	v4("ip.dst", "IPv4 destination (any layer)", false, true)
	v4("ip.addr", "IPv4 source or destination (any layer)", true, true)
	r.add(Field{Name: "ip.ttl", Desc: "IPv4 time to live", typ: ftUint, bits: 8, indexed: true,
		num: (func(c *cursor) (int64, bool) { return int64(c.p.TTL), isIPv4(c) })})
	r.add(Field{Name: "ip.id", Desc: "IPv4 identification", typ: ftUint, bits: 16, indexed: true,
		num: (func(c *cursor) (int64, bool) { return int64(c.p.IPID), isIPv4(c) })})
	r.add(Field{Name: "ip.proto", Desc: "IPv4 protocol number", typ: ftUint, bits: 8, indexed: true,
		num: (func(c *cursor) (int64, bool) {
			if !isIPv4(c) {
				return 0, false
			}
			return ipProto(c)
		})})
	r.add(Field{Name: "ip.len", Desc: "IPv4 total length", typ: ftUint, bits: 16,
		num: (func(c *cursor) (int64, bool) {
			if !isIPv4(c) || !c.headers() || c.h.Net != decode.NetIPv4 {
				return 0, false
			}
			b := c.at(c.h.Src, 10)
			if len(b) < 2 {
				return 0, false
			}
			return int64(binary.BigEndian.Uint16(b)), true
		})})
	r.add(Field{Name: "ipv6", Desc: "IPv6", typ: ftProto, indexed: true, has: hasIPv6, get: layer(hasIPv6, ipBytes(8))})
	v6 := func(name, desc string, src, dst bool) {
		r.add(Field{Name: name, Desc: desc, typ: ftIPv6, indexed: true,
			get: withOuter(decode.EncapIPv6, src, dst, ipAddrs(decode.AddrIPv6, src, dst))})
	}
	v6("ipv6.src", "IPv6 source (any layer)", true, false)
	v6("ipv6.dst", "IPv6 destination (any layer)", false, true)
	v6("ipv6.addr", "IPv6 source or destination (any layer)", true, true)
	r.add(Field{Name: "ipv6.hlim", Desc: "IPv6 hop limit", typ: ftUint, bits: 8, indexed: true,
		num: (func(c *cursor) (int64, bool) { return int64(c.p.TTL), isIPv6(c) })})
	r.add(Field{Name: "ipv6.plen", Desc: "IPv6 payload length", typ: ftUint, bits: 16,
		num: (func(c *cursor) (int64, bool) {
			if !isIPv6(c) || !c.headers() || c.h.Net != decode.NetIPv6 {
				return 0, false
			}
			return int64(c.h.IPLen - 40), true
		})})
}

// ipProto is the IP protocol number, from the index for the transports it
// classifies and from the header otherwise.
func ipProto(c *cursor) (int64, bool) {
	switch c.p.Proto {
	case decode.ProtoTCPPacket:
		return decode.ProtoTCP, true
	case decode.ProtoUDPPacket:
		return decode.ProtoUDP, true
	case decode.ProtoICMPPacket:
		return decode.ProtoICMP, true
	case decode.ProtoICMPv6Packet:
		return decode.ProtoICMPv6, true
	}
	if !c.headers() {
		return 0, false
	}
	return int64(c.h.IPProto), true
}
