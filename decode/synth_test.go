package decode

import (
	"encoding/binary"
	"io"
	"os"
	"testing"
)

// writeSynthetic writes a pcap of about n packets made by repeating the
// packets of a real Ethernet/IPv4 capture, shifting the TCP/UDP source and
// destination ports on each repetition so every copy is a new conversation.
// It is for benchmarks: the packet mix is real, only the count is scaled.
func writeSynthetic(tb testing.TB, base string, path string, n int) {
	tb.Helper()
	src, err := Open(base)
	if err != nil {
		tb.Fatal(err)
	}
	defer src.Close()
	type pkt struct {
		ts   int64
		data []byte
	}
	var pkts []pkt
	var rec Record
	for {
		if err := src.Next(&rec); err != nil {
			if err != io.EOF {
				tb.Fatal(err)
			}
			break
		}
		pkts = append(pkts, pkt{rec.Time, append([]byte(nil), rec.Data...)})
	}
	if len(pkts) == 0 {
		tb.Fatal("no packets in", base)
	}
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	w := make([]byte, 0, 64<<20)
	hdr := make([]byte, 24)
	binary.LittleEndian.PutUint32(hdr, pcapMagicNano)
	binary.LittleEndian.PutUint16(hdr[4:], 2)
	binary.LittleEndian.PutUint16(hdr[6:], 4)
	binary.LittleEndian.PutUint32(hdr[16:], 262144)
	binary.LittleEndian.PutUint32(hdr[20:], uint32(LinkEthernet))
	w = append(w, hdr...)
	span := pkts[len(pkts)-1].ts - pkts[0].ts + 1e6
	buf := make([]byte, 0, 2048)
	for rep := 0; n > 0; rep++ {
		for _, p := range pkts {
			if n == 0 {
				break
			}
			n--
			buf = append(buf[:0], p.data...)
			shiftPorts(buf, uint16(rep))
			ts := p.ts + int64(rep)*span
			var rh [16]byte
			binary.LittleEndian.PutUint32(rh[0:], uint32(ts/1e9))
			binary.LittleEndian.PutUint32(rh[4:], uint32(ts%1e9))
			binary.LittleEndian.PutUint32(rh[8:], uint32(len(buf)))
			binary.LittleEndian.PutUint32(rh[12:], uint32(len(buf)))
			w = append(w, rh[:]...)
			w = append(w, buf...)
			if len(w) > 32<<20 {
				if _, err := f.Write(w); err != nil {
					tb.Fatal(err)
				}
				w = w[:0]
			}
		}
	}
	if _, err := f.Write(w); err != nil {
		tb.Fatal(err)
	}
}

// shiftPorts adds k to both ports of an untagged Ethernet/IPv4 TCP or UDP packet.
func shiftPorts(b []byte, k uint16) {
	if len(b) < 34 || binary.BigEndian.Uint16(b[12:]) != 0x0800 {
		return
	}
	ihl := int(b[14]&0x0f) * 4
	if b[23] != ProtoTCP && b[23] != ProtoUDP || len(b) < 14+ihl+4 {
		return
	}
	t := b[14+ihl:]
	binary.BigEndian.PutUint16(t, binary.BigEndian.Uint16(t)+k)
	binary.BigEndian.PutUint16(t[2:], binary.BigEndian.Uint16(t[2:])+k)
}
