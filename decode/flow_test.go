package decode

import (
	"encoding/binary"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ladder-dev/ladder/internal/oracle"
)

// TestLaterSYNKeepsEarlierWindows: a SYN that arrives late with another
// window-scale option changes how later windows are scaled, never how
// earlier packets were shown. The capture is the lab's challenge.pcap with
// its first SYN repeated at the end with WS=1 (shift 0); tshark, reading
// the same file, is the oracle for every Info line.
func TestLaterSYNKeepsEarlierWindows(t *testing.T) {
	oracle.Require(t)
	src, err := Open("../testdata/lab/challenge.pcap")
	if err != nil {
		t.Fatal(err)
	}
	var recs [][]byte
	var times []int64
	var rec Record
	for {
		if err := src.Next(&rec); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, append([]byte(nil), rec.Data...))
		times = append(times, rec.Time)
	}
	link := src.Interfaces()[0].LinkType
	src.Close()
	syn := append([]byte(nil), recs[0]...)
	ihl := int(syn[0]&0x0f) * 4
	opts := syn[ihl+20 : ihl+int(syn[ihl+12]>>4)*4]
	found := false
	for k := 0; k+2 < len(opts); {
		switch opts[k] {
		case 0:
			k = len(opts)
		case 1:
			k++
		default:
			if opts[k] == 3 {
				opts[k+2] = 0 // WS=1
				found = true
			}
			k += int(opts[k+1])
		}
	}
	if !found {
		t.Fatal("first packet has no window-scale option")
	}
	recs = append(recs, syn)
	times = append(times, times[len(times)-1]+1e6)

	path := filepath.Join(t.TempDir(), "late-syn.pcap")
	var out []byte
	hdr := make([]byte, 24)
	binary.LittleEndian.PutUint32(hdr, pcapMagicNano)
	binary.LittleEndian.PutUint16(hdr[4:], 2)
	binary.LittleEndian.PutUint16(hdr[6:], 4)
	binary.LittleEndian.PutUint32(hdr[16:], 65535)
	binary.LittleEndian.PutUint32(hdr[20:], uint32(link))
	out = append(out, hdr...)
	for i, b := range recs {
		var rh [16]byte
		binary.LittleEndian.PutUint32(rh[0:], uint32(times[i]/1e9))
		binary.LittleEndian.PutUint32(rh[4:], uint32(times[i]%1e9))
		binary.LittleEndian.PutUint32(rh[8:], uint32(len(b)))
		binary.LittleEndian.PutUint32(rh[12:], uint32(len(b)))
		out = append(append(out, rh[:]...), b...)
	}
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}

	want := strings.Split(strings.TrimSpace(oracle.Run(t, "-n", "-r", path, "-T", "fields", "-e", "tcp.window_size")), "\n")
	src, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	x := Load(src)
	if x.Len() != len(want) {
		t.Fatalf("%d packets, tshark %d", x.Len(), len(want))
	}
	for i := range x.Len() {
		p := x.Packet(i)
		got := x.Flow(p).WindowSize(i, p)
		if w := strings.TrimSpace(want[i]); w != "" && w != strconv.FormatUint(uint64(got), 10) {
			t.Errorf("packet %d: window %d, tshark %s", i+1, got, w)
		}
	}
}
