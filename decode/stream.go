package decode

import (
	"errors"
	"io"
	"sync"
)

// stream is a reader that knows its byte offset and hands out zero-copy
// views of the next bytes; a view stays valid until the next call.
//
// A goroutine reads ahead (and, for gzip, decompresses ahead) into a few
// blocks, so on two cores the read system calls and the inflating happen
// while the index parses the block before. Each block has room in front of
// its data for the unread tail of the block before (less than one record),
// so a record that straddles two blocks is made whole by copying only that
// tail, never the whole input.
type stream struct {
	cur   []byte // unread bytes
	owner []byte // the block cur lies in, given back when cur moves on
	off   int64
	err   error // what ended the input, once every block before it is used

	full chan filled
	free chan []byte
	quit chan struct{}
	stop sync.Once
}

// filled is a block the read-ahead goroutine has filled: buf[headroom:end].
type filled struct {
	buf []byte
	end int
	err error
}

const (
	// headroom is the space in front of a block's data. An unread tail
	// that fits is moved there; a longer one (a record of over 256 KiB
	// straddling two blocks, rare) is joined in a new slice instead.
	headroom = 256 << 10
	// blockData is how much the goroutine reads into one block, and
	// firstBlock how much it reads first: a small input (a fuzz case, a
	// short capture) should not cost megabytes.
	blockData  = 1 << 20
	firstBlock = 64 << 10
	// blocks in flight: one being parsed, the rest being filled.
	aheadBlocks = 3
	// maxEmptyReads is how many reads returning nothing in a row end the
	// input with io.ErrNoProgress (as bufio does).
	maxEmptyReads = 100
)

func newStream(r io.Reader) *stream {
	s := &stream{
		full: make(chan filled, aheadBlocks),
		free: make(chan []byte, aheadBlocks),
		quit: make(chan struct{}),
	}
	go s.readAhead(r)
	return s
}

// readAhead fills blocks from r until r ends or fails, or close is called.
func (s *stream) readAhead(r io.Reader) {
	made, total := 0, 0
	for {
		size := blockData
		if total < firstBlock {
			size = firstBlock
		}
		var buf []byte
		select {
		case buf = <-s.free:
		case <-s.quit:
			return
		default:
			if made < aheadBlocks {
				made++
			} else {
				select {
				case buf = <-s.free:
				case <-s.quit:
					return
				}
			}
		}
		if len(buf) < headroom+size {
			buf = make([]byte, headroom+size) // a new block, or a first small one grown
		}
		// One read per block: a file fills it at once, while a pipe
		// (standard input) passes on what has arrived without waiting
		// for a whole block.
		var n, empty int
		var err error
		for n == 0 && err == nil {
			n, err = r.Read(buf[headroom:])
			if n == 0 && err == nil {
				if empty++; empty >= maxEmptyReads {
					err = io.ErrNoProgress
				}
			}
		}
		total += n
		select {
		case s.full <- filled{buf: buf, end: headroom + n, err: err}:
		case <-s.quit:
			return
		}
		if err != nil {
			return
		}
	}
}

// ready reports whether a peek of up to headroom bytes will not wait.
func (s *stream) ready() bool {
	return s.err != nil || len(s.cur) >= headroom || len(s.full) > 0
}

// errClosed ends a stream read after its Source was closed.
var errClosed = errors.New("capture closed while reading")

// close stops the read-ahead goroutine; the stream cannot be read after.
func (s *stream) close() { s.stop.Do(func() { close(s.quit) }) }

// more appends the next block's bytes to cur. It returns false when the
// input has ended (s.err says how).
func (s *stream) more() bool {
	if s.err != nil {
		return false
	}
	var b filled
	select {
	case b = <-s.full:
	case <-s.quit:
		s.err = errClosed
		return false
	}
	data := b.buf[headroom:b.end]
	if len(s.cur) <= headroom {
		start := headroom - len(s.cur)
		copy(b.buf[start:headroom], s.cur)
		s.release()
		s.cur, s.owner = b.buf[start:b.end], b.buf
	} else {
		// A tail longer than the headroom: join it with the new data.
		joined := append(append(make([]byte, 0, len(s.cur)+len(data)), s.cur...), data...)
		s.release()
		s.free <- b.buf
		s.cur = joined
	}
	s.err = b.err
	return len(data) > 0 || s.err == nil
}

// release gives the block under cur back to the read-ahead goroutine.
func (s *stream) release() {
	if s.owner != nil {
		s.free <- s.owner
		s.owner = nil
	}
}

// peek returns the next n bytes without consuming them. At end of input it
// returns the bytes that exist and io.ErrUnexpectedEOF (io.EOF if none).
func (s *stream) peek(n int) ([]byte, error) {
	for len(s.cur) < n {
		if !s.more() {
			break
		}
	}
	if len(s.cur) >= n {
		return s.cur[:n], nil
	}
	err := s.err
	if errors.Is(err, io.EOF) {
		if len(s.cur) == 0 {
			return s.cur, io.EOF
		}
		return s.cur, io.ErrUnexpectedEOF
	}
	return s.cur, err
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
	n = min(n, len(s.cur))
	s.cur = s.cur[n:]
	s.off += int64(n)
}
