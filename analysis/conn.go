package analysis

import "github.com/ladder-dev/ladder/decode"

// Conn summarises one TCP connection (one tcp.stream). Direction 0 is the
// client (decode.Flow.Client) to the server.
type Conn struct {
	Flow   int // index into decode.Index.Flows
	Stream int // tcp.stream

	// State is Zeek's conn_state (S0, S1, SF, REJ, S2, S3, RSTO, RSTR,
	// RSTOS0, RSTRH, SH, SHR, OTH) and History its history string, with the
	// client as originator.
	State   string
	History string

	// Completeness is Wireshark's tcp.completeness bit set as tshark 4.0
	// shows it after both passes: 1 SYN, 2 SYN-ACK, 4 ACK, 8 data, 16
	// FIN (with ACK), 32 RST.
	Completeness uint8

	// FirstFIN and FirstRST are the packet indexes of each direction's
	// first FIN and RST, -1 when none was sent.
	FirstFIN, FirstRST [2]int32

	Counts     [NumFlags]int // packets carrying each analysis flag
	InitialRTT int64         // ns from the first SYN to the ACK completing the handshake, 0 if not seen

	tcp      bool
	irttFrom int32 // packet index of that ACK: Wireshark shows the iRTT from it on
}

// Completeness bits (tcp.completeness).
const (
	CompleteSYN    uint8 = 1
	CompleteSYNACK uint8 = 2
	CompleteACK    uint8 = 4
	CompleteData   uint8 = 8
	CompleteFIN    uint8 = 16
	CompleteRST    uint8 = 32
)

// CompletenessString renders the completeness bits as Wireshark does:
// "RFDASS" with "·" for each absent bit (R=RST ... the last S=SYN).
func (c *Conn) CompletenessString() string {
	const letters = "RFDASS"
	b := make([]rune, 0, 6)
	for k := range 6 {
		if c.Completeness&(1<<(5-k)) != 0 {
			b = append(b, rune(letters[k]))
		} else {
			b = append(b, '·')
		}
	}
	return string(b)
}

// Side names a direction's sender.
func Side(dir int) string {
	if dir == 0 {
		return "client"
	}
	return "server"
}

// ClosedBy says how the connection ended, "fin", "rst", "both" or
// "neither", and which side sent the first FIN or RST ("client",
// "server", or "" for neither).
func (c *Conn) ClosedBy() (how, side string) {
	first, dir := int32(-1), -1
	fin, rst := false, false
	for d := range 2 {
		for _, p := range [2]int32{c.FirstFIN[d], c.FirstRST[d]} {
			if p >= 0 && (first < 0 || p < first) {
				first, dir = p, d
			}
		}
		fin = fin || c.FirstFIN[d] >= 0
		rst = rst || c.FirstRST[d] >= 0
	}
	switch {
	case fin && rst:
		how = "both"
	case fin:
		how = "fin"
	case rst:
		how = "rst"
	default:
		return "neither", ""
	}
	return how, Side(dir)
}

// connState is the working state of one connection during the pass.
type connState struct {
	seen    bool  // a packet of the flow was met (first is set)
	started bool  // a well-formed packet of the flow was met
	reused  bool  // the next packet gets the "Port numbers reused" flag
	first   int32 // packet index of the connection's first packet
	opening uint8 // completeness bits that open the count: first-packet SYN, ACK without payload
	later   uint8 // completeness bits counted once it is open
	base    [2]uint32
	baseSet [2]bool
	dir     [2]dirState
	lastPkt [2]int32
	synTime int64 // time of the most recent SYN without ACK
	// rstUndo is how a side's next sequence number stood before its RST
	// advanced it, while that RST is the conversation's latest packet: a
	// SYN from the same side right after it (a handshake retried after
	// resetting a stale one) puts the number back, as tshark 4.0 does, so
	// the retried connection's data is not a retransmission.
	rstUndo struct {
		ok   bool
		dir  uint8
		next uint32
		time int64
		pkt  int32
	}
	firstRTT int64
	// mptcpNew counts the connection's packets that carried an MPTCP
	// option subtype new to it (decode.OptMPTCPNew): Wireshark's
	// mp_operations, compared with dirState.mptcpNew.
	mptcpNew uint32
	conn     *Conn // in the Result's table, which never moves
	zeek     zeekConn
}

// start prepares the state for flow fi when its first well-formed packet
// p is met. The flow's endpoints come from p and its direction, so the
// pass needs nothing from the flow table while the index still loads.
func (c *connState) start(cn *Conn, fi int, p *decode.Packet, earlier map[[2]decode.Endpoint]bool) {
	c.started = true
	for d := range c.dir {
		c.dir[d].scale = scaleUnknown
		c.dir[d].lastNonDup = -1
		c.dir[d].validInFlght = true
		c.lastPkt[d] = -1
	}
	c.conn = cn
	*cn = Conn{Flow: fi, tcp: true, FirstFIN: [2]int32{-1, -1}, FirstRST: [2]int32{-1, -1}}
	key := [2]decode.Endpoint{{Addr: p.Src, Port: p.SrcPort}, {Addr: p.Dst, Port: p.DstPort}}
	if key[1].Addr < key[0].Addr || key[1].Addr == key[0].Addr && key[1].Port < key[0].Port {
		key[0], key[1] = key[1], key[0]
	}
	c.reused = earlier[key]
	earlier[key] = true
}

// packet analyses packet i of this connection and returns its flags.
func (c *connState) packet(r *Result, i int32, p *decode.Packet) Flags {
	d := p.Dir & 1
	fwd, rev := &c.dir[d], &c.dir[d^1]
	syn := p.Flags&decode.FlagSYN != 0
	synAck := syn && p.Flags&decode.FlagACK != 0
	if syn {
		// Window scaling as Wireshark settles it from the SYNs (RFC 7323
		// section 2.2): it applies only when both SYNs carry the option.
		if p.WScale >= 0 {
			fwd.scale = min(p.WScale, 14)
		}
		if fwd.scale == scaleUnknown {
			fwd.scale, rev.scale = scaleNone, scaleNone
		} else if synAck && rev.scale == scaleNone {
			fwd.scale = scaleNone
		}
	}
	// A SYN or SYN-ACK whose sequence number differs from the one this
	// side's numbers are based on starts a new connection on the same
	// ports; Wireshark flags it whether or not it starts a new tcp.stream
	// (only a SYN without ACK does). Bases are set as Wireshark sets them:
	// by a side's first packet, or by the first ACK from its peer.
	if syn {
		if c.baseSet[d] && c.base[d] != p.Seq {
			c.reused = true
		}
		c.base[d], c.baseSet[d] = p.Seq, true
	} else if !c.baseSet[d] {
		c.base[d], c.baseSet[d] = p.Seq-1, true
	}
	if p.Flags&decode.FlagACK != 0 && !c.baseSet[d^1] {
		c.base[d^1], c.baseSet[d^1] = p.Ack-1, true
	}
	win := uint32(p.Window)
	if !syn && fwd.scale >= 0 {
		win <<= uint(fwd.scale)
	}
	if p.Flags&decode.FlagRST != 0 {
		r.rsts.add(i, Snapshot{
			NextSeq: [2]uint32{c.dir[0].nextSeq, c.dir[1].nextSeq},
			LastAck: [2]uint32{c.dir[0].lastAck, c.dir[1].lastAck},
			Window:  [2]uint32{c.dir[0].window, c.dir[1].window},
			LastPkt: c.lastPkt,
		})
	}
	switch {
	case syn && !synAck:
		c.synTime = p.Time
	case p.Flags&decode.FlagACK != 0 && !syn && c.synTime != 0 && c.firstRTT == 0:
		c.firstRTT = p.Time - c.synTime
		c.conn.InitialRTT, c.conn.irttFrom = c.firstRTT, i
	}
	if u := &c.rstUndo; u.ok && u.dir == d && p.Flags&(decode.FlagSYN|decode.FlagACK) == decode.FlagSYN {
		fwd.nextSeq, fwd.nextSeqTime, fwd.nextSeqPkt = u.next, u.time, u.pkt
	}
	c.rstUndo.ok = false
	before := fwd.nextSeq
	in := packetIn{i: i, time: p.Time, seq: p.Seq, ack: p.Ack, seglen: uint32(p.PayloadLen),
		flags: p.Flags, window: win, mptcpSignal: fwd.mptcpNew != c.mptcpNew}
	prevTime, prevPkt := fwd.nextSeqTime, fwd.nextSeqPkt
	fl := c.analyzeSeq(r, &in, fwd, rev)
	// As in Wireshark, a side remembers the connection's MPTCP signals as
	// they stood before its packet; the packet's own signal counts from
	// the next packet on (tshark 4.0 updates mp_operations after the
	// sequence analysis).
	fwd.mptcpNew = c.mptcpNew
	if p.Opts&decode.OptMPTCPNew != 0 {
		c.mptcpNew++
	}
	if p.Flags&decode.FlagRST != 0 && fwd.nextSeq != before {
		c.rstUndo.ok, c.rstUndo.dir = true, d
		c.rstUndo.next, c.rstUndo.time, c.rstUndo.pkt = before, prevTime, prevPkt
	}
	if c.reused {
		fl = fl.with(ReusedPorts)
		c.reused = false
	}
	c.lastPkt[d] = i
	c.summarise(i, p, int(d), fl)
	return fl
}

// summarise adds packet i to the connection summary.
func (c *connState) summarise(i int32, p *decode.Packet, d int, fl Flags) {
	cn := c.conn
	fl.Each(func(f Flag) { cn.Counts[f]++ })
	const syn, ack, fin, rst = decode.FlagSYN, decode.FlagACK, decode.FlagFIN, decode.FlagRST
	switch {
	case p.Flags&(syn|ack) == syn:
		if i == c.first {
			c.opening |= CompleteSYN
		}
	case p.Has(syn | ack):
		c.later |= CompleteSYNACK
	case p.Flags&ack != 0 && p.PayloadLen == 0: // with or without FIN or RST
		c.opening |= CompleteACK
	}
	if p.PayloadLen > 0 {
		c.later |= CompleteData
	}
	if p.Has(fin | ack) {
		c.later |= CompleteFIN
	}
	if p.Flags&fin != 0 && cn.FirstFIN[d] < 0 {
		cn.FirstFIN[d] = i
	}
	if p.Flags&rst != 0 {
		c.later |= CompleteRST
		if cn.FirstRST[d] < 0 {
			cn.FirstRST[d] = i
		}
	}
	if p.Flags&(fin|rst) != 0 && c.ending() {
		for d := range c.dir {
			if len(c.dir[d].unacked) == 0 {
				c.dir[d].unacked = nil // see ackSegments
			}
		}
	}
	c.zeek.packet(p, d, fl)
}

// finish completes the summary after the last packet.
func (c *connState) finish() {
	cn := c.conn
	// tshark 4.0 counts the other bits only once the conversation has a
	// SYN as its first packet or an ACK without payload; its final value (tshark -2)
	// then holds every bit seen, and 0 for a conversation with neither
	// (checked against tshark -2 on every testdata capture).
	if c.opening != 0 {
		cn.Completeness = c.opening | c.later
	}
	cn.History = string(c.zeek.history)
	cn.State = c.zeek.state()
}
