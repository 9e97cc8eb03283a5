package decode

import (
	"fmt"
	"strings"
)

// UDS, Unified Diagnostic Services (ISO 14229-1), as packet-uds.c in tshark
// 4.0 shows the user data of a DoIP diagnostic message: Protocol "UDS",
// Info "Request" or "Reply" padded to 7, three spaces, the service padded
// to 36 ("Request   Diagnostic Session Control             Extended
// Diagnostic Session"), then what packet-uds.c appends for the services it
// reads (session and reset types, data identifiers and records, security
// access levels with seeds and keys, routine control, download requests,
// transfer data counters, I/O control, DTC reports and settings, tester
// present, negative responses with the refused service and the code);
// "[Malformed Packet]" where a field runs past the data. Names are
// uds_names.go's, from tshark -G values. Reached only through DoIP: no
// ISO-TP or CAN here.

var udsFields = []FieldDef{
	{Name: "uds", Desc: "Unified Diagnostic Services", Kind: FieldProto},
	{Name: "uds.sid", Desc: "Service Identifier", Kind: FieldUint, Bits: 8},
	{Name: "uds.reply", Desc: "Reply Flag", Kind: FieldUint, Bits: 8},
	{Name: "uds.dsc.type", Desc: "Type", Kind: FieldUint, Bits: 8},
	{Name: "uds.dsc.parameter_record", Desc: "Parameter Record", Kind: FieldBytes},
	{Name: "uds.er.type", Desc: "Type", Kind: FieldUint, Bits: 8},
	{Name: "uds.rdtci.type", Desc: "Type", Kind: FieldUint, Bits: 8},
	{Name: "uds.rdtci.record", Desc: "Record", Kind: FieldBytes},
	{Name: "uds.rdbi.data_identifier", Desc: "Data Identifier", Kind: FieldUint, Bits: 16},
	{Name: "uds.rdbi.data_record", Desc: "Data Record", Kind: FieldBytes},
	{Name: "uds.sa.type", Desc: "Type", Kind: FieldUint, Bits: 8},
	{Name: "uds.sa.key", Desc: "Key", Kind: FieldBytes},
	{Name: "uds.sa.seed", Desc: "Seed", Kind: FieldBytes},
	{Name: "uds.wdbi.data_identifier", Desc: "Data Identifier", Kind: FieldUint, Bits: 16},
	{Name: "uds.wdbi.data_record", Desc: "Data Record", Kind: FieldBytes},
	{Name: "uds.iocbi.data_identifier", Desc: "Data Identifier", Kind: FieldUint, Bits: 16},
	{Name: "uds.iocbi.parameter", Desc: "Parameter", Kind: FieldUint, Bits: 8},
	{Name: "uds.iocbi.state", Desc: "State", Kind: FieldBytes},
	{Name: "uds.rc.type", Desc: "Type", Kind: FieldUint, Bits: 8},
	{Name: "uds.rc.identifier", Desc: "Identifier", Kind: FieldUint, Bits: 16},
	{Name: "uds.rc.option_record", Desc: "Option record", Kind: FieldBytes},
	{Name: "uds.rc.info", Desc: "Info", Kind: FieldUint, Bits: 8},
	{Name: "uds.rc.status_record", Desc: "Status Record", Kind: FieldBytes},
	{Name: "uds.td.block_sequence_counter", Desc: "Block Sequence Counter", Kind: FieldUint, Bits: 8},
	{Name: "uds.tp.suppress_reply", Desc: "Suppress reply", Kind: FieldUint, Bits: 8},
	{Name: "uds.tp.suppress_reply.indification", Desc: "Suppress reply", Kind: FieldBool},
	{Name: "uds.err.sid", Desc: "Service Identifier", Kind: FieldUint, Bits: 8},
	{Name: "uds.err.code", Desc: "Code", Kind: FieldUint, Bits: 8},
	{Name: "uds.cdtcs.type", Desc: "Type", Kind: FieldUint, Bits: 8},
}

func init() { doip.Fields = append(doip.Fields, udsFields...) }

var udsSATypes = map[uint32]string{1: "Request Seed", 2: "Send Key", 3: "Request Seed", 4: "Send Key"}

func udsName(m map[uint32]string, v uint32) string {
	if s, ok := m[v]; ok {
		return s
	}
	return fmt.Sprintf("Unknown (0x%02x)", v)
}

// udsLabel is a value_string line: "What: Name (0x10)", "What: Unknown (0xba)".
func udsLabel(what string, m map[uint32]string, v uint32) string {
	if s, ok := m[v]; ok {
		return fmt.Sprintf("%s: %s (0x%02x)", what, s, v)
	}
	return fmt.Sprintf("%s: Unknown (0x%02x)", what, v)
}

// udsBytes is tvb_bytes_to_str_punct with a space: "00 32 01 f4".
func udsBytes(b []byte) string {
	var s strings.Builder
	for i, c := range b {
		if i > 0 {
			s.WriteByte(' ')
		}
		fmt.Fprintf(&s, "%02x", c)
	}
	return s.String()
}

func udsUintN(b []byte) uint64 {
	var v uint64
	for _, c := range b {
		v = v<<8 | uint64(c)
	}
	return v
}

// dissectUDS reads one UDS message b lying at base in the PDU; src and dst
// are the DoIP addresses that carried it.
func dissectUDS(b []byte, base int, src, dst uint16, out *Out) {
	out.SetProto("UDS")
	out.SetInfo("")
	f := Field{Name: "uds", Label: fmt.Sprintf("Unified Diagnostic Services, Source: 0x%04x, Target: 0x%04x", src, dst), Start: base, Len: len(b), Kind: FieldProto}
	if len(b) == 0 {
		out.AppendInfo("", malformedMark)
		return // tshark's exception comes before its tree
	}
	sid := b[0]
	svc := uint32(sid & 0xbf)
	reply := sid&0x40 != 0
	svcName := udsName(udsServices, svc)
	dir := "Request"
	if reply {
		dir = "Reply"
	}
	out.SetInfo(fmt.Sprintf("%-7s   %-36s", dir, svcName))
	f.Children = append(f.Children,
		UintField("uds.sid", bitString(uint32(sid), 8, 0xbf)+" = "+udsLabel("Service Identifier", udsServices, svc), base, 1, uint64(svc)),
		UintField("uds.reply", fmt.Sprintf("%s = Reply Flag: 0x%x", bitString(uint32(sid), 8, 0x40), sid>>6&1), base, 1, uint64(sid>>6&1)))
	sub := Field{Label: svcName, Start: base, Len: len(b)}
	bad := false
	need := func(at, n int) bool {
		if bad || at+n > len(b) {
			bad = true
			return false
		}
		return true
	}
	info := func(s string) {
		if !bad {
			out.AppendInfo("", s)
		}
	}
	add := func(x Field) {
		x.Start += base
		sub.Children = append(sub.Children, x)
	}
	enum := func(name string, m map[uint32]string, at int) (uint32, bool) {
		if !need(at, 1) {
			return 0, false
		}
		v := uint32(b[at])
		label := fmt.Sprintf("Type: 0x%02x", v)
		if m != nil {
			label = fmt.Sprintf("Type: %s (0x%02x)", udsName(m, v), v)
			if _, ok := m[v]; !ok {
				label = fmt.Sprintf("Type: Unknown (0x%02x)", v)
			}
		}
		add(UintField(name, label, at, 1, uint64(v)))
		return v, true
	}
	id16 := func(name string, at int) (uint32, bool) {
		if !need(at, 2) {
			return 0, false
		}
		v := uint32(b[at])<<8 | uint32(b[at+1])
		add(UintField(name, fmt.Sprintf("Data Identifier: 0x%04x", v), at, 2, uint64(v)))
		return v, true
	}
	bytesField := func(name, what string, at int) []byte {
		if at > len(b) {
			bad = true
			return nil
		}
		r := b[at:]
		label := fmt.Sprintf("%s: %x", what, r)
		if len(r) == 0 {
			label = what + ": <MISSING>" // proto_tree_add_item of no bytes
		}
		add(Field{Name: name, Label: label, Start: at, Len: len(r), Kind: FieldBytes, Str: string(r)})
		return r
	}
	handled := true
	switch svc {
	case 0x10: // DSC
		if v, ok := enum("uds.dsc.type", udsDSCTypes, 1); ok {
			info("   " + udsName(udsDSCTypes, v))
			if reply {
				if r := bytesField("uds.dsc.parameter_record", "Parameter Record", 2); len(r) > 0 {
					info("   " + udsBytes(r))
				}
			}
		}
	case 0x11: // ER
		if v, ok := enum("uds.er.type", udsERTypes, 1); ok {
			info("   " + udsName(udsERTypes, v))
		}
	case 0x19: // RDTCI
		if v, ok := enum("uds.rdtci.type", udsRDTCITypes, 1); ok {
			r := bytesField("uds.rdtci.record", "Record", 2)
			info(fmt.Sprintf("   %s    %s", udsName(udsRDTCITypes, v), udsBytes(r)))
		}
	case 0x22: // RDBI
		if reply {
			if v, ok := id16("uds.rdbi.data_identifier", 1); ok {
				r := bytesField("uds.rdbi.data_record", "Data Record", 3)
				info(fmt.Sprintf("   0x%04x   %s", v, udsBytes(r)))
			}
		} else {
			for at := 1; at < len(b); at += 2 {
				v, ok := id16("uds.rdbi.data_identifier", at)
				if !ok {
					break
				}
				info(fmt.Sprintf("   0x%04x", v))
			}
		}
	case 0x27: // SA
		if v, ok := enum("uds.sa.type", nil, 1); ok {
			info("   " + udsName(udsSATypes, v))
			if len(b) > 2 {
				if reply {
					info("   " + udsBytes(bytesField("uds.sa.seed", "Seed", 2)))
				} else {
					info("   " + udsBytes(bytesField("uds.sa.key", "Key", 2)))
				}
			}
		}
	case 0x2e: // WDBI
		if v, ok := id16("uds.wdbi.data_identifier", 1); ok {
			if reply {
				info(fmt.Sprintf("   0x%04x", v))
			} else {
				r := bytesField("uds.wdbi.data_record", "Data Record", 3)
				info(fmt.Sprintf("   0x%04x   %s", v, udsBytes(r)))
			}
		}
	case 0x2f: // IOCBI
		v, ok := id16("uds.iocbi.data_identifier", 1)
		if ok && need(3, 1) {
			p := uint32(b[3])
			add(UintField("uds.iocbi.parameter", udsLabel("Parameter", udsIOCBIParameters, p), 3, 1, uint64(p)))
			r := bytesField("uds.iocbi.state", "State", 4)
			info(fmt.Sprintf("   0x%04x  %s %s", v, udsName(udsIOCBIParameters, p), udsBytes(r)))
		}
	case 0x31: // RC
		t, ok := enum("uds.rc.type", udsRCTypes, 1)
		if ok && need(2, 2) {
			id := uint32(b[2])<<8 | uint32(b[3])
			add(UintField("uds.rc.identifier", fmt.Sprintf("Identifier: 0x%04x", id), 2, 2, uint64(id)))
			info(fmt.Sprintf("   %s 0x%04x", udsName(udsRCTypes, t), id))
			if reply {
				if len(b) > 4 {
					add(UintField("uds.rc.info", fmt.Sprintf("Info: 0x%02x", b[4]), 4, 1, uint64(b[4])))
					info(fmt.Sprintf("   0x%x", b[4]))
					if len(b) > 5 {
						info("   " + udsBytes(bytesField("uds.rc.status_record", "Status Record", 5)))
					}
				}
			} else if len(b) > 4 {
				info("   " + udsBytes(bytesField("uds.rc.option_record", "Option record", 4)))
			}
		}
	case 0x34: // RD
		if reply {
			if need(1, 1) {
				n := int(b[1] >> 4)
				if need(2, n) {
					info(fmt.Sprintf("   Max Number Of Block Length 0x%x", udsUintN(b[2:2+n])))
				}
			}
		} else if need(1, 2) {
			dfi, alfi := b[1], b[2]
			sizeLen, addrLen := int(alfi>>4), int(alfi&15)
			if need(3, addrLen) && need(3+addrLen, sizeLen) {
				a := udsUintN(b[3 : 3+addrLen])
				sz := udsUintN(b[3+addrLen : 3+addrLen+sizeLen])
				info(fmt.Sprintf("   0x%x bytes at 0x%x", sz, a))
				info(fmt.Sprintf("   (Compression:0x%x Encrypting:0x%x)", dfi>>4, dfi&15))
			}
		}
	case 0x36: // TD
		if need(1, 1) {
			add(UintField("uds.td.block_sequence_counter", fmt.Sprintf("Block Sequence Counter: %d", b[1]), 1, 1, uint64(b[1])))
			info(fmt.Sprintf("   Block Sequence Counter %d", b[1]))
		}
	case 0x3e: // TP
		if need(1, 1) {
			sf := b[1]
			add(UintField("uds.tp.suppress_reply", fmt.Sprintf("%s = Suppress reply: 0x%02x", bitString(uint32(sf), 8, 0x7f), sf&0x7f), 1, 1, uint64(sf&0x7f)))
			info(fmt.Sprintf("   Sub-function %x", sf&0x7f))
			if !reply {
				set := "False"
				if sf&0x80 != 0 {
					set = "True"
				}
				add(Field{Name: "uds.tp.suppress_reply.indification", Label: fmt.Sprintf("%s = Suppress reply: %s", bitString(uint32(sf), 8, 0x80), set), Start: 1, Len: 1, Kind: FieldBool, Num: uint64(sf >> 7)})
				if sf&0x80 != 0 {
					info("   (Reply suppressed)")
				}
			}
		}
	case 0x3f: // negative response
		if need(1, 1) {
			s := uint32(b[1])
			add(UintField("uds.err.sid", udsLabel("Service Identifier", udsServices, s), 1, 1, uint64(s)))
			info("   " + udsName(udsServices, s))
			if need(2, 1) {
				c := uint32(b[2])
				add(UintField("uds.err.code", udsLabel("Code", udsResponseCodes, c), 2, 1, uint64(c)))
				info(fmt.Sprintf(" (SID: %s)", udsName(udsResponseCodes, c)))
			}
		}
	case 0x85: // CDTCS
		if v, ok := enum("uds.cdtcs.type", udsCDTCSTypes, 1); ok {
			info("   " + udsName(udsCDTCSTypes, v))
		}
	default:
		handled = false
	}
	if bad {
		out.AppendInfo("", malformedMark)
	}
	if handled {
		f.Children = append(f.Children, sub)
	}
	out.Add(f)
}
