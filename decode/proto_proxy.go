package decode

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"net/netip"
	"strconv"
)

// The PROXY protocol (haproxy's proxy-protocol.txt) header, versions 1 and
// 2, as Wireshark 4.0's packet-proxy.c shows it. tshark has no port for it:
// its "tcp proxy" heuristic, enabled by default, takes a segment that
// begins with the version 2 signature (at least 16 bytes) or with a version
// 1 line ("PROXY ", a CRLF-ended line within the first 113 bytes), on each
// segment offered to the heuristics, and sets no conversation dissector:
// the proxied protocol's first message, in the next segment, is found by
// the other heuristics (HTTP's), and so is the server's answer.
//
// Protocol PROXYv1 or PROXYv2; the Info column keeps TCP's summary (4.0
// writes none). A version 1 line whose every field parsed is followed, in
// the same segment, by the proxied protocol (packet-proxy.c hands the rest
// to decode_tcp_ports: ladder offers it to the heuristics); a line that did
// not parse, and a version 2 header, take the whole segment. 4.0 parses a
// version 2 header's TLVs only when the address block's length field is
// greater than the offset after the addresses (it compares the two), and
// then while the offset stays below that length; reads past the segment
// make the Info end in [Malformed Packet], as tshark's exceptions do. The
// "udp proxy" heuristic runs the same test on datagrams. Hand-written:
// gopacket has no PROXY protocol layer.

var proxyV2Magic = []byte("\r\n\r\n\x00\r\nQUIT\n")

// proxyV1MaxLine is PROXY_V1_MAX_LINE_LENGTH, how far after "PROXY " the
// line end is looked for.
const proxyV1MaxLine = 107

// proxyIsV2 is the heuristic's version 2 test.
func proxyIsV2(b []byte) bool {
	return len(b) >= 16 && bytes.HasPrefix(b, proxyV2Magic)
}

// proxyV1Len is is_proxy_v1: the length of the version 1 line b begins
// with, CRLF included, or 0. The line end is the first CR or LF in the
// 107 bytes after "PROXY "; it must be a CR followed by LF, the LF within
// those bytes' end.
func proxyV1Len(b []byte) int {
	if len(b) < 8 || !bytes.HasPrefix(b, []byte("PROXY ")) {
		return 0
	}
	eob := 6 + min(len(b), proxyV1MaxLine)
	end := min(eob, len(b))
	i := bytes.IndexAny(b[6:end], "\r\n")
	if i < 0 {
		return 0
	}
	i += 6
	if b[i] == '\r' && i+1 < eob && i+1 < len(b) && b[i+1] == '\n' {
		return i + 2
	}
	return 0
}

func proxyHeuristic(b []byte) bool { return proxyIsV2(b) || proxyV1Len(b) > 0 }

// proxyPDULen delimits what packet-proxy.c consumes of a segment: a
// version 1 line whose fields parsed, else the whole segment; bytes that
// hold no header are not its (the heuristics then look at them).
func proxyPDULen(_ *Conv, _ uint8, b []byte) int {
	if proxyIsV2(b) {
		return len(b)
	}
	if n := proxyV1Len(b); n > 0 {
		if _, ok := proxyV1(b, n, false); ok {
			return n
		}
		return len(b)
	}
	return -1
}

func proxyDissect(p *PDU, out *Out) bool {
	b := p.Data
	if proxyIsV2(b) {
		out.SetProto("PROXYv2")
		out.KeepTransportInfo()
		f, malformed := proxyV2(b, out.WantTree)
		if malformed {
			out.AppendInfo("", "[Malformed Packet]")
		}
		if out.WantTree {
			out.Add(f)
		}
		return true
	}
	n := proxyV1Len(b)
	if n == 0 {
		return false
	}
	out.SetProto("PROXYv1")
	out.KeepTransportInfo()
	if out.WantTree {
		f, _ := proxyV1(b, n, true)
		out.Add(f)
	}
	return true
}

// proxyV1 reads a version 1 line of n bytes as dissect_proxy_v1_header
// does, returning its layer and whether every field parsed.
func proxyV1(b []byte, n int, tree bool) (Field, bool) {
	top := Field{Name: "proxy", Label: "PROXY Protocol", Start: 0, Len: n, Kind: FieldProto}
	add := func(f Field) {
		if tree {
			top.Children = append(top.Children, f)
		}
	}
	add(Field{Name: "proxy.v1.magic", Label: "PROXY v1 magic", Start: 0, Len: 5, Kind: FieldLabel})
	off := 6
	// token is the text from off to the next space within the line, ok
	// false when there is none or it is empty
	token := func() (string, bool) {
		i := bytes.IndexByte(b[off:n], ' ')
		if i <= 0 {
			return "", false
		}
		return string(b[off : off+i]), true
	}
	proto, ok := token()
	if !ok {
		return top, false
	}
	add(StrField("proxy.v1.proto", "Protocol: "+Printable(proto), off, len(proto), proto))
	off += len(proto) + 1
	var names [2]string
	switch proto {
	case "TCP4", "TCP6":
		names = [2]string{"proxy.src.ipv", "proxy.dst.ipv"}
	default:
		u := string(b[off : n-2])
		add(StrField("proxy.v1.unknown", "Unknown data: "+Printable(u), off, len(u), u))
		return top, false
	}
	for i, label := range []string{"Source Address: ", "Destination Address: "} {
		s, ok := token()
		if !ok {
			return top, false
		}
		a, err := netip.ParseAddr(s)
		if err != nil || a.Zone() != "" || a.Is4() != (proto == "TCP4") {
			return top, false
		}
		if a.Is4() {
			v := a.As4()
			add(Field{Name: names[i] + "4", Label: label + a.String(), Start: off, Len: len(s), Kind: FieldIPv4, Num: uint64(binary.BigEndian.Uint32(v[:]))})
		} else {
			v := a.As16()
			add(Field{Name: names[i] + "6", Label: label + a.String(), Start: off, Len: len(s), Kind: FieldIPv6, Str: string(v[:])})
		}
		off += len(s) + 1
	}
	s, ok := token()
	if !ok {
		return top, false
	}
	port, ok := proxyPort(s)
	if !ok {
		return top, false
	}
	add(UintField("proxy.srcport", "Source Port: "+strconv.Itoa(int(port)), off, len(s), uint64(port)))
	off += len(s) + 1
	if n-2-off <= 0 {
		return top, false
	}
	s = string(b[off : n-2])
	if port, ok = proxyPort(s); !ok {
		return top, false
	}
	add(UintField("proxy.dstport", "Destination Port: "+strconv.Itoa(int(port)), off, len(s), uint64(port)))
	return top, true
}

// proxyPort is ws_strtou16 on the whole of s: decimal digits only.
func proxyPort(s string) (uint16, bool) {
	if s == "" {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	v, err := strconv.ParseUint(s, 10, 16)
	return uint16(v), err == nil
}

var proxyFamProto = map[byte]string{
	0x00: "UNSPEC", 0x11: "TCP over IPv4", 0x12: "UDP over IPv4", 0x21: "TCP over IPv6",
	0x22: "UDP over IPv6", 0x31: "UNIX stream", 0x32: "UNIX datagram",
}

var proxyTLVTypes = map[byte]string{
	0x00: "UNSPEC", 0x01: "ALPN", 0x02: "AUTHORITY", 0x03: "CRC32C", 0x04: "NOOP", 0x20: "SSL",
	0x21: "SSL VERSION", 0x22: "SSL CN", 0x23: "SSL CIPHER", 0x24: "SSL SIG ALG", 0x25: "SSL KEY ALG",
	0x30: "NETNS", 0xea: "AWS",
}

// proxyV2 reads a version 2 header as dissect_proxy_v2 does (the layer
// spans the whole segment) and tells whether a read ran past the bytes.
func proxyV2(b []byte, tree bool) (top Field, malformed bool) {
	top = Field{Name: "proxy", Label: "PROXY Protocol", Start: 0, Len: len(b), Kind: FieldProto}
	var kids []Field
	add := func(f Field) {
		if tree {
			kids = append(kids, f)
		}
	}
	defer func() {
		if malformed && tree {
			kids = append(kids, Field{Name: "_ws.malformed", Label: "[Malformed Packet: PROXY]", Kind: FieldProto})
		}
		top.Children = kids
	}()
	add(Field{Name: "proxy.v2.magic", Label: "Magic: " + hexString(b[:12]), Start: 0, Len: 12, Kind: FieldBytes, Str: string(b[:12])})
	vc := b[12]
	add(UintField("proxy.v2.version", bitsLabel8(vc, 0xf0, "Version: "+strconv.Itoa(int(vc>>4))), 12, 1, uint64(vc>>4)))
	add(UintField("proxy.v2.cmd", bitsLabel8(vc, 0x0f, "Command: "+strconv.Itoa(int(vc&0xf))), 12, 1, uint64(vc&0xf)))
	add(UintField("proxy.version", "Version: 2", 12, 1, 2))
	fp := b[13]
	fpName, ok := proxyFamProto[fp]
	if !ok {
		fpName = "Unknown"
	}
	fam := "Unknown"
	switch fp >> 4 {
	case 1:
		fam = "IPv4"
	case 2:
		fam = "IPv6"
	case 3:
		fam = "UNIX"
	}
	fpf := UintField("proxy.v2.addr_family_protocol", fmt.Sprintf("Address Family Protocol: %s (0x%02x)", fpName, fp), 13, 1, uint64(fp))
	fpf.Children = []Field{
		UintField("proxy.v2.addr_family", bitsLabel8(fp, 0xf0, fmt.Sprintf("Address Family: %s (0x%x)", fam, fp>>4)), 13, 1, uint64(fp>>4)),
		UintField("proxy.v2.protocol", bitsLabel8(fp, 0x0f, fmt.Sprintf("Protocol: 0x%x", fp&0xf)), 13, 1, uint64(fp&0xf)),
	}
	add(fpf)
	hl := int(binary.BigEndian.Uint16(b[14:]))
	add(UintField("proxy.v2.length", "Length: "+strconv.Itoa(hl), 14, 2, uint64(hl)))
	off := 16
	next := off + hl
	has := func(n int) bool { return off+n <= len(b) }
	addrs := func(n int) bool {
		if !has(2*n + 4) {
			return false
		}
		for i, label := range []string{"Source Address: ", "Destination Address: "} {
			a := b[off : off+n]
			name := [2]string{"proxy.src.ipv", "proxy.dst.ipv"}[i]
			if n == 4 {
				add(Field{Name: name + "4", Label: label + netip.AddrFrom4([4]byte(a)).String(), Start: off, Len: 4, Kind: FieldIPv4, Num: uint64(binary.BigEndian.Uint32(a))})
			} else {
				add(Field{Name: name + "6", Label: label + netip.AddrFrom16([16]byte(a)).String(), Start: off, Len: 16, Kind: FieldIPv6, Str: string(a)})
			}
			off += n
		}
		sp, dp := binary.BigEndian.Uint16(b[off:]), binary.BigEndian.Uint16(b[off+2:])
		add(UintField("proxy.srcport", "Source Port: "+strconv.Itoa(int(sp)), off, 2, uint64(sp)))
		add(UintField("proxy.dstport", "Destination Port: "+strconv.Itoa(int(dp)), off+2, 2, uint64(dp)))
		off += 4
		return true
	}
	switch fp {
	case 0x11, 0x12:
		if !addrs(4) {
			return top, true
		}
	case 0x21, 0x22:
		if !addrs(16) {
			return top, true
		}
	case 0x31, 0x32:
		if !has(216) {
			return top, true
		}
		add(Field{Name: "proxy.v2.src.unix", Label: "Source Address: " + hexEllipsis(b[off:off+108]), Start: off, Len: 108, Kind: FieldBytes, Str: string(b[off : off+108])})
		add(Field{Name: "proxy.v2.dst.unix", Label: "Destination Address: " + hexEllipsis(b[off+108:off+216]), Start: off + 108, Len: 108, Kind: FieldBytes, Str: string(b[off+108 : off+216])})
		off += 216
	default:
		if !has(hl) {
			return top, true
		}
		add(Field{Name: "proxy.v2.unknown", Label: "Unknown data: " + proxyBytes(b[off:off+hl]), Start: off, Len: hl, Kind: FieldBytes, Str: string(b[off : off+hl])})
		off += hl
	}
	if off > next {
		// the expert item on the bytes after the addresses: none left
		// is a read past the end
		return top, off >= len(b)
	}
	if off < hl {
		var tlvs []Field
		_, malformed = proxyTLVs(b, off, hl, &tlvs, tree, 0)
		kids = append(kids, tlvs...)
	}
	return top, malformed
}

// proxyTLVs is dissect_proxy_v2_tlv: TLVs from off while off is below end
// (4.0 passes the length field itself, not the offset it ends at) into out
// (an SSL TLV's sub-TLVs too, recursively, to the same end); it returns
// where it stopped and whether a TLV ran past the segment's end.
func proxyTLVs(b []byte, off, end int, out *[]Field, tree bool, depth int) (int, bool) {
	for off < end {
		if off+3 > len(b) {
			if tree {
				*out = append(*out, Field{Name: "proxy.v2.tlv", Label: "TLV", Start: min(off, len(b)), Kind: FieldLabel})
			}
			return off, true
		}
		t := b[off]
		l := int(binary.BigEndian.Uint16(b[off+1:]))
		name, ok := proxyTLVTypes[t]
		typeName := name
		if !ok {
			name, typeName = "Unknown type", "Unknown"
		}
		f := Field{Name: "proxy.v2.tlv", Label: fmt.Sprintf("TLV: (t=%d,l=%d) %s", t, l, name), Start: off, Len: 3 + l, Kind: FieldLabel}
		f.Children = []Field{
			UintField("proxy.v2.tlv.type", fmt.Sprintf("Type: %s (0x%02x)", typeName, t), off, 1, uint64(t)),
			UintField("proxy.v2.tlv.length", "Length: "+strconv.Itoa(l), off+1, 2, uint64(l)),
		}
		off += 3
		if off+l > len(b) {
			f.Len = len(b) - f.Start
			if tree {
				*out = append(*out, f)
			}
			return off, true
		}
		f.Children = append(f.Children, Field{Name: "proxy.v2.tlv.value", Label: "Value: " + proxyBytes(b[off:off+l]), Start: off, Len: l, Kind: FieldBytes, Str: string(b[off : off+l])})
		str := func(name, label string) {
			s := string(b[off : off+l])
			f.Children = append(f.Children, StrField(name, label+": "+Printable(s), off, l, s))
		}
		switch t {
		case 0x20:
			if off+5 > len(b) {
				if tree {
					*out = append(*out, f)
				}
				return off, true
			}
			f.Children = append(f.Children,
				UintField("proxy.v2.tlv.ssl.client", fmt.Sprintf("Client: 0x%02x", b[off]), off, 1, uint64(b[off])),
				UintField("proxy.v2.tlv.ssl.verify", fmt.Sprintf("Verify: 0x%08x", binary.BigEndian.Uint32(b[off+1:])), off+1, 4, uint64(binary.BigEndian.Uint32(b[off+1:]))))
			off += 5
			if depth >= 8 {
				return off, true
			}
			var bad bool
			off, bad = proxyTLVs(b, off, end, &f.Children, tree, depth+1)
			if tree {
				*out = append(*out, f)
			}
			if bad {
				return off, true
			}
			continue
		case 0x21:
			str("proxy.v2.tlv.ssl.version", "Version")
			f.Label += ": " + Printable(string(b[off:off+l]))
		case 0x22:
			str("proxy.v2.tlv.ssl.cn", "CN")
			f.Label += ": " + Printable(string(b[off:off+l]))
		case 0x23:
			str("proxy.v2.tlv.ssl.cipher", "Cipher")
		case 0x24:
			str("proxy.v2.tlv.ssl.sig_alg", "SIG ALG")
		case 0x25:
			str("proxy.v2.tlv.ssl.keu_alg", "Key ALG")
		}
		off += l
		if tree {
			*out = append(*out, f)
		}
	}
	return off, false
}

// proxyBytes is an FT_BYTES value as tshark labels it: hex cut after 36
// bytes, <MISSING> when empty.
func proxyBytes(b []byte) string {
	if len(b) == 0 {
		return "<MISSING>"
	}
	return hexEllipsis(b)
}

var proxyDissector = &Dissector{
	Name:      "proxy",
	Dissect:   proxyDissect,
	PDULen:    proxyPDULen,
	Heuristic: proxyHeuristic,
	Fields: []FieldDef{
		{Name: "proxy.version", Desc: "Version", Kind: FieldUint, Bits: 8},
		{Name: "proxy.src.ipv4", Desc: "Source Address", Kind: FieldIPv4},
		{Name: "proxy.dst.ipv4", Desc: "Destination Address", Kind: FieldIPv4},
		{Name: "proxy.src.ipv6", Desc: "Source Address", Kind: FieldIPv6},
		{Name: "proxy.dst.ipv6", Desc: "Destination Address", Kind: FieldIPv6},
		{Name: "proxy.srcport", Desc: "Source Port", Kind: FieldUint, Bits: 16},
		{Name: "proxy.dstport", Desc: "Destination Port", Kind: FieldUint, Bits: 16},
		{Name: "proxy.v1.magic", Desc: "PROXY v1 magic", Kind: FieldLabel},
		{Name: "proxy.v1.proto", Desc: "Protocol", Kind: FieldString},
		{Name: "proxy.v1.unknown", Desc: "Unknown data", Kind: FieldString},
		{Name: "proxy.v2.magic", Desc: "Magic", Kind: FieldBytes},
		{Name: "proxy.v2.version", Desc: "Version", Kind: FieldUint, Bits: 8},
		{Name: "proxy.v2.cmd", Desc: "Command", Kind: FieldUint, Bits: 8},
		{Name: "proxy.v2.addr_family_protocol", Desc: "Address Family Protocol", Kind: FieldUint, Bits: 8},
		{Name: "proxy.v2.addr_family", Desc: "Address Family", Kind: FieldUint, Bits: 8},
		{Name: "proxy.v2.protocol", Desc: "Protocol", Kind: FieldUint, Bits: 8},
		{Name: "proxy.v2.length", Desc: "Length", Kind: FieldUint, Bits: 16},
		{Name: "proxy.v2.src.unix", Desc: "Source Address", Kind: FieldBytes},
		{Name: "proxy.v2.dst.unix", Desc: "Destination Address", Kind: FieldBytes},
		{Name: "proxy.v2.unknown", Desc: "Unknown data", Kind: FieldBytes},
		{Name: "proxy.v2.tlv", Desc: "TLV", Kind: FieldLabel},
		{Name: "proxy.v2.tlv.type", Desc: "Type", Kind: FieldUint, Bits: 8},
		{Name: "proxy.v2.tlv.length", Desc: "Length", Kind: FieldUint, Bits: 16},
		{Name: "proxy.v2.tlv.value", Desc: "Value", Kind: FieldBytes},
		{Name: "proxy.v2.tlv.ssl.client", Desc: "Client", Kind: FieldUint, Bits: 8},
		{Name: "proxy.v2.tlv.ssl.verify", Desc: "Verify", Kind: FieldUint, Bits: 32},
		{Name: "proxy.v2.tlv.ssl.version", Desc: "Version", Kind: FieldString},
		{Name: "proxy.v2.tlv.ssl.cn", Desc: "CN", Kind: FieldString},
		{Name: "proxy.v2.tlv.ssl.cipher", Desc: "Cipher", Kind: FieldString},
		{Name: "proxy.v2.tlv.ssl.sig_alg", Desc: "SIG ALG", Kind: FieldString},
		{Name: "proxy.v2.tlv.ssl.keu_alg", Desc: "Key ALG", Kind: FieldString},
	},
}

// proxyUDP is the "udp proxy" heuristic: the same test and header; the
// datagram's bytes after a version 1 line are not dissected further here
// (tshark hands them to its TCP port and heuristic tables, usually Data).
var proxyUDP = &Dissector{Name: "proxy", Dissect: proxyDissect, Heuristic: proxyHeuristic, Fields: proxyDissector.Fields}

func init() {
	RegisterTCP(proxyDissector)
	RegisterUDP(proxyUDP)
}
