package decode

import (
	"encoding/binary"
	"strconv"
)

// OpenFlow (the Open Networking Foundation's switch protocol) as Wireshark
// 4.0 shows it: every message starts with an 8-byte header (version, type,
// length, transaction ID) and is delimited by its length, as
// packet-openflow.c's tcp_dissect_pdus does. The IANA port 6653 is
// registered; on the legacy ports 6633 and 6634 the heuristic claims a
// conversation at its first segment sent to one of those ports (so a
// switch's opening messages from port 6633 stay TCP until the controller
// speaks). Protocol "OpenFlow"; Info "Type: OFPT_HELLO", the message type
// named by its version's table (1.0's differ from 1.3's), 1.3's multipart
// messages adding their kind ("Type: OFPT_MULTIPART_REPLY, OFPMP_DESC").
// Each message clears Info first, so a segment of several shows the last.
// Versions 1.1 and 1.2 have no dissector in tshark 4.0: their messages
// show only the version (Info empty). Details: the header's fields under
// tshark's per-version names (openflow_v1 uses openflow.version,
// openflow_1_0.type, openflow.length, openflow.xid; 1.3-1.5 use
// openflow_v4/v5/v6.*), 1.0's statistics kind and 1.3's multipart kind.
// Message bodies are not read. Hand-written: gopacket has no OpenFlow
// layer.

const (
	openflowPort       = 6653 // tshark -G decodes: tcp.port 6653 openflow
	openflowLegacyPort = 6633 // packet-openflow.c's OFP_LEGACY_PORT
	openflowLegacy2    = 6634 // OFP_LEGACY2_PORT
	ofHeaderLen        = 8    // version, type, length, xid
)

// OpenFlow wire versions (the header's first byte).
const (
	ofVersion10 = 1
	ofVersion11 = 2
	ofVersion12 = 3
	ofVersion13 = 4
	ofVersion14 = 5
	ofVersion15 = 6
)

// Message types that carry a statistics or multipart kind after the header.
const (
	ofType10StatsRequest = 16
	ofType10StatsReply   = 17
	ofType13MPRequest    = 18
	ofType13MPReply      = 19
)

// ofVersionNames is openflow.version's value string.
var ofVersionNames = [...]string{ofVersion10: "1.0", ofVersion11: "1.1", ofVersion12: "1.2", ofVersion13: "1.3",
	ofVersion14: "1.4", ofVersion15: "1.5"}

// ofTypes10 is openflow_1_0.type's value string (OpenFlow 1.0 §5.1).
var ofTypes10 = [...]string{"OFPT_HELLO", "OFPT_ERROR", "OFPT_ECHO_REQUEST", "OFPT_ECHO_REPLY", "OFPT_VENDOR",
	"OFPT_FEATURES_REQUEST", "OFPT_FEATURES_REPLY", "OFPT_GET_CONFIG_REQUEST", "OFPT_GET_CONFIG_REPLY",
	"OFPT_SET_CONFIG", "OFPT_PACKET_IN", "OFPT_FLOW_REMOVED", "OFPT_PORT_STATUS", "OFPT_PACKET_OUT",
	"OFPT_FLOW_MOD", "OFPT_PORT_MOD", "OFPT_STATS_REQUEST", "OFPT_STATS_REPLY", "OFPT_BARRIER_REQUEST",
	"OFPT_BARRIER_REPLY", "OFPT_QUEUE_GET_CONFIG_REQUEST", "OFPT_QUEUE_GET_CONFIG_REPLY"}

// ofTypes is openflow_v6.type's value string (OpenFlow 1.5); 1.3 knows
// types up to OFPT_METER_MOD (29), 1.4 up to OFPT_BUNDLE_ADD_MESSAGE (34),
// and only 1.3 the queue configuration messages 22 and 23
// (openflow_v4/v5.type, tshark -G values).
var ofTypes = [...]string{"OFPT_HELLO", "OFPT_ERROR", "OFPT_ECHO_REQUEST", "OFPT_ECHO_REPLY", "OFPT_EXPERIMENTER",
	"OFPT_FEATURES_REQUEST", "OFPT_FEATURES_REPLY", "OFPT_GET_CONFIG_REQUEST", "OFPT_GET_CONFIG_REPLY",
	"OFPT_SET_CONFIG", "OFPT_PACKET_IN", "OFPT_FLOW_REMOVED", "OFPT_PORT_STATUS", "OFPT_PACKET_OUT",
	"OFPT_FLOW_MOD", "OFPT_GROUP_MOD", "OFPT_PORT_MOD", "OFPT_TABLE_MOD", "OFPT_MULTIPART_REQUEST",
	"OFPT_MULTIPART_REPLY", "OFPT_BARRIER_REQUEST", "OFPT_BARRIER_REPLY", "OFPT_QUEUE_GET_CONFIG_REQUEST",
	"OFPT_QUEUE_GET_CONFIG_REPLY", "OFPT_ROLE_REQUEST", "OFPT_ROLE_REPLY", "OFPT_GET_ASYNC_REQUEST",
	"OFPT_GET_ASYNC_REPLY", "OFPT_SET_ASYNC", "OFPT_METER_MOD", "OFPT_ROLE_STATUS", "OFPT_TABLE_STATUS",
	"OFPT_REQUESTFORWARD", "OFPT_BUNDLE_CONTROL", "OFPT_BUNDLE_ADD_MESSAGE", "OFPT_CONTROLLER_STATUS"}

// ofLastType is the highest type each of 1.3, 1.4 and 1.5 names.
var ofLastType = map[byte]int{ofVersion13: 29, ofVersion14: 34, ofVersion15: 35}

// ofMultipart13 is openflow_v4.multipart_request.type's (and reply's)
// value string; 0xffff is OFPMP_EXPERIMENTER.
var ofMultipart13 = [...]string{"OFPMP_DESC", "OFPMP_FLOW", "OFPMP_AGGREGATE", "OFPMP_TABLE", "OFPMP_PORT_STATS",
	"OFPMP_QUEUE", "OFPMP_GROUP", "OFPMP_GROUP_DESC", "OFPMP_GROUP_FEATURES", "OFPMP_METER", "OFPMP_METER_CONFIG",
	"OFPMP_METER_FEATURES", "OFPMP_TABLE_FEATURES", "OFPMP_PORT_DESC"}

// ofStats10 is openflow.stats.type's value string; 0xffff is OFPST_VENDOR.
var ofStats10 = [...]string{"OFPST_DESC", "OFPST_FLOW", "OFPST_AGGREGATE", "OFPST_TABLE", "OFPST_PORT", "OFPST_QUEUE"}

// ofTypeName names message type t of version v, "" when the version's
// table has no such type.
func ofTypeName(v, t byte) string {
	if v == ofVersion10 {
		if int(t) < len(ofTypes10) {
			return ofTypes10[t]
		}
		return ""
	}
	last, ok := ofLastType[v]
	if !ok || int(t) > last || (v != ofVersion13 && (t == 22 || t == 23)) {
		return ""
	}
	return ofTypes[t]
}

// ofKindName names a 1.0 statistics kind or a 1.3 multipart kind.
func ofKindName(table []string, vendor string, k uint16) string {
	switch {
	case int(k) < len(table):
		return table[k]
	case k == 0xffff:
		return vendor
	}
	return ""
}

// openflowPDULen reads a message's length from its header; a length below
// the header's is not a message (tshark reports a bounds error).
func openflowPDULen(_ *Conv, _ uint8, b []byte) int {
	if len(b) < 4 {
		return 0
	}
	n := int(binary.BigEndian.Uint16(b[2:]))
	if n < ofHeaderLen {
		return PDUReject
	}
	return n
}

func openflowDissect(p *PDU, out *Out) bool {
	b := p.Data
	out.SetProto("OpenFlow")
	out.SetInfo("")
	if len(b) < ofHeaderLen {
		return true
	}
	v, t := b[0], b[1]
	if _, ok := ofLastType[v]; !ok && v != ofVersion10 {
		// 1.1, 1.2 and unknown versions: only the version, at top level
		if out.WantTree {
			out.Add(UintField("openflow.version", ofVersionLabel(v), 0, 1, uint64(v&0x7f)))
		}
		return true
	}
	name := ofTypeName(v, t)
	info := "Type: Unknown message type"
	if name != "" {
		info = "Type: " + name
	}
	var kind uint16
	hasKind := len(b) >= ofHeaderLen+2 && (v == ofVersion10 && (t == ofType10StatsRequest || t == ofType10StatsReply) ||
		v == ofVersion13 && (t == ofType13MPRequest || t == ofType13MPReply))
	if hasKind {
		kind = binary.BigEndian.Uint16(b[ofHeaderLen:])
	}
	if hasKind && v == ofVersion13 {
		k := ofKindName(ofMultipart13[:], "OFPMP_EXPERIMENTER", kind)
		if k == "" {
			k = "Unknown type"
		}
		info += ", " + k
	}
	out.SetInfo(info)
	if !out.WantTree {
		return true
	}
	n := binary.BigEndian.Uint16(b[2:])
	xid := binary.BigEndian.Uint32(b[4:])
	if name == "" {
		name = "Unknown"
	}
	proto, prefix := "openflow_v"+strconv.Itoa(int(v)), ""
	verField, verLabel := "", "Version: "+ofVersionNames[v]+" ("+hex2(v)+")"
	if v == ofVersion10 {
		// openflow_v1 shares the version, length and xid fields of the
		// openflow protocol; its type is openflow_1_0.type
		proto, prefix, verField, verLabel = "openflow_v1", "openflow", "openflow.version", ofVersionLabel(v)
	} else {
		prefix = proto
		verField = proto + ".version"
	}
	typeField := prefix + ".type"
	if v == ofVersion10 {
		typeField = "openflow_1_0.type"
	}
	top := Field{Name: proto, Label: "OpenFlow " + ofVersionNames[v], Len: min(p.Len, len(b)), Kind: FieldProto,
		Children: []Field{
			UintField(verField, verLabel, 0, 1, uint64(v)),
			UintField(typeField, "Type: "+name+" ("+strconv.Itoa(int(t))+")", 1, 1, uint64(t)),
			UintField(prefix+".length", "Length: "+strconv.Itoa(int(n)), 2, 2, uint64(n)),
			UintField(prefix+".xid", "Transaction ID: "+strconv.FormatUint(uint64(xid), 10), 4, 4, uint64(xid)),
		}}
	if hasKind {
		switch v {
		case ofVersion10:
			k := ofKindName(ofStats10[:], "OFPST_VENDOR", kind)
			if k == "" {
				k = "Unknown"
			}
			top.Children = append(top.Children, UintField("openflow.stats.type", "Type: "+k+" ("+strconv.Itoa(int(kind))+")", ofHeaderLen, 2, uint64(kind)))
		case ofVersion13:
			k := ofKindName(ofMultipart13[:], "OFPMP_EXPERIMENTER", kind)
			if k == "" {
				k = "Unknown"
			}
			f := "openflow_v4.multipart_request.type"
			if t == ofType13MPReply {
				f = "openflow_v4.multipart_reply.type"
			}
			top.Children = append(top.Children, UintField(f, "Type: "+k+" ("+strconv.Itoa(int(kind))+")", ofHeaderLen, 2, uint64(kind)))
		}
	}
	out.Add(top)
	return true
}

// ofVersionLabel is openflow.version's line: a 7-bit field (mask 0x7f).
func ofVersionLabel(v byte) string {
	name := "Unknown"
	if int(v) < len(ofVersionNames) && ofVersionNames[v] != "" {
		name = ofVersionNames[v]
	}
	return bitString(uint32(v), 8, 0x7f) + " = Version: " + name + " (" + hex2(v) + ")"
}

var openflowDissector = &Dissector{
	Name:              "openflow",
	Dissect:           openflowDissect,
	PDULen:            openflowPDULen,
	Heuristic:         func([]byte) bool { return true },
	HeuristicDstPorts: []uint16{openflowLegacyPort, openflowLegacy2, openflowPort},
	Fields: []FieldDef{
		{Name: "openflow_v1", Desc: "OpenFlow 1.0", Kind: FieldProto},
		{Name: "openflow_v4", Desc: "OpenFlow 1.3", Kind: FieldProto},
		{Name: "openflow_v5", Desc: "OpenFlow 1.4", Kind: FieldProto},
		{Name: "openflow_v6", Desc: "OpenFlow 1.5", Kind: FieldProto},
		{Name: "openflow.version", Desc: "Version", Kind: FieldUint, Bits: 8},
		{Name: "openflow_1_0.type", Desc: "Type", Kind: FieldUint, Bits: 8},
		{Name: "openflow.length", Desc: "Length", Kind: FieldUint, Bits: 16},
		{Name: "openflow.xid", Desc: "Transaction ID", Kind: FieldUint, Bits: 32},
		{Name: "openflow.stats.type", Desc: "Type", Kind: FieldUint, Bits: 16},
		{Name: "openflow_v4.version", Desc: "Version", Kind: FieldUint, Bits: 8},
		{Name: "openflow_v4.type", Desc: "Type", Kind: FieldUint, Bits: 8},
		{Name: "openflow_v4.length", Desc: "Length", Kind: FieldUint, Bits: 16},
		{Name: "openflow_v4.xid", Desc: "Transaction ID", Kind: FieldUint, Bits: 32},
		{Name: "openflow_v4.multipart_request.type", Desc: "Type", Kind: FieldUint, Bits: 16},
		{Name: "openflow_v4.multipart_reply.type", Desc: "Type", Kind: FieldUint, Bits: 16},
		{Name: "openflow_v5.version", Desc: "Version", Kind: FieldUint, Bits: 8},
		{Name: "openflow_v5.type", Desc: "Type", Kind: FieldUint, Bits: 8},
		{Name: "openflow_v5.length", Desc: "Length", Kind: FieldUint, Bits: 16},
		{Name: "openflow_v5.xid", Desc: "Transaction ID", Kind: FieldUint, Bits: 32},
		{Name: "openflow_v6.version", Desc: "Version", Kind: FieldUint, Bits: 8},
		{Name: "openflow_v6.type", Desc: "Type", Kind: FieldUint, Bits: 8},
		{Name: "openflow_v6.length", Desc: "Length", Kind: FieldUint, Bits: 16},
		{Name: "openflow_v6.xid", Desc: "Transaction ID", Kind: FieldUint, Bits: 32},
	},
}

func init() { RegisterTCP(openflowDissector, openflowPort) }
