// Command ladder is a packet browser for the terminal that explains why TCP
// connections end. With a capture file and no subcommand it opens the
// interactive view; subcommands print the same analysis as text or JSON.
package main

import (
	"bufio"
	"fmt"
	"github.com/ladder-dev/ladder/decode"
	"io"
	"os"
	"runtime/debug"
	"sort"
)

// The collector's pace (GOGC) while a capture loads and once it has:
// see main and loaded.
const (
	loadGCPercent   = 30
	outputGCPercent = 10
)

// Exit codes: 0 success, 1 damaged or unreadable input or unwritable
// output, 2 bad usage.
const (
	exitOK      = 0
	exitDamaged = 1
	exitUsage   = 2
)

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(args []string, stdout, stderr io.Writer) int
}

// registry holds the subcommands; each lives in its own file and registers
// itself from init, so adding a command touches no shared list.
var registry []command

func register(c command) { registry = append(registry, c) }

// commands returns the subcommands sorted by name.
func commands() []command {
	cs := append([]command(nil), registry...)
	sort.Slice(cs, func(i, j int) bool { return cs[i].name < cs[j].name })
	return cs
}

func main() {
	if os.Getenv("GOGC") == "" {
		// The index is a few large, pointer-free chunks that live until
		// exit; collecting more often costs little and keeps the peak
		// memory of a multi-million-packet capture ~20% lower.
		debug.SetGCPercent(loadGCPercent)
	}
	stop := startProfiles(os.Stderr)
	code := run(os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "-h", "--help", "help":
		usage(stdout)
		return exitOK
	case "-V", "--version":
		return runVersion(nil, stdout, stderr)
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(args[1:], stdout, stderr)
		}
	}
	// No subcommand: open the capture (the interactive view on a terminal).
	return runDefault(args, stdout, stderr)
}

func usage(w io.Writer) {
	fmt.Fprintf(w, `ladder — a packet browser that explains why TCP connections end

Usage:
  ladder FILE                 show the capture (FILE may be pcap, pcapng, gzip-compressed, or - for stdin)
  ladder COMMAND FILE [flags] print one view as text or JSON
  ladder -i IFACE [-f FILTER] [-w FILE [-b filesize:KB -b files:N]] [-c N]
                              capture live (Linux; "ladder list -i IFACE" prints lines as they arrive;
                              -b writes a ring of files and keeps only their packets in memory)
  ladder -D                   list the interfaces -i can capture on

Commands:
`)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, `
Run "ladder COMMAND --help" for the flags of a command.

Exit status: 0 on success, 1 when the capture is damaged or unreadable
(everything before the damage is still printed) or the output cannot be
written, 2 on bad usage.
`)
}

// finish flushes a command's buffered output and returns its exit code. A
// write error (a full disk, a closed file) is exit 1 with a message: output
// that never arrived must not look like success. bufio keeps the first
// error of any earlier write, so one check here covers every line.
func finish(w *bufio.Writer, stderr io.Writer, loadErr error) int {
	if err := w.Flush(); err != nil {
		fmt.Fprintln(stderr, "ladder: writing the output failed:", err)
		return exitDamaged
	}
	return reportLoadError(stderr, loadErr)
}

// reportLoadError prints a load error and returns the exit code for it.
func reportLoadError(stderr io.Writer, err error) int {
	if err == nil {
		return exitOK
	}
	fmt.Fprintln(stderr, "ladder:", decode.Printable(err.Error())) // file names may hold escapes
	return exitDamaged
}
