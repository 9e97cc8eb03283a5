package decode

import (
	"encoding/binary"
	"fmt"
	"math/bits"
	"strconv"
	"strings"
)

// Frame Relay (LINKTYPE_FRELAY, 107): a Q.922 address (the DLCI spread
// over two to four octets, with the C/R, FECN, BECN and DE bits), then
// either RFC 2427's multiprotocol encapsulation (a Q.922 control field,
// usually UI 0x03, an optional pad, an NLPID: 0xcc IPv4, 0x8e IPv6, 0x80
// SNAP, 0x08 Q.933, 0x09 LMI, 0x83 IS-IS...) or Cisco's (a Cisco HDLC
// protocol word right after the address). Shown as tshark 4.0's
// packet-fr.c decides between them: control 0x03 is RFC 2427; on DLCI 0
// anything else is LAPF and on others XID (0xaf) is XID; otherwise a
// protocol word Cisco HDLC knows is Cisco's encapsulation, and failing
// that an NLPID packet-fr.c knows behind a control field of any kind is
// RFC 2427 again; the rest is data. Protocol "FR" and Info "DLCI n", then
// the control field's summary ("U, func=UI"), until what is inside writes
// its own. Q.933 and LMI give their message type. Hand-written: gopacket's
// layer has no Q.922 address or NLPID walk.

const (
	LinkFRelay uint16 = 107

	frEA       = 0x01
	frCR       = 0x02
	frDC       = 0x02
	xdlcUI     = 0x03
	xdlcXID    = 0xaf
	nlpidPad   = 0x00
	nlpidQ933  = 0x08
	nlpidLMI   = 0x09
	nlpidSNAP  = 0x80
	nlpidCLNP  = 0x81
	nlpidESIS  = 0x82
	nlpidIPv6  = 0x8e
	nlpidIPv4  = 0xcc
	nlpidPPP   = 0xcf
	frOUIRFC   = 0x000000
	frOUICisco = 0x00000c
	frOUIIEEE  = 0x0080c2
)

var frLayer = &Dissector{Name: "fr", Fields: []FieldDef{
	{Name: "fr.first_addr_octet", Desc: "First address octet", Kind: FieldUint, Bits: 8},
	{Name: "fr.second_addr_octet", Desc: "Second address octet", Kind: FieldUint, Bits: 8},
	{Name: "fr.third_addr_octet", Desc: "Third address octet", Kind: FieldUint, Bits: 8},
	{Name: "fr.upper_dlci", Desc: "Upper DLCI", Kind: FieldUint, Bits: 8},
	{Name: "fr.cr", Desc: "CR", Kind: FieldBool},
	{Name: "fr.ea", Desc: "EA", Kind: FieldBool},
	{Name: "fr.second_dlci", Desc: "Second DLCI", Kind: FieldUint, Bits: 8},
	{Name: "fr.fecn", Desc: "FECN", Kind: FieldBool},
	{Name: "fr.becn", Desc: "BECN", Kind: FieldBool},
	{Name: "fr.de", Desc: "DE", Kind: FieldBool},
	{Name: "fr.third_dlci", Desc: "Third DLCI", Kind: FieldUint, Bits: 8},
	{Name: "fr.lower_dlci", Desc: "Lower DLCI", Kind: FieldUint, Bits: 8},
	{Name: "fr.dlcore_control", Desc: "DL-CORE Control", Kind: FieldUint, Bits: 8},
	{Name: "fr.dc", Desc: "DC", Kind: FieldBool},
	{Name: "fr.dlci", Desc: "DLCI", Kind: FieldUint, Bits: 32},
	{Name: "fr.control", Desc: "Control Field", Kind: FieldUint, Bits: 8},
	{Name: "fr.control.n_r", Desc: "N(R)", Kind: FieldUint, Bits: 16},
	{Name: "fr.control.n_s", Desc: "N(S)", Kind: FieldUint, Bits: 16},
	{Name: "fr.control.p", Desc: "Poll", Kind: FieldBool},
	{Name: "fr.control.f", Desc: "Final", Kind: FieldBool},
	{Name: "fr.control.s_ftype", Desc: "Supervisory frame type", Kind: FieldUint, Bits: 16},
	{Name: "fr.control.u_modifier_cmd", Desc: "Command", Kind: FieldUint, Bits: 8},
	{Name: "fr.control.u_modifier_resp", Desc: "Response", Kind: FieldUint, Bits: 8},
	{Name: "fr.control.ftype", Desc: "Frame type", Kind: FieldUint, Bits: 16},
	{Name: "fr.nlpid", Desc: "NLPID", Kind: FieldUint, Bits: 8},
	{Name: "fr.snap.oui", Desc: "Organization Code", Kind: FieldUint, Bits: 24},
	{Name: "fr.snap.pid", Desc: "Protocol ID", Kind: FieldUint, Bits: 16},
	{Name: "fr.snaptype", Desc: "Type", Kind: FieldUint, Bits: 16},
	{Name: "fr.chdlctype", Desc: "Type", Kind: FieldUint, Bits: 16},
}}

func init() { register(frLayer) }

// frMode is how packet-fr.c reads what follows the address.
type frMode uint8

const (
	frCut     frMode = iota // the frame ends inside the address or before the control field
	frRFC2427               // control field, NLPID
	frLAPF                  // DLCI 0, not UI: control field, data
	frXID                   // XID: control field, data
	frCisco                 // a Cisco HDLC protocol word
	frData                  // none of these: data
)

// frFrame is a Frame Relay frame as packet-fr.c reads it.
type frFrame struct {
	dlci     uint32
	resp     bool // the C/R bit: Wireshark reads the control field as a response
	addrLen  int
	bogus1   bool // a one-octet address (EA set in the first octet)
	mode     frMode
	ctrlLen  int  // the control field's length (1 or 2), 0 when it does not fit
	nlpidOff int  // RFC 2427: the NLPID, after any pad; -1 when the frame ends first
	padOff   int  // the pad octet before the NLPID, -1 when none
	snapOK   bool // the NLPID is SNAP and its five octets are there
	oui      uint32
	pid      uint16
}

// parseFR reads b's address and decides its encapsulation.
func parseFR(b []byte) frFrame {
	f := frFrame{nlpidOff: -1, padOff: -1}
	if len(b) == 0 {
		return f
	}
	if b[0]&frEA != 0 {
		f.bogus1, f.addrLen = true, 1
	} else {
		f.dlci, f.resp = uint32(b[0]>>2), b[0]&frCR != 0
		if len(b) < 2 {
			return f
		}
		f.dlci = f.dlci<<4 | uint32(b[1]>>4)
		off := 2
		if b[1]&frEA == 0 {
			if len(b) <= off {
				return f
			}
			if b[off]&frEA == 0 {
				f.dlci = f.dlci<<7 | uint32(b[off]>>1)
				off++
				for {
					// octets past the fourth are bogus, skipped to the one with EA
					if len(b) <= off {
						return f
					}
					if b[off]&frEA != 0 {
						break
					}
					off++
				}
			}
			if b[off]&frDC == 0 {
				f.dlci = f.dlci<<6 | uint32(b[off]>>2)
			}
			off++
		}
		f.addrLen = off
	}
	off := f.addrLen
	if len(b) <= off {
		return f
	}
	ctrl := b[off]
	switch {
	case ctrl == xdlcUI:
		f.mode = frRFC2427
	case f.dlci == 0:
		f.mode = frLAPF
	case ctrl == xdlcXID:
		f.mode = frXID
	case len(b) >= off+2 && frCiscoKnown(binary.BigEndian.Uint16(b[off:])):
		f.mode = frCisco
		return f
	case len(b) >= off+2 && frNLPIDAfter(b, off):
		f.mode = frRFC2427
	default:
		f.mode = frData
		return f
	}
	f.ctrlLen = xdlcLen(ctrl)
	if len(b) < off+f.ctrlLen {
		f.ctrlLen = 0
		return f
	}
	if f.mode != frRFC2427 {
		return f
	}
	at := off + f.ctrlLen
	if at < len(b) && b[at] == nlpidPad {
		f.padOff = at
		at++
	}
	if at >= len(b) {
		return f
	}
	f.nlpidOff = at
	if b[at] == nlpidSNAP && len(b) >= at+6 {
		f.snapOK = true
		f.oui = uint32(b[at+1])<<16 | uint32(b[at+2])<<8 | uint32(b[at+3])
		f.pid = binary.BigEndian.Uint16(b[at+4:])
	}
	return f
}

// frCiscoKnown says Cisco HDLC's table has the protocol word: packet-fr.c
// then takes the frame for Cisco's encapsulation.
func frCiscoKnown(et uint16) bool {
	_, ok := chdlcProtocols[et]
	return ok
}

// frNLPIDKnown are the NLPIDs packet-fr.c's tables hand on (Q.933, the
// OSI network layers, SNAP, IP, IPv6, PPP, LMI; 0 as some OSI table has it).
func frNLPIDKnown(n byte) bool {
	switch n {
	case nlpidPad, nlpidQ933, nlpidLMI, nlpidSNAP, nlpidCLNP, nlpidESIS, nlpidISIS, nlpidIPv6, nlpidIPv4, nlpidPPP:
		return true
	}
	return false
}

// frNLPIDAfter is packet-fr.c's second guess for a frame that is neither
// UI nor Cisco's: skip an octet of 0, a control field of the length its
// kind has, and see whether a known NLPID follows.
func frNLPIDAfter(b []byte, off int) bool {
	at := off
	c := b[at]
	if c == 0 {
		at++
		if at >= len(b) {
			return false
		}
		c = b[at]
	}
	at += xdlcLen(c)
	return at < len(b) && frNLPIDKnown(b[at])
}

// xdlcLen is the length of a Q.922 control field starting with c: one
// octet for an unnumbered frame, two for I and S frames (modulo 128).
func xdlcLen(c byte) int {
	if c&3 == 3 {
		return 1
	}
	return 2
}

// xdlcUNames are the unnumbered frames' short names (xdlc.c), commands
// then responses where they differ, keyed by the modifier bits.
var xdlcUNames = map[byte]string{
	0x00: "UI", 0x04: "SIM", 0x0c: "SARM", 0x20: "UP", 0x2c: "SABM", 0x40: "DISC", 0x4c: "SARME", 0x60: "UA",
	0x6c: "SABME", 0x80: "SNRM", 0x84: "FRMR", 0x8c: "RESET", 0xac: "XID", 0xc4: "CFGR", 0xcc: "SNRME", 0xe0: "TEST", 0xec: "BCN",
}

var xdlcURespNames = map[byte]string{0x04: "RIM", 0x0c: "DM", 0x40: "RD"}

// xdlcULong are the modifiers' long names in the tree, by modifier>>2.
var xdlcULong = map[byte]string{
	0x00: "Unnumbered Information", 0x01: "Set Initialization Mode", 0x03: "Set Asynchronous Response Mode",
	0x08: "Unnumbered Poll", 0x0b: "Set Asynchronous Balanced Mode", 0x10: "Disconnect",
	0x13: "Set Asynchronous Response Mode Extended", 0x18: "Unnumbered Acknowledge",
	0x1b: "Set Asynchronous Balanced Mode Extended", 0x20: "Set Normal Response Mode", 0x21: "Frame reject",
	0x23: "Reset", 0x2b: "Exchange identification", 0x31: "Configure", 0x33: "Set Normal Response Mode Extended",
	0x38: "Test", 0x3b: "Beacon",
}

var xdlcURespLong = map[byte]string{0x01: "Request Initialization Mode", 0x03: "Disconnected mode", 0x10: "Request Disconnect"}

var xdlcSNames = [4]string{"RR", "RNR", "REJ", "SREJ"}
var xdlcSLong = [4]string{"Receiver ready", "Receiver not ready", "Reject", "Selective reject"}

// xdlcSummary is the control field's text in the Info column and tree
// (xdlc.c, extended mode), and its value as the tree shows it (two-octet
// fields little-endian).
func xdlcSummary(b []byte, resp bool) (string, uint32) {
	c := b[0]
	pf := func(set bool, poll bool) string {
		switch {
		case !set:
			return ""
		case poll:
			return " P"
		}
		return " F"
	}
	if c&3 == 3 {
		m := c & 0xec
		name, ok := xdlcUNames[m]
		if r, rok := xdlcURespNames[m]; resp && rok {
			name, ok = r, true
		}
		if !ok {
			name = "Unknown"
		}
		return "U" + pf(c&0x10 != 0, !resp) + ", func=" + name, uint32(c)
	}
	v := uint32(binary.LittleEndian.Uint16(b))
	if c&1 == 1 {
		return fmt.Sprintf("S%s, func=%s, N(R)=%d", pf(v&0x100 != 0, !resp), xdlcSNames[c>>2&3], v>>9), v
	}
	return fmt.Sprintf("I%s, N(R)=%d, N(S)=%d", pf(v&0x100 != 0, true), v>>9, v>>1&0x7f), v
}

// frelay reads the packet Frame Relay carries.
func (h *Headers) frelay(b []byte) {
	f := parseFR(b)
	switch f.mode {
	case frCisco:
		off := f.addrLen
		et := binary.BigEndian.Uint16(b[off:])
		switch et {
		case 0x0800, 0x86dd, 0x8847, 0x8848, etherTEB:
			h.etherType(et, b[off+2:])
		default:
			h.EtherType, h.LinkPayload = et, b[off+2:]
		}
	case frRFC2427:
		if f.nlpidOff < 0 {
			return
		}
		at := f.nlpidOff
		switch b[at] {
		case nlpidIPv4:
			h.ipVersion(4, b[at+1:])
		case nlpidIPv6:
			h.ipVersion(6, b[at+1:])
		case nlpidPPP:
			// PPP without HDLC framing (RFC 1973): its protocol field
			h.ppp(b[at+1:])
		case nlpidISIS:
			// IS-IS counts the NLPID as its own first octet
			h.EtherType, h.LinkPayload = uint16(EtherTypeCHDLCOSI), b[at:]
		case nlpidSNAP:
			if !f.snapOK {
				return
			}
			switch {
			case f.oui == frOUIRFC && frSNAPKnown(f.pid):
				h.etherType(f.pid, b[at+6:])
			case f.oui == frOUICisco && f.pid == uint16(EtherTypeCDP):
				h.EtherType, h.LinkPayload = f.pid, b[at+6:]
			case f.oui == frOUIIEEE && f.pid == 7:
				// bridged 802.3/Ethernet without its FCS (RFC 2427 §4.3)
				h.ethernet(b[at+6:])
			}
		}
	}
}

// frSNAPKnown are the EtherTypes behind a SNAP header with OUI 0 that
// ladder reads on: IPv4, IPv6, ARP, MPLS.
func frSNAPKnown(et uint16) bool {
	switch et {
	case 0x0800, 0x86dd, 0x0806, 0x8847, 0x8848:
		return true
	}
	return false
}

// frInfo is Frame Relay's own Info text: "DLCI n", the control field's
// summary, and for a SNAP header whose type ladder does not read on,
// packet-llc.c's note of it.
func frInfo(b []byte, f frFrame) string {
	s := "DLCI " + strconv.FormatUint(uint64(f.dlci), 10)
	if f.ctrlLen > 0 {
		sum, _ := xdlcSummary(b[f.addrLen:], f.resp)
		s += ", " + sum
	}
	return s
}

// describeFR names a Frame Relay frame whose columns are not those of an
// IP packet or a dissector's payload: Frame Relay's own, Q.933, LMI,
// SLARP, malformed frames.
func describeFR(h *Headers) (string, string, bool) {
	if h.Link != LinkFRelay || h.Net != 0 {
		return "", "", false
	}
	b := h.raw
	f := parseFR(b)
	const mal = malformedMark
	if f.addrLen == 0 {
		return "FR", mal, true
	}
	info := frInfo(b, f)
	switch f.mode {
	case frCut:
		return "FR", info + mal, true
	case frLAPF, frXID:
		if f.ctrlLen == 0 {
			return "FR", info + mal, true
		}
		return "FR", info, true
	case frData:
		return "FR", info, true
	case frCisco:
		et := binary.BigEndian.Uint16(b[f.addrLen:])
		if et == chdlcSLARP {
			return "SLARP", slarpInfo(h.LinkPayload), true
		}
		return "", "", false
	}
	// RFC 2427
	if f.ctrlLen == 0 || f.nlpidOff < 0 {
		return "FR", info + mal, true
	}
	at := f.nlpidOff
	switch b[at] {
	case nlpidQ933:
		return "Q.933", q933Info(b[at:], info), true
	case nlpidLMI:
		return "LMI", lmiInfo(b[at+1:]), true
	case nlpidISIS, nlpidPPP:
		return "", "", false
	case nlpidIPv4, nlpidIPv6:
		if at+1 == len(b) {
			return "FR", info + mal, true
		}
		return "", "", false
	case nlpidSNAP:
		if !f.snapOK {
			return "FR", info + mal, true
		}
		switch {
		case f.oui == frOUIRFC && frSNAPKnown(f.pid), f.oui == frOUICisco && f.pid == uint16(EtherTypeCDP), f.oui == frOUIIEEE && f.pid == 7:
			return "", "", false
		case f.oui == frOUIRFC:
			return "FR", fmt.Sprintf("%s; SNAP, OUI 0x%06X (Officially Xerox, but 0:0:0:0:0:0 is more common), PID 0x%04X", info, f.oui, f.pid), true
		}
		return "FR", info, true
	}
	return "FR", info, true
}

// q933Messages are the Q.933 message types tshark 4.0 names (Q.931's
// table as packet-q933.c has it).
var q933Messages = map[byte]string{
	0x00: "ESCAPE", 0x01: "ALERTING", 0x02: "CALL PROCEEDING", 0x03: "PROGRESS", 0x05: "SETUP", 0x07: "CONNECT",
	0x0f: "CONNECT ACKNOWLEDGE", 0x45: "DISCONNECT", 0x4d: "RELEASE", 0x5a: "RELEASE COMPLETE", 0x60: "SEGMENT",
	0x75: "STATUS ENQUIRY", 0x7d: "STATUS",
}

// q933Info is a Q.933 message's Info: its message type, after the
// protocol discriminator and call reference; a message cut before its type
// keeps Frame Relay's text and is malformed.
func q933Info(b []byte, frText string) string {
	if len(b) < 2 {
		return frText + malformedMark
	}
	at := 2 + int(b[1]&0x0f)
	if at >= len(b) {
		return frText + malformedMark
	}
	if name, ok := q933Messages[b[at]]; ok {
		return name
	}
	return fmt.Sprintf("Unknown message type (0x%02x)", b[at])
}

// lmiInfo is an LMI message's Info: its message type after the call
// reference (b starts after the NLPID).
func lmiInfo(b []byte) string {
	if len(b) < 2 {
		return malformedMark
	}
	switch b[1] {
	case 0x75:
		return "Status Enquiry"
	case 0x7d:
		return "Status"
	}
	return fmt.Sprintf("Unknown message type (0x%02x)", b[1])
}

// frelay is the details tree of a Frame Relay frame, then of its payload.
func (d *dissector) frelay() {
	b := d.data
	f := parseFR(b)
	fr := Field{Name: "fr", Label: "Frame Relay", Kind: FieldProto}
	add := func(x Field) { fr.Children = append(fr.Children, x) }
	bit := func(name string, v byte, mask byte, label string) Field {
		return Field{Name: name, Label: bitString(uint32(v), 8, uint32(mask)) + " = " + label, Start: 0, Len: 1, Kind: FieldUint, Num: uint64(v&mask) >> bits.TrailingZeros8(mask)}
	}
	tf := func(set bool, t, f string) string {
		if set {
			return t
		}
		return f
	}
	octet := func(at int, name, title string, kids []Field, flags string) {
		v := b[at]
		for i := range kids {
			kids[i].Start = at
		}
		add(Field{Name: name, Label: fmt.Sprintf("%s: 0x%02x%s", title, v, flags), Start: at, Len: 1, Kind: FieldUint, Num: uint64(v), Children: kids})
	}
	ea := func(v byte) Field {
		x := bit("fr.ea", v, frEA, "EA: "+tf(v&frEA != 0, "Last Octet", "More Follows"))
		x.Kind, x.Num = FieldBool, uint64(v&frEA)
		return x
	}
	flag := func(name, title string, v, mask byte) Field {
		x := bit(name, v, mask, title+": "+tf(v&mask != 0, "True", "False"))
		x.Kind = FieldBool
		if v&mask != 0 {
			x.Num = 1
		}
		return x
	}
	end := 0
	done := func() {
		fr.Len = end
		d.out = append(d.out, fr)
	}
	if len(b) == 0 {
		return
	}
	if f.bogus1 {
		// a one-octet address: an expert note, DLCI 0
		end = 1
	} else {
		v := b[0]
		cr := flag("fr.cr", "CR", v, frCR)
		cr.Label = bitString(uint32(v), 8, frCR) + " = CR: " + tf(v&frCR != 0, "Command", "Response")
		octet(0, "fr.first_addr_octet", "First address octet",
			[]Field{bit("fr.upper_dlci", v, 0xfc, fmt.Sprintf("Upper DLCI: 0x%02x", v>>2)), cr, ea(v)}, tf(v&frCR != 0, ", CR", ""))
		end = 1
		if len(b) < 2 {
			fr.Len = len(b)
			d.out = append(d.out, fr)
			d.malformed(len(b))
			return
		}
		v = b[1]
		names := ""
		for _, n := range []struct {
			m byte
			s string
		}{{0x08, "FECN"}, {0x04, "BECN"}, {0x02, "DE"}, {frEA, "EA"}} {
			if v&n.m != 0 {
				names += ", " + n.s
			}
		}
		octet(1, "fr.second_addr_octet", "Second address octet", []Field{
			bit("fr.second_dlci", v, 0xf0, fmt.Sprintf("Second DLCI: 0x%x", v>>4)),
			flag("fr.fecn", "FECN", v, 0x08), flag("fr.becn", "BECN", v, 0x04), flag("fr.de", "DE", v, 0x02), ea(v)}, names)
		end = 2
		if v&frEA == 0 {
			at := 2
			if at < len(b) && b[at]&frEA == 0 {
				v := b[at]
				octet(at, "fr.third_addr_octet", "Third address octet",
					[]Field{bit("fr.third_dlci", v, 0xfe, fmt.Sprintf("Third DLCI: 0x%02x", v>>1)), ea(v)}, "")
				at++
				for at < len(b) && b[at]&frEA == 0 {
					add(Field{Label: "Bogus extra address octet", Start: at, Len: 1})
					at++
				}
			}
			if at >= len(b) {
				end = len(b)
				done()
				d.malformed(len(b))
				return
			}
			v := b[at]
			low := bit("fr.lower_dlci", v, 0xfc, fmt.Sprintf("Lower DLCI: 0x%02x", v>>2))
			if v&frDC != 0 {
				low = bit("fr.dlcore_control", v, 0xfc, fmt.Sprintf("DL-CORE Control: 0x%02x", v>>2))
			}
			dc := Field{Name: "fr.dc", Label: bitString(uint32(v), 16, frDC) + " = DC: " + tf(v&frDC != 0, "DLCI Address", "Control"), Len: 1, Kind: FieldBool, Num: uint64(v&frDC) >> 1}
			kids := []Field{low, dc, ea(v)}
			for i := range kids {
				kids[i].Start = at
			}
			add(Field{Label: fmt.Sprintf("Final address octet: 0x%02x", v), Start: at, Len: 1, Children: kids})
			end = at + 1
		}
	}
	add(UintField("fr.dlci", "DLCI: "+strconv.FormatUint(uint64(f.dlci), 10), 0, end, uint64(f.dlci)))
	off := end
	if off >= len(b) {
		done()
		d.malformed(len(b))
		return
	}
	switch f.mode {
	case frCisco:
		et := binary.BigEndian.Uint16(b[off:])
		add(UintField("fr.chdlctype", fmt.Sprintf("Type: %s (0x%04x)", chdlcProtocols[et], et), off, 2, uint64(et)))
		end = off + 2
		done()
		switch et {
		case 0x0800, 0x86dd, 0x8847, 0x8848, etherTEB:
			d.etherPayload(int(et), off+2)
		case chdlcSLARP:
			d.slarp(off + 2)
		default:
			d.rest(off + 2)
		}
		return
	case frData:
		end = len(b)
		done()
		d.rest(off)
		return
	}
	if f.ctrlLen == 0 {
		end = len(b)
		done()
		d.malformed(len(b))
		return
	}
	add(d.xdlcField(off, f.resp))
	end = off + f.ctrlLen
	if f.mode != frRFC2427 {
		// LAPF and XID: the layer keeps the whole frame
		end = len(b)
		done()
		d.rest(end)
		return
	}
	if f.padOff >= 0 {
		add(UintField("fr.nlpid", "Padding", f.padOff, 1, 0))
		end = f.padOff + 1
	}
	if f.nlpidOff < 0 {
		done()
		d.malformed(len(b))
		return
	}
	at := f.nlpidOff
	n := b[at]
	nl := UintField("fr.nlpid", fmt.Sprintf("NLPID: %s (0x%02x)", frNLPIDName(n), n), at, 1, uint64(n))
	switch n {
	case nlpidQ933, nlpidISIS, nlpidCLNP, nlpidESIS:
		// the OSI layers count the NLPID as theirs: a hidden item here,
		// added once Q.933 has read its message type
		if n != nlpidQ933 || !strings.HasSuffix(q933Info(b[at:], ""), malformedMark) {
			add(nl)
		}
		done()
		d.rest(at)
		return
	}
	add(nl)
	end = at + 1
	switch n {
	case nlpidIPv4, nlpidIPv6:
		done()
		d.ipOrData(map[byte]int{nlpidIPv4: 4, nlpidIPv6: 6}[n], at+1)
	case nlpidPPP:
		done()
		d.ppp(at+1, len(b))
	case nlpidSNAP:
		if !f.snapOK {
			end = len(b)
			done()
			d.malformed(len(b))
			return
		}
		oui := UintField("fr.snap.oui", "Organization Code: "+frOUIName(f.oui), at+1, 3, uint64(f.oui))
		add(oui)
		end = at + 6
		switch {
		case f.oui == frOUIRFC:
			add(UintField("fr.snaptype", "Type: "+etherTypeName(int(f.pid)), at+4, 2, uint64(f.pid)))
			done()
			if frSNAPKnown(f.pid) {
				d.etherPayload(int(f.pid), at+6)
			} else {
				d.rest(at + 6)
			}
		default:
			add(UintField("fr.snap.pid", fmt.Sprintf("Protocol ID: 0x%04x", f.pid), at+4, 2, uint64(f.pid)))
			done()
			if f.oui == frOUIIEEE && f.pid == 7 {
				d.ethernet(at + 6)
			} else {
				d.rest(at + 6)
			}
		}
	default:
		done()
		d.rest(at + 1)
	}
}

// xdlcField is the tree of the control field at off.
func (d *dissector) xdlcField(off int, resp bool) Field {
	sum, v := xdlcSummary(d.data[off:], resp)
	c := d.data[off]
	if c&3 == 3 {
		m := c & 0xec
		name, ok := xdlcULong[m>>2]
		if r, rok := xdlcURespLong[m>>2]; resp && rok {
			name, ok = r, true
		}
		if !ok {
			name = "Unknown"
		}
		mod := UintField("fr.control.u_modifier_cmd", fmt.Sprintf("%s = Command: %s (0x%02x)", bitString(uint32(c), 8, 0xec), name, m>>2), off, 1, uint64(m>>2))
		if resp {
			mod.Name = "fr.control.u_modifier_resp"
			mod.Label = fmt.Sprintf("%s = Response: %s (0x%02x)", bitString(uint32(c), 8, 0xec), name, m>>2)
		}
		kids := []Field{}
		if c&0x10 != 0 {
			if resp {
				kids = append(kids, Field{Name: "fr.control.f", Label: bitString(uint32(c), 8, 0x10) + " = Final: Set", Start: off, Len: 1, Kind: FieldBool, Num: 1})
			} else {
				kids = append(kids, Field{Name: "fr.control.p", Label: bitString(uint32(c), 8, 0x10) + " = Poll: Set", Start: off, Len: 1, Kind: FieldBool, Num: 1})
			}
		}
		kids = append(kids, mod, UintField("fr.control.ftype", bitString(uint32(c), 8, 3)+" = Frame type: Unnumbered frame (0x3)", off, 1, 3))
		return Field{Name: "fr.control", Label: fmt.Sprintf("Control field: %s (0x%02X)", sum, c), Start: off, Len: 1, Kind: FieldUint, Num: uint64(c), Children: kids}
	}
	kids := []Field{UintField("fr.control.n_r", fmt.Sprintf("%s = N(R): %d", bitString(v, 16, 0xfe00), v>>9), off, 2, uint64(v>>9))}
	if c&1 == 0 {
		kids = append(kids, UintField("fr.control.n_s", fmt.Sprintf("%s = N(S): %d", bitString(v, 16, 0xfe), v>>1&0x7f), off, 2, uint64(v>>1&0x7f)))
	}
	if v&0x100 != 0 {
		if resp && c&1 == 1 {
			kids = append(kids, Field{Name: "fr.control.f", Label: bitString(v, 16, 0x100) + " = Final: Set", Start: off, Len: 2, Kind: FieldBool, Num: 1})
		} else {
			kids = append(kids, Field{Name: "fr.control.p", Label: bitString(v, 16, 0x100) + " = Poll: Set", Start: off, Len: 2, Kind: FieldBool, Num: 1})
		}
	}
	if c&1 == 1 {
		st := v >> 2 & 3
		kids = append(kids,
			UintField("fr.control.s_ftype", fmt.Sprintf("%s = Supervisory frame type: %s (0x%x)", bitString(v, 16, 0xc), xdlcSLong[st], st), off, 2, uint64(st)),
			UintField("fr.control.ftype", bitString(v, 16, 3)+" = Frame type: Supervisory frame (0x1)", off, 2, 1))
	} else {
		kids = append(kids, UintField("fr.control.ftype", bitString(v, 16, 1)+" = Frame type: Information frame (0x0)", off, 2, 0))
	}
	return Field{Name: "fr.control", Label: fmt.Sprintf("Control field: %s (0x%04X)", sum, v), Start: off, Len: 2, Kind: FieldUint, Num: uint64(c), Children: kids}
}

// frNLPIDName is the NLPID's name in packet-fr.c's table (ISO/TR 9577,
// with 0x08 as Q.933 and 0x09 as LMI on Frame Relay).
func frNLPIDName(n byte) string {
	if name, ok := frNLPIDNames[n]; ok {
		return name
	}
	return "Unknown"
}

var frNLPIDNames = map[byte]string{
	0x00: "NULL", 0x01: "T.70", 0x03: "X.633", nlpidQ933: "Q.933", nlpidLMI: "LMI", 0x0c: "Q.2119", nlpidSNAP: "SNAP",
	nlpidCLNP: "CLNP", nlpidESIS: "ESIS", nlpidISIS: "ISIS", 0x85: "IDRP", 0x8a: "ESIS (X.25)", 0x8c: "ISO 10030",
	0x8d: "ISO 11577", nlpidIPv6: "IPv6", 0xb0: "Data compression protocol", nlpidIPv4: "IP", nlpidPPP: "PPP",
}

// frOUIName is an SNAP OUI as the tree shows it.
func frOUIName(oui uint32) string {
	s := fmt.Sprintf("%02x:%02x:%02x", oui>>16, oui>>8&0xff, oui&0xff)
	switch oui {
	case frOUIRFC:
		return s + " (Officially Xerox, but"
	case frOUICisco:
		return s + " (Cisco)"
	case frOUIIEEE:
		return s + " (IEEE)"
	}
	return s
}
