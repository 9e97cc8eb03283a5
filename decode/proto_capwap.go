package decode

import (
	"encoding/binary"
	"fmt"
	"strconv"
)

// CAPWAP (RFC 5415) with its IEEE 802.11 binding (RFC 5416), as Wireshark
// 4.0's packet-capwap.c shows it with its default preferences: control
// messages on UDP 5246 read Protocol "CAPWAP-Control", Info
// "CAPWAP-Control - Join Request" (the message type's name, or "Unknown
// Message Type (0x...)"); data messages on UDP 5247 read "CAPWAP-Data",
// with " Keep-Alive" for keep-alives. A datagram whose preamble says DTLS
// goes to the DTLS dissector. Fragmented messages (the F flag) are
// reassembled per direction and fragment ID: a fragment that does not
// complete its message reads " (Fragment ID: I, Fragment Offset: O)", the
// one that does " (Reassembled, Fragment ID: I)". A field that runs past
// the datagram ends the packet "[Malformed Packet]" at the point tshark's
// bounds checks throw. The frames a data message carries (IEEE 802.3, and
// IEEE 802.11 with the frame control bytes swapped, tshark's default
// capwap.swap_fc) are decoded as a tunnel (Headers.capwapData) when they
// carry a packet; 802.11 frames that carry none (management, control, cut
// short) are handed to the 802.11 dissector here. Hand-written: gopacket
// has no CAPWAP layer; lab__capwap-crafted.pcap holds the cases.

const (
	portCAPWAPControl = 5246
	portCAPWAPData    = 5247
	capwapMaxFrags    = 64    // fragments kept per message
	capwapMaxMsgs     = 64    // messages being reassembled per conversation
	capwapMaxReasm    = 65535 // bytes a reassembled message may hold
)

var capwapControl = &Dissector{
	Name:    "capwap",
	Dissect: func(p *PDU, out *Out) bool { return capwapDissect(p, out, false) },
	Fields:  capwapFields("capwap"),
}

var capwapData = &Dissector{
	Name:    "capwap.data",
	Dissect: func(p *PDU, out *Out) bool { return capwapDissect(p, out, true) },
	Fields: []FieldDef{
		{Name: "capwap.data", Desc: "Control And Provisioning of Wireless Access Points - Data", Kind: FieldProto},
		{Name: "capwap.keep_alive", Desc: "Keep-Alive", Kind: FieldLabel},
		{Name: "capwap.keep_alive.length", Desc: "Message Element Length", Kind: FieldUint, Bits: 16},
	},
}

func capwapFields(proto string) []FieldDef {
	return []FieldDef{
		{Name: proto, Desc: "Control And Provisioning of Wireless Access Points - Control", Kind: FieldProto},
		{Name: "capwap.preamble", Desc: "Preamble", Kind: FieldLabel},
		{Name: "capwap.preamble.version", Desc: "Version", Kind: FieldUint, Bits: 8},
		{Name: "capwap.preamble.type", Desc: "Type", Kind: FieldUint, Bits: 8},
		{Name: "capwap.preamble.reserved", Desc: "Reserved", Kind: FieldUint, Bits: 32},
		{Name: "capwap.header", Desc: "Header", Kind: FieldLabel},
		{Name: "capwap.header.length", Desc: "Header Length", Kind: FieldUint, Bits: 32},
		{Name: "capwap.header.rid", Desc: "Radio ID", Kind: FieldUint, Bits: 32},
		{Name: "capwap.header.wbid", Desc: "Wireless Binding ID", Kind: FieldUint, Bits: 32},
		{Name: "capwap.header.flags", Desc: "Header Flags", Kind: FieldUint, Bits: 32},
		{Name: "capwap.header.flags.t", Desc: "Payload Type", Kind: FieldBool},
		{Name: "capwap.header.flags.f", Desc: "Fragment", Kind: FieldBool},
		{Name: "capwap.header.flags.l", Desc: "Last Fragment", Kind: FieldBool},
		{Name: "capwap.header.flags.w", Desc: "Wireless header", Kind: FieldBool},
		{Name: "capwap.header.flags.m", Desc: "Radio MAC header", Kind: FieldBool},
		{Name: "capwap.header.flags.k", Desc: "Keep-Alive", Kind: FieldBool},
		{Name: "capwap.header.flags.r", Desc: "Reserved", Kind: FieldUint, Bits: 32},
		{Name: "capwap.header.fragment.id", Desc: "Fragment ID", Kind: FieldUint, Bits: 16},
		{Name: "capwap.header.fragment.offset", Desc: "Fragment Offset", Kind: FieldUint, Bits: 16},
		{Name: "capwap.header.fragment.reserved", Desc: "Reserved", Kind: FieldUint, Bits: 16},
		{Name: "capwap.header.mac.length", Desc: "MAC length", Kind: FieldUint, Bits: 8},
		{Name: "capwap.header.mac.eui48", Desc: "MAC address", Kind: FieldEther},
		{Name: "capwap.header.wireless.length", Desc: "Wireless length", Kind: FieldUint, Bits: 8},
		{Name: "capwap.header.wireless.data", Desc: "Wireless data", Kind: FieldBytes},
		{Name: "capwap.header.padding", Desc: "Padding for 4 Byte Alignment", Kind: FieldBytes},
		{Name: "capwap.control.header", Desc: "Control Header", Kind: FieldLabel},
		{Name: "capwap.control.header.message_type", Desc: "Message Type", Kind: FieldUint, Bits: 32},
		{Name: "capwap.control.header.message_type.enterprise_number", Desc: "Message Type (Enterprise Number)", Kind: FieldUint, Bits: 32},
		{Name: "capwap.control.header.message_type.enterprise_specific", Desc: "Message Type (Enterprise Specific)", Kind: FieldUint, Bits: 32},
		{Name: "capwap.control.header.sequence_number", Desc: "Sequence Number", Kind: FieldUint, Bits: 8},
		{Name: "capwap.control.header.message_element_length", Desc: "Message Element Length", Kind: FieldUint, Bits: 16},
		{Name: "capwap.control.header.flags", Desc: "Flags", Kind: FieldUint, Bits: 8},
		{Name: "capwap.message_element", Desc: "Message Element", Kind: FieldLabel},
		{Name: "capwap.message_element.type", Desc: "Type", Kind: FieldUint, Bits: 16},
		{Name: "capwap.message_element.length", Desc: "Length", Kind: FieldUint, Bits: 16},
		{Name: "capwap.message_element.value", Desc: "Value", Kind: FieldBytes},
	}
}

func init() {
	RegisterUDP(capwapControl, portCAPWAPControl)
	RegisterUDP(capwapData, portCAPWAPData)
}

// capwapMessageTypes are RFC 5415's and RFC 5416's message types as
// packet-capwap.c names them.
var capwapMessageTypes = map[uint32]string{
	1: "Discovery Request", 2: "Discovery Response", 3: "Join Request", 4: "Join Response",
	5: "Configuration Status Request", 6: "Configuration Status Response",
	7: "Configuration Update Request", 8: "Configuration Update Response",
	9: "WTP Event Request", 10: "WTP Event Response", 11: "Change State Request", 12: "Change State Response",
	13: "Echo Request", 14: "Echo Response", 15: "Image Data Request", 16: "Image Data Response",
	17: "Reset Request", 18: "Reset Response", 19: "Primary Discovery Request", 20: "Primary Discovery Response",
	21: "Data Transfer Request", 22: "Data Transfer Response",
	23: "Clear Configuration Request", 24: "Clear Configuration Response",
	25: "Station Configuration Request", 26: "Station Configuration Response",
	3398913: "IEEE 802.11 WLAN Configuration Request", 3398914: "IEEE 802.11 WLAN Configuration Response",
}

// capwapElementTypes are the message element types' names.
var capwapElementTypes = map[uint16]string{
	1: "AC Descriptor", 2: "AC IPv4 List", 3: "AC IPv6 List", 4: "AC Name", 5: "AC Name With Priority",
	6: "AC Timestamp", 7: "Add MAC ACL Entry", 8: "Add Station", 9: "Reserved",
	10: "CAPWAP Control IPv4 Address", 11: "CAPWAP Control IPv6 Address", 12: "CAPWAP Timers",
	13: "Data Transfer Data", 14: "Data Transfer Mode", 15: "Decryption Error Report",
	16: "Decryption Error Report Period", 17: "Delete MAC ACL Entry", 18: "Delete Station", 19: "Reserved",
	20: "Discovery Type", 21: "Duplicate IPv4 Address", 22: "Duplicate IPv6 Address", 23: "Idle Timeout",
	24: "Image Data", 25: "Image Identifier", 26: "Image Information", 27: "Initiate Download",
	28: "Location Data", 29: "Maximum Message Length", 30: "CAPWAP Local IPv4 Address",
	31: "Radio Administrative State ", 32: "Radio Operational State", 33: "Result Code",
	34: "Returned Message Element", 35: "Session ID", 36: "Statistics Timer", 37: "Vendor Specific Payload",
	38: "WTP Board Data", 39: "WTP Descriptor", 40: "WTP Fallback ", 41: "WTP Frame Tunnel Mode ",
	42: "Reserved", 43: "Reserved", 44: "WTP MAC Type", 45: "WTP Name", 46: "Unused/Reserved",
	47: "WTP Radio Statistics", 48: "WTP Reboot Statistics", 49: "WTP Static IP Address Information",
	50: "CAPWAP Local IPv6 Address", 51: "CAPWAP Transport Protocol", 52: "MTU Discovery Padding",
	53:   "ECN Support",
	1024: "IEEE 802.11 Add WLAN", 1025: "IEEE 802.11 Antenna", 1026: "IEEE 802.11 Assigned WTP BSSID",
	1027: "IEEE 802.11 Delete WLAN", 1028: "IEEE 802.11 Direct Sequence Control",
	1029: "IEEE 802.11 Information Element", 1030: "IEEE 802.11 MAC Operation",
	1031: "IEEE 802.11 MIC Countermeasures", 1032: "IEEE 802.11 Multi-Domain Capability",
	1033: "IEEE 802.11 OFDM Control", 1034: "IEEE 802.11 Rate Set",
	1035: "IEEE 802.11 RSNA Error Report From Station", 1036: "IEEE 802.11 Station",
	1037: "IEEE 802.11 Station QoS Profile", 1038: "IEEE 802.11 Station Session Key",
	1039: "IEEE 802.11 Statistics", 1040: "IEEE 802.11 Supported Rates", 1041: "IEEE 802.11 Tx Power",
	1042: "IEEE 802.11 Tx Power Level", 1043: "IEEE 802.11 Update Station QoS", 1044: "IEEE 802.11 Update WLAN",
	1045: "IEEE 802.11 WTP Quality of Service", 1046: "IEEE 802.11 WTP Radio Configuration",
	1047: "IEEE 802.11 WTP Radio Fail Alarm Indication", 1048: "IEEE 802.11 WTP Radio Information",
	1060: "IEEE 802.11 Supported MAC Profiles", 1061: "IEEE 802.11 MAC Profile",
}

var capwapWBIDs = map[uint32]string{0: "Reserved", 1: "IEEE 802.11", 2: "IEEE 802.16", 3: "EPCGlobal"}

// capwapHeader is what the CAPWAP header (after the preamble) says.
type capwapHeader struct {
	hlen  uint32 // the header's length less the preamble byte, as tshark computes it (wraps for HLEN 0)
	wbid  uint32
	flags uint32 // the nine flag bits
	fid   uint16
	foff  uint32 // fragment offset in bytes
}

const (
	capwapFlagT = 0x100
	capwapFlagF = 0x80
	capwapFlagL = 0x40
	capwapFlagW = 0x20
	capwapFlagM = 0x10
	capwapFlagK = 0x08
)

// capwapBounds follows tshark's bounds checks over one buffer: need
// fails, and stays failed, when n bytes at off are not all there.
type capwapBounds struct {
	n   int
	bad bool
}

func (c *capwapBounds) need(off, n int) bool {
	if c.bad || off < 0 || n < 0 || off+n > c.n {
		c.bad = true
	}
	return !c.bad
}

// capwapReadHeader reads the header at offset 1 of b and its optional
// parts; ok is false when a field tshark adds runs past b. It also
// returns the header's subtree.
func capwapReadHeader(b []byte, data bool, dstPort uint16, tree bool) (h capwapHeader, kids []Field, keep bool, ok bool) {
	c := capwapBounds{n: len(b)}
	if !c.need(1, 1) {
		return h, nil, false, false
	}
	words := uint32(b[1] >> 3)
	h.hlen = words*4 - 1
	if !c.need(1, 3) {
		return h, nil, false, false
	}
	w := uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
	h.wbid = w >> 9 & 0x1f
	h.flags = w & 0x1ff
	keep = h.flags&capwapFlagK != 0
	if tree {
		hl := int(int32(h.hlen))
		if hl < 0 || 1+hl > len(b) {
			hl = len(b) - 1
		}
		kids = append(kids,
			UintField("capwap.header.length", fmt.Sprintf("%s = Header Length: %d (%d)", bitString(w, 24, 0xf80000), words, words*4), 1, 3, uint64(words)),
			UintField("capwap.header.rid", fmt.Sprintf("%s = Radio ID: %d", bitString(w, 24, 0x07c000), w>>14&0x1f), 1, 3, uint64(w>>14&0x1f)),
			UintField("capwap.header.wbid", fmt.Sprintf("%s = Wireless Binding ID: %s (%d)", bitString(w, 24, 0x003e00), capwapName(capwapWBIDs, h.wbid, "Unknown"), h.wbid), 1, 3, uint64(h.wbid)),
			Field{Name: "capwap.header.flags", Label: fmt.Sprintf("%s = Header Flags: 0x%03x", bitString(w, 24, 0x1ff), h.flags), Start: 1, Len: 3, Kind: FieldUint, Num: uint64(h.flags), Children: capwapFlagFields(w)})
		_ = hl
	}
	if !c.need(4, 2) {
		return h, kids, keep, false
	}
	h.fid = binary.BigEndian.Uint16(b[4:])
	if !c.need(6, 2) {
		return h, kids, keep, false
	}
	fo := binary.BigEndian.Uint16(b[6:])
	h.foff = 8 * uint32(fo>>3)
	if tree {
		kids = append(kids,
			UintField("capwap.header.fragment.id", "Fragment ID: "+strconv.Itoa(int(h.fid)), 4, 2, uint64(h.fid)),
			UintField("capwap.header.fragment.offset", fmt.Sprintf("%s = Fragment Offset: %d", bitString(uint32(fo), 16, 0xfff8), fo>>3), 6, 2, uint64(fo>>3)),
			UintField("capwap.header.fragment.reserved", fmt.Sprintf("%s = Reserved: %d", bitString(uint32(fo), 16, 0x7), fo&7), 7, 1, uint64(fo&7)))
	}
	pos := 8
	pad := func() bool {
		if a := 4 - pos%4; a != 4 {
			if !c.need(pos, a) {
				return false
			}
			if tree {
				kids = append(kids, Field{Name: "capwap.header.padding", Label: "Padding for 4 Byte Alignment: " + hexTrunc(b[pos:pos+a]), Start: pos, Len: a, Kind: FieldBytes, Str: string(b[pos : pos+a])})
			}
			pos += a
		}
		return true
	}
	if h.flags&capwapFlagM != 0 {
		if !c.need(pos, 1) {
			return h, kids, keep, false
		}
		ml := int(b[pos])
		if !c.need(pos+1, ml) {
			return h, kids, keep, false
		}
		if tree {
			kids = append(kids, UintField("capwap.header.mac.length", "MAC length: "+strconv.Itoa(ml), pos, 1, uint64(ml)))
			mac := b[pos+1 : pos+1+ml]
			if ml == 6 {
				kids = append(kids, Field{Name: "capwap.header.mac.eui48", Label: "MAC address: " + capwapMAC(mac), Start: pos + 1, Len: 6, Kind: FieldEther, Num: macNum(mac)})
			} else {
				kids = append(kids, Field{Label: "MAC address: " + capwapHexColon(mac), Start: pos + 1, Len: ml})
			}
		}
		pos += 1 + ml
		if !pad() {
			return h, kids, keep, false
		}
	}
	if h.flags&capwapFlagW != 0 {
		if !c.need(pos, 1) {
			return h, kids, keep, false
		}
		wl := int(b[pos])
		if !c.need(pos+1, wl) || (h.wbid == 1 && !c.need(pos+1, 4)) {
			return h, kids, keep, false
		}
		if tree {
			kids = append(kids, UintField("capwap.header.wireless.length", "Wireless length: "+strconv.Itoa(wl), pos, 1, uint64(wl)),
				Field{Name: "capwap.header.wireless.data", Label: "Wireless data: " + hexTrunc(b[pos+1:pos+1+wl]), Start: pos + 1, Len: wl, Kind: FieldBytes, Str: string(b[pos+1 : pos+1+wl])})
		}
		pos += 1 + wl
		if !pad() {
			return h, kids, keep, false
		}
	}
	return h, kids, keep, true
}

func capwapFlagFields(w uint32) []Field {
	bit := func(name, label string, mask uint32, yes, no string) Field {
		v := w&mask != 0
		s := no
		if v {
			s = yes
		}
		return Field{Name: name, Label: fmt.Sprintf("%s = %s: %s", bitString(w, 24, mask), label, s), Start: 1, Len: 3, Kind: FieldBool, Num: uint64(b2u(v))}
	}
	return []Field{
		bit("capwap.header.flags.t", "Payload Type", 0x100, "Native frame format (see Wireless Binding ID field)", "IEEE 802.3 frame"),
		bit("capwap.header.flags.f", "Fragment", 0x80, "Fragmented", "Don't Fragment"),
		bit("capwap.header.flags.l", "Last Fragment", 0x40, "This is the last fragment", "More fragments follow"),
		bit("capwap.header.flags.w", "Wireless header", 0x20, "Wireless Specific Information is present", "No Wireless Specific Information"),
		bit("capwap.header.flags.m", "Radio MAC header", 0x10, "Radio MAC Address is present", "No Radio MAC Address"),
		bit("capwap.header.flags.k", "Keep-Alive", 0x08, "Keep-Alive Packet", "No Keep-Alive"),
		UintField("capwap.header.flags.r", fmt.Sprintf("%s = Reserved: 0x%x", bitString(w, 24, 7), w&7), 1, 3, uint64(w&7)),
	}
}

func capwapName[K comparable](m map[K]string, k K, def string) string {
	if s, ok := m[k]; ok {
		return s
	}
	return def
}

func capwapMAC(b []byte) string {
	return capwapHexColon(b)
}

func capwapHexColon(b []byte) string {
	s := make([]byte, 0, len(b)*3)
	for i, x := range b {
		if i > 0 {
			s = append(s, ':')
		}
		s = append(s, "0123456789abcdef"[x>>4], "0123456789abcdef"[x&15])
	}
	return string(s)
}

// capwapFrag is one message being reassembled.
type capwapFrag struct {
	parts  map[uint32][]byte // by offset
	frames map[int]bool
	total  int // known once the last fragment came, else -1
	done   int // the frame that completed it, -1 while open
	msg    []byte
}

type capwapConv struct {
	msgs map[uint32]*capwapFrag // by direction << 16 | fragment ID
}

// capwapAdd adds a fragment seen in frame and returns the reassembled
// message when this frame completes it.
func capwapAdd(c *Conv, dir uint8, frame int, fid uint16, off uint32, last bool, b []byte) []byte {
	if c == nil {
		c = &Conv{}
	}
	st, ok := c.State.(*capwapConv)
	if !ok {
		st = &capwapConv{msgs: map[uint32]*capwapFrag{}}
		c.State = st
	}
	key := uint32(dir&1)<<16 | uint32(fid)
	m := st.msgs[key]
	if m == nil {
		if len(st.msgs) >= capwapMaxMsgs {
			return nil
		}
		m = &capwapFrag{parts: map[uint32][]byte{}, frames: map[int]bool{}, total: -1, done: -1}
		st.msgs[key] = m
	}
	if m.done >= 0 {
		if m.done == frame {
			return m.msg
		}
		return nil
	}
	if m.frames[frame] || len(m.parts) >= capwapMaxFrags || int(off)+len(b) > capwapMaxReasm {
		return nil
	}
	m.frames[frame] = true
	if _, dup := m.parts[off]; !dup {
		m.parts[off] = b
	}
	if last {
		m.total = int(off) + len(b)
	}
	if m.total < 0 {
		return nil
	}
	msg := make([]byte, 0, m.total)
	for len(msg) < m.total {
		p, ok := m.parts[uint32(len(msg))]
		if !ok || len(p) == 0 {
			return nil
		}
		msg = append(msg, p...)
	}
	m.msg, m.done = msg[:m.total], frame
	return m.msg
}

func capwapDissect(p *PDU, out *Out, data bool) bool {
	b := p.Data
	name := "CAPWAP-Control"
	top := Field{Name: "capwap", Label: "Control And Provisioning of Wireless Access Points - Control", Len: len(b), Kind: FieldProto}
	if data {
		name = "CAPWAP-Data"
		top.Name, top.Label = "capwap.data", "Control And Provisioning of Wireless Access Points - Data"
	}
	out.SetProto(name)
	out.SetInfo(name)
	tree := out.WantTree
	finish := func(bad bool) bool {
		if bad {
			out.AppendInfo("", malformedMark)
		}
		if tree {
			out.Add(top)
		}
		return true
	}
	if len(b) < 1 {
		return finish(true)
	}
	typ := b[0] & 0x0f
	pre := capwapPreamble(b[0])
	if typ == 1 {
		if len(b) < 4 {
			pre.Len = len(b) // the reserved field throws before the preamble's length is set
			top.Children = append(top.Children, pre)
			return finish(true)
		}
		r := uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
		pre.Len = 4
		pre.Children = append(pre.Children, UintField("capwap.preamble.reserved", "Reserved: "+strconv.Itoa(int(r)), 1, 3, uint64(r)))
		top.Children = append(top.Children, pre)
		sub := *p
		sub.Data, sub.Len = b[4:], max(0, p.Len-4)
		if len(sub.Data) == 0 {
			return finish(true)
		}
		if tree {
			out.Add(top)
		}
		n := len(out.Tree)
		out.SetInfo("") // packet-dtls.c clears the column
		if !dtlsDissect(&sub, out) {
			// too short for a record header: DTLS throws
			out.SetProto("DTLS")
			out.SetInfo(malformedMark)
			return true
		}
		Shift(out.Tree[n:], 4)
		return true
	}
	top.Children = append(top.Children, pre)
	h, kids, keep, ok := capwapReadHeader(b, data, p.DstPort, tree)
	if keep {
		out.AppendInfo("", " Keep-Alive")
	}
	if tree && len(b) >= 2 {
		hl := int(int32(h.hlen))
		if hl < 0 || 1+hl > len(b) {
			hl = len(b) - 1
		}
		top.Children = append(top.Children, Field{Name: "capwap.header", Label: "Header", Start: 1, Len: hl, Children: kids})
	}
	if !ok {
		return finish(true)
	}
	off := int(uint32(1) + h.hlen) // wraps to 0 for HLEN 0, as in tshark
	if uint32(1)+h.hlen > uint32(len(b)) {
		off = len(b) + 1
	}
	body := []byte(nil)
	bodyOff := off
	if h.flags&capwapFlagF != 0 {
		if off >= len(b) {
			return finish(false)
		}
		msg := capwapAdd(p.Conv, p.Dir, p.Frame, h.fid, h.foff, h.flags&capwapFlagL != 0, b[off:])
		if msg == nil {
			out.AppendInfo("", fmt.Sprintf(" (Fragment ID: %d, Fragment Offset: %d)", h.fid, h.foff))
			return finish(false)
		}
		body, bodyOff = msg, -1
	} else if off <= len(b) {
		body = b[off:]
	} else {
		// a header longer than the datagram: the next field throws
		return finish(true)
	}
	// the fields of a reassembled message lie in tshark's "Reassembled
	// CAPWAP" bytes, even when one fragment made it: no place (Unplace)
	n := len(top.Children)
	unplace := func() {
		if bodyOff < 0 {
			Unplace(top.Children[n:])
		}
	}
	if !data {
		bad := capwapControlBody(body, bodyOff, out, &top)
		unplace()
		if !bad && h.flags&capwapFlagF != 0 {
			out.AppendInfo("", fmt.Sprintf(" (Reassembled, Fragment ID: %d)", h.fid))
		}
		return finish(bad)
	}
	if h.flags&capwapFlagK != 0 {
		bad := capwapKeepAlive(body, bodyOff, &top, tree)
		unplace()
		return finish(bad)
	}
	if h.flags&capwapFlagT == 0 {
		// IEEE 802.3: a frame too short for its Ethernet header (a
		// longer one is decoded as a tunnel, Headers.capwapData)
		if tree {
			out.Add(top)
		}
		out.SetProto("Ethernet")
		out.AppendInfo("", malformedMark)
		return true
	}
	if h.wbid != 1 {
		return finish(false)
	}
	// IEEE 802.11 with its frame control bytes swapped: a frame that
	// carries no packet goes to the 802.11 dissector
	if tree {
		out.Add(top)
	}
	w := append([]byte(nil), body...)
	if len(w) >= 2 {
		w[0], w[1] = w[1], w[0]
	}
	sub := *p
	sub.Data, sub.Len, sub.FCS = w, len(w), false
	m := len(out.Tree)
	if !dissectWLAN(&sub, out) {
		out.SetProto(name)
		return true
	}
	capwapSwappedFC(out.Tree[m:], body)
	if bodyOff >= 0 {
		Shift(out.Tree[m:], bodyOff)
	} else {
		Unplace(out.Tree[m:])
	}
	return true
}

// capwapSwappedFC puts the 802.11 tree of a frame dissected with its
// frame control bytes swapped back on the bytes the packet holds, as
// packet-ieee80211.c's bsfc dissector shows them: the one-byte fields of
// each frame control byte at the other's place, and the field itself
// "0x0040(Swapped)" (b's first two bytes as they come).
func capwapSwappedFC(fs []Field, b []byte) {
	for i := range fs {
		f := &fs[i]
		switch {
		case f.Name == "wlan.fc" && f.Start == 0 && len(b) >= 2:
			f.Label = fmt.Sprintf("Frame Control Field: 0x%02x%02x(Swapped)", b[0], b[1])
		case f.Len == 1 && f.Start == 0:
			f.Start = 1
		case f.Len == 1 && f.Start == 1:
			f.Start = 0
		}
		capwapSwappedFC(f.Children, b)
	}
}

// capwapElements reads message elements from b[at:] to its end into
// parent; it reports whether one ran past b.
func capwapElements(b []byte, at, shift int, parent *Field, tree bool) bool {
	for pos := at; pos < len(b); {
		if pos+4 > len(b) {
			return true
		}
		t := binary.BigEndian.Uint16(b[pos:])
		n := int(binary.BigEndian.Uint16(b[pos+2:]))
		bad := pos+4+n > len(b)
		if tree {
			tn := capwapName(capwapElementTypes, t, fmt.Sprintf("Unknown Message Element Type (%02d)", t))
			e := Field{Name: "capwap.message_element", Label: fmt.Sprintf("Type: (t=%d,l=%d) %s", t, n, tn), Start: shift + pos, Len: min(4+n, len(b)-pos), Children: []Field{
				UintField("capwap.message_element.type", fmt.Sprintf("Type: %s (%d)", capwapName(capwapElementTypes, t, "Unknown"), t), shift+pos, 2, uint64(t)),
				UintField("capwap.message_element.length", "Length: "+strconv.Itoa(n), shift+pos+2, 2, uint64(n)),
			}}
			if !bad {
				v := b[pos+4 : pos+4+n]
				e.Children = append(e.Children, Field{Name: "capwap.message_element.value", Label: "Value: " + hexTrunc(v), Start: shift + pos + 4, Len: n, Kind: FieldBytes, Str: string(v)})
			}
			parent.Children = append(parent.Children, e)
		}
		if bad {
			return true
		}
		pos += 4 + n
	}
	return false
}

// capwapControlBody reads the control header and message elements of b
// (at bodyOff in the PDU, -1 when reassembled); it reports a field
// running past b.
func capwapControlBody(b []byte, bodyOff int, out *Out, top *Field) bool {
	tree := out.WantTree
	shift := bodyOff
	if shift < 0 {
		shift = 0 // reassembled: offsets into the message
	}
	if len(b) < 4 {
		return true
	}
	mt := binary.BigEndian.Uint32(b)
	out.AppendInfo("", " - "+capwapName(capwapMessageTypes, mt, fmt.Sprintf("Unknown Message Type (0x%x)", mt)))
	hdr := Field{Name: "capwap.control.header", Label: "Control Header", Start: shift, Len: min(8, len(b))}
	if tree {
		hdr.Children = append(hdr.Children, Field{Name: "capwap.control.header.message_type", Label: "Message Type: " + strconv.FormatUint(uint64(mt), 10), Start: shift, Len: 4, Kind: FieldUint, Num: uint64(mt), Children: []Field{
			UintField("capwap.control.header.message_type.enterprise_number", fmt.Sprintf("Message Type (Enterprise Number): %s (%d)", capwapPEN(mt>>8), mt>>8), shift, 3, uint64(mt>>8)),
			UintField("capwap.control.header.message_type.enterprise_specific", fmt.Sprintf("Message Type (Enterprise Specific): %s (%d)", capwapName(capwapMessageTypes, mt, "Unknown"), mt), shift, 4, uint64(mt)),
		}})
	}
	bad := len(b) < 8
	if tree {
		if len(b) >= 5 {
			hdr.Children = append(hdr.Children, UintField("capwap.control.header.sequence_number", "Sequence Number: "+strconv.Itoa(int(b[4])), shift+4, 1, uint64(b[4])))
		}
		if len(b) >= 7 {
			l := binary.BigEndian.Uint16(b[5:])
			hdr.Children = append(hdr.Children, UintField("capwap.control.header.message_element_length", "Message Element Length: "+strconv.Itoa(int(l)), shift+5, 2, uint64(l)))
		}
		if len(b) >= 8 {
			hdr.Children = append(hdr.Children, UintField("capwap.control.header.flags", "Flags: "+strconv.Itoa(int(b[7])), shift+7, 1, uint64(b[7])))
		}
		top.Children = append(top.Children, hdr)
	}
	if bad {
		return true
	}
	el := Field{Name: "capwap.message_element", Label: "Message Element", Start: shift + 8, Len: len(b) - 8}
	bad = capwapElements(b, 8, shift, &el, tree)
	if tree {
		top.Children = append(top.Children, el)
	}
	return bad
}

// capwapKeepAlive reads a data channel keep-alive: a length, then
// message elements; it reports a field running past b.
func capwapKeepAlive(b []byte, bodyOff int, top *Field, tree bool) bool {
	shift := max(bodyOff, 0)
	ka := Field{Name: "capwap.keep_alive", Label: "Keep-Alive", Start: shift, Len: len(b)}
	if len(b) < 2 {
		if tree {
			top.Children = append(top.Children, ka)
		}
		return true
	}
	ka.Children = []Field{
		UintField("capwap.keep_alive.length", "Message Element Length: "+strconv.Itoa(int(binary.BigEndian.Uint16(b))), shift, 2, uint64(binary.BigEndian.Uint16(b))),
	}
	bad := capwapElements(b, 2, shift, &ka, tree)
	if tree {
		top.Children = append(top.Children, ka)
	}
	return bad
}

// capwapPEN names an enterprise number as tshark's enterprises table does
// for the numbers CAPWAP messages carry.
func capwapPEN(n uint32) string {
	switch n {
	case 0:
		return "Reserved"
	case 2:
		return "IBM (https://w3.ibm.com/standards )"
	case 9:
		return "ciscoSystems"
	case 13277:
		return "IEEE 802.11"
	case 16534:
		return "Mycom International"
	}
	return penName(n)
}

// CAPWAPDataTree is the CAPWAP-Data layer of a data message decoded as a
// tunnel (Headers.capwapData): its preamble and header, for the details
// pane and the display filter.
func CAPWAPDataTree(b []byte) Field {
	_, kids, _, _ := capwapReadHeader(b, true, 0, true)
	h, _, _, _ := capwapReadHeader(b, true, 0, false)
	return Field{Name: "capwap.data", Label: "Control And Provisioning of Wireless Access Points - Data", Len: len(b), Kind: FieldProto, Children: []Field{
		capwapPreamble(b[0]),
		{Name: "capwap.header", Label: "Header", Start: 1, Len: int(h.hlen), Children: kids},
	}}
}

// capwapPreamble is the preamble's line of a CAPWAP header (type 0).
func capwapPreamble(v byte) Field {
	typ := v & 0x0f
	return Field{Name: "capwap.preamble", Label: "Preamble", Start: 0, Len: 1, Children: []Field{
		UintField("capwap.preamble.version", fmt.Sprintf("%s = Version: %d", bitString(uint32(v), 8, 0xf0), v>>4), 0, 1, uint64(v>>4)),
		UintField("capwap.preamble.type", fmt.Sprintf("%s = Type: %s (%d)", bitString(uint32(v), 8, 0x0f), capwapName(map[byte]string{0: "CAPWAP Header", 1: "CAPWAP DTLS Header"}, typ, "Unknown"), typ), 0, 1, uint64(typ)),
	}}
}
