package decode

import (
	"encoding/binary"
	"encoding/hex"
	"strconv"
)

// SSLv2 records inside the TLS dissector (packet-tls.c's
// dissect_ssl2_record): a 2-byte header (high bit set, no padding) or a
// 3-byte one (escape bit, padding length), then a message whose type is
// readable only in the clear handshake; the rest is "Encrypted Data". The
// SSLv2-compatible Client Hello that SSLv3 and TLS 1.0 clients sent is the
// common case.

// sslv2MsgType is an SSLv2 handshake message type.
type sslv2MsgType uint8

// SSLv2 message types (draft-hickman-netscape-ssl-00).
const (
	sslv2Error            sslv2MsgType = 0
	sslv2ClientHello      sslv2MsgType = 1
	sslv2ClientMasterKey  sslv2MsgType = 2
	sslv2ClientFinished   sslv2MsgType = 3
	sslv2ServerHello      sslv2MsgType = 4
	sslv2ServerVerify     sslv2MsgType = 5
	sslv2ServerFinished   sslv2MsgType = 6
	sslv2RequestCert      sslv2MsgType = 7
	sslv2ClientCert       sslv2MsgType = 8
	sslv2PCTClientMaster  sslv2MsgType = 3 // PCT_MSG_CLIENT_MASTER_KEY
	sslv2PCTError         sslv2MsgType = 5 // PCT_MSG_ERROR
	sslv2MaxRecordVersion              = 8
)

func (t sslv2MsgType) name() string {
	switch t {
	case sslv2Error:
		return "Error"
	case sslv2ClientHello:
		return "Client Hello"
	case sslv2ClientMasterKey:
		return "Client Master Key"
	case sslv2ClientFinished:
		return "Client Finished"
	case sslv2ServerHello:
		return "Server Hello"
	case sslv2ServerVerify:
		return "Server Verify"
	case sslv2ServerFinished:
		return "Server Finished"
	case sslv2RequestCert:
		return "Request Certificate"
	case sslv2ClientCert:
		return "Client Certificate"
	}
	return ""
}

// sslv2Looks is ssl_looks_like_sslv2: a 2-byte header followed by a
// handshake (or PCT) message type.
func sslv2Looks(b []byte) bool {
	if len(b) < 3 || b[0] < 0x80 {
		return false
	}
	switch sslv2MsgType(b[2]) {
	case sslv2Error, sslv2ClientHello, sslv2ClientMasterKey, sslv2ServerHello, sslv2PCTClientMaster, sslv2PCTError:
		return true
	}
	return false
}

// sslv2HeaderLen is the record header's length (2 or 3 bytes).
func sslv2HeaderLen(b []byte) int {
	if b[0]&0x80 != 0 {
		return 2
	}
	return 3
}

// sslv2RecordLen is the whole record's length, 0 when the header is not
// all there.
func sslv2RecordLen(b []byte) int {
	if len(b) == 0 {
		return 0
	}
	h := sslv2HeaderLen(b)
	if len(b) < h {
		return 0
	}
	if h == 2 {
		return h + (int(b[0]&0x7f)<<8 | int(b[1]))
	}
	return h + (int(b[0]&0x3f)<<8 | int(b[1]))
}

// sslv2ClientHelloHeuristic is is_sslv2_clienthello: an SSLv2-compatible
// Client Hello as SSLv3 and TLS clients send it (RFC 5246, appendix E.2).
func sslv2ClientHelloHeuristic(b []byte) bool {
	if len(b) < 46 || b[0] != 0x80 || b[2] != 1 {
		return false
	}
	cs := binary.BigEndian.Uint16(b[5:])
	sid := binary.BigEndian.Uint16(b[7:])
	return cs != 0 && cs%3 == 0 && (sid == 0 || sid == 16) && binary.BigEndian.Uint16(b[9:]) == 32
}

// sslv2ValidVersion is ssl_is_valid_ssl_version.
func sslv2ValidVersion(v tlsVersion) bool {
	if _, ok := v.shortName(); ok {
		return true
	}
	return v&0xff00 == 0x7f00
}

// sslv2ValidHandshake is ssl_looks_like_valid_v2_handshake: the message's
// own fields agree with a clear handshake message.
func sslv2ValidHandshake(m []byte, recLen int) bool {
	if len(m) < 1 {
		return false
	}
	switch sslv2MsgType(m[0]) {
	case sslv2ClientHello:
		return len(m) >= 3 && sslv2ValidVersion(tlsVersion(binary.BigEndian.Uint16(m[1:])))
	case sslv2ServerHello:
		return len(m) >= 5 && sslv2ValidVersion(tlsVersion(binary.BigEndian.Uint16(m[3:])))
	case sslv2ClientMasterKey:
		if len(m) < 10 {
			return false
		}
		sum := int(binary.BigEndian.Uint16(m[4:])) + int(binary.BigEndian.Uint16(m[6:])) + int(binary.BigEndian.Uint16(m[8:]))
		return sum <= recLen
	}
	return false
}

// sslv2Record dissects an SSLv2 record.
func (t *tlsOut) sslv2Record(b []byte) Field {
	st := t.st
	h := sslv2HeaderLen(b)
	recLen := sslv2RecordLen(b) - h
	m := b[h:]
	if len(m) > recLen {
		m = m[:recLen]
	}
	var msgType sslv2MsgType
	if len(m) > 0 {
		msgType = sslv2MsgType(m[0])
	}
	if st.version == tlsVersionUnknown && msgType >= sslv2ClientMasterKey && msgType <= sslv2MaxRecordVersion && len(m) > 0 {
		st.version = tlsVersionSSL2
	}
	t.setProto("SSLv2")
	vname := st.version.column()
	if st.version == tlsVersionUnknown {
		vname = "???"
	}
	rec := Field{Name: "ssl2.record", Start: 0, Len: h + recLen}
	var lenField Field
	if h == 2 {
		lenField = UintField("tls.record.length", "Length: "+strconv.Itoa(recLen), 0, 2, uint64(recLen))
		rec.Children = append(rec.Children, lenField)
	} else {
		esc := uint64(b[0] >> 6 & 1)
		rec.Children = append(rec.Children,
			UintField("tls.record.length", "Length: "+strconv.Itoa(recLen), 0, 2, uint64(recLen)),
			Field{Name: "tls.record.is_escape", Label: "Is Escape: " + strconv.FormatBool(esc == 1), Start: 0, Len: 1, Kind: FieldBool, Num: esc},
			UintField("tls.record.padding_length", "Padding Length: "+strconv.Itoa(int(b[2])), 2, 1, uint64(b[2])))
	}
	name := msgType.name()
	if name == "" || len(m) == 0 || !sslv2ValidHandshake(m, recLen) {
		t.info("Encrypted Data")
		rec.Label = vname + " Record Layer: Encrypted Data"
		rec.Children = append(rec.Children, Field{Name: "tls.record.version", Label: "Version: SSL 2.0 (0x0002)", Kind: FieldUint, Num: 2})
		return rec
	}
	t.info(name)
	rec.Label = vname + " Record Layer: " + name
	rec.Children = append(rec.Children, UintField("ssl2.handshake.type", "Handshake Message Type: "+name+" ("+strconv.Itoa(int(msgType))+")", h, 1, uint64(msgType)))
	if msgType == sslv2ClientHello && len(m) >= 11 {
		v := tlsVersion(binary.BigEndian.Uint16(m[1:]))
		csl := int(binary.BigEndian.Uint16(m[3:]))
		sidl := int(binary.BigEndian.Uint16(m[5:]))
		chl := int(binary.BigEndian.Uint16(m[7:]))
		rec.Children = append(rec.Children,
			UintField("tls.handshake.version", "Version: "+v.longName()+" ("+hex4(uint16(v))+")", h+1, 2, uint64(v)),
			UintField("ssl2.handshake.cipher_spec_len", "Cipher Spec Length: "+strconv.Itoa(csl), h+3, 2, uint64(csl)),
			UintField("tls.handshake.session_id_length", "Session ID Length: "+strconv.Itoa(sidl), h+5, 2, uint64(sidl)),
			UintField("ssl2.handshake.challenge_length", "Challenge Length: "+strconv.Itoa(chl), h+7, 2, uint64(chl)))
		if off := 9 + csl + sidl; off+chl <= len(m) && chl > 0 {
			ch := m[off : off+chl]
			rec.Children = append(rec.Children, Field{Name: "tls.handshake.challenge", Label: "Challenge: " + hex.EncodeToString(ch),
				Start: h + off, Len: chl, Kind: FieldBytes, Str: string(ch)})
		}
	}
	return rec
}
