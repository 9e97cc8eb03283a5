package decode

import (
	"encoding/binary"
	"net/netip"
	"strconv"
	"strings"
)

// NBNS, the NetBIOS Name Service (RFC 1002 4.2) on UDP port 137: DNS's
// message layout carrying NetBIOS names in "first-level encoding" (each
// byte of the 16-byte name as two letters 'A'+nibble). Hand-written like
// proto_dns.go (whose name reader it shares, as Wireshark's NBNS dissector
// shares get_dns_name): gopacket has no NBNS layer. Info and tree follow
// Wireshark 4.0's packet-nbns.c: answers reach the Info column only in
// responses, authority and additional records never.

const nbnsPort = 137

// nbnsNameLen is a NetBIOS name's length once decoded (15 characters and
// the type suffix); encoded it takes twice as many letters.
const nbnsNameLen = 16

// Record types (RFC 1002 4.2.1.3).
const (
	nbnsTypeNB     = 32
	nbnsTypeNBSTAT = 33
)

// nbnsStatsLen is the statistics block that ends an NBSTAT answer.
const nbnsStatsLen = 46

var nbnsOpcodes = [16]string{0: "Name query", 5: "Registration", 6: "Release", 7: "Wait for acknowledgment",
	8: "Refresh", 9: "Refresh (alternate opcode)", 15: "Multi-homed registration"}

var nbnsRcodes = [8]string{"No error", "Request was invalidly formatted", "Server failure",
	"Requested name does not exist", "Request is not implemented", "Request was refused",
	"Name is owned by another node", "Name is in conflict"}

// nbnsSuffixes names the type byte that ends a NetBIOS name (tshark 4.0).
var nbnsSuffixes = map[byte]string{0x00: "Workstation/Redirector", 0x01: "Browser", 0x02: "Workstation/Redirector",
	0x03: "Messenger service/Main name", 0x05: "Forwarded name", 0x06: "RAS Server service",
	0x1b: "Domain Master Browser", 0x1c: "Domain Controllers", 0x1d: "Local Master Browser",
	0x1e: "Browser Election Service", 0x1f: "Net DDE Service", 0x20: "Server service", 0x21: "RAS client service",
	0x22: "Exchange Interchange (MSMail Connector)", 0x23: "Exchange Store", 0x24: "Exchange Directory",
	0x2b: "Lotus Notes Server service", 0x30: "Modem sharing server service", 0x31: "Modem sharing client service",
	0x43: "SMS Clients Remote Control", 0x44: "SMS Administrators Remote Control Tool",
	0x45: "SMS Clients Remote Chat", 0x46: "SMS Clients Remote Transfer",
	0x4c: "DEC Pathworks TCP/IP Service on Windows NT", 0x52: "DEC Pathworks TCP/IP Service on Windows NT",
	0x6a: "Microsoft Exchange IMC", 0x87: "Microsoft Exchange MTA", 0xbe: "Network Monitor Agent",
	0xbf: "Network Monitor Analyzer"}

// nbnsONT names the owner node types in a name flags word's summary;
// nbnsONTField is tshark 4.0's value string for the field itself, which
// lacks H-node (RFC 1001's "reserved" 3, used by Windows for H-node).
var (
	nbnsONT      = [4]string{"B-node", "P-node", "M-node", "H-node"}
	nbnsONTField = [4]string{"B-node", "P-node", "M-node", "Unknown"}
)

var nbnsDissector = &Dissector{Name: "nbns", Dissect: dissectNBNS, Fields: []FieldDef{
	{"nbns.id", "Transaction ID", FieldUint, 16},
	{"nbns.flags", "Flags", FieldUint, 16},
	{"nbns.flags.response", "Response", FieldBool, 0},
	{"nbns.flags.opcode", "Opcode", FieldUint, 16},
	{"nbns.flags.authoritative", "Authoritative", FieldBool, 0},
	{"nbns.flags.truncated", "Truncated", FieldBool, 0},
	{"nbns.flags.recdesired", "Recursion desired", FieldBool, 0},
	{"nbns.flags.recavail", "Recursion available", FieldBool, 0},
	{"nbns.flags.broadcast", "Broadcast", FieldBool, 0},
	{"nbns.flags.rcode", "Reply code", FieldUint, 16},
	{"nbns.count.queries", "Questions", FieldUint, 16},
	{"nbns.count.answers", "Answer RRs", FieldUint, 16},
	{"nbns.count.auth_rr", "Authority RRs", FieldUint, 16},
	{"nbns.count.add_rr", "Additional RRs", FieldUint, 16},
	{"nbns.name", "Name", FieldString, 0},
	{"nbns.type", "Type", FieldUint, 16},
	{"nbns.class", "Class", FieldUint, 16},
	{"nbns.ttl", "Time to live", FieldUint, 32},
	{"nbns.data_length", "Data length", FieldUint, 16},
	{"nbns.nb_flags", "Name flags", FieldUint, 16},
	{"nbns.nb_flags.group", "Name type (group)", FieldBool, 0},
	{"nbns.nb_flags.ont", "Owner node type", FieldUint, 16},
	{"nbns.addr", "Address", FieldIPv4, 0},
}}

func init() { RegisterUDP(nbnsDissector, nbnsPort) }

func nbnsTypeName(t uint16) string {
	switch t {
	case nbnsTypeNB:
		return "NB"
	case nbnsTypeNBSTAT:
		return "NBSTAT"
	}
	return "Unknown"
}

// nbnsName decodes a NetBIOS name read as a DNS name: the first label is
// the encoded name, the rest its scope. It returns the shown name
// ("HOST<00>", non-printable characters as <xx>) and the type suffix.
func nbnsName(raw string) (string, byte, bool) {
	if raw == "" {
		// get_dns_name's text for the root name, whose '<' no first-level
		// encoding allows
		raw = "<Root>"
	}
	enc, scope, _ := strings.Cut(raw, ".")
	// each pair of letters A-Z makes one byte (a letter past P overflows
	// it, as packet-nbns.c computes it); characters past the 32nd are
	// ignored, and the first bad or missing one names the error
	var name [nbnsNameLen]byte
	n := 0
	for ; n < nbnsNameLen && 2*n < len(enc); n++ {
		hi := enc[2*n] - 'A'
		if hi > 'Z'-'A' {
			return "Illegal NetBIOS name (1st character not between A and Z in first-level encoding)", 0, false
		}
		if 2*n+1 == len(enc) {
			return "Illegal NetBIOS name (odd number of bytes)", 0, false
		}
		lo := enc[2*n+1] - 'A'
		if lo > 'Z'-'A' {
			return "Illegal NetBIOS name (2nd character not between A and Z in first-level encoding)", 0, false
		}
		name[n] = hi<<4 | lo
	}
	if n != nbnsNameLen {
		return "Illegal NetBIOS name (" + strconv.Itoa(n) + " bytes long)", 0, false
	}
	var b strings.Builder
	// process_netbios_name shows every one of the 15 bytes, a NUL too
	// ("*<00><00>…" for an NBSTAT query's wildcard name)
	for _, c := range name[:nbnsNameLen-1] {
		if c >= 0x20 && c < 0x7f {
			b.WriteByte(c)
		} else {
			b.WriteString("<" + hexByte(c) + ">")
		}
	}
	s := strings.TrimRight(b.String(), " ") + "<" + hexByte(name[nbnsNameLen-1]) + ">"
	if scope != "" {
		s += "." + dnsText([]byte(scope))
	}
	return s, name[nbnsNameLen-1], true
}

// nbnsParser walks one NBNS message.
type nbnsParser struct {
	msg  []byte
	tree bool
	info strings.Builder
	bad  bool
}

func (d *nbnsParser) has(off, n int) bool { return off >= 0 && n >= 0 && off+n <= len(d.msg) }
func (d *nbnsParser) u16(off int) uint16  { return binary.BigEndian.Uint16(d.msg[off:]) }

func dissectNBNS(p *PDU, out *Out) bool {
	d := nbnsParser{msg: p.Data, tree: out.WantTree}
	out.SetProto("NBNS")
	top := Field{Name: "nbns", Label: "NetBIOS Name Service", Kind: FieldProto, Start: 0, Len: len(p.Data)}
	top.Children = d.message()
	if d.bad {
		d.info.WriteString(malformedMark)
	}
	out.SetInfo(d.info.String())
	if out.WantTree {
		out.Add(top)
	}
	return true
}

func (d *nbnsParser) message() []Field {
	if !d.has(0, 4) {
		d.bad = true
		return nil
	}
	var kids []Field
	id, flags := d.u16(0), int(d.u16(2))
	resp := flags&dnsFlagResponse != 0
	opcode := flags & dnsFlagOpcode >> 11
	rcode := flags & dnsFlagRcode
	op := nbnsOpcodes[opcode]
	if op == "" {
		op = "Unknown operation (" + strconv.Itoa(opcode) + ")"
	}
	rc := "Unknown error (" + strconv.Itoa(rcode) + ")"
	if rcode < len(nbnsRcodes) {
		rc = nbnsRcodes[rcode]
	}
	d.info.WriteString(op)
	if resp {
		d.info.WriteString(" response")
		if rcode != 0 {
			d.info.WriteString(", " + rc)
		}
	}
	if d.tree {
		kids = append(kids, UintField("nbns.id", "Transaction ID: 0x"+hexWord(id), 0, 2, uint64(id)))
		kids = append(kids, d.flagsField(flags, op, rc))
	}
	if !d.has(4, 8) {
		d.bad = true
		return kids
	}
	names := [4][2]string{{"nbns.count.queries", "Questions"}, {"nbns.count.answers", "Answer RRs"},
		{"nbns.count.auth_rr", "Authority RRs"}, {"nbns.count.add_rr", "Additional RRs"}}
	sections := [4]string{"Queries", "Answers", "Authoritative nameservers", "Additional records"}
	var counts [4]int
	for i := range counts {
		counts[i] = int(d.u16(4 + 2*i))
		if d.tree {
			kids = append(kids, UintField(names[i][0], names[i][1]+": "+strconv.Itoa(counts[i]), 4+2*i, 2, uint64(counts[i])))
		}
	}
	off := dnsHeaderLen
	for s := 0; s < 4 && !d.bad; s++ {
		if counts[s] == 0 {
			continue
		}
		sec := Field{Label: sections[s], Start: off}
		for i := 0; i < counts[s] && !d.bad; i++ {
			var rec Field
			var n int
			if s == 0 {
				rec, n = d.question(off)
			} else {
				rec, n = d.record(off, s == 1 && resp)
			}
			if d.tree && rec.Label != "" {
				sec.Children = append(sec.Children, rec)
			}
			off += n
		}
		if d.tree {
			sec.Len = off - sec.Start
			if d.bad {
				sec.Len = 0
			}
			kids = append(kids, sec)
		}
	}
	return kids
}

// flagsField is the flags word with the summary Wireshark writes beside it
// ("0x8500, Response, Opcode: Name query, Authoritative, ...").
func (d *nbnsParser) flagsField(flags int, op, rc string) Field {
	resp := flags&dnsFlagResponse != 0
	v := uint32(flags)
	opcode := flags & dnsFlagOpcode >> 11
	opName := nbnsOpcodes[opcode]
	if opName == "" {
		opName = "Unknown"
	}
	var sum strings.Builder
	sum.WriteString("Flags: 0x" + hexWord(uint16(flags)))
	if resp {
		sum.WriteString(", Response")
	}
	sum.WriteString(", Opcode: " + opName)
	bit := func(name, title string, mask int, yes, no string) Field {
		s := no
		if flags&mask != 0 {
			s = yes
		}
		return boolField(name, bitString(v, 16, uint32(mask))+" = "+title+": "+s, 2, 2, flags&mask != 0)
	}
	kids := []Field{
		bit("nbns.flags.response", "Response", dnsFlagResponse, "Message is a response", "Message is a query"),
		UintField("nbns.flags.opcode", bitString(v, 16, dnsFlagOpcode)+" = Opcode: "+opName+" ("+strconv.Itoa(opcode)+")", 2, 2, uint64(opcode)),
	}
	if resp {
		kids = append(kids, bit("nbns.flags.authoritative", "Authoritative", dnsFlagAuthoritative,
			"Server is an authority for domain", "Server is not an authority for domain"))
		if flags&dnsFlagAuthoritative != 0 {
			sum.WriteString(", Authoritative")
		}
	}
	kids = append(kids, bit("nbns.flags.truncated", "Truncated", dnsFlagTruncated, "Message is truncated", "Message is not truncated"),
		bit("nbns.flags.recdesired", "Recursion desired", dnsFlagRecDesired, "Do query recursively", "Don't do query recursively"))
	if flags&dnsFlagTruncated != 0 {
		sum.WriteString(", Truncated")
	}
	if flags&dnsFlagRecDesired != 0 {
		sum.WriteString(", Recursion desired")
	}
	if resp {
		kids = append(kids, bit("nbns.flags.recavail", "Recursion available", dnsFlagRecAvail,
			"Server can do recursive queries", "Server can't do recursive queries"))
		if flags&dnsFlagRecAvail != 0 {
			sum.WriteString(", Recursion available")
		}
	}
	kids = append(kids, bit("nbns.flags.broadcast", "Broadcast", dnsFlagCheckDisable, "Broadcast packet", "Not a broadcast packet"))
	if flags&dnsFlagCheckDisable != 0 {
		sum.WriteString(", Broadcast")
	}
	if resp {
		rcode := flags & dnsFlagRcode
		kids = append(kids, UintField("nbns.flags.rcode", bitString(v, 16, dnsFlagRcode)+" = Reply code: "+rc+
			" ("+strconv.Itoa(rcode)+")", 2, 2, uint64(rcode)))
		sum.WriteString(", Reply code: " + rc)
	}
	f := UintField("nbns.flags", sum.String(), 2, 2, uint64(flags))
	f.Children = kids
	return f
}

// nameLabel is "Name: HOST<00> (Workstation/Redirector)".
func nbnsNameLabel(shown string, suffix byte, ok bool) string {
	if !ok {
		return "Name: " + shown
	}
	s, known := nbnsSuffixes[suffix]
	if !known {
		s = "Unknown"
	}
	return "Name: " + shown + " (" + s + ")"
}

func (d *nbnsParser) question(off int) (Field, int) {
	nm, n, ok := readDNSName(d.msg, off)
	if !ok || !d.has(off+n, 4) {
		d.bad = true
		return Field{}, 0
	}
	shown, suffix, legal := nbnsName(nm.raw)
	typ, class := d.u16(off+n), d.u16(off+n+2)
	d.info.WriteString(" " + nbnsTypeName(typ) + " " + shown)
	if !d.tree {
		return Field{}, n + 4
	}
	q := Field{Label: shown + ": type " + nbnsTypeName(typ) + ", class " + dnsClassName(class), Start: off, Len: n + 4}
	q.Children = []Field{
		StrField("nbns.name", nbnsNameLabel(shown, suffix, legal), off, n, shown),
		UintField("nbns.type", "Type: "+nbnsTypeName(typ)+" ("+strconv.Itoa(int(typ))+")", off+n, 2, uint64(typ)),
		UintField("nbns.class", "Class: "+dnsClassName(class)+" ("+strconv.Itoa(int(class))+")", off+n+2, 2, uint64(class)),
	}
	return q, n + 4
}

// record reads one resource record; info says whether its data goes to the
// Info column (answers of a response).
func (d *nbnsParser) record(off int, info bool) (Field, int) {
	nm, n, ok := readDNSName(d.msg, off)
	if !ok || !d.has(off+n, 10) {
		d.bad = true
		return Field{}, 0
	}
	shown, suffix, legal := nbnsName(nm.raw)
	p := off + n
	typ, class, ttl, rdlen := d.u16(p), d.u16(p+2), binary.BigEndian.Uint32(d.msg[p+4:]), int(d.u16(p+8))
	rd := p + 10
	rec := Field{Label: shown + ": type " + nbnsTypeName(typ) + ", class " + dnsClassName(class), Start: off, Len: n + 10 + rdlen}
	if d.tree {
		rec.Children = []Field{
			// Wireshark 4.0 places an answer's name one byte in, one byte short
			StrField("nbns.name", nbnsNameLabel(shown, suffix, legal), off+1, n-1, shown),
			UintField("nbns.type", "Type: "+nbnsTypeName(typ)+" ("+strconv.Itoa(int(typ))+")", p, 2, uint64(typ)),
			UintField("nbns.class", "Class: "+dnsClassName(class)+" ("+strconv.Itoa(int(class))+")", p+2, 2, uint64(class)),
			UintField("nbns.ttl", "Time to live: "+secondsText(ttl), p+4, 4, uint64(ttl)),
			UintField("nbns.data_length", "Data length: "+strconv.Itoa(rdlen), p+8, 2, uint64(rdlen)),
		}
	}
	switch typ {
	case nbnsTypeNB:
		for a := rd; a == rd || a+6 <= rd+rdlen; a += 6 {
			if !d.has(a, 6) {
				d.bad = true
				return Field{}, 0
			}
			addr := netip.AddrFrom4([4]byte(d.msg[a+2 : a+6])).String()
			if a == rd && info {
				d.info.WriteString(" NB " + addr)
			}
			if d.tree {
				rec.Children = append(rec.Children, d.nbFlags(a), Field{Name: "nbns.addr", Label: "Addr: " + addr,
					Start: a + 2, Len: 4, Kind: FieldIPv4, Num: uint64(binary.BigEndian.Uint32(d.msg[a+2:]))})
			}
		}
	case nbnsTypeNBSTAT:
		if info {
			d.info.WriteString(" NBSTAT")
		}
		if !d.has(rd, 1) || !d.has(rd+1, int(d.msg[rd])*(nbnsNameLen+2)+nbnsStatsLen) {
			d.bad = true
			return Field{}, 0
		}
	default:
		if info {
			d.info.WriteString(" " + nbnsTypeName(typ))
		}
	}
	if !d.has(rd, rdlen) {
		d.bad = true
		return Field{}, 0
	}
	return rec, n + 10 + rdlen
}

// nbFlags is an NB record's name flags: group bit and owner node type.
func (d *nbnsParser) nbFlags(a int) Field {
	fl := d.u16(a)
	ont := int(fl>>13) & 3
	kind, tname := "unique", "Unique name"
	if fl&0x8000 != 0 {
		kind, tname = "group", "Group name"
	}
	f := UintField("nbns.nb_flags", "Name flags: 0x"+hexWord(fl)+", ONT: "+nbnsONTField[ont]+" ("+nbnsONT[ont]+", "+kind+")", a, 2, uint64(fl))
	f.Children = []Field{
		boolField("nbns.nb_flags.group", bitString(uint32(fl), 16, 0x8000)+" = Name type: "+tname, a, 2, fl&0x8000 != 0),
		UintField("nbns.nb_flags.ont", bitString(uint32(fl), 16, 0x6000)+" = ONT: "+nbnsONTField[ont]+" ("+strconv.Itoa(ont)+")", a, 2, uint64(ont)),
	}
	return f
}
