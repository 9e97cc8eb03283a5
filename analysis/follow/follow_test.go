package follow

import (
	"bytes"
	"encoding/binary"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ladder-dev/ladder/decode"
)

// wikipedia is a real Ethernet/IPv4 capture; its frame 6 (index 5) is an
// HTTP GET of 463 payload bytes after a 66-byte Ethernet+IPv4+TCP header
// (TCP with timestamps), hand-checked with tshark -V.
const (
	wikipedia    = "../../testdata/corpus/zeek__testing__btest__Traces__wikipedia.pcap"
	getIndex     = 5
	getHeaderLen = 66
	tcpSeqOffset = 14 + 20 + 4
)

// realPacket returns a copy of packet i of file and its time.
func realPacket(t testing.TB, file string, i int) ([]byte, int64) {
	t.Helper()
	idx := load(t, file)
	b, err := idx.Data(i, nil)
	if err != nil {
		t.Fatal(err)
	}
	return append([]byte(nil), b...), idx.Packet(i).Time
}

// writeEthernetPcap writes a microsecond pcap of Ethernet frames.
func writeEthernetPcap(t testing.TB, path string, frames [][]byte, t0 int64) {
	t.Helper()
	var b bytes.Buffer
	hdr := make([]byte, 24)
	binary.LittleEndian.PutUint32(hdr, 0xa1b2c3d4)
	binary.LittleEndian.PutUint16(hdr[4:], 2)
	binary.LittleEndian.PutUint16(hdr[6:], 4)
	binary.LittleEndian.PutUint32(hdr[16:], 65535)
	binary.LittleEndian.PutUint32(hdr[20:], 1)
	b.Write(hdr)
	rec := make([]byte, 16)
	for k, f := range frames {
		ts := t0 + int64(k)*1000
		binary.LittleEndian.PutUint32(rec, uint32(ts/1e9))
		binary.LittleEndian.PutUint32(rec[4:], uint32(ts%1e9/1000))
		binary.LittleEndian.PutUint32(rec[8:], uint32(len(f)))
		binary.LittleEndian.PutUint32(rec[12:], uint32(len(f)))
		b.Write(rec)
		b.Write(f)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// hostile is terminal-attack payload: CSI clear screen, OSC 52 clipboard
// write, OSC title with BEL, 8-bit CSI (0x9b) raw and UTF-8-encoded C1
// (U+009B, U+0085), a bidi override, DEL, NUL, backspace and invalid UTF-8.
var hostile = []byte("\x1b[2J\x1b]52;c;cHduZWQ=\x07\x1b]0;title\x1b\\\x9b31m\xc2\x9b\xc2\x85\u202eevil\x7f\x00\x08\xff\xfe\r\n")

// TestASCIIIsTerminalSafe follows a stream made from a real packet whose
// payload is replaced by escape sequences and C1 controls: the ascii and
// hex renderings must hold no control byte but the line feeds the renderer
// writes itself, no C1 control and no bidi override, and must be valid UTF-8.
func TestASCIIIsTerminalSafe(t *testing.T) {
	frame, t0 := realPacket(t, wikipedia, getIndex)
	for k := getHeaderLen; k < len(frame); k++ {
		frame[k] = hostile[(k-getHeaderLen)%len(hostile)]
	}
	path := filepath.Join(t.TempDir(), "hostile.pcap")
	writeEthernetPcap(t, path, [][]byte{frame}, t0)
	idx := load(t, path)
	s, err := Build(idx, idx.Flows()[0])
	if err != nil {
		t.Fatal(err)
	}
	if s.Bytes[0] != int64(len(frame)-getHeaderLen) {
		t.Fatalf("followed %d bytes, the packet carries %d", s.Bytes[0], len(frame)-getHeaderLen)
	}
	name := func(n uint8) string { return "node" }
	for _, tc := range []struct {
		name   string
		format Format
	}{{"ascii", FormatASCII}, {"hex", FormatHex}} {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			if err := s.WriteText(&out, NewReader(idx), tc.format, name); err != nil {
				t.Fatal(err)
			}
			text := out.String()
			if !utf8.ValidString(text) {
				t.Fatal("output is not valid UTF-8")
			}
			for _, r := range text {
				if (r < 0x20 && r != '\n') || r == 0x7f || (r >= 0x80 && r < 0xa0) || (r >= 0x202a && r <= 0x202e) {
					t.Fatalf("output holds control character %U", r)
				}
			}
			if tc.format == FormatASCII && !strings.Contains(text, `\x1b[2J\x1b]52;c;cHduZWQ=\x07`) {
				t.Errorf("escapes not shown as expected:\n%s", text)
			}
		})
	}
	var raw bytes.Buffer
	if err := s.WriteRaw(&raw, NewReader(idx)); err != nil || !bytes.Equal(raw.Bytes(), frame[getHeaderLen:]) {
		t.Errorf("raw output differs from the packet's payload (err %v)", err)
	}
}

// TestEscapes checks the escaping of single runes against the forms the
// package documents.
func TestEscapes(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{"printable", "GET / HTTP/1.1", "GET / HTTP/1.1"},
		{"crlf", "\r\n", `\r\n`},
		{"backslash", `a\b`, `a\\b`},
		{"esc", "\x1b", `\x1b`},
		{"del", "\x7f", `\x7f`},
		{"invalid", "\xff", `\xff`},
		{"c1 encoded", "\u0085", `\u0085`},
		{"bidi", "\u202e", `\u202e`},
		{"utf8 kept", "héllo ✓", "héllo ✓"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []byte
			b := []byte(tc.in)
			for len(b) > 0 {
				r, n := utf8.DecodeRune(b)
				got = appendEscaped(got, r, n, b[0])
				b = b[n:]
			}
			if string(got) != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestPendingBound feeds more out-of-order segments than MaxPending behind
// a hole nobody acknowledges: the oldest gap is closed with a marker, the
// stream says so, and every byte is still written once, in order.
func TestPendingBound(t *testing.T) {
	s := &Stream{}
	ra := reassembler{s: s}
	ra.segment(0, 0, 0, 0, decode.FlagSYN, 0, 0) // next expected: 1
	// Segment [1,11) is lost; segments 11.. arrive, each 10 bytes.
	for k := range MaxPending + 1 {
		ra.segment(int32(k+1), 0, uint32(11+10*k), 0, decode.FlagACK, 10, 10)
	}
	if !s.Limited {
		t.Fatal("Limited not set")
	}
	if len(s.Chunks) == 0 || s.Chunks[0].Kind != Gap || s.Chunks[0].Missing != 10 {
		t.Fatalf("first chunk %+v, want a 10-byte gap", s.Chunks[0])
	}
	next := uint32(11)
	for _, c := range s.Chunks[1:] {
		if c.Kind != Data || c.Seq != next {
			t.Fatalf("chunk %+v out of order, want seq %d", c, next)
		}
		next += c.Len
	}
	if len(ra.pending[0]) != 1 {
		t.Errorf("%d segments still pending, want 1 (the last)", len(ra.pending[0]))
	}
}

// TestFind searches the wikipedia HTTP exchange (tcp.stream 0: the GET in
// frame 6, the 304 reply in frame 7, as tshark -z follow shows them).
func TestFind(t *testing.T) {
	idx := load(t, wikipedia)
	var s *Stream
	for _, f := range idx.Flows() {
		if f.Proto == decode.ProtoTCPPacket && f.Stream == 0 {
			var err error
			if s, err = Build(idx, f); err != nil {
				t.Fatal(err)
			}
		}
	}
	r := NewReader(idx)
	for _, tc := range []struct {
		name, needle string
		from         int
		frame        int // 0: no match
	}{
		{"request", "Host: www.wikipedia.org\r\n", 0, 6},
		{"reply", "304 Not Modified", 0, 7},
		{"after the request", "HTTP/1.", 1, 7},
		{"absent", "no such text", 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			k, err := s.Find(r, []byte(tc.needle), tc.from)
			if err != nil {
				t.Fatal(err)
			}
			got := 0
			if k >= 0 {
				got = int(s.Chunks[k].Packet) + 1
			}
			if got != tc.frame {
				t.Errorf("found in frame %d, want %d", got, tc.frame)
			}
		})
	}
}

// BenchmarkBuildLargeFlow follows one TCP flow of 100,000 real-sized
// segments (the wikipedia GET packet repeated with advancing sequence
// numbers, every 50th pair swapped to arrive out of order) and writes it
// raw.
func BenchmarkBuildLargeFlow(b *testing.B) {
	frame, t0 := realPacket(b, wikipedia, getIndex)
	const n = 100_000
	seq0 := binary.BigEndian.Uint32(frame[tcpSeqOffset:])
	payload := uint32(len(frame) - getHeaderLen)
	frames := make([][]byte, n)
	for k := range n {
		f := append([]byte(nil), frame...)
		binary.BigEndian.PutUint32(f[tcpSeqOffset:], seq0+uint32(k)*payload)
		frames[k] = f
	}
	for k := 10; k+1 < n; k += 50 {
		frames[k], frames[k+1] = frames[k+1], frames[k]
	}
	path := filepath.Join(b.TempDir(), "large.pcap")
	writeEthernetPcap(b, path, frames, t0)
	idx := load(b, path)
	f := idx.Flows()[0]
	for _, bc := range []struct {
		name string
		raw  bool
	}{{"build", false}, {"build+raw", true}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				s, err := Build(idx, f)
				if err != nil {
					b.Fatal(err)
				}
				if !bc.raw {
					continue
				}
				if err := s.WriteRaw(io.Discard, NewReader(idx)); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "segments/s")
		})
	}
}
