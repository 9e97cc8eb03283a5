#!/usr/bin/env python3
"""Writes lab__ndp-crafted.pcap: IPv6 Neighbor Discovery messages (RFC 4861 §4: Router Solicitation and
Advertisement, Neighbor Solicitation and Advertisement, Redirect) each followed by one option list from a set
that runs through whole, cut and zero-length options (link-layer addresses, prefix information, MTU, RDNSS of
RFC 8106, an unknown type, a lone byte, redirected headers longer than the packet). tshark 4.0.17 on the output
is the oracle. Usage: python3 lab__ndp-crafted.py OUT.pcap"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labpcap import csum, write_pcap

SRC = bytes.fromhex("fe800000000000000000000000000001")
DST = bytes.fromhex("ff020000000000000000000000000001")
ETH = b"\x33\x33\0\0\0\x01\x02\0\0\0\0\x01\x86\xdd"
fr = []


def icmp6(typ, code, body):
    m = struct.pack(">BBH", typ, code, 0) + body
    c = csum(SRC + DST + struct.pack(">IxxxB", len(m), 58) + m)
    m = m[:2] + struct.pack(">H", c) + m[4:]
    fr.append(ETH + struct.pack(">IHBB", 0x60000000, len(m), 58, 255) + SRC + DST + m)


LL = b"\x01\x01\x02\0\0\0\0\x01"
PI = struct.pack(">BBBBIII", 3, 4, 64, 0xc0, 3600, 1800, 0) + bytes(16)
MTU = struct.pack(">BBHI", 5, 1, 0, 1500)
RDNSS = struct.pack(">BBHI", 25, 3, 0, 600) + bytes(16)
OPTIONS = [b"", LL, LL[:4], b"\x01\x00" + b"\0" * 6, b"\x01\x02" + LL[2:], PI, PI[:20], MTU, MTU[:6], RDNSS,
           RDNSS[:12], b"\x19\x02\0\0\0\0\0\0" + bytes(8), b"\x99\x01" + b"\0" * 6, b"\x01", LL + b"\x05"]
FIXED = [(133, b"\0\0\0\0"), (134, struct.pack(">BBHII", 64, 0, 1800, 0, 0)), (135, b"\0\0\0\0" + SRC),
         (136, struct.pack(">I", 0xe0000000) + SRC)]
for typ, fixed in FIXED:
    for o in OPTIONS:
        icmp6(typ, 0, fixed + o)
for o in (b"", LL, b"\x04\x01" + b"\0" * 6, b"\x04\x02" + b"\0" * 14, b"\x04\x03" + b"\0" * 6):
    icmp6(137, 0, b"\0\0\0\0" + SRC + DST + o)
write_pcap(sys.argv[1], 1, fr)
