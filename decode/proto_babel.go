package decode

import (
	"encoding/hex"
	"fmt"
	"net/netip"
)

// Babel (RFC 8966, earlier RFC 6126) on UDP port 6696, shown as
// packet-babel.c in tshark 4.0 shows it: Protocol "Babel", Info "Babel"
// followed by the name of every TLV of the body and then of the packet
// trailer (" hello ihu update"), or "Version N" alone for a version other
// than 2. A datagram shorter than four bytes or without the magic byte 42
// is not Babel (it stays UDP).
//
// tshark reads a TLV's fixed fields at their RFC offsets whatever the TLV's
// length says, and a field or a prefix line that runs past the datagram,
// or a length below -1 from "len - N", ends the dissection with
// "[Malformed Packet]" after the name of the TLV being read; the TLV and
// sub-TLV lines themselves (proto_tree_add_uint_format) are not held to
// the datagram. The prefix lines repeat packet-babel.c's
// arithmetic: the omitted bytes of an update come from the previous update
// with flag 0x80 in the same body (zeros before any), an unknown address
// encoding gives "corrupt", and the sub-TLVs of an IHU whose address could
// not be read start one byte early. The packet trailer's length is taken
// modulo 256, as tshark's 8-bit variable holds it. Hand-written: gopacket
// has no Babel layer.

const (
	portBabel  = 6696
	babelMagic = 42
)

var babel = &Dissector{
	Name:    "babel",
	Dissect: dissectBabel,
	Fields: []FieldDef{
		{Name: "babel.magic", Desc: "Magic", Kind: FieldUint, Bits: 8},
		{Name: "babel.version", Desc: "Version", Kind: FieldUint, Bits: 8},
		{Name: "babel.bodylen", Desc: "Body Length", Kind: FieldUint, Bits: 16},
		{Name: "babel.message", Desc: "Message", Kind: FieldUint, Bits: 8},
		{Name: "babel.message.type", Desc: "Message Type", Kind: FieldUint, Bits: 8},
		{Name: "babel.message.length", Desc: "Message Length", Kind: FieldUint, Bits: 8},
		{Name: "babel.message.nonce", Desc: "Nonce", Kind: FieldUint, Bits: 16},
		{Name: "babel.message.interval", Desc: "Interval", Kind: FieldUint, Bits: 16},
		{Name: "babel.message.seqno", Desc: "Seqno", Kind: FieldUint, Bits: 16},
		{Name: "babel.message.ae", Desc: "Address Encoding", Kind: FieldUint, Bits: 8},
		{Name: "babel.message.prefix", Desc: "Raw Prefix", Kind: FieldBytes},
		{Name: "babel.message.rxcost", Desc: "Rxcost", Kind: FieldUint, Bits: 16},
		{Name: "babel.message.routerid", Desc: "Router ID", Kind: FieldBytes},
		{Name: "babel.message.flags", Desc: "Flags", Kind: FieldUint, Bits: 8},
		{Name: "babel.message.plen", Desc: "Prefix Length", Kind: FieldUint, Bits: 8},
		{Name: "babel.message.omitted", Desc: "Omitted Bytes", Kind: FieldUint, Bits: 8},
		{Name: "babel.message.metric", Desc: "Metric", Kind: FieldUint, Bits: 16},
		{Name: "babel.message.hopcount", Desc: "Hop Count", Kind: FieldUint, Bits: 8},
		{Name: "babel.message.index", Desc: "Index", Kind: FieldUint, Bits: 32},
		{Name: "babel.subtlv", Desc: "Sub-TLV", Kind: FieldUint, Bits: 8},
		{Name: "babel.subtlv.type", Desc: "Sub-TLV Type", Kind: FieldUint, Bits: 8},
		{Name: "babel.subtlv.length", Desc: "Sub-TLV Length", Kind: FieldUint, Bits: 8},
		{Name: "babel.subtlv.diversity.channel", Desc: "Channel", Kind: FieldUint, Bits: 8},
	},
}

func init() { RegisterUDP(babel, portBabel) }

// Babel TLV types as packet-babel.c names them (RFC 8966 §4.6, RFC 8967,
// RFC 9079 and the older drafts it still knows).
const (
	babelPad1      = 0
	babelPadN      = 1
	babelAckReq    = 2
	babelAck       = 3
	babelHello     = 4
	babelIHU       = 5
	babelRouterID  = 6
	babelNH        = 7
	babelUpdate    = 8
	babelRequest   = 9
	babelMHRequest = 10
	babelPC        = 17
)

var babelTLVNames = map[byte]string{
	0: "pad1", 1: "padn", 2: "ack-req", 3: "ack", 4: "hello", 5: "ihu", 6: "router-id", 7: "nh",
	8: "update", 9: "request", 10: "mh-request", 11: "ts/pc (obsolete)", 12: "hmac",
	13: "source-specific-update", 14: "source-specific-req", 15: "source-specific-seqno",
	16: "hmac", 17: "pc", 18: "challenge-request", 19: "challenge-reply",
}

var babelSubTLVNames = map[byte]string{0: "sub-pad1", 1: "sub-padn", 2: "diversity", 3: "timestamp"}

var babelAENames = map[byte]string{0: "Wildcard", 1: "IPv4", 2: "IPv6", 3: "Link-Local IPv6"}

// babelName is a value's name, or def when the table has none.
func babelName(m map[byte]string, v byte, def string) string {
	if s, ok := m[v]; ok {
		return s
	}
	return def
}

// babelVals is a field's value as a value_string field shows it:
// "hello (4)", or "Unknown (42)".
func babelVals(m map[byte]string, v byte) string {
	return fmt.Sprintf("%s (%d)", babelName(m, v, "Unknown"), v)
}

// babelReader walks one Babel datagram. bad is set once a read or a tree
// line runs past the datagram (tshark's bounds exception): the walk stops.
type babelReader struct {
	b    []byte
	bad  bool
	tree bool
}

// span checks a tree line at start of length n as tshark's proto_tree
// checks it: -1 runs to the end, a length below -1 or a line past the end
// of the datagram throws. It returns the line's length.
func (r *babelReader) span(start, n int) (int, bool) {
	if r.bad {
		return 0, false
	}
	switch {
	case n == -1 && start <= len(r.b):
		return len(r.b) - start, true
	case n >= 0 && start+n <= len(r.b):
		return n, true
	}
	r.bad = true
	return 0, false
}

// u8 reads the byte at off (a tvb_get_guint8), throwing past the end.
func (r *babelReader) u8(off int) (byte, bool) {
	if r.bad || off >= len(r.b) {
		r.bad = true
		return 0, false
	}
	return r.b[off], true
}

func (r *babelReader) be16(off int) uint16 { return uint16(r.b[off])<<8 | uint16(r.b[off+1]) }

// add appends a line to parent once span allows it; it reports whether it did.
func (r *babelReader) add(parent *Field, f Field) bool {
	n, ok := r.span(f.Start, f.Len)
	if !ok {
		return false
	}
	f.Len = n
	if r.tree && parent != nil {
		parent.Children = append(parent.Children, f)
	}
	return true
}

// uintItem adds a big-endian unsigned field of n bytes at off, labelled
// by format applied to the value.
func (r *babelReader) uintItem(parent *Field, name, format string, off, n int) {
	if _, ok := r.span(off, n); !ok {
		return
	}
	var v uint64
	for _, c := range r.b[off : off+n] {
		v = v<<8 | uint64(c)
	}
	r.add(parent, UintField(name, fmt.Sprintf(format, v), off, n, v))
}

// bytesItem adds an FT_BYTES field: "Raw Prefix: 20010db8", or
// "<MISSING>" for no bytes.
func (r *babelReader) bytesItem(parent *Field, name, what string, off, n int) {
	n, ok := r.span(off, n)
	if !ok {
		return
	}
	v := r.b[off : off+n]
	s := hex.EncodeToString(v)
	if n == 0 {
		s = "<MISSING>"
	}
	r.add(parent, Field{Name: name, Label: what + ": " + s, Start: off, Len: n, Kind: FieldBytes, Str: string(v)})
}

// unchecked adds a line as proto_tree_add_uint_format does, without
// holding it to the datagram (cut there for ladder's tree), and returns a
// pointer to it in parent.
func (r *babelReader) unchecked(parent *Field, f Field) *Field {
	if f.Start+f.Len > len(r.b) {
		f.Len = max(len(r.b)-f.Start, 0)
	}
	if !r.tree || parent == nil {
		return &Field{}
	}
	parent.Children = append(parent.Children, f)
	return &parent.Children[len(parent.Children)-1]
}

// text adds a text line (no filter name) and returns a pointer to it in
// parent for its own lines, or nil when it threw.
func (r *babelReader) text(parent *Field, label string, off, n int) *Field {
	if !r.add(parent, Field{Label: label, Start: off, Len: n}) {
		return nil
	}
	if !r.tree || parent == nil {
		return &Field{}
	}
	return &parent.Children[len(parent.Children)-1]
}

// babelV4Prefix is ::ffff:0:0/96, the form packet-babel.c keeps an IPv4
// prefix in.
var babelV4Prefix = [12]byte{10: 0xff, 11: 0xff}

// prefix reads a network prefix as packet-babel.c's network_prefix does:
// plen < 0 for a whole address, omitted bytes from dp (nil: none known),
// at most avail bytes at off (avail as the unsigned value C passes, so a
// negative "len - N" allows any). It returns the bytes consumed, or -1 when
// the prefix cannot be read; a copy past the datagram throws.
func (r *babelReader) prefix(ae byte, plen, omitted int, off int, dp *[16]byte, avail int) (int, [16]byte) {
	var p [16]byte
	var pb int
	switch {
	case plen >= 0:
		pb = (plen + 7) / 8
	case ae == 1:
		pb = 4
	default:
		pb = 16
	}
	if pb > 16 {
		return -1, p
	}
	short := func(need int) bool { return avail >= 0 && avail < need }
	copyAt := func(to, n int) bool {
		if off+n > len(r.b) {
			r.bad = true
			return false
		}
		copy(p[to:to+n], r.b[off:off+n])
		return true
	}
	consumed := 0
	switch ae {
	case 0:
	case 1:
		if omitted > 4 || pb > 4 || pb > omitted && short(pb-omitted) {
			return -1, p
		}
		copy(p[:12], babelV4Prefix[:])
		if omitted > 0 {
			if dp == nil {
				return -1, p
			}
			copy(p[:12+omitted], dp[:12+omitted])
		}
		if pb > omitted {
			if !copyAt(12+omitted, pb-omitted) {
				return -1, p
			}
			consumed = pb - omitted
		}
	case 2:
		if omitted > 16 || pb > omitted && short(pb-omitted) {
			return -1, p
		}
		if omitted > 0 {
			if dp == nil {
				return -1, p
			}
			copy(p[:omitted], dp[:omitted])
		}
		if pb > omitted {
			if !copyAt(omitted, pb-omitted) {
				return -1, p
			}
			consumed = pb - omitted
		}
	case 3:
		if pb > 8 && short(pb-8) {
			return -1, p
		}
		p[0], p[1] = 0xfe, 0x80
		if pb > 8 {
			if !copyAt(8, pb-8) {
				return -1, p
			}
			consumed = pb - 8
		}
	default:
		return -1, p
	}
	return consumed, p
}

// babelAddress formats a prefix as packet-babel.c's format_address:
// "corrupt" when it could not be read, IPv4 when it lies in ::ffff:0:0/96,
// else IPv6 as glibc's inet_ntop writes it (::a.b.c.d for the
// IPv4-compatible form).
func babelAddress(ok bool, p [16]byte) string {
	if !ok {
		return "corrupt"
	}
	if [12]byte(p[:12]) == babelV4Prefix {
		return netip.AddrFrom4([4]byte(p[12:])).String()
	}
	if [12]byte(p[:12]) == [12]byte{} && (p[12] != 0 || p[13] != 0) {
		return "::" + netip.AddrFrom4([4]byte(p[12:])).String()
	}
	return netip.AddrFrom16(p).String()
}

func dissectBabel(p *PDU, out *Out) bool {
	b := p.Data
	if len(b) < 4 || b[0] != babelMagic {
		return false
	}
	out.SetProto("Babel")
	if b[1] != 2 {
		out.SetInfo(fmt.Sprintf("Version %d", b[1]))
		return true
	}
	out.SetInfo("Babel")
	r := &babelReader{b: b, tree: out.WantTree}
	top := Field{Name: "babel", Label: "Babel Routing Protocol", Len: len(b), Kind: FieldProto, Children: []Field{
		UintField("babel.magic", "Magic: 42", 0, 1, babelMagic),
		UintField("babel.version", "Version: 2", 1, 1, 2),
	}}
	bodylen := int(r.be16(2))
	top.Children = append(top.Children, UintField("babel.bodylen", fmt.Sprintf("Body Length: %d", bodylen), 2, 2, uint64(bodylen)))
	r.body(&top, out, 0, bodylen)
	if r.bad {
		out.AppendInfo("", malformedMark)
		top.Children = append(top.Children, Field{Name: "_ws.malformed", Label: "[Malformed Packet: Babel]", Kind: FieldProto})
	}
	if out.WantTree {
		out.Add(top)
	}
	return true
}

// body reads the TLVs from 4+offset while they begin less than bodylen
// bytes on, as dissect_babel_body; called with offset 0 it then reads the
// packet trailer the same way.
func (r *babelReader) body(tree *Field, out *Out, offset, bodylen int) {
	var v4, v6 [16]byte // the default prefixes updates with flag 0x80 set
	i := offset
	for !r.bad && i-offset < bodylen {
		m := 4 + i
		typ, ok := r.u8(m)
		if !ok {
			return
		}
		var l int
		total := 1
		if typ != babelPad1 {
			c, ok := r.u8(m + 1)
			if !ok {
				return
			}
			l, total = int(c), int(c)+2
		}
		name := babelName(babelTLVNames, typ, "unknown")
		out.AppendInfo(" ", name)
		msg := r.unchecked(tree, UintField("babel.message", fmt.Sprintf("Message %s (%d)", name, typ), m, total, uint64(typ)))
		r.add(msg, UintField("babel.message.type", "Message Type: "+babelVals(babelTLVNames, typ), m, 1, uint64(typ)))
		if typ == babelPad1 {
			i++
			continue
		}
		r.add(msg, UintField("babel.message.length", fmt.Sprintf("Message Length: %d", l), m+1, 1, uint64(l)))
		r.tlv(msg, typ, m, l, &v4, &v6)
		i += l + 2
	}
	if offset != 0 || r.bad {
		return
	}
	trailer := int(uint8(len(r.b) - bodylen - 4))
	if trailer == 0 {
		return
	}
	if t := r.text(tree, fmt.Sprintf("Packet Trailer (%d)", trailer), 4+bodylen, trailer); t != nil {
		r.body(t, out, bodylen, trailer)
	}
}

// tlv reads the fields of one TLV of type typ and length l at m.
func (r *babelReader) tlv(msg *Field, typ byte, m, l int, v4, v6 *[16]byte) {
	switch typ {
	case babelAckReq:
		r.uintItem(msg, "babel.message.nonce", "Nonce: 0x%04x", m+4, 2)
		r.uintItem(msg, "babel.message.interval", "Interval: %d", m+6, 2)
	case babelAck:
		r.uintItem(msg, "babel.message.nonce", "Nonce: 0x%04x", m+2, 2)
	case babelHello:
		// packet-babel.c reads the datagram's third byte for this line
		r.text(msg, fmt.Sprintf("Unicast : %d", r.b[2]), m+2, 2)
		r.uintItem(msg, "babel.message.seqno", "Seqno: 0x%04x", m+4, 2)
		r.uintItem(msg, "babel.message.interval", "Interval: %d", m+6, 2)
		if l > 6 {
			r.subTLVs(msg, typ, m+8, m+2+l)
		}
	case babelIHU:
		ae, ok := r.u8(m + 2)
		if !ok {
			return
		}
		rc, a := r.prefix(ae, -1, 0, m+8, nil, l-6)
		if r.bad {
			return
		}
		r.uintItem(msg, "babel.message.rxcost", "Rxcost: 0x%04x", m+4, 2)
		r.uintItem(msg, "babel.message.interval", "Interval: %d", m+6, 2)
		sub := r.text(msg, "Address: "+babelAddress(rc >= 0, a), m+4, l-2)
		if sub == nil {
			return
		}
		r.aeItem(sub, ae, m+2)
		r.bytesItem(sub, "babel.message.prefix", "Raw Prefix", m+4, l-2)
		if rc < l-6 {
			r.subTLVs(msg, typ, m+8+rc, m+2+l)
		}
	case babelRouterID:
		r.bytesItem(msg, "babel.message.routerid", "Router ID", m+4, 8)
	case babelNH:
		ae, ok := r.u8(m + 2)
		if !ok {
			return
		}
		rc, a := r.prefix(ae, -1, 0, m+4, nil, l-2)
		if r.bad {
			return
		}
		sub := r.text(msg, "NH: "+babelAddress(rc >= 0, a), m+4, l-2)
		if sub == nil {
			return
		}
		r.aeItem(sub, ae, m+2)
		r.bytesItem(sub, "babel.message.prefix", "Raw Prefix", m+4, l-2)
	case babelUpdate:
		var hdr [4]byte // ae, flags, plen, omitted
		for k := range hdr {
			c, ok := r.u8(m + 2 + k)
			if !ok {
				return
			}
			hdr[k] = c
		}
		ae, flags, plen, omitted := hdr[0], hdr[1], hdr[2], hdr[3]
		dp := v6
		if ae == 1 {
			dp = v4
		}
		rc, pfx := r.prefix(ae, int(plen), int(omitted), m+12, dp, l-10)
		if r.bad {
			return
		}
		if rc >= 0 && flags&0x80 != 0 {
			*dp = pfx
		}
		r.uintItem(msg, "babel.message.flags", "Flags: 0x%02x", m+3, 1)
		r.uintItem(msg, "babel.message.interval", "Interval: %d", m+6, 2)
		r.uintItem(msg, "babel.message.seqno", "Seqno: 0x%04x", m+8, 2)
		r.uintItem(msg, "babel.message.metric", "Metric: %d", m+10, 2)
		sub := r.text(msg, fmt.Sprintf("Prefix: %s/%d", babelAddress(rc >= 0, pfx), plen), m+12, l-10)
		if sub == nil {
			return
		}
		r.aeItem(sub, ae, m+2)
		r.uintItem(sub, "babel.message.plen", "Prefix Length: %d", m+4, 1)
		r.uintItem(sub, "babel.message.omitted", "Omitted Bytes: %d", m+5, 1)
		r.bytesItem(sub, "babel.message.prefix", "Raw Prefix", m+12, l-10)
		// C compares the consumed count cast to 8 bits: -1 never passes
		if rc >= 0 && rc < l-10 {
			r.subTLVs(msg, typ, m+12+rc, m+2+l)
		}
	case babelRequest, babelMHRequest:
		at, avail := m+4, l-2
		if typ == babelMHRequest {
			at, avail = m+16, l-14
		}
		plen, ok := r.u8(m + 3)
		if !ok {
			return
		}
		ae, ok := r.u8(m + 2)
		if !ok {
			return
		}
		rc, pfx := r.prefix(ae, int(plen), 0, at, nil, avail)
		if r.bad {
			return
		}
		if typ == babelMHRequest {
			r.uintItem(msg, "babel.message.seqno", "Seqno: 0x%04x", m+4, 2)
			r.uintItem(msg, "babel.message.hopcount", "Hop Count: %d", m+6, 1)
			r.bytesItem(msg, "babel.message.routerid", "Router ID", m+8, 8)
		}
		sub := r.text(msg, fmt.Sprintf("Prefix: %s/%d", babelAddress(rc >= 0, pfx), plen), at, avail)
		if sub == nil {
			return
		}
		r.aeItem(sub, ae, m+2)
		r.uintItem(sub, "babel.message.plen", "Prefix Length: %d", m+3, 1)
		r.bytesItem(sub, "babel.message.prefix", "Raw Prefix", at, avail)
	case babelPC:
		r.uintItem(msg, "babel.message.index", "Index: %d", m+2, 4)
	}
}

func (r *babelReader) aeItem(parent *Field, ae byte, off int) {
	r.add(parent, UintField("babel.message.ae", "Address Encoding: "+babelVals(babelAENames, ae), off, 1, uint64(ae)))
}

// babelTimestamp is a timestamp sub-TLV's microseconds as tshark writes
// them: "1062.177656s".
func babelTimestamp(v uint32) string { return fmt.Sprintf("%d.%06ds", v/1000000, v%1000000) }

// subTLVs reads the sub-TLVs from beg while they begin before end (RFC
// 8966 §4.4), as dissect_babel_subtlvs: a sub-TLV's length is not held to
// end, only to the datagram.
func (r *babelReader) subTLVs(msg *Field, typ byte, beg, end int) {
	for !r.bad && beg < end {
		st, ok := r.u8(beg)
		if !ok {
			return
		}
		sl, total := 0, 1
		if st != 0 {
			c, ok := r.u8(beg + 1)
			if !ok {
				return
			}
			sl, total = int(c), int(c)+2
		}
		sub := r.unchecked(msg, UintField("babel.subtlv", fmt.Sprintf("Sub TLV %s (%d)", babelName(babelSubTLVNames, st, "unknown"), st), beg, total, uint64(st)))
		r.add(sub, UintField("babel.subtlv.type", "Sub-TLV Type: "+babelVals(babelSubTLVNames, st), beg, 1, uint64(st)))
		if st == 0 {
			beg++
			continue
		}
		// packet-babel.c names the length with the sub-TLV type names
		r.add(sub, UintField("babel.subtlv.length", "Sub-TLV Length: "+babelVals(babelSubTLVNames, byte(sl)), beg+1, 1, uint64(sl)))
		if st&0x80 != 0 {
			r.text(sub, "Mandatory", beg+2, sl)
		}
		switch st {
		case 2: // diversity
			ch := r.text(sub, "Channel", beg+2, 0)
			for k := 0; ch != nil && k < sl; k++ {
				r.uintItem(ch, "babel.subtlv.diversity.channel", "Channel: %d", beg+2+k, 1)
			}
		case 3: // timestamp
			switch typ {
			case babelHello:
				if _, ok := r.span(beg+2, 4); ok {
					r.text(sub, "Timestamp : "+babelTimestamp(r.be32(beg+2)), beg+2, sl)
				}
			case babelIHU:
				if _, ok := r.span(beg+2, 8); ok {
					t1, t2 := r.be32(beg+2), r.be32(beg+6)
					r.text(sub, "Timestamp origin : "+babelTimestamp(t1), beg+2, sl)
					r.text(sub, "Timestamp receive: "+babelTimestamp(t2), beg+6, sl)
				}
			default:
				r.text(sub, "Bogus", beg+2, sl)
			}
		}
		beg += sl + 2
	}
}

func (r *babelReader) be32(off int) uint32 {
	return uint32(r.be16(off))<<16 | uint32(r.be16(off+2))
}
