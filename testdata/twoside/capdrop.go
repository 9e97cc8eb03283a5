//go:build ignore

// capdrop makes the capture-drop fixtures from the lab's seed-crossing
// scenario: the client end's file with the client's own RST/ACK (frame 11,
// its SO_LINGER 0 abort, in both files per the ledger: server file frame
// 13) taken out, as if that capture had dropped it, written as pcapng with
// an Interface Statistics Block:
//
//	capdrop.client.pcapng         isb_ifrecv 13, isb_ifdrop 0, isb_osdrop 1: the capture admits the drop
//	capdrop-nodrop.client.pcapng  the same 12 frames, isb_osdrop 0: it claims it dropped nothing
//
// Paired with seed-crossing.server.pcap, the server end's frame 13 has no
// copy at the client's end: forged if the client's capture is believed,
// unproved when it admits dropping a packet.
//
// And the receiver's side of the same question, from the lab's drops
// scenario (the wire dropped the client's second request, client file
// frame 8, which the server end never saw):
//
//	capdrop-recv.server.pcapng    drops.server.pcap whole, isb_osdrop 1: the server end's capture
//	                              admits a drop, so frame 8 of the client file, never seen there,
//	                              may be lost between the points or dropped by that capture
//
// Run from the repository root: go run testdata/twoside/capdrop.go
package main

import (
	"encoding/binary"
	"log"
	"os"
)

var le = binary.LittleEndian

func main() {
	// 11: the frame the capture "dropped".
	write("testdata/twoside/seed-crossing.client.pcap", 11, map[string]uint64{"capdrop.client.pcapng": 1, "capdrop-nodrop.client.pcapng": 0})
	write("testdata/twoside/drops.server.pcap", 0, map[string]uint64{"capdrop-recv.server.pcapng": 1})
}

// write rewrites the pcap in without its frame dropped (0: none) as each
// pcapng file named, with an Interface Statistics Block admitting
// isb_osdrop drops.
func write(in string, dropped int, outputs map[string]uint64) {
	b, err := os.ReadFile(in)
	if err != nil {
		log.Fatal(err)
	}
	if le.Uint32(b) != 0xa1b23c4d { // nanosecond pcap, little-endian
		log.Fatalf("%s: not a little-endian nanosecond pcap", in)
	}
	snap, link := le.Uint32(b[16:]), le.Uint32(b[20:])
	var frames [][]byte // whole EPBs
	var ts []uint64
	for off, n := 24, 1; off+16 <= len(b); n++ {
		sec, nsec := uint64(le.Uint32(b[off:])), uint64(le.Uint32(b[off+4:]))
		capLen, origLen := le.Uint32(b[off+8:]), le.Uint32(b[off+12:])
		data := b[off+16 : off+16+int(capLen)]
		off += 16 + int(capLen)
		if n == dropped {
			continue
		}
		t := sec*1e9 + nsec
		ts = append(ts, t)
		body := le.AppendUint32(nil, 0) // interface 0
		body = le.AppendUint32(body, uint32(t>>32))
		body = le.AppendUint32(body, uint32(t))
		body = le.AppendUint32(body, capLen)
		body = le.AppendUint32(body, origLen)
		body = append(body, data...)
		frames = append(frames, block(6, body))
	}
	for name, osdrop := range outputs {
		var out []byte
		shb := le.AppendUint32(nil, 0x1a2b3c4d)
		shb = le.AppendUint16(shb, 1)
		shb = le.AppendUint16(shb, 0)
		shb = le.AppendUint64(shb, ^uint64(0)) // section length unknown
		out = append(out, block(0x0a0d0d0a, shb)...)
		idb := le.AppendUint16(nil, uint16(link))
		idb = le.AppendUint16(idb, 0)
		idb = le.AppendUint32(idb, snap)
		idb = option(idb, 9, []byte{9}) // if_tsresol: nanoseconds
		idb = le.AppendUint32(idb, 0)   // opt_endofopt
		out = append(out, block(1, idb)...)
		for _, f := range frames {
			out = append(out, f...)
		}
		last := ts[len(ts)-1]
		isb := le.AppendUint32(nil, 0)
		isb = le.AppendUint32(isb, uint32(last>>32))
		isb = le.AppendUint32(isb, uint32(last))
		isb = option(isb, 4, le.AppendUint64(nil, uint64(len(frames))+osdrop)) // isb_ifrecv
		isb = option(isb, 5, le.AppendUint64(nil, 0))                          // isb_ifdrop
		isb = option(isb, 7, le.AppendUint64(nil, osdrop))                     // isb_osdrop
		isb = le.AppendUint32(isb, 0)
		out = append(out, block(5, isb)...)
		if err := os.WriteFile("testdata/twoside/"+name, out, 0o644); err != nil {
			log.Fatal(err)
		}
	}
}

// block frames a pcapng block body (padded to 4 bytes).
func block(typ uint32, body []byte) []byte {
	for len(body)%4 != 0 {
		body = append(body, 0)
	}
	n := uint32(len(body) + 12)
	out := le.AppendUint32(nil, typ)
	out = le.AppendUint32(out, n)
	out = append(out, body...)
	return le.AppendUint32(out, n)
}

// option appends one pcapng option, padded.
func option(b []byte, code uint16, v []byte) []byte {
	b = le.AppendUint16(b, code)
	b = le.AppendUint16(b, uint16(len(v)))
	b = append(b, v...)
	for len(v)%4 != 0 {
		b, v = append(b, 0), append(v, 0)
	}
	return b
}
