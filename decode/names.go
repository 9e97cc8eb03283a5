package decode

import "net/netip"

// namesScan is how many packets at the start of a flow are dissected to
// find the name it gives itself: the TLS or QUIC ClientHello and the first
// HTTP request come first.
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

func (x *Index) nameFlows() []string {
	flows := x.Flows()
	names := make([]string, len(flows))
	w := NewAppWalker(x)
	// DNS answers, in capture order, each kept with the frame it came in.
	type answer struct {
		name  string
		frame int
	}
	answers := map[netip.Addr][]answer{}
	for k, f := range flows {
		resolver := false
		for n, j := range f.Frames {
			if n == namesScan && !resolver {
				break // a flow that answered no name query early is not DNS
			}
			r := w.At(int(j), false)
			for _, a := range r.Resolved {
				resolver = true
				if as := answers[a.Addr]; len(as) < 16 {
					answers[a.Addr] = append(as, answer{a.Name, int(j)})
				}
			}
			if r.Name != "" && names[k] == "" {
				names[k] = r.Name
			}
		}
		delete(w.flows, int32(k))
	}
	hosts := make(map[netip.Addr]string, len(answers))
	for a, as := range answers {
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
