package decode

import (
	"bytes"
	"net"
)

// Wake-on-LAN magic packets as Wireshark 4.0's packet-wol.c shows them:
// six 0xff bytes, the target MAC sixteen times, and an optional SecureOn
// password (4 bytes shown as an IPv4 address, 6 or more as a MAC). They are
// found in Ethernet frames of type 0x0842 and, by the same check used as a
// heuristic, in UDP datagrams on ports no other dissector takes (UDP 7
// belongs to Echo, as in tshark). Info: "MagicPacket for MAC" and ",
// password P", as tshark -n prints it: ladder resolves no names, where
// tshark with name resolution prints "name (MAC)" (a vendor name from its
// manuf file, or the address again). Hand-written: gopacket has no
// Wake-on-LAN layer.

const (
	etherTypeWOL EtherType = 0x0842
	// wolMagicLen is the sync stream and sixteen copies of the MAC.
	wolMagicLen = 102
)

// wolMagic reports whether b begins with a magic packet.
func wolMagic(b []byte) bool {
	if len(b) < wolMagicLen || !bytes.Equal(b[:6], []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}) {
		return false
	}
	for off := 12; off < wolMagicLen; off += 6 {
		if !bytes.Equal(b[off:off+6], b[6:12]) {
			return false
		}
	}
	return true
}

func wolDissect(p *PDU, out *Out) bool {
	b := p.Data
	if !wolMagic(b) {
		return false
	}
	mac := net.HardwareAddr(b[6:12]).String()
	n, passwd := wolMagicLen, ""
	switch {
	case len(b) >= 108:
		n, passwd = 108, net.HardwareAddr(b[102:108]).String()
	case len(b) >= 106:
		n, passwd = 106, net.IP(b[102:106]).String()
	}
	out.SetProto("WOL")
	info := "MagicPacket for " + mac
	if passwd != "" {
		info += ", password " + passwd
	}
	out.SetInfo(info)
	if !out.WantTree {
		return true
	}
	top := "Wake On LAN, MAC: " + mac
	if passwd != "" {
		top += ", password: " + passwd
	}
	macs := make([]Field, 0, 16)
	for off := 6; off < wolMagicLen; off += 6 {
		macs = append(macs, Field{Name: "wol.mac", Label: "MAC: " + mac, Start: off, Len: 6,
			Kind: FieldEther, Num: wolMAC(b[off : off+6])})
	}
	kids := []Field{
		{Name: "wol.sync", Label: "Sync stream: ffffffffffff", Start: 0, Len: 6, Kind: FieldBytes, Str: string(b[:6])},
		{Label: "MAC: " + mac, Start: 6, Len: 96, Children: macs},
	}
	if passwd != "" {
		kids = append(kids, Field{Name: "wol.passwd", Label: "Password: " + passwd, Start: wolMagicLen, Len: n - wolMagicLen,
			Kind: FieldBytes, Str: string(b[wolMagicLen:n])})
	}
	out.Add(Field{Name: "wol", Label: top, Start: 0, Len: n, Kind: FieldProto, Children: kids})
	return true
}

// wolMAC is a MAC address as a FieldEther value.
func wolMAC(b []byte) uint64 {
	var v uint64
	for _, c := range b {
		v = v<<8 | uint64(c)
	}
	return v
}

var wolDissector = &Dissector{
	Name:      "wol",
	Dissect:   wolDissect,
	Heuristic: wolMagic,
	Fields: []FieldDef{
		{Name: "wol.sync", Desc: "Sync stream", Kind: FieldBytes},
		{Name: "wol.mac", Desc: "MAC", Kind: FieldEther},
		{Name: "wol.passwd", Desc: "Password", Kind: FieldBytes},
	},
}

func init() {
	RegisterUDP(wolDissector)
	RegisterEtherType(wolDissector, etherTypeWOL)
}
