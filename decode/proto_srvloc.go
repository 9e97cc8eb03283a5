package decode

import (
	"encoding/binary"
	"fmt"
	"strconv"
)

// SRVLOC, the Service Location Protocol (SLPv1 RFC 2165, SLPv2 RFC 2608),
// on UDP and TCP 427: printers, directory agents and hypervisors announcing
// and finding services. As packet-srvloc.c shows it: Protocol "SRVLOC",
// Info the function ("Service Request") and the transaction ID (", V2 XID
// - 4660" or ", V1 Transaction ID - 7"). A version byte of 2 or more reads
// as SLPv2. The body is read field by field in the order tshark reads it,
// so a length that runs past the message makes it [Malformed Packet] at the
// same place; SLPv1 strings are read as bytes whatever their character set.
// Rules checked on crafted messages (lab__srvloc-crafted). Hand-written:
// gopacket has no SLP layer.

const portSRVLOC = 427

var srvloc = &Dissector{
	Name:    "srvloc",
	Dissect: dissectSRVLOC,
	PDULen:  srvlocPDULen,
	Fields: []FieldDef{
		{Name: "srvloc.version", Desc: "Version", Kind: FieldUint, Bits: 8},
		{Name: "srvloc.function", Desc: "Function", Kind: FieldUint, Bits: 8},
		{Name: "srvloc.pktlen", Desc: "Packet Length", Kind: FieldUint, Bits: 24},
		{Name: "srvloc.xid", Desc: "XID (SLPv2)", Kind: FieldUint, Bits: 16},
		{Name: "srvloc.transaction_id", Desc: "Transaction ID (SLPv1)", Kind: FieldUint, Bits: 16},
		{Name: "srvloc.langtag", Desc: "Lang Tag", Kind: FieldString},
		{Name: "srvloc.errv2", Desc: "Error Code (SLPv2)", Kind: FieldUint, Bits: 16},
		{Name: "srvloc.err", Desc: "Error Code (SLPv1)", Kind: FieldUint, Bits: 16},
		{Name: "srvloc.url.url", Desc: "URL", Kind: FieldString},
		{Name: "srvloc.url.lifetime", Desc: "URL lifetime", Kind: FieldUint, Bits: 16},
		{Name: "srvloc.srvreq.srvtypelist", Desc: "Service Type List", Kind: FieldString},
		{Name: "srvloc.srvreq.scopelist", Desc: "Scope List", Kind: FieldString},
		{Name: "srvloc.srvreq.predicate", Desc: "Predicate", Kind: FieldString},
		{Name: "srvloc.srvreq.urlcount", Desc: "Number of URLs", Kind: FieldUint, Bits: 16},
		{Name: "srvloc.attrreq.url", Desc: "Service URL", Kind: FieldString},
		{Name: "srvloc.daadvert.url", Desc: "URL", Kind: FieldString},
		{Name: "srvloc.saadvert.url", Desc: "URL", Kind: FieldString},
		{Name: "srvloc.srvtyperply.srvtypelist", Desc: "Service Type List", Kind: FieldString},
	},
}

func init() {
	RegisterUDP(srvloc, portSRVLOC)
	RegisterTCP(srvloc, portSRVLOC)
}

// SLP function IDs (RFC 2608 §8).
const (
	slpSrvRqst     = 1
	slpSrvRply     = 2
	slpSrvReg      = 3
	slpSrvDeReg    = 4
	slpSrvAck      = 5
	slpAttrRqst    = 6
	slpAttrRply    = 7
	slpDAAdvert    = 8
	slpSrvTypeRqst = 9
	slpSrvTypeRply = 10
	slpSAAdvert    = 11
)

var slpErrorsV2 = map[int]string{0: "No Error", 1: "No data in the requested language",
	2: "The message fails to obey SLP syntax.", 3: "The SrvReg has problems", 4: "Scope list not supported",
	5: "Unsupported SLP SPI.", 6: "URL and ATTR authentication not provided", 7: "Authentication error",
	9: "Unsupported version number in message header", 10: "The DA (or SA) is too sick to respond",
	11: "UA or SA SHOULD retry", 12: "Unknown option from the mandatory range", 13: "Invalid SrvReg",
	14: "No support for AttrRqst or SrvTypeRqst", 15: "SrvReg sent too soon"}

var slpErrorsV1 = map[int]string{0: "No Error", 1: "Language not supported", 2: "Protocol parse error",
	3: "Invalid registration", 4: "Scope not supported", 5: "Character set not understood",
	6: "Authentication absent", 7: "Authentication failed"}

var srvlocFunctions = map[byte]string{slpSrvRqst: "Service Request", slpSrvRply: "Service Reply",
	slpSrvReg: "Service Registration", slpSrvDeReg: "Service Deregister", slpSrvAck: "Service Acknowledge",
	slpAttrRqst: "Attribute Request", slpAttrRply: "Attribute Reply", slpDAAdvert: "DA Advertisement",
	slpSrvTypeRqst: "Service Type Request", slpSrvTypeRply: "Service Type Reply", slpSAAdvert: "SA Advertisement"}

// srvlocFunctionNames is srvlocFunctions keyed for slpReader.named.
var srvlocFunctionNames = func() map[int]string {
	m := make(map[int]string, len(srvlocFunctions))
	for k, v := range srvlocFunctions {
		m[int(k)] = v
	}
	return m
}()

// srvlocPDULen delimits SLP over TCP by the header's length: 3 bytes in
// SLPv2, 2 in SLPv1, after the version and function.
func srvlocPDULen(_ *Conv, _ uint8, b []byte) int {
	if len(b) < 5 {
		return 0
	}
	if b[0] == 2 {
		return max(int(b[2])<<16|int(b[3])<<8|int(b[4]), 1)
	}
	return max(int(binary.BigEndian.Uint16(b[2:])), 1)
}

// slpReader reads an SLP message's fields in order; once one runs past the
// message nothing more is read and cut is set.
type slpReader struct {
	b    []byte
	off  int
	cut  bool
	want bool
	tree []Field
}

func (r *slpReader) has(n int) bool {
	if r.cut || n < 0 || r.off+n > len(r.b) {
		r.cut = true
		return false
	}
	return true
}

// num reads an n-byte big-endian number, shown as field name when named.
func (r *slpReader) num(name, label string, n int) (int, bool) {
	if !r.has(n) {
		return 0, false
	}
	v := 0
	for _, c := range r.b[r.off : r.off+n] {
		v = v<<8 | int(c)
	}
	if r.want && name != "" {
		r.tree = append(r.tree, UintField(name, label+": "+strconv.Itoa(v), r.off, n, uint64(v)))
	}
	r.off += n
	return v, true
}

// named reads an n-byte number shown with its name from names, as a
// value_string field shows it.
func (r *slpReader) named(name, label string, n int, names map[int]string) {
	at := r.off
	v, ok := r.num("", "", n)
	if !ok || !r.want {
		return
	}
	s, known := names[v]
	if !known {
		s = "Unknown"
	}
	r.tree = append(r.tree, UintField(name, fmt.Sprintf("%s: %s (%d)", label, s, v), at, n, uint64(v)))
}

// str reads n bytes of text as field name.
func (r *slpReader) str(name, label string, n int) {
	if !r.has(n) {
		return
	}
	if r.want && name != "" {
		v := r.b[r.off : r.off+n]
		r.tree = append(r.tree, Field{Name: name, Label: label + ": " + formatText(v), Start: r.off, Len: n, Kind: FieldString, Str: string(v)})
	}
	r.off += n
}

// lenStr reads a 16-bit length and, when it is not zero, the text it
// counts (SLPv2's <length, string> pairs).
func (r *slpReader) lenStr(name, label string) {
	if n, ok := r.num("", "", 2); ok && n > 0 {
		r.str(name, label, n)
	}
}

// lenStrV1 is SLPv1's pair: the text is read even when empty.
func (r *slpReader) lenStrV1(name, label string) {
	if n, ok := r.num("", "", 2); ok {
		r.str(name, label, n)
	}
}

func dissectSRVLOC(p *PDU, out *Out) bool {
	b := p.Data
	out.SetProto("SRVLOC")
	if len(b) < 2 {
		out.SetInfo(malformedMark)
		return true
	}
	fn := b[1]
	name, known := srvlocFunctions[fn]
	if !known {
		name = fmt.Sprintf("Unknown Function (%d)", fn)
	}
	out.SetInfo(name)
	r := &slpReader{b: b, want: out.WantTree}
	r.num("srvloc.version", "Version", 1)
	r.named("srvloc.function", "Function", 1, srvlocFunctionNames)
	if b[0] < 2 {
		slpV1(r, fn, out)
	} else {
		slpV2(r, fn, out)
	}
	if r.cut {
		out.AppendInfo("", malformedMark)
	}
	if out.WantTree {
		out.Add(Field{Name: "srvloc", Label: "Service Location Protocol", Len: len(b), Kind: FieldProto, Children: r.tree})
	}
	return true
}

// slpUnknown is what tshark does with a function it does not know: an
// expert line over the rest of the message, which must hold a byte.
func slpUnknown(r *slpReader) {
	r.has(1)
}

// slpV2 reads an SLPv2 header and body (RFC 2608 §8-10).
func slpV2(r *slpReader, fn byte, out *Out) {
	r.num("srvloc.pktlen", "Packet Length", 3)
	r.num("", "", 2) // flags
	r.num("", "", 3) // next extension offset
	xid, ok := r.num("srvloc.xid", "XID", 2)
	if !ok {
		return
	}
	out.AppendInfo("", ", V2 XID - "+strconv.Itoa(xid))
	if n, ok := r.num("", "", 2); ok {
		r.str("srvloc.langtag", "Lang Tag", n)
	}
	errCode := func() { r.named("srvloc.errv2", "Error Code", 2, slpErrorsV2) }
	authBlocks := func() {
		count, _ := r.num("", "", 1)
		for ; count > 0 && !r.cut; count-- {
			r.num("", "", 2) // block structure descriptor
			r.num("", "", 2) // length
			r.num("", "", 4) // timestamp
			if n, ok := r.num("", "", 2); ok {
				r.str("", "", n)
			}
		}
	}
	urlEntry := func() {
		r.num("", "", 1)
		r.num("srvloc.url.lifetime", "URL lifetime", 2)
		if n, ok := r.num("", "", 2); ok {
			r.str("srvloc.url.url", "URL", n)
		}
		authBlocks()
	}
	switch fn {
	case slpSrvRqst:
		r.lenStr("", "")
		r.lenStr("srvloc.srvreq.srvtypelist", "Service Type List")
		r.lenStr("srvloc.srvreq.scopelist", "Scope List")
		r.lenStr("srvloc.srvreq.predicate", "Predicate")
		r.lenStr("", "")
	case slpSrvRply:
		errCode()
		count, _ := r.num("srvloc.srvreq.urlcount", "Number of URLs", 2)
		for ; count > 0 && !r.cut; count-- {
			urlEntry()
		}
	case slpSrvReg:
		urlEntry()
		r.lenStr("", "")
		r.lenStr("", "")
		r.lenStr("", "")
		r.num("", "", 1) // attribute authentication count; the blocks are not read
	case slpSrvDeReg:
		r.lenStr("", "")
		urlEntry()
		r.lenStr("", "")
	case slpSrvAck:
		errCode()
	case slpAttrRqst:
		r.lenStr("", "")
		r.lenStr("srvloc.attrreq.url", "Service URL")
		r.lenStr("", "")
		r.lenStr("", "")
		r.lenStr("", "")
	case slpAttrRply:
		errCode()
		r.lenStr("", "")
		r.num("", "", 1)
	case slpDAAdvert:
		errCode()
		r.num("", "", 4) // stateless boot timestamp
		r.lenStr("srvloc.daadvert.url", "URL")
		r.lenStr("", "")
		r.lenStr("", "")
		r.lenStr("", "")
		authBlocks()
	case slpSrvTypeRqst:
		r.lenStr("", "")
		if n, ok := r.num("", "", 2); ok && n != 0xffff && n > 0 {
			r.str("", "", n)
		}
		r.lenStr("", "")
	case slpSrvTypeRply:
		errCode()
		r.lenStr("srvloc.srvtyperply.srvtypelist", "Service Type List")
	case slpSAAdvert:
		r.lenStr("srvloc.saadvert.url", "URL")
		r.lenStr("", "")
		r.lenStr("", "")
		authBlocks()
	default:
		slpUnknown(r)
	}
}

// slpV1 reads an SLPv1 header and body (RFC 2165 §7-9).
func slpV1(r *slpReader, fn byte, out *Out) {
	r.num("srvloc.pktlen", "Packet Length", 2)
	flags, _ := r.num("", "", 1)
	r.num("", "", 1) // dialect
	r.str("", "", 2) // language
	r.num("", "", 2) // character encoding
	xid, ok := r.num("srvloc.transaction_id", "Transaction ID", 2)
	if !ok {
		return
	}
	out.AppendInfo("", ", V1 Transaction ID - "+strconv.Itoa(xid))
	const flagURLAuth, flagAttrAuth = 0x20, 0x10
	authBlock := func() {
		r.num("", "", 8) // timestamp
		r.num("", "", 2) // block structure descriptor
		if n, ok := r.num("", "", 2); ok {
			r.str("", "", n)
		}
	}
	errCode := func() { r.named("srvloc.err", "Error Code", 2, slpErrorsV1) }
	urlEntry := func() {
		r.num("srvloc.url.lifetime", "URL lifetime", 2)
		r.lenStrV1("srvloc.url.url", "URL")
		if flags&flagURLAuth != 0 {
			authBlock()
		}
	}
	switch fn {
	case slpSrvRqst:
		r.lenStrV1("", "")
		r.lenStrV1("srvloc.srvreq.predicate", "Predicate")
	case slpSrvRply:
		errCode()
		count, _ := r.num("srvloc.srvreq.urlcount", "Number of URLs", 2)
		for ; count > 0 && !r.cut; count-- {
			urlEntry()
		}
	case slpSrvReg:
		urlEntry()
		r.lenStrV1("", "")
		if flags&flagAttrAuth != 0 {
			authBlock()
		}
	case slpSrvDeReg:
		// tshark puts this URL beside the SRVLOC layer, not inside it
		r.lenStrV1("srvloc.url.url", "URL")
		if flags&flagURLAuth != 0 {
			authBlock()
		}
		r.lenStrV1("", "")
		if flags&flagAttrAuth != 0 {
			authBlock()
		}
	case slpSrvAck:
		errCode()
	case slpAttrRqst:
		r.lenStrV1("", "")
		r.lenStrV1("srvloc.attrreq.url", "Service URL")
		r.lenStrV1("", "")
		r.lenStrV1("", "")
	case slpAttrRply:
		r.num("", "", 2)
		if n, ok := r.num("", "", 2); ok && n > 0 {
			r.str("", "", n)
			if flags&flagAttrAuth != 0 {
				authBlock()
			}
		}
	case slpDAAdvert:
		errCode()
		r.lenStrV1("srvloc.daadvert.url", "URL")
		r.lenStrV1("", "")
	case slpSrvTypeRqst:
		r.lenStrV1("", "")
		if n, ok := r.num("", "", 2); ok && n != 0xffff {
			r.str("", "", n)
		}
		r.lenStrV1("", "")
	case slpSrvTypeRply:
		errCode()
		count, _ := r.num("", "", 2)
		for ; count > 0 && !r.cut; count-- {
			r.lenStrV1("", "")
		}
	default:
		slpUnknown(r)
	}
}
