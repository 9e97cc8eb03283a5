package decode

import (
	"encoding/binary"
	"path/filepath"
	"testing"
)

// encapSeeds adds the first packets of every capture in testdata/encap (and
// the given link type, read from the pcap header) as seeds.
func encapSeeds(f *testing.F) {
	files, err := filepath.Glob("../testdata/encap/*.pcap")
	if err != nil || len(files) == 0 {
		f.Fatalf("no captures in testdata/encap: %v", err)
	}
	for _, file := range files {
		b := mustRead(f, file)
		if len(b) < 24 {
			continue
		}
		link := uint16(binary.LittleEndian.Uint32(b[20:]))
		frames, _ := walkFrames(b)
		for _, fr := range frames[:min(len(frames), 4)] {
			f.Add(link, b[fr.start+16:fr.end], uint32(fr.end-fr.start-16))
		}
	}
}

// FuzzEncap fuzzes the tunnel, PPPoE, PPP and 802.11 decoders of the index
// pass and of the details tree: no panic, every view inside the packet,
// every outer layer's offset inside the bytes, the nesting bounded, and the
// packet loads, lists and shows details like any other.
func FuzzEncap(f *testing.F) {
	encapSeeds(f)
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, link uint16, data []byte, origLen uint32) {
		if len(data) > 1<<16 {
			return
		}
		var h Headers
		h.Parse(link, data, origLen)
		if h.NumEncap > MaxEncap {
			t.Fatalf("%d outer layers, bound %d", h.NumEncap, MaxEncap)
		}
		for k := range int(h.NumEncap) {
			if e := h.Encaps[k]; int(e.Off) > len(data) {
				t.Fatalf("outer layer %d (kind %d) at %d of a %d-byte packet", k, e.Kind, e.Off, len(data))
			}
			h.OuterIP(k)
			h.OuterUDP(k)
		}
		for _, s := range [][]byte{h.EthSrc, h.EthDst, h.Src, h.Dst, h.TCPOptions, h.Payload, h.ICMPBody} {
			if len(s) > len(data) {
				t.Fatalf("header view of %d bytes from a %d-byte packet", len(s), len(data))
			}
		}
		h.Quoted()
		dissect(link, data, origLen, tcpContext{stream: -1})
		file := pcapFile(link, [][]byte{data, data}, origLen)
		x := loadFile(t, writeTemp(t, dir, "e.pcap", file))
		checkRows(t, x)
		for i := range x.Len() {
			if _, _, err := x.Details(i, nil); err != nil {
				t.Fatal(err)
			}
		}
	})
}

// FuzzReassembly feeds IPv4 fragments whose offsets, lengths and flags come
// from the input (each fragment: offset in 8-byte units, a flags byte whose
// low bit is "more fragments", a length byte, then that many bytes) to the
// index: overlapping, duplicated, oversized and never-completed datagrams
// must neither panic nor grow without bound, and every row and details
// tree must build, the completing frame's from the reassembled datagram.
func FuzzReassembly(f *testing.F) {
	// A UDP datagram in two fragments, in order and reversed, and a
	// fragment overlapping both.
	udp := append([]byte{0x30, 0x39, 0x00, 0x35, 0x00, 24, 0, 0}, []byte("abcdefghijklmnop")...)
	f.Add(append(append([]byte{0, 0, 1, 16}, udp[:16]...), append([]byte{0, 2, 0, 8}, udp[16:]...)...))
	f.Add(append(append([]byte{0, 2, 0, 8}, udp[16:]...), append([]byte{0, 0, 1, 16}, udp[:16]...)...))
	f.Add(append(append([]byte{0, 0, 1, 16}, udp[:16]...), append([]byte{0, 1, 0, 16}, udp[8:]...)...))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, in []byte) {
		var pkts [][]byte
		for len(in) >= 4 && len(pkts) < 400 {
			off := binary.BigEndian.Uint16(in) & 0x1fff
			more, n := in[2]&1 != 0, int(in[3])
			in = in[4:]
			n = min(n, len(in))
			ip := make([]byte, 20, 20+n)
			ip[0], ip[9] = 0x45, ProtoUDP
			binary.BigEndian.PutUint16(ip[2:], uint16(20+n))
			binary.BigEndian.PutUint16(ip[4:], 0x1234)
			fl := off
			if more {
				fl |= 0x2000
			}
			binary.BigEndian.PutUint16(ip[6:], fl)
			copy(ip[12:], []byte{10, 0, 0, 1, 10, 0, 0, 2})
			pkts = append(pkts, append(ip, in[:n]...))
			in = in[n:]
		}
		if len(pkts) == 0 {
			return
		}
		x := loadFile(t, writeTemp(t, dir, "r.pcap", pcapFile(LinkRaw, pkts, 0)))
		if len(x.reasm.pending) > maxPendingDatagrams {
			t.Fatalf("%d datagrams pending, bound %d", len(x.reasm.pending), maxPendingDatagrams)
		}
		checkRows(t, x)
		for i := range x.Len() {
			if _, _, err := x.Details(i, nil); err != nil {
				t.Fatal(err)
			}
		}
	})
}
