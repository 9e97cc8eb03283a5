#!/usr/bin/env python3
"""Writes lab__cotp-heur-crafted.pcap: COTP data TPDUs on TCP 102 (RFC 1006 TPKT, ISO 8073 DT with the
last-data-unit bit) whose first data byte runs through the values that decide whether tshark 4.0's "T.125 over
COTP" heuristic takes them: a BER MCS connect PDU (0x7f and application tags 101-104) or a PER DomainMCSPDU
whose 6-bit choice is one RDP sends (erectDomainRequest, disconnectProviderUltimatum, attachUser Request and
Confirm, channelJoin Request and Confirm, sendData Request and Indication); every other first byte must stay
"DT TPDU (0) EOT". First bytes that tshark hands to its MMS or ATN heuristics (0x80-0x8d, 0xa0-0xad,
0xd8-0xff), and the PER choices whose bodies tshark finds malformed for this filler, are left out. tshark 4.0.17
on the output is the oracle. Usage: python3 lab__cotp-heur-crafted.py OUT.pcap"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labpcap import TCPConn, write_pcap

C, S = bytes([10, 77, 10, 1]), bytes([10, 77, 10, 2])
mac = {C: b"\x02\0\0\0\0\x01", S: b"\x02\0\0\0\0\x02"}
frames = []
SKIP = set(range(0x05, 0x08)) | set(range(0x64, 0x6c)) | set(range(0x80, 0x8e)) | set(range(0xa0, 0xae)) | \
    set(range(0xd8, 0x100))


def dt(data):
    cotp = b"\x02\xf0\x80" + data
    return struct.pack(">BBH", 3, 0, 4 + len(cotp)) + cotp


c = TCPConn(frames, mac, C, S, 40102, 102)
for first in range(0x100):
    if first not in SKIP:
        c.send(C, dt(bytes([first, 0x02, 0x00, 0x08, 0x03, 0xeb, 0x70, 0x80])))
# BER connect PDUs by tag: initial, response, additional, result, and 105 which is none of them
for tag in (0x65, 0x66, 0x67, 0x68, 0x69):
    c.send(C, dt(bytes([0x7f, tag, 0x03, 0x0a, 0x01, 0x00])))
write_pcap(sys.argv[1], 1, frames)
