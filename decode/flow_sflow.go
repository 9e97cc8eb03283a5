package decode

import "encoding/binary"

// udp.stream numbers around sFlow. tshark dissects the packet header an
// sFlow flow sample carries (Ethernet, IPv4 or IPv6) with the columns
// locked, but its UDP dissector still meets the sampled UDP header and
// numbers that conversation: the next datagram of a new conversation, the
// sFlow exporter's included, takes the number after it
// (testdata/app/lab__sflow.pcap: frame 4 samples a datagram to UDP 7001,
// which takes udp.stream 1, and the IPv6 exporter of frame 7 takes 2). So
// each sampled UDP conversation is reserved a number as the datagram
// carrying it is indexed, in the order tshark meets them. Not modelled:
// the TCP conversations sampled headers hold (tshark numbers them in
// tcp.stream too), and sampled headers inside sampled sFlow datagrams.

// noteSFlow reserves the udp.stream numbers of the UDP conversations
// sampled in sFlow datagram b.
func (x *Index) noteSFlow(b []byte) {
	if len(b) < 8 {
		return
	}
	w, _, _, ok := sflowRead(b)
	if !ok {
		return
	}
	for _, s := range w.sampled {
		src, dst, sp, dp, ok := sflowSampledUDP(s)
		if !ok {
			continue
		}
		kind := AddrIPv4
		if len(src) == 16 {
			kind = AddrIPv6
		}
		x.flows.conversation(x.addrs.intern(kind, src), x.addrs.intern(kind, dst), sp, dp)
	}
}

// sflowSampledUDP finds the addresses and ports of a sampled header that
// holds a whole UDP header after Ethernet (with at most one VLAN tag),
// IPv4 (not a later fragment) or IPv6 (UDP the first next header).
func sflowSampledUDP(s sflowSampled) (src, dst []byte, sp, dp uint16, ok bool) {
	b := s.data
	switch s.proto {
	case 1: // Ethernet
		if len(b) < 14 {
			return nil, nil, 0, 0, false
		}
		et, at := binary.BigEndian.Uint16(b[12:]), 14
		if et == 0x8100 && len(b) >= 18 {
			et, at = binary.BigEndian.Uint16(b[16:]), 18
		}
		switch et {
		case 0x0800:
			return sflowIPv4UDP(b[at:])
		case 0x86dd:
			return sflowIPv6UDP(b[at:])
		}
	case 11:
		return sflowIPv4UDP(b)
	case 12:
		return sflowIPv6UDP(b)
	}
	return nil, nil, 0, 0, false
}

func sflowIPv4UDP(b []byte) (src, dst []byte, sp, dp uint16, ok bool) {
	if len(b) < 20 || b[0]>>4 != 4 {
		return nil, nil, 0, 0, false
	}
	ihl := int(b[0]&0xf) * 4
	if ihl < 20 || b[9] != 17 || binary.BigEndian.Uint16(b[6:])&0x1fff != 0 || len(b) < ihl+8 {
		return nil, nil, 0, 0, false
	}
	return b[12:16], b[16:20], binary.BigEndian.Uint16(b[ihl:]), binary.BigEndian.Uint16(b[ihl+2:]), true
}

func sflowIPv6UDP(b []byte) (src, dst []byte, sp, dp uint16, ok bool) {
	if len(b) < 48 || b[0]>>4 != 6 || b[6] != 17 {
		return nil, nil, 0, 0, false
	}
	return b[8:24], b[24:40], binary.BigEndian.Uint16(b[40:]), binary.BigEndian.Uint16(b[42:]), true
}
