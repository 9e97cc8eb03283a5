package analysis

import "slices"

// sparse holds a value for a few packets, keyed by packet index. Keys are
// added in increasing order (the analysis is one pass in capture order), so
// lookups are a binary search and nothing is allocated per packet beyond
// the amortised growth of two slices.
type sparse[T any] struct {
	keys []int32
	vals []T
}

func (s *sparse[T]) add(i int32, v T) {
	if n := len(s.keys); n > 0 && s.keys[n-1] == i {
		s.vals[n-1] = v
		return
	}
	s.keys = append(s.keys, i)
	s.vals = append(s.vals, v)
}

func (s *sparse[T]) get(i int) (T, bool) {
	k, ok := slices.BinarySearch(s.keys, int32(i))
	if !ok {
		var zero T
		return zero, false
	}
	return s.vals[k], true
}

// dupAck is a duplicate ACK's place in its run.
type dupAck struct {
	of  int32  // packet index of the ACK it duplicates
	num uint32 // 1 for the first duplicate
}

// ackInfo links an ACK to the segment it acknowledges exactly.
type ackInfo struct {
	of  int32 // packet index of the acknowledged segment
	rtt int64 // ns between the segment and this ACK
}
