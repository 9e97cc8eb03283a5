package decode

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/ladder-dev/ladder/internal/oracle"
)

// tsharkColumns runs tshark -n -t e (epoch times, so they do not depend on
// which packet comes first) and drops the frame-number column. Trailing
// zeros of the time are dropped: a pcap has one resolution for all its
// packets, so microsecond packets exported beside nanosecond ones are
// printed with nine digits, "0.111897000" for "0.111897".
func tsharkColumns(t *testing.T, args ...string) []string {
	t.Helper()
	out := oracle.Run(t, append([]string{"-n", "-t", "e"}, args...)...)
	var lines []string
	for _, l := range strings.Split(strings.TrimRight(out, "\n"), "\n") {
		f := strings.Fields(l)
		if len(f) > 2 {
			f[1] = strings.TrimRight(strings.TrimRight(f[1], "0"), ".")
			lines = append(lines, strings.Join(f[1:], " "))
		}
	}
	return lines
}

// TestExportMatchesTshark exports one stream (or everything) in both
// formats and requires tshark to read the result exactly as it shows the
// filtered original: tshark -r OUT line for line equal to tshark -r FILE
// -Y FILTER, frame numbers aside. The oracle is tshark on both files.
func TestExportMatchesTshark(t *testing.T) {
	oracle.Require(t)
	for _, tc := range []struct {
		name, file string
		stream     int // tcp.stream to export, -1 for every packet
	}{
		{"pcap usec", "corpus/zeek__testing__btest__Traces__wikipedia.pcap", 3},
		{"pcap nsec", "corpus/tcpdump__tests__tcp-handshake-nano.pcap", 0},
		{"pcap retransmissions", "corpus/zeek__testing__btest__Traces__tcp__reassembly.pcap", 0},
		{"pcap sll2", "corpus/zeek__testing__btest__Traces__linux_dlt_sll2.pcap", 0},
		{"pcapng", "corpus/zeek__testing__btest__Traces__ldap__gap-data-missing.pcapng", 0},
		{"pcapng several streams", "corpus/tcpdump__tests__of13_ericsson.pcapng", 9},
		{"pcapng retransmit timeout", "corpus/zeek__testing__btest__Traces__tcp__retransmit-timeout.pcapng", 0},
		{"pcapng multi-interface all", "corpus/zeek__testing__btest__Traces__pcapng-multi-interface.pcapng", -1},
		{"lab reset", "lab/abort-client.pcap", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			file := filepath.Join("../testdata", tc.file)
			x := loadFile(t, file)
			keep := func(i int) bool { return true }
			args := []string{"-r", file}
			if tc.stream >= 0 {
				keep = func(i int) bool {
					p := x.Packet(i)
					f := x.Flow(p)
					return f != nil && f.Proto == ProtoTCPPacket && f.Stream == tc.stream
				}
				args = append(args, "-Y", "tcp.stream=="+strconv.Itoa(tc.stream))
			}
			want := tsharkColumns(t, args...)
			for _, format := range []ExportFormat{ExportPcap, ExportPcapng} {
				fname := map[ExportFormat]string{ExportPcap: "pcap", ExportPcapng: "pcapng"}[format]
				out := filepath.Join(t.TempDir(), "out."+fname)
				n, err := x.Export(out, format, keep)
				if err != nil {
					t.Fatalf("%s: %v", fname, err)
				}
				got := tsharkColumns(t, "-r", out)
				if n != len(want) {
					t.Errorf("%s: exported %d packets, tshark shows %d for the filter", fname, n, len(want))
				}
				for k := range min(len(got), len(want)) {
					if got[k] != want[k] {
						t.Fatalf("%s line %d:\n got: %s\nwant: %s", fname, k+1, got[k], want[k])
					}
				}
				if len(got) != len(want) {
					t.Fatalf("%s: tshark reads %d lines back, want %d", fname, len(got), len(want))
				}
			}
		})
	}
}

// TestExportRefusesInput: exporting onto the file being read is refused,
// through another name for it too, and the file is left untouched.
func TestExportRefusesInput(t *testing.T) {
	dir := t.TempDir()
	orig, err := os.ReadFile("../testdata/corpus/zeek__testing__btest__Traces__tcp__single-rst.pcap")
	if err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(dir, "in.pcap")
	if err := os.WriteFile(in, orig, 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.pcap")
	if err := os.Symlink(in, link); err != nil {
		t.Fatal(err)
	}
	x := loadFile(t, in)
	for _, target := range []string{in, link} {
		if _, err := x.Export(target, ExportPcap, func(int) bool { return true }); !errors.Is(err, ErrOverwriteInput) {
			t.Errorf("export to %s: err %v, want ErrOverwriteInput", target, err)
		}
	}
	if now, _ := os.ReadFile(in); string(now) != string(orig) {
		t.Error("the input was modified")
	}
}

// fullDisk passes the first room bytes through and then fails every write
// with ENOSPC, as a full file system does.
type fullDisk struct {
	w    io.Writer
	room int
}

func (d *fullDisk) Write(b []byte) (int, error) {
	if len(b) > d.room {
		n, _ := d.w.Write(b[:d.room])
		d.room = 0
		return n, syscall.ENOSPC
	}
	d.room -= len(b)
	return d.w.Write(b)
}

// TestExportFailureLeavesNothing makes writing fail part-way with ENOSPC
// and requires an error naming the target and the cause, no file at the
// target and no temporary file left behind; an existing file at the
// target is left as it was.
func TestExportFailureLeavesNothing(t *testing.T) {
	x := loadFile(t, "../testdata/corpus/zeek__testing__btest__Traces__wikipedia.pcap")
	for _, tc := range []struct {
		name     string
		existing bool
	}{{"new file", false}, {"replacing a file", true}} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "out.pcapng")
			if tc.existing {
				if err := os.WriteFile(out, []byte("keep me"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			full := func(w io.Writer) io.Writer { return &fullDisk{w: w, room: 4096} }
			_, err := x.export(out, ExportPcapng, func(int) bool { return true }, full)
			if err == nil || !strings.Contains(err.Error(), out) || !errors.Is(err, syscall.ENOSPC) {
				t.Fatalf("err = %v, want ENOSPC naming %s", err, out)
			}
			left, _ := os.ReadDir(dir)
			switch {
			case tc.existing && (len(left) != 1 || left[0].Name() != "out.pcapng"):
				t.Errorf("left behind: %v", left)
			case !tc.existing && len(left) != 0:
				t.Errorf("left behind: %v", left)
			}
			if tc.existing {
				if b, _ := os.ReadFile(out); string(b) != "keep me" {
					t.Errorf("existing file changed to %q", b)
				}
			}
		})
	}
}

// TestExportKeepsComments: a pcapng made by editcap with a capture comment
// and two packet comments exports to pcapng with both kept; tshark and
// capinfos (the oracle) read the same comments back.
func TestExportKeepsComments(t *testing.T) {
	oracle.Require(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "commented.pcapng")
	cmd := exec.Command("editcap", "-a", "6:first comment", "-a", "7:second, with a longer text",
		"--capture-comment", "captured for ladder", "../testdata/corpus/zeek__testing__btest__Traces__wikipedia.pcap", in)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Skipf("editcap: %v %s", err, out)
	}
	x := loadFile(t, in)
	out := filepath.Join(dir, "out.pcapng")
	if _, err := x.Export(out, ExportPcapng, func(i int) bool { return i >= 4 && i < 8 }); err != nil {
		t.Fatal(err)
	}
	fields := func(file string, filter string) string {
		return oracle.Run(t, "-r", file, "-Y", filter, "-T", "fields", "-e", "frame.comment")
	}
	if got, want := fields(out, "frame.comment"), fields(in, "frame.comment"); got != want || want == "" {
		t.Errorf("packet comments %q, want %q", got, want)
	}
	info, err := exec.Command("capinfos", "-k", out).Output()
	if err != nil || !strings.Contains(string(info), "captured for ladder") {
		t.Errorf("capture comment lost: %v\n%s", err, info)
	}
}
