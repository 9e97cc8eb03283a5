package decode

import (
	"encoding/binary"
	"fmt"
	"strings"
)

// BFD, Bidirectional Forwarding Detection (RFC 5880): control packets on
// UDP 3784 (single hop, RFC 5881), 4784 (multihop, RFC 5883), 6784 (LAG,
// RFC 7130) and 7784 (seamless BFD, RFC 7881), and echo packets on UDP 3785,
// whose contents only their sender reads. Shown as packet-bfd.c does:
// Protocol "BFD Control" with "Diag: ..., State: ..., Flags: 0x.." or "BFD
// Echo" with "Originator specific content". Version 0 (draft-katz-ward-
// bfd-01) has no state and four flags in the state's place. Hand-written:
// gopacket's BFD layer refuses version 0 and an authentication section
// shorter than its type demands, which tshark still shows.

// BFD's UDP ports.
const (
	portBFDControl   = 3784
	portBFDEcho      = 3785
	portBFDMultihop  = 4784
	portBFDLAG       = 6784
	portBFDSeamless  = 7784
	bfdControlLen    = 24 // the mandatory section (RFC 5880 §4.1)
	bfdFlagAuth      = 0x04
	bfdAuthSimple    = 1
	bfdAuthMD5       = 2
	bfdAuthMetMD5    = 3
	bfdAuthSHA1      = 4
	bfdAuthMetSHA1   = 5
	bfdAuthMD5Len    = 24
	bfdAuthSHA1Len   = 28
	bfdMinAuthPacket = 28 // packet-bfd.c reads an authentication section only from this length on
)

var bfd = &Dissector{
	Name:    "bfd",
	Dissect: dissectBFD,
	Fields: []FieldDef{
		{Name: "bfd.version", Desc: "Protocol version", Kind: FieldUint, Bits: 8},
		{Name: "bfd.diag", Desc: "Diagnostic code", Kind: FieldUint, Bits: 8},
		{Name: "bfd.sta", Desc: "Session state (0 AdminDown .. 3 Up, shifted into bits 6-7 as tshark keeps it)", Kind: FieldUint, Bits: 8},
		{Name: "bfd.flags", Desc: "Message flags byte", Kind: FieldUint, Bits: 8},
		{Name: "bfd.flags.h", Desc: "I hear you (version 0)", Kind: FieldBool},
		{Name: "bfd.flags.p", Desc: "Poll", Kind: FieldBool},
		{Name: "bfd.flags.f", Desc: "Final", Kind: FieldBool},
		{Name: "bfd.flags.c", Desc: "Control plane independent", Kind: FieldBool},
		{Name: "bfd.flags.a", Desc: "Authentication present", Kind: FieldBool},
		{Name: "bfd.flags.d", Desc: "Demand", Kind: FieldBool},
		{Name: "bfd.flags.m", Desc: "Multipoint", Kind: FieldBool},
		{Name: "bfd.detect_time_multiplier", Desc: "Detect time multiplier", Kind: FieldUint, Bits: 8},
		{Name: "bfd.message_length", Desc: "Message length", Kind: FieldUint, Bits: 8},
		{Name: "bfd.my_discriminator", Desc: "My discriminator", Kind: FieldUint, Bits: 32},
		{Name: "bfd.your_discriminator", Desc: "Your discriminator", Kind: FieldUint, Bits: 32},
		{Name: "bfd.desired_min_tx_interval", Desc: "Desired min TX interval (µs)", Kind: FieldUint, Bits: 32},
		{Name: "bfd.required_min_rx_interval", Desc: "Required min RX interval (µs)", Kind: FieldUint, Bits: 32},
		{Name: "bfd.required_min_echo_interval", Desc: "Required min echo interval (µs)", Kind: FieldUint, Bits: 32},
		{Name: "bfd.auth.type", Desc: "Authentication type", Kind: FieldUint, Bits: 8},
		{Name: "bfd.auth.len", Desc: "Authentication length", Kind: FieldUint, Bits: 8},
		{Name: "bfd.auth.key", Desc: "Authentication key ID", Kind: FieldUint, Bits: 8},
		{Name: "bfd.auth.password", Desc: "Simple password", Kind: FieldString},
		{Name: "bfd.auth.seq_num", Desc: "Authentication sequence number", Kind: FieldUint, Bits: 32},
		{Name: "bfd.checksum", Desc: "Authentication digest", Kind: FieldBytes},
	},
}

var bfdEcho = &Dissector{
	Name:    "bfd_echo",
	Dissect: dissectBFDEcho,
	Fields: []FieldDef{
		{Name: "bfd_echo.packet", Desc: "Echo contents", Kind: FieldBytes},
	},
}

func init() {
	RegisterUDP(bfd, portBFDControl, portBFDMultihop, portBFDLAG, portBFDSeamless)
	RegisterUDP(bfdEcho, portBFDEcho)
}

var bfdDiags = [...]string{"No Diagnostic", "Control Detection Time Expired", "Echo Function Failed",
	"Neighbor Signaled Session Down", "Forwarding Plane Reset", "Path Down", "Concatenated Path Down",
	"Administratively Down", "Reverse Concatenated Path Down", "Mis-Connectivity Defect"}

var bfdStates = [...]string{"AdminDown", "Down", "Init", "Up"}

var bfdAuthTypes = map[byte]string{bfdAuthSimple: "Simple Password", bfdAuthMD5: "Keyed MD5",
	bfdAuthMetMD5: "Meticulous Keyed MD5", bfdAuthSHA1: "Keyed SHA1", bfdAuthMetSHA1: "Meticulous Keyed SHA1"}

// bfdDiag names a diagnostic code; version 0 knows only the first eight.
func bfdDiag(code, version byte) (string, bool) {
	if int(code) < len(bfdDiags) && (version != 0 || code < 8) {
		return bfdDiags[code], true
	}
	return "Unknown", false
}

// bfdFlag is one flag bit of the flags byte, as packet-bfd.c lists them.
type bfdFlag struct {
	name, label string
	mask        byte
}

// Version 1 flags are 6-bit booleans (the state takes the top two bits),
// version 0 ones 8-bit.
var (
	bfdFlagsV1 = []bfdFlag{{"bfd.flags.p", "Poll", 0x20}, {"bfd.flags.f", "Final", 0x10},
		{"bfd.flags.c", "Control Plane Independent", 0x08}, {"bfd.flags.a", "Authentication Present", 0x04},
		{"bfd.flags.d", "Demand", 0x02}, {"bfd.flags.m", "Multipoint", 0x01}}
	bfdFlagsV0 = []bfdFlag{{"bfd.flags.h", "I hear you", 0x80}, {"bfd.flags.d", "Demand", 0x40},
		{"bfd.flags.p", "Poll", 0x20}, {"bfd.flags.f", "Final", 0x10}}
)

func dissectBFD(p *PDU, out *Out) bool {
	b := p.Data
	out.SetProto("BFD Control")
	if len(b) < bfdControlLen {
		out.SetInfo(malformedMark)
		return true
	}
	version, code, flags := b[0]>>5, b[0]&0x1f, b[1]
	diag, _ := bfdDiag(code, version)
	if version == 0 {
		out.SetInfo(fmt.Sprintf("Diag: %s, Flags: 0x%02x", diag, flags))
	} else {
		// tshark 4.0 leaves the Multipoint bit out of Info's flags
		out.SetInfo(fmt.Sprintf("Diag: %s, State: %s, Flags: 0x%02x", diag, bfdStates[flags>>6], flags&0x3e))
	}
	length := int(b[3])
	auth := version != 0 && flags&bfdFlagAuth != 0 && length >= bfdMinAuthPacket
	var a Field
	malformed := false
	if auth {
		a, malformed = bfdAuth(b)
	}
	if malformed {
		out.AppendInfo("", malformedMark)
	}
	if !out.WantTree {
		return true
	}
	tx := binary.BigEndian.Uint32(b[12:])
	f := Field{Name: "bfd", Label: "BFD Control message", Len: min(length, len(b)), Kind: FieldProto, Children: []Field{
		UintField("bfd.version", fmt.Sprintf("%s = Protocol Version: %d", bitString(uint32(b[0]), 8, 0xe0), version), 0, 1, uint64(version)),
		UintField("bfd.diag", fmt.Sprintf("%s = Diagnostic Code: %s (0x%02x)", bitString(uint32(b[0]), 8, 0x1f), bfdDiagLabel(code), code), 0, 1, uint64(code)),
	}}
	list := bfdFlagsV0
	if version != 0 {
		list = bfdFlagsV1
		st := flags >> 6
		f.Children = append(f.Children, UintField("bfd.sta", fmt.Sprintf("%s = Session State: %s (0x%x)", bitString(uint32(flags), 8, 0xc0), bfdStates[st], st), 1, 1, uint64(st)))
	}
	f.Children = append(f.Children, bfdFlagsField(flags, list, version != 0))
	f.Children = append(f.Children,
		UintField("bfd.detect_time_multiplier", fmt.Sprintf("Detect Time Multiplier: %d (= %d ms Detection time)", b[2], uint32(b[2])*(tx/1000)), 2, 1, uint64(b[2])),
		UintField("bfd.message_length", fmt.Sprintf("Message Length: %d %s", length, bytesUnit(length)), 3, 1, uint64(length)),
		UintField("bfd.my_discriminator", fmt.Sprintf("My Discriminator: 0x%08x", binary.BigEndian.Uint32(b[4:])), 4, 4, uint64(binary.BigEndian.Uint32(b[4:]))),
		UintField("bfd.your_discriminator", fmt.Sprintf("Your Discriminator: 0x%08x", binary.BigEndian.Uint32(b[8:])), 8, 4, uint64(binary.BigEndian.Uint32(b[8:]))),
		bfdInterval("bfd.desired_min_tx_interval", "Desired Min TX Interval", b, 12),
		bfdInterval("bfd.required_min_rx_interval", "Required Min RX Interval", b, 16),
		bfdInterval("bfd.required_min_echo_interval", "Required Min Echo Interval", b, 20))
	if a.Label != "" {
		f.Children = append(f.Children, a)
	}
	out.Add(f)
	return true
}

// bfdDiagLabel is the diagnostic's name in the tree, where tshark uses the
// version 1 table for every version.
func bfdDiagLabel(code byte) string {
	name, _ := bfdDiag(code, 1)
	return name
}

// bytesUnit is Wireshark's units_byte_bytes: "byte" for one.
func bytesUnit(n int) string {
	if n == 1 {
		return "byte"
	}
	return "bytes"
}

// bfdFlagsField is the flags byte with its bits, the set ones named on the
// byte's line ("Message Flags: 0xe0, Poll: Set"), as
// proto_tree_add_bitmask_with_flags with BMT_NO_FALSE writes it.
func bfdFlagsField(flags byte, list []bfdFlag, sixBits bool) Field {
	label := fmt.Sprintf("Message Flags: 0x%02x", flags)
	f := Field{Name: "bfd.flags", Start: 1, Len: 1, Kind: FieldUint, Num: uint64(flags)}
	for _, fl := range list {
		on := uint64(0)
		state := "Not set"
		if flags&fl.mask != 0 {
			on, state = 1, "Set"
			label += ", " + fl.label + ": Set"
		}
		bits := bitString(uint32(flags), 8, uint32(fl.mask))
		if sixBits {
			bits = bitString(uint32(flags), 6, uint32(fl.mask))
		}
		f.Children = append(f.Children, Field{Name: fl.name, Label: fmt.Sprintf("%s = %s: %s", bits, fl.label, state),
			Start: 1, Len: 1, Kind: FieldBool, Num: on})
	}
	f.Label = label
	return f
}

// bfdInterval is one of the three microsecond intervals, labelled
// "%4u ms (%u us)" as packet-bfd.c does.
func bfdInterval(name, label string, b []byte, at int) Field {
	v := binary.BigEndian.Uint32(b[at:])
	return UintField(name, fmt.Sprintf("%s: %4d ms (%d us)", label, v/1000, v), at, 4, uint64(v))
}

// bfdAuth is the authentication section (RFC 5880 §4.1), present when the
// A bit is set, with as many lines as packet-bfd.c adds before reading
// past the packet; malformed when it does (its Info then ends in
// malformedMark). An empty Label means no section line at all.
func bfdAuth(b []byte) (f Field, malformed bool) {
	const at = bfdControlLen
	if len(b) < at+2 {
		return Field{}, true
	}
	typ, alen := b[at], int(b[at+1])
	if at+alen > len(b) {
		return Field{}, true
	}
	name, ok := bfdAuthTypes[typ]
	if !ok {
		name = fmt.Sprintf("Unknown Authentication Type (%d)", typ)
	}
	f = Field{Label: "Authentication: " + name, Start: at, Len: alen, Children: []Field{
		UintField("bfd.auth.type", fmt.Sprintf("Authentication Type: %s (%d)", name, typ), at, 1, uint64(typ)),
		UintField("bfd.auth.len", fmt.Sprintf("Authentication Length: %d %s", alen, bytesUnit(alen)), at+1, 1, uint64(alen)),
	}}
	if len(b) < at+3 {
		return f, true
	}
	f.Children = append(f.Children, UintField("bfd.auth.key", fmt.Sprintf("Authentication Key ID: %d", b[at+2]), at+2, 1, uint64(b[at+2])))
	switch typ {
	case bfdAuthSimple:
		end := at + alen
		switch {
		case alen == 2: // a length of -1: the rest of the packet
			end = len(b)
		case alen < 2:
			return f, true
		}
		pw := string(b[at+3 : end])
		if i := strings.IndexByte(pw, 0); i >= 0 {
			pw = pw[:i]
		}
		f.Children = append(f.Children, StrField("bfd.auth.password", "Password: "+Printable(pw), at+3, end-at-3, pw))
	case bfdAuthMD5, bfdAuthMetMD5, bfdAuthSHA1, bfdAuthMetSHA1:
		sum := 16
		if typ >= bfdAuthSHA1 {
			sum = 20
		}
		if len(b) < at+8 {
			return f, true
		}
		seq := binary.BigEndian.Uint32(b[at+4:])
		f.Children = append(f.Children, UintField("bfd.auth.seq_num", fmt.Sprintf("Sequence Number: 0x%08x", seq), at+4, 4, uint64(seq)))
		if len(b) < at+8+sum {
			return f, true
		}
		d := b[at+8 : at+8+sum]
		f.Children = append(f.Children, Field{Name: "bfd.checksum", Label: fmt.Sprintf("Checksum: %x", d), Start: at + 8, Len: sum, Kind: FieldBytes, Str: string(d)})
	}
	return f, false
}

func dissectBFDEcho(p *PDU, out *Out) bool {
	b := p.Data
	out.SetProto("BFD Echo")
	out.SetInfo("Originator specific content")
	if !out.WantTree {
		return true
	}
	f := Field{Name: "bfd_echo", Label: "BFD Echo message", Len: len(b), Kind: FieldProto}
	if len(b) > 0 {
		f.Children = []Field{{Name: "bfd_echo.packet", Label: fmt.Sprintf("Echo: %x", b), Len: len(b), Kind: FieldBytes, Str: string(b)}}
	}
	out.Add(f)
	return true
}
