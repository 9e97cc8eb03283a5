#!/usr/bin/env python3
"""Writes lab__tns-crafted.pcap: Oracle TNS packets that go-ora and the responder of lab__tns.sh did not exchange
(no Oracle server runs here), laid out byte by byte from the TNS packet layout: an Accept (version 314), Data
packets with each data ID of the TTC layer that tshark names and with the Secure Network Services magic, a Data
packet that only carries its flags, Marker packets both ways, Null, Abort, Attention, Control, Acknowledge and
an unknown type in one segment, a Data packet split over two segments, and a connection whose Accept announces
version 317, after which the header's length is 32 bits. tshark 4.0.17 on the output is the oracle.
Usage: python3 lab__tns-crafted.py OUT.pcap"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labpcap import TCPConn, write_pcap

C, S = bytes([10, 77, 9, 1]), bytes([10, 77, 9, 2])
mac = {C: b"\x02\0\0\0\0\x01", S: b"\x02\0\0\0\0\x02"}
frames = []


def Conn(cport, sport=1521):
    return TCPConn(frames, mac, C, S, cport, sport)


def pkt(typ, body, flags=0, wide=False):
    if wide:
        return struct.pack(">IBBH", 8 + len(body), typ, flags, 0) + body
    return struct.pack(">HHBBH", 8 + len(body), 0, typ, flags, 0) + body


cd = b"(DESCRIPTION=(CONNECT_DATA=(SERVICE_NAME=XE)(CID=(PROGRAM=x)(HOST=h)(USER=u)))" \
     b"(ADDRESS=(PROTOCOL=tcp)(HOST=10.77.9.2)(PORT=1521)))"


def connect(version):
    return struct.pack(">HHHHHHHHHHIBB", version, 300, 0x0c41, 8192, 32767, 0x4f98, 0, 1, len(cd), 58, 0, 0x41, 0x41) + \
        b"\0" * 24 + cd


a = Conn(42001)
a.send(C, pkt(1, connect(314)))
a.send(S, pkt(2, struct.pack(">HHHHHHHBB", 314, 0x0801, 8192, 32767, 0x0100, 0, 32, 0x41, 0x41) + b"\0" * 8))
for i in [1, 2, 3, 4, 5, 6, 7, 8, 9, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10, 0x11, 0x12, 0x13, 0x20]:
    a.send(C if i % 2 else S, pkt(6, b"\x00\x00" + bytes([i]) + b"\x00" * 40))
a.send(C, pkt(6, b"\x00\x00" + b"\xde\xad\xbe\xef" + b"\x00" * 40))
a.send(C, pkt(6, b"\x00\x40"))
a.send(C, pkt(12, b"\x01\x00\x01"))
a.send(S, pkt(12, b"\x01\x00\x02"))
a.send(C, pkt(7, b"") + pkt(9, b"\x00\x00\x00") + pkt(14, b"\x00\x09\x00\x00") + pkt(3, b"") + pkt(99, b"x"))
d = pkt(6, b"\x00\x00\x03" + b"\x00" * 1500)
a.send(C, d[:1000])
a.send(C, d[1000:])

b = Conn(42002)
b.send(C, pkt(1, connect(317)))
b.send(S, pkt(2, struct.pack(">HHHHHHHBB", 317, 0x0801, 8192, 32767, 0x0100, 0, 32, 0x41, 0x41) + b"\0" * 8))
b.send(C, pkt(6, b"\x00\x00\x03" + b"\x00" * 40, wide=True))
b.send(S, pkt(6, b"\x00\x00\x08" + b"\x00" * 40, wide=True))
b.send(C, pkt(6, b"\x00\x40", wide=True))
write_pcap(sys.argv[1], 1, frames)
