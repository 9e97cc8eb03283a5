package decode

import (
	"encoding/hex"
	"testing"
)

// TestUDPServiceColumns dissects hand-built SNMP, syslog and TFTP
// datagrams laid out per RFC 1157/3416 (BER), RFC 3164 and RFC 1350. The
// expected columns are tshark 4.0.17's, as on the real net-snmp, logger and
// tftp-hpa traffic of testdata/app/lab__udp-services.pcap (all frames
// agree there), and SNMPv3 messages of lab__snmpv3.pcap.
func TestUDPServiceColumns(t *testing.T) {
	cases := []struct {
		name        string
		d           *Dissector
		hex         string
		ok          bool
		proto, info string
	}{
		// SEQUENCE { version 1, "public", get-request { id 1, 0, 0, { { 1.3.6.1.2.1.1.5.0, NULL } } } }
		{"SNMP get-request", snmp, "3026020101040670756260696ca019020101020100020100300e300c06082b060102010105000500", true, "SNMP", "get-request 1.3.6.1.2.1.1.5.0"},
		{"SNMP v1 get-response", snmp, "3026020100040670756260696ca219020101020100020100300e300c06082b060102010105000500", true, "SNMP", "get-response 1.3.6.1.2.1.1.5.0"},
		{"SNMPv3 cut after its version", snmp, "3026020103", false, "", ""},
		// lab__snmpv3.pcap frame 3 (authNoPriv: the scoped PDU in clear)
		// and frame 7 (authPriv), net-snmp 5.9 snmpget against snmpd
		{"SNMPv3 get-request", snmp, "3081820201033011020434c3c8df020300ffe304010502010304353033041180001f88807c98754ae37d156b0000000002010102010204086175746875736572040ca4fd37a21d84d9053429b36d04003033041180001f88807c98754ae37d156b000000000400a01c020428e85008020100020100300e300c06082b060102010106000500", true, "SNMP", "get-request 1.3.6.1.2.1.1.6.0"},
		{"SNMPv3 encrypted", snmp, "30818c020103301102042f3de36b020300ffe3040107020103043d303b041180001f88807c98754ae37d156b0000000002010102010204087072697675736572040c0e81373138c0343a91c616f7040811410338b1c8e3b804351777a5f302c8ec773beaaadbbef23d0c1288f0e993df76d81c460feff608cb8cf8cdf44dce06a71910d13580e4f339c40b52c9875b", true, "SNMP", "encryptedPDU: privKey Unknown"},
		{"SNMP length past the end", snmp, "30ff020101", false, "", ""},
		{"syslog RFC 3164", syslog, hex.EncodeToString([]byte("<133>Dec  6 12:44:00 vm lab: disk almost full")), true, "Syslog", "LOCAL0.NOTICE: Dec  6 12:44:00 vm lab: disk almost full"},
		{"syslog escape sequence", syslog, hex.EncodeToString([]byte("<11>x\x1b[2Jy")), true, "Syslog", `USER.ERR: x\033[2Jy`},
		{"syslog without PRI", syslog, hex.EncodeToString([]byte("hello")), false, "", ""},
		{"syslog facility past 23", syslog, hex.EncodeToString([]byte("<999>x")), false, "", ""},
		{"TFTP read request", tftp, "0001" + hex.EncodeToString([]byte("hello.txt\x00octet\x00")), true, "TFTP", "Read Request, File: hello.txt, Transfer type: octet"},
		{"TFTP last data block", tftp, "00030002616263", true, "TFTP", "Data Packet, Block: 2 (last)"},
		{"TFTP acknowledgement", tftp, "00040001", true, "TFTP", "Acknowledgement, Block: 1"},
		{"TFTP error", tftp, "00050001" + hex.EncodeToString([]byte("File not found\x00")), true, "TFTP", "Error Code, Code: File not found, Message: File not found"},
		{"TFTP unknown opcode", tftp, "0009", false, "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkDissect(t, c.hex, PDU{Conv: &Conv{}}, c.d.Dissect, c.ok, c.proto, c.info)
		})
	}
}

// FuzzProtoUDPServices feeds arbitrary bytes to the SNMP, syslog, TFTP and
// ESP-in-UDP dissectors, with and without the tree: no panic, every field
// inside the bytes. Seeded with the datagrams of lab__udp-services.pcap and
// lab__snmpv3.pcap.
func FuzzProtoUDPServices(f *testing.F) {
	for _, name := range []string{"lab__udp-services.pcap", "lab__snmpv3.pcap"} {
		eachParsed(f, name, func(h *Headers) {
			if h.HasTransport {
				seed(f, h.Payload)
			}
		})
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, d := range []*Dissector{snmp, syslog, tftp, esp} {
			for _, tree := range []bool{false, true} {
				var out Out
				out.reset(tree)
				p := PDU{Data: b, Len: len(b), Off: -1, Conv: &Conv{State: &tftpState{block: tftpDefaultBlock}}}
				if d.Dissect(&p, &out) {
					checkTree(t, out.Tree, len(b))
				}
			}
		}
	})
}
