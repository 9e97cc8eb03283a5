// Package oracle runs tshark, the reference ladder's tests compare against.
// Tests call it on the same capture ladder reads; nothing here is used by
// the ladder binary itself.
package oracle

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
)

var (
	versionOnce sync.Once
	version     string
)

// Require returns the tshark version, skipping the test when tshark is
// missing — except under CI (CI set), where a missing oracle is a failure.
func Require(t testing.TB) string {
	t.Helper()
	if _, err := exec.LookPath("tshark"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("tshark is required under CI (apt-get install -y tshark)")
		}
		t.Skip("tshark not installed; comparisons against it skipped")
	}
	versionOnce.Do(func() {
		out, _ := exec.Command("tshark", "--version").Output()
		version, _, _ = strings.Cut(string(out), "\n")
	})
	return version
}

// Run runs tshark with args and returns its standard output. A capture that
// tshark itself finds damaged still yields what it printed.
func Run(t testing.TB, args ...string) string {
	t.Helper()
	cmd := exec.Command("tshark", args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	cmd.Env = append(os.Environ(), "LC_ALL=C.UTF-8")
	if err := cmd.Run(); err != nil && out.Len() == 0 && !strings.Contains(errb.String(), "cut short") && !strings.Contains(errb.String(), "appears to be damaged") {
		t.Logf("tshark %v: %v: %s", args, err, errb.String())
	}
	return out.String()
}
