package config

import (
	"fmt"
	"strings"
)

// Kind is the TOML type a setting takes.
type Kind int

const (
	KindString Kind = iota
	KindInt
	KindBool
	KindList // an array of strings
)

func (k Kind) String() string {
	return [...]string{"a string", "an integer", "a boolean (true or false)", "an array of strings"}[k]
}

// Value is one setting's value.
type Value struct {
	Kind Kind
	Str  string
	Int  int
	Bool bool
	List []string
}

// Str, Int, Bool and List build values; the table below reads better with them.
func Str(s string) Value     { return Value{Kind: KindString, Str: s} }
func Int(n int) Value        { return Value{Kind: KindInt, Int: n} }
func Bool(b bool) Value      { return Value{Kind: KindBool, Bool: b} }
func List(l ...string) Value { return Value{Kind: KindList, List: l} }

// TOML writes the value as TOML.
func (v Value) TOML() string {
	switch v.Kind {
	case KindInt:
		return fmt.Sprint(v.Int)
	case KindBool:
		return fmt.Sprint(v.Bool)
	case KindList:
		q := make([]string, len(v.List))
		for i, s := range v.List {
			q[i] = quote(s)
		}
		return "[" + strings.Join(q, ", ") + "]"
	}
	return quote(v.Str)
}

// quote writes a TOML basic string.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// Setting describes one key of the file: where it lives, its default, and
// what values it accepts. check returns a message for a bad value.
type Setting struct {
	Section, Name string
	Default       Value
	Doc           string // one line, printed by "ladder config"
	check         func(Value) string
}

// Key is the setting's "section.name".
func (s *Setting) Key() string { return s.Section + "." + s.Name }

// Sections in the order "ladder config" prints them.
var sectionOrder = []string{"ui", "colors", "columns", "layout", "keys"}

// Column names of the packet list, in the default order.
var Columns = []string{"no", "time", "source", "destination", "protocol", "length", "info"}

// Panes of the main view, top to bottom.
var Panes = []string{"list", "details", "bytes"}

// Styles the [colors] section can override.
var StyleNames = []string{"selected", "marked", "filter_ok", "filter_error", "header"}

// settings returns the table of every key the file may hold. It is built
// on each call so no package state can be changed by a caller.
func settings() []Setting {
	s := []Setting{
		{Section: "ui", Name: "theme", Default: Str("dark"), Doc: `"dark" (for a dark terminal background) or "light"`,
			check: oneOf("dark", "light")},
		{Section: "ui", Name: "color", Default: Str("256"), Doc: `at most "256" colours, "16", or "none" (--no-color and NO_COLOR set "none")`,
			check: oneOf("256", "16", "none")},
		{Section: "ui", Name: "time", Default: Str("relative"), Doc: `time column: "relative" (seconds since the first packet), "absolute" (time of day), "delta" (since the previous packet), "epoch"`,
			check: oneOf("relative", "absolute", "delta", "epoch")},
		{Section: "ui", Name: "osc52", Default: Bool(true), Doc: "y copies to the terminal's clipboard with OSC 52; false (or --no-osc52): to yank_file"},
		{Section: "ui", Name: "yank_file", Default: Str(""), Doc: `where y writes when OSC 52 is off; "" is $TMPDIR/ladder-yank.txt`},
	}
	for _, name := range StyleNames {
		s = append(s, Setting{Section: "colors", Name: name, Default: Str(""),
			Doc: `"FG on BG" or "FG": colour names or #rrggbb; "" keeps the theme's`, check: checkStyle})
	}
	s = append(s, Setting{Section: "columns", Name: "show", Default: List(Columns...),
		Doc: "packet-list columns, in order", check: checkColumns})
	for _, c := range Columns {
		s = append(s, Setting{Section: "columns", Name: c, Default: Int(0),
			Doc: "width in cells; 0 sizes it from the rows shown", check: intRange(0, 200)})
	}
	s = append(s,
		Setting{Section: "layout", Name: "panes", Default: List(Panes...), Doc: "panes shown at start, top to bottom order is fixed",
			check: checkPanes},
		Setting{Section: "layout", Name: "list", Default: Int(5), Doc: "relative height of the packet list", check: intRange(1, 20)},
		Setting{Section: "layout", Name: "details", Default: Int(3), Doc: "relative height of the details pane", check: intRange(1, 20)},
		Setting{Section: "layout", Name: "bytes", Default: Int(2), Doc: "relative height of the bytes pane", check: intRange(1, 20)},
		Setting{Section: "layout", Name: "zoom", Default: Bool(false), Doc: "start with the packet list filling the screen"},
	)
	for _, a := range Actions() {
		s = append(s, Setting{Section: "keys", Name: a.Name, Default: Str(a.Default), Doc: a.Doc, check: checkKey})
	}
	return s
}

// lookup finds a setting by section and name.
func lookup(table []Setting, section, name string) *Setting {
	for i := range table {
		if table[i].Section == section && table[i].Name == name {
			return &table[i]
		}
	}
	return nil
}

func oneOf(allowed ...string) func(Value) string {
	return func(v Value) string {
		for _, a := range allowed {
			if v.Str == a {
				return ""
			}
		}
		q := make([]string, len(allowed))
		for i, a := range allowed {
			q[i] = quote(a)
		}
		return "want " + strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
	}
}

func intRange(lo, hi int) func(Value) string {
	return func(v Value) string {
		if v.Int < lo || v.Int > hi {
			return fmt.Sprintf("want %d to %d", lo, hi)
		}
		return ""
	}
}

// checkNames checks a list against allowed names: each known, none twice,
// at least one.
func checkNames(what string, allowed []string) func(Value) string {
	return func(v Value) string {
		if len(v.List) == 0 {
			return "at least one " + what + " is needed"
		}
		seen := map[string]bool{}
		for _, n := range v.List {
			if !contains(allowed, n) {
				msg := fmt.Sprintf("unknown %s %s (known: %s)", what, quote(n), strings.Join(allowed, ", "))
				if s := suggest(n, allowed); s != "" {
					msg += "; did you mean " + quote(s) + "?"
				}
				return msg
			}
			if seen[n] {
				return fmt.Sprintf("%s %s listed twice", what, quote(n))
			}
			seen[n] = true
		}
		return ""
	}
}

func checkColumns(v Value) string {
	if msg := checkNames("column", Columns)(v); msg != "" {
		return msg
	}
	if !contains(v.List, "info") {
		return `the "info" column cannot be left out: it takes the width the others leave`
	}
	return ""
}

func checkPanes(v Value) string { return checkNames("pane", Panes)(v) }

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}
