package decode

import "fmt"

// Protocol Independent Multicast (RFC 7761), IP protocol 103: the Protocol
// column names the version and Info the message type, as Wireshark's do.
// gopacket has no PIM layer; the 4-byte common header is read here.

var pim = &Dissector{
	Name:    "pim",
	Dissect: dissectPIM,
	Fields: []FieldDef{
		{Name: "pim.version", Desc: "PIM version", Kind: FieldUint, Bits: 8},
		{Name: "pim.type", Desc: "PIM message type", Kind: FieldUint, Bits: 8},
	},
}

func init() { RegisterIPProto(pim, IPProtocolPIM) }

var pimTypes = [...]string{"Hello", "Register", "Register-stop", "Join/Prune", "Bootstrap", "Assert", "Graft",
	"Graft-Ack", "Candidate-RP-Advertisement", "State-Refresh", "DF election", "ECMP Redirect", "PFM", "PIM Package"}

func dissectPIM(p *PDU, out *Out) bool {
	if len(p.Data) < 4 {
		return false
	}
	ver, typ := p.Data[0]>>4, p.Data[0]&0x0f
	if ver != 2 {
		return false
	}
	name := fmt.Sprintf("Unknown (%d)", typ)
	if int(typ) < len(pimTypes) {
		name = pimTypes[typ]
	}
	out.SetProto("PIMv2")
	out.SetInfo(name)
	out.Add(Field{Name: "pim", Label: "Protocol Independent Multicast", Len: len(p.Data), Kind: FieldProto, Children: []Field{
		UintField("pim.version", fmt.Sprintf("%04b .... = Version: %d", ver, ver), 0, 1, uint64(ver)),
		UintField("pim.type", fmt.Sprintf(".... %04b = Type: %s (%d)", typ, name, typ), 0, 1, uint64(typ)),
	}})
	return true
}
