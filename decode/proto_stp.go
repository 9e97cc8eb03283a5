package decode

import (
	"encoding/binary"
	"fmt"
	"strings"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// Spanning Tree (IEEE 802.1D), Rapid (802.1w) and Multiple (802.1s) BPDUs,
// on LLC SAP 0x42. gopacket's layers.STP decodes the 35-byte common part;
// a Topology Change Notification is 4 bytes, which it refuses, so that one
// is read here.

var stp = &Dissector{
	Name:    "stp",
	Dissect: dissectSTP,
	Fields: []FieldDef{
		{Name: "stp.protocol", Desc: "STP protocol identifier", Kind: FieldUint, Bits: 16},
		{Name: "stp.version", Desc: "STP version (0 STP, 2 RSTP, 3 MSTP)", Kind: FieldUint, Bits: 8},
		{Name: "stp.type", Desc: "BPDU type", Kind: FieldUint, Bits: 8},
		{Name: "stp.flags", Desc: "BPDU flags", Kind: FieldUint, Bits: 8},
		{Name: "stp.flags.tc", Desc: "topology change", Kind: FieldBool},
		{Name: "stp.flags.tcack", Desc: "topology change acknowledgment", Kind: FieldBool},
		{Name: "stp.flags.agreement", Desc: "RSTP agreement", Kind: FieldBool},
		{Name: "stp.flags.forwarding", Desc: "RSTP forwarding", Kind: FieldBool},
		{Name: "stp.flags.learning", Desc: "RSTP learning", Kind: FieldBool},
		{Name: "stp.flags.proposal", Desc: "RSTP proposal", Kind: FieldBool},
		{Name: "stp.flags.port_role", Desc: "RSTP port role (1 alternate/backup, 2 root, 3 designated)", Kind: FieldUint, Bits: 8},
		{Name: "stp.root.ext", Desc: "root bridge system ID extension", Kind: FieldUint, Bits: 16},
		{Name: "stp.bridge.prio", Desc: "bridge priority", Kind: FieldUint, Bits: 16},
		{Name: "stp.bridge.ext", Desc: "bridge system ID extension", Kind: FieldUint, Bits: 16},
		{Name: "stp.msg_age", Desc: "message age (s)", Kind: FieldUint, Bits: 16},
		{Name: "stp.max_age", Desc: "max age (s)", Kind: FieldUint, Bits: 16},
		{Name: "stp.hello", Desc: "hello time (s)", Kind: FieldUint, Bits: 16},
		{Name: "stp.forward", Desc: "forward delay (s)", Kind: FieldUint, Bits: 16},
		{Name: "stp.version_1_length", Desc: "version 1 length", Kind: FieldUint, Bits: 8},
		{Name: "stp.root.prio", Desc: "root bridge priority", Kind: FieldUint, Bits: 16},
		{Name: "stp.root.cost", Desc: "root path cost", Kind: FieldUint, Bits: 32},
		{Name: "stp.port", Desc: "port identifier", Kind: FieldUint, Bits: 16},
	},
}

func init() {
	register(stp)
	ciscoSNAP[pidPVSTP] = stp // PVST+ carries the same BPDU behind Cisco's SNAP header
}

// BPDU types and versions.
const (
	bpduConfig = 0x00
	bpduTCN    = 0x80
	bpduRST    = 0x02
)

func stpVersionName(v uint8) string {
	switch v {
	case 0:
		return "Spanning Tree"
	case 2:
		return "Rapid Spanning Tree"
	case 3:
		return "Multiple Spanning Tree"
	}
	return "Unknown"
}

func dissectSTP(p *PDU, out *Out) bool {
	b := p.Data
	if len(b) < 4 || binary.BigEndian.Uint16(b) != 0 {
		return false
	}
	out.SetProto("STP")
	top := Field{Name: "stp", Label: "Spanning Tree Protocol", Start: 0, Len: min(len(b), 35), Kind: FieldProto, Children: []Field{
		UintField("stp.protocol", "Protocol Identifier: Spanning Tree Protocol (0x0000)", 0, 2, 0),
		UintField("stp.version", fmt.Sprintf("Protocol Version Identifier: %s (%d)", stpVersionName(b[2]), b[2]), 2, 1, uint64(b[2])),
	}}
	if b[3] == bpduTCN {
		out.SetInfo("Topology Change Notification")
		top.Len = 4
		top.Children = append(top.Children, UintField("stp.type", "BPDU Type: Topology Change Notification (0x80)", 3, 1, bpduTCN))
		out.Add(top)
		return true
	}
	var s layers.STP
	if err := s.DecodeFromBytes(b, gopacket.NilDecodeFeedback); err != nil {
		out.SetInfo(malformedMark)
		out.Add(top)
		return true
	}
	kind := "Conf."
	typeName := "Configuration"
	switch {
	case s.Version == 3:
		kind, typeName = "MST.", "Rapid/Multiple Spanning Tree"
	case s.Version == 2 || s.Type == bpduRST:
		kind, typeName = "RST.", "Rapid/Multiple Spanning Tree"
	}
	tc := ""
	if s.TC {
		tc = "TC + "
	}
	root := fmt.Sprintf("%d/%d/%s", s.RouteID.Priority, s.RouteID.SysID, macString(s.RouteID.HwAddr))
	out.SetInfo(fmt.Sprintf("%s %sRoot = %s  Cost = %d  Port = 0x%04x", kind, tc, root, s.Cost, s.PortID))
	if out.WantTree {
		stpTree(&top, b, &s, typeName)
	}
	out.Add(top)
	return true
}

// stpRoles are the RSTP port roles of the flags' bits 2-3.
var stpRoles = [4]string{"Unknown", "Alternate or Backup", "Root", "Designated"}

// stpTree fills the details of a configuration, RST or MST BPDU, laid out
// as Wireshark's: bit lines under the flags (the RSTP ones only for
// version 2 and later), the bridge identifiers as unnamed lines holding
// priority, extension and address.
func stpTree(top *Field, b []byte, s *layers.STP, typeName string) {
	yesNo := func(v byte) string {
		if v != 0 {
			return "Yes"
		}
		return "No"
	}
	fl := b[4]
	bit := func(name, label string, mask byte) Field {
		return Field{Name: name, Label: fmt.Sprintf("%s = %s: %s", bitString(uint32(fl), 8, uint32(mask)), label, yesNo(fl&mask)),
			Start: 4, Len: 1, Kind: FieldBool, Num: uint64(fl & mask / mask)}
	}
	flags := Field{Name: "stp.flags", Label: fmt.Sprintf("BPDU flags: 0x%02x", fl), Start: 4, Len: 1, Kind: FieldUint, Num: uint64(fl)}
	flags.Children = append(flags.Children, bit("stp.flags.tcack", "Topology Change Acknowledgment", 0x80))
	rapid := s.Version >= 2
	if rapid {
		role := fl >> 2 & 3
		var names []string
		for _, f := range []struct {
			mask byte
			name string
		}{{0x40, "Agreement"}, {0x20, "Forwarding"}, {0x10, "Learning"}} {
			if fl&f.mask != 0 {
				names = append(names, f.name)
			}
		}
		names = append(names, "Port Role: "+stpRoles[role])
		if fl&0x02 != 0 {
			names = append(names, "Proposal")
		}
		if fl&0x01 != 0 {
			names = append(names, "Topology Change")
		}
		if fl&0x80 != 0 {
			names = append([]string{"Topology Change Acknowledgment"}, names...)
		}
		flags.Label += ", " + strings.Join(names, ", ")
		flags.Children = append(flags.Children,
			bit("stp.flags.agreement", "Agreement", 0x40),
			bit("stp.flags.forwarding", "Forwarding", 0x20),
			bit("stp.flags.learning", "Learning", 0x10),
			Field{Name: "stp.flags.port_role", Label: fmt.Sprintf("%s = Port Role: %s (%d)", bitString(uint32(fl), 8, 0x0c), stpRoles[role], role),
				Start: 4, Len: 1, Kind: FieldUint, Num: uint64(role)},
			bit("stp.flags.proposal", "Proposal", 0x02))
	} else if fl&0x81 != 0 {
		var names []string
		if fl&0x80 != 0 {
			names = append(names, "Topology Change Acknowledgment")
		}
		if fl&0x01 != 0 {
			names = append(names, "Topology Change")
		}
		flags.Label += ", " + strings.Join(names, ", ")
	}
	flags.Children = append(flags.Children, bit("stp.flags.tc", "Topology Change", 0x01))
	bridge := func(prefix, title, what string, off int, id layers.STPSwitchID) Field {
		return Field{Label: fmt.Sprintf("%s: %d / %d / %s", title, id.Priority, id.SysID, macString(id.HwAddr)), Start: off, Len: 8, Children: []Field{
			UintField(prefix+".prio", fmt.Sprintf("%s Priority: %d", what, id.Priority), off, 1, uint64(id.Priority)),
			UintField(prefix+".ext", fmt.Sprintf("%s System ID Extension: %d", what, id.SysID), off, 2, uint64(id.SysID)),
			{Name: prefix + ".hw", Label: fmt.Sprintf("%s System ID: %s", what, macString(id.HwAddr)), Start: off + 2, Len: 6},
		}}
	}
	top.Children = append(top.Children,
		UintField("stp.type", fmt.Sprintf("BPDU Type: %s (0x%02x)", typeName, s.Type), 3, 1, uint64(s.Type)),
		flags,
		bridge("stp.root", "Root Identifier", "Root Bridge", 5, s.RouteID),
		UintField("stp.root.cost", fmt.Sprintf("Root Path Cost: %d", s.Cost), 13, 4, uint64(s.Cost)),
		bridge("stp.bridge", "Bridge Identifier", "Bridge", 17, s.BridgeID),
		UintField("stp.port", fmt.Sprintf("Port identifier: 0x%04x", s.PortID), 25, 2, uint64(s.PortID)),
		UintField("stp.msg_age", fmt.Sprintf("Message Age: %d", s.MessageAge/256), 27, 2, uint64(s.MessageAge/256)),
		UintField("stp.max_age", fmt.Sprintf("Max Age: %d", s.MaxAge/256), 29, 2, uint64(s.MaxAge/256)),
		UintField("stp.hello", fmt.Sprintf("Hello Time: %d", s.HelloTime/256), 31, 2, uint64(s.HelloTime/256)),
		UintField("stp.forward", fmt.Sprintf("Forward Delay: %d", s.FDelay/256), 33, 2, uint64(s.FDelay/256)))
	if rapid && len(b) > 35 {
		top.Children = append(top.Children, UintField("stp.version_1_length", fmt.Sprintf("Version 1 Length: %d", b[35]), 35, 1, uint64(b[35])))
		top.Len = 36
		if s.Version >= 3 {
			top.Len = len(b) // the MST configuration and MSTI records follow
		}
	}
}
