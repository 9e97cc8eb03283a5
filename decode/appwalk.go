package decode

// maxPDUKeep is how many bytes of one PDU the walker keeps for its
// dissector: enough for any header block, TLS record or DNS message, while
// a long HTTP body or file transfer is only counted, never held.
const maxPDUKeep = 1 << 16

// maxSegments bounds the frames remembered per open PDU.
const maxSegments = 64

// heuristicTries bounds how many payloads of a conversation no port claims
// are offered to the heuristic dissectors.
const heuristicTries = 8

// AppResult is what the application dissectors made of one packet.
type AppResult struct {
	// Proto is the Protocol column; "" when no dissector claimed the
	// packet and the transport's name stands.
	Proto string
	// Info replaces the transport's Info text when Proto is set. InfoSep
	// goes between it and the TCP analysis labels, when there are some.
	Info, InfoSep string
	// Lead is how many bytes at the start of Info go before the TCP
	// analysis labels (Out.PrependInfo).
	Lead int
	// KeepInfo says the transport's Info text stands and Info follows it
	// (Out.KeepTransportInfo).
	KeepInfo bool
	// Segment marks a TCP segment that carries only part of a PDU that a
	// later segment completes: Wireshark keeps it TCP and appends
	// "[TCP segment of a reassembled PDU]". SegmentInfo, when set,
	// replaces the TCP summary before that mark (Dissector.SegmentInfo);
	// so does Info when InfoSet says a dissector's Partial wrote it, maybe
	// empty.
	Segment     bool
	SegmentInfo string
	InfoSet     bool
	// SegmentStart marks a Segment whose new bytes begin the PDU: TCP's
	// desegment_tcp then finds the subdissector took nothing
	// (desegment_offset 0) and replaces the Info text with just
	// "[TCP segment of a reassembled PDU]" (after SegmentInfo, if any).
	SegmentStart bool
	// Overlap marks a resent segment Wireshark's TCP reassembly refused:
	// it repeats bytes of a PDU that spans segments (decode.Resend).
	Overlap bool
	// Locked marks a segment that begins with the last bytes of a PDU that
	// lost bytes and then completes new PDUs: Wireshark marks it "[TCP
	// segment of a reassembled PDU]", keeps the Protocol column TCP and
	// lets the new PDUs append their Info after the mark (CESNET tls.pcap
	// frame 178).
	Locked bool
	// Tree holds the application layers for the details pane, when asked.
	Tree []Field
	// Name is the conversation's name as far as the walk has seen it.
	Name string
	// Resolved are the name resolutions the packet carried (DNS answers).
	Resolved []NameAddr
}

// WithLabels is the Info text with TCP analysis labels (prefix, as
// "[TCP Fast Retransmission] ") where Wireshark's column puts them: after
// any prepended text, before the rest, with the dissector's separator.
func (r *AppResult) WithLabels(prefix string) string {
	if prefix == "" {
		return r.Info
	}
	lead := min(max(r.Lead, 0), len(r.Info))
	return r.Info[:lead] + prefix + r.InfoSep + r.Info[lead:]
}

// AppWalker dissects packets' application layers. TCP needs the bytes
// before a packet to find its PDUs, so the walker replays each packet's
// flow from its first packet, keeping its place per flow: asking for
// packets in capture order costs one pass, and asking again for a packet
// of a flow it has walked past replays that flow. It is not safe for
// concurrent use; make one per goroutine. The index must be loaded up to
// the packets asked for.
type AppWalker struct {
	x     *Index
	flows map[int32]*flowApp
	// ended is the last flow walked to its end once the capture had
	// loaded: its state is dropped (a pass over millions of flows keeps
	// only the open ones) but its last result kept, for the caller that
	// asks for the same packet twice (a row, then its details).
	ended struct {
		flow  int32
		frame int32
		tree  bool
		res   AppResult
	}
	// judge is the analysis's judgement of resent segments the flows were
	// walked with (Index.SetResend); a new one restarts the walk
	judge *ResendJudge
	// capture is the state dissectors share between the flows walked
	capture CaptureState
	// seq is the walk of a Sequential IP-protocol dissector over the
	// capture's packets outside flows (Dissector.Sequential)
	seq  seqWalk
	data []byte // the current packet's bytes (owned by blk)
	blk  blockReader
	h    Headers
	out  Out
	res  AppResult
}

// flowApp is the walk's state in one flow.
type flowApp struct {
	next      int // position in Flow.Frames of the next packet to walk
	lastFrame int32
	lastTree  bool
	last      AppResult

	d     *Dissector // the conversation's dissector, nil until found (UDP: once a heuristic claimed it)
	tries int        // payloads offered to the heuristics so far
	idle  bool       // TCP: nothing can claim the conversation any more
	// related is set once the flow was offered to the dissectors that
	// claim announced conversations (Dissector.Related)
	related bool
	// announced is set when one of them claimed it: d stays that one
	announced bool
	conv      Conv
	dir       [2]streamDir
}

// streamDir is one direction of a TCP conversation: where its byte
// stream stands and the PDU open at its end.
type streamDir struct {
	seen     bool
	next     uint32 // sequence number after the last byte taken
	buf      []byte // the open PDU's first bytes (at most maxPDUKeep)
	have     int    // bytes of the open PDU taken (>= len(buf))
	need     int    // the open PDU's length once known, else 0
	start    int32  // frame where the open PDU began
	startOff int    // its offset in that frame's bytes
	segs     []int
	// lost is set when bytes went missing inside an open PDU of known
	// length: it can never complete, and the segments that carry the
	// rest of it, up to lostEnd, are its segments (Wireshark keeps them
	// in the PDU's reassembly and dissects none of them).
	lost    bool
	lostEnd uint32
	// startSeq is the sequence number of the open PDU's first byte.
	startSeq uint32
	// scan says the open PDU's end is being found by Dissector.Scan
	scan bool
	// seqs remembers where PDUs spanned segments and where the capture
	// missed bytes, for resent segments; allocated at the first of
	// either, so a direction without them costs a pointer (a 1M-packet
	// filter pass keeps thousands of directions open at once)
	seqs *seqLog
}

// seqLog is what a direction remembers of its byte stream for resent
// segments.
type seqLog struct {
	// spans are the last PDUs that spanned segments, as sequence ranges:
	// Wireshark's reassembly keeps each, and a fast retransmission of a
	// piece of one joins it instead of reaching a dissector.
	spans [16]seqRange
	nspan uint8
	// holes are the last stretches of the stream the capture missed: a
	// resent segment that fills one overlaps nothing
	holes [4]seqRange
	nhole uint8
}

// log returns the direction's seqLog, made on first use.
func (s *streamDir) log() *seqLog {
	if s.seqs == nil {
		s.seqs = new(seqLog)
	}
	return s.seqs
}

// keepHole remembers that the capture missed [start, end).
func (s *streamDir) keepHole(start, end uint32) {
	l := s.log()
	l.holes[l.nhole%uint8(len(l.holes))] = seqRange{start, end}
	l.nhole++
}

// inHole reports whether [start, end) meets a stretch the capture missed.
func (s *streamDir) inHole(start, end uint32) bool {
	l := s.seqs
	if l == nil {
		return false
	}
	for i := range min(int(l.nhole), len(l.holes)) {
		if r := l.holes[i]; int32(start-r.end) < 0 && int32(end-r.start) > 0 {
			return true
		}
	}
	return false
}

// seqRange is [start, end) in sequence numbers.
type seqRange struct{ start, end uint32 }

// keepSpan remembers a PDU that spanned segments.
func (s *streamDir) keepSpan(start, end uint32) {
	l := s.log()
	l.spans[l.nspan%uint8(len(l.spans))] = seqRange{start, end}
	l.nspan++
}

// inSpan reports whether seq falls in a PDU that spanned segments: one
// remembered, or the open one once it has bytes. first says seq is that
// PDU's first byte: Wireshark takes such a segment for a retransmission of
// the PDU's first segment, which its reassembly does not add again.
func (s *streamDir) inSpan(seq uint32) (in, first bool) {
	if s.have > 0 && int32(seq-s.startSeq) >= 0 && (s.need <= 0 || s.need == PDUUntilFIN || int32(seq-(s.startSeq+uint32(s.need))) < 0) {
		return true, seq == s.startSeq
	}
	l := s.seqs
	if l == nil {
		return false, false
	}
	for i := range min(int(l.nspan), len(l.spans)) {
		if r := l.spans[i]; int32(seq-r.start) >= 0 && int32(seq-r.end) < 0 {
			return true, seq == r.start
		}
	}
	return false, false
}

// gap is met when bytes are missing before the stream's next segment: an
// open PDU of known length cannot complete, and its remaining bytes, when
// they come, are more of it (lost), not a new PDU.
func (s *streamDir) gap() {
	if s.have > 0 && s.need > s.have && s.need != PDUUntilFIN {
		s.lost, s.lostEnd = true, s.next+uint32(s.need-s.have)
		s.keepSpan(s.startSeq, s.lostEnd)
	}
	s.drop()
}

func (s *streamDir) drop() {
	s.buf, s.have, s.need, s.segs, s.scan = s.buf[:0], 0, 0, s.segs[:0], false
	if cap(s.buf) > 4096 {
		s.buf = nil
	}
}

// NewAppWalker returns a walker over x.
func NewAppWalker(x *Index) *AppWalker {
	w := &AppWalker{x: x, flows: map[int32]*flowApp{}}
	w.ended.flow = -1
	return w
}

// At dissects packet i's application layer. With tree, the result's Tree
// holds the details layers. The result is valid until the next call.
func (w *AppWalker) At(i int, tree bool) *AppResult {
	if jd := w.x.resendOf(); jd != w.judge {
		w.judge = jd
		clear(w.flows)
		w.capture = CaptureState{}
		w.seq = seqWalk{}
		w.ended.flow = -1
	}
	p := w.x.Packet(i)
	if p.Flow < 0 || (p.Proto != ProtoTCPPacket && p.Proto != ProtoUDPPacket) {
		w.res = AppResult{}
		w.single(i, p, tree)
		return &w.res
	}
	w.x.mu.RLock()
	f := w.x.flows.flows[p.Flow]
	frames := f.Frames
	w.x.mu.RUnlock()
	fa := w.flows[p.Flow]
	if fa != nil && fa.lastFrame == int32(i) && (fa.lastTree || !tree) && fa.next > 0 {
		w.res = fa.last
		return &w.res
	}
	if e := &w.ended; fa == nil && e.flow == p.Flow && e.frame == int32(i) && (e.tree || !tree) {
		w.res = e.res
		return &w.res
	}
	if fa == nil || (fa.next > 0 && frames[fa.next-1] >= int32(i)) {
		fa = &flowApp{lastFrame: -1}
		fa.conv.capture = &w.capture
		w.flows[p.Flow] = fa
	}
	for fa.next < len(frames) && frames[fa.next] <= int32(i) {
		j := int(frames[fa.next])
		fa.next++
		w.step(j, fa, tree && j == i)
		fa.lastFrame, fa.lastTree, fa.last = int32(j), tree && j == i, w.res
		if j == i && len(w.res.Tree) > 0 {
			// the result outlives the walker's scratch tree
			fa.last.Tree = append([]Field(nil), w.res.Tree...)
			w.res.Tree = fa.last.Tree
		}
	}
	if fa.lastFrame != int32(i) {
		w.res = AppResult{}
	}
	if fa.next == len(frames) && w.loaded() {
		w.ended.flow, w.ended.frame, w.ended.tree, w.ended.res = p.Flow, fa.lastFrame, fa.lastTree, fa.last
		delete(w.flows, p.Flow)
	}
	return &w.res
}

// loaded reports whether the capture has finished loading: only then is a
// flow's frame list final.
func (w *AppWalker) loaded() bool {
	select {
	case <-w.x.done:
		return true
	default:
		return false
	}
}

// read loads packet j's bytes and headers into the walker.
func (w *AppWalker) read(j int, p *Packet) bool {
	var err error
	w.data, err = w.blk.packet(w.x, j)
	if err != nil {
		return false
	}
	w.x.ParseHeaders(j, w.data, &w.h)
	return true
}

// finish copies what the dissectors wrote into the result.
func (w *AppWalker) finish(name string) {
	w.res.Proto = w.out.Proto
	w.res.Info = w.out.Info()
	w.res.InfoSep = w.out.sep
	w.res.Lead = w.out.lead
	w.res.KeepInfo = w.out.keep
	w.res.Tree = w.out.Tree
	w.res.Name = name
	w.res.Resolved = w.out.resolved
}

// single dissects a packet outside any TCP or UDP flow: layer 2 protocols
// and IP protocols other than TCP and UDP.
func (w *AppWalker) single(i int, p *Packet, tree bool) {
	if p.Proto == ProtoBlock || !w.read(i, p) {
		return
	}
	var d *Dissector
	var b []byte
	var conv *Conv
	if w.h.Net == NetIPv4 || w.h.Net == NetIPv6 {
		if w.h.Fragment {
			return
		}
		d, b = w.ipDissector()
		if d != nil && d.Sequential {
			if w.replay(d, i); !w.read(i, p) {
				return
			}
			b, conv = w.h.IPPayload, &w.seq.conv
		}
	}
	fcs := false
	switch {
	case d != nil:
	case w.h.WLAN != nil:
		d, b, fcs = registry.wlan, w.h.WLAN, w.h.WLANFCS
	case w.h.LinkPayload != nil: // also a link-layer protocol a tunnel ends in (CDP over GRE)
		et := EtherType(w.h.EtherType)
		b = w.h.LinkPayload
		switch {
		case w.h.rawLLC:
			d = registry.etherType[EtherType8023]
		case et == 0:
			// packet-eth.c takes a zero type for Ethernet II's, which
			// nothing dissects
		case et <= 1500: // IEEE 802.3: a length, then an LLC header
			d = registry.etherType[EtherType8023]
			b = b[:min(len(b), int(et))]
		default:
			d = registry.etherType[et]
		}
	}
	if d == nil {
		return
	}
	w.out.reset(tree)
	pdu := PDU{Data: b, Len: len(b), FCS: fcs, Off: w.offset(b), Frame: i, Time: p.Time, Segments: []int{i}, Conv: conv}
	pdu.Src, pdu.Dst = p.Src, p.Dst
	sub := len(w.out.Tree)
	if d.Dissect(&pdu, &w.out) {
		Shift(w.out.Tree[sub:], pdu.Off)
		w.finish("")
	}
}

// ipDissector is the dissector of the read packet's IP payload, if any.
func (w *AppWalker) ipDissector() (*Dissector, []byte) {
	if w.h.ipEmpty {
		return nil, nil
	}
	return registry.ipProto[IPProtocol(w.h.IPProto)], w.h.IPPayload
}

// seqWalk is where a Sequential dissector's walk over the capture stands.
type seqWalk struct {
	d    *Dissector
	next int // the packet after the last one dissected
	conv Conv
}

// replay dissects, without a tree, the packets of d's protocol before
// packet i that the walk has not dissected yet, in order, so that d's
// state is that of the packets before i (or, when i was the last one
// dissected, that of i, which d must answer alike). Asking for an earlier
// packet starts the walk again. Only packets outside flows with no
// transport ladder decodes are read. It leaves the walker's packet bytes
// on the last packet read: the caller reads packet i again.
func (w *AppWalker) replay(d *Dissector, i int) {
	s := &w.seq
	if s.d != d || s.next > i+1 {
		*s = seqWalk{d: d}
		s.conv.capture = &w.capture
	}
	// a live ring's window may have dropped the first packets
	for j := max(s.next, w.x.First()); j < i; j++ {
		q := w.x.Packet(j)
		if q.Proto != ProtoIPOnly || q.Flow >= 0 || !w.read(j, q) || w.h.Fragment || (w.h.Net != NetIPv4 && w.h.Net != NetIPv6) {
			continue
		}
		if e, b := w.ipDissector(); e == d {
			w.out.reset(false)
			pdu := PDU{Data: b, Len: len(b), Off: -1, Frame: j, Time: q.Time, Conv: &s.conv}
			pdu.Src, pdu.Dst = q.Src, q.Dst
			d.Dissect(&pdu, &w.out)
		}
	}
	s.next = max(s.next, i+1)
}

// offset is where b, a re-slice of the walker's packet bytes, starts.
func (w *AppWalker) offset(b []byte) int {
	if len(b) == 0 {
		return -1
	}
	// A reassembled IP datagram is not in the packet's bytes.
	if off := cap(w.data) - cap(b); off >= 0 && off < len(w.data) && &w.data[off] == &b[0] {
		return off
	}
	return -1
}

// step walks packet j of fa's flow, leaving its result in w.res.
func (w *AppWalker) step(j int, fa *flowApp, tree bool) {
	w.res = AppResult{Name: fa.conv.Name}
	p := w.x.Packet(j)
	if p.PayloadLen == 0 && !(p.Proto == ProtoTCPPacket && p.Flags&FlagFIN != 0 && fa.dir[p.Dir&1].need == PDUUntilFIN) {
		if ds := &fa.dir[p.Dir&1]; p.Proto == ProtoTCPPacket && p.Flags&(FlagSYN|FlagRST) == 0 && ds.seen && int32(p.Seq-ds.next) > 0 {
			// A segment without data still tells where the sender's
			// stream stands: bytes before it were sent and not captured.
			// Wireshark's reassembly counts it too, so a later copy of
			// those bytes is a retransmission no dissector sees (zeek
			// tls/ssl.v3.pcap frames 248 and 251).
			ds.keepHole(ds.next, p.Seq)
			ds.gap()
			ds.next = p.Seq
		}
		return
	}
	if fa.idle && p.Proto == ProtoTCPPacket {
		return
	}
	if !w.read(j, p) || !w.h.HasTransport {
		return
	}
	w.out.reset(tree)
	switch p.Proto {
	case ProtoUDPPacket:
		w.datagram(j, p, fa)
	case ProtoTCPPacket:
		w.segment(j, p, fa)
	}
	if w.out.name != "" && fa.conv.Name == "" {
		fa.conv.Name = w.out.name
	}
	if w.res.Proto == "" && !w.res.Segment {
		w.res.Tree = nil
	}
	w.res.Name = fa.conv.Name
}

func (w *AppWalker) datagram(j int, p *Packet, fa *flowApp) {
	b := w.h.Payload
	// Len is the datagram's length by its UDP header: more than the bytes
	// when the capture cut it short (DHCP then marks the cut)
	pdu := PDU{Data: b, Len: max(len(b), w.h.PayloadLen), Off: w.offset(b), Frame: j, Time: p.Time, Segments: []int{j},
		SrcPort: p.SrcPort, DstPort: p.DstPort, Src: p.Src, Dst: p.Dst, DstIP: w.h.Dst, Dir: p.Dir, Conv: &fa.conv}
	try := func(d *Dissector) bool {
		if d == nil {
			return false
		}
		sub := len(w.out.Tree)
		if !d.Dissect(&pdu, &w.out) {
			w.out.reset(w.out.WantTree)
			return false
		}
		Shift(w.out.Tree[sub:], pdu.Off)
		return true
	}
	// A conversation a heuristic claimed stays with that dissector, tried
	// before the ports (Wireshark's conversation_set_dissector): QUIC's
	// short header packets carry nothing a heuristic could recognise.
	ok := try(fa.d)
	if !ok {
		ok = try(portDissector(registry.udp, p.SrcPort, p.DstPort))
	}
	if !ok && fa.d == nil && !fa.related && len(registry.udpRelated) > 0 {
		// a conversation another one announced (a TFTP transfer)
		fa.related = true
		w.x.mu.RLock()
		f := w.x.flows.flows[p.Flow]
		w.x.mu.RUnlock()
		for _, d := range registry.udpRelated {
			if st, claimed := d.Related(w.x, f, j); claimed {
				fa.conv.State = st
				ok = try(d)
				// An announced conversation stays the announcer's even
				// when this datagram precedes the announcement and stays
				// UDP (RTP sent before the SDP naming its address): d's
				// Dissect tells each datagram, as Wireshark tries a
				// conversation's dissector once the conversation exists.
				fa.d, fa.announced = d, true
				break
			}
		}
	}
	if !ok && len(b) > 0 {
		// each heuristic in turn until one takes the datagram, as
		// Wireshark's heuristic list is walked: one whose test passed may
		// still refuse (LSD's is on the port, its dissector then checks
		// the address)
		for _, d := range registry.udpHeur {
			if d == fa.d || !heuristicPortOK(d, p.DstPort) || !d.Heuristic(b) {
				continue
			}
			if try(d) {
				ok = true
				if !fa.announced && !d.HeuristicPerDatagram {
					fa.d = d
				}
				break
			}
		}
	}
	if ok {
		w.finish(fa.conv.Name)
	}
}

func (w *AppWalker) segment(j int, p *Packet, fa *flowApp) {
	if p.Flags&(FlagSYN|FlagRST) != 0 {
		return
	}
	pay := w.h.Payload
	if len(pay) > w.h.PayloadLen {
		pay = pay[:w.h.PayloadLen]
	}
	ds := &fa.dir[p.Dir&1]
	seq, end := p.Seq, p.Seq+uint32(w.h.PayloadLen)
	if !ds.seen {
		ds.seen, ds.next = true, seq
	}
	if w.judge != nil && w.h.PayloadLen > 0 {
		rs := (*w.judge)(j)
		spanned, first := ds.inSpan(seq)
		overlap := (rs == ResendFast || rs == ResendOutOfOrder) && int32(seq-ds.next) < 0 && spanned && !first && !ds.inHole(seq, end)
		switch rs {
		case ResendHidden, ResendOutOfOrder:
			w.res.Overlap = overlap
			if int32(end-ds.next) > 0 {
				// bytes the walk had not seen (the copy it saw comes
				// later, or was never captured) are lost to reassembly
				ds.gap()
				ds.next = end
			}
			return
		case ResendFast:
			if int32(seq-ds.next) < 0 {
				if !spanned {
					w.redissect(j, p, fa, pay)
				}
				w.res.Overlap = overlap
				if int32(end-ds.next) > 0 {
					ds.gap()
					ds.next = end
				}
				return
			}
		}
	}
	switch {
	case len(pay) == 0 && seq == ds.next:
		// a FIN without data, passed in to end a PDU that runs until it
	case int32(end-ds.next) <= 0:
		return // data already seen: Wireshark hands a retransmission to no dissector
	case int32(seq-ds.next) < 0:
		// It starts inside bytes already seen: Wireshark flags it a
		// retransmission and hands none of it, new bytes included, to a
		// dissector or to the reassembly (tcp/qi_internet_SYNACK_curl_
		// jsonip.pcap frame 9). An open PDU of known length misses those
		// bytes and never completes (zeek http/206_example_b.pcap: frame
		// 262 overlaps the body's seen bytes and runs 1135 bytes past
		// them; tshark leaves frame 953, the body's last, a segment).
		ds.gap()
		ds.next = end
		return
	case int32(seq-ds.next) > 0:
		ds.keepHole(ds.next, seq)
		ds.gap()
	}
	ds.next = end
	lostHead := false // the segment begins with the end of a PDU that lost bytes
	if ds.lost {
		if int32(end-ds.lostEnd) <= 0 {
			ds.lost = end != ds.lostEnd
			if len(pay) > 0 {
				w.res.Segment = true // more of the PDU that lost bytes
			}
			return
		}
		if int32(seq-ds.lostEnd) < 0 {
			pay = pay[ds.lostEnd-seq:] // the rest begins the next PDU
			lostHead = true
		}
		ds.lost = false
	}
	if fa.d == nil {
		fa.d = portDissector(registry.tcp, p.SrcPort, p.DstPort)
		if fa.d == nil && fa.tries < heuristicTries && len(pay) > 0 && heuristicsAllowed(p.SrcPort, p.DstPort) {
			fa.tries++
			fa.d = heuristicDissector(registry.tcpHeur, pay, p.DstPort, nil)
		}
		if fa.d == nil && !fa.related && len(pay) > 0 {
			fa.related = true
			w.x.mu.RLock()
			f := w.x.flows.flows[p.Flow]
			w.x.mu.RUnlock()
			for _, d := range registry.tcpRelated {
				if st, ok := d.Related(w.x, f, j); ok {
					fa.d, fa.conv.State = d, st
					break
				}
			}
		}
		if fa.d == nil {
			// No port, heuristic or announcement will claim it any more:
			// the walk skips its packets unread from now on (a long
			// conversation of an unknown protocol costs no file reads).
			fa.idle = fa.related && (fa.tries >= heuristicTries || !heuristicsAllowed(p.SrcPort, p.DstPort))
			return
		}
	}
	if d := fa.d; d.Truncated != nil && len(pay) > 0 && len(pay) < w.h.PayloadLen && !lostHead && len(pay) == len(w.h.Payload) {
		// The capture cut the segment short: TCP cannot reassemble it
		// and gives the dissector what it has (CESNET tls.pcap 51, 52).
		// A segment none of whose bytes were kept goes to no dissector
		// (nokia 20_https.pcap, captured to the TCP header).
		ds.drop()
		pdu := PDU{Data: pay, Len: w.h.PayloadLen, Off: w.offset(pay), Frame: j, Segments: []int{j}, Time: p.Time,
			SrcPort: p.SrcPort, DstPort: p.DstPort, Dir: p.Dir & 1, TCP: true, Conv: &fa.conv}
		sub := len(w.out.Tree)
		if d.Truncated(&pdu, &w.out) {
			Shift(w.out.Tree[sub:], pdu.Off)
			w.finish(fa.conv.Name)
		}
		return
	}
	fresh := ds.have == 0
	completed, touched := w.feed(j, p, fa, ds, pay)
	w.settle(j, p, fa, ds, completed, touched, fresh, lostHead)
}

// redissect gives a fast retransmission's bytes to the conversation's
// dissector again, from the segment's first byte, as Wireshark's TCP does
// for bytes no PDU spanning segments holds. The stream's own place and
// open PDU stay as they were; a PDU left open at the segment's end is
// only marked.
func (w *AppWalker) redissect(j int, p *Packet, fa *flowApp, pay []byte) {
	d, tries := fa.d, fa.tries
	if d == nil || len(pay) == 0 || len(pay) < w.h.PayloadLen {
		return
	}
	again := streamDir{seen: true, next: p.Seq + uint32(len(pay))}
	completed, touched := w.feed(j, p, fa, &again, pay)
	if fa.d == nil || fa.conv.handoff != nil {
		// the copy's bytes do not decide the conversation's protocol
		fa.d, fa.tries, fa.conv.handoff = d, tries, nil
	}
	w.settle(j, p, fa, &again, completed, touched, true, false)
}

// settle makes the segment's result from what feed did with its bytes.
func (w *AppWalker) settle(j int, p *Packet, fa *flowApp, ds *streamDir, completed int, touched, fresh, lostHead bool) {
	if len(w.h.Payload) < w.h.PayloadLen {
		// The capture cut the segment short. (pay may be shorter than
		// the segment for another reason: a retransmission that
		// overlaps the open PDU gives it only its new bytes, zeek
		// http/206_example_b.pcap frame 262.)
		ds.drop()
	}
	if nd := fa.conv.handoff; nd != nil {
		// a dissector handed the conversation over (STARTTLS): the next
		// packet of either direction starts a PDU of the new protocol
		fa.d, fa.conv.from, fa.conv.handoff, fa.conv.State = nd, fa.d, nil, nil
		fa.dir[0].drop()
		fa.dir[1].drop()
	}
	if p.Flags&FlagFIN != 0 && ds.need == PDUUntilFIN && ds.have > 0 && fa.d != nil {
		// the stream's end completes a PDU that runs until it
		ds.need = ds.have
		w.complete(j, p, fa, ds)
		completed++
	}
	startsOpen := fa.d != nil && fa.d.SegmentInfo != nil && ds.have > 0 && ds.start == int32(j) && len(ds.buf) > 0
	switch {
	case completed > 0:
		if startsOpen {
			// Wireshark runs the header's column text of the message this
			// segment begins straight on (no separator).
			w.out.AppendInfo("", fa.d.SegmentInfo(ds.buf))
		}
		w.finish(fa.conv.Name)
		// Its head belonged to a PDU that lost bytes: TCP marked the
		// segment and locked the Protocol column before the PDUs after
		// it were dissected, so they only add their Info.
		w.res.Locked = lostHead
	case touched:
		w.res.Segment, w.res.SegmentStart = true, fresh && fa.d != nil && fa.d.ClearsInfo
		if startsOpen {
			w.res.SegmentInfo = fa.d.SegmentInfo(ds.buf)
		}
		w.res.Info, w.res.InfoSep, w.res.InfoSet, w.res.Lead = w.out.Info(), w.out.sep, w.out.set, w.out.lead
		w.res.Tree = w.out.Tree // what a Partial read of the open PDU (RESP)
	}
}

// feed adds one segment's new bytes to the direction's open PDU, dissects
// every PDU they complete and reports how many did and whether the
// segment carried bytes of a PDU at all.
func (w *AppWalker) feed(j int, p *Packet, fa *flowApp, ds *streamDir, seg []byte) (completed int, touched bool) {
	d := fa.d
	partial := func() {
		if d.Partial != nil {
			pdu := PDU{Data: ds.buf, Len: ds.have, Off: -1, Frame: j, Segments: ds.segs, Time: p.Time,
				SrcPort: p.SrcPort, DstPort: p.DstPort, Dir: p.Dir & 1, TCP: true, Conv: &fa.conv}
			d.Partial(&pdu, &w.out)
		}
	}
	retried := false // a refused PDU is offered to the heuristics once
	whole := seg     // the segment's new bytes (Conv.AtSegmentStart)
	for len(seg) > 0 && fa.d != nil {
		touched = true
		asked := ds.need == 0
		if ds.have == 0 {
			// seg ends where the stream now stands (ds.next)
			ds.start, ds.startOff, ds.startSeq = int32(j), w.offset(seg), ds.next-uint32(len(seg))
		}
		if len(ds.segs) == 0 || ds.segs[len(ds.segs)-1] != j {
			if len(ds.segs) < maxSegments {
				ds.segs = append(ds.segs, j)
			}
		}
		if ds.scan {
			m := d.Scan(&fa.conv, p.Dir&1, seg)
			if m < 0 || m > len(seg) {
				ds.have += len(seg)
				partial()
				return completed, touched
			}
			ds.have += m
			ds.need, ds.scan = ds.have, false
			seg = seg[m:]
			w.complete(j, p, fa, ds)
			completed++
			continue
		}
		if ds.need == 0 {
			k := min(len(seg), maxPDUKeep-len(ds.buf))
			fa.conv.segStart = len(ds.buf) == 0 && len(seg) == len(whole)
			ds.buf = append(ds.buf, seg[:k]...)
			n := d.PDULen(&fa.conv, p.Dir&1, ds.buf)
			fa.conv.segStart = false
			switch {
			case n == PDUReject:
				// not this protocol's bytes, for this segment only
				ds.drop()
				return completed, false
			case n < 0:
				// not this protocol after all: Wireshark offers the bytes
				// to the heuristic dissectors (HTTP on 443 after TLS
				// refused them), else the conversation is TCP's
				start := len(ds.buf) == k
				ds.drop()
				if nd := fa.conv.handoff; nd != nil && start {
					// the dissector recognised another protocol's bytes
					// and handed the conversation over at once (HTTP's
					// "PRI * HTTP/2.0" preface to HTTP/2): they begin the
					// new dissector's first PDU
					fa.conv.from, fa.d, d, fa.conv.handoff, fa.conv.State = d, nd, nd, nil, nil
					continue
				}
				if start && !retried {
					if nd := heuristicDissector(registry.tcpHeur, seg, p.DstPort, d); nd != nil {
						fa.d, d, retried = nd, nd, true
						continue
					}
				}
				fa.d = nil
				fa.tries = heuristicTries
				return completed, false
			case n == 0 && k == len(seg):
				ds.have = len(ds.buf)
				partial()
				return completed, touched
			case n == 0 && d.Scan != nil:
				// the kept bytes do not tell where the PDU ends: the
				// dissector goes on looking in the bytes that follow
				if m := d.Scan(&fa.conv, p.Dir&1, ds.buf); m > 0 && m <= len(ds.buf) {
					n = m
					break
				}
				ds.have, ds.scan = len(ds.buf), true
				if seg = seg[k:]; len(seg) == 0 {
					partial()
					return completed, touched
				}
				continue
			case n == 0:
				n = len(ds.buf) // no length within what is kept: one PDU
			}
			if over := len(ds.buf) - n; over > 0 {
				seg = seg[k-over:]
				ds.buf = ds.buf[:n]
			} else {
				seg = seg[k:]
			}
			ds.have, ds.need = len(ds.buf), n
		} else {
			k := min(len(seg), ds.need-ds.have)
			keep := min(k, maxPDUKeep-len(ds.buf))
			ds.buf = append(ds.buf, seg[:keep]...)
			ds.have += k
			seg = seg[k:]
		}
		if ds.have < ds.need {
			if asked {
				partial()
			}
			continue
		}
		w.complete(j, p, fa, ds)
		completed++
	}
	return completed, touched
}

// complete dissects the direction's open PDU, whole now, in packet j.
func (w *AppWalker) complete(j int, p *Packet, fa *flowApp, ds *streamDir) {
	off := -1
	if ds.start == int32(j) {
		off = ds.startOff
	}
	pdu := PDU{Data: ds.buf, Len: ds.need, Cut: len(ds.buf) < ds.need, Off: off, Frame: j, Segments: ds.segs,
		Time: p.Time, SrcPort: p.SrcPort, DstPort: p.DstPort, Dir: p.Dir & 1, TCP: true, Conv: &fa.conv}
	sub := len(w.out.Tree)
	// a PDU after one that kept the transport's Info (a PROXY v1 line and
	// the request after it in one segment) writes the column afresh, as
	// packet-proxy.c's call of the next dissector sets no fence
	w.out.keep = false
	fa.d.Dissect(&pdu, &w.out)
	Shift(w.out.Tree[sub:], off)
	if len(ds.segs) > 1 {
		ds.keepSpan(ds.startSeq, ds.startSeq+uint32(ds.need))
	}
	ds.drop()
}
