package dfilter

import (
	"encoding/binary"

	"github.com/ladder-dev/ladder/decode"
)

// one makes a getter for a field with at most one occurrence.
func one(fn func(c *cursor) (int64, bool)) getter {
	return func(c *cursor, dst []value) []value {
		if n, ok := fn(c); ok {
			dst = append(dst, value{n: n})
		}
		return dst
	}
}

// two makes a getter for a field with up to two occurrences.
func two(fn func(c *cursor) (int64, int64, int)) getter {
	return func(c *cursor, dst []value) []value {
		a, b, n := fn(c)
		if n > 0 {
			dst = append(dst, value{n: a})
		}
		if n > 1 {
			dst = append(dst, value{n: b})
		}
		return dst
	}
}

// layer makes a protocol getter: present when has says so, its value the
// protocol's bytes (read only when contains or matches needs them).
func layer(has func(c *cursor) bool, bytesOf func(c *cursor) []byte) getter {
	return func(c *cursor, dst []value) []value {
		if has(c) {
			dst = append(dst, value{b: bytesOf(c)})
		}
		return dst
	}
}

func addFrameFields(r *Registry) {
	always := func(*cursor) bool { return true }
	r.add(Field{Name: "frame", Desc: "every frame; contains/matches search all captured bytes", typ: ftProto, indexed: true,
		has: always, get: layer(always, func(c *cursor) []byte {
			c.headers()
			return c.data
		})})
	r.add(Field{Name: "frame.number", Desc: "frame number, from 1", typ: ftUint, bits: 32, indexed: true,
		num: (func(c *cursor) (int64, bool) { return int64(c.i) + 1, true })})
	r.add(Field{Name: "frame.len", Desc: "length on the wire", typ: ftUint, bits: 32, indexed: true,
		num: (func(c *cursor) (int64, bool) { return int64(c.p.OrigLen), true })})
	r.add(Field{Name: "frame.cap_len", Desc: "length captured", typ: ftUint, bits: 32, indexed: true,
		num: (func(c *cursor) (int64, bool) { return int64(c.p.CapLen), true })})
	r.add(Field{Name: "frame.time_relative", Desc: "seconds since the first frame", typ: ftTime, indexed: true,
		num: (func(c *cursor) (int64, bool) { return c.p.Time - c.x.Packet(0).Time, true })})
	r.add(Field{Name: "frame.time_delta", Desc: "seconds since the previous captured frame", typ: ftTime, indexed: true,
		num: (func(c *cursor) (int64, bool) {
			if c.i == 0 {
				return 0, true
			}
			return c.p.Time - c.x.Packet(c.i-1).Time, true
		})})
}

// isEthernet reports whether the frame has an Ethernet header (Wireshark
// shows one for any captured byte on an Ethernet link).
func isEthernet(c *cursor) bool {
	return c.link() == decode.LinkEthernet && c.p.CapLen > 0
}

func addLinkFields(r *Registry) {
	r.add(Field{Name: "eth", Desc: "Ethernet", typ: ftProto, indexed: true, has: isEthernet,
		get: layer(isEthernet, func(c *cursor) []byte {
			c.headers()
			return c.data
		})})
	mac := func(src, dst bool) getter {
		return func(c *cursor, out []value) []value {
			if !isEthernet(c) || !c.headers() {
				return out
			}
			if src {
				out = appendMAC(out, c.h.EthSrc)
			}
			if dst {
				out = appendMAC(out, c.h.EthDst)
			}
			return out
		}
	}
	r.add(Field{Name: "eth.src", Desc: "Ethernet source", typ: ftEther, get: mac(true, false)})
	r.add(Field{Name: "eth.dst", Desc: "Ethernet destination", typ: ftEther, get: mac(false, true)})
	r.add(Field{Name: "eth.addr", Desc: "Ethernet source or destination", typ: ftEther, get: mac(true, true)})
	r.add(Field{Name: "eth.type", Desc: "EtherType of the Ethernet header (0x8100 when tagged)", typ: ftUint, bits: 16,
		num: (func(c *cursor) (int64, bool) {
			if !isEthernet(c) || !c.headers() || len(c.data) < 14 {
				return 0, false
			}
			et := binary.BigEndian.Uint16(c.data[12:])
			return int64(et), et >= 0x0600 // below that it is an 802.3 length
		})})
	r.add(Field{Name: "vlan", Desc: "802.1Q VLAN tag", typ: ftProto,
		has: func(c *cursor) bool { return isEthernet(c) && c.headers() && c.h.NumVLAN > 0 },
		get: func(c *cursor, dst []value) []value {
			if isEthernet(c) && c.headers() && c.h.NumVLAN > 0 {
				dst = append(dst, value{b: c.data[14:]})
			}
			return dst
		}})
	r.add(Field{Name: "vlan.id", Desc: "VLAN identifier (each tag)", typ: ftUint, bits: 12,
		get: func(c *cursor, dst []value) []value {
			if !isEthernet(c) || !c.headers() {
				return dst
			}
			for _, id := range c.h.VLANs[:c.h.NumVLAN] {
				dst = append(dst, value{n: int64(id)})
			}
			return dst
		}})
	// Wireshark's ARP dissector also takes RARP (EtherType 0x8035), which
	// the index leaves unclassified.
	isARP := func(c *cursor) bool {
		return c.p.Proto == decode.ProtoARPPacket ||
			c.p.Proto == decode.ProtoOther && c.headers() && c.h.EtherType == 0x8035
	}
	// arpHeader is the packet's ARP header: the one the header walk read,
	// or for RARP, which it leaves as link payload, that payload (the same
	// RFC 826 layout; its fixed part is 8 bytes).
	arpHeader := func(c *cursor) []byte {
		switch {
		case !c.headers():
			return nil
		case len(c.h.ARPSHA) > 0:
			return c.at(c.h.ARPSHA, 8)
		case c.h.EtherType == 0x8035 && len(c.h.LinkPayload) >= 8:
			return c.at(c.h.LinkPayload, 0)
		}
		return nil
	}
	r.add(Field{Name: "arp", Desc: "ARP", typ: ftProto, has: isARP, get: layer(isARP, arpHeader)})
	r.add(Field{Name: "arp.opcode", Desc: "ARP operation (1 request, 2 reply; RARP 3 request, 4 reply)", typ: ftUint, bits: 16,
		num: (func(c *cursor) (int64, bool) {
			switch {
			case !isARP(c) || !c.headers():
				return 0, false
			case c.h.Net == decode.NetARP:
				return int64(c.h.ARPOp), true
			}
			b := arpHeader(c)
			if len(b) < 8 {
				return 0, false
			}
			return int64(binary.BigEndian.Uint16(b[6:])), true
		})})
}

func appendMAC(out []value, b []byte) []value {
	if len(b) != 6 {
		return out
	}
	return append(out, value{n: int64(binary.BigEndian.Uint16(b))<<32 | int64(binary.BigEndian.Uint32(b[2:]))})
}
