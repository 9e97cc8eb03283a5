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

// llcSAPNames are the service access points as packet-llc.c's sap_vals
// names them (TestLLCNamesMatchTshark).
var llcSAPNames = map[byte]string{
	0x00: "NULL LSAP",
	0x01: "NULL LSAP",
	0x02: "LLC Sub-Layer Management",
	0x04: "SNA Path Control",
	0x06: "TCP/IP",
	0x08: "SNA",
	0x0c: "SNA",
	0x0e: "PROWAY (IEC955) Network Management and Initialization",
	0x10: "NetWare (unofficial?)",
	0x14: "ISO Network Layer (OSLAN 1)",
	0x18: "Texas Instruments",
	0x20: "ISO Network Layer (unofficial?)",
	0x34: "ISO Network Layer (unofficial?)",
	0x42: "Spanning Tree BPDU",
	0x4e: "EIA RS-511 Manufacturing Message Service",
	0x54: "ISO Network Layer (OSLAN 2)",
	0x7e: "ISO 8208 (X.25 over 802.2)",
	0x7f: "ISO 802.2",
	0x80: "XNS",
	0x82: "BACnet",
	0x86: "Nestar",
	0x8e: "PROWAY (IEC955) Active Station List Maintenance",
	0x98: "ARP",
	0xaa: "SNAP",
	0xb4: "HP JetDirect Printer",
	0xba: "Banyan Vines",
	0xbc: "Banyan Vines",
	0xe0: "NetWare",
	0xf0: "NetBIOS",
	0xf4: "IBM Net Management",
	0xf8: "HP Extended LLC",
	0xfa: "Ungermann-Bass",
	0xfc: "Remote Program Load",
	0xfe: "ISO Network Layer",
	0xff: "Global LSAP",
}

// sapName names a SAP (its group or command/response bit aside).
func sapName(sap byte) string {
	if n, ok := llcSAPNames[sap&^1]; ok {
		return n
	}
	return "Unknown"
}

// sapInfo is a SAP in the Info column: its name, or its number.
func sapInfo(sap byte) string {
	if n, ok := llcSAPNames[sap&^1]; ok {
		return n
	}
	return fmt.Sprintf("0x%02x", sap&^1)
}

func dissectLLC(p *PDU, out *Out) bool {
	b := p.Data
	if len(b) < 3 {
		// an 802.3 length too short for the LLC header (tshark 4.0 on
		// lab__encap-crafted)
		out.SetProto("LLC")
		out.SetInfo(malformedMark)
		return true
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
		{Name: "llc.control", Label: fmt.Sprintf("Control field: %s (0x%02x)", llcControl(b[2:hl], ssap&1 != 0), llcControlValue(b[2:hl])), Start: 2, Len: hl - 2},
	}}
	layer.Children[0].Children = []Field{{Label: fmt.Sprintf(".... ...%d = IG Bit: %s", dsap&1, ig), Start: 0, Len: 1}}
	layer.Children[1].Children = []Field{{Label: fmt.Sprintf(".... ...%d = CR Bit: %s", ssap&1, cr), Start: 1, Len: 1}}
	rest := b[hl:]
	sub := PDU{Data: rest, Len: len(rest), Off: -1, Frame: p.Frame, Time: p.Time, Segments: p.Segments}
	var next *Dissector
	var info string
	if dsap == llcSAPSNAP && ssap&^1 == llcSAPSNAP && hl == 3 && len(rest) < 5 {
		// packet-llc.c reads the SNAP header past the end and throws
		layer.Len = len(b)
		out.Add(layer)
		out.SetProto("LLC")
		out.SetInfo(llcControl(b[2:hl], ssap&1 != 0) + malformedMark)
		return true
	}
	switch {
	case dsap == llcSAPSNAP && ssap&^1 == llcSAPSNAP && hl == 3 && len(rest) >= 5:
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
	case dsap == llcSAPSTP:
		next = stp
	case dsap == llcSAPOSI:
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
		info = fmt.Sprintf("; DSAP %s %s, SSAP %s %s", sapInfo(dsap), ig, sapInfo(ssap), cr)
	}
	out.SetInfo(llcControl(b[2:hl], ssap&1 != 0) + info)
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

// llcControl describes a control field as packet-xdlc.c does in 802.2's
// extended mode: an I frame's sequence numbers, an S frame's function and
// receive number, a U frame's function (whose abbreviation depends on
// command or response), and the poll/final bit as " P" or " F".
func llcControl(c []byte, response bool) string {
	ctl := c[0]
	pf := func(bit bool) string {
		switch {
		case !bit:
			return ""
		case response:
			return " F"
		}
		return " P"
	}
	switch {
	case ctl&1 == 0 && len(c) == 2:
		// tshark 4.0 writes an I frame's poll/final bit as " P" either way
		p := ""
		if c[1]&1 != 0 {
			p = " P"
		}
		return fmt.Sprintf("I%s, N(R)=%d, N(S)=%d", p, c[1]>>1, ctl>>1)
	case ctl&3 == 1 && len(c) == 2:
		return fmt.Sprintf("S%s, func=%s, N(R)=%d", pf(c[1]&1 != 0), [4]string{"RR", "RNR", "REJ", "SREJ"}[ctl>>2&3], c[1]>>1)
	}
	names := llcUCommands
	if response {
		names = llcUResponses
	}
	name, ok := names[ctl&0xec]
	if !ok {
		name = "Unknown"
	}
	return "U" + pf(ctl&0x10 != 0) + ", func=" + name
}

// llcUCommands and llcUResponses abbreviate the U frames' modifiers
// (control bits 0xEC) as packet-xdlc.c's Info does.
var (
	llcUCommands = map[byte]string{0x00: "UI", 0x20: "UP", 0x40: "DISC", 0x60: "UA", 0x80: "SNRM", 0xe0: "TEST",
		0x04: "SIM", 0x84: "FRMR", 0xc4: "CFGR", 0x0c: "SARM", 0x2c: "SABM", 0x4c: "SARME", 0x6c: "SABME",
		0x8c: "RESET", 0xac: "XID", 0xcc: "SNRME", 0xec: "BCN"}
	llcUResponses = func() map[byte]string {
		m := map[byte]string{0x40: "RD", 0x04: "RIM", 0x0c: "DM"}
		for k, v := range llcUCommands {
			if _, ok := m[k]; !ok {
				m[k] = v
			}
		}
		return m
	}()
)

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
