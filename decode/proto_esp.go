package decode

import (
	"encoding/binary"
	"fmt"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// IPsec ESP (RFC 4303) on IP protocol 50 and in UDP on port 4500 (RFC 3948
// NAT traversal, with its one-byte NAT-keepalive; a datagram starting with
// the four-byte zero non-ESP marker holds an IKE message, which
// proto_isakmp.go reads). Only the SPI and
// sequence number are in clear; Info reads "ESP (SPI=0x00001001)" as
// packet-ipsec.c writes it. gopacket's IPSecESP layer reads the header.

const (
	ipProtoESP   IPProtocol = 50
	portIPsecNAT            = 4500
	espHeaderLen            = 8
)

var esp = &Dissector{
	Name:    "esp",
	Dissect: dissectESP,
	Fields: []FieldDef{
		{Name: "esp.spi", Desc: "ESP SPI", Kind: FieldUint, Bits: 32},
		{Name: "esp.sequence", Desc: "ESP sequence", Kind: FieldUint, Bits: 32},
		{Name: "udpencap", Desc: "UDP Encapsulation of IPsec Packets", Kind: FieldProto},
		{Name: "udpencap.non_esp_marker", Desc: "Non-ESP Marker", Kind: FieldLabel},
	},
}

func init() {
	RegisterIPProto(esp, ipProtoESP)
	RegisterUDP(esp, portIPsecNAT)
}

func dissectESP(p *PDU, out *Out) bool {
	b := p.Data
	if p.Conv != nil { // in UDP (RFC 3948 §2)
		switch {
		case len(b) == 1 && b[0] == 0xff:
			out.SetProto("UDPENCAP")
			out.SetInfo("NAT-keepalive")
			out.Add(Field{Name: "udpencap", Label: "UDP Encapsulation of IPsec Packets", Len: 1, Kind: FieldProto, Children: []Field{
				{Name: "udpencap.nat_keepalive", Label: "NAT-keepalive packet", Len: 1},
			}})
			return true
		case len(b) >= 4 && (b[0]|b[1]|b[2]|b[3]) == 0:
			// the non-ESP marker: an IKE message follows (RFC 3948 §2.2)
			out.Add(Field{Name: "udpencap", Label: "UDP Encapsulation of IPsec Packets", Len: 4, Kind: FieldProto, Children: []Field{
				{Name: "udpencap.non_esp_marker", Label: "Non-ESP Marker", Len: 4},
			}})
			if f, ok := isakmpDissect(b[4:], out); ok {
				ikeShift(&f, 4)
				out.Add(f)
			}
			return true
		case len(b) < espHeaderLen:
			return false
		}
	}
	out.SetProto("ESP")
	if p.Conv != nil {
		// tshark's UDPENCAP layer is empty before ESP in UDP
		out.Add(Field{Name: "udpencap", Label: "UDP Encapsulation of IPsec Packets", Kind: FieldProto})
	}
	var e layers.IPSecESP
	if e.DecodeFromBytes(b, gopacket.NilDecodeFeedback) != nil {
		out.SetInfo(malformedMark)
		f := Field{Name: "esp", Label: "Encapsulating Security Payload", Len: len(b), Kind: FieldProto}
		if len(b) >= 4 { // tshark reads the SPI before it runs out of bytes
			spi := binary.BigEndian.Uint32(b)
			f.Children = append(f.Children, UintField("esp.spi", fmt.Sprintf("ESP SPI: 0x%08x (%d)", spi, spi), 0, 4, uint64(spi)))
		}
		out.Add(f)
		return true
	}
	out.SetInfo(fmt.Sprintf("ESP (SPI=0x%08x)", e.SPI))
	out.Add(Field{Name: "esp", Label: "Encapsulating Security Payload", Len: len(b), Kind: FieldProto, Children: []Field{
		UintField("esp.spi", fmt.Sprintf("ESP SPI: 0x%08x (%d)", e.SPI, e.SPI), 0, 4, uint64(e.SPI)),
		UintField("esp.sequence", fmt.Sprintf("ESP Sequence: %d", e.Seq), 4, 4, uint64(e.Seq)),
	}})
	return true
}
