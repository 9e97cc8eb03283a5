package decode

import (
	"strconv"
	"strings"
	"unicode/utf16"
)

// X.509 certificate names as Wireshark's x509af dissector prints them in a
// TLS Certificate message: the RDNs of the subject and issuer, most
// specific first ("id-at-commonName=example.com,id-at-organizationName=...").
// A small bounded DER walk rather than crypto/x509: names must show even for
// certificates crypto/x509 refuses (negative serials, odd encodings), and a
// hostile certificate must cost no more than its length.

// derTag is an ASN.1 DER identifier octet.
type derTag uint8

const (
	derSequence derTag = 0x30
	derSet      derTag = 0x31
	derOID      derTag = 0x06
	derContext0 derTag = 0xa0
)

// derNext splits the first TLV off b: its tag, its contents and what
// follows. ok is false for anything malformed (long tags, indefinite or
// overlong lengths).
func derNext(b []byte) (tag derTag, val, rest []byte, ok bool) {
	if len(b) < 2 || b[0]&0x1f == 0x1f {
		return 0, nil, nil, false
	}
	tag = derTag(b[0])
	n := int(b[1])
	off := 2
	if n&0x80 != 0 {
		k := n & 0x7f
		if k == 0 || k > 3 || len(b) < 2+k {
			return 0, nil, nil, false
		}
		n = 0
		for i := 0; i < k; i++ {
			n = n<<8 | int(b[2+i])
		}
		off += k
	}
	if n > len(b)-off {
		return 0, nil, nil, false
	}
	return tag, b[off : off+n], b[off+n:], true
}

// x509DN is a certificate name: its text, RDN count, and where its
// encoding lies in the certificate.
type x509DN struct {
	dn                 string
	n                  int
	start, len         int // the Name's encoding
	content, contentLn int // its RDN sequence's
}

// x509Names returns a DER certificate's subject and issuer.
func x509Names(der []byte) (subject, issuer x509DN, ok bool) {
	tag, cert, after, ok := derNext(der)
	if !ok || tag != derSequence {
		return subject, issuer, false
	}
	certEnd := len(der) - len(after)
	tag, tbs, after, ok := derNext(cert)
	if !ok || tag != derSequence {
		return subject, issuer, false
	}
	tbsEnd := certEnd - len(after) // offsets in der of bytes in tbs: tbsEnd - len(suffix)
	// version [0] (optional), serialNumber, signature, issuer, validity, subject
	var fields [6][]byte
	var tags [6]derTag
	var starts, ends [6]int
	n := 0
	for rest := tbs; n < len(fields) && len(rest) > 0; n++ {
		t, v, r, ok := derNext(rest)
		if !ok {
			return subject, issuer, false
		}
		starts[n] = tbsEnd - len(rest)
		ends[n] = tbsEnd - len(r)
		tags[n], fields[n], rest = t, v, r
	}
	i := 0
	if n > 0 && tags[0] == derContext0 {
		i = 1
	}
	if n < i+5 || tags[i+2] != derSequence || tags[i+4] != derSequence {
		return subject, issuer, false
	}
	var ok1, ok2 bool
	issuer.dn, issuer.n, ok1 = x509Name(fields[i+2])
	issuer.start, issuer.len = starts[i+2], ends[i+2]-starts[i+2]
	issuer.content, issuer.contentLn = ends[i+2]-len(fields[i+2]), len(fields[i+2])
	subject.dn, subject.n, ok2 = x509Name(fields[i+4])
	subject.start, subject.len = starts[i+4], ends[i+4]-starts[i+4]
	subject.content, subject.contentLn = ends[i+4]-len(fields[i+4]), len(fields[i+4])
	return subject, issuer, ok1 && ok2
}

// x509MaxRDNs bounds the attributes read from one name.
const x509MaxRDNs = 64

// x509Name formats a Name (SEQUENCE OF SET OF AttributeTypeAndValue), its
// RDNs in reverse order as Wireshark's x509if does.
func x509Name(b []byte) (string, int, bool) {
	var rdns []string
	for rest := b; len(rest) > 0 && len(rdns) < x509MaxRDNs; {
		tag, set, r, ok := derNext(rest)
		if !ok || tag != derSet {
			return "", 0, false
		}
		rest = r
		var atvs []string
		for s := set; len(s) > 0 && len(atvs) < x509MaxRDNs; {
			tag, atv, r, ok := derNext(s)
			if !ok || tag != derSequence {
				return "", 0, false
			}
			s = r
			ot, oid, v, ok := derNext(atv)
			if !ok || ot != derOID {
				return "", 0, false
			}
			vt, val, _, ok := derNext(v)
			if !ok {
				return "", 0, false
			}
			atvs = append(atvs, x509AttrName(oid)+"="+x509String(vt, val))
		}
		rdns = append(rdns, strings.Join(atvs, "+"))
	}
	for i, j := 0, len(rdns)-1; i < j; i, j = i+1, j-1 {
		rdns[i], rdns[j] = rdns[j], rdns[i]
	}
	return strings.Join(rdns, ","), len(rdns), true
}

// x509String decodes a directory string (BMPString as UTF-16, the rest as
// bytes; the caller escapes it for display).
func x509String(tag derTag, v []byte) string {
	if tag == 0x1e { // BMPString
		u := make([]uint16, 0, len(v)/2)
		for i := 0; i+1 < len(v); i += 2 {
			u = append(u, uint16(v[i])<<8|uint16(v[i+1]))
		}
		return string(utf16.Decode(u))
	}
	return string(v)
}

// x509Attrs names the attribute types Wireshark names (x509sat, pkcs-9).
var x509Attrs = map[string]string{
	"2.5.4.3": "id-at-commonName", "2.5.4.4": "id-at-surname", "2.5.4.5": "id-at-serialNumber",
	"2.5.4.6": "id-at-countryName", "2.5.4.7": "id-at-localityName", "2.5.4.8": "id-at-stateOrProvinceName",
	"2.5.4.9": "id-at-streetAddress", "2.5.4.10": "id-at-organizationName", "2.5.4.11": "id-at-organizationalUnitName",
	"2.5.4.12": "id-at-title", "2.5.4.13": "id-at-description", "2.5.4.15": "id-at-businessCategory",
	"2.5.4.17": "id-at-postalCode", "2.5.4.41": "id-at-name", "2.5.4.42": "id-at-givenName",
	"2.5.4.43": "id-at-initials", "2.5.4.46": "id-at-dnQualifier", "2.5.4.97": "id-at-organizationIdentifier",
	"1.2.840.113549.1.9.1":       "pkcs-9-at-emailAddress",
	"0.9.2342.19200300.100.1.25": "id-domainComponent",
	"0.9.2342.19200300.100.1.1":  "id-userId",
	"1.3.6.1.4.1.311.60.2.1.1":   "id-jurisdictionOfIncorporationLocalityName",
	"1.3.6.1.4.1.311.60.2.1.2":   "id-jurisdictionOfIncorporationStateOrProvinceName",
	"1.3.6.1.4.1.311.60.2.1.3":   "id-jurisdictionOfIncorporationCountryName",
}

// x509AttrName names an attribute type OID, dotted when unknown.
func x509AttrName(oid []byte) string {
	s := oidString(oid)
	if n, ok := x509Attrs[s]; ok {
		return n
	}
	return s
}

// oidString formats DER OID contents in dotted form.
func oidString(b []byte) string {
	if len(b) == 0 || len(b) > 64 {
		return "?"
	}
	var sb strings.Builder
	var v uint64
	first := true
	for _, c := range b {
		v = v<<7 | uint64(c&0x7f)
		if c&0x80 != 0 {
			if v > 1<<56 {
				return "?"
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
	return sb.String()
}
