package decode

import (
	"fmt"
	"strconv"
)

// COTP, the ISO 8073 / ITU-T X.224 connection-oriented transport protocol,
// inside TPKT. Ladder reads the TPDUs RDP uses (X.224 class 0, MS-RDPBCGR
// §2.2.1.1-2): Connection Request and Confirm, whose bytes after the fixed
// part RDP reads (its routing token or cookie and negotiation message), and
// Data. The Info text is packet-cotp.c's ("CC TPDU src-ref: 0x1234 dst-ref:
// 0x0000") unless RDP's reading of the connection TPDUs replaces it.
// Hand-written: gopacket has no COTP.

// cotpType is an X.224 TPDU code (the high nibble of the second byte).
type cotpType uint8

const (
	cotpCC cotpType = 0x0d // Connection Confirm
	cotpCR cotpType = 0x0e // Connection Request
	cotpDR cotpType = 0x08 // Disconnect Request
	cotpDT cotpType = 0x0f // Data
	cotpED cotpType = 0x01 // Expedited Data
	cotpER cotpType = 0x07 // TPDU Error

	cotpConnFixedLen = 7 // LI, code, DST-REF, SRC-REF, class and options
)

var cotpTypeNames = map[cotpType]string{cotpCC: "CC Connect Confirm", cotpCR: "CR Connect Request",
	cotpDR: "DR Disconnect Request", 0x0c: "DC Disconnect Confirm", cotpDT: "DT Data", cotpED: "ED Expedited Data",
	0x06: "AK Data Acknowledgement", 0x02: "EA Expedited Data Acknowledgement", 0x05: "RJ Reject", cotpER: "ER TPDU Error"}

// dissectCOTP reads the TPDU at b[off:] of a TPKT.
func dissectCOTP(p *PDU, out *Out, off int) {
	b := p.Data
	out.SetProto("COTP")
	if off+2 > len(b) {
		out.SetInfo(malformedMark)
		return
	}
	li := int(b[off])
	code := cotpType(b[off+1] >> 4)
	name, ok := cotpTypeNames[code]
	if !ok {
		name = "Unknown"
	}
	hdrLen := min(li+1, len(b)-off)
	f := Field{Name: "cotp", Label: "ISO 8073/X.224 COTP Connection-Oriented Transport Protocol", Start: off, Len: hdrLen, Kind: FieldProto}
	f.Children = append(f.Children,
		UintField("cotp.li", "Length: "+strconv.Itoa(li), off, 1, uint64(li)),
		UintField("cotp.type", fmt.Sprintf("PDU Type: %s (0x%02x)", name, uint8(code)), off+1, 1, uint64(code)))
	switch code {
	case cotpCR, cotpCC:
		if li+1 < cotpConnFixedLen || off+cotpConnFixedLen > len(b) {
			out.SetInfo(malformedMark)
			break
		}
		dst := uint16(b[off+2])<<8 | uint16(b[off+3])
		src := uint16(b[off+4])<<8 | uint16(b[off+5])
		opts := b[off+6]
		f.Children = append(f.Children,
			UintField("cotp.destref", fmt.Sprintf("Destination reference: 0x%04x", dst), off+2, 2, uint64(dst)),
			UintField("cotp.srcref", fmt.Sprintf("Source reference: 0x%04x", src), off+4, 2, uint64(src)),
			UintField("cotp.class", fmt.Sprintf("%s = Class: %d", bitString(uint32(opts), 8, 0xf0), opts>>4), off+6, 1, uint64(opts>>4)),
			Field{Name: "cotp.opts.extended_formats", Label: bitString(uint32(opts), 8, 0x02) + " = Extended formats: " + trueFalse(opts&0x02 != 0),
				Start: off + 6, Len: 1, Kind: FieldBool, Num: uint64(opts >> 1 & 1)},
			Field{Name: "cotp.opts.no_explicit_flow_control", Label: bitString(uint32(opts), 8, 0x01) + " = No explicit flow control: " + trueFalse(opts&0x01 != 0),
				Start: off + 6, Len: 1, Kind: FieldBool, Num: uint64(opts & 1)})
		out.SetInfo(fmt.Sprintf("%s TPDU src-ref: 0x%04x dst-ref: 0x%04x", name[:2], src, dst))
		if out.WantTree {
			out.Add(f)
		}
		// RDP's cookie and negotiation message lie in the TPDU's
		// variable part, up to the length indicator's end
		end := min(off+li+1, len(b))
		if start := off + cotpConnFixedLen; start < end {
			dissectRDPConnect(p, out, code, start, end)
		}
		return
	case cotpDT:
		if li < 2 || off+3 > len(b) {
			out.SetInfo(malformedMark)
			break
		}
		n := b[off+2]
		eot := "No"
		if n&0x80 != 0 {
			eot = "Yes"
		}
		f.Children = append(f.Children,
			UintField("cotp.tpdu-number", fmt.Sprintf("%s = TPDU number: 0x%02x", bitString(uint32(n), 8, 0x7f), n&0x7f), off+2, 1, uint64(n&0x7f)),
			Field{Name: "cotp.eot", Label: bitString(uint32(n), 8, 0x80) + " = Last data unit: " + eot, Start: off + 2, Len: 1, Kind: FieldBool, Num: uint64(n >> 7)})
		if out.WantTree {
			out.Add(f)
		}
		// COTP's heuristic subdissectors: S7comm claims a TPDU that
		// begins with its protocol id
		if start := off + hdrLen; n&0x80 != 0 && start < len(b) && s7commHeuristic(b[start:]) {
			dissectS7comm(p, out, start)
			return
		}
		// packet-cotp.c: "DT TPDU (0) EOT", or the fragment's size when
		// more data units follow
		if n&0x80 != 0 {
			out.SetInfo(fmt.Sprintf("DT TPDU (%d) EOT", n&0x7f))
		} else {
			data := max(len(b)-off-hdrLen, 0)
			out.SetInfo(fmt.Sprintf("DT TPDU (%d) [COTP fragment, %d byte%s]", n&0x7f, data, plural(data, "", "s")))
		}
		// a whole MCS PDU follows the last data unit
		if n&0x80 != 0 && off+hdrLen < len(b) && t125Heuristic(b[off+hdrLen:]) {
			dissectT125(p, out, off+hdrLen)
		}
		return
	default:
		out.SetInfo(name[:2] + " TPDU")
	}
	if out.WantTree {
		out.Add(f)
	}
}
