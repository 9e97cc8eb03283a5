package decode

import (
	"encoding/binary"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// IEC 60870-5-104 on TCP 2404, as Wireshark 4.0's packet-iec104.c shows it:
// the APCI ("IEC 60870-5-104", tshark's iec60870_104, alias 104apci) of
// each APDU, a start byte 0x68, a length and four control bytes of an I, S
// or U frame, and the ASDU of an I frame ("IEC 60870-5 ASDU",
// iec60870_asdu, alias 104asdu) with IEC 60870-5-104's field sizes (two
// octets of cause, two of common address, three of object address). The
// Info column holds each APDU of a segment, " | " between them: "<- I
// (0,0) " (the arrow points left for frames to port 2404), then the
// ASDU's "ASDU=1 C_IC_NA_1 Act     IOA=0". Details: the APCI's fields, the
// ASDU header and, for the ASDU types the dissector decodes, one "IOA: n"
// subtree per information object with its elements. Bytes the ASDU lacks
// raise tshark's exception ("[Malformed Packet]" after the Info text).
// Hand-written: gopacket has no IEC 104.

const (
	iec104Port    = 2404 // tshark -G decodes: tcp.port 2404 iec60870_104
	iec104Start   = 0x68
	iec104APCILen = 6   // start, length and the control field
	iec104MaxLen  = 253 // APDU_MAX_LEN
	iec104ASDUHdr = 6   // type, VSQ, cause (2), common address (2)
	iec104IOALen  = 3
)

var iec104 = &Dissector{
	Name:    "iec60870_104",
	Dissect: iec104Dissect,
	PDULen:  iec104PDULen,
	Fields: []FieldDef{
		{Name: "iec60870_104", Desc: "IEC 60870-5-104 APCI", Kind: FieldProto},
		{Name: "iec60870_104.apdulen", Desc: "APDU length", Kind: FieldUint, Bits: 8},
		{Name: "iec60870_104.type", Desc: "APCI type (0 I, 1 S, 3 U)", Kind: FieldUint, Bits: 32},
		{Name: "iec60870_104.utype", Desc: "U frame function", Kind: FieldUint, Bits: 32},
		{Name: "iec60870_104.tx", Desc: "Send sequence number N(S)", Kind: FieldUint, Bits: 32},
		{Name: "iec60870_104.rx", Desc: "Receive sequence number N(R)", Kind: FieldUint, Bits: 32},
		{Name: "iec60870_104.data", Desc: "Bytes before the APCI's start", Kind: FieldBytes},
		{Name: "iec60870_asdu", Desc: "IEC 60870-5-101/104 ASDU", Kind: FieldProto},
		{Name: "iec60870_asdu.start", Desc: "APCI start byte", Kind: FieldUint, Bits: 8},
		{Name: "iec60870_asdu.typeid", Desc: "ASDU type identification", Kind: FieldUint, Bits: 8},
		{Name: "iec60870_asdu.sq", Desc: "Sequence of elements", Kind: FieldBool},
		{Name: "iec60870_asdu.numix", Desc: "Number of information objects or elements", Kind: FieldUint, Bits: 8},
		{Name: "iec60870_asdu.causetx", Desc: "Cause of transmission", Kind: FieldUint, Bits: 8},
		{Name: "iec60870_asdu.nega", Desc: "Negative confirmation", Kind: FieldBool},
		{Name: "iec60870_asdu.test", Desc: "Test", Kind: FieldBool},
		{Name: "iec60870_asdu.oa", Desc: "Originator address", Kind: FieldUint, Bits: 8},
		{Name: "iec60870_asdu.addr", Desc: "Common address of ASDU", Kind: FieldUint, Bits: 16},
		{Name: "iec60870_asdu.ioa", Desc: "Information object address", Kind: FieldUint, Bits: 32},
		{Name: "iec60870_asdu.siq", Desc: "Single-point information with quality", Kind: FieldUint, Bits: 8},
		{Name: "iec60870_asdu.siq.spi", Desc: "Single-point information", Kind: FieldBool},
		{Name: "iec60870_asdu.siq.bl", Desc: "Blocked", Kind: FieldBool},
		{Name: "iec60870_asdu.siq.sb", Desc: "Substituted", Kind: FieldBool},
		{Name: "iec60870_asdu.siq.nt", Desc: "Not topical", Kind: FieldBool},
		{Name: "iec60870_asdu.siq.iv", Desc: "Invalid", Kind: FieldBool},
		{Name: "iec60870_asdu.diq", Desc: "Double-point information with quality", Kind: FieldUint, Bits: 8},
		{Name: "iec60870_asdu.diq.dpi", Desc: "Double-point information", Kind: FieldUint, Bits: 8},
		{Name: "iec60870_asdu.diq.bl", Desc: "Blocked", Kind: FieldBool},
		{Name: "iec60870_asdu.diq.sb", Desc: "Substituted", Kind: FieldBool},
		{Name: "iec60870_asdu.diq.nt", Desc: "Not topical", Kind: FieldBool},
		{Name: "iec60870_asdu.diq.iv", Desc: "Invalid", Kind: FieldBool},
		{Name: "iec60870_asdu.qds", Desc: "Quality descriptor", Kind: FieldUint, Bits: 8},
		{Name: "iec60870_asdu.qds.ov", Desc: "Overflow", Kind: FieldBool},
		{Name: "iec60870_asdu.qds.bl", Desc: "Blocked", Kind: FieldBool},
		{Name: "iec60870_asdu.qds.sb", Desc: "Substituted", Kind: FieldBool},
		{Name: "iec60870_asdu.qds.nt", Desc: "Not topical", Kind: FieldBool},
		{Name: "iec60870_asdu.qds.iv", Desc: "Invalid", Kind: FieldBool},
		{Name: "iec60870_asdu.vti", Desc: "Value with transient state indication", Kind: FieldUint, Bits: 8},
		{Name: "iec60870_asdu.vti.t", Desc: "Transient", Kind: FieldBool},
		{Name: "iec60870_asdu.qos", Desc: "Qualifier of set-point command", Kind: FieldUint, Bits: 8},
		{Name: "iec60870_asdu.qos.ql", Desc: "Qualifier", Kind: FieldUint, Bits: 8},
		{Name: "iec60870_asdu.qos.se", Desc: "Select/execute", Kind: FieldBool},
		{Name: "iec60870_asdu.sco", Desc: "Single command", Kind: FieldUint, Bits: 8},
		{Name: "iec60870_asdu.sco.on", Desc: "On/off", Kind: FieldBool},
		{Name: "iec60870_asdu.sco.qu", Desc: "Qualifier", Kind: FieldUint, Bits: 8},
		{Name: "iec60870_asdu.sco.se", Desc: "Select/execute", Kind: FieldBool},
		{Name: "iec60870_asdu.dco", Desc: "Double command", Kind: FieldUint, Bits: 8},
		{Name: "iec60870_asdu.dco.on", Desc: "On/off", Kind: FieldUint, Bits: 8},
		{Name: "iec60870_asdu.dco.qu", Desc: "Qualifier", Kind: FieldUint, Bits: 8},
		{Name: "iec60870_asdu.dco.se", Desc: "Select/execute", Kind: FieldBool},
		{Name: "iec60870_asdu.rco", Desc: "Regulating step command", Kind: FieldUint, Bits: 8},
		{Name: "iec60870_asdu.rco.up", Desc: "Up/down", Kind: FieldUint, Bits: 8},
		{Name: "iec60870_asdu.rco.qu", Desc: "Qualifier", Kind: FieldUint, Bits: 8},
		{Name: "iec60870_asdu.rco.se", Desc: "Select/execute", Kind: FieldBool},
		{Name: "iec60870_asdu.coi", Desc: "Cause of initialisation", Kind: FieldUint, Bits: 8},
		{Name: "iec60870_asdu.coi_r", Desc: "Cause", Kind: FieldUint, Bits: 8},
		{Name: "iec60870_asdu.coi_i", Desc: "Initialisation after change of local parameters", Kind: FieldBool},
		{Name: "iec60870_asdu.qoi", Desc: "Qualifier of interrogation", Kind: FieldUint, Bits: 8},
		{Name: "iec60870_asdu.qcc", Desc: "Qualifier of counter interrogation", Kind: FieldUint, Bits: 8},
		{Name: "iec60870_asdu.rqt", Desc: "Request", Kind: FieldUint, Bits: 8},
		{Name: "iec60870_asdu.frz", Desc: "Freeze", Kind: FieldUint, Bits: 8},
		{Name: "iec60870_asdu.qrp", Desc: "Qualifier of reset process command", Kind: FieldUint, Bits: 8},
		{Name: "iec60870_asdu.bcr.sq", Desc: "Counter sequence number", Kind: FieldUint, Bits: 8},
		{Name: "iec60870_asdu.bcr.cy", Desc: "Carry", Kind: FieldBool},
		{Name: "iec60870_asdu.bcr.ca", Desc: "Counter adjusted", Kind: FieldBool},
		{Name: "iec60870_asdu.bcr.iv", Desc: "Invalid", Kind: FieldBool},
		{Name: "iec60870_asdu.bitstring", Desc: "Bitstring of 32 bits", Kind: FieldUint, Bits: 32},
		{Name: "iec60870_asdu.rawdata", Desc: "Object bytes of an ASDU type not decoded", Kind: FieldBytes},
		{Name: "iec60870_asdu.cp56time", Desc: "CP56Time2a time tag", Kind: FieldLabel},
		{Name: "iec60870_asdu.cp56time.ms", Desc: "Milliseconds", Kind: FieldUint, Bits: 16},
		{Name: "iec60870_asdu.cp56time.min", Desc: "Minutes", Kind: FieldUint, Bits: 8},
		{Name: "iec60870_asdu.cp56time.gen", Desc: "Substituted", Kind: FieldBool},
		{Name: "iec60870_asdu.cp56time.iv", Desc: "Invalid", Kind: FieldBool},
		{Name: "iec60870_asdu.cp56time.hour", Desc: "Hours", Kind: FieldUint, Bits: 8},
		{Name: "iec60870_asdu.cp56time.su", Desc: "Summer time", Kind: FieldBool},
		{Name: "iec60870_asdu.cp56time.day", Desc: "Day of month", Kind: FieldUint, Bits: 8},
		{Name: "iec60870_asdu.cp56time.dow", Desc: "Day of week", Kind: FieldUint, Bits: 8},
		{Name: "iec60870_asdu.cp56time.month", Desc: "Month", Kind: FieldUint, Bits: 8},
		{Name: "iec60870_asdu.cp56time.year", Desc: "Year", Kind: FieldUint, Bits: 8},
	},
}

func init() {
	RegisterTCP(iec104, iec104Port)
}

// iec104PDULen is get_iec104apdu_len behind tcp_dissect_pdus with its
// fixed length of 6: bytes up to the first 0x68, then the APDU its length
// byte gives; bytes without a start byte are one PDU.
func iec104PDULen(_ *Conv, _ uint8, b []byte) int {
	if len(b) < iec104APCILen {
		return 0
	}
	for off := 0; off+1 < len(b); off++ {
		if b[off] == iec104Start {
			n := off + int(b[off+1]) + 2
			if n < iec104APCILen {
				// tcp_dissect_pdus reports a bounds error for a PDU
				// shorter than its fixed part
				return PDUReject
			}
			return n
		}
	}
	return len(b)
}

// iec104UTypes is u_types.
var iec104UTypes = map[uint32]string{0x01: "STARTDT act", 0x02: "STARTDT con", 0x04: "STOPDT act",
	0x08: "STOPDT con", 0x10: "TESTFR act", 0x20: "TESTFR con"}

func iec104Dissect(p *PDU, out *Out) bool {
	b := p.Data
	out.SetProto("IEC 60870-5-104")
	top := Field{Name: "iec60870_104", Label: "IEC 60870-5-104", Len: len(b), Kind: FieldProto}
	off := 0
	for ; off+1 < len(b) && b[off] != iec104Start; off++ {
	}
	if off+1 >= len(b) {
		// no start byte: the bytes are data and the column stays TCP's
		if out.WantTree {
			top.Children = append(top.Children, Field{Name: "iec60870_104.data", Label: "Data: " + hexTrunc(b[:off]), Len: off, Kind: FieldBytes, Str: string(b[:off])})
			out.Add(top)
		}
		return true
	}
	var res strings.Builder
	if off > 0 {
		top.Children = append(top.Children, Field{Name: "iec60870_104.data", Label: "Data: " + hexTrunc(b[:off]), Len: off, Kind: FieldBytes, Str: string(b[:off])})
		fmt.Fprintf(&res, "<ERR prefix %d bytes> ", off)
	}
	top.Len = min(off+iec104APCILen, len(b))
	n := int(b[off+1])
	top.Children = append(top.Children,
		UintField("iec60870_asdu.start", "START", off, 1, iec104Start),
		UintField("iec60870_104.apdulen", "ApduLen: "+strconv.Itoa(n), off+1, 1, uint64(n)))
	if n < 4 {
		fmt.Fprintf(&res, "<ERR ApduLen=%d bytes> ", n)
		out.AppendInfo(" | ", res.String())
		top.Label += ": " + res.String()
		if out.WantTree {
			out.Add(top)
		}
		return true
	}
	if off+iec104APCILen > len(b) {
		out.AppendInfo(" | ", res.String()+"[Malformed Packet]")
		if out.WantTree {
			out.Add(top)
		}
		return true
	}
	ctl := binary.LittleEndian.Uint32(b[off+2:])
	typ := ctl & 3
	if ctl&1 == 0 {
		typ = 0
	}
	typeName := map[uint32]string{0: "I", 1: "S", 3: "U"}[typ]
	if typeName == "" {
		typeName = "<ERR>"
	}
	mask := uint32(3)
	if typ == 0 {
		mask = 1
	}
	label := "Unknown"
	if typ != 2 {
		label = typeName
	}
	top.Children = append(top.Children, UintField("iec60870_104.type", fmt.Sprintf("%s = Type: %s (0x%x)", bitString(ctl, 32, mask), label, ctl&mask), off+2, 4, uint64(ctl&mask)))
	if n <= iec104MaxLen {
		dir := "<-"
		if p.SrcPort == iec104Port {
			dir = "->"
		}
		fmt.Fprintf(&res, "%s %s ", dir, typeName)
	} else {
		fmt.Fprintf(&res, "<ERR ApduLen=%d bytes> ", n)
	}
	switch typ {
	case 0:
		tx, rx := ctl>>1&0x7fff, ctl>>17
		top.Children = append(top.Children,
			UintField("iec60870_104.tx", fmt.Sprintf("%s = Tx: %d", bitString(ctl, 32, 0xfffe), tx), off+2, 4, uint64(tx)),
			UintField("iec60870_104.rx", fmt.Sprintf("%s = Rx: %d", bitString(ctl, 32, 0xfffe0000), rx), off+2, 4, uint64(rx)))
		fmt.Fprintf(&res, "(%d,%d) ", tx, rx)
	case 1:
		rx := ctl >> 17
		top.Children = append(top.Children, UintField("iec60870_104.rx", fmt.Sprintf("%s = Rx: %d", bitString(ctl, 32, 0xfffe0000), rx), off+2, 4, uint64(rx)))
		fmt.Fprintf(&res, "(%d) ", rx)
	case 3:
		u := ctl >> 2 & 0x3f
		name, ok := iec104UTypes[u]
		shown := name
		if !ok {
			name, shown = "<ERR>", "Unknown"
		}
		top.Children = append(top.Children, UintField("iec60870_104.utype", fmt.Sprintf("%s = UType: %s (0x%02x)", bitString(ctl, 32, 0xfc), shown, u), off+2, 4, uint64(u)))
		fmt.Fprintf(&res, "(%s) ", name)
	}
	out.AppendInfo(" | ", res.String())
	top.Label += ": " + res.String()
	if out.WantTree {
		out.Add(top)
	}
	if typ == 0 {
		start := off + iec104APCILen
		end := min(off+2+n, len(b))
		iec104ASDU(b[start:end], start, out)
	}
	return true
}

// Tables of packet-iec104.c.
var (
	iec104TypeNames = map[uint8]string{
		1: "M_SP_NA_1", 2: "M_SP_TA_1", 3: "M_DP_NA_1", 4: "M_DP_TA_1", 5: "M_ST_NA_1", 6: "M_ST_TA_1",
		7: "M_BO_NA_1", 8: "M_BO_TA_1", 9: "M_ME_NA_1", 10: "M_ME_TA_1", 11: "M_ME_NB_1", 12: "M_ME_TB_1",
		13: "M_ME_NC_1", 14: "M_ME_TC_1", 15: "M_IT_NA_1", 16: "M_IT_TA_1", 20: "M_PS_NA_1", 21: "M_ME_ND_1",
		30: "M_SP_TB_1", 31: "M_DP_TB_1", 32: "M_ST_TB_1", 33: "M_BO_TB_1", 34: "M_ME_TD_1", 35: "M_ME_TE_1",
		36: "M_ME_TF_1", 37: "M_IT_TB_1", 38: "M_EP_TD_1", 39: "M_EP_TE_1", 40: "M_EP_TF_1", 41: "S_IT_TC_1",
		45: "C_SC_NA_1", 46: "C_DC_NA_1", 47: "C_RC_NA_1", 48: "C_SE_NA_1", 49: "C_SE_NB_1", 50: "C_SE_NC_1",
		51: "C_BO_NA_1", 58: "C_SC_TA_1", 59: "C_DC_TA_1", 60: "C_RC_TA_1", 61: "C_SE_TA_1", 62: "C_SE_TB_1",
		63: "C_SE_TC_1", 64: "C_BO_TA_1", 70: "M_EI_NA_1", 81: "S_CH_NA_1", 82: "S_RP_NA_1", 83: "S_AR_NA_1",
		84: "S_KR_NA_1", 85: "S_KS_NA_1", 86: "S_KC_NA_1", 87: "S_ER_NA_1", 90: "S_US_NA_1", 91: "S_UQ_NA_1",
		92: "S_UR_NA_1", 93: "S_UK_NA_1", 94: "S_UA_NA_1", 95: "S_UC_NA_1", 100: "C_IC_NA_1", 101: "C_CI_NA_1",
		102: "C_RD_NA_1", 103: "C_CS_NA_1", 105: "C_RP_NA_1", 107: "C_TS_TA_1", 110: "P_ME_NA_1", 111: "P_ME_NB_1",
		112: "P_ME_NC_1", 113: "P_AC_NA_1", 120: "F_FR_NA_1", 121: "F_SR_NA_1", 122: "F_SC_NA_1", 123: "F_LS_NA_1",
		124: "F_AF_NA_1", 125: "F_SG_NA_1", 126: "F_DR_TA_1", 127: "F_SC_NB_1",
	}
	iec104TypeLong = map[uint8]string{
		1: "single-point information", 2: "single-point information with time tag", 3: "double-point information",
		4: "double-point information with time tag", 5: "step position information",
		6: "step position information with time tag", 7: "bitstring of 32 bits", 8: "bitstring of 32 bits with time tag",
		9: "measured value, normalized value", 10: "measured value, normalized value with time tag",
		11: "measured value, scaled value", 12: "measured value, scaled value with time tag",
		13: "measured value, short floating point number", 14: "measured value, short floating point number with time tag",
		15: "integrated totals", 16: "integrated totals with time tag",
		20: "packed single-point information with status change detection",
		21: "measured value, normalized value without quality descriptor",
		30: "single-point information with time tag CP56Time2a", 31: "double-point information with time tag CP56Time2a",
		32: "step position information with time tag CP56Time2a", 33: "bitstring of 32 bit with time tag CP56Time2a",
		34: "measured value, normalized value with time tag CP56Time2a",
		35: "measured value, scaled value with time tag CP56Time2a",
		36: "measured value, short floating point number with time tag CP56Time2a",
		37: "integrated totals with time tag CP56Time2a", 38: "event of protection equipment with time tag CP56Time2a",
		39: "packed start events of protection equipment with time tag CP56Time2a",
		40: "packed output circuit information of protection equipment with time tag CP56Time2a",
		41: "integrated totals containing time tagged security statistics",
		45: "single command", 46: "double command", 47: "regulating step command",
		48: "set point command, normalized value", 49: "set point command, scaled value",
		50: "set point command, short floating point number", 51: "bitstring of 32 bits",
		58: "single command with time tag CP56Time2a", 59: "double command with time tag CP56Time2a",
		60: "regulating step command with time tag CP56Time2a",
		61: "set point command, normalized value with time tag CP56Time2a",
		62: "set point command, scaled value with time tag CP56Time2a",
		63: "set point command, short floating-point number with time tag CP56Time2a",
		64: "bitstring of 32 bits with time tag CP56Time2a", 70: "end of initialization",
		81: "authentication challenge", 82: "authentication reply",
		83: "aggressive mode authentication request session key status request", 84: "session key status request",
		85: "session key status", 86: "session key change", 87: "authentication error", 90: "user status change",
		91: "update key change request", 92: "update key change reply", 93: "update key change symmetric",
		94: "update key change asymmetric", 95: "update key change confirmation",
		100: "interrogation command", 101: "counter interrogation command", 102: "read command",
		103: "clock synchronization command", 105: "reset process command", 107: "test command with time tag CP56Time2a",
		110: "parameter of measured value, normalized value", 111: "parameter of measured value, scaled value",
		112: "parameter of measured value, short floating-point number", 113: "parameter activation",
		120: "file ready", 121: "section ready", 122: "call directory, select file, call file, call section",
		123: "last section, last segment", 124: "ack file, ack section", 125: "segment", 126: "directory",
		127: "Query Log - Request archive file",
	}
	// iec104ObjLen is asdu_length: the bytes of one object after its
	// address, for the types whose objects the dissector walks.
	iec104ObjLen = map[uint8]int{
		1: 1, 2: 4, 3: 1, 4: 4, 5: 2, 6: 5, 7: 5, 8: 8, 9: 3, 10: 6, 11: 3, 12: 6, 13: 5, 14: 8, 15: 5, 16: 8,
		21: 2, 30: 8, 31: 8, 32: 9, 33: 12, 34: 10, 35: 10, 36: 12, 37: 12, 41: 14,
		45: 1, 46: 1, 47: 1, 48: 3, 49: 3, 50: 5, 51: 4, 58: 8, 59: 8, 60: 8, 61: 10, 62: 10, 63: 12, 64: 11,
		70: 1, 100: 1, 101: 1, 103: 7, 105: 1, 107: 9, 110: 3, 111: 3, 112: 5,
	}
	iec104Causes = map[uint8]string{
		1: "Per/Cyc", 2: "Back", 3: "Spont", 4: "Init", 5: "Req", 6: "Act", 7: "ActCon", 8: "Deact", 9: "DeactCon",
		10: "ActTerm", 11: "Retrem", 12: "Retloc", 13: "File", 14: "Auth", 15: "Seskey", 16: "Usrkey",
		20: "Inrogen", 21: "Inro1", 22: "Inro2", 23: "Inro3", 24: "Inro4", 25: "Inro5", 26: "Inro6", 27: "Inro7",
		28: "Inro8", 29: "Inro9", 30: "Inro10", 31: "Inro11", 32: "Inro12", 33: "Inro13", 34: "Inro14", 35: "Inro15",
		36: "Inro16", 37: "Reqcogen", 38: "Reqco1", 39: "Reqco2", 40: "Reqco3", 41: "Reqco4",
		44: "UkTypeId", 45: "UkCauseTx", 46: "UkComAdrASDU", 47: "UkIOA",
	}
	iec104DPI   = []string{"Indeterminate or Intermediate", "OFF", "ON", "Indeterminate"}
	iec104QU    = []string{"No pulse defined", "Short Pulse", "Long Pulse", "Persistent Output"}
	iec104DCOOn = []string{"(None)", "OFF", "ON", "Error: On/Off not defined"}
	iec104RCOUp = []string{"(None)", "DOWN", "UP", "Error: Up/Down not defined"}
	iec104COIR  = []string{"Local power switch on", "Local manual reset", "Remote reset"}
	iec104RQT   = []string{"Not specified", "Group 1 counter interrogation", "Group 2 counter interrogation",
		"Group 3 counter interrogation", "Group 4 counter interrogation", "General counter interrogation"}
	iec104FRZ = []string{"Read only (no freeze or reset)",
		"Counter freeze without reset (value frozen represents integrated total)",
		"Counter freeze with reset (value frozen represents incremental information)", "Counter reset"}
	iec104QRP = []string{"Not used", "General reset of process", "Reset of pending information with time tag of the event buffer"}
)

// iec104Val is val_to_str's "Unknown (n)" fallback over a slice table.
func iec104Val(table []string, v uint8) string {
	if int(v) < len(table) {
		return table[v]
	}
	return "Unknown"
}

// iec104QOI is qoi_r_types.
func iec104QOI(v uint8) string {
	switch {
	case v == 0:
		return "Not specified"
	case v == 20:
		return "Station interrogation (global)"
	case v > 20 && v <= 36:
		return "Group " + strconv.Itoa(int(v)-20) + " interrogation"
	}
	return "Unknown"
}

// iec104Bool is a one-bit FT_BOOLEAN line of an 8-bit field.
func iec104Bool(name, title string, v uint8, mask uint8, yes, no string, at int) Field {
	s := no
	on := v&mask != 0
	if on {
		s = yes
	}
	f := Field{Name: name, Label: bitString(uint32(v), 8, uint32(mask)) + " = " + title + ": " + s, Start: at, Len: 1, Kind: FieldBool}
	if on {
		f.Num = 1
	}
	return f
}

// iec104Bits is a bit-masked unsigned line of an 8-bit field.
func iec104Bits(name, title string, v uint8, mask uint8, shift uint, at int) Field {
	x := v & mask >> shift
	return UintField(name, fmt.Sprintf("%s = %s: %d", bitString(uint32(v), 8, uint32(mask)), title, x), at, 1, uint64(x))
}

// iec104Named is a bit-masked line with a value name: "QU: Short Pulse (1)".
func iec104Named(name, title string, v uint8, mask uint8, shift uint, table []string, at int) Field {
	x := v & mask >> shift
	return UintField(name, fmt.Sprintf("%s = %s: %s (%d)", bitString(uint32(v), 8, uint32(mask)), title, iec104Val(table, x), x), at, 1, uint64(x))
}

// iec104Quality is the five flags SIQ and DIQ share with QDS (whose first
// is OV, SIQ's SPI and DIQ's two-bit DPI stand apart).
func iec104Quality(prefix string, v uint8, at int) []Field {
	return []Field{
		iec104Bool(prefix+".bl", "BL", v, 0x10, "Blocked", "Not blocked", at),
		iec104Bool(prefix+".sb", "SB", v, 0x20, "Substituted", "Not Substituted", at),
		iec104Bool(prefix+".nt", "NT", v, 0x40, "Not Topical", "Topical", at),
		iec104Bool(prefix+".iv", "IV", v, 0x80, "Invalid", "Valid", at),
	}
}

func iec104Byte(name, title string, v uint8, at int, children ...Field) Field {
	return Field{Name: name, Label: fmt.Sprintf("%s: 0x%02x", title, v), Start: at, Len: 1, Kind: FieldUint, Num: uint64(v), Children: children}
}

func iec104QDS(v uint8, at int) Field {
	return iec104Byte("iec60870_asdu.qds", "QDS", v, at,
		append([]Field{iec104Bool("iec60870_asdu.qds.ov", "OV", v, 0x01, "Overflow", "No overflow", at)}, iec104Quality("iec60870_asdu.qds", v, at)...)...)
}

// iec104Float is the FT_FLOAT text of a value.
func iec104Float(f float64) string { return dnp3G(f) }

// iec104NVA is a normalized value: "Value: 0.5 (16384)".
func iec104NVA(b []byte, at int) Field {
	raw := int16(binary.LittleEndian.Uint16(b))
	v := float64(raw) / 32768
	return Field{Name: "iec60870_asdu.normval", Label: fmt.Sprintf("Value: %s (%d)", iec104Float(float64(float32(v))), raw), Start: at, Len: 2, Kind: FieldLabel}
}

func iec104SVA(b []byte, at int) Field {
	raw := int16(binary.LittleEndian.Uint16(b))
	return Field{Name: "iec60870_asdu.scalval", Label: "Value: " + strconv.Itoa(int(raw)), Start: at, Len: 2, Kind: FieldLabel}
}

func iec104FLT(b []byte, at int) Field {
	f := math.Float32frombits(binary.LittleEndian.Uint32(b))
	return Field{Name: "iec60870_asdu.float", Label: "Value: " + iec104Float(float64(f)), Start: at, Len: 4, Kind: FieldLabel}
}

func iec104QOS(v uint8, at int) Field {
	return iec104Byte("iec60870_asdu.qos", "QOS", v, at,
		iec104Bits("iec60870_asdu.qos.ql", "QL", v, 0x7f, 0, at),
		iec104Bool("iec60870_asdu.qos.se", "S/E", v, 0x80, "Select", "Execute", at))
}

// iec104CP56 is a CP56Time2a time tag. tshark builds the time with
// mktime in the local zone, an hour earlier when the SU bit asks for
// summer time; ladder shows UTC.
func iec104CP56(b []byte, at int) Field {
	ms := binary.LittleEndian.Uint16(b)
	mi, hr, dy, mo, yr := b[2], b[3], b[4], b[5], b[6]
	year := int(yr & 0x7f)
	if year < 70 {
		year += 2000
	} else {
		year += 1900
	}
	t := time.Date(year, time.Month(mo&0x0f), int(dy&0x1f), int(hr&0x1f), int(mi&0x3f), int(ms/1000), int(ms%1000)*1e6, time.UTC)
	if hr&0x80 != 0 {
		t = t.Add(-time.Hour)
	}
	stamp := fmt.Sprintf("%s %2d, %d %02d:%02d:%02d.%09d UTC", t.Format("Jan"), t.Day(), t.Year(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond())
	return Field{Name: "iec60870_asdu.cp56time", Label: "CP56Time: " + stamp, Start: at, Len: 7, Kind: FieldLabel, Children: []Field{
		UintField("iec60870_asdu.cp56time.ms", "MS: "+strconv.Itoa(int(ms)), at, 2, uint64(ms)),
		iec104Bits("iec60870_asdu.cp56time.min", "Min", mi, 0x3f, 0, at+2),
		iec104Bool("iec60870_asdu.cp56time.gen", "GEN", mi, 0x40, "Substituted", "Not Substituted", at+2),
		iec104Bool("iec60870_asdu.cp56time.iv", "IV", mi, 0x80, "Invalid", "Valid", at+2),
		iec104Bits("iec60870_asdu.cp56time.hour", "Hour", hr, 0x1f, 0, at+3),
		iec104Bool("iec60870_asdu.cp56time.su", "SU", hr, 0x80, "DST", "Local", at+3),
		iec104Bits("iec60870_asdu.cp56time.day", "Day", dy, 0x1f, 0, at+4),
		iec104Bits("iec60870_asdu.cp56time.dow", "DOW", dy, 0xe0, 5, at+4),
		iec104Bits("iec60870_asdu.cp56time.month", "Month", mo, 0x0f, 0, at+5),
		iec104Bits("iec60870_asdu.cp56time.year", "Year", yr, 0x7f, 0, at+6),
	}}
}

// iec104Elements is the tree of one object's elements after its address
// (b holds exactly the type's iec104ObjLen bytes); nil for the parts of a
// type ladder does not break down (CP24Time2a tags, protection events,
// security statistics, parameters).
func iec104Elements(t uint8, b []byte, at int) []Field {
	var fs []Field
	siq := func(v uint8, at int) Field {
		return iec104Byte("iec60870_asdu.siq", "SIQ", v, at,
			append([]Field{iec104Bool("iec60870_asdu.siq.spi", "SPI", v, 0x01, "On", "Off", at)}, iec104Quality("iec60870_asdu.siq", v, at)...)...)
	}
	diq := func(v uint8, at int) Field {
		return iec104Byte("iec60870_asdu.diq", "DIQ", v, at,
			append([]Field{iec104Named("iec60870_asdu.diq.dpi", "DPI", v, 0x03, 0, iec104DPI, at)}, iec104Quality("iec60870_asdu.diq", v, at)...)...)
	}
	vti := func(v uint8, at int) Field {
		x := int8(v<<1) >> 1 // a signed 7-bit value
		return iec104Byte("iec60870_asdu.vti", "VTI", v, at,
			Field{Name: "iec60870_asdu.vti.v", Label: fmt.Sprintf("%s = Value: %d", bitString(uint32(v), 8, 0x7f), x), Start: at, Len: 1, Kind: FieldLabel},
			iec104Bool("iec60870_asdu.vti.t", "T", v, 0x80, "Transient", "Not Transient", at))
	}
	bsi := func(b []byte, at int) Field {
		v := binary.BigEndian.Uint32(b) // get_BSI reads it big-endian
		var bits strings.Builder
		for i := 31; i >= 0; i-- {
			bits.WriteByte('0' + byte(v>>i&1))
			if i > 0 && i%8 == 0 {
				bits.WriteString("  ")
			} else if i > 0 && i%4 == 0 {
				bits.WriteByte(' ')
			}
		}
		return UintField("iec60870_asdu.bitstring", fmt.Sprintf("%s = Value: 0x%08x", bits.String(), v), at, 4, uint64(v))
	}
	bcr := func(b []byte, at int) []Field {
		c := int32(binary.LittleEndian.Uint32(b))
		f := b[4]
		return []Field{
			{Name: "iec60870_asdu.bcr.count", Label: "Binary Counter: " + strconv.Itoa(int(c)), Start: at, Len: 4, Kind: FieldLabel},
			iec104Bits("iec60870_asdu.bcr.sq", "SQ", f, 0x1f, 0, at+4),
			iec104Bool("iec60870_asdu.bcr.cy", "CY", f, 0x20, "Overflow", "No overflow", at+4),
			iec104Bool("iec60870_asdu.bcr.ca", "CA", f, 0x40, "Adjusted", "Not Adjusted", at+4),
			iec104Bool("iec60870_asdu.bcr.iv", "IV", f, 0x80, "Invalid", "Valid", at+4),
		}
	}
	cmd := func(name, title, onTitle string, v uint8, at int, single bool, onTable []string) Field {
		var on Field
		if single {
			on = iec104Bool(name+".on", onTitle, v, 0x01, "On", "Off", at)
		} else {
			sub := ".on"
			if name == "iec60870_asdu.rco" {
				sub = ".up"
			}
			on = iec104Named(name+sub, onTitle, v, 0x03, 0, onTable, at)
		}
		return iec104Byte(name, title, v, at, on,
			iec104Named(name+".qu", "QU", v, 0x7c, 2, iec104QU, at),
			iec104Bool(name+".se", "S/E", v, 0x80, "Select", "Execute", at))
	}
	switch t {
	case 1:
		fs = append(fs, siq(b[0], at))
	case 3:
		fs = append(fs, diq(b[0], at))
	case 30:
		fs = append(fs, siq(b[0], at), iec104CP56(b[1:], at+1))
	case 31:
		fs = append(fs, diq(b[0], at), iec104CP56(b[1:], at+1))
	case 5:
		fs = append(fs, vti(b[0], at), iec104QDS(b[1], at+1))
	case 32:
		fs = append(fs, vti(b[0], at), iec104QDS(b[1], at+1), iec104CP56(b[2:], at+2))
	case 7:
		fs = append(fs, bsi(b, at), iec104QDS(b[4], at+4))
	case 33:
		fs = append(fs, bsi(b, at), iec104QDS(b[4], at+4), iec104CP56(b[5:], at+5))
	case 9:
		fs = append(fs, iec104NVA(b, at), iec104QDS(b[2], at+2))
	case 34:
		fs = append(fs, iec104NVA(b, at), iec104QDS(b[2], at+2), iec104CP56(b[3:], at+3))
	case 21:
		fs = append(fs, iec104NVA(b, at))
	case 11:
		fs = append(fs, iec104SVA(b, at), iec104QDS(b[2], at+2))
	case 35:
		fs = append(fs, iec104SVA(b, at), iec104QDS(b[2], at+2), iec104CP56(b[3:], at+3))
	case 13:
		fs = append(fs, iec104FLT(b, at), iec104QDS(b[4], at+4))
	case 36:
		fs = append(fs, iec104FLT(b, at), iec104QDS(b[4], at+4), iec104CP56(b[5:], at+5))
	case 15:
		fs = append(fs, bcr(b, at)...)
	case 37:
		fs = append(fs, bcr(b, at)...)
		fs = append(fs, iec104CP56(b[5:], at+5))
	case 45:
		fs = append(fs, cmd("iec60870_asdu.sco", "SCO", "ON/OFF", b[0], at, true, nil))
	case 46:
		fs = append(fs, cmd("iec60870_asdu.dco", "DCO", "ON/OFF", b[0], at, false, iec104DCOOn))
	case 47:
		fs = append(fs, cmd("iec60870_asdu.rco", "RCO", "UP/DOWN", b[0], at, false, iec104RCOUp))
	case 58:
		fs = append(fs, cmd("iec60870_asdu.sco", "SCO", "ON/OFF", b[0], at, true, nil), iec104CP56(b[1:], at+1))
	case 59:
		fs = append(fs, cmd("iec60870_asdu.dco", "DCO", "ON/OFF", b[0], at, false, iec104DCOOn), iec104CP56(b[1:], at+1))
	case 60:
		fs = append(fs, cmd("iec60870_asdu.rco", "RCO", "UP/DOWN", b[0], at, false, iec104RCOUp), iec104CP56(b[1:], at+1))
	case 48:
		fs = append(fs, iec104NVA(b, at), iec104QOS(b[2], at+2))
	case 61:
		fs = append(fs, iec104NVA(b, at), iec104QOS(b[2], at+2), iec104CP56(b[3:], at+3))
	case 49:
		fs = append(fs, iec104SVA(b, at), iec104QOS(b[2], at+2))
	case 62:
		fs = append(fs, iec104SVA(b, at), iec104QOS(b[2], at+2), iec104CP56(b[3:], at+3))
	case 50:
		fs = append(fs, iec104FLT(b, at), iec104QOS(b[4], at+4))
	case 63:
		fs = append(fs, iec104FLT(b, at), iec104QOS(b[4], at+4), iec104CP56(b[5:], at+5))
	case 70:
		v := b[0]
		fs = append(fs, iec104Byte("iec60870_asdu.coi", "COI", v, at,
			iec104Named("iec60870_asdu.coi_r", "R", v, 0x7f, 0, iec104COIR, at),
			iec104Bool("iec60870_asdu.coi_i", "I", v, 0x80, "Initialisation after change of local parameters", "Initialisation with unchanged local parameters", at)))
	case 100:
		fs = append(fs, UintField("iec60870_asdu.qoi", fmt.Sprintf("QOI: %s (%d)", iec104QOI(b[0]), b[0]), at, 1, uint64(b[0])))
	case 101:
		v := b[0]
		fs = append(fs, iec104Byte("iec60870_asdu.qcc", "QCC", v, at,
			iec104Named("iec60870_asdu.rqt", "RQT", v, 0x3f, 0, iec104RQT, at),
			iec104Named("iec60870_asdu.frz", "FRZ", v, 0xc0, 6, iec104FRZ, at)))
	case 103:
		fs = append(fs, iec104CP56(b, at))
	case 105:
		fs = append(fs, UintField("iec60870_asdu.qrp", fmt.Sprintf("QRP: %s (%d)", iec104Val(iec104QRP, b[0]), b[0]), at, 1, uint64(b[0])))
	}
	return fs
}

// iec104ASDU reads the ASDU b of an I frame, at offset at of the PDU.
func iec104ASDU(b []byte, at int, out *Out) {
	out.SetProto("IEC 60870-5 ASDU")
	top := Field{Name: "iec60870_asdu", Label: "IEC 60870-5-101/104 ASDU", Start: at, Len: len(b), Kind: FieldProto}
	malformed := func() {
		out.AppendInfo("", "[Malformed Packet]")
		if out.WantTree {
			out.Add(top)
		}
	}
	if len(b) < iec104ASDUHdr+iec104IOALen {
		// the header's fields, as far as they go, then the exception
		if out.WantTree {
			top.Children = iec104Header(b, at)
		}
		malformed()
		return
	}
	t, vsq, cot := b[0], b[1], b[2]
	ca := binary.LittleEndian.Uint16(b[4:])
	ioa := uint32(b[6]) | uint32(b[7])<<8 | uint32(b[8])<<16
	num, sq := int(vsq&0x7f), vsq&0x80 != 0
	tname, ok := iec104TypeNames[t]
	if !ok {
		tname = fmt.Sprintf("<TypeId=%d>", t)
	}
	cause, ok := iec104Causes[cot&0x3f]
	if !ok {
		cause = fmt.Sprintf(" <CauseTx=%d>", cot&0x3f)
	}
	var res strings.Builder
	fmt.Fprintf(&res, "ASDU=%d %s %s", ca, tname, cause)
	if cot&0x40 != 0 {
		res.WriteString("_NEGA")
	}
	if cot&0x80 != 0 {
		res.WriteString("_TEST")
	}
	if cot&0xc0 == 0 {
		for i := len(cause); i < 7; i++ {
			res.WriteByte(' ')
		}
	}
	if num > 1 {
		fmt.Fprintf(&res, " IOA[%d]=%d", num, ioa)
		if sq {
			fmt.Fprintf(&res, "-%d", ioa+uint32(num)-1)
		} else {
			res.WriteString(",...")
		}
	} else {
		fmt.Fprintf(&res, " IOA=%d", ioa)
	}
	out.AppendInfo("", res.String())
	long, ok := iec104TypeLong[t]
	if !ok {
		long = "<Unknown TypeId>"
	}
	top.Label += ": " + res.String() + " '" + long + "'"
	top.Children = iec104Header(b, at)
	dlen, walked := iec104ObjLen[t]
	if !walked {
		// the types the dissector does not walk: the first address, then
		// the rest as raw data
		top.Children = append(top.Children, UintField("iec60870_asdu.ioa", "IOA: "+strconv.Itoa(int(ioa)), at+6, 3, uint64(ioa)))
		if len(b) > 9 {
			top.Children = append(top.Children, Field{Name: "iec60870_asdu.rawdata", Label: "Raw Data: " + hexTrunc(b[9:]), Start: at + 9, Len: len(b) - 9, Kind: FieldBytes, Str: string(b[9:])})
		}
		if out.WantTree {
			out.Add(top)
		}
		return
	}
	off := iec104ASDUHdr
	addr := ioa
	for i := 0; i < num; i++ {
		size := dlen
		if i == 0 || !sq {
			size += iec104IOALen
		}
		if off+size > len(b) {
			malformed()
			return
		}
		obj := Field{Start: at + off, Len: size, Kind: FieldLabel}
		if i == 0 || !sq {
			addr = uint32(b[off]) | uint32(b[off+1])<<8 | uint32(b[off+2])<<16
			obj.Children = append(obj.Children, UintField("iec60870_asdu.ioa", "IOA: "+strconv.Itoa(int(addr)), at+off, 3, uint64(addr)))
			off += iec104IOALen
		} else {
			addr++
			obj.Children = append(obj.Children, UintField("iec60870_asdu.ioa", "IOA: "+strconv.Itoa(int(addr)), at+off, 0, uint64(addr)))
		}
		obj.Label = "IOA: " + strconv.Itoa(int(addr))
		if out.WantTree {
			obj.Children = append(obj.Children, iec104Elements(t, b[off:off+dlen], at+off)...)
			top.Children = append(top.Children, obj)
		}
		off += dlen
	}
	if out.WantTree {
		out.Add(top)
	}
}

// iec104Header is the ASDU header's fields that b holds.
func iec104Header(b []byte, at int) []Field {
	var fs []Field
	if len(b) > 0 {
		t := b[0]
		name, ok := iec104TypeNames[t]
		if !ok {
			name = "Unknown"
		}
		fs = append(fs, UintField("iec60870_asdu.typeid", fmt.Sprintf("TypeId: %s (%d)", name, t), at, 1, uint64(t)))
	}
	if len(b) > 1 {
		v := b[1]
		fs = append(fs, iec104Bool("iec60870_asdu.sq", "SQ", v, 0x80, "True", "False", at+1),
			iec104Bits("iec60870_asdu.numix", "NumIx", v, 0x7f, 0, at+1))
	}
	if len(b) > 2 {
		v := b[2]
		cause, ok := iec104Causes[v&0x3f]
		if !ok {
			cause = "Unknown"
		}
		fs = append(fs, UintField("iec60870_asdu.causetx", fmt.Sprintf("%s = CauseTx: %s (%d)", bitString(uint32(v), 8, 0x3f), cause, v&0x3f), at+2, 1, uint64(v&0x3f)),
			iec104Bool("iec60870_asdu.nega", "Negative", v, 0x40, "True", "False", at+2),
			iec104Bool("iec60870_asdu.test", "Test", v, 0x80, "True", "False", at+2))
	}
	if len(b) > 3 {
		fs = append(fs, UintField("iec60870_asdu.oa", "OA: "+strconv.Itoa(int(b[3])), at+3, 1, uint64(b[3])))
	}
	if len(b) > 5 {
		ca := binary.LittleEndian.Uint16(b[4:])
		fs = append(fs, UintField("iec60870_asdu.addr", "Addr: "+strconv.Itoa(int(ca)), at+4, 2, uint64(ca)))
	}
	return fs
}
