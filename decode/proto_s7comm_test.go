package decode

import (
	"encoding/hex"
	"testing"
)

// TestS7commInfo checks the Protocol and Info columns of single TPKTs
// carrying S7comm, each expected value tshark 4.0.17's on the same bytes
// in lab__s7comm-crafted.pcap (frame numbers given).
func TestS7commInfo(t *testing.T) {
	cases := []struct{ name, hex, info string }{
		{"setup communication (3)", "0300001902f08032010000010000080000f0000001000101e0", "ROSCTR:[Job     ] Function:[Setup communication]"},
		{"read var (5)", "0300002b02f080320100000200001a00000402120a10020004000184000000120a10010001000083000053", "ROSCTR:[Job     ] Function:[Read Var]"},
		{"request download (11)", "0300003102f080320100000500002000001a00010000000000095f30383030303031500d31303030323536303030313238", "ROSCTR:[Job     ] Function:[Request download] -> Block:[OB1]"},
		{"pi service (23)", "0300002b02f080320100000b00001a000028000000000000fd000a01003043303030303150055f494e5345", "ROSCTR:[Job     ] Function:[PI-Service] -> _INSE(FC1)"},
		{"ack data with error (26)", "0300001402f080320300000c0000010000d20429", "ROSCTR:[Ack_Data] Function:[PLC Stop] -> Errorcode:[0xd204]"},
		{"ack with error (27)", "0300001302f080320200000d00000000008104", "ROSCTR:[Ack     ] -> Errorcode:[0x8104]"},
		{"unknown function (28)", "0300001302f080320100000e00000200009900", "ROSCTR:[Job     ] Function:[Unknown function: 0x99]"},
		{"read szl request (30)", "0300002102f080320700000100000800080001120411440100ff09000400110000", "ROSCTR:[Userdata] Function:[Request] -> [CPU functions] -> [Read SZL] ID=0x0011 Index=0x0000"},
		{"read clock response (33)", "0300002b02f080320700000102000c000e000112081287010200000000ff09000a00191207101530123451", "ROSCTR:[Userdata] Function:[Response] -> [Time functions] -> [Read clock]"},
		{"items cut short (37)", "0300001402f08032010000110000280000040112", "ROSCTR:[Job     ] Function:[Read Var][Malformed Packet]"},
		{"userdata cut short (38)", "0300001502f0803207000012000008000000011204", "ROSCTR:[Userdata][Malformed Packet]"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkDissect(t, c.hex, PDU{SrcPort: 40102, DstPort: portTPKTISO, TCP: true}, dissectTPKT, true, "S7COMM", c.info)
		})
	}
}

// TestS7commHeuristic checks dissect_s7comm's test of a COTP data TPDU
// (packet-s7comm.c: at least 10 bytes, protocol id 0x32, PDU type 1 to 7).
func TestS7commHeuristic(t *testing.T) {
	for _, c := range []struct {
		hex  string
		want bool
	}{
		{"32010000010000000000", true},
		{"32070000010000000000", true},
		{"33010000010000000000", false},
		{"32080000010000000000", false},
		{"32000000010000000000", false},
		{"320100000100000000", false},
	} {
		b, _ := hex.DecodeString(c.hex)
		if got := s7commHeuristic(b); got != c.want {
			t.Errorf("%s: %v, want %v", c.hex, got, c.want)
		}
	}
}

func FuzzProtoS7comm(f *testing.F) {
	for _, s := range []string{"0300001902f08032010000010000080000f0000001000101e0",
		"0300002b02f080320100000200001a00000402120a10020004000184000000120a10010001000083000053",
		"0300003102f080320100000500002000001a00010000000000095f30383030303031500d31303030323536303030313238",
		"0300002b02f080320100000b00001a000028000000000000fd000a01003043303030303150055f494e5345",
		"0300002102f080320700000100000800080001120411440100ff09000400110000",
		"0300003902f080320700000101000c001c000112081284010100000000ff09001000110000001c0001000136455337203331352d3245483134",
		"0300002b02f080320700000102000c000e000112081287010200000000ff09000a00191207101530123451"} {
		b, _ := hex.DecodeString(s)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		rest := b
		for i := 0; i < 8 && len(rest) > 0; i++ {
			n := tpktPDULen(nil, 0, rest)
			if n <= 0 || n > len(rest) {
				n = len(rest)
			}
			for _, tree := range []bool{false, true} {
				var out Out
				out.reset(tree)
				dissectTPKT(&PDU{Data: rest[:n], Len: n, SrcPort: 40102, DstPort: portTPKTISO, TCP: true, Conv: &Conv{}}, &out)
				checkTree(t, out.Tree, n)
			}
			rest = rest[n:]
		}
	})
}
