package decode

import (
	"encoding/hex"
	"fmt"
	"net/netip"
	"strconv"
)

// OLSR, the Optimized Link State Routing Protocol (RFC 3626), on UDP port
// 698, shown as packet-olsr.c in tshark 4.0 shows it: Protocol "OLSR v1",
// Info "OLSR (IPv4) Packet,  Length: N Bytes" (two spaces, N the packet
// length field) or "(IPv6)" by the datagram's address family. A datagram
// shorter than four bytes, or whose packet length exceeds it, is not
// taken: Protocol stays UDP and Info reads "OLSR Packet,  Length: N Bytes
// (not enough data in packet)", as the dissector leaves it before giving
// the datagram back.
//
// The messages are walked as packet-olsr.c walks them: HELLO, TC, MID and
// HNA (RFC 3626 §6, §9, §5, §12), olsr.org's LQ HELLO, LQ TC and
// nameservice, NRL's TC extra; others as data. Entries short of their
// message's end get tshark's "Not enough bytes" line; a line past the
// datagram (a link message longer than what is left, a message size past
// the datagram, and every IPv6 HNA entry, which packet-olsr.c reads as a
// 4-byte IPv6 address) ends the dissection with "[Malformed Packet]".
// Hand-written: gopacket has no OLSR layer.

const portOLSR = 698

var olsr = &Dissector{
	Name:    "olsr",
	Dissect: dissectOLSR,
	Fields: []FieldDef{
		{Name: "olsr.packet_len", Desc: "Packet Length", Kind: FieldUint, Bits: 16},
		{Name: "olsr.packet_seq_num", Desc: "Packet Sequence Number", Kind: FieldUint, Bits: 16},
		{Name: "olsr.message", Desc: "Message", Kind: FieldBytes},
		{Name: "olsr.message_type", Desc: "Message Type", Kind: FieldUint, Bits: 8},
		{Name: "olsr.message_size", Desc: "Message", Kind: FieldUint, Bits: 16},
		{Name: "olsr.message_seq_num", Desc: "Message Sequence Number", Kind: FieldUint, Bits: 16},
		{Name: "olsr.vtime", Desc: "Validity Time (seconds; present or absent here)", Kind: FieldLabel},
		{Name: "olsr.ansn", Desc: "Advertised Neighbor Sequence Number (ANSN)", Kind: FieldUint, Bits: 16},
		{Name: "olsr.htime", Desc: "Hello Emission Interval (seconds; present or absent here)", Kind: FieldLabel},
		{Name: "olsr.willingness", Desc: "Willingness to forward messages", Kind: FieldUint, Bits: 8},
		{Name: "olsr.ttl", Desc: "TTL", Kind: FieldUint, Bits: 8},
		{Name: "olsr.link_type", Desc: "Link Type", Kind: FieldUint, Bits: 8},
		{Name: "olsr.link_message_size", Desc: "Link Message Size", Kind: FieldUint, Bits: 16},
		{Name: "olsr.hop_count", Desc: "Hop Count", Kind: FieldUint, Bits: 8},
		{Name: "olsr.neighbor", Desc: "Neighbor Address", Kind: FieldBytes},
		{Name: "olsr.origin_addr", Desc: "Originator Address", Kind: FieldIPv4},
		{Name: "olsr.neighbor_addr", Desc: "Neighbor Address", Kind: FieldIPv4},
		{Name: "olsr.network_addr", Desc: "Network Address", Kind: FieldIPv4},
		{Name: "olsr.interface_addr", Desc: "Interface Address", Kind: FieldIPv4},
		{Name: "olsr.netmask", Desc: "Netmask", Kind: FieldIPv4},
		{Name: "olsr.origin6_addr", Desc: "Originator Address", Kind: FieldIPv6},
		{Name: "olsr.neighbor6_addr", Desc: "Neighbor Address", Kind: FieldIPv6},
		{Name: "olsr.interface6_addr", Desc: "Interface Address", Kind: FieldIPv6},
		{Name: "olsr.data", Desc: "Data", Kind: FieldBytes},
		{Name: "olsr.lq", Desc: "LQ", Kind: FieldUint, Bits: 8},
		{Name: "olsr.nlq", Desc: "NLQ", Kind: FieldUint, Bits: 8},
		{Name: "olsr.ns", Desc: "Nameservice", Kind: FieldBytes},
		{Name: "olsr.ns.version", Desc: "Version", Kind: FieldUint, Bits: 16},
		{Name: "olsr.ns.count", Desc: "Count", Kind: FieldUint, Bits: 16},
		{Name: "olsr.ns.type", Desc: "Message Type", Kind: FieldUint, Bits: 16},
		{Name: "olsr.ns.length", Desc: "Length", Kind: FieldUint, Bits: 16},
		{Name: "olsr.ns.ip", Desc: "Address", Kind: FieldIPv4},
		{Name: "olsr.ns.ip6", Desc: "Address", Kind: FieldIPv6},
		{Name: "olsr.ns.content", Desc: "Content", Kind: FieldString},
		{Name: "olsr.nrl.minmax", Desc: "NRL MINMAX", Kind: FieldUint, Bits: 8},
		{Name: "olsr.nrl.spf", Desc: "NRL SPF", Kind: FieldUint, Bits: 8},
	},
}

func init() { RegisterUDP(olsr, portOLSR) }

var olsrMessageTypes = map[uint64]string{
	1: "HELLO", 2: "TC", 3: "MID", 4: "HNA", 201: "HELLO (LQ, olsr.org)", 202: "TC (LQ, olsr.org)",
	130: "Nameservice (olsr.org)", 241: "TC (LQ, nrlolsr)",
}

var olsrLinkTypes = map[uint64]string{
	0: "Unspecified Link", 1: "Asymmetric Link", 3: "Lost Link", 5: "Pending Link", 6: "Symmetric Link", 10: "MPR Link",
}

var olsrWillingness = map[uint64]string{0: "never", 7: "always"}

var olsrNSTypes = map[uint64]string{0: "HOST", 1: "FORWARDER", 2: "SERVICE", 3: "LATLON"}

// olsrVals is a value as a value_string field shows it: "HELLO (1)", or
// "Unknown (99)".
func olsrVals(m map[uint64]string, v uint64) string {
	if s, ok := m[v]; ok {
		return fmt.Sprintf("%s (%d)", s, v)
	}
	return fmt.Sprintf("Unknown (%d)", v)
}

// olsrTime is RFC 3626 §18.3's mantissa/exponent time in seconds.
func olsrTime(v byte) float64 {
	return float64(uint64(1)<<(v&0x0f)) / 16 * (1 + float64(v>>4)/16)
}

// olsrReader walks one OLSR packet; bad is set when a line runs past the
// datagram (tshark's bounds exception) and stops the walk.
type olsrReader struct {
	b    []byte
	alen int // 4 for IPv4, 16 for IPv6
	bad  bool
	tree bool
}

// ok checks a line of n bytes at off against the datagram.
func (r *olsrReader) ok(off, n int) bool {
	if r.bad || n < 0 || off+n > len(r.b) {
		r.bad = true
		return false
	}
	return true
}

func (r *olsrReader) val(off, n int) uint64 {
	var v uint64
	for _, c := range r.b[off : off+n] {
		v = v<<8 | uint64(c)
	}
	return v
}

// add appends f to parent when its bytes are there and returns a pointer
// to it (nil when it threw).
func (r *olsrReader) add(parent *Field, f Field) *Field {
	if !r.ok(f.Start, f.Len) {
		return nil
	}
	if !r.tree || parent == nil {
		return &Field{}
	}
	parent.Children = append(parent.Children, f)
	return &parent.Children[len(parent.Children)-1]
}

// uint adds an unsigned field, labelled "What: N" or by vals.
func (r *olsrReader) uint(parent *Field, name, what string, off, n int, vals map[uint64]string) *Field {
	if !r.ok(off, n) {
		return nil
	}
	v := r.val(off, n)
	s := strconv.FormatUint(v, 10)
	if vals != nil {
		s = olsrVals(vals, v)
	}
	return r.add(parent, UintField(name, what+": "+s, off, n, v))
}

// addr adds an address field of the packet's family at off: name4 or
// name6.
func (r *olsrReader) addr(parent *Field, name4, name6, what string, off int) *Field {
	if !r.ok(off, r.alen) {
		return nil
	}
	if r.alen == 4 {
		v := r.val(off, 4)
		return r.add(parent, Field{Name: name4, Label: what + ": " + netip.AddrFrom4([4]byte(r.b[off:off+4])).String(), Start: off, Len: 4, Kind: FieldIPv4, Num: v})
	}
	return r.add(parent, Field{Name: name6, Label: what + ": " + netip.AddrFrom16([16]byte(r.b[off:off+16])).String(), Start: off, Len: 16, Kind: FieldIPv6, Str: string(r.b[off : off+16])})
}

func (r *olsrReader) addrString(off int) string {
	if r.alen == 4 {
		return netip.AddrFrom4([4]byte(r.b[off : off+4])).String()
	}
	return netip.AddrFrom16([16]byte(r.b[off : off+16])).String()
}

// short adds tshark's "Not enough bytes" expert line.
func (r *olsrReader) short(parent *Field, text string, off, n int) {
	r.add(parent, Field{Name: "_ws.expert", Label: text, Start: off, Len: n})
}

func dissectOLSR(p *PDU, out *Out) bool {
	b := p.Data
	notEnough := func(n int) bool {
		// packet-olsr.c sets Info and returns 0: the datagram stays UDP
		// unless one of UDP's heuristic dissectors takes it
		if udpHeuristicClaims(b, p.DstPort) {
			return false
		}
		out.SetProto("UDP")
		out.SetInfo(fmt.Sprintf("OLSR Packet,  Length: %d Bytes (not enough data in packet)", n))
		return true
	}
	if len(b) < 4 {
		return notEnough(len(b))
	}
	plen := int(b[0])<<8 | int(b[1])
	if plen > max(p.Len, len(b)) {
		return notEnough(plen)
	}
	r := &olsrReader{b: b, tree: out.WantTree}
	switch len(p.DstIP) {
	case 4:
		r.alen = 4
	case 16:
		r.alen = 16
	default:
		return false
	}
	out.SetProto("OLSR v1")
	fam := "IPv4"
	if r.alen == 16 {
		fam = "IPv6"
	}
	out.SetInfo(fmt.Sprintf("OLSR (%s) Packet,  Length: %d Bytes", fam, plen))
	top := Field{Name: "olsr", Label: "Optimized Link State Routing Protocol", Len: len(b), Kind: FieldProto}
	r.uint(&top, "olsr.packet_len", "Packet Length", 0, 2, nil)
	r.uint(&top, "olsr.packet_seq_num", "Packet Sequence Number", 2, 2, nil)
	r.messages(&top, plen)
	if r.bad {
		out.AppendInfo("", malformedMark)
		top.Children = append(top.Children, Field{Name: "_ws.malformed", Label: "[Malformed Packet: OLSR]", Kind: FieldProto})
	}
	if out.WantTree {
		out.Add(top)
	}
	return true
}

// messages walks the messages up to the packet length (RFC 3626 §3.3).
func (r *olsrReader) messages(top *Field, plen int) {
	hdr := 8 + r.alen // type, vtime, size, originator, ttl, hops, seqno
	for off := 4; off < plen && !r.bad; {
		if plen-off < 4 {
			r.short(top, "Message too short !", off, plen-off)
			return
		}
		if !r.ok(off, 4) {
			return
		}
		typ := uint64(r.b[off])
		vt := r.b[off+1]
		mlen := int(r.val(off+2, 2))
		msg := r.add(top, Field{Name: "olsr.message", Label: fmt.Sprintf("Message: %s (%d)", olsrName(typ), typ), Start: off, Len: mlen, Kind: FieldBytes})
		if msg == nil {
			return
		}
		if r.tree {
			msg.Str = string(r.b[off : off+mlen])
		}
		r.add(msg, UintField("olsr.message_type", "Message Type: "+olsrVals(olsrMessageTypes, typ), off, 1, typ))
		r.add(msg, Field{Name: "olsr.vtime", Label: fmt.Sprintf("Validity Time: %.3f (in seconds)", olsrTime(vt)), Start: off + 1, Len: 1})
		size := r.uint(msg, "olsr.message_size", "Message", off+2, 2, nil)
		if mlen < hdr {
			r.short(size, fmt.Sprintf("(too short, must be >= %d)", hdr), off+2, 2)
			return
		}
		end := off + mlen
		if end > plen {
			r.short(size, "(not enough data for message)", off+2, 2)
			return
		}
		at := off + 4
		r.addr(msg, "olsr.origin_addr", "olsr.origin6_addr", "Originator Address", at)
		at += r.alen
		r.uint(msg, "olsr.ttl", "TTL", at, 1, nil)
		r.uint(msg, "olsr.hop_count", "Hop Count", at+1, 1, nil)
		r.uint(msg, "olsr.message_seq_num", "Message Sequence Number", at+2, 2, nil)
		at += 4
		if at < end {
			switch typ {
			case 1:
				r.hello(msg, at, end, false)
			case 201:
				r.hello(msg, at, end, true)
			case 2:
				r.tc(msg, at, end)
			case 202:
				r.lqTC(msg, at, end)
			case 3:
				r.mid(msg, at, end)
			case 4:
				r.hna(msg, at, end)
			case 130:
				r.nameservice(msg, at, end)
			case 241:
				r.nrlTC(msg, at, end)
			default:
				n := mlen - 12
				if d := r.add(msg, Field{Name: "olsr.data", Label: fmt.Sprintf("Data (%d bytes)", n), Start: at, Len: n, Kind: FieldBytes}); d != nil && r.tree {
					d.Str = string(r.b[at : at+n])
				}
				if n%4 != 0 {
					r.short(msg, "Must be aligned on 32 bits", at, n)
					return
				}
			}
		}
		off = end
	}
}

func olsrName(t uint64) string {
	if s, ok := olsrMessageTypes[t]; ok {
		return s
	}
	return "UNKNOWN"
}

// hello reads a HELLO (RFC 3626 §6.1) or olsr.org's LQ HELLO (lq): the
// emission interval, willingness and link messages.
func (r *olsrReader) hello(msg *Field, at, end int, lq bool) {
	what := "Hello"
	if end-at < 4 {
		r.short(msg, "Not enough bytes for "+what, at, end-at)
		return
	}
	at += 2
	if !r.ok(at, 1) {
		return
	}
	r.add(msg, Field{Name: "olsr.htime", Label: fmt.Sprintf("Hello Emission Interval: %.3f (in seconds)", olsrTime(r.b[at])), Start: at, Len: 1})
	r.uint(msg, "olsr.willingness", "Willingness to forward messages", at+1, 1, olsrWillingness)
	at += 2
	for at < end && !r.bad {
		if end-at < 4 {
			r.short(msg, "Not enough bytes for last Hello entry", at, end-at)
			return
		}
		link := r.uint(msg, "olsr.link_type", "Link Type", at, 1, olsrLinkTypes)
		if link == nil || !r.ok(at+2, 2) {
			return
		}
		size := int(r.val(at+2, 2))
		sz := r.uint(link, "olsr.link_message_size", "Link Message Size", at+2, 2, nil)
		at += 4
		if size < 4 {
			r.short(sz, "(too short, must be >= 4)", at-2, 2)
			return
		}
		if lq {
			at = r.lqNeighbors(link, at, at+size-4, "Not enough bytes for last Olsr.org LQ-Hello entry")
		} else {
			at = r.neighbors(link, at, at+size-4)
		}
	}
}

// neighbors reads a link message's neighbour addresses.
func (r *olsrReader) neighbors(parent *Field, at, end int) int {
	for at < end && !r.bad {
		if end-at < r.alen {
			r.short(parent, "Not enough bytes for last Hello entry", at, end-at)
			return end
		}
		r.addr(parent, "olsr.neighbor_addr", "olsr.neighbor6_addr", "Neighbor Address", at)
		at += r.alen
	}
	return end
}

// lqNeighbors reads olsr.org's neighbour entries: an address, LQ, NLQ
// and two reserved bytes.
func (r *olsrReader) lqNeighbors(parent *Field, at, end int, shortText string) int {
	for at < end && !r.bad {
		if end-at < r.alen+4 {
			r.short(parent, shortText, at, end-at)
			return end
		}
		if !r.ok(at+r.alen, 2) {
			return end
		}
		lq, nlq := r.b[at+r.alen], r.b[at+r.alen+1]
		n := r.alen + 4
		g := r.add(parent, Field{Name: "olsr.neighbor", Label: fmt.Sprintf("Neighbor Address: %s (%d/%d)", r.addrString(at), lq, nlq), Start: at, Len: n, Kind: FieldBytes})
		if g == nil {
			return end
		}
		if r.tree {
			g.Str = string(r.b[at : at+n])
		}
		r.addr(g, "olsr.neighbor_addr", "olsr.neighbor6_addr", "Neighbor Address", at)
		at += r.alen
		r.uint(g, "olsr.lq", "LQ", at, 1, nil)
		r.uint(g, "olsr.nlq", "NLQ", at+1, 1, nil)
		at += 4
	}
	return end
}

// tc reads a TC message (RFC 3626 §9.1): the ANSN and advertised
// neighbours.
func (r *olsrReader) tc(msg *Field, at, end int) {
	if end-at < 4 {
		r.short(msg, "Not enough bytes for TC", at, end-at)
		return
	}
	r.uint(msg, "olsr.ansn", "Advertised Neighbor Sequence Number (ANSN)", at, 2, nil)
	at += 4
	for at < end && !r.bad {
		if end-at < r.alen {
			r.short(msg, "Not enough bytes for last neighbor", at, end-at)
			return
		}
		r.addr(msg, "olsr.neighbor_addr", "olsr.neighbor6_addr", "Neighbor Address", at)
		at += r.alen
	}
}

func (r *olsrReader) lqTC(msg *Field, at, end int) {
	if end-at < 4 {
		r.short(msg, "Not enough bytes for Olsr.org LQ-TC", at, end-at)
		return
	}
	r.uint(msg, "olsr.ansn", "Advertised Neighbor Sequence Number (ANSN)", at, 2, nil)
	r.lqNeighbors(msg, at+4, end, fmt.Sprintf("Not enough bytes for last entry (need %d bytes)", r.alen+4))
}

// nrlTC reads NRLOLSR's TC: the addresses, then a byte of each of two
// fields per address.
func (r *olsrReader) nrlTC(msg *Field, at, end int) {
	if end-at < 4 {
		r.short(msg, "Not enough bytes for NRLOLSR LQ-TC", at, end-at)
		return
	}
	r.uint(msg, "olsr.ansn", "Advertised Neighbor Sequence Number (ANSN)", at, 2, nil)
	at += 4
	per := r.alen + 2
	f1 := at + (end-at)/per*r.alen
	f2 := at + (end-at)/per*(r.alen+1)
	sane := end - (end-at)%per
	for f2 < sane && !r.bad {
		r.addr(msg, "olsr.neighbor_addr", "olsr.neighbor6_addr", "Neighbor Address", at)
		at += r.alen
		r.uint(msg, "olsr.nrl.minmax", "NRL MINMAX", f1, 1, nil)
		r.uint(msg, "olsr.nrl.spf", "NRL SPF", f2, 1, nil)
		f1++
		f2++
	}
}

// mid reads a MID message's interface addresses (RFC 3626 §5.1).
func (r *olsrReader) mid(msg *Field, at, end int) {
	for at < end && !r.bad {
		if end-at < r.alen {
			r.short(msg, "Not enough bytes for last MID entry", at, end-at)
			return
		}
		r.addr(msg, "olsr.interface_addr", "olsr.interface6_addr", "Interface Address", at)
		at += r.alen
	}
}

// hna reads an HNA message's network and netmask pairs (RFC 3626 §12.1).
// packet-olsr.c reads an IPv6 pair's network address as 4 bytes, which
// tshark cannot show as IPv6: the dissection ends there.
func (r *olsrReader) hna(msg *Field, at, end int) {
	for at < end && !r.bad {
		if end-at < 2*r.alen {
			r.short(msg, "Not enough bytes for last HNA entry", at, end-at)
			return
		}
		if r.alen == 16 {
			r.bad = true
			return
		}
		r.addr(msg, "olsr.network_addr", "", "Network Address", at)
		r.addr(msg, "olsr.netmask", "", "Netmask", at+4)
		at += 8
	}
}

// nameservice reads olsr.org's nameservice message: version, count and
// entries of type, length, address and padded content.
func (r *olsrReader) nameservice(msg *Field, at, end int) {
	if end-at < 4 {
		r.short(msg, "Not enough bytes for Olsr.org Nameservice message", at, end-at)
		return
	}
	if !r.ok(at, 4) {
		return
	}
	version := r.val(at, 2)
	count := int(r.val(at+2, 2))
	ver := r.uint(msg, "olsr.ns.version", "Version", at, 2, nil)
	r.uint(msg, "olsr.ns.count", "Count", at+2, 2, nil)
	at += 4
	if version != 1 {
		r.short(ver, "Unknown nameservice protocol version", at-4, 2)
		if d := r.add(msg, Field{Name: "olsr.data", Label: "Data: " + hex.EncodeToString(r.b[at:min(max(end, at), len(r.b))]), Start: at, Len: end - at, Kind: FieldBytes}); d != nil && r.tree {
			d.Str = string(r.b[at:end])
		}
		return
	}
	for at < end && count > 0 && !r.bad {
		count--
		if end-at < 20 {
			r.short(msg, "Not enough bytes for last nameservice entry", at, end-at)
			return
		}
		if !r.ok(at, 4) {
			return
		}
		typ := r.val(at, 2)
		length := int(r.val(at+2, 2))
		total := 4 + 16 + ((length - 1) | 3) + 1
		name := "UNKNOWN"
		if s, ok := olsrNSTypes[typ]; ok {
			name = s
		}
		e := r.add(msg, Field{Name: "olsr.ns", Label: fmt.Sprintf("Nameservice: %s (%d)", name, typ), Start: at, Len: total, Kind: FieldBytes})
		if e == nil {
			return
		}
		if r.tree {
			e.Str = string(r.b[at : at+total])
		}
		r.uint(e, "olsr.ns.type", "Message Type", at, 2, olsrNSTypes)
		r.add(e, UintField("olsr.ns.length", fmt.Sprintf("Length: %d", length), at+2, 2, uint64(length)))
		r.addr(e, "olsr.ns.ip", "olsr.ns.ip6", "Address", at+4)
		if end-at < total {
			r.short(msg, "Not enough bytes for content of last nameservice entry", at, end-at)
			return
		}
		if r.ok(at+20, length) {
			s := string(r.b[at+20 : at+20+length])
			r.add(e, StrField("olsr.ns.content", "Content: "+Printable(s), at+20, length, s))
		}
		at += total
	}
}
