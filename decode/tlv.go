package decode

import "encoding/binary"

// tlvList is how a protocol lays out a list of type-length-value items: a
// big-endian type and length of one or two bytes each, the length counting
// the value alone (PPPoE tags, TLS extensions) or the whole item (PPP
// options). PPP, PPPoE and TLS walk their lists with it, so the bounds
// checks live in one place.
type tlvList struct {
	typeLen, lenLen int  // bytes of the type and of the length: 1 or 2
	lenCountsHeader bool // the length includes the type and length bytes
	max             int  // the walk stops after this many items
}

// walk calls fn with each item's type, its offset in b and its value, in
// order. It stops at an item cut short, at one whose length is shorter
// than its own header (when the length counts it), after max items, or
// when fn returns false.
func (l tlvList) walk(b []byte, fn func(typ, off int, v []byte) bool) {
	hdr := l.typeLen + l.lenLen
	for off, n := 0, 0; n < l.max && off+hdr <= len(b); n++ {
		typ, size := tlvUint(b[off:], l.typeLen), tlvUint(b[off+l.typeLen:], l.lenLen)
		end := off + hdr + size
		if l.lenCountsHeader {
			if size < hdr {
				return
			}
			end = off + size
		}
		if end > len(b) || !fn(typ, off, b[off+hdr:end]) {
			return
		}
		off = end
	}
}

// tlvUint reads a big-endian number of n (1 or 2) bytes.
func tlvUint(b []byte, n int) int {
	if n == 1 {
		return int(b[0])
	}
	return int(binary.BigEndian.Uint16(b))
}
