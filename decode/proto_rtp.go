package decode

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"net/netip"
	"strconv"
	"strings"
	"sync"
)

// RTP (RFC 3550) as Wireshark 4.0 shows it by default: not by heuristic
// nor by port, but on the UDP conversations that an SDP body (RFC 8866)
// carried by SIP announced. Each "m=" line with an RTP transport and a
// non-zero port makes, from the frame carrying it, an RTP conversation for
// its address ("c=", media level before session level) and port, and an
// RTCP one for the "a=rtcp:" port or else port+1; "a=rtpmap:" lines name
// the dynamic payload types. A datagram belongs to the conversation of
// its destination endpoint, else of its source endpoint, the latest one
// announced before it (packet-udp.c's try_conversation with NO_ADDR_B|
// NO_PORT_B, address A being the destination). Rows read "PT=ITU-T G.711
// PCMU, SSRC=0xB9B883, Seq=33883, Time=0, Mark"; a telephone-event payload
// goes on to RTP EVENT (proto_rtpevent.go) and RTCP sent on the RTP port
// (RFC 5761 multiplexing: marker set and payload type 72-76) to RTCP
// (proto_rtcp.go). Hand-written: gopacket's RTP-less layers cannot follow
// SDP, and the header is twelve bytes.
//
// The conversations come from the capture's SIP flows (UDP or TCP port
// 5060), read once per index as they grow (sdpStreams), through the
// Related hook: a flow is claimed at its first payload packet when an
// announcement before it names one of its endpoints. A flow whose first
// packet precedes every announcement stays UDP, where tshark would show
// its later packets as RTP.

// rtpHeaderLen is the fixed header before the CSRC list; payload types
// from rtpFirstDynamic on are dynamic (RFC 3551 6).
const (
	rtpHeaderLen    = 12
	rtpFirstDynamic = 96
)

// rtpMaxAnnounced bounds the SDP media endpoints kept per index, and
// sdpMaxSIPFrames the SIP packets read per flow to find them.
const (
	rtpMaxAnnounced = 4096
	sdpMaxSIPFrames = 1 << 16
)

// rtpPayloadNames are Wireshark's names of the static payload types
// (rtp_payload_type_vals); 96-127 are "DynamicRTP-Type-N" unless SDP
// names them, the others "Unassigned" (72-76 "Reserved for RTCP conflict
// avoidance"). Checked against tshark 4.0 with every type.
var rtpPayloadNames = map[uint8]string{
	0: "ITU-T G.711 PCMU", 1: "USA Federal Standard FS-1016", 2: "ITU-T G.721", 3: "GSM 06.10",
	4: "ITU-T G.723", 5: "DVI4 8000 samples/s", 6: "DVI4 16000 samples/s",
	7: "Experimental linear predictive encoding from Xerox PARC", 8: "ITU-T G.711 PCMA", 9: "ITU-T G.722",
	10: "16-bit uncompressed audio, stereo", 11: "16-bit uncompressed audio, monaural",
	12: "Qualcomm Code Excited Linear Predictive coding", 13: "Comfort noise", 14: "MPEG-I/II Audio",
	15: "ITU-T G.728", 16: "DVI4 11025 samples/s", 17: "DVI4 22050 samples/s", 18: "ITU-T G.729",
	19: "Comfort noise (old)", 25: "Sun CellB video encoding", 26: "JPEG-compressed video", 28: "'nv' program",
	31: "ITU-T H.261", 32: "MPEG-I/II Video", 33: "MPEG-II transport streams", 34: "ITU-T H.263",
}

// rtpPayloadName names payload type pt, from the SDP's map when it is a
// dynamic type the map has (the static types keep their names, whatever
// a=rtpmap says).
func rtpPayloadName(pt uint8, m []rtpMapEntry) string {
	for _, e := range m {
		if e.pt == pt && pt >= rtpFirstDynamic {
			return e.name
		}
	}
	if n, ok := rtpPayloadNames[pt]; ok {
		return n
	}
	switch {
	case pt >= 96:
		return "DynamicRTP-Type-" + strconv.Itoa(int(pt))
	case pt >= 72 && pt <= 76:
		return "Reserved for RTCP conflict avoidance"
	}
	return "Unassigned"
}

// rtpMapEntry is one a=rtpmap line: a payload type and its encoding name.
type rtpMapEntry struct {
	pt   uint8
	name string
}

// sdpStream is one conversation an SDP body announced.
type sdpStream struct {
	addr   Addr
	port   uint16
	rtcp   bool
	frame  int // the frame (0-based) that carried the SDP: the conversation exists after it
	setup  int // its setup frame (0-based; readSIP), which the tree names
	callID string
	pts    []rtpMapEntry
	// method is who set the conversation up: "" for SDP, "RTSP" for an
	// RTSP Transport header (proto_rtsp.go), whose conversations name the
	// peer's port too (peer; 0 when the header gave none).
	method string
	peer   uint16
}

// sdpMediaStreams reads the RTP and RTCP conversations body announces.
func sdpMediaStreams(body []byte, frame, setup int, callID string, add func(sdpStream)) {
	var sessAddr Addr
	type media struct {
		addr      Addr
		port      uint16
		rtcpPort  uint16
		rtp, seen bool
		pts       []rtpMapEntry
	}
	var ms []media
	flush := func() {
		for _, m := range ms {
			a := m.addr
			if a.Kind == AddrNone {
				a = sessAddr
			}
			if !m.rtp || m.port == 0 || a.Kind == AddrNone {
				continue
			}
			add(sdpStream{addr: a, port: m.port, frame: frame, setup: setup, callID: callID, pts: m.pts})
			rp := m.rtcpPort
			if rp == 0 {
				rp = m.port + 1
			}
			add(sdpStream{addr: a, port: rp, rtcp: true, frame: frame, setup: setup, callID: callID})
		}
	}
	for pos, i := 0, 0; pos < len(body) && i < sdpMaxLines; i++ {
		n, next, _ := httpLineEnd(body, pos)
		line := body[pos : pos+n]
		pos = next
		if len(line) < 2 || line[1] != '=' {
			continue
		}
		v := string(line[2:])
		switch line[0] {
		case 'c':
			a := sdpConnAddr(v)
			if len(ms) == 0 {
				sessAddr = a
			} else {
				ms[len(ms)-1].addr = a
			}
		case 'm':
			f := strings.Fields(v)
			var m media
			if len(f) >= 3 {
				port, _, _ := strings.Cut(f[1], "/")
				if p, err := strconv.ParseUint(port, 10, 16); err == nil {
					m.port = uint16(p)
				}
				m.rtp = strings.Contains(strings.ToUpper(f[2]), "RTP/")
			}
			if len(ms) < 64 {
				ms = append(ms, m)
			}
		case 'a':
			if len(ms) == 0 {
				continue
			}
			m := &ms[len(ms)-1]
			name, val, _ := strings.Cut(v, ":")
			switch strings.ToLower(name) {
			case "rtcp":
				port, _, _ := strings.Cut(strings.TrimSpace(val), " ")
				if p, err := strconv.ParseUint(port, 10, 16); err == nil {
					m.rtcpPort = uint16(p)
				}
			case "rtpmap":
				pt, enc, _ := strings.Cut(strings.TrimSpace(val), " ")
				enc, _, _ = strings.Cut(strings.TrimSpace(enc), "/")
				if p, err := strconv.ParseUint(pt, 10, 7); err == nil && enc != "" && len(m.pts) < 128 {
					m.pts = append(m.pts, rtpMapEntry{uint8(p), enc})
				}
			}
		}
	}
	flush()
}

// sdpConnAddr reads the address of a "c=IN IP4 10.0.0.1" line (a
// multicast TTL or count after a slash is cut).
func sdpConnAddr(v string) Addr {
	f := strings.Fields(v)
	if len(f) < 3 || !strings.EqualFold(f[0], "IN") {
		return Addr{}
	}
	host, _, _ := strings.Cut(f[2], "/")
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return Addr{}
	}
	switch {
	case ip.Is4() && strings.EqualFold(f[1], "IP4"):
		b := ip.As4()
		return makeAddr(AddrIPv4, b[:])
	case ip.Is6() && strings.EqualFold(f[1], "IP6"):
		b := ip.As16()
		return makeAddr(AddrIPv6, b[:])
	}
	return Addr{}
}

// sdpStreamsCache holds what the SIP flows of the last index asked about
// announced, read incrementally as the index grows (as ftpControlFlows
// finds control connections), so offering every unclaimed UDP flow to
// rtpRelated reads each SIP packet once.
var sdpStreamsCache sdpCache

type sdpCache struct {
	sync.Mutex
	x       *Index
	seen    int // flows looked at
	sip     []*sdpSIPFlow
	streams []sdpStream
	offers  map[string]int // pending offers by Call-ID and CSeq number: their frame
}

// sdpSIPFlow is a SIP flow and how many of its frames were read.
type sdpSIPFlow struct {
	f    *Flow
	read int
	rtsp bool // an RTSP flow: its Transport headers set conversations up
}

// sdpAnnounced returns the conversations announced so far in x.
func sdpAnnounced(x *Index) []sdpStream {
	c := &sdpStreamsCache
	c.Lock()
	defer c.Unlock()
	if c.x != x {
		c.x, c.seen, c.sip, c.streams, c.offers = x, 0, nil, nil, nil
	}
	x.mu.RLock()
	all := x.flows.flows[:len(x.flows.flows):len(x.flows.flows)]
	x.mu.RUnlock()
	for _, f := range all[min(c.seen, len(all)):] {
		if f.Client.Port == sipPort || f.Server.Port == sipPort {
			c.sip = append(c.sip, &sdpSIPFlow{f: f})
		} else if f.Proto == ProtoTCPPacket && (rtspPort(f.Client.Port) || rtspPort(f.Server.Port)) {
			c.sip = append(c.sip, &sdpSIPFlow{f: f, rtsp: true})
		}
	}
	c.seen = len(all)
	var h Headers
	var buf []byte
	for _, s := range c.sip {
		x.mu.RLock()
		frames := s.f.Frames
		x.mu.RUnlock()
		for ; s.read < len(frames) && s.read < sdpMaxSIPFrames; s.read++ {
			fr := int(frames[s.read])
			p := x.Packet(fr)
			if p.PayloadLen == 0 {
				continue
			}
			var err error
			if buf, err = x.Data(fr, buf[:0]); err != nil {
				continue
			}
			h.Parse(x.LinkType(p), buf, p.OrigLen)
			pay := h.Payload[:min(len(h.Payload), max(h.PayloadLen, 0))]
			if s.rtsp {
				rtspAnnounces(pay, fr, x.Addr(p.Dst), func(st sdpStream) {
					if len(c.streams) < rtpMaxAnnounced {
						c.streams = append(c.streams, st)
					}
				})
				continue
			}
			c.readSIP(pay, fr)
		}
	}
	return c.streams[:len(c.streams):len(c.streams)]
}

// readSIP notes the conversations one SIP message's SDP body announces.
func (c *sdpCache) readSIP(b []byte, frame int) {
	sipAnnounces(b, frame, &c.offers, func(s sdpStream) {
		if len(c.streams) < rtpMaxAnnounced {
			c.streams = append(c.streams, s)
		}
	})
}

// sipAnnounces passes add the conversations one SIP message's SDP body
// announces, with the setup frame tshark 4.0 gives them (found with tshark
// on hand-built exchanges): an offer (a request's SDP) is set up by its own
// frame and stays pending in offers (by Call-ID and CSeq number); a 2xx
// answering a pending offer is set up by the offer's frame and takes it;
// any other response's SDP (a 183's early media, a 2xx repeating an
// answer) by its own frame. The dissectors (sdpCache) and the index's
// stream numbering (flow_sdp.go) read SIP through this one function.
func sipAnnounces(b []byte, frame int, offers *map[string]int, add func(sdpStream)) {
	line, kind, _ := sipFirstLine(b)
	if kind == sipOther {
		return
	}
	var m sipMsg
	var callID, cseq []byte
	if !sipParseHead(b, &m, func(name string, start, colon, end, next int) {
		if colon < 0 {
			return
		}
		switch name {
		case "Call-ID":
			callID = bytes.Trim(b[colon+1:end], " \t")
		case "CSeq":
			cseq = bytes.Trim(b[colon+1:end], " \t")
		}
	}) {
		return
	}
	if m.ctype != "application/sdp" || m.bodyStart >= len(b) {
		return
	}
	num, _, _ := bytes.Cut(cseq, []byte(" "))
	key := string(callID) + "\x00" + string(num)
	setup := frame
	switch {
	case kind == sipRequest:
		if *offers == nil {
			*offers = map[string]int{}
		}
		if len(*offers) < rtpMaxAnnounced {
			(*offers)[key] = frame
		}
	case len(line) > 8 && line[8] == '2':
		// "SIP/2.0 2xx"
		if f, ok := (*offers)[key]; ok {
			setup = f
			delete(*offers, key)
		}
	}
	end := len(b)
	if m.hasLen {
		end = min(end, m.bodyStart+m.contentLen)
	}
	sdpMediaStreams(b[m.bodyStart:end], frame, setup, string(callID), add)
}

// rtpConv is an announced flow's state: the conversations announced so
// far, found by endpoint, and per conversation the extended sequence
// number so far. A flow's datagrams need not share their endpoints: the
// index numbers a datagram by its sender's announced endpoint
// (flow_sdp.go), so one flow holds what an endpoint sent to any peer.
type rtpConv struct {
	x      *Index // resolves address ids; nil in tests (every address zero)
	all    []sdpStream
	byEnd  map[Endpoint][]int // indexes into all, by announced endpoint
	extseq map[*sdpStream]uint32
	// client and first are the flow's first sender and its first payload
	// frame: an RTSP conversation carries its own endpoint's datagrams
	// only in a flow that endpoint began after the setup (rtspOwnFlow).
	client Endpoint
	first  int
}

// rtpMaxEnds bounds the endpoints one flow's state remembers.
const rtpMaxEnds = 64

// rtpRelated claims a UDP flow one of whose endpoints an SDP body
// announced; its datagrams before the announcement stay UDP (rtpDissect
// finds no conversation for them).
func rtpRelated(x *Index, f *Flow, frame int) (any, bool) {
	if f == nil || f.Proto != ProtoUDPPacket {
		return nil, false
	}
	all := sdpAnnounced(x)
	if len(all) == 0 {
		return nil, false
	}
	st := &rtpConv{x: x, all: all, client: f.Client, first: frame}
	if len(st.of(f.Client)) == 0 && len(st.of(f.Server)) == 0 {
		return nil, false
	}
	return st, true
}

// of returns the conversations announced for endpoint e.
func (st *rtpConv) of(e Endpoint) []int {
	if l, ok := st.byEnd[e]; ok {
		return l
	}
	var a Addr
	if st.x != nil {
		a = st.x.Addr(e.Addr)
	}
	var l []int
	for i := range st.all {
		if st.all[i].port == e.Port && st.all[i].addr == a {
			l = append(l, i)
		}
	}
	if st.byEnd == nil {
		st.byEnd = map[Endpoint][]int{}
	}
	if len(st.byEnd) < rtpMaxEnds {
		st.byEnd[e] = l
	}
	return l
}

// conversation finds the conversation a datagram from src to dst at frame
// belongs to: its destination's, else its source's; of those announced
// before it, the one with the latest setup frame (the later announced on
// a tie), as Wireshark's conversation table picks by setup frame. An RTSP
// conversation that names the peer's port matches only a datagram
// between the two ports; found by its source, it holds the datagram only
// in the flow that source began after the setup (Wireshark's UDP found it
// and no exact conversation), and RTP then has no conversation data: no
// setup line, and the extended sequence number 65536 (setup false).
func (st *rtpConv) conversation(src, dst Endpoint, frame int) (s *sdpStream, setup bool) {
	for k, e := range [2]Endpoint{dst, src} {
		other := src.Port
		if k == 1 {
			other = dst.Port
		}
		var found *sdpStream
		for _, i := range st.of(e) {
			if s := &st.all[i]; s.frame < frame && (s.peer == 0 || s.peer == other) && (found == nil || s.setup >= found.setup) {
				found = s
			}
		}
		if found == nil {
			continue
		}
		if k == 1 && found.method == rtspSetupMethod {
			if st.client != src || st.first <= found.frame {
				return nil, false
			}
			return found, false
		}
		return found, true
	}
	return nil, false
}

// rtpExtSeq is Wireshark's extended sequence number: each conversation
// starts from 0x10000 and every packet follows the nearest wrap of the
// previous one (packet-rtp.c's calculate_extended_seqno), so a first
// sequence number above 0x8000 stays in cycle 0.
func (st *rtpConv) rtpExtSeq(s *sdpStream, seq uint16) uint32 {
	if st.extseq == nil {
		st.extseq = map[*sdpStream]uint32{}
	}
	prev, ok := st.extseq[s]
	if !ok {
		prev = 0x10000
	}
	v := rtpNextExtSeq(prev, seq)
	st.extseq[s] = v
	return v
}

// rtpNextExtSeq is the extended sequence number of seq after prev.
func rtpNextExtSeq(prev uint32, seq uint16) uint32 {
	v := prev&0xffff0000 | uint32(seq)
	switch {
	case v+0x8000 < prev:
		v += 0x10000
	case prev+0x8000 < v:
		v -= 0x10000
	}
	return v
}

func rtpDissect(p *PDU, out *Out) bool {
	if p.Conv == nil {
		return false
	}
	st, _ := p.Conv.State.(*rtpConv)
	if st == nil {
		return false
	}
	s, setup := st.conversation(Endpoint{p.Src, p.SrcPort}, Endpoint{p.Dst, p.DstPort}, p.Frame)
	if s == nil {
		return false
	}
	shown := s
	if !setup {
		shown = nil
	}
	if s.rtcp {
		return rtcpDissectSetup(p, out, shown)
	}
	return rtpDissectStream(p, out, s, shown, func(seq uint16) uint32 {
		if !setup {
			return 0x10000
		}
		return st.rtpExtSeq(s, seq)
	})
}

// rtpDissectStream dissects an RTP packet of conversation s (its payload
// type names), showing shown's setup line when not nil; extseq gives the
// extended sequence number of a sequence number.
func rtpDissectStream(p *PDU, out *Out, s, shown *sdpStream, extseq func(uint16) uint32) bool {
	b := p.Data
	if len(b) < rtpHeaderLen || b[0]>>6 != 2 {
		return false
	}
	marker, pt := b[1]>>7 == 1, b[1]&0x7f
	if marker && pt >= 72 && pt <= 76 {
		// RFC 5761: RTCP on the RTP port
		return rtcpDissectSetup(p, out, shown)
	}
	cc := int(b[0] & 0x0f)
	seq := binary.BigEndian.Uint16(b[2:])
	ts := binary.BigEndian.Uint32(b[4:])
	ssrc := binary.BigEndian.Uint32(b[8:])
	ext := extseq(seq)
	name := rtpPayloadName(pt, s.pts)
	enc := rtpEncoding(pt, s.pts)
	var info strings.Builder
	info.WriteString("PT=")
	info.WriteString(Printable(name))
	info.WriteString(", SSRC=0x")
	info.WriteString(strings.ToUpper(strconv.FormatUint(uint64(ssrc), 16)))
	info.WriteString(", Seq=")
	info.WriteString(strconv.Itoa(int(seq)))
	info.WriteString(", Time=")
	info.WriteString(strconv.FormatUint(uint64(ts), 10))
	if marker {
		info.WriteString(", Mark")
	}
	out.SetProto("RTP")
	out.SetInfo(info.String())
	// the header's variable parts
	off := rtpHeaderLen + 4*cc
	extAt, extLen := -1, 0
	if b[0]&0x10 != 0 && off+4 <= len(b) {
		extAt, extLen = off, 4*int(binary.BigEndian.Uint16(b[off+2:]))
		off += 4 + extLen
	}
	end := min(len(b), p.Len)
	padAt, padN := -1, 0
	if b[0]&0x20 != 0 && end > 0 {
		padN = int(b[end-1])
		if padN > 0 && end-padN >= off {
			padAt = end - padN
			end = padAt
		}
	}
	var payload []byte
	if off <= end {
		payload = b[off:end]
	}
	var sub []Field
	switch {
	case enc == rtpEncTelephoneEvent:
		if f, ok := rtpEventDissect(payload, off, out); ok {
			sub = append(sub, f)
		}
	case enc == rtpEncOpus && len(payload) > 0:
		// packet-opus.c names the column; its tree (TOC, frames) is not built
		out.SetProto("OPUS")
		sub = append(sub, Field{Name: "opus", Label: "Opus Interactive Audio Codec", Start: off, Len: len(payload), Kind: FieldProto})
	}
	if !out.WantTree {
		return true
	}
	top := Field{Name: "rtp", Label: "Real-Time Transport Protocol", Start: 0, Len: min(len(b), p.Len), Kind: FieldProto}
	if shown != nil {
		top.Children = append(top.Children, rtpSetupTree("rtp", shown))
	}
	top.Children = append(top.Children,
		UintField("rtp.version", bitsLabel8(b[0], 0xc0, "Version: RFC 1889 Version (2)"), 0, 1, 2),
		Field{Name: "rtp.padding", Label: bitsLabel8(b[0], 0x20, "Padding: "+rtpBool(b[0]&0x20)), Start: 0, Len: 1, Kind: FieldBool, Num: uint64(b[0] >> 5 & 1)},
		Field{Name: "rtp.ext", Label: bitsLabel8(b[0], 0x10, "Extension: "+rtpBool(b[0]&0x10)), Start: 0, Len: 1, Kind: FieldBool, Num: uint64(b[0] >> 4 & 1)},
		UintField("rtp.cc", bitsLabel8(b[0], 0x0f, "Contributing source identifiers count: "+strconv.Itoa(cc)), 0, 1, uint64(cc)),
		Field{Name: "rtp.marker", Label: bitsLabel8(b[1], 0x80, "Marker: "+rtpBool(b[1]&0x80)), Start: 1, Len: 1, Kind: FieldBool, Num: uint64(b[1] >> 7)},
		UintField("rtp.p_type", "Payload type: "+Printable(name)+" ("+strconv.Itoa(int(pt))+")", 1, 1, uint64(pt)),
		UintField("rtp.seq", "Sequence number: "+strconv.Itoa(int(seq)), 2, 2, uint64(seq)),
		UintField("rtp.extseq", "Extended sequence number: "+strconv.FormatUint(uint64(ext), 10), 2, 2, uint64(ext)),
		UintField("rtp.timestamp", "Timestamp: "+strconv.FormatUint(uint64(ts), 10), 4, 4, uint64(ts)),
		UintField("rtp.ssrc", "Synchronization Source identifier: "+hex32(ssrc)+" ("+strconv.FormatUint(uint64(ssrc), 10)+")", 8, 4, uint64(ssrc)),
	)
	if cc > 0 {
		items := Field{Name: "rtp.csrc.items", Label: "Contributing Source identifiers (" + strconv.Itoa(cc) + " items)", Start: rtpHeaderLen, Len: 4 * cc}
		for i := 0; i < cc && rtpHeaderLen+4*i+4 <= len(b); i++ {
			v := binary.BigEndian.Uint32(b[rtpHeaderLen+4*i:])
			items.Children = append(items.Children, UintField("rtp.csrc.item",
				"CSRC item "+strconv.Itoa(i)+": 0x"+strconv.FormatUint(uint64(v), 16), rtpHeaderLen+4*i, 4, uint64(v)))
		}
		top.Children = append(top.Children, items)
	}
	if extAt >= 0 {
		profile := binary.BigEndian.Uint16(b[extAt:])
		top.Children = append(top.Children,
			UintField("rtp.ext.profile", "Defined by profile: Unknown (0x"+hex.EncodeToString(b[extAt:extAt+2])+")", extAt, 2, uint64(profile)),
			UintField("rtp.ext.len", "Extension length: "+strconv.Itoa(extLen/4), extAt+2, 2, uint64(extLen/4)))
		if data := b[min(extAt+4, len(b)):min(extAt+4+extLen, len(b))]; len(data) > 0 {
			top.Children = append(top.Children, rtpHeaderExts(profile, data, extAt+4))
		}
	}
	if len(payload) > 0 && len(sub) == 0 {
		// a payload dissector's bytes are hidden (PDML hide="yes")
		f := Field{Name: "rtp.payload", Label: "Payload: " + hexEllipsis(payload), Start: off, Len: len(payload), Kind: FieldBytes, Str: string(payload)}
		top.Children = append(top.Children, f)
	}
	if padAt >= 0 {
		if padN > 1 {
			top.Children = append(top.Children, Field{Name: "rtp.padding.data", Label: "Padding data: " + hexEllipsis(b[padAt:end+padN-1]),
				Start: padAt, Len: padN - 1, Kind: FieldBytes, Str: string(b[padAt : end+padN-1])})
		}
		top.Children = append(top.Children, UintField("rtp.padding.count", "Padding count: "+strconv.Itoa(padN), end+padN-1, 1, uint64(padN)))
	}
	out.Add(top)
	for _, f := range sub {
		out.Add(f)
	}
	return true
}

// rtpHeaderExts is the tree of an RFC 8285 one-byte-header extension
// block (profile 0xBEDE); other profiles' data stays one line.
func rtpHeaderExts(profile uint16, data []byte, at int) Field {
	f := Field{Name: "rtp.hdr_exts", Label: "Header extensions", Start: at, Len: len(data)}
	if profile != 0xbede {
		f.Label = "Header extensions: " + hexEllipsis(data)
		return f
	}
	for i := 0; i < len(data); {
		if data[i] == 0 { // padding
			i++
			continue
		}
		id, n := int(data[i]>>4), int(data[i]&0x0f)+1
		if id == 15 || i+1+n > len(data) {
			break
		}
		e := Field{Label: "RFC 5285 Header Extension (One-Byte Header)", Start: at + i, Len: 1 + n}
		e.Children = append(e.Children,
			UintField("rtp.ext.rfc5285.id", "Identifier: "+strconv.Itoa(id), at+i, 1, uint64(id)),
			UintField("rtp.ext.rfc5285.len", "Length: "+strconv.Itoa(n), at+i, 1, uint64(n)),
			Field{Name: "rtp.ext.rfc5285.data", Label: "Extension Data: " + hexEllipsis(data[i+1:i+1+n]), Start: at + i + 1, Len: n, Kind: FieldBytes, Str: string(data[i+1 : i+1+n])})
		f.Children = append(f.Children, e)
		i += 1 + n
	}
	return f
}

// rtpSetupTree is the generated "Stream setup by SDP (frame N)" line of
// an RTP or RTCP layer.
func rtpSetupTree(proto string, s *sdpStream) Field {
	n := strconv.Itoa(s.setup + 1)
	method := s.method
	if method == "" {
		method = "SDP"
	}
	f := Field{Name: proto + ".setup", Label: "Stream setup by " + method + " (frame " + n + ")"}
	f.Children = append(f.Children,
		UintField(proto+".setup-frame", "Setup frame: "+n, 0, 0, uint64(s.setup+1)),
		StrField(proto+".setup-method", "Setup Method: "+method, 0, 0, method))
	if proto == "rtp" && s.callID != "" && s.method == "" {
		f.Children = append(f.Children, StrField("sip.call_id_generated", "Generated Call-ID: "+Printable(s.callID), 0, 0, s.callID))
	}
	return f
}

// rtpEncoding tells the payload dissectors Wireshark 4.0 hands a payload
// type to by default: by the SDP's encoding name when it maps the type
// (case-insensitively), else by number (packet-rtpevent.c takes 101 and
// Cisco NSE's 100).
type rtpEnc uint8

const (
	rtpEncNone rtpEnc = iota
	rtpEncTelephoneEvent
	rtpEncOpus
)

func rtpEncoding(pt uint8, m []rtpMapEntry) rtpEnc {
	for _, e := range m {
		if e.pt != pt || pt < rtpFirstDynamic {
			continue
		}
		switch {
		case strings.EqualFold(e.name, "telephone-event"):
			return rtpEncTelephoneEvent
		case strings.EqualFold(e.name, "opus"):
			return rtpEncOpus
		}
		return rtpEncNone
	}
	if pt == 100 || pt == 101 {
		return rtpEncTelephoneEvent
	}
	return rtpEncNone
}

func rtpBool(v byte) string {
	if v != 0 {
		return "True"
	}
	return "False"
}

// bitsLabel8 is Wireshark's bit-field label of mask in the byte v.
func bitsLabel8(v, mask byte, text string) string {
	return bitString(uint32(v), 8, uint32(mask)) + " = " + text
}

// hex32 is "0x" and v as eight hex digits.
func hex32(v uint32) string {
	var b [4]byte
	binary.BigEndian.PutUint32(b[:], v)
	return "0x" + hex.EncodeToString(b[:])
}

var rtpDissector = &Dissector{
	Name:    "rtp",
	Dissect: rtpDissect,
	Related: rtpRelated,
	Fields: []FieldDef{
		{Name: "rtp.setup", Desc: "Stream setup", Kind: FieldLabel},
		{Name: "rtp.setup-frame", Desc: "Setup frame", Kind: FieldUint, Bits: 32},
		{Name: "rtp.setup-method", Desc: "Setup Method", Kind: FieldString},
		{Name: "sip.call_id_generated", Desc: "Generated Call-ID", Kind: FieldString},
		{Name: "rtp.version", Desc: "Version", Kind: FieldUint, Bits: 8},
		{Name: "rtp.padding", Desc: "Padding", Kind: FieldBool},
		{Name: "rtp.ext", Desc: "Extension", Kind: FieldBool},
		{Name: "rtp.cc", Desc: "Contributing source identifiers count", Kind: FieldUint, Bits: 8},
		{Name: "rtp.marker", Desc: "Marker", Kind: FieldBool},
		{Name: "rtp.p_type", Desc: "Payload type", Kind: FieldUint, Bits: 8},
		{Name: "rtp.seq", Desc: "Sequence number", Kind: FieldUint, Bits: 16},
		{Name: "rtp.extseq", Desc: "Extended sequence number", Kind: FieldUint, Bits: 32},
		{Name: "rtp.timestamp", Desc: "Timestamp", Kind: FieldUint, Bits: 32},
		{Name: "rtp.ssrc", Desc: "Synchronization Source identifier", Kind: FieldUint, Bits: 32},
		{Name: "rtp.csrc.items", Desc: "Contributing Source identifiers", Kind: FieldLabel},
		{Name: "rtp.csrc.item", Desc: "CSRC item", Kind: FieldUint, Bits: 32},
		{Name: "rtp.ext.profile", Desc: "Defined by profile", Kind: FieldUint, Bits: 16},
		{Name: "rtp.ext.len", Desc: "Extension length", Kind: FieldUint, Bits: 16},
		{Name: "rtp.hdr_exts", Desc: "Header extensions", Kind: FieldLabel},
		{Name: "rtp.ext.rfc5285.id", Desc: "Identifier", Kind: FieldUint, Bits: 8},
		{Name: "rtp.ext.rfc5285.len", Desc: "Length", Kind: FieldUint, Bits: 8},
		{Name: "rtp.ext.rfc5285.data", Desc: "Extension Data", Kind: FieldBytes},
		{Name: "rtp.payload", Desc: "Payload", Kind: FieldBytes},
		{Name: "rtp.padding.data", Desc: "Padding data", Kind: FieldBytes},
		{Name: "rtp.padding.count", Desc: "Padding count", Kind: FieldUint, Bits: 8},
		{Name: "opus", Desc: "Opus Interactive Audio Codec", Kind: FieldProto},
	},
}

func init() {
	RegisterUDP(rtpDissector)
}
