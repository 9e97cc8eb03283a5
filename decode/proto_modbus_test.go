package decode

import (
	"encoding/hex"
	"testing"
)

// modbusLab is the lab capture of simonvetter/modbus's client and server
// (testdata/app/lab__modbus/main.go).
const modbusLab = "lab__modbus.pcap"

// TestModbusInfo checks the Protocol and Info columns of single ADUs, each
// expected value tshark 4.0.17's: the queries and responses from
// lab__modbus.pcap (frames 4, 23, 43 and 44), and truncated ADUs made with
// text2pcap on TCP 502 that tshark reports as malformed.
func TestModbusInfo(t *testing.T) {
	cases := []struct {
		name     string
		hex      string
		response bool
		info     string
	}{
		{"write single coil query", "000100000006010500 03ff00", false, "   Query: Trans:     1; Unit:   1, Func:   5: Write Single Coil"},
		{"exception response", "0009000000031183 02", true, "Response: Trans:     9; Unit:  17, Func:   3: Read Holding Registers. Exception returned "},
		{"read device identification", "01040000000501 2b0e0100", false, "   Query: Trans:   260; Unit:   1, Func:  43/  1: Read Device Identification"},
		{"illegal function", "0104000000030 1ab01", true, "Response: Trans:   260; Unit:   1, Func:  43: Encapsulated Interface Transport. Exception returned "},
		{"unknown function", "0005000000020164", false, "   Query: Trans:     5; Unit:   1, Func: 100: Unknown function (100)"},
		{"reference cut short", "000100000003010300", false, "   Query: Trans:     1; Unit:   1, Func:   3: Read Holding Registers[Malformed Packet]"},
		{"exception without its code", "0002000000020183", true, "[Malformed Packet]"},
		{"MEI type missing", "000300000002012b", false, "[Malformed Packet]"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b, err := hex.DecodeString(stripSpaces(c.hex))
			if err != nil {
				t.Fatal(err)
			}
			if n := modbusPDULen(nil, 0, b); n != len(b) {
				t.Fatalf("PDULen = %d, want %d", n, len(b))
			}
			src, dst := uint16(41262), uint16(modbusPort)
			if c.response {
				src, dst = dst, src
			}
			for _, tree := range []bool{false, true} {
				var out Out
				out.reset(tree)
				modbusDissect(&PDU{Data: b, Len: len(b), SrcPort: src, DstPort: dst, TCP: true, Conv: &Conv{}}, &out)
				if out.Proto != "Modbus/TCP" || out.Info() != c.info {
					t.Errorf("tree %v: got %q %q, want Modbus/TCP %q", tree, out.Proto, out.Info(), c.info)
				}
				checkTree(t, out.Tree, len(b))
			}
		})
	}
}

func stripSpaces(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] != ' ' {
			b = append(b, s[i])
		}
	}
	return string(b)
}

// TestModbusPDULen checks the framing: a segment must begin with a whole
// MBAP header and function code, protocol 0 and a length of at least 2 to
// be taken (tshark 4.0.17 shows lab__modbus.pcap's frames 38 and 40, a
// query written in two parts, as TCP; and a 10-byte ADU announcing
// length 1 as TCP), after which the length field delimits the ADU.
func TestModbusPDULen(t *testing.T) {
	cases := []struct {
		name  string
		hex   string
		start bool
		n     int
	}{
		{"whole query", "000100000006010300000010", true, 12},
		{"two queries", "000100000006010300000010000200000006010400000002", true, 12},
		{"header without function code", "01030000000601", true, PDUReject},
		{"rest of a split query", "0600021234", true, PDUReject},
		{"protocol not 0", "000100010006010300000010", true, PDUReject},
		{"length below 2", "00040000000101030000", true, PDUReject},
		{"ADU longer than the segment", "000500000004010500", true, 10},
		{"second ADU of a segment, header cut", "0002000000", false, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b, _ := hex.DecodeString(c.hex)
			if n := modbusPDULen(&Conv{segStart: c.start}, 0, b); n != c.n {
				t.Errorf("PDULen = %d, want %d", n, c.n)
			}
		})
	}
}

// TestModbusDetailsPDML compares lab__modbus.pcap's Modbus/TCP and Modbus
// layers with tshark 4.0.17's PDML (tshark -r F -T pdml): field names,
// labels (showname) and byte offsets (pos, size), for a query and response
// of every function the capture holds, an exception, two queries in one
// segment and responses numbering registers and coils from their query.
func TestModbusDetailsPDML(t *testing.T) {
	x := loadAppCapture(t, modbusLab)
	cases := []struct {
		frame int
		want  []pdmlWant
	}{
		{3, []pdmlWant{
			{"mbtcp", "Modbus/TCP", 66, 12},
			{"mbtcp.trans_id", "Transaction Identifier: 1", 66, 2},
			{"mbtcp.prot_id", "Protocol Identifier: 0", 68, 2},
			{"mbtcp.len", "Length: 6", 70, 2},
			{"mbtcp.unit_id", "Unit Identifier: 1", 72, 1},
			{"modbus", "Modbus", 73, 5},
			{"modbus.func_code", ".000 0101 = Function Code: Write Single Coil (5)", 73, 1},
			{"modbus.reference_num", "Reference Number: 3", 74, 2},
			{"modbus.data", "Data: ff00", 76, 2},
			{"modbus.padding", "Padding: 0x00", 77, 1},
		}},
		{5, []pdmlWant{
			{"mbtcp", "Modbus/TCP", 66, 12},
			{"mbtcp.trans_id", "Transaction Identifier: 1", 66, 2},
			{"mbtcp.prot_id", "Protocol Identifier: 0", 68, 2},
			{"mbtcp.len", "Length: 6", 70, 2},
			{"mbtcp.unit_id", "Unit Identifier: 1", 72, 1},
			{"modbus", "Modbus", 73, 5},
			{"modbus.func_code", ".000 0101 = Function Code: Write Single Coil (5)", 73, 1},
			{"modbus.request_frame", "Request Frame: 4", 73, 0},
			{"modbus.response_time", "Time from request: 0.000044000 seconds", 73, 0},
			{"modbus.reference_num", "Reference Number: 3", 74, 2},
			{"modbus.data", "Data: ff00", 76, 2},
			{"modbus.padding", "Padding: 0x00", 77, 1},
		}},
		{8, []pdmlWant{
			{"mbtcp", "Modbus/TCP", 66, 12},
			{"mbtcp.trans_id", "Transaction Identifier: 2", 66, 2},
			{"mbtcp.prot_id", "Protocol Identifier: 0", 68, 2},
			{"mbtcp.len", "Length: 6", 70, 2},
			{"mbtcp.unit_id", "Unit Identifier: 1", 72, 1},
			{"modbus", "Modbus", 73, 5},
			{"modbus.func_code", ".000 1111 = Function Code: Write Multiple Coils (15)", 73, 1},
			{"modbus.request_frame", "Request Frame: 8", 73, 0},
			{"modbus.response_time", "Time from request: 0.001561000 seconds", 73, 0},
			{"modbus.reference_num", "Reference Number: 8", 74, 2},
			{"modbus.bit_cnt", "Bit Count: 10", 76, 2},
		}},
		{10, []pdmlWant{
			{"mbtcp", "Modbus/TCP", 66, 12},
			{"mbtcp.trans_id", "Transaction Identifier: 3", 66, 2},
			{"mbtcp.prot_id", "Protocol Identifier: 0", 68, 2},
			{"mbtcp.len", "Length: 6", 70, 2},
			{"mbtcp.unit_id", "Unit Identifier: 1", 72, 1},
			{"modbus", "Modbus", 73, 5},
			{"modbus.func_code", ".000 0001 = Function Code: Read Coils (1)", 73, 1},
			{"modbus.request_frame", "Request Frame: 10", 73, 0},
			{"modbus.response_time", "Time from request: 0.000008000 seconds", 73, 0},
			{"modbus.byte_cnt", "Byte Count: 3", 74, 1},
			{"", "Bit 0 : 0", 75, 1},
			{"modbus.bitnum", "Bit Number: 0", 75, 1},
			{"modbus.bitval", ".... ...0 = Bit Value: False", 75, 1},
			{"", "Bit 1 : 0", 75, 1},
			{"modbus.bitnum", "Bit Number: 1", 75, 1},
			{"modbus.bitval", ".... ...0 = Bit Value: False", 75, 1},
			{"", "Bit 2 : 0", 75, 1},
			{"modbus.bitnum", "Bit Number: 2", 75, 1},
			{"modbus.bitval", ".... ...0 = Bit Value: False", 75, 1},
			{"", "Bit 3 : 1", 75, 1},
			{"modbus.bitnum", "Bit Number: 3", 75, 1},
			{"modbus.bitval", ".... ...1 = Bit Value: True", 75, 1},
			{"", "Bit 4 : 0", 75, 1},
			{"modbus.bitnum", "Bit Number: 4", 75, 1},
		}},
		{12, []pdmlWant{
			{"mbtcp", "Modbus/TCP", 66, 11},
			{"mbtcp.trans_id", "Transaction Identifier: 4", 66, 2},
			{"mbtcp.prot_id", "Protocol Identifier: 0", 68, 2},
			{"mbtcp.len", "Length: 5", 70, 2},
			{"mbtcp.unit_id", "Unit Identifier: 1", 72, 1},
			{"modbus", "Modbus", 73, 4},
			{"modbus.func_code", ".000 0010 = Function Code: Read Discrete Inputs (2)", 73, 1},
			{"modbus.request_frame", "Request Frame: 12", 73, 0},
			{"modbus.response_time", "Time from request: 0.000007000 seconds", 73, 0},
			{"modbus.byte_cnt", "Byte Count: 2", 74, 1},
			{"", "Bit 5 : 0", 75, 1},
			{"modbus.bitnum", "Bit Number: 5", 75, 1},
			{"modbus.bitval", ".... ...0 = Bit Value: False", 75, 1},
			{"", "Bit 6 : 1", 75, 1},
			{"modbus.bitnum", "Bit Number: 6", 75, 1},
			{"modbus.bitval", ".... ...1 = Bit Value: True", 75, 1},
			{"", "Bit 7 : 0", 75, 1},
			{"modbus.bitnum", "Bit Number: 7", 75, 1},
			{"modbus.bitval", ".... ...0 = Bit Value: False", 75, 1},
			{"", "Bit 8 : 0", 75, 1},
			{"modbus.bitnum", "Bit Number: 8", 75, 1},
			{"modbus.bitval", ".... ...0 = Bit Value: False", 75, 1},
			{"", "Bit 9 : 1", 75, 1},
			{"modbus.bitnum", "Bit Number: 9", 75, 1},
		}},
		{15, []pdmlWant{
			{"mbtcp", "Modbus/TCP", 66, 23},
			{"mbtcp.trans_id", "Transaction Identifier: 6", 66, 2},
			{"mbtcp.prot_id", "Protocol Identifier: 0", 68, 2},
			{"mbtcp.len", "Length: 17", 70, 2},
			{"mbtcp.unit_id", "Unit Identifier: 1", 72, 1},
			{"modbus", "Modbus", 73, 16},
			{"modbus.func_code", ".001 0000 = Function Code: Write Multiple Registers (16)", 73, 1},
			{"modbus.reference_num", "Reference Number: 10", 74, 2},
			{"modbus.word_cnt", "Word Count: 5", 76, 2},
			{"modbus.byte_cnt", "Byte Count: 10", 78, 1},
			{"", "Register 10 (UINT16): 1", 79, 2},
			{"modbus.regnum16", "Register Number: 10", 79, 2},
			{"modbus.regval_uint16", "Register Value (UINT16): 1", 79, 2},
			{"", "Register 11 (UINT16): 2", 81, 2},
			{"modbus.regnum16", "Register Number: 11", 81, 2},
			{"modbus.regval_uint16", "Register Value (UINT16): 2", 81, 2},
			{"", "Register 12 (UINT16): 3", 83, 2},
			{"modbus.regnum16", "Register Number: 12", 83, 2},
			{"modbus.regval_uint16", "Register Value (UINT16): 3", 83, 2},
			{"", "Register 13 (UINT16): 4", 85, 2},
			{"modbus.regnum16", "Register Number: 13", 85, 2},
			{"modbus.regval_uint16", "Register Value (UINT16): 4", 85, 2},
			{"", "Register 14 (UINT16): 5", 87, 2},
			{"modbus.regnum16", "Register Number: 14", 87, 2},
		}},
		{18, []pdmlWant{
			{"mbtcp", "Modbus/TCP", 66, 41},
			{"mbtcp.trans_id", "Transaction Identifier: 7", 66, 2},
			{"mbtcp.prot_id", "Protocol Identifier: 0", 68, 2},
			{"mbtcp.len", "Length: 35", 70, 2},
			{"mbtcp.unit_id", "Unit Identifier: 1", 72, 1},
			{"modbus", "Modbus", 73, 34},
			{"modbus.func_code", ".000 0011 = Function Code: Read Holding Registers (3)", 73, 1},
			{"modbus.request_frame", "Request Frame: 18", 73, 0},
			{"modbus.response_time", "Time from request: 0.000008000 seconds", 73, 0},
			{"modbus.byte_cnt", "Byte Count: 32", 74, 1},
			{"", "Register 0 (UINT16): 0", 75, 2},
			{"modbus.regnum16", "Register Number: 0", 75, 2},
			{"modbus.regval_uint16", "Register Value (UINT16): 0", 75, 2},
			{"", "Register 1 (UINT16): 48879", 77, 2},
			{"modbus.regnum16", "Register Number: 1", 77, 2},
			{"modbus.regval_uint16", "Register Value (UINT16): 48879", 77, 2},
			{"", "Register 2 (UINT16): 0", 79, 2},
			{"modbus.regnum16", "Register Number: 2", 79, 2},
			{"modbus.regval_uint16", "Register Value (UINT16): 0", 79, 2},
			{"", "Register 3 (UINT16): 0", 81, 2},
			{"modbus.regnum16", "Register Number: 3", 81, 2},
			{"modbus.regval_uint16", "Register Value (UINT16): 0", 81, 2},
			{"", "Register 4 (UINT16): 0", 83, 2},
			{"modbus.regnum16", "Register Number: 4", 83, 2},
		}},
		{20, []pdmlWant{
			{"mbtcp", "Modbus/TCP", 66, 15},
			{"mbtcp.trans_id", "Transaction Identifier: 8", 66, 2},
			{"mbtcp.prot_id", "Protocol Identifier: 0", 68, 2},
			{"mbtcp.len", "Length: 9", 70, 2},
			{"mbtcp.unit_id", "Unit Identifier: 1", 72, 1},
			{"modbus", "Modbus", 73, 8},
			{"modbus.func_code", ".000 0100 = Function Code: Read Input Registers (4)", 73, 1},
			{"modbus.request_frame", "Request Frame: 20", 73, 0},
			{"modbus.response_time", "Time from request: 0.000007000 seconds", 73, 0},
			{"modbus.byte_cnt", "Byte Count: 6", 74, 1},
			{"", "Register 4 (UINT16): 1004", 75, 2},
			{"modbus.regnum16", "Register Number: 4", 75, 2},
			{"modbus.regval_uint16", "Register Value (UINT16): 1004", 75, 2},
			{"", "Register 5 (UINT16): 1005", 77, 2},
			{"modbus.regnum16", "Register Number: 5", 77, 2},
			{"modbus.regval_uint16", "Register Value (UINT16): 1005", 77, 2},
			{"", "Register 6 (UINT16): 1006", 79, 2},
			{"modbus.regnum16", "Register Number: 6", 79, 2},
			{"modbus.regval_uint16", "Register Value (UINT16): 1006", 79, 2},
		}},
		{22, []pdmlWant{
			{"mbtcp", "Modbus/TCP", 66, 9},
			{"mbtcp.trans_id", "Transaction Identifier: 9", 66, 2},
			{"mbtcp.prot_id", "Protocol Identifier: 0", 68, 2},
			{"mbtcp.len", "Length: 3", 70, 2},
			{"mbtcp.unit_id", "Unit Identifier: 17", 72, 1},
			{"modbus", "Function 3:  Read Holding Registers.  Exception: Illegal data address", 73, 2},
			{"modbus.func_code", ".000 0011 = Function Code: Read Holding Registers (3)", 73, 1},
			{"modbus.exception_code", "Exception Code: Illegal data address (2)", 74, 1},
		}},
		{29, []pdmlWant{
			{"mbtcp", "Modbus/TCP", 66, 12},
			{"mbtcp.trans_id", "Transaction Identifier: 257", 66, 2},
			{"mbtcp.prot_id", "Protocol Identifier: 0", 68, 2},
			{"mbtcp.len", "Length: 6", 70, 2},
			{"mbtcp.unit_id", "Unit Identifier: 1", 72, 1},
			{"modbus", "Modbus", 73, 5},
			{"modbus.func_code", ".000 0011 = Function Code: Read Holding Registers (3)", 73, 1},
			{"modbus.reference_num", "Reference Number: 10", 74, 2},
			{"modbus.word_cnt", "Word Count: 2", 76, 2},
			{"mbtcp", "Modbus/TCP", 78, 12},
			{"mbtcp.trans_id", "Transaction Identifier: 258", 78, 2},
			{"mbtcp.prot_id", "Protocol Identifier: 0", 80, 2},
			{"mbtcp.len", "Length: 6", 82, 2},
			{"mbtcp.unit_id", "Unit Identifier: 1", 84, 1},
			{"modbus", "Modbus", 85, 5},
			{"modbus.func_code", ".000 0100 = Function Code: Read Input Registers (4)", 85, 1},
			{"modbus.reference_num", "Reference Number: 0", 86, 2},
			{"modbus.word_cnt", "Word Count: 2", 88, 2},
		}},
		{33, []pdmlWant{
			{"mbtcp", "Modbus/TCP", 66, 13},
			{"mbtcp.trans_id", "Transaction Identifier: 257", 66, 2},
			{"mbtcp.prot_id", "Protocol Identifier: 0", 68, 2},
			{"mbtcp.len", "Length: 7", 70, 2},
			{"mbtcp.unit_id", "Unit Identifier: 1", 72, 1},
			{"modbus", "Modbus", 73, 6},
			{"modbus.func_code", ".000 0011 = Function Code: Read Holding Registers (3)", 73, 1},
			{"modbus.request_frame", "Request Frame: 30", 73, 0},
			{"modbus.response_time", "Time from request: 0.000057000 seconds", 73, 0},
			{"modbus.byte_cnt", "Byte Count: 4", 74, 1},
			{"", "Register 10 (UINT16): 1", 75, 2},
			{"modbus.regnum16", "Register Number: 10", 75, 2},
			{"modbus.regval_uint16", "Register Value (UINT16): 1", 75, 2},
			{"", "Register 11 (UINT16): 2", 77, 2},
			{"modbus.regnum16", "Register Number: 11", 77, 2},
			{"modbus.regval_uint16", "Register Value (UINT16): 2", 77, 2},
		}},
		{42, []pdmlWant{
			{"mbtcp", "Modbus/TCP", 66, 11},
			{"mbtcp.trans_id", "Transaction Identifier: 260", 66, 2},
			{"mbtcp.prot_id", "Protocol Identifier: 0", 68, 2},
			{"mbtcp.len", "Length: 5", 70, 2},
			{"mbtcp.unit_id", "Unit Identifier: 1", 72, 1},
			{"modbus", "Modbus", 73, 4},
			{"modbus.func_code", ".010 1011 = Function Code: Encapsulated Interface Transport (43)", 73, 1},
			{"modbus.mei", "MEI type: Read Device Identification (14)", 74, 1},
			{"modbus.read_device_id", "Read Device ID: Basic Device Identification (1)", 75, 1},
			{"modbus.object_id", "Object ID: VendorName (0)", 76, 1},
		}},
		{43, []pdmlWant{
			{"mbtcp", "Modbus/TCP", 66, 9},
			{"mbtcp.trans_id", "Transaction Identifier: 260", 66, 2},
			{"mbtcp.prot_id", "Protocol Identifier: 0", 68, 2},
			{"mbtcp.len", "Length: 3", 70, 2},
			{"mbtcp.unit_id", "Unit Identifier: 1", 72, 1},
			{"modbus", "Function 43:  Encapsulated Interface Transport.  Exception: Illegal function", 73, 2},
			{"modbus.func_code", ".010 1011 = Function Code: Encapsulated Interface Transport (43)", 73, 1},
			{"modbus.exception_code", "Exception Code: Illegal function (1)", 74, 1},
		}},
	}
	w := NewAppWalker(x)
	for _, c := range cases {
		res := w.At(c.frame, true)
		checkPDMLFields(t, c.frame, res.Tree, c.want)
	}
}

// FuzzProtoModbus feeds arbitrary bytes through the framing and the
// dissector, as queries and as responses sharing one conversation: no
// panic, every field inside the ADU. Seeded with lab__modbus.pcap's ADUs.
func FuzzProtoModbus(f *testing.F) {
	for _, s := range []string{"00010000000601050003ff00", "000200000009010f0008000a02cd01", "000300000006010100000014",
		"0003000000060101030839 01", "00070000002301032000000000beef", "0009000000031183 02", "01040000000501 2b0e0100",
		"000600000011011000 0a0005 0a00010002000300040005", "000800000009010406 03ec03ed03ee", "000000000008010800000000abcd"} {
		b, _ := hex.DecodeString(stripSpaces(s))
		f.Add(b, false)
	}
	f.Fuzz(func(t *testing.T, b []byte, response bool) {
		conv := &Conv{}
		src, dst := uint16(41262), uint16(modbusPort)
		if response {
			src, dst = dst, src
		}
		rest := b
		for i := 0; i < 8 && len(rest) > 0; i++ {
			conv.segStart = i == 0
			n := modbusPDULen(conv, 0, rest)
			if n <= 0 || n > len(rest) {
				n = len(rest)
			}
			for _, tree := range []bool{false, true} {
				var out Out
				out.reset(tree)
				modbusDissect(&PDU{Data: rest[:n], Len: n, SrcPort: src, DstPort: dst, TCP: true, Conv: conv, Frame: i}, &out)
				checkTree(t, out.Tree, n)
			}
			src, dst = dst, src
			rest = rest[n:]
		}
	})
}
