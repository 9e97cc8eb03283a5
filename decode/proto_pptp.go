package decode

import (
	"encoding/binary"
	"strconv"
)

// PPTP (RFC 2637) control connections as Wireshark 4.0 shows them: the
// Info column names the control message ("Outgoing-Call-Request"); each
// message is delimited by its length field. The calls' PPP frames travel
// in enhanced GRE (tunnel.go, proto_ppp.go). Hand-written: gopacket has no
// PPTP layer. The tree carries the common header; the message bodies
// (host and vendor names, call IDs) are left as they are.

// pptpPort is tshark -G decodes' tcp.port entry for pptp.
const pptpPort = 1723

// pptpMagic is the magic cookie every message carries (RFC 2637 §2.1).
const pptpMagic = 0x1a2b3c4d

// pptpControlTypes are RFC 2637 §2's control message names.
var pptpControlTypes = map[uint16]string{1: "Start-Control-Connection-Request", 2: "Start-Control-Connection-Reply",
	3: "Stop-Control-Connection-Request", 4: "Stop-Control-Connection-Reply", 5: "Echo-Request", 6: "Echo-Reply",
	7: "Outgoing-Call-Request", 8: "Outgoing-Call-Reply", 9: "Incoming-Call-Request", 10: "Incoming-Call-Reply",
	11: "Incoming-Call-Connected", 12: "Call-Clear-Request", 13: "Call-Disconnect-Notify", 14: "WAN-Error-Notify",
	15: "Set-Link-Info"}

// pptpPDULen reads a message's length; a length below the header's is not
// PPTP's.
func pptpPDULen(c *Conv, dir uint8, b []byte) int {
	if len(b) < 2 {
		return 0
	}
	n := int(binary.BigEndian.Uint16(b))
	if n < 2 {
		return len(b)
	}
	return n
}

func pptpDissect(p *PDU, out *Out) bool {
	b := p.Data
	out.SetProto("PPTP")
	if len(b) < 10 {
		out.SetInfo("Unknown control type (0)")
		return true
	}
	ct := binary.BigEndian.Uint16(b[8:])
	name, ok := pptpControlTypes[ct]
	if !ok {
		name = "Unknown control type (" + strconv.Itoa(int(ct)) + ")"
	}
	out.SetInfo(name)
	if !out.WantTree {
		return true
	}
	length, mt, magic := binary.BigEndian.Uint16(b), binary.BigEndian.Uint16(b[2:]), binary.BigEndian.Uint32(b[4:])
	mtName := "Unknown"
	switch mt {
	case 1:
		mtName = "Control Message"
	case 2:
		mtName = "Management Message"
	}
	check := "(correct)"
	if magic != pptpMagic {
		check = "(incorrect)"
	}
	if !ok {
		name = "Unknown"
	}
	out.Add(Field{Name: "pptp", Label: "Point-to-Point Tunnelling Protocol", Start: 0, Len: min(p.Len, len(b)), Kind: FieldProto,
		Children: []Field{
			UintField("pptp.length", "Length: "+strconv.Itoa(int(length)), 0, 2, uint64(length)),
			UintField("pptp.type", "Message type: "+mtName+" ("+strconv.Itoa(int(mt))+")", 2, 2, uint64(mt)),
			UintField("pptp.magic_cookie", "Magic Cookie: 0x"+hex8(magic)+" "+check, 4, 4, uint64(magic)),
			UintField("pptp.control_message_type", "Control Message Type: "+name+" ("+strconv.Itoa(int(ct))+")", 8, 2, uint64(ct)),
		}})
	return true
}

var pptpDissector = &Dissector{
	Name:    "pptp",
	Dissect: pptpDissect,
	PDULen:  pptpPDULen,
	Fields: []FieldDef{
		{Name: "pptp.length", Desc: "Length", Kind: FieldUint, Bits: 16},
		{Name: "pptp.type", Desc: "Message type", Kind: FieldUint, Bits: 16},
		{Name: "pptp.magic_cookie", Desc: "Magic Cookie", Kind: FieldUint, Bits: 32},
		{Name: "pptp.control_message_type", Desc: "Control Message Type", Kind: FieldUint, Bits: 16},
	},
}

func init() {
	RegisterTCP(pptpDissector, pptpPort)
}
