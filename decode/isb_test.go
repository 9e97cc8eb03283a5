package decode

import (
	"strings"
	"testing"
)

// TestInterfaceStatisticsDrops: the drop counters of a pcapng Interface
// Statistics Block are read (testdata/twoside/capdrop.go wrote them:
// isb_ifdrop 0, isb_osdrop 1 or 0), the block makes no frame (tshark -r
// counts 12 frames in both files), and a pcap file's drops are unknown.
func TestInterfaceStatisticsDrops(t *testing.T) {
	for _, tc := range []struct {
		file   string
		frames int
		drops  uint64
		known  bool
	}{
		{"capdrop.client.pcapng", 12, 1, true},
		{"capdrop-nodrop.client.pcapng", 12, 0, true},
		{"seed-crossing.client.pcap", 13, 0, false},
	} {
		t.Run(tc.file, func(t *testing.T) {
			src, err := Open("../testdata/twoside/" + tc.file)
			if err != nil {
				t.Fatal(err)
			}
			defer src.Close()
			idx := Load(src)
			if idx.Err() != nil || idx.Len() != tc.frames {
				t.Fatalf("%d frames, err %v; want %d", idx.Len(), idx.Err(), tc.frames)
			}
			if n, known := idx.Dropped(); n != tc.drops || known != tc.known {
				t.Errorf("Dropped() = %d, %v; want %d, %v", n, known, tc.drops, tc.known)
			}
			if i := idx.Interface(0); i.OSDrop != tc.drops || i.IfDrop != 0 {
				t.Errorf("interface 0: osdrop %d ifdrop %d", i.OSDrop, i.IfDrop)
			}
		})
	}
}

// TestInterfaceStatisticsHostile: statistics for an interface the section
// never described are damage, reported at the block; counters that would
// wrap saturate.
func TestInterfaceStatisticsHostile(t *testing.T) {
	i := Interface{IfDrop: ^uint64(0) - 1, OSDrop: 5, DropsKnown: true}
	if i.Dropped() != ^uint64(0) {
		t.Errorf("Dropped() = %d, want saturated", i.Dropped())
	}
	le := func(b []byte, v uint32) []byte { return append(b, byte(v), byte(v>>8), byte(v>>16), byte(v>>24)) }
	blk := func(typ uint32, body []byte) []byte {
		b := le(le(nil, typ), uint32(len(body)+12))
		return le(append(b, body...), uint32(len(body)+12))
	}
	shb := le(append(le(nil, 0x1a2b3c4d), 1, 0, 0, 0), 0xffffffff)
	shb = le(shb, 0xffffffff)
	idb := le(le(nil, 101), 65535) // link type 101, reserved, snaplen
	isb := le(le(le(nil, 3), 0), 0)
	data := append(append(blk(blockSHB, shb), blk(blockIDB, idb)...), blk(blockISB, isb)...)
	l := readStream(data, openPcapng)
	if l.err == nil || !strings.Contains(l.err.Error(), "interface statistics for interface 3") {
		t.Errorf("err %v", l.err)
	}
}
