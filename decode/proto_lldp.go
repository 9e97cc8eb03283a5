package decode

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// Link Layer Discovery Protocol (IEEE 802.1AB), Ethernet type 0x88cc.
// gopacket's layers decode the TLVs; the Info column is Wireshark's:
// chassis and port as subtype abbreviation/value, the TTL, then the system
// name and description when present.

var lldp = &Dissector{
	Name:    "lldp",
	Dissect: dissectLLDP,
	Fields: []FieldDef{
		{Name: "lldp.chassis.id", Desc: "LLDP chassis ID", Kind: FieldString},
		{Name: "lldp.chassis.id.mac", Desc: "LLDP chassis ID (MAC address)", Kind: FieldEther},
		{Name: "lldp.port.id.mac", Desc: "LLDP port ID (MAC address)", Kind: FieldEther},
		{Name: "lldp.tlv.system.desc", Desc: "LLDP system description", Kind: FieldString},
		{Name: "lldp.port.id", Desc: "LLDP port ID", Kind: FieldString},
		{Name: "lldp.time_to_live", Desc: "LLDP time to live (s)", Kind: FieldUint, Bits: 16},
		{Name: "lldp.tlv.system.name", Desc: "LLDP system name", Kind: FieldString},
	},
}

func init() { RegisterEtherType(lldp, EtherTypeLLDP) }

// lldpChassisAbbrev and lldpPortAbbrev are Wireshark's column abbreviations
// of the ID subtypes (IEEE 802.1AB-2009 tables 8-2 and 8-3).
var lldpChassisAbbrev = map[layers.LLDPChassisIDSubType]string{1: "CC", 2: "IA", 3: "PC", 4: "MA", 5: "NA", 6: "IN", 7: "LA"}
var lldpPortAbbrev = map[layers.LLDPPortIDSubType]string{1: "IA", 2: "PC", 3: "MA", 4: "NA", 5: "IN", 6: "AC", 7: "LA"}

// lldpID renders an ID by its subtype: MAC addresses and network
// addresses as addresses, everything else as (escaped) text.
func lldpID(mac, network bool, id []byte) string {
	switch {
	case mac && len(id) == 6:
		return macString(id)
	case network && len(id) >= 5 && id[0] == 1:
		if a, ok := netip.AddrFromSlice(id[1:5]); ok {
			return a.String()
		}
	case network && len(id) >= 17 && id[0] == 2:
		if a, ok := netip.AddrFromSlice(id[1:17]); ok {
			return a.String()
		}
	}
	return Printable(string(id))
}

func dissectLLDP(p *PDU, out *Out) bool {
	pkt := gopacket.NewPacket(p.Data, layers.LayerTypeLinkLayerDiscovery, gopacket.DecodeOptions{NoCopy: true})
	l, _ := pkt.Layer(layers.LayerTypeLinkLayerDiscovery).(*layers.LinkLayerDiscovery)
	out.SetProto("LLDP")
	if l == nil {
		out.SetInfo(malformedMark)
		return true
	}
	chassis := lldpID(l.ChassisID.Subtype == layers.LLDPChassisIDSubTypeMACAddr, l.ChassisID.Subtype == layers.LLDPChassisIDSubTypeNetworkAddr, l.ChassisID.ID)
	port := lldpID(l.PortID.Subtype == layers.LLDPPortIDSubtypeMACAddr, l.PortID.Subtype == layers.LLDPPortIDSubtypeNetworkAddr, l.PortID.ID)
	var info strings.Builder
	fmt.Fprintf(&info, "%s/%s %s/%s %d ", lldpChassisAbbrev[l.ChassisID.Subtype], chassis, lldpPortAbbrev[l.PortID.Subtype], port, l.TTL)
	// gopacket's values are views into p.Data (NoCopy): their offsets
	// place the fields for the byte highlights.
	chassisName, portName := "lldp.chassis.id", "lldp.port.id"
	if l.ChassisID.Subtype == layers.LLDPChassisIDSubTypeMACAddr {
		chassisName = "lldp.chassis.id.mac"
	}
	if l.PortID.Subtype == layers.LLDPPortIDSubtypeMACAddr {
		portName = "lldp.port.id.mac"
	}
	ttl := Field{Label: fmt.Sprintf("Time To Live = %d sec", l.TTL), Kind: FieldLabel}
	top := Field{Name: "lldp", Label: "Link Layer Discovery Protocol", Len: len(p.Data), Kind: FieldProto, Children: []Field{
		lldpIDField(chassisName, "Chassis Id: "+chassis, p.Data, l.ChassisID.ID),
		lldpIDField(portName, "Port Id: "+port, p.Data, l.PortID.ID),
		ttl,
	}}
	for _, v := range l.Values {
		switch v.Type {
		case layers.LLDPTLVSysName:
			fmt.Fprintf(&info, "SysN=%s ", Printable(string(v.Value)))
			top.Children = append(top.Children, viewStrField("lldp.tlv.system.name", "System Name: "+Printable(string(v.Value)), p.Data, v.Value))
		case layers.LLDPTLVSysDescription:
			fmt.Fprintf(&info, "SysD=%s ", Printable(string(v.Value)))
			top.Children = append(top.Children, viewStrField("lldp.tlv.system.desc", "System Description: "+Printable(string(v.Value)), p.Data, v.Value))
		}
	}
	// The TTL TLV is not among gopacket's values: it follows the port ID.
	if at := viewAt(p.Data, l.PortID.ID); at >= 0 && at+len(l.PortID.ID)+4 <= len(p.Data) {
		end := at + len(l.PortID.ID)
		top.Children[2] = UintField("lldp.time_to_live", fmt.Sprintf("Seconds: %d", l.TTL), end+2, 2, uint64(l.TTL))
	}
	out.SetInfo(info.String())
	out.Add(top)
	return true
}

// lldpIDField is a chassis or port ID: a MAC address (tshark's FT_ETHER
// lldp.*.id.mac) when it is one, else the ID's bytes as text.
func lldpIDField(name, label string, whole, id []byte) Field {
	f := viewStrField(name, label, whole, id)
	if strings.HasSuffix(name, ".mac") && len(id) == 6 {
		f.Kind, f.Num, f.Str = FieldEther, mac48(id), ""
	}
	return f
}
