package decode

import (
	"encoding/hex"
	"strconv"
	"strings"
)

// Telnet (RFC 854, 855) on TCP port 23. tshark's Info is always "Telnet
// Data ..."; the details split a segment into its commands (IAC WILL,
// DO, WONT, DONT with the option, subnegotiations, the single-byte
// commands) and its data lines (each ending at CR, LF or CR LF, a CR NUL
// kept whole), as packet-telnet.c does. Data is shown the way
// Wireshark's format_text shows it (C escapes, other control bytes in
// octal), which is also safe for a terminal. Hand-written: gopacket has
// no Telnet layer. Each segment is read on its own, as Wireshark does.

const (
	portTelnet = 23
	telnetIAC  = 255
	telnetSB   = 250
	telnetSE   = 240
	telnetWILL = 251
	telnetDONT = 254
	// telnetMaxItems bounds the commands and lines read per segment.
	telnetMaxItems = 1024
)

var telnetCommands = map[byte]string{
	240: "Suboption End", 241: "No Operation", 242: "Data Mark", 243: "Break", 244: "Interrupt Process",
	245: "Abort Output", 246: "Are You There?", 247: "Escape Character", 248: "Erase Line", 249: "Go Ahead",
	250: "Suboption", 251: "Will", 252: "Won't", 253: "Do", 254: "Don't",
}

// telnetOptions names the options (IANA "Telnet Options").
var telnetOptions = [41]string{"Binary Transmission", "Echo", "Reconnection", "Suppress Go Ahead",
	"Approx Message Size Negotiation", "Status", "Timing Mark", "Remote Controlled Trans and Echo",
	"Output Line Width", "Output Page Size", "Output Carriage-Return Disposition", "Output Horizontal Tab Stops",
	"Output Horizontal Tab Disposition", "Output Formfeed Disposition", "Output Vertical Tabstops",
	"Output Vertical Tab Disposition", "Output Linefeed Disposition", "Extended ASCII", "Logout", "Byte Macro",
	"Data Entry Terminal", "SUPDUP", "SUPDUP Output", "Send Location", "Terminal Type", "End of Record",
	"TACACS User Identification", "Output Marking", "Terminal Location Number", "Telnet 3270 Regime", "X.3 PAD",
	"Negotiate About Window Size", "Terminal Speed", "Remote Flow Control", "Linemode", "X Display Location",
	"Environment Option", "Authentication Option", "Encryption Option", "New Environment Option", "TN3270E"}

// telnetDecodedOptions are the options whose subnegotiation packet-telnet.c
// decodes into fields of their own; ladder shows only the others' bytes.
var telnetDecodedOptions = map[byte]bool{5: true, 8: true, 9: true, 10: true, 11: true, 12: true, 13: true,
	14: true, 15: true, 16: true, 24: true, 28: true, 31: true, 32: true, 33: true, 35: true, 36: true, 37: true,
	38: true, 39: true, 40: true}

var telnet = &Dissector{
	Name:    "telnet",
	Dissect: telnetDissect,
	PDULen:  func(_ *Conv, _ uint8, b []byte) int { return len(b) },
	Fields: []FieldDef{
		{Name: "telnet.data", Desc: "Data", Kind: FieldString},
		{Name: "telnet.cmd", Desc: "Command", Kind: FieldUint, Bits: 8},
		{Name: "telnet.subcmd", Desc: "Subcommand", Kind: FieldUint, Bits: 8},
	},
}

func init() { RegisterTCP(telnet, portTelnet) }

func telnetOption(o byte) string {
	if int(o) < len(telnetOptions) {
		return telnetOptions[o]
	}
	return "Unknown (" + strconv.Itoa(int(o)) + ")"
}

func telnetDissect(p *PDU, out *Out) bool {
	out.SetProto("TELNET")
	out.SetInfo("Telnet Data ...")
	malformed := telnetCut(p.Data)
	if malformed {
		// packet-telnet.c reads a command's bytes past the end and the
		// exception marks the packet (termshark telnet-cooked.pcap frame
		// 72 ends in a lone IAC)
		out.AppendInfo("", malformedMark)
	}
	if !out.WantTree {
		return true
	}
	b := p.Data
	top := Field{Name: "telnet", Label: "Telnet", Len: len(b), Kind: FieldProto}
	for at, k := 0, 0; at < len(b) && k < telnetMaxItems; k++ {
		if b[at] != telnetIAC || at+1 >= len(b) || b[at+1] == telnetIAC {
			// data up to the next command (IAC IAC is an escaped 255)
			end := at
			for end < len(b) && !(b[end] == telnetIAC && end+1 < len(b) && b[end+1] != telnetIAC) {
				if b[end] == telnetIAC {
					end++
				}
				end++
			}
			end = min(end, len(b))
			top.Children = append(top.Children, telnetLines(b, at, end)...)
			at = end
			continue
		}
		f, next := telnetCommand(b, at)
		top.Children = append(top.Children, f)
		at = next
	}
	out.Add(top)
	if malformed {
		out.Add(Field{Label: "[Malformed Packet: TELNET]", Start: len(b), Len: 0})
	}
	return true
}

// telnetCut reports whether the bytes end inside a command: an IAC with
// nothing after it, or a WILL, WONT, DO or DONT without its option.
func telnetCut(b []byte) bool {
	for i := 0; i < len(b); i++ {
		if b[i] != telnetIAC {
			continue
		}
		switch {
		case i+1 >= len(b):
			return true
		case b[i+1] == telnetIAC:
			i++
		case b[i+1] >= 251 && i+2 >= len(b): // WILL, WONT, DO, DONT
			return true
		}
	}
	return false
}

// telnetCommand reads the command at b[at] (an IAC); its item and where
// the next begins.
func telnetCommand(b []byte, at int) (Field, int) {
	c := b[at+1]
	name, ok := telnetCommands[c]
	if !ok {
		name = "Unknown (" + strconv.Itoa(int(c)) + ")"
	}
	cmd := UintField("telnet.cmd", "Command: "+name+" ("+strconv.Itoa(int(c))+")", at+1, 1, uint64(c))
	switch {
	case c >= telnetWILL && c <= telnetDONT && at+2 < len(b):
		o := b[at+2]
		return Field{Label: name + " " + telnetOption(o), Start: at, Len: 3, Children: []Field{cmd,
			UintField("telnet.subcmd", "Subcommand: "+telnetOption(o), at+2, 1, uint64(o))}}, at + 3
	case c == telnetSB && at+2 < len(b):
		o := b[at+2]
		end := at + 3
		for end < len(b) && !(b[end] == telnetIAC && end+1 < len(b) && b[end+1] == telnetSE) {
			end++
		}
		sub := UintField("telnet.subcmd", "Subcommand: "+telnetOption(o), at+2, 1, uint64(o))
		if data := b[at+3 : end]; len(data) > 0 && !telnetDecodedOptions[o] {
			text := hex.EncodeToString(data[:min(len(data), krbBytesShown)])
			if len(data) > krbBytesShown {
				text += "…"
			}
			sub.Children = []Field{{Name: "telnet.option_data", Label: "Option data: " + text, Start: at + 3, Len: len(data),
				Kind: FieldBytes, Str: string(data)}}
		}
		return Field{Label: name + " " + telnetOption(o), Start: at, Len: end - at, Children: []Field{cmd, sub}}, end
	}
	return Field{Label: name, Start: at, Len: 2, Children: []Field{cmd}}, at + 2
}

// telnetLines splits data b[at:end] into lines as tvb_find_line_end
// does: each ends after LF, CR LF or a lone CR, and a CR's NUL (RFC 854
// "CR NUL") stays with it.
func telnetLines(b []byte, at, end int) []Field {
	var fs []Field
	for k := 0; at < end && k < telnetMaxItems; k++ {
		next := end
		for i := at; i < end; i++ {
			if b[i] == '\n' {
				next = i + 1
				break
			}
			if b[i] == '\r' {
				next = i + 1
				if next < end && (b[next] == '\n' || b[next] == 0) {
					next++
				}
				break
			}
		}
		line := b[at:next]
		if i := strings.IndexByte(string(line), 0); i >= 0 {
			line = line[:i] // the item's text stops at a NUL
		}
		fs = append(fs, StrField("telnet.data", "Data: "+formatText(line), at, next-at, string(line)))
		at = next
	}
	return fs
}
