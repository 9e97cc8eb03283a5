package decode

import (
	"encoding/binary"
	"strconv"
	"strings"
)

// The Microsoft Windows Browser Protocol ([MS-BRWS]) as Wireshark 4.0
// shows it: host, workgroup and master announcements, announcement
// requests and elections broadcast by Windows hosts on every LAN. They
// travel as NetBIOS datagrams (RFC 1002 §4.4, UDP 138) carrying an SMB
// Trans request to the mailslot \MAILSLOT\BROWSE; this file reads that
// path only, and leaves other datagrams (NETLOGON, other mailslots) to
// UDP. The Protocol column reads BROWSER, the Info the command and the
// host or workgroup name with the server types set ("Local Master
// Announcement HOST, Workstation, Server, NT Workstation, Potential
// Browser, Master Browser"). Hand-written: gopacket decodes none of the
// four layers.

// nbdgmPort is tshark -G decodes' udp.port entry for nbdgm.
const nbdgmPort = 138

// nbdgm message types that carry names and user data (RFC 1002 §4.4.1).
const (
	nbdgmDirectUnique = 0x10
	nbdgmDirectGroup  = 0x11
	nbdgmBroadcast    = 0x12
)

var nbdgmTypeNames = map[byte]string{nbdgmDirectUnique: "Direct_unique datagram", nbdgmDirectGroup: "Direct_group datagram",
	nbdgmBroadcast: "Broadcast datagram"}

// smbTrans is the SMB command that carries mailslot writes.
const smbTrans = 0x25

// browseMailslot is the mailslot browser announcements are written to.
const browseMailslot = `\MAILSLOT\BROWSE`

// Browser commands ([MS-BRWS] §2.2).
const (
	browseHostAnnounce       = 1
	browseRequestAnnounce    = 2
	browseElection           = 8
	browseDomainAnnouncement = 12
	browseMasterAnnouncement = 13
	browseLocalMaster        = 15
)

var browseCommands = map[byte]string{1: "Host Announcement", 2: "Request Announcement", 8: "Browser Election Request",
	9: "Get Backup List Request", 10: "Get Backup List Response", 11: "Become Backup Browser",
	12: "Domain/Workgroup Announcement", 13: "Master Announcement", 14: "Reset Browser State Announcement",
	15: "Local Master Announcement"}

// browseServerTypes names the server type bits as packet-smb-browse.c's
// server_types does.
var browseServerTypes = map[int]string{0: "Workstation", 1: "Server", 2: "SQL Server", 3: "Domain Controller",
	4: "Backup Controller", 5: "Time Source", 6: "Apple Server", 7: "Novell Server", 8: "Domain Member Server",
	9: "Print Queue Server", 10: "Dialin Server", 11: "Xenix Server", 12: "NT Workstation", 13: "Windows for Workgroups",
	15: "NT Server", 16: "Potential Browser", 17: "Backup Browser", 18: "Master Browser", 19: "Domain Master Browser",
	20: "OSF", 21: "VMS", 22: "Windows 95 or above", 23: "DFS server", 30: "Local List Only", 31: "Domain Enum"}

// cString reads a NUL-terminated string at b[off:], at most max bytes
// when max > 0; n counts the NUL when there is one.
func cString(b []byte, off, max int) (s string, n int) {
	if off >= len(b) {
		return "", 0
	}
	end := len(b)
	if max > 0 {
		end = min(end, off+max)
	}
	for i := off; i < end; i++ {
		if b[i] == 0 {
			return string(b[off:i]), i - off + 1
		}
	}
	return string(b[off:end]), end - off
}

func browserDissect(p *PDU, out *Out) bool {
	b := p.Data
	if p.TCP || len(b) < 14 || nbdgmTypeNames[b[0]] == "" {
		return false
	}
	// the source and destination names, first-level encoded
	src, n1, ok := readDNSName(b, 14)
	if !ok {
		return false
	}
	dst, n2, ok := readDNSName(b, 14+n1)
	if !ok {
		return false
	}
	smb := 14 + n1 + n2
	if len(b) < smb+32+1 || string(b[smb:smb+4]) != "\xffSMB" || b[smb+4] != smbTrans {
		return false
	}
	words := smb + 32
	wct := int(b[words])
	// Trans request: 14 parameter words, then the setup words
	if wct < 14 || len(b) < words+1+2*wct+2 {
		return false
	}
	w := b[words+1:]
	dataCount := int(binary.LittleEndian.Uint16(w[22:]))
	dataOff := int(binary.LittleEndian.Uint16(w[24:]))
	setupCount := int(w[26])
	bcc := words + 1 + 2*wct
	name, nameLen := cString(b, bcc+2, 256)
	if !strings.EqualFold(name, browseMailslot) {
		return false
	}
	data := smb + dataOff
	if setupCount < 3 || data >= len(b) || dataCount == 0 {
		return false
	}
	body := b[data:min(len(b), data+dataCount)]
	cmd := body[0]
	info, known := browseCommands[cmd]
	if !known {
		info = "Unknown command:0x" + hexByte(cmd)
	}
	var fs []Field
	if out.WantTree {
		fs = append(fs, UintField("browser.command", "Command: "+strings.TrimPrefix(info, "Unknown command:")+" (0x"+hexByte(cmd)+")", data, 1, uint64(cmd)))
	}
	switch cmd {
	case browseHostAnnounce, browseDomainAnnouncement, browseLocalMaster:
		if len(body) < 28 {
			break
		}
		host, _ := cString(body, 6, 16)
		info += " " + Printable(host)
		types := binary.LittleEndian.Uint32(body[24:])
		var ts strings.Builder
		for i := 0; i < 32; i++ {
			if types&(1<<i) != 0 {
				t, ok := browseServerTypes[i]
				if !ok {
					t = "Unknown server type:" + strconv.Itoa(i)
				}
				ts.WriteString(", " + t)
			}
		}
		info += ts.String()
		if out.WantTree {
			hostLabel := "Host Name: "
			if cmd == browseDomainAnnouncement {
				hostLabel = "Domain/Workgroup: "
			}
			fs = append(fs,
				UintField("browser.update_count", "Update Count: "+strconv.Itoa(int(body[1])), data+1, 1, uint64(body[1])),
				UintField("browser.period", "Update Periodicity: "+browsePeriod(binary.LittleEndian.Uint32(body[2:])), data+2, 4,
					uint64(binary.LittleEndian.Uint32(body[2:]))),
				StrField("browser.server", hostLabel+Printable(host), data+6, 16, host),
				UintField("browser.os_major", "OS Major Version: "+strconv.Itoa(int(body[22])), data+22, 1, uint64(body[22])),
				UintField("browser.os_minor", "OS Minor Version: "+strconv.Itoa(int(body[23])), data+23, 1, uint64(body[23])),
				UintField("browser.server_type", "Server Type: 0x"+hex8(types)+ts.String(), data+24, 4, uint64(types)))
		}
	case browseRequestAnnounce:
		if len(body) < 2 {
			break
		}
		who, n := cString(body, 2, 0)
		info += " " + Printable(who)
		if out.WantTree {
			fs = append(fs, StrField("browser.response_computer_name", "Response Computer Name: "+Printable(who), data+2, n, who))
		}
	}
	out.SetProto("BROWSER")
	out.SetInfo(info)
	if !out.WantTree {
		return true
	}
	srcName, srcSuffix, srcOK := nbnsName(src.raw)
	dstName, dstSuffix, dstOK := nbnsName(dst.raw)
	out.Add(Field{Name: "nbdgm", Label: "NetBIOS Datagram Service", Start: 0, Len: smb, Kind: FieldProto, Children: []Field{
		UintField("nbdgm.type", "Message Type: "+nbdgmTypeNames[b[0]]+" ("+strconv.Itoa(int(b[0]))+")", 0, 1, uint64(b[0])),
		UintField("nbdgm.dgram_id", "Datagram ID: 0x"+hexWord(binary.BigEndian.Uint16(b[2:])), 2, 2, uint64(binary.BigEndian.Uint16(b[2:]))),
		{Name: "nbdgm.src.ip", Label: "Source IP: " + ipv4String(b[4:8]), Start: 4, Len: 4, Kind: FieldIPv4, Num: uint64(binary.BigEndian.Uint32(b[4:]))},
		UintField("nbdgm.src.port", "Source Port: "+strconv.Itoa(int(binary.BigEndian.Uint16(b[8:]))), 8, 2, uint64(binary.BigEndian.Uint16(b[8:]))),
		StrField("nbdgm.source_name", "Source "+strings.ToLower(nbnsNameLabel(srcName, srcSuffix, srcOK)[:1])+nbnsNameLabel(srcName, srcSuffix, srcOK)[1:], 14, n1, srcName),
		StrField("nbdgm.destination_name", "Destination "+strings.ToLower(nbnsNameLabel(dstName, dstSuffix, dstOK)[:1])+nbnsNameLabel(dstName, dstSuffix, dstOK)[1:], 14+n1, n2, dstName),
	}})
	out.Add(Field{Name: "smb", Label: "SMB (Server Message Block Protocol)", Start: smb, Len: len(b) - smb, Kind: FieldProto, Children: []Field{
		StrField("smb.server_component", "Server Component: SMB", smb, 4, "\xffSMB"),
		UintField("smb.cmd", "SMB Command: Trans (0x25)", smb+4, 1, smbTrans),
		StrField("smb.trans_name", "Transaction Name: "+Printable(name), bcc+2, nameLen, name),
	}})
	ms := words + 1 + 28 // the setup words: opcode, priority, class
	out.Add(Field{Name: "mailslot", Label: "SMB MailSlot Protocol", Start: ms, Len: bcc + 2 + nameLen - ms, Kind: FieldProto, Children: []Field{
		UintField("mailslot.opcode", "Opcode: Write Mail Slot (1)", ms, 2, uint64(binary.LittleEndian.Uint16(b[ms:]))),
		StrField("mailslot.name", "Mailslot Name: "+Printable(name), bcc+2, nameLen, name),
	}})
	out.Add(Field{Name: "browser", Label: "Microsoft Windows Browser Protocol", Start: data, Len: len(body), Kind: FieldProto, Children: fs})
	return true
}

// browsePeriod is time_msecs_to_str of an update period.
func browsePeriod(ms uint32) string {
	if ms%60000 == 0 && ms > 0 {
		m := ms / 60000
		return strconv.Itoa(int(m)) + plural(int(m), " minute", " minutes")
	}
	return strconv.FormatFloat(float64(ms)/1000, 'f', -1, 64) + " seconds"
}

func ipv4String(b []byte) string {
	return strconv.Itoa(int(b[0])) + "." + strconv.Itoa(int(b[1])) + "." + strconv.Itoa(int(b[2])) + "." + strconv.Itoa(int(b[3]))
}

var browserDissector = &Dissector{
	Name:    "browser",
	Dissect: browserDissect,
	Fields: []FieldDef{
		{Name: "nbdgm", Desc: "NetBIOS Datagram Service", Kind: FieldProto},
		{Name: "nbdgm.type", Desc: "Message Type", Kind: FieldUint, Bits: 8},
		{Name: "nbdgm.dgram_id", Desc: "Datagram ID", Kind: FieldUint, Bits: 16},
		{Name: "nbdgm.src.ip", Desc: "Source IP", Kind: FieldIPv4},
		{Name: "nbdgm.src.port", Desc: "Source Port", Kind: FieldUint, Bits: 16},
		{Name: "nbdgm.source_name", Desc: "Source name", Kind: FieldString},
		{Name: "nbdgm.destination_name", Desc: "Destination name", Kind: FieldString},
		{Name: "smb", Desc: "SMB (Server Message Block Protocol)", Kind: FieldProto},
		{Name: "smb.server_component", Desc: "Server Component", Kind: FieldString},
		{Name: "smb.cmd", Desc: "SMB Command", Kind: FieldUint, Bits: 8},
		{Name: "smb.trans_name", Desc: "Transaction Name", Kind: FieldString},
		{Name: "mailslot", Desc: "SMB MailSlot Protocol", Kind: FieldProto},
		{Name: "mailslot.opcode", Desc: "Opcode", Kind: FieldUint, Bits: 16},
		{Name: "mailslot.name", Desc: "Mailslot Name", Kind: FieldString},
		{Name: "browser.command", Desc: "Command", Kind: FieldUint, Bits: 8},
		{Name: "browser.update_count", Desc: "Update Count", Kind: FieldUint, Bits: 8},
		{Name: "browser.period", Desc: "Update Periodicity", Kind: FieldUint, Bits: 32},
		{Name: "browser.server", Desc: "Server Name", Kind: FieldString},
		{Name: "browser.os_major", Desc: "OS Major Version", Kind: FieldUint, Bits: 8},
		{Name: "browser.os_minor", Desc: "OS Minor Version", Kind: FieldUint, Bits: 8},
		{Name: "browser.server_type", Desc: "Server Type", Kind: FieldUint, Bits: 32},
		{Name: "browser.response_computer_name", Desc: "Response Computer Name", Kind: FieldString},
	},
}

func init() {
	RegisterUDP(browserDissector, nbdgmPort)
}
