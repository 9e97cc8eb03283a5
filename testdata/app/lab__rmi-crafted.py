#!/usr/bin/env python3
"""Writes lab__rmi-crafted.pcap: Java RMI on TCP 1099 between a client (10.0.0.2:40199) and a registry
(10.0.0.1:1099), built here from the Java RMI wire protocol's layouts for what rmiregistry and its client
(lab__rmi.sh) did not send: the SingleOp and Multiplex protocols and an unknown protocol byte, a
ProtocolNotSupported, a DgcAck with its unique identifier, bare serialization data, a segment that starts
with a line end, the JRMI header followed by a Call in one segment, a header cut after its magic, a
ProtocolAck whose endpoint runs past the segment, unknown message bytes. tshark reads each segment on its
own (packet-rmi.c does not reassemble). Raw IPv4 link type. Checked with tshark 4.0.17.
Run: python3 lab__rmi-crafted.py OUT.pcap"""
import struct, sys

from labpcap import ipv4, tcp_segment, write_pcap

C, S = bytes([10, 0, 0, 2]), bytes([10, 0, 0, 1])
ser = b"\xac\xed\x00\x05\x77\x22" + bytes(34)
msgs = [
    (True, b"JRMI\x00\x02\x4c"),
    (False, b"\x4e\x00\x08lab-host\x00\x00\x9c\x97"),
    (True, b"JRMI\x00\x01\x4d"),
    (True, b"JRMI\x00\x02\x4a"),
    (False, b"\x4f"),
    (True, b"\x54" + bytes(range(14))),
    (True, ser),
    (False, b"\x0aJRMI\x00\x02\x4b"),
    (True, b"JRMI\x00\x02\x4b\x50" + ser),
    (True, b"JRMI"),
    (False, b"\x4e\x00\x20short"),
    (False, b"\x51" + ser),
    (True, b"\x99\x00\x01"),
    (True, b"\x52"),
    (False, b"\x53"),
    (False, b"\xac"),
]
frames, seq = [], {True: 1000, False: 5000}
for up, m in msgs:
    src, dst, sp, dp = (C, S, 40199, 1099) if up else (S, C, 1099, 40199)
    frames.append(ipv4(src, dst, 6, tcp_segment(src, dst, sp, dp, seq[up], seq[not up], 0x18, m)))
    seq[up] += len(m)
write_pcap(sys.argv[1], 101, frames)
