package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/ladder-dev/ladder/internal/demo"
)

func init() {
	register(command{"demo", "open a small built-in capture of the forum's reset question", runDemo})
}

// runDemo opens the embedded seed capture, so a new user sees a ladder and a
// reset explanation with no capture of their own. Not on a terminal, it
// prints the packet list and the explanations instead.
func runDemo(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
		fmt.Fprintln(stdout, "Usage: ladder demo [--no-color]\n\nOpens the built-in seed capture: a client resets its HTTPS connection while the\nserver's segments are still in flight, and each late segment draws another reset.")
		return exitOK
	}
	path, err := demo.WriteTemp()
	if err != nil {
		fmt.Fprintln(stderr, "ladder demo:", err)
		return exitDamaged
	}
	defer os.RemoveAll(filepath.Dir(path))
	if isTerminal(stdout) {
		return runTUI(append(args, path), stderr)
	}
	if code := runList([]string{path}, stdout, stderr); code != exitOK {
		return code
	}
	fmt.Fprintln(stdout)
	return runExplain([]string{path}, stdout, stderr)
}
