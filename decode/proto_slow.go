package decode

import (
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
)

// IEEE 802.3 Slow Protocols (EtherType 0x8809): LACP (802.1AX link
// aggregation), the Marker protocol that goes with it, and Ethernet OAM
// (802.3ah), shown as tshark 4.0's packet-slowprotocols.c, packet-lacp.c,
// packet-marker.c and packet-oampdu.c show them. LACP's Info is the actor
// and partner in one line, "v1 ACTOR 00:0c:29:33:44:55 P: 1 K: 1 **DCSG*A
// PARTNER …", the state flags as letters. Hand-written: gopacket's LACP
// support is absent.

// EtherTypeSlow is the Slow Protocols' EtherType.
const EtherTypeSlow EtherType = 0x8809

const (
	slowLACP   = 1
	slowMarker = 2
	slowOAM    = 3

	lacpActorAt    = 1  // the actor TLV, after the version byte
	lacpPartnerAt  = 21 // the partner TLV
	lacpPartnerEnd = 41
)

var slow = &Dissector{
	Name:    "slow",
	Dissect: dissectSlow,
	Fields: []FieldDef{
		{Name: "slow.subtype", Desc: "Slow Protocols subtype", Kind: FieldUint, Bits: 8},
		{Name: "lacp", Desc: "Link Aggregation Control Protocol", Kind: FieldProto},
		{Name: "lacp.version", Desc: "LACP Version", Kind: FieldUint, Bits: 8},
		{Name: "lacp.tlv_type", Desc: "TLV Type", Kind: FieldUint, Bits: 8},
		{Name: "lacp.tlv_length", Desc: "TLV Length", Kind: FieldUint, Bits: 8},
		{Name: "lacp.actor.sys_priority", Desc: "Actor System Priority", Kind: FieldUint, Bits: 16},
		{Name: "lacp.actor.sysid", Desc: "Actor System ID", Kind: FieldEther},
		{Name: "lacp.actor.key", Desc: "Actor Key", Kind: FieldUint, Bits: 16},
		{Name: "lacp.actor.port_priority", Desc: "Actor Port Priority", Kind: FieldUint, Bits: 16},
		{Name: "lacp.actor.port", Desc: "Actor Port", Kind: FieldUint, Bits: 16},
		{Name: "lacp.actor.state", Desc: "Actor State", Kind: FieldUint, Bits: 8},
		{Name: "lacp.actor.state_str", Desc: "Actor State Flags", Kind: FieldString},
		{Name: "lacp.partner.sys_priority", Desc: "Partner System Priority", Kind: FieldUint, Bits: 16},
		{Name: "lacp.partner.sysid", Desc: "Partner System", Kind: FieldEther},
		{Name: "lacp.partner.key", Desc: "Partner Key", Kind: FieldUint, Bits: 16},
		{Name: "lacp.partner.port_priority", Desc: "Partner Port Priority", Kind: FieldUint, Bits: 16},
		{Name: "lacp.partner.port", Desc: "Partner Port", Kind: FieldUint, Bits: 16},
		{Name: "lacp.partner.state", Desc: "Partner State", Kind: FieldUint, Bits: 8},
		{Name: "lacp.partner.state_str", Desc: "Partner State Flags", Kind: FieldString},
		{Name: "lacp.collector.max_delay", Desc: "Collector Max Delay", Kind: FieldUint, Bits: 16},
		{Name: "marker", Desc: "Marker Protocol", Kind: FieldProto},
		{Name: "marker.version", Desc: "Version Number", Kind: FieldUint, Bits: 8},
		{Name: "marker.tlvType", Desc: "TLV Type", Kind: FieldUint, Bits: 8},
		{Name: "marker.requesterPort", Desc: "Requester Port", Kind: FieldUint, Bits: 16},
		{Name: "marker.requesterSystem", Desc: "Requester System", Kind: FieldEther},
		{Name: "marker.requesterTransId", Desc: "Requester Transaction ID", Kind: FieldUint, Bits: 32},
		{Name: "oampdu", Desc: "OAM Protocol", Kind: FieldProto},
		{Name: "oampdu.flags", Desc: "Flags", Kind: FieldUint, Bits: 16},
		{Name: "oampdu.code", Desc: "OAMPDU code", Kind: FieldUint, Bits: 8},
	},
}

func init() { RegisterEtherType(slow, EtherTypeSlow) }

var slowSubtypes = map[byte]string{slowLACP: "LACP", slowMarker: "Marker Protocol", slowOAM: "OAM", 10: "Organization Specific Slow Protocol (OSSP)"}

// lacpStateLetters are the letters of the LACP state flags, from bit 7
// (Expired) down to bit 0 (Activity), as packet-lacp.c spells the state;
// a clear flag is '*'.
const lacpStateLetters = "EFDCSGSA"

// lacpStateBits names the state bits, from bit 0, with their two readings.
var lacpStateBits = [8]struct{ field, title, set, clear string }{
	{"activity", "LACP Activity", "Active", "Passive"},
	{"timeout", "LACP Timeout", "Short Timeout", "Long Timeout"},
	{"aggregation", "Aggregation", "Aggregatable", "Individual"},
	{"synchronization", "Synchronization", "In Sync", "Out of Sync"},
	{"collecting", "Collecting", "Enabled", "Disabled"},
	{"distributing", "Distributing", "Enabled", "Disabled"},
	{"defaulted", "Defaulted", "Yes", "No"},
	{"expired", "Expired", "Yes", "No"},
}

func lacpStateString(s byte) string {
	b := []byte("********")
	for i := range 8 {
		if s&(0x80>>i) != 0 {
			b[i] = lacpStateLetters[i]
		}
	}
	return string(b)
}

func dissectSlow(p *PDU, out *Out) bool {
	b := p.Data
	if len(b) < 1 {
		return false
	}
	sub := b[0]
	name, ok := slowSubtypes[sub]
	if !ok {
		name = "Unknown"
	}
	if out.WantTree {
		out.Add(Field{Name: "slow", Label: "Slow Protocols", Len: 1, Kind: FieldProto, Children: []Field{
			UintField("slow.subtype", fmt.Sprintf("Slow Protocols subtype: %s (0x%02x)", name, sub), 0, 1, uint64(sub))}})
	}
	body, base := b[1:], len(out.Tree)
	switch sub {
	case slowLACP:
		lacp(body, out)
	case slowMarker:
		marker(body, out)
	case slowOAM:
		oampdu(body, out)
	default:
		out.SetProto("Slow Protocols")
		out.SetInfo("Subtype = " + strconv.Itoa(int(sub)))
		return true
	}
	Shift(out.Tree[base:], 1)
	return true
}

// lacp reads an LACPDU (b starts at its version byte).
func lacp(b []byte, out *Out) {
	out.SetProto("LACP")
	if len(b) < 1 {
		out.SetInfo(malformedMark)
		return
	}
	out.SetInfo("v" + strconv.Itoa(int(b[0])))
	if len(b) < lacpPartnerEnd {
		out.AppendInfo("", malformedMark)
	} else {
		side := func(at int) string {
			t := b[at:]
			return fmt.Sprintf("%s P: %d K: %d %s", macString(t[4:10]), binary.BigEndian.Uint16(t[14:]), binary.BigEndian.Uint16(t[10:]), lacpStateString(t[16]))
		}
		out.AppendInfo(" ", "ACTOR "+side(lacpActorAt)+" PARTNER "+side(lacpPartnerAt))
	}
	if !out.WantTree {
		return
	}
	f := Field{Name: "lacp", Label: "Link Aggregation Control Protocol", Len: len(b), Kind: FieldProto, Children: []Field{
		UintField("lacp.version", fmt.Sprintf("LACP Version: 0x%02x", b[0]), 0, 1, uint64(b[0]))}}
	for _, s := range [2]struct {
		at          int
		who, sysLbl string
	}{{lacpActorAt, "actor", "Actor System ID"}, {lacpPartnerAt, "partner", "Partner System"}} {
		if len(b) < s.at+20 {
			break
		}
		f.Children = append(f.Children, lacpPartyTLV(b, s.at, s.who, s.sysLbl)...)
	}
	if at := lacpPartnerEnd; len(b) >= at+16 {
		f.Children = append(f.Children,
			UintField("lacp.tlv_type", fmt.Sprintf("TLV Type: %s (0x%02x)", lacpTLVName(b[at]), b[at]), at, 1, uint64(b[at])),
			UintField("lacp.tlv_length", fmt.Sprintf("TLV Length: 0x%02x", b[at+1]), at+1, 1, uint64(b[at+1])),
			UintField("lacp.collector.max_delay", fmt.Sprintf("Collector Max Delay: %d", binary.BigEndian.Uint16(b[at+2:])), at+2, 2, uint64(binary.BigEndian.Uint16(b[at+2:]))),
			Field{Name: "lacp.coll_reserved", Label: fmt.Sprintf("Reserved: %x", b[at+4:at+16]), Start: at + 4, Len: 12, Kind: FieldBytes, Str: string(b[at+4 : at+16])})
		if at += 16; len(b) >= at+2 {
			f.Children = append(f.Children,
				UintField("lacp.tlv_type", fmt.Sprintf("TLV Type: %s (0x%02x)", lacpTLVName(b[at]), b[at]), at, 1, uint64(b[at])),
				UintField("lacp.tlv_length", fmt.Sprintf("TLV Length: 0x%02x", b[at+1]), at+1, 1, uint64(b[at+1])))
		}
	}
	out.Add(f)
}

func lacpTLVName(t byte) string {
	switch t {
	case 0:
		return "Terminator"
	case 1:
		return "Actor Information"
	case 2:
		return "Partner Information"
	case 3:
		return "Collector Information"
	}
	return "Unknown"
}

// lacpPartyTLV is the tree of the actor or partner TLV at at.
func lacpPartyTLV(b []byte, at int, who, sysLabel string) []Field {
	t := b[at:]
	title := strings.ToUpper(who[:1]) + who[1:]
	u16 := func(off int) uint64 { return uint64(binary.BigEndian.Uint16(t[off:])) }
	state := t[16]
	var set []string
	stateField := UintField("lacp."+who+".state", "", at+16, 1, uint64(state))
	for i, bit := range lacpStateBits {
		v := state >> i & 1
		reading := bit.clear
		if v != 0 {
			reading = bit.set
			set = append(set, bit.title)
		}
		stateField.Children = append(stateField.Children, Field{Name: "lacp." + who + ".state." + bit.field, Start: at + 16, Len: 1, Kind: FieldBool, Num: uint64(v),
			Label: bitString(uint32(state), 8, 1<<i) + " = " + bit.title + ": " + reading})
	}
	stateField.Label = fmt.Sprintf("%s State: 0x%02x", title, state)
	if len(set) > 0 {
		stateField.Label += ", " + strings.Join(set, ", ")
	}
	return []Field{
		UintField("lacp.tlv_type", fmt.Sprintf("TLV Type: %s (0x%02x)", lacpTLVName(t[0]), t[0]), at, 1, uint64(t[0])),
		UintField("lacp.tlv_length", fmt.Sprintf("TLV Length: 0x%02x", t[1]), at+1, 1, uint64(t[1])),
		UintField("lacp."+who+".sys_priority", fmt.Sprintf("%s System Priority: %d", title, u16(2)), at+2, 2, u16(2)),
		{Name: "lacp." + who + ".sysid", Label: sysLabel + ": " + macString(t[4:10]), Start: at + 4, Len: 6, Kind: FieldEther, Num: macNum(t[4:10])},
		UintField("lacp."+who+".key", fmt.Sprintf("%s Key: %d", title, u16(10)), at+10, 2, u16(10)),
		UintField("lacp."+who+".port_priority", fmt.Sprintf("%s Port Priority: %d", title, u16(12)), at+12, 2, u16(12)),
		UintField("lacp."+who+".port", fmt.Sprintf("%s Port: %d", title, u16(14)), at+14, 2, u16(14)),
		stateField,
		StrField("lacp."+who+".state_str", title+" State Flags: "+lacpStateString(state), at+16, 1, lacpStateString(state)),
		{Name: "lacp." + who + ".reserved", Label: fmt.Sprintf("Reserved: %x", t[17:20]), Start: at + 17, Len: 3, Kind: FieldBytes, Str: string(t[17:20])},
	}
}

// marker reads a Marker PDU: Info names the TLV and the requester.
func marker(b []byte, out *Out) {
	out.SetProto("Marker")
	if len(b) < 18 {
		out.SetInfo(malformedMark)
		return
	}
	kind := map[byte]string{1: "Information", 2: "Response"}[b[1]]
	if kind == "" {
		kind = "Marker Protocol"
	}
	port, sys, tid := binary.BigEndian.Uint16(b[3:]), b[5:11], binary.BigEndian.Uint32(b[11:])
	out.SetInfo(fmt.Sprintf("%s SysId=%s, P=%d, TId=%d", kind, macString(sys), port, tid))
	if !out.WantTree {
		return
	}
	tlvName := map[byte]string{1: "Marker Information", 2: "Marker Response Information"}[b[1]]
	if tlvName == "" {
		tlvName = "Unknown"
	}
	out.Add(Field{Name: "marker", Label: "Marker Protocol", Len: len(b), Kind: FieldProto, Children: []Field{
		UintField("marker.version", fmt.Sprintf("Version Number: 0x%02x", b[0]), 0, 1, uint64(b[0])),
		UintField("marker.tlvType", fmt.Sprintf("TLV Type: %s (0x%02x)", tlvName, b[1]), 1, 1, uint64(b[1])),
		UintField("marker.tlvLen", fmt.Sprintf("TLV Length: 0x%02x", b[2]), 2, 1, uint64(b[2])),
		UintField("marker.requesterPort", fmt.Sprintf("Requester Port: %d", port), 3, 2, uint64(port)),
		{Name: "marker.requesterSystem", Label: "Requester System: " + macString(sys), Start: 5, Len: 6, Kind: FieldEther, Num: macNum(sys)},
		UintField("marker.requesterTransId", fmt.Sprintf("Requester Transaction ID: %d", tid), 11, 4, uint64(tid)),
	}})
}

// oamCodes are the OAMPDU codes of IEEE 802.3 clause 57.
var oamCodes = map[byte]string{0: "Information", 1: "Event Notification", 2: "Variable Request", 3: "Variable Response",
	4: "Loopback Control", 0xfe: "Organization Specific"}

var oamFlags = [7]struct{ field, title string }{
	{"linkFault", "Link Fault"}, {"dyingGasp", "Dying Gasp"}, {"criticalEvent", "Critical Event"},
	{"localEvaluating", "Local Evaluating"}, {"localStable", "Local Stable"}, {"remoteEvaluating", "Remote Evaluating"},
	{"remoteStable", "Remote Stable"},
}

// oampdu reads an Ethernet OAM PDU's flags and code.
func oampdu(b []byte, out *Out) {
	out.SetProto("OAM")
	if len(b) < 3 {
		out.SetInfo(malformedMark)
		return
	}
	code, ok := oamCodes[b[2]]
	if !ok {
		code = "Unknown"
	}
	out.SetInfo("OAMPDU: " + code)
	if !out.WantTree {
		return
	}
	flags := binary.BigEndian.Uint16(b)
	ff := UintField("oampdu.flags", fmt.Sprintf("Flags: 0x%04x", flags), 0, 2, uint64(flags))
	for i, fl := range oamFlags {
		v := flags >> i & 1
		if v != 0 {
			ff.Label += ", " + fl.title
		}
		ff.Children = append(ff.Children, Field{Name: "oampdu.flags." + fl.field, Start: 0, Len: 2, Kind: FieldBool, Num: uint64(v),
			Label: bitString(uint32(flags), 8, 1<<i) + " = " + fl.title + ": " + map[bool]string{true: "True", false: "False"}[v != 0]})
	}
	codeName := code
	out.Add(Field{Name: "oampdu", Label: "OAM Protocol", Len: len(b), Kind: FieldProto, Children: []Field{
		ff,
		UintField("oampdu.code", fmt.Sprintf("OAMPDU code: %s (0x%02x)", codeName, b[2]), 2, 1, uint64(b[2])),
	}})
}
