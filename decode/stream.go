package decode

import (
	"bufio"
	"errors"
	"io"
)

// stream is a buffered reader that knows its byte offset and hands out
// zero-copy views of the next bytes. Views stay valid until the next call.
type stream struct {
	r   *bufio.Reader
	off int64
}

// streamBuffer must hold the largest block we accept, so one peek sees it all.
const streamBuffer = maxBlockLength + 64<<10

func newStream(r io.Reader) *stream {
	return &stream{r: bufio.NewReaderSize(r, streamBuffer)}
}

// peek returns the next n bytes without consuming them. At end of input it
// returns the bytes that exist and io.ErrUnexpectedEOF (io.EOF if none).
func (s *stream) peek(n int) ([]byte, error) {
	b, err := s.r.Peek(n)
	if err == nil {
		return b, nil
	}
	if errors.Is(err, io.EOF) {
		if len(b) == 0 {
			return b, io.EOF
		}
		return b, io.ErrUnexpectedEOF
	}
	return b, err
}

// shortRead is the reason to report when peek returned fewer bytes than
// wanted: cut describes an input that simply ended there; any other error
// (a gzip checksum or header error, an I/O error, a full spool disk) is
// named instead, so damage in the compression layer is not reported as a
// truncated capture.
func shortRead(err error, cut string) string {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return cut
	}
	return "read error: " + err.Error()
}

// skip consumes n bytes that were already peeked.
func (s *stream) skip(n int) {
	d, _ := s.r.Discard(n)
	s.off += int64(d)
}
