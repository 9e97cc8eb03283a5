package decode

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ladder-dev/ladder/internal/oracle"
)

// TestNgWriterRoundTrip copies a real capture packet by packet through the
// live spool writer; tshark must print the same lines for both files, and
// each offset writePacket returned must hold that packet's bytes.
func TestNgWriterRoundTrip(t *testing.T) {
	oracle.Require(t)
	in, err := Open(benchBase)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out := filepath.Join(t.TempDir(), "copy.pcapng")
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	nw, err := newNgWriter(f, in.Interfaces()[0].LinkType, 262144, "eth0")
	if err != nil {
		t.Fatal(err)
	}
	var rec Record
	var offs []int64
	var datas [][]byte
	for n := 0; n < 200; n++ {
		if err := in.Next(&rec); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		off, err := nw.writePacket(rec.Time, rec.Data, rec.OrigLen)
		if err != nil {
			t.Fatal(err)
		}
		offs = append(offs, off)
		datas = append(datas, append([]byte(nil), rec.Data...))
	}
	if err := nw.flush(); err != nil {
		t.Fatal(err)
	}
	for i, off := range offs {
		b := make([]byte, len(datas[i]))
		if _, err := f.ReadAt(b, off); err != nil || string(b) != string(datas[i]) {
			t.Fatalf("packet %d: bytes at offset %d differ (%v)", i+1, off, err)
		}
	}
	// The copy has nanosecond timestamps, the original microseconds, so
	// compare fields rather than list lines, whose time column differs in width.
	fields := []string{"-n", "-T", "fields", "-e", "frame.time_epoch", "-e", "frame.len", "-e", "frame.cap_len", "-e", "_ws.col.Info"}
	want := oracle.Run(t, append([]string{"-r", benchBase, "-c", "200"}, fields...)...)
	got := oracle.Run(t, append([]string{"-r", out}, fields...)...)
	if got != want || strings.Count(got, "\n") != len(offs) {
		t.Errorf("tshark reads the copy differently:\n%s\nwant\n%s", got, want)
	}
}

// BenchmarkNgWriter measures writing one 1500-byte packet to the spool.
func BenchmarkNgWriter(b *testing.B) {
	nw, err := newNgWriter(io.Discard, LinkEthernet, 262144, "eth0")
	if err != nil {
		b.Fatal(err)
	}
	data := make([]byte, 1500)
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for i := 0; b.Loop(); i++ {
		nw.writePacket(int64(i), data, 1500)
	}
}
