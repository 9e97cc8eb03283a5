package decode

import (
	"encoding/binary"
	"fmt"
)

// IEEE 802.2 Logical-Link Control, the header of 802.3 frames (whose type
// field is a length): a destination and source service access point, a
// control field, and for SAP 0xAA a SNAP header naming an organisation
// and a protocol. Spanning tree rides on SAP 0x42, CDP and DTP on Cisco's
// SNAP protocol IDs.

// EtherType8023 is the pseudo Ethernet type under which the LLC dissector
// registers: 802.3 frames carry a length where Ethernet II has a type.
const EtherType8023 EtherType = 0

// LLC service access points and SNAP values ladder dissects.
const (
	llcSAPSTP  = 0x42
	llcSAPSNAP = 0xaa
	llcSAPOSI  = 0xfe // ISO network layer: the PDU's first byte (NLPID) names it
	ouiCisco   = 0x00000c
	pidCDP     = 0x2000
	pidDTP     = 0x2004
	pidPVSTP   = 0x010b // Cisco's per-VLAN spanning tree BPDUs
	ouiNortel  = 0x000081
)

var llc = &Dissector{
	Name:    "llc",
	Dissect: dissectLLC,
	Fields: []FieldDef{
		{Name: "llc.dsap", Desc: "LLC destination service access point", Kind: FieldUint, Bits: 8},
		{Name: "llc.ssap", Desc: "LLC source service access point", Kind: FieldUint, Bits: 8},
		{Name: "llc.oui", Desc: "SNAP organisation code", Kind: FieldUint, Bits: 32},
		{Name: "llc.pid", Desc: "SNAP protocol ID", Kind: FieldUint, Bits: 16},
		{Name: "llc.cisco_pid", Desc: "SNAP protocol ID of Cisco's organisation code", Kind: FieldUint, Bits: 16},
	},
}

func init() { RegisterEtherType(llc, EtherType8023) }

func sapName(sap byte) string {
	switch sap &^ 1 {
	case llcSAPSTP:
		return "Spanning Tree BPDU"
	case llcSAPSNAP:
		return "SNAP"
	case 0x06:
		return "TCP/IP"
	case 0xe0:
		return "NetWare"
	case 0xf0:
		return "NetBIOS"
	case llcSAPOSI:
		return "ISO Network Layer"
	}
	return "Unknown"
}

func dissectLLC(p *PDU, out *Out) bool {
	b := p.Data
	if len(b) < 3 {
		return false
	}
	dsap, ssap, ctl := b[0], b[1], b[2]
	hl := 3
	if ctl&3 != 3 { // I and S frames have a two-byte control field
		hl = 4
	}
	if len(b) < hl {
		return false
	}
	cr := "Command"
	if ssap&1 != 0 {
		cr = "Response"
	}
	ig := "Individual"
	if dsap&1 != 0 {
		ig = "Group"
	}
	layer := Field{Name: "llc", Label: "Logical-Link Control", Start: 0, Len: hl, Kind: FieldProto, Children: []Field{
		UintField("llc.dsap", fmt.Sprintf("DSAP: %s (0x%02x)", sapName(dsap), dsap&^1), 0, 1, uint64(dsap&^1)),
		UintField("llc.ssap", fmt.Sprintf("SSAP: %s (0x%02x)", sapName(ssap), ssap&^1), 1, 1, uint64(ssap&^1)),
		{Name: "llc.control", Label: fmt.Sprintf("Control field: %s (0x%02x)", llcControl(ctl), llcControlValue(b[2:hl])), Start: 2, Len: hl - 2},
	}}
	layer.Children[0].Children = []Field{{Label: fmt.Sprintf(".... ...%d = IG Bit: %s", dsap&1, ig), Start: 0, Len: 1}}
	layer.Children[1].Children = []Field{{Label: fmt.Sprintf(".... ...%d = CR Bit: %s", ssap&1, cr), Start: 1, Len: 1}}
	rest := b[hl:]
	sub := PDU{Data: rest, Len: len(rest), Off: -1, Frame: p.Frame, Time: p.Time, Segments: p.Segments}
	var next *Dissector
	var info string
	if dsap&^1 == llcSAPSNAP && ssap&^1 == llcSAPSNAP && hl == 3 && len(rest) < 5 {
		// packet-llc.c reads the SNAP header past the end and throws
		layer.Len = len(b)
		out.Add(layer)
		out.SetProto("LLC")
		out.SetInfo(llcControl(ctl) + malformedMark)
		return true
	}
	switch {
	case dsap&^1 == llcSAPSNAP && ssap&^1 == llcSAPSNAP && hl == 3 && len(rest) >= 5:
		oui := uint32(rest[0])<<16 | uint32(rest[1])<<8 | uint32(rest[2])
		pid := binary.BigEndian.Uint16(rest[3:])
		layer.Len += 5
		layer.Children = append(layer.Children,
			UintField("llc.oui", fmt.Sprintf("Organization Code: %02x:%02x:%02x (%s)", rest[0], rest[1], rest[2], ouiName(oui)), hl, 3, uint64(oui)),
			UintField(pidField(oui), fmt.Sprintf("PID: %s (0x%04x)", snapPIDName(oui, pid), pid), hl+3, 2, uint64(pid)))
		sub.Data, sub.Len = rest[5:], len(rest)-5
		if oui == ouiCisco {
			next = ciscoSNAP[pid]
		}
		if oui == ouiNortel && dissectNDP(pid, rest[5:], hl+5, out) {
			out.Tree = append([]Field{layer}, out.Tree...)
			return true
		}
		info = fmt.Sprintf("; SNAP, OUI 0x%06X (%s), PID 0x%04X", oui, ouiName(oui), pid)
	case dsap&^1 == llcSAPSTP:
		next = stp
	case dsap&^1 == llcSAPOSI:
		next = isis // the only OSI network-layer protocol ladder dissects
	}
	out.Add(layer)
	base := len(out.Tree)
	if next != nil && next.Dissect(&sub, out) {
		if next == stp && len(out.Tree) > base {
			// PVST+ follows the BPDU with a TLV naming the VLAN, which
			// Wireshark counts in the STP layer.
			out.Tree[base].Len = len(sub.Data)
		}
		Shift(out.Tree[base:], len(b)-len(sub.Data))
		return true
	}
	out.SetProto("LLC")
	if info == "" {
		info = fmt.Sprintf("; DSAP 0x%02x %s, SSAP 0x%02x %s", dsap&^1, ig, ssap&^1, cr)
	}
	out.SetInfo(llcControl(ctl) + info)
	return true
}

// pidField is Wireshark's name of the SNAP protocol ID field, which it
// names per organisation.
func pidField(oui uint32) string {
	if oui == ouiCisco {
		return "llc.cisco_pid"
	}
	return "llc.pid"
}

// llcControlValue is the control field's value, one or two bytes.
func llcControlValue(b []byte) int {
	if len(b) == 2 {
		return int(b[0]) | int(b[1])<<8
	}
	return int(b[0])
}

// ciscoSNAP are the dissectors of Cisco's SNAP protocol IDs; filled in by
// their files' init.
var ciscoSNAP = map[uint16]*Dissector{}

func llcControl(ctl byte) string {
	switch {
	case ctl&1 == 0:
		return "I"
	case ctl&3 == 1:
		return "S"
	}
	switch ctl &^ 0x10 {
	case 0x03:
		return "U, func=UI"
	case 0xaf:
		return "U, func=XID"
	case 0xe3:
		return "U, func=TEST"
	}
	return fmt.Sprintf("U, func=0x%02x", ctl)
}

func ouiName(oui uint32) string {
	switch oui {
	case 0:
		return "Encapsulated Ethernet"
	case ouiCisco:
		return "Cisco Systems, Inc"
	}
	return "Unknown"
}

// snapEtherOUIName is how tshark's LLC Info names the two organisation
// codes that say an EtherType follows: from its manufacturer table, not
// from the LLC value table its details use.
func snapEtherOUIName(oui uint32) string {
	if oui == 0xf8 {
		return "Digital Equipment Corporation"
	}
	return "Officially Xerox, but 0:0:0:0:0:0 is more common"
}

func snapPIDName(oui uint32, pid uint16) string {
	if oui == ouiCisco {
		switch pid {
		case pidCDP:
			return "CDP"
		case pidDTP:
			return "DTP"
		}
	}
	return "Unknown"
}
