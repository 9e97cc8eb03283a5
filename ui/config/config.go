// Package config reads ladder's configuration file: a small TOML subset
// with [ui], [colors], [columns], [layout] and [keys] sections. Every key is
// optional; every problem in the file is reported at once with its line, so
// a user fixes the file in one pass. It knows nothing of the terminal
// interface beyond key and colour names; ui/settings.go applies a Config.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Source says where an effective value came from.
type Source int

const (
	FromDefault Source = iota
	FromFile
	FromEnv
	FromFlag
)

// Origin is where a value came from: "default", "PATH:LINE", "env NO_COLOR",
// "flag --no-color".
type Origin struct {
	Source Source
	Where  string // file path, variable or flag name
	Line   int    // for FromFile
}

func (o Origin) String() string {
	switch o.Source {
	case FromFile:
		return fmt.Sprintf("file %s:%d", o.Where, o.Line)
	case FromEnv:
		return "env " + o.Where
	case FromFlag:
		return "flag " + o.Where
	}
	return "default"
}

type setValue struct {
	value  Value
	origin Origin
}

// Config is the effective configuration: defaults, then the file, then
// environment and flags on top. The zero Config is all defaults.
type Config struct {
	Path string // the file read, "" when none
	set  map[string]setValue
}

// Get returns the effective value of section.name and where it came from.
// It panics on a key the table does not have: that is a programming error,
// never a user's.
func (c *Config) Get(section, name string) (Value, Origin) {
	s := lookup(settings(), section, name)
	if s == nil {
		panic("config: no setting " + section + "." + name)
	}
	if v, ok := c.set[s.Key()]; ok {
		return v.value, v.origin
	}
	return s.Default, Origin{}
}

// String, Int, Bool and List return effective values.
func (c *Config) String(section, name string) string { v, _ := c.Get(section, name); return v.Str }
func (c *Config) Int(section, name string) int       { v, _ := c.Get(section, name); return v.Int }
func (c *Config) Bool(section, name string) bool     { v, _ := c.Get(section, name); return v.Bool }
func (c *Config) List(section, name string) []string { v, _ := c.Get(section, name); return v.List }

// Override sets a value from a flag or the environment, checked like a
// value from the file.
func (c *Config) Override(section, name string, v Value, from Origin) error {
	s := lookup(settings(), section, name)
	if s == nil {
		return fmt.Errorf("no setting %s.%s", section, name)
	}
	if v.Kind != s.Default.Kind {
		return fmt.Errorf("%s: %s", from.Where, "want "+s.Default.Kind.String())
	}
	if s.check != nil {
		if msg := s.check(v); msg != "" {
			return fmt.Errorf("%s %s: %s", from.Where, v.TOML(), msg)
		}
	}
	if c.set == nil {
		c.set = map[string]setValue{}
	}
	c.set[s.Key()] = setValue{v, from}
	return nil
}

// Error is one problem in the file.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e Error) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

func errorf(file string, line int, format string, args ...any) Error {
	return Error{File: file, Line: line, Msg: fmt.Sprintf(format, args...)}
}

// Errors are all the problems found in a file, in line order.
type Errors []Error

func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Parse reads a configuration file's text; file names it in messages.
// The error, when not nil, is Errors listing every problem.
func Parse(file string, text []byte) (*Config, error) {
	p, errs := parse(file, text)
	table := settings()
	c := &Config{Path: file, set: map[string]setValue{}}
	known := map[string]bool{}
	for _, s := range table {
		known[s.Section] = true
	}
	for _, h := range p.headers {
		if !known[h.section] {
			msg := fmt.Sprintf("unknown section [%s]", h.section)
			if s := suggest(h.section, sectionOrder); s != "" {
				msg += fmt.Sprintf("; did you mean [%s]?", s)
			}
			errs = append(errs, errorf(file, h.line, "%s", msg))
		}
	}
	for _, e := range p.entries {
		if !known[e.section] {
			continue // the section is reported
		}
		s := lookup(table, e.section, e.name)
		if s == nil {
			msg := fmt.Sprintf("unknown key %s in [%s]", quote(e.name), e.section)
			if sg := suggest(e.name, namesIn(table, e.section)); sg != "" {
				msg += "; did you mean " + quote(sg) + "?"
			}
			errs = append(errs, errorf(file, e.line, "%s", msg))
			continue
		}
		if e.value.Kind != s.Default.Kind {
			errs = append(errs, errorf(file, e.line, "%s = %s: want %s", e.name, e.value.TOML(), s.Default.Kind))
			continue
		}
		if s.check != nil {
			if msg := s.check(e.value); msg != "" {
				errs = append(errs, errorf(file, e.line, "%s = %s: %s", e.name, e.value.TOML(), msg))
				continue
			}
		}
		c.set[s.Key()] = setValue{e.value, Origin{FromFile, file, e.line}}
	}
	errs = append(errs, c.checkKeys(file)...)
	if len(errs) > 0 {
		sortErrors(errs)
		return nil, errs
	}
	return c, nil
}

// checkKeys refuses two actions on the same key: the second one would
// never be reached.
func (c *Config) checkKeys(file string) Errors {
	var errs Errors
	owner := map[KeyID]string{}
	for _, a := range Actions() {
		v, o := c.Get("keys", a.Name)
		k, err := ParseKey(v.Str)
		if err != nil {
			continue // already reported
		}
		if other, dup := owner[k]; dup {
			ov, oo := c.Get("keys", other)
			line, name, text, with := o.Line, a.Name, v.Str, other
			if o.Source != FromFile || oo.Source == FromFile && oo.Line > line {
				line, name, text, with = oo.Line, other, ov.Str, a.Name
			}
			errs = append(errs, errorf(file, line, "%s = %s: key %s is already bound to %s", name, quote(text), quote(k.String()), with))
			continue
		}
		owner[k] = a.Name
	}
	return errs
}

func sortErrors(errs Errors) {
	for i := 1; i < len(errs); i++ {
		for j := i; j > 0 && errs[j].Line < errs[j-1].Line; j-- {
			errs[j], errs[j-1] = errs[j-1], errs[j]
		}
	}
}

func namesIn(table []Setting, section string) []string {
	var names []string
	for _, s := range table {
		if s.Section == section {
			names = append(names, s.Name)
		}
	}
	return names
}

// Env is the environment the file's location depends on; tests pass a map.
type Env func(name string) string

// DefaultPath is where the file is looked for when neither --config nor
// LADDER_CONFIG names one: $XDG_CONFIG_HOME/ladder/config.toml, else
// ~/.config/ladder/config.toml. It is "" when neither variable is set.
func DefaultPath(env Env) string {
	if dir := env("XDG_CONFIG_HOME"); filepath.IsAbs(dir) { // the XDG spec ignores relative paths
		return filepath.Join(dir, "ladder", "config.toml")
	}
	if home := env("HOME"); home != "" {
		return filepath.Join(home, ".config", "ladder", "config.toml")
	}
	return ""
}

// Path returns the file to read and whether it was named explicitly (a
// named file must exist; the default one may be missing).
func Path(flagPath string, env Env) (string, bool) {
	switch {
	case flagPath != "":
		return flagPath, true
	case env("LADDER_CONFIG") != "":
		return env("LADDER_CONFIG"), true
	}
	return DefaultPath(env), false
}

// Load reads the file at path. A missing file that was not named
// explicitly gives the defaults.
func Load(path string, explicit bool) (*Config, error) {
	if path == "" {
		return &Config{}, nil
	}
	text, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) && !explicit {
		return &Config{}, nil
	}
	if err != nil {
		return nil, err
	}
	return Parse(path, text)
}
