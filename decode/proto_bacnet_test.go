package decode

import (
	"encoding/hex"
	"testing"
)

// TestBACnetColumns dissects BACnet/IP datagrams (UDP payloads) from
// lab__bacnet.pcap (node-bacnet's client and a device on node-bacnet) and
// every frame of lab__bacnet-crafted.pcap; the expected Protocol and Info
// are tshark 4.0.17's on the same frames (-T fields -e _ws.col.Protocol
// -e _ws.col.Info). A payload tshark leaves to UDP (not BVLC) must be
// declined.
func TestBACnetColumns(t *testing.T) {
	cases := []struct{ name, hex, proto, info string }{
		{"lab__bacnet 1", "810b000801001008", "BACnet-APDU", "Unconfirmed-REQ who-Is "},
		{"lab__bacnet 2", "810b001501001000c4020004d22205ca9103220104", "BACnet-APDU", "Unconfirmed-REQ i-Am device,1234 "},
		{"lab__bacnet 3", "810b000e010010080a03e81a07d0", "BACnet-APDU", "Unconfirmed-REQ who-Is 1000 2000 "},
		{"lab__bacnet 7", "810a001f010030000c0c020004d2194d3e750b006c61646465722d6c61623f", "BACnet-APDU", "Complex-ACK     readProperty[  0] device,1234 object-name "},
		{"lab__bacnet 21", "810a000d010050070c91029120", "BACnet-APDU", "Error           readProperty[  7] "},
		{"lab__bacnet 23", "810a0009010020080f", "BACnet-APDU", "Simple-ACK      writeProperty[  8] "},
		{"lab__bacnet 24", "810a002201040275090e0c000000001e0955094d09751f0c020004d21e0978091c1f", "BACnet-APDU", "Confirmed-REQ   readPropertyMultiple[  9] "},
		{"lab__bacnet 33", "810a000d0100500c1191059143", "BACnet-APDU", "Error           deviceCommunicationControl[ 12] "},
		{"lab__bacnet-crafted 1", "810b000801001008", "BACnet-APDU", "Unconfirmed-REQ who-Is "},
		{"lab__bacnet-crafted 2", "810b000e0100100809001b3fffff", "BACnet-APDU", "Unconfirmed-REQ who-Is 0 4194303 "},
		{"lab__bacnet-crafted 3", "810b001401001000c4020004d22205c49100210f", "BACnet-APDU", "Unconfirmed-REQ i-Am device,1234 "},
		{"lab__bacnet-crafted 4", "810b001401001000c4023fffff2132910322ffff", "BACnet-APDU", "Unconfirmed-REQ i-Am device,4194303 "},
		{"lab__bacnet-crafted 5", "810b0014010010073d0a005a6f6e652054656d70", "BACnet-APDU", "Unconfirmed-REQ who-Has "},
		{"lab__bacnet-crafted 6", "810b001e01001001c4020004d2c400000003750a005a6f6e652054656d70", "BACnet-APDU", "Unconfirmed-REQ i-Have device,1234 analog-input,3 "},
		{"lab__bacnet-crafted 7", "810b001201001006a47c0c0701b4102a0000", "BACnet-APDU", "Unconfirmed-REQ timeSynchronization "},
		{"lab__bacnet-crafted 8", "810b001201001009a47c0c0701b4102a0000", "BACnet-APDU", "Unconfirmed-REQ utcTimeSynchronization "},
		{"lab__bacnet-crafted 9", "810a001101040205010c0c000000001955", "BACnet-APDU", "Confirmed-REQ   readProperty[  1] analog-input,0 present-value "},
		{"lab__bacnet-crafted 10", "810a0017010030010c0c0000000019553e4441ac00003f", "BACnet-APDU", "Complex-ACK     readProperty[  1] analog-input,0 present-value "},
		{"lab__bacnet-crafted 11", "810a001301040205020c0c020004d2194c2900", "BACnet-APDU", "Confirmed-REQ   readProperty[  2] device,1234 object-list "},
		{"lab__bacnet-crafted 12", "810a0016010030020c0c020004d2194c29003e21033f", "BACnet-APDU", "Complex-ACK     readProperty[  2] device,1234 object-list "},
		{"lab__bacnet-crafted 13", "810a001101040205030c0c000000631955", "BACnet-APDU", "Confirmed-REQ   readProperty[  3] analog-input,99 present-value "},
		{"lab__bacnet-crafted 14", "810a000d010050030c9101911f", "BACnet-APDU", "Error           readProperty[  3] "},
		{"lab__bacnet-crafted 15", "810a001301040205ff0c0c017fffff1b3fffff", "BACnet-APDU", "Confirmed-REQ   readProperty[255] binary-value,4194303 (4194303) Vendor Proprietary Value "},
		{"lab__bacnet-crafted 16", "810a000d010050ff0c91029120", "BACnet-APDU", "Error           readProperty[255] "},
		{"lab__bacnet-crafted 17", "810a001201040205110c0c118000011a01ff", "BACnet-APDU", "Confirmed-REQ   readProperty[ 17] (70) Reserved for Use by ASHRAE,1 issuer-certificate-files "},
		{"lab__bacnet-crafted 18", "810a001201040205120c0cffc000001a0200", "BACnet-APDU", "Confirmed-REQ   readProperty[ 18] (1023) Vendor Proprietary Value,0 (512) Vendor Proprietary Value "},
		{"lab__bacnet-crafted 19", "810a00090100601246", "BACnet-APDU", "Reject          (70) Vendor Proprietary Value[ 18] "},
		{"lab__bacnet-crafted 20", "810a000901007111c8", "BACnet-APDU", "Abort           (200) Vendor Proprietary Value[ 17] "},
		{"lab__bacnet-crafted 21", "810a001a01040205040f0c0040000119553e44424800003f4908", "BACnet-APDU", "Confirmed-REQ   writeProperty[  4] analog-output,1 present-value "},
		{"lab__bacnet-crafted 22", "810a0009010020040f", "BACnet-APDU", "Simple-ACK      writeProperty[  4] "},
		{"lab__bacnet-crafted 23", "810a001501040205050e0c000000001e0955094d1f", "BACnet-APDU", "Confirmed-REQ   readPropertyMultiple[  5] "},
		{"lab__bacnet-crafted 24", "810a0024010030050e0c000000001e29554e4441ac00004f294d4e75050041492d304f1f", "BACnet-APDU", "Complex-ACK     readPropertyMultiple[  5] "},
		{"lab__bacnet-crafted 25", "810a001601040205060509121c0000000029003a012c", "BACnet-APDU", "Confirmed-REQ   subscribeCOV[  6] analog-input,0 "},
		{"lab__bacnet-crafted 26", "810a00090100200605", "BACnet-APDU", "Simple-ACK      subscribeCOV[  6] "},
		{"lab__bacnet-crafted 27", "810a00220100100209121c020004d22c000000003a01184e09552e4441b000002f4f", "BACnet-APDU", "Unconfirmed-REQ unconfirmedCOVNotification device,1234 analog-input,0 present-value "},
		{"lab__bacnet-crafted 28", "810a001501040205071409001d0700736563726574", "BACnet-APDU", "Confirmed-REQ   reinitializeDevice[  7] "},
		{"lab__bacnet-crafted 29", "810a00090100600709", "BACnet-APDU", "Reject          unrecognized-service[  7] "},
		{"lab__bacnet-crafted 30", "810a000e01040205081109051901", "BACnet-APDU", "Confirmed-REQ   deviceCommunicationControl[  8] "},
		{"lab__bacnet-crafted 31", "810a00090100710804", "BACnet-APDU", "Abort           segmentation-not-supported[  8] "},
		{"lab__bacnet-crafted 32", "810a00090100700900", "BACnet-APDU", "Abort           other[  9] "},
		{"lab__bacnet-crafted 33", "810a0011010402050a0c0c020004d2194c", "BACnet-APDU", "Confirmed-REQ   readProperty[ 10] device,1234 object-list "},
		{"lab__bacnet-crafted 34", "810a001701003c0a00040c0c020004d2194c3ec4020004", "BACnet-APDU", "Complex-ACK     readProperty[ 10]  (Message fragment 0)"},
		{"lab__bacnet-crafted 35", "810a000a0100400a0004", "BACnet-APDU", "Segment-ACK     "},
		// frame 36 completes a reassembly: see TestBACnetSegments
		{"lab__bacnet-crafted 37", "810a000a0100420a0104", "BACnet-APDU", "Segment-ACK     "},
		{"lab__bacnet-crafted 38", "810a001301040e050b00020f0c00400001191c", "BACnet-APDU", "Confirmed-REQ   writeProperty[ 11]  (Message fragment 0)"},
		{"lab__bacnet-crafted 39", "810a000a0100430b0002", "BACnet-APDU", "Segment-ACK     "},
		{"lab__bacnet-crafted 40", "810a000a0100510b0002", "BACnet-APDU", "Error           acknowledgeAlarm[ 11] [Malformed Packet]"},
		{"lab__bacnet-crafted 41", "810a000a010402050c63", "BACnet-APDU", "Confirmed-REQ   unknown service[ 12] "},
		{"lab__bacnet-crafted 42", "810b00080100102a", "BACnet-APDU", "Unconfirmed-REQ unknown service "},
		{"lab__bacnet-crafted 43", "810a0013010402050d120a010419012e21072f", "BACnet-APDU", "Confirmed-REQ   confirmedPrivateTransfer[ 13] V=260 SN=1 "},
		{"lab__bacnet-crafted 44", "810a00090100900102", "BACnet-APDU", "# unknown APDU #"},
		{"lab__bacnet-crafted 45", "810a001601240005010bfe02050e0c0c0200004d1955", "BACnet-APDU", "Confirmed-REQ   readProperty[ 14] device,77 present-value "},
		{"lab__bacnet-crafted 46", "810a001b01080005010b300e0c0c0200004d19553e443f8000003f", "BACnet-APDU", "Complex-ACK     readProperty[ 14] device,77 present-value "},
		{"lab__bacnet-crafted 47", "810b000c0120ffff00ff1008", "BACnet-APDU", "Unconfirmed-REQ who-Is "},
		{"lab__bacnet-crafted 48", "810b001d010bfffe06c0a80105bac01000c40200004d2201e091032108", "BACnet-APDU", "Unconfirmed-REQ i-Am device,77 "},
		{"lab__bacnet-crafted 49", "810b0007018000", "BACnet-NPDU", "Who-Is-Router-To-Network"},
		{"lab__bacnet-crafted 50", "810b00090180000005", "BACnet-NPDU", "Who-Is-Router-To-Network"},
		{"lab__bacnet-crafted 51", "810b000b01800100050006", "BACnet-NPDU", "I-Am-Router-To-Network"},
		{"lab__bacnet-crafted 52", "810a000a018003010009", "BACnet-NPDU", "Reject-Message-To-Network"},
		{"lab__bacnet-crafted 53", "810a00090180050005", "BACnet-NPDU", "Router-Available-To-Network"},
		{"lab__bacnet-crafted 54", "810a0007018012", "BACnet-NPDU", "What-Is-Networknumber"},
		{"lab__bacnet-crafted 55", "810a000a0180800104aa", "BACnet-NPDU", "Vendor Proprietary Message"},
		{"lab__bacnet-crafted 56", "810000060000", "BVLC", "BACnet Virtual Link Control BVLC Function BVLC-Result "},
		{"lab__bacnet-crafted 57", "810000060010", "BVLC", "BACnet Virtual Link Control BVLC Function BVLC-Result "},
		{"lab__bacnet-crafted 58", "810000060030", "BVLC", "BACnet Virtual Link Control BVLC Function BVLC-Result "},
		{"lab__bacnet-crafted 59", "810000060060", "BVLC", "BACnet Virtual Link Control BVLC Function BVLC-Result "},
		{"lab__bacnet-crafted 60", "810000060099", "BVLC", "BACnet Virtual Link Control BVLC Function BVLC-Result "},
		{"lab__bacnet-crafted 61", "810500060258", "BVLC", "BACnet Virtual Link Control BVLC Function Register-Foreign-Device "},
		{"lab__bacnet-crafted 62", "81020004", "BVLC", "BACnet Virtual Link Control BVLC Function Read-Broadcast-Distribution-Table "},
		{"lab__bacnet-crafted 63", "810300180a2f0802bac0ffffff000a300001bac0ffffffff", "BVLC", "BACnet Virtual Link Control BVLC Function Read-Broadcast-Distribution-Table-Ack "},
		{"lab__bacnet-crafted 64", "81060004", "BVLC", "BACnet Virtual Link Control BVLC Function Read-Foreign-Device-Table "},
		{"lab__bacnet-crafted 65", "8107000e0a310007bac002580276", "BVLC", "BACnet Virtual Link Control BVLC Function Read-Foreign-Device-Table-Ack "},
		{"lab__bacnet-crafted 66", "8108000a0a310007bac0", "BVLC", "BACnet Virtual Link Control BVLC Function Delete-Foreign-Device-Table-Entry "},
		{"lab__bacnet-crafted 67", "8101000e0a2f0802bac0ffffff00", "BVLC", "BACnet Virtual Link Control BVLC Function Write-Broadcast-Distribution-Table "},
		{"lab__bacnet-crafted 68", "8104000e0a310007bac001001008", "BACnet-APDU", "Unconfirmed-REQ who-Is "},
		{"lab__bacnet-crafted 69", "8109000801001008", "BACnet-APDU", "Unconfirmed-REQ who-Is "},
		{"lab__bacnet-crafted 70", "810d00060102", "BVLC", "BACnet Virtual Link Control BVLC Function unknown "},
		{"lab__bacnet-crafted 71", "81", "BVLC", "BACnet Virtual Link Control[Malformed Packet]"},
		{"lab__bacnet-crafted 72", "810a", "BVLC", "BACnet Virtual Link Control[Malformed Packet]"},
		{"lab__bacnet-crafted 73", "810a0004", "BACnet-NPDU", "Building Automation and Control Network NPDU[Malformed Packet]"},
		{"lab__bacnet-crafted 74", "810a002801001008", "BACnet-APDU", "Unconfirmed-REQ who-Is [Malformed Packet: length of contained item exceeds length of containing item]"},
		{"lab__bacnet-crafted 75", "810a000601001008", "BACnet-APDU", "Unconfirmed-REQ who-Is "},
		{"lab__bacnet-crafted 76", "810a000802001008", "BACnet-APDU", "Unconfirmed-REQ who-Is "},
		{"lab__bacnet-crafted 77", "810a000501", "BACnet-NPDU", "Building Automation and Control Network NPDU[Malformed Packet]"},
		{"lab__bacnet-crafted 78", "810a0007012000", "BACnet-NPDU", "Building Automation and Control Network NPDU[Malformed Packet]"},
		{"lab__bacnet-crafted 79", "810a0007010000", "BACnet-APDU", "Confirmed-REQ   [Malformed Packet]"},
		{"lab__bacnet-crafted 80", "810a00090100000501", "BACnet-APDU", "Confirmed-REQ   [Malformed Packet]"},
		{"lab__bacnet-crafted 81", "810a000801003001", "BACnet-APDU", "Complex-ACK     [Malformed Packet]"},
		{"lab__bacnet-crafted 82", "810a0007010010", "BACnet-APDU", "Unconfirmed-REQ [Malformed Packet]"},
		{"lab__bacnet-crafted 83", "810a000c010002050f0c0c00", "BACnet-APDU", "Confirmed-REQ   readProperty[ 15] [Malformed Packet]"},
		{"lab__bacnet-crafted 84", "810a000d01000205100cffffff", "BACnet-APDU", "Confirmed-REQ   readProperty[ 16] "},
		{"lab__bacnet-crafted 85", "00000000", "UDP", "47808 → 47808 Len=4"},
		{"lab__bacnet-crafted 86", "810a0015010402051306c4028000050e310021100f", "BACnet-APDU", "Confirmed-REQ   atomicReadFile[ 19] file,5 "},
		{"lab__bacnet-crafted 87", "810a00120100301306100e3100636162630f", "BACnet-APDU", "Complex-ACK     atomicReadFile[ 19] "},
		{"lab__bacnet-crafted 88", "810a0017010402051407c4028000050e3100636162630f", "BACnet-APDU", "Confirmed-REQ   atomicWriteFile[ 20] file,5 "},
		{"lab__bacnet-crafted 89", "810a001101040205151a0c050000011983", "BACnet-APDU", "Confirmed-REQ   readRange[ 21] trend-log,1 log-buffer "},
		{"lab__bacnet-crafted 90", "810a0019010030151a0c0500000119833a07c049015e21055f", "BACnet-APDU", "Complex-ACK     readRange[ 21] trend-log,1 log-buffer "},
		{"lab__bacnet-crafted 91", "810a000e01040205160a0e09000f", "BACnet-APDU", "Confirmed-REQ   createObject[ 22] "},
		{"lab__bacnet-crafted 92", "810a000e010030160ac400000004", "BACnet-APDU", "Complex-ACK     createObject[ 22] analog-input,4 "},
		{"lab__bacnet-crafted 93", "810a000f01040205170bc400000009", "BACnet-APDU", "Confirmed-REQ   deleteObject[ 23] analog-input,9 "},
		{"lab__bacnet-crafted 94", "810a001901040205181c09011c000000012900393c4e09554f", "BACnet-APDU", "Confirmed-REQ   subscribeCOVProperty[ 24] analog-input,1 "},
		{"lab__bacnet-crafted 95", "810b001101001007090019642c00000001", "BACnet-APDU", "Unconfirmed-REQ who-Has analog-input,1 "},
		{"lab__bacnet-crafted 96", "810b00140100100309011c020000012c00000001", "BACnet-APDU", "Unconfirmed-REQ unconfirmedEventNotification device,1 analog-input,1 "},
		{"lab__bacnet-crafted 97", "810a001601040205190209011c020000012c00000001", "BACnet-APDU", "Confirmed-REQ   confirmedEventNotification[ 25] device,1 analog-input,1 "},
		{"lab__bacnet-crafted 98", "810a0018010402051a080c00400002194c3ec4000000033f", "BACnet-APDU", "Confirmed-REQ   addListElement[ 26] "},
		{"lab__bacnet-crafted 99", "810a001a010402051b100c004000021e09552e44000000002f1f", "BACnet-APDU", "Confirmed-REQ   writePropertyMultiple[ 27] "},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkDissect(t, c.hex, PDU{SrcPort: portBACnet, DstPort: portBACnet, Conv: &Conv{}}, bvlc.Dissect, c.proto != "UDP", c.proto, c.info)
		})
	}
}

// TestBACnetSegments feeds lab__bacnet-crafted.pcap's segmented
// Complex-ACK (frames 34 and 36: invoke id 10, segments 0 and 1, a
// Segment-ACK between) through one conversation: the first reads
// " (Message fragment 0)", the last reassembles the ReadProperty-ACK and
// reads tshark's "(Message Reassembled)" and the object identifiers of the
// whole answer. A last segment whose first was never seen stays a fragment.
func TestBACnetSegments(t *testing.T) {
	seg0, _ := hex.DecodeString("810a001701003c0a00040c0c020004d2194c3ec4020004")
	seg1, _ := hex.DecodeString("810a00170100380a01040cd2c400000000c4000000013f")
	c := &Conv{}
	run := func(frame int, b []byte) string {
		var out Out
		out.reset(true)
		p := PDU{Data: b, Len: len(b), Off: -1, Frame: frame, Dir: 1, Conv: c, SrcPort: portBACnet, DstPort: portBACnet}
		bvlc.Dissect(&p, &out)
		checkTree(t, out.Tree, len(b))
		return out.Info()
	}
	if got, want := run(33, seg0), "Complex-ACK     readProperty[ 10]  (Message fragment 0)"; got != want {
		t.Errorf("segment 0: %q, want %q", got, want)
	}
	if got, want := run(35, seg1), "Complex-ACK     readProperty[ 10]  (Message Reassembled)device,1234 object-list device,1234 analog-input,0 analog-input,1 "; got != want {
		t.Errorf("segment 1: %q, want %q", got, want)
	}
	if got, want := run(35, seg1), "Complex-ACK     readProperty[ 10]  (Message Reassembled)device,1234 object-list device,1234 analog-input,0 analog-input,1 "; got != want {
		t.Errorf("segment 1 again: %q, want %q", got, want)
	}
	c = &Conv{}
	if got, want := run(35, seg1), "Complex-ACK     readProperty[ 10]  (Message fragment 1)"; got != want {
		t.Errorf("segment 1 alone: %q, want %q", got, want)
	}
}

func FuzzProtoBACnet(f *testing.F) {
	for _, s := range []string{"810b000801001008", "810b001501001000c4020004d22205ca9103220104",
		"810a001301040275000c0c000000001955", "810a00170100300012" + "0c0000000019553e4441ac00003f",
		"810400100a310007bac001001008", "810a000f01240005010bfe0275000c", "810b00090180000005",
		"8103001c0a2f0802bac0ffffff000a300001bac0ffffffff", "810a001701003c0a00040c0c020004d2194c3ec4020004"} {
		b, _ := hex.DecodeString(s)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		c := &Conv{}
		for i, tree := range []bool{false, true} {
			var out Out
			out.reset(tree)
			bvlc.Dissect(&PDU{Data: b, Len: len(b), Off: -1, Frame: i, SrcPort: portBACnet, DstPort: portBACnet, Conv: c}, &out)
			checkTree(t, out.Tree, len(b))
		}
	})
}
