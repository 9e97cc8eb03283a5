package decode

import "encoding/binary"

// ICMP and ICMPv6 errors quote the start of the packet that caused them
// (RFC 792: the IP header and 8 bytes; RFC 4443: as much as fits). Wireshark
// dissects the quoted TCP or UDP header and so gives the error the stream
// number of the connection it quotes, numbering a new one when that
// connection was not seen before; ladder does the same, and keeps the
// error on the flow (Flow.Errors) as evidence for the analysis.

// Quoted is the header an ICMP error quotes, as the error's recipient sent it.
type Quoted struct {
	Net              Net
	Src, Dst         []byte
	Proto            uint8
	HasPorts         bool
	SrcPort, DstPort uint16
	Seq              uint32 // TCP only
	HasSeq           bool   // the quote reaches TCP's sequence number
}

// IsICMPError reports whether an ICMP (v6 false) or ICMPv6 message type is
// an error that quotes the offending packet.
func IsICMPError(v6 bool, typ uint8) bool {
	if v6 {
		return typ >= 1 && typ <= 4
	}
	switch typ {
	case 3, 4, 5, 11, 12:
		return true
	}
	return false
}

// Quoted parses the packet an ICMP or ICMPv6 error in h quotes.
func (h *Headers) Quoted() (Quoted, bool) {
	if !h.HasTransport || (h.IPProto != ProtoICMP && h.IPProto != ProtoICMPv6) ||
		!IsICMPError(h.IPProto == ProtoICMPv6, h.ICMPType) || len(h.ICMPBody) < 4 {
		return Quoted{}, false
	}
	return parseQuoted(h.ICMPBody[4:])
}

// parseQuoted reads a quoted IPv4 or IPv6 header and the first bytes of
// its transport header (ports; TCP's sequence number when quoted).
func parseQuoted(b []byte) (Quoted, bool) {
	var q Quoted
	if len(b) < 1 {
		return q, false
	}
	var p []byte
	switch b[0] >> 4 {
	case 4:
		if len(b) < 20 {
			return q, false
		}
		ihl := int(b[0]&0x0f) * 4
		if ihl < 20 || ihl > len(b) {
			return q, false
		}
		q.Net, q.Src, q.Dst, q.Proto = NetIPv4, b[12:16], b[16:20], b[9]
		if binary.BigEndian.Uint16(b[6:])&0x1fff != 0 {
			return q, true // a later fragment: no transport header
		}
		p = b[ihl:]
	case 6:
		if len(b) < 40 {
			return q, false
		}
		q.Net, q.Src, q.Dst = NetIPv6, b[8:24], b[24:40]
		next := b[6]
		p = b[40:]
		for range 8 { // extension headers, bounded
			if next != 0 && next != 43 && next != 60 && next != 44 {
				break
			}
			if len(p) < 8 {
				q.Proto = next
				return q, true
			}
			n := (int(p[1]) + 1) * 8
			if next == 44 {
				if binary.BigEndian.Uint16(p[2:])&0xfff8 != 0 {
					q.Proto = p[0]
					return q, true
				}
				n = 8
			}
			if n > len(p) {
				q.Proto = next
				return q, true
			}
			next, p = p[0], p[n:]
		}
		q.Proto = next
	default:
		return q, false
	}
	if (q.Proto == ProtoTCP || q.Proto == ProtoUDP) && len(p) >= 4 {
		q.HasPorts = true
		q.SrcPort, q.DstPort = binary.BigEndian.Uint16(p), binary.BigEndian.Uint16(p[2:])
		if q.Proto == ProtoTCP && len(p) >= 8 {
			q.Seq, q.HasSeq = binary.BigEndian.Uint32(p[4:]), true
		}
	}
	return q, true
}

// icmpError puts an ICMP error packet (already filled, with no flow) on the
// flow of the connection it quotes, creating and numbering that flow when
// it is new, as Wireshark does. The error travels back to the quoted
// packet's sender, so its direction is the reverse of that packet's.
func (x *Index) icmpError(i int32, p *Packet, h *Headers) {
	q, ok := h.Quoted()
	if !ok || !q.HasPorts {
		return
	}
	kind, proto := AddrIPv4, ProtoTCPPacket
	if q.Net == NetIPv6 {
		kind = AddrIPv6
	}
	if q.Proto == ProtoUDP {
		proto = ProtoUDPPacket
	}
	src, dst := x.addrs.intern(kind, q.Src), x.addrs.intern(kind, q.Dst)
	t := x.flows
	key, _ := makeFlowKey(proto, src, dst, q.SrcPort, q.DstPort)
	id, found := t.lookup(key)
	if proto == ProtoUDPPacket {
		if fills, _ := t.snmpNewStream(src, dst, q.SrcPort, q.DstPort, false); fills {
			found = false // the quote fills in what an SNMP request left open
		} else if !found {
			id, found = t.claim(key)
		}
	}
	if !found {
		id = t.push(t.newFlow(&Packet{Proto: proto, Src: src, Dst: dst, SrcPort: q.SrcPort, DstPort: q.DstPort}))
		t.set(key, id)
	}
	f := t.flows[id]
	p.Flow, p.Dir = id, 1
	if src != f.Client.Addr || q.SrcPort != f.Client.Port {
		p.Dir = 0
	}
	if q.Proto == ProtoTCP {
		p.Seq, p.Ack = q.Seq, 0
	}
	if len(f.Frames) == 0 {
		// Known only from errors so far: its span is theirs until a packet
		// of its own arrives (count then restarts First).
		if len(f.Errors) == 0 {
			f.First = p.Time
		}
		f.Last = p.Time
	}
	f.Errors = append(f.Errors, i)
}

// ICMPError is what the analysis needs of an ICMP error: its type and code,
// the MTU a "packet too big" / "fragmentation needed" error announces, and
// the quoted header.
type ICMPError struct {
	V6         bool
	Type, Code uint8
	MTU        uint32
	Quoted     Quoted
}

// ICMPError decodes packet i again if it is an ICMP or ICMPv6 error. The
// Quoted addresses point into buf, which it returns (grown as needed).
func (x *Index) ICMPError(i int, buf []byte) (ICMPError, []byte, bool) {
	p := x.Packet(i)
	if p.Proto != ProtoICMPPacket && p.Proto != ProtoICMPv6Packet {
		return ICMPError{}, buf, false
	}
	data, err := x.Data(i, buf)
	if err != nil {
		return ICMPError{}, data, false
	}
	var h Headers
	h.Parse(x.LinkType(p), data, p.OrigLen)
	q, ok := h.Quoted()
	if !ok {
		return ICMPError{}, data, false
	}
	e := ICMPError{V6: h.IPProto == ProtoICMPv6, Type: h.ICMPType, Code: h.ICMPCode, Quoted: q}
	switch {
	case e.V6 && e.Type == 2:
		e.MTU = binary.BigEndian.Uint32(h.ICMPBody)
	case !e.V6 && e.Type == 3 && e.Code == 4:
		e.MTU = uint32(binary.BigEndian.Uint16(h.ICMPBody[2:]))
	}
	return e, data, true
}
