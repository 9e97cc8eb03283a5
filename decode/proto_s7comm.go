package decode

import (
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
)

// S7 Communication (Siemens S7comm, protocol id 0x32) in the COTP data
// TPDUs of TPKT on TCP 102, as Wireshark 4.0's packet-s7comm.c shows it:
// tshark finds it by COTP's heuristic (a TPDU of at least 10 bytes that
// begins 0x32 with a PDU type of 1 to 7). Protocol "S7COMM"; Info
// "ROSCTR:[Job     ] Function:[Read Var]", several PDUs of one segment
// joined by " | ", with the block a download or upload names ("->
// Block:[OB1]"), the blocks a PI service acts on ("-> _INSE(FC1)"),
// userdata's type, function group and subfunction ("Function:[Request] ->
// [CPU functions] -> [Read SZL] ID=0x0011 Index=0x0000") and a header or
// parameter error code ("-> Errorcode:[0x8104]"). Details: the header,
// the parameter (function, S7ANY items, setup values, block-control
// status and file names, PI service and userdata head) and the data items
// of Read Var and Write Var and userdata. Bytes the PDU lacks end it with
// "[Malformed Packet]", where tshark's exception does. Hand-written:
// gopacket has no S7comm.

const (
	s7commProtID  = 0x32
	s7commMinLen  = 10 // S7COMM_MIN_TELEGRAM_LENGTH
	s7commJob     = 1
	s7commAck     = 2
	s7commAckData = 3
	s7commUserdat = 7
)

var s7comm = &Dissector{
	Name:    "s7comm",
	Dissect: func(*PDU, *Out) bool { return false }, // reached through COTP only
	Fields: []FieldDef{
		{Name: "s7comm.header", Desc: "S7 header", Kind: FieldLabel},
		{Name: "s7comm.header.protid", Desc: "Protocol identifier (0x32)", Kind: FieldUint, Bits: 8},
		{Name: "s7comm.header.rosctr", Desc: "PDU type (ROSCTR)", Kind: FieldUint, Bits: 8},
		{Name: "s7comm.header.redid", Desc: "Redundancy identification", Kind: FieldUint, Bits: 16},
		{Name: "s7comm.header.pduref", Desc: "PDU reference", Kind: FieldUint, Bits: 16},
		{Name: "s7comm.header.parlg", Desc: "Parameter length", Kind: FieldUint, Bits: 16},
		{Name: "s7comm.header.datlg", Desc: "Data length", Kind: FieldUint, Bits: 16},
		{Name: "s7comm.header.errcls", Desc: "Error class", Kind: FieldUint, Bits: 8},
		{Name: "s7comm.header.errcod", Desc: "Error code", Kind: FieldUint, Bits: 8},
		{Name: "s7comm.param", Desc: "Parameter part", Kind: FieldLabel},
		{Name: "s7comm.param.errcod", Desc: "Error code (class and code)", Kind: FieldUint, Bits: 16},
		{Name: "s7comm.param.func", Desc: "Function", Kind: FieldUint, Bits: 8},
		{Name: "s7comm.param.itemcount", Desc: "Item count", Kind: FieldUint, Bits: 8},
		{Name: "s7comm.param.item", Desc: "Parameter item", Kind: FieldLabel},
		{Name: "s7comm.param.item.varspec", Desc: "Variable specification", Kind: FieldUint, Bits: 8},
		{Name: "s7comm.param.item.varspec_length", Desc: "Length of the address specification", Kind: FieldUint, Bits: 8},
		{Name: "s7comm.param.item.syntaxid", Desc: "Syntax id", Kind: FieldUint, Bits: 8},
		{Name: "s7comm.param.item.transp_size", Desc: "Transport size", Kind: FieldUint, Bits: 8},
		{Name: "s7comm.param.item.length", Desc: "Length", Kind: FieldUint, Bits: 16},
		{Name: "s7comm.param.item.db", Desc: "DB number", Kind: FieldUint, Bits: 16},
		{Name: "s7comm.param.item.area", Desc: "Area", Kind: FieldUint, Bits: 8},
		{Name: "s7comm.param.item.address", Desc: "Address", Kind: FieldUint, Bits: 32},
		{Name: "s7comm.param.item.address.byte", Desc: "Byte address", Kind: FieldUint, Bits: 32},
		{Name: "s7comm.param.item.address.bit", Desc: "Bit address", Kind: FieldUint, Bits: 32},
		{Name: "s7comm.param.setup_reserved1", Desc: "Reserved", Kind: FieldUint, Bits: 8},
		{Name: "s7comm.param.maxamq_calling", Desc: "Max AmQ calling", Kind: FieldUint, Bits: 16},
		{Name: "s7comm.param.maxamq_called", Desc: "Max AmQ called", Kind: FieldUint, Bits: 16},
		{Name: "s7comm.param.pdu_length", Desc: "PDU length", Kind: FieldUint, Bits: 16},
		{Name: "s7comm.param.data", Desc: "Parameter data", Kind: FieldBytes},
		{Name: "s7comm.param.blockcontrol.functionstatus", Desc: "Function status", Kind: FieldUint, Bits: 8},
		{Name: "s7comm.param.blockcontrol.functionstatus.more", Desc: "More data following", Kind: FieldBool},
		{Name: "s7comm.param.blockcontrol.functionstatus.error", Desc: "Error", Kind: FieldBool},
		{Name: "s7comm.param.blockcontrol.filename_len", Desc: "Filename length", Kind: FieldUint, Bits: 8},
		{Name: "s7comm.param.blockcontrol.filename", Desc: "Filename", Kind: FieldString},
		{Name: "s7comm.data.blockcontrol.unknown1", Desc: "Unknown block-control bytes", Kind: FieldBytes},
		{Name: "s7comm.data.blockcontrol.errorcode", Desc: "Block-control error code", Kind: FieldUint, Bits: 16},
		{Name: "s7comm.data.blockcontrol.uploadid", Desc: "Upload id", Kind: FieldUint, Bits: 32},
		{Name: "s7comm.data.blockcontrol.file_identifier", Desc: "File identifier", Kind: FieldString},
		{Name: "s7comm.data.blockcontrol.block_type", Desc: "Block type", Kind: FieldString},
		{Name: "s7comm.data.blockcontrol.block_number", Desc: "Block number", Kind: FieldString},
		{Name: "s7comm.data.blockcontrol.dest_filesys", Desc: "Destination filesystem", Kind: FieldString},
		{Name: "s7comm.data.blockcontrol.part2_len", Desc: "Length part 2", Kind: FieldUint, Bits: 8},
		{Name: "s7comm.data.blockcontrol.part2_unknown", Desc: "Unknown char before load memory", Kind: FieldString},
		{Name: "s7comm.param.pi.n_x.string_len", Desc: "PI service name length", Kind: FieldUint, Bits: 8},
		{Name: "s7comm.param.pi.inse.unknown", Desc: "Unknown PI parameter byte", Kind: FieldUint, Bits: 8},
		{Name: "s7comm.data.blockcontrol.loadmem_len", Desc: "Length of load memory", Kind: FieldString},
		{Name: "s7comm.data.blockcontrol.mc7code_len", Desc: "Length of MC7 code", Kind: FieldString},
		{Name: "s7comm.param.blockcontrol.upl_lenstring_len", Desc: "Block length string length", Kind: FieldUint, Bits: 8},
		{Name: "s7comm.param.blockcontrol.upl_lenstring", Desc: "Block length", Kind: FieldString},
		{Name: "s7comm.param.pistart.unknown1", Desc: "Unknown PI service bytes", Kind: FieldBytes},
		{Name: "s7comm.param.pistart.parameterblock_len", Desc: "PI parameter block length", Kind: FieldUint, Bits: 16},
		{Name: "s7comm.param.pistart.parameterblock", Desc: "PI parameter block", Kind: FieldLabel},
		{Name: "s7comm.data.plccontrol.block_cnt", Desc: "Number of blocks", Kind: FieldUint, Bits: 8},
		{Name: "s7comm.data.plccontrol.part2_len", Desc: "Length part 2", Kind: FieldUint, Bits: 8},
		{Name: "s7comm.param.pistart.servicename", Desc: "PI service", Kind: FieldString},
		{Name: "s7comm.param.userdata.head", Desc: "Userdata parameter head", Kind: FieldUint, Bits: 32},
		{Name: "s7comm.param.userdata.length", Desc: "Userdata parameter length", Kind: FieldUint, Bits: 8},
		{Name: "s7comm.param.userdata.reqres1", Desc: "Method (request/response)", Kind: FieldUint, Bits: 8},
		{Name: "s7comm.param.userdata.type", Desc: "Userdata type", Kind: FieldUint, Bits: 8},
		{Name: "s7comm.param.userdata.funcgroup", Desc: "Function group", Kind: FieldUint, Bits: 8},
		{Name: "s7comm.param.userdata.subfunc", Desc: "Subfunction", Kind: FieldUint, Bits: 8},
		{Name: "s7comm.param.userdata.seq_num", Desc: "Sequence number", Kind: FieldUint, Bits: 8},
		{Name: "s7comm.param.userdata.dataunitref", Desc: "Data unit reference number", Kind: FieldUint, Bits: 8},
		{Name: "s7comm.param.userdata.lastdataunit", Desc: "Last data unit", Kind: FieldUint, Bits: 8},
		{Name: "s7comm.data", Desc: "Data part", Kind: FieldLabel},
		{Name: "s7comm.data.item", Desc: "Data item", Kind: FieldLabel},
		{Name: "s7comm.data.returncode", Desc: "Return code", Kind: FieldUint, Bits: 8},
		{Name: "s7comm.data.transportsize", Desc: "Transport size", Kind: FieldUint, Bits: 8},
		{Name: "s7comm.data.length", Desc: "Length", Kind: FieldUint, Bits: 16},
		{Name: "s7comm.resp.data", Desc: "Data", Kind: FieldBytes},
		{Name: "s7comm.data.userdata.szl_index", Desc: "SZL index", Kind: FieldUint, Bits: 16},
		{Name: "s7comm.data.ts", Desc: "S7 timestamp", Kind: FieldLabel},
		{Name: "s7comm.data.ts_reserved", Desc: "Timestamp reserved byte", Kind: FieldUint, Bits: 8},
		{Name: "s7comm.data.ts_year1", Desc: "Timestamp year (century)", Kind: FieldUint, Bits: 8},
		{Name: "s7comm.data.ts_year2", Desc: "Timestamp year", Kind: FieldUint, Bits: 8},
		{Name: "s7comm.data.ts_month", Desc: "Timestamp month", Kind: FieldUint, Bits: 8},
		{Name: "s7comm.data.ts_day", Desc: "Timestamp day", Kind: FieldUint, Bits: 8},
		{Name: "s7comm.data.ts_hour", Desc: "Timestamp hour", Kind: FieldUint, Bits: 8},
		{Name: "s7comm.data.ts_minute", Desc: "Timestamp minute", Kind: FieldUint, Bits: 8},
		{Name: "s7comm.data.ts_second", Desc: "Timestamp second", Kind: FieldUint, Bits: 8},
		{Name: "s7comm.data.ts_millisecond", Desc: "Timestamp milliseconds", Kind: FieldUint, Bits: 16},
		{Name: "s7comm.data.ts_weekday", Desc: "Timestamp weekday", Kind: FieldUint, Bits: 16},
		{Name: "s7comm.data.userdata.szl_id.partlist_len", Desc: "SZL partial list length", Kind: FieldUint, Bits: 16},
		{Name: "s7comm.data.userdata.szl_id.partlist_cnt", Desc: "SZL partial list count", Kind: FieldUint, Bits: 16},
	},
}

func init() {
	register(s7comm)
}

// s7commHeuristic is dissect_s7comm's check of a COTP data TPDU.
func s7commHeuristic(b []byte) bool {
	return len(b) >= s7commMinLen && b[0] == s7commProtID && b[1] >= 1 && b[1] <= 7
}

// Tables of packet-s7comm.c (value names as tshark -G values lists them).
var (
	s7commROSCTR  = map[uint8]string{1: "Job", 2: "Ack", 3: "Ack_Data", 7: "Userdata"}
	s7commErrCls  = map[uint8]string{0: "No error", 0x81: "Application relationship", 0x82: "Object definition", 0x83: "No resources available", 0x84: "Error on service processing", 0x85: "Error on supplies", 0x87: "Access error"}
	s7commFuncs   = map[uint8]string{0x00: "CPU services", 0xf0: "Setup communication", 0x04: "Read Var", 0x05: "Write Var", 0x1a: "Request download", 0x1b: "Download block", 0x1c: "Download ended", 0x1d: "Start upload", 0x1e: "Upload", 0x1f: "End upload", 0x28: "PI-Service", 0x29: "PLC Stop"}
	s7commSyntax  = map[uint8]string{0x10: "S7ANY", 0x13: "PBC-R_ID", 0x15: "ALARM_LOCKFREE", 0x16: "ALARM_IND", 0x19: "ALARM_ACK", 0x1a: "ALARM_QUERYREQ", 0x1c: "NOTIFY_IND", 0x82: "NCK", 0x83: "NCK_M", 0x84: "NCK_I", 0xa2: "DRIVEESANY", 0xb2: "1200SYM", 0xb0: "DBREAD"}
	s7commTSize   = map[uint8]string{1: "BIT", 2: "BYTE", 3: "CHAR", 4: "WORD", 5: "INT", 6: "DWORD", 7: "DINT", 8: "REAL", 10: "TOD", 11: "TIME", 12: "S5TIME", 15: "DATE_AND_TIME", 28: "COUNTER", 29: "TIMER", 30: "IEC TIMER", 31: "IEC COUNTER", 32: "HS COUNTER"}
	s7commArea    = map[uint8]string{0x01: "Data record", 0x03: "System info of 200 family", 0x05: "System flags of 200 family", 0x06: "Analog inputs of 200 family", 0x07: "Analog outputs of 200 family", 0x80: "Direct peripheral access (P)", 0x81: "Inputs (I)", 0x82: "Outputs (Q)", 0x83: "Flags (M)", 0x84: "Data blocks (DB)", 0x85: "Instance data blocks (DI)", 0x86: "Local data (L)", 0x87: "Unknown yet (V)", 0x1c: "S7 counters (C)", 0x1d: "S7 timers (T)", 0x1e: "IEC counters (200 family)", 0x1f: "IEC timers (200 family)"}
	s7commRetCode = map[uint8]string{0x00: "Reserved", 0x01: "Hardware error", 0x03: "Accessing the object not allowed", 0x05: "Invalid address", 0x06: "Data type not supported", 0x07: "Data type inconsistent", 0x0a: "Object does not exist", 0xff: "Success"}
	s7commDataTS  = map[uint8]string{0x00: "NULL", 0x03: "BIT", 0x04: "BYTE/WORD/DWORD", 0x05: "INTEGER", 0x06: "DINTEGER", 0x07: "REAL", 0x09: "OCTET STRING", 0x11: "NCK ADDRESS1", 0x12: "NCK ADDRESS2"}
	s7commUDType  = map[uint8]string{0: "Push", 4: "Request", 8: "Response", 3: "NC Push", 7: "NC Request", 11: "NC Response"}
	s7commUDGroup = map[uint8]string{0: "Mode-transition", 1: "Programmer commands", 2: "Cyclic services", 3: "Block functions", 4: "CPU functions", 5: "Security", 6: "PBC BSEND/BRECV", 7: "Time functions", 15: "NC programming"}
	// s7commUDSub are the subfunction names of the groups whose
	// subfunction the Info column names.
	s7commUDSub = map[uint8]map[uint8]string{
		1: {1: "Block status", 2: "Variable status", 3: "Output ISTACK", 4: "Output BSTACK", 5: "Output LSTACK", 6: "Time measurement from to", 7: "Force selection", 8: "Modify variable", 9: "Force", 10: "Breakpoint", 11: "Exit HOLD", 12: "Memory reset", 13: "Disable job", 14: "Enable job", 15: "Delete job", 16: "Read job list", 17: "Read job", 18: "Replace job", 19: "Block status v2", 22: "Flash LED"},
		2: {1: "Cyclic transfer", 4: "Unsubscribe", 5: "Change driven transfer", 7: "Change driven transfer modify", 8: "RDREC"},
		3: {1: "List blocks", 2: "List blocks of type", 3: "Get block info"},
		4: {1: "Read SZL", 2: "Message service", 3: "Diagnostic message", 5: "ALARM_8 indication", 6: "NOTIFY indication", 7: "ALARM_8 lock", 8: "ALARM_8 unlock", 9: "SCAN indication", 18: "ALARM_S indication", 17: "ALARM_SQ indication", 19: "ALARM query", 11: "ALARM ack", 12: "ALARM ack indication", 13: "ALARM lock indication", 14: "ALARM unlock indication", 22: "NOTIFY_8 indication"},
		5: {1: "PLC password"},
		7: {1: "Read clock", 2: "Set clock", 3: "Read clock (following)", 4: "Set clock"},
	}
	// s7commPIServices is the one pi_service_names description ladder
	// has checked against tshark; other services' names stay out of the
	// tree.
	s7commPIServices = map[string]string{"_INSE": "PI-Service _INSE (Activates a PLC module)"}
	s7commBlockTypes = map[uint16]string{0x3038: "OB", 0x3039: "CMod", 0x3041: "DB", 0x3042: "SDB", 0x3043: "FC", 0x3044: "SFC", 0x3045: "FB", 0x3046: "SFB"}
	s7commFileIdent  = map[byte]string{'_': "Complete Module", '$': "Module header for up-loading"}
	s7commFilesys    = map[byte]string{'P': "Passive (copied, but not chained) module", 'A': "Active embedded module", 'B': "Active as well as passive module"}
	// s7commAreaAbbr is the area's letters in an item's summary.
	s7commAreaAbbr = map[uint8]string{0x80: "P", 0x81: "I", 0x82: "Q", 0x83: "M", 0x84: "DB", 0x85: "DI", 0x86: "L", 0x87: "V", 0x1c: "C", 0x1d: "T", 0x1e: "IEC counters", 0x1f: "IEC timers"}
)

// s7commName is val_to_str: the table's name or the fallback format.
func s7commName(m map[uint8]string, v uint8, unknown string) string {
	if s, ok := m[v]; ok {
		return s
	}
	return fmt.Sprintf(unknown, v)
}

// s7commShown is the name a value-string field shows: "Unknown" when the
// table lacks it.
func s7commShown(m map[uint8]string, v uint8) string {
	if s, ok := m[v]; ok {
		return s
	}
	return "Unknown"
}

// s7commMsg is the walk over one S7 PDU: b is the PDU, at its offset in
// the dissected bytes; bad is set once a read went past b, where tshark's
// exception ends the dissection.
type s7commMsg struct {
	b    []byte
	at   int
	out  *Out
	bad  bool
	info strings.Builder
}

func (m *s7commMsg) has(off, n int) bool {
	if m.bad || off < 0 || n < 0 || off+n > len(m.b) {
		m.bad = true
		return false
	}
	return true
}

func (m *s7commMsg) u8(off int) uint8 {
	if !m.has(off, 1) {
		return 0
	}
	return m.b[off]
}

func (m *s7commMsg) u16(off int) uint16 {
	if !m.has(off, 2) {
		return 0
	}
	return binary.BigEndian.Uint16(m.b[off:])
}

func (m *s7commMsg) uintF(name, label string, off, n int, v uint64) Field {
	return UintField(name, label, m.at+off, n, v)
}

func (m *s7commMsg) bytesF(name, title string, off, n int) Field {
	v := m.b[off : off+n]
	return Field{Name: name, Label: title + ": " + hexTrunc(v), Start: m.at + off, Len: n, Kind: FieldBytes, Str: string(v)}
}

func (m *s7commMsg) strF(name, title string, off, n int) Field {
	v := string(m.b[off : off+n])
	return StrField(name, title+": "+formatText([]byte(v)), m.at+off, n, v)
}

// dissectS7comm reads the S7 PDU at p.Data[off:], a COTP data TPDU's
// payload.
func dissectS7comm(p *PDU, out *Out, off int) {
	out.SetProto("S7COMM")
	m := &s7commMsg{b: p.Data[off:], at: off, out: out}
	b := m.b
	rosctr := b[1]
	fmt.Fprintf(&m.info, "ROSCTR:[%-8s]", s7commName(s7commROSCTR, rosctr, "Unknown: 0x%02x"))
	top := Field{Name: "s7comm", Label: "S7 Communication", Start: off, Len: len(b), Kind: FieldProto}
	hlen := 10
	if rosctr == s7commAck || rosctr == s7commAckData {
		hlen = 12
	}
	rname := s7commName(s7commROSCTR, rosctr, "Unknown ROSCTR: 0x%02x")
	hdr := Field{Name: "s7comm.header", Label: "Header: (" + rname + ")", Start: off, Len: min(hlen, len(b)), Kind: FieldLabel}
	plen, dlen := int(binary.BigEndian.Uint16(b[6:])), int(binary.BigEndian.Uint16(b[8:]))
	hdr.Children = append(hdr.Children,
		m.uintF("s7comm.header.protid", "Protocol Id: 0x32", 0, 1, s7commProtID),
		m.uintF("s7comm.header.rosctr", fmt.Sprintf("ROSCTR: %s (%d)", s7commShown(s7commROSCTR, rosctr), rosctr), 1, 1, uint64(rosctr)),
		m.uintF("s7comm.header.redid", fmt.Sprintf("Redundancy Identification (Reserved): 0x%04x", binary.BigEndian.Uint16(b[2:])), 2, 2, uint64(binary.BigEndian.Uint16(b[2:]))),
		m.uintF("s7comm.header.pduref", "Protocol Data Unit Reference: "+strconv.Itoa(int(binary.BigEndian.Uint16(b[4:]))), 4, 2, uint64(binary.BigEndian.Uint16(b[4:]))),
		m.uintF("s7comm.header.parlg", "Parameter length: "+strconv.Itoa(plen), 6, 2, uint64(plen)),
		m.uintF("s7comm.header.datlg", "Data length: "+strconv.Itoa(dlen), 8, 2, uint64(dlen)))
	var errorcode uint16
	if hlen == 12 && m.has(10, 2) {
		errorcode = binary.BigEndian.Uint16(b[10:])
		hdr.Children = append(hdr.Children,
			m.uintF("s7comm.header.errcls", fmt.Sprintf("Error class: %s (0x%02x)", s7commShown(s7commErrCls, b[10]), b[10]), 10, 1, uint64(b[10])),
			m.uintF("s7comm.header.errcod", fmt.Sprintf("Error code: 0x%02x", b[11]), 11, 1, uint64(b[11])))
		if errorcode > 0 {
			hdr.Children = append(hdr.Children, m.errcod(10, errorcode))
		}
	}
	top.Children = append(top.Children, hdr)
	if !m.bad {
		switch rosctr {
		case s7commJob, s7commAckData:
			top.Children = append(top.Children, m.reqResp(rosctr, plen, dlen, hlen)...)
		case s7commUserdat:
			top.Children = append(top.Children, m.userdata(plen, dlen, hlen)...)
		}
	}
	if !m.bad && errorcode > 0 {
		fmt.Fprintf(&m.info, " -> Errorcode:[0x%04x]", errorcode)
	}
	if m.bad {
		m.info.WriteString("[Malformed Packet]")
	}
	out.AppendInfo(" | ", m.info.String())
	if out.WantTree {
		out.Add(top)
	}
}

// errcod is the s7comm.param.errcod line of a 16-bit error code.
func (m *s7commMsg) errcod(off int, v uint16) Field {
	name, ok := s7commErrorNames[v]
	if !ok {
		name = "Unknown"
	}
	return m.uintF("s7comm.param.errcod", fmt.Sprintf("Error code: %s (0x%04x)", name, v), off, 2, uint64(v))
}

// funcStatus is the block-control function status byte.
func (m *s7commMsg) funcStatus(off int) Field {
	v := m.b[off]
	f := m.uintF("s7comm.param.blockcontrol.functionstatus", fmt.Sprintf("Function Status: 0x%02x", v), off, 1, uint64(v))
	f.Children = []Field{
		{Name: "s7comm.param.blockcontrol.functionstatus.more", Label: bitString(uint32(v), 8, 0x01) + " = More data following: " + trueFalse(v&1 != 0), Start: m.at + off, Len: 1, Kind: FieldBool, Num: uint64(v & 1)},
		{Name: "s7comm.param.blockcontrol.functionstatus.error", Label: bitString(uint32(v), 8, 0x02) + " = Error: " + trueFalse(v&2 != 0), Start: m.at + off, Len: 1, Kind: FieldBool, Num: uint64(v >> 1 & 1)},
	}
	return f
}

// reqResp is s7comm_decode_req_resp: the parameter and data of a Job or
// an Ack_Data.
func (m *s7commMsg) reqResp(rosctr uint8, plen, dlen, off int) []Field {
	if plen == 0 {
		return nil
	}
	fn := m.u8(off)
	if m.bad {
		return nil
	}
	fmt.Fprintf(&m.info, " Function:[%s]", s7commName(s7commFuncs, fn, "Unknown function: 0x%02x"))
	param := Field{Name: "s7comm.param", Label: "Parameter: (" + s7commName(s7commFuncs, fn, "Unknown function: 0x%02x") + ")", Start: m.at + off, Len: min(plen, len(m.b)-off), Kind: FieldLabel}
	param.Children = append(param.Children, m.uintF("s7comm.param.func", fmt.Sprintf("Function: %s (0x%02x)", s7commShown(s7commFuncs, fn), fn), off, 1, uint64(fn)))
	if !m.has(off, plen) {
		return []Field{param}
	}
	fs := []Field{}
	o := off + 1
	switch {
	case (fn == 0x04 || fn == 0x05) && rosctr == s7commJob:
		count := int(m.u8(o))
		if m.bad {
			break
		}
		param.Children = append(param.Children, m.uintF("s7comm.param.itemcount", "Item count: "+strconv.Itoa(count), o, 1, uint64(count)))
		o++
		for i := 0; i < count && !m.bad; i++ {
			start := o
			var f Field
			f, o = m.paramItem(o, i)
			if m.bad {
				break
			}
			param.Children = append(param.Children, f)
			if (o-start)%2 == 1 && i < count-1 {
				o++
			}
		}
		if !m.bad && fn == 0x05 && dlen > 0 {
			if m.has(o, dlen) {
				data := Field{Name: "s7comm.data", Label: "Data", Start: m.at + o, Len: dlen, Kind: FieldLabel}
				data.Children, o = m.readData(o, count)
				fs = append(fs, data)
			}
		}
	case (fn == 0x04 || fn == 0x05) && rosctr == s7commAckData:
		count := int(m.u8(o))
		if m.bad {
			break
		}
		param.Children = append(param.Children, m.uintF("s7comm.param.itemcount", "Item count: "+strconv.Itoa(count), o, 1, uint64(count)))
		o++
		if !m.has(o, dlen) {
			break
		}
		data := Field{Name: "s7comm.data", Label: "Data", Start: m.at + o, Len: dlen, Kind: FieldLabel}
		if fn == 0x04 && dlen > 0 {
			data.Children, o = m.readData(o, count)
		} else if fn == 0x05 && dlen > 0 {
			for i := 0; i < count && m.has(o, 1); i++ {
				rc := m.b[o]
				item := Field{Name: "s7comm.data.item", Label: fmt.Sprintf("Item [%d]: (%s)", i+1, s7commName(s7commRetCode, rc, "Unknown return value: 0x%02x")), Start: m.at + o, Len: 1, Kind: FieldLabel}
				item.Children = []Field{m.uintF("s7comm.data.returncode", fmt.Sprintf("Return code: %s (0x%02x)", s7commShown(s7commRetCode, rc), rc), o, 1, uint64(rc))}
				data.Children = append(data.Children, item)
				o++
			}
		}
		fs = append(fs, data)
	case fn == 0xf0:
		if m.has(o, 7) {
			param.Children = append(param.Children,
				m.uintF("s7comm.param.setup_reserved1", fmt.Sprintf("Reserved: 0x%02x", m.b[o]), o, 1, uint64(m.b[o])),
				m.uintF("s7comm.param.maxamq_calling", "Max AmQ (parallel jobs with ack) calling: "+strconv.Itoa(int(m.u16(o+1))), o+1, 2, uint64(m.u16(o+1))),
				m.uintF("s7comm.param.maxamq_called", "Max AmQ (parallel jobs with ack) called: "+strconv.Itoa(int(m.u16(o+3))), o+3, 2, uint64(m.u16(o+3))),
				m.uintF("s7comm.param.pdu_length", "PDU length: "+strconv.Itoa(int(m.u16(o+5))), o+5, 2, uint64(m.u16(o+5))))
		}
	case fn >= 0x1a && fn <= 0x1f:
		var data []Field
		param.Children, data = m.updownload(fn, rosctr, plen, dlen, off, param.Children)
		fs = append(fs, data...)
	case fn == 0x28 && rosctr == s7commJob:
		param.Children = m.piService(off, plen, param.Children)
	case fn == 0x28:
		if plen >= 2 && m.has(o, 1) {
			param.Children = append(param.Children, m.funcStatus(o))
		}
	case fn == 0x29 && rosctr == s7commJob:
		if m.has(o, 6) {
			n := int(m.b[o+5])
			param.Children = append(param.Children, m.bytesF("s7comm.param.pistart.unknown1", "Unknown bytes", o, 5),
				m.uintF("s7comm.data.plccontrol.part2_len", "Length part 2: "+strconv.Itoa(n), o+5, 1, uint64(n)))
			if m.has(o+6, n) {
				param.Children = append(param.Children, m.strF("s7comm.param.pistart.servicename", "PI (program invocation) Service", o+6, n))
			}
		}
	default:
		if plen > 1 {
			param.Children = append(param.Children, m.bytesF("s7comm.param.data", "Parameter data", o, plen-1))
		}
		o += plen - 1
		if dlen > 0 && m.has(o, dlen) {
			fs = append(fs, Field{Name: "s7comm.data", Label: "Data", Start: m.at + o, Len: dlen, Kind: FieldLabel,
				Children: []Field{m.bytesF("s7comm.resp.data", "Data", o, dlen)}})
		}
	}
	return append([]Field{param}, fs...)
}

// paramItem is one Read Var or Write Var item; o is where the next one
// starts.
func (m *s7commMsg) paramItem(o, i int) (Field, int) {
	if !m.has(o, 3) {
		return Field{}, o
	}
	spec, n, syn := m.b[o], int(m.b[o+1]), m.b[o+2]
	item := Field{Name: "s7comm.param.item", Label: fmt.Sprintf("Item [%d]:", i+1), Start: m.at + o, Len: n + 2, Kind: FieldLabel}
	item.Children = []Field{
		m.uintF("s7comm.param.item.varspec", fmt.Sprintf("Variable specification: 0x%02x", spec), o, 1, uint64(spec)),
		m.uintF("s7comm.param.item.varspec_length", "Length of following address specification: "+strconv.Itoa(n), o+1, 1, uint64(n)),
		m.uintF("s7comm.param.item.syntaxid", fmt.Sprintf("Syntax Id: %s (0x%02x)", s7commShown(s7commSyntax, syn), syn), o+2, 1, uint64(syn)),
	}
	if spec != 0x12 || n != 10 || syn != 0x10 {
		// the other address syntaxes: not broken down here
		end := o + 2 + n
		if !m.has(o, n+2) {
			return item, end
		}
		return item, end
	}
	if !m.has(o, 12) {
		return item, o
	}
	ts, count, db, area := m.b[o+3], m.u16(o+4), m.u16(o+6), m.b[o+8]
	addr := uint32(m.b[o+9])<<16 | uint32(m.b[o+10])<<8 | uint32(m.b[o+11])
	byteAddr, bitAddr := addr>>3&0xffff, addr&7
	item.Children = append(item.Children,
		m.uintF("s7comm.param.item.transp_size", fmt.Sprintf("Transport size: %s (%d)", s7commShown(s7commTSize, ts), ts), o+3, 1, uint64(ts)),
		m.uintF("s7comm.param.item.length", "Length: "+strconv.Itoa(int(count)), o+4, 2, uint64(count)),
		m.uintF("s7comm.param.item.db", "DB number: "+strconv.Itoa(int(db)), o+6, 2, uint64(db)),
		m.uintF("s7comm.param.item.area", fmt.Sprintf("Area: %s (0x%02x)", s7commShown(s7commArea, area), area), o+8, 1, uint64(area)))
	af := m.uintF("s7comm.param.item.address", fmt.Sprintf("Address: 0x%06x", addr), o+9, 3, uint64(addr))
	af.Children = []Field{
		m.uintF("s7comm.param.item.address.byte", fmt.Sprintf("%s = Byte Address: %d", bitString(addr, 24, 0x7fff8), byteAddr), o+9, 3, uint64(byteAddr)),
		m.uintF("s7comm.param.item.address.bit", fmt.Sprintf("%s = Bit Address: %d", bitString(addr, 24, 0x7), bitAddr), o+9, 3, uint64(bitAddr)),
	}
	item.Children = append(item.Children, af)
	// the summary: "(DB 1.DBX 0.0 BYTE 4)", "(M 10.3 BIT 1)"
	var sum string
	abbr := s7commAreaAbbr[area]
	if area == 0x84 || area == 0x85 {
		sum = fmt.Sprintf("%s %d.%sX %d.%d", abbr, db, abbr, byteAddr, bitAddr)
	} else if abbr != "" {
		sum = fmt.Sprintf("%s %d.%d", abbr, byteAddr, bitAddr)
	} else {
		sum = fmt.Sprintf("%d %d.%d", area, byteAddr, bitAddr)
	}
	item.Label += fmt.Sprintf(" (%s %s %d)", sum, s7commShown(s7commTSize, ts), count)
	return item, o + 12
}

// readData is s7comm_decode_response_read_data: count items of a return
// code, a transport size and a length, the data and a fill byte between
// items of odd length.
func (m *s7commMsg) readData(o, count int) ([]Field, int) {
	var fs []Field
	for i := 0; i < count && !m.bad; i++ {
		if !m.has(o, 4) {
			break
		}
		rc, ts := m.b[o], m.b[o+1]
		n := int(m.u16(o + 2))
		if ts == 0x03 || ts == 0x04 || ts == 0x05 {
			// a length in bits
			n = (n + 7) / 8
		}
		item := Field{Name: "s7comm.data.item", Label: fmt.Sprintf("Item [%d]: (%s)", i+1, s7commName(s7commRetCode, rc, "Unknown return value: 0x%02x")), Start: m.at + o, Len: n + 4, Kind: FieldLabel}
		item.Children = []Field{
			m.uintF("s7comm.data.returncode", fmt.Sprintf("Return code: %s (0x%02x)", s7commShown(s7commRetCode, rc), rc), o, 1, uint64(rc)),
			m.uintF("s7comm.data.transportsize", fmt.Sprintf("Transport size: %s (0x%02x)", s7commShown(s7commDataTS, ts), ts), o+1, 1, uint64(ts)),
			m.uintF("s7comm.data.length", "Length: "+strconv.Itoa(n), o+2, 2, uint64(n)),
		}
		o += 4
		if n > 0 {
			if !m.has(o, n) {
				break
			}
			item.Children = append(item.Children, m.bytesF("s7comm.resp.data", "Data", o, n))
			o += n
		}
		fs = append(fs, item)
		if n%2 == 1 && i < count-1 {
			o++
		}
	}
	return fs, o
}

// filename is s7comm_decode_plc_controls_filename; it appends the block
// (or the file) to Info.
func (m *s7commMsg) filename(o int, ps []Field) ([]Field, int) {
	n := int(m.u8(o))
	if m.bad {
		return ps, o
	}
	ps = append(ps, m.uintF("s7comm.param.blockcontrol.filename_len", "Filename Length: "+strconv.Itoa(n), o, 1, uint64(n)))
	o++
	if !m.has(o, n) {
		return ps, o
	}
	f := m.strF("s7comm.param.blockcontrol.filename", "Filename", o, n)
	if n == 9 {
		bt := binary.BigEndian.Uint16(m.b[o+1:])
		if m.b[o] == '_' && bt >= 0x3038 && bt <= 0x3046 {
			btName, ok := s7commBlockTypes[bt]
			if !ok {
				btName = fmt.Sprintf("Unknown Block type: 0x%04x", bt)
			}
			num, err := strconv.ParseInt(string(m.b[o+3:o+8]), 10, 32)
			numText := "NaN"
			if err == nil {
				numText = strconv.Itoa(int(num))
			}
			fmt.Fprintf(&m.info, " -> Block:[%s%s]", btName, numText)
			f.Label += " [" + btName + numText + "]"
			ident := m.b[o]
			fs := m.b[o+8]
			fsName, ok := s7commFilesys[fs]
			if !ok {
				fsName = "Unknown filesys"
			}
			f.Children = []Field{
				m.strF("s7comm.data.blockcontrol.file_identifier", "File identifier", o, 1),
				m.strF("s7comm.data.blockcontrol.block_type", "Block type", o+1, 2),
				m.strF("s7comm.data.blockcontrol.block_number", "Block number", o+3, 5),
				m.strF("s7comm.data.blockcontrol.dest_filesys", "Destination filesystem", o+8, 1),
			}
			f.Children[0].Label += " (" + s7commFileIdent[ident] + ")"
			f.Children[1].Label += " (" + btName + ")"
			f.Children[3].Label += " (" + fsName + ")"
			return append(ps, f), o + 9
		}
	}
	fmt.Fprintf(&m.info, " File:[%s]", formatText(m.b[o:o+n]))
	return append(ps, f), o + n
}

// updownload is s7comm_decode_plc_controls_updownload; off is the
// function byte's offset.
func (m *s7commMsg) updownload(fn, rosctr uint8, plen, dlen, off int, ps []Field) ([]Field, []Field) {
	o := off + 1
	var data []Field
	var errorcode uint16
	job := rosctr == s7commJob
	switch fn {
	case 0x1a: // Request download
		if job {
			if !m.has(o, 7) {
				break
			}
			ps = append(ps, m.funcStatus(o), m.bytesF("s7comm.data.blockcontrol.unknown1", "Unknown byte(s) in blockcontrol", o+1, 2),
				m.bytesF("s7comm.data.blockcontrol.unknown1", "Unknown byte(s) in blockcontrol", o+3, 4))
			ps, o = m.filename(o+7, ps)
			if !m.bad && plen > 18 && m.has(o, 14) {
				n := m.b[o]
				ps = append(ps, m.uintF("s7comm.data.blockcontrol.part2_len", "Length part 2: "+strconv.Itoa(int(n)), o, 1, uint64(n)),
					m.strF("s7comm.data.blockcontrol.part2_unknown", "Unknown char before load mem", o+1, 1),
					m.strF("s7comm.data.blockcontrol.loadmem_len", "Length of load memory", o+2, 6),
					m.strF("s7comm.data.blockcontrol.mc7code_len", "Length of MC7 code", o+8, 6))
			}
		} else if plen >= 2 && m.has(o, 1) {
			ps = append(ps, m.funcStatus(o))
		}
	case 0x1d: // Start upload
		if !m.has(o, 7) {
			break
		}
		ps = append(ps, m.funcStatus(o), m.bytesF("s7comm.data.blockcontrol.unknown1", "Unknown byte(s) in blockcontrol", o+1, 2),
			m.uintF("s7comm.data.blockcontrol.uploadid", fmt.Sprintf("UploadID: 0x%08x", binary.BigEndian.Uint32(m.b[o+3:])), o+3, 4, uint64(binary.BigEndian.Uint32(m.b[o+3:]))))
		o += 7
		if job {
			ps, _ = m.filename(o, ps)
		} else if plen > 8 {
			n := int(m.u8(o))
			if !m.bad {
				ps = append(ps, m.uintF("s7comm.param.blockcontrol.upl_lenstring_len", "Blocklengthstring Length: "+strconv.Itoa(n), o, 1, uint64(n)))
				if m.has(o+1, n) {
					ps = append(ps, m.strF("s7comm.param.blockcontrol.upl_lenstring", "Blocklength", o+1, n))
				}
			}
		}
	case 0x1e, 0x1b: // Upload, Download block
		if job {
			if !m.has(o, 7) {
				break
			}
			ps = append(ps, m.funcStatus(o), m.bytesF("s7comm.data.blockcontrol.unknown1", "Unknown byte(s) in blockcontrol", o+1, 2))
			if fn == 0x1e {
				ps = append(ps, m.uintF("s7comm.data.blockcontrol.uploadid", fmt.Sprintf("UploadID: 0x%08x", binary.BigEndian.Uint32(m.b[o+3:])), o+3, 4, uint64(binary.BigEndian.Uint32(m.b[o+3:]))))
			} else {
				ps = append(ps, m.bytesF("s7comm.data.blockcontrol.unknown1", "Unknown byte(s) in blockcontrol", o+3, 4))
				ps, _ = m.filename(o+7, ps)
			}
			break
		}
		if plen >= 2 && m.has(o, 1) {
			ps = append(ps, m.funcStatus(o))
			o++
		}
		if !m.bad && dlen > 0 && m.has(o, dlen) && dlen >= 4 {
			d := Field{Name: "s7comm.data", Label: "Data", Start: m.at + o, Len: dlen, Kind: FieldLabel}
			n := m.u16(o)
			d.Children = []Field{m.uintF("s7comm.data.length", "Length: "+strconv.Itoa(int(n)), o, 2, uint64(n)),
				m.bytesF("s7comm.data.blockcontrol.unknown1", "Unknown byte(s) in blockcontrol", o+2, 2)}
			if dlen > 4 {
				d.Children = append(d.Children, m.bytesF("s7comm.resp.data", "Data", o+4, dlen-4))
			}
			data = append(data, d)
		} else if dlen > 0 && dlen < 4 {
			m.bad = true
		}
	case 0x1f, 0x1c: // End upload, Download ended
		if job {
			if !m.has(o, 7) {
				break
			}
			errorcode = binary.BigEndian.Uint16(m.b[o+1:])
			ef := m.uintF("s7comm.data.blockcontrol.errorcode", fmt.Sprintf("Errorcode: 0x%04x", errorcode), o+1, 2, uint64(errorcode))
			if name, ok := s7commErrorNames[errorcode]; ok {
				ef.Label += " (" + name + ")"
			}
			ps = append(ps, m.funcStatus(o), ef)
			if fn == 0x1f {
				ps = append(ps, m.uintF("s7comm.data.blockcontrol.uploadid", fmt.Sprintf("UploadID: 0x%08x", binary.BigEndian.Uint32(m.b[o+3:])), o+3, 4, uint64(binary.BigEndian.Uint32(m.b[o+3:]))))
			} else {
				ps = append(ps, m.bytesF("s7comm.data.blockcontrol.unknown1", "Unknown byte(s) in blockcontrol", o+3, 4))
				ps, _ = m.filename(o+7, ps)
			}
		} else if plen >= 2 && m.has(o, 1) {
			ps = append(ps, m.funcStatus(o))
		}
	}
	if !m.bad && errorcode > 0 {
		fmt.Fprintf(&m.info, " -> Errorcode:[0x%04x]", errorcode)
	}
	return ps, data
}

// piService is s7comm_decode_pi_service for the services of PLCs (block
// insertion and deletion, program start and stop, compression); the NC
// services' arguments are not read, only named.
func (m *s7commMsg) piService(off, plen int, ps []Field) []Field {
	o := off + 1
	if !m.has(o, 7) {
		return ps
	}
	ps = append(ps, m.bytesF("s7comm.param.pistart.unknown1", "Unknown bytes", o, 7))
	o += 7
	if o-off >= plen {
		return ps
	}
	pl := int(m.u16(o))
	if m.bad {
		return ps
	}
	ps = append(ps, m.uintF("s7comm.param.pistart.parameterblock_len", "Parameter block length: "+strconv.Itoa(pl), o, 2, uint64(pl)))
	o += 2
	po := o
	if !m.has(o, pl) {
		return ps
	}
	pb := Field{Name: "s7comm.param.pistart.parameterblock", Label: "Parameter block", Start: m.at + o, Len: pl, Kind: FieldLabel}
	o += pl
	n := int(m.u8(o))
	if m.bad || !m.has(o+1, n) {
		return append(ps, pb)
	}
	name := string(m.b[o+1 : o+1+n])
	tail := []Field{m.uintF("s7comm.param.pi.n_x.string_len", "String length: "+strconv.Itoa(n), o, 1, uint64(n))}
	if descr, ok := s7commPIServices[name]; ok {
		sf := m.strF("s7comm.param.pistart.servicename", "PI (program invocation) Service", o+1, n)
		sf.Label += " [" + descr + "]"
		tail = append(tail, sf)
	}
	switch name {
	case "_INSE", "_INS2", "_DELE":
		count := int(m.u8(po))
		if m.bad {
			break
		}
		pb.Children = append(pb.Children, m.uintF("s7comm.data.plccontrol.block_cnt", "Number of blocks: "+strconv.Itoa(count), po, 1, uint64(count)))
		if !m.has(po+1, 1) {
			break
		}
		pb.Children = append(pb.Children, m.uintF("s7comm.param.pi.inse.unknown", fmt.Sprintf("Unknown byte: 0x%02x", m.b[po+1]), po+1, 1, uint64(m.b[po+1])))
		q := po + 2
		fmt.Fprintf(&m.info, " -> %s(", formatText([]byte(name)))
		for i := 0; i < count; i++ {
			if !m.has(q, 8) {
				break
			}
			bt := binary.BigEndian.Uint16(m.b[q:])
			btName, ok := s7commBlockTypes[bt]
			if !ok {
				btName = fmt.Sprintf("Unknown Block type: 0x%04x", bt)
			}
			num, err := strconv.ParseInt(string(m.b[q+2:q+7]), 10, 32)
			numText := "NaN"
			if err == nil {
				numText = strconv.Itoa(int(num))
			}
			m.info.WriteString(btName + numText)
			if i+1 < count {
				m.info.WriteString(", ")
			}
			fsName, ok := s7commFilesys[m.b[q+7]]
			if !ok {
				fsName = "Unknown filesys"
			}
			f := m.strF("s7comm.param.blockcontrol.filename", "Filename", q, 8)
			f.Label += " [" + btName + " " + numText + "]"
			f.Children = []Field{m.strF("s7comm.data.blockcontrol.block_type", "Block type", q, 2),
				m.strF("s7comm.data.blockcontrol.block_number", "Block number", q+2, 5),
				m.strF("s7comm.data.blockcontrol.dest_filesys", "Destination filesystem", q+7, 1)}
			f.Children[0].Label += " (" + btName + ")"
			f.Children[2].Label += " (" + fsName + ")"
			pb.Children = append(pb.Children, f)
			q += 8
		}
		if !m.bad {
			m.info.WriteString(")")
		}
	case "P_PROGRAM", "_MODU", "_GARB":
		if pl == 0 {
			fmt.Fprintf(&m.info, " -> %s()", formatText([]byte(name)))
		} else {
			fmt.Fprintf(&m.info, " -> %s(\"%s\")", formatText([]byte(name)), formatText(m.b[po:po+pl]))
		}
	default:
		fmt.Fprintf(&m.info, " -> [%s]", formatText([]byte(name)))
	}
	return append(append(ps, pb), tail...)
}

// userdata is s7comm_decode_ud: the userdata parameter head and the data
// part's return code, transport size and length.
func (m *s7commMsg) userdata(plen, dlen, off int) []Field {
	if !m.has(off, 8) || !m.has(off, plen) {
		return nil
	}
	b := m.b
	typ, grp, sub := b[off+5]>>4, b[off+5]&0x0f, b[off+6]
	typName := s7commName(s7commUDType, typ, "Unknown type: 0x%02x")
	grpName := s7commName(s7commUDGroup, grp, "Unknown function: 0x%02x")
	fmt.Fprintf(&m.info, " Function:[%s] -> [%s]", typName, grpName)
	label := "Parameter: (" + typName + ") ->(" + grpName + ")"
	subs, named := s7commUDSub[grp]
	subLabel := fmt.Sprintf("Subfunction: %d", sub)
	if named {
		sn := s7commName(subs, sub, "Unknown subfunc: 0x%02x")
		fmt.Fprintf(&m.info, " -> [%s]", sn)
		label += " ->(" + sn + ")"
		subLabel = fmt.Sprintf("Subfunction: %s (%d)", s7commShown(subs, sub), sub)
	}
	head := uint32(b[off])<<16 | uint32(b[off+1])<<8 | uint32(b[off+2])
	method := b[off+4]
	methodName := map[uint8]string{0x11: "Req", 0x12: "Res"}[method]
	if methodName == "" {
		methodName = "Unknown"
	}
	param := Field{Name: "s7comm.param", Label: label, Start: m.at + off, Len: plen, Kind: FieldLabel}
	param.Children = []Field{
		m.uintF("s7comm.param.userdata.head", fmt.Sprintf("Parameter head: 0x%06x", head), off, 3, uint64(head)),
		m.uintF("s7comm.param.userdata.length", "Parameter length: "+strconv.Itoa(int(b[off+3])), off+3, 1, uint64(b[off+3])),
		m.uintF("s7comm.param.userdata.reqres1", fmt.Sprintf("Method (Request/Response): %s (0x%02x)", methodName, method), off+4, 1, uint64(method)),
		m.uintF("s7comm.param.userdata.type", fmt.Sprintf("%s = Type: %s (%d)", bitString(uint32(b[off+5]), 8, 0xf0), s7commShown(s7commUDType, typ), typ), off+5, 1, uint64(typ)),
		m.uintF("s7comm.param.userdata.funcgroup", fmt.Sprintf("%s = Function group: %s (%d)", bitString(uint32(b[off+5]), 8, 0x0f), s7commShown(s7commUDGroup, grp), grp), off+5, 1, uint64(grp)),
		m.uintF("s7comm.param.userdata.subfunc", subLabel, off+6, 1, uint64(sub)),
		m.uintF("s7comm.param.userdata.seq_num", "Sequence number: "+strconv.Itoa(int(b[off+7])), off+7, 1, uint64(b[off+7])),
	}
	if plen >= 12 {
		if !m.has(off+8, 4) {
			return nil
		}
		last := b[off+9]
		lastName := map[uint8]string{0: "Yes", 1: "No"}[last]
		if lastName == "" {
			lastName = "Unknown"
		}
		ec := binary.BigEndian.Uint16(b[off+10:])
		param.Children = append(param.Children,
			m.uintF("s7comm.param.userdata.dataunitref", "Data unit reference number: "+strconv.Itoa(int(b[off+8])), off+8, 1, uint64(b[off+8])),
			m.uintF("s7comm.param.userdata.lastdataunit", fmt.Sprintf("Last data unit: %s (0x%02x)", lastName, last), off+9, 1, uint64(last)),
			m.errcod(off+10, ec))
		if ec > 0 {
			fmt.Fprintf(&m.info, " -> Errorcode:[0x%04x]", ec)
		}
	}
	o := off + plen
	fs := []Field{param}
	if !m.has(o, dlen) {
		return fs
	}
	data := Field{Name: "s7comm.data", Label: "Data", Start: m.at + o, Len: dlen, Kind: FieldLabel}
	if dlen >= 4 {
		rc, ts, n := b[o], b[o+1], binary.BigEndian.Uint16(b[o+2:])
		data.Children = []Field{
			m.uintF("s7comm.data.returncode", fmt.Sprintf("Return code: %s (0x%02x)", s7commShown(s7commRetCode, rc), rc), o, 1, uint64(rc)),
			m.uintF("s7comm.data.transportsize", fmt.Sprintf("Transport size: %s (0x%02x)", s7commShown(s7commDataTS, ts), ts), o+1, 1, uint64(ts)),
			m.uintF("s7comm.data.length", "Length: "+strconv.Itoa(int(n)), o+2, 2, uint64(n)),
		}
		if dlen >= 14 && grp == 7 && ((sub == 1 || sub == 3) && typ == 8 && rc == 0xff || (sub == 2 || sub == 4) && typ == 4) {
			ts, label := m.timestamp(o + 4)
			data.Label = "Data: (Timestamp: " + label + ")"
			data.Children = append(data.Children, ts)
		}
		if dlen > 4 && grp == 4 && sub == 1 {
			// Read SZL: the list's id and index
			q := o + 4
			if m.has(q, 4) {
				id, idx := binary.BigEndian.Uint16(b[q:]), binary.BigEndian.Uint16(b[q+2:])
				fmt.Fprintf(&m.info, " ID=0x%04x Index=0x%04x", id, idx)
				data.Label = fmt.Sprintf("Data (SZL-ID: 0x%04x, Index: 0x%04x)", id, idx)
				data.Children = append(data.Children, m.uintF("s7comm.data.userdata.szl_index", fmt.Sprintf("SZL-Index: 0x%04x", idx), q+2, 2, uint64(idx)))
				if typ == 8 && m.has(q+4, 4) {
					ll, lc := binary.BigEndian.Uint16(b[q+4:]), binary.BigEndian.Uint16(b[q+6:])
					data.Children = append(data.Children,
						m.uintF("s7comm.data.userdata.szl_id.partlist_len", "SZL partial list length in bytes: "+strconv.Itoa(int(ll)), q+4, 2, uint64(ll)),
						m.uintF("s7comm.data.userdata.szl_id.partlist_cnt", "SZL partial list count: "+strconv.Itoa(int(lc)), q+6, 2, uint64(lc)))
				}
			}
		}
	}
	return append(fs, data)
}

// timestamp is an S7 BCD timestamp (10 bytes) and its text.
func (m *s7commMsg) timestamp(o int) (Field, string) {
	b := m.b[o : o+10]
	bcd := func(v byte) int { return int(v>>4)*10 + int(v&0x0f) }
	year := bcd(b[2])
	if year < 90 {
		year += 2000
	} else {
		year += 1900
	}
	month, day, hour, minute, sec := bcd(b[3]), bcd(b[4]), bcd(b[5]), bcd(b[6]), bcd(b[7])
	ms := int(b[8]>>4)*100 + int(b[8]&0x0f)*10 + int(b[9]>>4)
	wd := b[9] & 0x0f
	months := [...]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
	mon := "???"
	if month >= 1 && month <= 12 {
		mon = months[month-1]
	}
	text := fmt.Sprintf("%s %2d, %d %02d:%02d:%02d.%03d", mon, day, year, hour, minute, sec, ms)
	wdName := [...]string{"Undefined", "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
	wn := "Unknown"
	if int(wd) < len(wdName) {
		wn = wdName[wd]
	}
	f := Field{Name: "s7comm.data.ts", Label: "S7 Timestamp: " + text, Start: m.at + o, Len: 10, Kind: FieldLabel, Children: []Field{
		m.uintF("s7comm.data.ts_reserved", fmt.Sprintf("S7 Timestamp - Reserved: 0x%02x", b[0]), o, 1, uint64(b[0])),
		m.uintF("s7comm.data.ts_year1", fmt.Sprintf("S7 Timestamp - Year 1: %d", bcd(b[1])), o+1, 1, uint64(bcd(b[1]))),
		m.uintF("s7comm.data.ts_year2", fmt.Sprintf("S7 Timestamp - Year 2: %d", bcd(b[2])), o+2, 1, uint64(bcd(b[2]))),
		m.uintF("s7comm.data.ts_month", fmt.Sprintf("S7 Timestamp - Month: %d", month), o+3, 1, uint64(month)),
		m.uintF("s7comm.data.ts_day", fmt.Sprintf("S7 Timestamp - Day: %d", day), o+4, 1, uint64(day)),
		m.uintF("s7comm.data.ts_hour", fmt.Sprintf("S7 Timestamp - Hour: %d", hour), o+5, 1, uint64(hour)),
		m.uintF("s7comm.data.ts_minute", fmt.Sprintf("S7 Timestamp - Minute: %d", minute), o+6, 1, uint64(minute)),
		m.uintF("s7comm.data.ts_second", fmt.Sprintf("S7 Timestamp - Second: %d", sec), o+7, 1, uint64(sec)),
		m.uintF("s7comm.data.ts_millisecond", fmt.Sprintf("S7 Timestamp - Milliseconds: %d", ms), o+8, 2, uint64(ms)),
		m.uintF("s7comm.data.ts_weekday", fmt.Sprintf("%s = S7 Timestamp - Weekday: %s (%d)", bitString(uint32(b[8])<<8|uint32(b[9]), 16, 0x000f), wn, wd), o+8, 2, uint64(wd)),
	}}
	return f, text
}
