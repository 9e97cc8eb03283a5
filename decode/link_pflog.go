package decode

import (
	"encoding/binary"
	"fmt"
	"math/bits"
	"net/netip"
	"strconv"
)

// OpenBSD's packet-filter log (LINKTYPE_PFLOG, 117) and IPsec encapsulation
// interface (LINKTYPE_ENC, 109): a header in front of the IPv4 or IPv6
// packet pf logged or IPsec processed. Shown as tshark 4.0 shows them:
// PFLOG prefixes the Info column with "[action interface/rule] " whatever
// the packet inside, ENC adds nothing to it; a packet of another address
// family is data under the header's own name. Hand-written: gopacket has
// no pflog layer and reads ENC's host-order fields as big-endian.

const (
	LinkENC   uint16 = 109 // OpenBSD enc(4): IPsec traffic before encryption or after decryption
	LinkPFLog uint16 = 117 // OpenBSD pflog(4): packets logged by pf

	pflogFixedLen  = 44 // length through the sub-rule number, the fields every version has
	pflogLen3_4    = 45 // the header length field of OpenBSD 3.4, the least tshark accepts
	pflogLen3_8    = 61 // OpenBSD 3.8 added the uid and pid fields
	pflogLen4_9    = 100
	encHeaderLen   = 12
	bsdAFInet      = 2
	bsdAFInet6BSD  = 24
	bsdAFInet6Free = 28
	bsdAFInet6Dar  = 30
)

// The link headers' filter fields, read from the link tree (LinkTree):
// declared through dissectors that are never dispatched to.
var (
	pflogLayer = &Dissector{Name: "pflog", Fields: []FieldDef{
		{Name: "pflog.length", Desc: "Header Length", Kind: FieldUint, Bits: 8},
		{Name: "pflog.af", Desc: "Address Family", Kind: FieldUint, Bits: 32},
		{Name: "pflog.action", Desc: "Action", Kind: FieldUint, Bits: 8},
		{Name: "pflog.reason", Desc: "Reason", Kind: FieldUint, Bits: 8},
		{Name: "pflog.ifname", Desc: "Interface", Kind: FieldString},
		{Name: "pflog.ruleset", Desc: "Ruleset", Kind: FieldString},
		{Name: "pflog.rulenr", Desc: "Rule Number", Kind: FieldUint, Bits: 32},
		{Name: "pflog.subrulenr", Desc: "Sub Rule Number", Kind: FieldUint, Bits: 32},
		{Name: "pflog.uid", Desc: "UID", Kind: FieldUint, Bits: 32},
		{Name: "pflog.pid", Desc: "PID", Kind: FieldUint, Bits: 32},
		{Name: "pflog.rule_uid", Desc: "Rule UID", Kind: FieldUint, Bits: 32},
		{Name: "pflog.rule_pid", Desc: "Rule PID", Kind: FieldUint, Bits: 32},
		{Name: "pflog.dir", Desc: "Direction", Kind: FieldUint, Bits: 8},
		{Name: "pflog.pad", Desc: "Padding", Kind: FieldBytes},
		{Name: "pflog.rewritten", Desc: "Rewritten", Kind: FieldUint, Bits: 8},
		{Name: "pflog.saddr.ipv4", Desc: "Source Address", Kind: FieldIPv4},
		{Name: "pflog.daddr.ipv4", Desc: "Destination Address", Kind: FieldIPv4},
		{Name: "pflog.saddr.ipv6", Desc: "Source Address", Kind: FieldIPv6},
		{Name: "pflog.daddr.ipv6", Desc: "Destination Address", Kind: FieldIPv6},
		{Name: "pflog.saddr.bytes", Desc: "Source Address", Kind: FieldBytes},
		{Name: "pflog.daddr.bytes", Desc: "Destination Address", Kind: FieldBytes},
		{Name: "pflog.sport", Desc: "Source Port", Kind: FieldUint, Bits: 16},
		{Name: "pflog.dport", Desc: "Destination Port", Kind: FieldUint, Bits: 16},
	}}
	encLayer = &Dissector{Name: "enc", Fields: []FieldDef{
		{Name: "enc.af", Desc: "Address Family", Kind: FieldUint, Bits: 32},
		{Name: "enc.spi", Desc: "SPI", Kind: FieldUint, Bits: 32},
		{Name: "enc.flags", Desc: "Flags", Kind: FieldUint, Bits: 32},
		{Name: "enc.flags.payload_enc", Desc: "Payload encrypted", Kind: FieldBool},
		{Name: "enc.flags.payload_auth", Desc: "Payload authenticated", Kind: FieldBool},
		{Name: "enc.flags.payload_compress", Desc: "Payload compressed", Kind: FieldBool},
		{Name: "enc.flags.header_auth", Desc: "Header authenticated", Kind: FieldBool},
		{Name: "enc.flags.reserved", Desc: "Reserved", Kind: FieldUint, Bits: 32},
	}}
)

func init() {
	register(pflogLayer)
	register(encLayer)
}

// pflogActions are pf's actions as packet-pflog.c names them on a Linux
// build: the values past 10 differ between BSDs and are not named there.
var pflogActions = [...]string{"pass", "block", "scrub", "", "nat", "nonat", "binat", "nobinat", "rdr", "nordr", "synproxy-drop"}

var pflogReasons = [...]string{"match", "bad-offset", "fragment", "short", "normalize", "memory", "timestamp", "congestion",
	"ip-option", "proto-cksum", "state-mismatch", "state-ins-fail", "max-states", "srcnode-limit", "syn-proxy"}

var pflogDirs = [...]string{"inout", "in", "out", "fwd"}

// nameOr is names[v] when v has a name, else tshark's "unknown (v)".
func nameOr(names []string, v int) string {
	if v >= 0 && v < len(names) && names[v] != "" {
		return names[v]
	}
	return "unknown (" + strconv.Itoa(v) + ")"
}

// labelOr is a tree line's value as Wireshark labels an enumerated field:
// "Action: block (1)", or "Action: Unknown (3)" for a value with no name.
func labelOr(title string, names []string, v int) string {
	if v >= 0 && v < len(names) && names[v] != "" {
		return title + ": " + names[v] + " (" + strconv.Itoa(v) + ")"
	}
	return title + ": Unknown (" + strconv.Itoa(v) + ")"
}

// pflogFamily is the family name of a pflog or enc header's address
// family, and whether what follows is IPv4 (4), IPv6 (6) or neither (0).
func pflogFamily(af uint32) (string, int) {
	switch af {
	case bsdAFInet:
		return "IPv4", 4
	case bsdAFInet6BSD, bsdAFInet6Free, bsdAFInet6Dar:
		return "IPv6", 6
	}
	return "unknown (" + strconv.FormatUint(uint64(af), 10) + ")", 0
}

// familyLabel is the tree line of a pflog or enc address family.
func familyLabel(af uint32) string {
	if name, v := pflogFamily(af); v != 0 {
		return "Address Family: " + name + " (" + strconv.FormatUint(uint64(af), 10) + ")"
	}
	return "Address Family: Unknown (" + strconv.FormatUint(uint64(af), 10) + ")"
}

// pflog reads the packet behind a pflog header, which starts after the
// header's own length rounded up to four bytes.
func (h *Headers) pflog(b []byte) {
	if len(b) < pflogFixedLen {
		return
	}
	start := (int(b[0]) + 3) &^ 3
	if start > len(b) {
		return
	}
	_, v := pflogFamily(uint32(b[1]))
	h.ipVersion(v, b[start:])
}

// enc reads the packet behind an enc header, whose family word is in the
// byte order of the host that wrote it.
func (h *Headers) enc(b []byte) {
	if len(b) < encHeaderLen {
		return
	}
	af, _ := encFamily(b)
	_, v := pflogFamily(af)
	h.ipVersion(v, b[encHeaderLen:])
}

// encFamily reads an enc header's address family, big-endian unless that
// leaves the low half zero, and says whether it was little-endian.
func encFamily(b []byte) (uint32, bool) {
	if af := binary.BigEndian.Uint32(b); af&0xffff != 0 {
		return af, false
	}
	return binary.LittleEndian.Uint32(b), true
}

// pflogInfo is the text pflog puts in front of a packet's Info column,
// "[pass em0/5] ", or "" when the header is cut short.
func pflogInfo(b []byte) string {
	if len(b) < pflogFixedLen {
		return ""
	}
	return "[" + nameOr(pflogActions[:], int(b[2])) + " " + pflogIfname(b) + "/" + strconv.Itoa(int(int32(binary.BigEndian.Uint32(b[36:])))) + "] "
}

// pflogIfname is the header's interface name, up to its first NUL.
func pflogIfname(b []byte) string {
	s, _ := cString(b, 4, 16)
	return Printable(s)
}

// describeLinkOnly names a packet of these link types whose header is cut
// short or carries no IP: tshark's columns stop at the header.
func describeLinkOnly(h *Headers) (string, string, bool) {
	switch h.Link {
	case LinkPFLog:
		if len(h.raw) < pflogFixedLen {
			return "PFLOG", malformedMark, true
		}
		if h.Net == 0 {
			return "PFLOG", "", true
		}
	case LinkENC:
		if len(h.raw) < encHeaderLen {
			return "ENC", malformedMark, true
		}
		if h.Net == 0 {
			return "ENC", "", true
		}
	}
	return "", "", false
}

// pflog is the details tree of a pflog header, then of the packet. A
// header cut short shows the fields that fit, under the layer's plain name.
func (d *dissector) pflog() {
	b := d.data
	f := Field{Name: "pflog", Label: "OpenBSD Packet Filter log file", Kind: FieldProto}
	fits := func(at, n int, mk func() Field) {
		if d.has(at, n) {
			f.Children = append(f.Children, mk())
		}
	}
	ifname := pflogIfname(b)
	fits(0, 1, func() Field {
		return UintField("pflog.length", "Header Length: "+strconv.Itoa(int(b[0])), 0, 1, uint64(b[0]))
	})
	fits(1, 1, func() Field { return UintField("pflog.af", familyLabel(uint32(b[1])), 1, 1, uint64(b[1])) })
	fits(2, 1, func() Field {
		return UintField("pflog.action", labelOr("Action", pflogActions[:], int(b[2])), 2, 1, uint64(b[2]))
	})
	fits(3, 1, func() Field {
		return UintField("pflog.reason", labelOr("Reason", pflogReasons[:], int(b[3])), 3, 1, uint64(b[3]))
	})
	fits(4, 16, func() Field { return StrField("pflog.ifname", "Interface: "+ifname, 4, 16, ifname) })
	fits(20, 16, func() Field {
		ruleset, _ := cString(b, 20, 16)
		return StrField("pflog.ruleset", "Ruleset: "+Printable(ruleset), 20, 16, ruleset)
	})
	if len(b) < pflogFixedLen {
		f.Len = len(b)
		d.out = append(d.out, f)
		d.malformed(len(b))
		return
	}
	length := int(b[0])
	fam, _ := pflogFamily(uint32(b[1]))
	rule := int32(binary.BigEndian.Uint32(b[36:]))
	sub := int32(binary.BigEndian.Uint32(b[40:]))
	i32 := func(name, title string, at int) Field {
		v := int32(binary.LittleEndian.Uint32(b[at:])) // host order: tshark's default reads it as its own host's, little-endian here
		return Field{Name: name, Label: title + ": " + strconv.Itoa(int(v)), Start: at, Len: 4, Kind: FieldUint, Num: uint64(uint32(v))}
	}
	f.Label = fmt.Sprintf("PF Log %s %s on %s by rule %d", fam, nameOr(pflogActions[:], int(b[2])), ifname, rule)
	f.Children = append(f.Children,
		Field{Name: "pflog.rulenr", Label: "Rule Number: " + strconv.Itoa(int(rule)), Start: 36, Len: 4, Kind: FieldUint, Num: uint64(uint32(rule))},
		Field{Name: "pflog.subrulenr", Label: "Sub Rule Number: " + strconv.Itoa(int(sub)), Start: 40, Len: 4, Kind: FieldUint, Num: uint64(uint32(sub))})
	at := pflogFixedLen
	if length < pflogLen3_4 {
		f.Children[0].Children = []Field{{Name: "pflog.invalid_header_length", Label: "Invalid header length " + strconv.Itoa(length)}}
	}
	if length >= pflogLen3_8 && d.has(at, 16) {
		f.Children = append(f.Children, i32("pflog.uid", "UID", at), i32("pflog.pid", "PID", at+4),
			i32("pflog.rule_uid", "Rule UID", at+8), i32("pflog.rule_pid", "Rule PID", at+12))
		at += 16
	}
	if d.has(at, 1) {
		f.Children = append(f.Children, UintField("pflog.dir", labelOr("Direction", pflogDirs[:], int(b[at])), at, 1, uint64(b[at])))
		at++
	}
	if length >= pflogLen4_9 && d.has(at, 39) {
		// OpenBSD 4.9 added the addresses and ports pf rewrote
		f.Children = append(f.Children,
			UintField("pflog.rewritten", "Rewritten: "+strconv.Itoa(int(b[at])), at, 1, uint64(b[at])),
			Field{Name: "pflog.pad", Label: fmt.Sprintf("Padding: %x", b[at+1:at+3]), Start: at + 1, Len: 2, Kind: FieldBytes, Str: string(b[at+1 : at+3])})
		at += 3
		for _, dir := range [2]string{"saddr", "daddr"} {
			title := map[string]string{"saddr": "Source Address", "daddr": "Destination Address"}[dir]
			switch _, v := pflogFamily(uint32(b[1])); {
			case uint32(b[1]) == bsdAFInet:
				f.Children = append(f.Children, Field{Name: "pflog." + dir + ".ipv4", Label: title + ": " + netip.AddrFrom4([4]byte(b[at:at+4])).String(), Start: at, Len: 4, Kind: FieldIPv4, Num: uint64(binary.BigEndian.Uint32(b[at:]))})
			case uint32(b[1]) == bsdAFInet6BSD && v == 6:
				f.Children = append(f.Children, Field{Name: "pflog." + dir + ".ipv6", Label: title + ": " + netip.AddrFrom16([16]byte(b[at:at+16])).String(), Start: at, Len: 16, Kind: FieldIPv6, Str: string(b[at : at+16])})
			default:
				f.Children = append(f.Children, Field{Name: "pflog." + dir + ".bytes", Label: fmt.Sprintf("%s: %x", title, b[at:at+16]), Start: at, Len: 16, Kind: FieldBytes, Str: string(b[at : at+16])})
			}
			at += 16
		}
		if d.has(at, 4) {
			f.Children = append(f.Children,
				UintField("pflog.sport", fmt.Sprintf("Source Port: %d", d.u16(at)), at, 2, uint64(d.u16(at))),
				UintField("pflog.dport", fmt.Sprintf("Destination Port: %d", d.u16(at+2)), at+2, 2, uint64(d.u16(at+2))))
			at += 4
		}
	} else if d.has(at, 3) {
		f.Children = append(f.Children, Field{Name: "pflog.pad", Label: fmt.Sprintf("Padding: %x", b[at:at+3]), Start: at, Len: 3, Kind: FieldBytes, Str: string(b[at : at+3])})
		at += 3
	}
	f.Len = min(at, len(b))
	d.out = append(d.out, f)
	start := (length + 3) &^ 3
	if start > len(b) {
		return
	}
	_, v := pflogFamily(uint32(b[1]))
	d.ipOrData(v, start)
}

// enc is the details tree of an enc header, then of the packet.
func (d *dissector) enc() {
	b := d.data
	if len(b) < encHeaderLen {
		// cut short: the family and SPI that fit, as tshark's tree has them
		if len(b) >= 8 {
			af, _ := encFamily(b)
			fam, _ := pflogFamily(af)
			spi := binary.BigEndian.Uint32(b[4:])
			d.out = append(d.out, Field{Name: "enc", Label: fmt.Sprintf("Enc %s, SPI 0x%08x", fam, spi), Len: len(b), Kind: FieldProto, Children: []Field{
				UintField("enc.af", familyLabel(af), 0, 4, uint64(af)),
				UintField("enc.spi", fmt.Sprintf("SPI: 0x%08x", spi), 4, 4, uint64(spi)),
			}})
		}
		d.malformed(len(b))
		return
	}
	af, le := encFamily(b)
	flags := binary.BigEndian.Uint32(b[8:])
	if le {
		flags = binary.LittleEndian.Uint32(b[8:])
	}
	fam, v := pflogFamily(af)
	spi := binary.BigEndian.Uint32(b[4:])
	flagText := ""
	for _, fl := range encFlags {
		if flags&fl.mask != 0 {
			flagText += ", " + fl.title
		}
	}
	flagsField := UintField("enc.flags", fmt.Sprintf("Flags: 0x%08x%s", flags, flagText), 8, 4, uint64(flags))
	for _, fl := range encFlags {
		flagsField.Children = append(flagsField.Children, Field{Name: fl.name, Start: 8, Len: 4, Kind: FieldBool, Num: uint64(flags&fl.mask) >> bits.TrailingZeros32(fl.mask),
			Label: bitString(flags, 32, fl.mask) + " = " + fl.title + ": " + map[bool]string{true: "True", false: "False"}[flags&fl.mask != 0]})
	}
	const encReserved = ^uint32(0x3c00)
	flagsField.Children = append(flagsField.Children, UintField("enc.flags.reserved", fmt.Sprintf("%s = Reserved: 0x%08x", bitString(flags, 32, encReserved), flags&encReserved), 8, 4, uint64(flags&encReserved)))
	d.out = append(d.out, Field{Name: "enc", Label: fmt.Sprintf("Enc %s, SPI 0x%08x", fam, spi), Len: encHeaderLen, Kind: FieldProto, Children: []Field{
		UintField("enc.af", familyLabel(af), 0, 4, uint64(af)),
		UintField("enc.spi", fmt.Sprintf("SPI: 0x%08x", spi), 4, 4, uint64(spi)),
		flagsField,
	}})
	d.ipOrData(v, encHeaderLen)
}

// ipOrData shows the IPv4 (4) or IPv6 (6) packet at off that a link
// header named, or its bytes as data.
func (d *dissector) ipOrData(v, off int) {
	switch v {
	case 4:
		d.ipv4(off)
	case 6:
		d.ipv6(off)
	default:
		d.rest(off)
	}
}

// encFlags are the enc header's flag bits (OpenBSD's M_CONF, M_AUTH,
// M_COMP, M_AUTH_AH) as packet-enc.c labels them.
var encFlags = []struct {
	mask        uint32
	name, title string
}{
	{0x0400, "enc.flags.payload_enc", "Payload encrypted"},
	{0x0800, "enc.flags.payload_auth", "Payload authenticated"},
	{0x1000, "enc.flags.payload_compress", "Payload compressed"},
	{0x2000, "enc.flags.header_auth", "Header authenticated"},
}
