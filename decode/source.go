package decode

import (
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// recordReader is implemented by the pcap and pcapng framers.
type recordReader interface {
	next(*Record) error
	interfaces() []Interface
}

// Source is an open capture: it yields records in file order and reads
// packet bytes again by offset for on-demand decoding. Compressed files and
// standard input are spooled to an unlinked temporary file as they are read,
// so offsets always refer to the decompressed stream and stay readable.
type Source struct {
	Name  string
	Size  int64 // size of the input in bytes, 0 if unknown (stdin)
	Gzip  bool
	rd    recordReader
	in    *os.File    // the file or stdin
	ra    io.ReaderAt // where DataOffset bytes can be read again
	spool *os.File
	st    *stream // the read-ahead stream the framer reads (nil for live captures)
	cnt   *countingReader
	live  liveCapture // set for a live capture (OpenLive)
}

// Open opens a capture file by name; "-" means standard input.
func Open(name string) (*Source, error) {
	var f *os.File
	if name == "-" {
		f = os.Stdin
	} else {
		var err error
		if f, err = os.Open(name); err != nil {
			return nil, err
		}
	}
	src, err := newSource(name, f)
	if err != nil {
		if f != os.Stdin {
			f.Close()
		}
		return nil, err
	}
	return src, nil
}

func newSource(name string, f *os.File) (*Source, error) {
	s := &Source{Name: name, in: f}
	regular := false
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
		regular = true
		s.Size = st.Size()
	}
	s.cnt = &countingReader{r: f}
	br := bufio.NewReaderSize(s.cnt, 64<<10)
	magic, _ := br.Peek(2)
	var plain io.Reader = br
	if len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("%s: bad gzip header: %w", name, err)
		}
		s.Gzip = true
		plain = zr
	}
	if regular && !s.Gzip {
		s.ra = f
	} else {
		sp, err := os.CreateTemp("", "ladder-spool-*")
		if err != nil {
			return nil, fmt.Errorf("%s: cannot spool input: %w", name, err)
		}
		os.Remove(sp.Name()) // unlinked: vanishes when closed, even on a crash
		s.spool, s.ra = sp, sp
		plain = io.TeeReader(plain, sp)
	}
	st := newStream(plain)
	s.st = st
	head, err := st.peek(4)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
		// Not an empty or short file: the input cannot be read at all
		// (a directory, an I/O error, corrupt gzip data).
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		st.close()
		return nil, fmt.Errorf("%s: cannot read: %w", name, err)
	}
	if err != nil && len(head) < 4 {
		st.close()
		if len(head) == 0 {
			return nil, fmt.Errorf("%s: empty file", name)
		}
		return nil, &FormatError{File: name, Offset: 0, Packet: 1, Reason: "file too short for a capture header"}
	}
	if b := head; b[0] == 0x0a && b[1] == 0x0d && b[2] == 0x0d && b[3] == 0x0a {
		s.rd, err = newPcapngReader(st, name)
	} else {
		s.rd, err = newPcapReader(st, name)
	}
	if err != nil {
		st.close()
		if err == ErrNotCapture {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		return nil, err
	}
	return s, nil
}

// ready reports whether the next record can probably be read without
// waiting for input: the read-ahead has a block queued, enough bytes for
// any ordinary record left, or the input has ended.
func (s *Source) ready() bool { return s.st == nil || s.st.ready() }

// Next reads the next record. It returns io.EOF at a clean end of file and a
// *FormatError when the file is damaged; records already returned stay valid.
func (s *Source) Next(rec *Record) error { return s.rd.next(rec) }

// Interfaces lists the capture interfaces seen so far.
func (s *Source) Interfaces() []Interface { return s.rd.interfaces() }

// BytesRead is how far into the input (compressed bytes for gzip) reading has got.
func (s *Source) BytesRead() int64 { return s.cnt.n.Load() }

// ReadAt reads packet bytes again at a DataOffset.
func (s *Source) ReadAt(p []byte, off int64) (int, error) { return s.ra.ReadAt(p, off) }

// Close releases the input and any spool file.
func (s *Source) Close() error {
	if s.st != nil {
		s.st.close()
	}
	if s.live != nil {
		s.live.close()
	}
	if s.spool != nil {
		s.spool.Close()
	}
	if s.in != nil && s.in != os.Stdin {
		return s.in.Close()
	}
	return nil
}
