package decode

import (
	"encoding/hex"
	"testing"
)

// kafkaLab is franz-go's client against its kfake broker
// (testdata/app/lab__kafka.sh); kafkaCrafted holds hand-built messages
// (testdata/app/lab__kafka-crafted.py).
const (
	kafkaLab     = "lab__kafka.pcap"
	kafkaCrafted = "lab__kafka-crafted.pcap"
)

// kafkaStep is one PDU of a conversation: sent to the server or from it,
// its bytes and tshark's Info for it.
type kafkaStep struct {
	toServer bool
	hex      string
	info     string
}

// TestKafkaInfo dissects conversations PDU by PDU, each expected Info
// tshark 4.0.17's: on lab__kafka.pcap for the real frames (named) and on
// lab__kafka-crafted.pcap for the rest, whose bytes the crafted script
// lays out.
func TestKafkaInfo(t *testing.T) {
	cases := []struct {
		name  string
		steps []kafkaStep
	}{
		{"JoinGroup v6 with Member ID Required (123, 124)", []kafkaStep{
			{true, "00000066000b000600000001000a6c61646465722d6c6162000a6c61622d67726f75700000afc80000ea60010009636f6e73756d65720213636f6f70657261746976652d737469636b791e00030000000100036c6162000000040000000000000000ffffffffffff0000", "Kafka JoinGroup v6 Request (Group=lab-group, Member=)"},
			{false, "0000003f000000010000000000004fffffffff01012c6c61646465722d6c61622d61383834626665313737646464666538666237303561383835363533393061340100", "Kafka JoinGroup v6 Response [Member ID Required]  (Member=ladder-lab-a884bfe177dddfe8fb705a88565390a4)"},
		}},
		{"Fetch v11 request and response with records (140, 153)", []kafkaStep{
			{true, "0000005c0001000b00000001000a6c61646465722d6c6162ffffffff0000138800000001032000000000000000000000000000000100036c61620000000100000000000000000000000000000003ffffffffffffffff00100000000000000000", "Kafka Fetch v11 Request"},
			{false, "0000008d00000001000000000000000000040000000100036c616200000001000000000000000000000000000400000000000000040000000000000000ffffffffffffffff0000004800000000000000030000003c0000000002cbdd2436000000000000000001a2516ae2bc000001a2516ae2bc3c028737f4115b510000000000000000000114000000026b066f6e6500", "Kafka Fetch v11 Response"},
		}},
		{"Produce v8 (150, 151)", []kafkaStep{
			{true, "000000790000000800000001000a6c61646465722d6c6162ffffffff000027100000000100036c616200000001000000000000004800000000000000000000003cffffffff02cbdd2436000000000000000001a2516ae2bc000001a2516ae2bc3c028737f4115b510000000000000000000114000000026b066f6e6500", "Kafka Produce v8 Request"},
			{false, "00000039000000010000000100036c6162000000010000000000000000000000000003ffffffffffffffff000000000000000000000000ffff00000000", "Kafka Produce v8 Response"},
		}},
		{"LeaveGroup v5 beyond tshark's versions is malformed and unremembered (68, 71)", []kafkaStep{
			{true, "00000079000d000500000006000a6c61646465722d6c6162000a6c61622d67726f7570022c6c61646465722d6c61622d6230636563643637336539333838336132643438303937643934356532663366002a636c69656e74206c656176696e672067726f757020706572206e6f726d616c206f7065726174696f6e0000", "Kafka LeaveGroup v5 Request [Unsupported API version][Malformed Packet]"},
			{false, "0000003d0000000600000000000000022c6c61646465722d6c61622d62306365636436373365393338383361326434383039376439343565326633660000000000", "Kafka Response (Undecoded, Request Missing)"},
		}},
		{"unknown API key 72 (81, 82)", []kafkaStep{
			{true, "0000017e0048000000000003000a6c61646465722d6c61620068ebf262ed410bc6a670ebcb1cf04edb000000010101d1021f8b080000096e8800ff9cd04d4e224114c0f186c900f326339a0a89ed4ee20e4305ba513e36b2346c58b95017e451f56809dd555854133d8217f0009ec09567f002dcc0bd57308d09f1a383e05b75a7aafe79f9c15d0e2e60070a81d1f1a43f92ec2ffc09715059fc4307b6161ffd88a20199e4bc0207214a49a6925c1b54050979d4f0a9e5379b3e7ab2deacb61ab2553f246fe80fd9e36ff80fbfc68166f9598d7b1ef759173c6d028e131497c4c7381c239f182d6341860bad14093bd28a0b4368475a718396ca4560bb4f3d569ce75edcd2def3fdedc943b7c37ae06fd6b2da62d876dfc56a19e76db6336e869dad5a4e6949dcd0554c53cb43b4a4c40dc75950de87d2b2573a5dccfcb8fd0ff2c98b442deb3a3f484778fd21bd5cf5733a8d5468358da30d49cfd34957b65248b3df912e83eb91262dc72974d6215d9dfe425a48277d1d00b003050f1903000000", "Kafka Unknown 72 v0 Request [Unknown API key]"},
			{false, "0000000c000000030000000000000000", "Kafka Unknown 72 v0 Response [Unknown API key]"},
		}},
		{"LeaveGroup v4 (165, 166)", []kafkaStep{
			{true, "0000004f000d000400000006000a6c61646465722d6c6162000a6c61622d67726f7570022c6c61646465722d6c61622d6138383462666531373764646466653866623730356138383536353339306134000000", "Kafka LeaveGroup v4 Request (Group=lab-group)"},
			{false, "0000003d0000000600000000000000022c6c61646465722d6c61622d61383834626665313737646464666538666237303561383835363533393061340000000000", "Kafka LeaveGroup v4 Response"},
		}},
		{"crafted: two requests with one correlation ID: the first wins (21-23)", []kafkaStep{
			{true, "00000015000a00000000000a00076372616674656400026731", "Kafka FindCoordinator v0 Request (Group=g1)"},
			{true, "0000002e000200010000000a000763726166746564ffffffff0000000100036c61620000000100000000ffffffffffffffff", "Kafka Offsets v1 Request"},
			{false, "000000100000000a000fffffffff0000ffffffff", "Kafka FindCoordinator v0 Response [The Coordinator is not Available] "},
		}},
		{"crafted: Produce with acks 0 expects no response (10, 11)", []kafkaStep{
			{true, "0000007300000002000000050007637261667465640000000003e80000000100036c616200000001000000000000004700000000000000000000003b0000000002000000000000000000000000018bcfe568000000018bcfe56800ffffffffffffffffffffffffffff0000000112000000026b04763100", "Kafka Produce v2 Request"},
			{false, "0000000c000000050000000000000000", "Kafka Response (Undecoded, Request Missing)"},
		}},
		{"crafted: ControlledShutdown v0 has no client ID; an unknown error (24, 25)", []kafkaStep{
			{true, "0000000c000700000000000b00000003", "Kafka ControlledShutdown v0 Request (Broker-ID=3)"},
			{false, "0000000a0000000b00c800000000", "Kafka ControlledShutdown v0 Response [Unknown 200] "},
		}},
		{"crafted: JoinGroup v1 cut inside its member ID (19, 20)", []kafkaStep{
			{true, "00000021000b00010000000900076372616674656400026731000075300000ea6000146d2d", "Kafka JoinGroup v1 Request[Malformed Packet]"},
			{false, "0000001f00000009000000000001000572616e676500036d2d3100036d2d3100000000", "Kafka Response (Undecoded, Request Missing)"},
		}},
		{"crafted: a request too short for its header (54)", []kafkaStep{
			{true, "000000020012", "[Malformed Packet]"},
		}},
		{"crafted: a response to no request (36)", []kafkaStep{
			{false, "000000060000004d0000", "Kafka Response (Undecoded, Request Missing)"},
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, tree := range []bool{false, true} {
				conv := &Conv{}
				for i, s := range c.steps {
					b, err := hex.DecodeString(s.hex)
					if err != nil {
						t.Fatal(err)
					}
					if n := kafkaPDULen(conv, 0, b); n != len(b) {
						t.Fatalf("step %d: PDULen = %d, want %d", i, n, len(b))
					}
					p := PDU{Data: b, Len: len(b), SrcPort: 9092, DstPort: 40001, TCP: true, Conv: conv, Frame: i}
					if s.toServer {
						p.SrcPort, p.DstPort = 40001, kafkaPort
					}
					var out Out
					out.reset(tree)
					kafkaDissect(&p, &out)
					checkTree(t, out.Tree, len(b))
					if out.Proto != "Kafka" || out.Info() != s.info {
						t.Errorf("tree %v step %d: got %q %q, want Kafka %q", tree, i, out.Proto, out.Info(), s.info)
					}
				}
			}
		})
	}
}

// TestKafkaPDULen checks the framing: a 32-bit big-endian length and what
// it counts (get_kafka_pdu_len).
func TestKafkaPDULen(t *testing.T) {
	cases := []struct {
		hex string
		n   int
	}{
		{"", 0},
		{"000000", 0},
		{"00000000", 4},
		{"0000006600", 4 + 0x66},
		{"ffffffff", PDUUntilFIN - 1},
	}
	for _, c := range cases {
		b, _ := hex.DecodeString(c.hex)
		if n := kafkaPDULen(nil, 0, b); n != c.n {
			t.Errorf("PDULen(%s) = %d, want %d", c.hex, n, c.n)
		}
	}
}

// TestKafkaDetailsPDML compares lab__kafka.pcap's Kafka layers with tshark
// 4.0.17's PDML (tshark -r F -T pdml): field names, labels (showname) and
// byte offsets (pos, size), for a request with tagged fields and a group,
// the response matched to it (its generated API key and version), and a
// Metadata v9 response with its brokers and topics.
func TestKafkaDetailsPDML(t *testing.T) {
	x := loadAppCapture(t, kafkaLab)
	cases := []struct {
		frame int
		want  []pdmlWant
	}{
		{122, []pdmlWant{
			{"kafka", "Kafka (JoinGroup v6 Request)", 66, 106},
			{"kafka.len", "Length: 102", 66, 4},
			{"kafka.api_key", "API Key: JoinGroup (11)", 70, 2},
			{"kafka.api_version", "API Version: 6", 72, 2},
			{"kafka.correlation_id", "Correlation ID: 1", 74, 4},
			{"kafka.client_id", "Client ID: ladder-lab", 78, 12},
			{"kafka.consumer_group", "Consumer Group: lab-group", 91, 10},
			{"kafka.member_id", "Consumer Group Member ID: ", 109, 1},
			{"kafka.protocol_type", "Protocol Type: consumer", 111, 9},
			{"kafka.protocol_name", "Protocol Name: cooperative-sticky", 121, 19},
		}},
		{123, []pdmlWant{
			{"kafka", "Kafka (JoinGroup v6 Response)", 66, 67},
			{"kafka.len", "Length: 63", 66, 4},
			{"kafka.correlation_id", "Correlation ID: 1", 70, 4},
			{"kafka.request_frame", "Request Frame: 123", 66, 0},
			{"kafka.api_key", "API Key: JoinGroup (11)", 66, 0},
			{"kafka.response.version", "API Version: 6", 66, 0},
			{"kafka.throttle_time", "Throttle time: 0", 75, 4},
			{"kafka.error", "Error: Member ID Required (79)", 79, 2},
			{"kafka.generation_id", "Generation ID: -1", 81, 4},
			{"kafka.protocol_name", "Protocol Name: ", 85, 1},
			{"kafka.member_id", "Consumer Group Member ID: ladder-lab-a884bfe177dddfe8fb705a88565390a4", 87, 44},
		}},
		{124, []pdmlWant{
			{"kafka", "Kafka (JoinGroup v6 Request)", 66, 149},
			{"kafka.len", "Length: 145", 66, 4},
			{"kafka.api_key", "API Key: JoinGroup (11)", 70, 2},
			{"kafka.api_version", "API Version: 6", 72, 2},
			{"kafka.correlation_id", "Correlation ID: 2", 74, 4},
			{"kafka.client_id", "Client ID: ladder-lab", 78, 12},
			{"kafka.consumer_group", "Consumer Group: lab-group", 91, 10},
			{"kafka.member_id", "Consumer Group Member ID: ladder-lab-a884bfe177dddfe8fb705a88565390a4", 109, 44},
			{"kafka.protocol_type", "Protocol Type: consumer", 154, 9},
			{"kafka.protocol_name", "Protocol Name: cooperative-sticky", 164, 19},
		}},
		{125, []pdmlWant{
			{"kafka", "Kafka (JoinGroup v6 Response)", 66, 204},
			{"kafka.len", "Length: 200", 66, 4},
			{"kafka.correlation_id", "Correlation ID: 2", 70, 4},
			{"kafka.request_frame", "Request Frame: 125", 66, 0},
			{"kafka.api_key", "API Key: JoinGroup (11)", 66, 0},
			{"kafka.response.version", "API Version: 6", 66, 0},
			{"kafka.throttle_time", "Throttle time: 0", 75, 4},
			{"kafka.error", "Error: No Error (0)", 79, 2},
			{"kafka.generation_id", "Generation ID: 3", 81, 4},
			{"kafka.protocol_name", "Protocol Name: cooperative-sticky", 85, 19},
			{"kafka.member_id", "Consumer Group Member ID: ladder-lab-a884bfe177dddfe8fb705a88565390a4", 148, 44},
			{"kafka.member_id", "Consumer Group Member ID: ladder-lab-a884bfe177dddfe8fb705a88565390a4", 193, 44},
		}},
		{105, []pdmlWant{
			{"kafka", "Kafka (Metadata v9 Response)", 66, 94},
			{"kafka.len", "Length: 90", 66, 4},
			{"kafka.correlation_id", "Correlation ID: 1", 70, 4},
			{"kafka.request_frame", "Request Frame: 105", 66, 0},
			{"kafka.api_key", "API Key: Metadata (3)", 66, 0},
			{"kafka.response.version", "API Version: 9", 66, 0},
			{"kafka.throttle_time", "Throttle time: 0", 75, 4},
			{"kafka.node_id", "Node ID: 0", 80, 4},
			{"kafka.host", "Host: 127.0.0.1", 84, 10},
			{"kafka.port", "Port: 9092", 94, 4},
			{"kafka.node_id", "Controller ID: 0", 111, 4},
			{"kafka.error", "Error: No Error (0)", 116, 2},
			{"kafka.topic_name", "Topic Name: lab", 118, 4},
			{"kafka.error", "Error: No Error (0)", 124, 2},
			{"kafka.partition_id", "Partition ID: 0", 126, 4},
		}},
		// the record batch's fields (its base offset, producer, records) are not
		// read: the want list stops at the partition's high watermark
		{152, []pdmlWant{
			{"kafka", "Kafka (Fetch v11 Response)", 66, 145},
			{"kafka.len", "Length: 141", 66, 4},
			{"kafka.correlation_id", "Correlation ID: 1", 70, 4},
			{"kafka.request_frame", "Request Frame: 140", 66, 0},
			{"kafka.api_key", "API Key: Fetch (1)", 66, 0},
			{"kafka.response.version", "API Version: 11", 66, 0},
			{"kafka.throttle_time", "Throttle time: 0", 74, 4},
			{"kafka.error", "Error: No Error (0)", 78, 2},
			{"kafka.topic_name", "Topic Name: lab", 88, 5},
			{"kafka.partition_id", "Partition ID: 0", 97, 4},
			{"kafka.error", "Error: No Error (0)", 101, 2},
			{"kafka.offset", "Offset: 4", 103, 8},
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

func FuzzProtoKafka(f *testing.F) {
	for _, s := range []string{
		"00000066000b000600000001000a6c61646465722d6c6162000a6c61622d67726f75700000afc80000ea60010009636f6e73756d65720213636f6f70657261746976652d737469636b791e00030000000100036c6162000000040000000000000000ffffffffffff0000",
		"0000003f000000010000000000004fffffffff01012c6c61646465722d6c61622d61383834626665313737646464666538666237303561383835363533393061340100",
		"0000005c0001000b00000001000a6c61646465722d6c6162ffffffff0000138800000001032000000000000000000000000000000100036c61620000000100000000000000000000000000000003ffffffffffffffff00100000000000000000",
		"0000008d00000001000000000000000000040000000100036c616200000001000000000000000000000000000400000000000000040000000000000000ffffffffffffffff0000004800000000000000030000003c0000000002cbdd2436000000000000000001a2516ae2bc000001a2516ae2bc3c028737f4115b510000000000000000000114000000026b066f6e6500",
		"000000790000000800000001000a6c61646465722d6c6162ffffffff000027100000000100036c616200000001000000000000004800000000000000000000003cffffffff02cbdd2436000000000000000001a2516ae2bc000001a2516ae2bc3c028737f4115b510000000000000000000114000000026b066f6e6500",
		"00000039000000010000000100036c6162000000010000000000000000000000000003ffffffffffffffff000000000000000000000000ffff00000000",
		"00000079000d000500000006000a6c61646465722d6c6162000a6c61622d67726f7570022c6c61646465722d6c61622d6230636563643637336539333838336132643438303937643934356532663366002a636c69656e74206c656176696e672067726f757020706572206e6f726d616c206f7065726174696f6e0000",
		"0000003d0000000600000000000000022c6c61646465722d6c61622d62306365636436373365393338383361326434383039376439343565326633660000000000",
		"0000000c000000030000000000000000",
		"0000004f000d000400000006000a6c61646465722d6c6162000a6c61622d67726f7570022c6c61646465722d6c61622d6138383462666531373764646466653866623730356138383536353339306134000000",
		"0000003d0000000600000000000000022c6c61646465722d6c61622d61383834626665313737646464666538666237303561383835363533393061340000000000",
		"00000015000a00000000000a00076372616674656400026731",
		"0000002e000200010000000a000763726166746564ffffffff0000000100036c61620000000100000000ffffffffffffffff",
		"000000100000000a000fffffffff0000ffffffff",
		"0000007300000002000000050007637261667465640000000003e80000000100036c616200000001000000000000004700000000000000000000003b0000000002000000000000000000000000018bcfe568000000018bcfe56800ffffffffffffffffffffffffffff0000000112000000026b04763100",
		"0000000c000000050000000000000000",
		"0000000c000700000000000b00000003",
		"0000000a0000000b00c800000000",
		"00000021000b00010000000900076372616674656400026731000075300000ea6000146d2d",
		"0000001f00000009000000000001000572616e676500036d2d3100036d2d3100000000",
		"000000020012",
		"000000060000004d0000",
	} {
		b, _ := hex.DecodeString(s)
		f.Add(b, true)
		f.Add(b, false)
	}
	f.Fuzz(func(t *testing.T, b []byte, toServer bool) {
		conv := &Conv{}
		rest := b
		for i := 0; i < 8 && len(rest) > 0; i++ {
			n := kafkaPDULen(conv, 0, rest)
			if n <= 0 || n > len(rest) {
				n = len(rest)
			}
			p := PDU{Data: rest[:n], Len: n, SrcPort: 9092, DstPort: 40001, TCP: true, Conv: conv}
			if toServer {
				p.SrcPort, p.DstPort = 40001, kafkaPort
			}
			for _, tree := range []bool{false, true} {
				var out Out
				out.reset(tree)
				kafkaDissect(&p, &out)
				checkTree(t, out.Tree, n)
			}
			rest = rest[n:]
			toServer = !toServer
		}
	})
}
