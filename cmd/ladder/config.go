package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/ladder-dev/ladder/ui/config"
)

func init() {
	register(command{name: "config", summary: "print the effective configuration as TOML (--path: where the file is)", run: runConfig})
}

// configFlags are the flags that choose the configuration file and
// override its values; the interactive view and "ladder config" take them.
type configFlags struct {
	file  *string
	theme *string
	time  *string
}

func addConfigFlags(fs *flag.FlagSet) *configFlags {
	return &configFlags{
		file:  fs.String("config", "", "read settings from `FILE` (default $XDG_CONFIG_HOME/ladder/config.toml, or $LADDER_CONFIG)"),
		theme: fs.String("theme", "", "colour theme: `dark` or light (overrides the file)"),
		time:  fs.String("time-format", "", "Time column: `relative`, absolute, delta or epoch (as tshark -t r/a/d/e)"),
	}
}

// configFlagArgs is how many arguments a configuration flag takes up at
// args[i] (2 for "--config FILE", 1 for "--config=FILE"), 0 for another
// argument. runDefault skips them when it prints the list instead.
func configFlagArgs(arg string) int {
	name := strings.TrimLeft(arg, "-")
	if name == arg || strings.HasPrefix(arg, "---") {
		return 0
	}
	name, _, hasValue := strings.Cut(name, "=")
	switch name {
	case "config", "theme", "time-format":
		if hasValue {
			return 1
		}
		return 2
	}
	return 0
}

// load reads the configuration and applies the environment and the flags
// on top (flags win). Problems are printed; ok is false when the program
// must not start.
func (f *configFlags) load(noColor bool, env config.Env, stderr io.Writer) (*config.Config, bool) {
	return f.loadWith(noColor, false, env, stderr)
}

// loadWith is load with --no-osc52 too, which "ladder config" shows; the
// interactive view passes that flag to the UI itself (ui.Config.NoOSC52).
func (f *configFlags) loadWith(noColor, noOSC52 bool, env config.Env, stderr io.Writer) (*config.Config, bool) {
	path, explicit := config.Path(*f.file, env)
	c, err := config.Load(path, explicit)
	if err != nil {
		var errs config.Errors
		if errors.As(err, &errs) {
			for _, e := range errs {
				fmt.Fprintln(stderr, e)
			}
			fmt.Fprintf(stderr, "ladder: %d problem(s) in the configuration file %s; fix them, or start with --config /dev/null\n", len(errs), path)
		} else {
			fmt.Fprintln(stderr, "ladder: configuration:", err)
		}
		return nil, false
	}
	overrides := []struct {
		on      bool
		section string
		name    string
		value   config.Value
		from    config.Origin
	}{
		{env("NO_COLOR") != "", "ui", "color", config.Str("none"), config.Origin{Source: config.FromEnv, Where: "NO_COLOR"}},
		{noColor, "ui", "color", config.Str("none"), config.Origin{Source: config.FromFlag, Where: "--no-color"}},
		{*f.theme != "", "ui", "theme", config.Str(*f.theme), config.Origin{Source: config.FromFlag, Where: "--theme"}},
		{*f.time != "", "ui", "time", config.Str(*f.time), config.Origin{Source: config.FromFlag, Where: "--time-format"}},
		{noOSC52, "ui", "osc52", config.Bool(false), config.Origin{Source: config.FromFlag, Where: "--no-osc52"}},
	}
	ok := true
	for _, o := range overrides {
		if !o.on {
			continue
		}
		if err := c.Override(o.section, o.name, o.value, o.from); err != nil {
			fmt.Fprintln(stderr, "ladder:", err)
			ok = false
		}
	}
	return c, ok
}

// runConfig prints the effective configuration, each value with where it
// came from, or with --path the file ladder reads.
func runConfig(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("config", "config [--path] [--config FILE] [--theme T] [--time-format F] [--no-color]", stderr)
	conf := addConfigFlags(fs)
	noColor := fs.Bool("no-color", false, "no colours (also when NO_COLOR is set)")
	noOSC52 := fs.Bool("no-osc52", false, "y copies to a file instead of the terminal's clipboard")
	pathOnly := fs.Bool("path", false, "print the path of the configuration file ladder reads (it may not exist)")
	pos, err := parseArgs(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		return exitUsage
	}
	if len(pos) > 0 {
		fmt.Fprintln(stderr, "ladder config: no arguments expected besides flags")
		return exitUsage
	}
	path, _ := config.Path(*conf.file, os.Getenv)
	if *pathOnly {
		fmt.Fprintln(stdout, path)
		return exitOK
	}
	c, ok := conf.loadWith(*noColor, *noOSC52, os.Getenv, stderr)
	if !ok {
		return exitUsage
	}
	state := "read"
	if c.Path == "" {
		state = "not found: every value is the default"
	}
	fmt.Fprintf(stdout, "# ladder configuration: %s (%s)\n# Flags override the environment, which overrides the file.\n\n", path, state)
	if err := c.Write(stdout); err != nil {
		return exitDamaged
	}
	return exitOK
}
