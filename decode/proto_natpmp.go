package decode

import (
	"encoding/binary"
	"fmt"
	"net/netip"
	"strconv"
)

// NAT-PMP (RFC 6886) and the Port Control Protocol that replaced it (PCP,
// RFC 6887), on UDP 5351 and 5350 (where PCP servers announce restarts).
// packet-nat-pmp.c owns both ports with one dissector that picks the
// protocol by the version byte: 0 is NAT-PMP, 1 and 2 are PCP ("PCP v1",
// "PCP v2"), any other version or an empty datagram is not its own and
// stays UDP. Info is the opcode's name; a PCP Map adds "internal ->
// external [protocol]" once its options are read. Rules for cut messages
// and options (each padded to four bytes) were read back from crafted
// datagrams (lab__natpmp-crafted). Hand-written: gopacket has neither.

const (
	portPCPStatus = 5350
	portPCP       = 5351
)

var natpmp = &Dissector{
	Name:    "nat-pmp",
	Dissect: dissectNATPMP,
	Fields: []FieldDef{
		{Name: "nat-pmp.version", Desc: "Version", Kind: FieldUint, Bits: 8},
		{Name: "nat-pmp.opcode", Desc: "Opcode", Kind: FieldUint, Bits: 8},
		{Name: "nat-pmp.result_code", Desc: "Result Code", Kind: FieldUint, Bits: 16},
		{Name: "nat-pmp.sssoe", Desc: "Seconds Since Start of Epoch", Kind: FieldUint, Bits: 32},
		{Name: "nat-pmp.external_ip", Desc: "External IP Address", Kind: FieldIPv4},
		{Name: "nat-pmp.internal_port", Desc: "Internal Port", Kind: FieldUint, Bits: 16},
		{Name: "nat-pmp.external_port", Desc: "External Port", Kind: FieldUint, Bits: 16},
		{Name: "nat-pmp.pml", Desc: "Port Mapping Lifetime", Kind: FieldUint, Bits: 32},
		{Name: "portcontrol", Desc: "Port Control Protocol", Kind: FieldProto},
		{Name: "portcontrol.version", Desc: "Version", Kind: FieldUint, Bits: 8},
		{Name: "portcontrol.opcode", Desc: "Opcode", Kind: FieldUint, Bits: 8},
		{Name: "portcontrol.result_code", Desc: "Result Code", Kind: FieldUint, Bits: 8},
		{Name: "portcontrol.lifetime_req", Desc: "Requested Lifetime", Kind: FieldUint, Bits: 32},
		{Name: "portcontrol.lifetime_rsp", Desc: "Lifetime", Kind: FieldUint, Bits: 32},
		{Name: "portcontrol.epoch_time", Desc: "Epoch Time", Kind: FieldUint, Bits: 32},
		{Name: "portcontrol.client_ip", Desc: "Client IP Address", Kind: FieldIPv6},
		{Name: "portcontrol.map.protocol", Desc: "Protocol", Kind: FieldUint, Bits: 8},
		{Name: "portcontrol.map.internal_port", Desc: "Internal Port", Kind: FieldUint, Bits: 16},
		{Name: "portcontrol.map.req_sug_external_port", Desc: "Suggested External Port", Kind: FieldUint, Bits: 16},
		{Name: "portcontrol.map.req_sug_external_ip", Desc: "Suggested External IP Address", Kind: FieldIPv6},
		{Name: "portcontrol.map.rsp_assigned_external_port", Desc: "Assigned External Port", Kind: FieldUint, Bits: 16},
		{Name: "portcontrol.map.rsp_assigned_ext_ip", Desc: "Assigned External IP Address", Kind: FieldIPv6},
		{Name: "portcontrol.map.reserved", Desc: "Reserved", Kind: FieldUint, Bits: 24},
		{Name: "portcontrol.r", Desc: "R (request 0, response 1)", Kind: FieldUint, Bits: 8},
		{Name: "portcontrol.reserved", Desc: "Reserved", Kind: FieldUint, Bits: 16},
		{Name: "nat-pmp.reserved", Desc: "Reserved", Kind: FieldUint, Bits: 16},
		{Name: "portcontrol.peer.protocol", Desc: "Protocol", Kind: FieldUint, Bits: 8},
		{Name: "portcontrol.peer.internal_port", Desc: "Internal Port", Kind: FieldUint, Bits: 16},
		{Name: "portcontrol.peer.remote_peer_port", Desc: "Remote Peer Port", Kind: FieldUint, Bits: 16},
		{Name: "portcontrol.peer.remote_peer_ip", Desc: "Remote Peer IP Address", Kind: FieldIPv6},
		{Name: "portcontrol.peer.req_sug_external_port", Desc: "Suggested External Port", Kind: FieldUint, Bits: 16},
		{Name: "portcontrol.peer.req_sug_external_ip", Desc: "Suggested External IP Address", Kind: FieldIPv6},
		{Name: "portcontrol.peer.rsp_assigned_external_port", Desc: "Assigned External Port", Kind: FieldUint, Bits: 16},
		{Name: "portcontrol.peer.rsp_assigned_ext_ip", Desc: "Assigned External IP Address", Kind: FieldIPv6},
		{Name: "portcontrol.option.code", Desc: "Option", Kind: FieldUint, Bits: 8},
		{Name: "portcontrol.option.length", Desc: "Option Length", Kind: FieldUint, Bits: 16},
	},
}

func init() { RegisterUDP(natpmp, portPCPStatus, portPCP) }

var natpmpResults = map[uint64]string{0: "Success", 1: "Unsupported Version", 2: "Not Authorized/Refused",
	3: "Network Failure", 4: "Out of resources", 5: "Unsupported opcode"}

var pcpResults = map[uint64]string{0: "Success", 1: "Unsupported Version", 2: "Not Authorized/Refused",
	3: "Malformed Request", 4: "Unsupported opcode", 5: "Unsupported option", 6: "Malformed option",
	7: "Network failure", 8: "No resources", 9: "Unsupported protocol", 10: "User exceeds quota",
	11: "Cannot provide external port", 12: "Address mismatch", 13: "Excessive remote peers"}

// pcpOpcodeField names the opcode without its R bit.
var pcpOpcodeField = map[uint64]string{0: "Announce", 1: "Map", 2: "Peer"}

var natpmpOpcodes = map[byte]string{0: "External Address Request", 128: "External Address Response",
	1: "Map UDP Request", 129: "Map UDP Response", 2: "Map TCP Request", 130: "Map TCP Response"}

var pcpOpcodes = map[byte]string{0: "Announce Request", 1: "Map Request", 2: "Peer Request",
	128: "Announce Response", 129: "Map Response", 130: "Peer Response"}

// pcpOptionNames are RFC 6887's option codes as tshark names them.
var pcpOptionNames = map[byte]string{0: "Reserved", 1: "Third Party", 2: "Prefer Failure", 3: "Filter",
	128: "Description", 129: "Prefix64"}

// natpmpReader reads the fields of one message in order; once a field runs
// past the datagram it reads nothing more and cut is set.
type natpmpReader struct {
	label string // the layer's label, which names the opcode once read
	b     []byte
	off   int
	cut   bool
	tree  []Field
	want  bool
}

func (r *natpmpReader) take(n int) ([]byte, bool) {
	if r.cut || r.off+n > len(r.b) {
		r.cut = true
		return nil, false
	}
	v := r.b[r.off : r.off+n]
	r.off += n
	return v, true
}

// uint reads an n-byte big-endian number as field name ("" for reserved
// bytes, which show no line).
func (r *natpmpReader) uint(name, label string, n int) (uint64, bool) {
	at := r.off
	v, ok := r.take(n)
	if !ok {
		return 0, false
	}
	var x uint64
	for _, c := range v {
		x = x<<8 | uint64(c)
	}
	if r.want && name != "" {
		r.tree = append(r.tree, UintField(name, label+": "+strconv.FormatUint(x, 10), at, n, x))
	}
	return x, true
}

// named reads an n-byte number labelled with its name from names, as a
// value_string field shows it: "Result Code: Success (0)".
func (r *natpmpReader) named(name, label string, n int, names map[uint64]string) (uint64, bool) {
	at := r.off
	v, ok := r.uint("", "", n)
	if ok && r.want {
		s, known := names[v]
		if !known {
			s = "Unknown"
		}
		r.tree = append(r.tree, UintField(name, fmt.Sprintf("%s: %s (%d)", label, s, v), at, n, v))
	}
	return v, ok
}

// addr reads an IPv4 (4 bytes) or IPv6 (16 bytes) address.
func (r *natpmpReader) addr(name, label string, n int) {
	at := r.off
	v, ok := r.take(n)
	if !ok || !r.want {
		return
	}
	if n == 4 {
		a := netip.AddrFrom4([4]byte(v))
		r.tree = append(r.tree, Field{Name: name, Label: label + ": " + a.String(), Start: at, Len: 4, Kind: FieldIPv4, Num: uint64(binary.BigEndian.Uint32(v))})
		return
	}
	a := netip.AddrFrom16([16]byte(v))
	r.tree = append(r.tree, Field{Name: name, Label: label + ": " + a.String(), Start: at, Len: 16, Kind: FieldIPv6, Str: string(v)})
}

func dissectNATPMP(p *PDU, out *Out) bool {
	b := p.Data
	if len(b) == 0 || b[0] > 2 {
		return false
	}
	r := &natpmpReader{b: b, want: out.WantTree, label: "NAT Port Mapping Protocol"}
	name := "nat-pmp"
	if b[0] == 0 {
		out.SetProto("NAT-PMP")
		natpmpBody(r, out)
	} else {
		out.SetProto("PCP v" + strconv.Itoa(int(b[0])))
		name, r.label = "portcontrol", "Port Control Protocol"
		pcpBody(r, out)
	}
	if r.cut {
		out.AppendInfo("", malformedMark)
	}
	if out.WantTree {
		out.Add(Field{Name: name, Label: r.label, Len: len(b), Kind: FieldProto, Children: r.tree})
	}
	return true
}

func opcodeName(names map[byte]string, op byte) string {
	if s, ok := names[op]; ok {
		return s
	}
	return "Unknown opcode: " + strconv.Itoa(int(op))
}

// natpmpBody reads a NAT-PMP message (RFC 6886 §3).
func natpmpBody(r *natpmpReader, out *Out) {
	r.uint("nat-pmp.version", "Version", 1)
	at := r.off
	op, ok := r.uint("", "", 1)
	if !ok {
		out.SetInfo("")
		return
	}
	name := opcodeName(natpmpOpcodes, byte(op))
	out.SetInfo(name)
	r.label += ", " + name
	if r.want {
		label := fmt.Sprintf("Opcode: Unknown (%d)", op)
		if s, known := natpmpOpcodes[byte(op)]; known {
			label = fmt.Sprintf("Opcode: %s (%d)", s, op)
		}
		r.tree = append(r.tree, UintField("nat-pmp.opcode", label, at, 1, op))
	}
	switch op {
	case 128:
		r.named("nat-pmp.result_code", "Result Code", 2, natpmpResults)
		r.uint("nat-pmp.sssoe", "Seconds Since Start of Epoch", 4)
		r.addr("nat-pmp.external_ip", "External IP Address", 4)
	case 1, 2:
		r.uint("nat-pmp.reserved", "Reserved", 2)
		r.uint("nat-pmp.internal_port", "Internal Port", 2)
		r.uint("nat-pmp.external_port", "Requested External Port", 2)
		r.uint("nat-pmp.pml", "Requested Port Mapping Lifetime", 4)
	case 129, 130:
		r.named("nat-pmp.result_code", "Result Code", 2, natpmpResults)
		r.uint("nat-pmp.sssoe", "Seconds Since Start of Epoch", 4)
		r.uint("nat-pmp.internal_port", "Internal Port", 2)
		r.uint("nat-pmp.external_port", "Mapped External Port", 2)
		r.uint("nat-pmp.pml", "Port Mapping Lifetime", 4)
	}
}

// pcpBody reads a PCP message (RFC 6887 §7): the common request or
// response header, the Map or Peer opcode's fields, then the options.
func pcpBody(r *natpmpReader, out *Out) {
	version := r.b[0]
	r.uint("portcontrol.version", "Version", 1)
	at := r.off
	op, ok := r.uint("", "", 1)
	if !ok {
		out.SetInfo("")
		return
	}
	name := opcodeName(pcpOpcodes, byte(op))
	out.SetInfo(name)
	r.label += ", " + name
	if r.want {
		rq := "Request"
		if op&0x80 != 0 {
			rq = "Response"
		}
		code, known := pcpOpcodeField[op&0x7f]
		opField := UintField("portcontrol.opcode", fmt.Sprintf("%s = Opcode: %s (%d)", bitString(uint32(op), 8, 0x7f), code, op&0x7f), at, 1, op&0x7f)
		if _, ok := pcpOpcodes[byte(op)]; !ok {
			// tshark's expert item on an unknown opcode leaves the
			// line without bytes
			opField.Len = 0
			if !known {
				opField.Label = fmt.Sprintf("%s = Opcode: Unknown (%d)", bitString(uint32(op), 8, 0x7f), op&0x7f)
			}
		}
		r.tree = append(r.tree,
			UintField("portcontrol.r", bitString(uint32(op), 8, 0x80)+" = R: "+rq, at, 1, op>>7), opField)
	}
	if op&0x80 == 0 {
		r.uint("portcontrol.reserved", "Reserved", 2)
		r.uint("portcontrol.lifetime_req", "Requested Lifetime", 4)
		r.addr("portcontrol.client_ip", "Client IP Address", 16)
	} else {
		r.uint("portcontrol.reserved", "Reserved", 1)
		r.named("portcontrol.result_code", "Result Code", 1, pcpResults)
		r.uint("portcontrol.lifetime_rsp", "Lifetime", 4)
		r.uint("portcontrol.epoch_time", "Epoch Time", 4)
		r.take(12)
	}
	if _, known := pcpOpcodes[byte(op)]; !known {
		return
	}
	var mapInfo string
	switch op & 0x7f {
	case 1, 2:
		kind := "map"
		if op&0x7f == 2 {
			kind = "peer"
		}
		if version > 1 {
			r.take(12) // mapping nonce
		}
		proto, _ := r.uint("portcontrol."+kind+".protocol", "Protocol", 1)
		if kind == "map" {
			r.uint("portcontrol.map.reserved", "Reserved", 3)
		} else {
			r.take(3)
		}
		in, _ := r.uint("portcontrol."+kind+".internal_port", "Internal Port", 2)
		var ext uint64
		if op&0x80 == 0 {
			ext, _ = r.uint("portcontrol."+kind+".req_sug_external_port", "Suggested External Port", 2)
			r.addr("portcontrol."+kind+".req_sug_external_ip", "Suggested External IP Address", 16)
		} else {
			ext, _ = r.uint("portcontrol."+kind+".rsp_assigned_external_port", "Assigned External Port", 2)
			r.addr("portcontrol."+kind+".rsp_assigned_ext_ip", "Assigned External IP Address", 16)
		}
		if kind == "peer" {
			r.uint("portcontrol.peer.remote_peer_port", "Remote Peer Port", 2)
			r.take(2)
			r.addr("portcontrol.peer.remote_peer_ip", "Remote Peer IP Address", 16)
		} else {
			mapInfo = fmt.Sprintf(": %d -> %d [%s]", in, ext, pcpProtocolName(byte(proto)))
		}
	}
	for !r.cut && r.off < len(r.b) {
		pcpOption(r)
	}
	if mapInfo != "" && !r.cut {
		out.AppendInfo("", mapInfo)
	}
}

// pcpOption reads one option: code, reserved byte, length, the fields of
// the options tshark reads (Third Party's address, Filter's 20 bytes,
// Description's text) and the padding to a multiple of four bytes.
func pcpOption(r *natpmpReader) {
	at := r.off
	code, ok := r.uint("", "", 1)
	if ok && r.want {
		name, known := pcpOptionNames[byte(code)]
		if !known {
			name = "Unknown"
		}
		r.tree = append(r.tree, UintField("portcontrol.option.code", fmt.Sprintf("Option: %s (%d)", name, code), at, 1, code))
	}
	r.take(1)
	n, ok := r.uint("portcontrol.option.length", "Option Length", 2)
	if !ok {
		return
	}
	start := r.off
	if n > 0 {
		switch code {
		case 1:
			r.take(16)
		case 3:
			r.take(20)
		case 128:
			r.take(int(n))
		}
	}
	if r.cut {
		return
	}
	if pad := int(n) % 4; pad != 0 {
		// the padding is read at the option's end, wherever its fields
		// stopped
		r.off = start + int(n)
		if _, ok := r.take(4 - pad); !ok {
			return
		}
	}
	r.off = start + int(n) + (4-int(n)%4)%4
}

// pcpProtocolName names a Map's protocol as packet-nat-pmp.c does.
func pcpProtocolName(p byte) string {
	switch p {
	case 0:
		return "All Protocols"
	case 6:
		return "TCP"
	case 17:
		return "UDP"
	}
	return "Unknown Protocol " + strconv.Itoa(int(p))
}
