package decode

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ladder-dev/ladder/internal/oracle"
)

// tsharkFrame is what tshark reports about one frame's framing.
type tsharkFrame struct {
	number int
	time   string // frame.time_epoch, "" when the record has none
	iface  string // frame.interface_name (if_name), "" when none
	capLen int
	length int
}

// tsharkFrames asks tshark how it frames path: one entry per frame.
func tsharkFrames(t *testing.T, path string) []tsharkFrame {
	t.Helper()
	out := oracle.Run(t, "-r", path, "-T", "fields", "-e", "frame.number", "-e", "frame.time_epoch",
		"-e", "frame.interface_name", "-e", "frame.cap_len", "-e", "frame.len")
	var frames []tsharkFrame
	for _, l := range strings.Split(strings.TrimRight(out, "\n"), "\n") {
		f := strings.Split(l, "\t")
		if len(f) != 5 {
			continue
		}
		n, _ := strconv.Atoi(f[0])
		c, _ := strconv.Atoi(f[3])
		w, _ := strconv.Atoi(f[4])
		frames = append(frames, tsharkFrame{n, f[1], f[2], c, w})
	}
	return frames
}

// epoch formats Unix nanoseconds the way tshark prints frame.time_epoch.
func epoch(ns int64) string {
	sign := ""
	if ns < 0 {
		sign, ns = "-", -ns
	}
	return fmt.Sprintf("%s%d.%09d", sign, ns/1e9, ns%1e9)
}

// knownFramingDifferences are frames where ladder deliberately reads a
// field differently from tshark 4.0, keyed "file:frame", with the reason.
var knownFramingDifferences = map[string]string{
	// The pcap seconds field is unsigned (draft-ietf-opsawg-pcap section 5);
	// tshark reads 0xab3c... as negative, and prints a sub-second field of
	// 1e9 or more as extra digits where ladder adds it as nanoseconds.
	"tcpdump__tests__timestamp_invalid_nano.pcap:2": "sub-second field of 1e9",
	"tcpdump__tests__timestamp_invalid_nano.pcap:3": "seconds field above 2^31",
}

// interfaceNameDifferences are captures whose later pcapng sections describe
// their own interfaces. Interface ids are local to a section (pcapng draft,
// section 4.2), but tshark 4.0 names a packet's interface by looking its
// section-local id up in the file's first section ("eth0" for packet 5 of
// test202, whose section describes only "silly ethernet interface 2").
var interfaceNameDifferences = map[string]string{
	"pcapng-test-generator__output_be__difficult__test202.pcapng": "interfaces of the second and third sections",
}

// compareWithTshark reads path with Source.Next and requires the same frames
// as tshark: count, timestamp, interface name, captured and wire length.
// (tshark's frame.interface_id restarts in each pcapng section while
// Record.Iface numbers interfaces across the file, so names are compared.)
func compareWithTshark(t *testing.T, path string) loaded {
	t.Helper()
	want := tsharkFrames(t, path)
	got := readAll(t, path)
	src, err := Open(path)
	if err == nil {
		var rec Record
		for src.Next(&rec) == nil {
		}
		defer src.Close()
	}
	base := filepath.Base(path)
	if len(got.records) != len(want) {
		t.Errorf("%d records (err %v), tshark %d frames", len(got.records), got.err, len(want))
	}
	for i := range min(len(got.records), len(want)) {
		r, w := got.records[i], want[i]
		if _, known := knownFramingDifferences[fmt.Sprintf("%s:%d", base, w.number)]; known {
			continue
		}
		if r.Iface == NoInterface { // custom block: tshark shows the block length
			if w.length != int(r.OrigLen) || w.time != "" {
				t.Errorf("frame %d (custom block): ladder length %d, tshark %d time %q", w.number, r.OrigLen, w.length, w.time)
			}
			continue
		}
		gotTime := epoch(r.Time)
		if r.NoTime {
			gotTime = ""
		}
		if gotTime != w.time {
			t.Errorf("frame %d: time %s, tshark %s", w.number, gotTime, w.time)
		}
		if _, known := interfaceNameDifferences[base]; !known {
			wantName := w.iface
			if wantName == "unknown" { // tshark's placeholder for an IDB without if_name
				wantName = ""
			}
			if ifs := src.Interfaces(); int(r.Iface) >= len(ifs) || Printable(ifs[r.Iface].Name) != wantName {
				t.Errorf("frame %d: interface %d of %d, tshark names it %q", w.number, r.Iface, len(src.Interfaces()), w.iface)
			}
		}
		if int(r.CapLen) != w.capLen || int(r.OrigLen) != w.length {
			t.Errorf("frame %d: caplen/len %d/%d, tshark %d/%d", w.number, r.CapLen, r.OrigLen, w.capLen, w.length)
		}
	}
	return got
}

// TestReaderFormats covers each input format with a named capture and
// compares its framing with tshark's; each case also checks the property
// that makes it that case (byte order, timestamp precision, interfaces).
func TestReaderFormats(t *testing.T) {
	oracle.Require(t)
	const corpus = "../testdata/corpus/"
	for _, c := range []struct {
		name      string
		file      string
		bigEndian bool
		precision []int // timestamp precision of each interface
	}{
		{"pcap little-endian microsecond", "zeek__testing__btest__Traces__tcp__retransmit-fast009.pcap", false, []int{6}},
		{"pcap big-endian microsecond", "tcpdump__tests__pptp.pcap", true, []int{6}},
		{"pcap little-endian nanosecond", "tcpdump__tests__tcp-handshake-nano.pcap", false, []int{9}},
		{"pcapng big-endian, three interfaces, custom blocks", "pcapng-test-generator__output_be__advanced__test102.pcapng", true, []int{6, 6, 6}},
		{"pcapng big-endian, two interfaces", "pcapng-test-generator__output_be__basic__test006.pcapng", true, []int{6, 6}},
		{"pcapng little-endian, simple packet blocks", "pcapng-test-generator__output_le__basic__test010.pcapng", false, []int{6}},
		{"pcapng little-endian, several sections", "zeek__testing__btest__Traces__ldap__gap-data-missing.pcapng", false, nil},
		{"pcapng if_tsresol 10^-9", "zeek__testing__btest__Traces__ldap__issue-32.pcapng", false, []int{9}},
		{"pcapng two interfaces, two resolutions", "zeek__testing__btest__Traces__pcapng-multi-interface.pcapng", false, []int{9, 6}},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := corpus + c.file
			b := mustRead(t, path)
			isBig := b[0] == 0xa1 || (b[0] == 0x0a && b[8] == 0x1a)
			if isBig != c.bigEndian {
				t.Fatalf("case expects big-endian=%v, the file's magic says %v", c.bigEndian, isBig)
			}
			got := compareWithTshark(t, path)
			if got.err != nil {
				t.Errorf("read error: %v", got.err)
			}
			if c.precision != nil {
				src, err := Open(path)
				if err != nil {
					t.Fatal(err)
				}
				defer src.Close()
				var rec Record
				for src.Next(&rec) == nil {
				}
				var prec []int
				for _, ifc := range src.Interfaces() {
					prec = append(prec, ifc.Precision)
				}
				if fmt.Sprint(prec) != fmt.Sprint(c.precision) {
					t.Errorf("interface precisions %v, want %v", prec, c.precision)
				}
			}
		})
	}
}

// TestReaderMatchesTsharkOnEveryCapture frames every capture in testdata the
// way tshark does.
func TestReaderMatchesTsharkOnEveryCapture(t *testing.T) {
	oracle.Require(t)
	var files []string
	for _, g := range []string{"../testdata/corpus/*", "../testdata/lab/*.pcap", "../testdata/*.pcap.gz"} {
		m, _ := filepath.Glob(g)
		files = append(files, m...)
	}
	if len(files) < 50 {
		t.Fatalf("only %d captures found", len(files))
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			t.Parallel()
			compareWithTshark(t, f)
		})
	}
}

// TestGzipMatchesPlain reads testdata/wikipedia.pcap.gz, the gzip of a
// corpus capture, and requires the same records, offsets and bytes as the
// plain file, with packet bytes readable again by offset from the spool.
func TestGzipMatchesPlain(t *testing.T) {
	plain := readAll(t, "../testdata/corpus/zeek__testing__btest__Traces__wikipedia.pcap")
	zipped := readAll(t, "../testdata/wikipedia.pcap.gz")
	if plain.err != nil || zipped.err != nil {
		t.Fatalf("errors: plain %v, gzip %v", plain.err, zipped.err)
	}
	sameRecords(t, zipped.records, plain.records)
	src, err := Open("../testdata/wikipedia.pcap.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	if !src.Gzip {
		t.Errorf("Gzip is false for a gzip file")
	}
	checkReadAt(t, src, plain.records)
}

// sameRecords requires got and want to frame the same records.
func sameRecords(t *testing.T, got, want []Record) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d records, want %d", len(got), len(want))
	}
	for i := range got {
		g, w := got[i], want[i]
		if g.Offset != w.Offset || g.DataOffset != w.DataOffset || g.Time != w.Time ||
			g.CapLen != w.CapLen || g.OrigLen != w.OrigLen || !bytes.Equal(g.Data, w.Data) {
			t.Fatalf("record %d: got %+v, want %+v", i+1, g, w)
		}
	}
}

// checkReadAt reads src to the end, then reads every record's bytes again by
// DataOffset and compares them with want.
func checkReadAt(t *testing.T, src *Source, want []Record) {
	t.Helper()
	var rec Record
	for {
		err := src.Next(&rec)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	for i, w := range want {
		buf := make([]byte, w.CapLen)
		if _, err := src.ReadAt(buf, w.DataOffset); err != nil || !bytes.Equal(buf, w.Data) {
			t.Fatalf("record %d: ReadAt(%d) = %v, bytes equal %v", i+1, w.DataOffset, err, bytes.Equal(buf, w.Data))
		}
	}
}

// TestStdin feeds captures through a pipe, as a shell does for "ladder -",
// and requires the records of the file itself, readable again from the spool.
func TestStdin(t *testing.T) {
	for _, c := range []struct{ name, file, plain string }{
		{"pcap", "../testdata/corpus/tcpdump__tests__pptp.pcap", ""},
		{"pcapng", "../testdata/corpus/zeek__testing__btest__Traces__pcapng-multi-interface.pcapng", ""},
		{"gzip", "../testdata/wikipedia.pcap.gz", "../testdata/corpus/zeek__testing__btest__Traces__wikipedia.pcap"},
	} {
		t.Run(c.name, func(t *testing.T) {
			wantFile := c.file
			if c.plain != "" {
				wantFile = c.plain
			}
			want := readAll(t, wantFile)
			pr, pw, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			data := mustRead(t, c.file)
			go func() {
				pw.Write(data)
				pw.Close()
			}()
			src, err := newSource("-", pr)
			if err != nil {
				t.Fatal(err)
			}
			defer func() {
				src.Close()
				pr.Close()
			}()
			if src.Size != 0 {
				t.Errorf("Size %d for a pipe", src.Size)
			}
			var got []Record
			for {
				var rec Record
				err := src.Next(&rec)
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				rec.Data = bytes.Clone(rec.Data)
				got = append(got, rec)
			}
			sameRecords(t, got, want.records)
			for i, w := range want.records {
				buf := make([]byte, w.CapLen)
				if _, err := src.ReadAt(buf, w.DataOffset); err != nil || !bytes.Equal(buf, w.Data) {
					t.Fatalf("record %d: spool ReadAt(%d): %v", i+1, w.DataOffset, err)
				}
			}
		})
	}
}

// BenchmarkReadRecords measures the framing pass alone (Source.Next over
// every record, no header walk) on 100 000 copies of a real 54-byte packet.
func BenchmarkReadRecords(b *testing.B) {
	pkt := mustRead(b, "../testdata/corpus/zeek__testing__btest__Traces__tcp__single-rst.pcap")[40:]
	pkts := make([][]byte, 100_000)
	for i := range pkts {
		pkts[i] = pkt
	}
	dir := b.TempDir()
	for _, c := range []struct {
		name string
		data []byte
	}{
		{"pcap", pcapFile(LinkEthernet, pkts, 0)},
		{"pcapng", pcapngFile(pkts)},
	} {
		path := writeTemp(b, dir, c.name, c.data)
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			var rec Record
			for b.Loop() {
				src, err := Open(path)
				if err != nil {
					b.Fatal(err)
				}
				n := 0
				for src.Next(&rec) == nil {
					n++
				}
				src.Close()
				if n != len(pkts) {
					b.Fatalf("%d records", n)
				}
			}
			b.ReportMetric(float64(len(pkts))*float64(b.N)/b.Elapsed().Seconds(), "records/s")
		})
	}
}
