package decode

import "io"

// readBlock is the most a blockReader reads at once, and readFirst the
// least: it starts small and doubles while the walk keeps asking for the
// bytes right after its block (a filter pass in frame order), and drops
// back when it jumps (one conversation's packets among many others), so a
// scattered walk does not pay 64 KiB per packet.
const (
	readBlock = 64 << 10
	readFirst = 4 << 10
)

// blockReader reads packets' bytes again through one block of the file,
// so that a walk over many packets (an application-field filter over a
// million packets, naming every flow) costs one pread per block instead of
// one per packet: on the 1M bench capture the per-packet preads were a
// quarter of a filter's time. The bytes at an offset the index holds never
// change (a file, a gzip spool or a live spool is only appended to), so a
// block stays valid; a read that fails or comes back short (a ring file
// deleted, the end of what was written) falls back to the exact read.
type blockReader struct {
	blk  []byte
	off  int64  // file offset of blk[0]
	size int    // bytes the next read asks for (readFirst..readBlock)
	one  []byte // a packet read alone (Index.Data), when the block cannot hold it
}

// packet returns packet i's captured bytes, valid until the next call.
func (r *blockReader) packet(x *Index, i int) ([]byte, error) {
	p := x.Packet(i)
	off, n := p.Offset, int64(p.CapLen)
	if n == 0 {
		return r.alone(x, i) // an evicted or empty record: Data says which
	}
	if off >= r.off && off+n <= r.off+int64(len(r.blk)) {
		return r.blk[off-r.off : off-r.off+n], nil
	}
	if n > readBlock/2 {
		return r.alone(x, i)
	}
	if r.blk == nil {
		r.blk = make([]byte, readBlock)
	}
	end := r.off + int64(len(r.blk))
	if off >= end && off < end+readBlock && len(r.blk) > 0 {
		r.size = min(2*max(r.size, readFirst), readBlock) // reading on: read further ahead
	} else {
		r.size = readFirst
	}
	k, err := x.src.ReadAt(r.blk[:max(r.size, int(n))], off)
	if int64(k) < n || (err != nil && err != io.EOF) {
		r.blk, r.off = r.blk[:0], 0
		return r.alone(x, i)
	}
	r.blk, r.off = r.blk[:k], off
	return r.blk[:n], nil
}

func (r *blockReader) alone(x *Index, i int) ([]byte, error) {
	var err error
	r.one, err = x.Data(i, r.one[:0])
	return r.one, err
}
