// Command lab produces real captures of TCP resets with known causes.
//
// Every packet in its captures was sent by a real Linux TCP stack: the lab
// puts a client and a server in two network namespaces, joins them with a
// wire it controls (two TUN devices and a forwarder with a fixed delay and
// scripted faults, or a veth pair), runs a scenario that makes one side
// reset for a known reason, records the wire, and labels each reset from
// the scenario's own account, after checking that the capture agrees.
//
// Usage (as root):
//
//	go run ./tools/lab -out testdata/lab [-scenario NAME[,NAME...]] [-list]
//
// See tools/lab/README.md.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

func main() {
	os.Exit(realMain())
}

func realMain() (code int) {
	out := flag.String("out", "testdata/lab", "directory for NAME.pcap and NAME.labels.json")
	only := flag.String("scenario", "", "comma-separated scenarios to run (default: all)")
	list := flag.Bool("list", false, "list the scenarios and exit")
	twoside := flag.Bool("twoside", false, "run the two-sided scenarios (both ends recorded; NAME.client.pcap, NAME.server.pcap, NAME.wire.json) instead")
	relabel := flag.Bool("relabel", false, "rewrite the label files of the captures already in -out from the scenarios' declarations (no root needed)")
	flag.Parse()

	all := scenarios()
	if *list {
		for _, s := range all {
			fmt.Printf("%-18s %-10s %s\n", s.name, s.topo, s.about)
		}
		for _, s := range twoScenarios() {
			fmt.Printf("%-18s %-10s %s\n", s.name, "two-sided", s.about)
		}
		return 0
	}
	pick := *only
	if *twoside {
		pick = "" // -scenario names two-sided scenarios, picked below
	}
	chosen, err := selectScenarios(all, pick)
	if err != nil {
		fmt.Fprintln(os.Stderr, "lab:", err)
		return 2
	}
	if *relabel {
		for _, s := range chosen {
			if err := labelCapture(s, filepath.Join(*out, s.name+".pcap"), *out); err != nil {
				fmt.Fprintf(os.Stderr, "lab: %s: %v\n", s.name, err)
				return 1
			}
		}
		return 0
	}
	if os.Geteuid() != 0 {
		fmt.Fprintln(os.Stderr, "lab: needs root (network namespaces, TUN devices, sysctls)")
		return 2
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "lab:", err)
		return 1
	}

	// Namespaces outlive the process unless deleted, so every way out
	// deletes them: normal return, panic, and the usual signals.
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	go func() {
		s := <-sigs
		fmt.Fprintf(os.Stderr, "lab: %v: cleaning up\n", s)
		cleanupAll()
		tmps, _ := filepath.Glob(filepath.Join(*out, "*.pcap.tmp"))
		for _, t := range tmps {
			os.Remove(t)
		}
		os.Exit(130)
	}()
	defer func() {
		if p := recover(); p != nil {
			cleanupAll()
			panic(p)
		}
		cleanupAll()
	}()

	start := time.Now()
	failed := 0
	if *twoside {
		for i, s := range twoScenarios() {
			if *only != "" && !strings.Contains(","+*only+",", ","+s.name+",") {
				continue
			}
			res, err := runTwoScenario(s, fmt.Sprint(i), *out)
			if err != nil {
				fmt.Fprintf(os.Stderr, "lab: %s: FAILED: %v\n", s.name, err)
				failed++
				continue
			}
			fmt.Printf("%-18s %3d packets %2d resets %6.2fs  %s\n", s.name, res.frames, res.resets, res.took.Seconds(), res.pcap)
		}
		fmt.Printf("%d failed, %.1fs\n", failed, time.Since(start).Seconds())
		if failed > 0 {
			return 1
		}
		return 0
	}
	for i, s := range chosen {
		res, err := runScenario(s, fmt.Sprint(i), *out)
		if err != nil {
			fmt.Fprintf(os.Stderr, "lab: %s: FAILED: %v\n", s.name, err)
			failed++
			continue
		}
		fmt.Printf("%-18s %3d packets %2d resets %6.2fs  %s\n", s.name, res.frames, res.resets, res.took.Seconds(), res.pcap)
	}
	fmt.Printf("%d scenarios, %d failed, %.1fs\n", len(chosen), failed, time.Since(start).Seconds())
	if failed > 0 {
		return 1
	}
	return 0
}

// result summarises one scenario run.
type result struct {
	pcap           string
	frames, resets int
	took           time.Duration
}

// runScenario runs one scenario in a fresh pair of namespaces. The capture
// is written to a temporary name and only moved into place, next to its
// labels, once the resets in it match the scenario; a capture that does
// not match is kept as NAME.failed.pcap for inspection and the committed
// files are left alone.
func runScenario(s scenario, id, out string) (res result, err error) {
	start := time.Now()
	final := filepath.Join(out, s.name+".pcap")
	tmp := filepath.Join(out, s.name+".pcap.tmp")
	l, err := setupLab(id, s.topo, s.delay, tmp, nil)
	if err != nil {
		os.Remove(tmp)
		return res, fmt.Errorf("setup: %w", err)
	}
	runErr := s.run(l)
	// Let everything still on the wire arrive and be recorded.
	pause(2*s.delay + 200*time.Millisecond)
	if err := l.teardown(); err != nil && runErr == nil {
		runErr = fmt.Errorf("teardown: %w", err)
	}
	for _, f := range l.afterTeardown {
		f()
	}
	if runErr != nil {
		os.Rename(tmp, filepath.Join(out, s.name+".failed.pcap"))
		return res, runErr
	}
	if err := labelCapture(s, tmp, out); err != nil {
		os.Rename(tmp, filepath.Join(out, s.name+".failed.pcap"))
		return res, err
	}
	if err := os.Rename(tmp, final); err != nil {
		return res, err
	}
	os.Remove(filepath.Join(out, s.name+".failed.pcap"))
	resets, frames, err := readResets(final)
	return result{pcap: final, frames: frames, resets: len(resets), took: time.Since(start)}, err
}

// labelCapture checks a scenario's capture against its declarations and
// writes NAME.labels.json (every reset's cause) and NAME.outcomes.json
// (every connection's outcome) into out.
func labelCapture(s scenario, pcap, out string) error {
	resets, _, conns, err := readCapture(pcap)
	if err != nil {
		return err
	}
	client, server := clientV4, serverV4
	if s.topo == tunV6 {
		client, server = clientV6, serverV6
	}
	labels, err := matchResets(resets, client, server, s.expect)
	if err != nil {
		return err
	}
	outcomes, err := outcomeLabels(conns, s.outcomes)
	if err != nil {
		return err
	}
	if err := writeLabels(filepath.Join(out, s.name+".labels.json"), labels); err != nil {
		return err
	}
	return writeOutcomes(filepath.Join(out, s.name+".outcomes.json"), outcomes)
}
