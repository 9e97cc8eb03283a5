package decode

import (
	"encoding/binary"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// collectd's network plugin protocol (the "binary protocol") on UDP 25826,
// shown as packet-collectd.c in tshark 4.0 shows it with a tree (as -T
// fields and the GUI dissect): Protocol "collectd", Info "Host=lab, 28
// values for 5 plugins, 0 messages" summing up the parts the datagram
// holds (the first host, VALUES and PLUGIN parts, MESSAGE parts, parts of
// an unknown type, and the part that stopped the walk as an error). Every
// part is a type, a length and a body; the walk stops at the first part
// whose length or body is wrong. Two of tshark's quirks decide the Info:
// a part whose length runs past the datagram throws while its tree line is
// made, and so does the "Assembled notification" line a MESSAGE part gets,
// which starts 10 bytes into the part and ends 3 bytes past it (or has a
// negative length for a part under 7 bytes): such a datagram's Info is
// "[Malformed Packet]" alone, as tshark writes Info only after the walk.
// Signature and encryption parts are shown, not checked or decrypted
// (tshark 4.0 has no key table for them). Hand-written: gopacket has no
// collectd layer.

const portCollectd = 25826

// collectd part types (collectd's src/network.h).
const (
	collectdHost       = 0x0000
	collectdTime       = 0x0001
	collectdPlugin     = 0x0002
	collectdPluginInst = 0x0003
	collectdType       = 0x0004
	collectdTypeInst   = 0x0005
	collectdValues     = 0x0006
	collectdInterval   = 0x0007
	collectdTimeHR     = 0x0008
	collectdIntervalHR = 0x0009
	collectdMessage    = 0x0100
	collectdSeverity   = 0x0101
	collectdSignature  = 0x0200
	collectdEncrypted  = 0x0210
)

var collectd = &Dissector{
	Name:    "collectd",
	Dissect: dissectCollectd,
	Fields: []FieldDef{
		{Name: "collectd", Desc: "collectd network data", Kind: FieldProto},
		{Name: "collectd.type", Desc: "Type", Kind: FieldUint, Bits: 16},
		{Name: "collectd.len", Desc: "Length", Kind: FieldUint, Bits: 16},
		{Name: "collectd.data", Desc: "Payload", Kind: FieldBytes},
		{Name: "collectd.data.host", Desc: "Host name", Kind: FieldString},
		{Name: "collectd.data.interval", Desc: "Interval", Kind: FieldLabel},
		{Name: "collectd.data.time", Desc: "Timestamp", Kind: FieldLabel},
		{Name: "collectd.data.plugin", Desc: "Plugin", Kind: FieldString},
		{Name: "collectd.data.plugin.inst", Desc: "Plugin instance", Kind: FieldString},
		{Name: "collectd.data.type", Desc: "Type", Kind: FieldString},
		{Name: "collectd.data.type.inst", Desc: "Type instance", Kind: FieldString},
		{Name: "collectd.data.valcnt", Desc: "Value count", Kind: FieldUint, Bits: 16},
		{Name: "collectd.val.type", Desc: "Value type", Kind: FieldUint, Bits: 8},
		{Name: "collectd.val.counter", Desc: "Counter value", Kind: FieldUint, Bits: 64},
		{Name: "collectd.val.gauge", Desc: "Gauge value", Kind: FieldLabel},
		{Name: "collectd.val.derive", Desc: "Derive value", Kind: FieldLabel},
		{Name: "collectd.val.absolute", Desc: "Absolute value", Kind: FieldUint, Bits: 64},
		{Name: "collectd.val.unknown", Desc: "Value of unknown type", Kind: FieldUint, Bits: 64},
		{Name: "collectd.data.severity", Desc: "Severity", Kind: FieldUint, Bits: 64},
		{Name: "collectd.data.message", Desc: "Message", Kind: FieldString},
		{Name: "collectd.data.sighash", Desc: "Signature", Kind: FieldBytes},
		{Name: "collectd.data.initvec", Desc: "Init vector", Kind: FieldBytes},
		{Name: "collectd.data.username_length", Desc: "Username length", Kind: FieldUint, Bits: 16},
		{Name: "collectd.data.username", Desc: "Username", Kind: FieldString},
		{Name: "collectd.data.encrypted", Desc: "Encrypted data", Kind: FieldBytes},
		{Name: "collectd.invalid_length", Desc: "Invalid length", Kind: FieldLabel},
		{Name: "collectd.garbage", Desc: "Garbage at end of packet", Kind: FieldLabel},
		{Name: "collectd.data.valcnt.mismatch", Desc: "Number of values and length of part do not match. Assuming length is correct.", Kind: FieldLabel},
		{Name: "collectd.type.unknown", Desc: "Unknown part type", Kind: FieldLabel},
	},
}

func init() { RegisterUDP(collectd, portCollectd) }

// collectdPartNames are packet-collectd.c's part_names.
var collectdPartNames = map[uint16]string{
	collectdValues: "VALUES", collectdTime: "TIME", collectdTimeHR: "TIME_HR", collectdInterval: "INTERVAL",
	collectdIntervalHR: "INTERVAL_HR", collectdHost: "HOST", collectdPlugin: "PLUGIN", collectdPluginInst: "PLUGIN_INSTANCE",
	collectdType: "TYPE", collectdTypeInst: "TYPE_INSTANCE", collectdMessage: "MESSAGE", collectdSeverity: "SEVERITY",
	collectdSignature: "SIGNATURE", collectdEncrypted: "ENCRYPTED_DATA",
}

// collectdPartName is the part's name in a segment line ("UNKNOWN" for a
// type with none, as val_to_str's default there).
func collectdPartName(t uint16) string {
	if s, ok := collectdPartNames[t]; ok {
		return s
	}
	return "UNKNOWN"
}

var collectdValueTypes = map[byte]string{0: "COUNTER", 1: "GAUGE", 2: "DERIVE", 3: "ABSOLUTE"}

var collectdSeverities = map[uint64]string{1: "FAILURE", 2: "WARNING", 4: "OKAY"}

// collectdStr is a string part as the walk remembers it for the assembled
// lines: where its bytes are and what they read.
type collectdStr struct {
	off, n int
	s      string
	set    bool
}

// collectdNum is an integer part remembered likewise; the time and
// interval ones hold Wireshark's nstime (seconds and nanoseconds).
type collectdNum struct {
	off       int
	secs, ns  int64
	v         uint64
	hasOffset bool
}

type collectdWalk struct {
	b    []byte
	tree bool
	kids []Field

	host                                  *string // the first host part: the Info's Host=
	plugins, values, messages, unknown    int
	errors                                int
	malformed                             bool
	vHost, vPlugin, vPInst, vType, vTInst collectdStr
	vTime, vInterval                      collectdNum
	nHost                                 collectdStr
	nSeverity                             collectdNum
	nMessage                              collectdStr
}

func dissectCollectd(p *PDU, out *Out) bool {
	b := p.Data
	if len(b) == 0 {
		return false // tshark's UDP hands an empty datagram to no one
	}
	out.SetProto("collectd")
	w := &collectdWalk{b: b, tree: out.WantTree}
	w.walk()
	if w.malformed {
		out.SetInfo(malformedMark)
	} else {
		out.SetInfo(w.info())
	}
	if out.WantTree {
		top := Field{Name: "collectd", Label: "collectd network data", Len: len(b), Kind: FieldProto, Children: w.kids}
		if w.malformed {
			top.Children = append(top.Children, Field{Name: "_ws.malformed", Label: "[Malformed Packet: collectd]", Kind: FieldProto})
		}
		out.Add(top)
	}
	return true
}

// info is the Info text packet-collectd.c writes after the walk, with its
// plurality quirks ("1 value  for 1 plugin,  0 messages").
func (w *collectdWalk) info() string {
	host := "(null)"
	if w.host != nil {
		host = *w.host
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "Host=%s, %2d value%s for %d plugin%s %d message", host,
		w.values, plural(w.values, " ", "s"), w.plugins, plural(w.plugins, ", ", "s,"), w.messages)
	if w.errors == 0 && w.unknown == 0 {
		sb.WriteString(plural(w.messages, "", "s"))
		return sb.String()
	}
	sb.WriteString(plural(w.messages, ", ", "s,"))
	if w.unknown > 0 {
		fmt.Fprintf(&sb, " %d unknown", w.unknown)
		if w.errors > 0 {
			sb.WriteString(",")
		}
	}
	if w.errors > 0 {
		fmt.Fprintf(&sb, " %d error%s", w.errors, plural(w.errors, "", "s"))
	}
	return sb.String()
}

func (w *collectdWalk) add(f Field) { w.kids = append(w.kids, f) }

func (w *collectdWalk) walk() {
	b := w.b
	off := 0
	for off < len(b) {
		size := len(b) - off
		if size < 4 {
			w.errors++
			w.garbage(&w.kids, off, size)
			return
		}
		t := binary.BigEndian.Uint16(b[off:])
		plen := int(binary.BigEndian.Uint16(b[off+2:]))
		if plen < 4 || plen > size {
			w.errors++
			if plen > size {
				// the segment line would run past the datagram: tshark
				// throws before adding it
				w.malformed = true
				return
			}
			msg := fmt.Sprintf("Bad part length: Is %d, expected at least 4", plen)
			w.add(Field{Label: fmt.Sprintf("collectd %s segment: Length = %d <BAD>", collectdPartName(t), plen), Start: off, Len: plen,
				Children: []Field{w.typeField(off, t), w.lenField(off, plen, collectdExpert(off+2, "Error/Malformed", "collectd.invalid_length", msg)...)}})
			return
		}
		ok := true
		switch t {
		case collectdHost, collectdPlugin, collectdPluginInst, collectdType, collectdTypeInst, collectdMessage:
			s := w.str(off, t, plen)
			switch t {
			case collectdHost:
				w.vHost, w.nHost = s, s
				if w.host == nil {
					h := s.s
					w.host = &h
				}
			case collectdPlugin:
				w.vPlugin = s
				w.plugins++
			case collectdPluginInst:
				w.vPInst = s
			case collectdType:
				w.vType = s
			case collectdTypeInst:
				w.vTInst = s
			case collectdMessage:
				w.nMessage = s
				w.messages++
				if !w.notification(off, plen) {
					w.malformed = true
					return
				}
			}
		case collectdTime, collectdTimeHR, collectdInterval, collectdIntervalHR, collectdSeverity:
			ok = w.integer(off, t, plen, size)
		case collectdValues:
			ok = w.valuesPart(off, t, plen, size)
			if ok {
				w.values++
			}
		case collectdSignature:
			ok = w.signature(off, t, plen, size)
		case collectdEncrypted:
			ok = w.encrypted(off, t, plen, size)
		default:
			w.unknown++
			if w.tree {
				msg := fmt.Sprintf("Unknown part type %#x. Cannot decode data.", t)
				typ := w.typeField(off, t)
				typ.Children = collectdExpert(off, "Note/Undecoded", "collectd.type.unknown", msg)[:1]
				w.add(Field{Label: fmt.Sprintf("collectd %s segment: %d bytes", collectdPartName(t), plen), Start: off, Len: plen, Children: []Field{
					typ, w.lenField(off, plen),
					{Name: "collectd.data", Label: "Payload: " + collectdHex(b[off+4:off+plen]), Start: off + 4, Len: plen - 4, Kind: FieldBytes, Str: string(b[off+4 : off+plen])},
				}})
			}
		}
		if !ok {
			w.errors++
			return
		}
		off += plen
	}
}

func (w *collectdWalk) typeField(off int, t uint16) Field {
	name := "Unknown"
	if s, ok := collectdPartNames[t]; ok {
		name = s
	}
	return UintField("collectd.type", fmt.Sprintf("Type: %s (0x%04x)", name, t), off, 2, uint64(t))
}

func (w *collectdWalk) lenField(off, plen int, kids ...Field) Field {
	f := UintField("collectd.len", "Length: "+strconv.Itoa(plen), off+2, 2, uint64(plen))
	f.Children = kids
	return f
}

// collectdExpert is an expert item's lines under the item it marks: the
// expert line with the protocol's field, and the malformed mark for an
// item of the Malformed group.
func collectdExpert(at int, sev, name, msg string) []Field {
	fs := []Field{{Name: "_ws.expert", Label: "Expert Info (" + sev + "): " + msg, Start: at,
		Children: []Field{{Name: name, Label: msg}}}}
	if strings.HasSuffix(sev, "/Malformed") {
		fs = append(fs, Field{Name: "_ws.malformed", Label: "Malformed Packet", Start: at, Kind: FieldProto})
	}
	return fs
}

// garbage is the line for bytes at the end too few for what was to be
// read there.
func (w *collectdWalk) garbage(into *[]Field, off, n int) {
	if !w.tree {
		return
	}
	msg := fmt.Sprintf("Garbage at end of packet: Length = %d <BAD>", n)
	*into = append(*into, Field{Label: msg, Start: off, Len: n, Children: collectdExpert(off, "Error/Malformed", "collectd.garbage", msg)})
}

// badPart is a "collectd TYPE segment: <BAD>" line covering the rest of
// the datagram: the part's remaining bytes are too few (garbage) or its
// length is wrong for its type (msg on the length line).
func (w *collectdWalk) badPart(off int, t uint16, plen int, garbage bool, msg string) {
	if !w.tree {
		return
	}
	f := Field{Label: fmt.Sprintf("collectd %s segment: <BAD>", collectdPartName(t)), Start: off, Len: len(w.b) - off,
		Children: []Field{w.typeField(off, t)}}
	if garbage {
		f.Children = append(f.Children, w.lenField(off, plen))
		w.garbage(&f.Children, off+4, len(w.b)-off-4)
	} else {
		f.Children = append(f.Children, w.lenField(off, plen, collectdExpert(off+2, "Error/Malformed", "collectd.invalid_length", msg)...))
	}
	w.add(f)
}

// collectdASCII is a string read as ENC_ASCII and printed with %s: up to
// the first NUL, bytes above 0x7f as U+FFFD.
func collectdASCII(b []byte) string {
	var sb strings.Builder
	for _, c := range b {
		if c == 0 {
			break
		}
		if c >= 0x80 {
			sb.WriteRune('\uFFFD')
		} else {
			sb.WriteByte(c)
		}
	}
	return sb.String()
}

// collectdHex is a bytes field's value as tshark labels it: "<MISSING>"
// when empty, 36 bytes then "…" when longer.
func collectdHex(b []byte) string {
	if len(b) == 0 {
		return "<MISSING>"
	}
	return hexEllipsis(b)
}

var collectdStrFields = map[uint16][2]string{
	collectdHost:       {"collectd.data.host", "Host name"},
	collectdPlugin:     {"collectd.data.plugin", "Plugin"},
	collectdPluginInst: {"collectd.data.plugin.inst", "Plugin instance"},
	collectdType:       {"collectd.data.type", "Type"},
	collectdTypeInst:   {"collectd.data.type.inst", "Type instance"},
	collectdMessage:    {"collectd.data.message", "Message"},
}

// str reads a string part (its length is already known to fit).
func (w *collectdWalk) str(off int, t uint16, plen int) collectdStr {
	raw := w.b[off+4 : off+plen]
	s := collectdStr{off: off + 4, n: plen - 4, s: collectdASCII(raw), set: true}
	if w.tree {
		fd := collectdStrFields[t]
		w.add(Field{Label: fmt.Sprintf("collectd %s segment: \"%s\"", collectdPartName(t), Printable(s.s)), Start: off, Len: plen, Children: []Field{
			w.typeField(off, t), w.lenField(off, plen),
			StrField(fd[0], fd[1]+": "+Printable(s.s), off+4, plen-4, s.s),
		}})
	}
	return s
}

// collectdHRTime is a 2^-30-second count as Wireshark's nstime: the
// nanoseconds as the division by 1.073741824 in doubles truncates them.
func collectdHRTime(v uint64) (int64, int64) {
	return int64(v >> 30), int64(float64(v&(1<<30-1)) / 1.073741824)
}

// collectdAbsTime is an FT_ABSOLUTE_TIME label in UTC.
func collectdAbsTime(secs, ns int64) string {
	t := time.Unix(secs, 0).UTC()
	return fmt.Sprintf("%s %2d, %d %02d:%02d:%02d.%09d UTC", t.Format("Jan"), t.Day(), t.Year(), t.Hour(), t.Minute(), t.Second(), ns)
}

// collectdRelTime is rel_time_to_str: "1 hour, 1 minute, 1 second",
// "10.499999999 seconds", "0.000000000 seconds".
func collectdRelTime(secs, ns int64) string {
	if secs == 0 && ns == 0 {
		return "0.000000000 seconds"
	}
	sign := ""
	if secs < 0 || ns < 0 {
		sign = "-"
		secs, ns = -secs, -ns
	}
	var parts []string
	s := secs % 60
	m := secs / 60 % 60
	h := secs / 3600 % 24
	d := secs / 86400
	for _, u := range []struct {
		v    int64
		name string
	}{{d, "day"}, {h, "hour"}, {m, "minute"}} {
		if u.v != 0 {
			parts = append(parts, fmt.Sprintf("%d %s%s", u.v, u.name, plural(int(u.v), "", "s")))
		}
	}
	if s != 0 || ns != 0 {
		if ns != 0 {
			parts = append(parts, fmt.Sprintf("%d.%09d seconds", s, ns))
		} else {
			parts = append(parts, fmt.Sprintf("%d second%s", s, plural(int(s), "", "s")))
		}
	}
	return sign + strings.Join(parts, ", ")
}

// collectdRelSecs is an FT_RELATIVE_TIME value: "10.000000000".
func collectdRelSecs(secs, ns int64) string {
	if secs < 0 || ns < 0 {
		return fmt.Sprintf("-%d.%09d", -secs, -ns)
	}
	return fmt.Sprintf("%d.%09d", secs, ns)
}

func collectdSeverityName(v uint64, unknown string) string {
	if s, ok := collectdSeverities[v]; ok {
		return s
	}
	return unknown
}

// integer reads a time, interval or severity part: 12 bytes exactly.
func (w *collectdWalk) integer(off int, t uint16, plen, size int) bool {
	if size < 12 {
		w.badPart(off, t, plen, true, "")
		return false
	}
	if plen != 12 {
		w.badPart(off, t, plen, false, "Invalid length field for an integer part.")
		return false
	}
	v := binary.BigEndian.Uint64(w.b[off+4:])
	n := collectdNum{off: off + 4, v: v, hasOffset: true}
	var seg string
	var val Field
	switch t {
	case collectdTime, collectdTimeHR:
		n.secs = int64(v)
		if t == collectdTimeHR {
			n.secs, n.ns = collectdHRTime(v)
		}
		w.vTime = n
		seg = collectdAbsTime(n.secs, n.ns)
		val = Field{Name: "collectd.data.time", Label: "Timestamp: " + seg, Start: off + 4, Len: 8, Kind: FieldLabel}
	case collectdInterval, collectdIntervalHR:
		n.secs = int64(v)
		if t == collectdIntervalHR {
			n.secs, n.ns = collectdHRTime(v)
		}
		w.vInterval = n
		seg = collectdRelTime(n.secs, n.ns)
		val = Field{Name: "collectd.data.interval", Label: "Interval: " + collectdRelSecs(n.secs, n.ns) + " seconds", Start: off + 4, Len: 8, Kind: FieldLabel}
	case collectdSeverity:
		w.nSeverity = n
		seg = fmt.Sprintf("%s (%d)", collectdSeverityName(v, "UNKNOWN"), v)
		val = UintField("collectd.data.severity", fmt.Sprintf("Severity: %s (0x%016x)", collectdSeverityName(v, "Unknown"), v), off+4, 8, v)
	}
	if w.tree {
		w.add(Field{Label: fmt.Sprintf("collectd %s segment: %s", collectdPartName(t), seg), Start: off, Len: plen,
			Children: []Field{w.typeField(off, t), w.lenField(off, plen), val}})
	}
	return true
}

// collectdCG is C's %g (six significant digits, "nan", "inf").
func collectdCG(v float64, prec int) string {
	switch {
	case math.IsNaN(v):
		return "nan"
	case math.IsInf(v, 1):
		return "inf"
	case math.IsInf(v, -1):
		return "-inf"
	}
	return strconv.FormatFloat(v, 'g', prec, 64)
}

// valuesPart reads a VALUES part: a count, the count's type bytes, then
// the count's 8-byte values; the count is taken from the length.
func (w *collectdWalk) valuesPart(off int, t uint16, plen, size int) bool {
	if size < 15 {
		w.badPart(off, t, plen, true, "")
		return false
	}
	if plen < 15 || plen%9 != 6 {
		w.badPart(off, t, plen, false, "Invalid length field for a values part.")
		return false
	}
	if !w.tree {
		return true
	}
	b := w.b
	claimed := int(binary.BigEndian.Uint16(b[off+4:]))
	n := (plen - 6) / 9
	label := fmt.Sprintf("collectd VALUES segment: %d value%s", claimed, plural(claimed, "", "s"))
	cnt := UintField("collectd.data.valcnt", "Value count: "+strconv.Itoa(claimed), off+4, 2, uint64(claimed))
	if claimed != n {
		label = fmt.Sprintf("collectd VALUES segment: %d (%d) value%s <BAD>", claimed, n, plural(claimed, "", "s"))
		cnt.Children = collectdExpert(off+4, "Warning/Malformed", "collectd.data.valcnt.mismatch",
			"Number of values and length of part do not match. Assuming length is correct.")
	}
	list := Field{Label: fmt.Sprintf("%d value%s", n, plural(n, "", "s")), Start: off + 6, Len: n * 9}
	for i := range n {
		to := off + 6 + i
		vo := off + 6 + n + 8*i
		vt := b[to]
		raw := binary.BigEndian.Uint64(b[vo:])
		tname := "Unknown"
		if s, ok := collectdValueTypes[vt]; ok {
			tname = s
		}
		typ := UintField("collectd.val.type", fmt.Sprintf("Value type: %s (0x%02x)", tname, vt), to, 1, uint64(vt))
		var line string
		var val Field
		switch vt {
		case 0:
			line = "Counter: " + strconv.FormatUint(raw, 10)
			val = UintField("collectd.val.counter", "Counter value: "+strconv.FormatUint(raw, 10), vo, 8, raw)
		case 1:
			g := math.Float64frombits(binary.LittleEndian.Uint64(b[vo:]))
			line = "Gauge: " + collectdCG(g, 6)
			val = Field{Name: "collectd.val.gauge", Label: "Gauge value: " + collectdCG(g, 15), Start: vo, Len: 8, Kind: FieldLabel}
		case 2:
			line = "Derive: " + strconv.FormatInt(int64(raw), 10)
			val = Field{Name: "collectd.val.derive", Label: "Derive value: " + strconv.FormatInt(int64(raw), 10), Start: vo, Len: 8, Kind: FieldLabel}
		case 3:
			line = "Absolute: " + strconv.FormatUint(raw, 10)
			val = UintField("collectd.val.absolute", "Absolute value: "+strconv.FormatUint(raw, 10), vo, 8, raw)
		default:
			line = fmt.Sprintf("Unknown: %x", raw)
			val = UintField("collectd.val.unknown", fmt.Sprintf("Value of unknown type: 0x%016x", raw), vo, 8, raw)
		}
		list.Children = append(list.Children, Field{Label: line, Start: off + 6, Len: n * 9, Children: []Field{typ, val}})
	}
	asm := Field{Label: "[Assembled metric]", Start: off + 12, Len: plen - 12, Children: []Field{
		w.asmStr("collectd.data.host", "Host name", w.vHost),
		w.asmStr("collectd.data.plugin", "Plugin", w.vPlugin),
	}}
	if w.vPInst.set {
		asm.Children = append(asm.Children, w.asmStr("collectd.data.plugin.inst", "Plugin instance", w.vPInst))
	}
	asm.Children = append(asm.Children, w.asmStr("collectd.data.type", "Type", w.vType))
	if w.vTInst.set {
		asm.Children = append(asm.Children, w.asmStr("collectd.data.type.inst", "Type instance", w.vTInst))
	}
	asm.Children = append(asm.Children,
		w.asmNum(Field{Name: "collectd.data.time", Label: "Timestamp: " + collectdAbsTime(w.vTime.secs, w.vTime.ns), Kind: FieldLabel}, w.vTime),
		w.asmNum(Field{Name: "collectd.data.interval", Label: "Interval: " + collectdRelSecs(w.vInterval.secs, w.vInterval.ns) + " seconds", Kind: FieldLabel}, w.vInterval))
	w.add(Field{Label: label, Start: off, Len: plen, Children: []Field{w.typeField(off, t), w.lenField(off, plen), cnt, list, asm}})
	return true
}

// asmStr is an assembled line's string: at the part it came from, or
// "(null)" on no bytes when no such part came before.
func (w *collectdWalk) asmStr(name, desc string, s collectdStr) Field {
	if !s.set {
		return Field{Name: name, Label: desc + ": (null)", Start: -1, Kind: FieldString, Str: "(null)"}
	}
	return StrField(name, desc+": "+Printable(s.s), s.off, s.n, s.s)
}

// asmNum places an assembled line's number at the part it came from; with
// none, tshark reads (and shows as zero) the datagram's first 8 bytes:
// ladder gives the line no place.
func (w *collectdWalk) asmNum(f Field, n collectdNum) Field {
	if n.hasOffset {
		f.Start, f.Len = n.off, 8
	} else {
		f.Start = -1
	}
	if f.Kind == FieldUint {
		f.Num = n.v
	}
	return f
}

// notification adds the "Assembled notification" line of a MESSAGE part,
// false where tshark throws making it (see the file comment).
func (w *collectdWalk) notification(off, plen int) bool {
	start, n := off+10, plen-7
	switch {
	case n < -1:
		return false
	case n == -1:
		if start >= len(w.b) {
			return false
		}
		n = len(w.b) - start
	case start+n > len(w.b):
		return false
	}
	if !w.tree {
		return true
	}
	sev := w.asmNum(UintField("collectd.data.severity", fmt.Sprintf("Severity: %s (0x%016x)", collectdSeverityName(w.nSeverity.v, "Unknown"), w.nSeverity.v), 0, 0, 0), w.nSeverity)
	asm := Field{Label: "[Assembled notification]", Start: start, Len: n, Children: []Field{
		w.asmStr("collectd.data.host", "Host name", w.nHost),
		// tshark 4.0 never records a notification's time: it reads the
		// datagram's first 8 bytes and shows zero
		{Name: "collectd.data.time", Label: "Timestamp: " + collectdAbsTime(0, 0), Start: -1, Kind: FieldLabel},
		sev,
		w.asmStr("collectd.data.message", "Message", w.nMessage),
	}}
	last := &w.kids[len(w.kids)-1]
	last.Children = append(last.Children, asm)
	return true
}

// signature reads an HMAC-SHA-256 part: the 32-byte hash, then the user.
func (w *collectdWalk) signature(off int, t uint16, plen, size int) bool {
	if size < 36 {
		w.badPart(off, t, plen, true, "")
		return false
	}
	if plen < 36 {
		w.badPart(off, t, plen, false, "Invalid length field for a signature part.")
		return false
	}
	if w.tree {
		b := w.b
		user := b[off+36 : off+plen]
		w.add(Field{Label: "collectd SIGNATURE segment: HMAC-SHA-256", Start: off, Len: plen, Children: []Field{
			w.typeField(off, t), w.lenField(off, plen),
			{Name: "collectd.data.sighash", Label: "Signature: " + collectdHex(b[off+4:off+36]), Start: off + 4, Len: 32, Kind: FieldBytes, Str: string(b[off+4 : off+36])},
			StrField("collectd.data.username", "Username: "+Printable(collectdASCII(user)), off+36, plen-36, collectdASCII(user)),
		}})
	}
	return true
}

// encrypted reads an AES-256 part: the user's name with its length, the
// 16-byte IV, then the encrypted data.
func (w *collectdWalk) encrypted(off int, t uint16, plen, size int) bool {
	if size < 42 {
		w.badPart(off, t, plen, true, "")
		return false
	}
	if plen < 42 {
		w.badPart(off, t, plen, false, "Invalid length field for an encryption part.")
		return false
	}
	b := w.b
	ulen := int(binary.BigEndian.Uint16(b[off+4:]))
	if ulen > plen-42 {
		if w.tree {
			// tshark's username length line shows the part's length
			const msg = "Invalid username length field for an encryption part."
			ul := UintField("collectd.data.username_length", "Username length: "+strconv.Itoa(plen), off+4, 2, uint64(plen))
			ul.Children = collectdExpert(off+4, "Error/Malformed", "collectd.invalid_length", msg)
			w.add(Field{Label: "collectd ENCRYPTED_DATA segment: <BAD>", Start: off, Len: len(b) - off, Children: []Field{
				w.typeField(off, t), w.lenField(off, plen), ul}})
		}
		return false
	}
	if w.tree {
		user := b[off+6 : off+6+ulen]
		iv := b[off+6+ulen : off+22+ulen]
		enc := b[off+22+ulen : off+plen]
		w.add(Field{Label: "collectd ENCRYPTED_DATA segment: AES-256", Start: off, Len: plen, Children: []Field{
			w.typeField(off, t), w.lenField(off, plen),
			UintField("collectd.data.username_length", "Username length: "+strconv.Itoa(ulen), off+4, 2, uint64(ulen)),
			StrField("collectd.data.username", "Username: "+Printable(collectdASCII(user)), off+6, ulen, collectdASCII(user)),
			{Name: "collectd.data.initvec", Label: "Init vector: " + collectdHex(iv), Start: off + 6 + ulen, Len: 16, Kind: FieldBytes, Str: string(iv)},
			{Name: "collectd.data.encrypted", Label: "Encrypted data: " + collectdHex(enc), Start: off + 22 + ulen, Len: len(enc), Kind: FieldBytes, Str: string(enc)},
		}})
	}
	return true
}
