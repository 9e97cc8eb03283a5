package decode

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// ExportFormat is the file format Export writes.
type ExportFormat uint8

const (
	// ExportPcapng keeps every interface used, with its link type, name,
	// snapshot length and timestamp resolution.
	ExportPcapng ExportFormat = iota
	// ExportPcap holds one link type; it is microsecond pcap unless a
	// selected packet's interface has a finer resolution (then nanosecond).
	ExportPcap
)

// Export writes the packets for which keep(i) is true (in capture order)
// to path and returns how many it wrote. Packet bytes are copied from the
// source by offset, so they are exactly what was captured; timestamps and
// original lengths are kept, and in pcapng so are the capture comments of
// the first section and each packet's comments (pcap has no place for
// them). It writes a temporary file in path's
// directory and renames it into place only when everything was written,
// so a failure (a full disk) leaves no partial file. It refuses to write
// over the capture being read. Custom pcapng blocks are not packets and
// are never exported. The index must have finished loading.
func (x *Index) Export(path string, format ExportFormat, keep func(i int) bool) (int, error) {
	return x.export(path, format, keep, nil)
}

// export is Export with an optional wrapper around the temporary file's
// writer, through which tests make writing fail as a full disk would.
func (x *Index) export(path string, format ExportFormat, keep func(i int) bool, wrap func(io.Writer) io.Writer) (n int, err error) {
	w, err := newExportWriter(x, format, keep)
	if err != nil {
		return 0, err
	}
	err = x.writeFile(path, wrap, func(dst io.Writer) error {
		n, err = w.write(dst)
		return err
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

// WriteFile writes what fill produces to path the safe way: into a
// temporary file in path's directory, renamed into place only when
// everything was written, so a failure (a full disk) leaves no partial file
// and an existing path is untouched. It refuses to write over the capture
// being read, under any name (symlink, hard link).
func (x *Index) WriteFile(path string, fill func(w io.Writer) error) error {
	return x.writeFile(path, nil, fill)
}

func (x *Index) writeFile(path string, wrap func(io.Writer) io.Writer, fill func(w io.Writer) error) (err error) {
	if err := x.refuseInput(path); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".ladder-*.tmp")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	var dst io.Writer = tmp
	if wrap != nil {
		dst = wrap(dst)
	}
	bw := bufio.NewWriterSize(dst, 256<<10)
	if err = fill(bw); err != nil {
		return fmt.Errorf("write %s: %w (nothing was written)", path, err)
	}
	if err = bw.Flush(); err == nil {
		err = tmp.Chmod(0o644)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return fmt.Errorf("write %s: %w (nothing was written)", path, err)
	}
	return nil
}

// ErrOverwriteInput is returned when an export would replace its own input.
var ErrOverwriteInput = errors.New("refusing to overwrite the capture being read")

// CheckExportTarget reports (ErrOverwriteInput, wrapped) whether an export
// to path would be refused for replacing the capture being read, so that a
// caller can say so before asking whether to overwrite an existing file.
func (x *Index) CheckExportTarget(path string) error { return x.refuseInput(path) }

func (x *Index) refuseInput(path string) error {
	if x.src == nil || x.src.in == nil || x.src.in == os.Stdin {
		return nil
	}
	out, err := os.Stat(path)
	if err != nil {
		return nil // does not exist yet
	}
	in, err := x.src.in.Stat()
	if err == nil && os.SameFile(in, out) {
		return fmt.Errorf("write %s: %w", path, ErrOverwriteInput)
	}
	return nil
}

// exportWriter writes the selected packets in one format.
type exportWriter struct {
	x      *Index
	format ExportFormat
	keep   func(i int) bool
	ifaces []Interface
	newID  []int32 // source interface -> exported interface (pcapng), -1 unused
	used   []uint16
	nano   bool // pcap: nanosecond timestamps
	link   uint16
	snap   uint32
}

func newExportWriter(x *Index, format ExportFormat, keep func(int) bool) (*exportWriter, error) {
	x.mu.RLock()
	ifaces := append([]Interface(nil), x.ifaces...)
	x.mu.RUnlock()
	w := &exportWriter{x: x, format: format, keep: keep, ifaces: ifaces, newID: make([]int32, len(ifaces))}
	for k := range w.newID {
		w.newID[k] = -1
	}
	var maxCap uint32
	for i := x.First(); i < x.Len(); i++ { // a live ring's window
		p := x.Packet(i)
		if p.Iface == NoInterface || int(p.Iface) >= len(ifaces) || !keep(i) {
			continue
		}
		maxCap = max(maxCap, p.CapLen)
		if w.newID[p.Iface] < 0 {
			w.newID[p.Iface] = int32(len(w.used))
			w.used = append(w.used, p.Iface)
		}
	}
	if format == ExportPcap && len(w.used) > 0 {
		first := ifaces[w.used[0]]
		w.link, w.snap = first.LinkType, first.SnapLen
		for _, id := range w.used {
			if ifaces[id].LinkType != w.link {
				return nil, fmt.Errorf("the selected packets have link types %d and %d; pcap holds one, use pcapng", w.link, ifaces[id].LinkType)
			}
			w.nano = w.nano || ifaces[id].Precision > 6
			w.snap = max(w.snap, ifaces[id].SnapLen)
		}
	}
	if w.snap == 0 || w.snap < maxCap {
		w.snap = max(maxCap, 262144)
	}
	return w, nil
}

func (w *exportWriter) write(out io.Writer) (int, error) {
	var err error
	if w.format == ExportPcap {
		err = w.pcapHeader(out)
	} else {
		err = w.pcapngHeader(out)
	}
	if err != nil {
		return 0, err
	}
	var buf, rec []byte
	var scratch [8]byte
	n := 0
	for i := w.x.First(); i < w.x.Len(); i++ {
		p := w.x.Packet(i)
		if p.Iface == NoInterface || int(p.Iface) >= len(w.ifaces) || !w.keep(i) {
			continue
		}
		if buf, err = w.x.Data(i, buf); err != nil {
			return n, fmt.Errorf("reading frame %d: %w", i+1, err)
		}
		if w.format == ExportPcap {
			rec = w.pcapRecord(rec[:0], p, buf)
		} else {
			rec = w.pcapngRecord(rec[:0], p, buf, w.x.packetComments(p, scratch[:]))
		}
		if _, err = out.Write(rec); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

func (w *exportWriter) pcapHeader(out io.Writer) error {
	h := make([]byte, 24)
	magic := uint32(pcapMagicMicro)
	if w.nano {
		magic = pcapMagicNano
	}
	le := binary.LittleEndian
	le.PutUint32(h, magic)
	le.PutUint16(h[4:], 2)
	le.PutUint16(h[6:], 4)
	le.PutUint32(h[16:], w.snap)
	le.PutUint32(h[20:], uint32(w.link))
	_, err := out.Write(h)
	return err
}

func (w *exportWriter) pcapRecord(rec []byte, p *Packet, data []byte) []byte {
	le := binary.LittleEndian
	sec, frac := splitTime(p.Time, 9)
	if !w.nano {
		frac /= 1000
	}
	rec = le.AppendUint32(rec, uint32(sec))
	rec = le.AppendUint32(rec, uint32(frac))
	rec = le.AppendUint32(rec, uint32(len(data)))
	rec = le.AppendUint32(rec, p.OrigLen)
	return append(rec, data...)
}

// splitTime splits Unix nanoseconds into seconds and units of 10^-digits s.
func splitTime(ns int64, digits int) (int64, int64) {
	sec, rem := ns/1e9, ns%1e9
	if rem < 0 {
		sec, rem = sec-1, rem+1e9
	}
	return sec, rem / int64(pow10(9-digits))
}

// pcapng option codes written.
const (
	optEnd       = 0
	optShbAppl   = 4
	optIfName    = 2
	optIfTsresol = 9
)

func (w *exportWriter) pcapngHeader(out io.Writer) error {
	le := binary.LittleEndian
	var body []byte
	body = le.AppendUint32(body, byteOrderMagic)
	body = le.AppendUint16(body, 1)
	body = le.AppendUint16(body, 0)
	body = le.AppendUint64(body, ^uint64(0)) // section length unknown
	for _, c := range w.x.sectionComments() {
		body = appendOption(body, optComment, c)
	}
	body = appendOption(body, optShbAppl, []byte("ladder"))
	body = appendOption(body, optEnd, nil)
	b := appendBlock(nil, blockSHB, body)
	for _, id := range w.used {
		ifc := w.ifaces[id]
		body = body[:0]
		body = le.AppendUint16(body, ifc.LinkType)
		body = le.AppendUint16(body, 0)
		body = le.AppendUint32(body, ifc.SnapLen)
		if ifc.Name != "" {
			body = appendOption(body, optIfName, []byte(ifc.Name))
		}
		if p := exportPrecision(ifc); p != 6 {
			body = appendOption(body, optIfTsresol, []byte{byte(p)})
		}
		body = appendOption(body, optEnd, nil)
		b = appendBlock(b, blockIDB, body)
	}
	_, err := out.Write(b)
	return err
}

// exportPrecision is the decimal timestamp resolution an exported
// interface gets: the source's, at most nanoseconds (what the index keeps).
func exportPrecision(ifc Interface) int {
	return min(max(ifc.Precision, 0), 9)
}

func (w *exportWriter) pcapngRecord(rec []byte, p *Packet, data []byte, notes [][]byte) []byte {
	le := binary.LittleEndian
	digits := exportPrecision(w.ifaces[p.Iface])
	sec, frac := splitTime(p.Time, digits)
	ts := uint64(sec)*pow10(digits) + uint64(frac)
	pad := (4 - len(data)%4) % 4
	var opts []byte
	for _, c := range notes {
		opts = appendOption(opts, optComment, c)
	}
	if len(opts) > 0 {
		opts = appendOption(opts, optEnd, nil)
	}
	total := 32 + len(data) + pad + len(opts)
	rec = le.AppendUint32(rec, blockEPB)
	rec = le.AppendUint32(rec, uint32(total))
	rec = le.AppendUint32(rec, uint32(w.newID[p.Iface]))
	rec = le.AppendUint32(rec, uint32(ts>>32))
	rec = le.AppendUint32(rec, uint32(ts))
	rec = le.AppendUint32(rec, uint32(len(data)))
	rec = le.AppendUint32(rec, p.OrigLen)
	rec = append(rec, data...)
	var zero [3]byte
	rec = append(rec, zero[:pad]...)
	rec = append(rec, opts...)
	return le.AppendUint32(rec, uint32(total))
}

func appendOption(b []byte, code uint16, v []byte) []byte {
	le := binary.LittleEndian
	b = le.AppendUint16(b, code)
	b = le.AppendUint16(b, uint16(len(v)))
	b = append(b, v...)
	return append(b, make([]byte, (4-len(v)%4)%4)...)
}

func appendBlock(b []byte, typ uint32, body []byte) []byte {
	le := binary.LittleEndian
	n := uint32(12 + len(body))
	b = le.AppendUint32(b, typ)
	b = le.AppendUint32(b, n)
	b = append(b, body...)
	return le.AppendUint32(b, n)
}
