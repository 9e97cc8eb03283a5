package decode

import (
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
)

// SNMP versions 1 and 2c (RFC 1157, RFC 3416) on UDP ports 161 and 162:
// a BER-encoded message of version, community and one PDU. Info is the
// PDU's name and the object names of its variable bindings ("get-request
// 1.3.6.1.2.1.1.1.0"), as packet-snmp.c writes it. SNMPv3 (RFC 3412,
// 3414): the header data, the USM security parameters and the scoped PDU
// when in clear; an encrypted PDU reads "encryptedPDU: privKey Unknown"
// (ladder has no keys). Hand-written: gopacket has no SNMP layer, and
// encoding/asn1 keeps no offsets and refuses the context-tagged PDUs.

const (
	portSNMP     = 161
	portSNMPTrap = 162
	snmpMaxBinds = 256 // variable bindings read from one PDU
)

// BER tags SNMP uses (X.690, RFC 1157 §4).
const (
	berInteger  = 0x02
	berOctets   = 0x04
	berNull     = 0x05
	berOID      = 0x06
	berSequence = 0x30
)

var snmp = &Dissector{
	Name:    "snmp",
	Dissect: dissectSNMP,
	Fields: []FieldDef{
		{Name: "snmp.version", Desc: "Version", Kind: FieldUint, Bits: 8},
		{Name: "snmp.community", Desc: "Community", Kind: FieldString},
		{Name: "snmp.data", Desc: "PDU type", Kind: FieldUint, Bits: 8},
		{Name: "snmp.request_id", Desc: "Request ID", Kind: FieldUint, Bits: 32},
		{Name: "snmp.error_status", Desc: "Error status", Kind: FieldUint, Bits: 8},
		{Name: "snmp.msgVersion", Desc: "SNMPv3 message version", Kind: FieldUint, Bits: 8},
		{Name: "snmp.msgID", Desc: "SNMPv3 message ID", Kind: FieldUint, Bits: 32},
		{Name: "snmp.msgUserName", Desc: "SNMPv3 user name", Kind: FieldString},
		{Name: "snmp.msgData", Desc: "SNMPv3 data: plaintext (0) or encryptedPDU (1)", Kind: FieldUint, Bits: 8},
		{Name: "snmp.v3.flags.crypt", Desc: "SNMPv3 encrypted", Kind: FieldBool},
		{Name: "snmp.v3.flags.auth", Desc: "SNMPv3 authenticated", Kind: FieldBool},
		{Name: "snmp.v3.flags.report", Desc: "SNMPv3 reportable", Kind: FieldBool},
		// snmp.name is an OID in tshark's filters (snmp.name == 1.3.6.1...):
		// not offered until the filter language has that type
	},
}

func init() { RegisterUDP(snmp, portSNMP, portSNMPTrap) }

var snmpPDUs = [9][2]string{
	{"get-request", "snmp.get_request_element"}, {"get-next-request", "snmp.get_next_request_element"},
	{"get-response", "snmp.get_response_element"}, {"set-request", "snmp.set_request_element"},
	{"trap", "snmp.trap_element"}, {"getBulkRequest", "snmp.getBulkRequest_element"},
	{"informRequest", "snmp.informRequest_element"}, {"snmpV2-trap", "snmp.snmpV2_trap_element"},
	{"report", "snmp.report_element"},
}

var snmpErrors = [19]string{"noError", "tooBig", "noSuchName", "badValue", "readOnly", "genErr", "noAccess",
	"wrongType", "wrongLength", "wrongEncoding", "wrongValue", "noCreation", "inconsistentValue",
	"resourceUnavailable", "commitFailed", "undoFailed", "authorizationError", "notWritable", "inconsistentName"}

// berTLV reads one BER element at b[at:]: its tag, where its content
// starts and ends; ok is false when it does not fit in b.
func berTLV(b []byte, at int) (tag byte, start, end int, ok bool) {
	if at+2 > len(b) {
		return 0, 0, 0, false
	}
	tag, n := b[at], int(b[at+1])
	start = at + 2
	if n&0x80 != 0 {
		// up to four length bytes: Windows' LDAP and Kerberos always
		// write lengths with four (0x84), whatever their size
		k := n & 0x7f
		if k == 0 || k > 4 || start+k > len(b) {
			return 0, 0, 0, false
		}
		n = 0
		for _, c := range b[start : start+k] {
			n = n<<8 | int(c)
		}
		start += k
	}
	if n < 0 || n > len(b)-start { // n < 0: four length bytes overflowed a 32-bit int
		return 0, 0, 0, false
	}
	return tag, start, start + n, true
}

// berInt decodes a BER INTEGER's content (two's complement, at most 8 bytes).
func berInt(c []byte) int64 {
	if len(c) == 0 || len(c) > 8 {
		return 0
	}
	v := int64(int8(c[0]))
	for _, x := range c[1:] {
		v = v<<8 | int64(x)
	}
	return v
}

// berOIDString renders an OBJECT IDENTIFIER's content in dotted form;
// ok is false for a malformed one.
func berOIDString(c []byte) (string, bool) {
	if len(c) == 0 {
		return "", false
	}
	var sb strings.Builder
	var v uint64
	first := true
	for i, x := range c {
		if v > 1<<56 {
			return "", false
		}
		v = v<<7 | uint64(x&0x7f)
		if x&0x80 != 0 {
			if i == len(c)-1 {
				return "", false
			}
			continue
		}
		if first {
			a := min(v/40, 2)
			sb.WriteString(strconv.FormatUint(a, 10) + "." + strconv.FormatUint(v-40*a, 10))
			first = false
		} else {
			sb.WriteString("." + strconv.FormatUint(v, 10))
		}
		v = 0
	}
	return sb.String(), true
}

var snmpArcs = [3]string{"itu-t", "iso", "joint-iso-itu-t"}

func dissectSNMP(p *PDU, out *Out) bool {
	b := p.Data
	tag, s, _, ok := berTLV(b, 0)
	if !ok || tag != berSequence {
		return false
	}
	tag, vs, ve, ok := berTLV(b, s)
	if !ok || tag != berInteger || ve-vs != 1 || (b[vs] > 1 && b[vs] != 3) {
		return false
	}
	version := b[vs]
	f := Field{Name: "snmp", Label: "Simple Network Management Protocol", Len: len(b), Kind: FieldProto}
	var info string
	if version == 3 {
		var ok bool
		if info, ok = snmpV3(b, vs, ve, &f); !ok {
			return false
		}
	} else {
		tag, cs, ce, ok := berTLV(b, ve)
		if !ok || tag != berOctets {
			return false
		}
		if tag, _, _, ok := berTLV(b, ce); !ok || tag&0xe0 != 0xa0 || int(tag&0x1f) >= len(snmpPDUs) {
			return false
		}
		vname := "version-1"
		if version == 1 {
			vname = "v2c"
		}
		community := string(b[cs:ce])
		f.Children = append(f.Children,
			UintField("snmp.version", fmt.Sprintf("version: %s (%d)", vname, version), vs, 1, uint64(version)),
			StrField("snmp.community", "community: "+Printable(community), cs, ce-cs, community))
		var data Field
		info, data = snmpPDU(b, ce)
		f.Children = append(f.Children, data)
	}
	out.SetProto("SNMP")
	out.SetInfo(info)
	if out.WantTree {
		out.Add(f)
	}
	return true
}

// snmpPDU reads the PDU whose TLV starts at at: the Info text (its name
// and every variable binding's object name, or a malformation note) and
// the data field.
func snmpPDU(b []byte, at int) (string, Field) {
	tag, ps, pe, ok := berTLV(b, at)
	if !ok || tag&0xe0 != 0xa0 || int(tag&0x1f) >= len(snmpPDUs) {
		return malformedMark, Field{}
	}
	pdu := int(tag & 0x1f)
	info := snmpPDUs[pdu][0]
	data := Field{Name: "snmp.data", Label: fmt.Sprintf("data: %s (%d)", info, pdu), Start: at, Len: pe - at, Kind: FieldUint, Num: uint64(pdu)}
	elem := Field{Name: snmpPDUs[pdu][1], Label: info, Start: ps, Len: pe - ps}
	at = ps
	if pdu != 4 { // every PDU but the SNMPv1 trap: request-id, error-status, error-index
		for k, name := range [3]string{"request-id", "error-status", "error-index"} {
			tag, is, ie, ok := berTLV(b[:pe], at)
			if !ok || tag != berInteger {
				return info + malformedMark, data
			}
			v := berInt(b[is:ie])
			switch {
			case k == 0:
				elem.Children = append(elem.Children, UintField("snmp.request_id", fmt.Sprintf("request-id: %d", v), is, ie-is, uint64(uint32(v))))
			case k == 1 && pdu != 5 && v >= 0 && int(v) < len(snmpErrors):
				elem.Children = append(elem.Children, UintField("snmp.error_status", fmt.Sprintf("error-status: %s (%d)", snmpErrors[v], v), is, ie-is, uint64(v)))
			case k == 2 && pdu != 5:
				elem.Children = append(elem.Children, UintField("snmp.error_index", fmt.Sprintf("error-index: %d", v), is, ie-is, uint64(v)))
			default:
				elem.Children = append(elem.Children, Field{Label: fmt.Sprintf("%s: %d", name, v), Start: is, Len: ie - is})
			}
			at = ie
		}
		tag, ls, le, ok := berTLV(b[:pe], at)
		if !ok || tag != berSequence {
			return info + malformedMark, data
		}
		binds := Field{Name: "snmp.variable_bindings", Start: ls, Len: le - ls}
		n := 0
		for vb := ls; vb < le && n < snmpMaxBinds; n++ {
			tag, bs, be, ok := berTLV(b[:le], vb)
			if !ok || tag != berSequence {
				break
			}
			tag, os, oe, ok := berTLV(b[:be], bs)
			if !ok || tag != berOID {
				break
			}
			oid, ok := berOIDString(b[os:oe])
			if !ok {
				break
			}
			info += " " + oid
			arc := snmpArcs[min(int(b[os])/40, 2)]
			_, rest, _ := strings.Cut(oid, ".")
			binds.Children = append(binds.Children, Field{Label: oid, Start: bs, Len: be - bs, Children: []Field{
				StrField("snmp.name", fmt.Sprintf("Object Name: %s (%s.%s)", oid, arc, rest), os, oe-os, oid),
			}})
			vb = be
		}
		binds.Label = fmt.Sprintf("variable-bindings: %d %s", n, plural(n, "item", "items"))
		elem.Children = append(elem.Children, binds)
	}
	data.Children = append(data.Children, elem)
	return info, data
}

// snmpHex labels an OCTET STRING shown in hex, "<MISSING>" when empty, as
// tshark shows SNMPv3's engine IDs and security parameters.
func snmpHex(name, label string, b []byte, s, e int) Field {
	text := "<MISSING>"
	if e > s {
		text = hex.EncodeToString(b[s:min(e, s+36)])
		if e-s > 36 {
			text += "…"
		}
	}
	return Field{Name: name, Label: label + ": " + text, Start: s, Len: e - s, Kind: FieldBytes, Str: string(b[s:e])}
}

// snmpV3 reads an SNMPv3 message (RFC 3412 6, RFC 3414 2.4) after its
// version at vs..ve into f: header data, the USM security parameters and
// the scoped PDU, in clear or encrypted. It returns the Info text: the
// PDU's, or "encryptedPDU: privKey Unknown" as tshark prints it without
// the user's keys.
func snmpV3(b []byte, vs, ve int, f *Field) (string, bool) {
	tag, gs, ge, ok := berTLV(b, ve)
	if !ok || tag != berSequence {
		return "", false
	}
	f.Children = append(f.Children, UintField("snmp.msgVersion", "msgVersion: snmpv3 (3)", vs, 1, 3))
	global := Field{Name: "snmp.msgGlobalData_element", Label: "msgGlobalData", Start: ve, Len: ge - ve}
	at := gs
	for k, name := range [4]string{"msgID", "msgMaxSize", "msgFlags", "msgSecurityModel"} {
		tag, is, ie, ok := berTLV(b[:ge], at)
		if !ok {
			return "", false
		}
		switch {
		case k == 2 && tag == berOctets && ie-is == 1:
			fl := uint32(b[is])
			set := func(bit uint32) string {
				if fl&bit != 0 {
					return "Set"
				}
				return "Not set"
			}
			global.Children = append(global.Children, Field{Name: "snmp.msgFlags", Label: "msgFlags: " + hexByte(b[is]), Start: is, Len: 1,
				Kind: FieldBytes, Str: string(b[is:ie]), Children: []Field{
					{Name: "snmp.v3.flags.report", Label: bitString(fl, 8, 4) + " = Reportable: " + set(4), Start: is, Len: 1, Kind: FieldBool, Num: uint64(fl >> 2 & 1)},
					{Name: "snmp.v3.flags.crypt", Label: bitString(fl, 8, 2) + " = Encrypted: " + set(2), Start: is, Len: 1, Kind: FieldBool, Num: uint64(fl >> 1 & 1)},
					{Name: "snmp.v3.flags.auth", Label: bitString(fl, 8, 1) + " = Authenticated: " + set(1), Start: is, Len: 1, Kind: FieldBool, Num: uint64(fl & 1)},
				}})
		case tag == berInteger && ie-is <= 5:
			v := berInt(b[is:ie])
			label := fmt.Sprintf("%s: %d", name, v)
			if k == 3 && v == 3 {
				label = name + ": USM (3)"
			}
			global.Children = append(global.Children, UintField("snmp."+name, label, is, ie-is, uint64(uint32(v))))
		default:
			return "", false
		}
		at = ie
	}
	f.Children = append(f.Children, global)
	// msgSecurityParameters: an OCTET STRING holding the USM SEQUENCE
	tag, ss, se, ok := berTLV(b, ge)
	if !ok || tag != berOctets {
		return "", false
	}
	if tag, us, ue, ok := berTLV(b[:se], ss); ok && tag == berSequence {
		at = us
		for k, name := range [6]string{"msgAuthoritativeEngineID", "msgAuthoritativeEngineBoots", "msgAuthoritativeEngineTime",
			"msgUserName", "msgAuthenticationParameters", "msgPrivacyParameters"} {
			_, is, ie, ok := berTLV(b[:ue], at)
			if !ok {
				break
			}
			switch k {
			case 1, 2:
				v := berInt(b[is:ie])
				f.Children = append(f.Children, UintField("snmp."+name, fmt.Sprintf("%s: %d", name, v), is, ie-is, uint64(uint32(v))))
			case 3:
				user := string(b[is:ie])
				f.Children = append(f.Children, StrField("snmp.msgUserName", "msgUserName: "+Printable(user), is, ie-is, user))
			default:
				f.Children = append(f.Children, snmpHex("snmp."+name, name, b, is, ie))
			}
			at = ie
		}
	}
	// msgData: a plaintext ScopedPDU or an encrypted one
	tag, ds, de, ok := berTLV(b, se)
	if !ok {
		return "", false
	}
	switch tag {
	case berSequence:
		msg := Field{Name: "snmp.msgData", Label: "msgData: plaintext (0)", Start: se, Len: de - se, Kind: FieldUint}
		plain := Field{Name: "snmp.plaintext_element", Label: "plaintext", Start: se, Len: de - se}
		_, cs, ce, ok := berTLV(b[:de], ds)
		if !ok {
			return malformedMark, true
		}
		plain.Children = append(plain.Children, snmpHex("snmp.contextEngineID", "contextEngineID", b, cs, ce))
		_, ns, ne, ok := berTLV(b[:de], ce)
		if !ok {
			return malformedMark, true
		}
		name := string(b[ns:ne])
		plain.Children = append(plain.Children, StrField("snmp.contextName", "contextName: "+Printable(name), ns, ne-ns, name))
		info, data := snmpPDU(b[:de], ne)
		if data.Name != "" {
			plain.Children = append(plain.Children, data)
		}
		msg.Children = append(msg.Children, plain)
		f.Children = append(f.Children, msg)
		return info, true
	case berOctets:
		msg := Field{Name: "snmp.msgData", Label: "msgData: encryptedPDU (1)", Start: se, Len: de - se, Kind: FieldUint, Num: 1,
			Children: []Field{snmpHex("snmp.encryptedPDU", "encryptedPDU", b, ds, de)}}
		f.Children = append(f.Children, msg)
		return "encryptedPDU: privKey Unknown", true
	}
	return "", false
}
