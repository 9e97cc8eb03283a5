package decode

import (
	"encoding/binary"
	"io"
	"testing"
)

// buildV3Block lays packets out as the kernel does in a TPACKET_V3 block
// (net/packet/af_packet.c, tpacket_rcv for a SOCK_RAW socket): the block
// descriptor, then per packet the 48-byte tpacket3_hdr, its sockaddr_ll,
// and the frame at macoff = TPACKET_ALIGN(68 + 16) - 14 = 82, each packet
// starting on a 16-byte boundary, tp_next_offset 0 on the last.
func buildV3Block(pkts [][]byte, size int) []byte {
	ne := binary.NativeEndian
	b := make([]byte, size)
	ne.PutUint32(b[0:], 3)             // version
	ne.PutUint32(b[v3BlockStatus:], 1) // TP_STATUS_USER
	ne.PutUint32(b[v3NumPkts:], uint32(len(pkts)))
	ne.PutUint32(b[v3FirstPkt:], v3BlockHeader)
	off := v3BlockHeader
	for k, p := range pkts {
		const mac = 82
		h := b[off:]
		next := (mac + len(p) + 15) &^ 15
		if k < len(pkts)-1 {
			ne.PutUint32(h[v3NextOffset:], uint32(next))
		}
		ne.PutUint32(h[v3Sec:], 1_700_000_000+uint32(k))
		ne.PutUint32(h[v3Nsec:], 123_456_789)
		ne.PutUint32(h[v3Snaplen:], uint32(len(p)))
		ne.PutUint32(h[v3Len:], uint32(len(p)))
		ne.PutUint16(h[v3Mac:], mac)
		ne.PutUint16(h[v3Header+sllProtocol:], htons(0x0800))
		ne.PutUint32(h[v3Header+sllIfindex:], 2)
		ne.PutUint16(h[v3Header+sllHatype:], 1)
		h[v3Header+sllHalen] = 6
		copy(h[mac:], p)
		off += next
	}
	return b
}

// realPackets reads the first n packets of a capture in testdata.
func realPackets(t testing.TB, n int) [][]byte {
	src, err := Open(benchBase)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	var out [][]byte
	var rec Record
	for len(out) < n {
		if err := src.Next(&rec); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		out = append(out, append([]byte(nil), rec.Data...))
	}
	return out
}

// TestV3Block walks a block built as the kernel builds them from real
// packets: every packet comes back whole with its time and address, and a
// block whose offsets point outside it yields only what lies inside.
func TestV3Block(t *testing.T) {
	pkts := realPackets(t, 20)
	b := buildV3Block(pkts, 1<<16)
	blk, ok := openV3Block(b)
	if !ok {
		t.Fatal("openV3Block refused a well-formed block")
	}
	var f v3Frame
	k := 0
	for ; blk.next(&f); k++ {
		if string(f.data) != string(pkts[k]) || f.time != int64(1_700_000_000+k)*1e9+123_456_789 || f.ifindex != 2 || f.halen != 6 {
			t.Fatalf("packet %d: %d bytes, time %d, ifindex %d", k, len(f.data), f.time, f.ifindex)
		}
	}
	if k != len(pkts) {
		t.Errorf("%d packets, want %d", k, len(pkts))
	}
	tests := []struct {
		name  string
		edit  func(b []byte)
		want  int
		valid bool
	}{
		{"first packet beyond the block", func(b []byte) { binary.NativeEndian.PutUint32(b[v3FirstPkt:], 1<<20) }, 0, false},
		{"too many packets for the block", func(b []byte) { binary.NativeEndian.PutUint32(b[v3NumPkts:], 1<<30) }, 0, false},
		{"snaplen past the end", func(b []byte) { binary.NativeEndian.PutUint32(b[v3BlockHeader+v3Snaplen:], 1<<20) }, 0, true},
		{"next offset loops back", func(b []byte) { binary.NativeEndian.PutUint32(b[v3BlockHeader+v3NextOffset:], 0) }, 1, true},
		{"more packets claimed than chained", func(b []byte) { binary.NativeEndian.PutUint32(b[v3NumPkts:], 21) }, 20, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := buildV3Block(pkts, 1<<16)
			tc.edit(b)
			blk, ok := openV3Block(b)
			if ok != tc.valid {
				t.Fatalf("openV3Block ok=%v, want %v", ok, tc.valid)
			}
			n := 0
			for blk.next(&f) {
				n++
			}
			if n != tc.want {
				t.Errorf("%d packets, want %d", n, tc.want)
			}
		})
	}
}

// FuzzV3Block: whatever the block holds, walking it never panics or loops,
// returns at most num_pkts packets, and every packet's bytes lie inside it.
func FuzzV3Block(f *testing.F) {
	pkts := realPackets(f, 8)
	f.Add(buildV3Block(pkts, 1<<13))
	f.Add(buildV3Block(pkts[:1], 256))
	f.Add(buildV3Block(nil, 64))
	f.Fuzz(func(t *testing.T, b []byte) {
		blk, ok := openV3Block(b)
		if !ok {
			return
		}
		var f v3Frame
		limit := len(b) / v3Header
		n := 0
		for blk.next(&f) {
			if n++; n > limit {
				t.Fatalf("more than %d packets from a %d-byte block", limit, len(b))
			}
			if len(f.data) > len(b) {
				t.Fatalf("%d bytes of data from a %d-byte block", len(f.data), len(b))
			}
		}
	})
}
