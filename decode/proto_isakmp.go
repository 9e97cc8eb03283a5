package decode

import (
	"encoding/binary"
	"encoding/hex"
	"net/netip"
	"strconv"
)

// ISAKMP (RFC 2408) with IKEv1 (RFC 2409) and IKEv2 (RFC 7296) on UDP 500,
// and behind the non-ESP marker on UDP 4500 (RFC 3948; proto_esp.go hands
// those over). Hand-written: gopacket has no IKE layer. Info follows
// packet-isakmp.c: IKEv1 names the exchange ("Identity Protection (Main
// Mode)", "Quick Mode"), IKEv2 adds the message ID and the initiator and
// response flags ("IKE_AUTH MID=01 Responder Response"). A datagram shorter
// than the 28-byte header, or whose length field says less, is not
// dissected but keeps tshark's "ISAKMP" Protocol and empty Info. The tree
// walks the payload chain (security associations, proposals, transforms
// and their attributes, key exchange, nonces, notifies, vendor IDs,
// identities, NAT discovery); encrypted payloads stay opaque, as in tshark
// without keys. Reading past the datagram stops the walk with
// malformedMark, where tshark's tvb raises its exception.

const (
	portISAKMP   = 500
	isakmpHdrLen = 28
)

// ikePayload is an ISAKMP payload type (RFC 2408 §3.1, RFC 7296 §3.2).
type ikePayload uint8

const (
	ikeNone       ikePayload = 0
	ikeSA         ikePayload = 1
	ikeProposal   ikePayload = 2
	ikeTransform  ikePayload = 3
	ikeKE         ikePayload = 4
	ikeID         ikePayload = 5
	ikeHash       ikePayload = 8
	ikeNonce      ikePayload = 10
	ikeNotify     ikePayload = 11
	ikeDelete     ikePayload = 12
	ikeVendorID   ikePayload = 13
	ikeNATD       ikePayload = 20
	ikeNATD13     ikePayload = 130
	ike2SA        ikePayload = 33
	ike2KE        ikePayload = 34
	ike2IDi       ikePayload = 35
	ike2IDr       ikePayload = 36
	ike2Auth      ikePayload = 39
	ike2Nonce     ikePayload = 40
	ike2Notify    ikePayload = 41
	ike2Delete    ikePayload = 42
	ike2VendorID  ikePayload = 43
	ike2TSi       ikePayload = 44
	ike2TSr       ikePayload = 45
	ike2Encrypted ikePayload = 46
)

var ikePayloadNames = map[ikePayload]string{
	0: "NONE / No Next Payload ", 1: "Security Association", 2: "Proposal", 3: "Transform",
	4: "Key Exchange", 5: "Identification", 6: "Certificate", 7: "Certificate Request", 8: "Hash",
	9: "Signature", 10: "Nonce", 11: "Notification", 12: "Delete", 13: "Vendor ID", 14: "Attributes",
	15: "SA KEK Payload", 16: "SA TEK Payload", 17: "Key Download", 18: "Sequence Number",
	19: "Proof of Possession", 20: "NAT-D (RFC 3947)", 21: "NAT-OA (RFC 3947)", 22: "Group Associated Policy",
	33: "Security Association", 34: "Key Exchange", 35: "Identification - Initiator",
	36: "Identification - Responder", 37: "Certificate", 38: "Certificate Request", 39: "Authentication",
	40: "Nonce", 41: "Notify", 42: "Delete", 43: "Vendor ID", 44: "Traffic Selector - Initiator",
	45: "Traffic Selector - Responder", 46: "Encrypted and Authenticated", 47: "Configuration",
	48: "Extensible Authentication", 49: "Generic Secure Password Method", 50: "Group Identification",
	51: "Group Security Association", 52: "Key Download", 53: "Encrypted and Authenticated Fragment",
	130: "NAT-D (draft-ietf-ipsec-nat-t-ike-01 to 03)", 131: "NAT-OA (draft-ietf-ipsec-nat-t-ike-01 to 03)",
	132: "Cisco-Fragmentation",
}

func (p ikePayload) String() string {
	if s, ok := ikePayloadNames[p]; ok {
		return s
	}
	switch {
	case p >= 54 && p <= 127:
		return "Unassigned"
	case p >= 128:
		return "Private Use"
	}
	return "Unknown"
}

var ikeV1Exchanges = map[uint8]string{
	0: "NONE", 1: "Base", 2: "Identity Protection (Main Mode)", 3: "Authentication Only", 4: "Aggressive",
	5: "Informational", 6: "Transaction (Config Mode)", 32: "Quick Mode", 33: "New Group Mode",
}

var ikeV2Exchanges = map[uint8]string{
	34: "IKE_SA_INIT", 35: "IKE_AUTH", 36: "CREATE_CHILD_SA", 37: "INFORMATIONAL", 38: "IKE_SESSION_RESUME",
}

var ikeDHGroups = map[uint16]string{
	0: "UNDEFINED - 0", 1: "Default 768-bit MODP group", 2: "Alternate 1024-bit MODP group",
	3: "EC2N group on GP[2^155] group", 4: "EC2N group on GP[2^185] group", 5: "1536 bit MODP group",
	14: "2048 bit MODP group", 15: "3072 bit MODP group", 16: "4096 bit MODP group", 17: "6144 bit MODP group",
	18: "8192 bit MODP group", 19: "256-bit random ECP group", 20: "384-bit random ECP group",
	21: "521-bit random ECP group", 22: "1024-bit MODP Group with 160-bit Prime Order Subgroup",
	23: "2048-bit MODP Group with 224-bit Prime Order Subgroup",
	24: "2048-bit MODP Group with 256-bit Prime Order Subgroup", 25: "192-bit Random ECP Group",
	26: "224-bit Random ECP Group", 27: "224-bit Brainpool ECP group", 28: "256-bit Brainpool ECP group",
	29: "384-bit Brainpool ECP group", 30: "512-bit Brainpool ECP group",
	31: "Curve25519", 32: "Curve448",
}

var ikeV1ProtoIDs = map[uint8]string{0: "RESERVED", 1: "ISAKMP", 2: "IPSEC_AH", 3: "IPSEC_ESP", 4: "IPCOMP", 5: "GIGABEAM_RADIO"}
var ikeV2ProtoIDs = map[uint8]string{0: "RESERVED", 1: "IKE", 2: "AH", 3: "ESP", 4: "FC_ESP_HEADER", 5: "FC_CT_AUTHENTICATION"}
var ikeDOIs = map[uint32]string{0: "ISAKMP", 1: "IPSEC", 2: "GDOI"}

// IKEv1 transform IDs per protocol (RFC 2407 §4.4).
var ikeV1TransISAKMP = map[uint8]string{0: "RESERVED", 1: "KEY_IKE"}
var ikeV1TransAH = map[uint8]string{0: "RESERVED", 1: "RESERVED", 2: "MD5", 3: "SHA", 4: "DES", 5: "SHA2-256", 6: "SHA2-384", 7: "SHA2-512"}
var ikeV1TransESP = map[uint8]string{0: "RESERVED", 1: "DES-IV64", 2: "DES", 3: "3DES", 4: "RC5", 5: "IDEA", 6: "CAST",
	7: "BLOWFISH", 8: "3IDEA", 9: "DES-IV32", 10: "RC4", 11: "NULL", 12: "AES"}
var ikeV1TransIPCOMP = map[uint8]string{0: "RESERVED", 1: "OUI", 2: "DEFLATE", 3: "LZS", 4: "LZJH"}

// IKEv1 phase 1 attributes (RFC 2409 Appendix A).
var ikeAttrTypes = map[uint16]string{1: "Encryption-Algorithm", 2: "Hash-Algorithm", 3: "Authentication-Method",
	4: "Group-Description", 5: "Group-Type", 6: "Group-Prime", 7: "Group-Generator-One", 8: "Group-Generator-Two",
	9: "Group-Curve-A", 10: "Group-Curve-B", 11: "Life-Type", 12: "Life-Duration", 13: "PRF", 14: "Key-Length",
	15: "Field-Size", 16: "Group-Order", 17: "Block-Size", 20: "Asymmetric-Cryptographic-Algorithm-Type"}
var ikeEncAlgos = map[uint16]string{0: "RESERVED", 1: "DES-CBC", 2: "IDEA-CBC", 3: "BLOWFISH-CBC", 4: "RC5-R16-B64-CBC",
	5: "3DES-CBC", 6: "CAST-CBC", 7: "AES-CBC", 8: "CAMELLIA-CBC"}
var ikeHashAlgos = map[uint16]string{0: "RESERVED", 1: "MD5", 2: "SHA", 3: "TIGER", 4: "SHA2-256", 5: "SHA2-384", 6: "SHA2-512"}
var ikeAuthMethods = map[uint16]string{0: "RESERVED", 1: "Pre-shared key", 2: "DSS signatures", 3: "RSA signatures",
	4: "Encryption with RSA", 5: "Revised encryption with RSA", 9: "ECDSA with SHA-256 on the P-256 curve",
	10: "ECDSA with SHA-384 on the P-384 curve", 11: "ECDSA with SHA-512 on the P-521 curve",
	64221: "HybridInitRSA", 64222: "HybridRespRSA", 64223: "HybridInitDSS", 64224: "HybridRespDSS",
	65001: "XAUTHInitPreShared", 65002: "XAUTHRespPreShared", 65003: "XAUTHInitDSS", 65004: "XAUTHRespDSS",
	65005: "XAUTHInitRSA", 65006: "XAUTHRespRSA"}
var ikeLifeTypes = map[uint16]string{0: "RESERVED", 1: "Seconds", 2: "Kilobytes"}

// IKEv2 transforms (RFC 7296 §3.3.2).
var ike2TransTypes = map[uint8]string{0: "RESERVED", 1: "Encryption Algorithm (ENCR)", 2: "Pseudo-random Function (PRF)",
	3: "Integrity Algorithm (INTEG)", 4: "Diffie-Hellman Group (D-H)", 5: "Extended Sequence Numbers (ESN)"}
var ike2Encr = map[uint16]string{0: "RESERVED", 1: "ENCR_DES_IV64", 2: "ENCR_DES", 3: "ENCR_3DES", 4: "ENCR_RC5",
	5: "ENCR_IDEA", 6: "ENCR_CAST", 7: "ENCR_BLOWFISH", 8: "ENCR_3IDEA", 9: "ENCR_DES_IV32", 10: "RESERVED",
	11: "ENCR_NULL", 12: "ENCR_AES_CBC", 13: "ENCR_AES_CTR", 14: "ENCR_AES-CCM_8", 15: "ENCR-AES-CCM_12",
	16: "ENCR-AES-CCM_16", 17: "UNASSIGNED", 18: "AES-GCM with a 8 octet ICV", 19: "AES-GCM with a 12 octet ICV",
	20: "AES-GCM with a 16 octet ICV", 21: "ENCR_NULL_AUTH_AES_GMAC", 23: "ENCR_CAMELLIA_CBC",
	24: "ENCR_CAMELLIA_CTR", 28: "ENCR_CHACHA20_POLY1305"}
var ike2PRF = map[uint16]string{0: "RESERVED", 1: "PRF_HMAC_MD5", 2: "PRF_HMAC_SHA1", 3: "PRF_HMAC_TIGER",
	4: "PRF_AES128_CBC", 5: "PRF_HMAC_SHA2_256", 6: "PRF_HMAC_SHA2_384", 7: "PRF_HMAC_SHA2_512", 8: "PRF_AES128_CMAC6"}
var ike2Integ = map[uint16]string{0: "NONE", 1: "AUTH_HMAC_MD5_96", 2: "AUTH_HMAC_SHA1_96", 3: "AUTH_DES_MAC",
	4: "AUTH_KPDK_MD5", 5: "AUTH_AES_XCBC_96", 6: "AUTH_HMAC_MD5_128", 7: "AUTH_HMAC_SHA1_160", 8: "AUTH_AES_CMAC_96",
	9: "AUTH_AES_128_GMAC", 10: "AUTH_AES_192_GMAC", 11: "AUTH_AES_256_GMAC", 12: "AUTH_HMAC_SHA2_256_128",
	13: "AUTH_HMAC_SHA2_384_192", 14: "AUTH_HMAC_SHA2_512_256"}
var ike2ESN = map[uint16]string{0: "No Extended Sequence Numbers", 1: "Extended Sequence Numbers"}

// Notify message types (RFC 2408 §3.14.1, RFC 7296 §3.10.1).
var ikeV1Notify = map[uint16]string{0: "<UNKNOWN>", 1: "INVALID-PAYLOAD-TYPE", 2: "DOI-NOT-SUPPORTED",
	3: "SITUATION-NOT-SUPPORTED", 4: "INVALID-COOKIE", 5: "INVALID-MAJOR-VERSION", 6: "INVALID-MINOR-VERSION",
	7: "INVALID-EXCHANGE-TYPE", 8: "INVALID-FLAGS", 9: "INVALID-MESSAGE-ID", 10: "INVALID-PROTOCOL-ID",
	11: "INVALID-SPI", 12: "INVALID-TRANSFORM-ID", 13: "ATTRIBUTES-NOT-SUPPORTED", 14: "NO-PROPOSAL-CHOSEN",
	15: "BAD-PROPOSAL-SYNTAX", 16: "PAYLOAD-MALFORMED", 17: "INVALID-KEY-INFORMATION", 18: "INVALID-ID-INFORMATION",
	19: "INVALID-CERT-ENCODING", 20: "INVALID-CERTIFICATE", 21: "CERT-TYPE-UNSUPPORTED", 22: "INVALID-CERT-AUTHORITY",
	23: "INVALID-HASH-INFORMATION", 24: "AUTHENTICATION-FAILED", 25: "INVALID-SIGNATURE", 26: "ADDRESS-NOTIFICATION",
	27: "NOTIFY-SA-LIFETIME", 28: "CERTIFICATE-UNAVAILABLE", 29: "UNSUPPORTED-EXCHANGE-TYPE",
	30: "UNEQUAL-PAYLOAD-LENGTHS", 16384: "CONNECTED", 24576: "RESPONDER-LIFETIME", 24577: "REPLAY-STATUS",
	24578: "INITIAL-CONTACT", 36136: "R-U-THERE", 36137: "R-U-THERE-ACK", 40501: "UNITY-LOAD-BALANCE",
	40502: "UNITY-UNKNOWN", 40503: "UNITY-GROUP-HASH"}

func ikeV1NotifyName(t uint16) string {
	if s, ok := ikeV1Notify[t]; ok {
		return s
	}
	switch {
	case t <= 8191 || t >= 16385 && t <= 24575 || t >= 40960:
		return "RESERVED (Future Use)"
	case t <= 16383 || t >= 32768:
		return "Private Use"
	}
	return "DOI-specific codes"
}

var ikeV2Notify = map[uint16]string{0: "RESERVED", 1: "UNSUPPORTED_CRITICAL_PAYLOAD", 4: "INVALID_IKE_SPI",
	5: "INVALID_MAJOR_VERSION", 7: "INVALID_SYNTAX", 9: "INVALID_MESSAGE_ID", 11: "INVALID_SPI",
	14: "NO_PROPOSAL_CHOSEN", 17: "INVALID_KE_PAYLOAD", 24: "AUTHENTICATION_FAILED", 34: "SINGLE_PAIR_REQUIRED",
	35: "NO_ADDITIONAL_SAS", 36: "INTERNAL_ADDRESS_FAILURE", 37: "FAILED_CP_REQUIRED", 38: "TS_UNACCEPTABLE",
	39: "INVALID_SELECTORS", 40: "UNACCEPTABLE_ADDRESSES", 41: "UNEXPECTED_NAT_DETECTED", 42: "USE_ASSIGNED_HoA",
	43: "TEMPORARY_FAILURE", 44: "CHILD_SA_NOT_FOUND", 45: "INVALID_GROUP_ID", 46: "CHILD_SA_NOT_FOUND",
	16384: "INITIAL_CONTACT", 16385: "SET_WINDOW_SIZE", 16386: "ADDITIONAL_TS_POSSIBLE", 16387: "IPCOMP_SUPPORTED",
	16388: "NAT_DETECTION_SOURCE_IP", 16389: "NAT_DETECTION_DESTINATION_IP", 16390: "COOKIE",
	16391: "USE_TRANSPORT_MODE", 16392: "HTTP_CERT_LOOKUP_SUPPORTED", 16393: "REKEY_SA",
	16394: "ESP_TFC_PADDING_NOT_SUPPORTED", 16395: "NON_FIRST_FRAGMENTS_ALSO", 16396: "MOBIKE_SUPPORTED",
	16397: "ADDITIONAL_IP4_ADDRESS", 16398: "ADDITIONAL_IP6_ADDRESS", 16399: "NO_ADDITIONAL_ADDRESSES",
	16400: "UPDATE_SA_ADDRESSES", 16401: "COOKIE2", 16402: "NO_NATS_ALLOWED", 16403: "AUTH_LIFETIME",
	16404: "MULTIPLE_AUTH_SUPPORTED", 16405: "ANOTHER_AUTH_FOLLOWS", 16406: "REDIRECT_SUPPORTED", 16407: "REDIRECT",
	16408: "REDIRECTED_FROM", 16409: "TICKET_LT_OPAQUE", 16410: "TICKET_REQUEST", 16411: "TICKET_ACK",
	16412: "TICKET_NACK", 16413: "TICKET_OPAQUE", 16414: "LINK_ID", 16415: "USE_WESP_MODE", 16416: "ROHC_SUPPORTED",
	16417: "EAP_ONLY_AUTHENTICATION", 16418: "CHILDLESS_IKEV2_SUPPORTED", 16419: "QUICK_CRASH_DETECTION",
	16420: "IKEV2_MESSAGE_ID_SYNC_SUPPORTED", 16421: "IPSEC_REPLAY_COUNTER_SYNC_SUPPORTED",
	16422: "IKEV2_MESSAGE_ID_SYNC", 16423: "IPSEC_REPLAY_COUNTER_SYNC", 16424: "SECURE_PASSWORD_METHODS",
	16425: "PSK_PERSIST", 16426: "PSK_CONFIRM", 16427: "ERX_SUPPORTED", 16428: "IFOM_CAPABILITY",
	16429: "SENDER_REQUEST_ID", 16430: "IKEV2_FRAGMENTATION_SUPPORTED", 16431: "SIGNATURE_HASH_ALGORITHMS"}

func ikeV2NotifyName(t uint16) string {
	if s, ok := ikeV2Notify[t]; ok {
		return s
	}
	switch {
	case t >= 47 && t <= 8191:
		return "RESERVED TO IANA - Error types"
	case t >= 8192 && t <= 16383:
		return "Private Use - Errors"
	case t >= 16432 && t <= 40959:
		return "RESERVED TO IANA - STATUS TYPES"
	case t >= 40960:
		return "Private Use - STATUS TYPES"
	}
	return "RESERVED"
}

// ikeSigHashes are RFC 7427's hash algorithms of SIGNATURE_HASH_ALGORITHMS.
var ikeSigHashes = map[uint16]string{0: "Reserved", 1: "SHA1", 2: "SHA2-256", 3: "SHA2-384", 4: "SHA2-512", 5: "Identity"}

var ikeV1IDTypes = map[uint8]string{0: "RESERVED", 1: "IPV4_ADDR", 2: "FQDN", 3: "USER_FQDN", 4: "IPV4_ADDR_SUBNET",
	5: "IPV6_ADDR", 6: "IPV6_ADDR_SUBNET", 7: "IPV4_ADDR_RANGE", 8: "IPV6_ADDR_RANGE", 9: "DER_ASN1_DN",
	10: "DER_ASN1_GN", 11: "KEY_ID", 12: "KEY_LIST"}
var ikeV2IDTypes = map[uint8]string{0: "RESERVED", 1: "IPV4_ADDR", 2: "FQDN", 3: "ID_RFC822_ADDR", 4: "Unassigned",
	5: "IPV6_ADDR", 6: "Unassigned", 7: "Unassigned", 8: "Unassigned", 9: "DER_ASN1_DN", 10: "DER_ASN1_GN",
	11: "KEY_ID", 12: "KEY_LIST"}

// ikeIDTypeName names an identification type; v1 and v2 differ (RFC 2407
// §4.6.2.1, RFC 7296 §3.5) and tshark spells them as shown.
func ikeIDTypeName(ver int, t uint8) string {
	m, future, private := ikeV1IDTypes, uint8(248), "Private Use"
	if ver == 2 {
		m, future = ikeV2IDTypes, 200
	}
	if s, ok := m[t]; ok {
		return s
	}
	if t <= future {
		return "Future use"
	}
	return private
}

// ikeVendorIDs are vendor IDs tshark names, keyed by their bytes: the ones
// strongSwan, Cisco and Windows peers send (packet-isakmp.c's table).
var ikeVendorIDs = map[string]string{
	"\x09\x00\x26\x89\xdf\xd6\xb7\x12":                                                 "XAUTH",
	"\xaf\xca\xd7\x13\x68\xa1\xf1\xc9\x6b\x86\x96\xfc\x77\x57\x01\x00":                 "RFC 3706 DPD (Dead Peer Detection)",
	"\x40\x48\xb7\xd5\x6e\xbc\xe8\x85\x25\xe7\xde\x7f\x00\xd6\xc2\xd3\x80\x00\x00\x00": "Cisco Fragmentation",
	"\x4a\x13\x1c\x81\x07\x03\x58\x45\x5c\x57\x28\xf2\x0e\x95\x45\x2f":                 "RFC 3947 Negotiation of NAT-Traversal in the IKE",
	"\x90\xcb\x80\x91\x3e\xbb\x69\x6e\x08\x63\x81\xb5\xec\x42\x7b\x1f":                 `draft-ietf-ipsec-nat-t-ike-02\n`,
	"\xcd\x60\x46\x43\x35\xdf\x21\xf8\x7c\xfd\xb2\xfc\x68\xb6\xa4\x48":                 "draft-ietf-ipsec-nat-t-ike-02",
	"\x4d\xf3\x79\x28\xe9\xfc\x4f\xd1\xb3\x26\x21\x70\xd5\x15\xc6\x62":                 "draft-ietf-ipsec-nat-t-ike-03",
	"\x44\x85\x15\x2d\x18\xb6\xbb\xcd\x0b\xe8\xa8\x46\x95\x79\xdd\xcc":                 "draft-ietf-ipsec-nat-t-ike-00",
	"\x16\xf6\xca\x16\xe4\xa4\x06\x6d\x83\x82\x1a\x0f\x0a\xea\xa8\x62":                 "draft-ietf-ipsec-nat-t-ike-01",
	"\x12\xf5\xf2\x8c\x45\x71\x68\xa9\x70\x2d\x9f\xe2\x74\xcc\x01\x00":                 "Cisco Unity",
	"\x1e\x2b\x51\x69\x05\x99\x1c\x7d\x7c\x96\xfc\xbf\xb5\x87\xe4\x61\x00\x00\x00\x09": "MS NT5 ISAKMPOAKLEY",
	"\x40\x48\xb7\xd5\x6e\xbc\xe8\x85\x25\xe7\xde\x7f\x00\xd6\xc2\xd3":                 "IKE FRAGMENTATION",
}

// ikeReader reads an ISAKMP message the way tshark's tvb does: a read
// past the datagram sets bad, and the dissection stops there.
type ikeReader struct {
	b    []byte
	ver  int
	bad  bool
	tree bool
}

func (r *ikeReader) has(off, n int) bool {
	if off < 0 || n < 0 || off+n > len(r.b) {
		r.bad = true
		return false
	}
	return true
}

func (r *ikeReader) u8(off int) uint8 {
	if !r.has(off, 1) {
		return 0
	}
	return r.b[off]
}

func (r *ikeReader) u16(off int) uint16 {
	if !r.has(off, 2) {
		return 0
	}
	return binary.BigEndian.Uint16(r.b[off:])
}

func (r *ikeReader) u32(off int) uint32 {
	if !r.has(off, 4) {
		return 0
	}
	return binary.BigEndian.Uint32(r.b[off:])
}

func (r *ikeReader) bytes(off, n int) []byte {
	if !r.has(off, n) {
		return nil
	}
	return r.b[off : off+n]
}

// named is "name (v)" with name from m, or "Unknown (v)".
func ikeNamed[K uint8 | uint16 | uint32](m map[K]string, v K) string {
	name, ok := m[v]
	if !ok {
		name = "Unknown"
	}
	return name + " (" + strconv.FormatUint(uint64(v), 10) + ")"
}

func ikeName[K uint8 | uint16 | uint32](m map[K]string, v K) string {
	if name, ok := m[v]; ok {
		return name
	}
	return "Unknown"
}

var isakmp = &Dissector{
	Name:    "isakmp",
	Dissect: dissectISAKMPUDP,
	Fields: []FieldDef{
		{Name: "isakmp.ispi", Desc: "Initiator SPI", Kind: FieldBytes},
		{Name: "isakmp.rspi", Desc: "Responder SPI", Kind: FieldBytes},
		{Name: "isakmp.nextpayload", Desc: "Next payload", Kind: FieldUint, Bits: 8},
		{Name: "isakmp.version", Desc: "Version", Kind: FieldUint, Bits: 8},
		{Name: "isakmp.mjver", Desc: "MjVer", Kind: FieldUint, Bits: 8},
		{Name: "isakmp.mnver", Desc: "MnVer", Kind: FieldUint, Bits: 8},
		{Name: "isakmp.exchangetype", Desc: "Exchange type", Kind: FieldUint, Bits: 8},
		{Name: "isakmp.flags", Desc: "Flags", Kind: FieldUint, Bits: 8},
		{Name: "isakmp.flag_e", Desc: "Encryption", Kind: FieldBool},
		{Name: "isakmp.flag_c", Desc: "Commit", Kind: FieldBool},
		{Name: "isakmp.flag_a", Desc: "Authentication", Kind: FieldBool},
		{Name: "isakmp.flag_i", Desc: "Initiator", Kind: FieldBool},
		{Name: "isakmp.flag_v", Desc: "Version", Kind: FieldBool},
		{Name: "isakmp.flag_r", Desc: "Response", Kind: FieldBool},
		{Name: "isakmp.messageid", Desc: "Message ID", Kind: FieldUint, Bits: 32},
		{Name: "isakmp.length", Desc: "Length", Kind: FieldUint, Bits: 32},
		{Name: "isakmp.typepayload", Desc: "Payload", Kind: FieldUint, Bits: 8},
		{Name: "isakmp.criticalpayload", Desc: "Critical Bit", Kind: FieldBool},
		{Name: "isakmp.payloadlength", Desc: "Payload length", Kind: FieldUint, Bits: 16},
		{Name: "isakmp.sa.doi", Desc: "Domain of interpretation", Kind: FieldUint, Bits: 32},
		{Name: "isakmp.prop.number", Desc: "Proposal number", Kind: FieldUint, Bits: 8},
		{Name: "isakmp.prop.protoid", Desc: "Protocol ID", Kind: FieldUint, Bits: 8},
		{Name: "isakmp.spisize", Desc: "SPI Size", Kind: FieldUint, Bits: 8},
		{Name: "isakmp.spi", Desc: "SPI", Kind: FieldBytes},
		{Name: "isakmp.prop.transforms", Desc: "Proposal transforms", Kind: FieldUint, Bits: 8},
		{Name: "isakmp.trans.number", Desc: "Transform number", Kind: FieldUint, Bits: 8},
		{Name: "isakmp.trans.id", Desc: "Transform ID", Kind: FieldUint, Bits: 8},
		{Name: "isakmp.tf.type", Desc: "Transform Type", Kind: FieldUint, Bits: 8},
		{Name: "isakmp.tf.id.encr", Desc: "Transform ID (ENCR)", Kind: FieldUint, Bits: 16},
		{Name: "isakmp.tf.id.prf", Desc: "Transform ID (PRF)", Kind: FieldUint, Bits: 16},
		{Name: "isakmp.tf.id.integ", Desc: "Transform ID (INTEG)", Kind: FieldUint, Bits: 16},
		{Name: "isakmp.tf.id.dh", Desc: "Transform ID (D-H)", Kind: FieldUint, Bits: 16},
		{Name: "isakmp.tf.id.esn", Desc: "Transform ID (ESN)", Kind: FieldUint, Bits: 16},
		{Name: "isakmp.ike.attr.type", Desc: "IKE attribute type", Kind: FieldUint, Bits: 16},
		{Name: "isakmp.ike.attr.encryption_algorithm", Desc: "Encryption Algorithm", Kind: FieldUint, Bits: 16},
		{Name: "isakmp.ike.attr.hash_algorithm", Desc: "HASH Algorithm", Kind: FieldUint, Bits: 16},
		{Name: "isakmp.ike.attr.authentication_method", Desc: "Authentication Method", Kind: FieldUint, Bits: 16},
		{Name: "isakmp.ike.attr.group_description", Desc: "Group Description", Kind: FieldUint, Bits: 16},
		{Name: "isakmp.ike.attr.life_type", Desc: "Life Type", Kind: FieldUint, Bits: 16},
		{Name: "isakmp.ike.attr.life_duration", Desc: "Life Duration", Kind: FieldUint, Bits: 32},
		{Name: "isakmp.ike.attr.key_length", Desc: "Key Length", Kind: FieldUint, Bits: 16},
		{Name: "isakmp.ike2.attr.type", Desc: "Transform attribute type", Kind: FieldUint, Bits: 16},
		{Name: "isakmp.ike2.attr.key_length", Desc: "Key Length", Kind: FieldUint, Bits: 16},
		{Name: "isakmp.key_exchange.dh_group", Desc: "DH Group #", Kind: FieldUint, Bits: 16},
		{Name: "isakmp.key_exchange.data", Desc: "Key Exchange Data", Kind: FieldBytes},
		{Name: "isakmp.nonce", Desc: "Nonce DATA", Kind: FieldBytes},
		{Name: "isakmp.hash", Desc: "Hash DATA", Kind: FieldBytes},
		{Name: "isakmp.ike.nat_hash", Desc: "HASH of the address and port", Kind: FieldBytes},
		{Name: "isakmp.notify.doi", Desc: "Domain of interpretation", Kind: FieldUint, Bits: 32},
		{Name: "isakmp.notify.protoid", Desc: "Protocol ID", Kind: FieldUint, Bits: 8},
		{Name: "isakmp.notify.msgtype", Desc: "Notify Message Type", Kind: FieldUint, Bits: 16},
		{Name: "isakmp.notify.data", Desc: "Notification DATA", Kind: FieldBytes},
		{Name: "isakmp.notify.data.signature_hash_algorithms", Desc: "Supported Signature Hash Algorithm", Kind: FieldUint, Bits: 16},
		{Name: "isakmp.delete.doi", Desc: "Domain of Interpretation", Kind: FieldUint, Bits: 32},
		{Name: "isakmp.delete.protoid", Desc: "Protocol ID", Kind: FieldUint, Bits: 8},
		{Name: "isakmp.delete.spi", Desc: "Delete SPI", Kind: FieldBytes},
		{Name: "isakmp.spinum", Desc: "Number of SPIs", Kind: FieldUint, Bits: 16},
		{Name: "isakmp.vid_bytes", Desc: "Vendor ID", Kind: FieldBytes},
		{Name: "isakmp.vid_string", Desc: "Vendor ID", Kind: FieldString},
		{Name: "isakmp.id.type", Desc: "ID type", Kind: FieldUint, Bits: 8},
		{Name: "isakmp.id.protoid", Desc: "Protocol ID", Kind: FieldUint, Bits: 8},
		{Name: "isakmp.id.port", Desc: "Port", Kind: FieldUint, Bits: 16},
		{Name: "isakmp.id.data", Desc: "Identification Data", Kind: FieldBytes},
		{Name: "isakmp.id.data.fqdn", Desc: "ID_FQDN", Kind: FieldString},
		{Name: "isakmp.id.data.user_fqdn", Desc: "ID_USER_FQDN", Kind: FieldString},
		{Name: "isakmp.id.data.ipv4_addr", Desc: "ID_IPV4_ADDR", Kind: FieldIPv4},
		{Name: "isakmp.id.data.ipv6_addr", Desc: "ID_IPV6_ADDR", Kind: FieldIPv6},
		{Name: "isakmp.auth.method", Desc: "Authentication Method", Kind: FieldUint, Bits: 8},
		{Name: "isakmp.auth.data", Desc: "Authentication Data", Kind: FieldBytes},
		{Name: "isakmp.ts.number", Desc: "Number of Traffic Selectors", Kind: FieldUint, Bits: 8},
		{Name: "isakmp.ts.type", Desc: "Traffic Selector Type", Kind: FieldUint, Bits: 8},
		{Name: "isakmp.ts.protoid", Desc: "Protocol ID", Kind: FieldUint, Bits: 8},
		{Name: "isakmp.ts.start_port", Desc: "Start Port", Kind: FieldUint, Bits: 16},
		{Name: "isakmp.ts.end_port", Desc: "End Port", Kind: FieldUint, Bits: 16},
		{Name: "isakmp.ts.start_ipv4", Desc: "Starting Addr", Kind: FieldIPv4},
		{Name: "isakmp.ts.end_ipv4", Desc: "Ending Addr", Kind: FieldIPv4},
		{Name: "isakmp.ts.start_ipv6", Desc: "Starting Addr", Kind: FieldIPv6},
		{Name: "isakmp.ts.end_ipv6", Desc: "Ending Addr", Kind: FieldIPv6},
		{Name: "isakmp.ipsec.attr.type", Desc: "IPsec attribute type", Kind: FieldUint, Bits: 16},
		{Name: "isakmp.ipsec.attr.life_type", Desc: "Life Type", Kind: FieldUint, Bits: 16},
		{Name: "isakmp.ipsec.attr.life_duration", Desc: "Life Duration", Kind: FieldUint, Bits: 32},
		{Name: "isakmp.ipsec.attr.encap_mode", Desc: "Encapsulation Mode", Kind: FieldUint, Bits: 16},
		{Name: "isakmp.ipsec.attr.auth_algorithm", Desc: "Authentication Algorithm", Kind: FieldUint, Bits: 16},
		{Name: "isakmp.ipsec.attr.key_length", Desc: "Key Length", Kind: FieldUint, Bits: 16},
		{Name: "isakmp.enc.data", Desc: "Encrypted Data", Kind: FieldBytes},
		{Name: "isakmp.enc.iv", Desc: "Initialization Vector", Kind: FieldBytes},
	},
}

func init() { RegisterUDP(isakmp, portISAKMP) }

func dissectISAKMPUDP(p *PDU, out *Out) bool {
	if f, ok := isakmpDissect(p.Data, out); ok {
		out.Add(f)
	}
	return true
}

// isakmpDissect reads one ISAKMP message (b starts at the ISAKMP header)
// into out's columns and returns its layer, or false when tshark does not
// dissect it (shorter than the header): the Protocol column says ISAKMP all
// the same, with empty Info, as packet-isakmp.c sets them before checking.
func isakmpDissect(b []byte, out *Out) (Field, bool) {
	out.SetProto("ISAKMP")
	out.SetInfo("")
	if len(b) < isakmpHdrLen || binary.BigEndian.Uint32(b[24:]) < isakmpHdrLen {
		return Field{}, false
	}
	r := &ikeReader{b: b, ver: int(b[17] >> 4), tree: out.WantTree}
	length := binary.BigEndian.Uint32(b[24:])
	exch, flags, mid := b[18], b[19], binary.BigEndian.Uint32(b[20:])
	var info string
	switch r.ver {
	case 1:
		info = ikeName(ikeV1Exchanges, exch)
		if info == "Unknown" {
			info = "Unknown " + strconv.Itoa(int(exch))
		}
	case 2:
		info = ikeName(ikeV2Exchanges, exch)
		if info == "Unknown" {
			info = "Unknown " + strconv.Itoa(int(exch))
		}
		info += " MID=" + pad2(mid) + " " + ike2Role(flags) + " " + ike2Kind(flags)
	}
	top := Field{Name: "isakmp", Label: "Internet Security Association and Key Management Protocol", Kind: FieldProto}
	top.Len = len(b)
	if int(length) < len(b) {
		top.Len = int(length)
	}
	if r.tree {
		top.Children = r.header(exch, flags, mid)
	}
	// tshark checks the bytes the length field promises from the length
	// field's own offset (tvb_ensure_bytes_exist(tvb, 24, length-28)).
	if 24+int(length-isakmpHdrLen) > len(b) || length-isakmpHdrLen > 1<<30 {
		out.SetInfo(info + malformedMark)
		return top, true
	}
	if r.tree {
		top.Children = append(top.Children, UintField("isakmp.length", "Length: "+strconv.FormatUint(uint64(length), 10), 24, 4, uint64(length)))
	}
	n := int(length) - isakmpHdrLen
	if r.ver == 1 && flags&1 != 0 {
		// tshark takes the encrypted bytes whatever the tree
		if n > 0 && !r.has(isakmpHdrLen, n) {
			out.SetInfo(info + malformedMark)
			return top, true
		}
		if n > 0 && r.tree {
			top.Children = append(top.Children, Field{Name: "isakmp.enc.data", Label: "Encrypted Data (" + strconv.Itoa(n) + " byte" + plural(n, "", "s") + ")",
				Start: isakmpHdrLen, Len: n, Kind: FieldBytes, Str: string(b[isakmpHdrLen : isakmpHdrLen+n])})
		}
	} else {
		top.Children = append(top.Children, r.payloads(ikePayload(b[16]), isakmpHdrLen, n, 0)...)
	}
	if r.bad {
		info += malformedMark
	}
	out.SetInfo(info)
	return top, true
}

func pad2(v uint32) string {
	if v < 10 {
		return "0" + strconv.FormatUint(uint64(v), 10)
	}
	return strconv.FormatUint(uint64(v), 10)
}

func ike2Role(flags uint8) string {
	if flags&0x08 != 0 {
		return "Initiator"
	}
	return "Responder"
}

func ike2Kind(flags uint8) string {
	if flags&0x20 != 0 {
		return "Response"
	}
	return "Request"
}

// header is the fixed header's tree, up to the message ID.
func (r *ikeReader) header(exch, flags uint8, mid uint32) []Field {
	b := r.b
	ver := b[17]
	np := ikePayload(b[16])
	fs := []Field{
		{Name: "isakmp.ispi", Label: "Initiator SPI: " + hex.EncodeToString(b[0:8]), Start: 0, Len: 8, Kind: FieldBytes, Str: string(b[0:8])},
		{Name: "isakmp.rspi", Label: "Responder SPI: " + hex.EncodeToString(b[8:16]), Start: 8, Len: 8, Kind: FieldBytes, Str: string(b[8:16])},
		UintField("isakmp.nextpayload", "Next payload: "+np.String()+" ("+strconv.Itoa(int(np))+")", 16, 1, uint64(np)),
	}
	v := UintField("isakmp.version", "Version: "+strconv.Itoa(int(ver>>4))+"."+strconv.Itoa(int(ver&15)), 17, 1, uint64(ver))
	v.Children = []Field{
		UintField("isakmp.mjver", bitString(uint32(ver), 8, 0xf0)+" = MjVer: 0x"+strconv.FormatUint(uint64(ver>>4), 16), 17, 1, uint64(ver>>4)),
		UintField("isakmp.mnver", bitString(uint32(ver), 8, 0x0f)+" = MnVer: 0x"+strconv.FormatUint(uint64(ver&15), 16), 17, 1, uint64(ver&15)),
	}
	fs = append(fs, v)
	fl := UintField("isakmp.flags", "Flags: 0x"+hex.EncodeToString([]byte{flags}), 19, 1, uint64(flags))
	switch r.ver {
	case 1:
		fs = append(fs, UintField("isakmp.exchangetype", "Exchange type: "+ikeNamed(ikeV1Exchanges, exch), 18, 1, uint64(exch)))
		fl.Children = []Field{
			ikeFlag("isakmp.flag_e", flags, 0x01, "Encryption", "Encrypted", "Not encrypted"),
			ikeFlag("isakmp.flag_c", flags, 0x02, "Commit", "Commit", "No commit"),
			ikeFlag("isakmp.flag_a", flags, 0x04, "Authentication", "Authentication", "No authentication"),
		}
	case 2:
		fs = append(fs, UintField("isakmp.exchangetype", "Exchange type: "+ikeNamed(ikeV2Exchanges, exch), 18, 1, uint64(exch)))
		higher := "No higher version"
		if flags&0x10 != 0 {
			higher = "A higher version enabled"
		}
		fl.Label += " (" + ike2Role(flags) + ", " + higher + ", " + ike2Kind(flags) + ")"
		fl.Children = []Field{
			ikeFlag("isakmp.flag_i", flags, 0x08, "Initiator", "Initiator", "Responder"),
			ikeFlag("isakmp.flag_v", flags, 0x10, "Version", "A higher version enabled", "No higher version"),
			ikeFlag("isakmp.flag_r", flags, 0x20, "Response", "Response", "Request"),
		}
	}
	fs = append(fs, fl, UintField("isakmp.messageid", "Message ID: 0x"+hex.EncodeToString(b[20:24]), 20, 4, uint64(mid)))
	return fs
}

func ikeFlag(name string, flags, mask uint8, what, yes, no string) Field {
	v, s := uint64(0), no
	if flags&mask != 0 {
		v, s = 1, yes
	}
	return Field{Name: name, Label: bitString(uint32(flags), 8, uint32(mask)) + " = " + what + ": " + s, Start: 19, Len: 1, Kind: FieldBool, Num: v}
}

// payloadHeader is the generic payload header's tree (RFC 2408 §3.2):
// tshark gives the payload item the length the header claims. Proposals
// and transforms show IKEv1's reserved byte in IKEv2 too, where the other
// payloads show the critical bit.
func (r *ikeReader) payloadHeader(t ikePayload, off, plen int) Field {
	// tshark's item runs as far as the header claims, even past the
	// datagram when the body check then fails; ladder's stops at its end
	f := UintField("isakmp.typepayload", "Payload: "+t.String()+" ("+strconv.Itoa(int(t))+")", off, min(plen, len(r.b)-off), uint64(t))
	if !r.tree {
		return f
	}
	np := ikePayload(r.b[off])
	f.Children = append(f.Children, UintField("isakmp.nextpayload", "Next payload: "+np.String()+" ("+strconv.Itoa(int(np))+")", off, 1, uint64(np)))
	c := r.b[off+1]
	ver := r.ver
	if t == ikeProposal || t == ikeTransform {
		ver = 1
	}
	switch ver {
	case 1:
		f.Children = append(f.Children, Field{Name: "isakmp.reserved", Label: "Reserved: " + hex.EncodeToString(r.b[off+1:off+2]), Start: off + 1, Len: 1, Kind: FieldBytes, Str: string(r.b[off+1 : off+2])})
	case 2:
		crit := "Not critical"
		if c&0x80 != 0 {
			crit = "Critical"
		}
		f.Children = append(f.Children,
			Field{Name: "isakmp.criticalpayload", Label: bitString(uint32(c), 8, 0x80) + " = Critical Bit: " + crit, Start: off + 1, Len: 1, Kind: FieldBool, Num: uint64(c >> 7)},
			UintField("isakmp.reserved7", bitString(uint32(c), 8, 0x7f)+" = Reserved: 0x"+hex.EncodeToString([]byte{c & 0x7f}), off+1, 1, uint64(c&0x7f)))
	}
	f.Children = append(f.Children, UintField("isakmp.payloadlength", "Payload length: "+strconv.Itoa(plen), off+2, 2, uint64(plen)))
	return f
}

// maxIKEDepth bounds the nesting of payload chains (SA → proposal →
// transform); real messages nest three deep.
const maxIKEDepth = 4

// payloads walks a payload chain starting with type t at off, length bytes
// long (packet-isakmp.c's dissect_payloads).
func (r *ikeReader) payloads(t ikePayload, off, length, depth int) []Field {
	var fs []Field
	if depth > maxIKEDepth {
		return nil
	}
	for length > 0 && !r.bad {
		if t == ikeNone {
			if r.tree && r.has(off, length) {
				fs = append(fs, Field{Name: "isakmp.extradata", Label: "Extra data: " + hexTrunc(r.b[off:off+length]), Start: off, Len: length, Kind: FieldBytes, Str: string(r.b[off : off+length])})
			}
			break
		}
		if length < 4 {
			// "Not enough room in payload for all transforms": no header;
			// then as a payload of length 0, which advances 4 bytes
			off += 4
			length -= 4
			t = ikeNone
			continue
		}
		if !r.has(off, 4) {
			break
		}
		next := ikePayload(r.b[off])
		plen := int(binary.BigEndian.Uint16(r.b[off+2:]))
		f := r.payloadHeader(t, off, plen)
		if plen >= 4 && !r.has(off+4, plen-4) {
			fs = append(fs, f)
			break
		}
		if plen >= 4 {
			r.payloadBody(&f, t, off+4, plen-4, depth)
		} else {
			plen = 4
		}
		fs = append(fs, f)
		off += plen
		length -= plen
		t = next
	}
	return fs
}

// payloadBody reads the body of payload t (off, n) into f.
func (r *ikeReader) payloadBody(f *Field, t ikePayload, off, n, depth int) {
	b := r.b
	v2 := r.ver == 2
	switch {
	case t == ikeSA && !v2 || t == ike2SA && v2:
		r.sa(f, off, n, depth)
	case t == ikeProposal:
		r.proposal(f, off, n, depth)
	case t == ikeKE && !v2 || t == ike2KE && v2:
		if v2 {
			g := r.u16(off)
			if r.has(off, 4); r.bad {
				return
			}
			f.Children = append(f.Children, UintField("isakmp.key_exchange.dh_group", "DH Group #: "+ikeNamed(ikeDHGroups, g), off, 2, uint64(g)))
			f.Children = append(f.Children, Field{Name: "isakmp.reserved", Label: "Reserved: " + hex.EncodeToString(b[off+2:off+4]), Start: off + 2, Len: 2, Kind: FieldBytes, Str: string(b[off+2 : off+4])})
			off, n = off+4, n-4
		}
		r.bytesField(f, "isakmp.key_exchange.data", "Key Exchange Data", off, n)
	case t == ikeID && !v2 || (t == ike2IDi || t == ike2IDr) && v2:
		r.id(f, off, n)
	case t == ikeHash && !v2:
		r.bytesField(f, "isakmp.hash", "Hash DATA", off, n)
	case t == ikeNonce && !v2 || t == ike2Nonce && v2:
		r.bytesField(f, "isakmp.nonce", "Nonce DATA", off, n)
	case t == ikeNotify && !v2 || t == ike2Notify && v2:
		r.notify(f, off, n)
	case t == ikeDelete && !v2 || t == ike2Delete && v2:
		r.delete(f, off, n)
	case t == ikeVendorID && !v2 || t == ike2VendorID && v2:
		vid := b[off : off+n]
		name := ikeVendorIDs[string(vid)]
		if name == "" {
			name = "Unknown Vendor ID"
		}
		f.Label += " : " + name
		f.Children = append(f.Children,
			Field{Name: "isakmp.vid_bytes", Label: "Vendor ID: " + hexTrunc(vid), Start: off, Len: n, Kind: FieldBytes, Str: string(vid)},
			StrField("isakmp.vid_string", "Vendor ID: "+name, off, n, name))
	case t == ikeNATD || t == ikeNATD13:
		r.bytesField(f, "isakmp.ike.nat_hash", "HASH of the address and port", off, n)
	case t == ike2Auth && v2:
		m := r.u8(off)
		if r.has(off, 4); r.bad {
			return
		}
		f.Children = append(f.Children,
			UintField("isakmp.auth.method", "Authentication Method: "+ike2AuthMethodName(m)+" ("+strconv.Itoa(int(m))+")", off, 1, uint64(m)),
			Field{Name: "isakmp.reserved", Label: "Reserved: " + hex.EncodeToString(b[off+1:off+4]), Start: off + 1, Len: 3, Kind: FieldBytes, Str: string(b[off+1 : off+4])})
		r.bytesField(f, "isakmp.auth.data", "Authentication Data", off+4, n-4)
	case (t == ike2TSi || t == ike2TSr) && v2:
		r.trafficSelectors(f, off, n)
	case t == ike2Encrypted && v2:
		// without keys tshark shows a 4-byte IV and the rest as data
		if !r.has(off, 4) || n < 4 {
			r.bad = true
			return
		}
		f.Children = append(f.Children,
			Field{Name: "isakmp.enc.iv", Label: "Initialization Vector: " + hex.EncodeToString(b[off:off+4]), Start: off, Len: 4, Kind: FieldBytes, Str: string(b[off : off+4])},
			Field{Name: "isakmp.enc.data", Label: "Encrypted Data", Start: off + 4, Len: n - 4, Kind: FieldBytes, Str: string(b[off+4 : off+n])})
	default:
		f.Children = append(f.Children, Field{Name: "isakmp.datapayload", Label: "Payload Data: " + hexTrunc(b[off:off+n]), Start: off, Len: n, Kind: FieldBytes, Str: string(b[off : off+n])})
	}
}

func (r *ikeReader) bytesField(f *Field, name, what string, off, n int) {
	v := r.bytes(off, n)
	if r.bad {
		return
	}
	if n == 0 {
		f.Children = append(f.Children, Field{Name: name, Label: what + ": <MISSING>", Start: off, Kind: FieldBytes})
		return
	}
	f.Children = append(f.Children, Field{Name: name, Label: what + ": " + hexTrunc(v), Start: off, Len: n, Kind: FieldBytes, Str: string(v)})
}

func (r *ikeReader) sa(f *Field, off, n, depth int) {
	switch r.ver {
	case 1:
		doi := r.u32(off)
		if r.bad {
			return
		}
		f.Children = append(f.Children, UintField("isakmp.sa.doi", "Domain of interpretation: "+ikeNamed(ikeDOIs, doi), off, 4, uint64(doi)))
		off, n = off+4, n-4
		if doi != 1 {
			if n > 0 && r.has(off, n) {
				f.Children = append(f.Children, Field{Name: "isakmp.sa.situation", Label: "Situation: " + hexTrunc(r.b[off:off+n]), Start: off, Len: n, Kind: FieldBytes, Str: string(r.b[off : off+n])})
			}
			return
		}
		if n < 4 {
			return
		}
		sit := r.u32(off)
		if r.bad {
			return
		}
		s := Field{Name: "isakmp.sa.situation", Label: "Situation: " + hex.EncodeToString(r.b[off:off+4]), Start: off, Len: 4, Kind: FieldBytes, Str: string(r.b[off : off+4])}
		for _, bit := range []struct {
			name, what string
			mask       uint32
		}{{"isakmp.sa.situation.identity_only", "Identity Only", 1}, {"isakmp.sa.situation.secrecy", "Secrecy", 2}, {"isakmp.sa.situation.integrity", "Integrity", 4}} {
			v, t := uint64(0), "False"
			if sit&bit.mask != 0 {
				v, t = 1, "True"
			}
			s.Children = append(s.Children, Field{Name: bit.name, Label: bitsLabel32(sit, bit.mask, bit.what+": "+t), Start: off, Len: 4, Kind: FieldBool, Num: v})
		}
		f.Children = append(f.Children, s)
		f.Children = append(f.Children, r.payloads(ikeProposal, off+4, n-4, depth+1)...)
	case 2:
		f.Children = append(f.Children, r.payloads(ikeProposal, off, n, depth+1)...)
	}
}

func (r *ikeReader) proposal(f *Field, off, n, depth int) {
	num, proto, spiSize, count := r.u8(off), r.u8(off+1), int(r.u8(off+2)), int(r.u8(off+3))
	if r.bad {
		return
	}
	f.Label += " # " + strconv.Itoa(int(num))
	protoName := ikeNamed(ikeV2ProtoIDs, proto)
	if r.ver == 1 {
		protoName = ikeNamed(ikeV1ProtoIDs, proto)
	}
	f.Children = append(f.Children,
		UintField("isakmp.prop.number", "Proposal number: "+strconv.Itoa(int(num)), off, 1, uint64(num)),
		UintField("isakmp.prop.protoid", "Protocol ID: "+protoName, off+1, 1, uint64(proto)),
		UintField("isakmp.spisize", "SPI Size: "+strconv.Itoa(spiSize), off+2, 1, uint64(spiSize)),
		UintField("isakmp.prop.transforms", "Proposal transforms: "+strconv.Itoa(count), off+3, 1, uint64(count)))
	off, n = off+4, n-4
	if spiSize > 0 {
		spi := r.bytes(off, spiSize)
		if r.bad {
			return
		}
		f.Children = append(f.Children, Field{Name: "isakmp.spi", Label: "SPI: " + hex.EncodeToString(spi), Start: off, Len: spiSize, Kind: FieldBytes, Str: string(spi)})
		off, n = off+spiSize, n-spiSize
	}
	for ; count > 0 && !r.bad; count-- {
		if n < 4 {
			return
		}
		if !r.has(off, 4) {
			return
		}
		plen := int(binary.BigEndian.Uint16(r.b[off+2:]))
		if n < plen || plen < 4 || !r.has(off, plen) {
			return
		}
		t := r.payloadHeader(ikeTransform, off, plen)
		r.transform(&t, proto, off+4, plen-4)
		f.Children = append(f.Children, t)
		off, n = off+plen, n-plen
	}
}

func (r *ikeReader) transform(f *Field, proto uint8, off, n int) {
	b := r.b
	if r.ver == 1 {
		num, id := r.u8(off), r.u8(off+1)
		r.has(off, 4)
		if r.bad {
			return
		}
		f.Label += " # " + strconv.Itoa(int(num))
		var names map[uint8]string
		switch proto {
		case 1:
			names = ikeV1TransISAKMP
		case 2:
			names = ikeV1TransAH
		case 3:
			names = ikeV1TransESP
		case 4:
			names = ikeV1TransIPCOMP
		}
		f.Children = append(f.Children,
			UintField("isakmp.trans.number", "Transform number: "+strconv.Itoa(int(num)), off, 1, uint64(num)),
			UintField("isakmp.trans.id", "Transform ID: "+ikeNamed(names, id), off+1, 1, uint64(id)),
			Field{Name: "isakmp.reserved", Label: "Reserved: " + hex.EncodeToString(b[off+2:off+4]), Start: off + 2, Len: 2, Kind: FieldBytes, Str: string(b[off+2 : off+4])})
		r.attributes(f, off+4, n-4, proto)
		return
	}
	typ, id := r.u8(off), r.u16(off+2)
	if r.bad {
		return
	}
	f.Children = append(f.Children,
		UintField("isakmp.tf.type", "Transform Type: "+ikeNamed(ike2TransTypes, typ), off, 1, uint64(typ)),
		Field{Name: "isakmp.reserved", Label: "Reserved: " + hex.EncodeToString(b[off+1:off+2]), Start: off + 1, Len: 1, Kind: FieldBytes, Str: string(b[off+1 : off+2])})
	var idf Field
	switch typ {
	case 1:
		idf = UintField("isakmp.tf.id.encr", "Transform ID (ENCR): "+ikeNamed(ike2Encr, id), off+2, 2, uint64(id))
	case 2:
		idf = UintField("isakmp.tf.id.prf", "Transform ID (PRF): "+ikeNamed(ike2PRF, id), off+2, 2, uint64(id))
	case 3:
		idf = UintField("isakmp.tf.id.integ", "Transform ID (INTEG): "+ikeNamed(ike2Integ, id), off+2, 2, uint64(id))
	case 4:
		idf = UintField("isakmp.tf.id.dh", "Transform ID (D-H): "+ikeNamed(ikeDHGroups, id), off+2, 2, uint64(id))
	case 5:
		idf = UintField("isakmp.tf.id.esn", "Transform ID (ESN): "+ikeNamed(ike2ESN, id), off+2, 2, uint64(id))
	default:
		idf = UintField("isakmp.tf.id", "Transform ID: "+strconv.Itoa(int(id)), off+2, 2, uint64(id))
	}
	f.Children = append(f.Children, idf)
	r.attributes(f, off+4, n-4, 0)
}

// attributes reads data attributes (RFC 2408 §3.3): in IKEv1 phase 1
// attributes of an ISAKMP proposal (proto 1) or IPsec attributes (RFC 2407
// §4.5) of the others; IKEv2 transform attributes when proto is 0.
func (r *ikeReader) attributes(f *Field, off, n int, proto uint8) {
	for n > 0 && !r.bad {
		tf := r.u16(off)
		if r.bad {
			return
		}
		typ := tf & 0x7fff
		hl, vl := 2, 2
		if tf&0x8000 == 0 {
			hl, vl = 4, int(r.u16(off+2))
		}
		if !r.has(off, hl+vl) {
			return
		}
		val := r.b[off+hl : off+hl+vl]
		var typeName string
		prefix, ns := "Transform Attribute", "isakmp.ike2.attr"
		switch {
		case proto == 1:
			prefix, ns = "IKE Attribute", "isakmp.ike.attr"
			typeName = ikeV1AttrName(typ)
		case proto > 1:
			prefix, ns = "IPsec Attribute", "isakmp.ipsec.attr"
			typeName = ipsecAttrName(typ)
		default:
			typeName = ike2AttrName(typ)
		}
		a := Field{Name: ns, Label: prefix + " (t=" + strconv.Itoa(int(typ)) + ",l=" + strconv.Itoa(vl) + "): " + typeName, Start: off, Len: hl + vl, Kind: FieldBytes, Str: string(r.b[off : off+hl+vl])}
		format := "Type/Value (TV)"
		if hl == 4 {
			format = "Type/Length/Value (TLV)"
		}
		a.Children = append(a.Children,
			Field{Name: ns + ".format", Label: bitString(uint32(tf), 16, 0x8000) + " = Format: " + format, Start: off, Len: 2, Kind: FieldBool, Num: uint64(tf >> 15)},
			UintField(ns+".type", "Type: "+typeName+" ("+strconv.Itoa(int(typ))+")", off, 2, uint64(typ)))
		if hl == 4 {
			a.Children = append(a.Children, UintField(ns+".length", "Length: "+strconv.Itoa(vl), off+2, 2, uint64(vl)))
		}
		if vl > 0 {
			a.Children = append(a.Children, Field{Name: ns + ".value", Label: "Value: " + hexTrunc(val), Start: off + hl, Len: vl, Kind: FieldBytes, Str: string(val)})
			if proto == 1 {
				r.ikeAttrValue(&a, typ, off+hl, val)
			} else if proto > 1 {
				ipsecAttrValue(&a, typ, off+hl, val)
			} else if typ == 14 && vl == 2 {
				k := binary.BigEndian.Uint16(val)
				a.Label += ": " + strconv.Itoa(int(k))
				a.Children = append(a.Children, UintField("isakmp.ike2.attr.key_length", "Key Length: "+strconv.Itoa(int(k)), off+hl, 2, uint64(k)))
			}
		}
		f.Children = append(f.Children, a)
		off += hl + vl
		n -= hl + vl
	}
}

func ikeV1AttrName(t uint16) string {
	if s, ok := ikeAttrTypes[t]; ok {
		return s
	}
	if t >= 16384 {
		return "Private use"
	}
	return "Unassigned (Future use)"
}

var ipsecAttrTypes = map[uint16]string{1: "SA-Life-Type", 2: "SA-Life-Duration", 3: "Group-Description",
	4: "Encapsulation-Mode", 5: "Authentication-Algorithm", 6: "Key-Length", 7: "Key-Rounds",
	8: "Compress-Dictionary-Size", 9: "Compress-Private-Algorithm", 10: "ECN Tunnel",
	11: "Extended (64-bit) Sequence Number", 12: "Authentication Key Length", 13: "Signature Encoding Algorithm",
	14: "Address Preservation", 15: "SA Direction"}
var ipsecEncapModes = map[uint16]string{0: "RESERVED", 1: "Tunnel", 2: "Transport", 3: "UDP-Encapsulated-Tunnel",
	4: "UDP-Encapsulated-Transport", 61440: "Check Point IPSec UDP Encapsulation",
	61443: "UDP-Encapsulated-Tunnel (draft)", 61444: "UDP-Encapsulated-Transport (draft)"}
var ipsecAuthAlgos = map[uint16]string{0: "RESERVED", 1: "HMAC-MD5", 2: "HMAC-SHA", 3: "DES-MAC", 4: "KPDK",
	5: "HMAC-SHA2-256", 6: "HMAC-SHA2-384", 7: "HMAC-SHA2-512", 8: "HMAC-RIPEMD", 9: "AES-XCBC-MAC",
	10: "SIG-RSA", 11: "AES-128-GMAC", 12: "AES-192-GMAC", 13: "AES-256-GMAC"}

func ipsecAttrName(t uint16) string {
	if s, ok := ipsecAttrTypes[t]; ok {
		return s
	}
	if t >= 32001 {
		return "Private use"
	}
	return "Unassigned (Future use)"
}

// ipsecAttrValue adds the decoded value of an IPsec attribute.
func ipsecAttrValue(a *Field, typ uint16, off int, val []byte) {
	var u uint64
	if len(val) > 4 {
		return
	}
	for _, c := range val {
		u = u<<8 | uint64(c)
	}
	named := func(name, what string, m map[uint16]string) {
		if len(val) == 2 {
			a.Label += ": " + ikeName(m, uint16(u))
			a.Children = append(a.Children, UintField(name, what+": "+ikeNamed(m, uint16(u)), off, 2, u))
		}
	}
	switch typ {
	case 1:
		named("isakmp.ipsec.attr.life_type", "Life Type", ikeLifeTypes)
	case 2:
		if len(val) > 0 {
			a.Label += ": " + strconv.FormatUint(u, 10)
			a.Children = append(a.Children, UintField("isakmp.ipsec.attr.life_duration", "Life Duration: "+strconv.FormatUint(u, 10), off, len(val), u))
		}
	case 3:
		named("isakmp.ipsec.attr.group_description", "Group Description", ikeDHGroups)
	case 4:
		named("isakmp.ipsec.attr.encap_mode", "Encapsulation Mode", ipsecEncapModes)
	case 5:
		named("isakmp.ipsec.attr.auth_algorithm", "Authentication Algorithm", ipsecAuthAlgos)
	case 6:
		if len(val) == 2 {
			a.Label += ": " + strconv.FormatUint(u, 10)
			a.Children = append(a.Children, UintField("isakmp.ipsec.attr.key_length", "Key Length: "+strconv.FormatUint(u, 10), off, 2, u))
		}
	}
}

func ike2AttrName(t uint16) string {
	switch {
	case t == 14:
		return "Key Length"
	case t <= 17:
		return "Reserved"
	case t >= 16384:
		return "Private use"
	}
	return "Unassigned (Future use)"
}

// ikeAttrValue adds the decoded value of an IKEv1 phase 1 attribute and
// appends it to the attribute's label, as tshark does.
func (r *ikeReader) ikeAttrValue(a *Field, typ uint16, off int, val []byte) {
	var u uint64
	if len(val) > 8 {
		return
	}
	for _, c := range val {
		u = u<<8 | uint64(c)
	}
	named := func(name, what string, m map[uint16]string) {
		if len(val) != 2 {
			return
		}
		v := uint16(u)
		a.Label += ": " + ikeName(m, v)
		a.Children = append(a.Children, UintField(name, what+": "+ikeNamed(m, v), off, 2, u))
	}
	switch typ {
	case 1:
		named("isakmp.ike.attr.encryption_algorithm", "Encryption Algorithm", ikeEncAlgos)
	case 2:
		named("isakmp.ike.attr.hash_algorithm", "HASH Algorithm", ikeHashAlgos)
	case 3:
		named("isakmp.ike.attr.authentication_method", "Authentication Method", ikeAuthMethods)
	case 4:
		named("isakmp.ike.attr.group_description", "Group Description", ikeDHGroups)
	case 11:
		named("isakmp.ike.attr.life_type", "Life Type", ikeLifeTypes)
	case 12:
		if len(val) <= 4 && len(val) > 0 {
			a.Label += ": " + strconv.FormatUint(u, 10)
			a.Children = append(a.Children, UintField("isakmp.ike.attr.life_duration", "Life Duration: "+strconv.FormatUint(u, 10), off, len(val), u))
		}
	case 14:
		if len(val) == 2 {
			a.Label += ": " + strconv.FormatUint(u, 10)
			a.Children = append(a.Children, UintField("isakmp.ike.attr.key_length", "Key Length: "+strconv.FormatUint(u, 10), off, 2, u))
		}
	}
}

func (r *ikeReader) id(f *Field, off, n int) {
	typ := r.u8(off)
	r.has(off, 4)
	if r.bad {
		return
	}
	b := r.b
	f.Children = append(f.Children, UintField("isakmp.id.type", "ID type: "+ikeIDTypeName(r.ver, typ)+" ("+strconv.Itoa(int(typ))+")", off, 1, uint64(typ)))
	if r.ver == 1 {
		proto, port := b[off+1], binary.BigEndian.Uint16(b[off+2:])
		ps, pt := "Unused", "Unused"
		if proto != 0 {
			ps = protoName(proto) + " (" + strconv.Itoa(int(proto)) + ")"
		}
		if port != 0 {
			pt = strconv.Itoa(int(port))
		}
		f.Children = append(f.Children,
			UintField("isakmp.id.protoid", "Protocol ID: "+ps, off+1, 1, uint64(proto)),
			UintField("isakmp.id.port", "Port: "+pt, off+2, 2, uint64(port)))
	} else {
		f.Children = append(f.Children, Field{Name: "isakmp.reserved", Label: "Reserved: " + hex.EncodeToString(b[off+1:off+4]), Start: off + 1, Len: 3, Kind: FieldBytes, Str: string(b[off+1 : off+4])})
	}
	off, n = off+4, n-4
	if n <= 0 {
		return
	}
	data := b[off : off+n]
	d := Field{Name: "isakmp.id.data", Label: "Identification Data:" + Printable(string(data)), Start: off, Len: n, Kind: FieldBytes, Str: string(data)}
	switch typ {
	case 1:
		if n >= 4 {
			a := netip.AddrFrom4([4]byte(data[:4]))
			d.Label = "Identification Data:" + a.String()
			d.Children = append(d.Children, Field{Name: "isakmp.id.data.ipv4_addr", Label: "ID_IPV4_ADDR: " + a.String(), Start: off, Len: 4, Kind: FieldIPv4, Num: uint64(binary.BigEndian.Uint32(data))})
		}
	case 5:
		if n >= 16 {
			a := netip.AddrFrom16([16]byte(data[:16]))
			d.Label = "Identification Data:" + a.String()
			d.Children = append(d.Children, Field{Name: "isakmp.id.data.ipv6_addr", Label: "ID_IPV6_ADDR: " + a.String(), Start: off, Len: 16, Kind: FieldIPv6, Str: string(data[:16])})
		}
	case 2:
		d.Children = append(d.Children, StrField("isakmp.id.data.fqdn", "ID_FQDN: "+Printable(string(data)), off, n, string(data)))
	case 3:
		d.Children = append(d.Children, StrField("isakmp.id.data.user_fqdn", "ID_FQDN: "+Printable(string(data)), off, n, string(data)))
	}
	f.Children = append(f.Children, d)
}

func (r *ikeReader) notify(f *Field, off, n int) {
	if r.ver == 1 {
		doi := r.u32(off)
		if r.bad {
			return
		}
		f.Children = append(f.Children, UintField("isakmp.notify.doi", "Domain of interpretation: "+ikeNamed(ikeDOIs, doi), off, 4, uint64(doi)))
		off, n = off+4, n-4
	}
	proto, spiSize, typ := r.u8(off), int(r.u8(off+1)), r.u16(off+2)
	if r.bad {
		return
	}
	protoName, typeName := ikeNamed(ikeV2ProtoIDs, proto), ikeV2NotifyName(typ)
	if r.ver == 1 {
		protoName, typeName = ikeNamed(ikeV1ProtoIDs, proto), ikeV1NotifyName(typ)
	}
	if r.ver == 2 {
		f.Label += " - " + typeName
	}
	f.Children = append(f.Children,
		UintField("isakmp.notify.protoid", "Protocol ID: "+protoName, off, 1, uint64(proto)),
		UintField("isakmp.spisize", "SPI Size: "+strconv.Itoa(spiSize), off+1, 1, uint64(spiSize)),
		UintField("isakmp.notify.msgtype", "Notify Message Type: "+typeName+" ("+strconv.Itoa(int(typ))+")", off+2, 2, uint64(typ)))
	off, n = off+4, n-4
	if spiSize > 0 {
		spi := r.bytes(off, spiSize)
		if r.bad {
			return
		}
		f.Children = append(f.Children, Field{Name: "isakmp.spi", Label: "SPI: " + hex.EncodeToString(spi), Start: off, Len: spiSize, Kind: FieldBytes, Str: string(spi)})
		off, n = off+spiSize, n-spiSize
	}
	if n < 0 {
		return
	}
	data := r.bytes(off, n)
	if r.bad {
		return
	}
	if n == 0 {
		f.Children = append(f.Children, Field{Name: "isakmp.notify.data", Label: "Notification DATA: <MISSING>", Start: off, Kind: FieldBytes})
		return
	}
	f.Children = append(f.Children, Field{Name: "isakmp.notify.data", Label: "Notification DATA: " + hexTrunc(data), Start: off, Len: n, Kind: FieldBytes, Str: string(data)})
	if r.ver == 2 && typ == 16431 {
		for i := 0; i+2 <= n; i += 2 {
			h := binary.BigEndian.Uint16(data[i:])
			f.Children = append(f.Children, UintField("isakmp.notify.data.signature_hash_algorithms", "Supported Signature Hash Algorithm: "+ikeNamed(ikeSigHashes, h), off+i, 2, uint64(h)))
		}
	}
}

func (r *ikeReader) delete(f *Field, off, n int) {
	if r.ver == 1 {
		doi := r.u32(off)
		if r.bad {
			return
		}
		f.Children = append(f.Children, UintField("isakmp.delete.doi", "Domain of interpretation: "+ikeNamed(ikeDOIs, doi), off, 4, uint64(doi)))
		off, n = off+4, n-4
	}
	proto, spiSize, count := r.u8(off), int(r.u8(off+1)), int(r.u16(off+2))
	if r.bad {
		return
	}
	protoName := ikeNamed(ikeV2ProtoIDs, proto)
	if r.ver == 1 {
		protoName = ikeNamed(ikeV1ProtoIDs, proto)
	}
	f.Children = append(f.Children,
		UintField("isakmp.delete.protoid", "Protocol ID: "+protoName, off, 1, uint64(proto)),
		UintField("isakmp.spisize", "SPI Size: "+strconv.Itoa(spiSize), off+1, 1, uint64(spiSize)),
		UintField("isakmp.spinum", "Number of SPIs: "+strconv.Itoa(count), off+2, 2, uint64(count)))
	off += 4
	if spiSize == 0 {
		return
	}
	for ; count > 0; count-- {
		spi := r.bytes(off, spiSize)
		if r.bad {
			return
		}
		f.Children = append(f.Children, Field{Name: "isakmp.delete.spi", Label: "Delete SPI: " + hex.EncodeToString(spi), Start: off, Len: spiSize, Kind: FieldBytes, Str: string(spi)})
		off += spiSize
	}
}

// ikeShift moves a layer built on the bytes after the non-ESP marker to
// the UDP payload.
func ikeShift(f *Field, by int) {
	f.Start += by
	Shift(f.Children, by)
}

var ike2AuthMethods = map[uint8]string{1: "RSA Digital Signature", 2: "Shared Key Message Integrity Code",
	3: "DSS Digital Signature", 9: "ECDSA with SHA-256 on the P-256 curve", 10: "ECDSA with SHA-384 on the P-384 curve",
	11: "ECDSA with SHA-512 on the P-521 curve", 12: "Generic Secure Password Authentication Method",
	13: "NULL Authentication", 14: "Digital Signature"}

func ike2AuthMethodName(m uint8) string {
	if s, ok := ike2AuthMethods[m]; ok {
		return s
	}
	if m >= 201 {
		return "PRIVATE USE"
	}
	return "RESERVED TO IANA"
}

// ikeTSTypes are RFC 7296 §3.13.1's traffic selector types.
var ikeTSTypes = map[uint8]string{7: "TS_IPV4_ADDR_RANGE", 8: "TS_IPV6_ADDR_RANGE", 9: "TS_FC_ADDR_RANGE"}

// trafficSelectors reads a TSi or TSr payload (RFC 7296 §3.13): IPv4 and
// IPv6 address ranges in full, other types by their header.
func (r *ikeReader) trafficSelectors(f *Field, off, n int) {
	num := r.u8(off)
	r.has(off, 4)
	if r.bad {
		return
	}
	b := r.b
	f.Label += " # " + strconv.Itoa(int(num))
	f.Children = append(f.Children,
		UintField("isakmp.ts.number", "Number of Traffic Selectors: "+strconv.Itoa(int(num)), off, 1, uint64(num)),
		Field{Name: "isakmp.reserved", Label: "Reserved: " + hex.EncodeToString(b[off+1:off+4]), Start: off + 1, Len: 3, Kind: FieldBytes, Str: string(b[off+1 : off+4])})
	end := off + n
	for off += 4; off < end && !r.bad; {
		typ, proto, slen := r.u8(off), r.u8(off+1), int(r.u16(off+2))
		if r.bad {
			return
		}
		tsName := ikeName(ikeTSTypes, typ)
		ts := Field{Name: "isakmp.ts.data", Label: "Traffic Selector: " + tsName, Start: off, Len: min(slen, len(b)-off), Kind: FieldBytes}
		ps := "Unused"
		if proto != 0 {
			ps = protoName(proto) + " (" + strconv.Itoa(int(proto)) + ")"
		}
		ts.Children = append(ts.Children,
			UintField("isakmp.ts.type", "Traffic Selector Type: "+tsName+" ("+strconv.Itoa(int(typ))+")", off, 1, uint64(typ)),
			UintField("isakmp.ts.protoid", "Protocol ID: "+ps, off+1, 1, uint64(proto)),
			UintField("isakmp.ts.selector_length", "Selector Length: "+strconv.Itoa(slen), off+2, 2, uint64(slen)))
		alen := 0
		switch typ {
		case 7:
			alen = 4
		case 8:
			alen = 16
		}
		if alen > 0 {
			sp, ep := r.u16(off+4), r.u16(off+6)
			a1, a2 := r.bytes(off+8, alen), r.bytes(off+8+alen, alen)
			if r.bad {
				return
			}
			ts.Children = append(ts.Children,
				UintField("isakmp.ts.start_port", "Start Port: "+strconv.Itoa(int(sp)), off+4, 2, uint64(sp)),
				UintField("isakmp.ts.end_port", "End Port: "+strconv.Itoa(int(ep)), off+6, 2, uint64(ep)))
			ts.Children = append(ts.Children, ikeTSAddr("start", "Starting Addr: ", off+8, a1), ikeTSAddr("end", "Ending Addr: ", off+8+alen, a2))
			ts.Len = 8 + 2*alen
		}
		if slen < 4 {
			return
		}
		ts.Str = string(b[off:min(off+slen, len(b))])
		f.Children = append(f.Children, ts)
		off += slen
	}
}

func ikeTSAddr(which, label string, off int, a []byte) Field {
	if len(a) == 4 {
		ip := netip.AddrFrom4([4]byte(a))
		return Field{Name: "isakmp.ts." + which + "_ipv4", Label: label + ip.String(), Start: off, Len: 4, Kind: FieldIPv4, Num: uint64(binary.BigEndian.Uint32(a))}
	}
	ip := netip.AddrFrom16([16]byte(a))
	return Field{Name: "isakmp.ts." + which + "_ipv6", Label: label + ip.String(), Start: off, Len: 16, Kind: FieldIPv6, Str: string(a)}
}
