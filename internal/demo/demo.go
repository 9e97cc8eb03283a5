// Package demo embeds the capture `ladder demo` opens: the lab's seed
// scenario (a copy of testdata/lab/seed.pcap), where a client aborts its
// connection while the server's segments are in flight and each late
// segment draws another reset — the question ladder exists to answer.
package demo

import (
	_ "embed"
	"os"
)

//go:embed seed.pcap
var seed []byte

// Name is how the demo capture is shown in the status bar and messages.
const Name = "demo: seed.pcap (client abort while server data is in flight)"

// WriteTemp writes the demo capture to a temporary file and returns its
// path; the caller removes it.
func WriteTemp() (string, error) {
	f, err := os.CreateTemp("", "ladder-demo-*.pcap")
	if err != nil {
		return "", err
	}
	if _, err := f.Write(seed); err != nil {
		f.Close()
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), f.Close()
}

// Bytes returns the embedded capture.
func Bytes() []byte { return seed }
