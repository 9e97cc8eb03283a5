package decode

import (
	"encoding/binary"
	"fmt"
)

// The control frames whose length depends on their contents: Trigger,
// VHT/HE NDP Announcement, Block Ack Request and Block Ack of every kind,
// Control Wrapper and the DMG Control Frame Extension (IEEE 802.11-2020
// §9.3.1, 802.11ax-2021 §9.3.1.22). tshark shows a frame's flags in Info
// only once its dissector has read all of these fields, and marks the frame
// malformed where they run past its end; the rules below were read back
// from crafted frames (testdata/app/lab__wlan-control-crafted.pcap).

// Control frame subtypes ladder reads beyond the header.
const (
	wlanTrigger      = 2
	wlanNDPAnnounce  = 5
	wlanCtrlExt      = 6
	wlanCtrlWrapper  = 7
	wlanTACKReserved = 3
)

// wlanTriggerNames are the Trigger frame types (802.11ax-2021 table 9-31c)
// as tshark 4.0 writes them after "Trigger ".
var wlanTriggerNames = [9]string{"Basic", "Beamforming Report Poll (BRP)", "MU-BAR", "MU-RTS",
	"Buffer Status Report Poll (BSRP)", "GCR MU-BAR", "Bandwidth Query Report Poll (BQRP)",
	"NDP Feedback Report Poll (NFRP)", "Ranging"}

// wlanCtrlExtNames name the DMG Control Frame Extension subtypes (frame
// control bits 8-11); the others are reserved.
var wlanCtrlExtNames = map[byte]string{2: "Poll", 3: "Service Period Request", 4: "Grant", 5: "DMG Clear-to-send",
	6: "DMG Denial-to-send", 7: "Grant Acknowledgment", 8: "Sector Sweep", 9: "Sector Sweep Feedback",
	10: "Sector Sweep Acknowledgment"}

// wlanCtrlExtLen is each extension subtype's length: its header and fixed
// fields.
var wlanCtrlExtLen = map[byte]int{2: 18, 3: 23, 4: 23, 5: 16, 6: 22, 7: 23, 8: 22, 9: 24, 10: 24}

// wlanControlName is the Info column's name of a control frame b (at least
// two bytes): Trigger frames add their type once the frame holds it, NDP
// Announcements their sounding dialog token.
func wlanControlName(b []byte, sub int) string {
	switch sub {
	case wlanTrigger:
		if len(b) > 16 {
			if t := int(b[16] & 0xf); t < len(wlanTriggerNames) {
				name := "Trigger " + wlanTriggerNames[t]
				if t == 8 && len(b) > 24 {
					name += ": " + wlanRangingSubvariant(b[24]&0xf)
				}
				return name
			}
			return "Trigger Reserved"
		}
		return "Trigger"
	case wlanNDPAnnounce:
		if len(b) > 16 {
			return fmt.Sprintf("VHT/HE NDP Announcement, Sounding Dialog Token=%d", b[16])
		}
		return "VHT/HE NDP Announcement"
	case wlanCtrlExt:
		if name, ok := wlanCtrlExtNames[b[1]&0xf]; ok {
			return name
		}
		return wlanReserved
	}
	name, _ := wlanFrameName(wlanTypeCtrl, sub)
	return name
}

// wlanControlNeed is how many bytes control frame b must hold for tshark to
// read all of its fields; more than len(b) when b is cut short (a list of
// Trigger user fields or Multi-STA Block Ack records ends inside an entry).
func wlanControlNeed(b []byte, sub int) int {
	switch sub {
	case 0, 1:
		return 10
	case wlanTACKReserved:
		return 22
	case wlanTrigger:
		return wlanTriggerNeed(b)
	case wlanBFReportPoll:
		return 17
	case wlanNDPAnnounce:
		if len(b) < 17 {
			return 17
		}
		size := 2 // VHT STA Info; HE and ranging announcements use 4 bytes
		if b[16]&3 != 0 {
			size = 4
		}
		if rest := len(b) - 17; rest == 0 || rest%size != 0 {
			return len(b) + size - rest%size
		}
		return len(b)
	case wlanCtrlExt:
		if n, ok := wlanCtrlExtLen[b[1]&0xf]; ok {
			return n
		}
		return 10
	case wlanCtrlWrapper:
		return wlanWrapperNeed(b)
	case wlanBlockAckReq, wlanBlockAck:
		return wlanBlockAckNeed(b, sub == wlanBlockAckReq)
	}
	return wlanHeaderLen(wlanTypeCtrl, sub, b[1])
}

// wlanTriggerNeed walks a Trigger frame: the 8-byte Common Info, then at
// least one User Info field (5 bytes and the type's trigger-dependent part)
// and more while 5 bytes remain, up to padding (AID12 4095). Ranging and
// GCR MU-BAR triggers end with their common fields; reserved types are not
// read past their type.
func wlanTriggerNeed(b []byte) int {
	if len(b) < 17 {
		return 17
	}
	t := b[16] & 0xf
	switch {
	case t == 8:
		// Ranging: the subvariant byte; a Secured Sounding one reads a
		// further field tshark 4.0 finds cut
		if len(b) > 24 && b[24]&0xf == 2 {
			return len(b) + 1
		}
		return 25
	case t == 5:
		return 34
	case t > 8:
		return 17
	}
	off := 24
	if len(b) < off {
		return off
	}
	for {
		if len(b)-off >= 2 && binary.LittleEndian.Uint16(b[off:])&0xfff == 4095 {
			return off
		}
		n := 5
		switch t {
		case 0, 1: // Basic and BRP: one trigger-dependent byte
			n++
		case 2: // MU-BAR: a Block Ack Request's control and information
			if len(b) < off+7 {
				return off + 7
			}
			n += 2 + wlanBARInfoLen(binary.LittleEndian.Uint16(b[off+5:]))
		}
		if off+n > len(b) {
			return off + n
		}
		off += n
		if len(b)-off < 5 {
			return off
		}
	}
}

// wlanBARInfoLen is the length of the BAR Information that follows a BAR
// control field ctl: a starting sequence control for basic and compressed
// requests, one per TID for Multi-TID, and a group address for GCR.
func wlanBARInfoLen(ctl uint16) int {
	switch ctl >> 1 & 0xf {
	case 0, 1, 2:
		return 2
	case 3:
		return int(ctl>>12+1) * 4
	case 6:
		return 8
	}
	return 0
}

// wlanBlockAckNeed is the length of a Block Ack Request (bar) or Block Ack
// by its type (Block Ack control bits 1-4): the starting sequence control
// and bitmap, per-TID records, a GCR group address, or the Multi-STA list
// of per-AID records.
func wlanBlockAckNeed(b []byte, bar bool) int {
	if len(b) < 18 {
		return 18
	}
	ctl := binary.LittleEndian.Uint16(b[16:])
	switch ctl >> 1 & 0xf {
	case 0: // basic: a 128-byte bitmap
		if bar {
			return 20
		}
		return 148
	case 1: // extended compressed: 8-byte bitmap and RBUFCAP
		if bar {
			return 20
		}
		return 29
	case 2: // compressed: the bitmap's size is in the fragment number
		if bar || len(b) < 20 {
			return 20
		}
		return 20 + [4]int{8, 0, 32, 0}[b[18]>>1&3]
	case 3: // Multi-TID
		tids := int(ctl>>12) + 1
		if bar {
			return 18 + tids*4
		}
		return 18 + tids*12
	case 6: // GCR
		if bar {
			return 26
		}
		return 34
	case 11: // Multi-STA
		return wlanMultiSTANeed(b)
	}
	return 18
}

// wlanMultiSTANeed walks a Multi-STA Block Ack's per-AID TID records: AID
// 2045 carries a reserved field and an address, an acknowledgement of a
// TID below 8 a starting sequence control and a bitmap sized by its
// fragment number, any other record only its AID TID Info.
func wlanMultiSTANeed(b []byte) int {
	off := 18
	for off < len(b) {
		if len(b)-off < 2 {
			return off + 2
		}
		info := binary.LittleEndian.Uint16(b[off:])
		n := 2
		switch {
		case info&0x7ff == 2045:
			n = 12
		case info>>11&1 == 0 && info>>12 < 8:
			if len(b) < off+4 {
				return off + 4
			}
			n = 4 + [4]int{8, 16, 32, 4}[b[off+2]>>1&3]
			// tshark reads eight bytes of a 4-byte bitmap to list the
			// missing frames, so they must be there
			if n == 8 && off+12 > len(b) {
				return off + 12
			}
		}
		if off+n > len(b) {
			return off + n
		}
		off += n
	}
	return off
}

// wlanWrapperNeed is a Control Wrapper's length: its header, the carried
// frame's control field and HT Control, then what the carried frame adds
// to that header (a transmitter address, a Block Ack Request's or Block
// Ack's fields), and never less than 20 bytes.
func wlanWrapperNeed(b []byte) int {
	if len(b) < 16 {
		return 16
	}
	tail := 0
	if b[10]>>2&3 == wlanTypeCtrl {
		switch int(b[10] >> 4) {
		case wlanRTS, wlanPSPoll, wlanCFEnd, wlanCFEndAck:
			tail = 6
		case wlanBlockAckReq:
			tail = 10
		case wlanBlockAck:
			tail = 18
		}
	}
	return max(16+tail, 20)
}

// wlanRangingSubvariant names a Ranging Trigger's subvariant (802.11az).
func wlanRangingSubvariant(v byte) string {
	if v < 5 {
		return [5]string{"Poll", "Sounding", "Secured Sounding", "Report", "Passive TB Measurement Exchange"}[v]
	}
	return "Reserved"
}
