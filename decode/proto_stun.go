package decode

import (
	"encoding/binary"
	"net/netip"
	"strconv"
	"strings"
)

// STUN (RFC 5389/8489, TURN's RFC 8656) on port 3478 and, found by its
// magic cookie, on any UDP port (WebRTC, ICE); CLASSIC-STUN (RFC 3489,
// no cookie) on port 3478. Info as Wireshark 4.0's packet-stun.c: method and
// class ("Binding Success Response") followed by what the attributes say
// (addresses, " user: ...", " realm: ...", " with nonce", error codes,
// lifetimes, the requested transport). Hand-written: gopacket has no STUN
// layer.

const stunPort = 3478

// stunHeaderLen is the message header: type, length, cookie and
// transaction ID (RFC 5389 6).
const stunHeaderLen = 20

// stunMagicCookie marks RFC 5389 messages.
const stunMagicCookie = 0x2112a442

// stunMaxAttrs bounds the attributes read from one message.
const stunMaxAttrs = 128

// Attributes the Info column shows.
const (
	stunAttrMappedAddress      = 0x0001
	stunAttrUsername           = 0x0006
	stunAttrErrorCode          = 0x0009
	stunAttrLifetime           = 0x000d
	stunAttrXorPeerAddress     = 0x0012
	stunAttrRealm              = 0x0014
	stunAttrNonce              = 0x0015
	stunAttrXorRelayedAddress  = 0x0016
	stunAttrRequestedTransport = 0x0019
	stunAttrXorMappedAddress   = 0x0020
	stunAttrAlternateServer    = 0x8023
	stunAttrResponseOrigin     = 0x802b
	stunAttrOtherAddress       = 0x802c
)

var stunMethods = map[uint16]string{0x001: "Binding", 0x002: "SharedSecret", 0x003: "Allocate", 0x004: "Refresh",
	0x006: "Send", 0x007: "Data", 0x008: "CreatePermission", 0x009: "Channel-Bind", 0x00a: "Connect",
	0x00b: "ConnectionBind", 0x00c: "ConnectionAttempt"}

var stunClasses = [4]string{"Request", "Indication", "Success Response", "Error Response"}

var stunAttrs = map[uint16]string{0x0001: "MAPPED-ADDRESS", 0x0002: "RESPONSE-ADDRESS", 0x0003: "CHANGE-REQUEST",
	0x0004: "SOURCE-ADDRESS", 0x0005: "CHANGED-ADDRESS", 0x0006: "USERNAME", 0x0007: "PASSWORD",
	0x0008: "MESSAGE-INTEGRITY", 0x0009: "ERROR-CODE", 0x000a: "UNKNOWN-ATTRIBUTES", 0x000b: "REFLECTED-FROM",
	0x000c: "CHANNEL-NUMBER", 0x000d: "LIFETIME", 0x0012: "XOR-PEER-ADDRESS", 0x0013: "DATA", 0x0014: "REALM",
	0x0015: "NONCE", 0x0016: "XOR-RELAYED-ADDRESS", 0x0017: "REQUESTED-ADDRESS-FAMILY", 0x0018: "EVEN-PORT",
	0x0019: "REQUESTED-TRANSPORT", 0x001a: "DONT-FRAGMENT", 0x0020: "XOR-MAPPED-ADDRESS",
	0x0022: "RESERVATION-TOKEN", 0x0024: "PRIORITY", 0x0025: "USE-CANDIDATE", 0x8022: "SOFTWARE",
	0x8023: "ALTERNATE-SERVER", 0x8028: "FINGERPRINT", 0x8029: "ICE-CONTROLLED", 0x802a: "ICE-CONTROLLING",
	0x802b: "RESPONSE-ORIGIN", 0x802c: "OTHER-ADDRESS"}

// stunErrors names error codes as tshark 4.0 does (RFC 5389 15.6, RFC 8656).
var stunErrors = map[int]string{300: "Try Alternate", 400: "Bad Request", 401: "Unauthenticated", 403: "Forbidden",
	405: "Mobility Forbidden", 420: "Unknown Attribute", 437: "Allocation Mismatch", 438: "Stale Nonce",
	440: "Address Family not Supported", 441: "Wrong Credentials", 442: "Unsupported Transport Protocol",
	443: "Peer Address Family Mismatch", 446: "Connection Already Exists", 447: "Connection Timeout or Failure",
	486: "Allocation Quota Reached", 487: "Role Conflict", 500: "Server Error", 508: "Insufficient Port Capacity"}

// classicSTUNTypes are RFC 3489's message types.
var classicSTUNTypes = map[uint16]string{0x0001: "Binding Request", 0x0101: "Binding Response",
	0x0111: "Binding Error Response", 0x0002: "Shared Secret Request", 0x0102: "Shared Secret Response",
	0x0112: "Shared Secret Error Response"}

var stunDissector = &Dissector{Name: "stun", Dissect: dissectSTUN, PDULen: stunPDULen, Heuristic: stunHeuristic,
	Fields: []FieldDef{
		{"stun.type", "Message Type", FieldUint, 16},
		{"stun.length", "Message Length", FieldUint, 16},
		{"stun.cookie", "Message Cookie", FieldBytes, 0},
		{"stun.id", "Message Transaction ID", FieldBytes, 0},
		{"stun.attribute", "Attribute", FieldUint, 16},
		{"stun.att.length", "Attribute Length", FieldUint, 16},
		{"stun.att.port", "Port", FieldUint, 16},
		{"stun.att.ipv4", "IP", FieldIPv4, 0},
		{"classicstun.type", "Message Type (classic STUN)", FieldUint, 16},
		{"classicstun.length", "Message Length (classic STUN)", FieldUint, 16},
		{"classicstun.id", "Message Transaction ID (classic STUN)", FieldBytes, 0},
	}}

func init() {
	RegisterUDP(stunDissector, stunPort)
	RegisterTCP(stunDissector, stunPort)
}

// stunHeuristic claims a datagram on any port that is a whole RFC 5389
// message: top bits clear, the magic cookie, and a length that is a
// multiple of four and fits.
func stunHeuristic(b []byte) bool {
	if len(b) < stunHeaderLen || b[0]&0xc0 != 0 || binary.BigEndian.Uint32(b[4:]) != stunMagicCookie {
		return false
	}
	l := int(binary.BigEndian.Uint16(b[2:]))
	return l%4 == 0 && stunHeaderLen+l == len(b)
}

// stunPDULen delimits STUN over TCP (RFC 5389 7.2.2: messages back to back).
func stunPDULen(_ *Conv, _ uint8, b []byte) int {
	if len(b) < 4 {
		return 0
	}
	if b[0]&0xc0 != 0 {
		return -1
	}
	return stunHeaderLen + int(binary.BigEndian.Uint16(b[2:]))
}

func dissectSTUN(p *PDU, out *Out) bool {
	b := p.Data
	if len(b) < stunHeaderLen || b[0]&0xc0 != 0 {
		return false
	}
	mt, l := binary.BigEndian.Uint16(b), int(binary.BigEndian.Uint16(b[2:]))
	if stunHeaderLen+l > len(b) {
		return false
	}
	b = b[:stunHeaderLen+l]
	if binary.BigEndian.Uint32(b[4:]) != stunMagicCookie {
		return dissectClassicSTUN(b, mt, l, out)
	}
	method := mt&0x000f | mt>>1&0x0070 | mt>>2&0x0f80
	class := mt>>4&1 | mt>>7&2
	mname, ok := stunMethods[method]
	if !ok {
		mname = "Unknown"
	}
	head := mname + " " + stunClasses[class]
	var info strings.Builder
	info.WriteString(head)
	var attrs []Field
	for off, n := stunHeaderLen, 0; off+4 <= len(b) && n < stunMaxAttrs; n++ {
		at, al := binary.BigEndian.Uint16(b[off:]), int(binary.BigEndian.Uint16(b[off+2:]))
		if off+4+al > len(b) {
			break
		}
		v := b[off+4 : off+4+al]
		label := stunAttrInfo(&info, at, v, b[4:stunHeaderLen])
		if out.WantTree {
			attrs = append(attrs, stunAttrField(at, off, v, label))
		}
		off += 4 + (al+3)&^3
	}
	out.SetProto("STUN")
	out.SetInfo(info.String())
	if !out.WantTree {
		return true
	}
	top := Field{Name: "stun", Label: "Session Traversal Utilities for NAT", Kind: FieldProto, Start: 0, Len: len(b)}
	top.Children = []Field{
		UintField("stun.type", "Message Type: 0x"+hexWord(mt)+" ("+head+")", 0, 2, uint64(mt)),
		UintField("stun.length", "Message Length: "+strconv.Itoa(l), 2, 2, uint64(l)),
		{Name: "stun.cookie", Label: "Message Cookie: " + hexString(b[4:8]), Start: 4, Len: 4, Kind: FieldBytes, Str: string(b[4:8])},
		{Name: "stun.id", Label: "Message Transaction ID: " + hexString(b[8:20]), Start: 8, Len: 12, Kind: FieldBytes, Str: string(b[8:20])},
	}
	if len(attrs) > 0 {
		top.Children = append(top.Children, Field{Name: "stun.attributes", Label: "Attributes", Start: stunHeaderLen,
			Len: l, Children: attrs})
	}
	out.Add(top)
	return true
}

// stunAddr reads an address attribute's value ("136.56.4.69:52380"),
// undoing the XOR of the XOR-* attributes with the cookie and transaction
// ID (RFC 5389 15.2).
func stunAddr(v, key []byte, xor bool) (netip.Addr, uint16, bool) {
	if len(v) < 4 {
		return netip.Addr{}, 0, false
	}
	port := binary.BigEndian.Uint16(v[2:])
	var a [16]byte
	n := 4
	switch v[1] {
	case 1:
	case 2:
		n = 16
	default:
		return netip.Addr{}, 0, false
	}
	if len(v) < 4+n {
		return netip.Addr{}, 0, false
	}
	copy(a[:n], v[4:4+n])
	if xor {
		port ^= stunMagicCookie >> 16
		for i := 0; i < n; i++ {
			a[i] ^= key[i]
		}
	}
	if n == 4 {
		return netip.AddrFrom4([4]byte(a[:4])), port, true
	}
	return netip.AddrFrom16(a), port, true
}

// stunAttrInfo appends what Wireshark's Info column says about one
// attribute and returns the attribute's tree label.
func stunAttrInfo(info *strings.Builder, at uint16, v, key []byte) string {
	name, ok := stunAttrs[at]
	if !ok {
		name = "Unknown"
	}
	switch at {
	case stunAttrMappedAddress, stunAttrAlternateServer, stunAttrResponseOrigin, stunAttrOtherAddress,
		stunAttrXorMappedAddress, stunAttrXorPeerAddress, stunAttrXorRelayedAddress:
		xor := at == stunAttrXorMappedAddress || at == stunAttrXorPeerAddress || at == stunAttrXorRelayedAddress
		if a, port, ok := stunAddr(v, key, xor); ok {
			s := name + ": " + a.String() + ":" + strconv.Itoa(int(port))
			info.WriteString(" " + s)
			return s
		}
	case stunAttrUsername:
		// Wireshark writes the name's control bytes to the column as they
		// are; ladder escapes them for the terminal
		info.WriteString(" user: " + Printable(string(v)))
	case stunAttrRealm:
		info.WriteString(" realm: " + Printable(string(v)))
	case stunAttrNonce:
		info.WriteString(" with nonce")
	case stunAttrErrorCode:
		if len(v) >= 4 {
			code := int(v[2]&7)*100 + int(v[3])
			en, ok := stunErrors[code]
			if !ok {
				en = "*Unknown error code*"
			}
			info.WriteString(" error-code: " + strconv.Itoa(code) + " (" + en + ") " + Printable(string(v[4:])))
		}
	case stunAttrLifetime:
		if len(v) >= 4 {
			info.WriteString(" lifetime: " + strconv.FormatUint(uint64(binary.BigEndian.Uint32(v)), 10))
		}
	case stunAttrRequestedTransport:
		if len(v) >= 1 {
			switch v[0] {
			case ProtoUDP:
				info.WriteString(" UDP")
			case ProtoTCP:
				info.WriteString(" TCP")
			}
		}
	}
	return name
}

// stunAttrField is one attribute's tree line.
func stunAttrField(at uint16, off int, v []byte, label string) Field {
	f := UintField("stun.attribute", label, off, 4+len(v), uint64(at))
	if !strings.Contains(label, ": ") {
		// tshark's own spelling of other attributes' names differs in
		// places (CHANGE_REQUEST): only address lines carry the field
		f.Name, f.Kind = "", FieldLabel
	}
	f.Children = []Field{UintField("stun.att.length", "Attribute Length: "+strconv.Itoa(len(v)), off+2, 2, uint64(len(v)))}
	if at == stunAttrMappedAddress && len(v) == 8 && v[1] == 1 {
		port := binary.BigEndian.Uint16(v[2:])
		f.Children = append(f.Children,
			UintField("stun.att.port", "Port: "+strconv.Itoa(int(port)), off+6, 2, uint64(port)),
			Field{Name: "stun.att.ipv4", Label: "IP: " + netip.AddrFrom4([4]byte(v[4:8])).String(), Start: off + 8, Len: 4,
				Kind: FieldIPv4, Num: uint64(binary.BigEndian.Uint32(v[4:]))})
	}
	return f
}

// dissectClassicSTUN reads an RFC 3489 message (no magic cookie), which
// Wireshark names CLASSIC-STUN with Info "Message: Binding Request".
func dissectClassicSTUN(b []byte, mt uint16, l int, out *Out) bool {
	name, ok := classicSTUNTypes[mt]
	if !ok {
		return false
	}
	out.SetProto("CLASSIC-STUN")
	out.SetInfo("Message: " + name)
	if !out.WantTree {
		return true
	}
	out.Add(Field{Name: "classicstun", Label: "Simple Traversal of UDP Through NAT", Kind: FieldProto, Start: 0, Len: len(b),
		Children: []Field{
			UintField("classicstun.type", "Message Type: "+name+" (0x"+hexWord(mt)+")", 0, 2, uint64(mt)),
			UintField("classicstun.length", "Message Length: 0x"+hexWord(uint16(l)), 2, 2, uint64(l)),
			{Name: "classicstun.id", Label: "Message Transaction ID: " + hexString(b[4:20]), Start: 4, Len: 16,
				Kind: FieldBytes, Str: string(b[4:20])},
		}})
	return true
}
