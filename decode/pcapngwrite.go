package decode

import (
	"bufio"
	"encoding/binary"
	"io"
)

// ngWriter writes a single-section, single-interface pcapng stream (SHB, IDB,
// then one EPB per packet) in the host's byte order, and knows the file
// offset of every packet's first byte. gopacket's pcapgo.NgWriter does not
// report offsets, and the live index needs them to read packets back from
// the file it is writing, so this small writer does the framing itself.
type ngWriter struct {
	w   *bufio.Writer
	off int64 // bytes handed to w so far: the offset of the next block
	hdr [28]byte
	pad [4]byte
}

// epbHeader is the fixed part of an Enhanced Packet Block before the data.
const epbHeader = 28

// newNgWriter writes the section and interface headers for one interface of
// the given link type, with nanosecond timestamps (if_tsresol = 9).
func newNgWriter(w io.Writer, link uint16, snapLen uint32, ifName string) (*ngWriter, error) {
	nw := &ngWriter{w: bufio.NewWriterSize(w, 64<<10)}
	le := binary.NativeEndian
	// Section Header Block: magic, length, byte-order magic, version 1.0,
	// section length -1 (unknown: the file grows while it is read).
	shb := make([]byte, 28)
	le.PutUint32(shb[0:], blockSHB)
	le.PutUint32(shb[4:], 28)
	le.PutUint32(shb[8:], byteOrderMagic)
	le.PutUint16(shb[12:], 1)
	le.PutUint16(shb[14:], 0)
	le.PutUint64(shb[16:], ^uint64(0))
	le.PutUint32(shb[24:], 28)
	// Interface Description Block with if_name (2) and if_tsresol (9) options.
	name := []byte(ifName)
	if len(name) > 0xff00 {
		name = name[:0xff00]
	}
	opts := make([]byte, 0, 32+len(name))
	opts = ngOption(opts, 2, name)
	opts = ngOption(opts, 9, []byte{9})
	opts = ngOption(opts, 0, nil)
	idbLen := 20 + len(opts)
	idb := make([]byte, idbLen)
	le.PutUint32(idb[0:], blockIDB)
	le.PutUint32(idb[4:], uint32(idbLen))
	le.PutUint16(idb[8:], link)
	le.PutUint32(idb[12:], snapLen)
	copy(idb[16:], opts)
	le.PutUint32(idb[idbLen-4:], uint32(idbLen))
	for _, b := range [][]byte{shb, idb} {
		if _, err := nw.w.Write(b); err != nil {
			return nil, err
		}
		nw.off += int64(len(b))
	}
	return nw, nil
}

// ngOption appends one pcapng option (code, length, value padded to 4 bytes).
func ngOption(b []byte, code uint16, v []byte) []byte {
	b = binary.NativeEndian.AppendUint16(b, code)
	b = binary.NativeEndian.AppendUint16(b, uint16(len(v)))
	b = append(b, v...)
	for len(b)%4 != 0 {
		b = append(b, 0)
	}
	return b
}

// writePacket appends an Enhanced Packet Block for data (the captured bytes;
// orig is the length on the wire) stamped with t nanoseconds since the Unix
// epoch, and returns the offset of data's first byte in the file.
func (nw *ngWriter) writePacket(t int64, data []byte, orig uint32) (int64, error) {
	le := binary.NativeEndian
	padded := (len(data) + 3) &^ 3
	total := epbHeader + padded + 4
	h := nw.hdr[:]
	le.PutUint32(h[0:], blockEPB)
	le.PutUint32(h[4:], uint32(total))
	le.PutUint32(h[8:], 0) // interface 0
	le.PutUint32(h[12:], uint32(uint64(t)>>32))
	le.PutUint32(h[16:], uint32(t))
	le.PutUint32(h[20:], uint32(len(data)))
	le.PutUint32(h[24:], orig)
	start := nw.off
	if _, err := nw.w.Write(h); err != nil {
		return 0, err
	}
	if _, err := nw.w.Write(data); err != nil {
		return 0, err
	}
	le.PutUint32(nw.pad[:], 0)
	if _, err := nw.w.Write(nw.pad[:padded-len(data)]); err != nil {
		return 0, err
	}
	le.PutUint32(nw.pad[:], uint32(total))
	if _, err := nw.w.Write(nw.pad[:]); err != nil {
		return 0, err
	}
	nw.off += int64(total)
	return start + epbHeader, nil
}

// flush writes buffered blocks to the file.
func (nw *ngWriter) flush() error { return nw.w.Flush() }

// buffered is how many bytes are not yet in the file.
func (nw *ngWriter) buffered() int { return nw.w.Buffered() }
