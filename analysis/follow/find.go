package follow

import "bytes"

// Find returns the first chunk at or after from whose payload contains
// needle, searching the raw bytes (so it finds text the ascii rendering
// shows escaped, such as "\r\n"). Matches spanning two chunks are not
// found: chunks are what the TUI selects, one packet each. It returns -1
// when no chunk matches.
func (s *Stream) Find(r *Reader, needle []byte, from int) (int, error) {
	if len(needle) == 0 {
		return -1, nil
	}
	for k := max(from, 0); k < len(s.Chunks); k++ {
		b, err := r.Bytes(s.Chunks[k])
		if err != nil {
			return -1, err
		}
		if bytes.Contains(b, needle) {
			return k, nil
		}
	}
	return -1, nil
}
