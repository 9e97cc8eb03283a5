package decode

import (
	"encoding/binary"
	"fmt"
	"strconv"
)

// RMCP (DMTF DSP0136) on UDP 623, and RSP, its security extension, on UDP
// 664, with the two classes tshark 4.0 dissects above it: ASF (Presence
// Ping/Pong, RMCP Security-extension session messages) and IPMI over LAN
// (the IPMI v1.5 and v2.0/RMCP+ session wrappers). As packet-rmcp.c,
// packet-asf.c and packet-ipmi-session.c show them:
//
//   - RMCP: a class byte other than ASF, IPMI or OEM is not RMCP (plain
//     UDP); Protocol "RMCP", Info "Normal RMCP, Class: ASF" ("RMCP ACK"
//     for acknowledgements, which carry nothing); OEM data is left as data.
//   - ASF: Protocol "ASF", Info the message type ("Presence Pong",
//     "Unknown (0x55)"); Open Session Request/Response fields and their
//     algorithm payloads.
//   - IPMI session: Protocol "IPMI" (v1.5) or "RMCP+" (v2.0), Info "Session
//     ID 0x%x" (", payload type: RAKP Message 1" for v2.0); an unencrypted
//     IPMI message goes to tshark's IPMB dissector, which 4.0 shows as
//     "Bus command data" only, and names the Protocol "IPMB"; other
//     payloads are data.
//
// Reads past the datagram end in "[Malformed Packet]" as tshark's do: the
// ASF header (Info then "[Malformed Packet]" alone, as packet-asf.c clears
// it first), the session wrapper's fields (the RMCP Info stays), a message
// length past the datagram (the wrapper's Protocol stays), ASF session
// fields and payloads. Hand-written: gopacket has no RMCP layer.

const (
	portRMCP       = 623
	portRMCPSecure = 664
)

var rmcp = &Dissector{
	Name:    "rmcp",
	Dissect: dissectRMCP,
	Fields: []FieldDef{
		{Name: "rmcp", Desc: "Remote Management Control Protocol", Kind: FieldProto},
		{Name: "rmcp.version", Desc: "Version", Kind: FieldUint, Bits: 8},
		{Name: "rmcp.reserved", Desc: "Reserved", Kind: FieldUint, Bits: 8},
		{Name: "rmcp.sequence", Desc: "Sequence", Kind: FieldUint, Bits: 8},
		{Name: "rmcp.class", Desc: "Class", Kind: FieldUint, Bits: 8},
		{Name: "rmcp.type", Desc: "Message Type", Kind: FieldUint, Bits: 8},
		{Name: "rmcp.trailer", Desc: "RSP Trailer", Kind: FieldBytes},
		{Name: "rsp", Desc: "RMCP Security-extensions Protocol", Kind: FieldProto},
		{Name: "rsp.session_id", Desc: "Session ID", Kind: FieldUint, Bits: 32},
		{Name: "rsp.sequence", Desc: "Sequence", Kind: FieldUint, Bits: 32},
		{Name: "asf", Desc: "Alert Standard Forum", Kind: FieldProto},
		{Name: "asf.iana", Desc: "IANA Enterprise Number", Kind: FieldUint, Bits: 32},
		{Name: "asf.type", Desc: "Message Type", Kind: FieldUint, Bits: 8},
		{Name: "asf.tag", Desc: "Message Tag", Kind: FieldUint, Bits: 8},
		{Name: "asf.len", Desc: "Data Length", Kind: FieldUint, Bits: 8},
		{Name: "asf.rssp_status_code", Desc: "Status Code", Kind: FieldUint, Bits: 8},
		{Name: "asf.mgt_console_id", Desc: "Mgt Console Session ID", Kind: FieldUint, Bits: 32},
		{Name: "asf.client_id", Desc: "Managed Client Session ID", Kind: FieldUint, Bits: 32},
		{Name: "asf.payload", Desc: "Payload", Kind: FieldLabel},
		{Name: "asf.payload.type", Desc: "Payload Type", Kind: FieldUint, Bits: 8},
		{Name: "asf.payload.len", Desc: "Payload Length", Kind: FieldUint, Bits: 16},
		{Name: "asf.payload.data", Desc: "Data", Kind: FieldLabel},
		{Name: "asf.auth_alg", Desc: "Authentication Algorithm", Kind: FieldUint, Bits: 8},
		{Name: "asf.integrity_alg", Desc: "Integrity Algorithm", Kind: FieldUint, Bits: 8},
		{Name: "asf.reserved", Desc: "Reserved", Kind: FieldLabel},
		{Name: "asf.payload_too_short", Desc: "Payload length too short to include the type and length", Kind: FieldLabel},
		{Name: "ipmi_session", Desc: "Intelligent Platform Management Interface (Session Wrapper)", Kind: FieldProto},
		{Name: "ipmi_session.authtype", Desc: "Authentication Type", Kind: FieldUint, Bits: 8},
		{Name: "ipmi_session.payloadtype", Desc: "Payload Type", Kind: FieldUint, Bits: 8},
		{Name: "ipmi_session.payloadtype.auth", Desc: "Authenticated", Kind: FieldBool},
		{Name: "ipmi_session.payloadtype.enc", Desc: "Encryption", Kind: FieldBool},
		{Name: "ipmi_session.oem.iana", Desc: "OEM IANA", Kind: FieldBytes},
		{Name: "ipmi_session.oem.payloadid", Desc: "OEM Payload ID", Kind: FieldBytes},
		{Name: "ipmi_session.sequence", Desc: "Session Sequence Number", Kind: FieldUint, Bits: 32},
		{Name: "ipmi_session.id", Desc: "Session ID", Kind: FieldUint, Bits: 32},
		{Name: "ipmi_session.authcode", Desc: "Authentication Code", Kind: FieldBytes},
		{Name: "ipmi_session.msg.len", Desc: "Message Length", Kind: FieldUint, Bits: 16},
		{Name: "ipmi_session.trailer", Desc: "IPMI Session Wrapper (trailer)", Kind: FieldBytes},
		{Name: "ipmb", Desc: "Intelligent Platform Management Bus", Kind: FieldProto},
		{Name: "ipmi.bus_command_data", Desc: "Bus command data", Kind: FieldBytes},
	},
}

// rsp is RMCP on UDP 664: an 8-byte RSP header (session ID, sequence)
// before the RMCP message.
var rsp = &Dissector{Name: "rsp", Dissect: dissectRSP}

func init() {
	RegisterUDP(rmcp, portRMCP)
	RegisterUDP(rsp, portRMCPSecure)
}

const (
	rmcpClassASF  = 0x06
	rmcpClassIPMI = 0x07
	rmcpClassOEM  = 0x08
)

var rmcpClasses = map[byte]string{rmcpClassASF: "ASF", rmcpClassIPMI: "IPMI", rmcpClassOEM: "OEM"}

var asfTypes = map[byte]string{
	0x10: "Reset", 0x11: "Power-up", 0x12: "Unconditional Power-down", 0x13: "Power Cycle",
	0x40: "Presence Pong", 0x41: "Capabilities Response", 0x42: "System State Response",
	0x43: "Open Session Response", 0x44: "Close Session Response",
	0x80: "Presence Ping", 0x81: "Capabilities Request", 0x82: "System State Request",
	0x83: "Open Session Request", 0x84: "Close Session Request",
	0xc0: "RAKP Message 1", 0xc1: "RAKP Message 2", 0xc2: "RAKP Message 3",
}

var asfStatusCodes = map[byte]string{
	0: "No errors", 1: "Insufficient resources to create a session", 2: "Invalid session ID",
	3: "Invalid payload type", 4: "Invalid authentication algorithm", 5: "Invalid integrity algorithm",
	6: "No matching authentication payload", 7: "No matching integrity payload",
}

var asfPayloadTypes = map[byte]string{0: "No payload present (end of list)", 1: "Authentication algorithm payload", 2: "Integrity algorithm payload"}

var ipmiAuthTypes = map[byte]string{0: "NONE", 1: "MD2", 2: "MD5", 4: "PASSWORD", 5: "OEM", 6: "RMCP+"}

var ipmiPayloadTypes = map[byte]string{
	0x00: "IPMI Message", 0x01: "SOL (serial over LAN)", 0x02: "OEM Explicit",
	0x10: "RMCP+ Open Session Request", 0x11: "RMCP+ Open Session Response",
	0x12: "RAKP Message 1", 0x13: "RAKP Message 2", 0x14: "RAKP Message 3", 0x15: "RAKP Message 4",
	0x20: "OEM0 (OEM Payload)", 0x21: "OEM1 (OEM Payload)", 0x22: "OEM2 (OEM Payload)", 0x23: "OEM3 (OEM Payload)",
	0x24: "OEM4 (OEM Payload)", 0x25: "OEM5 (OEM Payload)", 0x26: "OEM6 (OEM Payload)", 0x27: "OEM7 (OEM Payload)",
}

// valName is a value_string lookup with val_to_str's fallback text.
func valName[K comparable](m map[K]string, k K, unknown string) string {
	if s, ok := m[k]; ok {
		return s
	}
	return unknown
}

func dissectRSP(p *PDU, out *Out) bool {
	b := p.Data
	if len(b) < 8 {
		if len(b) == 0 {
			return false
		}
		// tshark's RSP reads its header past the datagram before any
		// column is set: the UDP row ends malformed
		out.SetProto("UDP")
		out.SetInfo(fmt.Sprintf("%d → %d Len=%d%s", p.SrcPort, p.DstPort, len(b), malformedMark))
		return true
	}
	var hdr Field
	if out.WantTree {
		sid, seq := binary.BigEndian.Uint32(b), binary.BigEndian.Uint32(b[4:])
		hdr = Field{Name: "rsp", Label: "RMCP Security-extension Protocol", Len: 8, Kind: FieldProto, Children: []Field{
			UintField("rsp.session_id", fmt.Sprintf("Session ID: 0x%08x", sid), 0, 4, uint64(sid)),
			UintField("rsp.sequence", fmt.Sprintf("Sequence: 0x%08x", seq), 4, 4, uint64(seq)),
		}}
	}
	if !rmcpIs(b[8:]) {
		return false
	}
	if out.WantTree {
		out.Add(hdr)
	}
	sub := len(out.Tree)
	inner := *p
	inner.Data = b[8:]
	inner.Len = len(inner.Data)
	dissectRMCP(&inner, out)
	Shift(out.Tree[sub:], 8)
	return true
}

// rmcpIs is packet-rmcp.c's test: a class byte naming a known class.
func rmcpIs(b []byte) bool {
	if len(b) < 4 {
		return false
	}
	_, ok := rmcpClasses[b[3]&0x1f]
	return ok
}

func dissectRMCP(p *PDU, out *Out) bool {
	b := p.Data
	if !rmcpIs(b) {
		return false
	}
	class := b[3] & 0x1f
	ack := b[3]>>7 == 1
	typ := "Normal RMCP"
	if ack {
		typ = "RMCP ACK"
	}
	out.SetProto("RMCP")
	out.SetInfo(typ + ", Class: " + rmcpClasses[class])
	if out.WantTree {
		out.Add(Field{Name: "rmcp", Label: "Remote Management Control Protocol, Class: " + rmcpClasses[class], Len: 4, Kind: FieldProto, Children: []Field{
			UintField("rmcp.version", fmt.Sprintf("Version: 0x%02x", b[0]), 0, 1, uint64(b[0])),
			UintField("rmcp.reserved", fmt.Sprintf("Reserved: 0x%02x", b[1]), 1, 1, uint64(b[1])),
			UintField("rmcp.sequence", fmt.Sprintf("Sequence: 0x%02x", b[2]), 2, 1, uint64(b[2])),
			{Label: "Type: " + typ + ", Class: " + rmcpClasses[class], Start: 3, Len: 1, Children: []Field{
				UintField("rmcp.class", bitsLabel8(b[3], 0x1f, fmt.Sprintf("Class: %s (0x%02x)", rmcpClasses[class], class)), 3, 1, uint64(class)),
				UintField("rmcp.type", bitsLabel8(b[3], 0x80, fmt.Sprintf("Message Type: %s (0x%x)", typ, b[3]>>7)), 3, 1, uint64(b[3]>>7)),
			}},
		}})
	}
	if ack {
		return true // an acknowledgement carries no data
	}
	body := b[4:]
	sub := len(out.Tree)
	switch class {
	case rmcpClassASF:
		dissectASF(body, out)
	case rmcpClassIPMI:
		dissectIPMISession(body, out)
	default:
		if out.WantTree && len(body) > 0 {
			out.Add(rmcpData(body, 0))
		}
	}
	Shift(out.Tree[sub:], 4)
	return true
}

// rmcpData is the data dissector's layer over bytes no dissector took.
func rmcpData(d []byte, at int) Field {
	return Field{Label: fmt.Sprintf("Data (%d bytes)", len(d)), Start: at, Len: len(d), Kind: FieldProto, Children: []Field{
		{Name: "data.data", Label: "Data: " + hexEllipsis(d), Start: at, Len: len(d), Kind: FieldBytes, Str: string(d)},
		UintField("data.len", "Length: "+strconv.Itoa(len(d)), at, 0, uint64(len(d))),
	}}
}

// dissectASF is packet-asf.c on the bytes after the RMCP header.
func dissectASF(b []byte, out *Out) {
	out.SetProto("ASF")
	if len(b) < 8 {
		out.SetInfo(malformedMark) // the type and length read past the end
		return
	}
	typ, n := b[4], int(b[7])
	out.SetInfo(valName(asfTypes, typ, fmt.Sprintf("Unknown (0x%02x)", typ)))
	iana := binary.BigEndian.Uint32(b)
	top := Field{Name: "asf", Label: "Alert Standard Forum", Len: 8, Kind: FieldProto, Children: []Field{
		UintField("asf.iana", fmt.Sprintf("IANA Enterprise Number: %s (%d)", asfEnterprise(iana), iana), 0, 4, uint64(iana)),
		UintField("asf.type", fmt.Sprintf("Message Type: %s (0x%02x)", valName(asfTypes, typ, "Unknown"), typ), 4, 1, uint64(typ)),
		UintField("asf.tag", fmt.Sprintf("Message Tag: 0x%02x", b[5]), 5, 1, uint64(b[5])),
		UintField("asf.len", "Data Length: "+strconv.Itoa(n), 7, 1, uint64(n)),
	}}
	ok := true
	var data []Field
	if n > 0 {
		switch typ {
		case 0x83: // Open Session Request
			if len(b) < 12 {
				ok = false
				break
			}
			v := binary.BigEndian.Uint32(b[8:])
			top.Children = append(top.Children, UintField("asf.mgt_console_id", "Mgt Console Session ID: "+strconv.FormatUint(uint64(v), 10), 8, 4, uint64(v)))
			ok = asfPayloads(b, 12, n-4, &top)
		case 0x43: // Open Session Response
			// the status code, console and client IDs are read one by
			// one: what fits is shown
			if len(b) >= 9 {
				top.Children = append(top.Children, asfStatus(b[8]))
			}
			if len(b) >= 16 {
				mgt := binary.BigEndian.Uint32(b[12:])
				top.Children = append(top.Children, UintField("asf.mgt_console_id", "Mgt Console Session ID: "+strconv.FormatUint(uint64(mgt), 10), 12, 4, uint64(mgt)))
			}
			if len(b) < 20 {
				ok = false
				break
			}
			cl := binary.BigEndian.Uint32(b[16:])
			top.Children = append(top.Children, UintField("asf.client_id", "Managed Client Session ID: "+strconv.FormatUint(uint64(cl), 10), 16, 4, uint64(cl)))
			ok = asfPayloads(b, 20, n-12, &top)
		default:
			// the data dissector takes the claimed length, or what is
			// there of it
			if d := b[8:min(8+n, len(b))]; len(d) > 0 {
				data = append(data, rmcpData(d, 8))
			}
		}
	}
	if !ok {
		out.AppendInfo("", malformedMark)
	}
	if out.WantTree {
		out.Add(top)
		for _, d := range data {
			out.Add(d)
		}
	}
}

// asfEnterprise names the enterprise numbers RMCP messages carry as
// Wireshark's enterprises table does; others fall back to penName.
func asfEnterprise(n uint32) string {
	switch n {
	case 4542:
		return "Alerting Specifications Forum"
	case 7154:
		return "Intelligent Platform Management Interface forum"
	}
	return penName(n)
}

func asfStatus(c byte) Field {
	return UintField("asf.rssp_status_code", fmt.Sprintf("Status Code: %s (%d)", valName(asfStatusCodes, c, "Unknown"), c), 8, 1, uint64(c))
}

// asfPayloads walks an open-session message's algorithm payloads while n
// of its claimed bytes remain; false where a read leaves the datagram.
func asfPayloads(b []byte, off, n int, top *Field) bool {
	for n >= 4 {
		if off+4 > len(b) {
			return false
		}
		pt := b[off]
		pl := int(binary.BigEndian.Uint16(b[off+2:]))
		ptName := valName(asfPayloadTypes, pt, fmt.Sprintf("Unknown (%d)", pt))
		f := Field{Name: "asf.payload", Label: fmt.Sprintf("%s: %d bytes", ptName, pl), Start: off, Len: min(pl, len(b)-off), Kind: FieldLabel, Children: []Field{
			UintField("asf.payload.type", fmt.Sprintf("Payload Type: %s (%d)", valName(asfPayloadTypes, pt, "Unknown"), pt), off, 1, uint64(pt)),
		}}
		plen := UintField("asf.payload.len", "Payload Length: "+strconv.Itoa(pl), off+2, 2, uint64(pl))
		if off+pl > len(b) {
			// the payload's line is cut at the datagram's end, then the
			// reads of its body leave it
			f.Children = append(f.Children, plen)
			top.Children = append(top.Children, f)
			return false
		}
		if pl < 4 {
			const msg = "Payload length too short to include the type and length"
			plen.Children = []Field{
				{Name: "_ws.expert", Label: "Expert Info (Error/Malformed): " + msg, Start: off + 2, Children: []Field{{Name: "asf.payload_too_short", Label: msg}}},
				{Name: "_ws.malformed", Label: "Malformed Packet", Start: off + 2, Kind: FieldProto},
			}
			f.Children = append(f.Children, plen)
			top.Children = append(top.Children, f)
			return true
		}
		f.Children = append(f.Children, plen)
		if pt != 0 && pl > 4 {
			at, dl := off+4, pl-4
			switch pt {
			case 1, 2:
				alg := b[at]
				name, field, names := "Authentication Algorithm", "asf.auth_alg", map[byte]string{1: "RAKP-HMAC-SHA1"}
				if pt == 2 {
					name, field, names = "Integrity Algorithm", "asf.integrity_alg", map[byte]string{1: "HMAC-SHA1-96"}
				}
				f.Children = append(f.Children, Field{Name: "asf.payload.data", Label: name + ": " + valName(names, alg, fmt.Sprintf("Unknown (%d)", alg)), Start: at, Len: dl, Kind: FieldLabel, Children: []Field{
					UintField(field, fmt.Sprintf("%s: %s (%d)", name, valName(names, alg, "Unknown"), alg), at, 1, uint64(alg)),
					{Name: "asf.reserved", Label: "Reserved", Start: at + 1, Len: dl - 1, Kind: FieldLabel},
				}})
			default:
				f.Children = append(f.Children, Field{Name: "asf.payload.data", Label: "Data", Start: at, Len: dl, Kind: FieldLabel})
			}
		}
		top.Children = append(top.Children, f)
		off += pl
		n -= pl
	}
	return true
}

// dissectIPMISession is packet-ipmi-session.c on the bytes after the RMCP
// header.
func dissectIPMISession(b []byte, out *Out) {
	if len(b) == 0 {
		out.AppendInfo("", malformedMark)
		return
	}
	auth := b[0]
	rmcpp := auth == 6
	var pt byte
	var enc, authd bool
	var sid uint32
	var msgStart, msgLen int
	switch {
	case rmcpp:
		if len(b) < 2 {
			out.AppendInfo("", malformedMark)
			return
		}
		pt = b[1] & 0x3f
		enc, authd = b[1]&0x80 != 0, b[1]&0x40 != 0
		sidAt, lenAt := 2, 10
		if pt == 2 {
			sidAt, lenAt = 8, 16
		}
		if len(b) < lenAt+2 {
			out.AppendInfo("", malformedMark)
			return
		}
		sid = binary.LittleEndian.Uint32(b[sidAt:])
		msgStart, msgLen = lenAt+2, int(binary.LittleEndian.Uint16(b[lenAt:]))
	default:
		lenAt := 9
		if auth != 0 {
			lenAt = 25
		}
		if len(b) < lenAt+1 {
			out.AppendInfo("", malformedMark)
			return
		}
		sid = binary.LittleEndian.Uint32(b[5:])
		msgStart, msgLen = lenAt+1, int(b[lenAt])
	}
	if rmcpp {
		out.SetProto("RMCP+")
	} else {
		out.SetProto("IPMI")
	}
	out.SetInfo(fmt.Sprintf("Session ID 0x%x", sid))
	if rmcpp {
		out.AppendInfo("", ", payload type: "+valName(ipmiPayloadTypes, pt, "Unknown"))
	}
	if out.WantTree {
		ver := "1.5"
		if rmcpp {
			ver = "2.0+"
		}
		top := Field{Name: "ipmi_session", Label: fmt.Sprintf("IPMI v%s Session Wrapper, session ID 0x%x", ver, sid), Len: len(b), Kind: FieldProto, Children: []Field{
			UintField("ipmi_session.authtype", fmt.Sprintf("Authentication Type: %s (0x%02x)", valName(ipmiAuthTypes, auth, "Unknown"), auth), 0, 1, uint64(auth)),
		}}
		add := func(f Field) { top.Children = append(top.Children, f) }
		seqField := func(at int) Field {
			v := binary.LittleEndian.Uint32(b[at:])
			return UintField("ipmi_session.sequence", fmt.Sprintf("Session Sequence Number: 0x%08x", v), at, 4, uint64(v))
		}
		sidField := func(at int) Field {
			return UintField("ipmi_session.id", fmt.Sprintf("Session ID: 0x%08x", sid), at, 4, uint64(sid))
		}
		if rmcpp {
			name := valName(ipmiPayloadTypes, pt, "Unknown")
			not := func(set bool) string {
				if set {
					return ""
				}
				return "not "
			}
			encText, authText := "Payload is unencrypted", "Payload is unauthenticated"
			if enc {
				encText = "Payload is encrypted"
			}
			if authd {
				authText = "Payload is authenticated"
			}
			add(Field{Label: fmt.Sprintf("Payload type: %s (0x%02x), %sencrypted, %sauthenticated", name, pt, not(enc), not(authd)), Start: 1, Len: 1, Children: []Field{
				{Name: "ipmi_session.payloadtype.enc", Label: bitsLabel8(b[1], 0x80, "Encryption: "+encText), Start: 1, Len: 1, Kind: FieldBool, Num: uint64(b[1] >> 7)},
				{Name: "ipmi_session.payloadtype.auth", Label: bitsLabel8(b[1], 0x40, "Authenticated: "+authText), Start: 1, Len: 1, Kind: FieldBool, Num: uint64(b[1] >> 6 & 1)},
				UintField("ipmi_session.payloadtype", bitsLabel8(b[1], 0x3f, fmt.Sprintf("Payload Type: %s (0x%02x)", name, pt)), 1, 1, uint64(pt)),
			}})
			at := 2
			if pt == 2 {
				add(Field{Name: "ipmi_session.oem.iana", Label: fmt.Sprintf("OEM IANA: %x", b[2:6]), Start: 2, Len: 4, Kind: FieldBytes, Str: string(b[2:6])})
				add(Field{Name: "ipmi_session.oem.payloadid", Label: fmt.Sprintf("OEM Payload ID: %x", b[6:8]), Start: 6, Len: 2, Kind: FieldBytes, Str: string(b[6:8])})
				at = 8
			}
			add(sidField(at))
			add(seqField(at + 4))
			add(UintField("ipmi_session.msg.len", "Message Length: "+strconv.Itoa(msgLen), at+8, 2, uint64(msgLen)))
		} else {
			add(seqField(1))
			add(sidField(5))
			if auth != 0 {
				add(Field{Name: "ipmi_session.authcode", Label: fmt.Sprintf("Authentication Code: %x", b[9:25]), Start: 9, Len: 16, Kind: FieldBytes, Str: string(b[9:25])})
			}
			add(UintField("ipmi_session.msg.len", "Message Length: "+strconv.Itoa(msgLen), msgStart-1, 1, uint64(msgLen)))
		}
		if end := msgStart + msgLen; end < len(b) {
			add(Field{Name: "ipmi_session.trailer", Label: "IPMI Session Wrapper (trailer): " + hexEllipsis(b[end:]), Start: end, Len: len(b) - end, Kind: FieldBytes, Str: string(b[end:])})
		}
		out.Add(top)
	}
	if msgStart+msgLen > len(b) {
		// the message's bytes run past the datagram: tshark throws
		// making the wrapper's sub-tvb
		out.AppendInfo("", malformedMark)
		return
	}
	msg := b[msgStart : msgStart+msgLen]
	if !enc && (!rmcpp || pt == 0) {
		out.SetProto("IPMB")
		// tshark's IPMB layer shows a message of 7 bytes or more (a
		// header and a checksum): a shorter one only names the Protocol
		if out.WantTree && len(msg) >= 7 {
			out.Add(Field{Name: "ipmb", Label: "Intelligent Platform Management Bus", Start: msgStart, Len: len(msg), Kind: FieldProto, Children: []Field{
				{Name: "ipmi.bus_command_data", Label: "Bus command data: " + hexEllipsis(msg), Start: msgStart, Len: len(msg), Kind: FieldBytes, Str: string(msg)},
			}})
		}
	}
	if out.WantTree && len(msg) > 0 {
		out.Add(rmcpData(msg, msgStart))
	}
}
