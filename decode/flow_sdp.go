package decode

// udp.stream numbers around the media an SDP body announces. When SIP
// carries SDP, Wireshark's RTP dissector sets up a conversation for each
// announced RTP and RTCP endpoint with the peer's address and port left
// open (srtp_add_address), and UDP's conversation lookup finds, after an
// exact match of both endpoints, first the open conversation of the
// datagram's source endpoint and then that of its destination; UDP never
// fills the open side in. So tshark 4.0.17 numbers what each endpoint
// sends by the sender's announcement: the two directions of a call read
// udp.stream 1 and 2 (testdata/app/lab__sip_rtp.pcap), RTCP an endpoint
// sends from its RTP port shares that number whatever port it goes to,
// and a re-INVITE's new announcement starts a new number
// (lab__sip_rtp_early.pcap, lab__rtp-crafted.pcap). A conversation is
// identified by its setup frame (sipAnnounces): announcing an endpoint
// again with the same setup frame (a 200 OK repeating a 183's answer to
// the same offer) keeps it, a later setup frame replaces it, and an
// earlier one makes a conversation that lookups never pick. ladder's flows
// follow the same rule, so that udp.stream == N selects the same packets.

// sdpEnd is an announced endpoint: an address-table id and a port.
type sdpEnd struct {
	addr uint32
	port uint16
}

// sdpConv is the conversation an endpoint's latest announcement set up:
// its setup frame and the flow it became, -1 until a datagram used it.
type sdpConv struct {
	setup int
	flow  int32
	// peer is the port an RTSP conversation names for the other side
	// (server_port), 0 for SDP's and RTSP's without one.
	peer uint16
}

// maxSDPEnds bounds the endpoints remembered.
const maxSDPEnds = 1 << 16

// noteSIP reads packet i's payload as a SIP message (a packet to or from
// port 5060) and notes the endpoints its SDP body announces.
func (t *flowTable) noteSIP(i int32, payload []byte, addrs *addrTable) {
	sipAnnounces(payload, int(i), &t.sipOffers, func(s sdpStream) {
		var id uint32
		switch s.addr.Kind {
		case AddrIPv4:
			id = addrs.intern(AddrIPv4, s.addr.B[:4])
		case AddrIPv6:
			id = addrs.intern(AddrIPv6, s.addr.B[:])
		default:
			return
		}
		k := sdpEnd{id, s.port}
		if c, ok := t.sdp[k]; ok && c.setup >= s.setup {
			return
		}
		if t.sdp == nil {
			t.sdp = map[sdpEnd]sdpConv{}
		}
		if len(t.sdp) < maxSDPEnds {
			t.sdp[k] = sdpConv{setup: s.setup, flow: -1}
		}
	})
}

// noteRTSP reads packet i's payload as RTSP (TCP to or from an RTSP
// port) and notes the conversations its Transport headers set up
// (rtspAnnounces). One that names the server's port matches only a
// datagram its announced endpoint sends to that port: Wireshark's UDP
// finds it by the datagram's source alone (lab__rtsp.pcap: the server's
// RTP to the client's port starts a udp.stream of its own).
func (t *flowTable) noteRTSP(i int32, p *Packet, payload []byte, addrs *addrTable) {
	var dst Addr
	if int(p.Dst) < len(addrs.list) {
		dst = addrs.list[p.Dst]
	}
	rtspAnnounces(payload, int(i), dst, func(s sdpStream) {
		k := sdpEnd{p.Dst, s.port}
		if c, ok := t.sdp[k]; ok && c.setup >= s.setup {
			return
		}
		if t.sdp == nil {
			t.sdp = map[sdpEnd]sdpConv{}
		}
		if len(t.sdp) < maxSDPEnds {
			t.sdp[k] = sdpConv{setup: s.setup, flow: -1, peer: s.peer}
		}
	})
}

// sdpFlow returns the flow of UDP packet p's announced conversation, its
// source's, else its destination's, starting the flow (and a udp.stream)
// at the conversation's first datagram; false when neither endpoint was
// announced. The flow is not entered under p's addresses and ports: a
// reply from an endpoint nobody announced finds it through its
// destination, one from an announced endpoint its own.
func (t *flowTable) sdpFlow(p *Packet) (int32, bool) {
	for n, k := range [2]sdpEnd{{p.Src, p.SrcPort}, {p.Dst, p.DstPort}} {
		c, ok := t.sdp[k]
		if !ok || c.peer != 0 && (n == 1 || c.peer != p.DstPort) {
			continue
		}
		if c.flow < 0 || t.flows[c.flow] == leftWindow {
			c.flow = t.push(t.newFlow(p))
			t.sdp[k] = c
		}
		return c.flow, true
	}
	return 0, false
}
