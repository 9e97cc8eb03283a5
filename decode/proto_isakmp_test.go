package decode

import (
	"encoding/hex"
	"path/filepath"
	"testing"
)

// isakmpLab is strongSwan's IKEv2 and IKEv1 exchanges recorded by
// lab__isakmp.sh; isakmpCrafted the hand-built messages of
// lab__isakmp-crafted.py.
const (
	isakmpLab     = "lab__isakmp.pcap"
	isakmpCrafted = "lab__isakmp-crafted.pcap"
)

// ikeHdr is an ISAKMP header (RFC 2408 §3.1) with the given first payload,
// version byte, exchange, flags, message ID and length, then body.
func ikeHdr(np, ver, exch, flags byte, mid, length uint32, body string) []byte {
	b := []byte{1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0, 0, 0, 0, 0, 0, np, ver, exch, flags,
		byte(mid >> 24), byte(mid >> 16), byte(mid >> 8), byte(mid),
		byte(length >> 24), byte(length >> 16), byte(length >> 8), byte(length)}
	x, err := hex.DecodeString(body)
	if err != nil {
		panic(err)
	}
	return append(b, x...)
}

// TestISAKMPInfo checks the Protocol and Info columns, each expected value
// tshark 4.0.17's on the same bytes in a UDP datagram to port 500 (the
// frames of lab__isakmp-crafted.pcap named in the cases).
func TestISAKMPInfo(t *testing.T) {
	cases := []struct {
		name string
		b    []byte
		info string
		tree bool // tshark builds an ISAKMP layer
	}{
		{"IKEv2 request (lab frame 1)", ikeHdr(0, 0x20, 34, 0x08, 0, 28, ""), "IKE_SA_INIT MID=00 Initiator Request", true},
		{"IKEv2 response from the responder", ikeHdr(0, 0x20, 35, 0x20, 1, 28, ""), "IKE_AUTH MID=01 Responder Response", true},
		{"IKEv2 unknown exchange, MID 300 (crafted frame 19)", ikeHdr(0, 0x20, 99, 0x20, 300, 28, ""), "Unknown 99 MID=300 Responder Response", true},
		{"IKEv1 Main Mode", ikeHdr(0, 0x10, 2, 0, 0, 28, ""), "Identity Protection (Main Mode)", true},
		{"IKEv1 Quick Mode", ikeHdr(0, 0x10, 32, 1, 7, 28, ""), "Quick Mode", true},
		{"IKEv1 unknown exchange (crafted frame 18)", ikeHdr(0, 0x10, 99, 0, 0, 28, ""), "Unknown 99", true},
		{"version 3 (crafted frame 17)", ikeHdr(0, 0x30, 2, 0, 0, 28, ""), "", true},
		{"27 bytes (crafted frame 11)", ikeHdr(0, 0x20, 34, 0x08, 0, 28, "")[:27], "", false},
		{"length field 20 (crafted frame 12)", ikeHdr(0, 0x20, 34, 0x08, 0, 20, ""), "", false},
		{"length beyond the datagram (crafted frame 13)", ikeHdr(0, 0x20, 34, 0x08, 0, 200, ""), "IKE_SA_INIT MID=00 Initiator Request[Malformed Packet]", true},
		{"payload length 2 (crafted frame 14)", ikeHdr(41, 0x20, 37, 0x08, 6, 32, "00000002"), "INFORMATIONAL MID=06 Initiator Request", true},
		{"payload beyond the message (crafted frame 15)", ikeHdr(41, 0x20, 37, 0x08, 7, 36, "0000001000000000"), "INFORMATIONAL MID=07 Initiator Request[Malformed Packet]", true},
		{"Notify SPI past the end (crafted frame 7)", ikeHdr(43, 0x20, 36, 0x08, 3, 36, "2900000cdeadbeef"), "CREATE_CHILD_SA MID=03 Initiator Request[Malformed Packet]", true},
		{"bytes after the message (crafted frame 16)", append(ikeHdr(0, 0x20, 37, 0x08, 8, 28, ""), "trailing"...), "INFORMATIONAL MID=08 Initiator Request", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, tree := range []bool{false, true} {
				var out Out
				out.reset(tree)
				if !dissectISAKMPUDP(&PDU{Data: c.b, Len: len(c.b), SrcPort: 500, DstPort: 500}, &out) {
					t.Fatal("not claimed")
				}
				if out.Proto != "ISAKMP" || out.Info() != c.info {
					t.Errorf("tree %v: got %q %q, want ISAKMP %q", tree, out.Proto, out.Info(), c.info)
				}
				if tree && (len(out.Tree) == 1) != c.tree {
					t.Errorf("layers %d, want layer %v", len(out.Tree), c.tree)
				}
				checkTree(t, out.Tree, len(c.b))
			}
		})
	}
}

// TestISAKMPDetailsPDML compares the ISAKMP and UDPENCAP layers with
// tshark 4.0.17's PDML (tshark -r F -T pdml): field names, labels
// (showname) and byte offsets (pos, size). From lab__isakmp.pcap an
// IKE_SA_INIT request with its proposal and transforms, an IKE_AUTH
// request behind the non-ESP marker on port 4500, an encrypted IKEv1 Main
// Mode message and an Aggressive Mode message with identity, vendor IDs
// and NAT-D; from lab__isakmp-crafted.pcap a clear Quick Mode message
// (ESP proposal with IPsec attributes, identities), a clear IKE_AUTH
// (identity, AUTH, traffic selectors) and IKEv1 notify and delete.
func TestISAKMPDetailsPDML(t *testing.T) {
	for _, file := range []struct {
		name  string
		cases []struct {
			frame int
			want  []pdmlWant
		}
	}{
		{isakmpLab, []struct {
			frame int
			want  []pdmlWant
		}{
			{0, []pdmlWant{
				{"isakmp", "Internet Security Association and Key Management Protocol", 42, 464},
				{"isakmp.ispi", "Initiator SPI: 76b8bf522410ab30", 42, 8},
				{"isakmp.rspi", "Responder SPI: 0000000000000000", 50, 8},
				{"isakmp.nextpayload", "Next payload: Security Association (33)", 58, 1},
				{"isakmp.version", "Version: 2.0", 59, 1},
				{"isakmp.mjver", "0010 .... = MjVer: 0x2", 59, 1},
				{"isakmp.mnver", ".... 0000 = MnVer: 0x0", 59, 1},
				{"isakmp.exchangetype", "Exchange type: IKE_SA_INIT (34)", 60, 1},
				{"isakmp.flags", "Flags: 0x08 (Initiator, No higher version, Request)", 61, 1},
				{"isakmp.flag_i", ".... 1... = Initiator: Initiator", 61, 1},
				{"isakmp.flag_v", "...0 .... = Version: No higher version", 61, 1},
				{"isakmp.flag_r", "..0. .... = Response: Request", 61, 1},
				{"isakmp.messageid", "Message ID: 0x00000000", 62, 4},
				{"isakmp.length", "Length: 464", 66, 4},
				{"isakmp.typepayload", "Payload: Security Association (33)", 70, 48},
				{"isakmp.nextpayload", "Next payload: Key Exchange (34)", 70, 1},
				{"isakmp.criticalpayload", "0... .... = Critical Bit: Not critical", 71, 1},
				{"isakmp.reserved7", ".000 0000 = Reserved: 0x00", 71, 1},
				{"isakmp.payloadlength", "Payload length: 48", 72, 2},
				{"isakmp.typepayload", "Payload: Proposal (2) # 1", 74, 44},
				{"isakmp.nextpayload", "Next payload: NONE / No Next Payload  (0)", 74, 1},
				{"isakmp.reserved", "Reserved: 00", 75, 1},
				{"isakmp.payloadlength", "Payload length: 44", 76, 2},
				{"isakmp.prop.number", "Proposal number: 1", 78, 1},
				{"isakmp.prop.protoid", "Protocol ID: IKE (1)", 79, 1},
				{"isakmp.spisize", "SPI Size: 0", 80, 1},
				{"isakmp.prop.transforms", "Proposal transforms: 4", 81, 1},
				{"isakmp.typepayload", "Payload: Transform (3)", 82, 12},
				{"isakmp.nextpayload", "Next payload: Transform (3)", 82, 1},
				{"isakmp.reserved", "Reserved: 00", 83, 1},
				{"isakmp.payloadlength", "Payload length: 12", 84, 2},
				{"isakmp.tf.type", "Transform Type: Encryption Algorithm (ENCR) (1)", 86, 1},
				{"isakmp.reserved", "Reserved: 00", 87, 1},
				{"isakmp.tf.id.encr", "Transform ID (ENCR): ENCR_AES_CBC (12)", 88, 2},
				{"isakmp.ike2.attr", "Transform Attribute (t=14,l=2): Key Length: 128", 90, 4},
				{"isakmp.ike2.attr.format", "1... .... .... .... = Format: Type/Value (TV)", 90, 2},
				{"isakmp.ike2.attr.type", "Type: Key Length (14)", 90, 2},
				{"isakmp.ike2.attr.value", "Value: 0080", 92, 2},
				{"isakmp.ike2.attr.key_length", "Key Length: 128", 92, 2},
				{"isakmp.typepayload", "Payload: Transform (3)", 94, 8},
				{"isakmp.nextpayload", "Next payload: Transform (3)", 94, 1},
				{"isakmp.reserved", "Reserved: 00", 95, 1},
				{"isakmp.payloadlength", "Payload length: 8", 96, 2},
				{"isakmp.tf.type", "Transform Type: Integrity Algorithm (INTEG) (3)", 98, 1},
				{"isakmp.reserved", "Reserved: 00", 99, 1},
				{"isakmp.tf.id.integ", "Transform ID (INTEG): AUTH_HMAC_SHA2_256_128 (12)", 100, 2},
				{"isakmp.typepayload", "Payload: Transform (3)", 102, 8},
				{"isakmp.nextpayload", "Next payload: Transform (3)", 102, 1},
				{"isakmp.reserved", "Reserved: 00", 103, 1},
				{"isakmp.payloadlength", "Payload length: 8", 104, 2},
				{"isakmp.tf.type", "Transform Type: Pseudo-random Function (PRF) (2)", 106, 1},
				{"isakmp.reserved", "Reserved: 00", 107, 1},
				{"isakmp.tf.id.prf", "Transform ID (PRF): PRF_HMAC_SHA2_256 (5)", 108, 2},
				{"isakmp.typepayload", "Payload: Transform (3)", 110, 8},
				{"isakmp.nextpayload", "Next payload: NONE / No Next Payload  (0)", 110, 1},
				{"isakmp.reserved", "Reserved: 00", 111, 1},
				{"isakmp.payloadlength", "Payload length: 8", 112, 2},
				{"isakmp.tf.type", "Transform Type: Diffie-Hellman Group (D-H) (4)", 114, 1},
				{"isakmp.reserved", "Reserved: 00", 115, 1},
				{"isakmp.tf.id.dh", "Transform ID (D-H): 2048 bit MODP group (14)", 116, 2},
				{"isakmp.typepayload", "Payload: Key Exchange (34)", 118, 264},
				{"isakmp.nextpayload", "Next payload: Nonce (40)", 118, 1},
				{"isakmp.criticalpayload", "0... .... = Critical Bit: Not critical", 119, 1},
				{"isakmp.reserved7", ".000 0000 = Reserved: 0x00", 119, 1},
				{"isakmp.payloadlength", "Payload length: 264", 120, 2},
				{"isakmp.key_exchange.dh_group", "DH Group #: 2048 bit MODP group (14)", 122, 2},
				{"isakmp.reserved", "Reserved: 0000", 124, 2},
				{"isakmp.key_exchange.data", "Key Exchange Data: 8e94bcac4e7449545125b115411a354533199489afb19666725cf650296491a299a96460…", 126, 256},
				{"isakmp.typepayload", "Payload: Nonce (40)", 382, 36},
				{"isakmp.nextpayload", "Next payload: Notify (41)", 382, 1},
				{"isakmp.criticalpayload", "0... .... = Critical Bit: Not critical", 383, 1},
				{"isakmp.reserved7", ".000 0000 = Reserved: 0x00", 383, 1},
				{"isakmp.payloadlength", "Payload length: 36", 384, 2},
				{"isakmp.nonce", "Nonce DATA: 5428072e6f76e21af5b208708263376889726fc4e84663991047196a177351fd", 386, 32},
				{"isakmp.typepayload", "Payload: Notify (41) - NAT_DETECTION_SOURCE_IP", 418, 28},
				{"isakmp.nextpayload", "Next payload: Notify (41)", 418, 1},
				{"isakmp.criticalpayload", "0... .... = Critical Bit: Not critical", 419, 1},
				{"isakmp.reserved7", ".000 0000 = Reserved: 0x00", 419, 1},
				{"isakmp.payloadlength", "Payload length: 28", 420, 2},
				{"isakmp.notify.protoid", "Protocol ID: RESERVED (0)", 422, 1},
				{"isakmp.spisize", "SPI Size: 0", 423, 1},
				{"isakmp.notify.msgtype", "Notify Message Type: NAT_DETECTION_SOURCE_IP (16388)", 424, 2},
				{"isakmp.notify.data", "Notification DATA: 48283da2114c947739130a9adb98e6155445739b", 426, 20},
				{"isakmp.typepayload", "Payload: Notify (41) - NAT_DETECTION_DESTINATION_IP", 446, 28},
				{"isakmp.nextpayload", "Next payload: Notify (41)", 446, 1},
				{"isakmp.criticalpayload", "0... .... = Critical Bit: Not critical", 447, 1},
				{"isakmp.reserved7", ".000 0000 = Reserved: 0x00", 447, 1},
				{"isakmp.payloadlength", "Payload length: 28", 448, 2},
				{"isakmp.notify.protoid", "Protocol ID: RESERVED (0)", 450, 1},
				{"isakmp.spisize", "SPI Size: 0", 451, 1},
				{"isakmp.notify.msgtype", "Notify Message Type: NAT_DETECTION_DESTINATION_IP (16389)", 452, 2},
				{"isakmp.notify.data", "Notification DATA: 44898f971f86897cb4d005611b1d9650353cf9ba", 454, 20},
				{"isakmp.typepayload", "Payload: Notify (41) - IKEV2_FRAGMENTATION_SUPPORTED", 474, 8},
				{"isakmp.nextpayload", "Next payload: Notify (41)", 474, 1},
				{"isakmp.criticalpayload", "0... .... = Critical Bit: Not critical", 475, 1},
				{"isakmp.reserved7", ".000 0000 = Reserved: 0x00", 475, 1},
				{"isakmp.payloadlength", "Payload length: 8", 476, 2},
				{"isakmp.notify.protoid", "Protocol ID: RESERVED (0)", 478, 1},
				{"isakmp.spisize", "SPI Size: 0", 479, 1},
				{"isakmp.notify.msgtype", "Notify Message Type: IKEV2_FRAGMENTATION_SUPPORTED (16430)", 480, 2},
				{"isakmp.notify.data", "Notification DATA: <MISSING>", 482, 0},
				{"isakmp.typepayload", "Payload: Notify (41) - SIGNATURE_HASH_ALGORITHMS", 482, 16},
				{"isakmp.nextpayload", "Next payload: Notify (41)", 482, 1},
				{"isakmp.criticalpayload", "0... .... = Critical Bit: Not critical", 483, 1},
				{"isakmp.reserved7", ".000 0000 = Reserved: 0x00", 483, 1},
				{"isakmp.payloadlength", "Payload length: 16", 484, 2},
				{"isakmp.notify.protoid", "Protocol ID: RESERVED (0)", 486, 1},
				{"isakmp.spisize", "SPI Size: 0", 487, 1},
				{"isakmp.notify.msgtype", "Notify Message Type: SIGNATURE_HASH_ALGORITHMS (16431)", 488, 2},
				{"isakmp.notify.data", "Notification DATA: 0002000300040005", 490, 8},
				{"isakmp.notify.data.signature_hash_algorithms", "Supported Signature Hash Algorithm: SHA2-256 (2)", 490, 2},
				{"isakmp.notify.data.signature_hash_algorithms", "Supported Signature Hash Algorithm: SHA2-384 (3)", 492, 2},
				{"isakmp.notify.data.signature_hash_algorithms", "Supported Signature Hash Algorithm: SHA2-512 (4)", 494, 2},
				{"isakmp.notify.data.signature_hash_algorithms", "Supported Signature Hash Algorithm: Identity (5)", 496, 2},
				{"isakmp.typepayload", "Payload: Notify (41) - REDIRECT_SUPPORTED", 498, 8},
				{"isakmp.nextpayload", "Next payload: NONE / No Next Payload  (0)", 498, 1},
				{"isakmp.criticalpayload", "0... .... = Critical Bit: Not critical", 499, 1},
				{"isakmp.reserved7", ".000 0000 = Reserved: 0x00", 499, 1},
				{"isakmp.payloadlength", "Payload length: 8", 500, 2},
				{"isakmp.notify.protoid", "Protocol ID: RESERVED (0)", 502, 1},
				{"isakmp.spisize", "SPI Size: 0", 503, 1},
				{"isakmp.notify.msgtype", "Notify Message Type: REDIRECT_SUPPORTED (16406)", 504, 2},
				{"isakmp.notify.data", "Notification DATA: <MISSING>", 506, 0},
			}},
			{2, []pdmlWant{
				{"udpencap", "UDP Encapsulation of IPsec Packets", 42, 4},
				{"udpencap.non_esp_marker", "Non-ESP Marker", 42, 4},
				{"isakmp", "Internet Security Association and Key Management Protocol", 46, 272},
				{"isakmp.ispi", "Initiator SPI: 76b8bf522410ab30", 46, 8},
				{"isakmp.rspi", "Responder SPI: 92a9ca27599bd5e5", 54, 8},
				{"isakmp.nextpayload", "Next payload: Encrypted and Authenticated (46)", 62, 1},
				{"isakmp.version", "Version: 2.0", 63, 1},
				{"isakmp.mjver", "0010 .... = MjVer: 0x2", 63, 1},
				{"isakmp.mnver", ".... 0000 = MnVer: 0x0", 63, 1},
				{"isakmp.exchangetype", "Exchange type: IKE_AUTH (35)", 64, 1},
				{"isakmp.flags", "Flags: 0x08 (Initiator, No higher version, Request)", 65, 1},
				{"isakmp.flag_i", ".... 1... = Initiator: Initiator", 65, 1},
				{"isakmp.flag_v", "...0 .... = Version: No higher version", 65, 1},
				{"isakmp.flag_r", "..0. .... = Response: Request", 65, 1},
				{"isakmp.messageid", "Message ID: 0x00000001", 66, 4},
				{"isakmp.length", "Length: 272", 70, 4},
				{"isakmp.typepayload", "Payload: Encrypted and Authenticated (46)", 74, 244},
				{"isakmp.nextpayload", "Next payload: Identification - Initiator (35)", 74, 1},
				{"isakmp.criticalpayload", "0... .... = Critical Bit: Not critical", 75, 1},
				{"isakmp.reserved7", ".000 0000 = Reserved: 0x00", 75, 1},
				{"isakmp.payloadlength", "Payload length: 244", 76, 2},
				{"isakmp.enc.iv", "Initialization Vector: b484ad1b", 78, 4},
				{"isakmp.enc.data", "Encrypted Data", 82, 236},
			}},
			{34, []pdmlWant{
				{"udpencap", "UDP Encapsulation of IPsec Packets", 42, 4},
				{"udpencap.non_esp_marker", "Non-ESP Marker", 42, 4},
				{"isakmp", "Internet Security Association and Key Management Protocol", 46, 76},
				{"isakmp.ispi", "Initiator SPI: 81cf25b877f60625", 46, 8},
				{"isakmp.rspi", "Responder SPI: 3f5ca33d86d3e3c5", 54, 8},
				{"isakmp.nextpayload", "Next payload: Identification (5)", 62, 1},
				{"isakmp.version", "Version: 1.0", 63, 1},
				{"isakmp.mjver", "0001 .... = MjVer: 0x1", 63, 1},
				{"isakmp.mnver", ".... 0000 = MnVer: 0x0", 63, 1},
				{"isakmp.exchangetype", "Exchange type: Identity Protection (Main Mode) (2)", 64, 1},
				{"isakmp.flags", "Flags: 0x01", 65, 1},
				{"isakmp.flag_e", ".... ...1 = Encryption: Encrypted", 65, 1},
				{"isakmp.flag_c", ".... ..0. = Commit: No commit", 65, 1},
				{"isakmp.flag_a", ".... .0.. = Authentication: No authentication", 65, 1},
				{"isakmp.messageid", "Message ID: 0x00000000", 66, 4},
				{"isakmp.length", "Length: 76", 70, 4},
				{"isakmp.enc.data", "Encrypted Data (48 bytes)", 74, 48},
			}},
			{45, []pdmlWant{
				{"isakmp", "Internet Security Association and Key Management Protocol", 42, 501},
				{"isakmp.ispi", "Initiator SPI: f6cc13e1fa579dc8", 42, 8},
				{"isakmp.rspi", "Responder SPI: 0000000000000000", 50, 8},
				{"isakmp.nextpayload", "Next payload: Security Association (1)", 58, 1},
				{"isakmp.version", "Version: 1.0", 59, 1},
				{"isakmp.mjver", "0001 .... = MjVer: 0x1", 59, 1},
				{"isakmp.mnver", ".... 0000 = MnVer: 0x0", 59, 1},
				{"isakmp.exchangetype", "Exchange type: Aggressive (4)", 60, 1},
				{"isakmp.flags", "Flags: 0x00", 61, 1},
				{"isakmp.flag_e", ".... ...0 = Encryption: Not encrypted", 61, 1},
				{"isakmp.flag_c", ".... ..0. = Commit: No commit", 61, 1},
				{"isakmp.flag_a", ".... .0.. = Authentication: No authentication", 61, 1},
				{"isakmp.messageid", "Message ID: 0x00000000", 62, 4},
				{"isakmp.length", "Length: 501", 66, 4},
				{"isakmp.typepayload", "Payload: Security Association (1)", 70, 56},
				{"isakmp.nextpayload", "Next payload: Key Exchange (4)", 70, 1},
				{"isakmp.reserved", "Reserved: 00", 71, 1},
				{"isakmp.payloadlength", "Payload length: 56", 72, 2},
				{"isakmp.sa.doi", "Domain of interpretation: IPSEC (1)", 74, 4},
				{"isakmp.sa.situation", "Situation: 00000001", 78, 4},
				{"isakmp.sa.situation.identity_only", ".... .... .... .... .... .... .... ...1 = Identity Only: True", 78, 4},
				{"isakmp.sa.situation.secrecy", ".... .... .... .... .... .... .... ..0. = Secrecy: False", 78, 4},
				{"isakmp.sa.situation.integrity", ".... .... .... .... .... .... .... .0.. = Integrity: False", 78, 4},
				{"isakmp.typepayload", "Payload: Proposal (2) # 1", 82, 44},
				{"isakmp.nextpayload", "Next payload: NONE / No Next Payload  (0)", 82, 1},
				{"isakmp.reserved", "Reserved: 00", 83, 1},
				{"isakmp.payloadlength", "Payload length: 44", 84, 2},
				{"isakmp.prop.number", "Proposal number: 1", 86, 1},
				{"isakmp.prop.protoid", "Protocol ID: ISAKMP (1)", 87, 1},
				{"isakmp.spisize", "SPI Size: 0", 88, 1},
				{"isakmp.prop.transforms", "Proposal transforms: 1", 89, 1},
				{"isakmp.typepayload", "Payload: Transform (3) # 1", 90, 36},
				{"isakmp.nextpayload", "Next payload: NONE / No Next Payload  (0)", 90, 1},
				{"isakmp.reserved", "Reserved: 00", 91, 1},
				{"isakmp.payloadlength", "Payload length: 36", 92, 2},
				{"isakmp.trans.number", "Transform number: 1", 94, 1},
				{"isakmp.trans.id", "Transform ID: KEY_IKE (1)", 95, 1},
				{"isakmp.reserved", "Reserved: 0000", 96, 2},
				{"isakmp.ike.attr", "IKE Attribute (t=1,l=2): Encryption-Algorithm: AES-CBC", 98, 4},
				{"isakmp.ike.attr.format", "1... .... .... .... = Format: Type/Value (TV)", 98, 2},
				{"isakmp.ike.attr.type", "Type: Encryption-Algorithm (1)", 98, 2},
				{"isakmp.ike.attr.value", "Value: 0007", 100, 2},
				{"isakmp.ike.attr.encryption_algorithm", "Encryption Algorithm: AES-CBC (7)", 100, 2},
				{"isakmp.ike.attr", "IKE Attribute (t=14,l=2): Key-Length: 128", 102, 4},
				{"isakmp.ike.attr.format", "1... .... .... .... = Format: Type/Value (TV)", 102, 2},
				{"isakmp.ike.attr.type", "Type: Key-Length (14)", 102, 2},
				{"isakmp.ike.attr.value", "Value: 0080", 104, 2},
				{"isakmp.ike.attr.key_length", "Key Length: 128", 104, 2},
				{"isakmp.ike.attr", "IKE Attribute (t=2,l=2): Hash-Algorithm: SHA", 106, 4},
				{"isakmp.ike.attr.format", "1... .... .... .... = Format: Type/Value (TV)", 106, 2},
				{"isakmp.ike.attr.type", "Type: Hash-Algorithm (2)", 106, 2},
				{"isakmp.ike.attr.value", "Value: 0002", 108, 2},
				{"isakmp.ike.attr.hash_algorithm", "HASH Algorithm: SHA (2)", 108, 2},
				{"isakmp.ike.attr", "IKE Attribute (t=4,l=2): Group-Description: 2048 bit MODP group", 110, 4},
				{"isakmp.ike.attr.format", "1... .... .... .... = Format: Type/Value (TV)", 110, 2},
				{"isakmp.ike.attr.type", "Type: Group-Description (4)", 110, 2},
				{"isakmp.ike.attr.value", "Value: 000e", 112, 2},
				{"isakmp.ike.attr.group_description", "Group Description: 2048 bit MODP group (14)", 112, 2},
				{"isakmp.ike.attr", "IKE Attribute (t=3,l=2): Authentication-Method: Pre-shared key", 114, 4},
				{"isakmp.ike.attr.format", "1... .... .... .... = Format: Type/Value (TV)", 114, 2},
				{"isakmp.ike.attr.type", "Type: Authentication-Method (3)", 114, 2},
				{"isakmp.ike.attr.value", "Value: 0001", 116, 2},
				{"isakmp.ike.attr.authentication_method", "Authentication Method: Pre-shared key (1)", 116, 2},
				{"isakmp.ike.attr", "IKE Attribute (t=11,l=2): Life-Type: Seconds", 118, 4},
				{"isakmp.ike.attr.format", "1... .... .... .... = Format: Type/Value (TV)", 118, 2},
				{"isakmp.ike.attr.type", "Type: Life-Type (11)", 118, 2},
				{"isakmp.ike.attr.value", "Value: 0001", 120, 2},
				{"isakmp.ike.attr.life_type", "Life Type: Seconds (1)", 120, 2},
				{"isakmp.ike.attr", "IKE Attribute (t=12,l=2): Life-Duration: 15840", 122, 4},
				{"isakmp.ike.attr.format", "1... .... .... .... = Format: Type/Value (TV)", 122, 2},
				{"isakmp.ike.attr.type", "Type: Life-Duration (12)", 122, 2},
				{"isakmp.ike.attr.value", "Value: 3de0", 124, 2},
				{"isakmp.ike.attr.life_duration", "Life Duration: 15840", 124, 2},
				{"isakmp.typepayload", "Payload: Key Exchange (4)", 126, 260},
				{"isakmp.nextpayload", "Next payload: Nonce (10)", 126, 1},
				{"isakmp.reserved", "Reserved: 00", 127, 1},
				{"isakmp.payloadlength", "Payload length: 260", 128, 2},
				{"isakmp.key_exchange.data", "Key Exchange Data: dab4fe1370ae76c77be73454a47a88857600a1f76a87901536f0b5f379cfb8d543e51375…", 130, 256},
				{"isakmp.typepayload", "Payload: Nonce (10)", 386, 36},
				{"isakmp.nextpayload", "Next payload: Identification (5)", 386, 1},
				{"isakmp.reserved", "Reserved: 00", 387, 1},
				{"isakmp.payloadlength", "Payload length: 36", 388, 2},
				{"isakmp.nonce", "Nonce DATA: 15f5eec7616ef2b9871c1dfe6aaf2185b1b8ddaf36851ab59cadb9c3ee4a7cec", 390, 32},
				{"isakmp.typepayload", "Payload: Identification (5)", 422, 25},
				{"isakmp.nextpayload", "Next payload: Vendor ID (13)", 422, 1},
				{"isakmp.reserved", "Reserved: 00", 423, 1},
				{"isakmp.payloadlength", "Payload length: 25", 424, 2},
				{"isakmp.id.type", "ID type: USER_FQDN (3)", 426, 1},
				{"isakmp.id.protoid", "Protocol ID: Unused", 427, 1},
				{"isakmp.id.port", "Port: Unused", 428, 2},
				{"isakmp.id.data", "Identification Data:a-aggr@ladder.lab", 430, 17},
				{"isakmp.id.data.user_fqdn", "ID_FQDN: a-aggr@ladder.lab", 430, 17},
				{"isakmp.typepayload", "Payload: Vendor ID (13) : XAUTH", 447, 12},
				{"isakmp.nextpayload", "Next payload: Vendor ID (13)", 447, 1},
				{"isakmp.reserved", "Reserved: 00", 448, 1},
				{"isakmp.payloadlength", "Payload length: 12", 449, 2},
				{"isakmp.vid_bytes", "Vendor ID: 09002689dfd6b712", 451, 8},
				{"isakmp.vid_string", "Vendor ID: XAUTH", 451, 8},
				{"isakmp.typepayload", "Payload: Vendor ID (13) : RFC 3706 DPD (Dead Peer Detection)", 459, 20},
				{"isakmp.nextpayload", "Next payload: Vendor ID (13)", 459, 1},
				{"isakmp.reserved", "Reserved: 00", 460, 1},
				{"isakmp.payloadlength", "Payload length: 20", 461, 2},
				{"isakmp.vid_bytes", "Vendor ID: afcad71368a1f1c96b8696fc77570100", 463, 16},
				{"isakmp.vid_string", "Vendor ID: RFC 3706 DPD (Dead Peer Detection)", 463, 16},
				{"isakmp.typepayload", "Payload: Vendor ID (13) : Cisco Fragmentation", 479, 24},
				{"isakmp.nextpayload", "Next payload: Vendor ID (13)", 479, 1},
				{"isakmp.reserved", "Reserved: 00", 480, 1},
				{"isakmp.payloadlength", "Payload length: 24", 481, 2},
				{"isakmp.vid_bytes", "Vendor ID: 4048b7d56ebce88525e7de7f00d6c2d380000000", 483, 20},
				{"isakmp.vid_string", "Vendor ID: Cisco Fragmentation", 483, 20},
				{"isakmp.typepayload", "Payload: Vendor ID (13) : RFC 3947 Negotiation of NAT-Traversal in the IKE", 503, 20},
				{"isakmp.nextpayload", "Next payload: Vendor ID (13)", 503, 1},
				{"isakmp.reserved", "Reserved: 00", 504, 1},
				{"isakmp.payloadlength", "Payload length: 20", 505, 2},
				{"isakmp.vid_bytes", "Vendor ID: 4a131c81070358455c5728f20e95452f", 507, 16},
				{"isakmp.vid_string", "Vendor ID: RFC 3947 Negotiation of NAT-Traversal in the IKE", 507, 16},
				{"isakmp.typepayload", "Payload: Vendor ID (13) : draft-ietf-ipsec-nat-t-ike-02\\n", 523, 20},
				{"isakmp.nextpayload", "Next payload: NONE / No Next Payload  (0)", 523, 1},
				{"isakmp.reserved", "Reserved: 00", 524, 1},
				{"isakmp.payloadlength", "Payload length: 20", 525, 2},
				{"isakmp.vid_bytes", "Vendor ID: 90cb80913ebb696e086381b5ec427b1f", 527, 16},
				{"isakmp.vid_string", "Vendor ID: draft-ietf-ipsec-nat-t-ike-02\\n", 527, 16},
			}},
		}},
		{isakmpCrafted, []struct {
			frame int
			want  []pdmlWant
		}{
			{1, []pdmlWant{
				{"isakmp", "Internet Security Association and Key Management Protocol", 42, 161},
				{"isakmp.ispi", "Initiator SPI: 1122334455667788", 42, 8},
				{"isakmp.rspi", "Responder SPI: 99aabbccddeeff00", 50, 8},
				{"isakmp.nextpayload", "Next payload: Hash (8)", 58, 1},
				{"isakmp.version", "Version: 1.0", 59, 1},
				{"isakmp.mjver", "0001 .... = MjVer: 0x1", 59, 1},
				{"isakmp.mnver", ".... 0000 = MnVer: 0x0", 59, 1},
				{"isakmp.exchangetype", "Exchange type: Quick Mode (32)", 60, 1},
				{"isakmp.flags", "Flags: 0x00", 61, 1},
				{"isakmp.flag_e", ".... ...0 = Encryption: Not encrypted", 61, 1},
				{"isakmp.flag_c", ".... ..0. = Commit: No commit", 61, 1},
				{"isakmp.flag_a", ".... .0.. = Authentication: No authentication", 61, 1},
				{"isakmp.messageid", "Message ID: 0x12345678", 62, 4},
				{"isakmp.length", "Length: 161", 66, 4},
				{"isakmp.typepayload", "Payload: Hash (8)", 70, 24},
				{"isakmp.nextpayload", "Next payload: Security Association (1)", 70, 1},
				{"isakmp.reserved", "Reserved: 00", 71, 1},
				{"isakmp.payloadlength", "Payload length: 24", 72, 2},
				{"isakmp.hash", "Hash DATA: 0000000000000000000000000000000000000000", 74, 20},
				{"isakmp.typepayload", "Payload: Security Association (1)", 94, 56},
				{"isakmp.nextpayload", "Next payload: Nonce (10)", 94, 1},
				{"isakmp.reserved", "Reserved: 00", 95, 1},
				{"isakmp.payloadlength", "Payload length: 56", 96, 2},
				{"isakmp.sa.doi", "Domain of interpretation: IPSEC (1)", 98, 4},
				{"isakmp.sa.situation", "Situation: 00000001", 102, 4},
				{"isakmp.sa.situation.identity_only", ".... .... .... .... .... .... .... ...1 = Identity Only: True", 102, 4},
				{"isakmp.sa.situation.secrecy", ".... .... .... .... .... .... .... ..0. = Secrecy: False", 102, 4},
				{"isakmp.sa.situation.integrity", ".... .... .... .... .... .... .... .0.. = Integrity: False", 102, 4},
				{"isakmp.typepayload", "Payload: Proposal (2) # 1", 106, 44},
				{"isakmp.nextpayload", "Next payload: NONE / No Next Payload  (0)", 106, 1},
				{"isakmp.reserved", "Reserved: 00", 107, 1},
				{"isakmp.payloadlength", "Payload length: 44", 108, 2},
				{"isakmp.prop.number", "Proposal number: 1", 110, 1},
				{"isakmp.prop.protoid", "Protocol ID: IPSEC_ESP (3)", 111, 1},
				{"isakmp.spisize", "SPI Size: 4", 112, 1},
				{"isakmp.prop.transforms", "Proposal transforms: 1", 113, 1},
				{"isakmp.spi", "SPI: c0ffee01", 114, 4},
				{"isakmp.typepayload", "Payload: Transform (3) # 1", 118, 32},
				{"isakmp.nextpayload", "Next payload: NONE / No Next Payload  (0)", 118, 1},
				{"isakmp.reserved", "Reserved: 00", 119, 1},
				{"isakmp.payloadlength", "Payload length: 32", 120, 2},
				{"isakmp.trans.number", "Transform number: 1", 122, 1},
				{"isakmp.trans.id", "Transform ID: AES (12)", 123, 1},
				{"isakmp.reserved", "Reserved: 0000", 124, 2},
				{"isakmp.ipsec.attr", "IPsec Attribute (t=1,l=2): SA-Life-Type: Seconds", 126, 4},
				{"isakmp.ipsec.attr.format", "1... .... .... .... = Format: Type/Value (TV)", 126, 2},
				{"isakmp.ipsec.attr.type", "Type: SA-Life-Type (1)", 126, 2},
				{"isakmp.ipsec.attr.value", "Value: 0001", 128, 2},
				{"isakmp.ipsec.attr.life_type", "Life Type: Seconds (1)", 128, 2},
				{"isakmp.ipsec.attr", "IPsec Attribute (t=2,l=4): SA-Life-Duration: 3600", 130, 8},
				{"isakmp.ipsec.attr.format", "0... .... .... .... = Format: Type/Length/Value (TLV)", 130, 2},
				{"isakmp.ipsec.attr.type", "Type: SA-Life-Duration (2)", 130, 2},
				{"isakmp.ipsec.attr.length", "Length: 4", 132, 2},
				{"isakmp.ipsec.attr.value", "Value: 00000e10", 134, 4},
				{"isakmp.ipsec.attr.life_duration", "Life Duration: 3600", 134, 4},
				{"isakmp.ipsec.attr", "IPsec Attribute (t=4,l=2): Encapsulation-Mode: Tunnel", 138, 4},
				{"isakmp.ipsec.attr.format", "1... .... .... .... = Format: Type/Value (TV)", 138, 2},
				{"isakmp.ipsec.attr.type", "Type: Encapsulation-Mode (4)", 138, 2},
				{"isakmp.ipsec.attr.value", "Value: 0001", 140, 2},
				{"isakmp.ipsec.attr.encap_mode", "Encapsulation Mode: Tunnel (1)", 140, 2},
				{"isakmp.ipsec.attr", "IPsec Attribute (t=5,l=2): Authentication-Algorithm: HMAC-SHA", 142, 4},
				{"isakmp.ipsec.attr.format", "1... .... .... .... = Format: Type/Value (TV)", 142, 2},
				{"isakmp.ipsec.attr.type", "Type: Authentication-Algorithm (5)", 142, 2},
				{"isakmp.ipsec.attr.value", "Value: 0002", 144, 2},
				{"isakmp.ipsec.attr.auth_algorithm", "Authentication Algorithm: HMAC-SHA (2)", 144, 2},
				{"isakmp.ipsec.attr", "IPsec Attribute (t=6,l=2): Key-Length: 128", 146, 4},
				{"isakmp.ipsec.attr.format", "1... .... .... .... = Format: Type/Value (TV)", 146, 2},
				{"isakmp.ipsec.attr.type", "Type: Key-Length (6)", 146, 2},
				{"isakmp.ipsec.attr.value", "Value: 0080", 148, 2},
				{"isakmp.ipsec.attr.key_length", "Key Length: 128", 148, 2},
				{"isakmp.typepayload", "Payload: Nonce (10)", 150, 20},
				{"isakmp.nextpayload", "Next payload: Identification (5)", 150, 1},
				{"isakmp.reserved", "Reserved: 00", 151, 1},
				{"isakmp.payloadlength", "Payload length: 20", 152, 2},
				{"isakmp.nonce", "Nonce DATA: 000102030405060708090a0b0c0d0e0f", 154, 16},
				{"isakmp.typepayload", "Payload: Identification (5)", 170, 12},
				{"isakmp.nextpayload", "Next payload: Identification (5)", 170, 1},
				{"isakmp.reserved", "Reserved: 00", 171, 1},
				{"isakmp.payloadlength", "Payload length: 12", 172, 2},
				{"isakmp.id.type", "ID type: IPV4_ADDR (1)", 174, 1},
				{"isakmp.id.protoid", "Protocol ID: UDP (17)", 175, 1},
				{"isakmp.id.port", "Port: 500", 176, 2},
				{"isakmp.id.data", "Identification Data:10.9.0.1", 178, 4},
				{"isakmp.id.data.ipv4_addr", "ID_IPV4_ADDR: 10.9.0.1", 178, 4},
				{"isakmp.typepayload", "Payload: Identification (5)", 182, 21},
				{"isakmp.nextpayload", "Next payload: NONE / No Next Payload  (0)", 182, 1},
				{"isakmp.reserved", "Reserved: 00", 183, 1},
				{"isakmp.payloadlength", "Payload length: 21", 184, 2},
				{"isakmp.id.type", "ID type: FQDN (2)", 186, 1},
				{"isakmp.id.protoid", "Protocol ID: Unused", 187, 1},
				{"isakmp.id.port", "Port: Unused", 188, 2},
				{"isakmp.id.data", "Identification Data:gw.ladder.lab", 190, 13},
				{"isakmp.id.data.fqdn", "ID_FQDN: gw.ladder.lab", 190, 13},
			}},
			{2, []pdmlWant{
				{"isakmp", "Internet Security Association and Key Management Protocol", 42, 76},
				{"isakmp.ispi", "Initiator SPI: 1122334455667788", 42, 8},
				{"isakmp.rspi", "Responder SPI: 99aabbccddeeff00", 50, 8},
				{"isakmp.nextpayload", "Next payload: Notification (11)", 58, 1},
				{"isakmp.version", "Version: 1.0", 59, 1},
				{"isakmp.mjver", "0001 .... = MjVer: 0x1", 59, 1},
				{"isakmp.mnver", ".... 0000 = MnVer: 0x0", 59, 1},
				{"isakmp.exchangetype", "Exchange type: Informational (5)", 60, 1},
				{"isakmp.flags", "Flags: 0x00", 61, 1},
				{"isakmp.flag_e", ".... ...0 = Encryption: Not encrypted", 61, 1},
				{"isakmp.flag_c", ".... ..0. = Commit: No commit", 61, 1},
				{"isakmp.flag_a", ".... .0.. = Authentication: No authentication", 61, 1},
				{"isakmp.messageid", "Message ID: 0x01020304", 62, 4},
				{"isakmp.length", "Length: 76", 66, 4},
				{"isakmp.typepayload", "Payload: Notification (11)", 70, 28},
				{"isakmp.nextpayload", "Next payload: Delete (12)", 70, 1},
				{"isakmp.reserved", "Reserved: 00", 71, 1},
				{"isakmp.payloadlength", "Payload length: 28", 72, 2},
				{"isakmp.notify.doi", "Domain of interpretation: IPSEC (1)", 74, 4},
				{"isakmp.notify.protoid", "Protocol ID: ISAKMP (1)", 78, 1},
				{"isakmp.spisize", "SPI Size: 16", 79, 1},
				{"isakmp.notify.msgtype", "Notify Message Type: INITIAL-CONTACT (24578)", 80, 2},
				{"isakmp.spi", "SPI: 112233445566778899aabbccddeeff00", 82, 16},
				{"isakmp.notify.data", "Notification DATA: <MISSING>", 98, 0},
				{"isakmp.typepayload", "Payload: Delete (12)", 98, 20},
				{"isakmp.nextpayload", "Next payload: NONE / No Next Payload  (0)", 98, 1},
				{"isakmp.reserved", "Reserved: 00", 99, 1},
				{"isakmp.payloadlength", "Payload length: 20", 100, 2},
				{"isakmp.delete.doi", "Domain of interpretation: IPSEC (1)", 102, 4},
				{"isakmp.delete.protoid", "Protocol ID: IPSEC_ESP (3)", 106, 1},
				{"isakmp.spisize", "SPI Size: 4", 107, 1},
				{"isakmp.spinum", "Number of SPIs: 2", 108, 2},
				{"isakmp.delete.spi", "Delete SPI: c0ffee01", 110, 4},
				{"isakmp.delete.spi", "Delete SPI: c0ffee02", 114, 4},
			}},
			{4, []pdmlWant{
				{"isakmp", "Internet Security Association and Key Management Protocol", 42, 157},
				{"isakmp.ispi", "Initiator SPI: 1122334455667788", 42, 8},
				{"isakmp.rspi", "Responder SPI: 99aabbccddeeff00", 50, 8},
				{"isakmp.nextpayload", "Next payload: Identification - Initiator (35)", 58, 1},
				{"isakmp.version", "Version: 2.0", 59, 1},
				{"isakmp.mjver", "0010 .... = MjVer: 0x2", 59, 1},
				{"isakmp.mnver", ".... 0000 = MnVer: 0x0", 59, 1},
				{"isakmp.exchangetype", "Exchange type: IKE_AUTH (35)", 60, 1},
				{"isakmp.flags", "Flags: 0x08 (Initiator, No higher version, Request)", 61, 1},
				{"isakmp.flag_i", ".... 1... = Initiator: Initiator", 61, 1},
				{"isakmp.flag_v", "...0 .... = Version: No higher version", 61, 1},
				{"isakmp.flag_r", "..0. .... = Response: Request", 61, 1},
				{"isakmp.messageid", "Message ID: 0x00000001", 62, 4},
				{"isakmp.length", "Length: 157", 66, 4},
				{"isakmp.typepayload", "Payload: Identification - Initiator (35)", 70, 25},
				{"isakmp.nextpayload", "Next payload: Authentication (39)", 70, 1},
				{"isakmp.criticalpayload", "0... .... = Critical Bit: Not critical", 71, 1},
				{"isakmp.reserved7", ".000 0000 = Reserved: 0x00", 71, 1},
				{"isakmp.payloadlength", "Payload length: 25", 72, 2},
				{"isakmp.id.type", "ID type: FQDN (2)", 74, 1},
				{"isakmp.reserved", "Reserved: 000000", 75, 3},
				{"isakmp.id.data", "Identification Data:client.ladder.lab", 78, 17},
				{"isakmp.id.data.fqdn", "ID_FQDN: client.ladder.lab", 78, 17},
				{"isakmp.typepayload", "Payload: Authentication (39)", 95, 40},
				{"isakmp.nextpayload", "Next payload: Traffic Selector - Initiator (44)", 95, 1},
				{"isakmp.criticalpayload", "0... .... = Critical Bit: Not critical", 96, 1},
				{"isakmp.reserved7", ".000 0000 = Reserved: 0x00", 96, 1},
				{"isakmp.payloadlength", "Payload length: 40", 97, 2},
				{"isakmp.auth.method", "Authentication Method: Shared Key Message Integrity Code (2)", 99, 1},
				{"isakmp.reserved", "Reserved: 000000", 100, 3},
				{"isakmp.auth.data", "Authentication Data: 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", 103, 32},
				{"isakmp.typepayload", "Payload: Traffic Selector - Initiator (44) # 2", 135, 40},
				{"isakmp.nextpayload", "Next payload: Traffic Selector - Responder (45)", 135, 1},
				{"isakmp.criticalpayload", "0... .... = Critical Bit: Not critical", 136, 1},
				{"isakmp.reserved7", ".000 0000 = Reserved: 0x00", 136, 1},
				{"isakmp.payloadlength", "Payload length: 40", 137, 2},
				{"isakmp.ts.number", "Number of Traffic Selectors: 2", 139, 1},
				{"isakmp.reserved", "Reserved: 000000", 140, 3},
				{"isakmp.ts.data", "Traffic Selector: TS_IPV4_ADDR_RANGE", 143, 16},
				{"isakmp.ts.type", "Traffic Selector Type: TS_IPV4_ADDR_RANGE (7)", 143, 1},
				{"isakmp.ts.protoid", "Protocol ID: UDP (17)", 144, 1},
				{"isakmp.ts.selector_length", "Selector Length: 16", 145, 2},
				{"isakmp.ts.start_port", "Start Port: 500", 147, 2},
				{"isakmp.ts.end_port", "End Port: 500", 149, 2},
				{"isakmp.ts.start_ipv4", "Starting Addr: 10.9.0.1", 151, 4},
				{"isakmp.ts.end_ipv4", "Ending Addr: 10.9.0.1", 155, 4},
				{"isakmp.ts.data", "Traffic Selector: TS_IPV4_ADDR_RANGE", 159, 16},
				{"isakmp.ts.type", "Traffic Selector Type: TS_IPV4_ADDR_RANGE (7)", 159, 1},
				{"isakmp.ts.protoid", "Protocol ID: Unused", 160, 1},
				{"isakmp.ts.selector_length", "Selector Length: 16", 161, 2},
				{"isakmp.ts.start_port", "Start Port: 0", 163, 2},
				{"isakmp.ts.end_port", "End Port: 65535", 165, 2},
				{"isakmp.ts.start_ipv4", "Starting Addr: 10.51.0.0", 167, 4},
				{"isakmp.ts.end_ipv4", "Ending Addr: 10.51.255.255", 171, 4},
				{"isakmp.typepayload", "Payload: Traffic Selector - Responder (45) # 1", 175, 24},
				{"isakmp.nextpayload", "Next payload: NONE / No Next Payload  (0)", 175, 1},
				{"isakmp.criticalpayload", "0... .... = Critical Bit: Not critical", 176, 1},
				{"isakmp.reserved7", ".000 0000 = Reserved: 0x00", 176, 1},
				{"isakmp.payloadlength", "Payload length: 24", 177, 2},
				{"isakmp.ts.number", "Number of Traffic Selectors: 1", 179, 1},
				{"isakmp.reserved", "Reserved: 000000", 180, 3},
				{"isakmp.ts.data", "Traffic Selector: TS_IPV4_ADDR_RANGE", 183, 16},
				{"isakmp.ts.type", "Traffic Selector Type: TS_IPV4_ADDR_RANGE (7)", 183, 1},
				{"isakmp.ts.protoid", "Protocol ID: Unused", 184, 1},
				{"isakmp.ts.selector_length", "Selector Length: 16", 185, 2},
				{"isakmp.ts.start_port", "Start Port: 0", 187, 2},
				{"isakmp.ts.end_port", "End Port: 65535", 189, 2},
				{"isakmp.ts.start_ipv4", "Starting Addr: 10.51.0.0", 191, 4},
				{"isakmp.ts.end_ipv4", "Ending Addr: 10.51.255.255", 195, 4},
			}},
		}},
	} {
		x := loadAppCapture(t, file.name)
		w := NewAppWalker(x)
		for _, c := range file.cases {
			res := w.At(c.frame, true)
			checkPDMLFields(t, c.frame, res.Tree, c.want)
		}
	}
}

// TestESPInUDPLayers checks the layers of UDP 4500 datagrams against
// tshark 4.0.17's PDML of lab__isakmp.pcap: ESP behind an empty UDPENCAP
// layer (frame 5), and the non-ESP marker alone, which ISAKMP does not
// dissect (crafted frame 21).
func TestESPInUDPLayers(t *testing.T) {
	x := loadAppCapture(t, isakmpLab)
	w := NewAppWalker(x)
	res := w.At(4, true)
	checkPDMLFields(t, 4, res.Tree, []pdmlWant{
		{"udpencap", "UDP Encapsulation of IPsec Packets", 42, 0},
		{"esp", "Encapsulating Security Payload", 42, 136},
		{"esp.spi", "ESP SPI: 0xee79a2cc (4000948940)", 42, 4},
		{"esp.sequence", "ESP Sequence: 1", 46, 4},
	})
	x = loadAppCapture(t, isakmpCrafted)
	w = NewAppWalker(x)
	res = w.At(20, true)
	if res.Proto != "ISAKMP" || res.Info != "" || len(res.Tree) == 0 {
		t.Fatalf("marker alone: %q %q", res.Proto, res.Info)
	}
	checkPDMLFields(t, 20, res.Tree, []pdmlWant{
		{"udpencap", "UDP Encapsulation of IPsec Packets", 42, 4},
		{"udpencap.non_esp_marker", "Non-ESP Marker", 42, 4},
	})
}

// FuzzProtoISAKMP feeds arbitrary bytes to the ISAKMP dissector, directly
// and behind the non-ESP marker: no panic, every field inside the bytes.
// Seeded with lab__isakmp.pcap's payloads.
func FuzzProtoISAKMP(f *testing.F) {
	for _, b := range udpPayloads(f, filepath.Join("..", "testdata", "app", isakmpLab)) {
		if len(b) > 4 && b[0]|b[1]|b[2]|b[3] == 0 {
			b = b[4:]
		}
		f.Add(b)
	}
	f.Add(ikeHdr(41, 0x20, 37, 0x08, 7, 36, "0000001000000000"))
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, tree := range []bool{false, true} {
			var out Out
			out.reset(tree)
			dissectISAKMPUDP(&PDU{Data: b, Len: len(b), SrcPort: 500, DstPort: 500}, &out)
			checkTree(t, out.Tree, len(b))
			m := append([]byte{0, 0, 0, 0}, b...)
			out.reset(tree)
			var conv Conv
			dissectESP(&PDU{Data: m, Len: len(m), SrcPort: 4500, DstPort: 4500, Conv: &conv}, &out)
			checkTree(t, out.Tree, len(m))
		}
	})
}
