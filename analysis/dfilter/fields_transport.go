package dfilter

import "github.com/ladder-dev/ladder/decode"

func isTCP(c *cursor) bool    { return c.p.Proto == decode.ProtoTCPPacket }
func isUDP(c *cursor) bool    { return c.p.Proto == decode.ProtoUDPPacket }
func isICMP(c *cursor) bool   { return c.p.Proto == decode.ProtoICMPPacket }
func isICMPv6(c *cursor) bool { return c.p.Proto == decode.ProtoICMPv6Packet }

// ports makes the accessor of *.srcport, *.dstport and *.port.
func ports(is func(c *cursor) bool, src, dst bool) func(c *cursor) (int64, int64, int) {
	switch {
	case src && dst:
		return func(c *cursor) (int64, int64, int) {
			if !is(c) {
				return 0, 0, 0
			}
			return int64(c.p.SrcPort), int64(c.p.DstPort), 2
		}
	case src:
		return func(c *cursor) (int64, int64, int) {
			if !is(c) {
				return 0, 0, 0
			}
			return int64(c.p.SrcPort), 0, 1
		}
	}
	return func(c *cursor) (int64, int64, int) {
		if !is(c) {
			return 0, 0, 0
		}
		return int64(c.p.DstPort), 0, 1
	}
}

// stream is tcp.stream or udp.stream: the flow's number.
func stream(is func(c *cursor) bool) func(c *cursor) (int64, bool) {
	return func(c *cursor) (int64, bool) {
		if !is(c) {
			return 0, false
		}
		f := c.flow()
		if f == nil {
			return 0, false
		}
		return int64(f.Stream), true
	}
}

// tcpFlag makes the getter of one tcp.flags.* bit: present on every TCP
// packet, 1 when set.
func tcpFlag(bit uint16) func(c *cursor) (int64, bool) {
	return func(c *cursor) (int64, bool) {
		if c.p.Flags&bit != 0 {
			return 1, isTCP(c)
		}
		return 0, isTCP(c)
	}
}

// tcpSeq is tcp.seq or tcp.ack relative to the flow's base, as Wireshark
// shows them by default. An ACK number on a segment without the ACK flag
// is shown raw, as Wireshark does.
func tcpSeq(ack bool) func(c *cursor) (int64, bool) {
	return func(c *cursor) (int64, bool) {
		if !isTCP(c) {
			return 0, false
		}
		f := c.flow()
		switch {
		case ack && (f == nil || c.p.Flags&decode.FlagACK == 0):
			return int64(c.p.Ack), true
		case ack:
			return int64(f.RelAck(c.i, c.p)), true
		case f == nil:
			return int64(c.p.Seq), true
		}
		return int64(f.RelSeq(c.i, c.p)), true
	}
}

func tcpBytes(c *cursor) []byte {
	if !c.headers() || !c.h.HasTransport || c.h.IPProto != decode.ProtoTCP {
		return nil
	}
	return c.span(c.h.TCPOptions, 20, c.h.Payload)
}

func udpBytes(c *cursor) []byte {
	if !c.headers() || !c.h.HasTransport || c.h.IPProto != decode.ProtoUDP {
		return nil
	}
	return c.span(c.h.Payload, 8, c.h.Payload)
}

func icmpBytes(c *cursor) []byte {
	if !c.headers() || !c.h.HasTransport || (c.h.IPProto != decode.ProtoICMP && c.h.IPProto != decode.ProtoICMPv6) {
		return nil
	}
	return c.at(c.h.ICMPBody, 4)
}

// hasTransport is the presence of a transport protocol: the packets the
// index classified, and those whose header is cut short or malformed, which
// Wireshark still shows (as malformed). Only the latter have their bytes read.
func hasTransport(is func(c *cursor) bool, proto uint8) func(c *cursor) bool {
	return func(c *cursor) bool {
		if is(c) {
			return true
		}
		return c.p.Bad&decode.BadTransport != 0 && c.headers() && c.h.IPProto == proto && !c.h.Fragment
	}
}

func addTransportFields(r *Registry) {
	hasTCP := hasTransport(isTCP, decode.ProtoTCP)
	r.add(Field{Name: "tcp", Desc: "TCP", typ: ftProto, indexed: true, has: hasTCP, get: layer(hasTCP, tcpBytes)})
	r.add(Field{Name: "tcp.srcport", Desc: "TCP source port", typ: ftUint, bits: 16, indexed: true, num2: ports(isTCP, true, false)})
	r.add(Field{Name: "tcp.dstport", Desc: "TCP destination port", typ: ftUint, bits: 16, indexed: true, num2: ports(isTCP, false, true)})
	r.add(Field{Name: "tcp.port", Desc: "TCP source or destination port", typ: ftUint, bits: 16, indexed: true, num2: ports(isTCP, true, true)})
	r.add(Field{Name: "tcp.stream", Desc: "TCP conversation number", typ: ftUint, bits: 32, indexed: true, num: stream(isTCP)})
	r.add(Field{Name: "tcp.seq", Desc: "relative sequence number", typ: ftUint, bits: 32, indexed: true, num: tcpSeq(false)})
	r.add(Field{Name: "tcp.ack", Desc: "relative acknowledgement number", typ: ftUint, bits: 32, indexed: true, num: tcpSeq(true)})
	r.add(Field{Name: "tcp.seq_raw", Desc: "sequence number as sent", typ: ftUint, bits: 32, indexed: true,
		num: (func(c *cursor) (int64, bool) { return int64(c.p.Seq), isTCP(c) })})
	r.add(Field{Name: "tcp.ack_raw", Desc: "acknowledgement number as sent", typ: ftUint, bits: 32, indexed: true,
		num: (func(c *cursor) (int64, bool) { return int64(c.p.Ack), isTCP(c) })})
	r.add(Field{Name: "tcp.len", Desc: "TCP payload length", typ: ftUint, bits: 32, indexed: true,
		num: (func(c *cursor) (int64, bool) { return int64(c.p.PayloadLen), isTCP(c) })})
	r.add(Field{Name: "tcp.window_size_value", Desc: "window as sent", typ: ftUint, bits: 16, indexed: true,
		num: (func(c *cursor) (int64, bool) { return int64(c.p.Window), isTCP(c) })})
	r.add(Field{Name: "tcp.window_size", Desc: "window, scaled", typ: ftUint, bits: 32, indexed: true,
		num: (func(c *cursor) (int64, bool) {
			if !isTCP(c) {
				return 0, false
			}
			if f := c.flow(); f != nil {
				return int64(f.WindowSize(c.i, c.p)), true
			}
			return int64(c.p.Window), true
		})})
	r.add(Field{Name: "tcp.flags", Desc: "TCP flags (12 bits)", typ: ftUint, bits: 16, indexed: true,
		num: (func(c *cursor) (int64, bool) { return int64(c.p.Flags & 0x0fff), isTCP(c) })})
	for _, fl := range []struct {
		name string
		bit  uint16
	}{
		{"fin", decode.FlagFIN}, {"syn", decode.FlagSYN}, {"reset", decode.FlagRST}, {"push", decode.FlagPSH},
		{"ack", decode.FlagACK}, {"urg", decode.FlagURG}, {"ece", decode.FlagECE}, {"cwr", decode.FlagCWR},
		{"ae", decode.FlagAE}, {"res", decode.FlagReserved},
	} {
		r.add(Field{Name: "tcp.flags." + fl.name, Desc: "TCP flag " + fl.name, typ: ftBool, indexed: true, num: tcpFlag(fl.bit)})
	}
	r.add(Field{Name: "tcp.options.wscale.shift", Desc: "window scale option shift", typ: ftUint, bits: 8, indexed: true,
		num: (func(c *cursor) (int64, bool) { return int64(c.p.WScale), isTCP(c) && c.p.WScale >= 0 })})

	hasUDP := hasTransport(isUDP, decode.ProtoUDP)
	r.add(Field{Name: "udp", Desc: "UDP", typ: ftProto, indexed: true, has: hasUDP, get: layer(hasUDP, udpBytes)})
	r.add(Field{Name: "udp.srcport", Desc: "UDP source port", typ: ftUint, bits: 16, indexed: true, num2: ports(isUDP, true, false)})
	r.add(Field{Name: "udp.dstport", Desc: "UDP destination port", typ: ftUint, bits: 16, indexed: true, num2: ports(isUDP, false, true)})
	r.add(Field{Name: "udp.port", Desc: "UDP source or destination port", typ: ftUint, bits: 16, indexed: true, num2: ports(isUDP, true, true)})
	r.add(Field{Name: "udp.stream", Desc: "UDP conversation number", typ: ftUint, bits: 32, indexed: true, num: stream(isUDP)})

	hasICMP, hasICMPv6 := hasTransport(isICMP, decode.ProtoICMP), hasTransport(isICMPv6, decode.ProtoICMPv6)
	r.add(Field{Name: "icmp", Desc: "ICMP", typ: ftProto, indexed: true, has: hasICMP, get: layer(hasICMP, icmpBytes)})
	r.add(Field{Name: "icmpv6", Desc: "ICMPv6", typ: ftProto, indexed: true, has: hasICMPv6, get: layer(hasICMPv6, icmpBytes)})
	icmpHeader := func(is func(c *cursor) bool, code bool) func(c *cursor) (int64, bool) {
		return func(c *cursor) (int64, bool) {
			if !is(c) || !c.headers() || !c.h.HasTransport {
				return 0, false
			}
			if code {
				return int64(c.h.ICMPCode), true
			}
			return int64(c.h.ICMPType), true
		}
	}
	r.add(Field{Name: "icmp.type", Desc: "ICMP type", typ: ftUint, bits: 8, num: icmpHeader(isICMP, false)})
	r.add(Field{Name: "icmp.code", Desc: "ICMP code", typ: ftUint, bits: 8, num: icmpHeader(isICMP, true)})
	r.add(Field{Name: "icmpv6.type", Desc: "ICMPv6 type", typ: ftUint, bits: 8, num: icmpHeader(isICMPv6, false)})
	r.add(Field{Name: "icmpv6.code", Desc: "ICMPv6 code", typ: ftUint, bits: 8, num: icmpHeader(isICMPv6, true)})
}
