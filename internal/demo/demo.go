// Package demo embeds the capture `ladder demo` opens: the lab's seed
// scenario (a copy of testdata/lab/seed.pcap), where a client aborts its
// connection while the server's segments are in flight and each late
// segment draws another reset — the question ladder exists to answer.
package demo

import (
	_ "embed"
	"os"
	"path/filepath"
)

//go:embed seed.pcap
var seed []byte

// WriteTemp writes the demo capture as seed.pcap in a new temporary
// directory (so the status bar says "seed.pcap") and returns its path; the
// caller removes the directory.
func WriteTemp() (string, error) {
	dir, err := os.MkdirTemp("", "ladder-demo-")
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, "seed.pcap")
	if err := os.WriteFile(path, seed, 0o600); err != nil {
		os.RemoveAll(dir)
		return "", err
	}
	return path, nil
}

// Bytes returns the embedded capture.
func Bytes() []byte { return seed }
