package dfilter

import "unsafe"

// bytesString views b as a string without copying, for the strings
// package's search functions; the string must not outlive b's contents.
func bytesString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }
