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

func init() {
	register(cdp)
	ciscoSNAP[pidCDP] = cdp
}

func dissectCDP(p *PDU, out *Out) bool {
	pkt := gopacket.NewPacket(p.Data, layers.LayerTypeCiscoDiscovery, gopacket.DecodeOptions{NoCopy: true})
	c, _ := pkt.Layer(layers.LayerTypeCiscoDiscovery).(*layers.CiscoDiscovery)
	out.SetProto("CDP")
	if c == nil {
		out.SetInfo("[Malformed Packet]")
		return true
	}
	top := Field{Name: "cdp", Label: "Cisco Discovery Protocol", Len: len(p.Data), Kind: FieldProto, Children: []Field{
		UintField("cdp.version", fmt.Sprintf("Version: %d", c.Version), 0, 1, uint64(c.Version)),
		{Name: "cdp.ttl", Label: fmt.Sprintf("TTL: %d seconds", c.TTL), Start: 1, Len: 1},
	}}
	info := ""
	at := func(b []byte) int { return cap(p.Data) - cap(b) } // gopacket's values are views (NoCopy)
	for _, v := range c.Values {
		s := string(v.Value)
		switch v.Type {
		case layers.CDPTLVDevID:
			info += "Device ID: " + Printable(s) + "  "
			top.Children = append(top.Children, StrField("cdp.deviceid", "Device ID: "+Printable(s), at(v.Value), len(v.Value), s))
		case layers.CDPTLVPortID:
			info += "Port ID: " + Printable(s) + "  "
			top.Children = append(top.Children, StrField("cdp.portid", "Sent through Interface: "+Printable(s), at(v.Value), len(v.Value), s))
		}
	}
	out.SetInfo(info)
	out.Add(top)
	return true
}
