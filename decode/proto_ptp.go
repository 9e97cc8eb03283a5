package decode

import (
	"encoding/binary"
	"fmt"
)

// PTP, the Precision Time Protocol (IEEE 1588), shown as packet-ptp.c in
// tshark 4.0 shows it: version 2 on Ethernet type 0x88f7 (also inside
// 802.1Q) and versions 1 and 2 on UDP ports 319 (event) and 320 (general).
// Protocol "PTPv2" or "PTPv1"; Info the message type ("Sync Message",
// "Announce Message", "Peer_Delay_Resp_Follow_Up Message"...), for
// management the TLV's management ID and action ("Management (Current
// dataset) GET") or its error ("Management Error Message (NOT_SUPPORTED)"),
// for signalling a White Rabbit TLV's message (" WR SLAVE_PRESENT").
//
// tshark reads a few header fields before it writes Info and many more when
// it builds the tree (which -T fields does): a message cut before the fields
// its type has ends in "[Malformed Packet]" after its Info, one cut before
// the flags (or, for management, before the management ID) keeps the
// transport's Info ("Ethernet II" on Ethernet) with the mark. Those reads
// are modelled here as how many bytes each message needs (ptpV2Need); the
// messageLength field bounds them as set_actual_length does in
// packet-ptp.c. The analysis of Sync/Follow_Up pairs is a preference tshark
// 4.0 leaves off, and so does ladder. Hand-written: gopacket has no PTP
// layer. The tree holds the common header and each message's fixed fields.

const (
	portPTPEvent   = 319
	portPTPGeneral = 320

	ptpV2HeaderLen = 34
	ptpV1HeaderLen = 36
	ptpOUICERN     = 0x080030
	ptpOUIITUT     = 0x0019a7
	ptpOUIC37238   = 0x1c129d
	ptpWRSubtype   = 0xdead01
	ptpTLVMgmt     = 0x0001
	ptpTLVMgmtErr  = 0x0002
	ptpTLVOrgExt   = 0x0003
)

// PTPv2 message types (IEEE 1588-2008 table 19).
const (
	ptpSync        = 0x0
	ptpDelayReq    = 0x1
	ptpPdelayReq   = 0x2
	ptpPdelayResp  = 0x3
	ptpFollowUp    = 0x8
	ptpDelayResp   = 0x9
	ptpPdelayRespF = 0xa
	ptpAnnounce    = 0xb
	ptpSignalling  = 0xc
	ptpManagement  = 0xd
)

var ptpOverUDP = &Dissector{
	Name:    "ptp",
	Dissect: dissectPTPUDP,
	Fields:  ptpFields,
}

// ptpOverEthernet is the same protocol for filters; registered apart
// because Ethernet carries only version 2 and tshark then knows 802.1AS.
var ptpOverEthernet = &Dissector{
	Name:    "ptp",
	Dissect: dissectPTPEthernet,
}

var ptpFields = []FieldDef{
	{Name: "ptp.v2.messagetype", Desc: "messageType", Kind: FieldUint, Bits: 8},
	{Name: "ptp.v2.majorsdoid", Desc: "majorSdoId", Kind: FieldUint, Bits: 8},
	{Name: "ptp.v2.versionptp", Desc: "versionPTP", Kind: FieldUint, Bits: 8},
	{Name: "ptp.v2.minorversionptp", Desc: "minorVersionPTP", Kind: FieldUint, Bits: 8},
	{Name: "ptp.v2.messagelength", Desc: "messageLength", Kind: FieldUint, Bits: 16},
	{Name: "ptp.v2.domainnumber", Desc: "domainNumber", Kind: FieldUint, Bits: 8},
	{Name: "ptp.v2.minorsdoid", Desc: "minorSdoId", Kind: FieldUint, Bits: 8},
	{Name: "ptp.v2.flags", Desc: "flags", Kind: FieldUint, Bits: 16},
	{Name: "ptp.v2.flags.twostep", Desc: "PTP_TWO_STEP", Kind: FieldBool},
	{Name: "ptp.v2.flags.unicast", Desc: "PTP_UNICAST", Kind: FieldBool},
	{Name: "ptp.v2.messagetypespecific", Desc: "messageTypeSpecific", Kind: FieldUint, Bits: 32},
	{Name: "ptp.v2.clockidentity", Desc: "ClockIdentity", Kind: FieldUint, Bits: 64},
	{Name: "ptp.v2.sourceportid", Desc: "SourcePortID", Kind: FieldUint, Bits: 16},
	{Name: "ptp.v2.sequenceid", Desc: "sequenceId", Kind: FieldUint, Bits: 16},
	{Name: "ptp.v2.controlfield", Desc: "controlField", Kind: FieldUint, Bits: 8},
	{Name: "ptp.v2.an.priority1", Desc: "priority1", Kind: FieldUint, Bits: 8},
	{Name: "ptp.v2.an.grandmasterclockclass", Desc: "grandmasterClockClass", Kind: FieldUint, Bits: 8},
	{Name: "ptp.v2.an.priority2", Desc: "priority2", Kind: FieldUint, Bits: 8},
	{Name: "ptp.v2.an.grandmasterclockidentity", Desc: "grandmasterClockIdentity", Kind: FieldUint, Bits: 64},
	{Name: "ptp.v2.an.localstepsremoved", Desc: "localStepsRemoved", Kind: FieldUint, Bits: 16},
	{Name: "ptp.v2.sdr.origintimestamp.seconds", Desc: "originTimestamp (seconds)", Kind: FieldUint, Bits: 64},
	{Name: "ptp.v2.fu.preciseorigintimestamp.seconds", Desc: "preciseOriginTimestamp (seconds)", Kind: FieldUint, Bits: 64},
	{Name: "ptp.v2.fu.preciseorigintimestamp.nanoseconds", Desc: "preciseOriginTimestamp (nanoseconds)", Kind: FieldUint, Bits: 32},
	{Name: "ptp.v2.dr.receivetimestamp.seconds", Desc: "receiveTimestamp (seconds)", Kind: FieldUint, Bits: 64},
	{Name: "ptp.v2.dr.requestingsourceportidentity", Desc: "requestingSourcePortIdentity", Kind: FieldUint, Bits: 64},
	{Name: "ptp.v2.dr.requestingsourceportid", Desc: "requestingSourcePortId", Kind: FieldUint, Bits: 16},
	{Name: "ptp.v2.pdrq.origintimestamp.seconds", Desc: "originTimestamp (seconds)", Kind: FieldUint, Bits: 64},
	{Name: "ptp.v2.pdrs.requestreceipttimestamp.seconds", Desc: "requestreceiptTimestamp (seconds)", Kind: FieldUint, Bits: 64},
	{Name: "ptp.v2.pdrs.requestingportidentity", Desc: "requestingSourcePortIdentity", Kind: FieldUint, Bits: 64},
	{Name: "ptp.v2.pdrs.requestingsourceportid", Desc: "requestingSourcePortId", Kind: FieldUint, Bits: 16},
	{Name: "ptp.v2.pdfu.responseorigintimestamp.seconds", Desc: "responseOriginTimestamp (seconds)", Kind: FieldUint, Bits: 64},
	{Name: "ptp.v2.pdfu.requestingportidentity", Desc: "requestingSourcePortIdentity", Kind: FieldUint, Bits: 64},
	{Name: "ptp.v2.pdfu.requestingsourceportid", Desc: "requestingSourcePortId", Kind: FieldUint, Bits: 16},
	{Name: "ptp.v2.sig.targetportidentity", Desc: "targetPortIdentity", Kind: FieldUint, Bits: 64},
	{Name: "ptp.v2.sig.targetportid", Desc: "targetPortId", Kind: FieldUint, Bits: 16},
	{Name: "ptp.v2.sig.tlv.tlvType", Desc: "tlvType", Kind: FieldUint, Bits: 16},
	{Name: "ptp.v2.sig.tlv.lengthField", Desc: "lengthField", Kind: FieldUint, Bits: 16},
	{Name: "ptp.v2.mm.targetportidentity", Desc: "targetPortIdentity", Kind: FieldUint, Bits: 64},
	{Name: "ptp.v2.mm.targetportid", Desc: "targetPortId", Kind: FieldUint, Bits: 16},
	{Name: "ptp.v2.mm.startingboundaryhops", Desc: "startingBoundaryHops", Kind: FieldUint, Bits: 8},
	{Name: "ptp.v2.mm.boundaryhops", Desc: "boundaryHops", Kind: FieldUint, Bits: 8},
	{Name: "ptp.v2.mm.action", Desc: "action", Kind: FieldUint, Bits: 8},
	{Name: "ptp.v2.mm.tlvType", Desc: "tlvType", Kind: FieldUint, Bits: 16},
	{Name: "ptp.v2.mm.lengthField", Desc: "lengthField", Kind: FieldUint, Bits: 16},
	{Name: "ptp.v2.mm.managementId", Desc: "managementId", Kind: FieldUint, Bits: 16},
	{Name: "ptp.v2.mm.managementErrorId", Desc: "managementErrorId", Kind: FieldUint, Bits: 16},
	{Name: "ptp.versionptp", Desc: "versionPTP", Kind: FieldUint, Bits: 16},
	{Name: "ptp.versionnetwork", Desc: "versionNetwork", Kind: FieldUint, Bits: 16},
	{Name: "ptp.controlfield", Desc: "controlField", Kind: FieldUint, Bits: 8},
	{Name: "ptp.sequenceid", Desc: "sequenceId", Kind: FieldUint, Bits: 16},
	{Name: "ptp.mm.managementmessagekey", Desc: "managementMessageKey", Kind: FieldUint, Bits: 8},
}

func init() {
	RegisterUDP(ptpOverUDP, portPTPEvent, portPTPGeneral)
	RegisterEtherType(ptpOverEthernet, 0x88f7)
}

// ptpV2Types are packet-ptp.c's message type names (ptp_v2_messagetype_vals).
var ptpV2Types = map[byte]string{
	ptpSync: "Sync Message", ptpDelayReq: "Delay_Req Message", ptpPdelayReq: "Peer_Delay_Req Message",
	ptpPdelayResp: "Peer_Delay_Resp Message", ptpFollowUp: "Follow_Up Message", ptpDelayResp: "Delay_Resp Message",
	ptpPdelayRespF: "Peer_Delay_Resp_Follow_Up Message", ptpAnnounce: "Announce Message",
	ptpSignalling: "Signalling Message", ptpManagement: "Management Message",
}

func ptpV2TypeName(t byte) string {
	if s, ok := ptpV2Types[t]; ok {
		return s
	}
	return fmt.Sprintf("Unknown PTP Message (%d)", t)
}

// ptpMgmtIDs are the management IDs as tshark's Info names them
// (ptp_v2_managementID_infocolumn_vals; IEEE 1588-2008 table 40).
var ptpMgmtIDs = map[uint16]string{
	0x0000: "Null management", 0x0001: "Clock description", 0x0002: "User description",
	0x0003: "Save in non volatile storage", 0x0004: "Reset non volatile storage", 0x0005: "Initialize",
	0x0006: "Fault log", 0x0007: "Fault log reset",
	0x2000: "Default dataset", 0x2001: "Current dataset", 0x2002: "Parent dataset",
	0x2003: "Time properties dataset", 0x2004: "Port dataset", 0x2005: "Priority 1", 0x2006: "Priority 2",
	0x2007: "Domain", 0x2008: "Slave only", 0x2009: "Log announce interval", 0x200a: "Announce receipt timeout",
	0x200b: "Log sync interval", 0x200c: "Version number", 0x200d: "Enable port", 0x200e: "Disable port",
	0x200f: "Time", 0x2010: "Clock accuracy", 0x2011: "UTC properties", 0x2012: "Traceability properties",
	0x2013: "Timescale properties", 0x2014: "Unicast negotiation enable", 0x2015: "Path trace list",
	0x2016: "Path trace enable", 0x2017: "Grandmaster cluster table", 0x2018: "Unicast master table",
	0x2019: "Unicast master max table size", 0x201a: "Acceptable master table",
	0x201b: "Acceptable master table enabled", 0x201c: "Acceptable master max table size",
	0x201d: "Alternate master", 0x201e: "Alternate time offset enable", 0x201f: "Alternate time offset name",
	0x2020: "Alternate time offset max key", 0x2021: "Alternate time offset properties",
	0x4000: "Transparent clock default dataset", 0x4001: "Transparent clock port dataset",
	0x4002: "Primary domain", 0x6000: "Delay mechanism", 0x6001: "Log min pdelay req. interval",
}

// ptpMgmtIDTree are the same IDs as the tree names them
// (ptp_v2_managementID_vals).
var ptpMgmtIDTree = map[uint16]string{
	0x0000: "NULL_MANAGEMENT", 0x0001: "CLOCK_DESCRIPTION", 0x0002: "USER_DESCRIPTION",
	0x0003: "SAVE_IN_NON_VOLATILE_STORAGE", 0x0004: "RESET_NON_VOLATILE_STORAGE", 0x0005: "INITIALIZE",
	0x0006: "FAULT_LOG", 0x0007: "FAULT_LOG_RESET", 0x2000: "DEFAULT_DATA_SET", 0x2001: "CURRENT_DATA_SET",
	0x2002: "PARENT_DATA_SET", 0x2003: "TIME_PROPERTIES_DATA_SET", 0x2004: "PORT_DATA_SET", 0x2005: "PRIORITY1",
	0x2006: "PRIORITY2", 0x2007: "DOMAIN", 0x2008: "SLAVE_ONLY", 0x2009: "LOG_ANNOUNCE_INTERVAL",
	0x200a: "ANNOUNCE_RECEIPT_TIMEOUT", 0x200b: "LOG_SYNC_INTERVAL", 0x200c: "VERSION_NUMBER",
	0x200d: "ENABLE_PORT", 0x200e: "DISABLE_PORT", 0x200f: "TIME", 0x2010: "CLOCK_ACCURACY",
	0x2011: "UTC_PROPERTIES", 0x2012: "TRACEABILITY_PROPERTIES", 0x2013: "TIMESCALE_PROPERTIES",
	0x2014: "UNICAST_NEGOTIATION_ENABLE", 0x2015: "PATH_TRACE_LIST", 0x2016: "PATH_TRACE_ENABLE",
	0x2017: "GRANDMASTER_CLUSTER_TABLE", 0x2018: "UNICAST_MASTER_TABLE", 0x2019: "UNICAST_MASTER_MAX_TABLE_SIZE",
	0x201a: "ACCEPTABLE_MASTER_TABLE", 0x201b: "ACCEPTABLE_MASTER_TABLE_ENABLED",
	0x201c: "ACCEPTABLE_MASTER_MAX_TABLE_SIZE", 0x201d: "ALTERNATE_MASTER",
	0x201e: "ALTERNATE_TIME_OFFSET_ENABLE", 0x201f: "ALTERNATE_TIME_OFFSET_NAME",
	0x2020: "ALTERNATE_TIME_OFFSET_MAX_KEY", 0x2021: "ALTERNATE_TIME_OFFSET_PROPERTIES",
	0x4000: "TC_DEFAULT_DATA_SET", 0x4001: "TC_PORT_DATA_SET", 0x4002: "PRIMARY_DOMAIN",
	0x6000: "DELAY_MECHANISM", 0x6001: "LOG_MIN_PDELAY_REQ_INTERVAL",
}

// ptpMgmtDataNeed is how many data bytes (after the management ID) tshark
// reads for a management ID's body when the TLV has any, with text and
// lists empty: fewer make the message malformed (measured on zero-filled
// bodies with tshark 4.0.17). Other known IDs read 2 bytes, unknown ones
// none.
var ptpMgmtDataNeed = map[uint16]int{
	0x0000: 0, 0x0003: 0, 0x0004: 0, 0x0007: 0, 0x200d: 0, 0x200e: 0, 0x2015: 0,
	0x2017: 0, 0x2018: 0, 0x2019: 0, 0x201a: 0, 0x201b: 0, 0x201c: 0,
	0x0001: 22, 0x2000: 20, 0x2001: 18, 0x2002: 32, 0x2003: 4, 0x2004: 26, 0x200f: 10,
	0x2011: 4, 0x201d: 4, 0x2021: 16, 0x4000: 12, 0x4001: 20,
}

// ptpMgmtErrors are ptp_v2_managementErrorId_vals.
var ptpMgmtErrors = map[uint16]string{
	0x0000: "Reserved", 0x0001: "RESPONSE_TOO_BIG", 0x0002: "NO_SUCH_ID", 0x0003: "WRONG_LENGTH",
	0x0004: "WRONG_VALUE", 0x0005: "NOT_SETABLE", 0x0006: "NOT_SUPPORTED", 0x0007: "Reserved",
	0xfffe: "GENERAL_ERROR", 0xffff: "Reserved",
}

var ptpMgmtActions = [...]string{"GET", "SET", "RESPONSE", "COMMAND", "ACKNOWLEDGE"}

// ptpWRMessages are White Rabbit's signalling messages
// (ptp_v2_org_cern_wrMessageID_vals).
var ptpWRMessages = map[uint16]string{
	0x0000: "NULL_WR_TLV", 0x1000: "SLAVE_PRESENT", 0x1001: "LOCK", 0x1002: "LOCKED", 0x1003: "CALIBRATE",
	0x1004: "CALIBRATED", 0x1005: "WR_MODE_ON", 0x2000: "ANN_SUFIX",
}

// ptpV1MgmtKeys are PTPv1's management message keys as Info names them.
var ptpV1MgmtKeys = [...]string{
	"Null", "Obtain Identity", "Clock Identity", "Initialize Clock", "Set Subdomain",
	"Clear Designated Preferred Master", "Set Designated Preferred Master", "Get Default Data Set",
	"Default Data Set", "Update Default Data Set", "Get Current Data Set", "Current Data Set",
	"Get Parent Data Set", "Parent Data Set", "Get Port Data Set", "Port Data Set",
	"Get Global Time Data Set", "Global Time Data Set", "Update Global Time Properties",
	"Goto Faulty State", "Get Foreign Data Set", "Foreign Data Set", "Set Sync Interval",
	"Disable Port", "Enable Port", "Disable Burst", "Enable Burst", "Set Time",
}

// ptpV1MgmtNeed is where the parameters tshark reads for a version 1
// management key end (the offsets of packet-ptp.c's PTP_MM_* fields); other
// keys end at the parameter length, byte 60.
var ptpV1MgmtNeed = map[byte]int{
	2: 124, 3: 64, 4: 76, 8: 136, 9: 96, 11: 80, 13: 148, 15: 112, 17: 84, 18: 76, 20: 64, 21: 88, 22: 64, 27: 68,
}

var ptpV1Types = [...]string{"Sync Message", "Delay_Request Message", "Follow_Up Message", "Delay_Response Message"}

// ptpMark is the text tshark appends when a read needs bytes up to need:
// past the bytes the capture kept but within the packet's length it is
// the capture-cut mark, past the (message's) length the malformed one.
func ptpMark(p *PDU, need, reported int) string {
	if need <= reported && len(p.Data) < p.Len {
		return capCut
	}
	return malformedMark
}

// ptpReported is the PDU's length on the wire (Len, at least the bytes held).
func ptpReported(p *PDU) int {
	return max(p.Len, len(p.Data))
}

func dissectPTPUDP(p *PDU, out *Out) bool {
	b := p.Data
	if len(b) == 0 {
		return false // tshark hands an empty datagram to no dissector
	}
	if len(b) < 2 {
		// is_ptp_v1 reads two bytes: the exception leaves UDP's columns
		out.SetProto("UDP")
		out.KeepTransportInfo()
		out.AppendInfo("", ptpMark(p, 2, ptpReported(p)))
		return true
	}
	switch {
	case binary.BigEndian.Uint16(b) == 1:
		dissectPTPv1(p, out)
	case b[1]&0x0f == 2:
		dissectPTPv2(p, out, false)
	default:
		// neither version: packet-ptp.c writes nothing
		out.KeepTransportInfo()
	}
	return true
}

func dissectPTPEthernet(p *PDU, out *Out) bool {
	dissectPTPv2(p, out, true)
	return true
}

// ptpShort writes the columns of a message whose reads failed before its
// Info was written: the transport's Info ("Ethernet II" on Ethernet) and
// the mark.
func ptpShort(p *PDU, out *Out, oE bool, need int) {
	if oE {
		out.SetInfo("Ethernet II" + ptpMark(p, need, ptpReported(p)))
		return
	}
	out.KeepTransportInfo()
	out.AppendInfo("", ptpMark(p, need, ptpReported(p)))
}

func dissectPTPv2(p *PDU, out *Out, oE bool) {
	b := p.Data
	out.SetProto("PTPv2")
	// the message type, messageLength and flags come first
	if len(b) < 8 {
		ptpShort(p, out, oE, 8)
		return
	}
	mt := b[0] & 0x0f
	as := oE && b[0]&0x10 != 0 // 802.1AS: transportSpecific 1 on Ethernet
	msgLen := int(binary.BigEndian.Uint16(b[2:]))
	if mt == ptpManagement {
		if len(b) < 50 {
			ptpShort(p, out, oE, 50)
			return
		}
		switch binary.BigEndian.Uint16(b[48:]) {
		case ptpTLVMgmt:
			if len(b) < 54 {
				ptpShort(p, out, oE, 54)
				return
			}
			id := binary.BigEndian.Uint16(b[52:])
			name, ok := ptpMgmtIDs[id]
			if !ok {
				name = fmt.Sprintf("Unknown management Id %d", id)
			}
			act := fmt.Sprintf("Unknown Action %d", b[46]&0x0f)
			if a := int(b[46] & 0x0f); a < len(ptpMgmtActions) {
				act = ptpMgmtActions[a]
			}
			out.SetInfo(fmt.Sprintf("Management (%s) %s", name, act))
		case ptpTLVMgmtErr:
			if len(b) < 54 {
				ptpShort(p, out, oE, 54)
				return
			}
			id := binary.BigEndian.Uint16(b[52:])
			name, ok := ptpMgmtErrors[id]
			if !ok {
				name = fmt.Sprintf("Unknown Error Id %d", id)
			}
			out.SetInfo(fmt.Sprintf("Management Error Message (%s)", name))
		default:
			out.SetInfo(ptpV2TypeName(mt))
		}
	} else {
		out.SetInfo(ptpV2TypeName(mt))
		if mt == ptpSignalling && !ptpSignallingInfo(p, out, msgLen) {
			return
		}
	}

	// the tree: messageLength bounds what follows
	reported := ptpReported(p)
	end := reported
	switch {
	case msgLen > reported:
	case msgLen < 4:
		ptpV2Tree(p, out, mt, as, len(b), min(len(b), 4))
		return
	default:
		end = msgLen
	}
	need := ptpV2Need(b[:min(len(b), end)], mt, as, end)
	held := min(len(b), end)
	if need > held {
		out.AppendInfo("", ptpMark(p, need, end))
	}
	ptpV2Tree(p, out, mt, as, held, min(held, need))
}

// ptpSignallingInfo walks a signalling message's TLVs up to messageLength
// for White Rabbit's, appending " WR " and its message to Info as
// packet-ptp.c does; false when the walk read past the bytes (the mark is
// then written).
func ptpSignallingInfo(p *PDU, out *Out, msgLen int) bool {
	b := p.Data
	for off := 44; off+4 <= msgLen; {
		if off+4 > len(b) {
			out.AppendInfo("", ptpMark(p, off+4, ptpReported(p)))
			return false
		}
		tlen := int(binary.BigEndian.Uint16(b[off+2:]))
		if binary.BigEndian.Uint16(b[off:]) == ptpTLVOrgExt {
			if off+10 > len(b) {
				out.AppendInfo("", ptpMark(p, off+10, ptpReported(p)))
				return false
			}
			if be24(b[off+4:]) == ptpOUICERN && be24(b[off+7:]) == ptpWRSubtype {
				out.AppendInfo("", " WR ")
				if off+12 > len(b) {
					out.AppendInfo("", ptpMark(p, off+12, ptpReported(p)))
					return false
				}
				id := binary.BigEndian.Uint16(b[off+10:])
				name, ok := ptpWRMessages[id]
				if !ok {
					name = fmt.Sprintf("Unknown PTP WR Message (%d)", id)
				}
				out.AppendInfo("", name)
			}
		}
		off += 4 + tlen
	}
	return true
}

// ptpDataFieldNeed is the end of an organization extension TLV's dataField
// (lengthField - 6 bytes after its subtype, at off+10): a length below -1
// makes tshark throw (ptpNever), -1 means "to the end".
func ptpDataFieldNeed(off, tlen int) int {
	switch {
	case tlen-6 < -1:
		return ptpNever
	case tlen-6 == -1:
		return off + 10
	}
	return off + 4 + tlen
}

// ptpNever is a need no message meets: a read tshark rejects whatever the
// bytes.
const ptpNever = 1 << 30

func be24(b []byte) uint32 { return uint32(b[0])<<16 | uint32(b[1])<<8 | uint32(b[2]) }

// ptpV2Need is how many bytes of the message (cut to end, its length as
// packet-ptp.c bounds it) tshark's tree reads: the header, the type's fixed
// fields, then its TLVs. b holds what was captured of those bytes.
func ptpV2Need(b []byte, mt byte, as bool, end int) int {
	need := ptpV2HeaderLen
	switch mt {
	case ptpSync, ptpDelayReq:
		need = 44
		if as && mt == ptpSync && end >= 76 && len(b) >= 48 && b[6]&0x02 == 0 {
			need = ptpFollowUpTLVNeed(b) // a one-step Sync carries the Follow_Up TLV
		}
	case ptpFollowUp:
		need = 44
		if as {
			need = 76 // the Follow_Up information TLV
			if len(b) >= 48 {
				need = ptpFollowUpTLVNeed(b)
			}
		}
	case ptpPdelayReq:
		if !as {
			need = 44
		}
	case ptpDelayResp, ptpPdelayResp, ptpPdelayRespF:
		need = 54
	case ptpAnnounce:
		need = 64
		if end > 64 && len(b) >= 64 {
			need = ptpAnnounceTLVNeed(b, end)
		}
	case ptpSignalling:
		need = 44
		if len(b) < 44 {
			return need
		}
		if as {
			need = 48
			if len(b) >= 48 && binary.BigEndian.Uint16(b[44:]) == ptpTLVOrgExt {
				// the message interval request TLV's fields, and its
				// subtree, which spans its lengthField
				need = max(58, 48+int(binary.BigEndian.Uint16(b[46:])))
			}
			return need
		}
		need = ptpSignallingTLVNeed(b, end)
	case ptpManagement:
		need = 52
		if len(b) < 52 {
			return need
		}
		tlen := int(binary.BigEndian.Uint16(b[50:]))
		switch binary.BigEndian.Uint16(b[48:]) {
		case ptpTLVMgmt:
			need = 54
			if tlen > 2 && len(b) >= 54 {
				id := binary.BigEndian.Uint16(b[52:])
				data, ok := ptpMgmtDataNeed[id]
				if _, known := ptpMgmtIDs[id]; !ok && known {
					data = 2
				}
				if id == 0x2015 && (tlen == 8 || tlen == 9) {
					data = 8 // measured: a path trace list of 6 or 7 bytes reads a whole entry
				}
				need = max(52+tlen, 54+data)
				switch id {
				case 0x0001:
					need = max(need, ptpClockDescriptionNeed(b))
				case 0x0002:
					if len(b) >= 55 {
						need = max(need, 55+int(b[54]))
					}
				}
			}
		case ptpTLVMgmtErr:
			// the error ID, management ID and 4 reserved bytes, then
			// the display text when the TLV is longer
			need = 60
			if tlen > 10 {
				need = 62 // measured: with no text tshark still wants 2 bytes
				if len(b) >= 61 {
					need = max(62, 61+int(b[60]))
				}
			}
		case ptpTLVOrgExt:
			need = 55 // the organization ID alone
		}
	}
	return need
}

// ptpClockDescriptionNeed walks a CLOCK_DESCRIPTION body (IEEE 1588-2008
// 15.5.3.1.2) as tshark reads it: clockType, a text, a sized physical
// address, a sized protocol address, manufacturer identity, three texts
// and the profile identity.
func ptpClockDescriptionNeed(b []byte) int {
	off := 56 // after clockType
	text := func() bool {
		if off+1 > len(b) {
			off++
			return false
		}
		off += 1 + int(b[off])
		return true
	}
	if !text() {
		return off
	}
	if off+2 > len(b) {
		return off + 2
	}
	off += 2 + int(binary.BigEndian.Uint16(b[off:]))
	if off+4 > len(b) {
		return off + 4
	}
	off += 4 + int(binary.BigEndian.Uint16(b[off+2:]))
	off += 4 // manufacturerIdentity, reserved
	for range 3 {
		if !text() {
			return off
		}
	}
	return off + 6
}

// ptpFollowUpTLVNeed is the end of 802.1AS's Follow_Up information TLV
// (at byte 44): its 32 bytes, and its subtree's length from the TLV's
// lengthField.
func ptpFollowUpTLVNeed(b []byte) int {
	return max(76, 48+int(binary.BigEndian.Uint16(b[46:])))
}

// ptpAnnounceTLVNeed walks an Announce message's TLVs after its 64 bytes
// while 4 bytes remain, as packet-ptp.c does: each TLV's subtree spans its
// length, and its items (an organization's ID and subtype, the path
// trace's entries) must lie in the bytes too.
func ptpAnnounceTLVNeed(b []byte, end int) int {
	need := 64
	for off := 64; end-off >= 4; {
		if off+4 > len(b) {
			return off + 4
		}
		typ := binary.BigEndian.Uint16(b[off:])
		tlen := int(binary.BigEndian.Uint16(b[off+2:]))
		need = off + 4
		switch typ {
		case ptpTLVOrgExt:
			need = off + 10
			if off+10 <= len(b) {
				org, sub := be24(b[off+4:]), be24(b[off+7:])
				switch {
				case org == ptpOUICERN && sub == ptpWRSubtype:
					need = off + 14 // wrMessageID, wrFlags
				case org == ptpOUIC37238 && (sub == 1 || sub == 2):
					need = off + 22 // the power profile's fields
				default:
					need = ptpDataFieldNeed(off, tlen)
				}
			}
		case 0x0008: // PATH_TRACE: 8-byte entries while fewer than lengthField bytes were read
			need = off + 4 + (tlen+7)/8*8
		}
		need = max(need, off+4+tlen) // the TLV's subtree spans its length
		if need > len(b) {
			return need
		}
		off += 4 + tlen
	}
	return need
}

// ptpSignallingTLVNeed walks a signalling message's TLVs to its end, as the
// tree does: each type reads its fields, an unknown one its length's data.
func ptpSignallingTLVNeed(b []byte, end int) int {
	need := 44
	for off := 44; off < end; {
		if off+4 > len(b) {
			return off + 4
		}
		typ := binary.BigEndian.Uint16(b[off:])
		tlen := int(binary.BigEndian.Uint16(b[off+2:]))
		need = off + 4
		switch typ {
		case 0x0004: // REQUEST_UNICAST_TRANSMISSION
			need = off + 10
		case 0x0005: // GRANT_UNICAST_TRANSMISSION
			need = off + 12
		case 0x0006, 0x0007: // CANCEL, ACKNOWLEDGE_CANCEL
			need = off + 5
		case ptpTLVOrgExt:
			need = off + 10
			if off+10 > len(b) {
				return need
			}
			org, sub := be24(b[off+4:]), be24(b[off+7:])
			switch {
			case org == ptpOUICERN && sub == ptpWRSubtype:
				need = off + 12
				if off+12 <= len(b) {
					switch binary.BigEndian.Uint16(b[off+10:]) {
					case 0x1003: // CALIBRATE
						need = off + 18
					case 0x1004: // CALIBRATED
						need = off + 28
					}
				}
			case org == ptpOUIITUT && sub == 2: // interface rate TLV
				need = off + 22
			case org == ptpOUICERN || org == ptpOUIITUT:
				need = ptpDataFieldNeed(off, tlen)
			}
		default:
			need = off + 4 + tlen
		}
		if need > len(b) {
			return need
		}
		off += 4 + tlen
	}
	return need
}

// ptpV2Tree adds the tree of a version 2 message: the layer spans its
// first span bytes (the message as messageLength bounds it), the fields
// that lie in the first n.
func ptpV2Tree(p *PDU, out *Out, mt byte, as bool, span, n int) {
	if !out.WantTree {
		return
	}
	b := p.Data[:n]
	f := Field{Name: "ptp", Label: "Precision Time Protocol (IEEE1588)", Len: span, Kind: FieldProto}
	add := func(x Field) { f.Children = append(f.Children, x) }
	u8 := func(name, label string, at int) {
		if at < n {
			add(UintField(name, fmt.Sprintf("%s: %d", label, b[at]), at, 1, uint64(b[at])))
		}
	}
	u16 := func(name, label string, at int) {
		if at+2 <= n {
			v := binary.BigEndian.Uint16(b[at:])
			add(UintField(name, fmt.Sprintf("%s: %d", label, v), at, 2, uint64(v)))
		}
	}
	id64 := func(name, label string, at int) {
		if at+8 <= n {
			v := binary.BigEndian.Uint64(b[at:])
			add(UintField(name, fmt.Sprintf("%s: 0x%016x", label, v), at, 8, v))
		}
	}
	u48 := func(name, label string, at int) {
		if at+6 <= n {
			v := uint64(binary.BigEndian.Uint16(b[at:]))<<32 | uint64(binary.BigEndian.Uint32(b[at+2:]))
			add(UintField(name, fmt.Sprintf("%s: %d", label, v), at, 6, v))
		}
	}
	if n >= 1 {
		name, ok := ptpV2Types[mt]
		if !ok {
			name = "Unknown"
		}
		add(UintField("ptp.v2.messagetype", fmt.Sprintf(".... %04b = messageType: %s (0x%x)", mt, name, mt), 0, 1, uint64(mt)))
	}
	if n >= 2 {
		add(UintField("ptp.v2.versionptp", fmt.Sprintf(".... %04b = versionPTP: %d", b[1]&0x0f, b[1]&0x0f), 1, 1, uint64(b[1]&0x0f)))
	}
	u16("ptp.v2.messagelength", "messageLength", 2)
	u8("ptp.v2.domainnumber", "domainNumber", 4)
	u8("ptp.v2.minorsdoid", "minorSdoId", 5)
	if n >= 8 {
		v := binary.BigEndian.Uint16(b[6:])
		add(Field{Name: "ptp.v2.flags", Label: fmt.Sprintf("flags: 0x%04x", v), Start: 6, Len: 2, Kind: FieldUint, Num: uint64(v), Children: []Field{
			{Name: "ptp.v2.flags.unicast", Label: ptpFlagLabel(v, 10, "PTP_UNICAST"), Start: 6, Len: 2, Kind: FieldBool, Num: uint64(v >> 10 & 1)},
			{Name: "ptp.v2.flags.twostep", Label: ptpFlagLabel(v, 9, "PTP_TWO_STEP"), Start: 6, Len: 2, Kind: FieldBool, Num: uint64(v >> 9 & 1)},
		}})
	}
	if n >= 20 {
		v := binary.BigEndian.Uint32(b[16:])
		add(UintField("ptp.v2.messagetypespecific", fmt.Sprintf("messageTypeSpecific: %d", v), 16, 4, uint64(v)))
	}
	id64("ptp.v2.clockidentity", "ClockIdentity", 20)
	u16("ptp.v2.sourceportid", "SourcePortID", 28)
	u16("ptp.v2.sequenceid", "sequenceId", 30)
	switch mt {
	case ptpSync, ptpDelayReq:
		if !as || mt != ptpSync || n < 8 || b[6]&0x02 == 0 {
			// (802.1AS's two-step Sync has reserved bytes there)
			u48("ptp.v2.sdr.origintimestamp.seconds", "originTimestamp (seconds)", 34)
		}
	case ptpFollowUp:
		u48("ptp.v2.fu.preciseorigintimestamp.seconds", "preciseOriginTimestamp (seconds)", 34)
		if n >= 44 {
			v := binary.BigEndian.Uint32(b[40:])
			add(UintField("ptp.v2.fu.preciseorigintimestamp.nanoseconds", fmt.Sprintf("preciseOriginTimestamp (nanoseconds): %d", v), 40, 4, uint64(v)))
		}
	case ptpDelayResp:
		u48("ptp.v2.dr.receivetimestamp.seconds", "receiveTimestamp (seconds)", 34)
		id64("ptp.v2.dr.requestingsourceportidentity", "requestingSourcePortIdentity", 44)
		u16("ptp.v2.dr.requestingsourceportid", "requestingSourcePortId", 52)
	case ptpPdelayReq:
		if !as {
			u48("ptp.v2.pdrq.origintimestamp.seconds", "originTimestamp (seconds)", 34)
		}
	case ptpPdelayResp:
		u48("ptp.v2.pdrs.requestreceipttimestamp.seconds", "requestreceiptTimestamp (seconds)", 34)
		id64("ptp.v2.pdrs.requestingportidentity", "requestingSourcePortIdentity", 44)
		u16("ptp.v2.pdrs.requestingsourceportid", "requestingSourcePortId", 52)
	case ptpPdelayRespF:
		u48("ptp.v2.pdfu.responseorigintimestamp.seconds", "responseOriginTimestamp (seconds)", 34)
		id64("ptp.v2.pdfu.requestingportidentity", "requestingSourcePortIdentity", 44)
		u16("ptp.v2.pdfu.requestingsourceportid", "requestingSourcePortId", 52)
	case ptpAnnounce:
		u8("ptp.v2.an.priority1", "priority1", 47)
		u8("ptp.v2.an.grandmasterclockclass", "grandmasterClockClass", 48)
		u8("ptp.v2.an.priority2", "priority2", 52)
		id64("ptp.v2.an.grandmasterclockidentity", "grandmasterClockIdentity", 53)
		u16("ptp.v2.an.localstepsremoved", "localStepsRemoved", 61)
	case ptpSignalling:
		id64("ptp.v2.sig.targetportidentity", "targetPortIdentity", 34)
		u16("ptp.v2.sig.targetportid", "targetPortId", 42)
	case ptpManagement:
		id64("ptp.v2.mm.targetportidentity", "targetPortIdentity", 34)
		u16("ptp.v2.mm.targetportid", "targetPortId", 42)
		u8("ptp.v2.mm.startingboundaryhops", "startingBoundaryHops", 44)
		u8("ptp.v2.mm.boundaryhops", "boundaryHops", 45)
		if n >= 52 {
			typ := binary.BigEndian.Uint16(b[48:])
			u16("ptp.v2.mm.lengthField", "lengthField", 50)
			if typ == ptpTLVMgmt && n >= 54 {
				id := binary.BigEndian.Uint16(b[52:])
				name, ok := ptpMgmtIDTree[id]
				if !ok {
					name = "Unknown"
				}
				add(UintField("ptp.v2.mm.managementId", fmt.Sprintf("managementId: %s (%d)", name, id), 52, 2, uint64(id)))
			}
		}
	}
	out.Add(f)
}

// ptpFlagLabel is a bit line of the 16-bit flags field, tshark's
// ".... .0.. .... .... = PTP_UNICAST: False".
func ptpFlagLabel(v uint16, bit int, name string) string {
	var s []byte
	for i := 15; i >= 0; i-- {
		switch {
		case i == bit && v>>bit&1 == 1:
			s = append(s, '1')
		case i == bit:
			s = append(s, '0')
		default:
			s = append(s, '.')
		}
		if i%4 == 0 && i > 0 {
			s = append(s, ' ')
		}
	}
	val := "False"
	if v>>bit&1 == 1 {
		val = "True"
	}
	return fmt.Sprintf("%s = %s: %s", s, name, val)
}

// dissectPTPv1 is a version 1 message (IEEE 1588-2002) on UDP: Info from
// its control field and, for management, its message key.
func dissectPTPv1(p *PDU, out *Out) {
	b := p.Data
	out.SetProto("PTPv1")
	if len(b) < 33 {
		ptpShort(p, out, false, 33)
		return
	}
	ctl := b[32]
	switch {
	case ctl < 4:
		out.SetInfo(ptpV1Types[ctl])
	case ctl == 4:
		if len(b) < 56 {
			ptpShort(p, out, false, 56)
			return
		}
		key := fmt.Sprintf("Unknown message key %d", b[55])
		if int(b[55]) < len(ptpV1MgmtKeys) {
			key = ptpV1MgmtKeys[b[55]]
		}
		out.SetInfo("Management Message (" + key + ")")
	default:
		out.SetInfo("Unknown Message")
	}
	need := ptpV1HeaderLen
	switch ctl {
	case 0, 1:
		need = 124
	case 2:
		need = 52
	case 3:
		need = 60
	case 4:
		need = 60
		if k, ok := ptpV1MgmtNeed[b[55]]; ok {
			need = k
		}
	}
	if need > len(b) {
		out.AppendInfo("", ptpMark(p, need, ptpReported(p)))
	}
	if !out.WantTree {
		return
	}
	f := Field{Name: "ptp", Label: "Precision Time Protocol (IEEE1588)", Len: len(b), Kind: FieldProto}
	v := binary.BigEndian.Uint16(b)
	f.Children = append(f.Children, UintField("ptp.versionptp", fmt.Sprintf("versionPTP: %d", v), 0, 2, uint64(v)))
	v = binary.BigEndian.Uint16(b[2:])
	f.Children = append(f.Children, UintField("ptp.versionnetwork", fmt.Sprintf("versionNetwork: %d", v), 2, 2, uint64(v)))
	v = binary.BigEndian.Uint16(b[30:])
	f.Children = append(f.Children, UintField("ptp.sequenceid", fmt.Sprintf("sequenceId: %d", v), 30, 2, uint64(v)))
	out.Add(f)
}
