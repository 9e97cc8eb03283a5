package decode

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// RingOptions make a live capture write a ring of files instead of one, as
// dumpcap's -b options do: the next file is started when the current one
// reaches FileSize bytes or is Duration old, and once there are more than
// Files files the oldest is deleted. The zero value writes one file.
type RingOptions struct {
	FileSize int64         // bytes; dumpcap's filesize:N is N kB of 1000 bytes
	Duration time.Duration // dumpcap's duration:S
	Files    int           // dumpcap's files:K; 0 keeps every file
}

// Enabled reports whether a rotation condition is set.
func (o RingOptions) Enabled() bool { return o.FileSize > 0 || o.Duration > 0 }

// ErrEvicted is returned when packet bytes are asked for after the ring file
// holding them was deleted: the packet left the live capture's window.
var ErrEvicted = errors.New("the packet left the capture window (its ring file was deleted)")

// ringFile is one file of the spool, in the spool's offset space: packet
// offsets in the index are base plus the offset inside the file, so one
// int64 still locates a packet across files.
type ringFile struct {
	name string
	f    *os.File // nil once closed (read again by name)
	base int64
	size int64 // bytes written (for the current file: handed to the writer)
}

// spool is where a live capture writes its packets: one pcapng file (the -w
// file, or an unlinked temporary file), or with RingOptions a ring of them
// named like dumpcap's (FILE_00001_20060102150405.pcapng). Each ring file is
// a complete pcapng file with its own section and interface headers.
type spool struct {
	mu     sync.Mutex
	path   string // -w name, "" for a temporary file
	ring   RingOptions
	link   uint16
	snap   uint32
	ifName string
	now    func() time.Time

	files   []ringFile // on disk, oldest first; the last one is written
	seq     int        // number of the current ring file (from 1)
	started time.Time  // when the current file was opened
	nw      *ngWriter
	end     int64 // spool offset of the next byte: current base + nw.off

	// gone is the spool offset below which files were deleted: packets
	// there left the window. Read without the lock by the index loader.
	gone atomic.Int64
	// written mirrors end for progress (the Source's byte counter).
	written *atomic.Int64
}

// maxOpenRing bounds the ring files kept open for reading besides the one
// being written; older ones are reopened by name when read.
const maxOpenRing = 16

// openSpool creates the first file of a spool.
func openSpool(path string, ring RingOptions, link uint16, snap uint32, ifName string, written *atomic.Int64) (*spool, error) {
	if ring.Enabled() && path == "" {
		return nil, errors.New("a ring of capture files (-b) needs a file name (-w)")
	}
	s := &spool{path: path, ring: ring, link: link, snap: snap, ifName: ifName, now: time.Now, written: written}
	if err := s.startFile(); err != nil {
		return nil, err
	}
	return s, nil
}

// ringName is dumpcap's name for ring file seq of path: the number and the
// local start time inserted before the extension.
func ringName(path string, seq int, t time.Time) string {
	ext := filepath.Ext(path)
	stem := strings.TrimSuffix(path, ext)
	return fmt.Sprintf("%s_%05d_%s%s", stem, seq, t.Format("20060102150405"), ext)
}

// startFile opens the next file and writes its headers. Called with mu held
// (or before the spool is shared).
func (s *spool) startFile() error {
	t := s.now()
	var f *os.File
	var err error
	name := s.path
	switch {
	case s.ring.Enabled():
		s.seq++
		name = ringName(s.path, s.seq, t)
		f, err = os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o644)
	case name != "":
		f, err = os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o644)
	default:
		if f, err = os.CreateTemp("", "ladder-live-*.pcapng"); err == nil {
			name = f.Name()
			os.Remove(name) // unlinked: vanishes on exit, even on a crash
		}
	}
	if err != nil {
		return fmt.Errorf("cannot create the capture file: %w", err)
	}
	nw, err := newNgWriter(f, s.link, s.snap, s.ifName)
	if err == nil {
		err = nw.flush()
	}
	if err != nil {
		f.Close()
		return fmt.Errorf("writing %s: %w", name, err)
	}
	s.files = append(s.files, ringFile{name: name, f: f, base: s.end, size: nw.off})
	s.nw, s.started = nw, t
	s.end += nw.off
	s.written.Store(s.end)
	// Keep few files open: the one written and the newest before it.
	if n := len(s.files) - 1 - maxOpenRing; n >= 0 && s.files[n].f != nil {
		s.files[n].f.Close()
		s.files[n].f = nil
	}
	return nil
}

// rotateDue reports whether the current file is full or old enough.
func (s *spool) rotateDue(t time.Time) bool {
	if !s.ring.Enabled() {
		return false
	}
	if s.ring.FileSize > 0 && s.nw.off >= s.ring.FileSize {
		return true
	}
	return s.ring.Duration > 0 && t.Sub(s.started) >= s.ring.Duration
}

// rotate finishes the current file, starts the next and deletes the oldest
// beyond the Files limit. Called with mu held.
func (s *spool) rotate() error {
	if err := s.nw.flush(); err != nil {
		return err
	}
	if err := s.startFile(); err != nil {
		return err
	}
	for s.ring.Files > 0 && len(s.files) > s.ring.Files {
		old := s.files[0]
		if old.f != nil {
			old.f.Close()
		}
		if err := os.Remove(old.name); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("deleting the oldest ring file: %w", err)
		}
		s.files = s.files[1:]
		s.gone.Store(s.files[0].base)
	}
	return nil
}

// tick rotates a ring whose duration has passed on a quiet link (dumpcap
// switches files on time even when no packet arrives).
func (s *spool) tick() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ring.Duration > 0 && s.rotateDue(s.now()) {
		return s.rotate()
	}
	return nil
}

// write appends a packet to the current file, first starting the next file
// if the current one is due, and returns the spool offset of its data.
func (s *spool) write(t int64, data []byte, orig uint32) (int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.rotateDue(s.now()) {
		if err := s.rotate(); err != nil {
			return 0, err
		}
	}
	cur := &s.files[len(s.files)-1]
	off, err := s.nw.writePacket(t, data, orig)
	cur.size = s.nw.off
	s.end = cur.base + s.nw.off
	s.written.Store(s.end)
	return cur.base + off, err
}

// flush writes buffered packets out to the current file.
func (s *spool) flush() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.nw.flush()
}

// ReadAt reads packet bytes by spool offset from the file holding them,
// first writing out any still in the write buffer. Bytes in a deleted ring
// file give ErrEvicted.
func (s *spool) ReadAt(p []byte, off int64) (int, error) {
	s.mu.Lock()
	k := len(s.files) - 1
	for k >= 0 && off < s.files[k].base {
		k--
	}
	if k < 0 {
		s.mu.Unlock()
		return 0, ErrEvicted
	}
	rf := s.files[k]
	if k == len(s.files)-1 && off+int64(len(p)) > s.end-int64(s.nw.buffered()) {
		if err := s.nw.flush(); err != nil {
			s.mu.Unlock()
			return 0, err
		}
	}
	if rf.f != nil {
		// Read under the lock: rotate may close this file meanwhile.
		defer s.mu.Unlock()
		return rf.f.ReadAt(p, off-rf.base)
	}
	s.mu.Unlock()
	f, err := os.Open(rf.name)
	if errors.Is(err, os.ErrNotExist) {
		return 0, ErrEvicted
	} else if err != nil {
		return 0, err
	}
	defer f.Close()
	return f.ReadAt(p, off-rf.base)
}

// Names lists the spool's files still on disk, oldest first.
func (s *spool) Names() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var names []string
	for _, f := range s.files {
		names = append(names, f.name)
	}
	return names
}

// close flushes and closes every file (the ring files stay on disk).
func (s *spool) close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	err := s.nw.flush()
	for i := range s.files {
		if s.files[i].f != nil {
			s.files[i].f.Close()
			s.files[i].f = nil
		}
	}
	return err
}
