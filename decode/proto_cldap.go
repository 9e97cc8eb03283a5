package decode

import (
	"encoding/binary"
	"strconv"
	"strings"
)

// CLDAP, connectionless LDAP on UDP port 389 (RFC 1798, MS-ADTS §6.3.3):
// LDAPMessages in a datagram, read by LDAP's parser (proto_ldap.go) as
// packet-ldap.c's dissect_mscldap does: Protocol "CLDAP", the messages of
// one datagram joined without a separator in Info ("searchResEntry(4)
// "<ROOT>" searchResDone(4) success  [1 result]"), the ldap.* filter
// fields. Active Directory's "LDAP ping" asks the root for the attribute
// Netlogon with a (&(DnsDomain=...)(NtVer=...)) filter; the answer's value
// is a NETLOGON_SAM_LOGON_RESPONSE(_EX) structure (MS-ADTS §6.3.1.8-9),
// shown as packet-ldap.c's dissect_NetLogon_PDU does for any attribute
// named netlogon (over TCP too). Hand-written: gopacket has neither.

var cldap = &Dissector{
	Name:    "cldap",
	Dissect: func(p *PDU, out *Out) bool { return ldapPDU(p, out, true) },
	Fields: []FieldDef{
		{Name: "mscldap.netlogon.opcode", Desc: "Operation code", Kind: FieldUint, Bits: 16},
		{Name: "mscldap.netlogon.flags", Desc: "Flags", Kind: FieldUint, Bits: 32},
		{Name: "mscldap.netlogon.flags.forestnc", Desc: "FDC", Kind: FieldBool},
		{Name: "mscldap.netlogon.flags.defaultnc", Desc: "DNC", Kind: FieldBool},
		{Name: "mscldap.netlogon.flags.dnsname", Desc: "DNS", Kind: FieldBool},
		{Name: "mscldap.netlogon.flags.writabledc", Desc: "WDC", Kind: FieldBool},
		{Name: "mscldap.netlogon.flags.rodc", Desc: "RODC", Kind: FieldBool},
		{Name: "mscldap.netlogon.flags.ndnc", Desc: "NDNC", Kind: FieldBool},
		{Name: "mscldap.netlogon.flags.good_timeserv", Desc: "Good Time Serv", Kind: FieldBool},
		{Name: "mscldap.netlogon.flags.writable", Desc: "Writable", Kind: FieldBool},
		{Name: "mscldap.netlogon.flags.closest", Desc: "Closest", Kind: FieldBool},
		{Name: "mscldap.netlogon.flags.timeserv", Desc: "Time Serv", Kind: FieldBool},
		{Name: "mscldap.netlogon.flags.kdc", Desc: "KDC", Kind: FieldBool},
		{Name: "mscldap.netlogon.flags.ds", Desc: "DS", Kind: FieldBool},
		{Name: "mscldap.netlogon.flags.ldap", Desc: "LDAP", Kind: FieldBool},
		{Name: "mscldap.netlogon.flags.gc", Desc: "GC", Kind: FieldBool},
		{Name: "mscldap.netlogon.flags.pdc", Desc: "PDC", Kind: FieldBool},
		{Name: "mscldap.domain.guid", Desc: "Domain GUID", Kind: FieldString},
		{Name: "mscldap.forest", Desc: "Forest", Kind: FieldString},
		{Name: "mscldap.domain", Desc: "Domain", Kind: FieldString},
		{Name: "mscldap.hostname", Desc: "Hostname", Kind: FieldString},
		{Name: "mscldap.nb_domain", Desc: "NetBIOS Domain", Kind: FieldString},
		{Name: "mscldap.nb_hostname", Desc: "NetBIOS Hostname", Kind: FieldString},
		{Name: "mscldap.username", Desc: "Username", Kind: FieldString},
		{Name: "mscldap.sitename", Desc: "Server Site", Kind: FieldString},
		{Name: "mscldap.clientsitename", Desc: "Client Site", Kind: FieldString},
		{Name: "mscldap.ntver.flags", Desc: "Version Flags", Kind: FieldUint, Bits: 32},
		{Name: "mscldap.ntver.searchflags.v1", Desc: "V1", Kind: FieldBool},
		{Name: "mscldap.ntver.searchflags.v5", Desc: "V5", Kind: FieldBool},
		{Name: "mscldap.ntver.searchflags.v5ex", Desc: "V5EX", Kind: FieldBool},
		{Name: "mscldap.ntver.searchflags.v5ep", Desc: "V5EP", Kind: FieldBool},
		{Name: "mscldap.ntver.searchflags.vcs", Desc: "VCS", Kind: FieldBool},
		{Name: "mscldap.ntver.searchflags.vnt4", Desc: "VNT4", Kind: FieldBool},
		{Name: "mscldap.ntver.searchflags.vpdc", Desc: "VPDC", Kind: FieldBool},
		{Name: "mscldap.ntver.searchflags.vip", Desc: "VIP", Kind: FieldBool},
		{Name: "mscldap.ntver.searchflags.vl", Desc: "VL", Kind: FieldBool},
		{Name: "mscldap.ntver.searchflags.vgc", Desc: "VGC", Kind: FieldBool},
		{Name: "mscldap.netlogon.lm_token", Desc: "LM Token", Kind: FieldUint, Bits: 16},
		{Name: "mscldap.netlogon.nt_token", Desc: "NT Token", Kind: FieldUint, Bits: 16},
	},
}

func init() { RegisterUDP(cldap, portLDAP) }

// The netlogon operation codes (MS-ADTS §6.3.1, packet-ldap.c's
// netlogon_opcode_vals).
const netlogonSamLogonResponseEx = 23

var netlogonOpcodes = map[uint16]string{
	7: "LOGON_PRIMARY_QUERY", 12: "LOGON_PRIMARY_RESPONSE", 18: "LOGON_SAM_LOGON_REQUEST", 19: "LOGON_SAM_LOGON_RESPONSE",
	20: "LOGON_SAM_PAUSE_RESPONSE", 21: "LOGON_SAM_USER_UNKNOWN", 23: "LOGON_SAM_LOGON_RESPONSE_EX",
	24: "LOGON_SAM_PAUSE_RESPONSE_EX", 25: "LOGON_SAM_USER_UNKNOWN_EX",
}

// mscldapFlag is one bit of the DS_FLAG (MS-ADTS §6.3.1.2) or
// NETLOGON_NT_VERSION (§6.3.1.1) words, named as packet-ldap.c does.
type mscldapFlag struct {
	mask            uint32
	field, name     string
	ifSet, ifNotSet string
}

// netlogonFlags are the DS_FLAG bits, most significant first as tshark
// lists them.
var netlogonFlags = []mscldapFlag{
	{0x80000000, "mscldap.netlogon.flags.forestnc", "FDC", "The NC is the default forest NC(Windows 2008)", "The NC is not the default forest NC (Windows 2008)"},
	{0x40000000, "mscldap.netlogon.flags.defaultnc", "DNC", "The NC is the default NC (Windows 2008)", "The NC is not the default NC (Windows 2008)"},
	{0x20000000, "mscldap.netlogon.flags.dnsname", "DNS", "Server name is in DNS format (Windows 2008)", "Server name is not in DNS format (Windows 2008)"},
	{0x00001000, "mscldap.netlogon.flags.writabledc", "WDC", "Domain controller is a Windows 2008 writable NC", "Domain controller is not a Windows 2008 writable NC"},
	{0x00000800, "mscldap.netlogon.flags.rodc", "RODC", "Domain controller is a Windows 2008 RODC", "Domain controller is not a Windows 2008 RODC"},
	{0x00000400, "mscldap.netlogon.flags.ndnc", "NDNC", "Domain is NON-DOMAIN NC serviced by ldap server", "Domain is NOT non-domain nc serviced by ldap server"},
	{0x00000200, "mscldap.netlogon.flags.good_timeserv", "Good Time Serv", "This dc has a GOOD TIME SERVICE (i.e. hardware clock)", "This dc does NOT have a good time service (i.e. no hardware clock)"},
	{0x00000100, "mscldap.netlogon.flags.writable", "Writable", "This dc is WRITABLE", "This dc is NOT writable"},
	{0x00000080, "mscldap.netlogon.flags.closest", "Closest", "This server is in the same site as the client", "This server is NOT in the same site as the client"},
	{0x00000040, "mscldap.netlogon.flags.timeserv", "Time Serv", "This dc is running TIME SERVICES (ntp)", "This dc is NOT running time services (ntp)"},
	{0x00000020, "mscldap.netlogon.flags.kdc", "KDC", "This is a KDC (kerberos)", "This is NOT a kdc (kerberos)"},
	{0x00000010, "mscldap.netlogon.flags.ds", "DS", "This dc supports DS", "This dc does NOT support ds"},
	{0x00000008, "mscldap.netlogon.flags.ldap", "LDAP", "This is an LDAP server", "This is NOT an ldap server"},
	{0x00000004, "mscldap.netlogon.flags.gc", "GC", "This is a GLOBAL CATALOGUE of forest", "This is NOT a global catalog of forest"},
	{0x00000001, "mscldap.netlogon.flags.pdc", "PDC", "This is a PDC", "This is NOT a pdc"},
}

// ntverFlags are the NETLOGON_NT_VERSION bits, least significant first
// as tshark lists them.
var ntverFlags = []mscldapFlag{
	{0x00000001, "mscldap.ntver.searchflags.v1", "V1", "Client requested version 1 netlogon response", "Version 1 netlogon response not requested"},
	{0x00000002, "mscldap.ntver.searchflags.v5", "V5", "Client requested version 5 netlogon response", "Version 5 netlogon response not requested"},
	{0x00000004, "mscldap.ntver.searchflags.v5ex", "V5EX", "Client requested version 5 extended netlogon response", "Version 5 extended response not requested"},
	{0x00000008, "mscldap.ntver.searchflags.v5ep", "V5EP", "Client has requested IP address of the server", "IP address of server not requested"},
	{0x00000010, "mscldap.ntver.searchflags.vcs", "VCS", "Client has asked for the closest site information", "Closest site information not requested"},
	{0x01000000, "mscldap.ntver.searchflags.vnt4", "VNT4", "Client is requesting server to avoid NT4 emulation", "Only full AD DS requested"},
	{0x10000000, "mscldap.ntver.searchflags.vpdc", "VPDC", "Client has requested the Primary Domain Controller", "Primary Domain Controller not requested"},
	{0x20000000, "mscldap.ntver.searchflags.vip", "VIP", "Client has requested IP details (obsolete)", "IP details not requested (obsolete)"},
	{0x40000000, "mscldap.ntver.searchflags.vl", "VL", "Client indicated that it is the local machine", "Client is not the local machine"},
	{0x80000000, "mscldap.ntver.searchflags.vgc", "VGC", "Client has requested a Global Catalog server", "Global Catalog not requested"},
}

// mscldapFlags is a little-endian 32-bit flag word at s: its line names
// the bits set ("Flags: 0x000013fd, WDC: ..., PDC: This is a PDC", cut at
// 239 bytes as tshark's), its children every bit.
func mscldapFlags(b []byte, s int, name, label string, bits []mscldapFlag) Field {
	v := binary.LittleEndian.Uint32(b[s:])
	var text strings.Builder
	text.WriteString(label + ": 0x" + hex8(v))
	f := UintField(name, "", s, 4, uint64(v))
	for _, bit := range bits {
		state := bit.ifNotSet
		var one uint64
		if v&bit.mask != 0 {
			state, one = bit.ifSet, 1
			text.WriteString(", " + bit.name + ": " + bit.ifSet)
		}
		f.Children = append(f.Children, Field{Name: bit.field, Label: bitString(v, 32, bit.mask) + " = " + bit.name + ": " + state,
			Start: s, Len: 4, Kind: FieldBool, Num: one})
	}
	f.Label = text.String()
	if len(f.Label) > maxLabel {
		// the bits' names are appended to the item's text, which
		// Wireshark cuts at ITEM_LABEL_LENGTH without a mark
		f.Label = f.Label[:maxLabel]
	}
	return f
}

// netlogonFields reads a NETLOGON_SAM_LOGON_RESPONSE(_EX) structure (an
// attribute value named netlogon) as dissect_NetLogon_PDU does: the
// operation code; for the _EX form the flags, domain GUID and the eight
// names, compressed as DNS names relative to the structure (MS-ADTS
// §6.3.1.9); then, found from the end, the version flags and the two
// tokens. Fewer than 10 bytes show nothing. Offsets are relative to b.
func netlogonFields(b []byte) []Field {
	n := len(b)
	if n < 10 {
		return nil
	}
	op := binary.LittleEndian.Uint16(b)
	opName, ok := netlogonOpcodes[op]
	if !ok {
		opName = "Unknown"
	}
	fs := []Field{UintField("mscldap.netlogon.opcode", "Operation code: "+opName+" ("+strconv.Itoa(int(op))+")", 0, 2, uint64(op))}
	if op == netlogonSamLogonResponseEx && n >= 24 {
		fs = append(fs, mscldapFlags(b, 4, "mscldap.netlogon.flags", "Flags", netlogonFlags))
		guid := dcerpcGetUUID(b, 8, 0x10).String()
		fs = append(fs, StrField("mscldap.domain.guid", "Domain GUID: "+guid, 8, 16, guid))
		at := 24
		for _, nf := range [...]struct{ name, label string }{
			{"mscldap.forest", "Forest"}, {"mscldap.domain", "Domain"}, {"mscldap.hostname", "Hostname"},
			{"mscldap.nb_domain", "NetBIOS Domain"}, {"mscldap.nb_hostname", "NetBIOS Hostname"},
			{"mscldap.username", "Username"}, {"mscldap.sitename", "Server Site"}, {"mscldap.clientsitename", "Client Site"},
		} {
			name, used, ok := readDNSName(b, at)
			if !ok {
				break
			}
			v := name.raw
			if v == "" {
				v = name.text // "<Root>": the value tshark filters on too
			}
			fs = append(fs, StrField(nf.name, nf.label+": "+name.text, at, used, v))
			at += used
		}
	}
	fs = append(fs, mscldapFlags(b, n-8, "mscldap.ntver.flags", "Version Flags", ntverFlags))
	lm := binary.LittleEndian.Uint16(b[n-4:])
	nt := binary.LittleEndian.Uint16(b[n-2:])
	fs = append(fs, UintField("mscldap.netlogon.lm_token", "LM Token: 0x"+hexWord(lm), n-4, 2, uint64(lm)),
		UintField("mscldap.netlogon.nt_token", "NT Token: 0x"+hexWord(nt), n-2, 2, uint64(nt)))
	return fs
}
