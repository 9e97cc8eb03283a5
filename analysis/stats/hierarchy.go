package stats

import (
	"github.com/ladder-dev/ladder/decode"
)

// Node is one protocol in the hierarchy: the frames that carry it and
// their frame bytes, with the protocols above it. Names are Wireshark's
// filter names (eth, ip, ipv6, tcp, udp, icmp, icmpv6, arp).
type Node struct {
	Name     string
	Frames   int
	Bytes    int64
	Children []*Node
}

func (n *Node) child(name string) *Node {
	for _, c := range n.Children {
		if c.Name == name {
			return c
		}
	}
	c := &Node{Name: name}
	n.Children = append(n.Children, c)
	return c
}

// Hierarchy builds tshark -z io,phs's tree from the index, down to the
// transport layer: link, network, transport. Layers the index does not
// record are left out (VLAN tags, MPLS labels, application protocols,
// "data"), and so are pcapng custom blocks. The root counts every frame.
func Hierarchy(idx *decode.Index) *Node {
	root := &Node{Name: "frame"}
	for i := idx.First(); i < idx.Len(); i++ { // a live ring's window
		p := idx.Packet(i)
		if p.Proto == decode.ProtoBlock {
			continue
		}
		n := root
		add := func(name string) {
			n = n.child(name)
			n.Frames++
			n.Bytes += int64(p.OrigLen)
		}
		root.Frames++
		root.Bytes += int64(p.OrigLen)
		add(linkName(idx.LinkType(p)))
		switch p.Proto {
		case decode.ProtoARPPacket:
			add("arp")
			continue
		case decode.ProtoOther:
			continue
		}
		switch idx.Addr(p.Src).Kind {
		case decode.AddrIPv4:
			add("ip")
		case decode.AddrIPv6:
			add("ipv6")
		default:
			continue
		}
		switch p.Proto {
		case decode.ProtoTCPPacket:
			add("tcp")
		case decode.ProtoUDPPacket:
			add("udp")
		case decode.ProtoICMPPacket:
			add("icmp")
		case decode.ProtoICMPv6Packet:
			add("icmpv6")
		}
	}
	return root
}

// linkName is Wireshark's protocol name for a link type.
func linkName(link uint16) string {
	switch link {
	case decode.LinkEthernet:
		return "eth"
	case decode.LinkNull, decode.LinkLoop:
		return "null"
	case decode.LinkLinuxSLL:
		return "sll"
	case decode.LinkSLL2:
		return "sll"
	case decode.LinkNFLog:
		return "nflog"
	case decode.LinkCHDLC:
		return "chdlc"
	case decode.LinkPFLog:
		return "pflog"
	case decode.LinkENC:
		return "enc"
	case decode.LinkIPNET:
		return "ipnet"
	case decode.LinkFRelay:
		return "fr"
	case decode.LinkATMRFC1483:
		return "llc"
	case decode.LinkPrism:
		return "prism"
	case decode.LinkAVS:
		return "wlancap"
	case decode.LinkRaw, decode.LinkRawBSD, decode.LinkRawBSD14, decode.LinkIPv4, decode.LinkIPv6:
		return "raw"
	}
	return "link"
}
