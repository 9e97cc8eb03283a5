package decode

import (
	"fmt"
	"strings"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// Internet Group Management Protocol, IP protocol 2. gopacket's layers
// tell the version as RFC 3376 section 7.1 does (a query's length and
// maximum response time; the report types) and decode IGMPv3's group
// records (its IGMP type holds IGMPv3 only, with Version left zero); the
// Protocol column carries the version, as Wireshark's does.

var igmp = &Dissector{
	Name:    "igmp",
	Dissect: dissectIGMP,
	Fields: []FieldDef{
		{Name: "igmp.version", Desc: "IGMP version", Kind: FieldUint, Bits: 8},
		{Name: "igmp.type", Desc: "IGMP message type", Kind: FieldUint, Bits: 8},
		{Name: "igmp.maddr", Desc: "IGMP multicast group address", Kind: FieldIPv4},
	},
}

func init() { RegisterIPProto(igmp, IPProtocolIGMP) }

func igmpTypeName(t layers.IGMPType) string {
	switch t {
	case layers.IGMPMembershipQuery:
		return "Membership Query"
	case layers.IGMPMembershipReportV1, layers.IGMPMembershipReportV2, layers.IGMPMembershipReportV3:
		return "Membership Report"
	case layers.IGMPLeaveGroup:
		return "Leave Group"
	}
	return fmt.Sprintf("Unknown Type:0x%02x", uint8(t))
}

func ip4Num(ip []byte) uint64 {
	if len(ip) != 4 {
		return 0
	}
	return uint64(ip[0])<<24 | uint64(ip[1])<<16 | uint64(ip[2])<<8 | uint64(ip[3])
}

func dissectIGMP(p *PDU, out *Out) bool {
	if len(p.Data) < 8 {
		return false
	}
	pkt := gopacket.NewPacket(p.Data, layers.LayerTypeIGMP, gopacket.DecodeOptions{NoCopy: true})
	var version uint8
	var typ layers.IGMPType
	var group []byte
	var info strings.Builder
	switch l := pkt.Layer(layers.LayerTypeIGMP).(type) {
	case *layers.IGMPv1or2:
		version, typ, group = l.Version, l.Type, l.GroupAddress.To4()
		info.WriteString(igmpTypeName(typ))
		switch {
		case typ == layers.IGMPMembershipQuery && version == 2 && ip4Num(group) == 0:
			info.WriteString(", general")
		case typ == layers.IGMPMembershipQuery && version == 2:
			info.WriteString(", specific for group " + ipString(group))
		case typ == layers.IGMPLeaveGroup:
			info.WriteString(" " + ipString(group))
		case version == 2:
			info.WriteString(" group " + ipString(group))
		}
	case *layers.IGMP:
		// gopacket's decoder leaves Version zero on this type: only
		// IGMPv3 messages decode into it.
		version, typ, group = 3, l.Type, l.GroupAddress.To4()
		info.WriteString(igmpTypeName(typ))
		if typ == layers.IGMPMembershipQuery {
			switch {
			case ip4Num(group) == 0:
				info.WriteString(", general")
			case len(l.SourceAddresses) == 0:
				info.WriteString(", specific for group " + ipString(group))
			default:
				info.WriteString(", specific for group " + ipString(group) + ", source specific")
			}
		}
		for _, r := range l.GroupRecords {
			g := ipString(r.MulticastAddress.To4())
			switch {
			case r.NumberOfSources == 0 && (r.Type == layers.IGMPIsEx || r.Type == layers.IGMPToEx):
				info.WriteString(" / Join group " + g + " for any sources")
			case r.NumberOfSources == 0 && (r.Type == layers.IGMPIsIn || r.Type == layers.IGMPToIn):
				info.WriteString(" / Leave group " + g)
			default:
				info.WriteString(" / Group " + g)
			}
		}
	default:
		return false
	}
	out.SetProto(fmt.Sprintf("IGMPv%d", version))
	out.SetInfo(info.String())
	out.Add(Field{Name: "igmp", Label: "Internet Group Management Protocol", Len: len(p.Data), Kind: FieldProto, Children: []Field{
		UintField("igmp.version", fmt.Sprintf("[IGMP Version: %d]", version), 0, 0, uint64(version)),
		UintField("igmp.type", fmt.Sprintf("Type: %s (0x%02x)", igmpTypeName(typ), uint8(typ)), 0, 1, uint64(typ)),
		{Name: "igmp.maddr", Label: "Multicast Address: " + ipString(group), Start: 4, Len: 4, Kind: FieldIPv4, Num: ip4Num(group)},
	}})
	return true
}
