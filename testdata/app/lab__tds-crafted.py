#!/usr/bin/env python3
"""Writes lab__tds-crafted.pcap: TDS packets ([MS-TDS] §2.2.3 packet header, §2.2.6 messages) that FreeTDS's tsql
and the responder of lab__tds.sh did not send, laid out byte by byte: an RPC by procedure ID and by name, an
attention and its acknowledgement, two TDS packets in one segment, a message of two packets, the other packet
types (TDS 4/5 login and query, bulk load, transaction manager request, SSPI, an unknown type), a header cut short
by the segment, and TDS on a port that is not 1433 (found by tshark's enabled "tcp tds" heuristic) next to
traffic on such a port that is not TDS. tshark 4.0.17 on the output is the oracle. Usage: python3 lab__tds-crafted.py OUT.pcap"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labpcap import TCPConn, write_pcap

C, S = bytes([10, 77, 8, 1]), bytes([10, 77, 8, 2])
MC, MS = b"\x02\0\0\0\0\x01", b"\x02\0\0\0\0\x02"
mac = {C: MC, S: MS}
frames = []


def Conn(cport, sport=1433):
    return TCPConn(frames, mac, C, S, cport, sport)


def pkt(typ, data, status=1, pid=1, spid=0):
    return struct.pack(">BBHHBB", typ, status, 8 + len(data), spid, pid, 0) + data


def ucs2(s):
    return s.encode("utf-16-le")


ALL_HEADERS = struct.pack("<IIHQI", 22, 18, 2, 0, 1)
DONE = b"\xfd" + struct.pack("<HHQ", 0x10, 0xc1, 1)

a = Conn(41001)
# RPC by procedure ID (sp_executesql, 10) with one NVARCHAR parameter
rpc = ALL_HEADERS + struct.pack("<HHH", 0xffff, 10, 0) + b"\x00\x00" + b"\xe7" + struct.pack("<H", 8000) + \
    bytes([0x09, 0x04, 0xd0, 0x00, 0x34]) + struct.pack("<H", len(ucs2("select 2"))) + ucs2("select 2")
a.send(C, pkt(0x03, rpc))
a.send(S, pkt(0x04, b"\xff" + struct.pack("<HHQ", 0x11, 0xc1, 0) + b"\x79" + struct.pack("<i", 0) +
              b"\xfe" + struct.pack("<HHQ", 0, 0xe0, 0), spid=51))
# RPC by name
rpc2 = ALL_HEADERS + struct.pack("<H", 9) + ucs2("lab_proc1") + b"\x00\x00"
a.send(C, pkt(0x03, rpc2))
a.send(S, pkt(0x04, DONE, spid=51))
# a batch, then attention, the server's acknowledgement
a.send(C, pkt(0x01, ALL_HEADERS + ucs2("waitfor delay '0:1'")))
a.send(C, pkt(0x06, b""))
a.send(S, pkt(0x04, b"\xfd" + struct.pack("<HHQ", 0x20, 0, 0), spid=51))
# two batches in one segment; a response of two packets in one segment
a.send(C, pkt(0x01, ALL_HEADERS + ucs2("select 3")) + pkt(0x01, ALL_HEADERS + ucs2("select 4"), pid=2))
a.send(S, pkt(0x04, DONE, status=0, spid=51) + pkt(0x04, DONE, pid=2, spid=51))
# a batch of two packets over two segments
text = ucs2("select 5 -- a batch sent in two TDS packets")
a.send(C, pkt(0x01, ALL_HEADERS + text[:30], status=0))
a.send(C, pkt(0x01, text[30:], pid=2))
# other packet types
a.send(C, pkt(0x07, b"\x01\x02\x03\x04"))  # bulk load data
a.send(C, pkt(0x0e, ALL_HEADERS + struct.pack("<H", 0)))  # transaction manager request: get DTC address
a.send(C, pkt(0x99, b"\x00\x01"))  # unknown packet type
# a header cut short by the segment: its rest follows
p = pkt(0x01, ALL_HEADERS + ucs2("select 6"))
a.send(C, p[:5])
a.send(C, p[5:])

# TDS on port 2433 (heuristic): pre-login, then a batch
b = Conn(41002, 2433)
pre = bytes.fromhex("00001a0006" "0100200001" "0200210001" "0300220004" "0400260001") + b"\xff" + \
    bytes.fromhex("0f0007d00000") + b"\x00" + b"\x00" + b"\x00\x00\x00\x00" + b"\x00"
b.send(C, pkt(0x12, pre))
b.send(S, pkt(0x04, pre))
b.send(C, pkt(0x01, ALL_HEADERS + ucs2("select 7")))
b.send(S, pkt(0x04, DONE, spid=52))
# not TDS on port 2433
c = Conn(41003, 2433)
c.send(C, b"HELLO there, not TDS\r\n")
# port 9999: tshark's "tcp tds" heuristic takes only a LOGIN7 of TDS 7.0 (0x70 at octet 15), packet by packet;
# a TDS 7.4 login, a pre-login and whatever follows stay TCP
login7 = lambda ver: struct.pack("<IIIIIIBBBBiI", 94, ver, 4096, 7, 100, 0, 0xe0, 3, 0, 0, 0, 0x409) + b"\x00" * 58
e = Conn(41005, 9999)
e.send(C, pkt(0x12, pre))
e.send(C, pkt(0x10, login7(0x74000004)))
e.send(C, pkt(0x01, ALL_HEADERS + ucs2("select 9")))
f = Conn(41006, 9999)
f.send(C, pkt(0x10, login7(0x74000004)))
f.send(C, pkt(0x10, login7(0x71000001)))
f.send(C, pkt(0x01, ALL_HEADERS + ucs2("select 10"), status=0x09))
write_pcap(sys.argv[1], 1, frames)
