package decode

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"testing"
	"time"
)

// chunkyReader hands out its data in pieces of random size, as a pipe does.
type chunkyReader struct {
	data []byte
	rng  *rand.Rand
	max  int
}

func (c *chunkyReader) Read(p []byte) (int, error) {
	if len(c.data) == 0 {
		return 0, io.EOF
	}
	n := min(len(p), len(c.data), 1+c.rng.IntN(c.max))
	copy(p, c.data[:n])
	c.data = c.data[n:]
	return n, nil
}

// TestStreamViews reads inputs through the read-ahead stream with random
// peeks and skips and checks every view against the input itself: views
// that straddle blocks (moved into the headroom), views longer than the
// headroom (joined), reads of one byte at a time, and the end of input.
func TestStreamViews(t *testing.T) {
	tests := []struct {
		name    string
		size    int
		maxRead int // largest piece the reader hands out
		maxPeek int
	}{
		{"file-like reads, small records", 3 << 20, 1 << 20, 2000},
		{"pipe-like reads", 1 << 20, 4096, 70000},
		{"one byte at a time", 200 << 10, 1, 300},
		{"records longer than the headroom", 4 << 20, 1 << 20, headroom + 200<<10},
	}
	for k, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(uint64(k), 7))
			data := make([]byte, tc.size)
			for i := range data {
				data[i] = byte(rng.Uint32())
			}
			s := newStream(&chunkyReader{data: data, rng: rand.New(rand.NewPCG(uint64(k), 8)), max: tc.maxRead})
			defer s.close()
			pos := 0
			for pos < len(data) {
				n := 1 + rng.IntN(tc.maxPeek)
				got, err := s.peek(n)
				want := data[pos:min(pos+n, len(data))]
				if !bytes.Equal(got, want) {
					t.Fatalf("peek(%d) at %d: got %d bytes, want %d (equal prefix: %v)", n, pos, len(got), len(want), bytes.HasPrefix(want, got))
				}
				switch {
				case pos+n <= len(data) && err != nil:
					t.Fatalf("peek(%d) at %d: %v", n, pos, err)
				case pos+n > len(data) && !errors.Is(err, io.ErrUnexpectedEOF):
					t.Fatalf("peek past the end at %d: err %v, want io.ErrUnexpectedEOF", pos, err)
				}
				if s.off != int64(pos) {
					t.Fatalf("offset %d, want %d", s.off, pos)
				}
				k := min(1+rng.IntN(n), len(got))
				s.skip(k)
				pos += k
			}
			if got, err := s.peek(1); len(got) != 0 || err != io.EOF {
				t.Fatalf("at the end: %d bytes, %v; want 0, io.EOF", len(got), err)
			}
		})
	}
}

// stuckReader never returns data nor an error.
type stuckReader struct{}

func (stuckReader) Read([]byte) (int, error) { return 0, nil }

// blockingReader blocks until closed.
type blockingReader struct{ c chan struct{} }

func (b blockingReader) Read([]byte) (int, error) { <-b.c; return 0, io.EOF }

func TestStreamEnds(t *testing.T) {
	t.Run("a reader that makes no progress", func(t *testing.T) {
		s := newStream(stuckReader{})
		defer s.close()
		if _, err := s.peek(1); !errors.Is(err, io.ErrNoProgress) {
			t.Fatalf("err %v, want io.ErrNoProgress", err)
		}
	})
	t.Run("closed while waiting for data", func(t *testing.T) {
		r := blockingReader{make(chan struct{})}
		defer close(r.c)
		s := newStream(r)
		done := make(chan error)
		go func() { _, err := s.peek(1); done <- err }()
		time.Sleep(10 * time.Millisecond)
		s.close()
		select {
		case err := <-done:
			if !errors.Is(err, errClosed) {
				t.Fatalf("err %v, want errClosed", err)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("peek still blocked after close")
		}
	})
	t.Run("a read error after data", func(t *testing.T) {
		boom := errors.New("disk on fire")
		s := newStream(io.MultiReader(bytes.NewReader([]byte("abc")), errReader{boom}))
		defer s.close()
		if got, err := s.peek(3); string(got) != "abc" || err != nil {
			t.Fatalf("peek(3) = %q, %v", got, err)
		}
		if got, err := s.peek(5); string(got) != "abc" || !errors.Is(err, boom) {
			t.Fatalf("peek(5) = %q, %v; want \"abc\" and the read error", got, err)
		}
	})
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }
