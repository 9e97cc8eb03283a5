package dfilter

import (
	"encoding/binary"

	"github.com/ladder-dev/ladder/decode"
)

func isIPv4(c *cursor) bool { return c.addrKind() == decode.AddrIPv4 }
func isIPv6(c *cursor) bool { return c.addrKind() == decode.AddrIPv6 }

// ipBytes is the IP header and what follows it, for contains/matches.
func ipBytes(back int) func(c *cursor) []byte {
	return func(c *cursor) []byte {
		if !c.headers() || len(c.h.Src) == 0 {
			return nil
		}
		return c.data[c.offset(c.h.Src)-back:]
	}
}

// ipAddrs makes the getter of ip.src/dst/addr or ipv6.src/dst/addr from the
// index's address table: no packet bytes are read.
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
	r.add(Field{Name: "ip", Desc: "IPv4", typ: ftProto, indexed: true, has: isIPv4, get: layer(isIPv4, ipBytes(12))})
	r.add(Field{Name: "ip.src", Desc: "IPv4 source", typ: ftIPv4, indexed: true, get: ipAddrs(decode.AddrIPv4, true, false)})
	r.add(Field{Name: "ip.dst", Desc: "IPv4 destination", typ: ftIPv4, indexed: true, get: ipAddrs(decode.AddrIPv4, false, true)})
	r.add(Field{Name: "ip.addr", Desc: "IPv4 source or destination", typ: ftIPv4, indexed: true, get: ipAddrs(decode.AddrIPv4, true, true)})
	r.add(Field{Name: "ip.ttl", Desc: "IPv4 time to live", typ: ftUint, bits: 8, indexed: true,
		get: one(func(c *cursor) (int64, bool) { return int64(c.p.TTL), isIPv4(c) })})
	r.add(Field{Name: "ip.id", Desc: "IPv4 identification", typ: ftUint, bits: 16, indexed: true,
		get: one(func(c *cursor) (int64, bool) { return int64(c.p.IPID), isIPv4(c) })})
	r.add(Field{Name: "ip.proto", Desc: "IPv4 protocol number", typ: ftUint, bits: 8, indexed: true,
		get: one(func(c *cursor) (int64, bool) {
			if !isIPv4(c) {
				return 0, false
			}
			return ipProto(c)
		})})
	r.add(Field{Name: "ip.len", Desc: "IPv4 total length", typ: ftUint, bits: 16,
		get: one(func(c *cursor) (int64, bool) {
			if !isIPv4(c) || !c.headers() || c.h.Net != decode.NetIPv4 || len(c.data) < c.offset(c.h.Src)+4 {
				return 0, false
			}
			return int64(binary.BigEndian.Uint16(c.data[c.offset(c.h.Src)-10:])), true
		})})
	r.add(Field{Name: "ipv6", Desc: "IPv6", typ: ftProto, indexed: true, has: isIPv6, get: layer(isIPv6, ipBytes(8))})
	r.add(Field{Name: "ipv6.src", Desc: "IPv6 source", typ: ftIPv6, indexed: true, get: ipAddrs(decode.AddrIPv6, true, false)})
	r.add(Field{Name: "ipv6.dst", Desc: "IPv6 destination", typ: ftIPv6, indexed: true, get: ipAddrs(decode.AddrIPv6, false, true)})
	r.add(Field{Name: "ipv6.addr", Desc: "IPv6 source or destination", typ: ftIPv6, indexed: true, get: ipAddrs(decode.AddrIPv6, true, true)})
	r.add(Field{Name: "ipv6.hlim", Desc: "IPv6 hop limit", typ: ftUint, bits: 8, indexed: true,
		get: one(func(c *cursor) (int64, bool) { return int64(c.p.TTL), isIPv6(c) })})
	r.add(Field{Name: "ipv6.plen", Desc: "IPv6 payload length", typ: ftUint, bits: 16,
		get: one(func(c *cursor) (int64, bool) {
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
