package decode

import (
	"encoding/binary"
	"fmt"
	"net/netip"
)

// VRRP, the Virtual Router Redundancy Protocol: version 2 (RFC 3768) and 3
// (RFC 5798) advertisements on IP protocol 112. Info reads "Announcement
// (v2)" as packet-vrrp.c writes it. Hand-written: gopacket's VRRPv2 layer
// reads a version 3 packet's max-advertisement interval as an
// authentication type and interval and refuses a packet without
// addresses.

const (
	ipProtoVRRP      IPProtocol = 112
	vrrpAdvertisment            = 1
)

var vrrp = &Dissector{
	Name:    "vrrp",
	Dissect: dissectVRRP,
	Fields: []FieldDef{
		{Name: "vrrp.version", Desc: "VRRP protocol version", Kind: FieldUint, Bits: 8},
		{Name: "vrrp.type", Desc: "VRRP packet type", Kind: FieldUint, Bits: 8},
		{Name: "vrrp.virt_rtr_id", Desc: "Virtual router ID", Kind: FieldUint, Bits: 8},
		{Name: "vrrp.prio", Desc: "Priority", Kind: FieldUint, Bits: 8},
		{Name: "vrrp.addr_count", Desc: "Address count", Kind: FieldUint, Bits: 8},
		{Name: "vrrp.adver_int", Desc: "Advertisement interval (v2)", Kind: FieldUint, Bits: 8},
		{Name: "vrrp.short_adver_int", Desc: "Advertisement interval (v3)", Kind: FieldUint, Bits: 16},
		{Name: "vrrp.ip_addr", Desc: "IP address", Kind: FieldIPv4},
	},
}

func init() { RegisterIPProto(vrrp, ipProtoVRRP) }

// vrrpPriority names a priority as RFC 3768 §5.3.4 does (tshark's labels).
func vrrpPriority(p byte) string {
	switch p {
	case 0:
		return "Current Master has stopped participating in VRRP"
	case 100:
		return "Default priority for a backup VRRP router"
	case 255:
		return "This VRRP router owns the virtual router's IP address(es)"
	}
	return "Non-default backup priority"
}

func dissectVRRP(p *PDU, out *Out) bool {
	b := p.Data
	if len(b) < 8 {
		return false
	}
	ver, typ := b[0]>>4, b[0]&15
	if ver != 2 && ver != 3 {
		return false
	}
	out.SetProto("VRRP")
	tname := "Unknown"
	if typ == vrrpAdvertisment {
		tname = "Advertisement"
		out.SetInfo(fmt.Sprintf("Announcement (v%d)", ver))
	} else {
		out.SetInfo(fmt.Sprintf("Unknown (v%d)", ver))
	}
	if !out.WantTree {
		return true
	}
	n := int(b[3])
	f := Field{Name: "vrrp", Label: "Virtual Router Redundancy Protocol", Len: len(b), Kind: FieldProto, Children: []Field{
		{Name: "vrrp.typever", Label: fmt.Sprintf("Version %d, Packet type %d (%s)", ver, typ, tname), Len: 1, Children: []Field{
			UintField("vrrp.version", fmt.Sprintf("%s = VRRP protocol version: %d", bitString(uint32(b[0]), 8, 0xf0), ver), 0, 1, uint64(ver)),
			UintField("vrrp.type", fmt.Sprintf("%s = VRRP packet type: %s (%d)", bitString(uint32(b[0]), 8, 0x0f), tname, typ), 0, 1, uint64(typ)),
		}},
		UintField("vrrp.virt_rtr_id", fmt.Sprintf("Virtual Rtr ID: %d", b[1]), 1, 1, uint64(b[1])),
		UintField("vrrp.prio", fmt.Sprintf("Priority: %d (%s)", b[2], vrrpPriority(b[2])), 2, 1, uint64(b[2])),
		UintField("vrrp.addr_count", fmt.Sprintf("Addr Count: %d", n), 3, 1, uint64(n)),
	}}
	if ver == 2 {
		auth := "No Authentication"
		switch b[4] {
		case 1:
			auth = "Simple Text Authentication [RFC 2338] / Reserved [RFC 3768]"
		case 2:
			auth = "IP Authentication Header [RFC 2338] / Reserved [RFC 3768]"
		}
		f.Children = append(f.Children,
			UintField("vrrp.auth_type", fmt.Sprintf("Auth Type: %s (%d)", auth, b[4]), 4, 1, uint64(b[4])),
			UintField("vrrp.adver_int", fmt.Sprintf("Adver Int: %d", b[5]), 5, 1, uint64(b[5])))
	} else {
		iv := binary.BigEndian.Uint16(b[4:]) & 0x0fff
		f.Children = append(f.Children,
			UintField("vrrp.reserved_mbz", fmt.Sprintf("%s = Reserved: %d", bitString(uint32(b[4]), 8, 0xf0), b[4]>>4), 4, 1, uint64(b[4]>>4)),
			UintField("vrrp.short_adver_int", fmt.Sprintf("%s = Adver Int: %d", bitString(uint32(iv), 16, 0x0fff), iv), 4, 2, uint64(iv)))
	}
	for i, at := 0, 8; i < n && at+4 <= len(b); i, at = i+1, at+4 {
		a := netip.AddrFrom4([4]byte(b[at : at+4]))
		f.Children = append(f.Children, Field{Name: "vrrp.ip_addr", Label: "IP Address: " + a.String(), Start: at, Len: 4, Kind: FieldIPv4, Num: uint64(binary.BigEndian.Uint32(b[at:]))})
	}
	out.Add(f)
	return true
}
