package main

import (
	"io"
	"os"
	"testing"
)

// Benchmarks of whole commands on a large capture named by
// LADDER_BENCH_CAPTURE (make one with bench/gen.sh); skipped without it.
func benchCommand(b *testing.B, args ...string) {
	file := os.Getenv("LADDER_BENCH_CAPTURE")
	if file == "" {
		b.Skip("set LADDER_BENCH_CAPTURE to a capture made by bench/gen.sh")
	}
	b.ReportAllocs()
	for b.Loop() {
		if code := run(append(args, file), io.Discard, io.Discard); code != exitOK {
			b.Fatalf("exit %d", code)
		}
	}
}

func BenchmarkFlowsJSON(b *testing.B)   { benchCommand(b, "flows", "--json") }
func BenchmarkExpertJSON(b *testing.B)  { benchCommand(b, "expert", "--json") }
func BenchmarkExplainJSON(b *testing.B) { benchCommand(b, "explain", "--json") }
