package decode

import (
	"encoding/binary"
	"fmt"
)

// Net says which network layer a packet carries.
type Net uint8

const (
	NetNone Net = iota
	NetIPv4
	NetIPv6
	NetARP
)

// Transport protocol numbers ladder understands.
const (
	ProtoICMP   = 1
	ProtoTCP    = 6
	ProtoUDP    = 17
	ProtoICMPv6 = 58
)

// TCP flag bits as in the header (AE in bit 8, the reserved bits above it).
const (
	FlagFIN uint16 = 1 << iota
	FlagSYN
	FlagRST
	FlagPSH
	FlagACK
	FlagURG
	FlagECE
	FlagCWR
	FlagAE       // accurate ECN (formerly NS)
	FlagReserved = 0x0e00
)

// Headers is the result of one fast walk over a packet's headers. It holds
// views into the packet bytes, allocates nothing, and is reused per packet.
type Headers struct {
	Link      uint16
	Missing   int    // bytes on the wire that the capture cut off (OrigLen - CapLen)
	Truncated bool   // the transport header itself was cut off by the snapshot length
	EthSrc    []byte // 6 bytes when the link has MAC addresses
	EthDst    []byte
	VLANs     [4]uint16
	NumVLAN   int
	EtherType uint16
	// viaSNAP: EtherType came from an LLC/SNAP header (RFC 1042), whose
	// organisation code is snapOUI; an EtherType nothing dissects then
	// reads as tshark's LLC line rather than "Ethernet II".
	viaSNAP bool
	snapOUI uint32
	// bogusProto and bogusInfo are the columns of an IP header whose
	// version, header length or total length tshark rejects before it
	// reads on (the IP dissectors' "Bogus ..." texts).
	bogusProto, bogusInfo string
	// v6ExtInfo is the Info text of the last IPv6 hop-by-hop, routing or
	// destination options header read, which stays in the column when
	// the header after it throws.
	v6ExtInfo string
	// udpLen is the UDP header's length field as sent; the Info column
	// flags one that disagrees with the IP payload.
	udpLen int
	// LinkPayload is what follows the link header (and VLAN tags) when it
	// is not IP or ARP, for the layer-2 dissectors.
	LinkPayload []byte
	// rawLLC: LinkPayload is an 802.2 LLC PDU with no length to bound it
	// (an 802.11 data frame's body that is not LLC/SNAP).
	rawLLC bool
	// WLAN is an IEEE 802.11 frame that carries no network packet (a
	// management or control frame, a Null or protected data frame), from
	// its frame control field on and with its FCS when WLANFCS says one
	// follows: the 802.11 dissector (proto_wlan.go) reads it.
	WLAN    []byte
	WLANFCS bool

	Net      Net
	Src, Dst []byte // IPv4 (4) or IPv6 (16) addresses
	IPProto  uint8
	TTL      uint8
	IPID     uint16
	IPLen    int  // IP total length as claimed (IPv4) or header+payload (IPv6)
	Fragment bool // a fragment that is not a whole datagram
	FragOff  uint16
	IPBad    bool // IP header present but inconsistent
	// AH says an IPv4 authentication header came before the transport:
	// tshark's ICMP then shows no TTL (AH hands it no IP header).
	AH bool
	// ipEmpty: an IPv4 datagram whose total length leaves no payload (nmap's
	// protocol scan sends them; tshark dissects nothing after its header),
	// or an IPv6 one whose payload length is 0 with a next header other
	// than No Next Header (tshark hands an empty buffer on: see
	// ipv6EmptyColumns).
	ipEmpty bool
	// IPPayload is the captured IP payload of a whole datagram (any
	// protocol), for the dissectors of IGMP, PIM and the like.
	IPPayload []byte

	// Transport (TCP/UDP/ICMP) — valid when HasTransport.
	HasTransport     bool
	SrcPort, DstPort uint16
	Seq, Ack         uint32
	Flags            uint16
	Window           uint16
	Urgent           uint16
	TCPOptions       []byte
	PayloadLen       int // TCP or UDP payload length from the IP length
	Payload          []byte
	ICMPType         uint8
	ICMPCode         uint8
	ICMPBody         []byte // ICMP bytes after type/code/checksum
	TransportBad     bool   // truncated or malformed transport header

	// ARP
	ARPOp       uint16
	ARPSHA      []byte
	ARPSPA      []byte
	ARPTHA      []byte
	ARPTPA      []byte
	ARPHwType   uint16
	ARPProtType uint16

	// Encapsulation: the outer layers the packet travelled in (tunnels,
	// PPPoE, 802.11), outermost first; the fields above describe the
	// innermost network and transport layers, which make the flow.
	Encaps   [MaxEncap]Encap
	NumEncap uint8
	// Term is the innermost outer layer when its payload is not a packet
	// ladder decodes (a GRE keepalive, a GTP signalling message): that
	// layer then names the packet.
	Term EncapKind

	// Fragments (reassemble.go): the identification (32 bits for IPv6),
	// the more-fragments flag and the fragment's data; Reassembled when
	// the transport was read from the whole datagram this packet completed.
	FragID       uint32
	Reassembled  bool
	fragMore     bool
	fragPayload  []byte
	ipPayloadLen int

	raw     []byte // the bytes given to Parse, which Encap offsets index
	reasm   []byte // a reassembled datagram the innermost layers were read from
	inReasm bool   // reasm is set: an Encap may be an offset in it
}

// Parse walks the link, network and transport headers of data. It never
// panics on short or hostile input; what it cannot read it leaves zero.
func (h *Headers) Parse(link uint16, data []byte, origLen uint32) {
	*h = Headers{Link: link, raw: data}
	if int(origLen) > len(data) {
		h.Missing = int(origLen) - len(data)
	}
	switch link {
	case LinkEthernet:
		h.ethernet(data)
	case LinkRaw, LinkRawBSD, LinkRawBSD14, LinkIPv4, LinkIPv6:
		h.rawIP(data)
	case LinkNull:
		if len(data) >= 4 {
			af := binary.LittleEndian.Uint32(data)
			if af&0xffff == 0 {
				af = binary.BigEndian.Uint32(data)
			}
			h.bsdFamily(af, data[4:])
		}
	case LinkLoop:
		if len(data) >= 4 {
			h.bsdFamily(binary.BigEndian.Uint32(data), data[4:])
		}
	case LinkLinuxSLL:
		if len(data) >= 16 {
			if binary.BigEndian.Uint16(data[4:]) == 6 && binary.BigEndian.Uint16(data[2:]) == 1 {
				h.EthSrc = data[6:12]
			}
			h.etherType(binary.BigEndian.Uint16(data[14:]), data[16:])
		}
	case LinkSLL2:
		if len(data) >= 20 {
			if data[11] == 6 {
				h.EthSrc = data[12:18]
			}
			h.etherType(binary.BigEndian.Uint16(data), data[20:])
		}
	case LinkNFLog:
		h.nflog(data)
	case LinkPPP, LinkPPPHDLC:
		h.pppHDLC(data)
	case LinkIEEE80211:
		h.wlan(data, false)
	case LinkRadiotap:
		h.radiotap(data)
	case LinkPPI:
		h.ppi(data)
	case LinkCHDLC:
		h.chdlc(data)
	case LinkPFLog:
		h.pflog(data)
	case LinkENC:
		h.enc(data)
	case LinkIPNET:
		h.ipnet(data)
	case LinkFRelay:
		h.frelay(data)
	case LinkATMRFC1483:
		h.atmLLC(data)
	case LinkPrism:
		h.prism(data)
	case LinkAVS:
		h.avs(data)
	}
}

func (h *Headers) ethernet(b []byte) {
	if len(b) < 14 {
		return
	}
	h.EthDst, h.EthSrc = b[0:6], b[6:12]
	et := binary.BigEndian.Uint16(b[12:])
	b = b[14:]
	for et == 0x8100 || et == 0x88a8 || et == 0x9100 {
		if len(b) < 4 {
			// packet-vlan.c names the tag once its TCI is read, then
			// runs out of bytes before the next EtherType
			h.EtherType = et
			h.bogusProto, h.bogusInfo = "VLAN", h.cutMark()
			if len(b) >= 2 {
				tci := binary.BigEndian.Uint16(b)
				h.bogusInfo = fmt.Sprintf("PRI: %d  DEI: %d  ID: %d", tci>>13, tci>>12&1, tci&0xfff) + h.cutMark()
			}
			return
		}
		if h.NumVLAN < len(h.VLANs) {
			h.VLANs[h.NumVLAN] = binary.BigEndian.Uint16(b) & 0x0fff
			h.NumVLAN++
		}
		et = binary.BigEndian.Uint16(b[2:])
		b = b[4:]
	}
	h.etherType(et, b)
}

func (h *Headers) etherType(et uint16, b []byte) {
	h.EtherType = et
	switch et {
	case 0x0800:
		h.ipv4(b)
	case 0x86dd:
		h.ipv6(b)
	case 0x0806, etherRARP:
		h.arp(b)
	case 0x8847, 0x8848:
		h.mpls(b)
	case etherPPPoESess:
		h.pppoe(b)
	case etherTEB:
		h.ethernet(b)
	case uint16(etherMACsec):
		h.macsec(b)
	default:
		if et != 0 && et <= 1500 && isSNAPEthernet(b) {
			// IEEE 802.3 with LLC/SNAP carrying an EtherType (RFC 1042):
			// the frame's length bounds the payload.
			h.llc(b[:min(len(b), int(et))])
			return
		}
		h.LinkPayload = b
	}
}

// isSNAPEthernet reports whether b starts with an LLC/SNAP header whose
// OUI says an EtherType follows (RFC 1042's 00-00-00, 802.1H's 00-00-F8),
// rather than a vendor's protocol ID (Cisco's CDP, PVST+).
func isSNAPEthernet(b []byte) bool {
	return len(b) >= 8 && b[0] == 0xaa && b[1] == 0xaa && b[2] == 0x03 && b[3] == 0 && b[4] == 0 && (b[5] == 0 || b[5] == 0xf8)
}

// mpls skips an MPLS label stack and decodes what follows it as
// mplsPayloadOf says Wireshark does.
// A stack cut short, one without a bottom label, or a bottom label with
// nothing after it reads "MPLS Label Switched Packet[Malformed Packet]";
// a payload ladder does not decode (a PW associated channel) reads the
// same without the mark (tshark 4.0 on lab__encap-crafted).
func (h *Headers) mpls(b []byte) {
	h.bogusProto, h.bogusInfo = "MPLS", mplsInfo+h.cutMark()
	for range 16 {
		if len(b) < 4 {
			return
		}
		bottom := b[2]&1 != 0
		label := binary.BigEndian.Uint32(b) >> 12
		b = b[4:]
		if bottom {
			if len(b) == 0 {
				return
			}
			h.bogusProto, h.bogusInfo = "", ""
			payload := mplsPayloadOf(b)
			if label == mplsGAL {
				payload = mplsData // an associated channel follows (RFC 5586)
			}
			switch payload {
			case mplsIPv4, mplsIPv6:
				h.rawIP(b)
			case mplsEthernet:
				h.ethernet(b)
			case mplsEthernetCW:
				h.ethernet(b[4:])
			default:
				h.bogusProto, h.bogusInfo = "MPLS", mplsInfo
			}
			return
		}
	}
}

// mplsGAL is the Generic Associated Channel Label (RFC 5586).
const mplsGAL = 13

// mplsInfo is packet-mpls.c's Info text.
const mplsInfo = "MPLS Label Switched Packet"

// cutMark is what tshark appends where a header ends before its bytes do:
// capCut when the capture kept fewer bytes than the wire carried, else
// malformedMark.
func (h *Headers) cutMark() string {
	if h.Missing > 0 {
		return capCut
	}
	return malformedMark
}

// mplsPayload is what follows the bottom of an MPLS label stack.
type mplsPayload uint8

const (
	mplsData       mplsPayload = iota // not decoded (PW associated channel, unknown)
	mplsIPv4                          // an IPv4 packet
	mplsIPv6                          // an IPv6 packet
	mplsEthernet                      // an Ethernet pseudowire without control word
	mplsEthernetCW                    // an Ethernet pseudowire with a 4-byte control word (RFC 4448)
)

// mplsPayloadOf is packet-mpls.c's guess from the payload's first nibble
// (RFC 4385, RFC 4928) when no label is bound to a protocol: 4 is IPv4
// when its total length fits what follows (up to 4 bytes of padding
// more), else an Ethernet pseudowire without control word (pw-eth's
// heuristic: a first nibble other than 0 has none); 6 is IPv6; 1 is a
// pseudowire associated channel; 0 is an Ethernet pseudowire, with a
// control word unless both MAC addresses read without one start with
// prefixes Wireshark's manufacturer file knows (manufKnows).
func mplsPayloadOf(b []byte) mplsPayload {
	if len(b) == 0 {
		return mplsData
	}
	switch b[0] >> 4 {
	case 4:
		if len(b) < 4 {
			return mplsIPv4 // too short to tell: IPv4, which then runs out
		}
		if ipLen := int(binary.BigEndian.Uint16(b[2:])); ipLen >= len(b)-4 && ipLen <= len(b) {
			return mplsIPv4
		}
		return mplsEthernet
	case 6:
		return mplsIPv6
	case 0:
		if len(b) >= 14 && manufKnows(b[0:3]) && manufKnows(b[6:9]) {
			return mplsEthernet
		}
		if len(b) >= 4 {
			return mplsEthernetCW
		}
	}
	return mplsData
}

func (h *Headers) rawIP(b []byte) {
	if len(b) == 0 {
		return
	}
	v := int(b[0] >> 4)
	switch {
	case h.Link == LinkIPv6 && v != 6:
		h.bogusProto, h.bogusInfo = "IPv6", fmt.Sprintf("Bogus IPv6 version (%d, must be 6)", v)
	case v == 4 || v == 6:
		h.ipVersion(v, b)
	case h.Link == LinkIPv4:
		// LINKTYPE_IPV4 goes to Wireshark's version-dispatching "ip"
		h.bogusProto, h.bogusInfo = "IP", fmt.Sprintf("Bogus IP version (%d)", v)
	default:
		// the raw link types try IPv4 and IPv6 and else show the bytes
		h.bogusProto, h.bogusInfo = "N/A", "Raw packet data"
	}
}

// ipVersion decodes b as an IPv4 (4) or IPv6 (6) packet, as a link header
// that names the network layer says it is; any other version is left.
func (h *Headers) ipVersion(v int, b []byte) {
	switch v {
	case 4:
		h.EtherType = 0x0800
		h.ipv4(b)
	case 6:
		h.EtherType = 0x86dd
		h.ipv6(b)
	}
}

func (h *Headers) bsdFamily(af uint32, b []byte) {
	switch af {
	case 2:
		h.ipVersion(4, b)
	case 10, 24, 28, 30:
		h.ipVersion(6, b)
	}
}

// nflog finds the packet payload TLV (NFULA_PAYLOAD) in a Linux NFLOG record.
func (h *Headers) nflog(b []byte) {
	if len(b) < 4 {
		return
	}
	family := b[0]
	b = b[4:]
	for len(b) >= 4 {
		n := int(binary.LittleEndian.Uint16(b))
		typ := binary.LittleEndian.Uint16(b[2:]) & 0x7fff
		if n < 4 || n > len(b) {
			return
		}
		if typ == 9 {
			switch family {
			case 2:
				h.EtherType = 0x0800
				h.ipv4(b[4:n])
			case 10:
				h.EtherType = 0x86dd
				h.ipv6(b[4:n])
			}
			return
		}
		b = b[min((n+3)&^3, len(b)):]
	}
}

func (h *Headers) arp(b []byte) {
	if len(b) < 8 || len(b) < 8+2*int(b[4])+2*int(b[5]) {
		if h.Missing == 0 {
			h.bogusProto, h.bogusInfo = "ARP", malformedMark
		}
		return
	}
	hl, pl := int(b[4]), int(b[5])
	h.Net = NetARP
	h.ARPHwType = binary.BigEndian.Uint16(b)
	h.ARPProtType = binary.BigEndian.Uint16(b[2:])
	h.ARPOp = binary.BigEndian.Uint16(b[6:])
	p := b[8:]
	h.ARPSHA, p = p[:hl], p[hl:]
	h.ARPSPA, p = p[:pl], p[pl:]
	h.ARPTHA, p = p[:hl], p[hl:]
	h.ARPTPA = p[:pl]
}

func (h *Headers) ipv4(b []byte) {
	if len(b) < 20 {
		if h.Missing == 0 {
			// captured whole, yet shorter than a header: packet-ip.c
			// runs out of bytes
			h.bogusProto, h.bogusInfo = "IPv4", malformedMark
		}
		return
	}
	if v := b[0] >> 4; v != 4 {
		if v == 6 {
			h.ipv6(b) // Wireshark's IPv4 dissector hands version 6 on
			return
		}
		h.bogusProto, h.bogusInfo = "IPv4", fmt.Sprintf("Bogus IPv4 version (%d, must be 4)", v)
		return
	}
	ihl := int(b[0]&0x0f) * 4
	if ihl < 20 {
		h.bogusProto, h.bogusInfo = "IPv4", fmt.Sprintf("Bogus IP header length (%d, must be at least 20)", ihl)
		return
	}
	if ihl > len(b) {
		return
	}
	h.Net = NetIPv4
	h.Src, h.Dst = b[12:16], b[16:20]
	h.TTL = b[8]
	h.IPID = binary.BigEndian.Uint16(b[4:])
	h.IPProto = b[9]
	total := int(binary.BigEndian.Uint16(b[2:]))
	if total == 0 {
		total = len(b) + h.Missing // TCP segmentation offload: length left zero
	}
	h.IPLen = total
	if total < ihl {
		h.IPBad = true
		h.bogusProto, h.bogusInfo = "IPv4", fmt.Sprintf("Bogus IP length (%d, less than header length %d)", total, ihl)
		return
	}
	frag := binary.BigEndian.Uint16(b[6:])
	h.FragOff = frag & 0x1fff
	if frag&0x2000 != 0 || h.FragOff != 0 {
		h.Fragment = true
		h.FragID, h.fragMore = uint32(h.IPID), frag&0x2000 != 0
		h.fragPayload, h.ipPayloadLen = b[ihl:min(total, len(b))], total-ihl
		return
	}
	end := min(total, len(b))
	p, claimed := b[ihl:end], min(total, len(b)+h.Missing)-ihl
	if h.IPProto == ipProtoAH && len(p) >= 8 {
		// an authentication header (RFC 4302) before the transport, as
		// IPv6 has it among its extension headers
		if n := (int(p[1]) + 2) * 4; n <= len(p) {
			h.IPProto, p, claimed, h.AH = p[0], p[n:], claimed-n, true
		}
	}
	h.IPPayload = p
	if claimed == 0 && !h.AH && total == ihl {
		h.ipEmpty = true
		return
	}
	h.transport(p, claimed)
}

// ipProtoAH is IPsec's authentication header (RFC 4302).
const ipProtoAH = 51

func (h *Headers) ipv6(b []byte) {
	if len(b) < 40 && h.Missing == 0 {
		// captured whole, yet shorter than a header: packet-ipv6.c
		// rejects another version first
		switch {
		case len(b) == 0:
			h.bogusProto, h.bogusInfo = "IPv6", malformedMark
		case b[0]>>4 == 6:
			h.bogusProto, h.bogusInfo = "IPv6", fmt.Sprintf("Invalid IPv6 header (%d bytes, need exactly 40)%s", len(b), malformedMark)
		}
	}
	if len(b) < 40 || b[0]>>4 != 6 {
		return
	}
	h.Net = NetIPv6
	h.Src, h.Dst = b[8:24], b[24:40]
	h.TTL = b[7]
	plen := int(binary.BigEndian.Uint16(b[4:]))
	h.IPLen = 40 + plen
	reported := min(plen, len(b)-40+h.Missing)
	next := b[6]
	if plen == 0 && next != ipv6NoNext {
		// no Jumbo Payload (RFC 2675) is read: tshark 4.0 rejects it too
		h.IPProto, h.ipEmpty = next, true
		return
	}
	p := b[40:min(len(b), 40+plen)]
	remaining := reported
	for range 16 { // extension headers, bounded
		switch next {
		case 0, 43, 60: // hop-by-hop, routing, destination options
			if len(p) < 8 {
				h.ipv6Cut(next, p)
				return
			}
			n := (int(p[1]) + 1) * 8
			if n > len(p) {
				h.ipv6Cut(next, p)
				return
			}
			h.v6ExtInfo = ipv6ExtInfo[next]
			next, p, remaining = p[0], p[n:], remaining-n
		case 44: // fragment
			if len(p) < 8 {
				h.ipv6Cut(next, p)
				return
			}
			fo := binary.BigEndian.Uint16(p[2:])
			h.IPID = uint16(binary.BigEndian.Uint32(p[4:]))
			h.FragOff = fo >> 3
			if fo&1 != 0 || h.FragOff != 0 {
				h.IPProto = p[0]
				h.Fragment = true
				h.FragID, h.fragMore = binary.BigEndian.Uint32(p[4:]), fo&1 != 0
				h.fragPayload, h.ipPayloadLen = p[8:], remaining-8
				return
			}
			next, p, remaining = p[0], p[8:], remaining-8
		case 51: // authentication header
			if len(p) < 8 {
				h.ipv6Cut(next, p)
				return
			}
			n := (int(p[1]) + 2) * 4
			if n > len(p) {
				h.ipv6Cut(next, p)
				return
			}
			next, p, remaining = p[0], p[n:], remaining-n
		default:
			h.IPProto = next
			h.IPPayload = p
			h.transport(p, remaining)
			return
		}
	}
}

// ipv6ExtInfo are the Info texts of tshark's IPv6 extension header
// dissectors.
var ipv6ExtInfo = map[uint8]string{0: "IPv6 hop-by-hop options", 43: "IPv6 routing", 60: "IPv6 destination options"}

// ipv6Cut records an IPv6 extension header of type next that the
// payload p cannot hold, when the packet was captured whole: tshark's
// extension header dissector names itself in the Info column, then throws.
func (h *Headers) ipv6Cut(next uint8, p []byte) {
	h.IPProto = next
	if h.Missing != 0 {
		return
	}
	const malformed = malformedMark
	h.bogusProto, h.bogusInfo = "IPv6", malformed
	switch next {
	case 0, 60:
		h.bogusInfo = ipv6ExtInfo[next] + malformed
	case 43:
		h.bogusInfo = ipv6ExtInfo[next] + malformed
		if len(p) >= 4 {
			// the routing header's fixed part is read, its length
			// then overruns the payload
			h.bogusInfo = "IPv6 routing[Malformed Packet: length of contained item exceeds length of containing item]"
		}
	case 51:
		h.bogusProto = "AH"
	}
}

// tcpBad records a TCP header that is too short or whose data offset is
// impossible. When the packet was captured whole and holds the header up to
// the window (16 bytes), packet-tcp.c has read the ports, numbers and flags
// and joined the segment to its conversation (tcp.stream) before it gives
// up, so the segment keeps them (HasTransport) along with TransportBad.
func (h *Headers) tcpBad(b []byte) {
	h.TransportBad = true
	if len(b) < 16 || h.Missing != 0 {
		return
	}
	h.tcpFixed(b)
}

// tcpFixed reads the TCP header's first 16 bytes (b holds at least that):
// ports, sequence and acknowledgement numbers, flags and window.
func (h *Headers) tcpFixed(b []byte) {
	h.HasTransport = true
	h.SrcPort = binary.BigEndian.Uint16(b)
	h.DstPort = binary.BigEndian.Uint16(b[2:])
	h.Seq = binary.BigEndian.Uint32(b[4:])
	h.Ack = binary.BigEndian.Uint32(b[8:])
	h.Flags = uint16(b[13]) | uint16(b[12]&0x0f)<<8
	h.Window = binary.BigEndian.Uint16(b[14:])
}

// transport decodes TCP, UDP or ICMP from b (captured bytes of the IP payload);
// claimed is the payload length the IP header declares.
func (h *Headers) transport(b []byte, claimed int) {
	switch h.IPProto {
	case ProtoTCP:
		if len(b) < 20 {
			h.tcpBad(b)
			return
		}
		off := int(b[12]>>4) * 4
		if off < 20 {
			h.tcpBad(b)
			return
		}
		if off > len(b) {
			if off > len(b)+h.Missing {
				h.tcpBad(b)
				return
			}
			h.Truncated = true // options cut off by the snapshot length
		}
		h.tcpFixed(b)
		h.Urgent = binary.BigEndian.Uint16(b[18:])
		h.TCPOptions = b[20:min(off, len(b))]
		h.PayloadLen = max(claimed-off, 0)
		h.Payload = b[min(off, len(b)):]
	case ProtoUDP:
		if len(b) < 8 {
			h.TransportBad = true
			return
		}
		h.HasTransport = true
		h.SrcPort = binary.BigEndian.Uint16(b)
		h.DstPort = binary.BigEndian.Uint16(b[2:])
		ulen := int(binary.BigEndian.Uint16(b[4:]))
		h.udpLen = ulen
		if ulen < 8 {
			// packet-udp.c stops at such a length before it makes a
			// conversation: no udp.stream
			h.HasTransport, h.TransportBad = false, true
			return
		}
		if ulen > claimed {
			ulen = claimed
		}
		h.PayloadLen = max(ulen-8, 0)
		h.Payload = b[8:min(len(b), max(ulen, 8))]
		if len(h.Payload) > 0 {
			h.udpTunnel(b, h.Payload)
		}
	case ProtoICMP, ProtoICMPv6:
		if len(b) < 4 {
			h.TransportBad = true
			return
		}
		h.HasTransport = true
		h.ICMPType, h.ICMPCode = b[0], b[1]
		h.ICMPBody = b[4:]
	case protoIPIP, protoIPv6In:
		h.ipInIP(b)
	case protoGRE:
		h.gre(b)
	}
}

// TCPOption calls fn for each TCP option (kind, value) until EOL or damage.
func TCPOptions(opts []byte, fn func(kind byte, v []byte)) {
	for len(opts) > 0 {
		k := opts[0]
		switch k {
		case 0:
			return
		case 1:
			fn(k, nil)
			opts = opts[1:]
			continue
		}
		if len(opts) < 2 {
			return
		}
		n := int(opts[1])
		if n < 2 || n > len(opts) {
			return
		}
		fn(k, opts[2:n])
		opts = opts[n:]
	}
}

// isDSACK reports whether a SACK option's blocks (its value, 8 bytes per
// block) start with a duplicate-SACK block (RFC 2883 §4): a first block
// below the segment's acknowledgement number, or lying within the second
// block. These are the two tests Wireshark's SACK dissector applies
// (checked against tshark 4.0 on crafted blocks above, below and inside
// the ACK and a second block).
func isDSACK(v []byte, ack uint32) bool {
	if len(v) < 8 {
		return false
	}
	le, re := binary.BigEndian.Uint32(v), binary.BigEndian.Uint32(v[4:])
	if int32(le-ack) < 0 {
		return true
	}
	if len(v) < 16 {
		return false
	}
	le2, re2 := binary.BigEndian.Uint32(v[8:]), binary.BigEndian.Uint32(v[12:])
	return int32(le-le2) >= 0 && int32(re2-re) >= 0
}
