package config

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// The expected values and line numbers below are read off the file texts
// by hand (count the lines of each literal); none comes from the parser.

func mustParse(t *testing.T, text string) *Config {
	t.Helper()
	c, err := Parse("config.toml", []byte(text))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return c
}

func TestParseValidFiles(t *testing.T) {
	type want struct {
		section, name string
		value         Value
		line          int // 0: the default
	}
	cases := []struct {
		name string
		text string
		want []want
	}{
		{"empty file", "", []want{{"ui", "theme", Str("dark"), 0}, {"ui", "time", Str("relative"), 0}}},
		{"comments and blank lines only", "# nothing\n\n   # indented\n", []want{{"ui", "color", Str("256"), 0}}},
		{"basic string", "[ui]\ntheme = \"light\"\n", []want{{"ui", "theme", Str("light"), 2}}},
		{"literal string", "[ui]\ntime = 'epoch'\n", []want{{"ui", "time", Str("epoch"), 2}}},
		{"trailing comment", "[ui]\ncolor = \"16\" # small terminal\n", []want{{"ui", "color", Str("16"), 2}}},
		{"spaces around everything", "  [ ui ]  \n\t time\t=\t\"delta\"   \n", []want{{"ui", "time", Str("delta"), 2}}},
		{"CRLF line ends", "[ui]\r\ntheme = \"light\"\r\n", []want{{"ui", "theme", Str("light"), 2}}},
		{"integer", "[columns]\nsource = 20\n", []want{{"columns", "source", Int(20), 2}}},
		{"boolean", "[layout]\nzoom = true\n", []want{{"layout", "zoom", Bool(true), 2}}},
		{"boolean with comment", "[layout]\nzoom = false# no\n", []want{{"layout", "zoom", Bool(false), 2}}},
		{"one-line array", "[columns]\nshow = [\"no\", \"info\"]\n", []want{{"columns", "show", List("no", "info"), 2}}},
		{"array over lines with comments and trailing comma", "[columns]\nshow = [\n  \"time\", # first\n  \"info\",\n]\n",
			[]want{{"columns", "show", List("time", "info"), 2}}},
		{"escapes", "[colors]\nselected = \"white on \\u0023000080\"\n", []want{{"colors", "selected", Str("white on #000080"), 2}}},
		{"colour by hex", "[colors]\nmarked = \"#000000 on #ffff00\"\n", []want{{"colors", "marked", Str("#000000 on #ffff00"), 2}}},
		{"key name", "[keys]\nnext_pane = \"F6\"\nquit = \"Q\"\n",
			[]want{{"keys", "next_pane", Str("F6"), 2}, {"keys", "quit", Str("Q"), 3}, {"keys", "help", Str("?"), 0}}},
		{"swap two keys", "[keys]\nnext_rst = \"n\"\nnext_note = \"r\"\n",
			[]want{{"keys", "next_rst", Str("n"), 2}, {"keys", "next_note", Str("r"), 3}}},
		{"layout", "[layout]\npanes = [\"list\", \"bytes\"]\nlist = 8\nbytes = 1\n",
			[]want{{"layout", "panes", List("list", "bytes"), 2}, {"layout", "list", Int(8), 3}, {"layout", "bytes", Int(1), 4}, {"layout", "details", Int(3), 0}}},
		{"every section", "[ui]\ntheme = \"light\"\n\n[colors]\nheader = \"navy\"\n[columns]\ninfo = 0\n[layout]\ndetails = 4\n[keys]\nzoom = \"Z\"\n",
			[]want{{"ui", "theme", Str("light"), 2}, {"colors", "header", Str("navy"), 5}, {"columns", "info", Int(0), 7}, {"layout", "details", Int(4), 9}, {"keys", "zoom", Str("Z"), 11}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := mustParse(t, tc.text)
			for _, w := range tc.want {
				v, o := c.Get(w.section, w.name)
				if !reflect.DeepEqual(v, w.value) {
					t.Errorf("%s.%s = %#v, want %#v", w.section, w.name, v, w.value)
				}
				wantSource := FromFile
				if w.line == 0 {
					wantSource = FromDefault
				}
				if o.Source != wantSource || o.Line != w.line {
					t.Errorf("%s.%s from %v, want line %d", w.section, w.name, o, w.line)
				}
			}
		})
	}
}

// TestEveryKey sets each key of the table to a value other than its
// default and reads it back, so no key is left without a test.
func TestEveryKey(t *testing.T) {
	other := map[Kind]func(s Setting) Value{
		KindString: func(s Setting) Value {
			switch s.Section {
			case "colors":
				return Str("yellow on black")
			case "keys":
				return Str("F12") // no action has F12 by default
			}
			alt := map[string]string{"theme": "light", "color": "16", "time": "absolute", "yank_file": "/tmp/yank.txt"}
			return Str(alt[s.Name])
		},
		KindInt:  func(Setting) Value { return Int(7) },
		KindBool: func(s Setting) Value { return Bool(!s.Default.Bool) },
		KindList: func(s Setting) Value {
			if s.Name == "show" {
				return List("info", "no")
			}
			return List("details")
		},
	}
	for _, s := range settings() {
		t.Run(s.Key(), func(t *testing.T) {
			v := other[s.Default.Kind](s)
			if reflect.DeepEqual(v, s.Default) {
				t.Fatalf("test value %v is the default", v.TOML())
			}
			c := mustParse(t, "["+s.Section+"]\n"+s.Name+" = "+v.TOML()+"\n")
			got, o := c.Get(s.Section, s.Name)
			if !reflect.DeepEqual(got, v) || o.Line != 2 {
				t.Errorf("got %s from %v, want %s from line 2", got.TOML(), o, v.TOML())
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	cases := []struct {
		name string
		text string
		want []string // every message, in line order
	}{
		{"misspelt key", "[ui]\ntheme = \"dark\"\n\n\n\n\ncolour = \"16\"\n",
			[]string{`config.toml:7: unknown key "colour" in [ui]; did you mean "color"?`}},
		{"unknown key far from any", "[ui]\nwallpaper = \"cats\"\n",
			[]string{`config.toml:2: unknown key "wallpaper" in [ui]`}},
		{"misspelt section reported once at its header", "[ui]\n[layuot]\nlist = 2\ndetails = 2\n",
			[]string{`config.toml:2: unknown section [layuot]; did you mean [layout]?`}},
		{"bad theme", "[ui]\ntheme = \"blue\"\n",
			[]string{`config.toml:2: theme = "blue": want "dark" or "light"`}},
		{"bad colour depth", "[ui]\ncolor = \"88\"\n",
			[]string{`config.toml:2: color = "88": want "256", "16" or "none"`}},
		{"bad time", "[ui]\ntime = \"utc\"\n",
			[]string{`config.toml:2: time = "utc": want "relative", "absolute", "delta" or "epoch"`}},
		{"integer where a string goes", "[ui]\ncolor = 256\n",
			[]string{`config.toml:2: color = 256: want a string`}},
		{"string where an integer goes", "[columns]\nsource = \"20\"\n",
			[]string{`config.toml:2: source = "20": want an integer`}},
		{"width out of range", "[columns]\ninfo = -1\nsource = 201\n",
			[]string{`config.toml:2: info = -1: want 0 to 200`, `config.toml:3: source = 201: want 0 to 200`}},
		{"height zero", "[layout]\nbytes = 0\n", []string{`config.toml:2: bytes = 0: want 1 to 20`}},
		{"unknown column", "[columns]\nshow = [\"no\",\n \"sauce\", \"info\"]\n",
			[]string{`config.toml:2: show = ["no", "sauce", "info"]: unknown column "sauce" (known: no, time, source, destination, protocol, length, info); did you mean "source"?`}},
		{"column twice", "[columns]\nshow = [\"info\", \"info\"]\n",
			[]string{`config.toml:2: show = ["info", "info"]: column "info" listed twice`}},
		{"info column left out", "[columns]\nshow = [\"no\"]\n",
			[]string{`config.toml:2: show = ["no"]: the "info" column cannot be left out: it takes the width the others leave`}},
		{"no panes", "[layout]\npanes = []\n", []string{`config.toml:2: panes = []: at least one pane is needed`}},
		{"bad colour", "[colors]\nselected = \"white on purplish\"\n",
			[]string{`config.toml:2: selected = "white on purplish": unknown colour "purplish": write a name ("white", "navy") or #rrggbb, as "FG on BG"`}},
		{"bad hex colour", "[colors]\nselected = \"#12345g\"\n",
			[]string{`config.toml:2: selected = "#12345g": unknown colour "#12345g": write a name ("white", "navy") or #rrggbb, as "FG on BG"`}},
		{"digit key", "[keys]\ndown = \"2\"\n", []string{`config.toml:2: down = "2": digits type counts (12j) and cannot be bound`}},
		{"unknown key name", "[keys]\nquit = \"Hyper-Q\"\n",
			[]string{`config.toml:2: quit = "Hyper-Q": unknown key "Hyper-Q": write one character ("q") or a key name ("Tab", "F5", "Ctrl-N")`}},
		{"reserved paging key", "[keys]\nfirst = \"PgDn\"\n", []string{`config.toml:2: first = "PgDn": key "PgDn" is used for paging and cannot be bound`}},
		{"reserved ladder key", "[keys]\nzoom = \"l\"\n", []string{`config.toml:2: zoom = "l": key "l" is used for the ladder and cannot be bound`}},
		{"reserved follow key", "[keys]\nzoom = \"F\"\n", []string{`config.toml:2: zoom = "F": key "F" is used for following a stream and cannot be bound`}},
		{"Ctrl-C", "[keys]\nquit = \"Ctrl-C\"\n", []string{`config.toml:2: quit = "Ctrl-C": Ctrl-C always quits and cannot be bound`}},
		{"key taken by a default", "[keys]\nquit = \"j\"\n", []string{`config.toml:2: quit = "j": key "j" is already bound to down`}},
		{"two actions on one key", "[keys]\nquit = \"Q\"\n\nhelp = \"Q\"\n", []string{`config.toml:4: help = "Q": key "Q" is already bound to quit`}},
		{"key outside a section", "theme = \"dark\"\n",
			[]string{`config.toml:1: key "theme" is outside any section: put it under [ui], [colors], [columns], [layout] or [keys]`}},
		{"duplicate key", "[ui]\ntheme = \"dark\"\ntheme = \"light\"\n", []string{`config.toml:3: key "theme" in [ui] is already set at line 2`}},
		{"duplicate section", "[ui]\n[keys]\n[ui]\n", []string{`config.toml:3: section [ui] is already defined at line 1`}},
		{"array of tables", "[[ui]]\n", []string{`config.toml:1: bad section header "[[ui]]": want [name]`}},
		{"no equals sign", "[ui]\ntheme\n", []string{`config.toml:2: want key = value, or [section]: "theme"`}},
		{"missing value", "[ui]\ntheme =   # later\n", []string{`config.toml:2: missing value after =`}},
		{"unclosed string", "[ui]\ntheme = \"dark\n", []string{`config.toml:2: string is not closed with "`}},
		{"junk after value", "[ui]\ntheme = \"dark\" \"light\"\n", []string{`config.toml:2: unexpected "\"light\"" after the value`}},
		{"float", "[layout]\nlist = 1.5\n", []string{`config.toml:2: unsupported value "1.5": want a "string", an integer, true/false or ["a", "b"]`}},
		{"bare word", "[ui]\ntheme = dark\n", []string{`config.toml:2: unsupported value "dark": want a "string", an integer, true/false or ["a", "b"]`}},
		{"dotted key", "[ui]\ntheme.name = \"dark\"\n", []string{`config.toml:2: bad key "theme.name": keys are letters, digits, _ and -`}},
		{"unclosed array reported at its key", "[columns]\nshow = [\"no\",\n\"info\"\n", []string{`config.toml:2: array is not closed with ]`}},
		{"array of integers", "[columns]\nshow = [1, 2]\n", []string{`config.toml:2: array items must be strings, not "1"`}},
		{"bad escape", "[ui]\ntheme = \"\\q\"\n", []string{`config.toml:2: unknown escape \q in string`}},
		{"not UTF-8", "[ui]\n# caf\xe9\n", []string{`config.toml:2: not UTF-8 text`}},
		{"every problem at once, in line order", "[ui]\ncolour = \"16\"\ntheme = \"blue\"\n[keys]\nquit = \"Q\"\nhelp = \"Q\"\n[layot]\n",
			[]string{
				`config.toml:2: unknown key "colour" in [ui]; did you mean "color"?`,
				`config.toml:3: theme = "blue": want "dark" or "light"`,
				`config.toml:6: help = "Q": key "Q" is already bound to quit`,
				`config.toml:7: unknown section [layot]; did you mean [layout]?`,
			}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Parse("config.toml", []byte(tc.text))
			if err == nil {
				t.Fatalf("no error; parsed %+v", c)
			}
			var errs Errors
			if !errors.As(err, &errs) {
				t.Fatalf("error %T, want Errors", err)
			}
			got := strings.Split(errs.Error(), "\n")
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tc.want, "\n  "))
			}
		})
	}
}

// TestPrecedence checks default < file < environment < flag.
func TestPrecedence(t *testing.T) {
	file := "[ui]\ncolor = \"256\"\ntheme = \"light\"\n"
	noColorEnv := Origin{Source: FromEnv, Where: "NO_COLOR"}
	noColorFlag := Origin{Source: FromFlag, Where: "--no-color"}
	cases := []struct {
		name      string
		overrides []Origin // each sets color = "none"
		color     string
		from      Origin
	}{
		{"file over default", nil, "256", Origin{FromFile, "config.toml", 2}},
		{"env over file", []Origin{noColorEnv}, "none", noColorEnv},
		{"flag over file", []Origin{noColorFlag}, "none", noColorFlag},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := mustParse(t, file)
			for _, o := range tc.overrides {
				if err := c.Override("ui", "color", Str("none"), o); err != nil {
					t.Fatal(err)
				}
			}
			v, o := c.Get("ui", "color")
			if v.Str != tc.color || o != tc.from {
				t.Errorf("color = %q from %v, want %q from %v", v.Str, o, tc.color, tc.from)
			}
			if v, o := c.Get("ui", "theme"); v.Str != "light" || o.Line != 3 {
				t.Errorf("theme = %q from %v, want light from line 3", v.Str, o)
			}
			if v, o := c.Get("ui", "time"); v.Str != "relative" || o.Source != FromDefault {
				t.Errorf("time = %q from %v, want the default", v.Str, o)
			}
		})
	}
	var zero Config
	if err := zero.Override("ui", "theme", Str("sepia"), Origin{Source: FromFlag, Where: "--theme"}); err == nil ||
		err.Error() != `--theme "sepia": want "dark" or "light"` {
		t.Errorf("bad flag value: %v", err)
	}
}

// TestWriteReadsBack checks that "ladder config" output is a valid file
// giving the same values.
func TestWriteReadsBack(t *testing.T) {
	c := mustParse(t, "[ui]\ntheme = \"light\"\n[columns]\nshow = [\"time\", \"info\"]\n[keys]\nquit = \"Ctrl-Q\"\n[layout]\nzoom = true\n")
	var b bytes.Buffer
	if err := c.Write(&b); err != nil {
		t.Fatal(err)
	}
	back := mustParse(t, b.String())
	for _, s := range settings() {
		v1, _ := c.Get(s.Section, s.Name)
		v2, _ := back.Get(s.Section, s.Name)
		if !reflect.DeepEqual(v1, v2) {
			t.Errorf("%s: wrote %s, read back %s", s.Key(), v1.TOML(), v2.TOML())
		}
	}
	if !strings.Contains(b.String(), `theme = "light"  # file config.toml:2;`) {
		t.Errorf("origin of theme missing:\n%s", b.String())
	}
}

func TestPath(t *testing.T) {
	cases := []struct {
		name     string
		flag     string
		env      map[string]string
		path     string
		explicit bool
	}{
		{"flag first", "/a.toml", map[string]string{"LADDER_CONFIG": "/b.toml", "XDG_CONFIG_HOME": "/x"}, "/a.toml", true},
		{"LADDER_CONFIG next", "", map[string]string{"LADDER_CONFIG": "/b.toml", "XDG_CONFIG_HOME": "/x"}, "/b.toml", true},
		{"XDG_CONFIG_HOME", "", map[string]string{"XDG_CONFIG_HOME": "/x", "HOME": "/h"}, "/x/ladder/config.toml", false},
		{"relative XDG_CONFIG_HOME is ignored (XDG spec)", "", map[string]string{"XDG_CONFIG_HOME": "x", "HOME": "/h"}, "/h/.config/ladder/config.toml", false},
		{"HOME", "", map[string]string{"HOME": "/h"}, "/h/.config/ladder/config.toml", false},
		{"nothing", "", nil, "", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path, explicit := Path(tc.flag, func(k string) string { return tc.env[k] })
			if path != tc.path || explicit != tc.explicit {
				t.Errorf("Path = %q, %v; want %q, %v", path, explicit, tc.path, tc.explicit)
			}
		})
	}
}

func TestLoadMissingFile(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "none.toml")
	c, err := Load(missing, false)
	if err != nil || c.String("ui", "theme") != "dark" {
		t.Errorf("missing default file: %v, %v", c, err)
	}
	if _, err := Load(missing, true); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing named file: %v, want not exist", err)
	}
}

// FuzzParse checks that no file text makes the parser panic, and that
// what it accepts it writes back as a file it accepts again.
func FuzzParse(f *testing.F) {
	f.Add("[ui]\ntheme = \"light\"\n[columns]\nshow = [\n\"no\", 'info',\n]\n")
	f.Add("[keys]\nquit = \"\\u0051\"\n")
	f.Add("[[x]]\n= \"\n[")
	f.Fuzz(func(t *testing.T, text string) {
		c, err := Parse("f.toml", []byte(text))
		if err != nil {
			return
		}
		var b bytes.Buffer
		if err := c.Write(&b); err != nil {
			t.Fatal(err)
		}
		if _, err := Parse("back.toml", b.Bytes()); err != nil {
			t.Fatalf("written file does not read back: %v\n%s", err, b.String())
		}
	})
}
