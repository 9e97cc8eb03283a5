package follow

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/ladder-dev/ladder/decode"
)

// GapText is what Wireshark writes in place of missing bytes.
func GapText(c Chunk) string {
	return "[" + strconv.Itoa(int(c.Missing)) + " bytes missing in capture file]"
}

// WriteRaw writes the stream's bytes exactly as tshark -z follow,tcp,raw
// (and follow,udp,raw) prints them once its hex is decoded: every chunk's
// payload in order, both directions interleaved, and in place of each gap
// Wireshark's marker text followed by a NUL byte.
func (s *Stream) WriteRaw(w io.Writer, r *Reader) error {
	for _, c := range s.Chunks {
		var b []byte
		if c.Kind == Gap {
			b = append([]byte(GapText(c)), 0)
		} else {
			var err error
			if b, err = r.Bytes(c); err != nil {
				return err
			}
		}
		if _, err := w.Write(b); err != nil {
			return err
		}
	}
	return nil
}

// LineKind says what a rendered line shows.
type LineKind uint8

const (
	LineHeader  LineKind = iota // a chunk's header: frame, direction, length
	LineContent                 // payload text or hex
	LineGap                     // a missing-bytes marker
)

// Line is one rendered line of a followed stream. Text never contains a
// control character, so it is safe to write to a terminal.
type Line struct {
	Text  string
	Kind  LineKind
	Dir   uint8 // sending node
	Chunk int   // index into Stream.Chunks
}

// Namer names the nodes in chunk headers ("10.0.0.1:80").
type Namer func(node uint8) string

// header is the line that introduces chunk k.
func (s *Stream) header(k int, name Namer) Line {
	c := s.Chunks[k]
	if c.Kind == Gap {
		return Line{Text: fmt.Sprintf("!!! %s (%s → %s, noticed at frame %d)", GapText(c), name(c.Dir), name(c.Dir^1), c.Packet+1), Kind: LineGap, Dir: c.Dir, Chunk: k}
	}
	arrow := ">>>"
	if c.Dir == 1 {
		arrow = "<<<"
	}
	return Line{Text: fmt.Sprintf("%s frame %d, %s → %s, %d bytes", arrow, c.Packet+1, name(c.Dir), name(c.Dir^1), c.Len), Kind: LineHeader, Dir: c.Dir, Chunk: k}
}

// TextLines renders chunk k as a header line and its payload as text:
// printable UTF-8 is kept, every control byte, C1 control, bidirectional
// override, backslash and invalid byte is escaped (\n, \r, \t, \\, \xNN,
// \uNNNN), and a line break follows each escaped \n. Lines are appended to
// dst.
func (s *Stream) TextLines(r *Reader, k int, name Namer, dst []Line) ([]Line, error) {
	dst = append(dst, s.header(k, name))
	c := s.Chunks[k]
	if c.Kind == Gap {
		return dst, nil
	}
	b, err := r.Bytes(c)
	if err != nil {
		return dst, err
	}
	var line []byte
	for len(b) > 0 {
		ru, n := utf8.DecodeRune(b)
		line = appendEscaped(line, ru, n, b[0])
		b = b[n:]
		if ru == '\n' && n == 1 {
			dst = append(dst, Line{Text: string(line), Kind: LineContent, Dir: c.Dir, Chunk: k})
			line = line[:0]
		}
	}
	if len(line) > 0 {
		dst = append(dst, Line{Text: string(line), Kind: LineContent, Dir: c.Dir, Chunk: k})
	}
	return dst, nil
}

const hexDigits = "0123456789abcdef"

// appendEscaped appends one decoded rune (n bytes, first byte b0) in its
// terminal-safe form.
func appendEscaped(dst []byte, ru rune, n int, b0 byte) []byte {
	switch {
	case ru == utf8.RuneError && n == 1:
		return append(dst, '\\', 'x', hexDigits[b0>>4], hexDigits[b0&15])
	case ru == '\n':
		return append(dst, '\\', 'n')
	case ru == '\r':
		return append(dst, '\\', 'r')
	case ru == '\t':
		return append(dst, '\\', 't')
	case ru == '\\':
		return append(dst, '\\', '\\')
	case ru < 0x20 || ru == 0x7f:
		return append(dst, '\\', 'x', hexDigits[ru>>4], hexDigits[ru&15])
	case ru >= 0x80 && ru < 0xa0, ru == 0x2028, ru == 0x2029,
		ru >= 0x202a && ru <= 0x202e, ru >= 0x2066 && ru <= 0x2069:
		// C1 controls, line separators and bidi overrides.
		dst = append(dst, '\\', 'u')
		for sh := 12; sh >= 0; sh -= 4 {
			dst = append(dst, hexDigits[(ru>>sh)&15])
		}
		return dst
	}
	return utf8.AppendRune(dst, ru)
}

// HexLines renders chunk k as a header line and a hex dump, 16 bytes a
// line: offset (counted per direction from base, the bytes that direction
// sent before this chunk), hex, and the bytes with every non-printable
// ASCII byte shown as a dot.
func (s *Stream) HexLines(r *Reader, k int, base int64, name Namer, dst []Line) ([]Line, error) {
	dst = append(dst, s.header(k, name))
	c := s.Chunks[k]
	if c.Kind == Gap {
		return dst, nil
	}
	b, err := r.Bytes(c)
	if err != nil {
		return dst, err
	}
	for off := 0; off < len(b); off += 16 {
		row := b[off:min(off+16, len(b))]
		line := make([]byte, 0, 80)
		o := base + int64(off)
		for sh := 28; sh >= 0; sh -= 4 {
			line = append(line, hexDigits[(o>>sh)&15])
		}
		line = append(line, ' ', ' ')
		for j := range 16 {
			if j == 8 {
				line = append(line, ' ')
			}
			if j < len(row) {
				line = append(line, hexDigits[row[j]>>4], hexDigits[row[j]&15], ' ')
			} else {
				line = append(line, ' ', ' ', ' ')
			}
		}
		line = append(line, ' ')
		for _, x := range row {
			if x < 0x20 || x > 0x7e {
				x = '.'
			}
			line = append(line, x)
		}
		dst = append(dst, Line{Text: string(line), Kind: LineContent, Dir: c.Dir, Chunk: k})
	}
	return dst, nil
}

// Format selects a text rendering.
type Format uint8

const (
	FormatASCII Format = iota
	FormatHex
)

// WriteText writes the whole stream in the given format: a title, the
// nodes, then every chunk. Node 1's lines are indented by four spaces so
// the two directions stand apart without colour.
func (s *Stream) WriteText(w io.Writer, r *Reader, f Format, name Namer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "Follow %s stream %d: node 0 sent %d bytes, node 1 sent %d bytes\n", s.protoName(), s.Stream, s.Bytes[0], s.Bytes[1])
	fmt.Fprintf(bw, "Node 0: %s\nNode 1: %s\n", name(0), name(1))
	if s.Limited {
		fmt.Fprintf(bw, "(more than %d out-of-order segments waited at once: some gaps were closed before their data could arrive)\n", MaxPending)
	}
	var lines []Line
	var sent [2]int64
	for k, c := range s.Chunks {
		var err error
		lines = lines[:0]
		if f == FormatHex {
			lines, err = s.HexLines(r, k, sent[c.Dir&1], name, lines)
		} else {
			lines, err = s.TextLines(r, k, name, lines)
		}
		if err != nil {
			bw.Flush()
			return err
		}
		if c.Kind == Data {
			sent[c.Dir&1] += int64(c.Len)
		}
		for _, l := range lines {
			if l.Dir == 1 && l.Kind == LineContent {
				bw.WriteString("    ")
			}
			bw.WriteString(l.Text)
			bw.WriteByte('\n')
		}
	}
	return bw.Flush()
}

func (s *Stream) protoName() string {
	if s.Proto == decode.ProtoUDPPacket {
		return "udp"
	}
	return "tcp"
}
