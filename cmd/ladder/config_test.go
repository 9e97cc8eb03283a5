package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeConfig writes a configuration file in a temporary directory.
func writeConfig(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestConfigCommand checks what "ladder config" prints for each value:
// the default, the file's line, the environment or the flag, the flag
// winning over the file and the file over the default.
func TestConfigCommand(t *testing.T) {
	file := writeConfig(t, "[ui]\ncolor = \"256\"\ntheme = \"light\"\n\n[keys]\nquit = \"Q\"\n")
	cases := []struct {
		name string
		args []string
		env  map[string]string
		want []string // lines (up to the comment's ";") that must appear
	}{
		{"defaults only", []string{"--config", "/dev/null"}, nil, []string{
			`theme = "dark"  # default;`, `color = "256"  # default;`, `time = "relative"  # default;`, `quit = "q"  # default;`}},
		{"file over default", []string{"--config", file}, nil, []string{
			`theme = "light"  # file ` + file + `:3;`, `color = "256"  # file ` + file + `:2;`, `quit = "Q"  # file ` + file + `:6;`, `help = "?"  # default;`}},
		{"flag over file", []string{"--config", file, "--no-color", "--theme", "dark", "--time-format", "epoch"}, nil, []string{
			`theme = "dark"  # flag --theme;`, `color = "none"  # flag --no-color;`, `time = "epoch"  # flag --time-format;`}},
		{"--no-osc52 over the file's osc52 = true", []string{"--config", file, "--no-osc52"}, nil, []string{`osc52 = false  # flag --no-osc52;`}},
		{"NO_COLOR over file", []string{"--config", file}, map[string]string{"NO_COLOR": "1"}, []string{`color = "none"  # env NO_COLOR;`}},
		{"LADDER_CONFIG names the file", nil, map[string]string{"LADDER_CONFIG": file}, []string{`theme = "light"  # file ` + file + `:3;`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("NO_COLOR", "")
			t.Setenv("LADDER_CONFIG", "")
			t.Setenv("XDG_CONFIG_HOME", t.TempDir()) // no user file
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			var out, errb bytes.Buffer
			if code := run(append([]string{"config"}, tc.args...), &out, &errb); code != exitOK {
				t.Fatalf("exit %d: %s", code, errb.String())
			}
			for _, w := range tc.want {
				if !strings.Contains(out.String(), "\n"+w) {
					t.Errorf("no line %q in\n%s", w, out.String())
				}
			}
		})
	}
}

func TestConfigPath(t *testing.T) {
	t.Setenv("LADDER_CONFIG", "")
	t.Setenv("XDG_CONFIG_HOME", "/xdg")
	cases := []struct {
		name string
		args []string
		env  string
		want string
	}{
		{"XDG default", nil, "", "/xdg/ladder/config.toml"},
		{"LADDER_CONFIG", nil, "/env.toml", "/env.toml"},
		{"--config wins", []string{"--config", "/flag.toml"}, "/env.toml", "/flag.toml"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("LADDER_CONFIG", tc.env)
			var out, errb bytes.Buffer
			if code := run(append([]string{"config", "--path"}, tc.args...), &out, &errb); code != exitOK {
				t.Fatalf("exit %d: %s", code, errb.String())
			}
			if got := strings.TrimSpace(out.String()); got != tc.want {
				t.Errorf("path %q, want %q", got, tc.want)
			}
		})
	}
}

// TestBadConfigRefusesToStart: the interactive view reads the file before
// anything else and exits 2 listing every problem with its line (the
// lines are those of the file text below, counted by hand).
func TestBadConfigRefusesToStart(t *testing.T) {
	file := writeConfig(t, "[ui]\ncolour = \"16\"\n\ntheme = \"blue\"\n")
	cases := []struct {
		name string
		run  func(stderr *bytes.Buffer) int
	}{
		{"interactive view", func(e *bytes.Buffer) int {
			return runTUI([]string{"--config", file, "../../testdata/lab/seed.pcap"}, e)
		}},
		{"ladder config", func(e *bytes.Buffer) int { return run([]string{"config", "--config", file}, &bytes.Buffer{}, e) }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var errb bytes.Buffer
			if code := tc.run(&errb); code != exitUsage {
				t.Errorf("exit %d, want %d", code, exitUsage)
			}
			want := file + ":2: unknown key \"colour\" in [ui]; did you mean \"color\"?\n" +
				file + ":4: theme = \"blue\": want \"dark\" or \"light\"\n" +
				"ladder: 2 problem(s) in the configuration file " + file + "; fix them, or start with --config /dev/null\n"
			if errb.String() != want {
				t.Errorf("stderr\n%s\nwant\n%s", errb.String(), want)
			}
		})
	}
	var errb bytes.Buffer
	if code := runTUI([]string{"--config", filepath.Join(t.TempDir(), "missing.toml"), "x.pcap"}, &errb); code != exitUsage ||
		!strings.Contains(errb.String(), "missing.toml: no such file") {
		t.Errorf("a named file that is missing: exit %d, %q", code, errb.String())
	}
	errb.Reset()
	if code := runTUI([]string{"--theme", "sepia", "x.pcap"}, &errb); code != exitUsage ||
		!strings.Contains(errb.String(), `--theme "sepia": want "dark" or "light"`) {
		t.Errorf("a bad flag value: exit %d, %q", code, errb.String())
	}
}

// TestConfigFlagsWithoutTerminal: "ladder --config F FILE | cat" prints the
// list as before; the interactive view's settings are skipped.
func TestConfigFlagsWithoutTerminal(t *testing.T) {
	file := writeConfig(t, "[ui]\ntheme = \"light\"\n")
	var plain, with, errb bytes.Buffer
	run([]string{"../../testdata/lab/seed.pcap"}, &plain, &errb)
	if code := run([]string{"--config", file, "--theme=dark", "../../testdata/lab/seed.pcap", "--time-format", "epoch"}, &with, &errb); code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if plain.String() != with.String() || plain.Len() == 0 {
		t.Errorf("list differs with configuration flags:\n%s\nvs\n%s", with.String(), plain.String())
	}
}
