//go:build ignore

// drift makes independent/server-drift.pcap: independent/server.pcap with
// a clock that runs 1% fast (each timestamp t becomes t0 + (t-t0)·1.01,
// t0 its first packet's): over the 4.9 s capture the server's clock gains
// 49 ms, more than the 20 ms one-way delay between the points. Real
// clocks drift 10-100 ppm, which over an hour is the same order of error;
// the capture is short, so the rate is exaggerated to give the same
// effect.
//
// Run from the repository root: go run testdata/twoside/drift.go
package main

import (
	"encoding/binary"
	"log"
	"os"
)

const (
	in   = "testdata/twoside/independent/server.pcap"
	out  = "testdata/twoside/independent/server-drift.pcap"
	rate = 1.01
)

func main() {
	b, err := os.ReadFile(in)
	if err != nil {
		log.Fatal(err)
	}
	le := binary.LittleEndian
	var unit int64
	switch le.Uint32(b) {
	case 0xa1b2c3d4:
		unit = 1000 // microseconds
	case 0xa1b23c4d:
		unit = 1 // nanoseconds
	default:
		log.Fatalf("%s: not a little-endian pcap", in)
	}
	w := append([]byte(nil), b...)
	t0 := int64(-1)
	for off := 24; off+16 <= len(w); {
		t := int64(le.Uint32(w[off:]))*1e9 + int64(le.Uint32(w[off+4:]))*unit
		if t0 < 0 {
			t0 = t
		}
		t = t0 + int64(float64(t-t0)*rate)
		le.PutUint32(w[off:], uint32(t/1e9))
		le.PutUint32(w[off+4:], uint32(t%1e9/unit))
		off += 16 + int(le.Uint32(w[off+8:]))
	}
	if err := os.WriteFile(out, w, 0o644); err != nil {
		log.Fatal(err)
	}
}
