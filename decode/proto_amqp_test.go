package decode

import (
	"encoding/hex"
	"testing"
)

// amqpLab is the lab capture of python3-pika against RabbitMQ 3.10
// (testdata/app/lab__amqp.sh); amqpCrafted holds the frames they did not
// send (testdata/app/lab__amqp-crafted.py).
const (
	amqpLab     = "lab__amqp.pcap"
	amqpCrafted = "lab__amqp-crafted.pcap"
)

// amqpRun frames b as the walker does (one segment: the version test sees
// its first bytes) and dissects every frame, returning the columns.
func amqpRun(t testing.TB, conv *Conv, b []byte, tree bool) *Out {
	var out Out
	out.reset(tree)
	conv.segStart = true
	for rest := b; len(rest) > 0; {
		n := amqpPDULen(conv, 0, rest)
		conv.segStart = false
		if n <= 0 || n > len(rest) {
			n = len(rest)
		}
		k := len(out.Tree)
		amqpDissect(&PDU{Data: rest[:n], Len: n, Off: -1, SrcPort: 40000, DstPort: amqpPort, TCP: true, Conv: conv}, &out)
		if t, ok := t.(*testing.T); ok {
			checkTree(t, out.Tree[k:], n)
		}
		rest = rest[n:]
	}
	return &out
}

// TestAMQPInfo checks the columns of segments holding one or more frames;
// each expected value is tshark 4.0.17's on the named frame of
// lab__amqp.pcap (L) or lab__amqp-crafted.pcap (C).
func TestAMQPInfo(t *testing.T) {
	cases := []struct {
		name    string
		version byte // the conversation's version before the segment (0: unknown)
		hex     string
		proto   string
		info    string
	}{
		{"0-9-1 protocol header (L4)", 0, "414d515000000901", "AMQP", "AMQP (unknown version)"},
		{"Connection.Tune guesses 0-9 (L9)", 0, "0100000000000c000a001e07ff00020000003cce", "AMQP", "Connection.Tune "},
		{"Connection.Open (L11)", amqpV09, "01000000000008000a0028012f0001ce", "AMQP", "Connection.Open vhost=/ "},
		{"Queue.Bind (L20)", amqpV09, "01000100000020003200140000056c61622e710a6c61622e64697265637403726b310000000000ce", "AMQP",
			"Queue.Bind q=lab.q x=lab.direct bk=rk1 "},
		{"Get-Ok, header and text body in one segment (L36)", amqpV09,
			"01000100000020003c00470000000000000001000a6c61622e64697265637403726b3100000001ce02000100000034003c0000000000000000000ab0800a746578742f706c61696e00000013036c61625300000003796573016e490000000701026d31ce0300010000000a68656c6c6f20616d7170ce",
			"AMQP", "Basic.Get-Ok x=lab.direct rk=rk1 Content-Header type=text/plain Content-Body  (text/plain)"},
		{"Get-Empty (L45)", amqpV09, "01000100000005003c004800ce", "AMQP", "Basic.Get-Empty "},
		{"Channel.Close 404 (L97)", amqpV09, "0100010000003c001400280194314e4f545f464f554e44202d206e6f20717565756520276e6f2e737563682e71756575652720696e2076686f737420272f270032000ace",
			"AMQP", "Channel.Close reply=NOT_FOUND - no queue 'no.such.queue' in vhost '/' "},
		{"heartbeat (L118)", amqpV09, "08000000000000ce", "AMQP", "Heartbeat "},
		{"Exchange.Bind (C23)", amqpV09, "0100010000002d0028001e0000056473742e78057372632e78056b65792e23000000001007782d6d617463685300000003616c6cce", "AMQP",
			"Exchange.Bind dx=dst.x sx=src.x bk=key.# "},
		{"Exchange.Unbind-Ok has no name in 4.0 (C26)", amqpV09, "0100010000000400280033ce", "AMQP", "Exchange.Unknown (51) "},
		{"XML body (C33)", amqpV09, "0100010000000e003c0028000000056c61622e7100ce02000100000017003c00000000000000000007800008746578742f786d6cce030001000000073c613e623c2f61ce",
			"AMQP/XML", "Basic.Publish x= rk=lab.q Content-Header type=text/xml Content-Body "},
		{"File class: named, not read (C44)", amqpV09, "010001000000060046000a0000ce", "AMQP", "File.Qos [Malformed Packet]"},
		{"unknown Basic method (C45)", amqpV09, "01000100000006003c00630000ce", "AMQP", "Basic.Unknown (99) "},
		{"unknown frame type (C46)", amqpV09, "090001000000020102ce", "AMQP", ""},
		{"unknown class (C48)", amqpV09, "0100010000000500c8000100ce", "AMQP", ""},
		{"heartbeat without its frame end (C49)", amqpV09, "0800000000000000", "AMQP", "Heartbeat "},
		{"declare cut inside its frame (C50)", amqpV09, "0100010000000a0032000a000003637574ce", "AMQP", "Queue.Declare q=cut [Malformed Packet]"},
		{"two frames guess 0-9 too (C58)", 0, "0100000000000c000a001e0000000200000000ce01000000000005000a002900ce", "AMQP",
			"Connection.Tune Connection.Open-Ok "},
		{"0-9 protocol header and a heartbeat (C65)", amqpV09, "414d51500101000908000000000000ce", "AMQP", "Protocol-Header 1-0-9Heartbeat "},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b, err := hex.DecodeString(c.hex)
			if err != nil {
				t.Fatal(err)
			}
			for _, tree := range []bool{false, true} {
				conv := &Conv{State: &amqpState{version: c.version, lockFrame: -1}}
				out := amqpRun(t, conv, b, tree)
				if out.Proto != c.proto || out.Info() != c.info {
					t.Errorf("tree %v: got %q %q, want %q %q", tree, out.Proto, out.Info(), c.proto, c.info)
				}
			}
		})
	}
}

// TestAMQPPDULen checks the framing (AMQP 0-9-1 §4.2.3: type, channel,
// 32-bit size, payload, frame end) and get_amqp_0_9_message_len's cap.
func TestAMQPPDULen(t *testing.T) {
	cases := []struct {
		name string
		hex  string
		n    int
	}{
		{"protocol header", "414d515001010009", 8},
		{"heartbeat", "08000000000000ce", 8},
		{"six bytes: wait", "080000000000", 0},
		{"Tune", "0100000000000c000a001e07ff00020000003cce", 20},
		{"length capped at 1 MiB", "0300017fffffff00", 1048576 + 8},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b, _ := hex.DecodeString(c.hex)
			conv := &Conv{State: &amqpState{version: amqpV09, lockFrame: -1}}
			if n := amqpPDULen(conv, 0, b); n != c.n {
				t.Errorf("got %d, want %d", n, c.n)
			}
		})
	}
}

// TestAMQPDetailsPDML compares AMQP layers with tshark 4.0.17's PDML of the
// same captures (field names, showname labels, pos and size): a method with
// a nested field table, bits, the content header's properties, a body
// cut by several frames, a Close with its error note, the protocol header.
func TestAMQPDetailsPDML(t *testing.T) {
	x := loadAppCapture(t, amqpLab)
	w := NewAppWalker(x)
	for _, c := range []struct {
		frame int
		want  []pdmlWant
	}{
		{5, []pdmlWant{
			{"amqp", "Advanced Message Queuing Protocol", 66, 501},
			{"amqp.type", "Type: Method (1)", 66, 1},
			{"amqp.channel", "Channel: 0", 67, 2},
			{"amqp.length", "Length: 493", 69, 4},
			{"amqp.method.class", "Class: Connection (10)", 73, 2},
			{"amqp.method.method", "Method: Start (10)", 75, 2},
			{"amqp.method.arguments", "Arguments", 77, 489},
			{"amqp.method.arguments.version_minor", "Version-Minor: 9", 78, 1},
			{"amqp.method.arguments.server_properties", "Server-Properties", 83, 456},
			{"amqp.field", "capabilities (field table)", 96, 204},
			{"amqp.field", "publisher_confirms (boolean): true", 120, 2},
			{"amqp.field", "version (string): 3.10.8", 528, 11},
			{"amqp.method.arguments.mechanisms", "Mechanisms: 504c41494e20414d51504c41494e", 543, 14},
			{"amqp.method.arguments.locales", "Locales: 656e5f5553", 561, 5},
		}},
		{7, []pdmlWant{
			{"amqp.method.arguments.mechanism", "Mechanism: PLAIN", 335, 6},
			{"amqp.method.arguments.response", "Response: 006c6162006c61627077", 341, 14},
			{"amqp.method.arguments.locale", "Locale: en_US", 355, 6},
		}},
		{10, []pdmlWant{
			{"amqp.method.arguments.virtual_host", "Virtual-Host: /", 77, 2},
			{"amqp.method.arguments.capabilities", "Capabilities: ", 80, 0},
			{"amqp.method.arguments.insist", ".... ...1 = Insist: True", 80, 1},
		}},
		{15, []pdmlWant{
			{"amqp.method.arguments.exchange", "Exchange: lab.direct", 80, 10},
			{"amqp.method.arguments.type", "Type: direct", 91, 6},
			{"amqp.method.arguments.internal", ".... 0... = Internal: False", 97, 1},
			{"amqp.method.arguments.nowait", "...0 .... = Nowait: False", 97, 1},
			{"amqp.method.arguments.arguments", "Arguments", 102, 0},
		}},
		{22, []pdmlWant{
			{"amqp.type", "Type: Content header (2)", 66, 1},
			{"amqp.header.class", "Class ID: Basic (60)", 73, 2},
			{"amqp.header.body-size", "Body size: 10", 77, 8},
			{"amqp.header.property-flags", "Property flags: 0xb080", 85, 2},
			{"amqp.header.properties", "Properties", 87, 38},
			{"amqp.method.properties.content_type", "Content-Type: text/plain", 88, 10},
			{"amqp.method.properties.headers", "Headers", 102, 19},
			{"amqp.field", "lab (string): yes", 106, 8},
			{"amqp.field", "n (integer): 7", 116, 5},
			{"amqp.method.properties.delivery_mode", "Delivery-Mode: 1", 121, 1},
			{"amqp.method.properties.message_id", "Message-Id: m1", 123, 2},
		}},
		{23, []pdmlWant{
			{"amqp.type", "Type: Content body (3)", 66, 1},
			{"amqp.payload", "Payload: 68656c6c6f20616d7170", 73, 10},
		}},
		{59, []pdmlWant{
			{"amqp.method.arguments.consumer_tag", "Consumer-Tag: lab-consumer", 167, 12},
			{"amqp.method.arguments.delivery_tag", "Delivery-Tag: 4", 179, 8},
			{"amqp.method.arguments.redelivered", ".... ...0 = Redelivered: False", 187, 1},
		}},
		{96, []pdmlWant{
			{"amqp.method.arguments.reply_code", "Reply-Code: 404", 77, 2},
			{"amqp.method.arguments.reply_text", "Reply-Text: NOT_FOUND - no queue 'no.such.queue' in vhost '/'", 80, 49},
			{"amqp.method.arguments.class_id", "Class-Id: 50", 129, 2},
			{"amqp.method.arguments.method_id", "Method-Id: 10", 131, 2},
		}},
	} {
		checkPDMLFields(t, c.frame, w.At(c.frame, true).Tree, c.want)
	}
	w = NewAppWalker(loadAppCapture(t, amqpCrafted))
	for _, c := range []struct {
		frame int
		want  []pdmlWant
	}{
		{20, []pdmlWant{
			{"amqp.method.arguments.realm", "Realm: /data", 66, 5},
			{"amqp.method.arguments.passive", ".... ..0. = Passive: False", 71, 1},
			{"amqp.method.arguments.read", "...1 .... = Read: True", 71, 1},
		}},
		{30, []pdmlWant{
			{"amqp.method.arguments.reply_code", "Reply-Code: 312", 65, 2},
			{"amqp.method.arguments.reply_text", "Reply-Text: NO_ROUTE", 68, 8},
		}},
		{62, []pdmlWant{
			{"amqp.init.protocol", "Protocol: AMQP", 54, 4},
			{"amqp.init.id_major", "Protocol ID Major: 1", 58, 1},
			{"amqp.init.version_minor", "Version Minor: 9", 61, 1},
		}},
	} {
		checkPDMLFields(t, c.frame, w.At(c.frame, true).Tree, c.want)
	}
}

// FuzzProtoAMQP feeds arbitrary bytes through the version test, the framing
// and the dissector: no panic, every field inside its frame. Seeded with the
// lab captures' frames.
func FuzzProtoAMQP(f *testing.F) {
	for _, s := range []string{"414d515000000901", "0100000000000c000a001e07ff00020000003cce",
		"01000100000020003c00470000000000000001000a6c61622e64697265637403726b3100000001ce02000100000034003c0000000000000000000ab0800a746578742f706c61696e00000013036c61625300000003796573016e490000000701026d31ce0300010000000a68656c6c6f20616d7170ce",
		"0100010000002d0028001e0000056473742e78057372632e78056b65792e23000000001007782d6d617463685300000003616c6cce",
		"0100010000000a0032000a000003637574ce", "414d51500101000908000000000000ce", "090001000000020102ce"} {
		b, _ := hex.DecodeString(s)
		f.Add(b, byte(amqpV09))
	}
	f.Fuzz(func(t *testing.T, b []byte, version byte) {
		if len(b) == 0 {
			return
		}
		for _, tree := range []bool{false, true} {
			conv := &Conv{State: &amqpState{version: version % 6, lockFrame: -1}}
			out := amqpRun(t, conv, b, tree)
			checkTree(t, out.Tree, len(b))
		}
	})
}
