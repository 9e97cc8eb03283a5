package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/ladder-dev/ladder/analysis/vantage"
	"github.com/ladder-dev/ladder/decode"
	"github.com/ladder-dev/ladder/ui"
	"golang.org/x/term"
)

// runDefault handles "ladder FILE", "ladder -r FILE" and "ladder -": the
// interactive view when standard output is a terminal, and the packet list
// otherwise, so scripts and pipes keep getting text.
func runDefault(args []string, stdout, stderr io.Writer) int {
	if f, ok := stdout.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		return runTUI(args, stderr)
	}
	var rest []string
	for i := 0; i < len(args); i++ {
		switch {
		case args[i] == "-r" && i+1 < len(args):
			rest = append(rest, args[i+1])
			i++
		case configFlagArgs(args[i]) > 0: // the list has no use for the interactive view's settings
			i += configFlagArgs(args[i]) - 1
		case args[i] == "--no-color" || args[i] == "-no-color" || args[i] == "--no-osc52" || args[i] == "-no-osc52":
		default:
			rest = append(rest, args[i])
		}
	}
	return runList(rest, stdout, stderr)
}

// runTUI opens the capture in the terminal interface. Loading runs in the
// index's goroutine; the interface shows packets as they arrive.
func runTUI(args []string, stderr io.Writer) int {
	fs := newFlags("", "[-r] FILE [FILE2] [--no-color] [--no-osc52]", stderr)
	read := fs.String("r", "", "read the capture from `FILE` (- for standard input)")
	noColor := fs.Bool("no-color", false, "no colours (also when NO_COLOR is set)")
	conf := addConfigFlags(fs)
	noOSC52 := fs.Bool("no-osc52", false, "y copies to a file ($TMPDIR/ladder-yank.txt) instead of the terminal's clipboard (OSC 52)")
	live := addLiveFlags(fs, nil)
	pos, err := parseArgs(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		return exitUsage
	}
	settings, ok := conf.load(*noColor, os.Getenv, stderr)
	if !ok {
		return exitUsage
	}
	if live.active() {
		if !live.usable("", pos, stderr) {
			return exitUsage
		}
		return live.run(stderr, func(idx *decode.Index) error {
			return ui.New(ui.Config{Capture: idx, NoColor: *noColor || os.Getenv("NO_COLOR") != "", NoOSC52: *noOSC52, Settings: *settings}).Run()
		})
	}
	name := *read
	switch {
	case name == "" && len(pos) == 2:
		return runTUITwo(pos, ui.Config{NoColor: *noColor || os.Getenv("NO_COLOR") != "", NoOSC52: *noOSC52, Settings: *settings}, stderr)
	case name == "" && len(pos) == 1:
		name = pos[0]
	case name == "" || len(pos) > 0:
		fmt.Fprintln(stderr, "ladder: one capture file is needed, or two of the same traffic")
		return exitUsage
	}
	src, err := decode.Open(name)
	if err != nil {
		return reportLoadError(stderr, err)
	}
	defer src.Close()
	idx := decode.Start(src)
	app := ui.New(ui.Config{Capture: idx, NoColor: *noColor || os.Getenv("NO_COLOR") != "", NoOSC52: *noOSC52, Settings: *settings})
	if err := app.Run(); err != nil {
		fmt.Fprintln(stderr, "ladder:", err)
		return exitDamaged
	}
	select {
	case <-idx.Done():
		return reportLoadError(stderr, idx.Err())
	default:
		return exitOK // quit before loading finished: nothing to report
	}
}

// runTUITwo opens two captures of the same traffic: both load at once,
// the view shows the first as it loads (the second's progress on the
// status bar), and the app lines them up when both are in.
func runTUITwo(names []string, cfg ui.Config, stderr io.Writer) int {
	var idx [2]*decode.Index
	for k, n := range names {
		src, err := decode.Open(n)
		if err != nil {
			return reportLoadError(stderr, err)
		}
		defer src.Close()
		idx[k] = decode.Start(src)
	}
	cfg.Capture = idx[0]
	cfg.Second = &vantage.Capture{Name: names[1], Idx: idx[1]}
	if err := ui.New(cfg).Run(); err != nil {
		fmt.Fprintln(stderr, "ladder:", err)
		return exitDamaged
	}
	var errs []error
	for _, x := range idx {
		select {
		case <-x.Done():
			errs = append(errs, x.Err())
		default: // quit before loading finished: nothing to report
		}
	}
	return reportLoadError(stderr, errors.Join(errs...))
}
