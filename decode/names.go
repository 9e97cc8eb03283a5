package decode

import (
	"net/netip"
	"runtime"
	"slices"
	"sync"
)

// namesScan is how many packets with payload at the start of a flow are
// dissected to find the name it gives itself: the TLS or QUIC ClientHello
// and the first HTTP request come first, after at most a proxy's
// handshake (SOCKS 5 with a password takes six). Bare ACKs do not count.
const namesScan = 12

// FlowNames names every flow the capture tells a name for, by flow index
// (Flows order): the server name of its TLS or QUIC ClientHello, the Host
// of its first HTTP request, or else the name a DNS answer earlier in the
// capture resolved the server's address to. "" where nothing tells.
// Computed once the capture has loaded (it waits for that) and cached.
func (x *Index) FlowNames() []string {
	<-x.done
	x.namesOnce.Do(func() {
		x.names = x.nameFlows()
		x.namesReady.Store(true)
	})
	return x.names
}

// answersKept bounds the DNS answers kept per address: the earliest ones
// by frame, so that which are kept does not depend on how the flows were
// shared between workers.
const answersKept = 16

// dnsAnswer is one address a DNS answer resolved, with the frame it came in.
type dnsAnswer struct {
	name  string
	frame int
}

// keepAnswer adds a to as, keeping only the answersKept earliest by frame.
func keepAnswer(as []dnsAnswer, a dnsAnswer) []dnsAnswer {
	if len(as) < answersKept {
		return append(as, a)
	}
	late := 0
	for i := range as {
		if as[i].frame > as[late].frame {
			late = i
		}
	}
	if a.frame < as[late].frame {
		as[late] = a
	}
	return as
}

// nameFlows dissects the first packets of every flow, on every core (each
// worker with its own walker over every n-th flow: the file is read with
// pread and the index only read once loaded).
func (x *Index) nameFlows() []string {
	flows := x.Flows()
	names := make([]string, len(flows))
	workers := max(1, min(runtime.GOMAXPROCS(0), 8, len(flows)/16))
	found := make([]map[netip.Addr][]dnsAnswer, workers)
	var wg sync.WaitGroup
	for wk := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			found[wk] = x.nameSome(flows, names, wk, workers)
		}()
	}
	wg.Wait()
	answers := found[0]
	for _, more := range found[1:] {
		for a, as := range more {
			for _, ans := range as {
				answers[a] = keepAnswer(answers[a], ans)
			}
		}
	}
	hosts := make(map[netip.Addr]string, len(answers))
	for a, as := range answers {
		slices.SortFunc(as, func(p, q dnsAnswer) int { return p.frame - q.frame })
		hosts[a] = as[len(as)-1].name
	}
	x.hosts = hosts
	if len(answers) == 0 {
		return names
	}
	for k, f := range flows {
		if names[k] != "" || len(f.Frames) == 0 {
			continue
		}
		// the latest answer for the server's address before the flow began
		for _, ans := range answers[x.Addr(f.Server.Addr).IP()] {
			if ans.frame < int(f.Frames[0]) {
				names[k] = ans.name
			}
		}
	}
	return names
}

// nameSome names flows wk, wk+n, wk+2n... into names and returns the DNS
// answers those flows carried.
func (x *Index) nameSome(flows []*Flow, names []string, wk, n int) map[netip.Addr][]dnsAnswer {
	w := NewAppWalker(x)
	answers := map[netip.Addr][]dnsAnswer{}
	for k := wk; k < len(flows); k += n {
		resolver := false
		carried := 0
		for _, j := range flows[k].Frames {
			if carried == namesScan && !resolver {
				break // a flow that answered no name query early is not DNS
			}
			if x.Packet(int(j)).PayloadLen > 0 {
				carried++
			}
			r := w.At(int(j), false)
			for _, a := range r.Resolved {
				resolver = true
				answers[a.Addr] = keepAnswer(answers[a.Addr], dnsAnswer{a.Name, int(j)})
			}
			if r.Name != "" && names[k] == "" {
				names[k] = r.Name
			}
			if names[k] != "" && !resolver {
				break // named; only a resolver's later answers still matter
			}
		}
		delete(w.flows, int32(k))
	}
	return answers
}

// FlowName is FlowNames' name for flow f, or "" while the names are not
// computed yet: it never waits, so a view can call it on its goroutine.
func (x *Index) FlowName(f *Flow) string {
	if !x.namesReady.Load() {
		return ""
	}
	if f == nil || int(f.ID) >= len(x.names) {
		return ""
	}
	return x.names[f.ID]
}

// ReadyFlowNames is FlowNames without waiting: nil until they are computed.
func (x *Index) ReadyFlowNames() []string {
	if !x.namesReady.Load() {
		return nil
	}
	return x.names
}

// HostName is the name captured DNS answers gave addr (the latest one in
// the capture), as Wireshark's "resolve network addresses from captured
// DNS packets" shows it; "" when none did or the names are not computed
// yet (FlowNames computes them). It never waits.
func (x *Index) HostName(addr netip.Addr) string {
	if !x.namesReady.Load() {
		return ""
	}
	return x.hosts[addr]
}
