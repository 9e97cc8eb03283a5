package main

import (
	"fmt"
	"strings"
	"time"
)

// scenario is one way of making real Linux TCP stacks send resets. The lab
// knows why each reset happens because the scenario caused it; expect lists
// those resets in capture order, and the run fails if the capture disagrees.
type scenario struct {
	name   string
	about  string
	topo   topology
	delay  time.Duration // one-way delay of the wire (TUN topologies only)
	run    func(*lab) error
	expect []want
	// outcomes says how each TCP connection ended, in the order they
	// start: the scenario made each end that way.
	outcomes []outcomeLabel
}

// Ports used by the scenarios. Fixed client ports make every run's capture
// the same apart from sequence numbers and timestamps.
const (
	httpPort   = 8080
	closedPort = 9 // nothing listens there
	clientPort = 40000
)

// scenarios is the catalogue, in the order the lab runs them.
func scenarios() []scenario {
	list := []scenario{
		refused(tunV4, ""),
		abortClient(tunV4, ""),
		abortServer(),
		unreadData(),
		afterFIN(),
		seed(tunV4, ""),
		halfOpen(),
		staleHandshake(),
		challenge(),
		backlog(),
		injected(),
		keepaliveTimeout(),
		// The same stories on other wires: IPv6, whose stateless resets are
		// built by different kernel code, and Ethernet framing.
		refused(tunV6, "-v6"),
		abortClient(tunV6, "-v6"),
		seed(tunV6, "-v6"),
		refused(vethV4, "-eth"),
		abortClient(vethV4, "-eth"),
		// How connections end without a reset (scenarios_outcome.go).
		synBlackHole(),
		icmpPortUnreachable(),
		icmpAdminProhibited(),
		lostFinalACK(),
		midTransferBlackHole(),
		stalled(),
		halfClosed(),
		leftOpen(),
		// Resets built the way other stacks build them (scenarios_stacks.go).
		windowsRefused(),
		portScan(),
		stackAbort("macos", macOS),
		stackAbort("windows", windows),
		stackAfterClose("freebsd", freeBSD, false),
		stackAfterClose("windows", windows, true),
		connectTimeoutReset(),
		windowsAbortCrossing(),
	}
	for i := range list {
		if list[i].topo == vethV4 {
			list[i].delay = 0
		}
		if list[i].outcomes == nil {
			list[i].outcomes = resetOutcomes[strings.TrimSuffix(strings.TrimSuffix(list[i].name, "-v6"), "-eth")]
		}
	}
	return list
}

// selectScenarios picks scenarios by comma-separated names; empty means all.
func selectScenarios(all []scenario, names string) ([]scenario, error) {
	if names == "" {
		return all, nil
	}
	byName := map[string]scenario{}
	for _, s := range all {
		byName[s.name] = s
	}
	var out []scenario
	for _, n := range strings.Split(names, ",") {
		s, ok := byName[strings.TrimSpace(n)]
		if !ok {
			return nil, fmt.Errorf("unknown scenario %q (try -list)", n)
		}
		out = append(out, s)
	}
	return out, nil
}
