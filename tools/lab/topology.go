package main

import (
	"errors"
	"fmt"
	"net/netip"
	"os"
	"time"

	"github.com/gopacket/gopacket/layers"
)

// topology is how the two namespaces are wired.
type topology int

const (
	tunV4  topology = iota // two TUN devices joined by the lab's forwarder, IPv4
	tunV6                  // the same over IPv6
	vethV4                 // a veth pair, no forwarder, Ethernet capture
)

func (t topology) String() string {
	return [...]string{"tun/IPv4", "tun/IPv6", "veth/IPv4"}[t]
}

// Addresses of the two hosts. They are private, live only inside the
// lab's namespaces, and nothing outside them is ever contacted.
var (
	clientV4 = netip.MustParseAddr("10.77.0.1")
	serverV4 = netip.MustParseAddr("10.77.0.2")
	clientV6 = netip.MustParseAddr("fd77::1")
	serverV6 = netip.MustParseAddr("fd77::2")
)

// lab is one scenario's pair of hosts: a client and a server namespace, the
// wire between them and the capture being recorded.
type lab struct {
	clientNS, serverNS string
	client, server     netip.Addr
	delay              time.Duration
	link               *link // nil on veth
	eth                *ethCapture
	rec                *recorder
	// afterTeardown runs once the wire and the capture are gone: sockets a
	// scenario leaves open on purpose are closed there, so their FINs never
	// reach the capture.
	afterTeardown []func()
}

// setupLab builds the namespaces and the wire and starts recording to
// pcapPath. On error everything built so far is torn down again.
// two, when not nil, records the server end of a TUN wire as well.
func setupLab(id string, topo topology, delay time.Duration, pcapPath string, two *twoSided) (l *lab, err error) {
	l = &lab{clientNS: nsPrefix() + id + "-c", serverNS: nsPrefix() + id + "-s", delay: delay}
	defer func() {
		if err != nil {
			l.teardown()
			l = nil
		}
	}()
	for _, ns := range []string{l.clientNS, l.serverNS} {
		if err := addNetns(ns); err != nil {
			return l, err
		}
	}
	switch topo {
	case tunV4, tunV6:
		return l, l.setupTUN(topo, pcapPath, two)
	case vethV4:
		return l, l.setupVeth(pcapPath)
	}
	return l, fmt.Errorf("unknown topology %d", topo)
}

func (l *lab) setupTUN(topo topology, pcapPath string, two *twoSided) error {
	l.client, l.server = clientV4, serverV4
	prefix, family := "/24", "-4"
	if topo == tunV6 {
		l.client, l.server = clientV6, serverV6
		prefix, family = "/64", "-6"
	}
	var tuns [2]*os.File
	for i, end := range []struct {
		ns   string
		addr netip.Addr
	}{{l.clientNS, l.client}, {l.serverNS, l.server}} {
		f, err := openTUN(end.ns)
		if err != nil {
			closeFiles(tuns[:i])
			return err
		}
		tuns[i] = f
		args := []string{"-n", end.ns, family, "addr", "add", end.addr.String() + prefix, "dev", tunName}
		if topo == tunV6 {
			args = append(args, "nodad") // usable at once, no duplicate detection delay
		}
		if err := run("ip", args...); err != nil {
			closeFiles(tuns[:i+1])
			return err
		}
		if err := run("ip", "-n", end.ns, "link", "set", tunName, "up"); err != nil {
			closeFiles(tuns[:i+1])
			return err
		}
	}
	rec, err := newRecorder(pcapPath, layers.LinkTypeRaw)
	if err != nil {
		closeFiles(tuns[:])
		return err
	}
	l.rec = rec
	l.link = newLink(tuns[0], tuns[1], l.delay, rec, two)
	return nil
}

// setupVeth joins the namespaces with a veth pair and captures Ethernet
// frames on the client's end. IPv6 is disabled in both namespaces so that
// no router solicitation or duplicate address detection runs alongside,
// and checksum offload is off so the capture has real checksums.
func (l *lab) setupVeth(pcapPath string) error {
	l.client, l.server = clientV4, serverV4
	for _, ns := range []string{l.clientNS, l.serverNS} {
		for _, k := range []string{"net.ipv6.conf.all.disable_ipv6", "net.ipv6.conf.default.disable_ipv6"} {
			if err := sysctl(ns, k, "1"); err != nil {
				return err
			}
		}
	}
	if err := run("ip", "-n", l.clientNS, "link", "add", "eth0", "type", "veth", "peer", "name", "eth0", "netns", l.serverNS); err != nil {
		return err
	}
	for _, end := range []struct {
		ns   string
		addr netip.Addr
	}{{l.clientNS, l.client}, {l.serverNS, l.server}} {
		if err := run("ip", "-n", end.ns, "addr", "add", end.addr.String()+"/24", "dev", "eth0"); err != nil {
			return err
		}
		if err := disableTxChecksum(end.ns, "eth0"); err != nil {
			return err
		}
		if err := run("ip", "-n", end.ns, "link", "set", "eth0", "up"); err != nil {
			return err
		}
	}
	rec, err := newRecorder(pcapPath, layers.LinkTypeEthernet)
	if err != nil {
		return err
	}
	l.rec = rec
	eth, err := startEthCapture(l.clientNS, "eth0", rec)
	if err != nil {
		return err
	}
	l.eth = eth
	return nil
}

// teardown stops the wire and the capture and deletes the namespaces. It
// is safe on a half-built lab.
func (l *lab) teardown() error {
	var errs []error
	if l.link != nil {
		errs = append(errs, l.link.close())
	}
	if l.eth != nil {
		l.eth.close()
	}
	if l.rec != nil {
		errs = append(errs, l.rec.close())
	}
	for _, ns := range []string{l.clientNS, l.serverNS} {
		errs = append(errs, delNetns(ns))
	}
	return errors.Join(errs...)
}

func closeFiles(fs []*os.File) {
	for _, f := range fs {
		if f != nil {
			f.Close()
		}
	}
}
