//go:build !linux

package decode

// prefault does nothing where MADV_POPULATE_WRITE is not available.
func prefault([]Packet) {}
