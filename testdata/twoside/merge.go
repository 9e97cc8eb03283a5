//go:build ignore

// merge makes the offload fixtures from the lab's seed-crossing scenario:
// one end's file with the server's two response segments (1200 + 476
// bytes, contiguous, the same ACK; ledger: frames 6 and 7 at both ends)
// merged into one 1676-byte segment, as a capture on a host with
// segmentation offload sees them:
//
//	seed-crossing.server-tso.pcap  the server end's file, merged as the sending host's
//	                 capture sees a TSO super-segment before the NIC cuts it
//	seed-crossing.client-gro.pcap  the client end's file, merged as the receiving host's
//	                 capture sees what GRO coalesced
//
// The merged segment keeps the first's IP and TCP headers (IP ID, options)
// with the IP length and header checksum recomputed and the last's flags
// OR-ed in; its time is the first's (TSO) or the last's (GRO). The TCP
// checksum is left as it was: offloaded captures carry unfinished ones.
//
// Run from the repository root: go run testdata/twoside/merge.go
package main

import (
	"encoding/binary"
	"log"
	"os"
)

var le, be = binary.LittleEndian, binary.BigEndian

type record struct {
	sec, nsec uint32
	data      []byte
}

func main() {
	mergeFile("testdata/twoside/seed-crossing.server.pcap", "testdata/twoside/seed-crossing.server-tso.pcap", 6, false)
	mergeFile("testdata/twoside/seed-crossing.client.pcap", "testdata/twoside/seed-crossing.client-gro.pcap", 6, true)
}

// mergeFile writes in to out with frames first and first+1 merged; the
// merged record has the later one's time when late.
func mergeFile(in, out string, first int, late bool) {
	b, err := os.ReadFile(in)
	if err != nil {
		log.Fatal(err)
	}
	if le.Uint32(b) != 0xa1b23c4d || le.Uint32(b[20:]) != 101 {
		log.Fatalf("%s: not a little-endian nanosecond raw-IP pcap", in)
	}
	var recs []record
	for off := 24; off+16 <= len(b); {
		n := int(le.Uint32(b[off+8:]))
		recs = append(recs, record{le.Uint32(b[off:]), le.Uint32(b[off+4:]), b[off+16 : off+16+n]})
		off += 16 + n
	}
	a, z := recs[first-1], recs[first]
	m := merged(a.data, z.data)
	if late {
		a.sec, a.nsec = z.sec, z.nsec
	}
	a.data = m
	recs = append(append(recs[:first-1:first-1], a), recs[first+1:]...)
	w := append([]byte(nil), b[:24]...)
	for _, r := range recs {
		w = le.AppendUint32(w, r.sec)
		w = le.AppendUint32(w, r.nsec)
		w = le.AppendUint32(w, uint32(len(r.data)))
		w = le.AppendUint32(w, uint32(len(r.data)))
		w = append(w, r.data...)
	}
	if err := os.WriteFile(out, w, 0o644); err != nil {
		log.Fatal(err)
	}
}

// merged is IPv4/TCP packet a with b's payload appended.
func merged(a, b []byte) []byte {
	ihl := int(a[0]&0x0f) * 4
	aTCP, bTCP := int(a[ihl+12]>>4)*4, int(b[int(b[0]&0x0f)*4+12]>>4)*4
	if be.Uint32(a[ihl+4:])+uint32(len(a)-ihl-aTCP) != be.Uint32(b[int(b[0]&0x0f)*4+4:]) {
		log.Fatal("the two segments are not contiguous")
	}
	out := append(append([]byte(nil), a...), b[int(b[0]&0x0f)*4+bTCP:]...)
	out[ihl+13] |= b[int(b[0]&0x0f)*4+13] & 0x09 // PSH, FIN of the last
	be.PutUint16(out[2:], uint16(len(out)))
	out[10], out[11] = 0, 0
	var sum uint32
	for i := 0; i < ihl; i += 2 {
		sum += uint32(be.Uint16(out[i:]))
	}
	for sum > 0xffff {
		sum = sum&0xffff + sum>>16
	}
	be.PutUint16(out[10:], ^uint16(sum))
	return out
}
