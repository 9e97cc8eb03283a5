package decode

import (
	"encoding/binary"
	"math/bits"
)

// optComment is the pcapng opt_comment option code, valid in every block.
const optComment = 1

// maxCommentBytes bounds the comment bytes kept per block when exporting.
const maxCommentBytes = 1 << 16

// isPcapng reports whether the source is framed as pcapng.
func (x *Index) isPcapng() bool {
	_, ok := x.src.rd.(*pcapngReader)
	return ok
}

// sectionComments returns the opt_comment values of the source's first
// section header block (the capture comments), or nil.
func (x *Index) sectionComments() [][]byte {
	if !x.isPcapng() {
		return nil
	}
	head := make([]byte, 12)
	if _, err := x.src.ReadAt(head, 0); err != nil {
		return nil
	}
	order := sectionOrder(head[8:12])
	if order == nil {
		return nil
	}
	n := order.Uint32(head[4:])
	if n < 28 || n > maxBlockLength {
		return nil
	}
	b := make([]byte, n)
	if _, err := x.src.ReadAt(b, 0); err != nil {
		return nil
	}
	return comments(order, b[24:n-4])
}

// packetComments returns the opt_comment values of packet p's enhanced
// packet block, or nil (pcap sources, other block types, damage).
func (x *Index) packetComments(p *Packet, scratch []byte) [][]byte {
	if !x.isPcapng() || p.Offset < 28 {
		return nil
	}
	start := p.Offset - 28 // EPB: type, length, interface, 2x timestamp, 2x length
	head := scratch[:8]
	if _, err := x.src.ReadAt(head, start); err != nil {
		return nil
	}
	var order binary.ByteOrder
	switch {
	case binary.LittleEndian.Uint32(head) == blockEPB:
		order = binary.LittleEndian
	case binary.BigEndian.Uint32(head) == blockEPB:
		order = binary.BigEndian
	default:
		return nil
	}
	total := int64(order.Uint32(head[4:]))
	optStart := p.Offset + int64((p.CapLen+3)&^3)
	optEnd := start + total - 4
	if optEnd <= optStart || optEnd-optStart > maxCommentBytes+64 {
		return nil
	}
	opts := make([]byte, optEnd-optStart)
	if _, err := x.src.ReadAt(opts, optStart); err != nil {
		return nil
	}
	return comments(order, opts)
}

// sectionOrder reads a section's byte-order magic.
func sectionOrder(bom []byte) binary.ByteOrder {
	switch binary.LittleEndian.Uint32(bom) {
	case byteOrderMagic:
		return binary.LittleEndian
	case bits.ReverseBytes32(byteOrderMagic):
		return binary.BigEndian
	}
	return nil
}

// comments collects the opt_comment values of an option list, bounded.
func comments(order binary.ByteOrder, b []byte) [][]byte {
	var out [][]byte
	kept := 0
	for len(b) >= 4 {
		code, n := order.Uint16(b), int(order.Uint16(b[2:]))
		padded := (n + 3) &^ 3
		if code == optEnd || 4+padded > len(b) {
			break
		}
		if code == optComment && kept+n <= maxCommentBytes {
			out = append(out, append([]byte(nil), b[4:4+n]...))
			kept += n
		}
		b = b[4+padded:]
	}
	return out
}
