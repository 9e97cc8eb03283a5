package main

import (
	"encoding/binary"
	"fmt"
	"net/netip"
	"strings"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// segment is the little the lab needs to know about one TCP/IP packet: the
// link's fault rules look at it to pick a packet, the labeller to find
// resets and who sent them.
type segment struct {
	src, dst     netip.Addr
	sport, dport uint16
	seq, ack     uint32
	syn, ackFlag bool
	fin, rst     bool
	payload      int
	ttl          uint8 // IPv4 TTL or IPv6 hop limit
	ipID         uint16
	tsVal        uint32 // the timestamp option's TSval, when hasTS
	hasTS        bool
}

// flagString renders the flags the way the labels and errors talk about
// them: "RST/ACK" for a reset that carries an acknowledgement, "RST" for a
// bare one. The difference tells who reset and in which state.
func (s segment) flagString() string {
	var f []string
	for _, x := range []struct {
		on   bool
		name string
	}{{s.syn, "SYN"}, {s.fin, "FIN"}, {s.rst, "RST"}, {s.ackFlag, "ACK"}} {
		if x.on {
			f = append(f, x.name)
		}
	}
	return strings.Join(f, "/")
}

// parseIP decodes a bare IPv4 or IPv6 packet holding TCP; ok is false for
// anything else, which the link neither forwards nor records.
func parseIP(pkt []byte) (segment, bool) {
	if len(pkt) == 0 {
		return segment{}, false
	}
	var first gopacket.LayerType
	switch pkt[0] >> 4 {
	case 4:
		first = layers.LayerTypeIPv4
	case 6:
		first = layers.LayerTypeIPv6
	default:
		return segment{}, false
	}
	return decodeSegment(gopacket.NewPacket(pkt, first, gopacket.NoCopy))
}

// parseEthernet decodes an Ethernet frame holding TCP/IP.
func parseEthernet(frame []byte) (segment, bool) {
	return decodeSegment(gopacket.NewPacket(frame, layers.LayerTypeEthernet, gopacket.NoCopy))
}

func decodeSegment(p gopacket.Packet) (segment, bool) {
	var s segment
	switch ip := p.NetworkLayer().(type) {
	case *layers.IPv4:
		s.src, _ = netip.AddrFromSlice(ip.SrcIP.To4())
		s.dst, _ = netip.AddrFromSlice(ip.DstIP.To4())
		s.ttl, s.ipID = ip.TTL, ip.Id
	case *layers.IPv6:
		s.src, _ = netip.AddrFromSlice(ip.SrcIP)
		s.dst, _ = netip.AddrFromSlice(ip.DstIP)
		s.ttl = ip.HopLimit
	default:
		return s, false
	}
	tcp, ok := p.Layer(layers.LayerTypeTCP).(*layers.TCP)
	if !ok {
		return s, false
	}
	s.sport, s.dport = uint16(tcp.SrcPort), uint16(tcp.DstPort)
	s.seq, s.ack = tcp.Seq, tcp.Ack
	s.syn, s.ackFlag, s.fin, s.rst = tcp.SYN, tcp.ACK, tcp.FIN, tcp.RST
	s.payload = len(tcp.Payload)
	for _, o := range tcp.Options {
		if o.OptionType == layers.TCPOptionKindTimestamps && len(o.OptionData) == 8 {
			s.tsVal, s.hasTS = binary.BigEndian.Uint32(o.OptionData), true
		}
	}
	return s, true
}

// forgeRST builds the reset an on-path middlebox would inject toward the
// client in reply to the client segment c: it claims to come from the
// server, carries exactly the sequence number the client expects (so the
// client accepts it, RFC 5961 notwithstanding), but is built by a different
// IP stack: TTL 250 where the server's packets arrive with 64, a fixed IP ID
// outside the server's per-connection counter, and no DF bit. Those are the
// tells an explainer can use.
func forgeRST(c segment) ([]byte, error) {
	tcp := &layers.TCP{
		SrcPort: layers.TCPPort(c.dport),
		DstPort: layers.TCPPort(c.sport),
		Seq:     c.ack,
		Ack:     c.seq + uint32(c.payload),
		RST:     true,
		ACK:     true,
		Window:  0,
	}
	buf := gopacket.NewSerializeBuffer()
	opts := gopacket.SerializeOptions{FixLengths: true, ComputeChecksums: true}
	if c.src.Is4() {
		ip := &layers.IPv4{
			Version: 4, TTL: forgedTTL, Id: forgedIPID, Protocol: layers.IPProtocolTCP,
			SrcIP: c.dst.AsSlice(), DstIP: c.src.AsSlice(),
		}
		if err := tcp.SetNetworkLayerForChecksum(ip); err != nil {
			return nil, err
		}
		if err := gopacket.SerializeLayers(buf, opts, ip, tcp); err != nil {
			return nil, err
		}
	} else {
		ip := &layers.IPv6{
			Version: 6, HopLimit: forgedTTL, NextHeader: layers.IPProtocolTCP,
			SrcIP: c.dst.AsSlice(), DstIP: c.src.AsSlice(),
		}
		if err := tcp.SetNetworkLayerForChecksum(ip); err != nil {
			return nil, err
		}
		if err := gopacket.SerializeLayers(buf, opts, ip, tcp); err != nil {
			return nil, err
		}
	}
	return buf.Bytes(), nil
}

// The injector's fingerprint; see forgeRST.
const (
	forgedTTL  = 250
	forgedIPID = 0x3c1f
)

// isICMP reports whether a bare IP packet is ICMP or ICMPv6: the errors the
// wire forges in the outcome scenarios.
func isICMP(pkt []byte) bool {
	switch {
	case len(pkt) >= 20 && pkt[0]>>4 == 4:
		return pkt[9] == uint8(layers.IPProtocolICMPv4)
	case len(pkt) >= 40 && pkt[0]>>4 == 6:
		return pkt[6] == uint8(layers.IPProtocolICMPv6)
	}
	return false
}

// icmpReply is an ICMP destination unreachable the wire sends back toward
// the client instead of delivering its packet: what a router without a
// route, or a firewall that rejects (iptables REJECT --reject-with
// icmp-port-unreachable or icmp-admin-prohibited), sends.
type icmpReply struct {
	from netip.Addr // the error's source: the server itself, or a router
	code uint8      // destination unreachable code (RFC 792, RFC 1812)
}

// icmpQuoteMax is how much of the offending datagram an error quotes:
// Linux's icmp_send fills the error up to 576 bytes (RFC 1812 §4.3.2.3).
const icmpQuoteMax = 576 - 20 - 8

// forgeICMP builds the ICMP destination unreachable (type 3) answering the
// IPv4 packet pkt, quoting its header and as much of its data as fits.
func forgeICMP(pkt []byte, r icmpReply) ([]byte, error) {
	if len(pkt) < 20 || pkt[0]>>4 != 4 {
		return nil, fmt.Errorf("ICMP errors are forged for IPv4 only")
	}
	orig := netip.AddrFrom4([4]byte(pkt[12:16]))
	ip := &layers.IPv4{
		Version: 4, TTL: 64, Protocol: layers.IPProtocolICMPv4,
		SrcIP: r.from.AsSlice(), DstIP: orig.AsSlice(),
	}
	icmp := &layers.ICMPv4{TypeCode: layers.CreateICMPv4TypeCode(layers.ICMPv4TypeDestinationUnreachable, r.code)}
	quoted := pkt[:min(len(pkt), icmpQuoteMax)]
	buf := gopacket.NewSerializeBuffer()
	opts := gopacket.SerializeOptions{FixLengths: true, ComputeChecksums: true}
	if err := gopacket.SerializeLayers(buf, opts, ip, icmp, gopacket.Payload(quoted)); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func (s segment) String() string {
	return fmt.Sprintf("%v:%d > %v:%d [%s] seq=%d ack=%d len=%d ttl=%d",
		s.src, s.sport, s.dst, s.dport, s.flagString(), s.seq, s.ack, s.payload, s.ttl)
}
