package decode

import (
	"encoding/hex"
	"testing"
)

// TestRMIInfo checks the Protocol and Info columns of single segments,
// each expected value tshark 4.0.17's on the same bytes in
// testdata/app/lab__rmi-crafted.pcap (frame numbers given) or
// lab__rmi.pcap (rmiregistry and its client).
func TestRMIInfo(t *testing.T) {
	for _, c := range []struct {
		name, hex string
		toServer  bool
		info      string
	}{
		{"singleop header (1)", "4a524d4900024c", true, "JRMI, Version: 2, SingleOpProtocol"},
		{"protocol ack (2)", "4e00086c61622d686f737400009c97", false, "JRMI, ProtocolAck"},
		{"unknown protocol (4)", "4a524d4900024a", true, "JRMI, Version: 2, Unknown protocol"},
		{"dgc ack (6)", "540102", true, "JRMI, DgcAck"},
		{"serialization (7)", "aced00057722", true, "Serialization data, Version: 5"},
		{"line end first (8)", "0a4a524d490002", false, "Continuation"},
		{"ack past the segment (11)", "4e002073686f7274", false, "JRMI, ProtocolAck[Malformed Packet]"},
		{"unknown byte (13)", "990001", true, "Continuation"},
		{"real call", "50aced0005772200", true, "JRMI, Call"},
		{"header cut after version", "4a524d490002", true, "JRMI, Version: 2, [Malformed Packet]"},
	} {
		t.Run(c.name, func(t *testing.T) {
			base := PDU{SrcPort: 40199, DstPort: rmiPort, TCP: true}
			if !c.toServer {
				base.SrcPort, base.DstPort = rmiPort, 40199
			}
			checkDissect(t, c.hex, base, rmiDissect, true, "RMI", c.info)
		})
	}
}

// TestRMIDetailsPDML compares fields with tshark 4.0.17's PDML of
// lab__rmi-crafted.pcap (raw IPv4: the TCP payload at 40).
func TestRMIDetailsPDML(t *testing.T) {
	w := NewAppWalker(loadAppCapture(t, "lab__rmi-crafted.pcap"))
	for _, c := range []struct {
		frame int
		want  []pdmlWant
	}{
		{0, []pdmlWant{
			{"rmi.magic", "Magic: 0x4a524d49", 40, 4},
			{"rmi.protocol", "Protocol: SingleOpProtocol (0x4c)", 46, 1},
		}},
		{1, []pdmlWant{
			{"rmi.endpoint_id.hostname", "Hostname: lab-host", 43, 8},
			{"rmi.endpoint_id.port", "Port: 40087", 53, 2},
		}},
		{5, []pdmlWant{
			{"rmi.unique_identifier", "UniqueIdentifier: 000102030405060708090a0b0c0d", 41, 14},
		}},
		{6, []pdmlWant{
			{"rmi.ser.magic", "Magic: 0xaced", 40, 2},
			{"rmi.ser.version", "Version: 5", 42, 2},
		}},
	} {
		checkPDMLFields(t, c.frame, w.At(c.frame, true).Tree, c.want)
	}
}

func FuzzProtoRMI(f *testing.F) {
	for _, s := range []string{"4a524d4900024b", "4e00086c61622d686f737400009c97", "50aced00057722", "51aced0005", "54000102",
		"aced0005", "4a524d49", "4e0020"} {
		b, _ := hex.DecodeString(s)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, tree := range []bool{false, true} {
			var out Out
			out.reset(tree)
			rmiDissect(&PDU{Data: b, Len: len(b), SrcPort: 40199, DstPort: rmiPort, TCP: true, Conv: &Conv{}}, &out)
			checkTree(t, out.Tree, len(b))
		}
	})
}
