package decode

import (
	"testing"
)

// TestMPTCPOptionTreeMatchesPDML checks the Multipath TCP lines of one
// frame per option form against tshark 4.0.17's PDML of the same frames
// (tshark -T pdml; names, labels, offsets and sizes copied from it).
func TestMPTCPOptionTreeMatchesPDML(t *testing.T) {
	cases := []struct {
		name, file string
		frame      int // 0-based
		want       []pdmlWant
	}{
		{"MP_CAPABLE v1 ACK with keys", "../testdata/app/lab__mptcp-two-paths.pcapng", 4, []pdmlWant{
			{"mptcp", "Multipath Transmission Control Protocol: Multipath Capable", 66, 20},
			{"tcp.options.mptcp.subtype", "0000 .... = Multipath TCP subtype: Multipath Capable (0)", 68, 1},
			{"tcp.options.mptcp.version", ".... 0001 = Multipath TCP version: 1", 68, 1},
			{"tcp.options.mptcp.flags", "Multipath TCP flags: 0x01", 69, 1},
			{"tcp.options.mptcp.nomoresubflows.flag", "..0. .... = Do not attempt to establish new subflows to this address and port: 0", 69, 1},
			{"tcp.options.mptcp.sha256.flag", ".... ...1 = Use HMAC-SHA256: 1", 69, 1},
			{"tcp.options.mptcp.reserved.flag", "...0 000. = Reserved: 0x0", 69, 1},
			{"tcp.options.mptcp.sendkey", "Sender's Key: 11393271372421359564", 70, 8},
			{"mptcp.expected_token", "Subflow token generated from key: 350911276", 78, 0},
			{"mptcp.expected_idsn", "Subflow expected IDSN: 11929746884936465682 (64bits version)", 78, 0},
			{"tcp.options.mptcp.recvkey", "Receiver's Key: 8495282910007562093", 78, 8},
		}},
		{"ADD_ADDR with HMAC", "../testdata/app/lab__mptcp-two-paths.pcapng", 7, []pdmlWant{
			{"mptcp", "Multipath Transmission Control Protocol: Add Address", 66, 16},
			{"tcp.options.mptcp.echo", ".... ...0 = Echo: 0", 68, 1},
			{"tcp.options.mptcp.addrid", "Address ID: 1", 69, 1},
			{"tcp.options.mptcp.ipv4", "Advertised IPv4 Address: 10.91.2.2", 70, 4},
			{"tcp.options.mptcp.addaddrtrunchmac", "Truncated HMAC: 4846196542620672696", 74, 8},
		}},
		{"MP_JOIN SYN", "../testdata/app/lab__mptcp-two-paths.pcapng", 11, []pdmlWant{
			{"mptcp", "Multipath Transmission Control Protocol: Join Connection", 74, 12},
			{"tcp.options.mptcp.flags", "Multipath TCP flags: 0x10", 76, 1},
			{"tcp.options.mptcp.backup.flag", ".... ...0 = Backup flag: 0", 76, 1},
			{"tcp.options.mptcp.recvtok", "Receiver's Token: 551379059", 78, 4},
			{"tcp.options.mptcp.sendrand", "Sender's Random Number: 154680001", 82, 4},
		}},
		{"MP_JOIN ACK", "../testdata/app/lab__mptcp-two-paths.pcapng", 13, []pdmlWant{
			{"tcp.options.mptcp.reserved", ".... 0000 0000 0000 = Reserved: 0x000", 68, 2},
			{"tcp.options.mptcp.sendhmac", "Sender's HMAC: f65ef7eae8f7a06fccf349277e2405979e09381e", 70, 20},
		}},
		{"DSS with 64-bit mapping", "../testdata/app/lab__mptcp-two-paths.pcapng", 15, []pdmlWant{
			{"tcp.options.mptcp.flags", "Multipath TCP flags: 0x0f", 69, 1},
			{"tcp.options.mptcp.dseqnpresent.flag", ".... .1.. = Data Sequence Number, Subflow Sequence Number, Data-level Length, Checksum present: 1", 69, 1},
			{"tcp.options.mptcp.rawdataack", "Original MPTCP Data ACK: 11929746884936465690 (64bits)", 70, 8},
			{"tcp.options.mptcp.rawdataseqno", "Data Sequence Number: 15665137496750604761  (64bits version)", 78, 8},
			{"tcp.options.mptcp.subflowseqno", "Subflow Sequence Number: 1", 86, 4},
			{"tcp.options.mptcp.datalvllen", "Data-level Length: 1000", 90, 2},
		}},
		{"MP_CAPABLE v0 and SHA-1 token", "../testdata/corpus/tcpdump__tests__mptcp-fclose.pcap", 2, []pdmlWant{
			{"tcp.options.mptcp.version", ".... 0000 = Multipath TCP version: 0", 76, 1},
			{"tcp.options.mptcp.checksumreq.flags", "1... .... = Checksum required: 1", 77, 1},
			{"tcp.options.mptcp.sha1.flag", ".... ...1 = Use HMAC-SHA1: 1", 77, 1},
			{"tcp.options.mptcp.reserved.flag", "..00 000. = Reserved: 0x00", 77, 1},
			{"mptcp.expected_token", "Subflow token generated from key: 3554470991", 86, 0},
			{"mptcp.expected_idsn", "Subflow expected IDSN: 7512766147283988405 (64bits version)", 86, 0},
		}},
		{"DSS with 32-bit numbers", "../testdata/corpus/tcpdump__tests__mptcp-fclose.pcap", 5, []pdmlWant{
			{"tcp.options.mptcp.rawdataack", "Original MPTCP Data ACK: 3386645601", 70, 4},
			{"tcp.options.mptcp.rawdataseqno", "Data Sequence Number: 2976985014  (32bits version)", 74, 4},
		}},
		{"MP_FASTCLOSE", "../testdata/corpus/tcpdump__tests__mptcp-fclose.pcap", 9, []pdmlWant{
			{"mptcp", "Multipath Transmission Control Protocol: Fast Close", 66, 12},
			{"tcp.options.mptcp.subtype", "0111 .... = Multipath TCP subtype: Fast Close (7)", 68, 1},
			{"tcp.options.mptcp.recvkey", "Receiver's Key: 14989582283654746948", 70, 8},
		}},
		{"MP_TCPRST transient", "../testdata/corpus/tcpdump__tests__mptcp-tcprst.pcap", 1, []pdmlWant{
			{"tcp.options.mptcp.flags", "Multipath TCP flags: 0x81, Transient", 42, 1},
			{"tcp.options.mptcp.flag_U.flag", "0... = Flag U: Not set", 42, 1},
			{"tcp.options.mptcp.flag_T.flag", "...1 = Transient: Set", 42, 1},
			{"tcp.options.mptcp.rst_reason", "TCPRST Reason: MPTCP-specific error (0x01)", 43, 1},
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src, err := Open(tc.file)
			if err != nil {
				t.Fatal(err)
			}
			defer src.Close()
			x := Load(src)
			tree, _, err := x.Details(tc.frame, nil)
			if err != nil {
				t.Fatal(err)
			}
			checkPDMLFields(t, tc.frame, tree, tc.want)
		})
	}
}

// TestMPTCPNewSubtypeMarks checks which packets carry an MPTCP subtype new
// to their MPTCP connection, the mark the duplicate-ACK rule reads. From
// how lab__mptcp-two-paths was made and tshark's PDML of it: MP_CAPABLE
// opens the connection (frame 3), the first DSS (frame 6's MP_CAPABLE with
// data is MP_CAPABLE; frame 7 is the first DSS), the server's ADD_ADDR
// (frame 8), and the MP_JOIN SYN of the second subflow (frame 12), which
// joins the first connection by its token, so its DSS (frame 15) is not
// new.
func TestMPTCPNewSubtypeMarks(t *testing.T) {
	src, err := Open("../testdata/app/lab__mptcp-two-paths.pcapng")
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	x := Load(src)
	var got []int
	for i := range x.Len() {
		if x.Packet(i).Opts&OptMPTCPNew != 0 {
			got = append(got, i+1)
		}
	}
	want := []int{3, 7, 8, 12}
	if len(got) != len(want) {
		t.Fatalf("frames marked new: %v, want %v", got, want)
	}
	for k := range want {
		if got[k] != want[k] {
			t.Fatalf("frames marked new: %v, want %v", got, want)
		}
	}
}

// FuzzMPTCPOption feeds arbitrary option bytes to the MPTCP tree builder
// and the subflow bookkeeping: no panic, every line inside the option.
func FuzzMPTCPOption(f *testing.F) {
	for _, seed := range [][]byte{
		{30, 4, 0x01, 0x01},
		{30, 20, 0x01, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16},
		{30, 12, 0x10, 0x01, 0, 0, 0, 1, 0, 0, 0, 2},
		{30, 26, 0x20, 0x0f, 1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0, 1, 3, 232},
		{30, 16, 0x30, 0x01, 10, 91, 2, 2, 1, 2, 3, 4, 5, 6, 7, 8},
		{30, 4, 0x81, 0x01},
		{30, 12, 0x70, 0, 1, 2, 3, 4, 5, 6, 7, 8},
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, opts []byte) {
		MPTCPOptions(opts, func(opt []byte) {
			tree := MPTCPOptionTree(opt, 100)
			var walk func(fs []Field)
			walk = func(fs []Field) {
				for _, fl := range fs {
					if fl.Start < 100 || fl.Start+fl.Len > 100+len(opt) {
						t.Fatalf("%s at %d+%d outside the option (%d bytes)", fl.Name, fl.Start, fl.Len, len(opt))
					}
					walk(fl.Children)
				}
			}
			walk([]Field{tree})
		})
		tb := newFlowTable()
		tb.flows = append(tb.flows, &Flow{})
		p := &Packet{Flow: 0}
		tb.noteMPTCP(p, opts)
	})
}
