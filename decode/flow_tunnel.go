package decode

// Conversations a packet belongs to besides its own TCP/UDP flow: the outer
// UDP datagram of a tunnel. Wireshark numbers udp.stream as it meets each
// UDP header, the outer before the inner, so an outer conversation takes
// its number the first time it is seen even when the packet joins the
// inner flow.

// reservation is a conversation that has a stream number but no packet
// of its own yet (the outer UDP datagrams of a tunnel whose packets all
// joined inner flows): it becomes a Flow when a packet joins it.
type reservation struct {
	stream int
	client Endpoint
	server Endpoint
}

// conversation returns the flow of the UDP conversation src:sp → dst:dp
// (-1 when it has no packet yet) and numbers it if it is new.
func (t *flowTable) conversation(src, dst uint32, sp, dp uint16) (int32, flowKey) {
	key, _ := makeFlowKey(ProtoUDPPacket, src, dst, sp, dp)
	if id, ok := t.lookup(key); ok {
		return id, key
	}
	if _, ok := t.reserved[key]; !ok {
		if t.reserved == nil {
			t.reserved = make(map[flowKey]reservation)
		}
		t.reserved[key] = reservation{stream: t.next[1], client: Endpoint{src, sp}, server: Endpoint{dst, dp}}
		t.next[1]++
	}
	return -1, key
}

// claim turns the reservation of key into a flow, if there is one.
func (t *flowTable) claim(key flowKey) (int32, bool) {
	r, ok := t.reserved[key]
	if !ok {
		return 0, false
	}
	delete(t.reserved, key)
	f := &Flow{Proto: key.proto, Stream: r.stream, Client: r.client, Server: r.server,
		Scale: [2]int8{ScaleUnknown, ScaleUnknown}}
	id := t.push(f)
	t.set(key, id)
	return id, true
}

// join adds packet i, which is not itself of flow id's protocol (an ICMP
// packet in a UDP tunnel, an ICMP error quoting a connection), to that flow
// as sent from src:sp.
func (t *flowTable) join(i int32, p *Packet, id int32, src uint32, sp uint16) {
	f := t.flows[id]
	p.Flow, p.Dir = id, 1
	if src == f.Client.Addr && sp == f.Client.Port {
		p.Dir = 0
	}
	t.count(i, p, f)
}

// addTunnelled assigns a packet that travelled in outer layers to its flow:
// the inner TCP/UDP conversation, or else the innermost UDP tunnel's. Each
// outer UDP conversation is numbered first, as Wireshark numbers udp.stream
// as it meets each UDP header, the outer before the inner.
func (x *Index) addTunnelled(i int32, p *Packet, h *Headers) {
	p.Opts |= OptEncap
	var src, dst []byte
	kind := AddrIPv4
	outer, found := flowKey{}, false
	var osrc uint32
	var osp uint16
	for k := range int(h.NumEncap) {
		switch h.Encaps[k].Kind {
		case EncapIPv4, EncapIPv6:
			src, dst = h.OuterIP(k)
			kind = AddrIPv4
			if h.Encaps[k].Kind == EncapIPv6 {
				kind = AddrIPv6
			}
		case EncapUDP:
			sp, dp, ok := h.OuterUDP(k)
			if !ok || src == nil {
				continue
			}
			osrc, osp = x.addrs.intern(kind, src), sp
			_, outer = x.flows.conversation(osrc, x.addrs.intern(kind, dst), sp, dp)
			found = true
		}
	}
	x.flows.add(i, p)
	if p.Flow >= 0 || !found {
		return
	}
	id, ok := x.flows.lookup(outer)
	if !ok {
		if id, ok = x.flows.claim(outer); !ok {
			return
		}
	}
	x.flows.join(i, p, id, osrc, osp)
}
