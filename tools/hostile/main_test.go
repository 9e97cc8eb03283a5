package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestGeneratedFilesCommitted keeps testdata/damaged/hostile__* equal to what
// the generator writes, so the tests that read them test what this
// generator documents.
func TestGeneratedFilesCommitted(t *testing.T) {
	root := filepath.Join("..", "..")
	files, err := build(filepath.Join(root, source))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		t.Run(f.name, func(t *testing.T) {
			got, err := os.ReadFile(filepath.Join(root, "testdata", "damaged", f.name))
			if err != nil {
				t.Fatalf("%v (run: go run ./tools/hostile)", err)
			}
			if !bytes.Equal(got, f.data) {
				t.Fatalf("committed file differs from the generator's output (run: go run ./tools/hostile)")
			}
		})
	}
	committed, _ := filepath.Glob(filepath.Join(root, "testdata", "damaged", "hostile__*"))
	if len(committed) != len(files) {
		t.Fatalf("%d hostile__ files committed, generator writes %d", len(committed), len(files))
	}
}
