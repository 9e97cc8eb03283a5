package decode

import (
	"encoding/hex"
	"testing"
)

// mqttLab is the lab capture of paho.mqtt.golang clients and a mochi-mqtt
// broker (testdata/app/lab__mqtt/main.go).
const mqttLab = "lab__mqtt.pcap"

// TestMQTTInfo checks the Info of segments carrying one or more control
// packets, each expected value tshark 4.0.17's on lab__mqtt.pcap (the
// frame is named) or, for the cut-short packets, on the same bytes
// written with text2pcap to TCP 1883.
func TestMQTTInfo(t *testing.T) {
	cases := []struct {
		name    string
		version byte // the conversation's CONNECT, 0 for none seen
		hex     string
		info    string
	}{
		{"connect with will and credentials (4)", 0, "103b00044d51545404ec0002000a6c61646465722d737562000a6c61622f737461747573000873756220676f6e650005616c6963650006736563726574", "Connect Command"},
		{"connect ack (6)", 4, "20020000", "Connect Ack"},
		{"subscribe to two filters (8)", 4, "821a0001000a6c61622f2b2f74656d700100086c61622f626c6f6202", "Subscribe Request (id=1) [lab/+/temp] [lab/blob]"},
		{"three publishes in one segment (25)", 4, "3014000e6c61622f726f6f6d312f74656d7032312e353216000e6c61622f726f6f6d322f74656d70000131392e303012000a6c61622f7374617475736f6e6c696e65",
			"Publish Message [lab/room1/temp], Publish Message (id=1) [lab/room2/temp], Publish Message [lab/status]"},
		{"MQTT 3.1 connect (51)", 0, "101800064d51497364700302001e000a6c61646465722d763331", "Connect Command"},
		{"unsubscribe names no topic (68)", 4, "a2180003000a6c61622f2b2f74656d7000086c61622f626c6f62", "Unsubscribe Request (id=3)"},
		{"connect, subscribe and publish in one segment (77)", 0, "101200044d5154540402003c0006726177636c69820a000700057261772f2301320e00057261772f61000868656c6c6f",
			"Connect Command, Subscribe Request (id=7) [raw/#], Publish Message (id=8) [raw/a]"},
		{"ping request", 4, "c000", "Ping Request"},
		{"publish with an empty topic", 4, "30050000686579", "Publish Message []"},
		{"topic past the packet", 4, "3004000a6c61", "Publish Message[Malformed Packet]"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b, err := hex.DecodeString(c.hex)
			if err != nil {
				t.Fatal(err)
			}
			for _, tree := range []bool{false, true} {
				conv := &Conv{State: &mqttState{version: c.version}}
				var out Out
				out.reset(tree)
				for rest := b; len(rest) > 0; {
					n := mqttPDULen(conv, 0, rest)
					if n <= 0 || n > len(rest) {
						t.Fatalf("PDULen(%x) = %d", rest, n)
					}
					k := len(out.Tree)
					mqttDissect(&PDU{Data: rest[:n], Len: n, SrcPort: 40000, DstPort: mqttPort, TCP: true, Conv: conv}, &out)
					checkTree(t, out.Tree[k:], n)
					rest = rest[n:]
				}
				if out.Proto != "MQTT" || out.Info() != c.info {
					t.Errorf("tree %v: got %q %q, want MQTT %q", tree, out.Proto, out.Info(), c.info)
				}
			}
		})
	}
}

// TestMQTTPDULen checks the framing by the Remaining Length (MQTT 3.1.1
// §2.2.3: seven bits a byte, low first).
func TestMQTTPDULen(t *testing.T) {
	cases := []struct {
		name string
		hex  string
		n    int
	}{
		{"ping", "c000", 2},
		{"one byte only", "30", 0},
		{"two-byte length", "349427", 3 + 5012}, // lab__mqtt.pcap frame 33: Msg Len 5012
		{"length continues past the bytes", "3094", 0},
		{"four-byte length", "30ffffff7f", 1 + 4 + 268435455},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b, _ := hex.DecodeString(c.hex)
			if n := mqttPDULen(nil, 0, b); n != c.n {
				t.Errorf("PDULen = %d, want %d", n, c.n)
			}
		})
	}
}

// TestMQTTDetailsPDML compares lab__mqtt.pcap's MQTT layers with tshark
// 4.0.17's PDML (tshark -r F -T pdml): field names, labels (showname) and
// byte offsets (pos, size), for every packet type the capture holds, an
// MQTT 3.1 conversation (CONNACK without flags) and a segment of three
// packets.
func TestMQTTDetailsPDML(t *testing.T) {
	x := loadAppCapture(t, mqttLab)
	cases := []struct {
		frame int
		want  []pdmlWant
	}{
		{3, []pdmlWant{
			{"mqtt", "MQ Telemetry Transport Protocol, Connect Command", 66, 61},
			{"mqtt.hdrflags", "Header Flags: 0x10, Message Type: Connect Command", 66, 1},
			{"mqtt.msgtype", "0001 .... = Message Type: Connect Command (1)", 66, 1},
			{"mqtt.hdr_reserved", ".... 0000 = Reserved: 0", 66, 1},
			{"mqtt.len", "Msg Len: 59", 67, 1},
			{"mqtt.proto_len", "Protocol Name Length: 4", 68, 2},
			{"mqtt.protoname", "Protocol Name: MQTT", 70, 4},
			{"mqtt.ver", "Version: MQTT v3.1.1 (4)", 74, 1},
			{"mqtt.conflags", "Connect Flags: 0xec, User Name Flag, Password Flag, Will Retain, QoS Level: At least once delivery (Acknowledged deliver), Will Flag", 75, 1},
			{"mqtt.conflag.uname", "1... .... = User Name Flag: Set", 75, 1},
			{"mqtt.conflag.passwd", ".1.. .... = Password Flag: Set", 75, 1},
			{"mqtt.conflag.retain", "..1. .... = Will Retain: Set", 75, 1},
			{"mqtt.conflag.qos", "...0 1... = QoS Level: At least once delivery (Acknowledged deliver) (1)", 75, 1},
			{"mqtt.conflag.willflag", ".... .1.. = Will Flag: Set", 75, 1},
			{"mqtt.conflag.cleansess", ".... ..0. = Clean Session Flag: Not set", 75, 1},
			{"mqtt.conflag.reserved", ".... ...0 = (Reserved): Not set", 75, 1},
			{"mqtt.kalive", "Keep Alive: 2", 76, 2},
			{"mqtt.clientid_len", "Client ID Length: 10", 78, 2},
			{"mqtt.clientid", "Client ID: ladder-sub", 80, 10},
			{"mqtt.willtopic_len", "Will Topic Length: 10", 90, 2},
			{"mqtt.willtopic", "Will Topic: lab/status", 92, 10},
			{"mqtt.willmsg_len", "Will Message Length: 8", 102, 2},
			{"mqtt.willmsg", "Will Message: 73756220676f6e65", 104, 8},
			{"mqtt.username_len", "User Name Length: 5", 112, 2},
			{"mqtt.username", "User Name: alice", 114, 5},
			{"mqtt.passwd_len", "Password Length: 6", 119, 2},
			{"mqtt.passwd", "Password: secret", 121, 6},
		}},
		{5, []pdmlWant{
			{"mqtt", "MQ Telemetry Transport Protocol, Connect Ack", 66, 4},
			{"mqtt.hdrflags", "Header Flags: 0x20, Message Type: Connect Ack", 66, 1},
			{"mqtt.msgtype", "0010 .... = Message Type: Connect Ack (2)", 66, 1},
			{"mqtt.hdr_reserved", ".... 0000 = Reserved: 0", 66, 1},
			{"mqtt.len", "Msg Len: 2", 67, 1},
			{"mqtt.conack.flags", "Acknowledge Flags: 0x00", 68, 1},
			{"mqtt.conack.flags.reserved", "0000 000. = Reserved: Not set", 68, 1},
			{"mqtt.conack.flags.sp", ".... ...0 = Session Present: Not set", 68, 1},
			{"mqtt.conack.val", "Return Code: Connection Accepted (0)", 69, 1},
		}},
		{7, []pdmlWant{
			{"mqtt", "MQ Telemetry Transport Protocol, Subscribe Request", 66, 28},
			{"mqtt.hdrflags", "Header Flags: 0x82, Message Type: Subscribe Request", 66, 1},
			{"mqtt.msgtype", "1000 .... = Message Type: Subscribe Request (8)", 66, 1},
			{"mqtt.hdr_reserved", ".... 0010 = Reserved: 2", 66, 1},
			{"mqtt.len", "Msg Len: 26", 67, 1},
			{"mqtt.msgid", "Message Identifier: 1", 68, 2},
			{"mqtt.topic_len", "Topic Length: 10", 70, 2},
			{"mqtt.topic", "Topic: lab/+/temp", 72, 10},
			{"mqtt.sub.qos", "Requested QoS: At least once delivery (Acknowledged deliver) (1)", 82, 1},
			{"mqtt.topic_len", "Topic Length: 8", 83, 2},
			{"mqtt.topic", "Topic: lab/blob", 85, 8},
			{"mqtt.sub.qos", "Requested QoS: Exactly once delivery (Assured Delivery) (2)", 93, 1},
		}},
		{8, []pdmlWant{
			{"mqtt", "MQ Telemetry Transport Protocol, Subscribe Ack", 66, 6},
			{"mqtt.hdrflags", "Header Flags: 0x90, Message Type: Subscribe Ack", 66, 1},
			{"mqtt.msgtype", "1001 .... = Message Type: Subscribe Ack (9)", 66, 1},
			{"mqtt.hdr_reserved", ".... 0000 = Reserved: 0", 66, 1},
			{"mqtt.len", "Msg Len: 4", 67, 1},
			{"mqtt.msgid", "Message Identifier: 1", 68, 2},
			{"mqtt.suback.qos", "Granted QoS: At least once delivery (Acknowledged deliver) (1)", 70, 1},
			{"mqtt.suback.qos", "Granted QoS: Exactly once delivery (Assured Delivery) (2)", 71, 1},
		}},
		{18, []pdmlWant{
			{"mqtt", "MQ Telemetry Transport Protocol, Publish Message", 66, 22},
			{"mqtt.hdrflags", "Header Flags: 0x30, Message Type: Publish Message, QoS Level: At most once delivery (Fire and Forget)", 66, 1},
			{"mqtt.msgtype", "0011 .... = Message Type: Publish Message (3)", 66, 1},
			{"mqtt.dupflag", ".... 0... = DUP Flag: Not set", 66, 1},
			{"mqtt.qos", ".... .00. = QoS Level: At most once delivery (Fire and Forget) (0)", 66, 1},
			{"mqtt.retain", ".... ...0 = Retain: Not set", 66, 1},
			{"mqtt.len", "Msg Len: 20", 67, 1},
			{"mqtt.topic_len", "Topic Length: 14", 68, 2},
			{"mqtt.topic", "Topic: lab/room1/temp", 70, 14},
			{"mqtt.msg", "Message: 32312e35", 84, 4},
		}},
		{19, []pdmlWant{
			{"mqtt", "MQ Telemetry Transport Protocol, Publish Message", 66, 24},
			{"mqtt.hdrflags", "Header Flags: 0x32, Message Type: Publish Message, QoS Level: At least once delivery (Acknowledged deliver)", 66, 1},
			{"mqtt.msgtype", "0011 .... = Message Type: Publish Message (3)", 66, 1},
			{"mqtt.dupflag", ".... 0... = DUP Flag: Not set", 66, 1},
			{"mqtt.qos", ".... .01. = QoS Level: At least once delivery (Acknowledged deliver) (1)", 66, 1},
			{"mqtt.retain", ".... ...0 = Retain: Not set", 66, 1},
			{"mqtt.len", "Msg Len: 22", 67, 1},
			{"mqtt.topic_len", "Topic Length: 14", 68, 2},
			{"mqtt.topic", "Topic: lab/room2/temp", 70, 14},
			{"mqtt.msgid", "Message Identifier: 1", 84, 2},
			{"mqtt.msg", "Message: 31392e30", 86, 4},
		}},
		{22, []pdmlWant{
			{"mqtt", "MQ Telemetry Transport Protocol, Publish Message", 66, 22},
			{"mqtt.hdrflags", "Header Flags: 0x35, Message Type: Publish Message, QoS Level: Exactly once delivery (Assured Delivery), Retain", 66, 1},
			{"mqtt.msgtype", "0011 .... = Message Type: Publish Message (3)", 66, 1},
			{"mqtt.dupflag", ".... 0... = DUP Flag: Not set", 66, 1},
			{"mqtt.qos", ".... .10. = QoS Level: Exactly once delivery (Assured Delivery) (2)", 66, 1},
			{"mqtt.retain", ".... ...1 = Retain: Set", 66, 1},
			{"mqtt.len", "Msg Len: 20", 67, 1},
			{"mqtt.topic_len", "Topic Length: 10", 68, 2},
			{"mqtt.topic", "Topic: lab/status", 70, 10},
			{"mqtt.msgid", "Message Identifier: 2", 80, 2},
			{"mqtt.msg", "Message: 6f6e6c696e65", 82, 6},
		}},
		{24, []pdmlWant{
			{"mqtt", "MQ Telemetry Transport Protocol, Publish Message", 66, 22},
			{"mqtt.hdrflags", "Header Flags: 0x30, Message Type: Publish Message, QoS Level: At most once delivery (Fire and Forget)", 66, 1},
			{"mqtt.msgtype", "0011 .... = Message Type: Publish Message (3)", 66, 1},
			{"mqtt.dupflag", ".... 0... = DUP Flag: Not set", 66, 1},
			{"mqtt.qos", ".... .00. = QoS Level: At most once delivery (Fire and Forget) (0)", 66, 1},
			{"mqtt.retain", ".... ...0 = Retain: Not set", 66, 1},
			{"mqtt.len", "Msg Len: 20", 67, 1},
			{"mqtt.topic_len", "Topic Length: 14", 68, 2},
			{"mqtt.topic", "Topic: lab/room1/temp", 70, 14},
			{"mqtt.msg", "Message: 32312e35", 84, 4},
			{"mqtt", "MQ Telemetry Transport Protocol, Publish Message", 88, 24},
			{"mqtt.hdrflags", "Header Flags: 0x32, Message Type: Publish Message, QoS Level: At least once delivery (Acknowledged deliver)", 88, 1},
			{"mqtt.msgtype", "0011 .... = Message Type: Publish Message (3)", 88, 1},
			{"mqtt.dupflag", ".... 0... = DUP Flag: Not set", 88, 1},
			{"mqtt.qos", ".... .01. = QoS Level: At least once delivery (Acknowledged deliver) (1)", 88, 1},
			{"mqtt.retain", ".... ...0 = Retain: Not set", 88, 1},
			{"mqtt.len", "Msg Len: 22", 89, 1},
			{"mqtt.topic_len", "Topic Length: 14", 90, 2},
			{"mqtt.topic", "Topic: lab/room2/temp", 92, 14},
			{"mqtt.msgid", "Message Identifier: 1", 106, 2},
			{"mqtt.msg", "Message: 31392e30", 108, 4},
			{"mqtt", "MQ Telemetry Transport Protocol, Publish Message", 112, 20},
			{"mqtt.hdrflags", "Header Flags: 0x30, Message Type: Publish Message, QoS Level: At most once delivery (Fire and Forget)", 112, 1},
			{"mqtt.msgtype", "0011 .... = Message Type: Publish Message (3)", 112, 1},
			{"mqtt.dupflag", ".... 0... = DUP Flag: Not set", 112, 1},
			{"mqtt.qos", ".... .00. = QoS Level: At most once delivery (Fire and Forget) (0)", 112, 1},
			{"mqtt.retain", ".... ...0 = Retain: Not set", 112, 1},
			{"mqtt.len", "Msg Len: 18", 113, 1},
			{"mqtt.topic_len", "Topic Length: 10", 114, 2},
			{"mqtt.topic", "Topic: lab/status", 116, 10},
			{"mqtt.msg", "Message: 6f6e6c696e65", 126, 6},
		}},
		{25, []pdmlWant{
			{"mqtt", "MQ Telemetry Transport Protocol, Publish Release", 66, 4},
			{"mqtt.hdrflags", "Header Flags: 0x62, Message Type: Publish Release", 66, 1},
			{"mqtt.msgtype", "0110 .... = Message Type: Publish Release (6)", 66, 1},
			{"mqtt.hdr_reserved", ".... 0010 = Reserved: 2", 66, 1},
			{"mqtt.len", "Msg Len: 2", 67, 1},
			{"mqtt.msgid", "Message Identifier: 2", 68, 2},
		}},
		{50, []pdmlWant{
			{"mqtt", "MQ Telemetry Transport Protocol, Connect Command", 66, 26},
			{"mqtt.hdrflags", "Header Flags: 0x10, Message Type: Connect Command", 66, 1},
			{"mqtt.msgtype", "0001 .... = Message Type: Connect Command (1)", 66, 1},
			{"mqtt.hdr_reserved", ".... 0000 = Reserved: 0", 66, 1},
			{"mqtt.len", "Msg Len: 24", 67, 1},
			{"mqtt.proto_len", "Protocol Name Length: 6", 68, 2},
			{"mqtt.protoname", "Protocol Name: MQIsdp", 70, 6},
			{"mqtt.ver", "Version: MQTT v3.1 (3)", 76, 1},
			{"mqtt.conflags", "Connect Flags: 0x02, QoS Level: At most once delivery (Fire and Forget), Clean Session Flag", 77, 1},
			{"mqtt.conflag.uname", "0... .... = User Name Flag: Not set", 77, 1},
			{"mqtt.conflag.passwd", ".0.. .... = Password Flag: Not set", 77, 1},
			{"mqtt.conflag.retain", "..0. .... = Will Retain: Not set", 77, 1},
			{"mqtt.conflag.qos", "...0 0... = QoS Level: At most once delivery (Fire and Forget) (0)", 77, 1},
			{"mqtt.conflag.willflag", ".... .0.. = Will Flag: Not set", 77, 1},
			{"mqtt.conflag.cleansess", ".... ..1. = Clean Session Flag: Set", 77, 1},
			{"mqtt.conflag.reserved", ".... ...0 = (Reserved): Not set", 77, 1},
			{"mqtt.kalive", "Keep Alive: 30", 78, 2},
			{"mqtt.clientid_len", "Client ID Length: 10", 80, 2},
			{"mqtt.clientid", "Client ID: ladder-v31", 82, 10},
		}},
		{52, []pdmlWant{
			{"mqtt", "MQ Telemetry Transport Protocol, Connect Ack", 66, 4},
			{"mqtt.hdrflags", "Header Flags: 0x20, Message Type: Connect Ack", 66, 1},
			{"mqtt.msgtype", "0010 .... = Message Type: Connect Ack (2)", 66, 1},
			{"mqtt.hdr_reserved", ".... 0000 = Reserved: 0", 66, 1},
			{"mqtt.len", "Msg Len: 2", 67, 1},
			{"mqtt.conack.flags.reserved", "Reserved: Not set", 68, 1},
			{"mqtt.conack.val", "Return Code: Connection Accepted (0)", 69, 1},
		}},
		{55, []pdmlWant{
			{"mqtt", "MQ Telemetry Transport Protocol, Publish Ack", 66, 4},
			{"mqtt.hdrflags", "Header Flags: 0x40, Message Type: Publish Ack", 66, 1},
			{"mqtt.msgtype", "0100 .... = Message Type: Publish Ack (4)", 66, 1},
			{"mqtt.hdr_reserved", ".... 0000 = Reserved: 0", 66, 1},
			{"mqtt.len", "Msg Len: 2", 67, 1},
			{"mqtt.msgid", "Message Identifier: 1", 68, 2},
		}},
		{64, []pdmlWant{
			{"mqtt", "MQ Telemetry Transport Protocol, Ping Request", 66, 2},
			{"mqtt.hdrflags", "Header Flags: 0xc0, Message Type: Ping Request", 66, 1},
			{"mqtt.msgtype", "1100 .... = Message Type: Ping Request (12)", 66, 1},
			{"mqtt.hdr_reserved", ".... 0000 = Reserved: 0", 66, 1},
			{"mqtt.len", "Msg Len: 0", 67, 1},
		}},
		{67, []pdmlWant{
			{"mqtt", "MQ Telemetry Transport Protocol, Unsubscribe Request", 66, 26},
			{"mqtt.hdrflags", "Header Flags: 0xa2, Message Type: Unsubscribe Request", 66, 1},
			{"mqtt.msgtype", "1010 .... = Message Type: Unsubscribe Request (10)", 66, 1},
			{"mqtt.hdr_reserved", ".... 0010 = Reserved: 2", 66, 1},
			{"mqtt.len", "Msg Len: 24", 67, 1},
			{"mqtt.msgid", "Message Identifier: 3", 68, 2},
			{"mqtt.topic_len", "Topic Length: 10", 70, 2},
			{"mqtt.topic", "Topic: lab/+/temp", 72, 10},
			{"mqtt.topic_len", "Topic Length: 8", 82, 2},
			{"mqtt.topic", "Topic: lab/blob", 84, 8},
		}},
		{68, []pdmlWant{
			{"mqtt", "MQ Telemetry Transport Protocol, Unsubscribe Ack", 66, 4},
			{"mqtt.hdrflags", "Header Flags: 0xb0, Message Type: Unsubscribe Ack", 66, 1},
			{"mqtt.msgtype", "1011 .... = Message Type: Unsubscribe Ack (11)", 66, 1},
			{"mqtt.hdr_reserved", ".... 0000 = Reserved: 0", 66, 1},
			{"mqtt.len", "Msg Len: 2", 67, 1},
			{"mqtt.msgid", "Message Identifier: 3", 68, 2},
		}},
		{69, []pdmlWant{
			{"mqtt", "MQ Telemetry Transport Protocol, Disconnect Req", 66, 2},
			{"mqtt.hdrflags", "Header Flags: 0xe0, Message Type: Disconnect Req", 66, 1},
			{"mqtt.msgtype", "1110 .... = Message Type: Disconnect Req (14)", 66, 1},
			{"mqtt.hdr_reserved", ".... 0000 = Reserved: 0", 66, 1},
			{"mqtt.len", "Msg Len: 0", 67, 1},
		}},
		{76, []pdmlWant{
			{"mqtt", "MQ Telemetry Transport Protocol, Connect Command", 66, 20},
			{"mqtt.hdrflags", "Header Flags: 0x10, Message Type: Connect Command", 66, 1},
			{"mqtt.msgtype", "0001 .... = Message Type: Connect Command (1)", 66, 1},
			{"mqtt.hdr_reserved", ".... 0000 = Reserved: 0", 66, 1},
			{"mqtt.len", "Msg Len: 18", 67, 1},
			{"mqtt.proto_len", "Protocol Name Length: 4", 68, 2},
			{"mqtt.protoname", "Protocol Name: MQTT", 70, 4},
			{"mqtt.ver", "Version: MQTT v3.1.1 (4)", 74, 1},
			{"mqtt.conflags", "Connect Flags: 0x02, QoS Level: At most once delivery (Fire and Forget), Clean Session Flag", 75, 1},
			{"mqtt.conflag.uname", "0... .... = User Name Flag: Not set", 75, 1},
			{"mqtt.conflag.passwd", ".0.. .... = Password Flag: Not set", 75, 1},
			{"mqtt.conflag.retain", "..0. .... = Will Retain: Not set", 75, 1},
			{"mqtt.conflag.qos", "...0 0... = QoS Level: At most once delivery (Fire and Forget) (0)", 75, 1},
			{"mqtt.conflag.willflag", ".... .0.. = Will Flag: Not set", 75, 1},
			{"mqtt.conflag.cleansess", ".... ..1. = Clean Session Flag: Set", 75, 1},
			{"mqtt.conflag.reserved", ".... ...0 = (Reserved): Not set", 75, 1},
			{"mqtt.kalive", "Keep Alive: 60", 76, 2},
			{"mqtt.clientid_len", "Client ID Length: 6", 78, 2},
			{"mqtt.clientid", "Client ID: rawcli", 80, 6},
			{"mqtt", "MQ Telemetry Transport Protocol, Subscribe Request", 86, 12},
			{"mqtt.hdrflags", "Header Flags: 0x82, Message Type: Subscribe Request", 86, 1},
			{"mqtt.msgtype", "1000 .... = Message Type: Subscribe Request (8)", 86, 1},
			{"mqtt.hdr_reserved", ".... 0010 = Reserved: 2", 86, 1},
			{"mqtt.len", "Msg Len: 10", 87, 1},
			{"mqtt.msgid", "Message Identifier: 7", 88, 2},
			{"mqtt.topic_len", "Topic Length: 5", 90, 2},
			{"mqtt.topic", "Topic: raw/#", 92, 5},
			{"mqtt.sub.qos", "Requested QoS: At least once delivery (Acknowledged deliver) (1)", 97, 1},
			{"mqtt", "MQ Telemetry Transport Protocol, Publish Message", 98, 16},
			{"mqtt.hdrflags", "Header Flags: 0x32, Message Type: Publish Message, QoS Level: At least once delivery (Acknowledged deliver)", 98, 1},
			{"mqtt.msgtype", "0011 .... = Message Type: Publish Message (3)", 98, 1},
			{"mqtt.dupflag", ".... 0... = DUP Flag: Not set", 98, 1},
			{"mqtt.qos", ".... .01. = QoS Level: At least once delivery (Acknowledged deliver) (1)", 98, 1},
			{"mqtt.retain", ".... ...0 = Retain: Not set", 98, 1},
			{"mqtt.len", "Msg Len: 14", 99, 1},
			{"mqtt.topic_len", "Topic Length: 5", 100, 2},
			{"mqtt.topic", "Topic: raw/a", 102, 5},
			{"mqtt.msgid", "Message Identifier: 8", 107, 2},
			{"mqtt.msg", "Message: 68656c6c6f", 109, 5},
		}},
	}
	w := NewAppWalker(x)
	for _, c := range cases {
		res := w.At(c.frame, true)
		checkPDMLFields(t, c.frame, res.Tree, c.want)
	}
}

// FuzzProtoMQTT feeds arbitrary bytes through the framing and the
// dissector under each protocol level: no panic, every field inside the
// packet. Seeded with lab__mqtt.pcap's packets.
func FuzzProtoMQTT(f *testing.F) {
	for _, s := range []string{"103b00044d51545404ec0002000a6c61646465722d737562000a6c61622f737461747573000873756220676f6e650005616c6963650006736563726574",
		"20020000", "821a0001000a6c61622f2b2f74656d700100086c61622f626c6f6202", "3014000e6c61622f726f6f6d312f74656d7032312e35",
		"101800064d51497364700302001e000a6c61646465722d763331", "a2180003000a6c61622f2b2f74656d7000086c61622f626c6f62", "9004000101 02", "c000", "e000"} {
		b, _ := hex.DecodeString(stripSpaces(s))
		f.Add(b, byte(4))
	}
	f.Fuzz(func(t *testing.T, b []byte, version byte) {
		conv := &Conv{State: &mqttState{version: version % 6}}
		rest := b
		for i := 0; i < 8 && len(rest) > 0; i++ {
			n := mqttPDULen(conv, 0, rest)
			if n <= 0 || n > len(rest) {
				n = len(rest)
			}
			for _, tree := range []bool{false, true} {
				var out Out
				out.reset(tree)
				mqttDissect(&PDU{Data: rest[:n], Len: n, SrcPort: 40000, DstPort: mqttPort, TCP: true, Conv: conv}, &out)
				checkTree(t, out.Tree, n)
			}
			rest = rest[n:]
		}
	})
}
