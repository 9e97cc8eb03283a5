package decode

import (
	"fmt"
	"strings"
)

// Syslog over UDP port 514 (RFC 3164, RFC 5424): the "<PRI>" that opens
// every message gives facility and severity; Info reads
// "LOCAL0.NOTICE: <message>" as packet-syslog.c writes it. Hand-written:
// gopacket has no syslog layer. The message is escaped before it reaches
// a label or the Info column.

const portSyslog = 514

var syslog = &Dissector{
	Name:    "syslog",
	Dissect: dissectSyslog,
	Fields: []FieldDef{
		{Name: "syslog.facility", Desc: "Facility", Kind: FieldUint, Bits: 8},
		{Name: "syslog.level", Desc: "Level", Kind: FieldUint, Bits: 8},
		{Name: "syslog.msg", Desc: "Message", Kind: FieldString},
	},
}

func init() { RegisterUDP(syslog, portSyslog) }

// syslogFacilities are tshark's facility names and descriptions (RFC 3164 §4.1.1).
var syslogFacilities = [24][2]string{
	{"KERN", "kernel messages"}, {"USER", "random user-level messages"}, {"MAIL", "mail system"},
	{"DAEMON", "system daemons"}, {"AUTH", "security/authorization messages"},
	{"SYSLOG", "messages generated internally by syslogd"}, {"LPR", "line printer subsystem"},
	{"NEWS", "network news subsystem"}, {"UUCP", "UUCP subsystem"}, {"CRON", "clock daemon"},
	{"AUTHPRIV", "security/authorization messages (private)"}, {"FTP", "ftp daemon"}, {"NTP", "ntp subsystem"},
	{"SECURITY", "log audit"}, {"CONSOLE", "log alert"}, {"SOLARIS-CRON", "clock daemon"},
	{"LOCAL0", "reserved for local use"}, {"LOCAL1", "reserved for local use"}, {"LOCAL2", "reserved for local use"},
	{"LOCAL3", "reserved for local use"}, {"LOCAL4", "reserved for local use"}, {"LOCAL5", "reserved for local use"},
	{"LOCAL6", "reserved for local use"}, {"LOCAL7", "reserved for local use"},
}

var syslogLevels = [8][2]string{
	{"EMERG", "system is unusable"}, {"ALERT", "action must be taken immediately"}, {"CRIT", "critical conditions"},
	{"ERR", "error conditions"}, {"WARNING", "warning conditions"}, {"NOTICE", "normal but significant condition"},
	{"INFO", "informational"}, {"DEBUG", "debug-level messages"},
}

// syslogPRI reads the "<PRI>" at the start of b: the priority value and
// the length of its text, 0 when b does not start with one.
func syslogPRI(b []byte) (int, int) {
	if len(b) < 3 || b[0] != '<' {
		return 0, 0
	}
	pri := 0
	for i := 1; i < len(b) && i <= 4; i++ {
		switch c := b[i]; {
		case c == '>' && i > 1:
			return pri, i + 1
		case c >= '0' && c <= '9':
			pri = pri*10 + int(c-'0')
		default:
			return 0, 0
		}
	}
	return 0, 0
}

func dissectSyslog(p *PDU, out *Out) bool {
	b := p.Data
	pri, n := syslogPRI(b)
	if n == 0 || pri>>3 >= len(syslogFacilities) {
		return false
	}
	fac, lvl := syslogFacilities[pri>>3], syslogLevels[pri&7]
	msg := Printable(strings.TrimRight(string(b[n:]), "\x00"))
	out.SetProto("Syslog")
	out.SetInfo(fac[0] + "." + lvl[0] + ": " + msg)
	if !out.WantTree {
		return true
	}
	out.Add(Field{Name: "syslog", Label: "Syslog message: " + fac[0] + "." + lvl[0] + ": " + msg, Len: len(b), Kind: FieldProto, Children: []Field{
		UintField("syslog.facility", fmt.Sprintf("%s = Facility: %s - %s (%d)", bitString(uint32(pri), 8, 0xf8), fac[0], fac[1], pri>>3), 0, n, uint64(pri>>3)),
		UintField("syslog.level", fmt.Sprintf("%s = Level: %s - %s (%d)", bitString(uint32(pri), 8, 0x07), lvl[0], lvl[1], pri&7), 0, n, uint64(pri&7)),
		StrField("syslog.msg", "Message: "+msg, n, len(b)-n, string(b[n:])),
	}})
	return true
}
