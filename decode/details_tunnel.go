package decode

import (
	"encoding/binary"
	"fmt"
)

// The details tree of the outer layers the index pass follows (tunnel.go,
// wlan.go), labelled as tshark -V labels them. Each function appends its
// layer and goes on with what it carries; every read is bounds-checked.

// tunnelDepth bounds nesting in the details tree as MaxEncap does in Parse.
func (d *dissector) deeper() bool {
	d.depth++
	return d.depth <= MaxEncap
}

func yesNo(v uint32, mask uint32) string {
	if v&mask != 0 {
		return "Yes"
	}
	return "No"
}

// gre dissects a GRE header (RFC 2784, RFC 2890) at off and its payload.
func (d *dissector) gre(off, end int) {
	if !d.has(off, 4) || !d.deeper() {
		d.malformed(off)
		return
	}
	fl, pt := uint32(d.u16(off)), d.u16(off+2)
	n := greHeaderLen(d.data[off:])
	if n == 0 {
		d.malformed(off)
		return
	}
	name := greProtoName(uint16(pt))
	f := Field{Name: "gre", Label: "Generic Routing Encapsulation (" + name + ")", Start: off, Len: n, Children: []Field{
		{Name: "gre.flags_and_version", Label: fmt.Sprintf("Flags and Version: 0x%04x", fl), Start: off, Len: 2, Children: []Field{
			{Name: "gre.flags.checksum", Label: fmt.Sprintf("%s = Checksum Bit: %s", bitString(fl, 16, 0x8000), yesNo(fl, 0x8000)), Start: off, Len: 2},
			{Name: "gre.flags.routing", Label: fmt.Sprintf("%s = Routing Bit: %s", bitString(fl, 16, 0x4000), yesNo(fl, 0x4000)), Start: off, Len: 2},
			{Name: "gre.flags.key", Label: fmt.Sprintf("%s = Key Bit: %s", bitString(fl, 16, 0x2000), yesNo(fl, 0x2000)), Start: off, Len: 2},
			{Name: "gre.flags.sequence_number", Label: fmt.Sprintf("%s = Sequence Number Bit: %s", bitString(fl, 16, 0x1000), yesNo(fl, 0x1000)), Start: off, Len: 2},
			{Name: "gre.flags.strict_source_route", Label: fmt.Sprintf("%s = Strict Source Route Bit: %s", bitString(fl, 16, 0x0800), yesNo(fl, 0x0800)), Start: off, Len: 2},
			{Name: "gre.flags.recursion_control", Label: fmt.Sprintf("%s = Recursion control: %d", bitString(fl, 16, 0x0700), fl>>8&7), Start: off, Len: 2},
			greReserved(fl, off),
			{Name: "gre.flags.version", Label: fmt.Sprintf("%s = Version: %s (%d)", bitString(fl, 16, 7), map[bool]string{true: "GRE", false: "Enhanced GRE"}[fl&7 == 0], fl&7), Start: off, Len: 2},
		}},
		{Name: "gre.proto", Label: fmt.Sprintf("Protocol Type: %s (0x%04x)", name, pt), Start: off + 2, Len: 2},
	}}
	p := off + 4
	if fl&(greChecksum|greRouting) != 0 {
		f.Children = append(f.Children,
			Field{Name: "gre.checksum", Label: fmt.Sprintf("Checksum: 0x%04x", d.u16(p)), Start: p, Len: 2},
			Field{Name: "gre.offset", Label: fmt.Sprintf("Offset: %d", d.u16(p+2)), Start: p + 2, Len: 2})
		p += 4
	}
	if fl&greKey != 0 {
		if fl&7 == 1 { // enhanced GRE (PPTP): payload length and call ID
			f.Children = append(f.Children, Field{Label: fmt.Sprintf("Payload Length: %d", d.u16(p)), Start: p, Len: 2},
				Field{Label: fmt.Sprintf("Call ID: %d", d.u16(p+2)), Start: p + 2, Len: 2})
		} else {
			f.Children = append(f.Children, Field{Name: "gre.key", Label: fmt.Sprintf("Key: 0x%08x", d.u32(p)), Start: p, Len: 4})
		}
		p += 4
	}
	if fl&greSeq != 0 {
		f.Children = append(f.Children, Field{Name: "gre.sequence_number", Label: fmt.Sprintf("Sequence Number: %d", d.u32(p)), Start: p, Len: 4})
		p += 4
	}
	d.out = append(d.out, f)
	d.greBody(fl, pt, off+n, end)
}

func (d *dissector) greBody(fl uint32, pt, off, end int) {
	switch pt {
	case 0x0800, 0x86dd, etherTEB, 0x8847, 0x8848:
		d.etherPayload(pt, off)
	case etherERSPAN:
		if fl&greSeq == 0 {
			d.out = append(d.out, Field{Name: "erspan", Label: "Encapsulated Remote Switch Packet ANalysis Type I", Start: off})
			d.ethernet(off)
			return
		}
		d.erspan(off, 2)
	case etherERSPAN3:
		d.erspan(off, 3)
	case etherPPP:
		d.ppp(off, end)
	case etherCMD:
		if !d.has(off, 8) {
			d.malformed(off)
			return
		}
		next := d.u16(off)
		d.out = append(d.out, Field{Name: "cmd", Label: "Cisco MetaData", Start: off, Len: 6, Children: []Field{
			{Name: "cmd.type", Label: "Type: " + etherTypeName(next), Start: off, Len: 2},
			{Name: "cmd.version", Label: fmt.Sprintf("Version: %d", d.u8(off+2)), Start: off + 2, Len: 1},
			{Name: "cmd.length", Label: fmt.Sprintf("Length: %d", d.u8(off+3)), Start: off + 3, Len: 1},
			{Label: fmt.Sprintf("Options: 0x%04x", d.u16(off+4)), Start: off + 4, Len: 2},
			{Name: "cmd.sgt", Label: fmt.Sprintf("SGT: %d", d.u16(off+6)), Start: off + 6, Len: 2},
		}})
		d.etherPayload(next, off+8)
	default:
		d.rest(off)
	}
}

// erspan dissects an ERSPAN type II or III header and the mirrored frame.
func (d *dissector) erspan(off, typ int) {
	n := 8
	if typ == 3 {
		n = 12
		if d.has(off, 12) && d.u8(off+11)&1 != 0 {
			n = 20
		}
	}
	if !d.has(off, n) {
		d.malformed(off)
		return
	}
	w0, w1 := uint32(d.u16(off)), uint32(d.u16(off+2))
	roman := map[int]string{2: "II", 3: "III"}[typ]
	f := Field{Name: "erspan", Label: "Encapsulated Remote Switch Packet ANalysis Type " + roman, Start: off, Len: len(d.data) - off, Children: []Field{
		{Name: "erspan.version", Label: fmt.Sprintf("%s = Version: Type %s (%d)", bitString(w0, 16, 0xf000), roman, w0>>12), Start: off, Len: 2},
		{Name: "erspan.vlan", Label: fmt.Sprintf("%s = Vlan: %d", bitString(w0, 16, 0x0fff), w0&0xfff), Start: off, Len: 2},
		{Name: "erspan.cos", Label: fmt.Sprintf("%s = COS: %d", bitString(w1, 16, 0xe000), w1>>13), Start: off + 2, Len: 2},
	}}
	if typ == 2 {
		f.Children = append(f.Children,
			Field{Name: "erspan.encap", Label: fmt.Sprintf("%s = Encap: %s (%d)", bitString(w1, 16, 0x1800), erspanEncapName(w1>>11&3), w1>>11&3), Start: off + 2, Len: 2},
			Field{Name: "erspan.truncated", Label: fmt.Sprintf("%s = Truncated: %s (%d)", bitString(w1, 16, 0x0400), map[bool]string{false: "Not truncated", true: "Truncated"}[w1&0x400 != 0], w1>>10&1), Start: off + 2, Len: 2},
			Field{Name: "erspan.spanid", Label: fmt.Sprintf("%s = SpanID: %d", bitString(w1, 16, 0x03ff), w1&0x3ff), Start: off + 2, Len: 2},
			Field{Name: "erspan.index", Label: fmt.Sprintf("%s = Index: %d", bitString(d.u32(off+4), 32, 0xfffff), d.u32(off+4)&0xfffff), Start: off + 4, Len: 4})
	} else {
		f.Children = append(f.Children,
			Field{Name: "erspan.spanid", Label: fmt.Sprintf("%s = SpanID: %d", bitString(w1, 16, 0x03ff), w1&0x3ff), Start: off + 2, Len: 2},
			Field{Name: "erspan.timestamp", Label: fmt.Sprintf("%s = Timestamp: %d", bitString(d.u32(off+4), 32, 0xffffffff), d.u32(off+4)), Start: off + 4, Len: 4},
			Field{Name: "erspan.sgt", Label: fmt.Sprintf("%s = Security Group Tag: %d", bitString(uint32(d.u16(off+8)), 16, 0xffff), d.u16(off+8)), Start: off + 8, Len: 2})
	}
	d.out = append(d.out, f)
	d.ethernet(off + n)
}

func erspanEncapName(v uint32) string {
	return [4]string{"Originally without VLAN tag", "Originally ISL encapsulated", "Originally 802.1Q encapsulated", "VLAN tag preserved in frame"}[v&3]
}

// udpTunnel dissects the payload of a UDP datagram to or from a tunnel
// port, trying the lower port first as Wireshark does; false when neither
// port names a tunnel whose header is there.
func (d *dissector) udpTunnel(sp, dp, off, end int) bool {
	lo, hi := min(sp, dp), max(sp, dp)
	for _, p := range [2]int{lo, hi} {
		switch {
		case p == portVXLAN && d.has(off, 8):
			d.vxlan(off)
		case p == portGeneve && d.has(off, 8) && d.u8(off)>>6 == 0 && d.has(off, 8+d.u8(off)&0x3f*4):
			d.geneve(off)
		case p == portGTPU || p == portGTPC || p == portGTPPrime:
			if _, ok := parseGTP(d.data[min(off, end):end]); !ok {
				continue
			}
			d.gtp(off, end)
		case p == portTeredo && teredoStart(d.data[min(off, len(d.data)):]) >= 0:
			d.teredo(off)
		case p == portGREOverUD && greHeaderLen(d.data[min(off, len(d.data)):]) > 0:
			d.gre(off, end)
		case p == portL2TP && l2tpDataLen(d.data[min(off, end):end]) > 0:
			d.l2tp(off, end)
		case p == portCAPWAPData && capwapTunnelStart(d.data[min(off, end):end]) > 0:
			d.capwap(off, end)
		default:
			continue
		}
		return true
	}
	return false
}

// l2tpDataLen is the header length of an L2TPv2 data message that carries
// a payload, or 0 (see Headers.l2tpData).
func l2tpDataLen(b []byte) int {
	n := l2tpHeaderLen(b)
	if n == 0 || n == len(b) || b[0]&0x80 != 0 {
		return 0
	}
	return n
}

// l2tp dissects an L2TPv2 data message's header (proto_l2tp.go builds its
// lines) and the PPP frame after it.
func (d *dissector) l2tp(off, end int) {
	if !d.deeper() {
		return
	}
	b := d.data[off:end]
	n := l2tpDataLen(b)
	f := Field{Name: "l2tp", Label: "Layer 2 Tunneling Protocol", Start: off, Len: n, Kind: FieldProto, Children: l2tpHeader(b, n)}
	Shift(f.Children, off)
	d.out = append(d.out, f)
	d.ppp(off+n, end)
}

func (d *dissector) vxlan(off int) {
	if !d.deeper() {
		return
	}
	fl := uint32(d.u16(off))
	d.out = append(d.out, Field{Name: "vxlan", Label: "Virtual eXtensible Local Area Network", Start: off, Len: 8, Children: []Field{
		{Name: "vxlan.flags", Label: fmt.Sprintf("Flags: 0x%04x%s", fl, map[bool]string{true: ", VXLAN Network ID (VNI)"}[fl&0x0800 != 0]), Start: off, Len: 2},
		{Label: fmt.Sprintf("Group Policy ID: %d", d.u16(off+2)), Start: off + 2, Len: 2},
		{Name: "vxlan.vni", Label: fmt.Sprintf("VXLAN Network Identifier (VNI): %d", d.u32(off+4)>>8), Start: off + 4, Len: 3},
		{Label: fmt.Sprintf("Reserved: %d", d.u8(off+7)), Start: off + 7, Len: 1},
	}})
	d.ethernet(off + 8)
}

func (d *dissector) geneve(off int) {
	if !d.deeper() {
		return
	}
	n := 8 + d.u8(off)&0x3f*4
	pt := d.u16(off + 2)
	vni := d.u32(off+4) >> 8
	fl := uint32(d.u8(off + 1))
	d.out = append(d.out, Field{Name: "geneve", Label: fmt.Sprintf("Generic Network Virtualization Encapsulation, VNI: 0x%06x", vni), Start: off, Len: n, Children: []Field{
		{Name: "geneve.version", Label: fmt.Sprintf("Version: %d", d.u8(off)>>6), Start: off, Len: 1},
		{Label: fmt.Sprintf("Length: %d bytes", n), Start: off, Len: 1},
		{Label: fmt.Sprintf("Flags: 0x%02x", fl), Start: off + 1, Len: 1},
		{Name: "geneve.proto_type", Label: "Protocol Type: " + geneveProtoName(pt), Start: off + 2, Len: 2},
		{Name: "geneve.vni", Label: fmt.Sprintf("Virtual Network Identifier (VNI): 0x%06x (%d)", vni, vni), Start: off + 4, Len: 3},
	}})
	if n > 8 {
		d.out[len(d.out)-1].Children = append(d.out[len(d.out)-1].Children, Field{Name: "geneve.options", Label: fmt.Sprintf("Options: (%d bytes)", n-8), Start: off + 8, Len: n - 8})
	}
	d.etherPayload(pt, off+n)
}

func geneveProtoName(pt int) string {
	if pt == etherTEB {
		return fmt.Sprintf("Transparent Ethernet bridging (0x%04x)", pt)
	}
	return etherTypeName(pt)
}

// teredoStart is the offset of the IPv6 packet in a Teredo payload, after
// the optional authentication and origin indication headers, or -1.
func teredoStart(b []byte) int {
	p := 0
	for range 2 {
		if len(b)-p < 2 || b[p] != 0 {
			break
		}
		switch b[p+1] {
		case 1:
			if len(b)-p < 4 {
				return -1
			}
			p += 4 + int(b[p+2]) + int(b[p+3]) + 9
		case 0:
			p += 8
		default:
			return -1
		}
		if p > len(b) {
			return -1
		}
	}
	if len(b)-p < 40 || b[p]>>4 != 6 {
		return -1
	}
	return p
}

func (d *dissector) teredo(off int) {
	if !d.deeper() {
		return
	}
	start := teredoStart(d.data[off:])
	f := Field{Name: "teredo", Label: "Teredo IPv6 over UDP tunneling", Start: off, Len: len(d.data) - off}
	for p := off; p < off+start; {
		if d.u8(p+1) == 1 {
			idl, aul := d.u8(p+2), d.u8(p+3)
			n := 4 + idl + aul + 9
			f.Children = append(f.Children, Field{Name: "teredo.auth", Label: "Teredo Authentication header", Start: p, Len: n, Children: []Field{
				{Name: "teredo.auth.idlen", Label: fmt.Sprintf("Client identifier length: %d", idl), Start: p + 2, Len: 1},
				{Name: "teredo.auth.aulen", Label: fmt.Sprintf("Authentication value length: %d", aul), Start: p + 3, Len: 1},
				{Name: "teredo.auth.nonce", Label: fmt.Sprintf("Nonce value: %x", d.data[p+4+idl+aul:p+12+idl+aul]), Start: p + 4 + idl + aul, Len: 8},
				{Name: "teredo.auth.conf", Label: fmt.Sprintf("Confirmation byte: %02x", d.u8(p+12+idl+aul)), Start: p + 12 + idl + aul, Len: 1},
			}})
			p += n
			continue
		}
		port := d.u16(p+2) ^ 0xffff
		var a [4]byte
		for k := range a {
			a[k] = d.data[p+4+k] ^ 0xff
		}
		f.Children = append(f.Children, Field{Name: "teredo.orig", Label: "Teredo Origin Indication header", Start: p, Len: 8, Children: []Field{
			{Name: "teredo.orig.port", Label: fmt.Sprintf("Origin UDP port: %d", port), Start: p + 2, Len: 2},
			{Name: "teredo.orig.addr", Label: "Origin IPv4 address: " + ipString(a[:]), Start: p + 4, Len: 4},
		}})
		p += 8
	}
	d.out = append(d.out, f)
	d.ipv6(off + start)
}

// pppoe dissects a PPPoE session or discovery header (RFC 2516).
func (d *dissector) pppoe(off int, session bool) {
	if !d.has(off, 6) || !d.deeper() {
		d.malformed(off)
		return
	}
	vt := uint32(d.u8(off))
	code := d.u8(off + 1)
	plen := d.u16(off + 4)
	name, label := "pppoes", "PPP-over-Ethernet Session"
	if !session {
		name, label = "pppoed", "PPP-over-Ethernet Discovery"
	}
	n := 6
	if !session {
		n = min(6+plen, len(d.data)-off) // tshark's discovery layer spans its tags
	}
	d.out = append(d.out, Field{Name: name, Label: label, Start: off, Len: n, Children: []Field{
		{Name: "pppoe.version", Label: fmt.Sprintf("%s = Version: %d", bitString(vt, 8, 0xf0), vt>>4), Start: off, Len: 1},
		{Name: "pppoe.type", Label: fmt.Sprintf("%s = Type: %d", bitString(vt, 8, 0x0f), vt&0xf), Start: off, Len: 1},
		{Name: "pppoe.code", Label: fmt.Sprintf("Code: %s (0x%02x)", pppoeCodeName(code), code), Start: off + 1, Len: 1},
		{Name: "pppoe.session_id", Label: fmt.Sprintf("Session ID: 0x%04x", d.u16(off+2)), Start: off + 2, Len: 2},
		{Name: "pppoe.payload_length", Label: fmt.Sprintf("Payload Length: %d", plen), Start: off + 4, Len: 2},
	}})
	if session {
		d.ppp(off+6, min(off+6+plen, len(d.data)))
		return
	}
	d.rest(off + 6)
}

func pppoeCodeName(c int) string {
	switch c {
	case 0x00:
		return "Session Data"
	case 0x07:
		return "Active Discovery Offer (PADO)"
	case 0x09:
		return "Active Discovery Initiation (PADI)"
	case 0x19:
		return "Active Discovery Request (PADR)"
	case 0x65:
		return "Active Discovery Session-confirmation (PADS)"
	case 0xa7:
		return "Active Discovery Terminate (PADT)"
	}
	return "Unknown"
}

// ppp dissects a PPP header (possibly in HDLC-like framing) and its payload.
func (d *dissector) ppp(off, end int) {
	if !d.has(off, 1) || !d.deeper() {
		d.malformed(off)
		return
	}
	f := Field{Name: "ppp", Label: "Point-to-Point Protocol", Start: off}
	if d.has(off, 2) && d.u8(off) == 0xff && d.u8(off+1) == 0x03 {
		f.Children = append(f.Children,
			Field{Name: "ppp.address", Label: "Address: 0xff", Start: off, Len: 1},
			Field{Name: "ppp.control", Label: "Control: 0x03", Start: off + 1, Len: 1})
		off += 2
	}
	proto, n := d.u8(off), 1
	if proto&1 == 0 {
		if !d.has(off, 2) {
			d.malformed(off)
			return
		}
		proto, n = d.u16(off), 2
	}
	f.Len = off + n - f.Start
	f.Children = append(f.Children, Field{Name: "ppp.protocol", Label: fmt.Sprintf("Protocol: %s (0x%04x)", pppProtoName(proto), proto), Start: off, Len: n})
	d.out = append(d.out, f)
	switch proto {
	case pppIPv4:
		d.ipv4(off + n)
	case pppIPv6:
		d.ipv6(off + n)
	case pppMPLSUnicast, pppMPLSMulticast:
		d.mpls(off + n)
	default:
		d.rest(off + n)
	}
}

func pppProtoName(p int) string {
	switch p {
	case pppIPv4:
		return "Internet Protocol version 4"
	case pppIPv6:
		return "Internet Protocol version 6"
	case pppMPLSUnicast:
		return "MPLS Unicast"
	case pppMPLSMulticast:
		return "MPLS Multicast"
	case 0xc021:
		return "Link Control Protocol"
	case 0x8021:
		return "Internet Protocol Control Protocol"
	case 0x8057:
		return "IPv6 Control Protocol"
	case 0xc023:
		return "Password Authentication Protocol"
	case 0xc223:
		return "Challenge Handshake Authentication Protocol"
	}
	return "Unknown"
}

// radiotap dissects a radiotap header and the 802.11 frame after it.
func (d *dissector) radiotap() {
	n, fcs := radiotapLen(d.data)
	if n == 0 {
		d.malformed(0)
		return
	}
	d.out = append(d.out, Field{Name: "radiotap", Label: fmt.Sprintf("Radiotap Header v0, Length %d", n), Len: n, Kind: FieldProto, Children: []Field{
		{Name: "radiotap.version", Label: "Header revision: 0", Len: 1},
		{Name: "radiotap.pad", Label: fmt.Sprintf("Header pad: %d", d.u8(1)), Start: 1, Len: 1},
		UintField("radiotap.length", fmt.Sprintf("Header length: %d", n), 2, 2, uint64(n)),
		{Name: "radiotap.present.word", Label: fmt.Sprintf("Present flags word: 0x%08x", binary.LittleEndian.Uint32(d.data[4:])), Start: 4, Len: 4},
	}})
	end := len(d.data)
	if fcs && end-4 >= n {
		end -= 4
	}
	d.wlan(n, end, fcs)
}

// ppi dissects a Per-Packet Information header and the frame after it.
func (d *dissector) ppi() {
	if !d.has(0, 8) {
		d.malformed(0)
		return
	}
	n := int(binary.LittleEndian.Uint16(d.data[2:]))
	dlt := binary.LittleEndian.Uint32(d.data[4:])
	if n < 8 || !d.has(0, n) {
		d.malformed(0)
		return
	}
	d.out = append(d.out, Field{Name: "ppi", Label: "PPI version 0, " + fmt.Sprint(n) + " bytes", Len: n, Children: []Field{
		{Name: "ppi.version", Label: "Version: 0", Len: 1},
		{Name: "ppi.flags", Label: fmt.Sprintf("Flags: 0x%02x", d.u8(1)), Start: 1, Len: 1},
		{Name: "ppi.length", Label: fmt.Sprintf("Header length: %d", n), Start: 2, Len: 2},
		{Name: "ppi.dlt", Label: fmt.Sprintf("DLT: %d", dlt), Start: 4, Len: 4},
	}})
	switch dlt {
	case uint32(LinkIEEE80211):
		d.wlan(n, len(d.data), false)
	case uint32(LinkEthernet):
		d.ethernet(n)
	default:
		d.rest(n)
	}
}

// wlan dissects an IEEE 802.11 data frame that carries a packet, from off
// to end (the FCS excluded); the 802.11 dissector (proto_wlan.go) shows the
// frames that carry none (Headers.WLAN), so they add nothing here.
func (d *dissector) wlan(off, end int, fcs bool) {
	if !d.has(off, 24) || d.u8(off)>>2&3 != wlanTypeData {
		return
	}
	fc0, fc1 := d.u8(off), byte(d.u8(off+1))
	n := wlanHeaderLen(wlanTypeData, fc0>>4, fc1)
	if fc0>>4&4 != 0 || fc1&wlanProtected != 0 || !d.has(off, n) || n > end-off {
		return
	}
	fs := []Field{wlanHeader(d.data[off:off+n], n, fcs)}
	Shift(fs, off)
	d.out = append(d.out, fs...)
	d.llc(off+n, end)
}

// llc dissects an 802.2 LLC header with SNAP and its EtherType payload.
func (d *dissector) llc(off, end int) {
	if !d.has(off, 8) || d.u8(off) != 0xaa || d.u8(off+1) != 0xaa || d.u8(off+2) != 3 {
		d.rest(off)
		return
	}
	et := d.u16(off + 6)
	d.out = append(d.out, Field{Name: "llc", Label: "Logical-Link Control", Start: off, Len: 8, Children: []Field{
		{Name: "llc.dsap", Label: "DSAP: SNAP (0xaa)", Start: off, Len: 1, Num: 0xaa},
		{Name: "llc.ssap", Label: "SSAP: SNAP (0xaa)", Start: off + 1, Len: 1, Num: 0xaa},
		{Name: "llc.control", Label: "Control field: U, func=UI (0x03)", Start: off + 2, Len: 1, Num: 3},
		llcOUI(d.data[off+3:off+6], off+3),
		{Name: "llc.type", Label: "Type: " + etherTypeName(et), Start: off + 6, Len: 2},
	}})
	_ = end
	d.etherPayload(et, off+8)
}

// udpChecksumLabel is the UDP checksum line; zero means "none" over IPv4,
// and is illegal over IPv6 (strict) except in the datagram an ICMPv6 error
// quotes, where tshark lets it pass as over IPv4.
func udpChecksumLabel(sum int, strict bool) string {
	if sum == 0 && !strict {
		return "Checksum: 0x0000 [zero-value ignored]"
	}
	if sum == 0 {
		// RFC 8200 §8.1: IPv6 forbids a zero UDP checksum; packet-udp.c
		// says so unless told to ignore it (off by default)
		return "Checksum: 0x0000 [zero-value illegal]"
	}
	return fmt.Sprintf("Checksum: 0x%04x [unverified]", sum)
}

// innermostUDPStream keeps the stream index on the innermost UDP layer only:
// it is that conversation's number (an outer tunnel's has its own).
func innermostUDPStream(out []Field) {
	last := -1
	for i := range out {
		if out[i].Name == "udp" {
			last = i
		}
	}
	for i := range out {
		if out[i].Name != "udp" || i == last {
			continue
		}
		kept := out[i].Children[:0:0]
		for _, c := range out[i].Children {
			if c.Name != "udp.stream" {
				kept = append(kept, c)
			}
		}
		out[i].Children = kept
	}
}

// llcOUI is the SNAP organization code line; tshark names 00:00:00 with
// its (truncated) manufacturer text.
func llcOUI(oui []byte, at int) Field {
	l := fmt.Sprintf("Organization Code: %02x:%02x:%02x", oui[0], oui[1], oui[2])
	if oui[0]|oui[1]|oui[2] == 0 {
		l += " (Officially Xerox, but"
	}
	return Field{Name: "llc.oui", Label: l, Start: at, Len: 3, Num: uint64(oui[0])<<16 | uint64(oui[1])<<8 | uint64(oui[2])}
}

// greReserved is the reserved-flags line; enhanced GRE (version 1) uses one
// of those bits for its acknowledgement flag.
func greReserved(fl uint32, off int) Field {
	if fl&7 == 1 {
		return Field{Label: fmt.Sprintf("%s = Flags (Reserved): %d", bitString(fl, 16, 0x0078), fl>>3&0xf), Start: off, Len: 2}
	}
	return Field{Name: "gre.flags.reserved", Label: fmt.Sprintf("%s = Flags (Reserved): %d", bitString(fl, 16, 0x00f8), fl>>3&0x1f), Start: off, Len: 2}
}

// capwapTunnelStart is where the frame a CAPWAP data message carries
// begins when Headers.capwapData decodes it as a tunnel, else 0.
func capwapTunnelStart(b []byte) int {
	n, _ := capwapTunnelLen(b)
	return n
}

// capwap dissects a CAPWAP data message's preamble and header
// (proto_capwap.go builds its lines) and the IEEE 802.3 or 802.11 frame
// after it; an 802.11 frame's frame control bytes come swapped.
func (d *dissector) capwap(off, end int) {
	if !d.deeper() {
		return
	}
	b := d.data[off:end]
	n, wlan := capwapTunnelLen(b)
	top := []Field{CAPWAPDataTree(b)}
	Shift(top, off)
	d.out = append(d.out, top...)
	if !wlan {
		d.ethernet(off + n)
		return
	}
	at := off + n
	w := append([]byte(nil), d.data[at:end]...)
	w[0], w[1] = w[1], w[0]
	hl := wlanHeaderLen(wlanTypeData, int(w[0]>>4), w[1])
	fs := []Field{wlanHeader(w[:hl], hl, false)}
	capwapSwappedFC(fs, d.data[at:end])
	Shift(fs, at)
	d.out = append(d.out, fs...)
	d.llc(at+hl, end)
}
