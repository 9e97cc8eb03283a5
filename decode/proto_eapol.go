package decode

import (
	"fmt"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// IEEE 802.1X: EAP over LAN (Ethernet type 0x888e) and the EAP messages it
// carries (RFC 3748). gopacket's layers decode both headers; a frame that
// carries an EAP packet is named EAP, as Wireshark names it.

// EtherTypeEAPOL is IEEE 802.1X's Ethernet type.
const EtherTypeEAPOL EtherType = 0x888e

var eapol = &Dissector{
	Name:    "eapol",
	Dissect: dissectEAPOL,
	Fields: []FieldDef{
		{Name: "eapol.type", Desc: "EAPOL packet type", Kind: FieldUint, Bits: 8},
		{Name: "eap", Desc: "EAP", Kind: FieldProto},
		{Name: "eap.code", Desc: "EAP code", Kind: FieldUint, Bits: 8},
		{Name: "eap.type", Desc: "EAP method type", Kind: FieldUint, Bits: 8},
	},
}

func init() { RegisterEtherType(eapol, EtherTypeEAPOL) }

var eapolTypes = [...]string{"EAP Packet", "Start", "Logoff", "Key", "Encapsulated ASF Alert"}
var eapCodes = [...]string{"", "Request", "Response", "Success", "Failure"}

// eapTypeName names EAP method types as Wireshark does (IANA EAP registry).
func eapTypeName(t layers.EAPType) string {
	switch t {
	case 1:
		return "Identity"
	case 2:
		return "Notification"
	case 3:
		return "Legacy Nak (Response Only)"
	case 4:
		return "MD5-Challenge EAP (EAP-MD5-CHALLENGE)"
	case 13:
		return "TLS EAP (EAP-TLS)"
	case 18:
		return "GSM Subscriber Identity Modules EAP (EAP-SIM)"
	case 21:
		return "Tunneled TLS EAP (EAP-TTLS)"
	case 23:
		return "EAP-AKA Authentication (EAP-AKA)"
	case 25:
		return "Protected EAP (EAP-PEAP)"
	case 26:
		return "MS-CHAP-v2 (EAP-MS-CHAP-V2)"
	}
	return fmt.Sprintf("Unknown Type (%d)", uint8(t))
}

func dissectEAPOL(p *PDU, out *Out) bool {
	if len(p.Data) < 4 {
		return false
	}
	pkt := gopacket.NewPacket(p.Data, layers.LayerTypeEAPOL, gopacket.DecodeOptions{NoCopy: true})
	e, _ := pkt.Layer(layers.LayerTypeEAPOL).(*layers.EAPOL)
	if e == nil {
		return false
	}
	tname := "Unknown"
	if int(e.Type) < len(eapolTypes) {
		tname = eapolTypes[e.Type]
	}
	out.SetProto("EAPOL")
	out.SetInfo(tname)
	out.Add(Field{Name: "eapol", Label: "802.1X Authentication", Len: min(len(p.Data), 4+int(e.Length)), Kind: FieldProto, Children: []Field{
		{Name: "eapol.version", Label: fmt.Sprintf("Version: %d", e.Version), Start: 0, Len: 1},
		UintField("eapol.type", fmt.Sprintf("Type: %s (%d)", tname, e.Type), 1, 1, uint64(e.Type)),
		{Name: "eapol.len", Label: fmt.Sprintf("Length: %d", e.Length), Start: 2, Len: 2},
	}})
	if e.Type != layers.EAPOLTypeEAP {
		return true
	}
	m, _ := pkt.Layer(layers.LayerTypeEAP).(*layers.EAP)
	if m == nil || m.Code == 0 || int(m.Code) >= len(eapCodes) {
		return true
	}
	out.SetProto("EAP")
	info := eapCodes[m.Code]
	eap := Field{Name: "eap", Label: "Extensible Authentication Protocol", Start: 4, Len: len(p.Data) - 4, Kind: FieldProto, Children: []Field{
		UintField("eap.code", fmt.Sprintf("Code: %s (%d)", eapCodes[m.Code], m.Code), 4, 1, uint64(m.Code)),
		{Name: "eap.id", Label: fmt.Sprintf("Id: %d", m.Id), Start: 5, Len: 1},
		{Name: "eap.len", Label: fmt.Sprintf("Length: %d", m.Length), Start: 6, Len: 2},
	}}
	// A request or response names its method in the byte after the
	// header, when its length (and the capture) reaches that far.
	if (m.Code == layers.EAPCodeRequest || m.Code == layers.EAPCodeResponse) && m.Length >= 5 && len(p.Data) > 8 {
		info += ", " + eapTypeName(m.Type)
		eap.Children = append(eap.Children, UintField("eap.type", fmt.Sprintf("Type: %s (%d)", eapTypeName(m.Type), m.Type), 8, 1, uint64(m.Type)))
	}
	out.SetInfo(info)
	out.Add(eap)
	return true
}
