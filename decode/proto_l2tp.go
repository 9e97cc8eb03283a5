package decode

import (
	"encoding/binary"
	"encoding/hex"
	"strconv"
)

// L2TPv2 (RFC 2661) on UDP 1701 as tshark 4.0 shows it. Control messages
// are this dissector's: "Control Message - SCCRQ (tunnel id=0, session
// id=0)", the zero-length-body acknowledgement "Control Message - ZLB
// (tunnel id=..., session id=...)" with tshark's padding, and the AVP
// tree. Data messages carry PPP in HDLC-like framing: the headers parser
// follows them as a tunnel (tunnel.go, EncapL2TP) to the PPP frame and the
// IP packet in it, so the inner TCP and UDP conversations are indexed as
// tshark indexes them, and the details pane shows the L2TP header before
// the PPP layer (details_tunnel.go); both use l2tpHeader. L2TPv3 is left
// to UDP. Hand-written: gopacket has no L2TP layer.

const portL2TP = 1701

// L2TP header flag bits (RFC 2661 §3.1).
const (
	l2tpType     = 0x8000
	l2tpLength   = 0x4000
	l2tpSequence = 0x0800
	l2tpOffset   = 0x0200
	l2tpPriority = 0x0100
)

// l2tpHeaderLen is the length of an L2TPv2 header and its offset padding,
// or 0 when b holds none.
func l2tpHeaderLen(b []byte) int {
	if len(b) < 2 {
		return 0
	}
	fl := binary.BigEndian.Uint16(b)
	if fl&0x0f != 2 {
		return 0
	}
	n := 6
	if fl&l2tpLength != 0 {
		n += 2
	}
	if fl&l2tpSequence != 0 {
		n += 4
	}
	if fl&l2tpOffset != 0 {
		if len(b) < n+2 {
			return 0
		}
		n += 2 + int(binary.BigEndian.Uint16(b[n:]))
	}
	if n > len(b) {
		return 0
	}
	return n
}

// l2tpIDs returns the tunnel and session IDs of an L2TPv2 header that
// l2tpHeaderLen accepted.
func l2tpIDs(b []byte) (tunnel, session uint16) {
	p := 2
	if binary.BigEndian.Uint16(b)&l2tpLength != 0 {
		p += 2
	}
	return binary.BigEndian.Uint16(b[p:]), binary.BigEndian.Uint16(b[p+2:])
}

// l2tpHeader builds the header's tree lines, offsets relative to b[0];
// n is l2tpHeaderLen(b).
func l2tpHeader(b []byte, n int) []Field {
	fl := binary.BigEndian.Uint16(b)
	v := uint32(fl)
	typ, typeName := 0, "Data Message"
	if fl&l2tpType != 0 {
		typ, typeName = 1, "Control Message"
	}
	label := "Flags: 0x" + hex.EncodeToString(b[:2]) + ", Type: " + typeName
	if fl&l2tpLength != 0 {
		label += ", Length Bit"
	}
	if fl&l2tpSequence != 0 {
		label += ", Sequence Bit"
	}
	if fl&l2tpOffset != 0 {
		label += ", Offset Bit"
	}
	if fl&l2tpPriority != 0 {
		label += ", Priority Bit"
	}
	bit := func(name string, mask uint16, what, yes, no string) Field {
		s, n := no, uint64(0)
		if fl&mask != 0 {
			s, n = yes, 1
		}
		return Field{Name: name, Label: bitString(v, 16, uint32(mask)) + " = " + what + ": " + s, Len: 2, Kind: FieldBool, Num: n}
	}
	flags := UintField("l2tp.flags", label, 0, 2, uint64(fl))
	flags.Children = []Field{
		UintField("l2tp.type", bitString(v, 16, l2tpType)+" = Type: "+typeName+" ("+strconv.Itoa(typ)+")", 0, 2, uint64(typ)),
		bit("l2tp.length_bit", l2tpLength, "Length Bit", "Length field is present", "Length field is not present"),
		bit("l2tp.seq_bit", l2tpSequence, "Sequence Bit", "Ns and Nr fields are present", "Ns and Nr fields are not present"),
		bit("l2tp.offset_bit", l2tpOffset, "Offset bit", "Offset size field is present", "Offset size field is not present"),
		bit("l2tp.priority", l2tpPriority, "Priority", "This data message has priority", "No priority"),
		UintField("l2tp.version", bitString(v, 16, 0x000f)+" = Version: "+strconv.Itoa(int(fl&15)), 0, 2, uint64(fl&15)),
	}
	fs := []Field{flags}
	p := 2
	u16 := func(name, what string) {
		x := binary.BigEndian.Uint16(b[p:])
		fs = append(fs, UintField(name, what+": "+strconv.Itoa(int(x)), p, 2, uint64(x)))
		p += 2
	}
	if fl&l2tpLength != 0 {
		u16("l2tp.length", "Length")
	}
	u16("l2tp.tunnel", "Tunnel ID")
	u16("l2tp.session", "Session ID")
	if fl&l2tpSequence != 0 {
		u16("l2tp.Ns", "Ns")
		u16("l2tp.Nr", "Nr")
	}
	if fl&l2tpOffset != 0 {
		size := int(binary.BigEndian.Uint16(b[p:]))
		u16("l2tp.offset", "Offset Size")
		if size > 0 && p+size <= n {
			fs = append(fs, Field{Name: "l2tp.offset_padding", Label: "Offset Padding: " + hexTrunc(b[p:p+size]), Start: p, Len: size, Kind: FieldBytes, Str: string(b[p : p+size])})
		}
	}
	return fs
}

var l2tp = &Dissector{
	Name:    "l2tp",
	Dissect: dissectL2TP,
	Fields: []FieldDef{
		{Name: "l2tp.flags", Desc: "Flags", Kind: FieldUint, Bits: 16},
		{Name: "l2tp.type", Desc: "Type", Kind: FieldUint, Bits: 16},
		{Name: "l2tp.length_bit", Desc: "Length Bit", Kind: FieldBool},
		{Name: "l2tp.seq_bit", Desc: "Sequence Bit", Kind: FieldBool},
		{Name: "l2tp.offset_bit", Desc: "Offset bit", Kind: FieldBool},
		{Name: "l2tp.priority", Desc: "Priority", Kind: FieldBool},
		{Name: "l2tp.version", Desc: "Version", Kind: FieldUint, Bits: 16},
		{Name: "l2tp.length", Desc: "Length", Kind: FieldUint, Bits: 16},
		{Name: "l2tp.tunnel", Desc: "Tunnel ID", Kind: FieldUint, Bits: 16},
		{Name: "l2tp.session", Desc: "Session ID", Kind: FieldUint, Bits: 16},
		{Name: "l2tp.Ns", Desc: "Ns", Kind: FieldUint, Bits: 16},
		{Name: "l2tp.Nr", Desc: "Nr", Kind: FieldUint, Bits: 16},
		{Name: "l2tp.offset", Desc: "Offset Size", Kind: FieldUint, Bits: 16},
		{Name: "l2tp.zero_length_body_message", Desc: "Zero Length Body message", Kind: FieldLabel},
		{Name: "l2tp.avp.mandatory", Desc: "Mandatory", Kind: FieldBool},
		{Name: "l2tp.avp.hidden", Desc: "Hidden", Kind: FieldBool},
		{Name: "l2tp.avp.length", Desc: "AVP Length", Kind: FieldUint, Bits: 16},
		{Name: "l2tp.avp.vendor_id", Desc: "Vendor ID", Kind: FieldUint, Bits: 16},
		{Name: "l2tp.avp.type", Desc: "AVP Type", Kind: FieldUint, Bits: 16},
		{Name: "l2tp.avp.message_type", Desc: "Message Type", Kind: FieldUint, Bits: 16},
		{Name: "l2tp.result_code", Desc: "Result code", Kind: FieldUint, Bits: 16},
		{Name: "l2tp.avp.error_code", Desc: "Error code", Kind: FieldUint, Bits: 16},
		{Name: "l2tp.avp.error_message", Desc: "Error Message", Kind: FieldString},
		{Name: "l2tp.avp.protocol_version", Desc: "Version", Kind: FieldUint, Bits: 8},
		{Name: "l2tp.avp.protocol_revision", Desc: "Revision", Kind: FieldUint, Bits: 8},
		{Name: "l2tp.avp.host_name", Desc: "Host Name", Kind: FieldString},
		{Name: "l2tp.avp.vendor_name", Desc: "Vendor Name", Kind: FieldString},
		{Name: "l2tp.avp.firmware_revision", Desc: "Firmware Revision", Kind: FieldUint, Bits: 16},
		{Name: "l2tp.avp.assigned_tunnel_id", Desc: "Assigned Tunnel ID", Kind: FieldUint, Bits: 16},
		{Name: "l2tp.avp.assigned_session_id", Desc: "Assigned Session ID", Kind: FieldUint, Bits: 16},
		{Name: "l2tp.avp.receive_window_size", Desc: "Receive Window Size", Kind: FieldUint, Bits: 16},
		{Name: "l2tp.avp.call_serial_number", Desc: "Call Serial Number", Kind: FieldUint, Bits: 32},
		{Name: "l2tp.avp.connect_speed", Desc: "Connect Speed", Kind: FieldUint, Bits: 32},
		{Name: "l2tp.avp.rx_connect_speed", Desc: "Rx Connect Speed", Kind: FieldUint, Bits: 32},
	},
}

func init() { RegisterUDP(l2tp, portL2TP) }

// l2tpMessages are the control message types (RFC 2661 §3.2): tshark's
// short names for Info, long ones for the Message Type AVP.
var l2tpMessages = map[uint16][2]string{
	1: {"SCCRQ", "Start_Control_Request"}, 2: {"SCCRP", "Start_Control_Reply"},
	3: {"SCCCN", "Start_Control_Connected"}, 4: {"StopCCN", "Stop_Control_Notification"},
	5: {"Reserved", "Reserved"}, 6: {"Hello", "Hello"}, 7: {"OCRQ", "Outgoing_Call_Request"},
	8: {"OCRP", "Outgoing_Call_Reply"}, 9: {"OCCN", "Outgoing_Call_Connected"},
	10: {"ICRQ", "Incoming_Call_Request"}, 11: {"ICRP", "Incoming_Call_Reply"},
	12: {"ICCN", "Incoming_Call_Connected"}, 13: {"Reserved", "Reserved"},
	14: {"CDN", "Call_Disconnect_Notification"}, 15: {"WEN", "WAN_Error_Notify"}, 16: {"SLI", "Set_Link_Info"},
}

const (
	l2tpStopCCN = 4
	l2tpCDN     = 14
)

// l2tpAVPTypes name the AVPs of RFC 2661 §4.4.
var l2tpAVPTypes = map[uint16]string{0: "Control Message", 1: "Result-Error Code", 2: "Protocol Version",
	3: "Framing Capabilities", 4: "Bearer Capabilities", 5: "Tie Breaker", 6: "Firmware Revision", 7: "Host Name",
	8: "Vendor Name", 9: "Assigned Tunnel ID", 10: "Receive Window Size", 11: "Challenge", 12: "Cause Code",
	13: "Challenge Response", 14: "Assigned Session", 15: "Call Serial Number", 16: "Minimum BPS",
	17: "Maximum BPS", 18: "Bearer Type", 19: "Framing Type", 21: "Called Number", 22: "Calling Number",
	23: "Sub-Address", 24: "Connect Speed", 25: "Physical Channel", 26: "Initial Received LCP CONFREQ",
	27: "Last Sent LCP CONFREQ", 28: "Last Received LCP CONFREQ", 29: "Proxy Authen Type", 30: "Proxy Authen Name",
	31: "Proxy Authen Challenge", 32: "Proxy Authen ID", 33: "Proxy Authen Response", 34: "Call status AVPs",
	35: "ACCM", 36: "Random Vector", 37: "Private group ID", 38: "RxConnect Speed", 39: "Sequencing Required"}

// Result codes of StopCCN (RFC 2661 §4.4.2) and CDN, and the error codes.
var l2tpStopResults = map[uint16]string{0: "Reserved", 1: "General request to clear control connection",
	2: "General error--Error Code indicates the problem", 3: "Control channel already exists",
	4: "Requester is not authorized to establish a control channel",
	5: "The protocol version of the requester is not supported", 6: "Requester is being shut down",
	7: "Finite State Machine error"}
var l2tpCDNResults = map[uint16]string{0: "Reserved",
	1: "Session disconnected due to loss of carrier or circuit disconnect",
	2: "Session disconnected for the reason indicated in Error Code",
	3: "Session disconnected for administrative reasons",
	4: "Appropriate facilities unavailable (temporary condition)",
	5: "Appropriate facilities unavailable (permanent condition)", 6: "Invalid destination",
	7: "Call failed due to no carrier detected", 8: "Call failed due to detection of a busy signal",
	9: "Call failed due to lack of a dial tone", 10: "Call was not established within time allotted by LAC",
	11: "Call was connected but no appropriate framing was detected"}
var l2tpErrors = map[uint16]string{0: "No General Error", 1: "No control connection exists yet for this LAC-LNS pair",
	2: "Length is wrong", 3: "One of the field values was out of range or reserved field was non-zero",
	4: "Insufficient resources to handle this operation now", 5: "The Session ID is invalid in this context",
	6: "A generic vendor-specific error occurred in the LAC", 7: "Try another LNS",
	8: "Session or tunnel was shutdown due to receipt of an unknown AVP with the M-bit set"}

// dissectL2TP reads an L2TPv2 control message, or a data message the
// headers parser did not follow (nothing after its header).
func dissectL2TP(p *PDU, out *Out) bool {
	b := p.Data
	n := l2tpHeaderLen(b)
	if n == 0 {
		return false
	}
	fl := binary.BigEndian.Uint16(b)
	tid, sid := l2tpIDs(b)
	ids := "(tunnel id=" + strconv.Itoa(int(tid)) + ", session id=" + strconv.Itoa(int(sid)) + ")"
	out.SetProto("L2TP")
	length := len(b)
	if fl&l2tpLength != 0 {
		length = int(binary.BigEndian.Uint16(b[2:]))
	}
	zlb := fl&l2tpLength != 0 && length == 12
	switch {
	case fl&l2tpType == 0:
		out.SetInfo("Data    Message            " + ids)
	case zlb:
		out.SetInfo("Control Message - ZLB      " + ids)
	default:
		// the first AVP, where the message type should be (tshark reads
		// it without checking the AVP's length)
		q := n + 4
		switch {
		case q+4 > len(b):
			out.SetInfo(malformedMark)
		case binary.BigEndian.Uint16(b[q:]) == 0:
			mt := binary.BigEndian.Uint16(b[q+2:])
			name := l2tpMessages[mt][0]
			if name == "" {
				name = "Unknown (" + strconv.Itoa(int(mt)) + ")"
			}
			out.SetInfo("Control Message - " + name + " " + ids)
		default:
			out.SetInfo("Control Message " + ids)
		}
		// tshark reads the AVPs up to the length field's end
		if fl&l2tpLength != 0 && length > len(b) {
			out.AppendInfo("", malformedMark)
		}
	}
	if !out.WantTree {
		return true
	}
	top := Field{Name: "l2tp", Label: "Layer 2 Tunneling Protocol", Len: min(length, len(b)), Kind: FieldProto}
	if fl&l2tpType == 0 {
		top.Len = n
	}
	top.Children = l2tpHeader(b, n)
	if zlb {
		top.Children = append(top.Children, Field{Name: "l2tp.zero_length_body_message", Label: "Zero Length Body message"})
	}
	if fl&l2tpType != 0 && fl&l2tpLength != 0 {
		top.Children = append(top.Children, l2tpAVPs(b[:min(length, len(b))], n)...)
	}
	out.Add(top)
	return true
}

// l2tpAVPs reads the AVPs of a control message from off.
func l2tpAVPs(b []byte, off int) []Field {
	var fs []Field
	msg := uint16(0)
	for off+6 <= len(b) {
		h := binary.BigEndian.Uint16(b[off:])
		alen := int(h & 0x03ff)
		if alen < 6 || off+alen > len(b) {
			break
		}
		vendor, typ := binary.BigEndian.Uint16(b[off+2:]), binary.BigEndian.Uint16(b[off+4:])
		name := l2tpAVPTypes[typ]
		if name == "" {
			name = "Unknown"
		}
		if vendor != 0 {
			name = "Vendor-Specific"
		}
		v := uint32(h)
		mand, hid := "False", "False"
		if h&0x8000 != 0 {
			mand = "True"
		}
		if h&0x4000 != 0 {
			hid = "True"
		}
		a := Field{Label: name + " AVP", Start: off, Len: alen, Children: []Field{
			{Name: "l2tp.avp.mandatory", Label: bitString(v, 16, 0x8000) + " = Mandatory: " + mand, Start: off, Len: 2, Kind: FieldBool, Num: uint64(h >> 15)},
			{Name: "l2tp.avp.hidden", Label: bitString(v, 16, 0x4000) + " = Hidden: " + hid, Start: off, Len: 2, Kind: FieldBool, Num: uint64(h >> 14 & 1)},
			UintField("l2tp.avp.length", bitString(v, 16, 0x03ff)+" = Length: "+strconv.Itoa(alen), off, 2, uint64(alen)),
		}}
		vname := "Unknown"
		if vendor == 0 {
			vname = "Reserved"
		}
		a.Children = append(a.Children, UintField("l2tp.avp.vendor_id", "Vendor ID: "+vname+" ("+strconv.Itoa(int(vendor))+")", off+2, 2, uint64(vendor)))
		if vendor == 0 {
			a.Children = append(a.Children, UintField("l2tp.avp.type", "AVP Type: "+name+" ("+strconv.Itoa(int(typ))+")", off+4, 2, uint64(typ)))
			if h&0x4000 == 0 {
				a.Children = append(a.Children, l2tpAVPValue(typ, &msg, b[off+6:off+alen], off+6)...)
			}
		}
		fs = append(fs, a)
		off += alen
	}
	return fs
}

// l2tpAVPValue is the value of an AVP of type typ at off; msg carries the
// message type from the Control Message AVP to the Result-Error Code AVP.
func l2tpAVPValue(typ uint16, msg *uint16, v []byte, off int) []Field {
	u16 := func(name, what string) []Field {
		if len(v) < 2 {
			return nil
		}
		x := binary.BigEndian.Uint16(v)
		return []Field{UintField(name, what+": "+strconv.Itoa(int(x)), off, 2, uint64(x))}
	}
	u32 := func(name, what string) []Field {
		if len(v) < 4 {
			return nil
		}
		x := binary.BigEndian.Uint32(v)
		return []Field{UintField(name, what+": "+strconv.FormatUint(uint64(x), 10), off, 4, uint64(x))}
	}
	bits := func(names [2]string, whats [2]string) []Field {
		if len(v) < 4 {
			return nil
		}
		x := binary.BigEndian.Uint32(v)
		var fs []Field
		for i, mask := range [2]uint32{2, 1} {
			t, n := "False", uint64(0)
			if x&mask != 0 {
				t, n = "True", 1
			}
			fs = append(fs, Field{Name: names[i], Label: bitsLabel32(x, mask, whats[i]+": "+t), Start: off, Len: 4, Kind: FieldBool, Num: n})
		}
		return fs
	}
	str := func(name, what string) []Field {
		return []Field{StrField(name, what+": "+Printable(string(v)), off, len(v), string(v))}
	}
	switch typ {
	case 0:
		if len(v) < 2 {
			return nil
		}
		*msg = binary.BigEndian.Uint16(v)
		name := l2tpMessages[*msg][1]
		if name == "" {
			name = "Unknown"
		}
		return []Field{UintField("l2tp.avp.message_type", "Message Type: "+name+" ("+strconv.Itoa(int(*msg))+")", off, 2, uint64(*msg))}
	case 1:
		if len(v) < 2 {
			return nil
		}
		rc := binary.BigEndian.Uint16(v)
		names := l2tpStopResults
		if *msg == l2tpCDN {
			names = l2tpCDNResults
		}
		fs := []Field{UintField("l2tp.result_code", "Result code: "+ikeName(names, rc)+" ("+strconv.Itoa(int(rc))+")", off, 2, uint64(rc))}
		if len(v) >= 4 {
			ec := binary.BigEndian.Uint16(v[2:])
			fs = append(fs, UintField("l2tp.avp.error_code", "Error code: "+ikeName(l2tpErrors, ec)+" ("+strconv.Itoa(int(ec))+")", off+2, 2, uint64(ec)))
		}
		if len(v) > 4 {
			m := string(v[4:])
			fs = append(fs, StrField("l2tp.avp.error_message", "Error Message: "+Printable(m), off+4, len(v)-4, m))
		}
		return fs
	case 2:
		if len(v) < 2 {
			return nil
		}
		return []Field{
			UintField("l2tp.avp.protocol_version", "Version: "+strconv.Itoa(int(v[0])), off, 1, uint64(v[0])),
			UintField("l2tp.avp.protocol_revision", "Revision: "+strconv.Itoa(int(v[1])), off+1, 1, uint64(v[1])),
		}
	case 3:
		return bits([2]string{"l2tp.avp.async_framing_supported", "l2tp.avp.sync_framing_supported"}, [2]string{"Async Framing Supported", "Sync Framing Supported"})
	case 4:
		return bits([2]string{"l2tp.avp.analog_access_supported", "l2tp.avp.digital_access_supported"}, [2]string{"Analog Access Supported", "Digital Access Supported"})
	case 6:
		if len(v) < 2 {
			return nil
		}
		x := binary.BigEndian.Uint16(v)
		return []Field{UintField("l2tp.avp.firmware_revision", "Firmware Revision: "+strconv.Itoa(int(x))+" ("+hex4(x)+")", off, 2, uint64(x))}
	case 7:
		return str("l2tp.avp.host_name", "Host Name")
	case 8:
		return str("l2tp.avp.vendor_name", "Vendor Name")
	case 9:
		return u16("l2tp.avp.assigned_tunnel_id", "Assigned Tunnel ID")
	case 10:
		return u16("l2tp.avp.receive_window_size", "Receive Window Size")
	case 14:
		return u16("l2tp.avp.assigned_session_id", "Assigned Session ID")
	case 15:
		return u32("l2tp.avp.call_serial_number", "Call Serial Number")
	case 18:
		return bits([2]string{"l2tp.avp.analog_bearer_type", "l2tp.avp.digital_bearer_type"}, [2]string{"Analog Bearer Type", "Digital Bearer Type"})
	case 19:
		return bits([2]string{"l2tp.avp.async_framing_type", "l2tp.avp.sync_framing_type"}, [2]string{"Async Framing Type", "Sync Framing Type"})
	case 24:
		return u32("l2tp.avp.connect_speed", "Connect Speed")
	case 38:
		return u32("l2tp.avp.rx_connect_speed", "Rx Connect Speed")
	}
	return nil
}
