package decode

import (
	"encoding/binary"
	"fmt"
	"strconv"
)

// Oracle TNS (Transparent Network Substrate) as Wireshark 4.0's
// packet-tns.c shows it on TCP 1521. Each PDU is one TNS packet of the
// header's length (16 bits, or 32 bits once an Accept of version 315 or
// later was seen, as Oracle 12c's listener sends); every packet of a
// segment rewrites the Info column, so the last one shows: "Request" (sent
// to 1521) or "Response", then ", Connect (1)", and for a Data packet the
// name of its data ID (", Set Protocol", ", Secure Network Services"). The
// details tree reads the header and the Connect, Accept, Refuse, Redirect,
// Data (flags and data ID), Marker, Abort and Control bodies; the TTC layer
// inside Data packets is not read (tshark's "[Malformed Packet]" for a TTC
// message cut short is not given). Hand-written: gopacket has no TNS layer.

const tnsPort = 1521 // tshark -G decodes: tcp.port 1521 tns

// tnsState is what a conversation keeps: the version an Accept announced.
type tnsState struct {
	version uint16
}

// tnsTypeNames is tns_type_vals.
var tnsTypeNames = map[byte]string{1: "Connect", 2: "Accept", 3: "Acknowledge", 4: "Refuse", 5: "Redirect", 6: "Data",
	7: "Null", 9: "Abort", 11: "Resend", 12: "Marker", 13: "Attention", 14: "Control"}

// tnsDataIDs name the TTC message a Data packet's first byte after its
// flags starts (tns_data_funcs).
var tnsDataIDs = map[byte]string{1: "Set Protocol", 2: "Set Datatypes", 3: "User OCI Functions", 4: "Return Status",
	5: "Access User Address Space", 6: "Row Transfer Header", 7: "Row Transfer Data", 8: "Return OPI Parameter",
	9: "Function Complete", 0x0a: "N Error return definitions follow", 0x0b: "Sending I/O Vec only for fast UPI",
	0x0c: "Sending long for fast UPI", 0x0d: "Invoke user callback", 0x0e: "LOB/FILE data follows",
	0x0f: "Warning messages - may be a set of them", 0x10: "Describe Information", 0x11: "Piggy back function follow",
	0x12: "Signals special action for untrusted callout support", 0x13: "Flush Out Bind data in DML/w RETURN when error",
	0x20: "External Procedures and Services Registrations"}

func tnsGetState(c *Conv) *tnsState {
	if c == nil {
		return &tnsState{}
	}
	st, _ := c.State.(*tnsState)
	if st == nil {
		st = &tnsState{}
		c.State = st
	}
	return st
}

// tnsWide says whether a packet's length is 32 bits: after an Accept of
// version 315 or later, for every packet but a Connect.
func tnsWide(st *tnsState, b []byte) bool {
	return st.version >= 315 && len(b) > 4 && b[4] != 1
}

func tnsPDULen(c *Conv, _ uint8, b []byte) int {
	if len(b) < 8 {
		return 0
	}
	st := tnsGetState(c)
	n := int(binary.BigEndian.Uint16(b))
	if tnsWide(st, b) {
		n = int(min(binary.BigEndian.Uint32(b), uint32(PDUUntilFIN-1)))
	}
	if n < 8 {
		return len(b)
	}
	return n
}

// tnsFlag is one bit of a flags field: its mask, filter name and title.
type tnsFlag struct {
	mask  uint32
	field string
	title string
}

var (
	tnsServiceFlags = []tnsFlag{{0x2000, "bconn", "Broken Connect Notify"}, {0x1000, "pc", "Packet Checksum"},
		{0x0800, "hc", "Header Checksum"}, {0x0400, "fd", "Full Duplex"}, {0x0200, "hd", "Half Duplex"},
		{0x0100, "dc1", "Don't Care"}, {0x0080, "dc2", "Don't Care"}, {0x0010, "dio", "Direct IO to Transport"},
		{0x0008, "ap", "Attention Processing"}, {0x0004, "ra", "Can Receive Attention"}, {0x0002, "sa", "Can Send Attention"}}
	tnsNTPFlags = []tnsFlag{{0x8000, "hangon", "Hangon to listener connect"}, {0x4000, "crel", "Confirmed release"},
		{0x2000, "tduio", "TDU based IO"}, {0x1000, "srun", "Spawner running"}, {0x0800, "dtest", "Data test"},
		{0x0400, "cbio", "Callback IO supported"}, {0x0200, "asio", "ASync IO Supported"}, {0x0100, "pio", "Packet oriented IO"},
		{0x0080, "grant", "Can grant connection to another"}, {0x0040, "handoff", "Can handoff connection to another"},
		{0x0020, "sigio", "Generate SIGIO signal"}, {0x0010, "sigpipe", "Generate SIGPIPE signal"},
		{0x0008, "sigurg", "Generate SIGURG signal"}, {0x0004, "urgentio", "Urgent IO supported"},
		{0x0002, "dfio", "Full duplex IO supported"}, {0x0001, "testop", "Test operation"}}
	tnsConnectFlags = []tnsFlag{{0x10, "nareq", "NA services required"}, {0x08, "nalink", "NA services linked in"},
		{0x04, "enablena", "NA services enabled"}, {0x02, "ichg", "Interchange is involved"}, {0x01, "wantna", "NA services wanted"}}
	tnsDataFlags = []tnsFlag{{0x0001, "send", "Send Token"}, {0x0002, "rc", "Request Confirmation"}, {0x0004, "c", "Confirmation"},
		{0x0008, "reserved", "Reserved"}, {0x0020, "more", "More Data to Come"}, {0x0040, "eof", "End of File"},
		{0x0080, "dic", "Do Immediate Confirmation"}, {0x0100, "rts", "Request To Send"}, {0x0200, "sntt", "Send NT Trailer"}}
)

// tnsFlags makes a flags field: the label lists the set flags' titles,
// the children are the bit lines.
func tnsFlags(name, title string, v uint32, width, off int, flags []tnsFlag, prefix string) Field {
	digits := width / 4
	label := fmt.Sprintf("%s: 0x%0*x", title, digits, v)
	f := Field{Name: name, Start: off, Len: width / 8, Kind: FieldUint, Num: uint64(v)}
	for _, fl := range flags {
		set := v&fl.mask != 0
		if set {
			label += ", " + fl.title
		}
		f.Children = append(f.Children, Field{Name: prefix + fl.field, Label: bitString(v, width, fl.mask) + " = " + fl.title + ": " + trueFalse(set),
			Start: off, Len: width / 8, Kind: FieldBool, Num: uint64(b2u(set))})
	}
	f.Label = label
	return f
}

func tnsDissect(p *PDU, out *Out) bool {
	b := p.Data
	out.SetProto("TNS")
	st := tnsGetState(p.Conv)
	req := p.DstPort == tnsPort
	dir := "Response"
	if req {
		dir = "Request"
	}
	out.SetInfo(dir)
	if len(b) < 8 {
		return true
	}
	wide := tnsWide(st, b)
	typ := b[4]
	name, known := tnsTypeNames[typ]
	if !known {
		name = "Unknown"
	}
	out.AppendInfo(", ", name+" ("+strconv.Itoa(int(typ))+")")
	if typ == 2 && len(b) >= 10 {
		st.version = binary.BigEndian.Uint16(b[8:])
	}
	var dataName string
	if typ == 6 && len(b) >= 11 {
		if len(b) >= 14 && binary.BigEndian.Uint32(b[10:]) == 0xdeadbeef {
			dataName = "Secure Network Services"
		} else if n, ok := tnsDataIDs[b[10]]; ok {
			dataName = n
		} else {
			dataName = "unknown"
		}
		out.AppendInfo(", ", dataName)
	}
	if !out.WantTree {
		return true
	}
	kids := []Field{}
	if req {
		kids = append(kids, Field{Name: "tns.request", Label: "Request: True", Kind: FieldBool, Num: 1})
	} else {
		kids = append(kids, Field{Name: "tns.response", Label: "Response: True", Kind: FieldBool, Num: 1})
	}
	if wide {
		n := binary.BigEndian.Uint32(b)
		kids = append(kids, UintField("tns.length", "Packet Length: "+strconv.FormatUint(uint64(n), 10), 0, 4, uint64(n)))
	} else {
		n := binary.BigEndian.Uint16(b)
		pc := binary.BigEndian.Uint16(b[2:])
		kids = append(kids, UintField("tns.length", "Packet Length: "+strconv.Itoa(int(n)), 0, 2, uint64(n)),
			UintField("tns.packet_checksum", fmt.Sprintf("Packet Checksum: 0x%04x", pc), 2, 2, uint64(pc)))
	}
	hc := binary.BigEndian.Uint16(b[6:])
	kids = append(kids, UintField("tns.type", "Packet Type: "+name+" ("+strconv.Itoa(int(typ))+")", 4, 1, uint64(typ)),
		Field{Name: "tns.reserved_byte", Label: fmt.Sprintf("Reserved Byte: %02x", b[5]), Start: 5, Len: 1, Kind: FieldBytes, Str: string(b[5:6])},
		UintField("tns.header_checksum", fmt.Sprintf("Header Checksum: 0x%04x", hc), 6, 2, uint64(hc)))
	t := tnsBody{b: b}
	switch typ {
	case 1:
		kids = append(kids, t.connect())
	case 2:
		kids = append(kids, t.accept())
	case 4:
		kids = append(kids, t.refuse())
	case 5:
		kids = append(kids, t.redirect())
	case 6:
		kids = append(kids, t.data())
	case 9:
		kids = append(kids, t.abort())
	case 12:
		kids = append(kids, t.marker())
	case 14:
		kids = append(kids, t.control())
	}
	out.Add(Field{Name: "tns", Label: "Transparent Network Substrate Protocol", Start: 0, Len: len(b), Kind: FieldProto, Children: kids})
	return true
}

// tnsBody reads a packet's body after its 8-byte header.
type tnsBody struct {
	b []byte
}

func (t tnsBody) has(off, n int) bool { return off >= 0 && n >= 0 && off+n <= len(t.b) }

func (t tnsBody) u16(name, label string, off int) (Field, uint16) {
	v := binary.BigEndian.Uint16(t.b[off:])
	return UintField(name, label+": "+strconv.Itoa(int(v)), off, 2, uint64(v)), v
}

func (t tnsBody) hex8(name, label string, off int) Field {
	return UintField(name, fmt.Sprintf("%s: 0x%02x", label, t.b[off]), off, 1, uint64(t.b[off]))
}

// text shows n bytes at off as a string field.
func (t tnsBody) text(name, label string, off, n int) (Field, bool) {
	if !t.has(off, n) {
		return Field{}, false
	}
	raw := t.b[off : off+n]
	return StrField(name, label+": "+formatText(raw), off, n, string(raw)), true
}

func (t tnsBody) connect() Field {
	f := Field{Label: "Connect", Start: 8, Len: len(t.b) - 8}
	if !t.has(8, 26) {
		return f
	}
	b := t.b
	v, _ := t.u16("tns.version", "Version", 8)
	cv, _ := t.u16("tns.compat_version", "Version (Compatible)", 10)
	sdu, _ := t.u16("tns.sdu_size", "Session Data Unit Size", 14)
	tdu, _ := t.u16("tns.max_tdu_size", "Maximum Transmission Data Unit Size", 16)
	lt, _ := t.u16("tns.line_turnaround", "Line Turnaround Value", 20)
	dl, n := t.u16("tns.connect_data_length", "Length of Connect Data", 24)
	do, o := t.u16("tns.connect_data_offset", "Offset to Connect Data", 26)
	mx := binary.BigEndian.Uint32(b[28:])
	f.Children = append(f.Children, v, cv,
		tnsFlags("tns.service_options", "Service Options", uint32(binary.BigEndian.Uint16(b[12:])), 16, 12, tnsServiceFlags, "tns.so_flag."),
		sdu, tdu,
		tnsFlags("tns.nt_proto_characteristics", "NT Protocol Characteristics", uint32(binary.BigEndian.Uint16(b[18:])), 16, 18, tnsNTPFlags, "tns.ntp_flag."),
		lt,
		Field{Name: "tns.value_of_one", Label: fmt.Sprintf("Value of 1 in Hardware: %02x%02x", b[22], b[23]), Start: 22, Len: 2, Kind: FieldBytes, Str: string(b[22:24])},
		dl, do,
		UintField("tns.connect_data_max", "Maximum Receivable Connect Data: "+strconv.FormatUint(uint64(mx), 10), 28, 4, uint64(mx)),
		tnsFlags("tns.connect_flags0", "Connect Flags 0", uint32(b[32]), 8, 32, tnsConnectFlags, "tns.connect_flags."),
		tnsFlags("tns.connect_flags1", "Connect Flags 1", uint32(b[33]), 8, 33, tnsConnectFlags, "tns.connect_flags."))
	if o >= 50 && t.has(34, 16) {
		f.Children = append(f.Children,
			UintField("tns.trace_cf1", fmt.Sprintf("Trace Cross Facility Item 1: 0x%08x", binary.BigEndian.Uint32(b[34:])), 34, 4, uint64(binary.BigEndian.Uint32(b[34:]))),
			UintField("tns.trace_cf2", fmt.Sprintf("Trace Cross Facility Item 2: 0x%08x", binary.BigEndian.Uint32(b[38:])), 38, 4, uint64(binary.BigEndian.Uint32(b[38:]))),
			UintField("tns.trace_cid", fmt.Sprintf("Trace Unique Connection ID: 0x%016x", binary.BigEndian.Uint64(b[42:])), 42, 8, binary.BigEndian.Uint64(b[42:])))
	}
	if n > 0 {
		if cd, ok := t.text("tns.connect_data", "Connect Data", int(o), int(n)); ok {
			f.Children = append(f.Children, cd)
		}
	}
	return f
}

func (t tnsBody) accept() Field {
	f := Field{Label: "Accept", Start: 8, Len: len(t.b) - 8}
	if !t.has(8, 16) {
		return f
	}
	b := t.b
	v, _ := t.u16("tns.version", "Version", 8)
	sdu, _ := t.u16("tns.sdu_size", "Session Data Unit Size", 12)
	tdu, _ := t.u16("tns.max_tdu_size", "Maximum Transmission Data Unit Size", 14)
	dl, _ := t.u16("tns.accept_data_length", "Accept Data Length", 18)
	do, _ := t.u16("tns.accept_data_offset", "Offset to Accept Data", 20)
	f.Children = append(f.Children, v,
		tnsFlags("tns.service_options", "Service Options", uint32(binary.BigEndian.Uint16(b[10:])), 16, 10, tnsServiceFlags, "tns.so_flag."),
		sdu, tdu,
		Field{Name: "tns.value_of_one", Label: fmt.Sprintf("Value of 1 in Hardware: %02x%02x", b[16], b[17]), Start: 16, Len: 2, Kind: FieldBytes, Str: string(b[16:18])},
		dl, do)
	if t.has(22, 2) {
		f.Children = append(f.Children,
			tnsFlags("tns.connect_flags0", "Connect Flags 0", uint32(b[22]), 8, 22, tnsConnectFlags, "tns.connect_flags."),
			tnsFlags("tns.connect_flags1", "Connect Flags 1", uint32(b[23]), 8, 23, tnsConnectFlags, "tns.connect_flags."))
	}
	return f
}

func (t tnsBody) refuse() Field {
	f := Field{Label: "Refuse", Start: 8, Len: len(t.b) - 8}
	if !t.has(8, 4) {
		return f
	}
	dl, n := t.u16("tns.refuse_data_length", "Refuse Data Length", 10)
	f.Children = append(f.Children, t.hex8("tns.refuse_reason_user", "Refuse Reason (User)", 8),
		t.hex8("tns.refuse_reason_system", "Refuse Reason (System)", 9), dl)
	if d, ok := t.text("tns.refuse_data", "Refuse Data", 12, int(n)); ok {
		f.Children = append(f.Children, d)
	}
	return f
}

func (t tnsBody) redirect() Field {
	f := Field{Label: "Redirect", Start: 8, Len: len(t.b) - 8}
	if !t.has(8, 2) {
		return f
	}
	dl, n := t.u16("tns.redirect_data_length", "Redirect Data Length", 8)
	f.Children = append(f.Children, dl)
	if d, ok := t.text("tns.redirect_data", "Redirect Data", 10, int(n)); ok {
		f.Children = append(f.Children, d)
	}
	return f
}

func (t tnsBody) data() Field {
	f := Field{Label: "Data", Start: 8, Len: len(t.b) - 8}
	if !t.has(8, 2) {
		return f
	}
	f.Children = append(f.Children, tnsFlags("tns.data_flag", "Data Flag", uint32(binary.BigEndian.Uint16(t.b[8:])), 16, 8, tnsDataFlags, "tns.data_flag."))
	switch {
	case t.has(10, 4) && binary.BigEndian.Uint32(t.b[10:]) == 0xdeadbeef:
		f.Children = append(f.Children, UintField("tns.data_id", "Data ID: Secure Network Services (0xdeadbeef)", 10, 4, 0xdeadbeef))
	case t.has(10, 1):
		if n, ok := tnsDataIDs[t.b[10]]; ok {
			f.Children = append(f.Children, UintField("tns.data_id", fmt.Sprintf("Data ID: %s (0x%02x)", n, t.b[10]), 10, 1, uint64(t.b[10])))
		}
	}
	return f
}

func (t tnsBody) abort() Field {
	f := Field{Label: "Abort", Start: 8, Len: len(t.b) - 8}
	if !t.has(8, 2) {
		return f
	}
	// 4.0 labels both reasons "(User)"
	f.Children = append(f.Children, t.hex8("tns.abort_reason_user", "Abort Reason (User)", 8),
		t.hex8("tns.abort_reason_system", "Abort Reason (User)", 9))
	return f
}

// tnsMarkerTypes name a Marker packet's type.
var tnsMarkerTypes = map[byte]string{0: "Data Marker - 0 Data Bytes", 1: "Data Marker - 1 Data Bytes", 2: "Attention Marker"}

// marker reads a Marker packet; 4.0 titles its subtree "Attention".
func (t tnsBody) marker() Field {
	f := Field{Label: "Attention", Start: 8, Len: len(t.b) - 8}
	if !t.has(8, 3) {
		return f
	}
	n, ok := tnsMarkerTypes[t.b[8]]
	if !ok {
		n = "Unknown"
	}
	f.Children = append(f.Children, UintField("tns.marker.type", fmt.Sprintf("Marker Type: %s (0x%02x)", n, t.b[8]), 8, 1, uint64(t.b[8])),
		t.hex8("tns.marker.databyte", "Marker Data Byte", 9), t.hex8("tns.marker.databyte", "Marker Data Byte", 10))
	return f
}

func (t tnsBody) control() Field {
	f := Field{Label: "Control", Start: 8, Len: len(t.b) - 8}
	if !t.has(8, 2) {
		return f
	}
	c := binary.BigEndian.Uint16(t.b[8:])
	cn := "Unknown"
	if c == 8 {
		cn = "Oracle Trace Command"
	}
	f.Children = append(f.Children, UintField("tns.control.cmd", fmt.Sprintf("Control Command: %s (0x%04x)", cn, c), 8, 2, uint64(c)))
	if len(t.b) > 10 {
		f.Children = append(f.Children, Field{Name: "tns.control.data", Label: "Control Data: " + hexEllipsis(t.b[10:]), Start: 10, Len: len(t.b) - 10,
			Kind: FieldBytes, Str: string(t.b[10:])})
	}
	return f
}

var tnsDissector = &Dissector{
	Name:    "tns",
	Dissect: tnsDissect,
	PDULen:  tnsPDULen,
	Fields:  tnsFields(),
}

// tnsFields lists the filter fields the tree carries.
func tnsFields() []FieldDef {
	u := func(n, d string, bits int) FieldDef { return FieldDef{Name: n, Desc: d, Kind: FieldUint, Bits: bits} }
	s := func(n, d string) FieldDef { return FieldDef{Name: n, Desc: d, Kind: FieldString} }
	fs := []FieldDef{
		{Name: "tns.request", Desc: "Request", Kind: FieldBool}, {Name: "tns.response", Desc: "Response", Kind: FieldBool},
		u("tns.length", "Packet Length", 32), u("tns.packet_checksum", "Packet Checksum", 16), u("tns.type", "Packet Type", 8),
		{Name: "tns.reserved_byte", Desc: "Reserved Byte", Kind: FieldBytes}, u("tns.header_checksum", "Header Checksum", 16),
		u("tns.version", "Version", 16), u("tns.compat_version", "Version (Compatible)", 16), u("tns.service_options", "Service Options", 16),
		u("tns.sdu_size", "Session Data Unit Size", 16), u("tns.max_tdu_size", "Maximum Transmission Data Unit Size", 16),
		u("tns.nt_proto_characteristics", "NT Protocol Characteristics", 16), u("tns.line_turnaround", "Line Turnaround Value", 16),
		{Name: "tns.value_of_one", Desc: "Value of 1 in Hardware", Kind: FieldBytes},
		u("tns.connect_data_length", "Length of Connect Data", 16), u("tns.connect_data_offset", "Offset to Connect Data", 16),
		u("tns.connect_data_max", "Maximum Receivable Connect Data", 32), u("tns.connect_flags0", "Connect Flags 0", 8),
		u("tns.connect_flags1", "Connect Flags 1", 8), u("tns.trace_cf1", "Trace Cross Facility Item 1", 32),
		u("tns.trace_cf2", "Trace Cross Facility Item 2", 32), u("tns.trace_cid", "Trace Unique Connection ID", 64),
		s("tns.connect_data", "Connect Data"), u("tns.accept_data_length", "Accept Data Length", 16),
		u("tns.accept_data_offset", "Offset to Accept Data", 16), u("tns.refuse_reason_user", "Refuse Reason (User)", 8),
		u("tns.refuse_reason_system", "Refuse Reason (System)", 8), u("tns.refuse_data_length", "Refuse Data Length", 16),
		s("tns.refuse_data", "Refuse Data"), u("tns.redirect_data_length", "Redirect Data Length", 16), s("tns.redirect_data", "Redirect Data"),
		u("tns.data_flag", "Data Flag", 16), u("tns.data_id", "Data ID", 32), u("tns.abort_reason_user", "Abort Reason (User)", 8),
		u("tns.abort_reason_system", "Abort Reason (System)", 8), u("tns.marker.type", "Marker Type", 8), u("tns.marker.databyte", "Marker Data Byte", 8),
		u("tns.control.cmd", "Control Command", 16), {Name: "tns.control.data", Desc: "Control Data", Kind: FieldBytes},
	}
	for _, l := range []struct {
		prefix string
		flags  []tnsFlag
	}{{"tns.so_flag.", tnsServiceFlags}, {"tns.ntp_flag.", tnsNTPFlags}, {"tns.connect_flags.", tnsConnectFlags}, {"tns.data_flag.", tnsDataFlags}} {
		for _, f := range l.flags {
			fs = append(fs, FieldDef{Name: l.prefix + f.field, Desc: f.title, Kind: FieldBool})
		}
	}
	return fs
}

func init() { RegisterTCP(tnsDissector, tnsPort) }
