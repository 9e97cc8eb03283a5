package decode

import (
	"encoding/binary"
	"fmt"
)

// EncapKind names one outer layer a packet travelled in before the
// innermost IP header that Headers describes.
type EncapKind uint8

const (
	EncapNone   EncapKind = iota
	EncapIPv4             // an outer IPv4 header (its payload was a tunnel)
	EncapIPv6             // an outer IPv6 header
	EncapUDP              // an outer UDP header whose payload was a tunnel
	EncapGRE              // GRE (ID: the key when Keyed)
	EncapERSPAN           // ERSPAN type I, II or III (ID: the session ID)
	EncapVXLAN            // VXLAN (ID: the VNI)
	EncapGeneve           // Geneve (ID: the VNI)
	EncapGTPU             // GTPv0/v1 and GTP' (ID: the TEID of GTPv1)
	EncapTeredo           // Teredo
	EncapPPPoE            // PPPoE session (ID: the session ID)
	EncapPPP              // PPP
	EncapWLAN             // an IEEE 802.11 data frame
	EncapL2TP             // an L2TPv2 data message (ID: tunnel ID << 16 | session ID)
	EncapGTPv2            // a GTPv2-C message (signalling only: it ends the layers)
	EncapCAPWAP           // a CAPWAP data message carrying an IEEE 802.3 or 802.11 frame
	EncapMACsec           // an integrity-only IEEE 802.1AE MACsec frame (proto_macsec.go)
)

// MaxEncap bounds how many outer layers are followed: a packet nested
// deeper (hostile, or a loop of tunnels) is described at that depth.
const MaxEncap = 8

// Encap is one outer layer: its kind, where its header starts in the bytes
// Parse was given, and its identifier (key, VNI, TEID, session).
type Encap struct {
	Kind  EncapKind
	Keyed bool // ID is meaningful (a GRE header without a key has none)
	Reasm bool // Off is in the reassembled datagram, not the packet's bytes
	Off   uint32
	ID    uint32
}

// Well-known ports of tunnels carried in UDP, as Wireshark registers them.
const (
	portVXLAN     = 4789
	portGeneve    = 6081
	portTeredo    = 3544
	portGREOverUD = 4754 // GRE-in-UDP (RFC 8086)
)

// IP protocol numbers that carry another network layer.
const (
	protoIPIP   = 4
	protoIPv6In = 41
	protoGRE    = 47
)

// EtherTypes of encapsulations.
const (
	etherPPPoEDisc = 0x8863
	etherPPPoESess = 0x8864
	etherTEB       = 0x6558 // transparent Ethernet bridging
	etherERSPAN    = 0x88be // ERSPAN type I (no GRE sequence) or II
	etherERSPAN3   = 0x22eb
	etherPPP       = 0x880b
	etherCMD       = 0x8909 // Cisco MetaData
)

// EncapHeader returns the bytes of outer layer i from its first byte on.
func (h *Headers) EncapHeader(i int) []byte {
	if i < 0 || i >= int(h.NumEncap) {
		return nil
	}
	buf := h.buffer(h.Encaps[i])
	if int(h.Encaps[i].Off) > len(buf) {
		return nil
	}
	return buf[h.Encaps[i].Off:]
}

// push records an outer layer; false when MaxEncap layers are already
// recorded, and the caller then stops descending.
func (h *Headers) push(k EncapKind, hdr []byte, id uint32, keyed bool) bool {
	if int(h.NumEncap) >= MaxEncap {
		return false
	}
	off, re := h.offsetOf(hdr)
	h.Encaps[h.NumEncap] = Encap{Kind: k, Keyed: keyed, Reasm: re, Off: uint32(off), ID: id}
	h.NumEncap++
	return true
}

// offsetOf is where b (a subslice of the bytes given to Parse or of the
// reassembled datagram) starts, and whether in the datagram.
func (h *Headers) offsetOf(b []byte) (int, bool) {
	if h.inReasm && len(b) > 0 {
		if off := cap(h.reasm) - cap(b); off >= 0 && off < len(h.reasm) && &h.reasm[off] == &b[0] {
			return off, true
		}
	}
	return cap(h.raw) - cap(b), false
}

// Within returns the buffer b (a slice of what Parse or reassembly set in
// h) lies in, the packet's bytes or the reassembled datagram, and where b
// starts in it.
func (h *Headers) Within(b []byte) ([]byte, int) {
	if h.inReasm && cap(b) > 0 {
		if off := cap(h.reasm) - cap(b); off >= 0 && off < len(h.reasm) && &h.reasm[off] == &b[:1][0] {
			return h.reasm, off
		}
	}
	return h.raw, cap(h.raw) - cap(b)
}

// buffer is the bytes outer layer e's offset refers to.
func (h *Headers) buffer(e Encap) []byte {
	if e.Reasm {
		return h.reasm
	}
	return h.raw
}

// Has reports whether the packet travelled in a layer of kind k.
func (h *Headers) Has(k EncapKind) bool {
	for _, e := range h.Encaps[:h.NumEncap] {
		if e.Kind == k {
			return true
		}
	}
	return false
}

// enterIP pushes the IP layer now described by h as an outer layer, so that
// the inner network layer can take its place. ip is the IP header.
func (h *Headers) enterIP() bool {
	k := EncapIPv4
	back := 12
	if h.Net == NetIPv6 {
		k, back = EncapIPv6, 8
	}
	off, re := h.offsetOf(h.Src)
	if off < back || int(h.NumEncap) >= MaxEncap {
		return false
	}
	h.Encaps[h.NumEncap] = Encap{Kind: k, Reasm: re, Off: uint32(off - back)}
	h.NumEncap++
	return true
}

// OuterIP returns the addresses of outer layer i (an EncapIPv4 or EncapIPv6
// layer), read from data, the bytes Parse was given; nil when not an IP
// layer or not in data.
func (h *Headers) OuterIP(i int) (src, dst []byte) {
	if i < 0 || i >= int(h.NumEncap) {
		return nil, nil
	}
	e := h.Encaps[i]
	buf := h.buffer(e)
	off := int(e.Off)
	switch e.Kind {
	case EncapIPv4:
		if off+20 <= len(buf) {
			return buf[off+12 : off+16], buf[off+16 : off+20]
		}
	case EncapIPv6:
		if off+40 <= len(buf) {
			return buf[off+8 : off+24], buf[off+24 : off+40]
		}
	}
	return nil, nil
}

// OuterUDP returns the ports of outer layer i (an EncapUDP layer).
func (h *Headers) OuterUDP(i int) (sp, dp uint16, ok bool) {
	if i < 0 || i >= int(h.NumEncap) || h.Encaps[i].Kind != EncapUDP {
		return 0, 0, false
	}
	buf := h.buffer(h.Encaps[i])
	off := int(h.Encaps[i].Off)
	if off+4 > len(buf) {
		return 0, 0, false
	}
	return binary.BigEndian.Uint16(buf[off:]), binary.BigEndian.Uint16(buf[off+2:]), true
}

// resetNet forgets the network and transport layers before an inner one is
// decoded in their place (the outer ones are kept in Encaps).
func (h *Headers) resetNet() {
	h.Net, h.Src, h.Dst, h.IPProto, h.TTL, h.IPID, h.IPLen = NetNone, nil, nil, 0, 0, 0, 0
	h.Fragment, h.FragOff, h.IPBad = false, 0, false
	h.HasTransport, h.SrcPort, h.DstPort = false, 0, 0
	h.Seq, h.Ack, h.Flags, h.Window, h.Urgent = 0, 0, 0, 0, 0
	h.TCPOptions, h.PayloadLen, h.Payload = nil, 0, nil
	h.ICMPType, h.ICMPCode, h.ICMPBody, h.TransportBad = 0, 0, nil, false
}

// ipInIP decodes an IP payload that is itself IPv4 (protocol 4) or IPv6
// (41): IP-in-IP, 6in4, 4in6.
func (h *Headers) ipInIP(b []byte) {
	want := uint8(4)
	if h.IPProto == protoIPv6In {
		want = 6
	}
	if len(b) == 0 || b[0]>>4 != want || !h.enterIP() {
		return
	}
	h.resetNet()
	h.rawIP(b)
}

// greFlags are the bits of the first GRE word (RFC 2784, RFC 2890; the
// routing bit of RFC 1701).
const (
	greChecksum = 0x8000
	greRouting  = 0x4000
	greKey      = 0x2000
	greSeq      = 0x1000
	greAck      = 0x0080 // version 1 (PPTP) acknowledgement present
)

// greHeaderLen is the length of the GRE header at b (its optional fields
// included) or 0 when it is cut short or uses source routing, which ladder
// does not follow.
func greHeaderLen(b []byte) int {
	if len(b) < 4 {
		return 0
	}
	fl := binary.BigEndian.Uint16(b)
	n := 4
	if fl&(greChecksum|greRouting) != 0 {
		n += 4
	}
	if fl&greKey != 0 {
		n += 4
	}
	if fl&greSeq != 0 {
		n += 4
	}
	if fl&7 == 1 && fl&greAck != 0 {
		n += 4
	}
	if fl&greRouting != 0 && n <= len(b) {
		// RFC 1701 source route entries: address family, offset and
		// length, up to the null entry
		for n+4 <= len(b) {
			af, l := binary.BigEndian.Uint16(b[n:]), int(b[n+3])
			n += 4 + l
			if af == 0 && l == 0 {
				return n
			}
		}
		return 0
	}
	if n > len(b) {
		return 0
	}
	return n
}

// gre decodes a GRE header and what it carries.
func (h *Headers) gre(b []byte) {
	n := greHeaderLen(b)
	if n == 0 {
		if h.Missing == 0 {
			// packet-gre.c runs out of bytes: before the protocol type
			// it never named the packet GRE
			h.bogusProto, h.bogusInfo = "IPv4", malformedMark
			if h.Net == NetIPv6 {
				h.bogusProto = "IPv6"
			}
			if len(b) >= 4 {
				h.bogusProto, h.bogusInfo = "GRE", "Encapsulated "+greProtoInfo(binary.BigEndian.Uint16(b[2:]))+malformedMark
			}
		}
		return
	}
	fl := binary.BigEndian.Uint16(b)
	pt := binary.BigEndian.Uint16(b[2:])
	var key uint32
	if fl&greKey != 0 {
		o := 4
		if fl&greChecksum != 0 {
			o = 8
		}
		key = binary.BigEndian.Uint32(b[o:])
	}
	if !h.enterIP() || !h.push(EncapGRE, b, key, fl&greKey != 0) {
		return
	}
	h.greBody(fl, pt, b[n:])
}

// greBody decodes the payload of a GRE header of flags fl and protocol pt.
func (h *Headers) greBody(fl, pt uint16, b []byte) {
	if len(b) == 0 {
		// nothing after the header: packet-gre.c calls no dissector
		h.Term = EncapGRE
		return
	}
	switch {
	case pt == 0x86dd && b[0]>>4 != 6:
		// GRE hands IPv6 any payload, which then names its version
		h.bogusProto, h.bogusInfo = "IPv6", fmt.Sprintf("Bogus IPv6 version (%d, must be 6)", b[0]>>4)
		return
	case pt == etherTEB && len(b) < 14:
		h.bogusProto, h.bogusInfo = "Ethernet", "Encapsulated "+greProtoName(pt)+malformedMark
		return
	}
	switch pt {
	case 0x0800, 0x86dd, etherTEB, 0x8847, 0x8848:
		h.resetNet()
		h.etherType(pt, b)
	case etherERSPAN:
		if fl&greSeq == 0 { // type I: the mirrored frame directly
			if h.push(EncapERSPAN, b, 0, false) {
				h.resetNet()
				h.ethernet(b)
			}
			return
		}
		h.erspan(b, 8)
	case etherERSPAN3:
		if len(b) >= 12 && b[11]&1 != 0 { // platform-specific subheader
			h.erspan(b, 20)
			return
		}
		h.erspan(b, 12)
	case etherPPP:
		// PPTP (RFC 2637 §4.3) sends PPP frames with HDLC-like
		// address and control bytes unless they were negotiated away;
		// one with no payload only acknowledges ("Encapsulated PPP")
		if len(b) == 0 {
			h.Term = EncapGRE
			return
		}
		h.resetNet()
		h.pppHDLC(b)
	case etherCMD:
		// Cisco MetaData as GRE carries it: the next EtherType first,
		// then version, length, options and the security group tag.
		if len(b) >= 8 {
			h.resetNet()
			h.etherType(binary.BigEndian.Uint16(b), b[8:])
		}
	case uint16(EtherTypeCDP), uint16(EtherTypeLoop):
		// Cisco's link-layer protocols over a GRE tunnel interface: the
		// outer IP header stays the packet's addresses, as in tshark.
		h.Term, h.EtherType, h.LinkPayload = EncapGRE, pt, b
	default:
		h.Term = EncapGRE
	}
}

// erspan decodes an ERSPAN type II or III header of n bytes and the
// mirrored Ethernet frame after it.
func (h *Headers) erspan(b []byte, n int) {
	if len(b) < n {
		return
	}
	session := uint32(binary.BigEndian.Uint16(b[2:]) & 0x3ff)
	if !h.push(EncapERSPAN, b, session, true) {
		return
	}
	h.resetNet()
	h.ethernet(b[n:])
}

// udpTunnel decodes the payload of a UDP datagram sent to or from a tunnel
// port. udp is the UDP header and payload; it reports whether it took the
// packet over (the outer layers are then in Encaps).
func (h *Headers) udpTunnel(udp, payload []byte) bool {
	lo, hi := h.SrcPort, h.DstPort
	if lo > hi {
		lo, hi = hi, lo
	}
	// Wireshark tries the lower port's dissector first.
	for _, p := range [2]uint16{lo, hi} {
		var ok bool
		switch p {
		case portVXLAN:
			ok = h.vxlan(udp, payload)
		case portGeneve:
			ok = h.geneve(udp, payload)
		case portGTPU, portGTPC, portGTPPrime:
			ok = h.gtp(udp, payload)
		case portTeredo:
			ok = h.teredo(udp, payload)
		case portGREOverUD:
			ok = h.greUDP(udp, payload)
		case portL2TP:
			ok = h.l2tpData(udp, payload)
		case portCAPWAPData:
			ok = h.capwapData(udp, payload)
		}
		if ok {
			return true
		}
	}
	return false
}

// enterUDP pushes the outer IP and UDP layers.
func (h *Headers) enterUDP(udp []byte) bool {
	if int(h.NumEncap)+3 > MaxEncap {
		return false
	}
	return h.enterIP() && h.push(EncapUDP, udp, 0, false)
}

// vxlan decodes a VXLAN header (RFC 7348) and the Ethernet frame after it.
// A header or frame cut short reads as tshark 4.0 shows it
// (lab__encap-crafted): "VxLAN" or "Ethernet", "[Malformed Packet]".
func (h *Headers) vxlan(udp, b []byte) bool {
	if len(b) == 0 || !h.enterUDP(udp) {
		return false
	}
	if len(b) < 8 {
		h.push(EncapVXLAN, b, 0, false)
		h.resetNet()
		h.bogusProto, h.bogusInfo = "VxLAN", h.cutMark()
		return true
	}
	vni := binary.BigEndian.Uint32(b[4:]) >> 8
	h.push(EncapVXLAN, b, vni, b[0]&0x08 != 0)
	h.resetNet()
	if len(b) < 8+14 {
		h.bogusProto, h.bogusInfo = "Ethernet", h.cutMark()
		return true
	}
	h.ethernet(b[8:])
	return true
}

// geneve decodes a Geneve header (RFC 8926) and its payload. tshark 4.0
// reads any version; what it shows for a header cut short, an unknown
// protocol type or a payload that is not what the type says is in
// lab__encap-crafted.
func (h *Headers) geneve(udp, b []byte) bool {
	if len(b) == 0 || !h.enterUDP(udp) {
		return false
	}
	if len(b) < 4 {
		h.push(EncapGeneve, b, 0, false)
		h.resetNet()
		h.bogusProto, h.bogusInfo = "Geneve", h.cutMark()
		return true
	}
	pt := binary.BigEndian.Uint16(b[2:])
	encap := "Encapsulated " + geneveProtoInfo(pt)
	n := 8 + int(b[0]&0x3f)*4
	if n > len(b) {
		h.push(EncapGeneve, b, 0, false)
		h.resetNet()
		h.bogusProto, h.bogusInfo = "Geneve", encap+h.cutMark()
		return true
	}
	vni := binary.BigEndian.Uint32(b[4:]) >> 8
	h.push(EncapGeneve, b, vni, true)
	h.resetNet()
	p := b[n:]
	switch {
	case pt == etherTEB && len(p) < 14:
		h.bogusProto, h.bogusInfo = "Ethernet", encap+h.cutMark()
	case pt == 0x86dd && len(p) > 0 && p[0]>>4 != 6:
		h.bogusProto, h.bogusInfo = "IPv6", fmt.Sprintf("Bogus IPv6 version (%d, must be 6)", p[0]>>4)
	case pt == 0x0800, pt == 0x86dd, pt == etherTEB, pt == 0x8847, pt == 0x8848, pt == 0x0806, pt == etherRARP:
		h.etherType(pt, p)
	default:
		// the EtherType table's other dissectors, which ladder has
		// not, would name the packet; ladder keeps Geneve's text
		h.bogusProto, h.bogusInfo = "Geneve", encap
	}
	return true
}

// geneveProtoInfo names a Geneve protocol type as packet-geneve.c writes
// it in the Info column: the EtherType's name, or its number and
// "(unknown)".
func geneveProtoInfo(pt uint16) string {
	if n, ok := etherTypeNames[pt]; ok {
		return n
	}
	return fmt.Sprintf("0x%04x (unknown)", pt)
}

// teredo decodes Teredo (RFC 4380): optional authentication and origin
// indication headers, then an IPv6 packet.
func (h *Headers) teredo(udp, b []byte) bool {
	p := b
	for range 2 {
		if len(p) < 2 || p[0] != 0 {
			break
		}
		switch p[1] {
		case 1: // authentication: lengths, client id, auth value, nonce, confirmation
			if len(p) < 4 {
				return false
			}
			n := 4 + int(p[2]) + int(p[3]) + 9
			if n > len(p) {
				return false
			}
			p = p[n:]
		case 0: // origin indication
			if len(p) < 8 {
				return false
			}
			p = p[8:]
		default:
			return false
		}
	}
	if len(p) < 40 || p[0]>>4 != 6 || !h.enterUDP(udp) {
		return false
	}
	h.push(EncapTeredo, b, 0, false)
	h.resetNet()
	h.EtherType = 0x86dd
	h.ipv6(p)
	return true
}

// greUDP decodes GRE in UDP (RFC 8086).
func (h *Headers) greUDP(udp, b []byte) bool {
	n := greHeaderLen(b)
	if n == 0 || !h.enterUDP(udp) {
		return false
	}
	fl, pt := binary.BigEndian.Uint16(b), binary.BigEndian.Uint16(b[2:])
	h.push(EncapGRE, b, 0, false)
	h.greBody(fl, pt, b[n:])
	return true
}

// l2tpData follows an L2TPv2 data message (RFC 2661 §3.1) to the PPP frame
// in HDLC-like framing it carries, as tshark hands it to PPP; control
// messages, and data messages with nothing after the header, are
// proto_l2tp.go's.
func (h *Headers) l2tpData(udp, b []byte) bool {
	n := l2tpHeaderLen(b)
	if n == 0 || n == len(b) || b[0]&0x80 != 0 || !h.enterUDP(udp) {
		return false
	}
	t, s := l2tpIDs(b)
	h.push(EncapL2TP, b, uint32(t)<<16|uint32(s), true)
	h.resetNet()
	h.pppHDLC(b[n:])
	return true
}

// pppoe decodes a PPPoE session header (RFC 2516) and the PPP frame in it.
// The PPP frame is the payload length's bytes (the rest is Ethernet
// padding). When it is too short for PPP, or for a control protocol to
// read its code and length, tshark 4.0 throws before any inner layer
// names the packet: "PPPoES Session Data[Malformed Packet]"
// (lab__encap-crafted).
func (h *Headers) pppoe(b []byte) {
	if len(b) < 6 {
		h.bogusProto, h.bogusInfo = "PPPoES", h.cutMark()
		if len(b) >= 2 {
			h.bogusInfo = pppoeSessionInfo + h.cutMark()
		}
		return
	}
	if !h.push(EncapPPPoE, b, uint32(binary.BigEndian.Uint16(b[2:])), true) {
		return
	}
	n := min(int(binary.BigEndian.Uint16(b[4:])), len(b)-6)
	ppp := b[6 : 6+n]
	if pppCutBeforeNamed(ppp) {
		h.bogusProto, h.bogusInfo = "PPPoES", pppoeSessionInfo+h.cutMark()
		return
	}
	h.ppp(ppp)
}

// pppoeSessionInfo is packet-pppoe.c's Info for a session packet (code 0).
const pppoeSessionInfo = "Session Data"

// pppCutBeforeNamed says whether a PPP frame ends before its protocol
// field, or before the 4-byte header of a control protocol (LCP, NCPs,
// PAP, CHAP: protocol numbers 0x8000 and up).
func pppCutBeforeNamed(b []byte) bool {
	switch {
	case len(b) == 0:
		return true
	case b[0]&1 != 0:
		return false // a compressed protocol number: a network protocol
	case len(b) < 2:
		return true
	}
	return binary.BigEndian.Uint16(b) >= 0x8000 && len(b) < 6
}

// PPP protocol numbers (RFC 1661, RFC 5072).
const (
	pppIPv4          = 0x0021
	pppIPv6          = 0x0057
	pppMPLSUnicast   = 0x0281 // RFC 3032 §4.3
	pppMPLSMulticast = 0x0283
)

// ppp decodes a PPP header (protocol field, possibly compressed to one
// byte) and an IP packet in it.
func (h *Headers) ppp(b []byte) {
	if len(b) < 1 || !h.push(EncapPPP, b, 0, false) {
		return
	}
	proto, n := uint16(b[0]), 1
	if b[0]&1 == 0 {
		if len(b) < 2 {
			return
		}
		proto, n = binary.BigEndian.Uint16(b), 2
	}
	switch proto {
	case pppIPv4:
		h.etherType(0x0800, b[n:])
	case pppIPv6:
		h.etherType(0x86dd, b[n:])
	case pppMPLSUnicast, pppMPLSMulticast:
		h.etherType(0x8847, b[n:])
	default:
		// LCP, IPCP, PAP...: the application dissectors read the PPP
		// frame from its protocol field (proto_ppp.go)
		h.EtherType, h.LinkPayload = etherPPP, b
	}
}

// pppHDLC decodes PPP in HDLC-like framing (RFC 1662): address 0xff and
// control 0x03 (each may be omitted), then PPP.
func (h *Headers) pppHDLC(b []byte) {
	if len(b) >= 2 && b[0] == 0xff && b[1] == 0x03 {
		b = b[2:]
	}
	h.ppp(b)
}

// capwapTunnelLen is where the frame a CAPWAP data message carries begins,
// and whether it is an 802.11 one, when Headers.capwapData decodes it as
// a tunnel: a whole (unfragmented) IEEE 802.3 frame, or an IEEE 802.11
// data frame (frame control swapped, tshark's capwap.swap_fc) that
// carries a packet. 0 for everything else, which the CAPWAP-Data
// dissector shows (proto_capwap.go).
func capwapTunnelLen(b []byte) (int, bool) {
	if len(b) < 8 || b[0]&0x0f != 0 {
		return 0, false
	}
	h, _, _, ok := capwapReadHeader(b, true, 0, false)
	if !ok || h.flags&(capwapFlagF|capwapFlagK) != 0 || h.hlen == 1<<32-1 || 1+int(h.hlen) > len(b) {
		return 0, false
	}
	n := 1 + int(h.hlen)
	p := b[n:]
	if h.flags&capwapFlagT == 0 {
		if len(p) < 14 {
			return 0, false
		}
		return n, false
	}
	if h.wbid != 1 || len(p) < 24 {
		return 0, false
	}
	fc0, fc1 := p[1], p[0]
	if fc0>>2&3 != 2 || fc0>>4&4 != 0 || fc1&(wlanProtected|wlanMoreFrag) != 0 {
		return 0, false
	}
	hl := 24
	if fc1&(wlanToDS|wlanFromDS) == wlanToDS|wlanFromDS {
		hl = 30
	}
	if fc0>>4&8 != 0 {
		hl += 2
		if fc1&wlanOrder != 0 {
			hl += 4
		}
	}
	if hl > len(p) {
		return 0, false
	}
	return n, true
}

// capwapData decodes a CAPWAP data message that carries a frame
// (capwapTunnelLen) as a tunnel.
func (h *Headers) capwapData(udp, b []byte) bool {
	n, wlan := capwapTunnelLen(b)
	if n == 0 || !h.enterUDP(udp) || !h.push(EncapCAPWAP, b, 0, false) {
		return false
	}
	h.resetNet()
	if wlan {
		h.wlanFC(b[n:], false, true)
	} else {
		h.ethernet(b[n:])
	}
	return true
}
