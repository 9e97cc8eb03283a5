package decode

import (
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"net/netip"
	"strconv"
	"time"
)

// Diameter (RFC 6733) as Wireshark 4.0's packet-diameter.c shows it over
// TCP 3868, the only TCP port tshark -G decodes lists for it (its TCP
// heuristic is registered disabled). The Protocol column reads "DIAMETER";
// each message writes "cmd=NAME Request(code) flags=RPET appl=NAME(id)
// h2h=HEX e2e=HEX" and then " | " and fences the column, so several
// messages in one segment follow each other ("... | cmd=... | ").
// Messages are delimited by the 24-bit length of their header, after the
// check packet-diameter.c runs on the bytes that start a segment (version
// 1, length a multiple of 4 and at least 36, no reserved flag, not both R
// and E): bytes that fail it are "Continuation". Command, application,
// vendor and AVP names come from Wireshark's XML dictionary through the
// generated tables of proto_diameter_dict.go (all of its AVPs, by vendor
// and code). Vendor AVPs get the generic value lines only: the 3GPP and
// other vendor sub-dissectors Wireshark runs on them are not done.
// Over SCTP (proto_sctp.go's payload tables) a whole DATA chunk with PPID
// 46, or on port 3868, is one message; bytes that fail the check are left
// to SCTP, as dissect_diameter returns 0 for them.
// Request/answer matching ("Request In", "Answer In") is not done.

// diameterTCPPort is tshark -G decodes' tcp.port entry for diameter.
const diameterTCPPort = 3868

// diamMaxDepth bounds grouped AVP nesting and diamMaxAVPs the AVPs of one
// message, so hostile bytes cannot make the tree grow without end.
const (
	diamMaxDepth = 16
	diamMaxAVPs  = 4096
)

// diamKind is the dictionary type of an AVP, as Wireshark's basic types
// (a typedefn resolved to its parent).
type diamKind uint8

const (
	diamOctets diamKind = iota
	diamOctetsUTF8
	diamUTF8
	diamGrouped
	diamInt32
	diamUint32
	diamInt64
	diamUint64
	diamOther // Float32, Float64: value not shown
	diamAddress
	diamTime
	diamAppID
)

// diamAVPDef is one dictionary AVP: its name, type and enum names.
type diamAVPDef struct {
	name  string
	kind  diamKind
	enums map[int64]string
}

// diameterCheck is packet-diameter.c's check_diameter: 0 when fewer than 5
// bytes, 1 when b starts like a Diameter message, -1 when not.
func diameterCheck(b []byte) int {
	if len(b) < 5 {
		return 0
	}
	if b[0] != 1 {
		return -1
	}
	n := int(b[1])<<16 | int(b[2])<<8 | int(b[3])
	if n < 36 || n&3 != 0 {
		return -1
	}
	f := b[4]
	if f&0x0f != 0 || f&0x80 != 0 && f&0x20 != 0 {
		return -1
	}
	return 1
}

// diameterPDULen delimits messages by their header's length. Bytes that
// begin a segment and fail the check become one "Continuation" PDU.
func diameterPDULen(c *Conv, dir uint8, b []byte) int {
	if c.AtSegmentStart() {
		switch diameterCheck(b) {
		case 0:
			return 0
		case -1:
			return len(b)
		}
	}
	if len(b) < 4 {
		return 0
	}
	n := int(b[1])<<16 | int(b[2])<<8 | int(b[3])
	if n < 4 {
		return len(b)
	}
	return n
}

var diamMsgFlags = [16]string{
	"----", "---T", "--E-", "--ET", "-P--", "-P-T", "-PE-", "-PET",
	"R---", "R--T", "R-E-", "R-ET", "RP--", "RP-T", "RPE-", "RPET",
}

var diamAVPFlags = [8]string{"---", "--P", "-M-", "-MP", "V--", "V-P", "VM-", "VMP"}

// diamBit is the bit picture of one flag of a byte ("1... .... ").
func diamBit(v byte, bit uint) string {
	b := []byte("........")
	if v&(0x80>>bit) != 0 {
		b[bit] = '1'
	} else {
		b[bit] = '0'
	}
	return string(b[:4]) + " " + string(b[4:]) + " = "
}

func diamSet(v byte, bit uint) string {
	if v&(0x80>>bit) != 0 {
		return "Set"
	}
	return "Not set"
}

func diamName(m map[uint32]string, v uint32) string {
	if s, ok := m[v]; ok {
		return s
	}
	return "Unknown"
}

func diameterDissect(p *PDU, out *Out) bool {
	b := p.Data
	prev := out.Proto == "DIAMETER"
	if !p.TCP && diameterCheck(b) != 1 {
		return false // SCTP's handle (dissect_diameter) declines such bytes
	}
	out.SetProto("DIAMETER")
	if diameterCheck(b) != 1 && (!prev || len(b) < 20) {
		// tshark hands these bytes to its data dissector: no Diameter tree
		out.SetInfo("Continuation")
		return true
	}
	if len(b) < 20 {
		out.AppendInfo(" ", malformedMark)
		return true
	}
	flags := b[4]
	cmd := uint32(b[5])<<16 | uint32(b[6])<<8 | uint32(b[7])
	app := binary.BigEndian.Uint32(b[8:])
	hbh := binary.BigEndian.Uint32(b[12:])
	e2e := binary.BigEndian.Uint32(b[16:])
	kind := " Answer"
	if flags&0x80 != 0 {
		kind = " Request"
	}
	info := fmt.Sprintf("cmd=%s%s(%d) flags=%s appl=%s(%d) h2h=%x e2e=%x | ", diamName(diamCommands, cmd), kind, cmd,
		diamMsgFlags[flags>>4], diamName(diamApps, app), app, hbh, e2e)
	if prev {
		out.AppendInfo("", info)
	} else {
		out.SetInfo(info)
	}
	if !out.WantTree {
		return true
	}
	plen := int(b[1])<<16 | int(b[2])<<8 | int(b[3])
	top := Field{Name: "diameter", Label: "Diameter Protocol", Len: len(b), Kind: FieldProto}
	flagNames := ""
	for i, n := range []string{"Request", "Proxyable", "Error", "T(Potentially re-transmitted message)", "Reserved", "Reserved", "Reserved", "Reserved"} {
		if flags&(0x80>>uint(i)) != 0 {
			flagNames += ", " + n
		}
	}
	flagField := Field{Name: "diameter.flags", Label: fmt.Sprintf("Flags: 0x%02x%s", flags, flagNames), Start: 4, Len: 1, Kind: FieldUint, Num: uint64(flags)}
	for i, n := range []string{"request", "proxyable", "error", "T", "reserved4", "reserved5", "reserved6", "reserved7"} {
		label := []string{"Request", "Proxyable", "Error", "T(Potentially re-transmitted message)", "Reserved", "Reserved", "Reserved", "Reserved"}[i]
		flagField.Children = append(flagField.Children, Field{Name: "diameter.flags." + n,
			Label: diamBit(flags, uint(i)) + label + ": " + diamSet(flags, uint(i)), Start: 4, Len: 1, Kind: FieldBool,
			Num: uint64(flags>>(7-uint(i))) & 1})
	}
	top.Children = append(top.Children,
		UintField("diameter.version", fmt.Sprintf("Version: 0x%02x", b[0]), 0, 1, uint64(b[0])),
		UintField("diameter.length", "Length: "+strconv.Itoa(plen), 1, 3, uint64(plen)),
		flagField,
		UintField("diameter.cmd.code", fmt.Sprintf("Command Code: %s (%d)", diamName(diamCommands, cmd), cmd), 5, 3, uint64(cmd)),
		UintField("diameter.applicationId", fmt.Sprintf("ApplicationId: %s (%d)", diamName(diamApps, app), app), 8, 4, uint64(app)),
		UintField("diameter.hopbyhopid", fmt.Sprintf("Hop-by-Hop Identifier: 0x%08x", hbh), 12, 4, uint64(hbh)),
		UintField("diameter.endtoendid", fmt.Sprintf("End-to-End Identifier: 0x%08x", e2e), 16, 4, uint64(e2e)),
	)
	end := min(plen, len(b))
	count := 0
	top.Children = append(top.Children, diamAVPList(b, 20, end, 0, &count)...)
	out.Add(top)
	return true
}

// diamAVPList reads the AVPs in b[off:end].
func diamAVPList(b []byte, off, end, depth int, count *int) []Field {
	var fs []Field
	for off < end && *count < diamMaxAVPs {
		f, n := diamAVP(b, off, end, depth, count)
		*count++
		if n <= 0 {
			break
		}
		if f.Label != "" {
			fs = append(fs, f)
		}
		off += n
	}
	return fs
}

// diamAVP reads one AVP at b[off:], inside b[:end]: its tree and the
// bytes it takes with padding (0 when it cannot be read).
func diamAVP(b []byte, off, end, depth int, count *int) (Field, int) {
	if off+8 > end {
		return Field{}, 0
	}
	code := binary.BigEndian.Uint32(b[off:])
	lw := binary.BigEndian.Uint32(b[off+4:])
	flags := byte(lw >> 24)
	l := int(lw & 0xffffff)
	vendorFlag := flags&0x80 != 0
	hdr := 8
	var vendor uint32
	if vendorFlag {
		hdr = 12
		if off+12 > end {
			return Field{}, 0
		}
		vendor = binary.BigEndian.Uint32(b[off+8:])
	}
	if l > end-off || l < hdr {
		return Field{}, 0
	}
	pad := (4 - l%4) % 4
	if end-(off+l) < pad {
		pad = end - (off + l)
	}
	def, known := diamAVPs[uint64(vendor)<<32|uint64(code)]
	codeStr := "Unknown"
	if known {
		codeStr = def.name
	}
	label := fmt.Sprintf("AVP: %s(%d) l=%d f=%s", codeStr, code, l, diamAVPFlags[flags>>5])
	if vendorFlag {
		if v, ok := diamVendors[vendor]; ok {
			label += " vnd=" + v[0]
		} else {
			label += " vnd=" + strconv.FormatUint(uint64(vendor), 10)
		}
	}
	f := Field{Name: "diameter.avp", Start: off, Len: l + pad, Kind: FieldBytes, Str: string(b[off : off+l+pad])}
	flagNames := ""
	for i, n := range []string{"Vendor-Specific", "Mandatory", "Protected"} {
		if flags&(0x80>>uint(i)) != 0 {
			flagNames += ", " + n + ": Set"
		}
	}
	flagField := Field{Name: "diameter.avp.flags", Label: fmt.Sprintf("AVP Flags: 0x%02x%s", flags, flagNames), Start: off + 4, Len: 1, Kind: FieldUint, Num: uint64(flags)}
	for i, n := range []string{"diameter.flags.vendorspecific", "diameter.flags.mandatory", "diameter.avp.flags.protected",
		"diameter.avp.flags.reserved3", "diameter.avp.flags.reserved4", "diameter.avp.flags.reserved5",
		"diameter.avp.flags.reserved6", "diameter.avp.flags.reserved7"} {
		name := []string{"Vendor-Specific", "Mandatory", "Protected", "Reserved", "Reserved", "Reserved", "Reserved", "Reserved"}[i]
		flagField.Children = append(flagField.Children, Field{Name: n, Label: diamBit(flags, uint(i)) + name + ": " + diamSet(flags, uint(i)),
			Start: off + 4, Len: 1, Kind: FieldBool, Num: uint64(flags>>(7-uint(i))) & 1})
	}
	f.Children = append(f.Children,
		UintField("diameter.avp.code", fmt.Sprintf("AVP Code: %d %s", code, codeStr), off, 4, uint64(code)),
		flagField,
		UintField("diameter.avp.len", "AVP Length: "+strconv.Itoa(l), off+5, 3, uint64(l)))
	if vendorFlag {
		vn := "Unknown"
		if v, ok := diamVendors[vendor]; ok {
			vn = v[1]
		}
		f.Children = append(f.Children, UintField("diameter.avp.vendorId", fmt.Sprintf("AVP Vendor Id: %s (%d)", vn, vendor), off+8, 4, uint64(vendor)))
	}
	vs, ve := off+hdr, off+l
	val := ""
	switch {
	case ve > vs && known:
		var vf Field
		vf, val = diamValue(b, vs, ve, def, depth, count)
		if vf.Label != "" {
			f.Children = append(f.Children, vf)
		}
	case ve > vs:
		val = diamHex(b[vs:ve])
		f.Children = append(f.Children, Field{Name: "diameter.avp.unknown", Label: "Value: " + val, Start: vs, Len: ve - vs, Kind: FieldBytes, Str: string(b[vs:ve])})
	}
	if val != "" {
		label += " val=" + val
	}
	f.Label = label
	if pad > 0 {
		f.Children = append(f.Children, Field{Name: "diameter.avp.pad", Label: "Padding: " + hex.EncodeToString(b[off+l:off+l+pad]),
			Start: off + l, Len: pad, Kind: FieldBytes, Str: string(b[off+l : off+l+pad])})
	}
	return f, l + pad
}

// diamValue is an AVP's value line (named diameter.<AVP name>) and the
// text its AVP line shows after "val=" ("" for none).
func diamValue(b []byte, vs, ve int, def diamAVPDef, depth int, count *int) (Field, string) {
	name := "diameter." + diamFieldName(def.name)
	v := b[vs:ve]
	n := ve - vs
	switch def.kind {
	case diamUTF8:
		s := Printable(string(v))
		return StrField(name, def.name+": "+s, vs, n, string(v)), s
	case diamOctets, diamOctetsUTF8:
		h := diamHex(v)
		return Field{Name: name, Label: def.name + ": " + h, Start: vs, Len: n, Kind: FieldBytes, Str: string(v)}, h
	case diamGrouped:
		f := Field{Name: name, Label: def.name + ": " + diamHex(v), Start: vs, Len: n, Kind: FieldBytes, Str: string(v)}
		if depth < diamMaxDepth {
			f.Children = diamAVPList(b, vs, ve, depth+1, count)
		}
		return f, ""
	case diamInt32, diamUint32, diamAppID:
		if n != 4 {
			return Field{}, ""
		}
		u := binary.BigEndian.Uint32(v)
		var s string
		switch {
		case def.kind == diamAppID:
			s = fmt.Sprintf("%s (%d)", diamName(diamApps, u), u)
		case def.kind == diamInt32 && def.enums != nil:
			e, ok := def.enums[int64(int32(u))]
			if !ok {
				e = "Unknown"
			}
			s = fmt.Sprintf("%s (%d)", e, int32(u))
		case def.kind == diamUint32 && def.enums != nil:
			e, ok := def.enums[int64(u)]
			if !ok {
				e = "Unknown"
			}
			s = fmt.Sprintf("%s (%d)", e, u)
		case def.kind == diamInt32:
			s = strconv.Itoa(int(int32(u)))
		default:
			s = strconv.FormatUint(uint64(u), 10)
		}
		return UintField(name, def.name+": "+s, vs, 4, uint64(u)), s
	case diamInt64, diamUint64:
		if n != 8 {
			return Field{}, ""
		}
		u := binary.BigEndian.Uint64(v)
		s := strconv.FormatUint(u, 10)
		if def.kind == diamInt64 {
			s = strconv.FormatInt(int64(u), 10)
		}
		return UintField(name, def.name+": "+s, vs, 8, u), s
	case diamTime:
		if n != 4 {
			return Field{}, "[Malformed]"
		}
		secs := int64(binary.BigEndian.Uint32(v))
		if secs&0x80000000 == 0 {
			secs += 1 << 32
		}
		t := time.Unix(secs-2208988800, 0).UTC()
		s := fmt.Sprintf("%s %2d, %d %02d:%02d:%02d.000000000 UTC", t.Format("Jan"), t.Day(), t.Year(), t.Hour(), t.Minute(), t.Second())
		return Field{Name: name, Label: def.name + ": " + s, Start: vs, Len: 4, Kind: FieldUint, Num: uint64(t.Unix())}, s
	case diamAddress:
		return diamAddressValue(b, vs, ve, def, name)
	}
	return Field{}, ""
}

// diamAddressValue is an Address AVP (RFC 6733 4.3.1): its bytes, the
// address family and the address below them.
func diamAddressValue(b []byte, vs, ve int, def diamAVPDef, name string) (Field, string) {
	v := b[vs:ve]
	f := Field{Name: name, Label: def.name + ": " + diamHex(v), Start: vs, Len: ve - vs, Kind: FieldBytes, Str: string(v)}
	if len(v) < 2 {
		return f, ""
	}
	fam := binary.BigEndian.Uint16(v)
	famName := map[uint16]string{1: "IPv4", 2: "IPv6"}[fam]
	if famName == "" {
		return f, ""
	}
	f.Children = append(f.Children, UintField(name+".addr_family", fmt.Sprintf("%s Address Family: %s (%d)", def.name, famName, fam), vs, 2, uint64(fam)))
	a := v[2:]
	switch {
	case fam == 1 && len(a) == 4:
		ip := netip.AddrFrom4([4]byte(a))
		f.Children = append(f.Children, Field{Name: name + ".IPv4", Label: def.name + " Address: " + ip.String(), Start: vs + 2, Len: 4,
			Kind: FieldIPv4, Num: uint64(binary.BigEndian.Uint32(a))})
		return f, ip.String()
	case fam == 2 && len(a) == 16:
		ip := netip.AddrFrom16([16]byte(a))
		f.Children = append(f.Children, Field{Name: name + ".IPv6", Label: def.name + " Address: " + ip.String(), Start: vs + 2, Len: 16,
			Kind: FieldIPv6, Str: string(a)})
		return f, ip.String()
	}
	return f, "[Malformed]"
}

// diamHex is how Wireshark 4.0 labels a byte field: hex digits, cut after
// 36 bytes with an ellipsis.
func diamHex(v []byte) string {
	if len(v) > 36 {
		return hex.EncodeToString(v[:36]) + "…"
	}
	return hex.EncodeToString(v)
}

// diamFieldName is Wireshark's alnumerize: the characters of an AVP name
// a filter field name may hold.
func diamFieldName(s string) string {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.' {
			out = append(out, c)
		}
	}
	return string(out)
}

var diameterDissector = &Dissector{
	Name:    "diameter",
	Dissect: diameterDissect,
	PDULen:  diameterPDULen,
	Fields:  diameterFields(),
}

// diameterFields lists the header fields and one value field per
// dictionary AVP.
func diameterFields() []FieldDef {
	fs := []FieldDef{
		{Name: "diameter.version", Desc: "Version", Kind: FieldUint, Bits: 8},
		{Name: "diameter.length", Desc: "Length", Kind: FieldUint, Bits: 32},
		{Name: "diameter.flags", Desc: "Flags", Kind: FieldUint, Bits: 8},
		{Name: "diameter.flags.request", Desc: "Request", Kind: FieldBool},
		{Name: "diameter.flags.proxyable", Desc: "Proxyable", Kind: FieldBool},
		{Name: "diameter.flags.error", Desc: "Error", Kind: FieldBool},
		{Name: "diameter.flags.T", Desc: "T(Potentially re-transmitted message)", Kind: FieldBool},
		{Name: "diameter.flags.reserved4", Desc: "Reserved", Kind: FieldBool},
		{Name: "diameter.flags.reserved5", Desc: "Reserved", Kind: FieldBool},
		{Name: "diameter.flags.reserved6", Desc: "Reserved", Kind: FieldBool},
		{Name: "diameter.flags.reserved7", Desc: "Reserved", Kind: FieldBool},
		{Name: "diameter.cmd.code", Desc: "Command Code", Kind: FieldUint, Bits: 32},
		{Name: "diameter.applicationId", Desc: "ApplicationId", Kind: FieldUint, Bits: 32},
		{Name: "diameter.hopbyhopid", Desc: "Hop-by-Hop Identifier", Kind: FieldUint, Bits: 32},
		{Name: "diameter.endtoendid", Desc: "End-to-End Identifier", Kind: FieldUint, Bits: 32},
		{Name: "diameter.avp", Desc: "AVP", Kind: FieldBytes},
		{Name: "diameter.avp.code", Desc: "AVP Code", Kind: FieldUint, Bits: 32},
		{Name: "diameter.avp.flags", Desc: "AVP Flags", Kind: FieldUint, Bits: 8},
		{Name: "diameter.flags.vendorspecific", Desc: "Vendor-Specific", Kind: FieldBool},
		{Name: "diameter.flags.mandatory", Desc: "Mandatory", Kind: FieldBool},
		{Name: "diameter.avp.flags.protected", Desc: "Protected", Kind: FieldBool},
		{Name: "diameter.avp.len", Desc: "AVP Length", Kind: FieldUint, Bits: 32},
		{Name: "diameter.avp.vendorId", Desc: "AVP Vendor Id", Kind: FieldUint, Bits: 32},
		{Name: "diameter.avp.pad", Desc: "Padding", Kind: FieldBytes},
		{Name: "diameter.avp.unknown", Desc: "Value", Kind: FieldBytes},
	}
	for i := 3; i <= 7; i++ {
		fs = append(fs, FieldDef{Name: "diameter.avp.flags.reserved" + strconv.Itoa(i), Desc: "Reserved", Kind: FieldBool})
	}
	seen := map[string]bool{}
	for _, d := range diamAVPs {
		n := "diameter." + diamFieldName(d.name)
		if seen[n] {
			continue
		}
		seen[n] = true
		var k FieldKind
		bits := 0
		switch d.kind {
		case diamUTF8:
			k = FieldString
		case diamInt32, diamUint32, diamAppID:
			k, bits = FieldUint, 32
		case diamInt64, diamUint64:
			k, bits = FieldUint, 64
		case diamTime:
			k, bits = FieldUint, 64
		default:
			k = FieldBytes
		}
		fs = append(fs, FieldDef{Name: n, Desc: d.name, Kind: k, Bits: bits})
		if d.kind == diamAddress {
			fs = append(fs, FieldDef{Name: n + ".addr_family", Desc: d.name + " Address Family", Kind: FieldUint, Bits: 16},
				FieldDef{Name: n + ".IPv4", Desc: d.name + " Address", Kind: FieldIPv4},
				FieldDef{Name: n + ".IPv6", Desc: d.name + " Address", Kind: FieldIPv6})
		}
	}
	return fs
}

func init() {
	RegisterTCP(diameterDissector, diameterTCPPort)
	// tshark -G decodes: sctp.ppi 46 and sctp.port 3868 (no entry for
	// PPID 47, Diameter over DTLS)
	RegisterSCTPPPID(diameterDissector, 46)
	RegisterSCTPPort(diameterDissector, diameterTCPPort)
}
