package decode

import (
	"os"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
	"unsafe"
)

// A chunkStore keeps index chunks in an unlinked temporary file mapped
// shared into memory, instead of on the Go heap. The memory is then the
// kernel's page cache, which it can write back and drop when memory is
// short (anonymous heap memory it cannot drop without swap): a capture
// whose index is larger than the machine's free memory still opens.
//
// A mapped page counts in the process's resident memory until it is
// unmapped, and the kernel unmaps page cache only under pressure; so the
// store unmaps (MADV_DONTNEED) every chunk but the one the loader is
// filling each time the loader starts a new chunk and every trimEvery after.
// For a shared file mapping that only drops the page table entries: the
// contents stay in the page cache (or the file) and the next access maps
// them again with a minor fault, 64 KiB at a time (the kernel's fault-around),
// so pointers into a chunk stay valid for good and readers never notice
// beyond that fault. What a process holds then is the chunks touched since
// the last trim.
type chunkStore struct {
	f *os.File

	mu     sync.Mutex
	segs   [][]byte // mappings of segChunks chunks each, in file order
	n      int      // chunks handed out
	closed bool
	timer  *time.Timer

	born     time.Time
	lastTrim atomic.Int64 // time since born of the last trim, ns
}

const (
	chunkBytes = chunkSize * int(unsafe.Sizeof(Packet{}))
	// segChunks chunks are mapped at a time (1 GiB of address space, 16M
	// packets): few mappings, no large reservation up front.
	segChunks = 256
	trimEvery = 10 * time.Millisecond
)

func openStore(dir string) (*chunkStore, error) {
	f, err := os.CreateTemp(dir, "ladder-index-*")
	if err != nil {
		return nil, err
	}
	os.Remove(f.Name()) // gone from the directory; the data lives until close
	s := &chunkStore{f: f, born: time.Now()}
	// Under the lock: the timer may fire before AfterFunc returns, and
	// tick resets it.
	s.mu.Lock()
	s.timer = time.AfterFunc(trimEvery, s.tick)
	s.mu.Unlock()
	return s, nil
}

// alloc returns the next chunk, zeroed, or nil when the file cannot grow
// (the disk is full) or be mapped.
func (s *chunkStore) alloc() *[chunkSize]Packet {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	k := s.n
	if k/segChunks == len(s.segs) {
		m, err := syscall.Mmap(int(s.f.Fd()), int64(k)*int64(chunkBytes), segChunks*chunkBytes,
			syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_SHARED)
		if err != nil {
			return nil
		}
		s.segs = append(s.segs, m)
	}
	// Allocate the blocks now: a write fault on a page the file system
	// cannot back would kill the process (SIGBUS), an error here only
	// sends the rest of the index to the heap.
	if err := syscall.Fallocate(int(s.f.Fd()), 0, int64(k)*int64(chunkBytes), int64(chunkBytes)); err != nil {
		return nil
	}
	s.n++
	seg := s.segs[k/segChunks]
	off := (k % segChunks) * chunkBytes
	s.trimLocked()
	return (*[chunkSize]Packet)(unsafe.Pointer(&seg[off]))
}

// readerTrim is trim for a reader that reached a chunk's first packet
// (Index.Packet), at most once a millisecond: a binary search over the
// packets lands on chunk boundaries again and again, a scan only once per
// 4 MiB read.
func (s *chunkStore) readerTrim() {
	if time.Since(s.born).Nanoseconds()-s.lastTrim.Load() < int64(time.Millisecond) {
		return
	}
	s.trim()
}

// trimLocked unmaps every chunk but the last one handed out (s.mu held).
func (s *chunkStore) trimLocked() {
	s.lastTrim.Store(time.Since(s.born).Nanoseconds())
	keep := s.n - 1
	for i, seg := range s.segs {
		first := i * segChunks
		if first >= keep {
			break
		}
		end := min(keep-first, segChunks) * chunkBytes
		syscall.Madvise(seg[:end], syscall.MADV_DONTNEED)
	}
}

// trim unmaps every chunk but the one the loader is filling.
func (s *chunkStore) trim() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.closed {
		s.trimLocked()
	}
}

func (s *chunkStore) tick() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return
	}
	s.trimLocked()
	s.timer.Reset(trimEvery)
}

// close unmaps the chunks and closes the file, which frees its blocks.
// Nothing may use the chunks after.
func (s *chunkStore) close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	s.timer.Stop()
	for _, seg := range s.segs {
		syscall.Munmap(seg)
	}
	s.segs = nil
	s.f.Close()
}

// runtimeHasStore: this system has the file-backed store.
const runtimeHasStore = true
