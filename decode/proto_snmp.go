package decode

import (
	"fmt"
	"strconv"
	"strings"
)

// SNMP versions 1 and 2c (RFC 1157, RFC 3416) on UDP ports 161 and 162:
// a BER-encoded message of version, community and one PDU. Info is the
// PDU's name and the object names of its variable bindings ("get-request
// 1.3.6.1.2.1.1.1.0"), as packet-snmp.c writes it. Hand-written: gopacket
// has no SNMP layer, and encoding/asn1 keeps no offsets and refuses the
// context-tagged PDUs. SNMPv3 messages are left to UDP.

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
		k := n & 0x7f
		if k == 0 || k > 3 || start+k > len(b) {
			return 0, 0, 0, false
		}
		n = 0
		for _, c := range b[start : start+k] {
			n = n<<8 | int(c)
		}
		start += k
	}
	if n > len(b)-start {
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
	tag, s, e, ok := berTLV(b, 0)
	if !ok || tag != berSequence {
		return false
	}
	tag, vs, ve, ok := berTLV(b, s)
	if !ok || tag != berInteger || ve-vs != 1 || b[vs] > 1 {
		return false // SNMPv3 and others: not read
	}
	version := b[vs]
	tag, cs, ce, ok := berTLV(b, ve)
	if !ok || tag != berOctets {
		return false
	}
	tag, ps, pe, ok := berTLV(b, ce)
	if !ok || tag&0xe0 != 0xa0 || int(tag&0x1f) >= len(snmpPDUs) {
		return false
	}
	pdu := int(tag & 0x1f)
	_ = e
	out.SetProto("SNMP")
	info := snmpPDUs[pdu][0]
	vname := "version-1"
	if version == 1 {
		vname = "v2c"
	}
	community := string(b[cs:ce])
	f := Field{Name: "snmp", Label: "Simple Network Management Protocol", Len: len(b), Kind: FieldProto, Children: []Field{
		UintField("snmp.version", fmt.Sprintf("version: %s (%d)", vname, version), vs, 1, uint64(version)),
		StrField("snmp.community", "community: "+Printable(community), cs, ce-cs, community),
	}}
	data := Field{Name: "snmp.data", Label: fmt.Sprintf("data: %s (%d)", info, pdu), Start: ce, Len: pe - ce, Kind: FieldUint, Num: uint64(pdu)}
	elem := Field{Name: snmpPDUs[pdu][1], Label: info, Start: ps, Len: pe - ps}
	at := ps
	if pdu != 4 { // every PDU but the SNMPv1 trap: request-id, error-status, error-index
		for k, name := range [3]string{"request-id", "error-status", "error-index"} {
			tag, is, ie, ok := berTLV(b[:pe], at)
			if !ok || tag != berInteger {
				out.SetInfo(info + "[Malformed Packet]")
				return true
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
			out.SetInfo(info + "[Malformed Packet]")
			return true
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
	f.Children = append(f.Children, data)
	out.SetInfo(info)
	if out.WantTree {
		out.Add(f)
	}
	return true
}
