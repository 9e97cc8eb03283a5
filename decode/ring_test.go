package decode

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"
)

// fakeClock is a spool clock the test moves by hand.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time { return c.t }

// newTestSpool opens a spool on a fake clock in a temporary directory.
func newTestSpool(t *testing.T, ring RingOptions) (*spool, *fakeClock, string) {
	t.Helper()
	dir := t.TempDir()
	clk := &fakeClock{t: time.Date(2026, 12, 6, 9, 30, 5, 0, time.Local)}
	var written atomic.Int64
	// The first file is opened before the clock can be swapped in: open
	// with the real clock, then replace the first file's start time.
	s, err := openSpool(filepath.Join(dir, "cap.pcapng"), ring, LinkEthernet, 65535, "eth0", &written)
	if err != nil {
		t.Fatal(err)
	}
	s.now, s.started = clk.now, clk.t
	t.Cleanup(func() { s.close() })
	return s, clk, dir
}

// packetOf is a distinct 100-byte packet for packet number k.
func packetOf(k int) []byte {
	b := make([]byte, 100)
	for i := range b {
		b[i] = byte(k + i)
	}
	return b
}

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	return names
}

// TestSpoolRingBySize writes packets into a ring of 1000-byte files, at
// most 3: an EPB of 100 bytes of data is 28+100+4 = 132 bytes (pcapng
// draft, section 4.3) and the headers 28 (SHB) + 20+12+4+4 (IDB: if_name
// "eth0", if_tsresol, end of options) = 68 bytes, so a file takes 8 packets
// (68+7*132 = 992 < 1000, 68+8*132 = 1124) before the next starts.
func TestSpoolRingBySize(t *testing.T) {
	s, _, dir := newTestSpool(t, RingOptions{FileSize: 1000, Files: 3})
	const packets = 50 // 8 per file: files 1..7, the 7th holding 2
	var offs []int64
	for k := range packets {
		off, err := s.write(int64(k), packetOf(k), 100)
		if err != nil {
			t.Fatal(err)
		}
		offs = append(offs, off)
	}
	if err := s.flush(); err != nil {
		t.Fatal(err)
	}
	want := []string{"cap_00005_20261206093005.pcapng", "cap_00006_20261206093005.pcapng", "cap_00007_20261206093005.pcapng"}
	if got := listDir(t, dir); len(got) != 3 || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Fatalf("files %v, want %v", got, want)
	}
	for i, name := range want {
		st, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if wantSize := int64(68 + 132*min(8, packets-8*(4+i))); st.Size() != wantSize {
			t.Errorf("%s: %d bytes, want %d", name, st.Size(), wantSize)
		}
	}
	// Files 1-4 (32 packets) are gone: their packets are evicted, the
	// rest read back from whichever file holds them.
	if gone := s.gone.Load(); gone != offs[32]-epbHeader-68 {
		t.Errorf("gone = %d, want the start of file 5 (%d)", gone, offs[32]-epbHeader-68)
	}
	buf := make([]byte, 100)
	for k, off := range offs {
		_, err := s.ReadAt(buf, off)
		switch {
		case k < 32 && !errors.Is(err, ErrEvicted):
			t.Errorf("packet %d of a deleted file: err %v, want ErrEvicted", k, err)
		case k >= 32 && (err != nil || string(buf) != string(packetOf(k))):
			t.Errorf("packet %d: read %v, bytes differ: %v", k, err, string(buf) != string(packetOf(k)))
		}
	}
	// Each ring file is a capture of its own.
	src, err := Open(filepath.Join(dir, want[1]))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	var rec Record
	for k := 40; k < 48; k++ {
		if err := src.Next(&rec); err != nil || string(rec.Data) != string(packetOf(k)) || rec.Time != int64(k) {
			t.Fatalf("%s: packet %d: %v", want[1], k, err)
		}
	}
	if err := src.Next(&rec); err != io.EOF {
		t.Errorf("%s: %v after 8 packets, want EOF", want[1], err)
	}
}

// TestSpoolRingByDuration starts the next file once the current one is as
// old as the duration, on a packet or on a tick with none, and names each
// by the local time it started, as dumpcap does.
func TestSpoolRingByDuration(t *testing.T) {
	s, clk, dir := newTestSpool(t, RingOptions{Duration: 10 * time.Second, Files: 2})
	step := func(d time.Duration) { clk.t = clk.t.Add(d) }
	s.write(1, packetOf(1), 100)
	step(9 * time.Second)
	s.write(2, packetOf(2), 100) // 9 s: same file
	step(time.Second)
	s.write(3, packetOf(3), 100) // 10 s: file 2
	step(10 * time.Second)
	if err := s.tick(); err != nil { // 20 s, no packet: file 3, file 1 deleted
		t.Fatal(err)
	}
	s.tick() // not due again
	want := []string{"cap_00002_20261206093015.pcapng", "cap_00003_20261206093025.pcapng"}
	if got := listDir(t, dir); len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("files %v, want %v", got, want)
	}
}

// TestSpoolSingleFile: without ring options the spool is the -w file with
// offsets as before (the file's own), and nothing is ever evicted.
func TestSpoolSingleFile(t *testing.T) {
	s, _, dir := newTestSpool(t, RingOptions{})
	off, err := s.write(1, packetOf(1), 100)
	if err != nil || off != 68+epbHeader {
		t.Fatalf("offset %d (%v), want %d", off, err, 68+epbHeader)
	}
	if got := listDir(t, dir); len(got) != 1 || got[0] != "cap.pcapng" || s.gone.Load() != 0 {
		t.Errorf("files %v gone %d, want cap.pcapng and nothing evicted", got, s.gone.Load())
	}
}

// TestTrimBelow checks the frame-list trimming eviction applies to flows.
func TestTrimBelow(t *testing.T) {
	tests := []struct {
		name  string
		in    []int32
		first int32
		want  []int32
	}{
		{"empty", nil, 5, nil},
		{"all kept", []int32{5, 6}, 5, []int32{5, 6}},
		{"some dropped", []int32{1, 4, 5, 9}, 5, []int32{5, 9}},
		{"all dropped", []int32{1, 2}, 5, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := trimBelow(tc.in, tc.first); len(got) != len(tc.want) || (len(got) > 0 && got[0] != tc.want[0]) {
				t.Errorf("trimBelow(%v, %d) = %v, want %v", tc.in, tc.first, got, tc.want)
			}
		})
	}
}
