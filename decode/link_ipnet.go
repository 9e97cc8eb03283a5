package decode

import (
	"encoding/binary"
	"fmt"
	"strconv"
)

// Solaris ipnet (LINKTYPE_IPNET, 226): the header Solaris 11's /dev/ipnet
// puts in front of each IPv4 or IPv6 packet it shows (libpcap's ipnet.h):
// version, address family (Solaris's AF_INET 2, AF_INET6 26), hook type,
// the packet's length, interface, group interface and zone numbers, all
// big-endian. Shown as tshark 4.0's packet-ipnet.c shows it: Protocol
// "IPNET" and Info "Solaris IPNET" until the packet inside writes its own;
// the packet starts the data length back from the end of what was
// captured, not after the header. Hand-written: gopacket has no ipnet layer.

const (
	LinkIPNET uint16 = 226

	ipnetHeaderLen = 24
	ipnetAFInet    = 2
	ipnetAFInet6   = 26
)

var ipnetLayer = &Dissector{Name: "ipnet", Fields: []FieldDef{
	{Name: "ipnet.version", Desc: "Header version", Kind: FieldUint, Bits: 8},
	{Name: "ipnet.family", Desc: "Address family", Kind: FieldUint, Bits: 8},
	{Name: "ipnet.htype", Desc: "Hook type", Kind: FieldUint, Bits: 16},
	{Name: "ipnet.pktlen", Desc: "Data length", Kind: FieldUint, Bits: 32},
	{Name: "ipnet.ifindex", Desc: "Interface index", Kind: FieldUint, Bits: 32},
	{Name: "ipnet.grifindex", Desc: "Group interface index", Kind: FieldUint, Bits: 32},
	{Name: "ipnet.zsrc", Desc: "Source Zone ID", Kind: FieldUint, Bits: 32},
	{Name: "ipnet.zdst", Desc: "Destination Zone ID", Kind: FieldUint, Bits: 32},
}}

func init() { register(ipnetLayer) }

// ipnetPayload is where the packet behind an ipnet header starts: the data
// length back from the end of the captured bytes. packet-ipnet.c takes
// that difference as a signed offset, so a length past the captured bytes
// counts once more from the end, and past twice them is out of bounds
// (ok false).
func ipnetPayload(b []byte) (int, bool) {
	if len(b) < ipnetHeaderLen {
		return 0, false
	}
	off := int64(len(b)) - int64(binary.BigEndian.Uint32(b[4:]))
	if off < 0 {
		off += int64(len(b))
	}
	if off < 0 {
		return 0, false
	}
	return int(off), true
}

// ipnetVersion is the IP version (4, 6, or 0 for neither) an ipnet family names.
func ipnetVersion(fam byte) int {
	switch fam {
	case ipnetAFInet:
		return 4
	case ipnetAFInet6:
		return 6
	}
	return 0
}

// ipnet reads the packet behind an ipnet header. A data length of 0 leaves
// IP no bytes: tshark's IP layer then throws before it adds its item, so
// the packet has no "ip" to filter on.
func (h *Headers) ipnet(b []byte) {
	if off, ok := ipnetPayload(b); ok && off < len(b) {
		h.ipVersion(ipnetVersion(b[1]), b[off:])
	}
}

// describeIPNET names an ipnet packet whose columns stop at the header: a
// header cut short, a data length past the packet, a family that is not
// IP, an IP packet with no bytes.
func describeIPNET(h *Headers) (string, string, bool) {
	if h.Link != LinkIPNET || h.Net != 0 {
		return "", "", false
	}
	off, ok := ipnetPayload(h.raw)
	switch {
	case !ok:
		return "IPNET", "Solaris IPNET[Malformed Packet]", true
	case ipnetVersion(h.raw[1]) == 0:
		return "IPNET", "Solaris IPNET", true
	case off == len(h.raw):
		return "IPNET", "Solaris IPNET[Malformed Packet]", true
	}
	return "", "", false
}

// ipnet is the details tree of an ipnet header, then of its packet. A
// header cut short keeps the fields that fit.
func (d *dissector) ipnet() {
	b := d.data
	f := Field{Name: "ipnet", Label: "Solaris IPNET", Len: min(ipnetHeaderLen, len(b)), Kind: FieldProto}
	fits := func(at, n int, mk func() Field) {
		if d.has(at, n) {
			f.Children = append(f.Children, mk())
		}
	}
	u32 := func(name, title string, at int) {
		fits(at, 4, func() Field {
			v := d.u32(at)
			return UintField(name, title+": "+strconv.FormatUint(uint64(v), 10), at, 4, uint64(v))
		})
	}
	fits(0, 1, func() Field {
		return UintField("ipnet.version", fmt.Sprintf("Header version: %d", b[0]), 0, 1, uint64(b[0]))
	})
	fits(1, 1, func() Field {
		name := map[byte]string{ipnetAFInet: "Solaris AF_INET", ipnetAFInet6: "Solaris AF_INET6"}[b[1]]
		if name == "" {
			name = "Unknown"
		}
		return UintField("ipnet.family", fmt.Sprintf("Address family: %s (%d)", name, b[1]), 1, 1, uint64(b[1]))
	})
	fits(2, 2, func() Field {
		return UintField("ipnet.htype", labelOr("Hook type", []string{"Inbound", "Outbound", "Local"}, d.u16(2)), 2, 2, uint64(d.u16(2)))
	})
	u32("ipnet.pktlen", "Data length", 4)
	u32("ipnet.ifindex", "Interface index", 8)
	u32("ipnet.grifindex", "Group interface index", 12)
	u32("ipnet.zsrc", "Source Zone ID", 16)
	u32("ipnet.zdst", "Destination Zone ID", 20)
	d.out = append(d.out, f)
	off, ok := ipnetPayload(b)
	if !ok {
		d.malformed(len(b))
		return
	}
	d.ipOrData(ipnetVersion(b[1]), off)
}
