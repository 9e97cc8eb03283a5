package decode

import (
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"strconv"
)

// Modbus/TCP (the MBAP header) and the Modbus PDU it carries, as
// Wireshark 4.0's packet-mbtcp.c shows them on TCP 502. A segment is taken
// for Modbus/TCP only when its first bytes hold a whole MBAP header and a
// function code with protocol identifier 0 and a length of at least 2;
// otherwise it stays TCP and starts no reassembly (the check
// dissect_mbtcp_common makes before tcp_dissect_pdus). Each ADU sets the
// Info column afresh (col_clear, col_add_fstr), so a segment carrying
// several shows the last one: "   Query: Trans:     1; Unit:   1, Func:
// 3: Read Holding Registers" with Response for packets from port 502,
// "Func:  43/  1: Read Device Identification" for the two functions with
// a sub-function (the "1" is a flag, not the code) and ". Exception
// returned " after an exception response. Details: the MBAP header's
// fields, then the Modbus layer: function code, exception code, and the
// request and response fields of the common functions, with register and
// coil numbers taken from the request a response answers (matched by
// function, transaction and unit, as the dissector's conversation list
// does). Hand-written: gopacket has no Modbus layer.

const (
	modbusPort = 502 // tshark -G decodes: tcp.port 502 mbtcp
	// modbusHeaderLen is the MBAP header and the function code: what a
	// segment must begin with to be taken for Modbus/TCP.
	modbusHeaderLen = 8
	// modbusMaxRequests bounds the requests a conversation remembers for
	// matching responses.
	modbusMaxRequests = 256
)

// Modbus function codes (Modbus Application Protocol v1.1b3 §6).
const (
	modbusReadCoils          = 1
	modbusReadDiscreteInputs = 2
	modbusReadHoldingRegs    = 3
	modbusReadInputRegs      = 4
	modbusWriteSingleCoil    = 5
	modbusWriteSingleReg     = 6
	modbusReadExceptStat     = 7
	modbusDiagnostics        = 8
	modbusGetCommEventCtrs   = 11
	modbusWriteMultCoils     = 15
	modbusWriteMultRegs      = 16
	modbusMaskWriteReg       = 22
	modbusReadWriteReg       = 23
	modbusReadFIFOQueue      = 24
	modbusEncapInterface     = 43
	modbusReadDeviceID       = 14 // MEI type of function 43
)

// modbusFuncNames is packet-mbtcp.c's function_code_vals.
var modbusFuncNames = map[uint8]string{
	1: "Read Coils", 2: "Read Discrete Inputs", 3: "Read Holding Registers", 4: "Read Input Registers",
	5: "Write Single Coil", 6: "Write Single Register", 7: "Read Exception Status", 8: "Diagnostics",
	11: "Get Comm. Event Counters", 12: "Get Comm. Event Log", 15: "Write Multiple Coils",
	16: "Write Multiple Registers", 17: "Report Slave ID", 20: "Read File Record", 21: "Write File Record",
	22: "Mask Write Register", 23: "Read Write Register", 24: "Read FIFO Queue",
	43: "Encapsulated Interface Transport", 90: "Unity (Schneider)",
}

// modbusExceptionNames is exception_code_vals.
var modbusExceptionNames = map[uint8]string{
	1: "Illegal function", 2: "Illegal data address", 3: "Illegal data value", 4: "Slave device failure",
	5: "Acknowledge", 6: "Slave device busy", 8: "Memory parity error", 10: "Gateway path unavailable",
	11: "Gateway target device failed to respond",
}

// modbusMEINames is encap_interface_code_vals (the CANopen name ends in a
// space there too).
var modbusMEINames = map[uint8]string{13: "CANopen Request/Response ", 14: "Read Device Identification"}

// modbusDiagNames is diagnostic_code_vals.
var modbusDiagNames = map[uint16]string{
	0: "Return Query Data", 1: "Restart Communications Option", 2: "Return Diagnostic Register",
	3: "Change ASCII Input Delimiter", 4: "Force Listen Only Mode", 10: "Clear Counters and Diagnostic Register",
	11: "Return Bus Message Count", 12: "Return Bus Communication Error Count",
	13: "Return Bus Exception Error Count", 14: "Return Slave Message Count", 15: "Return Slave No Response Count",
	16: "Return Slave NAK Count", 17: "Return Slave Busy Count", 18: "Return Bus Character Overrun Count",
	20: "Clear Overrun Counter and Flag",
}

// modbusReadDeviceIDNames and modbusObjectIDNames are read_device_id_vals
// and object_id_vals.
var (
	modbusReadDeviceIDNames = map[uint8]string{1: "Basic Device Identification", 2: "Regular Device Identification",
		3: "Extended Device Identification", 4: "Specific Identification Object"}
	modbusObjectIDNames = map[uint8]string{0: "VendorName", 1: "ProductCode", 2: "MajorMinorRevision",
		3: "VendorURL", 4: "ProductName", 5: "ModelName", 6: "UserApplicationName"}
)

// modbusRequest is what a conversation remembers of a query for the
// response that answers it (modbus_request_info_t).
type modbusRequest struct {
	frame       int
	time        int64
	function    uint8
	unit        uint8
	trans       uint16
	base, count uint16
}

// modbusState is a conversation's queries, newest last.
type modbusState struct {
	requests []modbusRequest
}

// modbusPDULen is tcp_dissect_pdus with get_mbtcp_pdu_len behind
// dissect_mbtcp_common's check of the segment's first bytes.
func modbusPDULen(c *Conv, _ uint8, b []byte) int {
	if c.AtSegmentStart() && (len(b) < modbusHeaderLen || binary.BigEndian.Uint16(b[2:]) != 0 || binary.BigEndian.Uint16(b[4:]) < 2) {
		return PDUReject
	}
	if len(b) < 6 {
		return 0
	}
	return int(binary.BigEndian.Uint16(b[4:])) + 6
}

// modbusName is val_to_str on a table: the name or the fallback format.
func modbusName(m map[uint8]string, v uint8, unknown string) string {
	if s, ok := m[v]; ok {
		return s
	}
	return fmt.Sprintf(unknown, v)
}

func modbusDissect(p *PDU, out *Out) bool {
	b := p.Data
	out.SetProto("Modbus/TCP")
	out.SetInfo("")
	if len(b) < modbusHeaderLen {
		out.AppendInfo("", malformedMark)
		return true
	}
	trans := binary.BigEndian.Uint16(b)
	plen := int(binary.BigEndian.Uint16(b[4:]))
	unit, fc := b[6], b[7]&0x7f
	kind, unknown := "unknown", true
	switch {
	case p.SrcPort == modbusPort && p.DstPort != modbusPort:
		kind, unknown = "Response", false
	case p.DstPort == modbusPort && p.SrcPort != modbusPort:
		kind, unknown = "Query", false
	}
	var exception uint8
	if b[7]&0x80 != 0 || fc == modbusEncapInterface || fc == modbusDiagnostics {
		if len(b) < 9 || fc == modbusDiagnostics && b[7]&0x80 == 0 && len(b) < 10 {
			out.AppendInfo("", malformedMark)
			return true
		}
		if b[7]&0x80 != 0 {
			exception = b[8]
		}
	}
	fname, sub := modbusName(modbusFuncNames, fc, "Unknown function (%d)"), false
	if exception == 0 && fc == modbusEncapInterface {
		fname, sub = modbusMEINames[b[8]], true
		if fname == "" {
			fname = "Encapsulated Interface Transport"
		}
	} else if exception == 0 && fc == modbusDiagnostics && len(b) >= 10 {
		// an exception response whose code is 0 has no sub-function word
		fname, sub = modbusDiagNames[binary.BigEndian.Uint16(b[8:])], true
		if fname == "" {
			fname = "Diagnostics"
		}
	}
	info := fmt.Sprintf("%8s: Trans: %5d; Unit: %3d, Func: %3d", kind, trans, unit, fc)
	if sub {
		info += "/  1"
	}
	info += ": " + fname
	switch {
	case exception != 0:
		info += ". Exception returned "
	case unknown:
		info += ". Unable to classify as query or response."
	}
	out.SetInfo(info)

	st, _ := p.Conv.stateModbus()
	body := b[7:max(7, min(len(b), 7+plen-1))]
	m := modbusMsg{b: body, base: 7, tree: out.WantTree}
	if st != nil && exception == 0 {
		m.track(st, p, kind, trans, unit, fc)
	}
	if !out.WantTree {
		if exception == 0 {
			m.fields(kind, fc)
		}
		if m.bad {
			out.AppendInfo("", malformedMark)
		}
		return true
	}
	top := Field{Name: "mbtcp", Label: "Modbus/TCP", Start: 0, Len: min(plen+6, len(b)), Kind: FieldProto, Children: []Field{
		UintField("mbtcp.trans_id", "Transaction Identifier: "+strconv.Itoa(int(trans)), 0, 2, uint64(trans)),
		UintField("mbtcp.prot_id", "Protocol Identifier: "+strconv.Itoa(int(binary.BigEndian.Uint16(b[2:]))), 2, 2, uint64(binary.BigEndian.Uint16(b[2:]))),
		UintField("mbtcp.len", "Length: "+strconv.Itoa(plen), 4, 2, uint64(plen)),
		UintField("mbtcp.unit_id", "Unit Identifier: "+strconv.Itoa(int(unit)), 6, 1, uint64(unit)),
	}}
	out.Add(top)
	mb := Field{Name: "modbus", Label: "Modbus", Start: 7, Len: len(body), Kind: FieldProto}
	m.add(UintField("modbus.func_code", bitString(uint32(b[7]), 8, 0x7f)+" = Function Code: "+modbusName(modbusFuncNames, fc, "Unknown (%d)")+" ("+strconv.Itoa(int(fc))+")", 0, 1, uint64(fc)))
	if exception != 0 {
		mb.Label = fmt.Sprintf("Function %d:  %s.  Exception: %s", fc, modbusName(modbusFuncNames, fc, "Unknown Function"),
			modbusName(modbusExceptionNames, exception, "Unknown Exception Code (%d)"))
		m.add(UintField("modbus.exception_code", "Exception Code: "+modbusName(modbusExceptionNames, exception, "Unknown")+" ("+strconv.Itoa(int(exception))+")", 1, 1, uint64(exception)))
	} else {
		m.fields(kind, fc)
	}
	mb.Children = m.out
	out.Add(mb)
	if m.bad {
		out.AppendInfo("", malformedMark)
		out.Add(Field{Name: "_ws.malformed", Label: "[Malformed Packet: Modbus]"})
	}
	return true
}

// stateModbus is the conversation's Modbus state, made on first use.
func (c *Conv) stateModbus() (*modbusState, bool) {
	if c == nil {
		return nil, false
	}
	if st, ok := c.State.(*modbusState); ok {
		return st, true
	}
	st := &modbusState{}
	c.State = st
	return st, false
}

// modbusMsg builds the Modbus layer's fields over its PDU bytes b (the
// function code first), which lie at base in the ADU.
type modbusMsg struct {
	b    []byte
	base int
	tree bool
	out  []Field
	bad  bool // a field ran past the PDU: tshark's malformedMark
	// the request a response answers
	found             bool
	reqFrame          int
	reqTime           int64
	regBase, regCount uint16
	now               int64
}

func (m *modbusMsg) add(f Field) {
	if m.tree {
		f.Start += m.base
		m.out = append(m.out, f)
	}
}

// has reports whether n bytes lie at off, else marks the PDU malformed.
func (m *modbusMsg) has(off, n int) bool {
	if off+n > len(m.b) {
		m.bad = true
		return false
	}
	return true
}

func (m *modbusMsg) u16(off int) uint16 { return binary.BigEndian.Uint16(m.b[off:]) }

// uint16Field adds a 16-bit field "Label: v" at off.
func (m *modbusMsg) uint16Field(name, label string, off int) bool {
	if !m.has(off, 2) {
		return false
	}
	v := m.u16(off)
	m.add(UintField(name, label+": "+strconv.Itoa(int(v)), off, 2, uint64(v)))
	return true
}

// byteField adds an 8-bit field "Label: v" at off.
func (m *modbusMsg) byteField(name, label string, off int) (int, bool) {
	if !m.has(off, 1) {
		return 0, false
	}
	v := m.b[off]
	m.add(UintField(name, label+": "+strconv.Itoa(int(v)), off, 1, uint64(v)))
	return int(v), true
}

// track records a query, or finds the query a response answers, as the
// Modbus dissector's conversation list does.
func (m *modbusMsg) track(st *modbusState, p *PDU, kind string, trans uint16, unit, fc uint8) {
	switch kind {
	case "Query":
		r := modbusRequest{frame: p.Frame, time: p.Time, function: fc, unit: unit, trans: trans}
		if len(m.b) >= 3 {
			r.base = m.u16(1)
			if len(m.b) >= 5 {
				r.count = m.u16(3)
			}
		}
		m.regBase, m.regCount = r.base, r.count
		if len(st.requests) == modbusMaxRequests {
			st.requests = append(st.requests[:0], st.requests[1:]...)
		}
		st.requests = append(st.requests, r)
	case "Response":
		for i := len(st.requests) - 1; i >= 0; i-- {
			r := st.requests[i]
			if p.Frame > r.frame && r.function == fc && r.trans == trans && r.unit == unit {
				m.found, m.reqFrame, m.reqTime = true, r.frame, r.time
				m.regBase, m.regCount = r.base, r.count
				break
			}
		}
		m.now = p.Time
	}
}

// fields adds the request or response fields of function fc after the
// function code (dissect_modbus_request, dissect_modbus_response).
func (m *modbusMsg) fields(kind string, fc uint8) {
	switch kind {
	case "Query":
		m.request(fc)
	case "Response":
		if m.found && m.tree {
			m.add(Field{Name: "modbus.request_frame", Label: "Request Frame: " + strconv.Itoa(m.reqFrame+1), Kind: FieldUint, Num: uint64(m.reqFrame + 1)})
			m.add(Field{Name: "modbus.response_time", Label: "Time from request: " + modbusSeconds(m.now-m.reqTime) + " seconds"})
		}
		m.response(fc)
	}
}

// modbusSeconds prints a duration in ns as Wireshark's relative time does,
// to nine decimals.
func modbusSeconds(ns int64) string {
	neg := ns < 0
	if neg {
		ns = -ns
	}
	s := fmt.Sprintf("%d.%09d", ns/1e9, ns%1e9)
	if neg {
		s = "-" + s
	}
	return s
}

func (m *modbusMsg) request(fc uint8) {
	switch fc {
	case modbusReadCoils, modbusReadDiscreteInputs:
		_ = m.uint16Field("modbus.reference_num", "Reference Number", 1) && m.uint16Field("modbus.bit_cnt", "Bit Count", 3)
	case modbusReadHoldingRegs, modbusReadInputRegs:
		_ = m.uint16Field("modbus.reference_num", "Reference Number", 1) && m.uint16Field("modbus.word_cnt", "Word Count", 3)
	case modbusWriteSingleCoil:
		m.singleCoil()
	case modbusWriteSingleReg:
		if m.uint16Field("modbus.reference_num", "Reference Number", 1) {
			m.data(fc, 3, 2, 0, 0)
		}
	case modbusReadExceptStat:
	case modbusDiagnostics:
		if m.has(1, 2) {
			m.diagCode()
			if len(m.b)-1 > 2 {
				m.data(fc, 3, len(m.b)-3, 0, 0)
			}
		}
	case modbusWriteMultCoils, modbusWriteMultRegs:
		cnt, cntLabel := "modbus.bit_cnt", "Bit Count"
		if fc == modbusWriteMultRegs {
			cnt, cntLabel = "modbus.word_cnt", "Word Count"
		}
		if !m.uint16Field("modbus.reference_num", "Reference Number", 1) || !m.uint16Field(cnt, cntLabel, 3) {
			return
		}
		if n, ok := m.byteField("modbus.byte_cnt", "Byte Count", 5); ok {
			m.data(fc, 6, n, m.u16(1), 0)
		}
	case modbusMaskWriteReg:
		_ = m.uint16Field("modbus.reference_num", "Reference Number", 1) &&
			m.hex16Field("modbus.and_mask", "AND mask", 3) && m.hex16Field("modbus.or_mask", "OR mask", 5)
	case modbusReadWriteReg:
		if m.uint16Field("modbus.read_reference_num", "Read Reference Number", 1) &&
			m.uint16Field("modbus.read_word_cnt", "Read Word Count", 3) &&
			m.uint16Field("modbus.write_reference_num", "Write Reference Number", 5) &&
			m.uint16Field("modbus.write_word_cnt", "Write Word Count", 7) {
			if n, ok := m.byteField("modbus.byte_cnt", "Byte Count", 9); ok {
				m.data(fc, 10, n, 0, 0)
			}
		}
	case modbusReadFIFOQueue:
		m.uint16Field("modbus.reference_num", "Reference Number", 1)
	case modbusEncapInterface:
		if !m.has(1, 1) {
			return
		}
		mei := m.b[1]
		m.add(UintField("modbus.mei", "MEI type: "+modbusName(modbusMEINames, mei, "Unknown (%d)")+" ("+strconv.Itoa(int(mei))+")", 1, 1, uint64(mei)))
		if mei == modbusReadDeviceID {
			if m.has(2, 1) {
				v := m.b[2]
				m.add(UintField("modbus.read_device_id", "Read Device ID: "+modbusName(modbusReadDeviceIDNames, v, "Unknown (%d)")+" ("+strconv.Itoa(int(v))+")", 2, 1, uint64(v)))
			}
			if m.has(3, 1) {
				v := m.b[3]
				m.add(UintField("modbus.object_id", "Object ID: "+modbusName(modbusObjectIDNames, v, "Unknown (%d)")+" ("+strconv.Itoa(int(v))+")", 3, 1, uint64(v)))
			}
		} else if len(m.b)-1 > 1 {
			m.data(fc, 1, len(m.b)-2, 0, 0)
		}
	default:
		if len(m.b) > 1 {
			m.data(fc, 1, len(m.b)-1, 0, 0)
		}
	}
}

func (m *modbusMsg) response(fc uint8) {
	switch fc {
	case modbusReadCoils, modbusReadDiscreteInputs:
		if n, ok := m.byteField("modbus.byte_cnt", "Byte Count", 1); ok {
			count := m.regCount
			if !m.found {
				count = uint16(n * 8)
			}
			m.data(fc, 2, n, m.regBase, count)
		}
	case modbusReadHoldingRegs, modbusReadInputRegs:
		if n, ok := m.byteField("modbus.byte_cnt", "Byte Count", 1); ok {
			m.data(fc, 2, n, m.regBase, 0)
		}
	case modbusWriteSingleCoil:
		m.singleCoil()
	case modbusWriteSingleReg:
		if m.uint16Field("modbus.reference_num", "Reference Number", 1) {
			m.data(fc, 3, 2, m.regBase, 0)
		}
	case modbusReadExceptStat:
		m.data(fc, 1, 1, m.regBase, 0)
	case modbusDiagnostics:
		if m.has(1, 2) {
			m.diagCode()
			if len(m.b)-1 > 2 {
				m.data(fc, 3, len(m.b)-3, m.regBase, 0)
			}
		}
	case modbusGetCommEventCtrs:
		_ = m.hex16Field("modbus.ev_status", "Status", 1) && m.uint16Field("modbus.ev_count", "Event Count", 3)
	case modbusWriteMultCoils:
		_ = m.uint16Field("modbus.reference_num", "Reference Number", 1) && m.uint16Field("modbus.bit_cnt", "Bit Count", 3)
	case modbusWriteMultRegs:
		_ = m.uint16Field("modbus.reference_num", "Reference Number", 1) && m.uint16Field("modbus.word_cnt", "Word Count", 3)
	case modbusMaskWriteReg:
		_ = m.uint16Field("modbus.reference_num", "Reference Number", 1) &&
			m.hex16Field("modbus.and_mask", "AND mask", 3) && m.hex16Field("modbus.or_mask", "OR mask", 5)
	case modbusReadWriteReg:
		if n, ok := m.byteField("modbus.byte_cnt", "Byte Count", 1); ok {
			m.data(modbusReadHoldingRegs, 2, n, m.regBase, 0)
		}
	default:
		if len(m.b) > 1 {
			m.data(fc, 1, len(m.b)-1, m.regBase, 0)
		}
	}
}

// singleCoil is Write Single Coil's reference, its value byte shown as
// two bytes of data (the data is asked for 1 byte where 2 remain) and a
// padding byte.
func (m *modbusMsg) singleCoil() {
	if !m.uint16Field("modbus.reference_num", "Reference Number", 1) {
		return
	}
	m.data(modbusWriteSingleCoil, 3, 1, 0, 0)
	if m.has(4, 1) {
		m.add(UintField("modbus.padding", fmt.Sprintf("Padding: 0x%02x", m.b[4]), 4, 1, uint64(m.b[4])))
	}
}

// diagCode adds the Diagnostics sub-function at offset 1.
func (m *modbusMsg) diagCode() {
	v := m.u16(1)
	name, ok := modbusDiagNames[v]
	if !ok {
		name = "Unknown"
	}
	m.add(UintField("modbus.diagnostic_code", "Diagnostic Code: "+name+" ("+strconv.Itoa(int(v))+")", 1, 2, uint64(v)))
}

// hex16Field adds a 16-bit field shown in hex, "Label: 0x00f2".
func (m *modbusMsg) hex16Field(name, label string, off int) bool {
	if !m.has(off, 2) {
		return false
	}
	v := m.u16(off)
	m.add(UintField(name, fmt.Sprintf("%s: 0x%04x", label, v), off, 2, uint64(v)))
	return true
}

// data is dissect_modbus_data: n bytes at off, as coils or registers for
// the functions that carry them (numbered from base; count bounds the
// coils shown), else as bytes; when n is not what remains of the PDU the
// remaining bytes show as data.
func (m *modbusMsg) data(fc uint8, off, n int, base, count uint16) {
	if off >= len(m.b) && n > 0 {
		m.bad = true
		return
	}
	rest := len(m.b) - off
	if n != rest {
		if rest > 0 {
			m.bytesField(off, rest)
		}
		return
	}
	isReg := fc == modbusReadHoldingRegs || fc == modbusReadInputRegs || fc == modbusWriteMultRegs
	if isReg && n%2 == 1 {
		m.bad = true
	}
	if !m.tree {
		return
	}
	switch fc {
	case modbusReadCoils, modbusReadDiscreteInputs:
		num := base
	coils:
		for i := 0; i < n; i++ {
			v := m.b[off+i]
			for bit := 0; bit < 8; bit++ {
				on := uint64(v>>bit) & 1
				m.add(Field{Label: "Bit " + strconv.Itoa(int(num)) + " : " + strconv.FormatUint(on, 10), Start: off + i, Len: 1,
					Children: []Field{
						UintField("modbus.bitnum", "Bit Number: "+strconv.Itoa(int(num)), off+i+m.base, 1, uint64(num)),
						{Name: "modbus.bitval", Label: ".... ..." + strconv.FormatUint(on, 10) + " = Bit Value: " + modbusBool(on), Start: off + i + m.base, Len: 1, Kind: FieldBool, Num: on},
					}})
				num++
				if num-base >= count {
					break coils
				}
			}
		}
	case modbusReadHoldingRegs, modbusReadInputRegs, modbusWriteMultRegs:
		num := base
		for i := 0; i+2 <= n; i += 2 {
			v := m.u16(off + i)
			m.add(Field{Label: "Register " + strconv.Itoa(int(num)) + " (UINT16): " + strconv.Itoa(int(v)), Start: off + i, Len: 2,
				Children: []Field{
					UintField("modbus.regnum16", "Register Number: "+strconv.Itoa(int(num)), off+i+m.base, 2, uint64(num)),
					UintField("modbus.regval_uint16", "Register Value (UINT16): "+strconv.Itoa(int(v)), off+i+m.base, 2, uint64(v)),
				}})
			num++
		}
	default:
		m.bytesField(off, n)
	}
}

func (m *modbusMsg) bytesField(off, n int) {
	raw := m.b[off : off+n]
	m.add(Field{Name: "modbus.data", Label: "Data: " + hex.EncodeToString(raw), Start: off, Len: n, Kind: FieldBytes, Str: string(raw)})
}

func modbusBool(v uint64) string {
	if v != 0 {
		return "True"
	}
	return "False"
}

var modbusDissector = &Dissector{
	Name:    "mbtcp",
	Dissect: modbusDissect,
	PDULen:  modbusPDULen,
	Fields: []FieldDef{
		{Name: "mbtcp.trans_id", Desc: "Transaction Identifier", Kind: FieldUint, Bits: 16},
		{Name: "mbtcp.prot_id", Desc: "Protocol Identifier", Kind: FieldUint, Bits: 16},
		{Name: "mbtcp.len", Desc: "Length", Kind: FieldUint, Bits: 16},
		{Name: "mbtcp.unit_id", Desc: "Unit Identifier", Kind: FieldUint, Bits: 8},
		{Name: "modbus", Desc: "Modbus", Kind: FieldProto},
		{Name: "modbus.func_code", Desc: "Function Code", Kind: FieldUint, Bits: 8},
		{Name: "modbus.exception_code", Desc: "Exception Code", Kind: FieldUint, Bits: 8},
		{Name: "modbus.reference_num", Desc: "Reference Number", Kind: FieldUint, Bits: 16},
		{Name: "modbus.bit_cnt", Desc: "Bit Count", Kind: FieldUint, Bits: 16},
		{Name: "modbus.word_cnt", Desc: "Word Count", Kind: FieldUint, Bits: 16},
		{Name: "modbus.byte_cnt", Desc: "Byte Count", Kind: FieldUint, Bits: 8},
		{Name: "modbus.request_frame", Desc: "Request Frame", Kind: FieldUint, Bits: 32},
		{Name: "modbus.regnum16", Desc: "Register Number", Kind: FieldUint, Bits: 16},
		{Name: "modbus.regval_uint16", Desc: "Register Value (UINT16)", Kind: FieldUint, Bits: 16},
		{Name: "modbus.bitnum", Desc: "Bit Number", Kind: FieldUint, Bits: 16},
		{Name: "modbus.bitval", Desc: "Bit Value", Kind: FieldBool},
		{Name: "modbus.data", Desc: "Data", Kind: FieldBytes},
		{Name: "modbus.padding", Desc: "Padding", Kind: FieldUint, Bits: 8},
		{Name: "modbus.mei", Desc: "MEI type", Kind: FieldUint, Bits: 8},
		{Name: "modbus.read_device_id", Desc: "Read Device ID", Kind: FieldUint, Bits: 8},
		{Name: "modbus.object_id", Desc: "Object ID", Kind: FieldUint, Bits: 8},
		{Name: "modbus.diagnostic_code", Desc: "Diagnostic Code", Kind: FieldUint, Bits: 16},
		{Name: "modbus.and_mask", Desc: "AND mask", Kind: FieldUint, Bits: 16},
		{Name: "modbus.or_mask", Desc: "OR mask", Kind: FieldUint, Bits: 16},
		{Name: "modbus.read_reference_num", Desc: "Read Reference Number", Kind: FieldUint, Bits: 16},
		{Name: "modbus.read_word_cnt", Desc: "Read Word Count", Kind: FieldUint, Bits: 16},
		{Name: "modbus.write_reference_num", Desc: "Write Reference Number", Kind: FieldUint, Bits: 16},
		{Name: "modbus.write_word_cnt", Desc: "Write Word Count", Kind: FieldUint, Bits: 16},
		{Name: "modbus.ev_status", Desc: "Status", Kind: FieldUint, Bits: 16},
		{Name: "modbus.ev_count", Desc: "Event Count", Kind: FieldUint, Bits: 16},
	},
}

func init() { RegisterTCP(modbusDissector, modbusPort) }
