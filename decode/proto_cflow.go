package decode

import (
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"net/netip"
	"strconv"
	"time"
)

// Cisco NetFlow v1/v5/v7/v8/v9 and IPFIX as Wireshark 4.0's
// packet-netflow.c ("CFLOW") shows them, on its default UDP ports: 2055
// and 9996 (NetFlow) and 4739 (IPFIX); the version field, not the port,
// decides how a datagram reads. Info: "total: N (v5) flows", "total: N
// (v9) records Obs-Domain-ID=    0" or "IPFIX flow (1376 bytes)
// Obs-Domain-ID=    0", then a tag per set: " [Data-Template:1024]" for each
// template a template set defines, " [Options-Template:256]", and
// " [Data:1024]" for a data set, known template or not. Templates are
// remembered per conversation (the exporter's address and port) and
// observation domain, so data sets later datagrams bring decode with the
// template an earlier one defined. The details give the header, each set,
// each template's fields and the records of the information elements
// softflowd exports (addresses, ports, counters, times, protocol, flags,
// ICMP types, interfaces, direction, end reason, sampling options); other
// elements' bytes are stepped over. Not given: tshark's flow sequence
// analysis, which compares sequence numbers across all exporters of the
// capture. Hand-written: gopacket has no NetFlow or IPFIX layer.

// cflowVersion is the header's version field.
type cflowVersion uint16

const (
	cflowV1    cflowVersion = 1
	cflowV5    cflowVersion = 5
	cflowV7    cflowVersion = 7
	cflowV8    cflowVersion = 8
	cflowV9    cflowVersion = 9
	cflowIPFIX cflowVersion = 10
)

// Set (flowset) identifiers below 256 name template sets.
const (
	cflowV9TemplateSet      = 0
	cflowV9OptionsSet       = 1
	cflowIPFIXTemplateSet   = 2
	cflowIPFIXOptionsSet    = 3
	cflowFirstDataSet       = 256
	cflowMaxTemplates       = 256 // per conversation
	cflowMaxTemplateFields  = 60  // Wireshark's cflow.max_template_fields
	cflowV5RecordLen        = 48
	cflowV5HeaderLen        = 24
	cflowV9HeaderLen        = 20
	cflowIPFIXHeaderLen     = 16
	cflowIPFIXEnterpriseBit = 0x8000
)

// UDP ports Wireshark 4.0 gives CFLOW (cflow.netflow.ports, cflow.ipfix.ports).
const (
	cflowPortNetFlow  = 2055
	cflowPortNetFlow2 = 9996
	cflowPortIPFIX    = 4739
)

// cflowTemplateKey names a template: observation domain (v9 source ID) and
// template ID.
type cflowTemplateKey struct {
	domain uint32
	id     uint16
}

// cflowTemplate is a remembered template: its fields, how many of them
// (the first) are scope fields, and the 1-based frame that defined it.
type cflowTemplate struct {
	scope  int
	fields []cflowTField
	frame  int
}

// cflowTField is one template field: its element ID, length and, for an
// IPFIX enterprise element, the enterprise number.
type cflowTField struct {
	id  uint16
	len uint16
	pen uint32
}

// cflowConv is a conversation's templates.
type cflowConv struct {
	templates map[cflowTemplateKey]*cflowTemplate
}

func cflowDissect(p *PDU, out *Out) bool {
	b := p.Data
	if len(b) < 2 {
		return false
	}
	ver := cflowVersion(binary.BigEndian.Uint16(b))
	switch ver {
	case cflowV1, cflowV5, cflowV7, cflowV8, cflowV9, cflowIPFIX:
	default:
		return false
	}
	out.SetProto("CFLOW")
	out.SetInfo("")
	d := &cflowDec{b: b, out: out, p: p, ver: ver}
	d.header()
	if out.WantTree {
		out.Add(Field{Name: "cflow", Label: "Cisco NetFlow/IPFIX", Start: 0, Len: len(b), Kind: FieldProto, Children: d.kids})
	}
	return true
}

// cflowDec reads one datagram.
type cflowDec struct {
	b    []byte
	out  *Out
	p    *PDU
	ver  cflowVersion
	kids []Field
	cut  bool
}

// has reports whether bytes [off, off+n) were captured; the first time
// they were not, Info gets the cut mark, as Wireshark's exception adds it.
func (d *cflowDec) has(off, n int) bool {
	if d.cut {
		return false
	}
	if off < 0 || n < 0 || off+n > len(d.b) {
		d.cut = true
		d.out.AppendInfo("", capCut)
		return false
	}
	return true
}

func (d *cflowDec) u16(off int) uint16 { return binary.BigEndian.Uint16(d.b[off:]) }
func (d *cflowDec) u32(off int) uint32 { return binary.BigEndian.Uint32(d.b[off:]) }

// add appends a tree line when the tree is wanted.
func (d *cflowDec) add(fs *[]Field, f Field) {
	if d.out.WantTree {
		*fs = append(*fs, f)
	}
}

// header reads the header, sets Info and goes on to the records or sets.
func (d *cflowDec) header() {
	if !d.has(0, 4) {
		return
	}
	n := int(d.u16(2))
	d.add(&d.kids, UintField("cflow.version", "Version: "+strconv.Itoa(int(d.ver)), 0, 2, uint64(d.ver)))
	switch d.ver {
	case cflowV9:
		d.out.SetInfo(fmt.Sprintf("total: %d (v9) record%s", n, plural(n, "", "s")))
		d.add(&d.kids, UintField("cflow.count", "Count: "+strconv.Itoa(n), 2, 2, uint64(n)))
	case cflowIPFIX:
		if rem := d.p.Len; rem == n {
			d.out.SetInfo(fmt.Sprintf("IPFIX flow (%4d bytes)", n))
		} else {
			d.out.SetInfo(fmt.Sprintf("IPFIX partial flow (%d/%d bytes)", rem, n))
		}
		d.add(&d.kids, UintField("cflow.len", "Length: "+strconv.Itoa(n), 2, 2, uint64(n)))
	default:
		d.out.SetInfo(fmt.Sprintf("total: %d (v%d) flow%s", n, d.ver, plural(n, "", "s")))
		d.add(&d.kids, UintField("cflow.count", "Count: "+strconv.Itoa(n), 2, 2, uint64(n)))
	}
	off := 4
	if d.ver != cflowIPFIX {
		if !d.has(off, 4) {
			return
		}
		d.add(&d.kids, UintField("cflow.sysuptime", "SysUptime: "+cflowMillis(d.u32(off))+" seconds", off, 4, uint64(d.u32(off))))
		off += 4
	}
	two := d.ver != cflowV9 && d.ver != cflowIPFIX
	tlen := 4
	if two {
		tlen = 8
	}
	if !d.has(off, tlen) {
		return
	}
	secs := d.u32(off)
	var nsecs uint32
	if two {
		nsecs = d.u32(off + 4)
	}
	if d.out.WantTree {
		ts := Field{Name: "cflow.timestamp", Label: "Timestamp: " + cflowAbsTime(int64(secs), int64(nsecs)), Start: off, Len: tlen}
		if d.ver == cflowIPFIX {
			ts.Children = append(ts.Children, UintField("cflow.exporttime", "ExportTime: "+strconv.FormatUint(uint64(secs), 10), off, 4, uint64(secs)))
		} else {
			ts.Children = append(ts.Children, UintField("cflow.unix_secs", "CurrentSecs: "+strconv.FormatUint(uint64(secs), 10), off, 4, uint64(secs)))
		}
		if two {
			ts.Children = append(ts.Children, UintField("cflow.unix_nsecs", "CurrentNSecs: "+strconv.FormatUint(uint64(nsecs), 10), off+4, 4, uint64(nsecs)))
		}
		d.kids = append(d.kids, ts)
	}
	off += tlen
	if d.ver != cflowV1 {
		if !d.has(off, 4) {
			return
		}
		d.add(&d.kids, UintField("cflow.sequence", "FlowSequence: "+strconv.FormatUint(uint64(d.u32(off)), 10), off, 4, uint64(d.u32(off))))
		off += 4
	}
	switch d.ver {
	case cflowV5:
		if !d.has(off, 4) {
			return
		}
		et := d.b[off]
		d.add(&d.kids, UintField("cflow.engine_type", "EngineType: "+cflowEngineType(et)+" ("+strconv.Itoa(int(et))+")", off, 1, uint64(et)))
		d.add(&d.kids, UintField("cflow.engine_id", "EngineId: "+strconv.Itoa(int(d.b[off+1])), off+1, 1, uint64(d.b[off+1])))
		s := d.u16(off + 2)
		d.add(&d.kids, UintField("cflow.samplingmode", bitString(uint32(s), 16, uint32(0xc000))+" = SamplingMode: "+cflowSamplingMode(s>>14)+" ("+strconv.Itoa(int(s>>14))+")", off+2, 2, uint64(s>>14)))
		d.add(&d.kids, UintField("cflow.samplerate", bitString(uint32(s), 16, uint32(0x3fff))+" = SampleRate: "+strconv.Itoa(int(s&0x3fff)), off+2, 2, uint64(s&0x3fff)))
		off += 4
		d.v5Records(off, n)
	case cflowV9, cflowIPFIX:
		if !d.has(off, 4) {
			return
		}
		dom := d.u32(off)
		if d.ver == cflowV9 {
			d.add(&d.kids, UintField("cflow.source_id", "SourceId: "+strconv.FormatUint(uint64(dom), 10), off, 4, uint64(dom)))
		} else {
			d.add(&d.kids, UintField("cflow.od_id", "Observation Domain Id: "+strconv.FormatUint(uint64(dom), 10), off, 4, uint64(dom)))
		}
		d.out.AppendInfo("", fmt.Sprintf(" Obs-Domain-ID=%5d", dom))
		off += 4
		d.sets(off, n, dom)
	}
}

// cflowEngineType names a v5 engine type.
func cflowEngineType(t uint8) string {
	switch t {
	case 0:
		return "RP"
	case 1:
		return "VIP/Linecard"
	case 2:
		return "PFC/DFC"
	}
	return "Unknown"
}

// cflowSamplingMode names a v5 sampling mode.
func cflowSamplingMode(m uint16) string {
	switch m {
	case 0:
		return "No sampling mode configured"
	case 1:
		return "Packet Interval sampling mode configured"
	}
	return "Reserved"
}

// cflowMillis is a time in milliseconds as seconds with nine decimals.
func cflowMillis(ms uint32) string {
	return fmt.Sprintf("%d.%03d000000", ms/1000, ms%1000)
}

// cflowAbsTime is a Unix time as Wireshark's absolute UTC time labels show
// it ("Dec  6, 2026 23:45:45.326369000 UTC").
func cflowAbsTime(secs, nsecs int64) string {
	t := time.Unix(secs, 0).UTC()
	return fmt.Sprintf("%s %2d, %d %02d:%02d:%02d.%09d UTC", t.Format("Jan"), t.Day(), t.Year(), t.Hour(), t.Minute(), t.Second(), nsecs)
}

// v5Records reads a v5 datagram's flow records ("pdu i/n").
func (d *cflowDec) v5Records(off, n int) {
	if n == 0 {
		return
	}
	for i := 1; i <= n; i++ {
		if off+cflowV5RecordLen > d.p.Len {
			return
		}
		if !d.has(off, cflowV5RecordLen) {
			return
		}
		if !d.out.WantTree {
			off += cflowV5RecordLen
			continue
		}
		r := d.b[off : off+cflowV5RecordLen]
		var f []Field
		ip := func(name, label string, at int) {
			a := netip.AddrFrom4([4]byte(r[at : at+4]))
			f = append(f, Field{Name: name, Label: label + ": " + a.String(), Start: off + at, Len: 4, Kind: FieldIPv4, Num: uint64(binary.BigEndian.Uint32(r[at:]))})
		}
		u := func(name, label string, at, n int) {
			var v uint64
			for _, c := range r[at : at+n] {
				v = v<<8 | uint64(c)
			}
			f = append(f, UintField(name, label+": "+strconv.FormatUint(v, 10), off+at, n, v))
		}
		ip("cflow.srcaddr", "SrcAddr", 0)
		ip("cflow.dstaddr", "DstAddr", 4)
		ip("cflow.nexthop", "NextHop", 8)
		u("cflow.inputint", "InputInt", 12, 2)
		u("cflow.outputint", "OutputInt", 14, 2)
		u("cflow.packets", "Packets", 16, 4)
		u("cflow.octets", "Octets", 20, 4)
		f = append(f, cflowDuration(binary.BigEndian.Uint32(r[24:]), binary.BigEndian.Uint32(r[28:]), off+24, off+28, false))
		u("cflow.srcport", "SrcPort", 32, 2)
		u("cflow.dstport", "DstPort", 34, 2)
		f = append(f, Field{Name: "cflow.padding", Label: "Padding: " + hex.EncodeToString(r[36:37]), Start: off + 36, Len: 1, Kind: FieldBytes, Str: string(r[36:37])})
		f = append(f, UintField("cflow.tcpflags", fmt.Sprintf("TCP Flags: 0x%02x", r[37]), off+37, 1, uint64(r[37])))
		f = append(f, UintField("cflow.protocol", "Protocol: "+cflowProtoName(r[38]), off+38, 1, uint64(r[38])))
		f = append(f, UintField("cflow.tos", fmt.Sprintf("IP ToS: 0x%02x", r[39]), off+39, 1, uint64(r[39])))
		u("cflow.srcas", "SrcAS", 40, 2)
		u("cflow.dstas", "DstAS", 42, 2)
		f = append(f, cflowMask("cflow.srcmask", "SrcMask", r[44], r[0:4], off+44))
		f = append(f, cflowMask("cflow.dstmask", "DstMask", r[45], r[4:8], off+45))
		f = append(f, Field{Name: "cflow.padding", Label: "Padding: " + hex.EncodeToString(r[46:48]), Start: off + 46, Len: 2, Kind: FieldBytes, Str: string(r[46:48])})
		d.kids = append(d.kids, Field{Label: fmt.Sprintf("pdu %d/%d", i, n), Start: off, Len: cflowV5RecordLen, Children: f})
		off += cflowV5RecordLen
	}
}

// cflowMask is a v5 prefix length with the prefix it gives the address.
func cflowMask(name, label string, bits uint8, addr []byte, at int) Field {
	pfx := "0.0.0.0/32"
	if a := netip.AddrFrom4([4]byte(addr)); bits > 0 && bits <= 32 {
		if p, err := a.Prefix(int(bits)); err == nil {
			pfx = p.String()
		}
	}
	return UintField(name, fmt.Sprintf("%s: %d (prefix: %s)", label, bits, pfx), at, 1, uint64(bits))
}

// cflowDuration is the generated duration line over a flow's start and end
// times (milliseconds of system uptime), with the two times below it.
func cflowDuration(start, end uint32, startAt, endAt int, switched bool) Field {
	label := "Duration: " + cflowMillis(end-start) + " seconds"
	at, n := startAt, 8
	if switched {
		label += " (switched)"
		n = 0
	}
	return Field{Name: "cflow.timedelta", Label: label, Start: at, Len: n, Children: []Field{
		UintField("cflow.timestart", "StartTime: "+cflowMillis(start)+" seconds", startAt, 4, uint64(start)),
		UintField("cflow.timeend", "EndTime: "+cflowMillis(end)+" seconds", endAt, 4, uint64(end)),
	}}
}

// cflowProtoName is an IP protocol as "TCP (6)".
func cflowProtoName(p uint8) string {
	name := map[uint8]string{1: "ICMP", 2: "IGMP", 6: "TCP", 17: "UDP", 47: "GRE", 50: "ESP", 58: "ICMPv6", 132: "SCTP"}[p]
	if name == "" {
		name = "Unknown"
	}
	return name + " (" + strconv.Itoa(int(p)) + ")"
}

// conv returns the conversation's template store, made on first use.
func (d *cflowDec) conv() *cflowConv {
	if d.p.Conv == nil {
		return nil
	}
	st, _ := d.p.Conv.State.(*cflowConv)
	if st == nil {
		st = &cflowConv{templates: map[cflowTemplateKey]*cflowTemplate{}}
		d.p.Conv.State = st
	}
	return st
}

// sets reads the v9 flowsets or IPFIX sets after the header. v9 counts
// records in the header; IPFIX sets run to the datagram's end.
func (d *cflowDec) sets(off, count int, dom uint32) {
	if count == 0 && d.ver == cflowV9 {
		return
	}
	for x := 1; ; x++ {
		if d.ver == cflowV9 && x > count {
			return
		}
		avail := d.p.Len - off
		if avail <= 0 {
			return
		}
		if !d.has(off, 4) {
			return
		}
		id, length := int(d.u16(off)), int(d.u16(off+2))
		if avail < length || length < 4 {
			return
		}
		if !d.has(off, length) {
			return
		}
		set := Field{Start: off, Len: length}
		d.add(&set.Children, UintField("cflow.flowset_id", "FlowSet Id: "+d.setIDName(id), off, 2, uint64(id)))
		d.add(&set.Children, UintField("cflow.flowset_length", "FlowSet Length: "+strconv.Itoa(length), off+2, 2, uint64(length)))
		word := "FlowSet"
		if d.ver == cflowIPFIX {
			word = "Set"
		}
		set.Label = fmt.Sprintf("%s %d [id=%d]", word, x, id)
		body := d.b[off+4 : off+length]
		switch {
		case id == cflowV9TemplateSet && d.ver == cflowV9, id == cflowIPFIXTemplateSet && d.ver == cflowIPFIX:
			set.Label += " (Data Template):"
			d.templateSet(&set, body, off+4, dom, false)
		case id == cflowV9OptionsSet && d.ver == cflowV9, id == cflowIPFIXOptionsSet && d.ver == cflowIPFIX:
			set.Label += " (Options Template):"
			d.templateSet(&set, body, off+4, dom, true)
		case id >= cflowFirstDataSet:
			d.out.AppendInfo("", " [Data:"+strconv.Itoa(id)+"]")
			d.dataSet(&set, body, off+4, dom, uint16(id))
		}
		if d.out.WantTree {
			d.kids = append(d.kids, set)
		}
		off += length
	}
}

// setIDName is the flowset ID's label value.
func (d *cflowDec) setIDName(id int) string {
	name := "(Data)"
	switch {
	case d.ver == cflowV9 && id == cflowV9TemplateSet:
		name = "Data Template (V9)"
	case d.ver == cflowV9 && id == cflowV9OptionsSet:
		name = "Options Template(V9)"
	case d.ver == cflowIPFIX && id == cflowIPFIXTemplateSet:
		name = "Data Template (V10 [IPFIX])"
	case d.ver == cflowIPFIX && id == cflowIPFIXOptionsSet:
		name = "Options Template (V10 [IPFIX])"
	case id < cflowFirstDataSet:
		name = "Reserved"
	}
	return name + " (" + strconv.Itoa(id) + ")"
}

// templateSet reads the templates of a template or options template set,
// remembers them and tags Info with each.
func (d *cflowDec) templateSet(set *Field, b []byte, base int, dom uint32, options bool) {
	off := 0
	for len(b)-off >= 4 {
		id := binary.BigEndian.Uint16(b[off:])
		if id < cflowFirstDataSet {
			return
		}
		var t cflowTemplate
		t.frame = d.p.Frame + 1
		var lines []Field
		start := off
		var head string
		switch {
		case !options:
			n := int(binary.BigEndian.Uint16(b[off+2:]))
			head = fmt.Sprintf("Template (Id = %d, Count = %d)", id, n)
			d.add(&lines, UintField("cflow.template_id", "Template Id: "+strconv.Itoa(int(id)), base+off, 2, uint64(id)))
			d.add(&lines, UintField("cflow.template_field_count", "Field Count: "+strconv.Itoa(n), base+off+2, 2, uint64(n)))
			off += 4
			if !d.fields(b, &off, base, n, 0, &t, &lines) {
				return
			}
			d.out.AppendInfo("", " [Data-Template:"+strconv.Itoa(int(id))+"]")
		case d.ver == cflowV9:
			if len(b)-off < 6 {
				return
			}
			scopeLen, optLen := int(binary.BigEndian.Uint16(b[off+2:])), int(binary.BigEndian.Uint16(b[off+4:]))
			ns, nd := scopeLen/4, optLen/4
			head = fmt.Sprintf("Options Template (Id = %d) (Scope Count = %d; Data Count = %d)", id, ns, nd)
			d.add(&lines, UintField("cflow.template_id", "Template Id: "+strconv.Itoa(int(id)), base+off, 2, uint64(id)))
			d.add(&lines, UintField("cflow.option_scope_length", "Option Scope Length: "+strconv.Itoa(scopeLen), base+off+2, 2, uint64(scopeLen)))
			d.add(&lines, UintField("cflow.option_length", "Option Length: "+strconv.Itoa(optLen), base+off+4, 2, uint64(optLen)))
			off += 6
			if !d.fields(b, &off, base, ns, ns, &t, &lines) || !d.fields(b, &off, base, nd, 0, &t, &lines) {
				return
			}
			t.scope = ns
			d.out.AppendInfo("", " [Options-Template:"+strconv.Itoa(int(id))+"]")
			// a v9 options template set is padded to four bytes
			off = len(b)
		default:
			if len(b)-off < 6 {
				return
			}
			total, ns := int(binary.BigEndian.Uint16(b[off+2:])), int(binary.BigEndian.Uint16(b[off+4:]))
			head = fmt.Sprintf("Options Template (Id = %d) (Scope Count = %d; Data Count = %d)", id, ns, total-ns)
			d.add(&lines, UintField("cflow.template_id", "Template Id: "+strconv.Itoa(int(id)), base+off, 2, uint64(id)))
			d.add(&lines, UintField("cflow.template_ipfix_total_field_count", "Total Field Count: "+strconv.Itoa(total), base+off+2, 2, uint64(total)))
			d.add(&lines, UintField("cflow.template_ipfix_scope_field_count", "Scope Field Count: "+strconv.Itoa(ns), base+off+4, 2, uint64(ns)))
			off += 6
			if total < ns || !d.fields(b, &off, base, ns, ns, &t, &lines) || !d.fields(b, &off, base, total-ns, 0, &t, &lines) {
				return
			}
			t.scope = ns
			d.out.AppendInfo("", " [Options-Template:"+strconv.Itoa(int(id))+"]")
		}
		if st := d.conv(); st != nil {
			if len(st.templates) >= cflowMaxTemplates {
				clear(st.templates)
			}
			k := cflowTemplateKey{dom, id}
			if old := st.templates[k]; old == nil || old.frame != t.frame {
				st.templates[k] = &t
			}
		}
		if d.out.WantTree {
			set.Label += " " + strconv.Itoa(int(id))
			set.Children = append(set.Children, Field{Label: head, Start: base + start, Len: off - start, Children: lines})
		}
	}
}

// fields reads n template fields at *off (scope fields when scope > 0),
// appending them to t and their lines to lines; false when the bytes run
// out or the template has more fields than Wireshark keeps.
func (d *cflowDec) fields(b []byte, off *int, base, n, scope int, t *cflowTemplate, lines *[]Field) bool {
	if len(t.fields)+n > cflowMaxTemplateFields {
		return false
	}
	for i := 1; i <= n; i++ {
		if len(b)-*off < 4 {
			return false
		}
		at := *off
		typ, length := binary.BigEndian.Uint16(b[at:]), binary.BigEndian.Uint16(b[at+2:])
		f := cflowTField{id: typ, len: length}
		step := 4
		if d.ver == cflowIPFIX && typ&cflowIPFIXEnterpriseBit != 0 {
			if len(b)-at < 8 {
				return false
			}
			f.id &^= cflowIPFIXEnterpriseBit
			f.pen = binary.BigEndian.Uint32(b[at+4:])
			step = 8
		}
		t.fields = append(t.fields, f)
		*off += step
		if !d.out.WantTree {
			continue
		}
		name := cflowIEName(d.ver, f, scope > 0)
		var kids []Field
		var label string
		if scope > 0 {
			label = fmt.Sprintf("Field (%d/%d) [Scope]: %s", i, n, name)
		} else {
			label = fmt.Sprintf("Field (%d/%d): %s", i, n, name)
		}
		switch {
		case d.ver == cflowV9 && scope > 0:
			kids = append(kids, UintField("cflow.scope_field_type", fmt.Sprintf("Scope Type: %s (%d)", name, typ), base+at, 2, uint64(typ)))
		case d.ver == cflowV9:
			kids = append(kids, UintField("cflow.template_field_type", fmt.Sprintf("Type: %s (%d)", name, typ), base+at, 2, uint64(typ)))
		default:
			pen := "No"
			if f.pen != 0 || typ&cflowIPFIXEnterpriseBit != 0 {
				pen = "Yes"
			}
			kids = append(kids,
				UintField("cflow.template_ipfix_pen_provided", bitString(uint32(typ), 16, uint32(0x8000))+" = Pen provided: "+pen, base+at, 2, uint64(typ>>15)),
				UintField("cflow.template_ipfix_field_type", fmt.Sprintf("%s = Type: %s (%d)", bitString(uint32(typ), 16, uint32(0x7fff)), name, f.id), base+at, 2, uint64(f.id)))
		}
		kids = append(kids, UintField("cflow.template_field_length", "Length: "+strconv.Itoa(int(length)), base+at+2, 2, uint64(length)))
		if step == 8 {
			kids = append(kids, UintField("cflow.template_ipfix_field_pen", "PEN: "+strconv.FormatUint(uint64(f.pen), 10), base+at+4, 4, uint64(f.pen)))
		}
		*lines = append(*lines, Field{Label: label, Start: base + at, Len: step, Children: kids})
	}
	return true
}

// dataSet reads a data set's records with the remembered template.
func (d *cflowDec) dataSet(set *Field, b []byte, base int, dom uint32, id uint16) {
	var t *cflowTemplate
	if st := d.conv(); st != nil {
		t = st.templates[cflowTemplateKey{dom, id}]
	}
	if t == nil {
		if d.out.WantTree {
			msg := fmt.Sprintf("Data (%d bytes), no template found", len(b))
			set.Children = append(set.Children, Field{Label: msg, Start: base, Len: len(b), Children: []Field{
				{Name: "_ws.expert", Label: "Expert Info (Warning/Malformed): " + msg, Start: base,
					Children: []Field{{Name: "cflow.no_template_found", Label: msg}}},
				{Name: "_ws.malformed", Label: "Malformed Packet", Start: base, Kind: FieldProto},
			}})
		}
		return
	}
	size := 0
	for _, f := range t.fields {
		if f.len == 0xffff {
			size = -1 // variable length: records are walked one by one
			break
		}
		size += int(f.len)
	}
	if size == 0 {
		return
	}
	if !d.out.WantTree {
		return
	}
	set.Children = append(set.Children, UintField("cflow.template_frame", "Template Frame: "+strconv.Itoa(t.frame), 0, 0, uint64(t.frame)))
	off, flows := 0, 0
	for off < len(b) && flows < len(b) {
		rec, n := d.record(b, off, base, t)
		if n <= 0 {
			break
		}
		flows++
		rec.Label = "Flow " + strconv.Itoa(flows)
		set.Children = append(set.Children, rec)
		off += n
	}
	if pad := len(b) - off; pad > 0 {
		set.Children = append(set.Children, Field{Name: "cflow.padding", Label: "Padding: " + hex.EncodeToString(b[off:]), Start: base + off, Len: pad, Kind: FieldBytes, Str: string(b[off:])})
	}
	set.Label += fmt.Sprintf(" (%d flows)", flows)
}

// record reads one data record at off; n is its length, 0 when the bytes
// left do not hold one.
func (d *cflowDec) record(b []byte, off, base int, t *cflowTemplate) (Field, int) {
	rec := Field{Start: base + off}
	at := off
	var start, end uint32
	var startAt, haveStart, haveEnd = 0, false, false
	var endAt int
	for i, f := range t.fields {
		n := int(f.len)
		if f.len == 0xffff {
			if at >= len(b) {
				return rec, 0
			}
			n, at = int(b[at]), at+1
			if n == 255 {
				if len(b)-at < 2 {
					return rec, 0
				}
				n, at = int(binary.BigEndian.Uint16(b[at:])), at+2
			}
		}
		if len(b)-at < n {
			return rec, 0
		}
		v := b[at : at+n]
		pos := base + at
		at += n
		if f.pen != 0 {
			continue
		}
		if i < t.scope && d.ver == cflowV9 {
			if f.id == 2 { // Interface
				rec.Children = append(rec.Children, UintField("cflow.scope_interface", "ScopeInterface: "+strconv.FormatUint(cflowUint(v), 10), pos, n, cflowUint(v)))
			}
			continue
		}
		switch f.id {
		case 22, 152: // FIRST_SWITCHED
			if n == 4 {
				start, startAt, haveStart = binary.BigEndian.Uint32(v), pos, true
			}
		case 21, 153: // LAST_SWITCHED
			if n == 4 {
				end, endAt, haveEnd = binary.BigEndian.Uint32(v), pos, true
			}
		}
		if (f.id == 22 || f.id == 21) && n == 4 {
			if haveStart && haveEnd {
				rec.Children = append(rec.Children, cflowDuration(start, end, startAt, endAt, true))
				haveStart, haveEnd = false, false
			}
			continue
		}
		if f.id == 139 && n == 2 {
			// icmpTypeCodeIPv6 shows as its two bytes
			rec.Children = append(rec.Children,
				UintField("cflow.icmp_ipv6_type", "IPv6 ICMP Type: "+strconv.Itoa(int(v[0])), pos, 1, uint64(v[0])),
				UintField("cflow.icmp_ipv6_code", "IPv6 ICMP Code: "+strconv.Itoa(int(v[1])), pos+1, 1, uint64(v[1])))
		} else if l, ok := cflowElement(f.id, v, pos); ok {
			rec.Children = append(rec.Children, l)
		}
	}
	rec.Len = at - off
	return rec, at - off
}

// cflowUint is a big-endian unsigned value of up to eight bytes.
func cflowUint(v []byte) uint64 {
	var n uint64
	for _, c := range v[:min(len(v), 8)] {
		n = n<<8 | uint64(c)
	}
	return n
}

// cflowElement is the tree line of an information element's value, for
// the elements ladder names.
func cflowElement(id uint16, v []byte, pos int) (Field, bool) {
	n := len(v)
	u := cflowUint(v)
	num := func(name, label string) (Field, bool) {
		return UintField(name, label+": "+strconv.FormatUint(u, 10), pos, n, u), true
	}
	switch id {
	case 1:
		return num("cflow.octets", "Octets")
	case 2:
		return num("cflow.packets", "Packets")
	case 4:
		if n == 1 {
			return UintField("cflow.protocol", "Protocol: "+cflowProtoName(v[0]), pos, 1, u), true
		}
	case 5:
		if n == 1 {
			return UintField("cflow.tos", fmt.Sprintf("IP ToS: 0x%02x", v[0]), pos, 1, u), true
		}
	case 6:
		if n == 1 {
			return cflowTCPFlags(v[0], pos), true
		}
	case 7:
		return num("cflow.srcport", "SrcPort")
	case 8, 12:
		if n == 4 {
			name, label := "cflow.srcaddr", "SrcAddr"
			if id == 12 {
				name, label = "cflow.dstaddr", "DstAddr"
			}
			return Field{Name: name, Label: label + ": " + netip.AddrFrom4([4]byte(v)).String(), Start: pos, Len: 4, Kind: FieldIPv4, Num: u}, true
		}
	case 10:
		return num("cflow.inputint", "InputInt")
	case 11:
		return num("cflow.dstport", "DstPort")
	case 14:
		return num("cflow.outputint", "OutputInt")
	case 27, 28:
		if n == 16 {
			name, label := "cflow.srcaddrv6", "SrcAddr"
			if id == 28 {
				name, label = "cflow.dstaddrv6", "DstAddr"
			}
			return Field{Name: name, Label: label + ": " + netip.AddrFrom16([16]byte(v)).String(), Start: pos, Len: 16, Kind: FieldIPv6, Str: string(v)}, true
		}
	case 32:
		if n == 2 {
			return UintField("cflow.icmp_type_code_ipv4", fmt.Sprintf("ICMP Type: 0x%04x", u), pos, 2, u), true
		}
	case 34:
		return num("cflow.sampling_interval", "Sampling interval")
	case 35:
		if n == 1 {
			name := map[uint8]string{1: "Deterministic sampling", 2: "Random sampling"}[v[0]]
			if name == "" {
				name = "Unknown"
			}
			return UintField("cflow.sampling_algorithm", fmt.Sprintf("Sampling algorithm: %s (%d)", name, v[0]), pos, 1, u), true
		}
	case 60:
		return num("cflow.ip_version", "IPVersion")
	case 61:
		if n == 1 {
			name := map[uint8]string{0: "Ingress", 1: "Egress"}[v[0]]
			if name == "" {
				name = "Unknown"
			}
			return UintField("cflow.direction", fmt.Sprintf("Direction: %s (%d)", name, v[0]), pos, 1, u), true
		}
	case 82:
		s := string(v)
		for i := 0; i < len(s); i++ {
			if s[i] == 0 {
				s = s[:i]
				break
			}
		}
		return StrField("cflow.if_name", "IfName: "+Printable(s), pos, n, s), true
	case 136:
		if n == 1 {
			name := map[uint8]string{1: "Idle timeout", 2: "Active timeout", 3: "End of Flow detected", 4: "Forced end", 5: "Lack of resources"}[v[0]]
			if name == "" {
				name = "Unknown"
			}
			return UintField("cflow.flow_end_reason", fmt.Sprintf("Flow End Reason: %s (%d)", name, v[0]), pos, 1, u), true
		}
	case 143:
		return num("cflow.mp_id", "Metering Process Id")
	case 160:
		if n == 8 {
			return UintField("cflow.sys_init_time", "System Init Time: "+cflowAbsTime(int64(u/1000), int64(u%1000)*1e6), pos, 8, u), true
		}
	case 304:
		if n == 2 {
			name := map[uint64]string{1: "Systematic count-based Sampling", 2: "Systematic time-based Sampling", 3: "Random n-out-of-N Sampling", 4: "Uniform probabilistic Sampling"}[u]
			if name == "" {
				name = "Unknown"
			}
			return UintField("cflow.selector_algorithm", fmt.Sprintf("Selector Algorithm: %s (%d)", name, u), pos, 2, u), true
		}
	case 305:
		return num("cflow.sampling_packet_interval", "Sampling Packet Interval")
	case 306:
		return num("cflow.sampling_packet_space", "Sampling Packet Space")
	}
	return Field{}, false
}

// cflowTCPFlags is a record's TCP flags with a line per flag.
func cflowTCPFlags(v uint8, pos int) Field {
	bits := func(mask uint8) string { return bitString(uint32(v), 8, uint32(mask)) }
	used := func(m uint8) string {
		if v&m != 0 {
			return "Used"
		}
		return "Not used"
	}
	kids := []Field{UintField("cflow.tcpflags.reserved", fmt.Sprintf("%s = Reserved: 0x%x", bits(0xc0), v>>6), pos, 1, uint64(v>>6))}
	for _, fl := range []struct {
		name, label string
		mask        uint8
	}{{"urg", "URG", 0x20}, {"ack", "ACK", 0x10}, {"psh", "PSH", 0x08}, {"rst", "RST", 0x04}, {"syn", "SYN", 0x02}, {"fin", "FIN", 0x01}} {
		var b uint64
		if v&fl.mask != 0 {
			b = 1
		}
		kids = append(kids, Field{Name: "cflow.tcpflags." + fl.name, Label: bits(fl.mask) + " = " + fl.label + ": " + used(fl.mask), Start: pos, Len: 1, Kind: FieldBool, Num: b})
	}
	label := fmt.Sprintf("TCP Flags: 0x%02x", v)
	for _, fl := range []struct {
		name string
		mask uint8
	}{{"URG", 0x20}, {"ACK", 0x10}, {"PSH", 0x08}, {"RST", 0x04}, {"SYN", 0x02}, {"FIN", 0x01}} {
		if v&fl.mask != 0 {
			label += ", " + fl.name
		}
	}
	return Field{Name: "cflow.tcpflags", Label: label, Start: pos, Len: 1, Kind: FieldUint, Num: uint64(v), Children: kids}
}

// cflowIENames are the names Wireshark's template lines give the elements
// ladder knows (v9 names below 128, IPFIX names above).
var cflowIENames = map[uint16]string{
	1: "BYTES", 2: "PKTS", 3: "FLOWS", 4: "PROTOCOL", 5: "IP_TOS", 6: "TCP_FLAGS", 7: "L4_SRC_PORT", 8: "IP_SRC_ADDR",
	9: "SRC_MASK", 10: "INPUT_SNMP", 11: "L4_DST_PORT", 12: "IP_DST_ADDR", 13: "DST_MASK", 14: "OUTPUT_SNMP",
	15: "IP_NEXT_HOP", 16: "SRC_AS", 17: "DST_AS", 18: "BGP_NEXT_HOP", 21: "LAST_SWITCHED", 22: "FIRST_SWITCHED",
	27: "IPV6_SRC_ADDR", 28: "IPV6_DST_ADDR", 31: "FLOW_LABEL", 32: "ICMP_TYPE", 34: "SAMPLING_INTERVAL",
	35: "SAMPLING_ALGORITHM", 60: "IP_PROTOCOL_VERSION", 61: "DIRECTION", 82: "IF_NAME",
	136: "flowEndReason", 139: "icmpTypeCodeIPv6", 143: "meteringProcessId", 152: "flowStartMilliseconds",
	153: "flowEndMilliseconds", 160: "systemInitTimeMilliseconds", 304: "selectorAlgorithm",
	305: "samplingPacketInterval", 306: "samplingPacketSpace",
}

// cflowV9ScopeNames are the v9 options scope types.
var cflowV9ScopeNames = map[uint16]string{1: "System", 2: "Interface", 3: "Line Card", 4: "Cache", 5: "Template"}

// cflowIEName names a template field.
func cflowIEName(ver cflowVersion, f cflowTField, scope bool) string {
	if ver == cflowV9 && scope {
		if s := cflowV9ScopeNames[f.id]; s != "" {
			return s
		}
		return "Unknown"
	}
	if f.pen == 0 {
		if s := cflowIENames[f.id]; s != "" {
			return s
		}
	}
	return "Unknown(" + strconv.Itoa(int(f.id)) + ")"
}

var cflowDissector = &Dissector{
	Name:    "cflow",
	Dissect: cflowDissect,
	Fields: []FieldDef{
		{Name: "cflow.version", Desc: "Version", Kind: FieldUint, Bits: 16},
		{Name: "cflow.count", Desc: "Count", Kind: FieldUint, Bits: 16},
		{Name: "cflow.len", Desc: "Length", Kind: FieldUint, Bits: 16},
		{Name: "cflow.sysuptime", Desc: "SysUptime", Kind: FieldUint, Bits: 32},
		{Name: "cflow.timestamp", Desc: "Timestamp", Kind: FieldLabel},
		{Name: "cflow.unix_secs", Desc: "CurrentSecs", Kind: FieldUint, Bits: 32},
		{Name: "cflow.unix_nsecs", Desc: "CurrentNSecs", Kind: FieldUint, Bits: 32},
		{Name: "cflow.exporttime", Desc: "ExportTime", Kind: FieldUint, Bits: 32},
		{Name: "cflow.sequence", Desc: "FlowSequence", Kind: FieldUint, Bits: 32},
		{Name: "cflow.engine_type", Desc: "EngineType", Kind: FieldUint, Bits: 8},
		{Name: "cflow.engine_id", Desc: "EngineId", Kind: FieldUint, Bits: 8},
		{Name: "cflow.samplingmode", Desc: "SamplingMode", Kind: FieldUint, Bits: 16},
		{Name: "cflow.samplerate", Desc: "SampleRate", Kind: FieldUint, Bits: 16},
		{Name: "cflow.source_id", Desc: "SourceId", Kind: FieldUint, Bits: 32},
		{Name: "cflow.od_id", Desc: "Observation Domain Id", Kind: FieldUint, Bits: 32},
		{Name: "cflow.flowset_id", Desc: "FlowSet Id", Kind: FieldUint, Bits: 16},
		{Name: "cflow.flowset_length", Desc: "FlowSet Length", Kind: FieldUint, Bits: 16},
		{Name: "cflow.template_id", Desc: "Template Id", Kind: FieldUint, Bits: 16},
		{Name: "cflow.template_field_count", Desc: "Field Count", Kind: FieldUint, Bits: 16},
		{Name: "cflow.template_field_type", Desc: "Type", Kind: FieldUint, Bits: 16},
		{Name: "cflow.template_field_length", Desc: "Length", Kind: FieldUint, Bits: 16},
		{Name: "cflow.template_ipfix_pen_provided", Desc: "Pen provided", Kind: FieldUint, Bits: 16},
		{Name: "cflow.template_ipfix_field_type", Desc: "Type", Kind: FieldUint, Bits: 16},
		{Name: "cflow.template_ipfix_field_pen", Desc: "PEN", Kind: FieldUint, Bits: 32},
		{Name: "cflow.template_ipfix_total_field_count", Desc: "Total Field Count", Kind: FieldUint, Bits: 16},
		{Name: "cflow.template_ipfix_scope_field_count", Desc: "Scope Field Count", Kind: FieldUint, Bits: 16},
		{Name: "cflow.option_scope_length", Desc: "Option Scope Length", Kind: FieldUint, Bits: 16},
		{Name: "cflow.option_length", Desc: "Option Length", Kind: FieldUint, Bits: 16},
		{Name: "cflow.scope_field_type", Desc: "Scope Type", Kind: FieldUint, Bits: 16},
		{Name: "cflow.template_frame", Desc: "Template Frame", Kind: FieldUint, Bits: 32},
		{Name: "cflow.no_template_found", Desc: "No template found", Kind: FieldLabel},
		{Name: "cflow.srcaddr", Desc: "SrcAddr", Kind: FieldIPv4},
		{Name: "cflow.dstaddr", Desc: "DstAddr", Kind: FieldIPv4},
		{Name: "cflow.nexthop", Desc: "NextHop", Kind: FieldIPv4},
		{Name: "cflow.srcaddrv6", Desc: "SrcAddr", Kind: FieldIPv6},
		{Name: "cflow.dstaddrv6", Desc: "DstAddr", Kind: FieldIPv6},
		{Name: "cflow.inputint", Desc: "InputInt", Kind: FieldUint, Bits: 32},
		{Name: "cflow.outputint", Desc: "OutputInt", Kind: FieldUint, Bits: 32},
		{Name: "cflow.packets", Desc: "Packets", Kind: FieldUint, Bits: 64},
		{Name: "cflow.octets", Desc: "Octets", Kind: FieldUint, Bits: 64},
		{Name: "cflow.timedelta", Desc: "Duration", Kind: FieldLabel},
		{Name: "cflow.timestart", Desc: "StartTime", Kind: FieldUint, Bits: 32},
		{Name: "cflow.timeend", Desc: "EndTime", Kind: FieldUint, Bits: 32},
		{Name: "cflow.srcport", Desc: "SrcPort", Kind: FieldUint, Bits: 16},
		{Name: "cflow.dstport", Desc: "DstPort", Kind: FieldUint, Bits: 16},
		{Name: "cflow.padding", Desc: "Padding", Kind: FieldBytes},
		{Name: "cflow.tcpflags", Desc: "TCP Flags", Kind: FieldUint, Bits: 8},
		{Name: "cflow.tcpflags.reserved", Desc: "Reserved", Kind: FieldUint, Bits: 8},
		{Name: "cflow.tcpflags.urg", Desc: "URG", Kind: FieldBool},
		{Name: "cflow.tcpflags.ack", Desc: "ACK", Kind: FieldBool},
		{Name: "cflow.tcpflags.psh", Desc: "PSH", Kind: FieldBool},
		{Name: "cflow.tcpflags.rst", Desc: "RST", Kind: FieldBool},
		{Name: "cflow.tcpflags.syn", Desc: "SYN", Kind: FieldBool},
		{Name: "cflow.tcpflags.fin", Desc: "FIN", Kind: FieldBool},
		{Name: "cflow.protocol", Desc: "Protocol", Kind: FieldUint, Bits: 8},
		{Name: "cflow.tos", Desc: "IP ToS", Kind: FieldUint, Bits: 8},
		{Name: "cflow.srcas", Desc: "SrcAS", Kind: FieldUint, Bits: 16},
		{Name: "cflow.dstas", Desc: "DstAS", Kind: FieldUint, Bits: 16},
		{Name: "cflow.srcmask", Desc: "SrcMask", Kind: FieldUint, Bits: 8},
		{Name: "cflow.dstmask", Desc: "DstMask", Kind: FieldUint, Bits: 8},
		{Name: "cflow.icmp_type_code_ipv4", Desc: "ICMP Type", Kind: FieldUint, Bits: 16},
		{Name: "cflow.icmp_ipv6_type", Desc: "IPv6 ICMP Type", Kind: FieldUint, Bits: 8},
		{Name: "cflow.icmp_ipv6_code", Desc: "IPv6 ICMP Code", Kind: FieldUint, Bits: 8},
		{Name: "cflow.ip_version", Desc: "IPVersion", Kind: FieldUint, Bits: 8},
		{Name: "cflow.direction", Desc: "Direction", Kind: FieldUint, Bits: 8},
		{Name: "cflow.flow_end_reason", Desc: "Flow End Reason", Kind: FieldUint, Bits: 8},
		{Name: "cflow.if_name", Desc: "IfName", Kind: FieldString},
		{Name: "cflow.scope_interface", Desc: "ScopeInterface", Kind: FieldUint, Bits: 32},
		{Name: "cflow.sampling_interval", Desc: "Sampling interval", Kind: FieldUint, Bits: 32},
		{Name: "cflow.sampling_algorithm", Desc: "Sampling algorithm", Kind: FieldUint, Bits: 8},
		{Name: "cflow.mp_id", Desc: "Metering Process Id", Kind: FieldUint, Bits: 32},
		{Name: "cflow.sys_init_time", Desc: "System Init Time", Kind: FieldUint, Bits: 64},
		{Name: "cflow.selector_algorithm", Desc: "Selector Algorithm", Kind: FieldUint, Bits: 16},
		{Name: "cflow.sampling_packet_interval", Desc: "Sampling Packet Interval", Kind: FieldUint, Bits: 32},
		{Name: "cflow.sampling_packet_space", Desc: "Sampling Packet Space", Kind: FieldUint, Bits: 32},
	},
}

func init() {
	RegisterUDP(cflowDissector, cflowPortNetFlow, cflowPortNetFlow2, cflowPortIPFIX)
}
