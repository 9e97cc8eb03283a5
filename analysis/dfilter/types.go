package dfilter

import (
	"bytes"
	"fmt"
	"math"
	"net/netip"
	"strconv"
	"strings"
)

// ftype is a field's value type; it decides which literals and operators a
// field accepts, as Wireshark's FT_* types do.
type ftype uint8

const (
	ftProto  ftype = iota // a protocol: existence, contains and matches on its bytes
	ftUint                // unsigned integer of Field.bits bits
	ftBool                // a flag bit; any nonzero literal means set
	ftTime                // a relative time or delta, compared in nanoseconds
	ftIPv4                // compared with an address or a CIDR prefix
	ftIPv6                // compared with an address or a CIDR prefix
	ftEther               // a MAC address, held in the low 48 bits
	ftString              // text, compared byte for byte
	ftLabel               // present or absent, no value (tcp.analysis.* flags)
	ftBytes               // a byte sequence (FT_BYTES): hex literals, ordered byte by byte
)

// describe names a type the way tshark's messages do.
func (t ftype) describe(bits int) string {
	switch t {
	case ftProto:
		return "Protocol"
	case ftUint:
		return fmt.Sprintf("Unsigned integer (%d byte%s)", bits/8, plural(bits/8))
	case ftBool:
		return "Boolean"
	case ftTime:
		return "Time offset"
	case ftIPv4:
		return "IPv4 address"
	case ftIPv6:
		return "IPv6 address"
	case ftEther:
		return "Ethernet or other MAC address"
	case ftString:
		return "Character string"
	case ftBytes:
		return "Byte sequence"
	}
	return "Label"
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// value is one occurrence of a field in a packet, or a literal. Which member
// is meaningful depends on the field's type; values live in a matcher's
// scratch buffers so evaluating a packet allocates nothing.
type value struct {
	n   int64    // ftUint, ftBool, ftTime (ns), ftIPv4 (32 bits), ftEther (48 bits)
	ip6 [16]byte // ftIPv6
	b   []byte   // ftString, ftBytes, ftProto: a view into the packet or a scratch buffer
}

// literal is a right-hand side converted to the field's type. For addresses
// it carries a prefix length (CIDR); a full address has the maximum length.
type literal struct {
	v    value
	bits int // prefix length for ftIPv4/ftIPv6
}

// equal reports whether v equals the literal (inside the prefix, for CIDR).
func (l *literal) equal(t ftype, v *value) bool {
	switch t {
	case ftIPv4:
		mask := int64(0)
		if l.bits > 0 {
			mask = int64(uint32(math.MaxUint32) << (32 - l.bits))
		}
		return v.n&mask == l.v.n&mask
	case ftIPv6:
		return prefixEqual(v.ip6, l.v.ip6, l.bits)
	case ftString, ftBytes, ftProto:
		return bytes.Equal(v.b, l.v.b)
	}
	return v.n == l.v.n
}

// compare orders v against the literal: -1, 0 or 1.
func (l *literal) compare(t ftype, v *value) int {
	switch t {
	case ftIPv6:
		return bytes.Compare(v.ip6[:], l.v.ip6[:])
	case ftString, ftBytes, ftProto:
		return bytes.Compare(v.b, l.v.b)
	case ftUint:
		// a 64-bit field's value above 1<<63 is stored negative; Wireshark
		// orders FT_UINT64 values as unsigned
		return cmpUint(uint64(v.n), uint64(l.v.n))
	}
	switch {
	case v.n < l.v.n:
		return -1
	case v.n > l.v.n:
		return 1
	}
	return 0
}

func cmpUint(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func prefixEqual(a, b [16]byte, bits int) bool {
	full := bits / 8
	if !bytes.Equal(a[:full], b[:full]) {
		return false
	}
	if rest := bits % 8; rest != 0 {
		m := byte(0xff) << (8 - rest)
		return a[full]&m == b[full]&m
	}
	return true
}

// convert turns a right-hand-side token into a literal of field f's type,
// with tshark's messages for what does not fit.
func convert(f *Field, t token) (literal, *Error) {
	s := t.text
	quoted := t.kind == tokString
	switch f.typ {
	case ftUint, ftBool:
		if quoted {
			return literal{}, errAt(t, "%s cannot be converted from a string (%s).", f.typ.describe(f.bits), strconv.Quote(s))
		}
		n, err := strconv.ParseUint(s, 0, 64)
		if err != nil {
			if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
				return literal{}, errAt(t, "%s causes an integer overflow.", strconv.Quote(s))
			}
			if f.typ == ftBool {
				return literal{}, errAt(t, "%s cannot be found among the possible values for %s.", strconv.Quote(s), f.Name)
			}
			return literal{}, errAt(t, "%s is not a valid number.", strconv.Quote(s))
		}
		if f.typ == ftBool {
			return literal{v: value{n: min(int64(n), 1)}}, nil
		}
		if f.bits < 64 && n > 1<<f.bits-1 {
			return literal{}, errAt(t, "%s too big for this field, maximum %d.", strconv.Quote(s), uint64(1)<<f.bits-1)
		}
		if n > math.MaxInt64 {
			return literal{}, errAt(t, "%s causes an integer overflow.", strconv.Quote(s))
		}
		return literal{v: value{n: int64(n)}}, nil
	case ftTime:
		if quoted {
			return literal{}, errAt(t, "Time offset cannot be converted from a string (%s).", strconv.Quote(s))
		}
		ns, ok := parseSeconds(s)
		if !ok {
			return literal{}, errAt(t, "%s is not a valid time.", strconv.Quote(s))
		}
		return literal{v: value{n: ns}}, nil
	case ftIPv4, ftIPv6:
		return convertAddr(f.typ, t)
	case ftEther:
		mac, err := parseMAC(s)
		if err != "" {
			return literal{}, errAt(t, "%s %s", strconv.Quote(s), err)
		}
		return literal{v: value{n: mac}}, nil
	case ftString:
		return literal{v: value{b: []byte(s)}}, nil
	case ftBytes:
		// A quoted literal is the string's bytes; a bare one must be hex,
		// as tshark's bytes_from_literal reads it.
		if quoted {
			return literal{v: value{b: []byte(s)}}, nil
		}
		b, ok := parseBytesLiteral(s)
		if !ok {
			return literal{}, errAt(t, "%s is not a valid byte string.", strconv.Quote(s))
		}
		return literal{v: value{b: b}}, nil
	case ftProto:
		if !quoted {
			if b, ok := parseByteString(s); ok {
				return literal{v: value{b: b}}, nil
			}
		}
		return literal{v: value{b: []byte(s)}}, nil
	}
	return literal{}, errAt(t, "%s cannot be compared with a value.", f.Name)
}

// convertAddr parses an IPv4 or IPv6 address with an optional /bits prefix.
func convertAddr(typ ftype, t token) (literal, *Error) {
	s := t.text
	family, maxBits := "IPv4", 32
	if typ == ftIPv6 {
		family, maxBits = "IPv6", 128
	}
	addrText, bitsText, cidr := strings.Cut(s, "/")
	a, err := netip.ParseAddr(addrText)
	if err != nil || a.Zone() != "" || (typ == ftIPv4) != a.Is4() {
		return literal{}, errAt(t, "%s is not a valid hostname or %s address.", strconv.Quote(addrText), family)
	}
	bits := maxBits
	if cidr {
		n, err := strconv.Atoi(bitsText)
		if err != nil || n < 0 {
			return literal{}, errAt(t, "%s is not a valid CIDR prefix length.", strconv.Quote(bitsText))
		}
		if n > maxBits {
			return literal{}, errAt(t, "Netmask bits in a CIDR %s address should be <= %d, not %d", family, maxBits, n)
		}
		bits = n
	}
	l := literal{bits: bits}
	if typ == ftIPv4 {
		b := a.As4()
		l.v.n = int64(b[0])<<24 | int64(b[1])<<16 | int64(b[2])<<8 | int64(b[3])
	} else {
		l.v.ip6 = a.As16()
	}
	return l, nil
}

// parseSeconds reads a decimal number of seconds ("1", "0.25", "-3.5")
// exactly into nanoseconds, without going through a float.
func parseSeconds(s string) (int64, bool) {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" && frac == "" || len(frac) > 9 {
		return 0, false
	}
	var sec int64
	if whole != "" {
		n, err := strconv.ParseUint(whole, 10, 32)
		if err != nil {
			return 0, false
		}
		sec = int64(n)
	}
	var ns int64
	if frac != "" {
		n, err := strconv.ParseUint(frac+strings.Repeat("0", 9-len(frac)), 10, 64)
		if err != nil {
			return 0, false
		}
		ns = int64(n)
	}
	v := sec*1e9 + ns
	if neg {
		v = -v
	}
	return v, true
}

// parseMAC reads six bytes ("00:11:22:33:44:55", "0011.2233.4455"); on failure it
// returns tshark's complaint.
func parseMAC(s string) (int64, string) {
	b, ok := parseBytesLiteral(s)
	switch {
	case !ok:
		return 0, "is not a valid Ethernet address."
	case len(b) < 6:
		return 0, "contains too few bytes to be a valid Ethernet address."
	case len(b) > 6:
		return 0, "contains too many bytes to be a valid Ethernet address."
	}
	var n int64
	for _, c := range b {
		n = n<<8 | int64(c)
	}
	return n, ""
}

// parseBytesLiteral reads a bare FT_BYTES literal as tshark 4.0 does:
// "ff:00", "ff-00", "ff.00", "ff00", Cisco-style "0000.0000.0009" (groups of
// an even number of hex digits between separators), or a single hex digit
// or pair ("1", "ff") as one byte.
func parseBytesLiteral(s string) ([]byte, bool) {
	if len(s) == 1 && isHex(s[0]) {
		v, _ := strconv.ParseUint(s, 16, 8)
		return []byte{byte(v)}, true
	}
	if len(s) > 3*maxBytesLiteral {
		return nil, false
	}
	b := make([]byte, 0, len(s)/2)
	for part := range strings.FieldsFuncSeq(s, func(r rune) bool { return r == ':' || r == '-' || r == '.' }) {
		if len(part)%2 != 0 {
			return nil, false
		}
		for i := 0; i < len(part); i += 2 {
			if !isHex(part[i]) || !isHex(part[i+1]) {
				return nil, false
			}
			v, _ := strconv.ParseUint(part[i:i+2], 16, 8)
			b = append(b, byte(v))
		}
	}
	// separators only at the ends or doubled ("ff::00") are not bytes
	if len(b) == 0 || s[0] == ':' || s[0] == '-' || s[0] == '.' || strings.ContainsAny(s[len(s)-1:], ":-.") ||
		strings.Contains(s, "::") || strings.Contains(s, "--") || strings.Contains(s, "..") {
		return nil, false
	}
	return b, true
}

// maxBytesLiteral bounds a bytes literal; a filter compares headers and
// payload prefixes, never megabytes.
const maxBytesLiteral = 4096

// parseByteString reads hex byte pairs separated by ':', '-' or '.'
// ("47:45:54"); a lone pair is not a byte string, to keep "tcp contains 80"
// meaning the text.
func parseByteString(s string) ([]byte, bool) {
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == ':' || r == '-' || r == '.' })
	if len(parts) < 2 || len(parts) > 64 {
		return nil, false
	}
	b := make([]byte, 0, len(parts))
	for _, p := range parts {
		if len(p) != 2 || !isHex(p[0]) || !isHex(p[1]) {
			return nil, false
		}
		v, _ := strconv.ParseUint(p, 16, 8)
		b = append(b, byte(v))
	}
	return b, true
}
