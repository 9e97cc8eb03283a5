package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"sync"
)

// startProfiles starts the profiles named by LADDER_CPUPROFILE and
// LADDER_MEMPROFILE (file paths) and returns the function that writes them
// at exit. They exist so that performance work measures the real binary on
// the real capture (bench/run.sh, README "Performance"), not a benchmark's
// approximation of it.
//
// The memory profile is taken when the capture has finished loading
// (loaded calls snapshotHeap): that is when the index, the flows and the
// analysis tables are all live, the peak a profile must show. At exit they
// are garbage, so a command that loads nothing writes it then.
func startProfiles(stderr io.Writer) (stop func()) {
	cpuPath, memPath := os.Getenv("LADDER_CPUPROFILE"), os.Getenv("LADDER_MEMPROFILE")
	var cpu *os.File
	if cpuPath != "" {
		f, err := os.Create(cpuPath)
		if err != nil {
			fmt.Fprintf(stderr, "ladder: LADDER_CPUPROFILE: %v\n", err)
		} else if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintf(stderr, "ladder: LADDER_CPUPROFILE: %v\n", err)
			f.Close()
		} else {
			cpu = f
		}
	}
	if memPath != "" {
		snapshotHeap = sync.OnceFunc(func() { writeHeapProfile(memPath, stderr) })
	}
	return func() {
		if cpu != nil {
			pprof.StopCPUProfile()
			cpu.Close()
		}
		snapshotHeap()
	}
}

// snapshotHeap writes the memory profile the first time it is called, when
// LADDER_MEMPROFILE is set.
var snapshotHeap = func() {}

func writeHeapProfile(path string, stderr io.Writer) {
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintf(stderr, "ladder: LADDER_MEMPROFILE: %v\n", err)
		return
	}
	defer f.Close()
	runtime.GC()
	if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
		fmt.Fprintf(stderr, "ladder: LADDER_MEMPROFILE: %v\n", err)
	}
}
