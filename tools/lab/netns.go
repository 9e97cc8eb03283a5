package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"

	"golang.org/x/sys/unix"
)

// netnsDir is where `ip netns add` bind-mounts named namespaces.
const netnsDir = "/var/run/netns"

// nsPrefix names every namespace this process creates. It carries the pid
// so two labs (or a lab and a crashed earlier one) never share a name, and
// so cleanupAll can find exactly our namespaces and nobody else's.
func nsPrefix() string { return fmt.Sprintf("ladder-lab-%d-", os.Getpid()) }

// run executes a command and folds its output into the error, because the
// interesting part of a failing `ip` call is what it printed.
func run(name string, args ...string) error {
	var out bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stdout = &out
	cmd.Stderr = &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s %s: %v: %s", name, strings.Join(args, " "), err, strings.TrimSpace(out.String()))
	}
	return nil
}

// addNetns creates a named network namespace with its loopback up.
func addNetns(name string) error {
	if err := run("ip", "netns", "add", name); err != nil {
		return err
	}
	return run("ip", "-n", name, "link", "set", "lo", "up")
}

// delNetns removes a named namespace; a missing one is not an error, so
// cleanup can be run more than once.
func delNetns(name string) error {
	if _, err := os.Stat(filepath.Join(netnsDir, name)); os.IsNotExist(err) {
		return nil
	}
	return run("ip", "netns", "del", name)
}

// cleanupAll deletes every namespace this process created. It is the last
// line of defence, run on normal exit, on error, on panic and on signals.
func cleanupAll() {
	entries, _ := os.ReadDir(netnsDir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), nsPrefix()) {
			if err := delNetns(e.Name()); err != nil {
				fmt.Fprintln(os.Stderr, "lab: cleanup:", err)
			}
		}
	}
}

// sysctl sets a per-namespace sysctl such as net.ipv4.tcp_abort_on_overflow.
func sysctl(ns, key, value string) error {
	return run("ip", "netns", "exec", ns, "sysctl", "-q", "-w", key+"="+value)
}

// inNetns runs fn on a fresh OS thread that has joined the namespace ns.
//
// Sockets, TUN devices and packet sockets belong to the namespace of the
// thread that creates them and keep it for life, so creating them here and
// using them from any goroutine afterwards is enough to place the real
// kernel TCP stack of each "host" in its own namespace without re-executing
// the binary. The thread is never unlocked: when the goroutine ends, the Go
// runtime destroys it, so its odd namespace can never leak into unrelated
// goroutines.
func inNetns(ns string, fn func() error) error {
	errc := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		f, err := os.Open(filepath.Join(netnsDir, ns))
		if err != nil {
			errc <- err
			return
		}
		defer f.Close()
		if err := unix.Setns(int(f.Fd()), unix.CLONE_NEWNET); err != nil {
			errc <- fmt.Errorf("setns %s: %w", ns, err)
			return
		}
		errc <- fn()
	}()
	return <-errc
}
