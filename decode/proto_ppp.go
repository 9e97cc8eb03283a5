package decode

import (
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"net/netip"
	"strconv"
)

// PPP's control protocols (RFC 1661 LCP, RFC 1332 IPCP, RFC 5072 IPV6CP,
// RFC 1962 CCP) and authentication (RFC 1334 PAP, RFC 1994 CHAP) as
// Wireshark 4.0 shows them inside PPPoE sessions, GRE (PPTP) and PPP
// links: the Protocol column "PPP LCP", "PPP IPCP"..., the Info the code's
// name, PAP and CHAP adding the peer, password, name or message. The
// headers parser (tunnel.go) hands over a PPP frame that carries no IP as
// the link payload of type etherPPP, starting at its protocol field; the
// PPPoE and PPP layers before it are the headers' (details_tunnel.go).
// Also PPPoE discovery (RFC 2516 §5): "Active Discovery Offer (PADO)
// AC-Name='BRAS'". Hand-written: gopacket's PPP layer stops at the
// protocol number and its PPPoE layer does not read discovery tags.

// PPP protocol numbers of the control protocols.
const (
	pppLCP    = 0xc021
	pppPAP    = 0xc023
	pppCHAP   = 0xc223
	pppIPCP   = 0x8021
	pppIPV6CP = 0x8057
	pppCCP    = 0x80fd
)

// pppCtl names one control protocol: the Protocol column, the layer's
// filter name and title, the code names it knows.
type pppCtl struct {
	col, name, title string
	codes            map[uint8]string
}

// pppCPCodes are the codes every control protocol shares (RFC 1661 §5).
var pppCPCodes = map[uint8]string{1: "Configuration Request", 2: "Configuration Ack", 3: "Configuration Nak",
	4: "Configuration Reject", 5: "Termination Request", 6: "Termination Ack", 7: "Code Reject"}

var pppLCPCodes = func() map[uint8]string {
	m := map[uint8]string{8: "Protocol Reject", 9: "Echo Request", 10: "Echo Reply", 11: "Discard Request",
		12: "Identification", 13: "Time Remaining"}
	for k, v := range pppCPCodes {
		m[k] = v
	}
	return m
}()

var pppCCPCodes = func() map[uint8]string {
	m := map[uint8]string{14: "Reset Request", 15: "Reset Ack"}
	for k, v := range pppCPCodes {
		m[k] = v
	}
	return m
}()

var pppCtls = map[uint16]pppCtl{
	pppLCP:    {"PPP LCP", "lcp", "PPP Link Control Protocol", pppLCPCodes},
	pppIPCP:   {"PPP IPCP", "ipcp", "PPP IP Control Protocol", pppCPCodes},
	pppIPV6CP: {"PPP IPV6CP", "ipv6cp", "PPP IPv6 Control Protocol", pppCPCodes},
	pppCCP:    {"PPP CCP", "ccp", "PPP Compression Control Protocol", pppCCPCodes},
	pppPAP:    {"PPP PAP", "pap", "PPP Password Authentication Protocol", map[uint8]string{1: "Authenticate-Request", 2: "Authenticate-Ack", 3: "Authenticate-Nak"}},
	pppCHAP:   {"PPP CHAP", "chap", "PPP Challenge Handshake Authentication Protocol", map[uint8]string{1: "Challenge", 2: "Response", 3: "Success", 4: "Failure"}},
}

// pppLCPOptions and pppIPCPOptions name configuration options.
var (
	pppLCPOptions    = map[uint8]string{1: "Maximum Receive Unit", 2: "Async Control Character Map", 3: "Authentication Protocol", 4: "Quality Protocol", 5: "Magic Number", 7: "Protocol Field Compression", 8: "Address and Control Field Compression", 13: "Callback", 17: "Multilink MRRU", 19: "Multilink Endpoint Discriminator"}
	pppIPV6CPOptions = map[uint8]string{1: "Interface Identifier", 2: "IPv6 Compression Protocol"}
	pppIPCPOptions   = map[uint8]string{2: "IP Compression Protocol", 3: "IP Address", 129: "Primary DNS Server IP Address", 130: "Primary NBNS Server IP Address", 131: "Secondary DNS Server IP Address", 132: "Secondary NBNS Server IP Address"}
)

// pppCtlDissect reads a PPP frame from its protocol field.
func pppCtlDissect(p *PDU, out *Out) bool {
	b := p.Data
	if len(b) < 1 {
		return false
	}
	proto, n := uint16(b[0]), 1
	if b[0]&1 == 0 {
		if len(b) < 2 {
			return false
		}
		proto, n = binary.BigEndian.Uint16(b), 2
	}
	switch proto {
	case pppIPv4, pppIPv6, pppMPLSUnicast, pppMPLSMulticast:
		return false // the headers decode what these carry
	}
	ctl, ok := pppCtls[proto]
	if !ok {
		// no dissector: packet-ppp.c names the number (ppp_vals)
		out.SetProto(fmt.Sprintf("0x%04x", proto))
		name, known := pppProtocolNames[proto]
		if !known {
			name = fmt.Sprintf("Unknown (0x%04x)", proto)
		}
		out.SetInfo("PPP " + name)
		return true
	}
	if len(b) < n+4 {
		return false
	}
	b = b[n:]
	code, id := b[0], b[1]
	length := int(binary.BigEndian.Uint16(b[2:]))
	end := min(max(length, 4), len(b))
	out.SetProto(ctl.col)
	name, known := ctl.codes[code]
	if !known {
		name = "Unknown"
	}
	out.SetInfo(name)
	var fs []Field
	codeName := ctl.name
	if proto != pppPAP && proto != pppCHAP {
		codeName = "ppp"
	}
	fs = append(fs, UintField(codeName+".code", "Code: "+name+" ("+strconv.Itoa(int(code))+")", n, 1, uint64(code)))
	idLabel := "Identifier: " + strconv.Itoa(int(id))
	if codeName == "ppp" {
		idLabel += " (0x" + hexByte(id) + ")"
	}
	fs = append(fs, UintField(codeName+".identifier", idLabel, n+1, 1, uint64(id)))
	fs = append(fs, UintField(codeName+".length", "Length: "+strconv.Itoa(length), n+2, 2, uint64(length)))
	body, at := b[4:end], n+4
	switch proto {
	case pppPAP:
		// packet-ppp.c reads PAP's strings from the bytes there are,
		// whatever PAP's length says
		fs = append(fs, pppPAPBody(code, b[4:], at, out)...)
	case pppCHAP:
		fs = append(fs, pppCHAPBody(code, body, at, out)...)
	default:
		fs = append(fs, pppCPBody(proto, ctl.name, code, body, at)...)
		if length > len(b) {
			// the packet's length runs past the frame: its last
			// field is cut (tshark 4.0 on lab__encap-crafted)
			out.AppendInfo("", malformedMark)
		}
	}
	if out.WantTree {
		out.Add(Field{Name: ctl.name, Label: ctl.title, Start: n, Len: end, Kind: FieldProto, Children: fs})
	}
	return true
}

// pppCPBody is the tree of a control protocol's packet after its header:
// the options of a Configure packet, the magic number of an echo.
// pppOptionList is the configuration options' layout (RFC 1661 6): one-byte
// type and length, the length counting both; at most 64 are shown.
var pppOptionList = tlvList{typeLen: 1, lenLen: 1, lenCountsHeader: true, max: 64}

func pppCPBody(proto uint16, name string, code uint8, b []byte, at int) []Field {
	var fs []Field
	switch {
	case code >= 1 && code <= 4 && len(b) > 0:
		names := pppLCPOptions
		switch proto {
		case pppIPCP:
			names = pppIPCPOptions
		case pppIPV6CP:
			names = pppIPV6CPOptions
		}
		opts := Field{Label: "Options: (" + strconv.Itoa(len(b)) + " bytes)", Start: at, Len: len(b)}
		pppOptionList.walk(b, func(typ, off int, v []byte) bool {
			t, l := uint8(typ), len(v)+2
			on, ok := names[t]
			if !ok {
				on = "Unknown"
			}
			o := Field{Label: on, Start: at + off, Len: l}
			o.Children = []Field{
				UintField(name+".opt.type", "Type: "+on+" ("+strconv.Itoa(int(t))+")", at+off, 1, uint64(t)),
				UintField(name+".opt.length", "Length: "+strconv.Itoa(l), at+off+1, 1, uint64(l)),
			}
			switch {
			case proto == pppLCP && t == 5 && len(v) == 4:
				o.Name, o.Label = "lcp.opt.magic_number_bytes", "Magic Number: 0x"+hex.EncodeToString(v)
				o.Children = append(o.Children, UintField("lcp.opt.magic_number", o.Label, at+off+2, 4, uint64(binary.BigEndian.Uint32(v))))
			case proto == pppLCP && t == 1 && len(v) == 2:
				m := binary.BigEndian.Uint16(v)
				o.Name, o.Label = "lcp.opt.mtu_bytes", "Maximum Receive Unit: "+strconv.Itoa(int(m))
				o.Children = append(o.Children, UintField("lcp.opt.mru", o.Label, at+off+2, 2, uint64(m)))
			case proto == pppLCP && t == 3 && len(v) >= 2:
				ap := binary.BigEndian.Uint16(v)
				apName := "Unknown"
				if c, ok := pppCtls[ap]; ok && (ap == pppPAP || ap == pppCHAP) {
					apName = c.title[len("PPP "):]
				}
				o.Name, o.Label = "lcp.opt.auth_protocol_bytes", "Authentication Protocol: "+apName+" (0x"+hex.EncodeToString(v[:2])+")"
				o.Children = append(o.Children, UintField("lcp.opt.auth_protocol", o.Label, at+off+2, 2, uint64(ap)))
			case proto == pppIPV6CP && t == 1 && len(v) == 8:
				o.Name = "ipv6cp.opt.interface_identifier"
				o.Children = append(o.Children, Field{Name: "ipv6cp.interface_identifier", Label: "Interface Identifier: " + colonHex(v),
					Start: at + off + 2, Len: 8, Kind: FieldBytes, Str: string(v)})
			case proto == pppIPCP && len(v) == 4 && (t == 3 || t >= 129 && t <= 132):
				if t == 3 {
					o.Name = "ipcp.opt.addr"
				}
				a := netip.AddrFrom4([4]byte(v))
				o.Children = append(o.Children, Field{Name: "ipcp.opt.ip_address", Label: on + ": " + a.String(),
					Start: at + off + 2, Len: 4, Kind: FieldIPv4, Num: uint64(binary.BigEndian.Uint32(v))})
			}
			opts.Label += ", " + on
			opts.Children = append(opts.Children, o)
			return true
		})
		fs = append(fs, opts)
	case proto == pppLCP && code >= 9 && code <= 11 && len(b) >= 4:
		m := binary.BigEndian.Uint32(b)
		fs = append(fs, UintField("lcp.magic_number", "Magic Number: 0x"+hex.EncodeToString(b[:4]), at, 4, uint64(m)))
		if len(b) > 4 {
			fs = append(fs, Field{Name: "lcp.data", Label: "Data: " + hex.EncodeToString(b[4:]), Start: at + 4, Len: len(b) - 4,
				Kind: FieldBytes, Str: string(b[4:])})
		}
	}
	return fs
}

// colonHex writes bytes as EUI-64 identifiers show: "c8:01:0e:ff:fe:88:00:08".
func colonHex(b []byte) string {
	s := make([]byte, 0, 3*len(b))
	for i, c := range b {
		if i > 0 {
			s = append(s, ':')
		}
		s = hex.AppendEncode(s, []byte{c})
	}
	return string(s)
}

// pppLenString reads a string preceded by its one-byte length.
func pppLenString(b []byte, off int) (s []byte, next int, ok bool) {
	if off >= len(b) {
		return nil, off, false
	}
	l := int(b[off])
	if off+1+l > len(b) {
		return b[off+1:], len(b), false
	}
	return b[off+1 : off+1+l], off + 1 + l, true
}

// pppPAPBody reads a PAP request's peer and password or a reply's
// message, into the Info column as packet-ppp.c writes them.
func pppPAPBody(code uint8, b []byte, at int, out *Out) []Field {
	data := Field{Name: "pap.data", Label: "Data", Start: at, Len: len(b)}
	switch code {
	case 1:
		peer, next, ok1 := pppLenString(b, 0)
		pass, _, ok2 := pppLenString(b, next)
		if ok1 && ok2 {
			out.AppendInfo("", " (Peer-ID='"+formatText(peer)+"', Password='"+formatText(pass)+"')")
		} else {
			out.AppendInfo("", malformedMark)
		}
		if len(b) > 0 {
			data.Children = append(data.Children, UintField("pap.peer_id.length", "Peer-ID-Length: "+strconv.Itoa(int(b[0])), at, 1, uint64(b[0])),
				StrField("pap.peer_id", "Peer-ID: "+Printable(string(peer)), at+1, len(peer), string(peer)))
		}
		if next < len(b) {
			data.Children = append(data.Children, UintField("pap.password.length", "Password-Length: "+strconv.Itoa(int(b[next])), at+next, 1, uint64(b[next])),
				StrField("pap.password", "Password: "+Printable(string(pass)), at+next+1, len(pass), string(pass)))
		}
	case 2, 3:
		msg, _, ok := pppLenString(b, 0)
		if ok {
			out.AppendInfo("", " (Message='"+formatText(msg)+"')")
		} else {
			out.AppendInfo("", malformedMark)
		}
		if len(b) > 0 {
			data.Children = append(data.Children, UintField("pap.message.length", "Message-Length: "+strconv.Itoa(int(b[0])), at, 1, uint64(b[0])),
				StrField("pap.message", "Message: "+Printable(string(msg)), at+1, len(msg), string(msg)))
		}
	}
	return []Field{data}
}

// pppCHAPBody reads a CHAP challenge or response (value and name) or a
// success or failure message.
func pppCHAPBody(code uint8, b []byte, at int, out *Out) []Field {
	switch code {
	case 1, 2:
		if len(b) < 1 || int(b[0]) > len(b)-1 {
			return nil
		}
		vs := int(b[0])
		val, name := b[1:1+vs], b[1+vs:]
		shown := name[:min(len(name), 20)]
		more := ""
		if len(name) > 20 {
			more = "..."
		}
		if vs > 0 {
			// packet-ppp.c writes the name and value only for a value
			out.AppendInfo("", " (NAME='"+formatText(shown)+more+"', VALUE=0x"+hex.EncodeToString(val)+")")
		}
		d := Field{Label: "Data", Start: at, Len: len(b), Children: []Field{
			UintField("chap.value_size", "Value Size: "+strconv.Itoa(vs), at, 1, uint64(vs)),
			{Name: "chap.value", Label: "Value: " + hex.EncodeToString(val), Start: at + 1, Len: vs, Kind: FieldBytes, Str: string(val)},
		}}
		if len(name) > 0 {
			d.Children = append(d.Children, StrField("chap.name", "Name: "+Printable(string(name)), at+1+vs, len(name), string(name)))
		}
		return []Field{d}
	case 3, 4:
		out.AppendInfo("", " (MESSAGE='"+formatText(b)+"')")
		if len(b) > 0 {
			return []Field{StrField("chap.message", "Message: "+Printable(string(b)), at, len(b), string(b))}
		}
	}
	return nil
}

// pppoedCodes are RFC 2516's discovery codes (and the later ones of RFC
// 4938 and 5578) as packet-pppoe.c names them (TestPPPNamesMatchTshark).
var pppoedCodes = map[uint8]string{0x00: "Session Data", 0x07: "Active Discovery Offer (PADO)",
	0x09: "Active Discovery Initiation (PADI)", 0x0a: "Active Discovery Session-Grant (PADG)",
	0x0b: "Active Discovery Session-Credit Resp.(PADC)", 0x0c: "Active Discovery Quality (PADQ)",
	0x19: "Active Discovery Request (PADR)", 0x65: "Active Discovery Session-confirmation (PADS)",
	0xa7: "Active Discovery Terminate (PADT)", 0xd3: "Active Discovery Message (PADM)",
	0xd4: "Active Discovery Network (PADN)"}

// pppoeTagACName is the discovery tag naming the access concentrator.
const pppoeTagACName = 0x0102

// pppoeTags are the discovery tags shown by value (RFC 2516 Appendix A):
// field, label, and "s" for text or "b" for bytes.
var pppoeTags = map[uint16][3]string{
	0x0101: {"pppoed.tags.service_name", "Service-Name", "s"},
	0x0102: {"pppoed.tags.ac_name", "AC-Name", "s"},
	0x0103: {"pppoed.tags.host_uniq", "Host-Uniq", "b"},
	0x0104: {"pppoed.tags.ac_cookie", "AC-Cookie", "b"},
	0x0110: {"pppoed.tags.relay_session_id", "Relay-Session-Id", "b"},
	0x0201: {"pppoed.tags.service_name_error", "Service-Name-Error", "s"},
	0x0202: {"pppoed.tags.ac_system_error", "AC-System-Error", "s"},
	0x0203: {"pppoed.tags.generic_error", "Generic-Error", "s"},
}

// pppoedDissect reads a PPPoE discovery packet's columns and tags; the
// header's fields are the headers' (details_tunnel.go), so the tags come
// as a layer of their own.
// pppoeTagList is the discovery tags' layout (RFC 2516 A): two-byte type
// and length, the length counting the value; at most 256 are read.
var pppoeTagList = tlvList{typeLen: 2, lenLen: 2, max: 256}

func pppoedDissect(p *PDU, out *Out) bool {
	b := p.Data
	out.SetProto("PPPoED")
	if len(b) < 2 {
		out.SetInfo(malformedMark)
		return true
	}
	name, ok := pppoedCodes[b[1]]
	if !ok {
		name = "Unknown"
	}
	out.SetInfo(name)
	if len(b) < 6 || pppoedTagsCut(b) {
		// the header, or a tag within the payload length, runs past
		// the bytes (tshark 4.0 on lab__encap-crafted)
		out.AppendInfo("", malformedMark)
		if len(b) < 6 {
			return true
		}
	}
	tags := b[6:min(len(b), 6+int(binary.BigEndian.Uint16(b[4:])))]
	top := Field{Name: "pppoed.tags", Label: "PPPoE Tags", Start: 6, Len: len(tags)}
	pppoeTagList.walk(tags, func(typ, off int, v []byte) bool {
		t, l := uint16(typ), len(v)
		if t == 0 { // End-Of-List
			return false
		}
		switch tag := pppoeTags[t]; {
		case t == pppoeTagACName:
			out.AppendInfo("", " AC-Name='"+Printable(string(v))+"'")
			top.Children = append(top.Children, StrField(tag[0], tag[1]+": "+Printable(string(v)), 6+off+4, l, string(v)))
		case tag[0] != "" && tag[2] == "s" && l > 0:
			top.Children = append(top.Children, StrField(tag[0], tag[1]+": "+Printable(string(v)), 6+off+4, l, string(v)))
		case tag[0] != "" && tag[2] == "b":
			top.Children = append(top.Children, Field{Name: tag[0], Label: tag[1] + ": " + hex.EncodeToString(v), Start: 6 + off + 4, Len: l,
				Kind: FieldBytes, Str: string(v)})
		}
		return true
	})
	if out.WantTree {
		out.Add(top)
	}
	return true
}

// pppoedTagsCut says whether a discovery packet's tags, read while a tag
// header fits in the payload length, run past its bytes.
func pppoedTagsCut(b []byte) bool {
	ln := int(binary.BigEndian.Uint16(b[4:]))
	for off := 0; off+4 <= ln; {
		if 6+off+4 > len(b) {
			return true
		}
		l := int(binary.BigEndian.Uint16(b[6+off+2:]))
		if 6+off+4+l > len(b) {
			return true
		}
		off += 4 + l
	}
	return false
}

// pppCtlDissector takes LCP's name: the filter names of the other control
// protocols are among its Fields.
var pppCtlDissector = &Dissector{
	Name:    "lcp",
	Dissect: pppCtlDissect,
	Fields: []FieldDef{
		{Name: "ipcp", Desc: "PPP IP Control Protocol", Kind: FieldProto},
		{Name: "ipv6cp", Desc: "PPP IPv6 Control Protocol", Kind: FieldProto},
		{Name: "ccp", Desc: "PPP Compression Control Protocol", Kind: FieldProto},
		{Name: "pap", Desc: "PPP Password Authentication Protocol", Kind: FieldProto},
		{Name: "chap", Desc: "PPP Challenge Handshake Authentication Protocol", Kind: FieldProto},
		{Name: "ppp.code", Desc: "Code", Kind: FieldUint, Bits: 8},
		{Name: "ppp.identifier", Desc: "Identifier", Kind: FieldUint, Bits: 8},
		{Name: "ppp.length", Desc: "Length", Kind: FieldUint, Bits: 16},
		{Name: "lcp.opt.type", Desc: "Type", Kind: FieldUint, Bits: 8},
		{Name: "lcp.opt.length", Desc: "Length", Kind: FieldUint, Bits: 8},
		{Name: "lcp.opt.magic_number", Desc: "Magic Number", Kind: FieldUint, Bits: 32},
		{Name: "lcp.opt.mru", Desc: "Maximum Receive Unit", Kind: FieldUint, Bits: 16},
		{Name: "lcp.opt.auth_protocol", Desc: "Authentication Protocol", Kind: FieldUint, Bits: 16},
		{Name: "lcp.opt.magic_number_bytes", Desc: "Magic Number", Kind: FieldLabel},
		{Name: "lcp.opt.mtu_bytes", Desc: "Maximum Receive Unit", Kind: FieldLabel},
		{Name: "lcp.opt.auth_protocol_bytes", Desc: "Authentication Protocol", Kind: FieldLabel},
		{Name: "ipcp.opt.addr", Desc: "IP Address", Kind: FieldLabel},
		{Name: "ipv6cp.opt.type", Desc: "Type", Kind: FieldUint, Bits: 8},
		{Name: "ipv6cp.opt.length", Desc: "Length", Kind: FieldUint, Bits: 8},
		{Name: "ipv6cp.opt.interface_identifier", Desc: "Interface Identifier", Kind: FieldLabel},
		{Name: "ipv6cp.interface_identifier", Desc: "Interface Identifier", Kind: FieldBytes},
		{Name: "lcp.magic_number", Desc: "Magic Number", Kind: FieldUint, Bits: 32},
		{Name: "lcp.data", Desc: "Data", Kind: FieldBytes},
		{Name: "ipcp.opt.type", Desc: "Type", Kind: FieldUint, Bits: 8},
		{Name: "ipcp.opt.length", Desc: "Length", Kind: FieldUint, Bits: 8},
		{Name: "ipcp.opt.ip_address", Desc: "IP Address", Kind: FieldIPv4},
		{Name: "pap.code", Desc: "Code", Kind: FieldUint, Bits: 8},
		{Name: "pap.identifier", Desc: "Identifier", Kind: FieldUint, Bits: 8},
		{Name: "pap.length", Desc: "Length", Kind: FieldUint, Bits: 16},
		{Name: "pap.peer_id.length", Desc: "Peer-ID-Length", Kind: FieldUint, Bits: 8},
		{Name: "pap.peer_id", Desc: "Peer-ID", Kind: FieldString},
		{Name: "pap.password.length", Desc: "Password-Length", Kind: FieldUint, Bits: 8},
		{Name: "pap.password", Desc: "Password", Kind: FieldString},
		{Name: "pap.message.length", Desc: "Message-Length", Kind: FieldUint, Bits: 8},
		{Name: "pap.message", Desc: "Message", Kind: FieldString},
		{Name: "chap.code", Desc: "Code", Kind: FieldUint, Bits: 8},
		{Name: "chap.identifier", Desc: "Identifier", Kind: FieldUint, Bits: 8},
		{Name: "chap.length", Desc: "Length", Kind: FieldUint, Bits: 16},
		{Name: "chap.value_size", Desc: "Value Size", Kind: FieldUint, Bits: 8},
		{Name: "chap.value", Desc: "Value", Kind: FieldBytes},
		{Name: "chap.name", Desc: "Name", Kind: FieldString},
		{Name: "chap.message", Desc: "Message", Kind: FieldString},
	},
}

var pppoedDissector = &Dissector{Name: "pppoed.tags", Dissect: pppoedDissect, Fields: func() []FieldDef {
	var fs []FieldDef
	for _, t := range pppoeTags {
		k := FieldString
		if t[2] == "b" {
			k = FieldBytes
		}
		fs = append(fs, FieldDef{Name: t[0], Desc: t[1], Kind: k})
	}
	return fs
}()}

func init() {
	RegisterEtherType(pppCtlDissector, etherPPP)
	RegisterEtherType(pppoedDissector, etherPPPoEDisc)
}
