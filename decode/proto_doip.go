package decode

import (
	"encoding/binary"
	"fmt"
)

// DoIP, Diagnostics over IP (ISO 13400-2), on TCP and UDP 13400, as
// packet-doip.c in tshark 4.0 shows it: Protocol "DoIP", Info the payload
// type's name ("Routing activation request", "0x1234 Unknown Payload"),
// "Invalid/unsupported DoIP version" for a version other than 1-4 (0xff
// only for the plain and EID vehicle identification requests), with no
// tree then. A message whose fields run past its bytes gets
// "[Malformed Packet]", and a datagram shorter than the length field says
// " [DoIP Length Field: Illegal Value]". A diagnostic message (0x8001)
// hands its user data to UDS (proto_uds.go), which takes the Protocol and
// Info columns. On TCP a message is the 8-byte header and the length it
// gives; bytes whose inverse version does not match stay TCP and read
// "[Malformed Packet]" (tcp_dissect_pdus' bounds error), and so does a
// datagram shorter than a header or with a bad inverse version.

const (
	portDoIP      = 13400
	doipHeaderLen = 8
)

var doip = &Dissector{
	Name:    "doip",
	Dissect: dissectDoIP,
	PDULen:  doipPDULen,
	Fields: []FieldDef{
		{Name: "doip", Desc: "DoIP (ISO13400) Protocol", Kind: FieldProto},
		{Name: "doip.version", Desc: "Version", Kind: FieldUint, Bits: 8},
		{Name: "doip.inverse", Desc: "Inverse version", Kind: FieldUint, Bits: 8},
		{Name: "doip.type", Desc: "Type", Kind: FieldUint, Bits: 16},
		{Name: "doip.length", Desc: "Length", Kind: FieldUint, Bits: 32},
		{Name: "doip.nack_code", Desc: "DoIP Header NACK code", Kind: FieldUint, Bits: 8},
		{Name: "doip.vin", Desc: "VIN", Kind: FieldString},
		{Name: "doip.logical_address", Desc: "Logical Address", Kind: FieldUint, Bits: 16},
		{Name: "doip.eid", Desc: "EID", Kind: FieldBytes},
		{Name: "doip.gid", Desc: "GID", Kind: FieldBytes},
		{Name: "doip.futher_action", Desc: "Further action required", Kind: FieldUint, Bits: 8},
		{Name: "doip.sync_status", Desc: "VIN/GID sync. status", Kind: FieldUint, Bits: 8},
		{Name: "doip.power_mode", Desc: "Diagnostic power mode", Kind: FieldUint, Bits: 8},
		{Name: "doip.node_type", Desc: "Node type", Kind: FieldUint, Bits: 8},
		{Name: "doip.max_sockets", Desc: "Max concurrent sockets", Kind: FieldUint, Bits: 8},
		{Name: "doip.sockets", Desc: "Currently open sockets", Kind: FieldUint, Bits: 8},
		{Name: "doip.max_data_size", Desc: "Max data size", Kind: FieldUint, Bits: 32},
		{Name: "doip.source_address", Desc: "Source Address", Kind: FieldUint, Bits: 16},
		{Name: "doip.target_address", Desc: "Target Address", Kind: FieldUint, Bits: 16},
		{Name: "doip.activation_type_v1", Desc: "Activation type", Kind: FieldUint, Bits: 16},
		{Name: "doip.activation_type", Desc: "Activation type", Kind: FieldUint, Bits: 8},
		{Name: "doip.tester_logical_address", Desc: "Logical address of external tester", Kind: FieldUint, Bits: 16},
		{Name: "doip.response_code", Desc: "Routing activation response code", Kind: FieldUint, Bits: 8},
		{Name: "doip.reserved_iso", Desc: "Reserved by ISO", Kind: FieldUint, Bits: 32},
		{Name: "doip.reserved_oem", Desc: "Reserved by OEM", Kind: FieldUint, Bits: 32},
		{Name: "doip.diag_ack_code", Desc: "ACK code", Kind: FieldUint, Bits: 8},
		{Name: "doip.diag_nack_code", Desc: "NACK code", Kind: FieldUint, Bits: 8},
		{Name: "doip.previous", Desc: "Previous message", Kind: FieldBytes},
	},
}

func init() {
	RegisterTCP(doip, portDoIP)
	RegisterUDP(doip, portDoIP)
}

// Names from tshark 4.0.17's -G values for the doip fields.
var (
	doipVersions = map[uint32]string{0: "Reserved", 1: "DoIP ISO/DIS 13400-2:2010", 2: "DoIP ISO 13400-2:2012", 3: "DoIP ISO 13400-2:2019",
		4: "DoIP ISO 13400-2:2019 Amd1 (experimental)", 0xff: "Default value for vehicle identification request messages"}
	doipTypes = map[uint32]string{0x0000: "Generic DoIP header NACK", 0x0001: "Vehicle identification request",
		0x0002: "Vehicle identification request with EID", 0x0003: "Vehicle identification request with VIN",
		0x0004: "Vehicle announcement message/vehicle identification response message", 0x0005: "Routing activation request",
		0x0006: "Routing activation response", 0x0007: "Alive check request", 0x0008: "Alive check response",
		0x4001: "DoIP entity status request", 0x4002: "DoIP entity status response",
		0x4003: "Diagnostic power mode information request", 0x4004: "Diagnostic power mode information response",
		0x8001: "Diagnostic message", 0x8002: "Diagnostic message ACK", 0x8003: "Diagnostic message NACK"}
	doipNackCodes       = map[uint32]string{0: "Incorrect pattern format", 1: "Unknown payload type", 2: "Message too large", 3: "Out of memory", 4: "Invalid payload length"}
	doipActivationTypes = map[uint32]string{0: "Default", 1: "WWH-OBD", 0xe0: "Central security"}
	doipResponseCodes   = map[uint32]string{
		0x00: "Routing activation denied due to unknown source address.",
		0x01: "Routing activation denied because all concurrently supported TCP_DATA sockets are registered and active.",
		0x02: "Routing activation denied because an SA different from the table connection entry was received on the already activated TCP_DATA socket.",
		0x03: "Routing activation denied because the SA is already registered and active on a different TCP_DATA socket.",
		0x04: "Routing activation denied due to missing authentication.",
		0x05: "Routing activation denied due to rejected confirmation.",
		0x06: "Routing activation denied due to unsupported routing activation type.",
		0x07: "Routing activation denied due to request for encrypted connection via TLS.",
		0x10: "Routing successfully activated.",
		0x11: "Routing will be activated; confirmation required.",
	}
	doipPowerModes    = map[uint32]string{0: "not ready", 1: "ready", 2: "not supported"}
	doipNodeTypes     = map[uint32]string{0: "DoIP gateway", 1: "DoIp node"}
	doipDiagAckCodes  = map[uint32]string{0: "ACK"}
	doipDiagNackCodes = map[uint32]string{0: "Reserved by ISO 13400", 1: "Reserved by ISO 13400", 2: "Invalid source address",
		3: "Unknown target address", 4: "Diagnostic message too large", 5: "Out of memory", 6: "Target unreachable",
		7: "Unknown network", 8: "Transport protocol error"}
)

// doipReserved: codes 0x01-0x0f of the action, sync status and (0x08-0x0f)
// response code tables are "Reserved by ISO 13400".
func doipCodeName(m map[uint32]string, v uint32, reservedUpTo uint32, dot string) string {
	if s, ok := m[v]; ok {
		return s
	}
	if v <= reservedUpTo && v >= 1 {
		return "Reserved by ISO 13400" + dot
	}
	return "Unknown"
}

func doipPDULen(_ *Conv, _ uint8, b []byte) int {
	if len(b) < doipHeaderLen {
		return 0
	}
	if b[0] != ^b[1] {
		return len(b) // not the start of a message: the rest is malformed
	}
	n := uint64(binary.BigEndian.Uint32(b[4:])) + doipHeaderLen
	if n > 0x7fffffff {
		return doipHeaderLen
	}
	return int(n)
}

func dissectDoIP(p *PDU, out *Out) bool {
	b := p.Data
	if !p.TCP {
		// a datagram: the messages it holds, one after the other, as
		// tcp_dissect_pdus cuts them when it cannot reassemble
		for at := 0; at < len(b); {
			rest := b[at:]
			if len(rest) < doipHeaderLen || rest[0] != ^rest[1] {
				if at == 0 {
					out.SetProto("UDP") // the transport's name and Info stand
					out.KeepTransportInfo()
				}
				out.AppendInfo("", malformedMark)
				return true
			}
			n := min(doipPDULen(nil, 0, rest), len(rest))
			doipMessage(rest[:n], at, out)
			at += n
		}
		return true
	}
	if len(b) < doipHeaderLen || b[0] != ^b[1] {
		out.SetProto("TCP") // the transport's name and Info stand
		out.KeepTransportInfo()
		out.AppendInfo("", malformedMark)
		return true
	}
	doipMessage(b, 0, out)
	return true
}

// doipMessage dissects one message (b starts at its header, base is its
// offset in the PDU).
func doipMessage(b []byte, base int, out *Out) {
	ver := b[0]
	typ := uint32(binary.BigEndian.Uint16(b[2:]))
	plen := binary.BigEndian.Uint32(b[4:])
	out.SetProto("DoIP")
	name, ok := doipTypes[typ]
	switch {
	case !(ver >= 1 && ver <= 4 || ver == 0xff && (typ == 1 || typ == 2)):
		out.SetInfo("Invalid/unsupported DoIP version") // the tree is built all the same
	case ok:
		out.SetInfo(name)
	default:
		out.SetInfo(fmt.Sprintf("0x%04x Unknown Payload", typ))
	}
	typeLabel := fmt.Sprintf("Type: Unknown (0x%04x)", typ)
	if ok {
		typeLabel = fmt.Sprintf("Type: %s (0x%04x)", name, typ)
	}
	f := Field{Name: "doip", Label: "DoIP (ISO13400) Protocol", Start: base, Len: len(b), Kind: FieldProto, Children: []Field{
		{Label: "Header", Start: base, Len: doipHeaderLen, Children: []Field{
			UintField("doip.version", fmt.Sprintf("Version: %s (0x%02x)", bacName(doipVersions, uint32(ver), "Unknown"), ver), base, 1, uint64(ver)),
			UintField("doip.inverse", fmt.Sprintf("Inverse version: 0x%02x", b[1]), base+1, 1, uint64(b[1])),
			UintField("doip.type", typeLabel, base+2, 2, uint64(typ)),
			UintField("doip.length", fmt.Sprintf("Length: %d", plen), base+4, 4, uint64(plen)),
		}},
	}}
	if uint64(len(b)) < uint64(plen) {
		out.AppendInfo("", " [DoIP Length Field: Illegal Value]")
	}
	d := &doipBody{b: b, base: base, f: &f}
	at := doipHeaderLen
	u8 := func(name, what string, m map[uint32]string, reserved uint32, dot string) {
		if !d.need(at, 1) {
			return
		}
		v := uint32(b[at])
		label := fmt.Sprintf("%s: 0x%02x", what, v)
		if m != nil {
			label = fmt.Sprintf("%s: %s (0x%02x)", what, doipCodeName(m, v, reserved, dot), v)
		}
		d.add(UintField(name, label, at, 1, uint64(v)))
		at++
	}
	dec8 := func(name, what string) {
		if d.need(at, 1) {
			d.add(UintField(name, fmt.Sprintf("%s: %d", what, b[at]), at, 1, uint64(b[at])))
			at++
		}
	}
	addr := func(name, what string) bool {
		if !d.need(at, 2) {
			return false
		}
		v := binary.BigEndian.Uint16(b[at:])
		d.add(UintField(name, fmt.Sprintf("%s: 0x%04x", what, v), at, 2, uint64(v)))
		at += 2
		return true
	}
	u32 := func(name, what string) {
		if d.need(at, 4) {
			v := binary.BigEndian.Uint32(b[at:])
			d.add(UintField(name, fmt.Sprintf("%s: 0x%08x", what, v), at, 4, uint64(v)))
			at += 4
		}
	}
	raw := func(name, what string, n int) {
		if d.need(at, n) {
			d.add(Field{Name: name, Label: fmt.Sprintf("%s: %x", what, b[at:at+n]), Start: at, Len: n, Kind: FieldBytes, Str: string(b[at : at+n])})
			at += n
		}
	}
	vin := func() {
		if d.need(at, 17) {
			s := string(b[at : at+17])
			d.add(StrField("doip.vin", "VIN: "+Printable(s), at, 17, s))
			at += 17
		}
	}
	optional := func(n int, fn func()) {
		if !d.bad && at+n <= len(b) {
			fn()
		}
	}
	switch typ {
	case 0x0000:
		u8("doip.nack_code", "DoIP Header NACK code", doipNackCodes, 0, "")
	case 0x0002:
		raw("doip.eid", "EID", 6)
	case 0x0003:
		vin()
	case 0x0004:
		vin()
		addr("doip.logical_address", "Logical Address")
		raw("doip.eid", "EID", 6)
		raw("doip.gid", "GID", 6)
		u8("doip.futher_action", "Further action required", map[uint32]string{0: "No further action required", 0x10: "Routing activation required to initiate central security"}, 0x0f, "")
		optional(1, func() {
			u8("doip.sync_status", "VIN/GID sync. status", map[uint32]string{0: "VIN and/or GID are synchronized", 0x10: "Incomplete: VIN and GID are NOT synchronized"}, 0x0f, "")
		})
	case 0x0005:
		addr("doip.source_address", "Source Address")
		switch ver {
		case 1:
			if d.need(at, 2) {
				v := binary.BigEndian.Uint16(b[at:])
				d.add(UintField("doip.activation_type_v1", fmt.Sprintf("Activation type: 0x%04x", v), at, 2, uint64(v)))
				at += 2
			}
		case 2, 3:
			u8("doip.activation_type", "Activation type", doipActivationTypes, 0, "")
		default:
			d.finish(out)
			return
		}
		u32("doip.reserved_iso", "Reserved by ISO")
		optional(4, func() { u32("doip.reserved_oem", "Reserved by OEM") })
	case 0x0006:
		addr("doip.tester_logical_address", "Logical address of external tester")
		addr("doip.source_address", "Source Address")
		u8("doip.response_code", "Routing activation response code", doipResponseCodes, 0x0f, ".")
		u32("doip.reserved_iso", "Reserved by ISO")
		optional(4, func() { u32("doip.reserved_oem", "Reserved by OEM") })
	case 0x0008:
		addr("doip.source_address", "Source Address")
	case 0x4002:
		u8("doip.node_type", "Node type", doipNodeTypes, 0, "")
		dec8("doip.max_sockets", "Max concurrent sockets")
		dec8("doip.sockets", "Currently open sockets")
		optional(4, func() {
			v := binary.BigEndian.Uint32(b[at:])
			d.add(UintField("doip.max_data_size", fmt.Sprintf("Max data size: %d", v), at, 4, uint64(v)))
			at += 4
		})
	case 0x4004:
		u8("doip.power_mode", "Diagnostic power mode", doipPowerModes, 0, "")
	case 0x8001:
		if !addr("doip.source_address", "Source Address") {
			break
		}
		src := binary.BigEndian.Uint16(b[at-2:])
		if !addr("doip.target_address", "Target Address") {
			break
		}
		dst := binary.BigEndian.Uint16(b[at-2:])
		out.Add(f)
		dissectUDS(b[at:], base+at, src, dst, out)
		return
	case 0x8002, 0x8003:
		addr("doip.source_address", "Source Address")
		addr("doip.target_address", "Target Address")
		if typ == 0x8002 {
			u8("doip.diag_ack_code", "ACK code", doipDiagAckCodes, 0, "")
		} else {
			u8("doip.diag_nack_code", "NACK code", doipDiagNackCodes, 0, "")
		}
		optional(1, func() { raw("doip.previous", "Previous message", len(b)-at) })
	}
	d.finish(out)
}

// doipBody collects a message's fields and notes a read past its end.
type doipBody struct {
	b    []byte
	base int
	f    *Field
	bad  bool
}

func (d *doipBody) need(at, n int) bool {
	if d.bad || at+n > len(d.b) {
		d.bad = true
		return false
	}
	return true
}

func (d *doipBody) add(f Field) {
	f.Start += d.base
	d.f.Children = append(d.f.Children, f)
}

func (d *doipBody) finish(out *Out) {
	if d.bad {
		out.AppendInfo("", malformedMark)
	}
	out.Add(*d.f)
}
