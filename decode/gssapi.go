package decode

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"strconv"
)

// GSS-API per-message tokens of the Kerberos 5 mechanism, as a SASL
// security layer (LDAP after a GSSAPI or GSS-SPNEGO bind) wraps each
// message in them: the RFC 4121 §4.2.6.2 wrap token (TOK_ID 05 04, a
// 16-byte header, then the sealed or signed data), and the older RFC 1964
// §1.2.2 one that arcfour-hmac and DES keys use (inside the GSS-API 0x60
// header with the mechanism's OID, TOK_ID 02 01, algorithms, sequence
// number, checksum and confounder). Without the session key only the
// token's header can be read: gssWrap says where the wrapped data begins
// and whether it is sealed, and builds the "GSS-API Generic Security
// Service Application Program Interface" layer as packet-gssapi.c and
// packet-spnego.c (dissect_spnego_krb5_wrap) show it. Hand-written: no Go
// library reads these tokens without the keys.

// The token IDs (RFC 1964 §1.2, RFC 4121 §4.1), as the two bytes read
// little-endian, the way packet-spnego.c shows them ("0x0405").
const (
	krbTokWrap    = 0x0102 // 02 01
	krbTokCFXWrap = 0x0405 // 05 04
)

// RFC 1964 §1.2.2 algorithms: the checksum ("SGN_ALG") and the sealing
// ("SEAL_ALG"; 0xffff: not sealed).
const (
	krbSgnDESMACMD5 = 0x0000
	krbSgnHMAC      = 0x0011
	krbSealNone     = 0xffff
)

// RFC 4121 §4.2.2 flags.
const (
	cfxSentByAcceptor = 0x01
	cfxSealed         = 0x02
	cfxAcceptorSubkey = 0x04
)

// krb5OID is the Kerberos 5 mechanism's OID 1.2.840.113554.1.2.2 in DER.
var krb5OID = []byte{0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x12, 0x01, 0x02, 0x02}

var (
	krbSgnAlgs  = map[uint16]string{0x0000: "DES MAC MD5", 0x0001: "MD2.5", 0x0002: "DES MAC", 0x0011: "HMAC"}
	krbSealAlgs = map[uint16]string{0x0000: "DES", 0x0010: "RC4", 0xffff: "None"}
)

// gssWrapFields are the filter fields the wrap token's tree carries.
var gssWrapFields = []FieldDef{
	{Name: "gss-api", Kind: FieldProto},
	{Name: "gss-api.OID", Desc: "OID", Kind: FieldString},
	{Name: "spnego.krb5.blob", Desc: "krb5_blob", Kind: FieldBytes},
	{Name: "spnego.krb5.tok_id", Desc: "krb5_tok_id", Kind: FieldUint, Bits: 16},
	{Name: "spnego.krb5.cfx_flags", Desc: "krb5_cfx_flags", Kind: FieldUint, Bits: 8},
	{Name: "spnego.krb5.acceptor_subkey", Desc: "AcceptorSubkey", Kind: FieldBool},
	{Name: "spnego.krb5.sealed", Desc: "Sealed", Kind: FieldBool},
	{Name: "spnego.krb5.send_by_acceptor", Desc: "SendByAcceptor", Kind: FieldBool},
	{Name: "spnego.krb5.filler", Desc: "krb5_filler", Kind: FieldBytes},
	{Name: "spnego.krb5.cfx_ec", Desc: "krb5_cfx_ec", Kind: FieldUint, Bits: 16},
	{Name: "spnego.krb5.cfx_rrc", Desc: "krb5_cfx_rrc", Kind: FieldUint, Bits: 16},
	{Name: "spnego.krb5.cfx_seq", Desc: "krb5_cfx_seq", Kind: FieldUint, Bits: 64},
	{Name: "spnego.krb5.sgn_cksum", Desc: "krb5_sgn_cksum", Kind: FieldBytes},
	{Name: "spnego.krb5.sgn_alg", Desc: "krb5_sgn_alg", Kind: FieldUint, Bits: 16},
	{Name: "spnego.krb5.seal_alg", Desc: "krb5_seal_alg", Kind: FieldUint, Bits: 16},
	{Name: "spnego.krb5.snd_seq", Desc: "krb5_snd_seq", Kind: FieldBytes},
	{Name: "spnego.krb5.confounder", Desc: "krb5_confounder", Kind: FieldBytes},
	{Name: "ntlmssp.verf", Desc: "NTLMSSP Verifier", Kind: FieldLabel},
	{Name: "ntlmssp.verf.vers", Desc: "Version Number", Kind: FieldUint, Bits: 32},
	{Name: "ntlmssp.verf.body", Desc: "Verifier Body", Kind: FieldBytes},
}

// gssWrap reads the wrap token at the start of b (the SASL buffer's
// contents): verLen is the token's length, where the wrapped data begins
// (packet-gssapi.c's return value), sealed says the data is encrypted
// (privacy) rather than only signed (integrity). ok is false for what it
// does not read: another mechanism's token, or one cut short. The layer's
// offsets are relative to b.
func gssWrap(b []byte, tree bool) (layer Field, verLen int, sealed, ok bool) {
	layer = Field{Name: "gss-api", Label: "GSS-API Generic Security Service Application Program Interface", Kind: FieldProto}
	at := 0
	if len(b) > 0 && b[0] == 0x60 {
		// InitialContextToken framing (RFC 2743 §3.1): [APPLICATION 0],
		// the mechanism's OID, then the mechanism's token
		_, s, _, good := berTLV(b, 0)
		if !good || !bytes.HasPrefix(b[s:], krb5OID) {
			return layer, 0, false, false
		}
		o := s + len(krb5OID)
		layer.Children = append(layer.Children, StrField("gss-api.OID", "OID: 1.2.840.113554.1.2.2 (KRB5 - Kerberos 5)",
			s+2, len(krb5OID)-2, "1.2.840.113554.1.2.2"))
		at = o
	}
	if at == 0 && len(b) > 16 && b[0] == 1 && b[1] == 0 && b[2] == 0 && b[3] == 0 {
		// an NTLMSSP message signature (MS-NLMP §2.2.2.9) before sealed
		// data: packet-gssapi.c's "new NTLMSSP payload", always encrypted
		layer.Len = 16
		if tree {
			layer.Children = append(layer.Children, Field{Name: "ntlmssp.verf", Label: "NTLMSSP Verifier", Len: len(b), Children: []Field{
				UintField("ntlmssp.verf.vers", "Version Number: 1", 0, 4, uint64(binary.LittleEndian.Uint32(b))),
				krbBytes("ntlmssp.verf.body", "Verifier Body", b, 4, 12),
			}})
		}
		return layer, 16, true, true
	}
	if len(b)-at < 2 {
		return layer, 0, false, false
	}
	tok := binary.LittleEndian.Uint16(b[at:])
	var blob Field
	var n int
	switch {
	case tok == krbTokCFXWrap && at == 0:
		blob, n, sealed, ok = cfxWrap(b, tree)
	case tok == krbTokWrap && at > 0:
		blob, n, sealed, ok = rfc1964Wrap(b[at:], at)
	}
	if !ok {
		return layer, 0, false, false
	}
	verLen = at + n
	layer.Len = verLen
	if tree {
		layer.Children = append(layer.Children, blob)
	}
	return layer, verLen, sealed, true
}

// cfxWrap reads an RFC 4121 wrap token's 16-byte header, then, as
// dissect_spnego_krb5_cfx_wrap_base does without keys, the checksum: a
// sealed token's data begins after the encrypted header copy and checksum
// the rotation (RRC) brought to the front (44 bytes for AES plus EC); a
// signed one's checksum is EC bytes, at the front when RRC equals EC and at
// the end when RRC is 0.
func cfxWrap(b []byte, tree bool) (blob Field, n int, sealed, ok bool) {
	if len(b) < 16 {
		return blob, 0, false, false
	}
	flags := b[2]
	ec := int(binary.BigEndian.Uint16(b[4:]))
	rrc := int(binary.BigEndian.Uint16(b[6:]))
	seq := binary.BigEndian.Uint64(b[8:])
	sealed = flags&cfxSealed != 0
	n = 16
	var ck Field
	hasCk := false
	if sealed {
		n = 16 + 44 + ec
		if n > len(b) {
			return blob, 0, false, false
		}
		ck, hasCk = krbBytes("spnego.krb5.sgn_cksum", "krb5_sgn_cksum", b, 16, 44+ec), true
	} else {
		inner := len(b) - 16
		if inner > ec {
			inner -= ec
		}
		if rrc == ec {
			if 16+ec > len(b) {
				return blob, 0, false, false
			}
			ck, hasCk = krbBytes("spnego.krb5.sgn_cksum", "krb5_sgn_cksum", b, 16, ec), true
			n = 16 + ec
		}
		if rrc == 0 && n+inner+ec <= len(b) {
			ck, hasCk = krbBytes("spnego.krb5.sgn_cksum", "krb5_sgn_cksum", b, n+inner, ec), true
		}
	}
	if !tree {
		return blob, n, sealed, true
	}
	flagText := "krb5_cfx_flags: 0x" + hex.EncodeToString(b[2:3])
	for _, f := range []struct {
		bit  byte
		name string
	}{{cfxAcceptorSubkey, "AcceptorSubkey"}, {cfxSealed, "Sealed"}, {cfxSentByAcceptor, "SendByAcceptor"}} {
		if flags&f.bit != 0 {
			flagText += ", " + f.name
		}
	}
	flagField := UintField("spnego.krb5.cfx_flags", flagText, 2, 1, uint64(flags))
	for _, f := range []struct {
		bit        byte
		name, text string
	}{{cfxAcceptorSubkey, "spnego.krb5.acceptor_subkey", "AcceptorSubkey"}, {cfxSealed, "spnego.krb5.sealed", "Sealed"},
		{cfxSentByAcceptor, "spnego.krb5.send_by_acceptor", "SendByAcceptor"}} {
		flagField.Children = append(flagField.Children, Field{Name: f.name,
			Label: bitString(uint32(flags), 8, uint32(f.bit)) + " = " + f.text + ": " + setNotSet(uint32(flags), uint32(f.bit)),
			Start: 2, Len: 1, Kind: FieldBool, Num: uint64(flags&f.bit) / uint64(f.bit)})
	}
	blob = Field{Name: "spnego.krb5.blob", Label: "krb5_blob: " + hexEllipsis(b[:n]), Len: n, Kind: FieldBytes, Str: string(b[:n]),
		Children: []Field{
			UintField("spnego.krb5.tok_id", "krb5_tok_id: KRB_TOKEN_CFX_WRAP (0x0405)", 0, 2, krbTokCFXWrap),
			flagField,
			krbBytes("spnego.krb5.filler", "krb5_filler", b, 3, 1),
			UintField("spnego.krb5.cfx_ec", "krb5_cfx_ec: "+strconv.Itoa(ec), 4, 2, uint64(ec)),
			UintField("spnego.krb5.cfx_rrc", "krb5_cfx_rrc: "+strconv.Itoa(rrc), 6, 2, uint64(rrc)),
			UintField("spnego.krb5.cfx_seq", "krb5_cfx_seq: "+strconv.FormatUint(seq, 10), 8, 8, seq),
		}}
	if hasCk {
		blob.Children = append(blob.Children, ck)
	}
	return blob, n, sealed, true
}

// rfc1964Wrap reads an RFC 1964 wrap token (b starts at its TOK_ID, at
// bytes into the GSS-API token): algorithms, filler, the encrypted
// sequence number, the checksum and, for the HMAC and DES-MAC-MD5
// checksums, the confounder, after which the data begins.
func rfc1964Wrap(b []byte, at int) (blob Field, n int, sealed, ok bool) {
	if len(b) < 24 {
		return blob, 0, false, false
	}
	sgn := binary.LittleEndian.Uint16(b[2:])
	seal := binary.LittleEndian.Uint16(b[4:])
	n = 24
	if sgn == krbSgnHMAC || sgn == krbSgnDESMACMD5 {
		n = 32
		if len(b) < n {
			return blob, 0, false, false
		}
	}
	alg := func(name, label string, off int, v uint16, names map[uint16]string) Field {
		s, known := names[v]
		if !known {
			s = "Unknown"
		}
		return UintField(name, label+": "+s+" (0x"+hex.EncodeToString([]byte{byte(v >> 8), byte(v)})+")", at+off, 2, uint64(v))
	}
	blob = Field{Name: "spnego.krb5.blob", Label: "krb5_blob: " + hexEllipsis(b[:n]), Start: at, Len: n, Kind: FieldBytes, Str: string(b[:n]),
		Children: []Field{
			UintField("spnego.krb5.tok_id", "krb5_tok_id: KRB5_GSS_Wrap (0x0102)", at, 2, krbTokWrap),
			alg("spnego.krb5.sgn_alg", "krb5_sgn_alg", 2, sgn, krbSgnAlgs),
			alg("spnego.krb5.seal_alg", "krb5_seal_alg", 4, seal, krbSealAlgs),
			krbBytes("spnego.krb5.snd_seq", "krb5_snd_seq", b, 8, 8),
			krbBytes("spnego.krb5.sgn_cksum", "krb5_sgn_cksum", b, 16, 8),
		}}
	for i := range blob.Children[3:] {
		blob.Children[3+i].Start += at
	}
	if n == 32 {
		c := krbBytes("spnego.krb5.confounder", "krb5_confounder", b, 24, 8)
		c.Start += at
		blob.Children = append(blob.Children, c)
	}
	return blob, n, seal != krbSealNone, true
}

// krbBytes is a byte field labelled in hex as Wireshark's FT_BYTES.
func krbBytes(name, label string, b []byte, s, n int) Field {
	v := b[s : s+n]
	return Field{Name: name, Label: label + ": " + hexEllipsis(v), Start: s, Len: n, Kind: FieldBytes, Str: string(v)}
}
