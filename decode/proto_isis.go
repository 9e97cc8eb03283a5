package decode

import (
	"encoding/binary"
	"fmt"
	"net/netip"
	"strings"
)

// IS-IS, Intermediate System to Intermediate System (ISO 10589, RFC 1195):
// hellos, link-state PDUs and sequence-number PDUs carried over 802.2 LLC
// with SAP 0xfe (OSI network layer) and NLPID 0x83. Shown as packet-isis*.c
// of tshark 4.0 show them: Protocol "ISIS HELLO", "ISIS LSP", "ISIS CSNP"
// or "ISIS PSNP", Info "L1 HELLO, System-ID: 0000.0000.0001", "L2 LSP,
// LSP-ID: ..., Sequence: 0x..., Lifetime: ...s" and so on. Hand-written:
// gopacket has no IS-IS layer.

// nlpidISIS is IS-IS's network layer protocol identifier (ISO/TR 9577),
// the first byte of every IS-IS PDU.
const nlpidISIS = 0x83

// IS-IS PDU types (ISO 10589 §9).
const (
	isisL1Hello  = 15
	isisL2Hello  = 16
	isisP2PHello = 17
	isisL1LSP    = 18
	isisL2LSP    = 20
	isisL1CSNP   = 24
	isisL2CSNP   = 25
	isisL1PSNP   = 26
	isisL2PSNP   = 27
)

// Fixed header lengths (common header included) and TLV codes ladder
// decodes.
const (
	isisCommonLen      = 8
	isisLANHelloLen    = 27
	isisP2PHelloLen    = 20
	isisLSPLen         = 27
	isisCSNPLen        = 33
	isisPSNPLen        = 17
	isisTLVArea        = 1
	isisTLVISNeighbors = 6
	isisTLVLSPEntries  = 9
	isisTLVExtIS       = 22
	isisTLVNLPID       = 129
	isisTLVIPIntf      = 132
	isisTLVTERouterID  = 134
	isisTLVExtIP       = 135
	isisTLVHostname    = 137
	isisTLVP2PAdj      = 240
	isisTLVRouterCap   = 242
	isisLSPEntryLen    = 16
)

var isis = &Dissector{
	Name:    "isis",
	Dissect: dissectISIS,
	Fields: []FieldDef{
		{Name: "isis.irpd", Desc: "Intradomain routing protocol discriminator", Kind: FieldUint, Bits: 8},
		{Name: "isis.len", Desc: "Length indicator", Kind: FieldUint, Bits: 8},
		{Name: "isis.version", Desc: "Version/protocol ID extension", Kind: FieldUint, Bits: 8},
		{Name: "isis.sysid_len", Desc: "ID length", Kind: FieldUint, Bits: 8},
		{Name: "isis.type", Desc: "PDU type", Kind: FieldUint, Bits: 8},
		{Name: "isis.max_area_adr", Desc: "Maximum area addresses", Kind: FieldUint, Bits: 8},
		{Name: "isis.hello", Desc: "IS-IS hello", Kind: FieldProto},
		{Name: "isis.hello.circuit_type", Desc: "Circuit type", Kind: FieldUint, Bits: 8},
		{Name: "isis.hello.source_id", Desc: "Sender's system ID", Kind: FieldBytes},
		{Name: "isis.hello.holding_timer", Desc: "Holding timer", Kind: FieldUint, Bits: 16},
		{Name: "isis.hello.pdu_length", Desc: "PDU length", Kind: FieldUint, Bits: 16},
		{Name: "isis.hello.priority", Desc: "Priority", Kind: FieldUint, Bits: 8},
		{Name: "isis.hello.lan_id", Desc: "Designated IS", Kind: FieldBytes},
		{Name: "isis.hello.local_circuit_id", Desc: "Local circuit ID", Kind: FieldUint, Bits: 8},
		{Name: "isis.hello.area_address", Desc: "Area address", Kind: FieldBytes},
		{Name: "isis.hello.clv_ipv4_int_addr", Desc: "IPv4 interface address", Kind: FieldIPv4},
		{Name: "isis.hello.is_neighbor", Desc: "IS neighbour (LAN address)", Kind: FieldEther},
		{Name: "isis.hello.adjacency_state", Desc: "Point-to-point adjacency state", Kind: FieldUint, Bits: 8},
		{Name: "isis.lsp", Desc: "IS-IS link state PDU", Kind: FieldProto},
		{Name: "isis.lsp.pdu_length", Desc: "PDU length", Kind: FieldUint, Bits: 16},
		{Name: "isis.lsp.remaining_life", Desc: "Remaining lifetime", Kind: FieldUint, Bits: 16},
		{Name: "isis.lsp.lsp_id", Desc: "LSP ID", Kind: FieldBytes},
		{Name: "isis.lsp.sequence_number", Desc: "Sequence number", Kind: FieldUint, Bits: 32},
		{Name: "isis.lsp.checksum", Desc: "Checksum", Kind: FieldUint, Bits: 16},
		{Name: "isis.lsp.overload", Desc: "Overload bit", Kind: FieldBool},
		{Name: "isis.lsp.is_type", Desc: "Type of intermediate system", Kind: FieldUint, Bits: 8},
		{Name: "isis.lsp.area_address", Desc: "Area address", Kind: FieldBytes},
		{Name: "isis.lsp.hostname", Desc: "Dynamic hostname", Kind: FieldString},
		{Name: "isis.lsp.clv_ipv4_int_addr", Desc: "IPv4 interface address", Kind: FieldIPv4},
		{Name: "isis.lsp.clv_te_router_id", Desc: "Traffic engineering router ID", Kind: FieldIPv4},
		{Name: "isis.lsp.ext_ip_reachability.ipv4_prefix", Desc: "Extended IP reachability prefix", Kind: FieldIPv4},
		{Name: "isis.lsp.ext_ip_reachability.prefix_length", Desc: "Extended IP reachability prefix length", Kind: FieldUint, Bits: 8},
		{Name: "isis.lsp.ext_ip_reachability.metric", Desc: "Extended IP reachability metric", Kind: FieldUint, Bits: 32},
		{Name: "isis.lsp.ext_is_reachability.is_neighbor_id", Desc: "Extended IS reachability neighbour", Kind: FieldBytes},
		{Name: "isis.lsp.ext_is_reachability.metric", Desc: "Extended IS reachability metric", Kind: FieldUint, Bits: 32},
		{Name: "isis.csnp", Desc: "IS-IS complete sequence numbers PDU", Kind: FieldProto},
		{Name: "isis.csnp.source_id", Desc: "Source ID", Kind: FieldBytes},
		{Name: "isis.csnp.lsp_id", Desc: "LSP entry's LSP ID", Kind: FieldBytes},
		{Name: "isis.csnp.lsp_seq_num", Desc: "LSP entry's sequence number", Kind: FieldUint, Bits: 32},
		{Name: "isis.csnp.lsp_remain_life", Desc: "LSP entry's remaining lifetime", Kind: FieldUint, Bits: 16},
		{Name: "isis.psnp", Desc: "IS-IS partial sequence numbers PDU", Kind: FieldProto},
		{Name: "isis.psnp.source_id", Desc: "Source ID", Kind: FieldBytes},
	},
}

// IS-IS is reached only through LLC (proto_llc.go hands SAP 0xfe over):
// registered for its filter fields alone.
func init() { register(isis) }

var isisTypes = map[byte]string{isisL1Hello: "L1 HELLO", isisL2Hello: "L2 HELLO", isisP2PHello: "P2P HELLO",
	isisL1LSP: "L1 LSP", isisL2LSP: "L2 LSP", isisL1CSNP: "L1 CSNP", isisL2CSNP: "L2 CSNP", isisL1PSNP: "L1 PSNP", isisL2PSNP: "L2 PSNP"}

// isisSystemID formats an ID as tshark's FT_SYSTEM_ID does: groups of two
// bytes joined by dots, a seventh byte (pseudonode) after a dot and an
// eighth (LSP fragment) after a dash: 0000.0000.0001.02-00.
func isisSystemID(b []byte) string {
	var s strings.Builder
	for i, c := range b {
		switch {
		case i == 7:
			s.WriteByte('-')
		case i > 0 && i%2 == 0:
			s.WriteByte('.')
		}
		fmt.Fprintf(&s, "%02x", c)
	}
	return s.String()
}

func dissectISIS(p *PDU, out *Out) bool {
	b := p.Data
	if len(b) < 1 || b[0] != nlpidISIS {
		return false
	}
	out.SetProto("ISIS")
	if len(b) < isisCommonLen {
		out.SetInfo(malformedMark)
		return true
	}
	typ := b[4] & 0x1f
	name, known := isisTypes[typ]
	if !known {
		// tshark names the type, then fails on the body it cannot read
		out.SetInfo(fmt.Sprintf("Unknown (0x%x)[Malformed Packet]", typ))
		if out.WantTree {
			out.Add(isisHeader(b, "Unknown", typ, len(b)))
		}
		return true
	}
	var fixed int
	switch typ {
	case isisL1Hello, isisL2Hello:
		fixed = isisLANHelloLen
	case isisP2PHello:
		fixed = isisP2PHelloLen
	case isisL1LSP, isisL2LSP:
		fixed = isisLSPLen
	case isisL1CSNP, isisL2CSNP:
		fixed = isisCSNPLen
	default:
		fixed = isisPSNPLen
	}
	out.SetProto("ISIS " + name[strings.IndexByte(name, ' ')+1:])
	out.SetInfo(name)
	// the Info details, each only when its bytes are there
	switch typ {
	case isisL1Hello, isisL2Hello, isisP2PHello:
		if len(b) >= 15 {
			out.SetInfo(name + ", System-ID: " + isisSystemID(b[9:15]))
		}
	case isisL1LSP, isisL2LSP:
		if len(b) >= 24 {
			out.SetInfo(fmt.Sprintf("%s, LSP-ID: %s, Sequence: 0x%08x, Lifetime: %5ds", name, isisSystemID(b[12:20]),
				binary.BigEndian.Uint32(b[20:]), binary.BigEndian.Uint16(b[10:])))
		}
	case isisL1CSNP, isisL2CSNP:
		if len(b) >= isisCSNPLen {
			out.SetInfo(fmt.Sprintf("%s, Source-ID: %s, Start LSP-ID: %s, End LSP-ID: %s", name, isisSystemID(b[10:17]),
				isisSystemID(b[17:25]), isisSystemID(b[25:33])))
		}
	default:
		if len(b) >= isisPSNPLen {
			out.SetInfo(name + ", Source-ID: " + isisSystemID(b[10:17]))
		}
	}
	if len(b) < fixed {
		// cut inside the fixed header: only the common header is shown
		out.AppendInfo("", malformedMark)
		if out.WantTree {
			out.Add(isisHeader(b, name, typ, len(b)))
		}
		return true
	}
	pduLen := int(binary.BigEndian.Uint16(b[8:]))
	if typ <= isisP2PHello {
		pduLen = int(binary.BigEndian.Uint16(b[17:]))
	}
	pduLen = max(min(pduLen, len(b)), fixed)
	var body Field
	switch typ {
	case isisL1Hello, isisL2Hello, isisP2PHello:
		body = isisHello(b[:pduLen], typ)
	case isisL1LSP, isisL2LSP:
		var bad bool
		body, bad = isisLSP(b[:pduLen])
		if bad {
			out.AppendInfo("", " [ISIS CHECKSUM INCORRECT]")
		}
	case isisL1CSNP, isisL2CSNP:
		body = isisSNP(b[:pduLen], "isis.csnp", "ISO 10589 ISIS Complete Sequence Numbers Protocol Data Unit", true)
	default:
		body = isisSNP(b[:pduLen], "isis.psnp", "ISO 10589 ISIS Partial Sequence Numbers Protocol Data Unit", false)
	}
	if out.WantTree {
		out.Add(isisHeader(b, name, typ, pduLen))
		out.Add(body)
	}
	return true
}

// isisHeader is the common header (ISO 10589 §9.5), a layer of n bytes.
func isisHeader(b []byte, name string, typ byte, n int) Field {
	return Field{Name: "isis", Label: "ISO 10589 ISIS InTRA Domain Routeing Information Exchange Protocol", Len: n, Kind: FieldProto, Children: []Field{
		UintField("isis.irpd", "Intradomain Routing Protocol Discriminator: ISIS (0x83)", 0, 1, nlpidISIS),
		UintField("isis.len", fmt.Sprintf("Length Indicator: %d", b[1]), 1, 1, uint64(b[1])),
		UintField("isis.version", fmt.Sprintf("Version/Protocol ID Extension: %d", b[2]), 2, 1, uint64(b[2])),
		UintField("isis.sysid_len", fmt.Sprintf("ID Length: %d", b[3]), 3, 1, uint64(b[3])),
		UintField("isis.type.reserved", fmt.Sprintf("%s = Reserved: 0x%x", bitString(uint32(b[4]), 8, 0xe0), b[4]>>5), 4, 1, uint64(b[4]>>5)),
		UintField("isis.type", fmt.Sprintf("%s = PDU Type: %s (%d)", bitString(uint32(b[4]), 8, 0x1f), name, typ), 4, 1, uint64(typ)),
		UintField("isis.version2", fmt.Sprintf("Version: %d", b[5]), 5, 1, uint64(b[5])),
		UintField("isis.reserved", fmt.Sprintf("Reserved: %d", b[6]), 6, 1, uint64(b[6])),
		UintField("isis.max_area_adr", fmt.Sprintf("Maximum Area Addresses: %d", b[7]), 7, 1, uint64(b[7])),
	}}
}

var isisCircuitTypes = [...]string{"Reserved 0 (discard PDU)", "Level 1 only", "Level 2 only", "Level 1 and 2"}

func isisHello(b []byte, typ byte) Field {
	f := Field{Name: "isis.hello", Label: "ISIS HELLO", Start: isisCommonLen, Len: len(b) - isisCommonLen, Kind: FieldProto}
	ct := b[8] & 3
	f.Children = []Field{
		UintField("isis.hello.circuit_type", fmt.Sprintf("%s = Circuit type: %s (0x%x)", bitString(uint32(b[8]), 8, 0x03), isisCircuitTypes[ct], ct), 8, 1, uint64(ct)),
		UintField("isis.hello.reserved", fmt.Sprintf("%s = Reserved: 0x%02x", bitString(uint32(b[8]), 8, 0xfc), b[8]>>2), 8, 1, uint64(b[8]>>2)),
		isisIDField("isis.hello.source_id", "SystemID {Sender of PDU}: ", b, 9, 6),
		UintField("isis.hello.holding_timer", fmt.Sprintf("Holding timer: %d", binary.BigEndian.Uint16(b[15:])), 15, 2, uint64(binary.BigEndian.Uint16(b[15:]))),
		UintField("isis.hello.pdu_length", fmt.Sprintf("PDU length: %d", binary.BigEndian.Uint16(b[17:])), 17, 2, uint64(binary.BigEndian.Uint16(b[17:]))),
	}
	at := isisP2PHelloLen
	if typ == isisP2PHello {
		f.Children = append(f.Children, UintField("isis.hello.local_circuit_id", fmt.Sprintf("Local circuit ID: %d", b[19]), 19, 1, uint64(b[19])))
	} else {
		at = isisLANHelloLen
		f.Children = append(f.Children,
			UintField("isis.hello.priority", fmt.Sprintf("%s = Priority: %d", bitString(uint32(b[19]), 8, 0x7f), b[19]&0x7f), 19, 1, uint64(b[19]&0x7f)),
			UintField("isis.hello.reserved", fmt.Sprintf("%s = Reserved: %d", bitString(uint32(b[19]), 8, 0x80), b[19]>>7), 19, 1, uint64(b[19]>>7)),
			isisIDField("isis.hello.lan_id", "SystemID {Designated IS}: ", b, 20, 7))
	}
	f.Children = append(f.Children, isisTLVs(b, at, "isis.hello")...)
	return f
}

// isisIDField is a system, LAN or LSP ID line.
func isisIDField(name, prefix string, b []byte, at, n int) Field {
	id := b[at : at+n]
	return Field{Name: name, Label: prefix + isisSystemID(id), Start: at, Len: n, Kind: FieldBytes, Str: string(id)}
}

var isisISTypes = map[byte]string{1: "Level 1", 3: "Level 2"}

// isisLSP is the LSP's layer; bad when its checksum is wrong.
func isisLSP(b []byte) (Field, bool) {
	f := Field{Name: "isis.lsp", Label: "ISO 10589 ISIS Link State Protocol Data Unit", Start: isisCommonLen, Len: len(b) - isisCommonLen, Kind: FieldProto}
	life := binary.BigEndian.Uint16(b[10:])
	seq := binary.BigEndian.Uint32(b[20:])
	f.Children = []Field{
		UintField("isis.lsp.pdu_length", fmt.Sprintf("PDU length: %d", binary.BigEndian.Uint16(b[8:])), 8, 2, uint64(binary.BigEndian.Uint16(b[8:]))),
		UintField("isis.lsp.remaining_life", fmt.Sprintf("Remaining lifetime: %d", life), 10, 2, uint64(life)),
		isisIDField("isis.lsp.lsp_id", "LSP-ID: ", b, 12, 8),
		UintField("isis.lsp.sequence_number", fmt.Sprintf("Sequence number: 0x%08x", seq), 20, 4, uint64(seq)),
	}
	sum, bad := isisLSPChecksum(b, life)
	f.Children = append(f.Children, sum...)
	t := b[26]
	isType, ok := isisISTypes[t&3]
	if !ok {
		isType = "Unknown"
	}
	bits := func(name, label string, mask byte, set, unset string) Field {
		v := "Not set"
		if set != "" {
			v = unset
		}
		on := uint64(0)
		if t&mask != 0 {
			on, v = 1, "Set"
			if set != "" {
				v = set
			}
		}
		return Field{Name: name, Label: fmt.Sprintf("%s = %s: %s", bitString(uint32(t), 8, uint32(mask)), label, v), Start: 26, Len: 1, Kind: FieldBool, Num: on}
	}
	att := (t & 0x78) >> 3
	// packet-isis-lsp.c masks the four attached bits of the byte with the
	// low four bits' masks, so the lines read bits 3-0: kept as tshark shows
	// them.
	attField := UintField("isis.lsp.att", fmt.Sprintf("%s = Attachment: %d", bitString(uint32(t), 8, 0x78), att), 26, 1, uint64(att))
	attField.Children = []Field{
		bits("isis.lsp.error_metric", "Error metric", 0x08, "", ""),
		bits("isis.lsp.expense_metric", "Expense metric", 0x04, "", ""),
		bits("isis.lsp.delay_metric", "Delay metric", 0x02, "", ""),
		bits("isis.lsp.default_metric", "Default metric", 0x01, "", ""),
	}
	f.Children = append(f.Children, Field{
		Label: fmt.Sprintf("Type block(0x%02x): Partition Repair:%d, Attached bits:%d, Overload bit:%d, IS type:%d", t, t>>7, att, (t>>2)&1, t&3),
		Start: 26, Len: 1, Children: []Field{
			bits("isis.lsp.partition_repair", "Partition Repair", 0x80, "Supported", "Not supported"),
			attField,
			bits("isis.lsp.overload", "Overload bit", 0x04, "", ""),
			UintField("isis.lsp.is_type", fmt.Sprintf("%s = Type of Intermediate System: %s (%d)", bitString(uint32(t), 8, 0x03), isType, t&3), 26, 1, uint64(t&3)),
		}})
	f.Children = append(f.Children, isisTLVs(b, isisLSPLen, "isis.lsp")...)
	return f, bad
}

// isisLSPChecksum is the checksum line and its status: the ISO 8473
// (Fletcher) checksum over the LSP from its ID on, which a purge (lifetime
// 0) or a zero value leaves unchecked.
func isisLSPChecksum(b []byte, life uint16) ([]Field, bool) {
	const at = 24
	sum := binary.BigEndian.Uint16(b[at:])
	if life == 0 || sum == 0 {
		return []Field{
			UintField("isis.lsp.checksum", "Checksum: [missing]", at, 2, uint64(sum)),
			UintField("isis.lsp.checksum.status", "Checksum Status: Not present", at, 2, 3),
		}, false
	}
	want := isoChecksum(b[12:], at-12)
	if want == sum {
		return []Field{
			UintField("isis.lsp.checksum", fmt.Sprintf("Checksum: 0x%04x [correct]", sum), at, 2, uint64(sum)),
			UintField("isis.lsp.checksum.status", "Checksum Status: Good", at, 0, 1),
		}, false
	}
	return []Field{
		UintField("isis.lsp.checksum", fmt.Sprintf("Checksum: 0x%04x incorrect, should be 0x%04x", sum, want), at, 2, uint64(sum)),
		UintField("isis.lsp.checksum.status", "Checksum Status: Bad", at, 0, 0),
	}, true
}

// isoChecksum is the ISO 8473 Annex C checksum that b should carry in its
// two bytes at off, computed with those bytes taken as zero.
func isoChecksum(b []byte, off int) uint16 {
	var c0, c1 int
	for i, v := range b {
		if i == off || i == off+1 {
			v = 0
		}
		c0 = (c0 + int(v)) % 255
		c1 = (c1 + c0) % 255
	}
	n := len(b)
	x := ((n-off-1)*c0 - c1) % 255
	if x <= 0 {
		x += 255
	}
	y := (510 - c0 - x) % 255
	if y == 0 {
		y = 255
	}
	return uint16(x)<<8 | uint16(y)
}

func isisSNP(b []byte, name, label string, complete bool) Field {
	f := Field{Name: name, Label: label, Start: isisCommonLen, Len: len(b) - isisCommonLen, Kind: FieldProto}
	f.Children = []Field{
		UintField(name+".pdu_length", fmt.Sprintf("PDU length: %d", binary.BigEndian.Uint16(b[8:])), 8, 2, uint64(binary.BigEndian.Uint16(b[8:]))),
		isisIDField(name+".source_id", "Source-ID: ", b, 10, 6),
		{Name: name + ".source_circuit", Label: fmt.Sprintf("Source-ID-Circuit: %02x", b[16]), Start: 16, Len: 1, Kind: FieldBytes, Str: string(b[16:17])},
	}
	at := isisPSNPLen
	if complete {
		at = isisCSNPLen
		f.Children = append(f.Children, isisIDField(name+".start_lsp_id", "Start LSP-ID: ", b, 17, 8), isisIDField(name+".end_lsp_id", "End LSP-ID: ", b, 25, 8))
	}
	f.Children = append(f.Children, isisTLVs(b, at, name)...)
	return f
}

// isisTLVNames are the TLV lines' titles; hellos spell "Protocols
// Supported" where LSPs spell "Protocols supported".
var isisTLVNames = map[byte]string{isisTLVArea: "Area address(es)", isisTLVISNeighbors: "IS Neighbor(s)",
	isisTLVLSPEntries: "LSP entries", isisTLVExtIS: "Extended IS reachability", isisTLVNLPID: "Protocols supported",
	isisTLVIPIntf: "IP Interface address(es)", isisTLVTERouterID: "Traffic Engineering Router ID",
	isisTLVExtIP: "Extended IP Reachability", isisTLVHostname: "Hostname", isisTLVP2PAdj: "Point-to-point Adjacency State",
	isisTLVRouterCap: "Router Capability"}

// isisTLVs are the TLVs (ISO 10589 "CLVs") from at to the end of the PDU,
// each a line with its type, length and what ladder decodes of its value.
func isisTLVs(b []byte, at int, pdu string) []Field {
	var fs []Field
	for at+2 <= len(b) {
		code, n := b[at], int(b[at+1])
		if at+2+n > len(b) {
			break
		}
		title, ok := isisTLVNames[code]
		switch {
		case !ok:
			title = "Unknown code"
		case code == isisTLVNLPID && pdu == "isis.hello":
			title = "Protocols Supported"
		}
		t := Field{Label: fmt.Sprintf("%s (t=%d, l=%d)", title, code, n), Start: at, Len: n + 2, Children: []Field{
			UintField(pdu+".clv.type", fmt.Sprintf("Type: %d", code), at, 1, uint64(code)),
			UintField(pdu+".clv.length", fmt.Sprintf("Length: %d", n), at+1, 1, uint64(n)),
		}}
		if ok {
			t.Children = append(t.Children, isisTLVValue(b[:at+2+n], code, at+2, pdu)...)
		}
		fs = append(fs, t)
		at += 2 + n
	}
	return fs
}

var isisNLPIDs = map[byte]string{0xcc: "IP", 0x8e: "IPv6", 0x81: "ISO 8473 CLNP", 0x83: "ISIS"}

var isisAdjStates = [...]string{"Up", "Initializing", "Down"}

// isisTLVValue decodes the value of TLV code, b[at:] (b ends with it).
func isisTLVValue(b []byte, code byte, at int, pdu string) []Field {
	var fs []Field
	ip := func(name, label string, i int) Field {
		a := netip.AddrFrom4([4]byte(b[i : i+4]))
		return Field{Name: name, Label: label + a.String(), Start: i, Len: 4, Kind: FieldIPv4, Num: uint64(binary.BigEndian.Uint32(b[i:]))}
	}
	switch code {
	case isisTLVArea:
		for i := at; i < len(b); {
			n := int(b[i])
			if i+1+n > len(b) {
				break
			}
			a := b[i+1 : i+1+n]
			fs = append(fs, Field{Name: pdu + ".area_address", Label: fmt.Sprintf("Area address (%d): %s", n, isisArea(a)), Start: i, Len: n + 1, Kind: FieldBytes, Str: string(b[i : i+1+n])})
			i += 1 + n
		}
	case isisTLVNLPID:
		if at == len(b) {
			break
		}
		// one line for all: "NLPID: IP (0xcc)" or "NLPIDs: IP (0xcc), IPv6 (0x8e)"
		label := "NLPID: "
		if len(b)-at > 1 {
			label = "NLPIDs: "
		}
		n := Field{Start: at, Len: len(b) - at}
		for i := at; i < len(b); i++ {
			name, ok := isisNLPIDs[b[i]]
			if !ok {
				name = "Unknown"
			}
			if i > at {
				label += ", "
			}
			label += fmt.Sprintf("%s (0x%02x)", name, b[i])
			n.Children = append(n.Children, UintField(pdu+".clv_nlpid.nlpid", fmt.Sprintf("NLPID: 0x%02x", b[i]), i, 1, uint64(b[i])))
		}
		n.Label = label
		fs = append(fs, n)
	case isisTLVIPIntf:
		for i := at; i+4 <= len(b); i += 4 {
			fs = append(fs, ip(pdu+".clv_ipv4_int_addr", "IPv4 interface address: ", i))
		}
	case isisTLVTERouterID:
		if len(b)-at == 4 {
			fs = append(fs, ip(pdu+".clv_te_router_id", "Traffic Engineering Router ID: ", at))
		}
	case isisTLVHostname:
		h := string(b[at:])
		fs = append(fs, StrField(pdu+".hostname", "Hostname: "+Printable(h), at, len(h), h))
	case isisTLVISNeighbors:
		for i := at; i+6 <= len(b); i += 6 {
			m := macString(b[i : i+6])
			fs = append(fs, Field{Name: pdu + ".is_neighbor", Label: "IS Neighbor: " + m, Start: i, Len: 6, Kind: FieldEther, Num: mac48(b[i:])})
		}
	case isisTLVP2PAdj:
		n := len(b) - at
		if n < 1 {
			break
		}
		st := "Unknown"
		if int(b[at]) < len(isisAdjStates) {
			st = isisAdjStates[b[at]]
		}
		fs = append(fs, UintField(pdu+".adjacency_state", fmt.Sprintf("Adjacency State: %s (%d)", st, b[at]), at, 1, uint64(b[at])))
		if n >= 5 {
			v := binary.BigEndian.Uint32(b[at+1:])
			fs = append(fs, UintField(pdu+".extended_local_circuit_id", fmt.Sprintf("Extended Local circuit ID: 0x%08x", v), at+1, 4, uint64(v)))
		}
		if n >= 11 {
			fs = append(fs, isisIDField(pdu+".neighbor_systemid", "Neighbor SystemID: ", b, at+5, 6))
		}
		if n >= 15 {
			v := binary.BigEndian.Uint32(b[at+11:])
			fs = append(fs, UintField(pdu+".neighbor_extended_local_circuit_id", fmt.Sprintf("Neighbor Extended Local circuit ID: 0x%08x", v), at+11, 4, uint64(v)))
		}
	case isisTLVRouterCap:
		if len(b)-at < 5 {
			break
		}
		v := binary.BigEndian.Uint32(b[at:])
		fl := b[at+4]
		fs = append(fs, UintField(pdu+".rt_capable.router_id", fmt.Sprintf("Router ID: 0x%08x", v), at, 4, uint64(v)),
			Field{Name: pdu + ".rt_capable.flag_s", Label: fmt.Sprintf("%s = S bit: %s", bitString(uint32(fl), 8, 0x01), isisTrue(fl&1)), Start: at + 4, Len: 1, Kind: FieldBool, Num: uint64(fl & 1)},
			Field{Name: pdu + ".rt_capable.flag_d", Label: fmt.Sprintf("%s = D bit: %s", bitString(uint32(fl), 8, 0x02), isisTrue(fl&2)), Start: at + 4, Len: 1, Kind: FieldBool, Num: uint64(fl>>1) & 1})
	case isisTLVLSPEntries:
		name := "isis.csnp" // tshark names the PSNP's entries so too
		for i := at; i+isisLSPEntryLen <= len(b); i += isisLSPEntryLen {
			life := binary.BigEndian.Uint16(b[i:])
			seq := binary.BigEndian.Uint32(b[i+10:])
			sum := binary.BigEndian.Uint16(b[i+14:])
			fs = append(fs, Field{Label: "LSP Entry", Start: i, Len: isisLSPEntryLen, Children: []Field{
				UintField(name+".lsp_seq_num", fmt.Sprintf("LSP Sequence Number: 0x%08x", seq), i+10, 4, uint64(seq)),
				UintField(name+".lsp_remain_life", fmt.Sprintf("Remaining Lifetime: %d", life), i, 2, uint64(life)),
				UintField(name+".lsp_checksum", fmt.Sprintf("LSP checksum: 0x%04x", sum), i+14, 2, uint64(sum)),
			}}, isisIDField(name+".lsp_id", "LSP-ID: ", b, i+2, 8))
		}
	case isisTLVExtIP:
		fs = isisExtIP(b, at, pdu)
	case isisTLVExtIS:
		for i := at; i+11 <= len(b); {
			sub := int(b[i+10])
			if i+11+sub > len(b) {
				break
			}
			metric := uint32(b[i+7])<<16 | uint32(b[i+8])<<8 | uint32(b[i+9])
			e := Field{Label: "IS Neighbor: " + isisSystemID(b[i:i+7]), Start: i, Len: 11 + sub, Children: []Field{
				isisIDField(pdu+".ext_is_reachability.is_neighbor_id", "IS neighbor ID: ", b, i, 7),
				UintField(pdu+".ext_is_reachability.metric", fmt.Sprintf("Metric: %d", metric), i+7, 3, uint64(metric)),
			}}
			if sub == 0 {
				e.Children = append(e.Children, UintField(pdu+".ext_is_reachability.subclvs_length", "SubCLV Length: 0 (no sub-TLVs present)", i+10, 1, 0))
			}
			fs = append(fs, e)
			i += 11 + sub
		}
	}
	return fs
}

// isisExtIP decodes extended IP reachability entries (RFC 5305 §4):
// metric, up/down and sub-TLV bits with the prefix length, then only the
// prefix's significant bytes.
func isisExtIP(b []byte, at int, pdu string) []Field {
	var fs []Field
	name := pdu + ".ext_ip_reachability"
	for i := at; i+5 <= len(b); {
		metric := binary.BigEndian.Uint32(b[i:])
		ctl := b[i+4]
		plen := int(ctl & 0x3f)
		if plen > 32 {
			break
		}
		pb := (plen + 7) / 8
		end := i + 5 + pb
		if end > len(b) {
			break
		}
		sub := 0
		if ctl&0x40 != 0 {
			if end >= len(b) {
				break
			}
			sub = 1 + int(b[end])
			if end+sub > len(b) {
				break
			}
		}
		var a [4]byte
		copy(a[:], b[i+5:end])
		addr := netip.AddrFrom4(a)
		dist := "Up"
		if ctl&0x80 != 0 {
			dist = "Down"
		}
		subYN := "No"
		if ctl&0x40 != 0 {
			subYN = "Yes"
		}
		e := Field{Label: fmt.Sprintf("Ext. IP Reachability: %s/%d", addr, plen), Start: i, Len: end + sub - i, Children: []Field{
			UintField(name+".metric", fmt.Sprintf("Metric: %d", metric), i, 4, uint64(metric)),
			Field{Name: name + ".distribution", Label: fmt.Sprintf("%s = Distribution: %s", bitString(uint32(ctl), 8, 0x80), dist), Start: i + 4, Len: 1, Kind: FieldBool, Num: uint64(ctl >> 7)},
			Field{Name: name + ".subtlv", Label: fmt.Sprintf("%s = Sub-TLV: %s", bitString(uint32(ctl), 8, 0x40), subYN), Start: i + 4, Len: 1, Kind: FieldBool, Num: uint64(ctl>>6) & 1},
			UintField(name+".prefix_length", fmt.Sprintf("%s = Prefix Length: %d", bitString(uint32(ctl), 8, 0x3f), plen), i+4, 1, uint64(plen)),
		}}
		if pb > 0 {
			e.Children = append(e.Children, Field{Name: name + ".ipv4_prefix", Label: "IPv4 prefix: " + addr.String(), Start: i + 5, Len: pb, Kind: FieldIPv4, Num: uint64(binary.BigEndian.Uint32(a[:]))})
		}
		if sub == 0 {
			e.Children = append(e.Children, UintField(name+".subclvs_length", "no sub-TLVs present", end, 0, 0))
		}
		fs = append(fs, e)
		i = end + sub
	}
	return fs
}

// isisArea formats an area address as tshark does for the short ones
// seen in practice: the AFI byte, then two-byte groups ("49.0001").
func isisArea(a []byte) string {
	var s strings.Builder
	for i, c := range a {
		if i == 1 || (i > 1 && i%2 == 1) {
			s.WriteByte('.')
		}
		fmt.Fprintf(&s, "%02x", c)
	}
	return s.String()
}

func isisTrue(v byte) string {
	if v != 0 {
		return "True"
	}
	return "False"
}

// mac48 is a 6-byte MAC address as a number, as FieldEther carries it.
func mac48(b []byte) uint64 {
	return uint64(b[0])<<40 | uint64(b[1])<<32 | uint64(b[2])<<24 | uint64(b[3])<<16 | uint64(b[4])<<8 | uint64(b[5])
}
