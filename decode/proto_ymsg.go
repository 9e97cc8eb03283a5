package decode

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strconv"
)

// Yahoo Messenger's YMSG protocol as Wireshark 4.0's ymsg dissector shows
// it: found on any TCP port by its "YMSG" magic (a heuristic, as
// packet-ymsg.c registers it), framed by the 16-bit content length at
// offset 8 plus the 20-byte header, and summed up in Info as
// "<service> (status=<status>)   " per message, messages of one segment
// run together. Content is key/value pairs each ended by the bytes C0 80.
// Hand-written: gopacket has no YMSG layer.

// ymsgHeaderLen is the fixed header: "YMSG", version, vendor ID, content
// length, service, status, session ID.
const ymsgHeaderLen = 20

// ymsgServices names the service codes as tshark 4.0 does.
var ymsgServices = map[uint16]string{
	0x01: "Pager Logon", 0x02: "Pager Logoff", 0x03: "Is Away", 0x04: "Is Back", 0x05: "Idle",
	0x06: "Message", 0x07: "Activate Identity", 0x08: "Deactivate Identity", 0x09: "Mail Status",
	0x0a: "User Status", 0x0b: "New Mail", 0x0c: "Chat Invitation", 0x0d: "Calendar Reminder",
	0x0e: "New Personals Mail", 0x0f: "New Friend", 0x10: "Add Identity", 0x11: "Add Ignore",
	0x12: "Ping", 0x13: "Got Group Rename", 0x14: "System Message", 0x15: "Skinname",
	0x16: "Passthrough 2", 0x18: "Conference Invitation", 0x19: "Conference Logon",
	0x1a: "Conference Decline", 0x1b: "Conference Logoff", 0x1c: "Conference Additional Invitation",
	0x1d: "Conference Message", 0x1e: "Chat Logon", 0x1f: "Chat Logoff", 0x20: "Chat Message",
	0x28: "Game Logon", 0x29: "Game Logoff", 0x2a: "Game Message", 0x46: "File Transfer",
	0x4a: "Voice Chat", 0x4b: "Notify", 0x4c: "Verify", 0x4d: "P2P File Transfer",
	0x4f: "Peer To Peer", 0x50: "WebCam", 0x54: "Authentication Response", 0x55: "List",
	0x57: "Authentication", 0x6d: "Authorize Buddy", 0x83: "Add Buddy", 0x84: "Remove Buddy",
	0x85: "Ignore Contact", 0x86: "Reject Contact", 0x89: "Group Rename", 0x8a: "Keep Alive",
	0x96: "Chat Online", 0x97: "Chat Goto", 0x98: "Chat Join", 0x99: "Chat Leave", 0x9b: "Chat Exit",
	0x9d: "Chat Invite", 0xa0: "Chat Logout", 0xa1: "Chat Ping", 0xa8: "Comment", 0xb7: "Game Invite",
	0xb9: "Stealth Permanent", 0xba: "Stealth Session", 0xbc: "Avatar", 0xbd: "Picture Checksum",
	0xbe: "Picture", 0xc1: "Picture Update", 0xc2: "Picture Upload", 0xc4: "Yahoo Address Book Update",
	0xc5: "Y6 Visibility Toggle", 0xc6: "Y6 Status Update", 0xc7: "Picture Sharing Status",
	0xc8: "Verify ID Exists", 0xd0: "Audible", 0xd3: "Y7 Contact Details", 0xd4: "Y7 Chat Session",
	0xd6: "Y7 Buddy Authorization", 0xdc: "Y7 File Transfer", 0xdd: "Y7 File Transfer Information",
	0xde: "Y7 File Transfer Accept", 0xe7: "Y7 Change Group", 0xf0: "Status V15", 0xf1: "List V15",
	0x226: "WebLogin", 0x2ea: "SMS Message",
}

// ymsgStatuses names the header's status word as tshark 4.0 does.
var ymsgStatuses = map[uint32]string{
	0xffffffff: "Disconnected", 0: "Default", 1: "Server Ack", 2: "Playing Game", 4: "Away",
	5: "More Packets??", 0x16: "Notify", 0x5a55aa55: "Web Login", 0x5a55aa56: "Offline",
}

func ymsgService(v uint16) string {
	if s, ok := ymsgServices[v]; ok {
		return s
	}
	return "Unknown Service: " + strconv.Itoa(int(v))
}

func ymsgStatus(v uint32) string {
	if s, ok := ymsgStatuses[v]; ok {
		return s
	}
	return "Unknown Status: " + strconv.FormatUint(uint64(v), 10)
}

// ymsgHeuristic is packet-ymsg.c's test: the segment starts "YMSG".
func ymsgHeuristic(b []byte) bool {
	return bytes.HasPrefix(b, []byte("YMSG"))
}

// ymsgPDULen is get_ymsg_pdu_len: the content length plus the header,
// known once 10 bytes are there.
func ymsgPDULen(_ *Conv, _ uint8, b []byte) int {
	if len(b) < 10 {
		return 0
	}
	return ymsgHeaderLen + int(binary.BigEndian.Uint16(b[8:]))
}

func ymsgDissect(p *PDU, out *Out) bool {
	b := p.Data
	if len(b) < 16 {
		// tcp_dissect_pdus hands over whole messages; a shorter one is
		// not YMSG's
		return false
	}
	service, status := binary.BigEndian.Uint16(b[10:]), binary.BigEndian.Uint32(b[12:])
	out.SetProto("YMSG")
	out.AppendInfo("", ymsgService(service)+" (status="+ymsgStatus(status)+")   ")
	if !out.WantTree || len(b) < ymsgHeaderLen {
		return true
	}
	name := "Unknown"
	if s, ok := ymsgServices[service]; ok {
		name = s
	}
	clen := int(binary.BigEndian.Uint16(b[8:]))
	top := Field{Name: "ymsg", Label: "Yahoo YMSG Messenger Protocol (" + name + ")", Len: min(p.Len, len(b)), Kind: FieldProto, Children: []Field{
		UintField("ymsg.version", "Version: "+strconv.Itoa(int(binary.BigEndian.Uint16(b[4:]))), 4, 2, uint64(binary.BigEndian.Uint16(b[4:]))),
		UintField("ymsg.vendor", "Vendor ID: "+strconv.Itoa(int(binary.BigEndian.Uint16(b[6:]))), 6, 2, uint64(binary.BigEndian.Uint16(b[6:]))),
		UintField("ymsg.len", "Packet Length: "+strconv.Itoa(clen), 8, 2, uint64(clen)),
		UintField("ymsg.service", fmt.Sprintf("Service: %s (%d)", name, service), 10, 2, uint64(service)),
		UintField("ymsg.status", fmt.Sprintf("Status: %s (%d)", ymsgStatusLabel(status), status), 12, 4, uint64(status)),
		UintField("ymsg.session_id", fmt.Sprintf("Session ID: 0x%08x", binary.LittleEndian.Uint32(b[16:])), 16, 4, uint64(binary.LittleEndian.Uint32(b[16:]))),
	}}
	if clen > 0 {
		content := b[ymsgHeaderLen:]
		cf := Field{Name: "ymsg.content", Label: "Content: " + hexEllipsis(content), Start: ymsgHeaderLen, Len: len(content)}
		// each line: key C0 80 value C0 80, while a whole one can fit
		off := ymsgHeaderLen
		for i := 0; i < 1024 && off < ymsgHeaderLen+clen-4 && off < len(b); i++ {
			kl := ymsgItemLen(b, off)
			vo := min(off+kl+2, len(b))
			vl := ymsgItemLen(b, vo)
			key, val := b[off:off+kl], b[vo:vo+vl]
			cf.Children = append(cf.Children, Field{Name: "ymsg.content-line", Label: formatText(key) + ":" + formatText(val),
				Start: off, Len: min(kl+2+vl+2, len(b)-off), Children: []Field{
					StrField("ymsg.content-line.key", "Key: "+formatText(key), off, kl, string(key)),
					StrField("ymsg.content-line.value", "Value: "+formatText(val), vo, vl, string(val)),
				}})
			off += kl + 2 + vl + 2
		}
		top.Children = append(top.Children, cf)
	}
	out.Add(top)
	return true
}

// ymsgStatusLabel is the status as the tree's value string shows it
// ("Unknown" when not named).
func ymsgStatusLabel(v uint32) string {
	if s, ok := ymsgStatuses[v]; ok {
		return s
	}
	return "Unknown"
}

// ymsgItemLen is the length of a content item at off: up to the C0 80
// delimiter or, without one, to the end but one byte.
func ymsgItemLen(b []byte, off int) int {
	i := off
	for ; i+2 <= len(b); i++ {
		if b[i] == 0xc0 && b[i+1] == 0x80 {
			break
		}
	}
	return max(i-off, 0)
}

var ymsgDissector = &Dissector{
	Name:      "ymsg",
	Dissect:   ymsgDissect,
	PDULen:    ymsgPDULen,
	Heuristic: ymsgHeuristic,
	Fields: []FieldDef{
		{Name: "ymsg", Desc: "Yahoo YMSG Messenger Protocol", Kind: FieldProto},
		{Name: "ymsg.version", Desc: "YMSG version", Kind: FieldUint, Bits: 16},
		{Name: "ymsg.vendor", Desc: "YMSG vendor ID", Kind: FieldUint, Bits: 16},
		{Name: "ymsg.len", Desc: "YMSG content length", Kind: FieldUint, Bits: 16},
		{Name: "ymsg.service", Desc: "YMSG service", Kind: FieldUint, Bits: 16},
		{Name: "ymsg.status", Desc: "YMSG status", Kind: FieldUint, Bits: 32},
		{Name: "ymsg.session_id", Desc: "YMSG session ID", Kind: FieldUint, Bits: 32},
		{Name: "ymsg.content-line.key", Desc: "YMSG content key", Kind: FieldString},
		{Name: "ymsg.content-line.value", Desc: "YMSG content value", Kind: FieldString},
	},
}

func init() { RegisterTCP(ymsgDissector) }
