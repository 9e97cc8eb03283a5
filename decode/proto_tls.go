package decode

import (
	"crypto/tls"
	"encoding/binary"
	"encoding/hex"
	"strconv"
	"strings"
)

// TLS and SSL as Wireshark 4.0's packet-tls.c shows them: one PDU per record
// (SSLv3/TLS: 5-byte header; SSLv2: 2- or 3-byte header, see
// proto_ssl2.go), the Protocol column named after the conversation's
// version once an authoritative message (anything but a Client Hello)
// fixed it, handshake messages reassembled across records, "Encrypted
// Handshake Message" for handshake records that do not parse (after
// ChangeCipherSpec), and tshark's fallbacks for bytes that are no record
// ("Ignored Unknown Record", "Continuation Data"). Hand-written: gopacket's
// layers.TLS neither reassembles handshakes nor gives field offsets, and
// no decryption is attempted, so x/crypto/cryptobyte would only replace
// the few bounded readers below.

// tlsVersion is a protocol version as the record layer and hellos carry it.
type tlsVersion uint16

// Versions (packet-tls-utils.h).
const (
	tlsVersionUnknown tlsVersion = 0
	tlsVersionSSL2    tlsVersion = 0x0002
	tlsVersionSSL3    tlsVersion = 0x0300
	tlsVersionTLS10   tlsVersion = 0x0301
	tlsVersionTLS11   tlsVersion = 0x0302
	tlsVersionTLS12   tlsVersion = 0x0303
	tlsVersionTLS13   tlsVersion = 0x0304
	tlsVersionTLCP    tlsVersion = 0x0101
	tlsVersionDTLS10  tlsVersion = 0xfeff
	tlsVersionDTLS12  tlsVersion = 0xfefd
	tlsVersionDTLSOld tlsVersion = 0x0100
	tlsVersionPCT     tlsVersion = 0x8001
)

// shortName is ssl_version_short_names: the Protocol column.
func (v tlsVersion) shortName() (string, bool) {
	switch v {
	case tlsVersionSSL2:
		return "SSLv2", true
	case tlsVersionSSL3:
		return "SSLv3", true
	case tlsVersionTLS10:
		return "TLSv1", true
	case tlsVersionTLS11:
		return "TLSv1.1", true
	case tlsVersionTLS12:
		return "TLSv1.2", true
	case tlsVersionTLS13:
		return "TLSv1.3", true
	case tlsVersionTLCP:
		return "TLCP", true
	case tlsVersionDTLS10:
		return "DTLSv1.0", true
	case tlsVersionDTLS12:
		return "DTLSv1.2", true
	case tlsVersionDTLSOld:
		return "DTLS 1.0 (OpenSSL pre 0.9.8f)", true
	case tlsVersionPCT:
		return "PCT", true
	}
	return "SSL", false
}

// column is the Protocol column for v, "SSL" when v has no short name.
func (v tlsVersion) column() string {
	s, _ := v.shortName()
	return s
}

// longName is ssl_versions: the version fields' labels.
func (v tlsVersion) longName() string {
	switch v {
	case tlsVersionSSL2:
		return "SSL 2.0"
	case tlsVersionSSL3:
		return "SSL 3.0"
	case tlsVersionTLS10:
		return "TLS 1.0"
	case tlsVersionTLS11:
		return "TLS 1.1"
	case tlsVersionTLS12:
		return "TLS 1.2"
	case tlsVersionTLS13:
		return "TLS 1.3"
	case tlsVersionTLCP:
		return "TLCP"
	case tlsVersionDTLS10:
		return "DTLS 1.0"
	case tlsVersionDTLS12:
		return "DTLS 1.2"
	case tlsVersionDTLSOld:
		return "DTLS 1.0 (OpenSSL pre 0.9.8f)"
	case tlsVersionPCT:
		return "PCT"
	}
	if v&0xff00 == 0x7f00 {
		return "TLS 1.3 (draft " + strconv.Itoa(int(v&0xff)) + ")"
	}
	if v&0x0f0f == 0x0a0a && v>>8 == v&0xff {
		return "Reserved (GREASE)"
	}
	return "Unknown"
}

// tryVersion is tls_try_get_version: the version a message states, mapped
// onto TLS 1.3 for its drafts, or unknown for anything that is no (non-
// datagram) TLS version.
func tryVersion(v tlsVersion) (tlsVersion, uint8) {
	var draft uint8
	if v&0xff00 == 0x7f00 {
		draft, v = uint8(v), tlsVersionTLS13
	}
	if v == 0xfb17 || v == 0xfb1a { // Facebook's fizz drafts
		draft, v = uint8(v), tlsVersionTLS13
	}
	switch v {
	case tlsVersionSSL3, tlsVersionTLS10, tlsVersionTLS11, tlsVersionTLS12, tlsVersionTLS13, tlsVersionTLCP:
		return v, draft
	}
	return tlsVersionUnknown, 0
}

// tlsContentType is the record layer's content type.
type tlsContentType uint8

// Content types (RFC 5246, RFC 6520).
const (
	tlsChangeCipherSpec tlsContentType = 20
	tlsAlert            tlsContentType = 21
	tlsHandshake        tlsContentType = 22
	tlsApplicationData  tlsContentType = 23
	tlsHeartbeat        tlsContentType = 24
)

func (c tlsContentType) valid() bool { return c >= tlsChangeCipherSpec && c <= tlsHeartbeat }

func (c tlsContentType) String() string {
	switch c {
	case tlsChangeCipherSpec:
		return "Change Cipher Spec"
	case tlsAlert:
		return "Alert"
	case tlsHandshake:
		return "Handshake"
	case tlsApplicationData:
		return "Application Data"
	case tlsHeartbeat:
		return "Heartbeat"
	}
	return "Unknown"
}

// tlsHandshakeType is a handshake message type.
type tlsHandshakeType uint8

// Handshake types (ssl_31_handshake_type).
const (
	tlsHelloRequest        tlsHandshakeType = 0
	tlsClientHello         tlsHandshakeType = 1
	tlsServerHello         tlsHandshakeType = 2
	tlsHelloVerifyRequest  tlsHandshakeType = 3
	tlsNewSessionTicket    tlsHandshakeType = 4
	tlsEndOfEarlyData      tlsHandshakeType = 5
	tlsHelloRetryRequest   tlsHandshakeType = 6
	tlsEncryptedExtensions tlsHandshakeType = 8
	tlsCertificate         tlsHandshakeType = 11
	tlsServerKeyExchange   tlsHandshakeType = 12
	tlsCertificateRequest  tlsHandshakeType = 13
	tlsServerHelloDone     tlsHandshakeType = 14
	tlsCertificateVerify   tlsHandshakeType = 15
	tlsClientKeyExchange   tlsHandshakeType = 16
	tlsFinished            tlsHandshakeType = 20
	tlsCertificateURL      tlsHandshakeType = 21
	tlsCertificateStatus   tlsHandshakeType = 22
	tlsSupplementalData    tlsHandshakeType = 23
	tlsKeyUpdate           tlsHandshakeType = 24
	tlsCompressedCert      tlsHandshakeType = 25
	tlsNPNEncryptedExts    tlsHandshakeType = 67
	tlsMessageHash         tlsHandshakeType = 254
)

// name is the message's name, "" for a type Wireshark does not know.
func (t tlsHandshakeType) name() string {
	switch t {
	case tlsHelloRequest:
		return "Hello Request"
	case tlsClientHello:
		return "Client Hello"
	case tlsServerHello:
		return "Server Hello"
	case tlsHelloVerifyRequest:
		return "Hello Verify Request"
	case tlsNewSessionTicket:
		return "New Session Ticket"
	case tlsEndOfEarlyData:
		return "End of Early Data"
	case tlsHelloRetryRequest:
		return "Hello Retry Request"
	case tlsEncryptedExtensions, tlsNPNEncryptedExts:
		return "Encrypted Extensions"
	case tlsCertificate:
		return "Certificate"
	case tlsServerKeyExchange:
		return "Server Key Exchange"
	case tlsCertificateRequest:
		return "Certificate Request"
	case tlsServerHelloDone:
		return "Server Hello Done"
	case tlsCertificateVerify:
		return "Certificate Verify"
	case tlsClientKeyExchange:
		return "Client Key Exchange"
	case tlsFinished:
		return "Finished"
	case tlsCertificateURL:
		return "Client Certificate URL"
	case tlsCertificateStatus:
		return "Certificate Status"
	case tlsSupplementalData:
		return "Supplemental Data"
	case tlsKeyUpdate:
		return "Key Update"
	case tlsCompressedCert:
		return "Compressed Certificate"
	case tlsMessageHash:
		return "Message Hash"
	}
	return ""
}

// tlsEncryptedHandshake is what Wireshark calls a handshake record it
// cannot read.
const tlsEncryptedHandshake = "Encrypted Handshake Message"

// tlsAlertLevel and tlsAlertDescription name an alert's two bytes.
func tlsAlertLevel(b byte) string {
	switch b {
	case 1:
		return "Warning"
	case 2:
		return "Fatal"
	}
	return "Unknown"
}

var tlsAlertDescriptions = map[byte]string{
	0: "Close Notify", 1: "End of Early Data", 10: "Unexpected Message", 20: "Bad Record MAC",
	21: "Decryption Failed", 22: "Record Overflow", 30: "Decompression Failure", 40: "Handshake Failure",
	41: "No Certificate", 42: "Bad Certificate", 43: "Unsupported Certificate", 44: "Certificate Revoked",
	45: "Certificate Expired", 46: "Certificate Unknown", 47: "Illegal Parameter", 48: "Unknown CA",
	49: "Access Denied", 50: "Decode Error", 51: "Decrypt Error", 60: "Export Restriction",
	70: "Protocol Version", 71: "Insufficient Security", 80: "Internal Error", 86: "Inappropriate Fallback",
	90: "User Canceled", 100: "No Renegotiation", 109: "Missing Extension", 110: "Unsupported Extension",
	111: "Certificate Unobtainable", 112: "Unrecognized Name", 113: "Bad Certificate Status Response",
	114: "Bad Certificate Hash Value", 115: "Unknown PSK Identity", 116: "Certificate Required",
	120: "No application Protocol", 121: "ECH Required",
}

func tlsAlertDescription(b byte) string {
	if s, ok := tlsAlertDescriptions[b]; ok {
		return s
	}
	return "Unknown"
}

// tlsExtensionNames are the extension types' names (tls_hello_extension_types).
var tlsExtensionNames = map[uint16]string{
	0: "server_name", 1: "max_fragment_length", 2: "client_certificate_url", 3: "trusted_ca_keys",
	4: "truncated_hmac", 5: "status_request", 6: "user_mapping", 7: "client_authz", 8: "server_authz",
	9: "cert_type", 10: "supported_groups", 11: "ec_point_formats", 12: "srp", 13: "signature_algorithms",
	14: "use_srtp", 15: "heartbeat", 16: "application_layer_protocol_negotiation", 17: "status_request_v2",
	18: "signed_certificate_timestamp", 19: "client_certificate_type", 20: "server_certificate_type",
	21: "padding", 22: "encrypt_then_mac", 23: "extended_master_secret", 24: "token_binding",
	25: "cached_info", 26: "quic_transports_parameters", 27: "compress_certificate", 28: "record_size_limit",
	35: "session_ticket", 41: "pre_shared_key", 42: "early_data", 43: "supported_versions", 44: "cookie",
	45: "psk_key_exchange_modes", 47: "certificate_authorities", 48: "oid_filters", 49: "post_handshake_auth",
	50: "signature_algorithms_cert", 51: "key_share", 52: "transparency_info", 53: "connection_id (deprecated)",
	54: "connection_id", 55: "external_id_hash", 56: "external_session_id", 57: "quic_transport_parameters",
	58: "ticket_request", 59: "dnssec_chain", 13172: "next_protocol_negotiation", 17513: "application_settings", 30031: "channel_id_old", 30032: "channel_id",
	34: "delegated_credentials", 65037: "encrypted_client_hello", 65281: "renegotiation_info", 65445: "quic_transport_parameters (drafts version)",
	40: "key_share (pre-TLSv1.3)", 46: "ticket_early_data_info",
}

func tlsExtensionName(t uint16) string {
	if s, ok := tlsExtensionNames[t]; ok {
		return s
	}
	if t&0x0f0f == 0x0a0a && t>>8 == t&0xff {
		return "Reserved (GREASE)"
	}
	return "Unknown type " + strconv.Itoa(int(t))
}

// Extension types the dissector reads.
const (
	tlsExtServerName        = 0
	tlsExtALPN              = 16
	tlsExtEarlyData         = 42
	tlsExtSupportedVersions = 43
)

// tlsCipherSuiteName names a cipher suite as Wireshark does (its names are
// the IANA ones crypto/tls knows).
func tlsCipherSuiteName(id uint16) string {
	n := tls.CipherSuiteName(id)
	if strings.HasPrefix(n, "0x") {
		if id&0x0f0f == 0x0a0a && id>>8 == id&0xff {
			return "Reserved (GREASE)"
		}
		if name, ok := tlsMoreCipherSuites[id]; ok {
			return name
		}
		return "Unknown"
	}
	return n
}

// tlsMoreCipherSuites are suites still seen in captures that crypto/tls
// does not name.
var tlsMoreCipherSuites = map[uint16]string{
	0x0000: "TLS_NULL_WITH_NULL_NULL", 0x0001: "TLS_RSA_WITH_NULL_MD5", 0x0002: "TLS_RSA_WITH_NULL_SHA",
	0x0003: "TLS_RSA_EXPORT_WITH_RC4_40_MD5", 0x0004: "TLS_RSA_WITH_RC4_128_MD5",
	0x0006: "TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5", 0x0007: "TLS_RSA_WITH_IDEA_CBC_SHA",
	0x0008: "TLS_RSA_EXPORT_WITH_DES40_CBC_SHA", 0x0009: "TLS_RSA_WITH_DES_CBC_SHA",
	0x000b: "TLS_DH_DSS_EXPORT_WITH_DES40_CBC_SHA", 0x000c: "TLS_DH_DSS_WITH_DES_CBC_SHA",
	0x000d: "TLS_DH_DSS_WITH_3DES_EDE_CBC_SHA", 0x000e: "TLS_DH_RSA_EXPORT_WITH_DES40_CBC_SHA",
	0x000f: "TLS_DH_RSA_WITH_DES_CBC_SHA", 0x0010: "TLS_DH_RSA_WITH_3DES_EDE_CBC_SHA",
	0x0017: "TLS_DH_anon_EXPORT_WITH_RC4_40_MD5", 0x0018: "TLS_DH_anon_WITH_RC4_128_MD5",
	0x0046: "TLS_DH_anon_WITH_CAMELLIA_128_CBC_SHA", 0x0089: "TLS_DH_anon_WITH_CAMELLIA_256_CBC_SHA",
	0xc015: "TLS_ECDH_anon_WITH_NULL_SHA", 0xc016: "TLS_ECDH_anon_WITH_RC4_128_SHA",
	0xc017: "TLS_ECDH_anon_WITH_3DES_EDE_CBC_SHA", 0xc018: "TLS_ECDH_anon_WITH_AES_128_CBC_SHA",
	0xc019: "TLS_ECDH_anon_WITH_AES_256_CBC_SHA",
	0x0019: "TLS_DH_anon_EXPORT_WITH_DES40_CBC_SHA", 0x001a: "TLS_DH_anon_WITH_DES_CBC_SHA",
	0x001b: "TLS_DH_anon_WITH_3DES_EDE_CBC_SHA", 0x0030: "TLS_DH_DSS_WITH_AES_128_CBC_SHA",
	0x0031: "TLS_DH_RSA_WITH_AES_128_CBC_SHA", 0x0034: "TLS_DH_anon_WITH_AES_128_CBC_SHA",
	0x0036: "TLS_DH_DSS_WITH_AES_256_CBC_SHA", 0x0037: "TLS_DH_RSA_WITH_AES_256_CBC_SHA",
	0x003a: "TLS_DH_anon_WITH_AES_256_CBC_SHA", 0x003e: "TLS_DH_DSS_WITH_AES_128_CBC_SHA256",
	0x003f: "TLS_DH_RSA_WITH_AES_128_CBC_SHA256", 0x0042: "TLS_DH_DSS_WITH_CAMELLIA_128_CBC_SHA",
	0x0043: "TLS_DH_RSA_WITH_CAMELLIA_128_CBC_SHA", 0x0044: "TLS_DHE_DSS_WITH_CAMELLIA_128_CBC_SHA",
	0x0068: "TLS_DH_DSS_WITH_AES_256_CBC_SHA256", 0x0069: "TLS_DH_RSA_WITH_AES_256_CBC_SHA256",
	0x0085: "TLS_DH_DSS_WITH_CAMELLIA_256_CBC_SHA", 0x0086: "TLS_DH_RSA_WITH_CAMELLIA_256_CBC_SHA",
	0x0087: "TLS_DHE_DSS_WITH_CAMELLIA_256_CBC_SHA", 0x0097: "TLS_DH_DSS_WITH_SEED_CBC_SHA",
	0x0098: "TLS_DH_RSA_WITH_SEED_CBC_SHA", 0x0099: "TLS_DHE_DSS_WITH_SEED_CBC_SHA",
	0x009a: "TLS_DHE_RSA_WITH_SEED_CBC_SHA", 0x009b: "TLS_DH_anon_WITH_SEED_CBC_SHA",
	0x008a: "TLS_PSK_WITH_RC4_128_SHA", 0x008b: "TLS_PSK_WITH_3DES_EDE_CBC_SHA",
	0x008c: "TLS_PSK_WITH_AES_128_CBC_SHA", 0x008d: "TLS_PSK_WITH_AES_256_CBC_SHA",
	0x00a8: "TLS_PSK_WITH_AES_128_GCM_SHA256", 0x00a9: "TLS_PSK_WITH_AES_256_GCM_SHA384",
	0x00ae: "TLS_PSK_WITH_AES_128_CBC_SHA256", 0x00af: "TLS_PSK_WITH_AES_256_CBC_SHA384",
	0x00ba: "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA256", 0x00be: "TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA256",
	0x00c0: "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA256", 0x00c4: "TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA256",
	0x1304: "TLS_AES_128_CCM_SHA256", 0x1305: "TLS_AES_128_CCM_8_SHA256",
	0xc006: "TLS_ECDHE_ECDSA_WITH_NULL_SHA", 0xc010: "TLS_ECDHE_RSA_WITH_NULL_SHA",
	0xc001: "TLS_ECDH_ECDSA_WITH_NULL_SHA", 0xc00b: "TLS_ECDH_RSA_WITH_NULL_SHA",
	0xc0ac: "TLS_ECDHE_ECDSA_WITH_AES_128_CCM", 0xc0ad: "TLS_ECDHE_ECDSA_WITH_AES_256_CCM",
	0xc0ae: "TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8", 0xc0af: "TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8",
	0xc09c: "TLS_RSA_WITH_AES_128_CCM", 0xc09d: "TLS_RSA_WITH_AES_256_CCM",
	0xc09e: "TLS_DHE_RSA_WITH_AES_128_CCM", 0xc09f: "TLS_DHE_RSA_WITH_AES_256_CCM",
	0xc0a0: "TLS_RSA_WITH_AES_128_CCM_8", 0xc0a1: "TLS_RSA_WITH_AES_256_CCM_8",
	0xc0a2: "TLS_DHE_RSA_WITH_AES_128_CCM_8", 0xc0a3: "TLS_DHE_RSA_WITH_AES_256_CCM_8",
	0x0011: "TLS_DHE_DSS_EXPORT_WITH_DES40_CBC_SHA", 0x0012: "TLS_DHE_DSS_WITH_DES_CBC_SHA",
	0x0013: "TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA", 0x0014: "TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA",
	0x0015: "TLS_DHE_RSA_WITH_DES_CBC_SHA", 0x0016: "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA",
	0x0032: "TLS_DHE_DSS_WITH_AES_128_CBC_SHA", 0x0033: "TLS_DHE_RSA_WITH_AES_128_CBC_SHA",
	0x0038: "TLS_DHE_DSS_WITH_AES_256_CBC_SHA", 0x0039: "TLS_DHE_RSA_WITH_AES_256_CBC_SHA",
	0x003b: "TLS_RSA_WITH_NULL_SHA256", 0x003d: "TLS_RSA_WITH_AES_256_CBC_SHA256",
	0x0040: "TLS_DHE_DSS_WITH_AES_128_CBC_SHA256", 0x0041: "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA",
	0x0045: "TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA", 0x0067: "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256",
	0x006a: "TLS_DHE_DSS_WITH_AES_256_CBC_SHA256", 0x006b: "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256",
	0x0084: "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA", 0x0088: "TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA",
	0x0096: "TLS_RSA_WITH_SEED_CBC_SHA", 0x009d: "TLS_RSA_WITH_AES_256_GCM_SHA384",
	0x009e: "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", 0x009f: "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384",
	0x00a2: "TLS_DHE_DSS_WITH_AES_128_GCM_SHA256", 0x00a3: "TLS_DHE_DSS_WITH_AES_256_GCM_SHA384",
	0x00ff: "TLS_EMPTY_RENEGOTIATION_INFO_SCSV", 0x5600: "TLS_FALLBACK_SCSV",
	0xc002: "TLS_ECDH_ECDSA_WITH_RC4_128_SHA", 0xc003: "TLS_ECDH_ECDSA_WITH_3DES_EDE_CBC_SHA",
	0xc004: "TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA", 0xc005: "TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA",
	0xc008: "TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA", 0xc00c: "TLS_ECDH_RSA_WITH_RC4_128_SHA",
	0xc00d: "TLS_ECDH_RSA_WITH_3DES_EDE_CBC_SHA", 0xc00e: "TLS_ECDH_RSA_WITH_AES_128_CBC_SHA",
	0xc00f: "TLS_ECDH_RSA_WITH_AES_256_CBC_SHA", 0xc024: "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384",
	0xc025: "TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA256", 0xc026: "TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA384",
	0xc028: "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", 0xc029: "TLS_ECDH_RSA_WITH_AES_128_CBC_SHA256",
	0xc02a: "TLS_ECDH_RSA_WITH_AES_256_CBC_SHA384", 0xc02d: "TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256",
	0xc02e: "TLS_ECDH_ECDSA_WITH_AES_256_GCM_SHA384", 0xc031: "TLS_ECDH_RSA_WITH_AES_128_GCM_SHA256",
	0xc032: "TLS_ECDH_RSA_WITH_AES_256_GCM_SHA384", 0xcc13: "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
	0xcc14: "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", 0xcc15: "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
	0xccaa: "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
}

// secondsText is Wireshark's unsigned_time_secs_to_str: "1 day, 4 hours".
func secondsText(s uint32) string {
	if s == 0 {
		return "0 seconds"
	}
	var parts []string
	for _, u := range []struct {
		n         uint32
		one, many string
	}{{86400, "day", "days"}, {3600, "hour", "hours"}, {60, "minute", "minutes"}, {1, "second", "seconds"}} {
		if v := s / u.n; v > 0 {
			parts = append(parts, strconv.FormatUint(uint64(v), 10)+" "+plural(int(v), u.one, u.many))
			s -= v * u.n
		}
	}
	return strings.Join(parts, ", ")
}

// tlsHRRRandom is SHA-256("HelloRetryRequest"), the Random of a TLS 1.3
// Hello Retry Request (RFC 8446, section 4.1.3).
var tlsHRRRandom = [32]byte{
	0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
	0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c,
}

// tlsPorts is Wireshark 4.0's TLS port table (ssl_dissector_add calls:
// HTTPS, SMTPS, NNTPS, LDAPS, DNS over TLS, FTPS, TELNETS, IMAPS, IRCS,
// POP3S, LDAP GC, SIP-TLS, XMPP, AMQPS, MQTT over TLS, syslog over TLS,
// CoAP over TLS 5684, MongoDB 27017...). MongoDB's dissector registers
// 27017 only through TLS, so tshark 4.0 reads plain MongoDB there as "SSL"
// "Continuation Data" (tshark -G decodes: tcp.port 27017 tls).
// TestTLSPortsMatchTshark checks that every tcp.port entry `tshark -G
// decodes` gives tls is here (324, 802, 1300, 2221, 3249-3252, 3496, 11207,
// 19999 and 27017 are such direct registrations).
var tlsPorts = []uint16{261, 324, 443, 448, 465, 563, 614, 636, 802, 853, 989, 990, 992, 993, 994, 995,
	1300, 2221, 2443, 3249, 3250, 3251, 3252, 3269, 3496, 4843, 5061, 5223, 5349, 5671, 5684, 5868, 6514, 6619,
	8443, 8883, 11207, 19999, 27017}

// tlsMaxHandshakeKeep bounds the bytes kept of a handshake message being
// reassembled across records.
const tlsMaxHandshakeKeep = 1 << 16

// tlsConv is the conversation's TLS session as Wireshark keeps it
// (SslSession): the version once known, where each side sent its
// ChangeCipherSpec, and a handshake message reassembled per direction.
type tlsConv struct {
	version tlsVersion
	draft   uint8
	// server is the direction (PDU.Dir) of the server once a Client Hello
	// told it, else -1.
	server   int8
	ccsFrame [2]int // frame+1 of each side's ChangeCipherSpec, by fromServer
	hs       [2]tlsHandshakeReasm
	// lastFrame and frozen follow one packet's records: the first sets the
	// Protocol column from the session, and after a record reassembled from
	// several segments TCP makes the column read-only for the rest.
	lastFrame int
	frozen    bool
}

// tlsHandshakeReasm is a handshake message whose records are still coming.
type tlsHandshakeReasm struct {
	active bool
	have   int    // bytes of the message taken so far
	buf    []byte // its first bytes (at most tlsMaxHandshakeKeep)
}

// need is the reassembled message's whole length once its header is in,
// else 0.
func (r *tlsHandshakeReasm) need() int {
	if len(r.buf) < 4 {
		return 0
	}
	return 4 + (int(r.buf[1])<<16 | int(r.buf[2])<<8 | int(r.buf[3]))
}

func tlsState(c *Conv) *tlsConv {
	if c == nil {
		return &tlsConv{server: -1, lastFrame: -1}
	}
	if st, ok := c.State.(*tlsConv); ok {
		return st
	}
	st := &tlsConv{server: -1, lastFrame: -1}
	c.State = st
	return st
}

// fromServer is ssl_packet_from_server: the Client Hello's destination is
// the server, else a TLS port is.
func (st *tlsConv) fromServer(p *PDU) int {
	if st.server >= 0 {
		if int8(p.Dir) == st.server {
			return 1
		}
		return 0
	}
	for _, port := range tlsPorts {
		if port == p.SrcPort {
			return 1
		}
	}
	return 0
}

// tlsRecordKind is how dissect_ssl treats the bytes at a record boundary.
type tlsRecordKind uint8

const (
	tlsKindNeedMore     tlsRecordKind = iota // fewer bytes than a header
	tlsKindV3                                // an SSLv3/TLS record
	tlsKindV2                                // an SSLv2 record
	tlsKindIgnored                           // "Ignored Unknown Record": the rest of the segment
	tlsKindContinuation                      // "Continuation Data": the rest of the segment
	tlsKindV3Garbage                         // SSLv3 session, no content type: 5+length skipped
)

// classify is dissect_ssl's dispatch on the session's version.
func (st *tlsConv) classify(b []byte) tlsRecordKind {
	switch st.version {
	case tlsVersionSSL2:
		if len(b) < 3 && (len(b) < 2 || b[0]&0x80 == 0) {
			return tlsKindNeedMore
		}
		return tlsKindV2
	case tlsVersionSSL3, tlsVersionTLS10, tlsVersionTLS11, tlsVersionTLS12, tlsVersionTLCP:
		if len(b) < 5 {
			return tlsKindNeedMore
		}
		if b[0] == 0x80 && b[2] == 0x01 {
			return tlsKindV2
		}
		if !tlsContentType(b[0]).valid() {
			if st.version == tlsVersionSSL3 {
				return tlsKindV3Garbage
			}
			return tlsKindIgnored
		}
		return tlsKindV3
	}
	if len(b) < 5 {
		return tlsKindNeedMore
	}
	if sslv2Looks(b) {
		return tlsKindV2
	}
	if tlsContentType(b[0]).valid() {
		switch tlsVersion(binary.BigEndian.Uint16(b[1:])) {
		case tlsVersionSSL3, tlsVersionTLS10, tlsVersionTLS11, tlsVersionTLS12, tlsVersionTLCP:
			return tlsKindV3
		}
	}
	return tlsKindContinuation
}

// tlsPDULen delimits records. Like dissect_ssl it refuses bytes that
// start with four printable characters (plain text on a TLS port, e.g.
// HTTP on 443 or the text part of STARTTLS): for a conversation that has
// shown no TLS yet the other heuristics may then claim it; later only
// these bytes are refused.
func tlsPDULen(c *Conv, _ uint8, b []byte) int {
	st := tlsState(c)
	if len(b) > 4 && tlsPrintable(b[0]) && tlsPrintable(b[1]) && tlsPrintable(b[2]) && tlsPrintable(b[3]) {
		if st.lastFrame < 0 {
			return -1
		}
		return PDUReject
	}
	switch st.classify(b) {
	case tlsKindNeedMore:
		return 0
	case tlsKindV3:
		return 5 + int(binary.BigEndian.Uint16(b[3:]))
	case tlsKindV2:
		return sslv2RecordLen(b)
	case tlsKindV3Garbage:
		return min(5+int(binary.BigEndian.Uint16(b[3:])), len(b))
	}
	return len(b)
}

// tlsPrintable is g_ascii_isprint.
func tlsPrintable(c byte) bool { return c >= 0x20 && c < 0x7f }

// tlsHeuristic is dissect_ssl_heur: an SSLv3/TLS handshake or application
// data record header, or an SSLv2-compatible Client Hello.
func tlsHeuristic(b []byte) bool {
	if len(b) >= 5 {
		ct := tlsContentType(b[0])
		v := tlsVersion(binary.BigEndian.Uint16(b[1:]))
		n := binary.BigEndian.Uint16(b[3:])
		if (ct == tlsHandshake || ct == tlsApplicationData) &&
			(v == tlsVersionSSL3 || v == tlsVersionTLS10 || v == tlsVersionTLS11 || v == tlsVersionTLS12 || v == tlsVersionTLCP) &&
			n != 0 && n < 16384+2048 {
			return true
		}
	}
	return sslv2ClientHelloHeuristic(b)
}

// tlsOut collects one packet's TLS columns and tree for a record.
type tlsOut struct {
	st   *tlsConv
	p    *PDU
	out  *Out
	tree bool
}

// setProto sets the Protocol column unless TCP froze it.
func (t *tlsOut) setProto(s string) {
	if !t.st.frozen {
		t.out.SetProto(s)
	}
}

func (t *tlsOut) info(s string) { t.out.AppendInfo(", ", s) }

// dissectTLS dissects one record (or the bytes dissect_ssl lumps together).
func dissectTLS(p *PDU, out *Out) bool {
	st := tlsState(p.Conv)
	t := &tlsOut{st: st, p: p, out: out, tree: out.WantTree}
	first := p.Frame != st.lastFrame || p.Conv == nil
	if first {
		st.lastFrame, st.frozen = p.Frame, false
		out.SetProto(st.version.column())
	}
	b := p.Data
	var rec Field
	switch st.classify(b) {
	case tlsKindV3:
		rec = t.record(b)
	case tlsKindV2:
		rec = t.sslv2Record(b)
	case tlsKindIgnored:
		t.info("Ignored Unknown Record")
		rec = Field{Name: "_ws.expert", Label: "Ignored Unknown Record", Len: len(b)}
	default:
		t.info("Continuation Data")
		rec = Field{Label: "Continuation Data", Len: len(b)}
	}
	if t.tree {
		t.addRecord(rec, first)
	}
	if first && (len(p.Segments) > 1 || p.Off < 0) {
		st.frozen = true
	}
	return true
}

// tlsCut is the text Wireshark's exception handler appends when a
// dissector reads past the bytes the capture kept.
const tlsCut = "[Packet size limited during capture]"

// tlsTruncated is dissect_ssl on a segment the capture cut short, which
// TCP hands over without reassembly (Data: the captured bytes, Len: the
// segment's): Info starts empty; each record the capture holds whole is
// dissected; a record longer than the segment ends the walk with nothing
// said (it could only be reassembled); a record or an unknown byte that
// the segment holds but the capture cut raises tshark's bounds error.
func tlsTruncated(p *PDU, out *Out) bool {
	st := tlsState(p.Conv)
	st.lastFrame, st.frozen = p.Frame, false
	out.SetProto(st.version.column())
	out.SetInfo("")
	b := p.Data
	for off := 0; off < p.Len; {
		avail := p.Len - off
		if off >= len(b) {
			out.AppendInfo("", tlsCut)
			break
		}
		if !tlsContentType(b[off]).valid() {
			if st.version != tlsVersionTLS10 && st.version != tlsVersionTLS11 && st.version != tlsVersionTLS12 {
				out.AppendInfo(", ", "Continuation Data")
			} else if off+avail > len(b) {
				out.AppendInfo("", tlsCut) // the expert item spans bytes not captured
			} else {
				out.AppendInfo(", ", "Ignored Unknown Record")
			}
			break
		}
		if avail < 5 {
			break
		}
		if off+5 > len(b) {
			out.AppendInfo("", tlsCut)
			break
		}
		n := 5 + int(binary.BigEndian.Uint16(b[off+3:]))
		if avail < n {
			break // split across segments, and TCP cannot reassemble it
		}
		if off+n > len(b) {
			out.AppendInfo("", tlsCut)
			break
		}
		rec := PDU{Data: b[off : off+n], Len: n, Off: -1, Frame: p.Frame, Segments: p.Segments, Time: p.Time,
			SrcPort: p.SrcPort, DstPort: p.DstPort, Dir: p.Dir, TCP: true, Conv: p.Conv}
		if p.Off >= 0 {
			rec.Off = off // within the segment's bytes, as the tree is built
		}
		sub := len(out.Tree)
		dissectTLS(&rec, out)
		if rec.Off >= 0 {
			Shift(out.Tree[sub:], off)
		}
		off += n
	}
	return true
}

// addRecord puts a record under the packet's TLS layer: records that
// dissect_ssl saw in one call share one "Transport Layer Security" line.
func (t *tlsOut) addRecord(rec Field, first bool) {
	n := len(t.out.Tree)
	if !first && n > 0 && t.out.Tree[n-1].Name == "tls" && t.p.Off >= 0 {
		l := &t.out.Tree[n-1]
		recs := []Field{rec}
		Shift(recs, t.p.Off)
		l.Children = append(l.Children, recs[0])
		if end := recs[0].Start + recs[0].Len; end > l.Start+l.Len {
			l.Len = end - l.Start
		}
		return
	}
	t.out.Add(Field{Name: "tls", Label: "Transport Layer Security", Start: 0, Len: t.p.Len, Kind: FieldProto,
		Children: []Field{rec}})
}

// record dissects an SSLv3/TLS record (dissect_ssl3_record).
func (t *tlsOut) record(b []byte) Field {
	st := t.st
	ct := tlsContentType(b[0])
	version := tlsVersion(binary.BigEndian.Uint16(b[1:]))
	recVersion := version
	length := int(binary.BigEndian.Uint16(b[3:]))
	body := b[5:]
	if len(body) > length {
		body = body[:length]
	}
	truncated := len(body) < length
	var next byte
	if len(body) > 0 {
		next = body[0]
	}
	if st.version == tlsVersionUnknown {
		colVersion := version
		if ct == tlsHandshake && tlsHandshakeType(next) == tlsServerHello && len(body) >= 6 {
			// the record's Server Hello names the negotiated version,
			// supported_versions included (tls_scan_server_hello)
			colVersion, _ = tlsScanServerHello(body[4:min(len(body), 4+tlsHandshakeLen(body))])
		}
		st.trySetVersion(ct, tlsHandshakeType(next), len(body) > 0, colVersion)
		if st.version != tlsVersionUnknown {
			colVersion = st.version // a draft's version is TLS 1.3's
		}
		t.setProto(colVersion.column())
	} else {
		version = st.version
	}
	ctField := UintField("tls.record.content_type", "Content Type: "+ct.String()+" ("+strconv.Itoa(int(ct))+")", 0, 1, uint64(ct))
	if st.version == tlsVersionTLS13 && ct == tlsApplicationData {
		ctField = UintField("tls.record.opaque_type", "Opaque Type: Application Data (23)", 0, 1, uint64(ct))
	}
	rec := Field{Name: "tls.record", Start: 0, Len: 5 + length, Children: []Field{
		ctField,
		UintField("tls.record.version", "Version: "+recVersion.longName()+" ("+hex4(uint16(recVersion))+")", 1, 2, uint64(recVersion)),
		UintField("tls.record.length", "Length: "+strconv.Itoa(length), 3, 2, uint64(length)),
	}}
	vname := version.column()
	switch ct {
	case tlsChangeCipherSpec:
		rec.Label = vname + " Record Layer: Change Cipher Spec Protocol: Change Cipher Spec"
		if version == tlsVersionTLS13 && st.draft > 0 && st.draft < 22 {
			break // CCS was reintroduced in draft 22
		}
		t.info("Change Cipher Spec")
		if len(body) > 0 {
			rec.Children = append(rec.Children, UintField("tls.change_cipher_spec", "Change Cipher Spec Message", 5, len(body), 1))
		}
		if version != tlsVersionTLS13 {
			// TLS 1.3 ignores a ChangeCipherSpec (middlebox compatibility,
			// RFC 8446 D.4) as packet-tls.c does: the ServerHello after a
			// HelloRetryRequest and its CCS is still in clear
			st.ccsFrame[st.fromServer(t.p)] = t.p.Frame + 1
		}
	case tlsAlert:
		rec.Label = t.alert(&rec, body, length)
	case tlsHandshake:
		rec.Label = t.handshakeRecord(&rec, body, 5, version, truncated)
	case tlsApplicationData:
		t.info("Application Data")
		rec.Label = vname + " Record Layer: Application Data Protocol: " + t.appProtocol()
		rec.Children = append(rec.Children, Field{Name: "tls.app_data", Label: "Encrypted Application Data: " + hexTrunc(body),
			Start: 5, Len: len(body), Kind: FieldBytes, Str: string(body)})
	case tlsHeartbeat:
		rec.Label = t.heartbeat(&rec, body, length, version)
	}
	return rec
}

// appProtocol is the application protocol the record layer line names
// (the port's dissector; "Application Data" when none).
// tlsStartTLSApps name the protocol a conversation handed to TLS carries
// (STARTTLS, PostgreSQL's SSLRequest, MySQL's SSL login), by the handing dissector's name, as
// Wireshark's app_handle does.
var tlsStartTLSApps = map[string]string{
	"smtp": "Simple Mail Transfer Protocol", "imap": "Internet Message Access Protocol",
	"pop": "Post Office Protocol", "ftp": "File Transfer Protocol (FTP)", "pgsql": "PostgreSQL",
	"mysql": "MySQL Protocol",
}

func (t *tlsOut) appProtocol() string {
	if d := t.p.Conv.HandedFrom(); d != nil && tlsStartTLSApps[d.Name] != "" {
		return tlsStartTLSApps[d.Name]
	}
	for _, pp := range []uint16{t.p.SrcPort, t.p.DstPort} {
		switch pp {
		case 443, 8443:
			return "Hypertext Transfer Protocol"
		case 465:
			return "Simple Mail Transfer Protocol"
		case 993:
			return "Internet Message Access Protocol"
		case 995:
			return "Post Office Protocol"
		case 636, 3269:
			return "Lightweight Directory Access Protocol"
		case 853:
			return "Domain Name System"
		}
	}
	return "Application Data"
}

// trySetVersion is ssl_try_set_version: the version of any message but a
// Client Hello is authoritative for the conversation.
func (st *tlsConv) trySetVersion(ct tlsContentType, ht tlsHandshakeType, hasType bool, v tlsVersion) {
	if ct == tlsHandshake {
		if !hasType || ht.name() == "" || ht == tlsClientHello || ht == tlsHelloVerifyRequest {
			return
		}
	} else if !ct.valid() {
		return
	}
	if nv, draft := tryVersion(v); nv != tlsVersionUnknown {
		st.version, st.draft = nv, draft
	}
}

// tlsHandshakeLen is the whole length of the handshake message at b[0].
func tlsHandshakeLen(b []byte) int {
	if len(b) < 4 {
		return len(b)
	}
	return 4 + (int(b[1])<<16 | int(b[2])<<8 | int(b[3]))
}

// tlsScanServerHello is tls_scan_server_hello: the version a Server Hello
// body chose, its supported_versions extension included, and whether it
// is a Hello Retry Request.
func tlsScanServerHello(b []byte) (tlsVersion, bool) {
	if len(b) < 2 {
		return tlsVersionUnknown, false
	}
	v := tlsVersion(binary.BigEndian.Uint16(b))
	if v != tlsVersionTLS12 || len(b) < 46 {
		return v, false
	}
	hrr := [32]byte(b[2:34]) == tlsHRRRandom
	off := 34
	sid := int(b[off])
	off++
	if len(b)-off < sid+5 {
		return v, hrr
	}
	off += sid + 5
	for len(b)-off >= 6 {
		typ := binary.BigEndian.Uint16(b[off:])
		n := int(binary.BigEndian.Uint16(b[off+2:]))
		if len(b)-off < 4+n {
			break
		}
		if typ == tlsExtSupportedVersions {
			if n == 2 {
				v = tlsVersion(binary.BigEndian.Uint16(b[off+4:]))
			}
			return v, hrr
		}
		off += 4 + n
	}
	return v, hrr
}

// alert dissects an alert record and returns the record line's label.
func (t *tlsOut) alert(rec *Field, body []byte, length int) string {
	vname := t.st.version.column()
	if length != 2 || len(body) < 2 {
		t.info("Encrypted Alert")
		rec.Children = append(rec.Children, Field{Name: "tls.alert_message", Label: "Alert Message: Encrypted Alert", Start: 5, Len: len(body)})
		return vname + " Record Layer: Encrypted Alert"
	}
	lvl, desc := tlsAlertLevel(body[0]), tlsAlertDescription(body[1])
	t.info("Alert (Level: " + lvl + ", Description: " + desc + ")")
	rec.Children = append(rec.Children, Field{Name: "tls.alert_message", Label: "Alert Message", Start: 5, Len: 2, Children: []Field{
		UintField("tls.alert_message.level", "Level: "+lvl+" ("+strconv.Itoa(int(body[0]))+")", 5, 1, uint64(body[0])),
		UintField("tls.alert_message.desc", "Description: "+desc+" ("+strconv.Itoa(int(body[1]))+")", 6, 1, uint64(body[1])),
	}})
	return vname + " Record Layer: Alert (Level: " + lvl + ", Description: " + desc + ")"
}

// heartbeat dissects a heartbeat record (RFC 6520): in clear before the
// direction's ChangeCipherSpec, when its lengths add up.
func (t *tlsOut) heartbeat(rec *Field, body []byte, length int, version tlsVersion) string {
	vname := version.column()
	if version == tlsVersionTLS13 {
		return vname + " Record Layer: Heartbeat"
	}
	plain := t.st.ccsFrame[t.st.fromServer(t.p)] == 0
	var typ string
	if len(body) >= 3 {
		switch body[0] {
		case 1:
			typ = "Request"
		case 2:
			typ = "Response"
		}
	}
	if plain && typ != "" && len(body) == length && int(binary.BigEndian.Uint16(body[1:]))+3+16 <= length {
		t.info("Heartbeat " + typ)
		rec.Children = append(rec.Children, Field{Name: "tls.heartbeat_message", Label: "Heartbeat Message", Start: 5, Len: len(body), Children: []Field{
			UintField("tls.heartbeat_message.type", "Type: "+typ+" ("+strconv.Itoa(int(body[0]))+")", 5, 1, uint64(body[0])),
			UintField("tls.heartbeat_message.payload_length", "Payload Length: "+strconv.Itoa(int(binary.BigEndian.Uint16(body[1:]))), 6, 2, uint64(binary.BigEndian.Uint16(body[1:]))),
		}})
		return vname + " Record Layer: Heartbeat " + typ
	}
	t.info("Encrypted Heartbeat")
	return vname + " Record Layer: Encrypted Heartbeat"
}

// handshakeRecord dissects a handshake record's messages
// (dissect_tls_handshake) and returns the record line's label. off is
// where body starts in the PDU.
func (t *tlsOut) handshakeRecord(rec *Field, body []byte, off int, version tlsVersion, truncated bool) string {
	st := t.st
	dir := st.fromServer(t.p)
	r := &st.hs[dir]
	vname := version.column()
	label := ""
	setLabel := func(first bool, name string) {
		if first {
			label = vname + " Record Layer: Handshake Protocol: " + name
		} else {
			label = vname + " Record Layer: Handshake Protocol: Multiple Handshake Messages"
		}
	}
	firstMsg := true
	pos := 0
	if r.active {
		// the record continues a message begun in an earlier record
		take := len(body)
		if n := r.need(); n > 0 && take > n-r.have {
			take = n - r.have
		} else if n == 0 && len(r.buf)+take >= 4 {
			hdr := append(append([]byte(nil), r.buf...), body[:min(take, 4)]...)
			if n := tlsHandshakeLen(hdr); take > n-r.have {
				take = n - r.have
			}
		}
		if truncated {
			r.active, r.buf, r.have = false, nil, 0
		} else {
			k := min(take, tlsMaxHandshakeKeep-len(r.buf))
			r.buf = append(r.buf, body[:k]...)
			r.have += take
			typ := tlsHandshakeType(0)
			if len(r.buf) > 0 {
				typ = tlsHandshakeType(r.buf[0])
			}
			n := r.need()
			if n > 0 && r.have >= n {
				// the last fragment: the whole message is dissected here
				msg := r.buf
				r.active, r.buf, r.have = false, nil, 0
				name := typ.name()
				if name == "" {
					name = tlsEncryptedHandshake
				}
				if t.tree {
					rec.Children = append(rec.Children, Field{Name: "tls.handshake", Label: "Handshake Protocol: " + name + " (last fragment)", Start: off, Len: take})
				}
				hs := t.handshakeMessage(msg, -1, version, true)
				setLabel(true, hs.Label[len("Handshake Protocol: "):])
				if t.tree {
					hs.Label += " (reassembled)"
					rec.Children = append(rec.Children, hs)
				}
				firstMsg = false
				pos = take
			} else {
				name := typ.name()
				if name == "" {
					name = tlsEncryptedHandshake
				}
				setLabel(false, name)
				if t.tree {
					rec.Children = append(rec.Children, Field{Name: "tls.handshake", Label: "Handshake Protocol: " + name + " (fragment)", Start: off, Len: len(body)})
				}
				return label
			}
		}
	}
	if firstMsg && t.encryptedHandshake(body, dir) {
		t.info(tlsEncryptedHandshake)
		if t.tree {
			rec.Children = append(rec.Children, Field{Name: "tls.handshake", Label: "Handshake Protocol: " + tlsEncryptedHandshake, Start: off, Len: len(body)})
		}
		return vname + " Record Layer: Handshake Protocol: " + tlsEncryptedHandshake
	}
	for pos < len(body) {
		rest := body[pos:]
		msgLen := 0
		if len(rest) >= 4 {
			msgLen = tlsHandshakeLen(rest)
		}
		if msgLen == 0 || len(rest) < msgLen {
			// the message continues in the next record
			typ := tlsHandshakeType(rest[0])
			name := typ.name()
			if name == "" {
				name = tlsEncryptedHandshake
			}
			if !truncated {
				r.active, r.have = true, len(rest)
				r.buf = append(r.buf[:0], rest[:min(len(rest), tlsMaxHandshakeKeep)]...)
			}
			if firstMsg {
				t.info("[" + name + " Fragment]")
				label = vname + " Record Layer: Handshake Protocol: " + name + " (fragment)"
			} else {
				setLabel(false, name)
			}
			if t.tree {
				rec.Children = append(rec.Children, Field{Name: "tls.handshake", Label: "Handshake Protocol: " + name + " (fragment)", Start: off + pos, Len: len(rest)})
			}
			break
		}
		typ := tlsHandshakeType(rest[0])
		if typ.name() == "" && !firstMsg {
			pos += msgLen
			continue
		}
		hs := t.handshakeMessage(rest[:msgLen], off+pos, version, firstMsg)
		setLabel(firstMsg, hs.Label[len("Handshake Protocol: "):])
		if t.tree {
			rec.Children = append(rec.Children, hs)
		}
		firstMsg = false
		pos += msgLen
	}
	if label == "" {
		label = vname + " Record Layer: Handshake Protocol"
	}
	return label
}

// encryptedHandshake is is_encrypted_handshake_message: a record of 16
// bytes or more whose first message starts with an explicit zero nonce,
// follows the direction's ChangeCipherSpec in a later frame, or has no
// known type or an implausible length.
func (t *tlsOut) encryptedHandshake(body []byte, dir int) bool {
	if len(body) < 16 {
		return false
	}
	if body[0]|body[1]|body[2]|body[3]|body[4] == 0 {
		return true
	}
	if f := t.st.ccsFrame[dir]; f != 0 && t.p.Frame+1 > f {
		return true
	}
	if tlsHandshakeType(body[0]).name() == "" {
		return true
	}
	return int(body[1])<<16|int(body[2])<<8|int(body[3]) >= 0x10000
}

// handshakeMessage dissects one whole handshake message m (off is where it
// lies in the PDU, -1 when reassembled from several records) and returns
// its tree line. It appends the message's name to Info.
func (t *tlsOut) handshakeMessage(m []byte, off int, version tlsVersion, first bool) Field {
	st := t.st
	typ := tlsHandshakeType(m[0])
	length := len(m) - 4
	name := typ.name()
	hrr := false
	if first && typ == tlsServerHello && length > 2 {
		v, isHRR := tlsScanServerHello(m[4:])
		hrr = isHRR
		st.trySetVersion(tlsHandshake, tlsServerHello, true, v)
		if hrr {
			name = "Hello Retry Request"
		}
	}
	if name == "" {
		name = tlsEncryptedHandshake
	}
	t.info(name)
	base := off
	if base < 0 {
		base = 0
	}
	hs := Field{Name: "tls.handshake", Label: "Handshake Protocol: " + name, Start: base, Len: len(m)}
	if off < 0 {
		hs.Len = 0
	}
	if typ.name() == "" {
		return hs
	}
	tr := &tlsTree{t: t, base: base, gen: off < 0}
	ch := []Field{
		tr.uint("tls.handshake.type", "Handshake Type: "+typ.name()+" ("+strconv.Itoa(int(typ))+")", 0, 1, uint64(typ)),
		tr.uint("tls.handshake.length", "Length: "+strconv.Itoa(length), 1, 3, uint64(length)),
	}
	body := m[4:]
	switch typ {
	case tlsClientHello:
		if t.p.Conv != nil {
			st.server = int8(t.p.Dir ^ 1)
		}
		ch = append(ch, t.clientHello(tr, body)...)
	case tlsServerHello:
		ch = append(ch, t.serverHello(tr, body, hrr)...)
	case tlsCertificate:
		ch = append(ch, t.certificates(tr, body, version)...)
	case tlsNewSessionTicket:
		if len(body) >= 4 {
			life := binary.BigEndian.Uint32(body)
			ch = append(ch, tr.uint("tls.handshake.session_ticket_lifetime_hint",
				ticketLifetimeLabel(life), 4, 4, uint64(life)))
		}
	}
	hs.Children = ch
	return hs
}

// tlsTree places a handshake message's fields: at base in the PDU, or as
// generated lines (no bytes) when the message was reassembled.
type tlsTree struct {
	t    *tlsOut
	base int
	gen  bool
}

func (tr *tlsTree) at(f Field) Field {
	f.Label = tlsLabel(f.Label)
	if tr.gen {
		f.Start, f.Len = 0, 0
	} else {
		f.Start += tr.base
	}
	return f
}

func (tr *tlsTree) uint(name, label string, start, n int, v uint64) Field {
	return tr.at(UintField(name, label, start, n, v))
}

func (tr *tlsTree) str(name, label string, start, n int, s string) Field {
	return tr.at(StrField(name, label, start, n, s))
}

func (tr *tlsTree) label(name, label string, start, n int, ch []Field) Field {
	return tr.at(Field{Name: name, Label: label, Start: start, Len: n, Children: ch})
}

// tlsLabelMax is Wireshark's ITEM_LABEL_LENGTH less its NUL: longer tree
// labels (certificate names) are cut there.
const tlsLabelMax = 239

// tlsLabel cuts a label as Wireshark does, on a UTF-8 boundary.
func tlsLabel(s string) string {
	if len(s) <= tlsLabelMax {
		return s
	}
	n := tlsLabelMax
	for n > 0 && s[n]&0xc0 == 0x80 {
		n--
	}
	return s[:n]
}

// tlsReader reads a handshake body with offsets relative to the message
// (the body starts at 4); every read is bounded by the body.
type tlsReader struct {
	b   []byte
	off int // next byte, relative to b
	bad bool
}

func (r *tlsReader) left() int { return len(r.b) - r.off }

func (r *tlsReader) pos() int { return 4 + r.off }

func (r *tlsReader) bytes(n int) []byte {
	if r.bad || n < 0 || r.left() < n {
		r.bad = true
		return nil
	}
	s := r.b[r.off : r.off+n]
	r.off += n
	return s
}

func (r *tlsReader) u8() int {
	s := r.bytes(1)
	if s == nil {
		return 0
	}
	return int(s[0])
}

func (r *tlsReader) u16() int {
	s := r.bytes(2)
	if s == nil {
		return 0
	}
	return int(binary.BigEndian.Uint16(s))
}

func hex4(v uint16) string {
	const digits = "0123456789abcdef"
	return "0x" + string([]byte{digits[v>>12], digits[v>>8&15], digits[v>>4&15], digits[v&15]})
}

// hexTrunc is a byte string as tshark prints it: hex, cut with "…" after
// 36 bytes.
func hexTrunc(b []byte) string {
	if len(b) > 36 {
		return hex.EncodeToString(b[:36]) + "…"
	}
	return hex.EncodeToString(b)
}

// helloStart reads the version, random and session id both hellos begin with.
func (t *tlsOut) helloStart(tr *tlsTree, r *tlsReader) []Field {
	var ch []Field
	p := r.pos()
	v := tlsVersion(r.u16())
	if r.bad {
		return nil
	}
	ch = append(ch, tr.uint("tls.handshake.version", "Version: "+v.longName()+" ("+hex4(uint16(v))+")", p, 2, uint64(v)))
	p = r.pos()
	rnd := r.bytes(32)
	if r.bad {
		return ch
	}
	rl := "Random: " + hex.EncodeToString(rnd)
	if [32]byte(rnd) == tlsHRRRandom {
		rl += " (HelloRetryRequest magic)"
	}
	ch = append(ch, tr.at(Field{Name: "tls.handshake.random", Label: rl, Start: p, Len: 32, Kind: FieldBytes, Str: string(rnd)}))
	p = r.pos()
	n := r.u8()
	if r.bad {
		return ch
	}
	ch = append(ch, tr.uint("tls.handshake.session_id_length", "Session ID Length: "+strconv.Itoa(n), p, 1, uint64(n)))
	if n > 0 {
		p = r.pos()
		sid := r.bytes(n)
		if r.bad {
			return ch
		}
		ch = append(ch, tr.at(Field{Name: "tls.handshake.session_id", Label: "Session ID: " + hex.EncodeToString(sid), Start: p, Len: n, Kind: FieldBytes, Str: string(sid)}))
	}
	return ch
}

// clientHello dissects a Client Hello body; it names the flow with the SNI.
func (t *tlsOut) clientHello(tr *tlsTree, body []byte) []Field {
	r := &tlsReader{b: body}
	ch := t.helloStart(tr, r)
	p := r.pos()
	n := r.u16()
	if r.bad {
		return ch
	}
	ch = append(ch, tr.uint("tls.handshake.cipher_suites_length", "Cipher Suites Length: "+strconv.Itoa(n), p, 2, uint64(n)))
	p = r.pos()
	suites := r.bytes(n)
	if r.bad {
		return ch
	}
	var cs []Field
	if t.tree {
		for i := 0; i+1 < len(suites); i += 2 {
			id := binary.BigEndian.Uint16(suites[i:])
			cs = append(cs, tr.uint("tls.handshake.ciphersuite", "Cipher Suite: "+tlsCipherSuiteName(id)+" ("+hex4(id)+")", p+i, 2, uint64(id)))
		}
	}
	ch = append(ch, tr.label("tls.handshake.ciphersuites", "Cipher Suites ("+strconv.Itoa(n/2)+" "+plural(n/2, "suite", "suites")+")", p, n, cs))
	p = r.pos()
	n = r.u8()
	if r.bad {
		return ch
	}
	ch = append(ch, tr.uint("tls.handshake.comp_methods_length", "Compression Methods Length: "+strconv.Itoa(n), p, 1, uint64(n)))
	p = r.pos()
	comps := r.bytes(n)
	if r.bad {
		return ch
	}
	var cm []Field
	for i, c := range comps {
		cm = append(cm, tr.uint("tls.handshake.comp_method", "Compression Method: "+tlsCompression(c)+" ("+strconv.Itoa(int(c))+")", p+i, 1, uint64(c)))
	}
	ch = append(ch, tr.label("tls.handshake.comp_methods", "Compression Methods ("+strconv.Itoa(n)+" "+plural(n, "method", "methods")+")", p, n, cm))
	return append(ch, t.extensions(tr, r, tlsClientHello)...)
}

func tlsCompression(c byte) string {
	switch c {
	case 0:
		return "null"
	case 1:
		return "DEFLATE"
	case 64:
		return "LZS"
	}
	return "Unknown"
}

// serverHello dissects a Server Hello (or Hello Retry Request) body.
func (t *tlsOut) serverHello(tr *tlsTree, body []byte, hrr bool) []Field {
	r := &tlsReader{b: body}
	ch := t.helloStart(tr, r)
	p := r.pos()
	id := uint16(r.u16())
	if r.bad {
		return ch
	}
	ch = append(ch, tr.uint("tls.handshake.ciphersuite", "Cipher Suite: "+tlsCipherSuiteName(id)+" ("+hex4(id)+")", p, 2, uint64(id)))
	p = r.pos()
	c := r.u8()
	if r.bad {
		return ch
	}
	ch = append(ch, tr.uint("tls.handshake.comp_method", "Compression Method: "+tlsCompression(byte(c))+" ("+strconv.Itoa(c)+")", p, 1, uint64(c)))
	kind := tlsServerHello
	if hrr {
		kind = tlsHelloRetryRequest
	}
	return append(ch, t.extensions(tr, r, kind)...)
}

// tlsExtensionList is the hello extensions' layout (RFC 8446 4.2): two-byte
// type and length, the length counting the data. The cap is never reached:
// a 65535-byte block holds at most 16383 extensions.
var tlsExtensionList = tlvList{typeLen: 2, lenLen: 2, max: 1 << 14}

// extensions dissects a hello's extension block.
func (t *tlsOut) extensions(tr *tlsTree, r *tlsReader, hello tlsHandshakeType) []Field {
	if r.left() < 2 {
		return nil
	}
	p := r.pos()
	n := r.u16()
	ch := []Field{tr.uint("tls.handshake.extensions_length", "Extensions Length: "+strconv.Itoa(n), p, 2, uint64(n))}
	blk := r.bytes(min(n, r.left()))
	tlsExtensionList.walk(blk, func(et, off int, data []byte) bool {
		ep, typ, l := p+2+off, uint16(et), len(data)
		name := tlsExtensionName(typ)
		ext := []Field{
			tr.uint("tls.handshake.extension.type", "Type: "+name+" ("+strconv.Itoa(int(typ))+")", ep, 2, uint64(typ)),
			tr.uint("tls.handshake.extension.len", "Length: "+strconv.Itoa(l), ep+2, 2, uint64(l)),
		}
		ext = append(ext, t.extension(tr, typ, data, ep+4, hello)...)
		ch = append(ch, tr.label("", "Extension: "+name+" (len="+strconv.Itoa(l)+")", ep, 4+l, ext))
		return true
	})
	return ch
}

// extension dissects the extensions the columns, flow names and filters
// use: server_name, ALPN, supported_versions, early_data.
func (t *tlsOut) extension(tr *tlsTree, typ uint16, d []byte, p int, hello tlsHandshakeType) []Field {
	var ch []Field
	switch typ {
	case tlsExtServerName:
		if hello != tlsClientHello || len(d) < 2 {
			return nil
		}
		listLen := int(binary.BigEndian.Uint16(d))
		sni := []Field{tr.uint("tls.handshake.extensions_server_name_list_len", "Server Name list length: "+strconv.Itoa(listLen), p, 2, uint64(listLen))}
		for off := 2; off+3 <= len(d); {
			nt := d[off]
			nl := int(binary.BigEndian.Uint16(d[off+1:]))
			if off+3+nl > len(d) {
				break
			}
			name := string(d[off+3 : off+3+nl])
			ntName := "Unknown"
			if nt == 0 {
				ntName = "host_name"
				t.out.NameFlow(Printable(name))
			}
			sni = append(sni,
				tr.uint("tls.handshake.extensions_server_name_type", "Server Name Type: "+ntName+" ("+strconv.Itoa(int(nt))+")", p+off, 1, uint64(nt)),
				tr.uint("tls.handshake.extensions_server_name_len", "Server Name length: "+strconv.Itoa(nl), p+off+1, 2, uint64(nl)),
				tr.str("tls.handshake.extensions_server_name", "Server Name: "+Printable(name), p+off+3, nl, name))
			off += 3 + nl
		}
		ch = append(ch, tr.label("", "Server Name Indication extension", p, len(d), sni))
	case tlsExtALPN:
		if len(d) < 2 {
			return nil
		}
		l := int(binary.BigEndian.Uint16(d))
		ch = append(ch, tr.uint("tls.handshake.extensions_alpn_len", "ALPN Extension Length: "+strconv.Itoa(l), p, 2, uint64(l)))
		var protos []Field
		for off := 2; off < len(d); {
			sl := int(d[off])
			if off+1+sl > len(d) {
				break
			}
			s := string(d[off+1 : off+1+sl])
			protos = append(protos,
				tr.uint("tls.handshake.extensions_alpn_str_len", "ALPN string length: "+strconv.Itoa(sl), p+off, 1, uint64(sl)),
				tr.str("tls.handshake.extensions_alpn_str", "ALPN Next Protocol: "+Printable(s), p+off+1, sl, s))
			off += 1 + sl
		}
		ch = append(ch, tr.label("tls.handshake.extensions_alpn_list", "ALPN Protocol", p+2, len(d)-2, protos))
	case tlsExtSupportedVersions:
		if hello == tlsClientHello {
			if len(d) < 1 {
				return nil
			}
			l := int(d[0])
			ch = append(ch, tr.uint("tls.handshake.extensions.supported_versions_len", "Supported Versions length: "+strconv.Itoa(l), p, 1, uint64(l)))
			for off := 1; off+2 <= len(d) && off+2 <= 1+l; off += 2 {
				v := tlsVersion(binary.BigEndian.Uint16(d[off:]))
				ch = append(ch, tr.uint("tls.handshake.extensions.supported_version", "Supported Version: "+v.longName()+" ("+hex4(uint16(v))+")", p+off, 2, uint64(v)))
			}
		} else if len(d) >= 2 {
			v := tlsVersion(binary.BigEndian.Uint16(d))
			ch = append(ch, tr.uint("tls.handshake.extensions.supported_version", "Supported Version: "+v.longName()+" ("+hex4(uint16(v))+")", p, 2, uint64(v)))
		}
	case tlsExtEarlyData:
		if hello == tlsClientHello {
			// early data is TLS 1.3's: the session's version is fixed
			// before the server answers
			t.st.version = tlsVersionTLS13
		}
	}
	return ch
}

// certificates dissects a Certificate message body: the certificates'
// subjects and issuers (TLS 1.3 adds a request context and per-entry
// extensions).
func (t *tlsOut) certificates(tr *tlsTree, body []byte, version tlsVersion) []Field {
	r := &tlsReader{b: body}
	var ch []Field
	if version == tlsVersionTLS13 {
		p := r.pos()
		n := r.u8()
		ch = append(ch, tr.uint("tls.handshake.certificate_request_context_length", "Certificate Request Context Length: "+strconv.Itoa(n), p, 1, uint64(n)))
		r.bytes(n)
	}
	if r.left() < 3 || r.bad {
		return ch
	}
	p := r.pos()
	lb := r.bytes(3)
	total := int(lb[0])<<16 | int(lb[1])<<8 | int(lb[2])
	ch = append(ch, tr.uint("tls.handshake.certificates_length", "Certificates Length: "+strconv.Itoa(total), p, 3, uint64(total)))
	list := r.bytes(min(total, r.left()))
	var certs []Field
	for off := 0; off+3 <= len(list) && len(certs) < 64; {
		cl := int(list[off])<<16 | int(list[off+1])<<8 | int(list[off+2])
		if off+3+cl > len(list) {
			break
		}
		cp := r.pos() - len(list) + off // position of this entry
		der := list[off+3 : off+3+cl]
		certs = append(certs, tr.uint("tls.handshake.certificate_length", "Certificate Length: "+strconv.Itoa(cl), cp, 3, uint64(cl)))
		subject, issuer, ok := x509Names(der)
		label := "Certificate: " + hexTrunc(der)
		var names []Field
		if ok {
			label += " (" + Printable(subject.dn) + ")"
			names = []Field{
				tr.label("x509af.issuer", "issuer: rdnSequence (0)", issuer.start+cp+3, issuer.len, []Field{
					tr.uint("x509if.rdnSequence", "rdnSequence: "+strconv.Itoa(issuer.n)+" "+plural(issuer.n, "item", "items")+" ("+Printable(issuer.dn)+")", issuer.content+cp+3, issuer.contentLn, uint64(issuer.n))}),
				tr.label("x509af.subject", "subject: rdnSequence (0)", subject.start+cp+3, subject.len, []Field{
					tr.uint("x509af.rdnSequence", "rdnSequence: "+strconv.Itoa(subject.n)+" "+plural(subject.n, "item", "items")+" ("+Printable(subject.dn)+")", subject.content+cp+3, subject.contentLn, uint64(subject.n))}),
			}
		}
		cf := tr.at(Field{Name: "tls.handshake.certificate", Label: label, Start: cp + 3, Len: cl, Kind: FieldBytes, Str: string(der), Children: names})
		certs = append(certs, cf)
		off += 3 + cl
		if version == tlsVersionTLS13 && off+2 <= len(list) {
			el := int(binary.BigEndian.Uint16(list[off:]))
			off += 2 + el
		}
	}
	ch = append(ch, tr.label("tls.handshake.certificates", "Certificates ("+strconv.Itoa(len(list))+" bytes)", r.pos()-len(list), len(list), certs))
	return ch
}

// tlsFields are the display-filter fields the TLS tree carries.
var tlsFields = []FieldDef{
	{Name: "tls.record", Desc: "Record Layer", Kind: FieldLabel},
	{Name: "tls.record.content_type", Desc: "Content Type", Kind: FieldUint, Bits: 8},
	{Name: "tls.record.opaque_type", Desc: "Opaque Type", Kind: FieldUint, Bits: 8},
	{Name: "tls.record.version", Desc: "Version", Kind: FieldUint, Bits: 16},
	{Name: "tls.record.length", Desc: "Length", Kind: FieldUint, Bits: 16},
	{Name: "tls.change_cipher_spec", Desc: "Change Cipher Spec Message", Kind: FieldUint, Bits: 8},
	{Name: "tls.alert_message", Desc: "Alert Message", Kind: FieldLabel},
	{Name: "tls.alert_message.level", Desc: "Level", Kind: FieldUint, Bits: 8},
	{Name: "tls.alert_message.desc", Desc: "Description", Kind: FieldUint, Bits: 8},
	{Name: "tls.app_data", Desc: "Encrypted Application Data", Kind: FieldBytes},
	{Name: "tls.heartbeat_message", Desc: "Heartbeat Message", Kind: FieldLabel},
	{Name: "tls.heartbeat_message.type", Desc: "Type", Kind: FieldUint, Bits: 8},
	{Name: "tls.heartbeat_message.payload_length", Desc: "Payload Length", Kind: FieldUint, Bits: 16},
	{Name: "tls.handshake", Desc: "Handshake Protocol", Kind: FieldLabel},
	{Name: "tls.handshake.type", Desc: "Handshake Type", Kind: FieldUint, Bits: 8},
	{Name: "tls.handshake.length", Desc: "Length", Kind: FieldUint, Bits: 32},
	{Name: "tls.handshake.version", Desc: "Version", Kind: FieldUint, Bits: 16},
	{Name: "tls.handshake.random", Desc: "Random", Kind: FieldBytes},
	{Name: "tls.handshake.session_id_length", Desc: "Session ID Length", Kind: FieldUint, Bits: 8},
	{Name: "tls.handshake.session_id", Desc: "Session ID", Kind: FieldBytes},
	{Name: "tls.handshake.cipher_suites_length", Desc: "Cipher Suites Length", Kind: FieldUint, Bits: 16},
	{Name: "tls.handshake.ciphersuites", Desc: "Cipher Suites", Kind: FieldLabel},
	{Name: "tls.handshake.ciphersuite", Desc: "Cipher Suite", Kind: FieldUint, Bits: 16},
	{Name: "tls.handshake.comp_methods_length", Desc: "Compression Methods Length", Kind: FieldUint, Bits: 8},
	{Name: "tls.handshake.comp_methods", Desc: "Compression Methods", Kind: FieldLabel},
	{Name: "tls.handshake.comp_method", Desc: "Compression Method", Kind: FieldUint, Bits: 8},
	{Name: "tls.handshake.extensions_length", Desc: "Extensions Length", Kind: FieldUint, Bits: 16},
	{Name: "tls.handshake.extension.type", Desc: "Type", Kind: FieldUint, Bits: 16},
	{Name: "tls.handshake.extension.len", Desc: "Length", Kind: FieldUint, Bits: 16},
	{Name: "tls.handshake.extensions_server_name_list_len", Desc: "Server Name list length", Kind: FieldUint, Bits: 16},
	{Name: "tls.handshake.extensions_server_name_type", Desc: "Server Name Type", Kind: FieldUint, Bits: 8},
	{Name: "tls.handshake.extensions_server_name_len", Desc: "Server Name length", Kind: FieldUint, Bits: 16},
	{Name: "tls.handshake.extensions_server_name", Desc: "Server Name", Kind: FieldString},
	{Name: "tls.handshake.extensions_alpn_len", Desc: "ALPN Extension Length", Kind: FieldUint, Bits: 16},
	{Name: "tls.handshake.extensions_alpn_list", Desc: "ALPN Protocol", Kind: FieldLabel},
	{Name: "tls.handshake.extensions_alpn_str_len", Desc: "ALPN string length", Kind: FieldUint, Bits: 8},
	{Name: "tls.handshake.extensions_alpn_str", Desc: "ALPN Next Protocol", Kind: FieldString},
	{Name: "tls.handshake.extensions.supported_versions_len", Desc: "Supported Versions length", Kind: FieldUint, Bits: 8},
	{Name: "tls.handshake.extensions.supported_version", Desc: "Supported Version", Kind: FieldUint, Bits: 16},
	{Name: "tls.handshake.session_ticket_lifetime_hint", Desc: "Session Ticket Lifetime Hint", Kind: FieldUint, Bits: 32},
	{Name: "tls.handshake.certificate_request_context_length", Desc: "Certificate Request Context Length", Kind: FieldUint, Bits: 8},
	{Name: "tls.handshake.certificates_length", Desc: "Certificates Length", Kind: FieldUint, Bits: 32},
	{Name: "tls.handshake.certificates", Desc: "Certificates", Kind: FieldLabel},
	{Name: "tls.handshake.certificate_length", Desc: "Certificate Length", Kind: FieldUint, Bits: 32},
	{Name: "tls.handshake.certificate", Desc: "Certificate", Kind: FieldBytes},
	{Name: "x509af.issuer", Desc: "issuer", Kind: FieldLabel},
	{Name: "x509af.subject", Desc: "subject", Kind: FieldLabel},
	{Name: "x509af.rdnSequence", Desc: "rdnSequence of the subject (its RDN count)", Kind: FieldUint, Bits: 32},
	{Name: "x509if.rdnSequence", Desc: "rdnSequence (its RDN count; the label spells the name)", Kind: FieldUint, Bits: 32},
	{Name: "ssl2.record", Desc: "SSLv2 Record Layer", Kind: FieldLabel},
	{Name: "tls.record.is_escape", Desc: "Is Escape", Kind: FieldBool},
	{Name: "tls.record.padding_length", Desc: "Padding Length", Kind: FieldUint, Bits: 8},
	{Name: "tls.handshake.challenge", Desc: "Challenge", Kind: FieldBytes},
}

var tlsDissector = &Dissector{
	Name:       "tls",
	ClearsInfo: true,
	Dissect:    dissectTLS,
	PDULen:     tlsPDULen,
	Truncated:  tlsTruncated,
	Heuristic:  tlsHeuristic,
	Fields:     tlsFields,
}

func init() {
	RegisterTCP(tlsDissector, tlsPorts...)
}

// ticketLifetimeLabel is the NewSessionTicket lifetime line: tshark adds the
// duration in words ("(2 hours)") except for a hint of 0, which RFC 5077
// section 3.3 gives no lifetime ("0 seconds" alone).
func ticketLifetimeLabel(life uint32) string {
	s := "Session Ticket Lifetime Hint: " + strconv.FormatUint(uint64(life), 10) + " seconds"
	if life == 0 {
		return s
	}
	return s + " (" + secondsText(life) + ")"
}
