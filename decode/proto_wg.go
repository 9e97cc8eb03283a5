package decode

import (
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"strconv"
)

// WireGuard as Wireshark 4.0's packet-wireguard.c shows it without keys:
// a UDP heuristic (enabled by default, on any port) that takes a datagram
// whose first byte is a message type 1-4 and whose length is the type's
// (148 for a Handshake Initiation, 92 for a Handshake Response, 64 for a
// Cookie Reply, at least 32 for Transport Data, exactly 32 being a
// Keepalive). The three reserved bytes after the type must be zero in
// Cookie Replies and Transport Data only: Cloudflare's implementation uses
// them in handshakes for load balancing. A Handshake Initiation makes the
// UDP conversation WireGuard's from then on (conversation_set_dissector),
// so its later messages are taken whatever their reserved bytes. Info is
// the message type and the indexes and counter it carries
// ("Transport Data, receiver=0x7340D2CB, counter=1, datalen=96"). Without
// keys nothing is decrypted; the session index (wg.stream), which numbers
// the Initiations of the whole capture, and an Initiation's link to the
// Response that a later frame brings (wg.response_in) are not given.
// Hand-written: gopacket has no WireGuard layer.

// wgType is a WireGuard message type (the first byte).
type wgType uint8

const (
	wgInitiation wgType = 1
	wgResponse   wgType = 2
	wgCookie     wgType = 3
	wgData       wgType = 4
)

// Message lengths (the WireGuard paper, section 5.4): fixed for handshake
// messages; Transport Data is a 16-byte header and an encrypted packet of
// at least its 16-byte authentication tag.
const (
	wgInitiationLen = 148
	wgResponseLen   = 92
	wgCookieLen     = 64
	wgDataHeaderLen = 16
	wgTagLen        = 16
	wgDataMinLen    = wgDataHeaderLen + wgTagLen
)

var wgTypeNames = [...]string{wgInitiation: "Handshake Initiation", wgResponse: "Handshake Response",
	wgCookie: "Cookie Reply", wgData: "Transport Data"}

// wgMaxInits bounds the Initiations a conversation remembers for linking
// Responses and Cookie Replies to them.
const wgMaxInits = 16

// wgConv is what a WireGuard conversation keeps: that an Initiation made it
// WireGuard's, and its recent Initiations.
type wgConv struct {
	claimed bool
	inits   []wgInit
}

// wgInit is one whole Initiation: its sender index, 0-based frame and
// direction in the conversation, and whether a Response or Cookie Reply
// answered it.
type wgInit struct {
	sender   uint32
	frame    int
	dir      uint8
	answered bool
}

// wgLenOK reports whether a datagram of n bytes (its length by the UDP
// header) has the length of a message of type t
// (wg_is_valid_message_length).
func wgLenOK(t wgType, n int) bool {
	switch t {
	case wgInitiation:
		return n == wgInitiationLen
	case wgResponse:
		return n == wgResponseLen
	case wgCookie:
		return n == wgCookieLen
	case wgData:
		return n >= wgDataMinLen
	}
	return false
}

// wgHeuristic is the check on the captured bytes alone, cheap for the
// datagrams that are not WireGuard: a message type and, for the fixed-size
// messages, no more bytes than the type has (fewer when the capture cut
// the datagram); reserved bytes zero where the heuristic wants them. Dissect
// checks the datagram's whole length.
func wgHeuristic(b []byte) bool {
	if len(b) < 4 || b[0]-1 > 3 {
		return false
	}
	switch wgType(b[0]) {
	case wgInitiation:
		return len(b) <= wgInitiationLen
	case wgResponse:
		return len(b) <= wgResponseLen
	case wgCookie:
		return len(b) <= wgCookieLen && b[1]|b[2]|b[3] == 0
	}
	return b[1]|b[2]|b[3] == 0
}

// wgReader adds a message's fields in order until the captured bytes end,
// when, as Wireshark's exception does, Info gets the cut mark and nothing
// more is read.
type wgReader struct {
	b    []byte
	out  *Out
	kids []Field
	cut  bool
}

// has reports whether bytes [off, off+n) were captured, marking the cut the
// first time they were not.
func (r *wgReader) has(off, n int) bool {
	if r.cut {
		return false
	}
	if off+n > len(r.b) {
		r.cut = true
		r.out.AppendInfo("", capCut)
		return false
	}
	return true
}

// index reads a 32-bit sender or receiver index (little-endian) into Info
// and the tree.
func (r *wgReader) index(name, label, info string, off int) (uint32, bool) {
	if !r.has(off, 4) {
		return 0, false
	}
	v := binary.LittleEndian.Uint32(r.b[off:])
	r.out.AppendInfo("", ", "+info+"=0x"+wgHex(v, true))
	if r.out.WantTree {
		r.kids = append(r.kids, UintField(name, label+": 0x"+wgHex(v, false), off, 4, uint64(v)))
	}
	return v, true
}

// bytes adds a field of n raw bytes shown in hex.
func (r *wgReader) bytes(name, label string, off, n int) bool {
	if !r.has(off, n) {
		return false
	}
	if r.out.WantTree {
		v := r.b[off : off+n]
		r.kids = append(r.kids, Field{Name: name, Label: label + ": " + hex.EncodeToString(v), Start: off, Len: n,
			Kind: FieldBytes, Str: string(v)})
	}
	return true
}

// none adds a field without a value (Wireshark's FT_NONE: the encrypted
// parts).
func (r *wgReader) none(name, label string, off, n int) bool {
	if !r.has(off, n) {
		return false
	}
	if r.out.WantTree {
		r.kids = append(r.kids, Field{Name: name, Label: label, Start: off, Len: n})
	}
	return true
}

// ephemeral adds an ephemeral public key, shown in base64, and that its
// private key is not known (ladder takes no keys).
func (r *wgReader) ephemeral(off int) bool {
	if !r.has(off, 32) {
		return false
	}
	if r.out.WantTree {
		k := base64.StdEncoding.EncodeToString(r.b[off : off+32])
		f := StrField("wg.ephemeral", "Ephemeral: "+k, off, 32, k)
		f.Children = []Field{{Name: "wg.ephemeral.known_privkey", Label: "Has Private Key: False", Kind: FieldBool}}
		r.kids = append(r.kids, f)
	}
	return true
}

// wgHex is v as eight hex digits, upper case for Info (%08X), lower for the
// tree (BASE_HEX).
func wgHex(v uint32, upper bool) string {
	digits := "0123456789abcdef"
	if upper {
		digits = "0123456789ABCDEF"
	}
	var s [8]byte
	for i := 7; i >= 0; i-- {
		s[i] = digits[v&0xf]
		v >>= 4
	}
	return string(s[:])
}

// answer finds the latest unanswered Initiation with sender index id that
// the other peer of the conversation sent, and marks it answered
// (wg_sessions_lookup_initiation).
func (st *wgConv) answer(id uint32, dir uint8) (wgInit, bool) {
	if st == nil {
		return wgInit{}, false
	}
	for i := len(st.inits) - 1; i >= 0; i-- {
		if in := &st.inits[i]; in.sender == id && in.dir != dir && !in.answered {
			in.answered = true
			return *in, true
		}
	}
	return wgInit{}, false
}

func wgDissect(p *PDU, out *Out) bool {
	b := p.Data
	if len(b) < 4 {
		return false
	}
	t := wgType(b[0])
	if !wgLenOK(t, p.Len) {
		return false
	}
	var st *wgConv
	if p.Conv != nil {
		st, _ = p.Conv.State.(*wgConv)
	}
	if (t == wgCookie || t == wgData) && b[1]|b[2]|b[3] != 0 && (st == nil || !st.claimed) {
		return false
	}
	if t == wgInitiation && p.Conv != nil {
		if st == nil {
			st = &wgConv{}
			p.Conv.State = st
		}
		st.claimed = true
	}
	name := wgTypeNames[t]
	if t == wgData && p.Len == wgDataMinLen {
		name = "Keepalive"
	}
	out.SetProto("WireGuard")
	out.SetInfo(name)
	r := &wgReader{b: b, out: out}
	if out.WantTree {
		r.kids = make([]Field, 0, 10)
		r.kids = append(r.kids,
			UintField("wg.type", "Type: "+wgTypeNames[t]+" ("+strconv.Itoa(int(t))+")", 0, 1, uint64(t)),
			Field{Name: "wg.reserved", Label: "Reserved: " + hex.EncodeToString(b[1:4]), Start: 1, Len: 3,
				Kind: FieldBytes, Str: string(b[1:4])})
	}
	var respTo wgInit
	linked := false
	switch t {
	case wgInitiation:
		sender, ok := r.index("wg.sender", "Sender", "sender", 4)
		if ok && r.ephemeral(8) && r.none("wg.encrypted_static", "Encrypted Static", 40, 32+wgTagLen) &&
			r.none("wg.encrypted_timestamp", "Encrypted Timestamp", 88, 12+wgTagLen) &&
			r.bytes("wg.mac1", "mac1", 116, 16) && r.bytes("wg.mac2", "mac2", 132, 16) && st != nil {
			if len(st.inits) == wgMaxInits {
				st.inits = append(st.inits[:0], st.inits[1:]...)
			}
			st.inits = append(st.inits, wgInit{sender: sender, frame: p.Frame, dir: p.Dir})
		}
	case wgResponse:
		if _, ok := r.index("wg.sender", "Sender", "sender", 4); !ok {
			break
		}
		receiver, ok := r.index("wg.receiver", "Receiver", "receiver", 8)
		if ok && r.ephemeral(12) && r.none("wg.encrypted_empty", "Encrypted Empty", 44, wgTagLen) &&
			r.bytes("wg.mac1", "mac1", 60, 16) && r.bytes("wg.mac2", "mac2", 76, 16) {
			respTo, linked = st.answer(receiver, p.Dir)
		}
	case wgCookie:
		receiver, ok := r.index("wg.receiver", "Receiver", "receiver", 4)
		if ok && r.bytes("wg.nonce", "Nonce", 8, 24) && r.bytes("wg.encrypted_cookie", "Encrypted Cookie", 32, 16+wgTagLen) {
			respTo, linked = st.answer(receiver, p.Dir)
		}
	case wgData:
		wgDissectData(r)
	}
	if !out.WantTree {
		return true
	}
	if linked {
		r.kids = append(r.kids, UintField("wg.response_to", "Response to Frame: "+strconv.Itoa(respTo.frame+1), 0, 0,
			uint64(respTo.frame+1)))
	}
	out.Add(Field{Name: "wg", Label: "WireGuard Protocol", Start: 0, Len: len(b), Kind: FieldProto, Children: r.kids})
	return true
}

// wgDissectData reads a Transport Data message's receiver and counter and
// sizes its encrypted packet by the bytes captured, as wg_dissect_data
// does: a packet shorter than its authentication tag is marked, one of
// just the tag is a Keepalive, a longer one adds its data length to Info.
func wgDissectData(r *wgReader) {
	if _, ok := r.index("wg.receiver", "Receiver", "receiver", 4); !ok || !r.has(8, 8) {
		return
	}
	counter := binary.LittleEndian.Uint64(r.b[8:])
	r.out.AppendInfo("", ", counter="+strconv.FormatUint(counter, 10))
	plen := len(r.b) - wgDataHeaderLen
	if plen >= wgTagLen && plen != wgTagLen {
		r.out.AppendInfo("", ", datalen="+strconv.Itoa(plen-wgTagLen))
	}
	if !r.out.WantTree {
		return
	}
	r.kids = append(r.kids, UintField("wg.counter", "Counter: "+strconv.FormatUint(counter, 10), 8, 8, counter))
	switch {
	case plen < wgTagLen:
		const msg = "Packet length is too small"
		r.kids = append(r.kids, Field{Label: msg, Start: wgDataHeaderLen, Len: plen, Children: []Field{
			{Name: "_ws.expert", Label: "Expert Info (Error/Malformed): " + msg, Start: wgDataHeaderLen,
				Children: []Field{{Name: "wg.bad_packet_length", Label: msg}}},
			{Name: "_ws.malformed", Label: "Malformed Packet", Start: wgDataHeaderLen, Kind: FieldProto},
		}})
	case plen == wgTagLen:
		const msg = "This is a Keepalive message"
		r.kids = append(r.kids, Field{Name: "wg.encrypted_packet", Label: "Encrypted Packet", Start: wgDataHeaderLen, Len: plen,
			Children: []Field{{Name: "_ws.expert", Label: "Expert Info (Chat/Sequence): " + msg, Start: wgDataHeaderLen,
				Children: []Field{{Name: "wg.keepalive", Label: msg}}}}})
	default:
		r.kids = append(r.kids, Field{Name: "wg.encrypted_packet", Label: "Encrypted Packet", Start: wgDataHeaderLen, Len: plen})
	}
}

var wgDissector = &Dissector{
	Name:      "wg",
	Dissect:   wgDissect,
	Heuristic: wgHeuristic,
	Fields: []FieldDef{
		{Name: "wg.type", Desc: "Type", Kind: FieldUint, Bits: 8},
		{Name: "wg.reserved", Desc: "Reserved", Kind: FieldBytes},
		{Name: "wg.sender", Desc: "Sender", Kind: FieldUint, Bits: 32},
		{Name: "wg.ephemeral", Desc: "Ephemeral", Kind: FieldString},
		{Name: "wg.ephemeral.known_privkey", Desc: "Has Private Key", Kind: FieldBool},
		{Name: "wg.encrypted_static", Desc: "Encrypted Static", Kind: FieldLabel},
		{Name: "wg.encrypted_timestamp", Desc: "Encrypted Timestamp", Kind: FieldLabel},
		{Name: "wg.mac1", Desc: "mac1", Kind: FieldBytes},
		{Name: "wg.mac2", Desc: "mac2", Kind: FieldBytes},
		{Name: "wg.receiver", Desc: "Receiver", Kind: FieldUint, Bits: 32},
		{Name: "wg.encrypted_empty", Desc: "Encrypted Empty", Kind: FieldLabel},
		{Name: "wg.nonce", Desc: "Nonce", Kind: FieldBytes},
		{Name: "wg.encrypted_cookie", Desc: "Encrypted Cookie", Kind: FieldBytes},
		{Name: "wg.counter", Desc: "Counter", Kind: FieldUint, Bits: 64},
		{Name: "wg.encrypted_packet", Desc: "Encrypted Packet", Kind: FieldLabel},
		{Name: "wg.response_to", Desc: "Response to Frame", Kind: FieldUint, Bits: 32},
		{Name: "wg.keepalive", Desc: "This is a Keepalive message", Kind: FieldLabel},
		{Name: "wg.bad_packet_length", Desc: "Packet length is too small", Kind: FieldLabel},
	},
}

func init() {
	RegisterUDP(wgDissector)
}
