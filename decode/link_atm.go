package decode

import (
	"encoding/binary"
	"fmt"
)

// ATM with RFC 1483/2684 LLC encapsulation (LINKTYPE_ATM_RFC1483, 11): each
// frame is an AAL5 payload that starts with an 802.2 LLC header, for
// routed protocols a SNAP header with OUI 0 and an EtherType, for bridged
// Ethernet OUI 00-80-C2 with a two-octet pad before the frame. tshark 4.0
// hands the frame to its LLC dissector: Protocol "LLC" and Info the
// control field's summary ("U, func=UI") with packet-llc.c's note of a
// SNAP header, until what is inside writes its own. Hand-written: gopacket
// has no layer for this link type.

const LinkATMRFC1483 uint16 = 11

// atmBridged are the SNAP PIDs of bridged 802.3/Ethernet under OUI
// 00-80-C2 (RFC 2684 §5.2): with and without the frame's FCS.
const (
	atmBridgedFCS   = 0x0001
	atmBridgedNoFCS = 0x0007
	atmBridgedPad   = 2
)

// atmSNAP reports an LLC/SNAP header at the start of b (DSAP and SSAP
// 0xAA, UI) and its OUI and PID.
func atmSNAP(b []byte) (oui uint32, pid uint16, ok bool) {
	if len(b) < 8 || b[0] != 0xaa || b[1] != 0xaa || b[2] != 0x03 {
		return 0, 0, false
	}
	return uint32(b[3])<<16 | uint32(b[4])<<8 | uint32(b[5]), binary.BigEndian.Uint16(b[6:]), true
}

// atmLLC reads the packet behind an RFC 1483 LLC header. LLC that is not
// routed or bridged SNAP goes to the LLC dissector, which the walk finds
// under a length-as-type as it does for 802.3.
func (h *Headers) atmLLC(b []byte) {
	oui, pid, ok := atmSNAP(b)
	switch {
	case ok && oui == 0:
		h.etherType(pid, b[8:])
	case ok && oui == frOUIIEEE && (pid == atmBridgedNoFCS || pid == atmBridgedFCS) && len(b) >= 8+atmBridgedPad:
		h.ethernet(b[8+atmBridgedPad:])
	case len(b) > 0:
		h.EtherType, h.LinkPayload = uint16(min(len(b), 1500)), b
	}
}

// describeATM names an RFC 1483 frame that carries no IP: LLC's own
// columns, which the LLC dissector and what it hands on may replace.
func describeATM(h *Headers) (string, string, bool) {
	if h.Link != LinkATMRFC1483 || h.Net != 0 {
		return "", "", false
	}
	b := h.raw
	const mal = malformedMark
	if len(b) < 3 {
		return "LLC", mal, true
	}
	n := xdlcLen(b[2])
	if len(b) < 2+n {
		return "LLC", mal, true
	}
	info, _ := xdlcSummary(b[2:], b[1]&1 != 0)
	if b[0] == 0xaa && b[1] == 0xaa && n == 1 {
		if len(b) < 8 {
			return "LLC", info + mal, true
		}
		oui, pid, _ := atmSNAP(b)
		if oui == 0 && !frSNAPKnown(pid) {
			if d := registry.etherType[EtherType(pid)]; d == nil {
				return "LLC", fmt.Sprintf("%s; SNAP, OUI 0x%06X (Officially Xerox, but 0:0:0:0:0:0 is more common), PID 0x%04X", info, oui, pid), true
			}
			return "", "", false
		}
	}
	return "LLC", info, true
}

// atmLLC is the details tree of an RFC 1483 frame: the LLC/SNAP header and
// what it carries; other LLC frames get their tree from the LLC dissector.
func (d *dissector) atmLLC() {
	oui, pid, ok := atmSNAP(d.data)
	switch {
	case ok && oui == 0:
		d.llc(0, len(d.data))
	case ok && oui == frOUIIEEE && (pid == atmBridgedNoFCS || pid == atmBridgedFCS) && d.has(8, atmBridgedPad):
		d.out = append(d.out, Field{Name: "llc", Label: "Logical-Link Control", Len: 8, Children: []Field{
			{Name: "llc.dsap", Label: "DSAP: SNAP (0xaa)", Start: 0, Len: 1, Num: 0xaa},
			{Name: "llc.ssap", Label: "SSAP: SNAP (0xaa)", Start: 1, Len: 1, Num: 0xaa},
			{Name: "llc.control", Label: "Control field: U, func=UI (0x03)", Start: 2, Len: 1, Num: 3},
			UintField("llc.oui", "Organization Code: 00:80:c2 (IEEE)", 3, 3, uint64(oui)),
			UintField("llc.pid", fmt.Sprintf("Protocol ID: 0x%04x", pid), 6, 2, uint64(pid)),
		}})
		d.ethernet(8 + atmBridgedPad)
	default:
		d.rest(0)
	}
}
