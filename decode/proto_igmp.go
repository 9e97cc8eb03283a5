package decode

import (
	"encoding/binary"
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
	f := Field{Name: "igmp", Label: "Internet Group Management Protocol", Len: len(p.Data), Kind: FieldProto, Children: []Field{
		UintField("igmp.version", fmt.Sprintf("[IGMP Version: %d]", version), 0, 0, uint64(version)),
		UintField("igmp.type", fmt.Sprintf("Type: %s (0x%02x)", igmpTypeName(typ), uint8(typ)), 0, 1, uint64(typ)),
	}}
	if version == 3 && typ == layers.IGMPMembershipReportV3 {
		// an IGMPv3 report carries its groups in records (RFC 3376 §4.2),
		// not at offset 4
		f.Children = append(f.Children, igmpV3Records(p.Data)...)
	} else {
		f.Children = append(f.Children, Field{Name: "igmp.maddr", Label: "Multicast Address: " + ipString(group), Start: 4, Len: 4, Kind: FieldIPv4, Num: ip4Num(group)})
	}
	out.Add(f)
	return true
}

var igmpRecordTypes = [7]string{"", "Mode Is Include", "Mode Is Exclude", "Change To Include Mode", "Change To Exclude Mode",
	"Allow New Sources", "Block Old Sources"}

// igmpV3Records are the group records of an IGMPv3 membership report, each
// with its multicast address, as tshark lists them.
func igmpV3Records(b []byte) []Field {
	if len(b) < 8 {
		return nil
	}
	var out []Field
	n := int(binary.BigEndian.Uint16(b[6:]))
	for i, at := 0, 8; i < n && at+8 <= len(b); i++ {
		rt, aux, nsrc := b[at], int(b[at+1]), int(binary.BigEndian.Uint16(b[at+2:]))
		size := 8 + 4*nsrc + 4*aux
		group := b[at+4 : at+8]
		name := "Unknown"
		if int(rt) < len(igmpRecordTypes) && rt > 0 {
			name = igmpRecordTypes[rt]
		}
		out = append(out, Field{Label: "Group Record : " + ipString(group) + "  " + name, Start: at, Len: min(size, len(b)-at), Children: []Field{
			{Name: "igmp.maddr", Label: "Multicast Address: " + ipString(group), Start: at + 4, Len: 4, Kind: FieldIPv4, Num: ip4Num(group)},
		}})
		at += size
	}
	return out
}
