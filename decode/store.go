package decode

import (
	"os"
	"runtime"
)

// heapChunks is how many chunks (64k packets, 4 MiB each) of an index live
// on the Go heap before the rest go to a file-backed store (store_linux.go):
// small captures, most of them, never touch a file. An index takes it when
// made (Index.heapChunks), so a test may change it between loads while
// earlier loaders still run.
var heapChunks = 1

// storeDir is the directory of the index files: $TMPDIR when set, else
// /var/tmp (kept on disk by convention where /tmp may be memory), else
// os.TempDir().
func storeDir() string {
	if d := os.Getenv("TMPDIR"); d != "" {
		return d
	}
	if st, err := os.Stat("/var/tmp"); err == nil && st.IsDir() {
		return "/var/tmp"
	}
	return os.TempDir()
}

// newChunk returns chunk k of x: on the heap for the first heapChunks, from
// the file-backed store after (on the heap too when the store cannot be
// made or has failed: a full disk never loses packets, it costs memory).
// A live capture keeps its chunks on the heap: its window (window.go) frees
// the chunks its ring has left behind, which in the store's file would pile
// up for as long as the capture runs.
func (x *Index) newChunk(k int) *[chunkSize]Packet {
	if k >= x.heapChunks && !x.noStore && x.src.live == nil {
		s := x.store.Load()
		if s == nil {
			var err error
			if s, err = openStore(storeDir()); err != nil {
				x.noStore = true
				return new([chunkSize]Packet)
			}
			x.store.Store(s)
			// The store's mappings and file go when the index does.
			runtime.AddCleanup(x, func(s *chunkStore) { s.close() }, s)
		}
		if c := s.alloc(); c != nil {
			return c
		}
		x.noStore = true
	}
	return new([chunkSize]Packet)
}
