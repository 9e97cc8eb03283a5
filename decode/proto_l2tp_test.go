package decode

import (
	"encoding/binary"
	"encoding/hex"
	"path/filepath"
	"testing"
)

// l2tpLab is the L2TPv2 tunnel lab__l2tp.sh recorded between two xl2tpd
// daemons, with PPP (LCP, IPCP) and IPv4 in its data messages.
const l2tpLab = "lab__l2tp.pcap"

func l2tpHex(s string) []byte {
	b, err := hex.DecodeString(s)
	if err != nil {
		panic(err)
	}
	return b
}

// TestL2TPInfo checks the Protocol and Info columns of control messages,
// each expected value tshark 4.0.17's on the same bytes in a UDP datagram
// to port 1701 (built from lab__l2tp.pcap's frames).
func TestL2TPInfo(t *testing.T) {
	cases := []struct {
		name string
		b    []byte
		info string // "" when not L2TP
	}{
		{"SCCRQ cut short of its length field (frame 1's start)", l2tpHex("c8020063000000000000000080080000000000018008000000020100"), "Control Message - SCCRQ (tunnel id=0, session id=0)[Malformed Packet]"},
		{"ZLB (frame 5)", l2tpHex("c802000c7a6400000001000200"), "Control Message - ZLB      (tunnel id=31332, session id=0)"},
		{"CDN cut short (frame 37's start)", l2tpHex("c80200267a64e1d600020004800800000000000e"), "Control Message - CDN (tunnel id=31332, session id=57814)[Malformed Packet]"},
		{"unknown message type", l2tpHex("c80200147a6400000001000280080000000000ff"), "Control Message - Unknown (255) (tunnel id=31332, session id=0)"},
		{"first AVP not a message type", l2tpHex("c80200147a640000000100028008000000090001"), "Control Message (tunnel id=31332, session id=0)"},
		{"data message without payload", l2tpHex("40020008" + "7a64e1d6"), "Data    Message            (tunnel id=31332, session id=57814)"},
		{"one byte", []byte{0xc8}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, tree := range []bool{false, true} {
				var out Out
				out.reset(tree)
				ok := dissectL2TP(&PDU{Data: c.b, Len: len(c.b), SrcPort: 1701, DstPort: 1701}, &out)
				if ok != (c.info != "") || ok && (out.Proto != "L2TP" || out.Info() != c.info) {
					t.Errorf("tree %v: got %v %q %q, want L2TP %q", tree, ok, out.Proto, out.Info(), c.info)
				}
				checkTree(t, out.Tree, len(c.b))
			}
		})
	}
}

// TestL2TPDetailsPDML compares lab__l2tp.pcap's L2TP, PPP and LCP layers
// with tshark 4.0.17's PDML (tshark -r F -T pdml): the SCCRQ with its
// AVPs, a ZLB, the ICCN, the CDN and StopCCN with their result codes, an
// LCP Configuration Request in a data message and an ICMP echo in one.
func TestL2TPDetailsPDML(t *testing.T) {
	x := loadAppCapture(t, l2tpLab)
	cases := []struct {
		frame int
		want  []pdmlWant
	}{
		{0, []pdmlWant{
			{"l2tp", "Layer 2 Tunneling Protocol", 42, 99},
			{"l2tp.flags", "Flags: 0xc802, Type: Control Message, Length Bit, Sequence Bit", 42, 2},
			{"l2tp.type", "1... .... .... .... = Type: Control Message (1)", 42, 2},
			{"l2tp.length_bit", ".1.. .... .... .... = Length Bit: Length field is present", 42, 2},
			{"l2tp.seq_bit", ".... 1... .... .... = Sequence Bit: Ns and Nr fields are present", 42, 2},
			{"l2tp.offset_bit", ".... ..0. .... .... = Offset bit: Offset size field is not present", 42, 2},
			{"l2tp.priority", ".... ...0 .... .... = Priority: No priority", 42, 2},
			{"l2tp.version", ".... .... .... 0010 = Version: 2", 42, 2},
			{"l2tp.length", "Length: 99", 44, 2},
			{"l2tp.tunnel", "Tunnel ID: 0", 46, 2},
			{"l2tp.session", "Session ID: 0", 48, 2},
			{"l2tp.Ns", "Ns: 0", 50, 2},
			{"l2tp.Nr", "Nr: 0", 52, 2},
			{"", "Control Message AVP", 54, 8},
			{"l2tp.avp.mandatory", "1... .... .... .... = Mandatory: True", 54, 2},
			{"l2tp.avp.hidden", ".0.. .... .... .... = Hidden: False", 54, 2},
			{"l2tp.avp.length", ".... ..00 0000 1000 = Length: 8", 54, 2},
			{"l2tp.avp.vendor_id", "Vendor ID: Reserved (0)", 56, 2},
			{"l2tp.avp.type", "AVP Type: Control Message (0)", 58, 2},
			{"l2tp.avp.message_type", "Message Type: Start_Control_Request (1)", 60, 2},
			{"", "Protocol Version AVP", 62, 8},
			{"l2tp.avp.mandatory", "1... .... .... .... = Mandatory: True", 62, 2},
			{"l2tp.avp.hidden", ".0.. .... .... .... = Hidden: False", 62, 2},
			{"l2tp.avp.length", ".... ..00 0000 1000 = Length: 8", 62, 2},
			{"l2tp.avp.vendor_id", "Vendor ID: Reserved (0)", 64, 2},
			{"l2tp.avp.type", "AVP Type: Protocol Version (2)", 66, 2},
			{"l2tp.avp.protocol_version", "Version: 1", 68, 1},
			{"l2tp.avp.protocol_revision", "Revision: 0", 69, 1},
			{"", "Framing Capabilities AVP", 70, 10},
			{"l2tp.avp.mandatory", "1... .... .... .... = Mandatory: True", 70, 2},
			{"l2tp.avp.hidden", ".0.. .... .... .... = Hidden: False", 70, 2},
			{"l2tp.avp.length", ".... ..00 0000 1010 = Length: 10", 70, 2},
			{"l2tp.avp.vendor_id", "Vendor ID: Reserved (0)", 72, 2},
			{"l2tp.avp.type", "AVP Type: Framing Capabilities (3)", 74, 2},
			{"l2tp.avp.async_framing_supported", ".... .... .... .... .... .... .... ..1. = Async Framing Supported: True", 76, 4},
			{"l2tp.avp.sync_framing_supported", ".... .... .... .... .... .... .... ...1 = Sync Framing Supported: True", 76, 4},
			{"", "Bearer Capabilities AVP", 80, 10},
			{"l2tp.avp.mandatory", "1... .... .... .... = Mandatory: True", 80, 2},
			{"l2tp.avp.hidden", ".0.. .... .... .... = Hidden: False", 80, 2},
			{"l2tp.avp.length", ".... ..00 0000 1010 = Length: 10", 80, 2},
			{"l2tp.avp.vendor_id", "Vendor ID: Reserved (0)", 82, 2},
			{"l2tp.avp.type", "AVP Type: Bearer Capabilities (4)", 84, 2},
			{"l2tp.avp.analog_access_supported", ".... .... .... .... .... .... .... ..0. = Analog Access Supported: False", 86, 4},
			{"l2tp.avp.digital_access_supported", ".... .... .... .... .... .... .... ...0 = Digital Access Supported: False", 86, 4},
			{"", "Firmware Revision AVP", 90, 8},
			{"l2tp.avp.mandatory", "0... .... .... .... = Mandatory: False", 90, 2},
			{"l2tp.avp.hidden", ".0.. .... .... .... = Hidden: False", 90, 2},
			{"l2tp.avp.length", ".... ..00 0000 1000 = Length: 8", 90, 2},
			{"l2tp.avp.vendor_id", "Vendor ID: Reserved (0)", 92, 2},
			{"l2tp.avp.type", "AVP Type: Firmware Revision (6)", 94, 2},
			{"l2tp.avp.firmware_revision", "Firmware Revision: 1680 (0x0690)", 96, 2},
			{"", "Host Name AVP", 98, 8},
			{"l2tp.avp.mandatory", "1... .... .... .... = Mandatory: True", 98, 2},
			{"l2tp.avp.hidden", ".0.. .... .... .... = Hidden: False", 98, 2},
			{"l2tp.avp.length", ".... ..00 0000 1000 = Length: 8", 98, 2},
			{"l2tp.avp.vendor_id", "Vendor ID: Reserved (0)", 100, 2},
			{"l2tp.avp.type", "AVP Type: Host Name (7)", 102, 2},
			{"l2tp.avp.host_name", "Host Name: vm", 104, 2},
			{"", "Vendor Name AVP", 106, 19},
			{"l2tp.avp.mandatory", "0... .... .... .... = Mandatory: False", 106, 2},
			{"l2tp.avp.hidden", ".0.. .... .... .... = Hidden: False", 106, 2},
			{"l2tp.avp.length", ".... ..00 0001 0011 = Length: 19", 106, 2},
			{"l2tp.avp.vendor_id", "Vendor ID: Reserved (0)", 108, 2},
			{"l2tp.avp.type", "AVP Type: Vendor Name (8)", 110, 2},
			{"l2tp.avp.vendor_name", "Vendor Name: xelerance.com", 112, 13},
			{"", "Assigned Tunnel ID AVP", 125, 8},
			{"l2tp.avp.mandatory", "1... .... .... .... = Mandatory: True", 125, 2},
			{"l2tp.avp.hidden", ".0.. .... .... .... = Hidden: False", 125, 2},
			{"l2tp.avp.length", ".... ..00 0000 1000 = Length: 8", 125, 2},
			{"l2tp.avp.vendor_id", "Vendor ID: Reserved (0)", 127, 2},
			{"l2tp.avp.type", "AVP Type: Assigned Tunnel ID (9)", 129, 2},
			{"l2tp.avp.assigned_tunnel_id", "Assigned Tunnel ID: 31332", 131, 2},
			{"", "Receive Window Size AVP", 133, 8},
			{"l2tp.avp.mandatory", "1... .... .... .... = Mandatory: True", 133, 2},
			{"l2tp.avp.hidden", ".0.. .... .... .... = Hidden: False", 133, 2},
			{"l2tp.avp.length", ".... ..00 0000 1000 = Length: 8", 133, 2},
			{"l2tp.avp.vendor_id", "Vendor ID: Reserved (0)", 135, 2},
			{"l2tp.avp.type", "AVP Type: Receive Window Size (10)", 137, 2},
			{"l2tp.avp.receive_window_size", "Receive Window Size: 4", 139, 2},
		}},
		{4, []pdmlWant{
			{"l2tp", "Layer 2 Tunneling Protocol", 42, 12},
			{"l2tp.flags", "Flags: 0xc802, Type: Control Message, Length Bit, Sequence Bit", 42, 2},
			{"l2tp.type", "1... .... .... .... = Type: Control Message (1)", 42, 2},
			{"l2tp.length_bit", ".1.. .... .... .... = Length Bit: Length field is present", 42, 2},
			{"l2tp.seq_bit", ".... 1... .... .... = Sequence Bit: Ns and Nr fields are present", 42, 2},
			{"l2tp.offset_bit", ".... ..0. .... .... = Offset bit: Offset size field is not present", 42, 2},
			{"l2tp.priority", ".... ...0 .... .... = Priority: No priority", 42, 2},
			{"l2tp.version", ".... .... .... 0010 = Version: 2", 42, 2},
			{"l2tp.length", "Length: 12", 44, 2},
			{"l2tp.tunnel", "Tunnel ID: 31332", 46, 2},
			{"l2tp.session", "Session ID: 0", 48, 2},
			{"l2tp.Ns", "Ns: 1", 50, 2},
			{"l2tp.Nr", "Nr: 2", 52, 2},
			{"l2tp.zero_length_body_message", "Zero Length Body message", 42, 0},
		}},
		{7, []pdmlWant{
			{"l2tp", "Layer 2 Tunneling Protocol", 42, 50},
			{"l2tp.flags", "Flags: 0xc802, Type: Control Message, Length Bit, Sequence Bit", 42, 2},
			{"l2tp.type", "1... .... .... .... = Type: Control Message (1)", 42, 2},
			{"l2tp.length_bit", ".1.. .... .... .... = Length Bit: Length field is present", 42, 2},
			{"l2tp.seq_bit", ".... 1... .... .... = Sequence Bit: Ns and Nr fields are present", 42, 2},
			{"l2tp.offset_bit", ".... ..0. .... .... = Offset bit: Offset size field is not present", 42, 2},
			{"l2tp.priority", ".... ...0 .... .... = Priority: No priority", 42, 2},
			{"l2tp.version", ".... .... .... 0010 = Version: 2", 42, 2},
			{"l2tp.length", "Length: 50", 44, 2},
			{"l2tp.tunnel", "Tunnel ID: 7677", 46, 2},
			{"l2tp.session", "Session ID: 48736", 48, 2},
			{"l2tp.Ns", "Ns: 3", 50, 2},
			{"l2tp.Nr", "Nr: 2", 52, 2},
			{"", "Control Message AVP", 54, 8},
			{"l2tp.avp.mandatory", "1... .... .... .... = Mandatory: True", 54, 2},
			{"l2tp.avp.hidden", ".0.. .... .... .... = Hidden: False", 54, 2},
			{"l2tp.avp.length", ".... ..00 0000 1000 = Length: 8", 54, 2},
			{"l2tp.avp.vendor_id", "Vendor ID: Reserved (0)", 56, 2},
			{"l2tp.avp.type", "AVP Type: Control Message (0)", 58, 2},
			{"l2tp.avp.message_type", "Message Type: Incoming_Call_Connected (12)", 60, 2},
			{"", "Connect Speed AVP", 62, 10},
			{"l2tp.avp.mandatory", "1... .... .... .... = Mandatory: True", 62, 2},
			{"l2tp.avp.hidden", ".0.. .... .... .... = Hidden: False", 62, 2},
			{"l2tp.avp.length", ".... ..00 0000 1010 = Length: 10", 62, 2},
			{"l2tp.avp.vendor_id", "Vendor ID: Reserved (0)", 64, 2},
			{"l2tp.avp.type", "AVP Type: Connect Speed (24)", 66, 2},
			{"l2tp.avp.connect_speed", "Connect Speed: 0", 68, 4},
			{"", "Framing Type AVP", 72, 10},
			{"l2tp.avp.mandatory", "1... .... .... .... = Mandatory: True", 72, 2},
			{"l2tp.avp.hidden", ".0.. .... .... .... = Hidden: False", 72, 2},
			{"l2tp.avp.length", ".... ..00 0000 1010 = Length: 10", 72, 2},
			{"l2tp.avp.vendor_id", "Vendor ID: Reserved (0)", 74, 2},
			{"l2tp.avp.type", "AVP Type: Framing Type (19)", 76, 2},
			{"l2tp.avp.async_framing_type", ".... .... .... .... .... .... .... ..0. = Async Framing Type: False", 78, 4},
			{"l2tp.avp.sync_framing_type", ".... .... .... .... .... .... .... ...1 = Sync Framing Type: True", 78, 4},
			{"", "RxConnect Speed AVP", 82, 10},
			{"l2tp.avp.mandatory", "0... .... .... .... = Mandatory: False", 82, 2},
			{"l2tp.avp.hidden", ".0.. .... .... .... = Hidden: False", 82, 2},
			{"l2tp.avp.length", ".... ..00 0000 1010 = Length: 10", 82, 2},
			{"l2tp.avp.vendor_id", "Vendor ID: Reserved (0)", 84, 2},
			{"l2tp.avp.type", "AVP Type: RxConnect Speed (38)", 86, 2},
			{"l2tp.avp.rx_connect_speed", "Rx Connect Speed: 0", 88, 4},
		}},
		{9, []pdmlWant{
			{"l2tp", "Layer 2 Tunneling Protocol", 42, 8},
			{"l2tp.flags", "Flags: 0x4002, Type: Data Message, Length Bit", 42, 2},
			{"l2tp.type", "0... .... .... .... = Type: Data Message (0)", 42, 2},
			{"l2tp.length_bit", ".1.. .... .... .... = Length Bit: Length field is present", 42, 2},
			{"l2tp.seq_bit", ".... 0... .... .... = Sequence Bit: Ns and Nr fields are not present", 42, 2},
			{"l2tp.offset_bit", ".... ..0. .... .... = Offset bit: Offset size field is not present", 42, 2},
			{"l2tp.priority", ".... ...0 .... .... = Priority: No priority", 42, 2},
			{"l2tp.version", ".... .... .... 0010 = Version: 2", 42, 2},
			{"l2tp.length", "Length: 22", 44, 2},
			{"l2tp.tunnel", "Tunnel ID: 31332", 46, 2},
			{"l2tp.session", "Session ID: 57814", 48, 2},
			{"ppp", "Point-to-Point Protocol", 50, 4},
			{"ppp.address", "Address: 0xff", 50, 1},
			{"ppp.control", "Control: 0x03", 51, 1},
			{"ppp.protocol", "Protocol: Link Control Protocol (0xc021)", 52, 2},
			{"lcp", "PPP Link Control Protocol", 54, 10},
			{"ppp.code", "Code: Configuration Request (1)", 54, 1},
			{"ppp.identifier", "Identifier: 1 (0x01)", 55, 1},
			{"ppp.length", "Length: 10", 56, 2},
			{"", "Options: (6 bytes), Magic Number", 58, 6},
			{"lcp.opt.magic_number_bytes", "Magic Number: 0x4c4e5300", 58, 6},
			{"lcp.opt.type", "Type: Magic Number (5)", 58, 1},
			{"lcp.opt.length", "Length: 6", 59, 1},
			{"lcp.opt.magic_number", "Magic Number: 0x4c4e5300", 60, 4},
		}},
		{18, []pdmlWant{
			{"l2tp", "Layer 2 Tunneling Protocol", 42, 8},
			{"l2tp.flags", "Flags: 0x4002, Type: Data Message, Length Bit", 42, 2},
			{"l2tp.type", "0... .... .... .... = Type: Data Message (0)", 42, 2},
			{"l2tp.length_bit", ".1.. .... .... .... = Length Bit: Length field is present", 42, 2},
			{"l2tp.seq_bit", ".... 0... .... .... = Sequence Bit: Ns and Nr fields are not present", 42, 2},
			{"l2tp.offset_bit", ".... ..0. .... .... = Offset bit: Offset size field is not present", 42, 2},
			{"l2tp.priority", ".... ...0 .... .... = Priority: No priority", 42, 2},
			{"l2tp.version", ".... .... .... 0010 = Version: 2", 42, 2},
			{"l2tp.length", "Length: 56", 44, 2},
			{"l2tp.tunnel", "Tunnel ID: 7677", 46, 2},
			{"l2tp.session", "Session ID: 48736", 48, 2},
			{"ppp", "Point-to-Point Protocol", 50, 4},
			{"ppp.address", "Address: 0xff", 50, 1},
			{"ppp.control", "Control: 0x03", 51, 1},
			{"ppp.protocol", "Protocol: Internet Protocol version 4 (0x0021)", 52, 2},
		}},
		{36, []pdmlWant{
			{"l2tp", "Layer 2 Tunneling Protocol", 42, 38},
			{"l2tp.flags", "Flags: 0xc802, Type: Control Message, Length Bit, Sequence Bit", 42, 2},
			{"l2tp.type", "1... .... .... .... = Type: Control Message (1)", 42, 2},
			{"l2tp.length_bit", ".1.. .... .... .... = Length Bit: Length field is present", 42, 2},
			{"l2tp.seq_bit", ".... 1... .... .... = Sequence Bit: Ns and Nr fields are present", 42, 2},
			{"l2tp.offset_bit", ".... ..0. .... .... = Offset bit: Offset size field is not present", 42, 2},
			{"l2tp.priority", ".... ...0 .... .... = Priority: No priority", 42, 2},
			{"l2tp.version", ".... .... .... 0010 = Version: 2", 42, 2},
			{"l2tp.length", "Length: 38", 44, 2},
			{"l2tp.tunnel", "Tunnel ID: 31332", 46, 2},
			{"l2tp.session", "Session ID: 57814", 48, 2},
			{"l2tp.Ns", "Ns: 2", 50, 2},
			{"l2tp.Nr", "Nr: 4", 52, 2},
			{"", "Control Message AVP", 54, 8},
			{"l2tp.avp.mandatory", "1... .... .... .... = Mandatory: True", 54, 2},
			{"l2tp.avp.hidden", ".0.. .... .... .... = Hidden: False", 54, 2},
			{"l2tp.avp.length", ".... ..00 0000 1000 = Length: 8", 54, 2},
			{"l2tp.avp.vendor_id", "Vendor ID: Reserved (0)", 56, 2},
			{"l2tp.avp.type", "AVP Type: Control Message (0)", 58, 2},
			{"l2tp.avp.message_type", "Message Type: Call_Disconnect_Notification (14)", 60, 2},
			{"", "Result-Error Code AVP", 62, 10},
			{"l2tp.avp.mandatory", "1... .... .... .... = Mandatory: True", 62, 2},
			{"l2tp.avp.hidden", ".0.. .... .... .... = Hidden: False", 62, 2},
			{"l2tp.avp.length", ".... ..00 0000 1010 = Length: 10", 62, 2},
			{"l2tp.avp.vendor_id", "Vendor ID: Reserved (0)", 64, 2},
			{"l2tp.avp.type", "AVP Type: Result-Error Code (1)", 66, 2},
			{"l2tp.result_code", "Result code: Session disconnected due to loss of carrier or circuit disconnect (1)", 68, 2},
			{"l2tp.avp.error_code", "Error code: No General Error (0)", 70, 2},
			{"", "Assigned Session AVP", 72, 8},
			{"l2tp.avp.mandatory", "1... .... .... .... = Mandatory: True", 72, 2},
			{"l2tp.avp.hidden", ".0.. .... .... .... = Hidden: False", 72, 2},
			{"l2tp.avp.length", ".... ..00 0000 1000 = Length: 8", 72, 2},
			{"l2tp.avp.vendor_id", "Vendor ID: Reserved (0)", 74, 2},
			{"l2tp.avp.type", "AVP Type: Assigned Session (14)", 76, 2},
			{"l2tp.avp.assigned_session_id", "Assigned Session ID: 48736", 78, 2},
		}},
		{38, []pdmlWant{
			{"l2tp", "Layer 2 Tunneling Protocol", 42, 46},
			{"l2tp.flags", "Flags: 0xc802, Type: Control Message, Length Bit, Sequence Bit", 42, 2},
			{"l2tp.type", "1... .... .... .... = Type: Control Message (1)", 42, 2},
			{"l2tp.length_bit", ".1.. .... .... .... = Length Bit: Length field is present", 42, 2},
			{"l2tp.seq_bit", ".... 1... .... .... = Sequence Bit: Ns and Nr fields are present", 42, 2},
			{"l2tp.offset_bit", ".... ..0. .... .... = Offset bit: Offset size field is not present", 42, 2},
			{"l2tp.priority", ".... ...0 .... .... = Priority: No priority", 42, 2},
			{"l2tp.version", ".... .... .... 0010 = Version: 2", 42, 2},
			{"l2tp.length", "Length: 46", 44, 2},
			{"l2tp.tunnel", "Tunnel ID: 7677", 46, 2},
			{"l2tp.session", "Session ID: 0", 48, 2},
			{"l2tp.Ns", "Ns: 4", 50, 2},
			{"l2tp.Nr", "Nr: 3", 52, 2},
			{"", "Control Message AVP", 54, 8},
			{"l2tp.avp.mandatory", "1... .... .... .... = Mandatory: True", 54, 2},
			{"l2tp.avp.hidden", ".0.. .... .... .... = Hidden: False", 54, 2},
			{"l2tp.avp.length", ".... ..00 0000 1000 = Length: 8", 54, 2},
			{"l2tp.avp.vendor_id", "Vendor ID: Reserved (0)", 56, 2},
			{"l2tp.avp.type", "AVP Type: Control Message (0)", 58, 2},
			{"l2tp.avp.message_type", "Message Type: Stop_Control_Notification (4)", 60, 2},
			{"", "Assigned Tunnel ID AVP", 62, 8},
			{"l2tp.avp.mandatory", "1... .... .... .... = Mandatory: True", 62, 2},
			{"l2tp.avp.hidden", ".0.. .... .... .... = Hidden: False", 62, 2},
			{"l2tp.avp.length", ".... ..00 0000 1000 = Length: 8", 62, 2},
			{"l2tp.avp.vendor_id", "Vendor ID: Reserved (0)", 64, 2},
			{"l2tp.avp.type", "AVP Type: Assigned Tunnel ID (9)", 66, 2},
			{"l2tp.avp.assigned_tunnel_id", "Assigned Tunnel ID: 31332", 68, 2},
			{"", "Result-Error Code AVP", 70, 18},
			{"l2tp.avp.mandatory", "1... .... .... .... = Mandatory: True", 70, 2},
			{"l2tp.avp.hidden", ".0.. .... .... .... = Hidden: False", 70, 2},
			{"l2tp.avp.length", ".... ..00 0001 0010 = Length: 18", 70, 2},
			{"l2tp.avp.vendor_id", "Vendor ID: Reserved (0)", 72, 2},
			{"l2tp.avp.type", "AVP Type: Result-Error Code (1)", 74, 2},
			{"l2tp.result_code", "Result code: General request to clear control connection (1)", 76, 2},
			{"l2tp.avp.error_code", "Error code: No General Error (0)", 78, 2},
			{"l2tp.avp.error_message", "Error Message: Goodbye!", 80, 8},
		}},
	}
	for _, c := range cases {
		tree, _, err := x.Details(c.frame, nil)
		if err != nil {
			t.Fatal(err)
		}
		checkPDMLFields(t, c.frame, tree, c.want)
	}
}

// l2tpFrame wraps b in Ethernet, IPv4 and UDP headers, from and to port
// 1701.
func l2tpFrame(b []byte) []byte {
	f := make([]byte, 42, 42+len(b))
	f[12], f[13] = 0x08, 0x00
	ip := f[14:34]
	ip[0] = 0x45
	binary.BigEndian.PutUint16(ip[2:], uint16(min(28+len(b), 0xffff)))
	ip[8], ip[9] = 64, 17
	copy(ip[12:], []byte{10, 0, 0, 1, 10, 0, 0, 2})
	udp := f[34:42]
	binary.BigEndian.PutUint16(udp, portL2TP)
	binary.BigEndian.PutUint16(udp[2:], portL2TP)
	binary.BigEndian.PutUint16(udp[4:], uint16(min(8+len(b), 0xffff)))
	return append(f, b...)
}

// FuzzProtoL2TP feeds arbitrary bytes to the L2TP dissector and to the
// headers parser's data-message path: no panic, every field inside the
// bytes. Seeded with lab__l2tp.pcap's payloads.
func FuzzProtoL2TP(f *testing.F) {
	for _, b := range udpPayloads(f, filepath.Join("..", "testdata", "app", l2tpLab)) {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, tree := range []bool{false, true} {
			var out Out
			out.reset(tree)
			dissectL2TP(&PDU{Data: b, Len: len(b), SrcPort: 1701, DstPort: 1701}, &out)
			checkTree(t, out.Tree, len(b))
		}
		if n := l2tpDataLen(b); n > 0 {
			checkTree(t, l2tpHeader(b, n), n)
		}
		// the same bytes as a UDP datagram to port 1701: the headers
		// parser and the details tree follow data messages into PPP
		frame := l2tpFrame(b)
		var h Headers
		h.Parse(LinkEthernet, frame, uint32(len(frame)))
		checkTree(t, dissect(LinkEthernet, frame, uint32(len(frame)), tcpContext{stream: -1}), len(frame))
	})
}
