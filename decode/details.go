package decode

import (
	"encoding/binary"
	"fmt"
	"net/netip"
	"strings"
	"time"
	"unicode/utf8"
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
	// Kind, Num and Str are the field's value for display filters, set by
	// the application dissectors (FieldLabel: a line without a value).
	Kind FieldKind
	Num  uint64
	Str  string
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
		ctx = tcpContext{stream: f.Stream, seqBase: f.BaseAt(i, p.Dir), ackBase: f.BaseAt(i, p.Dir^1),
			window: f.WindowSize(i, p), known: f.Proto == ProtoTCPPacket, ace: f.UsesACE(i, p.Flags)}
	}
	if p.Proto == ProtoBlock {
		copying := map[bool]string{true: "copying allowed", false: "copying not allowed"}[p.Ack == 1]
		return []Field{{Label: fmt.Sprintf("PCAPNG Custom Block %d: %d bytes (%d bits) of custom data and options, PEN %s (%d), %s",
			i+1, p.OrigLen, 8*p.OrigLen, penName(p.Seq), p.Seq, copying)}}, data, nil
	}
	_, pcapng := x.src.rd.(*pcapngReader)
	frame := frameField(i+1, p, iface, pcapng)
	x.mu.RLock()
	ctx.completes = len(x.fragments(i)) > 0
	x.mu.RUnlock()
	tree := append([]Field{frame}, dissect(iface.LinkType, data, p.OrigLen, ctx)...)
	tree = x.withReassembly(i, tree, ctx)
	x.appMu.Lock()
	if x.app == nil {
		x.app = NewAppWalker(x)
	}
	if app := x.app.At(i, true); app.Proto != "" {
		// An application layer replaces the bytes shown as undissected
		// data after a layer 2 or IP header the link walk did not know.
		if last := len(tree) - 1; last > 0 && len(app.Tree) > 0 && tree[last].Name == "" && strings.HasPrefix(tree[last].Label, "Data (") {
			tree = tree[:last]
		}
		tree = append(tree, app.Tree...)
	}
	x.appMu.Unlock()
	return tree, data, nil
}

// tcpContext is what the flow model adds to a TCP header: the stream number
// and the bases that make sequence numbers relative, as Wireshark shows them.
type tcpContext struct {
	stream           int
	seqBase, ackBase uint32
	window           uint32
	known            bool
	completes        bool // the packet completed a fragmented datagram
	ace              bool // AE, CWR and ECE read as Accurate ECN's counter
}

// frameField is the Frame layer. pcapng files name the interface, as
// "unknown" when the file does not.
func frameField(frame int, p *Packet, iface Interface, pcapng bool) Field {
	t := time.Unix(0, p.Time).UTC()
	f := Field{Name: "frame", Len: int(p.CapLen),
		Label: fmt.Sprintf("Frame %d: %d %s on wire (%d bits), %d %s captured (%d bits)",
			frame, p.OrigLen, byteWord(p.OrigLen), p.OrigLen*8, p.CapLen, byteWord(p.CapLen), p.CapLen*8)}
	if pcapng || iface.Name != "" {
		name := iface.Name
		if name == "" {
			name = "unknown"
		}
		f.Label += fmt.Sprintf(" on interface %s, id %d", Printable(name), p.Iface)
	}
	if p.Bad&BadNoTime == 0 {
		f.Children = append(f.Children,
			Field{Name: "frame.time", Label: "Arrival Time: " + t.Format("Jan _2, 2006 15:04:05.000000000 MST")},
			Field{Name: "frame.time_epoch", Label: fmt.Sprintf("Epoch Time: %d.%09d seconds", p.Time/1e9, p.Time%1e9)})
	}
	f.Children = append(f.Children,
		Field{Name: "frame.number", Label: fmt.Sprintf("Frame Number: %d", frame)},
		Field{Name: "frame.len", Label: fmt.Sprintf("Frame Length: %d %s (%d bits)", p.OrigLen, byteWord(p.OrigLen), p.OrigLen*8)},
		Field{Name: "frame.cap_len", Label: fmt.Sprintf("Capture Length: %d %s (%d bits)", p.CapLen, byteWord(p.CapLen), p.CapLen*8)})
	return f
}

// byteWord is "byte" for a frame of one byte, as Wireshark words it, else "bytes".
func byteWord(n uint32) string {
	if n == 1 {
		return "byte"
	}
	return "bytes"
}

// dissect builds the details tree of one packet's link, network and
// transport layers from its captured bytes. It never reads outside data:
// a truncated header ends the tree with a malformedMark line.
func dissect(link uint16, data []byte, origLen uint32, ctx tcpContext) []Field {
	d := dissector{data: data, ctx: ctx, ip6: -1, missing: max(int(origLen)-len(data), 0)}
	d.link(link)
	if len(d.out) == 0 && len(data) > 0 {
		d.rest(0)
	}
	innermostUDPStream(d.out)
	clipLabels(d.out)
	return d.out
}

// maxLabel is the longest label Wireshark shows (ITEM_LABEL_LENGTH less
// its terminating NUL); longer ones, such as an Options line listing many
// NOPs, are cut there.
const maxLabel = 239

func clipLabels(fs []Field) {
	for i := range fs {
		if l := fs[i].Label; len(l) > maxLabel {
			cut := maxLabel
			for cut > 0 && !utf8.RuneStart(l[cut]) {
				cut--
			}
			fs[i].Label = l[:cut]
		}
		clipLabels(fs[i].Children)
	}
}

// dissector appends top-level layers to out as it walks the packet.
type dissector struct {
	data    []byte
	ip6     int // offset of the innermost IPv6 header, -1 if none (for the ICMPv6 pseudo-header)
	missing int // bytes on the wire the capture cut off: lengths are judged by the wire, reads by data
	ctx     tcpContext
	out     []Field
	depth   int  // outer layers entered (details_tunnel.go), bounded by MaxEncap
	v6      bool // the innermost IP header so far is IPv6
	whole   bool // data is a reassembled datagram
	// v6Addrs are the source and destination addresses of a reassembled
	// IPv6 datagram (data holds its payload only), for ICMPv6's checksum.
	v6Addrs []byte
	quoting bool // inside the packet an ICMP error quotes
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
			{Name: "sll.hatype", Label: "Link-layer address type: " + arphrdName(d.u16(2)), Start: 2, Len: 2},
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
			{Name: "sll.hatype", Label: "Link-layer address type: " + arphrdName(d.u16(8)), Start: 8, Len: 2},
			{Name: "sll.pkttype", Label: fmt.Sprintf("Packet type: %s (%d)", sllPacketType(d.u8(10)), d.u8(10)), Start: 10, Len: 1},
			{Name: "sll.halen", Label: fmt.Sprintf("Link-layer address length: %d", d.u8(11)), Start: 11, Len: 1},
		}}
		if d.u8(11) == 6 {
			f.Children = append(f.Children, Field{Name: "sll.src.eth", Label: "Source: " + macString(d.data[12:18]), Start: 12, Len: 6})
		}
		d.out = append(d.out, f)
		d.etherPayload(et, 20)
	case LinkNFLog:
		d.nflog()
	case LinkPPP, LinkPPPHDLC:
		d.ppp(0, len(d.data))
	case LinkRadiotap:
		d.radiotap()
	case LinkIEEE80211:
		d.wlan(0, len(d.data), false)
	case LinkPPI:
		d.ppi()
	case LinkCHDLC:
		d.chdlc()
	case LinkPFLog:
		d.pflog()
	case LinkENC:
		d.enc()
	case LinkIPNET:
		d.ipnet()
	case LinkFRelay:
		d.frelay()
	case LinkATMRFC1483:
		d.atmLLC()
	case LinkPrism:
		d.prism()
	case LinkAVS:
		d.avs()
	default:
		d.rest(0)
	}
}

// nflog dissects a Linux NFLOG record: a 4-byte header, then
// type-length-value attributes (little-endian) until the packet payload.
func (d *dissector) nflog() {
	if !d.has(0, 4) {
		d.malformed(0)
		return
	}
	family := d.u8(0)
	famName := map[int]string{2: "IPv4", 10: "IPv6"}[family]
	if famName == "" {
		famName = "Unknown"
	}
	f := Field{Name: "nflog", Label: "Linux Netfilter NFLOG", Len: len(d.data), Children: []Field{
		{Name: "nflog.family", Label: fmt.Sprintf("Family: %s (%d)", famName, family), Len: 1},
		{Name: "nflog.version", Label: fmt.Sprintf("Version: %d", d.u8(1)), Start: 1, Len: 1},
		{Name: "nflog.res_id", Label: fmt.Sprintf("Resource id: %d", d.u16(2)), Start: 2, Len: 2},
	}}
	for p := 4; d.has(p, 4); {
		n := int(binary.LittleEndian.Uint16(d.data[p:]))
		typ := int(binary.LittleEndian.Uint16(d.data[p+2:]) & 0x7fff)
		if n < 4 || !d.has(p, n) {
			break
		}
		if typ == 9 { // NFULA_PAYLOAD: the packet itself
			f.Children = append(f.Children, Field{Label: fmt.Sprintf("Payload attribute (%d bytes)", n-4), Start: p, Len: 4})
			d.out = append(d.out, f)
			switch family {
			case 2:
				d.ipv4(p + 4)
			case 10:
				d.ipv6(p + 4)
			default:
				d.rest(p + 4)
			}
			return
		}
		f.Children = append(f.Children, Field{Label: fmt.Sprintf("Attribute type %d (%d bytes)", typ, n), Start: p, Len: n})
		p += (n + 3) &^ 3
	}
	d.out = append(d.out, f)
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

// arphrdName names the Linux ARPHRD_ types tshark names.
func arphrdName(t int) string {
	names := map[int]string{1: "Ethernet", 512: "PPP", 772: "Loopback", 776: "SIT", 778: "IP over IP", 65534: "None"}
	if n, ok := names[t]; ok {
		return fmt.Sprintf("%s (%d)", n, t)
	}
	return fmt.Sprint(t)
}

func sllPacketType(t int) string {
	names := []string{"Unicast to us", "Broadcast", "Multicast", "Unicast to another host", "Sent by us"}
	if t >= 0 && t < len(names) {
		return names[t]
	}
	return "Unknown"
}

func etherTypeName(et int) string {
	if n, ok := etherTypeNames[uint16(et)]; ok {
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
		if isSNAPEthernet(d.data[off+14:]) {
			d.llc(off+14, off+14+et) // an EtherType payload, as the index reads it
			return
		}
		d.rest(off + 14) // the LLC dissector (proto_llc.go) replaces this when it can
		return
	}
	d.out = append(d.out, Field{Name: "eth", Label: "Ethernet II, Src: " + src + ", Dst: " + dst, Start: off, Len: 14,
		Children: []Field{
			{Name: "eth.dst", Label: "Destination: " + dst, Start: off, Len: 6},
			{Name: "eth.src", Label: "Source: " + src, Start: off + 6, Len: 6},
			{Name: "eth.type", Label: "Type: " + etherTypeName(et), Start: off + 12, Len: 2},
		}})
	off += 14
	et, off, ok := d.vlanTags(et, off)
	if !ok {
		return
	}
	d.etherPayload(et, off)
}

// vlanTags adds the 802.1Q and 802.1ad tags at off, the first of type et,
// and returns the type after them and where it begins; false when a tag
// is cut short (a malformed line is added).
func (d *dissector) vlanTags(et, off int) (int, int, bool) {
	for depth := 0; (et == 0x8100 || et == 0x88a8 || et == 0x9100) && depth < 8; depth++ {
		if !d.has(off, 4) {
			d.malformed(off)
			return et, off, false
		}
		tci := d.u16(off)
		next := d.u16(off + 2)
		if et == 0x88a8 { // an 802.1ad service tag, as tshark shows it
			d.out = append(d.out, Field{Name: "ieee8021ad", Label: fmt.Sprintf("IEEE 802.1ad, ID: %d", tci&0xfff),
				Start: off, Len: 4, Children: []Field{
					{Name: "ieee8021ad.priority", Label: fmt.Sprintf("%s = Priority: %d", bitString(uint32(tci), 16, 0xe000), tci>>13), Start: off, Len: 1},
					{Name: "ieee8021ad.dei", Label: fmt.Sprintf("%s = DEI: %d", bitString(uint32(tci), 16, 0x1000), tci>>12&1), Start: off, Len: 1},
					{Name: "ieee8021ad.id", Label: fmt.Sprintf("%s = ID: %d", bitString(uint32(tci), 16, 0x0fff), tci&0xfff), Start: off, Len: 2},
					{Label: "Type: " + etherTypeName(next), Start: off + 2, Len: 2},
				}})
			et = next
			off += 4
			continue
		}
		dei := "Ineligible"
		if tci&0x1000 != 0 {
			dei = "Eligible"
		}
		d.out = append(d.out, Field{Name: "vlan", Label: fmt.Sprintf("802.1Q Virtual LAN, PRI: %d, DEI: %d, ID: %d", tci>>13, tci>>12&1, tci&0xfff),
			Start: off, Len: 4, Children: []Field{
				{Name: "vlan.priority", Label: fmt.Sprintf("%s = Priority: %s (%d)", bitString(uint32(tci), 16, 0xe000), vlanPriorities[tci>>13], tci>>13), Start: off, Len: 2},
				{Name: "vlan.dei", Label: fmt.Sprintf("%s = DEI: %s", bitString(uint32(tci), 16, 0x1000), dei), Start: off, Len: 2},
				{Name: "vlan.id", Label: fmt.Sprintf("%s = ID: %d", bitString(uint32(tci), 16, 0x0fff), tci&0xfff), Start: off, Len: 2},
				vlanType(next, off+2),
			}})
		et = next
		off += 4
	}
	return et, off, true
}

// vlanType is the last line of an 802.1Q tag: the type of what follows,
// or its length when an 802.3 frame with an LLC header follows.
func vlanType(next, off int) Field {
	if next <= 1500 {
		return Field{Name: "vlan.len", Label: fmt.Sprintf("Length: %d", next), Start: off, Len: 2}
	}
	return Field{Name: "vlan.etype", Label: "Type: " + etherTypeName(next), Start: off, Len: 2}
}

// vlanPriorities are the 802.1p priority names Wireshark shows.
var vlanPriorities = [8]string{"Best Effort (default)", "Background", "Excellent Effort", "Critical Applications",
	"Video, < 100ms latency and jitter", "Voice, < 10ms latency and jitter", "Internetwork Control", "Network Control"}

func (d *dissector) etherPayload(et, off int) {
	switch et {
	case 0x0800:
		d.ipv4(off)
	case 0x86dd:
		d.ipv6(off)
	case 0x0806, 0x8035: // RARP shares ARP's format
		d.arp(off)
	case 0x8847, 0x8848:
		d.mpls(off)
	case etherPPPoESess, etherPPPoEDisc:
		d.pppoe(off, et == etherPPPoESess)
	case etherTEB:
		if d.deeper() {
			d.ethernet(off)
		}
	case int(etherMACsec):
		d.macsec(off)
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
			d.mplsPayload(off)
			return
		}
	}
}

// mplsPayload decodes what follows the bottom label as mplsPayloadOf says.
func (d *dissector) mplsPayload(off int) {
	if off > len(d.data) {
		return
	}
	switch mplsPayloadOf(d.data[off:]) {
	case mplsIPv4:
		d.ipv4(off)
	case mplsIPv6:
		d.ipv6(off)
	case mplsEthernetCW:
		d.out = append(d.out, Field{Name: "pwethcw", Label: "PW Ethernet Control Word", Start: off, Len: 4, Children: []Field{
			{Name: "pweth.cw.sequence_number", Label: fmt.Sprintf("Sequence Number: %d", d.u16(off+2)), Start: off + 2, Len: 2}}})
		if d.deeper() {
			d.ethernet(off + 4)
		}
	case mplsEthernet:
		if d.deeper() {
			d.ethernet(off)
		}
	default:
		d.rest(off)
	}
}

func (d *dissector) ipByVersion(off int) {
	if d.has(off, 1) {
		d.ipOrData(int(d.data[off]>>4), off)
	}
}

// bitString renders the bits of v (width bits wide) selected by mask the way
// Wireshark labels bit fields: "0100 .... = Version: 4", in groups of four
// from the left (a 6-bit field reads "1... ..").
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
		if i > 0 && (width-i)%4 == 0 {
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
	0: {"CS0", "Default"}, 1: {"LE", "Lower Effort"}, 8: {"CS1", "Class Selector 1"}, 10: {"AF11", "Assured Forwarding 11"},
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
	d.v6 = false
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
			{Name: "ip.len", Label: ipLenLabel(total, len(d.data)+d.missing-off), Start: off + 2, Len: 2},
			{Name: "ip.id", Label: fmt.Sprintf("Identification: 0x%04x (%d)", d.u16(off+4), d.u16(off+4)), Start: off + 4, Len: 2},
			{Name: "ip.flags", Label: flagLabel, Start: off + 6, Len: 1, Children: []Field{
				{Name: "ip.flags.rb", Label: fmt.Sprintf("%s = Reserved bit: %s", bitString(uint32(flags>>8), 8, 0x80), setNotSet(uint32(flags), 0x8000)), Start: off + 6, Len: 1},
				{Name: "ip.flags.df", Label: fmt.Sprintf("%s = Don't fragment: %s", bitString(uint32(flags>>8), 8, 0x40), setNotSet(uint32(flags), 0x4000)), Start: off + 6, Len: 1},
				{Name: "ip.flags.mf", Label: fmt.Sprintf("%s = More fragments: %s", bitString(uint32(flags>>8), 8, 0x20), setNotSet(uint32(flags), 0x2000)), Start: off + 6, Len: 1},
			}},
			{Name: "ip.frag_offset", Label: fmt.Sprintf("%s = Fragment Offset: %d", bitString(uint32(flags), 16, 0x1fff), (flags&0x1fff)*8), Start: off + 6, Len: 2},
			{Name: "ip.ttl", Label: fmt.Sprintf("Time to Live: %d", d.u8(off+8)), Start: off + 8, Len: 1},
			{Name: "ip.proto", Label: fmt.Sprintf("Protocol: %s (%d)", protoName(uint8(proto)), proto), Start: off + 9, Len: 1},
			{Name: "ip.checksum", Label: fmt.Sprintf("Header Checksum: 0x%04x [validation disabled]", d.u16(off+10)), Start: off + 10, Len: 2},
			{Name: "ip.src", Label: "Source Address: " + src, Start: off + 12, Len: 4},
			{Name: "ip.dst", Label: "Destination Address: " + dst, Start: off + 16, Len: 4},
		}}
	if ihl > 20 {
		f.Children = append(f.Children, Field{Label: fmt.Sprintf("Options: (%d bytes)", ihl-20), Start: off + 20, Len: ihl - 20})
	}
	d.out = append(d.out, f)
	if flags&0x3fff != 0 { // a fragment: its payload is not a whole transport header
		if n := min(off+max(total, ihl), len(d.data)) - (off + ihl); n > 0 {
			d.out = append(d.out, Field{Label: fmt.Sprintf("Fragment payload (%d bytes)", n), Start: off + ihl, Len: n})
		}
		return
	}
	wire := len(d.data) + d.missing
	end := min(off+max(total, ihl), wire)
	if total == 0 {
		end = wire // segmentation offload leaves the length zero
	}
	p := off + ihl
	if proto == ipProtoAH && d.has(p, 12) && p+(d.u8(p+1)+2)*4 <= min(end, len(d.data)) {
		n := (d.u8(p+1) + 2) * 4
		d.out = append(d.out, Field{Name: "ah", Label: "Authentication Header", Start: p, Len: n, Children: []Field{
			{Name: "ah.next_header", Label: fmt.Sprintf("Next header: %s (%d)", protoName(uint8(d.u8(p))), d.u8(p)), Start: p, Len: 1},
			{Name: "ah.length", Label: fmt.Sprintf("Length: %d (%d bytes)", d.u8(p+1), n), Start: p + 1, Len: 1},
			{Name: "ah.reserved", Label: fmt.Sprintf("Reserved: %04x", d.u16(p+2)), Start: p + 2, Len: 2},
			{Name: "ah.spi", Label: fmt.Sprintf("AH SPI: 0x%08x", d.u32(p+4)), Start: p + 4, Len: 4},
			{Name: "ah.sequence", Label: fmt.Sprintf("AH Sequence: %d", d.u32(p+8)), Start: p + 8, Len: 4},
			{Name: "ah.icv", Label: fmt.Sprintf("AH ICV: %x", d.data[p+12:p+n]), Start: p + 12, Len: n - 12},
		}})
		proto, p = d.u8(p), p+n
	}
	d.transport(proto, p, end)
}

// ipLenLabel is the Total Length line; a zero length is what segmentation
// offload leaves, and Wireshark then uses the length on the wire.
func ipLenLabel(total, wire int) string {
	if total == 0 {
		return fmt.Sprintf("Total Length: %d bytes (reported as 0, presumed to be because of \"TCP segmentation offload\" (TSO))", wire)
	}
	return fmt.Sprintf("Total Length: %d", total)
}

func (d *dissector) ipv6(off int) {
	if !d.has(off, 40) {
		d.malformed(off)
		return
	}
	d.ip6 = off
	d.v6 = true
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
			{Name: "ipv6.nxt", Label: fmt.Sprintf("Next Header: %s (%d)", protoName(uint8(next)), next), Start: off + 6, Len: 1},
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
			// tshark counts extension headers in the IPv6 layer's bytes.
			f.Children = append(f.Children, Field{Start: p, Len: n,
				Label: fmt.Sprintf("%s Header, Length: %d", ipv6ExtName(next), n)})
			if next != 44 || d.u16(p+2)&0xfff9 == 0 || d.ctx.completes {
				f.Len += n // tshark shows a real fragment's header as a layer of its own
			}
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
	switch {
	case d.quoting && proto == ProtoTCP:
		d.quotedTCP(off, end)
		return
	case d.quoting && proto != ProtoUDP:
		d.rest(off) // an error quoting an error, a tunnel: its bytes as data
		return
	}
	switch proto {
	case ProtoTCP:
		d.tcp(off, end)
	case ProtoUDP:
		d.udp(off, end)
	case ProtoICMP:
		d.icmp(off, end, "icmp", "Internet Control Message Protocol")
	case ProtoICMPv6:
		d.icmp(off, end, "icmpv6", "Internet Control Message Protocol v6")
	case protoIPIP, protoIPv6In:
		if d.deeper() {
			d.ipByVersion(off)
		}
	case protoGRE:
		d.gre(off, end)
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
		// Without the ACK flag the field is not an acknowledgement: shown raw.
		f.Children = append(f.Children, Field{Name: "tcp.ack", Label: fmt.Sprintf("Acknowledgment Number: %d", ack), Start: off + 8, Len: 4})
	}
	f.Children = append(f.Children,
		Field{Name: "tcp.ack_raw", Label: fmt.Sprintf("Acknowledgment number (raw): %d", ack), Start: off + 8, Len: 4},
		Field{Name: "tcp.hdr_len", Label: fmt.Sprintf("%s = Header Length: %d bytes (%d)", bitString(uint32(d.u8(off+12)), 8, 0xf0), hl, hl/4), Start: off + 12, Len: 1})
	flagField := Field{Name: "tcp.flags", Label: fmt.Sprintf("Flags: 0x%03x (%s)", flags, flagString(flags, ctx.ace)), Start: off + 12, Len: 2}
	for _, fb := range tcpFlagBits {
		at := off + 13 // the bits of the first byte (reserved, AE) are highlighted there
		if fb.bit > 0xff {
			at = off + 12
		}
		if ctx.ace && fb.bit&accECNSetup != 0 {
			if fb.bit == FlagAE { // one line for the three bits, in AE's place
				flagField.Children = append(flagField.Children, Field{Name: "tcp.flags.ace", Start: off + 12, Len: 2, Kind: FieldUint, Num: uint64(ace(flags)),
					Label: fmt.Sprintf("%s = ACE: %d", bitString(uint32(flags), 12, uint32(accECNSetup)), ace(flags))})
			}
			continue
		}
		flagField.Children = append(flagField.Children, Field{Name: fb.abbr, Start: at, Len: 1,
			Label: fmt.Sprintf("%s = %s: %s", bitString(uint32(flags), 12, uint32(fb.bit)), fb.name, setNotSet(uint32(flags), uint32(fb.bit)))})
	}
	flagField.Children = append(flagField.Children, Field{Name: "tcp.flags.str", Label: "[TCP Flags: " + flagSymbols(flags, ctx.ace) + "]", Start: off + 12, Len: 2})
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
		switch {
		case pl > 0 && flags&FlagRST != 0:
			// Data on a RST is the sender's diagnostic text (RFC 9293
			// section 3.5.3), which Wireshark shows as the reset cause.
			text := string(d.data[off+hl : off+hl+pl])
			name := "tcp.reset_cause"
			if Printable(text) != text {
				name = "" // binary: shown escaped, where Wireshark shows it up to the first NUL
			}
			f.Children = append(f.Children, Field{Name: name, Start: off + hl, Len: pl,
				Label: "Reset cause: " + Printable(text)})
		case pl > 0:
			// the label counts the segment's bytes (end is where the IP
			// length puts it), the item only those the capture kept
			n := max(pl, end-(off+hl))
			f.Children = append(f.Children, Field{Name: "tcp.payload", Label: fmt.Sprintf("TCP payload (%d %s)", n, plural(n, "byte", "bytes")), Start: off + hl, Len: pl})
		}
	}
	d.out = append(d.out, f)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// flagSymbols is Wireshark's tcp.flags.str: one character per flag bit from
// the reserved bits down to FIN, with a middle dot for bits not set.
func flagSymbols(flags uint16, useACE bool) string {
	const sym = "RRRACEUAPRSF"
	var b strings.Builder
	for i := 11; i >= 0; i-- {
		if useACE && uint16(1<<i)&accECNSetup != 0 {
			if i == 8 { // the counter in the three places of AE, CWR, ECE
				fmt.Fprintf(&b, "-%d-", ace(flags))
			}
			continue
		}
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
			p++ // Wireshark goes on: each padding byte shows as another EOL
			continue
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
		if s, ok := optionSummaryNames[kind]; ok {
			name = s
		}
		opts.Children = append(opts.Children, o)
		names = append(names, name)
		p += n
	}
	opts.Label = fmt.Sprintf("Options: (%d bytes)", claimed)
	// Wireshark's summary names an option by its kind even when its length is wrong.
	if len(names) > 0 {
		opts.Label += ", " + strings.Join(names, ", ")
	}
	return opts
}

var optionSummaryNames = map[int]string{2: "Maximum segment size", 3: "Window scale", 4: "SACK permitted",
	5: "SACK", 8: "Timestamps", 30: "MPTCP", 253: "Experimental", 254: "Experimental"}

// tcpOption dissects one option of kind with total length n at p and
// returns its subtree and its name for the Options summary line.
func (d *dissector) tcpOption(kind, p, n int) (Field, string) {
	kindName := map[int]string{2: "Maximum Segment Size", 3: "Window Scale", 4: "SACK Permitted", 5: "SACK",
		8: "Time Stamp Option", 30: "Multipath TCP", 34: "TCP Fast Open Cookie", 253: "RFC3692-style Experiment 1",
		254: "RFC3692-style Experiment 2"}[kind]
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
	case (kind == 253 || kind == 254) && n >= 4:
		exid := d.u16(p + 2)
		what := "Unknown"
		if exid == 0xf989 {
			what = "Fast Open"
		}
		if exid == accECNOrder0 || exid == accECNOrder1 {
			return d.accECNOption(o, kf, p, n, uint16(exid)), "Experimental"
		}
		o.Label = "TCP Option - Experimental: " + what
		o.Children = append(kf, Field{Label: fmt.Sprintf("Experiment Identifier: %s (0x%04x)", what, exid), Start: p + 2, Len: 2})
		if exid == 0xf989 { // other experiments Wireshark decodes further than ladder
			o.Name, o.Children[2].Name = "tcp.options.experimental", "tcp.options.experimental.exid"
		} else {
			o.Children[0].Name, o.Children[1].Name = "", ""
		}
		return o, "Experimental"
	}
	if kind == TCPOptMPTCP && d.has(p, n) {
		return MPTCPOptionTree(d.data[p:p+n], p), "MPTCP"
	}
	// Options ladder does not decode: text only, since Wireshark's tree
	// for them (AccECN...) has other fields.
	kf[0].Name, kf[1].Name = "", ""
	o.Label, o.Children = fmt.Sprintf("TCP Option - %s (%d bytes)", kindName, n), kf
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
			{Name: "udp.checksum", Label: udpChecksumLabel(d.u16(off+6), d.v6 && !d.quoting), Start: off + 6, Len: 2},
		}}
	if d.ctx.stream >= 0 && !d.ctx.known {
		f.Children = append(f.Children, Field{Name: "udp.stream", Label: fmt.Sprintf("[Stream index: %d]", d.ctx.stream), Start: off + 8})
	}
	pend := min(end, len(d.data))
	if ulen >= 8 {
		pend = min(pend, off+ulen)
	}
	if pl := pend - (off + 8); pl > 0 {
		n := pl
		if d.whole {
			n = len(d.data) - (off + 8) // tshark's payload spans the reassembled datagram
		}
		f.Children = append(f.Children, Field{Name: "udp.payload", Label: fmt.Sprintf("UDP payload (%d %s)", pl, plural(pl, "byte", "bytes")), Start: off + 8, Len: n})
	}
	d.out = append(d.out, f)
	if pend > off+8 {
		d.udpTunnel(sp, dp, off+8, pend)
	}
}

func (d *dissector) icmp(off, end int, name, title string) {
	if !d.has(off, 4) {
		d.malformed(off)
		return
	}
	v6 := name == "icmpv6"
	typ, code := d.u8(off), d.u8(off+1)
	msgEnd := min(end, len(d.data))
	typeLabel := fmt.Sprintf("Type: %d", typ)
	codeLabel := fmt.Sprintf("Code: %d", code)
	if v6 {
		n := icmpv6TypeNames[typ]
		if n == "" {
			n = "Unknown"
		}
		typeLabel = fmt.Sprintf("Type: %s (%d)", n, typ)
	} else {
		if n := icmpTypes[typ]; n != "" {
			typeLabel += " (" + n + ")"
		} else if _, named := icmpTypeNames[uint8(typ)]; !named {
			typeLabel += " (Unknown ICMP (obsolete or malformed?))"
		}
		if c, ok := icmpCodeName(uint8(typ), uint8(code)); ok {
			codeLabel += " (" + c + ")"
		}
	}
	if c, ok := icmpv6CodeName(uint8(typ), uint8(code)); v6 && ok {
		codeLabel += " (" + c + ")"
	}
	f := Field{Name: name, Label: title, Start: off, Len: msgEnd - off, Children: []Field{
		{Name: name + ".type", Label: typeLabel, Start: off, Len: 1},
		{Name: name + ".code", Label: codeLabel, Start: off + 1, Len: 1},
		{Name: name + ".checksum", Label: fmt.Sprintf("Checksum: 0x%04x %s", d.u16(off+2), d.icmpChecksum(off, end, v6)), Start: off + 2, Len: 2},
	}}
	if l := &f.Children[2].Label; !v6 && strings.HasSuffix(*l, "]") && strings.Contains(*l, "[incorrect") {
		// packet-icmp.c's proto_tree_add_checksum: no brackets on a bad one
		*l = strings.TrimSuffix(strings.Replace(*l, "[incorrect", "incorrect", 1), "]")
	}
	echo := (!v6 && (typ == 0 || typ == 8)) || (v6 && (typ == 128 || typ == 129))
	body := off + 4
	if echo && d.has(off+4, 4) {
		id, seq := d.u16(off+4), d.u16(off+6)
		if v6 {
			f.Children = append(f.Children,
				Field{Name: "icmpv6.echo.identifier", Label: fmt.Sprintf("Identifier: 0x%04x", id), Start: off + 4, Len: 2},
				Field{Name: "icmpv6.echo.sequence_number", Label: fmt.Sprintf("Sequence: %d", seq), Start: off + 6, Len: 2})
		} else {
			f.Children = append(f.Children,
				Field{Name: "icmp.ident", Label: fmt.Sprintf("Identifier (BE): %d (0x%04x)", id, id), Start: off + 4, Len: 2},
				Field{Name: "icmp.seq", Label: fmt.Sprintf("Sequence Number (BE): %d (0x%04x)", seq, seq), Start: off + 6, Len: 2})
		}
		body = off + 8
	}
	if IsICMPError(v6, uint8(typ)) && d.has(off+4, 4) {
		f.Children = append(f.Children, d.icmpErrorWord(off+4, v6, typ, code)...)
		if d.deeper() {
			f.Children = append(f.Children, d.quotedPacket(off+8, msgEnd)...)
			body = msgEnd
		}
	}
	if rest := msgEnd - body; rest > 0 {
		f.Children = append(f.Children, Field{Label: fmt.Sprintf("Data (%d bytes)", rest), Start: body, Len: rest})
	}
	d.out = append(d.out, f)
}

// icmpErrorWord is the 4 bytes between an ICMP error's checksum and the
// packet it quotes: unused, or the next hop's MTU (RFC 1191) or the link's
// (RFC 4443 §3.2), labelled as Wireshark labels them.
func (d *dissector) icmpErrorWord(off int, v6 bool, typ, code int) []Field {
	switch {
	case v6 && typ == 2:
		return []Field{{Name: "icmpv6.mtu", Label: fmt.Sprintf("MTU: %d", d.u32(off)), Start: off, Len: 4}}
	case v6 && typ == 4:
		return []Field{{Name: "icmpv6.pointer", Label: fmt.Sprintf("Pointer: %d", d.u32(off)), Start: off, Len: 4}}
	case v6:
		return []Field{{Name: "icmpv6.reserved", Label: fmt.Sprintf("Reserved: %08x", d.u32(off)), Start: off, Len: 4}}
	case typ == 3 && code == 4:
		return []Field{
			{Name: "icmp.unused", Label: fmt.Sprintf("Unused: %04x", d.u16(off)), Start: off, Len: 2},
			{Name: "icmp.mtu", Label: fmt.Sprintf("MTU of next hop: %d", d.u16(off+2)), Start: off + 2, Len: 2}}
	case typ == 12:
		return []Field{{Name: "icmp.pointer", Label: fmt.Sprintf("Pointer: %d", d.u8(off)), Start: off, Len: 1}}
	}
	return []Field{{Name: "icmp.unused", Label: fmt.Sprintf("Unused: %08x", d.u32(off)), Start: off, Len: 4}}
}

// quotedPacket dissects the IP header and the start of the transport
// header an ICMP error quotes (from off to end, the error's end), as
// children of the ICMP layer, the way Wireshark shows them: the quoted
// segment belongs to the stream the error joined, but it is not a packet
// of it, so no relative numbers or analysis apply.
func (d *dissector) quotedPacket(off, end int) []Field {
	saved, ctx, v6, ip6, whole, data := d.out, d.ctx, d.v6, d.ip6, d.whole, d.data
	d.out, d.ctx, d.whole = nil, tcpContext{stream: ctx.stream}, false
	d.data = d.data[:max(min(end, len(d.data)), off)] // the quote ends where the error does
	d.quoting = true
	d.ipByVersion(off)
	quoted := d.out
	d.out, d.ctx, d.v6, d.ip6, d.whole, d.data = saved, ctx, v6, ip6, whole, data
	d.quoting = false
	return quoted
}

// quotedTCP is the part of a TCP header an ICMP error quotes: RFC 792 asks
// for 8 bytes (ports and sequence number), Linux sends as much as fits.
func (d *dissector) quotedTCP(off, end int) {
	n := min(end, len(d.data)) - off
	if n < 4 {
		d.malformed(off)
		return
	}
	sp, dp := d.u16(off), d.u16(off+2)
	hl := n
	if n >= 13 {
		hl = min(max(d.u8(off+12)>>4*4, 20), n) // the header the data offset claims, as far as quoted
	}
	f := Field{Name: "tcp", Start: off, Len: hl, Children: []Field{
		{Name: "tcp.srcport", Label: fmt.Sprintf("Source Port: %d", sp), Start: off, Len: 2},
		{Name: "tcp.dstport", Label: fmt.Sprintf("Destination Port: %d", dp), Start: off + 2, Len: 2},
	}}
	if d.ctx.stream >= 0 {
		f.Children = append(f.Children, Field{Name: "tcp.stream", Label: fmt.Sprintf("[Stream index: %d]", d.ctx.stream), Start: off})
	}
	f.Label = fmt.Sprintf("Transmission Control Protocol, Src Port: %d, Dst Port: %d", sp, dp)
	if n >= 8 {
		seq := d.u32(off + 4)
		f.Label += fmt.Sprintf(", Seq: %d", seq)
		f.Children = append(f.Children, Field{Name: "tcp.seq", Label: fmt.Sprintf("Sequence Number: %d", seq), Start: off + 4, Len: 4})
	}
	if n >= 12 {
		f.Children = append(f.Children, Field{Name: "tcp.ack", Label: fmt.Sprintf("Acknowledgment Number: %d", d.u32(off+8)), Start: off + 8, Len: 4})
	}
	if n >= 14 {
		flags := uint16(d.u16(off+12) & 0x0fff)
		f.Children = append(f.Children, Field{Name: "tcp.flags", Label: fmt.Sprintf("Flags: 0x%03x (%s)", flags, FlagString(flags)), Start: off + 12, Len: 2})
	}
	if n >= 16 {
		f.Children = append(f.Children, Field{Name: "tcp.window_size_value", Label: fmt.Sprintf("Window: %d", d.u16(off+14)), Start: off + 14, Len: 2})
	}
	d.out = append(d.out, f)
}

var icmpTypes = map[int]string{0: "Echo (ping) reply", 3: "Destination unreachable", 4: "Source quench (flow control)",
	5: "Redirect", 8: "Echo (ping) request", 11: "Time-to-live exceeded", 12: "Parameter problem",
	13: "Timestamp", 14: "Timestamp reply"}

// icmpChecksum verifies an ICMP checksum as Wireshark does by default
// (RFC 792; for ICMPv6 with the IPv6 pseudo-header of RFC 8200 section
// 8.1). A message not captured whole cannot be verified.
func (d *dissector) icmpChecksum(off, end int, v6 bool) string {
	if end > len(d.data) || end-off < 4 || (v6 && d.ip6 < 0 && len(d.v6Addrs) != 32) {
		return "[unverified]"
	}
	var sum uint32
	add := func(b []byte) {
		for len(b) >= 2 {
			sum += uint32(b[0])<<8 | uint32(b[1])
			b = b[2:]
		}
		if len(b) == 1 {
			sum += uint32(b[0]) << 8
		}
	}
	if v6 {
		if d.ip6 >= 0 {
			add(d.data[d.ip6+8 : d.ip6+40]) // source and destination addresses
		} else {
			add(d.v6Addrs) // a reassembled datagram's, from its last fragment
		}
		n := uint32(end - off)
		sum += n>>16 + n&0xffff + ProtoICMPv6
	}
	add(d.data[off : off+2])
	add(d.data[off+4 : end]) // everything but the checksum field itself
	for sum > 0xffff {
		sum = sum>>16 + sum&0xffff
	}
	want := ^uint16(sum)
	if got := uint16(d.u16(off + 2)); got == want || got == 0xffff && want == 0 || got == 0 && want == 0xffff {
		return "[correct]"
	}
	return fmt.Sprintf("[incorrect, should be 0x%04x]", want)
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
	opName := arpOpName(uint16(op))
	addr := func(p, n int, mac bool) string {
		b := d.data[p : p+n]
		if mac {
			return macString(b)
		}
		return ipString(b)
	}
	sha, spa := off+8, off+8+hl
	tha, tpa := spa+pl, spa+pl+hl
	title := opName
	if op == 1 && pl > 0 && string(d.data[off+8+hl:off+8+hl+pl]) == string(d.data[off+8+2*hl+pl:off+8+2*hl+2*pl]) {
		title = "request/gratuitous ARP"
		if isZero(d.data[off+8+hl+pl : off+8+2*hl+pl]) {
			title = "ARP Announcement"
		}
	}
	d.out = append(d.out, Field{Name: "arp", Label: fmt.Sprintf("Address Resolution Protocol (%s)", title), Start: off, Len: 8 + 2*hl + 2*pl,
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
		// Unnamed: tshark's PDML gives its data layer no position to compare.
		d.out = append(d.out, Field{Label: fmt.Sprintf("Data (%d bytes)", n), Start: off, Len: n})
	}
}

// accECNOption is the tree of an AccECN option of n bytes at p (accecn.go).
func (d *dissector) accECNOption(o Field, kf []Field, p, n int, exid uint16) Field {
	order := 0
	if exid == accECNOrder1 {
		order = 1
	}
	short, long, fields := accECNCounters(uint16(exid))
	o.Name = "tcp.options.experimental"
	o.Children = append(kf, Field{Name: "tcp.options.experimental.exid", Label: fmt.Sprintf("Experiment Identifier: Accurate ECN - Order %d (0x%04x)", order, exid), Start: p + 2, Len: 2})
	var vals []string
	for k, at := 0, p+4; k < 3 && at+3 <= p+n && d.has(at, 3); k, at = k+1, at+3 {
		v := uint32(d.u8(at))<<16 | uint32(d.u16(at+1))
		vals = append(vals, fmt.Sprintf("%s %d", short[k], v))
		o.Children = append(o.Children, Field{Name: fields[k], Label: fmt.Sprintf("%s: %d", long[k], v), Start: at, Len: 3, Kind: FieldUint, Num: uint64(v)})
	}
	o.Label = fmt.Sprintf("TCP Option - Experimental: Accurate ECN - Order %d: Accurate ECN (Order %d): %s", order, order, strings.Join(vals, ", "))
	return o
}
