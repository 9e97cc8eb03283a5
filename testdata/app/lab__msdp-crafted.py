#!/usr/bin/env python3
"""Writes lab__msdp-crafted.pcap: MSDP (RFC 3618, TCP 639) messages laid out byte by byte from the RFC, as two
peers would exchange them: KeepAlive, Source-Active with several (S,G) entries and with an encapsulated IPv4
multicast datagram (UDP, and one cut short), SA-Request and SA-Response, Notifications of every error code and
SA-Message subcode (with their data), traceroute types 6 and 7, unassigned types, several TLVs in one segment, a
TLV split across segments, lengths under 3 and past the segment, entry counts past the TLV, trailing junk.
tshark 4.0.17 on the output is the oracle. Usage: python3 lab__msdp-crafted.py OUT.pcap"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labpcap import TCPConn, ipv4, csum, write_pcap

A, B = bytes([10, 39, 0, 1]), bytes([10, 39, 0, 2])
MACS = {A: b"\x02\0\0\0\x27\x01", B: b"\x02\0\0\0\x27\x02"}
fr = []


def tlv(t, body):
    return struct.pack("!BH", t, 3 + len(body)) + body


def ip(s):
    return bytes(int(x) for x in s.split("."))


def entries(*sg):
    return b"".join(b"\0\0\0" + bytes([plen]) + ip(g) + ip(s) for plen, g, s in sg)


def sa(rp, sg, data=b"", t=1):
    return tlv(t, bytes([len(sg)]) + ip(rp) + entries(*sg) + data)


def mcast_udp(src, grp, payload):
    u = struct.pack("!HHHH", 5004, 5004, 8 + len(payload), 0) + payload
    ph = ip(src) + ip(grp) + struct.pack("!BBH", 0, 17, len(u))
    u = u[:6] + struct.pack("!H", csum(ph + u)) + u[8:]
    return ipv4(ip(src), ip(grp), 17, u, ttl=16)


def notif(code, sub, data=b""):
    return tlv(5, bytes([code, sub]) + data)


KA = tlv(4, b"")
c = TCPConn(fr, MACS, A, B, 40639, 639)
cases = [
    (A, KA),
    (B, KA),
    (A, sa("10.39.0.1", [(32, "239.1.1.1", "192.0.2.10")])),
    (A, sa("10.39.0.1", [(32, "239.1.1.1", "192.0.2.10"), (32, "239.1.1.2", "192.0.2.11"), (24, "232.0.0.9", "198.51.100.0")])),
    (A, sa("10.39.0.1", [(32, "239.1.1.3", "192.0.2.12")], mcast_udp("192.0.2.12", "239.1.1.3", b"hello multicast"))),
    (A, sa("10.39.0.1", [(32, "239.1.1.3", "192.0.2.12")], mcast_udp("192.0.2.12", "239.1.1.3", b"hello multicast")[:30])),
    (B, tlv(2, b"\0" + ip("239.1.1.1"))),
    (A, sa("10.39.0.1", [(32, "239.1.1.1", "192.0.2.10")], t=3)),
    (A, sa("10.39.0.1", [])),
    (A, KA + sa("10.39.0.1", [(32, "239.1.1.4", "192.0.2.13")]) + KA),
    (B, notif(0x81, 2)),
    (B, notif(0x01, 3)),
    (B, notif(0x82, 1, b"\0\0\0" + ip("239.1.1.1"))),
    (B, notif(0x83, 0)),
    (B, notif(0x83, 1, b"\x05")),
    (B, notif(0x83, 2, b"\0\0\0" + ip("10.39.0.1"))),
    (B, notif(0x83, 3, b"\0\0\0" + ip("239.1.1.1"))),
    (B, notif(0x83, 4, b"\0\0\0" + ip("192.0.2.10"))),
    (B, notif(0x83, 5, b"\x21")),
    (B, notif(0x83, 6, b"\0\0\0" + ip("10.39.0.2"))),
    (B, notif(0x83, 7, b"\x01\x02\x03\x04\x05\x06")),
    (B, notif(0x83, 8, b"\0\0\0" + ip("239.1.1.1"))),
    (B, notif(0x83, 9)),
    (B, notif(0x04, 0)),
    (B, notif(0x05, 1)),
    (B, notif(0x06, 0)),
    (B, notif(0x07, 0)),
    (B, notif(0x09, 4)),
    (B, notif(0x82, 1)),  # group address missing
    (A, tlv(6, b"\x01\x02\x03")),
    (A, tlv(7, b"")),
    (A, tlv(0, b"")),
    (A, tlv(200, b"\xaa\xbb")),
    (A, b"\x04\x00\x01"),  # length under 3
    (A, b"\x04\x00\x02" + KA),
    (A, tlv(1, b"\x05" + ip("10.39.0.1") + entries((32, "239.1.1.1", "192.0.2.10")))),  # count 5, one entry
    (A, KA + b"\x99\x98"),  # trailing junk
    (A, b"\x01\x00\x40" + b"\x01" + ip("10.39.0.1")),  # length past the segment
    (A, b"\x04"),
    (A, b"\x04\x00"),
    (B, notif(0x81, 2, KA)),  # the message in error follows: read as MSDP again
    (B, notif(0x86, 0, b"\x04")),
    (B, notif(0x83, 6, notif(0x81, 0, sa("10.39.0.1", [(32, "239.1.1.1", "192.0.2.10")])))),
    (B, notif(0x01, 0, KA) + tlv(2, b"\0" + ip("239.1.1.9"))),
    (B, notif(0x83, 1)),  # entry count missing
    (B, notif(0x83, 7)),
    (B, notif(0x83, 7, b"\x02\x00\x08\x00" + ip("239.1.1.1"))),
    (A, tlv(2, b"")),  # SA-Request without its group
    (A, tlv(2, b"\0" + ip("239.1.1.1") + b"\x04\x00\x03\x04")),  # longer than its fields
    (A, tlv(2, b"\0" + ip("239.1.1.1")) + KA + tlv(9, b"\x01")),
    (A, sa("10.39.0.1", [(32, "239.1.1.3", "192.0.2.12")], b"\x45")),
    (A, sa("10.39.0.1", [(32, "239.1.1.3", "192.0.2.12")], mcast_udp("192.0.2.12", "239.1.1.3", b"x")[:10])),
    (A, sa("10.39.0.1", [(32, "239.1.1.3", "192.0.2.12")], b"\x60\0\0\0\0\x08\x11\x40" + bytes(40))),
    (A, sa("10.39.0.1", [(32, "239.1.1.3", "192.0.2.12")], mcast_udp("192.0.2.12", "239.1.1.3", b"x")) + KA),
    (A, tlv(1, b"\x01" + ip("10.39.0.1")[:3])),  # RP address cut
    (A, tlv(1, b"")),
    (A, tlv(3, b"\x02" + ip("10.39.0.1") + entries((32, "239.1.1.1", "192.0.2.10")) + b"\x01\x02")),
]
for src, payload in cases:
    c.send(src, payload)
# one SA split over three segments
d = TCPConn(fr, MACS, A, B, 40640, 639)
m = sa("10.39.0.1", [(32, "239.1.1.5", "192.0.2.14"), (32, "239.1.1.6", "192.0.2.15")])
d.send(A, m[:2])
d.send(A, m[2:10])
d.send(A, m[10:] + KA)
d.send(B, KA)
write_pcap(sys.argv[1], 1, fr)
