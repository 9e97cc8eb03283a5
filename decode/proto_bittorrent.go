package decode

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strconv"
)

// The BitTorrent peer wire protocol as Wireshark 4.0's bittorrent dissector
// shows it. tshark finds it on TCP ports 6881-6889 and, on any port, by an
// enabled-by-default heuristic: a segment of at least 20 bytes that starts
// with the handshake's "\x13BitTorrent protocol". The heuristic then sets
// the conversation's dissector (conversation_set_dissector), so both
// directions stay BitTorrent after the handshake, whatever their bytes.
//
// Messages are framed by a 4-byte length (get_bittorrent_pdu_length): a
// handshake is 68 bytes; a length of 0 is a keep-alive; a known type with a
// length that fits it (test_type_length: exact for the fixed-size messages,
// at most 0x4009 for Piece and Extended, 0x20000 for Bitfield and Choke,
// which may be an Azureus message) is 4+length bytes; anything else runs to
// the end of the bytes at hand and reads "Continuation data" (as does the
// obfuscated stream of Message Stream Encryption). Info gets each message's
// text and two spaces, the messages of one segment run together; a
// keep-alive reads "BitTorrent " (4.0 wants a type byte before it looks at
// the length).
// Hand-written: gopacket has no BitTorrent layer.

const btHandshakeLen = 1 + 19 + 8 + 20 + 20

var btProtocolName = []byte("\x13BitTorrent protocol")

// BitTorrent message types, with the numbers packet-bittorrent.c gives the
// Azureus messages it recognises by name (256 up).
const (
	btChoke, btUnchoke, btInterested, btNotInterested = 0, 1, 2, 3
	btHave, btBitfield, btRequest, btPiece, btCancel  = 4, 5, 6, 7, 8
	btPort                                            = 9
	btSuggest, btHaveAll, btHaveNone, btReject        = 13, 14, 15, 16
	btAllowedFast                                     = 17
	btExtended                                        = 20
	azHandshake, azKeepAlive, azBTHandshake           = 256, 257, 258
	azPeerExchange, azJPCHello, azJPCReply            = 259, 260, 261
)

var btMessageNames = map[uint16]string{
	btChoke: "Choke", btUnchoke: "Unchoke", btInterested: "Interested", btNotInterested: "Not Interested",
	btHave: "Have", btBitfield: "Bitfield", btRequest: "Request", btPiece: "Piece", btCancel: "Cancel",
	btPort: "Port", btSuggest: "Suggest Piece", btHaveAll: "Have All", btHaveNone: "Have None",
	btReject: "Reject Request", btAllowedFast: "Allowed Fast", btExtended: "Extended",
	azKeepAlive: "Keepalive", azHandshake: "Azureus Handshake", azBTHandshake: "Azureus BitTorrent Handshake",
	azPeerExchange: "Azureus Peer Exchange", azJPCHello: "Azureus PeerCache Hello", azJPCReply: "Azureus PeerCache Reply",
}

// btAMPNames are the Azureus Messaging Protocol's message names, carried in
// a message whose type byte is Choke's 0.
var btAMPNames = []struct {
	name string
	typ  uint16
}{
	{"BT_KEEP_ALIVE", azKeepAlive}, {"BT_CHOKE", btChoke}, {"BT_UNCHOKE", btUnchoke},
	{"BT_INTERESTED", btInterested}, {"BT_UNINTERESTED", btNotInterested}, {"BT_HAVE", btHave},
	{"BT_BITFIELD", btBitfield}, {"BT_REQUEST", btRequest}, {"BT_PIECE", btPiece}, {"BT_CANCEL", btCancel},
	{"BT_PORT", btPort}, {"BT_EXTENDED", btExtended}, {"AZ_HANDSHAKE", azHandshake},
	{"BT_HANDSHAKE", azBTHandshake}, {"AZ_PEER_EXCHANGE", azPeerExchange}, {"JPC_HELLO", azJPCHello},
	{"JPC_REPLY", azJPCReply},
}

var btPriorities = map[byte]string{0: "Low", 1: "Normal", 2: "High"}

// btTypeLengthOK is test_type_length: whether length suits a message of
// type typ.
func btTypeLengthOK(typ uint16, length uint32) bool {
	switch typ {
	case btUnchoke, btInterested, btNotInterested, btHaveAll, btHaveNone:
		return length == 1
	case btPort:
		return length == 3
	case btHave, btSuggest, btAllowedFast:
		return length == 5
	case btRequest, btCancel, btReject:
		return length == 13
	case btExtended, btPiece:
		return length <= 0x4009
	case btChoke, azHandshake, azKeepAlive, azBTHandshake, azPeerExchange, azJPCHello, azJPCReply, btBitfield:
		return length <= 0x20000
	}
	_, ok := btMessageNames[typ]
	return ok
}

func btIsHandshake(b []byte) bool {
	return len(b) >= len(btProtocolName) && bytes.Equal(b[:len(btProtocolName)], btProtocolName)
}

// btHeuristic is test_bittorrent_packet.
func btHeuristic(b []byte) bool { return btIsHandshake(b) }

// btPDULen is get_bittorrent_pdu_length; tcp_dissect_pdus asks once 4
// bytes are there. Where tshark takes "the rest of the buffer", that is
// every byte up to the end of the segment at hand, which the walker has
// given.
func btPDULen(_ *Conv, _ uint8, b []byte) int {
	if len(b) < 4 {
		return 0
	}
	if btIsHandshake(b) {
		return btHandshakeLen
	}
	length := binary.BigEndian.Uint32(b)
	if length == 0 {
		return 4
	}
	if len(b) > 4 && btTypeLengthOK(uint16(b[4]), length) {
		return 4 + int(length)
	}
	return len(b)
}

func btHex(name, label string, b []byte, off, n int) Field {
	// a message whose length says less than its header (only when the
	// dissector is handed bytes its framing would not cut so) has none
	n = max(0, min(n, len(b)-off))
	return Field{Name: name, Label: label + ": " + hexEllipsis(b[off:off+n]), Start: off, Len: n, Kind: FieldBytes, Str: string(b[off : off+n])}
}

func btDissect(p *PDU, out *Out) bool {
	b := p.Data
	out.SetProto("BitTorrent")
	top := Field{Name: "bittorrent", Label: "BitTorrent", Len: p.Len, Kind: FieldProto}
	info := "BitTorrent "
	malformed := false
	switch {
	case btIsHandshake(b) && len(b) >= btHandshakeLen:
		info = "Handshake"
		top.Children = []Field{
			UintField("bittorrent.protocol.name.length", "Protocol Name Length: 19", 0, 1, 19),
			StrField("bittorrent.protocol.name", "Protocol Name: BitTorrent protocol", 1, 19, "BitTorrent protocol"),
			btHex("bittorrent.reserved", "Reserved Extension Bytes", b, 20, 8),
			btHex("bittorrent.info_hash", "SHA1 Hash of info dictionary", b, 28, 20),
			btHex("bittorrent.peer_id", "Peer ID", b, 48, 20),
		}
	case len(b) >= 4:
		info, malformed = btMessage(b, p.Len, &top)
	}
	if malformed {
		out.AppendInfo("", info+malformedMark)
	} else {
		out.AppendInfo("", info+"  ")
	}
	if out.WantTree {
		out.Add(top)
	}
	return true
}

// btMessage reads one message (not a handshake) into top's children and
// returns its Info text and whether the message was too short for what
// its type promises (tshark's malformedMark).
func btMessage(b []byte, pduLen int, top *Field) (string, bool) {
	length := binary.BigEndian.Uint32(b)
	if len(b) < 5 {
		// a keep-alive (length 0), or a length alone at the end of the
		// bytes: tshark 4.0 looks for the type byte before it tells a
		// keep-alive, finds none in the 4-byte PDU and shows nothing
		return "BitTorrent ", false
	}
	typ := uint16(b[4])
	amp := false
	var typelen uint32
	if typ == btChoke && length > 4 {
		// a Choke has no payload: an Azureus Messaging Protocol message
		// names its type instead
		if len(b) < 8 {
			return "BitTorrent ", false
		}
		typelen = binary.BigEndian.Uint32(b[4:])
		if uint64(typelen)+5 <= uint64(length) {
			if uint64(len(b)) < 8+uint64(typelen)+1 {
				return "BitTorrent ", false
			}
			for _, m := range btAMPNames {
				if uint32(len(m.name)) == typelen && string(b[8:8+typelen]) == m.name {
					if prio := b[8+typelen]; prio <= 2 {
						typ, amp = m.typ, true
					}
					break
				}
			}
		}
	}
	name, ok := btMessageNames[typ]
	if !ok || !btTypeLengthOK(typ, length) {
		top.Children = append(top.Children, btHex("bittorrent.continuous_data", "Extended Message", b, 0, len(b)))
		return "Continuation data", false
	}
	msgLen := int(min(uint64(length)+4, uint64(pduLen)))
	msg := Field{Name: "bittorrent.msg", Label: "Message", Len: msgLen}
	if amp {
		msg.Name, msg.Label = "bittorrent.azureus_msg", "Azureus Message"
	}
	msg.Children = append(msg.Children, UintField("bittorrent.msg.length", "Message Length: "+strconv.FormatUint(uint64(length), 10), 0, 4, uint64(length)))
	off, rest := 4, int64(length)
	// line is the Message line's ": Len:N, Name", suffix the message's
	// own text after its name, which Info gets too
	var line, suffix string
	// need reports whether n bytes from off are in the message and the
	// captured bytes; tshark throws (Malformed) where they are not
	need := func(n int) bool { return int64(n) <= rest && off+n <= len(b) }
	if amp {
		at := string(b[8 : 8+typelen])
		prio := b[8+typelen]
		msg.Children = append(msg.Children,
			UintField("bittorrent.msg.typelen", "Message Type Length: "+strconv.FormatUint(uint64(typelen), 10), 4, 4, uint64(typelen)),
			StrField("bittorrent.msg.aztype", "Message Type: "+formatText([]byte(at)), 8, int(typelen), at),
			UintField("bittorrent.msg.prio", fmt.Sprintf("Message Priority: %s (%d)", btPriorities[prio], prio), 8+int(typelen), 1, uint64(prio)))
		line = fmt.Sprintf(": Len %d, %s", length, name)
		off += 4 + int(typelen) + 1
		rest -= 4 + int64(typelen) + 1
	} else {
		msg.Children = append(msg.Children, UintField("bittorrent.msg.type", fmt.Sprintf("Message Type: %s (%d)", name, typ), 4, 1, uint64(typ)))
		line = fmt.Sprintf(": Len:%d, %s", length, name)
		off++
		rest--
	}
	u32 := func(name, label string) (uint32, bool) {
		if !need(4) {
			return 0, false
		}
		v := binary.BigEndian.Uint32(b[off:])
		msg.Children = append(msg.Children, UintField(name, fmt.Sprintf("%s: 0x%08x", label, v), off, 4, uint64(v)))
		off += 4
		rest -= 4
		return v, true
	}
	msg.Label += line
	switch typ {
	case btRequest, btCancel, btReject:
		idx, ok1 := u32("bittorrent.piece.index", "Piece index")
		beg, ok2 := u32("bittorrent.piece.begin", "Begin offset of piece")
		ln, ok3 := u32("bittorrent.piece.length", "Piece Length")
		if !(ok1 && ok2 && ok3) {
			return btMalformed(top, &msg, name)
		}
		suffix = fmt.Sprintf(", Piece (Idx:0x%x,Begin:0x%x,Len:0x%x)", idx, beg, ln)
	case btPort:
		if !need(2) {
			return btMalformed(top, &msg, name)
		}
		v := binary.BigEndian.Uint16(b[off:])
		msg.Children = append(msg.Children, UintField("bittorrent.port", "Port: "+strconv.Itoa(int(v)), off, 2, uint64(v)))
	case btExtended:
		if !need(1) {
			return btMalformed(top, &msg, name)
		}
		id := b[off]
		msg.Children = append(msg.Children, UintField("bittorrent.extended.id", "Extended Message ID: "+strconv.Itoa(int(id)), off, 1, uint64(id)))
		off++
		rest--
		n := int(min(rest, int64(len(b)-off)))
		if id != 0 {
			msg.Children = append(msg.Children, btHex("bittorrent.extended", "Extended Message", b, off, n))
		} else if n > 0 {
			// the extension handshake: a bencoded dictionary
			msg.Children = append(msg.Children, bencodeFields(b[off:off+n], off)...)
		}
	case btHave, btSuggest, btAllowedFast:
		idx, ok := u32("bittorrent.piece.index", "Piece index")
		if !ok {
			return btMalformed(top, &msg, name)
		}
		suffix = fmt.Sprintf(", Piece (Idx:0x%x)", idx)
	case btBitfield:
		n := int(min(rest, int64(len(b)-off)))
		msg.Children = append(msg.Children, btHex("bittorrent.msg.bitfield", "Bitfield data", b, off, n))
		suffix = fmt.Sprintf(", Len:0x%x", rest)
	case btPiece:
		idx, ok1 := u32("bittorrent.piece.index", "Piece index")
		beg, ok2 := u32("bittorrent.piece.begin", "Begin offset of piece")
		if !(ok1 && ok2) {
			return btMalformed(top, &msg, name)
		}
		n := int(min(rest, int64(len(b)-off)))
		msg.Children = append(msg.Children, btHex("bittorrent.piece.data", "Data in a piece", b, off, n))
		suffix = fmt.Sprintf(", Idx:0x%x,Begin:0x%x,Len:0x%x", idx, beg, rest)
	case azHandshake, azPeerExchange:
		if n := int(min(rest, int64(len(b)-off))); n > 0 {
			msg.Children = append(msg.Children, bencodeFields(b[off:off+n], off)...)
		}
	case azJPCHello:
		sl, ok := u32("bittorrent.jpc.addr.length", "Cache Address Length")
		if !ok || !need(int(min(sl, 1<<20))+8) {
			return btMalformed(top, &msg, name)
		}
		msg.Children[len(msg.Children)-1].Label = "Cache Address Length: " + strconv.FormatUint(uint64(sl), 10)
		a := b[off : off+int(sl)]
		msg.Children = append(msg.Children, StrField("bittorrent.jpc.addr", "Cache Address: "+formatText(a), off, int(sl), string(a)))
		off += int(sl)
		port := binary.BigEndian.Uint32(b[off:])
		msg.Children = append(msg.Children, UintField("bittorrent.jpc.port", "Port: "+strconv.FormatUint(uint64(port), 10), off, 4, uint64(port)))
		off += 4
		u32("bittorrent.jpc.session", "Session ID")
	case azJPCReply:
		if _, ok := u32("bittorrent.jpc.session", "Session ID"); !ok {
			return btMalformed(top, &msg, name)
		}
	}
	msg.Label += suffix
	top.Children = append(top.Children, msg)
	return name + suffix, false
}

// btMalformed ends a message whose bytes ran out before its fields did.
func btMalformed(top *Field, msg *Field, name string) (string, bool) {
	top.Children = append(top.Children, *msg)
	return name, true
}

var btDissector = &Dissector{
	Name:      "bittorrent",
	Dissect:   btDissect,
	PDULen:    btPDULen,
	Heuristic: btHeuristic,
	Fields: append([]FieldDef{
		{Name: "bittorrent", Desc: "BitTorrent", Kind: FieldProto},
		{Name: "bittorrent.protocol.name.length", Desc: "Protocol Name Length", Kind: FieldUint, Bits: 8},
		{Name: "bittorrent.protocol.name", Desc: "Protocol Name", Kind: FieldString},
		{Name: "bittorrent.reserved", Desc: "Reserved Extension Bytes", Kind: FieldBytes},
		{Name: "bittorrent.info_hash", Desc: "SHA1 Hash of info dictionary", Kind: FieldBytes},
		{Name: "bittorrent.peer_id", Desc: "Peer ID", Kind: FieldBytes},
		{Name: "bittorrent.msg", Desc: "Message", Kind: FieldLabel},
		{Name: "bittorrent.msg.length", Desc: "Message Length", Kind: FieldUint, Bits: 32},
		{Name: "bittorrent.msg.type", Desc: "Message Type", Kind: FieldUint, Bits: 8},
		{Name: "bittorrent.azureus_msg", Desc: "Azureus Message", Kind: FieldLabel},
		{Name: "bittorrent.msg.typelen", Desc: "Message Type Length", Kind: FieldUint, Bits: 32},
		{Name: "bittorrent.msg.aztype", Desc: "Message Type", Kind: FieldString},
		{Name: "bittorrent.msg.prio", Desc: "Message Priority", Kind: FieldUint, Bits: 8},
		{Name: "bittorrent.msg.bitfield", Desc: "Bitfield data", Kind: FieldBytes},
		{Name: "bittorrent.piece.index", Desc: "Piece index", Kind: FieldUint, Bits: 32},
		{Name: "bittorrent.piece.begin", Desc: "Begin offset of piece", Kind: FieldUint, Bits: 32},
		{Name: "bittorrent.piece.data", Desc: "Data in a piece", Kind: FieldBytes},
		{Name: "bittorrent.piece.length", Desc: "Piece Length", Kind: FieldUint, Bits: 32},
		{Name: "bittorrent.jpc.addr.length", Desc: "Cache Address Length", Kind: FieldUint, Bits: 32},
		{Name: "bittorrent.jpc.addr", Desc: "Cache Address", Kind: FieldString},
		{Name: "bittorrent.jpc.port", Desc: "Port", Kind: FieldUint, Bits: 32},
		{Name: "bittorrent.jpc.session", Desc: "Session ID", Kind: FieldUint, Bits: 32},
		{Name: "bittorrent.port", Desc: "Port", Kind: FieldUint, Bits: 16},
		{Name: "bittorrent.extended.id", Desc: "Extended Message ID", Kind: FieldUint, Bits: 8},
		{Name: "bittorrent.extended", Desc: "Extended Message", Kind: FieldBytes},
		{Name: "bittorrent.continuous_data", Desc: "Extended Message", Kind: FieldBytes},
	}, bencodeFieldDefs...),
}

func init() {
	RegisterTCP(btDissector, 6881, 6882, 6883, 6884, 6885, 6886, 6887, 6888, 6889)
}
