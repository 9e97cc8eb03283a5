package decode

import (
	"bytes"
	"strings"
)

// RSYNC, the rsync daemon protocol on TCP 873, as Wireshark 4.0's
// packet-rsync.c shows it. The dissector does no framing: every segment is
// read as the message the conversation's state expects next from its
// sender, the server being whoever sends from port 873. The server's first
// segment is its greeting ("@RSYNCD: 32.0 ..."), later ones MOTD lines
// until the client's query; the client's first is its greeting, the second
// its query (a lone "\n" asks for the module list), the rest commands. After
// a module-list query the server's segments are the list ("Module list",
// "Final module list" once a segment ends "@RSYNCD: EXIT" and one more
// byte) or an AUTHREQD challenge ("Authentication"), then "Data"; after any
// other query they are "Data". A greeting of 9 bytes or fewer ends in an
// exception, "[Malformed Packet]", before the state moves on: the next
// segment is a greeting again. Hand-written: gopacket has no rsync layer.

const portRsync = 873

// rsyncState is what a conversation expects next from one side
// (packet-rsync.c's rsync_state_t).
type rsyncState uint8

const (
	rsyncInit rsyncState = iota
	rsyncServInit
	rsyncClientQuery
	rsyncModuleList
	rsyncCommand
	rsyncServMOTD
	rsyncData
)

type rsyncConv struct {
	client, server rsyncState
}

const rsyncMagic = "@RSYNCD:"

// rsyncASCII is the text tshark reads with ENC_ASCII: bytes above 0x7f
// become U+FFFD, and the C string ends at a NUL.
func rsyncASCII(b []byte) string {
	var sb strings.Builder
	for _, c := range b {
		if c == 0 {
			break
		}
		if c < 0x80 {
			sb.WriteByte(c)
		} else {
			sb.WriteString("\uFFFD")
		}
	}
	return sb.String()
}

func rsyncDissect(p *PDU, out *Out) bool {
	st, _ := p.Conv.State.(*rsyncConv)
	if st == nil {
		st = &rsyncConv{client: rsyncInit, server: rsyncServInit}
		if p.Conv != nil {
			p.Conv.State = st
		}
	}
	out.SetProto("RSYNC")
	out.SetInfo("")
	b := p.Data
	server := p.SrcPort == portRsync
	var fs []Field
	malformed := false
	str := func(name, label string, off int) Field {
		s := rsyncASCII(b[off:])
		return Field{Name: name, Label: label + ": " + formatText([]byte(s)), Start: off, Len: len(b) - off, Kind: FieldString, Str: s}
	}
	greeting := func(who string) {
		if len(b) >= len(rsyncMagic) {
			fs = append(fs, Field{Name: "rsync.hdr_magic", Label: "Magic Header: " + formatText([]byte(rsyncASCII(b[:8]))),
				Len: 8, Kind: FieldString, Str: rsyncASCII(b[:8])})
		}
		if len(b) <= len(rsyncMagic)+1 {
			// the magic (8 bytes) or the version after the space is
			// missing: packet-rsync.c's items throw
			malformed = true
			return
		}
		fs = append(fs, str("rsync.hdr_version", "Header Version", 9))
		// the version is the rest of the segment as a C string; the last
		// byte is dropped when the string's byte at the segment's last
		// position is a newline (a position in the converted text, which
		// U+FFFD replacements lengthen, as packet-rsync.c indexes it)
		conv := bytesToASCIIRaw(b[9:])
		n := len(b) - 9
		if n > 0 && n-1 < len(conv) && conv[n-1] == '\n' {
			conv = conv[:n-1]
		}
		if i := bytes.IndexByte(conv, 0); i >= 0 {
			conv = conv[:i]
		}
		out.SetInfo(who + " Initialisation (Version " + Printable(string(conv)) + ")")
	}
	if server {
		switch st.server {
		case rsyncServInit:
			greeting("Server")
			if !malformed {
				st.server = rsyncServMOTD
			}
		case rsyncServMOTD:
			fs = append(fs, str("rsync.motd", "Server MOTD String", 0))
			out.SetInfo("Server MOTD")
		case rsyncModuleList:
			if strings.HasPrefix(string(b), "@RSYNCD: AUTHREQD ") {
				fs = append(fs, str("rsync.response", "RSYNCD Response String", 0))
				out.SetInfo("Authentication")
				st.server = rsyncData
			} else {
				fs = append(fs, str("rsync.module_list", "Server Module List", 0))
				if n := len(b); n > len("@RSYNCD: EXIT") && string(b[n-14:n-1]) == "@RSYNCD: EXIT" {
					out.SetInfo("Final module list")
					st.server = rsyncData
				} else {
					out.SetInfo("Module list")
				}
			}
		case rsyncData:
			fs = append(fs, Field{Name: "rsync.data", Label: "rsync data: " + hexEllipsis(b), Len: len(b), Kind: FieldBytes, Str: string(b)})
			out.SetInfo("Data")
		}
	} else {
		switch st.client {
		case rsyncInit:
			greeting("Client")
			if !malformed {
				st.client = rsyncClientQuery
			}
		case rsyncClientQuery:
			fs = append(fs, str("rsync.query", "Client Query String", 0))
			out.SetInfo("Client Query")
			st.client = rsyncCommand
			if string(b) == "\n" {
				st.server = rsyncModuleList
			} else {
				st.server = rsyncData
			}
		case rsyncCommand:
			fs = append(fs, str("rsync.command", "Client Command String", 0))
			out.SetInfo("Client Command")
		}
	}
	if malformed {
		out.AppendInfo("", malformedMark)
	}
	if out.WantTree {
		out.Add(Field{Name: "rsync", Label: "RSYNC File Synchroniser", Len: len(b), Kind: FieldProto, Children: fs})
		if malformed {
			out.Add(Field{Name: "_ws.malformed", Label: "[Malformed Packet: RSYNC]"})
		}
	}
	return true
}

// bytesToASCIIRaw is tvb_get_string_enc's ENC_ASCII result before the C
// string's NUL cuts it: bytes above 0x7f become U+FFFD, NULs stay.
func bytesToASCIIRaw(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for _, c := range b {
		if c < 0x80 {
			out = append(out, c)
		} else {
			out = append(out, "\uFFFD"...)
		}
	}
	return out
}

var rsync = &Dissector{
	Name:    "rsync",
	Dissect: rsyncDissect,
	PDULen:  echoPDULen,
	Fields: []FieldDef{
		{Name: "rsync.hdr_magic", Desc: "Magic Header", Kind: FieldString},
		{Name: "rsync.hdr_version", Desc: "Header Version", Kind: FieldString},
		{Name: "rsync.query", Desc: "Client Query String", Kind: FieldString},
		{Name: "rsync.motd", Desc: "Server MOTD String", Kind: FieldString},
		{Name: "rsync.module_list", Desc: "Server Module List", Kind: FieldString},
		{Name: "rsync.response", Desc: "RSYNCD Response String", Kind: FieldString},
		{Name: "rsync.command", Desc: "Client Command String", Kind: FieldString},
		{Name: "rsync.data", Desc: "rsync data", Kind: FieldBytes},
	},
}

func init() { RegisterTCP(rsync, portRsync) }
