package decode

import (
	"fmt"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// Cisco Discovery Protocol, on LLC SNAP with Cisco's OUI and PID 0x2000;
// gopacket's layers decode the TLVs. Wireshark's Info names the device and
// the port it was sent from.

var cdp = &Dissector{
	Name:    "cdp",
	Dissect: dissectCDP,
	Fields: []FieldDef{
		{Name: "cdp.deviceid", Desc: "CDP device ID", Kind: FieldString},
		{Name: "cdp.portid", Desc: "CDP port ID", Kind: FieldString},
		{Name: "cdp.version", Desc: "CDP version", Kind: FieldUint, Bits: 8},
	},
}

// EtherTypeCDP is the protocol type CDP travels under where no LLC header
// precedes it: GRE (and PPP) give it the number of its SNAP protocol ID.
const EtherTypeCDP EtherType = 0x2000

func init() {
	RegisterEtherType(cdp, EtherTypeCDP)
	ciscoSNAP[pidCDP] = cdp
}

func dissectCDP(p *PDU, out *Out) bool {
	pkt := gopacket.NewPacket(p.Data, layers.LayerTypeCiscoDiscovery, gopacket.DecodeOptions{NoCopy: true})
	c, _ := pkt.Layer(layers.LayerTypeCiscoDiscovery).(*layers.CiscoDiscovery)
	out.SetProto("CDP")
	if c == nil {
		out.SetInfo(malformedMark)
		return true
	}
	top := Field{Name: "cdp", Label: "Cisco Discovery Protocol", Len: len(p.Data), Kind: FieldProto, Children: []Field{
		UintField("cdp.version", fmt.Sprintf("Version: %d", c.Version), 0, 1, uint64(c.Version)),
		{Name: "cdp.ttl", Label: fmt.Sprintf("TTL: %d seconds", c.TTL), Start: 1, Len: 1},
	}}
	info := ""
	for _, v := range c.Values {
		s := string(v.Value)
		switch v.Type {
		case layers.CDPTLVDevID:
			info += "Device ID: " + Printable(s) + "  "
			top.Children = append(top.Children, viewStrField("cdp.deviceid", "Device ID: "+Printable(s), p.Data, v.Value))
		case layers.CDPTLVPortID:
			info += "Port ID: " + Printable(s) + "  "
			top.Children = append(top.Children, viewStrField("cdp.portid", "Sent through Interface: "+Printable(s), p.Data, v.Value))
		}
	}
	out.SetInfo(info)
	out.Add(top)
	return true
}
