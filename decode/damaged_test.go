package decode

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"math/rand/v2"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ladder-dev/ladder/internal/oracle"
)

// The corruption suite: captures cut at every record boundary and inside
// records, with bytes flipped, with packet bytes garbled by editcap -E, and
// the hand-crafted hostile files. Whatever the damage, ladder must not
// panic, must keep every packet before it (with the rows it would have
// shown for the undamaged file), and must report it once, naming the file,
// the byte offset and the number of the first packet it could not read.

// damageCaptures are the captures the suite damages: each format and byte
// order, several interfaces and sections, custom and simple packet blocks.
var damageCaptures = []string{
	"../testdata/corpus/zeek__testing__btest__Traces__tcp__retransmit-fast009.pcap",
	"../testdata/corpus/tcpdump__tests__pptp.pcap",
	"../testdata/corpus/tcpdump__tests__tcp-handshake-nano.pcap",
	"../testdata/corpus/tcpdump__tests__nflog.pcap",
	"../testdata/corpus/zeek__testing__btest__Traces__pcapng-multi-interface.pcapng",
	"../testdata/corpus/pcapng-test-generator__output_be__difficult__test202.pcapng",
	"../testdata/corpus/pcapng-test-generator__output_le__basic__test010.pcapng",
	"../testdata/lab/challenge.pcap",
}

// indexOf loads the capture held in data (written to dir/name) and returns
// its index, or the error that stopped it from opening.
func indexOf(t *testing.T, dir, name string, data []byte) (*Index, error) {
	t.Helper()
	src, err := Open(writeTemp(t, dir, name, data))
	if err != nil {
		return nil, err
	}
	t.Cleanup(func() { src.Close() })
	return Load(src), nil
}

// rowsOf builds the list rows of x's first n packets.
func rowsOf(x *Index, n int) []Row {
	rows := make([]Row, n)
	var buf []byte
	for i := range n {
		rows[i], buf = x.Row(i, "", buf)
	}
	return rows
}

// checkDamage asserts what any damaged read must satisfy: the packets
// present are the first of the undamaged file's, with the same rows, at
// least `before` of them (those entirely before the damage), and an error
// that is one line, names the file, and numbers the packet after the last.
func checkDamage(t *testing.T, x *Index, openErr error, full []Row, before int, path string) {
	t.Helper()
	if openErr != nil {
		if before > 0 {
			t.Fatalf("open failed (%v) but %d packets precede the damage", openErr, before)
		}
		checkErrorText(t, openErr, path)
		return
	}
	n := x.Len()
	if n < before {
		t.Fatalf("%d packets read, %d precede the damage (err %v)", n, before, x.Err())
	}
	got := rowsOf(x, min(n, len(full)))
	for i := range min(before, len(got)) {
		g, w := got[i], full[i]
		if g != w {
			t.Fatalf("packet %d before the damage changed:\n got  %+v\n want %+v", i+1, got[i], full[i])
		}
	}
	if err := x.Err(); err != nil {
		checkErrorText(t, err, path)
		var fe *FormatError
		if !errors.As(err, &fe) || fe.Packet != n+1 {
			t.Fatalf("after %d packets: error %v does not name packet %d", n, err, n+1)
		}
	}
}

// checkErrorText requires a one-line error that names the file.
func checkErrorText(t *testing.T, err error, path string) {
	t.Helper()
	msg := err.Error()
	if strings.ContainsAny(msg, "\r\n") || !strings.Contains(msg, path) {
		t.Fatalf("error %q is not one line naming %s", msg, path)
	}
}

// cutPoints lists where to truncate data: every record or block boundary
// and, for each record, points inside its header and its data.
func cutPoints(data []byte) []int64 {
	starts := blockStarts(data)
	var cuts []int64
	for i, s := range starts {
		end := int64(len(data))
		if i+1 < len(starts) {
			end = starts[i+1]
		}
		for _, d := range []int64{0, 1, 4, 8, 12, 15, 16, 17, 20, 28, (end - s) / 2, end - s - 1} {
			if p := s + d; p >= s && p < end {
				cuts = append(cuts, p)
			}
		}
	}
	cuts = append(cuts, int64(len(data)))
	slices.Sort(cuts)
	return slices.Compact(cuts)
}

// TestTruncation cuts each capture at every record boundary and at points
// inside each record. Expected counts come from the test's own framing walk
// (walkFrames) of the undamaged file: the records that end at or before the
// cut. A cut at a boundary is a clean end; a cut inside a record or block
// is damage at that record's start, naming the next packet.
func TestTruncation(t *testing.T) {
	for _, path := range damageCaptures {
		t.Run(filepath.Base(path), func(t *testing.T) {
			t.Parallel()
			data := mustRead(t, path)
			frames, headerEnd := walkFrames(data)
			starts := blockStarts(data)
			full, err := indexOf(t, t.TempDir(), "full", data)
			if err != nil || full.Err() != nil || full.Len() != len(frames) {
				t.Fatalf("undamaged: %d packets, open %v, err %v; walk %d", full.Len(), err, full.Err(), len(frames))
			}
			fullRows := rowsOf(full, full.Len())
			dir := t.TempDir()
			for _, cut := range cutPoints(data) {
				before := 0
				for _, f := range frames {
					if f.end <= cut {
						before++
					}
				}
				boundary := cut == int64(len(data)) || slices.Contains(starts, cut)
				name := fmt.Sprintf("cut%d", cut)
				x, openErr := indexOf(t, dir, name, data[:cut])
				path := filepath.Join(dir, name)
				checkDamage(t, x, openErr, fullRows, before, path)
				switch {
				case cut < headerEnd || cut == 0:
					if openErr == nil {
						t.Fatalf("cut at %d inside the %d-byte file header: opened", cut, headerEnd)
					}
				case openErr != nil:
					t.Fatalf("cut at %d: open: %v", cut, openErr)
				case x.Len() != before:
					t.Fatalf("cut at %d: %d packets, walk says %d", cut, x.Len(), before)
				case boundary && x.Err() != nil:
					t.Fatalf("cut at record boundary %d: %v", cut, x.Err())
				case !boundary:
					var fe *FormatError
					if !errors.As(x.Err(), &fe) {
						t.Fatalf("cut at %d inside a record: error %v", cut, x.Err())
					}
					if want := lastAtOrBefore(starts, cut); fe.Offset != want {
						t.Fatalf("cut at %d: error at offset %d, the damaged record starts at %d", cut, fe.Offset, want)
					}
				}
			}
		})
	}
}

// lastAtOrBefore is the greatest start <= off.
func lastAtOrBefore(starts []int64, off int64) int64 {
	best := int64(0)
	for _, s := range starts {
		if s <= off {
			best = s
		}
	}
	return best
}

// TestTruncationMatchesTshark checks the framing walk's counts against
// tshark on a sample of cuts: tshark lists the same packets from a cut file.
func TestTruncationMatchesTshark(t *testing.T) {
	oracle.Require(t)
	for _, path := range []string{damageCaptures[1], damageCaptures[4]} {
		data := mustRead(t, path)
		dir := t.TempDir()
		cuts := cutPoints(data)
		for i := 0; i < len(cuts); i += max(1, len(cuts)/12) {
			cut := cuts[i]
			if cut < 64 {
				continue
			}
			t.Run(fmt.Sprintf("%s@%d", filepath.Base(path), cut), func(t *testing.T) {
				t.Parallel()
				p := writeTemp(t, dir, fmt.Sprintf("cut%d", cut), data[:cut])
				want := len(tsharkFrames(t, p))
				x := loadFile(t, p)
				if x.Len() != want {
					t.Errorf("%d packets, tshark %d (err %v)", x.Len(), want, x.Err())
				}
			})
		}
	}
}

// TestByteFlips flips 1 to 4 bytes at seeded random positions, 150 times
// per capture. Packets entirely before the first flipped byte (by the
// framing walk of the undamaged file) must be present and unchanged.
func TestByteFlips(t *testing.T) {
	for ci, path := range damageCaptures {
		t.Run(filepath.Base(path), func(t *testing.T) {
			t.Parallel()
			data := mustRead(t, path)
			frames, _ := walkFrames(data)
			full, _ := indexOf(t, t.TempDir(), "full", data)
			fullRows := rowsOf(full, full.Len())
			rng := rand.New(rand.NewPCG(uint64(ci), 0x1adde2))
			dir := t.TempDir()
			for v := range 150 {
				b := bytes.Clone(data)
				first := int64(len(b))
				for range 1 + rng.IntN(4) {
					i := rng.IntN(len(b))
					b[i] ^= byte(1 + rng.IntN(255))
					first = min(first, int64(i))
				}
				before := 0
				for _, f := range frames {
					if f.end <= first {
						before++
					}
				}
				name := fmt.Sprintf("flip%d", v)
				x, openErr := indexOf(t, dir, name, b)
				checkDamage(t, x, openErr, fullRows, before, filepath.Join(dir, name))
			}
		})
	}
}

// TestGzipTruncation cuts a gzip-compressed capture at several points: the
// packets read are the first of the plain file's, and a cut stream is
// reported as damage.
func TestGzipTruncation(t *testing.T) {
	plainPath := "../testdata/corpus/zeek__testing__btest__Traces__wikipedia.pcap"
	data := mustRead(t, plainPath)
	full := loadFile(t, plainPath)
	fullRows := rowsOf(full, full.Len())
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write(data)
	zw.Close()
	comp := z.Bytes()
	dir := t.TempDir()
	for _, cut := range []int{2, 10, 30, len(comp) / 7, len(comp) / 3, len(comp) / 2, len(comp) - 9, len(comp) - 1} {
		t.Run(fmt.Sprint(cut), func(t *testing.T) {
			name := fmt.Sprintf("cut%d.gz", cut)
			x, openErr := indexOf(t, dir, name, comp[:cut])
			checkDamage(t, x, openErr, fullRows, 0, filepath.Join(dir, name))
			if openErr == nil && x.Err() == nil {
				t.Fatalf("gzip stream cut at %d of %d bytes: no error after %d packets", cut, len(comp), x.Len())
			}
		})
	}
}

// TestGzipStreamErrors damages the gzip layer itself, after the last
// packet: every packet is read (the framing walk's count of the plain
// file), then the gzip error is reported by name, not as a truncation.
func TestGzipStreamErrors(t *testing.T) {
	plainPath := "../testdata/corpus/zeek__testing__btest__Traces__wikipedia.pcap"
	data := mustRead(t, plainPath)
	frames, _ := walkFrames(data)
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write(data)
	zw.Close()
	comp := z.Bytes()
	crc := bytes.Clone(comp)
	crc[len(crc)-6] ^= 0x55 // inside the CRC-32 of the gzip trailer (RFC 1952)
	dir := t.TempDir()
	for _, c := range []struct {
		name   string
		data   []byte
		reason string
	}{
		{"CRC-32 mismatch", crc, "read error: gzip: invalid checksum"},
		{"garbage after the gzip member", append(bytes.Clone(comp), "this is not a gzip member"...), "read error: gzip: invalid header"},
	} {
		t.Run(c.name, func(t *testing.T) {
			x, err := indexOf(t, dir, "damaged.gz", c.data)
			if err != nil {
				t.Fatal(err)
			}
			var fe *FormatError
			if x.Len() != len(frames) || !errors.As(x.Err(), &fe) || fe.Packet != len(frames)+1 || fe.Reason != c.reason {
				t.Fatalf("%d packets, error %v; want %d packets and %q", x.Len(), x.Err(), len(frames), c.reason)
			}
		})
	}
}

// TestEditcapErrors garbles packet bytes with editcap -E --seed N (which changes
// packet data, never the framing) and requires ladder to read as many
// packets as tshark reads from the same garbled file, with no error.
func TestEditcapErrors(t *testing.T) {
	oracle.Require(t)
	if _, err := exec.LookPath("editcap"); err != nil {
		t.Skip("editcap (wireshark-common) not installed")
	}
	dir := t.TempDir()
	for _, path := range damageCaptures {
		for seed := 1; seed <= 4; seed++ {
			t.Run(fmt.Sprintf("%s/seed%d", filepath.Base(path), seed), func(t *testing.T) {
				t.Parallel()
				out := filepath.Join(dir, fmt.Sprintf("%s.E%d", filepath.Base(path), seed))
				if b, err := exec.Command("editcap", "-E", "0.02", "--seed", fmt.Sprint(seed), path, out).CombinedOutput(); err != nil {
					t.Fatalf("editcap: %v: %s", err, b)
				}
				want := len(tsharkFrames(t, out))
				x := loadFile(t, out)
				if x.Len() != want || x.Err() != nil {
					t.Fatalf("%d packets (err %v), tshark %d", x.Len(), x.Err(), want)
				}
				rowsOf(x, x.Len())
			})
		}
	}
}

// TestDamageWhileLoading reads rows and progress while a damaged capture
// is still being indexed, as the TUI does (run it with -race): the damage
// is published once loading ends, with every packet before it.
func TestDamageWhileLoading(t *testing.T) {
	pkt := mustRead(t, "../testdata/corpus/zeek__testing__btest__Traces__tcp__single-rst.pcap")[40:]
	pkts := make([][]byte, 150_000)
	for i := range pkts {
		pkts[i] = pkt
	}
	data := pcapFile(LinkEthernet, pkts, 0)
	data = data[:len(data)-10] // cut inside the last record
	src, err := Open(writeTemp(t, t.TempDir(), "big.pcap", data))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	x := Start(src)
	var buf []byte
	reads := 0
	for done := false; !done; {
		select {
		case <-x.Done():
			done = true
		default:
		}
		if n := x.Len(); n > 0 {
			var r Row
			r, buf = x.Row(n-1, "", buf)
			if r.Frame != n || r.Protocol != "TCP" {
				t.Fatalf("row %d while loading: %+v", n, r)
			}
			reads++
		}
		if pr := x.Progress(); pr.Err != nil && !pr.Done {
			t.Fatalf("error published before loading ended: %v", pr.Err)
		}
	}
	var fe *FormatError
	if x.Len() != len(pkts)-1 || !errors.As(x.Err(), &fe) || fe.Packet != len(pkts) || x.Progress().Err != x.Err() {
		t.Fatalf("%d packets, err %v, progress err %v", x.Len(), x.Err(), x.Progress().Err)
	}
	t.Logf("%d rows read while loading", reads)
}
