package decode

import (
	"encoding/binary"
	"encoding/hex"
	"strconv"
	"strings"
)

// LDAPv3 (RFC 4511) on TCP port 389: each PDU is one BER-encoded
// LDAPMessage (SEQUENCE { messageID, protocolOp, [0] controls }), framed
// by its own BER length. Info is packet-ldap.c's: per message the
// operation's name and message ID, then what the operation names (a bind's
// DN and authentication choice, a search's base object and scope, an entry's
// DN, a result code), every text followed by a space; the messages of one
// segment are joined with " | ", and a searchResDone adds how many entries
// the conversation returned since the last one ("[2 results]").
// Hand-written: gopacket has no LDAP layer, and encoding/asn1 keeps no
// offsets and refuses the application-tagged operations; the BER reader
// is SNMP's (proto_snmp.go: berTLV). After a SASL bind with a security
// layer each message is a SASL buffer (ldapSASL): a GSS-API wrap token
// (gssapi.go) whose sealed data stays unread, as tshark without keys.

const (
	portLDAP = 389
	// ldapMaxItems bounds the items read from one SEQUENCE OF or SET OF
	// (attributes, values, modifications).
	ldapMaxItems = 256
	// ldapMaxFilterDepth bounds the nesting of a search filter that is
	// read (and, or, not), as packet-ldap.c's MAX_FILTER_LEN does.
	ldapMaxFilterDepth = 32
)

// The protocolOp choices (RFC 4511 §4.2-4.14): the application tag
// number, which tshark shows as the protocolOp value.
const (
	ldapBindRequest    = 0
	ldapBindResponse   = 1
	ldapUnbindRequest  = 2
	ldapSearchRequest  = 3
	ldapSearchResEntry = 4
	ldapSearchResDone  = 5
	ldapModifyRequest  = 6
	ldapAddRequest     = 8
	ldapDelRequest     = 10
	ldapModDNRequest   = 12
	ldapCompareRequest = 14
	ldapAbandonRequest = 16
	ldapSearchResRef   = 19
	ldapExtendedReq    = 23
	ldapExtendedResp   = 24
	ldapIntermediate   = 25
)

// ldapOps names the operations as tshark does (ldap_ProtocolOp_vals).
var ldapOps = [26]string{
	0: "bindRequest", 1: "bindResponse", 2: "unbindRequest", 3: "searchRequest", 4: "searchResEntry",
	5: "searchResDone", 6: "modifyRequest", 7: "modifyResponse", 8: "addRequest", 9: "addResponse",
	10: "delRequest", 11: "delResponse", 12: "modDNRequest", 13: "modDNResponse", 14: "compareRequest",
	15: "compareResponse", 16: "abandonRequest", 19: "searchResRef", 23: "extendedReq", 24: "extendedResp",
	25: "intermediateResponse",
}

// ldapResults are the LDAPResult resultCode names (RFC 4511 §4.1.9, RFC
// 3909 for the cancel codes), as packet-ldap.c spells them.
var ldapResults = map[int64]string{
	0: "success", 1: "operationsError", 2: "protocolError", 3: "timeLimitExceeded", 4: "sizeLimitExceeded",
	5: "compareFalse", 6: "compareTrue", 7: "authMethodNotSupported", 8: "strongAuthRequired", 10: "referral",
	11: "adminLimitExceeded", 12: "unavailableCriticalExtension", 13: "confidentialityRequired",
	14: "saslBindInProgress", 16: "noSuchAttribute", 17: "undefinedAttributeType", 18: "inappropriateMatching",
	19: "constraintViolation", 20: "attributeOrValueExists", 21: "invalidAttributeSyntax", 32: "noSuchObject",
	33: "aliasProblem", 34: "invalidDNSyntax", 36: "aliasDereferencingProblem", 48: "inappropriateAuthentication",
	49: "invalidCredentials", 50: "insufficientAccessRights", 51: "busy", 52: "unavailable",
	53: "unwillingToPerform", 54: "loopDetect", 64: "namingViolation", 65: "objectClassViolation",
	66: "notAllowedOnNonLeaf", 67: "notAllowedOnRDN", 68: "entryAlreadyExists", 69: "objectClassModsProhibited",
	71: "affectsMultipleDSAs", 80: "other", 118: "canceled", 119: "noSuchOperation", 120: "tooLate",
	121: "cannotCancel",
}

var (
	ldapScopes    = [3]string{"baseObject", "singleLevel", "wholeSubtree"}
	ldapDerefs    = [4]string{"neverDerefAliases", "derefInSearching", "derefFindingBaseObj", "derefAlways"}
	ldapModOps    = [4]string{"add", "delete", "replace", "increment"}
	ldapFilterOps = [10]string{"and", "or", "not", "equalityMatch", "substrings", "greaterOrEqual",
		"lessOrEqual", "present", "approxMatch", "extensibleMatch"}
	ldapSubstrings = [3]string{"initial", "any", "final"}
)

// ldapAuth names a bind's authentication choice by its context tag.
func ldapAuth(tag byte) string {
	switch tag {
	case 0:
		return "simple"
	case 3:
		return "sasl"
	case 10:
		return "ntlmsspNegotiate"
	case 11:
		return "ntlmsspAuth"
	}
	return "Unknown (" + strconv.Itoa(int(tag)) + ")"
}

var ldap = &Dissector{
	Name:    "ldap",
	Dissect: ldapDissect,
	PDULen:  ldapPDULen,
	Fields: []FieldDef{
		{Name: "ldap.messageID", Desc: "messageID", Kind: FieldUint, Bits: 32},
		{Name: "ldap.protocolOp", Desc: "protocolOp", Kind: FieldUint, Bits: 32},
		{Name: "ldap.version", Desc: "version", Kind: FieldUint, Bits: 32},
		{Name: "ldap.name", Desc: "name", Kind: FieldString},
		{Name: "ldap.simple", Desc: "simple", Kind: FieldString},
		{Name: "ldap.resultCode", Desc: "resultCode", Kind: FieldUint, Bits: 32},
		{Name: "ldap.matchedDN", Desc: "matchedDN", Kind: FieldString},
		{Name: "ldap.errorMessage", Desc: "errorMessage", Kind: FieldString},
		{Name: "ldap.baseObject", Desc: "baseObject", Kind: FieldString},
		{Name: "ldap.scope", Desc: "scope", Kind: FieldUint, Bits: 32},
		{Name: "ldap.derefAliases", Desc: "derefAliases", Kind: FieldUint, Bits: 32},
		{Name: "ldap.sizeLimit", Desc: "sizeLimit", Kind: FieldUint, Bits: 32},
		{Name: "ldap.timeLimit", Desc: "timeLimit", Kind: FieldUint, Bits: 32},
		{Name: "ldap.typesOnly", Desc: "typesOnly", Kind: FieldBool},
		{Name: "ldap.filter", Desc: "filter", Kind: FieldUint, Bits: 32},
		{Name: "ldap.attributes", Desc: "attributes", Kind: FieldUint, Bits: 32},
		{Name: "ldap.AttributeDescription", Desc: "AttributeDescription", Kind: FieldString},
		{Name: "ldap.objectName", Desc: "objectName", Kind: FieldString},
		{Name: "ldap.entry", Desc: "entry", Kind: FieldString},
		{Name: "ldap.object", Desc: "object", Kind: FieldString},
		{Name: "ldap.delRequest", Desc: "delRequest", Kind: FieldString},
		{Name: "ldap.type", Desc: "type", Kind: FieldString},
		{Name: "ldap.vals", Desc: "vals", Kind: FieldUint, Bits: 32},
		{Name: "ldap.attributeDesc", Desc: "attributeDesc", Kind: FieldString},
		{Name: "ldap.assertionValue", Desc: "assertionValue", Kind: FieldString},
		{Name: "ldap.operation", Desc: "operation", Kind: FieldUint, Bits: 32},
		{Name: "ldap.requestName", Desc: "requestName", Kind: FieldString},
		{Name: "ldap.searchResRef", Desc: "searchResRef", Kind: FieldUint, Bits: 32},
		{Name: "ldap.LDAPURL", Desc: "LDAPURL", Kind: FieldString},
		{Name: "ldap.mechanism", Desc: "mechanism", Kind: FieldString},
		{Name: "ldap.credentials", Desc: "credentials", Kind: FieldBytes},
		{Name: "ldap.serverSaslCreds", Desc: "serverSaslCreds", Kind: FieldBytes},
		{Name: "ldap.sasl_buffer_length", Desc: "SASL Buffer Length", Kind: FieldUint, Bits: 32},
		{Name: "ldap.gssapi_encrypted_payload", Desc: "GSS-API Encrypted payload", Kind: FieldBytes},
	},
}

func init() {
	ldap.Fields = append(ldap.Fields, gssWrapFields...)
	RegisterTCP(ldap, portLDAP)
}

// ldapConv is what an LDAP conversation keeps between messages: the
// search entries returned since the last searchResDone (packet-ldap.c
// counts them per conversation, not per message ID), and its SASL state
// (packet-ldap.c's ldap_conv_info_t): sasl once a bind chose SASL
// authentication, the mechanism it named, and secureFrom, the 1-based
// frame from which a PDU beginning with a zero byte is a SASL buffer (the
// one after the bindResponse that carried serverSaslCreds; 0: none yet).
type ldapConv struct {
	results    int
	sasl       bool
	mech       string
	secureFrom int
}

// ldapSASLMaxBuf is the largest SASL buffer packet-ldap.c frames
// (LDAP_SASL_MAX_BUF).
const ldapSASLMaxBuf = 1 << 20

// ldapPDULen frames one LDAPMessage by its BER header, or, as
// dissect_ldap_tcp does, one SASL buffer by its 4-byte length: on a
// conversation whose bind chose SASL, or, when no bind was seen, when the
// length spans exactly the segment.
func ldapPDULen(c *Conv, _ uint8, b []byte) int {
	if b[0] != berSequence {
		if len(b) < 4 {
			return 0
		}
		n := binary.BigEndian.Uint32(b)
		var st *ldapConv
		if c != nil {
			st, _ = c.State.(*ldapConv)
		}
		if st != nil && st.sasl && n >= 2 && n <= ldapSASLMaxBuf {
			return 4 + int(n)
		}
		if c.AtSegmentStart() && uint64(n)+4 == uint64(len(b)) {
			return len(b)
		}
		return PDUReject
	}
	if len(b) < 2 {
		return 0
	}
	n := int(b[1])
	if n < 0x80 {
		return 2 + n
	}
	k := n & 0x7f
	if k == 0 || k > 4 {
		return PDUReject // indefinite or absurd length: not an LDAPMessage
	}
	if len(b) < 2+k {
		return 0
	}
	n = 0
	for _, c := range b[2 : 2+k] {
		n = n<<8 | int(c)
	}
	if n < 0 || n > maxLDAPMessage {
		return PDUReject
	}
	return 2 + k + n
}

// maxLDAPMessage bounds the length an LDAPMessage may claim: far above any
// search result entry, below what a 32-bit int holds.
const maxLDAPMessage = 1 << 30

// ldapMsg is one message being read: its bytes, the Info text and the
// LDAPMessage line's label as they grow.
type ldapMsg struct {
	b     []byte
	info  strings.Builder
	label strings.Builder
	tree  bool
	frame int // 0-based, of the packet that completes the message
}

// note adds s to the Info text (with packet-ldap.c's trailing space) and
// to the message line's label.
func (m *ldapMsg) note(s string) {
	m.info.WriteString(s)
	m.info.WriteByte(' ')
	m.label.WriteByte(' ')
	m.label.WriteString(s)
}

// str reads an OCTET STRING (LDAPString, LDAPDN) at at, ending before
// end: its field, value and where the next element starts.
func (m *ldapMsg) str(name, label string, at, end int) (Field, string, int, bool) {
	_, s, e, ok := berTLV(m.b[:end], at)
	if !ok {
		return Field{}, "", 0, false
	}
	v := string(m.b[s:e])
	return StrField(name, label+": "+Printable(v), s, e-s, v), v, e, true
}

// dn reads the distinguished name an operation names (an LDAPDN at at),
// adds its field to elem and its quoted value to the Info text, as
// packet-ldap.c does for every operation that names an entry.
func (m *ldapMsg) dn(elem *Field, name, label string, at, end int) (next int, ok bool) {
	f, dn, next, ok := m.str(name, label, at, end)
	if !ok {
		return 0, false
	}
	m.note(ldapQuoted(dn))
	elem.Children = append(elem.Children, f)
	return next, true
}

// integer reads an INTEGER or ENUMERATED at at.
func (m *ldapMsg) integer(at, end int) (v int64, s, e int, ok bool) {
	_, s, e, ok = berTLV(m.b[:end], at)
	if !ok || e-s > 8 {
		return 0, 0, 0, false
	}
	return berInt(m.b[s:e]), s, e, true
}

// quoted is how a DN appears in Info and on the message line: in quotes,
// "<ROOT>" when empty.
func ldapQuoted(dn string) string {
	if dn == "" {
		return `"<ROOT>"`
	}
	return `"` + Printable(dn) + `"`
}

func ldapState(c *Conv) *ldapConv {
	if c == nil {
		return &ldapConv{}
	}
	st, ok := c.State.(*ldapConv)
	if !ok {
		st = &ldapConv{}
		c.State = st
	}
	return st
}

func ldapDissect(p *PDU, out *Out) bool { return ldapPDU(p, out, false) }

// ldapPDU reads one TCP PDU or one datagram (connectionless, CLDAP) as
// packet-ldap.c's dissect_ldap_pdu does: a SASL buffer, or the
// LDAPMessages it holds.
func ldapPDU(p *PDU, out *Out, connectionless bool) bool {
	b := p.Data
	st := ldapState(p.Conv)
	top := Field{Name: "ldap", Label: "Lightweight Directory Access Protocol", Len: len(b), Kind: FieldProto}
	proto := "LDAP"
	if connectionless {
		top.Name, top.Label, proto = "cldap", "Connectionless Lightweight Directory Access Protocol", "CLDAP"
	}
	if len(b) > 0 && b[0] != berSequence {
		out.SetProto(proto)
		return ldapSASL(p, st, out, top)
	}
	tag, _, _, ok := berTLV(b, 0)
	if !ok || tag != berSequence {
		return false
	}
	out.SetProto(proto)
	info, msgs, bad := ldapPayload(b, st, p.Frame, out.WantTree)
	if bad {
		info += malformedMark
	}
	ldapAppend(out, info)
	if out.WantTree {
		top.Children = msgs
		out.Add(top)
	}
	return true
}

// ldapMessage reads the LDAPMessage that b holds: its Info text, its
// tree line (offsets relative to b) and whether it was read (a message
// without its ID or with an unknown operation is malformed).
func ldapMessage(b []byte, st *ldapConv, frame int, tree bool) (string, Field, bool) {
	_, s, e, ok := berTLV(b, 0)
	if !ok {
		return "", Field{}, false
	}
	m := &ldapMsg{b: b[:e], tree: tree, frame: frame}
	id, is, ie, ok := m.integer(s, e)
	if !ok {
		return "", Field{}, false
	}
	msg := Field{Name: "ldap.LDAPMessage_element", Start: 0, Len: e, Children: []Field{
		UintField("ldap.messageID", "messageID: "+strconv.FormatInt(id, 10), is, ie-is, uint64(uint32(id))),
	}}
	otag, os, oe, ok := berTLV(b[:e], ie)
	op := int(otag & 0x1f)
	if !ok || otag&0xc0 != 0x40 || op >= len(ldapOps) || ldapOps[op] == "" {
		return "", Field{}, false
	}
	name := ldapOps[op]
	m.note(name + "(" + strconv.FormatInt(id, 10) + ")")
	opField := Field{Name: "ldap.protocolOp", Label: "protocolOp: " + name + " (" + strconv.Itoa(op) + ")",
		Start: ie, Len: oe - ie, Kind: FieldUint, Num: uint64(op)}
	elem := m.op(op, os, oe, st)
	if op == ldapUnbindRequest {
		elem.Start, elem.Len = ie, 0 // tshark shows the empty NULL at its tag, with no length
	}
	opField.Children = append(opField.Children, elem)
	msg.Children = append(msg.Children, opField)
	msg.Label = "LDAPMessage" + m.label.String()
	return m.info.String(), msg, true
}

// ldapSASL reads a PDU that does not begin with an LDAPMessage: after a
// SASL bind (or when it looks like a Kerberos wrap token, packet-ldap.c's
// guess for captures that missed the bind) a SASL buffer, a 4-byte length
// and the mechanism's wrapped message. With GSSAPI or GSS-SPNEGO the buffer
// is a GSS-API wrap token: sealed, it shows as "SASL GSS-API Privacy:
// payload (N bytes)" (no keys, as tshark has none); signed only, the LDAP
// messages that follow the token are read ("SASL GSS-API Integrity: ...").
func ldapSASL(p *PDU, st *ldapConv, out *Out, top Field) bool {
	b := p.Data
	frame := p.Frame + 1 // packet-ldap.c counts frames from 1
	doing := st.sasl && st.secureFrom != 0 && frame >= st.secureFrom
	if !doing && len(b) >= 6 {
		// packet-ldap.c adds the 4 in 32 bits: a length near 2^32 wraps
		if n := binary.BigEndian.Uint32(b) + 4; n <= uint32(p.Len) && (b[4] == 0x05 && b[5] == 0x04 || b[4] == 0x60) {
			st.sasl, st.secureFrom, st.mech, doing = true, frame, "UNKNOWN", true
		}
	}
	if !doing || len(b) < 4 || b[0] != 0 {
		// packet-ldap.c reads the bytes as an LDAPMessage, whose BER
		// header (tag 0, length below 4) makes it stop at once
		ldapAppend(out, "")
		if out.WantTree {
			out.Add(top)
		}
		return true
	}
	saslLen := binary.BigEndian.Uint32(b)
	top.Children = []Field{
		UintField("ldap.sasl_buffer_length", "SASL Buffer Length: "+strconv.FormatUint(uint64(saslLen), 10), 0, 4, uint64(saslLen)),
	}
	gss := b[4:]
	if uint64(len(gss)) > uint64(saslLen) {
		gss = gss[:saslLen]
	}
	buf := Field{Label: "SASL Buffer", Start: 4, Len: len(gss)}
	info := ""
	malformed := false
	if st.mech == "GSS-SPNEGO" || st.mech == "GSSAPI" {
		if layer, verLen, sealed, ok := gssWrap(gss, out.WantTree); ok {
			payload := int64(saslLen) - int64(verLen)
			buf.Children = append(buf.Children, layer)
			if sealed {
				info = "SASL GSS-API Privacy: payload (" + strconv.FormatInt(payload, 10) + plural(int(payload), " byte)", " bytes)")
				v := gss[verLen:]
				buf.Children = append(buf.Children, Field{Name: "ldap.gssapi_encrypted_payload",
					Label: "GSS-API Encrypted payload: " + ldapBytes(v), Start: verLen, Len: len(v), Kind: FieldBytes, Str: string(v)})
			} else {
				text, msgs, bad := ldapPayload(gss[verLen:], st, p.Frame, out.WantTree)
				info = "SASL GSS-API Integrity: " + text
				malformed = bad
				Shift(msgs, verLen)
				buf.Children = append(buf.Children, Field{Label: "GSS-API payload (" + strconv.FormatInt(payload, 10) +
					plural(int(payload), " byte)", " bytes)"), Start: verLen, Len: len(gss) - verLen, Children: msgs})
			}
			Shift(buf.Children, 4)
		}
	}
	if malformed {
		info += malformedMark
	}
	ldapAppend(out, info)
	if out.WantTree {
		top.Children = append(top.Children, buf)
		out.Add(top)
		if malformed {
			out.Add(Field{Name: "_ws.malformed", Label: "[Malformed Packet: LDAP]"})
		}
	}
	return true
}

// ldapPayload reads the LDAPMessages that follow one another in b (a SASL
// buffer's unwrapped data, a CLDAP datagram) as dissect_ldap_payload does:
// while 6 bytes or more remain, a BER header, and a SEQUENCE of 4 bytes or
// more is a message. The texts of the messages join without a separator;
// bad says a header or message ran past the bytes, where tshark's
// exception ends the packet with malformedMark (a SASL integrity
// token's trailing checksum does that).
func ldapPayload(b []byte, st *ldapConv, frame int, tree bool) (info string, msgs []Field, bad bool) {
	var text strings.Builder
	at := 0
	for k := 0; k < ldapMaxItems && len(b)-at >= 6; k++ {
		hdr, n, seq, ok := berHeader(b[at:])
		if !ok {
			return text.String(), msgs, true
		}
		if n < 4 || n > 10000000 {
			break
		}
		if !seq {
			break // packet-ber.c reports a sequence expected, and no Info
		}
		end := at + hdr + int(n)
		if end > len(b) {
			return text.String(), msgs, true
		}
		s, msg, ok := ldapMessage(b[at:end], st, frame, tree)
		text.WriteString(s)
		if !ok {
			return text.String(), msgs, true
		}
		if tree {
			msgs = append(msgs, msg)
			Shift(msgs[len(msgs)-1:], at)
		}
		at = end
	}
	return text.String(), msgs, false
}

// berHeader reads a BER identifier and length as packet-ber.c's
// get_ber_identifier and get_ber_length do, without bounds on the value:
// the header's length, the content length, whether it is a universal
// SEQUENCE, and ok false when the header runs past b (or is of the
// indefinite form, which ladder does not scan for its end).
func berHeader(b []byte) (hdr int, n uint32, seq, ok bool) {
	if len(b) < 2 {
		return 0, 0, false, false
	}
	tag := uint32(b[0] & 0x1f)
	at := 1
	if tag == 0x1f {
		tag = 0
		for k := 0; ; k++ {
			if at >= len(b) || k > 4 {
				return 0, 0, false, false
			}
			c := b[at]
			at++
			tag = tag<<7 | uint32(c&0x7f)
			if c&0x80 == 0 {
				break
			}
		}
	}
	if at >= len(b) {
		return 0, 0, false, false
	}
	l := b[at]
	at++
	if l < 0x80 {
		n = uint32(l)
	} else {
		k := int(l & 0x7f)
		if k == 0 || at+k > len(b) {
			return 0, 0, false, false
		}
		for _, c := range b[at : at+k] {
			n = n<<8 | uint32(c)
		}
		at += k
	}
	return at, n, b[0]&0xc0 == 0 && tag == 16, true
}

// ldapAppend writes one message's text: the first of the segment sets
// the column, the next ones follow " | " (packet-ldap.c's separator).
func ldapAppend(out *Out, s string) {
	if out.Info() == "" {
		out.SetInfo(s)
	} else {
		out.AppendInfo(" | ", s)
	}
}

// op reads the operation whose content lies at s..e; its element field.
func (m *ldapMsg) op(op, s, e int, st *ldapConv) Field {
	b := m.b
	name := ldapOps[op]
	elem := Field{Name: "ldap." + name + "_element", Label: name, Start: s, Len: e - s}
	switch op {
	case ldapBindRequest:
		v, vs, ve, ok := m.integer(s, e)
		if !ok {
			return elem
		}
		elem.Children = append(elem.Children, UintField("ldap.version", "version: "+strconv.FormatInt(v, 10), vs, ve-vs, uint64(uint32(v))))
		at, ok := m.dn(&elem, "ldap.name", "name", ve, e)
		if !ok {
			return elem
		}
		atag, as, ae, ok := berTLV(b[:e], at)
		if !ok || atag&0xc0 != 0x80 {
			return elem
		}
		auth := ldapAuth(atag & 0x1f)
		if atag&0x1f == 3 && ldapMechanism(b[as:ae]) == "GSS-SPNEGO" {
			// SPNEGO hands an NTLMSSP token to NTLMSSP, whose message
			// name goes to Info before the choice's ("NTLMSSP_NEGOTIATEsasl")
			m.info.WriteString(ntlmsspInfo(b[as:ae]))
		}
		m.note(auth)
		af := Field{Name: "ldap.authentication", Label: "authentication: " + auth + " (" + strconv.Itoa(int(atag&0x1f)) + ")",
			Start: as, Len: ae - as, Kind: FieldUint, Num: uint64(atag & 0x1f)}
		switch atag & 0x1f {
		case 0:
			pw := string(b[as:ae])
			af.Children = append(af.Children, StrField("ldap.simple", "simple: "+Printable(pw), as, ae-as, pw))
		case 3:
			af.Children = append(af.Children, m.saslCredentials(as, ae, st))
		}
		elem.Children = append(elem.Children, af)
	case ldapUnbindRequest:
		// the caller places the element as tshark does
	case ldapSearchRequest:
		at, ok := m.dn(&elem, "ldap.baseObject", "baseObject", s, e)
		if !ok {
			return elem
		}
		for k, fname := range [5]string{"scope", "derefAliases", "sizeLimit", "timeLimit", "typesOnly"} {
			v, vs, ve, ok := m.integer(at, e)
			if !ok {
				return elem
			}
			label := fname + ": " + strconv.FormatInt(v, 10)
			switch {
			case k == 0 && v >= 0 && v < int64(len(ldapScopes)):
				m.note(ldapScopes[v])
				label = fname + ": " + ldapScopes[v] + " (" + strconv.FormatInt(v, 10) + ")"
			case k == 1 && v >= 0 && v < int64(len(ldapDerefs)):
				label = fname + ": " + ldapDerefs[v] + " (" + strconv.FormatInt(v, 10) + ")"
			case k == 4:
				label = fname + ": False"
				if v != 0 {
					label = fname + ": True"
					v = 1
				}
			}
			f := UintField("ldap."+fname, label, vs, ve-vs, uint64(uint32(v)))
			if k == 4 {
				f.Kind = FieldBool
			}
			elem.Children = append(elem.Children, f)
			at = ve
		}
		ftag, fs, fe, ok := berTLV(b[:e], at)
		if !ok || ftag&0xc0 != 0x80 || int(ftag&0x1f) >= len(ldapFilterOps) {
			return elem
		}
		n := 0
		fstr := m.filterString(at, e, 0, &n)
		ft := int(ftag & 0x1f)
		elem.Children = append(elem.Children, Field{Label: "Filter: " + Printable(fstr), Start: at, Len: fe - at, Children: []Field{
			UintField("ldap.filter", "filter: "+ldapFilterOps[ft]+" ("+strconv.Itoa(ft)+")", fs, fe-fs, uint64(ft)),
		}})
		if _, ls, le, ok := berTLV(b[:e], fe); ok {
			attrs := m.seqOf("ldap.attributes", "attributes", ls, le, func(is, ie int) (Field, bool) {
				f, _, _, ok := m.str("ldap.AttributeDescription", "AttributeDescription", is, ie)
				return f, ok
			})
			elem.Children = append(elem.Children, attrs)
		}
	case ldapSearchResEntry:
		at, ok := m.dn(&elem, "ldap.objectName", "objectName", s, e)
		if !ok {
			return elem
		}
		st.results++
		m.label.WriteString(ldapCount(st.results))
		if _, ls, le, ok := berTLV(b[:e], at); ok {
			elem.Children = append(elem.Children, m.attributeList("PartialAttributeList", ls, le))
		}
	case ldapModifyRequest:
		at, ok := m.dn(&elem, "ldap.object", "object", s, e)
		if !ok {
			return elem
		}
		if _, ls, le, ok := berTLV(b[:e], at); ok {
			elem.Children = append(elem.Children, m.seqOf("ldap.modification", "modification", ls, le, m.modification))
		}
	case ldapAddRequest:
		at, ok := m.dn(&elem, "ldap.entry", "entry", s, e)
		if !ok {
			return elem
		}
		if _, ls, le, ok := berTLV(b[:e], at); ok {
			elem.Children = append(elem.Children, m.attributeList("AttributeList", ls, le))
		}
	case ldapDelRequest:
		dn := string(b[s:e])
		m.note(ldapQuoted(dn))
		return StrField("ldap.delRequest", "delRequest: "+Printable(dn), s, e-s, dn)
	case ldapModDNRequest:
		if _, ok := m.dn(&elem, "ldap.entry", "entry", s, e); !ok {
			return elem
		}
	case ldapCompareRequest:
		at, ok := m.dn(&elem, "ldap.entry", "entry", s, e)
		if !ok {
			return elem
		}
		if _, as, ae, ok := berTLV(b[:e], at); ok {
			ava := Field{Name: "ldap.ava_element", Label: "ava", Start: at, Len: ae - at}
			if f, _, vat, ok := m.str("ldap.attributeDesc", "attributeDesc", as, ae); ok {
				ava.Children = append(ava.Children, f)
				if f, _, _, ok := m.str("ldap.assertionValue", "assertionValue", vat, ae); ok {
					ava.Children = append(ava.Children, f)
				}
			}
			elem.Children = append(elem.Children, ava)
		}
	case ldapAbandonRequest:
		v := berInt(b[s:e])
		return UintField("ldap.abandonRequest", "abandonRequest: "+strconv.FormatInt(v, 10), s, e-s, uint64(uint32(v)))
	case ldapSearchResRef:
		return m.seqOf("ldap.searchResRef", "searchResRef", s, e, func(is, ie int) (Field, bool) {
			f, _, _, ok := m.str("ldap.LDAPURL", "LDAPURL", is, ie)
			return f, ok
		})
	case ldapIntermediate:
		// intermediate responses: the operation's line only
	case ldapExtendedReq:
		rtag, rs, re, ok := berTLV(b[:e], s)
		if !ok || rtag != 0x80 {
			return elem
		}
		oid := string(b[rs:re])
		label := "requestName: " + Printable(oid)
		if res, ok := ldapOIDResolved(oid); ok {
			m.info.WriteString(res + " ")
			label += " (" + res + ")"
		}
		elem.Children = append(elem.Children, StrField("ldap.requestName", label, rs, re-rs, oid))
	default: // the responses: an LDAPResult, maybe more
		at, ok := m.result(&elem, op != ldapExtendedResp, s, e)
		if !ok {
			return elem
		}
		if op == ldapBindResponse {
			m.serverSaslCreds(&elem, at, e, st)
		}
		if op == ldapSearchResDone {
			r := ldapCount(st.results)
			m.info.WriteString(r)
			m.label.WriteString(r)
			st.results = 0
		}
		if op == ldapExtendedResp {
			for at < e {
				rtag, rs, re, ok := berTLV(b[:e], at)
				if !ok {
					break
				}
				if rtag == 0x8b {
					v := b[rs:re]
					elem.Children = append(elem.Children, Field{Name: "ldap.response", Label: "response: " + hex.EncodeToString(v),
						Start: rs, Len: re - rs, Kind: FieldBytes, Str: string(v)})
				}
				at = re
			}
		}
	}
	return elem
}

// ldapMechanism is the mechanism a SaslCredentials content names.
func ldapMechanism(b []byte) string {
	if tag, s, e, ok := berTLV(b, 0); ok && tag == 0x04 {
		return string(b[s:e])
	}
	return ""
}

// saslCredentials reads a bind's SaslCredentials (RFC 4511 §4.2: the
// mechanism, then maybe credentials) whose content lies at s..e, and
// notes in the conversation that SASL authentication was chosen, with
// which mechanism, as dissect_ldap_Mechanism does.
func (m *ldapMsg) saslCredentials(s, e int, st *ldapConv) Field {
	f := Field{Name: "ldap.sasl_element", Label: "sasl", Start: s, Len: e - s}
	mf, mech, at, ok := m.str("ldap.mechanism", "mechanism", s, e)
	if !ok {
		return f
	}
	st.sasl, st.secureFrom, st.mech = true, 0, mech
	f.Children = append(f.Children, mf)
	if _, cs, ce, ok := berTLV(m.b[:e], at); ok {
		v := m.b[cs:ce]
		f.Children = append(f.Children, Field{Name: "ldap.credentials", Label: "credentials: " + ldapBytes(v),
			Start: cs, Len: ce - cs, Kind: FieldBytes, Str: string(v)})
	}
	return f
}

// serverSaslCreds reads what follows a bindResponse's LDAPResult (at..e):
// its serverSaslCreds ([7]) make the conversation's SASL security layer
// start with the next frame, as packet-ldap.c's dissect_ldap_ServerSaslCreds
// decides.
func (m *ldapMsg) serverSaslCreds(elem *Field, at, e int, st *ldapConv) {
	for k := 0; at < e && k < 4; k++ {
		tag, s, end, ok := berTLV(m.b[:e], at)
		if !ok {
			return
		}
		if tag == 0x87 {
			v := m.b[s:end]
			elem.Children = append(elem.Children, Field{Name: "ldap.serverSaslCreds", Label: "serverSaslCreds: " + ldapBytes(v),
				Start: s, Len: end - s, Kind: FieldBytes, Str: string(v)})
			if st.sasl && st.mech == "GSS-SPNEGO" {
				// SPNEGO or a bare NTLMSSP token: the NTLMSSP message's name
				m.info.WriteString(ntlmsspInfo(v))
			}
			if st.mech == "GSSAPI" && len(v) >= 2 && v[0] == 0x05 && v[1] == 0x04 {
				// the security layer's offer (RFC 4752 §3.1), in a wrap
				// token that packet-ldap.c hands to GSS-API
				if layer, _, _, ok := gssWrap(v, m.tree); ok {
					l := []Field{layer}
					Shift(l, s)
					elem.Children = append(elem.Children, l[0])
				}
			}
			if st.sasl {
				st.secureFrom = m.frame + 2 // the next frame, counted from 1
			}
			return
		}
		at = end
	}
}

// ldapBytes shows a byte string as Wireshark's FT_BYTES: hex, cut after
// 36 bytes, "<MISSING>" when empty.
func ldapBytes(v []byte) string {
	if len(v) == 0 {
		return "<MISSING>"
	}
	return hexEllipsis(v)
}

// ldapCount is the note packet-ldap.c adds for the search entries a
// conversation returned: " [1 result]", " [2 results]".
func ldapCount(n int) string {
	return " [" + strconv.Itoa(n) + plural(n, " result", " results") + "]"
}

// result reads an LDAPResult's resultCode, matchedDN and errorMessage
// into elem; the code goes to Info when info is set (every response but
// extendedResp, whose resultCode packet-ldap.c reads apart).
func (m *ldapMsg) result(elem *Field, info bool, s, e int) (int, bool) {
	v, vs, ve, ok := m.integer(s, e)
	if !ok {
		return 0, false
	}
	name, known := ldapResults[v]
	if !known {
		name = "Unknown result(" + strconv.FormatInt(v, 10) + ")"
	}
	if info {
		m.note(name)
	}
	label := "resultCode: " + name + " (" + strconv.FormatInt(v, 10) + ")"
	if !known {
		label = "resultCode: Unknown (" + strconv.FormatInt(v, 10) + ")"
	}
	elem.Children = append(elem.Children, UintField("ldap.resultCode", label, vs, ve-vs, uint64(uint32(v))))
	at := ve
	for _, n := range [2]string{"matchedDN", "errorMessage"} {
		f, _, next, ok := m.str("ldap."+n, n, at, e)
		if !ok {
			return at, false
		}
		elem.Children = append(elem.Children, f)
		at = next
	}
	return at, true
}

// seqOf reads the items of a SEQUENCE OF or SET OF whose content is at
// s..e into a field counting them, as asn2wrs's "attributes: 2 items".
func (m *ldapMsg) seqOf(name, what string, s, e int, item func(is, ie int) (Field, bool)) Field {
	f := Field{Name: name, Start: s, Len: e - s, Kind: FieldUint}
	n := 0
	for at := s; at < e && n < ldapMaxItems; n++ {
		_, _, ie, ok := berTLV(m.b[:e], at)
		if !ok {
			break
		}
		if m.tree {
			if c, ok := item(at, ie); ok {
				f.Children = append(f.Children, c)
			}
		}
		at = ie
	}
	f.Num = uint64(n)
	f.Label = what + ": " + strconv.Itoa(n) + plural(n, " item", " items")
	return f
}

// attributeList reads an AttributeList or PartialAttributeList: type and
// values of each attribute.
func (m *ldapMsg) attributeList(kind string, s, e int) Field {
	return m.seqOf("ldap.attributes", "attributes", s, e, func(is, ie int) (Field, bool) {
		return m.typeAndValues("ldap."+kind+"_item_element", kind+" item", is, ie)
	})
}

// typeAndValues reads a SEQUENCE { type, SET OF value } whose TLV lies
// at s..e, labelled with the type after label.
func (m *ldapMsg) typeAndValues(name, label string, s, e int) (Field, bool) {
	_, cs, ce, ok := berTLV(m.b[:e], s)
	if !ok {
		return Field{}, false
	}
	tf, typ, at, ok := m.str("ldap.type", "type", cs, ce)
	if !ok {
		return Field{}, false
	}
	f := Field{Name: name, Label: label + " " + Printable(typ), Start: s, Len: e - s, Children: []Field{tf}}
	if _, vs, ve, ok := berTLV(m.b[:ce], at); ok && strings.EqualFold(typ, "netlogon") {
		// packet-ldap.c hands a value of the attribute netlogon to
		// dissect_NetLogon_PDU, whose fields replace the value's line
		vals := Field{Name: "ldap.vals", Start: vs, Len: ve - vs, Kind: FieldUint}
		n := 0
		for i := vs; i < ve && n < ldapMaxItems; n++ {
			_, s, e, ok := berTLV(m.b[:ve], i)
			if !ok {
				break
			}
			if m.tree {
				nl := netlogonFields(m.b[s:e])
				Shift(nl, s)
				vals.Children = append(vals.Children, nl...)
			}
			i = e
		}
		vals.Num = uint64(n)
		vals.Label = "vals: " + strconv.Itoa(n) + plural(n, " item", " items")
		f.Children = append(f.Children, vals)
	} else if ok {
		f.Children = append(f.Children, m.seqOf("ldap.vals", "vals", vs, ve, func(is, ie int) (Field, bool) {
			_, s, e, ok := berTLV(m.b[:ie], is)
			if !ok {
				return Field{}, false
			}
			return Field{Name: "ldap.AttributeValue", Label: "AttributeValue: " + ldapValue(m.b[s:e]), Start: s, Len: e - s}, true
		}))
	}
	return f, true
}

// ldapValue shows an attribute value as packet-ldap.c does: as text when
// every byte is printable ASCII, else as hex.
func ldapValue(v []byte) string {
	for _, c := range v {
		if c < 0x20 || c > 0x7e {
			return hex.EncodeToString(v)
		}
	}
	return string(v)
}

// ldapAssertion is how packet-ldap.c's AssertionValue shows a filter's
// value: the netlogon version flags of NtVer and the GUID of DomainGuid
// (the LDAP ping's), else the text when every byte is printable ASCII, else
// the bytes in hex joined by colons.
func ldapAssertion(attr, v string) string {
	switch {
	case strings.HasPrefix(attr, "NtVer") && len(v) >= 4:
		return "0x" + hex8(binary.LittleEndian.Uint32([]byte(v)))
	case strings.HasPrefix(attr, "DomainGuid") && len(v) == 16:
		return dcerpcGetUUID([]byte(v), 0, 0x10).String()
	}
	for i := 0; i < len(v); i++ {
		if v[i] < 0x20 || v[i] > 0x7e {
			return colonHex([]byte(v))
		}
	}
	return v
}

// modification reads one modifyRequest change: operation and attribute.
func (m *ldapMsg) modification(s, e int) (Field, bool) {
	_, cs, ce, ok := berTLV(m.b[:e], s)
	if !ok {
		return Field{}, false
	}
	f := Field{Name: "ldap.modification_item_element", Label: "modification item", Start: s, Len: e - s}
	v, vs, ve, ok := m.integer(cs, ce)
	if !ok {
		return f, true
	}
	label := "operation: " + strconv.FormatInt(v, 10)
	if v >= 0 && v < int64(len(ldapModOps)) {
		label = "operation: " + ldapModOps[v] + " (" + strconv.FormatInt(v, 10) + ")"
	}
	f.Children = append(f.Children, UintField("ldap.operation", label, vs, ve-vs, uint64(uint32(v))))
	if _, _, te, ok := berTLV(m.b[:ce], ve); ok {
		if c, ok := m.typeAndValues("ldap.modification_element", "modification", ve, te); ok {
			f.Children = append(f.Children, c)
		}
	}
	return f, true
}

// filterString renders the search filter whose TLV starts at at in
// packet-ldap.c's text form: "(&(uid=a*)(mail=*))", where an and/or of
// more than two terms nests ("(&(&AB)C)") as its string building does.
// Depth and element count are bounded.
func (m *ldapMsg) filterString(at, end, depth int, n *int) string {
	tag, s, e, ok := berTLV(m.b[:end], at)
	*n++
	if !ok || depth > ldapMaxFilterDepth || *n > ldapMaxItems {
		return ""
	}
	b := m.b
	str := func(at, end int) (string, int) {
		_, s, e, ok := berTLV(b[:end], at)
		if !ok {
			return "", end
		}
		return string(b[s:e]), e
	}
	switch tag & 0x1f {
	case 0, 1: // and, or
		op := "&"
		if tag&0x1f == 1 {
			op = "|"
		}
		acc := ""
		for i := s; i < e; {
			_, _, ie, ok := berTLV(b[:e], i)
			if !ok {
				break
			}
			x := m.filterString(i, e, depth+1, n)
			if acc == "" {
				acc = x
			} else {
				acc = "(" + op + acc + x + ")"
			}
			i = ie
		}
		return acc
	case 2: // not
		return "(!" + m.filterString(s, e, depth+1, n) + ")"
	case 3, 5, 6, 8: // equalityMatch, greaterOrEqual, lessOrEqual, approxMatch
		a, next := str(s, e)
		v, _ := str(next, e)
		v = ldapAssertion(a, v)
		rel := map[byte]string{3: "=", 5: ">=", 6: "<=", 8: "~="}[tag&0x1f]
		return "(" + a + rel + v + ")"
	case 4: // substrings
		typ, next := str(s, e)
		_, ls, le, ok := berTLV(b[:e], next)
		if !ok {
			return "(" + typ + "=)"
		}
		val := ""
		for i, k := ls, 0; i < le && k < ldapMaxItems; k++ {
			itag, is, ie, ok := berTLV(b[:le], i)
			if !ok {
				break
			}
			part := string(b[is:ie])
			prev := val
			if prev == "" {
				prev = "*"
			}
			switch itag & 0x1f {
			case 0:
				val = part + "*"
			case 1:
				val = prev + part + "*"
			case 2:
				val = prev + part
			}
			i = ie
		}
		return "(" + typ + "=" + val + ")"
	case 7: // present
		return "(" + string(b[s:e]) + "=*)"
	case 9: // extensibleMatch: [1] rule, [2] type, [3] value, [4] dnAttributes
		var rule, typ, val string
		dn := false
		for i := s; i < e; {
			itag, is, ie, ok := berTLV(b[:e], i)
			if !ok {
				break
			}
			switch itag & 0x1f {
			case 1:
				rule = string(b[is:ie])
			case 2:
				typ = string(b[is:ie])
			case 3:
				val = string(b[is:ie])
			case 4:
				dn = ie > is && b[is] != 0
			}
			i = ie
		}
		out := "(" + typ + ":"
		if dn {
			out += "dn:"
		}
		if rule != "" {
			out += rule + ":"
		}
		return out + "=" + val + ")"
	}
	return ""
}

// ldapOIDResolved is Wireshark's oid_resolved_from_string for an OID
// ldap names no further: the first arc by name, the rest in digits
// ("iso.3.6.1.4.1.4203.1.11.3"); ok is false when s is not a dotted OID.
func ldapOIDResolved(s string) (string, bool) {
	first, rest, ok := strings.Cut(s, ".")
	if !ok || rest == "" || strings.Trim(s, "0123456789.") != "" || strings.Contains(s, "..") || strings.HasSuffix(s, ".") {
		return "", false
	}
	switch first {
	case "0", "1", "2":
		return snmpArcs[first[0]-'0'] + "." + rest, true
	}
	return "", false
}
