package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestFollowNeverOverwritesInput: -w naming the capture being read — by
// its own name, a symlink or a hard link — is refused and the capture keeps
// every byte (the bug: the output was truncated in place first).
func TestFollowNeverOverwritesInput(t *testing.T) {
	orig, err := os.ReadFile("../../testdata/lab/seed.pcap")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "in.pcap")
	if err := os.WriteFile(in, orig, 0o644); err != nil {
		t.Fatal(err)
	}
	sym, hard := filepath.Join(dir, "sym.pcap"), filepath.Join(dir, "hard.pcap")
	if err := os.Symlink(in, sym); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(in, hard); err != nil {
		t.Fatal(err)
	}
	for _, target := range []string{in, sym, hard, filepath.Join(dir, ".", "in.pcap")} {
		var out, errb bytes.Buffer
		code := run([]string{"follow", in, "--stream", "0", "--format", "raw", "-w", target}, &out, &errb)
		if code != exitUsage {
			t.Errorf("-w %s: exit %d, want %d (%s)", target, code, exitUsage, errb.String())
		}
		if got, _ := os.ReadFile(in); !bytes.Equal(got, orig) {
			t.Fatalf("-w %s changed the input", target)
		}
	}
	// A different file is written, whole.
	var out, errb bytes.Buffer
	other := filepath.Join(dir, "payload.bin")
	if code := run([]string{"follow", in, "--stream", "0", "--format", "raw", "-w", other}, &out, &errb); code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if st, err := os.Stat(other); err != nil || st.Size() == 0 {
		t.Fatalf("payload file: %v", err)
	}
}
