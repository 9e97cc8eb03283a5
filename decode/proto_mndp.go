package decode

import (
	"encoding/binary"
	"fmt"
	"net/netip"
	"strconv"
)

// MNDP, MikroTik's Neighbor Discovery Protocol, on UDP 5678: a 4-byte
// header (two unknown bytes, a sequence number) and TLVs (type, length,
// value; both 16 bits) naming the router: identity, version, platform,
// board, addresses, uptime. packet-mndp.c takes a datagram of at least 8
// bytes whose first TLV has a type and length below 256 (bytes 4 and 6
// zero); other datagrams on the port stay UDP. It writes no Info, so the
// UDP summary stays. A value cut by the datagram's end, a fixed-size value
// (MAC, uptime, IPv4, IPv6) shorter than its type, or a TLV header cut
// short is [Malformed Packet], as read back from crafted datagrams
// (lab__mndp-crafted). Hand-written: gopacket has no MNDP layer.

const portMNDP = 5678

var mndp = &Dissector{
	Name:    "mndp",
	Dissect: dissectMNDP,
	Fields: []FieldDef{
		{Name: "mndp.header.unknown", Desc: "Header Unknown", Kind: FieldBytes},
		{Name: "mndp.header.seqno", Desc: "SeqNo", Kind: FieldUint, Bits: 16},
		{Name: "mndp.tlv.type", Desc: "TlvType", Kind: FieldUint, Bits: 16},
		{Name: "mndp.tlv.length", Desc: "TlvLength", Kind: FieldUint, Bits: 16},
		{Name: "mndp.tlv.data", Desc: "TlvData", Kind: FieldBytes},
		{Name: "mndp.mac", Desc: "MAC-Address", Kind: FieldEther},
		{Name: "mndp.identity", Desc: "Identity", Kind: FieldString},
		{Name: "mndp.version", Desc: "Version", Kind: FieldString},
		{Name: "mndp.platform", Desc: "Platform", Kind: FieldString},
		{Name: "mndp.uptime", Desc: "Uptime (seconds)", Kind: FieldUint, Bits: 32},
		{Name: "mndp.softwareid", Desc: "Software-ID", Kind: FieldString},
		{Name: "mndp.board", Desc: "Board", Kind: FieldString},
		{Name: "mndp.unpack", Desc: "Unpack", Kind: FieldUint, Bits: 8},
		{Name: "mndp.ipv6address", Desc: "IPv6-Address", Kind: FieldIPv6},
		{Name: "mndp.interfacename", Desc: "Interface name", Kind: FieldString},
		{Name: "mndp.ipv4address", Desc: "IPv4-Address", Kind: FieldIPv4},
	},
}

func init() { RegisterUDP(mndp, portMNDP) }

// mndpTLV describes a TLV type: its name, filter field and, for values of
// a fixed size, that size (0 for text and bytes).
type mndpTLV struct {
	name, field string
	size        int
}

var mndpTLVs = map[uint16]mndpTLV{
	1: {"MAC-Address", "mndp.mac", 6}, 5: {"Identity", "mndp.identity", 0}, 7: {"Version", "mndp.version", 0},
	8: {"Platform", "mndp.platform", 0}, 10: {"Uptime", "mndp.uptime", 4}, 11: {"Software-ID", "mndp.softwareid", 0},
	12: {"Board", "mndp.board", 0}, 14: {"Unpack", "mndp.unpack", 1}, 15: {"IPv6-Address", "mndp.ipv6address", 16},
	16: {"Interface name", "mndp.interfacename", 0}, 17: {"IPv4-Address", "mndp.ipv4address", 4},
}

func dissectMNDP(p *PDU, out *Out) bool {
	b := p.Data
	if len(b) < 8 || b[4] != 0 || b[6] != 0 {
		return false
	}
	out.SetProto("MNDP")
	out.KeepTransportInfo()
	var kids []Field
	if out.WantTree {
		seq := binary.BigEndian.Uint16(b[2:])
		kids = append(kids,
			Field{Name: "mndp.header.unknown", Label: fmt.Sprintf("Header Unknown: %x", b[:2]), Len: 2, Kind: FieldBytes, Str: string(b[:2])},
			UintField("mndp.header.seqno", "SeqNo: "+strconv.Itoa(int(seq)), 2, 2, uint64(seq)))
	}
	malformed := false
	for off := 4; off < len(b); {
		if len(b)-off < 4 {
			malformed = true
			break
		}
		typ, n := binary.BigEndian.Uint16(b[off:]), int(binary.BigEndian.Uint16(b[off+2:]))
		desc, known := mndpTLVs[typ]
		name := desc.name
		if !known {
			name = "Unknown"
		}
		v := b[off+4:]
		bad := n > len(v) || (n > 0 && n < desc.size)
		if n <= len(v) {
			v = v[:n]
		}
		if out.WantTree && n <= len(b)-off-4 {
			// a TLV running past the datagram shows no line at all:
			// tshark's item for it spans bytes that are not there
			kids = append(kids, mndpTLVField(off, typ, n, name, desc, v, bad))
		}
		if bad {
			malformed = true
			break
		}
		off += 4 + n
	}
	if malformed {
		out.AppendInfo("", malformedMark)
	}
	if out.WantTree {
		out.Add(Field{Name: "mndp", Label: "Mikrotik Neighbor Discovery Protocol", Len: len(b), Kind: FieldProto, Children: kids})
	}
	return true
}

// mndpTLVField is one TLV's tree line, "T 5, L 8: Identity", with its type,
// length and value lines; a value that is cut or too short has no line.
func mndpTLVField(off int, typ uint16, n int, name string, desc mndpTLV, v []byte, bad bool) Field {
	f := Field{Label: fmt.Sprintf("T %d, L %d: %s", typ, n, name), Start: off, Len: min(4+n, 4+len(v)), Children: []Field{
		UintField("mndp.tlv.type", fmt.Sprintf("TlvType: %d = %s", typ, name), off, 2, uint64(typ)),
		UintField("mndp.tlv.length", "TlvLength: "+strconv.Itoa(n), off+2, 2, uint64(n)),
	}}
	if n == 0 || bad {
		return f
	}
	at := off + 4
	var val Field
	switch {
	case desc.field == "":
		val = Field{Name: "mndp.tlv.data", Label: fmt.Sprintf("TlvData: %x", v), Kind: FieldBytes, Str: string(v)}
	case desc.size == 6:
		val = Field{Name: desc.field, Label: desc.name + ": " + macString(v[:6]), Kind: FieldEther, Num: mac48(v[:6])}
	case typ == 10:
		secs, nsecs := mndpUptime(v)
		val = UintField(desc.field, fmt.Sprintf("%s: %d.%09d seconds", desc.name, secs, nsecs), 0, 0, secs)
	case desc.size == 4:
		a := netip.AddrFrom4([4]byte(v[:4]))
		val = Field{Name: desc.field, Label: desc.name + ": " + a.String(), Kind: FieldIPv4, Num: uint64(binary.BigEndian.Uint32(v))}
	case desc.size == 16:
		a := netip.AddrFrom16([16]byte(v[:16]))
		val = Field{Name: desc.field, Label: desc.name + ": " + a.String(), Kind: FieldIPv6, Str: string(v[:16])}
	case desc.size == 1:
		// an 8-bit field given the whole value: its first four bytes
		// make the number
		var u uint64
		for _, c := range v[:min(len(v), 4)] {
			u = u<<8 | uint64(c)
		}
		val = UintField(desc.field, fmt.Sprintf("%s: %s (%d)", desc.name, mndpUnpackName(u), u), 0, 0, u)
	default:
		val = Field{Name: desc.field, Label: desc.name + ": " + formatText(v), Kind: FieldString, Str: string(v)}
	}
	// each value line spans the whole value, whatever its type reads
	val.Start, val.Len = at, n
	f.Children = append(f.Children, val)
	return f
}

// mndpUptime reads a relative time the way tshark reads one given this
// many little-endian bytes: seconds, then nanoseconds when there are more;
// other lengths read as zero.
func mndpUptime(v []byte) (secs, nsecs uint64) {
	switch len(v) {
	case 4:
		return uint64(binary.LittleEndian.Uint32(v)), 0
	case 8:
		return uint64(binary.LittleEndian.Uint32(v)), uint64(binary.LittleEndian.Uint32(v[4:]))
	case 12, 16:
		return binary.LittleEndian.Uint64(v), uint64(binary.LittleEndian.Uint32(v[8:]))
	}
	return 0, 0
}

func mndpUnpackName(v uint64) string {
	if v == 1 {
		return "None"
	}
	return "Unknown"
}
