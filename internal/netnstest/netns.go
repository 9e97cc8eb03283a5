// Package netnstest builds throwaway network namespaces joined by a veth
// pair for the live-capture tests, so real TCP exchanges can be captured
// without touching the host's interfaces. Nothing here is used by the ladder
// binary itself.
package netnstest

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// Addresses of the two ends (TEST-NET-1, RFC 5737: never routed anywhere).
const (
	ClientAddr = "192.0.2.1"
	ServerAddr = "192.0.2.2"
	// ClientIface and ServerIface are the veth ends, one in each namespace.
	ClientIface = "va"
	ServerIface = "vb"
)

// Require skips the test when it cannot make namespaces (not root) and CI
// is unset; under CI the live tests must run, so it fails instead.
func Require(t testing.TB) {
	t.Helper()
	why := ""
	if os.Geteuid() != 0 {
		why = "live-capture tests need root (network namespaces, packet sockets)"
	} else if _, err := exec.LookPath("ip"); err != nil {
		why = "live-capture tests need the ip command (apt-get install iproute2)"
	}
	if why == "" {
		return
	}
	if os.Getenv("CI") != "" {
		t.Fatal(why + "; CI is set, so they may not be skipped")
	}
	t.Skip(why + "; skipped")
}

// Pair is a client namespace and a server namespace joined by a veth pair,
// with IPv6 off and static neighbour entries so that the only packets on
// the link are the ones a test sends (no ARP, no neighbour discovery).
type Pair struct {
	Client, Server string // namespace names
}

var seq atomic.Int64

// NewPair makes the namespaces and removes them when the test ends.
func NewPair(t testing.TB) *Pair {
	t.Helper()
	Require(t)
	n := seq.Add(1)
	p := &Pair{
		Client: fmt.Sprintf("ladder-%d-%d-c", os.Getpid(), n),
		Server: fmt.Sprintf("ladder-%d-%d-s", os.Getpid(), n),
	}
	t.Cleanup(func() {
		exec.Command("ip", "netns", "del", p.Client).Run()
		exec.Command("ip", "netns", "del", p.Server).Run()
	})
	c, s := p.Client, p.Server
	steps := [][]string{
		{"ip", "netns", "add", c},
		{"ip", "netns", "add", s},
		{"ip", "netns", "exec", c, "sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1"},
		{"ip", "netns", "exec", s, "sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1"},
		{"ip", "-n", c, "link", "add", ClientIface, "address", "02:00:00:00:00:01", "type", "veth", "peer", "name", ServerIface, "address", "02:00:00:00:00:02", "netns", s},
		{"ip", "-n", c, "addr", "add", ClientAddr + "/24", "dev", ClientIface},
		{"ip", "-n", s, "addr", "add", ServerAddr + "/24", "dev", ServerIface},
		{"ip", "-n", c, "neigh", "add", ServerAddr, "lladdr", "02:00:00:00:00:02", "dev", ClientIface, "nud", "permanent"},
		{"ip", "-n", s, "neigh", "add", ClientAddr, "lladdr", "02:00:00:00:00:01", "dev", ServerIface, "nud", "permanent"},
		{"ip", "-n", c, "link", "set", ClientIface, "up"},
		{"ip", "-n", s, "link", "set", ServerIface, "up"},
		{"ip", "-n", c, "link", "set", "lo", "up"},
		{"ip", "-n", s, "link", "set", "lo", "up"},
	}
	for _, st := range steps {
		if out, err := exec.Command(st[0], st[1:]...).CombinedOutput(); err != nil {
			t.Fatalf("%s: %v: %s", strings.Join(st, " "), err, out)
		}
	}
	// Real checksums on the wire, so the capture matches what a NIC sends.
	for _, ns := range [][2]string{{c, ClientIface}, {s, ServerIface}} {
		exec.Command("ip", "netns", "exec", ns[0], "ethtool", "-K", ns[1], "tx", "off").Run()
	}
	// A veth end reports carrier (RUNNING, operstate UP) only once the
	// kernel's link watch has seen both ends up, which on a loaded machine
	// can trail "link set up" by a moment: wait for it, so tests start on
	// a running link (ladder -D once listed va without RUNNING).
	for _, ns := range [][2]string{{c, ClientIface}, {s, ServerIface}} {
		for deadline := time.Now().Add(5 * time.Second); ; {
			out, _ := exec.Command("ip", "-n", ns[0], "-o", "link", "show", ns[1]).Output()
			if strings.Contains(string(out), "state UP") || time.Now().After(deadline) {
				break
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	return p
}

// In runs f on an OS thread that has entered namespace ns. Sockets f opens
// belong to ns for their whole life, whichever goroutine uses them later.
// The thread is never returned to the scheduler: it exits with f's goroutine.
func In(ns string, f func() error) error {
	errc := make(chan error, 1)
	go func() {
		runtime.LockOSThread() // deliberately never unlocked
		fd, err := unix.Open("/var/run/netns/"+ns, unix.O_RDONLY|unix.O_CLOEXEC, 0)
		if err != nil {
			errc <- fmt.Errorf("netns %s: %w", ns, err)
			return
		}
		defer unix.Close(fd)
		if err := unix.Setns(fd, unix.CLONE_NEWNET); err != nil {
			errc <- fmt.Errorf("setns %s: %w", ns, err)
			return
		}
		errc <- f()
	}()
	return <-errc
}

// Exec runs a command inside namespace ns and returns its combined output.
func Exec(ns string, args ...string) (string, error) {
	out, err := exec.Command("ip", append([]string{"netns", "exec", ns}, args...)...).CombinedOutput()
	return string(out), err
}

// RequireTcpdump skips a test that compiles capture filters when tcpdump is
// missing, except under CI, where it fails: CI must exercise the filters.
func RequireTcpdump(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("tcpdump"); err == nil {
		return
	}
	if os.Getenv("CI") != "" {
		t.Fatal("tcpdump is required under CI to compile capture filters (apt-get install -y tcpdump)")
	}
	t.Skip("tcpdump not installed (apt-get install tcpdump); capture-filter test skipped")
}
