package demo

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// The embedded capture must stay identical to the lab's seed capture, which
// the RST explainer's tests check against its labels.
func TestSameAsLabSeed(t *testing.T) {
	lab, err := os.ReadFile("../../testdata/lab/seed.pcap")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(lab, Bytes()) {
		t.Fatal("internal/demo/seed.pcap differs from testdata/lab/seed.pcap: copy it again")
	}
	p, err := WriteTemp()
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(filepath.Dir(p))
	if filepath.Base(p) != "seed.pcap" {
		t.Errorf("demo file is %s, want seed.pcap", p)
	}
	got, _ := os.ReadFile(p)
	if !bytes.Equal(got, lab) {
		t.Fatal("WriteTemp wrote different bytes")
	}
}
