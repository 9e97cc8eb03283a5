package decode

import (
	"encoding/binary"
	"fmt"
	"net/netip"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// OSPF, Open Shortest Path First (RFC 2328 version 2, RFC 5340 version 3)
// on IP protocol 89. Info names the message type ("Hello Packet", "LS
// Update") as packet-ospf.c does. gopacket's OSPFv2 layer decodes the
// header and the Hello packet; the offsets of the details tree follow RFC
// 2328 §A.3.

const ipProtoOSPF IPProtocol = 89

var ospfDissector = &Dissector{
	Name:    "ospf",
	Dissect: dissectOSPF,
	Fields: []FieldDef{
		{Name: "ospf.version", Desc: "Version", Kind: FieldUint, Bits: 8},
		{Name: "ospf.msg", Desc: "Message type", Kind: FieldUint, Bits: 8},
		{Name: "ospf.packet_length", Desc: "Packet length", Kind: FieldUint, Bits: 16},
		{Name: "ospf.srcrouter", Desc: "Source OSPF router", Kind: FieldIPv4},
		{Name: "ospf.area_id", Desc: "Area ID", Kind: FieldIPv4},
		{Name: "ospf.auth.type", Desc: "Auth type", Kind: FieldUint, Bits: 16},
		{Name: "ospf.hello", Desc: "OSPF Hello Packet", Kind: FieldProto},
		{Name: "ospf.hello.network_mask", Desc: "Network mask", Kind: FieldIPv4},
		{Name: "ospf.hello.hello_interval", Desc: "Hello interval", Kind: FieldUint, Bits: 16},
		{Name: "ospf.hello.router_priority", Desc: "Router priority", Kind: FieldUint, Bits: 8},
		{Name: "ospf.hello.router_dead_interval", Desc: "Router dead interval", Kind: FieldUint, Bits: 32},
		{Name: "ospf.hello.designated_router", Desc: "Designated router", Kind: FieldIPv4},
		{Name: "ospf.hello.backup_designated_router", Desc: "Backup designated router", Kind: FieldIPv4},
		{Name: "ospf.hello.active_neighbor", Desc: "Active neighbor", Kind: FieldIPv4},
	},
}

func init() { RegisterIPProto(ospfDissector, ipProtoOSPF) }

var ospfMsgNames = [6]string{"", "Hello Packet", "DB Description", "LS Request", "LS Update", "LS Acknowledge"}

var ospfAuthNames = map[uint16]string{0: "Null", 1: "Simple password", 2: "Cryptographic"}

func dissectOSPF(p *PDU, out *Out) bool {
	b := p.Data
	if len(b) < 2 || (b[0] != 2 && b[0] != 3) {
		return false
	}
	out.SetProto("OSPF")
	if b[1] == 0 || int(b[1]) >= len(ospfMsgNames) {
		out.SetInfo(fmt.Sprintf("Unknown (%d)", b[1]))
		return true
	}
	name := ospfMsgNames[b[1]]
	out.SetInfo(name)
	if !out.WantTree || b[0] != 2 {
		return true
	}
	var o layers.OSPFv2
	if o.DecodeFromBytes(b, gopacket.NilDecodeFeedback) != nil {
		return true
	}
	ipv4 := func(name, label string, at int, v uint32) Field {
		a := netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)})
		return Field{Name: name, Label: label + ": " + a.String(), Start: at, Len: 4, Kind: FieldIPv4, Num: uint64(v)}
	}
	area := ipv4("ospf.area_id", "Area ID", 8, o.AreaID)
	if o.AreaID == 0 {
		area.Label += " (Backbone)"
	}
	hdr := Field{Name: "ospf.header", Label: "OSPF Header", Len: 24, Children: []Field{
		UintField("ospf.version", fmt.Sprintf("Version: %d", o.Version), 0, 1, uint64(o.Version)),
		UintField("ospf.msg", fmt.Sprintf("Message Type: %s (%d)", name, o.Type), 1, 1, uint64(o.Type)),
		UintField("ospf.packet_length", fmt.Sprintf("Packet Length: %d", o.PacketLength), 2, 2, uint64(o.PacketLength)),
		ipv4("ospf.srcrouter", "Source OSPF Router", 4, o.RouterID),
		area,
	}}
	if plen := int(o.PacketLength); plen >= 24 && plen <= len(b) && ospfChecksum(b[:plen]) == o.Checksum {
		hdr.Children = append(hdr.Children, UintField("ospf.checksum", fmt.Sprintf("Checksum: 0x%04x [correct]", o.Checksum), 12, 2, uint64(o.Checksum)))
	}
	if auth, ok := ospfAuthNames[o.AuType]; ok {
		hdr.Children = append(hdr.Children, UintField("ospf.auth.type", fmt.Sprintf("Auth Type: %s (%d)", auth, o.AuType), 14, 2, uint64(o.AuType)))
		if o.AuType == 0 {
			hdr.Children = append(hdr.Children, Field{Name: "ospf.auth.none", Label: fmt.Sprintf("Auth Data (none): %016x", o.Authentication), Start: 16, Len: 8})
		}
	}
	f := Field{Name: "ospf", Label: "Open Shortest Path First", Len: min(len(b), max(int(o.PacketLength), 24)), Kind: FieldProto, Children: []Field{hdr}}
	if h, ok := o.Content.(layers.HelloPkgV2); ok && o.Type == layers.OSPFHello {
		hello := Field{Name: "ospf.hello", Label: "OSPF Hello Packet", Start: 24, Len: f.Len - 24, Kind: FieldProto, Children: []Field{
			ipv4("ospf.hello.network_mask", "Network Mask", 24, h.NetworkMask),
			UintField("ospf.hello.hello_interval", fmt.Sprintf("Hello Interval [sec]: %d", h.HelloInterval), 28, 2, uint64(h.HelloInterval)),
			UintField("ospf.hello.router_priority", fmt.Sprintf("Router Priority: %d", h.RtrPriority), 31, 1, uint64(h.RtrPriority)),
			UintField("ospf.hello.router_dead_interval", fmt.Sprintf("Router Dead Interval [sec]: %d", h.RouterDeadInterval), 32, 4, uint64(h.RouterDeadInterval)),
			ipv4("ospf.hello.designated_router", "Designated Router", 36, h.DesignatedRouterID),
			ipv4("ospf.hello.backup_designated_router", "Backup Designated Router", 40, h.BackupDesignatedRouterID),
		}}
		for i, n := range h.NeighborID {
			hello.Children = append(hello.Children, ipv4("ospf.hello.active_neighbor", "Active Neighbor", 44+4*i, n))
		}
		f.Children = append(f.Children, hello)
	}
	out.Add(f)
	return true
}

// ospfChecksum is the OSPFv2 packet checksum (RFC 2328 §D.4): the Internet
// checksum of the packet with the checksum and the 64-bit authentication
// field left out.
func ospfChecksum(b []byte) uint16 {
	var sum uint32
	for i := 0; i+1 < len(b); i += 2 {
		if i == 12 || (i >= 16 && i < 24) {
			continue
		}
		sum += uint32(binary.BigEndian.Uint16(b[i:]))
	}
	if len(b)%2 == 1 {
		sum += uint32(b[len(b)-1]) << 8
	}
	for sum>>16 != 0 {
		sum = sum&0xffff + sum>>16
	}
	return ^uint16(sum)
}
