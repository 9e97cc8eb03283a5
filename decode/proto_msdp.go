package decode

import (
	"encoding/binary"
	"fmt"
	"net/netip"
	"strconv"
)

// MSDP, the Multicast Source Discovery Protocol (RFC 3618), on TCP 639, as
// packet-msdp.c in tshark 4.0 shows it. The dissector does no TCP
// reassembly: each segment is read on its own. Protocol "MSDP"; Info the
// type name of the segment's first byte ("IPv4 Source-Active",
// "KeepAlive", "<Unknown MSDP TLV type>"), whatever follows. The TLVs are
// then walked for the tree, and two things there reach the columns:
//   - a Notification of Message Header Error or Notification, or an
//     SA-Message/SA-Response Error of subcode 6 or 7, reads its data as
//     MSDP again (the message in error), which sets Info anew from the
//     data's first byte;
//   - an SA carrying an encapsulated packet hands it to the IP dissector
//     after making both columns read-only, for the rest of the packet.
//
// A read past the bytes (the type or length of a TLV cut short, an (S,G)
// entry or TLV contents past the segment, recursion into empty data) is
// the bounds error that appends "[Malformed Packet]", unless the columns
// are read-only by then. Lengths shorter than a TLV's fields are expert
// notes only: the walk skips by the length. The encapsulated packet is not
// dissected in ladder's tree (knowingly: only its span is shown).

const msdpTCPPort = 639

var msdp = &Dissector{
	Name:    "msdp",
	Dissect: msdpDissect,
	PDULen:  func(_ *Conv, _ uint8, b []byte) int { return len(b) },
	Fields: []FieldDef{
		{Name: "msdp", Desc: "Multicast Source Discovery Protocol", Kind: FieldProto},
		{Name: "msdp.type", Desc: "Type", Kind: FieldUint, Bits: 8},
		{Name: "msdp.length", Desc: "Length", Kind: FieldUint, Bits: 16},
		{Name: "msdp.sa.entry_count", Desc: "Entry Count", Kind: FieldUint, Bits: 8},
		{Name: "msdp.sa.rp_addr", Desc: "RP Address", Kind: FieldIPv4},
		{Name: "msdp.sa.reserved", Desc: "Reserved", Kind: FieldUint, Bits: 24},
		{Name: "msdp.sa.sprefix_len", Desc: "Sprefix len", Kind: FieldUint, Bits: 8},
		{Name: "msdp.sa.group_addr", Desc: "Group Address", Kind: FieldIPv4},
		{Name: "msdp.sa.src_addr", Desc: "Source Address", Kind: FieldIPv4},
		{Name: "msdp.sa_req.res", Desc: "Reserved", Kind: FieldUint, Bits: 8},
		{Name: "msdp.sa_req.group_addr", Desc: "Group Address", Kind: FieldIPv4},
		{Name: "msdp.not.o", Desc: "Open-bit", Kind: FieldUint, Bits: 8},
		{Name: "msdp.not.error", Desc: "Error Code", Kind: FieldUint, Bits: 8},
		{Name: "msdp.not.error_sub", Desc: "Error subcode", Kind: FieldUint, Bits: 8},
		{Name: "msdp.not.group_address", Desc: "Group address", Kind: FieldIPv4},
		{Name: "msdp.not.rp_address", Desc: "RP address", Kind: FieldIPv4},
		{Name: "msdp.not.source_address", Desc: "Source address", Kind: FieldIPv4},
		{Name: "msdp.not.res", Desc: "Reserved", Kind: FieldUint, Bits: 24},
		{Name: "msdp.not.entry_count", Desc: "Entry Count", Kind: FieldUint, Bits: 24},
		{Name: "msdp.not.sprefix_len", Desc: "Sprefix len", Kind: FieldUint, Bits: 8},
		{Name: "msdp.tlv_contents", Desc: "TLV contents", Kind: FieldBytes},
		{Name: "msdp.trailing_junk", Desc: "Trailing junk", Kind: FieldBytes},
		{Name: "msdp.unknown_data", Desc: "Unknown data", Kind: FieldBytes},
	},
}

func init() { RegisterTCP(msdp, msdpTCPPort) }

// The value strings of packet-msdp.c.
var (
	msdpTypes = map[uint8]string{1: "IPv4 Source-Active", 2: "IPv4 Source-Active Request", 3: "IPv4 Source-Active Response",
		4: "KeepAlive", 5: "Notification", 6: "MSDP traceroute in progress", 7: "MSDP traceroute reply"}
	msdpErrors = map[uint8]string{1: "Message Header Error", 2: "SA-Request Error", 3: "SA-Message/SA-Response Error",
		4: "Hold Timer Expired", 5: "Finite State Machine Error", 6: "Notification", 7: "Cease"}
	msdpUnspec   = map[uint8]string{0: "Unspecific"}
	msdpSubcodes = map[uint8]map[uint8]string{
		1: {0: "Unspecific", 2: "Bad Message Length", 3: "Bad Message Type"},
		2: {0: "Unspecific", 1: "Invalid Group"},
		3: {0: "Unspecific", 1: "Invalid Entry Count", 2: "Invalid RP Address", 3: "Invalid Group Address",
			4: "Invalid Source Address", 5: "Invalid Sprefix Length", 6: "Looping SA (Self is RP)",
			7: "Unknown Encapsulation", 8: "Administrative Scope Boundary Violated"},
		5: {0: "Unspecific", 1: "Unexpected Message Type FSM Error"},
	}
)

// msdpMaxDepth bounds the Notification recursion (tshark's is bounded by
// the bytes: each level is at least 5 bytes shorter).
const msdpMaxDepth = 64

// msdpWalk is one dissect_msdp call over b (a subset of the segment that
// starts at base), adding its layer to *tree.
type msdpWalk struct {
	out    *Out
	frozen bool // col_set_writable(FALSE) was called
	depth  int
}

func msdpDissect(p *PDU, out *Out) bool {
	out.SetProto("MSDP")
	w := &msdpWalk{out: out}
	var tree []Field
	if !w.dissect(p.Data, 0, &tree) && !w.frozen {
		out.AppendInfo("", malformedMark)
	}
	for _, f := range tree {
		out.Add(f)
	}
	return true
}

func msdpTypeName(t uint8) string {
	if s, ok := msdpTypes[t]; ok {
		return s
	}
	return "<Unknown MSDP TLV type>"
}

func msdpIPv4(name, what string, b []byte, at, base int) Field {
	a := netip.AddrFrom4([4]byte(b[at : at+4]))
	return Field{Name: name, Label: what + ": " + a.String(), Start: base + at, Len: 4, Kind: FieldIPv4, Num: uint64(binary.BigEndian.Uint32(b[at:]))}
}

func msdpBytes(name, what string, b []byte, at, n, base int) Field {
	return Field{Name: name, Label: fmt.Sprintf("%s: %x", what, b[at:at+n]), Start: base + at, Len: n, Kind: FieldBytes, Str: string(b[at : at+n])}
}

// dissect is dissect_msdp on b; it returns false on a read past b (the
// exception, which ends the whole packet's dissection).
func (w *msdpWalk) dissect(b []byte, base int, parent *[]Field) bool {
	if len(b) == 0 {
		return false // tvb_get_guint8(tvb, 0)
	}
	if !w.frozen {
		w.out.SetInfo(msdpTypeName(b[0]))
	}
	top := Field{Name: "msdp", Label: "Multicast Source Discovery Protocol", Start: base, Len: len(b), Kind: FieldProto}
	var after []Field // items tshark puts in the parent tree (trailing junk)
	ok := w.tlvs(b, base, &top, &after)
	*parent = append(*parent, top)
	*parent = append(*parent, after...)
	return ok
}

func (w *msdpWalk) tlvs(b []byte, base int, top *Field, after *[]Field) bool {
	add := func(f Field) { top.Children = append(top.Children, f) }
	n := len(b)
	for off := 0; off < n; {
		start := off
		t := b[start]
		typeLabel := fmt.Sprintf("Type: %s (%d)", msdpTypes[t], t)
		if _, known := msdpTypes[t]; !known {
			typeLabel = fmt.Sprintf("Type: Unknown (%d)", t)
		}
		add(UintField("msdp.type", typeLabel, base+start, 1, uint64(t)))
		if start+3 > n {
			return false // the length reads past the end
		}
		length := int(binary.BigEndian.Uint16(b[start+1:]))
		add(UintField("msdp.length", "Length: "+strconv.Itoa(length), base+start+1, 2, uint64(length)))
		if length < 3 {
			return true // "TLV length too short": the walk stops
		}
		off = start + 3
		l := length - 3
		switch t {
		case 1, 3:
			var ok bool
			off, ok = w.sa(b, base, off, l, top)
			if !ok {
				return false
			}
		case 2:
			if l == 0 {
				break
			}
			if off+1 > n {
				return false
			}
			add(UintField("msdp.sa_req.res", fmt.Sprintf("Reserved: 0x%02x", b[off]), base+off, 1, uint64(b[off])))
			l--
			if l < 4 {
				off = start + 4 + l
				break
			}
			if start+8 > n {
				return false
			}
			add(msdpIPv4("msdp.sa_req.group_addr", "Group Address", b, start+4, base))
			off = start + 8
			l -= 4
			if l != 0 {
				if off+l > n {
					return false
				}
				*after = append(*after, msdpBytes("msdp.trailing_junk", "Trailing junk", b, off, l, base))
				off += l
			}
		case 4:
			if l != 0 {
				if off+l > n {
					return false
				}
				*after = append(*after, msdpBytes("msdp.trailing_junk", "Trailing junk", b, off, l, base))
				off += l
			}
		case 5:
			var ok bool
			off, ok = w.notification(b, base, start, l, top)
			if !ok {
				return false
			}
		default:
			if l != 0 {
				if off+l > n {
					return false
				}
				add(msdpBytes("msdp.tlv_contents", "TLV contents", b, off, l, base))
			}
			off = start + 3 + l
		}
	}
	return true
}

// sa is dissect_msdp_sa: the entry count, RP address, (S,G) entries and an
// encapsulated packet; l is the TLV's length less its header.
func (w *msdpWalk) sa(b []byte, base, off, l int, top *Field) (int, bool) {
	n := len(b)
	add := func(f Field) { top.Children = append(top.Children, f) }
	if l < 1 {
		return off, true
	}
	if off+1 > n {
		return 0, false
	}
	entries := int(b[off])
	add(UintField("msdp.sa.entry_count", "Entry Count: "+strconv.Itoa(entries), base+off, 1, uint64(entries)))
	off++
	if l < 5 {
		return off + l - 1, true
	}
	if off+4 > n {
		return 0, false
	}
	add(msdpIPv4("msdp.sa.rp_addr", "RP Address", b, off, base))
	off += 4
	l -= 5
	for ; entries > 0; entries-- {
		if l < 12 {
			return off + l, true
		}
		if off+12 > n {
			return 0, false
		}
		g := netip.AddrFrom4([4]byte(b[off+4 : off+8]))
		s := netip.AddrFrom4([4]byte(b[off+8 : off+12]))
		res := uint64(b[off])<<16 | uint64(b[off+1])<<8 | uint64(b[off+2])
		add(Field{Label: fmt.Sprintf("(S,G) block: %s/%d -> %s", s, b[off+3], g), Start: base + off, Len: 12, Children: []Field{
			UintField("msdp.sa.reserved", fmt.Sprintf("Reserved: 0x%06x", res), base+off, 3, res),
			UintField("msdp.sa.sprefix_len", "Sprefix len: "+strconv.Itoa(int(b[off+3])), base+off+3, 1, uint64(b[off+3])),
			msdpIPv4("msdp.sa.group_addr", "Group Address", b, off+4, base),
			msdpIPv4("msdp.sa.src_addr", "Source Address", b, off+8, base),
		}})
		off += 12
		l -= 12
	}
	if l == 0 {
		return off, true
	}
	size := min(l, max(n-off, 0))
	add(Field{Label: fmt.Sprintf("Encapsulated IPv4 packet: %d bytes", l), Start: base + off, Len: size})
	w.frozen = true
	// The IP dissector throws on a header cut short; the rest of the
	// packet is then not dissected (the columns no longer change).
	data := b[min(off, n) : min(off, n)+size]
	if len(data) == 0 {
		return 0, false
	}
	switch data[0] >> 4 {
	case 4:
		if hl := int(data[0]&15) * 4; hl >= 20 && len(data) < max(hl, 20) {
			return 0, false
		}
	case 6:
		if len(data) < 40 {
			return 0, false
		}
	}
	return off + l, true
}

// notification is dissect_msdp_notification; start is the TLV's first byte
// and l its length less the header.
func (w *msdpWalk) notification(b []byte, base, start, l int, top *Field) (int, bool) {
	n := len(b)
	add := func(f Field) { top.Children = append(top.Children, f) }
	off := start + 3
	l16 := uint16(l)
	if l16 == 0 {
		return off, true
	}
	if off+1 > n {
		return 0, false
	}
	v := b[off]
	code := v & 0x7f
	bit := "0"
	if v&0x80 != 0 {
		bit = "1"
	}
	errName := msdpErrors[code]
	if errName == "" {
		errName = "Unknown"
	}
	add(UintField("msdp.not.o", fmt.Sprintf("%s... .... = Open-bit: 0x%s", bit, bit), base+off, 1, uint64(v>>7)))
	add(UintField("msdp.not.error", fmt.Sprintf(".%03b %04b = Error Code: %s (%d)", code>>4, code&15, errName, code), base+off, 1, uint64(code)))
	off = start + 4
	if l16 == 1 {
		return off, true
	}
	if off+1 > n {
		return 0, false
	}
	sub := b[off]
	vals := msdpSubcodes[code]
	if vals == nil {
		vals = msdpUnspec
	}
	subName, known := vals[sub]
	if !known {
		subName = "<Unknown Error subcode>"
	}
	add(UintField("msdp.not.error_sub", fmt.Sprintf("Error subcode: %s (%d)", subName, sub), base+off, 1, uint64(sub)))
	off = start + 5
	r := int(l16 - 2)
	addr := func(name, what string) bool {
		if off+3 > n {
			return false
		}
		res := uint64(b[off])<<16 | uint64(b[off+1])<<8 | uint64(b[off+2])
		add(UintField("msdp.not.res", fmt.Sprintf("Reserved: 0x%06x", res), base+off, 3, res))
		if off+7 > n {
			return false
		}
		add(msdpIPv4(name, what, b, off+3, base))
		off += 7
		return true
	}
	recurse := func() (int, bool) {
		if r != 0 {
			if w.depth >= msdpMaxDepth {
				return off + r, true
			}
			w.depth++
			sub := b[min(off, n):min(off+r, n)]
			ok := w.dissect(sub, base+min(off, n), &top.Children)
			w.depth--
			if !ok {
				return 0, false
			}
		}
		return off + r, true
	}
	unknown := func() (int, bool) {
		if r != 0 {
			if off+r > n {
				return 0, false
			}
			add(msdpBytes("msdp.unknown_data", "Unknown data", b, off, r, base))
		}
		return off + r, true
	}
	rem := r
	switch code {
	case 2:
		if r < 7 {
			return off + r, true
		}
		if !addr("msdp.not.group_address", "Group address") {
			return 0, false
		}
		rem = r - 7
	case 3:
		switch sub {
		case 0:
		case 1, 5:
			if r == 0 {
				return off, true
			}
			if off+1 > n {
				return 0, false
			}
			if sub == 1 {
				add(UintField("msdp.not.entry_count", fmt.Sprintf("Entry Count: 0x%06x", b[off]), base+off, 1, uint64(b[off])))
			} else {
				add(UintField("msdp.not.sprefix_len", "Sprefix len: "+strconv.Itoa(int(b[off])), base+off, 1, uint64(b[off])))
			}
			off++
			rem = r - 1
		case 2, 3, 4, 8:
			if r < 7 {
				return off + r, true
			}
			name, what := "msdp.not.group_address", "Group address"
			switch sub {
			case 2:
				name, what = "msdp.not.rp_address", "RP address"
			case 4:
				name, what = "msdp.not.source_address", "Source address"
			}
			if !addr(name, what) {
				return 0, false
			}
			rem = r - 7
		case 6, 7:
			return recurse()
		default:
			return unknown()
		}
	case 1, 6:
		return recurse()
	case 4, 5, 7:
	default:
		return unknown()
	}
	if rem != 0 {
		if off+rem > n {
			return 0, false
		}
		add(msdpBytes("msdp.trailing_junk", "Trailing junk", b, off, rem, base))
		off += rem
	}
	return off, true
}
