package decode

// Echo (RFC 862) as Wireshark 4.0's packet-echo.c shows it on UDP and TCP
// port 7: "Request" for what is sent to the port, "Response" for what comes
// back, the bytes as Echo data. Each datagram or segment is taken as it
// is, with no reassembly. It matters beside Wake-on-LAN: a magic packet
// sent to UDP 7 is Echo to tshark, its port dissector winning over the
// WOL heuristic. Hand-written: gopacket has no Echo layer.

const echoPort = 7 // tshark -G decodes: tcp.port 7 echo, udp.port 7 echo

func echoDissect(p *PDU, out *Out) bool {
	out.SetProto("ECHO")
	if p.DstPort == echoPort {
		out.SetInfo("Request")
	} else {
		out.SetInfo("Response")
	}
	if out.WantTree {
		n := len(p.Data)
		out.Add(Field{Name: "echo", Label: "Echo", Start: 0, Len: n, Kind: FieldProto, Children: []Field{
			{Name: "echo.data", Label: "Echo data: " + hexEllipsis(p.Data), Start: 0, Len: n, Kind: FieldBytes, Str: string(p.Data)},
		}})
	}
	return true
}

// echoPDULen takes a segment's bytes as they come.
func echoPDULen(_ *Conv, _ uint8, b []byte) int { return len(b) }

var echoDissector = &Dissector{
	Name:    "echo",
	Dissect: echoDissect,
	PDULen:  echoPDULen,
	Fields:  []FieldDef{{Name: "echo.data", Desc: "Echo data", Kind: FieldBytes}},
}

func init() {
	RegisterUDP(echoDissector, echoPort)
	RegisterTCP(echoDissector, echoPort)
}
