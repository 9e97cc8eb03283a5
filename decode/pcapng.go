package decode

import (
	"encoding/binary"
	"fmt"
	"io"
	"math/bits"
)

// pcapng block types that carry what ladder needs.
const (
	blockSHB = 0x0a0d0d0a
	blockIDB = 0x00000001
	blockPB  = 0x00000002 // obsolete Packet Block
	blockSPB = 0x00000003
	blockISB = 0x00000005
	blockEPB = 0x00000006
	// Custom blocks become frames in Wireshark's numbering, so ladder
	// counts them too (with no packet bytes) to keep frame numbers equal.
	blockCustom     = 0x00000bad
	blockCustomKeep = 0x40000bad
)

const byteOrderMagic = 0x1a2b3c4d

// pcapngReader frames pcapng: sections (SHB) of interfaces (IDB) and packets
// (EPB, SPB, PB). Each section may use its own byte order, and each interface
// its own link type and timestamp resolution.
type pcapngReader struct {
	s       *stream
	order   binary.ByteOrder
	file    string
	packet  int         // frames returned so far
	ifaces  []Interface // every interface seen, across sections
	section []ngIface   // interfaces of the current section
}

// ngIface is an interface of the current section with its timestamp scaling.
type ngIface struct {
	global   uint16 // index into pcapngReader.ifaces
	tsDiv    uint64 // timestamp units per second (10^n or 2^n)
	tsOffset int64  // seconds added to every timestamp (if_tsoffset)
}

// maxInterfaces bounds how many IDBs a hostile file can make us remember.
const maxInterfaces = 1 << 12

func newPcapngReader(s *stream, file string) (*pcapngReader, error) {
	r := &pcapngReader{s: s, file: file}
	if err := r.readSHB(); err != nil {
		return nil, err
	}
	return r, nil
}

func (r *pcapngReader) interfaces() []Interface { return r.ifaces }

// fail reports damage at off, numbering the frame that could not be read.
func (r *pcapngReader) fail(off int64, reason string) error {
	return &FormatError{File: r.file, Offset: off, Packet: r.packet + 1, Reason: reason}
}

// readSHB reads a Section Header Block at the current offset.
func (r *pcapngReader) readSHB() error {
	off := r.s.off
	h, err := r.s.peek(12)
	if err != nil {
		return r.fail(off, shortRead(err, "truncated section header block"))
	}
	switch binary.LittleEndian.Uint32(h[8:]) {
	case byteOrderMagic:
		r.order = binary.LittleEndian
	case bits.ReverseBytes32(byteOrderMagic):
		r.order = binary.BigEndian
	default:
		if off == 0 {
			return ErrNotCapture
		}
		return r.fail(off, "section header has no valid byte-order magic")
	}
	b, err := r.block(off)
	if err != nil {
		return err
	}
	if len(b) < 16 {
		return r.fail(off, "section header block too short")
	}
	if major := r.order.Uint16(b[4:]); major != 1 {
		return r.fail(off, fmt.Sprintf("unsupported pcapng version %d.%d", major, r.order.Uint16(b[6:])))
	}
	r.section = r.section[:0]
	r.s.skip(len(b) + 12)
	return nil
}

// block validates the framing of the block at off and returns its body
// (between the 8-byte header and the 4-byte trailing length). The block is
// not consumed.
func (r *pcapngReader) block(off int64) ([]byte, error) {
	h, err := r.s.peek(8)
	if err != nil {
		return nil, r.fail(off, shortRead(err, fmt.Sprintf("truncated block header (%d of 8 bytes)", len(h))))
	}
	n := r.order.Uint32(h[4:])
	switch {
	case n < 12:
		return nil, r.fail(off, fmt.Sprintf("block length %d is shorter than a block header", n))
	case n%4 != 0:
		return nil, r.fail(off, fmt.Sprintf("block length %d is not a multiple of 4", n))
	case n > maxBlockLength:
		return nil, r.fail(off, fmt.Sprintf("block length %d exceeds the %d-byte limit", n, maxBlockLength))
	}
	b, err := r.s.peek(int(n))
	if err != nil {
		return nil, r.fail(off, shortRead(err, fmt.Sprintf("truncated block: %d of %d bytes present", len(b), n)))
	}
	if t := r.order.Uint32(b[n-4:]); t != n {
		return nil, r.fail(off, fmt.Sprintf("block length %d disagrees with trailing length %d", n, t))
	}
	return b[8 : n-4], nil
}

func (r *pcapngReader) next(rec *Record) error {
	for {
		off := r.s.off
		h, err := r.s.peek(4)
		if err == io.EOF {
			return io.EOF
		}
		if err != nil {
			return r.fail(off, shortRead(err, "truncated block type"))
		}
		if binary.LittleEndian.Uint32(h) == blockSHB {
			if err := r.readSHB(); err != nil {
				return err
			}
			continue
		}
		typ := r.order.Uint32(h)
		body, err := r.block(off)
		if err != nil {
			return err
		}
		switch typ {
		case blockIDB:
			err = r.readIDB(off, body)
		case blockISB:
			err = r.readISB(off, body)
		case blockEPB, blockPB, blockSPB:
			err = r.readPacket(off, typ, body, rec)
			if err == nil {
				r.s.skip(len(body) + 12)
				r.packet++
				return nil
			}
		case blockCustom, blockCustomKeep:
			// Wireshark's frame length for a custom block is what follows
			// the Private Enterprise Number: the block minus 16 bytes.
			if len(body) < 4 {
				return r.fail(off, "custom block too short for its enterprise number")
			}
			*rec = Record{Offset: off, DataOffset: off + 8, OrigLen: uint32(len(body) - 4), Iface: NoInterface, NoTime: true,
				PEN: r.order.Uint32(body), Copyable: typ == blockCustom}
			r.s.skip(len(body) + 12)
			r.packet++
			return nil
		}
		if err != nil {
			return err
		}
		r.s.skip(len(body) + 12)
	}
}

func (r *pcapngReader) readIDB(off int64, b []byte) error {
	if len(b) < 8 {
		return r.fail(off, "interface description block too short")
	}
	if len(r.ifaces) >= maxInterfaces {
		return r.fail(off, fmt.Sprintf("more than %d interfaces", maxInterfaces))
	}
	iface := Interface{LinkType: r.order.Uint16(b), SnapLen: r.order.Uint32(b[4:]), Precision: 6}
	ng := ngIface{global: uint16(len(r.ifaces)), tsDiv: 1e6}
	err := r.options(off, b[8:], func(code uint16, v []byte) error {
		switch code {
		case 2: // if_name
			iface.Name = string(v)
		case 9: // if_tsresol
			if len(v) < 1 {
				return nil
			}
			res := v[0]
			if res&0x80 != 0 {
				p := res & 0x7f
				if p > 63 {
					return r.fail(off, fmt.Sprintf("timestamp resolution 2^-%d is out of range", p))
				}
				ng.tsDiv = 1 << p
				iface.Precision = min(9, int(float64(p)*0.30103+0.999))
			} else {
				if res > 19 {
					return r.fail(off, fmt.Sprintf("timestamp resolution 10^-%d is out of range", res))
				}
				ng.tsDiv = pow10(int(res))
				iface.Precision = min(9, int(res))
			}
		case 14: // if_tsoffset
			if len(v) == 8 {
				ng.tsOffset = int64(r.order.Uint64(v))
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	r.ifaces = append(r.ifaces, iface)
	r.section = append(r.section, ng)
	return nil
}

// ISB options ladder reads (pcapng spec, Interface Statistics Block).
const (
	optISBIfDrop = 5 // packets dropped by the interface, uint64
	optISBOSDrop = 7 // packets dropped by the OS / capture, uint64
)

// readISB reads an Interface Statistics Block: the drop counters of one
// interface of the current section. A later block replaces an earlier
// one's counts (they run from the start of the capture). Wireshark makes
// no frame of it, and neither does ladder.
func (r *pcapngReader) readISB(off int64, b []byte) error {
	if len(b) < 12 {
		return r.fail(off, "interface statistics block too short")
	}
	id := r.order.Uint32(b)
	if int(id) >= len(r.section) {
		return r.fail(off, fmt.Sprintf("interface statistics for interface %d, but the section describes %d", id, len(r.section)))
	}
	iface := &r.ifaces[r.section[id].global]
	return r.options(off, b[12:], func(code uint16, v []byte) error {
		if len(v) != 8 || code != optISBIfDrop && code != optISBOSDrop {
			return nil
		}
		n := r.order.Uint64(v)
		if code == optISBIfDrop {
			iface.IfDrop = n
		} else {
			iface.OSDrop = n
		}
		iface.DropsKnown = true
		return nil
	})
}

// options walks a pcapng option list, calling fn for each option until opt_endofopt.
func (r *pcapngReader) options(off int64, b []byte, fn func(code uint16, v []byte) error) error {
	for len(b) >= 4 {
		code, n := r.order.Uint16(b), int(r.order.Uint16(b[2:]))
		if code == 0 {
			return nil
		}
		padded := (n + 3) &^ 3
		if 4+padded > len(b) {
			return r.fail(off, fmt.Sprintf("option %d claims %d bytes, more than its block holds", code, n))
		}
		if err := fn(code, b[4:4+n]); err != nil {
			return err
		}
		b = b[4+padded:]
	}
	return nil
}

func (r *pcapngReader) readPacket(off int64, typ uint32, b []byte, rec *Record) error {
	var ifc, capLen, origLen uint32
	var ts uint64
	var data []byte
	dataOff := off + 8
	switch typ {
	case blockEPB, blockPB:
		if len(b) < 20 {
			return r.fail(off, "packet block too short")
		}
		if typ == blockEPB {
			ifc = r.order.Uint32(b)
		} else {
			ifc = uint32(r.order.Uint16(b))
		}
		ts = uint64(r.order.Uint32(b[4:]))<<32 | uint64(r.order.Uint32(b[8:]))
		capLen, origLen = r.order.Uint32(b[12:]), r.order.Uint32(b[16:])
		if uint64(capLen) > uint64(len(b)-20) {
			return r.fail(off, fmt.Sprintf("packet claims %d captured bytes, its block holds %d", capLen, len(b)-20))
		}
		data = b[20 : 20+capLen]
		dataOff += 20
	case blockSPB:
		if len(b) < 4 {
			return r.fail(off, "simple packet block too short")
		}
		origLen = r.order.Uint32(b)
		capLen = uint32(min(uint64(origLen), uint64(len(b)-4)))
		data = b[4 : 4+capLen]
		dataOff += 4
	}
	if len(r.section) == 0 {
		return r.fail(off, "packet block before any interface description block")
	}
	if int(ifc) >= len(r.section) {
		return r.fail(off, fmt.Sprintf("packet refers to interface %d, but the section describes %d", ifc, len(r.section)))
	}
	ng := r.section[ifc]
	if capLen > MaxCaptureLength {
		return r.fail(off, fmt.Sprintf("packet claims %d captured bytes, more than the %d-byte limit", capLen, MaxCaptureLength))
	}
	*rec = Record{
		Offset:     off,
		DataOffset: dataOff,
		NoTime:     typ == blockSPB,
		Time:       scaleTime(ts, ng.tsDiv) + ng.tsOffset*1e9,
		CapLen:     capLen,
		OrigLen:    origLen,
		Iface:      ng.global,
		Data:       data,
	}
	return nil
}

// scaleTime converts a count of 1/div-second units to nanoseconds without overflow.
func scaleTime(ts, div uint64) int64 {
	if div == 1e9 {
		return int64(ts)
	}
	hi, lo := bits.Mul64(ts, 1e9)
	if hi >= div {
		return int64(ts / div * 1e9) // would overflow: keep whole seconds
	}
	q, _ := bits.Div64(hi, lo, div)
	return int64(q)
}

func pow10(n int) uint64 {
	p := uint64(1)
	for range n {
		p *= 10
	}
	return p
}
