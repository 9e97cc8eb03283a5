package decode

import (
	"fmt"
	"net/netip"
	"strings"
)

// AODV, Ad hoc On-Demand Distance Vector routing (RFC 3561), on UDP port
// 654, shown as packet-aodv.c in tshark 4.0 shows it: Protocol "AODV", Info
// the message type's name followed by what was read of it ("Route Request,
// D: 10.9.6.7, O: 10.9.6.1 Id=1 Hcnt=0 DSN=0 OSN=5", "Route Reply, D: ...,
// O: ... Hcnt=2 DSN=9 Lifetime=3000", "Route Error, Dest Count=3", "Route
// Reply Acknowledgment"). Over IPv6 the addresses are 16 bytes in RFC
// 3561's layout; types 16 to 19 are draft-perkins-manet-aodv6-01's own
// layout. Any other type is not AODV: the Protocol column keeps "AODV" and
// Info is left empty, as packet-aodv.c clears it before it gives up.
// Extensions (hello interval, timestamp) follow a request or a reply. A
// field read past the datagram ends the dissection with "[Malformed
// Packet]" after the Info read so far; so does an error's destination list
// or an extension that runs past it. Hand-written: gopacket has no AODV
// layer.

const portAODV = 654

var aodv = &Dissector{
	Name:    "aodv",
	Dissect: dissectAODV,
	Fields: []FieldDef{
		{Name: "aodv.type", Desc: "Type", Kind: FieldUint, Bits: 8},
		{Name: "aodv.flags", Desc: "Flags", Kind: FieldUint, Bits: 16},
		{Name: "aodv.flags.rreq_join", Desc: "RREQ Join", Kind: FieldBool},
		{Name: "aodv.flags.rreq_repair", Desc: "RREQ Repair", Kind: FieldBool},
		{Name: "aodv.flags.rreq_gratuitous", Desc: "RREQ Gratuitous RREP", Kind: FieldBool},
		{Name: "aodv.flags.rreq_destinationonly", Desc: "RREQ Destination only", Kind: FieldBool},
		{Name: "aodv.flags.rreq_unknown", Desc: "RREQ Unknown Sequence Number", Kind: FieldBool},
		{Name: "aodv.flags.rrep_repair", Desc: "RREP Repair", Kind: FieldBool},
		{Name: "aodv.flags.rrep_ack", Desc: "RREP Acknowledgement", Kind: FieldBool},
		{Name: "aodv.flags.rerr_nodelete", Desc: "RERR No Delete", Kind: FieldBool},
		{Name: "aodv.prefix_sz", Desc: "Prefix Size", Kind: FieldUint, Bits: 8},
		{Name: "aodv.hopcount", Desc: "Hop Count", Kind: FieldUint, Bits: 8},
		{Name: "aodv.rreq_id", Desc: "RREQ Id", Kind: FieldUint, Bits: 32},
		{Name: "aodv.dest_ip", Desc: "Destination IP", Kind: FieldIPv4},
		{Name: "aodv.dest_ipv6", Desc: "Destination IPv6", Kind: FieldIPv6},
		{Name: "aodv.dest_seqno", Desc: "Destination Sequence Number", Kind: FieldUint, Bits: 32},
		{Name: "aodv.orig_ip", Desc: "Originator IP", Kind: FieldIPv4},
		{Name: "aodv.orig_ipv6", Desc: "Originator IPv6", Kind: FieldIPv6},
		{Name: "aodv.orig_seqno", Desc: "Originator Sequence Number", Kind: FieldUint, Bits: 32},
		{Name: "aodv.lifetime", Desc: "Lifetime", Kind: FieldUint, Bits: 32},
		{Name: "aodv.destcount", Desc: "Destination Count", Kind: FieldUint, Bits: 8},
		{Name: "aodv.unreach_dest_ip", Desc: "Unreachable Destination IP", Kind: FieldIPv4},
		{Name: "aodv.unreach_dest_ipv6", Desc: "Unreachable Destination IPv6", Kind: FieldIPv6},
		{Name: "aodv.ext_type", Desc: "Extension Type", Kind: FieldUint, Bits: 8},
		{Name: "aodv.ext_length", Desc: "Extension Length", Kind: FieldUint, Bits: 8},
		{Name: "aodv.hello_interval", Desc: "Hello Interval", Kind: FieldUint, Bits: 32},
		{Name: "aodv.timestamp", Desc: "Timestamp", Kind: FieldUint, Bits: 64},
	},
}

func init() { RegisterUDP(aodv, portAODV) }

var aodvTypes = map[byte]string{
	1: "Route Request", 2: "Route Reply", 3: "Route Error", 4: "Route Reply Acknowledgment",
	16: "draft-perkins-manet-aodv6-01 IPv6 Route Request", 17: "draft-perkins-manet-aodv6-01 IPv6 Route Reply",
	18: "draft-perkins-manet-aodv6-01 IPv6 Route Error", 19: "draft-perkins-manet-aodv6-01 IPv6 Route Reply Acknowledgment",
}

var aodvExtTypes = map[byte]string{1: "None", 2: "Hello Interval", 3: "Timestamp"}

// aodvFlag is one flag bit of the 16-bit flags field (the flags byte and
// the byte after it) as packet-aodv.c declares it.
type aodvFlag struct {
	name, text string
	bit        uint16
}

var (
	aodvRREQFlags = []aodvFlag{
		{"aodv.flags.rreq_join", "RREQ Join", 0x8000}, {"aodv.flags.rreq_repair", "RREQ Repair", 0x4000},
		{"aodv.flags.rreq_gratuitous", "RREQ Gratuitous RREP", 0x2000},
		{"aodv.flags.rreq_destinationonly", "RREQ Destination only", 0x1000},
		{"aodv.flags.rreq_unknown", "RREQ Unknown Sequence Number", 0x0800},
	}
	aodvRREPFlags = []aodvFlag{{"aodv.flags.rrep_repair", "RREP Repair", 0x8000}, {"aodv.flags.rrep_ack", "RREP Acknowledgement", 0x4000}}
	aodvRERRFlags = []aodvFlag{{"aodv.flags.rerr_nodelete", "RERR No Delete", 0x8000}}
)

// aodvReader walks one AODV message; bad is set when a read runs past the
// datagram (tshark's bounds exception).
type aodvReader struct {
	b     []byte
	bad   bool
	top   *Field
	out   *Out
	label strings.Builder // the protocol line, grown as packet-aodv.c appends to it
}

func (r *aodvReader) has(off, n int) bool {
	if r.bad || n < 0 || off+n > len(r.b) {
		r.bad = true
		return false
	}
	return true
}

func (r *aodvReader) u32(off int) uint32 {
	return uint32(r.b[off])<<24 | uint32(r.b[off+1])<<16 | uint32(r.b[off+2])<<8 | uint32(r.b[off+3])
}

func (r *aodvReader) add(f Field) {
	r.top.Children = append(r.top.Children, f)
}

// num reads a big-endian value of n bytes at off into a field labelled
// "What: N"; false when it ran past the datagram.
func (r *aodvReader) num(name, what string, off, n int) (uint64, bool) {
	if !r.has(off, n) {
		return 0, false
	}
	var v uint64
	for _, c := range r.b[off : off+n] {
		v = v<<8 | uint64(c)
	}
	r.add(UintField(name, fmt.Sprintf("%s: %d", what, v), off, n, v))
	return v, true
}

// addr reads an address (4 or 16 bytes) at off into name4/name6; false
// when it ran past the datagram.
func (r *aodvReader) addr(name4, name6, what string, off, n int) (string, bool) {
	if !r.has(off, n) {
		return "", false
	}
	if n == 4 {
		a := netip.AddrFrom4([4]byte(r.b[off : off+4]))
		r.add(Field{Name: name4, Label: what + " IP: " + a.String(), Start: off, Len: 4, Kind: FieldIPv4, Num: uint64(r.u32(off))})
		return a.String(), true
	}
	s := inetNtop6([16]byte(r.b[off : off+16]))
	r.add(Field{Name: name6, Label: what + " IPv6: " + s, Start: off, Len: 16, Kind: FieldIPv6, Str: string(r.b[off : off+16])})
	return s, true
}

// flags reads the flags byte and adds the 16-bit flags field from it.
func (r *aodvReader) flags(list []aodvFlag) bool {
	if !r.has(1, 1) {
		return false
	}
	if !r.has(1, 2) {
		return false
	}
	v := uint16(r.b[1])<<8 | uint16(r.b[2])
	label := fmt.Sprintf("Flags: %d", v)
	var kids []Field
	for _, fl := range list {
		set := v&fl.bit != 0
		if set {
			label += ", " + fl.text
		}
		kids = append(kids, boolField(fl.name, bitLine16(v, fl.bit)+" = "+fl.text+": "+map[bool]string{true: "Set", false: "Not set"}[set], 1, 2, set))
	}
	f := UintField("aodv.flags", label, 1, 2, uint64(v))
	f.Children = kids
	r.add(f)
	return true
}

// bitLine16 draws the bits of mask in a 16-bit value as tshark does:
// "1... .... .... ....".
func bitLine16(v, mask uint16) string {
	var sb strings.Builder
	for i := 15; i >= 0; i-- {
		bit := uint16(1) << i
		switch {
		case mask&bit == 0:
			sb.WriteByte('.')
		case v&bit != 0:
			sb.WriteByte('1')
		default:
			sb.WriteByte('0')
		}
		if i%4 == 0 && i > 0 {
			sb.WriteByte(' ')
		}
	}
	return sb.String()
}

// inetNtop6 writes an IPv6 address as glibc's inet_ntop (which Wireshark
// uses): like Go's, but the IPv4-compatible form as ::a.b.c.d.
func inetNtop6(p [16]byte) string {
	if [12]byte(p[:12]) == [12]byte{} && (p[12] != 0 || p[13] != 0) {
		return "::" + netip.AddrFrom4([4]byte(p[12:])).String()
	}
	return netip.AddrFrom16(p).String()
}

func dissectAODV(p *PDU, out *Out) bool {
	b := p.Data
	out.SetProto("AODV")
	out.SetInfo("")
	if len(b) == 0 {
		out.SetInfo(malformedMark)
		return true
	}
	name, ok := aodvTypes[b[0]]
	if !ok {
		// packet-aodv.c returns 0 after clearing Info: UDP's heuristic
		// dissectors may still take the datagram, else it reads AODV
		// with no Info
		return !udpHeuristicClaims(b, p.DstPort)
	}
	out.SetInfo(name)
	top := Field{Name: "aodv", Len: len(b), Kind: FieldProto}
	r := &aodvReader{b: b, top: &top, out: out}
	r.label.WriteString("Ad hoc On-demand Distance Vector Routing Protocol, " + name)
	r.add(UintField("aodv.type", fmt.Sprintf("Type: %s (%d)", name, b[0]), 0, 1, uint64(b[0])))
	alen := 4
	if len(p.DstIP) == 16 {
		alen = 16
	}
	switch b[0] {
	case 1:
		r.rreq(alen, false)
	case 16:
		r.rreq(16, true)
	case 2:
		r.rrep(alen, false)
	case 17:
		r.rrep(16, true)
	case 3:
		r.rerr(alen, false)
	case 18:
		r.rerr(16, true)
	}
	top.Label = r.label.String()
	if r.bad {
		out.AppendInfo("", malformedMark)
		top.Children = append(top.Children, Field{Name: "_ws.malformed", Label: "[Malformed Packet: AODV]", Kind: FieldProto})
	}
	if out.WantTree {
		out.Add(top)
	}
	return true
}

// dest and orig read an address and append it to Info and the protocol
// line as packet-aodv.c does.
func (r *aodvReader) dest(off, alen int) bool {
	s, ok := r.addr("aodv.dest_ip", "aodv.dest_ipv6", "Destination", off, alen)
	if ok {
		r.label.WriteString(", Dest IP: " + s)
		r.out.AppendInfo("", ", D: "+s)
	}
	return ok
}

func (r *aodvReader) orig(off, alen int) (string, bool) {
	s, ok := r.addr("aodv.orig_ip", "aodv.orig_ipv6", "Originator", off, alen)
	if ok {
		r.label.WriteString(", Orig IP: " + s)
	}
	return s, ok
}

// rreq reads a route request (RFC 3561 §5.1), or the draft's IPv6 one
// (sequence numbers before the addresses).
func (r *aodvReader) rreq(alen int, draft bool) {
	if !r.flags(aodvRREQFlags) {
		return
	}
	hops, ok := r.num("aodv.hopcount", "Hop Count", 3, 1)
	if !ok {
		return
	}
	id, ok := r.num("aodv.rreq_id", "RREQ Id", 4, 4)
	if !ok {
		return
	}
	var dseq, oseq uint64
	if draft {
		if dseq, ok = r.num("aodv.dest_seqno", "Destination Sequence Number", 8, 4); !ok {
			return
		}
		if oseq, ok = r.num("aodv.orig_seqno", "Originator Sequence Number", 12, 4); !ok {
			return
		}
		if !r.dest(16, 16) {
			return
		}
		o, ok := r.orig(32, 16)
		if !ok {
			return
		}
		r.out.AppendInfo("", fmt.Sprintf(", O: %s Id=%d Hcnt=%d DSN=%d OSN=%d", o, id, hops, dseq, oseq))
		r.extensions(48)
		return
	}
	if !r.dest(8, alen) {
		return
	}
	at := 8 + alen
	if dseq, ok = r.num("aodv.dest_seqno", "Destination Sequence Number", at, 4); !ok {
		return
	}
	o, ok := r.orig(at+4, alen)
	if !ok {
		return
	}
	r.out.AppendInfo("", ", O: "+o)
	at += 4 + alen
	if oseq, ok = r.num("aodv.orig_seqno", "Originator Sequence Number", at, 4); !ok {
		return
	}
	r.out.AppendInfo("", fmt.Sprintf(" Id=%d Hcnt=%d DSN=%d OSN=%d", id, hops, dseq, oseq))
	r.extensions(at + 4)
}

// rrep reads a route reply (RFC 3561 §5.2), or the draft's IPv6 one.
func (r *aodvReader) rrep(alen int, draft bool) {
	if !r.flags(aodvRREPFlags) || !r.has(2, 1) {
		return
	}
	mask := byte(0x1f)
	if draft {
		mask = 0x7f
	}
	psz := r.b[2] & mask
	r.add(UintField("aodv.prefix_sz", fmt.Sprintf("Prefix Size: %d", psz), 2, 1, uint64(psz)))
	hops, ok := r.num("aodv.hopcount", "Hop Count", 3, 1)
	if !ok {
		return
	}
	var dseq uint64
	at := 4
	if draft {
		if dseq, ok = r.num("aodv.dest_seqno", "Destination Sequence Number", 4, 4); !ok {
			return
		}
		at = 8
	}
	if !r.dest(at, alen) {
		return
	}
	at += alen
	if !draft {
		if dseq, ok = r.num("aodv.dest_seqno", "Destination Sequence Number", at, 4); !ok {
			return
		}
		at += 4
	}
	o, ok := r.orig(at, alen)
	if !ok {
		return
	}
	r.out.AppendInfo("", ", O: "+o)
	at += alen
	life, ok := r.num("aodv.lifetime", "Lifetime", at, 4)
	if !ok {
		return
	}
	r.label.WriteString(fmt.Sprintf(", Lifetime=%d", life))
	r.out.AppendInfo("", fmt.Sprintf(" Hcnt=%d DSN=%d Lifetime=%d", hops, dseq, life))
	r.extensions(at + 4)
}

// rerr reads a route error (RFC 3561 §5.3): the count, then each
// unreachable destination and its sequence number (the other way round
// in the draft's IPv6 error).
func (r *aodvReader) rerr(alen int, draft bool) {
	if !r.flags(aodvRERRFlags) {
		return
	}
	n, ok := r.num("aodv.destcount", "Destination Count", 3, 1)
	if !ok {
		return
	}
	r.out.AppendInfo("", fmt.Sprintf(", Dest Count=%d", n))
	per := alen + 4
	if !r.has(4, per*int(n)) {
		return
	}
	list := Field{Label: "Unreachable Destinations", Start: 4, Len: per * int(n)}
	saved := r.top.Children
	r.top.Children = nil
	for i := range int(n) {
		at := 4 + i*per
		if draft {
			r.num("aodv.dest_seqno", "Destination Sequence Number", at, 4)
			r.addr("", "aodv.unreach_dest_ipv6", "Unreachable Destination", at+4, 16)
			continue
		}
		r.addr("aodv.unreach_dest_ip", "aodv.unreach_dest_ipv6", "Unreachable Destination", at, alen)
		r.num("aodv.dest_seqno", "Destination Sequence Number", at+alen, 4)
	}
	list.Children = r.top.Children
	r.top.Children = append(saved, list)
}

// extensions reads the extensions after a request or a reply (RFC 3561
// §5.5): type, length, value, until the datagram ends or a length is 0.
func (r *aodvReader) extensions(off int) {
	for !r.bad && off < len(r.b) {
		if !r.has(off, 2) {
			return
		}
		typ, l := r.b[off], int(r.b[off+1])
		if !r.has(off, 2+l) {
			return
		}
		ext := Field{Label: "Extensions", Start: off, Len: 2 + l}
		tname := "Unknown"
		if s, ok := aodvExtTypes[typ]; ok {
			tname = s
		}
		ext.Children = append(ext.Children,
			UintField("aodv.ext_type", fmt.Sprintf("Extension Type: %s (%d)", tname, typ), off, 1, uint64(typ)),
			UintField("aodv.ext_length", fmt.Sprintf("Extension Length: %d bytes", l), off+1, 1, uint64(l)))
		if l == 0 {
			r.add(ext)
			return
		}
		off += 2
		switch typ {
		case 2:
			if r.has(off, 4) {
				v := r.u32(off)
				ext.Children = append(ext.Children, UintField("aodv.hello_interval", fmt.Sprintf("Hello Interval: %d", v), off, 4, uint64(v)))
			}
		case 3:
			if r.has(off, 8) {
				v := uint64(r.u32(off))<<32 | uint64(r.u32(off+4))
				ext.Children = append(ext.Children, UintField("aodv.timestamp", fmt.Sprintf("Timestamp: %d", v), off, 8, v))
			}
		}
		r.add(ext)
		off += l
	}
}

// udpHeuristicClaims says whether one of the UDP heuristic dissectors
// would try b sent to port dst, for a port dissector that gives a
// datagram back after writing a column (tshark then walks its heuristic
// list, and the column stays as written when none takes it).
func udpHeuristicClaims(b []byte, dst uint16) bool {
	for _, d := range registry.udpHeur {
		if heuristicPortOK(d, dst) && d.Heuristic(b) {
			return true
		}
	}
	return false
}
