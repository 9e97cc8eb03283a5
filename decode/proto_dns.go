package decode

import (
	"encoding/binary"
	"encoding/hex"
	"net/netip"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// DNS (RFC 1035) over UDP and TCP, Multicast DNS (RFC 6762) and LLMNR
// (RFC 4795): one message format, three Protocol column names. The parser
// is hand-written rather than gopacket's layers.DNS because the details tree
// needs every field's byte offset and Wireshark's Info text needs the
// records in wire order up to the byte where a damaged message ends
// ("A ex.com A[Malformed Packet]"); layers.DNS returns no offsets and drops
// the whole message on the first error. Names follow Wireshark 4.0's
// get_dns_name: compression pointers are followed until every byte of the
// message has been looked at ("<Name contains a pointer that loops>"),
// names over 253 characters read "<Name too long>", and label bytes are
// escaped as format_text does (\t, \033, \u0085), which also makes them
// safe for a terminal.

// dnsVariant says which of the three protocols a message is.
type dnsVariant uint8

const (
	dnsUnicast   dnsVariant = iota // DNS on port 53
	dnsMulticast                   // mDNS on port 5353
	dnsLinkLocal                   // LLMNR on port 5355
)

// Well-known ports.
const (
	dnsPort   = 53
	mdnsPort  = 5353
	llmnrPort = 5355
)

// dnsHeaderLen is the fixed header: ID, flags and four counts.
const dnsHeaderLen = 12

// dnsMaxName is the longest name text Wireshark shows (RFC 1035's 255
// octets on the wire, less the first length byte and the root label).
const dnsMaxName = 253

// Header flag bits (RFC 1035 4.1.1, RFC 4035 3.2, RFC 4795 2.1.1).
const (
	dnsFlagResponse      = 1 << 15
	dnsFlagOpcode        = 0xf << 11
	dnsFlagAuthoritative = 1 << 10 // LLMNR: conflict
	dnsFlagTruncated     = 1 << 9
	dnsFlagRecDesired    = 1 << 8 // LLMNR: tentative
	dnsFlagRecAvail      = 1 << 7
	dnsFlagZ             = 1 << 6
	dnsFlagAuthenticated = 1 << 5
	dnsFlagCheckDisable  = 1 << 4
	dnsFlagRcode         = 0xf
)

// dnsOpcodeUpdate is the dynamic update opcode, whose sections are zones,
// prerequisites, updates and additional records (RFC 2136).
const dnsOpcodeUpdate = 5

// Resource record types whose data ladder reads.
const (
	dnsTypeA     = 1
	dnsTypeNS    = 2
	dnsTypeMD    = 3
	dnsTypeMF    = 4
	dnsTypeCNAME = 5
	dnsTypeSOA   = 6
	dnsTypeMB    = 7
	dnsTypeMG    = 8
	dnsTypeMR    = 9
	dnsTypeNULL  = 10
	dnsTypeWKS   = 11
	dnsTypePTR   = 12
	dnsTypeHINFO = 13
	dnsTypeMINFO = 14
	dnsTypeMX    = 15
	dnsTypeTXT   = 16
	dnsTypeRP    = 17
	dnsTypeAFSDB = 18
	dnsTypeX25   = 19
	dnsTypeISDN  = 20
	dnsTypeRT    = 21
	dnsTypeNSAP  = 22
	dnsTypePX    = 26
	dnsTypeGPOS  = 27
	dnsTypeAAAA  = 28
	dnsTypeNXT   = 30
	dnsTypeSRV   = 33
	dnsTypeNAPTR = 35
	dnsTypeKX    = 36
	dnsTypeA6    = 38
	dnsTypeDNAME = 39
	dnsTypeOPT   = 41
	dnsTypeAPL   = 42
	dnsTypeNSEC  = 47
	dnsTypeDHCID = 49
	dnsTypeN3P   = 51 // NSEC3PARAM
	dnsTypeTLSA  = 52
	dnsTypeHIP   = 55
	dnsTypeSPF   = 99
	dnsTypeWINSR = 65282
)

// dnsClassFlush is the top bit of the class: in an mDNS question the
// "unicast response" (QU) bit, in an mDNS record the cache-flush bit.
const dnsClassFlush = 0x8000

var dnsOpcodes = [16]string{0: "Standard query", 1: "Inverse query", 2: "Server status request",
	4: "Zone change notification", 5: "Dynamic update", 6: "DNS Stateful operations (DSO)"}

var dnsRcodes = [16]string{"No error", "Format error", "Server failure", "No such name", "Not implemented",
	"Refused", "Name exists", "RRset exists", "RRset does not exist", "Not authoritative", "Name out of zone",
	"DSO-Type not implemented"}

var dnsClasses = map[uint16]string{1: "IN", 2: "CS", 3: "CH", 4: "HS", 254: "NONE", 255: "ANY"}

// dnsOptCodes names EDNS(0) options (tshark -G values, dns.opt.code).
var dnsOptCodes = map[uint16]string{0: "Reserved", 1: "LLQ - Long-lived query", 2: "UL - Update lease",
	3: "NSID - Name Server Identifier", 4: "Owner (reserved)", 5: "DAU - DNSSEC Algorithm Understood (RFC6975)",
	6: "DHU - DS Hash Understood (RFC6975)", 7: "N3U - NSEC3 Hash Understood (RFC6975)",
	8: "CSUBNET - Client subnet", 9: "EDNS EXPIRE (RFC7314)", 10: "COOKIE", 11: "EDNS TCP Keepalive",
	12: "PADDING", 13: "CHAIN", 15: "Extended DNS Error", 20730: "Experimental - CSUBNET - Client subnet"}

// dnsType names a resource record type as Wireshark 4.0 does: the short
// name goes to the Info column, the long one to the details tree
// (tshark -G values, field dns.qry.type).
type dnsTypeName struct{ short, long string }

// dnsTypes is tshark 4.0's dns_types table.
var dnsTypes = map[uint16]dnsTypeName{
	0:     {"Unused", "Unused"},
	1:     {"A", "A (Host Address)"},
	2:     {"NS", "NS (authoritative Name Server)"},
	3:     {"MD", "MD (Mail Destination)"},
	4:     {"MF", "MF (Mail Forwarder)"},
	5:     {"CNAME", "CNAME (Canonical NAME for an alias)"},
	6:     {"SOA", "SOA (Start Of a zone of Authority)"},
	7:     {"MB", "MB (MailBox domain name)"},
	8:     {"MG", "MG (Mail Group member)"},
	9:     {"MR", "MR (Mail Rename domain)"},
	10:    {"NULL", "NULL RR"},
	11:    {"WKS", "WKS (Well Known Service)"},
	12:    {"PTR", "PTR (domain name PoinTeR)"},
	13:    {"HINFO", "HINFO (host information)"},
	14:    {"MINFO", "MINFO (Mailbox or mail list information)"},
	15:    {"MX", "MX (Mail eXchange)"},
	16:    {"TXT", "TXT (Text strings)"},
	17:    {"RP", "RP (Responsible Person)"},
	18:    {"AFSDB", "AFSDB (AFS Data Base location)"},
	19:    {"X25", "X25 (XX.25 PSDN address)"},
	20:    {"ISDN", "ISDN (ISDN address)"},
	21:    {"RT", "RT (Route Through)"},
	22:    {"NSAP", "NSAP (NSAP address)"},
	23:    {"NSAP-PTR", "NSAP-PTR (NSAP domain name pointer)"},
	24:    {"SIG", "SIG (security signature)"},
	25:    {"KEY", "KEY (security key)"},
	26:    {"PX", "PX (X.400 mail mapping information)"},
	27:    {"GPOS", "GPOS (Geographical Position)"},
	28:    {"AAAA", "AAAA (IPv6 Address)"},
	29:    {"LOC", "LOC (Location Information)"},
	30:    {"NXT", "NXT (Next Domain)"},
	31:    {"EID", "EID (Endpoint Identifier)"},
	32:    {"NIMLOC", "NIMLOC (Nimrod Locator)"},
	33:    {"SRV", "SRV (Server Selection)"},
	34:    {"ATMA", "ATMA (ATM Address)"},
	35:    {"NAPTR", "NAPTR (Naming Authority Pointer)"},
	36:    {"KX", "KX (Key Exchanger)"},
	37:    {"CERT", "CERT"},
	38:    {"A6", "A6 (OBSOLETE - use AAAA)"},
	39:    {"DNAME", "DNAME"},
	40:    {"SINK", "SINK"},
	41:    {"OPT", "OPT"},
	42:    {"APL", "APL"},
	43:    {"DS", "DS (Delegation Signer)"},
	44:    {"SSHFP", "SSHFP (SSH Key Fingerprint)"},
	45:    {"IPSECKEY", "IPSECKEY"},
	46:    {"RRSIG", "RRSIG (Resource Record Signature)"},
	47:    {"NSEC", "NSEC (Next Secure)"},
	48:    {"DNSKEY", "DNSKEY (DNS Public Key)"},
	49:    {"DHCID", "DHCID"},
	50:    {"NSEC3", "NSEC3"},
	51:    {"NSEC3PARAM", "NSEC3PARAM"},
	52:    {"TLSA", "TLSA"},
	55:    {"HIP", "HIP (Host Identity Protocol)"},
	57:    {"RKEY", "RKEY"},
	58:    {"TALINK", "TALINK (Trust Anchor LINK)"},
	59:    {"CDS", "CDS (Child DS)"},
	60:    {"CDNSKEY", "CDNSKEY (DNSKEY(s) the Child wants reflected in DS)"},
	61:    {"OPENPGPKEY", "OPENPGPKEY (OpenPGP Key)"},
	62:    {"CSYNC", "CSYNC (Child-to-Parent Synchronization)"},
	63:    {"ZONEMD", "ZONEMD"},
	64:    {"SVCB", "SVCB (General Purpose Service Endpoints)"},
	65:    {"HTTPS", "HTTPS (HTTPS Specific Service Endpoints)"},
	99:    {"SPF", "SPF"},
	100:   {"UINFO", "UINFO"},
	101:   {"UID", "UID"},
	102:   {"GID", "GID"},
	103:   {"UNSPEC", "UNSPEC"},
	104:   {"NID", "NID (NodeID)"},
	105:   {"L32", "L32 (Locator32)"},
	106:   {"L64", "L64 (Locator64)"},
	107:   {"LP", "LP (Locator FQDN)"},
	108:   {"EUI48", "EUI48"},
	109:   {"EUI64", "EUI64"},
	249:   {"TKEY", "TKEY (Transaction Key)"},
	250:   {"TSIG", "TSIG (Transaction Signature)"},
	251:   {"IXFR", "IXFR (incremental transfer)"},
	252:   {"AXFR", "AXFR (transfer of an entire zone)"},
	253:   {"MAILB", "MAILB (mailbox-related RRs)"},
	254:   {"MAILA", "MAILA (mail agent RRs)"},
	255:   {"ANY", "* (A request for all records the server/cache has available)"},
	256:   {"URI", "URI"},
	257:   {"CAA", "CAA (Certification Authority Restriction)"},
	32768: {"TA", "TA (DNSSEC Trust Authorities)"},
	32769: {"DLV", "DLV (DNSSEC Lookaside Validation)"},
	65281: {"WINS", "WINS"},
	65282: {"WINS-R", "WINS-R"},
	65422: {"XPF", "XPF"},
}

func dnsOpcodeName(op int) string {
	if s := dnsOpcodes[op&15]; s != "" {
		return s
	}
	return "Unknown operation (" + strconv.Itoa(op) + ")"
}

func dnsRcodeName(rc int) string {
	if s := dnsRcodes[rc&15]; s != "" {
		return s
	}
	return "Unknown error (" + strconv.Itoa(rc) + ")"
}

func dnsTypeShort(t uint16) string {
	if n, ok := dnsTypes[t]; ok {
		return n.short
	}
	return "Unknown (" + strconv.Itoa(int(t)) + ")"
}

func dnsTypeLong(t uint16) string {
	if n, ok := dnsTypes[t]; ok {
		return n.long
	}
	return "Unknown"
}

func dnsClassName(c uint16) string {
	if s, ok := dnsClasses[c]; ok {
		return s
	}
	return "Unknown"
}

var (
	dnsDissector   = &Dissector{Name: "dns", Fields: dnsFields}
	mdnsDissector  = &Dissector{Name: "mdns", Fields: dnsFields}
	llmnrDissector = &Dissector{Name: "llmnr", Fields: dnsFields}
	// dnsHeurDissector is DNS found by tshark's "dns_udp" heuristic, on by
	// default, on UDP ports no dissector claims.
	dnsHeurDissector = &Dissector{Name: "dns", Fields: dnsFields, Heuristic: dnsUDPHeuristic, HeuristicPerDatagram: true}
)

// dnsUDPHeuristic is packet-dns.c's test of a UDP datagram on another port,
// read back from crafted datagrams (lab__dns-heur-crafted): more than a
// header, a standard query opcode, and counts a real message would carry:
// a query asks exactly one question with no answer or authority records,
// a response has at most one question, 100 answers and 10 authority
// records; either has at most 10 additional records. The datagram's length
// is not checked against the counts: a cut message reads malformed.
func dnsUDPHeuristic(b []byte) bool {
	if len(b) <= 12 {
		return false
	}
	flags := binary.BigEndian.Uint16(b[2:])
	if flags>>11&0xf != 0 {
		return false
	}
	quest, ans := binary.BigEndian.Uint16(b[4:]), binary.BigEndian.Uint16(b[6:])
	auth, add := binary.BigEndian.Uint16(b[8:]), binary.BigEndian.Uint16(b[10:])
	if flags&0x8000 == 0 {
		if quest != 1 || ans != 0 || auth != 0 {
			return false
		}
	} else if quest > 1 || ans > 100 || auth > 10 {
		return false
	}
	return add <= 10
}

func init() {
	dnsDissector.Dissect = func(p *PDU, out *Out) bool { return dissectDNS(p, out, dnsUnicast) }
	dnsDissector.PDULen = dnsPDULen
	mdnsDissector.Dissect = func(p *PDU, out *Out) bool { return dissectDNS(p, out, dnsMulticast) }
	llmnrDissector.Dissect = func(p *PDU, out *Out) bool { return dissectDNS(p, out, dnsLinkLocal) }
	RegisterUDP(dnsDissector, dnsPort)
	RegisterTCP(dnsDissector, dnsPort)
	RegisterUDP(mdnsDissector, mdnsPort)
	RegisterUDP(llmnrDissector, llmnrPort)
	dnsHeurDissector.Dissect = dnsDissector.Dissect
	RegisterUDP(dnsHeurDissector)
}

// dnsPDULen delimits DNS over TCP: each message follows a two-byte length
// (RFC 1035 4.2.2).
func dnsPDULen(_ *Conv, _ uint8, b []byte) int {
	if len(b) < 2 {
		return 0
	}
	return 2 + int(binary.BigEndian.Uint16(b))
}

// dnsFields are the filter fields the DNS tree carries, named as tshark's.
var dnsFields = []FieldDef{
	{"dns.length", "Length (DNS over TCP)", FieldUint, 16},
	{"dns.id", "Transaction ID", FieldUint, 16},
	{"dns.flags", "Flags", FieldUint, 16},
	{"dns.flags.response", "Response", FieldBool, 0},
	{"dns.flags.opcode", "Opcode", FieldUint, 16},
	{"dns.flags.authoritative", "Authoritative", FieldBool, 0},
	{"dns.flags.conflict", "Conflict (LLMNR)", FieldBool, 0},
	{"dns.flags.truncated", "Truncated", FieldBool, 0},
	{"dns.flags.recdesired", "Recursion desired", FieldBool, 0},
	{"dns.flags.tentative", "Tentative (LLMNR)", FieldBool, 0},
	{"dns.flags.recavail", "Recursion available", FieldBool, 0},
	{"dns.flags.z", "Z", FieldBool, 0},
	{"dns.flags.authenticated", "Answer authenticated", FieldBool, 0},
	{"dns.flags.checkdisable", "Non-authenticated data", FieldBool, 0},
	{"dns.flags.rcode", "Reply code", FieldUint, 16},
	{"dns.count.queries", "Questions", FieldUint, 16},
	{"dns.count.zones", "Zones (dynamic update)", FieldUint, 16},
	{"dns.count.answers", "Answer RRs", FieldUint, 16},
	{"dns.count.prerequisites", "Prerequisites (dynamic update)", FieldUint, 16},
	{"dns.count.auth_rr", "Authority RRs", FieldUint, 16},
	{"dns.count.updates", "Updates (dynamic update)", FieldUint, 16},
	{"dns.count.add_rr", "Additional RRs", FieldUint, 16},
	{"dns.qry.name", "Query name", FieldString, 0},
	{"dns.qry.name.len", "Query name length", FieldUint, 16},
	{"dns.count.labels", "Label count", FieldUint, 16},
	{"dns.qry.type", "Query type", FieldUint, 16},
	{"dns.qry.class", "Query class", FieldUint, 16},
	{"dns.qry.qu", "\"QU\" question (mDNS)", FieldBool, 0},
	{"dns.resp.name", "Record name", FieldString, 0},
	{"dns.resp.type", "Record type", FieldUint, 16},
	{"dns.resp.class", "Record class", FieldUint, 16},
	{"dns.resp.cache_flush", "Cache flush (mDNS)", FieldBool, 0},
	{"dns.resp.ttl", "Time to live", FieldUint, 32},
	{"dns.resp.len", "Data length", FieldUint, 16},
	{"dns.a", "Address", FieldIPv4, 0},
	{"dns.aaaa", "AAAA Address", FieldIPv6, 0},
	{"dns.ns", "Name Server", FieldString, 0},
	{"dns.cname", "CNAME", FieldString, 0},
	{"dns.ptr.domain_name", "Domain Name (PTR)", FieldString, 0},
	{"dns.soa.mname", "Primary name server", FieldString, 0},
	{"dns.soa.rname", "Responsible authority's mailbox", FieldString, 0},
	{"dns.soa.serial_number", "Serial Number", FieldUint, 32},
	{"dns.soa.refresh_interval", "Refresh Interval", FieldUint, 32},
	{"dns.soa.retry_interval", "Retry Interval", FieldUint, 32},
	{"dns.soa.expire_limit", "Expire limit", FieldUint, 32},
	{"dns.soa.minimum_ttl", "Minimum TTL", FieldUint, 32},
	{"dns.mx.preference", "Preference", FieldUint, 16},
	{"dns.mx.mail_exchange", "Mail Exchange", FieldString, 0},
	{"dns.txt.length", "TXT Length", FieldUint, 8},
	{"dns.txt", "TXT", FieldString, 0},
	{"dns.srv.service", "Service", FieldString, 0},
	{"dns.srv.proto", "Protocol", FieldString, 0},
	{"dns.srv.name", "Name", FieldString, 0},
	{"dns.srv.priority", "Priority", FieldUint, 16},
	{"dns.srv.weight", "Weight", FieldUint, 16},
	{"dns.srv.port", "Port", FieldUint, 16},
	{"dns.srv.target", "Target", FieldString, 0},
	{"dns.nsec.next_domain_name", "Next Domain Name (NSEC)", FieldString, 0},
	{"dns.hinfo.cpu_length", "CPU Length", FieldUint, 8},
	{"dns.hinfo.cpu", "CPU", FieldString, 0},
	{"dns.hinfo.os_length", "OS Length", FieldUint, 8},
	{"dns.hinfo.os", "OS", FieldString, 0},
	{"dns.rr.udp_payload_size", "UDP payload size (OPT)", FieldUint, 16},
	{"dns.resp.ext_rcode", "Higher bits in extended RCODE", FieldUint, 8},
	{"dns.resp.edns0_version", "EDNS0 version", FieldUint, 8},
	{"dns.resp.z", "Z (OPT)", FieldUint, 16},
	{"dns.resp.z.do", "DO bit", FieldBool, 0},
	{"dns.resp.z.reserved", "Reserved", FieldUint, 16},
	{"dns.opt", "Option", FieldLabel, 0},
	{"dns.opt.code", "Option Code", FieldUint, 16},
	{"dns.opt.len", "Option Length", FieldUint, 16},
	{"dns.opt.data", "Option Data", FieldBytes, 0},
}

// dnsText renders name or character-string bytes as Wireshark's format_text
// does: printable ASCII and printable UTF-8 as they are, C escapes for \a
// \b \f \n \r \t \v, three octal digits for other C0 controls and DEL,
// \uXXXX for other unprintable characters (C1 controls, separators) and
// U+FFFD for each byte that is not UTF-8. The result is safe for a
// terminal.
func dnsText(b []byte) string {
	clean := true
	for _, c := range b {
		if c < 0x20 || c >= 0x7f {
			clean = false
			break
		}
	}
	if clean {
		return string(b)
	}
	var s strings.Builder
	for i := 0; i < len(b); {
		c := b[i]
		if c < 0x80 {
			i++
			switch {
			case c >= 0x20 && c < 0x7f:
				s.WriteByte(c)
			case c >= 7 && c <= 13:
				s.WriteByte('\\')
				s.WriteByte("abtnvfr"[c-7])
			default:
				s.WriteByte('\\')
				s.WriteByte('0' + c>>6)
				s.WriteByte('0' + c>>3&7)
				s.WriteByte('0' + c&7)
			}
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		i += n
		switch {
		case r == utf8.RuneError && n == 1:
			s.WriteRune(utf8.RuneError)
		case !unicode.IsPrint(r):
			s.WriteString(`\u`)
			const hex = "0123456789abcdef"
			for sh := 12; sh >= 0; sh -= 4 {
				s.WriteByte(hex[(r>>sh)&15])
			}
		default:
			s.WriteRune(r)
		}
	}
	return s.String()
}

// dnsName is a domain name read from a message.
type dnsName struct {
	text string // as Wireshark shows it: escaped, "<Root>", or a marker
	raw  string // the labels joined by dots, unescaped (for matching)
}

// dnsBitstringLabel is RFC 2673's extended label type 0x41.
const dnsBitstringLabel = 0x41

// readDNSName reads the name at off in msg, following compression
// pointers as Wireshark 4.0's get_dns_name does. It returns the name and
// the bytes it takes at off; ok is false when the name runs past the
// message or uses a label type Wireshark throws on (it then stops with
// malformedMark): the reserved type 0x80, an unknown extended label as
// the name's first byte, or a name whose only extended labels are
// bitstrings. An unknown extended label later in the name ends it as
// "<Unknown extended label>", with the bytes up to that label used.
func readDNSName(msg []byte, off int) (name dnsName, used int, ok bool) {
	start := off
	used = -1
	processed := 0
	var raw []byte
	var buf [256]byte
	raw = buf[:0]
	tooLong, bitstring := false, false
	counted := 0 // the name's length as tshark counts it (without bitstrings)
	for {
		if off < 0 || off >= len(msg) {
			return name, 0, false
		}
		c := int(msg[off])
		off++
		processed++
		switch c & 0xc0 {
		case 0x00:
			if c == 0 {
				if bitstring {
					if counted == 0 {
						return name, 0, false
					}
					raw = raw[:min(counted, len(raw))]
				}
				if used < 0 {
					used = off - start
				}
				return finishDNSName(raw, tooLong), used, true
			}
			if off+c > len(msg) {
				return name, 0, false
			}
			if len(raw)+c+1 > dnsMaxName {
				tooLong = true
			}
			if !tooLong {
				if len(raw) > 0 {
					raw = append(raw, '.')
					counted++
				}
				raw = append(raw, msg[off:off+c]...)
				counted += c
			}
			off += c
			processed += c
		case 0xc0:
			if off >= len(msg) {
				return name, 0, false
			}
			ptr := (c&0x3f)<<8 | int(msg[off])
			off++
			processed++
			if used < 0 {
				used = off - start
			}
			if processed >= len(msg) {
				// every byte has been looked at: the pointers loop
				return dnsName{text: "<Name contains a pointer that loops>"}, used, true
			}
			off = ptr
		case 0x40:
			if c == dnsBitstringLabel {
				// RFC 2673's bitstring label: a bit count, then the
				// bits, written "\[xHEX/COUNT]". tshark 4.0 writes it
				// into the name but does not count it in the name's
				// length, so the text is cut to the length of the other
				// labels and their dots (and a name of bitstrings only
				// is malformed).
				if off >= len(msg) {
					return name, 0, false
				}
				count := int(msg[off])
				n := (count-1)/8 + 1
				if off+1+n > len(msg) {
					return name, 0, false
				}
				if !tooLong {
					raw = append(raw, `\[x`...)
					raw = hex.AppendEncode(raw, msg[off+1:off+1+n])
					raw = append(raw, '/')
					raw = strconv.AppendInt(raw, int64(count), 10)
					raw = append(raw, ']')
				}
				off += 1 + n
				processed += 1 + n
				bitstring = true
				continue
			}
			// an unknown extended label ends the name; tshark 4.0 throws
			// when it is the name's first byte
			if off-1 == start {
				return name, 0, false
			}
			if used < 0 {
				used = off - start
			}
			return dnsName{text: "<Unknown extended label>"}, used, true
		default:
			return name, 0, false
		}
	}
}

func finishDNSName(raw []byte, tooLong bool) dnsName {
	switch {
	case tooLong:
		return dnsName{text: "<Name too long>"}
	case len(raw) == 0:
		return dnsName{text: "<Root>"}
	}
	return dnsName{text: dnsText(raw), raw: string(raw)}
}

// dnsParser walks one message, writing the Info text and, when asked, the
// details tree. Offsets in the tree are relative to the PDU (base is where
// the message starts: 2 on TCP, after the length).
type dnsParser struct {
	msg     []byte
	base    int
	variant dnsVariant
	tree    bool
	info    strings.Builder
	flags   int
	bad     bool // the message ended early: Info gets malformedMark
	// ownerOff and ownerLen locate the name of the record being read,
	// class is its class.
	ownerOff, ownerLen int
	class              uint16
	out                *Out // receives the A and AAAA records' resolutions
}

func (d *dnsParser) has(off, n int) bool { return off >= 0 && n >= 0 && off+n <= len(d.msg) }
func (d *dnsParser) u16(off int) uint16  { return binary.BigEndian.Uint16(d.msg[off:]) }
func (d *dnsParser) u32(off int) uint32  { return binary.BigEndian.Uint32(d.msg[off:]) }

// dissectDNS reads one DNS, mDNS or LLMNR message.
func dissectDNS(p *PDU, out *Out, v dnsVariant) bool {
	d := dnsParser{msg: p.Data, variant: v, tree: out.WantTree, out: out}
	var top Field
	if p.TCP {
		if len(p.Data) < 2 {
			return false
		}
		d.base = 2
		d.msg = p.Data[2:]
		if len(d.msg) > int(binary.BigEndian.Uint16(p.Data)) {
			d.msg = d.msg[:binary.BigEndian.Uint16(p.Data)]
		}
	}
	switch v {
	case dnsMulticast:
		out.SetProto("MDNS")
		top = Field{Name: "mdns", Label: "Multicast Domain Name System", Kind: FieldProto}
	case dnsLinkLocal:
		out.SetProto("LLMNR")
		top = Field{Name: "llmnr", Label: "Link-local Multicast Name Resolution", Kind: FieldProto}
	default:
		out.SetProto("DNS")
		top = Field{Name: "dns", Label: "Domain Name System", Kind: FieldProto}
	}
	top.Start, top.Len = 0, len(p.Data)
	if p.TCP {
		top.Children = append(top.Children, UintField("dns.length", "Length: "+strconv.Itoa(int(binary.BigEndian.Uint16(p.Data))), 0, 2,
			uint64(binary.BigEndian.Uint16(p.Data))))
	}
	top.Children = d.message(top.Children)
	if len(d.msg) >= 4 {
		if d.flags&dnsFlagResponse != 0 {
			top.Label += " (response)"
		} else {
			top.Label += " (query)"
		}
	}
	if d.bad {
		d.info.WriteString(malformedMark)
	}
	out.SetInfo(d.info.String())
	if out.WantTree {
		out.Add(top)
	}
	return true
}

// message reads the header and the four sections, appending tree lines to
// kids.
func (d *dnsParser) message(kids []Field) []Field {
	if !d.has(0, 4) {
		d.bad = true
		return kids
	}
	id, flags := d.u16(0), int(d.u16(2))
	d.flags = flags
	opcode := flags & dnsFlagOpcode >> 11
	head := dnsOpcodeName(opcode)
	if flags&dnsFlagResponse != 0 {
		head += " response"
	}
	d.info.WriteString(head)
	d.info.WriteString(" 0x")
	d.info.WriteString(hexWord(id))
	if flags&dnsFlagResponse != 0 && flags&dnsFlagRcode != 0 {
		d.info.WriteByte(' ')
		d.info.WriteString(dnsRcodeName(flags & dnsFlagRcode))
	}
	if d.tree {
		kids = append(kids, d.at(UintField("dns.id", "Transaction ID: 0x"+hexWord(id), 0, 2, uint64(id))))
		// the flags' summary names unknown codes without their number
		fl := dnsOpcodes[opcode]
		if fl == "" {
			fl = "Unknown operation"
		}
		if flags&dnsFlagResponse != 0 {
			fl += " response, "
			if rc := dnsRcodes[flags&dnsFlagRcode]; rc != "" {
				fl += rc
			} else {
				fl += "Unknown error"
			}
		}
		f := d.at(UintField("dns.flags", "Flags: 0x"+hexWord(uint16(flags))+" "+fl, 2, 2, uint64(flags)))
		f.Children = d.flagFields(flags)
		kids = append(kids, f)
	}
	if !d.has(4, 8) {
		d.bad = true
		return kids
	}
	var counts [4]int
	names := [4][2]string{{"dns.count.queries", "Questions"}, {"dns.count.answers", "Answer RRs"},
		{"dns.count.auth_rr", "Authority RRs"}, {"dns.count.add_rr", "Additional RRs"}}
	sections := [4]string{"Queries", "Answers", "Authoritative nameservers", "Additional records"}
	if opcode == dnsOpcodeUpdate {
		names = [4][2]string{{"dns.count.zones", "Zones"}, {"dns.count.prerequisites", "Prerequisites"},
			{"dns.count.updates", "Updates"}, {"dns.count.add_rr", "Additional RRs"}}
		sections = [4]string{"Zone", "Prerequisites", "Updates", "Additional records"}
	}
	for i := range counts {
		counts[i] = int(d.u16(4 + 2*i))
		if d.tree {
			kids = append(kids, d.at(UintField(names[i][0], names[i][1]+": "+strconv.Itoa(counts[i]), 4+2*i, 2, uint64(counts[i]))))
		}
	}
	off := dnsHeaderLen
	for s := 0; s < 4 && !d.bad; s++ {
		if counts[s] == 0 {
			continue
		}
		sec := Field{Label: sections[s], Start: d.base + off}
		for i := 0; i < counts[s] && !d.bad; i++ {
			var rec Field
			var n int
			if s == 0 {
				rec, n = d.question(off)
			} else {
				rec, n = d.record(off)
			}
			if d.tree && rec.Label != "" {
				sec.Children = append(sec.Children, rec)
			}
			off += n
		}
		if d.tree {
			sec.Len = d.base + off - sec.Start
			if d.bad {
				sec.Len = 0
			}
			kids = append(kids, sec)
		}
	}
	return kids
}

// at shifts a field built on message offsets to PDU offsets, cutting its
// byte range at the message's end (a record whose length claims more).
func (d *dnsParser) at(f Field) Field {
	if f.Start+f.Len > len(d.msg) {
		f.Len = max(0, len(d.msg)-f.Start)
	}
	f.Start += d.base
	return f
}

func boolField(name, label string, start, n int, v bool) Field {
	f := Field{Name: name, Label: label, Start: start, Len: n, Kind: FieldBool}
	if v {
		f.Num = 1
	}
	return f
}

// flagFields are the flags' subtree as Wireshark shows it for queries and
// responses of DNS and mDNS, and for LLMNR.
func (d *dnsParser) flagFields(flags int) []Field {
	v := uint32(flags)
	bit := func(name, title string, mask int, yes, no string) Field {
		s := no
		if flags&mask != 0 {
			s = yes
		}
		return d.at(boolField(name, bitString(v, 16, uint32(mask))+" = "+title+": "+s, 2, 2, flags&mask != 0))
	}
	resp := flags&dnsFlagResponse != 0
	opcode := flags & dnsFlagOpcode >> 11
	fs := []Field{
		bit("dns.flags.response", "Response", dnsFlagResponse, "Message is a response", "Message is a query"),
		d.at(UintField("dns.flags.opcode", bitString(v, 16, dnsFlagOpcode)+" = Opcode: "+orUnknown(dnsOpcodes[opcode])+
			" ("+strconv.Itoa(opcode)+")", 2, 2, uint64(opcode))),
	}
	if d.variant == dnsLinkLocal {
		if resp {
			fs = append(fs, bit("dns.flags.conflict", "Conflict", dnsFlagAuthoritative,
				"The name is not considered unique", "The name is considered unique"))
		} else {
			fs = append(fs, bit("dns.flags.conflict", "Conflict", dnsFlagAuthoritative,
				"The sender received multiple responses", "None"))
		}
		fs = append(fs, bit("dns.flags.truncated", "Truncated", dnsFlagTruncated, "Message is truncated", "Message is not truncated"),
			bit("dns.flags.tentative", "Tentative", dnsFlagRecDesired, "Tentative", "Not tentative"))
		if resp {
			fs = append(fs, d.rcodeField(flags))
		}
		return fs
	}
	if resp {
		fs = append(fs, bit("dns.flags.authoritative", "Authoritative", dnsFlagAuthoritative,
			"Server is an authority for domain", "Server is not an authority for domain"))
	}
	fs = append(fs, bit("dns.flags.truncated", "Truncated", dnsFlagTruncated, "Message is truncated", "Message is not truncated"),
		bit("dns.flags.recdesired", "Recursion desired", dnsFlagRecDesired, "Do query recursively", "Don't do query recursively"))
	if resp {
		fs = append(fs, bit("dns.flags.recavail", "Recursion available", dnsFlagRecAvail,
			"Server can do recursive queries", "Server can't do recursive queries"))
	}
	fs = append(fs, bit("dns.flags.z", "Z", dnsFlagZ, "reserved - incorrect!", "reserved (0)"))
	switch {
	case resp:
		fs = append(fs, bit("dns.flags.authenticated", "Answer authenticated", dnsFlagAuthenticated,
			"Answer/authority portion was authenticated by the server",
			"Answer/authority portion was not authenticated by the server"))
	case flags&dnsFlagAuthenticated != 0:
		fs = append(fs, bit("dns.flags.authenticated", "AD bit", dnsFlagAuthenticated, "Set", "Not set"))
	}
	fs = append(fs, bit("dns.flags.checkdisable", "Non-authenticated data", dnsFlagCheckDisable, "Acceptable", "Unacceptable"))
	if resp {
		fs = append(fs, d.rcodeField(flags))
	}
	return fs
}

func (d *dnsParser) rcodeField(flags int) Field {
	rc := flags & dnsFlagRcode
	return d.at(UintField("dns.flags.rcode", bitString(uint32(flags), 16, dnsFlagRcode)+" = Reply code: "+
		orUnknown(dnsRcodes[rc])+" ("+strconv.Itoa(rc)+")", 2, 2, uint64(rc)))
}

// classField is a question's or record's class; mDNS shows it as the low
// 15 bits beside the QU or cache-flush bit.
func (d *dnsParser) classField(name string, off int, class uint16) Field {
	label := "Class: " + dnsClassName(class) + " (0x" + hexWord(class) + ")"
	if d.variant == dnsMulticast {
		c := class &^ dnsClassFlush
		label = bitString(uint32(class), 16, 0x7fff) + " = Class: " + dnsClassName(c) + " (0x" + hexWord(c) + ")"
		class = c
	}
	return d.at(UintField(name, label, off, 2, uint64(class)))
}

// question reads one entry of the question section at off and returns its
// tree line and length.
func (d *dnsParser) question(off int) (Field, int) {
	name, n, ok := readDNSName(d.msg, off)
	if !ok || !d.has(off+n, 4) {
		d.bad = true
		return Field{}, 0
	}
	typ, class := d.u16(off+n), d.u16(off+n+2)
	qu := d.variant == dnsMulticast && class&dnsClassFlush != 0
	d.info.WriteByte(' ')
	d.info.WriteString(dnsTypeShort(typ))
	d.info.WriteByte(' ')
	d.info.WriteString(name.text)
	if d.variant == dnsMulticast {
		if qu {
			d.info.WriteString(`, "QU" question`)
		} else {
			d.info.WriteString(`, "QM" question`)
		}
	}
	if !d.tree {
		return Field{}, n + 4
	}
	cls := class
	if d.variant == dnsMulticast {
		cls &^= dnsClassFlush
	}
	// Wireshark counts the name's bytes before escaping, and its labels
	// as the dots of the shown text plus one (so "<Root>" has one)
	nlen, labels := len(name.raw), 1+strings.Count(name.text, ".")
	if name.raw == "" {
		nlen = len(name.text)
	}
	q := d.at(Field{Label: name.text + ": type " + dnsTypeShort(typ) + ", class " + dnsClassName(cls), Start: off, Len: n + 4})
	q.Children = []Field{
		d.at(StrField("dns.qry.name", "Name: "+name.text, off, n, name.raw)),
		d.at(UintField("dns.qry.name.len", "Name Length: "+strconv.Itoa(nlen), off, n, uint64(nlen))),
		d.at(UintField("dns.count.labels", "Label Count: "+strconv.Itoa(labels), off, n, uint64(labels))),
		d.at(UintField("dns.qry.type", "Type: "+dnsTypeLong(typ)+" ("+strconv.Itoa(int(typ))+")", off+n, 2, uint64(typ))),
		d.classField("dns.qry.class", off+n+2, class),
	}
	if d.variant == dnsMulticast {
		q.Children = append(q.Children, d.at(boolField("dns.qry.qu", bitString(uint32(class), 16, dnsClassFlush)+
			` = "QU" question: `+trueFalse(qu), off+n+2, 2, qu)))
	}
	return q, n + 4
}

func orUnknown(s string) string {
	if s == "" {
		return "Unknown"
	}
	return s
}

func trueFalse(b bool) string {
	if b {
		return "True"
	}
	return "False"
}

// record reads one resource record at off and returns its tree line and
// length.
func (d *dnsParser) record(off int) (Field, int) {
	name, n, ok := readDNSName(d.msg, off)
	if !ok || !d.has(off+n, 10) {
		d.bad = true
		return Field{}, 0
	}
	p := off + n
	typ, class, ttl, rdlen := d.u16(p), d.u16(p+2), d.u32(p+4), int(d.u16(p+8))
	rd := p + 10
	flush := d.variant == dnsMulticast && typ != dnsTypeOPT && class&dnsClassFlush != 0
	short := dnsTypeShort(typ)
	d.info.WriteByte(' ')
	d.info.WriteString(short)
	if flush {
		d.info.WriteString(", cache flush")
	}
	var rec Field
	if d.tree {
		label := name.text + ": type " + short
		if typ != dnsTypeOPT {
			cls := class
			if d.variant == dnsMulticast {
				cls &^= dnsClassFlush
			}
			label += ", class " + dnsClassName(cls)
			if flush {
				label += ", cache flush"
			}
		}
		rec = d.at(Field{Label: label, Start: off, Len: n + 10 + rdlen})
		d.ownerOff, d.ownerLen = off, n
		if typ == dnsTypeSRV {
			rec.Children = d.srvOwner(name) // Wireshark shows the owner split instead of dns.resp.name
		} else {
			rec.Children = []Field{d.at(StrField("dns.resp.name", "Name: "+name.text, off, n, name.raw))}
		}
		rec.Children = append(rec.Children,
			d.at(UintField("dns.resp.type", "Type: "+dnsTypeLong(typ)+" ("+strconv.Itoa(int(typ))+")", p, 2, uint64(typ))))
		if typ == dnsTypeOPT {
			rec.Children = append(rec.Children, d.optHeader(p, class, ttl)...)
		} else {
			rec.Children = append(rec.Children, d.classField("dns.resp.class", p+2, class))
			if d.variant == dnsMulticast {
				rec.Children = append(rec.Children, d.at(boolField("dns.resp.cache_flush",
					bitString(uint32(class), 16, dnsClassFlush)+" = Cache flush: "+trueFalse(flush), p+2, 2, flush)))
			}
			rec.Children = append(rec.Children, d.at(UintField("dns.resp.ttl",
				"Time to live: "+strconv.FormatUint(uint64(ttl), 10)+" ("+secondsText(ttl)+")", p+4, 4, uint64(ttl))))
		}
		rec.Children = append(rec.Children, d.at(UintField("dns.resp.len", "Data length: "+strconv.Itoa(rdlen), p+8, 2, uint64(rdlen))))
	}
	d.class = class
	if d.variant == dnsMulticast {
		d.class &^= dnsClassFlush
	}
	detail, kids := d.rdata(typ, name, rd, rdlen)
	if d.tree {
		rec.Label += detail
		rec.Children = append(rec.Children, kids...)
	}
	if !d.has(rd, rdlen) {
		// Wireshark adds a record's subtree only once its data is read
		d.bad = true
		return Field{}, n + 10 + rdlen
	}
	return rec, n + 10 + rdlen
}

// optHeader is the EDNS(0) OPT record's class and TTL, which carry the UDP
// payload size, extended RCODE, version and flags (RFC 6891 6.1.3).
func (d *dnsParser) optHeader(p int, class uint16, ttl uint32) []Field {
	z := uint32(ttl & 0xffff)
	zf := d.at(UintField("dns.resp.z", "Z: 0x"+hexWord(uint16(z)), p+6, 2, uint64(z)))
	do := z&0x8000 != 0
	doText := "Cannot handle DNSSEC security RRs"
	if do {
		doText = "Accepts DNSSEC security RRs"
	}
	zf.Children = []Field{
		d.at(boolField("dns.resp.z.do", bitString(z, 16, 0x8000)+" = DO bit: "+doText, p+6, 2, do)),
		d.at(UintField("dns.resp.z.reserved", bitString(z, 16, 0x7fff)+" = Reserved: 0x"+hexWord(uint16(z&0x7fff)), p+6, 2, uint64(z&0x7fff))),
	}
	size := "UDP payload size: " + strconv.Itoa(int(class))
	if d.variant == dnsMulticast {
		// mDNS shows the class word as a bit field, the size in hex
		size = bitString(uint32(class), 16, 0x7fff) + " = UDP payload size: 0x" + hexWord(class&0x7fff)
	}
	return []Field{
		d.at(UintField("dns.rr.udp_payload_size", size, p+2, 2, uint64(class))),
		d.at(UintField("dns.resp.ext_rcode", "Higher bits in extended RCODE: 0x"+hexByte(byte(ttl>>24)), p+4, 1, uint64(ttl>>24))),
		d.at(UintField("dns.resp.edns0_version", "EDNS0 version: "+strconv.Itoa(int(ttl>>16&0xff)), p+5, 1, uint64(ttl>>16&0xff))),
		zf,
	}
}

// rdata reads a record's data: it appends the Info text Wireshark 4.0 gives
// the type and returns the text the record's tree line ends with and the
// data's tree lines. A read past the message sets d.bad, as the exception
// Wireshark throws there.
func (d *dnsParser) rdata(typ uint16, owner dnsName, rd, rdlen int) (string, []Field) {
	name := func(off int) (dnsName, int, bool) {
		nm, n, ok := readDNSName(d.msg, off)
		if !ok {
			d.bad = true
		}
		return nm, n, ok
	}
	info := func(parts ...string) {
		for _, s := range parts {
			d.info.WriteByte(' ')
			d.info.WriteString(s)
		}
	}
	str := func(field, title string, off int, nm dnsName, n int) Field {
		return d.at(StrField(field, title+": "+nm.text, off, n, nm.raw))
	}
	switch typ {
	case dnsTypeA:
		if !d.has(rd, 4) {
			d.bad = true
			return "", nil
		}
		ip := netip.AddrFrom4([4]byte(d.msg[rd : rd+4]))
		d.resolve(ip, owner)
		a := ip.String()
		info(a)
		return ", addr " + a, []Field{d.at(Field{Name: "dns.a", Label: "Address: " + a, Start: rd, Len: 4,
			Kind: FieldIPv4, Num: uint64(d.u32(rd))})}
	case dnsTypeAAAA:
		if !d.has(rd, 16) {
			d.bad = true
			return "", nil
		}
		ip := netip.AddrFrom16([16]byte(d.msg[rd : rd+16]))
		d.resolve(ip, owner)
		a := ip.String()
		info(a)
		return ", addr " + a, []Field{d.at(Field{Name: "dns.aaaa", Label: "AAAA Address: " + a, Start: rd, Len: 16,
			Kind: FieldIPv6, Str: string(d.msg[rd : rd+16])})}
	case dnsTypeNS, dnsTypeCNAME, dnsTypePTR, dnsTypeDNAME, dnsTypeNSEC, dnsTypeNXT:
		nm, n, ok := name(rd)
		if !ok {
			return "", nil
		}
		info(nm.text)
		switch typ {
		case dnsTypeNS:
			return ", ns " + nm.text, []Field{str("dns.ns", "Name Server", rd, nm, n)}
		case dnsTypeCNAME:
			return ", cname " + nm.text, []Field{str("dns.cname", "CNAME", rd, nm, n)}
		case dnsTypePTR:
			return ", " + nm.text, []Field{str("dns.ptr.domain_name", "Domain Name", rd, nm, n)}
		case dnsTypeNSEC:
			return ", next domain name " + nm.text, []Field{str("dns.nsec.next_domain_name", "Next Domain Name", rd, nm, n)}
		}
		return "", nil
	case dnsTypeSOA:
		mname, n1, ok := name(rd)
		if !ok {
			return "", nil
		}
		info(mname.text)
		rname, n2, ok := name(rd + n1)
		if !ok {
			return "", nil
		}
		p := rd + n1 + n2
		if !d.has(p, 20) {
			d.bad = true
			return "", nil
		}
		kids := []Field{str("dns.soa.mname", "Primary name server", rd, mname, n1),
			str("dns.soa.rname", "Responsible authority's mailbox", rd+n1, rname, n2),
			d.at(UintField("dns.soa.serial_number", "Serial Number: "+strconv.FormatUint(uint64(d.u32(p)), 10), p, 4, uint64(d.u32(p))))}
		for i, t := range [4][2]string{{"dns.soa.refresh_interval", "Refresh Interval"}, {"dns.soa.retry_interval", "Retry Interval"},
			{"dns.soa.expire_limit", "Expire limit"}, {"dns.soa.minimum_ttl", "Minimum TTL"}} {
			v := d.u32(p + 4 + 4*i)
			kids = append(kids, d.at(UintField(t[0], t[1]+": "+strconv.FormatUint(uint64(v), 10)+" ("+secondsText(v)+")", p+4+4*i, 4, uint64(v))))
		}
		return ", mname " + mname.text, kids
	case dnsTypeMX, dnsTypeKX:
		if !d.has(rd, 2) {
			d.bad = true
			return "", nil
		}
		pref := d.u16(rd)
		nm, n, ok := name(rd + 2)
		if !ok {
			return "", nil
		}
		info(strconv.Itoa(int(pref)), nm.text)
		if typ == dnsTypeKX {
			return "", nil
		}
		return ", preference " + strconv.Itoa(int(pref)) + ", mx " + nm.text, []Field{
			d.at(UintField("dns.mx.preference", "Preference: "+strconv.Itoa(int(pref)), rd, 2, uint64(pref))),
			str("dns.mx.mail_exchange", "Mail Exchange", rd+2, nm, n)}
	case dnsTypeSRV:
		if !d.has(rd, 6) {
			d.bad = true
			return "", nil
		}
		pr, w, port := d.u16(rd), d.u16(rd+2), d.u16(rd+4)
		nm, n, ok := name(rd + 6)
		if !ok {
			return "", nil
		}
		info(strconv.Itoa(int(pr)), strconv.Itoa(int(w)), strconv.Itoa(int(port)), nm.text)
		return ", priority " + strconv.Itoa(int(pr)) + ", weight " + strconv.Itoa(int(w)) + ", port " + strconv.Itoa(int(port)) + ", target " + nm.text,
			[]Field{d.at(UintField("dns.srv.priority", "Priority: "+strconv.Itoa(int(pr)), rd, 2, uint64(pr))),
				d.at(UintField("dns.srv.weight", "Weight: "+strconv.Itoa(int(w)), rd+2, 2, uint64(w))),
				d.at(UintField("dns.srv.port", "Port: "+strconv.Itoa(int(port)), rd+4, 2, uint64(port))),
				str("dns.srv.target", "Target", rd+6, nm, n)}
	case dnsTypeHINFO:
		if !d.has(rd, 1) || !d.has(rd+1, int(d.msg[rd])) {
			d.bad = true
			return "", nil
		}
		cl := int(d.msg[rd])
		op := rd + 1 + cl
		if !d.has(op, 1) || !d.has(op+1, int(d.msg[op])) {
			d.bad = true
			return "", nil
		}
		ol := int(d.msg[op])
		cpu, os := d.msg[rd+1:rd+1+cl], d.msg[op+1:op+1+ol]
		info(dnsText(cpu), dnsText(os))
		return ", CPU " + dnsText(cpu) + ", OS " + dnsText(os), []Field{
			d.at(UintField("dns.hinfo.cpu_length", "CPU Length: "+strconv.Itoa(cl), rd, 1, uint64(cl))),
			d.at(StrField("dns.hinfo.cpu", "CPU: "+dnsText(cpu), rd+1, cl, string(cpu))),
			d.at(UintField("dns.hinfo.os_length", "OS Length: "+strconv.Itoa(ol), op, 1, uint64(ol))),
			d.at(StrField("dns.hinfo.os", "OS: "+dnsText(os), op+1, ol, string(os)))}
	case dnsTypeTXT, dnsTypeSPF:
		if typ == dnsTypeSPF {
			return "", nil
		}
		var kids []Field
		for p := rd; p < rd+rdlen && d.has(p, 1); {
			l := int(d.msg[p])
			if !d.has(p+1, l) {
				// a string running past the message (tshark 4.0 on lab__dns-labels-crafted)
				d.bad = true
				break
			}
			if !d.tree {
				p += 1 + l
				continue
			}
			kids = append(kids, d.at(UintField("dns.txt.length", "TXT Length: "+strconv.Itoa(l), p, 1, uint64(l))),
				d.at(StrField("dns.txt", "TXT: "+dnsText(d.msg[p+1:p+1+l]), p+1, l, string(d.msg[p+1:p+1+l]))))
			p += 1 + l
		}
		return "", kids
	case dnsTypeNAPTR:
		if !d.has(rd, 5) || !d.has(rd+5, int(d.msg[rd+4])) {
			d.bad = true
			return "", nil
		}
		info(strconv.Itoa(int(d.u16(rd))), strconv.Itoa(int(d.u16(rd+2))), dnsText(d.msg[rd+5:rd+5+int(d.msg[rd+4])]))
	case dnsTypeWKS:
		if !d.has(rd, 4) {
			d.bad = true
			return "", nil
		}
		info(netip.AddrFrom4([4]byte(d.msg[rd : rd+4])).String())
	case dnsTypeWINSR:
		nm, _, ok := name(rd + 12)
		if ok {
			info(nm.text)
		}
	case dnsTypeMD, dnsTypeMF, dnsTypeMB, dnsTypeMG, dnsTypeMR, dnsTypeMINFO, dnsTypeRP, dnsTypeAFSDB, dnsTypePX, dnsTypeNULL, dnsTypeN3P, dnsTypeTLSA, dnsTypeAPL,
		dnsTypeNSAP, dnsTypeHIP, dnsTypeDHCID, dnsTypeX25, dnsTypeISDN, dnsTypeRT, dnsTypeGPOS:
		// Wireshark 4.0 shows the record's owner name for these types
		info(owner.text)
	case dnsTypeOPT:
		if !d.tree {
			return "", nil
		}
		return "", d.optOptions(rd, rdlen)
	}
	return "", nil
}

// resolve reports an address record as a name resolution, as Wireshark's
// "resolve network addresses from captured DNS packets" takes them: any
// section, class IN, named by the record's owner.
func (d *dnsParser) resolve(ip netip.Addr, owner dnsName) {
	const classIN = 1
	if d.class == classIN && owner.raw != "" {
		d.out.Resolve(ip, owner.raw)
	}
}

// srvOwner splits an SRV record's owner "_service._proto.name" as
// Wireshark's tree does.
func (d *dnsParser) srvOwner(owner dnsName) []Field {
	parts := strings.SplitN(owner.text, ".", 3)
	var fs []Field
	for i, t := range [3][2]string{{"dns.srv.service", "Service"}, {"dns.srv.proto", "Protocol"}, {"dns.srv.name", "Name"}} {
		if i < len(parts) {
			fs = append(fs, d.at(StrField(t[0], t[1]+": "+parts[i], d.ownerOff, d.ownerLen, parts[i])))
		}
	}
	return fs
}

// optOptions are the EDNS(0) options in an OPT record's data.
func (d *dnsParser) optOptions(rd, rdlen int) []Field {
	var fs []Field
	for p, end := rd, rd+rdlen; p+4 <= end && d.has(p, 4); {
		code, l := d.u16(p), int(d.u16(p+2))
		cname, ok := dnsOptCodes[code]
		if !ok {
			cname = "Unknown"
		}
		opt := d.at(Field{Name: "dns.opt", Label: "Option: " + cname, Start: p, Len: 4 + l})
		opt.Children = []Field{
			d.at(UintField("dns.opt.code", "Option Code: "+cname+" ("+strconv.Itoa(int(code))+")", p, 2, uint64(code))),
			d.at(UintField("dns.opt.len", "Option Length: "+strconv.Itoa(l), p+2, 2, uint64(l))),
		}
		if l > 0 && d.has(p+4, l) {
			opt.Children = append(opt.Children, d.at(Field{Name: "dns.opt.data", Label: "Option Data: " + hexString(d.msg[p+4:p+4+l]),
				Start: p + 4, Len: l, Kind: FieldBytes, Str: string(d.msg[p+4 : p+4+l])}))
		}
		fs = append(fs, opt)
		p += 4 + l
	}
	return fs
}

// hexWord is v as four lowercase hex digits.
func hexWord(v uint16) string {
	const h = "0123456789abcdef"
	return string([]byte{h[v>>12], h[v>>8&15], h[v>>4&15], h[v&15]})
}

// hexByte is v as two lowercase hex digits.
func hexByte(v byte) string {
	const h = "0123456789abcdef"
	return string([]byte{h[v>>4], h[v&15]})
}
