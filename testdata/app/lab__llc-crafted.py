#!/usr/bin/env python3
"""Writes lab__llc-crafted.pcap: IEEE 802.3 frames whose IEEE 802.2 LLC header runs through every control byte
(I frames and S frames with their second control byte, U frames with every modifier, the poll/final bit set and
clear) as a command and as a response, then through every even service access point tshark hands to no other
dissector, and a few group and response SAPs. The Info text is packet-xdlc.c's description of the control
field and packet-llc.c's SAP names. tshark 4.0.17 on the output is the oracle.
Usage: python3 lab__llc-crafted.py OUT.pcap"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labpcap import write_pcap

M = b"\x02\0\0\0\0\x02\x02\0\0\0\0\x01"
# SAPs whose frames tshark 4.0 gives to another dissector (SNA, IP, IPX, CLNP, STP, X.25, XNS, BACnet, Vines,
# NetBIOS, HP extended LLC, RPL): ladder reads only some of those
DISSECTED = {0x04, 0x06, 0x08, 0x0c, 0x10, 0x14, 0x20, 0x34, 0x40, 0x42, 0x54, 0x7e, 0x80, 0x82, 0xaa, 0xbc, 0xc8,
             0xe0, 0xf0, 0xf8, 0xfc, 0xfe}
fr = []


def frame_8023(p):
    fr.append(M + struct.pack(">H", len(p)) + p + b"\0" * max(0, 46 - len(p)))


for ssap in (0x00, 0x01):
    for ctl in range(256):
        frame_8023(bytes([0x00, ssap, ctl, 0x0b]) + b"\0" * 8)
for sap in range(0, 256, 2):
    if sap not in DISSECTED:
        frame_8023(bytes([sap, sap, 0x03]) + b"\0" * 8)
for dsap, ssap in ((0x01, 0x00), (0x43, 0x00), (0xab, 0x00), (0xff, 0x00), (0x12, 0x13)):
    frame_8023(bytes([dsap, ssap, 0x03]) + b"\0" * 8)
write_pcap(sys.argv[1], 1, fr)
