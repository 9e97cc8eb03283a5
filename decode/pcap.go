package decode

import (
	"encoding/binary"
	"fmt"
	"io"
)

// pcap magic numbers as read in little-endian order.
const (
	pcapMagicMicro = 0xa1b2c3d4
	pcapMagicNano  = 0xa1b23c4d
)

// pcapReader frames the classic libpcap format: a 24-byte file header, then
// 16-byte record headers each followed by the captured bytes.
type pcapReader struct {
	s      *stream
	order  binary.ByteOrder
	nano   bool
	iface  []Interface // exactly one
	file   string
	packet int
}

func newPcapReader(s *stream, file string) (*pcapReader, error) {
	h, err := s.peek(24)
	if err != nil {
		return nil, &FormatError{File: file, Offset: int64(len(h)), Packet: 1, Reason: shortRead(err, "truncated pcap file header")}
	}
	r := &pcapReader{s: s, file: file}
	switch binary.LittleEndian.Uint32(h) {
	case pcapMagicMicro:
		r.order = binary.LittleEndian
	case pcapMagicNano:
		r.order, r.nano = binary.LittleEndian, true
	default:
		switch binary.BigEndian.Uint32(h) {
		case pcapMagicMicro:
			r.order = binary.BigEndian
		case pcapMagicNano:
			r.order, r.nano = binary.BigEndian, true
		default:
			return nil, ErrNotCapture
		}
	}
	major := r.order.Uint16(h[4:])
	if major != 2 {
		return nil, &FormatError{File: file, Offset: 4, Packet: 1, Reason: fmt.Sprintf("unsupported pcap version %d.%d", major, r.order.Uint16(h[6:]))}
	}
	link := r.order.Uint32(h[20:])
	// Bits 16-25 of the link-type field are reserved and must be zero
	// (draft-ietf-opsawg-pcap, section 4); libpcap refuses such files, and
	// reading on would decode every packet with a link type that is not the
	// one the writer meant. Bits 26-31 (FCS length) are allowed.
	if link&0x03ff0000 != 0 {
		return nil, &FormatError{File: file, Offset: 20, Packet: 1, Reason: fmt.Sprintf("link-type field 0x%08x has reserved bits set", link)}
	}
	iface := Interface{SnapLen: r.order.Uint32(h[16:]), Precision: 6}
	iface.LinkType = uint16(link & 0xffff) // upper bits: FCS length
	if r.nano {
		iface.Precision = 9
	}
	r.iface = []Interface{iface}
	s.skip(24)
	return r, nil
}

func (r *pcapReader) interfaces() []Interface { return r.iface }

func (r *pcapReader) next(rec *Record) error {
	r.packet++
	off := r.s.off
	h, err := r.s.peek(16)
	if err == io.EOF {
		return io.EOF
	}
	if err != nil {
		return r.fail(off, shortRead(err, fmt.Sprintf("truncated record header (%d of 16 bytes)", len(h))))
	}
	sec := int64(r.order.Uint32(h[0:]))
	frac := int64(r.order.Uint32(h[4:]))
	capLen := r.order.Uint32(h[8:])
	origLen := r.order.Uint32(h[12:])
	if capLen > MaxCaptureLength {
		return r.fail(off, fmt.Sprintf("record claims %d captured bytes, more than the %d-byte limit", capLen, MaxCaptureLength))
	}
	b, err := r.s.peek(16 + int(capLen))
	if err != nil {
		return r.fail(off, shortRead(err, fmt.Sprintf("truncated record: %d of %d captured bytes present", max(len(b)-16, 0), capLen)))
	}
	if !r.nano {
		frac *= 1000
	}
	*rec = Record{
		Offset:     off,
		DataOffset: off + 16,
		Time:       sec*1e9 + frac,
		CapLen:     capLen,
		OrigLen:    origLen,
		Data:       b[16:],
	}
	r.s.skip(16 + int(capLen))
	return nil
}

func (r *pcapReader) fail(off int64, reason string) error {
	return &FormatError{File: r.file, Offset: off, Packet: r.packet, Reason: reason}
}
