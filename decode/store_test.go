package decode

import (
	"path/filepath"
	"testing"
)

// TestFileBackedIndex loads a capture of several chunks with every chunk in
// the file-backed store and checks it against the same capture indexed on
// the heap: every record, every flow's frames, and the records again after
// the store has unmapped the chunks (they must come back from the file).
func TestFileBackedIndex(t *testing.T) {
	const n = 3*chunkSize + 1234
	path := filepath.Join(t.TempDir(), "synth.pcap")
	writeSynthetic(t, benchBase, path, n)

	load := func(heap int) *Index {
		t.Helper()
		old := heapChunks
		heapChunks = heap
		defer func() { heapChunks = old }()
		src, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { src.Close() })
		return Load(src)
	}
	want, got := load(1<<30), load(0)
	if want.store.Load() != nil {
		t.Fatal("heap index has a store")
	}
	if runtimeHasStore && got.store.Load() == nil {
		t.Fatal("no file-backed store was made")
	}
	if want.Len() != n || got.Len() != n {
		t.Fatalf("lengths %d and %d, want %d", want.Len(), got.Len(), n)
	}
	compare := func(when string) {
		t.Helper()
		for i := range n {
			if *got.Packet(i) != *want.Packet(i) {
				t.Fatalf("%s: packet %d: %+v, want %+v", when, i, *got.Packet(i), *want.Packet(i))
			}
		}
	}
	compare("loaded")
	wf, gf := want.Flows(), got.Flows()
	if len(wf) != len(gf) {
		t.Fatalf("%d flows, want %d", len(gf), len(wf))
	}
	for k := range wf {
		if len(wf[k].Frames) != len(gf[k].Frames) {
			t.Fatalf("flow %d: %d frames, want %d", k, len(gf[k].Frames), len(wf[k].Frames))
		}
	}
	if s := got.store.Load(); s != nil {
		s.trim()
	}
	compare("after trim")
}
