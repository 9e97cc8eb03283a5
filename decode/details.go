package decode

import (
	"encoding/binary"
	"fmt"
	"net/netip"
	"strings"
	"time"
)

// Field is one line of the packet details tree, as Wireshark's details pane
// shows it: a label, the bytes it was read from (for highlighting in the hex
// view) and its children. Name is Wireshark's field abbreviation ("ip.ttl"),
// so the tree can be checked against tshark's PDML and searched by filter
// name; it is empty for lines that are only text.
type Field struct {
	Name     string
	Label    string
	Start    int // offset in the captured bytes
	Len      int // 0 for generated lines that have no bytes of their own
	Children []Field
}

// Details decodes packet i again from its file offset into a details tree.
// It returns the tree and the packet's captured bytes (in buf, grown as
// needed) so a hex view can show both. Built on demand, for one packet at a
// time: nothing of it is kept in the index.
func (x *Index) Details(i int, buf []byte) ([]Field, []byte, error) {
	p := x.Packet(i)
	data, err := x.Data(i, buf)
	if err != nil {
		return nil, data, err
	}
	iface := x.Interface(p.Iface)
	ctx := tcpContext{stream: -1}
	if f := x.Flow(p); f != nil {
		x.mu.RLock()
		ctx = tcpContext{stream: f.Stream, seqBase: f.BaseAt(i, p.Dir), ackBase: f.BaseAt(i, p.Dir^1),
			window: f.WindowSize(i, p), known: f.Proto == ProtoTCPPacket}
		x.mu.RUnlock()
	}
	frame := frameField(i+1, p, iface)
	if p.Proto == ProtoBlock {
		return []Field{frame}, data, nil
	}
	return append([]Field{frame}, dissect(iface.LinkType, data, p.OrigLen, ctx)...), data, nil
}

// tcpContext is what the flow model adds to a TCP header: the stream number
// and the bases that make sequence numbers relative, as Wireshark shows them.
type tcpContext struct {
	stream           int
	seqBase, ackBase uint32
	window           uint32
	known            bool
}

func frameField(frame int, p *Packet, iface Interface) Field {
	t := time.Unix(0, p.Time).UTC()
	f := Field{Name: "frame", Len: int(p.CapLen),
		Label: fmt.Sprintf("Frame %d: %d bytes on wire (%d bits), %d bytes captured (%d bits)",
			frame, p.OrigLen, p.OrigLen*8, p.CapLen, p.CapLen*8)}
	if iface.Name != "" {
		f.Label += " on interface " + Printable(iface.Name)
	}
	if p.Bad&BadNoTime == 0 {
		f.Children = append(f.Children,
			Field{Name: "frame.time", Label: "Arrival Time: " + t.Format("Jan _2, 2006 15:04:05.000000000 MST")},
			Field{Name: "frame.time_epoch", Label: fmt.Sprintf("Epoch Time: %d.%09d seconds", p.Time/1e9, p.Time%1e9)})
	}
	f.Children = append(f.Children,
		Field{Name: "frame.number", Label: fmt.Sprintf("Frame Number: %d", frame)},
		Field{Name: "frame.len", Label: fmt.Sprintf("Frame Length: %d bytes (%d bits)", p.OrigLen, p.OrigLen*8)},
		Field{Name: "frame.cap_len", Label: fmt.Sprintf("Capture Length: %d bytes (%d bits)", p.CapLen, p.CapLen*8)})
	return f
}

// dissect builds the details tree of one packet's link, network and
// transport layers from its captured bytes. It never reads outside data:
// a truncated header ends the tree with a "[Malformed Packet]" line.
func dissect(link uint16, data []byte, origLen uint32, ctx tcpContext) []Field {
	d := dissector{data: data, ctx: ctx, missing: max(int(origLen)-len(data), 0)}
	d.link(link)
	if len(d.out) == 0 && len(data) > 0 {
		d.rest(0)
	}
	return d.out
}

// dissector appends top-level layers to out as it walks the packet.
type dissector struct {
	data    []byte
	missing int // bytes on the wire the capture cut off: lengths are judged by the wire, reads by data
	ctx     tcpContext
	out     []Field
}

// has reports whether n bytes are captured at off.
func (d *dissector) has(off, n int) bool { return off >= 0 && n >= 0 && off+n <= len(d.data) }

func (d *dissector) u8(off int) int  { return int(d.data[off]) }
func (d *dissector) u16(off int) int { return int(binary.BigEndian.Uint16(d.data[off:])) }
func (d *dissector) u32(off int) uint32 {
	return binary.BigEndian.Uint32(d.data[off:])
}

func (d *dissector) malformed(off int) {
	d.out = append(d.out, Field{Name: "_ws.malformed", Label: "[Malformed Packet: truncated header]",
		Start: min(off, len(d.data)), Len: max(len(d.data)-off, 0)})
}

func (d *dissector) link(link uint16) {
	switch link {
	case LinkEthernet:
		d.ethernet(0)
	case LinkRaw, LinkRawBSD, LinkRawBSD14, LinkIPv4, LinkIPv6:
		d.out = append(d.out, Field{Name: "raw", Label: "Raw packet data", Len: len(d.data)})
		d.ipByVersion(0)
	case LinkNull, LinkLoop:
		if !d.has(0, 4) {
			d.malformed(0)
			return
		}
		af := binary.BigEndian.Uint32(d.data)
		if link == LinkNull {
			if le := binary.LittleEndian.Uint32(d.data); le&0xffff != 0 {
				af = le
			}
		}
		d.out = append(d.out, Field{Name: "null", Label: "Null/Loopback", Len: 4, Children: []Field{
			{Name: "null.family", Label: fmt.Sprintf("Family: %s (%d)", familyName(af), af), Len: 4}}})
		switch af {
		case 2:
			d.ipv4(4)
		case 10, 24, 28, 30:
			d.ipv6(4)
		default:
			d.rest(4)
		}
	case LinkLinuxSLL:
		if !d.has(0, 16) {
			d.malformed(0)
			return
		}
		et := d.u16(14)
		f := Field{Name: "sll", Label: "Linux cooked capture v1", Len: 16, Children: []Field{
			{Name: "sll.pkttype", Label: fmt.Sprintf("Packet type: %s (%d)", sllPacketType(d.u16(0)), d.u16(0)), Len: 2},
			{Name: "sll.hatype", Label: fmt.Sprintf("Link-layer address type: %d", d.u16(2)), Start: 2, Len: 2},
			{Name: "sll.halen", Label: fmt.Sprintf("Link-layer address length: %d", d.u16(4)), Start: 4, Len: 2},
		}}
		if d.u16(4) == 6 {
			f.Children = append(f.Children, Field{Name: "sll.src.eth", Label: "Source: " + macString(d.data[6:12]), Start: 6, Len: 6})
		}
		f.Children = append(f.Children, Field{Name: "sll.etype", Label: "Protocol: " + etherTypeName(et), Start: 14, Len: 2})
		d.out = append(d.out, f)
		d.etherPayload(et, 16)
	case LinkSLL2:
		if !d.has(0, 20) {
			d.malformed(0)
			return
		}
		et := d.u16(0)
		f := Field{Name: "sll", Label: "Linux cooked capture v2", Len: 20, Children: []Field{
			{Name: "sll.etype", Label: "Protocol: " + etherTypeName(et), Len: 2},
			{Name: "sll.ifindex", Label: fmt.Sprintf("Interface index: %d", d.u32(4)), Start: 4, Len: 4},
			{Name: "sll.hatype", Label: fmt.Sprintf("Link-layer address type: %d", d.u16(8)), Start: 8, Len: 2},
			{Name: "sll.pkttype", Label: fmt.Sprintf("Packet type: %s (%d)", sllPacketType(d.u8(10)), d.u8(10)), Start: 10, Len: 1},
			{Name: "sll.halen", Label: fmt.Sprintf("Link-layer address length: %d", d.u8(11)), Start: 11, Len: 1},
		}}
		if d.u8(11) == 6 {
			f.Children = append(f.Children, Field{Name: "sll.src.eth", Label: "Source: " + macString(d.data[12:18]), Start: 12, Len: 6})
		}
		d.out = append(d.out, f)
		d.etherPayload(et, 20)
	default:
		d.rest(0)
	}
}

func familyName(af uint32) string {
	switch af {
	case 2:
		return "IP"
	case 10, 24, 28, 30:
		return "IPv6"
	}
	return "Unknown"
}

func sllPacketType(t int) string {
	names := []string{"Unicast to us", "Broadcast", "Multicast", "Unicast to another host", "Sent by us"}
	if t >= 0 && t < len(names) {
		return names[t]
	}
	return "Unknown"
}

func etherTypeName(et int) string {
	names := map[int]string{0x0800: "IPv4", 0x86dd: "IPv6", 0x0806: "ARP", 0x8100: "802.1Q Virtual LAN",
		0x88a8: "802.1ad Provider Bridge (Q-in-Q)", 0x8847: "MPLS label switched packet"}
	if n, ok := names[et]; ok {
		return fmt.Sprintf("%s (0x%04x)", n, et)
	}
	return fmt.Sprintf("Unknown (0x%04x)", et)
}

func (d *dissector) ethernet(off int) {
	if !d.has(off, 14) {
		d.malformed(off)
		return
	}
	dst, src := macString(d.data[off:off+6]), macString(d.data[off+6:off+12])
	et := d.u16(off + 12)
	if et <= 1500 { // a length, not a type: IEEE 802.3 with an LLC header we do not decode
		d.out = append(d.out, Field{Name: "eth", Label: "IEEE 802.3 Ethernet ", Start: off, Len: 14,
			Children: []Field{
				{Name: "eth.dst", Label: "Destination: " + dst, Start: off, Len: 6},
				{Name: "eth.src", Label: "Source: " + src, Start: off + 6, Len: 6},
				{Name: "eth.len", Label: fmt.Sprintf("Length: %d", et), Start: off + 12, Len: 2},
			}})
		if n := len(d.data) - off - 14; n > 0 {
			d.out = append(d.out, Field{Label: fmt.Sprintf("Logical-Link Control and payload (%d bytes)", n), Start: off + 14, Len: n})
		}
		return
	}
	d.out = append(d.out, Field{Name: "eth", Label: "Ethernet II, Src: " + src + ", Dst: " + dst, Start: off, Len: 14,
		Children: []Field{
			{Name: "eth.dst", Label: "Destination: " + dst, Start: off, Len: 6},
			{Name: "eth.src", Label: "Source: " + src, Start: off + 6, Len: 6},
			{Name: "eth.type", Label: "Type: " + etherTypeName(et), Start: off + 12, Len: 2},
		}})
	off += 14
	for depth := 0; (et == 0x8100 || et == 0x88a8 || et == 0x9100) && depth < 8; depth++ {
		if !d.has(off, 4) {
			d.malformed(off)
			return
		}
		tci := d.u16(off)
		next := d.u16(off + 2)
		d.out = append(d.out, Field{Name: "vlan", Label: fmt.Sprintf("802.1Q Virtual LAN, PRI: %d, DEI: %d, ID: %d", tci>>13, tci>>12&1, tci&0xfff),
			Start: off, Len: 4, Children: []Field{
				{Name: "vlan.priority", Label: fmt.Sprintf("%s = Priority: %d", bitString(uint32(tci), 16, 0xe000), tci>>13), Start: off, Len: 2},
				{Name: "vlan.dei", Label: fmt.Sprintf("%s = DEI: %d", bitString(uint32(tci), 16, 0x1000), tci>>12&1), Start: off, Len: 2},
				{Name: "vlan.id", Label: fmt.Sprintf("%s = ID: %d", bitString(uint32(tci), 16, 0x0fff), tci&0xfff), Start: off, Len: 2},
				{Name: "vlan.etype", Label: "Type: " + etherTypeName(next), Start: off + 2, Len: 2},
			}})
		et = next
		off += 4
	}
	d.etherPayload(et, off)
}

func (d *dissector) etherPayload(et, off int) {
	switch et {
	case 0x0800:
		d.ipv4(off)
	case 0x86dd:
		d.ipv6(off)
	case 0x0806:
		d.arp(off)
	case 0x8847, 0x8848:
		d.mpls(off)
	default:
		d.rest(off)
	}
}

func (d *dissector) mpls(off int) {
	for range 16 {
		if !d.has(off, 4) {
			d.malformed(off)
			return
		}
		v := d.u32(off)
		d.out = append(d.out, Field{Name: "mpls", Start: off, Len: 4,
			Label: fmt.Sprintf("MultiProtocol Label Switching Header, Label: %d, Exp: %d, S: %d, TTL: %d", v>>12, v>>9&7, v>>8&1, v&0xff)})
		off += 4
		if v>>8&1 != 0 {
			d.ipByVersion(off)
			return
		}
	}
}

func (d *dissector) ipByVersion(off int) {
	if !d.has(off, 1) {
		return
	}
	switch d.data[off] >> 4 {
	case 4:
		d.ipv4(off)
	case 6:
		d.ipv6(off)
	default:
		d.rest(off)
	}
}

// bitString renders the bits of v (width bits wide) selected by mask the way
// Wireshark labels bit fields: "0100 .... = Version: 4".
func bitString(v uint32, width int, mask uint32) string {
	var b strings.Builder
	for i := width - 1; i >= 0; i-- {
		switch {
		case mask>>i&1 == 0:
			b.WriteByte('.')
		case v>>i&1 != 0:
			b.WriteByte('1')
		default:
			b.WriteByte('0')
		}
		if i > 0 && i%4 == 0 {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

func setNotSet(v uint32, mask uint32) string {
	if v&mask != 0 {
		return "Set"
	}
	return "Not set"
}

var dscpNames = map[int][2]string{
	0: {"CS0", "Default"}, 8: {"CS1", "Class Selector 1"}, 10: {"AF11", "Assured Forwarding 11"},
	12: {"AF12", "Assured Forwarding 12"}, 14: {"AF13", "Assured Forwarding 13"}, 16: {"CS2", "Class Selector 2"},
	18: {"AF21", "Assured Forwarding 21"}, 20: {"AF22", "Assured Forwarding 22"}, 22: {"AF23", "Assured Forwarding 23"},
	24: {"CS3", "Class Selector 3"}, 26: {"AF31", "Assured Forwarding 31"}, 28: {"AF32", "Assured Forwarding 32"},
	30: {"AF33", "Assured Forwarding 33"}, 32: {"CS4", "Class Selector 4"}, 34: {"AF41", "Assured Forwarding 41"},
	36: {"AF42", "Assured Forwarding 42"}, 38: {"AF43", "Assured Forwarding 43"}, 40: {"CS5", "Class Selector 5"},
	44: {"VOICE-ADMIT", "Voice Admit"}, 46: {"EF PHB", "Expedited Forwarding"}, 48: {"CS6", "Class Selector 6"},
	56: {"CS7", "Class Selector 7"},
}

var ecnNames = [4][2]string{
	{"Not-ECT", "Not ECN-Capable Transport"}, {"ECT(1)", "ECN-Capable Transport codepoint '01'"},
	{"ECT(0)", "ECN-Capable Transport codepoint '10'"}, {"CE", "Congestion Experienced"},
}

// dsFields renders the DSCP/ECN byte found in IPv4's DS field and IPv6's
// traffic class.
func dsNames(ds int) (dscp [2]string, ecn [2]string) {
	dscp, ok := dscpNames[ds>>2]
	if !ok {
		dscp = [2]string{"Unknown", "Unknown"}
	}
	return dscp, ecnNames[ds&3]
}

func (d *dissector) ipv4(off int) {
	if !d.has(off, 20) {
		d.malformed(off)
		return
	}
	b0 := d.u8(off)
	ihl := (b0 & 0x0f) * 4
	if ihl < 20 || !d.has(off, ihl) {
		d.malformed(off)
		return
	}
	src := netip.AddrFrom4([4]byte(d.data[off+12 : off+16])).String()
	dst := netip.AddrFrom4([4]byte(d.data[off+16 : off+20])).String()
	ds := d.u8(off + 1)
	dscp, ecn := dsNames(ds)
	total := d.u16(off + 2)
	flags := d.u16(off + 6)
	proto := d.u8(off + 9)
	var flagNames []string
	if flags&0x4000 != 0 {
		flagNames = append(flagNames, "Don't fragment")
	}
	if flags&0x2000 != 0 {
		flagNames = append(flagNames, "More fragments")
	}
	flagLabel := fmt.Sprintf("%s = Flags: 0x%x", bitString(uint32(flags>>8), 8, 0xe0), flags>>13)
	if len(flagNames) > 0 {
		flagLabel += ", " + strings.Join(flagNames, ", ")
	}
	f := Field{Name: "ip", Label: "Internet Protocol Version 4, Src: " + src + ", Dst: " + dst, Start: off, Len: ihl,
		Children: []Field{
			{Name: "ip.version", Label: fmt.Sprintf("%s = Version: %d", bitString(uint32(b0), 8, 0xf0), b0>>4), Start: off, Len: 1},
			{Name: "ip.hdr_len", Label: fmt.Sprintf("%s = Header Length: %d bytes (%d)", bitString(uint32(b0), 8, 0x0f), ihl, b0&0x0f), Start: off, Len: 1},
			{Name: "ip.dsfield", Label: fmt.Sprintf("Differentiated Services Field: 0x%02x (DSCP: %s, ECN: %s)", ds, dscp[0], ecn[0]), Start: off + 1, Len: 1,
				Children: []Field{
					{Name: "ip.dsfield.dscp", Label: fmt.Sprintf("%s = Differentiated Services Codepoint: %s (%d)", bitString(uint32(ds), 8, 0xfc), dscp[1], ds>>2), Start: off + 1, Len: 1},
					{Name: "ip.dsfield.ecn", Label: fmt.Sprintf("%s = Explicit Congestion Notification: %s (%d)", bitString(uint32(ds), 8, 0x03), ecn[1], ds&3), Start: off + 1, Len: 1},
				}},
			{Name: "ip.len", Label: fmt.Sprintf("Total Length: %d", total), Start: off + 2, Len: 2},
			{Name: "ip.id", Label: fmt.Sprintf("Identification: 0x%04x (%d)", d.u16(off+4), d.u16(off+4)), Start: off + 4, Len: 2},
			{Name: "ip.flags", Label: flagLabel, Start: off + 6, Len: 1, Children: []Field{
				{Name: "ip.flags.rb", Label: fmt.Sprintf("%s = Reserved bit: %s", bitString(uint32(flags>>8), 8, 0x80), setNotSet(uint32(flags), 0x8000)), Start: off + 6, Len: 1},
				{Name: "ip.flags.df", Label: fmt.Sprintf("%s = Don't fragment: %s", bitString(uint32(flags>>8), 8, 0x40), setNotSet(uint32(flags), 0x4000)), Start: off + 6, Len: 1},
				{Name: "ip.flags.mf", Label: fmt.Sprintf("%s = More fragments: %s", bitString(uint32(flags>>8), 8, 0x20), setNotSet(uint32(flags), 0x2000)), Start: off + 6, Len: 1},
			}},
			{Name: "ip.frag_offset", Label: fmt.Sprintf("%s = Fragment Offset: %d", bitString(uint32(flags), 16, 0x1fff), (flags&0x1fff)*8), Start: off + 6, Len: 2},
			{Name: "ip.ttl", Label: fmt.Sprintf("Time to Live: %d", d.u8(off+8)), Start: off + 8, Len: 1},
			{Name: "ip.proto", Label: fmt.Sprintf("Protocol: %s (%d)", ipProtoName(uint8(proto)), proto), Start: off + 9, Len: 1},
			{Name: "ip.checksum", Label: fmt.Sprintf("Header Checksum: 0x%04x [validation disabled]", d.u16(off+10)), Start: off + 10, Len: 2},
			{Name: "ip.src", Label: "Source Address: " + src, Start: off + 12, Len: 4},
			{Name: "ip.dst", Label: "Destination Address: " + dst, Start: off + 16, Len: 4},
		}}
	if ihl > 20 {
		f.Children = append(f.Children, Field{Name: "ip.options", Label: fmt.Sprintf("Options: (%d bytes)", ihl-20), Start: off + 20, Len: ihl - 20})
	}
	d.out = append(d.out, f)
	if flags&0x3fff != 0 {
		d.rest(off + ihl) // a fragment: its payload is not a whole transport header
		return
	}
	wire := len(d.data) + d.missing
	end := min(off+max(total, ihl), wire)
	if total == 0 {
		end = wire // segmentation offload leaves the length zero
	}
	d.transport(proto, off+ihl, end)
}

func (d *dissector) ipv6(off int) {
	if !d.has(off, 40) {
		d.malformed(off)
		return
	}
	first := d.u32(off)
	tc := int(first >> 20 & 0xff)
	dscp, ecn := dsNames(tc)
	plen := d.u16(off + 4)
	next := d.u8(off + 6)
	src := netip.AddrFrom16([16]byte(d.data[off+8 : off+24])).String()
	dst := netip.AddrFrom16([16]byte(d.data[off+24 : off+40])).String()
	f := Field{Name: "ipv6", Label: "Internet Protocol Version 6, Src: " + src + ", Dst: " + dst, Start: off, Len: 40,
		Children: []Field{
			{Name: "ipv6.version", Label: fmt.Sprintf("%s = Version: %d", bitString(first>>24, 8, 0xf0), first>>28), Start: off, Len: 1},
			{Name: "ipv6.tclass", Label: fmt.Sprintf("%s = Traffic Class: 0x%02x (DSCP: %s, ECN: %s)", bitString(first, 32, 0x0ff00000), tc, dscp[0], ecn[0]), Start: off, Len: 4},
			{Name: "ipv6.flow", Label: fmt.Sprintf("%s = Flow Label: 0x%05x", bitString(first&0xfffff, 24, 0xfffff), first&0xfffff), Start: off + 1, Len: 3},
			{Name: "ipv6.plen", Label: fmt.Sprintf("Payload Length: %d", plen), Start: off + 4, Len: 2},
			{Name: "ipv6.nxt", Label: fmt.Sprintf("Next Header: %s (%d)", ipProtoName(uint8(next)), next), Start: off + 6, Len: 1},
			{Name: "ipv6.hlim", Label: fmt.Sprintf("Hop Limit: %d", d.u8(off+7)), Start: off + 7, Len: 1},
			{Name: "ipv6.src", Label: "Source Address: " + src, Start: off + 8, Len: 16},
			{Name: "ipv6.dst", Label: "Destination Address: " + dst, Start: off + 24, Len: 16},
		}}
	wire := len(d.data) + d.missing
	end := min(off+40+plen, wire)
	if plen == 0 {
		end = wire
	}
	p := off + 40
	for range 16 {
		switch next {
		case 0, 43, 44, 51, 60:
			n := 8
			if !d.has(p, 8) {
				d.out = append(d.out, f)
				d.malformed(p)
				return
			}
			switch next {
			case 0, 43, 60:
				n = (d.u8(p+1) + 1) * 8
			case 51:
				n = (d.u8(p+1) + 2) * 4
			}
			if !d.has(p, n) || p+n > end {
				d.out = append(d.out, f)
				d.malformed(p)
				return
			}
			f.Children = append(f.Children, Field{Name: "ipv6.ext", Start: p, Len: n,
				Label: fmt.Sprintf("%s Header, Length: %d", ipv6ExtName(next), n)})
			if next == 44 && d.u16(p+2)&0xfff9 != 0 {
				d.out = append(d.out, f)
				d.rest(p + 8)
				return
			}
			next = d.u8(p)
			p += n
		default:
			d.out = append(d.out, f)
			d.transport(next, p, end)
			return
		}
	}
	d.out = append(d.out, f)
}

func ipv6ExtName(n int) string {
	switch n {
	case 0:
		return "IPv6 Hop-by-Hop Option"
	case 43:
		return "Routing"
	case 44:
		return "Fragment"
	case 51:
		return "Authentication"
	}
	return "Destination Options"
}

// transport dissects the IP payload from off to end, the end the IP header
// claims (cut to the packet's length on the wire, which may exceed what was
// captured: every read is checked against the captured bytes).
func (d *dissector) transport(proto, off, end int) {
	switch proto {
	case ProtoTCP:
		d.tcp(off, end)
	case ProtoUDP:
		d.udp(off, end)
	case ProtoICMP:
		d.icmp(off, end, "icmp", "Internet Control Message Protocol")
	case ProtoICMPv6:
		d.icmp(off, end, "icmpv6", "Internet Control Message Protocol v6")
	default:
		d.rest(off)
	}
}

var tcpFlagBits = [...]struct {
	bit  uint16
	name string
	abbr string
}{
	{0x0e00, "Reserved", "tcp.flags.res"}, {FlagAE, "Accurate ECN", "tcp.flags.ae"},
	{FlagCWR, "Congestion Window Reduced", "tcp.flags.cwr"}, {FlagECE, "ECN-Echo", "tcp.flags.ece"},
	{FlagURG, "Urgent", "tcp.flags.urg"}, {FlagACK, "Acknowledgment", "tcp.flags.ack"},
	{FlagPSH, "Push", "tcp.flags.push"}, {FlagRST, "Reset", "tcp.flags.reset"},
	{FlagSYN, "Syn", "tcp.flags.syn"}, {FlagFIN, "Fin", "tcp.flags.fin"},
}

func (d *dissector) tcp(off, end int) {
	if !d.has(off, 20) {
		d.malformed(off)
		return
	}
	hl := d.u8(off+12) >> 4 * 4
	if hl < 20 {
		d.malformed(off)
		return
	}
	sp, dp := d.u16(off), d.u16(off+2)
	seq, ack := d.u32(off+4), d.u32(off+8)
	flags := uint16(d.u16(off+12) & 0x0fff)
	win := d.u16(off + 14)
	payload := max(end-off-hl, 0)
	ctx := d.ctx
	relSeq, relAck := seq-ctx.seqBase, ack-ctx.ackBase
	label := fmt.Sprintf("Transmission Control Protocol, Src Port: %d, Dst Port: %d, Seq: %d", sp, dp, relSeq)
	if flags&FlagACK != 0 {
		label += fmt.Sprintf(", Ack: %d", relAck)
	}
	label += fmt.Sprintf(", Len: %d", payload)
	f := Field{Name: "tcp", Label: label, Start: off, Len: min(hl, len(d.data)-off), Children: []Field{
		{Name: "tcp.srcport", Label: fmt.Sprintf("Source Port: %d", sp), Start: off, Len: 2},
		{Name: "tcp.dstport", Label: fmt.Sprintf("Destination Port: %d", dp), Start: off + 2, Len: 2},
	}}
	if ctx.known {
		f.Children = append(f.Children, Field{Name: "tcp.stream", Label: fmt.Sprintf("[Stream index: %d]", ctx.stream), Start: off})
	}
	f.Children = append(f.Children,
		Field{Name: "tcp.len", Label: fmt.Sprintf("[TCP Segment Len: %d]", payload), Start: off},
		Field{Name: "tcp.seq", Label: fmt.Sprintf("Sequence Number: %d    (relative sequence number)", relSeq), Start: off + 4, Len: 4},
		Field{Name: "tcp.seq_raw", Label: fmt.Sprintf("Sequence Number (raw): %d", seq), Start: off + 4, Len: 4})
	if flags&FlagACK != 0 {
		f.Children = append(f.Children,
			Field{Name: "tcp.ack", Label: fmt.Sprintf("Acknowledgment Number: %d    (relative ack number)", relAck), Start: off + 8, Len: 4})
	} else {
		f.Children = append(f.Children, Field{Name: "tcp.ack", Label: "Acknowledgment Number: 0", Start: off + 8, Len: 4})
	}
	f.Children = append(f.Children,
		Field{Name: "tcp.ack_raw", Label: fmt.Sprintf("Acknowledgment number (raw): %d", ack), Start: off + 8, Len: 4},
		Field{Name: "tcp.hdr_len", Label: fmt.Sprintf("%s = Header Length: %d bytes (%d)", bitString(uint32(d.u8(off+12)), 8, 0xf0), hl, hl/4), Start: off + 12, Len: 1})
	flagField := Field{Name: "tcp.flags", Label: fmt.Sprintf("Flags: 0x%03x (%s)", flags, FlagString(flags)), Start: off + 12, Len: 2}
	if flags == 0 {
		flagField.Label = "Flags: 0x000"
	}
	for _, fb := range tcpFlagBits {
		at := off + 13 // the bits of the first byte (reserved, AE) are highlighted there
		if fb.bit > 0xff {
			at = off + 12
		}
		flagField.Children = append(flagField.Children, Field{Name: fb.abbr, Start: at, Len: 1,
			Label: fmt.Sprintf("%s = %s: %s", bitString(uint32(flags), 12, uint32(fb.bit)), fb.name, setNotSet(uint32(flags), uint32(fb.bit)))})
	}
	flagField.Children = append(flagField.Children, Field{Name: "tcp.flags.str", Label: "[TCP Flags: " + flagSymbols(flags) + "]", Start: off + 12, Len: 2})
	f.Children = append(f.Children, flagField,
		Field{Name: "tcp.window_size_value", Label: fmt.Sprintf("Window: %d", win), Start: off + 14, Len: 2})
	if ctx.known {
		f.Children = append(f.Children, Field{Name: "tcp.window_size", Label: fmt.Sprintf("[Calculated window size: %d]", ctx.window), Start: off + 14, Len: 2})
	}
	f.Children = append(f.Children,
		Field{Name: "tcp.checksum", Label: fmt.Sprintf("Checksum: 0x%04x [unverified]", d.u16(off+16)), Start: off + 16, Len: 2},
		Field{Name: "tcp.urgent_pointer", Label: fmt.Sprintf("Urgent Pointer: %d", d.u16(off+18)), Start: off + 18, Len: 2})
	if hl > 20 {
		optEnd := min(off+hl, len(d.data))
		f.Children = append(f.Children, d.tcpOptions(off+20, optEnd, hl-20))
	}
	if payload > 0 && off+hl < len(d.data) {
		pl := min(end, len(d.data)) - (off + hl)
		if pl > 0 {
			f.Children = append(f.Children, Field{Name: "tcp.payload", Label: fmt.Sprintf("TCP payload (%d bytes)", pl), Start: off + hl, Len: pl})
		}
	}
	d.out = append(d.out, f)
}

// flagSymbols is Wireshark's tcp.flags.str: one character per flag bit from
// the reserved bits down to FIN, with a middle dot for bits not set.
func flagSymbols(flags uint16) string {
	const sym = "RRRACEUAPRSF"
	var b strings.Builder
	for i := 11; i >= 0; i-- {
		if flags>>i&1 != 0 {
			b.WriteByte(sym[11-i])
		} else {
			b.WriteString("·")
		}
	}
	return b.String()
}

func (d *dissector) tcpOptions(off, end, claimed int) Field {
	opts := Field{Name: "tcp.options", Start: off, Len: end - off}
	var names []string
	p := off
	for p < end {
		kind := d.u8(p)
		if kind == 0 {
			opts.Children = append(opts.Children, Field{Name: "tcp.options.eol", Label: "TCP Option - End of Option List (EOL)", Start: p, Len: 1,
				Children: []Field{{Name: "tcp.option_kind", Label: "Kind: End of Option List (0)", Start: p, Len: 1}}})
			names = append(names, "End of Option List (EOL)")
			p++
			if p < end {
				opts.Children = append(opts.Children, Field{Name: "tcp.options.padding", Label: fmt.Sprintf("TCP Option - Padding (%d bytes)", end-p), Start: p, Len: end - p})
			}
			break
		}
		if kind == 1 {
			opts.Children = append(opts.Children, Field{Name: "tcp.options.nop", Label: "TCP Option - No-Operation (NOP)", Start: p, Len: 1,
				Children: []Field{{Name: "tcp.option_kind", Label: "Kind: No-Operation (1)", Start: p, Len: 1}}})
			names = append(names, "No-Operation (NOP)")
			p++
			continue
		}
		if p+2 > end {
			opts.Children = append(opts.Children, Field{Label: "[Malformed option: no length byte]", Start: p, Len: end - p})
			break
		}
		n := d.u8(p + 1)
		if n < 2 || p+n > end {
			opts.Children = append(opts.Children, Field{Label: fmt.Sprintf("[Malformed option: kind %d, length %d]", kind, n), Start: p, Len: end - p})
			break
		}
		o, name := d.tcpOption(kind, p, n)
		opts.Children = append(opts.Children, o)
		names = append(names, name)
		p += n
	}
	opts.Label = fmt.Sprintf("Options: (%d bytes)", claimed)
	if len(names) > 0 {
		opts.Label += ", " + strings.Join(names, ", ")
	}
	return opts
}

// tcpOption dissects one option of kind with total length n at p and
// returns its subtree and its name for the Options summary line.
func (d *dissector) tcpOption(kind, p, n int) (Field, string) {
	kindName := map[int]string{2: "Maximum Segment Size", 3: "Window Scale", 4: "SACK Permitted", 5: "SACK",
		8: "Time Stamp Option", 34: "TCP Fast Open Cookie"}[kind]
	if kindName == "" {
		kindName = "Unknown"
	}
	kf := []Field{
		{Name: "tcp.option_kind", Label: fmt.Sprintf("Kind: %s (%d)", kindName, kind), Start: p, Len: 1},
		{Name: "tcp.option_len", Label: fmt.Sprintf("Length: %d", n), Start: p + 1, Len: 1},
	}
	o := Field{Start: p, Len: n}
	switch {
	case kind == 2 && n == 4:
		mss := d.u16(p + 2)
		o.Name, o.Label = "tcp.options.mss", fmt.Sprintf("TCP Option - Maximum segment size: %d bytes", mss)
		o.Children = append(kf, Field{Name: "tcp.options.mss_val", Label: fmt.Sprintf("MSS Value: %d", mss), Start: p + 2, Len: 2})
		return o, "Maximum segment size"
	case kind == 3 && n == 3:
		sh := d.u8(p + 2)
		mult := 1 << min(sh, 14)
		o.Name, o.Label = "tcp.options.wscale", fmt.Sprintf("TCP Option - Window scale: %d (multiply by %d)", sh, mult)
		o.Children = append(kf, Field{Name: "tcp.options.wscale.shift", Label: fmt.Sprintf("Shift count: %d", sh), Start: p + 2, Len: 1},
			Field{Name: "tcp.options.wscale.multiplier", Label: fmt.Sprintf("[Multiplier: %d]", mult), Start: p + 2, Len: 1})
		return o, "Window scale"
	case kind == 4 && n == 2:
		o.Name, o.Label, o.Children = "tcp.options.sack_perm", "TCP Option - SACK permitted", kf
		return o, "SACK permitted"
	case kind == 5:
		o.Name = "tcp.options.sack"
		o.Children = kf
		var edges []string
		for q := p + 2; q+8 <= p+n; q += 8 {
			l, r := d.u32(q)-d.ctx.ackBase, d.u32(q+4)-d.ctx.ackBase
			edges = append(edges, fmt.Sprintf("%d-%d", l, r))
			o.Children = append(o.Children,
				Field{Name: "tcp.options.sack_le", Label: fmt.Sprintf("left edge = %d (relative)", l), Start: q, Len: 4},
				Field{Name: "tcp.options.sack_re", Label: fmt.Sprintf("right edge = %d (relative)", r), Start: q + 4, Len: 4})
		}
		o.Label = "TCP Option - SACK " + strings.Join(edges, " ")
		return o, "SACK"
	case kind == 8 && n == 10:
		tsval, tsecr := d.u32(p+2), d.u32(p+6)
		o.Name, o.Label = "tcp.options.timestamp", fmt.Sprintf("TCP Option - Timestamps: TSval %d, TSecr %d", tsval, tsecr)
		o.Children = append(kf, Field{Name: "tcp.options.timestamp.tsval", Label: fmt.Sprintf("Timestamp value: %d", tsval), Start: p + 2, Len: 4},
			Field{Name: "tcp.options.timestamp.tsecr", Label: fmt.Sprintf("Timestamp echo reply: %d", tsecr), Start: p + 6, Len: 4})
		return o, "Timestamps"
	}
	o.Name, o.Label, o.Children = "tcp.options.unknown", fmt.Sprintf("TCP Option - %s (%d bytes)", kindName, n), kf
	return o, kindName
}

func (d *dissector) udp(off, end int) {
	if !d.has(off, 8) {
		d.malformed(off)
		return
	}
	sp, dp, ulen := d.u16(off), d.u16(off+2), d.u16(off+4)
	f := Field{Name: "udp", Label: fmt.Sprintf("User Datagram Protocol, Src Port: %d, Dst Port: %d", sp, dp), Start: off, Len: 8,
		Children: []Field{
			{Name: "udp.srcport", Label: fmt.Sprintf("Source Port: %d", sp), Start: off, Len: 2},
			{Name: "udp.dstport", Label: fmt.Sprintf("Destination Port: %d", dp), Start: off + 2, Len: 2},
			{Name: "udp.length", Label: fmt.Sprintf("Length: %d", ulen), Start: off + 4, Len: 2},
			{Name: "udp.checksum", Label: fmt.Sprintf("Checksum: 0x%04x [unverified]", d.u16(off+6)), Start: off + 6, Len: 2},
		}}
	if d.ctx.stream >= 0 && !d.ctx.known {
		f.Children = append(f.Children, Field{Name: "udp.stream", Label: fmt.Sprintf("[Stream index: %d]", d.ctx.stream), Start: off + 8})
	}
	pend := min(end, len(d.data))
	if ulen >= 8 {
		pend = min(pend, off+ulen)
	}
	if pl := pend - (off + 8); pl > 0 {
		f.Children = append(f.Children, Field{Name: "udp.payload", Label: fmt.Sprintf("UDP payload (%d bytes)", pl), Start: off + 8, Len: pl})
	}
	d.out = append(d.out, f)
}

func (d *dissector) icmp(off, end int, name, title string) {
	if !d.has(off, 4) {
		d.malformed(off)
		return
	}
	typ, code := d.u8(off), d.u8(off+1)
	f := Field{Name: name, Label: title, Start: off, Len: min(end, len(d.data)) - off, Children: []Field{
		{Name: name + ".type", Label: fmt.Sprintf("Type: %d", typ), Start: off, Len: 1},
		{Name: name + ".code", Label: fmt.Sprintf("Code: %d", code), Start: off + 1, Len: 1},
		{Name: name + ".checksum", Label: fmt.Sprintf("Checksum: 0x%04x [unverified]", d.u16(off+2)), Start: off + 2, Len: 2},
	}}
	echo := (name == "icmp" && (typ == 0 || typ == 8)) || (name == "icmpv6" && (typ == 128 || typ == 129))
	if echo && d.has(off+4, 4) {
		id, seq := d.u16(off+4), d.u16(off+6)
		f.Children = append(f.Children,
			Field{Name: name + ".ident", Label: fmt.Sprintf("Identifier (BE): %d (0x%04x)", id, id), Start: off + 4, Len: 2},
			Field{Name: name + ".seq", Label: fmt.Sprintf("Sequence Number (BE): %d (0x%04x)", seq, seq), Start: off + 6, Len: 2})
		if rest := min(end, len(d.data)) - (off + 8); rest > 0 {
			f.Children = append(f.Children, Field{Name: "data", Label: fmt.Sprintf("Data (%d bytes)", rest), Start: off + 8, Len: rest})
		}
	} else if rest := min(end, len(d.data)) - (off + 4); rest > 0 {
		f.Children = append(f.Children, Field{Label: fmt.Sprintf("Message body (%d bytes)", rest), Start: off + 4, Len: rest})
	}
	d.out = append(d.out, f)
}

func (d *dissector) arp(off int) {
	if !d.has(off, 8) {
		d.malformed(off)
		return
	}
	hl, pl := d.u8(off+4), d.u8(off+5)
	if !d.has(off+8, 2*hl+2*pl) {
		d.malformed(off)
		return
	}
	op := d.u16(off + 6)
	opName := map[int]string{1: "request", 2: "reply"}[op]
	if opName == "" {
		opName = "unknown"
	}
	addr := func(p, n int, mac bool) string {
		b := d.data[p : p+n]
		if mac {
			return macString(b)
		}
		return ipString(b)
	}
	sha, spa := off+8, off+8+hl
	tha, tpa := spa+pl, spa+pl+hl
	d.out = append(d.out, Field{Name: "arp", Label: fmt.Sprintf("Address Resolution Protocol (%s)", opName), Start: off, Len: 8 + 2*hl + 2*pl,
		Children: []Field{
			{Name: "arp.hw.type", Label: fmt.Sprintf("Hardware type: %s (%d)", map[bool]string{true: "Ethernet", false: "Unknown"}[d.u16(off) == 1], d.u16(off)), Start: off, Len: 2},
			{Name: "arp.proto.type", Label: "Protocol type: " + etherTypeName(d.u16(off+2)), Start: off + 2, Len: 2},
			{Name: "arp.hw.size", Label: fmt.Sprintf("Hardware size: %d", hl), Start: off + 4, Len: 1},
			{Name: "arp.proto.size", Label: fmt.Sprintf("Protocol size: %d", pl), Start: off + 5, Len: 1},
			{Name: "arp.opcode", Label: fmt.Sprintf("Opcode: %s (%d)", opName, op), Start: off + 6, Len: 2},
			{Name: "arp.src.hw_mac", Label: "Sender MAC address: " + addr(sha, hl, true), Start: sha, Len: hl},
			{Name: "arp.src.proto_ipv4", Label: "Sender IP address: " + addr(spa, pl, false), Start: spa, Len: pl},
			{Name: "arp.dst.hw_mac", Label: "Target MAC address: " + addr(tha, hl, true), Start: tha, Len: hl},
			{Name: "arp.dst.proto_ipv4", Label: "Target IP address: " + addr(tpa, pl, false), Start: tpa, Len: pl},
		}})
}

// rest shows bytes no dissector above understood, as Wireshark's "Data" layer.
func (d *dissector) rest(off int) {
	if n := len(d.data) - off; n > 0 && off >= 0 {
		d.out = append(d.out, Field{Name: "data", Label: fmt.Sprintf("Data (%d bytes)", n), Start: off, Len: n})
	}
}
