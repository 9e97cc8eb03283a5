package decode

import (
	"encoding/binary"
	"fmt"
	"net/netip"
	"strconv"
	"strings"
)

// LISP control messages (RFC 6830 and its drafts) on UDP 4342, as
// packet-lisp.c in tshark 4.0 shows them: Protocol "LISP"; Info the
// message type ("Map-Request", "Map-Register", "Unknown LISP Control
// Packet (N)"), its flag notes (" by P-ITR", " (SMR)", " (RLOC-probe)",
// " (SMR-invoked)", " (RLOC-probe reply)", " (RTR)", Info's "-Request" or
// "-Reply") and, when the message holds exactly one record, " for
// EID/mask-len", the EID as get_addr_str writes it (an address, "not set",
// a MAC, a distinguished name, "[IID] address" for an Instance ID LCAF,
// "address (ASN n)" for an AS Number one, else the LCAF type's name). A
// read past the datagram appends "[Malformed Packet]".
//
// Not done, knowingly: Encapsulated Control Messages (type 8; tshark reads
// the inner IP and UDP headers, giving the inner conversation its own
// udp.stream) are left to UDP; the LCAF bodies are skipped by their length
// (tshark walks each type's fields, so a body cut inside reads as
// malformed there too, but a body inconsistent with its type may differ);
// LISP data (UDP 4341) and LISP over TCP are not dissected.

const lispControlPort = 4342

const (
	lispAFIReserved = 0
	lispAFIIPv4     = 1
	lispAFIIPv6     = 2
	lispAFI802      = 6
	lispAFIDistName = 17
	lispAFILCAF     = 16387
	lispAFIEUI48    = 16389
)

var lisp = &Dissector{
	Name:    "lisp",
	Dissect: lispDissect,
	Fields: []FieldDef{
		{Name: "lisp", Desc: "Locator/ID Separation Protocol", Kind: FieldProto},
		{Name: "lisp.type", Desc: "Type", Kind: FieldUint, Bits: 24},
		{Name: "lisp.irc", Desc: "ITR-RLOC Count", Kind: FieldUint, Bits: 24},
		{Name: "lisp.records", Desc: "Record Count", Kind: FieldUint, Bits: 8},
		{Name: "lisp.nonce", Desc: "Nonce", Kind: FieldUint, Bits: 64},
		{Name: "lisp.keyid", Desc: "Key ID", Kind: FieldUint, Bits: 16},
		{Name: "lisp.authlen", Desc: "Authentication Data Length", Kind: FieldUint, Bits: 16},
		{Name: "lisp.auth", Desc: "Authentication Data", Kind: FieldBytes},
		{Name: "lisp.xtrid", Desc: "xTR-ID", Kind: FieldBytes},
		{Name: "lisp.siteid", Desc: "Site-ID", Kind: FieldBytes},
		{Name: "lisp.mreq.srceid.afi", Desc: "Source EID AFI", Kind: FieldUint, Bits: 16},
		{Name: "lisp.mreq.srceid.ipv4", Desc: "Source EID", Kind: FieldIPv4},
		{Name: "lisp.mreq.srceid_ipv6", Desc: "Source EID", Kind: FieldIPv6},
		{Name: "lisp.mreq.itr_rloc", Desc: "ITR-RLOC", Kind: FieldLabel},
		{Name: "lisp.mreq.itr_rloc.afi", Desc: "ITR-RLOC AFI", Kind: FieldUint, Bits: 16},
		{Name: "lisp.mreq.itr_rloc_ipv4", Desc: "ITR-RLOC Address", Kind: FieldIPv4},
		{Name: "lisp.mreq.itr_rloc_ipv6", Desc: "ITR-RLOC Address", Kind: FieldIPv6},
		{Name: "lisp.mreq.record", Desc: "Map-Request Record", Kind: FieldLabel},
		{Name: "lisp.mreq.record.prefix.length", Desc: "Prefix Length", Kind: FieldUint, Bits: 8},
		{Name: "lisp.mreq.record.prefix.afi", Desc: "Prefix AFI", Kind: FieldUint, Bits: 16},
		{Name: "lisp.mreq.record.prefix.ipv4", Desc: "Prefix", Kind: FieldIPv4},
		{Name: "lisp.mreq.record.prefix.ipv6", Desc: "Prefix", Kind: FieldIPv6},
		{Name: "lisp.mrep.record", Desc: "Map-Reply Record", Kind: FieldLabel},
		{Name: "lisp.mapping", Desc: "Mapping Record", Kind: FieldLabel},
		{Name: "lisp.mapping.ttl", Desc: "Record TTL", Kind: FieldUint, Bits: 32},
		{Name: "lisp.mapping.loccnt", Desc: "Locator Count", Kind: FieldUint, Bits: 8},
		{Name: "lisp.mapping.eid.masklen", Desc: "EID Mask Length", Kind: FieldUint, Bits: 8},
		{Name: "lisp.mapping.eid.afi", Desc: "EID Prefix AFI", Kind: FieldUint, Bits: 16},
		{Name: "lisp.mapping.eid.ipv4", Desc: "EID Prefix", Kind: FieldIPv4},
		{Name: "lisp.mapping.eid.ipv6", Desc: "EID Prefix", Kind: FieldIPv6},
		{Name: "lisp.loc", Desc: "Locator Record", Kind: FieldLabel},
		{Name: "lisp.loc.priority", Desc: "Priority", Kind: FieldUint, Bits: 8},
		{Name: "lisp.loc.weight", Desc: "Weight", Kind: FieldUint, Bits: 8},
		{Name: "lisp.loc.multicast_priority", Desc: "Multicast Priority", Kind: FieldUint, Bits: 8},
		{Name: "lisp.loc.multicast_weight", Desc: "Multicast Weight", Kind: FieldUint, Bits: 8},
		{Name: "lisp.loc.afi", Desc: "AFI", Kind: FieldUint, Bits: 16},
		{Name: "lisp.loc.locator", Desc: "Locator", Kind: FieldString},
	},
}

func init() { RegisterUDP(lisp, lispControlPort) }

var (
	lispTypes = map[uint8]string{1: "Map-Request", 2: "Map-Reply", 3: "Map-Register", 4: "Map-Notify",
		6: "Map-Referral", 7: "Info", 8: "Encapsulated Control Message"}
	lispActions = map[uint16]string{0: "No-Action", 1: "Natively-Forward", 2: "Send-Map-Request", 3: "Drop/No-Reason",
		4: "Drop/Policy-Denied", 5: "Drop/Authentication-Failure", 6: "Forward-For-Unknown-Address"}
	lispReferralActions = map[uint16]string{0: "Node Referral", 1: "Map-Server Referral", 2: "Map-Server ACK",
		3: "Map-Server Not Registered", 4: "Delegation Hole", 5: "Not Authoritative"}
	lispLCAFTypes = map[uint8]string{0: "Null Body", 1: "AFI List", 2: "Instance ID", 3: "AS Number", 4: "Application Data",
		5: "Geo Coordinates", 6: "Opaque Key", 7: "NAT Traversal", 8: "Nonce Locator", 9: "Multicast Info",
		10: "Explicit Locator Path", 11: "Security Key", 12: "Source/Dest Key", 13: "Replication List Entry",
		14: "JSON Data Model", 15: "Key/Value Address Pair", 255: "Vendor Specific LCAF"}
	// lispAFNames is epan/afn.c's afn_vals (tshark -G values).
	lispAFNames = map[uint16]string{0: "Reserved", 1: "IPv4", 2: "IPv6", 3: "NSAP", 4: "HDLC (8-bit multidrop)", 5: "BBN 1822", 6: "802 (includes all 802 media plus Ethernet)", 7: "E.163", 8: "E.164 (SMDS, Frame Relay, ATM)", 9: "F.69 (Telex)", 10: "X.121 (X.25, Frame Relay)", 11: "IPX", 12: "Appletalk", 13: "Decnet IV", 14: "Banyan Vines", 15: "E.164 with NSAP subaddress", 16: "DNS (Domain Name System)", 17: "Distinguished Name", 18: "AS Number", 19: "XTP over IP version 4", 20: "XTP over IP version 6", 21: "XTP native mode XTP", 22: "Fibre Channel World-Wide Port Name", 23: "Fibre Channel World-Wide Node Name", 24: "GWID", 25: "Layer-2 VPN", 196: "Layer-2 VPN (old)", 26: "MPLS-TP Section Endpoint Identifier", 27: "MPLS-TP LSP Endpoint Identifier", 28: "MPLS-TP Pseudowire Endpoint Identifier", 29: "MT IP: Multi-Topology IP version 4", 30: "MT IPv6: Multi-Topology IP version 6", 16384: "EIGRP Common Service Family", 16385: "EIGRP IPv4 Service Family", 16386: "EIGRP IPv6 Service Family", 16387: "LISP Canonical Address Format (LCAF)", 16388: "BGP-LS", 16389: "48-bit MAC Address", 16390: "64-bit MAC Address", 16391: "OUI", 16392: "MAC/24", 16393: "MAC/40", 16394: "IPv6/64", 16395: "RBridge Port ID", 16396: "TRILL Nickname", 65535: "Reserved"}
)

// lispThrow is the bounds error of a read past the datagram.
type lispThrow struct{}

// lispMsg walks one control message.
type lispMsg struct {
	b    []byte
	out  *Out
	tree *Field
}

func (m *lispMsg) need(off, n int) {
	if off < 0 || n < 0 || off+n > len(m.b) {
		panic(lispThrow{})
	}
}

func (m *lispMsg) u8(off int) uint8 { m.need(off, 1); return m.b[off] }
func (m *lispMsg) u16(off int) uint16 {
	m.need(off, 2)
	return binary.BigEndian.Uint16(m.b[off:])
}
func (m *lispMsg) u32(off int) uint32 {
	m.need(off, 4)
	return binary.BigEndian.Uint32(m.b[off:])
}

func (m *lispMsg) add(parent *Field, f Field) *Field {
	if parent == nil {
		return nil
	}
	parent.Children = append(parent.Children, f)
	return &parent.Children[len(parent.Children)-1]
}

func lispAFIName(afi uint16) string {
	if s, ok := lispAFNames[afi]; ok {
		return s
	}
	return "Unknown"
}

// strsize is tvb_strsize: the bytes to and with the NUL from off.
func (m *lispMsg) strsize(off int) int {
	m.need(off, 0)
	for i := off; i < len(m.b); i++ {
		if m.b[i] == 0 {
			return i - off + 1
		}
	}
	panic(lispThrow{})
}

func lispASCII(b []byte) string {
	var s strings.Builder
	for _, c := range b {
		if c >= 0x80 {
			s.WriteRune('\uFFFD')
		} else {
			s.WriteByte(c)
		}
	}
	return s.String()
}

// addrStr is get_addr_str: the address of family afi at off as tshark
// writes it and its length, ok false for a family it does not know.
func (m *lispMsg) addrStr(off int, afi uint16, depth int) (string, int, bool) {
	switch afi {
	case lispAFIReserved:
		return "not set", 0, true
	case lispAFIIPv4:
		m.need(off, 4)
		return netip.AddrFrom4([4]byte(m.b[off : off+4])).String(), 4, true
	case lispAFIIPv6:
		m.need(off, 16)
		return netip.AddrFrom16([16]byte(m.b[off : off+16])).String(), 16, true
	case lispAFILCAF:
		t := m.u8(off + 2)
		n := int(m.u16(off+4)) + 6
		name, ok := lispLCAFTypes[t]
		if !ok {
			name = fmt.Sprintf("Unknown LCAF Type (%d)", t)
		}
		if (t == 2 || t == 3) && depth < 16 {
			id := m.u32(off + 6)
			inner := m.u16(off + 10)
			s, _, ok := m.addrStr(off+12, inner, depth+1)
			if !ok {
				s = "(null)"
			}
			if t == 2 {
				return fmt.Sprintf("[%d] %s", int32(id), s), n, true
			}
			return fmt.Sprintf("%s (ASN %d)", s, int32(id)), n, true
		}
		return name, n, true
	case lispAFI802, lispAFIEUI48:
		m.need(off, 6)
		b := m.b[off : off+6]
		return fmt.Sprintf("%02x:%02x:%02x:%02x:%02x:%02x", b[0], b[1], b[2], b[3], b[4], b[5]), 6, true
	case lispAFIDistName:
		n := m.strsize(off)
		return lispASCII(m.b[off : off+n-1]), n, true
	}
	return "", 0, false
}

// lcaf is dissect_lcaf at off: the header, then the body of the types
// whose fields it walks, in a view that ends where the LCAF does (reads
// past it throw); it returns where the body's walk ended.
func (m *lispMsg) lcaf(off int) int {
	return m.lcafDepth(off, 0)
}

func (m *lispMsg) lcafDepth(off, depth int) int {
	n := int(m.u16(off + 4))
	m.need(off, 6+n)
	t := m.b[off+2]
	end := off + 6 + n
	if depth > 16 {
		return end
	}
	body := &lispMsg{b: m.b[:end], out: m.out}
	at := off + 6
	switch t {
	case 0:
		return at
	case 1: // AFI list
		for rem := n; rem > 0; {
			start := at
			afi := body.u16(at)
			at += 2
			switch afi {
			case lispAFIIPv4:
				body.need(at, 4)
				at += 4
			case lispAFIIPv6:
				body.need(at, 16)
				at += 16
			case lispAFILCAF:
				body.addrStr(at, afi, 0)
				at = body.lcafDepth(at, depth+1)
			case lispAFI802, lispAFIEUI48:
				body.need(at, 6)
				at += 6
			case lispAFIDistName:
				at += body.strsize(at)
			default:
				return -1
			}
			rem -= at - start
		}
		return at
	case 2, 3: // Instance ID, AS Number
		body.need(at, 4)
		afi := body.u16(at + 4)
		at += 6
		body.addrStr(at, afi, 0)
		switch afi {
		case lispAFIIPv4:
			body.need(at, 4)
			at += 4
		case lispAFIIPv6:
			body.need(at, 16)
			at += 16
		case lispAFILCAF:
			at = body.lcafDepth(at, depth+1)
		case lispAFI802, lispAFIEUI48:
			body.need(at, 6)
			at += 6
		case lispAFIDistName:
			at += body.strsize(at)
		}
		return at
	case 7: // NAT traversal: two ports, three RLOCs, then RTR RLOCs
		body.need(at, 4)
		at += 4
		rem := n - 4
		for i := 0; i < 3 || rem > 0; i++ {
			k := body.nattRLOC(at, depth)
			at += k
			rem -= k
		}
		return at
	case 5, 8, 9, 10, 12, 13, 15, 255:
		// walked field by field by tshark; ladder reads them as a whole
		return end
	}
	return end
}

// nattRLOC is dissect_lcaf_natt_rloc: an AFI and its address; it returns
// their length.
func (m *lispMsg) nattRLOC(at, depth int) int {
	afi := m.u16(at)
	_, n, _ := m.addrStr(at+2, afi, 0)
	switch afi {
	case lispAFIIPv4:
		m.need(at+2, 4)
	case lispAFIIPv6:
		m.need(at+2, 16)
	case lispAFILCAF:
		m.lcafDepth(at+2, depth+1)
	}
	return 2 + n
}

// data is call_data_dissector on the bytes from off: tvb_new_subset_remaining
// throws when off lies past the end.
func (m *lispMsg) data(off int) { m.need(off, 0) }

func lispDissect(p *PDU, out *Out) bool {
	b := p.Data
	if len(b) == 0 {
		return false
	}
	t := b[0] >> 4
	if t == 8 {
		return false // Encapsulated Control Message: not done (see above)
	}
	out.SetProto("LISP")
	name, ok := lispTypes[t]
	if !ok {
		name = fmt.Sprintf("Unknown LISP Control Packet (%d)", t)
	}
	out.SetInfo(name)
	var top *Field
	if out.WantTree {
		top = &Field{Name: "lisp", Label: "Locator/ID Separation Protocol", Start: 0, Len: len(b), Kind: FieldProto}
	}
	m := &lispMsg{b: b, out: out, tree: top}
	func() {
		defer func() {
			if r := recover(); r != nil {
				if _, ok := r.(lispThrow); !ok {
					panic(r)
				}
				out.AppendInfo("", malformedMark)
			}
		}()
		// the Type item (3 bytes) is added when tshark builds a tree, as
		// its -T fields output (the project's oracle) does
		m.need(0, 3)
		if top != nil {
			v := uint32(b[0])<<16 | uint32(b[1])<<8 | uint32(b[2])
			label := fmt.Sprintf("%s = Type: %s (%d)", bitString(v, 24, 0xf00000), name, t)
			if !ok {
				label = fmt.Sprintf("%s = Type: Unknown (%d)", bitString(v, 24, 0xf00000), t)
			}
			m.add(top, UintField("lisp.type", label, 0, 3, uint64(t)))
		}
		switch t {
		case 1:
			m.mapRequest()
		case 2:
			m.mapReply()
		case 3:
			m.mapRegister()
		case 4:
			m.mapNotify()
		case 6:
			m.mapReferral()
		case 7:
			m.info()
		}
	}()
	if top != nil {
		out.Add(*top)
	}
	return true
}

func (m *lispMsg) recordsNonce(off int) (int, int) {
	cnt := int(m.u8(off))
	m.add(m.tree, UintField("lisp.records", "Record Count: "+strconv.Itoa(cnt), off, 1, uint64(cnt)))
	m.need(off+1, 8)
	nonce := binary.BigEndian.Uint64(m.b[off+1:])
	m.add(m.tree, UintField("lisp.nonce", fmt.Sprintf("Nonce: 0x%016x", nonce), off+1, 8, nonce))
	return cnt, off + 9
}

func (m *lispMsg) auth(off int) int {
	key := m.u16(off)
	m.add(m.tree, UintField("lisp.keyid", fmt.Sprintf("Key ID: 0x%04x", key), off, 2, uint64(key)))
	n := int(m.u16(off + 2))
	m.add(m.tree, UintField("lisp.authlen", "Authentication Data Length: "+strconv.Itoa(n), off+2, 2, uint64(n)))
	off += 4
	m.need(off, n)
	if n > 0 {
		m.add(m.tree, Field{Name: "lisp.auth", Label: fmt.Sprintf("Authentication Data: %x", m.b[off:off+n]), Start: off, Len: n, Kind: FieldBytes, Str: string(m.b[off : off+n])})
	} else {
		m.add(m.tree, Field{Name: "lisp.auth", Label: "Authentication Data: <MISSING>", Start: off, Len: 0, Kind: FieldBytes})
	}
	return off + n
}

func (m *lispMsg) ipField(parent *Field, name, what string, off, n int) {
	m.need(off, n)
	a, _ := netip.AddrFromSlice(m.b[off : off+n])
	f := Field{Name: name, Label: what + ": " + a.String(), Start: off, Len: n}
	if n == 4 {
		f.Kind, f.Num = FieldIPv4, uint64(binary.BigEndian.Uint32(m.b[off:]))
	} else {
		f.Kind, f.Str = FieldIPv6, string(m.b[off:off+n])
	}
	m.add(parent, f)
}

func (m *lispMsg) mapRequest() {
	flags := m.u16(0)
	m.need(0, 3)
	for _, f := range []struct {
		mask uint16
		text string
	}{{0x0080, " by P-ITR"}, {0x0100, " (SMR)"}, {0x0200, " (RLOC-probe)"}, {0x0040, " (SMR-invoked)"}} {
		if flags&f.mask != 0 {
			m.out.AppendInfo("", f.text)
		}
	}
	irc := int(m.u8(2) & 0x1f)
	if m.tree != nil {
		v := uint32(m.b[0])<<16 | uint32(flags&0xff)<<8 | uint32(m.b[2])
		m.add(m.tree, UintField("lisp.irc", fmt.Sprintf("%s = ITR-RLOC Count: %d", bitString(v, 24, 0x1f), irc), 0, 3, uint64(irc)))
	}
	cnt, off := m.recordsNonce(3)
	afi := m.u16(off)
	m.add(m.tree, UintField("lisp.mreq.srceid.afi", fmt.Sprintf("Source EID AFI: %s (%d)", lispAFIName(afi), afi), off, 2, uint64(afi)))
	off += 2
	switch afi {
	case lispAFIReserved:
	case lispAFIIPv4:
		m.ipField(m.tree, "lisp.mreq.srceid.ipv4", "Source EID", off, 4)
		off += 4
	case lispAFIIPv6:
		m.ipField(m.tree, "lisp.mreq.srceid_ipv6", "Source EID", off, 16)
		off += 16
	case lispAFILCAF:
		_, n, _ := m.addrStr(off, afi, 0)
		m.lcaf(off)
		off += n
	case lispAFI802, lispAFIEUI48:
		m.need(off, 6)
		off += 6
	default:
		m.data(off)
		return
	}
	for i := 0; i < irc+1; i++ {
		a := m.u16(off)
		m.need(off, 2)
		var it *Field
		if m.tree != nil {
			it = m.add(m.tree, Field{Name: "lisp.mreq.itr_rloc", Label: "ITR-RLOC", Start: off, Len: 2})
			m.add(it, UintField("lisp.mreq.itr_rloc.afi", fmt.Sprintf("ITR-RLOC AFI: %s (%d)", lispAFIName(a), a), off, 2, uint64(a)))
		}
		off += 2
		switch a {
		case lispAFIIPv4, lispAFIIPv6:
			n := 4
			name := "lisp.mreq.itr_rloc_ipv4"
			if a == lispAFIIPv6 {
				n, name = 16, "lisp.mreq.itr_rloc_ipv6"
			}
			m.ipField(it, name, "ITR-RLOC Address", off, n)
			if it != nil {
				s, _, _ := m.addrStr(off, a, 0)
				it.Label = fmt.Sprintf("ITR-RLOC %d: %s", i+1, s)
				it.Len = 2 + n
			}
			off += n
		default:
			m.data(off)
			return
		}
	}
	for i := 0; i < cnt; i++ {
		mask := m.u8(off + 1)
		afi := m.u16(off + 2)
		s, n, ok := m.addrStr(off+4, afi, 0)
		if !ok {
			m.data(off)
			return
		}
		m.need(off, 4+n)
		if cnt == 1 {
			m.out.AppendInfo("", fmt.Sprintf(" for %s/%d", s, mask))
		}
		var rec *Field
		if m.tree != nil {
			rec = m.add(m.tree, Field{Name: "lisp.mreq.record", Label: fmt.Sprintf("Map-Request Record %d: %s/%d", i+1, s, mask), Start: off, Len: 4 + n})
			m.add(rec, UintField("lisp.mreq.record.prefix.length", "Prefix Length: "+strconv.Itoa(int(mask)), off+1, 1, uint64(mask)))
			m.add(rec, UintField("lisp.mreq.record.prefix.afi", fmt.Sprintf("Prefix AFI: %s (%d)", lispAFIName(afi), afi), off+2, 2, uint64(afi)))
		}
		off += 4
		switch afi {
		case lispAFIIPv4:
			m.ipField(rec, "lisp.mreq.record.prefix.ipv4", "Prefix", off, 4)
			off += 4
		case lispAFIIPv6:
			m.ipField(rec, "lisp.mreq.record.prefix.ipv6", "Prefix", off, 16)
			off += 16
		case lispAFILCAF:
			m.lcaf(off)
			off += n
		case lispAFI802, lispAFIEUI48, lispAFIDistName:
			off += n
		}
	}
	if flags&0x0400 != 0 {
		m.need(off, 0)
		var mr *Field
		if m.tree != nil {
			mr = m.add(m.tree, Field{Name: "lisp.mrep.record", Label: "Map-Reply Record", Start: off, Len: len(m.b) - off})
		}
		off = m.mapping(mr, 0, 1, false, off)
	}
	m.data(off)
}

func (m *lispMsg) mapReply() {
	flags := m.u8(0)
	m.need(0, 3)
	if flags&0x08 != 0 {
		m.out.AppendInfo("", " (RLOC-probe reply)")
	}
	cnt, off := m.recordsNonce(3)
	for i := 0; i < cnt; i++ {
		off = m.mapping(m.tree, cnt, i+1, false, off)
	}
	m.data(off)
}

func (m *lispMsg) mapRegister() {
	m.need(0, 3)
	flags := m.u16(0)
	if flags&0x0100 != 0 {
		m.out.AppendInfo("", " (RTR)")
	}
	cnt, off := m.recordsNonce(3)
	off = m.auth(off)
	for i := 0; i < cnt; i++ {
		off = m.mapping(m.tree, cnt, i+1, false, off)
	}
	if flags&0x0200 != 0 {
		off = m.xtrID(off)
	}
	m.data(off)
}

func (m *lispMsg) xtrID(off int) int {
	m.need(off, 16)
	m.add(m.tree, Field{Name: "lisp.xtrid", Label: fmt.Sprintf("xTR-ID: %x", m.b[off:off+16]), Start: off, Len: 16, Kind: FieldBytes, Str: string(m.b[off : off+16])})
	m.need(off+16, 8)
	m.add(m.tree, Field{Name: "lisp.siteid", Label: fmt.Sprintf("Site-ID: %x", m.b[off+16:off+24]), Start: off + 16, Len: 8, Kind: FieldBytes, Str: string(m.b[off+16 : off+24])})
	return off + 24
}

func (m *lispMsg) mapNotify() {
	flags := m.u16(0)
	m.need(0, 3)
	if flags&0x0400 != 0 {
		m.out.AppendInfo("", " (RTR)")
	}
	cnt, off := m.recordsNonce(3)
	off = m.auth(off)
	for i := 0; i < cnt; i++ {
		off = m.mapping(m.tree, cnt, i+1, false, off)
	}
	if flags&0x0800 != 0 {
		off = m.xtrID(off)
	}
	if flags&0x0400 != 0 {
		m.u16(off)
		n := int(m.u16(off + 2))
		off += 4
		m.need(off, n)
		off += n
	}
	m.data(off)
}

func (m *lispMsg) mapReferral() {
	m.need(0, 3)
	cnt, off := m.recordsNonce(3)
	for i := 0; i < cnt; i++ {
		off = m.mapping(m.tree, cnt, i+1, true, off)
	}
	m.data(off)
}

func (m *lispMsg) info() {
	if m.u8(0)&0x08 != 0 {
		m.out.AppendInfo("", "-Reply")
	} else {
		m.out.AppendInfo("", "-Request")
	}
	m.need(0, 4)
	_, off := m.recordsNonceInfo()
	off = m.auth(off)
	m.need(off, 4) // TTL
	off += 4
	m.need(off, 1) // reserved
	off++
	mask := m.u8(off)
	off++
	afi := m.u16(off)
	off += 2
	s, n, ok := m.addrStr(off, afi, 0)
	if !ok {
		m.data(off)
		return
	}
	switch afi {
	case lispAFIIPv4, lispAFIIPv6:
		m.need(off, n)
	}
	off += n
	m.out.AppendInfo("", fmt.Sprintf(" for %s/%d", s, mask))
	a := m.u16(off)
	off += 2
	if m.b[0]&0x08 != 0 && a == lispAFILCAF {
		off = m.lcaf(off)
	}
	m.data(off)
}

// recordsNonceInfo reads an Info message's nonce (it has no record count).
func (m *lispMsg) recordsNonceInfo() (int, int) {
	m.need(4, 8)
	nonce := binary.BigEndian.Uint64(m.b[4:])
	m.add(m.tree, UintField("lisp.nonce", fmt.Sprintf("Nonce: 0x%016x", nonce), 4, 8, nonce))
	return 0, 12
}

// mapping is dissect_lisp_mapping: one mapping record at off, its locators
// and the Info note when it is the message's only record.
func (m *lispMsg) mapping(parent *Field, cnt, rec int, referral bool, off int) int {
	mask := m.u8(off + 5)
	flags := m.u16(off + 6)
	afi := m.u16(off + 10)
	s, n, ok := m.addrStr(off+12, afi, 0)
	if !ok {
		return off
	}
	m.need(off, 12+n)
	if cnt == 1 {
		m.out.AppendInfo("", fmt.Sprintf(" for %s/%d", s, mask))
	}
	ttl := m.u32(off)
	act := flags >> 13
	var rf *Field
	if parent != nil {
		acts := lispActions
		if referral {
			acts = lispReferralActions
		}
		an, ok := acts[act]
		if !ok {
			an = fmt.Sprintf("Invalid action code (%d)", act)
		}
		label := fmt.Sprintf("Mapping Record %d, EID Prefix: %s/%d", rec, s, mask)
		if ttl == 0xffffffff {
			label += ", TTL: Unlimited"
		} else {
			label += fmt.Sprintf(", TTL: %d", int32(ttl))
		}
		if referral {
			label += ", " + an
			if flags&0x0800 != 0 {
				label += " (Incomplete)"
			}
		} else {
			label += ", Action: " + an
		}
		if flags&0x1000 != 0 {
			label += ", Authoritative"
		} else {
			label += ", Not Authoritative"
		}
		rf = m.add(parent, Field{Name: "lisp.mapping", Label: label, Start: off, Len: 12 + n})
		m.add(rf, UintField("lisp.mapping.ttl", fmt.Sprintf("Record TTL: %d", ttl), off, 4, uint64(ttl)))
		m.add(rf, UintField("lisp.mapping.loccnt", "Locator Count: "+strconv.Itoa(int(m.b[off+4])), off+4, 1, uint64(m.b[off+4])))
		m.add(rf, UintField("lisp.mapping.eid.masklen", "EID Mask Length: "+strconv.Itoa(int(mask)), off+5, 1, uint64(mask)))
		m.add(rf, UintField("lisp.mapping.eid.afi", fmt.Sprintf("EID Prefix AFI: %s (%d)", lispAFIName(afi), afi), off+10, 2, uint64(afi)))
	}
	locs := int(m.b[off+4])
	off += 12
	switch afi {
	case lispAFIIPv4:
		m.ipField(rf, "lisp.mapping.eid.ipv4", "EID Prefix", off, 4)
		off += 4
	case lispAFIIPv6:
		m.ipField(rf, "lisp.mapping.eid.ipv6", "EID Prefix", off, 16)
		off += 16
	case lispAFILCAF:
		m.lcaf(off)
		off += n
	case lispAFI802, lispAFIEUI48, lispAFIDistName:
		off += n
	}
	for i := 0; i < locs; i++ {
		m.need(off, 0) // tvb_new_subset_remaining
		off += m.locator(rf, off, i+1)
	}
	return off
}

// locator is dissect_lisp_locator on the bytes from off; it returns how
// far it read.
func (m *lispMsg) locator(parent *Field, off, rec int) int {
	m.need(off, 8)
	prio, weight, mprio, mweight := m.b[off], m.b[off+1], m.b[off+2], m.b[off+3]
	flags := binary.BigEndian.Uint16(m.b[off+4:])
	afi := binary.BigEndian.Uint16(m.b[off+6:])
	var lf *Field
	if parent != nil {
		lf = m.add(parent, Field{Name: "lisp.loc", Label: "Locator Record", Start: off, Len: 8})
		m.add(lf, UintField("lisp.loc.priority", "Priority: "+strconv.Itoa(int(prio)), off, 1, uint64(prio)))
		m.add(lf, UintField("lisp.loc.weight", "Weight: "+strconv.Itoa(int(weight)), off+1, 1, uint64(weight)))
		m.add(lf, UintField("lisp.loc.multicast_priority", "Multicast Priority: "+strconv.Itoa(int(mprio)), off+2, 1, uint64(mprio)))
		m.add(lf, UintField("lisp.loc.multicast_weight", "Multicast Weight: "+strconv.Itoa(int(mweight)), off+3, 1, uint64(mweight)))
		m.add(lf, UintField("lisp.loc.afi", fmt.Sprintf("AFI: %s (%d)", lispAFIName(afi), afi), off+6, 2, uint64(afi)))
	}
	s, n, ok := m.addrStr(off+8, afi, 0)
	if !ok {
		return 8
	}
	ret := 8 + n
	if afi == lispAFILCAF {
		// the walk's end, not the LCAF's length, is how far it read
		ret = m.lcaf(off+8) - off
	} else {
		m.need(off+8, n)
		if lf != nil {
			m.add(lf, StrField("lisp.loc.locator", "Locator: "+Printable(s), off+8, n, s))
		}
	}
	if lf != nil {
		local, probed, reach := "", "", "Unreachable"
		if flags&4 != 0 {
			local = "Local "
		}
		if flags&2 != 0 {
			probed = " (probed)"
		}
		if flags&1 != 0 {
			reach = "Reachable"
		}
		lf.Label = fmt.Sprintf("Locator Record %d, %sRLOC: %s%s, %s, Priority/Weight: %d/%d, Multicast Priority/Weight: %d/%d",
			rec, local, s, probed, reach, prio, weight, mprio, mweight)
		lf.Len = 8 + n
	}
	return ret
}
