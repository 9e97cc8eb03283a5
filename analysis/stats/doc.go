// Package stats computes the statistics Wireshark users reach for after the
// packet list, from the packet index alone (no packet is read again):
// conversations and endpoints as tshark -z conv,tcp / conv,udp /
// endpoints,ip print them, a protocol hierarchy down to the transport layer,
// an I/O series of packets and bytes per interval with resets and expert
// notes marked, and the Stevens time-sequence data of one TCP flow.
//
// Everything here is a plain model; ui/chart draws the series and the
// time-sequence graph, and the CLI prints the tables.
package stats
