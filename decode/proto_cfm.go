package decode

import (
	"encoding/binary"
	"fmt"
)

// Connectivity Fault Management (IEEE 802.1ag, ITU-T Y.1731; EtherType
// 0x8902) as packet-cfm.c in Wireshark 4.0 shows it: Protocol "CFM", Info
// "Type " and the OpCode's name. The common header is followed by the
// OpCode's fixed part and then the TLVs, read from where the fixed part
// ended (not from the First TLV Offset) up to the End TLV. Wireshark 4.0
// steps over most TLVs by the bytes it read of them rather than by their
// length, and reads on past the frame when no End TLV comes: a frame whose
// bytes end first reads "[Malformed Packet]" after the Info text.

// etherCFM is CFM's EtherType.
const etherCFM EtherType = 0x8902

var cfmOpNames = map[byte]string{
	0x00: "Reserved for IEEE 802.1", 0x01: "Continuity Check Message (CCM)", 0x02: "Loopback Reply (LBR)",
	0x03: "Loopback Message (LBM)", 0x04: "Linktrace Reply (LTR)", 0x05: "Linktrace Message (LTM)",
	0x20: "Generic Notification Message (GNM)", 0x21: "Alarm Indication Signal (AIS)", 0x23: "Lock Signal (LCK)",
	0x25: "Test Signal (TST)", 0x27: "Automatic Protection Switching (APS)",
	0x28: "Ring-Automatic Protection Switching (R-APS)", 0x29: "Maintenance Communication Channel (MCC)",
	0x2b: "Loss Measurement Message (LMM)", 0x2a: "Loss Measurement Reply (LMR)",
	0x2d: "One Way Delay Measurement (1DM)", 0x2f: "Delay Measurement Message (DMM)",
	0x2e: "Delay Measurement Reply (DMR)", 0x31: "Experimental OAM Message (EXM)",
	0x30: "Experimental OAM Reply (EXR)", 0x33: "Vendor Specific Message (VSM)", 0x32: "Vendor Specific Reply (VSR)",
	0x34: "Client Signal Fail (CSF)", 0x35: "One Way Synthetic Loss Measurement (1SL)",
	0x37: "Synthetic Loss Message (SLM)", 0x36: "Synthetic Loss Reply (SLR)",
}

// cfmPDUs are the PDU subtrees' filter names and labels by OpCode.
var cfmPDUs = map[byte][2]string{
	0x01: {"cfm.ccm.pdu", "CFM CCM PDU"}, 0x02: {"cfm.lbr.pdu", "CFM LBR PDU"}, 0x03: {"cfm.lbm.pdu", "CFM LBM PDU"},
	0x04: {"cfm.ltr.pdu", "CFM LTR PDU"}, 0x05: {"cfm.ltm.pdu", "CFM LTM PDU"}, 0x20: {"cfm.gnm.pdu", "CFM GNM PDU"},
	0x21: {"cfm.ais.pdu", "CFM AIS PDU"}, 0x23: {"cfm.lck.pdu", "CFM LCK PDU"}, 0x25: {"cfm.tst.pdu", "CFM TST PDU"},
	0x27: {"cfm.aps.pdu", "CFM APS PDU"}, 0x28: {"cfm.raps.pdu", "CFM R-APS PDU"}, 0x29: {"cfm.mcc.pdu", "CFM MCC PDU"},
	0x2b: {"cfm.lmm.pdu", "CFM LMM PDU"}, 0x2a: {"cfm.lmr.pdu", "CFM LMR PDU"}, 0x2d: {"cfm.odm.pdu", "CFM 1DM PDU"},
	0x2f: {"cfm.dmm.pdu", "CFM DMM PDU"}, 0x2e: {"cfm.dmr.pdu", "CFM DMR PDU"}, 0x31: {"cfm.exm.pdu", "CFM EXM PDU"},
	0x30: {"cfm.exr.pdu", "CFM EXR PDU"}, 0x33: {"cfm.vsm.pdu", "CFM VSM PDU"}, 0x32: {"cfm.vsr.pdu", "CFM VSR PDU"},
	0x34: {"cfm.csf.pdu", "CFM CSF PDU"}, 0x35: {"cfm.osf.pdu", "CFM 1SL PDU"}, 0x37: {"cfm.slm.pdu", "CFM SLM PDU"},
	0x36: {"cfm.slr.pdu", "CFM SLR PDU"},
}

var cfmTLVNames = map[byte]string{
	0: "End TLV", 1: "Sender ID TLV", 2: "Port Status TLV", 3: "Data TLV", 4: "Interface Status TLV",
	5: "Reply Ingress TLV", 6: "Reply Egress TLV", 7: "LTM Egress Identifier TLV", 8: "LTR Egress Identifier TLV",
	31: "Organizational-Specific TLV", 32: "Test TLV",
}

func cfmOpName(op byte) string {
	if n, ok := cfmOpNames[op]; ok {
		return n
	}
	return fmt.Sprintf("Unknown (0x%02x)", op)
}

// cfmVal names v from names, or "Unknown".
func cfmVal(names map[int]string, v int) string {
	if n, ok := names[v]; ok {
		return n
	}
	return "Unknown"
}

var (
	cfmCCMIntervals = map[int]string{0: "invalid", 1: "Trans Int 3.33ms, max Lifetime 11.66ms, min Lifetime 10.83ms",
		2: "Trans Int 10ms, max Lifetime 35ms, min Lifetime 32.5ms", 3: "Trans Int 100ms, max Lifetime 350ms, min Lifetime 325ms",
		4: "Trans Int 1s, max Lifetime 3.5s, min Lifetime 3.25s", 5: "Trans Int 10s, max Lifetime 35s, min Lifetime 32.5s",
		6: "Trans Int 1min, max Lifetime 3.5min, min Lifetime 3.25min", 7: "Trans Int 10min, max Lifetime 35min, min Lifetime 32.5min"}
	cfmMDFormats = map[int]string{1: "No Maintenance Domain Name present", 2: "RFC1035 DNS Name",
		3: "MAC address + 2-octet integer", 4: "Character String"}
	cfmMAFormats = map[int]string{1: "Primary VID", 2: "Character String", 3: "2-octet integer", 4: "RFC 2685 VPN ID",
		32: "ICC-based Format"}
	cfmRelayActions = map[int]string{1: "RlyHit", 2: "RlyFDB", 3: "RlyMPDB"}
	cfmAISPeriods   = map[int]string{0: "Invalid Value for AIS/LCK PDU's", 1: "Invalid Value for AIS/LCK PDU's",
		2: "Invalid Value for AIS/LCK PDU's", 3: "Invalid Value for AIS/LCK PDU's", 4: "1 frame per second",
		5: "Invalid Value for AIS/LCK PDU's", 6: "1 frame per minute", 7: "Invalid Value for AIS/LCK PDU's"}
	cfmAPSStates = map[int]string{0: "No request", 1: "Do not revert", 2: "Reverse request", 3: "Unknown", 4: "Exercise",
		5: "Wait to restore", 6: "Depreciated", 7: "Manual switch", 8: "Unknown", 9: "Signal degrade", 10: "Unknown",
		11: "Signal fail for working", 12: "Unknown", 13: "Forced switch", 14: "Signal fail on protection",
		15: "Lockout of protection"}
	cfmRAPSStates   = map[int]string{0: "No Request", 11: "Signal Failure", 14: "Event"}
	cfmSignals      = map[int]string{0: "Null", 1: "Normal traffic"}
	cfmCSFTypes     = map[int]string{0: "LOS", 1: "FDI/AIS", 2: "RDI", 3: "DCI"}
	cfmCSFPeriods   = map[int]string{0: "Invalid", 1: "For further study", 2: "For further study", 3: "For further study", 4: "1s", 5: "For further study", 6: "1 min", 7: "For further study"}
	cfmPortStatus   = map[int]string{1: "psBlocked", 2: "psUp"}
	cfmIfStatus     = map[int]string{1: "isUp", 2: "isDown", 3: "isTesting", 4: "isUnknown", 5: "isDormant", 6: "isNotPresent", 7: "isLowerLayerDown"}
	cfmIngress      = map[int]string{1: "IngOK", 2: "IngDown", 3: "IngBlocked", 4: "IngVID"}
	cfmEgress       = map[int]string{1: "EgrOK", 2: "EgrDown", 3: "EgrBlocked", 4: "EgrVID"}
	cfmTestPatterns = map[int]string{0: "Null signal without CRC-32", 1: "Null signal with CRC-32",
		2: "PRBS (2.e-31 -1), without CRC-32", 3: "PRBS (2.e-31 -1), with CRC-32"}
)

// cfmReader reads a CFM PDU as packet-cfm.c does, noting when a read runs
// past the bytes (Wireshark's exception).
type cfmReader struct {
	b   []byte
	bad bool
}

func (r *cfmReader) has(off, n int) bool {
	if r.bad || off < 0 || n < 0 || off+n > len(r.b) {
		r.bad = true
		return false
	}
	return true
}

func (r *cfmReader) u8(off int) int { return int(r.b[off]) }
func (r *cfmReader) u16(off int) int {
	return int(binary.BigEndian.Uint16(r.b[off:]))
}
func (r *cfmReader) u32(off int) uint32 { return binary.BigEndian.Uint32(r.b[off:]) }

// uint adds an unsigned field of n bytes at off (label from format with
// the value), false when the bytes are not there.
func (r *cfmReader) uint(fs *[]Field, name string, off, n int, format string) bool {
	if !r.has(off, n) {
		return false
	}
	var v uint64
	for _, c := range r.b[off : off+n] {
		v = v<<8 | uint64(c)
	}
	*fs = append(*fs, UintField(name, fmt.Sprintf(format, v), off, n, v))
	return true
}

// hex adds n bytes at off as a bytes field shown in hex.
func (r *cfmReader) hex(fs *[]Field, name, label string, off, n int) bool {
	if !r.has(off, n) {
		return false
	}
	v := r.b[off : off+n]
	*fs = append(*fs, Field{Name: name, Label: fmt.Sprintf("%s: %x", label, v), Start: off, Len: n, Kind: FieldBytes, Str: string(v)})
	return true
}

// str adds n bytes at off as text.
func (r *cfmReader) str(fs *[]Field, name, label string, off, n int) bool {
	if !r.has(off, n) {
		return false
	}
	s := string(r.b[off : off+n])
	*fs = append(*fs, StrField(name, label+": "+Printable(s), off, n, s))
	return true
}

// mac adds a 6-byte MAC address at off.
func (r *cfmReader) mac(fs *[]Field, name, label string, off int) bool {
	if !r.has(off, 6) {
		return false
	}
	m := r.b[off : off+6]
	*fs = append(*fs, Field{Name: name, Label: label + ": " + macString(m), Start: off, Len: 6, Kind: FieldEther, Num: mac48(m)})
	return true
}

// bits adds a field of the byte at off under mask, its value shown by
// show.
func (r *cfmReader) bits(fs *[]Field, name string, off int, mask uint32, show func(v uint32) string) {
	v := uint32(r.b[off])
	sh := 0
	for mask>>sh&1 == 0 {
		sh++
	}
	*fs = append(*fs, UintField(name, bitString(v, 8, mask)+" = "+show((v&mask)>>sh), off, 1, uint64((v&mask)>>sh)))
}

func cfmOUI(v uint64) string {
	s := fmt.Sprintf("OUI: %02x:%02x:%02x", v>>16, v>>8&0xff, v&0xff)
	if v == ptpOUIITUT {
		s += " (Itu-T)"
	}
	return s
}

var cfm = &Dissector{
	Name: "cfm",
	Dissect: func(p *PDU, out *Out) bool {
		b := p.Data
		out.SetProto("CFM")
		if len(b) < 2 {
			out.SetInfo(malformedMark)
			return true
		}
		op := b[1]
		out.SetInfo("Type " + cfmOpName(op))
		tree, bad := cfmTree(b)
		if bad {
			out.AppendInfo("", malformedMark)
		}
		if out.WantTree {
			out.Add(tree)
		}
		return true
	},
	Fields: []FieldDef{
		{Name: "cfm.md.level", Desc: "CFM MD Level", Kind: FieldUint, Bits: 8},
		{Name: "cfm.version", Desc: "CFM Version", Kind: FieldUint, Bits: 8},
		{Name: "cfm.opcode", Desc: "CFM OpCode", Kind: FieldUint, Bits: 8},
		{Name: "cfm.flags", Desc: "Flags", Kind: FieldUint, Bits: 8},
		{Name: "cfm.flags.rdi", Desc: "RDI", Kind: FieldUint, Bits: 8},
		{Name: "cfm.flags.interval", Desc: "Interval Field", Kind: FieldUint, Bits: 8},
		{Name: "cfm.first.tlv.offset", Desc: "First TLV Offset", Kind: FieldUint, Bits: 8},
		{Name: "cfm.ccm.pdu", Kind: FieldProto}, {Name: "cfm.lbm.pdu", Kind: FieldProto}, {Name: "cfm.lbr.pdu", Kind: FieldProto},
		{Name: "cfm.ltm.pdu", Kind: FieldProto}, {Name: "cfm.ltr.pdu", Kind: FieldProto}, {Name: "cfm.ais.pdu", Kind: FieldProto},
		{Name: "cfm.lck.pdu", Kind: FieldProto}, {Name: "cfm.tst.pdu", Kind: FieldProto}, {Name: "cfm.aps.pdu", Kind: FieldProto},
		{Name: "cfm.raps.pdu", Kind: FieldProto}, {Name: "cfm.mcc.pdu", Kind: FieldProto}, {Name: "cfm.lmm.pdu", Kind: FieldProto},
		{Name: "cfm.lmr.pdu", Kind: FieldProto}, {Name: "cfm.odm.pdu", Kind: FieldProto}, {Name: "cfm.dmm.pdu", Kind: FieldProto},
		{Name: "cfm.dmr.pdu", Kind: FieldProto}, {Name: "cfm.exm.pdu", Kind: FieldProto}, {Name: "cfm.exr.pdu", Kind: FieldProto},
		{Name: "cfm.vsm.pdu", Kind: FieldProto}, {Name: "cfm.vsr.pdu", Kind: FieldProto}, {Name: "cfm.csf.pdu", Kind: FieldProto},
		{Name: "cfm.osf.pdu", Kind: FieldProto}, {Name: "cfm.slm.pdu", Kind: FieldProto}, {Name: "cfm.slr.pdu", Kind: FieldProto},
		{Name: "cfm.gnm.pdu", Kind: FieldProto}, {Name: "cfm.gnm.bnm.pdu", Kind: FieldProto},
		{Name: "cfm.ccm.seq.num", Desc: "CCM sequence number", Kind: FieldUint, Bits: 32},
		{Name: "cfm.ccm.ma.ep.id", Desc: "Maintenance Association End Point Identifier", Kind: FieldUint, Bits: 16},
		{Name: "cfm.ccm.maid", Kind: FieldProto},
		{Name: "cfm.maid.md.name.format", Desc: "MD Name Format", Kind: FieldUint, Bits: 8},
		{Name: "cfm.maid.md.name.length", Desc: "MD Name Length", Kind: FieldUint, Bits: 8},
		{Name: "cfm.maid.md.name.string", Desc: "MD Name (String)", Kind: FieldString},
		{Name: "cfm.maid.md.name.hex", Desc: "MD Name", Kind: FieldBytes},
		{Name: "cfm.maid.md.name.mac", Desc: "MD Name (MAC)", Kind: FieldEther},
		{Name: "cfm.maid.md.name.mac.id", Desc: "MD Name (MAC) integer", Kind: FieldBytes},
		{Name: "cfm.maid.ma.name.format", Desc: "Short MA Name (MEG ID) Format", Kind: FieldUint, Bits: 8},
		{Name: "cfm.maid.ma.name.length", Desc: "Short MA Name (MEG ID) Length", Kind: FieldUint, Bits: 8},
		{Name: "cfm.maid.ma.name.string", Desc: "Short MA Name", Kind: FieldString},
		{Name: "cfm.maid.ma.name.hex", Desc: "Short MA Name (bytes)", Kind: FieldBytes},
		{Name: "cfm.lb.transaction.id", Desc: "Loopback Transaction Identifier", Kind: FieldUint, Bits: 32},
		{Name: "cfm.lt.transaction.id", Desc: "Linktrace Transaction Identifier", Kind: FieldUint, Bits: 32},
		{Name: "cfm.lt.ttl", Desc: "Linktrace TTL", Kind: FieldUint, Bits: 8},
		{Name: "cfm.ltm.orig.addr", Desc: "Linktrace Message: Original Address", Kind: FieldEther},
		{Name: "cfm.ltm.targ.addr", Desc: "Linktrace Message: Target Address", Kind: FieldEther},
		{Name: "cfm.ltr.relay.action", Desc: "Linktrace Reply Relay Action", Kind: FieldUint, Bits: 8},
		{Name: "cfm.tst.sequence.num", Desc: "TST sequence number", Kind: FieldUint, Bits: 32},
		{Name: "cfm.raps.node.id", Desc: "R-APS Node ID", Kind: FieldEther},
		{Name: "cfm.slm.src_mep_id", Desc: "Source MEP ID", Kind: FieldUint, Bits: 16},
		{Name: "cfm.slr.rsp_mep_id", Desc: "Responder MEP ID", Kind: FieldUint, Bits: 16},
		{Name: "cfm.slm.txfcf", Desc: "TxFcF", Kind: FieldUint, Bits: 32},
		{Name: "cfm.slr.txfcb", Desc: "TxFcB", Kind: FieldUint, Bits: 32},
		{Name: "cfm.all.tlvs", Kind: FieldProto},
		{Name: "cfm.tlv.type", Desc: "TLV Type", Kind: FieldUint, Bits: 8},
		{Name: "cfm.tlv.length", Desc: "TLV Length", Kind: FieldUint, Bits: 16},
		{Name: "cfm.tlv.data.value", Desc: "Data Value", Kind: FieldBytes},
		{Name: "cfm.tlv.port.status.value", Desc: "Port Status value", Kind: FieldUint, Bits: 8},
		{Name: "cfm.tlv.port.interface.value", Desc: "Interface Status value", Kind: FieldUint, Bits: 8},
		{Name: "cfm.tlv.chassis.id", Desc: "Chassis ID", Kind: FieldBytes},
		{Name: "cfm.tlv.org.spec.oui", Desc: "OUI", Kind: FieldUint, Bits: 32},
		{Name: "cfm.tlv.tst.test.pattern.type", Desc: "Test Pattern Type", Kind: FieldUint, Bits: 8},
	},
}

func init() { RegisterEtherType(cfm, etherCFM) }

// cfmTree builds the CFM layer of b and says whether a read ran past its
// bytes.
func cfmTree(b []byte) (Field, bool) {
	r := &cfmReader{b: b}
	op := b[1]
	lv := uint32(b[0])
	top := Field{Name: "cfm", Label: "CFM EOAM 802.1ag/ITU Protocol, Type " + cfmOpName(op), Start: 0, Len: len(b), Kind: FieldProto}
	opLabel := fmt.Sprintf("CFM OpCode: %s (%d)", cfmOpNames[op], op)
	if _, ok := cfmOpNames[op]; !ok {
		opLabel = fmt.Sprintf("CFM OpCode: Unknown (%d)", op)
	}
	top.Children = []Field{
		UintField("cfm.md.level", fmt.Sprintf("%s = CFM MD Level: %d", bitString(lv, 8, 0xe0), lv>>5), 0, 1, uint64(lv>>5)),
		UintField("cfm.version", fmt.Sprintf("%s = CFM Version: %d", bitString(lv, 8, 0x1f), lv&0x1f), 0, 1, uint64(lv&0x1f)),
		UintField("cfm.opcode", opLabel, 1, 1, uint64(op)),
	}
	off := 2
	if names, ok := cfmPDUs[op]; ok {
		pdu := Field{Name: names[0], Label: names[1], Start: 2, Len: len(b) - 2, Kind: FieldProto}
		var extra []Field
		off, extra = cfmFixed(r, op, &pdu.Children)
		if len(r.b) > 2 {
			top.Children = append(top.Children, pdu)
		}
		top.Children = append(top.Children, extra...)
	}
	if !r.bad {
		top.Children = append(top.Children, cfmTLVs(r, off))
	}
	return top, r.bad
}

// cfmFixed reads an OpCode's flags, First TLV Offset and fixed part into
// fs, returning where they end and any layers tshark adds beside the PDU
// subtree (GNM's BNM PDU).
func cfmFixed(r *cfmReader, op byte, fs *[]Field) (int, []Field) {
	if !r.has(2, 1) {
		return 2, nil
	}
	fl := uint32(r.b[2])
	flags := UintField("cfm.flags", fmt.Sprintf("Flags: 0x%02x", fl), 2, 1, uint64(fl))
	var fk []Field
	switch op {
	case 0x01: // CCM
		r.bits(&fk, "cfm.flags.rdi", 2, 0x80, func(v uint32) string { return fmt.Sprintf("RDI: %d", v) })
		r.bits(&fk, "cfm.flags.ccm.reserved", 2, 0x78, func(v uint32) string { return fmt.Sprintf("Reserved: %d", v) })
		r.bits(&fk, "cfm.flags.interval", 2, 0x07, func(v uint32) string {
			return fmt.Sprintf("Interval Field: %s (%d)", cfmVal(cfmCCMIntervals, int(v)), v)
		})
	case 0x02, 0x03: // LBR, LBM: no flag lines
	case 0x05: // LTM
		r.bits(&fk, "cfm.flags.usefdbonly", 2, 0x80, func(v uint32) string { return fmt.Sprintf("UseFDBonly: %d", v) })
		r.bits(&fk, "cfm.flags.ltm.reserved", 2, 0x7f, func(v uint32) string { return fmt.Sprintf("Reserved: %d", v) })
	case 0x04: // LTR
		r.bits(&fk, "cfm.flags.usefdbonly", 2, 0x80, func(v uint32) string { return fmt.Sprintf("UseFDBonly: %d", v) })
		r.bits(&fk, "cfm.flags.fwdyes", 2, 0x40, func(v uint32) string { return fmt.Sprintf("FwdYes: %d", v) })
		r.bits(&fk, "cfm.flags.ltr.terminalmep", 2, 0x20, func(v uint32) string { return fmt.Sprintf("TerminalMEP: %d", v) })
		r.bits(&fk, "cfm.flags.ltr.reserved", 2, 0x1f, func(v uint32) string { return fmt.Sprintf("Reserved: %d", v) })
	case 0x20, 0x21, 0x23: // GNM, AIS, LCK
		r.bits(&fk, "cfm.flags.ais_lck_Reserved", 2, 0xf8, func(v uint32) string { return fmt.Sprintf("Reserved: %d", v) })
		r.bits(&fk, "cfm.flags.ais_lck_Period", 2, 0x07, func(v uint32) string {
			return fmt.Sprintf("Period: %s (%d)", cfmAISPeriods[int(v)], v)
		})
	case 0x34: // CSF
		r.bits(&fk, "cfm.csf.flags.Reserved", 2, 0xc0, func(v uint32) string { return fmt.Sprintf("Reserved: 0x%x", v) })
		r.bits(&fk, "cfm.csf.flags.Type", 2, 0x38, func(v uint32) string {
			return fmt.Sprintf("Type: %s (%d)", cfmVal(cfmCSFTypes, int(v)), v)
		})
		r.bits(&fk, "cfm.csf.flags.Period", 2, 0x07, func(v uint32) string {
			return fmt.Sprintf("Type: %s (%d)", cfmCSFPeriods[int(v)], v)
		})
	default:
		fk = append(fk, UintField("cfm.flags.reserved", fmt.Sprintf("Reserved: %d", fl), 2, 1, uint64(fl)))
	}
	flags.Children = fk
	*fs = append(*fs, flags)
	if !r.uint(fs, "cfm.first.tlv.offset", 3, 1, "First TLV Offset: %d") {
		return 4, nil
	}
	fto := int(r.b[3])
	off := 4
	u := func(name string, n int, format string) bool {
		ok := r.uint(fs, name, off, n, format)
		off += n
		return ok
	}
	h := func(name, label string, n int) bool {
		ok := r.hex(fs, name, label, off, n)
		off += n
		return ok
	}
	mep := func(name, label string) bool {
		if !r.has(off, 2) {
			return false
		}
		v := uint32(r.u16(off))
		*fs = append(*fs, UintField(name, fmt.Sprintf("%s = %s: %d", bitString(v, 16, 0x1fff), label, v&0x1fff), off, 2, uint64(v&0x1fff)))
		off += 2
		return true
	}
	switch op {
	case 0x01: // CCM
		_ = u("cfm.ccm.seq.num", 4, "Sequence Number: %d") && mep("cfm.ccm.ma.ep.id", "Maintenance Association End Point Identifier") &&
			cfmMAID(r, fs, off)
		off += 48
		if r.bad || !r.has(off, 16) {
			return off, nil
		}
		itu := Field{Name: "cfm.ccm.itu.t.y1731", Label: "Defined by ITU-T Y.1731", Start: off, Len: 16}
		for _, n := range [][2]string{{"cfm.itu.txfcf", "TxFCf"}, {"cfm.itu.rxfcb", "RxFCb"}, {"cfm.itu.txfcb", "TxFCb"}, {"cfm.itu.reserved", "Reserved"}} {
			r.hex(&itu.Children, n[0], n[1], off, 4)
			off += 4
		}
		*fs = append(*fs, itu)
	case 0x02, 0x03: // LBR, LBM
		u("cfm.lb.transaction.id", 4, "Loopback Transaction Identifier: %d")
	case 0x05: // LTM
		_ = u("cfm.lt.transaction.id", 4, "Linktrace Transaction Identifier: %d") && u("cfm.lt.ttl", 1, "Linktrace TTL: %d") &&
			r.mac(fs, "cfm.ltm.orig.addr", "Linktrace Message: Original Address", off) &&
			r.mac(fs, "cfm.ltm.targ.addr", "Linktrace Message:   Target Address", off+6)
		off += 12
	case 0x04: // LTR
		if u("cfm.lt.transaction.id", 4, "Linktrace Transaction Identifier: %d") && u("cfm.lt.ttl", 1, "Linktrace TTL: %d") && r.has(off, 1) {
			v := r.u8(off)
			*fs = append(*fs, UintField("cfm.ltr.relay.action", fmt.Sprintf("Linktrace Reply Relay Action: %s (%d)", cfmVal(cfmRelayActions, v), v), off, 1, uint64(v)))
		}
		off++
	case 0x20: // GNM
		if !r.has(off, 1) {
			return off, nil
		}
		sub := r.u8(off)
		name := "Unknown"
		if sub == 1 {
			name = "Bandwidth Notification Message"
		}
		*fs = append(*fs, UintField("cfm.gnm.subopcode", fmt.Sprintf("Sub-OpCode: %s (0x%02x)", name, sub), off, 1, uint64(sub)))
		off++
		if sub == 1 {
			bnm := Field{Name: "cfm.gnm.bnm.pdu", Label: "CFM GNM BNM PDU", Start: off, Len: len(r.b) - off, Kind: FieldProto}
			_ = r.uint(&bnm.Children, "cfm.gnm.bnm.nominal.bw", off, 4, "Nominal Bandwidth: %d") &&
				r.uint(&bnm.Children, "cfm.gnm.bnm.current.bw", off+4, 4, "Current Bandwidth: %d") &&
				r.uint(&bnm.Children, "cfm.gnm.bnm.port.id", off+8, 4, "Port ID: %d")
			return off + 12, []Field{bnm}
		}
	case 0x21, 0x23, 0x34: // AIS, LCK, CSF: flags only
	case 0x25: // TST
		u("cfm.tst.sequence.num", 4, "Sequence Number: %d")
	case 0x27: // APS
		if !r.has(off, 4) {
			return off, nil
		}
		r.bits(fs, "cfm.raps.req.st", off, 0xf0, func(v uint32) string {
			return fmt.Sprintf("Request/State: %s (%d)", cfmAPSStates[int(v)], v)
		})
		for _, t := range []struct {
			name, label, set, unset string
			mask                    uint32
		}{{"cfm.aps.protec.type.A", "Protection type A", "APS channel", "No APS channel", 0x08},
			{"cfm.aps.protec.type.B", "Protection type B", "1:1 (no permanent bridge)", "1+1 (permanent bridge)", 0x04},
			{"cfm.aps.protec.type.D", "Protection type D", "Bidirectional switching", "Unidirectional switching", 0x02},
			{"cfm.aps.protec.type.R", "Protection type R", "Revertive operation", "Non-revertive operation", 0x01}} {
			v := uint32(r.b[off])
			s, n := t.unset, 0
			if v&t.mask != 0 {
				s, n = t.set, 1
			}
			*fs = append(*fs, Field{Name: t.name, Label: fmt.Sprintf("%s = %s: %s", bitString(v, 8, t.mask), t.label, s), Start: off, Len: 1, Kind: FieldBool, Num: uint64(n)})
		}
		req, br := r.u8(off+1), r.u8(off+2)
		*fs = append(*fs, UintField("cfm.aps.req.sgnl", fmt.Sprintf("Requested signal: %s (0x%02x)", cfmVal(cfmSignals, req), req), off+1, 1, uint64(req)),
			UintField("cfm.aps.brdgd.sgnl", fmt.Sprintf("Bridged signal: %s (0x%02x)", cfmVal(cfmSignals, br), br), off+2, 1, uint64(br)))
		r.bits(fs, "cfm.aps.bridge.type", off+3, 0x80, func(v uint32) string {
			return fmt.Sprintf("Bridge type: %s (0x%x)", map[uint32]string{0: "Selector", 1: "Broadcast"}[v], v)
		})
		off += 4
	case 0x28: // R-APS
		if !r.has(off, 2) {
			return off, nil
		}
		r.bits(fs, "cfm.raps.req.st", off, 0xf0, func(v uint32) string {
			return fmt.Sprintf("Request/State: %s (0x%x)", cfmVal(cfmRAPSStates, int(v)), v)
		})
		v := uint32(r.b[off+1])
		rb, dnf := "Not Blocked", "May Flush DB"
		if v&0x80 != 0 {
			rb = "Blocked"
		}
		if v&0x40 != 0 {
			dnf = "Do Not Flush DB"
		}
		*fs = append(*fs, Field{Name: "cfm.raps.flags", Label: fmt.Sprintf("R-APS Flags: 0x%02x", v), Start: off + 1, Len: 1, Kind: FieldUint, Num: uint64(v), Children: []Field{
			{Name: "cfm.raps.flags.rb", Label: bitString(v, 8, 0x80) + " = RPL Blocked: " + rb, Start: off + 1, Len: 1, Kind: FieldBool, Num: uint64(v >> 7)},
			{Name: "cfm.raps.flags.dnf", Label: bitString(v, 8, 0x40) + " = Do Not Flush: " + dnf, Start: off + 1, Len: 1, Kind: FieldBool, Num: uint64(v >> 6 & 1)},
		}})
		off += 2
		_ = r.mac(fs, "cfm.raps.node.id", "R-APS Node ID", off) && r.hex(fs, "cfm.raps.reserved", "R-APS Reserved", off+6, 24)
		off += 30
	case 0x29, 0x31, 0x30, 0x33, 0x32: // MCC, EXM, EXR, VSM, VSR
		if !u("cfm.tlv.org.spec.oui", 3, "%d") {
			return off, nil
		}
		(*fs)[len(*fs)-1].Label = cfmOUI((*fs)[len(*fs)-1].Num)
		if !h("cfm.tlv.org.spec.subtype", "Sub-Type", 1) {
			return off, nil
		}
		if n := fto - 4; n > 0 {
			name, label := "cfm.mcc.data", "MCC data"
			switch op {
			case 0x31, 0x30:
				name, label = "cfm.exm_exr.data", "EXM/EXR data"
			case 0x33, 0x32:
				name, label = "cfm.vsm_vsr.data", "VSM/VSR data"
			}
			h(name, label, n)
		}
	case 0x2b, 0x2a: // LMM, LMR
		_ = h("cfm.lmm.lmr.txfcf", "TxFCf", 4) && h("cfm.lmm.lmr.rxfcf", "RxFCf", 4) && h("cfm.lmm.lmr.txfcb", "TxFCb", 4)
	case 0x2d: // 1DM
		_ = h("cfm.odm.dmm.dmr.txtimestampf", "TxTimestampf", 8) && h("cfm.odm.dmm.dmr.rxtimestampf", "RxTimestampf", 8)
	case 0x2f, 0x2e: // DMM, DMR
		_ = h("cfm.odm.dmm.dmr.txtimestampf", "TxTimestampf", 8) && h("cfm.odm.dmm.dmr.rxtimestampf", "RxTimestampf", 8) &&
			h("cfm.dmm.dmr.txtimestampb", "TxTimestampb", 8) && h("cfm.dmm.dmr.rxtimestampb", "RxTimestampb", 8)
	case 0x35: // 1SL
		_ = mep("cfm.osl.src_mep_id", "Source MEP ID") && h("cfm.osl.reserved", "1SL Reserved", 2) && h("cfm.osl.test_id", "TestID", 4) &&
			u("cfm.osl.txfcf", 4, "TxFcF: %d") && h("cfm.osl.reserved", "1SL Reserved", 4)
	case 0x37, 0x36: // SLM, SLR
		_ = mep("cfm.slm.src_mep_id", "Source MEP ID") && mep("cfm.slr.rsp_mep_id", "Responder MEP ID") && h("cfm.slm.test_id", "TestID", 4) &&
			u("cfm.slm.txfcf", 4, "TxFcF: %d") && u("cfm.slr.txfcb", 4, "TxFcB: %d")
	}
	return off, nil
}

// cfmMAID reads a CCM's 48-byte Maintenance Association Identifier at off.
func cfmMAID(r *cfmReader, fs *[]Field, off int) bool {
	if !r.has(off, 48) {
		return false
	}
	m := Field{Name: "cfm.ccm.maid", Label: "Maintenance Association Identifier (MEG ID)", Start: off, Len: 48, Kind: FieldProto}
	p := off
	mdf := r.u8(p)
	m.Children = append(m.Children, UintField("cfm.maid.md.name.format", fmt.Sprintf("MD Name Format: %s (%d)", cfmVal(cfmMDFormats, mdf), mdf), p, 1, uint64(mdf)))
	p++
	if mdf != 1 {
		n := r.u8(p)
		m.Children = append(m.Children, UintField("cfm.maid.md.name.length", fmt.Sprintf("MD Name Length: %d", n), p, 1, uint64(n)))
		p++
		switch mdf {
		case 2, 4:
			r.str(&m.Children, "cfm.maid.md.name.string", "MD Name (String)", p, n)
		case 3:
			_ = r.mac(&m.Children, "cfm.maid.md.name.mac", "MD Name (MAC)", p) && r.hex(&m.Children, "cfm.maid.md.name.mac.id", "MD Name (MAC)", p+6, 2)
		default:
			r.hex(&m.Children, "cfm.maid.md.name.hex", "MD Name", p, n)
		}
		p += n
	}
	if r.bad || !r.has(p, 2) {
		return false
	}
	maf, n := r.u8(p), r.u8(p+1)
	m.Children = append(m.Children,
		UintField("cfm.maid.ma.name.format", fmt.Sprintf("Short MA Name (MEG ID) Format: %s (%d)", cfmVal(cfmMAFormats, maf), maf), p, 1, uint64(maf)),
		UintField("cfm.maid.ma.name.length", fmt.Sprintf("Short MA Name (MEG ID) Length: %d", n), p+1, 1, uint64(n)))
	p += 2
	if maf == 2 || maf == 32 {
		r.str(&m.Children, "cfm.maid.ma.name.string", "Short MA Name", p, n)
	} else {
		r.hex(&m.Children, "cfm.maid.ma.name.hex", "Short MA Name", p, n)
	}
	p += n
	if r.bad {
		return false
	}
	if pad := off + 48 - p; pad > 0 {
		m.Children = append(m.Children, Field{Name: "cfm.ccm.maid.padding", Label: "Zero-Padding", Start: p, Len: pad})
	}
	*fs = append(*fs, m)
	return true
}

// cfmTLVs reads the TLVs from off to the End TLV.
func cfmTLVs(r *cfmReader, off int) Field {
	all := Field{Name: "cfm.all.tlvs", Label: "CFM TLVs", Start: off, Len: max(len(r.b)-off, 0), Kind: FieldProto}
	if off > len(r.b) {
		all.Start, all.Len = len(r.b), 0
	}
	for n := 0; n < 4096; n++ {
		if !r.has(off, 1) {
			return all
		}
		typ := r.u8(off)
		name, known := cfmTLVNames[byte(typ)]
		typeLabel := fmt.Sprintf("TLV Type: %s (%d)", name, typ)
		if !known {
			name, typeLabel = fmt.Sprintf("Unknown (0x%02x)", typ), fmt.Sprintf("TLV Type: Unknown (%d)", typ)
		}
		if typ == 0 {
			all.Children = append(all.Children, Field{Label: "TLV: End TLV (t=0,l=0)", Start: off, Len: 1, Children: []Field{
				UintField("cfm.tlv.type", typeLabel, off, 1, 0)}})
			return all
		}
		if !r.has(off+1, 2) {
			return all
		}
		l := r.u16(off + 1)
		if !r.has(off, l+3) {
			return all // tshark adds the TLV's subtree, all l+3 bytes, first
		}
		t := Field{Label: fmt.Sprintf("TLV: %s (t=%d,l=%d)", name, typ, l), Start: off, Len: l + 3, Children: []Field{
			UintField("cfm.tlv.type", typeLabel, off, 1, uint64(typ)),
			UintField("cfm.tlv.length", fmt.Sprintf("TLV Length: %d", l), off+1, 2, uint64(l)),
		}}
		off += 3
		if l > 0 {
			off = cfmTLVValue(r, &t.Children, typ, l, off)
		}
		all.Children = append(all.Children, t)
		if r.bad {
			return all
		}
	}
	r.bad = true
	return all
}

// cfmTLVValue reads the value of a TLV of type typ and length l at off and
// returns where tshark 4.0 goes on: after the bytes it read, which for
// several types is not where the length says the TLV ends.
func cfmTLVValue(r *cfmReader, fs *[]Field, typ, l, off int) int {
	named := func(name, label string, names map[int]string) int {
		if r.has(off, 1) {
			v := r.u8(off)
			*fs = append(*fs, UintField(name, fmt.Sprintf("%s: %s (%d)", label, cfmVal(names, v), v), off, 1, uint64(v)))
		}
		return off + 1
	}
	switch typ {
	case 1: // Sender ID
		if !r.uint(fs, "cfm.tlv.chassis.id.length", off, 1, "Chassis ID Length: %d") {
			return off
		}
		cl := r.u8(off)
		p := off + 1
		if cl > 0 {
			if !r.uint(fs, "cfm.tlv.chassis.id.subtype", p, 1, "Chassis ID Sub-type: %d") || !r.hex(fs, "cfm.tlv.chassis.id", "Chassis ID", p+1, cl) {
				return p
			}
			p += 1 + cl
		}
		if l > 2+cl {
			if !r.uint(fs, "cfm.tlv.ma.domain.length", p, 1, "Management Address Domain Length: %d") {
				return p
			}
			dl := r.u8(p)
			p++
			if dl > 0 {
				if !r.hex(fs, "cfm.tlv.ma.domain", "Management Address Domain", p, dl) {
					return p
				}
				p += dl
			}
			if l > 2+cl+1+dl {
				if !r.uint(fs, "cfm.tlv.management.addr.length", p, 1, "Management Address Length: %d") {
					return p
				}
				al := r.u8(p)
				p++
				if al > 0 {
					r.hex(fs, "cfm.tlv.management.addr", "Management Address", p, al)
					p += al
				}
			}
		}
		return p
	case 2:
		return named("cfm.tlv.port.status.value", "Port Status value", cfmPortStatus)
	case 4:
		return named("cfm.tlv.port.interface.value", "Interface Status value", cfmIfStatus)
	case 3:
		r.hex(fs, "cfm.tlv.data.value", "Data Value", off, l)
		return off + l
	case 5, 6:
		action, mac, label, names := "cfm.tlv.reply.ingress.action", "cfm.tlv.reply.ingress.mac.address", "Ingress", cfmIngress
		if typ == 6 {
			action, mac, label, names = "cfm.tlv.reply.egress.action", "cfm.tlv.reply.egress.mac.address", "Egress", cfmEgress
		}
		p := named(action, label+" Action", names)
		if r.bad || !r.mac(fs, mac, label+" MAC address", p) {
			return p
		}
		p += 6
		if l > 7 {
			if !r.uint(fs, "cfm.tlv.reply.ing.egr.portid.length", p, 1, "Chassis ID Length: %d") {
				return p
			}
			pl := r.u8(p)
			p++
			if pl > 0 {
				_ = r.uint(fs, "cfm.tlv.reply.ing.egr.portid.subtype", p, 1, "Chassis ID Sub-type: %d") &&
					r.hex(fs, "cfm.tlv.reply.ing.egr.portid", "Chassis ID", p+1, pl)
				p += 1 + pl
			}
		}
		return p
	case 7:
		_ = r.hex(fs, "cfm.tlv.ltm.egress.id.ui", "Egress Identifier - Unique Identifier", off, 2) &&
			r.mac(fs, "cfm.tlv.ltm.egress.id.mac", "Egress Identifier - MAC of LT Initiator/Responder", off+2)
		return off + 8
	case 8:
		_ = r.hex(fs, "cfm.tlv.ltr.egress.last.id.ui", "Last Egress Identifier - Unique Identifier", off, 2) &&
			r.mac(fs, "cfm.tlv.ltr.egress.last.id.mac", "Last Egress Identifier - MAC address", off+2) &&
			r.hex(fs, "cfm.tlv.ltr.egress.next.id.ui", "Next Egress Identifier - Unique Identifier", off+8, 2) &&
			r.mac(fs, "cfm.tlv.ltr.egress.next.id.mac", "Next Egress Identifier - MAC address", off+10)
		return off + 16
	case 31: // Organization-Specific
		if l > 3 {
			if !r.uint(fs, "cfm.tlv.org.spec.oui", off, 3, "%d") {
				return off
			}
			(*fs)[len(*fs)-1].Label = cfmOUI((*fs)[len(*fs)-1].Num)
			_ = r.hex(fs, "cfm.tlv.org.spec.subtype", "Sub-Type", off+3, 1) && (l == 4 || r.hex(fs, "cfm.tlv.org.spec.value", "Value", off+4, l-4))
		}
		return off + l
	case 32: // Test
		if !r.has(off, 1) {
			return off
		}
		pt := r.u8(off)
		*fs = append(*fs, UintField("cfm.tlv.tst.test.pattern.type", fmt.Sprintf("Test Pattern Type: %s (%d)", cfmVal(cfmTestPatterns, pt), pt), off, 1, uint64(pt)))
		p := off + 1
		n := l - 1
		crc := pt == 1 || pt == 3
		if crc {
			n = l - 5
		}
		if n >= 0 && !r.has(p, n) {
			return p
		}
		// a length too short for the CRC reads, as tshark 4.0 shows it,
		// as a pattern running to the end and a CRC before it
		shown := n
		if n < 0 {
			shown = len(r.b) - p
		}
		*fs = append(*fs, Field{Name: "cfm.tlv.tst.test.pattern", Label: "Test Pattern", Start: p, Len: shown})
		p += n
		if crc {
			if !r.hex(fs, "cfm.tlv.tst.crc32", "CRC-32", p, 4) {
				return p
			}
			p += 4
		}
		return p
	}
	return off + l
}
