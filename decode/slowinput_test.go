package decode

import (
	"os"
	"testing"
	"time"
)

// TestSlowInputKeepsIndexReadable feeds a capture through a pipe that
// stalls after three packets (as "tcpdump -w - | ladder -" does between
// bursts): the three must be published, and the index's lock free for
// readers, while the loader waits for more input.
func TestSlowInputKeepsIndexReadable(t *testing.T) {
	pkts := make([][]byte, 5)
	for i := range pkts {
		pkts[i] = []byte{0x45, 0, 0, 20, 0, 0, 0, 0, 64, 17, 0, 0, 10, 0, 0, 1, 10, 0, 0, byte(2 + i)}
	}
	file := pcapFile(101, pkts, 0)
	recLen := 16 + len(pkts[0])
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if _, err := w.Write(file[:24+3*recLen]); err != nil {
		t.Fatal(err)
	}
	src, err := newSource("pipe", r)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	idx := Start(src)
	deadline := time.Now().Add(5 * time.Second)
	for idx.Len() < 3 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if idx.Len() != 3 {
		t.Fatalf("%d packets published while the input stalls, want 3", idx.Len())
	}
	locked := make(chan struct{})
	go func() {
		idx.Flows() // takes the index's read lock
		idx.Interface(0)
		close(locked)
	}()
	select {
	case <-locked:
	case <-time.After(2 * time.Second):
		t.Fatal("the index stays locked while the loader waits for input")
	}
	if _, err := w.Write(file[24+3*recLen:]); err != nil {
		t.Fatal(err)
	}
	w.Close()
	idx.Wait()
	if idx.Len() != 5 || idx.Err() != nil {
		t.Fatalf("after the input ended: %d packets, err %v; want 5, nil", idx.Len(), idx.Err())
	}
}
