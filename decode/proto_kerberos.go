package decode

import (
	"encoding/binary"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
)

// Kerberos 5 (RFC 4120) on port 88: over UDP one message per datagram,
// over TCP each message after a 4-byte record mark (§7.2.2: a reserved
// bit and a 31-bit length). A message is an [APPLICATION n] tagged
// SEQUENCE whose fields carry explicit context tags. Protocol "KRB5";
// Info the message type ("AS-REQ", "TGS-REP") or, for KRB-ERROR, "KRB
// Error: " and the error code's name, as packet-kerberos.c writes them.
// The details follow tshark's tree for the clear parts: version, type,
// pre-authentication data types, the request body (options, client and
// server names, realm, times, nonce, encryption types), tickets and
// encrypted parts (type, key version, cipher bytes), the error's times,
// code and texts. Hand-written: gopacket has no Kerberos layer, and
// encoding/asn1 keeps no offsets; the BER reader is SNMP's (berTLV).
// Nothing is decrypted.

const (
	portKerberos = 88
	// krbMaxItems bounds the items read from one SEQUENCE OF (names,
	// encryption types, pre-authentication data).
	krbMaxItems = 64
	// krbMaxDepth bounds the nesting of messages within messages (an
	// AP-REQ in a TGS-REQ's pre-authentication data).
	krbMaxDepth = 4
)

// Kerberos message types (RFC 4120 §5.10): the application tag.
const (
	krbASReq   = 10
	krbASRep   = 11
	krbTGSReq  = 12
	krbTGSRep  = 13
	krbAPReq   = 14
	krbAPRep   = 15
	krbSafe    = 20
	krbPriv    = 21
	krbCred    = 22
	krbError   = 30
	krbTicket  = 1
	krbMsgNone = -1
)

// krbMsgs names each message type: Info text, element field and label,
// and the msg-type value's name in the tree.
var krbMsgs = map[int]struct{ info, elem, label, typ string }{
	krbASReq:  {"AS-REQ", "as_req_element", "as-req", "krb-as-req"},
	krbASRep:  {"AS-REP", "as_rep_element", "as-rep", "krb-as-rep"},
	krbTGSReq: {"TGS-REQ", "tgs_req_element", "tgs-req", "krb-tgs-req"},
	krbTGSRep: {"TGS-REP", "tgs_rep_element", "tgs-rep", "krb-tgs-rep"},
	krbAPReq:  {"AP-REQ", "ap_req_element", "ap-req", "krb-ap-req"},
	krbAPRep:  {"AP-REP", "ap_rep_element", "ap-rep", "krb-ap-rep"},
	krbSafe:   {"KRB-SAFE", "krb_safe_element", "krb-safe", "krb-safe"},
	krbPriv:   {"KRB-PRIV", "krb_priv_element", "krb-priv", "krb-priv"},
	krbCred:   {"KRB-CRED", "krb_cred_element", "krb-cred", "krb-cred"},
	krbError:  {"KRB-ERROR", "krb_error_element", "krb-error", "krb-error"},
}

// krbErrors are the error codes (RFC 4120 §7.5.9, RFC 4556, RFC 6113) by
// packet-kerberos.c's krb5_error_codes names; the tree's name is derived
// from them as asn2wrs spells the ASN.1 module's ("eRR-PREAUTH-REQUIRED").
var krbErrors = map[int64]string{
	0: "KRB5KDC_ERR_NONE", 1: "KRB5KDC_ERR_NAME_EXP", 2: "KRB5KDC_ERR_SERVICE_EXP", 3: "KRB5KDC_ERR_BAD_PVNO",
	4: "KRB5KDC_ERR_C_OLD_MAST_KVNO", 5: "KRB5KDC_ERR_S_OLD_MAST_KVNO", 6: "KRB5KDC_ERR_C_PRINCIPAL_UNKNOWN",
	7: "KRB5KDC_ERR_S_PRINCIPAL_UNKNOWN", 8: "KRB5KDC_ERR_PRINCIPAL_NOT_UNIQUE", 9: "KRB5KDC_ERR_NULL_KEY",
	10: "KRB5KDC_ERR_CANNOT_POSTDATE", 11: "KRB5KDC_ERR_NEVER_VALID", 12: "KRB5KDC_ERR_POLICY",
	13: "KRB5KDC_ERR_BADOPTION", 14: "KRB5KDC_ERR_ETYPE_NOSUPP", 15: "KRB5KDC_ERR_SUMTYPE_NOSUPP",
	16: "KRB5KDC_ERR_PADATA_TYPE_NOSUPP", 17: "KRB5KDC_ERR_TRTYPE_NOSUPP", 18: "KRB5KDC_ERR_CLIENT_REVOKED",
	19: "KRB5KDC_ERR_SERVICE_REVOKED", 20: "KRB5KDC_ERR_TGT_REVOKED", 21: "KRB5KDC_ERR_CLIENT_NOTYET",
	22: "KRB5KDC_ERR_SERVICE_NOTYET", 23: "KRB5KDC_ERR_KEY_EXP", 24: "KRB5KDC_ERR_PREAUTH_FAILED",
	25: "KRB5KDC_ERR_PREAUTH_REQUIRED", 26: "KRB5KDC_ERR_SERVER_NOMATCH", 27: "KRB5KDC_ERR_MUST_USE_USER2USER",
	28: "KRB5KDC_ERR_PATH_NOT_ACCEPTED", 29: "KRB5KDC_ERR_SVC_UNAVAILABLE", 31: "KRB5KRB_AP_ERR_BAD_INTEGRITY",
	32: "KRB5KRB_AP_ERR_TKT_EXPIRED", 33: "KRB5KRB_AP_ERR_TKT_NYV", 34: "KRB5KRB_AP_ERR_REPEAT",
	35: "KRB5KRB_AP_ERR_NOT_US", 36: "KRB5KRB_AP_ERR_BADMATCH", 37: "KRB5KRB_AP_ERR_SKEW",
	38: "KRB5KRB_AP_ERR_BADADDR", 39: "KRB5KRB_AP_ERR_BADVERSION", 40: "KRB5KRB_AP_ERR_MSG_TYPE",
	41: "KRB5KRB_AP_ERR_MODIFIED", 42: "KRB5KRB_AP_ERR_BADORDER", 43: "KRB5KRB_AP_ERR_ILL_CR_TKT",
	44: "KRB5KRB_AP_ERR_BADKEYVER", 45: "KRB5KRB_AP_ERR_NOKEY", 46: "KRB5KRB_AP_ERR_MUT_FAIL",
	47: "KRB5KRB_AP_ERR_BADDIRECTION", 48: "KRB5KRB_AP_ERR_METHOD", 49: "KRB5KRB_AP_ERR_BADSEQ",
	50: "KRB5KRB_AP_ERR_INAPP_CKSUM",
}

// krbErrorTree is the error code's name in the tree: eRR- and the rest
// of the Info name with dashes.
func krbErrorTree(name string) string {
	for _, p := range [3]string{"KRB5KDC_ERR_", "KRB5KRB_AP_ERR_", "KRB5KRB_ERR_"} {
		if rest, ok := strings.CutPrefix(name, p); ok {
			return "eRR-" + strings.ReplaceAll(rest, "_", "-")
		}
	}
	return name
}

// krbNameTypes are the principal name types (RFC 4120 §6.2, RFC 6111).
var krbNameTypes = map[int64]string{
	0: "kRB5-NT-UNKNOWN", 1: "kRB5-NT-PRINCIPAL", 2: "kRB5-NT-SRV-INST", 3: "kRB5-NT-SRV-HST",
	4: "kRB5-NT-SRV-XHST", 5: "kRB5-NT-UID", 6: "kRB5-NT-X500-PRINCIPAL", 7: "kRB5-NT-SMTP-NAME",
	10: "kRB5-NT-ENTERPRISE-PRINCIPAL", 11: "kRB5-NT-WELLKNOWN",
}

// krbEtypes are the encryption types (RFC 3961, 3962, 4757, 6803, 8009).
var krbEtypes = map[int64]string{
	0: "eTYPE-NULL", 1: "eTYPE-DES-CBC-CRC", 2: "eTYPE-DES-CBC-MD4", 3: "eTYPE-DES-CBC-MD5",
	16: "eTYPE-DES3-CBC-SHA1", 17: "eTYPE-AES128-CTS-HMAC-SHA1-96", 18: "eTYPE-AES256-CTS-HMAC-SHA1-96",
	19: "eTYPE-AES128-CTS-HMAC-SHA256-128", 20: "eTYPE-AES256-CTS-HMAC-SHA384-192", 23: "eTYPE-ARCFOUR-HMAC-MD5",
	24: "eTYPE-ARCFOUR-HMAC-MD5-56", 25: "eTYPE-CAMELLIA128-CTS-CMAC", 26: "eTYPE-CAMELLIA256-CTS-CMAC",
}

// krbPadataTypes are the pre-authentication data types (RFC 4120
// §7.5.2, RFC 6113, MS-KILE).
var krbPadataTypes = map[int64]string{
	1: "pA-TGS-REQ", 2: "pA-ENC-TIMESTAMP", 3: "pA-PW-SALT", 11: "pA-ETYPE-INFO", 16: "pA-PK-AS-REQ",
	17: "pA-PK-AS-REP", 19: "pA-ETYPE-INFO2", 128: "pA-PAC-REQUEST", 129: "pA-FOR-USER", 130: "pA-FOR-X509-USER",
	133: "pA-FX-COOKIE", 136: "pA-FX-FAST", 137: "pA-FX-ERROR", 138: "pA-ENCRYPTED-CHALLENGE",
	149: "pA-REQ-ENC-PA-REP", 150: "pA-AS-FRESHNESS", 165: "pA-SUPPORTED-ETYPES", 167: "pA-PAC-OPTIONS",
}

var kerberos = &Dissector{
	Name:    "kerberos",
	Dissect: krbDissect,
	PDULen:  krbPDULen,
	Fields: append([]FieldDef{
		{Name: "kerberos.pvno", Desc: "pvno", Kind: FieldUint, Bits: 32},
		{Name: "kerberos.msg_type", Desc: "msg-type", Kind: FieldUint, Bits: 32},
		{Name: "kerberos.padata_type", Desc: "padata-type", Kind: FieldUint, Bits: 32},
		{Name: "kerberos.CNameString", Desc: "CNameString", Kind: FieldString},
		{Name: "kerberos.SNameString", Desc: "SNameString", Kind: FieldString},
		{Name: "kerberos.name_type", Desc: "name-type", Kind: FieldUint, Bits: 32},
		{Name: "kerberos.realm", Desc: "realm", Kind: FieldString},
		{Name: "kerberos.crealm", Desc: "crealm", Kind: FieldString},
		{Name: "kerberos.nonce", Desc: "nonce", Kind: FieldUint, Bits: 32},
		{Name: "kerberos.ENCTYPE", Desc: "ENCTYPE", Kind: FieldUint, Bits: 32},
		{Name: "kerberos.etype", Desc: "etype", Kind: FieldUint, Bits: 32},
		{Name: "kerberos.kvno", Desc: "kvno", Kind: FieldUint, Bits: 32},
		{Name: "kerberos.tkt_vno", Desc: "tkt-vno", Kind: FieldUint, Bits: 32},
		{Name: "kerberos.error_code", Desc: "error-code", Kind: FieldUint, Bits: 32},
		{Name: "kerberos.e_text", Desc: "e-text", Kind: FieldString},
		{Name: "kerberos.susec", Desc: "susec", Kind: FieldUint, Bits: 32},
		{Name: "kerberos.rm.length", Desc: "Record Length", Kind: FieldUint, Bits: 32},
	}, krbKDCOptionFields()...),
}

// krbKDCOptionFields declares a filter field per KDCOptions bit.
func krbKDCOptionFields() []FieldDef {
	defs := make([]FieldDef, 0, len(krbKDCOptions))
	for _, n := range krbKDCOptions {
		defs = append(defs, FieldDef{Name: "kerberos.KDCOptions." + n, Desc: strings.ReplaceAll(n, ".", "-"), Kind: FieldBool})
	}
	return defs
}

func init() {
	RegisterUDP(kerberos, portKerberos)
	RegisterTCP(kerberos, portKerberos)
}

// krbPDULen frames a Kerberos message over TCP by its record mark.
func krbPDULen(_ *Conv, _ uint8, b []byte) int {
	if len(b) < 4 {
		return 0
	}
	n := binary.BigEndian.Uint32(b) & 0x7fffffff
	if n > 1<<24 {
		return PDUReject // packet-kerberos.c refuses records this long
	}
	return 4 + int(n)
}

// krbMsgType is the message type of the application-tagged element at
// b[0], or krbMsgNone.
func krbMsgType(b []byte) int {
	if len(b) == 0 || b[0]&0xe0 != 0x60 {
		return krbMsgNone
	}
	t := int(b[0] & 0x1f)
	if _, ok := krbMsgs[t]; !ok {
		return krbMsgNone
	}
	return t
}

func krbDissect(p *PDU, out *Out) bool {
	b := p.Data
	at := 0
	var mark []Field
	if p.TCP {
		if len(b) < 4 {
			return false
		}
		v := binary.BigEndian.Uint32(b)
		reserved := "Not set"
		if v>>31 != 0 {
			reserved = "Set"
		}
		mark = []Field{{Label: "Record Mark: " + strconv.FormatUint(uint64(v&0x7fffffff), 10) + " bytes", Start: 0, Len: 4, Children: []Field{
			{Name: "kerberos.rm.reserved", Label: bitString(v, 32, 0x80000000) + " = Reserved: " + reserved, Start: 0, Len: 4, Kind: FieldBool, Num: uint64(v >> 31)},
			UintField("kerberos.rm.length", bitString(v, 32, 0x7fffffff)+" = Record Length: "+strconv.FormatUint(uint64(v&0x7fffffff), 10), 0, 4, uint64(v&0x7fffffff)),
		}}}
		at = 4
	}
	t := krbMsgType(b[at:])
	if t == krbMsgNone {
		if p.TCP {
			out.SetProto("KRB5")
			out.SetInfo(malformedMark)
			return true
		}
		return false
	}
	k := &krbReader{b: b, tree: out.WantTree}
	elem, info, ok := k.message(at, len(b), 0)
	if !ok && !p.TCP {
		return false
	}
	out.SetProto("KRB5")
	if !ok {
		info += " [Malformed Packet]"
	}
	out.SetInfo(info)
	if out.WantTree {
		top := Field{Name: "kerberos", Label: "Kerberos", Len: len(b), Kind: FieldProto, Children: mark}
		top.Children = append(top.Children, elem)
		out.Add(top)
	}
	return true
}

// krbReader reads one message's fields from b.
type krbReader struct {
	b    []byte
	tree bool
}

// message reads the application-tagged message at at: its element
// field (the SEQUENCE inside the tag) and its Info text.
func (k *krbReader) message(at, end, depth int) (Field, string, bool) {
	tag, s, e, ok := berTLV(k.b[:end], at)
	if !ok {
		return Field{}, "", false
	}
	t := int(tag & 0x1f)
	m := krbMsgs[t]
	stag, ss, se, ok := berTLV(k.b[:e], s)
	if !ok || stag != berSequence {
		return Field{}, m.info, false
	}
	elem := Field{Name: "kerberos." + m.elem, Label: m.label, Start: s, Len: se - s}
	info := m.info
	var errName string
	ok = k.sequence(ss, se, func(ctx int, is, ie int) bool {
		// the message's fields by context tag; KDC-REQ numbers from 1
		switch {
		case t == krbASReq || t == krbTGSReq:
			switch ctx {
			case 1:
				return k.uint(&elem, "kerberos.pvno", "pvno", is, ie, nil)
			case 2:
				return k.uint(&elem, "kerberos.msg_type", "msg-type", is, ie, krbTypeName)
			case 3:
				return k.padata(&elem, is, ie, depth)
			case 4:
				return k.reqBody(&elem, is, ie)
			}
		case t == krbError:
			switch ctx {
			case 0:
				return k.uint(&elem, "kerberos.pvno", "pvno", is, ie, nil)
			case 1:
				return k.uint(&elem, "kerberos.msg_type", "msg-type", is, ie, krbTypeName)
			case 2:
				return k.time(&elem, "kerberos.ctime", "ctime", is, ie)
			case 3:
				return k.uint(&elem, "kerberos.cusec", "cusec", is, ie, nil)
			case 4:
				return k.time(&elem, "kerberos.stime", "stime", is, ie)
			case 5:
				return k.uint(&elem, "kerberos.susec", "susec", is, ie, nil)
			case 6:
				v, ok := k.intAt(is, ie)
				if !ok {
					return false
				}
				name, known := krbErrors[v]
				if !known {
					name = "Unknown error code " + "0x" + strconv.FormatInt(v, 16)
				}
				errName = name
				return k.uint(&elem, "kerberos.error_code", "error-code", is, ie, func(int64) string {
					if known {
						return krbErrorTree(name)
					}
					return ""
				})
			case 7:
				return k.str(&elem, "kerberos.crealm", "crealm", is, ie)
			case 8:
				return k.principal(&elem, "cname", "CNameString", is, ie)
			case 9:
				return k.str(&elem, "kerberos.realm", "realm", is, ie)
			case 10:
				return k.principal(&elem, "sname", "SNameString", is, ie)
			case 11:
				return k.str(&elem, "kerberos.e_text", "e-text", is, ie)
			case 12:
				if !k.bytes(&elem, "kerberos.e_data", "e-data", is, ie) {
					return false
				}
				// METHOD-DATA (RFC 4120 5.9.1) for the pre-authentication
				// errors: the PA-DATA items right under e-data, as tshark
				ed := &elem.Children[len(elem.Children)-1]
				if list, ok := k.seqOf("", "", ed.Start, ed.Start+ed.Len, func(l *Field, xs, xe int) bool {
					return k.paData(l, xs, xe, depth)
				}); ok {
					ed.Children = list.Children
				}
				return true
			}
		default: // KDC-REP, AP-REQ, AP-REP and the rest number from 0
			switch ctx {
			case 0:
				return k.uint(&elem, "kerberos.pvno", "pvno", is, ie, nil)
			case 1:
				return k.uint(&elem, "kerberos.msg_type", "msg-type", is, ie, krbTypeName)
			}
			switch {
			case t == krbASRep || t == krbTGSRep:
				switch ctx {
				case 2:
					return k.padata(&elem, is, ie, depth)
				case 3:
					return k.str(&elem, "kerberos.crealm", "crealm", is, ie)
				case 4:
					return k.principal(&elem, "cname", "CNameString", is, ie)
				case 5:
					return k.ticket(&elem, is, ie)
				case 6:
					return k.encrypted(&elem, "enc_part_element", "enc-part", is, ie)
				}
			case t == krbAPReq:
				switch ctx {
				case 2:
					return k.bits(&elem, "kerberos.ap_options", "ap-options", is, ie)
				case 3:
					return k.ticket(&elem, is, ie)
				case 4:
					return k.encrypted(&elem, "authenticator_element", "authenticator", is, ie)
				}
			case t == krbAPRep && ctx == 2:
				return k.encrypted(&elem, "enc_part_element", "enc-part", is, ie)
			}
		}
		return true
	})
	if t == krbError && errName != "" {
		info = "KRB Error: " + errName
	}
	return elem, info, ok
}

// krbTypeName names a msg-type value.
func krbTypeName(v int64) string {
	if m, ok := krbMsgs[int(v)]; ok {
		return m.typ
	}
	return ""
}

// sequence walks the explicitly tagged fields of a SEQUENCE whose content
// is s..e, handing each field's inner element (start and end of its TLV)
// to f by context tag; ok is false when an element does not fit.
func (k *krbReader) sequence(s, e int, f func(ctx, is, ie int) bool) bool {
	for at, n := s, 0; at < e && n < 32; n++ {
		tag, cs, ce, ok := berTLV(k.b[:e], at)
		if !ok || tag&0xe0 != 0xa0 {
			return false
		}
		if !f(int(tag&0x1f), cs, ce) {
			return false
		}
		at = ce
	}
	return true
}

// record adds the SEQUENCE whose TLV starts at s as one field named
// name/label under parent, handing each of its explicitly tagged fields to
// field by context tag: the shape every Kerberos structure shares.
func (k *krbReader) record(parent *Field, name, label string, s, e int, field func(f *Field, ctx, is, ie int) bool) bool {
	tag, cs, ce, ok := berTLV(k.b[:e], s)
	if !ok || tag != berSequence {
		return false
	}
	f := Field{Name: name, Label: label, Start: s, Len: ce - s}
	ok = k.sequence(cs, ce, func(ctx, is, ie int) bool { return field(&f, ctx, is, ie) })
	parent.Children = append(parent.Children, f)
	return ok
}

// intAt reads the INTEGER whose TLV lies at s..e.
func (k *krbReader) intAt(s, e int) (int64, bool) {
	tag, cs, ce, ok := berTLV(k.b[:e], s)
	if !ok || tag != berInteger || ce-cs > 8 {
		return 0, false
	}
	return berInt(k.b[cs:ce]), true
}

// uint adds an INTEGER field, its value named by names when it knows it.
func (k *krbReader) uint(parent *Field, name, label string, s, e int, names func(int64) string) bool {
	tag, cs, ce, ok := berTLV(k.b[:e], s)
	if !ok || tag != berInteger || ce-cs > 8 {
		return false
	}
	v := berInt(k.b[cs:ce])
	text := label + ": " + strconv.FormatInt(v, 10)
	if names != nil {
		if n := names(v); n != "" {
			text = label + ": " + n + " (" + strconv.FormatInt(v, 10) + ")"
		} else {
			text = label + ": Unknown (" + strconv.FormatInt(v, 10) + ")"
		}
	}
	parent.Children = append(parent.Children, UintField(name, text, cs, ce-cs, uint64(uint32(v))))
	return true
}

// str adds a KerberosString or Realm field.
func (k *krbReader) str(parent *Field, name, label string, s, e int) bool {
	_, cs, ce, ok := berTLV(k.b[:e], s)
	if !ok {
		return false
	}
	v := string(k.b[cs:ce])
	parent.Children = append(parent.Children, StrField(name, label+": "+Printable(v), cs, ce-cs, v))
	return true
}

// krbBytesShown is how many bytes of a long value tshark's label shows
// before an ellipsis.
const krbBytesShown = 36

// bytes adds an OCTET STRING field shown in hex.
func (k *krbReader) bytes(parent *Field, name, label string, s, e int) bool {
	_, cs, ce, ok := berTLV(k.b[:e], s)
	if !ok {
		return false
	}
	v := k.b[cs:ce]
	text := hex.EncodeToString(v[:min(len(v), krbBytesShown)])
	if len(v) > krbBytesShown {
		text += "…"
	}
	parent.Children = append(parent.Children, Field{Name: name, Label: label + ": " + text, Start: cs, Len: ce - cs,
		Kind: FieldBytes, Str: string(v)})
	return true
}

// time adds a KerberosTime (GeneralizedTime "20261207145110Z") as tshark
// shows an absolute time in UTC.
func (k *krbReader) time(parent *Field, name, label string, s, e int) bool {
	_, cs, ce, ok := berTLV(k.b[:e], s)
	if !ok {
		return false
	}
	raw := string(k.b[cs:ce])
	text := Printable(raw)
	if t, err := time.Parse("20060102150405Z", raw); err == nil {
		text = t.Format("Jan _2, 2006 15:04:05.000000000 UTC")
	}
	parent.Children = append(parent.Children, Field{Name: name, Label: label + ": " + text, Start: cs, Len: ce - cs})
	return true
}

// bits adds a KerberosFlags BIT STRING: its padding byte and the flags
// in hex.
func (k *krbReader) bits(parent *Field, name, label string, s, e int) bool {
	_, cs, ce, ok := berTLV(k.b[:e], s)
	if !ok || ce-cs < 1 {
		return false
	}
	parent.Children = append(parent.Children,
		UintField("ber.bitstring.padding", "Padding: "+strconv.Itoa(int(k.b[cs])), cs, 1, uint64(k.b[cs])),
		Field{Name: name, Label: label + ": " + hex.EncodeToString(k.b[cs+1:ce]), Start: cs + 1, Len: ce - cs - 1,
			Kind: FieldBytes, Str: string(k.b[cs+1 : ce])})
	return true
}

// seqOf walks the items of a SEQUENCE OF whose TLV lies at s..e into a
// counting field ("etype: 8 items").
func (k *krbReader) seqOf(name, label string, s, e int, item func(f *Field, is, ie int) bool) (Field, bool) {
	tag, cs, ce, ok := berTLV(k.b[:e], s)
	if !ok || tag != berSequence {
		return Field{}, false
	}
	f := Field{Name: name, Start: cs, Len: ce - cs, Kind: FieldUint}
	n := 0
	for at := cs; at < ce && n < krbMaxItems; n++ {
		_, _, ie, ok := berTLV(k.b[:ce], at)
		if !ok || !item(&f, at, ie) {
			return f, false
		}
		at = ie
	}
	f.Num = uint64(n)
	f.Label = label + ": " + strconv.Itoa(n) + plural(n, " item", " items")
	return f, true
}

// principal adds a PrincipalName: its type and name components.
func (k *krbReader) principal(parent *Field, which, item string, s, e int) bool {
	return k.record(parent, "kerberos."+which+"_element", which, s, e, func(f *Field, ctx, is, ie int) bool {
		switch ctx {
		case 0:
			return k.uint(f, "kerberos.name_type", "name-type", is, ie, func(v int64) string { return krbNameTypes[v] })
		case 1:
			list, ok := k.seqOf("kerberos."+which+"_string", which+"-string", is, ie, func(l *Field, xs, xe int) bool {
				return k.str(l, "kerberos."+item, item, xs, xe)
			})
			f.Children = append(f.Children, list)
			return ok
		}
		return true
	})
}

// padata adds the pre-authentication data list (paData reads each
// item); depth bounds the messages nested in them.
func (k *krbReader) padata(parent *Field, s, e, depth int) bool {
	list, ok := k.seqOf("kerberos.padata", "padata", s, e, func(l *Field, is, ie int) bool {
		return k.paData(l, is, ie, depth)
	})
	parent.Children = append(parent.Children, list)
	return ok
}

// paData adds one PA-DATA whose TLV lies at s..e: its type and, under it
// as in tshark's tree, its value: an AP-REQ for pA-TGS-REQ, the encrypted
// timestamp's EncryptedData, the ETYPE-INFO2 entries, else the bytes.
func (k *krbReader) paData(l *Field, s, e, depth int) bool {
	_, cs, ce, ok := berTLV(k.b[:e], s)
	if !ok {
		return false
	}
	pa := Field{Name: "kerberos.PA_DATA_element", Start: s, Len: e - s}
	typ := int64(-1)
	ok = k.sequence(cs, ce, func(ctx, xs, xe int) bool {
		switch ctx {
		case 1:
			v, ok := k.intAt(xs, xe)
			if !ok {
				return false
			}
			typ = v
			name := krbPadataTypes[v]
			if name == "" {
				name = "Unknown (" + strconv.FormatInt(v, 10) + ")"
			}
			pa.Label = "PA-DATA " + name
			return k.uint(&pa, "kerberos.padata_type", "padata-type", xs, xe, func(int64) string { return krbPadataTypes[v] })
		case 2:
			if len(pa.Children) == 0 {
				return false
			}
			pt := &pa.Children[len(pa.Children)-1]
			if !k.bytes(pt, "kerberos.padata_value", "padata-value", xs, xe) {
				return false
			}
			pv := &pt.Children[len(pt.Children)-1]
			vs, ve := pv.Start, pv.Start+pv.Len
			if pv.Len == 0 {
				pv.Label = "padata-value: <MISSING>"
			}
			switch {
			case typ == 1 && depth < krbMaxDepth && krbMsgType(k.b[vs:ve]) == krbAPReq:
				if m, _, ok := k.message(vs, ve, depth+1); ok {
					pv.Children = append(pv.Children, m)
				}
			case typ == 2 && vs < ve:
				// PA-ENC-TIMESTAMP: an EncryptedData, its fields shown
				// right under the value
				var enc Field
				if k.encrypted(&enc, "enc_part_element", "enc-part", vs, ve) {
					pv.Children = append(pv.Children, enc.Children[0].Children...)
				}
			case typ == 19 && vs < ve:
				if list, ok := k.seqOf("", "", vs, ve, k.etypeInfo2); ok {
					pv.Children = append(pv.Children, list.Children...)
				}
			}
		}
		return true
	})
	l.Children = append(l.Children, pa)
	return ok
}

// etypeInfo2 adds one ETYPE-INFO2-ENTRY (RFC 4120 5.2.7.5): the type and
// the salt.
func (k *krbReader) etypeInfo2(l *Field, s, e int) bool {
	return k.record(l, "kerberos.ETYPE_INFO2_ENTRY_element", "ETYPE-INFO2-ENTRY", s, e, func(f *Field, ctx, is, ie int) bool {
		switch ctx {
		case 0:
			return k.uint(f, "kerberos.etype", "etype", is, ie, func(v int64) string { return krbEtypes[v] })
		case 1:
			return k.str(f, "kerberos.info2_salt", "salt", is, ie)
		}
		return true
	})
}

// reqBody adds a KDC-REQ-BODY.
func (k *krbReader) reqBody(parent *Field, s, e int) bool {
	return k.record(parent, "kerberos.req_body_element", "req-body", s, e, func(f *Field, ctx, is, ie int) bool {
		switch ctx {
		case 0:
			if !k.bits(f, "kerberos.kdc_options", "kdc-options", is, ie) {
				return false
			}
			opts := &f.Children[len(f.Children)-1]
			opts.Children = krbFlagBits(k.b, opts.Start, opts.Len, "kerberos.KDCOptions.", krbKDCOptions[:])
			return true
		case 1:
			return k.principal(f, "cname", "CNameString", is, ie)
		case 2:
			return k.str(f, "kerberos.realm", "realm", is, ie)
		case 3:
			return k.principal(f, "sname", "SNameString", is, ie)
		case 4:
			return k.time(f, "kerberos.from", "from", is, ie)
		case 5:
			return k.time(f, "kerberos.till", "till", is, ie)
		case 6:
			return k.time(f, "kerberos.rtime", "rtime", is, ie)
		case 7:
			tag, vs, ve, ok := berTLV(k.b[:ie], is)
			if !ok || tag != berInteger || ve-vs > 5 {
				return false
			}
			v := uint32(berInt(k.b[vs:ve]))
			f.Children = append(f.Children, UintField("kerberos.nonce", "nonce: "+strconv.FormatUint(uint64(v), 10), vs, ve-vs, uint64(v)))
		case 8:
			list, ok := k.seqOf("kerberos.kdc-req-body.etype", "etype", is, ie, func(l *Field, xs, xe int) bool {
				return k.uint(l, "kerberos.ENCTYPE", "ENCTYPE", xs, xe, func(v int64) string { return krbEtypes[v] })
			})
			f.Children = append(f.Children, list)
			return ok
		}
		return true
	})
}

// ticket adds a Ticket ([APPLICATION 1] SEQUENCE).
func (k *krbReader) ticket(parent *Field, s, e int) bool {
	tag, as, ae, ok := berTLV(k.b[:e], s)
	if !ok || tag != 0x60|krbTicket {
		return false
	}
	return k.record(parent, "kerberos.ticket_element", "ticket", as, ae, func(f *Field, ctx, is, ie int) bool {
		switch ctx {
		case 0:
			return k.uint(f, "kerberos.tkt_vno", "tkt-vno", is, ie, nil)
		case 1:
			return k.str(f, "kerberos.realm", "realm", is, ie)
		case 2:
			return k.principal(f, "sname", "SNameString", is, ie)
		case 3:
			return k.encrypted(f, "enc_part_element", "enc-part", is, ie)
		}
		return true
	})
}

// encrypted adds an EncryptedData: type, key version, cipher bytes.
func (k *krbReader) encrypted(parent *Field, elem, label string, s, e int) bool {
	return k.record(parent, "kerberos."+elem, label, s, e, func(f *Field, ctx, is, ie int) bool {
		switch ctx {
		case 0:
			return k.uint(f, "kerberos.etype", "etype", is, ie, func(v int64) string { return krbEtypes[v] })
		case 1:
			return k.uint(f, "kerberos.kvno", "kvno", is, ie, nil)
		case 2:
			return k.bytes(f, "kerberos.cipher", "cipher", is, ie)
		}
		return true
	})
}

// krbKDCOptions names the KDCOptions bits (RFC 4120 5.4.1, RFC 6113,
// RFC 8062), most significant first, as tshark's field names spell them
// after "kerberos.KDCOptions." (their labels read the same with '-').
var krbKDCOptions = [32]string{
	"reserved", "forwardable", "forwarded", "proxiable", "proxy", "allow.postdate", "postdated", "unused7",
	"renewable", "unused9", "unused10", "opt.hardware.auth", "unused12", "unused13", "constrained.delegation", "canonicalize",
	"request.anonymous", "unused17", "unused18", "unused19", "unused20", "unused21", "unused22", "unused23",
	"unused24", "unused25", "disable.transited.check", "renewable.ok", "enc.tkt.in.skey", "unused29", "renew", "validate",
}

// krbFlagBits gives one line per named bit of the BIT STRING bytes at
// b[s:s+n], as tshark shows "..0. .... = forwarded: False" under the
// flags; bits beyond the bytes present are not shown.
func krbFlagBits(b []byte, s, n int, prefix string, names []string) []Field {
	var out []Field
	for i, name := range names {
		at := s + i/8
		if i/8 >= n || at >= len(b) {
			break
		}
		mask := uint32(0x80) >> (i % 8)
		v := uint32(b[at]) & mask
		val, word := uint64(0), "False"
		if v != 0 {
			val, word = 1, "True"
		}
		label := bitString(uint32(b[at]), 8, mask) + " = " + strings.ReplaceAll(name, ".", "-") + ": " + word
		out = append(out, Field{Name: prefix + name, Label: label, Start: at, Len: 1, Kind: FieldBool, Num: val})
	}
	return out
}
