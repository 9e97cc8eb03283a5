package decode

import "encoding/binary"

// Link types of wireless and PPP captures.
const (
	LinkPPP       uint16 = 9   // PPP, RFC 1661 (with or without HDLC-like framing)
	LinkPPPHDLC   uint16 = 50  // PPP in HDLC-like framing, RFC 1662
	LinkIEEE80211 uint16 = 105 // IEEE 802.11 frames without a radio header
	LinkRadiotap  uint16 = 127 // radiotap header, then IEEE 802.11
	LinkPPI       uint16 = 192 // Per-Packet Information header, then its DLT
)

// radiotap skips a radiotap header and decodes the 802.11 frame after it,
// without its FCS when the header's flags say one is appended.
func (h *Headers) radiotap(b []byte) {
	n, fcs := radiotapLen(b)
	if n == 0 {
		return
	}
	h.wlan(b[n:], fcs)
}

// radiotapLen returns the length of the radiotap header at b and whether
// the frame after it ends with an FCS; 0 when the header is damaged.
func radiotapLen(b []byte) (int, bool) {
	if len(b) < 8 || b[0] != 0 {
		return 0, false
	}
	n := int(binary.LittleEndian.Uint16(b[2:]))
	if n < 8 || n > len(b) {
		return 0, false
	}
	present := binary.LittleEndian.Uint32(b[4:])
	// The fields start after the chain of present words (bit 31: another follows).
	off := 8
	for w := present; w&(1<<31) != 0 && off+4 <= n; off += 4 {
		w = binary.LittleEndian.Uint32(b[off:])
	}
	if present&1 != 0 { // TSFT: 8 bytes, 8-aligned
		off = (off+7)&^7 + 8
	}
	fcs := present&2 != 0 && off < n && b[off]&0x10 != 0
	return n, fcs
}

// ppi skips a Per-Packet Information header and decodes the frame after it
// by its link type.
func (h *Headers) ppi(b []byte) {
	if len(b) < 8 || b[0] != 0 {
		return
	}
	n := int(binary.LittleEndian.Uint16(b[2:]))
	if n < 8 || n > len(b) {
		return
	}
	switch binary.LittleEndian.Uint32(b[4:]) {
	case uint32(LinkIEEE80211):
		h.wlan(b[n:], false)
	case uint32(LinkEthernet):
		h.ethernet(b[n:])
	}
}

// IEEE 802.11 frame control bits.
const (
	wlanToDS      = 0x01
	wlanFromDS    = 0x02
	wlanProtected = 0x40
	wlanOrder     = 0x80 // HT Control field present (QoS data frames)
)

// wlan decodes an IEEE 802.11 data frame and its LLC/SNAP header; b ends
// with a 4-byte FCS when fcs is set. A frame that carries no packet
// (management, control, Null, protected) is left to the 802.11 dissector.
func (h *Headers) wlan(b []byte, fcs bool) { h.wlanFC(b, fcs, false) }

// wlanFC is wlan for a frame whose frame control bytes may come swapped
// (CAPWAP's, Headers.capwapData).
func (h *Headers) wlanFC(b []byte, fcs, swapFC bool) {
	h.WLAN, h.WLANFCS = b, fcs
	if fcs {
		if len(b) < 4 {
			return
		}
		b = b[:len(b)-4]
	}
	if len(b) < 24 {
		return
	}
	fc0, fc1 := b[0], b[1]
	if swapFC {
		fc0, fc1 = fc1, fc0
	}
	if fc0>>2&3 == 0 { // management: the list's columns show its source and destination
		h.EthDst, h.EthSrc = b[4:10], b[10:16]
	}
	if fc0>>2&3 != 2 { // not a data frame
		return
	}
	subtype := fc0 >> 4
	a1, a2, a3 := b[4:10], b[10:16], b[16:22]
	n := 24
	var a4 []byte
	if fc1&(wlanToDS|wlanFromDS) == wlanToDS|wlanFromDS {
		if len(b) < 30 {
			return
		}
		a4 = b[24:30]
		n = 30
	}
	switch fc1 & (wlanToDS | wlanFromDS) {
	case 0:
		h.EthDst, h.EthSrc = a1, a2
	case wlanToDS:
		h.EthDst, h.EthSrc = a3, a2
	case wlanFromDS:
		h.EthDst, h.EthSrc = a1, a3
	default:
		h.EthDst, h.EthSrc = a3, a4
	}
	if subtype&8 != 0 { // QoS
		n += 2
		if fc1&wlanOrder != 0 {
			n += 4
		}
	}
	if subtype&4 != 0 || fc1&wlanProtected != 0 || n > len(b) {
		return // no body (null function) or an encrypted one
	}
	if fc1&wlanMoreFrag != 0 {
		// packet-ieee80211.c holds a fragment until the last one comes;
		// ladder does not reassemble them (a last fragment's body is
		// read as LLC, as tshark reads one whose first it never saw)
		h.WLAN = nil
		h.bogusProto, h.bogusInfo = "802.11", "Fragmented IEEE 802.11 frame"
		return
	}
	if !h.push(EncapWLAN, b, 0, false) {
		return
	}
	h.WLAN = nil
	body := b[n:]
	if len(body) >= 8 && body[0] == 0xaa && body[1] == 0xaa && body[2] == 0x03 {
		h.llc(body)
		return
	}
	// a body without SNAP goes to the LLC dissector (STP, other SAPs)
	h.rawLLC, h.LinkPayload = true, body
}

// llc decodes an 802.2 LLC header with a SNAP extension (RFC 1042) and the
// EtherType payload it names.
func (h *Headers) llc(b []byte) {
	if len(b) < 8 || b[0] != 0xaa || b[1] != 0xaa || b[2] != 0x03 {
		return
	}
	h.snapOUI, h.viaSNAP = uint32(b[3])<<16|uint32(b[4])<<8|uint32(b[5]), true
	h.etherType(binary.BigEndian.Uint16(b[6:]), b[8:])
}
