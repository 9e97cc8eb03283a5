package decode

import "fmt"

// Cisco's Dynamic Trunk Protocol, on LLC SNAP with Cisco's OUI and PID
// 0x2004: switch ports negotiating whether a link trunks VLANs. tshark
// names the frame and nothing more in its Info; the tree here carries the
// version and each TLV's type and length, as tshark reads them.

// dtpTLVNames are the TLV types tshark names.
var dtpTLVNames = map[uint16]string{1: "Domain", 2: "Trunk Status", 3: "Trunk Type", 4: "Sender ID"}

var dtp = &Dissector{
	Name:    "dtp",
	Dissect: dissectDTP,
	Fields: []FieldDef{
		{Name: "dtp.version", Desc: "DTP version", Kind: FieldUint, Bits: 8},
		{Name: "dtp.tlv_type", Desc: "DTP TLV type", Kind: FieldUint, Bits: 16},
	},
}

// EtherTypeDTP is DTP's SNAP protocol ID, the type GRE gives it.
const EtherTypeDTP EtherType = 0x2004

func init() {
	RegisterEtherType(dtp, EtherTypeDTP)
	ciscoSNAP[pidDTP] = dtp
}

func dissectDTP(p *PDU, out *Out) bool {
	b := p.Data
	if len(b) < 1 {
		return false
	}
	layer := Field{Name: "dtp", Label: "Dynamic Trunk Protocol", Len: len(b), Kind: FieldProto, Children: []Field{
		UintField("dtp.version", fmt.Sprintf("Version: %d", b[0]), 0, 1, uint64(b[0]))}}
	for at := 1; at+4 <= len(b); {
		typ, n := uint16(b[at])<<8|uint16(b[at+1]), int(b[at+2])<<8|int(b[at+3])
		if n < 4 || at+n > len(b) {
			break
		}
		name, ok := dtpTLVNames[typ]
		if !ok {
			name = "Unknown"
		}
		layer.Children = append(layer.Children, Field{Label: name, Start: at, Len: n, Children: []Field{
			UintField("dtp.tlv_type", fmt.Sprintf("Type: %s (0x%04x)", name, typ), at, 2, uint64(typ)),
			UintField("dtp.tlv_len", fmt.Sprintf("Length: %d", n), at+2, 2, uint64(n))}})
		at += n
	}
	out.SetProto("DTP")
	out.SetInfo("Dynamic Trunk Protocol")
	out.Add(layer)
	return true
}
