package decode

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"strconv"
	"strings"
)

// QUIC (RFC 9000, 9001, 9369 and the drafts before them) as Wireshark 4.0's
// packet-quic.c shows it: long and short headers, coalesced packets, Version
// Negotiation and Retry, and the Initial packets decrypted with the keys
// every observer can derive from the client's first Destination Connection
// ID (RFC 9001 §5.2), so the ClientHello, its server name and the frames of
// the Initial packets are visible. Handshake, 0-RTT and 1-RTT packets need
// the TLS secrets, which a capture does not hold: like tshark without a key
// log, ladder shows their headers only.
//
// Wireshark 4.0 registers QUIC on no UDP port: its heuristic claims a
// conversation from a long header packet of a known version, and the
// conversation then stays QUIC (short header packets included). ladder does
// the same, so an already-open connection seen only as short headers stays
// UDP, as in tshark.

// quicMaxCID is the longest connection ID QUIC v1 allows (RFC 9000 §17.2).
const quicMaxCID = 20

// quicMaxConns bounds the connections remembered per UDP conversation.
const quicMaxConns = 8

// quicMaxCrypto bounds the Initial CRYPTO stream kept per direction to
// find the ClientHello (a post-quantum key share makes it ~1.8 KiB).
const quicMaxCrypto = 16 << 10

// quicMaxFrames bounds the frames read from one decrypted packet.
const quicMaxFrames = 512

// quicVersion is a QUIC version field value.
type quicVersion uint32

// Versions with their own salts and labels.
const (
	quicVersionNeg quicVersion = 0x00000000
	quicV1         quicVersion = 0x00000001
	quicV2         quicVersion = 0x6b3343cf
	quicQ050       quicVersion = 0x51303530
	quicT050       quicVersion = 0x54303530
	quicT051       quicVersion = 0x54303531
)

// draft is the IETF draft a version follows, 0 when unknown (Wireshark's
// quic_draft_version in 4.0): v1 counts as draft 34, v2 as 100.
func (v quicVersion) draft() int {
	switch {
	case v>>8 == 0xff0000:
		return int(v & 0xff)
	case v == 0xfaceb001:
		return 22
	case v == 0xfaceb002, v == 0xfaceb00e, v == quicQ050, v == quicT050, v == quicT051:
		return 27
	case v&0x0f0f0f0f == 0x0a0a0a0a:
		// reserved versions that force Version Negotiation: Wireshark 4.0
		// reads them as draft 29 (measured: the packet numbers tshark
		// prints for quic_vn.pcap come from draft 29's salt)
		return 29
	case v == quicV1:
		return 34
	case v == quicV2:
		return 100
	}
	return 0
}

// draftMax reports a known version of at most draft n.
func (v quicVersion) draftMax(n int) bool { d := v.draft(); return d != 0 && d <= n }

// gquicTLS reports the Google versions that carry gQUIC frames inside IETF
// QUIC packets.
func (v quicVersion) gquicTLS() bool { return v == quicQ050 || v == quicT050 || v == quicT051 }

// quicVersionNames is Wireshark's quic_version_vals.
var quicVersionNames = []struct {
	lo, hi quicVersion
	name   string
}{
	{0x00000000, 0x00000000, "Version Negotiation"},
	{0x00000001, 0x00000001, "1"},
	{0x45474700, 0x454747ff, "Quant"},
	{0x50435130, 0x50435131, "Picoquic internal"},
	{0x50524f58, 0x50524f58, "Proxied QUIC (PROX)"},
	{0x51303433, 0x51303433, "Google Q043"},
	{0x51303434, 0x51303434, "Google Q044"},
	{0x51303436, 0x51303436, "Google Q046"},
	{0x51303530, 0x51303530, "Google Q050"},
	{0x51474f00, 0x51474fff, "QGO (QUIC GO)"},
	{0x54303530, 0x54303530, "Google T050"},
	{0x54303531, 0x54303531, "Google T051"},
	{0x91c17000, 0x91c170ff, "Quicly"},
	{0xabcd0000, 0xabcd000f, "MsQuic"},
	{0xf0f0f0f0, 0xf0f0f0ff, "ETH Zürich (Measurability experiments)"},
	{0xf0f0f1f0, 0xf0f0f1ff, "Telecom Italia (Measurability experiments)"},
	{0xf123f0c0, 0xf123f0cf, "MozQuic"},
	{0xfaceb001, 0xfaceb001, "Facebook mvfst (draft-22)"},
	{0xfaceb002, 0xfaceb002, "Facebook mvfst (draft-27)"},
	{0xfaceb003, 0xfaceb00d, "Facebook mvfst"},
	{0xfaceb00e, 0xfaceb00e, "Facebook mvfst (Experimental)"},
	{0xfaceb00f, 0xfaceb00f, "Facebook mvfst"},
	{0x709a50c4, 0x709a50c4, "v2-draft-01"},
	{0x6b3343cf, 0x6b3343cf, "2"},
}

func (v quicVersion) String() string {
	if v>>8 == 0xff0000 && v&0xff >= 4 && v&0xff <= 34 {
		n := int(v & 0xff)
		return "draft-" + string(rune('0'+n/10)) + string(rune('0'+n%10))
	}
	for _, e := range quicVersionNames {
		if v >= e.lo && v <= e.hi {
			return e.name
		}
	}
	return "Unknown"
}

// quicPacketType is Wireshark's internal long packet type: v1's wire
// values; v2 (RFC 9369 §3.2) numbers them differently on the wire.
type quicPacketType uint8

const (
	quicInitial   quicPacketType = 0
	quic0RTT      quicPacketType = 1
	quicHandshake quicPacketType = 2
	quicRetry     quicPacketType = 3
	quicVN        quicPacketType = 0xfe // Version Negotiation: no type field
	quicShort     quicPacketType = 0xff
)

var quicPacketTypeNames = [4]string{"Initial", "0-RTT", "Handshake", "Retry"}

// quicV2WireType maps v2's wire type bits to the v1 numbering.
var quicV2WireType = [4]quicPacketType{quicRetry, quicInitial, quic0RTT, quicHandshake}

func quicLongType(first byte, v quicVersion) quicPacketType {
	t := (first >> 4) & 3
	if v == quicV2 {
		return quicV2WireType[t]
	}
	return quicPacketType(t)
}

// quicCID is a connection ID of at most 20 bytes.
type quicCID struct {
	b [quicMaxCID]byte
	n uint8
}

func makeCID(b []byte) quicCID {
	var c quicCID
	if len(b) <= quicMaxCID {
		c.n = uint8(copy(c.b[:], b))
	}
	return c
}

func (c *quicCID) bytes() []byte { return c.b[:c.n] }

func (c *quicCID) equal(o *quicCID) bool { return c.n == o.n && c.b == o.b }

// prefixOf reports whether c is a prefix of raw (an empty c always is), as
// Wireshark's quic_cids_has_match does for short headers whose DCID length
// the packet does not tell.
func (c *quicCID) prefixOf(raw []byte) bool {
	return int(c.n) <= len(raw) && string(c.b[:c.n]) == string(raw[:c.n])
}

// quicKeys are one direction's Initial packet protection keys.
type quicKeys struct {
	hp   cipher.Block
	aead cipher.AEAD
	iv   [12]byte
}

// quicConn is one QUIC connection of a conversation.
type quicConn struct {
	version   quicVersion
	clientDir uint8 // PDU.Dir of the packets the client sends
	clientCID quicCID
	serverCID quicCID
	// initialDCID is the DCID of the client's first Initial, from which
	// the Initial keys derive (cleared by a Retry until the next Initial).
	initialDCID quicCID
	initialSet  bool
	keysDCID    quicCID
	keysVersion quicVersion
	keys        [2]*quicKeys // client, server
	maxPN       [2][3]uint64 // per sender, per packet number space
	crypto      [2]quicCrypto
}

// quicState is what QUIC keeps about a UDP conversation.
type quicState struct {
	conns []*quicConn // newest last
}

// quicCrypto gathers one direction's Initial CRYPTO stream until its first
// handshake message (ClientHello, ServerHello) is whole. It keeps copies
// of the fragments received, never more bytes than the packets carried,
// so a hostile capture cannot make it hold more than it is.
type quicCrypto struct {
	frags []quicFrag
	kept  int
	done  bool
}

type quicFrag struct {
	off  int
	data []byte
}

// quicMaxFrags bounds the fragments kept per direction.
const quicMaxFrags = 32

// add stores CRYPTO data at off and returns the first handshake message
// once it is contiguous from offset 0 (only the first time).
func (c *quicCrypto) add(off uint64, data []byte) []byte {
	if c.done || off >= quicMaxCrypto || len(data) == 0 {
		return nil
	}
	data = data[:min(len(data), quicMaxCrypto-int(off))]
	if len(c.frags) == quicMaxFrags || c.kept+len(data) > quicMaxCrypto {
		c.giveUp()
		return nil
	}
	c.frags = append(c.frags, quicFrag{int(off), bytes.Clone(data)})
	c.kept += len(data)
	// insertion sort by offset: the list is short and nearly sorted
	for i := len(c.frags) - 1; i > 0 && c.frags[i].off < c.frags[i-1].off; i-- {
		c.frags[i], c.frags[i-1] = c.frags[i-1], c.frags[i]
	}
	// how far the stream is contiguous from 0
	have := 0
	for _, f := range c.frags {
		if f.off > have {
			break
		}
		have = max(have, f.off+len(f.data))
	}
	if have < 4 {
		return nil
	}
	var hdr [4]byte
	c.copyTo(hdr[:])
	n := 4 + int(hdr[1])<<16 | int(hdr[2])<<8 | int(hdr[3])
	if n > quicMaxCrypto {
		c.giveUp()
		return nil
	}
	if have < n {
		return nil
	}
	msg := make([]byte, n)
	c.copyTo(msg)
	c.giveUp()
	return msg
}

// copyTo fills dst from the fragments (which cover it).
func (c *quicCrypto) copyTo(dst []byte) {
	for _, f := range c.frags {
		if f.off < len(dst) {
			copy(dst[f.off:], f.data)
		}
	}
}

func (c *quicCrypto) giveUp() {
	c.done, c.frags, c.kept = true, nil, 0
}

var quicDissector = &Dissector{
	Name:      "quic",
	Dissect:   dissectQUIC,
	Heuristic: quicHeuristic,
	Fields: []FieldDef{
		{Name: "quic.header_form", Desc: "Header Form", Kind: FieldUint, Bits: 8},
		{Name: "quic.long.packet_type", Desc: "Packet Type", Kind: FieldUint, Bits: 8},
		{Name: "quic.version", Desc: "Version", Kind: FieldUint, Bits: 32},
		{Name: "quic.dcid", Desc: "Destination Connection ID", Kind: FieldBytes},
		{Name: "quic.scid", Desc: "Source Connection ID", Kind: FieldBytes},
		{Name: "quic.packet_number", Desc: "Packet Number", Kind: FieldUint, Bits: 64},
		{Name: "quic.frame_type", Desc: "Frame Type", Kind: FieldUint, Bits: 64},
		// The decrypted hellos' fields carry TLS's names. The server name
		// is left for the TLS dissector to declare: until it does, the
		// filter reads TLS over TCP with dfilter's own parser, which a
		// declaration here would replace by a tree lookup that finds
		// none; once it does, the same name matches QUIC's trees too.
		{Name: "tls.handshake.type", Desc: "Handshake Type", Kind: FieldUint, Bits: 8},
		{Name: "tls.handshake.extensions_alpn_str", Desc: "ALPN Next Protocol", Kind: FieldString},
	},
}

func init() { RegisterUDP(quicDissector) }

// quicHeuristic is Wireshark's dissect_quic_heur for long headers: a
// version of draft 11 or later and connection ID lengths QUIC allows.
func quicHeuristic(b []byte) bool {
	if len(b) < 13 || b[0]&0x80 == 0 {
		return false
	}
	if quicVersion(binary.BigEndian.Uint32(b[1:])).draft() < 11 {
		return false
	}
	dcil := int(b[5])
	if dcil > quicMaxCID || 6+dcil >= len(b) {
		return false
	}
	return b[6+dcil] <= quicMaxCID
}

// quicVarint reads a QUIC variable-length integer (RFC 9000 §16); n is 0
// when b is too short.
func quicVarint(b []byte) (v uint64, n int) {
	if len(b) == 0 {
		return 0, 0
	}
	n = 1 << (b[0] >> 6)
	if len(b) < n {
		return 0, 0
	}
	v = uint64(b[0] & 0x3f)
	for _, c := range b[1:n] {
		v = v<<8 | uint64(c)
	}
	return v, n
}

// quicHeader is what the first packet of a datagram says about the
// connection it belongs to (Wireshark's quic_extract_header).
type quicHeader struct {
	long     bool
	version  quicVersion
	typ      quicPacketType
	dcid     quicCID // for a short header: up to 20 bytes, length unknown
	scid     quicCID
	dcidRaw  []byte
	dcilLong int // the DCID length byte of a long header
}

func quicExtract(b []byte) quicHeader {
	var h quicHeader
	if len(b) == 0 {
		return h
	}
	if b[0]&0x80 == 0 {
		h.typ = quicShort
		h.dcidRaw = b[1:min(len(b), 1+quicMaxCID)]
		h.dcid = makeCID(h.dcidRaw)
		return h
	}
	h.long = true
	if len(b) < 6 {
		h.typ = quicInitial
		return h
	}
	h.version = quicVersion(binary.BigEndian.Uint32(b[1:]))
	h.typ = quicLongType(b[0], h.version)
	if h.version == quicVersionNeg {
		h.typ = quicVN
	}
	dcil := int(b[5])
	h.dcilLong = dcil
	if dcil <= quicMaxCID && 6+dcil <= len(b) {
		h.dcid = makeCID(b[6 : 6+dcil])
	}
	o := 6 + dcil
	if o < len(b) {
		scil := int(b[o])
		if scil <= quicMaxCID && o+1+scil <= len(b) {
			h.scid = makeCID(b[o+1 : o+1+scil])
		}
	}
	return h
}

// findDCID finds the connection a DCID names (quic_connection_find_dcid):
// a client CID means the packet came from the server, a server CID from
// the client; an empty DCID means the conversation's newest connection.
func (s *quicState) findDCID(dcid *quicCID, dir uint8) (c *quicConn, fromServer bool) {
	if dcid.n > 0 {
		for i := len(s.conns) - 1; i >= 0; i-- {
			if s.conns[i].clientCID.equal(dcid) {
				c = s.conns[i]
				fromServer = dir != c.clientDir
				if !c.serverCID.equal(dcid) {
					fromServer = true
				}
				return c, fromServer
			}
		}
		for i := len(s.conns) - 1; i >= 0; i-- {
			if s.conns[i].serverCID.equal(dcid) {
				return s.conns[i], false
			}
		}
		return nil, false
	}
	if len(s.conns) == 0 {
		return nil, false
	}
	c = s.conns[len(s.conns)-1]
	return c, dir != c.clientDir
}

func (s *quicState) findInitial(dcid *quicCID) *quicConn {
	for i := len(s.conns) - 1; i >= 0; i-- {
		if c := s.conns[i]; c.initialSet && c.initialDCID.equal(dcid) {
			return c
		}
	}
	return nil
}

// find is Wireshark's quic_connection_find within one conversation.
func (s *quicState) find(h *quicHeader, dir uint8) (c *quicConn, fromServer bool) {
	switch {
	case h.typ == quic0RTT && h.dcid.n > 0:
		return s.findInitial(&h.dcid), false
	case h.typ == quicShort:
		if len(s.conns) == 0 {
			return nil, false
		}
		// the newest connection of the conversation, then older ones,
		// whose CID of the receiving side starts the packet
		fromServer = dir != s.conns[len(s.conns)-1].clientDir
		for i := len(s.conns) - 1; i >= 0; i-- {
			c := s.conns[i]
			if (fromServer && c.clientCID.prefixOf(h.dcidRaw)) || (!fromServer && c.serverCID.prefixOf(h.dcidRaw)) {
				return c, fromServer
			}
		}
		return nil, false
	}
	c, fromServer = s.findDCID(&h.dcid, dir)
	if h.typ == quicInitial && c == nil && h.dcid.n > 0 {
		if c = s.findInitial(&h.dcid); c != nil {
			fromServer = false
		}
	}
	if h.typ == quicInitial && c != nil && !fromServer && h.dcid.n > 0 &&
		!(c.initialSet && h.dcid.equal(&c.initialDCID)) && !c.serverCID.prefixOf(h.dcid.bytes()) {
		c = nil // a fresh client Initial, e.g. after Version Negotiation
	}
	return c, fromServer
}

// update is Wireshark's quic_connection_create_or_update.
func (s *quicState) update(c *quicConn, h *quicHeader, dir uint8, fromServer bool) *quicConn {
	switch {
	case h.typ == quicInitial && !fromServer:
		if c == nil {
			c = &quicConn{version: h.version, clientDir: dir}
			if len(s.conns) == quicMaxConns {
				s.conns = append(s.conns[:0], s.conns[1:]...)
			}
			s.conns = append(s.conns, c)
			c.setInitial(h)
		} else if !c.initialSet && h.dcid.n > 0 {
			c.setInitial(h)
			c.serverCID = quicCID{}
		}
	case (h.typ == quicInitial || h.typ == quicRetry || h.typ == quicHandshake) && fromServer && c != nil:
		if h.typ == quicRetry {
			c.initialDCID, c.initialSet = quicCID{}, false
		}
		if c.serverCID.n == 0 && h.scid.n > 0 {
			c.serverCID = h.scid
		}
	}
	return c
}

func (c *quicConn) setInitial(h *quicHeader) {
	if h.scid.n > 0 {
		c.clientCID = h.scid
	}
	if h.dcid.n > 0 {
		c.initialDCID, c.initialSet = h.dcid, true
	}
}

// Initial salts (RFC 9001 §5.2, RFC 9369 §3.3.1 and the drafts).
var (
	quicSaltDraft22 = []byte{0x7f, 0xbc, 0xdb, 0x0e, 0x7c, 0x66, 0xbb, 0xe9, 0x19, 0x3a, 0x96, 0xcd, 0x21, 0x51, 0x9e, 0xbd, 0x7a, 0x02, 0x64, 0x4a}
	quicSaltDraft23 = []byte{0xc3, 0xee, 0xf7, 0x12, 0xc7, 0x2e, 0xbb, 0x5a, 0x11, 0xa7, 0xd2, 0x43, 0x2b, 0xb4, 0x63, 0x65, 0xbe, 0xf9, 0xf5, 0x02}
	quicSaltDraft29 = []byte{0xaf, 0xbf, 0xec, 0x28, 0x99, 0x93, 0xd2, 0x4c, 0x9e, 0x97, 0x86, 0xf1, 0x9c, 0x61, 0x11, 0xe0, 0x43, 0x90, 0xa8, 0x99}
	quicSaltV1      = []byte{0x38, 0x76, 0x2c, 0xf7, 0xf5, 0x59, 0x34, 0xb3, 0x4d, 0x17, 0x9a, 0xe6, 0xa4, 0xc8, 0x0c, 0xad, 0xcc, 0xbb, 0x7f, 0x0a}
	quicSaltQ050    = []byte{0x50, 0x45, 0x74, 0xef, 0xd0, 0x66, 0xfe, 0x2f, 0x9d, 0x94, 0x5c, 0xfc, 0xdb, 0xd3, 0xa7, 0xf0, 0xd3, 0xb5, 0x6b, 0x45}
	quicSaltT050    = []byte{0x7f, 0xf5, 0x79, 0xe5, 0xac, 0xd0, 0x72, 0x91, 0x55, 0x80, 0x30, 0x4c, 0x43, 0xa2, 0x36, 0x7c, 0x60, 0x48, 0x83, 0x10}
	quicSaltT051    = []byte{0x7a, 0x4e, 0xde, 0xf4, 0xe7, 0xcc, 0xee, 0x5f, 0xa4, 0x50, 0x6c, 0x19, 0x12, 0x4f, 0xc8, 0xcc, 0xda, 0x6e, 0x03, 0x3d}
	quicSaltV2      = []byte{0x0d, 0xed, 0xe3, 0xde, 0xf7, 0x00, 0xa6, 0xdb, 0x81, 0x93, 0x81, 0xbe, 0x6e, 0x26, 0x9d, 0xcb, 0xf9, 0xbd, 0x2e, 0xd9}
)

// quicSalt chooses the Initial salt as Wireshark does: unknown versions
// get v2's.
func quicSalt(v quicVersion) []byte {
	switch {
	case v == quicQ050:
		return quicSaltQ050
	case v == quicT050:
		return quicSaltT050
	case v == quicT051:
		return quicSaltT051
	case v.draftMax(22):
		return quicSaltDraft22
	case v.draftMax(28):
		return quicSaltDraft23
	case v.draftMax(32):
		return quicSaltDraft29
	case v.draftMax(34):
		return quicSaltV1
	}
	return quicSaltV2
}

// hkdfExpandLabel is TLS 1.3's HKDF-Expand-Label (RFC 8446 §7.1) with an
// empty context, over SHA-256.
func hkdfExpandLabel(secret []byte, label string, n int) []byte {
	info := make([]byte, 0, 4+6+len(label))
	info = append(info, byte(n>>8), byte(n), byte(6+len(label)))
	info = append(info, "tls13 "...)
	info = append(info, label...)
	info = append(info, 0)
	out, err := hkdf.Expand(sha256.New, secret, string(info), n)
	if err != nil {
		return make([]byte, n) // unreachable: n is far below the limit
	}
	return out
}

// quicKeyBytes is one direction's Initial key material.
type quicKeyBytes struct{ key, iv, hp []byte }

// quicInitialSecrets derives the client's and the server's Initial key
// material from the client's first DCID (RFC 9001 §5.2; RFC 9369 §3.3 for
// v2's salt and labels).
func quicInitialSecrets(dcid []byte, v quicVersion) ([2]quicKeyBytes, bool) {
	var out [2]quicKeyBytes
	prk, err := hkdf.Extract(sha256.New, dcid, quicSalt(v))
	if err != nil {
		return out, false
	}
	prefix := "quic "
	if v == quicV2 {
		prefix = "quicv2 "
	}
	for i, label := range [2]string{"client in", "server in"} {
		secret := hkdfExpandLabel(prk, label, 32)
		out[i] = quicKeyBytes{key: hkdfExpandLabel(secret, prefix+"key", 16), iv: hkdfExpandLabel(secret, prefix+"iv", 12),
			hp: hkdfExpandLabel(secret, prefix+"hp", 16)}
	}
	return out, true
}

// quicInitialKeys makes the ciphers of quicInitialSecrets: AES-128 for
// header protection, AES-128-GCM for the payload.
func quicInitialKeys(dcid []byte, v quicVersion) [2]*quicKeys {
	var out [2]*quicKeys
	raw, ok := quicInitialSecrets(dcid, v)
	if !ok {
		return out
	}
	for i, r := range raw {
		hp, err1 := aes.NewCipher(r.hp)
		block, err2 := aes.NewCipher(r.key)
		if err1 != nil || err2 != nil {
			return [2]*quicKeys{}
		}
		aead, err := cipher.NewGCM(block)
		if err != nil {
			return [2]*quicKeys{}
		}
		k := &quicKeys{hp: hp, aead: aead}
		copy(k.iv[:], r.iv)
		out[i] = k
	}
	return out
}

// quicAdjustPN expands a truncated packet number of bits bits next to the
// largest one seen (Wireshark's quic_pkt_adjust_pkt_num, from ngtcp2).
func quicAdjustPN(maxPN, pn uint64, bits uint) uint64 {
	k := maxPN
	if k != ^uint64(0) {
		k++
	}
	u := k &^ (1<<bits - 1)
	a := u | pn
	b := (u + 1<<bits) | pn
	da, db := absDiff(k, a), absDiff(k, b)
	if da < db {
		return a
	}
	return b
}

func absDiff(a, b uint64) uint64 {
	if a < b {
		return b - a
	}
	return a - b
}

// quicPNSpace is the packet number space of a packet type.
func quicPNSpace(t quicPacketType) int {
	switch t {
	case quicInitial:
		return 0
	case quicHandshake:
		return 1
	}
	return 2
}

// dissectQUIC reads one UDP datagram: one or more coalesced QUIC packets.
func dissectQUIC(p *PDU, out *Out) bool {
	b := p.Data
	if len(b) == 0 || p.Conv == nil {
		return false
	}
	st, _ := p.Conv.State.(*quicState)
	if st == nil {
		st = &quicState{}
		p.Conv.State = st
	}
	out.SetProto("QUIC")
	h := quicExtract(b)
	c, fromServer := st.find(&h, p.Dir)
	c = st.update(c, &h, p.Dir, fromServer)
	q := quicPacket{p: p, out: out, c: c, fromServer: fromServer}
	var firstDCID []byte
	for off := 0; off < len(b); {
		n := quicPacketLen(b[off:])
		pkt := b[off : off+n]
		dcid, known := q.dcidOf(pkt)
		if off == 0 {
			firstDCID = dcid
		} else if known && string(dcid) != string(firstDCID) {
			// not a coalesced packet of this connection: padding the
			// sender appended (Wireshark: "(Random) padding data")
			break
		}
		q.off = off
		if !q.packet(pkt) {
			break
		}
		off += n
	}
	return true
}

// quicPacketLen is the length of the QUIC packet at the start of b
// (Wireshark's quic_get_message_tvb): long headers other than Retry and
// Version Negotiation say it; anything else runs to the datagram's end.
func quicPacketLen(b []byte) int {
	if len(b) < 6 || b[0]&0x80 == 0 {
		return len(b)
	}
	v := quicVersion(binary.BigEndian.Uint32(b[1:]))
	t := quicLongType(b[0], v)
	if t == quicRetry || v == quicVersionNeg {
		return len(b)
	}
	o := 6 + int(b[5])
	if o >= len(b) {
		return len(b)
	}
	o += 1 + int(b[o])
	if o > len(b) {
		return len(b)
	}
	if t == quicInitial {
		tl, n := quicVarint(b[o:])
		if n == 0 || tl > uint64(len(b)) {
			return len(b)
		}
		o += n + int(tl)
		if o > len(b) {
			return len(b)
		}
	}
	pl, n := quicVarint(b[o:])
	if n == 0 || pl > 1<<31-1 {
		return len(b)
	}
	if l := uint64(o+n) + pl; l < uint64(len(b)) {
		return int(l)
	}
	return len(b)
}

// quicPacket is the walk of one datagram's packets.
type quicPacket struct {
	p          *PDU
	out        *Out
	c          *quicConn
	fromServer bool
	off        int // the packet's offset in the datagram
}

// dcidOf is the DCID a coalesced packet is checked by
// (check_dcid_on_coalesced_packet); known is false for a short header
// packet outside a known connection, which is not checked.
func (q *quicPacket) dcidOf(pkt []byte) (dcid []byte, known bool) {
	if pkt[0]&0x80 != 0 {
		if len(pkt) < 6 {
			return nil, true
		}
		n := int(pkt[5])
		if n == 0 || n > quicMaxCID || 6+n > len(pkt) {
			return nil, true
		}
		return pkt[6 : 6+n], true
	}
	if q.c == nil {
		return nil, false
	}
	n := q.shortDCIDLen()
	if 1+n > len(pkt) {
		return nil, true
	}
	return pkt[1 : 1+n], true
}

// shortDCIDLen is the DCID length of a short header packet: the receiving
// side's CID, known from the connection's long headers.
func (q *quicPacket) shortDCIDLen() int {
	if q.c == nil {
		return 0
	}
	if q.fromServer {
		return int(q.c.clientCID.n)
	}
	return int(q.c.serverCID.n)
}

// packet dissects one QUIC packet; false stops the datagram's walk.
func (q *quicPacket) packet(pkt []byte) bool {
	tree := q.out.WantTree
	var top *Field
	if tree {
		q.out.Add(Field{Name: "quic", Label: "QUIC IETF", Start: q.off, Len: len(pkt), Kind: FieldProto})
		top = &q.out.Tree[len(q.out.Tree)-1]
		top.Children = append(top.Children, Field{Name: "quic.packet_length", Label: "Packet Length: " + strconv.Itoa(len(pkt)),
			Start: q.off, Kind: FieldUint, Num: uint64(len(pkt))})
	}
	if pkt[0]&0x80 == 0 {
		q.short(pkt, top)
		return true
	}
	if tree {
		top.Children = append(top.Children, UintField("quic.header_form", "1... .... = Header Form: Long Header (1)", q.off, 1, 1))
	}
	if len(pkt) < 5 {
		q.out.SetInfo("Long Header")
		return false
	}
	v := quicVersion(binary.BigEndian.Uint32(pkt[1:]))
	switch {
	case v == quicVersionNeg:
		q.versionNegotiation(pkt, top)
		return false
	case quicLongType(pkt[0], v) == quicRetry:
		q.retry(pkt, v, top)
		return false
	}
	q.long(pkt, v, top)
	return true
}

// cids reads a long header's connection IDs from offset 5 and appends them
// to the Info column; it returns the offset after them, or -1.
func (q *quicPacket) cids(pkt []byte, top *Field) (dcid, scid []byte, o int) {
	o = 5
	var info strings.Builder
	for i, name := range [2]string{"Destination", "Source"} {
		if o >= len(pkt) {
			return dcid, scid, -1
		}
		n := int(pkt[o])
		if top != nil {
			f := "quic.dcil"
			if i == 1 {
				f = "quic.scil"
			}
			top.Children = append(top.Children, UintField(f, name+" Connection ID Length: "+strconv.Itoa(n), q.off+o, 1, uint64(n)))
		}
		o++
		if o+n > len(pkt) {
			return dcid, scid, -1
		}
		id := pkt[o : o+n]
		if n > 0 && top != nil {
			f := "quic.dcid"
			if i == 1 {
				f = "quic.scid"
			}
			top.Children = append(top.Children, Field{Name: f, Label: name + " Connection ID: " + hex.EncodeToString(id),
				Start: q.off + o, Len: n, Kind: FieldBytes, Str: string(id)})
		}
		if i == 0 {
			dcid = id
		} else {
			scid = id
		}
		o += n
	}
	if len(dcid) > 0 && len(dcid) <= quicMaxCID {
		info.WriteString(", DCID=")
		info.WriteString(hex.EncodeToString(dcid))
	}
	if len(scid) > 0 && len(scid) <= quicMaxCID {
		info.WriteString(", SCID=")
		info.WriteString(hex.EncodeToString(scid))
	}
	q.out.AppendInfo("", info.String())
	return dcid, scid, o
}

func (q *quicPacket) versionField(top *Field, label string, v quicVersion, at int) {
	if top == nil {
		return
	}
	s := v.String()
	if v&0x0f0f0f0f == 0x0a0a0a0a {
		s += " (GREASE)"
	}
	top.Children = append(top.Children, UintField("quic."+label, strings.ToUpper(label[:1])+strings.ReplaceAll(label[1:], "_", " ")+": "+
		s+" (0x"+hex8(uint32(v))+")", q.off+at, 4, uint64(v)))
}

func hex8(v uint32) string {
	var b [4]byte
	binary.BigEndian.PutUint32(b[:], v)
	return hex.EncodeToString(b[:])
}

func (q *quicPacket) versionNegotiation(pkt []byte, top *Field) {
	q.out.SetInfo("Version Negotiation")
	if top != nil {
		top.Children = append(top.Children, UintField("quic.vn.unused", ".000 0000 = Unused: 0x"+hex.EncodeToString(pkt[:1]), q.off, 1, uint64(pkt[0]&0x7f)))
		q.versionField(top, "version", quicVersionNeg, 1)
	}
	_, _, o := q.cids(pkt, top)
	if o < 0 || top == nil {
		return
	}
	for ; o+4 <= len(pkt); o += 4 {
		q.versionField(top, "supported_version", quicVersion(binary.BigEndian.Uint32(pkt[o:])), o)
	}
}

func (q *quicPacket) retry(pkt []byte, v quicVersion, top *Field) {
	if top != nil {
		q.typeField(top, pkt[0], v)
		q.versionField(top, "version", v, 1)
	}
	q.out.SetInfo("Retry")
	_, _, o := q.cids(pkt, top)
	if o < 0 || top == nil {
		return
	}
	if v.draftMax(24) {
		return
	}
	tok := len(pkt) - o - 16
	if tok < 0 {
		return
	}
	top.Children = append(top.Children,
		Field{Name: "quic.retry_token", Label: "Retry Token: " + hex.EncodeToString(pkt[o:o+tok]), Start: q.off + o, Len: tok, Kind: FieldBytes, Str: string(pkt[o : o+tok])},
		Field{Name: "quic.retry_integrity_tag", Label: "Retry Integrity Tag: " + hex.EncodeToString(pkt[o+tok:]), Start: q.off + o + tok, Len: 16, Kind: FieldBytes, Str: string(pkt[o+tok:])})
}

func (q *quicPacket) typeField(top *Field, first byte, v quicVersion) {
	t := (first >> 4) & 3
	name, field := quicPacketTypeNames[quicLongType(first, v)], "quic.long.packet_type"
	if v == quicV2 {
		field += "_v2"
	}
	top.Children = append(top.Children,
		Field{Name: "quic.fixed_bit", Label: ".1.. .... = Fixed Bit: " + boolWord(first&0x40 != 0), Start: q.off, Len: 1, Kind: FieldBool, Num: uint64(first>>6) & 1},
		UintField(field, ".."+string(rune('0'+t>>1))+string(rune('0'+t&1))+" .... = Packet Type: "+name+" ("+strconv.Itoa(int(t))+")", q.off, 1, uint64(t)))
	if first&0x40 == 0 {
		top.Children[len(top.Children)-2].Label = ".0.. .... = Fixed Bit: False"
	}
}

func boolWord(b bool) string {
	if b {
		return "True"
	}
	return "False"
}

// long dissects a long header packet other than Retry and Version
// Negotiation, decrypting Initial packets.
func (q *quicPacket) long(pkt []byte, v quicVersion, top *Field) {
	typ := quicLongType(pkt[0], v)
	c := q.c
	if top != nil {
		q.typeField(top, pkt[0], v)
	}
	// Prepare the Initial keys from the client's first DCID, as Wireshark
	// does on its first pass, and remove header protection.
	h := quicExtract(pkt)
	var keys *quicKeys
	if c != nil && typ == quicInitial {
		switch {
		case !q.fromServer && c.initialSet && h.dcid.equal(&c.initialDCID):
			c.ensureKeys(&c.initialDCID, c.version)
		case q.fromServer && v != c.version:
			c.version = v
			if c.initialSet {
				c.ensureKeys(&c.initialDCID, v)
			}
		}
		keys = c.keys[b2i(q.fromServer)]
	}
	pnOff := quicPNOffset(pkt, &h, typ)
	first, pn, pnLen := byte(0), uint64(0), 0
	if keys != nil && pnOff > 0 {
		if f, trunc, n, ok := quicUnprotect(pkt, pnOff, keys.hp); ok {
			space := quicPNSpace(quicLongType(f, c.version))
			first, pnLen = f, n
			pn = quicAdjustPN(c.maxPN[b2i(q.fromServer)][space], uint64(trunc), uint(8*n))
		}
	}
	if top != nil && pnLen > 0 {
		top.Children = append(top.Children,
			UintField("quic.long.reserved", ".... "+bits2(first>>2)+".. = Reserved: "+strconv.Itoa(int(first>>2&3)), q.off, 1, uint64(first>>2&3)),
			UintField("quic.packet_number_length", ".... .."+bits2(first)+" = Packet Number Length: "+strconv.Itoa(pnLen)+" bytes ("+strconv.Itoa(pnLen-1)+")", q.off, 1, uint64(pnLen-1)))
	}
	name := "Long Header"
	if int(typ) < len(quicPacketTypeNames) {
		name = quicPacketTypeNames[typ]
	}
	q.out.SetInfo(name)
	q.versionField(top, "version", v, 1)
	_, _, o := q.cids(pkt, top)
	if o < 0 {
		return
	}
	if typ == quicInitial {
		tl, n := quicVarint(pkt[o:])
		if n == 0 {
			return
		}
		if top != nil {
			top.Children = append(top.Children, UintField("quic.token_length", "Token Length: "+strconv.FormatUint(tl, 10), q.off+o, n, tl))
		}
		o += n
		if tl > uint64(len(pkt)-o) {
			return
		}
		if tl > 0 && top != nil {
			tok := pkt[o : o+int(tl)]
			top.Children = append(top.Children, Field{Name: "quic.token", Label: "Token: " + hex.EncodeToString(tok), Start: q.off + o, Len: int(tl), Kind: FieldBytes, Str: string(tok)})
		}
		o += int(tl)
	}
	pl, n := quicVarint(pkt[o:])
	if n == 0 {
		return
	}
	if top != nil {
		top.Children = append(top.Children, UintField("quic.length", "Length: "+strconv.FormatUint(pl, 10), q.off+o, n, pl))
	}
	o += n
	if pnLen == 0 || o+pnLen > len(pkt) {
		return
	}
	if top != nil {
		top.Children = append(top.Children, UintField("quic.packet_number", "Packet Number: "+strconv.FormatUint(pn, 10), q.off+o, pnLen, pn))
	}
	o += pnLen
	q.out.AppendInfo("", ", PKN: "+strconv.FormatUint(pn, 10))
	if top != nil {
		top.Children = append(top.Children, Field{Name: "quic.payload", Label: "Payload: " + hexEllipsis(pkt[o:]), Start: q.off + o, Len: len(pkt) - o, Kind: FieldBytes})
	}
	plain, ok := quicOpen(pkt, o, first, pnLen, pn, keys)
	if !ok {
		return
	}
	c.maxPN[b2i(q.fromServer)][quicPNSpace(quicLongType(first, c.version))] = pn
	q.frames(plain, o, top)
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func bits2(b byte) string { return string(rune('0'+(b>>1)&1)) + string(rune('0'+b&1)) }

// hexEllipsis is how Wireshark shows a long byte field: 36 bytes then "…".
func hexEllipsis(b []byte) string {
	if len(b) > 36 {
		return hex.EncodeToString(b[:36]) + "…"
	}
	return hex.EncodeToString(b)
}

func (c *quicConn) ensureKeys(dcid *quicCID, v quicVersion) {
	if c.keys[0] != nil && c.keysDCID.equal(dcid) && c.keysVersion == v {
		return
	}
	c.keys = quicInitialKeys(dcid.bytes(), v)
	c.keysDCID, c.keysVersion = *dcid, v
}

// quicPNOffset is where a long header's packet number starts, or 0.
func quicPNOffset(pkt []byte, h *quicHeader, typ quicPacketType) int {
	o := 1 + 4 + 1 + int(h.dcid.n) + 1 + int(h.scid.n)
	if o > len(pkt) {
		return 0
	}
	if typ == quicInitial {
		tl, n := quicVarint(pkt[o:])
		if n == 0 || tl > uint64(len(pkt)) {
			return 0
		}
		o += n + int(tl)
		if o > len(pkt) {
			return 0
		}
	}
	_, n := quicVarint(pkt[o:])
	if n == 0 {
		return 0
	}
	return o + n
}

// quicUnprotect removes header protection (RFC 9001 §5.4): the sample is
// the 16 bytes 4 after the packet number's start.
func quicUnprotect(pkt []byte, pnOff int, hp cipher.Block) (first byte, pn uint32, n int, ok bool) {
	if pnOff+4+16 > len(pkt) || hp == nil {
		return 0, 0, 0, false
	}
	var mask [16]byte
	hp.Encrypt(mask[:], pkt[pnOff+4:pnOff+20])
	first = pkt[0]
	if first&0x80 != 0 {
		first ^= mask[0] & 0x0f
	} else {
		first ^= mask[0] & 0x1f
	}
	n = int(first&3) + 1
	for i := 0; i < n; i++ {
		pn = pn<<8 | uint32(pkt[pnOff+i]^mask[1+i])
	}
	return first, pn, n, true
}

// quicOpen decrypts the payload after a header of hdrLen bytes.
func quicOpen(pkt []byte, hdrLen int, first byte, pnLen int, pn uint64, k *quicKeys) ([]byte, bool) {
	if k == nil || hdrLen+16 >= len(pkt) {
		return nil, false
	}
	aad := make([]byte, hdrLen)
	copy(aad, pkt[:hdrLen])
	aad[0] = first
	for i := 0; i < pnLen; i++ {
		aad[hdrLen-1-i] = byte(pn >> (8 * i))
	}
	var nonce [12]byte
	nonce = k.iv
	var pnb [8]byte
	binary.BigEndian.PutUint64(pnb[:], pn)
	for i := range pnb {
		nonce[4+i] ^= pnb[i]
	}
	plain, err := k.aead.Open(nil, nonce[:], pkt[hdrLen:], aad)
	if err != nil {
		return nil, false
	}
	return plain, true
}

// short dissects a short header packet, whose payload needs 1-RTT keys.
func (q *quicPacket) short(pkt []byte, top *Field) {
	q.out.SetInfo("Protected Payload (KP0)")
	n := q.shortDCIDLen()
	var sh *Field
	if top != nil {
		top.Children = append(top.Children, Field{Name: "quic.short", Label: "QUIC Short Header", Start: q.off, Len: len(pkt)})
		sh = &top.Children[len(top.Children)-1]
		sh.Children = append(sh.Children,
			UintField("quic.header_form", "0... .... = Header Form: Short Header (0)", q.off, 1, 0),
			Field{Name: "quic.fixed_bit", Label: "." + string(rune('0'+pkt[0]>>6&1)) + ".. .... = Fixed Bit: " + boolWord(pkt[0]&0x40 != 0), Start: q.off, Len: 1, Kind: FieldBool, Num: uint64(pkt[0]>>6) & 1},
			Field{Name: "quic.spin_bit", Label: ".." + string(rune('0'+pkt[0]>>5&1)) + ". .... = Spin Bit: " + boolWord(pkt[0]&0x20 != 0), Start: q.off, Len: 1, Kind: FieldBool, Num: uint64(pkt[0]>>5) & 1})
	}
	if n > 0 && 1+n <= len(pkt) {
		id := pkt[1 : 1+n]
		q.out.AppendInfo("", ", DCID="+hex.EncodeToString(id))
		if sh != nil {
			sh.Label += " DCID=" + hex.EncodeToString(id)
			sh.Children = append(sh.Children, Field{Name: "quic.dcid", Label: "Destination Connection ID: " + hex.EncodeToString(id),
				Start: q.off + 1, Len: n, Kind: FieldBytes, Str: string(id)})
		}
	}
	if top != nil && 1+n < len(pkt) {
		top.Children = append(top.Children, Field{Name: "quic.remaining_payload", Label: "Remaining Payload: " + hexEllipsis(pkt[1+n:]),
			Start: q.off + 1 + n, Len: len(pkt) - 1 - n, Kind: FieldBytes})
	}
}

// quicFrameInfo is what a frame type adds to the Info column.
func quicFrameInfo(t uint64) string {
	switch {
	case t == 0x00:
		return "PADDING"
	case t == 0x01:
		return "PING"
	case t == 0x02:
		return "ACK"
	case t == 0x03:
		return "ACK_ECN"
	case t == 0x04:
		return "RS"
	case t == 0x05:
		return "SS"
	case t == 0x06:
		return "CRYPTO"
	case t == 0x07:
		return "NT"
	case t >= 0x08 && t <= 0x0f:
		return "STREAM"
	case t == 0x10:
		return "MD"
	case t == 0x11:
		return "MSD"
	case t == 0x12, t == 0x13:
		return "MS"
	case t == 0x14:
		return "DB"
	case t == 0x15:
		return "SDB"
	case t == 0x16, t == 0x17:
		return "SB"
	case t == 0x18:
		return "NCI"
	case t == 0x19:
		return "RC"
	case t == 0x1a:
		return "PC"
	case t == 0x1b:
		return "PR"
	case t == 0x1c, t == 0x1d:
		return "CC"
	case t == 0x1e:
		return "DONE"
	case t == 0x30, t == 0x31:
		return "DG"
	}
	return ""
}

// quicFrameNames is Wireshark's quic_frame_type_vals for the tree.
func quicFrameName(t uint64) string {
	switch {
	case t >= 0x08 && t <= 0x0f:
		return "STREAM"
	case t == 0x02, t == 0x03:
		return "ACK"
	case t == 0x12:
		return "MAX_STREAMS (BIDI)"
	case t == 0x13:
		return "MAX_STREAMS (UNI)"
	case t == 0x16:
		return "STREAMS_BLOCKED (BIDI)"
	case t == 0x17:
		return "STREAMS_BLOCKED (UNI)"
	case t == 0x1c:
		return "CONNECTION_CLOSE (Transport)"
	case t == 0x1d:
		return "CONNECTION_CLOSE (Application)"
	case t == 0x30, t == 0x31:
		return "DATAGRAM"
	}
	names := map[uint64]string{0: "PADDING", 1: "PING", 4: "RESET_STREAM", 5: "STOP_SENDING", 6: "CRYPTO", 7: "NEW_TOKEN",
		0x10: "MAX_DATA", 0x11: "MAX_STREAM_DATA", 0x14: "DATA_BLOCKED", 0x15: "STREAM_DATA_BLOCKED",
		0x18: "NEW_CONNECTION_ID", 0x19: "RETIRE_CONNECTION_ID", 0x1a: "PATH_CHALLENGE", 0x1b: "PATH_RESPONSE", 0x1e: "HANDSHAKE_DONE"}
	if s, ok := names[t]; ok {
		return s
	}
	return "Unknown"
}

// frames reads the frames of a decrypted Initial payload. at is where the
// payload starts in the packet: ciphertext and plaintext bytes line up
// (AES-GCM is a stream cipher), so the tree highlights the frames' bytes.
func (q *quicPacket) frames(b []byte, at int, top *Field) {
	gq := q.c.version.gquicTLS()
	for off, count := 0, 0; off < len(b) && count < quicMaxFrames; count++ {
		var t uint64
		var n int
		if gq {
			t, n = uint64(b[off]), 1
		} else {
			t, n = quicVarint(b[off:])
		}
		if n == 0 {
			return
		}
		start := off
		off += n
		var kids []Field
		name := quicFrameName(t)
		if gq {
			name = gquicFrameName(byte(t))
		}
		info := quicFrameInfo(t)
		ok := true
		if gq {
			info, off, ok = q.gquicTLSFrame(b, start, t, &kids, at)
		} else {
			off, ok = q.frame(b, off, t, &kids, at, &name)
		}
		if info != "" {
			q.out.AppendInfo("", ", "+info)
		}
		if top != nil {
			ft := "Frame Type: " + quicFrameName(t) + " (0x" + hex16(t) + ")"
			if gq {
				ft = "Frame Type: " + name + " (0x" + hex.EncodeToString([]byte{byte(t)}) + ")"
			}
			fr := Field{Name: "quic.frame", Label: name, Start: q.off + at + start, Len: min(off, len(b)) - start}
			fr.Children = append([]Field{UintField("quic.frame_type", ft, q.off+at+start, n, t)}, kids...)
			top.Children = append(top.Children, fr)
		}
		if !ok {
			return
		}
	}
}

func hex16(v uint64) string {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], v)
	return hex.EncodeToString(b[:])
}

// frame reads one IETF QUIC frame's body from off; false when it runs
// past the payload.
func (q *quicPacket) frame(b []byte, off int, t uint64, kids *[]Field, at int, name *string) (int, bool) {
	pos := func(o int) int { return q.off + at + o }
	vint := func(field, label string) (uint64, bool) {
		v, n := quicVarint(b[off:])
		if n == 0 {
			return 0, false
		}
		if q.out.WantTree {
			*kids = append(*kids, UintField(field, label+": "+strconv.FormatUint(v, 10), pos(off), n, v))
		}
		off += n
		return v, true
	}
	switch t {
	case 0x00: // runs of zero bytes are one PADDING frame, as in Wireshark
		end := off
		for end < len(b) && b[end] == 0 {
			end++
		}
		pad := end - off + 1
		*name = "PADDING Length: " + strconv.Itoa(pad)
		*kids = append(*kids, Field{Name: "quic.padding_length", Label: "Padding Length: " + strconv.Itoa(pad), Start: pos(off), Kind: FieldUint, Num: uint64(pad)})
		return end, true
	case 0x01, 0x1e:
		return off, true
	case 0x02, 0x03:
		for _, f := range [][2]string{{"quic.ack.largest_acknowledged", "Largest Acknowledged"}, {"quic.ack.ack_delay", "ACK Delay"}} {
			if _, ok := vint(f[0], f[1]); !ok {
				return off, false
			}
		}
		cnt, ok := vint("quic.ack.ack_range_count", "ACK Range Count")
		if !ok {
			return off, false
		}
		if _, ok := vint("quic.ack.first_ack_range", "First ACK Range"); !ok {
			return off, false
		}
		for i := uint64(0); i < cnt; i++ {
			if _, ok := vint("quic.ack.gap", "Gap"); !ok {
				return off, false
			}
			if _, ok := vint("quic.ack.ack_range", "ACK Range"); !ok {
				return off, false
			}
		}
		if t == 0x03 {
			for _, f := range [][2]string{{"quic.ack.ect0_count", "ECT(0) Count"}, {"quic.ack.ect1_count", "ECT(1) Count"}, {"quic.ack.ecn_ce_count", "ECN-CE Count"}} {
				if _, ok := vint(f[0], f[1]); !ok {
					return off, false
				}
			}
		}
		return off, true
	case 0x06:
		co, ok := vint("quic.crypto.offset", "Offset")
		if !ok {
			return off, false
		}
		cl, ok := vint("quic.crypto.length", "Length")
		if !ok || cl > uint64(len(b)-off) {
			return off, false
		}
		data := b[off : off+int(cl)]
		if q.out.WantTree {
			*kids = append(*kids, Field{Name: "quic.crypto.crypto_data", Label: "Crypto Data", Start: pos(off), Len: int(cl), Kind: FieldBytes})
		}
		if msg := q.c.crypto[b2i(q.fromServer)].add(co, data); msg != nil {
			at := -1
			if co == 0 && int(cl) >= len(msg) {
				at = pos(off)
			}
			tls, sni := quicTLSHandshakeFields(msg, at, q.out.WantTree)
			if sni != "" {
				q.out.NameFlow(sni)
			}
			if tls != nil {
				*kids = append(*kids, *tls)
			}
		}
		return off + int(cl), true
	case 0x1c, 0x1d:
		if _, ok := vint("quic.cc.error_code", "Error code"); !ok {
			return off, false
		}
		if t == 0x1c {
			if _, ok := vint("quic.cc.frame_type", "Frame Type"); !ok {
				return off, false
			}
		}
		rl, ok := vint("quic.cc.reason_phrase.length", "Reason phrase Length")
		if !ok || rl > uint64(len(b)-off) {
			return off, false
		}
		if q.out.WantTree {
			*kids = append(*kids, StrField("quic.cc.reason_phrase", "Reason phrase: "+Printable(string(b[off:off+int(rl)])), pos(off), int(rl), string(b[off:off+int(rl)])))
		}
		return off + int(rl), true
	case 0x07:
		tl, ok := vint("quic.nt.length", "(NT) Length")
		if !ok || tl > uint64(len(b)-off) {
			return off, false
		}
		return off + int(tl), true
	}
	// Other frames have no business in an Initial packet; their bodies
	// are not read, and the walk stops.
	return len(b), false
}

// gquicTLSFrame reads a gQUIC frame inside a Q050/T050/T051 Initial: the
// handshake travels in CRYPTO frames (type 0x08) with a varint offset and
// length; the rest of the payload is padding.
func (q *quicPacket) gquicTLSFrame(b []byte, start int, t uint64, kids *[]Field, at int) (string, int, bool) {
	off := start + 1
	if t != 0x08 {
		return "", len(b), false
	}
	co, n := quicVarint(b[off:])
	if n == 0 {
		return "CRYPTO", off, false
	}
	off += n
	cl, n := quicVarint(b[off:])
	if n == 0 || cl > uint64(len(b)-off-n) {
		return "CRYPTO", off, false
	}
	if q.out.WantTree {
		*kids = append(*kids, UintField("quic.crypto.offset", "Offset: "+strconv.FormatUint(co, 10), q.off+at+off-n-1, 1, co))
	}
	off += n
	data := b[off : off+int(cl)]
	if msg := q.c.crypto[b2i(q.fromServer)].add(co, data); msg != nil {
		tls, sni := quicTLSHandshakeFields(msg, -1, q.out.WantTree)
		if sni != "" {
			q.out.NameFlow(sni)
		}
		if tls != nil {
			*kids = append(*kids, *tls)
		}
	}
	return "CRYPTO", off + int(cl), true
}

func gquicFrameName(t byte) string {
	if t == 0x08 {
		return "CRYPTO"
	}
	return "Unknown"
}
