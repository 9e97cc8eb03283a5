package decode

import (
	"bytes"
	"strconv"
)

// Chargen, the Character Generator Protocol (RFC 864), as Wireshark 4.0's
// packet-chargen.c shows it on UDP and TCP port 19: Protocol "Chargen",
// Info "Chargen", the bytes as one Data line. Each datagram or segment is
// taken as it is; an empty datagram stays UDP. tshark's Data line shows the
// bytes as a C string (up to the first NUL) without escaping; ladder
// escapes them as every packet string is. Hand-written: gopacket has no
// Chargen layer.

const portChargen = 19

func chargenDissect(p *PDU, out *Out) bool {
	if len(p.Data) == 0 {
		return false
	}
	out.SetProto("Chargen")
	out.SetInfo("Chargen")
	if out.WantTree {
		n := len(p.Data)
		text := p.Data
		if i := bytes.IndexByte(text, 0); i >= 0 {
			text = text[:i]
		}
		out.Add(Field{Name: "chargen", Label: "Character Generator Protocol", Len: n, Kind: FieldProto, Children: []Field{
			// the field's value is the word "Data" itself, as
			// packet-chargen.c sets it; filters match that
			{Name: "chargen.data", Label: "Data (" + strconv.Itoa(n) + "): " + formatText(text), Len: n, Kind: FieldString, Str: "Data"},
		}})
	}
	return true
}

var chargen = &Dissector{
	Name:    "chargen",
	Dissect: chargenDissect,
	PDULen:  echoPDULen,
	Fields:  []FieldDef{{Name: "chargen.data", Desc: "Data", Kind: FieldString}},
}

func init() {
	RegisterUDP(chargen, portChargen)
	RegisterTCP(chargen, portChargen)
}
