package decode

import (
	"encoding/binary"
	"math"
	"strconv"
	"time"
)

// NTP (RFC 5905) on UDP port 123. Info as Wireshark 4.0's packet-ntp.c:
// "NTP Version 4, client", the version and mode of the first byte, and for
// mode 7 (ntpd's private requests) whether it is a request or a response.
// Hand-written rather than gopacket's layers.NTP, which reads the fields
// but neither the offsets the tree needs nor a short packet Wireshark
// still names.

const ntpPort = 123

// ntpHeaderLen is the packet up to the transmit timestamp.
const ntpHeaderLen = 48

// Modes that are not time packets.
const (
	ntpModeControl = 6
	ntpModePrivate = 7
)

// ntpEpochOffset is the seconds from the NTP epoch (1900) to the Unix
// epoch (1970).
const ntpEpochOffset = 2208988800

var ntpVersions = [8]string{"reserved", "NTP Version 1", "NTP Version 2", "NTP Version 3", "NTP Version 4",
	"reserved", "reserved", "reserved"}

var ntpModes = [8]string{"reserved", "symmetric active", "symmetric passive", "client", "server", "broadcast",
	"control", "private"}

var ntpLeap = [4]string{"no warning", "last minute of the day has 61 seconds", "last minute of the day has 59 seconds",
	"unknown (clock unsynchronized)"}

var ntpDissector = &Dissector{Name: "ntp", Dissect: dissectNTP, Fields: []FieldDef{
	{"ntp.flags", "Flags", FieldUint, 8},
	{"ntp.flags.li", "Leap Indicator", FieldUint, 8},
	{"ntp.flags.vn", "Version number", FieldUint, 8},
	{"ntp.flags.mode", "Mode", FieldUint, 8},
	{"ntp.stratum", "Peer Clock Stratum", FieldUint, 8},
	{"ntp.ppoll", "Peer Polling Interval", FieldUint, 8},
	{"ntp.rootdelay", "Root Delay (16.16 seconds)", FieldUint, 32},
	{"ntp.rootdispersion", "Root Dispersion (16.16 seconds)", FieldUint, 32},
	{"ntp.reftime", "Reference Timestamp", FieldString, 0},
	{"ntp.org", "Origin Timestamp", FieldString, 0},
	{"ntp.rec", "Receive Timestamp", FieldString, 0},
	{"ntp.xmt", "Transmit Timestamp", FieldString, 0},
}}

func init() { RegisterUDP(ntpDissector, ntpPort) }

func dissectNTP(p *PDU, out *Out) bool {
	b := p.Data
	if len(b) == 0 {
		return false
	}
	li, vn, mode := int(b[0]>>6), int(b[0]>>3&7), int(b[0]&7)
	out.SetProto("NTP")
	info := ntpVersions[vn] + ", " + ntpModes[mode]
	bad := false
	switch mode {
	case ntpModePrivate:
		if len(b) < 4 {
			bad = true
			break
		}
		if b[1]&0x80 != 0 {
			info += ", Response"
		} else {
			info += ", Request"
		}
		info += ", Unknown" // ladder keeps no table of ntpd's request codes
	case ntpModeControl:
	default:
		bad = len(b) < ntpHeaderLen
	}
	if bad {
		info += malformedMark
	}
	out.SetInfo(info)
	if !out.WantTree {
		return true
	}
	top := Field{Name: "ntp", Label: "Network Time Protocol (" + ntpVersions[vn] + ", " + ntpModes[mode] + ")",
		Kind: FieldProto, Start: 0, Len: len(b)}
	fl := UintField("ntp.flags", "Flags: 0x"+hexByte(b[0])+", Leap Indicator: "+ntpLeap[li]+", Version number: "+
		ntpVersions[vn]+", Mode: "+ntpModes[mode], 0, 1, uint64(b[0]))
	fl.Children = []Field{
		UintField("ntp.flags.li", bitString(uint32(b[0]), 8, 0xc0)+" = Leap Indicator: "+ntpLeap[li]+" ("+strconv.Itoa(li)+")", 0, 1, uint64(li)),
		UintField("ntp.flags.vn", bitString(uint32(b[0]), 8, 0x38)+" = Version number: "+ntpVersions[vn]+" ("+strconv.Itoa(vn)+")", 0, 1, uint64(vn)),
		UintField("ntp.flags.mode", bitString(uint32(b[0]), 8, 0x07)+" = Mode: "+ntpModes[mode]+" ("+strconv.Itoa(mode)+")", 0, 1, uint64(mode)),
	}
	top.Children = []Field{fl}
	if mode != ntpModeControl && mode != ntpModePrivate && len(b) >= ntpHeaderLen {
		top.Children = append(top.Children, ntpFields(b)...)
	}
	out.Add(top)
	return true
}

// ntpFields are a time packet's fields after the flags.
func ntpFields(b []byte) []Field {
	stratum := b[1]
	var sname string
	switch {
	case stratum == 0:
		sname = "unspecified or invalid"
	case stratum == 1:
		sname = "primary reference"
	case stratum <= 15:
		sname = "secondary reference"
	case stratum == 16:
		sname = "unsynchronized"
	default:
		sname = "reserved"
	}
	poll := b[2]
	pname := "invalid"
	if poll >= 4 && poll <= 17 {
		pname = strconv.Itoa(int(poll)) + " (" + strconv.FormatUint(1<<poll, 10) + " seconds)"
	} else {
		pname += " (" + strconv.Itoa(int(poll)) + ")"
	}
	prec := math.Ldexp(1, int(int8(b[3])))
	delay, disp := binary.BigEndian.Uint32(b[4:]), binary.BigEndian.Uint32(b[8:])
	fs := []Field{
		UintField("ntp.stratum", "Peer Clock Stratum: "+sname+" ("+strconv.Itoa(int(stratum))+")", 1, 1, uint64(stratum)),
		UintField("ntp.ppoll", "Peer Polling Interval: "+pname, 2, 1, uint64(poll)),
		{Label: "Peer Clock Precision: " + strconv.FormatFloat(prec, 'f', 6, 64) + " seconds", Start: 3, Len: 1},
		UintField("ntp.rootdelay", "Root Delay: "+strconv.FormatFloat(float64(delay)/65536, 'f', 6, 64)+" seconds", 4, 4, uint64(delay)),
		UintField("ntp.rootdispersion", "Root Dispersion: "+strconv.FormatFloat(float64(disp)/65536, 'f', 6, 64)+" seconds", 8, 4, uint64(disp)),
	}
	for i, t := range [4][2]string{{"ntp.reftime", "Reference Timestamp"}, {"ntp.org", "Origin Timestamp"},
		{"ntp.rec", "Receive Timestamp"}, {"ntp.xmt", "Transmit Timestamp"}} {
		off := 16 + 8*i
		s := ntpTimeText(binary.BigEndian.Uint32(b[off:]), binary.BigEndian.Uint32(b[off+4:]))
		fs = append(fs, StrField(t[0], t[1]+": "+s, off, 8, s))
	}
	return fs
}

// ntpTimeText renders an NTP timestamp as Wireshark does ("Jun 19, 2017
// 14:12:09.516015118 UTC", "NULL" for zero), in era 0 for seconds from
// 1968 on and era 1 before, as RFC 4330 3 prescribes.
func ntpTimeText(sec, frac uint32) string {
	if sec == 0 && frac == 0 {
		return "NULL"
	}
	unix := int64(sec) - ntpEpochOffset
	if sec&0x80000000 == 0 {
		unix += 1 << 32 // era 1: from 2036
	}
	ns := int64(uint64(frac) * 1e9 >> 32)
	return time.Unix(unix, ns).UTC().Format("Jan _2, 2006 15:04:05.000000000 UTC")
}
