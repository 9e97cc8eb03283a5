package follow

import (
	"fmt"

	"github.com/ladder-dev/ladder/decode"
)

// Reader fetches chunk bytes from the capture on demand. It reuses one
// buffer, so the bytes it returns are valid until its next call. A Reader
// is not safe for concurrent use; make one per goroutine.
type Reader struct {
	idx *decode.Index
	buf []byte
	h   decode.Headers
}

// NewReader returns a Reader for packets of idx.
func NewReader(idx *decode.Index) *Reader { return &Reader{idx: idx} }

// payload reads packet i and returns its captured transport payload.
func (r *Reader) payload(i int) ([]byte, error) {
	var err error
	r.buf, err = r.idx.Data(i, r.buf)
	if err != nil {
		return nil, fmt.Errorf("reading frame %d: %w", i+1, err)
	}
	r.idx.ParseHeaders(i, r.buf, &r.h)
	return r.h.Payload, nil
}

// capturedPayload is how many payload bytes packet i's capture holds. A
// packet captured whole holds exactly the payload its IP (and UDP) length
// claims, which the index already has (decode.Headers bounds both by the
// captured bytes the same way); only snapped packets are read again.
func (r *Reader) capturedPayload(i int) (int, error) {
	p := r.idx.Packet(i)
	if p.CapLen >= p.OrigLen && p.PayloadLen < 0xffff {
		return int(p.PayloadLen), nil
	}
	b, err := r.payload(i)
	return len(b), err
}

// Bytes returns the payload bytes of a Data chunk (nil for a Gap). If the
// file changed since it was indexed the result may be shorter than c.Len.
func (r *Reader) Bytes(c Chunk) ([]byte, error) {
	if c.Kind != Data || c.Len == 0 {
		return nil, nil
	}
	b, err := r.payload(int(c.Packet))
	if err != nil {
		return nil, err
	}
	lo := min(int(c.Off), len(b))
	hi := min(lo+int(c.Len), len(b))
	return b[lo:hi], nil
}
