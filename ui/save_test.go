package ui

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gdamore/tcell/v2"
	"github.com/ladder-dev/ladder/internal/oracle"
)

// saveCapture has 136 frames in several TCP streams and some UDP (DNS), per
// `tshark -r FILE`.
const saveCapture = "../testdata/corpus/zeek__testing__btest__Traces__wikipedia.pcap"

// savedEpochs is tshark's frame.time_epoch of every frame of file passing
// filter ("" for all): the oracle for what a save wrote.
func savedEpochs(t *testing.T, file, filter string) []string {
	t.Helper()
	args := []string{"-n", "-r", file, "-T", "fields", "-e", "frame.time_epoch"}
	if filter != "" {
		args = append(args, "-Y", filter)
	}
	return strings.Fields(oracle.Run(t, args...))
}

// TestSaveMatchesTshark: w saves the displayed packets (or, in the flow
// table, the selected flow) and the file reads back in tshark as exactly
// the frames `tshark -r FILE -Y FILTER` shows, with the same timestamps,
// in the format the extension asks for.
func TestSaveMatchesTshark(t *testing.T) {
	oracle.Require(t)
	cases := []struct {
		name   string
		filter string // display filter applied first ("" none)
		flow   bool   // w in the flow table, on its third row
		file   string
		magic  []byte // the output's first bytes: pcap or pcapng
	}{
		{"every packet as pcapng", "", false, "all.pcapng", []byte{0x0a, 0x0d, 0x0d, 0x0a}},
		{"filtered packets as pcap", "tcp.stream == 2 || udp", false, "some.pcap", []byte{0xd4, 0xc3, 0xb2, 0xa1}},
		{"no known extension: pcapng", "dns", false, "dns.out", []byte{0x0a, 0x0d, 0x0d, 0x0a}},
		{"the selected flow", "", true, "flow.pcapng", []byte{0x0a, 0x0d, 0x0d, 0x0a}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a, s := openFollowCapture(t, saveCapture, 80, 24, false)
			filter := tc.filter
			if filter != "" {
				send(a, s, keySpec{"/" + filter, tcell.KeyEnter})
				waitFilter(t, a)
				a.refresh()
			}
			if tc.flow {
				send(a, s, keySpec{"f", "jj"})
				filter = filterFor(a.flows.selected())
			}
			out := filepath.Join(t.TempDir(), tc.file)
			send(a, s, keySpec{"w"})
			if a.edit != editSave {
				t.Fatalf("w did not open the save prompt (message %q)", a.message)
			}
			send(a, s, keySpec{out, tcell.KeyEnter})
			want := savedEpochs(t, saveCapture, filter)
			if len(want) == 0 || !tc.flow && filter == "" && len(want) != 136 {
				t.Fatalf("tshark shows %d frames for %q", len(want), filter)
			}
			if wantMsg := fmt.Sprintf("saved %d packets to %s", len(want), out); a.message != wantMsg {
				t.Errorf("message %q, want %q", a.message, wantMsg)
			}
			got := savedEpochs(t, out, "")
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("saved frames' timestamps:\n%v\ntshark -Y %q:\n%v", got, filter, want)
			}
			head, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(head, tc.magic) {
				t.Errorf("file starts % x, want % x", head[:min(4, len(head))], tc.magic)
			}
		})
	}
}

// TestSaveRefusesInput: saving over the capture being read is refused by
// decode.Index.Export and the status bar says so; the file is untouched.
func TestSaveRefusesInput(t *testing.T) {
	orig, err := os.ReadFile(sshProbe)
	if err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(t.TempDir(), "in.pcap")
	if err := os.WriteFile(in, orig, 0o644); err != nil {
		t.Fatal(err)
	}
	a, s := openFollowCapture(t, in, 200, 24, false) // wide enough for the temporary path
	send(a, s, keySpec{"w", in, tcell.KeyEnter})
	rows := draw(a, s)
	if !strings.Contains(a.message, "refusing to overwrite the capture being read") {
		t.Errorf("message %q", a.message)
	}
	if !strings.Contains(rows[23], "refusing to overwrite") {
		t.Errorf("status bar %q does not show the error", rows[23])
	}
	if now, _ := os.ReadFile(in); !bytes.Equal(now, orig) {
		t.Error("the input file changed")
	}
}

// TestSaveEscapesFileName: a file name holding an escape sequence is
// shown escaped in the status bar.
func TestSaveEscapesFileName(t *testing.T) {
	a, s := openFollowCapture(t, sshProbe, 120, 24, false)
	out := filepath.Join(t.TempDir(), "x\x1b[2Jy.pcap")
	send(a, s, keySpec{"w"})
	a.input.SetText(out)
	send(a, s, keySpec{tcell.KeyEnter})
	rows := draw(a, s)
	if !strings.Contains(rows[23], `saved 9 packets to`) || !strings.Contains(rows[23], `x\033[2Jy.pcap`) {
		t.Errorf("status bar %q", rows[23])
	}
	noControls(t, s)
	if _, err := os.Stat(out); err != nil {
		t.Errorf("nothing saved: %v", err)
	}
}

// TestSaveNeedsAName: an empty name saves nothing; Esc cancels.
func TestSaveNeedsAName(t *testing.T) {
	a, s := openFollowCapture(t, sshProbe, 80, 24, false)
	send(a, s, keySpec{"w", tcell.KeyEnter})
	if a.message != "no file name given: nothing saved" {
		t.Errorf("message %q", a.message)
	}
	never := filepath.Join(t.TempDir(), "never.pcap")
	send(a, s, keySpec{"w", never, tcell.KeyEscape})
	if a.edit != editNone || a.message != "" {
		t.Errorf("Esc left edit %d, message %q", a.edit, a.message)
	}
	if _, err := os.Stat(never); err == nil {
		t.Error("Esc saved a file")
	}
}
