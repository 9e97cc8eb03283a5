package decode

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// frame is one record found by the tests' own framing walk: where its
// record (pcap) or block (pcapng) starts and ends in the file.
type frame struct {
	start, end int64
	capLen     uint32
}

// blockStarts lists where every pcap record or pcapng block (of any type)
// starts in an undamaged capture, by the same walk as walkFrames.
func blockStarts(b []byte) []int64 {
	if len(b) >= 4 && binary.LittleEndian.Uint32(b) == 0x0a0d0d0a {
		var starts []int64
		var order binary.ByteOrder = binary.LittleEndian
		for off := 0; off+12 <= len(b); {
			if binary.LittleEndian.Uint32(b[off:]) == 0x0a0d0d0a {
				order = binary.LittleEndian
				if binary.BigEndian.Uint32(b[off+8:]) == 0x1a2b3c4d {
					order = binary.BigEndian
				}
			}
			n := int(order.Uint32(b[off+4:]))
			if n < 12 || off+n > len(b) {
				break
			}
			starts = append(starts, int64(off))
			off += n
		}
		return starts
	}
	frames, _ := walkFrames(b)
	starts := []int64{0}
	for _, f := range frames {
		starts = append(starts, f.start)
	}
	return starts
}

// walkFrames is the tests' independent framing walk over an undamaged
// capture, written from the format specifications (libpcap's savefile
// format and draft-ietf-opsawg-pcapng) rather than from the reader under
// test. It lists every record Wireshark numbers as a frame (pcap records;
// pcapng enhanced, simple, obsolete packet and custom blocks) and the end
// of the file header, and stops at the first thing it cannot frame.
// Only used on captures tshark reads cleanly, so it needs no validation
// beyond what framing requires.
func walkFrames(b []byte) (frames []frame, headerEnd int64) {
	if len(b) >= 4 && binary.LittleEndian.Uint32(b) == 0x0a0d0d0a {
		return walkPcapng(b)
	}
	if len(b) < 24 {
		return nil, 0
	}
	var order binary.ByteOrder = binary.LittleEndian
	if m := binary.BigEndian.Uint32(b); m == 0xa1b2c3d4 || m == 0xa1b23c4d {
		order = binary.BigEndian
	}
	for off := 24; off+16 <= len(b); {
		n := int(order.Uint32(b[off+8:]))
		if off+16+n > len(b) {
			break
		}
		frames = append(frames, frame{int64(off), int64(off + 16 + n), uint32(n)})
		off += 16 + n
	}
	return frames, 24
}

func walkPcapng(b []byte) (frames []frame, headerEnd int64) {
	var order binary.ByteOrder = binary.LittleEndian
	for off := 0; off+12 <= len(b); {
		if binary.LittleEndian.Uint32(b[off:]) == 0x0a0d0d0a {
			order = binary.LittleEndian
			if binary.BigEndian.Uint32(b[off+8:]) == 0x1a2b3c4d {
				order = binary.BigEndian
			}
		}
		typ, n := order.Uint32(b[off:]), int(order.Uint32(b[off+4:]))
		if n < 12 || off+n > len(b) {
			break
		}
		if off == 0 {
			headerEnd = int64(n)
		}
		switch typ {
		case 2, 6:
			frames = append(frames, frame{int64(off), int64(off + n), order.Uint32(b[off+20:])})
		case 3:
			frames = append(frames, frame{int64(off), int64(off + n), uint32(min(int(order.Uint32(b[off+8:])), n-16))})
		case 0xbad, 0x40000bad:
			frames = append(frames, frame{int64(off), int64(off + n), 0})
		}
		off += n
	}
	return frames, headerEnd
}

// loaded is what reading a capture to the end produced.
type loaded struct {
	records []Record // Data copied
	err     error    // nil, or the error that stopped reading (open or read)
}

// readAll opens path and reads every record with Source.Next.
func readAll(t testing.TB, path string) loaded {
	t.Helper()
	src, err := Open(path)
	if err != nil {
		return loaded{err: err}
	}
	defer src.Close()
	var out loaded
	for {
		var rec Record
		err := src.Next(&rec)
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			out.err = err
			return out
		}
		rec.Data = bytes.Clone(rec.Data)
		out.records = append(out.records, rec)
	}
}

// writeTemp writes b to a file named name in dir and returns its path.
func writeTemp(t testing.TB, dir, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// mustRead reads a testdata file.
func mustRead(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// pcapFile builds a little-endian microsecond pcap file with one record per
// packet, each claiming origLen bytes on the wire (at least its length).
func pcapFile(link uint16, pkts [][]byte, origLen uint32) []byte {
	le := binary.LittleEndian
	b := le.AppendUint32(nil, 0xa1b2c3d4)
	b = le.AppendUint16(le.AppendUint16(b, 2), 4)
	b = le.AppendUint64(b, 0)
	b = le.AppendUint32(le.AppendUint32(b, 65535), uint32(link))
	for i, p := range pkts {
		b = le.AppendUint32(le.AppendUint32(b, 1700000000), uint32(i))
		b = le.AppendUint32(le.AppendUint32(b, uint32(len(p))), max(origLen, uint32(len(p))))
		b = append(b, p...)
	}
	return b
}

// pcapngFile builds a little-endian pcapng file: one section, one Ethernet
// interface, and one enhanced packet block (microsecond time) per packet.
func pcapngFile(pkts [][]byte) []byte {
	le := binary.LittleEndian
	block := func(b []byte, typ uint32, body []byte) []byte {
		body = append(body, make([]byte, (4-len(body)%4)%4)...)
		n := uint32(12 + len(body))
		b = le.AppendUint32(le.AppendUint32(b, typ), n)
		return le.AppendUint32(append(b, body...), n)
	}
	shb := le.AppendUint64(le.AppendUint32(le.AppendUint32(nil, 0x1a2b3c4d), 1), 0xffffffffffffffff)
	b := block(nil, blockSHB, shb)
	b = block(b, blockIDB, le.AppendUint32(le.AppendUint32(nil, uint32(LinkEthernet)), 65535))
	for i, p := range pkts {
		ts := uint64(1700000000)*1e6 + uint64(i)
		body := le.AppendUint32(le.AppendUint32(le.AppendUint32(nil, 0), uint32(ts>>32)), uint32(ts))
		body = le.AppendUint32(le.AppendUint32(body, uint32(len(p))), uint32(len(p)))
		b = block(b, blockEPB, append(body, p...))
	}
	return b
}
