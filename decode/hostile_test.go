package decode

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/ladder-dev/ladder/internal/oracle"
)

// damagedCase is what ladder must do with one file of testdata/damaged.
type damagedCase struct {
	file    string
	packets int    // packets read before the damage
	reason  string // part of the error's reason; "" for none
	offset  int64  // byte offset the error names
	// tsharkCount: tshark reads the same number of packets (checked when set).
	tsharkCount bool
}

// damagedCases: the public malformed files (the error libpcap's test suite
// expects is quoted from its testprogs/TESTrun, via the corpus index; offsets were checked in
// a hex dump) and the hostile__ files of tools/hostile (offsets follow from
// their construction: a 24-byte pcap header and 70-byte records, or a
// 28-byte SHB, a 20-byte IDB and 88-byte EPBs).
var damagedCases = []damagedCase{
	// libpcap: "unsupported pcapng savefile version 2.0"-style section after one packet (capinfos: error after 1 packet).
	{"gopacket__pcapgo__tests__le__test901.pcapng", 1, "unsupported pcapng version 2.0", 480, true},
	// libpcap: "truncated dump file; tried to read 4 file header bytes, only got 0".
	{"libpcap-pr1704__tests__pcap-empty-file.pcap", 0, "empty file", 0, false},
	// libpcap: "truncated dump file; tried to read 24 file header bytes, only got 19".
	{"libpcap-pr1704__tests__pcap-truncated-hdr-23.pcap", 0, "truncated pcap file header", 23, false},
	// libpcap: "block in pcapng dump file has a length of 21 that is not a multiple of 4".
	{"libpcap-pr1704__tests__pcapng-block-len-not-mult4.pcapng", 0, "block length 21 is not a multiple of 4", 28, true},
	// libpcap: "the capture file has a packet block before any Interface Description Blocks".
	{"libpcap-pr1704__tests__pcapng-packet-before-idb.pcapng", 0, "before any interface description block", 28, true},
	// libpcap: "truncated pcapng dump file; tried to read 16 bytes, only got 4".
	{"libpcap-pr1704__tests__pcapng-truncated-shb.pcapng", 0, "truncated block: 16 of 28 bytes", 0, false},
	// libpcap: "savefile linktype reserved field not zero (0x00300000)".
	{"libpcap__tests__linktype-reserved-field-not-zero.pcap", 0, "0x00300000 has reserved bits set", 20, false},
	// libpcap: "unsupported pcap savefile version 1.4".
	{"libpcap__tests__pcap-invalid-version-1.pcap", 0, "unsupported pcap version 1.4", 4, false},
	// libpcap: "unsupported pcapng savefile version 0.1".
	{"libpcap__tests__pcapng-invalid-vers-1.pcapng", 0, "unsupported pcapng version 0.1", 0, false},
	// libpcap: "block total length in header 32 and trailer 808464432 don't match"
	// (the hex dump shows 52 in the header at offset 4).
	{"libpcap__tests__shb-option-too-long.pcapng", 0, "block length 52 disagrees with trailing length 808464432", 0, false},
	// A valid pcap with no packets.
	{"tcpdump__tests__empty.pcap", 0, "", 0, true},

	{"hostile__pcap-snaplen-4g.pcap", 4, "", 0, true},
	{"hostile__pcap-caplen-4g.pcap", 1, "record claims 4294967295 captured bytes", 94, true},
	{"hostile__pcap-origlen-4g.pcap", 2, "", 0, true},
	// tshark stops too, at its own 256 KiB limit.
	{"hostile__pcap-caplen-1mib-cut.pcap", 1, "truncated record: 54 of 1048576 captured bytes", 94, true},
	// tshark refuses the link type; ladder lists the packets as Unknown.
	{"hostile__pcap-unknown-linktype.pcap", 4, "", 0, false},
	{"hostile__pcap-time-backwards.pcap", 4, "", 0, true},
	{"hostile__pcap-cut-record-header.pcap", 2, "truncated record header (7 of 16 bytes)", 164, true},
	{"hostile__pcapng-trailer-mismatch.pcapng", 1, "block length 88 disagrees with trailing length 92", 136, true},
	{"hostile__pcapng-zero-length-block.pcapng", 1, "block length 0 is shorter than a block header", 136, true},
	{"hostile__pcapng-block-4g.pcapng", 1, "block length 4294967292 exceeds", 136, true},
	// ladder remembers at most 4096 interfaces (maxInterfaces); tshark has no such limit.
	{"hostile__pcapng-4097-interfaces.pcapng", 0, "more than 4096 interfaces", 28 + 4096*20, false},
	{"hostile__pcapng-interface-65536.pcapng", 1, "interface 65536", 136, true},
	{"hostile__pcapng-option-overrun.pcapng", 1, "option 2 claims 4096 bytes", 136, true},
	{"hostile__pcapng-epb-caplen-4g.pcapng", 1, "packet claims 4294967295 captured bytes", 136, true},
	{"hostile__pcapng-extreme-tsresol.pcapng", 4, "", 0, true},
}

// TestDamagedFiles opens every file of testdata/damaged and requires the
// packets, error offset, packet number and reason listed in damagedCases,
// and, where tshark reads the file, tshark's packet count and Time column.
func TestDamagedFiles(t *testing.T) {
	files, _ := filepath.Glob("../testdata/damaged/*")
	if len(files) != len(damagedCases) {
		t.Errorf("%d files in testdata/damaged, %d cases", len(files), len(damagedCases))
	}
	// Without tshark the table is still checked; under CI tshark is required.
	haveTshark := false
	if _, err := exec.LookPath("tshark"); err == nil || os.Getenv("CI") != "" {
		oracle.Require(t)
		haveTshark = true
	}
	for _, c := range damagedCases {
		t.Run(c.file, func(t *testing.T) {
			path := "../testdata/damaged/" + c.file
			var x *Index
			src, err := Open(path)
			if err == nil {
				defer src.Close()
				x = Load(src)
				err = x.Err()
				if x.Len() != c.packets {
					t.Errorf("%d packets, want %d", x.Len(), c.packets)
				}
				rowsOf(x, x.Len())
			} else if c.packets != 0 {
				t.Errorf("open: %v, want %d packets", err, c.packets)
			}
			switch {
			case c.reason == "" && err != nil:
				t.Errorf("unexpected error: %v", err)
			case c.reason != "" && err == nil:
				t.Errorf("no error, want %q", c.reason)
			case c.reason != "":
				msg := err.Error()
				if !strings.Contains(msg, c.reason) || !strings.HasPrefix(msg, path+": ") || strings.ContainsAny(msg, "\r\n") {
					t.Errorf("error %q: want one line starting with the file name and containing %q", msg, c.reason)
				}
				var fe *FormatError
				if errors.As(err, &fe) {
					if fe.Offset != c.offset || fe.Packet != c.packets+1 {
						t.Errorf("error at offset %d, packet %d; want offset %d, packet %d", fe.Offset, fe.Packet, c.offset, c.packets+1)
					}
				} else if c.reason != "empty file" {
					t.Errorf("error %v is not a *FormatError", err)
				}
			}
			if c.tsharkCount && haveTshark {
				want := tsharkTimes(t, path)
				if len(want) != c.packets {
					t.Errorf("tshark reads %d packets, the case says %d", len(want), c.packets)
				}
				for i := range min(len(want), x.Len()) {
					if r, _ := x.Row(i, "", nil); r.Time != want[i] {
						t.Errorf("packet %d: time %q, tshark %q", i+1, r.Time, want[i])
					}
				}
			}
		})
	}
}

// tsharkTimes returns the Time column of tshark's default output for path.
func tsharkTimes(t *testing.T, path string) []string {
	t.Helper()
	var times []string
	for _, l := range strings.Split(oracle.Run(t, "-n", "-r", path), "\n") {
		if f := strings.Fields(l); len(f) >= 2 {
			times = append(times, f[1])
		}
	}
	return times
}

// TestAllocationBounded loads files whose headers claim records or blocks
// of up to 4 GiB and requires the whole load to allocate less than 8 MiB
// (5.2 MiB measured: the fixed read buffer of MaxCaptureLength plus framing,
// and one index chunk), never what a header claims.
func TestAllocationBounded(t *testing.T) {
	for _, file := range []string{
		"hostile__pcap-caplen-4g.pcap",
		"hostile__pcap-caplen-1mib-cut.pcap",
		"hostile__pcap-origlen-4g.pcap",
		"hostile__pcap-snaplen-4g.pcap",
		"hostile__pcapng-block-4g.pcapng",
		"hostile__pcapng-epb-caplen-4g.pcapng",
		"hostile__pcapng-option-overrun.pcapng",
		"hostile__pcapng-4097-interfaces.pcapng",
	} {
		t.Run(file, func(t *testing.T) {
			path := "../testdata/damaged/" + file
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			src, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			x := Load(src)
			rowsOf(x, x.Len())
			src.Close()
			runtime.ReadMemStats(&after)
			alloc := after.TotalAlloc - before.TotalAlloc
			t.Logf("%d packets, %.1f MiB allocated", x.Len(), float64(alloc)/(1<<20))
			if alloc > 8<<20 {
				t.Errorf("loading allocated %d bytes", alloc)
			}
		})
	}
}

// ExampleFormatError shows the one-line message the CLI prints for damage.
func ExampleFormatError() {
	err := &FormatError{File: "trace.pcap", Offset: 94, Packet: 2, Reason: "truncated record header (7 of 16 bytes)"}
	fmt.Println(err)
	// Output: trace.pcap: damaged at byte offset 94, packet 2: truncated record header (7 of 16 bytes)
}
