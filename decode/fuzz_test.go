package decode

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Fuzz targets for everything that reads bytes from a capture. Each checks
// properties that hold for any input rather than a fixed answer: no panic,
// records that point inside the input and carry its bytes, and damage
// reported once, as a one-line *FormatError that numbers the first packet it
// could not read. Seeds are the small captures of testdata plus the hostile
// files of testdata/damaged (including the hand-crafted hostile__* files of
// tools/hostile); inputs that once found a bug are kept under
// testdata/fuzz/FuzzX/ and replayed by every plain `go test`.

// seedCaptures adds every capture in the given testdata globs smaller than
// limit bytes to the fuzz corpus, passing each through add.
func seedCaptures(f *testing.F, limit int64, add func(b []byte), globs ...string) {
	f.Helper()
	for _, g := range globs {
		files, err := filepath.Glob(g)
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range files {
			if st, err := os.Stat(file); err != nil || !st.Mode().IsRegular() || st.Size() > limit {
				continue
			}
			add(mustRead(f, file))
		}
	}
}

// readStream reads every record of data with the reader open returns.
func readStream(data []byte, open func(*stream) (recordReader, error)) loaded {
	rd, err := open(newStream(bytes.NewReader(data)))
	if err != nil {
		return loaded{err: err}
	}
	var out loaded
	for {
		var rec Record
		err := rd.next(&rec)
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			out.err = err
			return out
		}
		rec.Data = bytes.Clone(rec.Data)
		out.records = append(out.records, rec)
	}
}

// checkRecords asserts the properties every read of data must have, whatever
// data holds: records in file order, inside the input, carrying exactly the
// input's bytes at DataOffset, no record above MaxCaptureLength, and an error
// (if any) that is one line and numbers the packet after the last one read.
func checkRecords(t *testing.T, data []byte, l loaded) {
	t.Helper()
	prevEnd := int64(0)
	for i, r := range l.records {
		if r.Offset < prevEnd || r.DataOffset < r.Offset {
			t.Fatalf("record %d: offset %d, data offset %d, previous record ended at %d", i+1, r.Offset, r.DataOffset, prevEnd)
		}
		if r.CapLen > MaxCaptureLength || int(r.CapLen) != len(r.Data) {
			t.Fatalf("record %d: CapLen %d with %d data bytes", i+1, r.CapLen, len(r.Data))
		}
		end := r.DataOffset + int64(r.CapLen)
		if end > int64(len(data)) {
			t.Fatalf("record %d: data [%d,%d) beyond the %d-byte input", i+1, r.DataOffset, end, len(data))
		}
		if r.Iface != NoInterface && !bytes.Equal(r.Data, data[r.DataOffset:end]) {
			t.Fatalf("record %d: data differs from the input bytes at offset %d", i+1, r.DataOffset)
		}
		prevEnd = end
	}
	if l.err == nil {
		return
	}
	msg := l.err.Error()
	if strings.ContainsAny(msg, "\n\r") {
		t.Fatalf("error is not one line: %q", msg)
	}
	var fe *FormatError
	if !errors.As(l.err, &fe) {
		if !errors.Is(l.err, ErrNotCapture) || len(l.records) > 0 {
			t.Fatalf("error %v (%T) is neither a FormatError nor ErrNotCapture at the start", l.err, l.err)
		}
		return
	}
	if fe.Packet != len(l.records)+1 {
		t.Fatalf("error names packet %d after %d packets were read: %v", fe.Packet, len(l.records), fe)
	}
	if fe.Offset < 0 || fe.Offset > int64(len(data)) || fe.Offset < prevEnd {
		t.Fatalf("error offset %d outside [%d,%d]: %v", fe.Offset, prevEnd, len(data), fe)
	}
}

func openPcap(s *stream) (recordReader, error)   { return newPcapReader(s, "fuzz") }
func openPcapng(s *stream) (recordReader, error) { return newPcapngReader(s, "fuzz") }

// FuzzPcap fuzzes the classic pcap framer: file header, record headers with
// arbitrary lengths, both byte orders, micro- and nanosecond magic.
func FuzzPcap(f *testing.F) {
	seedCaptures(f, 4096, func(b []byte) {
		if len(b) >= 4 && binary.LittleEndian.Uint32(b) != blockSHB {
			f.Add(b)
		}
	}, "../testdata/corpus/*.pcap", "../testdata/damaged/*.pcap", "../testdata/lab/*.pcap")
	f.Fuzz(func(t *testing.T, data []byte) {
		checkRecords(t, data, readStream(data, openPcap))
	})
}

// FuzzPcapng fuzzes the pcapng framer: block lengths, section byte orders,
// interface options (if_tsresol, if_tsoffset), interface statistics
// (isb_ifdrop, isb_osdrop), several interfaces, and packet blocks of
// every kind.
func FuzzPcapng(f *testing.F) {
	seedCaptures(f, 4096, func(b []byte) {
		if len(b) >= 4 && binary.LittleEndian.Uint32(b) == blockSHB {
			f.Add(b)
		}
	}, "../testdata/corpus/*.pcapng", "../testdata/damaged/*.pcapng", "../testdata/twoside/*.pcapng")
	f.Fuzz(func(t *testing.T, data []byte) {
		checkRecords(t, data, readStream(data, openPcapng))
	})
}

// FuzzGzip checks transparent decompression against the plain reader: a
// capture read through gzip (cut after cut compressed bytes, 0 meaning not
// cut) yields the same records as the same capture uncompressed, and a cut
// stream yields a prefix of them followed by an error.
func FuzzGzip(f *testing.F) {
	seedCaptures(f, 2048, func(b []byte) { f.Add(b, uint16(0)) },
		"../testdata/corpus/*.pcap", "../testdata/corpus/*.pcapng")
	f.Add(mustRead(f, "../testdata/corpus/tcpdump__tests__pptp.pcap"), uint16(700))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte, cut uint16) {
		var z bytes.Buffer
		zw := gzip.NewWriter(&z)
		zw.Write(data)
		zw.Close()
		comp := z.Bytes()
		if cut > 0 {
			comp = comp[:int(cut)%len(comp)]
		}
		plain := readAll(t, writeTemp(t, dir, "plain", data))
		zipped := readAll(t, writeTemp(t, dir, "zipped", comp))
		if len(zipped.records) > len(plain.records) {
			t.Fatalf("gzip read %d records, plain %d", len(zipped.records), len(plain.records))
		}
		for i, r := range zipped.records {
			p := plain.records[i]
			if r.Offset != p.Offset || r.Time != p.Time || r.OrigLen != p.OrigLen || !bytes.Equal(r.Data, p.Data) {
				t.Fatalf("record %d differs: gzip %+v, plain %+v", i+1, r, p)
			}
		}
		if cut == 0 {
			if len(zipped.records) != len(plain.records) || (zipped.err == nil) != (plain.err == nil) {
				t.Fatalf("gzip: %d records, err %v; plain: %d records, err %v", len(zipped.records), zipped.err, len(plain.records), plain.err)
			}
		}
		if zipped.err != nil && strings.ContainsAny(zipped.err.Error(), "\n\r") {
			t.Fatalf("error is not one line: %q", zipped.err)
		}
	})
}

// FuzzHeaders fuzzes the header walk and the list row built from it on any
// link type: the bytes become the two packets of a pcap file with that link
// type (twice, so flows and echo matching see a second packet), which is
// indexed and listed.
func FuzzHeaders(f *testing.F) {
	for _, c := range []struct {
		file string
		link uint16
	}{
		{"../testdata/corpus/zeek__testing__btest__Traces__tcp__single-rst.pcap", LinkEthernet},
		{"../testdata/corpus/tcpdump__tests__LINKTYPE_RAW_ipv6.pcap", LinkRaw},
		{"../testdata/corpus/tcpdump__tests__nflog.pcap", LinkNFLog},
		{"../testdata/corpus/zeek__testing__btest__Traces__linux_dlt_sll2.pcap", LinkSLL2},
		{"../testdata/corpus/tcpdump__tests__802.1ad_QinQ.pcap", LinkEthernet},
		{"../testdata/corpus/zeek__testing__btest__Traces__redis__almost-resp.pcap", LinkNull},
		{"../testdata/corpus/tcpdump__tests__tcp_header_heapoverflow.pcap", LinkEthernet},
		{"../testdata/app/lab__pflog-crafted.pcap", LinkPFLog},
		{"../testdata/app/lab__enc-crafted.pcap", LinkENC},
		{"../testdata/app/lab__chdlc-crafted.pcap", LinkCHDLC},
		{"../testdata/app/lab__ipnet-crafted.pcap", LinkIPNET},
		{"../testdata/app/lab__gtp-crafted.pcap", LinkEthernet},
		{"../testdata/app/lab__frelay-crafted.pcap", LinkFRelay},
		{"../testdata/app/lab__atm-rfc1483-crafted.pcap", LinkATMRFC1483},
		{"../testdata/app/lab__prism-crafted.pcap", LinkPrism},
		{"../testdata/app/lab__avs-crafted.pcap", LinkAVS},
	} {
		frames, _ := walkFrames(mustRead(f, c.file))
		b := mustRead(f, c.file)
		for _, fr := range frames[:min(len(frames), 3)] {
			f.Add(c.link, b[fr.start+16:fr.end], uint32(fr.end-fr.start-16))
		}
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, link uint16, data []byte, origLen uint32) {
		if len(data) > 1<<16 {
			return
		}
		var h Headers
		h.Parse(link, data, origLen)
		for _, s := range [][]byte{h.EthSrc, h.EthDst, h.Src, h.Dst, h.TCPOptions, h.Payload, h.ICMPBody} {
			if len(s) > len(data) {
				t.Fatalf("header view of %d bytes from a %d-byte packet", len(s), len(data))
			}
		}
		file := pcapFile(link, [][]byte{data, data}, origLen)
		x := loadFile(t, writeTemp(t, dir, "h.pcap", file))
		if x.Len() != 2 || x.Err() != nil {
			t.Fatalf("two well-framed packets gave %d packets, err %v", x.Len(), x.Err())
		}
		checkRows(t, x)
		// the link headers' details trees (details.go, link_*.go) stay
		// inside the packet
		if tree, _, err := x.Details(0, nil); err == nil {
			checkTree(t, tree, len(data))
		}
	})
}

// FuzzLoad fuzzes the whole path the CLI takes: open (gzip detection,
// format detection), index, flows, and a list row for every packet.
func FuzzLoad(f *testing.F) {
	seedCaptures(f, 4096, func(b []byte) { f.Add(b) },
		"../testdata/corpus/*", "../testdata/damaged/*", "../testdata/lab/*.pcap")
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		path := writeTemp(t, dir, "in", data)
		src, err := Open(path)
		if err != nil {
			if strings.ContainsAny(err.Error(), "\n\r") {
				t.Fatalf("open error is not one line: %q", err)
			}
			return
		}
		x := Load(src)
		defer src.Close()
		if err := x.Err(); err != nil {
			var fe *FormatError
			if !errors.As(err, &fe) || fe.Packet != x.Len()+1 {
				t.Fatalf("after %d packets: %v", x.Len(), err)
			}
		}
		checkRows(t, x)
	})
}

// checkRows builds the list row of every packet and checks what any row must
// satisfy: its frame number and length, and the flow it names.
func checkRows(t *testing.T, x *Index) {
	t.Helper()
	var buf []byte
	var row Row
	flows := x.Flows()
	for i := range x.Len() {
		p := x.Packet(i)
		row, buf = x.Row(i, "", buf)
		if row.Frame != i+1 || row.Length != int(p.OrigLen) {
			t.Fatalf("packet %d: row %+v for OrigLen %d", i+1, row, p.OrigLen)
		}
		if p.Flow >= 0 {
			if int(p.Flow) >= len(flows) || row.Stream != flows[p.Flow].Stream {
				t.Fatalf("packet %d: flow %d, row stream %d", i+1, p.Flow, row.Stream)
			}
		}
	}
}

// loadFile opens and indexes path, failing the test if it cannot be opened.
func loadFile(t testing.TB, path string) *Index {
	t.Helper()
	src, err := Open(path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	t.Cleanup(func() { src.Close() })
	return Load(src)
}
