package decode

import (
	"encoding/hex"
	"testing"
)

// TestMSDPColumns dissects every segment of lab__msdp-crafted.pcap (MSDP
// reads each segment on its own); the expected Info is tshark 4.0.17's on
// the same frames (-T fields -e _ws.col.Info).
func TestMSDPColumns(t *testing.T) {
	cases := []struct{ name, hex, info string }{
		{"frame 4", "040003", "KeepAlive"},
		{"frame 5", "040003", "KeepAlive"},
		{"frame 6", "010014010a27000100000020ef010101c000020a", "IPv4 Source-Active"},
		{"frame 7", "01002c030a27000100000020ef010101c000020a00000020ef010102c000020b00000018e8000009c6336400", "IPv4 Source-Active"},
		{"frame 8", "01003f010a27000100000020ef010103c000020c4500002b000140001011b8b0c000020cef010103138c138c0017c9e368656c6c6f206d756c746963617374", "IPv4 Source-Active"},
		{"frame 9", "010032010a27000100000020ef010103c000020c4500002b000140001011b8b0c000020cef010103138c138c0017c9e36865", "IPv4 Source-Active"},
		{"frame 10", "02000800ef010101", "IPv4 Source-Active Request"},
		{"frame 11", "030014010a27000100000020ef010101c000020a", "IPv4 Source-Active Response"},
		{"frame 12", "010008000a270001", "IPv4 Source-Active"},
		{"frame 13", "040003010014010a27000100000020ef010104c000020d040003", "KeepAlive"},
		{"frame 14", "0500058102", "Notification"},
		{"frame 15", "0500050103", "Notification"},
		{"frame 16", "05000c8201000000ef010101", "Notification"},
		{"frame 17", "0500058300", "Notification"},
		{"frame 18", "050006830105", "Notification"},
		{"frame 19", "05000c83020000000a270001", "Notification"},
		{"frame 20", "05000c8303000000ef010101", "Notification"},
		{"frame 21", "05000c8304000000c000020a", "Notification"},
		{"frame 22", "050006830521", "Notification"},
		{"frame 23", "05000c83060000000a270002", "<Unknown MSDP TLV type>"},
		{"frame 24", "05000b8307010203040506", "IPv4 Source-Active[Malformed Packet]"},
		{"frame 25", "05000c8308000000ef010101", "Notification"},
		{"frame 26", "0500058309", "Notification"},
		{"frame 27", "0500050400", "Notification"},
		{"frame 28", "0500050501", "Notification"},
		{"frame 29", "0500050600", "Notification"},
		{"frame 30", "0500050700", "Notification"},
		{"frame 31", "0500050904", "Notification"},
		{"frame 32", "0500058201", "Notification"},
		{"frame 33", "060006010203", "MSDP traceroute in progress"},
		{"frame 34", "070003", "MSDP traceroute reply"},
		{"frame 35", "000003", "<Unknown MSDP TLV type>"},
		{"frame 36", "c80005aabb", "<Unknown MSDP TLV type>"},
		{"frame 37", "040001", "KeepAlive"},
		{"frame 38", "040002040003", "KeepAlive"},
		{"frame 39", "010014050a27000100000020ef010101c000020a", "IPv4 Source-Active"},
		{"frame 40", "0400039998", "KeepAlive[Malformed Packet]"},
		{"frame 41", "010040010a270001", "IPv4 Source-Active[Malformed Packet]"},
		{"frame 42", "04", "KeepAlive[Malformed Packet]"},
		{"frame 43", "0400", "KeepAlive[Malformed Packet]"},
		{"frame 44", "0500088102040003", "KeepAlive"},
		{"frame 45", "050006860004", "KeepAlive[Malformed Packet]"},
		{"frame 46", "05001e83060500198100010014010a27000100000020ef010101c000020a", "IPv4 Source-Active"},
		{"frame 47", "050008010004000302000800ef010109", "KeepAlive"},
		{"frame 48", "0500058301", "Notification"},
		{"frame 49", "0500058307", "Notification"},
		{"frame 50", "05000d830702000800ef010101", "IPv4 Source-Active Request"},
		{"frame 51", "020003", "IPv4 Source-Active Request"},
		{"frame 52", "02000c00ef01010104000304", "IPv4 Source-Active Request"},
		{"frame 53", "02000800ef01010104000309000401", "IPv4 Source-Active Request"},
		{"frame 54", "010015010a27000100000020ef010103c000020c45", "IPv4 Source-Active"},
		{"frame 55", "01001e010a27000100000020ef010103c000020c4500001d000140001011", "IPv4 Source-Active"},
		{"frame 56", "010044010a27000100000020ef010103c000020c600000000008114000000000000000000000000000000000000000000000000000000000000000000000000000000000", "IPv4 Source-Active"},
		{"frame 57", "010031010a27000100000020ef010103c000020c4500001d000140001011b8bec000020cef010103138c138c0009aeb278040003", "IPv4 Source-Active"},
		{"frame 58", "010007010a2700", "IPv4 Source-Active"},
		{"frame 59", "010003", "IPv4 Source-Active"},
		{"frame 60", "030016020a27000100000020ef010101c000020a0102", "IPv4 Source-Active Response"},
		{"frame 64", "0100", "IPv4 Source-Active[Malformed Packet]"},
		{"frame 65", "20020a2700010000", "<Unknown MSDP TLV type>[Malformed Packet]"},
		{"frame 66", "0020ef010105c000020e00000020ef010106c000020f040003", "<Unknown MSDP TLV type>[Malformed Packet]"},
		{"frame 67", "040003", "KeepAlive"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkDissect(t, c.hex, PDU{TCP: true}, msdpDissect, true, "MSDP", c.info)
		})
	}
}

func FuzzProtoMSDP(f *testing.F) {
	for _, s := range []string{
		"040003",
		"01002c030a27000100000020ef010101c000020a00000020ef010102c000020b00000018e8000009c6336400",
		"0500110383060500000c0100140a2700010000",
		"01002e010a27000100000020ef010103c000020c4500001b000140001011b0e1c000020cef010103138c138c00",
		"0500080386000004",
		"050006830101",
	} {
		b, _ := hex.DecodeString(s)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, tree := range []bool{false, true} {
			var out Out
			out.reset(tree)
			msdpDissect(&PDU{Data: b, Len: len(b), Off: -1, TCP: true}, &out)
			checkTree(t, out.Tree, len(b))
		}
	})
}
