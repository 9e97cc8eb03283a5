package decode

import (
	"encoding/binary"
	"fmt"
	"net/netip"
	"strconv"
	"strings"
)

// Row is one line of the packet list, in the columns of tshark's default
// output: No. Time Source → Destination Protocol Length Info.
type Row struct {
	Frame    int    // 1-based frame number
	Time     string // seconds since the first packet, at the capture's precision
	Src, Dst string
	Protocol string
	Length   int
	Info     string
	Stream   int // tcp.stream or udp.stream, -1 if none
}

// Row builds the list row of packet i, decoding its bytes again. prefix is
// prepended to the Info text (the analysis labels, e.g. "[TCP Dup ACK 5#1] ").
// buf is scratch space for the packet bytes. The application layer comes
// from the index's shared walker; code that formats rows on several
// goroutines gives each its own walker with RowWith.
func (x *Index) Row(i int, prefix string, buf []byte) (Row, []byte) {
	x.appMu.Lock()
	defer x.appMu.Unlock()
	if x.app == nil {
		x.app = NewAppWalker(x)
	}
	return x.RowWith(x.app, i, prefix, buf)
}

// RowWith is Row with the application layer dissected by w (nil: the row
// stops at the transport, as tshark's plain mode does).
func (x *Index) RowWith(w *AppWalker, i int, prefix string, buf []byte) (Row, []byte) {
	p := x.Packet(i)
	first := x.Packet(0)
	x.mu.RLock()
	defer x.mu.RUnlock()
	prec := 6
	if int(p.Iface) < len(x.ifaces) {
		prec = x.ifaces[p.Iface].Precision
	}
	r := Row{Frame: i + 1, Length: int(p.OrigLen), Stream: -1,
		Time: formatSeconds(p.Time-first.Time, prec)}
	if p.Bad&BadNoTime != 0 {
		r.Time = ""
	}
	if p.Proto == ProtoBlock {
		r.Protocol, r.Info = "PCAPNG", "Custom Block: PEN = "+penName(p.Seq)+" ("+strconv.FormatUint(uint64(p.Seq), 10)+"), will "+
			map[bool]string{true: "", false: "not "}[p.Ack == 1]+"be copied"
		return r, buf
	}
	r.Src, r.Dst = x.addrString(p.Src), x.addrString(p.Dst)
	if cap(buf) < int(p.CapLen) {
		buf = make([]byte, p.CapLen)
	}
	buf = buf[:p.CapLen]
	var h Headers
	if _, err := x.src.ReadAt(buf, p.Offset); err != nil {
		r.Protocol, r.Info = "?", "unreadable: "+err.Error()
		return r, buf
	}
	link := uint16(0)
	if int(p.Iface) < len(x.ifaces) {
		link = x.ifaces[p.Iface].LinkType
	}
	h.Parse(link, buf, p.OrigLen)
	if h.Fragment {
		if whole, ok := x.rebuild(x.fragments(i)); ok {
			h.completeDatagram(whole)
		}
	}
	var f *Flow
	if p.Flow >= 0 {
		f = x.flows.flows[p.Flow]
		r.Stream = f.Stream
	}
	r.Protocol, r.Info = describe(i, p, &h, f)
	x.mu.RUnlock()
	var app *AppResult
	if w != nil {
		app = w.At(i, false)
	}
	x.mu.RLock()
	switch {
	case app != nil && app.Overlap:
		// TCP's reassembly threw on the segment (decode.Resend)
		r.Info += "[Reassembly error, protocol TCP: New fragment overlaps old data (retransmission?)]"
	case app != nil && app.Locked:
		r.Info += " [TCP segment of a reassembled PDU]" + app.InfoSep + app.Info
	case app != nil && app.Proto != "" && app.KeepInfo:
		r.Protocol = app.Proto
		r.Info += app.Info
	case app != nil && app.Proto != "":
		r.Protocol, r.Info = app.Proto, app.WithLabels(prefix)
		prefix = ""
	case app != nil && app.Segment && app.SegmentInfo != "":
		r.Info = app.SegmentInfo + " [TCP segment of a reassembled PDU]"
	case app != nil && app.SegmentStart && !app.InfoSet:
		r.Info = "[TCP segment of a reassembled PDU]"
	case app != nil && app.Segment:
		if app.InfoSet {
			r.Info = app.WithLabels(prefix)
			prefix = ""
		}
		// TCP appends with col_append_sep_str(" "): no space on an
		// empty column
		if r.Info != "" {
			r.Info += " "
		}
		r.Info += "[TCP segment of a reassembled PDU]"
	}
	if r.Protocol == "TCP" && h.HasTransport && hasMPTCPOption(h.TCPOptions) {
		// packet-tcp.c names a segment that carries a Multipath TCP
		// option (RFC 8684) MPTCP; an application dissector after it
		// names it again
		r.Protocol = "MPTCP"
	}
	// a packet whose dissection stopped on missing bytes never returned
	// to the tunnel's dissector to be marked; TCP alone catches that in
	// its payload's dissectors
	stopped := strings.HasSuffix(r.Info, malformedMark) && (app == nil || h.IPProto != ProtoTCP)
	if !stopped {
		r.Protocol = encapProtocol(&h, r.Protocol)
	}
	if prefix != "" {
		r.Info = prefix + r.Info
	}
	if link == LinkPFLog {
		// pflog prepends its text once everything inside has written
		r.Info = pflogInfo(buf) + r.Info
	}
	return r, buf
}

func (x *Index) addrString(id uint32) string {
	if int(id) < len(x.addrs.list) {
		return x.addrs.list[id].String()
	}
	return ""
}

// formatSeconds prints ns nanoseconds as seconds with prec decimals, like tshark.
func formatSeconds(ns int64, prec int) string {
	neg := ns < 0
	if neg {
		ns = -ns
	}
	div := int64(pow10(9 - prec))
	v := ns / div
	unit := int64(pow10(prec))
	s := fmt.Sprintf("%d.%0*d", v/unit, prec, v%unit)
	if prec == 0 {
		s = strconv.FormatInt(v, 10)
	}
	if neg {
		s = "-" + s
	}
	return s
}

// malformedMark is what Wireshark appends to the Info column of a packet
// whose dissection stopped on bytes that were not there.
const malformedMark = "[Malformed Packet]"

// describe returns the Protocol and Info columns of a packet.
func describe(i int, p *Packet, h *Headers, f *Flow) (string, string) {
	switch p.Proto {
	case ProtoTCPPacket:
		if h.TransportBad {
			if proto, info, ok := shortTransport(h, ""); ok {
				return proto, info
			}
		}
		return "TCP", tcpInfo(i, p, h, f)
	case ProtoUDPPacket:
		if h.Term == EncapGTPU || h.Term == EncapGTPv2 {
			if proto, info, ok := gtpColumns(h.Payload); ok {
				return proto, info
			}
		}
		return "UDP", udpInfo(h)
	case ProtoICMPPacket:
		if info, ok := shortICMPInfo(p, h); ok {
			return "ICMP", info
		}
		return "ICMP", icmpInfo(p, h)
	case ProtoICMPv6Packet:
		if h.ICMPType == 128 && teredoBound(h) {
			// RFC 4380 §5.2.9: a Teredo client's echo request to a
			// non-Teredo peer is its direct IPv6 connectivity test;
			// tshark names any echo request sent to UDP port 3544 so.
			return "Teredo", "Direct IPv6 Connectivity Test" + strings.TrimPrefix(icmpv6Info(p, h), "Echo (ping) request")
		}
		return "ICMPv6", icmpv6Info(p, h)
	case ProtoARPPacket:
		proto, info := arpColumns(h)
		switch p.Ack { // matchARP's mark
		case 1:
			info += " (duplicate use of " + ipString(h.ARPSPA) + " detected!)"
		case 2:
			info += " (duplicate use of " + ipString(h.ARPTPA) + " detected!)"
		}
		return proto, info
	}
	for _, describe := range linkDescribers {
		if proto, info, ok := describe(h); ok {
			return proto, info
		}
	}
	if h.bogusInfo != "" {
		return h.bogusProto, h.bogusInfo
	}
	switch h.Net {
	case NetIPv4, NetIPv6:
		name := "IPv4"
		if h.Net == NetIPv6 {
			name = "IPv6"
		}
		if h.ipEmpty && h.Net == NetIPv6 {
			return ipv6EmptyColumns(h.IPProto)
		}
		if h.Fragment && h.Net == NetIPv6 {
			return name, ipv6FragInfo(h)
		}
		if h.Fragment {
			return name, fmt.Sprintf("Fragmented IP protocol (proto=%s %d, off=%d, ID=%04x)", protoName(h.IPProto), h.IPProto, int(h.FragOff)*8, h.IPID)
		}
		if h.TransportBad {
			if proto, info, ok := shortTransport(h, name); ok {
				return proto, info
			}
			return transportColumnName(h.IPProto), malformedMark
		}
		if h.Net == NetIPv6 && h.IPProto == ipv6NoNext {
			return name, "IPv6 no next header"
		}
		if h.Net == NetIPv6 {
			return name, fmt.Sprintf("Unknown IP Protocol: %s (%d)", protoName(h.IPProto), h.IPProto)
		}
		if h.ipEmpty {
			return name, "" // tshark hands an empty IPv4 payload to no dissector
		}
		return name, fmt.Sprintf("%s (%d)", protoName(h.IPProto), h.IPProto)
	}
	if h.viaSNAP && (h.snapOUI == 0 || h.snapOUI == 0xf8) {
		return "LLC", fmt.Sprintf("U, func=UI; SNAP, OUI 0x%06X (%s), PID 0x%04X", h.snapOUI, snapEtherOUIName(h.snapOUI), h.EtherType)
	}
	if h.EtherType != 0 || h.LinkPayload != nil {
		// packet-ethertype.c: the type's name when it has one
		info := "Ethernet II"
		if h.NumEncap > 0 && h.Encaps[h.NumEncap-1].Kind == EncapMACsec {
			info = macsecInnerInfo
		}
		if n, ok := etherTypeNames[h.EtherType]; ok {
			info = n
		}
		return fmt.Sprintf("0x%04x", h.EtherType), info
	}
	if h.Link >= linkUser0 && h.Link <= linkUser15 {
		// DLT_USER0-15 are private: Wireshark's user_dlt dissector, with
		// no table entry, hands the bytes to data and fills neither
		// column (tcpdump tests/unsupported-link-type-160.pcap)
		return "", ""
	}
	return "Unknown", fmt.Sprintf("link type %d", h.Link)
}

// The private link types DLT_USER0 to DLT_USER15.
const (
	linkUser0  = 147
	linkUser15 = 162
)

// capCut is what Wireshark appends when a header runs past the bytes the
// capture kept but not past the packet's length on the wire.
const capCut = "[Packet size limited during capture]"

// describeCut names a packet whose capture ends inside a header that the
// packet's length on the wire says was whole, as tshark does: the Protocol
// column is the last dissector that began, the Info column says the
// capture cut it (zeek trunc/trunc-hdr.pcap: 8 bytes of an Ethernet
// header; trunc/ip4-trunc.pcap: 6 bytes of an IPv4 header;
// trunc/ip-discarder-truncated-tcp-oob.pcapng: none of the TCP header;
// tcpdump tcp_header_heapoverflow.pcap: part of it, after the ports).
// A header cut short on the wire too stays malformed.
func describeCut(h *Headers) (string, string, bool) {
	if h.Missing == 0 {
		return "", "", false
	}
	switch {
	case h.Link == LinkEthernet && len(h.raw) < 14:
		return "Ethernet", capCut, true
	case h.Net == 0 && h.Link == LinkEthernet && h.EtherType == uint16(EtherTypeIPv4) && len(h.LinkPayload) < 20 && len(h.LinkPayload)+h.Missing >= 20:
		return "IPv4", capCut, true
	case h.Net == 0 && h.Link == LinkEthernet && h.EtherType == uint16(EtherTypeIPv6) && len(h.LinkPayload) < 40 && len(h.LinkPayload)+h.Missing >= 40:
		return "IPv6", capCut, true
	case (h.Net == NetIPv4 || h.Net == NetIPv6) && h.TransportBad && !h.Fragment && h.IPProto == ProtoTCP &&
		len(h.IPPayload) < 20 && len(h.IPPayload)+h.Missing >= 20:
		b := h.IPPayload
		switch {
		case len(b) == 0:
			if h.Net == NetIPv6 {
				return "IPv6", capCut, true
			}
			return "IPv4", capCut, true
		case len(b) < 4:
			return "TCP", capCut, true
		}
		return "TCP", fmt.Sprintf("%d → %d%s", binary.BigEndian.Uint16(b), binary.BigEndian.Uint16(b[2:]), capCut), true
	}
	return "", "", false
}

// ipv6NoNext is IPv6's "No Next Header" (RFC 8200 §4.7): nothing follows.
const ipv6NoNext = 59

// transportColumnName is the Protocol column of a transport header too
// short to read: the dissector that threw names the packet.
func transportColumnName(p uint8) string {
	switch p {
	case ProtoICMP:
		return "ICMP"
	case ProtoICMPv6:
		return "ICMPv6"
	}
	return protoName(p) // TCP, UDP
}

var tcpFlagNames = [...]string{"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "AE"}

// FlagString renders TCP flags the way Wireshark's Info column does: "SYN, ACK".
func FlagString(flags uint16) string { return flagString(flags, false) }

// flagString is FlagString, with the ACE counter for AE, CWR and ECE when
// the connection negotiated Accurate ECN (accecn.go): "ACK, ACE=2".
func flagString(flags uint16, useACE bool) string {
	var b strings.Builder
	for i, n := range tcpFlagNames {
		if useACE && uint16(1<<i)&accECNSetup != 0 {
			continue
		}
		if flags&(1<<i) != 0 {
			if b.Len() > 0 {
				b.WriteString(", ")
			}
			b.WriteString(n)
		}
	}
	if useACE {
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "ACE=%d", ace(flags))
	}
	if flags&FlagReserved != 0 {
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		b.WriteString("Reserved")
	}
	if b.Len() == 0 {
		return "<None>"
	}
	return b.String()
}

func tcpInfo(i int, p *Packet, h *Headers, f *Flow) string {
	var b strings.Builder
	b.Grow(96)
	fmt.Fprintf(&b, "%d → %d [%s] Seq=%d", h.SrcPort, h.DstPort, flagString(h.Flags, f.UsesACE(i, h.Flags)), f.RelSeq(i, p))
	if h.Flags&FlagACK != 0 {
		fmt.Fprintf(&b, " Ack=%d", f.RelAck(i, p))
	}
	fmt.Fprintf(&b, " Win=%d", f.WindowSize(i, p))
	if h.Flags&FlagURG != 0 {
		fmt.Fprintf(&b, " Urg=%d", h.Urgent)
	}
	fmt.Fprintf(&b, " Len=%d", h.PayloadLen)
	rev := f.BaseAt(i, p.Dir^1)
	TCPOptions(h.TCPOptions, func(kind byte, v []byte) {
		switch {
		case kind == 2 && len(v) == 2:
			fmt.Fprintf(&b, " MSS=%d", binary.BigEndian.Uint16(v))
		case kind == 3 && len(v) == 1:
			fmt.Fprintf(&b, " WS=%d", 1<<min(v[0], 14))
		case kind == 4:
			b.WriteString(" SACK_PERM")
		case kind == 5:
			for ; len(v) >= 8; v = v[8:] {
				fmt.Fprintf(&b, " SLE=%d SRE=%d", binary.BigEndian.Uint32(v)-rev, binary.BigEndian.Uint32(v[4:])-rev)
			}
		case kind == 8 && len(v) == 8:
			fmt.Fprintf(&b, " TSval=%d TSecr=%d", binary.BigEndian.Uint32(v), binary.BigEndian.Uint32(v[4:]))
		case (kind == 253 || kind == 254) && accECNInfo(v) != "":
			b.WriteString(accECNInfo(v))
		case kind == 34, kind == 254 && len(v) >= 2 && v[0] == 0xf9 && v[1] == 0x89:
			if kind == 254 {
				v = v[2:]
			}
			if len(v) == 0 {
				b.WriteString(" TFO=R")
			} else {
				b.WriteString(" TFO=C")
			}
		}
	})
	if h.Truncated {
		b.WriteString("[Packet size limited during capture]")
	}
	return b.String()
}

func isZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}

func ipString(b []byte) string {
	if a, ok := netip.AddrFromSlice(b); ok {
		return a.String()
	}
	return fmt.Sprintf("%x", b)
}

func macString(b []byte) string {
	if len(b) != 6 {
		return fmt.Sprintf("%x", b)
	}
	return makeAddr(AddrMAC, b).String()
}

// teredoBound reports whether the packet travelled in UDP to the Teredo
// port: the last UDP layer around it, whose ports tshark's ICMPv6
// dissector sees.
func teredoBound(h *Headers) bool {
	for i := int(h.NumEncap) - 1; i >= 0; i-- {
		if _, dp, ok := h.OuterUDP(i); ok {
			return dp == portTeredo
		}
	}
	return false
}

// linkDescribers name a packet whose transport ladder did not reach, each
// for what it knows (a tunnel's encapsulation, a header cut short, a link
// type's own frames), in the order their rows are tried: the first that
// claims the packet gives its Protocol and Info.
var linkDescribers = [...]func(*Headers) (proto, info string, ok bool){
	describeEncap, describeCut, describeCHDLC, describeLinkOnly, describeIPNET, describeFR, describeATM, describeRadioHeader,
}
