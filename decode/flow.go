package decode

// Endpoint is one side of a conversation.
type Endpoint struct {
	Addr uint32 // address table index
	Port uint16
}

// Flow is one TCP or UDP conversation, numbered like Wireshark's tcp.stream
// and udp.stream: in order of first appearance, from 0, separately per
// protocol. Direction 0 is client to server.
type Flow struct {
	Proto Proto // ProtoTCPPacket or ProtoUDPPacket
	// ID is the flow's position in Index.Flows, the Packet.Flow of its
	// packets: a snapshot keeps it, so a copy names the flow it came from.
	ID     int32
	Stream int // tcp.stream or udp.stream number
	Client Endpoint
	Server Endpoint

	Packets [2]int   // per direction
	Bytes   [2]int64 // frame bytes on the wire, per direction
	First   int64    // time of the first packet (Unix ns)
	Last    int64
	Frames  []int32 // packet indexes (0-based) in capture order
	// Errors are the ICMP/ICMPv6 errors quoting this conversation (packet
	// indexes in capture order): they carry its stream number but are not
	// among Frames, which hold the conversation's own packets.
	Errors []int32

	// TCP sequence context, set as Wireshark sets it: the base of each
	// direction's relative sequence numbers and its window scale shift.
	Base    [2]uint32
	BaseSet [2]bool
	Scale   [2]int8 // shift >= 0; ScaleUnknown or ScaleNone otherwise
	// ScaleFrom is the first packet index at which Scale applies: Wireshark
	// judges each packet with what it knew then, so earlier windows stay raw.
	ScaleFrom [2]int32
	// scaleWas keeps the scales a later SYN replaced, so earlier packets
	// keep the window they were shown with. Empty for almost every flow.
	scaleWas [2][]scaleSpan
	SawSYN   bool // a SYN from the client was seen
	// Left is set on the one record that stands for every conversation
	// whose packets all left a live capture's window (window.go).
	Left bool

	earlyBase  [2]uint32 // base used before a late SYN redefined it
	earlyUntil [2]int32  // packets before this index use earlyBase
	closing    bool      // FIN or RST seen: a new SYN starts a new stream
	synAckSeen [2]bool   // a SYN/ACK was sent that way, with synAckSeq
	synAckSeq  [2]uint32
	mptcpConn  int32 // 1 + its Multipath TCP connection in flowTable.mptcp; 0: none
	// accECNSyn: the last SYN asked for Accurate ECN; accECNFrom: 1 + the
	// packet index of the SYN/ACK that agreed, 0 if none did (accecn.go)
	accECNSyn  bool
	accECNFrom int32
}

// scaleSpan is a window scale that applied from packet index from on.
type scaleSpan struct {
	from  int32
	scale int8
}

// Window-scale states (Flow.Scale) when no shift applies.
const (
	ScaleUnknown int8 = -1 // no SYN seen from that side
	ScaleNone    int8 = -2 // SYNs seen, scaling not in effect
)

// Duration is the time between the first and last packet in nanoseconds.
func (f *Flow) Duration() int64 { return f.Last - f.First }

// Span is the first and last packet index (0-based) that carry the flow's
// stream number: its own packets, or, for a conversation known only from
// the ICMP errors that quote it (no packet of its own in the capture), those
// errors. ok is false for a flow with neither.
func (f *Flow) Span() (first, last int32, ok bool) {
	fr := f.Frames
	if len(fr) == 0 {
		fr = f.Errors
	}
	if len(fr) == 0 {
		return 0, 0, false
	}
	first, last = fr[0], fr[len(fr)-1]
	if len(f.Frames) > 0 && len(f.Errors) > 0 {
		first, last = min(first, f.Errors[0]), max(last, f.Errors[len(f.Errors)-1])
	}
	return first, last, true
}

// WindowSize is the window a packet of direction dir advertises, scaled as
// Wireshark scales it (SYN windows are never scaled).
func (f *Flow) WindowSize(i int, p *Packet) uint32 {
	d := p.Dir & 1
	s := f.Scale[d]
	if int32(i) < f.ScaleFrom[d] {
		s = ScaleUnknown
		for _, sp := range f.scaleWas[d] {
			if int32(i) >= sp.from {
				s = sp.scale
			}
		}
	}
	if s < 0 || p.Flags&FlagSYN != 0 {
		return uint32(p.Window)
	}
	return uint32(p.Window) << uint(s)
}

// BaseAt is the base of direction d's relative sequence numbers as it
// stood when packet i was read.
func (f *Flow) BaseAt(i int, d uint8) uint32 {
	if int32(i) < f.earlyUntil[d&1] {
		return f.earlyBase[d&1]
	}
	return f.Base[d&1]
}

// RelSeq and RelAck return packet i's sequence numbers relative to each
// direction's base, as Wireshark shows them.
func (f *Flow) RelSeq(i int, p *Packet) uint32 { return p.Seq - f.BaseAt(i, p.Dir) }
func (f *Flow) RelAck(i int, p *Packet) uint32 { return p.Ack - f.BaseAt(i, p.Dir^1) }

// flowKey identifies a conversation regardless of direction.
type flowKey struct {
	a, b   uint32
	pa, pb uint16
	proto  Proto
}

func makeFlowKey(proto Proto, src, dst uint32, sp, dp uint16) (flowKey, bool) {
	if src < dst || (src == dst && sp <= dp) {
		return flowKey{src, dst, sp, dp, proto}, false
	}
	return flowKey{dst, src, dp, sp, proto}, true
}

// flowTable assigns packets to flows during the index pass.
type flowTable struct {
	flows   []*Flow
	current map[flowKey]int32
	next    [2]int // next tcp.stream, udp.stream
	// memo remembers current[key] for recently seen keys, direct-mapped
	// by a hash of the key: the conversations active at any moment are
	// few, and a lookup here (96 KiB, in cache) costs a fraction of a map
	// lookup among tens of thousands of flows.
	memo *[memoSize]memoEntry
	// reserved holds numbered conversations without packets (flow_tunnel.go).
	reserved map[flowKey]reservation
	// mptcp holds the Multipath TCP connections (mptcp.go): the option
	// subtypes each has carried, and which connection a token names.
	mptcp       []uint8
	mptcpTokens map[uint32]int32
	// socks follows connections on the SOCKS port (flow_socks.go)
	socks map[int32]*socksTrack
	// snmp holds the conversations SNMP requests left open, true once
	// an answer filled them in (flow_snmp.go)
	snmp map[snmpWildcard]bool
	// sdp holds the endpoints SIP's SDP bodies announced, and sipOffers
	// the offers awaiting an answer (flow_sdp.go)
	sdp       map[sdpEnd]sdpConv
	sipOffers map[string]int
}

const memoBits, memoSize = 12, 1 << 12

type memoEntry struct {
	key flowKey
	id  int32 // flow index + 1; 0: empty
}

func (k *flowKey) slot() int {
	h := (uint64(k.a)<<32 | uint64(k.b)) * 0x9e3779b97f4a7c15
	h ^= (uint64(k.pa)<<24 | uint64(k.pb)<<8 | uint64(k.proto)) * 0xc2b2ae3d27d4eb4f
	return int(h >> (64 - memoBits))
}

// lookup returns current[key].
func (t *flowTable) lookup(key flowKey) (int32, bool) {
	m := &t.memo[key.slot()]
	if m.id != 0 && m.key == key {
		return m.id - 1, true
	}
	id, ok := t.current[key]
	if ok {
		*m = memoEntry{key, id + 1}
	}
	return id, ok
}

// leave forgets flow id, whose packets all left the window: a packet with
// its addresses and ports from now on starts a new conversation (it was
// silent for the whole window), and its record is replaced by leftWindow.
func (t *flowTable) leave(id int32) {
	f := t.flows[id]
	key, _ := makeFlowKey(f.Proto, f.Client.Addr, f.Server.Addr, f.Client.Port, f.Server.Port)
	if cur, ok := t.current[key]; ok && cur == id {
		delete(t.current, key)
	}
	if m := &t.memo[key.slot()]; m.id == id+1 {
		*m = memoEntry{}
	}
	t.flows[id] = leftWindow
}

// set makes id the current flow of key.
func (t *flowTable) set(key flowKey, id int32) {
	t.current[key] = id
	t.memo[key.slot()] = memoEntry{key, id + 1}
}

func newFlowTable() *flowTable {
	return &flowTable{current: make(map[flowKey]int32), memo: new([memoSize]memoEntry)}
}

// add assigns p (already filled from h) to its flow and sets p.Flow and p.Dir.
func (t *flowTable) add(i int32, p *Packet) {
	if p.Proto != ProtoTCPPacket && p.Proto != ProtoUDPPacket {
		p.Flow = -1
		return
	}
	key, _ := makeFlowKey(p.Proto, p.Src, p.Dst, p.SrcPort, p.DstPort)
	id, ok := t.lookup(key)
	var f *Flow
	if ok {
		f = t.flows[id]
		if p.Proto == ProtoTCPPacket && f.startsNewStream(p) {
			ok = false
		}
	}
	var answer, fromAgent bool
	if p.Proto == ProtoUDPPacket {
		answer, fromAgent = t.snmpNewStream(p.Src, p.Dst, p.SrcPort, p.DstPort, true)
	}
	if answer {
		ok = false
	}
	if !ok && !answer && len(t.sdp) > 0 && p.Proto == ProtoUDPPacket {
		if id, ok = t.sdpFlow(p); ok {
			f = t.flows[id]
		}
	}
	if !ok && len(t.reserved) > 0 && p.Proto == ProtoUDPPacket {
		if id, ok = t.claim(key); ok {
			f = t.flows[id]
		}
	}
	if !ok {
		f = t.newFlow(p)
		if fromAgent {
			// the manager that asked is the client
			f.Client, f.Server = f.Server, f.Client
		}
		id = t.push(f)
		t.set(key, id)
	}
	p.Flow = id
	if p.Src == f.Client.Addr && p.SrcPort == f.Client.Port {
		p.Dir = 0
	} else {
		p.Dir = 1
	}
	t.count(i, p, f)
	if p.Proto == ProtoTCPPacket {
		f.trackTCP(i, p)
	}
}

// count adds packet i (p.Flow and p.Dir set) to f's frames and totals.
func (t *flowTable) count(i int32, p *Packet, f *Flow) {
	d := p.Dir & 1
	f.Packets[d]++
	f.Bytes[d] += int64(p.OrigLen)
	if len(f.Frames) == 0 {
		f.First = p.Time
	}
	f.Last = p.Time
	f.Frames = append(f.Frames, i)
}

// push appends a new flow and returns its id.
func (t *flowTable) push(f *Flow) int32 {
	f.ID = int32(len(t.flows))
	t.flows = append(t.flows, f)
	return f.ID
}

func (t *flowTable) newFlow(p *Packet) *Flow {
	f := &Flow{Proto: p.Proto, Scale: [2]int8{ScaleUnknown, ScaleUnknown}}
	src, dst := Endpoint{p.Src, p.SrcPort}, Endpoint{p.Dst, p.DstPort}
	if p.Proto == ProtoTCPPacket && p.Has(FlagSYN|FlagACK) {
		src, dst = dst, src // a SYN-ACK comes from the server
	}
	f.Client, f.Server = src, dst
	n := 0
	if p.Proto == ProtoUDPPacket {
		n = 1
	}
	f.Stream = t.next[n]
	t.next[n]++
	return f
}

// startsNewStream reports whether a SYN reuses the ports of a conversation
// that is over or whose sequence space differs, which Wireshark treats as a
// new tcp.stream ("TCP Port numbers reused").
func (f *Flow) startsNewStream(p *Packet) bool {
	if p.Flags&(FlagSYN|FlagACK) != FlagSYN {
		return false
	}
	d := 1
	if p.Src == f.Client.Addr && p.SrcPort == f.Client.Port {
		d = 0
	}
	if !f.BaseSet[d] {
		return f.closing
	}
	return p.Seq != f.Base[d]
}

// setScale makes scale apply to direction d from packet index i on,
// remembering the scale it replaces for the packets before.
func (f *Flow) setScale(d uint8, scale int8, i int32) {
	if scale == f.Scale[d] {
		return
	}
	if f.Scale[d] != ScaleUnknown {
		f.scaleWas[d] = append(f.scaleWas[d], scaleSpan{f.ScaleFrom[d], f.Scale[d]})
	}
	f.Scale[d], f.ScaleFrom[d] = scale, i
}

// trackTCP keeps the sequence bases and window scales current, the way
// Wireshark sets them as it meets each packet.
func (f *Flow) trackTCP(i int32, p *Packet) {
	d := p.Dir & 1
	r := d ^ 1
	switch {
	case p.Flags&FlagSYN != 0:
		if f.BaseSet[d] && f.Base[d] != p.Seq && f.earlyUntil[d] == 0 {
			// Packets before this SYN keep the base they were shown with.
			f.earlyBase[d], f.earlyUntil[d] = f.Base[d], i
		}
		f.Base[d], f.BaseSet[d] = p.Seq, true // a SYN always defines the base
	case !f.BaseSet[d]:
		f.Base[d], f.BaseSet[d] = p.Seq-1, true
	}
	if p.Flags&FlagACK != 0 && !f.BaseSet[r] {
		f.Base[r] = p.Ack - 1
		f.BaseSet[r] = true
	}
	if p.Flags&FlagSYN != 0 {
		f.noteAccECN(i, p.Flags)
		if p.Flags&FlagACK == 0 && d == 0 {
			f.SawSYN = true
		}
		scale := ScaleNone
		if p.WScale >= 0 {
			scale = min(p.WScale, 14)
		}
		synAck := p.Flags&FlagACK != 0
		// A SYN/ACK again with the sequence number of one already seen is
		// a retransmission: Wireshark leaves the scales as they are (a
		// retransmitted SYN may have turned the client's back on).
		if !synAck || !f.synAckSeen[d] || p.Seq != f.synAckSeq[d] {
			if synAck {
				f.synAckSeen[d], f.synAckSeq[d] = true, p.Seq
			}
			f.setScale(d, scale, i)
			// Scaling is off when either side's SYN lacked the option; a
			// SYN with the option is judged against the reverse at its
			// SYN/ACK.
			if (f.Scale[d] == ScaleNone || synAck && f.Scale[r] == ScaleNone) && f.Scale[r] != ScaleUnknown {
				f.setScale(d, ScaleNone, i)
				f.setScale(r, ScaleNone, i)
			}
		}
	}
	if p.Flags&FlagSYN == 0 && p.WScale >= 0 {
		// A window scale option outside a SYN (nmap's OS probes send them)
		// still sets its side's shift in Wireshark: it stores every option
		// it meets, after this packet's own window was computed, so the
		// shift applies from the next packet on.
		f.setScale(d, p.WScale, i+1)
	}
	if p.Flags&(FlagFIN|FlagRST) != 0 {
		f.closing = true
	}
}
