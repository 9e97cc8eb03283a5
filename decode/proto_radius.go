package decode

import (
	"encoding/binary"
	"encoding/hex"
	"strconv"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// RADIUS (RFC 2865, 2866, 5176, 5997) on UDP 1812/1813, the old ports
// 1645/1646 and 3799 for dynamic authorization. Info is "Code id=N" as
// packet-radius.c writes it ("Access-Request id=143"); the details show the
// header and each attribute as tshark does ("AVP: t=User-Name(1) l=7
// val=alice"), the RFC 2865/2866 attributes decoded by type. gopacket's
// RADIUS layer decodes the message and its attributes (it checks the
// length and the attribute list); the offsets are counted here from the
// attribute lengths.

var radiusCodes = map[layers.RADIUSCode]string{
	1: "Access-Request", 2: "Access-Accept", 3: "Access-Reject", 4: "Accounting-Request", 5: "Accounting-Response",
	11: "Access-Challenge", 12: "Status-Server", 13: "Status-Client", 40: "Disconnect-Request", 41: "Disconnect-ACK",
	42: "Disconnect-NAK", 43: "CoA-Request", 44: "CoA-ACK", 45: "CoA-NAK",
}

// radiusKind is how an attribute's value reads (the dictionary's types).
type radiusKind uint8

const (
	radiusText radiusKind = iota
	radiusInt
	radiusAddr
	radiusOctets
	radiusPassword
)

// radiusAttr is one dictionary entry: name, value type, filter field
// (packet-radius.c's "radius."+name with '-' as '_', except the few it
// spells otherwise) and the names of enumerated values.
type radiusAttr struct {
	name  string
	kind  radiusKind
	field string
	enum  map[uint32]string
}

var radiusAttrs = map[layers.RADIUSAttributeType]radiusAttr{
	1:  {"User-Name", radiusText, "radius.User_Name", nil},
	2:  {"User-Password", radiusPassword, "radius.User_Password_encrypted", nil},
	3:  {"CHAP-Password", radiusOctets, "radius.CHAP_Password", nil},
	4:  {"NAS-IP-Address", radiusAddr, "radius.NAS_IP_Address", nil},
	5:  {"NAS-Port", radiusInt, "radius.NAS_Port", nil},
	6:  {"Service-Type", radiusInt, "radius.Service_Type", map[uint32]string{1: "Login-User", 2: "Framed-User", 3: "Callback-Login-User", 4: "Callback-Framed-User", 5: "Outbound-User", 6: "Administrative-User", 7: "NAS-Prompt-User", 8: "Authenticate-Only"}},
	7:  {"Framed-Protocol", radiusInt, "radius.Framed_Protocol", map[uint32]string{1: "PPP", 2: "SLIP"}},
	8:  {"Framed-IP-Address", radiusAddr, "radius.Framed-IP-Address", nil},
	18: {"Reply-Message", radiusText, "radius.Reply_Message", nil},
	24: {"State", radiusOctets, "radius.State", nil},
	25: {"Class", radiusOctets, "radius.Class", nil},
	27: {"Session-Timeout", radiusInt, "radius.Session_Timeout", nil},
	28: {"Idle-Timeout", radiusInt, "radius.Idle_Timeout", nil},
	30: {"Called-Station-Id", radiusText, "radius.Called_Station_Id", nil},
	31: {"Calling-Station-Id", radiusText, "radius.Calling_Station_Id", nil},
	32: {"NAS-Identifier", radiusText, "radius.NAS_Identifier", nil},
	40: {"Acct-Status-Type", radiusInt, "radius.Acct_Status_Type", map[uint32]string{1: "Start", 2: "Stop", 3: "Interim-Update", 7: "Accounting-On", 8: "Accounting-Off"}},
	41: {"Acct-Delay-Time", radiusInt, "radius.Acct_Delay_Time", nil},
	42: {"Acct-Input-Octets", radiusInt, "radius.Acct_Input_Octets", nil},
	43: {"Acct-Output-Octets", radiusInt, "radius.Acct_Output_Octets", nil},
	44: {"Acct-Session-Id", radiusText, "radius.Acct_Session_Id", nil},
	46: {"Acct-Session-Time", radiusInt, "radius.Acct_Session_Time", nil},
	47: {"Acct-Input-Packets", radiusInt, "radius.Acct_Input_Packets", nil},
	48: {"Acct-Output-Packets", radiusInt, "radius.Acct_Output_Packets", nil},
	49: {"Acct-Terminate-Cause", radiusInt, "radius.Acct_Terminate_Cause", map[uint32]string{1: "User-Request", 2: "Lost-Carrier", 3: "Lost-Service", 4: "Idle-Timeout", 5: "Session-Timeout", 6: "Admin-Reset", 7: "Admin-Reboot", 8: "Port-Error", 9: "NAS-Error", 10: "NAS-Request", 11: "NAS-Reboot"}},
	61: {"NAS-Port-Type", radiusInt, "radius.NAS_Port_Type", map[uint32]string{0: "Async", 1: "Sync", 2: "ISDN", 5: "Virtual", 15: "Ethernet", 19: "Wireless-802.11"}},
	79: {"EAP-Message", radiusOctets, "radius.EAP_Message", nil},
	80: {"Message-Authenticator", radiusOctets, "radius.Message_Authenticator", nil},
}

var radius = &Dissector{
	Name:    "radius",
	Dissect: radiusDissect,
	Fields: []FieldDef{
		{Name: "radius.code", Desc: "Code", Kind: FieldUint, Bits: 8},
		{Name: "radius.id", Desc: "Packet identifier", Kind: FieldUint, Bits: 8},
		{Name: "radius.length", Desc: "Length", Kind: FieldUint, Bits: 16},
		{Name: "radius.avp.type", Desc: "Attribute type", Kind: FieldUint, Bits: 8},
		{Name: "radius.User_Name", Desc: "User-Name", Kind: FieldString},
		{Name: "radius.Reply_Message", Desc: "Reply-Message", Kind: FieldString},
		{Name: "radius.NAS_IP_Address", Desc: "NAS-IP-Address", Kind: FieldIPv4},
		{Name: "radius.Framed-IP-Address", Desc: "Framed-IP-Address", Kind: FieldIPv4},
		{Name: "radius.NAS_Port", Desc: "NAS-Port", Kind: FieldUint, Bits: 32},
		{Name: "radius.Acct_Status_Type", Desc: "Acct-Status-Type", Kind: FieldUint, Bits: 32},
		{Name: "radius.Acct_Session_Id", Desc: "Acct-Session-Id", Kind: FieldString},
		{Name: "radius.Acct_Session_Time", Desc: "Acct-Session-Time", Kind: FieldUint, Bits: 32},
		{Name: "radius.Acct_Terminate_Cause", Desc: "Acct-Terminate-Cause", Kind: FieldUint, Bits: 32},
	},
}

func init() { RegisterUDP(radius, 1645, 1646, 1812, 1813, 3799) }

func radiusDissect(p *PDU, out *Out) bool {
	b := p.Data
	var r layers.RADIUS
	if len(b) < 20 || r.DecodeFromBytes(b, gopacket.NilDecodeFeedback) != nil {
		return false
	}
	code, ok := radiusCodes[r.Code]
	if !ok {
		code = "Unknown Packet Type (" + strconv.Itoa(int(r.Code)) + ")"
	}
	out.SetProto("RADIUS")
	out.SetInfo(code + " id=" + strconv.Itoa(int(r.Identifier)))
	if !out.WantTree {
		return true
	}
	n := int(binary.BigEndian.Uint16(b[2:]))
	top := Field{Name: "radius", Label: "RADIUS Protocol", Len: len(b), Kind: FieldProto, Children: []Field{
		UintField("radius.code", "Code: "+code+" ("+strconv.Itoa(int(r.Code))+")", 0, 1, uint64(r.Code)),
		UintField("radius.id", "Packet identifier: 0x"+strconv.FormatUint(uint64(r.Identifier), 16)+" ("+strconv.Itoa(int(r.Identifier))+")", 1, 1, uint64(r.Identifier)),
		UintField("radius.length", "Length: "+strconv.Itoa(n), 2, 2, uint64(n)),
		{Name: "radius.authenticator", Label: "Authenticator: " + hex.EncodeToString(b[4:20]), Start: 4, Len: 16, Kind: FieldBytes, Str: string(b[4:20])},
	}}
	if len(r.Attributes) > 0 {
		avps := Field{Label: "Attribute Value Pairs", Start: 20, Len: min(n, len(b)) - 20}
		at := 20
		for _, a := range r.Attributes {
			l := int(a.Length)
			if l < 2 || at+l > len(b) {
				break
			}
			avps.Children = append(avps.Children, radiusAVP(b, at, l, a))
			at += l
		}
		top.Children = append(top.Children, avps)
	}
	out.Add(top)
	return true
}

// radiusAVP is one attribute at b[at:at+l].
func radiusAVP(b []byte, at, l int, a layers.RADIUSAttribute) Field {
	t := int(a.Type)
	v := b[at+2 : at+l]
	d, known := radiusAttrs[a.Type]
	name := d.name
	if !known {
		name = "Unknown-Attribute-" + strconv.Itoa(t)
	}
	f := Field{Name: "radius.avp", Start: at, Len: l, Children: []Field{
		UintField("radius.avp.type", "Type: "+strconv.Itoa(t), at, 1, uint64(t)),
		UintField("radius.avp.length", "Length: "+strconv.Itoa(l), at+1, 1, uint64(l)),
	}}
	val := hex.EncodeToString(v)
	var vf Field
	switch {
	case !known:
	case d.kind == radiusText:
		val = Printable(string(v))
		vf = StrField(d.field, name+": "+val, at+2, len(v), string(v))
	case d.kind == radiusInt && len(v) == 4:
		x := binary.BigEndian.Uint32(v)
		val = strconv.FormatUint(uint64(x), 10)
		label := name + ": " + val
		if e, ok := d.enum[x]; ok {
			val = e + "(" + val + ")"
			label = name + ": " + e + " (" + strconv.FormatUint(uint64(x), 10) + ")"
		}
		vf = UintField(d.field, label, at+2, 4, uint64(x))
	case d.kind == radiusAddr && len(v) == 4:
		val = ipv4String(v)
		vf = Field{Name: d.field, Label: name + ": " + val, Start: at + 2, Len: 4, Kind: FieldIPv4, Num: uint64(binary.BigEndian.Uint32(v))}
	case d.kind == radiusPassword:
		val = "Encrypted"
		vf = Field{Name: d.field, Label: "User-Password (encrypted): " + hex.EncodeToString(v), Start: at + 2, Len: len(v), Kind: FieldBytes, Str: string(v)}
	case d.kind == radiusOctets:
		vf = Field{Name: d.field, Label: name + ": " + val, Start: at + 2, Len: len(v), Kind: FieldBytes, Str: string(v)}
	}
	f.Label = "AVP: t=" + name + "(" + strconv.Itoa(t) + ") l=" + strconv.Itoa(l) + " val=" + val
	if vf.Name != "" {
		f.Children = append(f.Children, vf)
	}
	return f
}
