package decode

import (
	"encoding/binary"
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// SCTP, the Stream Control Transmission Protocol (RFC 9260) on IP protocol
// 132, as tshark 4.0 shows it: Info is the chunk names, each followed by a
// space ("INIT ", "SACK (Ack=1, Arwnd=1048554) DATA (TSN=2) "), with DATA
// and SACK numbers relative to the first TSN seen in their direction.
//
// The 12-byte common header is read with gopacket's layers.SCTP, which
// decodes it correctly; the chunks are walked here because gopacket's chunk
// layers stop at a chunk type they do not know, do not know I-DATA (RFC
// 8260), and keep neither the parameters nor the padding tshark shows.
// A whole (unfragmented, first-sent) DATA chunk's payload goes to the
// dissector registered for its payload protocol identifier
// (RegisterSCTPPPID, tshark's sctp.ppi table) or else for the lower and
// then the higher port (RegisterSCTPPort, sctp.port): Diameter's 46 and
// 3868 so far. What that dissector writes to Info replaces the DATA
// chunk's own "DATA (TSN=n) " and follows the earlier chunks' text, as
// tshark's SCTP fences the column after each chunk. A message in
// fragments (B/E flags) goes to it when its last fragment comes, rebuilt
// from the fragments of the TSNs before it (its tree then has no place in
// the packet). Other payloads read "DATA" with their bytes as plain data.

const ipProtoSCTP IPProtocol = 132

// SCTP chunk types (RFC 9260 §3.2, RFC 8260 for I-DATA).
const (
	sctpData             = 0
	sctpInit             = 1
	sctpInitAck          = 2
	sctpSack             = 3
	sctpHeartbeat        = 4
	sctpHeartbeatAck     = 5
	sctpAbort            = 6
	sctpShutdown         = 7
	sctpShutdownAck      = 8
	sctpError            = 9
	sctpCookieEcho       = 10
	sctpCookieAck        = 11
	sctpECNE             = 12
	sctpCWR              = 13
	sctpShutdownComplete = 14
	sctpAuth             = 15
	sctpNRSack           = 16
	sctpIData            = 64
	sctpForwardTSN       = 192
)

// sctpMaxHalves bounds the directions of associations a capture's state
// remembers for relative TSNs, and sctpMaxTSNs the TSNs it remembers for
// telling retransmissions.
const (
	sctpMaxHalves = 1 << 14
	sctpMaxTSNs   = 1 << 20
)

var sctpDissector = &Dissector{
	Name:       "sctp",
	Dissect:    dissectSCTP,
	Sequential: true,
	Fields: []FieldDef{
		{Name: "sctp.srcport", Desc: "Source port", Kind: FieldUint, Bits: 16},
		{Name: "sctp.dstport", Desc: "Destination port", Kind: FieldUint, Bits: 16},
		{Name: "sctp.port", Desc: "Port (either)", Kind: FieldUint, Bits: 16},
		{Name: "sctp.verification_tag", Desc: "Verification tag", Kind: FieldUint, Bits: 32},
		{Name: "sctp.assoc_index", Desc: "Association index", Kind: FieldUint, Bits: 16},
		{Name: "sctp.checksum", Desc: "Checksum", Kind: FieldUint, Bits: 32},
		{Name: "sctp.checksum.status", Desc: "Checksum status", Kind: FieldUint, Bits: 8},
		{Name: "sctp.chunk_type", Desc: "Chunk type", Kind: FieldUint, Bits: 8},
		{Name: "sctp.chunk_bit_1", Desc: "Chunk type bit 1", Kind: FieldBool},
		{Name: "sctp.chunk_bit_2", Desc: "Chunk type bit 2", Kind: FieldBool},
		{Name: "sctp.chunk_flags", Desc: "Chunk flags", Kind: FieldUint, Bits: 8},
		{Name: "sctp.chunk_length", Desc: "Chunk length", Kind: FieldUint, Bits: 16},
		{Name: "sctp.chunk_padding", Desc: "Chunk padding", Kind: FieldBytes},
		{Name: "sctp.chunk_value", Desc: "Chunk value", Kind: FieldBytes},
		{Name: "sctp.init_initiate_tag", Desc: "INIT initiate tag", Kind: FieldUint, Bits: 32},
		{Name: "sctp.initiate_tag", Desc: "Initiate tag", Kind: FieldUint, Bits: 32},
		{Name: "sctp.init_credit", Desc: "INIT a_rwnd", Kind: FieldUint, Bits: 32},
		{Name: "sctp.init_nr_out_streams", Desc: "INIT outbound streams", Kind: FieldUint, Bits: 16},
		{Name: "sctp.init_nr_in_streams", Desc: "INIT inbound streams", Kind: FieldUint, Bits: 16},
		{Name: "sctp.init_initial_tsn", Desc: "INIT initial TSN", Kind: FieldUint, Bits: 32},
		{Name: "sctp.initack_initiate_tag", Desc: "INIT_ACK initiate tag", Kind: FieldUint, Bits: 32},
		{Name: "sctp.initack_credit", Desc: "INIT_ACK a_rwnd", Kind: FieldUint, Bits: 32},
		{Name: "sctp.initack_nr_out_streams", Desc: "INIT_ACK outbound streams", Kind: FieldUint, Bits: 16},
		{Name: "sctp.initack_nr_in_streams", Desc: "INIT_ACK inbound streams", Kind: FieldUint, Bits: 16},
		{Name: "sctp.initack_initial_tsn", Desc: "INIT_ACK initial TSN", Kind: FieldUint, Bits: 32},
		{Name: "sctp.parameter_type", Desc: "Parameter type", Kind: FieldUint, Bits: 16},
		{Name: "sctp.parameter_bit_1", Desc: "Parameter type bit 1", Kind: FieldBool},
		{Name: "sctp.parameter_bit_2", Desc: "Parameter type bit 2", Kind: FieldBool},
		{Name: "sctp.parameter_length", Desc: "Parameter length", Kind: FieldUint, Bits: 16},
		{Name: "sctp.parameter_padding", Desc: "Parameter padding", Kind: FieldBytes},
		{Name: "sctp.parameter_value", Desc: "Parameter value", Kind: FieldBytes},
		{Name: "sctp.parameter_state_cookie", Desc: "State cookie", Kind: FieldBytes},
		{Name: "sctp.parameter_heartbeat_information", Desc: "Heartbeat information", Kind: FieldBytes},
		{Name: "sctp.parameter_ipv4_address", Desc: "IPv4 address parameter", Kind: FieldIPv4},
		{Name: "sctp.parameter_ipv6_address", Desc: "IPv6 address parameter", Kind: FieldIPv6},
		{Name: "sctp.parameter_cookie_preservative_incr", Desc: "Cookie life-span increment", Kind: FieldUint, Bits: 32},
		{Name: "sctp.parameter_supported_address_type", Desc: "Supported address type", Kind: FieldUint, Bits: 16},
		{Name: "sctp.cause_stream_identifier", Desc: "Cause stream identifier", Kind: FieldUint, Bits: 16},
		{Name: "sctp.cause_reserved", Desc: "Cause reserved", Kind: FieldUint, Bits: 16},
		{Name: "sctp.forward_tsn_tsn", Desc: "FORWARD_TSN new cumulative TSN", Kind: FieldUint, Bits: 32},
		{Name: "sctp.supported_chunk_type", Desc: "Supported chunk type", Kind: FieldUint, Bits: 8},
		{Name: "sctp.cookie", Desc: "Cookie", Kind: FieldBytes},
		{Name: "sctp.data_i_bit", Desc: "DATA I-Bit", Kind: FieldBool},
		{Name: "sctp.data_u_bit", Desc: "DATA U-Bit", Kind: FieldBool},
		{Name: "sctp.data_b_bit", Desc: "DATA B-Bit", Kind: FieldBool},
		{Name: "sctp.data_e_bit", Desc: "DATA E-Bit", Kind: FieldBool},
		{Name: "sctp.data_tsn", Desc: "TSN (relative)", Kind: FieldUint, Bits: 32},
		{Name: "sctp.data_tsn_raw", Desc: "TSN (absolute)", Kind: FieldUint, Bits: 32},
		{Name: "sctp.data_sid", Desc: "Stream identifier", Kind: FieldUint, Bits: 16},
		{Name: "sctp.data_ssn", Desc: "Stream sequence number", Kind: FieldUint, Bits: 16},
		{Name: "sctp.data_reserved", Desc: "I-DATA reserved", Kind: FieldUint, Bits: 16},
		{Name: "sctp.data_mid", Desc: "I-DATA message identifier", Kind: FieldUint, Bits: 32},
		{Name: "sctp.data_fsn", Desc: "I-DATA fragment sequence number", Kind: FieldUint, Bits: 32},
		{Name: "sctp.data_payload_proto_id", Desc: "Payload protocol identifier", Kind: FieldUint, Bits: 32},
		{Name: "sctp.sack_nounce_sum", Desc: "SACK nonce sum", Kind: FieldUint, Bits: 8},
		{Name: "sctp.sack_cumulative_tsn_ack", Desc: "SACK cumulative TSN ack (relative)", Kind: FieldUint, Bits: 32},
		{Name: "sctp.sack_cumulative_tsn_ack_raw", Desc: "SACK cumulative TSN ack (absolute)", Kind: FieldUint, Bits: 32},
		{Name: "sctp.sack_a_rwnd", Desc: "SACK a_rwnd", Kind: FieldUint, Bits: 32},
		{Name: "sctp.sack_number_of_gap_blocks", Desc: "SACK gap blocks", Kind: FieldUint, Bits: 16},
		{Name: "sctp.sack_number_of_duplicated_tsns", Desc: "SACK duplicated TSNs", Kind: FieldUint, Bits: 16},
		{Name: "sctp.sack_gap_block_start", Desc: "Gap block start", Kind: FieldUint, Bits: 16},
		{Name: "sctp.sack_gap_block_end", Desc: "Gap block end", Kind: FieldUint, Bits: 16},
		{Name: "sctp.sack_gap_block_start_tsn", Desc: "Gap block start TSN", Kind: FieldUint, Bits: 32},
		{Name: "sctp.sack_gap_block_end_tsn", Desc: "Gap block end TSN", Kind: FieldUint, Bits: 32},
		{Name: "sctp.sack_number_of_tsns_gap_acked", Desc: "TSNs in gap blocks", Kind: FieldUint, Bits: 32},
		{Name: "sctp.retransmission", Desc: "Frame of the TSN's first transmission", Kind: FieldUint, Bits: 32},
		{Name: "sctp.sack_duplicate_tsn", Desc: "Duplicate TSN", Kind: FieldUint, Bits: 32},
		{Name: "sctp.shutdown_cumulative_tsn_ack", Desc: "SHUTDOWN cumulative TSN ack", Kind: FieldUint, Bits: 32},
		{Name: "sctp.abort_t_bit", Desc: "ABORT T-Bit", Kind: FieldBool},
		{Name: "sctp.shutdown_complete_t_bit", Desc: "SHUTDOWN_COMPLETE T-Bit", Kind: FieldBool},
		{Name: "sctp.cause_code", Desc: "Cause code", Kind: FieldUint, Bits: 16},
		{Name: "sctp.cause_length", Desc: "Cause length", Kind: FieldUint, Bits: 16},
		{Name: "sctp.cause_information", Desc: "Cause information", Kind: FieldBytes},
		{Name: "sctp.cause_padding", Desc: "Cause padding", Kind: FieldBytes},
	},
}

func init() { RegisterIPProto(sctpDissector, ipProtoSCTP) }

// sctpDir is one direction between two SCTP endpoints.
type sctpDir struct {
	src, dst         uint32 // address-table ids (PDU.Src, PDU.Dst)
	srcPort, dstPort uint16
}

// sctpHalf is one direction of one association, told apart from another
// association between the same endpoints by its verification tag.
type sctpHalf struct {
	dir  sctpDir
	vtag uint32
}

// sctpState is what the capture's SCTP packets leave for the later ones:
// the first TSN of each half (DATA and SACK numbers are shown relative to
// it, as tshark's sctp.relative_tsns does) and, per direction, the half
// that last sent in it, which a SACK from the other side acknowledges.
// A half's first TSN is the first DATA chunk's, not the INIT's initial TSN:
// tshark counts from the first DATA it sees (checked by cutting
// lab__sctp.pcap after its handshake).
type sctpState struct {
	first map[sctpHalf]uint32
	last  map[sctpDir]uint32 // verification tag last seen in the direction
	sent  map[sctpTSN]sctpSent
	// frags are the DATA fragments whose payload a dissector would take
	// (first sent), kept to reassemble their message when its last
	// fragment comes; fragBytes counts their bytes
	frags     map[sctpTSN]sctpFrag
	fragBytes int
}

// sctpFrag is one fragment of a user message: where it was sent, its
// B/E flags, PPID and payload.
type sctpFrag struct {
	frame int
	flags byte
	ppid  uint32
	data  []byte
}

// sctpMaxFragBytes bounds the fragment bytes a capture's state keeps, and
// sctpMaxFrags the fragments one message may have.
const (
	sctpMaxFragBytes = 16 << 20
	sctpMaxFrags     = 1024
)

// reassemble keeps a fragment and, when it is a message's last, returns
// the message from the contiguous TSNs before it back to its first
// fragment, and the first fragment's PPID (nil when a fragment is
// missing).
func (c *sctpWalk) reassemble(tsn uint32, flags byte, ppid uint32, payload []byte) ([]byte, uint32) {
	st := c.st
	if st == nil {
		return nil, 0
	}
	if st.frags == nil {
		st.frags = map[sctpTSN]sctpFrag{}
	}
	k := sctpTSN{c.me, tsn}
	if _, ok := st.frags[k]; !ok && st.fragBytes+len(payload) <= sctpMaxFragBytes {
		st.frags[k] = sctpFrag{c.frame, flags & 3, ppid, append([]byte(nil), payload...)}
		st.fragBytes += len(payload)
	}
	if flags&3 != 1 {
		return nil, 0
	}
	var parts [][]byte
	total := 0
	for i := 0; i < sctpMaxFrags; i++ {
		f, ok := st.frags[sctpTSN{c.me, tsn - uint32(i)}]
		if !ok || f.frame > c.frame || (i > 0 && f.flags&1 != 0) || (i == 0 && f.flags != 1) {
			return nil, 0
		}
		parts = append(parts, f.data)
		total += len(f.data)
		if f.flags == 2 {
			msg := make([]byte, 0, total)
			for j := len(parts) - 1; j >= 0; j-- {
				msg = append(msg, parts[j]...)
			}
			return msg, f.ppid
		}
	}
	return nil, 0
}

func dissectSCTP(p *PDU, out *Out) bool {
	b := p.Data
	var h layers.SCTP
	if h.DecodeFromBytes(b, gopacket.NilDecodeFeedback) != nil {
		return false
	}
	sport, dport := uint16(h.SrcPort), uint16(h.DstPort)
	out.SetProto("SCTP")
	out.SetInfo("")
	var st *sctpState
	if p.Conv != nil {
		st, _ = p.Conv.State.(*sctpState)
		if st == nil {
			st = &sctpState{first: map[sctpHalf]uint32{}, last: map[sctpDir]uint32{}, sent: map[sctpTSN]sctpSent{}}
			p.Conv.State = st
		}
	}
	dir := sctpDir{p.Src, p.Dst, sport, dport}
	me := sctpHalf{dir, h.VerificationTag}
	peerDir := sctpDir{p.Dst, p.Src, dport, sport}
	var peer sctpHalf
	peerKnown := false
	if st != nil {
		var vt uint32
		if vt, peerKnown = st.last[peerDir]; peerKnown {
			peer = sctpHalf{peerDir, vt}
		}
		if _, ok := st.last[dir]; ok || len(st.last) < sctpMaxHalves {
			st.last[dir] = h.VerificationTag
		}
	}
	c := sctpWalk{b: b, out: out, st: st, me: me, peer: peer, peerKnown: peerKnown, frame: p.Frame, time: p.Time, handoff: -1,
		pdu: p, sport: sport, dport: dport}
	var top Field
	if out.WantTree {
		top = Field{Name: "sctp", Label: fmt.Sprintf("Stream Control Transmission Protocol, Src Port: %d (%d), Dst Port: %d (%d)", sport, sport, dport, dport),
			Len: len(b), Kind: FieldProto, Children: []Field{
				UintField("sctp.srcport", "Source port: "+strconv.Itoa(int(sport)), 0, 2, uint64(sport)),
				UintField("sctp.dstport", "Destination port: "+strconv.Itoa(int(dport)), 2, 2, uint64(dport)),
				UintField("sctp.verification_tag", fmt.Sprintf("Verification tag: 0x%08x", h.VerificationTag), 4, 4, uint64(h.VerificationTag)),
			}}
		c.tree = &top
	}
	c.chunks(12)
	if out.WantTree {
		head := top.Children[:3:3]
		if !c.malformed {
			head = append(head, UintField("sctp.assoc_index", "Association index: disabled (enable in preferences)", 0, 0, 65535))
		}
		head = append(head,
			UintField("sctp.port", "Port: "+strconv.Itoa(int(sport)), 0, 2, uint64(sport)),
			UintField("sctp.port", "Port: "+strconv.Itoa(int(dport)), 2, 2, uint64(dport)),
			UintField("sctp.checksum", fmt.Sprintf("Checksum: 0x%08x [unverified]", h.Checksum), 8, 4, uint64(h.Checksum)),
			UintField("sctp.checksum.status", "Checksum Status: Unverified", 8, 0, 2))
		top.Children = append(head, top.Children[3:]...)
		if c.handoff >= 0 {
			top.Len = c.handoff
		}
		out.Add(top)
		out.Tree = append(out.Tree, c.data...)
	}
	if c.malformed {
		out.AppendInfo("", malformedMark)
	}
	return true
}

// sctpWalk reads one packet's chunks.
type sctpWalk struct {
	b         []byte
	out       *Out
	tree      *Field // the SCTP layer; nil without a tree
	data      []Field
	st        *sctpState
	me, peer  sctpHalf
	peerKnown bool
	malformed bool
	// handoff is where the first DATA chunk whose payload tshark hands
	// on (to a dissector or its reassembly) is 16 bytes long, or -1
	handoff int
	frame   int
	time    int64
	// pdu is the packet's SCTP PDU (its addresses for a payload's
	// dissector), sport and dport its ports
	pdu          *PDU
	sport, dport uint16
	// chunkInfo is where the Info text of the chunk being read begins
	chunkInfo int
}

// The SCTP payload dissector tables: by payload protocol identifier and
// by port, as tshark's sctp.ppi and sctp.port.
var (
	sctpPPIDTable = map[uint32]*Dissector{}
	sctpPortTable = map[uint16]*Dissector{}
)

// RegisterSCTPPPID makes d the dissector of SCTP DATA payloads with these
// payload protocol identifiers. Call it from init only.
func RegisterSCTPPPID(d *Dissector, ppids ...uint32) {
	for _, p := range ppids {
		sctpPPIDTable[p] = d
	}
}

// RegisterSCTPPort makes d the dissector of SCTP DATA payloads of
// associations on these ports when no PPID claims them. Call it from init
// only.
func RegisterSCTPPort(d *Dissector, ports ...uint16) {
	for _, p := range ports {
		sctpPortTable[p] = d
	}
}

// sctpPayloadDissector finds the dissector of a payload: by its PPID, then
// by the lower port, then the higher.
func sctpPayloadDissector(ppid uint32, a, b uint16) *Dissector {
	if d := sctpPPIDTable[ppid]; d != nil {
		return d
	}
	if a > b {
		a, b = b, a
	}
	if d := sctpPortTable[a]; d != nil {
		return d
	}
	return sctpPortTable[b]
}

// handOff gives the payload b[start:end] to d. What d writes to Info
// replaces the DATA chunk's own text and follows the earlier chunks'
// (tshark's SCTP fences the column after each chunk); when d refuses the
// payload the columns are as before. d's tree goes after the SCTP layer.
// at is where payload lies in the SCTP bytes, -1 for a reassembled
// message (its fields then have no place in the packet).
func (c *sctpWalk) handOff(d *Dissector, payload []byte, at int) bool {
	info, proto := c.out.Info(), c.out.Proto
	prefix := info[:min(c.chunkInfo, len(info))]
	c.out.SetInfo("")
	before := len(c.out.Tree)
	q := PDU{Data: payload, Len: len(payload), Off: -1, Frame: c.frame, Segments: []int{c.frame}, Time: c.time,
		SrcPort: c.sport, DstPort: c.dport}
	if c.pdu != nil {
		q.Src, q.Dst, q.Dir = c.pdu.Src, c.pdu.Dst, c.pdu.Dir
		if c.pdu.Off >= 0 && at >= 0 {
			q.Off = c.pdu.Off + at
		}
	}
	if !d.Dissect(&q, c.out) {
		c.out.SetInfo(info)
		c.out.SetProto(proto)
		c.out.Tree = c.out.Tree[:before]
		return false
	}
	c.out.SetInfo(prefix + c.out.Info())
	if len(c.out.Tree) > before {
		added := append([]Field(nil), c.out.Tree[before:]...)
		c.out.Tree = c.out.Tree[:before]
		switch {
		case at >= 0:
			Shift(added, at)
		case c.pdu != nil && c.pdu.Off >= 0:
			Unplace(added) // the walk's Shift to the packet clears them
		default:
			Shift(added, -1)
		}
		c.data = append(c.data, added...)
	}
	return true
}

// relative gives tsn relative to half h's first TSN; ok is false when h
// sent no DATA yet (tshark then shows the absolute number).
func (c *sctpWalk) relative(h sctpHalf, known bool, tsn uint32) (uint32, bool) {
	if c.st == nil || !known {
		return tsn, false
	}
	f, ok := c.st.first[h]
	if !ok {
		return tsn, false
	}
	return tsn - f, true
}

// sctpSent is where a half first sent a TSN.
type sctpSent struct {
	frame int
	time  int64
}

// sctpTSN is one TSN of one half association.
type sctpTSN struct {
	half sctpHalf
	tsn  uint32
}

// resent says whether the half sent tsn in an earlier frame (tshark's TSN
// analysis: "(retransmission)"), and where; else it notes this frame.
func (c *sctpWalk) resent(tsn uint32) (sctpSent, bool) {
	if c.st == nil {
		return sctpSent{}, false
	}
	k := sctpTSN{c.me, tsn}
	if s, ok := c.st.sent[k]; ok {
		return s, s.frame < c.frame
	}
	if len(c.st.sent) < sctpMaxTSNs {
		c.st.sent[k] = sctpSent{c.frame, c.time}
	}
	return sctpSent{}, false
}

// noteTSN makes tsn the half's first TSN when it has none.
func (c *sctpWalk) noteTSN(tsn uint32) {
	if c.st == nil {
		return
	}
	if _, ok := c.st.first[c.me]; !ok && len(c.st.first) < sctpMaxHalves {
		c.st.first[c.me] = tsn
	}
}

// sctpMinLen is the length a chunk needs for its fixed fields, where
// tshark reads them unchecked and a shorter chunk makes the packet
// malformed (a HEARTBEAT needs its Heartbeat Info parameter header).
func sctpMinLen(t byte) int {
	switch t {
	case sctpSack, sctpNRSack:
		return 16
	case sctpHeartbeat, sctpHeartbeatAck, sctpShutdown, sctpECNE, sctpCWR, sctpAuth:
		return 8
	}
	return 0
}

// chunks walks the chunks from offset at. Each is bounded by the packet:
// the loop advances at least four bytes a turn.
func (c *sctpWalk) chunks(at int) {
	b := c.b
	for at < len(b) {
		if len(b)-at < 4 {
			c.malformed = true
			return
		}
		t, flags := b[at], b[at+1]
		n := int(binary.BigEndian.Uint16(b[at+2:]))
		name := sctpChunkName(t)
		c.chunkInfo = len(c.out.Info())
		c.out.AppendInfo("", name+" ")
		if n < 4 {
			// tshark goes on four bytes further (lab__sctp-crafted.pcap)
			c.addChunk(Field{Label: fmt.Sprintf("%s chunk, bogus chunk length %d < 4)", name, n), Start: at, Len: 4}, at, t, flags, n)
			at += 4
			continue
		}
		if avail := len(b) - at; n > avail && avail >= sctpMinLen(t) {
			// a chunk the packet cuts short: its fields as far as they
			// go, then the exception tshark's read past the end throws
			c.chunk(at, t, flags, avail)
			c.malformed = true
			return
		}
		if at+n > len(b) || n < sctpMinLen(t) {
			if at+n > len(b) {
				n = len(b) - at
			}
			c.malformed = true
			label := name + " chunk"
			if t == sctpHeartbeat || t == sctpHeartbeatAck {
				label = fmt.Sprintf("%s chunk (Information: %d bytes)", name, max(n-8, 0))
			}
			c.addChunk(Field{Label: label, Start: at, Len: n}, at, t, flags, n)
			return
		}
		c.chunk(at, t, flags, n)
		at += n + (-n)&3
	}
}

// addChunk adds a chunk node with the chunk header's fields first.
func (c *sctpWalk) addChunk(f Field, at int, t, flags byte, n int) *Field {
	if c.tree == nil {
		return nil
	}
	b := c.b
	bit1, bit2 := "Stop processing of the packet", "Do not report"
	if t&0x80 != 0 {
		bit1 = "Skip chunk and continue processing of the packet"
	}
	if t&0x40 != 0 {
		bit2 = "Do report"
	}
	ft := UintField("sctp.chunk_type", fmt.Sprintf("Chunk type: %s (%d)", sctpChunkTypeName(t), t), at, 1, uint64(t))
	ft.Children = []Field{
		boolField("sctp.chunk_bit_1", bitString(uint32(t), 8, 0x80)+" = Bit: "+bit1, at, 1, t&0x80 != 0),
		boolField("sctp.chunk_bit_2", bitString(uint32(t), 8, 0x40)+" = Bit: "+bit2, at, 1, t&0x40 != 0),
	}
	ff := UintField("sctp.chunk_flags", fmt.Sprintf("Chunk flags: 0x%02x", flags), at+1, 1, uint64(flags))
	switch t {
	case sctpData:
		if n < 16 { // tshark leaves a bogus DATA chunk's flags undrawn
			break
		}
		fallthrough
	case sctpIData:
		ff.Children = []Field{
			boolField("sctp.data_i_bit", bitString(uint32(flags), 8, 8)+" = I-Bit: "+pick(flags&8 != 0, "Send SACK immediately", "Possibly delay SACK"), at+1, 1, flags&8 != 0),
			boolField("sctp.data_u_bit", bitString(uint32(flags), 8, 4)+" = U-Bit: "+pick(flags&4 != 0, "Unordered delivery", "Ordered delivery"), at+1, 1, flags&4 != 0),
			boolField("sctp.data_b_bit", bitString(uint32(flags), 8, 2)+" = B-Bit: "+pick(flags&2 != 0, "First segment", "Subsequent segment"), at+1, 1, flags&2 != 0),
			boolField("sctp.data_e_bit", bitString(uint32(flags), 8, 1)+" = E-Bit: "+pick(flags&1 != 0, "Last segment", "Not the last segment"), at+1, 1, flags&1 != 0),
		}
	case sctpSack:
		ff.Children = []Field{UintField("sctp.sack_nounce_sum", fmt.Sprintf("%s = Nounce sum: %d", bitString(uint32(flags), 8, 1), flags&1), at+1, 1, uint64(flags&1))}
	case sctpAbort, sctpShutdownComplete:
		name := "sctp.abort_t_bit"
		if t == sctpShutdownComplete {
			name = "sctp.shutdown_complete_t_bit"
		}
		ff.Children = []Field{boolField(name, bitString(uint32(flags), 8, 1)+" = T-Bit: "+pick(flags&1 != 0, "Tag reflected", "Tag not reflected"), at+1, 1, flags&1 != 0)}
	}
	wire := binary.BigEndian.Uint16(b[at+2:])
	fl := UintField("sctp.chunk_length", "Chunk length: "+strconv.Itoa(int(wire)), at+2, 2, uint64(wire))
	if wire < 4 {
		fl.Label += " (invalid, should be >= 4)"
	}
	f.Children = append([]Field{ft, ff, fl}, f.Children...)
	c.tree.Children = append(c.tree.Children, f)
	return &c.tree.Children[len(c.tree.Children)-1]
}

func pick(c bool, yes, no string) string {
	if c {
		return yes
	}
	return no
}

func sctpBytes(name, label string, b []byte, start, n int) Field {
	v := b[start : start+n]
	return Field{Name: name, Label: label + hexString(v), Start: start, Len: n, Kind: FieldBytes, Str: string(v)}
}

// chunk dissects one whole chunk of n bytes (padding not counted) at at.
func (c *sctpWalk) chunk(at int, t, flags byte, n int) {
	b := c.b
	c0 := at
	v := at + 4 // the chunk's value
	end := at + n
	pad := min((-n)&3, len(b)-end)
	var kids []Field
	label := sctpChunkName(t) + " chunk"
	nodeLen := n + pad
	tree := c.tree != nil
	switch t {
	case sctpData, sctpIData:
		hl := 16
		if t == sctpIData {
			hl = 20
		}
		if n < hl {
			label = fmt.Sprintf("%s chunk, bogus chunk length %d < %d)", sctpChunkName(t), n, hl)
			break
		}
		tsn := binary.BigEndian.Uint32(b[v:])
		c.noteTSN(tsn)
		rel, _ := c.relative(c.me, true, tsn)
		c.out.AppendInfo("", "(TSN="+strconv.FormatUint(uint64(rel), 10)+") ")
		first, again := c.resent(tsn)
		if again {
			c.out.AppendInfo("", "(retransmission) ")
		} else if flags&1 == 0 && n > hl {
			// a fragment before a message's last: tshark's reassembly
			// keeps it (ladder does not reassemble; the last fragment
			// reads plain "DATA (TSN=n)" as tshark's does)
			c.out.AppendInfo("", "(Message Fragment) ")
		}
		handed := false
		if t == sctpData && !again && n > hl {
			ppid := binary.BigEndian.Uint32(b[v+8:])
			if flags&3 == 3 {
				if d := sctpPayloadDissector(ppid, c.sport, c.dport); d != nil {
					handed = c.handOff(d, b[at+hl:end], at+hl)
				}
			} else if sctpPayloadDissector(ppid, c.sport, c.dport) != nil {
				// tshark reassembles the message and hands it on at its
				// last fragment, found by the first fragment's PPID
				if msg, first := c.reassemble(tsn, flags, ppid, b[at+hl:end]); msg != nil {
					if d := sctpPayloadDissector(first, c.sport, c.dport); d != nil {
						c.handOff(d, msg, -1)
					}
				}
			}
		}
		if !tree {
			break
		}
		sid := binary.BigEndian.Uint16(b[v+4:])
		order := pick(flags&4 != 0, "unordered", "ordered")
		seg := "middle segment"
		switch flags & 3 {
		case 3:
			seg = "complete segment"
		case 2:
			seg = "first segment"
		case 1:
			seg = "last segment"
		}
		ftsn := UintField("sctp.data_tsn", fmt.Sprintf("Transmission sequence number (relative): %d", rel), v, 4, uint64(rel))
		if again {
			r := UintField("sctp.retransmission", fmt.Sprintf("This TSN is a retransmission of one in frame: %d", first.frame+1), at, 0, uint64(first.frame+1))
			d := c.time - first.time
			r.Children = []Field{{Name: "sctp.retransmission_time", Label: fmt.Sprintf("Retransmitted after: %d.%09d seconds", d/1e9, d%1e9), Start: at}}
			ftsn.Children = []Field{r}
		}
		kids = []Field{
			ftsn,
			UintField("sctp.data_tsn_raw", fmt.Sprintf("Transmission sequence number (absolute): %d", tsn), v, 4, uint64(tsn)),
			UintField("sctp.data_sid", fmt.Sprintf("Stream identifier: 0x%04x", sid), v+4, 2, uint64(sid)),
		}
		var ppid uint32
		if t == sctpData {
			ssn := binary.BigEndian.Uint16(b[v+6:])
			ppid = binary.BigEndian.Uint32(b[v+8:])
			kids = append(kids,
				UintField("sctp.data_ssn", fmt.Sprintf("Stream sequence number: %d", ssn), v+6, 2, uint64(ssn)),
				UintField("sctp.data_payload_proto_id", fmt.Sprintf("Payload protocol identifier: %s (%d)", sctpPPIDName(ppid), ppid), v+8, 4, uint64(ppid)))
			label = fmt.Sprintf("DATA chunk (%s, %s, TSN: %d, SID: %d, SSN: %d, PPID: %d, payload length: %d bytes)", order, seg, rel, sid, ssn, ppid, n-hl)
		} else {
			res := binary.BigEndian.Uint16(b[v+6:])
			mid := binary.BigEndian.Uint32(b[v+8:])
			x := binary.BigEndian.Uint32(b[v+12:])
			kids = append(kids,
				UintField("sctp.data_reserved", fmt.Sprintf("Reserved: %d", res), v+6, 2, uint64(res)),
				UintField("sctp.data_mid", fmt.Sprintf("Message identifier: %d", mid), v+8, 4, uint64(mid)))
			if flags&2 != 0 {
				kids = append(kids, UintField("sctp.data_payload_proto_id", fmt.Sprintf("Payload protocol identifier: %s (%d)", sctpPPIDName(x), x), v+12, 4, uint64(x)))
			} else {
				kids = append(kids, UintField("sctp.data_fsn", fmt.Sprintf("Fragment sequence number: %d", x), v+12, 4, uint64(x)))
			}
			label = fmt.Sprintf("I_DATA chunk (%s, %s, TSN: %d, SID: %d, MID: %d, payload length: %d bytes)", order, seg, rel, sid, mid, n-hl)
		}
		// The chunk's node covers its header; a whole message's payload
		// is a Data layer of its own, as tshark hands it to the data
		// dissector (fragments go to its reassembly, which ladder does
		// not do).
		nodeLen = hl
		if pl := n - hl; pl > 0 && !again && c.handoff < 0 {
			// tshark's SCTP item ends after the first payload handed
			// on, at 16 bytes into its chunk even for I_DATA's 20
			c.handoff = at + 16
		}
		if pl := n - hl; pl > 0 && !again && flags&3 == 3 && !handed {
			c.data = append(c.data, Field{Label: fmt.Sprintf("Data (%d bytes)", pl), Start: at + hl, Len: pl, Kind: FieldProto, Children: []Field{
				{Name: "data.data", Label: "Data: " + hexString(b[at+hl:end]), Start: at + hl, Len: pl, Kind: FieldBytes, Str: string(b[at+hl : end])},
				UintField("data.len", "Length: "+strconv.Itoa(pl), at+hl, 0, uint64(pl)),
			}})
		}
	case sctpInit, sctpInitAck:
		if n < 20 {
			label = fmt.Sprintf("%s chunk, bogus chunk length %d < 20)", sctpChunkName(t), n)
			break
		}
		if !tree {
			break
		}
		pre := "sctp.init_"
		if t == sctpInitAck {
			pre = "sctp.initack_"
		}
		tag := binary.BigEndian.Uint32(b[v:])
		out, in := binary.BigEndian.Uint16(b[v+8:]), binary.BigEndian.Uint16(b[v+10:])
		kids = []Field{
			UintField(pre+"initiate_tag", fmt.Sprintf("Initiate tag: 0x%08x", tag), v, 4, uint64(tag)),
			UintField("sctp.initiate_tag", fmt.Sprintf("Initiate tag: 0x%08x", tag), v, 4, uint64(tag)),
			UintField(pre+"credit", fmt.Sprintf("Advertised receiver window credit (a_rwnd): %d", binary.BigEndian.Uint32(b[v+4:])), v+4, 4, uint64(binary.BigEndian.Uint32(b[v+4:]))),
			UintField(pre+"nr_out_streams", fmt.Sprintf("Number of outbound streams: %d", out), v+8, 2, uint64(out)),
			UintField(pre+"nr_in_streams", fmt.Sprintf("Number of inbound streams: %d", in), v+10, 2, uint64(in)),
			UintField(pre+"initial_tsn", fmt.Sprintf("Initial TSN: %d", binary.BigEndian.Uint32(b[v+12:])), v+12, 4, uint64(binary.BigEndian.Uint32(b[v+12:]))),
		}
		kids = c.params(kids, v+16, end)
		label = fmt.Sprintf("%s chunk (Outbound streams: %d, inbound streams: %d)", sctpChunkName(t), out, in)
	case sctpSack:
		cum := binary.BigEndian.Uint32(b[v:])
		rwnd := binary.BigEndian.Uint32(b[v+4:])
		rel, ok := c.relative(c.peer, c.peerKnown, cum)
		gaps, dups := int(binary.BigEndian.Uint16(b[v+8:])), int(binary.BigEndian.Uint16(b[v+10:]))
		// with gap blocks tshark writes the last one's end after the
		// cumulative TSN: "Ack=99+9"
		gapEnd := ""
		if last := v + 12 + 4*(gaps-1); gaps > 0 && last+4 <= end {
			gapEnd = "+" + strconv.Itoa(int(binary.BigEndian.Uint16(b[last+2:])))
		}
		c.out.AppendInfo("", fmt.Sprintf("(Ack=%d%s, Arwnd=%d) ", rel, gapEnd, rwnd))
		if !tree {
			break
		}
		relName := "sctp.sack_cumulative_tsn_ack"
		kids = []Field{UintField(relName, fmt.Sprintf("Cumulative TSN ACK (relative): %d", rel), v, 4, uint64(rel))}
		if !ok {
			kids[0].Label = fmt.Sprintf("Cumulative TSN ACK (relative): %d", cum)
		}
		kids = append(kids,
			UintField("sctp.sack_cumulative_tsn_ack_raw", fmt.Sprintf("Cumulative TSN ACK (absolute): %d", cum), v, 4, uint64(cum)),
			UintField("sctp.sack_a_rwnd", fmt.Sprintf("Advertised receiver window credit (a_rwnd): %d", rwnd), v+4, 4, uint64(rwnd)),
			UintField("sctp.sack_number_of_gap_blocks", fmt.Sprintf("Number of gap acknowledgement blocks: %d", gaps), v+8, 2, uint64(gaps)),
			UintField("sctp.sack_number_of_duplicated_tsns", fmt.Sprintf("Number of duplicated TSNs: %d", dups), v+10, 2, uint64(dups)))
		at := v + 12
		acked := 0
		for i := 0; i < gaps && at+4 <= end; i, at = i+1, at+4 {
			s, e := binary.BigEndian.Uint16(b[at:]), binary.BigEndian.Uint16(b[at+2:])
			st, et := rel+uint32(s), rel+uint32(e)
			fs := UintField("sctp.sack_gap_block_start", fmt.Sprintf("Start: %d", s), at, 2, uint64(s))
			fs.Children = []Field{UintField("sctp.sack_gap_block_start_tsn", fmt.Sprintf("Start TSN: %d", st), at, 2, uint64(st))}
			fe := UintField("sctp.sack_gap_block_end", fmt.Sprintf("End: %d", e), at+2, 2, uint64(e))
			fe.Children = []Field{UintField("sctp.sack_gap_block_end_tsn", fmt.Sprintf("End TSN: %d", et), at+2, 2, uint64(et))}
			kids = append(kids, Field{Label: fmt.Sprintf("Gap Acknowledgement for TSN %d to %d", st, et), Start: at, Len: 4, Children: []Field{fs, fe}})
			if e >= s {
				acked += int(e-s) + 1
			}
		}
		if gaps > 0 {
			kids = append(kids, UintField("sctp.sack_number_of_tsns_gap_acked", fmt.Sprintf("Number of TSNs in gap acknowledgement blocks: %d", acked), c0, 0, uint64(acked)))
		}
		for i := 0; i < dups && at+4 <= end; i, at = i+1, at+4 {
			d := binary.BigEndian.Uint32(b[at:])
			kids = append(kids, UintField("sctp.sack_duplicate_tsn", fmt.Sprintf("Duplicate TSN: %d", d), at, 4, uint64(d)))
		}
		label = fmt.Sprintf("SACK chunk (Cumulative TSN: %d, a_rwnd: %d, gaps: %d, duplicate TSNs: %d)", cum, rwnd, gaps, dups)
	case sctpHeartbeat, sctpHeartbeatAck:
		if !tree {
			break
		}
		kids = c.params(nil, v, end)
		label = fmt.Sprintf("%s chunk (Information: %d bytes)", sctpChunkName(t), n-8)
	case sctpShutdown:
		if !tree {
			break
		}
		cum := binary.BigEndian.Uint32(b[v:])
		kids = []Field{UintField("sctp.shutdown_cumulative_tsn_ack", fmt.Sprintf("Cumulative TSN Ack: %d", cum), v, 4, uint64(cum))}
		label = fmt.Sprintf("SHUTDOWN chunk (Cumulative TSN ack: %d)", cum)
	case sctpCookieEcho:
		if !tree {
			break
		}
		if n > 4 {
			kids = []Field{sctpBytes("sctp.cookie", "Cookie: ", b, v, n-4)}
		}
		label = fmt.Sprintf("COOKIE_ECHO chunk (Cookie length: %d bytes)", n-4)
	case sctpAbort, sctpError:
		if tree {
			kids = c.causes(v, end)
		}
	case sctpForwardTSN:
		if !tree || n < 8 {
			break
		}
		cum := binary.BigEndian.Uint32(b[v:])
		label = fmt.Sprintf("FORWARD_TSN chunk(Cumulative TSN: %d)", cum)
		kids = []Field{UintField("sctp.forward_tsn_tsn", fmt.Sprintf("New cumulative TSN: %d", cum), v, 4, uint64(cum))}
	case sctpCookieAck, sctpShutdownAck, sctpShutdownComplete:
	default:
		if tree && n > 4 {
			kids = []Field{sctpBytes("sctp.chunk_value", "Chunk value: ", b, v, n-4)}
		}
	}
	if !tree {
		return
	}
	if pad > 0 {
		kids = append(kids, sctpBytes("sctp.chunk_padding", "Chunk padding: ", b, end, pad))
	}
	c.addChunk(Field{Label: label, Start: at, Len: nodeLen, Children: kids}, at, t, flags, n)
}

// params reads the TLV parameters of an INIT, INIT ACK or HEARTBEAT chunk
// between at and end. The padding after the last one is the chunk's.
func (c *sctpWalk) params(kids []Field, at, end int) []Field {
	b := c.b
	for at+4 <= end {
		typ := binary.BigEndian.Uint16(b[at:])
		n := int(binary.BigEndian.Uint16(b[at+2:]))
		if n < 4 || at+n > end {
			break
		}
		name := sctpParamName(typ)
		bit1 := pick(typ&0x8000 != 0, "Skip parameter and continue processing of the chunk", "Stop processing of chunk")
		bit2 := pick(typ&0x4000 != 0, "Do report", "Do not report")
		ft := UintField("sctp.parameter_type", fmt.Sprintf("Parameter type: %s (0x%04x)", name, typ), at, 2, uint64(typ))
		ft.Children = []Field{
			boolField("sctp.parameter_bit_1", bitString(uint32(typ), 16, 0x8000)+" = Bit: "+bit1, at, 2, typ&0x8000 != 0),
			boolField("sctp.parameter_bit_2", bitString(uint32(typ), 16, 0x4000)+" = Bit: "+bit2, at, 2, typ&0x4000 != 0),
		}
		f := Field{Label: name + " parameter", Start: at, Len: n, Children: []Field{ft, UintField("sctp.parameter_length", "Parameter length: "+strconv.Itoa(n), at+2, 2, uint64(n))}}
		v, vl := at+4, n-4
		switch typ {
		case 7: // State Cookie
			f.Label = fmt.Sprintf("State cookie parameter (Cookie length: %d bytes)", vl)
			if vl > 0 {
				f.Children = append(f.Children, sctpBytes("sctp.parameter_state_cookie", "State cookie: ", b, v, vl))
			}
		case 1: // Heartbeat Info
			f.Label = fmt.Sprintf("Heartbeat info parameter (Information: %d bytes)", vl)
			if vl > 0 {
				f.Children = append(f.Children, sctpBytes("sctp.parameter_heartbeat_information", "Heartbeat information: ", b, v, vl))
			}
		case 5, 6: // IPv4, IPv6 address
			if a, ok := netip.AddrFromSlice(b[v : v+vl]); ok && vl == 4 {
				f.Label = "IPv4 address parameter (Address: " + a.String() + ")"
				f.Children = append(f.Children, Field{Name: "sctp.parameter_ipv4_address", Label: "IP Version 4 address: " + a.String(), Start: v, Len: 4, Kind: FieldIPv4, Num: uint64(binary.BigEndian.Uint32(b[v:]))})
			} else if ok && vl == 16 {
				f.Label = "IPv6 address parameter (Address: " + a.String() + ")"
				f.Children = append(f.Children, Field{Name: "sctp.parameter_ipv6_address", Label: "IP Version 6 address: " + a.String(), Start: v, Len: 16, Kind: FieldIPv6, Str: string(b[v : v+16])})
			} else if vl > 0 {
				f.Children = append(f.Children, sctpBytes("sctp.parameter_value", "Parameter value: ", b, v, vl))
			}
		case 9: // Cookie Preservative
			if vl >= 4 {
				inc := binary.BigEndian.Uint32(b[v:])
				f.Label = fmt.Sprintf("Cookie preservative parameter (Increment :%d msec)", inc)
				f.Children = append(f.Children, UintField("sctp.parameter_cookie_preservative_incr", fmt.Sprintf("Suggested Cookie life-span increment (msec): %d", inc), v, 4, uint64(inc)))
			}
		case 12: // Supported Address Types
			var names []string
			for i := v; i+2 <= v+vl; i += 2 {
				at := binary.BigEndian.Uint16(b[i:])
				short, long := "Unknown", "Unknown"
				switch at {
				case 5:
					short, long = "IPv4", "IPv4 address"
				case 6:
					short, long = "IPv6", "IPv6 address"
				case 11:
					short, long = "Hostname", "Hostname address"
				}
				names = append(names, short)
				f.Children = append(f.Children, UintField("sctp.parameter_supported_address_type", fmt.Sprintf("Supported address type: %s (%d)", long, at), i, 2, uint64(at)))
			}
			f.Label = fmt.Sprintf("Supported address types parameter (Supported types: %s)", strings.Join(names, ", "))
		case 0x8008: // Supported Extensions (RFC 5061)
			var names []string
			for i := v; i < v+vl; i++ {
				ct := b[i]
				names = append(names, sctpChunkTypeName(ct))
				f.Children = append(f.Children, UintField("sctp.supported_chunk_type", fmt.Sprintf("Supported chunk type: %s (%d)", sctpChunkTypeName(ct), ct), i, 1, uint64(ct)))
			}
			f.Label = fmt.Sprintf("Supported Extensions parameter (Supported types: %s)", strings.Join(names, ", "))
		default:
			if vl > 0 {
				f.Children = append(f.Children, sctpBytes("sctp.parameter_value", "Parameter value: ", b, v, vl))
			}
		}
		kids = append(kids, f)
		next := at + n + (-n)&3
		if next >= end {
			break
		}
		if p := (-n) & 3; p > 0 {
			kids[len(kids)-1].Children = append(kids[len(kids)-1].Children, sctpBytes("sctp.parameter_padding", "Parameter padding: ", b, at+n, p))
			kids[len(kids)-1].Len += p
		}
		at = next
	}
	return kids
}

// causes reads the error causes of an ABORT or ERROR chunk.
func (c *sctpWalk) causes(at, end int) []Field {
	b := c.b
	var kids []Field
	for at+4 <= end {
		code := binary.BigEndian.Uint16(b[at:])
		n := int(binary.BigEndian.Uint16(b[at+2:]))
		if n < 4 || at+n > end {
			break
		}
		name := sctpCauseName(code)
		f := Field{Label: name + " cause", Start: at, Len: n, Children: []Field{
			UintField("sctp.cause_code", fmt.Sprintf("Cause code: %s (0x%04x)", name, code), at, 2, uint64(code)),
			UintField("sctp.cause_length", "Cause length: "+strconv.Itoa(n), at+2, 2, uint64(n)),
		}}
		if code == 1 && n >= 8 { // Invalid Stream Identifier
			sid, res := binary.BigEndian.Uint16(b[at+4:]), binary.BigEndian.Uint16(b[at+6:])
			f.Label = fmt.Sprintf("%s cause (SID: %d)", name, sid)
			f.Children = append(f.Children,
				UintField("sctp.cause_stream_identifier", fmt.Sprintf("Stream identifier: %d", sid), at+4, 2, uint64(sid)),
				UintField("sctp.cause_reserved", fmt.Sprintf("Reserved: %d", res), at+6, 2, uint64(res)))
		} else if n > 4 {
			f.Children = append(f.Children, sctpBytes("sctp.cause_information", "Cause information: ", b, at+4, n-4))
		}
		kids = append(kids, f)
		next := at + n + (-n)&3
		if next >= end {
			break
		}
		if p := (-n) & 3; p > 0 {
			kids[len(kids)-1].Children = append(kids[len(kids)-1].Children, sctpBytes("sctp.cause_padding", "Cause padding: ", b, at+n, p))
		}
		at = next
	}
	return kids
}

// sctpChunkName is a chunk type's name in Info; tshark writes RESERVED for
// types it does not know.
func sctpChunkName(t byte) string {
	if s := sctpChunkNames[t]; s != "" {
		return s
	}
	return "RESERVED"
}

// sctpChunkTypeName is a chunk type's name in the tree.
func sctpChunkTypeName(t byte) string {
	if s := sctpChunkNames[t]; s != "" {
		return s
	}
	return "Unknown"
}

// sctpChunkNames are tshark 4.0's chunk type names (RFC 9260 §3.2 and its
// extensions), checked against tshark on one chunk of each type.
var sctpChunkNames = [256]string{
	0: "DATA", 1: "INIT", 2: "INIT_ACK", 3: "SACK", 4: "HEARTBEAT", 5: "HEARTBEAT_ACK", 6: "ABORT",
	7: "SHUTDOWN", 8: "SHUTDOWN_ACK", 9: "ERROR", 10: "COOKIE_ECHO", 11: "COOKIE_ACK", 12: "ECNE",
	13: "CWR", 14: "SHUTDOWN_COMPLETE", 15: "AUTH", 16: "NR_SACK", 64: "I_DATA", 128: "ASCONF_ACK",
	129: "PKTDROP", 130: "RE_CONFIG", 132: "PAD", 192: "FORWARD_TSN", 193: "ASCONF", 194: "I_FORWARD_TSN",
	255: "IETF_EXTENSION",
}

// sctpPPIDNames are tshark 4.0's names of payload protocol identifiers
// (IANA's registry), checked against tshark for 0 to 79.
var sctpPPIDNames = [...]string{
	"not specified", "IUA", "M2UA", "M3UA", "SUA", "M2PA", "V5UA", "H.248/MEGACO", "BICC/Q.2150.3", "TALI",
	"DUA", "ASAP", "ENRP", "H.323", "Q.IPC/Q.2150.3", "SIMCO", "DDP Segment Chunk", "DDP Stream Session Control",
	"S1 Application Protocol (S1AP)", "RUA", "HNBAP", "ForCES-HP", "ForCES-MP", "ForCES-LP", "SBc-AP", "NBAP",
	"Unassigned", "X2AP", "IRCP", "LCS-AP", "MPICH2", "SABP", "Fractal Generator Protocol", "Ping Pong Protocol",
	"CalcApp Protocol", "Scripting Service Protocol", "NetPerfMeter Control", "NetPerfMeter Data", "Echo",
	"Discard", "Daytime", "Character Generator", "3GPP RNA", "3GPP M2AP", "3GPP M3AP", "SSH", "DIAMETER",
	"DIAMETER over DTLS", "R14P", "Generic Data Transfer Protocol (GDT)", "WebRTC Control", "WebRTC String",
	"WebRTC Binary Partial (Deprecated)", "WebRTC Binary", "WebRTC String Partial (Deprecated)", "3GPP PUA",
	"WebRTC String Empty", "WebRTC Binary Empty", "XwAP", "Xw - Control Plane", "NGAP", "XnAP", "F1 AP",
	"", "", "ELE2 Lawful Interception", "NGAP over DTLS", "XnAP over DTLS", "F1AP over DTLS", "E1AP over DTLS",
	"E2-CP", "E2-UP", "E2-DU", "W1AP",
}

func sctpPPIDName(p uint32) string {
	if p < uint32(len(sctpPPIDNames)) && sctpPPIDNames[p] != "" {
		return sctpPPIDNames[p]
	}
	return "Unknown"
}

// sctpParamName names an INIT or HEARTBEAT parameter type (RFC 9260 §3.3.2
// and the registries' extensions).
func sctpParamName(t uint16) string {
	switch t {
	case 1:
		return "Heartbeat info"
	case 5:
		return "IPv4 address"
	case 6:
		return "IPv6 address"
	case 7:
		return "State cookie"
	case 8:
		return "Unrecognized parameters"
	case 9:
		return "Cookie preservative"
	case 11:
		return "Hostname address"
	case 12:
		return "Supported address types"
	case 0x8000:
		return "ECN"
	case 0x8002:
		return "Random"
	case 0x8003:
		return "Authenticated Chunk list"
	case 0x8004:
		return "Requested HMAC Algorithm"
	case 0x8005:
		return "Padding"
	case 0x8008:
		return "Supported Extensions"
	case 0xc000:
		return "Forward TSN supported"
	case 0xc006:
		return "Adaptation Layer Indication"
	}
	return "Unknown"
}

// sctpCauseName names an error cause (RFC 9260 §3.3.10).
func sctpCauseName(c uint16) string {
	switch c {
	case 1:
		return "Invalid stream identifier"
	case 2:
		return "Missing mandatory parameter"
	case 3:
		return "Stale cookie error"
	case 4:
		return "Out of resources"
	case 5:
		return "Unresolvable address"
	case 6:
		return "Unrecognized chunk type"
	case 7:
		return "Invalid mandatory parameter"
	case 8:
		return "Unrecognized parameters"
	case 9:
		return "No user data"
	case 10:
		return "Cookie received while shutting down"
	case 11:
		return "Restart of an association with new addresses"
	case 12:
		return "User initiated ABORT"
	case 13:
		return "Protocol violation"
	}
	return "Unknown"
}
