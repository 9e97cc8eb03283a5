package decode

import "encoding/binary"

// Layout of a TPACKET_V3 receive ring (linux/if_packet.h): the ring is
// blocks of packets; each block starts with a tpacket_block_desc and holds
// num_pkts packets, each a tpacket3_hdr, then at TPACKET_ALIGN(48) the
// sockaddr_ll of the packet (sender, packet type, protocol), then at tp_mac
// the captured bytes. Offsets are in bytes from the start of the structure.
// The kernel writes these blocks, but ladder reads them as it reads any
// packet: every offset and length is checked against the block.
const (
	v3BlockStatus = 8  // tpacket_hdr_v1.block_status
	v3NumPkts     = 12 // tpacket_hdr_v1.num_pkts
	v3FirstPkt    = 16 // tpacket_hdr_v1.offset_to_first_pkt
	v3BlockHeader = 48 // sizeof(struct tpacket_block_desc)

	v3NextOffset = 0  // tpacket3_hdr.tp_next_offset
	v3Sec        = 4  // tp_sec
	v3Nsec       = 8  // tp_nsec
	v3Snaplen    = 12 // tp_snaplen
	v3Len        = 16 // tp_len
	v3Mac        = 24 // tp_mac (uint16)
	v3Header     = 48 // sizeof(struct tpacket3_hdr), already TPACKET_ALIGNed

	// sockaddr_ll after the header: sll_protocol (network order),
	// sll_ifindex, sll_hatype, sll_pkttype, sll_halen, sll_addr[8].
	sllProtocol = 2
	sllIfindex  = 4
	sllHatype   = 8
	sllPkttype  = 10
	sllHalen    = 11
	sllAddr     = 12
	sllSize     = 20
)

// v3Frame is one packet of a TPACKET_V3 block.
type v3Frame struct {
	time     int64  // Unix nanoseconds
	data     []byte // the captured bytes, inside the block
	wireLen  uint32 // length on the wire
	protocol uint16 // sll_protocol as it lies in memory (network order)
	ifindex  int32
	hatype   uint16
	pkttype  uint8
	halen    uint8
	addr     [8]byte
}

// v3Block walks the packets of one block the kernel handed over.
type v3Block struct {
	b    []byte
	left uint32 // packets not yet returned
	off  int    // offset of the next packet's header
}

// openV3Block starts walking block b (a whole ring block); it returns false
// when the descriptor does not describe packets inside b.
func openV3Block(b []byte) (v3Block, bool) {
	if len(b) < v3BlockHeader {
		return v3Block{}, false
	}
	ne := binary.NativeEndian
	n := ne.Uint32(b[v3NumPkts:])
	first := int(ne.Uint32(b[v3FirstPkt:]))
	if n == 0 {
		return v3Block{b: b}, true
	}
	if first < v3BlockHeader || first > len(b) || n > uint32(len(b)/v3Header) {
		return v3Block{}, false
	}
	return v3Block{b: b, left: n, off: first}, true
}

// next returns the block's next packet; ok is false at the end of the
// block or at the first packet whose header or bytes fall outside it (the
// rest of the block is then skipped).
func (k *v3Block) next(f *v3Frame) bool {
	if k.left == 0 {
		return false
	}
	b, off := k.b, k.off
	if off < v3BlockHeader || off > len(b)-v3Header-sllSize {
		k.left = 0
		return false
	}
	ne := binary.NativeEndian
	h := b[off:]
	mac := int(ne.Uint16(h[v3Mac:]))
	snap := int(ne.Uint32(h[v3Snaplen:]))
	if mac < v3Header+sllSize || snap > len(h)-mac || snap < 0 {
		k.left = 0
		return false
	}
	nsec := ne.Uint32(h[v3Nsec:])
	f.time = int64(ne.Uint32(h[v3Sec:]))*1e9 + int64(min(nsec, 999_999_999))
	f.data = h[mac : mac+snap]
	f.wireLen = max(ne.Uint32(h[v3Len:]), uint32(snap))
	sll := h[v3Header:]
	f.protocol = ne.Uint16(sll[sllProtocol:])
	f.ifindex = int32(ne.Uint32(sll[sllIfindex:]))
	f.hatype = ne.Uint16(sll[sllHatype:])
	f.pkttype = sll[sllPkttype]
	f.halen = min(sll[sllHalen], 8)
	copy(f.addr[:], sll[sllAddr:sllAddr+8])
	k.left--
	if k.left > 0 {
		// The next packet must lie beyond this one: no loops.
		next := int(ne.Uint32(h[v3NextOffset:]))
		if next < v3Header+sllSize || next > len(b)-off {
			k.left = 0
		} else {
			k.off = off + next
		}
	}
	return true
}
