package oracle

import (
	"bytes"
	"os"
	"os/exec"
	"testing"
)

// RunStderr runs tshark with args and returns what it wrote to standard
// error, for tests that compare error messages (a rejected display filter)
// rather than output.
func RunStderr(t testing.TB, args ...string) string {
	t.Helper()
	cmd := exec.Command("tshark", args...)
	var errb bytes.Buffer
	cmd.Stderr = &errb
	cmd.Env = append(os.Environ(), "LC_ALL=C.UTF-8")
	_ = cmd.Run() // a rejected filter exits non-zero; the message is the point
	return errb.String()
}
