package decode

import (
	"strconv"
)

// The Git smart protocol on TCP 9418 (git://) as Wireshark 4.0's git
// dissector shows it: every pkt-line (4 hex digits of length, then the
// data; 0000 flush, 0001 delimiter, 0002 response end) is one PDU, Info
// "Git Smart Protocol", and the tree the length or special packet type,
// the protocol version of a "version N" line, a side-band code when the
// data's first byte is 1, 2 or 3 (the dissector guesses so, having no
// context), and the data as bytes. Git over HTTP (the media types
// application/x-git-upload-pack-*) is not dissected here.

const gitPort = 9418

// gitPacketTypes are packet-git.c's packet_type_vals.
var gitPacketTypes = map[uint16]string{0: "Flush", 1: "Delimiter", 2: "Response end"}

// gitSideband are packet-git.c's sideband_vals.
var gitSideband = map[byte]string{1: "Git packfile data", 2: "Git progress data", 3: "Git error data"}

// gitLen reads a pkt-line's length as packet-git.c's sscanf("%hx") does
// on its first four bytes: leading white space, a sign, a 0x prefix, then
// the hex digits up to the first other byte; ok false when none.
func gitLen(b []byte) (uint16, bool) {
	if len(b) < 4 {
		return 0, false
	}
	s := b[:4]
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] >= '\t' && s[i] <= '\r') {
		i++
	}
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	if i+2 < len(s) && s[i] == '0' && (s[i+1] == 'x' || s[i+1] == 'X') && hexDigit(s[i+2]) >= 0 {
		i += 2
	}
	var v uint16
	digits := 0
	for ; i < len(s) && hexDigit(s[i]) >= 0; i++ {
		v = v<<4 | uint16(hexDigit(s[i]))
		digits++
	}
	if digits == 0 {
		return 0, false
	}
	if neg {
		v = -v
	}
	return v, true
}

func hexDigit(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// gitPDULen is get_git_pdu_len: a special packet is 4 bytes, any other
// pkt-line its length; bytes that are no length make tshark ask for one
// more byte, again and again.
func gitPDULen(c *Conv, dir uint8, b []byte) int {
	n, ok := gitLen(b)
	switch {
	case !ok:
		if len(b) >= maxPDUKeep {
			return len(b)
		}
		return 0
	case n < 4:
		return 4
	}
	return int(n)
}

func gitDissect(p *PDU, out *Out) bool {
	b := p.Data
	out.SetProto("Git")
	var fence *infoFence
	if p.Conv != nil {
		if s, ok := p.Conv.State.(*infoFence); ok {
			fence = s
		} else {
			fence = &infoFence{frame: -1}
			p.Conv.State = fence
		}
	} else {
		fence = &infoFence{frame: -1}
	}
	fence.set(p, out, "Git Smart Protocol")
	if !out.WantTree {
		return true
	}
	top := Field{Name: "git", Label: "Git Smart Protocol", Start: 0, Len: min(p.Len, len(b)), Kind: FieldProto}
	n, ok := gitLen(b)
	if !ok {
		out.Add(top)
		return true
	}
	if n < 4 {
		name, known := gitPacketTypes[n]
		if !known {
			name = "Unknown (" + strconv.Itoa(int(n)) + ")"
		}
		top.Children = append(top.Children, UintField("git.packet_type", "Git Packet Type: "+name, 0, 4, uint64(n)))
		out.Add(top)
		return true
	}
	top.Children = append(top.Children, UintField("git.length", "Packet length: "+hex4(n), 0, 4, uint64(n)))
	end := min(int(n), len(b))
	at := 4
	if data := b[min(at, end):end]; len(data) >= 9 && string(data[:8]) == "version " {
		v := data[8]
		name := "Unknown (" + strconv.Itoa(int(v)) + ")"
		switch v {
		case '1':
			name = "Git protocol version 1"
		case '2':
			name = "Git protocol version 2"
		}
		top.Children = append(top.Children, UintField("git.version", "Git Protocol Version: "+name, at+8, 1, uint64(v)))
	}
	if at < end && b[at] >= 1 && b[at] <= 3 {
		code := b[at]
		top.Children = append(top.Children, UintField("git.sideband_control_code",
			"Sideband control code: "+gitSideband[code]+" ("+hex2(code)+")", at, 1, uint64(code)))
		at++
	}
	if at <= end {
		data := b[at:end]
		label := "Packet data: " + hexEllipsis(data)
		if len(data) == 0 {
			label = "Packet data: <MISSING>"
		}
		top.Children = append(top.Children, Field{Name: "git.data", Label: label, Start: at, Len: end - at, Kind: FieldBytes, Str: string(data)})
	}
	out.Add(top)
	return true
}

var gitDissector = &Dissector{
	Name:    "git",
	PDULen:  gitPDULen,
	Dissect: gitDissect,
	Fields: []FieldDef{
		{Name: "git.version", Desc: "Git Protocol Version", Kind: FieldUint, Bits: 8},
		{Name: "git.packet_type", Desc: "Git Packet Type", Kind: FieldUint, Bits: 8},
		{Name: "git.length", Desc: "Packet length", Kind: FieldUint, Bits: 16},
		{Name: "git.data", Desc: "Packet data", Kind: FieldBytes},
		{Name: "git.sideband_control_code", Desc: "Sideband control code", Kind: FieldUint, Bits: 8},
	},
}

func init() {
	RegisterTCP(gitDissector, gitPort)
}
