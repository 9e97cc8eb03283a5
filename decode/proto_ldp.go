package decode

import (
	"encoding/binary"
	"fmt"
	"net/netip"
)

// LDP, the Label Distribution Protocol (RFC 5036): Hello messages on UDP
// 646, the session's PDUs on TCP 646. Each PDU is a 10-byte header (version,
// length, LDP identifier) and messages; Info lists the PDU's messages each
// followed by a space ("Label Mapping Message Label Mapping Message "), as
// packet-ldp.c appends them, and a segment of several PDUs shows only the
// last one's, as packet-ldp.c clears the column per PDU. Hand-written:
// gopacket has no LDP layer.

const (
	portLDP      = 646
	ldpHeaderLen = 10 // version, PDU length, LSR ID, label space ID
	ldpMsgHdrLen = 8  // U bit and type, length, message ID
	ldpMaxPDU    = 1 << 16
)

var ldp = &Dissector{
	Name:    "ldp",
	Dissect: dissectLDP,
	PDULen:  ldpPDULen,
	Fields: []FieldDef{
		{Name: "ldp.hdr.version", Desc: "Version", Kind: FieldUint, Bits: 16},
		{Name: "ldp.hdr.pdu_len", Desc: "PDU length", Kind: FieldUint, Bits: 16},
		{Name: "ldp.hdr.ldpid.lsr", Desc: "LSR ID", Kind: FieldIPv4},
		{Name: "ldp.hdr.ldpid.lsid", Desc: "Label space ID", Kind: FieldUint, Bits: 16},
		{Name: "ldp.msg.ubit", Desc: "Unknown-message bit", Kind: FieldBool},
		{Name: "ldp.msg.type", Desc: "Message type", Kind: FieldUint, Bits: 16},
		{Name: "ldp.msg.len", Desc: "Message length", Kind: FieldUint, Bits: 16},
		{Name: "ldp.msg.id", Desc: "Message ID", Kind: FieldUint, Bits: 32},
	},
}

func init() {
	RegisterTCP(ldp, portLDP)
	RegisterUDP(ldp, portLDP)
}

var ldpMessages = map[uint16]string{0x0001: "Notification Message", 0x0100: "Hello Message", 0x0200: "Initialization Message",
	0x0201: "Keep Alive Message", 0x0202: "Capability Message", 0x0300: "Address Message", 0x0301: "Address Withdrawal Message",
	0x0400: "Label Mapping Message", 0x0401: "Label Request Message", 0x0402: "Label Withdrawal Message",
	0x0403: "Label Release Message", 0x0404: "Label Abort Request Message"}

// ldpPDULen is the PDU's length from its header: 4 bytes plus the PDU
// length field.
func ldpPDULen(c *Conv, _ uint8, b []byte) int {
	if len(b) < 4 {
		return 0
	}
	if binary.BigEndian.Uint16(b) != 1 {
		return PDUReject
	}
	return 4 + int(binary.BigEndian.Uint16(b[2:]))
}

func ldpMessageName(t uint16) string {
	if s, ok := ldpMessages[t]; ok {
		return s
	}
	switch {
	case ldpVendorOrExperimental(t) && t < 0x3f00:
		return fmt.Sprintf("Vendor-Private Message (0x%04X)", t)
	case ldpVendorOrExperimental(t):
		return fmt.Sprintf("Experimental Message (0x%04X)", t)
	}
	return fmt.Sprintf("Unknown Message (0x%04X)", t)
}

// ldpVendorOrExperimental reports a vendor-private (0x3e00-0x3eff) or
// experimental (0x3f00-0x3fff) message type, whose body starts with a
// 4-byte vendor or experiment ID (RFC 5036 §3.6).
func ldpVendorOrExperimental(t uint16) bool { return t >= 0x3e00 && t <= 0x3fff }

func dissectLDP(p *PDU, out *Out) bool {
	b := p.Data
	if len(b) < ldpHeaderLen || binary.BigEndian.Uint16(b) != 1 {
		return false
	}
	out.SetProto("LDP")
	end := min(4+int(binary.BigEndian.Uint16(b[2:])), len(b))
	info := ""
	var msgs []Field
	for at := ldpHeaderLen; at+4 <= end; {
		t := binary.BigEndian.Uint16(b[at:]) & 0x7fff
		n := int(binary.BigEndian.Uint16(b[at+2:]))
		least := 4
		if ldpVendorOrExperimental(t) {
			least += 4
		}
		if n < least {
			// packet-ldp.c stops at a message too short for its type
			info += "Bad Message Length "
			break
		}
		name := ldpMessageName(t)
		info += name + " "
		if out.WantTree && at+ldpMsgHdrLen <= end {
			u := uint64(b[at] >> 7)
			ubit := "Unknown bit not set"
			if u != 0 {
				ubit = "Unknown bit set"
			}
			id := binary.BigEndian.Uint32(b[at+4:])
			msgs = append(msgs, Field{Label: name, Start: at, Len: min(n+4, end-at), Children: []Field{
				{Name: "ldp.msg.ubit", Label: fmt.Sprintf("%s = U bit: %s", bitString(uint32(b[at]), 8, 0x80), ubit), Start: at, Len: 1, Kind: FieldBool, Num: u},
				UintField("ldp.msg.type", fmt.Sprintf("Message Type: %s (0x%X)", name, t), at, 2, uint64(t)),
				UintField("ldp.msg.len", fmt.Sprintf("Message Length: %d", n), at+2, 2, uint64(n)),
				UintField("ldp.msg.id", fmt.Sprintf("Message ID: 0x%08x", id), at+4, 4, uint64(id)),
			}})
		}
		at += 4 + n
	}
	out.SetInfo(info)
	if !out.WantTree {
		return true
	}
	lsr := netip.AddrFrom4([4]byte(b[4:8]))
	f := Field{Name: "ldp", Label: "Label Distribution Protocol", Len: end, Kind: FieldProto, Children: []Field{
		UintField("ldp.hdr.version", fmt.Sprintf("Version: %d", binary.BigEndian.Uint16(b)), 0, 2, uint64(binary.BigEndian.Uint16(b))),
		UintField("ldp.hdr.pdu_len", fmt.Sprintf("PDU Length: %d", binary.BigEndian.Uint16(b[2:])), 2, 2, uint64(binary.BigEndian.Uint16(b[2:]))),
		{Name: "ldp.hdr.ldpid.lsr", Label: "LSR ID: " + lsr.String(), Start: 4, Len: 4, Kind: FieldIPv4, Num: uint64(binary.BigEndian.Uint32(b[4:]))},
		UintField("ldp.hdr.ldpid.lsid", fmt.Sprintf("Label Space ID: %d", binary.BigEndian.Uint16(b[8:])), 8, 2, uint64(binary.BigEndian.Uint16(b[8:]))),
	}}
	f.Children = append(f.Children, msgs...)
	out.Add(f)
	return true
}
