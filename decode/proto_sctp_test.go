package decode

import (
	"encoding/hex"
	"testing"
)

// TestSCTPColumns dissects SCTP packets laid out per RFC 9260 §3 (common
// header: ports 5000, verification tag, zero checksum; then chunks of type,
// flags, length, value padded to four bytes) and RFC 8260 §2.1 (I-DATA).
// The expected columns are tshark 4.0.17's on each packet alone (written to
// a pcap with an IPv4 header of protocol 132), so TSNs count from the
// packet's own first DATA chunk.
func TestSCTPColumns(t *testing.T) {
	const hdr = "13881388" + "00000001" + "00000000"
	cases := []struct {
		name, hex, info string
	}{
		{"INIT", "138800500000000000000000" + "01000014" + "11223344" + "00010000" + "000a000a" + "000003e8", "INIT "},
		{"DATA counts from its own TSN", hdr + "00030013" + "00000005" + "0001" + "0000" + "00000000" + "616263" + "00", "DATA (TSN=0) "},
		{"SACK with a gap block bundled with DATA", hdr + "03000018" + "00000063" + "00001000" + "0001" + "0001" + "0002" + "0003" + "00000061" +
			"00030012" + "00000007" + "0000" + "0000" + "0000002e" + "6869" + "0000", "SACK (Ack=99+3, Arwnd=4096) DATA (TSN=0) "},
		{"SACK ends with the last gap's end", hdr + "03000018" + "00000063" + "00001000" + "0002" + "0000" + "00020003" + "00050009", "SACK (Ack=99+9, Arwnd=4096) "},
		{"HEARTBEAT without Heartbeat Info", hdr + "04000004", "HEARTBEAT [Malformed Packet]"},
		{"HEARTBEAT", hdr + "0400000c" + "00010008" + "01020304", "HEARTBEAT "},
		{"HEARTBEAT_ACK", hdr + "0500000c" + "00010008" + "01020304", "HEARTBEAT_ACK "},
		{"unknown chunk type", hdr + "11000006" + "0102" + "0000", "RESERVED "},
		{"chunk length past the packet", hdr + "00030064" + "00000005" + "0001" + "0000" + "00000000", "DATA (TSN=0) [Malformed Packet]"},
		{"chunk length under four", hdr + "0b000002" + "0b000004", "COOKIE_ACK COOKIE_ACK "},
		{"DATA shorter than its header", hdr + "0003000c" + "00000005" + "0001" + "0000", "DATA "},
		{"two bytes after the chunks", hdr + "0b000004" + "0000", "COOKIE_ACK [Malformed Packet]"},
		{"SHUTDOWN and COOKIE_ACK", hdr + "07000008" + "000004d2" + "0b000004", "SHUTDOWN COOKIE_ACK "},
		{"ABORT with T bit", hdr + "0601000a" + "000c0006" + "6869" + "0000", "ABORT "},
		{"ERROR", hdr + "0900000c" + "00010008" + "00070000", "ERROR "},
		{"FORWARD_TSN", hdr + "c0000008" + "0000000a", "FORWARD_TSN "},
		{"first fragment", hdr + "00020012" + "00000005" + "0001" + "0000" + "0000002e" + "6869" + "0000", "DATA (TSN=0) (Message Fragment) "},
		{"I_DATA", hdr + "40030016" + "00000009" + "0003" + "0000" + "00000000" + "00000033" + "6869" + "0000", "I_DATA (TSN=0) "},
		{"common header only", hdr, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkDissect(t, c.hex, PDU{Conv: &Conv{}}, sctpDissector.Dissect, true, "SCTP", c.info)
		})
	}
	var out Out
	out.reset(false)
	if sctpDissector.Dissect(&PDU{Data: make([]byte, 11), Len: 11}, &out) {
		t.Error("an 11-byte payload is not SCTP")
	}
}

// TestSCTPRelativeTSN follows tshark 4.0.17 on lab__sctp.pcap's frames 5,
// 29, 7 and 8 (checksums zeroed) put in one capture in that order
// (mergecap): DATA counts
// from the first TSN of its direction and verification tag, so the second
// association's I_DATA starts again at 0 while the first association's
// next DATA reads 1; the SACK the other way acknowledges the half that
// last sent towards it.
func TestSCTPRelativeTSN(t *testing.T) {
	const client, server = 1, 2 // address-table ids of 10.13.2.1 and 10.13.2.2
	pkts := []struct {
		src, dst uint32
		hex      string
		info     string
	}{
		{client, server, "13881388a497cbd500000000" + "00030023" + "bb7353ae" + "0000" + "0000" + "00000033" + "68656c6c6f206f7665722073747265616d2030" + "00", "DATA (TSN=0) "},
		{client, server, "13881388a94ef54e00000000" + "4003002b" + "38be0dc7" + "0003" + "0000" + "00000000" + "00000033" + "6f6e65206d6573736167652c207468656e2041424f5254" + "00", "I_DATA (TSN=0) "},
		{client, server, "13881388a497cbd500000000" + "00030026" + "bb7353af" + "0001" + "0000" + "00000035" + "00010203" + "62696e617279206f6e2073747265616d2031" + "0000", "DATA (TSN=1) "},
		{server, client, "13881388241da88000000000" + "03000010" + "bb7353af" + "000fffea" + "00000000", "SACK (Ack=1, Arwnd=1048554) "},
	}
	conv := &Conv{}
	for i, k := range pkts {
		b, err := hex.DecodeString(k.hex)
		if err != nil {
			t.Fatal(err)
		}
		var out Out
		out.reset(true)
		p := PDU{Data: b, Len: len(b), Off: -1, Conv: conv, Src: k.src, Dst: k.dst, Frame: i}
		if !sctpDissector.Dissect(&p, &out) || out.Info() != k.info {
			t.Errorf("packet %d: got %q, want %q", i+1, out.Info(), k.info)
		}
	}
}

// FuzzProtoSCTP feeds arbitrary bytes to the SCTP dissector twice in one
// conversation, with and without the tree: no panic, every field inside
// the bytes. Seeded with the IP payloads of lab__sctp.pcap (real pion/sctp
// traffic) and lab__sctp-crafted.pcap.
func FuzzProtoSCTP(f *testing.F) {
	for _, name := range []string{"lab__sctp.pcap", "lab__sctp-crafted.pcap", "lab__diameter-sctp.pcap", "lab__diameter-sctp-crafted.pcap"} {
		eachParsed(f, name, func(h *Headers) {
			if h.IPProto == uint8(ipProtoSCTP) {
				seed(f, h.IPPayload)
			}
		})
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		conv := &Conv{}
		for i, tree := range []bool{false, true, true} {
			var out Out
			out.reset(tree)
			p := PDU{Data: b, Len: len(b), Off: -1, Conv: conv, Frame: i}
			if sctpDissector.Dissect(&p, &out) {
				checkTree(t, out.Tree, len(b))
			}
		}
	})
}
