package main

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ladder-dev/ladder/internal/oracle"
)

// runCLI runs the CLI in-process and returns its exit code and output.
func runCLI(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

// damagedCLI is what `ladder list` must do with a file of testdata/damaged:
// the packets it prints, its exit code, and what its one stderr line says.
// Offsets and packet numbers are the decode package's (see
// decode/hostile_test.go, where each is justified); the error text libpcap
// gives for the public files is quoted from the corpus index of the product side (libpcap testprogs/TESTrun).
var damagedCLI = []struct {
	file    string
	packets int
	stderr  string // "" when the file is readable
}{
	{"gopacket__pcapgo__tests__le__test901.pcapng", 1, "damaged at byte offset 480, packet 2: unsupported pcapng version 2.0"},
	{"libpcap-pr1704__tests__pcap-empty-file.pcap", 0, "empty file"},
	{"libpcap-pr1704__tests__pcap-truncated-hdr-23.pcap", 0, "damaged at byte offset 23, packet 1: truncated pcap file header"},
	{"libpcap-pr1704__tests__pcapng-block-len-not-mult4.pcapng", 0, "damaged at byte offset 28, packet 1: block length 21 is not a multiple of 4"},
	{"libpcap-pr1704__tests__pcapng-packet-before-idb.pcapng", 0, "damaged at byte offset 28, packet 1: packet block before any interface description block"},
	{"libpcap-pr1704__tests__pcapng-truncated-shb.pcapng", 0, "damaged at byte offset 0, packet 1: truncated block"},
	{"libpcap__tests__linktype-reserved-field-not-zero.pcap", 0, "damaged at byte offset 20, packet 1: link-type field 0x00300000 has reserved bits set"},
	{"libpcap__tests__pcap-invalid-version-1.pcap", 0, "damaged at byte offset 4, packet 1: unsupported pcap version 1.4"},
	{"libpcap__tests__pcapng-invalid-vers-1.pcapng", 0, "damaged at byte offset 0, packet 1: unsupported pcapng version 0.1"},
	{"libpcap__tests__shb-option-too-long.pcapng", 0, "damaged at byte offset 0, packet 1: block length 52 disagrees with trailing length 808464432"},
	{"tcpdump__tests__empty.pcap", 0, ""},
	{"hostile__pcap-snaplen-4g.pcap", 4, ""},
	{"hostile__pcap-caplen-4g.pcap", 1, "damaged at byte offset 94, packet 2: record claims 4294967295 captured bytes"},
	{"hostile__pcap-origlen-4g.pcap", 2, ""},
	{"hostile__pcap-caplen-1mib-cut.pcap", 1, "damaged at byte offset 94, packet 2: truncated record"},
	{"hostile__pcap-unknown-linktype.pcap", 4, ""},
	{"hostile__pcap-time-backwards.pcap", 4, ""},
	{"hostile__pcap-cut-record-header.pcap", 2, "damaged at byte offset 164, packet 3: truncated record header"},
	{"hostile__pcapng-trailer-mismatch.pcapng", 1, "damaged at byte offset 136, packet 2: block length 88 disagrees with trailing length 92"},
	{"hostile__pcapng-zero-length-block.pcapng", 1, "damaged at byte offset 136, packet 2: block length 0"},
	{"hostile__pcapng-block-4g.pcapng", 1, "damaged at byte offset 136, packet 2: block length 4294967292 exceeds"},
	{"hostile__pcapng-4097-interfaces.pcapng", 0, "damaged at byte offset 81948, packet 1: more than 4096 interfaces"},
	{"hostile__pcapng-interface-65536.pcapng", 1, "damaged at byte offset 136, packet 2: packet refers to interface 65536"},
	{"hostile__pcapng-option-overrun.pcapng", 1, "damaged at byte offset 136, packet 2: option 2 claims 4096 bytes"},
	{"hostile__pcapng-epb-caplen-4g.pcapng", 1, "damaged at byte offset 136, packet 2: packet claims 4294967295 captured bytes"},
	{"hostile__pcapng-extreme-tsresol.pcapng", 4, ""},
}

// TestDamagedFilesExit runs `ladder list` and `ladder flows` on every file
// of testdata/damaged: the packets before the damage on stdout (frames 1..n),
// exit 1 and exactly one stderr line naming the file, offset and packet, or
// exit 0 and a silent stderr for a readable file.
func TestDamagedFilesExit(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/damaged/*")
	if len(files) != len(damagedCLI) {
		t.Errorf("%d files in testdata/damaged, %d cases", len(files), len(damagedCLI))
	}
	for _, c := range damagedCLI {
		t.Run(c.file, func(t *testing.T) {
			path := "../../testdata/damaged/" + c.file
			code, out, errs := runCLI("list", path)
			lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
			if out == "" {
				lines = nil
			}
			if len(lines) != c.packets {
				t.Errorf("%d lines on stdout, want %d:\n%s", len(lines), c.packets, out)
			}
			for i, l := range lines {
				if f := strings.Fields(l); len(f) == 0 || f[0] != fmt.Sprint(i+1) {
					t.Errorf("stdout line %d is not frame %d: %q", i+1, i+1, l)
				}
			}
			checkExit(t, "list", code, errs, path, c.stderr)
			code, _, errs = runCLI("flows", path)
			checkExit(t, "flows", code, errs, path, c.stderr)
		})
	}
}

// checkExit requires exit 0 and no stderr when want is "", else exit 1 and
// one stderr line "ladder: PATH: ..." containing want.
func checkExit(t *testing.T, cmd string, code int, stderr, path, want string) {
	t.Helper()
	if want == "" {
		if code != exitOK || stderr != "" {
			t.Errorf("%s: exit %d, stderr %q; want 0 and nothing", cmd, code, stderr)
		}
		return
	}
	if code != exitDamaged {
		t.Errorf("%s: exit %d, want %d", cmd, code, exitDamaged)
	}
	if strings.Count(stderr, "\n") != 1 || !strings.HasPrefix(stderr, "ladder: "+path+": ") || !strings.Contains(stderr, want) {
		t.Errorf("%s: stderr %q; want one line \"ladder: %s: ...%s...\"", cmd, stderr, path, want)
	}
}

// TestTruncatedCaptureList cuts real captures inside their last records and
// requires `ladder list` to print exactly the lines it prints for the whole
// file up to the packets tshark reads from the cut file (the oracle for the
// count), then exit 1 naming the next packet.
func TestTruncatedCaptureList(t *testing.T) {
	oracle.Require(t)
	dir := t.TempDir()
	for _, file := range []string{
		"../../testdata/corpus/zeek__testing__btest__Traces__tcp__retransmit-fast009.pcap",
		"../../testdata/corpus/zeek__testing__btest__Traces__pcapng-multi-interface.pcapng",
	} {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		_, full, _ := runCLI("list", file)
		fullLines := strings.SplitAfter(full, "\n")
		for _, cut := range []int{len(data) - 1, len(data) - 30, len(data) * 2 / 3, len(data) / 3} {
			t.Run(fmt.Sprintf("%s@%d", filepath.Base(file), cut), func(t *testing.T) {
				path := filepath.Join(dir, fmt.Sprintf("%s.cut%d", filepath.Base(file), cut))
				if err := os.WriteFile(path, data[:cut], 0o600); err != nil {
					t.Fatal(err)
				}
				want := 0
				for _, l := range strings.Split(oracle.Run(t, "-r", path, "-T", "fields", "-e", "frame.number"), "\n") {
					if strings.TrimSpace(l) != "" {
						want++
					}
				}
				code, out, errs := runCLI("list", path)
				if wantOut := strings.Join(fullLines[:want], ""); out != wantOut {
					t.Errorf("stdout differs from the first %d lines of the whole file's list:\n%s", want, out)
				}
				checkExit(t, "list", code, errs, path, fmt.Sprintf("packet %d: truncated", want+1))
			})
		}
	}
}

// TestUsageAndUnreadable: bad usage exits 2 with nothing on stdout; a file
// that cannot be opened or read exits 1 with one line naming it.
func TestUsageAndUnreadable(t *testing.T) {
	good := "../../testdata/corpus/zeek__testing__btest__Traces__tcp__single-rst.pcap"
	for _, c := range []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"no arguments", nil, exitUsage, "Usage"},
		{"list without a file", []string{"list"}, exitUsage, "one capture file is needed, or two of the same traffic"},
		{"list with three files", []string{"list", good, good, good}, exitUsage, "one capture file is needed, or two of the same traffic"},
		{"stats with three files", []string{"stats", "--conv", "tcp", good, good, good}, exitUsage, "one capture file is needed, or two of the same traffic"},
		{"unknown flag", []string{"list", "--no-such-flag", good}, exitUsage, "no-such-flag"},
		{"bad count", []string{"list", "-c", "many", good}, exitUsage, `invalid value "many"`},
		{"flows without a file", []string{"flows"}, exitUsage, "one capture file is needed, or two of the same traffic"},
		{"flows with three files", []string{"flows", good, good, good}, exitUsage, "one capture file is needed, or two of the same traffic"},
		{"missing file", []string{"list", "no/such/file.pcap"}, exitDamaged, "no/such/file.pcap: no such file or directory"},
		{"a directory", []string{"list", "../../testdata"}, exitDamaged, "../../testdata: cannot read: is a directory"},
		{"not a capture", []string{"list", "../../testdata/README.md"}, exitDamaged, "../../testdata/README.md: not a pcap or pcapng capture"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out, errs := runCLI(c.args...)
			if code != c.code || out != "" || !strings.Contains(errs, c.stderr) {
				t.Errorf("exit %d (want %d), stdout %q, stderr %q (want %q)", code, c.code, out, errs, c.stderr)
			}
		})
	}
}

// hostileText is what the terminal-safety capture puts in packet payloads:
// a screen clear, an OSC 52 clipboard write, a window title change, 8-bit
// and UTF-8 encoded C1 CSI, and a right-to-left override.
const hostileText = "\x1b[2J\x1b[H\x1b]52;c;cm0gLXJmIH4K\x07\x1b]0;owned\x07\x9b31m\u009b1m\u202etxt.exe\x1b\\"

// TestNoControlBytesInList builds captures from a real TCP packet whose
// payload is replaced by hostileText, as pcap and as pcapng with an
// interface name holding the same text, and requires every text view (list
// as text and JSON, flows, explain, the ladder diagram, follow in ascii and
// hex) to write no byte a terminal would act on. (follow --format raw writes
// the payload bytes by design and is not a terminal view.)
func TestNoControlBytesInList(t *testing.T) {
	// tcpdump__tests__tcp_rst_data.pcap: one Ethernet/IPv4/TCP RST carrying
	// 58 bytes of payload from offset 54 of the packet.
	pcap, err := os.ReadFile("../../testdata/corpus/tcpdump__tests__tcp_rst_data.pcap")
	if err != nil {
		t.Fatal(err)
	}
	pkt := bytes.Clone(pcap[40:])
	if len(pkt) != 112 {
		t.Fatalf("the source packet has %d bytes, want 112", len(pkt))
	}
	payload := pkt[54:]
	for i := range payload {
		payload[i] = hostileText[i%len(hostileText)]
	}
	dir := t.TempDir()
	files := map[string][]byte{
		"payload.pcap":   append(bytes.Clone(pcap[:40]), pkt...),
		"payload.pcapng": pcapngWithName(hostileText, pkt),
	}
	for name, data := range files {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		for _, args := range [][]string{
			{"list", path}, {"list", "--json", path}, {"flows", path}, {"explain", path},
			{"ladder", path, "--stream", "0"},
			{"follow", path, "--stream", "0", "--format", "ascii"},
			{"follow", path, "--stream", "0", "--format", "hex"},
		} {
			t.Run(name+" "+strings.Join(slices.DeleteFunc(slices.Clone(args), func(a string) bool { return a == path }), " "), func(t *testing.T) {
				if !registered(args[0]) {
					t.Skipf("no %q command in this build", args[0])
				}
				code, out, errs := runCLI(args...)
				if code != exitOK || !strings.Contains(out, "80") {
					t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
				}
				if i, r := firstControl(out); i >= 0 {
					t.Errorf("stdout holds %U at byte %d: %q", r, i, out)
				}
			})
		}
	}
}

// registered reports whether the subcommand exists.
func registered(name string) bool {
	return slices.ContainsFunc(commands(), func(c command) bool { return c.name == name })
}

// firstControl finds the first character a terminal could act on, written
// from ECMA-48's C0/C1 ranges and Unicode's bidi controls: any C0 other
// than newline, DEL, C1 (raw or UTF-8), invalid UTF-8, bidi overrides and
// isolates, line and paragraph separators.
func firstControl(s string) (int, rune) {
	for i, r := range s {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"),
			r < 0x20 && r != '\n', r == 0x7f, r >= 0x80 && r <= 0x9f,
			r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x2028, r == 0x2029:
			return i, r
		}
	}
	return -1, 0
}

// pcapngWithName is a little-endian pcapng file: a section header, one
// Ethernet interface whose if_name is name, and one enhanced packet block.
func pcapngWithName(name string, pkt []byte) []byte {
	le := binary.LittleEndian
	block := func(b []byte, typ uint32, body []byte) []byte {
		body = append(body, make([]byte, (4-len(body)%4)%4)...)
		n := uint32(12 + len(body))
		b = le.AppendUint32(le.AppendUint32(b, typ), n)
		return le.AppendUint32(append(b, body...), n)
	}
	shb := le.AppendUint32(nil, 0x1a2b3c4d)
	shb = le.AppendUint64(le.AppendUint32(shb, 1), 0xffffffffffffffff) // version 1.0, unknown section length
	idb := le.AppendUint32(le.AppendUint32(nil, 1), 65535)             // link type 1, reserved, snaplen
	idb = le.AppendUint16(le.AppendUint16(idb, 2), uint16(len(name)))  // if_name
	idb = append(idb, name...)
	idb = append(idb, make([]byte, (4-len(name)%4)%4)...)
	idb = append(idb, 0, 0, 0, 0) // opt_endofopt
	epb := le.AppendUint32(nil, 0)
	epb = le.AppendUint32(le.AppendUint32(epb, 0x5f7a), 0x1234)
	epb = le.AppendUint32(le.AppendUint32(epb, uint32(len(pkt))), uint32(len(pkt)))
	epb = append(epb, pkt...)
	return block(block(block(nil, 0x0a0d0d0a, shb), 1, idb), 6, epb)
}

// TestExportNeverWritesInput asks `ladder export` to write over the capture
// it reads, under the same name, another spelling of it, a symbolic link
// and a hard link: each must be refused (exit 2, one stderr line) and the
// input must keep its bytes.
func TestExportNeverWritesInput(t *testing.T) {
	if !registered("export") {
		t.Skip("no export command in this build")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "in.pcap")
	orig, err := os.ReadFile("../../testdata/corpus/tcpdump__tests__tcp_rst_data.pcap")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(in, orig, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("in.pcap", filepath.Join(dir, "symlink.pcap")); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(in, filepath.Join(dir, "hardlink.pcap")); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, out string }{
		{"same name", in},
		{"another spelling", filepath.Join(dir, "..", filepath.Base(dir), ".", "in.pcap")},
		{"symbolic link", filepath.Join(dir, "symlink.pcap")},
		{"hard link", filepath.Join(dir, "hardlink.pcap")},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out, errs := runCLI("export", in, "-w", c.out)
			if code != exitUsage || out != "" || strings.Count(errs, "\n") != 1 {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d and one line", code, out, errs, exitUsage)
			}
			if got, err := os.ReadFile(in); err != nil || !bytes.Equal(got, orig) {
				t.Fatalf("the input changed (read error %v)", err)
			}
		})
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*")); len(left) != 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}
