package analysis

// chunkBits sets the size of the blocks the analysis stores its tables in.
// Blocks never move once allocated: a table of a million entries grows
// without the copies (and the twice-the-size peak) of a doubling slice.
const (
	chunkBits = 14
	chunkLen  = 1 << chunkBits
)

// column is a dense table indexed from 0, grown at the end in blocks.
type column[T any] struct {
	blocks []*[chunkLen]T
	n      int
}

// grow makes the column at least n entries long (new entries are zero).
func (c *column[T]) grow(n int) {
	for len(c.blocks)*chunkLen < n {
		c.blocks = append(c.blocks, new([chunkLen]T))
	}
	c.n = max(c.n, n)
}

// growSparse is grow without allocating: a block is allocated when an
// entry in it is first written (at), and peek reads nil for entries never
// written. The per-flow tables use it, so that a live capture's flows
// that left the window before this pass cost a nil pointer per block,
// not their entries. Only the pass that writes may call at on such a
// column; readers use peek.
func (c *column[T]) growSparse(n int) {
	for len(c.blocks)*chunkLen < n {
		c.blocks = append(c.blocks, nil)
	}
	c.n = max(c.n, n)
}

// peek returns entry i, or nil if its block was never written (or i is out
// of range).
func (c *column[T]) peek(i int) *T {
	if i < 0 || i >= c.n {
		return nil
	}
	b := c.blocks[i>>chunkBits]
	if b == nil {
		return nil
	}
	return &b[i&(chunkLen-1)]
}

// skipTo leaves the first n entries of an empty column unallocated (a live
// capture's packets that left its window); at must not be called below n.
func (c *column[T]) skipTo(n int) {
	c.blocks = make([]*[chunkLen]T, n>>chunkBits)
	c.n = n
}

// at returns entry i, which must be below len, allocating its block if a
// sparse grow or skipTo left it out.
func (c *column[T]) at(i int) *T {
	b := c.blocks[i>>chunkBits]
	if b == nil {
		b = new([chunkLen]T)
		c.blocks[i>>chunkBits] = b
	}
	return &b[i&(chunkLen-1)]
}

func (c *column[T]) len() int { return c.n }

// sparse holds a value for some packets, keyed by packet index. Keys are
// added in increasing order (the analysis is one pass in capture order), so
// a lookup is a binary search, and nothing is allocated per packet.
type sparse[T any] struct {
	keys column[int32]
	vals column[T]
}

func (s *sparse[T]) add(i int32, v T) {
	n := s.keys.len()
	if n > 0 && *s.keys.at(n - 1) == i {
		*s.vals.at(n - 1) = v
		return
	}
	s.keys.grow(n + 1)
	s.vals.grow(n + 1)
	*s.keys.at(n) = i
	*s.vals.at(n) = v
}

func (s *sparse[T]) get(i int) (T, bool) {
	// The last block whose first key is <= i, then within it.
	lo, hi := 0, len(s.keys.blocks)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if int(s.keys.blocks[m][0]) <= i {
			lo = m + 1
		} else {
			hi = m
		}
	}
	var zero T
	if lo == 0 {
		return zero, false
	}
	b := lo - 1
	used := min(s.keys.n-b*chunkLen, chunkLen)
	keys := s.keys.blocks[b][:used]
	l, h := 0, len(keys)
	for l < h {
		m := int(uint(l+h) >> 1)
		if int(keys[m]) < i {
			l = m + 1
		} else {
			h = m
		}
	}
	if l == len(keys) || int(keys[l]) != i {
		return zero, false
	}
	return s.vals.blocks[b][l], true
}

// dupAck is a duplicate ACK's place in its run.
type dupAck struct {
	of  int32  // packet index of the ACK it duplicates
	num uint32 // 1 for the first duplicate
}
