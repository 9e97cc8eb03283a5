package decode

import (
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
)

// CoAP, the Constrained Application Protocol (RFC 7252), on UDP 5683, as
// Wireshark 4.0's packet-coap.c shows it. Info: "CON, MID:12345, GET",
// then what a media-type dissector writes for the payload (" (text/plain)",
// JSON's ", JavaScript Object Notation (application/json)" with Protocol
// "CoAP/JSON", XML's Protocol "CoAP/XML"), ", TKN:01 02", ", Block #N" or
// ", End of Block #N" (RFC 7959), the URI rebuilt from the Uri-Host,
// Uri-Port and Uri-Path options (a response takes its request's, matched by
// token) and the Uri-Query options ("?a=1&b"), and " [Retransmission]" for
// a request or response whose token and message ID were seen before.
// Details: the header, every option with its delta, length and value, the
// payload's content format, the generated request/response links.
//
// Not done: CoAP over TCP, TLS and WebSockets (RFC 8323), OSCORE (RFC 8613;
// its option is shown by name only and its payload is not handed on), the
// CBOR, COSE and LwM2M payload dissectors (which call a payload that does
// not parse [Malformed Packet]), the block reassembly's details lines.
// tshark keys a transaction on the client's address and port; ladder on
// the UDP conversation, the same thing unless a client port talks to
// several servers. Hand-written: gopacket has no CoAP layer.

const (
	portCoAP        = 5683 // tshark -G decodes: udp.port 5683 coap
	coapHeaderLen   = 4
	coapNoBlock     = ^uint32(0) // DEFAULT_COAP_BLOCK_NUMBER
	coapNoCtype     = ^uint32(0) // DEFAULT_COAP_CTYPE_VALUE
	coapMaxTokens   = 4096       // transactions a conversation remembers
	coapMaxMemo     = 1 << 16    // frames whose tracking a conversation remembers
	coapPayloadText = 79         // packet-coap.c formats the payload line into 80 bytes
)

var coap = &Dissector{
	Name:    "coap",
	Dissect: dissectCoAP,
	Fields: []FieldDef{
		{Name: "coap.version", Desc: "Version", Kind: FieldUint, Bits: 8},
		{Name: "coap.type", Desc: "Type", Kind: FieldUint, Bits: 8},
		{Name: "coap.token_len", Desc: "Token Length", Kind: FieldUint, Bits: 8},
		{Name: "coap.code", Desc: "Code", Kind: FieldUint, Bits: 8},
		{Name: "coap.mid", Desc: "Message ID", Kind: FieldUint, Bits: 16},
		{Name: "coap.token", Desc: "Token", Kind: FieldBytes},
		{Name: "coap.opt.name", Desc: "Opt Name", Kind: FieldString},
		{Name: "coap.opt.desc", Desc: "Opt Desc", Kind: FieldString},
		{Name: "coap.opt.delta", Desc: "Opt Delta", Kind: FieldUint, Bits: 8},
		{Name: "coap.opt.delta_ext", Desc: "Opt Delta extended", Kind: FieldUint, Bits: 16},
		{Name: "coap.opt.length", Desc: "Opt Length", Kind: FieldUint, Bits: 8},
		{Name: "coap.opt.length_ext", Desc: "Opt Length extended", Kind: FieldUint, Bits: 16},
		{Name: "coap.opt.end_marker", Desc: "End of options marker", Kind: FieldUint, Bits: 8},
		{Name: "coap.opt.ctype", Desc: "Content-type", Kind: FieldString},
		{Name: "coap.opt.max_age", Desc: "Max-age", Kind: FieldUint, Bits: 32},
		{Name: "coap.opt.proxy_uri", Desc: "Proxy-Uri", Kind: FieldString},
		{Name: "coap.opt.proxy_scheme", Desc: "Proxy-Scheme", Kind: FieldString},
		{Name: "coap.opt.size1", Desc: "Size1", Kind: FieldUint, Bits: 32},
		{Name: "coap.opt.etag", Desc: "Etag", Kind: FieldBytes},
		{Name: "coap.opt.uri_host", Desc: "Uri-Host", Kind: FieldString},
		{Name: "coap.opt.location_path", Desc: "Location-Path", Kind: FieldString},
		{Name: "coap.opt.uri_port", Desc: "Uri-Port", Kind: FieldUint, Bits: 16},
		{Name: "coap.opt.location_query", Desc: "Location-Query", Kind: FieldString},
		{Name: "coap.opt.uri_path", Desc: "Uri-Path", Kind: FieldString},
		{Name: "coap.opt.uri_path_recon", Desc: "Uri-Path", Kind: FieldString},
		{Name: "coap.opt.observe", Desc: "Observe", Kind: FieldUint, Bits: 32},
		{Name: "coap.opt.hop_limit", Desc: "Hop Limit", Kind: FieldUint, Bits: 8},
		{Name: "coap.opt.accept", Desc: "Accept", Kind: FieldString},
		{Name: "coap.opt.if_match", Desc: "If-Match", Kind: FieldBytes},
		{Name: "coap.opt.block_number", Desc: "Block Number", Kind: FieldUint, Bits: 32},
		{Name: "coap.opt.block_mflag", Desc: "More Flag", Kind: FieldUint, Bits: 8},
		{Name: "coap.opt.block_size", Desc: "Encoded Block Size", Kind: FieldUint, Bits: 8},
		{Name: "coap.opt.uri_query", Desc: "Uri-Query", Kind: FieldString},
		{Name: "coap.opt.unknown", Desc: "Unknown", Kind: FieldBytes},
		{Name: "coap.payload", Desc: "Payload", Kind: FieldString},
		{Name: "coap.payload_desc", Desc: "Payload Desc", Kind: FieldString},
		{Name: "coap.payload_length", Desc: "Payload Length", Kind: FieldUint, Bits: 32},
		{Name: "coap.block_payload", Desc: "Block Payload", Kind: FieldBytes},
		{Name: "coap.block_length", Desc: "Block Length", Kind: FieldUint, Bits: 32},
		{Name: "coap.response_in", Desc: "Response In", Kind: FieldUint, Bits: 32},
		{Name: "coap.response_to", Desc: "Request In", Kind: FieldUint, Bits: 32},
		{Name: "coap.request_first_in", Desc: "Retransmission of request in", Kind: FieldUint, Bits: 32},
		{Name: "coap.response_first_in", Desc: "Retransmission of response in", Kind: FieldUint, Bits: 32},
	},
}

func init() { RegisterUDP(coap, portCoAP) }

var coapTypeShort = [4]string{"CON", "NON", "ACK", "RST"}
var coapTypeLong = [4]string{"Confirmable", "Non-Confirmable", "Acknowledgement", "Reset"}

// coapCodes is packet-coap.c's vals_code.
var coapCodes = map[byte]string{
	0: "Empty Message", 1: "GET", 2: "POST", 3: "PUT", 4: "DELETE", 5: "FETCH", 6: "PATCH", 7: "iPATCH",
	65: "2.01 Created", 66: "2.02 Deleted", 67: "2.03 Valid", 68: "2.04 Changed", 69: "2.05 Content", 95: "2.31 Continue",
	128: "4.00 Bad Request", 129: "4.01 Unauthorized", 130: "4.02 Bad Option", 131: "4.03 Forbidden",
	132: "4.04 Not Found", 133: "4.05 Method Not Allowed", 134: "4.06 Not Acceptable",
	136: "4.08 Request Entity Incomplete", 137: "4.09 Conflict", 140: "4.12 Precondition Failed",
	141: "4.13 Request Entity Too Large", 143: "4.15 Unsupported Content-Format", 150: "4.22 Unprocessable Entity",
	157: "4.29 Too Many Requests", 160: "5.00 Internal Server Error", 161: "5.01 Not Implemented",
	162: "5.02 Bad Gateway", 163: "5.03 Service Unavailable", 164: "5.04 Gateway Timeout",
	165: "5.05 Proxying Not Supported", 168: "5.08 Hop Limit Reached",
	225: "7.01 CSM", 226: "7.02 Ping", 227: "7.03 Pong", 228: "7.04 Release", 229: "7.05 Abort",
}

// CoAP option numbers (RFC 7252 §5.10 and later RFCs) packet-coap.c knows.
const (
	coapOptIfMatch       = 1
	coapOptURIHost       = 3
	coapOptETag          = 4
	coapOptIfNoneMatch   = 5
	coapOptObserve       = 6
	coapOptURIPort       = 7
	coapOptLocationPath  = 8
	coapOptOSCORE        = 9
	coapOptURIPath       = 11
	coapOptContentFormat = 12
	coapOptMaxAge        = 14
	coapOptURIQuery      = 15
	coapOptHopLimit      = 16
	coapOptAccept        = 17
	coapOptLocationQuery = 20
	coapOptBlock2        = 23
	coapOptBlock1        = 27
	coapOptSize2         = 28
	coapOptProxyURI      = 35
	coapOptProxyScheme   = 39
	coapOptSize1         = 60
)

var coapOptNames = map[uint32]string{
	coapOptIfMatch: "If-Match", coapOptURIHost: "Uri-Host", coapOptETag: "Etag", coapOptIfNoneMatch: "If-None-Match",
	coapOptURIPort: "Uri-Port", coapOptLocationPath: "Location-Path", coapOptOSCORE: "OSCORE", coapOptURIPath: "Uri-Path",
	coapOptContentFormat: "Content-Format", coapOptMaxAge: "Max-age", coapOptURIQuery: "Uri-Query",
	coapOptHopLimit: "Hop-Limit", coapOptAccept: "Accept", coapOptLocationQuery: "Location-Query",
	coapOptProxyURI: "Proxy-Uri", coapOptProxyScheme: "Proxy-Scheme", coapOptSize1: "Size1", coapOptObserve: "Observe",
	coapOptBlock2: "Block2", coapOptBlock1: "Block1", coapOptSize2: "Size2",
}

// coapContentFormats is packet-coap.c's vals_ctype.
var coapContentFormats = map[uint32]string{
	0: "text/plain; charset=utf-8", 40: "application/link-format", 41: "application/xml", 42: "application/octet-stream",
	47: "application/exi", 50: "application/json", 51: "application/json-patch+json", 52: "application/merge-patch+json",
	60: "application/cbor", 61: "application/cwt", 62: "application/multipart-core",
	96: `application/cose; cose-type="cose-encrypt"`, 97: `application/cose; cose-type="cose-mac"`,
	98: `application/cose; cose-type="cose-sign"`, 101: "application/cose-key", 102: "application/cose-key-set",
	110: "application/senml+json", 111: "application/sensml+json", 112: "application/senml+cbor",
	113: "application/sensml+cbor", 114: "application/senml-exi", 115: "application/sensml-exi",
	256: "application/coap-group+json", 271: "application/dots+cbor", 272: "application/missing-blocks+cbor-seq",
	280: "application/pkcs7-mime; smime-type=server-generated-key", 281: "application/pkcs7-mime; smime-type=certs-only",
	284: "application/pkcs8", 285: "application/csrattrs", 286: "application/pkcs10", 287: "application/pkix-cert",
	310: "application/senml+xml", 311: "application/sensml+xml", 320: "application/senml-etch+json",
	322: "application/senml-etch+cbor", 432: "application/td+json", 1542: "application/vnd.oma.lwm2m+tlv",
	1543: "application/vnd.oma.lwm2m+json", 10000: "application/vnd.ocf+cbor", 10001: "application/oscore",
	11542: "application/vnd.oma.lwm2m+tlv", 11543: "application/vnd.oma.lwm2m+json",
}

func coapContentFormat(v uint32) string {
	if s, ok := coapContentFormats[v]; ok {
		return s
	}
	return fmt.Sprintf("Unknown Type %d", v)
}

func coapCodeName(c byte) string {
	if s, ok := coapCodes[c]; ok {
		return s
	}
	return fmt.Sprintf("Unknown %d", c)
}

// coapUint is coap_get_opt_uint: a big-endian value of 0 to 4 bytes; a
// longer option reads as -1.
func coapUint(b []byte) int32 {
	switch len(b) {
	case 0:
		return 0
	case 1, 2, 3, 4:
		var v uint32
		for _, c := range b {
			v = v<<8 | uint32(c)
		}
		return int32(v)
	}
	return -1
}

// coapASCII is a string option as ENC_ASCII reads it: bytes above 0x7f
// become U+FFFD.
func coapASCII(b []byte) string {
	var sb strings.Builder
	for _, c := range b {
		if c >= 0x80 {
			sb.WriteRune('\uFFFD')
		} else {
			sb.WriteByte(c)
		}
	}
	return sb.String()
}

// coapHexPunct is tvb_bytes_to_str_punct(..., ' '): "01 02 03".
func coapHexPunct(b []byte) string {
	var sb strings.Builder
	for i, c := range b {
		if i > 0 {
			sb.WriteByte(' ')
		}
		sb.WriteString(hex.EncodeToString([]byte{c}))
	}
	return sb.String()
}

// coapMsg is what one message's header and options said.
type coapMsg struct {
	ttype, code, class byte
	mid                uint16
	token              []byte
	ctype              uint32 // coapNoCtype when no Content-Format option
	ctypeStr           string
	blockOpt           int // 1 or 2: the last block option seen
	blockNum           uint32
	blockMore          bool
	uri, query         strings.Builder
	payloadAt          int // -1: no payload
	optFail            bool
	malformed          bool
	tree               []Field
}

// coapTrack is what the conversation's tracking found for one message.
type coapTrack struct {
	uri                 string // the request's URI, for a response
	hasURI              bool
	linked              bool  // a request/response entry exists
	reqFrame, rspFrame  int   // 1-based, 0: none
	reqTime             int64 // of reqFrame
	retransmitted       bool
	blockComplete       bool // the block payload completes a reassembly
	firstOf, firstOfRsp int
}

type coapTrans struct {
	created int // frame of the request that made it
	uri     string
	mids    map[uint16]*coapReqRsp
}

type coapReqRsp struct {
	reqFrame, rspFrame int // 1-based, 0: none
	reqTime            int64
}

type coapBlockSeen struct {
	num  uint32
	more bool
}

// coapConv is the conversation's state, built in frame order by the walk:
// the transactions by token, the blocks of each direction since the last
// reassembled body, and what each frame's tracking found, so that a frame
// dissected again for its details reads as it did in the walk.
type coapConv struct {
	last   int
	trans  map[string]*coapTrans
	blocks [2][]coapBlockSeen
	memo   map[int]coapTrack
}

func dissectCoAP(p *PDU, out *Out) bool {
	b := p.Data
	out.SetProto("CoAP")
	if len(b) < coapHeaderLen {
		out.SetInfo(malformedMark)
		if out.WantTree {
			out.Add(Field{Name: "coap", Label: "Constrained Application Protocol", Len: len(b), Kind: FieldProto})
		}
		return true
	}
	m := coapMsg{ttype: b[0] >> 4 & 3, code: b[1], mid: binary.BigEndian.Uint16(b[2:]), ctype: coapNoCtype, blockNum: coapNoBlock, payloadAt: -1}
	m.class = m.code >> 5
	out.SetInfo(fmt.Sprintf("%s, MID:%d, %s", coapTypeShort[m.ttype], m.mid, coapCodeName(m.code)))
	tkl := int(b[0] & 0x0f)
	if out.WantTree {
		m.tree = []Field{
			UintField("coap.version", bitString(uint32(b[0]), 8, 0xc0)+" = Version: "+strconv.Itoa(int(b[0]>>6)), 0, 1, uint64(b[0]>>6)),
			UintField("coap.type", fmt.Sprintf("%s = Type: %s (%d)", bitString(uint32(b[0]), 8, 0x30), coapTypeLong[m.ttype], m.ttype), 0, 1, uint64(m.ttype)),
			UintField("coap.token_len", bitString(uint32(b[0]), 8, 0x0f)+" = Token Length: "+strconv.Itoa(tkl), 0, 1, uint64(tkl)),
			UintField("coap.code", fmt.Sprintf("Code: %s (%d)", coapCodeLabel(m.code), m.code), 1, 1, uint64(m.code)),
			UintField("coap.mid", "Message ID: "+strconv.Itoa(int(m.mid)), 2, 2, uint64(m.mid)),
		}
	}
	proto := func() {
		if out.WantTree {
			out.Add(Field{Name: "coap", Label: fmt.Sprintf("Constrained Application Protocol, %s, %s, MID:%d", coapTypeLong[m.ttype], coapCodeName(m.code), m.mid),
				Len: len(b), Kind: FieldProto, Children: m.tree})
		}
	}
	off := coapHeaderLen
	if tkl > 0 {
		if off+tkl > len(b) {
			out.AppendInfo("", malformedMark)
			proto()
			return true
		}
		m.token = b[off : off+tkl]
		if out.WantTree {
			m.tree = append(m.tree, Field{Name: "coap.token", Label: "Token: " + hex.EncodeToString(m.token), Start: off, Len: tkl, Kind: FieldBytes, Str: string(m.token)})
		}
		off += tkl
	}
	off = m.options(b, off, out.WantTree)
	if m.malformed {
		out.AppendInfo("", malformedMark)
		proto()
		return true
	}
	if m.optFail {
		proto()
		return true
	}
	if off < len(b) {
		m.payloadAt = off
	}
	tr := coapTracking(p, &m)
	if tr.hasURI {
		m.uri.Reset()
		m.uri.WriteString(tr.uri)
	}
	if m.payloadAt >= 0 {
		pay := b[m.payloadAt:]
		if m.blockNum == coapNoBlock {
			m.payload(pay, m.payloadAt, len(pay), out)
		} else {
			if out.WantTree {
				m.tree = append(m.tree,
					Field{Name: "coap.block_payload", Label: "Block Payload", Start: m.payloadAt, Len: len(pay), Kind: FieldBytes, Str: string(pay)},
					UintField("coap.block_length", "Block Length: "+strconv.Itoa(len(pay)), m.payloadAt, 0, uint64(len(pay))))
			}
			if tr.blockComplete {
				// the reassembled body is dissected as the last block's
				// content format says; its details lines are not shown
				m.payload(nil, 0, 0, out)
			}
		}
	}
	if m.token != nil {
		out.AppendInfo("", ", TKN:"+coapHexPunct(m.token))
	}
	if m.blockNum != coapNoBlock {
		mUsed := (m.blockOpt == 1 && m.class == 0) || (m.blockOpt == 2 && m.class >= 2 && m.class <= 5)
		end := ""
		if !m.blockMore && mUsed {
			end = "End of "
		}
		out.AppendInfo("", fmt.Sprintf(", %sBlock #%d", end, m.blockNum))
	}
	if m.uri.Len() > 0 {
		u := formatText([]byte(m.uri.String()))
		out.AppendInfo("", ", "+u)
		if out.WantTree {
			m.tree = append(m.tree, StrField("coap.opt.uri_path_recon", "Uri-Path: "+u, 0, 0, m.uri.String()))
		}
	}
	if m.query.Len() > 0 {
		out.AppendInfo("", formatText([]byte(m.query.String())))
	}
	if tr.linked {
		switch {
		case m.class == 0:
			if tr.rspFrame > 0 && out.WantTree {
				m.tree = append(m.tree, UintField("coap.response_in", "Response In: "+strconv.Itoa(tr.rspFrame), 0, 0, uint64(tr.rspFrame)))
			}
			if m.ttype <= 1 && tr.retransmitted {
				out.AppendInfo("", " [Retransmission]")
				if out.WantTree {
					m.tree = append(m.tree, UintField("coap.request_first_in", "Retransmission of request in: "+strconv.Itoa(tr.reqFrame), 0, 0, uint64(tr.reqFrame)))
				}
			}
		case m.class >= 2 && m.class <= 5:
			if tr.reqFrame > 0 && out.WantTree {
				m.tree = append(m.tree, UintField("coap.response_to", "Request In: "+strconv.Itoa(tr.reqFrame), 0, 0, uint64(tr.reqFrame)),
					Field{Label: fmt.Sprintf("Response Time: %s seconds", coapSeconds(p.Time-tr.reqTime))})
			}
			if m.ttype <= 1 && tr.retransmitted {
				out.AppendInfo("", " [Retransmission]")
				if out.WantTree {
					m.tree = append(m.tree, UintField("coap.response_first_in", "Retransmission of response in: "+strconv.Itoa(tr.rspFrame), 0, 0, uint64(tr.rspFrame)))
				}
			}
		}
	}
	proto()
	return true
}

// coapSeconds prints a duration in ns as Wireshark's relative times read:
// "0.000125000".
func coapSeconds(ns int64) string {
	neg := ""
	if ns < 0 {
		neg, ns = "-", -ns
	}
	return fmt.Sprintf("%s%d.%09d", neg, ns/1e9, ns%1e9)
}

// coapCodeLabel is the code's name in its tree line: value_string_ext's
// "Unknown" for codes it does not name.
func coapCodeLabel(c byte) string {
	if s, ok := coapCodes[c]; ok {
		return s
	}
	return "Unknown"
}

// options reads the options from off to the payload marker or the end
// (dissect_coap_options) and returns where the payload begins. An option
// whose value runs past the message, or a nibble of 15, ends the reading
// (optFail: tshark then stops dissecting the message); an extended delta
// or length cut by the end throws (malformed).
func (m *coapMsg) options(b []byte, off int, tree bool) int {
	var num uint32
	for i := 1; off < len(b); i++ {
		start := off
		jump := b[off]
		if jump == 0xff {
			// a payload marker right after the token
			if tree {
				m.tree = append(m.tree, UintField("coap.opt.end_marker", "End of options marker: 255", off, 1, 255))
			}
			off++
			break
		}
		off++
		var delta, length uint32
		dExtAt, dExtLen, lExtAt, lExtLen := 0, 0, 0, 0
		switch jump >> 4 {
		case 13:
			if off+1 > len(b) {
				m.malformed = true
				return off
			}
			delta, dExtAt, dExtLen = 13+uint32(b[off]), off, 1
			off++
		case 14:
			if off+2 > len(b) {
				m.malformed = true
				return off
			}
			delta, dExtAt, dExtLen = 269+uint32(binary.BigEndian.Uint16(b[off:])), off, 2
			off += 2
		case 15:
			m.optFail = true
			return off
		default:
			delta = uint32(jump >> 4)
		}
		num += delta
		switch jump & 0x0f {
		case 13:
			if off+1 > len(b) {
				m.malformed = true
				return off
			}
			length, lExtAt, lExtLen = 13+uint32(b[off]), off, 1
			off++
		case 14:
			if off+2 > len(b) {
				m.malformed = true
				return off
			}
			length, lExtAt, lExtLen = 269+uint32(binary.BigEndian.Uint16(b[off:])), off, 2
			off += 2
		case 15:
			m.optFail = true
			return off
		default:
			length = uint32(jump & 0x0f)
		}
		if int(length) > len(b)-off {
			m.optFail = true
			return off
		}
		v := b[off : off+int(length)]
		f := m.option(num, v, off, tree)
		if tree {
			name, ok := coapOptNames[num]
			if !ok {
				if num%14 == 0 {
					name = "No-Op"
				} else {
					name = fmt.Sprintf("Unknown Option (%d)", num)
				}
			}
			head := fmt.Sprintf("#%d: %s", i, name)
			span := off + int(length) - start
			crit, safe, nck := "Elective", "Safe", ""
			if num&1 != 0 {
				crit = "Critical"
			}
			if num&2 != 0 {
				safe = "Unsafe"
			}
			if num&0x1e == 0x1c {
				nck = ", NoCacheKey"
			}
			desc := fmt.Sprintf("Type %d, %s, %s%s", num, crit, safe, nck)
			kids := []Field{
				StrField("coap.opt.desc", "Opt Desc: "+desc, start, span, desc),
				UintField("coap.opt.delta", bitString(uint32(jump), 8, 0xf0)+" = Opt Delta: "+strconv.Itoa(int(jump>>4)), start, 1, uint64(jump>>4)),
				UintField("coap.opt.length", bitString(uint32(jump), 8, 0x0f)+" = Opt Length: "+strconv.Itoa(int(jump&15)), start, 1, uint64(jump&15)),
			}
			if dExtLen > 0 {
				x := coapUint(b[dExtAt : dExtAt+dExtLen])
				kids = append(kids, UintField("coap.opt.delta_ext", "Opt Delta extended: "+strconv.Itoa(int(x)), dExtAt, dExtLen, uint64(x)))
			}
			if lExtLen > 0 {
				x := coapUint(b[lExtAt : lExtAt+lExtLen])
				kids = append(kids, UintField("coap.opt.length_ext", "Opt Length extended: "+strconv.Itoa(int(x)), lExtAt, lExtLen, uint64(x)))
			}
			label := "Opt Name: " + head + f.head
			if num == coapOptOSCORE {
				label = "" // the OSCORE option's summary is not written: no line
			}
			if label != "" {
				kids = append(kids, f.kids...)
				m.tree = append(m.tree, Field{Name: "coap.opt.name", Label: label, Start: start, Len: span, Kind: FieldString, Str: head, Children: kids})
			}
		}
		off += int(length)
		if off >= len(b) {
			break
		}
		if b[off] == 0xff {
			if tree {
				m.tree = append(m.tree, UintField("coap.opt.end_marker", "End of options marker: 255", off, 1, 255))
			}
			off++
			break
		}
	}
	return off
}

// coapOptValue is an option's value lines and the text its head line
// ends with (": text/plain; charset=utf-8").
type coapOptValue struct {
	head string
	kids []Field
}

// option reads one option's value v at off into m (URI, content format,
// block) and returns its tree lines.
func (m *coapMsg) option(num uint32, v []byte, off int, tree bool) coapOptValue {
	var r coapOptValue
	n := len(v)
	str := func(name, title string) string {
		s := coapASCII(v)
		shown := "(null)"
		if n > 0 {
			shown = formatText([]byte(s))
		}
		r.head = ": " + shown
		if tree && n > 0 {
			r.kids = append(r.kids, StrField(name, title+": "+formatText([]byte(s)), off, n, s))
		}
		return s
	}
	uint := func(name, title string) uint32 {
		x := uint32(coapUint(v))
		r.head = ": " + strconv.FormatUint(uint64(x), 10)
		if tree && n <= 4 {
			r.kids = append(r.kids, UintField(name, title+": "+strconv.FormatUint(uint64(x), 10), off, n, uint64(x)))
		}
		return x
	}
	hexStr := func(name, title string) {
		if n == 0 {
			r.head = ": (null)"
			return
		}
		r.head = ": " + coapHexPunct(v)
		if tree {
			r.kids = append(r.kids, Field{Name: name, Label: title + ": " + hex.EncodeToString(v), Start: off, Len: n, Kind: FieldBytes, Str: string(v)})
		}
	}
	switch num {
	case coapOptContentFormat:
		m.ctype = uint32(coapUint(v))
		m.ctypeStr = coapContentFormat(m.ctype)
		r.head = ": " + m.ctypeStr
		if tree {
			r.kids = append(r.kids, StrField("coap.opt.ctype", "Content-type: "+m.ctypeStr, off, n, m.ctypeStr))
		}
	case coapOptMaxAge:
		uint("coap.opt.max_age", "Max-age")
	case coapOptProxyURI:
		str("coap.opt.proxy_uri", "Proxy-Uri")
	case coapOptProxyScheme:
		str("coap.opt.proxy_scheme", "Proxy-Scheme")
	case coapOptSize1:
		uint("coap.opt.size1", "Size1")
	case coapOptETag:
		hexStr("coap.opt.etag", "Etag")
	case coapOptURIHost:
		s := coapASCII(v)
		r.head = ": " + formatText([]byte(s))
		if tree && n > 0 {
			r.kids = append(r.kids, StrField("coap.opt.uri_host", "Uri-Host: "+formatText([]byte(s)), off, n, s))
		}
		if strings.Contains(s, ":") {
			m.uri.WriteString("coap://[" + s + "]")
		} else {
			m.uri.WriteString("coap://" + s)
		}
	case coapOptLocationPath:
		str("coap.opt.location_path", "Location-Path")
	case coapOptURIPort:
		x := uint32(coapUint(v))
		r.head = ": " + strconv.FormatUint(uint64(x), 10)
		if tree && n <= 2 {
			r.kids = append(r.kids, UintField("coap.opt.uri_port", "Uri-Port: "+strconv.FormatUint(uint64(x), 10), off, n, uint64(x)))
		}
		m.uri.WriteString(":" + strconv.FormatUint(uint64(x), 10))
	case coapOptLocationQuery:
		str("coap.opt.location_query", "Location-Query")
	case coapOptURIPath:
		m.uri.WriteByte('/')
		m.uri.WriteString(str("coap.opt.uri_path", "Uri-Path"))
	case coapOptObserve:
		x := uint32(coapUint(v))
		r.head = ": " + strconv.FormatUint(uint64(x), 10)
		if tree && n <= 4 {
			label := "Observe sequence number: " + strconv.FormatUint(uint64(x), 10)
			if m.class == 0 {
				name := "Unknown"
				switch x {
				case 0:
					name = "Register"
				case 1:
					name = "Deregister"
				}
				label = fmt.Sprintf("Observe: %s (%d)", name, x)
			}
			r.kids = append(r.kids, UintField("coap.opt.observe", label, off, n, uint64(x)))
		}
	case coapOptHopLimit:
		x := uint32(coapUint(v))
		r.head = ": " + strconv.FormatUint(uint64(x), 10)
		if tree && n <= 1 {
			r.kids = append(r.kids, UintField("coap.opt.hop_limit", "Hop Limit: "+strconv.FormatUint(uint64(x), 10), off, n, uint64(x)))
		}
	case coapOptAccept:
		s := "(null)"
		if n > 0 {
			s = coapContentFormat(uint32(coapUint(v)))
		}
		r.head = ": " + s
		if tree {
			r.kids = append(r.kids, StrField("coap.opt.accept", "Accept: "+s, off, n, s))
		}
	case coapOptIfMatch:
		hexStr("coap.opt.if_match", "If-Match")
	case coapOptURIQuery:
		if m.query.Len() == 0 {
			m.query.WriteByte('?')
		} else {
			m.query.WriteByte('&')
		}
		m.query.WriteString(str("coap.opt.uri_query", "Uri-Query"))
	case coapOptBlock1, coapOptBlock2:
		m.blockOpt = 1
		if num == coapOptBlock2 {
			m.blockOpt = 2
		}
		var val byte
		if n == 0 {
			m.blockNum = 0
		} else {
			m.blockNum = uint32(coapUint(v) >> 4)
			val = v[n-1] & 0x0f
		}
		m.blockMore = val&0x08 != 0
		mf := 0
		if m.blockMore {
			mf = 1
		}
		szx := uint32(val & 7)
		size := uint32(1) << (szx + 4)
		r.head = fmt.Sprintf(": NUM:%d, M:%d, SZX:%d", m.blockNum, mf, size)
		if tree && n > 0 && n <= 3 {
			r.kids = append(r.kids,
				UintField("coap.opt.block_number", "Block Number: "+strconv.FormatUint(uint64(m.blockNum), 10), off, n, uint64(m.blockNum)),
				UintField("coap.opt.block_mflag", bitString(uint32(val), 8, 0x08)+" = More Flag: "+strconv.Itoa(mf), off+n-1, 1, uint64(mf)),
				UintField("coap.opt.block_size", fmt.Sprintf("Block Size: %d (%d encoded)", size, szx), off+n-1, 1, uint64(szx)))
		}
	case coapOptIfNoneMatch:
	case coapOptSize2:
		x := uint32(coapUint(v))
		r.head = ": " + strconv.FormatUint(uint64(x), 10)
		if tree && n == 1 {
			r.kids = append(r.kids, UintField("coap.opt.block_size", bitString(x, 8, 7)+" = Encoded Block Size: "+strconv.Itoa(int(x&7)), off, n, uint64(x&7)))
		}
	case coapOptOSCORE:
	default:
		if n == 0 {
			r.head = ": (null)"
			break
		}
		r.head = ": " + coapHexPunct(v)
		if tree {
			r.kids = append(r.kids, Field{Name: "coap.opt.unknown", Label: "Unknown: " + hex.EncodeToString(v), Start: off, Len: n, Kind: FieldBytes, Str: string(v)})
		}
	}
	return r
}

// payload is dissect_coap_payload: the payload's line (pay at off, n bytes;
// none for a reassembled body) and what the media-type dissector its
// content format names writes in the columns.
func (m *coapMsg) payload(pay []byte, off, n int, out *Out) {
	ctypeStr, dis := m.ctypeStr, m.ctypeStr
	switch {
	case m.ctype == coapNoCtype && m.class >= 4 && m.class <= 5:
		ctypeStr, dis = "text/plain; charset=utf-8", "text/plain"
	case m.ctype == coapNoCtype:
		ctypeStr, dis = "application/octet-stream", "application/octet-stream"
	case m.ctype == 0:
		dis = "text/plain"
	}
	if pay != nil && out.WantTree {
		none := ""
		if m.ctype == coapNoCtype {
			none = " (no Content-Format)"
		}
		s := fmt.Sprintf("Payload Content-Format: %s%s, Length: %d", ctypeStr, none, n)
		if len(s) > coapPayloadText {
			s = s[:coapPayloadText]
		}
		m.tree = append(m.tree, Field{Name: "coap.payload", Label: "Payload: " + s, Start: off, Len: n, Kind: FieldString, Str: s,
			Children: []Field{
				StrField("coap.payload_desc", "Payload Desc: "+ctypeStr, off, 0, ctypeStr),
				UintField("coap.payload_length", "Payload Length: "+strconv.Itoa(n), off, 0, uint64(n)),
			}})
	}
	switch dis {
	case "text/plain":
		out.AppendInfo("", " (text/plain)")
	case "application/json", "application/json-patch+json", "application/merge-patch+json", "application/senml+json",
		"application/sensml+json", "application/vnd.oma.lwm2m+json":
		out.SetProto("CoAP/JSON")
		out.AppendInfo(", ", "JavaScript Object Notation ("+dis+")")
	case "application/xml":
		out.SetProto("CoAP/XML")
	}
}

// coapTracking matches requests and responses by token and message ID as
// packet-coap.c's conversation does, and follows the blocks of a
// block-wise transfer to the one that completes it. The walk dissects a
// conversation's frames in order and each frame's result is kept, so a
// frame dissected again (for its details) gets the same answer.
func coapTracking(p *PDU, m *coapMsg) coapTrack {
	var tr coapTrack
	if p.Conv == nil {
		// outside a walk: a lone last block with no earlier ones
		// completes at once
		tr.blockComplete = m.payloadAt >= 0 && m.blockNum == 0 && !m.blockMore
		return tr
	}
	st, _ := p.Conv.State.(*coapConv)
	if st == nil {
		st = &coapConv{last: -1, trans: map[string]*coapTrans{}, memo: map[int]coapTrack{}}
		p.Conv.State = st
	}
	if p.Frame <= st.last {
		return st.memo[p.Frame]
	}
	st.last = p.Frame
	frame := p.Frame + 1
	if m.token != nil && m.code != 0 {
		tok := string(m.token)
		t := st.trans[tok]
		if t == nil && m.class == 0 && len(st.trans) < coapMaxTokens {
			t = &coapTrans{created: frame, uri: m.uri.String(), mids: map[uint16]*coapReqRsp{}}
			st.trans[tok] = t
		} else if t != nil && m.class >= 2 && m.class <= 5 {
			tr.uri, tr.hasURI = t.uri, true
		}
		if t != nil {
			rr := t.mids[m.mid]
			if rr == nil && len(t.mids) < coapMaxTokens {
				rr = &coapReqRsp{}
				t.mids[m.mid] = rr
			}
			if rr != nil {
				if m.class == 0 && rr.reqFrame == 0 {
					rr.reqFrame, rr.reqTime = frame, p.Time
				} else if m.class >= 2 && m.class <= 5 && rr.rspFrame == 0 {
					rr.rspFrame = frame
				}
				tr.linked = true
				tr.reqFrame, tr.rspFrame, tr.reqTime = rr.reqFrame, rr.rspFrame, rr.reqTime
				if m.class == 0 {
					tr.retransmitted = rr.reqFrame != frame
				} else {
					tr.retransmitted = rr.rspFrame != frame
				}
			}
		}
	}
	if m.payloadAt >= 0 && m.blockNum != coapNoBlock {
		seen := append(st.blocks[p.Dir&1], coapBlockSeen{num: m.blockNum, more: m.blockMore})
		tr.blockComplete = coapBlocksComplete(seen)
		if tr.blockComplete || len(seen) > 1024 {
			seen = seen[:0]
		}
		st.blocks[p.Dir&1] = seen
	}
	if len(st.memo) < coapMaxMemo {
		st.memo[p.Frame] = tr
	}
	return tr
}

// coapBlocksComplete says whether the blocks seen since the last
// reassembled body hold a last block (M clear) and every block before it.
func coapBlocksComplete(seen []coapBlockSeen) bool {
	last := int64(-1)
	for _, s := range seen {
		if !s.more && int64(s.num) > last {
			last = int64(s.num)
		}
	}
	if last < 0 || last >= int64(len(seen)) {
		return false
	}
	have := make([]bool, last+1)
	for _, s := range seen {
		if int64(s.num) <= last {
			have[s.num] = true
		}
	}
	for _, h := range have {
		if !h {
			return false
		}
	}
	return true
}
