package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// The end-to-end tests run one ladder binary, built once per test run
// with the race detector: the interface's background goroutines (loading,
// filtering, layouts, saves) then run under it as a user drives them.
var e2e struct {
	once sync.Once
	dir  string
	bin  string
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if e2e.dir != "" {
		os.RemoveAll(e2e.dir)
	}
	os.Exit(code)
}

// ladderBinary returns the race-enabled ladder binary, building it on
// first use into a directory any user can read (the live tests run it as
// an unprivileged user).
func ladderBinary(t testing.TB) string {
	t.Helper()
	e2e.once.Do(func() {
		e2e.dir, e2e.err = os.MkdirTemp("", "ladder-e2e-")
		if e2e.err != nil {
			return
		}
		os.Chmod(e2e.dir, 0o755)
		e2e.bin = filepath.Join(e2e.dir, "ladder")
		out, err := exec.Command("go", "build", "-race", "-o", e2e.bin, ".").CombinedOutput()
		if err != nil {
			e2e.err = fmt.Errorf("go build -race: %v\n%s", err, out)
		}
	})
	if e2e.err != nil {
		t.Fatal(e2e.err)
	}
	return e2e.bin
}

// tuiFleet runs n copies of ladder side by side, each in its own session
// of one tmux server. The tests of issue 19 send every copy the same keys
// in one tmux command (no pause between them) and require all n to end
// right: a race that loses a key one time in ten fails them.
type tuiFleet struct {
	t      *testing.T
	socket string
	n      int
}

// fleetRuns is how many copies each fleet test runs.
const fleetRuns = 20

// startFleet starts the copies at w x h with NO_COLOR (the selected row
// is then drawn in reverse video, which tmux reports as ESC[1;7m) and
// waits until each shows its loaded packet list.
func startFleet(t *testing.T, id string, w, h int, args ...string) *tuiFleet {
	t.Helper()
	return startFleetEnv(t, id, w, h, "", nil, args...)
}

// startFleetEnv is startFleet with environment settings for ladder ("%s"
// in them becomes the copy's session name) and tmux server options set
// before ladder starts.
func startFleetEnv(t *testing.T, id string, w, h int, env string, options [][]string, args ...string) *tuiFleet {
	t.Helper()
	requireTmux(t)
	bin := ladderBinary(t)
	f := &tuiFleet{t: t, socket: fmt.Sprintf("ladder-fleet-%s-%d", id, os.Getpid()), n: fleetRuns}
	t.Cleanup(func() { exec.Command("tmux", "-L", f.socket, "kill-server").Run() })
	var cmd []string
	for i := range f.n {
		if i > 0 {
			cmd = append(cmd, ";")
		}
		cmd = append(cmd, "new-session", "-d", "-s", f.session(i), "-x", fmt.Sprint(w), "-y", fmt.Sprint(h),
			fmt.Sprintf("%s NO_COLOR=1 TERM=xterm-256color %s %s; echo LADDER-EXIT=$?; sleep 120",
				strings.ReplaceAll(env, "%s", f.session(i)), bin, strings.Join(args, " ")))
		if i == 0 {
			for _, o := range options { // with the first session, before any ladder draws
				cmd = append(append(cmd, ";"), o...)
			}
		}
	}
	f.tmux(append([]string{"-f", "/dev/null"}, cmd...)...)
	f.expect("the loaded packet list", func(scr screenshot) error {
		if !strings.Contains(scr.text, "loaded") {
			return fmt.Errorf("not loaded yet")
		}
		return nil
	})
	return f
}

func (f *tuiFleet) session(i int) string { return fmt.Sprintf("run%d", i) }

func (f *tuiFleet) tmux(args ...string) string {
	f.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", f.socket}, args...)...).CombinedOutput()
	if err != nil {
		f.t.Fatalf("tmux %v: %v: %s", args, err, out)
	}
	return string(out)
}

// each runs one tmux command per copy (its target substituted for "%s"),
// all in one tmux invocation, so each copy gets its commands back to back.
func (f *tuiFleet) each(cmds ...[]string) {
	f.t.Helper()
	var all []string
	for i := range f.n {
		for _, c := range cmds {
			if len(all) > 0 {
				all = append(all, ";")
			}
			for _, a := range c {
				all = append(all, strings.ReplaceAll(a, "%s", f.session(i)))
			}
		}
	}
	f.tmux(all...)
}

// keys sends keys (tmux key names; other words are typed as they are) to
// every copy, with no pause between them.
func (f *tuiFleet) keys(keys ...string) {
	f.t.Helper()
	f.each(append([]string{"send-keys", "-t", "%s"}, keys...))
}

// screenshot is one copy's screen: its text, and its lines with tmux's
// escape sequences for the styles.
type screenshot struct {
	text   string
	styled []string
}

var (
	escSeq  = regexp.MustCompile("\x1b\\[[0-9;]*m")
	reverse = regexp.MustCompile("\x1b\\[(?:[0-9;]*;)?7(?:;[0-9;]*)?m") // SGR with 7: reverse video
)

// selectedLines returns the text of the lines drawn in the selection
// style (reverse video under NO_COLOR), from the reverse-video start on.
func (s screenshot) selectedLines() []string {
	var out []string
	for _, l := range s.styled {
		if loc := reverse.FindStringIndex(l); loc != nil {
			out = append(out, escSeq.ReplaceAllString(l[loc[1]:], ""))
		}
	}
	return out
}

// expect polls every copy until check accepts its screen, and fails the
// test with the count and one rejected screen when some never do.
func (f *tuiFleet) expect(what string, check func(screenshot) error) {
	f.t.Helper()
	f.expectEach(what, func(_ int, scr screenshot) error { return check(scr) })
}

// expectEach is expect with the copy's number passed to check.
func (f *tuiFleet) expectEach(what string, check func(int, screenshot) error) {
	f.t.Helper()
	pending := map[int]error{}
	for i := range f.n {
		pending[i] = fmt.Errorf("not checked")
	}
	var last screenshot
	deadline := time.Now().Add(30 * time.Second) // 20 race-detector copies on a busy machine
	for len(pending) > 0 && time.Now().Before(deadline) {
		for i := range pending {
			styled := f.tmux("capture-pane", "-e", "-p", "-t", f.session(i))
			scr := screenshot{text: escSeq.ReplaceAllString(styled, ""), styled: strings.Split(styled, "\n")}
			if err := check(i, scr); err != nil {
				pending[i], last = err, scr
				continue
			}
			delete(pending, i)
		}
		if len(pending) > 0 {
			time.Sleep(100 * time.Millisecond)
		}
	}
	if len(pending) > 0 {
		var err error
		for _, e := range pending {
			err = e
		}
		f.t.Fatalf("%s: %d of %d runs wrong, e.g.: %v; screen:\n%s", what, len(pending), f.n, err, last.text)
	}
}
