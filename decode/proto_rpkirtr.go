package decode

import (
	"encoding/binary"
	"fmt"
	"net/netip"
	"strconv"
)

// RPKI-Router Protocol (RFC 6810, RFC 8210) on TCP 323, as packet-rpki-rtr.c
// in tshark 4.0 shows it: Protocol "RPKI-RTR", Info the PDU types' names
// joined by ", " ("Cache Response, IPv4 Prefix, ... End of Data"), "Unknown
// (N)" for unassigned types. tcp_dissect_pdus cuts the stream at the
// 8-byte header's length (at offset 4); a length under 8 gives "[Malformed
// Packet]" and drops the rest of the segment, a length of 0 makes tshark
// ask for one more segment for ever.
//
// Inside one PDU the dissector loops until no bytes remain, so a PDU longer
// than its fields (or the Router Key of version 0, whose fields it skips)
// is read again from where its fields ended, each pass naming another
// "PDU". For an unassigned type it skips by the 32-bit value at offset 2
// (the session field and half the length: packet-rpki-rtr.c reads the
// length one field early), so most of those end the loop at once and one
// of length 0 is read again from byte 2. A read past the PDU's end is the
// ReportedBoundsError that appends "[Malformed Packet]" to that PDU's
// names; the next PDU of the segment goes on. Error Report lengths of 2^31
// and more are negative to tshark and so past the end. A Router Key's
// SubjectPublicKeyInfo is walked as BER the way dissect_ber_sequence skips
// it (knowingly approximate: the inner elements are not matched against
// the X.509 definitions). The Info column stops at tshark's 4095 bytes.
// TLS on TCP 324 is left to the TLS dissector's port table.

const (
	rpkiRTRPort      = 323
	rpkiRTRHeaderLen = 8
	// rpkiRTRMaxInfo is tshark's COL_MAX_INFO_LEN less its NUL.
	rpkiRTRMaxInfo = 4095
	// rpkiRTRMaxPasses bounds the loop over one PDU: tshark loops without
	// end on some hostile lengths (an offset that wraps back); ladder stops.
	rpkiRTRMaxPasses = 4096
)

var rpkiRTR = &Dissector{
	Name:    "rpkirtr",
	Dissect: rpkiRTRDissect,
	PDULen:  rpkiRTRPDULen,
	// dissect_rpkirtr clears the column before tcp_dissect_pdus
	ClearsInfo: true,
	// and does so on every segment while the length is unknown (a header
	// not yet whole, or a length of 0 that asks for one more segment):
	// a segment that continues such bytes reads only TCP's mark
	Partial: func(p *PDU, out *Out) {
		if len(p.Segments) > 1 {
			out.SetInfo("")
		}
	},
	Fields: []FieldDef{
		{Name: "rpkirtr", Desc: "RPKI-Router Protocol", Kind: FieldProto},
		{Name: "rpki-rtr.version", Desc: "Version", Kind: FieldUint, Bits: 8},
		{Name: "rpki-rtr.pdu_type", Desc: "PDU Type", Kind: FieldUint, Bits: 8},
		{Name: "rpki-rtr.reserved", Desc: "Reserved", Kind: FieldBytes},
		{Name: "rpki-rtr.session_id", Desc: "Session ID", Kind: FieldUint, Bits: 16},
		{Name: "rpki-rtr.length", Desc: "Length", Kind: FieldUint, Bits: 32},
		{Name: "rpki-rtr.serial_number", Desc: "Serial Number", Kind: FieldUint, Bits: 32},
		{Name: "rpki-rtr.flags", Desc: "Flags", Kind: FieldUint, Bits: 8},
		{Name: "rpki-rtr.flags.aw", Desc: "Flag AW", Kind: FieldBool},
		{Name: "rpki-rtr.flags.rk", Desc: "Flag Router Key", Kind: FieldBool},
		{Name: "rpki-rtr.prefix_length", Desc: "Prefix Length", Kind: FieldUint, Bits: 8},
		{Name: "rpki-rtr.max_length", Desc: "Max length", Kind: FieldUint, Bits: 8},
		{Name: "rpki-rtr.ipv4_prefix", Desc: "IPv4 Prefix", Kind: FieldIPv4},
		{Name: "rpki-rtr.ipv6_prefix", Desc: "IPv6 Prefix", Kind: FieldIPv6},
		{Name: "rpki-rtr.as_number", Desc: "AS Number", Kind: FieldUint, Bits: 32},
		{Name: "rpki-rtr.error_code", Desc: "Error Code", Kind: FieldUint, Bits: 16},
		{Name: "rpki-rtr.length_pdu", Desc: "Length of Encapsulated PDU", Kind: FieldUint, Bits: 32},
		{Name: "rpki-rtr.error_pdu", Desc: "Erroneous PDU", Kind: FieldBytes},
		{Name: "rpki-rtr.length_text", Desc: "Length of text", Kind: FieldUint, Bits: 32},
		{Name: "rpki-rtr.error_text", Desc: "Erroneous Text", Kind: FieldString},
		{Name: "rpki-rtr.refresh_interval", Desc: "Refresh Interval", Kind: FieldUint, Bits: 32},
		{Name: "rpki-rtr.retry_interval", Desc: "Retry Interval", Kind: FieldUint, Bits: 32},
		{Name: "rpki-rtr.expire_interval", Desc: "Expire Interval", Kind: FieldUint, Bits: 32},
		{Name: "rpki-rtr.subject_key_identifier", Desc: "Subject Key Identifier", Kind: FieldBytes},
		{Name: "rpki-rtr.subject_public_key_info", Desc: "Subject Public Key Info", Kind: FieldLabel},
	},
}

func init() { RegisterTCP(rpkiRTR, rpkiRTRPort) }

// rpkiRTRTypes and rpkiRTRErrors are packet-rpki-rtr.c's value strings.
var (
	rpkiRTRTypes = map[uint8]string{0: "Serial Notify", 1: "Serial Query", 2: "Reset Query", 3: "Cache Response",
		4: "IPv4 Prefix", 6: "IPv6 Prefix", 7: "End of Data", 8: "Cache Reset", 9: "Router Key", 10: "Error Report"}
	rpkiRTRErrors = map[uint16]string{0: "Corrupt Data", 1: "Internal Error", 2: "No Data Available", 3: "Invalid Request",
		4: "Unsupported Protocol Version", 5: "Unsupported PDU Type", 6: "Withdrawal of Unknown Record",
		7: "Duplicate Announcement Received"}
)

// rpkiRTRPDULen is get_rpkirtr_pdu_len under tcp_dissect_pdus: the length
// at offset 4 once the 8-byte header is in; 0 (more bytes) for a length of
// 0; a length under 8 makes the rest of the bytes one malformed PDU.
func rpkiRTRPDULen(_ *Conv, _ uint8, b []byte) int {
	if len(b) < rpkiRTRHeaderLen {
		return 0
	}
	n := binary.BigEndian.Uint32(b[4:])
	switch {
	case n == 0:
		return 0
	case n < rpkiRTRHeaderLen:
		return len(b)
	case n >= PDUUntilFIN:
		return PDUUntilFIN - 1 // never complete; PDUUntilFIN itself means "until FIN"
	}
	return int(n)
}

// rpkiRTRInfo appends to the Info column as col_append_sep_str does, within
// tshark's 4095 bytes.
func rpkiRTRInfo(out *Out, sep, s string) {
	cur := len(out.Info())
	if cur >= rpkiRTRMaxInfo {
		return
	}
	if cur == 0 {
		if len(s) > rpkiRTRMaxInfo {
			s = s[:rpkiRTRMaxInfo]
		}
		out.AppendInfo(sep, s)
		return
	}
	add := sep + s
	if cur+len(add) > rpkiRTRMaxInfo {
		add = add[:rpkiRTRMaxInfo-cur]
	}
	out.AppendInfo("", add)
}

// rpkiRTRTypeName is the PDU type's name, or "Unknown (N)" as the Info
// column and the PDU Type field show it.
func rpkiRTRTypeName(t uint8) string {
	if s, ok := rpkiRTRTypes[t]; ok {
		return s
	}
	return "Unknown (" + strconv.Itoa(int(t)) + ")"
}

// rpkiRTRPass is one pass of the loop over a PDU: the bytes (the whole
// PDU: offsets may point anywhere in it, or before its end as tvb's
// negative offsets do), the tree and whether a read went past the end.
type rpkiRTRPass struct {
	b   []byte
	f   *Field
	bad bool
}

// abs turns an offset into an index of b as tvb's compute_offset does (a
// negative offset counts from the end), or -1 when it lies outside.
func (r *rpkiRTRPass) abs(off int64) int64 {
	n := int64(len(r.b))
	if off < 0 {
		off += n
		if off < 0 {
			return -1
		}
	}
	if off > n {
		return -1
	}
	return off
}

// need says whether n bytes exist at off (tvb_ensure_bytes_exist: a
// negative n never does); when they do not, the pass is malformed.
func (r *rpkiRTRPass) need(off int64, n int64) bool {
	if r.bad {
		return false
	}
	a := r.abs(off)
	if a < 0 || n < 0 || a+n > int64(len(r.b)) {
		r.bad = true
		return false
	}
	return true
}

func (r *rpkiRTRPass) u8(off int64) uint8 { return r.b[r.abs(off)] }
func (r *rpkiRTRPass) u16(off int64) uint16 {
	return binary.BigEndian.Uint16(r.b[r.abs(off):])
}
func (r *rpkiRTRPass) u32(off int64) uint32 {
	return binary.BigEndian.Uint32(r.b[r.abs(off):])
}

// add appends a field at off (n bytes) to the pass's layer.
func (r *rpkiRTRPass) add(f Field) {
	if r.f != nil {
		r.f.Children = append(r.f.Children, f)
	}
}

// uint adds a decimal unsigned field of n bytes at off and returns its
// value, or false when the bytes are not there.
func (r *rpkiRTRPass) uint(off *int64, n int64, name, what string) (uint32, bool) {
	if !r.need(*off, n) {
		return 0, false
	}
	var v uint32
	switch n {
	case 1:
		v = uint32(r.u8(*off))
	case 2:
		v = uint32(r.u16(*off))
	default:
		v = r.u32(*off)
	}
	r.add(UintField(name, fmt.Sprintf("%s: %d", what, v), int(r.abs(*off)), int(n), uint64(v)))
	*off += n
	return v, true
}

// bytes adds an FT_BYTES field of n bytes at off (tshark's hex, no colons).
func (r *rpkiRTRPass) bytes(off *int64, n int64, name, what string) bool {
	if !r.need(*off, n) {
		return false
	}
	a := r.abs(*off)
	v := r.b[a : a+n]
	label := fmt.Sprintf("%s: %x", what, v)
	if n == 0 {
		label = what + ": <MISSING>"
	}
	r.add(Field{Name: name, Label: label, Start: int(a), Len: int(n), Kind: FieldBytes, Str: string(v)})
	*off += n
	return true
}

// flags adds the flags byte with its one-bit child (AW or Router Key).
func (r *rpkiRTRPass) flags(off *int64, name, what, set, clear string) bool {
	if !r.need(*off, 1) {
		return false
	}
	a := int(r.abs(*off))
	v := r.b[a]
	bit, text := "0", clear
	if v&1 != 0 {
		bit, text = "1", set
	}
	r.add(Field{Name: "rpki-rtr.flags", Label: fmt.Sprintf("Flags: 0x%02x", v), Start: a, Len: 1, Kind: FieldUint, Num: uint64(v),
		Children: []Field{{Name: name, Label: ".... ..." + bit + " = " + what + ": " + text, Start: a, Len: 1, Kind: FieldBool, Num: uint64(v & 1)}}})
	*off++
	return true
}

func rpkiRTRDissect(p *PDU, out *Out) bool {
	out.SetProto("RPKI-RTR")
	b := p.Data
	if len(b) < rpkiRTRHeaderLen || binary.BigEndian.Uint32(b[4:]) < rpkiRTRHeaderLen {
		// tcp_dissect_pdus' bogus length: a bounds error, the rest of
		// the segment unread
		rpkiRTRInfo(out, "", malformedMark)
		return true
	}
	r := &rpkiRTRPass{b: b}
	var off int64
	for pass := 0; pass < rpkiRTRMaxPasses; pass++ {
		a := r.abs(off)
		if a < 0 || a == int64(len(b)) {
			break // tvb_reported_length_remaining is 0
		}
		var layer *Field
		if out.WantTree {
			layer = &Field{Name: "rpkirtr", Label: "RPKI-Router Protocol", Start: 0, Len: len(b), Kind: FieldProto}
		}
		r.f = layer
		rpkiRTRPassOnce(r, &off, out)
		if layer != nil {
			out.Add(*layer)
		}
		if r.bad {
			rpkiRTRInfo(out, "", malformedMark)
			break
		}
	}
	return true
}

// rpkiRTRPassOnce reads one "PDU" at *off, as one turn of
// dissect_rpkirtr_pdu's loop.
func rpkiRTRPassOnce(r *rpkiRTRPass, off *int64, out *Out) {
	version, ok := r.uint(off, 1, "rpki-rtr.version", "Version")
	if !ok || !r.need(*off, 1) {
		return
	}
	t := r.u8(*off)
	name := rpkiRTRTypeName(t)
	rpkiRTRInfo(out, ", ", name)
	typeLabel := fmt.Sprintf("PDU Type: %s (%d)", name, t)
	if r.f != nil {
		r.f.Label += " (" + name + ")"
		if _, known := rpkiRTRTypes[t]; !known {
			// proto_item_append_text's format has no parentheses
			r.f.Label = "RPKI-Router Protocol (Unknown " + strconv.Itoa(int(t)) + ")"
			typeLabel = "PDU Type: " + name
		}
	}
	r.add(UintField("rpki-rtr.pdu_type", typeLabel, int(r.abs(*off)), 1, uint64(t)))
	*off++
	if !r.need(*off, 4) {
		return
	}
	length := r.u32(*off)
	u := func(n int64, name, what string) bool { _, ok := r.uint(off, n, name, what); return ok }
	reserved := func(n int64) bool { return r.bytes(off, n, "rpki-rtr.reserved", "Reserved") }
	switch t {
	case 0, 1:
		_ = u(2, "rpki-rtr.session_id", "Session ID") && u(4, "rpki-rtr.length", "Length") &&
			u(4, "rpki-rtr.serial_number", "Serial Number")
	case 2, 8:
		_ = reserved(2) && u(4, "rpki-rtr.length", "Length")
	case 3:
		_ = u(2, "rpki-rtr.session_id", "Session ID") && u(4, "rpki-rtr.length", "Length")
	case 4, 6:
		if !(reserved(2) && u(4, "rpki-rtr.length", "Length") &&
			r.flags(off, "rpki-rtr.flags.aw", "Flag AW", "Announcement", "Withdrawal") &&
			u(1, "rpki-rtr.prefix_length", "Prefix Length") && u(1, "rpki-rtr.max_length", "Max length") && reserved(1)) {
			return
		}
		n := int64(4)
		if t == 6 {
			n = 16
		}
		if !r.need(*off, n) {
			return
		}
		a := r.abs(*off)
		addr, _ := netip.AddrFromSlice(r.b[a : a+n])
		if t == 4 {
			r.add(Field{Name: "rpki-rtr.ipv4_prefix", Label: "IPv4 Prefix: " + addr.String(), Start: int(a), Len: 4, Kind: FieldIPv4, Num: uint64(binary.BigEndian.Uint32(r.b[a:]))})
		} else {
			r.add(Field{Name: "rpki-rtr.ipv6_prefix", Label: "IPv6 Prefix: " + addr.String(), Start: int(a), Len: 16, Kind: FieldIPv6, Str: string(r.b[a : a+n])})
		}
		*off += n
		u(4, "rpki-rtr.as_number", "AS Number")
	case 7:
		if u(2, "rpki-rtr.session_id", "Session ID") && u(4, "rpki-rtr.length", "Length") &&
			u(4, "rpki-rtr.serial_number", "Serial Number") && version >= 1 {
			_ = u(4, "rpki-rtr.refresh_interval", "Refresh Interval") && u(4, "rpki-rtr.retry_interval", "Retry Interval") &&
				u(4, "rpki-rtr.expire_interval", "Expire Interval")
		}
	case 9:
		if version < 1 {
			return // an expert note only; the loop reads on from here
		}
		if !r.flags(off, "rpki-rtr.flags.rk", "Flag Router Key", "New Router Key", "Delete Router Key") {
			return
		}
		// the reserved item covers 2 bytes but the offset moves by 1
		if !r.need(*off, 2) {
			return
		}
		a := r.abs(*off)
		r.add(Field{Name: "rpki-rtr.reserved", Label: fmt.Sprintf("Reserved: %x", r.b[a:a+2]), Start: int(a), Len: 2, Kind: FieldBytes, Str: string(r.b[a : a+2])})
		*off++
		if !(u(4, "rpki-rtr.length", "Length") && r.bytes(off, 20, "rpki-rtr.subject_key_identifier", "Subject Key Identifier") &&
			u(4, "rpki-rtr.as_number", "AS Number")) {
			return
		}
		start := r.abs(*off)
		end, ok := rpkiRTRBERSequence(r.b, start)
		if _, _, _, _, _, head := rpkiRTRBERHeader(r.b, start); head {
			// the item is in the tree before its contents are read
			size := int64(len(r.b)) - start
			if ok {
				size = min(end, int64(len(r.b))) - start
			}
			r.add(Field{Name: "rpki-rtr.subject_public_key_info", Label: "Subject Public Key Info", Start: int(start), Len: int(size), Kind: FieldLabel})
		}
		if !ok {
			r.bad = true
			return
		}
		*off = end
	case 10:
		if !(u(2, "rpki-rtr.error_code", "Error Code") && u(4, "rpki-rtr.length", "Length")) {
			return
		}
		if r.f != nil {
			c := &r.f.Children[len(r.f.Children)-2]
			name := "Unknown"
			if s, ok := rpkiRTRErrors[uint16(c.Num)]; ok {
				name = s
			}
			c.Label = fmt.Sprintf("Error Code: %s (%d)", name, c.Num)
		}
		lp, ok := r.uint(off, 4, "rpki-rtr.length_pdu", "Length of Encapsulated PDU")
		if !ok || !r.bytes(off, int64(int32(lp)), "rpki-rtr.error_pdu", "Erroneous PDU") {
			return
		}
		lt, ok := r.uint(off, 4, "rpki-rtr.length_text", "Length of text")
		if !ok || !r.need(*off, int64(int32(lt))) {
			return
		}
		a := r.abs(*off)
		s := string(r.b[a : a+int64(lt)])
		r.add(StrField("rpki-rtr.error_text", "Erroneous Text: "+rpkiRTRText(s), int(a), int(lt), s))
		*off += int64(lt)
	default:
		// offset += length: C's int plus guint32, wrapped to 32 bits
		*off = int64(int32(uint32(int32(*off)) + length))
	}
}

// rpkiRTRText is an FT_STRING of ENC_ASCII as tshark shows it: bytes past
// 0x7f become U+FFFD, control bytes format_text's escapes.
func rpkiRTRText(s string) string {
	rs := make([]rune, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			rs = append(rs, '\uFFFD')
		} else {
			rs = append(rs, rune(c))
		}
	}
	return formatText([]byte(string(rs)))
}

// rpkiRTRBERHeader reads a BER identifier and length at off: whether the
// element is constructed, its universal-class tag (-1 for another class or
// a long tag), where its contents start and their length (-1 for the
// indefinite form). ok is false when the header runs past b.
func rpkiRTRBERHeader(b []byte, off int64) (cons bool, class byte, tag int, content int64, n int64, ok bool) {
	n64 := int64(len(b))
	if off < 0 || off >= n64 {
		return
	}
	id := b[off]
	class, cons, tag = id>>6, id&0x20 != 0, int(id&0x1f)
	off++
	if tag == 0x1f {
		tag = -1
		for {
			if off >= n64 {
				return
			}
			c := b[off]
			off++
			if c&0x80 == 0 {
				break
			}
		}
	}
	if off >= n64 {
		return
	}
	l := b[off]
	off++
	switch {
	case l < 0x80:
		n = int64(l)
	case l == 0x80:
		n = -1
	default:
		k := int64(l & 0x7f)
		if k > 4 || off+k > n64 {
			return
		}
		for i := int64(0); i < k; i++ {
			n = n<<8 | int64(b[off+i])
		}
		off += k
	}
	return cons, class, tag, off, n, true
}

// rpkiRTRBERSkip returns where the element at off ends (after an
// indefinite form's end-of-contents), walking nested indefinite forms;
// ok is false when the walk runs past b.
func rpkiRTRBERSkip(b []byte, off int64, depth int) (int64, bool) {
	_, _, _, content, n, ok := rpkiRTRBERHeader(b, off)
	if !ok || depth > 32 {
		return 0, false
	}
	if n >= 0 {
		return content + n, true
	}
	for at := content; ; {
		if at+2 > int64(len(b)) {
			return 0, false
		}
		if b[at] == 0 && b[at+1] == 0 {
			return at + 2, true
		}
		end, ok := rpkiRTRBERSkip(b, at, depth+1)
		if !ok || end <= at {
			return 0, false
		}
		at = end
	}
}

// rpkiRTRBERSequence is where dissect_ber_sequence leaves the
// SubjectPublicKeyInfo at off: past the element, whose components must lie
// in b when it is a SEQUENCE (or an application or private class element,
// read as one); another element is skipped unread.
func rpkiRTRBERSequence(b []byte, off int64) (int64, bool) {
	cons, class, tag, content, n, ok := rpkiRTRBERHeader(b, off)
	if !ok {
		return 0, false
	}
	end, ok := rpkiRTRBERSkip(b, off, 0)
	if !ok {
		return 0, false
	}
	if class == 0 && !(cons && tag == 16) || class == 2 {
		return end, true // "wrong field": skipped without reading it
	}
	stop := end
	if n < 0 {
		stop = end - 2
	}
	for at := content; at < stop; {
		next, ok := rpkiRTRBERSkip(b, at, 0)
		if !ok || next <= at || next > int64(len(b)) {
			return 0, false
		}
		at = next
	}
	return end, true
}
