package stats

import (
	"bufio"
	"encoding/binary"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/ladder-dev/ladder/decode"
)

// benchBase is a real Ethernet/IPv4 capture of several TCP connections
// with loss and retransmissions (zeek-tcprs composite trace).
const benchBase = "../../testdata/corpus/zeek-tcprs__testing__btest__Traces__tcp__composite__comp008.trace"

// benchSnap keeps every header the index reads while keeping the
// synthetic file small.
const benchSnap = 96

// millionIndex indexes a capture of 1M packets made by repeating
// benchBase's packets, shifting both TCP/UDP ports on every repetition so
// each copy is a new conversation, and advancing time.
func millionIndex(b *testing.B) *decode.Index {
	b.Helper()
	src, err := decode.Open(benchBase)
	if err != nil {
		b.Fatal(err)
	}
	type pkt struct {
		ts   int64
		data []byte
		orig uint32
	}
	var pkts []pkt
	var rec decode.Record
	for {
		if err := src.Next(&rec); err != nil {
			if !errors.Is(err, io.EOF) {
				b.Fatal(err)
			}
			break
		}
		pkts = append(pkts, pkt{rec.Time, append([]byte(nil), rec.Data[:min(len(rec.Data), benchSnap)]...), rec.OrigLen})
	}
	src.Close()
	path := filepath.Join(b.TempDir(), "million.pcap")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	hdr := make([]byte, 24)
	binary.LittleEndian.PutUint32(hdr, 0xa1b23c4d)
	binary.LittleEndian.PutUint16(hdr[4:], 2)
	binary.LittleEndian.PutUint16(hdr[6:], 4)
	binary.LittleEndian.PutUint32(hdr[16:], benchSnap)
	binary.LittleEndian.PutUint32(hdr[20:], uint32(decode.LinkEthernet))
	w.Write(hdr)
	span := pkts[len(pkts)-1].ts - pkts[0].ts + 1e6
	rh := make([]byte, 16)
	buf := make([]byte, benchSnap)
	for n, rep := 0, 0; n < 1_000_000; rep++ {
		for _, p := range pkts {
			if n == 1_000_000 {
				break
			}
			n++
			d := buf[:len(p.data)]
			copy(d, p.data)
			if len(d) > 14+20+4 && d[12] == 8 && d[13] == 0 {
				l4 := 14 + int(d[14]&15)*4
				if l4+4 <= len(d) {
					binary.BigEndian.PutUint16(d[l4:], binary.BigEndian.Uint16(d[l4:])+uint16(rep))
					binary.BigEndian.PutUint16(d[l4+2:], binary.BigEndian.Uint16(d[l4+2:])+uint16(rep))
				}
			}
			ts := p.ts + int64(rep)*span
			binary.LittleEndian.PutUint32(rh, uint32(ts/1e9))
			binary.LittleEndian.PutUint32(rh[4:], uint32(ts%1e9))
			binary.LittleEndian.PutUint32(rh[8:], uint32(len(d)))
			binary.LittleEndian.PutUint32(rh[12:], p.orig)
			w.Write(rh)
			w.Write(d)
		}
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	f.Close()
	big, err := decode.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { big.Close() })
	return decode.Load(big)
}

// BenchmarkStats measures each statistic over the 1M-packet index.
func BenchmarkStats(b *testing.B) {
	idx := millionIndex(b)
	for _, bc := range []struct {
		name string
		run  func()
	}{
		{"conversations", func() { Conversations(idx, decode.ProtoTCPPacket) }},
		{"endpoints", func() { Endpoints(idx, decode.AddrIPv4) }},
		{"hierarchy", func() { Hierarchy(idx) }},
		{"io", func() { IO(idx, 1e9, nil) }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				bc.run()
			}
			b.ReportMetric(float64(idx.Len())*float64(b.N)/b.Elapsed().Seconds(), "packets/s")
		})
	}
}
