//go:build !linux

package decode

import "errors"

// chunkStore is file-backed index memory, on Linux only (store_linux.go);
// elsewhere every chunk is on the heap.
type chunkStore struct{}

func openStore(string) (*chunkStore, error) {
	return nil, errors.New("no file-backed index on this system")
}

func (*chunkStore) alloc() *[chunkSize]Packet { return nil }
func (*chunkStore) close()                    {}
func (*chunkStore) trim()                     {}
func (*chunkStore) readerTrim()               {}

// runtimeHasStore: this system has no file-backed store.
const runtimeHasStore = false
