package decode

import "fmt"

// ipv6EmptyColumns are the Protocol and Info columns of an IPv6 packet whose
// payload length is 0 but whose next header promises something. tshark 4.0
// hands the empty buffer to the next header's dissector, and what the
// columns show depends on how far that dissector gets before it throws:
// most throw before naming themselves (the column stays IPv6), some name
// themselves first, the extension headers write their own text, and a
// protocol without a dissector reads "Unknown IP Protocol". Read off
// tshark 4.0.17 for every next-header value 0 to 255
// (testdata/app/lab__ipv6-empty-crafted.py).
func ipv6EmptyColumns(nh uint8) (string, string) {
	const malformed = malformedMark
	if name, ok := ipv6EmptyNamed[nh]; ok {
		return name, malformed
	}
	switch nh {
	case 0:
		return "IPv6", "Invalid IPv6 payload length , IPv6 hop-by-hop options" + malformed
	case 43:
		return "IPv6", "IPv6 routing" + malformed
	case 60:
		return "IPv6", "IPv6 destination options" + malformed
	case 137:
		return "MPLS", "MPLS Label Switched Packet" + malformed
	case 224:
		return "NCS", "Novell Cluster Services Heartbeat" + malformed
	case 2, 4, 6, 17, 33, 41, 44, 47, 80, 132, 136, 140:
		// IGMP, IPIP, TCP, UDP, DCCP, IPv6, Fragment, GRE, ISO-IP,
		// SCTP, UDP-Lite, Shim6: their dissectors throw before they
		// name the packet
		return "IPv6", malformed
	}
	return "IPv6", fmt.Sprintf("Unknown IP Protocol: %s (%d)", protoName(nh), nh)
}

// ipv6EmptyNamed are the next headers whose tshark dissector names the
// packet before it finds the payload empty (tshark's spelling, including
// its naming of protocol 62 as MIPv6).
var ipv6EmptyNamed = map[uint8]string{
	1: "ICMP", 9: "IGRP", 46: "RSVP", 50: "ESP", 51: "AH", 53: "swIPe", 54: "NHRP", 58: "ICMPv6",
	62: "MIPv6", 83: "Vines FRP", 88: "EIGRP", 89: "OSPF", 93: "AX.25", 97: "ETHERIP", 103: "PIM",
	108: "IPComp", 112: "VRRP", 115: "L2TPv3", 134: "RSVP-E2EI", 135: "MIPv6", 139: "HIP",
	143: "Ethernet", 173: "AX4000",
}
