package decode

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"net/netip"
	"strconv"
)

// Cisco's Hot Standby Router Protocol (RFC 2281 for version 1; version 2
// is TLVs) on UDP 1985, and 2029 for HSRPv2 over IPv6, shown as tshark
// 4.0's packet-hsrp.c shows it. The dissector tells the versions apart by
// the destination: version 1 goes to 224.0.0.2, version 2 to 224.0.0.102
// (or port 2029 over IPv6); a datagram to any other address or port is
// left to UDP, as tshark leaves it. Info: "Hello (state Active)"; HSRPv2's
// Interface State TLV writes its own Info, and a packet of unknown TLVs
// keeps UDP's. Hand-written: gopacket has no HSRP layer.

const (
	portHSRP    = 1985
	portHSRPv6  = 2029
	hsrpV1Len   = 20
	hsrpMD5Len  = 28 // the MD5 authentication TLV's length byte
	hsrp2GSLen  = 40 // the group state TLV's
	hsrp2ISLen  = 4  // the interface state TLV's
	hsrp2TxtLen = 8  // the text authentication TLV's
)

var (
	hsrpGroupV1 = []byte{224, 0, 0, 2}
	hsrpGroupV2 = []byte{224, 0, 0, 102}
)

var hsrp = &Dissector{
	Name:    "hsrp",
	Dissect: dissectHSRP,
	Fields: []FieldDef{
		{Name: "hsrp.version", Desc: "Version", Kind: FieldUint, Bits: 8},
		{Name: "hsrp.opcode", Desc: "Op Code", Kind: FieldUint, Bits: 8},
		{Name: "hsrp.state", Desc: "State", Kind: FieldUint, Bits: 8},
		{Name: "hsrp.hellotime", Desc: "Hellotime", Kind: FieldUint, Bits: 8},
		{Name: "hsrp.holdtime", Desc: "Holdtime", Kind: FieldUint, Bits: 8},
		{Name: "hsrp.priority", Desc: "Priority", Kind: FieldUint, Bits: 8},
		{Name: "hsrp.group", Desc: "Group", Kind: FieldUint, Bits: 8},
		{Name: "hsrp.reserved", Desc: "Reserved", Kind: FieldUint, Bits: 8},
		{Name: "hsrp.auth_data", Desc: "Authentication Data", Kind: FieldString},
		{Name: "hsrp.virt_ip", Desc: "Virtual IP Address", Kind: FieldIPv4},
		{Name: "hsrp.adv.tlvtype", Desc: "Adv type", Kind: FieldUint, Bits: 16},
		{Name: "hsrp.adv.tlvlength", Desc: "Adv length", Kind: FieldUint, Bits: 16},
		{Name: "hsrp.adv.state", Desc: "Adv state", Kind: FieldUint, Bits: 8},
		{Name: "hsrp.adv.activegrp", Desc: "Adv active groups", Kind: FieldUint, Bits: 16},
		{Name: "hsrp.adv.passivegrp", Desc: "Adv passive groups", Kind: FieldUint, Bits: 16},
		{Name: "hsrp2.group_state_tlv", Desc: "Group State TLV", Kind: FieldUint, Bits: 8},
		{Name: "hsrp2.interface_state_tlv", Desc: "Interface State TLV", Kind: FieldUint, Bits: 8},
		{Name: "hsrp2.text_auth_tlv", Desc: "Text Authentication TLV", Kind: FieldUint, Bits: 8},
		{Name: "hsrp2.md5_auth_tlv", Desc: "MD5 Authentication TLV", Kind: FieldUint, Bits: 8},
		{Name: "hsrp2.version", Desc: "Version", Kind: FieldUint, Bits: 8},
		{Name: "hsrp2.opcode", Desc: "Op Code", Kind: FieldUint, Bits: 8},
		{Name: "hsrp2.state", Desc: "State", Kind: FieldUint, Bits: 8},
		{Name: "hsrp2.ipversion", Desc: "IP Ver.", Kind: FieldUint, Bits: 8},
		{Name: "hsrp2.group", Desc: "Group", Kind: FieldUint, Bits: 16},
		{Name: "hsrp2.identifier", Desc: "Identifier", Kind: FieldEther},
		{Name: "hsrp2.priority", Desc: "Priority", Kind: FieldUint, Bits: 32},
		{Name: "hsrp2.hellotime", Desc: "Hellotime", Kind: FieldUint, Bits: 32},
		{Name: "hsrp2.holdtime", Desc: "Holdtime", Kind: FieldUint, Bits: 32},
		{Name: "hsrp2.virt_ip", Desc: "Virtual IP Address", Kind: FieldIPv4},
		{Name: "hsrp2.virt_ip_v6", Desc: "Virtual IPv6 Address", Kind: FieldIPv6},
		{Name: "hsrp2.auth_data", Desc: "Authentication Data", Kind: FieldString},
		{Name: "hsrp2.active_groups", Desc: "Active Groups", Kind: FieldUint, Bits: 16},
		{Name: "hsrp2.passive_groups", Desc: "Passive Groups", Kind: FieldUint, Bits: 16},
		{Name: "hsrp2.md5_algorithm", Desc: "MD5 Algorithm", Kind: FieldUint, Bits: 8},
		{Name: "hsrp2.md5_key_id", Desc: "MD5 Key ID", Kind: FieldUint, Bits: 32},
		{Name: "hsrp.md5_ip_address", Desc: "Sender's IP Address", Kind: FieldIPv4},
	},
}

func init() { RegisterUDP(hsrp, portHSRP, portHSRPv6) }

var hsrpOpcodes = []string{"Hello", "Coup", "Resign", "Advertise"}

// hsrpStates are version 1's states, which are bits.
var hsrpStates = map[byte]string{0: "Initial", 1: "Learn", 2: "Listen", 4: "Speak", 8: "Standby", 16: "Active"}

var hsrpAdvStates = map[byte]string{1: "Dormant", 2: "Passive", 3: "Active"}

// hsrp2States are version 2's states, which are numbers (0, Disabled, has
// no name in packet-hsrp.c).
var hsrp2States = map[byte]string{1: "Init", 2: "Learn", 3: "Listen", 4: "Speak", 5: "Standby", 6: "Active"}

func hsrpName(names map[byte]string, v byte) string {
	if s, ok := names[v]; ok {
		return s
	}
	return "Unknown"
}

func dissectHSRP(p *PDU, out *Out) bool {
	if p.DstPort != portHSRP && p.DstPort != portHSRPv6 {
		return false
	}
	switch {
	case bytes.Equal(p.DstIP, hsrpGroupV1):
		hsrpV1(p.Data, out)
	case bytes.Equal(p.DstIP, hsrpGroupV2) || len(p.DstIP) == 16 && p.DstPort == portHSRPv6:
		hsrpV2(p, out)
	default:
		return false
	}
	return true
}

// hsrpDefault labels a timer or password as packet-hsrp.c does:
// "Default (3)" or "Non-Default (1)".
func hsrpDefault(title string, isDefault bool, v string) string {
	if isDefault {
		return title + ": Default (" + v + ")"
	}
	return title + ": Non-Default (" + v + ")"
}

// hsrpAuth is a clear-text password field: eight bytes, NUL padded.
func hsrpAuth(name string, b []byte, at int) Field {
	s, _ := cString(b, at, 8)
	s = Printable(s)
	return StrField(name, hsrpDefault("Authentication Data", bytes.HasPrefix(b[at:], []byte("cisco")), s), at, 8, s)
}

func hsrpV1(b []byte, out *Out) {
	out.SetProto("HSRP")
	if len(b) < 2 {
		out.SetInfo(malformedMark)
		return
	}
	op := b[1]
	info := "Unknown"
	if int(op) < len(hsrpOpcodes) {
		info = hsrpOpcodes[op]
	}
	switch {
	case op < 3 && len(b) > 2:
		info += " (state " + hsrpName(hsrpStates, b[2]) + ")"
	case op == 3 && len(b) > 6:
		info += " (state " + hsrpName(hsrpAdvStates, b[6]) + ")"
	}
	out.SetInfo(info)
	need := map[bool]int{true: hsrpV1Len, false: 16}[op < 3]
	if op <= 3 && len(b) < need {
		out.AppendInfo("", malformedMark)
	}
	if !out.WantTree {
		return
	}
	opName := "Unknown"
	if int(op) < len(hsrpOpcodes) {
		opName = hsrpOpcodes[op]
	}
	f := Field{Name: "hsrp", Label: "Cisco Hot Standby Router Protocol", Len: len(b), Kind: FieldProto, Children: []Field{
		UintField("hsrp.version", "Version: "+strconv.Itoa(int(b[0])), 0, 1, uint64(b[0])),
		UintField("hsrp.opcode", fmt.Sprintf("Op Code: %s (%d)", opName, op), 1, 1, uint64(op)),
	}}
	u8 := func(name, label string, at int) {
		if at < len(b) {
			f.Children = append(f.Children, UintField(name, label, at, 1, uint64(b[at])))
		}
	}
	u16 := func(name, title string, at int, names map[byte]string) {
		if at+2 <= len(b) {
			v := binary.BigEndian.Uint16(b[at:])
			label := title + ": " + strconv.Itoa(int(v))
			if names != nil {
				label = fmt.Sprintf("%s: %s (%d)", title, hsrpName(names, byte(v)), v)
			}
			f.Children = append(f.Children, UintField(name, label, at, 2, uint64(v)))
		}
	}
	at := 2
	switch {
	case op < 3:
		if len(b) > 2 {
			u8("hsrp.state", fmt.Sprintf("State: %s (%d)", hsrpName(hsrpStates, b[2]), b[2]), 2)
		}
		if len(b) > 3 {
			u8("hsrp.hellotime", hsrpDefault("Hellotime", b[3] == 3, strconv.Itoa(int(b[3]))), 3)
		}
		if len(b) > 4 {
			u8("hsrp.holdtime", hsrpDefault("Holdtime", b[4] == 10, strconv.Itoa(int(b[4]))), 4)
		}
		if len(b) > 7 {
			u8("hsrp.priority", "Priority: "+strconv.Itoa(int(b[5])), 5)
			u8("hsrp.group", "Group: "+strconv.Itoa(int(b[6])), 6)
			u8("hsrp.reserved", "Reserved: "+strconv.Itoa(int(b[7])), 7)
		}
		if len(b) >= 16 {
			f.Children = append(f.Children, hsrpAuth("hsrp.auth_data", b, 8))
		}
		if len(b) >= hsrpV1Len {
			f.Children = append(f.Children, Field{Name: "hsrp.virt_ip", Label: "Virtual IP Address: " + netip.AddrFrom4([4]byte(b[16:20])).String(),
				Start: 16, Len: 4, Kind: FieldIPv4, Num: uint64(binary.BigEndian.Uint32(b[16:]))})
		}
		at = 16
	case op == 3:
		u16("hsrp.adv.tlvtype", "Adv type", 2, map[byte]string{1: "HSRP interface state", 2: "IP redundancy"})
		u16("hsrp.adv.tlvlength", "Adv length", 4, nil)
		if len(b) > 7 {
			u8("hsrp.adv.state", fmt.Sprintf("Adv state: %s (%d)", hsrpName(hsrpAdvStates, b[6]), b[6]), 6)
			u8("hsrp.adv.reserved1", "Adv reserved1: "+strconv.Itoa(int(b[7])), 7)
		}
		u16("hsrp.adv.activegrp", "Adv active groups", 8, nil)
		u16("hsrp.adv.passivegrp", "Adv passive groups", 10, nil)
		if len(b) >= 16 {
			f.Children = append(f.Children, UintField("hsrp.adv.reserved2", "Adv reserved2: "+strconv.Itoa(int(binary.BigEndian.Uint32(b[12:]))), 12, 4, uint64(binary.BigEndian.Uint32(b[12:]))))
		}
		at = 12
	}
	// version 1 with MD5 authentication: 20 bytes, then a 30-byte TLV
	if len(b) == hsrpV1Len+2+hsrpMD5Len && b[at+4] == 4 && b[at+5] == hsrpMD5Len {
		f.Children = append(f.Children, hsrpMD5(b, at+4))
	}
	out.Add(f)
}

// hsrpMD5 is the MD5 authentication TLV at at.
func hsrpMD5(b []byte, at int) Field {
	ip := b[at+6 : at+10]
	key := binary.BigEndian.Uint32(b[at+10:])
	alg := "Unknown"
	if b[at+2] == 1 {
		alg = "MD5"
	}
	return Field{Name: "hsrp2.md5_auth_tlv", Label: fmt.Sprintf("MD5 Authentication TLV: Type=%d Len=%d", b[at], b[at+1]), Start: at, Len: 1, Kind: FieldUint, Num: uint64(b[at]), Children: []Field{
		UintField("hsrp2.md5_algorithm", fmt.Sprintf("MD5 Algorithm: %s (%d)", alg, b[at+2]), at+2, 1, uint64(b[at+2])),
		UintField("hsrp2.md5_padding", fmt.Sprintf("Padding: 0x%02x", b[at+3]), at+3, 1, uint64(b[at+3])),
		UintField("hsrp2.md5_flags", "MD5 Flags: "+strconv.Itoa(int(binary.BigEndian.Uint16(b[at+4:]))), at+4, 2, uint64(binary.BigEndian.Uint16(b[at+4:]))),
		{Name: "hsrp.md5_ip_address", Label: "Sender's IP Address: " + netip.AddrFrom4([4]byte(ip)).String(), Start: at + 6, Len: 4, Kind: FieldIPv4, Num: uint64(binary.BigEndian.Uint32(ip))},
		UintField("hsrp2.md5_key_id", "MD5 Key ID: "+strconv.FormatUint(uint64(key), 10), at+10, 4, uint64(key)),
		{Name: "hsrp2.md5_auth_data", Label: fmt.Sprintf("MD5 Authentication Data: %x", b[at+14:at+30]), Start: at + 14, Len: 16, Kind: FieldBytes, Str: string(b[at+14 : at+30])},
	}}
}

// hsrpV2 reads version 2's TLVs: a group state TLV names the packet, an
// interface state TLV overwrites that, and unknown TLVs end the walk.
func hsrpV2(p *PDU, out *Out) {
	b := p.Data
	out.SetProto("HSRPv2")
	info := fmt.Sprintf("%d → %d Len=%d", p.SrcPort, p.DstPort, p.Len) // UDP's, if no TLV names the packet
	f := Field{Name: "hsrp", Label: "Cisco Hot Standby Router Protocol", Len: len(b), Kind: FieldProto}
	for at := 0; at < len(b); {
		if at+2 > len(b) {
			info += malformedMark
			break
		}
		typ, l := b[at], int(b[at+1])
		switch {
		case typ == 1 && l == hsrp2GSLen && at+2+l <= len(b):
			t := b[at+2:]
			op, state := t[1], t[2]
			opName := "Unknown"
			if int(op) < 3 {
				opName = hsrpOpcodes[op]
			}
			info = opName + " (state " + hsrpName(hsrp2States, state) + ")"
			f.Children = append(f.Children, hsrp2GroupState(b, at, opName))
		case typ == 2 && l == hsrp2ISLen && at+2+l <= len(b):
			act, pass := binary.BigEndian.Uint16(b[at+2:]), binary.BigEndian.Uint16(b[at+4:])
			info = fmt.Sprintf("Interface State TLV (Act=%d Pass=%d)", act, pass)
			f.Children = append(f.Children, Field{Name: "hsrp2.interface_state_tlv", Label: fmt.Sprintf("Interface State TLV: Type=%d Len=%d", typ, l+2),
				Start: at, Len: 1, Kind: FieldUint, Num: uint64(typ), Children: []Field{
					UintField("hsrp2.active_groups", "Active Groups: "+strconv.Itoa(int(act)), at+2, 2, uint64(act)),
					UintField("hsrp2.passive_groups", "Passive Groups: "+strconv.Itoa(int(pass)), at+4, 2, uint64(pass)),
				}})
		case typ == 3 && l == hsrp2TxtLen && at+2+l <= len(b):
			f.Children = append(f.Children, Field{Name: "hsrp2.text_auth_tlv", Label: fmt.Sprintf("Text Authentication TLV: Type=%d Len=%d", typ, l),
				Start: at, Len: 2 + l, Kind: FieldUint, Num: uint64(typ), Children: []Field{hsrpAuth("hsrp2.auth_data", b, at+2)}})
		case typ == 4 && l == hsrpMD5Len && at+2+l <= len(b):
			f.Children = append(f.Children, hsrpMD5(b, at))
		default:
			at = len(b) // an unknown TLV: the rest is data
			continue
		}
		at += 2 + l
	}
	out.SetInfo(info)
	if out.WantTree {
		out.Add(f)
	}
}

// hsrp2GroupState is the tree of a group state TLV at at.
func hsrp2GroupState(b []byte, at int, opName string) Field {
	t := b[at+2 : at+2+hsrp2GSLen]
	o := at + 2
	u32 := func(off int) uint32 { return binary.BigEndian.Uint32(t[off:]) }
	ipver := t[3]
	ipName := map[byte]string{4: "IPv4", 6: "IPv6"}[ipver]
	if ipName == "" {
		ipName = "Unknown"
	}
	g := Field{Name: "hsrp2.group_state_tlv", Label: fmt.Sprintf("Group State TLV: Type=%d Len=%d", b[at], b[at+1]), Start: at, Len: 2 + hsrp2GSLen, Kind: FieldUint, Num: uint64(b[at]), Children: []Field{
		UintField("hsrp2.version", "Version: "+strconv.Itoa(int(t[0])), o, 1, uint64(t[0])),
		UintField("hsrp2.opcode", fmt.Sprintf("Op Code: %s (%d)", opName, t[1]), o+1, 1, uint64(t[1])),
		UintField("hsrp2.state", fmt.Sprintf("State: %s (%d)", hsrpName(hsrp2States, t[2]), t[2]), o+2, 1, uint64(t[2])),
		UintField("hsrp2.ipversion", fmt.Sprintf("IP Ver.: %s (%d)", ipName, ipver), o+3, 1, uint64(ipver)),
		UintField("hsrp2.group", "Group: "+strconv.Itoa(int(binary.BigEndian.Uint16(t[4:]))), o+4, 2, uint64(binary.BigEndian.Uint16(t[4:]))),
		{Name: "hsrp2.identifier", Label: "Identifier: " + macString(t[6:12]), Start: o + 6, Len: 6, Kind: FieldEther, Num: macNum(t[6:12])},
		UintField("hsrp2.priority", "Priority: "+strconv.FormatUint(uint64(u32(12)), 10), o+12, 4, uint64(u32(12))),
		UintField("hsrp2.hellotime", hsrpDefault("Hellotime", u32(16) == 3000, strconv.FormatUint(uint64(u32(16)), 10)), o+16, 4, uint64(u32(16))),
		UintField("hsrp2.holdtime", hsrpDefault("Holdtime", u32(20) == 10000, strconv.FormatUint(uint64(u32(20)), 10)), o+20, 4, uint64(u32(20))),
	}}
	switch ipver {
	case 4:
		g.Children = append(g.Children, Field{Name: "hsrp2.virt_ip", Label: "Virtual IP Address: " + netip.AddrFrom4([4]byte(t[24:28])).String(),
			Start: o + 24, Len: 4, Kind: FieldIPv4, Num: uint64(u32(24))})
	case 6:
		g.Children = append(g.Children, Field{Name: "hsrp2.virt_ip_v6", Label: "Virtual IPv6 Address: " + netip.AddrFrom16([16]byte(t[24:40])).String(),
			Start: o + 24, Len: 16, Kind: FieldIPv6, Str: string(t[24:40])})
	}
	return g
}
